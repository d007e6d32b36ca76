using System.Text;
using System.Text.Json;
using NewsCmdlets.Bench.Corpus;
using NewsCmdlets.Bench.Harness;
using NewsCmdlets.Engine.Ingest;
using NewsCmdlets.Engine.Model;
using NewsCmdlets.Engine.Quotes;

namespace NewsCmdlets.Bench.Stages;

/// <summary>
/// QuoteExtractor.Extract (what Get-NewsQuote runs per article: quote spans, speakers, attributions) over the generated
/// text articles, one thread. The articles are read first, untimed; MB are the UTF-8 bytes of the text searched. Quality
/// against the generator's ground truth: the share of the stories' quotes found in an article whose speaker is right.
/// </summary>
public sealed class QuotesStage : IBenchStage
{
    public string Name => "quotes";
    public int Order => 50;
    public string Measures => "QuoteExtractor.Extract on each generated .txt article (read beforehand, untimed), one thread; MB are the UTF-8 bytes of title, standfirst and body; speaker accuracy against the generator's ground truth";
    public string ItemName => "articles";
    public bool Scales => true;
    public bool IsPeer => false;

    public bool Prepare(StageContext context, TextWriter log) => true;

    private static readonly ArticleReadOptions Options = new() { Now = StageContext.Now };

    public StageMeasurement Run(StageContext context)
    {
        string folder = context.CorpusFolder!;
        var storyOf = GroundTruth.StoryOfArticles(folder);
        var truth = GroundTruth.Stories(folder, story => story.GetProperty("quotes").EnumerateArray()
            .Select(q => (Speaker: q.GetProperty("speaker").GetString()!, Text: q.GetProperty("text").GetString()!)).ToArray());
        int n = storyOf.Count;
        var articles = new NewsArticle?[n];
        long bytes = 0, errors = 0;
        for (int i = 0; i < n; i++)
        {
            try
            {
                var a = ArticleReader.ReadFile(Path.Combine(folder, GeneratedArticle.TextPathOf(i)), Options).Article;
                articles[i] = a;
                bytes += Encoding.UTF8.GetByteCount(a.Title ?? "") + Encoding.UTF8.GetByteCount(a.Standfirst ?? "") + Encoding.UTF8.GetByteCount(a.Body);
            }
            catch (InputProblemException) { errors++; }
        }

        var extractor = new QuoteExtractor();
        int warm = Math.Min(1000, n);
        Measure.WarmUp(() => { for (int i = 0; i < warm; i++) if (articles[i] is { } a) extractor.Extract(a, null); }, context.Mode == RunMode.Smoke ? 0 : 1.5);

        long present = 0, right = 0, quotes = 0, attributions = 0;
        var misses = new List<string>();
        bool first = true;
        var m = new StageMeasurement { Bytes = bytes, Items = n };
        bool big = n >= 50_000;
        Measure.Passes(m, () =>
        {
            for (int i = 0; i < n; i++)
            {
                if (articles[i] is not { } a) continue;
                var r = extractor.Extract(a, null);
                if (!first) continue;
                quotes += r.Quotes.Count;
                attributions += r.Attributions.Count;
                foreach (var (speaker, text) in truth[storyOf[i]])
                {
                    if (!a.Body.Contains(text, StringComparison.Ordinal)) continue;
                    present++;
                    var found = r.Quotes.FirstOrDefault(q => q.Text.Contains(text.Length > 30 ? text[..30] : text, StringComparison.Ordinal));
                    if (found?.Speaker == speaker) right++;
                    else if (misses.Count < 3) misses.Add($"{CorpusGenerator.IdOf(i)}: {speaker} (got {found?.Speaker ?? "no quote"})");
                }
            }
            first = false;
        }, minPasses: context.Mode == RunMode.Smoke || big ? 1 : 2, maxPasses: context.Mode == RunMode.Smoke ? 1 : 10, minSeconds: context.Mode == RunMode.Smoke || big ? 0 : 4);

        m.Errors = errors;
        m.Metrics["quotesPerArticle"] = Math.Round(quotes / (double)n, 2);
        m.Metrics["attributionsPerArticle"] = Math.Round(attributions / (double)n, 2);
        if (present > 0) m.Metrics["check:quoteSpeakerRight"] = Math.Round(right / (double)present, 4);
        if (misses.Count > 0) m.Info["check:quoteSpeakerRight misses, e.g."] = string.Join("; ", misses);
        return m;
    }
}
