using System.Globalization;
using System.Management.Automation;
using System.Text;
using NewsCmdlets.Engine.Coverage;
using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Commands;

/// <summary>
/// Export-NewsCoverageReport: compares the coverage of one or more stories (as Compare-NewsCoverage does) and writes
/// it as one self-contained HTML page: heat map of entities by outlet, timeline, conflicts, quotes, framing, what only
/// one outlet reports, and copies. The file is written to a temporary file beside it and moved into place, so a
/// failure never leaves half a report.
/// </summary>
[Cmdlet(VerbsData.Export, "NewsCoverageReport", DefaultParameterSetName = ArticleSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(FileInfo))]
public sealed class ExportNewsCoverageReportCommand : StoryCmdletBase
{
    private const string Activity = "Writing coverage report";

    /// <summary>The HTML file to write. Not a wildcard pattern.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>Articles; they are grouped into stories first (see Group-NewsArticle) unless -AsOneStory is given.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ArticleSet)]
    public NewsArticle[] InputObject { get; set; } = Array.Empty<NewsArticle>();

    /// <summary>The report's title (default: the story's headline, or "Coverage of N stories").</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Title { get; set; }

    /// <summary>Overwrite an existing file.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Write the report's FileInfo to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private readonly List<CoverageComparison> _compared = new();
    private string _path = "";
    private bool _anyStoryInput;

    protected override void BeginProcessing()
    {
        string? resolved = ResolveOutputPath(Path);
        if (resolved == null) return;
        _path = resolved;
        CreateComparer(Cache, Activity, (story, result) =>
        {
            foreach (var w in result.Warnings) WriteWarning($"{story.Title ?? story.Id}: {w}");
            _compared.Add(result);
        });
    }

