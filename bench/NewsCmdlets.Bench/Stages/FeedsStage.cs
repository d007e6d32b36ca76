using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using NewsCmdlets.Bench.Corpus;
using NewsCmdlets.Bench.Harness;
using NewsCmdlets.Engine.Ingest;
using NewsCmdlets.Engine.Ingest.Feeds;

namespace NewsCmdlets.Bench.Stages;

/// <summary>
/// FeedParser.ReadFile over RSS 2.0 and Atom feeds made from the generated corpus: 50 articles a feed in corpus
/// order, alternately RSS (title, link, guid, pubDate, dc:creator, category, description, content:encoded with the
/// whole body) and Atom (title, link, id, published, updated, author, category, summary, content type="html").
/// The feeds are written once per corpus (untimed) next to the work files.
/// </summary>
public sealed class FeedsStage : IBenchStage
{
    public string Name => "feeds";
    public int Order => 30;
    public string Measures => "FeedParser.ReadFile (what Get-NewsFeed does with a file: read, detect, parse XML, dates, text cleanup) on RSS 2.0 and Atom feeds generated from the corpus, 50 items a feed with the whole article as content, alternately RSS and Atom, one thread";
    public string ItemName => "items";
    public bool Scales => true;
    public bool IsPeer => false;
    public bool Prepare(StageContext context, TextWriter log) => true;

    private const int PerFeed = 50;
    private static readonly ArticleReadOptions Options = new() { Now = StageContext.Now };

    private static string X(string? s) => WebUtility.HtmlEncode(s ?? "");

