using System.Globalization;
using System.Text.RegularExpressions;

namespace NewsCmdlets.Engine.Text;

/// <summary>A date read from text, with whether the text stated a time and a time zone.</summary>
public readonly record struct ParsedDate(DateTimeOffset Value, bool HasTime, bool HasZone)
{
    /// <summary>How much of the moment the text stated.</summary>
    public DatePrecision Precision => HasZone ? DatePrecision.Time : HasTime ? DatePrecision.TimeWithoutZone : DatePrecision.Date;

    /// <summary>What a date's origin in <c>Sources</c> adds about its precision: nothing, no time zone, or the date only
    /// (<see cref="DatePrecisions.Of"/> reads it back).</summary>
    public string Note => DatePrecisions.Note(Precision);
}

/// <summary>How much of a publication moment the input stated. A date without a time is held at 00:00 UTC of that day
/// (a <see cref="DateTimeOffset"/> must hold some time); the precision says that the time of day is unknown.</summary>
public enum DatePrecision
{
    /// <summary>Only the day is known; the time of day and the time zone are not.</summary>
    Date,
    /// <summary>A time of day without a time zone; read as UTC.</summary>
    TimeWithoutZone,
    /// <summary>A time of day with its offset from UTC.</summary>
    Time,
}

/// <summary>The precision note a date's origin carries in an article's <c>Sources</c> ("file header line (date only)"),
/// written by the readers and read back by <see cref="Model.NewsArticle.PublishedPrecision"/>, so articles stored in the
/// cache keep their precision too.</summary>
public static class DatePrecisions
{
    public const string DateOnlyNote = " (date only)";
    public const string NoZoneNote = " (no time zone stated; read as UTC)";

    public static string Note(DatePrecision p) => p switch
    {
        DatePrecision.Date => DateOnlyNote,
        DatePrecision.TimeWithoutZone => NoZoneNote,
        _ => "",
    };

    /// <summary>The precision a source note states; <see cref="DatePrecision.Time"/> when it states no limit.</summary>
    public static DatePrecision Of(string? source) =>
        source == null ? DatePrecision.Time
        : source.EndsWith(DateOnlyNote, StringComparison.Ordinal) ? DatePrecision.Date
        : source.EndsWith(NoZoneNote, StringComparison.Ordinal) ? DatePrecision.TimeWithoutZone
        : DatePrecision.Time;
}

/// <summary>
/// Reads the date stamps news text carries: ISO 8601, "October 19, 2025 6:48 am", "19 Oct 2025 06:48 BST",
/// "Oct. 19, 2025", "2025/10/19", RFC 822. Time zone abbreviations common in news are understood; without one the
/// time is read as UTC and <see cref="ParsedDate.HasZone"/> is false so callers can say so.
/// </summary>
public static class NewsDateParser
{
    private static readonly Dictionary<string, int> Months = new(StringComparer.OrdinalIgnoreCase)
    {
        ["jan"] = 1, ["january"] = 1, ["feb"] = 2, ["february"] = 2, ["mar"] = 3, ["march"] = 3,
        ["apr"] = 4, ["april"] = 4, ["may"] = 5, ["jun"] = 6, ["june"] = 6, ["jul"] = 7, ["july"] = 7,
        ["aug"] = 8, ["august"] = 8, ["sep"] = 9, ["sept"] = 9, ["september"] = 9, ["oct"] = 10, ["october"] = 10,
        ["nov"] = 11, ["november"] = 11, ["dec"] = 12, ["december"] = 12,
    };

    /// <summary>A month's name or its abbreviation, without a point ("March", "mar", "Sept").</summary>
    public static bool IsMonthName(string word) => Months.ContainsKey(word);

