using System.Diagnostics;
using NewsCmdlets.Bench.Corpus;
using NewsCmdlets.Bench.Harness;
using NewsCmdlets.Engine.Coverage;
using NewsCmdlets.Engine.Ingest;
using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Bench.Stages;

/// <summary>
/// StoryGrouper (what Group-NewsStory runs): Add (features: tokens, names, shingles) for every generated text article,
/// then Group (copy detection, candidate pairs from the inverted index within the time window, similarity, average-link
/// clustering, story metadata). The articles are read with ArticleReader first, untimed. Quality against the
/// generator's ground truth: pairwise and B-cubed precision/recall/F1 of story membership, the share of stories
/// recovered exactly, and precision/recall of wire-copy pairs (two articles carrying one wire text). Examples of
/// errors (false and missed copies, split and merged stories) go to Info with article ids.
/// For tuning, NEWSCMDLETS_GROUPING_THRESHOLD, NEWSCMDLETS_GROUPING_WINDOW_DAYS and NEWSCMDLETS_GROUPING_COPY override
/// the options' defaults (the figures record the values used); official runs leave them unset. NEWSCMDLETS_GROUPING_DUMP
/// names a file to write the stories to (see <see cref="Dump"/>).
/// </summary>
public sealed class GroupingStage : IBenchStage
{
    public string Name => "grouping";
    public int Order => 60;
    public string Measures => "StoryGrouper.Add on every generated .txt article (read beforehand with ArticleReader, untimed) then Group, one pass timed as a whole (Group uses both cores for scoring pairs); membership and copy detection scored against the generator's ground truth";
    public string ItemName => "articles";
    public bool Scales => true;
    public bool IsPeer => false;

    public bool Prepare(StageContext context, TextWriter log) => true;

    private static readonly ArticleReadOptions Options = new() { Now = StageContext.Now };

    public StageMeasurement Run(StageContext context)
    {
        string folder = context.CorpusFolder!;
        var truth = ArticleTruths.Read(folder);
        int n = truth.Count;
        var articles = new List<NewsArticle>(n);
        var indexOf = new Dictionary<NewsArticle, int>(ReferenceEqualityComparer.Instance);
        long bytes = 0, errors = 0;
        var read = Stopwatch.StartNew();
        for (int i = 0; i < n; i++)
        {
            string path = Path.Combine(folder, GeneratedArticle.TextPathOf(i));
            try
            {
                var a = ArticleReader.ReadFile(path, Options).Article;
                indexOf[a] = i;
                articles.Add(a);
                bytes += new FileInfo(path).Length;
            }
            catch (InputProblemException) { errors++; }
        }
        double readSeconds = read.Elapsed.TotalSeconds;
        // The articles themselves (what a pipeline into Group-NewsArticle holds anyway): the rest of the peak is the grouping's.
        double inputHeapMB = GC.GetTotalMemory(forceFullCollection: true) / 1048576.0;

        var options = new StoryGroupingOptions();
        string? env = Environment.GetEnvironmentVariable("NEWSCMDLETS_GROUPING_THRESHOLD");
        if (env != null && double.TryParse(env, System.Globalization.CultureInfo.InvariantCulture, out double th)) options.Threshold = th;
        env = Environment.GetEnvironmentVariable("NEWSCMDLETS_GROUPING_WINDOW_DAYS");
        if (env != null && double.TryParse(env, System.Globalization.CultureInfo.InvariantCulture, out double wd)) options.Window = TimeSpan.FromDays(wd);
        env = Environment.GetEnvironmentVariable("NEWSCMDLETS_GROUPING_COPY");
        if (env != null && double.TryParse(env, System.Globalization.CultureInfo.InvariantCulture, out double ct)) options.CopyThreshold = ct;

        int warm = Math.Min(1000, articles.Count);
        Measure.WarmUp(() =>
        {
            var g = new StoryGrouper(options);
            for (int i = 0; i < warm; i++) g.Add(articles[i]);
            g.Group();
        }, context.Mode == RunMode.Smoke ? 0 : 1.5);

        IReadOnlyList<NewsStory> stories = Array.Empty<NewsStory>();
        var addTimes = new List<double>();
        var m = new StageMeasurement { Bytes = bytes, Items = articles.Count };
        bool big = n >= 50_000;
        Measure.Passes(m, () =>
        {
            long t0 = Stopwatch.GetTimestamp();
            var g = new StoryGrouper(options);
            foreach (var a in articles) g.Add(a);
            addTimes.Add(Stopwatch.GetElapsedTime(t0).TotalSeconds);
            stories = g.Group();
        }, minPasses: 1, maxPasses: context.Mode == RunMode.Smoke || big ? 1 : 5, minSeconds: context.Mode == RunMode.Smoke || big ? 0 : 4);

        m.Errors = errors;
        m.Metrics["readSecondsUntimed"] = Math.Round(readSeconds, 2);
        m.Metrics["inputHeapMB"] = Math.Round(inputHeapMB);
        m.Metrics["addSeconds"] = Math.Round(Measure.Median(addTimes), 3);
        m.Metrics["groupSeconds"] = Math.Round(m.Seconds - Measure.Median(addTimes), 3);
        m.Metrics["threshold"] = options.Threshold;
        m.Metrics["windowDays"] = options.Window.TotalDays;
        m.Metrics["copyThreshold"] = options.CopyThreshold;
        Score(m, stories, truth, indexOf);
        string? dump = Environment.GetEnvironmentVariable("NEWSCMDLETS_GROUPING_DUMP");
        if (!string.IsNullOrEmpty(dump)) Dump(dump, stories);
        return m;
    }

