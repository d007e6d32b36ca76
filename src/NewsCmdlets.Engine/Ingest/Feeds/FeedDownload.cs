using NewsCmdlets.Engine.Cache;
using NewsCmdlets.Engine.Ingest.Web;

namespace NewsCmdlets.Engine.Ingest.Feeds;

/// <summary>
/// Get-NewsFeed's download of one web feed on a worker task, through the process-wide <see cref="WebFetcher.Shared"/>.
/// With a cache, only what changed since the copy it keeps is asked for (ETag, Last-Modified): a 304 answer is read
/// from that copy, a new feed replaces it. The cache is used on the calling thread only (it is one connection).
/// </summary>
public sealed class FeedDownload
{
    private readonly List<string> _notes = new();
    private readonly Uri _uri;
    private readonly FeedReadOptions _options;
    private readonly NewsCache? _cache;
    private readonly CachedFeed? _cached;
    private readonly CancellationToken _cancel;
    private FeedFetchResult? _result;

    private FeedDownload(Uri uri, WebFetchOptions web, FeedReadOptions options, NewsCache? cache, CancellationToken cancel)
    {
        _uri = uri;
        _options = options;
        _cache = cache;
        _cancel = cancel;
        // With the cache, ask the server only for what changed since the copy we hold.
        _cached = cache?.GetFeed(uri.AbsoluteUri);
        var conditional = _cached == null ? web : web with { IfNoneMatch = _cached.ETag, IfModifiedSince = _cached.LastModified };
        Work = Task.Run(() => FeedReader.FetchAsync(WebFetcher.Shared, uri, conditional, options, cancel, _notes.Add));
    }

    /// <summary>
    /// Starts downloading the feed at <paramref name="uri"/>. Throws <see cref="WebFetchException"/> for an address that
    /// is refused at once and <see cref="NewsCacheException"/> for a cache that cannot be read.
    /// </summary>
    public static FeedDownload Start(Uri uri, WebFetchOptions web, FeedReadOptions options, NewsCache? cache, CancellationToken cancel)
    {
        WebFetcher.CheckAddress(uri);
        return new FeedDownload(uri, web, options, cache, cancel);
    }

    /// <summary>The download; wait for it before <see cref="Complete"/>.</summary>
    public Task Work { get; }

    /// <summary>
    /// The finished download's account for -Verbose: what the download said on its way, the answer, and whether the
    /// cached copy is read. Throws what the download threw (<see cref="WebFetchException"/>, <see cref="FeedException"/> …).
    /// </summary>
    public IReadOnlyList<string> Complete()
    {
        var result = _result = ((Task<FeedFetchResult>)Work).GetAwaiter().GetResult();
        var log = new List<string>();
        lock (_notes) log.AddRange(_notes);
        var f = result.Fetch;
        log.Add($"GET {f.RequestUri} → HTTP {f.StatusCode} {f.MediaType ?? "(no Content-Type)"}, {ArticleReader.FormatBytes(f.Bytes.Length)} in {f.Elapsed.TotalMilliseconds:0} ms" +
                $"{(f.Redirects > 0 ? $", {f.Redirects} redirect(s) to {f.FinalUri}" : "")}{(f.Attempts > 1 ? $", {f.Attempts} attempts" : "")}" +
                $"{(f.ETag != null ? $"; ETag {f.ETag}" : "")}{(f.LastModified is { } lm ? $"; Last-Modified {lm:R}" : "")}");
        if (result.NotModified && _cached != null)
            log.Add($"{_uri}: not modified since {_cached.FetchedUtc:u}; reading the copy in the cache.");
        return log;
    }

    /// <summary>
    /// After <see cref="Complete"/>: the feed, read from the cached copy when the server said it is unchanged, else the
    /// new one (which replaces the cached copy); null when there is neither.
    /// </summary>
    public ParsedFeed? Accept()
    {
        var result = _result ?? throw new InvalidOperationException("Complete the download first.");
        var f = result.Fetch;
        if (result.NotModified && _cached != null)
            return FeedParser.Parse(_cached.Body, _uri.ToString(), f.FinalUri ?? _uri, _options, _cancel);
        if (result.Feed == null) return null;
        _cache?.PutFeed(new CachedFeed(_uri.AbsoluteUri, f.ETag, f.LastModified, f.ContentType, f.Bytes, DateTimeOffset.UtcNow));
        return result.Feed;
    }
}
