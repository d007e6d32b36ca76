<#
.SYNOPSIS
  Checks what Import-NewsArticle reads from real plain-text copies: headline, publication date and outlet of each of
  the 80 articles of ../shared/eval/coverage, against the corpus's manifest.tsv (outlet, published) and the standoff
  headline annotations beside this script (coverage-headlines.tsv: the line of each file that holds its headline).
.DESCRIPTION
  Prints one row for each half of the quality benchmark (halves by kind of event, dealt as bench/README.md says: a
  kind's SHA-256 order, A and B in turn) and for all files:
  - titles: right when Title is the annotated headline line (without its 'Title:' key or 'date YYYY-MM-DD' prefix);
    for a file without a headline, right when Sources says the title stands in for a missing headline.
  - dates: right when Published (in its own offset) falls on the manifest's date (or in its month or year when the
    manifest knows no more); missing when null; wrong otherwise. "date-only marked" counts the articles whose
    Published carries no time of day and says so (PublishedPrecision Date).
  - outlets: right when Outlet equals the manifest's outlet, or one contains the other as whole words, ignoring case
    and punctuation; missing when null (the comparison then names the article by its URL's host, agency or file).
  With -Detail, every file that is not right in one of these is listed. The texts are third-party: this script reads
  them at run time and prints only file numbers, field names and the module's values.
.EXAMPLE
  pwsh -NoProfile -File bench/quality/text-metadata.ps1 -Module ./NewsCmdlets.psd1 -Detail
#>
param(
    [string] $Module = (Join-Path $PSScriptRoot '../../NewsCmdlets.psd1'),
    [string] $Corpus = (Join-Path $PSScriptRoot '../../../shared/eval/coverage'),
    [switch] $Detail
)
$ErrorActionPreference = 'Stop'
$WarningPreference = 'SilentlyContinue'
$ProgressPreference = 'SilentlyContinue'
Import-Module $Module

function Norm([string] $s) { (($s.ToLowerInvariant() -replace '[^\p{L}\p{Nd}]+', ' ').Trim()) }
function SameName([string] $a, [string] $b) {
    $x = Norm $a; $y = Norm $b
    if (-not $x -or -not $y) { return $false }
    $x -eq $y -or " $x " -like "* $y *" -or " $y " -like "* $x *"
}
function KindOf([string] $event) { $p = $event -split '-'; if ($p.Count -gt 1) { $p[1] } else { $event } }

$manifest = Import-Csv (Join-Path $Corpus 'manifest.tsv') -Delimiter "`t"
$headlines = @{}
Get-Content (Join-Path $PSScriptRoot 'coverage-headlines.tsv') | Where-Object { $_ -and -not $_.StartsWith('#') } |
    Select-Object -Skip 1 | ForEach-Object { $f = $_ -split "`t"; $headlines[$f[0]] = [int]$f[1] }

# Halves as the quality benchmark deals them (bench/NewsCmdlets.Bench/Quality/QualityModel.cs, Halves.Assign).
$kinds = @($manifest | ForEach-Object { KindOf $_.event_id } | Sort-Object -Unique |
    Sort-Object { [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData([Text.Encoding]::UTF8.GetBytes($_.ToLowerInvariant()))) }, { $_ })
$halfOf = @{}
for ($i = 0; $i -lt $kinds.Count; $i++) { $halfOf[$kinds[$i]] = if ($i % 2 -eq 0) { 'A' } else { 'B' } }

$paths = @($manifest | ForEach-Object { Join-Path $Corpus "articles/$($_.file)" })
$articles = @{}
Import-NewsArticle -LiteralPath $paths -ErrorAction SilentlyContinue | ForEach-Object { $articles[(Split-Path $_.Source -Leaf)] = $_ }

$rows = foreach ($m in $manifest) {
    $a = $articles[$m.file]
    $id = $m.file.Substring(0, 2)
    $lines = Get-Content -LiteralPath (Join-Path $Corpus "articles/$($m.file)")
    $hl = $headlines[$id]
    $title = if ($null -eq $a) { 'failed' }
    elseif ($hl -gt 0) {
        $want = $lines[$hl - 1] -replace '^Title:\s*', '' -replace '^date \d{4}-\d{2}-\d{2}\s+', ''
        if ((Norm $a.Title) -eq (Norm $want)) { 'right' } else { 'wrong' }
    }
    elseif ("$($a.Sources['Title'])" -match 'no headline') { 'right' } else { 'wrong' }
    $date = if ($null -eq $a -or $null -eq $a.Published) { 'missing' }
    elseif ($a.Published.ToString('yyyy-MM-dd').StartsWith($m.published)) { 'right' } else { 'wrong' }
    $dateOnly = $null -ne $a -and $null -ne $a.Published -and "$($a.PSObject.Properties['PublishedPrecision'].Value)" -eq 'Date'
    $outlet = if ($null -eq $a -or [string]::IsNullOrWhiteSpace($a.Outlet)) { 'missing' }
    elseif (SameName $a.Outlet $m.outlet) { 'right' } else { 'wrong' }
    [pscustomobject]@{
        File = $id; Half = $halfOf[(KindOf $m.event_id)]; Title = $title; Date = $date; DateOnly = $dateOnly; Outlet = $outlet
        GotTitle = $a.Title; GotPublished = $(if ($a.Published) { $a.Published.ToString('yyyy-MM-dd HH:mm zzz') }); GotOutlet = $a.Outlet
        TitleFrom = $a.Sources['Title']; PublishedFrom = $a.Sources['Published']; OutletFrom = $a.Sources['Outlet']
    }
}

function Summary($name, $set) {
    $n = @($set).Count
    [pscustomobject]@{
        Subset = $name; Files = $n
        'Titles right' = "$(@($set | Where-Object Title -eq 'right').Count)/$n"
        'Dates right' = "$(@($set | Where-Object Date -eq 'right').Count)/$n"
        'missing' = @($set | Where-Object Date -eq 'missing').Count
        'wrong' = @($set | Where-Object Date -eq 'wrong').Count
        'Date-only marked' = "$(@($set | Where-Object DateOnly).Count)/$(@($set | Where-Object Date -ne 'missing').Count)"
        'Outlets right' = "$(@($set | Where-Object Outlet -eq 'right').Count)/$n"
        'missing ' = @($set | Where-Object Outlet -eq 'missing').Count
        'wrong ' = @($set | Where-Object Outlet -eq 'wrong').Count
    }
}
$halfNames = @{}
foreach ($h in 'A', 'B') { $halfNames[$h] = ($halfOf.Keys | Where-Object { $halfOf[$_] -eq $h } | Sort-Object) -join ', ' }
@(
    Summary "A (write from): $($halfNames['A'])" ($rows | Where-Object Half -eq 'A')
    Summary "B (check on): $($halfNames['B'])" ($rows | Where-Object Half -eq 'B')
    Summary 'all' $rows
) | Format-Table -AutoSize | Out-String -Width 200 | Write-Output

if ($Detail) {
    $rows | Where-Object { $_.Title -ne 'right' -or $_.Date -ne 'right' -or $_.Outlet -ne 'right' } |
        Format-List File, Half, Title, TitleFrom, GotTitle, Date, GotPublished, PublishedFrom, Outlet, GotOutlet, OutletFrom |
        Out-String -Width 200 | Write-Output
}
