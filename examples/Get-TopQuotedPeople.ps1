<#
.SYNOPSIS
    Lists the people (and organisations) each outlet quoted most in the last days, from the article cache.

.DESCRIPTION
    Takes the articles published in the last -Days from the cache (Get-NewsArticle -Since), finds their quotes with
    Get-NewsQuote, and for each outlet lists the -Top speakers by number of quotes, with the kinds of quote
    (Direct, Partial, Indirect). Import articles into the cache first, for example with
    Import-NewsArticle ./news/* -Cache.

.PARAMETER Days
    How many days back from -Until. The default is 7.

.PARAMETER Until
    The end of the period. The default is the current time.

.PARAMETER Top
    How many speakers to list per outlet. The default is 5.

.PARAMETER Kind
    Counts only these kinds of quote (Direct, Partial, Indirect). The default is all.

.PARAMETER CachePath
    The cache file to read. The default is the session's cache (see Set-NewsCacheConfiguration).

.PARAMETER CsvPath
    Also writes the rows to this CSV file.

.EXAMPLE
    ./Get-TopQuotedPeople.ps1 | Format-Table

.EXAMPLE
    ./Get-TopQuotedPeople.ps1 -Days 30 -Top 10 -Kind Direct -CsvPath ./quoted-this-month.csv
#>
#Requires -Version 7.4
#Requires -Modules NewsCmdlets
[CmdletBinding()]
param(
    [ValidateRange(1, 3650)] [int] $Days = 7,
    [datetime] $Until = (Get-Date),
    [ValidateRange(1, 1000)] [int] $Top = 5,
    [string[]] $Kind,
    [string] $CachePath,
    [string] $CsvPath
)

$query = @{ Since = [datetimeoffset]$Until.AddDays(-$Days); Until = [datetimeoffset]$Until }
if ($CachePath) { $query.CachePath = $CachePath }
$quoteArgs = @{}
if ($Kind) { $quoteArgs.Kind = $Kind }

$quotes = @(Get-NewsArticle @query | Get-NewsQuote @quoteArgs | Where-Object Speaker)
Write-Verbose "$($quotes.Count) quotes with a speaker."

$rows = foreach ($outlet in $quotes | Group-Object Outlet | Sort-Object Name) {
    # Most quoted first; people quoted equally often in name order, so the same cache always gives the same list.
    $outlet.Group | Group-Object Speaker | Sort-Object @{ Expression = 'Count'; Descending = $true }, Name | Select-Object -First $Top | ForEach-Object {
        [pscustomobject]@{
            Outlet  = $outlet.Name
            Speaker = $_.Name
            Quotes  = $_.Count
            Kinds   = (@($_.Group | ForEach-Object { [string]$_.Kind }) | Sort-Object -Unique) -join '; '
        }
    }
}
if ($CsvPath) { $rows | Export-Csv -Path $CsvPath -NoTypeInformation -Encoding utf8 }
$rows
