using System.Text;
using AngleSharp.Dom;

namespace NewsCmdlets.Engine.Ingest.Html;

/// <summary>One element of the page as the extractor sees it; stored in document (pre-)order, so a parent's index is below its children's.</summary>
internal sealed class DomNode
{
    public required IElement El;
    public required string Tag;
    public int Parent = -1;
    public int Depth;
    public Hint Hint;
    public string? HintWord;
    /// <summary>A block-level element: text inside it forms its own paragraph.</summary>
    public bool IsBlock;
    /// <summary>Navigation, asides, footers, headers, and elements whose class/id reads as chrome.</summary>
    public bool IsChrome;
    public string? ChromeWhy;
    /// <summary>A block of repeated teaser units (linked headline and lead), chrome wherever it sits.</summary>
    public bool IsTeaserList;
    /// <summary>article, main, [itemprop=articleBody], [role=main|article].</summary>
    public bool Semantic;
    public int BlockStart, BlockEnd;
    public int TextChars, LinkChars, LinkCount;
    public int ProseChars;
    public double Score;
    /// <summary>Deepest ancestor-or-self that is a cluster of links (a related-stories list, a tag cloud), or -1.</summary>
    public int Cluster = -1;
}

/// <summary>A run of text between block boundaries: a paragraph, a heading, a list item, a caption.</summary>
internal sealed class TextBlock
{
    public required string Text;
    /// <summary>The innermost block-level element holding the text.</summary>
    public int Owner;
    public int LinkChars;
    public int Words;
    /// <summary>Deepest chrome ancestor (element index), or -1.</summary>
    public int Chrome = -1;
    /// <summary>Deepest figure / figcaption / caption-classed ancestor, or -1.</summary>
    public int Caption = -1;
    public int Byline = -1, Date = -1, Standfirst = -1;
    public int Heading;
    public bool InListItem, InQuote, InPre, InTable;
    /// <summary>The block is a line after a single &lt;br&gt; in the same element as the block before it (lines of one paragraph).</summary>
    public bool AfterBreak;
    public double Value;
    public bool IsProse;
    public double LinkDensity => Text.Length == 0 ? 0 : LinkChars / (double)Text.Length;
}

/// <summary>Everything the metadata readers need, collected in the same walk.</summary>
internal sealed class PageMeta
{
    public readonly List<(string Key, string Content)> Metas = new();
    public readonly List<(string Rel, string Href)> Links = new();
    public readonly List<string> JsonLd = new();
    public readonly List<(int Node, string Prop)> ItemProps = new();
    public readonly List<int> Times = new();
    public readonly List<int> RelAuthors = new();
    public readonly List<int> Bylines = new();
    public readonly List<int> DateNodes = new();
    public readonly List<int> H1s = new();
    public string? Title;
    public string? Lang;
    public int Anchors;
    public int ScriptChars;
    /// <summary>&lt;frame&gt; elements: a frameset page shows other pages and holds no text of its own.</summary>
    public int Frames;
}

/// <summary>
/// Walks the parsed page once, without recursion (explicit stack, child index by index), and turns it into
/// <see cref="DomNode"/>s, <see cref="TextBlock"/>s and the <see cref="PageMeta"/> the metadata readers use.
/// Scripts, styles, forms' controls, embedded media and hidden elements are skipped.
/// </summary>
internal sealed class HtmlDom
{
    public readonly List<DomNode> Nodes = new();
    public readonly List<TextBlock> Blocks = new();
    public readonly PageMeta Meta = new();

    private static readonly HashSet<string> BlockTags = new(StringComparer.Ordinal)
    {
        "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "dir", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr",
        "li", "main", "menu", "nav", "ol", "p", "pre", "section", "table", "tbody", "thead", "tfoot", "tr",
        "caption", "ul", "summary", "legend", "html", "frameset", "listing", "plaintext", "xmp", "output",
    };

    private static readonly HashSet<string> SkipTags = new(StringComparer.Ordinal)
    {
        "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas", "button",
        "select", "textarea", "input", "audio", "video", "map", "title", "head", "link", "meta", "base", "frame",
        "frameset", "noembed", "noframes", "applet", "datalist", "option", "optgroup", "img", "picture", "source", "dialog",
    };

    private static readonly HashSet<string> ChromeRoles = new(StringComparer.OrdinalIgnoreCase)
    {
        "navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog", "menu", "menubar", "toolbar", "tablist",
    };

