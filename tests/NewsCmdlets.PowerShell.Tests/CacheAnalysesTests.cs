using NewsCmdlets.TestSupport;
using static NewsCmdlets.PowerShell.Tests.PowerShellRunner;

namespace NewsCmdlets.PowerShell.Tests;

/// <summary>
/// Get-NewsEntity -Cache and Get-NewsQuote -Cache as a user types them: analyses kept per article and analyser
/// version, reused on the next call, recomputed for another version; the entity index behind Get-NewsArticle -Entity.
/// </summary>
public class CacheAnalysesTests : CacheStoreCase
{
    private static string Samples => Path.Combine(Repo.Samples, "*.txt");

    private static (int Reused, int Computed) Counts(RunResult r, int nth = 0)
    {
        var lines = r.Verbose.Select(v => v.Message).Where(m => m.StartsWith("Reused ", StringComparison.Ordinal)).ToList();
        Assert.True(lines.Count > nth, "no 'Reused N cached analyses' verbose message: " + string.Join(" | ", r.Verbose.Select(v => v.Message)));
        var m = System.Text.RegularExpressions.Regex.Match(lines[nth], @"^Reused (\d+) cached analyses; computed (\d+)");
        Assert.True(m.Success, lines[nth]);
        return (int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value));
    }

    [StoreFact]
    public void Entities_are_computed_once_reused_after_and_fill_the_index_that_Get_NewsArticle_Entity_searches()
    {
        string setup = "Use-TestCache; ";
        var first = RunCase(setup + $"Import-NewsArticle {Quote(Samples)} -Cache | Get-NewsEntity -Cache -Type Person -Verbose | ForEach-Object {{ $_.ArticleId + '|' + $_.Name + '|' + $_.Mentions }}");
        Assert.Empty(first.Errors);
        int articles = Directory.GetFiles(Repo.Samples, "*.txt").Length;
        Assert.Equal((0, articles), Counts(first));
        Assert.NotEmpty(first.Output);

        var second = RunCase(setup + $"Import-NewsArticle {Quote(Samples)} -Cache | Get-NewsEntity -Cache -Type Person -Verbose | ForEach-Object {{ $_.ArticleId + '|' + $_.Name + '|' + $_.Mentions }}");
        Assert.Empty(second.Errors);
        Assert.Equal((articles, 0), Counts(second));
        Assert.Equal(first.Output.Select(o => o.ToString()), second.Output.Select(o => o.ToString()));

        // The entity index: the articles that name a person, found without analysing anything.
        string person = first.Output[0].ToString()!.Split('|')[1];
        var expected = first.Output.Select(o => o.ToString()!.Split('|')).Where(p => p[1] == person).Select(p => p[0]).Distinct().OrderBy(x => x).ToList();
        var found = RunCase(setup + $"Get-NewsArticle -Entity {Quote(person.ToLowerInvariant())} | ForEach-Object Id");
        Assert.Empty(found.Errors);
        Assert.Equal(expected, found.Output.Select(o => o.ToString()!).OrderBy(x => x).ToList());
    }

    [StoreFact]
    public void Compare_NewsCoverage_Cache_reuses_the_entities_Get_NewsEntity_kept_then_its_own_quotes_and_gives_the_same_comparison()
    {
        string setup = $"Use-TestCache; $a = Import-NewsArticle {Quote(Samples)}; ";
        string items = " | ForEach-Object { [string]$_.Kind + '|' + $_.Status + '|' + $_.Key + '|' + $_.Outlets + '|' + $_.Values }";
        var plain = RunCase(setup + "$a | Compare-NewsCoverage" + items);
        Assert.Empty(plain.Errors);
        Assert.NotEmpty(plain.Output);

        // Entities kept by Get-NewsEntity are reused; quotes are found with them (Get-NewsQuote's, found without
        // entities, are not the same analysis) and kept for the next comparison.
        var first = RunCase(setup + "$a | Get-NewsEntity -Cache | Out-Null; $a | Get-NewsQuote -Cache | Out-Null; $a | Compare-NewsCoverage -Cache -Verbose" + items);
        Assert.Empty(first.Errors);
        var (reused, computed) = Counts(first);
        Assert.True(reused >= 2, $"reused {reused}"); // at least the two outlets compared
        Assert.Equal(reused, computed);
        Assert.Equal(plain.Output.Select(o => o.ToString()), first.Output.Select(o => o.ToString()));

        var second = RunCase(setup + "$a | Compare-NewsCoverage -Cache -Verbose" + items);
        Assert.Empty(second.Errors);
        Assert.Equal((2 * reused, 0), Counts(second));
        Assert.Equal(plain.Output.Select(o => o.ToString()), second.Output.Select(o => o.ToString()));

        // Get-NewsQuote still reuses its own quotes.
        var quotes = RunCase(setup + "$a | Get-NewsQuote -Cache -Verbose | Out-Null");
        Assert.Equal(0, Counts(quotes).Computed);
    }

    [StoreFact]
    public void Another_analyser_version_recomputes()
    {
        string setup = "Use-TestCache; ";
        var first = RunCase(setup + $"Import-NewsArticle {Quote(Samples)} -Cache | Get-NewsEntity -Cache -Verbose | Out-Null");
        Assert.Empty(first.Errors);
        int articles = Counts(first).Computed;
        Assert.True(articles > 0);
        // What an older module left behind: the same analyses under another analyser version.
        var aged = RunCase(
            "$c = Open-TestCache; " +
            "$v = [NewsCmdlets.Engine.Cache.CachedAnalyses]::EntitiesVersion; " +
            "foreach ($a in $c.Query([NewsCmdlets.Engine.Cache.NewsArticleQuery]::new())) { " +
            "  $p = $c.GetAnalysis($a.Id, 'entities', $v); if ($p) { $c.PutAnalysis($a.Id, 'entities', 'entities 0.0.1-older', $p); 'aged' } }; $c.Dispose()");
        Assert.Empty(aged.Errors);
        Assert.Equal(articles, aged.Output.Count);

        var again = RunCase(setup + $"Import-NewsArticle {Quote(Samples)} -Cache | Get-NewsEntity -Cache -Verbose | Out-Null");
        Assert.Empty(again.Errors);
        Assert.Equal((0, articles), Counts(again));
        var third = RunCase(setup + $"Import-NewsArticle {Quote(Samples)} -Cache | Get-NewsEntity -Cache -Verbose | Out-Null");
        Assert.Equal((articles, 0), Counts(third));
    }

    [StoreFact]
    public void With_the_session_cache_enabled_quotes_are_reused_without_Cache_and_Cache_false_turns_it_off()
    {
        string setup = "Use-TestCache -Enabled; ";
        var r = RunCase(setup +
            $"$q1 = Import-NewsArticle {Quote(Samples)} | Get-NewsQuote -Verbose; " +
            $"$q2 = Import-NewsArticle {Quote(Samples)} | Get-NewsQuote -Verbose; " +
            $"$a2 = Import-NewsArticle {Quote(Samples)} | Get-NewsQuote -Attribution -Verbose; " +
            $"$q3 = Import-NewsArticle {Quote(Samples)} | Get-NewsQuote -Cache:$false -Verbose; " +
            "($q1 | ForEach-Object { $_.Speaker + ': ' + $_.Text }) -join \"`n\"; ($q2 | ForEach-Object { $_.Speaker + ': ' + $_.Text }) -join \"`n\"; " +
            "($q3 | ForEach-Object { $_.Speaker + ': ' + $_.Text }) -join \"`n\"; @($a2).Count");
        Assert.Empty(r.Errors);
        int articles = Directory.GetFiles(Repo.Samples, "*.txt").Length;
        Assert.Equal((0, articles), Counts(r, 0));
        Assert.Equal((articles, 0), Counts(r, 1));
        Assert.Equal((articles, 0), Counts(r, 2)); // one analysis serves quotes and attributions
        Assert.Equal(3, r.Verbose.Count(v => v.Message.StartsWith("Reused ", StringComparison.Ordinal))); // -Cache:$false: no cache
        Assert.NotEqual("", r.Output[0].ToString());
        Assert.Equal(r.Output[0].ToString(), r.Output[1].ToString());
        Assert.Equal(r.Output[0].ToString(), r.Output[2].ToString());
        Assert.True((int)r.Output[3].BaseObject > 0);
    }
}

