using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace NewsCmdlets.Bench.Fuzz;

/// <summary>
/// An in-process fuzzer in libFuzzer's manner, over the engine's text parser, HTML extractor, feed parsers, entity and
/// quote extractors (see <see cref="FuzzTargets"/>). A worker process runs the loop: take an input from the target's
/// corpus (seeded from samples/), mutate it, run it, keep it when it made something new, record an unexpected
/// exception as a crash. The parent process watches the worker: a worker that dies (a stack overflow cannot be
/// caught) or spends longer than the hang limit on one input leaves that input as a crash, and a new worker goes on.
/// No instrumentation: "new" is judged by features of what the target made of the input (warnings, decisions,
/// counts bucketed), which steers the corpus towards inputs that take other paths.
/// </summary>
internal static class Fuzzer
{
    private const string Usage = """
        usage: NewsCmdlets.Bench fuzz [--minutes M | --seconds S] [--targets text,html,import,feed,entities,quotes]
                                      [--out DIR] [--seed N] [--hang-seconds S] [--repo DIR]
          runs the fuzzer for the given time (default 10 minutes) with its corpus and findings in DIR
          (default bench/.scratch/fuzz); prints and writes DIR/summary.json: time, executions, crashes, hangs, and
          the slowest input's time per KiB (re-measured, best of 3), each per target and in all
        """;

    // ---- Parent ------------------------------------------------------------------------------------------------

