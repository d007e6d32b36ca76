namespace NewsCmdlets.Engine.Ingest.Html;

/// <summary>What the class and id words of an element suggest about its content.</summary>
internal enum Hint : byte
{
    None,
    /// <summary>Story words: article, story, content, body, entry, post, text …</summary>
    Positive,
    /// <summary>Page chrome: navigation, share and social widgets, related stories, ads, newsletters, comments …</summary>
    Chrome,
    /// <summary>Photo and video captions.</summary>
    Caption,
    /// <summary>Bylines and author boxes.</summary>
    Byline,
    /// <summary>Date and time stamps.</summary>
    Date,
    /// <summary>A standfirst / dek / summary line.</summary>
    Standfirst,
}

/// <summary>
/// Reads an element's class and id attributes as words ("relatedStories__list" → related, stories, list) and sorts
/// them into the hints the field has learned (Readability, Boilerpipe, trafilatura): words for page chrome, for story
/// containers, captions, bylines and stamps. Results are cached per attribute value, since pages repeat them.
/// </summary>
internal sealed class ClassHints
{
    private static readonly HashSet<string> ChromeWords = new(StringComparer.Ordinal)
    {
        "nav", "navbar", "navigation", "menu", "menus", "submenu", "megamenu", "footer", "sidebar", "aside", "rail",
        "comment", "comments", "commenting", "disqus", "share", "shares", "sharing", "sharebar", "sharetools", "social",
        "related", "recirc", "recirculation", "recommended", "recommendations", "promo", "promos", "promotion", "promoted",
        "newsletter", "newsletters", "ad", "ads", "adv", "advert", "adverts", "advertisement", "advertising", "adslot",
        "adunit", "adsbygoogle", "dfp", "doubleclick", "sponsor", "sponsored", "sponsors", "breadcrumb", "breadcrumbs",
        "subscribe", "subscription", "subscriptions", "signup", "cookie", "cookies", "consent", "gdpr", "modal", "popup",
        "overlay", "banner", "widget", "widgets", "outbrain", "taboola", "trending", "popular", "masthead", "toolbar",
        "tags", "tag", "topics", "keywords", "header", "pagination", "pager", "paging", "follow", "login", "signin",
        "cta", "donate", "donation", "membership", "reactions", "copyright", "gallery", "slideshow", "carousel",
        "skip", "invisible", "print", "next", "prev", "previous",
        "mailto", "bio", "biography", "nocontent", "noprint", "combx", "shoutbox",
        "skyscraper", "leaderboard", "teaser", "teasers", "readmore", "affiliate", "shopping", "toc",
        "dialog", "lightbox", "flyout", "dropdown", "search", "offcanvas", "supplemental", "sr", "screenreader",
        "meta", "metadata", "postmetadata", "postmeta", "utility", "tools", "actions", "pullquote",
        // Advertising and subscription offers in German ("Werbung", "Anzeige", "Abo"): the same roles as ad and subscribe.
        "werbung", "abowerbung", "anzeige", "abo",
    };

    /// <summary>Chrome words that never name a layout wrapper around the story: comments, navigation, footers, related stories.</summary>
    private static readonly HashSet<string> FirmChromeWords = new(StringComparer.Ordinal)
    {
        "nav", "navbar", "navigation", "menu", "menus", "submenu", "megamenu", "footer", "sidebar", "comment", "comments",
        "commenting", "disqus", "related", "recirc", "recirculation", "recommended", "recommendations", "breadcrumb",
        "breadcrumbs", "cookie", "cookies", "consent", "gdpr", "newsletter", "newsletters", "outbrain", "taboola", "teaser",
        "teasers", "promo", "promos", "trending", "popular", "readmore", "sponsored", "dialog", "modal", "popup", "overlay",
        "lightbox", "login", "signin", "signup", "subscribe", "subscription",
    };

    /// <summary>True for a chrome word that never names a wrapper around the story (see <see cref="FirmChromeWords"/>).</summary>
    public static bool IsFirmChrome(string word) => FirmChromeWords.Contains(word);

    private static readonly HashSet<string> PositiveWords = new(StringComparer.Ordinal)
    {
        "article", "story", "content", "body", "entry", "post", "text", "main", "blog", "hentry", "prose", "copy",
        "richtext", "articlebody", "storybody", "postbody", "entrycontent", "postcontent", "storytext", "articletext",
        "maincontent", "paragraph", "paragraphs",
    };

    private static readonly HashSet<string> CaptionWords = new(StringComparer.Ordinal)
    {
        "caption", "captions", "figcaption", "credit", "credits", "photocredit", "imagecredit", "wp-caption-text",
    };

    private static readonly HashSet<string> BylineWords = new(StringComparer.Ordinal)
    {
        "byline", "bylines", "author", "authors", "writer", "contributor", "contributors", "reporter",
    };

    private static readonly HashSet<string> DateWords = new(StringComparer.Ordinal)
    {
        "date", "dateline", "timestamp", "time", "published", "pubdate", "updated", "posted", "datetime", "publish",
    };

