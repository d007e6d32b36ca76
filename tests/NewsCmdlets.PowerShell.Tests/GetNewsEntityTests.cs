using System.Collections;
using System.Management.Automation;
using static NewsCmdlets.PowerShell.Tests.PowerShellRunner;

namespace NewsCmdlets.PowerShell.Tests;

/// <summary>Get-NewsEntity through the real PowerShell engine, as a user types it.</summary>
public sealed class GetNewsEntityTests
{
    private static RunResult RunEntities(string script, IDictionary<string, object?>? variables = null) => Run(script, variables: variables);

    private static T Prop<T>(PSObject o, string name) => (T)LanguagePrimitives.ConvertTo(o.Properties[name].Value, typeof(T));

    private static string Samples(string pattern = "*.txt") => Quote(Path.Combine(Repo.Samples, pattern));

    [Fact]
    public void Articles_from_the_pipeline_yield_typed_entities_with_article_and_outlet()
    {
        var r = RunEntities($"Import-NewsArticle {Samples("harbour-courier-*.txt")} | Get-NewsEntity");
        Assert.Empty(r.Errors);
        Assert.NotEmpty(r.Output);
        Assert.All(r.Output, o => Assert.Equal("NewsCmdlets.Engine.Entities.NewsEntity", o.BaseObject.GetType().FullName));
        Assert.All(r.Output, o => Assert.Equal("The Harbour Courier", Prop<string>(o, "Outlet")));
        var people = r.Output.Where(o => Prop<string>(o, "Type") == "Person").Select(o => Prop<string>(o, "Name")).ToList();
        Assert.Contains("Tomas Reyne", people);
        Assert.Contains("Edith Namara", people);
        var august = r.Output.Single(o => Prop<string>(o, "Name") == "August 2019");
        Assert.Equal("2019-08", Prop<string>(august, "Value"));
        Assert.Equal("Month", Prop<string>(august, "Granularity"));
    }

    [Fact]
    public void Type_filters_and_mentions_carry_offsets_into_their_field()
    {
        var r = RunEntities($"Import-NewsArticle {Samples("harbour-courier-*.txt")} | Get-NewsEntity -Type Person, Date");
        Assert.Empty(r.Errors);
        Assert.All(r.Output, o => Assert.Contains(Prop<string>(o, "Type"), new[] { "Person", "Date" }));

        var m = RunEntities($@"$a = Import-NewsArticle {Samples("harbour-courier-*.txt")}
$a | Get-NewsEntity -IncludeMentions -Type Person | ForEach-Object {{
    $field = if ($_.Field -eq 'Title') {{ $a.Title }} elseif ($_.Field -eq 'Standfirst') {{ $a.Standfirst }} else {{ $a.Body }}
    '{{0}}|{{1}}' -f $_.Text, $field.Substring($_.Offset, $_.Length)
}}");
        Assert.Empty(m.Errors);
        Assert.NotEmpty(m.Output);
        Assert.All(m.Output, o => { var parts = o.ToString().Split('|'); Assert.Equal(parts[0], parts[1]); });
    }

    [Fact]
    public void Text_parameter_resolves_dates_against_Date_and_collections_print_joined()
    {
        var r = RunEntities(@"Get-NewsEntity -Text 'Mira Calder, the harbour master, said the last closure was in August last year. She expects about 3,400 visitors.' -Date ([datetimeoffset]'2025-10-19') |
  ForEach-Object { '{0}|{1}|{2}|{3}|{4}' -f $_.Type, $_.Name, $_.Value, $_.Forms.ToString(), $_.Approximate }");
        Assert.Empty(r.Errors);
        var lines = r.Output.Select(o => o.ToString()).ToList();
        Assert.Contains("Date|August last year|2024-08|August last year|False", lines);
        Assert.Contains("Person|Mira Calder||Mira Calder|False", lines);
        Assert.Contains("Quantity|about 3,400|3400 people|about 3,400|True", lines);
    }

    [Fact]
    public void Corpus_scope_merges_across_outlets()
    {
        var r = RunEntities($"Import-NewsArticle {Samples()} | Get-NewsEntity -Scope Corpus -Type Location | Where-Object Name -eq 'Carrow Island'");
        Assert.Empty(r.Errors);
        var island = r.Single();
        Assert.True(Prop<int>(island, "ArticleCount") >= 3);
        Assert.Contains(";", Prop<string>(island, "Outlet"));
    }

    [Fact]
    public void Seeds_merge_the_presidents_spellings_in_corpus_scope()
    {
        if (!Directory.Exists(Repo.Seeds)) return; // shared/ is not beside this checkout
        var r = RunEntities($"Import-NewsArticle {Quote(Path.Combine(Repo.Seeds, "*.txt"))} | Get-NewsEntity -Scope Corpus -Type Person | Where-Object ArticleCount -eq 2");
        Assert.Empty(r.Errors);
        Assert.Contains(r.Output, o => ((IEnumerable)o.Properties["Forms"].Value).Cast<string>().Count(f => f.Replace('-', ' ').Equals("Lee Jae Myung", StringComparison.OrdinalIgnoreCase)) == 2);
    }

    [Fact]
    public void Unreliable_input_warns_and_empty_input_is_quiet()
    {
        var r = RunEntities("Get-NewsEntity -Text 'THE MAYOR OF CORVALE, EDITH NAMARA, SAID THE FERRY WOULD RUN AGAIN ON MONDAY AFTER TALKS.'");
        Assert.Empty(r.Errors);
        Assert.Contains(r.Warnings, w => w.Message.Contains("capitals"));

        var empty = RunEntities("'' | Get-NewsEntity");
        Assert.Empty(empty.Errors);
        Assert.Empty(empty.Output);
        Assert.Empty(empty.Warnings);
    }

    [Fact]
    public void Default_table_fits_120_columns()
    {
        var r = RunEntities($"Import-NewsArticle {Samples("harbour-courier-*.txt")} | Get-NewsEntity | Out-Host");
        Assert.Empty(r.Errors);
        Assert.Contains("Description / Value", r.Host);
        Assert.Contains("Tomas Reyne", r.Host);
        string plain = System.Text.RegularExpressions.Regex.Replace(r.Host, "\u001b\\[[0-9;]*m", "");
        Assert.All(plain.Split('\n'), line => Assert.True(line.TrimEnd().Length <= 120, line));
    }
}
