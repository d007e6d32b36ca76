using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Management.Automation;
using NewsCmdlets.Engine.Ingest.Web;

namespace NewsCmdlets;

/// <summary>
/// What every NewsCmdlets cmdlet shares: a cancellation token that Ctrl+C (StopProcessing) cancels, throttled
/// progress for one activity per call, and error records built the same way everywhere.
/// </summary>
public abstract class NewsCmdletBase : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly Stopwatch _progressClock = Stopwatch.StartNew();
    private long _lastProgressMs = -1000;
    private bool _progressShown;
    private static int s_activityCounter;
    private readonly int _activityId = Interlocked.Increment(ref s_activityCounter) % 1000 + 1;

    /// <summary>Cancelled when the user presses Ctrl+C.</summary>
    protected CancellationToken Cancellation => _cancel.Token;

    protected override void StopProcessing() => _cancel.Cancel();

    /// <summary>Writes progress at most four times a second.</summary>
    protected void ReportProgress(string activity, string status, int percent = -1, bool force = false)
    {
        long now = _progressClock.ElapsedMilliseconds;
        if (!force && now - _lastProgressMs < 250) return;
        _lastProgressMs = now;
        _progressShown = true;
        WriteProgress(new ProgressRecord(_activityId, activity, status) { PercentComplete = Math.Clamp(percent, -1, 100) });
    }

    /// <summary>Completes the progress bar if one was shown.</summary>
    protected void CompleteProgress(string activity)
    {
        if (!_progressShown) return;
        WriteProgress(new ProgressRecord(_activityId, activity, "Done") { RecordType = ProgressRecordType.Completed });
        _progressShown = false;
    }

    /// <summary>
    /// The articles given that are not null, stopping at Ctrl+C; each null is a non-terminating NullArticle error
    /// (PowerShell's binder usually rejects nulls for these mandatory parameters first; this guards the rest).
    /// </summary>
    protected IEnumerable<Engine.Model.NewsArticle> NonNullArticles(IEnumerable<Engine.Model.NewsArticle?> articles, string parameterName) =>
        NonNull(articles, parameterName, "A null article was passed; pipe the output of Import-NewsArticle.", "NullArticle");

    /// <summary>The items given that are not null, stopping at Ctrl+C; each null is a non-terminating error <paramref name="errorId"/>.</summary>
    protected IEnumerable<T> NonNull<T>(IEnumerable<T?> items, string parameterName, string message, string errorId) where T : class
    {
        foreach (var item in items)
        {
            if (Cancellation.IsCancellationRequested) yield break;
            if (item == null)
            {
                WriteItemError(new ArgumentNullException(parameterName, message), errorId, ErrorCategory.InvalidArgument, null);
                continue;
            }
            yield return item;
        }
    }

    private int _textCount;

    /// <summary>The -Text strings of this call with an id each ("text1", "text2", … across the whole call), null as empty.</summary>
    protected IEnumerable<(string Text, string Id)> NumberedTexts(IEnumerable<string?> texts)
    {
        foreach (var t in texts)
        {
            if (Cancellation.IsCancellationRequested) yield break;
            _textCount++;
            yield return (t ?? "", "text" + _textCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    protected void WriteItemError(Exception ex, string errorId, ErrorCategory category, object? target, string? recommendedAction = null)
    {
        var record = new ErrorRecord(ex, errorId, category, target);
        if (recommendedAction != null) record.ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = recommendedAction };
        WriteError(record);
    }

    /// <summary>
    /// Resolves a -Path pattern to files on the file system. Writes a non-terminating error and returns null when the
    /// pattern names nothing usable; with a wildcard, matching directories are skipped (as Get-Content skips them).
    /// </summary>
    protected IReadOnlyList<string>? ResolvePathPattern(string pattern, string notFoundHint)
    {
        Collection<string> files;
        ProviderInfo provider;
        try
        {
            files = GetResolvedProviderPathFromPSPath(pattern, out provider);
        }
        catch (ItemNotFoundException ex)
        {
            WriteItemError(new ItemNotFoundException($"Cannot find the file '{pattern}' because it does not exist. {notFoundHint}", ex),
                "PathNotFound", ErrorCategory.ObjectNotFound, pattern);
            return null;
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            WriteItemError(ex, "InvalidPath", ErrorCategory.InvalidArgument, pattern);
            return null;
        }
        if (!IsFileSystem(provider, pattern)) return null;
        if (files.Count == 0)
        {
            WriteItemError(new ItemNotFoundException($"No file matches '{pattern}'."), "PathNotFound", ErrorCategory.ObjectNotFound, pattern);
            return null;
        }
        if (files.Count > 1 && WildcardPattern.ContainsWildcardCharacters(pattern))
            return files.Where(f => !Directory.Exists(f)).ToList();
        return files;
    }

    /// <summary>
    /// For cmdlets that analyse articles and also take files (-Path, -LiteralPath, or Get-ChildItem output, whose PSPath
    /// binds -LiteralPath): each file read as Import-NewsArticle reads it with its defaults. A file that cannot be read
    /// is a non-terminating error with Import-NewsArticle's ErrorId (PathNotFound, EmptyFile, BinaryFile, ...).
    /// </summary>
    protected IEnumerable<Engine.Model.NewsArticle> ReadArticleFiles(IEnumerable<string> paths, bool literal)
    {
        var options = new Engine.Ingest.ArticleReadOptions();
        foreach (var p in paths)
        {
            if (Cancellation.IsCancellationRequested) yield break;
            IReadOnlyList<string>? files = literal
                ? ResolveLiteralPath(p) is { } one ? new[] { one } : null
                : ResolvePathPattern(p, "To analyse text rather than a file, use -Text.");
            foreach (var file in files ?? Array.Empty<string>())
            {
                if (Cancellation.IsCancellationRequested) yield break;
                Engine.Model.NewsArticle? article = null;
                try
                {
                    article = Engine.Ingest.ArticleReader.ReadFile(file, options, Cancellation).Article;
                }
                catch (Engine.Ingest.InputProblemException ex)
                {
                    var (id, category) = Commands.ImportNewsArticleCommand.Classify(ex.Kind, fromFile: true);
                    WriteItemError(ex, id, category, file);
                }
                catch (OperationCanceledException) when (Cancellation.IsCancellationRequested)
                {
                    yield break;
                }
                if (article != null) yield return article;
            }
        }
    }

    /// <summary>Resolves a -LiteralPath (or a bound PSPath) to a file-system path; null, with an error written, when unusable.</summary>
    protected string? ResolveLiteralPath(string path)
    {
        try
        {
            string resolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
            return IsFileSystem(provider, path) ? resolved : null;
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            WriteItemError(ex, "InvalidPath", ErrorCategory.InvalidArgument, path);
            return null;
        }
    }

    private bool IsFileSystem(ProviderInfo provider, string path)
    {
        if (provider.ImplementingType == typeof(Microsoft.PowerShell.Commands.FileSystemProvider)) return true;
        WriteItemError(new ArgumentException($"'{path}' is on the {provider.Name} provider; {MyInvocation.MyCommand.Name} reads files from the file system."),
            "NotFileSystemPath", ErrorCategory.InvalidArgument, path);
        return false;
    }

    /// <summary>The ErrorId and category for a failed download; <paramref name="tooLargeId"/> names the size error.</summary>
    protected static (string ErrorId, ErrorCategory Category) ClassifyWebError(WebFetchException ex, string tooLargeId) => ex.Kind switch
    {
        WebProblemKind.InvalidUri => ("InvalidUri", ErrorCategory.InvalidArgument),
        WebProblemKind.HttpError => ("HttpError", ex.StatusCode switch
        {
            404 or 410 => ErrorCategory.ObjectNotFound,
            401 or 403 => ErrorCategory.PermissionDenied,
            429 => ErrorCategory.LimitsExceeded,
            >= 500 => ErrorCategory.ResourceUnavailable,
            _ => ErrorCategory.InvalidResult,
        }),
        WebProblemKind.Timeout => ("HttpTimeout", ErrorCategory.OperationTimeout),
        WebProblemKind.TooLarge => (tooLargeId, ErrorCategory.LimitsExceeded),
        WebProblemKind.NotHtml => ("NotHtml", ErrorCategory.InvalidData),
        WebProblemKind.ConnectionFailed => ("ConnectionFailed", ErrorCategory.ConnectionError),
        WebProblemKind.InvalidResponse => ("InvalidResponse", ErrorCategory.ProtocolError),
        WebProblemKind.TooManyRedirects => ("TooManyRedirects", ErrorCategory.LimitsExceeded),
        WebProblemKind.InsecureRedirect => ("InsecureRedirect", ErrorCategory.SecurityError),
        WebProblemKind.PrivateAddress => ("PrivateAddressRefused", ErrorCategory.SecurityError),
        _ => ("HttpError", ErrorCategory.NotSpecified),
    };

    private int _analysed;

    /// <summary>How many items <see cref="TryAnalyse"/> has been given in this call.</summary>
    protected int AnalysedCount => _analysed;

    /// <summary>
    /// Runs one item's analysis: progress from the second item on, Ctrl+C ends it quietly, and any failure becomes a
    /// non-terminating error for that item (the pipeline goes on). False when there is no result to write.
    /// </summary>
    protected bool TryAnalyse<T>(object target, string label, string activity, string errorId, string what, Func<T> work, out T result)
    {
        if (_analysed > 0) ReportProgress(activity, $"{_analysed + 1}: {label}");
        _analysed++;
        result = default!;
        try
        {
            result = work();
            return true;
        }
        catch (OperationCanceledException) when (Cancellation.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            WriteItemError(new InvalidOperationException($"{what} could not be extracted from '{label}': {ex.Message}", ex),
                errorId, ErrorCategory.InvalidData, target);
            return false;
        }
    }

    /// <summary>Releases what a cmdlet holds when its pipeline ends, however it ends (errors, Ctrl+C).</summary>
    protected virtual void OnDispose()
    {
    }

    public void Dispose()
    {
        OnDispose();
        _cancel.Dispose();
        GC.SuppressFinalize(this);
    }
}
