using NewsCmdlets.TestSupport;
using System.Net.Http.Headers;
using NewsCmdlets.Engine.Ingest.Web;

namespace NewsCmdlets.Engine.Tests.Web;

public class RetryPolicyTests
{
    private static readonly WebFetchOptions Options = new() { RetryDelay = TimeSpan.FromSeconds(1), MaximumRetryDelay = TimeSpan.FromSeconds(30) };
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(504, true)]
    [InlineData(408, true)]
    [InlineData(501, false)]
    [InlineData(505, false)]
    [InlineData(404, false)]
    [InlineData(400, false)]
    [InlineData(403, false)]
    public void Only_passing_failures_are_retried(int status, bool retry) => Assert.Equal(retry, RetryPolicy.IsRetryable(status));

    [Fact]
    public void Retry_After_in_seconds_is_used_as_given()
    {
        var d = RetryPolicy.DelayBeforeRetry(1, new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)), null, Options, Now, jitter: 0);
        Assert.Equal(TimeSpan.FromSeconds(7), d);
    }

    [Fact]
    public void Retry_After_as_a_date_is_measured_from_the_answer_s_Date_header()
    {
        var retryAt = new RetryConditionHeaderValue(Now.AddSeconds(12));
        Assert.Equal(TimeSpan.FromSeconds(2), RetryPolicy.DelayBeforeRetry(1, retryAt, Now.AddSeconds(10), Options, Now.AddHours(1), jitter: 0));
        // Without a Date header, against the clock; a date in the past means "now".
        Assert.Equal(TimeSpan.FromSeconds(12), RetryPolicy.DelayBeforeRetry(1, retryAt, null, Options, Now, jitter: 0));
        Assert.Equal(TimeSpan.Zero, RetryPolicy.DelayBeforeRetry(1, new RetryConditionHeaderValue(Now.AddSeconds(-5)), null, Options, Now, jitter: 0));
    }

    [Fact]
    public void A_Retry_After_beyond_the_cap_means_give_up()
    {
        Assert.Null(RetryPolicy.DelayBeforeRetry(1, new RetryConditionHeaderValue(TimeSpan.FromSeconds(31)), null, Options, Now));
        Assert.Equal(TimeSpan.FromSeconds(30), RetryPolicy.DelayBeforeRetry(1, new RetryConditionHeaderValue(TimeSpan.FromSeconds(30)), null, Options, Now));
    }

    [Fact]
    public void Without_Retry_After_the_wait_doubles_and_stops_growing_at_the_cap()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), RetryPolicy.DelayBeforeRetry(1, null, null, Options, Now, jitter: 0));
        Assert.Equal(TimeSpan.FromSeconds(2), RetryPolicy.DelayBeforeRetry(2, null, null, Options, Now, jitter: 0));
        Assert.Equal(TimeSpan.FromSeconds(4), RetryPolicy.DelayBeforeRetry(3, null, null, Options, Now, jitter: 0));
        Assert.Equal(TimeSpan.FromSeconds(30), RetryPolicy.DelayBeforeRetry(9, null, null, Options, Now, jitter: 0));
        var jittered = RetryPolicy.DelayBeforeRetry(2, null, null, Options, Now)!.Value;
        Assert.InRange(jittered, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2.5));
    }
}
