namespace NewsCmdlets.Engine.Ingest.Web;

/// <summary>
/// A successful download: the body and what the server said about it. The validators (<see cref="ETag"/>,
/// <see cref="LastModified"/>) are kept for a cache to send back as If-None-Match / If-Modified-Since.
/// </summary>
public sealed class FetchResult
{
    /// <summary>The address asked for.</summary>
    public required Uri RequestUri { get; init; }

    /// <summary>The address after redirects: what the page is, and what relative links resolve against.</summary>
    public required Uri FinalUri { get; init; }

    /// <summary>The HTTP status of the final answer (2xx, or 304 for a conditional request).</summary>
    public required int StatusCode { get; init; }

    /// <summary>
    /// True when a conditional request (<see cref="WebFetchOptions.IfNoneMatch"/>, <see cref="WebFetchOptions.IfModifiedSince"/>)
    /// was answered 304 Not Modified: <see cref="Bytes"/> is empty and the copy kept by the caller is still current.
    /// </summary>
    public bool NotModified => StatusCode == 304;

    /// <summary>The body, decompressed.</summary>
    public required byte[] Bytes { get; init; }

    /// <summary>The Content-Type header as sent (with its charset), or null.</summary>
    public string? ContentType { get; init; }

    /// <summary>The media type of <see cref="ContentType"/> without parameters (text/html), or null.</summary>
    public string? MediaType { get; init; }

    /// <summary>The Content-Encoding the server used (gzip, br, deflate), or null.</summary>
    public string? ContentEncoding { get; init; }

    /// <summary>The ETag validator, quotes and W/ prefix included, or null.</summary>
    public string? ETag { get; init; }

    /// <summary>The Last-Modified validator, or null.</summary>
    public DateTimeOffset? LastModified { get; init; }

    /// <summary>Redirects followed.</summary>
    public int Redirects { get; init; }

    /// <summary>Attempts made (1 when the first answer was used).</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>Time from the first request to the last byte, waits included.</summary>
    public TimeSpan Elapsed { get; init; }
}
