using NewsCmdlets.TestSupport;
using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;
using NewsCmdlets.Engine.Ingest.Web;

namespace NewsCmdlets.Engine.Tests.Web;

public sealed class WebFetcherTests : IDisposable
{
    private readonly LoopbackServer _server = new();
    private readonly WebFetcher _fetcher = new(WebFetcher.CreateHandler());

    /// <summary>Short waits so retry tests take milliseconds, not seconds.</summary>
    private static readonly WebFetchOptions Fast = new() { RetryDelay = TimeSpan.FromMilliseconds(20), MaximumRetryDelay = TimeSpan.FromSeconds(3), Timeout = TimeSpan.FromSeconds(10) };

    private const string Page = "<!doctype html><html><head><title>Ferry</title></head><body><p>Ferry crews walked out.</p></body></html>";

    public void Dispose()
    {
        _fetcher.Dispose();
        _server.Dispose();
    }

    private static Dictionary<string, string> H(params (string, string)[] headers) => headers.ToDictionary(h => h.Item1, h => h.Item2);

    private async Task<WebFetchException> Fails(string path, WebFetchOptions? options = null)
    {
        var ex = await Assert.ThrowsAsync<WebFetchException>(() => _fetcher.FetchAsync(_server.Url(path), options ?? Fast));
        Assert.Contains(_server.BaseUri.Authority, ex.Message); // every message names the address
        return ex;
    }

    [Fact]
    public async Task Returns_the_body_the_content_type_the_validators_and_sends_the_user_agent()
    {
        _server.MapText("/story", Page, "text/html; charset=iso-8859-1",
            headers: H(("ETag", "\"v42\""), ("Last-Modified", "Sat, 14 Mar 2026 09:05:00 GMT")));
        var r = await _fetcher.FetchAsync(_server.Url("/story"), Fast);
        Assert.Equal(Page, Encoding.UTF8.GetString(r.Bytes));
        Assert.Equal(200, r.StatusCode);
        Assert.Equal("text/html", r.MediaType);
        Assert.Contains("charset=iso-8859-1", r.ContentType);
        Assert.Equal("\"v42\"", r.ETag);
        Assert.Equal(new DateTimeOffset(2026, 3, 14, 9, 5, 0, TimeSpan.Zero), r.LastModified);
        Assert.Equal(_server.Url("/story"), r.FinalUri);
        Assert.Equal(1, r.Attempts);
        var headers = Assert.Single(_server.Requests).Headers;
        Assert.StartsWith("NewsCmdlets/", headers["User-Agent"]);
        Assert.Contains("text/html", headers["Accept"]);

        await _fetcher.FetchAsync(_server.Url("/story"), Fast with { UserAgent = "ResearchBot/2.0 (+mailto:desk@news.example)" });
        Assert.Equal("ResearchBot/2.0 (+mailto:desk@news.example)", _server.Requests.Last().Headers["User-Agent"]);
    }

