using System.Diagnostics;

namespace NewsCmdlets.Engine.Tests;

/// <summary>
/// The benchmark is not part of the test suite, but it must keep building and running: this runs
/// <c>bench/run --smoke</c> (tiny corpora, every implemented stage, no peers, no scoring).
/// </summary>
[Collection(BenchBuilds.Name)]
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
        // A safety limit, not a speed check: with cache-postgres's cold importer processes, a run on a shared two-core
        // machine under heavy load (load average ~40, the build included) went past 5 minutes.
        if (!p.WaitForExit(600_000)) { p.Kill(true); Assert.Fail("bench/run --smoke did not finish in 10 minutes"); }
        Assert.True(p.ExitCode == 0, $"bench/run --smoke exited {p.ExitCode}\n{stdout.Result}\n{stderr.Result}");
        string json = File.ReadAllText(Path.Combine(dir.FullName, "bench", ".scratch", "smoke", "latest.json"));
        foreach (var stage in new[] { "text-import", "html-extraction", "extraction-quality", "feeds", "entities", "quotes", "cache-cold-import", "cache-warm-reimport", "queries", "cache-postgres" })
            Assert.Contains($"\"{stage}\"", json);
        Assert.Contains("bench: done", stdout.Result);
        // cache-postgres runs against the test server when one is named (as in CI) and is otherwise a skipped row with
        // its reason, never left out; when it runs, its four concurrent importers (run at the smallest size) must have stored every article once.
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        var pg = doc.RootElement.GetProperty("Stages").EnumerateArray().Single(s => s.GetProperty("Name").GetString() == "cache-postgres");
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NEWSCMDLETS_TEST_POSTGRES")))
        {
            Assert.Equal(System.Text.Json.JsonValueKind.Null, pg.GetProperty("Skipped").ValueKind);
            Assert.Equal(1, pg.GetProperty("Results")[0].GetProperty("Metrics").GetProperty("check:concurrentExactlyOnce").GetDouble());
        }
        else Assert.Contains("no PostgreSQL server named", pg.GetProperty("Skipped").GetString());
    }

    /// <summary>
    /// `bench/run --quality` must keep working: its extraction part imports the 91 real pages of ../shared/eval through
    /// the built module in pwsh (installed from NuGet by the harness when missing), scores them with the folder's own
    /// score.py on all pages and on the two halves by site, and writes the table. (The figures are not asserted: quality
    /// is reported by the benchmark, not tested.)
    /// </summary>
    [Fact]
    public void Quality_harness_runs_the_module_over_real_pages_and_scores_them()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "NewsCmdlets.sln"))) dir = dir.Parent;
        Assert.NotNull(dir);
        string repo = dir!.FullName;
        Assert.True(File.Exists(Path.Combine(repo, "..", "shared", "eval", "extraction", "score.py")), "../shared/eval/extraction is missing beside the repository");
        var (buildExit, buildOut) = Run("dotnet", repo, "build", Path.Combine(repo, "bench", "NewsCmdlets.Bench", "NewsCmdlets.Bench.csproj"), "-c", "Release", "-nologo", "-v", "quiet");
        Assert.True(buildExit == 0, buildOut);
        string dll = Directory.GetFiles(Path.Combine(repo, "bench", "NewsCmdlets.Bench", "bin", "Release"), "NewsCmdlets.Bench.dll", SearchOption.AllDirectories).OrderBy(f => f).Last();
        string tmp = Directory.CreateTempSubdirectory("quality-").FullName;
        try
        {
            string md = Path.Combine(tmp, "QUALITY.md"), json = Path.Combine(tmp, "quality.json");
            var (exit, output) = Run("dotnet", repo, dll, "quality", "--repo", repo, "--only", "extraction", "--markdown", md, "--json", json);
            Assert.True(exit == 0, output);
            string table = File.ReadAllText(md);
            Assert.Contains("| extraction | extraction/ (ScrapingHub, 91 pages) | all (91 pages", table);
            Assert.Contains("| extraction | extraction/ (ScrapingHub, 91 pages) | A (write from)", table);
            Assert.Contains("| extraction | extraction/ (ScrapingHub, 91 pages) | B (check on)", table);
            using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(json));
            var rows = doc.RootElement.GetProperty("Sections")[0].GetProperty("Rows");
            Assert.Equal(3, rows.GetArrayLength());
            foreach (var row in rows.EnumerateArray())
            {
                var f1 = row.GetProperty("Figures")[0];
                Assert.Equal("F1", f1.GetProperty("Name").GetString());
                Assert.InRange(f1.GetProperty("Value").GetDouble(), 0.5, 1.0); // a run that extracted nothing would score near 0
            }
        }
        finally { Directory.Delete(tmp, recursive: true); }
    }

    private static (int Exit, string Output) Run(string file, string workDir, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workDir };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(600_000)) { p.Kill(true); return (-1, "timed out after 10 minutes\n" + stdout.Result + stderr.Result); }
        p.WaitForExit();
        return (p.ExitCode, stdout.Result + stderr.Result);
    }
}

/// <summary>
/// Test classes that build and run the benchmark project: one at a time, or two builds of NewsCmdlets.Bench race for its
/// output files ("NewsCmdlets.Bench.runtimeconfig.json … is being used by another process").
/// </summary>
[CollectionDefinition(Name)]
public sealed class BenchBuilds
{
    public const string Name = "bench builds";
}
