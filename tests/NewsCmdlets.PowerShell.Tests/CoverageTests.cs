using System.Management.Automation;
using static NewsCmdlets.PowerShell.Tests.PowerShellRunner;

namespace NewsCmdlets.PowerShell.Tests;

/// <summary>
/// Group-NewsArticle and Compare-NewsCoverage through the real PowerShell engine, on the samples: five reports of one
/// ferry strike (two of them the same Northsea Press Agency wire story), plus, in samples/more-stories, a fire in the
/// same town the next day and a ferry strike on another route two years earlier.
/// </summary>
public sealed class CoverageTests
{
    private static T Prop<T>(PSObject o, string name) => (T)LanguagePrimitives.ConvertTo(o.Properties[name].Value, typeof(T));

    private static readonly string AllSamples =
        Quote(Path.Combine(Repo.Samples, "*")) + ", " + Quote(Path.Combine(Repo.Samples, "more-stories", "*"));

    private static readonly string StrikeSamples = Quote(Path.Combine(Repo.Samples, "*"));

    [Fact]
    public void Samples_group_into_three_stories_with_the_wire_copies_counted_once()
    {
        var r = Run($"Import-NewsArticle {AllSamples} | Group-NewsArticle");
        Assert.Empty(r.Errors);
        Assert.Equal(3, r.Output.Count);
        Assert.All(r.Output, o => Assert.Equal("NewsCmdlets.Engine.Coverage.NewsStory", o.BaseObject.GetType().FullName));
        var strike = Assert.Single(r.Output, o => Prop<int>(o, "ArticleCount") == 5);
        Assert.Equal(5, Prop<int>(strike, "OutletCount"));
        // The Lakeside Daily and the Valley Evening Post both carry the agency's text: one voice, not two.
        Assert.Equal(4, Prop<int>(strike, "IndependentOutlets"));
        string copies = strike.Properties["CopyGroups"].Value.ToString()!;
        Assert.Contains("Lakeside Daily", copies);
        Assert.Contains("Valley Evening Post", copies);
        Assert.All(r.Output.Where(o => o != strike), o => Assert.Equal(1, Prop<int>(o, "ArticleCount")));
    }

    [Fact]
    public void An_article_given_twice_counts_once_and_one_read_from_another_source_counts_again()
    {
        const string text = "Title: Ferry crews walk out at Westmere`n`nFerry crews at Westmere walked out at dawn over pay, the union said, and no boats sailed.";
        var r = Run($"$a = Import-NewsArticle -Content \"{text}\" -SourceName one.txt; $b = Import-NewsArticle -Content \"{text}\" -SourceName two.txt; " +
                    "$s = @($a, $a, $b, $a) | Group-NewsArticle; $s.ArticleCount; ($s.Articles | ForEach-Object Source) -join ','");
        Assert.Empty(r.Errors);
        Assert.Equal("2", r.Output[0].ToString()); // $a once (given three times) and $b (same text and Id, another source)
        Assert.Equal("one.txt,two.txt", r.Output[1].ToString());
    }

    [Fact]
    public void A_story_whose_first_article_gives_only_a_date_shows_the_day_without_a_midnight_time()
    {
        // The samples give dates without a time of day: the table must not invent 00:00 for them.
        var r = Run($"Import-NewsArticle {StrikeSamples} | Group-NewsArticle | Format-Table | Out-String -Width 200");
        Assert.Empty(r.Errors);
        string table = string.Join("", r.Output);
        Assert.Matches(@"(?m)^2026-03-14\s+5\s", table);
        Assert.DoesNotContain("00:00", table);

        var timed = Run("$a = Import-NewsArticle -Content \"Published: 2026-03-14T09:30:00Z`nTitle: Ferry crews walk out at Westmere`n`nFerry crews at Westmere walked out at dawn over pay, the union said, and no boats sailed.\"; " +
                        "Group-NewsArticle -InputObject $a | Format-Table | Out-String -Width 200");
        Assert.Empty(timed.Errors);
        Assert.Contains("2026-03-14 09:30", string.Join("", timed.Output));
    }

