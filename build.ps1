#Requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests, packages and demonstrates the NewsCmdlets module.

.DESCRIPTION
    Build    compiles the module into ./bin (so ./NewsCmdlets.psd1 imports from the repository root) and assembles a
             relocatable module folder in ./out/NewsCmdlets (manifest, bin/, en-US help).
    Test     runs the xunit suite (dotnet test: engine tests, in-process PowerShell tests, the out-of-process tests in a
             plain host and in this pwsh), then the Pester tests in ./tests/Pester under this pwsh with Pester 5.9.1
             (restored from NuGet into ./.tools/packages). Both run even when the first fails; the last lines give
             both counts and their sum, and the script exits 1 when any test failed.
    Package  writes ./out/NewsCmdlets.<version>.nupkg (for Install-PSResource from a folder or feed repository) and
             ./out/NewsCmdlets-<version>.zip (to unpack into a PSModulePath folder) from ./out/NewsCmdlets.
    Demo     builds, then imports the built module in a child pwsh and shows what it makes of ./samples.

    Work that loads the module runs in a child pwsh, so this session never locks the module's assemblies.

.EXAMPLE
    ./build.ps1
    Builds and tests (the default).

.EXAMPLE
    ./build.ps1 -Task Demo
    Builds and shows the module at work on the sample articles.
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Demo', 'Clean')]
    [string[]] $Task = @('Build', 'Test'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$root = $PSScriptRoot
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:POWERSHELL_TELEMETRY_OPTOUT = '1'
# The pwsh running this script (also when it is the dotnet tool, whose process is dotnet): child sessions use it.
$pwsh = Join-Path $PSHOME $(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' })

function Invoke-Native {
    param([string] $Command, [string[]] $Arguments)
    Write-Host "> $Command $($Arguments -join ' ')" -ForegroundColor DarkGray
    & $Command @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Command exited with code $LASTEXITCODE." }
}

function Invoke-Build {
    if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
        throw 'The .NET SDK (8 or later) is needed to build NewsCmdlets: https://dotnet.microsoft.com/download'
    }
    Invoke-Native dotnet @('build', (Join-Path $root 'src/NewsCmdlets/NewsCmdlets.csproj'), '-c', $Configuration)
    Write-Host "Module folder: $(Join-Path $root 'out/NewsCmdlets')" -ForegroundColor Green
}

function Get-TrxCount {
    # Sums the counters of the dotnet test result files (one .trx per test assembly).
    param([string] $Folder)
    $sum = [ordered]@{ Passed = 0; Failed = 0; Skipped = 0 }
    foreach ($trx in Get-ChildItem $Folder -Filter *.trx -Recurse -ErrorAction Ignore) {
        $c = ([xml](Get-Content -Raw $trx.FullName)).TestRun.ResultSummary.Counters
        $sum.Passed += [int]$c.passed
        $sum.Failed += [int]$c.failed + [int]$c.error + [int]$c.timeout + [int]$c.aborted
        $sum.Skipped += [int]$c.total - [int]$c.passed - [int]$c.failed - [int]$c.error - [int]$c.timeout - [int]$c.aborted
    }
    $sum
}

function Invoke-Test {
    # 1. dotnet test: engine tests, in-process PowerShell tests, out-of-process tests (the plain host and this pwsh).
    $results = Join-Path $root 'out/test-results'
    if (Test-Path $results) { Remove-Item $results -Recurse -Force }
    $env:NEWSCMDLETS_PWSH = $pwsh  # the xunit tests that need the real pwsh run this one
    # The whole solution is built first, so no test project starts before the module it imports is built.
    Write-Host "> dotnet build NewsCmdlets.sln -c $Configuration" -ForegroundColor DarkGray
    & dotnet build (Join-Path $root 'NewsCmdlets.sln') -c $Configuration -nologo -v quiet
    $dotnetExit = $LASTEXITCODE
    if ($dotnetExit -eq 0) {
        Write-Host "> dotnet test NewsCmdlets.sln -c $Configuration --no-build" -ForegroundColor DarkGray
        & dotnet test (Join-Path $root 'NewsCmdlets.sln') -c $Configuration --no-build --logger 'trx' --results-directory $results
        $dotnetExit = $LASTEXITCODE
    }
    $xunit = Get-TrxCount $results

    # 2. Pester (restored from NuGet into ./.tools/packages) under this pwsh, in a child process: tests/Pester.
    Invoke-Native dotnet @('restore', (Join-Path $root 'build/TestTools/TestTools.csproj'), '--verbosity', 'quiet')
    $pesterVersion = '5.9.1'
    $pesterManifest = Join-Path $root ".tools/packages/pester/$pesterVersion/tools/Pester.psd1"
    $counts = Join-Path $results 'pester-counts.json'
    $null = New-Item -ItemType Directory -Path $results -Force
    $script = @"
Import-Module '$pesterManifest' -ErrorAction Stop
`$c = New-PesterConfiguration
`$c.Run.Path = '$(Join-Path $root 'tests/Pester')'
`$c.Run.PassThru = `$true
`$c.Output.Verbosity = 'Normal'
`$r = Invoke-Pester -Configuration `$c
@{ Passed = `$r.PassedCount; Failed = `$r.FailedCount + `$r.FailedBlocksCount + `$r.FailedContainersCount; Skipped = `$r.SkippedCount + `$r.NotRunCount } |
    ConvertTo-Json | Set-Content '$counts'
"@
    Write-Host "> $pwsh (Pester $pesterVersion) tests/Pester" -ForegroundColor DarkGray
    & $pwsh -NoProfile -NonInteractive -Command $script
    $pesterExit = $LASTEXITCODE
    $pester = if (Test-Path $counts) { Get-Content -Raw $counts | ConvertFrom-Json } else { [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 } }

    # The last lines: both counts, then the sum (what CI reads).
    $failed = $xunit.Failed + $pester.Failed + $(if ($dotnetExit -ne 0 -and $xunit.Failed -eq 0) { 1 } else { 0 }) + $(if ($pesterExit -ne 0 -and $pester.Failed -eq 0) { 1 } else { 0 })
    Write-Host ''
    Write-Host ('xunit: {0} passed, {1} failed, {2} skipped' -f $xunit.Passed, $xunit.Failed, $xunit.Skipped)
    Write-Host ('pester: {0} passed, {1} failed, {2} skipped' -f $pester.Passed, $pester.Failed, $pester.Skipped)
    Write-Host ('tests: {0} passed, {1} failed, {2} skipped' -f ($xunit.Passed + $pester.Passed), $failed, ($xunit.Skipped + $pester.Skipped))
    if ($failed -gt 0) { $script:TestsFailed = $true }
}

function Invoke-Package {
    $files = & (Join-Path $root 'build/New-ModulePackage.ps1') -ModuleFolder (Join-Path $root 'out/NewsCmdlets') -DestinationPath (Join-Path $root 'out')
    foreach ($f in $files) { Write-Host "Package: $($f.FullName)" -ForegroundColor Green }
}

function Invoke-Demo {
    $demo = @'
$ErrorActionPreference = 'Continue'
Import-Module (Join-Path $args[0] 'out/NewsCmdlets/NewsCmdlets.psd1')
$samples = Join-Path $args[0] 'samples'
Write-Host "`nArticles in $samples" -ForegroundColor Cyan
$articles = Get-ChildItem $samples -File | Import-NewsArticle
$articles | Format-Table
Write-Host 'Who wrote what, and which copies come from a wire service' -ForegroundColor Cyan
$articles | Select-Object Outlet, Agency, @{ n = 'Authors'; e = { $_.Authors -join ', ' } }, Dateline, Published | Format-Table
Write-Host 'Same text, different sites (wire copies share a body)' -ForegroundColor Cyan
$articles | Group-Object { $_.Body.GetHashCode() } | Where-Object Count -gt 1 |
    ForEach-Object { '{0} copies: {1}' -f $_.Count, (($_.Group.Outlet) -join ' + ') }
Write-Host "`nWhat was set aside as page chrome on the busiest page" -ForegroundColor Cyan
$articles | Sort-Object { $_.Removed.Count } -Descending | Select-Object -First 1 |
    ForEach-Object { "$($_.Outlet): $($_.Removed.Count) block(s), e.g.:"; $_.Removed | Select-Object -Last 2 }
Write-Host "`nWhere each value came from" -ForegroundColor Cyan
$articles | Select-Object -First 1 | ForEach-Object { $_.Sources }
'@
    Invoke-Native $pwsh @('-NoProfile', '-NonInteractive', '-Command', "& { $demo } '$root'")
}

function Invoke-Clean {
    foreach ($dir in 'bin', 'out', 'en-US') {
        $path = Join-Path $root $dir
        if (Test-Path $path) { Remove-Item $path -Recurse -Force }
    }
    Invoke-Native dotnet @('clean', (Join-Path $root 'NewsCmdlets.sln'), '-c', $Configuration)
}

$script:TestsFailed = $false
foreach ($t in $Task) {
    switch ($t) {
        'Clean' { Invoke-Clean }
        'Build' { Invoke-Build }
        'Test' { Invoke-Test }
        'Package' { if ($Task -notcontains 'Build') { Invoke-Build }; Invoke-Package }
        'Demo' { if ($Task -notcontains 'Build') { Invoke-Build }; Invoke-Demo }
    }
}
if ($script:TestsFailed) { exit 1 }
