using static NewsCmdlets.PowerShell.Tests.PowerShellRunner;

namespace NewsCmdlets.PowerShell.Tests;

/// <summary>
/// Issue 29: ConvertTo-Json writes the module's enum properties as their names ("Status": "Conflict"), as a reader of
/// the JSON expects, without -EnumsAsStrings (it used to write "Status": 3).
/// </summary>
public sealed class JsonTests
{
    [Fact]
    public void ConvertTo_Json_writes_enum_names()
    {
        var r = Run($@"$a = Import-NewsArticle {Quote(Path.Combine(Repo.Samples, "*"))}
            $a | Compare-NewsCoverage -AsOneStory | Where-Object Status -eq Conflict | Select-Object -First 1 | ConvertTo-Json -Compress
            $a[0] | Get-NewsEntity -Type Date | Select-Object -First 1 | ConvertTo-Json -Compress
            $a[0] | Get-NewsQuote -Kind Direct | Select-Object -First 1 | ConvertTo-Json -Compress
            Get-NewsQuote -Attribution -Text 'Traffic fell, according to the Corvale Transport Authority.' | ConvertTo-Json -Compress");
        Assert.Empty(r.Errors);
        var json = r.Output.Select(o => o.ToString()!).ToList();
        Assert.Equal(4, json.Count);
        Assert.Contains("\"Status\":\"Conflict\"", json[0]);
        Assert.Matches("\"Kind\":\"(Entity|Quote|Source|Number|Date|Framing|Copy)\"", json[0]);
        Assert.Contains("\"Type\":\"Date\"", json[1]);
        Assert.Matches("\"Granularity\":(null|\"(Day|Week|Month|Year|Decade)\")", json[1]);
        Assert.Contains("\"Kind\":\"Direct\"", json[2]);
        Assert.Contains("\"SourceKind\":\"Official\"", json[3]);
        // and back: ConvertFrom-Json gives strings that compare with the enum names
        var back = Run($"(Import-NewsArticle {Quote(Path.Combine(Repo.Samples, "*"))} | Compare-NewsCoverage -AsOneStory | ConvertTo-Json | ConvertFrom-Json | Where-Object Status -eq 'Conflict').Count");
        Assert.True((int)back.Single().BaseObject > 0);
    }
}
