using System.Net;
using System.Net.Sockets;

namespace NewsCmdlets.TestSupport;

/// <summary>
/// A TCP relay on 127.0.0.1 in front of a server, for tests that need the server to go away and come back without
/// stopping it for every other test: <see cref="Cut"/> drops every connection and refuses new ones (as a stopped
/// server does), <see cref="Restore"/> listens again on the same port.
/// </summary>
public sealed class TcpProxy : IDisposable
{
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly object _lock = new();
    private readonly List<TcpClient> _open = new();
    private TcpListener? _listener;
    private CancellationTokenSource _stop = new();

    public TcpProxy(string targetHost, int targetPort)
    {
        _targetHost = targetHost;
        _targetPort = targetPort;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptLoop(_listener, _stop.Token);
    }

    public int Port { get; }

    /// <summary>Drops every relayed connection and stops listening: connecting is refused until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        lock (_lock)
        {
            _stop.Cancel();
            _listener?.Stop();
            _listener = null;
            foreach (var c in _open) c.Dispose();
            _open.Clear();
        }
    }

    /// <summary>Listens again on the same port.</summary>
    public void Restore()
    {
        lock (_lock)
        {
            if (_listener != null) return;
            _stop = new CancellationTokenSource();
            _listener = new TcpListener(IPAddress.Loopback, Port);
            _listener.Start();
            _ = AcceptLoop(_listener, _stop.Token);
        }
    }

    private async Task AcceptLoop(TcpListener listener, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = Relay(client, stop);
        }
    }

    private async Task Relay(TcpClient client, CancellationToken stop)
    {
        var server = new TcpClient();
        lock (_lock)
        {
            if (stop.IsCancellationRequested) { client.Dispose(); server.Dispose(); return; }
            _open.Add(client);
            _open.Add(server);
        }
        try
        {
            await server.ConnectAsync(_targetHost, _targetPort, stop);
            var a = client.GetStream().CopyToAsync(server.GetStream(), stop);
            var b = server.GetStream().CopyToAsync(client.GetStream(), stop);
            await Task.WhenAny(a, b);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            client.Dispose();
            server.Dispose();
        }
    }

    public void Dispose() => Cut();
}
