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

    public static string PathOf(StageContext ctx, int i) => Path.Combine(ctx.CorpusFolder!, GeneratedArticle.TextPathOf(i));

    public static (long Bytes, int Count) Corpus(StageContext ctx)
    {
        int n = File.ReadLines(Path.Combine(ctx.CorpusFolder!, "articles.jsonl")).Count();
        long bytes = 0;
        for (int i = 0; i < n; i++) bytes += new FileInfo(PathOf(ctx, i)).Length;
        return (bytes, n);
    }

    /// <summary>Import-NewsArticle -Cache over the first <paramref name="n"/> articles: open the cache, read every file
    /// through a CachedArticleReader (default batch of 500 a transaction), commit, close.</summary>
    public static (int Hits, int Misses, long Errors) Import(StageContext ctx, string db, int n)
    {
        long errors = 0;
        using var reader = new CachedArticleReader(NewsCache.Open(db)) { OwnsCache = true };
        for (int i = 0; i < n; i++)
        {
            try { reader.ReadFile(PathOf(ctx, i), Options); }
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
/// Queries over the cache cold-import filled: entity lookups and full-text search. The entity index is filled first
/// (untimed) with the generator's ground truth — every article gets its story's people, organisations and city —
/// because running EntityExtractor over 100,000 articles would take minutes; the index holds what the extractor
/// would find when it is right.
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
        string folder = context.CorpusFolder!;
        var storyOf = new List<int>();
        var headlines = new List<string>();
        foreach (var line in File.ReadLines(Path.Combine(folder, "articles.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            storyOf.Add(doc.RootElement.GetProperty("story").GetInt32());
            if (headlines.Count < 2000) headlines.Add(doc.RootElement.GetProperty("headline").GetString()!);
        }
        int n = storyOf.Count;
        var storyEntities = new Dictionary<int, List<(string Key, string Type, int Mentions)>>();
        foreach (var line in File.ReadLines(Path.Combine(folder, "stories.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            var e = doc.RootElement;
            var list = new List<(string, string, int)>();
            foreach (var p in e.GetProperty("people").EnumerateArray()) list.Add((p.GetProperty("name").GetString()!, "Person", 1));
            foreach (var o in e.GetProperty("organisations").EnumerateArray()) list.Add((o.GetString()!, "Organization", 1));
            list.Add((e.GetProperty("city").GetString()!, "Location", 1));
            storyEntities[e.GetProperty("id").GetInt32()] = list.DistinctBy(x => (x.Item1.ToLowerInvariant(), x.Item2)).ToList();
        }
        var m = new StageMeasurement();
        string db = CacheCorpus.EnsureFilled(context, n, m);
        using var cache = NewsCache.Open(db);

        // Fill the entity index (untimed), with the ids the cache gave the articles.
        var fill = Stopwatch.StartNew();
        const string version = "bench-ground-truth";
        var batch = new List<(string, string, IEnumerable<(string, string, int)>)>();
        for (int i = 0; i < n; i++)
        {
            var id = cache.LookupInput(Path.GetFullPath(CacheCorpus.PathOf(context, i))).Input?.ArticleId;
            if (id == null) continue;
            batch.Add((id, version, storyEntities[storyOf[i]]));
            if (batch.Count == 1000) { cache.SetEntityIndex(batch); batch.Clear(); }
        }
        if (batch.Count > 0) cache.SetEntityIndex(batch);
        m.Metrics["entityIndexFillSeconds"] = Math.Round(fill.Elapsed.TotalSeconds, 2);
        m.Metrics["entityIndexRows"] = cache.GetInfo().EntityIndexRows;

        // The queries: entities of every kind (people appear in one story's articles, places and organisations in
        // many), and searches for one or two words from headlines.
        var rng = new Random(7);
        var all = storyEntities.Values.SelectMany(x => x).DistinctBy(x => (x.Key.ToLowerInvariant(), x.Type)).OrderBy(x => x.Key, StringComparer.Ordinal).ToArray();
        // 90 drawn at random (mostly people, in a few articles each) and the 10 in the most articles (cities,
        // organisations: thousands of articles at 100k), the worst case for a lookup that returns whole articles.
        var articlesOf = new Dictionary<(string, string), int>();
        foreach (int st in storyOf) foreach (var (key, type, _) in storyEntities[st]) articlesOf[(key.ToLowerInvariant(), type)] = articlesOf.GetValueOrDefault((key.ToLowerInvariant(), type)) + 1;
        var frequent = all.OrderByDescending(x => articlesOf.GetValueOrDefault((x.Key.ToLowerInvariant(), x.Type))).ThenBy(x => x.Key, StringComparer.Ordinal).Take(10).ToArray();
        var entityKeys = Enumerable.Range(0, 90).Select(_ => all[rng.Next(all.Length)]).Concat(frequent).ToArray();
        m.Metrics["mostFrequentEntityArticles"] = articlesOf.GetValueOrDefault((frequent[0].Key.ToLowerInvariant(), frequent[0].Type));
        var words = headlines.SelectMany(h => h.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(w => w.Length > 4 && w.All(char.IsLetter)).Distinct().OrderBy(w => w, StringComparer.Ordinal).ToArray();
        var searches = Enumerable.Range(0, 100).Select(i => i % 2 == 0 ? words[rng.Next(words.Length)] : words[rng.Next(words.Length)] + " " + words[rng.Next(words.Length)]).ToArray();

        var lat = new Dictionary<string, List<double>> { ["entityIds"] = new(), ["entityArticles"] = new(), ["entityFirstArticle"] = new(), ["search"] = new(),
            ["entityArticlesRandom"] = new(), ["entityArticlesFrequent"] = new() };
        long articlesRead = 0;
        double articleMs = 0;
        long results = 0;
        int queries = entityKeys.Length * 2 + searches.Length;
        void Pass(bool record)
        {
            for (int q = 0; q < entityKeys.Length; q++)
            {
                var (key, type, _) = entityKeys[q];
                long t0 = Stopwatch.GetTimestamp();
                results += cache.FindArticlesWithEntity(key).Count;
                if (record) lat["entityIds"].Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                t0 = Stopwatch.GetTimestamp();
                double first = -1;
                int count = 0;
                foreach (var _ in cache.Query(new NewsArticleQuery { Entity = new[] { key } }))
                {
                    if (count++ == 0) first = Stopwatch.GetElapsedTime(t0).TotalMilliseconds; // what a pipeline waits for
                }
                results += count;
                double all = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                if (record)
                {
                    lat["entityArticles"].Add(all);
                    lat[q < 90 ? "entityArticlesRandom" : "entityArticlesFrequent"].Add(all); // the 90 drawn at random, the 10 biggest
                    if (first >= 0) lat["entityFirstArticle"].Add(first);
                    articlesRead += count;
                    articleMs += all;
                }
            }
            foreach (var s in searches)
            {
                long t0 = Stopwatch.GetTimestamp();
                results += cache.Query(new NewsArticleQuery { Search = s, First = 20 }).Count();
                if (record) lat["search"].Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            }
        }
        Measure.WarmUp(() => Pass(false), context.Mode == RunMode.Smoke ? 0 : 1.5, 10);
        m.Items = queries;
        m.Bytes = 0;
        results = 0;
        Measure.Passes(m, () => Pass(true), minPasses: context.Mode == RunMode.Smoke ? 1 : 3, maxPasses: context.Mode == RunMode.Smoke ? 1 : 10, minSeconds: context.Mode == RunMode.Smoke ? 0 : 3);
        foreach (var (k, v) in lat)
        {
            if (v.Count == 0) continue;
            var s = v.OrderBy(x => x).ToArray();
            m.Metrics[k + ":medianMs"] = Math.Round(Measure.Median(s), 3);
            m.Metrics[k + ":p95Ms"] = Math.Round(s[(int)Math.Min(s.Length - 1, Math.Ceiling(s.Length * 0.95) - 1)], 3);
            m.Metrics[k + ":maxMs"] = Math.Round(s[^1], 3);
        }
        m.Metrics["resultsPerQuery"] = Math.Round(results / (double)(queries * m.Passes), 1);
        // Whole-article lookups cost about the same per article returned: the figure that says how far a big answer goes.
        if (articlesRead > 0) m.Metrics["entityArticles:usPerArticle"] = Math.Round(articleMs * 1000 / articlesRead, 2);
        m.Metrics["articles"] = n;
        m.Info["queries"] = $"{entityKeys.Length} entity keys from the ground truth (90 at random: mostly people; the 10 in the most articles: cities, organisations), each looked up twice (ids, then whole articles, with the time to the first article as a pipeline sees it); {searches.Length} searches of one or two headline words, best 20; latency per query over all timed passes";
        m.Info["entityIndex"] = "filled untimed from the generator's ground truth (NewsCache.SetEntityIndex, 1,000 articles a transaction), not from EntityExtractor";
        return m;
    }
}
