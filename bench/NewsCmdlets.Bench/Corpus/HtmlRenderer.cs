using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace NewsCmdlets.Bench.Corpus;

/// <summary>
/// Renders an article as a saved web page: head metadata (title, description, OpenGraph, article:published_time,
/// canonical link, JSON-LD NewsArticle), styles and inline scripts, and the body with each outlet's template — site
/// navigation, a breaking-news ticker, byline and time, figure with caption, the story, an inline "Read more" box,
/// share buttons, a "Most read" sidebar with relative times, newsletter box, "Top Stories" cards built from other
/// stories, and the footer. Four templates with different markup and class names.
/// </summary>
public static class HtmlRenderer
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly string[] Sections = { "News", "Local", "Business", "Politics", "Health", "Sport", "Weather", "Opinion", "Culture", "Travel", "Science", "Podcasts" };

    public static string Esc(string s)
    {
        if (s.AsSpan().IndexOfAny("&<>\"") < 0) return s;
        return s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");
    }

    public static string Slug(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (char c in s.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c)) sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        return sb.ToString().Trim('-');
    }

    public static string Url(GeneratedArticle a, string headline) =>
        $"https://www.{a.Outlet.Domain}/{a.Story.Topic.Name}/{a.Published:yyyy'/'MM}/{Slug(headline)}";

    public static string Render(GeneratedArticle a, ulong seed)
    {
        var r = Rng.For(seed, "html", a.Index);
        int style = a.Outlet.Style;
        var sb = new StringBuilder(32 * 1024);
        string iso = a.Published.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", Inv);
        string url = Url(a, a.Headline);
        string byName = a.Kind == ArticleKind.WireCopy && r.Chance(0.4) ? a.Agency!.Name : a.Author;

        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        sb.Append($"<title>{Esc(a.Headline)} | {Esc(a.Outlet.Name)}</title>\n");
        if (a.Standfirst != null) sb.Append($"<meta name=\"description\" content=\"{Esc(a.Standfirst)}\">\n");
        sb.Append($"<link rel=\"canonical\" href=\"{url}\">\n");
        sb.Append($"<meta property=\"og:type\" content=\"article\">\n<meta property=\"og:title\" content=\"{Esc(a.Headline)}\">\n");
        sb.Append($"<meta property=\"og:site_name\" content=\"{Esc(a.Outlet.Name)}\">\n<meta property=\"og:url\" content=\"{url}\">\n");
        sb.Append($"<meta property=\"og:image\" content=\"https://static.{a.Outlet.Domain}/img/{a.Id}-1200.jpg\">\n");
        sb.Append($"<meta property=\"article:published_time\" content=\"{iso}\">\n");
        sb.Append($"<meta property=\"article:section\" content=\"{Sections[r.Next(Sections.Length)]}\">\n");
        if (r.Chance(0.8))
        {
            var ld = new Dictionary<string, object?>
            {
                ["@context"] = "https://schema.org", ["@type"] = "NewsArticle", ["headline"] = a.Headline,
                ["datePublished"] = iso, ["dateModified"] = a.Published.AddMinutes(r.Range(0, 90)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", Inv),
                ["author"] = a.Kind == ArticleKind.WireCopy && byName == a.Agency!.Name
                    ? new Dictionary<string, object?> { ["@type"] = "Organization", ["name"] = byName }
                    : new Dictionary<string, object?> { ["@type"] = "Person", ["name"] = a.Author },
                ["publisher"] = new Dictionary<string, object?> { ["@type"] = "Organization", ["name"] = a.Outlet.Name, ["logo"] = new Dictionary<string, object?> { ["@type"] = "ImageObject", ["url"] = $"https://static.{a.Outlet.Domain}/logo.png" } },
                ["mainEntityOfPage"] = url, ["description"] = a.Standfirst,
                ["image"] = new[] { $"https://static.{a.Outlet.Domain}/img/{a.Id}-1200.jpg" },
            };
            sb.Append("<script type=\"application/ld+json\">").Append(JsonSerializer.Serialize(ld, Json)).Append("</script>\n");
        }
        AppendStyle(sb, style);
        AppendScript(sb, a, r);
        sb.Append("</head>\n");

        switch (style)
        {
            case 0: Template0(sb, a, r, byName, iso); break;
            case 1: Template1(sb, a, r, byName, iso); break;
            case 2: Template2(sb, a, r, byName, iso); break;
            default: TemplateAgency(sb, a, r, iso); break;
        }
        sb.Append("</html>\n");
        return sb.ToString();
    }

    private static void AppendStyle(StringBuilder sb, int style)
    {
        sb.Append("<style>\n");
        string[] blocks = { "header", "nav", "story", "byline", "figure", "aside", "related", "footer", "newsletter", "ticker", "share", "card" };
        foreach (var b in blocks)
        {
            sb.Append($".{b}-{style}{{margin:0 auto;padding:12px 16px;max-width:1180px;font:16px/1.5 Georgia,serif;color:#1a1a1a}}\n");
            sb.Append($".{b}-{style} a{{color:#0b4f8a;text-decoration:none}} .{b}-{style} a:hover{{text-decoration:underline}}\n");
            sb.Append($"@media (max-width:720px){{.{b}-{style}{{padding:8px;font-size:15px}}}}\n");
        }
        sb.Append("</style>\n");
    }

    private static void AppendScript(StringBuilder sb, GeneratedArticle a, Rng r)
    {
        // The page state and analytics configuration real sites inline; no article text in it.
        sb.Append("<script>window.__PAGE_STATE__={\"page\":{\"id\":\"").Append(a.Id).Append("\",\"type\":\"article\",\"section\":\"")
          .Append(a.Story.Topic.Name).Append("\"},\"ads\":{\"slots\":[");
        for (int i = 0; i < 24; i++)
            sb.Append(i > 0 ? "," : "").Append($"{{\"id\":\"ad-slot-{i}\",\"sizes\":[[300,250],[728,90]],\"targeting\":{{\"pos\":\"{i}\",\"kw\":\"{a.Story.Topic.Name}\",\"r\":{r.Next(1000)}}}}}");
        sb.Append("]},\"experiments\":{");
        for (int i = 0; i < 30; i++) sb.Append(i > 0 ? "," : "").Append($"\"exp_{i}\":{{\"bucket\":{r.Next(100)},\"enabled\":{(r.Chance(0.5) ? "true" : "false")}}}");
        sb.Append("}};\n(function(w,d){var q=w.q=w.q||[];function t(e){q.push([e,Date.now()])}d.addEventListener('scroll',function(){t('scroll')});t('view');})(window,document);</script>\n");
    }

    private static void Nav(StringBuilder sb, string cls, Outlet o)
    {
        sb.Append($"<nav class=\"{cls}\"><ul>");
        foreach (var s in Sections) sb.Append($"<li><a href=\"https://www.{o.Domain}/{s.ToLowerInvariant()}\">{s}</a></li>");
        sb.Append("</ul></nav>\n");
    }

    private static void Figure(StringBuilder sb, GeneratedArticle a, string cls)
    {
        if (a.Caption == null) return;
        sb.Append($"<figure class=\"{cls}\"><img src=\"https://static.{a.Outlet.Domain}/img/{a.Id}-800.jpg\" alt=\"\" width=\"800\" height=\"450\"><figcaption>{Esc(a.Caption)}</figcaption></figure>\n");
    }

    private static void Body(StringBuilder sb, GeneratedArticle a, Rng r, string related)
    {
        for (int i = 0; i < a.Paragraphs.Count; i++)
        {
            sb.Append("<p>").Append(Esc(a.Paragraphs[i])).Append("</p>\n");
            if (i == 2 && r.Chance(0.6))
                sb.Append($"<aside class=\"{related}\"><h4>Read more</h4><a href=\"{Url(a, a.Others[0].Headlines[1])}\">{Esc(a.Others[0].Headlines[1])}</a></aside>\n");
        }
    }

    private static void MostRead(StringBuilder sb, GeneratedArticle a, Rng r, string cls, string title)
    {
        sb.Append($"<section class=\"{cls}\"><h3>{title}</h3><ol>");
        foreach (var o in a.Others.Take(5))
            sb.Append($"<li><a href=\"{Url(a, o.Headlines[0])}\">{Esc(o.Headlines[0])}</a> <span class=\"time\">{TextRenderer.Ago(r)}</span></li>");
        sb.Append("</ol></section>\n");
    }

    private static void Cards(StringBuilder sb, GeneratedArticle a, Rng r, string cls, string title)
    {
        sb.Append($"<section class=\"{cls}\"><h2>{title}</h2>\n");
        foreach (var o in a.Others.Skip(3).Take(4))
            sb.Append($"<div class=\"card-x\"><a href=\"{Url(a, o.Headlines[2])}\"><img src=\"https://static.{a.Outlet.Domain}/img/t{o.Id}.jpg\" alt=\"\"><h3>{Esc(o.Headlines[2])}</h3></a><p>{Esc(TextRenderer.Cut(o.Leads[1], r))}</p><span>{TextRenderer.Ago(r)}</span></div>\n");
        sb.Append("</section>\n");
    }

    private static void Footer(StringBuilder sb, GeneratedArticle a, string cls)
    {
        sb.Append($"<footer class=\"{cls}\"><ul><li><a href=\"/about\">About us</a></li><li><a href=\"/contact\">Contact</a></li><li><a href=\"/privacy\">Privacy policy</a></li><li><a href=\"/terms\">Terms of use</a></li><li><a href=\"/advertise\">Advertise with us</a></li><li><a href=\"/jobs\">Jobs</a></li></ul>");
        sb.Append($"<p>© {a.Published.Year} {Esc(a.Outlet.Name)}. All rights reserved.</p></footer>\n");
        sb.Append("<script>(function(){var s=document.createElement('script');s.async=true;s.src='/assets/app.bundle.js';document.body.appendChild(s);})();</script>\n");
    }

    private static void Template0(StringBuilder sb, GeneratedArticle a, Rng r, string byName, string iso)
    {
        sb.Append("<body class=\"article-page\">\n<header class=\"header-0\"><a class=\"logo\" href=\"/\">").Append(Esc(a.Outlet.Name)).Append("</a>\n");
        Nav(sb, "nav-0", a.Outlet);
        sb.Append("</header>\n");
        sb.Append($"<div class=\"ticker-0\"><strong>Breaking</strong> <a href=\"{Url(a, a.Others[1].Headlines[0])}\">{Esc(a.Others[1].Headlines[0])}</a></div>\n");
        sb.Append("<main>\n<article class=\"story-0\">\n");
        sb.Append($"<h1 class=\"story__headline\">{Esc(a.Headline)}</h1>\n");
        if (a.Standfirst != null) sb.Append($"<p class=\"story__dek\">{Esc(a.Standfirst)}</p>\n");
        sb.Append($"<div class=\"byline-0\">By <a rel=\"author\" href=\"/authors/{Slug(byName)}\">{Esc(byName)}</a> <time datetime=\"{iso}\">{a.Published:MMMM d, yyyy}</time></div>\n");
        Figure(sb, a, "figure-0");
        sb.Append("<div class=\"story__body\">\n");
        Body(sb, a, r, "related-inline");
        sb.Append("</div>\n<div class=\"share-0\"><a href=\"#\">Share on Facebook</a> <a href=\"#\">Share on X</a> <a href=\"#\">Email</a></div>\n</article>\n");
        sb.Append("<aside class=\"aside-0\">\n");
        MostRead(sb, a, r, "most-read", "Most read");
        sb.Append($"<section class=\"newsletter-0\"><h3>Get the {Esc(a.Outlet.Name)} morning briefing</h3><form><input type=\"email\" placeholder=\"Your email\"><button>Sign up</button></form></section>\n");
        sb.Append("</aside>\n</main>\n");
        Cards(sb, a, r, "related-0", "Top Stories");
        Footer(sb, a, "footer-0");
        sb.Append("</body>\n");
    }

    private static void Template1(StringBuilder sb, GeneratedArticle a, Rng r, string byName, string iso)
    {
        sb.Append("<body>\n<div id=\"page\">\n<div class=\"hdr\"><div class=\"brand\">").Append(Esc(a.Outlet.Name)).Append("</div>\n");
        Nav(sb, "menu", a.Outlet);
        sb.Append("<div class=\"crumbs\"><a href=\"/\">Home</a> › <a href=\"/news\">News</a> › ").Append(Esc(a.Story.Region)).Append("</div></div>\n");
        sb.Append("<div class=\"content-wrap\">\n<div class=\"col-main\">\n<div class=\"article-header\">");
        sb.Append($"<h1>{Esc(a.Headline)}</h1>");
        if (a.Standfirst != null) sb.Append($"<h2 class=\"summary\">{Esc(a.Standfirst)}</h2>");
        sb.Append("</div>\n");
        sb.Append($"<div class=\"meta\"><span class=\"author\">{Esc(byName)}</span> | <span class=\"date\">Updated {TextRenderer.Ago(r)}</span></div>\n");
        sb.Append($"<div class=\"newsletter-1\">Sign up for the {Esc(a.Outlet.Name)} morning briefing <a href=\"/newsletters\">Subscribe</a></div>\n");
        Figure(sb, a, "pic");
        sb.Append("<div class=\"article-body\" itemprop=\"articleBody\">\n");
        Body(sb, a, r, "inline-promo");
        sb.Append("</div>\n");
        sb.Append($"<div class=\"newsletter-1\">Sign up for the {Esc(a.Outlet.Name)} morning briefing <a href=\"/newsletters\">Subscribe</a></div>\n");
        sb.Append("<div class=\"tags\">");
        foreach (var t in new[] { a.Story.City, a.Story.Region, a.Story.Topic.Name }) sb.Append($"<a href=\"/tag/{Slug(t)}\">{Esc(t)}</a> ");
        sb.Append("</div>\n</div>\n<div class=\"col-side\">\n");
        MostRead(sb, a, r, "popular", "Trending now");
        sb.Append("<div class=\"ad\">Advertisement</div>\n</div>\n</div>\n");
        Cards(sb, a, r, "more-1", $"More from {Esc(a.Outlet.Name)}");
        Footer(sb, a, "site-footer");
        sb.Append("</div>\n</body>\n");
    }

    private static void Template2(StringBuilder sb, GeneratedArticle a, Rng r, string byName, string iso)
    {
        sb.Append("<body>\n<div class=\"top-bar\"><a href=\"/subscribe\">Subscribe</a> <a href=\"/login\">Log in</a></div>\n");
        sb.Append("<header class=\"masthead\">").Append(Esc(a.Outlet.Name)).Append("</header>\n");
        Nav(sb, "sections", a.Outlet);
        sb.Append("<div class=\"layout\">\n<section class=\"c-entry\">\n");
        sb.Append($"<header class=\"c-entry__header\"><h1 class=\"c-entry__title\">{Esc(a.Headline)}</h1>");
        if (a.Standfirst != null) sb.Append($"<p class=\"c-entry__dek\">{Esc(a.Standfirst)}</p>");
        sb.Append("</header>\n");
        Figure(sb, a, "c-entry__figure");
        sb.Append("<div class=\"c-entry__content\">\n");
        Body(sb, a, r, "c-related");
        sb.Append("</div>\n");
        sb.Append($"<div class=\"c-byline\">By {Esc(byName)}, {Esc(a.Kind == ArticleKind.WireCopy ? a.Agency!.Name : a.Outlet.Name)} · <time datetime=\"{iso}\">{a.Published:d MMM yyyy HH:mm}</time></div>\n");
        sb.Append("</section>\n<aside class=\"rail\">\n");
        MostRead(sb, a, r, "rail__list", "Latest");
        sb.Append("</aside>\n</div>\n");
        Cards(sb, a, r, "c-more", "Top Stories");
        Footer(sb, a, "c-footer");
        sb.Append("</body>\n");
    }

    private static void TemplateAgency(StringBuilder sb, GeneratedArticle a, Rng r, string iso)
    {
        sb.Append("<body class=\"wire\">\n<header class=\"wire-head\"><span class=\"agency\">").Append(Esc(a.Outlet.Name)).Append("</span>\n");
        Nav(sb, "wire-nav", a.Outlet);
        sb.Append("</header>\n<article class=\"wire-story\">\n");
        sb.Append($"<h1>{Esc(a.Headline)}</h1>\n<p class=\"wire-meta\">By {Esc(a.Author)} · <time datetime=\"{iso}\">{a.Published:d MMMM yyyy, HH:mm} GMT</time></p>\n");
        Figure(sb, a, "wire-photo");
        sb.Append("<div class=\"wire-body\">\n");
        foreach (var p in a.Paragraphs) sb.Append("<p>").Append(Esc(p)).Append("</p>\n");
        sb.Append("</div>\n<p class=\"wire-copyright\">Copyright ").Append(a.Published.Year).Append(' ').Append(Esc(a.Outlet.Name)).Append(". Licensed for republication by subscribers.</p>\n</article>\n");
        MostRead(sb, a, r, "wire-latest", $"More from {Esc(a.Outlet.Short!)}");
        Footer(sb, a, "wire-footer");
        sb.Append("</body>\n");
    }
}
