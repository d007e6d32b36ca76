using System.Data;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace NewsCmdlets.Engine.Cache.Sqlite;

/// <summary>
/// The SQLite store (the default, see <see cref="ICacheStore"/>): one SQLite file that keeps imported articles (with their raw source), the inputs they came from, an entity index
/// and analyses, so a later session starts from it. WAL journal, a busy timeout, foreign keys, and one transaction per
/// batch: several processes can write at once and a killed process loses only its uncommitted batch.
/// One instance is one connection: use it from one thread at a time.
/// </summary>
internal sealed partial class SqliteStore : ICacheStore
{
    private readonly SqliteConnection _connection;

    private readonly SqliteArticles _articles;
    private readonly SqliteAnalyses _analyses;
    private readonly SqliteEntityIndex _entityIndex;
    private readonly SqliteSearch _search;

    /// <summary>The connection the parts of the store share (one at a time: a store is used from one thread).</summary>
    internal SqliteConnection Connection => _connection;

    private SqliteStore(string path, SqliteConnection connection, bool readOnly)
    {
        Path = path;
        _connection = connection;
        IsReadOnly = readOnly;
        _articles = new SqliteArticles(this);
        _analyses = new SqliteAnalyses(this);
        _entityIndex = new SqliteEntityIndex(this);
        _search = new SqliteSearch(this);
    }

    /// <summary>The cache file's full path.</summary>
    public string Path { get; }

    /// <summary>True when the file was opened for reading only (asked for, or the file cannot be written).</summary>
    public bool IsReadOnly { get; }

    public string Location => Path;
    public IArticleTable Articles => _articles;
    public IAnalysisTable Analyses => _analyses;
    public IEntityIndexTable EntityIndex => _entityIndex;
    public IArticleSearch Search => _search;

    /// <summary>The default file: the platform's per-user data folder (XDG_DATA_HOME on Linux when set)/NewsCmdlets/news-cache.db.</summary>
    public static string DefaultPath
    {
        get
        {
            string? xdg = OperatingSystem.IsLinux() ? Environment.GetEnvironmentVariable("XDG_DATA_HOME") : null;
            string root = !string.IsNullOrEmpty(xdg) && System.IO.Path.IsPathRooted(xdg)
                ? xdg
                : Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
            if (string.IsNullOrEmpty(root)) root = System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
            return System.IO.Path.Combine(root, "NewsCmdlets", "news-cache.db");
        }
    }