    [Fact]
    public void A_story_s_articles_pipe_on_and_stories_pipe_into_Compare_NewsCoverage()
    {
        var r = Run($"$s = Import-NewsArticle {AllSamples} | Group-NewsArticle -MinimumOutlets 2; " +
                    "$s.Articles | Get-NewsEntity -Type Person | ForEach-Object Name; '---'; " +
                    "$s | Compare-NewsCoverage -Kind Entity | ForEach-Object { '{0}|{1}' -f $_.Key, $_.Status }");
        Assert.Empty(r.Errors);
        var lines = r.Output.Select(o => o.ToString()).ToList();
        int sep = lines.IndexOf("---");
        Assert.Contains("Tomas Reyne", lines.Take(sep));
        Assert.Contains(lines.Skip(sep + 1), l => l.StartsWith("Brightwater Lines|", StringComparison.Ordinal));
        // Nothing from the fire or the 2024 strike leaks into the 2026 strike.
        Assert.DoesNotContain(lines, l => l.Contains("Pellow") || l.Contains("Tidewater"));
    }

    [Fact]
    public void Compare_finds_shared_unique_and_conflicting_items()
    {
        var r = Run($"Import-NewsArticle {StrikeSamples} | Compare-NewsCoverage");
        Assert.Empty(r.Errors);
        Assert.All(r.Output, o => Assert.Equal("NewsCmdlets.Engine.Coverage.NewsCoverageItem", o.BaseObject.GetType().FullName));
        var items = r.Output.Select(o => (Kind: Prop<string>(o, "Kind"), Key: Prop<string>(o, "Key"), Status: Prop<string>(o, "Status"),
            Outlets: o.Properties["Outlets"].Value.ToString()!, Detail: Prop<string>(o, "Detail") ?? "")).ToList();
        Assert.Contains(items, i => i.Kind == "Entity" && i.Key == "Brightwater Lines" && i.Status == "Shared");
        Assert.Contains(items, i => i.Kind == "Entity" && i.Key == "Westmere Academy" && i.Status == "Unique" && i.Outlets == "The Island Gazette");
        Assert.Contains(items, i => i.Kind == "Copy" && i.Outlets.Contains("Lakeside Daily") && i.Outlets.Contains("Valley Evening Post"));
        // The union's demand: 9 percent in the agency copy, 12 percent in the Metro Ledger.
        Assert.Contains(items, i => i.Kind == "Number" && i.Status == "Conflict" && i.Detail.Contains("9") && i.Detail.Contains("12"));
        // The Metro Ledger hedges ("reportedly", "is said to be"); the agency copy asserts.
        Assert.Contains(items, i => i.Kind == "Framing" && i.Outlets.Contains("The Metro Ledger") && !i.Outlets.Contains("Lakeside Daily")
                                    && i.Detail.Contains("reportedly"));
    }

    [Fact]
    public void Summary_gives_one_row_per_outlet_and_Matrix_a_column_per_outlet()
    {
        var s = Run($"Import-NewsArticle {StrikeSamples} | Compare-NewsCoverage -AsOneStory -Summary");
        Assert.Empty(s.Errors);
        Assert.Equal(5, s.Output.Count);
        Assert.Equal(5, s.Output.Select(o => Prop<string>(o, "Outlet")).Distinct().Count());
        Assert.All(s.Output, o => Assert.InRange(Prop<double>(o, "SharedFactShare"), 0, 1));
        Assert.Equal(1, s.Output.Count(o => Prop<bool>(o, "IsCopy")));

        var m = Run($"Import-NewsArticle {StrikeSamples} | Compare-NewsCoverage -AsOneStory -Matrix");
        Assert.Empty(m.Errors);
        Assert.NotEmpty(m.Output);
        var row = m.Output.First(o => Prop<string>(o, "Entity") == "Brightwater Lines");
        Assert.Equal("NewsCmdlets.NewsCoverageMatrixRow", row.TypeNames[0]);
        foreach (var outlet in new[] { "The Harbour Courier", "The Metro Ledger", "The Island Gazette" })
            Assert.True(Prop<int>(row, outlet) > 0, outlet);
    }

