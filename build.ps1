#Requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests, packages and demonstrates the NewsCmdlets module.

.DESCRIPTION
    Build    compiles the module into ./bin (so ./NewsCmdlets.psd1 imports from the repository root) and assembles a
             relocatable module folder in ./out/NewsCmdlets (manifest, bin/, en-US help).
    Test     runs the xunit suite (dotnet test: engine tests, in-process PowerShell tests, the out-of-process host test),
             then the Pester tests in ./tests when Pester 5 or later is installed, and says so when it is not.
    Package  zips ./out/NewsCmdlets into ./out/NewsCmdlets-<version>.zip, ready to unpack into a PSModulePath folder.
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

function Invoke-Test {
    Invoke-Native dotnet @('test', (Join-Path $root 'NewsCmdlets.sln'), '-c', $Configuration)
    $pester = Get-Module -ListAvailable -Name Pester | Where-Object { $_.Version -ge [version]'5.0' } |
        Sort-Object Version -Descending | Select-Object -First 1
    if (-not $pester) {
        Write-Warning 'Pester 5 is not installed: the Pester tests in ./tests were skipped (Install-Module Pester -MinimumVersion 5.0 to run them).'
        return
    }
    $script = "Import-Module Pester -MinimumVersion 5.0; `$c = New-PesterConfiguration; `$c.Run.Path = '$root/tests'; `$c.Run.Exit = `$true; `$c.Output.Verbosity = 'Detailed'; Invoke-Pester -Configuration `$c"
    Invoke-Native pwsh @('-NoProfile', '-NonInteractive', '-Command', $script)
}

function Invoke-Package {
    $manifest = Import-PowerShellDataFile (Join-Path $root 'NewsCmdlets.psd1')
    $zip = Join-Path $root "out/NewsCmdlets-$($manifest.ModuleVersion).zip"
    Compress-Archive -Path (Join-Path $root 'out/NewsCmdlets') -DestinationPath $zip -Force
    Write-Host "Package: $zip" -ForegroundColor Green
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
    Invoke-Native pwsh @('-NoProfile', '-NonInteractive', '-Command', "& { $demo } '$root'")
}

function Invoke-Clean {
    foreach ($dir in 'bin', 'out', 'en-US') {
        $path = Join-Path $root $dir
        if (Test-Path $path) { Remove-Item $path -Recurse -Force }
    }
    Invoke-Native dotnet @('clean', (Join-Path $root 'NewsCmdlets.sln'), '-c', $Configuration)
}

foreach ($t in $Task) {
    switch ($t) {
        'Clean' { Invoke-Clean }
        'Build' { Invoke-Build }
        'Test' { Invoke-Test }
        'Package' { if ($Task -notcontains 'Build') { Invoke-Build }; Invoke-Package }
        'Demo' { if ($Task -notcontains 'Build') { Invoke-Build }; Invoke-Demo }
    }
}