    /// <summary>Opens the cache file, creating it (and its folder) when missing and migrating an older schema.</summary>
    public static SqliteStore Open(string path, NewsCacheOptions? options = null)
    {
        options ??= new NewsCacheOptions();
        SqliteNativeLibrary.EnsureInitialized();
        string full = System.IO.Path.GetFullPath(path);
        bool exists = File.Exists(full);
        if (Directory.Exists(full))
            throw new NewsCacheException(NewsCacheProblem.CannotOpen, full, $"The cache path '{full}' is a folder. Give a file path, such as '{System.IO.Path.Combine(full, "news-cache.db")}'.");
        if (exists) CheckHeader(full);
        bool readOnly = options.ReadOnly || exists && !IsWritable(full);
        if (!exists)
        {
            if (options.ReadOnly)
                throw new NewsCacheException(NewsCacheProblem.CannotOpen, full, $"The cache file '{full}' does not exist. Import articles with -Cache to create it.");
            try
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new NewsCacheException(NewsCacheProblem.CannotOpen, full,
                    $"Cannot create the folder for the cache file '{full}': {ex.Message} Choose another path with Set-NewsCacheConfiguration -CachePath.", ex);
            }
        }
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Pooling = false, // a pooled connection keeps the file open after Dispose, which blocks deleting it
            ForeignKeys = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        };
        var connection = new SqliteConnection(builder.ToString());
        var cache = new SqliteStore(full, connection, readOnly);
        try
        {
            return Opened(cache, () =>
            {
                connection.Open();
                cache.Execute($"PRAGMA busy_timeout = {(int)options.BusyTimeout.TotalMilliseconds}");
                if (!readOnly)
                {
                    cache.Scalar("PRAGMA journal_mode = WAL");
                    cache.Execute("PRAGMA synchronous = NORMAL");
                }
                if (options.MaximumPageCount > 0) cache.Scalar($"PRAGMA max_page_count = {options.MaximumPageCount}");
                // Reads through memory-mapped pages instead of a read() into SQLite's page cache for each page.
                cache.Scalar("PRAGMA mmap_size = 268435456");
            });
        }
        catch (NewsCacheException ex) when (exists && ex.InnerException is SqliteException { SqliteErrorCode: 14 } && !File.Exists(full + "-wal"))
        {
            // A folder that cannot be written: SQLite cannot create the -wal and -shm files a WAL database needs, not
            // even to read. Nobody can write the file there either (no journal can be created), so it is read as it is.
            return OpenUnchangeable(full, options);
        }
    }

    /// <summary>Runs <paramref name="open"/> and migrates; on failure the cache is closed and the error is the cache's own.</summary>
    private static SqliteStore Opened(SqliteStore cache, Action open)
    {
        try
        {
            open();
            SqliteSchema.Migrate(cache);
            return cache;
        }
        catch (SqliteException ex)
        {
            cache.Dispose();
            throw Translate(ex, cache.Path, "open");
        }
        catch
        {
            cache.Dispose();
            throw;
        }
    }

    /// <summary>A cache file in a folder that cannot be written, opened read-only and immutable (no -wal or -shm needed).</summary>
    private static SqliteStore OpenUnchangeable(string full, NewsCacheOptions options)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = new Uri(full).AbsoluteUri + "?immutable=1",
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        };
        var connection = new SqliteConnection(builder.ToString());
        return Opened(new SqliteStore(full, connection, readOnly: true), connection.Open);
    }

    /// <summary>Deletes a cache file and its WAL and shared-memory files (the way to start afresh, even from a damaged file).</summary>
    public static bool DeleteFiles(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        bool any = false;
        foreach (var f in new[] { full, full + "-wal", full + "-shm", full + "-journal" })
        {
            if (!File.Exists(f)) continue;
            try
            {
                File.Delete(f);
                any = true;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new NewsCacheException(NewsCacheProblem.ReadOnly, full, $"Cannot delete '{f}': {ex.Message} Close other sessions that use the cache and try again.", ex);
            }
        }
        return any;
    }

    /// <summary>The schema version of the open file.</summary>
    public int SchemaVersion => SqliteSchema.ReadVersion(this);

    /// <summary>Empties the cache (every table), keeping the file and its schema, and gives the space back.</summary>
    public void Clear()
    {
        WriteGuard("clear", () =>
        {
            using (var tx = _connection.BeginTransaction(IsolationLevel.Serializable))
            {
                Execute("DELETE FROM analyses; DELETE FROM entity_index; DELETE FROM inputs; DELETE FROM article_sources; DELETE FROM articles; " +
                        "INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');", tx);
                tx.Commit();
            }
            Execute("VACUUM");
            return 0;
        });
    }

    /// <summary>SQLite's own words, without Microsoft.Data.Sqlite's "SQLite Error N: '…'." wrapping.</summary>
    internal static string SqliteMessage(SqliteException ex)
    {
        var m = System.Text.RegularExpressions.Regex.Match(ex.Message, @"^SQLite Error \d+: '(.*)'\.?$", System.Text.RegularExpressions.RegexOptions.Singleline);
        return m.Success ? m.Groups[1].Value : ex.Message;
    }

    /// <summary>What the cache holds and what it runs on.</summary>
    public NewsCacheInfo GetInfo() => Guard("read", () =>
    {
        long size = 0;
        foreach (var f in new[] { Path, Path + "-wal" })
            if (File.Exists(f)) size += new FileInfo(f).Length;
        string? created = Scalar("SELECT value FROM cache_meta WHERE key = 'created_utc'") as string;
        return new NewsCacheInfo
        {
            Path = Path,
            SizeBytes = size,
            Articles = Count("articles"),
            Inputs = Count("inputs"),
            EntityIndexRows = Count("entity_index"),
            Analyses = Count("analyses"),
            SchemaVersion = SchemaVersion,
            SqliteVersion = (string)Scalar("SELECT sqlite_version()")!,
            NativeLibrary = SqliteNativeLibrary.LoadedPath,
            JournalMode = (string)Scalar("PRAGMA journal_mode")!,
            IsReadOnly = IsReadOnly,
            Created = created != null && DateTimeOffset.TryParse(created, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var c) ? c : null,
        };
    });

    private long Count(string table) => Convert.ToInt64(Scalar($"SELECT count(*) FROM {table}"), CultureInfo.InvariantCulture);

    /// <summary>Runs an integrity check; returns "ok" or SQLite's list of problems.</summary>
    public string CheckIntegrity() => Guard("check", () => string.Join("; ", ReadStrings("PRAGMA integrity_check")));

    internal List<string> ReadStrings(string sql)
    {
        using var cmd = Command(sql);
        using var r = cmd.ExecuteReader();
        var list = new List<string>();
        while (r.Read()) list.Add(r.GetValue(0)?.ToString() ?? "");
        return list;
    }

    public void Dispose()
    {
        _articles.Dispose();
        _search.Dispose();
        _connection.Dispose();
    }

    internal void RequireWritable()
    {
        if (IsReadOnly)
            throw new NewsCacheException(NewsCacheProblem.ReadOnly, Path,
                $"The cache file '{Path}' is read-only, so nothing can be stored in or removed from it. " +
                "Make it writable (check its permissions and those of its folder), or use another cache file with Set-NewsCacheConfiguration -CachePath.");
    }

    /// <summary>
    /// A write: refused on a read-only file, and on a file another process deleted or replaced since this one opened
    /// it (Clear-NewsCache from another session), checked before and after, so that a batch committed into a deleted
    /// file is reported instead of lost in silence.
    /// </summary>
    internal T WriteGuard<T>(string verb, Func<T> work)
    {
        RequireWritable();
        CheckNotMoved(committed: false);
        var result = Guard(verb, work);
        CheckNotMoved(committed: true);
        return result;
    }

    private void CheckNotMoved(bool committed)
    {
        if (_connection.Handle is not { } db || SqliteNativeLibrary.HasMoved(db) != true) return;
        throw new NewsCacheException(NewsCacheProblem.Replaced, Path, committed
            ? $"The cache file '{Path}' was deleted or replaced by another process (Clear-NewsCache?) while this command wrote to it: " +
              "what it wrote last went with the old file, and nothing more is stored. Run the command again to store its results in the new cache."
            : $"The cache file '{Path}' was deleted or replaced by another process (Clear-NewsCache?) since this command opened it, " +
              "so nothing more can be stored in it. Run the command again to use the new file.");
    }

    internal T Guard<T>(string verb, Func<T> work)
    {
        try
        {
            return work();
        }
        catch (SqliteException ex)
        {
            throw Translate(ex, Path, verb);
        }
    }

    internal static Exception Translate(SqliteException ex, string path, string verb) => ex.SqliteErrorCode switch
    {
        11 or 26 => NotACache(path, SqliteMessage(ex).TrimEnd('.'), ex),
        13 => new NewsCacheException(NewsCacheProblem.Full, path,
            $"Cannot {verb} the cache file '{path}': the disk is full (SQLite: {SqliteMessage(ex)}). Free some space, or use a cache file on another disk " +
            "with Set-NewsCacheConfiguration -Path.", ex),
        8 => new NewsCacheException(NewsCacheProblem.ReadOnly, path,
            $"Cannot {verb} the cache file '{path}': it is read-only (SQLite: {SqliteMessage(ex)}). " +
            "Make the file and its folder writable, or use another cache file with Set-NewsCacheConfiguration -CachePath.", ex),
        14 => new NewsCacheException(NewsCacheProblem.CannotOpen, path,
            $"Cannot open the cache file '{path}' ({ex.Message}). Check that its folder exists and can be written, or use another path with Set-NewsCacheConfiguration -CachePath.", ex),
        5 or 6 => new NewsCacheException(NewsCacheProblem.CannotOpen, path,
            $"The cache file '{path}' stayed locked by another process for longer than the busy timeout ({ex.Message}). Try again when the other import has finished.", ex),
        _ => new NewsCacheException(NewsCacheProblem.CannotOpen, path, $"Cannot {verb} the cache file '{path}': {ex.Message}", ex),
    };

    internal static NewsCacheException NotACache(string path, string why, Exception? inner = null) =>
        new(NewsCacheProblem.NotACache, path,
            $"The file '{path}' cannot be used as the NewsCmdlets cache: {why}. To start afresh, delete it " +
            $"(Clear-NewsCache -CachePath '{path}' removes it and its -wal and -shm files) or choose a new cache file with Set-NewsCacheConfiguration -CachePath.", inner);

    private static void CheckHeader(string path)
    {
        byte[] head = new byte[16];
        int n;
        try
        {
            using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            n = fs.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new NewsCacheException(NewsCacheProblem.CannotOpen, path, $"Cannot read the cache file '{path}': {ex.Message}", ex);
        }
        if (n == 0) return; // an empty file becomes a new database
        if (n < 16 || !head.AsSpan().SequenceEqual("SQLite format 3\0"u8))
            throw NotACache(path, "it is not an SQLite database");
    }

    private static bool IsWritable(string path)
    {
        try
        {
            using var fs = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
        catch (IOException)
        {
            return true; // locked, not read-only: SQLite waits for it
        }
    }

    internal SqliteCommand Command(string sql, SqliteTransaction? tx = null)
    {
        var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        return cmd;
    }

    internal void Execute(string sql, SqliteTransaction? tx = null)
    {
        using var cmd = Command(sql, tx);
        cmd.ExecuteNonQuery();
    }

    internal object? Scalar(string sql, SqliteTransaction? tx = null)
    {
        using var cmd = Command(sql, tx);
        return cmd.ExecuteScalar();
    }
}
