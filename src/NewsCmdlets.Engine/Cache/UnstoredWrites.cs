namespace NewsCmdlets.Engine.Cache;

/// <summary>
/// What a buffered writer (<see cref="CachedArticleReader"/>, <see cref="CachedAnalyses"/>) could not store: on a
/// read-only cache nothing is written and the items are counted; when a batch fails because the disk is full or the
/// file became read-only, that failure is kept
/// for the caller to report once, the writer stops writing and counts what it did not store, and the work (reading,
/// analysing) goes on. Any other failure is thrown as before.
/// </summary>
public sealed class UnstoredWrites
{
    private bool _reported;

    /// <summary>The failure that stopped the writes; null while they succeed (and on a cache read-only from the start).</summary>
    public NewsCacheException? Failure { get; private set; }

    /// <summary>Items not stored so far.</summary>
    public int Count { get; private set; }

    /// <summary>Runs one batch's <paramref name="write"/> of <paramref name="items"/> items, unless writing has stopped.</summary>
    internal void Write(NewsCache cache, int items, Action write)
    {
        if (cache.IsReadOnly || Failure != null)
        {
            Count += items;
            return;
        }
        try
        {
            write();
        }
        catch (NewsCacheException ex) when (ex.Problem is NewsCacheProblem.Full or NewsCacheProblem.ReadOnly)
        {
            Failure = ex;
            Count += items;
        }
    }

    /// <summary>Counts items a writer could not store for a reason it reports itself (one error an item: a server that
    /// did not answer), without stopping the writes.</summary>
    internal void CountUnstored(int items) => Count += items;

    /// <summary>The failure, the first time it is asked for after it happened (to report it once); null otherwise.</summary>
    public NewsCacheException? TakeNewFailure()
    {
        if (Failure == null || _reported) return null;
        _reported = true;
        return Failure;
    }
}
