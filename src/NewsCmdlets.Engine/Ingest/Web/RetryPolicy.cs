using System.Net.Http.Headers;

namespace NewsCmdlets.Engine.Ingest.Web;

/// <summary>
/// When a failed answer is worth another attempt and how long to wait first. Bounded on both counts: at most
/// <see cref="WebFetchOptions.MaximumRetryCount"/> retries, and never a wait longer than
/// <see cref="WebFetchOptions.MaximumRetryDelay"/>.
/// </summary>
public static class RetryPolicy
{
    /// <summary>
    /// 429 Too Many Requests, 408 Request Timeout and the 5xx answers that describe a passing state (500, 502, 503, 504
    /// and the other 5xx), but not 501 Not Implemented, 505 HTTP Version Not Supported or 511 Network Authentication
    /// Required, which will not change by waiting.
    /// </summary>
    public static bool IsRetryable(int status) =>
        status is 429 or 408 || status is >= 500 and <= 599 and not (501 or 505 or 511);

    /// <summary>
    /// The wait before retry number <paramref name="retry"/> (1 for the first). Retry-After (seconds or an HTTP date,
    /// measured against the answer's Date header when present) wins; otherwise exponential backoff from
    /// <see cref="WebFetchOptions.RetryDelay"/> with up to 25 % jitter, capped at the maximum. Returns null when the
    /// server asks for more than <see cref="WebFetchOptions.MaximumRetryDelay"/>: retrying sooner would be
    /// impolite and waiting that long would stall the pipeline, so the caller gives up.
    /// </summary>
    public static TimeSpan? DelayBeforeRetry(int retry, RetryConditionHeaderValue? retryAfter, DateTimeOffset? responseDate,
        WebFetchOptions options, DateTimeOffset? now = null, double? jitter = null)
    {
        TimeSpan cap = options.MaximumRetryDelay < TimeSpan.Zero ? TimeSpan.Zero : options.MaximumRetryDelay;
        TimeSpan? asked = RequestedDelay(retryAfter, responseDate, now ?? DateTimeOffset.UtcNow);
        if (asked is { } a) return a > cap ? null : a;

        double factor = Math.Pow(2, Math.Clamp(retry - 1, 0, 30));
        double ms = options.RetryDelay.TotalMilliseconds * factor * (1 + (jitter ?? Random.Shared.NextDouble() * 0.25));
        return TimeSpan.FromMilliseconds(Math.Min(Math.Max(ms, 0), cap.TotalMilliseconds));
    }

    /// <summary>The wait a Retry-After header asks for (never negative), or null when there is none.</summary>
    public static TimeSpan? RequestedDelay(RetryConditionHeaderValue? retryAfter, DateTimeOffset? responseDate, DateTimeOffset now)
    {
        if (retryAfter == null) return null;
        if (retryAfter.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (retryAfter.Date is { } date)
        {
            var wait = date - (responseDate ?? now);
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }
}
