using System.Globalization;
using System.Management.Automation;
using NewsCmdlets.Engine.Coverage;
using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Commands;

/// <summary>
/// Compare-NewsCoverage: how different outlets covered the same story. One NewsCoverageItem per compared entity,
/// quote, source, number, date, framing point or copy (long format); -Summary writes one row per outlet per story,
/// -Matrix one row per entity with a column per outlet.
/// </summary>
[Cmdlet(VerbsData.Compare, "NewsCoverage", DefaultParameterSetName = ArticleSet)]
[OutputType(typeof(NewsCoverageItem), typeof(NewsCoverageSummary), typeof(PSObject))]
public sealed class CompareNewsCoverageCommand : StoryCmdletBase
{
    private const string Activity = "Comparing coverage";
    internal const string MatrixTypeName = "NewsCmdlets.NewsCoverageMatrixRow";

    /// <summary>Articles; they are grouped into stories first (see Group-NewsArticle) unless -AsOneStory is given.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = ArticleSet)]
    public NewsArticle[] InputObject { get; set; } = Array.Empty<NewsArticle>();

    /// <summary>Only the stories with these Ids (as Group-NewsArticle writes them; stable for the same articles).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(StoryIdCompleter))]
    public string[]? StoryId { get; set; }

    /// <summary>Only items of these kinds (Entity, Quote, Source, Number, Date, Framing, Copy).</summary>
    [Parameter]
    public CoverageKind[]? Kind { get; set; }

    /// <summary>One row per outlet per story (NewsCoverageSummary) instead of one per item.</summary>
    [Parameter]
    public SwitchParameter Summary { get; set; }

    /// <summary>One row per entity with a column per outlet holding its mentions, for spreadsheets.</summary>
    [Parameter]
    public SwitchParameter Matrix { get; set; }

    private int _compared;

    protected override void BeginProcessing()
    {
        if (Summary && Matrix)
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException("-Summary and -Matrix ask for different outputs; use one of them (or neither for one row per item)."),
                "SummaryWithMatrix", ErrorCategory.InvalidArgument, null));
        if (Kind is { Length: > 0 } && (Summary || Matrix))
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException("-Kind filters coverage items and cannot be used with -Summary or -Matrix."),
                "KindWithSummary", ErrorCategory.InvalidArgument, null));
        CreateComparer(Cache, Activity, WriteComparison);
    }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == StorySet)
        {
            bool forced = ComparesAll(true);
            foreach (var story in ValidStories(Story, nameof(Story))) CompareOne(story, forced);
            return;
        }
        CollectArticles(InputObject, nameof(InputObject));
    }

    protected override void CompareCollected()
    {
        var articles = CollectedArticles;
        var stories = CollectedStories(Activity);
        if (stories.Count > 0)
        {
            bool forced = ComparesAll(AsOneStory || StoryId is { Length: > 0 });
            stories = stories.Where(Selected).ToList();
            if (stories.Count == 0 && StoryId is { Length: > 0 })
            {
                WriteError(new ErrorRecord(new ItemNotFoundException(
                        $"No story among the {articles.Count:N0} article(s) has the Id {string.Join(", ", StoryId)}. Story Ids come from Group-NewsArticle on the same articles (and the same -Threshold)."),
                    "StoryNotFound", ErrorCategory.ObjectNotFound, string.Join(",", StoryId)));
                CompleteProgress(Activity);
                return;
            }
            if (!stories.Any(s => forced || s.OutletCount >= MinimumOutlets))
                WriteWarning(string.Format(CultureInfo.InvariantCulture,
                    "No story among the {0:N0} article(s) was covered by {1} or more outlets, so there is nothing to compare. " +
                    "Use -AsOneStory to compare the articles as one story, or -MinimumOutlets 1.", articles.Count, MinimumOutlets));
            foreach (var s in Eligible(stories, forced, MinimumOutlets, Activity)) CompareOne(s, forced);
        }
        if (!FinishComparisons()) return;
        CompleteProgress(Activity);
        if (_compared > 0) WriteVerbose($"Compared the coverage of {_compared:N0} stor{(_compared == 1 ? "y" : "ies")}.");
    }

    private bool Selected(NewsStory story) =>
        StoryId is not { Length: > 0 } || StoryId.Any(id => string.Equals(id.Trim(), story.Id, StringComparison.OrdinalIgnoreCase));

    private void CompareOne(NewsStory story, bool force)
    {
        if (!Selected(story)) return;
        SessionValues.Remember(story);
        if (!force && story.OutletCount < MinimumOutlets)
        {
            WriteVerbose($"Skipped story {story.Id} ({story.Title}): {story.OutletCount} outlet(s), fewer than -MinimumOutlets {MinimumOutlets}.");
            return;
        }
        CompareStory(story);
    }

    /// <summary>A story's comparison, in the order of the stories, on the pipeline thread.</summary>
    private void WriteComparison(NewsStory story, CoverageComparison result)
    {
        _compared++;
        foreach (var w in result.Warnings) WriteWarning($"{story.Title ?? story.Id}: {w}");
        if (Summary)
        {
            foreach (var row in result.Summary) WriteObject(row);
        }
        else if (Matrix)
        {
            foreach (var row in result.Matrix) WriteObject(ToPSObject(row));
        }
        else
        {
            foreach (var item in result.Items)
                if (Kind == null || Kind.Length == 0 || Array.IndexOf(Kind, item.Kind) >= 0) WriteObject(item);
        }
    }

    /// <summary>A matrix row as an object with one property per outlet, so Export-Csv writes a column per outlet.</summary>
    private static PSObject ToPSObject(NewsCoverageMatrixRow row)
    {
        var o = new PSObject();
        o.TypeNames.Insert(0, MatrixTypeName);
        o.Properties.Add(new PSNoteProperty("Story", row.Story));
        o.Properties.Add(new PSNoteProperty("StoryTitle", row.StoryTitle));
        o.Properties.Add(new PSNoteProperty("Entity", row.Entity));
        o.Properties.Add(new PSNoteProperty("Type", row.Type));
        var used = new HashSet<string>(new[] { "Story", "StoryTitle", "Entity", "Type" }, StringComparer.OrdinalIgnoreCase);
        foreach (var (outlet, count) in row.Counts)
        {
            string name = outlet;
            for (int n = 2; !used.Add(name); n++) name = outlet + " (" + n.ToString(CultureInfo.InvariantCulture) + ")";
            o.Properties.Add(new PSNoteProperty(name, count));
        }
        return o;
    }
}
