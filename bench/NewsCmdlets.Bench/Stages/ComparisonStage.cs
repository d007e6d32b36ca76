using System.Globalization;
using System.Text.Json;
using NewsCmdlets.Bench.Corpus;
using NewsCmdlets.Bench.Harness;
using NewsCmdlets.Engine.Cache;
using NewsCmdlets.Engine.Coverage;
using NewsCmdlets.Engine.Ingest;
using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Bench.Stages;

/// <summary>
/// CoverageComparer.Compare (what Compare-NewsCoverage runs per story: entities and quotes of every article, then the
/// comparison) on one story per 30 articles of the generated corpus that at least two outlets cover. Stories are built from the
/// generator's ground truth (story membership, outlets, wire copies), so the figures do not depend on grouping. Conflict
/// detection: in every second story one original (non-wire) article gets a factual error before comparing: in a sentence
/// another outlet also carries, a figure is changed or a weekday shifted (alternately; each falls back on the other). Recall is the share
/// of those errors that come out as a disagreement carrying the changed value: a Conflict, or an Update when the figure is
/// one that evolves (a toll, people evacuated) and the outlets published at different times; the generator's outlets never
/// disagree, so every Conflict or Update in an unmodified story is a false one.
/// </summary>
public sealed class ComparisonStage : IBenchStage
{
    public string Name => "comparison";
    public int Order => 70;
    public string Measures => "CoverageComparer.Compare on ground-truth stories with 2+ outlets (one for every 30 corpus articles: 33 / 333 / 3,333) (articles read beforehand, untimed), one thread; recall of injected number/date errors as Conflict (or, for evolving figures, Update) items and false ones per unmodified story";
    public string ItemName => "articles";
    public bool Scales => true;
    public bool IsPeer => false;

    public bool Prepare(StageContext context, TextWriter log) => true;

    /// <summary>One story in 30 articles of the corpus (about one in seven of its stories), so the work grows with the corpus and the exponent means something.</summary>
    private static int MaxStories(int size) => Math.Max(20, size / 30);
    private static readonly ArticleReadOptions Options = new() { Now = StageContext.Now };
    private static readonly string[] Weekdays = CultureInfo.InvariantCulture.DateTimeFormat.DayNames;

    internal sealed record Entry(string Id, int Story, string Outlet, string Kind, string? WireOf, string Text);

    /// <summary>The corpus's articles.jsonl: each article's id, story, outlet, kind (wire, copy, original) and text file.</summary>
    internal static List<Entry> ReadEntries(string folder)
    {
        var entries = new List<Entry>();
        foreach (var line in File.ReadLines(Path.Combine(folder, "articles.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            entries.Add(new Entry(r.GetProperty("id").GetString()!, r.GetProperty("story").GetInt32(), r.GetProperty("outlet").GetString()!,
                r.GetProperty("kind").GetString()!, r.TryGetProperty("wireOf", out var w) && w.ValueKind == JsonValueKind.String ? w.GetString() : null,
                r.GetProperty("text").GetString()!));
        }
        return entries;
    }

    /// <summary>The ground-truth stories that at least two outlets cover, at most <paramref name="max"/>, in corpus order.</summary>
    internal static List<IGrouping<int, Entry>> CoveredStories(List<Entry> entries, int max) =>
        entries.GroupBy(e => e.Story).Where(g => g.Select(e => e.Outlet).Distinct().Count() >= 2).Take(max).ToList();

    private sealed class Injection
    {
        public string Kind = ""; // "number" or "date"
        public string Outlet = "";
        public string NewText = "";
        public string Sentence = "";
    }