    [Fact]
    public void Every_output_exports_as_text_without_type_names()
    {
        var r = Run($"$a = Import-NewsArticle {StrikeSamples}; $a | Group-NewsArticle; $a | Compare-NewsCoverage -AsOneStory; " +
                    "$a | Compare-NewsCoverage -AsOneStory -Summary; $a | Compare-NewsCoverage -AsOneStory -Matrix");
        Assert.Empty(r.Errors);
        Assert.Contains(r.Output, o => o.BaseObject.GetType().Name == "NewsStory");
        // Export-Csv writes each property's value through ToString().
        foreach (var o in r.Output)
            foreach (var p in o.Properties)
            {
                string text = p.Value?.ToString() ?? "";
                Assert.False(text.StartsWith("System.", StringComparison.Ordinal) || text.StartsWith("NewsCmdlets.", StringComparison.Ordinal),
                    $"{o.BaseObject.GetType().Name}.{p.Name} exports as '{text}'");
            }
    }

    [Fact]
    public void Updates_and_conflicts_export_to_CSV_with_their_times_the_differing_outlets_and_sentences()
    {
        // A toll that rose between two reports (an update), and a depth one outlet gives differently (a conflict).
        const string first = "Title: Quake strikes Kestria\nOutlet: Harrowgate Post\nPublished: 2026-02-08T08:00:00Z\n\n" +
                             "A magnitude 6.9 earthquake struck Kestria on Sunday at a depth of 35 km, killing at least 12 people, police said.";
        const string second = "Title: Kestria quake toll rises\nOutlet: Vellmouth Courier\nPublished: 2026-02-09\n\n" +
                              "The death toll from the Sunday earthquake in Kestria has risen to 41. The quake struck at a depth of 35 km.";
        const string third = "Title: Kestria earthquake\nOutlet: Lakeside Daily\nPublished: 2026-02-08T09:30:00Z\n\n" +
                             "The magnitude 6.9 earthquake struck Kestria on Sunday at a depth of 10 km.";
        var r = Run("$a = '" + first + "', '" + second + "', '" + third + "' | ForEach-Object { Import-NewsArticle -Content $_ }; " +
                    "$a | Compare-NewsCoverage -AsOneStory -Kind Number");
        Assert.True(r.Errors.Count == 0, string.Join("; ", r.Errors.Select(e => e.ToString())));
        // Export-Csv writes each property through ToString().
        string P(PSObject o, string n) => o.Properties[n].Value?.ToString() ?? "";
        var toll = Assert.Single(r.Output, o => P(o, "Key") == "death toll");
        Assert.Equal("Update", P(toll, "Status"));
        Assert.Contains("Harrowgate Post=2026-02-08 08:00 UTC", P(toll, "Times"));
        Assert.Contains("Vellmouth Courier=2026-02-09 (date only)", P(toll, "Times"));
        var depth = Assert.Single(r.Output, o => P(o, "Key") == "depth of the earthquake");
        Assert.Equal("Conflict", P(depth, "Status"));
        Assert.Equal("Lakeside Daily", P(depth, "Differing"));
        Assert.Contains("Lakeside Daily=The magnitude 6.9 earthquake struck Kestria on Sunday at a depth of 10 km.", P(depth, "Sentences"));
    }

    [Fact]
    public void Default_views_fit_120_columns()
    {
        var r = Run($"$a = Import-NewsArticle {AllSamples}; $a | Group-NewsArticle | Out-Host; " +
                    "$a | Compare-NewsCoverage | Out-Host; $a | Compare-NewsCoverage -Summary | Out-Host; $a | Compare-NewsCoverage -Matrix | Out-Host");
        Assert.Empty(r.Errors);
        string plain = System.Text.RegularExpressions.Regex.Replace(r.Host, "\u001b\\[[0-9;]*m", "");
        Assert.Contains("Independent", plain);
        Assert.Contains("Status", plain);   // item table
        Assert.Contains("OnlyHere", plain); // summary table
        Assert.Contains("Mentions per outlet", plain);
        Assert.All(plain.Split('\n'), line => Assert.True(line.TrimEnd().Length <= 120, line));
    }

