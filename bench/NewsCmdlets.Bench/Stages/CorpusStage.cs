using NewsCmdlets.Bench.Corpus;
using NewsCmdlets.Bench.Harness;

namespace NewsCmdlets.Bench.Stages;

/// <summary>
/// A stage that reads every article file of a generated corpus, one at a time on one thread (the way the pipeline
/// streams), at each corpus size. Paths follow from the article index and the expected headlines come from the
/// manifest, before timing; a warm-up over the first articles (JIT, caches) is untimed; then whole passes are timed.
/// Subclasses process one file and record checks against the generator's ground truth.
/// </summary>
public abstract class CorpusStage : IBenchStage
{
    public abstract string Name { get; }
    public abstract int Order { get; }
    public abstract string Measures { get; }
    public string ItemName => "articles";
    public bool Scales => true;
    public bool IsPeer => false;
    protected abstract bool Html { get; }

    public virtual bool Prepare(StageContext context, TextWriter log) => true;

    /// <summary>Processes one article; returns false when the engine rejected it (counted as an error).
    /// <paramref name="headlineHash"/> is the expected headline's string hash (compare with <see cref="Same"/>).</summary>
    protected abstract bool Process(string path, int headlineHash, Checks checks);

    protected static bool Same(string? found, int expectedHash) => found != null && found.GetHashCode() == expectedHash;

    /// <summary>Counts of ground-truth checks, reported as shares of the articles.</summary>
    protected sealed class Checks
    {
        public readonly SortedDictionary<string, long> Counts = new(StringComparer.Ordinal);
        public readonly SortedDictionary<string, List<string>> Misses = new(StringComparer.Ordinal);
        public bool Enabled;
        public string CurrentId = "";

        /// <summary>Counts a check; the first misses are kept as examples (article id and what was found).</summary>
        public void Hit(string name, bool ok, string? found = null)
        {
            if (!Enabled) return;
            Counts.TryGetValue(name, out long n);
            Counts[name] = n + (ok ? 1 : 0);
            if (!ok)
            {
                if (!Misses.TryGetValue(name, out var list)) Misses[name] = list = new List<string>();
                if (list.Count < 3) list.Add(found == null ? CurrentId : $"{CurrentId} (got \"{(found.Length > 110 ? found[..110] + "…" : found)}\")");
            }
        }
    }

    public StageMeasurement Run(StageContext context)
    {
        // Only the expected headlines' hashes are held (paths follow from the index), so the peak memory of a
        // 100,000-article run is the engine's, not a list of the corpus.
        string folder = context.CorpusFolder!;
        var hashes = new List<int>();
        foreach (var line in File.ReadLines(Path.Combine(folder, "articles.jsonl")))
        {
            using var doc = System.Text.Json.JsonDocument.Parse(line);
            hashes.Add(doc.RootElement.GetProperty("headline").GetString()!.GetHashCode());
        }
        int n = hashes.Count;
        string PathOf(int i) => Path.Combine(folder, Html ? GeneratedArticle.HtmlPathOf(i) : GeneratedArticle.TextPathOf(i));
        long bytes = 0;
        for (int i = 0; i < n; i++) bytes += new FileInfo(PathOf(i)).Length;
        var m = new StageMeasurement { Items = n, Bytes = bytes };
        var checks = new Checks();

        // Warm-up until tiered JIT and PGO have settled (see Measure.WarmUp, Runner.ChildEnvironment): the first 1,000
        // articles (every template and outlet), over and over for at least 1.5 s.
        int warm = Math.Min(1000, n);
        Measure.WarmUp(() => { for (int i = 0; i < warm; i++) Process(PathOf(i), hashes[i], checks); }, context.Mode == RunMode.Smoke ? 0 : 1.5);

        long errors = 0;
        bool first = true;
        Measure.Passes(m, () =>
        {
            checks.Enabled = first;
            for (int i = 0; i < n; i++)
            {
                if (first) checks.CurrentId = CorpusGenerator.IdOf(i);
                if (!Process(PathOf(i), hashes[i], checks) && first) errors++;
            }
            first = false;
        }, minPasses: context.Mode == RunMode.Smoke ? 1 : 2, maxPasses: context.Mode == RunMode.Smoke ? 1 : 10, minSeconds: context.Mode == RunMode.Smoke ? 0 : 4);
        m.Errors = errors;
        foreach (var (k, v) in checks.Counts) m.Metrics[k] = Math.Round(v / (double)n, 4);
        foreach (var (k, v) in checks.Misses) m.Info[k + " misses, e.g."] = string.Join("; ", v);
        return m;
    }
}
