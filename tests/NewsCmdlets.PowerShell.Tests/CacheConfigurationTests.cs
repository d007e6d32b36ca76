using static NewsCmdlets.PowerShell.Tests.PowerShellRunner;

namespace NewsCmdlets.PowerShell.Tests;

/// <summary>
/// Issue 29: the cache's settings can be read back (Get-NewsCacheConfiguration), the cache file is -CachePath on every
/// cmdlet that takes one (the old -Path still binds), and one switch turns the cache on and off (-Enabled,
/// -Enabled:$false) instead of two.
/// </summary>
public sealed class CacheConfigurationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("newscmdlets-cacheconfig-").FullName;
    private string Db => Path.Combine(_dir, "news.db");

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void Get_NewsCacheConfiguration_shows_what_Set_NewsCacheConfiguration_left()
    {
        var r = Run($@"Get-NewsCacheConfiguration
            Set-NewsCacheConfiguration -CachePath {Quote(Db)} -Enabled
            Get-NewsCacheConfiguration
            Set-NewsCacheConfiguration -Enabled:$false
            Get-NewsCacheConfiguration");
        Assert.Empty(r.Errors);
        Assert.Equal(3, r.Output.Count);
        Assert.All(r.Output, o => Assert.Equal("NewsCmdlets.NewsCacheConfiguration", o.BaseObject.GetType().FullName));
        Assert.Equal(false, r.Output[0].Properties["Enabled"].Value);
        Assert.Equal(true, r.Output[0].Properties["IsDefaultPath"].Value);
        Assert.Equal(Db, r.Output[1].Properties["Path"].Value);
        Assert.Equal(true, r.Output[1].Properties["Enabled"].Value);
        Assert.Equal(Db, r.Output[2].Properties["Path"].Value); // -Enabled:$false keeps the file
        Assert.Equal(false, r.Output[2].Properties["Enabled"].Value);
    }

    [Fact]
    public void Enabled_is_the_one_switch_that_turns_the_cache_on_and_off()
    {
        // There were two, -Enabled and -Disabled, in two parameter sets; -Disabled is now hidden (kept for old scripts).
        var syntax = Run("Get-Command Set-NewsCacheConfiguration -Syntax | Out-String");
        string text = string.Join("", syntax.Output);
        Assert.Contains("-Enabled", text);
        var help = Run("(Get-Help Set-NewsCacheConfiguration).syntax | Out-String -Width 300");
        Assert.DoesNotContain("-Disabled", string.Join("", help.Output));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "Set-NewsCacheConfiguration")); // one parameter set

        var r = Run($"Set-NewsCacheConfiguration -CachePath {Quote(Db)} -Enabled; (Get-NewsCacheConfiguration).Enabled; " +
                    "Set-NewsCacheConfiguration; (Get-NewsCacheConfiguration).Enabled; " + // not given: unchanged
                    "Set-NewsCacheConfiguration -Enabled:$false; (Get-NewsCacheConfiguration).Enabled");
        Assert.Empty(r.Errors);
        Assert.Equal(new object[] { true, true, false }, r.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void The_old_Disabled_switch_still_turns_the_cache_off_with_a_warning()
    {
        // Scripts written for the two switches keep working; the help and completion show only -Enabled.
        var r = Run($"Set-NewsCacheConfiguration -CachePath {Quote(Db)} -Enabled; Set-NewsCacheConfiguration -Disabled; (Get-NewsCacheConfiguration).Enabled");
        Assert.Empty(r.Errors);
        Assert.Equal(new object[] { false }, r.Output.Select(o => o.BaseObject));
        Assert.Contains(r.Warnings, w => w.Message.Contains("-Enabled:$false"));
        var both = Run("Set-NewsCacheConfiguration -Enabled -Disabled");
        Assert.Contains(both.Errors, e => e.FullyQualifiedErrorId.StartsWith("EnabledAndDisabled", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_cmdlet_that_takes_a_cache_file_calls_it_CachePath_and_the_old_Path_still_binds()
    {
        var r = Run(@"foreach ($c in Get-Command -Module NewsCmdlets) {
                if ($c.Parameters.ContainsKey('CachePath')) { '{0}: {1}' -f $c.Name, (($c.Parameters['CachePath'].Aliases | Sort-Object) -join ',') }
            }");
        Assert.Empty(r.Errors);
        Assert.Equal(new[]
        {
            "Clear-NewsCache: Path",
            "Get-NewsArticle: ",
            "Get-NewsCacheInfo: Path",
            "Remove-NewsArticle: ",
            "Set-NewsCacheConfiguration: Path",
        }, r.Output.Select(o => o.ToString()).OrderBy(s => s, StringComparer.Ordinal));

        // The old name, as scripts written for it use it.
        var old = Run($@"Set-NewsCacheConfiguration -Path {Quote(Db)}
            Import-NewsArticle {Quote(Path.Combine(Repo.Samples, "*.txt"))} -Cache | Out-Null
            (Get-NewsCacheInfo -Path {Quote(Db)}).Articles
            Clear-NewsCache -Path {Quote(Db)} -Confirm:$false
            Test-Path {Quote(Db)}");
        Assert.Empty(old.Errors);
        Assert.Equal(new object[] { 4L, false }, old.Output.Select(o => o.BaseObject));
    }
}
