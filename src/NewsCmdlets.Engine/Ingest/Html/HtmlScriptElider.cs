namespace NewsCmdlets.Engine.Ingest.Html;

/// <summary>
/// Leaves the text of &lt;script&gt; and &lt;style&gt; elements out of the markup before it is parsed: often half of a
/// saved page's characters, which the parser would read one by one into strings that the extractor never reads (it
/// skips scripts and styles; only JSON-LD scripts are read, and those are kept). The elements themselves stay, empty,
/// so the parsed page has the same elements, attributes and text everywhere else.
/// <para>
/// The scan follows the HTML tokenizer where it matters for finding those elements: comments, doctypes and bogus
/// comments, tags with quoted and unquoted attribute values, and the raw text of title, textarea, xmp, iframe, noembed
/// and noframes. It stops (the rest of the page is parsed as it is) where a tokenizer alone cannot tell what the parser
/// will do, or where this scan does not follow the tokenizer: at an &lt;svg&gt; that holds more than plain drawing
/// elements, at the first &lt;math&gt; or &lt;select&gt; (the tree builder decides there whether a script's text is raw
/// text), at frames and &lt;plaintext&gt;, at a script
/// whose text holds "&lt;!--" (escaped script text), at a comment closed by "--!&gt;" and at anything left unterminated.
/// </para>
/// </summary>
internal static class HtmlScriptElider
{
    [ThreadStatic] private static List<(int From, int To)>? _cuts;

    /// <summary>The markup with the text of scripts and styles left out, or <paramref name="html"/> itself when nothing was left out.</summary>
    public static string Elide(string html)
    {
        if (!TryElide(html, out var buffer, out int length)) return html;
        string result = new(buffer, 0, length);
        System.Buffers.ArrayPool<char>.Shared.Return(buffer);
        return result;
    }

    /// <summary>
    /// The markup with the text of scripts and styles left out, in a buffer rented from the shared pool (the caller
    /// returns it once nothing reads the parsed page any more); false, and no buffer, when nothing was left out.
    /// </summary>
    public static bool TryElide(string html, out char[] buffer, out int length)
    {
        var cuts = _cuts ??= new List<(int From, int To)>();
        cuts.Clear();
        buffer = null!;
        length = 0;
        FindCuts(html, cuts);
        if (cuts.Count == 0) return false;
        length = html.Length;
        foreach (var (from, to) in cuts) length -= to - from;
        buffer = System.Buffers.ArrayPool<char>.Shared.Rent(Math.Max(length, 1));
        int copied = 0, at = 0;
        foreach (var (from, to) in cuts)
        {
            html.AsSpan(copied, from - copied).CopyTo(buffer.AsSpan(at));
            at += from - copied;
            copied = to;
        }
        html.AsSpan(copied).CopyTo(buffer.AsSpan(at));
        if (cuts.Capacity > 4096) _cuts = null;
        return true;
    }