    [Fact]
    public async Task A_503_with_Retry_After_is_retried_after_the_wait_the_server_asked_for()
    {
        _server.MapSequence("/busy",
            (503, "busy", H(("Retry-After", "1"))),
            (200, Page, null));
        var notes = new List<string>();
        var clock = Stopwatch.StartNew();
        var r = await _fetcher.FetchAsync(_server.Url("/busy"), Fast, log: notes.Add);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(950), $"retried after {clock.ElapsedMilliseconds} ms, before Retry-After");
        Assert.Equal(2, r.Attempts);
        Assert.Equal(2, _server.Hits("/busy"));
        Assert.Contains(notes, n => n.Contains("503") && n.Contains("Retry-After"));
    }

    [Fact]
    public async Task Two_429s_then_success_uses_both_retries_with_backoff()
    {
        _server.MapSequence("/limited", (429, "slow down", null), (429, "slow down", null), (200, Page, null));
        var r = await _fetcher.FetchAsync(_server.Url("/limited"), Fast);
        Assert.Equal(3, r.Attempts);
        Assert.Equal(Page, Encoding.UTF8.GetString(r.Bytes));
    }

    [Fact]
    public async Task Retries_stop_at_MaximumRetryCount_and_the_error_has_the_status()
    {
        _server.MapText("/down", "down", status: 502);
        var ex = await Fails("/down", Fast with { MaximumRetryCount = 1 });
        Assert.Equal(WebProblemKind.HttpError, ex.Kind);
        Assert.Equal(502, ex.StatusCode);
        Assert.Contains("HTTP 502", ex.Message);
        Assert.Equal(2, _server.Hits("/down"));
    }

    [Fact]
    public async Task A_Retry_After_longer_than_the_cap_fails_at_once_instead_of_waiting()
    {
        _server.MapText("/later", "later", status: 429, headers: H(("Retry-After", "120")));
        var clock = Stopwatch.StartNew();
        var ex = await Fails("/later");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"waited {clock.ElapsedMilliseconds} ms");
        Assert.Equal(429, ex.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(120), ex.RetryAfter);
        Assert.Contains("120 s", ex.Message);
        Assert.Equal(1, _server.Hits("/later"));
    }

    [Theory]
    [InlineData(404)]
    [InlineData(403)]
    [InlineData(501)]
    public async Task Statuses_that_waiting_does_not_change_are_not_retried(int status)
    {
        _server.MapText("/p", "no", status: status);
        var ex = await Fails("/p");
        Assert.Equal(WebProblemKind.HttpError, ex.Kind);
        Assert.Contains($"HTTP {status}", ex.Message);
        Assert.Equal(1, _server.Hits("/p"));
    }

    /// <summary>/hop/N redirects to /hop/N-1 (alternating 301, 302, 303, 307, 308 and relative or absolute Locations); /hop/0 is the page.</summary>
    private void MapHops(int n)
    {
        int[] codes = { 301, 302, 303, 307, 308 };
        for (int i = 1; i <= n; i++)
        {
            string location = i % 2 == 0 ? $"/hop/{i - 1}" : _server.Url($"/hop/{i - 1}").ToString();
            _server.MapText($"/hop/{i}", "", status: codes[i % codes.Length], headers: H(("Location", location)));
        }
        _server.MapText("/hop/0", Page);
    }

    [Fact]
    public async Task Ten_redirects_are_followed_to_the_final_address()
    {
        MapHops(10);
        var r = await _fetcher.FetchAsync(_server.Url("/hop/10"), Fast);
        Assert.Equal(10, r.Redirects);
        Assert.Equal(_server.Url("/hop/0"), r.FinalUri);
        Assert.Equal(_server.Url("/hop/10"), r.RequestUri);
    }

    [Fact]
    public async Task Eleven_redirects_fail()
    {
        MapHops(11);
        var ex = await Fails("/hop/11");
        Assert.Equal(WebProblemKind.TooManyRedirects, ex.Kind);
        Assert.Contains("more than 10", ex.Message);
        Assert.Equal(0, _server.Hits("/hop/0"));
    }

    [Fact]
    public async Task A_redirect_loop_fails_as_too_many_redirects()
    {
        _server.MapText("/loop", "", status: 302, headers: H(("Location", "/loop")));
        var ex = await Fails("/loop");
        Assert.Equal(WebProblemKind.TooManyRedirects, ex.Kind);
        Assert.Equal(11, _server.Hits("/loop"));
    }

    [Fact]
    public async Task A_redirect_to_another_scheme_is_refused()
    {
        _server.MapText("/ftp", "", status: 301, headers: H(("Location", "ftp://files.example/story.txt")));
        var ex = await Fails("/ftp");
        Assert.Equal(WebProblemKind.InsecureRedirect, ex.Kind);
    }

    [Fact]
    public async Task A_declared_length_over_the_limit_fails_before_the_body_is_read()
    {
        _server.MapBytes("/big", new byte[200_000]);
        var ex = await Fails("/big", Fast with { MaximumBytes = 100_000 });
        Assert.Equal(WebProblemKind.TooLarge, ex.Kind);
        Assert.Equal(200, ex.StatusCode);
        Assert.Contains("97.7 KiB", ex.Message);
    }

    [Fact]
    public async Task A_chunked_body_is_cut_off_at_the_limit_and_one_at_the_limit_is_accepted()
    {
        byte[] body = Encoding.ASCII.GetBytes(new string('x', 150_000));
        _server.Map("/stream", (ctx, _) => LoopbackServer.Respond(ctx, 200, body, "text/plain", chunked: true));
        var ex = await Fails("/stream", Fast with { MaximumBytes = 100_000 });
        Assert.Equal(WebProblemKind.TooLarge, ex.Kind);

        var r = await _fetcher.FetchAsync(_server.Url("/stream"), Fast with { MaximumBytes = 150_000 });
        Assert.Equal(150_000, r.Bytes.Length);
    }

    public static IEnumerable<object[]> Encodings() => new[] { new object[] { "gzip" }, new object[] { "br" }, new object[] { "deflate" } };

    private static byte[] Compress(string encoding, byte[] data)
    {
        var ms = new MemoryStream();
        using (Stream z = encoding switch
        {
            "gzip" => new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true),
            "br" => new BrotliStream(ms, CompressionLevel.Fastest, leaveOpen: true),
            _ => new ZLibStream(ms, CompressionLevel.Fastest, leaveOpen: true),
        })
            z.Write(data);
        return ms.ToArray();
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public async Task Compressed_answers_are_decompressed_and_the_limit_applies_to_the_decompressed_size(string encoding)
    {
        byte[] page = Encoding.UTF8.GetBytes(Page + new string(' ', 50_000) + "<!-- end -->");
        _server.MapBytes("/z", Compress(encoding, page), headers: H(("Content-Encoding", encoding)));
        var r = await _fetcher.FetchAsync(_server.Url("/z"), Fast);
        Assert.Equal(page, r.Bytes);
        Assert.Contains(encoding, _server.Requests.First().Headers["Accept-Encoding"]);

        // Far smaller than the limit on the wire, larger once decompressed: a decompression bomb stops at the limit.
        var ex = await Fails("/z", Fast with { MaximumBytes = 20_000 });
        Assert.Equal(WebProblemKind.TooLarge, ex.Kind);
    }

    [Fact]
    public async Task A_server_that_does_not_answer_in_time_is_a_timeout()
    {
        _server.MapText("/slow", Page, delay: TimeSpan.FromSeconds(30));
        var clock = Stopwatch.StartNew();
        var ex = await Fails("/slow", Fast with { Timeout = TimeSpan.FromMilliseconds(300) });
        Assert.Equal(WebProblemKind.Timeout, ex.Kind);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task A_body_that_stalls_after_the_headers_is_a_timeout()
    {
        _server.Map("/stall", async (ctx, stop) =>
        {
            ctx.Response.ContentType = "text/html";
            ctx.Response.ContentLength64 = 10_000;
            await ctx.Response.OutputStream.WriteAsync(Encoding.ASCII.GetBytes("<html><body>"), stop);
            await ctx.Response.OutputStream.FlushAsync(stop);
            await Task.Delay(TimeSpan.FromSeconds(30), stop);
        });
        var ex = await Fails("/stall", Fast with { Timeout = TimeSpan.FromMilliseconds(500) });
        Assert.Equal(WebProblemKind.Timeout, ex.Kind);
    }

    [Fact]
    public async Task Cancelling_stops_a_download_promptly_and_is_not_reported_as_a_failure()
    {
        _server.MapText("/slow", Page, delay: TimeSpan.FromSeconds(30));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _fetcher.FetchAsync(_server.Url("/slow"), Fast, cts.Token));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Cancelling_during_a_retry_wait_stops_at_once()
    {
        _server.MapText("/busy", "busy", status: 503, headers: H(("Retry-After", "3")));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _fetcher.FetchAsync(_server.Url("/busy"), Fast, cts.Token));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task A_refused_connection_is_ConnectionFailed()
    {
        var uri = new Uri($"http://127.0.0.1:{LoopbackServer.FreePort()}/story");
        var ex = await Assert.ThrowsAsync<WebFetchException>(() => _fetcher.FetchAsync(uri, Fast));
        Assert.Equal(WebProblemKind.ConnectionFailed, ex.Kind);
        Assert.Contains(uri.ToString(), ex.Message);
        Assert.Null(ex.StatusCode);
    }

    [Fact]
    public async Task An_answer_that_is_not_HTTP_is_InvalidResponse()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var serve = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            _ = await stream.ReadAsync(new byte[4096]); // the request line is enough
            await stream.WriteAsync("SSH-2.0-OpenSSH_9.6\r\nthis is not http\r\n\r\n"u8.ToArray());
        });
        try
        {
            var ex = await Assert.ThrowsAsync<WebFetchException>(() => _fetcher.FetchAsync(new Uri($"http://127.0.0.1:{port}/x"), Fast));
            Assert.Equal(WebProblemKind.InvalidResponse, ex.Kind);
        }
        finally
        {
            listener.Stop();
            await serve.WaitAsync(TimeSpan.FromSeconds(5));
        }
    }

    [Theory]
    [InlineData("ftp://files.example/story.txt")]
    [InlineData("file:///tmp/story.html")]
    [InlineData("story.html")]
    public async Task Addresses_that_are_not_http_or_https_are_InvalidUri(string address)
    {
        var ex = await Assert.ThrowsAsync<WebFetchException>(() => _fetcher.FetchAsync(new Uri(address, UriKind.RelativeOrAbsolute), Fast));
        Assert.Equal(WebProblemKind.InvalidUri, ex.Kind);
        Assert.Contains(address.Split('/')[^1], ex.Message);
    }
}
