using System.Text;

namespace NewsCmdlets.Engine.Ingest.Html;

/// <summary>
/// A linear scan over the markup before it is parsed, which keeps the parser's work and memory bounded:
/// elements nested deeper than <see cref="MaxDepth"/> lose their tags (their text stays), because HTML tree building
/// costs time quadratic in the nesting depth; and a page larger than <see cref="MaxChars"/> first loses its scripts
/// and styles, then is cut. Pages within both limits are returned unchanged (the scan allocates nothing).
/// </summary>
internal static class HtmlPreparer
{
    /// <summary>Deepest element nesting kept; real pages stay below 100.</summary>
    public const int MaxDepth = 400;

    /// <summary>Largest page (in characters) handed to the parser: 16 Mi characters.</summary>
    public const int MaxChars = 16 * 1024 * 1024;

    private static readonly HashSet<string> Void = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
        "keygen", "command", "basefont", "bgsound", "frame", "image", "isindex", "nextid", "spacer",
    };

    // Elements whose end tag may be left out: they do not nest, so they are not counted as depth.
    private static readonly HashSet<string> OptionalEnd = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "rb", "rt", "rtc", "rp",
        "colgroup", "caption", "html", "head", "body",
    };

    private static readonly HashSet<string> RawText = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext",
    };

    public static string Prepare(string html, List<string> warnings, List<string> decisions)
    {
        bool tooLarge = html.Length > MaxChars;
        int maxDepth = Scan(html, null, stripScripts: false);
        if (maxDepth <= MaxDepth && !tooLarge) return html;

        var sb = new StringBuilder(Math.Min(html.Length, MaxChars + 1024));
        Scan(html, sb, stripScripts: tooLarge);
        if (maxDepth > MaxDepth)
        {
            warnings.Add($"The page nests elements {maxDepth:N0} deep; tags below depth {MaxDepth} were ignored (their text was kept).");
            decisions.Add($"markup nested {maxDepth:N0} deep: flattened below depth {MaxDepth}");
        }
        string result = sb.ToString();
        if (tooLarge)
        {
            decisions.Add($"page of {html.Length:N0} characters: scripts and styles dropped before parsing ({result.Length:N0} left)");
            if (result.Length > MaxChars)
            {
                int cut = result.LastIndexOf('<', MaxChars - 1);
                if (cut < MaxChars / 2) cut = MaxChars;
                result = result[..cut];
                warnings.Add($"The page is {html.Length / (1024 * 1024.0):0.#} Mi characters long; only the first {MaxChars / (1024 * 1024)} Mi characters were read.");
                decisions.Add($"page cut at {cut:N0} characters");
            }
        }
        return result;
    }

    /// <summary>Returns the deepest nesting seen; writes the markup with too-deep tags (and, optionally, scripts) left out to <paramref name="sb"/>.</summary>
    private static int Scan(string s, StringBuilder? sb, bool stripScripts)
    {
        int depth = 0, max = 0, pos = 0, copied = 0;
        int n = s.Length;
        while (pos < n)
        {
            int lt = s.IndexOf('<', pos);
            if (lt < 0 || lt + 1 >= n) break;
            char c1 = s[lt + 1];
            if (c1 == '!')
            {
                int end = lt + 3 < n && s[lt + 2] == '-' && s[lt + 3] == '-' ? s.IndexOf("-->", lt + 4, StringComparison.Ordinal) : s.IndexOf('>', lt + 2);
                pos = end < 0 ? n : end + 1;
                continue;
            }
            if (c1 == '?') { int end = s.IndexOf('>', lt + 2); pos = end < 0 ? n : end + 1; continue; }
            bool closing = c1 == '/';
            int nameStart = closing ? lt + 2 : lt + 1;
            if (nameStart >= n || !char.IsAsciiLetter(s[nameStart])) { pos = lt + 1; continue; }
            int nameEnd = nameStart;
            while (nameEnd < n && (char.IsAsciiLetterOrDigit(s[nameEnd]) || s[nameEnd] is '-' or ':' or '_')) nameEnd++;
            int gt = FindTagEnd(s, nameEnd);
            int tagEnd = gt < 0 ? n : gt + 1;
            var name = s.AsSpan(nameStart, nameEnd - nameStart);
            string? key = LookupKey(name);

            if (closing)
            {
                bool counted = key == null || !(Void.Contains(key) || OptionalEnd.Contains(key));
                if (counted && depth > 0)
                {
                    if (depth > MaxDepth && sb != null) { sb.Append(s, copied, lt - copied); copied = tagEnd; }
                    depth--;
                }
                pos = tagEnd;
                continue;
            }

            bool selfClosing = gt > 0 && s[gt - 1] == '/';
            if (key != null && RawText.Contains(key))
            {
                // Skip to the matching end tag: its content is not markup.
                int close = IndexOfEndTag(s, tagEnd, key);
                int after = close < 0 ? n : (FindTagEnd(s, close + 2 + key.Length) is var g && g >= 0 ? g + 1 : n);
                if (sb != null && stripScripts && key is "script" or "style")
                {
                    sb.Append(s, copied, lt - copied);
                    copied = after;
                }
                pos = after;
                continue;
            }
            bool countsDepth = !selfClosing && (key == null || !(Void.Contains(key) || OptionalEnd.Contains(key)));
            if (countsDepth)
            {
                depth++;
                if (depth > max) max = depth;
                if (depth > MaxDepth && sb != null) { sb.Append(s, copied, lt - copied); copied = tagEnd; }
            }
            pos = tagEnd;
        }
        if (sb != null && copied < n) sb.Append(s, copied, n - copied);
        return max;
    }

    private static string[]? _keys;

    private static string? LookupKey(ReadOnlySpan<char> name)
    {
        if (name.Length > 10) return null;
        var keys = _keys ??= Void.Concat(OptionalEnd).Concat(RawText).ToArray();
        foreach (var k in keys)
            if (k.Length == name.Length && name.Equals(k, StringComparison.OrdinalIgnoreCase)) return k;
        return null;
    }

    /// <summary>The '&gt;' that ends a tag, skipping quoted attribute values (a quote left open is ignored after 2 KiB).</summary>
    private static int FindTagEnd(string s, int from)
    {
        int i = from, n = s.Length;
        while (i < n)
        {
            char c = s[i];
            if (c == '>') return i;
            if (c is '"' or '\'')
            {
                int close = s.IndexOf(c, i + 1, Math.Min(2048, n - i - 1));
                if (close < 0) { i++; continue; }
                i = close + 1;
                continue;
            }
            i++;
        }
        return -1;
    }

    private static int IndexOfEndTag(string s, int from, string name)
    {
        int i = from;
        while (true)
        {
            i = s.IndexOf("</", i, StringComparison.Ordinal);
            if (i < 0) return -1;
            if (i + 2 + name.Length <= s.Length && string.Compare(s, i + 2, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) == 0)
            {
                int after = i + 2 + name.Length;
                if (after >= s.Length || !char.IsAsciiLetterOrDigit(s[after])) return i;
            }
            i += 2;
        }
    }
}
