using System.Xml;
using System.Xml.Linq;
using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Engine.Ingest.Feeds;

/// <summary>RSS 0.9x/2.0, RSS 1.0/0.90 (RDF) and Atom 1.0/0.3 from a parsed (and secured) XML document.</summary>
internal static class XmlFeedParser
{
    private static readonly XNamespace Rss10 = "http://purl.org/rss/1.0/";
    private static readonly XNamespace Rss090 = "http://my.netscape.com/rdf/simple/0.9/";
    private static readonly XNamespace Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace DcTerms = "http://purl.org/dc/terms/";
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Atom03 = "http://purl.org/atom/ns#";
    private static readonly string[] MediaNamespaces = { "http://search.yahoo.com/mrss/", "http://search.yahoo.com/mrss" };

    private sealed class Context
    {
        public required string Source;
        public required string Format;
        public Uri? DocumentUri;
        public string? FeedTitle, FeedLink, Language;
        public TextList FeedAuthors = TextList.Empty;
        public readonly List<string> Warnings = new();
    }

    /// <summary>
    /// Reads the feed's head (up to its first item) from <paramref name="reader"/> and returns the feed, whose items
    /// are read from the same reader as they are asked for. The reader is disposed when the items have been read.
    /// </summary>
    public static ParsedFeed Read(XmlReader reader, string source, Uri? documentUri, FeedReadOptions options, List<string> decisions,
        List<string> warnings, CancellationToken cancel)
    {
        var x = new XmlStream(reader, source, options.MaximumBytes, cancel);
        x.MoveToRoot();
        string name = reader.LocalName;
        XNamespace ns = reader.NamespaceURI;
        if (name == "rss" && ns == XNamespace.None) return ReadRss(x, documentUri, decisions, warnings);
        if (name == "RDF" && ns == Rdf) return ReadRdf(x, documentUri, decisions, warnings);
        if (name == "feed" && (ns == Atom || ns == Atom03)) return ReadAtom(x, documentUri, decisions, warnings);
        reader.Dispose();
        if (name.Equals("html", StringComparison.OrdinalIgnoreCase))
            throw new FeedException(FeedProblemKind.NotAFeed, source,
                $"'{source}' is a web page (XHTML), not a feed. Look in the page for a link to its RSS or Atom feed.");
        throw new FeedException(FeedProblemKind.NotAFeed, source,
            $"'{source}' is XML but not a feed: its root element is <{name}>{(ns != XNamespace.None ? $" in {ns.NamespaceName}" : "")}, " +
            "not <rss>, <rdf:RDF> or Atom's <feed>.");
    }

    // ---- RSS 0.9x and 2.0 ----------------------------------------------------------------------------------------

    private static ParsedFeed ReadRss(XmlStream x, Uri? documentUri, List<string> decisions, List<string> warnings)
    {
        var rootShell = x.Shell();
        string version = ((string?)rootShell.Attribute("version"))?.Trim() is { Length: > 0 } v ? v : "2.0";
        var ctx = new Context { Source = x.Source, Format = "RSS " + version, DocumentUri = documentUri };
        // Items beside the channel (RSS 0.9x variants) count only when the channel has none; those before it wait.
        var itemsBefore = new List<(XElement? Item, int Position)>();
        XElement? channel = null;
        while (x.MoveToChild(rootShell))
        {
            if (x.Is("channel", XNamespace.None)) { channel = x.Shell(); rootShell.Add(channel); break; }
            if (x.Is("item", XNamespace.None)) itemsBefore.Add((x.BuildOrNull(), 0));
            else x.SkipSubtree();
        }
        if (channel == null)
        {
            x.Dispose();
            throw new FeedException(FeedProblemKind.NotAFeed, x.Source, $"'{x.Source}' is an <rss> document without a <channel>: there are no items to read.");
        }
        bool atItem = ReadHead(x, channel, n => n == "item", warnings);
        ReadChannel(channel, XNamespace.None, ctx, decisions);

        IEnumerable<FeedEntry> Entries()
        {
            using var reading = x;
            var count = new int[1];
            foreach (var e in ItemsIn(x, channel, atItem, "item", (el, p) => ReadRssItem(el, XNamespace.None, p, ctx), count)) yield return e;
            if (count[0] == 0)
            {
                foreach (var (item, _) in itemsBefore)
                {
                    int p = ++count[0];
                    yield return x.Item(rootShell, item, p, el => ReadRssItem(el, XNamespace.None, p, ctx));
                }
                foreach (var e in ItemsIn(x, rootShell, x.MoveToChild(rootShell), "item", (el, p) => ReadRssItem(el, XNamespace.None, p, ctx), count)) yield return e;
            }
            Finish(x, ctx, count[0]);
        }
        return Stream(x, ctx, Entries(), warnings, decisions);
    }

