# STAND-INS, FOR THE IN-PROCESS TESTS ONLY.
#
# The xunit tests host System.Management.Automation from NuGet, which carries only the engine's core cmdlets
# (ForEach-Object, Where-Object, Out-Host, Out-Default, Import-Module, Get-Help ...). The modules
# Microsoft.PowerShell.Utility and Microsoft.PowerShell.Management (Sort-Object, Select-Object, Export-Csv,
# Get-ChildItem, Get-Content ...) ship with pwsh, not with that package, and are not on this machine's NuGet mirror.
# So HelpExampleTests and ExampleScriptTests load this file into the runspace before they run a help example or a
# script from examples/: small functions with the names and the semantics those examples rely on. They are not the
# real cmdlets and are not shipped. On a machine with pwsh, tests/NewsCmdlets.Tests.ps1 (Pester) runs against the
# real ones.
#
# Two deliberate differences from the real cmdlets, so examples cannot rot quietly:
# - Select-Object, Sort-Object, Group-Object and Format-* write an error when a property named by string is not on
#   the input object (the real ones give $null or a blank column, which would hide a renamed property).
# - Get-Date returns $global:StandInNow when the test sets it (so "the last seven days" covers the samples, which
#   are dated March 2026); otherwise the real clock.
# Invoke-Item only checks that the item exists; it opens nothing.

Set-StrictMode -Off

function StandIn-PropertyValue {
    # Returns the value inside a holder's .V, so a list-valued property is not unrolled on the way out.
    param($InputObject, $Property, [string] $Command)
    if ($Property -is [scriptblock]) {
        $r = @(ForEach-Object -InputObject $InputObject -Process $Property)
        return [pscustomobject]@{ V = $(if ($r.Count -eq 1) { , $r[0] } elseif ($r.Count -eq 0) { $null } else { , $r }) }
    }
    if ($Property -is [System.Collections.IDictionary]) {
        $e = foreach ($k in 'Expression', 'E') { if ($Property.Contains($k)) { $Property[$k]; break } }
        return StandIn-PropertyValue $InputObject $e $Command
    }
    $p = ([psobject]$InputObject).PSObject.Properties[[string]$Property]
    if ($null -eq $p) {
        $type = if ($null -eq $InputObject) { 'null' } else { ([psobject]$InputObject).PSObject.TypeNames[0] }
        throw [System.Management.Automation.PSArgumentException]::new("${Command} (stand-in): the input object ($type) has no property '$Property'.")
    }
    $holder = [pscustomobject]@{ V = $null }
    $holder.V = $p.Value
    return $holder
}

function StandIn-PropertyName {
    param($Property)
    if ($Property -is [System.Collections.IDictionary]) {
        foreach ($k in 'Name', 'Label', 'N', 'L') { if ($Property.Contains($k)) { return [string]$Property[$k] } }
        foreach ($k in 'Expression', 'E') { if ($Property.Contains($k)) { return [string]$Property[$k] } }
    }
    return [string]$Property
}

function StandIn-Compare {
    param($a, $b)
    try { return [System.Management.Automation.LanguagePrimitives]::Compare($a, $b, $true, [cultureinfo]::InvariantCulture) }
    catch { return [string]::Compare([string]$a, [string]$b, [System.StringComparison]::OrdinalIgnoreCase) }
}

function Sort-Object {
    [CmdletBinding()]
    param(
        [Parameter(Position = 0)] [object[]] $Property,
        [switch] $Descending,
        [switch] $Unique,
        [Parameter(ValueFromPipeline)] [psobject] $InputObject
    )
    begin { $items = [System.Collections.Generic.List[object]]::new() }
    process { if ($null -ne $InputObject) { $items.Add($InputObject) } }
    end {
        $rows = for ($i = 0; $i -lt $items.Count; $i++) {
            $o = $items[$i]
            $keys = if ($Property) { foreach ($p in $Property) { , (StandIn-PropertyValue $o $p 'Sort-Object').V } } else { , $o }
            [pscustomobject]@{ Index = $i; Keys = @($keys); Item = $o }
        }
        $list = [System.Collections.Generic.List[object]]::new()
        foreach ($r in $rows) { $list.Add($r) }
        $sign = if ($Descending) { -1 } else { 1 }
        $list.Sort([System.Comparison[object]] {
                param($x, $y)
                for ($k = 0; $k -lt $x.Keys.Count; $k++) {
                    $c = StandIn-Compare $x.Keys[$k] $y.Keys[$k]
                    if ($c -ne 0) { return $sign * $c }
                }
                return $x.Index.CompareTo($y.Index)
            })
        $previous = $null; $first = $true
        foreach ($r in $list) {
            if ($Unique -and -not $first -and (StandIn-Compare ($r.Keys -join "`u{1}") ($previous.Keys -join "`u{1}")) -eq 0) { continue }
            $first = $false; $previous = $r
            $r.Item
        }
    }
}

