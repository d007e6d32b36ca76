using System.Diagnostics;
using NewsCmdlets.TestSupport;

namespace NewsCmdlets.Engine.Tests;

/// <summary>
/// bench/run's cache-postgres stage starts a throwaway PostgreSQL cluster in /tmp when no server is named: Ctrl+C in
/// the middle of the run must stop it and delete its folder, not leave it running. Runs where the PostgreSQL tests do
/// (CI, or NEWSCMDLETS_TEST_POSTGRES named: the server binaries are there); skipped with the reason otherwise.
/// </summary>
[Collection(BenchBuilds.Name)]
public sealed class BenchPostgresCleanupTests : IRunsOnPostgres
{
    [StoreFact]
    public void Ctrl_C_stops_the_cluster_the_bench_started_and_deletes_its_folder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "NewsCmdlets.sln"))) dir = dir.Parent;
        string repo = dir!.FullName;
        var build = Process.Start(new ProcessStartInfo("dotnet", new[] { "build", Path.Combine(repo, "bench", "NewsCmdlets.Bench", "NewsCmdlets.Bench.csproj"), "-c", "Release", "-nologo", "-v", "quiet" })
            { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
        string buildOut = build.StandardOutput.ReadToEnd();
        build.WaitForExit();
        Assert.True(build.ExitCode == 0, buildOut);
        string dll = Directory.GetFiles(Path.Combine(repo, "bench", "NewsCmdlets.Bench", "bin", "Release"), "NewsCmdlets.Bench.dll", SearchOption.AllDirectories).OrderBy(f => f).Last();

        var psi = new ProcessStartInfo("dotnet", new[] { dll, "pg-hold" }) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = repo };
        using var hold = Process.Start(psi)!;
        var stderr = hold.StandardError.ReadToEndAsync();
        string? cluster = null;
        try
        {
            var line = hold.StandardOutput.ReadLineAsync();
            // Safety limits, not speed checks (initdb on a loaded two-core machine).
            Assert.True(line.Wait(TimeSpan.FromMinutes(3)), "pg-hold printed no cluster folder in 3 minutes");
            cluster = line.Result;
            Assert.False(string.IsNullOrEmpty(cluster), $"pg-hold started no cluster: {(hold.HasExited ? stderr.Result : "")}");
            Assert.True(File.Exists(Path.Combine(cluster!, "data", "postmaster.pid")), $"no running cluster in {cluster}");

            using (var kill = Process.Start("kill", new[] { "-INT", hold.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) })) kill.WaitForExit();
            Assert.True(hold.WaitForExit(120_000), "pg-hold did not end within 2 minutes of Ctrl+C");
            Assert.False(Directory.Exists(cluster), $"the cluster folder {cluster} is still there after Ctrl+C\n{stderr.Result}");
            Assert.Contains("stopped the throwaway cluster", stderr.Result);
        }
        finally
        {
            if (!hold.HasExited) hold.Kill(true);
            if (cluster != null && Directory.Exists(cluster))
                using (var stop = Process.Start("bash", new[] { Path.Combine(repo, ".ci", "postgres"), "stop", cluster })) stop.WaitForExit();
        }
    }
}
