using System.Xml.Linq;
using static NewsCmdlets.PowerShell.Tests.PowerShellRunner;

namespace NewsCmdlets.PowerShell.Tests;

/// <summary>Every type an exported cmdlet declares as output has a table view and a list view in the module's format files.</summary>
public sealed class ViewCoverageTests
{
    [Fact]
    public void Every_declared_output_type_has_a_table_and_a_list_view()
    {
        var r = Run("Get-Command -Module NewsCmdlets | ForEach-Object { $_.OutputType } | ForEach-Object { $_.Type.FullName }");
        Assert.Empty(r.Errors);
        var types = r.Output.Select(o => o.ToString()!).Where(t => t.StartsWith("NewsCmdlets.", StringComparison.Ordinal)).Distinct().ToList();
        Assert.True(types.Count >= 10, string.Join(", ", types));

        var views = new Dictionary<string, HashSet<string>>();
        foreach (var file in Directory.GetFiles(Path.Combine(Repo.Root, "bin"), "*.Format.ps1xml"))
            foreach (var view in XDocument.Load(file).Descendants("View"))
            {
                string kind = view.Element("TableControl") != null ? "Table" : view.Element("ListControl") != null ? "List" : "Other";
                foreach (var t in view.Descendants("TypeName"))
                {
                    if (!views.TryGetValue(t.Value, out var set)) views[t.Value] = set = new HashSet<string>();
                    set.Add(kind);
                }
            }
        foreach (var t in types)
        {
            Assert.True(views.TryGetValue(t, out var kinds), $"{t} has no view");
            Assert.Contains("Table", kinds);
            Assert.Contains("List", kinds);
        }
    }
}
