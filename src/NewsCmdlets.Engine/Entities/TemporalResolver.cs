using System.Globalization;
using NewsCmdlets.Engine.Text;

namespace NewsCmdlets.Engine.Entities;

/// <summary>A date or quantity found in text: token range [Start, End) and its resolved value.</summary>
public sealed record ValueMention(int StartToken, int EndToken, NewsEntityType Type, string? Value, DateGranularity? Granularity,
    double? Number = null, string? Unit = null, string? Counted = null, bool Approximate = false);

/// <summary>
/// Finds dates in tokenised English text and resolves them against the article's own date, news-style: a bare weekday or
/// month is the latest one on or before the article date ("Sunday" in a Sunday paper is that day; "in December" in an
/// October article is last December), "last year" is the year before, "August last year" is August of that year.
/// Hand-written rules over tokens: linear, no regular expressions.
/// </summary>
public static class TemporalResolver
{
    private static readonly string[] MonthNames = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames;
    private static readonly string[] DayNames = CultureInfo.InvariantCulture.DateTimeFormat.DayNames;

    private static readonly HashSet<ulong> Relative = new(new[] { "yesterday", "today", "tomorrow", "tonight", "last", "this", "next", "past" }.Select(w => Tagging.Hashing.Lower(w)));

    internal static int Month(ReadOnlySpan<char> t)
    {
        if (t.Length < 3) return 0;
        if (t[^1] == '.') t = t[..^1];
        for (int m = 0; m < 12; m++)
        {
            var name = MonthNames[m].AsSpan();
            if (t.Equals(name, StringComparison.OrdinalIgnoreCase)) return m + 1;
            if (t.Length is 3 or 4 && m != 4 && name.StartsWith(t, StringComparison.OrdinalIgnoreCase) && (t.Length == 3 || t.Equals("Sept", StringComparison.OrdinalIgnoreCase))) return m + 1;
        }
        return 0;
    }

    internal static int Weekday(ReadOnlySpan<char> t)
    {
        for (int d = 0; d < 7; d++) if (t.Equals(DayNames[d], StringComparison.OrdinalIgnoreCase)) return d;
        return -1;
    }

