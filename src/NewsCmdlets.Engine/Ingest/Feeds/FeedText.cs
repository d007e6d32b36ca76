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
        s = Regex.Replace(TextDecoder.StripControlCharacters(s), @"\s+", " ").Trim();
        return s.Length == 0 ? null : s;
    }

    /// <summary>True when <paramref name="s"/> holds markup or character references worth decoding as HTML.</summary>
    public static bool HasMarkup(string s) => s.Contains('<') || s.Contains('&');

    /// <summary>Plain text of an HTML fragment, one block (paragraph, list item, heading) a line; null when empty.</summary>
    public static string? HtmlToText(string? html)
    {
        if (string.IsNullOrWhiteSpace(html)) return null;
        if (!HasMarkup(html)) return NormaliseLines(html);
        var parser = _parser ??= new HtmlParser(new HtmlParserOptions { IsScripting = false, SkipComments = true });
        // The same bounds as for pages: markup nested deeper than the preparer's limit loses its tags (not its text)
        // before parsing, whose cost grows with the square of the depth.
        html = Html.HtmlPreparer.Prepare(html, new List<string>(), new List<string>());
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

    /// <summary>
    /// The text of <paramref name="root"/>'s descendants in document order, a line break around each block. Iterative
    /// (an explicit stack of child positions): the depth of a fragment is the input's to choose, the call stack's is not.
    /// </summary>
    private static void Walk(INode root, StringBuilder sb)
    {
        var stack = new Stack<(INode Node, int Next, bool Block)>();
        stack.Push((root, 0, false));
        while (stack.Count > 0)
        {
            var (node, next, block) = stack.Pop();
            var children = node.ChildNodes;
            if (next >= children.Length)
            {
                if (block) sb.Append('\n');
                continue;
            }
            stack.Push((node, next + 1, block));
            switch (children[next])
            {
                case IText text:
                    sb.Append(text.Data);
                    break;
                case IElement el:
                    string name = el.LocalName;
                    if (name is "script" or "style" or "noscript" or "template") break;
                    bool isBlock = BlockElements.Contains(name);
                    if (isBlock) sb.Append('\n');
                    stack.Push((el, 0, isBlock));
                    break;
            }
        }
    }

    private static string? NormaliseLines(string s)
    {
        var lines = TextDecoder.StripControlCharacters(s).Replace("\r\n", "\n").Replace('\r', '\n').Split('\n')
            .Select(l => Spaces.Replace(l, " ").Trim())
            .Where(l => l.Length > 0)
            .ToList();
        return lines.Count == 0 ? null : string.Join("\n", lines);
    }

    /// <summary>See <see cref="WebAddress.Resolve"/>: an absolute http(s) address, or null with the reason.</summary>
    public static string? ResolveLink(string? href, Uri? baseUri, out string? problem)
    {
        string? link = WebAddress.Resolve(href, baseUri, out problem);
        if (problem != null && baseUri == null && problem.EndsWith("no address to resolve it against", StringComparison.Ordinal))
            problem = $"the link '{Clip(href!.Trim())}' is relative and the feed gives no address to resolve it against";
        return link;
    }

    public static string Clip(string s, int n = 80) => s.Length <= n ? s : s[..n] + "…";
}
