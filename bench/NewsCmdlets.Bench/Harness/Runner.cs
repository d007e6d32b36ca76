using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using NewsCmdlets.Bench.Corpus;

namespace NewsCmdlets.Bench.Harness;

/// <summary>Results of one stage over all its sizes, with the fitted scaling exponent.</summary>
public sealed class StageReport
{
    public string Name { get; set; } = "";
    public string Measures { get; set; } = "";
    public string ItemName { get; set; } = "";
    public bool Scales { get; set; }
    public bool IsPeer { get; set; }
    public string? Skipped { get; set; }
    public List<StageMeasurement> Results { get; set; } = new();
    /// <summary>Least-squares slope of log(time) on log(articles) over the sizes run, on each size's fastest pass in
    /// process CPU time; 1 = linear.</summary>
    public double? ScalingExponent { get; set; }
    /// <summary>The same fitted on the median passes' wall-clock time (more exposed to other work on the machine).</summary>
    public double? WallScalingExponent { get; set; }
}

public sealed class RunReport
{
    public int Schema { get; set; } = 1;
    public string Mode { get; set; } = "";
    public string Date { get; set; } = "";
    public string Commit { get; set; } = "";
    public bool UncommittedChanges { get; set; }
    public SortedDictionary<string, string> Machine { get; set; } = new(StringComparer.Ordinal);
    public ulong Seed { get; set; }
    public int[] Sizes { get; set; } = Array.Empty<int>();
    public List<CorpusInfo> Corpora { get; set; } = new();
    public List<StageReport> Stages { get; set; } = new();
    public List<PlannedStage> NotImplemented { get; set; } = new();
    public double TotalSeconds { get; set; }
}