    /// <summary>The ranges of script and style text to leave out, in order, up to the first thing the scan cannot follow.</summary>
    private static void FindCuts(string html, List<(int From, int To)> cuts)
    {
        int pos = 0, n = html.Length;
        while (pos < n)
        {
            int lt = html.IndexOf('<', pos);
            if (lt < 0 || lt + 1 >= n) break;
            char c = html[lt + 1];
            if (c == '!')
            {
                if (lt + 3 < n && html[lt + 2] == '-' && html[lt + 3] == '-')
                {
                    // A comment: "<!-->" and "<!--->" are whole comments; otherwise it ends at the first "-->" (a "--!>"
                    // before it, which also ends it, is not followed here).
                    int start = lt + 4;
                    if (start < n && html[start] == '>') { pos = start + 1; continue; }
                    if (start + 1 < n && html[start] == '-' && html[start + 1] == '>') { pos = start + 2; continue; }
                    int end = html.IndexOf("-->", start, StringComparison.Ordinal);
                    if (end < 0 || html.AsSpan(start, end - start).IndexOf("--!>", StringComparison.Ordinal) >= 0) break;
                    pos = end + 3;
                    continue;
                }
                // A doctype, or a bogus comment (CDATA outside foreign content is one): up to the first '>'.
                int gt = html.IndexOf('>', lt + 2);
                if (gt < 0) break;
                pos = gt + 1;
                continue;
            }
            if (c == '?')
            {
                int gt = html.IndexOf('>', lt + 2);
                if (gt < 0) break;
                pos = gt + 1;
                continue;
            }
            if (c == '/')
            {
                if (lt + 2 >= n) break;
                if (char.IsAsciiLetter(html[lt + 2]))
                {
                    int end = TagEnd(html, NameEnd(html, lt + 2));
                    if (end < 0) break;
                    pos = end + 1;
                    continue;
                }
                // "</>" is dropped; "</" and anything else starts a bogus comment up to the first '>'.
                int gt = html.IndexOf('>', lt + 2);
                if (gt < 0) break;
                pos = gt + 1;
                continue;
            }
            if (!char.IsAsciiLetter(c)) { pos = lt + 1; continue; } // a '<' that is text

            int nameEnd = NameEnd(html, lt + 1);
            int tagEnd = TagEnd(html, nameEnd);
            if (tagEnd < 0) break;
            var name = html.AsSpan(lt + 1, nameEnd - (lt + 1));
            pos = tagEnd + 1;
            if (Is(name, "script"))
            {
                int close = ScriptEnd(html, pos);
                if (close < 0) break;
                // A JSON-LD script is read: kept whenever its start tag could say ld+json (literally, or with a character reference).
                var tag = html.AsSpan(nameEnd, tagEnd - nameEnd);
                bool keep = tag.IndexOf('&') >= 0 || tag.IndexOf("ld+json", StringComparison.OrdinalIgnoreCase) >= 0;
                if (!keep && close > pos) cuts.Add((pos, close));
                pos = close;
            }
            else if (Is(name, "style"))
            {
                int close = RawTextEnd(html, pos, "style");
                if (close < 0) break;
                if (close > pos) cuts.Add((pos, close));
                pos = close;
            }
            else if (Is(name, "title") || Is(name, "textarea") || Is(name, "xmp") || Is(name, "iframe") || Is(name, "noembed") || Is(name, "noframes"))
            {
                int close = RawTextEnd(html, pos, name.ToString().ToLowerInvariant());
                if (close < 0) break;
                pos = close;
            }
            else if (Is(name, "svg"))
            {
                // An icon or drawing in SVG: after its end tag the parser is back in HTML. Anything else in SVG: stop.
                TagEnd(html, nameEnd, out bool selfClosing);
                if (selfClosing) continue;
                int after = PlainSvgEnd(html, pos);
                if (after < 0) break;
                pos = after;
            }
            else if (Is(name, "math") || Is(name, "select"))
                break; // the tree builder decides from here on
            else if (Is(name, "frameset") || Is(name, "frame") || Is(name, "plaintext"))
                break;
        }
    }

    private static bool Is(ReadOnlySpan<char> name, string tag) => name.Equals(tag, StringComparison.OrdinalIgnoreCase);

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\f' or '\r';

    /// <summary>The end of a tag name: the first white space, '/' or '&gt;' (everything else, even '"', is part of the name).</summary>
    private static int NameEnd(string s, int i)
    {
        while (i < s.Length && !IsSpace(s[i]) && s[i] is not ('/' or '>')) i++;
        return i;
    }

    /// <summary>The index of the '&gt;' that ends a tag whose name ends at <paramref name="i"/>, by the tokenizer's attribute states; -1 at the end of the input.</summary>
    private static int TagEnd(string s, int i) => TagEnd(s, i, out _);

    /// <summary>
    /// As <see cref="TagEnd(string, int)"/>; <paramref name="selfClosing"/> when a '/' outside an attribute value comes
    /// right before the '&gt;' ("&lt;svg/&gt;", not "&lt;svg a=b/&gt;", whose '/' belongs to the value).
    /// </summary>
    private static int TagEnd(string s, int i, out bool selfClosing)
    {
        int n = s.Length;
        selfClosing = false;
        while (true)
        {
            // Before an attribute name.
            bool slash = false;
            while (i < n && (IsSpace(s[i]) || s[i] == '/')) { slash = s[i] == '/'; i++; }
            if (i >= n) return -1;
            if (s[i] == '>') { selfClosing = slash; return i; }
            // The name: up to white space, '/', '>' or '=' (a leading '=' is part of it).
            i++;
            while (i < n && !IsSpace(s[i]) && s[i] is not ('/' or '>' or '=')) i++;
            // After the name.
            while (i < n && IsSpace(s[i])) i++;
            if (i >= n) return -1;
            if (s[i] != '=') continue; // '/', '>' or the next attribute's name
            i++;
            while (i < n && IsSpace(s[i])) i++;
            if (i >= n) return -1;
            char q = s[i];
            if (q is '"' or '\'')
            {
                int close = s.IndexOf(q, i + 1);
                if (close < 0) return -1;
                i = close + 1; // after a quoted value anything but white space, '/' and '>' starts the next attribute
                continue;
            }
            if (q == '>') return i;
            // Unquoted: up to white space or '>' (quotes, '=', '<' and '/' belong to the value).
            while (i < n && !IsSpace(s[i]) && s[i] != '>') i++;
        }
    }

    /// <summary>SVG elements that draw or group (no text integration points, nothing that leaves SVG for HTML); title and desc with text only.</summary>
    private static readonly string[] PlainSvgElements =
    {
        "svg", "g", "path", "circle", "rect", "ellipse", "line", "polyline", "polygon", "defs", "use", "symbol",
        "lineargradient", "radialgradient", "stop", "clippath", "mask", "pattern", "title", "desc",
    };

