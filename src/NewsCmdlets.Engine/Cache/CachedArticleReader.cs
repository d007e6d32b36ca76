using System.Diagnostics;
using System.Reflection;
using System.Security.Cryptography;
using NewsCmdlets.Engine.Ingest;
using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Engine.Cache;

/// <summary>An article read through the cache, and whether it came from the cache unchanged.</summary>
public sealed record CachedReadResult(ArticleReadResult Read, bool FromCache);

/// <summary>
/// A file between <see cref="CachedArticleReader.BeginFile"/> and <see cref="CachedArticleReader.FinishFile"/>: what
/// the cache knew of it when it was looked up.
/// </summary>
public sealed class PendingFileRead
{
    internal PendingFileRead(string path, ArticleReadOptions options)
    {
        Path = path;
        Options = options;
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    internal ArticleReadOptions Options { get; }

    /// <summary>The answer when the cache had it (unchanged file): nothing left to read.</summary>
    public CachedReadResult? Done { get; internal set; }

    internal bool Uncached { get; init; }
    internal string ReaderKey { get; init; } = "";
    internal DateTimeOffset LastWrite { get; init; }
    internal DateTimeOffset CheckedUtc { get; init; }
    internal CachedInput? Known { get; init; }
    internal NewsArticle? KnownArticle { get; init; }
    internal bool SameStamp { get; init; }
}

/// <summary>What <see cref="CachedArticleReader.ReadPending"/> found: the article parsed (null when the content was the
/// cached one) and the bytes and hash to store (null for a file the cache does not keep).</summary>
public sealed record PendingFileOutcome(ArticleReadResult? Read, byte[]? Bytes, string? Hash);

/// <summary>
/// Reads article files through the cache. The rule for "unchanged":
/// <list type="bullet">
/// <item>Same length and same last write time (to the millisecond) as when the cache stored the file, and that time
/// was at least <see cref="RacyWindow"/> older than the moment the file was checked: the file is neither read nor
/// hashed nor parsed; its cached article is returned.</item>
/// <item>Otherwise (another length or time — a changed file with the same length but a new time included — or a stamp
/// taken so soon after the file was written that a later edit in the same clock tick could keep its time, the
/// "racily clean" case git knows): the file is read and hashed. Same SHA-256 as stored: the cached article is returned
/// and the new stamp stored, so the next check is cheap again. Another hash: the file is parsed and stored again.</item>
/// <item>With <see cref="VerifyContentHash"/>, every file is hashed (for file systems whose times cannot be trusted).</item>
/// </list>
/// A new or changed file is read with <see cref="ArticleReader"/> and stored with its raw bytes. Stamps are looked up
/// a window at a time (<see cref="NewsCache.LookupInputsFrom"/>: one range scan for the next files in path order,
/// growing while files come in that order, shrinking when they do not), not one query per file.
/// Writes are buffered and committed in one transaction per batch (every <see cref="BatchSize"/> articles, when an
/// article arrives <see cref="FlushInterval"/> (a second) or more after the last commit, and on <see cref="Flush"/>
/// and <see cref="Dispose"/>), so a killed process keeps every batch it committed and the write lock is held only while a batch is written. Use from one thread (the pipeline thread); only
/// <see cref="ReadPending"/>, the reading and parsing of a file, may run on other threads.
/// </summary>
public sealed class CachedArticleReader : IDisposable
{
    /// <summary>Changes whenever the engine changes, so a new extractor re-reads what an older one stored.</summary>
    public static string ExtractorVersion { get; } =
        typeof(ArticleReader).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ArticleReader).Assembly.GetName().Version?.ToString() ?? "0";

    private readonly NewsCache _cache;
    private readonly List<CacheWrite> _pending = new();
    private readonly Dictionary<string, (CachedInput Input, NewsArticle Article)> _pendingByLocation = new(StringComparer.Ordinal);
    private readonly Stopwatch _sinceFlush = Stopwatch.StartNew();

