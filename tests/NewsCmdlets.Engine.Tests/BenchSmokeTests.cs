using System.Diagnostics;

namespace NewsCmdlets.Engine.Tests;

/// <summary>
/// The benchmark is not part of the test suite, but it must keep building and running: this runs
/// <c>bench/run --smoke</c> (tiny corpora, every implemented stage, no peers, no scoring).
/// </summary>
public sealed class BenchSmokeTests
{
    [Fact]
    public void Bench_builds_and_its_smoke_mode_runs_every_implemented_stage()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "NewsCmdlets.sln"))) dir = dir.Parent;
        Assert.NotNull(dir);
        string script = Path.Combine(dir!.FullName, "bench", "run");
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(script);
        psi.ArgumentList.Add("--smoke");
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(300_000)) { p.Kill(true); Assert.Fail("bench/run --smoke did not finish in 5 minutes"); }
        Assert.True(p.ExitCode == 0, $"bench/run --smoke exited {p.ExitCode}\n{stdout.Result}\n{stderr.Result}");
        string json = File.ReadAllText(Path.Combine(dir.FullName, "bench", ".scratch", "smoke", "latest.json"));
        foreach (var stage in new[] { "text-import", "html-extraction", "extraction-quality", "feeds", "entities", "quotes", "cache-cold-import", "cache-warm-reimport", "queries" })
            Assert.Contains($"\"{stage}\"", json);
        Assert.Contains("bench: done", stdout.Result);
    }
}
