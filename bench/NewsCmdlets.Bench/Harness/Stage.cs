using System.Text.Json.Serialization;

namespace NewsCmdlets.Bench.Harness;

public enum RunMode { Smoke, Quick, Full }

/// <summary>
/// One measured stage. To add a stage, write one class implementing this interface (with a public parameterless
/// constructor): the runner finds it by reflection, runs it in its own child process (per corpus size when
/// <see cref="Scales"/>), and puts it in latest.json and RESULTS.md. Its entry in <see cref="StageCatalog.Planned"/>
/// then disappears from the "not implemented yet" list by itself (same <see cref="Name"/>).
/// </summary>
public interface IBenchStage
{
    /// <summary>Command-line name, e.g. "text-import".</summary>
    string Name { get; }

    /// <summary>Position in the report (pipeline order: ingest, extract, entities, quotes, grouping, comparison, cache).</summary>
    int Order { get; }

    /// <summary>One sentence for the report: what is timed, on which input.</summary>
    string Measures { get; }

    /// <summary>What one item is ("articles", "pages").</summary>
    string ItemName { get; }

    /// <summary>Runs once per corpus size (1k/10k/100k) and gets a scaling exponent; otherwise runs once on fixed data.</summary>
    bool Scales { get; }

    /// <summary>Runs a peer from outside .NET (installed from npm): skipped by --smoke and by --no-peers.</summary>
    bool IsPeer { get; }

    /// <summary>Once, in the parent, before any child runs (e.g. npm install). Untimed. Returns false to skip the stage.</summary>
    bool Prepare(StageContext context, TextWriter log);

    /// <summary>In the child process: do the work and time it.</summary>
    StageMeasurement Run(StageContext context);
}

/// <summary>A stage whose <see cref="IBenchStage.Prepare"/> set something up that must be taken down after its last
/// size (a server it started): the runner calls <see cref="Finish"/> in the parent, also when a child failed.</summary>
public interface IStageTeardown
{
    void Finish(StageContext context, TextWriter log);
}

/// <summary>What a stage is given: sizes, paths, the mode.</summary>
public sealed class StageContext
{
    public required RunMode Mode { get; init; }
    public required ulong Seed { get; init; }
    /// <summary>Number of corpus articles, for scaling stages (0 for fixed ones).</summary>
    public int Size { get; init; }
    /// <summary>Every corpus size of the run, smallest first or as given (empty when not known).</summary>
    public IReadOnlyList<int> Sizes { get; init; } = Array.Empty<int>();
    /// <summary>The generated corpus folder for <see cref="Size"/> (null for fixed stages).</summary>
    public string? CorpusFolder { get; init; }
    public required string RepoRoot { get; init; }
    /// <summary>bench/.scratch: generated corpora, npm peers, predictions.</summary>
    public required string Scratch { get; init; }
    /// <summary>../shared/eval (extraction/, ner/).</summary>
    public required string EvalRoot { get; init; }

    public string ExtractionEvalDir => Path.Combine(EvalRoot, "extraction");
    public string NodeDir => Path.Combine(Scratch, "node");
    /// <summary>Predictions and child results, one folder a mode so a smoke test can run beside a full run.</summary>
    public string WorkDir => Path.Combine(Scratch, "work", Mode.ToString().ToLowerInvariant());

    /// <summary>"Now" for the engine's future-date checks, fixed so results do not depend on the day of the run.</summary>
    public static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
}

