using NewsCmdlets.Engine.Model;
using NewsCmdlets.Engine.Text;

namespace NewsCmdlets.Engine.Coverage;

/// <summary>
/// Which parts of an article can state a claim: its running sentences, not the page furniture the importer left in the
/// body (photo captions and credits, time stamps, tables and score lines, sub-heads, "Read more" and copyright lines).
/// Decided by the shape of each line (short, no verb-like lower-case words, mostly figures, a credit at its end) and a
/// few generic markers of page furniture; never by names of sites. Linear in the text, no regular expressions.
/// </summary>
internal sealed class ClaimableText
{
    private readonly Dictionary<string, List<(int Start, int End)>> _excluded = new(StringComparer.Ordinal);
    /// <summary>Where the body's dateline ("TORONTO —", "SEOUL, South Korea (AP) —") ends: where a story was filed is no fact of it.</summary>
    private int _datelineEnd = -1;
    /// <summary><see cref="IsClaimableLine"/> of the sentences asked about so far (running text, and titles).</summary>
    private readonly Dictionary<string, bool> _sentences = new(StringComparer.Ordinal), _titleSentences = new(StringComparer.Ordinal);

    /// <summary>Lines of a field that hold no claim, by character range (<paramref name="decoded"/>: the article's body
    /// when the caller has decoded it already).</summary>
    public static ClaimableText Of(NewsArticle a, string? decoded = null)
    {
        var c = new ClaimableText();
        string body = decoded ?? a.Body; // decoded once (the article keeps it as UTF-8)
        c.Scan("Body", body, title: false);
        c.Scan("Standfirst", a.Standfirst, title: false);
        // "New Delhi: When …": a place and a colon opening the body is a dateline too.
        if (c._datelineEnd < 0 && body.Length > 0)
        {
            int colon = body.IndexOf(':', 0, Math.Min(body.Length, 40));
            if (colon > 0 && body.IndexOf('\n', 0, colon) < 0)
            {
                var w = CoverageText.Words(body[..colon]);
                if (w.Count is >= 1 and <= 3 && w.All(x => char.IsUpper(x.Text[0]))) c._datelineEnd = colon;
            }
        }
        if (c._datelineEnd < 0 && !string.IsNullOrEmpty(a.Dateline) && body.Length > 0)
        {
            int dash = body.IndexOfAny(new[] { '—', '–' }, 0, Math.Min(body.Length, 80));
            if (dash < 0) { int hy = body.IndexOf(" - ", 0, Math.Min(body.Length, 80), StringComparison.Ordinal); dash = hy >= 0 ? hy + 1 : -1; }
            if (dash > 0 && body.AsSpan(0, dash).Contains(a.Dateline.AsSpan(0, Math.Min(4, a.Dateline.Length)), StringComparison.OrdinalIgnoreCase)) c._datelineEnd = dash;
        }
        return c;
    }

    private void Scan(string field, string? text, bool title)
    {
        if (string.IsNullOrEmpty(text)) return;
        var list = new List<(int, int)>();
        int start = 0;
        while (start <= text.Length)
        {
            int end = text.IndexOf('\n', start);
            if (end < 0) end = text.Length;
            if (end > start && !IsClaimableLine(text.AsSpan(start, end - start).ToString(), title)) list.Add((start, end));
            start = end + 1;
        }
        if (list.Count > 0) _excluded[field] = list;
    }

    /// <summary>True when a mention at <paramref name="offset"/> of <paramref name="field"/>, in <paramref name="sentence"/>, can be a claim.</summary>
    public bool Claimable(string field, int offset, string? sentence)
    {
        if (field == "Body" && offset < _datelineEnd) return false;
        if (_excluded.TryGetValue(field, out var list))
            foreach (var (s, e) in list)
                if (offset >= s && offset < e) return false;
        if (sentence == null) return true;
        // Every mention of a sentence asks about the same sentence: read its shape once.
        bool title = field == "Title";
        var known = title ? _titleSentences : _sentences;
        if (!known.TryGetValue(sentence, out bool claimable)) known[sentence] = claimable = IsClaimableLine(sentence, title);
        return claimable;
    }

    /// <summary>A line (or sentence) that reads as running text: not a caption, credit, time stamp, table row, sub-head or boilerplate.</summary>
    public static bool IsClaimableLine(string line, bool title)
    {
        // Pure, and asked of the same lines again: a one-sentence paragraph as a line and as a sentence, the paragraphs a
        // wire copy shares with its original. Remembered per thread, a few thousand lines at most.
        var memo = title ? t_titleLines ??= new StringMemo<bool>(4096) : t_lines ??= new StringMemo<bool>(4096);
        return memo.TryGet(line, out bool known) ? known : memo.Remember(line, ReadsAsText(line, title));
    }