function Select-Object {
    [CmdletBinding()]
    param(
        [Parameter(Position = 0)] [object[]] $Property,
        [string] $ExpandProperty,
        [int] $First = -1,
        [int] $Last = -1,
        [int] $Skip = 0,
        [switch] $Unique,
        [Parameter(ValueFromPipeline)] [psobject] $InputObject
    )
    begin { $n = 0; $taken = 0; $kept = [System.Collections.Generic.List[object]]::new(); $seen = [System.Collections.Generic.HashSet[string]]::new() }
    process {
        if ($null -eq $InputObject) { return }
        $n++
        if ($n -le $Skip) { return }
        if ($First -ge 0 -and $taken -ge $First) { return }
        $taken++
        if ($Property) {
            $o = [ordered]@{}
            foreach ($p in $Property) {
                if ($p -is [string] -and $p -eq '*') {
                    foreach ($pp in $InputObject.PSObject.Properties) { $o[$pp.Name] = $pp.Value }
                } else {
                    $o[(StandIn-PropertyName $p)] = (StandIn-PropertyValue $InputObject $p 'Select-Object').V
                }
            }
            $out = [pscustomobject]$o
        } elseif ($ExpandProperty) {
            $out = $null
        } else {
            $out = $InputObject
        }
        $values = if ($ExpandProperty) { (StandIn-PropertyValue $InputObject $ExpandProperty 'Select-Object').V | ForEach-Object { $_ } } else { , $out }
        foreach ($v in $values) {
            if ($Unique) {
                $key = if ($v -is [pscustomobject]) { ($v.PSObject.Properties | ForEach-Object { [string]$_.Value }) -join "`u{1}" } else { [string]$v }
                if (-not $seen.Add($key)) { continue }
            }
            if ($Last -ge 0) { $kept.Add($v) } else { $v }
        }
    }
    end {
        if ($Last -ge 0) { $kept | Select-Object -Skip ([Math]::Max(0, $kept.Count - $Last)) }
    }
}

function Group-Object {
    [CmdletBinding()]
    param(
        [Parameter(Position = 0)] [object[]] $Property,
        [switch] $NoElement,
        [Parameter(ValueFromPipeline)] [psobject] $InputObject
    )
    begin { $groups = [ordered]@{} }
    process {
        if ($null -eq $InputObject) { return }
        $values = if ($Property) { foreach ($p in $Property) { , (StandIn-PropertyValue $InputObject $p 'Group-Object').V } } else { , $InputObject }
        $name = (@($values) | ForEach-Object { if ($null -eq $_) { '' } else { $_.ToString() } }) -join ', '
        $key = $name.ToLowerInvariant()
        if (-not $groups.Contains($key)) { $groups[$key] = [pscustomobject]@{ Name = $name; Values = @($values); Items = [System.Collections.Generic.List[object]]::new() } }
        $groups[$key].Items.Add($InputObject)
    }
    end {
        foreach ($g in $groups.Values) {
            $o = [ordered]@{ Count = $g.Items.Count; Name = $g.Name }
            if (-not $NoElement) { $o.Group = $g.Items.ToArray() }
            $o.Values = $g.Values
            [pscustomobject]$o
        }
    }
}