    public StageMeasurement Run(StageContext context)
    {
        string folder = context.CorpusFolder!;
        var entries = ReadEntries(folder);
        var chosen = CoveredStories(entries, MaxStories(context.Size));

        long errors = 0, bytes = 0;
        var stories = new List<NewsStory>();
        var injections = new List<Injection?>();
        int storyIndex = 0;
        foreach (var g in chosen)
        {
            var articles = new List<NewsArticle>();
            var byId = new Dictionary<string, NewsArticle>(StringComparer.Ordinal);
            foreach (var e in g)
            {
                try
                {
                    var read = ArticleReader.ReadFile(Path.Combine(folder, e.Text), Options).Article;
                    var a = Copy(read, e.Id, e.Outlet, read.Body);
                    articles.Add(a);
                    byId[e.Id] = a;
                    bytes += a.Body.Length + (a.Title?.Length ?? 0);
                }
                catch (InputProblemException) { errors++; }
            }
            Injection? injection = null;
            // Every second story gets an error: alternately a changed figure and a shifted weekday (each falls back on the other).
            if (storyIndex % 2 == 0)
                injection = Inject(articles, g.ToList(), storyIndex, preferDates: storyIndex % 4 == 2);
            storyIndex++;
            var copyGroups = g.Where(e => e.Kind == "wire" && byId.ContainsKey(e.Id))
                .Select(wire => new NewsArticleList(new[] { byId[wire.Id] }.Concat(g.Where(c => c.WireOf == wire.Id && byId.ContainsKey(c.Id)).Select(c => byId[c.Id]))))
                .Where(l => l.Count > 1).ToList();
            stories.Add(new NewsStory
            {
                Id = "g" + g.Key.ToString(CultureInfo.InvariantCulture), Title = articles.FirstOrDefault()?.Title, Articles = new NewsArticleList(articles),
                ArticleCount = articles.Count, CopyGroups = new NewsCopyGroupList(copyGroups),
            });
            injections.Add(injection);
        }
        int articleCount = stories.Sum(s => s.Articles.Count);

        var comparer = new CoverageComparer();
        // At least 5 s of warm-up: the runtime's tiered compilation (and its profile-guided recompiles) of the comparer's
        // many methods takes seconds in the background; with 1.5 s the first timed pass still paid for it, and at 10k
        // (one or two passes) that was up to half the figure.
        Measure.WarmUp(() => { foreach (var s in stories.Take(20)) comparer.Compare(s); }, context.Mode == RunMode.Smoke ? 0 : 5);

        var m = new StageMeasurement { Bytes = bytes, Items = articleCount };
        var results = new CoverageComparison[stories.Count];
        Measure.Passes(m, () =>
        {
            for (int i = 0; i < stories.Count; i++) results[i] = comparer.Compare(stories[i]);
        }, minPasses: 1, maxPasses: context.Mode == RunMode.Smoke ? 1 : 5, minSeconds: context.Mode == RunMode.Smoke ? 0 : 4);

        // The same comparison with the analyses in a cache (Compare-NewsCoverage -Cache): once filling it, then again
        // reusing them; each compared with the computing passes above.
        string db = Path.Combine(context.WorkDir, $"comparison-cache-{context.Size}.db");
        NewsCache.DeleteFiles(db);
        double Timed(Action a) { var sw = System.Diagnostics.Stopwatch.StartNew(); a(); return sw.Elapsed.TotalSeconds; }
        void CompareCached()
        {
            using var cache = NewsCache.Open(db);
            using var analyses = new CachedAnalyses(cache, 500);
            var cached = new CoverageComparer(new NewsCmdlets.Engine.Entities.EntityExtractor(), new NewsCmdlets.Engine.Quotes.QuoteExtractor()) { Store = new CachedComparisonStore(analyses) };
            for (int i = 0; i < stories.Count; i++)
            {
                var r = cached.Compare(stories[i]);
                if (r.Items.Count != results[i].Items.Count) m.Metrics["cachedComparisonDiffers"] = 1 + (m.Metrics.TryGetValue("cachedComparisonDiffers", out var d) ? d : 0);
            }
        }
        double fillSeconds = Timed(CompareCached);
        double warmSeconds = Timed(CompareCached);
        NewsCache.DeleteFiles(db);
        m.Metrics["cacheFillVsCompute"] = Math.Round(fillSeconds / m.BestSeconds, 2);
        m.Metrics["cachedSpeedup"] = Math.Round(m.BestSeconds / warmSeconds, 2);
        m.Info["cache"] = "Compare with the analyses kept in a new SQLite cache (CachedComparisonStore): first pass stores them (cacheFillVsCompute: its time over the best computing pass), second pass reuses them (cachedSpeedup: best computing pass over it); cachedComparisonDiffers counts stories whose item count changed (none expected)";

        int injectedNumbers = 0, foundNumbers = 0, injectedDates = 0, foundDates = 0, clean = 0, falseConflicts = 0;
        long items = 0;
        var misses = new List<string>();
        var falseExamples = new List<string>();
        for (int i = 0; i < stories.Count; i++)
        {
            var r = results[i];
            items += r.Items.Count;
            var inj = injections[i];
            if (inj == null)
            {
                // Unmodified (including stories where nothing could be injected): every conflict is false.
                clean++;
                foreach (var c in r.Items.Where(x => x.Status is CoverageStatus.Conflict or CoverageStatus.Update))
                {
                    falseConflicts++;
                    if (falseExamples.Count < 3) falseExamples.Add($"{stories[i].Id} {c.Kind} {c.Key}: {c.Detail}");
                }
                continue;
            }
            var kind = inj.Kind == "number" ? CoverageKind.Number : CoverageKind.Date;
            bool found = r.Items.Any(x => x.Kind == kind && x.Status is CoverageStatus.Conflict or CoverageStatus.Update
                && x.Values.TryGetValue(inj.Outlet, out var v) && v.Contains(inj.NewText, StringComparison.OrdinalIgnoreCase));
            if (inj.Kind == "number") { injectedNumbers++; if (found) foundNumbers++; }
            else { injectedDates++; if (found) foundDates++; }
            if (!found && misses.Count < 3) misses.Add($"{stories[i].Id} {inj.Kind} {inj.Outlet}: {inj.Sentence}");
        }
        int injected = injectedNumbers + injectedDates, foundAll = foundNumbers + foundDates;
        m.Errors = errors;
        m.Metrics["stories"] = stories.Count;
        m.Metrics["storiesPerSecond"] = m.Seconds > 0 ? Math.Round(stories.Count / m.Seconds, 1) : 0;
        m.Metrics["articlesPerStory"] = Math.Round(articleCount / (double)Math.Max(1, stories.Count), 2);
        m.Metrics["itemsPerStory"] = Math.Round(items / (double)Math.Max(1, stories.Count), 1);
        m.Metrics["injectedConflicts"] = injected;
        if (injected > 0) m.Metrics["check:conflictRecall"] = Math.Round(foundAll / (double)injected, 4);
        if (injectedNumbers > 0) m.Metrics["numberConflictRecall"] = Math.Round(foundNumbers / (double)injectedNumbers, 4);
        if (injectedDates > 0) m.Metrics["dateConflictRecall"] = Math.Round(foundDates / (double)injectedDates, 4);
        m.Metrics["cleanStories"] = clean;
        if (clean > 0) m.Metrics["falseConflictsPerStory"] = Math.Round(falseConflicts / (double)clean, 4);
        if (misses.Count > 0) m.Info["conflictRecall misses, e.g."] = string.Join("; ", misses);
        if (falseExamples.Count > 0) m.Info["false conflicts, e.g."] = string.Join("; ", falseExamples);
        return m;
    }