    [ThreadStatic] private static StringMemo<bool>? t_lines, t_titleLines;

    private static bool ReadsAsText(string line, bool title)
    {
        // One list per thread for the line's words: read here and let go (HasCredit reads its parts into lists of its own).
        var words = CoverageText.Words(line, _lineWords ??= new List<CoverageText.Word>());
        if (words.Count < 4) return false; // "News Today", "Updated 2h": too short to state a claim
        if (IsFurniture(line)) return false;
        if (IsTimeStamp(words)) return false;
        if (IsTableRow(line, words)) return false;
        if (HasCredit(line)) return false;
        if (!title && IsSubhead(line, words)) return false;
        if (!title && IsDatedCaption(line, words)) return false;
        return true;
    }

    [ThreadStatic] private static List<CoverageText.Word>? _lineWords;

    private static readonly string[] FurnitureMarkers =
    {
        "read more", "read also", "also read", "related:", "related articles", "related stories", "click here", "subscribe",
        "sign up", "follow us", "all rights reserved", "copyright", "©", "advertisement", "share this", "like share and follow",
        "newsletter", "leave a comment", "live updates", "watch:", "watch live", "recommended", "trending", "more stories",
        "download the app", "photo:", "photos:", "photo by", "photograph:", "image:", "picture:", "credit:", "image credit", "LIVE updates", "LIVE:",
        "file photo", "getty images", "ap photo", "(photo", "courtesy of", "/courtesy", "view gallery", "open in app", "listen to this article",
    };

    /// <summary>Generic markers of page furniture: "Read More:", a copyright line, a photo credit.</summary>
    public static bool IsFurniture(string line)
    {
        if (line.Length > 400) return false;
        foreach (var m in FurnitureMarkers)
            if (m.StartsWith("LIVE", StringComparison.Ordinal) ? line.Contains(m, StringComparison.Ordinal) : line.Contains(m, StringComparison.OrdinalIgnoreCase))
            {
                // A live blog's link run into a paragraph ("… Result 2025 LIVE updates …") marks it at any length.
                if (m.StartsWith("LIVE", StringComparison.Ordinal)) return true;
                // A long sentence that merely contains "subscribe" or "copyright" is still a sentence.
                if (line.Length > 160 && !m.EndsWith(':') && m is not ("©" or "getty images" or "ap photo" or "photo by" or "/courtesy")) continue;
                return true;
            }
        return false;
    }

