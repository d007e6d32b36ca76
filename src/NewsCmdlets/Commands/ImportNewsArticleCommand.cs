using System.Collections.ObjectModel;
using System.Management.Automation;
using NewsCmdlets.Engine.Cache;
using NewsCmdlets.Engine.Ingest;
using NewsCmdlets.Engine.Ingest.Feeds;
using NewsCmdlets.Engine.Ingest.Web;
using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Commands;

/// <summary>
/// Import-NewsArticle: reads articles from files, strings or web addresses and emits one <see cref="NewsArticle"/> each.
/// </summary>
/// <remarks>
/// Files are read and parsed on -ThrottleLimit threads by the engine's <see cref="ArticleFileQueue"/> (cache look-ups
/// and stores stay on the pipeline thread). Downloads run on worker tasks (at most -ThrottleLimit at a time, 4 when it
/// is not given) through the process-wide <see cref="WebFetcher.Shared"/>. Both hand their results back in input
/// order, written from the pipeline thread only.
/// </remarks>
[Cmdlet(VerbsData.Import, "NewsArticle", DefaultParameterSetName = PathSet)]
[OutputType(typeof(NewsArticle))]
public sealed class ImportNewsArticleCommand : NewsCmdletBase
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";
    private const string ContentSet = "Content";
    private const string UriSet = "Uri";
    private const string FeedItemSet = "FeedItem";
    private const string Activity = "Importing news articles";

    /// <summary>
    /// Files to import; wildcards allowed. A piped string with line breaks is taken as article text, and one that starts
    /// with http:// or https:// as a web address (strings piped without a parameter name bind here).
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>Files to import, taken literally (no wildcards). Binds the PSPath of Get-ChildItem output.</summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = Array.Empty<string>();

    /// <summary>Web pages to download and import (http and https). Binds objects with a Uri, Url or Link property.</summary>
    [Parameter(Mandatory = true, ParameterSetName = UriSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Url", "Link")]
    [ValidateNotNullOrEmpty]
    [UriTransformation]
    public System.Uri[] Uri { get; set; } = Array.Empty<System.Uri>();

    /// <summary>
    /// Items from Get-NewsFeed. Each item's page is downloaded (or, with -UseFeedContent, its content used) and the
    /// feed's title becomes the Outlet; its dates and authors fill in what the page lacks. Piped NewsFeedItem objects
    /// bind here by value in the binder's first (no-coercion) pass, before any other set could take them: no other
    /// pipeline parameter accepts this type without conversion.
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = FeedItemSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public NewsFeedItem[] FeedItem { get; set; } = Array.Empty<NewsFeedItem>();

    /// <summary>Build articles from the feed items' own full text (content:encoded, Atom content, content_html) without downloading pages.</summary>
    [Parameter(ParameterSetName = FeedItemSet)]
    public SwitchParameter UseFeedContent { get; set; }

    /// <summary>Article text, e.g. from Get-Content -Raw.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ContentSet, ValueFromPipeline = true)]
    [AllowEmptyString]
    public string Content { get; set; } = "";

    /// <summary>Name recorded as the Source of articles given with -Content.</summary>
    [Parameter(ParameterSetName = ContentSet)]
    public string? SourceName { get; set; }

    /// <summary>Address of a page given with -Content as HTML: relative links resolve against it and it becomes the Url.</summary>
    [Parameter(ParameterSetName = ContentSet)]
    public Uri? BaseUri { get; set; }

    /// <summary>The outlet to record when the text does not name one.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(OutletCompleter))]
    public string? Outlet { get; set; }

    /// <summary>Largest file or web page accepted, in bytes (default 64 MiB); downloads stop at the limit.</summary>
    [Parameter]
    [Alias("MaximumResponseSize")]
    [ValidateRange(1L, long.MaxValue)]
    public long MaximumFileSize { get; set; } = TextDecoder.DefaultMaximumBytes;

    /// <summary>Seconds one download attempt may take, redirects and the whole body included (default 30).</summary>
    [Parameter(ParameterSetName = UriSet)]
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = FeedItemSet)]
    [ValidateRange(1, 86400)]
    public int TimeoutSec { get; set; } = 30;

    /// <summary>The User-Agent header sent (default: NewsCmdlets/&lt;version&gt; …).</summary>
    [Parameter(ParameterSetName = UriSet)]
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = FeedItemSet)]
    [ValidateNotNullOrEmpty]
    public string UserAgent { get; set; } = WebFetchOptions.DefaultUserAgent;

    /// <summary>
    /// How many inputs are worked on at the same time: files are read and parsed on this many threads (default: the
    /// number of processors), web pages downloaded this many at a time (default 4 when -ThrottleLimit is not given:
    /// downloads wait on the network, not on the processors). Output keeps the input order.
    /// </summary>
    [Parameter(ParameterSetName = UriSet)]
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = LiteralPathSet)]
    [Parameter(ParameterSetName = FeedItemSet)]
    [ValidateRange(1, MaximumThrottleLimit)]
    public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

    /// <summary>How often a 429 or 5xx answer is retried (default 2), waiting as Retry-After asks, at most 60 seconds.</summary>
    [Parameter(ParameterSetName = UriSet)]
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = FeedItemSet)]
    [ValidateRange(0, 10)]
    public int MaximumRetryCount { get; set; } = 2;

    /// <summary>Downloads at the same time when -ThrottleLimit is not given.</summary>
    private const int DefaultDownloads = 4;

    /// <summary>How many pages are downloaded at the same time.</summary>
    private int DownloadLimit => MyInvocation.BoundParameters.ContainsKey(nameof(ThrottleLimit)) ? ThrottleLimit : DefaultDownloads;

    /// <summary>
    /// The encoding of files and pages without a byte-order mark, over any charset they declare: the names Get-Content
    /// takes (utf8, unicode, ansi, oem …), an encoding name such as windows-1252, or a code page number.
    /// </summary>
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = LiteralPathSet)]
    [Parameter(ParameterSetName = UriSet)]
    [Parameter(ParameterSetName = FeedItemSet)]
    [EncodingTransformation]
    [ArgumentCompleter(typeof(EncodingCompleter))]
    public System.Text.Encoding? Encoding { get; set; }

    /// <summary>
    /// Download only from public internet addresses: an address that is, redirects to or resolves to a loopback,
    /// private, link-local or reserved address is refused (PrivateAddressRefused). For unattended runs over lists of
    /// addresses that others write.
    /// </summary>
    [Parameter(ParameterSetName = UriSet)]
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = FeedItemSet)]
    public SwitchParameter PublicAddressOnly { get; set; }

    /// <summary>
    /// Keep what is imported in the cache, and take unchanged inputs from it (see Set-NewsCacheConfiguration): files
    /// whose length and time are unchanged, web pages the server says are unchanged (conditional requests with the
    /// ETag and Last-Modified kept), content seen before.
    /// </summary>
    [Parameter]
    public SwitchParameter Cache { get; set; }

    private CachedArticleReader? _cached;
    private ArticleFileQueue? _files;

    private ArticleReadOptions _options = new();
    private WebFetchOptions _webOptions = new();
    private int _imported;
    private int _failed;

    protected override void BeginProcessing()
    {
        _options = new ArticleReadOptions { Outlet = Outlet, MaximumBytes = MaximumFileSize, Encoding = Encoding };
        _webOptions = new WebFetchOptions
        {
            Timeout = TimeSpan.FromSeconds(TimeoutSec),
            MaximumBytes = MaximumFileSize,
            UserAgent = UserAgent,
            MaximumRetryCount = MaximumRetryCount,
            PublicAddressesOnly = PublicAddressOnly,
        };
        _cached = CacheSession.OpenReader(this, Cache); // null unless -Cache or Set-NewsCacheConfiguration -Enabled
    }

    protected override void ProcessRecord()
    {
        try
        {
            ProcessInput();
        }
        catch
        {
            // -ErrorAction Stop, Ctrl+C or a failure: downloads still running are no longer wanted.
            CancelDownloads();
            throw;
        }
    }

    private void ProcessInput()
    {
        switch (ParameterSetName)
        {
            case UriSet:
                foreach (var u in Uri)
                {
                    if (Cancellation.IsCancellationRequested) return;
                    EnqueueDownload(u, u);
                }
                break;
            case ContentSet:
                ImportContent(Content, SourceName);
                break;
            case FeedItemSet:
                foreach (var item in FeedItem)
                {
                    if (Cancellation.IsCancellationRequested) return;
                    ImportFeedItem(item);
                }
                break;
            case LiteralPathSet:
                foreach (var p in LiteralPath)
                {
                    if (Cancellation.IsCancellationRequested) return;
                    if (ResolveLiteralPath(p) is { } resolved) ImportFile(resolved);
                    else _failed++;
                }
                break;
            default:
                foreach (var p in Path)
                {
                    if (Cancellation.IsCancellationRequested) return;
                    if (IsWebAddress(p) && !p.Contains('\n'))
                    {
                        // 'https://…' | Import-NewsArticle: strings bind to -Path, but no file path starts with a URL scheme.
                        EnqueueDownload(System.Uri.TryCreate(p.Trim(), UriKind.Absolute, out var u) ? u : null, p);
                        continue;
                    }
                    // Files are read in order with the downloads before them.
                    if (!WritePendingDownloads(all: true)) return;
                    if (p.Contains('\n'))
                    {
                        // A path never spans lines: this is article text piped without -Content (Get-Content -Raw | Import-NewsArticle).
                        if (!WritePendingFiles()) return;
                        ImportContent(p, SourceName);
                        continue;
                    }
                    ImportPathPattern(p);
                }
                break;
        }
    }

    protected override void EndProcessing()
    {
        try
        {
            if (!WritePendingFiles()) return;
            WritePendingDownloads(all: true);
        }
        catch
        {
            CancelDownloads();
            throw;
        }
        CancelDownloads();
        CompleteProgress(Activity);
        var cached = _cached;
        try
        {
            cached?.Dispose(); // commits the last batch and closes the file
        }
        catch (NewsCacheException ex)
        {
            ThrowTerminatingError(CacheSession.ToErrorRecord(ex, cached!.Cache.Path));
        }
        finally
        {
            _cached = null;
        }
        CacheSession.ReportUnstored(this, cached);
        if (cached != null) CacheSession.WarnUnstored(this, cached.Unstored, "article(s)", cached.Cache.Path);
        if (_imported + _failed > 1) WriteVerbose($"Imported {_imported} article(s); {_failed} input(s) failed.");
    }

    protected override void OnDispose()
    {
        // Stopped or failed before EndProcessing: files not written yet are dropped, every committed batch is kept.
        _files?.Dispose();
        try { _cached?.Dispose(); } catch (NewsCacheException) { }
        _cached = null;
    }

    private void ImportPathPattern(string pattern)
    {
        var files = ResolvePathPattern(pattern, "If the text you passed is the article itself, use -Content.");
        if (files == null) { _failed++; return; }
        for (int i = 0; i < files.Count; i++)
        {
            if (Cancellation.IsCancellationRequested) return;
            ImportFile(files[i], files.Count > 1 ? i * 100 / files.Count : -1);
        }
    }

    private void ImportFile(string path, int percent = -1)
    {
        // No progress bar for a single file: it starts with the second input of the call.
        if (_imported + _failed + (_files?.InFlight ?? 0) > 0)
            ReportProgress(Activity, $"{_imported + _failed + (_files?.InFlight ?? 0) + 1}: {System.IO.Path.GetFileName(path)}", percent);
        // Read and parsed on the queue's threads; written by WriteFile, in input order, on this thread.
        if (_files == null)
        {
            _files = new ArticleFileQueue(ThrottleLimit, _options, _cached, WriteFile, Cancellation);
            RegisterPendingOutput(WritePendingFiles);
        }
        CacheGuard(path, () => _files.Add(path));
    }

    /// <summary>Writes the files still being read (before an input of another kind). False when stopped.</summary>
    private bool WritePendingFiles() => _files == null || CacheGuard(null, _files.Flush);

    /// <summary>The queue's work, where the cache is looked up and stored: a cache that fails ends the call.</summary>
    private bool CacheGuard(string? path, Func<bool> work)
    {
        try
        {
            return work();
        }
        catch (NewsCacheException ex)
        {
            ThrowTerminatingError(CacheSession.ToErrorRecord(ex, path ?? _cached?.Cache.Path));
            return false; // not reached
        }
    }

    /// <summary>One file read by the queue, in input order: the article, or the problem with the file.</summary>
    private void WriteFile(string path, ArticleReadResult? result, Exception? error)
    {
        switch (error)
        {
            case null:
                Emit(result!);
                break;
            case OperationCanceledException when Cancellation.IsCancellationRequested:
                break;
            default:
                InputFailed(error, path, fromFile: true);
                break;
        }
    }

    /// <summary>
    /// An input that could not be read: its own error (the ErrorId of its problem, or ImportFailed for a fault this
    /// module did not foresee), and the next input is read. Only reading is guarded so; what the pipeline throws goes on up.
    /// </summary>
    private void InputFailed(Exception ex, object target, bool fromFile)
    {
        _failed++;
        if (ex is InputProblemException ipx)
        {
            var (id, category) = Classify(ipx.Kind, fromFile);
            WriteItemError(ipx, id, category, target);
        }
        else WriteItemError(new InvalidOperationException($"Importing '{target}' failed: {ex.Message}", ex), "ImportFailed", ErrorCategory.NotSpecified, target);
    }

    private void ImportContent(string content, string? sourceName)
    {
        ArticleReadResult result;
        try
        {
            result = _cached != null ? ReadContentThroughCache(_cached, content, sourceName) : ArticleReader.ReadContent(content, sourceName, BaseUri, _options);
        }
        catch (Exception ex) when (ex is not (NewsCacheException or RuntimeException)) // RuntimeException: ThrowTerminatingError and a stopped pipeline
        {
            InputFailed(ex, (object?)sourceName ?? content, fromFile: false);
            return;
        }
        bool shortLine = !content.Contains('\n') && result.Article.WordCount < 40;
        if (shortLine)
        {
            WriteWarning($"The content{(sourceName != null ? $" '{sourceName}'" : "")} is a single short line. If you piped a file with " +
                         "Get-Content, add -Raw so the whole file arrives as one article.");
        }
        Emit(result, warnedShort: shortLine);
    }

    /// <summary>
    /// -Content through the cache: the input is the text itself, known by its SHA-256 (with the options that change what
    /// is read), so the same text is parsed once.
    /// </summary>
    private ArticleReadResult ReadContentThroughCache(CachedArticleReader cached, string content, string? sourceName)
    {
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(content);
        string hash = CachedArticleReader.Hash(bytes);
        string location = "content:sha256:" + hash;
        string key = CachedArticleReader.ReaderKeyFor(_options, $"source={sourceName}|base={BaseUri?.AbsoluteUri}");
        try
        {
            var (known, article) = cached.Find(location);
            if (known != null && article != null && known.ReaderKey == key)
            {
                cached.CountHit();
                return new ArticleReadResult(article, new[] { $"from the cache '{cached.Cache.Path}' (content seen before)" });
            }
            var result = ArticleReader.ReadContent(content, sourceName, BaseUri, _options);
            cached.CountMiss();
            cached.Store(result.Article, bytes, new CachedInput { Location = location, Length = bytes.Length, ContentHash = hash, ReaderKey = key });
            return result;
        }
        catch (NewsCacheException ex)
        {
            ThrowTerminatingError(CacheSession.ToErrorRecord(ex, cached.Cache.Path));
            throw; // not reached
        }
    }

    private void ImportFeedItem(NewsFeedItem item)
    {
        if (UseFeedContent)
        {
            if (!FeedArticleBuilder.HasContent(item))
            {
                _failed++;
                WriteItemError(new InvalidOperationException(
                        $"The feed item '{item}'{(item.SourceFeed != null ? $" of '{item.SourceFeed}'" : "")} carries no full text (no content:encoded, " +
                        $"Atom content or content_html){(item.Summary != null ? ", only a summary" : "")}, so -UseFeedContent cannot build an article from it. " +
                        "Import it without -UseFeedContent to download its page."),
                    "NoFeedContent", ErrorCategory.InvalidData, item);
                return;
            }
            if (!WritePendingDownloads(all: true)) return;
            if (_imported + _failed > 0) ReportProgress(Activity, $"{_imported + _failed + 1}: {item}");
            ArticleReadResult fromContent;
            try
            {
                fromContent = FeedArticleBuilder.FromContent(item, _options);
            }
            catch (Exception ex)
            {
                InputFailed(ex, item, fromFile: false);
                return;
            }
            Emit(fromContent);
            return;
        }
        if (string.IsNullOrWhiteSpace(item.Link))
        {
            _failed++;
            WriteItemError(new InvalidOperationException(
                    $"The feed item '{item}'{(item.SourceFeed != null ? $" of '{item.SourceFeed}'" : "")} has no link, so there is no page to download." +
                    (FeedArticleBuilder.HasContent(item) ? " It carries its full text: add -UseFeedContent to import that." : "")),
                "NoFeedLink", ErrorCategory.InvalidData, item);
            return;
        }
        EnqueueDownload(System.Uri.TryCreate(item.Link.Trim(), UriKind.Absolute, out var u) ? u : null, item, item);
    }

    private void Emit(ArticleReadResult result, bool warnedShort = false)
    {
        var article = result.Article;
        foreach (var w in article.Warnings) WriteWarning(w);
        // A headline with nothing under it is kept (nothing is dropped), but said: the file may have been cut short.
        if (article.WordCount == 0 && !warnedShort)
            WriteWarning($"'{article.Source ?? "(content)"}' has a headline but no story text under it: the article has a title only (WordCount 0). " +
                         "Check that the whole article was saved.");
        if (MyInvocation.BoundParameters.ContainsKey("Verbose"))
        {
            string name = article.Source ?? "(content)";
            WriteVerbose($"{name}: {article.SourceKind}, {article.WordCount} words; {article.Sources}");
            foreach (var d in result.Decisions.Take(12)) WriteVerbose($"{name}: {d}");
            if (result.Decisions.Count > 12) WriteVerbose($"{name}: … and {result.Decisions.Count - 12} more decision(s).");
        }
        _imported++;
        SessionValues.Remember(article);
        WriteObject(article);
        CacheSession.ReportUnstored(this, _cached);
    }

    // ---- Web addresses ---------------------------------------------------------------------------------------

    /// <summary>One download in flight or finished, in input order.</summary>
    private sealed record PendingDownload(object Target, string Name, Task<DownloadOutcome> Work, NewsFeedItem? FeedItem, CachedPage? Cached = null);

    /// <summary>What the cache held for a web address when its download started (validators sent with the request).</summary>
    private sealed record CachedPage(string Location, string ReaderKey, CachedInput? Known, NewsArticle? KnownArticle);

    /// <summary>What a worker hands back to the pipeline thread; workers never call Write*.</summary>
    private sealed class DownloadOutcome
    {
        public WebArticleResult? Result;
        /// <summary>The server answered 304 Not Modified to a conditional request: the cached article stands.</summary>
        public FetchResult? NotModified;
        public Exception? Error;
        public readonly List<string> Notes = new();
    }

    private readonly Queue<PendingDownload> _pending = new();
    private SemaphoreSlim? _downloadSlots;
    private CancellationTokenSource? _downloadCancel;
    private int _downloadsStarted;
    private int _downloadsDone;

    private static bool IsWebAddress(string s)
    {
        var t = s.AsSpan().TrimStart();
        return t.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || t.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Starts downloading <paramref name="uri"/> (null: not a usable address) and writes whatever has finished in order.</summary>
    private void EnqueueDownload(System.Uri? uri, object target, NewsFeedItem? feedItem = null)
    {
        // Pages come out in order with the files before them.
        if (!WritePendingFiles()) return;
        _downloadCancel ??= CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        _downloadSlots ??= new SemaphoreSlim(DownloadLimit, DownloadLimit);
        string name = uri?.ToString() ?? target.ToString() ?? "";
        Task<DownloadOutcome> work;
        CachedPage? cachedPage = null;
        try
        {
            if (uri == null) throw new WebFetchException(WebProblemKind.InvalidUri, null, $"'{target}' is not a valid web address.");
            WebFetcher.CheckAddress(uri);
            var token = _downloadCancel.Token;
            var slots = _downloadSlots;
            var web = _webOptions;
            var read = _options;
            if (_cached != null)
            {
                // Looked up on the pipeline thread (the cache is one connection); the worker only sends the validators.
                string key = CachedArticleReader.ReaderKeyFor(_options);
                var (known, article) = CacheLookup(uri.AbsoluteUri);
                cachedPage = new CachedPage(uri.AbsoluteUri, key, known, article);
                if (known != null && article != null && known.ReaderKey == key && (known.ETag != null || known.LastModified != null))
                {
                    web = web with
                    {
                        IfNoneMatch = known.ETag,
                        IfModifiedSince = DateTimeOffset.TryParse(known.LastModified, System.Globalization.CultureInfo.InvariantCulture,
                            System.Globalization.DateTimeStyles.AssumeUniversal, out var lm) ? lm : null,
                    };
                }
            }
            work = Task.Run(() => DownloadAsync(uri, web, read, slots, token));
        }
        catch (WebFetchException ex)
        {
            work = Task.FromResult(new DownloadOutcome { Error = ex });
        }
        _pending.Enqueue(new PendingDownload(target, name, work, feedItem, cachedPage));
        _downloadsStarted++;
        // Keep a bounded window of finished results waiting for a slow one ahead of them.
        WritePendingDownloads(all: false);
    }

    private static async Task<DownloadOutcome> DownloadAsync(System.Uri uri, WebFetchOptions web, ArticleReadOptions read, SemaphoreSlim slots, CancellationToken cancel)
    {
        var outcome = new DownloadOutcome();
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
    /// Writes finished downloads from the head of the queue. With <paramref name="all"/> (or when the window is full)
    /// it waits for them, reporting progress meanwhile. Returns false when the command is being stopped.
    /// </summary>
    private bool WritePendingDownloads(bool all)
    {
        int window = DownloadLimit * 4;
        while (_pending.Count > 0)
        {
            var head = _pending.Peek();
            if (!head.Work.IsCompleted)
            {
                if (!all && _pending.Count < window) return true;
                try
                {
                    // Wait on the pipeline thread; wake up four times a second to keep progress moving.
                    while (!head.Work.Wait(250, Cancellation))
                        ReportProgress(Activity, DownloadStatus(head.Name), DownloadPercent());
                }
                catch (OperationCanceledException)
                {
                    return false;
                }
            }
            _pending.Dequeue();
            _downloadsDone++;
            WriteDownload(head, head.Work.Result);
        }
        return true;
    }

    private string DownloadStatus(string name) =>
        $"{_downloadsDone + 1} of {(MyInvocation.ExpectingInput ? $"{_downloadsStarted}+" : _downloadsStarted.ToString())}: {name}";

    private int DownloadPercent() => MyInvocation.ExpectingInput || _downloadsStarted == 0 ? -1 : _downloadsDone * 100 / _downloadsStarted;

    private void WriteDownload(PendingDownload item, DownloadOutcome outcome)
    {
        foreach (var note in outcome.Notes) WriteVerbose(note);
        if (_imported + _failed > 0) ReportProgress(Activity, DownloadStatus(item.Name), DownloadPercent());
        switch (outcome.Error)
        {
            case null when outcome.NotModified is { } nm && item.Cached?.KnownArticle is { } kept:
                WriteVerbose($"GET {nm.RequestUri} → HTTP 304 Not Modified in {nm.Elapsed.TotalMilliseconds:0} ms: the cached article stands");
                CacheStore(() =>
                {
                    _cached!.CountHit();
                    _cached.Store(kept, null, item.Cached.Known! with { CheckedUtc = DateTimeOffset.UtcNow }, articleChanged: false);
                });
                var fromCache = new ArticleReadResult(kept, new[] { $"from the cache '{_cached!.Cache.Path}' (HTTP 304 Not Modified)" });
                Emit(item.FeedItem != null ? FeedArticleBuilder.Merge(fromCache, item.FeedItem) : fromCache);
                break;
            case null when outcome.Result is { } r:
                var f = r.Fetch;
                if (item.Cached is { } page)
                {
                    CacheStore(() =>
                    {
                        _cached!.CountMiss();
                        _cached.Store(r.Read.Article, f.Bytes, new CachedInput
                        {
                            Location = page.Location, Length = f.Bytes.Length, ContentHash = CachedArticleReader.Hash(f.Bytes), ReaderKey = page.ReaderKey,
                            ETag = f.ETag, LastModified = f.LastModified?.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                        });
                    });
                }
                WriteVerbose($"GET {f.RequestUri} → HTTP {f.StatusCode} {f.MediaType ?? "(no Content-Type)"}" +
                             $"{(f.ContentEncoding != null ? $" ({f.ContentEncoding})" : "")}, {ArticleReader.FormatBytes(f.Bytes.Length)} in {f.Elapsed.TotalMilliseconds:0} ms" +
                             $"{(f.Redirects > 0 ? $", {f.Redirects} redirect(s) to {f.FinalUri}" : "")}{(f.Attempts > 1 ? $", {f.Attempts} attempts" : "")}");
                Emit(item.FeedItem != null ? FeedArticleBuilder.Merge(r.Read, item.FeedItem) : r.Read);
                break;
            case WebFetchException wex:
                _failed++;
                var (id, category) = ClassifyWebError(wex, "ResponseTooLarge");
                WriteItemError(wex, id, category, item.Target);
                break;
            case InputProblemException ipx:
                _failed++;
                var (pid, pcategory) = ClassifyWeb(ipx.Kind);
                WriteItemError(ipx, pid, pcategory, item.Target);
                break;
            case OperationCanceledException when Cancellation.IsCancellationRequested:
                break;
            case { } other:
                _failed++;
                WriteItemError(new InvalidOperationException($"Importing '{item.Name}' failed: {other.Message}", other),
                    "ImportFailed", ErrorCategory.NotSpecified, item.Target);
                break;
        }
    }

    private (CachedInput? Input, NewsArticle? Article) CacheLookup(string location)
    {
        try
        {
            return _cached!.Find(location);
        }
        catch (NewsCacheException ex)
        {
            ThrowTerminatingError(CacheSession.ToErrorRecord(ex, _cached!.Cache.Path));
            throw; // not reached
        }
    }

    private void CacheStore(Action store)
    {
        try
        {
            store();
        }
        catch (NewsCacheException ex)
        {
            ThrowTerminatingError(CacheSession.ToErrorRecord(ex, _cached!.Cache.Path));
        }
    }

    private void CancelDownloads()
    {
        try { _downloadCancel?.Cancel(); } catch (ObjectDisposedException) { }
    }


    private static (string ErrorId, ErrorCategory Category) ClassifyWeb(InputProblemKind kind) => kind switch
    {
        InputProblemKind.Empty => ("EmptyResponse", ErrorCategory.InvalidData),
        InputProblemKind.Binary => ("NotHtml", ErrorCategory.InvalidData),
        InputProblemKind.TooLarge => ("ResponseTooLarge", ErrorCategory.LimitsExceeded),
        _ => Classify(kind, fromFile: false),
    };

    internal static (string ErrorId, ErrorCategory Category) Classify(InputProblemKind kind, bool fromFile) => kind switch
    {
        InputProblemKind.NotFound => ("PathNotFound", ErrorCategory.ObjectNotFound),
        InputProblemKind.IsDirectory => ("PathIsDirectory", ErrorCategory.InvalidArgument),
        InputProblemKind.Empty => (fromFile ? "EmptyFile" : "EmptyContent", ErrorCategory.InvalidData),
        InputProblemKind.Binary => ("BinaryFile", ErrorCategory.InvalidData),
        InputProblemKind.TooLarge => ("FileTooLarge", ErrorCategory.LimitsExceeded),
        InputProblemKind.Unreadable => ("FileUnreadable", ErrorCategory.ReadError),
        InputProblemKind.NoArticle => ("NotAnArticle", ErrorCategory.InvalidData),
        _ => ("ImportFailed", ErrorCategory.NotSpecified),
    };
}

/// <summary>
/// Turns strings into <see cref="Uri"/> objects while binding, so that a Url or Link property holding a string binds
/// -Uri by property name in the binder's first, no-coercion pass, before the default set's -Path could take the
/// whole object by value as text.
/// </summary>
internal sealed class UriTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        object? value = inputData is PSObject pso ? pso.BaseObject : inputData;
        return value switch
        {
            string s => ToUri(s),
            object[] items when items.All(i => (i is PSObject p ? p.BaseObject : i) is string or System.Uri) =>
                items.Select(i => (i is PSObject p ? p.BaseObject : i) is string s ? ToUri(s) : (i is PSObject p2 ? p2.BaseObject : i)).ToArray(),
            _ => inputData,
        };
    }

    // A string that is not even a relative URI stays a string: the binder then reports it, or binds it elsewhere.
    private static object ToUri(string s) => System.Uri.TryCreate(s.Trim(), UriKind.RelativeOrAbsolute, out var u) ? u : s;
}
