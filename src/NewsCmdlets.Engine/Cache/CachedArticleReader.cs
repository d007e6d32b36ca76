using System.Diagnostics;
using System.Reflection;
using System.Security.Cryptography;
using NewsCmdlets.Engine.Ingest;
using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Engine.Cache;

/// <summary>An article read through the cache, and whether it came from the cache unchanged.</summary>
public sealed record CachedReadResult(ArticleReadResult Read, bool FromCache);

/// <summary>
/// Reads article files through the cache: an unchanged file (same length and last write time, or same content hash)
/// is not read or parsed again — its cached article is returned; a new or changed file is read with
/// <see cref="ArticleReader"/> and stored with its raw bytes. Writes are buffered and committed in one transaction per
/// batch (every <see cref="BatchSize"/> articles, at most every second, and on <see cref="Flush"/>/<see cref="Dispose"/>),
/// so a killed process keeps every batch it committed and the write lock is held only while a batch is written.
/// Use from one thread (the pipeline thread).
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

    public CachedArticleReader(NewsCache cache, int batchSize = 500)
    {
        _cache = cache;
        BatchSize = Math.Max(1, batchSize);
    }

    public NewsCache Cache => _cache;

    /// <summary>Articles per transaction.</summary>
    public int BatchSize { get; }

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
        string full = Path.GetFullPath(path);
        var info = new FileInfo(full);
        if (!info.Exists || info.Length == 0 || info.Length > options.MaximumBytes)
            return new CachedReadResult(ArticleReader.ReadFile(full, options, cancel), false); // throws the usual problem
        var lastWrite = TruncateToMs(info.LastWriteTimeUtc);
        string readerKey = ReaderKey(options);

        var (known, knownArticle) = Lookup(full);
        bool sameStamp = known != null && known.ReaderKey == readerKey && known.Length == info.Length && known.LastWriteUtc == lastWrite;
        if (sameStamp && !VerifyContentHash && knownArticle != null)
            return Hit(knownArticle, full, "unchanged length and last write time");

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new CachedReadResult(ArticleReader.ReadFile(full, options, cancel), false); // reports it as FileUnreadable
        }
        cancel.ThrowIfCancellationRequested();
        string hash = Hash(bytes);
        var input = new CachedInput { Location = full, Length = bytes.Length, LastWriteUtc = lastWrite, ContentHash = hash, ReaderKey = readerKey };
        if (known != null && known.ReaderKey == readerKey && known.ContentHash == hash && knownArticle != null)
        {
            // Touched but not changed: remember the new time so the next check is cheap again.
            if (!sameStamp) Enqueue(new CacheWrite(null, null, input with { ArticleId = knownArticle.Id }), full, input, knownArticle);
            return Hit(knownArticle, full, "same content hash");
        }

        var read = ArticleReader.ReadBytes(bytes, full, null, null, options);
        Misses++;
        Enqueue(new CacheWrite(read.Article, bytes, input with { ArticleId = read.Article.Id }), full, input, read.Article);
        return new CachedReadResult(read, false);
    }

    /// <summary>Commits the buffered writes now (one transaction).</summary>
    public void Flush()
    {
        if (_pending.Count == 0) return;
        var batch = _pending.ToArray();
        _pending.Clear();
        _pendingByLocation.Clear();
        _sinceFlush.Restart();
        _cache.Write(batch);
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
        return _cache.LookupInput(location);
    }

    private CachedReadResult Hit(NewsArticle article, string path, string why)
    {
        Hits++;
        MaybeFlush();
        return new CachedReadResult(new ArticleReadResult(article, new[] { $"from the cache '{_cache.Path}' ({why})" }), true);
    }

    private void Enqueue(CacheWrite write, string location, CachedInput input, NewsArticle article)
    {
        _pending.Add(write);
        _pendingByLocation[location] = (input with { ArticleId = article.Id }, article);
        MaybeFlush();
    }

    private void MaybeFlush()
    {
        if (_pending.Count >= BatchSize || _pending.Count > 0 && _sinceFlush.ElapsedMilliseconds >= 1000) Flush();
    }

    private static string ReaderKey(ArticleReadOptions options) => $"{ExtractorVersion}|outlet={options.Outlet}";

    private static DateTimeOffset TruncateToMs(DateTime utc) => DateTimeOffset.FromUnixTimeMilliseconds(new DateTimeOffset(utc, TimeSpan.Zero).ToUnixTimeMilliseconds());

    /// <summary>SHA-256 of the bytes, lowercase hex.</summary>
    public static string Hash(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
}
