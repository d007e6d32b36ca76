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

    [Fact]
    public void Get_NewsArticle_filters_by_outlet_date_and_full_text()
    {
        var r = Run(Seed +
            "Get-NewsArticle -Outlet 'lakeside*' | ForEach-Object Outlet; '--'; " +
            "Get-NewsArticle -Since '2026-03-15' | ForEach-Object Outlet; '--'; " +
            "Get-NewsArticle -Search 'counts the cost' | ForEach-Object Outlet; '--'; " +
            "@(Get-NewsArticle -First 2).Count");
        Assert.Empty(r.Errors);
        var lines = r.Output.Select(o => o.ToString()).ToList();
        Assert.Equal(new[] { "Lakeside Daily", "--" }, lines.Take(2));
        int second = lines.IndexOf("--");
        var since = lines.Skip(second + 1).TakeWhile(l => l != "--").ToList();
        Assert.Equal(new[] { "The Island Gazette", "The Metro Ledger" }.OrderBy(x => x), since.OrderBy(x => x));
        Assert.Contains("The Island Gazette", lines);
        Assert.Equal("2", lines[^1]);
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
    public void Remove_NewsArticle_honours_WhatIf_takes_piped_articles_and_reports_unknown_ids()
    {
        var r = Run(Seed +
            "Get-NewsArticle -Outlet 'Lakeside Daily' | Remove-NewsArticle -WhatIf; (Get-NewsCacheInfo).Articles; " +
            "Get-NewsArticle -Outlet 'Lakeside Daily' | Remove-NewsArticle -Confirm:$false; (Get-NewsCacheInfo).Articles; " +
            "@(Get-NewsArticle -Outlet 'Lakeside Daily').Count; Remove-NewsArticle -Id 'nosuchid' -Confirm:$false");
        Assert.Equal(new object[] { 5L, 4L, 0 }, r.Output.Select(o => o.BaseObject));
        Assert.Equal("ArticleNotFound,NewsCmdlets.Commands.RemoveNewsArticleCommand", Assert.Single(r.Errors).FullyQualifiedErrorId);
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

    /// <summary>Needs Import-NewsArticle -Cache (wired by the lead through CachedArticleReader).</summary>
    [Fact]
    public void Import_NewsArticle_with_Cache_keeps_articles_and_reads_unchanged_files_from_the_cache()
    {
        string samples = Path.Combine(Repo.Samples, "*.txt");
        var first = Run($"Set-NewsCacheConfiguration -CachePath {Quote(Db)}; Import-NewsArticle {Quote(samples)} -Cache | ForEach-Object Id");
        Assert.Empty(first.Errors);
        var second = Run($"Set-NewsCacheConfiguration -CachePath {Quote(Db)} -Enabled; Import-NewsArticle {Quote(samples)} -Verbose | ForEach-Object Id");
        Assert.Empty(second.Errors);
        Assert.Equal(first.Output.Select(o => o.ToString()), second.Output.Select(o => o.ToString()));
        Assert.Contains(second.Verbose, v => v.Message.Contains("from the cache"));
        var info = Run($"(Get-NewsCacheInfo -CachePath {Quote(Db)}).Articles");
        Assert.Equal(4L, info.Single().BaseObject);
    }
}