    private static readonly HashSet<string> TimeWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "am", "pm", "a.m", "p.m", "utc", "gmt", "est", "edt", "pst", "pdt", "cst", "cdt", "bst", "cet", "cest", "ist", "kst", "jst",
        "updated", "update", "published", "posted", "last", "on", "at", "modified", "hours", "hour", "hrs", "mins", "minutes", "ago",
        "today", "yesterday", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "january",
        "february", "march", "april", "june", "july", "august", "september", "october", "november", "december", "monday", "tuesday",
        "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "ist", "edited", "by",
    };

    /// <summary>"August 1, 2024 4:09PM PDT", "19 October 2025 20:50 (UTC+04:00)", "Updated 2 hours ago".</summary>
    private static bool IsTimeStamp(List<CoverageText.Word> words)
    {
        if (words.Count > 14) return false;
        int digits = 0, other = 0;
        foreach (var w in words)
        {
            string t = w.Text;
            if (char.IsDigit(t[0])) { digits++; continue; }
            if (TimeWords.Contains(t.TrimEnd('.'))) continue;
            other++;
        }
        return digits > 0 && other <= 1;
    }

    /// <summary>
    /// A photo's caption dated the way agencies date pictures, its day set off by a comma at the very end ("… speaks at a
    /// rally in Tarnby, Tuesday, March 3, 2020."): running text says "on Tuesday" and goes on. What the picture shows is
    /// no fact of the story.
    /// </summary>
    private static bool IsDatedCaption(string line, List<CoverageText.Word> words)
    {
        int n = words.Count;
        if (n < 7) return false;
        var year = words[n - 1];
        if (year.Text.Length != 4 || !year.Text.All(char.IsDigit)) return false;
        for (int k = year.End; k < line.Length; k++) if (line[k] is not ('.' or ' ' or ')' or '\u00a0' or '\r')) return false;
        string a = words[n - 3].Text, b = words[n - 2].Text;
        bool date = (NewsDateParser.IsMonthName(a) && b.Length <= 2 && b.All(char.IsDigit)) || (NewsDateParser.IsMonthName(b) && a.Length <= 2 && a.All(char.IsDigit));
        if (!date || !NewsDateParser.IsWeekdayName(words[n - 4].Text)) return false;
        // The weekday follows a comma, not a preposition ("… met on Tuesday, March 3, 2020" is running text).
        var before = words[n - 5];
        return line.AsSpan(before.End, words[n - 4].Start - before.End).Contains(',')
               && before.Text.ToLowerInvariant() is not ("on" or "since" or "until" or "by" or "from" or "before" or "after" or "last" or "next" or "that");
    }

    /// <summary>Tables and score lines: tabs or pipes between cells, or a line that is mostly figures.</summary>
    private static bool IsTableRow(string line, List<CoverageText.Word> words)
    {
        int tabs = 0, pipes = 0;
        foreach (char ch in line) { if (ch == '\t') tabs++; else if (ch == '|') pipes++; }
        if (tabs >= 2 || pipes >= 2) return true;
        int figures = words.Count(w => char.IsDigit(w.Text[0]));
        if (figures >= 3 && figures * 10 >= words.Count * 4) return true;
        // Wide runs of spaces between figures: a table pasted as text.
        if (figures >= 2 && line.Contains("   ", StringComparison.Ordinal)) return true;
        // A score line: "Harbour Town 2-1 Castry Rovers" (short, a number-dash-number, no lower-case word but joiners).
        if (words.Count <= 12 && HasScore(line) && words.Count(w => char.IsLower(w.Text[0])) <= 2) return true;
        return false;
    }

    private static bool HasScore(string line)
    {
        for (int i = 1; i + 1 < line.Length; i++)
            if (line[i] is '-' or '–' or ':' && char.IsDigit(line[i - 1]) && char.IsDigit(line[i + 1])
                && (i < 2 || !char.IsDigit(line[i - 2]) || line[i] != ':') && (i + 2 >= line.Length || !char.IsDigit(line[i + 2]) || line[i] == '-'))
            {
                int a = i - 1;
                while (a > 0 && char.IsDigit(line[a - 1])) a--;
                int b = i + 1;
                while (b < line.Length && char.IsDigit(line[b])) b++;
                if (i - a <= 2 && b - i - 1 <= 2) return true;
            }
        return false;
    }

    /// <summary>A caption's credit at the end of a line: "… on Saturday. Jane Roe / Example Press", "(Reuters/Jane Roe)", "… on Sunday. (Wire)".</summary>
    private static bool HasCredit(string line)
    {
        string t = line.TrimEnd();
        if (t.EndsWith(')'))
        {
            // A closing bracket of one to four capitalised words ends the line: a picture's credit, not a sentence.
            int open = t.LastIndexOf('(');
            if (open > 0 && t.Length - open <= 40)
            {
                var inside = CoverageText.Words(t[(open + 1)..^1]);
                if (inside.Count is >= 1 and <= 4 && inside.All(w => char.IsUpper(w.Text[0]))) return true;
            }
        }
        int slash = line.LastIndexOf('/');
        if (slash <= 0 || slash >= line.Length - 1) return false;
        if (line.Contains("://", StringComparison.Ordinal)) return false;
        // Right of the slash: a short capitalised name or acronym ending the line.
        var right = CoverageText.Words(line[(slash + 1)..]);
        if (right.Count == 0 || right.Count > 4 || !right.All(w => char.IsUpper(w.Text[0]))) return false;
        string tail = line[(slash + 1)..].Trim();
        if (tail.Length > 40) return false;
        // Left of the slash: the last sentence is a short capitalised name.
        int cut = Math.Max(line.LastIndexOf(". ", slash, StringComparison.Ordinal), Math.Max(line.LastIndexOf('(', slash), line.LastIndexOf('\u2014', slash)));
        string left = line[(cut + 1)..slash].Trim();
        var lw = CoverageText.Words(left);
        return lw.Count is >= 1 and <= 4 && lw.All(w => char.IsUpper(w.Text[0]));
    }

    /// <summary>A sub-head or repeated headline in the body: short, mostly capitalised words, no closing punctuation.</summary>
    private static bool IsSubhead(string line, List<CoverageText.Word> words)
    {
        string t = line.TrimEnd();
        if (words.Count > 14 || t.Length == 0 || t[^1] is '.' or '?' or '!' or '"' or '”' or ',' or ';') return false;
        int caps = words.Count(w => char.IsUpper(w.Text[0]) || char.IsDigit(w.Text[0]));
        return caps * 10 >= words.Count * 6;
    }
}
