<#
.SYNOPSIS
  Story runs of the quality benchmark: files through Import-NewsArticle and Group-NewsArticle, as a user groups a pile.
.DESCRIPTION
  The list names sets of files; each set is grouped on its own (Group-NewsArticle with its defaults), so the same
  articles can be grouped alone, with the rest of their data set, and with generated articles added. Each file is
  imported once. Writes {"<set>": {"stories": {"<file name>": "<story id>"}, "copies": [[file, file], ...]}}.
#>
param(
    [Parameter(Mandatory)][string] $Module,
    # A JSON file: {"<set name>": ["path", ...]}
    [Parameter(Mandatory)][string] $ListFile,
    [Parameter(Mandatory)][string] $Out
)
$ErrorActionPreference = 'Stop'
$WarningPreference = 'SilentlyContinue'
$ProgressPreference = 'SilentlyContinue'
Import-Module $Module
$sets = Get-Content -Raw -LiteralPath $ListFile | ConvertFrom-Json -AsHashtable
$all = @($sets.Values | ForEach-Object { $_ } | Sort-Object -Unique)
$byPath = @{}
Import-NewsArticle -LiteralPath $all -ErrorAction SilentlyContinue | ForEach-Object { $byPath[$_.Source] = $_ }
$result = [ordered]@{}
foreach ($name in $sets.Keys) {
    $articles = @(foreach ($p in $sets[$name]) { $a = $byPath[(Resolve-Path -LiteralPath $p).ProviderPath]; if ($a) { $a } })
    $storyOf = [ordered]@{}
    $copies = [System.Collections.Generic.List[object]]::new()
    foreach ($s in @($articles | Group-NewsArticle)) {
        foreach ($x in $s.Articles) { $storyOf[(Split-Path $x.Source -Leaf)] = "$($s.Id)" }
        foreach ($g in @($s.CopyGroups)) {
            $fs = @($g | ForEach-Object { Split-Path $_.Source -Leaf } | Sort-Object)
            for ($i = 0; $i -lt $fs.Count; $i++) { for ($j = $i + 1; $j -lt $fs.Count; $j++) { $copies.Add(@($fs[$i], $fs[$j])) } }
        }
    }
    $result[$name] = [ordered]@{ stories = $storyOf; copies = $copies }
}
$result | ConvertTo-Json -Depth 5 -Compress | Set-Content -LiteralPath $Out -Encoding utf8NoBOM
