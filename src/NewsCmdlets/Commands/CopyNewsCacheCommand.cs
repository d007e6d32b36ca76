using System.Management.Automation;
using NewsCmdlets.Engine.Cache;

namespace NewsCmdlets.Commands;

/// <summary>
/// Copy-NewsCache: moves a corpus between an SQLite cache file and the session's cache, in either direction: with
/// -FromPath the file's corpus goes into the session's cache (e.g. a team's PostgreSQL database, after
/// Set-NewsCacheConfiguration -ConnectionString), with -ToPath the session's cache goes into the file (a copy to take
/// away or to keep). Articles, raw sources, inputs, the entity index, analyses and feeds are copied as stored; rows the
/// destination already has are replaced, so an interrupted copy is completed by running it again.
/// </summary>
[Cmdlet(VerbsCommon.Copy, "NewsCache", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = FromSet)]
[OutputType(typeof(NewsCacheCopyResult))]
public sealed class CopyNewsCacheCommand : NewsCmdletBase
{
    private const string FromSet = "From";
    private const string ToSet = "To";
    private const string Activity = "Copying the news cache";

    /// <summary>An SQLite cache file whose corpus is copied into the session's cache.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = FromSet)]
    [ValidateNotNullOrEmpty]
    public string FromPath { get; set; } = "";

    /// <summary>An SQLite cache file (created when missing) into which the session's cache is copied.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ToSet)]
    [ValidateNotNullOrEmpty]
    public string ToPath { get; set; } = "";

    protected override void EndProcessing()
    {
        var session = CacheSession.Get().Location;
        var file = NewsCacheLocation.File(CacheSession.ResolvePath(this, ParameterSetName == FromSet ? FromPath : ToPath));
        var (from, to) = ParameterSetName == FromSet ? (file, session) : (session, file);
        if (!from.IsServer && !File.Exists(from.Path))
            ThrowTerminatingError(new ErrorRecord(new FileNotFoundException($"There is no cache file at '{from.Path}' to copy from.", from.Path),
                "CacheNotFound", ErrorCategory.ObjectNotFound, from.Path));
        if (!ShouldProcess(to.Display, $"Copy every article, input, analysis and feed of {from.Display} into the cache")) return;
        using var source = CacheSession.Open(this, from, readOnly: true);
        using var destination = CacheSession.Open(this, to);
        try
        {
            var result = NewsCacheCopier.Copy(source, destination,
                (table, rows) => ReportProgress(Activity, $"{table}: {rows:N0} row(s) → {to.Display}"), Cancellation);
            CompleteProgress(Activity);
            WriteVerbose($"Copied {result.Articles:N0} article(s), {result.Inputs:N0} input(s), {result.Analyses:N0} analyses and {result.EntityIndexRows:N0} entity index row(s) " +
                         $"from {from.Display} to {to.Display} in {result.Elapsed.TotalSeconds:0.0} s.");
            WriteObject(result);
        }
        catch (OperationCanceledException) when (Cancellation.IsCancellationRequested)
        {
        }
        catch (NewsCacheException ex)
        {
            ThrowTerminatingError(CacheSession.ToErrorRecord(ex, ex.CachePath));
        }
        catch (ArgumentException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "CopyOntoItself", ErrorCategory.InvalidArgument, from.Display));
        }
    }
}
