namespace NewsCmdlets.Engine.Ingest.Web;

/// <summary>Why a download failed. Each kind maps to one PowerShell ErrorId.</summary>
public enum WebProblemKind
{
    /// <summary>Not an absolute http or https address.</summary>
    InvalidUri,
    /// <summary>The server answered with a status that is not success (after any retries).</summary>
    HttpError,
    /// <summary>No complete answer within the timeout.</summary>
    Timeout,
    /// <summary>The body (or its declared length) exceeds the limit.</summary>
    TooLarge,
    /// <summary>The answer is not a web page (a PDF, an image, JSON …).</summary>
    NotHtml,
    /// <summary>The host could not be reached: name resolution, refused connection, TLS.</summary>
    ConnectionFailed,
    /// <summary>The server's answer is not valid HTTP, or the connection ended mid-answer.</summary>
    InvalidResponse,
    /// <summary>More redirects than allowed (or a redirect loop).</summary>
    TooManyRedirects,
    /// <summary>A redirect to a non-http(s) address, or from https to http.</summary>
    InsecureRedirect,
    /// <summary>With <see cref="WebFetchOptions.PublicAddressesOnly"/>: an address (given, redirected to or resolved) that is not public.</summary>
    PrivateAddress,
}

/// <summary>A per-URI download failure: the cmdlet reports it as a non-terminating error and goes on.</summary>
public sealed class WebFetchException : Exception
{
    public WebFetchException(WebProblemKind kind, Uri? uri, string message, int? statusCode = null, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        Uri = uri;
        StatusCode = statusCode;
    }

    public WebProblemKind Kind { get; }

    /// <summary>The address that failed (the one asked for, or the redirect target that failed).</summary>
    public Uri? Uri { get; }

    /// <summary>The HTTP status of the last answer, when there was one.</summary>
    public int? StatusCode { get; }

    /// <summary>The wait the server asked for with Retry-After, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