    private readonly ClassHints _hints = ClassHints.ForPage();

    private struct Ctx
    {
        public int Node, Block, Chrome, Caption, Byline, Date, Standfirst, Heading, HeadingNode;
        public bool ListItem, Quote, Pre, Table;
    }

    private readonly StringBuilder _buf = new();
    private readonly HashSet<int> _brokenHeadings = new();
    private int _bufLink;
    private bool _bufSpace;
    private Ctx _bufCtx;
    private bool _bufHasCtx;
    private int _linkDepth;
    private bool _afterBreak;

    /// <summary>Whether the text of &lt;noscript&gt; elements is read (a page that shows its story only to readers without scripts).</summary>
    private bool _readNoscript;

    /// <summary>Noscript elements seen (and skipped) in the walk.</summary>
    public int NoscriptElements { get; private set; }

    public static HtmlDom Build(IDocument doc, bool readNoscript = false)
    {
        var dom = new HtmlDom { _readNoscript = readNoscript };
        dom.Walk(doc);
        dom.Totals();
        return dom;
    }

    private void Walk(IDocument doc)
    {
        var root = doc.DocumentElement;
        if (root == null) return;
        Meta.Lang = root.GetAttribute("lang") ?? root.GetAttribute("xml:lang");

        var stack = new List<(INode Node, int Child, Ctx Ctx, bool IsBoundary, bool IsLink, int Index)>();
        var rootCtx = new Ctx { Node = -1, Block = -1, Chrome = -1, Caption = -1, Byline = -1, Date = -1, Standfirst = -1 };
        if (!Enter(root, rootCtx, out var ctx0, out bool b0, out bool l0, out int idx0)) return;
        stack.Add((root, 0, ctx0, b0, l0, idx0));

        while (stack.Count > 0)
        {
            var top = stack[^1];
            var children = top.Node.ChildNodes;
            if (top.Child >= children.Length)
            {
                Exit(top.Ctx, top.IsBoundary, top.IsLink, top.Index);
                stack.RemoveAt(stack.Count - 1);
                continue;
            }
            var child = children[top.Child];
            stack[^1] = top with { Child = top.Child + 1 };
            switch (child)
            {
                case IText t:
                    AppendText(t.Data, top.Ctx);
                    break;
                case IElement e:
                    if (Enter(e, top.Ctx, out var c, out bool isBoundary, out bool isLink, out int index))
                        stack.Add((e, 0, c, isBoundary, isLink, index));
                    break;
            }
        }
        Flush();
    }

