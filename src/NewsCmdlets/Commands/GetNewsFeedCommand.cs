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
/// Feeds are read one after the other on the pipeline thread; a download (the engine's <see cref="FeedDownload"/>, through
/// the cache when there is one) runs on a worker task while the pipeline thread waits for it (reporting progress and
/// honouring Ctrl+C), so Write* is only ever called from the pipeline thread. <see cref="FeedItemWriter"/> writes each
/// feed's items and errors.
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
    private FeedItemWriter _out = null!;

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
        _out = new FeedItemWriter(this);
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
                    else _out.CountFailed();
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
                            _out.CountFailed();
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
        WriteVerbose($"Read {_out.Feeds} feed(s) with {_out.Items} item(s){(_out.Duplicates > 0 ? $", {_out.Duplicates} duplicate(s) left out" : "")}; {_out.Failed} feed(s) failed.");
    }

    private void ReadPathPattern(string pattern)
    {
        var files = ResolvePathPattern(pattern, "For a web address, start it with https:// or http://.");
        if (files == null) { _out.CountFailed(); return; }
        foreach (var file in files)
        {
            if (Cancellation.IsCancellationRequested) return;
            ReadFileFeed(file);
        }
    }

    private void ReadFileFeed(string path)
    {
        ReportProgress(Activity, $"{_out.Feeds + _out.Failed + 1}: {System.IO.Path.GetFileName(path)}");
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
            _out.FeedFailed(ex, path);
            return;
        }
        _out.WriteFeed(feed, path);
    }

    private void ReadWebFeed(System.Uri uri, object target)
    {
        ParsedFeed? feed;
        try
        {
            var download = FeedDownload.Start(uri, _webOptions, _options, _cache, Cancellation);
            ReportProgress(Activity, $"{_out.Feeds + _out.Failed + 1}: {uri}");
            try
            {
                while (!download.Work.Wait(250, Cancellation)) ReportProgress(Activity, $"{_out.Feeds + _out.Failed + 1}: {uri}");
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (AggregateException)
            {
                // Thrown again below with its own type.
            }
            foreach (var line in download.Complete()) WriteVerbose(line);
            feed = download.Accept();
        }
        catch (NewsCacheException ex)
        {
            ThrowTerminatingError(CacheSession.ToErrorRecord(ex, _cache?.Path));
            return; // not reached
        }
        catch (OperationCanceledException) when (Cancellation.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            _out.FeedFailed(ex, target);
            return;
        }
        if (feed != null) _out.WriteFeed(feed, target);
    }
}
