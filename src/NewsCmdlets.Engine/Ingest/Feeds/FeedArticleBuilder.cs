using System.Net;
using System.Text.RegularExpressions;
using NewsCmdlets.Engine.Ingest.Html;
using NewsCmdlets.Engine.Ingest.Text;
using NewsCmdlets.Engine.Model;
using NewsCmdlets.Engine.Text;

namespace NewsCmdlets.Engine.Ingest.Feeds;

/// <summary>
/// Joins what a feed says about a story with the article: <see cref="Merge"/> completes an article read from the
/// story's page, <see cref="FromContent"/> builds one from the feed's own full text. Values taken from the feed are
/// marked in <see cref="NewsArticle.Sources"/> ("feed item", "feed title").
/// </summary>
public static class FeedArticleBuilder
{
    /// <summary>Provenance recorded for values taken from the feed item.</summary>
    public const string FeedItemSource = "feed item";

    /// <summary>Provenance recorded for an Outlet taken from the feed's title.</summary>
    public const string FeedTitleSource = "feed title";

    private static readonly Regex HtmlTag = new(
        @"<\s*/?\s*(?:p|br|div|h[1-6]|ul|ol|li|blockquote|figure|figcaption|img|a|strong|em|b|i|span|table|section|article)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking); // over the whole content: linear time, no clock

    /// <summary>True when the item carries full text that <see cref="FromContent"/> can build an article from.</summary>
    public static bool HasContent(NewsFeedItem item) => !string.IsNullOrWhiteSpace(item.Content);

    /// <summary>Why <see cref="FromContent"/> cannot build an article from an item without full text (-UseFeedContent).</summary>
    public static string NoContentMessage(NewsFeedItem item) =>
        $"The feed item '{item}'{(item.SourceFeed != null ? $" of '{item.SourceFeed}'" : "")} carries no full text (no content:encoded, " +
        $"Atom content or content_html){(item.Summary != null ? ", only a summary" : "")}, so -UseFeedContent cannot build an article from it. " +
        "Import it without -UseFeedContent to download its page.";

    /// <summary>Why an item without a link has no page to download.</summary>
    public static string NoLinkMessage(NewsFeedItem item) =>
        $"The feed item '{item}'{(item.SourceFeed != null ? $" of '{item.SourceFeed}'" : "")} has no link, so there is no page to download." +
        (HasContent(item) ? " It carries its full text: add -UseFeedContent to import that." : "");

    /// <summary>
    /// Completes an article read from the item's page: the feed's title becomes the Outlet; the item's dates fill in
    /// Published and Updated, its authors the Authors, its title the Title, when the page lacks them; its categories
    /// become Categories.
    /// </summary>
    public static ArticleReadResult Merge(ArticleReadResult page, NewsFeedItem item)
    {
        var a = page.Article;
        var decisions = new List<string>(page.Decisions);
        var sources = Copy(a.Sources);

        string? outlet = a.Outlet;
        if (FeedText.Clean(item.FeedTitle) is { } feedTitle)
        {
            if (outlet != null && !string.Equals(outlet, feedTitle, StringComparison.OrdinalIgnoreCase))
                decisions.Add($"outlet \"{feedTitle}\" from the feed's title, not \"{outlet}\" from the page ({sources.GetValueOrDefault("Outlet") ?? "page"})");
            outlet = feedTitle;
            sources.Set("Outlet", FeedTitleSource);
        }
        string? title = a.Title;
        if (title == null && item.Title != null) { title = item.Title; sources.Set("Title", FeedItemSource); }
        var published = a.Published;
        if (published == null && item.Published != null) { published = item.Published; sources.Set("Published", FeedItemSource); decisions.Add("published date from the feed item (the page has none)"); }
        var updated = a.Updated;
        if (updated == null && item.Updated != null && item.Updated != published) { updated = item.Updated; sources.Set("Updated", FeedItemSource); }
        var (authors, agency) = (a.Authors, a.Agency);
        if (authors.Count == 0 && item.Authors.Count > 0)
        {
            (authors, agency) = SplitAgency(item.Authors, agency);
            if (authors.Count > 0) sources.Set("Authors", FeedItemSource);
            if (agency != a.Agency) sources.Set("Agency", FeedItemSource);
        }
        string? language = a.Language;
        if (language == null && Language(item.FeedLanguage) is { } lang) { language = lang; sources.Set("Language", FeedItemSource); }
        string? url = a.Url;
        if (url == null && item.Link != null) { url = item.Link; sources.Set("Url", FeedItemSource); }
        if (item.Categories.Count > 0) sources.Set("Categories", FeedItemSource);

        string body = a.Body;
        var merged = new NewsArticle
        {
            Id = title == a.Title && outlet == a.Outlet ? a.Id : TextArticleParser.ComputeId(title, body, outlet),
            Title = title,
            Standfirst = a.Standfirst,
            Body = body,
            Paragraphs = a.Paragraphs,
            Captions = a.Captions,
            Published = published,
            Updated = updated,
            Authors = authors,
            Agency = agency,
            Outlet = outlet,
            Dateline = a.Dateline,
            Language = language,
            WordCount = a.WordCount,
            Source = a.Source,
            Url = url,
            Categories = item.Categories.Count > 0 ? item.Categories : a.Categories,
            SourceKind = a.SourceKind,
            Sources = sources,
            Removed = a.Removed,
            Warnings = a.Warnings,
        };
        return new ArticleReadResult(merged, decisions);
    }

    /// <summary>
    /// Builds the article from the item's <see cref="NewsFeedItem.Content"/> without fetching its page: HTML goes
    /// through <see cref="HtmlArticleExtractor"/> (so boilerplate such as "The post … appeared first on …" lands in
    /// Removed), plain text becomes one paragraph a line. Throws <see cref="ArgumentException"/> when the item has no content.
    /// </summary>
    public static ArticleReadResult FromContent(NewsFeedItem item, ArticleReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!HasContent(item)) throw new ArgumentException($"The feed item '{item}' carries no content.", nameof(item));
        string content = TextDecoder.StripControlCharacters(item.Content!);
        var decisions = new List<string>();
        var sources = new FieldSources();
        Uri? link = item.Link != null && Uri.TryCreate(item.Link, UriKind.Absolute, out var l) ? l : null;
        string? source = item.SourceFeed ?? item.Link;

        List<string> paragraphs;
        NewsArticle? extracted = null;
        if (HtmlTag.IsMatch(content))
        {
            string title = WebUtility.HtmlEncode(item.Title ?? "");
            string page = $"<!doctype html><html><head><meta charset=\"utf-8\"><title>{title}</title></head><body><article><h1>{title}</h1>{content}</article></body></html>";
            var result = HtmlArticleExtractor.Extract(page, new HtmlArticleOptions { Source = source, BaseUri = link, Now = options.Now });
            decisions.AddRange(result.Decisions);
            if (result.IsArticle && result.Article != null)
            {
                extracted = result.Article;
                paragraphs = extracted.Paragraphs.ToList();
                decisions.Add("article built from the feed item's HTML content");
            }
            else
            {
                paragraphs = (FeedText.HtmlToText(content) ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
                decisions.Add($"feed item's HTML content taken as it is ({result.NotArticleReason})");
            }
        }
        else
        {
            paragraphs = content.Replace("\r\n", "\n").Split('\n').Select(FeedText.Clean).Where(p => p != null).Select(p => p!).ToList();
            decisions.Add("article built from the feed item's plain-text content");
        }
        if (item.Title != null && paragraphs.Count > 0 && TextShape.Normalise(paragraphs[0]) == TextShape.Normalise(item.Title)) paragraphs.RemoveAt(0);
        string body = string.Join("\n", paragraphs);
        sources.Set("Body", FeedItemSource + " content");

        string? articleTitle = item.Title ?? extracted?.Title;
        if (articleTitle != null) sources.Set("Title", item.Title != null ? FeedItemSource : "content");
        if (item.Published != null) sources.Set("Published", FeedItemSource);
        if (item.Updated != null) sources.Set("Updated", FeedItemSource);
        var (authors, agency) = item.Authors.Count > 0 ? SplitAgency(item.Authors, extracted?.Agency) : (extracted?.Authors ?? TextList.Empty, extracted?.Agency);
        if (authors.Count > 0) sources.Set("Authors", item.Authors.Count > 0 ? FeedItemSource : extracted!.Sources.GetValueOrDefault("Authors") ?? "content");
        if (agency != null) sources.Set("Agency", item.Authors.Count > 0 ? FeedItemSource : "content");
        string? outlet = FeedText.Clean(item.FeedTitle);
        if (outlet != null) sources.Set("Outlet", FeedTitleSource);
        else if (!string.IsNullOrWhiteSpace(options.Outlet)) { outlet = options.Outlet.Trim(); sources.Set("Outlet", "-Outlet parameter"); }
        string? language = Language(item.FeedLanguage);
        if (language != null) sources.Set("Language", FeedItemSource);
        else if ((language = LanguageDetector.Detect(body)) != null) sources.Set("Language", "function words of the body");
        if (item.Link != null) sources.Set("Url", FeedItemSource);
        if (item.Categories.Count > 0) sources.Set("Categories", FeedItemSource);
        if (extracted?.Dateline != null) sources.Set("Dateline", "dateline of the first paragraph");

        var article = new NewsArticle
        {
            Id = TextArticleParser.ComputeId(articleTitle, body, outlet),
            Title = articleTitle,
            Standfirst = extracted?.Standfirst,
            Body = body,
            Paragraphs = BodyLines.Paragraphs(body, paragraphs),
            Captions = extracted?.Captions ?? new TextList(Array.Empty<string>(), "\n"),
            Published = item.Published,
            Updated = item.Updated != item.Published ? item.Updated : null,
            Authors = authors,
            Agency = agency,
            Outlet = outlet,
            Dateline = extracted?.Dateline,
            Language = language,
            WordCount = TextShape.CountWords(body),
            Source = source,
            Url = item.Link,
            Categories = item.Categories,
            SourceKind = "Feed",
            Sources = sources,
            Removed = extracted?.Removed ?? new TextList(Array.Empty<string>(), "\n\n"),
            Warnings = extracted?.Warnings ?? TextList.Empty,
        };
        return new ArticleReadResult(article, decisions);
    }

    /// <summary>Feed authors that are wire services ("Reuters", "The Associated Press") become the Agency, as in bylines.</summary>
    private static (TextList Authors, string? Agency) SplitAgency(TextList names, string? agency)
    {
        var people = new List<string>();
        foreach (var n in names)
        {
            if (WireAgencies.TryResolve(n, out var canonical)) agency ??= canonical;
            else people.Add(n);
        }
        return (people.Count > 0 ? new TextList(people) : TextList.Empty, agency);
    }

    /// <summary>"en-GB" → "en", as articles carry ISO 639-1 codes.</summary>
    private static string? Language(string? feedLanguage)
    {
        string? l = FeedText.Clean(feedLanguage);
        if (l == null) return null;
        string code = l.Split('-', '_')[0].ToLowerInvariant();
        return code.Length is 2 or 3 && code.All(char.IsAsciiLetterLower) ? code : null;
    }

    private static FieldSources Copy(FieldSources s)
    {
        var copy = new FieldSources();
        foreach (var kv in s) copy.Set(kv.Key, kv.Value);
        return copy;
    }
}
