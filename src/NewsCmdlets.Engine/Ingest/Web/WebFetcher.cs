using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace NewsCmdlets.Engine.Ingest.Web;

/// <summary>
/// Downloads one page over http or https: follows up to <see cref="WebFetchOptions.MaximumRedirects"/> redirects,
/// retries 429 and passing 5xx answers honouring Retry-After, decompresses gzip, deflate and brotli, stops reading
/// at the size limit, and turns every failure into a <see cref="WebFetchException"/> that names the address and the
/// HTTP status.
/// </summary>
/// <remarks>
/// One <see cref="Shared"/> instance serves the whole process: its <see cref="SocketsHttpHandler"/> pools connections
/// for all runspaces (a new HttpClient per call or per runspace would leave sockets in TIME_WAIT and repeat TLS
/// handshakes), and <see cref="SocketsHttpHandler.PooledConnectionLifetime"/> retires pooled connections after a few
/// minutes so DNS changes are seen. Everything that differs between calls (timeout, size limit, User-Agent, retries,
/// redirects) travels with each request, so sharing the client never mixes one call's settings into another.
/// The instance is thread-safe.
/// </remarks>
public sealed class WebFetcher : IDisposable
{
    private static readonly Lazy<WebFetcher> s_shared = new(() => new WebFetcher(CreateHandler()) { _isShared = true }, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly HttpMessageInvoker _invoker;
    private bool _isShared;

    /// <summary>The process-wide fetcher.</summary>
    public static WebFetcher Shared => s_shared.Value;

    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _resolve;

    /// <summary>
    /// A fetcher over the given handler (tests pass their own; the handler must not follow redirects itself).
    /// <paramref name="resolve"/> answers host names for <see cref="WebFetchOptions.PublicAddressesOnly"/> (DNS by default).
    /// </summary>
    public WebFetcher(HttpMessageHandler handler, bool disposeHandler = true, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
    {
        _invoker = new HttpMessageInvoker(handler, disposeHandler);
        _resolve = resolve ?? Dns.GetHostAddressesAsync;
    }

    /// <summary>Marks a request made with <see cref="WebFetchOptions.PublicAddressesOnly"/>, for the connection it opens.</summary>
    private static readonly HttpRequestOptionsKey<bool> PublicOnlyKey = new("NewsCmdlets.PublicAddressesOnly");

    /// <summary>The handler <see cref="Shared"/> uses.</summary>
    public static SocketsHttpHandler CreateHandler() => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
        ConnectTimeout = TimeSpan.FromSeconds(30),
        AutomaticDecompression = DecompressionMethods.All,
        AllowAutoRedirect = false, // counted and checked here, so the limit and the final address are ours
        UseCookies = false,
        MaxResponseHeadersLength = 256, // KiB
        ConnectCallback = ConnectAsync,
    };

    /// <summary>
    /// Opens a connection as the handler would, and for a request made with <see cref="WebFetchOptions.PublicAddressesOnly"/>
    /// checks the address it actually reached: a host name that resolved to a public address when it was checked and
    /// to a private one now (DNS rebinding) is refused here. A connection to a proxy is the proxy's business.
    /// </summary>
    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancel)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, cancel).ConfigureAwait(false);
            var request = context.InitialRequestMessage;
            if (request.Options.TryGetValue(PublicOnlyKey, out bool publicOnly) && publicOnly && request.RequestUri is { } uri &&
                string.Equals(uri.IdnHost, context.DnsEndPoint.Host, StringComparison.OrdinalIgnoreCase) &&
                socket.RemoteEndPoint is IPEndPoint ep && AddressPolicy.NonPublicKind(ep.Address) is { } kind)
                throw AddressPolicy.Refused(uri, ep.Address, kind, null); // the handler hands it on inside an HttpRequestException
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Downloads <paramref name="uri"/>. <paramref name="log"/> receives notes on redirects and retries (from a worker thread).</summary>
    public async Task<FetchResult> FetchAsync(Uri uri, WebFetchOptions options, CancellationToken cancel = default, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(options);
        CheckAddress(uri);
        var clock = Stopwatch.StartNew();
        for (int attempt = 1; ; attempt++)
        {
            cancel.ThrowIfCancellationRequested();
            TimeSpan? wait;
            using (var attemptCancel = CancellationTokenSource.CreateLinkedTokenSource(cancel))
            {
                if (options.Timeout > TimeSpan.Zero && options.Timeout != Timeout.InfiniteTimeSpan) attemptCancel.CancelAfter(options.Timeout);
                Uri current = uri;
                try
                {
                    var (response, finalUri, redirects) = await SendFollowingRedirects(uri, options, attemptCancel.Token, log, u => current = u).ConfigureAwait(false);
                    using (response)
                    {
                        int status = (int)response.StatusCode;
                        if (status is >= 200 and <= 299)
                            return await ReadBody(uri, finalUri, response, redirects, attempt, clock, options, attemptCancel.Token).ConfigureAwait(false);
                        if (status == 304 && options.IsConditional)
                            return NotModified(uri, finalUri, response, redirects, attempt, clock, options);

                        var retryAfter = response.Headers.RetryAfter;
                        var asked = RetryPolicy.RequestedDelay(retryAfter, response.Headers.Date, DateTimeOffset.UtcNow);
                        string statusText = StatusText(response);
                        if (!RetryPolicy.IsRetryable(status) || attempt > options.MaximumRetryCount)
                        {
                            string tries = attempt > 1 ? $" after {attempt} attempts" : "";
                            throw new WebFetchException(WebProblemKind.HttpError, finalUri,
                                $"'{finalUri}' answered HTTP {statusText}{tries}.{Advice(status, asked)}", status) { RetryAfter = asked };
                        }
                        wait = RetryPolicy.DelayBeforeRetry(attempt, retryAfter, response.Headers.Date, options);
                        if (wait == null)
                        {
                            throw new WebFetchException(WebProblemKind.HttpError, finalUri,
                                $"'{finalUri}' answered HTTP {statusText} and asked to retry after {Seconds(asked!.Value)}, longer than the " +
                                $"{Seconds(options.MaximumRetryDelay)} this command waits. Try again later.", status) { RetryAfter = asked };
                        }
                        log?.Invoke($"{finalUri}: HTTP {statusText}; retry {attempt} of {options.MaximumRetryCount} in {Seconds(wait.Value)}" +
                                    (asked != null ? " (Retry-After)" : ""));
                    }
                }
                catch (OperationCanceledException) when (cancel.IsCancellationRequested)
                {
                    throw new OperationCanceledException(cancel);
                }
                catch (Exception ex) when (attemptCancel.IsCancellationRequested && !cancel.IsCancellationRequested && ex is not WebFetchException)
                {
                    throw new WebFetchException(WebProblemKind.Timeout, current,
                        $"'{current}' did not answer completely within {Seconds(options.Timeout)} (the -TimeoutSec limit). " +
                        "The server may be slow or unreachable; raise -TimeoutSec or try again later.", inner: ex);
                }
                catch (HttpRequestException ex)
                {
                    throw Translate(ex, current);
                }
                catch (IOException ex)
                {
                    throw new WebFetchException(WebProblemKind.InvalidResponse, current, $"Reading '{current}' failed: {ex.Message}", inner: ex);
                }
            }
            await Task.Delay(wait.Value, cancel).ConfigureAwait(false);
        }
    }

    private async Task<(HttpResponseMessage Response, Uri FinalUri, int Redirects)> SendFollowingRedirects(
        Uri uri, WebFetchOptions options, CancellationToken cancel, Action<string>? log, Action<Uri> onUri)
    {
        Uri current = uri;
        for (int redirects = 0; ; redirects++)
        {
            onUri(current);
            if (options.PublicAddressesOnly)
                await AddressPolicy.CheckAsync(current, _resolve, redirects == 0 ? null : $"The redirect to '{current}'", cancel).ConfigureAwait(false);
            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            if (options.PublicAddressesOnly) request.Options.Set(PublicOnlyKey, true);
            request.Headers.TryAddWithoutValidation("User-Agent", options.UserAgent);
            request.Headers.TryAddWithoutValidation("Accept", options.Accept);
            if (options.IfNoneMatch != null) request.Headers.TryAddWithoutValidation("If-None-Match", options.IfNoneMatch);
            if (options.IfModifiedSince is { } since) request.Headers.IfModifiedSince = since;
            var response = await _invoker.SendAsync(request, cancel).ConfigureAwait(false);
            int status = (int)response.StatusCode;
            if (status is not (301 or 302 or 303 or 307 or 308) || response.Headers.Location is not { } location)
                return (response, current, redirects);

            string statusText = StatusText(response);
            response.Dispose();
            if (!Uri.TryCreate(current, location, out var next))
                throw new WebFetchException(WebProblemKind.InvalidResponse, current,
                    $"'{current}' answered HTTP {statusText} with an unusable Location '{location}'.", status);
            if (next.Scheme != Uri.UriSchemeHttp && next.Scheme != Uri.UriSchemeHttps)
                throw new WebFetchException(WebProblemKind.InsecureRedirect, current,
                    $"'{current}' answered HTTP {statusText}, redirecting to '{next}', which is not an http or https address.", status);
            if (current.Scheme == Uri.UriSchemeHttps && next.Scheme == Uri.UriSchemeHttp && !options.AllowInsecureRedirect)
                throw new WebFetchException(WebProblemKind.InsecureRedirect, current,
                    $"'{current}' answered HTTP {statusText}, redirecting from https to the unencrypted address '{next}'; the redirect was not followed.", status);
            if (redirects >= options.MaximumRedirects)
                throw new WebFetchException(WebProblemKind.TooManyRedirects, uri,
                    $"'{uri}' redirected more than {options.MaximumRedirects} times (the last answer, from '{current}', was HTTP {statusText} to '{next}'). " +
                    "The address may be in a redirect loop.", status);
            log?.Invoke($"{current}: HTTP {statusText} → {next}");
            current = next;
        }
    }

    /// <summary>Most bytes reserved for a body before they arrive.</summary>
    internal const int InitialBufferLimit = 64 * 1024;

    private static async Task<FetchResult> ReadBody(Uri requested, Uri finalUri, HttpResponseMessage response, int redirects, int attempts,
        Stopwatch clock, WebFetchOptions options, CancellationToken cancel)
    {
        int status = (int)response.StatusCode;
        var headers = response.Content.Headers;
        string? mediaType = headers.ContentType?.MediaType;
        if (mediaType != null && options.AcceptedMediaTypes != null &&
            !options.AcceptedMediaTypes.Any(t => string.Equals(t, mediaType, StringComparison.OrdinalIgnoreCase)))
        {
            throw new WebFetchException(WebProblemKind.NotHtml, finalUri,
                $"'{finalUri}' answered HTTP {StatusText(response)} with {mediaType}, not a web page. Import-NewsArticle reads HTML and plain-text " +
                "pages; for other formats, download the file and convert it to text first.", status);
        }
        if (headers.ContentLength is { } declared && declared > options.MaximumBytes)
            throw TooLarge(finalUri, response, $"declares {ArticleReader.FormatBytes(declared)}", options.MaximumBytes);
        long max = Math.Min(options.MaximumBytes, Array.MaxLength); // one download is held in one array

        // The buffer grows with what arrives, not with what the server promises: a Content-Length is only a claim (one of
        // 2 GiB would not even fit an int), so at most 64 KiB is reserved up front.
        var body = new MemoryStream(headers.ContentLength is { } len && len > 0 ? (int)Math.Min(len, InitialBufferLimit) : 16 * 1024);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            using var stream = await response.Content.ReadAsStreamAsync(cancel).ConfigureAwait(false);
            int n;
            while ((n = await stream.ReadAsync(buffer, cancel).ConfigureAwait(false)) > 0)
            {
                if (body.Length + n > max) throw TooLarge(finalUri, response, "sent more", max);
                body.Write(buffer, 0, n);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return new FetchResult
        {
            RequestUri = requested,
            FinalUri = finalUri,
            StatusCode = status,
            Bytes = body.Length == body.Capacity ? body.GetBuffer() : body.ToArray(),
            ContentType = headers.ContentType?.ToString(),
            MediaType = mediaType,
            ContentEncoding = headers.ContentEncoding.Count > 0 ? string.Join(", ", headers.ContentEncoding) : null,
            ETag = response.Headers.ETag?.ToString(),
            LastModified = headers.LastModified,
            Redirects = redirects,
            Attempts = attempts,
            Elapsed = clock.Elapsed,
        };
    }

    /// <summary>The answer to a conditional request whose copy is still current: no body, the validators as sent back (or as sent).</summary>
    private static FetchResult NotModified(Uri requested, Uri finalUri, HttpResponseMessage response, int redirects, int attempts,
        Stopwatch clock, WebFetchOptions options) => new()
    {
        RequestUri = requested,
        FinalUri = finalUri,
        StatusCode = 304,
        Bytes = Array.Empty<byte>(),
        ETag = response.Headers.ETag?.ToString() ?? options.IfNoneMatch,
        LastModified = response.Content.Headers.LastModified ?? options.IfModifiedSince,
        Redirects = redirects,
        Attempts = attempts,
        Elapsed = clock.Elapsed,
    };

    private static WebFetchException TooLarge(Uri uri, HttpResponseMessage response, string what, long max) =>
        new(WebProblemKind.TooLarge, uri,
            $"'{uri}' answered HTTP {StatusText(response)} but {what} than the limit of {ArticleReader.FormatBytes(max)} for one article; " +
            "the download was stopped. If it really is one article, raise the limit with -MaximumFileSize.", (int)response.StatusCode);

    /// <summary>Throws <see cref="WebFetchException"/> (InvalidUri) unless <paramref name="uri"/> is an absolute http or https address.</summary>
    public static void CheckAddress(Uri uri)
    {
        if (!uri.IsAbsoluteUri)
            throw new WebFetchException(WebProblemKind.InvalidUri, uri,
                $"'{uri}' is not an absolute web address. Give the full address, starting with https:// or http://.");
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            throw new WebFetchException(WebProblemKind.InvalidUri, uri,
                $"'{uri}' is a {uri.Scheme}: address; only http and https addresses can be downloaded." +
                (uri.IsFile ? " Import local files with -Path or -LiteralPath." : ""));
        if (string.IsNullOrEmpty(uri.Host))
            throw new WebFetchException(WebProblemKind.InvalidUri, uri, $"'{uri}' has no host name.");
    }

    private static WebFetchException Translate(HttpRequestException ex, Uri uri)
    {
        for (var inner = ex.InnerException; inner != null; inner = inner.InnerException)
            if (inner is WebFetchException refused) return refused;
        string detail = ex.InnerException is SocketException se ? $"{ex.Message} ({se.SocketErrorCode})" : ex.Message;
        return ex.HttpRequestError switch
        {
            HttpRequestError.InvalidResponse or HttpRequestError.ResponseEnded or HttpRequestError.ConfigurationLimitExceeded
                => new WebFetchException(WebProblemKind.InvalidResponse, uri, $"'{uri}' sent an answer that is not valid HTTP: {detail}", inner: ex),
            HttpRequestError.NameResolutionError
                => new WebFetchException(WebProblemKind.ConnectionFailed, uri, $"Cannot connect to '{uri}': the host name '{uri.Host}' was not found. Check the address and the network.", inner: ex),
            HttpRequestError.SecureConnectionError
                => new WebFetchException(WebProblemKind.ConnectionFailed, uri, $"Cannot connect to '{uri}': the secure (TLS) connection failed: {detail}", inner: ex),
            _ => new WebFetchException(WebProblemKind.ConnectionFailed, uri, $"Cannot connect to '{uri}': {detail}", inner: ex),
        };
    }

    private static string StatusText(HttpResponseMessage response)
    {
        int code = (int)response.StatusCode;
        string? reason = response.ReasonPhrase;
        if (string.IsNullOrWhiteSpace(reason)) reason = Enum.IsDefined(response.StatusCode) ? response.StatusCode.ToString() : null;
        return reason != null ? $"{code} ({reason})" : code.ToString();
    }

    private static string Advice(int status, TimeSpan? retryAfter) => status switch
    {
        404 or 410 => " The page does not exist (any more); check the address.",
        401 or 403 => " The site refuses access; the page may need a login or block automated downloads.",
        429 => $" The site is limiting requests; lower -ThrottleLimit or try again later{(retryAfter is { } r ? $" (it asked to wait {Seconds(r)})" : "")}.",
        >= 500 => " The server failed; try again later.",
        _ => "",
    };

    private static string Seconds(TimeSpan t) => t.TotalSeconds >= 10 || t.TotalSeconds == Math.Floor(t.TotalSeconds)
        ? $"{t.TotalSeconds:0} s" : $"{t.TotalSeconds:0.0##} s";

    public void Dispose()
    {
        if (_isShared) return; // the shared one lives as long as the process
        _invoker.Dispose();
    }
}