    // The lookup window: stamps (and articles) of the next inputs in path order, read with one range scan.
    private const int MinWindow = 1, MaxWindow = 256, FirstWindow = 16;
    private readonly Dictionary<string, (CachedInput Input, NewsArticle? Article)> _window = new(StringComparer.Ordinal);
    private int _windowSize = FirstWindow, _windowLoaded, _windowUsed;
    private static readonly char[] Separators = { '/', '\\' };

    /// <summary>
    /// A stamp taken less than this long after the file's last write time is not trusted on its own (file systems
    /// keep times in ticks of up to 2 s, so an edit right after the stamp could keep the time): such a file is hashed.
    /// </summary>
    public static TimeSpan RacyWindow { get; } = TimeSpan.FromSeconds(2);

    /// <param name="cache">Where articles are stored.</param>
    /// <param name="batchSize">Articles per transaction.</param>
    /// <param name="flushInterval">
    /// The longest a pending article waits before its batch is committed (one second when not given;
    /// <see cref="Timeout.InfiniteTimeSpan"/> commits by count and on <see cref="Flush"/> only).
    /// </param>
    public CachedArticleReader(NewsCache cache, int batchSize = 500, TimeSpan? flushInterval = null)
    {
        _cache = cache;
        BatchSize = Math.Max(1, batchSize);
        FlushInterval = flushInterval ?? TimeSpan.FromSeconds(1);
        if (FlushInterval < TimeSpan.Zero && FlushInterval != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(flushInterval), flushInterval, "The flush interval cannot be negative.");
    }

    public NewsCache Cache => _cache;

    /// <summary>Articles per transaction.</summary>
    public int BatchSize { get; }

    /// <summary>The longest a pending article waits before its batch is committed; infinite: by count and on flush only.</summary>
    public TimeSpan FlushInterval { get; }

    /// <summary>Dispose the cache with the reader (for a reader that opened the cache for one call).</summary>
    public bool OwnsCache { get; init; }

    /// <summary>Also hash files whose length and last write time are unchanged (slower, catches edits that kept both).</summary>
    public bool VerifyContentHash { get; init; }

    /// <summary>How many reads were answered from the cache / parsed, so far.</summary>
    public int Hits { get; private set; }
    public int Misses { get; private set; }

    /// <summary>
    /// The article in <paramref name="path"/>: from the cache when the file is unchanged, otherwise read (problems throw
    /// <see cref="InputProblemException"/> exactly as <see cref="ArticleReader.ReadFile"/> does) and stored.
    /// </summary>
    public CachedReadResult ReadFile(string path, ArticleReadOptions options, CancellationToken cancel = default)
    {
        var pending = BeginFile(path, options);
        return pending.Done ?? FinishFile(pending, ReadPending(pending, cancel));
    }

    /// <summary>
    /// The first of the three steps of <see cref="ReadFile"/>, on the thread that uses this reader: what the cache
    /// knows of the file. When the file is unchanged the answer is <see cref="PendingFileRead.Done"/>; otherwise
    /// <see cref="ReadPending"/> (on any thread, several at once) reads and parses it and <see cref="FinishFile"/> (back
    /// on this reader's thread, in input order) stores it. Lets Import-NewsArticle parse on several threads while the
    /// cache, one connection, stays on the pipeline thread.
    /// </summary>
    public PendingFileRead BeginFile(string path, ArticleReadOptions options)
    {
        var checkedUtc = DateTimeOffset.UtcNow; // before the file is looked at: a write after this is never missed
        var info = new FileInfo(path); // makes the path full itself
        string full = info.FullName;
        if (!info.Exists || info.Length == 0 || info.Length > options.MaximumBytes)
            return new PendingFileRead(full, options) { Uncached = true }; // the reading throws the usual problem
        var lastWrite = TruncateToMs(info.LastWriteTimeUtc);
        if (!ReferenceEquals(options, _lastKeyOptions)) (_lastKey, _lastKeyOptions) = (ReaderKey(options), options);
        string readerKey = _lastKey!;

        var (known, knownArticle) = Lookup(full);
        bool sameStamp = known != null && known.ReaderKey == readerKey && known.Length == info.Length && known.LastWriteUtc == lastWrite;
        var pending = new PendingFileRead(full, options)
        {
            ReaderKey = readerKey, LastWrite = lastWrite, CheckedUtc = checkedUtc, Known = known, KnownArticle = knownArticle, SameStamp = sameStamp,
        };
        if (sameStamp && !VerifyContentHash && knownArticle != null && !IsRacy(known!))
            pending.Done = Hit(knownArticle, full, StampReason);
        return pending;
    }

