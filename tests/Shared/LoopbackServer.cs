using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NewsCmdlets.TestSupport;

/// <summary>
/// A small HTTP server on 127.0.0.1 and a free port, for tests: each path maps to a handler; it counts requests per
/// path, records request headers, and tracks how many requests are in progress at once. Disposing it cancels slow
/// handlers and stops listening.
/// </summary>
public sealed class LoopbackServer : IDisposable
{
    public delegate Task Handler(HttpListenerContext context, CancellationToken stop);

    private readonly HttpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, Handler> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _hits = new(StringComparer.Ordinal);
    private int _active;
    private int _maxActive;

    public LoopbackServer()
    {
        for (int attempt = 0; ; attempt++)
        {
            int port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                _listener = listener;
                BaseUri = new Uri($"http://127.0.0.1:{port}/");
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
        _ = Task.Run(AcceptLoop);
    }

    public Uri BaseUri { get; }

    /// <summary>Requests received, in order of arrival.</summary>
    public ConcurrentQueue<(string Path, System.Collections.Specialized.NameValueCollection Headers)> Requests { get; } = new();

    /// <summary>The largest number of requests handled at the same time.</summary>
    public int MaxConcurrent => Volatile.Read(ref _maxActive);

    public Uri Url(string path) => new(BaseUri, path.TrimStart('/'));

    public int Hits(string path) => _hits.TryGetValue(path, out int n) ? n : 0;

    public void Map(string path, Handler handler) => _routes[path] = handler;

    /// <summary>Serves fixed bytes.</summary>
    public void MapBytes(string path, byte[] body, string? contentType = "text/html; charset=utf-8", int status = 200,
        IDictionary<string, string>? headers = null, TimeSpan delay = default) =>
        Map(path, async (ctx, stop) =>
        {
            if (delay > TimeSpan.Zero) await Task.Delay(delay, stop);
            await Respond(ctx, status, body, contentType, headers);
        });

    public void MapText(string path, string body, string? contentType = "text/html; charset=utf-8", int status = 200,
        IDictionary<string, string>? headers = null, TimeSpan delay = default) =>
        MapBytes(path, Encoding.UTF8.GetBytes(body), contentType, status, headers, delay);

    /// <summary>Answers each request to <paramref name="path"/> with the next of <paramref name="steps"/> (the last repeats).</summary>
    public void MapSequence(string path, params (int Status, string Body, IDictionary<string, string>? Headers)[] steps)
    {
        int next = -1;
        Map(path, (ctx, _) =>
        {
            var (status, body, headers) = steps[Math.Min(Interlocked.Increment(ref next), steps.Length - 1)];
            return Respond(ctx, status, Encoding.UTF8.GetBytes(body), "text/html; charset=utf-8", headers);
        });
    }

    public static async Task Respond(HttpListenerContext ctx, int status, byte[] body, string? contentType,
        IDictionary<string, string>? headers = null, bool chunked = false)
    {
        var r = ctx.Response;
        r.StatusCode = status;
        if (contentType != null) r.ContentType = contentType;
        if (headers != null)
            foreach (var (k, v) in headers) r.AddHeader(k, v);
        if (chunked) r.SendChunked = true;
        else r.ContentLength64 = body.Length;
        await r.OutputStream.WriteAsync(body);
        r.Close();
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext ctx;
            try
            {
                ctx = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                continue;
            }
            _ = Task.Run(() => Handle(ctx));
        }
    }

    private async Task Handle(HttpListenerContext ctx)
    {
        string path = ctx.Request.Url!.AbsolutePath;
        Requests.Enqueue((path, ctx.Request.Headers));
        _hits.AddOrUpdate(path, 1, (_, n) => n + 1);
        int now = Interlocked.Increment(ref _active);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxActive)) && Interlocked.CompareExchange(ref _maxActive, now, seen) != seen) { }
        try
        {
            if (_routes.TryGetValue(path, out var handler)) await handler(ctx, _stop.Token);
            else await Respond(ctx, 404, Encoding.UTF8.GetBytes("<html><head><title>404 Not Found</title></head><body><h1>Not found</h1></body></html>"), "text/html");
        }
        catch (Exception)
        {
            try { ctx.Response.Abort(); } catch (Exception) { }
        }
        finally
        {
            Interlocked.Decrement(ref _active);
        }
    }

    /// <summary>A port nothing listens on right now.</summary>
    public static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    public void Dispose()
    {
        _stop.Cancel();
        try { _listener.Stop(); _listener.Close(); } catch (Exception) { }
    }
}
