using NewsCmdlets.Engine.Ingest.Feeds;

namespace NewsCmdlets.Engine.Tests.Feeds;

public sealed class FeedDateParserTests
{
    [Theory]
    [InlineData("Sat, 14 Mar 2026 07:45:00 +0000", "2026-03-14T07:45:00+00:00")]
    [InlineData("Sat, 14 Mar 2026 07:45:00 GMT", "2026-03-14T07:45:00+00:00")]
    [InlineData("14 Mar 2026 07:45:00 +0100", "2026-03-14T07:45:00+01:00")]               // no day name
    [InlineData("Sun, 14 Mar 2026 07:45:00 +0100", "2026-03-14T07:45:00+01:00")]          // wrong day name
    [InlineData("Sat, 14 March 2026 07:45:00 EST", "2026-03-14T07:45:00-05:00")]          // full month, zone name
    [InlineData("Sat, 14 Mar 26 07:45:00 +0000", "2026-03-14T07:45:00+00:00")]            // two-digit year
    [InlineData("Sat, 14 Mar 2026 7:45 +0000", "2026-03-14T07:45:00+00:00")]              // no seconds, one-digit hour
    [InlineData("Sat, 14 Mar 2026 07:45:00 GMT+0200", "2026-03-14T07:45:00+02:00")]
    [InlineData("Sat, 14 Mar 2026 07:45:00 UTC+05:30", "2026-03-14T07:45:00+05:30")]
    [InlineData("Sat, 14 Mar 2026 07:45:00 +0000 (UTC)", "2026-03-14T07:45:00+00:00")]
    [InlineData("Sat, 14 Mar 2026 07:45:00 +01", "2026-03-14T07:45:00+01:00")]
    [InlineData("Sat,14 Mar 2026 07:45:00 +0000", "2026-03-14T07:45:00+00:00")]
    [InlineData("14-Mar-2026 07:45", "2026-03-14T07:45:00+00:00")]
    [InlineData("2026-03-14T07:45:00Z", "2026-03-14T07:45:00+00:00")]
    [InlineData("2026-03-14T07:45:00.123+01:00", "2026-03-14T07:45:00.123+01:00")]
    [InlineData("2026-03-14 07:45:00", "2026-03-14T07:45:00+00:00")]                      // space, no zone: UTC
    [InlineData("2026-03-14", "2026-03-14T00:00:00+00:00")]
    [InlineData("20260314T074500Z", "2026-03-14T07:45:00+00:00")]
    [InlineData("1773474300", "2026-03-14T07:45:00+00:00")]                               // Unix seconds
    [InlineData("1773474300000", "2026-03-14T07:45:00+00:00")]                            // Unix milliseconds
    [InlineData("March 14, 2026 7:45 am", "2026-03-14T07:45:00+00:00")]
    public void Reads_the_dates_feeds_carry(string text, string expected)
    {
        Assert.True(FeedDateParser.TryParse(text, out var value, out var problem), problem);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture).Offset, value.Offset);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("03/04/2026")]
    [InlineData("0000-00-00 00:00:00")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("Sat, 32 Mar 2026 07:45:00 GMT")]
    public void Refuses_what_cannot_be_read_and_says_why(string text)
    {
        Assert.False(FeedDateParser.TryParse(text, out _, out var problem));
        Assert.False(string.IsNullOrEmpty(problem));
    }

    [Fact]
    public void No_date_is_not_a_problem()
    {
        Assert.False(FeedDateParser.TryParse("  ", out _, out var problem));
        Assert.Null(problem);
    }
}
