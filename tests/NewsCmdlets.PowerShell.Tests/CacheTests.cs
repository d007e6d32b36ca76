using System.Management.Automation;
using static NewsCmdlets.PowerShell.Tests.PowerShellRunner;

namespace NewsCmdlets.PowerShell.Tests;

/// <summary>
/// The cache cmdlets as a user types them: Set-NewsCacheConfiguration, Get-NewsCacheInfo, Get-NewsArticle,
/// Remove-NewsArticle, Clear-NewsCache, and Import-NewsArticle -Cache. They need the cmdlets exported by the manifest.
/// </summary>
public sealed class CacheTests : IDisposable
{
    private static readonly Lazy<string?> s_missing = new(() =>
    {
        var r = Run("'Set-NewsCacheConfiguration', 'Get-NewsCacheInfo', 'Get-NewsArticle', 'Remove-NewsArticle', 'Clear-NewsCache' | " +
                    "Where-Object { -not (Get-Command $_ -Module NewsCmdlets -ErrorAction SilentlyContinue) }");
        return r.Output.Count == 0 ? null : string.Join(", ", r.Output);
    });

    private readonly string _dir;
    private string Db => Path.Combine(_dir, "cache.db");

    public CacheTests()
    {
        // Says why every test here fails while the manifest does not export the cache cmdlets yet.
        Assert.True(s_missing.Value == null, $"NewsCmdlets.psd1 does not export {s_missing.Value}: add them to CmdletsToExport (issue 8).");
        _dir = Directory.CreateTempSubdirectory("newscmdlets-cache-ps-").FullName;
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    /// <summary>Fills the cache with the samples through the engine API (independent of Import-NewsArticle -Cache).</summary>
    private string Seed =>
        $"$null = [System.Reflection.Assembly]::LoadFrom({Quote(Path.Combine(Repo.Root, "bin", "NewsCmdlets.Engine.dll"))}); " +
        $"$c = [NewsCmdlets.Engine.Cache.NewsCache]::Open({Quote(Db)}, $null); $r = [NewsCmdlets.Engine.Cache.CachedArticleReader]::new($c, 100); " +
        $"foreach ($f in [System.IO.Directory]::GetFiles({Quote(Repo.Samples)})) {{ $null = $r.ReadFile($f, [NewsCmdlets.Engine.Ingest.ArticleReadOptions]::new(), [System.Threading.CancellationToken]::None) }}; " +
        "$r.Flush(); $c.Dispose(); " +
        $"Set-NewsCacheConfiguration -CachePath {Quote(Db)}; ";

    /// <summary>A cmdlet's terminating error ends its statement; the script goes on and the error lands in the error stream.</summary>
    private static ErrorRecord Failure(RunResult r) => r.Terminating ?? Assert.Single(r.Errors);

    private static string Plain(string hostText) => System.Text.RegularExpressions.Regex.Replace(hostText, "\x1b\\[[0-9;]*m", "");

    [Fact]
    public void The_configuration_is_per_session_and_defaults_to_the_per_user_data_folder()
    {
        var set = Run($"Set-NewsCacheConfiguration -CachePath {Quote(Db)} -Enabled -PassThru; Set-NewsCacheConfiguration -Enabled:$false -PassThru");
        Assert.Empty(set.Errors);
        Assert.Equal(Db, set.Output[0].Properties["Path"].Value);
        Assert.Equal(true, set.Output[0].Properties["Enabled"].Value);
        Assert.Equal(Db, set.Output[1].Properties["Path"].Value); // -Enabled:$false keeps the path
        Assert.Equal(false, set.Output[1].Properties["Enabled"].Value);

        var fresh = Run("Set-NewsCacheConfiguration -PassThru");
        var path = (string)fresh.Single().Properties["Path"].Value;
        Assert.EndsWith(Path.Combine("NewsCmdlets", "news-cache.db"), path);
        Assert.Equal(false, fresh.Single().Properties["Enabled"].Value);
    }

    [Fact]
    public void Get_NewsCacheInfo_shows_path_counts_versions_and_the_native_library_from_the_module_folder()
    {
        var r = Run(Seed + "Get-NewsCacheInfo; Get-NewsCacheInfo | Out-Host");
        Assert.Empty(r.Errors);
        var info = r.Output[0];
        Assert.Equal(Db, info.Properties["Path"].Value);
        Assert.Equal(5L, info.Properties["Articles"].Value);
        Assert.Equal(6, info.Properties["SchemaVersion"].Value);
        Assert.StartsWith(Path.Combine(Repo.Root, "bin", "runtimes"), (string)info.Properties["NativeLibrary"].Value);
        Assert.Contains("NativeLibrary   : ", Plain(r.Host));  // the list view
        Assert.Contains("SqliteVersion   : 3.", Plain(r.Host));
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("ferry AND (")]
    [InlineData("NEAR(")]
    [InlineData("-:*")]
    public void Whatever_a_user_types_into_Search_is_never_an_error(string text)
    {
        var r = Run(Seed + "Get-NewsArticle -Search $args[0] -WarningAction SilentlyContinue | Out-Null; 'done'".Replace("$args[0]", Quote(text)));
        Assert.Empty(r.Errors);
        Assert.Null(r.Terminating);
        Assert.Equal("done", r.Output.Last().ToString());
    }

    [Fact]
    public void A_bad_raw_Query_is_a_terminating_error_that_points_to_Search()
    {
        var r = Run(Seed + "Get-NewsArticle -Query 'ferry AND ('");
        var e = Failure(r);
        Assert.Equal("InvalidFullTextQuery,NewsCmdlets.Commands.GetNewsArticleCommand", e.FullyQualifiedErrorId);
        Assert.Contains("-Search", e.Exception.Message);
        var ok = Run(Seed + "Get-NewsArticle -Query 'title:strike NOT title:ferry' | ForEach-Object Outlet");
        Assert.Empty(ok.Errors);
        Assert.Equal("The Metro Ledger", ok.Single().ToString());
    }

    [Fact]
    public void An_article_whose_stored_row_is_damaged_is_a_per_article_error_and_the_others_still_come()
    {
        // One article's record cut short, through the SQLite library the module loaded.
        var r = Run(Seed +
            $"$c = [Microsoft.Data.Sqlite.SqliteConnection]::new('Data Source={Db};Pooling=False'); $c.Open(); $cmd = $c.CreateCommand(); " +
            "$cmd.CommandText = \"SELECT id FROM articles WHERE outlet = 'Lakeside Daily'\"; $id = $cmd.ExecuteScalar(); " +
            "$cmd.CommandText = \"UPDATE articles SET record = x'0105' WHERE id = '$id'\"; $null = $cmd.ExecuteNonQuery(); $c.Dispose(); $id; " +
            "Get-NewsArticle | ForEach-Object Outlet; 'done'");
        string id = r.Output[0].ToString();
        Assert.Null(r.Terminating);
        var e = Assert.Single(r.Errors);
        Assert.Equal("CacheArticleUnreadable,NewsCmdlets.Commands.GetNewsArticleCommand", e.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ReadError, e.CategoryInfo.Category);
        Assert.Equal(id, e.TargetObject);
        Assert.Contains($"Remove-NewsArticle -Id '{id}'", e.Exception.Message);
        Assert.Equal(4, r.Output.Skip(1).Count(o => o.ToString() != "done")); // the other four
        Assert.DoesNotContain("Lakeside Daily", r.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void A_damaged_cache_file_is_a_clear_error_and_Clear_NewsCache_starts_afresh()
    {
        File.WriteAllText(Db, "not a database at all");
        var e = Failure(Run($"Get-NewsArticle -CachePath {Quote(Db)}"));
        Assert.Equal("CacheFileInvalid,NewsCmdlets.Commands.GetNewsArticleCommand", e.FullyQualifiedErrorId);
        Assert.Contains(Db, e.Exception.Message);
        Assert.Contains("Clear-NewsCache -CachePath", e.Exception.Message);

        var whatIf = Run($"Clear-NewsCache -CachePath {Quote(Db)} -WhatIf");
        Assert.True(File.Exists(Db));
        Assert.Contains("What if", whatIf.Host);
        var clear = Run($"Clear-NewsCache -CachePath {Quote(Db)} -Confirm:$false");
        Assert.Empty(clear.Errors);
        Assert.False(File.Exists(Db));
    }

    [Fact]
    public void Clear_NewsCache_has_high_impact_so_it_asks_by_default()
    {
        var r = Run("(Get-Command Clear-NewsCache).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact");
        Assert.Equal("High", r.Single().ToString());
    }

    [Fact]
    public void Get_NewsArticle_without_a_cache_file_says_how_to_make_one()
    {
        var e = Failure(Run($"Get-NewsArticle -CachePath {Quote(Path.Combine(_dir, "none.db"))}"));
        Assert.Equal("CacheNotFound,NewsCmdlets.Commands.GetNewsArticleCommand", e.FullyQualifiedErrorId);
        Assert.Contains("-Cache", e.Exception.Message);
        Assert.False(File.Exists(Path.Combine(_dir, "none.db")));
    }

}