    /// <summary>
    /// Changes one fact in one original article: a figure in a sentence some other outlet carries too (so the error can
    /// be seen), else a weekday in such a sentence. Returns null when the story offers neither.
    /// </summary>
    private static Injection? Inject(List<NewsArticle> articles, List<Entry> entries, int salt, bool preferDates)
    {
        var kindOf = entries.ToDictionary(e => e.Id, e => e.Kind, StringComparer.Ordinal);
        foreach (var a in articles.Where(a => kindOf.GetValueOrDefault(a.Id) == "original").OrderBy(a => StableHash(a.Id, salt)).ToList())
        {
            var others = articles.Where(o => o.Outlet != a.Outlet).Select(o => o.Body).ToList();
            if (others.Count == 0) continue;
            foreach (bool dates in preferDates ? new[] { true, false } : new[] { false, true })
            {
                foreach (var sentence in Sentences(a.Body))
                {
                    if (!others.Any(o => o.Contains(sentence, StringComparison.Ordinal))) continue;
                    var change = dates ? ShiftWeekday(sentence) : ChangeNumber(sentence);
                    if (change == null) continue;
                    var (changed, newText) = change.Value;
                    int at = a.Body.IndexOf(sentence, StringComparison.Ordinal);
                    string body = a.Body[..at] + changed + a.Body[(at + sentence.Length)..];
                    int index = articles.IndexOf(a);
                    articles[index] = Copy(a, a.Id, a.Outlet!, body);
                    return new Injection { Kind = dates ? "date" : "number", Outlet = a.Outlet!, NewText = newText, Sentence = changed };
                }
            }
        }
        return null;
    }

