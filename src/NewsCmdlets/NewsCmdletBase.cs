using System.Diagnostics;
using System.Management.Automation;

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

    protected void WriteItemError(Exception ex, string errorId, ErrorCategory category, object? target, string? recommendedAction = null)
    {
        var record = new ErrorRecord(ex, errorId, category, target);
        if (recommendedAction != null) record.ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = recommendedAction };
        WriteError(record);
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
