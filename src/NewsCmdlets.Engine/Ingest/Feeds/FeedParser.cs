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
        return Parse(bytes, path, null, options, cancel);
    }

    /// <summary>
    /// Reads a feed from <paramref name="bytes"/>. <paramref name="documentUri"/> is the address the feed was read
    /// from (after redirects), against which relative links resolve; for files it is null and links resolve against
    /// the feed's own link to its site. The feed's head is read here; its items as <see cref="ParsedFeed.ReadEntries"/>
    /// asks for them, checking <paramref name="cancel"/> as they go.
    /// </summary>
    public static ParsedFeed Parse(byte[] bytes, string source, Uri? documentUri, FeedReadOptions options, CancellationToken cancel = default)
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
            return JsonFeedParser.Parse(bytes, source, documentUri, options, cancel);
        if (HtmlStart.IsMatch(trimmed))
            throw NotAFeedPage(bytes, source, documentUri);
        if (trimmed[0] != '<')
            throw new FeedException(FeedProblemKind.NotAFeed, source,
                $"'{source}' is not a feed: it is neither XML (RSS, Atom) nor JSON (JSON Feed). It starts with \"{FeedText.Clip(FeedText.Clean(trimmed) ?? "", 40)}\".");
        return ParseXml(bytes, source, documentUri, options, cancel);
    }

    private static ParsedFeed ParseXml(byte[] bytes, string source, Uri? documentUri, FeedReadOptions options, CancellationToken cancel)
    {
        var decisions = new List<string>();
        var warnings = new List<string>();
        var (encoding, skip) = XmlEncoding(bytes, source, warnings, decisions);
        // Decoded as it is read, invalid bytes becoming U+FFFD (counted above): one bad byte costs a character, not the feed.
        var text = new StreamReader(new MemoryStream(bytes, skip, bytes.Length - skip, writable: false), encoding,
            detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024);
        var dtd = DtdProcessing.Prohibit;
        switch (Prolog.FindDoctype(PeekChars(bytes, skip, encoding, 16 * 1024)))
        {
            case Prolog.Doctype.WithInternalSubset:
                text.Dispose();
                throw DtdError(source, null);
            case Prolog.Doctype.ExternalOnly:
                // Only an external DTD named (RSS 0.91's Netscape DOCTYPE): no entity is declared, nothing will be fetched.
                dtd = DtdProcessing.Ignore;
                decisions.Add("DOCTYPE naming an external DTD skipped (never fetched)");
                break;
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
        var reader = XmlReader.Create(text, settings);
        try
        {
            return XmlFeedParser.Read(reader, source, documentUri, options, decisions, warnings, cancel);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Turns what the XML reader throws into the feed's error: a DTD, the size limit, or XML that is not well-formed
    /// (<paramref name="where"/> says how far the feed was read, for faults after its head).
    /// </summary>
    internal static FeedException XmlError(XmlException ex, string source, long maximumBytes, string? where = null)
    {
        if (ex.Message.Contains("DTD", StringComparison.Ordinal)) return DtdError(source, ex);
        if (ex.Message.Contains("MaxCharacters", StringComparison.Ordinal))
            return new FeedException(FeedProblemKind.TooLarge, source,
                $"'{source}' expands beyond the limit of {maximumBytes:N0} characters for one feed; {where ?? "it was not read"}.", ex);
        return new FeedException(FeedProblemKind.Malformed, source,
            $"'{source}' is not well-formed XML{(where != null ? " " + where : "")}, so it cannot be read as a feed: {ex.Message}", ex);
    }

    /// <summary>
    /// The encoding of an XML feed as XML says to find it: a byte-order mark, UTF-16 by the pattern of its first
    /// bytes, the encoding in the XML declaration, else UTF-8. Returns it and the bytes of the mark to skip. A declared
    /// encoding that is not known, or UTF-8 that is not valid, is read as UTF-8 with a warning.
    /// </summary>
    private static (Encoding Encoding, int Skip) XmlEncoding(byte[] b, string source, List<string> warnings, List<string> decisions)
    {
        int n = b.Length;
        if (n >= 4 && b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0) return (new UTF32Encoding(false, false), 4);
        if (n >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF) return (new UTF32Encoding(true, false), 4);
        if (n >= 2 && b[0] == 0xFF && b[1] == 0xFE) return (Encoding.Unicode, 2);
        if (n >= 2 && b[0] == 0xFE && b[1] == 0xFF) return (Encoding.BigEndianUnicode, 2);
        if (n >= 4 && b[0] == '<' && b[1] == 0 && b[2] == '?' && b[3] == 0) return (Encoding.Unicode, 0);
        if (n >= 4 && b[0] == 0 && b[1] == '<' && b[2] == 0 && b[3] == '?') return (Encoding.BigEndianUnicode, 0);
        int skip = n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0;
        string? declared = skip == 0 ? DeclaredEncoding(b) : null;
        if (declared != null)
        {
            if (Html.HtmlDecoder.TryGetEncoding(declared, out var enc) && enc.CodePage is not (65001 or 1200 or 1201 or 12000 or 12001))
            {
                decisions.Add($"read as {enc.WebName} (XML declaration)");
                return (enc, 0);
            }
            if (!Html.HtmlDecoder.TryGetEncoding(declared, out _))
                warnings.Add($"'{source}' declares the unknown encoding '{FeedText.Clip(declared, 40)}'; it was read as UTF-8.");
        }
        int bad = TextDecoder.CountInvalidUtf8(b.AsSpan(skip));
        if (bad > 0)
            warnings.Add($"'{source}' is not valid UTF-8: {bad:N0} invalid byte sequence(s) were replaced with U+FFFD. The items are read; a character may be missing from them.");
        return (new UTF8Encoding(false, false), skip);
    }

    /// <summary>The encoding="…" of an XML declaration at the start of ASCII-compatible bytes.</summary>
    private static string? DeclaredEncoding(byte[] b)
    {
        if (b.Length < 6 || b[0] != '<' || b[1] != '?' || b[2] != 'x' || b[3] != 'm' || b[4] != 'l') return null;
        int end = Array.IndexOf(b, (byte)'>', 0, Math.Min(b.Length, 512));
        if (end < 0) return null;
        string decl = Encoding.Latin1.GetString(b, 0, end);
        int i = decl.IndexOf("encoding", StringComparison.Ordinal);
        if (i < 0) return null;
        i += 8;
        while (i < decl.Length && decl[i] is ' ' or '\t' or '\r' or '\n' or '=') i++;
        if (i >= decl.Length || decl[i] is not ('"' or '\'')) return null;
        int close = decl.IndexOf(decl[i], i + 1);
        return close > i + 1 ? decl[(i + 1)..close] : null;
    }

    private static string PeekChars(byte[] bytes, int skip, Encoding encoding, int maxBytes) =>
        encoding.GetString(bytes, skip, Math.Min(bytes.Length - skip, maxBytes));

    private static readonly System.Text.RegularExpressions.Regex HtmlStart = new(
        @"^(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>])",
        // Comments in a row could be grouped in exponentially many ways by a backtracking engine: linear time, no clock.
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.Singleline | System.Text.RegularExpressions.RegexOptions.CultureInvariant |
        System.Text.RegularExpressions.RegexOptions.NonBacktracking);

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

    internal static FeedException DtdError(string source, Exception? inner) =>
        new(FeedProblemKind.DtdProhibited, source,
            $"'{source}' declares a DTD with its own entities. For security, DTDs are never processed (an entity could read a local " +
            "file or expand until memory runs out), so the feed was not read. Real feeds do not need one; ask the publisher to remove it.", inner);

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