    // ---- RSS 1.0 and 0.90 (RDF) ---------------------------------------------------------------------------------

    private static ParsedFeed ReadRdf(XmlStream x, Uri? documentUri, List<string> decisions, List<string> warnings)
    {
        var root = x.Shell();
        XNamespace? ns = null;
        XElement? channel = null;
        bool atItem = false;
        while (x.MoveToChild(root))
        {
            XNamespace? found = x.Is("channel", Rss10) || x.Is("item", Rss10) ? Rss10 : x.Is("channel", Rss090) || x.Is("item", Rss090) ? Rss090 : null;
            if (found == null) { x.SkipSubtree(); continue; }
            ns ??= found;
            if (x.Is("item", ns)) { atItem = true; break; }
            if (x.Is("channel", ns) && channel == null)
            {
                channel = x.BuildOrNull();
                if (channel != null) root.Add(channel);
                else warnings.Add($"'{x.Source}': the feed's <channel> nests elements more than {FeedReadOptions.MaximumDepth} deep; it was left out.");
            }
            else x.SkipSubtree();
        }
        if (ns == null)
        {
            x.Dispose();
            throw new FeedException(FeedProblemKind.NotAFeed, x.Source, $"'{x.Source}' is RDF but not an RSS 1.0 feed: it has no RSS 1.0 <channel> or <item>.");
        }
        var ctx = new Context { Source = x.Source, Format = ns == Rss10 ? "RSS 1.0" : "RSS 0.90", DocumentUri = documentUri };
        if (channel != null) ReadChannel(channel, ns, ctx, decisions);
        else decisions.Add($"{ctx.Format} feed \"(untitled)\"; relative links resolve against {documentUri?.AbsoluteUri ?? "nothing (no address known)"}");

        IEnumerable<FeedEntry> Entries()
        {
            using var reading = x;
            var count = new int[1];
            foreach (var e in ItemsIn(x, root, atItem, ns + "item", (el, p) => ReadRssItem(el, ns, p, ctx), count)) yield return e;
            Finish(x, ctx, count[0]);
        }
        return Stream(x, ctx, Entries(), warnings, decisions);
    }

    private static void ReadChannel(XElement channel, XNamespace ns, Context ctx, List<string> decisions)
    {
        ctx.FeedTitle = FeedText.InlineText((string?)channel.Element(ns + "title"));
        string? link = (string?)channel.Element(ns + "link");
        if (string.IsNullOrWhiteSpace(link))
            link = channel.Elements(Atom + "link").FirstOrDefault(l => (string?)l.Attribute("rel") is null or "alternate")?.Attribute("href")?.Value;
        ctx.FeedLink = FeedText.ResolveLink(link, BaseOf(channel, ctx.DocumentUri), out _);
        ctx.Language = FeedText.Clean((string?)channel.Element(ns + "language") ?? (string?)channel.Element(Dc + "language")
                                      ?? (string?)channel.Attribute(XNamespace.Xml + "lang") ?? (string?)channel.Parent?.Attribute(XNamespace.Xml + "lang"));
        decisions.Add($"{ctx.Format} feed \"{ctx.FeedTitle ?? "(untitled)"}\"; relative links resolve against " +
                      $"{(ctx.DocumentUri != null ? ctx.DocumentUri.AbsoluteUri : ctx.FeedLink ?? "nothing (no address known)")}");
    }

