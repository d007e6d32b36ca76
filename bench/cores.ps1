<#
.SYNOPSIS
    -ThrottleLimit through the cmdlets, as a user runs them: Import-NewsArticle (files), Get-NewsEntity,
    Get-NewsQuote and Compare-NewsCoverage at 1 and 2 threads (or -Threads), in one pwsh, the thread counts
    alternated round by round; and what the pipeline thread itself costs per item.

.DESCRIPTION
    The bench stage `cores` (bench/run --only cores) measures the engine's share of the work through the same
    parallel map the cmdlets use. This script measures the whole cmdlet: binding, the pipeline thread's WriteObject
    for every object, and Out-Null after it. Besides the ratios it times the objects a cmdlet wrote going through
    the pipeline alone (`& { $objects } | Out-Null`; a bare `$objects | Out-Null` is optimised away by PowerShell):
    the pipeline thread's own cost per item, which no number of threads
    shortens, so the speed-up of that pipeline cannot exceed (time at one thread) / (that cost). It also records CPU time
    an item, of the process and of the pipeline thread alone (clock_gettime, Linux): valid on a loaded machine, where
    the wall-clock ratios are not; at N threads the pipeline thread's share of the process's CPU is the serial share.

    Run it after a Release build (dotnet build src/NewsCmdlets), from the repository root, on a quiet machine:

        pwsh -NoProfile -File bench/cores.ps1                    # 1,000 generated articles, 1 and 2 threads, 3 rounds
        pwsh -NoProfile -File bench/cores.ps1 -Threads 1,2,4,8   # more threads, on a machine that has them
        pwsh -NoProfile -File bench/cores.ps1 -Smoke             # 100 articles, 1 round: checks that it runs

    The corpus is bench/run's generated one (bench/.scratch/corpus/); `bench/run --smoke --only cores` or
    `bench/run --quick --only cores --no-peers` writes the 100- and 1,000-article ones.
#>
[CmdletBinding()]
param(
    [int[]]$Threads = @(1, 2),
    [int]$Rounds = 3,
    [int]$Articles = 1000,
    [string]$Corpus,
    [string]$Module = (Join-Path $PSScriptRoot '..' 'NewsCmdlets.psd1'),
    [switch]$Smoke
)
$ErrorActionPreference = 'Stop'
if ($Smoke) { $Articles = 100; $Rounds = 1 }
$Threads = @(@(1) + $Threads | Sort-Object -Unique)

if (-not $Corpus) {
    $Corpus = Get-ChildItem (Join-Path $PSScriptRoot '.scratch' 'corpus') -Directory -Filter "v*-n$Articles" -ErrorAction SilentlyContinue |
        Sort-Object Name | Select-Object -Last 1 -ExpandProperty FullName
}
if (-not $Corpus -or -not (Test-Path (Join-Path $Corpus 'text'))) {
    throw "No generated corpus of $Articles articles under bench/.scratch/corpus. Run 'bench/run --quick --only cores --no-peers' (or --smoke for 100) first, or give -Corpus."
}
Import-Module $Module

# CPU time of the calling thread and of the process (clock_gettime, Linux; 0 elsewhere): unlike wall time, meaningful on
# a loaded machine. The pipeline thread's CPU over the process's, at N threads, is the share no -ThrottleLimit shortens.
Add-Type -TypeDefinition @'
using System;
using System.Runtime.InteropServices;
public static class NewsCmdletsBenchCpu {
    [StructLayout(LayoutKind.Sequential)] private struct TimeSpec { public long Seconds; public long Nanoseconds; }
    [DllImport("libc", EntryPoint = "clock_gettime")] private static extern int ClockGetTime(int clock, out TimeSpec time);
    private static long Clock(int id) { TimeSpec t; return OperatingSystem.IsLinux() && ClockGetTime(id, out t) == 0 ? t.Seconds * 1000000000L + t.Nanoseconds : 0; }
    public static long ThreadNs() { return Clock(3); }
    public static long ProcessNs() { return Clock(2); }
}
'@
function Get-Load { if (Test-Path /proc/loadavg) { (Get-Content /proc/loadavg -Raw).Split(' ')[0] } else { 'unknown' } }
function Get-Median([double[]]$xs) { $s = $xs | Sort-Object; if ($s.Count % 2) { $s[[int][math]::Floor($s.Count / 2)] } else { ($s[$s.Count / 2 - 1] + $s[$s.Count / 2]) / 2 } }

