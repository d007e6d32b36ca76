# Shared by the Pester tests (dot-source it in BeforeAll, and in BeforeDiscovery when discovery needs it).
# The tests run under the real pwsh on the built module folder (./out/NewsCmdlets): build first, or run them through
# ./build.ps1 -Task Test, which builds, runs dotnet test and then these.

$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$script:ModuleFolder = Join-Path $RepoRoot 'out/NewsCmdlets'
$script:Samples = Join-Path $RepoRoot 'samples'
# The pwsh running these tests; child sessions use the same one. (Under the dotnet tool the process is dotnet itself,
# so the executable is found in $PSHOME, where every install keeps it.)
$script:Pwsh = Join-Path $PSHOME $(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' })

function New-UserFolder {
    <#
    .SYNOPSIS
    A folder laid out as the README's and the help's examples expect, under $TestDrive: ./samples (copied out of the
    built module folder, as the help tells users to), ./feeds/harbour-courier.xml (a saved feed with full text, from
    tests/Fixtures), ./article.txt (an article's text), ./inbox (the samples plus an empty file, which is an error).
    Returns its path.
    #>
    param([Parameter(Mandatory)] [string] $Name)
    $dir = New-Item -ItemType Directory -Path (Join-Path $TestDrive $Name) -Force
    Copy-Item -Recurse -Force (Join-Path $ModuleFolder 'samples') $dir
    $null = New-Item -ItemType Directory -Path (Join-Path $dir 'inbox'), (Join-Path $dir 'feeds')
    Copy-Item (Join-Path $dir 'samples/*.txt') (Join-Path $dir 'inbox')
    Set-Content -Path (Join-Path $dir 'inbox/notes.txt') -Value '   '
    Copy-Item (Join-Path $dir 'samples/valley-evening-post-ferry-strike.txt') (Join-Path $dir 'article.txt')
    Copy-Item (Join-Path $RepoRoot 'tests/Fixtures/harbour-courier-feed.xml') (Join-Path $dir 'feeds/harbour-courier.xml')
    $dir.FullName
}

function Invoke-FreshPwsh {
    <#
    .SYNOPSIS
    Runs a command in a new pwsh as a user whose home is $UserHome (so "CurrentUser" modules, PSResourceGet's
    repositories and settings all live there, not in the real home), with the default PSModulePath. Returns
    [pscustomobject] @{ ExitCode; Output; Errors }.
    #>
    param(
        [Parameter(Mandatory)] [string] $Command,
        [Parameter(Mandatory)] [string] $UserHome,
        [string] $WorkingDirectory = $UserHome,
        [string[]] $PrependPath = @()
    )
    $psi = [System.Diagnostics.ProcessStartInfo]::new($Pwsh)
    foreach ($a in '-NoProfile', '-NonInteractive', '-OutputFormat', 'Text', '-Command', $Command) { $psi.ArgumentList.Add($a) }
    $psi.WorkingDirectory = $WorkingDirectory
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.UseShellExecute = $false
    foreach ($v in 'PSModulePath', 'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME') { $null = $psi.Environment.Remove($v) }
    $psi.Environment['HOME'] = $UserHome
    $psi.Environment['USERPROFILE'] = $UserHome
    $psi.Environment['LOCALAPPDATA'] = Join-Path $UserHome 'AppData/Local'
    $psi.Environment['POWERSHELL_TELEMETRY_OPTOUT'] = '1'
    $psi.Environment['POWERSHELL_UPDATECHECK'] = 'Off'
    $psi.Environment['NO_COLOR'] = '1'
    if ($PrependPath) { $psi.Environment['PATH'] = ($PrependPath + $psi.Environment['PATH']) -join [System.IO.Path]::PathSeparator }
    $p = [System.Diagnostics.Process]::Start($psi)
    $stdout = $p.StandardOutput.ReadToEndAsync()
    $stderr = $p.StandardError.ReadToEndAsync()
    if (-not $p.WaitForExit(180000)) { $p.Kill($true); throw "pwsh did not finish within 3 minutes: $Command" }
    [pscustomobject]@{ ExitCode = $p.ExitCode; Output = $stdout.Result; Errors = $stderr.Result }
}

function New-FakeDesktop {
    <#
    .SYNOPSIS
    A folder holding an xdg-open that records what it is asked to open (one line each in opened.txt beside it) and
    opens nothing; put it first on PATH. Returns the folder.
    #>
    $dir = New-Item -ItemType Directory -Path (Join-Path $TestDrive "desktop-$([guid]::NewGuid().ToString('N'))")
    $script = Join-Path $dir 'xdg-open'
    Set-Content -Path $script -Value "#!/bin/sh`nprintf '%s\n' `"`$*`" >> '$(Join-Path $dir 'opened.txt')'`n" -NoNewline
    if (-not $IsWindows) { chmod +x $script }
    $dir.FullName
}
