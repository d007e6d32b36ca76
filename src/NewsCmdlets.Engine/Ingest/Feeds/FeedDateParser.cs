using System.Globalization;
using System.Text.RegularExpressions;
using NewsCmdlets.Engine.Text;

namespace NewsCmdlets.Engine.Ingest.Feeds;

/// <summary>
/// Reads the dates feeds carry: RFC 822 (RSS) with its common deviations, ISO 8601 / RFC 3339 (Atom, JSON Feed,
/// dc:date), and the broken forms seen in real feeds. It normalises what <see cref="NewsDateParser"/> does not
/// expect and then lets it do the reading, so feeds and articles agree on every form they share.
/// </summary>
/// <remarks>
/// Deviations handled: a missing or wrong day name ("Sun, 14 Mar 2026" on a Saturday), full or dotted month names,
/// two-digit years ("14 Mar 26"), missing seconds, single-digit hours, "GMT+0100" / "UTC+01:00" / "+01" offsets,
/// a trailing "(UTC)" comment, time zone names (EST, CEST …), ISO dates with a space instead of "T" or without a
/// zone (read as UTC), ISO basic format ("20260314T083000Z"), Unix timestamps in seconds or milliseconds.
/// Placeholder dates before 1970 ("0001-01-01") and numeric dates whose day and month order cannot be told
/// ("03/04/2026") are not guessed: they are reported as unreadable.
/// </remarks>
public static class FeedDateParser
{
    // No timeout: every pattern is bounded and the text is at most 120 characters. A timeout is a clock, and on a
    // busy machine a clock refused good dates.
    private static readonly TimeSpan RegexTimeout = Regex.InfiniteMatchTimeout;

    private static readonly Regex TrailingComment = new(@"\s*\([^()]{0,40}\)\s*$", RegexOptions.CultureInvariant, RegexTimeout);
    private static readonly Regex NamedOffset = new(@"\b(?:GMT|UTC|UT)\s*(?<sign>[+-])(?<h>\d{1,2})(?::?(?<m>\d{2}))?\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, RegexTimeout);
    private static readonly Regex HourOnlyOffset = new(@"(?<=\d{2}:\d{2}(?::\d{2})?\s?)(?<sign>[+-])(?<h>\d{2})$", RegexOptions.CultureInvariant, RegexTimeout);
    private static readonly Regex TwoDigitYear = new(
        @"^(?<pre>(?:[A-Za-z]{2,9}\.?,?\s*)?\d{1,2}[\s-]+[A-Za-z]{3,9}\.?[\s-]+)(?<yy>\d{2})(?<post>\s|$)",
        RegexOptions.CultureInvariant, RegexTimeout);
    private static readonly Regex Epoch = new(@"^\d{9,13}(?:\.\d+)?$", RegexOptions.CultureInvariant, RegexTimeout);
    private static readonly Regex AmbiguousNumeric = new(@"^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b", RegexOptions.CultureInvariant, RegexTimeout);
    private static readonly string[] IsoBasic = { "yyyyMMdd'T'HHmmssK", "yyyyMMdd'T'HHmmss", "yyyyMMdd'T'HHmmK", "yyyyMMdd" };

    /// <summary>
    /// Reads <paramref name="text"/>. Returns false when there is no date (null or blank: <paramref name="problem"/>
    /// is null) or when it cannot be read (<paramref name="problem"/> says why).
    /// </summary>
    public static bool TryParse(string? text, out DateTimeOffset value, out string? problem)
    {
        value = default;
        problem = null;
        if (string.IsNullOrWhiteSpace(text)) return false;
        string s = Regex.Replace(text.Trim(), @"\s+", " ");
        if (s.Length > 120)
        {
            problem = "it is too long to be a date";
            return false;
        }
        try
        {
            if (TryRead(s, out value))
            {
                if (value.Year < 1970)
                {
                    problem = $"the year {value.Year} is a placeholder, not a publication date";
                    value = default;
                    return false;
                }
                return true;
            }
        }
        catch (RegexMatchTimeoutException)
        {
        }
        problem = AmbiguousNumeric.IsMatch(s)
            ? "the order of day and month cannot be told"
            : "it is not in a date format that feeds use (RFC 822 or ISO 8601)";
        return false;
    }

    private static bool TryRead(string s, out DateTimeOffset value)
    {
        value = default;
        if (Epoch.IsMatch(s))
        {
            double n = double.Parse(s, CultureInfo.InvariantCulture);
            if (n >= 1e12) n /= 1000; // milliseconds
            if (n is < 0 or > 4102444800) return false; // beyond 2100
            value = DateTimeOffset.FromUnixTimeMilliseconds((long)(n * 1000));
            return true;
        }
        if (s.Length >= 8 && char.IsDigit(s[0]) && !s.Contains('-') && !s.Contains('/') && !s.Contains(' ') &&
            DateTimeOffset.TryParseExact(s, IsoBasic, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value))
            return true;
        if (AmbiguousNumeric.IsMatch(s)) return false;

        string n2 = TrailingComment.Replace(s, "");
        n2 = NamedOffset.Replace(n2, m =>
            $"{m.Groups["sign"].Value}{int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture):00}{(m.Groups["m"].Success ? m.Groups["m"].Value : "00")}");
        n2 = HourOnlyOffset.Replace(n2, m => $"{m.Groups["sign"].Value}{m.Groups["h"].Value}00");
        n2 = TwoDigitYear.Replace(n2, m =>
        {
            int yy = int.Parse(m.Groups["yy"].Value, CultureInfo.InvariantCulture);
            return m.Groups["pre"].Value + (yy < 50 ? 2000 + yy : 1900 + yy).ToString(CultureInfo.InvariantCulture) + m.Groups["post"].Value;
        });
        // "14-Mar-2026" and "Mar-14-2026": NewsDateParser expects spaces between the parts of a written date.
        n2 = Regex.Replace(n2, @"(?<=\d)-(?=[A-Za-z]{3})|(?<=[A-Za-z]{3})-(?=\d)", " ");
        if (!NewsDateParser.TryParseAny(n2, out var parsed)) return false;
        value = parsed.Value;
        return true;
    }
}
