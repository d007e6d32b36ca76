using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Engine.Cache;

/// <summary>How to open a cache file.</summary>
public sealed class NewsCacheOptions
{
    /// <summary>Open for reading only: nothing is created, migrated or written.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>How long to wait for another process's write to finish before giving up (default 30 s).</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest size of the file in pages for this connection (SQLite's max_page_count; 0: no limit). Tests fill a "disk" with it.</summary>
    internal long MaximumPageCount { get; init; }
}

/// <summary>
/// What the cache knows about one input (a file path or a URL): which article it gave, and what is needed to tell
/// whether it changed (length, last write time, content hash) or to re-fetch it conditionally (ETag, Last-Modified).
/// </summary>
public sealed record CachedInput
{
    /// <summary>The full file path or the absolute URL.</summary>
    public required string Location { get; init; }
    public string? ArticleId { get; init; }
    public long? Length { get; init; }
    /// <summary>Last write time of a file, UTC, to the millisecond.</summary>
    public DateTimeOffset? LastWriteUtc { get; init; }
    /// <summary>SHA-256 of the raw bytes, lowercase hex.</summary>
    public string? ContentHash { get; init; }
    /// <summary>HTTP ETag validator (sent back as If-None-Match).</summary>
    public string? ETag { get; init; }
    /// <summary>HTTP Last-Modified validator, as the server sent it (sent back as If-Modified-Since).</summary>
    public string? LastModified { get; init; }
    /// <summary>What produced the article (extractor version and options that change the result); another value re-reads.</summary>
    public string? ReaderKey { get; init; }
    public DateTimeOffset CheckedUtc { get; init; } = DateTimeOffset.UtcNow;
}

/// <summary>One write of a batch: an article (with its raw source when known) and/or the input it came from.</summary>
public sealed record CacheWrite(NewsArticle? Article, byte[]? RawSource = null, CachedInput? Input = null);

/// <summary>A query over the cached articles; every given criterion must hold.</summary>
public sealed class NewsArticleQuery
{
    /// <summary>Article ids (exact).</summary>
    public IReadOnlyList<string>? Id { get; init; }
    /// <summary>Outlets, case-insensitive; * and ? are wildcards. An article matches any of them.</summary>
    public IReadOnlyList<string>? Outlet { get; init; }
    /// <summary>Published at or after this instant.</summary>
    public DateTimeOffset? Since { get; init; }
    /// <summary>Published before this instant.</summary>
    public DateTimeOffset? Until { get; init; }
    /// <summary>Entity keys from the entity index; the article must mention all of them (case-insensitive).</summary>
    public IReadOnlyList<string>? Entity { get; init; }
    /// <summary>Words as a person types them: every word must occur; "quoted phrases" and trailing * prefixes work; never a syntax error.</summary>
    public string? Search { get; init; }
    /// <summary>Raw FTS5 query syntax (AND, OR, NOT, NEAR, column filters); invalid syntax is a <see cref="NewsCacheProblem.InvalidQuery"/> error.</summary>
    public string? Query { get; init; }
    /// <summary>At most this many articles.</summary>
    public int? First { get; init; }
    /// <summary>Called (on the enumerating thread) for an article whose stored row cannot be read, with its id and the
    /// reason; the article is skipped and the others are still returned.</summary>
    public Action<string, string>? OnUnreadable { get; init; }
}

/// <summary>What Get-NewsCacheInfo shows about a cache file.</summary>
public sealed class NewsCacheInfo
{
    /// <summary>The cache file, or the server as postgresql://user@host:port/database (never a password).</summary>
    public string Path { get; init; } = "";
    /// <summary>"SQLite" (a file) or "PostgreSQL" (a server).</summary>
    public string Store { get; init; } = "SQLite";
    /// <summary>Bytes on disk: the database file and its write-ahead log (on a server: the cache's tables and indexes).</summary>
    public long SizeBytes { get; init; }
    public long Articles { get; init; }
    public long Inputs { get; init; }
    /// <summary>Rows of the entity index (one per article and entity).</summary>
    public long EntityIndexRows { get; init; }
    public long Analyses { get; init; }
    public int SchemaVersion { get; init; }
    public string SqliteVersion { get; init; } = "";
    /// <summary>The server's version (PostgreSQL), or empty for a file.</summary>
    public string ServerVersion { get; init; } = "";
    /// <summary>The native SQLite library this process loaded.</summary>
    public string? NativeLibrary { get; init; }
    public string JournalMode { get; init; } = "";
    public bool IsReadOnly { get; init; }
    public DateTimeOffset? Created { get; init; }
    public override string ToString() => Path;
}

/// <summary>The last copy of a web feed and the HTTP validators that came with it.</summary>
public sealed record CachedFeed(string Location, string? ETag, DateTimeOffset? LastModified, string? ContentType, byte[] Body, DateTimeOffset FetchedUtc);
