using System.Management.Automation;
using NewsCmdlets.Engine.Ingest;
using NewsCmdlets.Engine.Ingest.Web;
using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Commands;

/// <summary>
/// Import-NewsArticle: reads articles from files, strings or web addresses and emits one <see cref="NewsArticle"/> each.
/// </summary>
/// <remarks>
/// Files are read and parsed on -ThrottleLimit threads by the engine's <see cref="ArticleFileQueue"/>, pages downloaded
/// by its <see cref="PageDownloadQueue"/> (at most -ThrottleLimit at a time, 4 when it is not given; cache look-ups and
/// stores stay on the pipeline thread). <see cref="ArticleImportSession"/> writes what they hand back in input order,
/// from the pipeline thread only; this class binds the parameter sets to it.
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
    [Parameter(ParameterSetName = UriSet), Parameter(ParameterSetName = PathSet), Parameter(ParameterSetName = FeedItemSet)]
    [ValidateRange(1, 86400)]
    public int TimeoutSec { get; set; } = 30;

    /// <summary>The User-Agent header sent (default: NewsCmdlets/&lt;version&gt; …).</summary>
    [Parameter(ParameterSetName = UriSet), Parameter(ParameterSetName = PathSet), Parameter(ParameterSetName = FeedItemSet)]
    [ValidateNotNullOrEmpty]
    public string UserAgent { get; set; } = WebFetchOptions.DefaultUserAgent;

    /// <summary>
    /// How many inputs are worked on at the same time: files are read and parsed on this many threads (default: the
    /// number of processors), web pages downloaded this many at a time (default 4 when -ThrottleLimit is not given:
    /// downloads wait on the network, not on the processors). Output keeps the input order.
    /// </summary>
    [Parameter(ParameterSetName = UriSet), Parameter(ParameterSetName = PathSet), Parameter(ParameterSetName = LiteralPathSet), Parameter(ParameterSetName = FeedItemSet)]
    [ValidateRange(1, MaximumThrottleLimit)]
    public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

    /// <summary>How often a 429 or 5xx answer is retried (default 2), waiting as Retry-After asks, at most 60 seconds.</summary>
    [Parameter(ParameterSetName = UriSet), Parameter(ParameterSetName = PathSet), Parameter(ParameterSetName = FeedItemSet)]
    [ValidateRange(0, 10)]
    public int MaximumRetryCount { get; set; } = 2;

    /// <summary>
    /// The encoding of files and pages without a byte-order mark, over any charset they declare: the names Get-Content
    /// takes (utf8, unicode, ansi, oem …), an encoding name such as windows-1252, or a code page number.
    /// </summary>
    [Parameter(ParameterSetName = PathSet), Parameter(ParameterSetName = LiteralPathSet), Parameter(ParameterSetName = UriSet), Parameter(ParameterSetName = FeedItemSet)]
    [EncodingTransformation]
    [ArgumentCompleter(typeof(EncodingCompleter))]
    public System.Text.Encoding? Encoding { get; set; }

    /// <summary>
    /// Download only from public internet addresses: an address that is, redirects to or resolves to a loopback,
    /// private, link-local or reserved address is refused (PrivateAddressRefused). For unattended runs over lists of
    /// addresses that others write.
    /// </summary>
    [Parameter(ParameterSetName = UriSet), Parameter(ParameterSetName = PathSet), Parameter(ParameterSetName = FeedItemSet)]
    public SwitchParameter PublicAddressOnly { get; set; }

    /// <summary>
    /// Keep what is imported in the cache, and take unchanged inputs from it (see Set-NewsCacheConfiguration): files
    /// whose length and time are unchanged, web pages the server says are unchanged (conditional requests with the
    /// ETag and Last-Modified kept), content seen before.
    /// </summary>
    [Parameter]
    public SwitchParameter Cache { get; set; }

    /// <summary>Downloads at the same time when -ThrottleLimit is not given: downloads wait on the network, not on the processors.</summary>
    private const int DefaultDownloads = 4;

    private ArticleImportSession? _session;

    protected override void BeginProcessing()
    {
        var options = new ArticleReadOptions { Outlet = Outlet, MaximumBytes = MaximumFileSize, Encoding = Encoding };
        var webOptions = new WebFetchOptions
        {
            Timeout = TimeSpan.FromSeconds(TimeoutSec),
            MaximumBytes = MaximumFileSize,
            UserAgent = UserAgent,
            MaximumRetryCount = MaximumRetryCount,
            PublicAddressesOnly = PublicAddressOnly,
        };
        int downloads = MyInvocation.BoundParameters.ContainsKey(nameof(ThrottleLimit)) ? ThrottleLimit : DefaultDownloads;
        // The cache is null unless -Cache or Set-NewsCacheConfiguration -Enabled.
        _session = new ArticleImportSession(this, options, webOptions, ThrottleLimit, downloads, CacheSession.OpenReader(this, Cache));
    }

    protected override void ProcessRecord()
    {
        var s = _session!;
        try
        {
            switch (ParameterSetName)
            {
                case UriSet:
                    foreach (var u in Uri)
                    {
                        if (Cancellation.IsCancellationRequested) return;
                        s.EnqueueDownload(u, u);
                    }
                    break;
                case ContentSet:
                    s.ImportContent(Content, SourceName, BaseUri);
                    break;
                case FeedItemSet:
                    foreach (var item in FeedItem)
                    {
                        if (Cancellation.IsCancellationRequested) return;
                        s.ImportFeedItem(item, UseFeedContent);
                    }
                    break;
                case LiteralPathSet:
                    foreach (var p in LiteralPath)
                    {
                        if (Cancellation.IsCancellationRequested) return;
                        if (ResolveLiteralPath(p) is { } resolved) s.ImportFile(resolved);
                        else s.CountFailed();
                    }
                    break;
                default:
                    foreach (var p in Path)
                    {
                        if (Cancellation.IsCancellationRequested) return;
                        if (IsWebAddress(p) && !p.Contains('\n'))
                        {
                            // 'https://…' | Import-NewsArticle: strings bind to -Path, but no file path starts with a URL scheme.
                            s.EnqueueDownload(System.Uri.TryCreate(p.Trim(), UriKind.Absolute, out var u) ? u : null, p);
                            continue;
                        }
                        // Files are read in order with the downloads before them.
                        if (!s.WritePendingDownloads(all: true)) return;
                        if (p.Contains('\n'))
                        {
                            // A path never spans lines: this is article text piped without -Content (Get-Content -Raw | Import-NewsArticle).
                            if (!s.WritePendingFiles()) return;
                            s.ImportContent(p, SourceName, BaseUri);
                            continue;
                        }
                        s.ImportPathPattern(p);
                    }
                    break;
            }
        }
        catch
        {
            // -ErrorAction Stop, Ctrl+C or a failure: downloads still running are no longer wanted.
            s.CancelDownloads();
            throw;
        }
    }

    protected override void EndProcessing()
    {
        var s = _session!;
        try
        {
            if (!s.WriteAll()) return;
        }
        catch
        {
            s.CancelDownloads();
            throw;
        }
        s.CancelDownloads();
        s.Finish();
    }

    // Stopped or failed before EndProcessing: files not written yet are dropped, every committed batch is kept.
    protected override void OnDispose() => _session?.Dispose();

    private static bool IsWebAddress(string s)
    {
        var t = s.AsSpan().TrimStart();
        return t.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || t.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
    }
}
