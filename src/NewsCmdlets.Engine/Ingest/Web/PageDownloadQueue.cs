using System.Globalization;
using NewsCmdlets.Engine.Cache;
using NewsCmdlets.Engine.Ingest.Feeds;
using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Engine.Ingest.Web;

/// <summary>
/// Import-NewsArticle's download scheduling: pages are downloaded on worker tasks, at most a given number at a time,
/// through the process-wide <see cref="WebFetcher.Shared"/> (which retries 429 and 5xx answers), and handed back in the
/// order they were added, on the thread that adds them. With a cache, what it knows of each address is looked up when
/// the download starts (its ETag and Last-Modified are sent, so the server can answer 304 Not Modified) and what was
/// downloaded is stored when the page is handed back, both on the adding thread (the cache is one connection).
/// </summary>
public sealed class PageDownloadQueue
{
    private readonly Queue<PageDownload> _pending = new();
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _cancel;
    private readonly CancellationToken _stop;
    private readonly int _window;
    private readonly WebFetchOptions _web;
    private readonly ArticleReadOptions _read;
    private readonly CachedArticleReader? _cache;

    /// <param name="limit">Pages downloaded at the same time; four times as many finished pages wait behind a slow one.</param>
    /// <param name="web">How pages are downloaded.</param>
    /// <param name="read">How articles are read from them.</param>
    /// <param name="cache">The cache to ask the server about and store pages in, or null.</param>
    /// <param name="stop">Stops the downloads and the waiting for them (Ctrl+C).</param>
    public PageDownloadQueue(int limit, WebFetchOptions web, ArticleReadOptions read, CachedArticleReader? cache, CancellationToken stop)
    {
        _slots = new SemaphoreSlim(limit, limit);
        _window = limit * 4;
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(stop);
        _stop = stop;
        _web = web;
        _read = read;
        _cache = cache;
    }

    /// <summary>Downloads added so far.</summary>
    public int Started { get; private set; }

    /// <summary>Downloads handed back so far.</summary>
    public int Done { get; private set; }

    /// <summary>
    /// Starts downloading <paramref name="uri"/> (null: not a usable address, handed back as an InvalidUri error).
    /// A cache that cannot be read throws <see cref="NewsCacheException"/> and nothing is added.
    /// </summary>
    public void Add(Uri? uri, object target, NewsFeedItem? feedItem)
    {
        string name = uri?.ToString() ?? target.ToString() ?? "";
        Task<PageDownload.Outcome> work;
        PageDownload.CachedPage? cachedPage = null;
        try
        {
            if (uri == null) throw new WebFetchException(WebProblemKind.InvalidUri, null, $"'{target}' is not a valid web address.");
            WebFetcher.CheckAddress(uri);
            var token = _cancel.Token;
            var slots = _slots;
            var web = _web;
            var read = _read;
            if (_cache != null)
            {
                // Looked up on the adding thread (the cache is one connection); the worker only sends the validators.
                string key = CachedArticleReader.ReaderKeyFor(_read);
                var (known, article) = _cache.Find(uri.AbsoluteUri);
                cachedPage = new PageDownload.CachedPage(uri.AbsoluteUri, key, known, article);
                if (known != null && article != null && known.ReaderKey == key && (known.ETag != null || known.LastModified != null))
                {
                    web = web with
                    {
                        IfNoneMatch = known.ETag,
                        IfModifiedSince = DateTimeOffset.TryParse(known.LastModified, CultureInfo.InvariantCulture,
                            DateTimeStyles.AssumeUniversal, out var lm) ? lm : null,
                    };
                }
            }
            work = Task.Run(() => DownloadAsync(uri, web, read, slots, token));
        }
        catch (WebFetchException ex)
        {
            work = Task.FromResult(new PageDownload.Outcome { Error = ex });
        }
        _pending.Enqueue(new PageDownload(target, name, work, feedItem, cachedPage, _cache));
        Started++;
    }

    private static async Task<PageDownload.Outcome> DownloadAsync(Uri uri, WebFetchOptions web, ArticleReadOptions read, SemaphoreSlim slots, CancellationToken cancel)
    {
        var outcome = new PageDownload.Outcome();
        try
        {
            await slots.WaitAsync(cancel).ConfigureAwait(false);
            try
            {
                if (web.IsConditional)
                {
                    // As WebArticleReader.ReadAsync, but a 304 Not Modified is an answer, not an empty page.
                    web = web.AcceptedMediaTypes == null ? web with { AcceptedMediaTypes = WebArticleReader.PageMediaTypes } : web;
                    var fetch = await WebFetcher.Shared.FetchAsync(uri, web, cancel, outcome.Notes.Add).ConfigureAwait(false);
                    cancel.ThrowIfCancellationRequested();
                    if (fetch.NotModified) outcome.NotModified = fetch;
                    else outcome.Result = new WebArticleResult(fetch, WebArticleReader.Read(fetch, read));
                }
                else outcome.Result = await WebArticleReader.ReadAsync(WebFetcher.Shared, uri, web, read, cancel, outcome.Notes.Add).ConfigureAwait(false);
            }
            finally
            {
                slots.Release();
            }
        }
        catch (Exception ex)
        {
            outcome.Error = ex;
        }
        return outcome;
    }

