#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# The README's examples, read from README.md when the tests run and run verbatim on the real cmdlets, so the README
# and the module cannot drift apart. Examples: the code block at the top (with the output shown under it) and each
# example of "## Examples" (a comment line, then the commands, up to a blank line). Each runs in its own folder laid
# out as the examples expect (New-UserFolder: ./samples, ./feeds, ./article.txt, ./inbox) with the session's cache in
# that folder, with $ErrorActionPreference = 'Stop': any error fails it.

BeforeDiscovery {
    function Get-ReadmeExample {
        param([string] $Path)
        $lines = Get-Content $Path
        $section = ''
        $examples = [System.Collections.Generic.List[object]]::new()
        $others = [System.Collections.Generic.List[string]]::new()
        for ($i = 0; $i -lt $lines.Count; $i++) {
            if ($lines[$i] -match '^## (.+)$') { $section = $Matches[1].Trim(); continue }
            if ($lines[$i] -notmatch '^```(\S*)') { continue }
            $info = $Matches[1]
            $body = [System.Collections.Generic.List[string]]::new()
            for ($i++; $i -lt $lines.Count -and $lines[$i] -notmatch '^```'; $i++) { $body.Add($lines[$i]) }
            if ($info -notin 'powershell', 'pwsh', 'ps1') { continue }
            if ($section -eq '') {
                # The top of the README: one example, and the output block right after it.
                $shown = @()
                $j = $i + 1
                while ($j -lt $lines.Count -and $lines[$j].Trim() -eq '') { $j++ }
                if ($j -lt $lines.Count -and $lines[$j] -match '^```(output|text)$') {
                    for ($j++; $j -lt $lines.Count -and $lines[$j] -notmatch '^```'; $j++) { $shown += $lines[$j] }
                }
                $examples.Add(@{ Name = 'the example at the top'; Code = $body -join "`n"; Expected = $shown })
            }
            elseif ($section -in 'Examples', 'A team corpus on PostgreSQL') {
                $chunk = [System.Collections.Generic.List[string]]::new()
                foreach ($line in @($body) + '') {
                    if ($line.Trim() -ne '') { $chunk.Add($line); continue }
                    if ($chunk.Count -eq 0) { continue }
                    $name = if ($chunk[0] -match '^#\s*(.+)$') { $Matches[1].Trim() } else { $chunk[0] }
                    $examples.Add(@{ Name = $name; Code = $chunk -join "`n"; Expected = @() })
                    $chunk.Clear()
                }
            }
            else { $others.Add($section) }
        }
        [pscustomobject]@{ Examples = $examples; OtherSections = $others }
    }

    $readme = Get-ReadmeExample (Join-Path $PSScriptRoot '../../README.md')

    # Examples that need the network, and why. Every other example runs; every name here must still be an example.
    $needsNetwork = @{
        'Web pages, from a list of links in a CSV (a Url or Link column binds by name)' = 'downloads the pages a user''s links.csv lists (-Uri is tested on a loopback server in ImportNewsArticleUriTests)'
        'Follow an outlet through its feed: the newest items, each page fetched and its chrome removed' = 'downloads a feed and its pages from an invented https site (GetNewsFeedTests serves feeds on a loopback server)'
    }
    # Examples that need a PostgreSQL server (NEWS_CORPUS_DB): they run against the test server that
    # NEWSCMDLETS_TEST_POSTGRES names (.ci/run starts one; the tests fail in CI without it), else they are left out here
    # and PostgresCacheTests covers the same cmdlets when a server is there.
    $needsServer = @($readme.Examples | Where-Object Code -Match 'NEWS_CORPUS_DB' | ForEach-Object Name)
    $haveServer = [bool]$env:NEWSCMDLETS_TEST_POSTGRES
    $runnable = @($readme.Examples | Where-Object { -not $needsNetwork.ContainsKey($_.Name) -and ($haveServer -or $_.Name -notin $needsServer) })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module (Join-Path $ModuleFolder 'NewsCmdlets.psd1') -Force

    # The PostgreSQL examples' NEWS_CORPUS_DB: a database of their own on the test server (psql, from the server
    # programs .ci/postgres found), as the user the tests connect as, who may create databases.
    if ($env:NEWSCMDLETS_TEST_POSTGRES) {
        $pg = @{}
        foreach ($part in $env:NEWSCMDLETS_TEST_POSTGRES -split ';' | Where-Object { $_ -match '=' }) {
            $key, $value = $part -split '=', 2
            $pg[$key.Trim().ToLowerInvariant()] = $value.Trim()
        }
        $psql = if ($env:NEWSCMDLETS_TEST_POSTGRES_BIN) { Join-Path $env:NEWSCMDLETS_TEST_POSTGRES_BIN 'psql' } else { 'psql' }
        $readmeDatabase = 'readme_' + [guid]::NewGuid().ToString('N').Substring(0, 12)
        $env:PGPASSWORD = $pg['password']
        & $psql -h $pg['host'] -p $pg['port'] -U $pg['username'] -d $pg['database'] -v ON_ERROR_STOP=1 -q -c "CREATE DATABASE $readmeDatabase"
        $env:PGPASSWORD = $null
        if ($LASTEXITCODE -ne 0) { throw "could not create the database for the README's PostgreSQL examples ($psql)" }
        $env:NEWS_CORPUS_DB = ($env:NEWSCMDLETS_TEST_POSTGRES -replace '(?i)Database=[^;]*', "Database=$readmeDatabase")
    }

    function Get-ShownCell {
        # The values of one row of shown table output: columns two or more spaces apart.
        param([string] $Row)
        $Row.Trim() -split '\s{2,}' | Where-Object { $_ }
    }
}

