<#
.SYNOPSIS
    Writes a morning digest of the news: the stories of the last hours from a list of feeds, most-covered first.

.DESCRIPTION
    Reads RSS, Atom or JSON feeds (web addresses with -FeedUri, a file of addresses with -FeedList, or saved feed files
    with -Path), keeps the items of the last -Hours, imports their articles, groups them into stories with
    Group-NewsArticle and writes a Markdown file listing the stories by the number of independent outlets that covered
    them (copies of one wire story count once), with the outlets, the top entities and links to the articles.

.PARAMETER FeedUri
    Web addresses of feeds.

.PARAMETER FeedList
    A text file with one feed address a line; blank lines and lines starting with # are ignored.

.PARAMETER Path
    Saved feed files (wildcards allowed), read instead of or as well as the web addresses.

.PARAMETER Hours
    How far back to look, from -Now. The default is 24.

.PARAMETER Now
    The end of the period. The default is the current time.

.PARAMETER OutFile
    The Markdown file to write. The default is ./morning-digest.md.

.PARAMETER MinimumOutlets
    Lists only stories at least this many outlets covered. The default is 1 (every story).

.PARAMETER UseFeedContent
    Builds the articles from the feeds' own full text instead of downloading each page.

.EXAMPLE
    ./Get-MorningDigest.ps1 -FeedUri https://harbourcourier.example/feed.xml, https://lakesidedaily.example/rss

.EXAMPLE
    ./Get-MorningDigest.ps1 -FeedList ./feeds.txt -Hours 12 -MinimumOutlets 2 -OutFile ~/digest.md

.EXAMPLE
    ./Get-MorningDigest.ps1 -Path ./feeds/*.xml -UseFeedContent
#>
#Requires -Version 7.4
#Requires -Modules NewsCmdlets
[CmdletBinding()]
param(
    [string[]] $FeedUri = @(),
    [string] $FeedList,
    [string[]] $Path = @(),
    [ValidateRange(1, 720)] [int] $Hours = 24,
    [datetime] $Now = (Get-Date),
    [string] $OutFile = './morning-digest.md',
    [ValidateRange(1, 100)] [int] $MinimumOutlets = 1,
    [switch] $UseFeedContent
)

if ($FeedList) {
    $FeedUri += @(Get-Content -Path $FeedList | ForEach-Object { $_.Trim() } | Where-Object { $_ -and -not $_.StartsWith('#') })
}
if (-not $FeedUri -and -not $Path) { throw 'Give feeds with -FeedUri, -FeedList or -Path.' }

$since = [datetimeoffset]$Now.AddHours(-$Hours)
$items = @(
    if ($FeedUri) { Get-NewsFeed -Uri $FeedUri }
    if ($Path) { Get-NewsFeed -Path $Path }
) | Where-Object {
    $when = if ($_.Published) { $_.Published } else { $_.Updated }
    $when -and $when -ge $since -and $when -le [datetimeoffset]$Now
}
Write-Verbose "$(@($items).Count) feed items since $since."

$articles = @($items | Import-NewsArticle -UseFeedContent:$UseFeedContent)
$stories = @($articles | Group-NewsArticle -MinimumOutlets $MinimumOutlets |
        Sort-Object IndependentOutlets, ArticleCount, FirstPublished -Descending)

$md = [System.Collections.Generic.List[string]]::new()
$md.Add("# Morning digest, $($Now.ToString('dddd d MMMM yyyy, HH:mm', [cultureinfo]::InvariantCulture))")
$md.Add('')
$md.Add("$($stories.Count) stories from $($articles.Count) articles published in the last $Hours hours, the most widely covered first.")
$n = 0
foreach ($story in $stories) {
    $n++
    $md.Add('')
    $md.Add("## $n. $($story.Title)")
    $md.Add('')
    $md.Add("- Independent outlets: $($story.IndependentOutlets) ($($story.ArticleCount) articles)")
    $md.Add("- Outlets: $(@($story.Outlets) -join '; ')")
    $entities = @($story.TopEntities | Select-Object -First 5) -join '; '
    if ($entities) { $md.Add("- Top entities: $entities") }
    if ($story.FirstPublished) { $md.Add("- First published: $($story.FirstPublished.ToString('yyyy-MM-dd HH:mm zzz', [cultureinfo]::InvariantCulture))") }
    foreach ($a in $story.Articles) {
        $title = if ($a.Url) { "[$($a.Title)]($($a.Url))" } else { $a.Title }
        $md.Add("  - $title ($($a.Outlet))")
    }
}
$md | Set-Content -Path $OutFile -Encoding utf8
Write-Verbose "Wrote $OutFile."
$stories