    private static readonly HashSet<string> StandfirstWords = new(StringComparer.Ordinal)
    {
        "standfirst", "dek", "deck", "subtitle", "subheadline", "strapline", "kicker", "summary", "excerpt", "lede", "intro",
    };

    private Dictionary<(string Classes, string Id), (Hint Hint, string? Word)> _cache = new();

    [ThreadStatic] private static ClassHints? _forThread;

    /// <summary>
    /// This thread's classifier with an empty cache (one page's values at a time, as with a new one; the cache's
    /// tables are kept from page to page instead of being grown again for every page).
    /// </summary>
    public static ClassHints ForPage()
    {
        var hints = _forThread ??= new ClassHints();
        if (hints._cache.Count > 4096) hints._cache = new();
        else hints._cache.Clear();
        return hints;
    }

    /// <summary>Classifies the words of a class and id value; <paramref name="word"/> is the word that decided.</summary>
    public Hint Classify(string? classes, string? id, out string? word)
    {
        word = null;
        if (string.IsNullOrEmpty(classes) && string.IsNullOrEmpty(id)) return Hint.None;
        // Cached by the pair of values (no key string built per element); the words are those of "classes#id" cut at 300.
        var pair = (classes ?? "", id ?? "");
        if (_cache.TryGetValue(pair, out var hit)) { word = hit.Word; return hit.Hint; }
        string key = pair.Item1 + "#" + pair.Item2;
        if (key.Length > 300) key = key[..300];
        var r = ClassifyUncached(key);
        if (_cache.Count < 20000) _cache[pair] = r;
        word = r.Word;
        return r.Hint;
    }

    /// <summary>The hint words found so far in one value, the first of each kind.</summary>
    private struct Found
    {
        public string? Caption, Chrome, Byline, Date, Standfirst, Positive;
    }

    private static (Hint Hint, string? Word) ClassifyUncached(string value)
    {
        var f = new Found();
        ForEachWord(value, ref f);
        if (f.Caption != null) return (Hint.Caption, f.Caption);
        if (f.Chrome != null) return (Hint.Chrome, f.Chrome);
        if (f.Byline != null) return (Hint.Byline, f.Byline);
        if (f.Date != null) return (Hint.Date, f.Date);
        if (f.Standfirst != null) return (Hint.Standfirst, f.Standfirst);
        if (f.Positive != null) return (Hint.Positive, f.Positive);
        return (Hint.None, null);
    }

    /// <summary>One word of the value, in order: the first word of each kind is kept (a word of several kinds counts for the first kind still open).</summary>
    private static void Consider(ReadOnlySpan<char> w, ref Found f)
    {
        if (!Table.TryGet(w, out string word, out var kinds)) return;
        if (f.Caption == null && (kinds & Kinds.Caption) != 0) f.Caption = word;
        else if (f.Chrome == null && (kinds & Kinds.Chrome) != 0) f.Chrome = word;
        else if (f.Byline == null && (kinds & Kinds.Byline) != 0) f.Byline = word;
        else if (f.Date == null && (kinds & Kinds.Date) != 0) f.Date = word;
        else if (f.Standfirst == null && (kinds & Kinds.Standfirst) != 0) f.Standfirst = word;
        else if (f.Positive == null && (kinds & Kinds.Positive) != 0) f.Positive = word;
    }

    [Flags]
    private enum Kinds : byte { Caption = 1, Chrome = 2, Byline = 4, Date = 8, Standfirst = 16, Positive = 32 }

    /// <summary>Every hint word with the kinds it belongs to, looked up by a span (no string made for a word of a class value).</summary>
    private static readonly WordTable Table = WordTable.Build(
        (CaptionWords, Kinds.Caption), (ChromeWords, Kinds.Chrome), (BylineWords, Kinds.Byline), (DateWords, Kinds.Date),
        (StandfirstWords, Kinds.Standfirst), (PositiveWords, Kinds.Positive));

    /// <summary>An open-addressing set of words with their kinds, probed with a span (.NET 8 has no span look-up in a HashSet of strings).</summary>
    private sealed class WordTable
    {
        private readonly string?[] _words;
        private readonly Kinds[] _kinds;
        private readonly int _mask;

        private WordTable(int size) { _words = new string?[size]; _kinds = new Kinds[size]; _mask = size - 1; }

        public static WordTable Build(params (HashSet<string> Words, Kinds Kind)[] sets)
        {
            int n = sets.Sum(s => s.Words.Count);
            int size = 16;
            while (size < n * 4) size <<= 1;
            var t = new WordTable(size);
            foreach (var (words, kind) in sets)
                foreach (var w in words)
                {
                    int i = t.Slot(w);
                    t._words[i] ??= w;
                    t._kinds[i] |= kind;
                }
            return t;
        }

        private int Slot(ReadOnlySpan<char> w)
        {
            int i = string.GetHashCode(w) & _mask;
            while (_words[i] is { } x && !w.SequenceEqual(x)) i = (i + 1) & _mask;
            return i;
        }

