using System.Diagnostics;
using System.Text.Json;
using NewsCmdlets.Bench.Corpus;
using NewsCmdlets.Bench.Harness;
using NewsCmdlets.Engine.Cache;
using NewsCmdlets.Engine.Ingest;

namespace NewsCmdlets.Bench.Stages;

/// <summary>What the three cache stages share: the cache file of one corpus size and an import through the cache.</summary>
public static class CacheCorpus
{
    private static readonly ArticleReadOptions Options = new() { Now = StageContext.Now };

    /// <summary>The cache the cold-import stage leaves behind for the warm re-import and the queries (one a size and seed).</summary>
    public static string DbPath(StageContext ctx) => Path.Combine(ctx.WorkDir, "cache", $"v{CorpusGenerator.Version}-s{ctx.Seed}-n{ctx.Size}.db");

    public static string PathOf(StageContext ctx, int i) => PathOf(ctx.CorpusFolder!, i);

    public static string PathOf(string corpusFolder, int i) => Path.Combine(corpusFolder, GeneratedArticle.TextPathOf(i));

    public static (long Bytes, int Count) Corpus(StageContext ctx)
    {
        int n = File.ReadLines(Path.Combine(ctx.CorpusFolder!, "articles.jsonl")).Count();
        long bytes = 0;
        for (int i = 0; i < n; i++) bytes += new FileInfo(PathOf(ctx, i)).Length;
        return (bytes, n);
    }

    /// <summary>Import-NewsArticle -Cache over the first <paramref name="n"/> articles: open the cache, read every file
    /// through a CachedArticleReader (default batch of 500 a transaction), commit, close.</summary>
    public static (int Hits, int Misses, long Errors) Import(StageContext ctx, string db, int n) =>
        Import(ctx.CorpusFolder!, NewsCache.Open(db), Enumerable.Range(0, n));

    /// <summary>The same over the given articles of a corpus, into an opened cache of either store (closed at the end).</summary>
    public static (int Hits, int Misses, long Errors) Import(string corpusFolder, NewsCache cache, IEnumerable<int> articles)
    {
        long errors = 0;
        using var reader = new CachedArticleReader(cache) { OwnsCache = true };
        foreach (int i in articles)
        {
            try { reader.ReadFile(PathOf(corpusFolder, i), Options); }
            catch (InputProblemException) { errors++; }
        }
        reader.Flush();
        return (reader.Hits, reader.Misses, errors);
    }

    /// <summary>The filled cache for this size, made now (untimed) when the cold-import stage did not leave one.</summary>
    public static string EnsureFilled(StageContext ctx, int n, StageMeasurement m)
    {
        string db = DbPath(ctx);
        string done = db + ".complete";
        if (File.Exists(db) && File.Exists(done)) return db;
        NewsCache.DeleteFiles(db);
        Directory.CreateDirectory(Path.GetDirectoryName(db)!);
        var sw = Stopwatch.StartNew();
        Import(ctx, db, n);
        File.WriteAllText(done, n.ToString(System.Globalization.CultureInfo.InvariantCulture));
        m.Info["cacheFilledHere"] = $"the cold-import stage left no cache: filled it first, untimed ({sw.Elapsed.TotalSeconds:0.0} s)";
        return db;
    }

    public static int Passes(StageContext ctx, int n) => ctx.Mode == RunMode.Smoke || n >= 50_000 ? 1 : 2;
}

/// <summary>Import into an empty cache: every file is read, parsed, hashed and written with its raw bytes, FTS row
/// and input stamp. The cache is deleted before each timed pass; the last one is kept for the next two stages.</summary>
public sealed class CacheColdImportStage : IBenchStage
{
    public string Name => "cache-cold-import";
    public int Order => 80;
    public string Measures => "CachedArticleReader.ReadFile over every generated .txt article into a new SQLite cache file (what Import-NewsArticle -Cache does the first time: read, parse, SHA-256, store article, raw bytes, full-text row and input stamp, 500 articles a transaction), one thread, open to close";
    public string ItemName => "articles";
    public bool Scales => true;
    public bool IsPeer => false;
    public bool Prepare(StageContext context, TextWriter log) => true;

    public StageMeasurement Run(StageContext context)
    {
        var (bytes, n) = CacheCorpus.Corpus(context);
        var m = new StageMeasurement { Items = n, Bytes = bytes };
        string db = CacheCorpus.DbPath(context);
        Directory.CreateDirectory(Path.GetDirectoryName(db)!);
        File.Delete(db + ".complete");
        // Warm-up (JIT, SQLite's native library): the first 1,000 articles into a throw-away cache.
        string warmDb = db + ".warm.db";
        Measure.WarmUp(() => { NewsCache.DeleteFiles(warmDb); CacheCorpus.Import(context, warmDb, Math.Min(1000, n)); }, context.Mode == RunMode.Smoke ? 0 : 1.5, 10);
        NewsCache.DeleteFiles(warmDb);
        (int Hits, int Misses, long Errors) r = default;
        Measure.Passes(m, () => { NewsCache.DeleteFiles(db); r = CacheCorpus.Import(context, db, n); },
            minPasses: CacheCorpus.Passes(context, n), maxPasses: CacheCorpus.Passes(context, n), minSeconds: 0);
        File.WriteAllText(db + ".complete", n.ToString(System.Globalization.CultureInfo.InvariantCulture));
        m.Errors = r.Errors;
        m.Metrics["misses"] = r.Misses;
        m.Metrics["cacheFileMB"] = Math.Round(new FileInfo(db).Length / 1048576.0, 1);
        m.Info["cache"] = "deleted before each pass; the last pass's file is kept for cache-warm-reimport and queries";
        return m;
    }
}