/// <summary>
/// The parent process of a benchmark run: generates the corpora, prepares peers, runs every stage in its own child
/// process (so each peak-memory figure belongs to one stage and one size), fits the scaling exponents and writes the
/// JSON and markdown reports.
/// </summary>
public static class Runner
{
    public static readonly JsonSerializerOptions JsonOut = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static int Run(string[] args)
    {
        var total = Stopwatch.StartNew();
        var mode = RunMode.Quick;
        ulong seed = 20240901;
        string? repo = null, eval = null, jsonOut = null, mdOut = null;
        int[]? sizes = null;
        bool noPeers = false;
        HashSet<string>? only = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--smoke": mode = RunMode.Smoke; break;
                case "--quick": mode = RunMode.Quick; break;
                case "--full": mode = RunMode.Full; break;
                case "--seed": seed = ulong.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--repo": repo = args[++i]; break;
                case "--eval": eval = args[++i]; break;
                case "--json": jsonOut = args[++i]; break;
                case "--markdown": mdOut = args[++i]; break;
                case "--sizes": sizes = args[++i].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray(); break;
                case "--no-peers": noPeers = true; break;
                case "--only": only = args[++i].Split(',').ToHashSet(); break;
                default: Console.Error.WriteLine($"run: unknown option '{args[i]}'"); return 2;
            }
        }
        repo ??= FindRepoRoot();
        eval ??= Path.GetFullPath(Path.Combine(repo, "..", "shared", "eval"));
        string scratch = Path.Combine(repo, "bench", ".scratch");
        sizes ??= mode switch { RunMode.Smoke => new[] { 100, 300 }, RunMode.Quick => new[] { 1_000, 10_000 }, _ => new[] { 1_000, 10_000, 100_000 } };
        string outDir = mode == RunMode.Full ? Path.Combine(repo, "bench", "results") : Path.Combine(scratch, mode.ToString().ToLowerInvariant());
        jsonOut ??= Path.Combine(outDir, "latest.json");
        mdOut ??= mode == RunMode.Full ? Path.Combine(repo, "bench", "RESULTS.md") : Path.Combine(outDir, "RESULTS.md");
        var log = Console.Out;

        var report = new RunReport
        {
            Mode = mode.ToString().ToLowerInvariant(), Seed = seed, Sizes = sizes,
            Date = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
        };
        (report.Commit, report.UncommittedChanges) = GitState(repo);
        report.Machine = MachineInfo();
        log.WriteLine($"bench: {report.Mode} run, sizes {string.Join("/", sizes)}, seed {seed}, commit {report.Commit}{(report.UncommittedChanges ? " (uncommitted changes)" : "")}");

        var stages = StageCatalog.Implemented.Where(s => only == null || only.Contains(s.Name)).ToList();
        if (stages.Any(s => s.Scales))
        {
            log.WriteLine("corpora:");
            foreach (int n in sizes) report.Corpora.Add(CorpusStore.Ensure(Path.Combine(scratch, "corpus"), seed, n, log));
        }

        foreach (var stage in stages)
        {
            var sr = new StageReport { Name = stage.Name, Measures = stage.Measures, ItemName = stage.ItemName, Scales = stage.Scales, IsPeer = stage.IsPeer };
            report.Stages.Add(sr);
            if (stage.IsPeer && (mode == RunMode.Smoke || noPeers)) { sr.Skipped = mode == RunMode.Smoke ? "peers are not run by --smoke" : "--no-peers"; log.WriteLine($"{stage.Name}: skipped ({sr.Skipped})"); continue; }
            var ctx = new StageContext { Mode = mode, Seed = seed, RepoRoot = repo, Scratch = scratch, EvalRoot = eval };
            var prepare = new StringWriter();
            bool ok = stage.Prepare(ctx, prepare);
            log.Write(prepare);
            if (!ok) { sr.Skipped = prepare.ToString().Trim(); continue; }
            try
            {
                foreach (int n in stage.Scales ? sizes : new[] { 0 })
                {
                    var m = RunChild(stage, mode, seed, n, n > 0 ? CorpusStore.FolderFor(Path.Combine(scratch, "corpus"), seed, n) : null, repo, scratch, eval, sizes);
                    sr.Results.Add(m);
                    string size = n > 0 ? $" {n,7:N0}" : "";
                    log.WriteLine(m.Failed
                        ? $"{stage.Name}{size}: FAILED {m.Info["failure"]}"
                        : $"{stage.Name}{size}: {m.Seconds:0.000} s (CPU {m.CpuSeconds:0.000} s), {m.ItemsPerSecond:N1} {stage.ItemName}/s, {m.MegabytesPerSecond:0.0} MB/s, peak {m.PeakWorkingSetMB:0} MB" +
                          (m.Metrics.Count > 0 ? "; " + string.Join(", ", m.Metrics.Where(kv => !kv.Key.EndsWith("_std", StringComparison.Ordinal)).Take(8).Select(kv => $"{kv.Key} {kv.Value.ToString(CultureInfo.InvariantCulture)}")) : ""));
                }
            }
            finally { if (stage is IStageTeardown t) t.Finish(ctx, log); }
            if (stage.Scales)
            {
                var good = sr.Results.Where(r => !r.Failed).ToList();
                sr.ScalingExponent = Measure.ScalingExponent(good.Select(r => ((double)r.Size, r.BestCpuSeconds > 0 ? r.BestCpuSeconds : r.Seconds)).ToList()) is { } e ? Math.Round(e, 3) : null;
                sr.WallScalingExponent = Measure.ScalingExponent(good.Select(r => ((double)r.Size, r.Seconds)).ToList()) is { } w ? Math.Round(w, 3) : null;
            }
            if (sr.ScalingExponent is { } x) log.WriteLine($"{stage.Name}: scaling exponent {x:0.00} (fastest pass, CPU time), {sr.WallScalingExponent:0.00} (median pass, wall time)");
        }
        report.NotImplemented = StageCatalog.NotImplemented.ToList();
        report.TotalSeconds = Math.Round(total.Elapsed.TotalSeconds, 1);

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(jsonOut))!);
        File.WriteAllText(jsonOut, JsonSerializer.Serialize(report, JsonOut) + "\n");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(mdOut))!);
        File.WriteAllText(mdOut, Report.Markdown(report, repo, jsonOut));
        log.WriteLine($"bench: done in {report.TotalSeconds:0} s; wrote {Path.GetRelativePath(repo, jsonOut)} and {Path.GetRelativePath(repo, mdOut)}");
        bool failed = report.Stages.Any(s => s.Results.Any(r => r.Failed));
        return failed ? 1 : 0;
    }

    private static StageMeasurement RunChild(IBenchStage stage, RunMode mode, ulong seed, int size, string? corpus, string repo, string scratch, string eval, int[] sizes)
    {
        string outFile = Path.Combine(scratch, "work", mode.ToString().ToLowerInvariant(), $"m-{stage.Name}-{size}.json");
        Directory.CreateDirectory(Path.GetDirectoryName(outFile)!);
        File.Delete(outFile);
        var args = new List<string>();
        string exe = Environment.ProcessPath!;
        if (Path.GetFileNameWithoutExtension(exe) == "dotnet") args.Add(Assembly.GetEntryAssembly()!.Location);
        args.AddRange(new[] { "stage", stage.Name, "--mode", mode.ToString().ToLowerInvariant(), "--seed", seed.ToString(CultureInfo.InvariantCulture),
            "--size", size.ToString(CultureInfo.InvariantCulture), "--sizes", string.Join(",", sizes), "--repo", repo, "--scratch", scratch, "--eval", eval, "--out", outFile });
        if (corpus != null) args.AddRange(new[] { "--corpus", corpus });
        var (exit, stdout, stderr) = Measure.Run(exe, args, timeoutSeconds: 1800, environment: ChildEnvironment);
        if (exit == 0 && File.Exists(outFile))
            return JsonSerializer.Deserialize<StageMeasurement>(File.ReadAllText(outFile))!;
        var failed = new StageMeasurement { Stage = stage.Name, Size = size };
        failed.Info["failure"] = $"child exited {exit}: {(stderr + stdout).Trim()}";
        return failed;
    }

    /// <summary>
    /// The child's runtime settings. The tiered JIT waits until no new method has been called for 100 ms before it
    /// compiles hot methods with optimisations, and every new input shape calls new methods, so on varied input the
    /// wait keeps restarting and a child measures unoptimised code for many seconds (passes over the same 1,000
    /// articles went 0.34 s → 0.10 s in one process). With the delay at 0 the same optimised code arrives at once and
    /// passes agree within 5%. The steady-state code is unchanged: a long PowerShell session reaches it too.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> ChildEnvironment = new Dictionary<string, string>
    {
        ["DOTNET_TC_CallCountingDelayMs"] = "0",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
    };

    /// <summary>The child process: one stage at one size.</summary>
    public static int Child(string[] args)
    {
        string name = args[0];
        var opts = new Dictionary<string, string>();
        for (int i = 1; i + 1 < args.Length; i += 2) opts[args[i].TrimStart('-')] = args[i + 1];
        var stage = StageCatalog.Find(name);
        if (stage == null) { Console.Error.WriteLine($"stage: unknown stage '{name}'. Known: {string.Join(", ", StageCatalog.Implemented.Select(s => s.Name))}"); return 2; }
        var wall = Stopwatch.StartNew();
        string repo = opts.GetValueOrDefault("repo") ?? FindRepoRoot();
        var ctx = new StageContext
        {
            Mode = Enum.Parse<RunMode>(opts.GetValueOrDefault("mode") ?? "quick", ignoreCase: true),
            Seed = ulong.Parse(opts.GetValueOrDefault("seed") ?? "20240901", CultureInfo.InvariantCulture),
            Size = int.Parse(opts.GetValueOrDefault("size") ?? "0", CultureInfo.InvariantCulture),
            Sizes = (opts.GetValueOrDefault("sizes") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray(),
            CorpusFolder = opts.GetValueOrDefault("corpus"),
            RepoRoot = repo,
            Scratch = opts.GetValueOrDefault("scratch") ?? Path.Combine(repo, "bench", ".scratch"),
            EvalRoot = opts.GetValueOrDefault("eval") ?? Path.GetFullPath(Path.Combine(repo, "..", "shared", "eval")),
        };
        using var heap = new Measure.HeapSampler();
        var m = stage.Run(ctx);
        m.Stage = stage.Name;
        m.Size = ctx.Size;
        if (!stage.IsPeer) m.PeakManagedHeapMB = Math.Round(heap.PeakMB, 1); // a peer's memory is its own process's
        using (var self = Process.GetCurrentProcess())
        {
            self.Refresh();
            if (m.PeakWorkingSetMB == 0) m.PeakWorkingSetMB = Math.Round(self.PeakWorkingSet64 / 1048576.0, 1);
        }
        m.ChildWallSeconds = Math.Round(wall.Elapsed.TotalSeconds, 2);
        m.Seconds = Math.Round(m.Seconds, 4);
        string json = JsonSerializer.Serialize(m, JsonOut);
        if (opts.TryGetValue("out", out var outFile)) File.WriteAllText(outFile, json);
        else Console.WriteLine(json);
        return 0;
    }

    public static string FindRepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "NewsCmdlets.sln"))) return d.FullName;
        return Directory.GetCurrentDirectory();
    }

    internal static (string Commit, bool Dirty) GitState(string repo)
    {
        try
        {
            var (e1, head, _) = Measure.Run("git", new[] { "-C", repo, "rev-parse", "--short", "HEAD" }, timeoutSeconds: 30);
            var (e2, status, _) = Measure.Run("git", new[] { "-C", repo, "status", "--porcelain" }, timeoutSeconds: 60);
            return (e1 == 0 ? head.Trim() : "unknown", e2 != 0 || status.Trim().Length > 0);
        }
        catch (System.ComponentModel.Win32Exception) { return ("unknown (no git)", true); }
    }

    internal static SortedDictionary<string, string> MachineInfo()
    {
        var m = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["cores"] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture),
            ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
            ["dotnet"] = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
            ["gc"] = System.Runtime.GCSettings.IsServerGC ? "server" : "workstation",
        };
        try
        {
            var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            if (cpu != null) m["cpu"] = cpu[(cpu.IndexOf(':') + 1)..].Trim();
            var mem = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            if (mem != null) m["memory"] = $"{long.Parse(mem.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1048576.0:0.0} GiB";
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        m.TryAdd("cpu", System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString());
        foreach (var (key, file, arg) in new[] { ("node", "node", "--version"), ("python", "python3", "--version") })
        {
            try { var (e, o, err) = Measure.Run(file, new[] { arg }, timeoutSeconds: 30); if (e == 0) m[key] = (o + err).Trim(); }
            catch (System.ComponentModel.Win32Exception) { m[key] = "not installed"; }
        }
        return m;
    }
}
