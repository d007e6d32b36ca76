using NewsCmdlets.TestSupport;
using static NewsCmdlets.PowerShell.Tests.PowerShellRunner;

namespace NewsCmdlets.PowerShell.Tests;

/// <summary>
/// The cache cmdlets as a user types them, the same on both stores: Get-NewsArticle, Remove-NewsArticle,
/// Get-NewsCacheInfo and Import-NewsArticle -Cache (on SQLite here, on PostgreSQL in <see cref="CacheCmdletTestsOnPostgres"/>).
/// </summary>
public class CacheCmdletTests : CacheStoreCase
{
    /// <summary>Fills the cache with the samples through the engine API (independent of Import-NewsArticle -Cache).</summary>
    private const string Seed =
        "$c = Open-TestCache; $r = [NewsCmdlets.Engine.Cache.CachedArticleReader]::new($c, 100); " +
        "foreach ($f in [System.IO.Directory]::GetFiles($__samples)) { $null = $r.ReadFile($f, [NewsCmdlets.Engine.Ingest.ArticleReadOptions]::new(), [System.Threading.CancellationToken]::None) }; " +
        "$r.Flush(); $c.Dispose(); Use-TestCache; ";

    private RunResult RunCase(string script) => base.RunCase(script, new Dictionary<string, object?> { ["__samples"] = Repo.Samples });

    [StoreFact]
    public void Get_NewsArticle_filters_by_outlet_date_and_full_text()
    {
        var r = RunCase(Seed +
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

    [StoreFact]
    public void Remove_NewsArticle_honours_WhatIf_takes_piped_articles_and_reports_unknown_ids()
    {
        var r = RunCase(Seed +
            "Get-NewsArticle -Outlet 'Lakeside Daily' | Remove-NewsArticle -WhatIf; (Get-NewsCacheInfo).Articles; " +
            "Get-NewsArticle -Outlet 'Lakeside Daily' | Remove-NewsArticle -Confirm:$false; (Get-NewsCacheInfo).Articles; " +
            "@(Get-NewsArticle -Outlet 'Lakeside Daily').Count; Remove-NewsArticle -Id 'nosuchid' -Confirm:$false");
        Assert.Equal(new object[] { 5L, 4L, 0 }, r.Output.Select(o => o.BaseObject));
        Assert.Equal("ArticleNotFound,NewsCmdlets.Commands.RemoveNewsArticleCommand", Assert.Single(r.Errors).FullyQualifiedErrorId);
    }

    /// <summary>Needs Import-NewsArticle -Cache (wired by the lead through CachedArticleReader).</summary>
    [StoreFact]
    public void Import_NewsArticle_with_Cache_keeps_articles_and_reads_unchanged_files_from_the_cache()
    {
        string samples = Path.Combine(Repo.Samples, "*.txt");
        var first = RunCase($"Use-TestCache; Import-NewsArticle {Quote(samples)} -Cache | ForEach-Object Id");
        Assert.Empty(first.Errors);
        var second = RunCase($"Use-TestCache -Enabled; Import-NewsArticle {Quote(samples)} -Verbose | ForEach-Object Id");
        Assert.Empty(second.Errors);
        Assert.Equal(first.Output.Select(o => o.ToString()), second.Output.Select(o => o.ToString()));
        Assert.Contains(second.Verbose, v => v.Message.Contains("from the cache"));
        var info = RunCase("Use-TestCache; (Get-NewsCacheInfo).Articles");
        Assert.Equal(4L, info.Single().BaseObject);
    }

    [StoreFact]
    public void Copy_NewsCache_moves_a_corpus_from_a_file_into_the_cache_and_back_out_unchanged()
    {
        string source = Path.Combine(Dir, "source.db"), back = Path.Combine(Dir, "back.db");
        string samples = Path.Combine(Repo.Samples, "*.txt");
        string dump = "Get-NewsArticle | Sort-Object Id | ForEach-Object { $_.Id, $_.Title, $_.Outlet, $_.Published, $_.Authors, $_.Body, $_.Paragraphs.Count, $_.Sources -join '|' }";
        var r = RunCase($"""
            Set-NewsCacheConfiguration -CachePath {Quote(source)}
            Import-NewsArticle {Quote(samples)} -Cache | Get-NewsEntity -Cache | Out-Null
            $before = ({dump}) -join "`n"
            Use-TestCache
            $in = Copy-NewsCache -FromPath {Quote(source)} -Confirm:$false
            $in.Articles; $in.RawSources; $in.Inputs; $in.Analyses; ($in.EntityIndexRows -gt 0)
            $inCache = ({dump}) -join "`n"
            $inCache -eq $before
            @(Get-NewsArticle -Entity 'Westmere').Count -gt 0
            $out = Copy-NewsCache -ToPath {Quote(back)} -Confirm:$false
            $out.Articles
            Set-NewsCacheConfiguration -CachePath {Quote(back)}
            (({dump}) -join "`n") -eq $before
            @(Import-NewsArticle {Quote(samples)} -Cache -Verbose 4>&1 | Where-Object -Property Message -Like '*from the cache*').Count
            """);
        Assert.Empty(r.Errors);
        Assert.Equal(new object[] { 4L, 4L, 4L, 4L, true, true, true, 4L, true, 4 }, r.Output.Select(o => o.BaseObject));
    }
}

/// <summary>The shared cases of <see cref="CacheCmdletTests"/> against a PostgreSQL server.</summary>
public sealed class CacheCmdletTestsOnPostgres : CacheCmdletTests, IRunsOnPostgres;