/// <summary>One stage's result at one size, written by the child as JSON and read by the parent.</summary>
public sealed class StageMeasurement
{
    public string Stage { get; set; } = "";
    public int Size { get; set; }
    /// <summary>Items processed in one timed pass.</summary>
    public long Items { get; set; }
    /// <summary>Input bytes of one timed pass.</summary>
    public long Bytes { get; set; }
    /// <summary>Timed passes (small inputs are repeated to get above timer and scheduler noise); Seconds is their median.</summary>
    public int Passes { get; set; } = 1;
    public double Seconds { get; set; }
    public double[] PassSeconds { get; set; } = Array.Empty<double>();
    /// <summary>CPU time of the whole process (all threads: the work, JIT, GC), median over the passes, s.</summary>
    public double CpuSeconds { get; set; }
    /// <summary>The fastest pass, wall and CPU time, s. Other work on a shared machine only ever adds time, so the
    /// fastest pass is the best estimate of the stage's own cost; the scaling exponent is fitted on BestCpuSeconds.</summary>
    public double BestSeconds { get; set; }
    public double BestCpuSeconds { get; set; }
    public double ItemsPerSecond => Seconds > 0 ? Items / Seconds : 0;
    public double MegabytesPerSecond => Seconds > 0 ? Bytes / 1048576.0 / Seconds : 0;
    /// <summary>Peak working set of the child process (runtime, code, input list and the work), MB.</summary>
    public double PeakWorkingSetMB { get; set; }
    /// <summary>Peak managed heap size after a GC seen during the run, MB (GC.GetGCMemoryInfo).</summary>
    public double PeakManagedHeapMB { get; set; }
    /// <summary>Managed bytes allocated per item in the timed passes.</summary>
    public double AllocatedBytesPerItem { get; set; }
    public int Gen0Collections { get; set; }
    public int Gen2Collections { get; set; }
    /// <summary>Wall time of the whole child process (setup, warm-up, passes, scoring), s.</summary>
    public double ChildWallSeconds { get; set; }
    public long Errors { get; set; }
    /// <summary>Stage-specific figures (F1, ratios, sanity checks), by name.</summary>
    public SortedDictionary<string, double> Metrics { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Stage-specific facts (peer versions, failures), by name.</summary>
    public SortedDictionary<string, string> Info { get; set; } = new(StringComparer.Ordinal);
    [JsonIgnore] public bool Failed => Info.ContainsKey("failure");
}

/// <summary>A stage from issue 9 that has no implementation yet; reported as "not implemented yet".</summary>
public sealed record PlannedStage(string Name, int Order, string Measures, string Peer);

public static class StageCatalog
{
    /// <summary>Every stage issue 9 asks for. A planned entry is hidden as soon as a stage class has its name.</summary>
    public static readonly PlannedStage[] Planned =
    {
        new("feeds", 30, "RSS/Atom feed import, items/s and MB/s per corpus size", "—"),
        new("entities", 40, "people, organisations, places from generated articles; entity F1 per dataset from ../shared/eval/ner/score.py", "compromise (npm)"),
        new("quotes", 50, "quote and speaker extraction over the generated corpus", "—"),
        new("grouping", 60, "grouping articles into stories (issue 7: 100,000 articles in under a minute), against the generator's story manifest", "—"),
        new("comparison", 70, "coverage comparison across outlets for grouped stories", "—"),
        new("cache-cold-import", 80, "import into an empty cache", "—"),
        new("cache-warm-reimport", 81, "re-import of an unchanged corpus into a filled cache", "—"),
        new("queries", 82, "queries over the cache", "—"),
    };

    public static IReadOnlyList<IBenchStage> Implemented { get; } = typeof(StageCatalog).Assembly.GetTypes()
        .Where(t => typeof(IBenchStage).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false } && t.GetConstructor(Type.EmptyTypes) != null)
        .Select(t => (IBenchStage)Activator.CreateInstance(t)!)
        .OrderBy(s => s.Order).ThenBy(s => s.Name, StringComparer.Ordinal)
        .ToArray();

    public static IEnumerable<PlannedStage> NotImplemented =>
        Planned.Where(p => Implemented.All(s => s.Name != p.Name)).OrderBy(p => p.Order);

    public static IBenchStage? Find(string name) => Implemented.FirstOrDefault(s => s.Name == name);
}
