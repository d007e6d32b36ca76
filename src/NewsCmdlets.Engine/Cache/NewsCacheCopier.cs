using System.Diagnostics;

namespace NewsCmdlets.Engine.Cache;

/// <summary>What Copy-NewsCache moved from one cache to another.</summary>
public sealed class NewsCacheCopyResult
{
    public string Source { get; init; } = "";
    public string Destination { get; init; } = "";
    public long Articles { get; set; }
    /// <summary>Raw sources (the bytes each article was read from).</summary>
    public long RawSources { get; set; }
    public long Inputs { get; set; }
    public long EntityIndexRows { get; set; }
    public long Analyses { get; set; }
    public long Feeds { get; set; }
    public TimeSpan Elapsed { get; set; }
    public override string ToString() => $"{Source} -> {Destination}";
}

/// <summary>
/// Moves a corpus between caches, in either direction between an SQLite file and a PostgreSQL database (or between
/// two of a kind): every table row as stored (articles with their packed records, raw sources, inputs with their
/// stamps and validators, the entity index, analyses with their analyser versions, feeds), parents first, a batch a
/// transaction. Rows the destination already has under the same key are replaced, so a copy interrupted part-way is
/// completed by running it again.
/// </summary>
public static class NewsCacheCopier
{
    private const int BatchSize = 500;

    /// <summary>Copies <paramref name="source"/> into <paramref name="destination"/>; <paramref name="progress"/> hears
    /// each table's name and the rows copied so far.</summary>
    public static NewsCacheCopyResult Copy(NewsCache source, NewsCache destination, Action<string, long>? progress = null, CancellationToken cancel = default)
    {
        if (source.StoreKind == destination.StoreKind && string.Equals(source.Path, destination.Path, StringComparison.Ordinal))
            throw new ArgumentException($"The source and the destination are the same cache ({source.Path}).");
        if (destination.IsReadOnly)
            throw new NewsCacheException(NewsCacheProblem.ReadOnly, destination.Path, $"The destination cache {destination.Path} is read-only: nothing can be copied into it.");
        var clock = Stopwatch.StartNew();
        var result = new NewsCacheCopyResult { Source = source.Path, Destination = destination.Path };
        foreach (var table in CacheTable.All)
        {
            long n = 0;
            var batch = new List<object?[]>(BatchSize);
            foreach (var row in source.Store.ReadRows(table))
            {
                cancel.ThrowIfCancellationRequested();
                batch.Add(row);
                if (batch.Count < BatchSize) continue;
                destination.Store.WriteRows(table, batch);
                n += batch.Count;
                batch.Clear();
                progress?.Invoke(table.Name, n);
            }
            destination.Store.WriteRows(table, batch);
            n += batch.Count;
            progress?.Invoke(table.Name, n);
            if (table == CacheTable.Articles) result.Articles = n;
            else if (table == CacheTable.Sources) result.RawSources = n;
            else if (table == CacheTable.Inputs) result.Inputs = n;
            else if (table == CacheTable.EntityIndex) result.EntityIndexRows = n;
            else if (table == CacheTable.Analyses) result.Analyses = n;
            else if (table == CacheTable.Feeds) result.Feeds = n;
        }
        result.Elapsed = clock.Elapsed;
        return result;
    }
}
