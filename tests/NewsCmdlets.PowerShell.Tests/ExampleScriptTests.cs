using System.Management.Automation.Language;
using static NewsCmdlets.PowerShell.Tests.PowerShellRunner;

namespace NewsCmdlets.PowerShell.Tests;

/// <summary>
/// Issue 10: the scripts in examples/ that users copy. Each parses, and runs on the samples in the real PowerShell,
/// writing files with the content it promises.
/// </summary>
public sealed class ExampleScriptTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("newscmdlets-examples-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private static string ScriptPath(string name) => Path.Combine(Repo.Root, "examples", name);

    public static TheoryData<string> Scripts() => new(Directory.GetFiles(Path.Combine(Repo.Root, "examples"), "*.ps1").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Script_parses_and_has_help(string name)
    {
        var ast = Parser.ParseFile(ScriptPath(name), out _, out var errors);
        Assert.True(errors.Length == 0, string.Join("\n", errors.Select(e => $"{e.Extent.StartLineNumber}: {e.Message}")));
        var help = ast.GetHelpContent();
        Assert.NotNull(help);
        Assert.False(string.IsNullOrWhiteSpace(help.Synopsis));
        Assert.NotEmpty(help.Examples);
        foreach (var p in ast.ParamBlock!.Parameters)
            Assert.True(help.Parameters.ContainsKey(p.Name.VariablePath.UserPath.ToUpperInvariant()), $"{name}: .PARAMETER {p.Name} is missing");
    }

    private RunResult RunScript(string script)
    {
        var r = Run($"$null = $ExecutionContext.SessionState.Path.SetLocation({Quote(_dir)}); " + script);
        Assert.True(r.Terminating == null, r.Terminating?.ToString());
        Assert.True(r.Errors.Count == 0, string.Join("\n", r.Errors.Select(e => e.FullyQualifiedErrorId + ": " + e)));
        return r;
    }

    private static string Feed(string title, params (string File, string Title, string Date)[] items)
    {
        string Html(string file) => string.Join("", File.ReadAllLines(Path.Combine(Repo.Samples, file))
            .Where(l => l.Length > 60 && !l.StartsWith("date ", StringComparison.Ordinal))
            .Select(l => "<p>" + System.Net.WebUtility.HtmlEncode(l) + "</p>"));
        var xml = string.Join("\n", items.Select(i => $"""
            <item><title>{System.Net.WebUtility.HtmlEncode(i.Title)}</title>
              <link>https://example.org/{Path.GetFileNameWithoutExtension(i.File)}</link><guid>{i.File}</guid>
              <pubDate>{i.Date}</pubDate><content:encoded><![CDATA[{Html(i.File)}]]></content:encoded></item>
            """));
        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
            <title>{title}</title><link>https://example.org/</link>
            {xml}
            </channel></rss>
            """;
    }

    [Fact]
    public void Morning_digest_lists_the_stories_of_saved_feeds_most_covered_first()
    {
        File.WriteAllText(Path.Combine(_dir, "courier.xml"), Feed("The Harbour Courier",
            ("harbour-courier-ferry-strike.txt", "Westmere ferry crews walk out, stranding island commuters", "Sat, 14 Mar 2026 09:05:00 +0000"),
            ("more-stories/harbour-courier-library-fire.txt", "Fire destroys Westmere's old library reading room", "Sun, 15 Mar 2026 19:40:00 +0000"),
            ("more-stories/island-gazette-ferry-strike-2024.txt", "Skerry ferry strike ends after three days", "Sun, 02 Jun 2024 10:00:00 +0000")));
        File.WriteAllText(Path.Combine(_dir, "metro.xml"), Feed("The Metro Ledger",
            ("metro-ledger-ferry-strike.txt", "The strike that shows how fragile island life has become.", "Sun, 15 Mar 2026 08:00:00 +0000")));

        var r = RunScript($"& {Quote(ScriptPath("Get-MorningDigest.ps1"))} -Path ./courier.xml, ./metro.xml -UseFeedContent -Hours 72 -Now '2026-03-16T12:00:00Z' -OutFile ./digest.md");

        Assert.Equal(2, r.Output.Count); // the 2024 item is outside the 72 hours
        string md = File.ReadAllText(Path.Combine(_dir, "digest.md"));
        Assert.StartsWith("# Morning digest, Monday 16 March 2026", md);
        Assert.Contains("2 stories from 3 articles", md);
        int strike = md.IndexOf("## 1. ", StringComparison.Ordinal);
        int fire = md.IndexOf("## 2. Fire destroys Westmere's old library reading room", StringComparison.Ordinal);
        Assert.True(strike >= 0 && fire > strike, md);
        string first = md[strike..fire];
        Assert.Contains("- Independent outlets: 2 (2 articles)", first);
        Assert.Contains("The Harbour Courier", first);
        Assert.Contains("The Metro Ledger", first);
        Assert.Contains("- Top entities: ", first);
        Assert.Contains("Carrow Island", first);
        Assert.Contains("(https://example.org/harbour-courier-ferry-strike)", first);
        Assert.DoesNotContain("Skerry", md);
    }

    [Fact]
    public void Story_comparison_exports_items_and_outlets_to_clean_csv_and_a_report()
    {
        var r = RunScript($"& {Quote(ScriptPath("Export-StoryComparison.ps1"))} -Path ./samples/* -Name ferry-strike -Report".Replace("./samples", Repo.Samples));

        Assert.Equal(5, r.Output.Count);
        var items = File.ReadAllLines(Path.Combine(_dir, "ferry-strike-items.csv"));
        var outlets = File.ReadAllLines(Path.Combine(_dir, "ferry-strike-outlets.csv"));
        Assert.StartsWith("\"StoryTitle\",\"Kind\",\"Type\",\"Key\",\"Status\"", items[0]);
        Assert.True(items.Length > 20, $"only {items.Length - 1} compared items");
        Assert.Contains(items, l => l.Contains("\"Conflict\"", StringComparison.Ordinal) && l.Contains("\"Number\"", StringComparison.Ordinal));
        Assert.Contains("\"Outlet\"", outlets[0]);
        Assert.Equal(6, outlets.Length);
        foreach (var outlet in new[] { "The Harbour Courier", "The Island Gazette", "Lakeside Daily", "The Metro Ledger", "Valley Evening Post" })
            Assert.Contains(outlets, l => l.Contains($"\"{outlet}\"", StringComparison.Ordinal));
        foreach (var line in items.Concat(outlets))
            Assert.DoesNotMatch("(^|,)\"(System|NewsCmdlets)\\.", line);
        string html = File.ReadAllText(Path.Combine(_dir, "ferry-strike.html"));
        Assert.Contains("<html", html);
        Assert.Contains("Valley Evening Post", html);
    }

    [Fact]
    public void Top_quoted_people_counts_the_week_s_quotes_per_outlet_from_the_cache()
    {
        string db = Path.Combine(_dir, "news.db");
        var r = RunScript(
            $"Set-NewsCacheConfiguration -CachePath {Quote(db)}; Import-NewsArticle {Quote(Path.Combine(Repo.Samples, "*"))}, {Quote(Path.Combine(Repo.Samples, "more-stories", "*"))} -Cache | Out-Null; " +
            $"Set-NewsCacheConfiguration -Default; " +
            $"& {Quote(ScriptPath("Get-TopQuotedPeople.ps1"))} -Days 7 -Until '2026-03-16T12:00:00Z' -CachePath {Quote(db)} -Top 2 -CsvPath ./quoted.csv");

        var rows = r.Output.Select(o => (Outlet: (string)o.Properties["Outlet"].Value, Speaker: (string)o.Properties["Speaker"].Value, Quotes: (int)o.Properties["Quotes"].Value)).ToList();
        Assert.Contains(rows, x => x.Speaker == "Tomas Reyne" && x.Quotes >= 2);
        Assert.DoesNotContain(rows, x => x.Speaker == "Pia Drummond"); // quoted in 2024, outside the week
        Assert.All(rows.GroupBy(x => x.Outlet), g => Assert.InRange(g.Count(), 1, 2));
        // Most quoted first, equal counts in name order (Sort-Object alone leaves ties in no promised order).
        Assert.All(rows.GroupBy(x => x.Outlet), g => Assert.Equal(g.OrderByDescending(x => x.Quotes).ThenBy(x => x.Speaker, StringComparer.OrdinalIgnoreCase), g));
        var csv = File.ReadAllLines(Path.Combine(_dir, "quoted.csv"));
        Assert.Equal("\"Outlet\",\"Speaker\",\"Quotes\",\"Kinds\"", csv[0]);
        Assert.Equal(rows.Count + 1, csv.Length);
        Assert.Contains(csv, l => l.StartsWith("\"The Harbour Courier\",\"Brightwater Lines\"", StringComparison.Ordinal));
    }
}
