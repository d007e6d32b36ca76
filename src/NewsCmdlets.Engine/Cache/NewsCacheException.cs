namespace NewsCmdlets.Engine.Cache;

/// <summary>What kind of problem made the cache unusable or refused an operation.</summary>
public enum NewsCacheProblem
{
    /// <summary>SQLite's native library could not be loaded (the message names every path tried).</summary>
    NativeLibraryUnavailable,
    /// <summary>The file is not an SQLite database, is damaged, or is an SQLite database that is not a NewsCmdlets cache.</summary>
    NotACache,
    /// <summary>The file (or its folder) cannot be written.</summary>
    ReadOnly,
    /// <summary>The file was written by a newer NewsCmdlets with a schema this version does not know.</summary>
    NewerSchema,
    /// <summary>A raw full-text query (-Query) is not valid FTS5 syntax.</summary>
    InvalidQuery,
    /// <summary>The file cannot be opened or created (missing folder, permissions, I/O).</summary>
    CannotOpen,
    /// <summary>The cache's PostgreSQL server could not be reached or went away (stopped, restarted, network down).</summary>
    ServerUnavailable,
    /// <summary>The disk (or the file system's quota) is full: a batch could not be written.</summary>
    Full,
    /// <summary>The file was deleted or replaced by another process (Clear-NewsCache) while this one had it open.</summary>
    Replaced,
}

/// <summary>A cache problem, with a message that names the file and says what to do.</summary>
public sealed class NewsCacheException : Exception
{
    public NewsCacheException(NewsCacheProblem problem, string? path, string message, Exception? inner = null)
        : base(message, inner)
    {
        Problem = problem;
        CachePath = path;
    }

    public NewsCacheProblem Problem { get; }

    /// <summary>The cache file concerned, when there is one.</summary>
    public string? CachePath { get; }
}
