using System.Management.Automation;
using NewsCmdlets.Engine.Cache;

namespace NewsCmdlets.Commands;

/// <summary>
/// Get-NewsCacheInfo: where the cache is (its file, or its PostgreSQL server), its size, counts and schema version,
/// and what it runs on (SQLite version and native library, or the server's version).
/// </summary>
[Cmdlet(VerbsCommon.Get, "NewsCacheInfo")]
[OutputType(typeof(NewsCacheInfo))]
public sealed class GetNewsCacheInfoCommand : PSCmdlet
{
    /// <summary>The cache file (default: the session's cache, see Set-NewsCacheConfiguration). -Path is its old name.</summary>
    [Parameter(Position = 0)]
    [Alias("Path")]
    [ValidateNotNullOrEmpty]
    public string? CachePath { get; set; }

    protected override void EndProcessing()
    {
        var location = CacheSession.ResolveLocation(this, CachePath);
        using var cache = CacheSession.Open(this, location, mustExist: true);
        try
        {
            WriteObject(cache.GetInfo());
        }
        catch (NewsCacheException ex)
        {
            ThrowTerminatingError(CacheSession.ToErrorRecord(ex, location.Display));
        }
    }
}
