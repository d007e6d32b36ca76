using System.Management.Automation;
using NewsCmdlets.Engine.Cache;

namespace NewsCmdlets.Commands;

/// <summary>
/// Set-NewsCacheConfiguration: chooses the cache file for the session and turns the cache on (-Enabled) or off
/// (-Enabled:$false) for every cmdlet that reads or computes (as if -Cache were given). Settings last until the
/// session ends; Get-NewsCacheConfiguration shows them.
/// </summary>
[Cmdlet(VerbsCommon.Set, "NewsCacheConfiguration")]
[OutputType(typeof(NewsCacheConfiguration))]
public sealed class SetNewsCacheConfigurationCommand : PSCmdlet
{
    /// <summary>The cache file (created on first use). Without it the current path stays; see -Default. -Path is its old name.</summary>
    [Parameter(Position = 0)]
    [Alias("Path")]
    [ValidateNotNullOrEmpty]
    public string? CachePath { get; set; }

    /// <summary>Goes back to the per-user default file.</summary>
    [Parameter]
    public SwitchParameter Default { get; set; }

    /// <summary>-Enabled: use the cache without -Cache. -Enabled:$false: only with -Cache. Not given: unchanged.</summary>
    [Parameter]
    public SwitchParameter Enabled { get; set; }

    /// <summary>The old way to say -Enabled:$false, kept so that scripts written for it still work (with a warning);
    /// hidden from completion and help.</summary>
    [Parameter(DontShow = true)]
    public SwitchParameter Disabled { get; set; }

    /// <summary>Writes the new configuration.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void EndProcessing()
    {
        if (Default && CachePath != null)
            ThrowTerminatingError(new ErrorRecord(new ArgumentException("Give either -CachePath or -Default, not both."), "PathAndDefault", ErrorCategory.InvalidArgument, CachePath));
        var current = CacheSession.Get();
        string path = Default ? NewsCache.DefaultPath : CachePath != null ? CacheSession.ResolvePath(this, CachePath) : current.Path;
        if (Directory.Exists(path))
            ThrowTerminatingError(new ErrorRecord(new ArgumentException($"The cache path '{path}' is a folder. Give a file path, such as '{System.IO.Path.Combine(path, "news-cache.db")}'."),
                "CachePathIsDirectory", ErrorCategory.InvalidArgument, path));
        if (Disabled && Enabled)
            ThrowTerminatingError(new ErrorRecord(new ArgumentException("Give either -Enabled or -Disabled, not both; -Enabled:$false turns the cache off."), "EnabledAndDisabled", ErrorCategory.InvalidArgument, null));
        if (MyInvocation.BoundParameters.ContainsKey(nameof(Disabled)))
            WriteWarning("-Disabled is deprecated: use -Enabled:$false.");
        bool enabled = MyInvocation.BoundParameters.ContainsKey(nameof(Enabled)) ? Enabled.IsPresent
            : Disabled ? false : current.Enabled;
        var next = new NewsCacheConfiguration { Path = path, Enabled = enabled };
        CacheSession.Set(next);
        WriteVerbose($"Cache file: {next.Path}; {(next.Enabled ? "used by every cmdlet that reads or computes" : "used only with -Cache")}.");
        if (PassThru) WriteObject(next);
    }
}