        public bool TryGet(ReadOnlySpan<char> w, out string word, out Kinds kinds)
        {
            int i = Slot(w);
            word = _words[i]!;
            kinds = _kinds[i];
            return word != null;
        }
    }

    private static readonly string[] IgnoredPrefixes =
    {
        "tag-", "tags-", "tag_", "category-", "categories-", "category_", "cat-", "status-", "format-", "postid-", "post-format-",
        "author-", "topic-", "topics-", "has-", "is-", "no-", "with-", "without-", "page-id-", "term-", "section-",
    };

    /// <summary>Words of presentation: a token holding one ("header-content-align-left", "footer-font-small") states a
    /// style option, not the element's role.</summary>
    private static readonly string[] PresentationalParts = { "align", "alignment", "aligned", "padding", "margin", "spacing", "font", "color", "colour" };

    private static bool IsPresentational(ReadOnlySpan<char> token)
    {
        foreach (var p in PresentationalParts)
        {
            int i = token.IndexOf(p, StringComparison.OrdinalIgnoreCase);
            if (i < 0) continue;
            bool startsPart = i == 0 || !char.IsLetter(token[i - 1]) || char.IsUpper(token[i]) && char.IsLower(token[i - 1]);
            int end = i + p.Length;
            bool endsPart = end == token.Length || !char.IsLetter(token[end]) || char.IsUpper(token[end]);
            if (startsPart && endsPart && token.Length > p.Length) return true;
        }
        return false;
    }

    /// <summary>A generated identifier ("post-76e426d9-56de-40ad-…", "c3f0a9b2e1"): a run of eight or more hex digits
    /// mixing letters and digits. Its letters ("ad", "cta") are chance, not words.</summary>
    private static bool IsGeneratedId(ReadOnlySpan<char> token)
    {
        int run = 0;
        bool letters = false, digits = false;
        foreach (char c in token)
        {
            if (char.IsAsciiHexDigit(c))
            {
                run++;
                if (char.IsAsciiDigit(c)) digits = true; else letters = true;
                if (run >= 8 && letters && digits) return true;
            }
            else { run = 0; letters = digits = false; }
        }
        return false;
    }

    private static bool IsTaxonomyOrState(ReadOnlySpan<char> token)
    {
        foreach (var p in IgnoredPrefixes)
            if (token.Length > p.Length && token.StartsWith(p, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    /// <summary>
    /// Offers every word of "articleBody relatedStories__list ad300x250" to <see cref="Consider"/>, in order: article,
    /// body, articlebody, related, stories, … . A token of ASCII characters is lower-cased into a buffer on the stack;
    /// others (rare) as strings, as culture-invariant lower-casing of a string does.
    /// </summary>
    private static void ForEachWord(string value, ref Found found)
    {
        Span<char> joined = stackalloc char[Math.Min(value.Length, 300)];
        Span<char> lower = stackalloc char[Math.Min(value.Length, 300)];
        int n = value.Length;
        int i = 0;
        while (i < n)
        {
            // One class (or id) token: letters, digits, '-' and '_'.
            while (i < n && !char.IsLetterOrDigit(value[i])) i++;
            int start = i;
            while (i < n && (char.IsLetterOrDigit(value[i]) || value[i] is '-' or '_')) i++;
            if (i == start) continue;
            var token = value.AsSpan(start, i - start);
            // Taxonomy and state classes ("tag-social-media", "category-ads", "status-publish", "has-sidebar") say
            // nothing about the element's role.
            if (IsTaxonomyOrState(token) || IsPresentational(token) || IsGeneratedId(token)) continue;
            bool ascii = System.Text.Ascii.IsValid(token) && token.Length <= joined.Length;
            // The whole token joined ("article-body" → articlebody) …
            int joinedLength = 0;
            if (ascii)
            {
                foreach (char c in token) if (char.IsAsciiLetter(c)) joined[joinedLength++] = (char)(c | 0x20);
                if (joinedLength > 0) Consider(joined[..joinedLength], ref found);
                System.Text.Ascii.ToLower(token, lower, out _);
            }
            else
            {
                var sb = new System.Text.StringBuilder(token.Length);
                foreach (char c in token) if (char.IsLetter(c)) sb.Append(char.ToLowerInvariant(c));
                joinedLength = sb.Length;
                if (joinedLength > 0) Consider(sb.ToString(), ref found);
            }
            // … and its parts, split at '-', '_', digits and camelCase humps.
            int ps = 0;
            for (int k = 0; k <= token.Length; k++)
            {
                bool boundary = k == token.Length || !char.IsLetter(token[k]) ||
                                (k > ps && char.IsUpper(token[k]) && char.IsLower(token[k - 1]));
                if (!boundary) continue;
                if (k > ps && k - ps != joinedLength)
                    Consider(ascii ? lower[ps..k] : token[ps..k].ToString().ToLowerInvariant(), ref found);
                ps = k < token.Length && char.IsLetter(token[k]) ? k : k + 1;
            }
        }
    }
}