function Measure-Object {
    [CmdletBinding()]
    param(
        [Parameter(Position = 0)] [string[]] $Property,
        [switch] $Sum, [switch] $Average, [switch] $Maximum, [switch] $Minimum,
        [Parameter(ValueFromPipeline)] [psobject] $InputObject
    )
    begin { $values = [System.Collections.Generic.List[object]]::new(); $count = 0 }
    process {
        if ($null -eq $InputObject) { return }
        $count++
        if ($Property) { $values.Add([double](StandIn-PropertyValue $InputObject $Property[0] 'Measure-Object').V) }
    }
    end {
        $s = if ($values.Count) { ($values | ForEach-Object -Begin { $t = 0.0 } -Process { $t += $_ } -End { $t }) } else { $null }
        [pscustomobject]@{
            Count    = $count
            Average  = if ($Average -and $values.Count) { $s / $values.Count } else { $null }
            Sum      = if ($Sum) { $s } else { $null }
            Maximum  = if ($Maximum -and $values.Count) { ($values | Sort-Object -Descending | Select-Object -First 1) } else { $null }
            Minimum  = if ($Minimum -and $values.Count) { ($values | Sort-Object | Select-Object -First 1) } else { $null }
            Property = if ($Property) { $Property[0] } else { $null }
        }
    }
}

function Format-Table {
    [CmdletBinding()]
    param(
        [Parameter(Position = 0)] [object[]] $Property,
        [switch] $AutoSize, [switch] $Wrap, [switch] $HideTableHeaders,
        [Parameter(ValueFromPipeline)] [psobject] $InputObject
    )
    begin { $items = [System.Collections.Generic.List[object]]::new() }
    process { if ($null -ne $InputObject) { $items.Add($(if ($Property) { $InputObject | Select-Object -Property $Property } else { $InputObject })) } }
    end { if ($items.Count) { $items | Out-Host } }
}

function Format-List {
    [CmdletBinding()]
    param(
        [Parameter(Position = 0)] [object[]] $Property,
        [Parameter(ValueFromPipeline)] [psobject] $InputObject
    )
    process {
        if ($null -eq $InputObject) { return }
        if ($InputObject.psobject.BaseObject -is [string] -or $InputObject.psobject.BaseObject -is [ValueType]) { $InputObject | Out-Host; return }
        $names = if ($Property) {
            foreach ($p in $Property) { if ($p -is [string] -and $p -eq '*') { $InputObject.PSObject.Properties.Name } else { $p } }
        } elseif ($InputObject.PSStandardMembers.DefaultDisplayPropertySet) {
            $InputObject.PSStandardMembers.DefaultDisplayPropertySet.ReferencedPropertyNames
        } else { $InputObject.PSObject.Properties.Name }
        $width = ($names | ForEach-Object { (StandIn-PropertyName $_).Length } | Sort-Object -Descending | Select-Object -First 1)
        $lines = foreach ($n in $names) {
            $v = (StandIn-PropertyValue $InputObject $n 'Format-List').V
            $text = if ($null -eq $v) { '' } elseif ($v -is [array]) { '{' + ($v -join ', ') + '}' } else { $v.ToString() }
            '{0} : {1}' -f (StandIn-PropertyName $n).PadRight($width), $text
        }
        (@('') + @($lines)) -join "`n" | Out-Host
    }
}

function StandIn-ResolvePath {
    param([string] $Path, [switch] $Unresolved)
    if ($Unresolved) { return $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path) }
    $provider = $null
    return @($ExecutionContext.SessionState.Path.GetResolvedProviderPathFromPSPath($Path, [ref]$provider))
}

function StandIn-CsvField([string] $s) { '"' + $s.Replace('"', '""') + '"' }

function ConvertTo-Csv {
    [CmdletBinding()]
    param([Parameter(ValueFromPipeline)] [psobject] $InputObject, [switch] $NoTypeInformation, [char] $Delimiter = ',')
    begin { $names = $null }
    process {
        if ($null -eq $InputObject) { return }
        if ($null -eq $names) {
            $names = @($InputObject.PSObject.Properties.Name)
            ($names | ForEach-Object { StandIn-CsvField $_ }) -join $Delimiter
        }
        # As the real cmdlet: each value's own ToString() (so a string[] would be written as System.String[]).
        ($names | ForEach-Object {
                $p = $InputObject.PSObject.Properties[$_]
                $v = $null; if ($null -ne $p) { $v = $p.Value }
                StandIn-CsvField $(if ($null -eq $v) { '' } else { $v.ToString() })
            }) -join $Delimiter
    }
}

