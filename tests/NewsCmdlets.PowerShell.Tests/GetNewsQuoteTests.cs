using System.Management.Automation;
using static NewsCmdlets.PowerShell.Tests.PowerShellRunner;

namespace NewsCmdlets.PowerShell.Tests;

/// <summary>
/// Get-NewsQuote through the real PowerShell engine, against Repo.RootManifest. Needs Get-NewsQuote in the manifest's
/// CmdletsToExport and NewsCmdlets.Quotes.Format.ps1xml in FormatsToProcess.
/// </summary>
public sealed class GetNewsQuoteTests
{
    private static T Prop<T>(PSObject o, string name) => (T)LanguagePrimitives.ConvertTo(o.Properties[name].Value, typeof(T));

    [Fact]
    public void Articles_from_the_pipeline_yield_quotes_with_speakers()
    {
        var r = Run($"Import-NewsArticle {Quote(Path.Combine(Repo.Samples, "harbour-courier-*.txt"))} | Get-NewsQuote -Kind Direct");
        Assert.Empty(r.Errors);
        Assert.All(r.Output, o => Assert.Equal("NewsCmdlets.Engine.Quotes.NewsQuote", o.BaseObject.GetType().FullName));
        Assert.Contains(r.Output, o => Prop<string>(o, "Speaker") == "Tomas Reyne");
        Assert.Contains(r.Output, o => Prop<string>(o, "Speaker") == "Edith Namara");
        Assert.All(r.Output, o => Assert.Equal("Direct", Prop<string>(o, "Kind")));
    }

    [Fact]
    public void Attribution_switch_writes_sources_and_Text_works()
    {
        var r = Run("Get-NewsQuote -Attribution -Text 'Traffic fell by half, according to the Corvale Transport Authority. A source said the deal was close.'");
        Assert.Empty(r.Errors);
        Assert.Contains(r.Output, o => Prop<string>(o, "Source") == "Corvale Transport Authority" && Prop<string>(o, "SourceKind") == "Official");
        Assert.Contains(r.Output, o => Prop<string>(o, "SourceKind") == "Anonymous");
    }

    [Fact]
    public void Null_article_is_a_non_terminating_error_and_Kind_with_Attribution_is_refused()
    {
        var r = Run("Get-NewsQuote -InputObject $null -ErrorAction SilentlyContinue; 'after'");
        Assert.Contains(r.Output, o => o.ToString() == "after");
        var bad = Run("Get-NewsQuote -Text 'x' -Attribution -Kind Direct");
        Assert.True(bad.Terminating != null || bad.Errors.Any(e => e.FullyQualifiedErrorId.StartsWith("KindWithAttribution")));
    }

    [Fact]
    public void Default_table_fits_120_columns()
    {
        var r = Run($"Import-NewsArticle {Quote(Path.Combine(Repo.Samples, "*.txt"))} | Get-NewsQuote | Out-Host");
        Assert.Empty(r.Errors);
        Assert.Contains("Speaker", r.Host);
        Assert.Contains("SpeakerNote", r.Host); // why a speaker is empty, or how it was found, at a glance
        string plain = System.Text.RegularExpressions.Regex.Replace(r.Host, "\u001b\\[[0-9;]*m", "");
        Assert.All(plain.Split('\n'), line => Assert.True(line.TrimEnd().Length <= 120, line));
    }

    [Fact]
    public void A_5_MB_paragraph_with_one_opening_mark_finishes_and_the_text_after_it_streams_its_quotes()
    {
        var r = Run("""
            $big = 'The union said "the strike goes on ' + ('and crews on the island routes waited for word about pay ' * 87000) + '.'
            Get-NewsQuote -Text $big, '"We are ready to talk," said Orla Venn.' | ForEach-Object { "$($_.Speaker)|$($_.Text.Length)" }
            """);
        Assert.Empty(r.Errors);
        Assert.Null(r.Terminating);
        var lines = r.Output.Select(o => o.ToString()!).ToList();
        Assert.Contains("Orla Venn|21", lines);
        Assert.All(lines, l => Assert.True(int.Parse(l[(l.LastIndexOf('|') + 1)..]) <= 4000, l));
        Assert.Contains(r.Warnings, w => w.Message.Contains("never closed", StringComparison.Ordinal));
    }

    [Fact]
    public void Quotes_export_as_text_with_the_speaker_note_and_unbalanced_marks_are_a_warning()
    {
        // The second quote has no verb of its own: its note says it continues the first speaker's words.
        var r = Run("""
            Get-NewsQuote -Kind Direct -Text '"The pier is closed," said Orla Venn. "We will reopen in May."'
            Get-NewsQuote -Text 'Orla Venn said, "The pier is closed. Nobody may walk on it.' | Out-Null
            """);
        Assert.Empty(r.Errors);
        Assert.Equal(2, r.Output.Count);
        Assert.Equal(new[] { "Orla Venn", "Orla Venn" }, r.Output.Select(o => Prop<string>(o, "Speaker")));
        Assert.Null(r.Output[0].Properties["SpeakerNote"].Value);
        Assert.Equal("continues the quote before", Prop<string>(r.Output[1], "SpeakerNote"));
        // Export-Csv writes each property through ToString(): every one is a string, a number or an enum.
        foreach (var p in r.Output.SelectMany(o => o.Properties))
            Assert.True(p.Value is null or string or int or Enum, $"{p.Name} is {p.Value?.GetType().Name}");
        var w = Assert.Single(r.Warnings);
        Assert.Contains("never closed", w.Message);
    }
}