$files = Get-ChildItem (Join-Path $Corpus 'text') -Recurse -Filter *.txt | Sort-Object FullName | Select-Object -First $Articles -ExpandProperty FullName
$news = Import-NewsArticle -LiteralPath $files -ThrottleLimit 1
$stories = $news | Group-NewsArticle | Where-Object OutletCount -ge 2
$loadBefore = Get-Load

$workloads = [ordered]@{
    'Import-NewsArticle (files)' = @{ Items = $files.Count; Run = { param($t) Import-NewsArticle -LiteralPath $files -ThrottleLimit $t } }
    'Get-NewsEntity'             = @{ Items = $news.Count; Run = { param($t) $news | Get-NewsEntity -ThrottleLimit $t -WarningAction SilentlyContinue } }
    'Get-NewsQuote'              = @{ Items = $news.Count; Run = { param($t) $news | Get-NewsQuote -ThrottleLimit $t -WarningAction SilentlyContinue } }
    'Compare-NewsCoverage'       = @{ Items = @($stories).Count; Run = { param($t) $stories | Compare-NewsCoverage -MinimumOutlets 2 -ThrottleLimit $t -WarningAction SilentlyContinue } }
}

$rows = foreach ($name in $workloads.Keys) {
    $w = $workloads[$name]
    # Warm-up, untimed: every thread count once; the objects one thread writes, for the pipeline's own cost.
    $objects = @(& $w.Run 1)
    foreach ($t in $Threads | Where-Object { $_ -gt 1 }) { $null = & $w.Run $t }
    $times = @{}
    $pipelineCpu = @{}; $processCpu = @{}
    foreach ($t in $Threads) {
        $times[$t] = [System.Collections.Generic.List[double]]::new()
        $pipelineCpu[$t] = [System.Collections.Generic.List[double]]::new(); $processCpu[$t] = [System.Collections.Generic.List[double]]::new()
    }
    $pipeline = [System.Collections.Generic.List[double]]::new()
    for ($round = 0; $round -lt $Rounds; $round++) {
        $order = if ($round % 2) { $Threads | Sort-Object -Descending } else { $Threads }
        foreach ($t in $order) {
            $thread0 = [NewsCmdletsBenchCpu]::ThreadNs(); $process0 = [NewsCmdletsBenchCpu]::ProcessNs()
            $times[$t].Add((Measure-Command { & $w.Run $t | Out-Null }).TotalSeconds)
            $pipelineCpu[$t].Add(([NewsCmdletsBenchCpu]::ThreadNs() - $thread0) / 1000.0 / $w.Items)
            $processCpu[$t].Add(([NewsCmdletsBenchCpu]::ProcessNs() - $process0) / 1000.0 / $w.Items)
        }
        $pipeline.Add((Measure-Command { & { $objects } | Out-Null }).TotalSeconds)
    }
    $one = Get-Median $times[1]
    $p = Get-Median $pipeline
    foreach ($t in $Threads) {
        $median = Get-Median $times[$t]
        [pscustomobject]@{
            Cmdlet           = $name
            Items            = $w.Items
            Objects          = $objects.Count
            Threads          = $t
            Seconds          = [math]::Round($median, 3)
            ItemsPerSecond   = [math]::Round($w.Items / $median, 1)
            SpeedUp          = [math]::Round($one / $median, 2)
            PipelineSeconds  = [math]::Round($p, 4)
            # No number of threads shortens the pipeline thread's own part: the most this pipeline can gain.
            SpeedUpCeiling   = if ($p -gt 0) { [math]::Round($one / $p, 1) } else { $null }
            # CPU µs an item: the whole process, and the pipeline thread alone (at 1 thread it does all the work).
            ProcessCpuUs     = [math]::Round((Get-Median $processCpu[$t]), 1)
            PipelineCpuUs    = [math]::Round((Get-Median $pipelineCpu[$t]), 1)
        }
    }
}
$rows | Format-Table -Property * -AutoSize | Out-String -Width 260
"Processors: {0}; GC: {1}; load average {2} before, {3} after (well above the processor count, the ratios say little)." -f `
    [Environment]::ProcessorCount, $(if ([System.Runtime.GCSettings]::IsServerGC) { 'server' } else { 'workstation' }), $loadBefore, (Get-Load)
"SpeedUp: median time at 1 thread over median time at N, the thread counts alternated in one process. PipelineSeconds:" +
" the objects one thread wrote, written again from a script block to Out-Null (the pipeline thread's own part). SpeedUpCeiling: 1-thread time over that part." +
" ProcessCpuUs, PipelineCpuUs: CPU µs an item of the process and of the pipeline thread (CPU time, meaningful under load; at N threads their ratio is the serial share)."
