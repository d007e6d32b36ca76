using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Engine.Ingest.Feeds;

/// <summary>Options for reading one feed.</summary>
public sealed class FeedReadOptions
{
    /// <summary>Default largest feed read: 16 MiB, far beyond any real feed (they are rarely over 1 MiB).</summary>
    public const long DefaultMaximumBytes = 16L * 1024 * 1024;

    /// <summary>Largest feed accepted, in bytes; also the XML reader's limit on characters in the document.</summary>
    public long MaximumBytes { get; init; } = DefaultMaximumBytes;
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

/// <summary>A feed read: what it says about itself and its items in document order.</summary>
public sealed class ParsedFeed
{
    /// <summary>"RSS 2.0", "RSS 0.91", "RSS 1.0", "RSS 0.90", "Atom 1.0", "Atom 0.3", "JSON Feed 1.1", "JSON Feed 1.0".</summary>
    public required string Format { get; init; }

    public string? Title { get; init; }
    public string? Link { get; init; }
    public string? Language { get; init; }

    /// <summary>The path or address the feed was read from.</summary>
    public required string Source { get; init; }

    /// <summary>The items (and unreadable items) in document order.</summary>
    public IReadOnlyList<FeedEntry> Entries { get; init; } = Array.Empty<FeedEntry>();

    /// <summary>The items read, in document order.</summary>
    public IEnumerable<NewsFeedItem> Items => Entries.Where(e => e.Item != null).Select(e => e.Item!);

    /// <summary>Problems with the feed as a whole that did not stop it being read.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = Array.Empty<string>();

    /// <summary>Notes for -Verbose (format detected, base address used, DOCTYPE skipped).</summary>
    public IReadOnlyList<string> Decisions { get; init; } = Array.Empty<string>();
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