    private static FeedEntry ReadRssItem(XElement item, XNamespace ns, int position, Context ctx)
    {
        var warnings = new List<string>();
        string? title = FeedText.InlineText((string?)item.Element(ns + "title") ?? (string?)item.Element(Dc + "title"));
        string label = Label(position, title);
        var baseUri = BaseOf(item, ctx.DocumentUri) ?? Absolute(ctx.FeedLink);

        var guidEl = item.Element(ns + "guid");
        string? guid = FeedText.Clean((string?)guidEl) ?? FeedText.Clean((string?)item.Attribute(Rdf + "about"));
        string? rawLink = FeedText.Clean((string?)item.Element(ns + "link"))
                          ?? item.Elements(Atom + "link").FirstOrDefault(l => (string?)l.Attribute("rel") is null or "alternate")?.Attribute("href")?.Value;
        string? link = FeedText.ResolveLink(rawLink, baseUri, out string? linkProblem);
        if (link == null && guid != null && !string.Equals((string?)guidEl?.Attribute("isPermaLink"), "false", StringComparison.OrdinalIgnoreCase)
            && Uri.TryCreate(guid, UriKind.Absolute, out var g) && g.Scheme is "http" or "https")
        {
            link = g.AbsoluteUri; // a permalink guid is the item's address
            linkProblem = null;
        }
        if (linkProblem != null) warnings.Add($"{label}: {linkProblem}; Link is empty.");

        var published = ReadDate(label, "pubDate", (string?)item.Element(ns + "pubDate"), warnings)
                        ?? ReadDate(label, "dc:date", (string?)item.Element(Dc + "date"), warnings)
                        ?? ReadDate(label, "dcterms:issued", (string?)item.Element(DcTerms + "issued"), warnings)
                        ?? ReadDate(label, "atom:published", (string?)item.Element(Atom + "published"), warnings);
        var updated = ReadDate(label, "dcterms:modified", (string?)item.Element(DcTerms + "modified"), warnings)
                      ?? ReadDate(label, "atom:updated", (string?)item.Element(Atom + "updated"), warnings);

        var authors = Distinct(item.Elements(ns + "author").Select(a => RssAuthor((string?)a))
            .Concat(item.Elements(Dc + "creator").SelectMany(a => Split((string?)a)))
            .Concat(item.Elements(Atom + "author").Select(a => FeedText.Clean((string?)a.Element(Atom + "name")))));
        var categories = Distinct(item.Elements(ns + "category").Select(c => FeedText.InlineText((string?)c))
            .Concat(item.Elements(Dc + "subject").Select(c => FeedText.InlineText((string?)c))));

        string? summaryHtml = (string?)item.Element(ns + "description") ?? (string?)item.Element(Dc + "description");
        string? content = NullIfBlank((string?)item.Element(Content + "encoded"));
        var enclosures = Distinct(item.Elements(ns + "enclosure").Select(e => FeedText.ResolveLink((string?)e.Attribute("url"), baseUri, out _)));

        return Entry(position, label, warnings, ctx, new NewsFeedItem
        {
            Title = title,
            Link = link,
            Published = published,
            Updated = updated,
            Authors = authors,
            Summary = FeedText.HtmlToText(summaryHtml),
            Categories = categories,
            Guid = guid,
            Content = content,
            Enclosures = enclosures,
            Media = ReadMedia(item, baseUri),
        });
    }

    // ---- Atom 1.0 (and 0.3) -------------------------------------------------------------------------------------

