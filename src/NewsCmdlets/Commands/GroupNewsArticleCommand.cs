using System.Globalization;
using System.Management.Automation;
using NewsCmdlets.Engine.Coverage;
using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Commands;

/// <summary>
/// Group-NewsArticle: groups articles into stories (one real-world event or development each) from text similarity,
/// shared names and time proximity, and finds the copies of one text (wire stories republished) inside each story.
/// </summary>
[Cmdlet(VerbsData.Group, "NewsArticle")]
[OutputType(typeof(NewsStory))]
public sealed class GroupNewsArticleCommand : NewsCmdletBase
{
    private const string Activity = "Grouping articles into stories";

    /// <summary>Articles from Import-NewsArticle or Get-NewsArticle.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    public NewsArticle[] InputObject { get; set; } = Array.Empty<NewsArticle>();

    /// <summary>0–1: how similar two articles must be to share a story. Higher makes more, smaller and tighter stories.</summary>
    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double Threshold { get; set; } = new StoryGroupingOptions().Threshold;

    /// <summary>
    /// Articles published further apart than this are never put in one story (default 4 days). A number is days
    /// (<c>-Window 2</c>, <c>-Window 0.5</c>); a time span or its text gives any length (<c>'12:00:00'</c>).
    /// </summary>
    [Parameter]
    [DaysTransformation]
    public TimeSpan Window { get; set; } = new StoryGroupingOptions().Window;

    /// <summary>Only write stories with at least this many articles (default 1: every article is in a story).</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int MinimumArticles { get; set; } = 1;

    /// <summary>Only write stories covered by at least this many outlets.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int MinimumOutlets { get; set; } = 1;

    private StoryGrouper? _grouper;

    protected override void BeginProcessing()
    {
        if (Window <= TimeSpan.Zero)
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException(
                    $"-Window must be longer than zero (it was {Window}): give a number of days, such as 2 or 0.5, or a time span such as '12:00:00'."),
                "InvalidWindow", ErrorCategory.InvalidArgument, Window));
        _grouper = new StoryGrouper(new StoryGroupingOptions { Threshold = Threshold, Window = Window });
    }

    protected override void ProcessRecord()
    {
        foreach (var article in NonNullArticles(InputObject, nameof(InputObject)))
        {
            try
            {
                _grouper!.Add(article);
            }
            catch (Exception ex) when (ex is not PipelineStoppedException and not OperationCanceledException)
            {
                WriteItemError(new InvalidOperationException($"The article '{article.Source ?? article.Title ?? article.Id}' could not be prepared for grouping: {ex.Message}", ex),
                    "GroupingFailed", ErrorCategory.InvalidData, article);
                continue;
            }
            if (_grouper.Count % 500 == 0) ReportProgress(Activity, $"Read {_grouper.Count:N0} articles");
        }
    }

    protected override void EndProcessing()
    {
        if (_grouper == null || _grouper.Count == 0) return;
        IReadOnlyList<NewsStory> stories;
        try
        {
            stories = _grouper.Group(Cancellation, (done, total) =>
                ReportProgress(Activity, $"Comparing {done:N0} of {total:N0} articles", total > 0 ? (int)(100L * done / total) : -1));
        }
        catch (OperationCanceledException) when (Cancellation.IsCancellationRequested)
        {
            return;
        }
        // Progress is reported from the calling thread only: Group runs on it.
        CompleteProgress(Activity);
        int written = 0;
        foreach (var s in stories)
        {
            if (s.ArticleCount < MinimumArticles || s.OutletCount < MinimumOutlets) continue;
            SessionValues.Remember(s);
            WriteObject(s);
            written++;
        }
        WriteVerbose(string.Format(CultureInfo.InvariantCulture,
            "Grouped {0:N0} article(s) into {1:N0} stor{2}; {3:N0} covered by more than one outlet; wrote {4:N0}.",
            _grouper.Count, stories.Count, stories.Count == 1 ? "y" : "ies", stories.Count(s => s.OutletCount > 1), written));
    }
}

/// <summary>
/// Reads a number given to a TimeSpan parameter as days (<c>-Window 2</c> is two days, <c>-Window 0.5</c> twelve
/// hours), where PowerShell's own conversion would read an integer as ticks and a fraction as an error. Text that is a
/// number is days too; other text is parsed as a time span ('12:00:00', '1.06:00:00'); a TimeSpan passes unchanged.
/// </summary>
internal sealed class DaysTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        object? value = inputData is PSObject pso ? pso.BaseObject : inputData;
        switch (value)
        {
            case TimeSpan:
                return value;
            case byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal:
                return Days(Convert.ToDouble(value, CultureInfo.InvariantCulture), value);
            case string s:
                s = s.Trim();
                if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double days)) return Days(days, s);
                if (TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out var span)) return span;
                throw new ArgumentTransformationMetadataException(
                    $"'{s}' is neither a number of days nor a time span: give days (2, 0.5) or a time span ('12:00:00', '1.06:00:00').");
            default:
                return inputData;
        }
    }

    private static TimeSpan Days(double days, object given)
    {
        if (double.IsNaN(days) || double.IsInfinity(days) || Math.Abs(days) >= TimeSpan.MaxValue.TotalDays)
            throw new ArgumentTransformationMetadataException($"{given} is not a usable number of days.");
        return TimeSpan.FromTicks((long)Math.Round(days * TimeSpan.TicksPerDay));
    }
}
