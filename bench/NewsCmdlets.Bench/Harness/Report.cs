using System.Globalization;
using System.Text;

namespace NewsCmdlets.Bench.Harness;

/// <summary>Writes RESULTS.md from a run report: a summary table, then one table a stage, the peers, and what is missing.</summary>
public static class Report
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static string N(double x, string f = "N0") => x.ToString(f, Inv);
    private static string Pct(double x) => (x * 100).ToString("0.0", Inv) + "%";

    public static string Markdown(RunReport r, string repo, string jsonPath)
    {
        var sb = new StringBuilder();
        sb.AppendLine("# Benchmark results").AppendLine();
        sb.AppendLine($"Produced by `bench/run{(r.Mode == "full" ? "" : " --" + r.Mode)}` ({r.Mode} mode) on {r.Date}, commit `{r.Commit}`" +
                      (r.UncommittedChanges ? " **with uncommitted changes** in the working tree" : "") + $", in {N(r.TotalSeconds, "0")} s. " +
                      $"Raw figures: `{Path.GetRelativePath(repo, jsonPath).Replace('\\', '/')}`. See bench/README.md for what each stage does.").AppendLine();
        if (r.Mode == "smoke")
            sb.AppendLine("**Smoke run: tiny inputs, no warm-up, no peers, no scoring. It checks that every stage runs; its figures mean nothing.**").AppendLine();
        var mch = r.Machine;
        sb.AppendLine($"Machine: {mch.GetValueOrDefault("cpu")}, {mch.GetValueOrDefault("cores")} cores, {mch.GetValueOrDefault("memory")} RAM, {mch.GetValueOrDefault("os")}; " +
                      $"{mch.GetValueOrDefault("dotnet")} ({mch.GetValueOrDefault("gc")} GC); node {mch.GetValueOrDefault("node")}; {mch.GetValueOrDefault("python")}. " +
                      "A shared machine: absolute figures move between runs, ratios against a peer in the same run much less. " +
                      "Throughput is from wall-clock time; the figure per CPU second beside it (process CPU time, all threads) is what other work on the machine disturbs least.").AppendLine();

        // Summary.
        sb.AppendLine("## Summary").AppendLine();
        sb.AppendLine("Speed and memory, with regression checks. The last column checks the engine against the generated corpus's own " +
                      "ground truth (titles, speakers, stories, copies and conflicts the generator wrote): a regression check, not " +
                      "quality. Quality is measured on real, third-party data by `bench/run --quality` (bench/QUALITY.md); the F1 " +
                      "figures of extraction and entities here are on that real data too.").AppendLine();
        sb.AppendLine("| Stage | Throughput (largest size) | MB/s | Peak memory | Time growth exponent | Regression check (generated corpus) or real-data F1 |");
        sb.AppendLine("|---|---:|---:|---:|---:|---|");
        foreach (var s in r.Stages)
        {
            if (s.Skipped != null) { sb.AppendLine($"| {s.Name} | skipped: {Md(s.Skipped)} | | | | |"); continue; }
            var ok = s.Results.Where(x => !x.Failed).ToList();
            if (ok.Count == 0) { sb.AppendLine($"| {s.Name} | **failed** | | | | |"); continue; }
            var big = ok.OrderBy(x => x.Size).Last();
            string size = s.Scales ? $" at {N(big.Size)}" : "";
            string exp = s.ScalingExponent is { } e ? $"{N(e, "0.00")} ({ExpNote(e)})" : s.Scales ? "n/a (one size)" : "— (fixed input)";
            string perCpu = big.CpuSeconds > 0 ? $" ({N(big.Items / big.CpuSeconds, big.Items / big.CpuSeconds < 100 ? "N1" : "N0")} per CPU second)" : "";
            sb.AppendLine($"| {s.Name} | {N(big.ItemsPerSecond, big.ItemsPerSecond < 100 ? "N1" : "N0")} {s.ItemName}/s{perCpu}{size} | {N(big.MegabytesPerSecond, "0.0")} | {N(ok.Max(x => x.PeakWorkingSetMB))} MB | {exp} | {Quality(s, big)} |");
        }
        foreach (var p in r.NotImplemented) sb.AppendLine($"| {p.Name} | not implemented yet | | | | |");
        sb.AppendLine();

        foreach (var s in r.Stages)
        {
            sb.AppendLine($"## {s.Name}").AppendLine();
            sb.AppendLine(s.Measures + ".").AppendLine();
            if (s.Skipped != null) { sb.AppendLine($"Skipped: {Md(s.Skipped)}").AppendLine(); continue; }
            string unit = s.ItemName;
            sb.AppendLine($"| {(s.Scales ? "Corpus size" : "Input")} | MB | Time (s) | CPU (s) | {Cap(unit)}/s | {Cap(unit)} per CPU s | MB/s | Peak working set | Peak managed heap | Allocated per item | Passes | Errors |");
            sb.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var m in s.Results)
            {
                string label = s.Scales ? N(m.Size) : $"{N(m.Items)} {unit}";
                if (m.Failed) { sb.AppendLine($"| {label} | failed: {Md(m.Info["failure"])} | | | | | | | | | | |"); continue; }
                sb.AppendLine($"| {label} | {N(m.Bytes / 1048576.0, "0.0")} | {N(m.Seconds, "0.000")} | {(m.CpuSeconds > 0 ? N(m.CpuSeconds, "0.000") : "—")} | {N(m.ItemsPerSecond, m.ItemsPerSecond < 100 ? "N1" : "N0")} | {(m.CpuSeconds > 0 ? N(m.Items / m.CpuSeconds, m.Items / m.CpuSeconds < 100 ? "N1" : "N0") : "—")} | {N(m.MegabytesPerSecond, "0.0")} | " +
                              $"{N(m.PeakWorkingSetMB)} MB | {(m.PeakManagedHeapMB > 0 ? N(m.PeakManagedHeapMB) + " MB" : "—")} | {(m.AllocatedBytesPerItem > 0 ? N(m.AllocatedBytesPerItem / 1024, "N0") + " KB" : "—")} | {m.Passes} | {m.Errors} |");
            }
            sb.AppendLine();
            if (s.ScalingExponent is { } e)
                sb.AppendLine($"Time growth: fitted exponent **{N(e, "0.00")}** over {string.Join(" → ", s.Results.Where(x => !x.Failed).Select(x => N(x.Size)))} articles (least squares on log time vs log size, each size's fastest pass in CPU time; 1 is linear) — {ExpNote(e)}; on median wall time {(s.WallScalingExponent is { } w ? N(w, "0.00") : "n/a")}.").AppendLine();
            var last = s.Results.LastOrDefault(x => !x.Failed);
            if (last != null && last.Metrics.Count > 0)
            {
                if (s.Name == "readability-peer") PeerTable(sb, last);
                else if (s.Name == "entities-peer") EntityPeerTable(sb, last);
                else if (s.Name == "cores") CoresTable(sb, last);
                else if (s.Name == "cache-postgres") PostgresTables(sb, s);
                else
                {
                    var checks = last.Metrics.Where(kv => kv.Key.StartsWith("check:", StringComparison.Ordinal)).ToList();
                    if (checks.Count > 0)
                        sb.AppendLine("Against the generator's ground truth (largest size): " + string.Join(", ", checks.Select(kv => $"{kv.Key[6..]} {Pct(kv.Value)}")) + ".").AppendLine();
                    if (last.Metrics.TryGetValue("f1", out var f1))
                        sb.AppendLine($"Extraction quality (score.py, all {N(last.Items)} pages): **F1 {N(f1, "0.000")}** ± {N(last.Metrics.GetValueOrDefault("f1_std"), "0.000")}, precision {N(last.Metrics.GetValueOrDefault("precision"), "0.000")}, recall {N(last.Metrics.GetValueOrDefault("recall"), "0.000")}, exact {N(last.Metrics.GetValueOrDefault("accuracy"), "0.000")}; pages judged not articles: {N(last.Metrics.GetValueOrDefault("pagesNotArticles"))}.").AppendLine();
                    if (last.Metrics.Keys.Any(k => k.StartsWith("f1:", StringComparison.Ordinal)))
                        EntityF1Table(sb, last, "");
                    var other = last.Metrics.Where(kv => !kv.Key.StartsWith("check:", StringComparison.Ordinal) && !kv.Key.Contains(':') || kv.Key.EndsWith("Ms", StringComparison.Ordinal))
                        .Where(kv => kv.Key is not ("f1" or "f1_std" or "precision" or "recall" or "accuracy" or "pagesNotArticles" or "firstPassPagesPerSecond")).ToList();
                    if (other.Count > 0 && s.Name is "entities" or "feeds" or "cache-cold-import" or "cache-warm-reimport" or "queries")
                        sb.AppendLine("Other figures (largest size): " + string.Join(", ", other.Select(kv => $"{kv.Key} {N(kv.Value, Math.Abs(kv.Value) < 100 ? "0.###" : "N0")}")) + ".").AppendLine();
                    if (last.Metrics.TryGetValue("firstPassPagesPerSecond", out var cold))
                        sb.AppendLine($"First pass in the fresh process, JIT included (one import in a new PowerShell session): {N(cold, "N1")} pages/s; the table shows steady state after warm-up.").AppendLine();
                }
            }
            if (last != null)
                foreach (var (k, v) in last.Info.Where(kv => kv.Key is not ("predictions" or "scoredBy" or "our:scoredBy" or "peer:scoredBy" or "peerBlocks:scoredBy")))
                    sb.AppendLine($"- {k}: {Md(v)}");
            if (last != null && last.Info.Count > 0) sb.AppendLine();
        }

        sb.AppendLine("## Not implemented yet").AppendLine();
        if (!r.NotImplemented.Any()) sb.AppendLine("Every stage of issue 9 is implemented.").AppendLine();
        else
        {
            sb.AppendLine("Stages issue 9 asks for that have no engine code to measure yet. Each becomes one stage class in bench/NewsCmdlets.Bench/Stages/.").AppendLine();
            sb.AppendLine("| Stage | What it will measure | Peer |").AppendLine("|---|---|---|");
            foreach (var p in r.NotImplemented) sb.AppendLine($"| {p.Name} | {p.Measures} | {p.Peer} |");
            sb.AppendLine();
        }

        if (r.Corpora.Count > 0)
        {
            sb.AppendLine("## Generated corpus").AppendLine();
            sb.AppendLine($"Invented outlets, people and events, deterministic from seed {r.Seed} (generator v{r.Corpora[0].GeneratorVersion}); generated once into bench/.scratch/corpus/ with a manifest of stories, outlets and wire copies.").AppendLine();
            sb.AppendLine("| Articles | Stories | Wire stories | Wire copies | Text MB | HTML MB |").AppendLine("|---:|---:|---:|---:|---:|---:|");
            foreach (var c in r.Corpora) sb.AppendLine($"| {N(c.Articles)} | {N(c.Stories)} | {N(c.WireStories)} | {N(c.WireCopies)} | {N(c.TextBytes / 1048576.0, "0.0")} | {N(c.HtmlBytes / 1048576.0, "0.0")} |");
            sb.AppendLine();
        }
        AppendFuzzing(sb, repo);
        return sb.ToString();
    }

    /// <summary>The last recorded fuzzer run (bench/results/fuzz.json, written by <c>bench/fuzz</c> into its default folder).</summary>
    private static void AppendFuzzing(StringBuilder sb, string repo)
    {
        var record = Fuzz.FuzzRecord.Load(repo);
        sb.AppendLine("## Fuzzing").AppendLine();
        if (record == null)
        {
            sb.AppendLine("No fuzzer run recorded (`bench/fuzz --minutes N` writes bench/results/fuzz.json).").AppendLine();
            return;
        }
        sb.AppendLine($"The last recorded `bench/fuzz` run (not part of `bench/run`; see bench/README.md): {record.Date}, commit `{record.Commit}`" +
                      (record.UncommittedChanges ? " with uncommitted changes" : "") + $", seed {record.Seed}. Crashes and hangs are kept in bench/.scratch/fuzz/crashes to turn into tests.").AppendLine();
        sb.AppendLine("```");
        sb.AppendLine(record.Summary.Describe());
        sb.AppendLine("```").AppendLine();
    }

    private static void PeerTable(StringBuilder sb, StageMeasurement m)
    {
        double G(string k) => m.Metrics.GetValueOrDefault(k);
        sb.AppendLine("| Same 91 pages, same run | NewsCmdlets | Readability.js + jsdom | Ratio |").AppendLine("|---|---:|---:|---:|");
        sb.AppendLine($"| Pages/s (one thread, median wall time) | {N(G("our:pagesPerSecond"), "N1")} | {N(G("peer:pagesPerSecond"), "N1")} | **{N(G("speedRatio"), "0.0")}×** |");
        if (m.Metrics.ContainsKey("cpuSpeedRatio"))
            sb.AppendLine($"| Pages per CPU second (process, all threads) | {N(G("our:pagesPerCpuSecond"), "N1")} | {N(G("peer:pagesPerCpuSecond"), "N1")} | {N(G("cpuSpeedRatio"), "0.0")}× |");
        if (m.Metrics.ContainsKey("peer:f1"))
        {
            sb.AppendLine($"| F1 (score.py) | {N(G("our:f1"), "0.000")} | {N(G("peer:f1"), "0.000")} (textContent); {N(G("peerBlocks:f1"), "0.000")} (line breaks kept between blocks) | |");
            sb.AppendLine($"| Precision / recall | {N(G("our:precision"), "0.000")} / {N(G("our:recall"), "0.000")} | {N(G("peer:precision"), "0.000")} / {N(G("peer:recall"), "0.000")} | |");
            if (G("peer:n_empty") > 0) sb.AppendLine($"| Empty outputs | {N(G("our:n_empty"))} | {N(G("peer:n_empty"))} | |");
        }
        sb.AppendLine($"| Peak memory | see extraction-quality | {N(m.PeakWorkingSetMB)} MB (node maxRSS) | |");
        sb.AppendLine();
    }

    private static readonly string[] NerSets = { "realnews", "wikigold", "btc_h", "wnut17", "sec_filings" };

    private static void EntityF1Table(StringBuilder sb, StageMeasurement m, string prefix, string? peerPrefix = null)
    {
        double G(string k) => m.Metrics.GetValueOrDefault(k);
        sb.AppendLine(peerPrefix == null
            ? "Entity F1 on tools/NerTrainer's held-out test splits (score.py, exact span and type, PER/ORG/LOC micro-average; the shipped tagger as `NerTrainer eval --split test` runs it):"
            : "Entity F1 on tools/NerTrainer's held-out test splits (score.py, exact span and type, PER/ORG/LOC micro-average):").AppendLine();
        sb.AppendLine(peerPrefix == null ? "| Test split | F1 | P | R | PER | ORG | LOC |" : "| Test split | NewsCmdlets F1 | compromise F1 | compromise P / R | compromise PER / ORG / LOC |");
        sb.AppendLine(peerPrefix == null ? "|---|---:|---:|---:|---:|---:|---:|" : "|---|---:|---:|---:|---:|");
        foreach (var d in NerSets.Where(d => m.Metrics.ContainsKey($"{prefix}f1:{d}")))
            sb.AppendLine(peerPrefix == null
                ? $"| {d} | **{N(G($"{prefix}f1:{d}"), "0.000")}** | {N(G($"{prefix}precision:{d}"), "0.000")} | {N(G($"{prefix}recall:{d}"), "0.000")} | {N(G($"{prefix}PER:{d}"), "0.000")} | {N(G($"{prefix}ORG:{d}"), "0.000")} | {N(G($"{prefix}LOC:{d}"), "0.000")} |"
                : $"| {d} | **{N(G($"{prefix}f1:{d}"), "0.000")}** | {N(G($"{peerPrefix}f1:{d}"), "0.000")} | {N(G($"{peerPrefix}precision:{d}"), "0.000")} / {N(G($"{peerPrefix}recall:{d}"), "0.000")} | {N(G($"{peerPrefix}PER:{d}"), "0.000")} / {N(G($"{peerPrefix}ORG:{d}"), "0.000")} / {N(G($"{peerPrefix}LOC:{d}"), "0.000")} |");
        sb.AppendLine();
    }

    private static void EntityPeerTable(StringBuilder sb, StageMeasurement m)
    {
        double G(string k) => m.Metrics.GetValueOrDefault(k);
        sb.AppendLine("| Same texts, same run | NewsCmdlets EntityExtractor | compromise | Ratio |").AppendLine("|---|---:|---:|---:|");
        sb.AppendLine($"| Tokens/s (one thread, wall time) | {N(G("our:tokensPerSecond"))} | {N(G("peer:tokensPerSecond"))} | **{N(G("speedRatio"), "0.0")}×** |");
        if (m.Metrics.ContainsKey("cpuSpeedRatio"))
            sb.AppendLine($"| Tokens per CPU second (process) | {N(G("our:tokensPerCpuSecond"))} | {N(G("peer:tokensPerCpuSecond"))} | {N(G("cpuSpeedRatio"), "0.0")}× |");
        sb.AppendLine($"| Peak memory | see entities | {N(m.PeakWorkingSetMB)} MB (node maxRSS) | |");
        sb.AppendLine();
        if (m.Metrics.Keys.Any(k => k.StartsWith("peer:f1:", StringComparison.Ordinal))) EntityF1Table(sb, m, "our:", "peer:");
    }

    /// <summary>The 10 entities in the most articles, whose whole-article answers set the p95.</summary>
    private static string BiggestAnswers(StageMeasurement m) =>
        m.Metrics.TryGetValue("entityArticlesFrequent:medianMs", out var f) && m.Metrics.TryGetValue("mostFrequentEntityArticles", out var n)
            ? $"; the 10 biggest answers, up to {N(n, "#,0")} articles: median {N(f, "0")} ms, max {N(m.Metrics.GetValueOrDefault("entityArticlesFrequent:maxMs"), "0")}; the 90 others p95 {N(m.Metrics.GetValueOrDefault("entityArticlesRandom:p95Ms"), "0.0")}"
            : "";

    private static readonly string[] CoreWorkloads = { "entities", "quotes", "comparison" };

    /// <summary>The thread counts the cores stage measured, from its metric names ("entities:t2:itemsPerSecond").</summary>
    private static int[] CoreThreads(StageMeasurement m) => m.Metrics.Keys
        .Where(k => k.Contains(":t", StringComparison.Ordinal) && k.EndsWith(":itemsPerSecond", StringComparison.Ordinal))
        .Select(k => k[..k.LastIndexOf(':')]).Select(k => k[(k.LastIndexOf(":t", StringComparison.Ordinal) + 2)..])
        .Select(t => int.Parse(t, Inv)).Distinct().OrderBy(t => t).ToArray();

    private static void CoresTable(StringBuilder sb, StageMeasurement m)
    {
        double G(string k) => m.Metrics.GetValueOrDefault(k);
        var threads = CoreThreads(m);
        sb.AppendLine("| Workload | Items a pass | Threads | Items/s | Speed-up over 1 thread (median; best) | CPU s per wall s | Items per CPU s | GC pause share | Allocated per item |")
          .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var w in CoreWorkloads.Append(Stages.CoresStage.EntitiesKept).Concat(Stages.CoresStage.Baselines).Where(w => m.Metrics.ContainsKey($"{w}:t1:itemsPerSecond")))
            foreach (int t in threads)
            {
                string k = $"{w}:t{t}";
                string speedup = t == 1 ? "1 (baseline)" : $"**{N(G($"{w}:speedup:t{t}"), "0.00")}×**; {N(G($"{w}:bestSpeedup:t{t}"), "0.00")}×";
                sb.AppendLine($"| {w} | {N(G($"{w}:items") * G($"{w}:reps"))} | {t} | {N(G(k + ":itemsPerSecond"), "N1")} | {speedup} | {N(G(k + ":cpuPerWall"), "0.00")} | {N(G(k + ":itemsPerCpuSecond"), "N1")} | {Pct(G(k + ":gcPauseShare"))} | {N(G(k + ":allocatedPerItemKB"), "N0")} KB |");
            }
        sb.AppendLine().AppendLine("Results are dropped as they reach the adding thread, as a streaming pipeline (`… | Export-Csv`) drops them; " +
                                   $"\"{Stages.CoresStage.EntitiesKept}\" is the entity pass again with each result held until the next pass, what the GC pays when a script keeps the output.");
        sb.AppendLine().AppendLine("The baselines are what any code gets from more threads here, measured in the same run through the same map: " +
                                   "\"compute\" shares nothing (about 50 µs of arithmetic in registers an item), \"memory\" waits on memory (4,000 dependent reads an item over a " +
                                   "32 MB array of each worker's own), \"allocation\" allocates about 40 KB of short-lived objects in about 50 µs an item (the quote pass's rate), so " +
                                   "its speed-up is about the ceiling the GC leaves a pass that allocates that fast; \"ipc\" runs four independent chains of that arithmetic " +
                                   "(several instructions a cycle): near 2× when the two processors are two cores, far less when they are the two hardware threads of one core.");
        if (m.Metrics.Keys.Any(k => k.EndsWith(":workCpuPerItemUs", StringComparison.Ordinal)))
        {
            // Where the CPU goes, by thread: valid on a loaded machine, where the wall-clock ratios above are not.
            sb.AppendLine().AppendLine("Where the CPU goes (CPU time of threads, µs an item; meaningful on a loaded machine, unlike the ratios above): **work** is the items' own " +
                                       "work on whichever thread ran it (GC work it triggered included), **pipeline** the adding thread's own part besides the items it ran itself " +
                                       "(adding, ordering, waking, writing), **other** the rest of the process (the workers' hand-offs and waits, the GC's and the JIT's threads). " +
                                       "**Serial** is pipeline + GC pause over the one-thread total: what Amdahl's law counts as serial, and the 2-thread ratio it implies.").AppendLine();
            sb.AppendLine("| Workload | Threads | Work | Pipeline | Other | GC pause | Gen0 / gen1 GCs per 1,000 items | Allocated per item | Serial | Amdahl at 2 threads |")
              .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var w in CoreWorkloads.Append(Stages.CoresStage.EntitiesKept).Where(w => m.Metrics.ContainsKey($"{w}:t1:workCpuPerItemUs")))
                foreach (int t in threads)
                {
                    string k = $"{w}:t{t}";
                    double work = G(k + ":workCpuPerItemUs"), pipe = G(k + ":addingCpuPerItemUs"), other = G(k + ":otherCpuPerItemUs"), pause = G(k + ":gcPausePerItemUs");
                    double s = SerialShare(m, w);
                    sb.AppendLine($"| {w} | {t} | {N(work, "0.0")} | {N(pipe, "0.00")} | {N(other, "0.00")} | {N(pause, "0.00")} | {N(G(k + ":gen0PerThousandItems"), "0.00")} / {N(G(k + ":gen1PerThousandItems"), "0.00")} | " +
                                  $"{N(G(k + ":allocatedPerItemKB"), "N1")} KB | {(t == 1 ? Pct(s) : "")} | {(t == 1 ? N(Amdahl(s, 2), "0.00") + "×" : "")} |");
                }
        }
        sb.AppendLine().AppendLine($"Processors: {m.Info.GetValueOrDefault("processors", "unknown")}. Results at every thread count the same as at one thread: {(G("check:sameOutput") == 1 ? "yes" : "**no**")}. " +
                                   "The reasoning behind the expected curve beyond what this machine has is in bench/README.md (\"cores\").").AppendLine();
        AmdahlTable(sb, m);
    }

    private static readonly int[] AmdahlThreads = { 4, 8, 16 };

    /// <summary>
    /// The serial share of a workload from its per-thread CPU at one thread: the adding (pipeline) thread's own part and
    /// the GC pause (every thread stopped), over the one-thread total (work, pipeline, other).
    /// </summary>
    public static double SerialShare(StageMeasurement m, string w)
    {
        double G(string k) => m.Metrics.GetValueOrDefault($"{w}:t1:{k}");
        double total = G("workCpuPerItemUs") + G("addingCpuPerItemUs") + G("otherCpuPerItemUs");
        return total > 0 ? Math.Clamp((G("addingCpuPerItemUs") + G("gcPausePerItemUs")) / total, 0, 1) : 0;
    }

    /// <summary>Amdahl's speed-up at <paramref name="n"/> threads for a serial share <paramref name="s"/>.</summary>
    public static double Amdahl(double s, int n) => 1 / (s + (1 - s) / n);

    /// <summary>The Karp–Flatt serial fraction of a speed-up <paramref name="speedup"/> measured at <paramref name="n"/>
    /// threads: the s for which Amdahl's law gives that speed-up (0 when the speed-up is linear or better).</summary>
    public static double KarpFlatt(double speedup, int n) => Math.Clamp((1 / speedup - 1.0 / n) / (1 - 1.0 / n), 0, 1);

    /// <summary>The design's expected curve to 16 threads from the serial share measured at 1 and 2 threads.</summary>
    private static void AmdahlTable(StringBuilder sb, StageMeasurement m)
    {
        var rows = CoreWorkloads.Where(w => m.Metrics.ContainsKey($"{w}:speedup:t2") && m.Metrics.ContainsKey($"{w}:t1:gcPauseShare")).ToList();
        if (rows.Count == 0) return;
        sb.AppendLine("**Expected curve to 16 threads: an estimate from Amdahl's law, not a measurement** (this machine has " +
                      $"{m.Info.GetValueOrDefault("processors", "?")} processors). Speed-up at N threads = 1 / (s + (1 − s) / N) for the serial share s measured here two ways: " +
                      "the Karp–Flatt serial fraction of the measured 2-thread speed-up S, s = (1/S − 1/2) / (1 − 1/2), which counts everything that kept two threads from 2× " +
                      "(on a crowded machine the neighbours' share of the cores too, so a pessimistic estimate), and the GC pause share at one thread, serial by construction " +
                      "(an optimistic estimate: the pipeline thread's own part per item, which bench/cores.ps1 measures, is not in it).").AppendLine();
        sb.AppendLine("| Workload | s from the 2-thread speed-up | 4 threads | 8 | 16 | s = GC pause share at 1 thread | 4 threads | 8 | 16 |")
          .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var w in rows)
        {
            double kf = KarpFlatt(m.Metrics[$"{w}:speedup:t2"], 2), gc = m.Metrics[$"{w}:t1:gcPauseShare"];
            sb.AppendLine($"| {w} | {Pct(kf)} | {string.Join(" | ", AmdahlThreads.Select(n => N(Amdahl(kf, n), "0.0") + "×"))} | {Pct(gc)} | {string.Join(" | ", AmdahlThreads.Select(n => N(Amdahl(gc, n), "0.0") + "×"))} |");
        }
        sb.AppendLine();
    }

    /// <summary>cache-postgres: per size the import ratio, the p95 latencies and the concurrent importers, then the largest size in detail.</summary>
    private static void PostgresTables(StringBuilder sb, StageReport s)
    {
        var ok = s.Results.Where(x => !x.Failed).ToList();
        sb.AppendLine("| Articles | SQLite import (s) | PostgreSQL import (s) | PostgreSQL ÷ SQLite (median; best) | p95 entity ids PG / SQLite (ms) | p95 whole articles by entity PG / SQLite | p95 search PG / SQLite | 4 importers at once (s; ÷ one process alone) | Every article exactly once |")
          .AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var m in ok)
        {
            double G(string k) => m.Metrics.GetValueOrDefault(k);
            sb.AppendLine($"| {N(m.Size)} | {N(G("sqlite:seconds"), "0.00")} | {N(G("postgres:seconds"), "0.00")} | **{N(G("postgresVsSqlite"), "0.00")}×**; {N(G("postgresVsSqlite:best"), "0.00")}× | " +
                          $"{N(G("postgres:entityIds:p95Ms"), "0.0")} / {N(G("sqlite:entityIds:p95Ms"), "0.0")} | {N(G("postgres:entityArticles:p95Ms"), "0.0")} / {N(G("sqlite:entityArticles:p95Ms"), "0.0")} | " +
                          $"{N(G("postgres:search:p95Ms"), "0.0")} / {N(G("sqlite:search:p95Ms"), "0.0")} | {(m.Metrics.ContainsKey("concurrent:wallSeconds") ? N(G("concurrent:wallSeconds"), "0.0") : "not run")}; {(m.Metrics.TryGetValue("concurrent:vsOneProcess", out var v1) ? N(v1, "0.00") + "×" : "—")} | {Once(m)} |");
        }
        sb.AppendLine();
        var big = ok.LastOrDefault();
        if (big == null) return;
        double B(string k) => big.Metrics.GetValueOrDefault(k);
        string Lat(string k) => $"{N(B("postgres:" + k + ":medianMs"), "0.00")} / {N(B("postgres:" + k + ":p95Ms"), "0.0")} | {N(B("sqlite:" + k + ":medianMs"), "0.00")} / {N(B("sqlite:" + k + ":p95Ms"), "0.0")}";
        sb.AppendLine($"At {N(big.Size)} articles, same process, same queries ({N(B("queryPasses"))} passes of each store, alternated):").AppendLine();
        sb.AppendLine("| Query (median / p95, ms) | PostgreSQL | SQLite |").AppendLine("|---|---:|---:|");
        sb.AppendLine($"| Entity lookup, ids (FindArticlesWithEntity) | {Lat("entityIds")} |");
        sb.AppendLine($"| Get-NewsArticle -Entity, whole articles (Query -Entity) | {Lat("entityArticles")} |");
        sb.AppendLine($"| … the 90 entities drawn at random | {Lat("entityArticlesRandom")} |");
        sb.AppendLine($"| … the 10 in the most articles (up to {N(B("postgres:mostFrequentEntityArticles"))}) | {Lat("entityArticlesFrequent")} |");
        sb.AppendLine($"| … time to the first article | {Lat("entityFirstArticle")} |");
        sb.AppendLine($"| Get-NewsArticle -Search, best 20 (Query -Search) | {Lat("search")} |");
        sb.AppendLine($"| µs per whole article returned | {N(B("postgres:entityArticles:usPerArticle"), "0.0")} | {N(B("sqlite:entityArticles:usPerArticle"), "0.0")} |");
        sb.AppendLine($"| Store size | {N(B("postgres:databaseMB"), "0.0")} MB (database) | {N(B("sqlite:fileMB"), "0.0")} MB (file) |");
        sb.AppendLine();
        if (!big.Metrics.ContainsKey("check:concurrentExactlyOnce")) return;
        sb.AppendLine($"Four processes importing overlapping halves at once: {N(B("concurrent:articleReads"))} reads of {N(big.Size)} files in {N(B("concurrent:wallSeconds"), "0.0")} s " +
                      (big.Metrics.ContainsKey("concurrent:vsOneProcess")
                          ? $"(one such process alone importing the corpus once: {N(B("concurrent:oneProcessSeconds"), "0.0")} s, so **{N(B("concurrent:vsOneProcess"), "0.00")}×** its time; importers' CPU {N(B("concurrent:cpuSeconds"), "0.0")} s against {N(B("concurrent:oneProcessCpuSeconds"), "0.0")} s), "
                          : "(no baseline process in --smoke), ") +
                      $"{N(B("concurrent:parsed"))} parsed, {N(B("concurrent:fromCache"))} found stored by another; " +
                      $"{N(B("concurrent:articleRows"))} article rows (one importer alone: {N(B("postgres:articleRows"))}), {N(B("concurrent:inputRows"))} inputs: every article exactly once: **{(B("check:concurrentExactlyOnce") == 1 ? "yes" : "no")}**.").AppendLine();
    }

    private static string Once(StageMeasurement m) =>
        !m.Metrics.TryGetValue("check:concurrentExactlyOnce", out var once) ? "not run at this size" : once == 1 ? "yes" : "**no**";

    private static string PostgresSummary(StageMeasurement m)
    {
        double G(string k) => m.Metrics.GetValueOrDefault(k);
        return $"PostgreSQL import {N(G("postgresVsSqlite"), "0.00")}× SQLite's time (goal < 3× at 100,000); p95 on PostgreSQL: entity ids {N(G("postgres:entityIds:p95Ms"), "0.0")} ms, whole articles {N(G("postgres:entityArticles:p95Ms"), "0.0")} ms " +
               $"(90 random {N(G("postgres:entityArticlesRandom:p95Ms"), "0.0")}), search {N(G("postgres:search:p95Ms"), "0.0")} ms (goal < 50 ms); 4 importers at once: every article exactly once {Once(m)}" +
               (m.Metrics.TryGetValue("concurrent:vsOneProcess", out var v) ? $", {N(v, "0.00")}× one process's time" : "");
    }

    private static string CoresSummary(StageMeasurement m)
    {
        var threads = CoreThreads(m).Where(t => t > 1).ToArray();
        if (threads.Length == 0) return "";
        int t = threads.Contains(2) ? 2 : threads[0];
        var parts = CoreWorkloads.Where(w => m.Metrics.ContainsKey($"{w}:speedup:t{t}")).Select(w => $"{w} {N(m.Metrics[$"{w}:speedup:t{t}"], "0.00")}×");
        var baselines = Stages.CoresStage.Baselines.Where(w => m.Metrics.ContainsKey($"{w}:speedup:t{t}")).Select(w => $"{w["baseline: ".Length..]} {N(m.Metrics[$"{w}:speedup:t{t}"], "0.00")}×").ToList();
        return $"{t} threads vs 1 on {m.Info.GetValueOrDefault("processors", "?")} processors: {string.Join(", ", parts)}{(t == 2 ? " (goal ≥ 1.7×)" : "")}; output {(m.Metrics.GetValueOrDefault("check:sameOutput") == 1 ? "identical" : "**differs**")}" +
               (baselines.Count > 0 ? $"; machine baselines {string.Join(", ", baselines)}" : "");
    }

    private static string Quality(StageReport s, StageMeasurement m)
    {
        if (s.Name == "cores") return CoresSummary(m);
        if (s.Name == "cache-postgres") return PostgresSummary(m);
        if (s.Name == "entities-peer" && m.Metrics.ContainsKey("speedRatio"))
            return $"ours {N(m.Metrics["speedRatio"], "0.0")}× faster; " + (m.Metrics.ContainsKey("peer:f1:realnews")
                ? $"real news F1 {N(m.Metrics.GetValueOrDefault("peer:f1:realnews"), "0.000")} vs ours {N(m.Metrics.GetValueOrDefault("our:f1:realnews"), "0.000")}, "
                : "") + $"WikiGold F1 {N(m.Metrics.GetValueOrDefault("peer:f1:wikigold"), "0.000")} vs ours {N(m.Metrics.GetValueOrDefault("our:f1:wikigold"), "0.000")}";
        if (m.Metrics.ContainsKey("f1:wikigold") || m.Metrics.ContainsKey("f1:realnews"))
            return "F1 " + string.Join(", ", NerSets.Where(d => m.Metrics.ContainsKey("f1:" + d)).Select(d => $"{d} {N(m.Metrics["f1:" + d], "0.000")}"));
        if (m.Metrics.TryGetValue("warmVsColdRatio", out var wc)) return $"{N(wc, "0.0")}× faster than cold (goal ≥ 20×)";
        if (m.Metrics.TryGetValue("entityIds:medianMs", out var eid))
            return $"entity lookup median {N(eid, "0.00")} ms (p95 {N(m.Metrics.GetValueOrDefault("entityIds:p95Ms"), "0.00")}), whole articles median {N(m.Metrics.GetValueOrDefault("entityArticles:medianMs"), "0.00")} ms " +
                   $"(p95 {N(m.Metrics.GetValueOrDefault("entityArticles:p95Ms"), "0")}{BiggestAnswers(m)}){FirstArticle(m)}; search {N(m.Metrics.GetValueOrDefault("search:medianMs"), "0.00")} ms (goal < 50 ms)";
        if (m.Metrics.TryGetValue("bcubedF1", out var bc))
            return $"B-cubed F1 {N(bc, "0.000")}, stories exact {Pct(m.Metrics.GetValueOrDefault("storiesExact"))}; copy pairs P {N(m.Metrics.GetValueOrDefault("copyPairPrecision"), "0.000")} R {N(m.Metrics.GetValueOrDefault("copyPairRecall"), "0.000")}" +
                   (m.Metrics.TryGetValue("inputHeapMB", out var input) ? $"; the articles themselves hold {N(input, "0")} MB of the heap" : "");
        if (m.Metrics.TryGetValue("check:conflictRecall", out var cr))
            return $"injected conflicts found {Pct(cr)}; false conflicts {N(m.Metrics.GetValueOrDefault("falseConflictsPerStory"), "0.000")} per clean story";
        if (m.Metrics.TryGetValue("check:quoteSpeakerRight", out var qs)) return $"speaker right {Pct(qs)}";
        if (m.Metrics.TryGetValue("f1", out var f1)) return $"F1 {N(f1, "0.000")}";
        if (s.Name == "readability-peer" && m.Metrics.ContainsKey("speedRatio"))
            return $"ours {N(m.Metrics["speedRatio"], "0.0")}× faster; F1 {N(m.Metrics.GetValueOrDefault("peer:f1"), "0.000")} vs ours {N(m.Metrics.GetValueOrDefault("our:f1"), "0.000")}";
        var checks = m.Metrics.Where(kv => kv.Key is "check:titleMatches").ToList();
        return checks.Count > 0 ? $"title right {Pct(checks[0].Value)}" : "";
    }

    private static string FirstArticle(StageMeasurement m)
    {
        return m.Metrics.TryGetValue("entityFirstArticle:p95Ms", out var v) ? $", first article p95 {N(v, "0.0")} ms" : "";
    }

    private static string ExpNote(double e) => e <= 1.15 ? "linear" : e <= 1.3 ? "slightly superlinear" : "**superlinear: investigate**";

    private static string Cap(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    private static string Md(string s) => s.Replace("|", "\\|").Replace("\r", " ").Replace("\n", " ");
}
