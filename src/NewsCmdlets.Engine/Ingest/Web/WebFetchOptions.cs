using System.Reflection;

namespace NewsCmdlets.Engine.Ingest.Web;

/// <summary>Per-call settings of one download. They travel with each request, so one shared client serves every call.</summary>
public sealed record WebFetchOptions
{
    /// <summary>The longest one attempt may take: request, redirects and the whole body. Waits between retries are not counted.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest body accepted, in bytes, after decompression. The download stops as soon as it is exceeded.</summary>
    public long MaximumBytes { get; init; } = TextDecoder.DefaultMaximumBytes;

    /// <summary>Redirects followed before giving up (browsers allow about 20; 10 is plenty for news sites).</summary>
    public int MaximumRedirects { get; init; } = 10;

    /// <summary>The User-Agent header sent.</summary>
    public string UserAgent { get; init; } = DefaultUserAgent;

    /// <summary>How many times a 429 or retryable 5xx answer is retried (0 = never).</summary>
    public int MaximumRetryCount { get; init; } = 2;

    /// <summary>First wait between attempts when the server sends no Retry-After; doubled each retry.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest single wait between attempts. A server asking (with Retry-After) for a longer wait is not retried:
    /// the call fails at once with the server's answer rather than blocking the pipeline.
    /// </summary>
    public TimeSpan MaximumRetryDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Media types accepted in a successful answer (compared without parameters, case-insensitive); others fail with
    /// <see cref="WebProblemKind.NotHtml"/> before the body is read. Null accepts everything. An answer without a
    /// Content-Type is always accepted (the bytes decide).
    /// </summary>
    public IReadOnlyCollection<string>? AcceptedMediaTypes { get; init; }

    /// <summary>The Accept header sent.</summary>
    public string Accept { get; init; } = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.5";

    /// <summary>
    /// Validator for a conditional request: sent as If-None-Match (an ETag kept from an earlier
    /// <see cref="FetchResult.ETag"/>). When the server answers 304 Not Modified, <see cref="WebFetcher.FetchAsync"/>
    /// returns a result with <see cref="FetchResult.NotModified"/> set and no body instead of failing.
    /// </summary>
    public string? IfNoneMatch { get; init; }

    /// <summary>Validator for a conditional request: sent as If-Modified-Since (an earlier <see cref="FetchResult.LastModified"/>).</summary>
    public DateTimeOffset? IfModifiedSince { get; init; }

    /// <summary>True when a validator is set, so that 304 Not Modified is an expected answer.</summary>
    public bool IsConditional => IfNoneMatch != null || IfModifiedSince != null;

    /// <summary>Follow a redirect from https to http (off: such a redirect is an error, as in Invoke-WebRequest).</summary>
    public bool AllowInsecureRedirect { get; init; }

    /// <summary>
    /// Connect only to public internet addresses (see <see cref="AddressPolicy"/>): an address given, redirected to, or
    /// resolved from a host name that is loopback, private, link-local or reserved is refused before anything is sent.
    /// Off by default (an intranet feed is a feed); for unattended polling of lists that others write.
    /// </summary>
    public bool PublicAddressesOnly { get; init; }

    /// <summary>"NewsCmdlets/&lt;version&gt; (PowerShell module; +news article import)".</summary>
    public static string DefaultUserAgent { get; } = BuildUserAgent();

    private static string BuildUserAgent()
    {
        var asm = typeof(WebFetchOptions).Assembly;
        string? version = asm.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (version != null)
        {
            int plus = version.IndexOf('+');
            if (plus > 0) version = version[..plus]; // drop the source-revision suffix
        }
        version ??= asm.GetName().Version?.ToString(3) ?? "0.0.0";
        return $"NewsCmdlets/{version} (PowerShell module; news article import)";
    }
}
