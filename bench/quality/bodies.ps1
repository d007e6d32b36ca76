<#
.SYNOPSIS
  Extraction runs of the quality benchmark: every page through Import-NewsArticle, as a user imports a saved page.
.DESCRIPTION
  Writes {"<page id>": "<Body>"} (the id is the file name without its extension) and, under "_errors", the ErrorId
  of every page that gave no article (NotAnArticle and the like): such a page scores as an empty extraction.
#>
param(
    [Parameter(Mandatory)][string] $Module,
    # A file with one page path a line.
    [Parameter(Mandatory)][string] $ListFile,
    [Parameter(Mandatory)][string] $Out
)
$ErrorActionPreference = 'Stop'
$WarningPreference = 'SilentlyContinue'
$ProgressPreference = 'SilentlyContinue'
Import-Module $Module
$paths = @(Get-Content -LiteralPath $ListFile | Where-Object { $_ })
$bodies = [ordered]@{}
foreach ($p in $paths) { $bodies[[IO.Path]::GetFileNameWithoutExtension($p)] = '' }
$failed = [ordered]@{}
$articles = Import-NewsArticle -LiteralPath $paths -ErrorAction SilentlyContinue -ErrorVariable problems
foreach ($a in $articles) {
    $id = [IO.Path]::GetFileNameWithoutExtension($a.Source)
    if ($bodies[$id] -eq '') { $bodies[$id] = "$($a.Body)" }
}
foreach ($e in $problems) {
    $id = [IO.Path]::GetFileNameWithoutExtension("$($e.TargetObject)")
    $failed[$id] = ($e.FullyQualifiedErrorId -split ',')[0]
}
$bodies['_errors'] = $failed
$bodies | ConvertTo-Json -Depth 4 -Compress | Set-Content -LiteralPath $Out -Encoding utf8NoBOM
