<#
.SYNOPSIS
  Quote runs of the quality benchmark: each PolNeAR text through Import-NewsArticle -Content and Get-NewsQuote.
.DESCRIPTION
  The texts carry no date; as a user would with a text from elsewhere, the date is given on the first line
  ("date YYYY-MM-DD <headline>"). Writes, per article, its Title and Body and the module's rows as they come out
  (quotes with Offset/Length into Body, attributions with Offset), for the benchmark to map onto the text's offsets.
#>
param(
    [Parameter(Mandatory)][string] $Module,
    # A JSON file: {"<article id>": {"path": "...", "date": "YYYY-MM-DD"}}
    [Parameter(Mandatory)][string] $ListFile,
    [Parameter(Mandatory)][string] $Out
)
$ErrorActionPreference = 'Stop'
$WarningPreference = 'SilentlyContinue'
$ProgressPreference = 'SilentlyContinue'
Import-Module $Module
$list = Get-Content -Raw -LiteralPath $ListFile | ConvertFrom-Json -AsHashtable
$result = [ordered]@{}
foreach ($id in $list.Keys) {
    $text = [IO.File]::ReadAllText($list[$id].path)
    $article = Import-NewsArticle -Content ("date $($list[$id].date) " + $text) -SourceName $id -ErrorAction SilentlyContinue
    if (-not $article) { $result[$id] = $null; continue }
    $quotes = @($article | Get-NewsQuote | ForEach-Object {
        [ordered]@{ text = $_.Text; speaker = $_.Speaker; kind = "$($_.Kind)"; verb = $_.Verb; offset = $_.Offset; length = $_.Length } })
    $attributions = @($article | Get-NewsQuote -Attribution | ForEach-Object {
        [ordered]@{ source = $_.Source; verb = $_.Verb; offset = $_.Offset; sentence = $_.Sentence } })
    $result[$id] = [ordered]@{ title = $article.Title; body = $article.Body; quotes = $quotes; attributions = $attributions }
}
$result | ConvertTo-Json -Depth 6 -Compress | Set-Content -LiteralPath $Out -Encoding utf8NoBOM
