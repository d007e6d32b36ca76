using System.Text;

namespace NewsCmdlets.Engine.Ingest.Html;

/// <summary>
/// A linear scan over the markup before it is parsed, which keeps the parser's work and memory bounded:
/// elements nested deeper than <see cref="MaxDepth"/> lose their tags (their text stays), because HTML tree building
/// costs time quadratic in the nesting depth; and a page larger than <see cref="MaxChars"/> first loses its scripts
/// and styles, then is cut. Pages within both limits are returned unchanged (the scan allocates only its model of
/// the open elements).
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

    /// <summary>
    /// Most pieces one run of text between tags is handed to the parser in: a character reference (or a stray '&lt;',
    /// or a NUL) ends a piece, and the parser appends each piece to its text node by copying the node, so a run of
    /// thousands of references costs the square of its length. Past this many, an empty &lt;wbr&gt; (no text, no
    /// space) starts a new node; in a script, style, title or textarea, whose text no element can split, each '&lt;'
    /// (the only thing that ends a piece there) becomes '‹'.
    /// </summary>
    public const int MaxPiecesPerTextNode = 256;

    public static string Prepare(string html, List<string> warnings, List<string> decisions)
    {
        bool tooLarge = html.Length > MaxChars;
        var (maxDepth, maxPieces) = Scan(html, null, stripScripts: false);
        if (maxDepth <= MaxDepth && maxPieces <= MaxPiecesPerTextNode && !tooLarge) return html;

        var sb = new StringBuilder(Math.Min(html.Length, MaxChars + 1024));
        Scan(html, sb, stripScripts: tooLarge);
        if (maxDepth > MaxDepth)
        {
            warnings.Add($"The page nests elements {maxDepth:N0} deep; tags below depth {MaxDepth} were ignored (their text was kept).");
            decisions.Add($"markup nested {maxDepth:N0} deep: flattened below depth {MaxDepth}");
        }
        if (maxPieces > MaxPiecesPerTextNode)
            decisions.Add($"a run of text in {maxPieces:N0} pieces (character references, '<'): split every {MaxPiecesPerTextNode} for the parser");
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

    /// <summary>
    /// Returns the deepest nesting seen; writes the markup with too-deep tags (and, optionally, scripts) left out to
    /// <paramref name="sb"/>. The depth is that of a model of the parser's stack of open elements (<see cref="OpenElements"/>),
    /// which may overestimate the real depth but never underestimates it by more than a small factor: an end tag that
    /// the parser ignores (nothing of that name open, or only behind a table, or a formatting element misnested across
    /// a block) is ignored here too, so stray end tags cannot hide nesting.
    /// </summary>
    private static (int MaxDepth, int MaxPieces) Scan(string s, StringBuilder? sb, bool stripScripts)
    {
        int max = 0, pos = 0, copied = 0;
        int pieces = 0, maxPieces = 0; // of the current run of text, and of the longest
        int n = s.Length;
        var open = new OpenElements();
        while (pos < n)
        {
            int lt = s.IndexOf('<', pos);
            CountPieces(s, pos, lt < 0 ? n : lt, ref pieces, sb, ref copied, open.InForeignContent);
            if (pieces > maxPieces) maxPieces = pieces;
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
            if (nameStart >= n || !char.IsAsciiLetter(s[nameStart]))
            {
                // A '<' that is text: it ends a piece too.
                if (++pieces % MaxPiecesPerTextNode == 0 && sb != null && !open.InForeignContent) { sb.Append(s, copied, lt - copied).Append("<wbr>"); copied = lt; }
                if (pieces > maxPieces) maxPieces = pieces;
                pos = lt + 1;
                continue;
            }
            pieces = 0; // a tag: the text after it goes into another node
            int nameEnd = nameStart;
            while (nameEnd < n && (char.IsAsciiLetterOrDigit(s[nameEnd]) || s[nameEnd] is '-' or ':' or '_')) nameEnd++;
            int gt = FindTagEnd(s, nameEnd);
            int tagEnd = gt < 0 ? n : gt + 1;
            var name = s.AsSpan(nameStart, nameEnd - nameStart);
            string? key = LookupKey(name);
            bool counted = key == null || !(Void.Contains(key) || OptionalEnd.Contains(key));

            if (closing)
            {
                if (counted)
                {
                    int target = open.Closes(NameHash(name), IsFormatting(name));
                    if (target >= 0)
                    {
                        // The element closed is kept when it was within the limit; tags of dropped elements go with them.
                        if (target >= MaxDepth && sb != null) { sb.Append(s, copied, lt - copied); copied = tagEnd; }
                        open.PopTo(target);
                    }
                }
                pos = tagEnd;
                continue;
            }

            if (key != null && RawText.Contains(key))
            {
                // Skip to the matching end tag: its content is not markup.
                int close = IndexOfEndTag(s, tagEnd, key);
                int after = close < 0 ? n : (FindTagEnd(s, close + 2 + key.Length) is var g && g >= 0 ? g + 1 : n);
                int contentEnd = close < 0 ? n : close;
                // In script, style, title and the like every '<' ends a piece of text; no element can split such a
                // run, so past the limit its '<' become '‹' (the length, all a script's text counts for, is kept).
                int lts = s.AsSpan(tagEnd, contentEnd - tagEnd).Count('<');
                if (lts > maxPieces) maxPieces = lts;
                if (sb != null && stripScripts && key is "script" or "style")
                {
                    sb.Append(s, copied, lt - copied);
                    copied = after;
                }
                else if (sb != null && lts > MaxPiecesPerTextNode)
                {
                    sb.Append(s, copied, contentEnd - copied).Replace('<', '‹', sb.Length - (contentEnd - tagEnd), contentEnd - tagEnd);
                    copied = contentEnd;
                }
                pos = after;
                continue;
            }
            // "<div/>" opens a div in HTML (the slash is ignored); only inside <svg> and <math> does it close the element.
            ulong hash = NameHash(name);
            bool selfClosing = gt > 0 && s[gt - 1] == '/' && (open.InForeignContent || hash is SvgHash or MathHash);
            if (counted && !selfClosing)
            {
                open.Push(hash, IsFormatting(name), IsScopeBoundary(name), hash is SvgHash or MathHash);
                if (open.Depth > max) max = open.Depth;
                if (open.Depth > MaxDepth && sb != null) { sb.Append(s, copied, lt - copied); copied = tagEnd; }
            }
            pos = tagEnd;
        }
        if (sb != null && copied < n) sb.Append(s, copied, n - copied);
        return (max, maxPieces);
    }

    /// <summary>
    /// Counts the pieces of text in s[from..to) (each '&amp;' or NUL starts one); when rewriting, puts a &lt;wbr&gt;
    /// before every <see cref="MaxPiecesPerTextNode"/>th (not in SVG or MathML, where it would be an element of theirs).
    /// </summary>
    private static void CountPieces(string s, int from, int to, ref int pieces, StringBuilder? sb, ref int copied, bool foreign)
    {
        var span = s.AsSpan(from, to - from);
        int at = 0;
        while (true)
        {
            int k = span[at..].IndexOfAny('&', '\0');
            if (k < 0) return;
            at += k + 1;
            if (++pieces % MaxPiecesPerTextNode == 0 && sb != null && !foreign)
            {
                int p = from + at - 1;
                sb.Append(s, copied, p - copied).Append("<wbr>");
                copied = p;
            }
        }
    }

    /// <summary>
    /// The model of the parser's stack of open elements: the counted elements open, with, for each, where the previous
    /// one of the same name, the previous scope boundary and the previous non-formatting element are, so that every
    /// question an end tag asks is answered in constant time (no search down a stack whose depth the input chooses).
    /// </summary>
    private sealed class OpenElements
    {
        private ulong[] _names = new ulong[64];
        private int[] _prevSame = new int[64], _prevBoundary = new int[64], _prevBlock = new int[64], _prevForeign = new int[64];
        private readonly Dictionary<ulong, int> _top = new();
        private int _topBoundary = -1, _topBlock = -1, _topForeign = -1;

        public int Depth { get; private set; }

        public bool InForeignContent => _topForeign >= 0;

        public void Push(ulong name, bool formatting, bool boundary, bool foreign)
        {
            int i = Depth;
            if (i == _names.Length)
            {
                int size = i * 2;
                Array.Resize(ref _names, size); Array.Resize(ref _prevSame, size); Array.Resize(ref _prevBoundary, size);
                Array.Resize(ref _prevBlock, size); Array.Resize(ref _prevForeign, size);
            }
            _names[i] = name;
            _prevSame[i] = _top.TryGetValue(name, out int same) ? same : -1;
            _top[name] = i;
            _prevBoundary[i] = _topBoundary;
            if (boundary) _topBoundary = i;
            _prevBlock[i] = _topBlock;
            if (!formatting) _topBlock = i;
            _prevForeign[i] = _topForeign;
            if (foreign) _topForeign = i;
            Depth = i + 1;
        }

        /// <summary>The stack index an end tag of this name closes, or -1 when the parser would ignore it.</summary>
        public int Closes(ulong name, bool formatting)
        {
            if (!_top.TryGetValue(name, out int i)) return -1;        // nothing of that name is open
            if (_topBoundary > i) return -1;                           // not in scope: a table (or the like) stands between
            if (formatting && _topBlock > i) return -1;                // misnested across a block: the parser moves, not closes
            return i;
        }

        /// <summary>Pops every element from the top down to and including index <paramref name="i"/>.</summary>
        public void PopTo(int i)
        {
            while (Depth > i)
            {
                int j = --Depth;
                if (_prevSame[j] < 0) _top.Remove(_names[j]);
                else _top[_names[j]] = _prevSame[j];
                _topBoundary = _prevBoundary[j];
                _topBlock = _prevBlock[j];
                _topForeign = _prevForeign[j];
            }
        }
    }

    // The formatting elements, whose misnested end tags the parser resolves by moving elements (the adoption agency).
    private static bool IsFormatting(ReadOnlySpan<char> name) =>
        name.Length <= 6 && (Is(name, "a") || Is(name, "b") || Is(name, "i") || Is(name, "s") || Is(name, "u") || Is(name, "em") ||
                             Is(name, "tt") || Is(name, "big") || Is(name, "code") || Is(name, "font") || Is(name, "nobr") ||
                             Is(name, "small") || Is(name, "strike") || Is(name, "strong"));

    // Elements that bound "has an element in scope": an end tag does not close anything open outside them.
    private static bool IsScopeBoundary(ReadOnlySpan<char> name) =>
        Is(name, "table") || Is(name, "applet") || Is(name, "marquee") || Is(name, "object") || Is(name, "template") ||
        Is(name, "foreignObject") || Is(name, "desc") || Is(name, "annotation-xml");

    private static bool Is(ReadOnlySpan<char> name, string tag) => name.Equals(tag, StringComparison.OrdinalIgnoreCase);

    private const ulong SvgHash = 0x67_76_73; // "svg" as NameHash makes it: the first letter in the lowest byte
    private const ulong MathHash = 0x68_74_61_6D;

    /// <summary>A tag name, ASCII case folded, as a number: the name itself for up to 8 characters, an FNV-1a hash beyond.</summary>
    private static ulong NameHash(ReadOnlySpan<char> name)
    {
        if (name.Length <= 8)
        {
            ulong v = 0;
            for (int i = name.Length - 1; i >= 0; i--) v = (v << 8) | (byte)(char.ToLowerInvariant(name[i]) & 0xFF);
            return v;
        }
        ulong h = 14695981039346656037UL;
        foreach (char ch in name) { h ^= char.ToLowerInvariant(ch); h *= 1099511628211UL; }
        return h | 0x8000_0000_0000_0000UL; // never equal to a short name
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
