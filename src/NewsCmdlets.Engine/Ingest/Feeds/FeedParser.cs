using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace NewsCmdlets.Engine.Ingest.Feeds;

/// <summary>
/// Reads a feed from its bytes: RSS 0.9x and 2.0, RSS 1.0 (RDF) and 0.90, Atom 1.0 (and 0.3), JSON Feed 1.0 and 1.1,
/// recognised by content, not by file extension or Content-Type. Every problem with the feed as a whole is a
/// <see cref="FeedException"/> naming it; problems with one item are kept on its <see cref="FeedEntry"/>.
/// </summary>
/// <remarks>
/// XML is read by an <see cref="XmlReader"/> that never processes a DTD (<see cref="DtdProcessing.Prohibit"/>) and
/// never resolves anything (<see cref="XmlReaderSettings.XmlResolver"/> null), with
/// <see cref="XmlReaderSettings.MaxCharactersInDocument"/> set from the size limit: an external entity cannot read a
/// local file or an address, and an entity-expansion bomb cannot exhaust memory. A DOCTYPE that only names an
/// external DTD, with no internal subset (the RSS 0.91 Netscape DOCTYPE), declares no entities; such a feed is read
/// with the DOCTYPE skipped (<see cref="DtdProcessing.Ignore"/>, still nothing resolved). A DOCTYPE with an internal
/// subset is refused before parsing.
/// </remarks>
public static class FeedParser
{
    static FeedParser()
    {
        // windows-1252 and other legacy encodings declared by old feeds.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    /// <summary>Reads a feed file. Throws <see cref="FeedException"/>.</summary>
    public static ParsedFeed ReadFile(string path, FeedReadOptions options, CancellationToken cancel = default)
    {
        if (Directory.Exists(path))
            throw new FeedException(FeedProblemKind.IsDirectory, path, $"'{path}' is a directory, not a feed file.");
        var info = new FileInfo(path);
        if (!info.Exists)
            throw new FeedException(FeedProblemKind.NotFound, path, $"Cannot find the feed file '{path}' because it does not exist.");
        if (info.Length > options.MaximumBytes)
            throw new FeedException(FeedProblemKind.TooLarge, path,
                $"'{path}' is {ArticleReader.FormatBytes(info.Length)}, larger than the limit of {ArticleReader.FormatBytes(options.MaximumBytes)} for one feed. " +
                "If it really is one feed, raise the limit with -MaximumFeedSize.");
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new FeedException(FeedProblemKind.Unreadable, path, $"Cannot read the feed file '{path}': {ex.Message}", ex);
        }
        cancel.ThrowIfCancellationRequested();
        return Parse(bytes, path, null, options);
    }

    /// <summary>
    /// Reads a feed from <paramref name="bytes"/>. <paramref name="documentUri"/> is the address the feed was read
    /// from (after redirects), against which relative links resolve; for files it is null and links resolve against
    /// the feed's own link to its site.
    /// </summary>
    public static ParsedFeed Parse(byte[] bytes, string source, Uri? documentUri, FeedReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        options ??= new FeedReadOptions();
        if (bytes.LongLength > options.MaximumBytes)
            throw new FeedException(FeedProblemKind.TooLarge, source,
                $"'{source}' is {ArticleReader.FormatBytes(bytes.LongLength)}, larger than the limit of {ArticleReader.FormatBytes(options.MaximumBytes)} for one feed. " +
                "If it really is one feed, raise the limit with -MaximumFeedSize.");
        string head = Head(bytes);
        string trimmed = head.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (trimmed.Length == 0)
            throw new FeedException(FeedProblemKind.Empty, source, $"'{source}' is empty: there is no feed to read.");
        if (trimmed[0] == '{')
            return JsonFeedParser.Parse(bytes, source, documentUri, options);
        if (HtmlStart.IsMatch(trimmed))
            throw NotAFeedPage(bytes, source, documentUri);
        if (trimmed[0] != '<')
            throw new FeedException(FeedProblemKind.NotAFeed, source,
                $"'{source}' is not a feed: it is neither XML (RSS, Atom) nor JSON (JSON Feed). It starts with \"{FeedText.Clip(FeedText.Clean(trimmed) ?? "", 40)}\".");
        return ParseXml(bytes, head, source, documentUri, options);
    }

