using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace NewsCmdlets.Engine.Ingest.Feeds;

/// <summary>Text helpers for feeds: HTML fragments to plain text, white space, and links resolved against a base.</summary>
internal static class FeedText
{
    [ThreadStatic] private static HtmlParser? _parser;

    private static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "table", "figure",
        "figcaption", "section", "article", "header", "footer", "aside", "pre", "hr", "dd", "dt", "dl",
    };

    private static readonly Regex Spaces = new(@"[ \t\u00A0\f\v]+", RegexOptions.CultureInvariant | RegexOptions.Compiled);

    /// <summary>Collapses runs of white space to one space and trims; null for null or blank.</summary>
    public static string? Clean(string? s)
    {
        if (string.IsNullOrWhiteSpace(s)) return null;
        return Regex.Replace(s, @"\s+", " ").Trim();
    }

    /// <summary>True when <paramref name="s"/> holds markup or character references worth decoding as HTML.</summary>
    public static bool HasMarkup(string s) => s.Contains('<') || s.Contains('&');

    /// <summary>Plain text of an HTML fragment, one block (paragraph, list item, heading) a line; null when empty.</summary>
    public static string? HtmlToText(string? html)
    {
        if (string.IsNullOrWhiteSpace(html)) return null;
        if (!HasMarkup(html)) return NormaliseLines(html);
        var parser = _parser ??= new HtmlParser(new HtmlParserOptions { IsScripting = false, SkipComments = true });
        using var doc = parser.ParseDocument("<!doctype html><html><body>" + html + "</body></html>");
        var sb = new StringBuilder(html.Length);
        if (doc.Body != null) Walk(doc.Body, sb);
        return NormaliseLines(sb.ToString());
    }

    /// <summary>Plain text of a title or name: markup and references decoded, white space on one line.</summary>
    public static string? InlineText(string? s)
    {
        if (string.IsNullOrWhiteSpace(s)) return null;
        string? t = HasMarkup(s) ? HtmlToText(s) : s;
        return Clean(t);
    }

    private static void Walk(INode node, StringBuilder sb)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText text:
                    sb.Append(text.Data);
                    break;
                case IElement el:
                    string name = el.LocalName;
                    if (name is "script" or "style" or "noscript" or "template") break;
                    bool block = BlockElements.Contains(name);
                    if (block) sb.Append('\n');
                    Walk(el, sb);
                    if (block) sb.Append('\n');
                    break;
            }
        }
    }

    private static string? NormaliseLines(string s)
    {
        var lines = s.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n')
            .Select(l => Spaces.Replace(l, " ").Trim())
            .Where(l => l.Length > 0)
            .ToList();
        return lines.Count == 0 ? null : string.Join("\n", lines);
    }

    /// <summary>
    /// Resolves <paramref name="href"/> against <paramref name="baseUri"/>; returns the absolute http(s) address, or
    /// null (with <paramref name="problem"/>) when it is not one.
    /// </summary>
    public static string? ResolveLink(string? href, Uri? baseUri, out string? problem)
    {
        problem = null;
        string? h = href?.Trim();
        if (string.IsNullOrEmpty(h)) return null;
        if (Uri.TryCreate(h, UriKind.Absolute, out var abs) && !(abs.IsFile && h.StartsWith('/')))
        {
            if (abs.Scheme is "http" or "https") return abs.AbsoluteUri;
            problem = $"the link '{Clip(h)}' is a {abs.Scheme}: address, not a web page";
            return null;
        }
        if (baseUri != null && baseUri.IsAbsoluteUri && Uri.TryCreate(baseUri, h, out var rel))
        {
            if (rel.Scheme is "http" or "https") return rel.AbsoluteUri;
            problem = $"the relative link '{Clip(h)}' resolves to '{Clip(rel.ToString())}', which is not a web address";
            return null;
        }
        problem = baseUri == null
            ? $"the link '{Clip(h)}' is relative and the feed gives no address to resolve it against"
            : $"the link '{Clip(h)}' is not a valid address";
        return null;
    }

    public static string Clip(string s, int n = 80) => s.Length <= n ? s : s[..n] + "…";
}