    /// <summary>
    /// Every story as Group returned it, one line each (its Id, title, counts, outlets, dates, top entities, articles
    /// in order, copy groups with their originals), for comparing the output of two builds line by line
    /// (NEWSCMDLETS_GROUPING_DUMP=file; written after the pass, so no figure includes it).
    /// </summary>
    private static void Dump(string file, IReadOnlyList<NewsStory> stories)
    {
        using var w = new StreamWriter(file);
        foreach (var s in stories)
        {
            w.Write($"{s.Id}\t{s.Title}\t{s.ArticleCount}\t{s.OutletCount}\t{s.IndependentOutlets}\t{s.Outlets}\t");
            w.Write($"{s.FirstPublished?.UtcTicks}\t{s.LastPublished?.UtcTicks}\t{s.TopEntities}\t{s.Articles}\t");
            w.WriteLine(string.Join(" | ", s.CopyGroups.Select(g => g.Original.Id + ": " + string.Join(",", g.Select(a => a.Id)))));
        }
    }

    /// <summary>Scores the stories against the ground truth and records the figures in <paramref name="m"/>.</summary>
    private static void Score(StageMeasurement m, IReadOnlyList<NewsStory> stories, List<ArticleTruth> truth, Dictionary<NewsArticle, int> indexOf)
    {
        int n = truth.Count;
        var predicted = new int[n];
        var copySet = new int[n];
        for (int i = 0; i < n; i++) predicted[i] = -1 - i; // articles the reader rejected stay alone
        for (int i = 0; i < n; i++) copySet[i] = -1 - i; // singletons
        int groupId = 0;
        for (int s = 0; s < stories.Count; s++)
        {
            foreach (var a in stories[s].Articles) predicted[indexOf[a]] = s;
            foreach (var set in stories[s].CopyGroups)
            {
                foreach (var a in set) copySet[indexOf[a]] = groupId;
                groupId++;
            }
        }
        var actual = truth.Select(t => t.Story).ToArray();
        var (p, r, f1) = PairScores(predicted, actual);
        m.Metrics["pairPrecision"] = Math.Round(p, 4);
        m.Metrics["pairRecall"] = Math.Round(r, 4);
        m.Metrics["pairF1"] = Math.Round(f1, 4);
        var (bp, br, bf) = BCubed(predicted, actual);
        m.Metrics["bcubedPrecision"] = Math.Round(bp, 4);
        m.Metrics["bcubedRecall"] = Math.Round(br, 4);
        m.Metrics["bcubedF1"] = Math.Round(bf, 4);

        // Stories recovered exactly: a true story whose articles are exactly one predicted story.
        var trueSets = new Dictionary<int, List<int>>();
        for (int i = 0; i < n; i++) (trueSets.TryGetValue(actual[i], out var l) ? l : trueSets[actual[i]] = new List<int>()).Add(i);
        var predSize = new Dictionary<int, int>();
        foreach (int x in predicted) predSize[x] = predSize.GetValueOrDefault(x) + 1;
        int exact = trueSets.Values.Count(set => set.All(i => predicted[i] == predicted[set[0]]) && predSize[predicted[set[0]]] == set.Count);
        m.Metrics["storiesExact"] = Math.Round(exact / (double)trueSets.Count, 4);
        m.Metrics["stories"] = stories.Count;
        m.Metrics["storiesTrue"] = trueSets.Count;

        // Copies: two articles carry one wire text when one is the wire and the other its copy, or both copy one wire.
        var idIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < n; i++) idIndex[truth[i].Id] = i;
        var wireText = new int[n];
        for (int i = 0; i < n; i++)
            wireText[i] = truth[i].Kind == "wire" ? i : truth[i].Kind == "wire-copy" && truth[i].WireOf != null && idIndex.TryGetValue(truth[i].WireOf!, out int w) ? w : -1 - i;
        var (cp, cr, cf) = PairScores(copySet, wireText);
        m.Metrics["copyPairPrecision"] = Math.Round(cp, 4);
        m.Metrics["copyPairRecall"] = Math.Round(cr, 4);
        m.Metrics["copyPairF1"] = Math.Round(cf, 4);
        m.Metrics["copyGroups"] = groupId;

