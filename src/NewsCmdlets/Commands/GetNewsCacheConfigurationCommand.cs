using System.Management.Automation;

namespace NewsCmdlets.Commands;

/// <summary>
/// Get-NewsCacheConfiguration: the session's cache settings, as Set-NewsCacheConfiguration left them: the cache file
/// and whether cmdlets use it without -Cache.
/// </summary>
[Cmdlet(VerbsCommon.Get, "NewsCacheConfiguration")]
[OutputType(typeof(NewsCacheConfiguration))]
public sealed class GetNewsCacheConfigurationCommand : PSCmdlet
{
    protected override void EndProcessing() => WriteObject(CacheSession.Get());
}