function Export-Csv {
    [CmdletBinding()]
    param(
        [Parameter(Position = 0)] [string] $Path,
        [Alias('PSPath')] [string] $LiteralPath,
        [switch] $NoTypeInformation, [switch] $Force, [switch] $Append, [string] $Encoding, [char] $Delimiter = ',',
        [Parameter(ValueFromPipeline)] [psobject] $InputObject
    )
    begin { $items = [System.Collections.Generic.List[object]]::new() }
    process { if ($null -ne $InputObject) { $items.Add($InputObject) } }
    end {
        $file = StandIn-ResolvePath $(if ($LiteralPath) { $LiteralPath } else { $Path }) -Unresolved
        $lines = @($items | ConvertTo-Csv -Delimiter $Delimiter)
        [System.IO.File]::WriteAllLines($file, [string[]]$lines, [System.Text.UTF8Encoding]::new($false))
    }
}

function ConvertFrom-Csv {
    [CmdletBinding()]
    param([Parameter(ValueFromPipeline, Position = 0)] [string[]] $InputObject, [char] $Delimiter = ',')
    begin { $text = [System.Text.StringBuilder]::new() }
    process { foreach ($l in $InputObject) { $null = $text.Append($l).Append("`n") } }
    end {
        $s = $text.ToString(); $rows = [System.Collections.Generic.List[object]]::new()
        $row = [System.Collections.Generic.List[string]]::new(); $field = [System.Text.StringBuilder]::new(); $q = $false
        for ($i = 0; $i -lt $s.Length; $i++) {
            $c = $s[$i]
            if ($q) {
                if ($c -eq '"') { if ($i + 1 -lt $s.Length -and $s[$i + 1] -eq '"') { $null = $field.Append('"'); $i++ } else { $q = $false } }
                else { $null = $field.Append($c) }
            } elseif ($c -eq '"') { $q = $true }
            elseif ($c -eq $Delimiter) { $row.Add($field.ToString()); $null = $field.Clear() }
            elseif ($c -eq "`r") { }
            elseif ($c -eq "`n") {
                $row.Add($field.ToString()); $null = $field.Clear()
                if ($row.Count -gt 1 -or $row[0] -ne '') { $rows.Add($row.ToArray()) }
                $row = [System.Collections.Generic.List[string]]::new()
            } else { $null = $field.Append($c) }
        }
        if ($rows.Count -eq 0) { return }
        $header = $rows[0]
        for ($r = 1; $r -lt $rows.Count; $r++) {
            $o = [ordered]@{}
            for ($k = 0; $k -lt $header.Count; $k++) { $o[$header[$k]] = if ($k -lt $rows[$r].Count) { $rows[$r][$k] } else { $null } }
            [pscustomobject]$o
        }
    }
}

function Import-Csv {
    [CmdletBinding()]
    param([Parameter(Position = 0, Mandatory)] [string] $Path, [char] $Delimiter = ',')
    foreach ($f in StandIn-ResolvePath $Path) { [System.IO.File]::ReadAllText($f) | ConvertFrom-Csv -Delimiter $Delimiter }
}

$script:StandInJsonOptions = [System.Text.Json.JsonSerializerOptions]@{ Encoder = [System.Text.Encodings.Web.JavaScriptEncoder]::UnsafeRelaxedJsonEscaping }
function StandIn-JsonString([string] $s) { [System.Text.Json.JsonSerializer]::Serialize([object]$s, [type][string], $script:StandInJsonOptions) }

