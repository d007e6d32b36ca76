#Requires -Version 7.4
<#
.SYNOPSIS
    Packs a built module folder (./out/NewsCmdlets) for installation: a .nupkg for PSResourceGet and a .zip.

.DESCRIPTION
    Writes to -DestinationPath:
      NewsCmdlets.<version>.nupkg   made by PSResourceGet's own Compress-PSResource (it ships with pwsh 7.4 and later),
                                    so Install-PSResource accepts it from any NuGet feed or folder repository:
                                      Register-PSResourceRepository -Name Local -Uri <folder> -Trusted
                                      Install-PSResource NewsCmdlets -Repository Local
      NewsCmdlets-<version>.zip     the module folder, to unpack into a folder on $env:PSModulePath.
    Returns the two files. Used by ./build.ps1 -Task Package and by tests/Pester/Package.Tests.ps1.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModuleFolder,
    [Parameter(Mandatory)] [string] $DestinationPath
)

$ErrorActionPreference = 'Stop'
$manifestPath = Join-Path $ModuleFolder 'NewsCmdlets.psd1'
if (-not (Test-Path $manifestPath)) { throw "No built module in '$ModuleFolder': build first (./build.ps1 -Task Build)." }
$manifest = Import-PowerShellDataFile $manifestPath
$null = New-Item -ItemType Directory -Path $DestinationPath -Force

$nupkg = Join-Path $DestinationPath "NewsCmdlets.$($manifest.ModuleVersion).nupkg"
if (Test-Path $nupkg) { Remove-Item $nupkg }
Import-Module Microsoft.PowerShell.PSResourceGet -ErrorAction Stop
Compress-PSResource -Path $ModuleFolder -DestinationPath $DestinationPath
if (-not (Test-Path $nupkg)) { throw "Compress-PSResource did not write '$nupkg'." }

$zip = Join-Path $DestinationPath "NewsCmdlets-$($manifest.ModuleVersion).zip"
Compress-Archive -Path $ModuleFolder -DestinationPath $zip -Force

Get-Item $nupkg, $zip
