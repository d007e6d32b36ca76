using System.Net;
using System.Text;
using NewsCmdlets.Engine.Cache;
using NewsCmdlets.Engine.Entities;
using NewsCmdlets.Engine.Ingest;
using NewsCmdlets.Engine.Ingest.Feeds;
using NewsCmdlets.Engine.Ingest.Html;
using NewsCmdlets.Engine.Ingest.Text;
using NewsCmdlets.Engine.Model;
using NewsCmdlets.Engine.Quotes;

namespace NewsCmdlets.Bench.Fuzz;

/// <summary>
/// One thing the fuzzer feeds bytes to: the engine's entry point, the exceptions that are its documented answer to bad
/// input (anything else is a crash), and the features of what it made of the input (what the fuzzer counts as
/// coverage: an input that makes something new is kept and mutated further).
/// </summary>
internal sealed class FuzzTarget
{
    public required string Name { get; init; }

    /// <summary>Runs the input; adds the features of the result to the set.</summary>
    public required Action<byte[], FeatureSet> Run { get; init; }

    /// <summary>The exceptions that are the target's answer to bad input, not a fault.</summary>
    public required Func<Exception, bool> Expected { get; init; }

    /// <summary>Tokens the mutator inserts for this target (markup, syntax, the words its rules look for).</summary>
    public required string[] Dictionary { get; init; }

    /// <summary>Which seeds suit it: "text", "html" or "feed".</summary>
    public required string SeedKind { get; init; }
}

/// <summary>Hashes of what the targets made of their inputs; <see cref="Add"/> says whether one was new.</summary>
internal sealed class FeatureSet
{
    private readonly HashSet<ulong> _seen = new();
    private readonly string _prefix;
    public int NewInThisRun { get; set; }

    public FeatureSet(string prefix) => _prefix = prefix;

    public int Count => _seen.Count;

    public void Add(string feature)
    {
        ulong h = 14695981039346656037UL;
        foreach (char c in _prefix) { h ^= c; h *= 1099511628211UL; }
        foreach (char c in feature) { h ^= c; h *= 1099511628211UL; }
        if (_seen.Add(h)) NewInThisRun++;
    }

    public void Add(string name, int value) => Add($"{name}:{Bucket(value)}");

    /// <summary>0, 1, 2, 3, 4-7, 8-15 …: counts as libFuzzer buckets them.</summary>
    public static int Bucket(int n) => n <= 3 ? n : 1 << (int)Math.Log2(n);

    /// <summary>The start of a message without its numbers and names in quotes: its kind.</summary>
    public void AddMessage(string kind, string message)
    {
        var sb = new StringBuilder();
        bool quoted = false;
        int words = 0;
        foreach (char c in message)
        {
            if (c == '\'' || c == '"') { quoted = !quoted; continue; }
            if (quoted || char.IsDigit(c)) continue;
            if (c == ' ' && ++words >= 6) break;
            sb.Append(c);
        }
        Add(kind + ":" + sb);
    }
}

internal static class FuzzTargets
{
    private static readonly DateTimeOffset Now = new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ArticleReadOptions ReadOptions = new() { Now = Now };
    private static readonly Uri Base = new("https://fuzz.example/news/story");

    private static readonly string[] MarkupTokens =
    {
        "<div>", "</div>", "<p>", "</p>", "<span>", "</span>", "<b>", "</b>", "<a href=\"/x\">", "</a>", "<table><tr><td>", "</td></tr></table>",
        "<ul><li>", "</li></ul>", "<h1>", "</h1>", "<article>", "</article>", "<nav>", "<script>", "</script>", "<style>", "<svg>", "<math>",
        "<template>", "<!--", "-->", "<![CDATA[", "]]>", "<br>", "<div/>", "<meta charset=\"shift_jis\">", "<meta property=\"og:url\" content=\"javascript:x\">",
        "<link rel=\"canonical\" href=\"data:,x\">", "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"author\":[[{\"name\":\"A\"}]],\"datePublished\":\"2025-10-19\"}</script>",
        "<time datetime=\"2025-10-19T06:48:00Z\">", "<figure><figcaption>", "class=\"byline\"", "itemprop=\"articleBody\"", "&amp;", "&#0;", "&#x110000;", "&nbsp;",
    };

