<#
.SYNOPSIS
    Compares one story outlet by outlet and exports the comparison to CSV files (and, if asked, an HTML report).

.DESCRIPTION
    Imports the articles matching -Path, compares them as one story with Compare-NewsCoverage -AsOneStory and writes:
    <Name>-items.csv     one row per compared fact (entity, quote, source, number, date, framing, copy): which
                         outlets have it, which do not, and whether they agree (Shared, Partial, Unique, Conflict);
    <Name>-outlets.csv   one row per outlet (Compare-NewsCoverage -Summary): words, entities, quotes, sources, the
                         share of the shared facts it includes, similarity to the others, hedges, copies;
    <Name>.html          with -Report, the same comparison as one page (Export-NewsCoverageReport).

.PARAMETER Path
    The articles: files or wildcards (text files or saved web pages).

.PARAMETER OutputFolder
    Where to write the files. The default is the current folder.

.PARAMETER Name
    The start of the files' names. The default is 'story'.

.PARAMETER Report
    Also writes the HTML report.

.EXAMPLE
    ./Export-StoryComparison.ps1 -Path ./samples/* -Name ferry-strike -Report

.EXAMPLE
    ./Export-StoryComparison.ps1 -Path ./clippings/*.html -OutputFolder ./out | Format-Table Outlet, Words, SharedFactShare
#>
#Requires -Version 7.4
#Requires -Modules NewsCmdlets
[CmdletBinding()]
param(
    [Parameter(Mandatory, Position = 0)] [string[]] $Path,
    [string] $OutputFolder = '.',
    [string] $Name = 'story',
    [switch] $Report
)

$articles = @(Import-NewsArticle -Path $Path)
if ($articles.Count -lt 2) { throw "Found $($articles.Count) article(s) at '$($Path -join ', ')'; a comparison needs at least two." }

$itemsCsv = Join-Path $OutputFolder "$Name-items.csv"
$outletsCsv = Join-Path $OutputFolder "$Name-outlets.csv"

$articles | Compare-NewsCoverage -AsOneStory |
    Select-Object StoryTitle, Kind, Type, Key, Status, OutletCount, Outlets, MissingFrom, Detail |
    Export-Csv -Path $itemsCsv -NoTypeInformation -Encoding utf8

$summary = @($articles | Compare-NewsCoverage -AsOneStory -Summary)
$summary | Export-Csv -Path $outletsCsv -NoTypeInformation -Encoding utf8

if ($Report) {
    $null = $articles | Export-NewsCoverageReport -Path (Join-Path $OutputFolder "$Name.html") -AsOneStory -Force
}
Write-Verbose "Wrote $itemsCsv and $outletsCsv."
$summary