    private static bool IsPlainSvgElement(ReadOnlySpan<char> name)
    {
        foreach (var e in PlainSvgElements)
            if (name.Equals(e, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    /// <summary>
    /// The index after the '&gt;' of the "&lt;/svg&gt;" that closes an &lt;svg&gt; whose content starts at
    /// <paramref name="from"/>, when that content is plain drawing: only the elements of <see cref="PlainSvgElements"/>
    /// (title and desc holding text only), text, no comments; -1 otherwise. After it the parser is back in HTML.
    /// </summary>
    private static int PlainSvgEnd(string s, int from)
    {
        int depth = 1, i = from, n = s.Length;
        while (true)
        {
            int lt = s.IndexOf('<', i);
            if (lt < 0 || lt + 2 >= n) return -1;
            char c = s[lt + 1];
            bool end = c == '/';
            int nameStart = end ? lt + 2 : lt + 1;
            if (!char.IsAsciiLetter(s[nameStart]))
            {
                if (end || c is '!' or '?') return -1;
                i = lt + 1; // a '<' that is text
                continue;
            }
            int nameEnd = NameEnd(s, nameStart);
            var name = s.AsSpan(nameStart, nameEnd - nameStart);
            if (!IsPlainSvgElement(name)) return -1;
            int gt = TagEnd(s, nameEnd, out bool selfClosing);
            if (gt < 0) return -1;
            i = gt + 1;
            bool svg = Is(name, "svg");
            if (end)
            {
                if (svg && --depth == 0) return i;
                continue;
            }
            if (selfClosing) continue;
            if (svg) depth++;
            else if (Is(name, "title") || Is(name, "desc"))
            {
                // Text only, up to its end tag.
                int next = s.IndexOf('<', i);
                if (next < 0 || !IsEndTag(s, next, Is(name, "title") ? "title" : "desc")) return -1;
            }
        }
    }

    /// <summary>Whether "&lt;/name" at <paramref name="i"/> (the '&lt;') is the end tag of a raw text element: the name in any case, then white space, '/' or '&gt;'.</summary>
    private static bool IsEndTag(string s, int i, string name)
    {
        int after = i + 2 + name.Length;
        return after < s.Length && s[i + 1] == '/' && s.AsSpan(i + 2, name.Length).Equals(name, StringComparison.OrdinalIgnoreCase) &&
               (IsSpace(s[after]) || s[after] is '/' or '>');
    }

    /// <summary>Where the raw text (RAWTEXT or RCDATA) of an element named <paramref name="name"/> starting at <paramref name="from"/> ends: the '&lt;' of its end tag, or -1.</summary>
    private static int RawTextEnd(string s, int from, string name)
    {
        int i = from;
        while (true)
        {
            i = s.IndexOf("</", i, StringComparison.Ordinal);
            if (i < 0) return -1;
            if (IsEndTag(s, i, name)) return i;
            i += 2;
        }
    }

    /// <summary>
    /// Where a script's text starting at <paramref name="from"/> ends: the '&lt;' of the first "&lt;/script" followed by
    /// white space, '/' or '&gt;'; -1 when there is none, or when "&lt;!--" comes before it (the tokenizer's escaped
    /// script states, in which a "&lt;script&gt;" written by the script can move the end further: not followed here).
    /// </summary>
    private static int ScriptEnd(string s, int from)
    {
        int end = RawTextEnd(s, from, "script");
        if (end < 0 || s.AsSpan(from, end - from).IndexOf("<!--", StringComparison.Ordinal) >= 0) return -1;
        return end;
    }
}

/// <summary>
/// A page as the parser reads it: the prepared markup, or that markup without the text of its scripts and styles in a
/// buffer rented from the shared pool, returned on <see cref="Dispose"/> (after the parsed document is let go: the
/// parser may keep slices of its input in the document).
/// </summary>
internal struct ElidedPage : IDisposable
{
    private readonly string _markup;
    private char[]? _buffer;
    private readonly int _length;

    private ElidedPage(string markup, char[]? buffer, int length) { _markup = markup; _buffer = buffer; _length = length; }

    public static ElidedPage Of(string markup) =>
        HtmlScriptElider.TryElide(markup, out var buffer, out int length) ? new(markup, buffer, length) : new(markup, null, 0);

    /// <summary>Whether the text of some scripts or styles was left out.</summary>
    public readonly bool IsElided => _buffer != null;

    public readonly AngleSharp.Html.Dom.IHtmlDocument Parse(AngleSharp.Html.Parser.HtmlParser parser) =>
        _buffer == null ? parser.ParseDocument(_markup) : parser.ParseDocument(new ReadOnlyMemory<char>(_buffer, 0, _length));

    public void Dispose()
    {
        if (_buffer != null) System.Buffers.ArrayPool<char>.Shared.Return(_buffer);
        _buffer = null;
    }
}