    private static ParsedFeed ReadAtom(XmlStream x, Uri? documentUri, List<string> decisions, List<string> warnings)
    {
        var feed = x.Shell();
        XNamespace a = feed.Name.Namespace;
        bool atEntry = ReadHead(x, feed, n => n == a + "entry", warnings);
        var ctx = new Context { Source = x.Source, Format = a == Atom ? "Atom 1.0" : "Atom 0.3", DocumentUri = documentUri };
        ctx.FeedTitle = AtomText(feed.Element(a + "title"));
        ctx.FeedLink = AtomLink(feed, a, "alternate", ctx.DocumentUri);
        ctx.Language = FeedText.Clean((string?)feed.Attribute(XNamespace.Xml + "lang"));
        ctx.FeedAuthors = Distinct(feed.Elements(a + "author").Select(e => FeedText.Clean((string?)e.Element(a + "name"))));
        decisions.Add($"{ctx.Format} feed \"{ctx.FeedTitle ?? "(untitled)"}\"; relative links resolve against xml:base, then " +
                      $"{(ctx.DocumentUri != null ? ctx.DocumentUri.AbsoluteUri : ctx.FeedLink ?? "nothing (no address known)")}");

        IEnumerable<FeedEntry> Entries()
        {
            using var reading = x;
            var count = new int[1];
            foreach (var e in ItemsIn(x, feed, atEntry, a + "entry", (el, p) => ReadAtomEntry(el, a, p, ctx), count)) yield return e;
            Finish(x, ctx, count[0]);
        }
        return Stream(x, ctx, Entries(), warnings, decisions);
    }

    /// <summary>
    /// The items among <paramref name="parent"/>'s children, from the one the reader is on (when <paramref name="atItem"/>),
    /// each built, read and dropped as it is asked for; other children are skipped. <paramref name="count"/>[0] counts on.
    /// </summary>
    private static IEnumerable<FeedEntry> ItemsIn(XmlStream x, XElement parent, bool atItem, XName item, Func<XElement, int, FeedEntry> read, int[] count)
    {
        if (!atItem) yield break;
        do
        {
            if (x.Is(item.LocalName, item.Namespace))
            {
                int position = ++count[0];
                yield return x.Item(parent, position, el => read(el, position));
            }
            else x.SkipSubtree();
        }
        while (x.MoveToChild(parent));
    }

    /// <summary>Reads what is left of the document (so XML broken at its end is reported) and warns of a feed without items.</summary>
    private static void Finish(XmlStream x, Context ctx, int items)
    {
        x.ReadToEnd();
        if (items == 0) x.LateWarnings!.Add($"The feed '{ctx.Source}' has no items.");
    }

    /// <summary>
    /// Reads the children of <paramref name="parent"/> (a channel or a feed) into it up to its first item; true when
    /// the reader stopped on an item, false when the parent ended first. A child nested too deeply is left out, said.
    /// </summary>
    private static bool ReadHead(XmlStream x, XElement parent, Func<XName, bool> isItem, List<string> warnings)
    {
        while (x.MoveToChild(parent))
        {
            var name = x.Name;
            if (isItem(name)) return true;
            if (x.BuildOrNull() is { } child) parent.Add(child);
            else warnings.Add($"'{x.Source}': the feed's <{name.LocalName}> nests elements more than {FeedReadOptions.MaximumDepth} deep; it was left out.");
        }
        return false;
    }

    private static ParsedFeed Stream(XmlStream x, Context ctx, IEnumerable<FeedEntry> entries, List<string> warnings, List<string> decisions)
    {
        var feed = ParsedFeed.Streaming(ctx.Format, ctx.FeedTitle, ctx.FeedLink, ctx.Language, ctx.Source, entries, warnings.Concat(ctx.Warnings), decisions, out var late);
        x.LateWarnings = late;
        return feed;
    }