    private static ParsedFeed ParseXml(byte[] bytes, string head, string source, Uri? documentUri, FeedReadOptions options)
    {
        var decisions = new List<string>();
        var dtd = DtdProcessing.Prohibit;
        int doctype = head.IndexOf("<!DOCTYPE", StringComparison.OrdinalIgnoreCase);
        if (doctype >= 0)
        {
            if (HasInternalSubset(head, doctype))
                throw DtdError(source, null);
            // Only an external DTD named (RSS 0.91's Netscape DOCTYPE): no entity is declared, nothing will be fetched.
            dtd = DtdProcessing.Ignore;
            decisions.Add("DOCTYPE naming an external DTD skipped (never fetched)");
        }
        var settings = new XmlReaderSettings
        {
            DtdProcessing = dtd,
            XmlResolver = null,
            MaxCharactersInDocument = Math.Max(1024, options.MaximumBytes),
            MaxCharactersFromEntities = 1024,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CheckCharacters = false, // feeds often carry stray control characters; they are not worth refusing a feed for
            CloseInput = true,
        };
        XDocument doc;
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(bytes, writable: false), settings);
            doc = XDocument.Load(reader, LoadOptions.None);
        }
        catch (XmlException ex) when (ex.Message.Contains("DTD", StringComparison.Ordinal))
        {
            throw DtdError(source, ex);
        }
        catch (XmlException ex) when (ex.Message.Contains("MaxCharacters", StringComparison.Ordinal))
        {
            throw new FeedException(FeedProblemKind.TooLarge, source,
                $"'{source}' expands beyond the limit of {options.MaximumBytes:N0} characters for one feed; it was not read.", ex);
        }
        catch (XmlException ex)
        {
            throw new FeedException(FeedProblemKind.Malformed, source,
                $"'{source}' is not well-formed XML, so it cannot be read as a feed: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or DecoderFallbackException)
        {
            // An unknown encoding declared in the XML declaration.
            throw new FeedException(FeedProblemKind.Malformed, source, $"'{source}' cannot be decoded: {ex.Message}", ex);
        }
        var root = doc.Root ?? throw new FeedException(FeedProblemKind.Malformed, source, $"'{source}' has no root element.");
        return XmlFeedParser.Read(root, source, documentUri, decisions);
    }

    private static readonly System.Text.RegularExpressions.Regex HtmlStart = new(
        @"^(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>])",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.Singleline | System.Text.RegularExpressions.RegexOptions.CultureInvariant,
        TimeSpan.FromSeconds(1));

    /// <summary>A web page given as a feed: names the feeds the page advertises (&lt;link rel="alternate" type="application/rss+xml"&gt;), if any.</summary>
    private static FeedException NotAFeedPage(byte[] bytes, string source, Uri? documentUri)
    {
        var feeds = new List<string>();
        try
        {
            string html = Html.HtmlDecoder.Decode(bytes, null, out _, new List<string>());
            var parser = new AngleSharp.Html.Parser.HtmlParser();
            using var doc = parser.ParseDocument(html);
            Uri? baseUri = documentUri;
            foreach (var link in doc.QuerySelectorAll("link[rel~='alternate'][href]"))
            {
                string type = link.GetAttribute("type") ?? "";
                if (!type.Contains("rss", StringComparison.OrdinalIgnoreCase) && !type.Contains("atom", StringComparison.OrdinalIgnoreCase) &&
                    !type.Contains("feed+json", StringComparison.OrdinalIgnoreCase)) continue;
                string? href = baseUri != null ? FeedText.ResolveLink(link.GetAttribute("href"), baseUri, out _) : link.GetAttribute("href");
                if (href != null && !feeds.Contains(href)) feeds.Add(href);
            }
        }
        catch (Exception)
        {
            // The hint is a courtesy; the error stands without it.
        }
        return new FeedException(FeedProblemKind.NotAFeed, source, feeds.Count > 0
            ? $"'{source}' is a web page, not a feed. The page names its feed{(feeds.Count > 1 ? "s" : "")}: {string.Join(", ", feeds)}. Read {(feeds.Count > 1 ? "one of those" : "that")} with Get-NewsFeed."
            : $"'{source}' is a web page, not a feed, and it does not name a feed. Look on the site for an RSS or Atom link.");
    }

    private static FeedException DtdError(string source, Exception? inner) =>
        new(FeedProblemKind.DtdProhibited, source,
            $"'{source}' declares a DTD with its own entities. For security, DTDs are never processed (an entity could read a local " +
            "file or expand until memory runs out), so the feed was not read. Real feeds do not need one; ask the publisher to remove it.", inner);

    /// <summary>True when the DOCTYPE at <paramref name="start"/> has an internal subset ("[ … ]"), outside quoted identifiers.</summary>
    private static bool HasInternalSubset(string s, int start)
    {
        char quote = '\0';
        for (int i = start + 9; i < s.Length; i++)
        {
            char c = s[i];
            if (quote != '\0') { if (c == quote) quote = '\0'; continue; }
            if (c is '"' or '\'') quote = c;
            else if (c == '[') return true;
            else if (c == '>') return false;
        }
        return true; // cut off within the DOCTYPE: assume the worst
    }

    /// <summary>The first 8 KiB as text, enough to tell XML from JSON and to find a DOCTYPE.</summary>
    private static string Head(byte[] bytes)
    {
        int n = Math.Min(bytes.Length, 8192);
        if (n >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE) return Encoding.Unicode.GetString(bytes, 2, (n - 2) & ~1);
        if (n >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF) return Encoding.BigEndianUnicode.GetString(bytes, 2, (n - 2) & ~1);
        int start = n >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        return Encoding.Latin1.GetString(bytes, start, n - start);
    }
}
