using System.Diagnostics;
using System.Text.Json;
using NewsCmdlets.Bench.Corpus;
using NewsCmdlets.Bench.Harness;
using NewsCmdlets.Engine.Entities;
using NewsCmdlets.Engine.Ingest;

namespace NewsCmdlets.Bench.Stages;

/// <summary>
/// EntityExtractor.Extract (what Get-NewsEntity runs per article: tokenising, both tagging stages, dates, quantities,
/// descriptions, merging) over the generated text articles, one thread. Each article is read with ArticleReader
/// first; only Extract is timed. Quality: entity F1 per dataset on tools/NerTrainer's held-out test splits
/// (<see cref="NerEval"/>), and against the generator's ground truth, the share of a story's people named in an
/// article that come out as Person entities under their full name.
/// </summary>
public sealed class EntitiesStage : IBenchStage
{
    public string Name => "entities";
    public int Order => 40;
    public string Measures => "EntityExtractor.Extract on each generated .txt article after ArticleReader.ReadFile (only Extract timed), one thread; tokens are the extractor's own count, MB the .txt files' bytes; entity F1 per dataset on tools/NerTrainer's held-out test splits (score.py, PER/ORG/LOC)";
    public string ItemName => "tokens";
    public bool Scales => true;
    public bool IsPeer => false;

    public bool Prepare(StageContext context, TextWriter log) => true;

    private static readonly ArticleReadOptions Options = new() { Now = StageContext.Now };

    public StageMeasurement Run(StageContext context)
    {
        string folder = context.CorpusFolder!;
        var storyOf = GroundTruth.StoryOfArticles(folder);
        var people = GroundTruth.Stories(folder, story => story.GetProperty("people").EnumerateArray().Select(p => p.GetProperty("name").GetString()!).ToArray());
        int n = storyOf.Count;
        string PathOf(int i) => Path.Combine(folder, GeneratedArticle.TextPathOf(i));
        long bytes = 0;
        for (int i = 0; i < n; i++) bytes += new FileInfo(PathOf(i)).Length;

        var extractor = new EntityExtractor();
        var load = Stopwatch.StartNew();
        extractor.ExtractText("Warm-up by Jane Doe in Paris.");
        double loadSeconds = load.Elapsed.TotalSeconds;

        int warm = Math.Min(1000, n);
        Measure.WarmUp(() => { for (int i = 0; i < warm; i++) extractor.Extract(ArticleReader.ReadFile(PathOf(i), Options).Article); }, context.Mode == RunMode.Smoke ? 0 : 1.5);

        long tokens = 0, errors = 0, named = 0, found = 0, entities = 0;
        var extractTimes = new List<double>();
        var passTimes = new List<double>();
        var misses = new List<string>();
        bool first = true;
        var m = new StageMeasurement { Bytes = bytes, Items = n }; // Items = articles while Passes computes allocation per article
        bool big = n >= 50_000;
        Measure.Passes(m, () =>
        {
            long t0 = Stopwatch.GetTimestamp();
            double extract = 0;
            for (int i = 0; i < n; i++)
            {
                NewsCmdlets.Engine.Model.NewsArticle a;
                try { a = ArticleReader.ReadFile(PathOf(i), Options).Article; }
                catch (InputProblemException) { if (first) errors++; continue; }
                long e0 = Stopwatch.GetTimestamp();
                var r = extractor.Extract(a);
                extract += Stopwatch.GetElapsedTime(e0).TotalSeconds;
                if (!first) continue;
                tokens += r.TokenCount;
                entities += r.Entities.Count;
                foreach (var name in people[storyOf[i]])
                {
                    if (!a.Body.Contains(name, StringComparison.Ordinal) && a.Title?.Contains(name, StringComparison.Ordinal) != true) continue;
                    named++;
                    bool ok = r.Entities.Any(x => x.Type == NewsEntityType.Person && x.Name == name);
                    if (ok) found++;
                    else if (misses.Count < 3) misses.Add($"{CorpusGenerator.IdOf(i)}: {name} ({string.Join(", ", r.Entities.Where(x => x.Name.Contains(name.Split(' ')[^1], StringComparison.Ordinal)).Select(x => $"{x.Type} {x.Name}").Take(2))})");
                }
            }
            first = false;
            extractTimes.Add(extract);
            passTimes.Add(Stopwatch.GetElapsedTime(t0).TotalSeconds);
        }, minPasses: context.Mode == RunMode.Smoke || big ? 1 : 2, maxPasses: context.Mode == RunMode.Smoke ? 1 : 10, minSeconds: context.Mode == RunMode.Smoke || big ? 0 : 4);

        // Only Extract is timed: replace the pass times by the time spent in Extract, and scale the process CPU time
        // by the same share (reading and parsing the files is text-import's figure).
        double share = Measure.Median(extractTimes) / Math.Max(1e-9, Measure.Median(passTimes));
        m.Items = tokens;
        m.PassSeconds = extractTimes.Select(t => Math.Round(t, 4)).ToArray();
        m.Seconds = Measure.Median(extractTimes);
        m.BestSeconds = Math.Round(extractTimes.Min(), 4);
        m.CpuSeconds = Math.Round(m.CpuSeconds * share, 4);
        m.BestCpuSeconds = Math.Round(m.BestCpuSeconds * share, 4);
        m.Errors = errors;
        m.Metrics["articlesPerSecond"] = Math.Round(n / m.Seconds, 1);
        m.Metrics["tokensPerArticle"] = Math.Round(tokens / (double)n, 1);
        m.Metrics["entitiesPerArticle"] = Math.Round(entities / (double)n, 2);
        m.Metrics["extractShareOfPass"] = Math.Round(share, 3);
        m.Metrics["modelLoadSeconds"] = Math.Round(loadSeconds, 3);
        if (named > 0) m.Metrics["check:storyPeopleFoundAsPerson"] = Math.Round(found / (double)named, 4);
        if (misses.Count > 0) m.Info["check:storyPeopleFoundAsPerson misses, e.g."] = string.Join("; ", misses);
        m.Info["timing"] = "tokens/s and MB/s from the time inside EntityExtractor.Extract only; CPU time is the process's over the pass scaled by Extract's share of the pass; allocated per item is per article (not per token) and includes reading the file";
        if (context.Mode != RunMode.Smoke) NerEval.ScoreOurs(context, m, "");
        return m;
    }
}