function StandIn-Json {
    param($Value, [int] $Depth, [int] $Indent)
    $pad = '  ' * ($Indent + 1); $end = '  ' * $Indent
    if ($null -eq $Value) { return 'null' }
    if ($Value.psobject.BaseObject -isnot [System.Management.Automation.PSCustomObject]) { $Value = $Value.psobject.BaseObject }
    if ($Value -is [string] -or $Value -is [char] -or $Value -is [guid] -or $Value -is [uri] -or $Value -is [enum]) { return (StandIn-JsonString $Value) }
    if ($Value -is [bool]) { return $Value.ToString().ToLowerInvariant() }
    if ($Value -is [datetime] -or $Value -is [datetimeoffset]) { return (StandIn-JsonString $Value.ToString('o')) }
    if ($Value -is [ValueType]) { return [System.Text.Json.JsonSerializer]::Serialize($Value, $Value.GetType()) }
    if ($Depth -lt 0) { return (StandIn-JsonString $Value.ToString()) }
    if ($Value -is [System.Collections.IDictionary]) {
        $parts = foreach ($k in $Value.Keys) { $pad + (StandIn-JsonString $k) + ': ' + (StandIn-Json $Value[$k] ($Depth - 1) ($Indent + 1)) }
        return "{`n" + ($parts -join ",`n") + "`n$end}"
    }
    if ($Value -is [System.Collections.IEnumerable]) {
        $parts = foreach ($v in $Value) { $pad + (StandIn-Json $v ($Depth - 1) ($Indent + 1)) }
        if (-not $parts) { return '[]' }
        return "[`n" + (@($parts) -join ",`n") + "`n$end]"
    }
    $parts = foreach ($p in ([psobject]$Value).PSObject.Properties) { $pad + (StandIn-JsonString $p.Name) + ': ' + (StandIn-Json $p.Value ($Depth - 1) ($Indent + 1)) }
    return "{`n" + (@($parts) -join ",`n") + "`n$end}"
}

function ConvertTo-Json {
    [CmdletBinding()]
    param([Parameter(ValueFromPipeline, Position = 0)] [psobject] $InputObject, [int] $Depth = 2, [switch] $Compress, [switch] $AsArray)
    begin { $items = [System.Collections.Generic.List[object]]::new() }
    process { if ($null -ne $InputObject) { $items.Add($InputObject) } }
    end {
        if ($items.Count -eq 1 -and -not $AsArray) { StandIn-Json $items[0] $Depth 0 }
        else { StandIn-Json $items.ToArray() $Depth 0 }
    }
}

function Set-Content {
    [CmdletBinding()]
    param([Parameter(Position = 0, Mandatory)] [string] $Path, [Parameter(Position = 1, ValueFromPipeline)] [object[]] $Value, [string] $Encoding, [switch] $NoNewline)
    begin { $lines = [System.Collections.Generic.List[string]]::new() }
    process { foreach ($v in $Value) { $lines.Add([string]$v) } }
    end {
        $file = StandIn-ResolvePath $Path -Unresolved
        $text = if ($NoNewline) { $lines -join '' } else { ($lines -join [Environment]::NewLine) + [Environment]::NewLine }
        [System.IO.File]::WriteAllText($file, $text, [System.Text.UTF8Encoding]::new($false))
    }
}

function Out-File {
    [CmdletBinding()]
    param([Parameter(Position = 0, Mandatory)] [string] $FilePath, [Parameter(ValueFromPipeline)] [object] $InputObject, [string] $Encoding, [switch] $Append, [switch] $NoNewline)
    begin { $lines = [System.Collections.Generic.List[string]]::new() }
    process { $lines.Add([string]$InputObject) }
    end {
        $file = StandIn-ResolvePath $FilePath -Unresolved
        $text = if ($NoNewline) { $lines -join '' } else { ($lines -join [Environment]::NewLine) + [Environment]::NewLine }
        if ($Append) { [System.IO.File]::AppendAllText($file, $text) } else { [System.IO.File]::WriteAllText($file, $text, [System.Text.UTF8Encoding]::new($false)) }
    }
}

function Get-Content {
    [CmdletBinding()]
    param([Parameter(Position = 0, Mandatory, ValueFromPipelineByPropertyName)] [Alias('PSPath', 'LiteralPath')] [string[]] $Path, [switch] $Raw)
    process {
        foreach ($f in $Path | ForEach-Object { StandIn-ResolvePath $_ }) {
            if ($Raw) { [System.IO.File]::ReadAllText($f) } else { [System.IO.File]::ReadAllLines($f) }
        }
    }
}