    /// <summary>The file-system path to write, checked before any work is done; terminating errors when unusable.</summary>
    private string? ResolveOutputPath(string path)
    {
        string resolved;
        ProviderInfo provider;
        try
        {
            resolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out _);
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException($"'{path}' is not a usable path: {ex.Message}", ex),
                "InvalidPath", ErrorCategory.InvalidArgument, path));
            return null;
        }
        if (provider.ImplementingType != typeof(Microsoft.PowerShell.Commands.FileSystemProvider))
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException($"'{path}' is on the {provider.Name} provider; Export-NewsCoverageReport writes files to the file system."),
                "NotFileSystemPath", ErrorCategory.InvalidArgument, path));
        if (Directory.Exists(resolved))
            ThrowTerminatingError(new ErrorRecord(
                new IOException($"'{resolved}' is a directory. Give the path of the HTML file to write, such as '{System.IO.Path.Combine(resolved, "coverage.html")}'."),
                "PathIsDirectory", ErrorCategory.InvalidArgument, resolved));
        string? dir = System.IO.Path.GetDirectoryName(resolved);
        if (string.IsNullOrEmpty(dir) || !Directory.Exists(dir))
            ThrowTerminatingError(new ErrorRecord(
                new DirectoryNotFoundException($"Cannot write '{resolved}' because the folder '{dir}' does not exist. Create it first (New-Item -ItemType Directory)."),
                "DirectoryNotFound", ErrorCategory.ObjectNotFound, resolved));
        if (File.Exists(resolved) && !Force)
            ThrowTerminatingError(ReportExists(resolved));
        return resolved;
    }

    private static ErrorRecord ReportExists(string path) => new(
        new IOException($"The file '{path}' already exists. Use -Force to overwrite it, or give another -Path."),
        "ReportExists", ErrorCategory.ResourceExists, path);

    protected override void ProcessRecord()
    {
        if (ParameterSetName == StorySet)
        {
            bool forced = ComparesAll(true);
            foreach (var story in ValidStories(Story, nameof(Story)))
            {
                _anyStoryInput = true;
                CompareOne(story, forced);
            }
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
            bool forced = ComparesAll(AsOneStory);
            foreach (var s in Eligible(stories, forced, MinimumOutlets, Activity)) CompareOne(s, forced);
        }
        if (!FinishComparisons() || Cancellation.IsCancellationRequested)
        {
            CompleteProgress(Activity);
            return;
        }

        if (_compared.Count == 0)
        {
            CompleteProgress(Activity);
            string why = ParameterSetName == ArticleSet
                ? articles.Count == 0
                    ? "no article was given. Pipe articles from Import-NewsArticle or Get-NewsArticle, or stories from Group-NewsArticle."
                    : string.Format(CultureInfo.InvariantCulture,
                        "no story among the {0:N0} article(s) was covered by {1} or more outlets. Use -AsOneStory to report the articles as one story, or -MinimumOutlets 1.",
                        articles.Count, MinimumOutlets)
                : _anyStoryInput
                    ? string.Format(CultureInfo.InvariantCulture, "no story given was covered by {0} or more outlets, or none could be compared. Lower -MinimumOutlets.", MinimumOutlets)
                    : "no story was given. Pipe stories from Group-NewsArticle.";
            WriteError(new ErrorRecord(new InvalidOperationException($"Nothing to report, so '{_path}' was not written: {why}"),
                "NothingToReport", ErrorCategory.InvalidData, _path));
            return;
        }

        string target = string.Format(CultureInfo.InvariantCulture, "{0} ({1:N0} stor{2})", _path, _compared.Count, _compared.Count == 1 ? "y" : "ies");
        if (!ShouldProcess(target, File.Exists(_path) ? "Overwrite coverage report" : "Write coverage report"))
        {
            CompleteProgress(Activity);
            return;
        }
        ReportProgress(Activity, $"Writing {_path}", force: true);
        if (WriteReport() && PassThru) WriteObject(FileItem());
        CompleteProgress(Activity);
    }

    /// <summary>The written file as the FileSystem provider gives it (so it formats as Get-Item's output does).</summary>
    private object FileItem()
    {
        try
        {
            var items = InvokeProvider.Item.Get(new[] { _path }, true, true);
            if (items.Count == 1 && items[0].BaseObject is FileInfo) return items[0];
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            WriteVerbose($"Could not get '{_path}' from the FileSystem provider: {ex.Message}");
        }
        return new FileInfo(_path);
    }

    private void CompareOne(NewsStory story, bool force)
    {
        if (!force && story.OutletCount < MinimumOutlets)
        {
            WriteVerbose($"Skipped story {story.Id} ({story.Title}): {story.OutletCount} outlet(s), fewer than -MinimumOutlets {MinimumOutlets}.");
            return;
        }
        CompareStory(story);
    }

    /// <summary>Writes to a temporary file in the target folder, then moves it into place; false, with an error written, on failure.</summary>
    private bool WriteReport()
    {
        string dir = System.IO.Path.GetDirectoryName(_path)!;
        string temp = System.IO.Path.Combine(dir, "." + System.IO.Path.GetFileName(_path) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            {
                CoverageReport.Write(writer, _compared, new CoverageReportOptions { Title = Title, GeneratedAt = DateTimeOffset.Now });
            }
            if (!Force && File.Exists(_path))
            {
                WriteError(ReportExists(_path));
                return false;
            }
            File.Move(temp, _path, overwrite: Force.IsPresent);
            WriteVerbose($"Wrote the coverage of {_compared.Count:N0} stor{(_compared.Count == 1 ? "y" : "ies")} to '{_path}'.");
            return true;
        }
        catch (IOException) when (!Force && File.Exists(_path))
        {
            WriteError(ReportExists(_path));
            return false;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            WriteError(new ErrorRecord(new IOException($"The report could not be written to '{_path}': {ex.Message}", ex),
                "ReportWriteFailed", ex is IOException ? ErrorCategory.WriteError : ErrorCategory.PermissionDenied, _path));
            return false;
        }
        finally
        {
            try { if (File.Exists(temp)) File.Delete(temp); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { WriteVerbose($"Could not delete the temporary file '{temp}': {ex.Message}"); }
        }
    }
}