    /// <summary>
    /// The second step of <see cref="ReadFile"/>: reads the file of <paramref name="pending"/>, hashes it and, unless it
    /// holds what the cache holds, parses it. Touches neither the cache nor this reader: safe on any thread, several at once.
    /// </summary>
    public static PendingFileOutcome ReadPending(PendingFileRead pending, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(pending);
        if (pending.Uncached || pending.Done != null)
            return new PendingFileOutcome(ArticleReader.ReadFile(pending.Path, pending.Options, cancel), null, null);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(pending.Path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new PendingFileOutcome(ArticleReader.ReadFile(pending.Path, pending.Options, cancel), null, null); // reports it as FileUnreadable
        }
        cancel.ThrowIfCancellationRequested();
        string hash = Hash(bytes);
        if (pending.Known is { } known && known.ReaderKey == pending.ReaderKey && known.ContentHash == hash && pending.KnownArticle != null)
            return new PendingFileOutcome(null, bytes, hash); // touched but not changed: nothing to parse
        return new PendingFileOutcome(ArticleReader.ReadBytes(bytes, pending.Path, null, null, pending.Options), bytes, hash);
    }

    /// <summary>The last step of <see cref="ReadFile"/>, on this reader's thread: stores what was read (or the new stamp).</summary>
    public CachedReadResult FinishFile(PendingFileRead pending, PendingFileOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(pending);
        ArgumentNullException.ThrowIfNull(outcome);
        if (pending.Done != null) return pending.Done;
        if (outcome.Hash == null) return new CachedReadResult(outcome.Read!, false); // not a file the cache keeps
        string full = pending.Path;
        var input = new CachedInput
        {
            Location = full, Length = outcome.Bytes!.Length, LastWriteUtc = pending.LastWrite, ContentHash = outcome.Hash, ReaderKey = pending.ReaderKey,
            CheckedUtc = pending.CheckedUtc,
        };
        if (outcome.Read == null)
        {
            // Touched but not changed (or a racy stamp confirmed): remember the new stamp so the next check is cheap again.
            var known = pending.Known!;
            var knownArticle = pending.KnownArticle!;
            if (!pending.SameStamp || IsRacy(known)) Enqueue(new CacheWrite(null, null, input with { ArticleId = knownArticle.Id }), full, input, knownArticle);
            return Hit(knownArticle, full, "same content hash");
        }
        var read = outcome.Read;
        Misses++;
        Enqueue(new CacheWrite(read.Article, outcome.Bytes, input with { ArticleId = read.Article.Id }), full, input, read.Article);
        return new CachedReadResult(read, false);
    }

    /// <summary>True when the stamp was taken too soon after the file's last write for its time to prove anything.</summary>
    private static bool IsRacy(CachedInput stamp) =>
        stamp.LastWriteUtc is not { } written || stamp.CheckedUtc - written < RacyWindow;

    /// <summary>
    /// What the cache knows about an input that is not a file (a URL, a piece of content): its stamp and article,
    /// including what this reader has not committed yet.
    /// </summary>
    public (CachedInput? Input, NewsArticle? Article) Find(string location) => Lookup(location);

    /// <summary>
    /// Stores an article read from an input that is not a file (with its raw bytes when given), in the current batch.
    /// Pass a null <paramref name="rawSource"/> and the known article to only renew an input's stamp.
    /// </summary>
    public void Store(NewsArticle article, byte[]? rawSource, CachedInput input, bool articleChanged = true)
    {
        input = input with { ArticleId = article.Id };
        Enqueue(new CacheWrite(articleChanged ? article : null, articleChanged ? rawSource : null, input), input.Location, input, article);
    }