    [Fact]
    public void Bad_input_and_bad_parameters_give_specific_errors()
    {
        var nul = Run("Group-NewsArticle -InputObject $null -ErrorAction SilentlyContinue; Compare-NewsCoverage -InputObject $null -ErrorAction SilentlyContinue; 'after'");
        Assert.Contains(nul.Output, o => o.ToString() == "after");
        Assert.Equal(2, nul.Errors.Count);

        var both = Run($"Import-NewsArticle {StrikeSamples} | Compare-NewsCoverage -Summary -Matrix");
        Assert.True(both.Terminating?.FullyQualifiedErrorId.StartsWith("SummaryWithMatrix", StringComparison.Ordinal) == true
                    || both.Errors.Any(e => e.FullyQualifiedErrorId.StartsWith("SummaryWithMatrix", StringComparison.Ordinal)));

        var window = Run($"Import-NewsArticle {StrikeSamples} | Group-NewsArticle -Window 0");
        Assert.True(window.Terminating?.FullyQualifiedErrorId.StartsWith("InvalidWindow", StringComparison.Ordinal) == true
                    || window.Errors.Any(e => e.FullyQualifiedErrorId.StartsWith("InvalidWindow", StringComparison.Ordinal)));

        // One article, one outlet: nothing to compare, and the user is told why and what to do.
        var single = Run($"Import-NewsArticle {Quote(Path.Combine(Repo.Samples, "more-stories", "harbour-courier-library-fire.txt"))} | Compare-NewsCoverage");
        Assert.Empty(single.Errors);
        Assert.Empty(single.Output);
        Assert.Contains(single.Warnings, w => w.Message.Contains("-AsOneStory"));
    }

    [Fact]
    public void A_number_given_to_Window_is_days_and_a_bad_window_is_a_clear_error()
    {
        // The strike's reports span a day and a half: two days keep them together, half a day does not. Before, a bare
        // number was read as ticks and every small number split them silently.
        string Counts(string window) => string.Join(",", Run($"Import-NewsArticle {StrikeSamples} | Group-NewsArticle -Window {window} | ForEach-Object ArticleCount").Output.Select(o => o.ToString()));
        string twoDays = Counts("2");
        Assert.Equal("5", twoDays);
        Assert.Equal(twoDays, Counts("'2'"));
        Assert.Equal(twoDays, Counts("([timespan]::FromDays(2))"));
        Assert.Equal(Counts("0.5"), Counts("'12:00:00'"));
        Assert.NotEqual(twoDays, Counts("0.5"));

        foreach (var bad in new[] { "0", "-1", "'-2.5'" })
        {
            var r = Run($"Import-NewsArticle {StrikeSamples} | Group-NewsArticle -Window {bad}");
            var id = r.Terminating?.FullyQualifiedErrorId ?? r.Errors.FirstOrDefault()?.FullyQualifiedErrorId ?? "";
            Assert.StartsWith("InvalidWindow", id);
        }
        var text = Run($"Import-NewsArticle {StrikeSamples} | Group-NewsArticle -Window 'two days'");
        var error = text.Terminating ?? text.Errors.FirstOrDefault();
        Assert.NotNull(error);
        Assert.Contains("number of days", error!.Exception.Message + error.Exception.InnerException?.Message);
    }

    [Fact]
    public void Window_and_Threshold_change_the_grouping()
    {
        // With a one-hour window the strike's reports (published over two days) no longer form one story.
        var r = Run($"Import-NewsArticle {StrikeSamples} | Group-NewsArticle -Window '01:00:00' | ForEach-Object ArticleCount");
        Assert.Empty(r.Errors);
        Assert.True(r.Output.Count > 1);
        var strict = Run($"Import-NewsArticle {StrikeSamples} | Group-NewsArticle -Threshold 1 | ForEach-Object ArticleCount");
        var loose = Run($"Import-NewsArticle {StrikeSamples} | Group-NewsArticle -Threshold 0.05 | ForEach-Object ArticleCount");
        Assert.True(strict.Output.Count > loose.Output.Count, $"strict {strict.Output.Count}, loose {loose.Output.Count}");
    }
}