    public static int Run(string[] args)
    {
        double seconds = 600;
        string? outDir = null, repo = null, targets = null;
        int seed = Environment.TickCount & 0x7FFFFFFF;
        double hang = 30;
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{a} needs a value");
            switch (a)
            {
                case "--minutes": seconds = double.Parse(Next(), CultureInfo.InvariantCulture) * 60; break;
                case "--seconds": seconds = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--out": outDir = Next(); break;
                case "--repo": repo = Next(); break;
                case "--targets": targets = Next(); break;
                case "--seed": seed = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--hang-seconds": hang = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "-h" or "--help": Console.Error.WriteLine(Usage); return 0;
                default: Console.Error.WriteLine($"unknown option {a}\n{Usage}"); return 2;
            }
        }
        repo ??= Harness.Runner.FindRepoRoot();
        outDir = Path.GetFullPath(outDir ?? Path.Combine(repo, "bench", ".scratch", "fuzz"));
        Directory.CreateDirectory(Path.Combine(outDir, "crashes"));
        var until = DateTime.UtcNow.AddSeconds(seconds);
        var total = new Stats();
        var clock = Stopwatch.StartNew();
        int restarts = 0;
        Console.WriteLine($"fuzz: {seconds / 60:0.#} minutes, seed {seed}, findings in {outDir}");
        while (DateTime.UtcNow < until)
        {
            string statsFile = Path.Combine(outDir, $"worker-{restarts}.json");
            string current = Path.Combine(outDir, "current.bin"), currentTarget = Path.Combine(outDir, "current.target");
            File.Delete(current);
            string exe = Environment.ProcessPath!;
            var psi = new ProcessStartInfo(exe) { UseShellExecute = false };
            if (Path.GetFileNameWithoutExtension(exe) == "dotnet") psi.ArgumentList.Add(typeof(Fuzzer).Assembly.Location);
            foreach (var a in new[] { "fuzz-worker", "--out", outDir, "--repo", repo, "--seed", (seed + restarts).ToString(CultureInfo.InvariantCulture),
                         "--until", until.Ticks.ToString(CultureInfo.InvariantCulture), "--stats", statsFile, "--targets", targets ?? "" })
                psi.ArgumentList.Add(a);
            using var worker = Process.Start(psi)!;
            string? lost = null;
            DateTime inputWritten = default;
            TimeSpan cpuAtInput = TimeSpan.Zero;
            while (!worker.WaitForExit(1000))
            {
                // A worker that spends more processor time than the hang limit on one input: what it holds is a hang.
                // Processor time, not the clock: on a shared machine at low priority the clock runs many times faster.
                worker.Refresh();
                TimeSpan cpu;
                try { cpu = worker.TotalProcessorTime; } catch (InvalidOperationException) { break; }
                var written = File.Exists(current) ? File.GetLastWriteTimeUtc(current) : default;
                if (written != inputWritten) { inputWritten = written; cpuAtInput = cpu; continue; }
                if (written != default && cpu - cpuAtInput > TimeSpan.FromSeconds(hang))
                {
                    worker.Kill(entireProcessTree: true);
                    worker.WaitForExit();
                    lost = "hang";
                    break;
                }
            }
            if (lost == null && worker.ExitCode != 0) lost = $"exit code {worker.ExitCode}";
            var stats = Stats.Load(statsFile);
            if (lost != null && File.Exists(current))
            {
                string target = File.Exists(currentTarget) ? File.ReadAllText(currentTarget).Trim() : "unknown";
                byte[] input = File.ReadAllBytes(current);
                string name = $"{target}-{(lost == "hang" ? "hang" : "died")}-{Hash(input)}";
                File.WriteAllBytes(Path.Combine(outDir, "crashes", name + ".bin"), input);
                File.WriteAllText(Path.Combine(outDir, "crashes", name + ".txt"), $"{target}: the worker {(lost == "hang" ? $"spent over {hang} s of processor time on this input" : "died, " + lost)}\n");
                Console.WriteLine($"fuzz: {target}: worker {(lost == "hang" ? "hung" : "died (" + lost + ")")} on a {input.Length:N0}-byte input, saved as crashes/{name}.bin");
                stats.Add(target, lost == "hang" ? "hangs" : "crashes", 1);
            }
            total.Merge(stats);
            restarts++;
        }
        total.Seconds = clock.Elapsed.TotalSeconds;
        total.Restarts = restarts - 1;
        File.WriteAllText(Path.Combine(outDir, "summary.json"), JsonSerializer.Serialize(total, new JsonSerializerOptions { WriteIndented = true }));
        // A run of every target into the default folder is the one RESULTS.md reports.
        if (targets is null or "" && outDir == Path.GetFullPath(Path.Combine(repo, "bench", ".scratch", "fuzz")))
            FuzzRecord.Save(repo, total, seed);
        Console.WriteLine(total.Describe());
        return total.Crashes + total.Hangs == 0 ? 0 : 1;
    }

    private static string Hash(byte[] b) => Convert.ToHexString(SHA256.HashData(b))[..12].ToLowerInvariant();

    // ---- Worker ------------------------------------------------------------------------------------------------

    public static int Worker(string[] args)
    {
        string outDir = "", repo = "", statsFile = "", targetList = "";
        int seed = 1;
        long until = 0;
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--out": outDir = args[i + 1]; break;
                case "--repo": repo = args[i + 1]; break;
                case "--seed": seed = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--until": until = long.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--stats": statsFile = args[i + 1]; break;
                case "--targets": targetList = args[i + 1]; break;
            }
        }
        var rng = new Random(seed);
        var wanted = targetList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var targets = FuzzTargets.All().Where(t => wanted.Count == 0 || wanted.Contains(t.Name)).ToList();
        var seeds = FuzzTargets.Seeds(repo);
        string current = Path.Combine(outDir, "current.bin"), currentTarget = Path.Combine(outDir, "current.target");
        var states = targets.Select(t => new TargetState(t, LoadCorpus(outDir, t, seeds), new Mutator(rng, t.Dictionary))).ToList();
        var stats = new Stats();
        var lastSave = Stopwatch.StartNew();
        var deadline = new DateTime(until, DateTimeKind.Utc);

        while (DateTime.UtcNow < deadline)
        {
            var s = states[rng.Next(states.Count)];
            var corpus = s.Corpus;
            // A recent find half of the time; the smaller of two otherwise (small inputs run fast: more executions).
            byte[] parent = rng.Next(2) == 0
                ? corpus[Math.Max(0, corpus.Count - 1 - rng.Next(Math.Min(corpus.Count, 16)))]
                : Smaller(corpus[rng.Next(corpus.Count)], corpus[rng.Next(corpus.Count)]);
            byte[] input = s.Mutator.Mutate(parent, () => corpus[rng.Next(corpus.Count)]);
            File.WriteAllText(currentTarget, s.Target.Name);
            File.WriteAllBytes(current, input); // the parent finds it here if this input kills the process or hangs it

            var (elapsed, error) = Execute(s, input);
            stats.Add(s.Target.Name, "executions", 1);
            if (error != null)
            {
                string name = $"{s.Target.Name}-{error.GetType().Name}-{Hash(input)}";
                File.WriteAllBytes(Path.Combine(outDir, "crashes", name + ".bin"), input);
                File.WriteAllText(Path.Combine(outDir, "crashes", name + ".txt"), error.ToString());
                stats.Add(s.Target.Name, "crashes", 1);
                Console.WriteLine($"fuzz: {s.Target.Name}: {error.GetType().Name}: {error.Message.Split('\n')[0]} (crashes/{name}.bin)");
            }
            else if (s.Features.NewInThisRun > 0)
            {
                s.Features.NewInThisRun = 0;
                corpus.Add(input);
                if (corpus.Count > 4000) corpus.RemoveAt(s.SeedCount + rng.Next(corpus.Count - s.SeedCount));
                File.WriteAllBytes(Path.Combine(outDir, "corpus", s.Target.Name, Hash(input) + ".bin"), input);
            }

            // Time per KiB; a candidate for the slowest is measured again, best of three, before it counts.
            double kib = Math.Max(1, input.Length / 1024.0);
            if (error == null && elapsed.TotalMilliseconds / kib > stats.SlowestMsPerKiB(s.Target.Name) && elapsed.TotalMilliseconds > 5)
            {
                double best = elapsed.TotalMilliseconds;
                for (int k = 0; k < 2; k++) best = Math.Min(best, Execute(s, input).Elapsed.TotalMilliseconds);
                if (best / kib > stats.SlowestMsPerKiB(s.Target.Name))
                {
                    string file = Path.Combine(outDir, $"slowest-{s.Target.Name}.bin");
                    File.WriteAllBytes(file, input);
                    stats.SetSlowest(s.Target.Name, best / kib, input.Length, best);
                }
            }
            if (lastSave.Elapsed > TimeSpan.FromSeconds(5))
            {
                stats.Save(statsFile);
                lastSave.Restart();
            }
        }
        File.Delete(current);
        stats.Save(statsFile);
        return 0;
    }

    private static byte[] Smaller(byte[] a, byte[] b) => a.Length <= b.Length ? a : b;

    /// <summary>Runs one input; the time is the thread's processor time where the system tells it (Linux), else the clock.</summary>
    private static (TimeSpan Elapsed, Exception? Error) Execute(TargetState s, byte[] input)
    {
        var start = ThreadCpu.Now();
        try
        {
            s.Target.Run(input, s.Features);
            return (ThreadCpu.Now() - start, null);
        }
        catch (Exception e) when (s.Target.Expected(e))
        {
            s.Features.AddMessage("expected:" + e.GetType().Name, e.Message);
            return (ThreadCpu.Now() - start, null);
        }
        catch (Exception e)
        {
            return (ThreadCpu.Now() - start, e);
        }
    }

    /// <summary>The calling thread's processor time (getrusage RUSAGE_THREAD, in microseconds) on Linux; the clock elsewhere.</summary>
    private static class ThreadCpu
    {
        [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
        private struct RUsage
        {
            public long UserSeconds, UserMicroseconds, SystemSeconds, SystemMicroseconds;
            public long Rest0, Rest1, Rest2, Rest3, Rest4, Rest5, Rest6, Rest7, Rest8, Rest9, Rest10, Rest11, Rest12, Rest13;
        }

        [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
        private static extern int getrusage(int who, out RUsage usage);

        private static readonly Stopwatch Clock = Stopwatch.StartNew();
        private static readonly bool Works = OperatingSystem.IsLinux() && Environment.Is64BitProcess && Try(out _);

        private static bool Try(out TimeSpan t)
        {
            t = default;
            try
            {
                if (getrusage(1, out var u) != 0) return false; // RUSAGE_THREAD
                t = TimeSpan.FromTicks((u.UserSeconds + u.SystemSeconds) * TimeSpan.TicksPerSecond + (u.UserMicroseconds + u.SystemMicroseconds) * 10);
                return true;
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                return false;
            }
        }

        public static TimeSpan Now() => Works && Try(out var t) ? t : Clock.Elapsed;

        public static string Kind => Works ? "processor time" : "clock time";
    }

    private static List<byte[]> LoadCorpus(string outDir, FuzzTarget t, Dictionary<string, List<byte[]>> seeds)
    {
        string dir = Path.Combine(outDir, "corpus", t.Name);
        Directory.CreateDirectory(dir);
        var list = new List<byte[]>(seeds[t.SeedKind]);
        foreach (var f in Directory.GetFiles(dir, "*.bin").OrderBy(f => f, StringComparer.Ordinal).TakeLast(2000)) list.Add(File.ReadAllBytes(f));
        return list;
    }

    private sealed class TargetState(FuzzTarget target, List<byte[]> corpus, Mutator mutator)
    {
        public FuzzTarget Target { get; } = target;
        public List<byte[]> Corpus { get; } = corpus;
        public int SeedCount { get; } = corpus.Count;
        public Mutator Mutator { get; } = mutator;
        public FeatureSet Features { get; } = new(target.Name);
    }

    /// <summary>Counts per target; the slowest input per target (ms per KiB, its size, its time).</summary>
    internal sealed class Stats
    {
        public Dictionary<string, Dictionary<string, long>> Counts { get; set; } = new();
        public Dictionary<string, Slowest> SlowestInput { get; set; } = new();
        public double Seconds { get; set; }
        public int Restarts { get; set; }
        public string TimeKind { get; set; } = ThreadCpu.Kind;

        public sealed class Slowest
        {
            public double MsPerKiB { get; set; }
            public int Bytes { get; set; }
            public double Ms { get; set; }
        }

        public void Add(string target, string what, long n)
        {
            if (!Counts.TryGetValue(target, out var c)) Counts[target] = c = new();
            c[what] = c.GetValueOrDefault(what) + n;
        }

        public double SlowestMsPerKiB(string target) => SlowestInput.TryGetValue(target, out var s) ? s.MsPerKiB : 0;

        public void SetSlowest(string target, double msPerKiB, int bytes, double ms) =>
            SlowestInput[target] = new Slowest { MsPerKiB = msPerKiB, Bytes = bytes, Ms = ms };

        public long Sum(string what) => Counts.Values.Sum(c => c.GetValueOrDefault(what));
        public int Crashes => (int)Sum("crashes");
        public int Hangs => (int)Sum("hangs");

        public void Merge(Stats other)
        {
            foreach (var (t, c) in other.Counts) foreach (var (k, v) in c) Add(t, k, v);
            foreach (var (t, s) in other.SlowestInput)
                if (s.MsPerKiB > SlowestMsPerKiB(t)) SlowestInput[t] = s;
        }

        public void Save(string file) => File.WriteAllText(file, JsonSerializer.Serialize(this));

        public static Stats Load(string file)
        {
            try { return File.Exists(file) ? JsonSerializer.Deserialize<Stats>(File.ReadAllText(file)) ?? new Stats() : new Stats(); }
            catch (JsonException) { return new Stats(); }
        }

        public string Describe()
        {
            var lines = new List<string> { $"fuzz: {Seconds / 3600:0.00} h, {Sum("executions"):N0} executions, {Crashes} crashes, {Hangs} hangs, {Restarts} worker restarts; times are {TimeKind}" };
            foreach (var (t, c) in Counts.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                var s = SlowestInput.GetValueOrDefault(t);
                lines.Add($"  {t,-9} {c.GetValueOrDefault("executions"),12:N0} executions {c.GetValueOrDefault("crashes"),4} crashes {c.GetValueOrDefault("hangs"),3} hangs" +
                          (s != null ? $"   slowest {s.MsPerKiB:0.00} ms/KiB ({s.Bytes:N0} bytes in {s.Ms:0} ms)" : ""));
            }
            return string.Join("\n", lines);
        }
    }
}
