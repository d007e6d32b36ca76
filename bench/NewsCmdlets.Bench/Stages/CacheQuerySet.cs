using System.Diagnostics;
using System.Text.Json;
using NewsCmdlets.Bench.Harness;
using NewsCmdlets.Engine.Cache;

namespace NewsCmdlets.Bench.Stages;

/// <summary>
/// The queries the cache stages time (queries on SQLite, cache-postgres on both stores): entity lookups and full-text
/// searches drawn from a corpus's ground truth, and the entity index that answers the lookups, filled from that ground
/// truth (each article: its story's people, organisations and city) instead of from EntityExtractor, which would take
/// minutes at 100,000 articles; the index holds what the extractor would find when it is right.
/// </summary>
public sealed class CacheQuerySet
{
    private readonly List<int> _storyOf = new();
    private readonly Dictionary<int, List<(string Key, string Type, int Mentions)>> _storyEntities = new();

    /// <summary>Articles in the corpus.</summary>
    public int Articles => _storyOf.Count;
    /// <summary>90 entities drawn at random (mostly people, in a few articles each), then the 10 in the most articles
    /// (cities, organisations: thousands of articles at 100k), the worst case for a lookup that returns whole articles.</summary>
    public (string Key, string Type, int Mentions)[] EntityKeys { get; }
    /// <summary>One or two words from headlines.</summary>
    public string[] Searches { get; }
    /// <summary>Articles that mention the most frequent entity.</summary>
    public int MostFrequentEntityArticles { get; }
    /// <summary>Queries in one pass: each entity twice (ids, whole articles), each search once.</summary>
    public int QueriesPerPass => EntityKeys.Length * 2 + Searches.Length;

    public const int RandomEntities = 90;

    public const string Description = "entity keys from the ground truth (90 at random: mostly people; the 10 in the most articles: cities, organisations), each looked up twice (ids, then whole articles, with the time to the first article as a pipeline sees it); 100 searches of one or two headline words, best 20; latency per query over all timed passes";

