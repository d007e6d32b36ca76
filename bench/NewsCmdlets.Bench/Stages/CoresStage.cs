using System.Diagnostics;
using System.Globalization;
using NewsCmdlets.Bench.Corpus;
using NewsCmdlets.Bench.Harness;
using NewsCmdlets.Engine.Concurrency;
using NewsCmdlets.Engine.Coverage;
using NewsCmdlets.Engine.Entities;
using NewsCmdlets.Engine.Ingest;
using NewsCmdlets.Engine.Model;
using NewsCmdlets.Engine.Quotes;

namespace NewsCmdlets.Bench.Stages;

/// <summary>
/// -ThrottleLimit (issue 31, "all cores"): the entity pass, quotes and comparison run through
/// <see cref="OrderedParallelMap{TIn,TOut}"/>, the engine helper the cmdlets use, at 1 and 2 threads (or the list in
/// NEWSCMDLETS_CORES_THREADS, e.g. "1,2,4") in one process, alternating the thread counts round by round so that both
/// see the same stretch of a shared machine. Reports each workload's throughput per thread count and the speed-up over
/// one thread (goal on two cores: ≥ 1.7×), CPU time per wall second, items per CPU second (the same at every thread count when threads add no work of their own), the share of wall time in GC pauses, allocation
/// per item, the most items in flight, and whether every thread count gave the same results as one. The work's
/// results reach the adding thread in input order and are dropped there, as a streaming pipeline drops them; the entity
/// pass is measured a second time with its results kept (held until the next pass), which is what the GC pays when a
/// script holds the output. What a cmdlet's pipeline thread does besides (WriteObject, formatting, the next cmdlet) is
/// not in these figures.
/// </summary>
public sealed class CoresStage : IBenchStage
{
    public string Name => "cores";
    public int Order => 75;
    public string Measures => "EntityExtractor.Extract per article, QuoteExtractor.Extract per article and CoverageComparer.Compare per ground-truth story (2+ outlets) of the first 1,000 generated articles (100 in --smoke; read beforehand, untimed), each through OrderedParallelMap (what -ThrottleLimit uses) at 1 and 2 threads (NEWSCMDLETS_CORES_THREADS for others), thread counts alternated round by round in one process; items/s per thread count, speed-up over one thread (goal on 2 cores ≥ 1.7×), CPU s per wall s, items per CPU s, GC pause share, allocation per item; results dropped as they arrive (as a streaming pipeline does), the entity pass also with its results kept; output compared with one thread's";
    public string ItemName => "articles";
    public bool Scales => false;
    public bool IsPeer => false;

    private static int Articles(RunMode mode) => mode == RunMode.Smoke ? 100 : 1000;

    public bool Prepare(StageContext context, TextWriter log)
    {
        CorpusStore.Ensure(Path.Combine(context.Scratch, "corpus"), context.Seed, Articles(context.Mode), log);
        return true;
    }

    private static readonly ArticleReadOptions Options = new() { Now = StageContext.Now };