    internal static int Year(ReadOnlySpan<char> t)
    {
        if (t.Length != 4 || !int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out int y)) return 0;
        return y is >= 1000 and <= 2199 ? y : 0;
    }

    private static int Day(ReadOnlySpan<char> t)
    {
        if (t.Length > 2 && (t.EndsWith("st") || t.EndsWith("nd") || t.EndsWith("rd") || t.EndsWith("th"))) t = t[..^2];
        return t.Length is 1 or 2 && int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out int d) && d is >= 1 and <= 31 ? d : 0;
    }

    /// <summary>Finds the dates among tokens [first, end) and marks their tokens in <paramref name="taken"/>.</summary>
    public static void Find(string text, IReadOnlyList<TextToken> tokens, int first, int end, DateTime? articleDate, bool[] taken, List<ValueMention> output)
    {
        ReadOnlySpan<char> Tok(int i) => i >= first && i < end ? tokens[i].Span(text) : ReadOnlySpan<char>.Empty;
        bool Is(int i, string w) => Tok(i).Equals(w, StringComparison.OrdinalIgnoreCase);
        int RelativeYear(int i) => Is(i, "last") || Is(i, "past") ? -1 : Is(i, "this") ? 0 : Is(i, "next") ? 1 : int.MinValue;
        // A date at the ends of the calendar (a page's placeholder "0001-01-01") resolves nothing: the arithmetic below
        // would leave the calendar.
        DateTime? now = articleDate is { Year: >= 100 and <= 9900 } ad ? ad.Date : null;

        for (int i = first; i < end; i++)
        {
            if (taken[i]) continue;
            var t = Tok(i);
            if (t.Length == 0 || !char.IsLetterOrDigit(t[0])) continue;
            if (char.IsLower(t[0]) && !Relative.Contains(Tagging.Hashing.Lower(t))) continue;
            int m = Month(t);
            bool capital = char.IsUpper(t[0]);
            if (m > 0 && capital && !(m == 5 && t.Length == 3 && !MayIsMonth(i)))
            {
                // Month Day, Year | Month Day | Month Year | Month last year | Month
                int d = Day(Tok(i + 1));
                if (d > 0)
                {
                    int j = i + 2;
                    if (Is(j, ",")) j++;
                    int y = Year(Tok(j));
                    if (y > 0) { Add(i, j + 1, Date(y, m, d)); continue; }
                    y = now.HasValue ? InferYear(now.Value, m, d) : 0;
                    Add(i, i + 2, y > 0 ? Date(y, m, d) : null, DateGranularity.Day);
                    continue;
                }
                int year = Year(Tok(i + 1));
                if (year > 0) { Add(i, i + 2, $"{year:D4}-{m:D2}", DateGranularity.Month); continue; }
                int rel = RelativeYear(i + 1);
                if (rel != int.MinValue && Is(i + 2, "year"))
                {
                    Add(i, i + 3, now.HasValue ? $"{now.Value.Year + rel:D4}-{m:D2}" : null, DateGranularity.Month);
                    continue;
                }
                int before = RelativeYear(i - 1);
                int yy;
                if (!now.HasValue) yy = 0;
                else if (before == -1) yy = m < now.Value.Month ? now.Value.Year : now.Value.Year - 1;
                else if (before == 1) yy = m > now.Value.Month ? now.Value.Year : now.Value.Year + 1;
                else if (before == 0) yy = now.Value.Year;
                else yy = m <= now.Value.Month ? now.Value.Year : now.Value.Year - 1;
                int start = before != int.MinValue ? i - 1 : i;
                Add(start, i + 1, yy > 0 ? $"{yy:D4}-{m:D2}" : null, DateGranularity.Month);
                continue;
            }
            int dayNum = Day(t);
            if (dayNum > 0 && !t.Contains(',') && Month(Tok(i + 1)) is int m2 and > 0 && char.IsUpper(Tok(i + 1)[0]))
            {
                int y = Year(Tok(i + 2));
                if (y > 0) { Add(i, i + 3, Date(y, m2, dayNum)); continue; }
                int iy = now.HasValue ? InferYear(now.Value, m2, dayNum) : 0;
                Add(i, i + 2, iy > 0 ? Date(iy, m2, dayNum) : null, DateGranularity.Day);
                continue;
            }
            int wd = Weekday(t);
            if (wd >= 0 && capital)
            {
                int rel = RelativeYear(i - 1);
                DateTime? day = null;
                if (now.HasValue)
                {
                    int back = ((int)now.Value.DayOfWeek - wd + 7) % 7;
                    if (rel == 1) day = now.Value.AddDays((wd - (int)now.Value.DayOfWeek + 7) % 7 is 0 ? 7 : (wd - (int)now.Value.DayOfWeek + 7) % 7);
                    else if (rel == -1) day = now.Value.AddDays(-(back == 0 ? 7 : back));
                    else day = now.Value.AddDays(-back);
                }
                if (rel == int.MinValue && now.HasValue && day < now && FutureContext(i))
                    day = day.Value.AddDays(7); // "the council would pay for taxis on Sunday": the coming one
                int start = rel != int.MinValue ? i - 1 : i;
                Add(start, i + 1, day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), DateGranularity.Day);
                continue;
            }
            if (t.Equals("yesterday", StringComparison.OrdinalIgnoreCase) || t.Equals("today", StringComparison.OrdinalIgnoreCase) ||
                t.Equals("tomorrow", StringComparison.OrdinalIgnoreCase) || t.Equals("tonight", StringComparison.OrdinalIgnoreCase))
            {
                int off = t[0] is 'y' or 'Y' ? -1 : t[0] is 't' or 'T' && t.Length == 8 && (t[2] == 'm' || t[2] == 'M') ? 1 : 0;
                Add(i, i + 1, now?.AddDays(off).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), DateGranularity.Day);
                continue;
            }
            int r = RelativeYear(i);
            if (r != int.MinValue)
            {
                var unit = Tok(i + 1);
                if (unit.Equals("year", StringComparison.OrdinalIgnoreCase))
                { Add(i, i + 2, now.HasValue ? (now.Value.Year + r).ToString("D4", CultureInfo.InvariantCulture) : null, DateGranularity.Year); continue; }
                if (unit.Equals("month", StringComparison.OrdinalIgnoreCase))
                { Add(i, i + 2, now?.AddMonths(r).ToString("yyyy-MM", CultureInfo.InvariantCulture), DateGranularity.Month); continue; }
                if (unit.Equals("week", StringComparison.OrdinalIgnoreCase))
                {
                    string? v = null;
                    if (now.HasValue) { var w = now.Value.AddDays(7 * r); v = $"{ISOWeek.GetYear(w):D4}-W{ISOWeek.GetWeekOfYear(w):D2}"; }
                    Add(i, i + 2, v, DateGranularity.Week);
                    continue;
                }
            }
            int year4 = Year(t);
            if (year4 > 0 && !IsFollowedByUnit(i))
            {
                // 1950-53 is handled below; a bare year.
                Add(i, i + 1, year4.ToString("D4", CultureInfo.InvariantCulture), DateGranularity.Year);
                continue;
            }
            // 1950s, 1990s, '90s
            if (t.Length == 5 && t[4] == 's' && Year(t[..4]) is int dec and > 0 && dec % 10 == 0)
            {
                Add(Is(i - 1, "the") ? i - 1 : i, i + 1, $"{dec}s", DateGranularity.Decade);
                continue;
            }
            // 1950-53, 2019-2020 (a range of years)
            int dash = t.IndexOf('-');
            if (dash == 4 && Year(t[..4]) is int y1 and > 0 && t.Length is 7 or 9)
            {
                var rest = t[5..];
                if (int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out int y2))
                {
                    if (rest.Length == 2) y2 += y1 / 100 * 100;
                    if (y2 > y1 && y2 - y1 < 100) { Add(i, i + 1, $"{y1:D4}/{y2:D4}", DateGranularity.Year); continue; }
                }
            }
        }

        // A future-tense clause before the date: will, would, 'll, due to, set to, scheduled, expected, plans.
        bool FutureContext(int i)
        {
            for (int k = i - 1; k >= first && k >= i - 12; k--)
            {
                var w = Tok(k);
                if (w.Length == 1 && w[0] is '.' or ';' or ':') break;
                if (w.Equals("will", StringComparison.OrdinalIgnoreCase) || w.Equals("would", StringComparison.OrdinalIgnoreCase) ||
                    w.Equals("'ll", StringComparison.OrdinalIgnoreCase) || w.Equals("due", StringComparison.OrdinalIgnoreCase) ||
                    w.Equals("scheduled", StringComparison.OrdinalIgnoreCase) || w.Equals("expected", StringComparison.OrdinalIgnoreCase) ||
                    w.Equals("plans", StringComparison.OrdinalIgnoreCase) || w.Equals("upcoming", StringComparison.OrdinalIgnoreCase) ||
                    w.Equals("until", StringComparison.OrdinalIgnoreCase))
                    return true;
                if (w.Equals("said", StringComparison.OrdinalIgnoreCase) || w.Equals("was", StringComparison.OrdinalIgnoreCase) ||
                    w.Equals("were", StringComparison.OrdinalIgnoreCase) || w.Equals("had", StringComparison.OrdinalIgnoreCase)) break;
            }
            return false;
        }

        bool MayIsMonth(int i)
        {
            if (Day(Tok(i + 1)) > 0 || Year(Tok(i + 1)) > 0) return true;
            var p = Tok(i - 1);
            return p.Equals("in", StringComparison.OrdinalIgnoreCase) || p.Equals("since", StringComparison.OrdinalIgnoreCase) ||
                   p.Equals("until", StringComparison.OrdinalIgnoreCase) || p.Equals("early", StringComparison.OrdinalIgnoreCase) ||
                   p.Equals("late", StringComparison.OrdinalIgnoreCase) || p.Equals("last", StringComparison.OrdinalIgnoreCase) ||
                   p.Equals("next", StringComparison.OrdinalIgnoreCase) || p.Equals("mid", StringComparison.OrdinalIgnoreCase) ||
                   p.Equals("of", StringComparison.OrdinalIgnoreCase) || p.Equals("by", StringComparison.OrdinalIgnoreCase);
        }

        bool IsFollowedByUnit(int i)
        {
            var n = Tok(i + 1);
            if (n.Length == 0) return false;
            return QuantityRecognizer.UnitOf(n) != null || n.Equals("percent", StringComparison.OrdinalIgnoreCase) || n.Equals("%", StringComparison.Ordinal)
                   || Is(i - 1, "$") || n.Equals("people", StringComparison.OrdinalIgnoreCase);
        }

        void Add(int s, int e, string? value, DateGranularity g = DateGranularity.Day)
        {
            s = Math.Max(s, first);
            e = Math.Min(e, end);
            for (int k = s; k < e; k++) taken[k] = true;
            output.Add(new ValueMention(s, e, NewsEntityType.Date, value, g));
        }
    }

    private static string? Date(int y, int m, int d) =>
        d <= DateTime.DaysInMonth(Math.Clamp(y, 1, 9999), m) ? $"{y:D4}-{m:D2}-{d:D2}" : null;

    // A day and month without a year: the latest such date not more than a week after the article date.
    private static int InferYear(DateTime now, int m, int d)
    {
        int y = now.Year;
        if (d > DateTime.DaysInMonth(y, m)) return y;
        return new DateTime(y, m, d) > now.AddDays(7) ? y - 1 : y;
    }
}