        // Examples of errors, to open in the corpus folder.
        var falseCopies = new List<string>();
        var missedCopies = new List<string>();
        var byCopySet = Enumerable.Range(0, n).Where(i => copySet[i] >= 0).GroupBy(i => copySet[i]);
        foreach (var set in byCopySet)
        {
            var list = set.ToList();
            for (int x = 1; x < list.Count && falseCopies.Count < 5; x++)
                if (wireText[list[x]] != wireText[list[0]]) falseCopies.Add($"{truth[list[0]].Id}({truth[list[0]].Kind}) = {truth[list[x]].Id}({truth[list[x]].Kind})");
        }
        for (int i = 0; i < n && missedCopies.Count < 5; i++)
            if (truth[i].Kind == "wire-copy" && wireText[i] >= 0 && copySet[i] != copySet[wireText[i]]) missedCopies.Add($"{truth[i].Id} of {truth[i].WireOf}");
        if (falseCopies.Count > 0) m.Info["copies: false, e.g."] = string.Join("; ", falseCopies);
        if (missedCopies.Count > 0) m.Info["copies: missed, e.g."] = string.Join("; ", missedCopies);
        var split = trueSets.Where(kv => kv.Value.Select(i => predicted[i]).Distinct().Count() > 1).Take(3)
            .Select(kv => string.Join(",", kv.Value.Select(i => $"{truth[i].Id}->{predicted[i]}")));
        m.Info["stories: split, e.g."] = string.Join(" | ", split);
        var merged = Enumerable.Range(0, n).GroupBy(i => predicted[i]).Where(g => g.Select(i => actual[i]).Distinct().Count() > 1).Take(3)
            .Select(g => string.Join(",", g.Select(i => $"{truth[i].Id}:{actual[i]}")));
        m.Info["stories: merged, e.g."] = string.Join(" | ", merged);
    }

    /// <summary>Pairwise precision, recall, F1 of "same cluster" between two labelings (each label a cluster).</summary>
    private static (double P, double R, double F1) PairScores(int[] predicted, int[] actual)
    {
        static double Pairs(long k) => k * (k - 1) / 2.0;
        var (cell, pred, act) = Contingency(predicted, actual);
        double tp = cell.Values.Sum(Pairs), pp = pred.Values.Sum(Pairs), ap = act.Values.Sum(Pairs);
        double p = pp > 0 ? tp / pp : 1, r = ap > 0 ? tp / ap : 1;
        return (p, r, p + r > 0 ? 2 * p * r / (p + r) : 0);
    }

    /// <summary>Counts per (predicted, actual) cluster pair, per predicted cluster and per actual cluster.</summary>
    private static (Dictionary<(int, int), long> Cell, Dictionary<int, long> Pred, Dictionary<int, long> Act) Contingency(int[] predicted, int[] actual)
    {
        var cell = new Dictionary<(int, int), long>();
        var pred = new Dictionary<int, long>();
        var act = new Dictionary<int, long>();
        for (int i = 0; i < predicted.Length; i++)
        {
            cell[(predicted[i], actual[i])] = cell.GetValueOrDefault((predicted[i], actual[i])) + 1;
            pred[predicted[i]] = pred.GetValueOrDefault(predicted[i]) + 1;
            act[actual[i]] = act.GetValueOrDefault(actual[i]) + 1;
        }
        return (cell, pred, act);
    }

    private static (double P, double R, double F1) BCubed(int[] predicted, int[] actual)
    {
        var (cell, pred, act) = Contingency(predicted, actual);
        double p = 0, r = 0;
        for (int i = 0; i < predicted.Length; i++)
        {
            double c = cell[(predicted[i], actual[i])];
            p += c / pred[predicted[i]];
            r += c / act[actual[i]];
        }
        p /= predicted.Length; r /= predicted.Length;
        return (p, r, p + r > 0 ? 2 * p * r / (p + r) : 0);
    }
}
