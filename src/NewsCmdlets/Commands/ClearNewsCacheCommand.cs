using System.Management.Automation;
using NewsCmdlets.Engine.Cache;

namespace NewsCmdlets.Commands;

/// <summary>
/// Clear-NewsCache: deletes the cache file (and its -wal and -shm files), so the next use starts afresh. Works on a
/// damaged file or one that is not a cache at all, which is how to recover from those errors. On a PostgreSQL server
/// (Set-NewsCacheConfiguration -ConnectionString) it empties the cache's tables, keeping them and their schema.
/// </summary>
[Cmdlet(VerbsCommon.Clear, "NewsCache", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class ClearNewsCacheCommand : PSCmdlet
{
    /// <summary>The cache file (default: the session's cache, see Set-NewsCacheConfiguration). -Path is its old name.</summary>
    [Parameter(Position = 0)]
    [Alias("Path")]
    [ValidateNotNullOrEmpty]
    public string? CachePath { get; set; }

    protected override void EndProcessing()
    {
        var location = CacheSession.ResolveLocation(this, CachePath);
        if (location.IsServer)
        {
            ClearServer(location);
            return;
        }
        string path = location.Path!;
        if (Directory.Exists(path))
            ThrowTerminatingError(new ErrorRecord(new ArgumentException($"'{path}' is a folder, not a cache file; Clear-NewsCache deletes only files."),
                "CachePathIsDirectory", ErrorCategory.InvalidArgument, path));
        if (!File.Exists(path))
        {
            WriteVerbose($"There is no cache file at '{path}'; nothing to clear.");
            return;
        }
        if (!ShouldProcess(path, "Delete the cache file and everything kept in it")) return;
        try
        {
            NewsCache.DeleteFiles(path);
            WriteVerbose($"Deleted '{path}'. The next import with -Cache creates a new cache there.");
        }
        catch (NewsCacheException ex)
        {
            ThrowTerminatingError(CacheSession.ToErrorRecord(ex, path));
        }
    }

    private void ClearServer(NewsCacheLocation location)
    {
        if (!ShouldProcess(location.Display, "Delete every article, input, analysis and feed kept in the cache database (its tables stay, empty)")) return;
        using var cache = CacheSession.Open(this, location);
        try
        {
            long articles = cache.GetInfo().Articles;
            cache.Clear();
            WriteVerbose($"Emptied the cache database {location.Display} ({articles:N0} article(s) removed).");
        }
        catch (NewsCacheException ex)
        {
            ThrowTerminatingError(CacheSession.ToErrorRecord(ex, location.Display));
        }
    }
}
