using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace NewsCmdlets;

/// <summary>
/// Runs when the module is imported. Adds the output types' DefaultDisplayPropertySet (what Format-List and
/// Out-Default show of a type without a view) to the session's type data, replacing what is there.
/// </summary>
/// <remarks>
/// These used to live in a Types.ps1xml in the manifest's TypesToProcess. PowerShell refuses a second types file
/// that defines a member already defined by another file, so <c>Import-Module ./NewsCmdlets.psd1 -Force</c> failed
/// with "The member DefaultDisplayPropertySet is already present" whenever another copy of the module (an installed
/// one, say) had been imported first. Type data given with Update-TypeData -Force replaces instead.
/// </remarks>
public sealed class ModuleInitializer : IModuleAssemblyInitializer
{
    /// <summary>Each output type without a view of its own for lists: the properties a person scans first.</summary>
    internal static readonly IReadOnlyDictionary<string, string[]> DefaultDisplayProperties = new Dictionary<string, string[]>
    {
        ["NewsCmdlets.Engine.Model.NewsArticle"] = new[] { "Published", "Outlet", "Title", "WordCount" },
        ["NewsCmdlets.Engine.Model.NewsFeedItem"] = new[] { "Published", "FeedTitle", "Title", "Link" },
        ["NewsCmdlets.Engine.Coverage.NewsStory"] = new[] { "FirstPublished", "ArticleCount", "IndependentOutlets", "Title" },
        ["NewsCmdlets.Engine.Coverage.NewsCoverageItem"] = new[] { "Kind", "Status", "Key", "Outlets" },
        ["NewsCmdlets.Engine.Coverage.NewsCoverageSummary"] = new[] { "Outlet", "Words", "SharedFactShare", "Similarity" },
    };

    public void OnImport()
    {
        var data = DefaultDisplayProperties.Select(kv => new TypeData(kv.Key) { DefaultDisplayPropertySet = new PropertySetData(kv.Value) }).ToArray();
        // A nested command in the importing runspace. Update-TypeData is in Microsoft.PowerShell.Utility, which every
        // PowerShell (pwsh, the SDK) has; a bare host with core cmdlets only gets no display sets, and nothing fails.
        using var ps = System.Management.Automation.PowerShell.Create(RunspaceMode.CurrentRunspace);
        ps.AddCommand("Microsoft.PowerShell.Utility\\Update-TypeData").AddParameter("TypeData", data).AddParameter("Force");
        try
        {
            ps.Invoke();
        }
        catch (CommandNotFoundException)
        {
        }
    }
}