/// <summary>The shared cases of <see cref="CacheAnalysesTests"/> against a PostgreSQL server.</summary>
public sealed class CacheAnalysesTestsOnPostgres : CacheAnalysesTests, IRunsOnPostgres;

/// <summary>What is about the SQLite file itself.</summary>
public sealed class CacheAnalysesFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("newscmdlets-analyses-ps-").FullName;
    private string Db => Path.Combine(_dir, "cache.db");

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void Get_NewsEntity_Text_is_not_cached_and_Cache_is_not_offered_with_it()
    {
        var r = Run($"Set-NewsCacheConfiguration -CachePath {Quote(Db)} -Enabled; Get-NewsEntity -Text 'Mayor Ilse Varga spoke in Corvale.' -Verbose | Out-Null; " +
                    $"[System.IO.File]::Exists({Quote(Db)})");
        Assert.True(r.Errors.Count == 0, string.Join(" | ", r.Errors.Select(e => e.FullyQualifiedErrorId + ": " + e)));
        Assert.DoesNotContain(r.Verbose, v => v.Message.StartsWith("Reused ", StringComparison.Ordinal));
        Assert.Equal(false, r.Single().BaseObject);
        var bad = Run("Get-NewsEntity -Text 'x' -Cache");
        var e = bad.Terminating ?? Assert.Single(bad.Errors);
        Assert.Equal("AmbiguousParameterSet,NewsCmdlets.Commands.GetNewsEntityCommand", e.FullyQualifiedErrorId);
    }
}
