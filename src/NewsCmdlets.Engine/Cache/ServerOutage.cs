using System.Diagnostics;

namespace NewsCmdlets.Engine.Cache;

/// <summary>
/// When the cache's server last did not answer, for a reader or an analyser that goes on without it: within
/// <see cref="RetryInterval"/> of the failure the server is not tried again (each item says so at once); after it,
/// the next item tries the server again, so the cache is used again within the same call once the server answers.
/// It also keeps what could not be stored meanwhile (<typeparamref name="TUnstored"/>), until the caller takes it.
/// </summary>
internal sealed class ServerOutage<TUnstored>
{
    private readonly List<TUnstored> _unstored = new();

    private NewsCacheException? _error;
    private readonly Stopwatch _since = new();

    /// <summary>How long after a failure the server is left alone (2 seconds unless set).</summary>
    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The failure that keeps the server from being tried now, or null when it may be tried.</summary>
    public NewsCacheException? StillDown() =>
        _error != null && _since.Elapsed < RetryInterval ? _error : (_error = null);

    /// <summary>The server did not answer: leave it alone for <see cref="RetryInterval"/>.</summary>
    public void WentDown(NewsCacheException error)
    {
        _error = error;
        _since.Restart();
    }

    /// <summary>Something not stored because the server did not answer.</summary>
    public void Keep(TUnstored item) => _unstored.Add(item);

    /// <summary>What was not stored since the last call, and forget it.</summary>
    public IReadOnlyList<TUnstored> TakeUnstored()
    {
        if (_unstored.Count == 0) return Array.Empty<TUnstored>();
        var taken = _unstored.ToArray();
        _unstored.Clear();
        return taken;
    }
}