    /// <summary>Handles an element's start; false when its subtree is skipped.</summary>
    private bool Enter(IElement e, Ctx parent, out Ctx ctx, out bool isBoundary, out bool isLink, out int index)
    {
        ctx = parent;
        isBoundary = false;
        isLink = false;
        index = -1;
        string tag = e.LocalName;

        if (tag == "noscript")
        {
            NoscriptElements++;
            if (_readNoscript) goto read;
        }
        if (SkipTags.Contains(tag))
        {
            if (tag == "head")
            {
                foreach (var c in e.Children) CollectSkipped(c, c.LocalName);
                return false;
            }
            CollectSkipped(e, tag);
            return false;
        }
        read:
        if (tag == "br")
        {
            // A line break ends a line of the paragraph; two in a row end the paragraph.
            bool line = _buf.Length > 0 && _bufHasCtx;
            Flush();
            _afterBreak = line;
            return false;
        }
        if (tag == "hr")
        {
            Flush();
            _afterBreak = false;
            return false;
        }
        // One pass over the attributes (cheaper than several GetAttribute look-ups), by index: no enumerator boxed per element.
        string? cls = null, id = null, itemprop = null, role = null, rel = null;
        bool hasHref = false;
        var attributes = e.Attributes;
        for (int i = 0, count = attributes.Length; i < count; i++)
        {
            var a = attributes[i]!;
            switch (a.Name)
            {
                case "class": cls = a.Value; break;
                case "id": id = a.Value; break;
                case "itemprop": itemprop = a.Value; break;
                case "role": role = a.Value; break;
                case "rel": rel = a.Value; break;
                case "href": hasHref = true; break;
                case "hidden": return false;
                case "aria-hidden":
                    if (a.Value.Equals("true", StringComparison.OrdinalIgnoreCase) && tag is not ("body" or "html" or "main" or "article")) return false;
                    break;
                case "style":
                    if (IsHiddenStyle(a.Value)) return false;
                    break;
            }
        }

        var node = new DomNode { El = e, Tag = tag, Parent = parent.Node, Depth = parent.Node < 0 ? 0 : Nodes[parent.Node].Depth + 1 };
        index = Nodes.Count;
        Nodes.Add(node);
        ctx.Node = index;

        // A heading's id is an anchor made from its text ("nav_the_first_results"), not a role.
        node.Hint = _hints.Classify(cls, IsHeadingTag(tag) ? null : id, out node.HintWord);
        bool block = BlockTags.Contains(tag);
        node.IsBlock = block;

        // Metadata hooks.
        if (itemprop != null) CollectItemProp(index, itemprop);
        switch (tag)
        {
            case "time": Meta.Times.Add(index); break;
            case "h1": Meta.H1s.Add(index); break;
            case "a":
                if (hasHref)
                {
                    isLink = true;
                    _linkDepth++;
                    Meta.Anchors++;
                    node.LinkCount = 1;
                    if (rel != null && rel.Contains("author", StringComparison.OrdinalIgnoreCase)) Meta.RelAuthors.Add(index);
                }
                break;
        }
        if (node.Hint == Hint.Byline) Meta.Bylines.Add(index);
        if (node.Hint == Hint.Date) Meta.DateNodes.Add(index);

        if (tag is "article" or "main" || itemprop != null && itemprop.Contains("articleBody", StringComparison.OrdinalIgnoreCase) ||
            role is "main" or "article")
            node.Semantic = true;

        if (!block)
        {
            // Table cells are joined into one line per row, separated by spaces.
            if (tag is "td" or "th")
            {
                if (_buf.Length > 0) _bufSpace = true;
                ctx.Table = true;
            }
            return true;
        }

        // Block-level element: a paragraph boundary, and the context for the text inside.
        isBoundary = true;
        Flush();
        _afterBreak = false;
        node.BlockStart = Blocks.Count;
        ctx.Block = index;
        // A <header> inside a list item heads that item (the title of an accordion panel, a question of a FAQ), not the page.
        if (tag is "nav" or "aside" or "footer" || tag == "menu" || tag == "header" && !ctx.ListItem)
        {
            node.IsChrome = true; node.ChromeWhy = $"<{tag}> element";
        }
        else if (role != null && ChromeRoles.Contains(role))
        {
            node.IsChrome = true; node.ChromeWhy = $"role={role}";
        }
        else if (node.Hint == Hint.Chrome && tag is not ("body" or "html"))
        {
            node.IsChrome = true; node.ChromeWhy = $"class/id word '{node.HintWord}'";
        }
        if (node.IsChrome) ctx.Chrome = index;
        if (tag is "figure" or "figcaption" || node.Hint == Hint.Caption && tag is not ("body" or "html")) ctx.Caption = index;
        if (node.Hint == Hint.Byline) ctx.Byline = index;
        if (node.Hint == Hint.Date) ctx.Date = index;
        if (node.Hint == Hint.Standfirst) ctx.Standfirst = index;
        if (tag.Length == 2 && tag[0] == 'h' && tag[1] is >= '1' and <= '6') (ctx.Heading, ctx.HeadingNode) = (tag[1] - '0', index);
        // A paragraph is never part of a heading: one inside a heading comes from a heading left unclosed
        // ("<h1>Headline<p>The story…<div>…"), so what the heading holds from there on is the story, not a heading.
        else if (tag == "p" && ctx.Heading > 0)
        {
            _brokenHeadings.Add(ctx.HeadingNode);
            ctx.Heading = 0;
        }
        if (tag is "li" or "dd" or "dt") ctx.ListItem = true;
        if (tag == "blockquote") ctx.Quote = true;
        if (tag is "pre" or "listing" or "xmp") ctx.Pre = true;
        if (tag is "table" or "tr" or "tbody" or "thead" or "tfoot") ctx.Table = true;
        return true;
    }

    private void Exit(Ctx ctx, bool isBoundary, bool isLink, int index)
    {
        if (isLink) _linkDepth--;
        if (index < 0) return;
        var node = Nodes[index];
        if (isBoundary) { Flush(); _afterBreak = false; }
        node.BlockEnd = Blocks.Count;
        if (!isBoundary) node.BlockStart = node.BlockEnd; // inline elements own no blocks of their own
    }

