using static NewsCmdlets.PowerShell.Tests.PowerShellRunner;

namespace NewsCmdlets.PowerShell.Tests;

/// <summary>
/// Issue 29: files piped from Get-ChildItem into Get-NewsEntity or Get-NewsQuote are read as articles (they used to
/// bind to -Text as their path string, so the file's name was analysed and nothing came out), as are -Path and
/// -LiteralPath.
/// </summary>
public sealed class AnalysisFileInputTests
{
    private static readonly string Txt = Path.Combine(Repo.Samples, "*.txt");

    [Theory]
    [InlineData("Get-NewsEntity", "Name")]
    [InlineData("Get-NewsQuote", "Text")]
    public void Files_from_Get_ChildItem_give_what_the_imported_articles_give(string cmdlet, string property)
    {
        var fromFiles = Run($"Get-ChildItem {Quote(Txt)} | {cmdlet} | ForEach-Object {{ $_.Outlet + '|' + $_.{property} }}");
        var fromPath = Run($"{cmdlet} -Path {Quote(Txt)} | ForEach-Object {{ $_.Outlet + '|' + $_.{property} }}");
        var fromArticles = Run($"Import-NewsArticle {Quote(Txt)} | {cmdlet} | ForEach-Object {{ $_.Outlet + '|' + $_.{property} }}");
        Assert.Empty(fromFiles.Errors);
        Assert.Empty(fromPath.Errors);
        Assert.True(fromArticles.Output.Count > 8, $"only {fromArticles.Output.Count} results from the articles");
        var expected = fromArticles.Output.Select(o => o.ToString()).ToList();
        Assert.Equal(expected, fromFiles.Output.Select(o => o.ToString()));
        Assert.Equal(expected, fromPath.Output.Select(o => o.ToString()));
        Assert.Equal(4, expected.Select(e => e.Split('|')[0]).Distinct().Count()); // every sample outlet, not a file name
    }

    [Fact]
    public void A_file_that_is_no_article_is_Import_NewsArticle_s_error_and_the_others_are_analysed()
    {
        string dir = Directory.CreateTempSubdirectory("newscmdlets-analysisfiles-").FullName;
        try
        {
            File.Copy(Path.Combine(Repo.Samples, "lakeside-daily-ferry-strike.txt"), Path.Combine(dir, "a.txt"));
            File.WriteAllText(Path.Combine(dir, "empty.txt"), "  \n");
            var r = Run($"Get-ChildItem {Quote(dir)} | Get-NewsQuote | ForEach-Object Outlet | Sort-Object -Unique; " +
                        $"Get-NewsEntity -LiteralPath {Quote(Path.Combine(dir, "missing.txt"))}");
            Assert.Equal("Lakeside Daily", r.Single().ToString());
            Assert.Equal(new[] { "EmptyFile,NewsCmdlets.Commands.GetNewsQuoteCommand", "PathNotFound,NewsCmdlets.Commands.GetNewsEntityCommand" },
                r.Errors.Select(e => e.FullyQualifiedErrorId));
            Assert.EndsWith("empty.txt", r.Errors[0].TargetObject.ToString());
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Strings_still_bind_to_Text()
    {
        var r = Run("'Mayor Ilse Varga opened the bridge in Corvale on Monday.' | Get-NewsEntity -Type Person | ForEach-Object Name");
        Assert.Empty(r.Errors);
        Assert.Equal("Ilse Varga", r.Single().ToString());
    }
}
