using System.Collections.ObjectModel;
using System.Management.Automation;
using NewsCmdlets.Engine.Cache;
using NewsCmdlets.Engine.Ingest;
using NewsCmdlets.Engine.Ingest.Feeds;
using NewsCmdlets.Engine.Ingest.Web;
using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Commands;

/// <summary>
/// Get-NewsFeed: reads RSS, Atom and JSON feeds from files or web addresses and emits one <see cref="NewsFeedItem"/>
/// per item, duplicates (same link or guid) within the call once.
/// </summary>
/// <remarks>
/// Feeds are read one after the other on the pipeline thread; a download runs on a worker task while the pipeline
/// thread waits for it (reporting progress and honouring Ctrl+C), so Write* is only ever called from the pipeline thread.
/// </remarks>
[Cmdlet(VerbsCommon.Get, "NewsFeed", DefaultParameterSetName = PathSet)]
[OutputType(typeof(NewsFeedItem))]
public sealed class GetNewsFeedCommand : NewsCmdletBase
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";
    private const string UriSet = "Uri";
    private const string Activity = "Reading news feeds";

    /// <summary>Feed files to read; wildcards allowed. A string that starts with http:// or https:// is downloaded as an address.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>Feed files, taken literally (no wildcards). Binds the PSPath of Get-ChildItem output.</summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = Array.Empty<string>();

    /// <summary>Feed addresses (http and https). Binds objects with a Uri, Url, Link or FeedUrl property.</summary>
    [Parameter(Mandatory = true, ParameterSetName = UriSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Url", "Link", "FeedUrl")]
    [ValidateNotNullOrEmpty]
    [UriTransformation]
    public System.Uri[] Uri { get; set; } = Array.Empty<System.Uri>();

    /// <summary>Largest feed accepted, in bytes (default 16 MiB); downloads stop at the limit.</summary>
    [Parameter]
    [Alias("MaximumFileSize", "MaximumResponseSize")]
    [ValidateRange(1L, long.MaxValue)]
    public long MaximumFeedSize { get; set; } = FeedReadOptions.DefaultMaximumBytes;

    /// <summary>Seconds one download attempt may take, redirects and the whole body included (default 30).</summary>
    [Parameter(ParameterSetName = UriSet)]
    [Parameter(ParameterSetName = PathSet)]
    [ValidateRange(1, 86400)]
    public int TimeoutSec { get; set; } = 30;

    /// <summary>The User-Agent header sent (default: NewsCmdlets/&lt;version&gt; …).</summary>
    [Parameter(ParameterSetName = UriSet)]
    [Parameter(ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    public string UserAgent { get; set; } = WebFetchOptions.DefaultUserAgent;

    /// <summary>How often a 429 or 5xx answer is retried (default 2).</summary>
    [Parameter(ParameterSetName = UriSet)]
    [Parameter(ParameterSetName = PathSet)]
    [ValidateRange(0, 10)]
    public int MaximumRetryCount { get; set; } = 2;

    /// <summary>
    /// Download only from public internet addresses: a feed address that is, redirects to or resolves to a loopback,
    /// private, link-local or reserved address is refused (PrivateAddressRefused). For unattended polling of feed lists.
    /// </summary>
    [Parameter(ParameterSetName = UriSet)]
    [Parameter(ParameterSetName = PathSet)]
    public SwitchParameter PublicAddressOnly { get; set; }

    /// <summary>Fetch web feeds conditionally through the cache (ETag, Last-Modified) and keep their last copy there.</summary>
    [Parameter]
    public SwitchParameter Cache { get; set; }

    private NewsCache? _cache;
    private FeedReadOptions _options = new();
    private WebFetchOptions _webOptions = new();
    private readonly FeedItemDeduplicator _dedup = new();
    private int _feeds;
    private int _failed;
    private int _items;
    private int _duplicates;

    protected override void BeginProcessing()
    {
        _options = new FeedReadOptions { MaximumBytes = MaximumFeedSize };
        _webOptions = new WebFetchOptions
        {
            Timeout = TimeSpan.FromSeconds(TimeoutSec),
            MaximumBytes = MaximumFeedSize,
            UserAgent = UserAgent,
            MaximumRetryCount = MaximumRetryCount,
            PublicAddressesOnly = PublicAddressOnly,
        };
        if (CacheSession.IsWanted(this, Cache)) _cache = CacheSession.Open(this, CacheSession.Get().Location);
    }

    protected override void OnDispose()
    {
        _cache?.Dispose();
        _cache = null;
    }

    protected override void ProcessRecord()
    {
        switch (ParameterSetName)
        {
            case UriSet:
                foreach (var u in Uri)
                {
                    if (Cancellation.IsCancellationRequested) return;
                    ReadWebFeed(u, u);
                }
                break;
            case LiteralPathSet:
                foreach (var p in LiteralPath)
                {
                    if (Cancellation.IsCancellationRequested) return;
                    if (ResolveLiteralPath(p) is { } resolved) ReadFileFeed(resolved);
                    else _failed++;
                }
                break;
            default:
                foreach (var p in Path)
                {
                    if (Cancellation.IsCancellationRequested) return;
                    string t = p.Trim();
                    if (t.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || t.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
                    {
                        if (System.Uri.TryCreate(t, UriKind.Absolute, out var u)) ReadWebFeed(u, p);
                        else
                        {
                            _failed++;
                            WriteItemError(new ArgumentException($"'{p}' is not a valid web address."), "InvalidUri", ErrorCategory.InvalidArgument, p);
                        }
                        continue;
                    }
                    ReadPathPattern(p);
                }
                break;
        }
    }

    protected override void EndProcessing()
    {
        CompleteProgress(Activity);
        WriteVerbose($"Read {_feeds} feed(s) with {_items} item(s){(_duplicates > 0 ? $", {_duplicates} duplicate(s) left out" : "")}; {_failed} feed(s) failed.");
    }

    private void ReadPathPattern(string pattern)
    {
        var files = ResolvePathPattern(pattern, "For a web address, start it with https:// or http://.");
        if (files == null) { _failed++; return; }
        foreach (var file in files)
        {
            if (Cancellation.IsCancellationRequested) return;
            ReadFileFeed(file);
        }
    }

    private void ReadFileFeed(string path)
    {
        ReportProgress(Activity, $"{_feeds + _failed + 1}: {System.IO.Path.GetFileName(path)}");
        ParsedFeed feed;
        try
        {
            feed = FeedParser.ReadFile(path, _options, Cancellation);
        }
        catch (OperationCanceledException) when (Cancellation.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            FeedFailed(ex, path);
            return;
        }
        WriteFeed(feed, path);
    }

    /// <summary>A feed that could not be read: its own error, and the next feed is read.</summary>
    private void FeedFailed(Exception ex, object target)
    {
        _failed++;
        switch (ex)
        {
            case FeedException fex:
                var (id, category) = Classify(fex.Kind);
                WriteItemError(fex, id, category, target);
                break;
            case WebFetchException wex:
                var (wid, wcategory) = ClassifyWebError(wex, "FeedTooLarge");
                WriteItemError(wex, wid, wcategory, target);
                break;
            default:
                // A fault this module did not foresee stays with its feed: the others are still read.
                WriteItemError(new InvalidOperationException($"Reading the feed '{target}' failed: {ex.Message}", ex), "FeedFailed", ErrorCategory.NotSpecified, target);
                break;
        }
    }

    private void ReadWebFeed(System.Uri uri, object target)
    {
        var notes = new List<string>();
        ParsedFeed? feed = null;
        try
        {
            WebFetcher.CheckAddress(uri);
            // With the cache, ask the server only for what changed since the copy we hold.
            var cached = _cache?.GetFeed(uri.AbsoluteUri);
            var web = cached == null ? _webOptions : _webOptions with { IfNoneMatch = cached.ETag, IfModifiedSince = cached.LastModified };
            var work = Task.Run(() => FeedReader.FetchAsync(WebFetcher.Shared, uri, web, _options, Cancellation, notes.Add));
            ReportProgress(Activity, $"{_feeds + _failed + 1}: {uri}");
            try
            {
                while (!work.Wait(250, Cancellation)) ReportProgress(Activity, $"{_feeds + _failed + 1}: {uri}");
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (AggregateException)
            {
                // Thrown again below with its own type.
            }
            var result = work.GetAwaiter().GetResult();
            lock (notes) foreach (var n in notes) WriteVerbose(n);
            var f = result.Fetch;
            WriteVerbose($"GET {f.RequestUri} → HTTP {f.StatusCode} {f.MediaType ?? "(no Content-Type)"}, {ArticleReader.FormatBytes(f.Bytes.Length)} in {f.Elapsed.TotalMilliseconds:0} ms" +
                         $"{(f.Redirects > 0 ? $", {f.Redirects} redirect(s) to {f.FinalUri}" : "")}{(f.Attempts > 1 ? $", {f.Attempts} attempts" : "")}" +
                         $"{(f.ETag != null ? $"; ETag {f.ETag}" : "")}{(f.LastModified is { } lm ? $"; Last-Modified {lm:R}" : "")}");
            if (result.NotModified && cached != null)
            {
                WriteVerbose($"{uri}: not modified since {cached.FetchedUtc:u}; reading the copy in the cache.");
                feed = FeedParser.Parse(cached.Body, uri.ToString(), f.FinalUri ?? uri, _options, Cancellation);
            }
            else if (result.Feed != null)
            {
                _cache?.PutFeed(new CachedFeed(uri.AbsoluteUri, f.ETag, f.LastModified, f.ContentType, f.Bytes, DateTimeOffset.UtcNow));
                feed = result.Feed;
            }
        }
        catch (NewsCacheException ex)
        {
            ThrowTerminatingError(CacheSession.ToErrorRecord(ex, _cache?.Path));
        }
        catch (OperationCanceledException) when (Cancellation.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            FeedFailed(ex, target);
            return;
        }
        if (feed != null) WriteFeed(feed, target);
    }

    /// <summary>Items that cannot be read get an error each up to this many per feed; the rest are counted in one.</summary>
    private const int ItemErrorsPerFeed = 20;

    /// <summary>
    /// Writes a feed's items as they are read (nothing of the feed is kept). A fault further on in the document (XML
    /// that stops being well-formed) is an error for the feed after the items before it.
    /// </summary>
    private void WriteFeed(ParsedFeed feed, object target)
    {
        _feeds++;
        if (MyInvocation.BoundParameters.ContainsKey("Verbose"))
            foreach (var d in feed.Decisions) WriteVerbose($"{feed.Source}: {d}");
        int warned = 0;
        void Warnings()
        {
            for (; warned < feed.Warnings.Count; warned++) WriteWarning(feed.Warnings[warned]);
        }
        Warnings();
        int unreadable = 0;
        using var entries = feed.ReadEntries().GetEnumerator();
        while (!Cancellation.IsCancellationRequested)
        {
            // Only reading the next item is guarded: what the pipeline downstream throws goes on up.
            FeedEntry entry;
            try
            {
                if (!entries.MoveNext()) break;
                entry = entries.Current;
            }
            catch (OperationCanceledException) when (Cancellation.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                FeedFailed(ex, target);
                break;
            }
            foreach (var w in entry.Warnings) WriteWarning($"{feed.Source}: {w}");
            if (entry.Item is not { } item)
            {
                if (++unreadable <= ItemErrorsPerFeed)
                    WriteItemError(new InvalidDataException(entry.Problem), "InvalidFeedItem", ErrorCategory.InvalidData, target);
                continue;
            }
            if (!_dedup.IsNew(item, out string? duplicateOf))
            {
                _duplicates++;
                WriteVerbose($"{feed.Source}: item {entry.Position} ('{item}') left out: same {duplicateOf} as an item already written.");
                continue;
            }
            _items++;
            WriteObject(item);
        }
        if (unreadable > ItemErrorsPerFeed)
            WriteItemError(new InvalidDataException(
                    $"{unreadable - ItemErrorsPerFeed:N0} more item(s) of '{feed.Source}' could not be read ({unreadable:N0} in all); " +
                    $"the first {ItemErrorsPerFeed} were reported one by one."),
                "InvalidFeedItem", ErrorCategory.InvalidData, target);
        Warnings();
    }

    private static (string ErrorId, ErrorCategory Category) Classify(FeedProblemKind kind) => kind switch
    {
        FeedProblemKind.NotAFeed => ("NotAFeed", ErrorCategory.InvalidData),
        FeedProblemKind.Malformed => ("InvalidFeed", ErrorCategory.InvalidData),
        FeedProblemKind.TooLarge => ("FeedTooLarge", ErrorCategory.LimitsExceeded),
        FeedProblemKind.Empty => ("EmptyFeed", ErrorCategory.InvalidData),
        FeedProblemKind.DtdProhibited => ("FeedDtdProhibited", ErrorCategory.SecurityError),
        FeedProblemKind.NotFound => ("PathNotFound", ErrorCategory.ObjectNotFound),
        FeedProblemKind.IsDirectory => ("PathIsDirectory", ErrorCategory.InvalidArgument),
        FeedProblemKind.Unreadable => ("FileUnreadable", ErrorCategory.ReadError),
        _ => ("InvalidFeed", ErrorCategory.NotSpecified),
    };
}
