using static NewsCmdlets.PowerShell.Tests.PowerShellRunner;

namespace NewsCmdlets.PowerShell.Tests;

/// <summary>Tab completion through the engine's own completion entry point (TabExpansion2), as at a prompt.</summary>
public sealed class CompletionTests
{
    private static List<string> Complete(string setup, string line)
    {
        var r = Run($"{setup}; (TabExpansion2 -inputScript {Quote(line)} -cursorColumn {line.Length}).CompletionMatches | ForEach-Object CompletionText");
        Assert.Empty(r.Errors);
        return r.Output.Select(o => o.ToString()!).ToList();
    }

    [Fact]
    public void Outlet_completes_from_the_articles_of_the_session_quoted_when_needed()
    {
        var setup = $"Import-NewsArticle {Quote(Path.Combine(Repo.Samples, "*.txt"))} | Out-Null";
        var all = Complete(setup, "Get-NewsArticle -Outlet ");
        Assert.Contains("'The Harbour Courier'", all);
        Assert.Contains("'Lakeside Daily'", all);
        var some = Complete(setup, "Import-NewsArticle -Content x -Outlet Lake");
        Assert.Equal(new[] { "'Lakeside Daily'" }, some);
    }

    [Fact]
    public void Outlet_completes_from_the_cache_named_on_the_line()
    {
        string dir = Directory.CreateTempSubdirectory("newscmdlets-complete-").FullName;
        try
        {
            string cache = Path.Combine(dir, "c.db");
            // A separate runspace imports into the cache; the completing one has seen no articles of that outlet.
            var imp = Run($"Set-NewsCacheConfiguration -CachePath {Quote(cache)} -Enabled; " +
                          "Import-NewsArticle -Content 'A long enough story about the harbour. It has two sentences at least.' -Outlet 'The Quillmoor Tide' | Out-Null");
            Assert.Empty(imp.Errors);
            var found = Complete("$x = 1", $"Get-NewsArticle -CachePath {cache} -Outlet Quill");
            Assert.Contains("'The Quillmoor Tide'", found);
        }
        finally { try { Directory.Delete(dir, true); } catch (IOException) { } }
    }

    [Fact]
    public void StoryId_completes_the_stories_written_in_the_session()
    {
        var setup = $"$s = Import-NewsArticle {Quote(Path.Combine(Repo.Samples, "*"))} | Group-NewsArticle";
        var r = Run($"{setup}; $s.Id; '---'; (TabExpansion2 -inputScript 'Compare-NewsCoverage -StoryId s' -cursorColumn 31).CompletionMatches | ForEach-Object CompletionText");
        Assert.Empty(r.Errors);
        var lines = r.Output.Select(o => o.ToString()!).ToList();
        int sep = lines.IndexOf("---");
        Assert.NotEmpty(lines.Take(sep));
        foreach (var id in lines.Take(sep)) Assert.Contains(id, lines.Skip(sep + 1));
    }
}