    /// <summary>The thread counts to measure: NEWSCMDLETS_CORES_THREADS ("1,2,4"), else 1 and 2. One thread always comes first.</summary>
    internal static int[] ThreadCounts()
    {
        var given = Environment.GetEnvironmentVariable("NEWSCMDLETS_CORES_THREADS");
        var counts = (given ?? "1,2").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => int.Parse(t, CultureInfo.InvariantCulture)).Where(t => t >= 1).Append(1).Distinct().OrderBy(t => t).ToArray();
        return counts;
    }

    /// <summary>One workload: items of one kind, a worker factory, and a digest of a result for the equality check.</summary>
    private sealed class Workload<TIn, TOut>(string name, TIn[] items, Func<Func<TIn, CancellationToken, TOut>> newWorker, Func<TOut, string> digest,
        bool keepResults = false) : IWorkload
    {
        public string Name => name;
        public int Count => items.Length;
        public int Reps { get; set; } = 1;
        private TOut?[] _results = Array.Empty<TOut?>();
        public int MaxInFlight { get; private set; }
        public int Window { get; private set; }
        public long AddingCpuNs { get; private set; }
        private long _workCpuNs;
        public long WorkCpuNs => Interlocked.Read(ref _workCpuNs);

        /// <summary>
        /// One pass over the items (Reps times) at <paramref name="threads"/>; returns items done. Each result is dropped
        /// once the adding thread has it, as a streaming pipeline (… | Export-Csv) drops it, unless the workload keeps its
        /// results (as `$all = … | Get-NewsEntity` does) or <paramref name="keep"/> asks for them (the output check).
        /// </summary>
        public long Pass(int threads, bool keep = false)
        {
            keep |= keepResults;
            _results = new TOut?[keep ? items.Length : 0];
            long done = 0;
            Exception? failure = null;
            _workCpuNs = 0;
            long adding0 = ThreadCpu.Thread();
            using var map = new OrderedParallelMap<int, TOut>(threads, () =>
            {
                var work = newWorker();
                return (i, cancel) =>
                {
                    // The item's own CPU time on the thread that works on it (GC work it triggers included).
                    long c0 = ThreadCpu.Thread();
                    var r = work(items[i % items.Length], cancel);
                    Interlocked.Add(ref _workCpuNs, ThreadCpu.Thread() - c0);
                    return r;
                };
            }, (i, r, e) =>
            {
                failure ??= e;
                if (keep) _results[i % items.Length] = r;
                done++;
            });
            for (int rep = 0; rep < Reps; rep++)
                for (int i = 0; i < items.Length; i++) map.Add(rep * items.Length + i);
            map.Flush();
            AddingCpuNs = ThreadCpu.Thread() - adding0;
            MaxInFlight = Math.Max(MaxInFlight, map.MaxInFlight);
            Window = map.Window;
            if (failure != null) throw new InvalidOperationException($"{name} failed at {threads} thread(s): {failure.Message}", failure);
            return done;
        }

        public string[] Digests() => _results.Select(r => r == null ? "" : digest(r)).ToArray();
    }

    private interface IWorkload
    {
        string Name { get; }
        int Count { get; }
        int Reps { get; set; }
        int MaxInFlight { get; }
        int Window { get; }
        long AddingCpuNs { get; }
        long WorkCpuNs { get; }
        long Pass(int threads, bool keep = false);
        string[] Digests();
    }

    private sealed record Timing(double Wall, double Cpu, double GcPause, long Allocated, long Items,
        double ProcessCpu = 0, double AddingCpu = 0, double WorkCpu = 0, int Gen0 = 0, int Gen1 = 0);

    /// <summary>CPU time of the calling thread and of the process in nanoseconds (clock_gettime; Linux only, else 0).</summary>
    internal static class ThreadCpu
    {
        [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
        private struct TimeSpec { public long Seconds; public long Nanoseconds; }

        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
        private static extern int ClockGetTime(int clock, out TimeSpec time);

        private static long Clock(int id) => OperatingSystem.IsLinux() && ClockGetTime(id, out var t) == 0 ? t.Seconds * 1_000_000_000L + t.Nanoseconds : 0;

        /// <summary>CLOCK_THREAD_CPUTIME_ID.</summary>
        public static long Thread() => Clock(3);

        /// <summary>CLOCK_PROCESS_CPUTIME_ID.</summary>
        public static long Process() => Clock(2);
    }

    /// <summary>The entity pass measured with its results kept (held until the next pass overwrites them).</summary>
    internal const string EntitiesKept = "entities, results kept";

    /// <summary>The machine's own baselines (see <see cref="Baseline"/>), in the order they are measured.</summary>
    internal static readonly string[] Baselines = { "baseline: compute", "baseline: memory", "baseline: allocation", "baseline: ipc" };

    /// <summary>
    /// Items of work that any code would scale with, to read the module's speed-ups against: what two threads give on
    /// this machine when the work shares nothing, when it waits on memory, and when it allocates as the passes do.
    /// </summary>
    internal static class Baseline
    {
        /// <summary>Arithmetic in registers (xorshift), no memory touched: about 50 µs for 30,000 rounds here.</summary>
        public static long Compute(int item, int rounds = 30_000)
        {
            ulong x = 0x9E3779B97F4A7C15UL ^ (ulong)(item + 1);
            for (int k = 0; k < rounds; k++) { x ^= x << 13; x ^= x >> 7; x ^= x << 17; }
            return (long)(x & 0x7FFFFFFF);
        }

        /// <summary>
        /// Four independent xorshift streams, no memory touched: several instructions a cycle on one core, unlike
        /// <see cref="Compute"/>'s single dependent chain (about one a cycle). Two threads on two physical cores get near 2×
        /// from both; two threads on the two hardware threads of one core (SMT siblings, which a virtual machine's two
        /// processors may be) share that core's execution units and get near 2× from <see cref="Compute"/> but far less
        /// from this: then a pass that keeps a core's units busy (branchy text scanning, as the quote pass does) cannot
        /// reach 2× on this machine whatever its serial share.
        /// </summary>
        public static long Ipc(int item, int rounds = 12_000)
        {
            ulong a = 0x9E3779B97F4A7C15UL ^ (ulong)(item + 1), b = a * 3, c = a * 5, d = a * 7;
            for (int k = 0; k < rounds; k++)
            {
                a ^= a << 13; b ^= b << 13; c ^= c << 13; d ^= d << 13;
                a ^= a >> 7; b ^= b >> 7; c ^= c >> 7; d ^= d >> 7;
                a ^= a << 17; b ^= b << 17; c ^= c << 17; d ^= d << 17;
            }
            return (long)((a ^ b ^ c ^ d) & 0x7FFFFFFF);
        }

        /// <summary>Each worker's own 32 MB cycle (as large as the L3 cache here, twice it for two workers) walked by dependent reads.</summary>
        public sealed class Memory
        {
            private const int Slots = 8 << 20; // ints: 32 MB
            private readonly int[][] _cycles;
            private int _handedOut;

            /// <summary>One cycle for each of up to <paramref name="workers"/> workers at once.</summary>
            public Memory(int workers)
            {
                _cycles = new int[workers][];
                for (int w = 0; w < workers; w++)
                {
                    // One cycle through every slot in a random order (Sattolo), so each read depends on the one before.
                    var next = _cycles[w] = new int[Slots];
                    var rng = new Random(7); // the same cycle in each copy: an item's result does not depend on the worker
                    for (int i = 0; i < Slots; i++) next[i] = i;
                    for (int i = Slots - 1; i > 0; i--)
                    {
                        int j = rng.Next(i);
                        (next[i], next[j]) = (next[j], next[i]);
                    }
                }
            }

            /// <summary>A worker on the next cycle: the workers of one pass (no more than the cycles) get distinct ones.</summary>
            public Func<int, CancellationToken, long> Worker()
            {
                var next = _cycles[(Interlocked.Increment(ref _handedOut) & int.MaxValue) % _cycles.Length];
                return (item, _) =>
                {
                    // 4,000 dependent reads from a start fixed by the item.
                    int at = (int)((uint)(item * 2654435761u) % Slots);
                    for (int k = 0; k < 4000; k++) at = next[at];
                    return at;
                };
            }
        }

        /// <summary>About 40 KB of small short-lived objects and 25 µs of arithmetic, the quote pass's allocation for its time per article.</summary>
        public static long Allocate(int item)
        {
            var held = new List<int[]>(400);
            for (int k = 0; k < 400; k++)
            {
                var a = new int[20];
                a[k % 20] = item + k;
                held.Add(a);
            }
            long sum = Compute(item, 15_000);
            foreach (var a in held) sum += a[0] + a[19];
            return sum;
        }
    }

    public StageMeasurement Run(StageContext context)
    {
        int n = Articles(context.Mode);
        string folder = CorpusStore.FolderFor(Path.Combine(context.Scratch, "corpus"), context.Seed, n);
        var threadCounts = ThreadCounts();
        bool smoke = context.Mode == RunMode.Smoke;

        // The corpus's articles, and its ground-truth stories of two or more outlets (as the comparison stage builds them).
        var entries = ComparisonStage.ReadEntries(folder);
        var byId = new Dictionary<string, NewsArticle>(StringComparer.Ordinal);
        long bytes = 0, errors = 0;
        foreach (var e in entries)
        {
            try
            {
                var read = ArticleReader.ReadFile(Path.Combine(folder, e.Text), Options).Article;
                byId[e.Id] = ComparisonStage.Copy(read, e.Id, e.Outlet, read.Body);
                bytes += new FileInfo(Path.Combine(folder, e.Text)).Length;
            }
            catch (InputProblemException) { errors++; }
        }
        var articles = entries.Where(e => byId.ContainsKey(e.Id)).Select(e => byId[e.Id]).ToArray();
        var stories = ComparisonStage.CoveredStories(entries, int.MaxValue).Select(g =>
        {
            var list = g.Where(e => byId.ContainsKey(e.Id)).Select(e => byId[e.Id]).ToList();
            return new NewsStory
            {
                Id = "g" + g.Key.ToString(CultureInfo.InvariantCulture), Title = list.FirstOrDefault()?.Title, Articles = new NewsArticleList(list), ArticleCount = list.Count,
            };
        }).Where(s => s.ArticleCount > 1).ToArray();

        var memory = new Baseline.Memory(threadCounts.Max()); // the arrays made once, outside the timed passes
        var only = Environment.GetEnvironmentVariable("NEWSCMDLETS_CORES_WORKLOADS")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var workloads = new IWorkload[]
        {
            new Workload<NewsArticle, ArticleEntities>("entities", articles, () => new EntityExtractor().Extract,
                r => string.Join(";", r.Entities.Select(x => $"{x.Type}:{x.Name}:{x.Mentions}"))),
            // The same pass with every result kept until the next pass overwrites it: what holding the output costs the GC.
            new Workload<NewsArticle, ArticleEntities>(EntitiesKept, articles, () => new EntityExtractor().Extract,
                r => string.Join(";", r.Entities.Select(x => $"{x.Type}:{x.Name}:{x.Mentions}")), keepResults: true),
            new Workload<NewsArticle, ArticleQuotes>("quotes", articles, () => { var x = new QuoteExtractor(); return (a, c) => x.Extract(a, null, c); },
                r => string.Join(";", r.Quotes.Select(q => $"{q.Speaker}:{q.Text.Length}")) + "|" + r.Attributions.Count),
            new Workload<NewsStory, CoverageComparison>("comparison", stories, () => new CoverageComparer().Compare,
                r => string.Join(";", r.Items.Select(i => $"{i.Kind}:{i.Key}:{i.Status}"))),
            // What two threads can give on this machine and runtime at all, through the same map: work that shares
            // nothing (arithmetic in registers), work bound by memory (dependent reads over a private array larger than
            // the caches), and work that only allocates short-lived objects as the quote pass does (the GC's share).
            new Workload<int, long>(Baselines[0], Enumerable.Range(0, smoke ? 100 : 4000).ToArray(), () => (i, _) => Baseline.Compute(i),
                r => r.ToString(CultureInfo.InvariantCulture)),
            new Workload<int, long>(Baselines[1], Enumerable.Range(0, smoke ? 100 : 2000).ToArray(), memory.Worker,
                r => r.ToString(CultureInfo.InvariantCulture)),
            new Workload<int, long>(Baselines[2], Enumerable.Range(0, smoke ? 100 : 8000).ToArray(), () => (i, _) => Baseline.Allocate(i),
                r => r.ToString(CultureInfo.InvariantCulture)),
            new Workload<int, long>(Baselines[3], Enumerable.Range(0, smoke ? 100 : 4000).ToArray(), () => (i, _) => Baseline.Ipc(i),
                r => r.ToString(CultureInfo.InvariantCulture)),
        };
        // NEWSCMDLETS_CORES_WORKLOADS=quotes,comparison measures only those (the first named gives the stage's own row).
        if (only is { Length: > 0 }) workloads = workloads.Where(w => only.Contains(w.Name)).ToArray();

        var m = new StageMeasurement { Bytes = bytes, Errors = errors };
        string loadBefore = Measure.LoadAverage();
        using var self = Process.GetCurrentProcess();
        Timing Time(IWorkload w, int threads)
        {
            self.Refresh();
            var cpu0 = self.TotalProcessorTime;
            var gc0 = GC.GetTotalPauseDuration();
            long alloc0 = GC.GetTotalAllocatedBytes(false);
            int g0 = GC.CollectionCount(0), g1 = GC.CollectionCount(1);
            long p0 = ThreadCpu.Process();
            long t0 = Stopwatch.GetTimestamp();
            long items = w.Pass(threads);
            double wall = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            long p1 = ThreadCpu.Process();
            self.Refresh();
            return new Timing(wall, (self.TotalProcessorTime - cpu0).TotalSeconds, (GC.GetTotalPauseDuration() - gc0).TotalSeconds,
                GC.GetTotalAllocatedBytes(false) - alloc0, items, (p1 - p0) / 1e9, w.AddingCpuNs / 1e9, w.WorkCpuNs / 1e9,
                GC.CollectionCount(0) - g0, GC.CollectionCount(1) - g1);
        }

        int rounds = smoke ? 1 : context.Mode == RunMode.Quick ? 3 : 5;
        double passTarget = smoke ? 0 : context.Mode == RunMode.Quick ? 1.0 : 2.0;
        var timings = new Dictionary<(string, int), List<Timing>>();
        bool same = true;
        var differences = new List<string>();
        foreach (var w in workloads)
        {
            // Warm-up (untimed): one thread until the JIT has settled, then each other count once; then enough repetitions
            // of the items that a pass at one thread takes about passTarget seconds.
            Measure.WarmUp(() => w.Pass(1), smoke ? 0 : 1.5);
            foreach (int t in threadCounts.Where(t => t > 1)) w.Pass(t);
            var probe = Time(w, 1);
            w.Reps = passTarget > 0 ? Math.Max(1, (int)Math.Ceiling(passTarget / Math.Max(probe.Wall, 1e-3))) : 1;
            for (int round = 0; round < rounds; round++)
            {
                // Alternate the order (1, 2, … then …, 2, 1) so that drift on the machine falls on both sides.
                var order = round % 2 == 0 ? threadCounts : threadCounts.Reverse().ToArray();
                foreach (int t in order)
                {
                    var timing = Time(w, t);
                    if (!timings.TryGetValue((w.Name, t), out var list)) timings[(w.Name, t)] = list = new List<Timing>();
                    list.Add(timing);
                }
            }
            // The results of the last pass at each thread count against one thread's.
            var baseline = new Dictionary<int, string[]>();
            foreach (int t in threadCounts)
            {
                w.Pass(t, keep: true);
                baseline[t] = w.Digests();
            }
            foreach (int t in threadCounts.Where(t => t > 1))
            {
                int diff = baseline[1].Zip(baseline[t]).Count(p => p.First != p.Second);
                if (diff > 0) { same = false; differences.Add($"{w.Name} at {t} threads: {diff} of {w.Count} results differ"); }
            }
        }
        string loadAfter = Measure.LoadAverage();

        static double Median(IEnumerable<double> xs) => Measure.Median(xs.ToList());
        foreach (var w in workloads)
        {
            var one = timings[(w.Name, 1)];
            double oneMedian = Median(one.Select(x => x.Wall)), oneBest = one.Min(x => x.Wall);
            m.Metrics[$"{w.Name}:items"] = w.Count;
            m.Metrics[$"{w.Name}:reps"] = w.Reps;
            m.Metrics[$"{w.Name}:maxInFlight"] = w.MaxInFlight;
            foreach (int t in threadCounts)
            {
                var ts = timings[(w.Name, t)];
                double wall = Median(ts.Select(x => x.Wall));
                string k = $"{w.Name}:t{t}";
                m.Metrics[k + ":itemsPerSecond"] = Math.Round(ts[0].Items / wall, 1);
                m.Metrics[k + ":cpuPerWall"] = Math.Round(Median(ts.Select(x => x.Cpu / x.Wall)), 3);
                m.Metrics[k + ":itemsPerCpuSecond"] = Math.Round(Median(ts.Select(x => x.Items / Math.Max(x.Cpu, 1e-6))), 1);
                m.Metrics[k + ":gcPauseShare"] = Math.Round(Median(ts.Select(x => x.GcPause / x.Wall)), 4);
                m.Metrics[k + ":allocatedPerItemKB"] = Math.Round(Median(ts.Select(x => x.Allocated / 1024.0 / x.Items)), 1);
                // Where the CPU goes, valid on a loaded machine (CPU time of threads, not wall time): the items' own work
                // (on whichever thread ran it), the adding (pipeline) thread's own part besides the items it ran inline,
                // and the rest (the workers' hand-offs and waits, the GC's and the JIT's threads).
                m.Metrics[k + ":workCpuPerItemUs"] = Math.Round(Median(ts.Select(x => x.WorkCpu * 1e6 / x.Items)), 2);
                m.Metrics[k + ":addingCpuPerItemUs"] = Math.Round(Median(ts.Select(x => (x.AddingCpu - (t == 1 ? x.WorkCpu : 0)) * 1e6 / x.Items)), 2);
                m.Metrics[k + ":otherCpuPerItemUs"] = Math.Round(Median(ts.Select(x => (x.ProcessCpu - x.AddingCpu - (t == 1 ? 0 : x.WorkCpu)) * 1e6 / x.Items)), 2);
                m.Metrics[k + ":gen0PerThousandItems"] = Math.Round(Median(ts.Select(x => x.Gen0 * 1000.0 / x.Items)), 2);
                m.Metrics[k + ":gen1PerThousandItems"] = Math.Round(Median(ts.Select(x => x.Gen1 * 1000.0 / x.Items)), 2);
                m.Metrics[k + ":gcPausePerItemUs"] = Math.Round(Median(ts.Select(x => x.GcPause * 1e6 / x.Items)), 2);
                if (t > 1)
                {
                    m.Metrics[$"{w.Name}:speedup:t{t}"] = Math.Round(oneMedian / wall, 3);
                    m.Metrics[$"{w.Name}:bestSpeedup:t{t}"] = Math.Round(oneBest / ts.Min(x => x.Wall), 3);
                }
            }
        }
        m.Metrics["check:sameOutput"] = same ? 1 : 0;
        if (differences.Count > 0) m.Info["differences"] = string.Join("; ", differences);

        // The stage's own row: the entity pass at the most threads measured.
        int most = threadCounts.Max();
        var main = timings[(workloads[0].Name, most)];
        m.Items = main[0].Items;
        m.Bytes = bytes * workloads[0].Reps;
        m.Passes = main.Count;
        m.PassSeconds = main.Select(x => Math.Round(x.Wall, 4)).ToArray();
        m.Seconds = Median(main.Select(x => x.Wall));
        m.CpuSeconds = Math.Round(Median(main.Select(x => x.Cpu)), 4);
        m.BestSeconds = Math.Round(main.Min(x => x.Wall), 4);
        m.BestCpuSeconds = Math.Round(main.Min(x => x.Cpu), 4);
        m.AllocatedBytesPerItem = Math.Round(Median(main.Select(x => x.Allocated / (double)x.Items)));
        m.Info["threads"] = string.Join(", ", threadCounts);
        m.Info["processors"] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture);
        m.Info["gc"] = (System.Runtime.GCSettings.IsServerGC ? "server" : "workstation") + (System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.Interactive ? ", concurrent" : "");
        m.Info["loadAverage"] = $"{loadBefore} before, {loadAfter} after (1-minute load average of the machine; well above the processor count, other work shared the cores and the ratios say little: two threads also get twice one thread's share of a crowded machine)";
        m.Info["throughput row"] = $"the {workloads[0].Name} pass at {most} thread(s), {workloads[0].Reps} repetition(s) of {workloads[0].Count} articles a pass";
        return m;
    }
}
