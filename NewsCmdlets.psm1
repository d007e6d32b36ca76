# The module's root: imports the cmdlets from bin/NewsCmdlets.dll.
#
# .NET loads an assembly once per process: after one copy of NewsCmdlets (an installed one, say) was imported, another
# copy's bin/NewsCmdlets.dll cannot be loaded beside it ("Assembly with same name is already loaded"). Importing a
# second copy (Import-Module ./NewsCmdlets.psd1 -Force) then uses the assembly already loaded, and says so when it
# came from another folder: a new session is the only way to run the other copy's code.
# Only core commands here, so the module also imports in a host without Microsoft.PowerShell.Utility.

$dll = [System.IO.Path]::Combine($PSScriptRoot, 'bin', 'NewsCmdlets.dll')
$loaded = $null
foreach ($assembly in [System.AppDomain]::CurrentDomain.GetAssemblies()) {
    if (-not $assembly.IsDynamic -and $assembly.GetName().Name -eq 'NewsCmdlets' -and $assembly.Location) {
        $loaded = $assembly
        break
    }
}

if ($null -eq $loaded) {
    $null = Import-Module -Name $dll -ErrorAction Stop
}
else {
    $here = [System.IO.Path]::GetFullPath($dll)
    $there = [System.IO.Path]::GetFullPath($loaded.Location)
    $comparison = if ($IsWindows) { [System.StringComparison]::OrdinalIgnoreCase } else { [System.StringComparison]::Ordinal }
    if (-not [string]::Equals($here, $there, $comparison) -and (Get-Command Write-Warning -ErrorAction Ignore)) {
        Write-Warning ("NewsCmdlets {0} is already loaded in this session from '{1}'; .NET loads a module's assemblies once per process, so its commands are used. To run the copy in '{2}', start a new session and import it there." -f
            $loaded.GetName().Version, [System.IO.Path]::GetDirectoryName($there), $PSScriptRoot)
    }
    $inner = Import-Module -Assembly $loaded -PassThru -ErrorAction Stop
    # Importing an assembly imported before (Import-Module -Force, or Remove-Module then Import-Module) reuses the
    # cached binary module and does not give its cmdlets to this module (PowerShell/PowerShell#20710), so the module
    # would export nothing. Add them as PSToml's loader does.
    $addExportedCmdlet = [System.Management.Automation.PSModuleInfo].GetMethod('AddExportedCmdlet', [System.Reflection.BindingFlags]'Instance, NonPublic')
    $thisModule = $ExecutionContext.SessionState.Module
    foreach ($cmdlet in $inner.ExportedCmdlets.Values) {
        if (-not $thisModule.ExportedCmdlets.ContainsKey($cmdlet.Name)) { $null = $addExportedCmdlet.Invoke($thisModule, @(, $cmdlet)) }
    }
}
