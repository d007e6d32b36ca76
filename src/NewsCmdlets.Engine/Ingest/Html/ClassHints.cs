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

    private readonly Dictionary<string, (Hint Hint, string? Word)> _cache = new(StringComparer.Ordinal);

    /// <summary>Classifies the words of a class and id value; <paramref name="word"/> is the word that decided.</summary>
    public Hint Classify(string? classes, string? id, out string? word)
    {
        word = null;
        if (string.IsNullOrEmpty(classes) && string.IsNullOrEmpty(id)) return Hint.None;
        string key = (classes ?? "") + "#" + (id ?? "");
        if (key.Length > 300) key = key[..300];
        if (_cache.TryGetValue(key, out var hit)) { word = hit.Word; return hit.Hint; }
        var r = ClassifyUncached(key);
        if (_cache.Count < 20000) _cache[key] = r;
        word = r.Word;
        return r.Hint;
    }

    private static (Hint Hint, string? Word) ClassifyUncached(string value)
    {
        string? caption = null, chrome = null, byline = null, date = null, positive = null, standfirst = null;
        foreach (var w in Words(value))
        {
            if (caption == null && CaptionWords.Contains(w)) caption = w;
            else if (chrome == null && ChromeWords.Contains(w)) chrome = w;
            else if (byline == null && BylineWords.Contains(w)) byline = w;
            else if (date == null && DateWords.Contains(w)) date = w;
            else if (standfirst == null && StandfirstWords.Contains(w)) standfirst = w;
            else if (positive == null && PositiveWords.Contains(w)) positive = w;
        }
        if (caption != null) return (Hint.Caption, caption);
        if (chrome != null) return (Hint.Chrome, chrome);
        if (byline != null) return (Hint.Byline, byline);
        if (date != null) return (Hint.Date, date);
        if (standfirst != null) return (Hint.Standfirst, standfirst);
        if (positive != null) return (Hint.Positive, positive);
        return (Hint.None, null);
    }

    private static readonly string[] IgnoredPrefixes =
    {
        "tag-", "tags-", "tag_", "category-", "categories-", "category_", "cat-", "status-", "format-", "postid-", "post-format-",
        "author-", "topic-", "topics-", "has-", "is-", "no-", "with-", "without-", "page-id-", "term-", "section-",
    };

    /// <summary>Words of presentation: a token holding one ("header-content-align-left", "footer-font-small") states a
    /// style option, not the element's role.</summary>
    private static readonly string[] PresentationalParts = { "align", "alignment", "aligned", "padding", "margin", "spacing", "font", "color", "colour" };

    private static bool IsPresentational(string token)
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
    private static bool IsGeneratedId(string token)
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

    private static bool IsTaxonomyOrState(string token)
    {
        foreach (var p in IgnoredPrefixes)
            if (token.Length > p.Length && token.StartsWith(p, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    /// <summary>Splits "articleBody relatedStories__list ad300x250" into article, body, articlebody, related, stories, … .</summary>
    internal static IEnumerable<string> Words(string value)
    {
        var list = new List<string>();
        int n = value.Length;
        int i = 0;
        while (i < n)
        {
            // One class (or id) token: letters, digits, '-' and '_'.
            while (i < n && !char.IsLetterOrDigit(value[i])) i++;
            int start = i;
            while (i < n && (char.IsLetterOrDigit(value[i]) || value[i] is '-' or '_')) i++;
            if (i == start) continue;
            string token = value[start..i];
            // Taxonomy and state classes ("tag-social-media", "category-ads", "status-publish", "has-sidebar") say
            // nothing about the element's role.
            if (IsTaxonomyOrState(token) || IsPresentational(token) || IsGeneratedId(token)) continue;
            // The whole token joined ("article-body" → articlebody) …
            var joined = new System.Text.StringBuilder(token.Length);
            foreach (char c in token) if (char.IsLetter(c)) joined.Append(char.ToLowerInvariant(c));
            if (joined.Length > 0) list.Add(joined.ToString());
            // … and its parts, split at '-', '_', digits and camelCase humps.
            int ps = 0;
            for (int k = 0; k <= token.Length; k++)
            {
                bool boundary = k == token.Length || !char.IsLetter(token[k]) ||
                                (k > ps && char.IsUpper(token[k]) && char.IsLower(token[k - 1]));
                if (!boundary) continue;
                if (k > ps)
                {
                    string part = token[ps..k].ToLowerInvariant();
                    if (part.Length != joined.Length) list.Add(part);
                }
                ps = k < token.Length && char.IsLetter(token[k]) ? k : k + 1;
            }
        }
        return list;
    }
}