    /// <summary>FNV-1a of the Id and a salt: the same choice on every run (string.GetHashCode is randomised per process).</summary>
    private static uint StableHash(string s, int salt)
    {
        uint h = 2166136261u ^ (uint)salt;
        foreach (char c in s) { h ^= c; h *= 16777619u; }
        return h;
    }

    private static IEnumerable<string> Sentences(string body)
    {
        foreach (var para in body.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            int start = 0;
            for (int i = 0; i < para.Length; i++)
            {
                if (para[i] is not ('.' or '!' or '?') || (i + 1 < para.Length && para[i + 1] != ' ')) continue;
                string s = para[start..(i + 1)].Trim();
                if (s.Length > 30) yield return s;
                start = i + 1;
            }
            if (para.Length - start > 30) yield return para[start..].Trim();
        }
    }

    /// <summary>The first plain figure of 2+ digits that is not a year, times 2 plus 7 ("120" → "247", "85.5" → "179"), never year-like.</summary>
    private static (string Sentence, string NewText)? ChangeNumber(string s)
    {
        for (int i = 0; i < s.Length; i++)
        {
            if (!char.IsDigit(s[i]) || (i > 0 && (char.IsLetterOrDigit(s[i - 1]) || s[i - 1] is '.' or ','))) continue;
            int e = i;
            while (e < s.Length && (char.IsDigit(s[e]) || (s[e] is ',' or '.' && e + 1 < s.Length && char.IsDigit(s[e + 1])))) e++;
            string num = s[i..e];
            if (e < s.Length && (char.IsLetter(s[e]) || s[e] == ':')) { i = e; continue; } // 6am, 15th, 9:05
            if (!double.TryParse(num.Replace(",", ""), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double v) || v < 10) { i = e; continue; }
            if (num.Length == 4 && v is >= 1900 and <= 2100) { i = e; continue; }
            double nv = Math.Round(v) * 2 + 7;
            if (nv is >= 1000 and < 2200) nv += 1500; // a bare "1857" would read as a year
            string text = nv.ToString(num.Contains(',') ? "#,0" : "0", CultureInfo.InvariantCulture);
            return (s[..i] + text + s[e..], text);
        }
        return null;
    }

    /// <summary>A weekday moved two days on ("Monday" → "Wednesday").</summary>
    private static (string Sentence, string NewText)? ShiftWeekday(string s)
    {
        for (int d = 0; d < 7; d++)
        {
            int at = s.IndexOf(Weekdays[d], StringComparison.Ordinal);
            if (at < 0) continue;
            string next = Weekdays[(d + 2) % 7];
            return (s[..at] + next + s[(at + Weekdays[d].Length)..], next);
        }
        return null;
    }

    internal static NewsArticle Copy(NewsArticle a, string id, string outlet, string body) => new()
    {
        Id = id, Title = a.Title, Standfirst = a.Standfirst, Body = body, Paragraphs = a.Paragraphs, Published = a.Published, Updated = a.Updated,
        Authors = a.Authors, Agency = a.Agency, Outlet = outlet, Dateline = a.Dateline, Language = a.Language, WordCount = a.WordCount,
        Source = a.Source, Url = a.Url, Categories = a.Categories, SourceKind = a.SourceKind, Sources = a.Sources,
    };
}
