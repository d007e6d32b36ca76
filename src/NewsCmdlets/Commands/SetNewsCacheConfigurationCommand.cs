using System.Management.Automation;
using NewsCmdlets.Engine.Cache;

namespace NewsCmdlets.Commands;

/// <summary>
/// Set-NewsCacheConfiguration: chooses the cache file for the session and turns the cache on or off for every cmdlet
/// that reads or computes (as if -Cache were given). Settings last until the session ends.
/// </summary>
[Cmdlet(VerbsCommon.Set, "NewsCacheConfiguration", DefaultParameterSetName = "Enabled")]
[OutputType(typeof(NewsCacheConfiguration))]
public sealed class SetNewsCacheConfigurationCommand : PSCmdlet
{
    /// <summary>The cache file (created on first use). Without it the current path stays; see -Default.</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>Goes back to the per-user default file.</summary>
    [Parameter]
    public SwitchParameter Default { get; set; }

    /// <summary>Use the cache without -Cache.</summary>
    [Parameter(ParameterSetName = "Enabled")]
    public SwitchParameter Enabled { get; set; }

    /// <summary>Use the cache only with -Cache.</summary>
    [Parameter(Mandatory = true, ParameterSetName = "Disabled")]
    public SwitchParameter Disabled { get; set; }

    /// <summary>Writes the new configuration.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void EndProcessing()
    {
        if (Default && Path != null)
            ThrowTerminatingError(new ErrorRecord(new ArgumentException("Give either -Path or -Default, not both."), "PathAndDefault", ErrorCategory.InvalidArgument, Path));
        var current = CacheSession.Get();
        string path = Default ? NewsCache.DefaultPath : Path != null ? CacheSession.ResolvePath(this, Path) : current.Path;
        if (Directory.Exists(path))
            ThrowTerminatingError(new ErrorRecord(new ArgumentException($"The cache path '{path}' is a folder. Give a file path, such as '{System.IO.Path.Combine(path, "news-cache.db")}'."),
                "CachePathIsDirectory", ErrorCategory.InvalidArgument, path));
        bool enabled = Disabled ? false : MyInvocation.BoundParameters.ContainsKey(nameof(Enabled)) ? Enabled.IsPresent : current.Enabled;
        var next = new NewsCacheConfiguration { Path = path, Enabled = enabled };
        CacheSession.Set(next);
        WriteVerbose($"Cache file: {next.Path}; {(next.Enabled ? "used by every cmdlet that reads or computes" : "used only with -Cache")}.");
        if (PassThru) WriteObject(next);
    }
}