/// <summary>Re-import of the unchanged corpus into the filled cache: each file's length and last write time match
/// its stamp, so the article comes from the cache without reading or parsing the file.</summary>
public sealed class CacheWarmReimportStage : IBenchStage
{
    public string Name => "cache-warm-reimport";
    public int Order => 81;
    public string Measures => "CachedArticleReader.ReadFile over the same unchanged .txt articles into the cache cache-cold-import filled (stamp check, article loaded from SQLite, no parsing), one thread, open to close; the ratio is cold time ÷ warm time at the same size (issue 9's goal: ≥ 20×)";
    public string ItemName => "articles";
    public bool Scales => true;
    public bool IsPeer => false;
    public bool Prepare(StageContext context, TextWriter log) => true;

    public StageMeasurement Run(StageContext context)
    {
        var (bytes, n) = CacheCorpus.Corpus(context);
        var m = new StageMeasurement { Items = n, Bytes = bytes };
        string db = CacheCorpus.EnsureFilled(context, n, m);
        Measure.WarmUp(() => CacheCorpus.Import(context, db, Math.Min(1000, n)), context.Mode == RunMode.Smoke ? 0 : 1.5, 10);
        (int Hits, int Misses, long Errors) r = default;
        Measure.Passes(m, () => r = CacheCorpus.Import(context, db, n),
            minPasses: context.Mode == RunMode.Smoke ? 1 : 2, maxPasses: context.Mode == RunMode.Smoke ? 1 : 30, minSeconds: context.Mode == RunMode.Smoke ? 0 : 4);
        m.Errors = r.Errors;
        m.Metrics["hitShare"] = Math.Round(r.Hits / (double)Math.Max(1, n), 4);
        // The cold figure at the same size from this run (the runner writes each child's result before the next).
        string cold = Path.Combine(context.WorkDir, $"m-cache-cold-import-{context.Size}.json");
        if (File.Exists(cold))
        {
            var c = JsonSerializer.Deserialize<StageMeasurement>(File.ReadAllText(cold))!;
            if (!c.Failed && c.Seconds > 0)
            {
                m.Metrics["coldSeconds"] = Math.Round(c.Seconds, 3);
                m.Metrics["warmVsColdRatio"] = Math.Round(c.Seconds / m.Seconds, 1);
                if (c.CpuSeconds > 0 && m.CpuSeconds > 0) m.Metrics["warmVsColdCpuRatio"] = Math.Round(c.CpuSeconds / m.CpuSeconds, 1);
            }
        }
        else m.Info["ratio"] = "no cache-cold-import result at this size in this run: no ratio";
        return m;
    }
}

/// <summary>
/// Queries over the cache cold-import filled: entity lookups and full-text search (<see cref="CacheQuerySet"/>, whose
/// entity index is filled first, untimed, from the generator's ground truth).
/// </summary>
public sealed class QueriesStage : IBenchStage
{
    public string Name => "queries";
    public int Order => 82;
    public string Measures => "over the filled cache: entity lookups (NewsCache.FindArticlesWithEntity: ids; Query -Entity: whole articles) and full-text search (Query -Search, best 20), one thread; the entity index is filled first, untimed, from the generator's ground truth (each article: its story's people, organisations and city), not from EntityExtractor; issue 9's goal: entity lookups over 100,000 articles under 50 ms";
    public string ItemName => "queries";
    public bool Scales => true;
    public bool IsPeer => false;
    public bool Prepare(StageContext context, TextWriter log) => true;

    public StageMeasurement Run(StageContext context)
    {
        var set = new CacheQuerySet(context.CorpusFolder!);
        var m = new StageMeasurement();
        string db = CacheCorpus.EnsureFilled(context, set.Articles, m);
        using var cache = NewsCache.Open(db);
        set.FillEntityIndex(cache, context, m);
        Measure.WarmUp(() => set.Pass(cache, null), context.Mode == RunMode.Smoke ? 0 : 1.5, 10);
        m.Items = set.QueriesPerPass;
        m.Bytes = 0;
        var lat = new QueryLatencies();
        Measure.Passes(m, () => set.Pass(cache, lat), minPasses: context.Mode == RunMode.Smoke ? 1 : 3, maxPasses: context.Mode == RunMode.Smoke ? 1 : 10, minSeconds: context.Mode == RunMode.Smoke ? 0 : 3);
        lat.WriteTo(m, set);
        m.Metrics["articles"] = set.Articles;
        m.Info["queries"] = $"{set.EntityKeys.Length} {CacheQuerySet.Description}";
        m.Info["entityIndex"] = "filled untimed from the generator's ground truth (NewsCache.SetEntityIndex, 1,000 articles a transaction), not from EntityExtractor";
        return m;
    }
}
