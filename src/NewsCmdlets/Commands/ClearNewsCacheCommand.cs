using System.Management.Automation;
using NewsCmdlets.Engine.Cache;

namespace NewsCmdlets.Commands;

/// <summary>
/// Clear-NewsCache: deletes the cache file (and its -wal and -shm files), so the next use starts afresh. Works on a
/// damaged file or one that is not a cache at all, which is how to recover from those errors.
/// </summary>
[Cmdlet(VerbsCommon.Clear, "NewsCache", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class ClearNewsCacheCommand : PSCmdlet
{
    /// <summary>The cache file (default: the session's, see Set-NewsCacheConfiguration). -Path is its old name.</summary>
    [Parameter(Position = 0)]
    [Alias("Path")]
    [ValidateNotNullOrEmpty]
    public string? CachePath { get; set; }

    protected override void EndProcessing()
    {
        string path = CacheSession.ResolvePath(this, CachePath);
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
}