    /// <summary>
    /// Hands finished downloads from the head of the queue to <paramref name="write"/>. With <paramref name="all"/> (or
    /// when the window of finished pages waiting behind a slow one is full) it waits for them, calling
    /// <paramref name="waiting"/> with the oldest about four times a second. Returns false when stopped.
    /// </summary>
    public bool Flush(bool all, Action<PageDownload> write, Action<PageDownload> waiting)
    {
        while (_pending.Count > 0)
        {
            var head = _pending.Peek();
            if (!head.Work.IsCompleted)
            {
                if (!all && _pending.Count < _window) return true;
                try
                {
                    while (!head.Work.Wait(250, _stop)) waiting(head);
                }
                catch (OperationCanceledException)
                {
                    return false;
                }
            }
            _pending.Dequeue();
            Done++;
            write(head);
        }
        return true;
    }

    /// <summary>Cancels the downloads still running (the call failed or was stopped, or everything was handed back).</summary>
    public void Cancel()
    {
        try { _cancel.Cancel(); } catch (ObjectDisposedException) { }
    }
}

/// <summary>One download of a <see cref="PageDownloadQueue"/>, handed back in order: its article or its error.</summary>
public sealed class PageDownload
{
    /// <summary>What the cache held for a web address when its download started (validators sent with the request).</summary>
    internal sealed record CachedPage(string Location, string ReaderKey, CachedInput? Known, NewsArticle? KnownArticle);

    /// <summary>What a worker hands back; workers write nothing.</summary>
    internal sealed class Outcome
    {
        public WebArticleResult? Result;
        /// <summary>The server answered 304 Not Modified to a conditional request: the cached article stands.</summary>
        public FetchResult? NotModified;
        public Exception? Error;
        public readonly List<string> Notes = new();
    }

    private readonly CachedPage? _cached;
    private readonly CachedArticleReader? _cache;

    internal PageDownload(object target, string name, Task<Outcome> work, NewsFeedItem? feedItem, CachedPage? cached, CachedArticleReader? cache)
    {
        Target = target;
        Name = name;
        Work = work;
        FeedItem = feedItem;
        _cached = cached;
        _cache = cache;
    }

    internal Task<Outcome> Work { get; }

    private Outcome Result => Work.Result;

    /// <summary>What was given: the address, the string or the feed item (the target of its error).</summary>
    public object Target { get; }

    /// <summary>The address, for progress and messages.</summary>
    public string Name { get; }

    /// <summary>The feed item whose page this is, or null.</summary>
    public NewsFeedItem? FeedItem { get; }

    /// <summary>What the download said on its way (redirects, retries, decoding).</summary>
    public IReadOnlyList<string> Notes => Result.Notes;

    /// <summary>Why the page could not be imported (a <see cref="WebFetchException"/>, an <see cref="InputProblemException"/> …), or null.</summary>
    public Exception? Error => Result.Error;

    /// <summary>The server answered 304 Not Modified and the cached article stands.</summary>
    public bool IsNotModified => Result.Error == null && Result.NotModified != null && _cached?.KnownArticle != null;

    /// <summary>A page was downloaded and read.</summary>
    public bool IsDownloaded => Result.Error == null && !IsNotModified && Result.Result != null;

    /// <summary>What happened on the wire, for -Verbose (for a page not modified or downloaded).</summary>
    public string Summary
    {
        get
        {
            if (IsNotModified)
            {
                var nm = Result.NotModified!;
                return $"GET {nm.RequestUri} → HTTP 304 Not Modified in {nm.Elapsed.TotalMilliseconds:0} ms: the cached article stands";
            }
            var f = Result.Result!.Fetch;
            return $"GET {f.RequestUri} → HTTP {f.StatusCode} {f.MediaType ?? "(no Content-Type)"}" +
                   $"{(f.ContentEncoding != null ? $" ({f.ContentEncoding})" : "")}, {ArticleReader.FormatBytes(f.Bytes.Length)} in {f.Elapsed.TotalMilliseconds:0} ms" +
                   $"{(f.Redirects > 0 ? $", {f.Redirects} redirect(s) to {f.FinalUri}" : "")}{(f.Attempts > 1 ? $", {f.Attempts} attempts" : "")}";
        }
    }

    /// <summary>
    /// The article of a page not modified or downloaded (merged with its feed item's), storing in the cache what it
    /// learnt: a cache that cannot be written throws <see cref="NewsCacheException"/>.
    /// </summary>
    public ArticleReadResult Accept()
    {
        ArticleReadResult read;
        if (IsNotModified)
        {
            var kept = _cached!.KnownArticle!;
            _cache!.CountHit();
            _cache.Store(kept, null, _cached.Known! with { CheckedUtc = DateTimeOffset.UtcNow }, articleChanged: false);
            read = new ArticleReadResult(kept, new[] { $"from the cache '{_cache.Cache.Path}' (HTTP 304 Not Modified)" });
        }
        else
        {
            var r = Result.Result!;
            var f = r.Fetch;
            if (_cached is { } page)
            {
                _cache!.CountMiss();
                _cache.Store(r.Read.Article, f.Bytes, new CachedInput
                {
                    Location = page.Location, Length = f.Bytes.Length, ContentHash = CachedArticleReader.Hash(f.Bytes), ReaderKey = page.ReaderKey,
                    ETag = f.ETag, LastModified = f.LastModified?.ToString("R", CultureInfo.InvariantCulture),
                });
            }
            read = r.Read;
        }
        return FeedItem != null ? FeedArticleBuilder.Merge(read, FeedItem) : read;
    }
}