function Get-ChildItem {
    [CmdletBinding()]
    param([Parameter(Position = 0)] [string[]] $Path = '.', [string] $Filter, [switch] $Recurse, [switch] $File, [switch] $Directory)
    foreach ($p in $Path) {
        # The FileSystem provider is part of the engine: its items carry PSPath, PSChildName ... as the real cmdlet's do.
        foreach ($item in $ExecutionContext.InvokeProvider.ChildItem.Get($p, [bool]$Recurse)) {
            if ($Filter -and $item.Name -notlike $Filter) { continue }
            if ($File -and $item.PSIsContainer) { continue }
            if ($Directory -and -not $item.PSIsContainer) { continue }
            $item
        }
    }
}

function Test-Path {
    [CmdletBinding()]
    param([Parameter(Position = 0, Mandatory)] [string] $Path, [ValidateSet('Any', 'Container', 'Leaf')] [string] $PathType = 'Any')
    $full = StandIn-ResolvePath $Path -Unresolved
    switch ($PathType) {
        'Leaf' { [System.IO.File]::Exists($full) }
        'Container' { [System.IO.Directory]::Exists($full) }
        default { [System.IO.File]::Exists($full) -or [System.IO.Directory]::Exists($full) }
    }
}

function Join-Path {
    [CmdletBinding()]
    param([Parameter(Position = 0, Mandatory)] [string] $Path, [Parameter(Position = 1, Mandatory)] [string] $ChildPath)
    [System.IO.Path]::Combine($Path, $ChildPath)
}

function New-Item {
    [CmdletBinding()]
    param([Parameter(Position = 0, Mandatory)] [string] $Path, [string] $ItemType = 'File', [switch] $Force)
    $full = StandIn-ResolvePath $Path -Unresolved
    if ($ItemType -eq 'Directory') { [System.IO.Directory]::CreateDirectory($full) }
    else { [System.IO.File]::WriteAllText($full, ''); [System.IO.FileInfo]::new($full) }
}

function Invoke-Item {
    [CmdletBinding()]
    param([Parameter(Position = 0, Mandatory, ValueFromPipelineByPropertyName)] [Alias('PSPath', 'FullName')] [string[]] $Path)
    process {
        foreach ($p in $Path) {
            if (-not (Test-Path $p)) { Write-Error "Invoke-Item (stand-in): cannot find '$p'." -ErrorId 'PathNotFound' -Category ObjectNotFound }
        }
    }
}

function Get-Date {
    [CmdletBinding()]
    param([Parameter(Position = 0)] [object] $Date, [string] $Format)
    $d = if ($null -ne $Date) { [datetime]$Date } elseif ($null -ne $global:StandInNow) { [datetime]$global:StandInNow } else { [datetime]::Now }
    if ($Format) { $d.ToString($Format, [cultureinfo]::InvariantCulture) } else { $d }
}

function Select-String {
    [CmdletBinding()]
    param([Parameter(Position = 0, Mandatory)] [string[]] $Pattern, [Parameter(ValueFromPipeline)] [psobject] $InputObject, [switch] $SimpleMatch)
    process {
        $line = [string]$InputObject
        foreach ($p in $Pattern) {
            $hit = if ($SimpleMatch) { $line.IndexOf($p, [System.StringComparison]::OrdinalIgnoreCase) -ge 0 } else { $line -match $p }
            if ($hit) { $line; break }
        }
    }
}

# Write-* live in Microsoft.PowerShell.Utility too; these write to the same streams through the cmdlet API.
function Write-Output { param([Parameter(ValueFromPipeline, Position = 0)] [object[]] $InputObject) process { foreach ($o in $InputObject) { $o } } }
function Write-Verbose { [CmdletBinding()] param([Parameter(Position = 0)] [string] $Message) $PSCmdlet.WriteVerbose($Message) }
function Write-Warning { [CmdletBinding()] param([Parameter(Position = 0)] [string] $Message) $PSCmdlet.WriteWarning($Message) }
function Write-Host { param([Parameter(Position = 0, ValueFromRemainingArguments)] [object[]] $Object) $Host.UI.WriteLine((@($Object) -join ' ')) }
function Write-Error {
    [CmdletBinding()]
    param([Parameter(Position = 0)] [string] $Message, [string] $ErrorId = 'StandInError', [System.Management.Automation.ErrorCategory] $Category = 'NotSpecified', [object] $TargetObject)
    $PSCmdlet.WriteError([System.Management.Automation.ErrorRecord]::new([System.Exception]::new($Message), $ErrorId, $Category, $TargetObject))
}
