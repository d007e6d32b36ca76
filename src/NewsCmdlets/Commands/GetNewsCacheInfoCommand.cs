using System.Management.Automation;
using NewsCmdlets.Engine.Cache;

namespace NewsCmdlets.Commands;

/// <summary>Get-NewsCacheInfo: the cache file's path, size, counts, schema version, SQLite version and native library.</summary>
[Cmdlet(VerbsCommon.Get, "NewsCacheInfo")]
[OutputType(typeof(NewsCacheInfo))]
public sealed class GetNewsCacheInfoCommand : PSCmdlet
{
    /// <summary>The cache file (default: the session's, see Set-NewsCacheConfiguration). -Path is its old name.</summary>
    [Parameter(Position = 0)]
    [Alias("Path")]
    [ValidateNotNullOrEmpty]
    public string? CachePath { get; set; }

    protected override void EndProcessing()
    {
        string path = CacheSession.ResolvePath(this, CachePath);
        using var cache = CacheSession.Open(this, path, mustExist: true);
        try
        {
            WriteObject(cache.GetInfo());
        }
        catch (NewsCacheException ex)
        {
            ThrowTerminatingError(CacheSession.ToErrorRecord(ex, path));
        }
    }
}