    private static readonly string[] TextTokens =
    {
        "\n", "\n\n", "By ", "(Reuters) -", "(AP) —", "SEOUL, South Korea (AP) — ", "Posted ", "Last Updated ", "Reporting by ", "Title: ", "URL: ", "Outlet: ",
        "Published: ", "---\n", "date 2025-10-19 ", "“", "”", "\"", "«", "»", "„", " said ", "told ", "according to ", "Mr ", "President ", "UPDATE 1-",
        "57m ago", "Photo: ", "Friday, December 5, 2025", "19 October 2025 20:50 (UTC+04:00)", "\u00A0", "\uFEFF", "\u200B", "\t", "\r",
    };

    private static readonly string[] FeedTokens =
    {
        "<item>", "</item>", "<entry>", "</entry>", "<title>", "</title>", "<link>", "</link>", "<description>", "</description>",
        "<content:encoded><![CDATA[<p>x</p>]]></content:encoded>", "<pubDate>Mon, 30 Feb 2026 25:61:00 +9999</pubDate>", "<guid isPermaLink=\"true\">",
        "<dc:creator>", "xml:base=\"../\"", "<!DOCTYPE rss [<!ENTITY e \"x\">]>", "<!DOCTYPE rss SYSTEM \"x.dtd\">", "&e;", "<?xml version=\"1.0\" encoding=\"windows-1252\"?>",
        "<link href=\"javascript:alert(1)\"/>", "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">", "</div></content>",
        "{", "}", "[", "]", "\"items\":", "\"title\":", "\"content_html\":", "\"url\":", "\"date_published\":\"0001-01-01T00:00:00Z\"", "\"authors\":[{\"name\":", ",", ":",
        "\\u0000", "\\ud800", "<![CDATA[", "]]>",
    };

