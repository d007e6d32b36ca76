using System.Globalization;
using NewsCmdlets.Engine.Entities;
using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Engine.Coverage;

/// <summary>ClaimReader's dates: the day of an event, absolute or relative to publication.</summary>
internal static partial class ClaimReader
{
    // ------------------------------------------------------------------ dates

    private static readonly string[] RelativeWords = { "yesterday", "today", "tonight", "tomorrow", "last", "this", "next", "past", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "ago", "earlier", "later" };
    /// <summary>A record's superlative, one word for its synonyms ("most powerful", "biggest" → "strongest").</summary>
    private static string? Superlative(string w) => w.ToLowerInvariant() switch
    {
        "strongest" or "powerful" or "biggest" or "largest" or "severest" or "heaviest" => "strongest",
        "deadliest" => "deadliest",
        "worst" => "worst",
        "highest" => "highest",
        "lowest" => "lowest",
        _ => null,
    };

    private static Claim? ReadDate(NewsEntityMention m, SentenceWords s, int p0, int p1, ClaimContext ctx)
    {
        string? relative = RelativeForm(m.Text);
        if (string.IsNullOrEmpty(m.Value) && relative == null) return null;
        var words = s.Words;
        var left = Left(s, p0, 8);
        var right = Right(s, p1, 6);
        var quals = new List<(string, string)>();
        ClaimMeasure? measure = null;
        string? text = null;
        int year = m.Value is { Length: >= 4 } v && int.TryParse(v.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out int y) ? y : 0;

        // "the strongest earthquake in the region since 1952": a record, dated by its "since".
        int since = -1;
        for (int k = p0 - 1; k >= 0 && k >= p0 - 3; k--) if (words[k].Text.Equals("since", StringComparison.OrdinalIgnoreCase)) { since = k; break; }
        string? sup = since > 0 ? words.Take(since).Select(w => Superlative(w.Text)).LastOrDefault(x => x != null) : null;
        if (sup != null)
        {
            measure = new ClaimMeasure("record-since:" + sup, "the " + sup + " since", false, Dimension.Date) { Placed = false };
            text = measure.Display;
        }
        else if (m.Granularity == DateGranularity.Day || (relative != null && (m.Value == null || m.Granularity is null or DateGranularity.Day) && IsDayWord(relative)))
        {
            // The day of the story's event: a word of its family next to the date ("the Friday tremor", "the election on
            // Monday"), or a verb saying an event happened ("struck on Friday") with no other kind of event named there.
            bool family = false, strongVerb = false, otherEvent = false;
            // The event's noun right by the date ("Sunday's crash", "the Friday tremor", "the election on Thursday"), or a
            // verb of its happening shortly before it ("crashed at Vellmouth on Sunday").
            bool possessive = words[p1 - 1].Text.EndsWith("'s", StringComparison.Ordinal) || words[p1 - 1].Text.EndsWith("’s", StringComparison.Ordinal);
            var near = left.Take(3).Concat(right.Take(possessive ? 4 : 2)).ToList();
            foreach (int k in near)
            {
                string w = words[k].Text, st = CoverageText.Stem(w);
                if (MeasureLexicon.SameEvent(st, ctx.EventNoun) || MeasureLexicon.SameEvent(w.ToLowerInvariant(), ctx.EventNoun)) family = true;
                else if (MeasureLexicon.EventNouns.Contains(st) || MeasureLexicon.EventNouns.Contains(w)) otherEvent = true;
            }
            foreach (int k in left.Take(8))
                if (MeasureLexicon.HappenedVerbs.Contains(words[k].Text)) strongVerb = true;
            bool story = year == 0 || ctx.StoryYear == 0 || Math.Abs(year - ctx.StoryYear) <= 1;
            if (story && (family || (strongVerb && !otherEvent)))
                measure = new ClaimMeasure("event-date", "date of the " + ctx.EventNoun, false, Dimension.Date) { Placed = false, OfEvent = true };
        }
        var c = new Claim { Dimension = Dimension.Date, Text = m.Text.Trim(), DateValue = string.IsNullOrEmpty(m.Value) ? null : m.Value, Granularity = m.Granularity, Relative = relative };
        c.HasInterval = FactClusters.TryInterval(m.Value, out c.From, out c.To);
        // "next week", "this year", "tonight" with no event of the story by it: when something is said or expected, which
        // the article dates only from its own day; its clause is no fact a reader can place or another outlet can match.
        // A year or a month placed from a known publication date ("completed this year" → 2024) stays.
        if (measure == null && relative != null && SpeechRelative(relative)
            && (string.IsNullOrEmpty(m.Value) || m.Granularity is null or DateGranularity.Day or DateGranularity.Week)) return null;
        if (measure == null)
        {
            // The date's clause in the article's words, without the date: "a 7.2-magnitude temblor struck the country's Nantou county".
            string what = ClausePhrase(s, p0, p1);
            // "… according to figures from the Kestrian Transport Ministry on Sunday": a name alone, cut from the words that
            // say what is dated, takes the clause's words before it; still a name alone, the date says of what it is nothing.
            if (NameOnly(what)) what = ClausePhrase(s, p0, p1, leftMax: 10);
            if (what.Length == 0 || NameOnly(what)) return null;
            measure = new ClaimMeasure("d:", what, false, Dimension.Date) { Generic = true, Placed = false };
            text = what;
        }
        c.Measure = measure;
        c.MeasureText = text ?? measure.Display;
        AddSubject(c, s, p0, p1, left, ctx, quals);
        c.Context = ClauseContext(s, p0, p1);
        c.ContextSet = new HashSet<string>(c.Context, StringComparer.Ordinal);
        return c;
    }

    /// <summary>A date told only from the day of writing ("tonight", "next week", "earlier this year"): no weekday, month or count in it.</summary>
    private static bool SpeechRelative(string relative) =>
        relative.Split(' ').All(w => w is "yesterday" or "today" or "tonight" or "tomorrow" or "last" or "this" or "next" or "past" or "earlier"
            or "later" or "week" or "weekend" or "month" or "year" or "morning" or "afternoon" or "evening" or "night" or "overnight" or "early" or "late");

    private static bool IsDayWord(string relative) =>
        relative.Split(' ').Any(w => w is "yesterday" or "today" or "tonight" or "tomorrow" or "monday" or "tuesday" or "wednesday" or "thursday" or "friday" or "saturday" or "sunday");

    /// <summary>The wording of a relative date ("on Sunday" → "sunday", "August last year" → "august last year"), or null for an absolute one.</summary>
    internal static string? RelativeForm(string text)
    {
        var words = CoverageText.Words(text).Select(w => w.Text.ToLowerInvariant()).Where(w => w is not ("on" or "the" or "in")).ToList();
        if (!words.Any(w => RelativeWords.Contains(w))) return null;
        if (words.Any(w => w.Length == 4 && w.All(char.IsDigit))) return null; // "Sunday, October 19, 2025" is absolute
        return string.Join(' ', words);
    }
}
