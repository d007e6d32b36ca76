using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Management.Automation;
using NewsCmdlets.Engine.Concurrency;
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
    protected internal CancellationToken Cancellation => _cancel.Token;

    protected override void StopProcessing() => _cancel.Cancel();

    /// <summary>
    /// True when <see cref="ReportProgress"/> would write now (a quarter of a second since the last progress): a caller
    /// that reports for every item builds the status only then, not for each item on the pipeline thread (issue 31).
    /// </summary>
    protected internal bool ProgressDue => _progressClock.ElapsedMilliseconds - _lastProgressMs >= 250;

    /// <summary>Writes progress at most four times a second.</summary>
    protected internal void ReportProgress(string activity, string status, int percent = -1, bool force = false)
    {
        long now = _progressClock.ElapsedMilliseconds;
        if (!force && now - _lastProgressMs < 250) return;
        _lastProgressMs = now;
        _progressShown = true;
        WriteProgress(new ProgressRecord(_activityId, activity, status) { PercentComplete = Math.Clamp(percent, -1, 100) });
    }

    /// <summary>Completes the progress bar if one was shown.</summary>
    protected internal void CompleteProgress(string activity)
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
                WriteInputError(new ArgumentNullException(parameterName, message), errorId, ErrorCategory.InvalidArgument, null);
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

    /// <summary>
    /// An error about an input met on the pipeline thread (a path that names nothing, a null): written after the output
    /// of the inputs before it, which other threads may still be working on (see <see cref="StartParallel"/>), so
    /// output and errors keep the input order. Nothing is written when the call is being stopped.
    /// </summary>
    protected void WriteInputError(Exception ex, string errorId, ErrorCategory category, object? target, string? recommendedAction = null)
    {
        foreach (var flush in _pendingOutput)
            if (!flush()) return;
        WriteItemError(ex, errorId, category, target, recommendedAction);
    }

    private readonly List<Func<bool>> _pendingOutput = new();

    /// <summary>
    /// Output still being worked on by other threads: <paramref name="flush"/> writes it (false when stopped), before
    /// an error about a later input is written (<see cref="WriteInputError"/>).
    /// </summary>
    protected internal void RegisterPendingOutput(Func<bool> flush) => _pendingOutput.Add(flush);

    protected internal void WriteItemError(Exception ex, string errorId, ErrorCategory category, object? target, string? recommendedAction = null)
    {
        var record = new ErrorRecord(ex, errorId, category, target);
        if (recommendedAction != null) record.ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = recommendedAction };
        WriteError(record);
    }

    /// <summary>
    /// Resolves a -Path pattern to files on the file system. Writes a non-terminating error and returns null when the
    /// pattern names nothing usable; with a wildcard, matching directories are skipped (as Get-Content skips them).
    /// </summary>
    protected internal IReadOnlyList<string>? ResolvePathPattern(string pattern, string notFoundHint)
    {
        Collection<string> files;
        ProviderInfo provider;
        try
        {
            files = GetResolvedProviderPathFromPSPath(pattern, out provider);
        }
        catch (ItemNotFoundException ex)
        {
            WriteInputError(new ItemNotFoundException($"Cannot find the file '{pattern}' because it does not exist. {notFoundHint}", ex),
                "PathNotFound", ErrorCategory.ObjectNotFound, pattern);
            return null;
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            WriteInputError(ex, "InvalidPath", ErrorCategory.InvalidArgument, pattern);
            return null;
        }
        if (!IsFileSystem(provider, pattern)) return null;
        if (files.Count == 0)
        {
            WriteInputError(new ItemNotFoundException($"No file matches '{pattern}'."), "PathNotFound", ErrorCategory.ObjectNotFound, pattern);
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
                    var (id, category) = ImportErrors.Classify(ex.Kind, fromFile: true);
                    WriteInputError(ex, id, category, file);
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
    protected internal string? ResolveLiteralPath(string path)
    {
        try
        {
            string resolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
            return IsFileSystem(provider, path) ? resolved : null;
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            WriteInputError(ex, "InvalidPath", ErrorCategory.InvalidArgument, path);
            return null;
        }
    }

    private bool IsFileSystem(ProviderInfo provider, string path)
    {
        if (provider.ImplementingType == typeof(Microsoft.PowerShell.Commands.FileSystemProvider)) return true;
        WriteInputError(new ArgumentException($"'{path}' is on the {provider.Name} provider; {MyInvocation.MyCommand.Name} reads files from the file system."),
            "NotFileSystemPath", ErrorCategory.InvalidArgument, path);
        return false;
    }

    /// <summary>The ErrorId and category for a failed download; <paramref name="tooLargeId"/> names the size error.</summary>
    internal static (string ErrorId, ErrorCategory Category) ClassifyWebError(WebFetchException ex, string tooLargeId) => ex.Kind switch
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

    /// <summary>The largest -ThrottleLimit accepted.</summary>
    protected const int MaximumThrottleLimit = 1024;

    /// <summary>-ThrottleLimit when it is not given: one thread per processor.</summary>
    protected static int DefaultThrottleLimit => Environment.ProcessorCount;

    private readonly List<IDisposable> _parallel = new();

    /// <summary>
    /// Work on <paramref name="threads"/> threads for this call (<see cref="OrderedParallelMap{TIn,TOut}"/>): each
    /// worker thread gets its own state from <paramref name="newWorker"/>, results reach <paramref name="write"/> in
    /// input order on the pipeline thread (the only thread that writes), memory is bounded by the items in flight,
    /// Ctrl+C stops it at once, and it ends with the pipeline however the pipeline ends.
    /// </summary>
    protected OrderedParallelMap<TIn, TOut> StartParallel<TIn, TOut>(int threads, Func<Func<TIn, CancellationToken, TOut>> newWorker,
        Action<TIn, TOut?, Exception?> write)
    {
        var map = new OrderedParallelMap<TIn, TOut>(threads, newWorker, write, Cancellation);
        _parallel.Add(map);
        RegisterPendingOutput(map.Flush);
        return map;
    }

    private int _analysed;

    /// <summary>How many items the analyses of <see cref="StartAnalyses"/> have written in this call.</summary>
    protected int AnalysedCount => _analysed;

    /// <summary>
    /// Analyses on <paramref name="threads"/> threads (<see cref="StartParallel"/>), each item written as one analysis
    /// is: progress from the second item on, Ctrl+C ends it quietly, and a failure is a non-terminating
    /// <paramref name="errorId"/> error with the item's target (the pipeline goes on); <paramref name="write"/> gets
    /// the results, in input order, on the pipeline thread.
    /// </summary>
    protected OrderedParallelMap<TIn, TOut> StartAnalyses<TIn, TOut>(int threads, Func<Func<TIn, CancellationToken, TOut>> newWorker,
        Func<TIn, (object Target, string Label)> describe, string activity, string errorId, string what, Action<TIn, TOut> write) =>
        StartParallel<TIn, TOut>(threads, newWorker, (item, result, error) =>
        {
            var (target, label) = describe(item);
            if (_analysed > 0 && ProgressDue) ReportProgress(activity, $"{_analysed + 1}: {label}");
            _analysed++;
            switch (error)
            {
                case null:
                    write(item, result!);
                    break;
                case OperationCanceledException when Cancellation.IsCancellationRequested:
                    break;
                default:
                    WriteItemError(new InvalidOperationException($"{what} could not be extracted from '{label}': {error.Message}", error),
                        errorId, ErrorCategory.InvalidData, target);
                    break;
            }
        });

    /// <summary>Releases what a cmdlet holds when its pipeline ends, however it ends (errors, Ctrl+C).</summary>
    protected virtual void OnDispose()
    {
    }

    public void Dispose()
    {
        // Work not written yet is stopped before what it may use (the cache) is released.
        foreach (var map in _parallel) map.Dispose();
        OnDispose();
        _cancel.Dispose();
        GC.SuppressFinalize(this);
    }
}