    private static FeedEntry ReadAtomEntry(XElement entry, XNamespace a, int position, Context ctx)
    {
        var warnings = new List<string>();
        string? title = AtomText(entry.Element(a + "title"));
        string label = Label(position, title);
        var baseUri = BaseOf(entry, ctx.DocumentUri) ?? Absolute(ctx.FeedLink);
        string? guid = FeedText.Clean((string?)entry.Element(a + "id"));

        string? link = AtomLink(entry, a, "alternate", ctx.DocumentUri ?? Absolute(ctx.FeedLink), warnings, label);
        if (link == null && guid != null && Uri.TryCreate(guid, UriKind.Absolute, out var g) && g.Scheme is "http" or "https") link = g.AbsoluteUri;

        var published = ReadDate(label, "published", (string?)entry.Element(a + "published") ?? (string?)entry.Element(a + "issued"), warnings)
                        ?? ReadDate(label, "dc:date", (string?)entry.Element(Dc + "date"), warnings);
        var updated = ReadDate(label, "updated", (string?)entry.Element(a + "updated") ?? (string?)entry.Element(a + "modified"), warnings);

        var authors = Distinct(entry.Elements(a + "author").Select(x => FeedText.Clean((string?)x.Element(a + "name")))
            .Concat(entry.Elements(Dc + "creator").SelectMany(x => Split((string?)x))));
        if (authors.Count == 0) authors = ctx.FeedAuthors; // an entry without authors has the feed's
        var categories = Distinct(entry.Elements(a + "category")
            .Select(c => FeedText.InlineText((string?)c.Attribute("label") ?? (string?)c.Attribute("term") ?? (string?)c)));

        string? content = null;
        if (entry.Element(a + "content") is { } c && c.Attribute("src") == null)
        {
            string type = ((string?)c.Attribute("type"))?.Trim().ToLowerInvariant() ?? "text";
            content = type switch
            {
                "xhtml" or "application/xhtml+xml" => NullIfBlank(InnerXml(c.Elements().FirstOrDefault() ?? c)),
                _ => NullIfBlank(c.Value),
            };
        }
        var enclosures = Distinct(entry.Elements(a + "link").Where(l => (string?)l.Attribute("rel") == "enclosure")
            .Select(l => FeedText.ResolveLink((string?)l.Attribute("href"), BaseOf(l, ctx.DocumentUri) ?? baseUri, out _)));

        return Entry(position, label, warnings, ctx, new NewsFeedItem
        {
            Title = title,
            Link = link,
            Published = published,
            Updated = updated,
            Authors = authors,
            Summary = AtomText(entry.Element(a + "summary"), multiline: true),
            Categories = categories,
            Guid = guid,
            Content = content,
            Enclosures = enclosures,
            Media = ReadMedia(entry, baseUri),
        });
    }

    /// <summary>The text of an Atom text construct (type text, html or xhtml).</summary>
    private static string? AtomText(XElement? el, bool multiline = false)
    {
        if (el == null) return null;
        string type = ((string?)el.Attribute("type"))?.Trim().ToLowerInvariant() ?? "text";
        string? text = type switch
        {
            "html" or "text/html" => FeedText.HtmlToText(el.Value),
            "xhtml" or "application/xhtml+xml" => FeedText.HtmlToText(InnerXml(el.Elements().FirstOrDefault() ?? el)),
            _ => el.Value,
        };
        return multiline ? NormaliseText(text) : FeedText.Clean(text);
    }

    private static string? AtomLink(XElement parent, XNamespace a, string rel, Uri? fallbackBase, List<string>? warnings = null, string? label = null)
    {
        var links = parent.Elements(a + "link").Where(l => ((string?)l.Attribute("rel") ?? "alternate") == rel).ToList();
        var best = links.FirstOrDefault(l => ((string?)l.Attribute("type"))?.Contains("html", StringComparison.OrdinalIgnoreCase) != false) ?? links.FirstOrDefault();
        if (best == null) return null;
        string? link = FeedText.ResolveLink((string?)best.Attribute("href"), BaseOf(best, fallbackBase) ?? fallbackBase, out string? problem);
        if (problem != null) warnings?.Add($"{label}: {problem}; Link is empty.");
        return link;
    }

    // ---- Shared ---------------------------------------------------------------------------------------------------

    private static TextList ReadMedia(XElement item, Uri? baseUri)
    {
        var urls = new List<string?>();
        foreach (string ns in MediaNamespaces)
        {
            XNamespace m = ns;
            foreach (var el in item.Descendants().Where(d => d.Name.Namespace == m && d.Name.LocalName is "content" or "thumbnail"))
                urls.Add(FeedText.ResolveLink((string?)el.Attribute("url"), baseUri, out _));
        }
        return Distinct(urls);
    }