    public CacheQuerySet(string corpusFolder)
    {
        var headlines = new List<string>();
        foreach (var line in File.ReadLines(Path.Combine(corpusFolder, "articles.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            _storyOf.Add(doc.RootElement.GetProperty("story").GetInt32());
            if (headlines.Count < 2000) headlines.Add(doc.RootElement.GetProperty("headline").GetString()!);
        }
        foreach (var line in File.ReadLines(Path.Combine(corpusFolder, "stories.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            var e = doc.RootElement;
            var list = new List<(string, string, int)>();
            foreach (var p in e.GetProperty("people").EnumerateArray()) list.Add((p.GetProperty("name").GetString()!, "Person", 1));
            foreach (var o in e.GetProperty("organisations").EnumerateArray()) list.Add((o.GetString()!, "Organization", 1));
            list.Add((e.GetProperty("city").GetString()!, "Location", 1));
            _storyEntities[e.GetProperty("id").GetInt32()] = list.DistinctBy(x => (x.Item1.ToLowerInvariant(), x.Item2)).ToList();
        }
        var rng = new Random(7);
        var all = _storyEntities.Values.SelectMany(x => x).DistinctBy(x => (x.Key.ToLowerInvariant(), x.Type)).OrderBy(x => x.Key, StringComparer.Ordinal).ToArray();
        var articlesOf = new Dictionary<(string, string), int>();
        foreach (int st in _storyOf) foreach (var (key, type, _) in _storyEntities[st]) articlesOf[(key.ToLowerInvariant(), type)] = articlesOf.GetValueOrDefault((key.ToLowerInvariant(), type)) + 1;
        var frequent = all.OrderByDescending(x => articlesOf.GetValueOrDefault((x.Key.ToLowerInvariant(), x.Type))).ThenBy(x => x.Key, StringComparer.Ordinal).Take(10).ToArray();
        EntityKeys = Enumerable.Range(0, RandomEntities).Select(_ => all[rng.Next(all.Length)]).Concat(frequent).ToArray();
        MostFrequentEntityArticles = articlesOf.GetValueOrDefault((frequent[0].Key.ToLowerInvariant(), frequent[0].Type));
        var words = headlines.SelectMany(h => h.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(w => w.Length > 4 && w.All(char.IsLetter)).Distinct().OrderBy(w => w, StringComparer.Ordinal).ToArray();
        Searches = Enumerable.Range(0, 100).Select(i => i % 2 == 0 ? words[rng.Next(words.Length)] : words[rng.Next(words.Length)] + " " + words[rng.Next(words.Length)]).ToArray();
    }

    /// <summary>Fills the cache's entity index (untimed), with the ids the cache gave the articles of the corpus files,
    /// 1,000 articles a transaction; records the time and the rows under <paramref name="prefix"/>.</summary>
    public void FillEntityIndex(NewsCache cache, StageContext ctx, StageMeasurement m, string prefix = "")
    {
        var fill = Stopwatch.StartNew();
        const string version = "bench-ground-truth";
        var batch = new List<(string, string, IEnumerable<(string, string, int)>)>();
        for (int i = 0; i < Articles; i++)
        {
            var id = cache.LookupInput(Path.GetFullPath(CacheCorpus.PathOf(ctx, i))).Input?.ArticleId;
            if (id == null) continue;
            batch.Add((id, version, _storyEntities[_storyOf[i]]));
            if (batch.Count == 1000) { cache.SetEntityIndex(batch); batch.Clear(); }
        }
        if (batch.Count > 0) cache.SetEntityIndex(batch);
        m.Metrics[prefix + "entityIndexFillSeconds"] = Math.Round(fill.Elapsed.TotalSeconds, 2);
        m.Metrics[prefix + "entityIndexRows"] = cache.GetInfo().EntityIndexRows;
    }

    /// <summary>One pass of every query against <paramref name="cache"/>, recording each latency in <paramref name="into"/> (null: a warm-up).</summary>
    public void Pass(NewsCache cache, QueryLatencies? into)
    {
        for (int q = 0; q < EntityKeys.Length; q++)
        {
            var (key, _, _) = EntityKeys[q];
            long t0 = Stopwatch.GetTimestamp();
            long results = cache.FindArticlesWithEntity(key).Count;
            into?.Add("entityIds", Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            t0 = Stopwatch.GetTimestamp();
            double first = -1;
            int count = 0;
            foreach (var _ in cache.Query(new NewsArticleQuery { Entity = new[] { key } }))
            {
                if (count++ == 0) first = Stopwatch.GetElapsedTime(t0).TotalMilliseconds; // what a pipeline waits for
            }
            double all = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            if (into == null) continue;
            into.Results += results + count;
            into.Add("entityArticles", all);
            into.Add(q < RandomEntities ? "entityArticlesRandom" : "entityArticlesFrequent", all); // the 90 drawn at random, the 10 biggest
            if (first >= 0) into.Add("entityFirstArticle", first);
            into.ArticlesRead += count;
            into.ArticleMs += all;
        }
        foreach (var s in Searches)
        {
            long t0 = Stopwatch.GetTimestamp();
            int count = cache.Query(new NewsArticleQuery { Search = s, First = 20 }).Count();
            into?.Add("search", Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            if (into != null) into.Results += count;
        }
        if (into != null) into.Passes++;
    }
}

/// <summary>Latencies of a query set's timed passes, by kind of query.</summary>
public sealed class QueryLatencies
{
    private readonly Dictionary<string, List<double>> _ms = new(StringComparer.Ordinal);
    public long Results, ArticlesRead;
    public double ArticleMs;
    public int Passes;

    public void Add(string kind, double ms)
    {
        if (!_ms.TryGetValue(kind, out var list)) _ms[kind] = list = new List<double>();
        list.Add(ms);
    }

    /// <summary>Median, p95 and max of each kind, results per query and µs per whole article returned, named with <paramref name="prefix"/>.</summary>
    public void WriteTo(StageMeasurement m, CacheQuerySet set, string prefix = "")
    {
        foreach (var (k, v) in _ms)
        {
            var s = v.OrderBy(x => x).ToArray();
            m.Metrics[prefix + k + ":medianMs"] = Math.Round(Measure.Median(s), 3);
            m.Metrics[prefix + k + ":p95Ms"] = Math.Round(s[(int)Math.Min(s.Length - 1, Math.Ceiling(s.Length * 0.95) - 1)], 3);
            m.Metrics[prefix + k + ":maxMs"] = Math.Round(s[^1], 3);
        }
        m.Metrics[prefix + "resultsPerQuery"] = Math.Round(Results / (double)Math.Max(1, set.QueriesPerPass * Passes), 1);
        // Whole-article lookups cost about the same per article returned: the figure that says how far a big answer goes.
        if (ArticlesRead > 0) m.Metrics[prefix + "entityArticles:usPerArticle"] = Math.Round(ArticleMs * 1000 / ArticlesRead, 2);
        m.Metrics[prefix + "mostFrequentEntityArticles"] = set.MostFrequentEntityArticles;
    }
}