    private static string Slug(string s) => new string(s.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');

    /// <summary>Writes the feeds of a corpus into <paramref name="dir"/>; returns the headline hash of every item in order.</summary>
    private static void Generate(string corpus, string dir)
    {
        Directory.CreateDirectory(dir);
        var lines = File.ReadLines(Path.Combine(corpus, "articles.jsonl")).ToList();
        for (int f = 0; f * PerFeed < lines.Count; f++)
        {
            bool atom = f % 2 == 1;
            var sb = new StringBuilder();
            string feedTitle = $"Generated news feed {f}";
            sb.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
            if (atom) sb.Append($"<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\">\n<title>{X(feedTitle)}</title>\n<link href=\"https://feeds.example/{f}\"/>\n<id>https://feeds.example/{f}</id>\n<updated>2025-01-01T00:00:00Z</updated>\n");
            else sb.Append($"<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\n<channel>\n<title>{X(feedTitle)}</title>\n<link>https://feeds.example/{f}</link>\n<description>Feed {f} of the generated corpus</description>\n<language>en</language>\n");
            for (int i = f * PerFeed; i < Math.Min(lines.Count, (f + 1) * PerFeed); i++)
            {
                using var doc = JsonDocument.Parse(lines[i]);
                var e = doc.RootElement;
                string id = e.GetProperty("id").GetString()!, outlet = e.GetProperty("outlet").GetString()!, headline = e.GetProperty("headline").GetString()!;
                string author = e.GetProperty("author").GetString() ?? "";
                var published = DateTimeOffset.Parse(e.GetProperty("published").GetString()!, CultureInfo.InvariantCulture);
                var article = ArticleReader.ReadFile(Path.Combine(corpus, e.GetProperty("text").GetString()!), Options).Article;
                var paragraphs = article.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                string html = string.Concat(paragraphs.Select(p => "<p>" + X(p) + "</p>"));
                string link = $"https://{Slug(outlet)}.example/news/{id}";
                string summary = paragraphs.Length > 0 ? paragraphs[0] : "";
                string category = e.TryGetProperty("dateline", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()! : "News";
                if (atom)
                    sb.Append($"<entry>\n<title>{X(headline)}</title>\n<link href=\"{link}\"/>\n<id>{link}</id>\n<published>{published:yyyy-MM-ddTHH:mm:ssZ}</published>\n<updated>{published:yyyy-MM-ddTHH:mm:ssZ}</updated>\n" +
                              $"<author><name>{X(author)}</name></author>\n<category term=\"{X(category)}\"/>\n<summary>{X(summary)}</summary>\n<content type=\"html\">{X(html)}</content>\n</entry>\n");
                else
                    sb.Append($"<item>\n<title>{X(headline)}</title>\n<link>{link}</link>\n<guid isPermaLink=\"true\">{link}</guid>\n<pubDate>{published.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture)}</pubDate>\n" +
                              $"<dc:creator>{X(author)}</dc:creator>\n<category>{X(category)}</category>\n<description>{X(summary)}</description>\n<content:encoded><![CDATA[{html}]]></content:encoded>\n</item>\n");
            }
            sb.Append(atom ? "</feed>\n" : "</channel>\n</rss>\n");
            File.WriteAllText(Path.Combine(dir, $"feed{f:D5}.{(atom ? "atom" : "rss")}.xml"), sb.ToString(), new UTF8Encoding(false));
        }
        File.WriteAllText(Path.Combine(dir, ".complete"), lines.Count.ToString(CultureInfo.InvariantCulture));
    }

    public StageMeasurement Run(StageContext context)
    {
        string corpus = context.CorpusFolder!;
        string dir = Path.Combine(context.Scratch, "feeds", Path.GetFileName(corpus.TrimEnd('/', '\\')) + $"-per{PerFeed}");
        var m = new StageMeasurement();
        if (!File.Exists(Path.Combine(dir, ".complete")))
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
            Generate(corpus, dir);
            m.Info["generated"] = $"feeds written now in {sw.Elapsed.TotalSeconds:0.0} s (untimed), reused by later runs";
        }
        var hashes = new List<int>();
        foreach (var line in File.ReadLines(Path.Combine(corpus, "articles.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            hashes.Add(doc.RootElement.GetProperty("headline").GetString()!.GetHashCode());
        }
        var files = Directory.GetFiles(dir, "feed*.xml").OrderBy(f => f, StringComparer.Ordinal).ToArray();
        m.Items = hashes.Count;
        m.Bytes = files.Sum(f => new FileInfo(f).Length);
        var options = new FeedReadOptions();
        int warm = Math.Min(200, files.Length);
        Measure.WarmUp(() => { for (int i = 0; i < warm; i++) FeedParser.ReadFile(files[i], options); }, context.Mode == RunMode.Smoke ? 0 : 1.5);

        long errors = 0, items = 0, titles = 0, dates = 0, authors = 0;
        bool first = true;
        Measure.Passes(m, () =>
        {
            for (int f = 0; f < files.Length; f++)
            {
                ParsedFeed feed;
                try { feed = FeedParser.ReadFile(files[f], options); }
                catch (FeedException) { if (first) errors++; continue; }
                if (!first) continue;
                int k = 0;
                foreach (var it in feed.Items)
                {
                    int idx = f * PerFeed + k++;
                    items++;
                    if (idx < hashes.Count && it.Title != null && it.Title.GetHashCode() == hashes[idx]) titles++;
                    if (it.Published != null) dates++;
                    if (it.Authors.Count > 0) authors++;
                }
            }
            first = false;
        }, minPasses: context.Mode == RunMode.Smoke ? 1 : 2, maxPasses: context.Mode == RunMode.Smoke ? 1 : 50, minSeconds: context.Mode == RunMode.Smoke ? 0 : 4);
        m.Errors = errors;
        m.Metrics["feeds"] = files.Length;
        m.Metrics["check:itemsRead"] = Math.Round(items / (double)hashes.Count, 4);
        m.Metrics["check:titleMatches"] = Math.Round(titles / (double)hashes.Count, 4);
        m.Metrics["check:publishedFound"] = Math.Round(dates / (double)hashes.Count, 4);
        m.Metrics["check:authorFound"] = Math.Round(authors / (double)hashes.Count, 4);
        m.Metrics["feedsPerSecond"] = Math.Round(files.Length / m.Seconds, 1);
        return m;
    }
}