    /// <summary>
    /// Reads article text given as a string (<see cref="ArticleReader.ReadContent"/>) through the cache: the input is the
    /// text itself, known by its SHA-256 (with the options that change what is read), so the same text is parsed once.
    /// A cache that cannot be used throws <see cref="NewsCacheException"/>.
    /// </summary>
    public ArticleReadResult ReadContent(string content, string? sourceName, Uri? baseUri, ArticleReadOptions options)
    {
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(content);
        string hash = Hash(bytes);
        string location = "content:sha256:" + hash;
        string key = ReaderKeyFor(options, $"source={sourceName}|base={baseUri?.AbsoluteUri}");
        var (known, article) = Find(location);
        if (known != null && article != null && known.ReaderKey == key)
        {
            CountHit();
            return new ArticleReadResult(article, new[] { $"from the cache '{Cache.Path}' (content seen before)" });
        }
        var result = ArticleReader.ReadContent(content, sourceName, baseUri, options);
        CountMiss();
        Store(result.Article, bytes, new CachedInput { Location = location, Length = bytes.Length, ContentHash = hash, ReaderKey = key });
        return result;
    }

    /// <summary>Counts an answer from the cache for an input that is not a file (a URL the server said is unchanged).</summary>
    public void CountHit() => Hits++;

    /// <summary>Counts an input that was read and parsed.</summary>
    public void CountMiss() => Misses++;

    /// <summary>The reader key of <paramref name="options"/> and anything else that changes what is read (for non-file inputs).</summary>
    public static string ReaderKeyFor(ArticleReadOptions options, string? extra = null) =>
        extra == null ? ReaderKey(options) : ReaderKey(options) + "|" + extra;

    /// <summary>Articles and stamps this reader could not store (a read-only cache, a full disk); the reading goes on.</summary>
    public UnstoredWrites Unstored { get; } = new();

    /// <summary>Commits the buffered writes now (one transaction).</summary>
    public void Flush()
    {
        if (_pending.Count == 0) return;
        var batch = _pending.ToArray();
        _pending.Clear();
        _pendingByLocation.Clear();
        _sinceFlush.Restart();
        if (_outage.StillDown() is { } down)
        {
            KeepUnstored(batch, down);
            return;
        }
        try
        {
            // A full disk or a file made read-only stops the storing (counted in Unstored); a server that does not
            // answer keeps each article for its own error, and the next batch tries the server again.
            Unstored.Write(_cache, batch.Count(w => w.Article != null), () => _cache.Write(batch));
        }
        catch (NewsCacheException ex) when (ex.Problem == NewsCacheProblem.ServerUnavailable)
        {
            _outage.WentDown(ex);
            KeepUnstored(batch, ex);
        }
    }

    // ---- A cache server that stops answering --------------------------------------------------------------------

    private readonly ServerOutage<UnstoredArticle> _outage = new(); // the next batch tries the server again two seconds after it failed

    /// <summary>
    /// The articles read since the last call that could not be stored because the cache's server did not answer (it
    /// was stopped, restarted or cut off): each was read and returned all the same, and the reading goes on; the next
    /// batch tries the server again (at most every two seconds), so storing resumes when it answers.
    /// </summary>
    public IReadOnlyList<UnstoredArticle> TakeUnstored() => _outage.TakeUnstored();

    private void KeepUnstored(IEnumerable<CacheWrite> batch, NewsCacheException reason)
    {
        foreach (var w in batch)
            if (w.Article != null) _outage.Keep(new UnstoredArticle(w.Input?.Location ?? w.Article.Source ?? w.Article.Id, w.Article.Id, w.Article.Title, reason));
    }

