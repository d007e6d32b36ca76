#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Installing the module as a user would: the package ./build.ps1 -Task Package writes, from a folder repository,
# with PSResourceGet, for a scratch user whose home is under $TestDrive (nothing touches the real user's modules or
# repositories). Each step runs in a fresh pwsh.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $feed = Join-Path $TestDrive 'feed'
    $packages = & (Join-Path $RepoRoot 'build/New-ModulePackage.ps1') -ModuleFolder $ModuleFolder -DestinationPath $feed
    $userHome = (New-Item -ItemType Directory -Path (Join-Path $TestDrive 'home')).FullName
    $install = Invoke-FreshPwsh -UserHome $userHome -Command @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name NewsCmdletsLocal -Uri '$feed' -Trusted
Install-PSResource -Name NewsCmdlets -Repository NewsCmdletsLocal -Scope CurrentUser
"@
}

Describe 'The package' {
    It 'is a .nupkg and a .zip named after the module and its version' {
        $version = (Import-PowerShellDataFile (Join-Path $ModuleFolder 'NewsCmdlets.psd1')).ModuleVersion
        ($packages | ForEach-Object Name | Sort-Object) -join ',' | Should -Be "NewsCmdlets-$version.zip,NewsCmdlets.$version.nupkg"
    }

    It 'carries the gallery metadata PSResourceGet shows' {
        $r = Invoke-FreshPwsh -UserHome $userHome -Command @'
$p = Find-PSResource -Name NewsCmdlets -Repository NewsCmdletsLocal
'ProjectUri=' + $p.ProjectUri
'LicenseUri=' + $p.LicenseUri
'Tags=' + ($p.Tags -join ',')
'ReleaseNotes=' + ($p.ReleaseNotes -replace '\s+', ' ')
'@
        $r.Errors | Should -BeNullOrEmpty
        $r.Output | Should -Match 'ProjectUri=https://'
        $r.Output | Should -Match 'LicenseUri=https://'
        $r.Output | Should -Match 'Tags=.*\bnews\b'
        $r.Output | Should -Match 'ReleaseNotes=\S+'
    }
}

Describe 'Install-PSResource NewsCmdlets' {
    It 'installs into the scratch user''s modules' {
        $install.Errors | Should -BeNullOrEmpty
        $install.ExitCode | Should -Be 0
        Test-Path (Join-Path $userHome '.local/share/powershell/Modules/NewsCmdlets/*/NewsCmdlets.psd1') | Should -BeTrue -Because $install.Output
    }

    It 'imports by name in a fresh pwsh and runs the help''s first example on the samples it ships' {
        $work = (New-Item -ItemType Directory -Path (Join-Path $TestDrive 'work')).FullName
        $r = Invoke-FreshPwsh -UserHome $userHome -WorkingDirectory $work -Command @'
$ErrorActionPreference = 'Stop'
Import-Module NewsCmdlets
'base=' + (Get-Module NewsCmdlets).ModuleBase
'commands=' + (Get-Command -Module NewsCmdlets).Count
Copy-Item -Recurse -Force (Join-Path (Get-Module NewsCmdlets).ModuleBase samples) .
Import-NewsArticle ./samples/*.txt | ForEach-Object { 'article=' + $_.Outlet }
'@
        $r.Errors | Should -BeNullOrEmpty
        $r.ExitCode | Should -Be 0
        $r.Output | Should -Match ('base=' + [regex]::Escape((Join-Path $userHome '.local/share/powershell/Modules/NewsCmdlets')))
        $r.Output | Should -Match ('commands=' + (Import-PowerShellDataFile (Join-Path $ModuleFolder 'NewsCmdlets.psd1')).CmdletsToExport.Count)
        ([regex]::Matches($r.Output, 'article=')).Count | Should -Be 4
        $r.Output | Should -Match 'article=Valley Evening Post'
    }

    It 'then lets the repository''s copy be imported with -Force, saying whose commands run' {
        # Used to fail with "The member DefaultDisplayPropertySet is already present" for five types.
        $r = Invoke-FreshPwsh -UserHome $userHome -Command @"
Import-Module NewsCmdlets
Import-Module '$(Join-Path $ModuleFolder 'NewsCmdlets.psd1')' -Force 3>&1 | ForEach-Object { 'warning=' + `$_ }
(Import-NewsArticle '$(Join-Path $Samples 'lakeside-daily-ferry-strike.txt')').Outlet
"@
        $r.Errors | Should -BeNullOrEmpty
        $r.Output | Should -Not -Match 'already present'
        $r.Output | Should -Match 'warning=NewsCmdlets .* is already loaded in this session from .*\.local/share/powershell/Modules/NewsCmdlets'
        $r.Output | Should -Match 'Lakeside Daily'
    }

    It 'has help whose -Online opens the module''s own page, not another command''s' {
        $desktop = New-FakeDesktop
        $r = Invoke-FreshPwsh -UserHome $userHome -PrependPath $desktop -Command @'
Import-Module NewsCmdlets
Get-Help Import-NewsArticle -Online
Get-Help Get-NewsQuote -Online
'@
        $r.Errors | Should -BeNullOrEmpty
        $project = (Import-PowerShellDataFile (Join-Path $ModuleFolder 'NewsCmdlets.psd1')).PrivateData.PSData.ProjectUri
        # xdg-open is started, not waited for: give it a moment.
        $log = Join-Path $desktop 'opened.txt'
        for ($i = 0; $i -lt 300 -and @(Get-Content $log -ErrorAction Ignore).Count -lt 2; $i++) { Start-Sleep -Milliseconds 100 }
        Get-Content $log | Sort-Object | Should -Be @("${project}docs/en-US/Get-NewsQuote.md", "${project}docs/en-US/Import-NewsArticle.md")
    }
}