    private static DateTimeOffset? ReadDate(string label, string element, string? text, List<string> warnings)
    {
        if (FeedDateParser.TryParse(text, out var value, out string? problem)) return value;
        if (problem != null)
            warnings.Add($"{label}: the date '{FeedText.Clip(text!.Trim(), 60)}' in <{element}> cannot be read ({problem}); it was left out.");
        return null;
    }

    private static FeedEntry Entry(int position, string label, List<string> warnings, Context ctx, NewsFeedItem item)
    {
        if (item.Title == null && item.Link == null && item.Summary == null && item.Content == null)
        {
            return new FeedEntry
            {
                Position = position,
                Problem = $"{label} of '{ctx.Source}' has no title, link or text: there is nothing to import.",
                Warnings = warnings,
            };
        }
        return new FeedEntry
        {
            Position = position,
            Warnings = warnings,
            Item = new NewsFeedItem
            {
                Title = item.Title, Link = item.Link, Published = item.Published, Updated = item.Updated, Authors = item.Authors,
                Summary = item.Summary, Categories = item.Categories, Guid = item.Guid, Content = item.Content,
                Enclosures = item.Enclosures, Media = item.Media,
                FeedTitle = ctx.FeedTitle, FeedLink = ctx.FeedLink, FeedLanguage = ctx.Language, FeedFormat = ctx.Format,
                SourceFeed = ctx.Source,
            },
        };
    }

    internal static string Label(int position, string? title) =>
        title != null ? $"Item {position} ('{FeedText.Clip(title, 60)}')" : $"Item {position}";

    /// <summary>The base for links inside <paramref name="el"/>: its xml:base chain, resolved against the document's address.</summary>
    private static Uri? BaseOf(XElement el, Uri? documentUri)
    {
        var bases = el.AncestorsAndSelf().Select(e => (string?)e.Attribute(XNamespace.Xml + "base")).Where(b => !string.IsNullOrWhiteSpace(b)).Reverse();
        Uri? current = documentUri;
        foreach (var b in bases)
        {
            if (current != null && Uri.TryCreate(current, b!.Trim(), out var r)) current = r;
            else if (Uri.TryCreate(b!.Trim(), UriKind.Absolute, out var abs)) current = abs;
        }
        return current;
    }

    private static Uri? Absolute(string? link) => link != null && Uri.TryCreate(link, UriKind.Absolute, out var u) ? u : null;

    /// <summary>"desk@courier.example (Ines Marr)" → "Ines Marr"; a bare address stays as it is.</summary>
    private static string? RssAuthor(string? s)
    {
        s = FeedText.Clean(s);
        if (s == null) return null;
        int open = s.IndexOf('('), close = s.LastIndexOf(')');
        if (s.Contains('@') && open > 0 && close > open + 1) return FeedText.Clean(s[(open + 1)..close]);
        return s;
    }

    private static IEnumerable<string?> Split(string? s) => (FeedText.Clean(s) ?? "").Split(';').Select(FeedText.Clean);

    private static TextList Distinct(IEnumerable<string?> items)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var list = new List<string>();
        foreach (var i in items)
            if (!string.IsNullOrWhiteSpace(i) && seen.Add(i)) list.Add(i);
        return list.Count == 0 ? TextList.Empty : new TextList(list);
    }

    private static string? NullIfBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string? NormaliseText(string? s) =>
        s == null ? null : string.Join("\n", s.Split('\n').Select(l => FeedText.Clean(l)).Where(l => l != null)) is { Length: > 0 } t ? t : null;

    private static string InnerXml(XElement el) =>
        string.Concat(el.Nodes().Select(n => n.ToString(SaveOptions.DisableFormatting)))
            .Replace(" xmlns=\"http://www.w3.org/1999/xhtml\"", "", StringComparison.Ordinal); // XHTML read as HTML needs no namespace
}