    private void AppendText(string data, Ctx ctx)
    {
        if (!_bufHasCtx)
        {
            // The first non-blank text of a block fixes its context.
            bool any = false;
            foreach (char ch in data) if (!IsSpace(ch)) { any = true; break; }
            if (!any) { if (_buf.Length > 0) _bufSpace = true; return; }
            _bufCtx = ctx;
            _bufHasCtx = true;
        }
        else if (ctx.Block != _bufCtx.Block)
        {
            // Text after a nested block in the same parent ("<div>a<p>b</p>c</div>"): "c" is its own block.
            Flush();
            AppendText(data, ctx);
            return;
        }
        bool inLink = _linkDepth > 0;
        foreach (char ch in data)
        {
            if (IsSpace(ch))
            {
                if (_buf.Length > 0) _bufSpace = true;
                continue;
            }
            // Zero-width spaces, joiners and the byte-order mark are dropped; a soft hyphen (U+00AD, &shy;) is the
            // page's text, as in its source and as a reader copies it (Tokenizer and TextShape read it inside a word).
            if (ch is '\u200B' or '\u200C' or '\u200D' or '\uFEFF') continue;
            if (_bufSpace) { _buf.Append(' '); _bufSpace = false; if (inLink && _bufLink > 0) _bufLink++; }
            _buf.Append(ch);
            if (inLink) _bufLink++;
        }
        if (_buf.Length > 200_000) Flush();
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f' or '\u00A0' or '\u2007' or '\u202F' || c > '\u1000' && char.IsWhiteSpace(c);

    private void Flush()
    {
        if (_buf.Length > 0 && _bufHasCtx)
        {
            var c = _bufCtx;
            string text = _buf.ToString();
            // Composed (NFC) text, as a reader sees it: a letter and its combining mark typed apart match the letter.
            // Text below U+0300 (Latin scripts without combining marks) is composed already: ICU is not asked.
            if (!BelowCombiningMarks(text) && !text.IsNormalized(NormalizationForm.FormC)) text = text.Normalize(NormalizationForm.FormC);
            int owner = c.Block >= 0 ? c.Block : Math.Max(0, c.Node);
            var b = new TextBlock
            {
                Text = text,
                Owner = owner,
                AfterBreak = _afterBreak && Blocks.Count > 0 && Blocks[^1].Owner == owner,
                LinkChars = Math.Min(_bufLink, text.Length),
                Words = NewsCmdlets.Engine.Text.TextShape.CountWords(text),
                Chrome = c.Chrome, Caption = c.Caption, Byline = c.Byline, Date = c.Date, Standfirst = c.Standfirst,
                Heading = c.Heading > 0 && _brokenHeadings.Contains(c.HeadingNode) ? 0 : c.Heading, InListItem = c.ListItem, InQuote = c.Quote, InPre = c.Pre, InTable = c.Table,
            };
            Blocks.Add(b);
            _afterBreak = false;
        }
        _buf.Clear();
        _bufLink = 0;
        _bufSpace = false;
        _bufHasCtx = false;
    }

    /// <summary>Every character is below U+0300, where no character composes with another or has a composed form of its own (NFC as it stands).</summary>
    private static bool BelowCombiningMarks(string s)
    {
        foreach (char c in s)
            if (c >= '\u0300') return false;
        return true;
    }

    private static bool IsHeadingTag(string tag) => tag.Length == 2 && tag[0] == 'h' && tag[1] is >= '1' and <= '6';

    private static bool IsHiddenStyle(string style)
    {
        if (style.Length >= 2000) return false;
        int i = style.IndexOf("display", StringComparison.OrdinalIgnoreCase);
        if (i >= 0 && FollowedBy(style, i + 7, "none")) return true;
        i = style.IndexOf("visibility", StringComparison.OrdinalIgnoreCase);
        return i >= 0 && FollowedBy(style, i + 10, "hidden");
    }

    private static bool FollowedBy(string s, int i, string word)
    {
        while (i < s.Length && s[i] is ' ' or ':' or '\t') i++;
        return string.Compare(s, i, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0;
    }

    private void CollectItemProp(int index, string itemprop)
    {
        foreach (var p in itemprop.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (p is "datePublished" or "dateModified" or "dateCreated" or "author" or "headline" or "creator" or "publisher")
                Meta.ItemProps.Add((index, p));
        }
    }

    private void CollectSkipped(IElement e, string tag)
    {
        switch (tag)
        {
            case "meta":
            {
                string? content = e.GetAttribute("content");
                if (content == null) break;
                string? key = e.GetAttribute("property") ?? e.GetAttribute("name") ?? e.GetAttribute("itemprop") ?? e.GetAttribute("http-equiv");
                if (key != null && Meta.Metas.Count < 2000) Meta.Metas.Add((key.Trim().ToLowerInvariant(), content.Trim()));
                // itemprop and name/property may both be present.
                string? ip = e.GetAttribute("itemprop");
                if (ip != null && key != ip && Meta.Metas.Count < 2000) Meta.Metas.Add((ip.Trim().ToLowerInvariant(), content.Trim()));
                break;
            }
            case "link":
            {
                string? rel = e.GetAttribute("rel"), href = e.GetAttribute("href");
                if (rel != null && href != null && Meta.Links.Count < 500) Meta.Links.Add((rel.Trim().ToLowerInvariant(), href.Trim()));
                break;
            }
            case "title":
                if (Meta.Title == null && e.Closest("svg") == null) Meta.Title = ShallowText(e, 2000);
                break;
            case "script":
            {
                Meta.ScriptChars += ShallowLength(e);
                string? type = e.GetAttribute("type");
                if (type != null && type.Contains("ld+json", StringComparison.OrdinalIgnoreCase) && Meta.JsonLd.Count < 50)
                {
                    string json = ShallowText(e, 2_000_000);
                    if (json.Length > 0) Meta.JsonLd.Add(json);
                }
                break;
            }
            case "style":
                Meta.ScriptChars += ShallowLength(e);
                break;
            case "frame":
                Meta.Frames++;
                break;
            case "frameset":
                Meta.Frames += Math.Min(e.QuerySelectorAll("frame").Length, 1000);
                break;
        }
    }

    private static int ShallowLength(IElement e)
    {
        int n = 0;
        foreach (var c in e.ChildNodes) if (c is IText t) n += t.Data.Length;
        return n;
    }

    private static string ShallowText(IElement e, int max)
    {
        var sb = new StringBuilder();
        foreach (var c in e.ChildNodes)
        {
            if (c is IText t) sb.Append(t.Data);
            if (sb.Length > max) break;
        }
        return sb.ToString().Trim();
    }

    /// <summary>Sub-tree totals, bottom-up in one reverse pass over the pre-ordered nodes.</summary>
    private void Totals()
    {
        foreach (var b in Blocks)
        {
            var o = Nodes[b.Owner];
            o.TextChars += b.Text.Length;
            o.LinkChars += b.LinkChars;
        }
        for (int i = Nodes.Count - 1; i > 0; i--)
        {
            var n = Nodes[i];
            if (n.Parent < 0) continue;
            var p = Nodes[n.Parent];
            p.TextChars += n.TextChars;
            p.LinkChars += n.LinkChars;
            p.LinkCount += n.LinkCount;
        }
        // Clusters of links: lists and boxes that are mostly link text.
        for (int i = 0; i < Nodes.Count; i++)
        {
            var n = Nodes[i];
            bool cluster = n.IsBlock && n.LinkCount >= 3 && n.TextChars > 0 && n.LinkChars > 0.55 * n.TextChars && n.Tag is not ("body" or "html");
            n.Cluster = cluster ? i : n.Parent >= 0 ? Nodes[n.Parent].Cluster : -1;
        }
    }

    /// <summary>Plain text of an element, iteratively, up to <paramref name="max"/> characters (for small elements: bylines, dates).</summary>
    public static string TextOf(IElement e, int max = 2000)
    {
        var sb = new StringBuilder();
        var stack = new Stack<(INode, int)>();
        stack.Push((e, 0));
        bool space = false;
        while (stack.Count > 0 && sb.Length < max)
        {
            var (n, i) = stack.Pop();
            if (i >= n.ChildNodes.Length) continue;
            stack.Push((n, i + 1));
            var c = n.ChildNodes[i];
            if (c is IText t)
            {
                foreach (char ch in t.Data)
                {
                    if (IsSpace(ch)) { space = sb.Length > 0; continue; }
                    if (space) { sb.Append(' '); space = false; }
                    sb.Append(ch);
                }
            }
            else if (c is IElement ce && !SkipTags.Contains(ce.LocalName) && stack.Count < 64)
            {
                if (ce.LocalName is "br" or "p" or "div" or "li") space = sb.Length > 0;
                stack.Push((ce, 0));
            }
        }
        return sb.Length > max ? sb.ToString(0, max) : sb.ToString();
    }
}
