using System.Text.RegularExpressions;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using NewsCmdlets.Engine.Ingest.Text;
using NewsCmdlets.Engine.Model;
using NewsCmdlets.Engine.Text;

namespace NewsCmdlets.Engine.Ingest.Html;

/// <summary>
/// Extracts the news article from a saved web page: the story's text without page chrome (our own extraction on the
/// parsed DOM: text and link density, semantic elements, class/id hints, paragraph continuity), its metadata with
/// provenance (JSON-LD, OpenGraph, meta tags, microdata, visible bylines and date lines), and a clear "not an
/// article" for home, index, error and script-only pages. No rule names a site.
/// </summary>
public static class HtmlArticleExtractor
{
    private static readonly Regex ErrorTitle = new(
        @"(?<![\d.,])\b(?:404|410|403|500|503)\b(?![.,]\d)|\bnot found\b|\bpage (?:does not|doesn't|cannot|can't|could not|couldn't) (?:exist|be found)|\berror\b|\bno longer (?:available|exists)\b|\bnicht gefunden\b|\bintrouvable\b|\bno encontrad[ao]\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled); // no timeout: titles of at most 150 characters (IsErrorTitle); a clock fails on a busy machine

    [ThreadStatic] private static HtmlParser? _parser;

    public static HtmlExtractionResult Extract(string html, HtmlArticleOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(html);
        options ??= new HtmlArticleOptions();
        var decisions = new List<string>();
        var warnings = new List<string>(options.Warnings ?? Array.Empty<string>());
        var now = options.Now ?? DateTimeOffset.UtcNow;

        if (string.IsNullOrWhiteSpace(html)) return NotArticle("no text: the page is empty", decisions, CheckTheFile);
        if (TextDecoder.LooksBinary(html)) return NotArticle("binary content, not HTML", decisions, "Import-NewsArticle reads HTML and plain text; convert the file to one of them first.");

        string prepared = HtmlPreparer.Prepare(html, warnings, decisions);
        // The parser is given the page without the text of its scripts and styles (JSON-LD kept), which is never read.
        using var page = ElidedPage.Of(prepared);
        var parser = _parser ??= CreateParser();
        using var doc = page.Parse(parser);
        var dom = HtmlDom.Build(doc);
        var selected = new List<string>();
        var sel = HtmlContent.Select(dom, selected);
        if (sel.ProseChars < 200 && dom.NoscriptElements > 0)
        {
            // A page that builds its story with scripts may hold it in <noscript> for readers without them.
            var withNoscript = HtmlDom.Build(doc, readNoscript: true);
            var noscriptDecisions = new List<string>();
            var noscriptSel = HtmlContent.Select(withNoscript, noscriptDecisions);
            if (noscriptSel.ProseChars >= 200)
            {
                selected = noscriptDecisions;
                selected.Insert(0, $"no story outside <noscript>: read the text of {dom.NoscriptElements} <noscript> element(s)");
                (dom, sel) = (withNoscript, noscriptSel);
            }
        }
        decisions.AddRange(selected);
        var meta = HtmlMetadata.Read(dom, sel, options, decisions);

        // Pages that hold no article.
        int bodyWords = sel.Body.Sum(b => b.Words);
        if (dom.Meta.Frames > 0 && sel.ProseChars < 200)
            return NotArticle($"frameset page: it shows {dom.Meta.Frames} other page(s) in frames and holds no story of its own", decisions,
                "Open the page in a browser and save the frame that holds the story (Save Frame As), or import that frame's address.");
        if (dom.Blocks.Count == 0)
        {
            int scriptChars = page.IsElided ? ScriptCharsOf(parser, prepared) : dom.Meta.ScriptChars;
            return scriptChars > 0
                ? NotArticle($"script-only page: no text outside {scriptChars:N0} characters of scripts and styles", decisions,
                    "The page builds its text with scripts: save it from a browser once it has loaded (Save Page As, complete page) and import that file.")
                : NotArticle("no text", decisions, CheckTheFile);
        }
        string? pageTitle = meta.Title ?? dom.Meta.Title;
        string? h1 = sel.Headings1.Count > 0 ? sel.Headings1[0].Text : null;
        if (bodyWords < 150 && (IsErrorTitle(dom.Meta.Title) || IsErrorTitle(h1)))
            return NotArticle($"error page: \"{Clip(h1 ?? dom.Meta.Title ?? "", 80)}\"", decisions,
                "The server sent an error instead of the story: check the address, or fetch the page again later.");
        if (sel.ProseChars < 200 && bodyWords < (meta.TypedAsArticle || sel.ShortStory ? 15 : 40))
        {
            if (dom.Meta.Anchors >= 20)
                return NotArticle($"home or index page: {dom.Meta.Anchors} links to other pages, no story text", decisions, LinkedStories);
            return NotArticle(bodyWords == 0 ? "no story text on the page" : $"no story text: only {bodyWords} words outside the page chrome", decisions,
                "If the page does hold a story this short, import its words as plain text (a .txt file, or -Content with the text).");
        }
        if (!meta.TypedAsArticle && sel.LinkedHeadings >= 5 && bodyWords < sel.LinkedHeadings * 80)
            return NotArticle($"home or index page: {sel.LinkedHeadings} linked headlines over {dom.Meta.Anchors} links, no single story", decisions, LinkedStories);

        // The article.
        var sources = new FieldSources();
        var paragraphs = new List<string>(sel.Body.Count);
        string? titleNorm = pageTitle != null ? TextShape.Normalise(pageTitle) : null;
        foreach (var b in sel.Body)
        {
            if (paragraphs.Count == 0 && titleNorm != null && TextShape.Normalise(b.Text) == titleNorm) continue;
            paragraphs.Add(b.Text);
        }
        string body = string.Join("\n", paragraphs);

        string? title = meta.Title;
        if (title != null) sources.Set("Title", meta.TitleSource!);
        else if (h1 != null) { title = h1; sources.Set("Title", "<h1>"); }
        else if (paragraphs.Count > 0)
        {
            // As for text: a page without a headline is named by its first sentence, and Sources says so.
            title = TextArticleParser.FirstSentence(paragraphs[0]);
            sources.Set("Title", "first sentence of the story (the page has no headline)");
        }

        if (title != null && !title.IsNormalized(System.Text.NormalizationForm.FormC)) title = title.Normalize(System.Text.NormalizationForm.FormC);

        string? outlet = meta.SiteName;
        if (outlet != null) sources.Set("Outlet", meta.SiteNameSource!);
        else if (!string.IsNullOrWhiteSpace(options.Outlet)) { outlet = options.Outlet.Trim(); sources.Set("Outlet", "-Outlet parameter"); }
        else if (meta.OrgOutlet != null) { outlet = meta.OrgOutlet; sources.Set("Outlet", "author credit (organisation)"); }

        if (meta.Authors.Count > 0) sources.Set("Authors", meta.AuthorsSource ?? "page");
        if (meta.Agency != null) sources.Set("Agency", meta.AgencySource ?? "credit");
        if (meta.Standfirst != null) sources.Set("Standfirst", meta.StandfirstSource!);
        if (meta.Dateline != null) sources.Set("Dateline", "dateline of the first paragraph");

        DateTimeOffset? published = meta.Published, updated = meta.Updated;
        string? publishedSource = meta.PublishedSource, updatedSource = meta.UpdatedSource;
        if (published is { } pv && pv > now.AddMinutes(5))
        {
            warnings.Add($"The publication date {pv:yyyy-MM-dd HH:mm zzz} ({publishedSource}) is in the future and was ignored.");
            decisions.Add($"publication date {pv:O} rejected: in the future");
            published = null; publishedSource = null;
        }
        if (updated is { } uv && uv > now.AddMinutes(5))
        {
            warnings.Add($"The update date {uv:yyyy-MM-dd HH:mm zzz} ({updatedSource}) is in the future and was ignored.");
            decisions.Add($"update date {uv:O} rejected: in the future");
            updated = null; updatedSource = null;
        }
        if (publishedSource != null) { sources.Set("Published", publishedSource); decisions.Add($"published date from {publishedSource}"); }
        if (updatedSource != null) { sources.Set("Updated", updatedSource); decisions.Add($"updated date from {updatedSource}"); }

        string? language = meta.Language;
        if (language != null) sources.Set("Language", meta.LanguageSource!);
        else
        {
            language = LanguageDetector.Detect(body);
            if (language != null) sources.Set("Language", "function words of the body");
        }

        string? url = meta.Canonical;
        warnings.AddRange(meta.RefusedAddresses);
        if (url != null) { sources.Set("Url", meta.CanonicalSource!); decisions.Add($"canonical address: {url}"); }
        else if (options.BaseUri != null && WebAddress.IsWeb(options.BaseUri)) { url = options.BaseUri.ToString(); sources.Set("Url", "address the page was read from"); }

        var article = new NewsArticle
        {
            Id = TextArticleParser.ComputeId(title, body, outlet),
            Title = title,
            Standfirst = meta.Standfirst,
            Body = body,
            Paragraphs = BodyLines.Paragraphs(body, paragraphs),
            Captions = TextList.Of(sel.Captions, "\n"),
            Published = published,
            Updated = updated,
            Authors = new TextList(meta.Authors),
            Agency = meta.Agency,
            Outlet = outlet,
            Dateline = meta.Dateline,
            Language = language,
            WordCount = TextShape.CountWords(body),
            Source = options.Source ?? url,
            Url = url,
            SourceKind = "Html",
            Sources = sources,
            Removed = Utf8TextItems.List(sel.Removed, "\n\n"),
            Warnings = TextList.Of(warnings),
        };
        return new HtmlExtractionResult { Article = article, IsArticle = true, Decisions = decisions };
    }

    /// <summary>Attributes the extractor reads; the parser drops all others (srcset, data-*, on* …), which saves time and memory.</summary>
    private static readonly string[] KeptAttributes =
    {
        "class", "id", "itemprop", "role", "rel", "href", "hidden", "aria-hidden", "style", "content", "property", "name",
        "http-equiv", "charset", "type", "datetime", "lang", "xml:lang", "pubdate",
    };

    /// <summary>
    /// AngleSharp's default services without the attribute observers: they keep each element's class list, link
    /// relations, base address and the like in step with its attributes (every attribute of every element is offered
    /// to some 25 observers, and a stylesheet link or a base href is parsed as an address), and the extractor reads
    /// none of that, only the attributes themselves.
    /// </summary>
    private static readonly IConfiguration ParserConfiguration = Configuration.Default.Without<IAttributeObserver>();

    internal static HtmlParser CreateParser() => new(new HtmlParserOptions
    {
        IsScripting = false,
        SkipComments = true,
        DisableElementPositionTracking = true,
        ShouldEmitAttribute = static (ref AngleSharp.Html.Parser.Tokens.Struct.StructHtmlToken _, ReadOnlyMemory<char> name) =>
        {
            var span = name.Span;
            foreach (var k in KeptAttributes)
                if (span.Length == k.Length && span.Equals(k, StringComparison.OrdinalIgnoreCase)) return true;
            return false;
        },
    }, BrowsingContext.New(ParserConfiguration));

    /// <summary>The characters of scripts and styles a page holds, read from the whole page (the extraction parsed it without them).</summary>
    private static int ScriptCharsOf(HtmlParser parser, string prepared)
    {
        using var doc = parser.ParseDocument(prepared);
        return HtmlDom.Build(doc).Meta.ScriptChars;
    }

    private static bool IsErrorTitle(string? t) => t != null && t.Length <= 150 && ErrorTitle.IsMatch(t);

    private const string LinkedStories = "Import the story pages it links to instead.";

    private const string CheckTheFile = "Check the saved file: an unclosed <title>, <script> or comment can hide the rest of a page.";

    private static HtmlExtractionResult NotArticle(string reason, List<string> decisions, string advice)
    {
        decisions.Add("not an article: " + reason);
        return new HtmlExtractionResult { IsArticle = false, NotArticleReason = reason, NotArticleAdvice = advice, Decisions = decisions };
    }

    private static string Clip(string s, int n) => s.Length <= n ? s : s[..n] + "…";
}
