using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace NewsCmdlets.Engine.Text;

/// <summary>Small, allocation-light measurements of a line of text that chrome detection is built on.</summary>
public static class TextShape
{
    public static int CountWords(string s)
    {
        int n = 0;
        bool inWord = false;
        foreach (char c in s)
        {
            bool w = char.IsLetterOrDigit(c);
            if (w && !inWord) n++;
            inWord = w || (inWord && (c == '\'' || c == '’' || c == '-' || c == '\u00AD'));
        }
        return n;
    }

    /// <summary>Ends like a sentence: . ! ? possibly followed by closing quotes (of any language's style: ” ’ » « “ ‘ › ‹ 」 』) or brackets.</summary>
    public static bool EndsLikeSentence(string s)
    {
        int i = s.Length - 1;
        while (i >= 0 && (s[i] is '"' or '”' or '’' or '\'' or ')' or ']' or '»' or ' ' or '“' or '‘' or '«' or '›' or '‹' or '」' or '』')) i--;
        if (i < 0) return false;
        if (s[i] == '.' && i >= 2 && s[i - 1] == '.' && s[i - 2] == '.') return false; // "..." is a cut teaser
        return s[i] is '.' or '!' or '?' or '。' or '！' or '？';
    }

    /// <summary>Cut off with an ellipsis, the shape of a teaser.</summary>
    public static bool IsTruncated(string s)
    {
        string t = s.TrimEnd();
        return t.EndsWith("...", StringComparison.Ordinal) || t.EndsWith("…", StringComparison.Ordinal) || t.EndsWith("[…]", StringComparison.Ordinal);
    }

    private static readonly Regex TimeLike = new(
        @"^(?:\d{1,2}:\d{2}(?::\d{2})?|\d+\s*(?:s|sec|secs|m|min|mins|h|hr|hrs|d|w|mo|y|seconds?|minutes?|hours?|days?|weeks?|months?|years?)\s+ago|just now|updated|an? (?:minute|hour|day|week) ago|yesterday|today)\.?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private static readonly Regex ClockTime = new(
        @"^(?:\d{1,2}:\d{2}(?::\d{2})?\s*[ap]\.?m\.?|\d{1,2}\s*[ap]\.?m\.?|\d{1,2}:\d{2}(?::\d{2})?\s*(?:UTC|GMT))(?:\s*(?:UTC|GMT|[ECMP][SD]?T))?[.:]?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    /// <summary>A line that is only a clock time with its am/pm or time zone ("7:05pm:", "11:40 a.m.", "09:15 GMT"): a
    /// stamp over a story, never its headline.</summary>
    public static bool IsClockTime(string s) => s.Length <= 24 && ClockTime.IsMatch(s.Trim());

    /// <summary>A line that is only a relative time or a video duration ("57m ago", "1:54").</summary>
    public static bool IsTimeLike(string s) => s.Length <= 24 && TimeLike.IsMatch(s.Trim());

    private static readonly char[] TrailSeparators = { '|', '>', '›', '»', '/', '·', '•' };

    /// <summary>A navigation trail ("Home | News | Region", "World › Asia › Korea"): three or more short segments.</summary>
    public static bool IsNavigationTrail(string s)
    {
        if (s.Length > 160 || EndsLikeSentence(s)) return false;
        var parts = s.Split(TrailSeparators, StringSplitOptions.TrimEntries);
        if (parts.Length < 3) return false;
        foreach (var part in parts)
        {
            int w = CountWords(part);
            if (w == 0 || w > 4) return false;
        }
        return true;
    }

    /// <summary>Normalised form for comparing blocks: lower case, letters and digits only, single spaces.</summary>
    public static string Normalise(string s)
    {
        if (s.Length <= 512)
        {
            Span<char> buffer = stackalloc char[s.Length];
            return new string(buffer[..Normalise(s, buffer)]);
        }
        char[] rented = System.Buffers.ArrayPool<char>.Shared.Rent(s.Length);
        string result = new(rented, 0, Normalise(s, rented));
        System.Buffers.ArrayPool<char>.Shared.Return(rented);
        return result;
    }

    /// <summary><see cref="Normalise(string)"/> written into <paramref name="into"/> (at least as long as <paramref name="s"/>: the normalised form is never longer); returns its length.</summary>
    internal static int Normalise(ReadOnlySpan<char> s, Span<char> into)
    {
        int n = 0;
        bool space = false;
        foreach (char c in s)
        {
            if (char.IsLetterOrDigit(c)) { if (space && n > 0) into[n++] = ' '; into[n++] = char.ToLowerInvariant(c); space = false; }
            else if (c != '\u00AD') space = true; // a soft hyphen inside a word is no break: "Stadt\u00ADrat" is "stadtrat"
        }
        return n;
    }

    private static readonly HashSet<string> LowerParticles = new(StringComparer.OrdinalIgnoreCase)
    { "de", "da", "do", "dos", "das", "del", "della", "la", "le", "of", "the", "and", "van", "von", "der", "den", "al", "el", "bin", "du" };

    /// <summary>"SEOUL" → "Seoul", "RIO DE JANEIRO" → "Rio de Janeiro"; mixed-case text is returned as it is.</summary>
    /// <summary>
    /// <paramref name="text"/>[<paramref name="start"/>, <paramref name="end"/>) as one line (line breaks as spaces), cut at
    /// <paramref name="max"/> characters with "…" added: what a sentence shown beside an entity or a quote reads. One
    /// string is made (not a substring, its copy without line breaks and the cut's concatenation).
    /// </summary>
    internal static string OneLine(string text, int start, int end, int max)
    {
        bool cut = end - start > max;
        int length = cut ? max : end - start;
        if (!cut && text.AsSpan(start, length).IndexOf('\n') < 0) return text.Substring(start, length);
        return string.Create(cut ? length + 1 : length, (text, start, length), static (into, a) =>
        {
            a.text.AsSpan(a.start, a.length).Replace(into, '\n', ' ');
            if (into.Length > a.length) into[a.length] = '…';
        });
    }

    public static string TitleCaseIfUpper(string s)
    {
        if (s.Any(char.IsLower)) return s;
        var words = s.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < words.Length; i++)
        {
            if (i > 0 && LowerParticles.Contains(words[i])) continue;
            words[i] = CapitaliseParts(words[i]);
        }
        return string.Join(' ', words);
    }

    private static string CapitaliseParts(string w)
    {
        var sb = new StringBuilder(w);
        bool start = true;
        for (int i = 0; i < sb.Length; i++)
        {
            if (start && char.IsLetter(sb[i])) { sb[i] = char.ToUpper(sb[i], CultureInfo.InvariantCulture); start = false; }
            else if (sb[i] is '-' or '.' or '\'' or '’') start = sb[i] != '\'' && sb[i] != '’' || i == 1;
        }
        return sb.ToString();
    }
}