    public static List<FuzzTarget> All()
    {
        var entities = new EntityExtractor();
        var quotes = new QuoteExtractor();
        return new List<FuzzTarget>
        {
            new()
            {
                Name = "text", SeedKind = "text", Dictionary = TextTokens.Concat(MarkupTokens.Take(6)).ToArray(),
                Expected = e => e is InputProblemException,
                Run = (bytes, f) =>
                {
                    var decoded = TextDecoder.Decode(bytes, "fuzz.txt");
                    f.Add("encoding:" + decoded.EncodingName);
                    foreach (var w in decoded.Warnings) f.AddMessage("decode", w);
                    Article(TextArticleParser.Parse(decoded.Text, new TextArticleOptions { Source = "fuzz.txt", Now = Now }), f);
                },
            },
            new()
            {
                Name = "html", SeedKind = "html", Dictionary = MarkupTokens.Concat(TextTokens.Take(12)).ToArray(),
                Expected = _ => false,
                Run = (bytes, f) =>
                {
                    var warnings = new List<string>();
                    string html = HtmlDecoder.Decode(bytes, null, out string encoding, warnings);
                    f.Add("encoding:" + encoding);
                    var result = HtmlArticleExtractor.Extract(html, new HtmlArticleOptions { Source = "fuzz.html", BaseUri = Base, Now = Now, Warnings = warnings });
                    foreach (var d in result.Decisions.Take(40)) f.AddMessage("decision", d);
                    if (result.Article != null) Article(result.Article, f);
                    else f.AddMessage("not-article", result.NotArticleReason ?? "");
                },
            },
            new()
            {
                Name = "import", SeedKind = "any", Dictionary = MarkupTokens.Concat(TextTokens).ToArray(),
                Expected = e => e is InputProblemException,
                Run = (bytes, f) => Article(ArticleReader.ReadBytes(bytes, "fuzz", null, Base, ReadOptions).Article, f),
            },
            new()
            {
                Name = "feed", SeedKind = "feed", Dictionary = FeedTokens.Concat(MarkupTokens.Take(10)).ToArray(),
                Expected = e => e is FeedException,
                Run = (bytes, f) =>
                {
                    var feed = FeedParser.Parse(bytes, "fuzz.xml", new Uri("https://fuzz.example/feed.xml"), new FeedReadOptions());
                    f.Add("format:" + feed.Format);
                    foreach (var w in feed.Warnings) f.AddMessage("feed-warning", w);
                    int items = 0;
                    foreach (var entry in feed.ReadEntries())
                    {
                        items++;
                        if (entry.Problem != null) f.AddMessage("problem", entry.Problem);
                        foreach (var w in entry.Warnings) f.AddMessage("item-warning", w);
                        if (entry.Item is not { } item) continue;
                        f.Add($"item:{item.Title != null}{item.Link != null}{item.Published != null}{item.Content != null}{item.Summary != null}");
                        f.Add("authors", item.Authors.Count);
                        if (FeedArticleBuilder.HasContent(item)) Article(FeedArticleBuilder.FromContent(item, ReadOptions).Article, f);
                    }
                    f.Add("items", items);
                    foreach (var w in feed.Warnings) f.AddMessage("feed-warning", w);
                },
            },
            new()
            {
                Name = "entities", SeedKind = "text", Dictionary = TextTokens,
                Expected = e => e is InputProblemException,
                Run = (bytes, f) =>
                {
                    var article = TextArticleParser.Parse(TextDecoder.Decode(bytes, "fuzz.txt").Text, new TextArticleOptions { Now = Now });
                    var found = entities.Extract(article);
                    foreach (var e in found.Entities.Take(50)) f.Add($"entity:{e.Type}:{Math.Min(e.Name.Length, 40) / 8}");
                    f.Add("mentions", found.Mentions.Count);
                    foreach (var w in found.Warnings) f.AddMessage("entity-warning", w);
                    var q = quotes.Extract(article, found);
                    foreach (var x in q.Quotes.Take(50)) f.Add($"quote-with-entities:{x.Kind}:{x.Speaker != null}:{x.Verb}");
                },
            },
            new()
            {
                Name = "quotes", SeedKind = "text", Dictionary = TextTokens,
                Expected = e => e is InputProblemException,
                Run = (bytes, f) =>
                {
                    string text = TextDecoder.Decode(bytes, "fuzz.txt").Text;
                    var q = quotes.ExtractText(text);
                    foreach (var x in q.Quotes.Take(50)) f.Add($"quote:{x.Kind}:{x.Speaker != null}:{x.SpeakerDescription != null}:{x.Verb}");
                    foreach (var a in q.Attributions.Take(50)) f.Add($"attribution:{a}".Length > 40 ? "attribution:long" : $"attribution:{a}");
                    f.Add("spans", QuoteExtractor.FindQuoteSpans(text).Count);
                    // The search box sees the same text: its query must never hold a NUL or an unbalanced quote.
                    if (FtsQuery.FromUserText(text) is { } query)
                    {
                        if (query.Contains('\0') || query.Count(c => c == '"') % 2 != 0) throw new InvalidOperationException("FtsQuery made an unsafe query: " + query[..Math.Min(80, query.Length)]);
                        f.Add("query-words", FtsQuery.CountWords(query));
                    }
                },
            },
        };
    }

