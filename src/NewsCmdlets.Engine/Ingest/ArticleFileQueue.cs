using NewsCmdlets.Engine.Cache;
using NewsCmdlets.Engine.Concurrency;

namespace NewsCmdlets.Engine.Ingest;

/// <summary>
/// Reads article files on several threads (what <see cref="ArticleReader.ReadFile"/> does, or
/// <see cref="CachedArticleReader.ReadFile"/> with a cache) and hands each article, or the problem with its file, back
/// in the order the files were added, on the thread that adds them. With a cache, what the cache knows of each file is
/// looked up and what was read is stored on that thread (the cache is one connection); only the reading, hashing and
/// parsing run on the other threads. Import-NewsArticle's reading of files.
/// </summary>
public sealed class ArticleFileQueue : IDisposable
{
    private sealed record Job(string Path, PendingFileRead? Pending);

    private readonly OrderedParallelMap<Job, PendingFileOutcome> _map;
    private readonly ArticleReadOptions _options;
    private readonly CachedArticleReader? _cache;

    /// <param name="threads">Files read and parsed at the same time (1: each file is read when it is added).</param>
    /// <param name="options">How articles are read.</param>
    /// <param name="cache">The cache to take unchanged files from and store the others in, or null.</param>
    /// <param name="write">Gets each file's article, or the exception reading it threw (an <see cref="InputProblemException"/>
    /// for a file that is not an article), in the order the files were added, on the adding thread.</param>
    /// <param name="cancel">Stops the reading (Ctrl+C).</param>
    public ArticleFileQueue(int threads, ArticleReadOptions options, CachedArticleReader? cache, Action<string, ArticleReadResult?, Exception?> write,
        CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(write);
        _options = options;
        _cache = cache;
        _map = new OrderedParallelMap<Job, PendingFileOutcome>(threads, () => Read, (job, outcome, error) =>
        {
            if (error != null)
            {
                write(job.Path, null, error);
                return;
            }
            // A problem storing (NewsCacheException) goes to the caller of Add or Flush: the cache is unusable.
            write(job.Path, job.Pending != null ? _cache!.FinishFile(job.Pending, outcome!).Read : outcome!.Read, null);
        }, cancel);
    }

    private PendingFileOutcome Read(Job job, CancellationToken cancel) => job.Pending != null
        ? CachedArticleReader.ReadPending(job.Pending, cancel)
        : new PendingFileOutcome(ArticleReader.ReadFile(job.Path, _options, cancel), null, null);

    /// <summary>Files added and not yet handed back.</summary>
    public int InFlight => _map.InFlight;

    /// <summary>Called on the adding thread about four times a second while it waits for the oldest file.</summary>
    public Action? Waiting { get => _map.Waiting; set => _map.Waiting = value; }

    /// <summary>
    /// Adds a file to read, handing back the files before it that are done (and waiting for the oldest while as many
    /// files as the queue holds are in flight). A cache that cannot be read throws <see cref="NewsCacheException"/>.
    /// False when stopped.
    /// </summary>
    public bool Add(string path)
    {
        if (_cache == null) return _map.Add(new Job(path, null));
        var pending = _cache.BeginFile(path, _options);
        var job = new Job(path, pending);
        return pending.Done != null ? _map.AddDone(job, new PendingFileOutcome(pending.Done.Read, null, null)) : _map.Add(job);
    }

    /// <summary>Hands back every file added, waiting for them. False when stopped.</summary>
    public bool Flush() => _map.Flush();

    /// <summary>Stops the reading of files not handed back yet.</summary>
    public void Dispose() => _map.Dispose();
}