    /// <summary>Commits what is buffered (and closes the cache when <see cref="OwnsCache"/>).</summary>
    public void Dispose()
    {
        try
        {
            Flush();
        }
        finally
        {
            if (OwnsCache) _cache.Dispose();
        }
    }

    private (CachedInput? Input, NewsArticle? Article) Lookup(string location)
    {
        if (_pendingByLocation.TryGetValue(location, out var p)) return (p.Input, p.Article);
        if (_window.Remove(location, out var w))
        {
            _windowUsed++;
            return (w.Input, w.Article);
        }
        // Past the window (or outside it): size the next one by how much of this one was used, then read it.
        if (_windowLoaded > 0)
            _windowSize = _windowUsed * 2 >= _windowLoaded ? Math.Min(MaxWindow, _windowSize * 2) : Math.Max(MinWindow, _windowSize / 2);
        _window.Clear();
        IReadOnlyList<(CachedInput Input, NewsArticle? Article)> rows;
        if (_outage.StillDown() != null) return (null, null); // read afresh; storing it will say the server is down
        try
        {
            rows = _cache.LookupInputsFrom(location, FolderEnd(location), _windowSize);
        }
        catch (NewsCacheException ex) when (ex.Problem == NewsCacheProblem.ServerUnavailable)
        {
            _outage.WentDown(ex);
            _windowLoaded = 0;
            return (null, null);
        }
        _windowLoaded = rows.Count;
        _windowUsed = 0;
        (CachedInput? Input, NewsArticle? Article) found = (null, null);
        foreach (var row in rows)
        {
            if (string.Equals(row.Input.Location, location, StringComparison.Ordinal))
            {
                found = (row.Input, row.Article);
                _windowUsed++;
            }
            else _window[row.Input.Location] = row;
        }
        return found;
    }

    /// <summary>The first string after every path in the folder of <paramref name="location"/> ("/a/b/c.txt" → "/a/b0").</summary>
    private static string FolderEnd(string location)
    {
        int sep = location.LastIndexOfAny(Separators);
        if (sep < 0) return location + "\0";
        return string.Concat(location.AsSpan(0, sep), ((char)(location[sep] + 1)).ToString());
    }

    private const string StampReason = "unchanged length and last write time";
    private string? _stampDecision;
    private string? _lastKey;
    private ArticleReadOptions? _lastKeyOptions;

    private string Decision(string why) => $"from the cache '{_cache.Path}' ({why})";

    private CachedReadResult Hit(NewsArticle article, string path, string why)
    {
        Hits++;
        MaybeFlush();
        string decision = why == StampReason ? _stampDecision ??= Decision(why) : Decision(why);
        return new CachedReadResult(new ArticleReadResult(article, new[] { decision }), true);
    }

    private void Enqueue(CacheWrite write, string location, CachedInput input, NewsArticle article)
    {
        _pending.Add(write);
        _pendingByLocation[location] = (input with { ArticleId = article.Id }, article);
        _window.Remove(location); // the window's row for it is out of date now
        MaybeFlush();
    }

    private void MaybeFlush()
    {
        if (_pending.Count >= BatchSize
            || _pending.Count > 0 && FlushInterval != Timeout.InfiniteTimeSpan && _sinceFlush.Elapsed >= FlushInterval)
            Flush();
    }

    private static string ReaderKey(ArticleReadOptions options) =>
        options.Encoding == null ? $"{ExtractorVersion}|outlet={options.Outlet}" : $"{ExtractorVersion}|outlet={options.Outlet}|encoding={options.Encoding.WebName}";

    private static DateTimeOffset TruncateToMs(DateTime utc) => DateTimeOffset.FromUnixTimeMilliseconds(new DateTimeOffset(utc, TimeSpan.Zero).ToUnixTimeMilliseconds());

    /// <summary>SHA-256 of the bytes, lowercase hex.</summary>
    public static string Hash(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
}

/// <summary>An article read but not stored: where it came from, its id and title, and why (the server did not answer).</summary>
public sealed record UnstoredArticle(string Location, string ArticleId, string? Title, NewsCacheException Reason);