    private static readonly HashSet<string> WeekdayNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    };

    /// <summary>A weekday's full name ("Tuesday").</summary>
    public static bool IsWeekdayName(string word) => WeekdayNames.Contains(word);

    // Offsets in minutes. Ambiguous abbreviations take their most common reading in English-language news.
    private static readonly Dictionary<string, int> Zones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UTC"] = 0, ["GMT"] = 0, ["Z"] = 0, ["UT"] = 0, ["BST"] = 60, ["IST"] = 330, ["CET"] = 60, ["CEST"] = 120,
        ["EET"] = 120, ["EEST"] = 180, ["WET"] = 0, ["WEST"] = 60, ["MSK"] = 180,
        ["EST"] = -300, ["EDT"] = -240, ["CST"] = -360, ["CDT"] = -300, ["MST"] = -420, ["MDT"] = -360,
        ["PST"] = -480, ["PDT"] = -420, ["AKST"] = -540, ["AKDT"] = -480, ["HST"] = -600,
        ["KST"] = 540, ["JST"] = 540, ["HKT"] = 480, ["SGT"] = 480, ["AEST"] = 600, ["AEDT"] = 660,
        ["ACST"] = 570, ["AWST"] = 480, ["NZST"] = 720, ["NZDT"] = 780, ["SAST"] = 120, ["WAT"] = 60, ["EAT"] = 180,
        ["PKT"] = 300, ["ICT"] = 420, ["WIB"] = 420, ["PHT"] = 480,
    };

    private static readonly Regex MonthFirst = new(
        @"\b(?<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+(?<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<year>\d{4})",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private static readonly Regex DayFirst = new(
        @"\b(?<day>\d{1,2})(?:st|nd|rd|th)?\s+(?<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?,?\s+(?<year>\d{4})",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private static readonly Regex Numeric = new(
        @"\b(?<year>(?:19|20)\d{2})[-/.](?<mon>\d{1,2})[-/.](?<day>\d{1,2})\b",
        RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private static readonly Regex Time = new(
        @"(?<![\d:])(?<h>\d{1,2})(?::(?<m>\d{2}))(?::(?<s>\d{2}))?\s*(?<ampm>[ap]\.?\s?m\.?)?(?:\s*\(?(?:UTC|GMT)\s?(?<off>[+\-−]\d{1,2}(?::?\d{2})?)\)?|\s*(?<zone>[A-Z]{1,5}\b|[+-]\d{2}:?\d{2}\b|Z\b))?|(?<![\d:])(?<h>\d{1,2})\s*(?<ampm>[ap]\.?m\.?)(?:\s*\(?(?:UTC|GMT)\s?(?<off>[+\-−]\d{1,2}(?::?\d{2})?)\)?|\s*(?<zone>[A-Z]{1,5}\b))?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    /// <summary>Parses the first date found in <paramref name="text"/>; false when there is none, or when it is no
    /// plausible date for a text (a page's placeholder "0001-01-01T00:00:00Z": before 1700 or after 9000).</summary>
    public static bool TryParse(string? text, out ParsedDate date)
    {
        if (TryParseAny(text, out date) && date.Value.Year is >= 1700 and <= 9000) return true;
        date = default;
        return false;
    }

    /// <summary>As <see cref="TryParse"/>, any year: for callers that report a placeholder year themselves (feeds).</summary>
    internal static bool TryParseAny(string? text, out ParsedDate date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        string s = text.Trim();
        if (s.Length > 200) s = s[..200];

        // ISO 8601 and RFC 822 first: they carry their own offsets.
        if (LooksIso(s) && DateTimeOffset.TryParse(s.TrimEnd('.'), CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var iso))
        {
            bool hasTime = s.Length > 10 && (s[10] == 'T' || s[10] == ' ');
            bool hasZone = hasTime && Regex.IsMatch(s[10..], @"(Z|[+-]\d{2}:?\d{2})\s*$");
            date = new ParsedDate(iso, hasTime, hasZone);
            return true;
        }
        if (DateTimeOffset.TryParseExact(s, new[] { "ddd, dd MMM yyyy HH:mm:ss zzz", "ddd, d MMM yyyy HH:mm:ss zzz", "dd MMM yyyy HH:mm:ss zzz" },
                CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var rfc))
        {
            date = new ParsedDate(rfc, true, true);
            return true;
        }

        Match m = MonthFirst.Match(s);
        if (!m.Success) m = DayFirst.Match(s);
        int year, month, day;
        if (m.Success)
        {
            year = int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture);
            month = Months[m.Groups["mon"].Value.TrimEnd('.')];
            day = int.Parse(m.Groups["day"].Value, CultureInfo.InvariantCulture);
        }
        else
        {
            m = Numeric.Match(s);
            if (!m.Success) return false;
            year = int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture);
            month = int.Parse(m.Groups["mon"].Value, CultureInfo.InvariantCulture);
            day = int.Parse(m.Groups["day"].Value, CultureInfo.InvariantCulture);
        }
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;

        // A time after (or before) the date, within the same stamp.
        int hour = 0, minute = 0, second = 0;
        bool hasT = false, hasZ = false;
        TimeSpan offset = TimeSpan.Zero;
        string rest = s.Remove(m.Index, m.Length);
        Match t = Time.Match(rest);
        if (t.Success)
        {
            hour = int.Parse(t.Groups["h"].Value, CultureInfo.InvariantCulture);
            minute = t.Groups["m"].Success ? int.Parse(t.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
            second = t.Groups["s"].Success ? int.Parse(t.Groups["s"].Value, CultureInfo.InvariantCulture) : 0;
            string ampm = t.Groups["ampm"].Value.Replace(".", "").Replace(" ", "").ToLowerInvariant();
            if (ampm == "pm" && hour < 12) hour += 12;
            if (ampm == "am" && hour == 12) hour = 0;
            if (hour < 24 && minute < 60 && second < 60)
            {
                hasT = true;
                string zone = t.Groups["zone"].Value;
                if (t.Groups["off"].Success && GmtOffset(t.Groups["off"].Value) is { } gmt) { offset = gmt; hasZ = true; }
                else if (zone.Length > 0)
                {
                    if (Zones.TryGetValue(zone, out int minutes)) { offset = TimeSpan.FromMinutes(minutes); hasZ = true; }
                    else if (zone[0] is '+' or '-' && TimeSpan.TryParse(zone.TrimStart('+', '-').Insert(zone.Contains(':') ? 0 : 2, zone.Contains(':') ? "" : ":"), CultureInfo.InvariantCulture, out var off))
                    {
                        offset = zone[0] == '-' ? -off : off; hasZ = true;
                    }
                }
            }
            else { hour = minute = second = 0; }
        }
        date = new ParsedDate(new DateTimeOffset(year, month, day, hour, minute, second, offset), hasT, hasZ);
        return true;
    }

    private static readonly HashSet<string> DateWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
        "am", "pm", "a", "p", "m", "at", "on", "of", "the", "t", "z", "st", "nd", "rd", "th", "et", "pt", "ct", "mt", "local", "time",
    };

    /// <summary>
    /// A line that is a date stamp and nothing else ("Friday, December 5, 2025", "19 October 2025 20:50 (UTC+04:00)",
    /// "2025-10-19T08:00Z"): it parses as a date and every word of it is part of a date or time. "Storm hits on March
    /// 3, 2026" is no such line.
    /// </summary>
    public static bool IsDateOnly(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 80 || !TryParse(text, out _)) return false;
        int i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i])) { i++; continue; }
            int start = i;
            bool letters = char.IsLetter(text[i]);
            while (i < text.Length && char.IsLetterOrDigit(text[i]) && char.IsLetter(text[i]) == letters) i++;
            if (!letters) continue;
            string word = text[start..i];
            if (!DateWords.Contains(word) && !Months.ContainsKey(word) && !Zones.ContainsKey(word)) return false;
        }
        return true;
    }

    /// <summary>"+4", "+04:00", "-0530", "−3" (after UTC or GMT) as an offset; null when out of range.</summary>
    private static TimeSpan? GmtOffset(string s)
    {
        bool negative = s[0] is '-' or '−';
        string digits = s[1..].Replace(":", "");
        int h, m = 0;
        if (digits.Length <= 2) h = int.Parse(digits, CultureInfo.InvariantCulture);
        else
        {
            h = int.Parse(digits[..^2], CultureInfo.InvariantCulture);
            m = int.Parse(digits[^2..], CultureInfo.InvariantCulture);
        }
        if (h > 14 || m >= 60) return null;
        var off = new TimeSpan(h, m, 0);
        return negative ? -off : off;
    }

    private static bool LooksIso(string s) =>
        s.Length >= 10 && char.IsDigit(s[0]) && char.IsDigit(s[3]) && s[4] == '-' && s[7] == '-';
}
