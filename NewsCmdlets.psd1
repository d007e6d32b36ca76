@{
    RootModule           = 'NewsCmdlets.psm1'
    ModuleVersion        = '0.1.0'
    GUID                 = '7f0c2d51-4a8e-4d6b-9f3a-2b6e1c9d8a47'
    Author               = 'NewsCmdlets contributors'
    CompanyName          = 'NewsCmdlets'
    Copyright            = '(c) NewsCmdlets contributors. MIT License.'
    Description          = 'Import news articles (text files, saved web pages, URLs, feeds) as rich objects with page chrome removed, find the people, places, numbers and quotes in them, group them into stories and compare how outlets covered each story.'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('bin/NewsCmdlets.Format.ps1xml', 'bin/NewsCmdlets.Feeds.Format.ps1xml', 'bin/NewsCmdlets.Entities.Format.ps1xml', 'bin/NewsCmdlets.Cache.Format.ps1xml',
                             'bin/NewsCmdlets.Quotes.Format.ps1xml', 'bin/NewsCmdlets.Coverage.Format.ps1xml')
    CmdletsToExport      = @('Import-NewsArticle', 'Get-NewsFeed', 'Get-NewsEntity', 'Get-NewsQuote', 'Group-NewsArticle', 'Compare-NewsCoverage', 'Export-NewsCoverageReport',
                             'Get-NewsArticle', 'Remove-NewsArticle',
                             'Get-NewsCacheConfiguration', 'Set-NewsCacheConfiguration', 'Get-NewsCacheInfo', 'Clear-NewsCache', 'Copy-NewsCache')
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('news', 'journalism', 'articles', 'text', 'media-analysis', 'nlp', 'named-entities', 'quotes', 'rss',
                             'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://opensource.org/licenses/MIT'
            # A placeholder: the project has no public address yet. The .invalid domain is reserved and never resolves
            # (RFC 2606), so nothing here pretends to exist. Replace it (and 'online version' in docs/en-US/*.md, which a
            # test keeps equal to <ProjectUri>docs/en-US/<command>.md) before publishing to a gallery.
            ProjectUri   = 'https://newscmdlets.invalid/'
            ReleaseNotes = @'
0.1.0: the first release. Import-NewsArticle (text files, saved web pages, web addresses, feed items), Get-NewsFeed,
Get-NewsEntity, Get-NewsQuote, Group-NewsArticle, Compare-NewsCoverage, Export-NewsCoverageReport, and a SQLite
cache (Get-NewsArticle, Remove-NewsArticle, Get-NewsCacheInfo, Clear-NewsCache, Get-NewsCacheConfiguration,
Set-NewsCacheConfiguration). Invented sample articles in samples/ (see about_NewsCmdlets).
'@
        }
    }
}