Describe 'README.md' -ForEach @{ Readme = $readme; NeedsNetwork = $needsNetwork } {
    It 'has its examples where this test reads them' {
        $readme.Examples.Count | Should -BeGreaterThan 15
        # Code blocks elsewhere are how to build and test, not examples; a new section with examples must be read here.
        $readme.OtherSections | Select-Object -Unique | Should -Be @('Build, try, test')
        $readme.Examples.Name | Should -Contain 'A shared corpus: the connection string (password and all) in an environment variable, the samples stored there'
        if ($env:CI) { $env:NEWSCMDLETS_TEST_POSTGRES | Should -Not -BeNullOrEmpty -Because 'the PostgreSQL examples run in CI' }
        foreach ($name in $needsNetwork.Keys) { $readme.Examples.Name | Should -Contain $name }
        foreach ($e in $readme.Examples | Where-Object Code -Match 'https?://|links\.csv') { $needsNetwork.Keys | Should -Contain $e.Name }
    }
}

Describe 'README example: <Name>' -ForEach $runnable {
    BeforeAll {
        $dir = New-UserFolder -Name ('readme-' + [guid]::NewGuid().ToString('N'))
        Push-Location $dir
        Set-NewsCacheConfiguration -CachePath (Join-Path $dir 'news-cache.db')
        $before = @(Get-ChildItem -Recurse -File | ForEach-Object FullName)
        $failure = $null
        $ErrorActionPreference = 'Stop'
        try {
            $shown = & ([scriptblock]::Create($Code)) | Out-String -Width 240
        }
        catch {
            $failure = $_
        }
        $ErrorActionPreference = 'Continue'
        $written = @(Get-ChildItem -Recurse -File | Where-Object FullName -notin $before | Where-Object Name -ne 'news-cache.db' |
                Where-Object Name -notlike 'news-cache.db-*')
    }

    AfterAll {
        Pop-Location
        Set-NewsCacheConfiguration -Default
    }

    It 'runs without an error' {
        $failure | Should -BeNullOrEmpty -Because "$Code`n$($failure.ScriptStackTrace)"
    }

    It 'shows something or writes a file' {
        ($shown.Trim().Length -gt 0 -or $written.Count -gt 0) | Should -BeTrue -Because $Code
    }

    # Written only where they apply (the example's data is there at discovery), so nothing is skipped for show.
    if ($Expected.Count -gt 0) { It 'shows what the README shows under it' {
        $text = $shown -replace '\s+', ' '
        foreach ($row in $Expected | Where-Object { $_.Trim() -and $_ -notmatch '^[-\s]+$' } | Select-Object -Skip 1) {
            foreach ($cell in Get-ShownCell $row) { $text | Should -BeLike "*$cell*" -Because "the README shows '$row'" }
        }
    } }

    if ($Code -match 'Export-Csv') { It 'writes CSV files with rows and no type names' {
        $csv = @($written | Where-Object Extension -eq '.csv')
        $csv | Should -Not -BeNullOrEmpty
        foreach ($f in $csv) {
            @(Import-Csv $f.FullName).Count | Should -BeGreaterThan 0
            Get-Content -Raw $f.FullName | Should -Not -Match '(^|,)"(System|NewsCmdlets)\.[A-Za-z.]+(\[|")'
        }
    } }
}
