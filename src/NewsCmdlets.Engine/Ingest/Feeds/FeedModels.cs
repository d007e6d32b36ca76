using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Engine.Ingest.Feeds;

/// <summary>Options for reading one feed.</summary>
public sealed class FeedReadOptions
{
    /// <summary>Default largest feed read: 16 MiB, far beyond any real feed (they are rarely over 1 MiB).</summary>
    public const long DefaultMaximumBytes = 16L * 1024 * 1024;

    /// <summary>Largest feed accepted, in bytes; also the XML reader's limit on characters in the document.</summary>
    public long MaximumBytes { get; init; } = DefaultMaximumBytes;

    /// <summary>
    /// Deepest element nesting read in an XML feed (64): real feeds nest a few levels, XHTML content a few dozen.
    /// An item nested deeper is reported as unreadable; the feed goes on with the next item.
    /// </summary>
    public const int MaximumDepth = 64;
}

/// <summary>One item position of a feed: the item read, or why it could not be read, with warnings about it.</summary>
public sealed class FeedEntry
{
    /// <summary>1-based position of the item in the feed.</summary>
    public required int Position { get; init; }

    /// <summary>The item, or null when it could not be read (see <see cref="Problem"/>).</summary>
    public NewsFeedItem? Item { get; init; }

    /// <summary>Why the item could not be read; null when it was.</summary>
    public string? Problem { get; init; }

    /// <summary>What was noticed while reading the item (dates that cannot be read, unusable links); the item still comes through.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = Array.Empty<string>();
}

/// <summary>
/// A feed read: what it says about itself, and its items in document order. The items are read as they are asked
/// for: <see cref="ReadEntries"/> streams them once without keeping them (what Get-NewsFeed does, so memory does not
/// grow with the feed), <see cref="Entries"/> reads and keeps them all. A fault in the document after the feed's head
/// (XML that stops being well-formed, an item nested too deeply to read) surfaces as a <see cref="FeedException"/>
/// from that enumeration, after the items before it.
/// </summary>
public sealed class ParsedFeed
{
    private IEnumerable<FeedEntry>? _pending;
    private List<FeedEntry>? _entries;
    private readonly List<string> _warnings = new();
    private readonly List<string> _decisions = new();

    /// <summary>"RSS 2.0", "RSS 0.91", "RSS 1.0", "RSS 0.90", "Atom 1.0", "Atom 0.3", "JSON Feed 1.1", "JSON Feed 1.0".</summary>
    public required string Format { get; init; }

    public string? Title { get; init; }
    public string? Link { get; init; }
    public string? Language { get; init; }

    /// <summary>The path or address the feed was read from.</summary>
    public required string Source { get; init; }

    /// <summary>The items (and unreadable items) in document order, all read and kept (see <see cref="ReadEntries"/>).</summary>
    public IReadOnlyList<FeedEntry> Entries
    {
        get
        {
            if (_entries == null)
            {
                var all = new List<FeedEntry>();
                all.AddRange(ReadEntries());
                _entries = all;
            }
            return _entries;
        }
        init => _entries = value.ToList();
    }

    /// <summary>The items (and unreadable items) in document order as they are read, once; nothing is kept.</summary>
    public IEnumerable<FeedEntry> ReadEntries()
    {
        if (_entries != null) return _entries;
        var pending = _pending ?? throw new InvalidOperationException($"The items of '{Source}' have been read already.");
        _pending = null;
        return pending;
    }

    /// <summary>The items read, in document order.</summary>
    public IEnumerable<NewsFeedItem> Items => Entries.Where(e => e.Item != null).Select(e => e.Item!);

    /// <summary>
    /// Problems with the feed as a whole that did not stop it being read. Those found while the items are read
    /// (a feed without items) are added as they are found.
    /// </summary>
    public IReadOnlyList<string> Warnings { get => _warnings; init => _warnings.AddRange(value); }

    /// <summary>Notes for -Verbose (format detected, base address used, DOCTYPE skipped).</summary>
    public IReadOnlyList<string> Decisions { get => _decisions; init => _decisions.AddRange(value); }

    /// <summary>A feed whose items <paramref name="entries"/> yields lazily; it may add to <paramref name="warnings"/> while it runs.</summary>
    internal static ParsedFeed Streaming(string format, string? title, string? link, string? language, string source,
        IEnumerable<FeedEntry> entries, IEnumerable<string> warnings, IEnumerable<string> decisions, out List<string> lateWarnings)
    {
        var feed = new ParsedFeed { Format = format, Title = title, Link = link, Language = language, Source = source, Warnings = warnings.ToList(), Decisions = decisions.ToList() };
        feed._pending = entries;
        lateWarnings = feed._warnings;
        return feed;
    }
}

/// <summary>Why a feed could not be read. Each kind maps to one PowerShell ErrorId.</summary>
public enum FeedProblemKind
{
    /// <summary>The document is well-formed but is not RSS, Atom or JSON Feed (an HTML page, other XML or JSON). ErrorId NotAFeed.</summary>
    NotAFeed,
    /// <summary>The XML or JSON is not well-formed. ErrorId InvalidFeed.</summary>
    Malformed,
    /// <summary>Larger than the limit. ErrorId FeedTooLarge.</summary>
    TooLarge,
    /// <summary>Empty or white space only. ErrorId EmptyFeed.</summary>
    Empty,
    /// <summary>The feed declares a DTD with an internal subset (entities), which is never processed. ErrorId FeedDtdProhibited.</summary>
    DtdProhibited,
    /// <summary>A file that does not exist, is a directory or cannot be read. ErrorIds PathNotFound, PathIsDirectory, FileUnreadable.</summary>
    NotFound,
    IsDirectory,
    Unreadable,
}

/// <summary>A per-feed failure: the cmdlet reports it as a non-terminating error and goes on with the next feed.</summary>
public sealed class FeedException : Exception
{
    public FeedException(FeedProblemKind kind, string source, string message, Exception? inner = null) : base(message, inner)
    {
        Kind = kind;
        FeedSource = source;
    }

    public FeedProblemKind Kind { get; }

    /// <summary>The path or address of the feed.</summary>
    public string FeedSource { get; }
}