    private static void Article(NewsArticle a, FeatureSet f)
    {
        f.Add($"article:{a.SourceKind}:{a.Title != null}:{a.Standfirst != null}:{a.Published != null}:{a.Updated != null}:{a.Dateline != null}:{a.Agency != null}:{a.Url != null}");
        f.Add("paragraphs", a.Paragraphs.Count);
        f.Add("removed", a.Removed.Count);
        f.Add("authors", a.Authors.Count);
        f.Add("captions", a.Captions.Count);
        foreach (var kv in a.Sources) f.Add($"source:{kv.Key}:{kv.Value}".Length > 60 ? $"source:{kv.Key}" : $"source:{kv.Key}:{kv.Value}");
        foreach (var w in a.Warnings) f.AddMessage("warning", w);
        if (a.Url != null && !(a.Url.StartsWith("http://", StringComparison.Ordinal) || a.Url.StartsWith("https://", StringComparison.Ordinal)))
            throw new InvalidOperationException($"Url is not a web address: {a.Url}");
        if (a.Body.Contains('\0') || (a.Title?.Contains('\0') ?? false)) throw new InvalidOperationException("a NUL reached the article's text");
    }

    /// <summary>Seeds from samples/: the texts, the saved page, and feeds in each format made from them.</summary>
    public static Dictionary<string, List<byte[]>> Seeds(string repo)
    {
        var samples = Directory.GetFiles(Path.Combine(repo, "samples"), "*", SearchOption.AllDirectories).OrderBy(p => p, StringComparer.Ordinal).ToList();
        var text = samples.Where(p => p.EndsWith(".txt", StringComparison.Ordinal)).Select(File.ReadAllBytes).ToList();
        var html = samples.Where(p => p.EndsWith(".html", StringComparison.Ordinal)).Select(File.ReadAllBytes).ToList();
        var articles = text.Select(b => TextArticleParser.Parse(Encoding.UTF8.GetString(b), new TextArticleOptions { Now = Now })).ToList();
        var feed = new List<byte[]>
        {
            Encoding.UTF8.GetBytes(Rss(articles)),
            Encoding.UTF8.GetBytes(Atom(articles)),
            Encoding.UTF8.GetBytes(Json(articles)),
        };
        return new Dictionary<string, List<byte[]>> { ["text"] = text, ["html"] = html, ["feed"] = feed, ["any"] = text.Concat(html).ToList() };
    }

    private static string X(string? s) => WebUtility.HtmlEncode(s ?? "");

    private static string Html(NewsArticle a) => string.Concat(a.Paragraphs.Select(p => "<p>" + X(p) + "</p>"));

    private static string Rss(List<NewsArticle> articles) =>
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel><title>Samples</title><link>https://samples.example/</link>\n" +
        string.Concat(articles.Select((a, i) => $"<item><title>{X(a.Title)}</title><link>/news/{i}</link><guid>s-{i}</guid><pubDate>{a.Published?.ToString("r") ?? "Sat, 14 Mar 2026 07:45:00 GMT"}</pubDate>" +
                                                 $"<dc:creator>{X(a.Authors.FirstOrDefault())}</dc:creator><description>{X(a.Paragraphs.FirstOrDefault())}</description><content:encoded><![CDATA[{Html(a)}]]></content:encoded></item>\n")) +
        "</channel></rss>\n";

    private static string Atom(List<NewsArticle> articles) =>
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\"><title>Samples</title><link href=\"https://samples.example/\"/><id>urn:samples</id>\n" +
        string.Concat(articles.Select((a, i) => $"<entry><title type=\"html\">{X(X(a.Title))}</title><link href=\"/news/{i}\"/><id>urn:s:{i}</id><updated>2026-03-14T07:45:00Z</updated>" +
                                                 $"<author><name>{X(a.Authors.FirstOrDefault())}</name></author><summary>{X(a.Paragraphs.FirstOrDefault())}</summary><content type=\"html\">{X(Html(a))}</content></entry>\n")) +
        "</feed>\n";

    private static string Json(List<NewsArticle> articles) =>
        System.Text.Json.JsonSerializer.Serialize(new
        {
            version = "https://jsonfeed.org/version/1.1",
            title = "Samples",
            home_page_url = "https://samples.example/",
            items = articles.Select((a, i) => new { id = $"s-{i}", url = $"/news/{i}", title = a.Title, content_html = Html(a), date_published = "2026-03-14T07:45:00Z", authors = new[] { new { name = a.Authors.FirstOrDefault() } } }),
        });
}
