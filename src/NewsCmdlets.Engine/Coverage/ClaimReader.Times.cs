using System.Globalization;
using NewsCmdlets.Engine.Entities;
using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Engine.Coverage;

/// <summary>ClaimReader's times of day.</summary>
internal static partial class ClaimReader
{
    // ------------------------------------------------------------------ times of day

    /// <summary>
    /// Clock times in a text: "1:39 pm", "9:03 a.m.", "8 a.m.", "11 pm", "07:58 local time", "23:58 GMT". Each is the time
    /// of the story's event (a verb of its happening or its noun before it), of a take-off, or else a time of its own words.
    /// </summary>
    private static IEnumerable<Claim> ReadTimes(string text, string field, ClaimableText shape, ClaimContext ctx)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (!char.IsDigit(text[i]) || (i > 0 && (char.IsLetterOrDigit(text[i - 1]) || text[i - 1] is '.' or ',' or ':' or '$'))) continue;
            int j = i;
            while (j < text.Length && char.IsDigit(text[j])) j++;
            if (j - i > 2) { i = j; continue; }
            int hour = int.Parse(text.AsSpan(i, j - i), CultureInfo.InvariantCulture), minute = 0;
            bool minutes = false;
            int k = j;
            if (k + 2 < text.Length && text[k] is ':' or '.' && char.IsDigit(text[k + 1]) && char.IsDigit(text[k + 2]) && (k + 3 >= text.Length || !char.IsDigit(text[k + 3])))
            {
                minute = int.Parse(text.AsSpan(k + 1, 2), CultureInfo.InvariantCulture);
                minutes = true;
                k += 3;
            }
            // am / pm, with or without dots or a space.
            int m = k;
            while (m < text.Length && text[m] == ' ' && m - k < 2) m++;
            int ampm = 0, end = k;
            if (m + 1 < text.Length && text[m] is 'a' or 'A' or 'p' or 'P')
            {
                int n = m + 1;
                if (n < text.Length && text[n] == '.') n++;
                if (n < text.Length && text[n] is 'm' or 'M' && (n + 1 >= text.Length || !char.IsLetter(text[n + 1])))
                {
                    ampm = text[m] is 'a' or 'A' ? 1 : 2;
                    end = n + 1;
                    if (end < text.Length && text[end] == '.') end++;
                }
            }
            if (hour > 23 || minute > 59 || (ampm > 0 && (hour == 0 || hour > 12)) || (ampm == 0 && !minutes)) { i = j; continue; }
            if (ampm == 0)
            {
                // A bare 24-hour time must say so: "07:58 local time", "23:58 GMT", "at 13:39".
                string after = text.Substring(k, Math.Min(16, text.Length - k)).TrimStart();
                string before = text.Substring(Math.Max(0, i - 4), i - Math.Max(0, i - 4));
                if (!(after.StartsWith("local", StringComparison.OrdinalIgnoreCase) || after.StartsWith("GMT", StringComparison.Ordinal) || after.StartsWith("UTC", StringComparison.Ordinal)
                      || after.StartsWith("hrs", StringComparison.OrdinalIgnoreCase) || after.StartsWith("IST", StringComparison.Ordinal) || before.EndsWith("at ", StringComparison.Ordinal)))
                { i = k; continue; }
                end = k;
            }
            if (ampm == 2 && hour < 12) hour += 12;
            if (ampm == 1 && hour == 12) hour = 0;
            // The sentence around it.
            int s0 = i, s1 = end;
            while (s0 > 0 && text[s0 - 1] != '\n' && !(s0 >= 2 && text[s0 - 2] is '.' or '!' or '?' && text[s0 - 1] == ' ' && char.IsUpper(text[s0]))) s0--;
            while (s1 < text.Length && text[s1] != '\n' && !(text[s1] is '.' or '!' or '?' && (s1 + 1 >= text.Length || text[s1 + 1] is ' ' or '\n'))) s1++;
            string sentence = text[s0..Math.Min(text.Length, s1 + 1)].Trim();
            string written = text[i..end].Trim();
            i = end - 1;
            if (!shape.Claimable(field, s0, sentence)) continue;
            string zone = "local";
            string rest = text.Substring(end, Math.Min(12, text.Length - end)).TrimStart();
            if (rest.StartsWith("GMT", StringComparison.Ordinal) || rest.StartsWith("UTC", StringComparison.Ordinal)) zone = "UTC";
            var sw = Analyse(sentence);
            var (p0, p1) = Locate(sw, written);
            if (p0 < 0) continue;
            var left = Left(sw, p0, 10);
            string lowBefore = sentence[..Math.Min(sentence.Length, Math.Max(0, sentence.IndexOf(written, StringComparison.Ordinal)))].ToLowerInvariant();
            ClaimMeasure measure;
            if (TakeOffBefore(sw, left))
                measure = new ClaimMeasure("time:takeoff", "time of take-off", false, Dimension.Time) { Placed = false };
            else if (EventBefore(sw, left, ctx.EventNoun))
                measure = new ClaimMeasure("time:event", "time of the " + ctx.EventNoun, false, Dimension.Time) { Placed = false, OfEvent = true };
            else continue; // a time of something else: the schedule of a briefing, a flight's arrival, a page's stamp
            var c = new Claim
            {
                Measure = measure, MeasureText = measure.Display, Dimension = Dimension.Time, Unit = zone, Text = written, Sentence = sentence, Field = field,
                Low = hour * 60 + minute, High = hour * 60 + minute, Step = minutes ? 1 : 60,
                DateValue = hour.ToString("00", CultureInfo.InvariantCulture) + ":" + minute.ToString("00", CultureInfo.InvariantCulture),
            };
            string lead = lowBefore.TrimEnd();
            c.Approximate = lead.EndsWith("about", StringComparison.Ordinal) || lead.EndsWith("around", StringComparison.Ordinal) || lead.EndsWith("approximately", StringComparison.Ordinal)
                            || lead.EndsWith("roughly", StringComparison.Ordinal) || lead.EndsWith("nearly", StringComparison.Ordinal);
            c.AtLeast = lead.EndsWith("just after", StringComparison.Ordinal) || lead.EndsWith("shortly after", StringComparison.Ordinal) || lead.EndsWith("soon after", StringComparison.Ordinal);
            c.AtMost = lead.EndsWith("just before", StringComparison.Ordinal) || lead.EndsWith("shortly before", StringComparison.Ordinal);
            if (c.AtLeast || c.AtMost || c.Approximate) c.Text = (c.AtLeast ? "just after " : c.AtMost ? "just before " : "about ") + c.Text;
            var quals = new List<(string, string)>();
            AddSubject(c, sw, p0, p1, left, ctx, quals);
            c.Context = ClauseContext(sw, p0, p1);
            c.ContextSet = new HashSet<string>(c.Context, StringComparer.Ordinal);
            yield return c;
        }
    }

    // Loops rather than lambdas: a lambda over the loop's words made the compiler allocate its closure for every
    // character ReadTimes looks at.

    /// <summary>A take-off word ("took off", "departed") among the 8 nearest words left of the time.</summary>
    private static bool TakeOffBefore(SentenceWords sw, List<int> left)
    {
        for (int q = 0; q < left.Count && q < 8; q++)
        {
            int x = left[q];
            if (MeasureLexicon.TakeOffWords.Contains(sw.Words[x].Text) && (sw.Words[x].Text != "off" || (x > 0 && sw.Words[x - 1].Text is "took" or "take" or "taking"))) return true;
        }
        return false;
    }

    /// <summary>A verb of the event's happening, or its noun, among the 8 nearest words left of the time.</summary>
    private static bool EventBefore(SentenceWords sw, List<int> left, string eventNoun)
    {
        for (int q = 0; q < left.Count && q < 8; q++)
        {
            string w = sw.Words[left[q]].Text;
            if (MeasureLexicon.HappenedVerbs.Contains(w) || MeasureLexicon.SameEvent(CoverageText.Stem(w), eventNoun) || w is "occurred" or "happened" or "struck") return true;
        }
        return false;
    }

    /// <summary>Two times of day agree within half the coarser one's precision ("8 a.m." and "7:58"), five minutes when approximate, or inside "just after".</summary>
    public static bool TimesAgree(Claim a, Claim b)
    {
        static (double, double) Span(Claim c) => c.AtLeast ? (c.Low, c.Low + 30) : c.AtMost ? (c.Low - 30, c.Low) : (c.Low, c.High);
        var (al, ah) = Span(a);
        var (bl, bh) = Span(b);
        double gap = Math.Max(0, Math.Max(al - bh, bl - ah));
        gap = Math.Min(gap, 1440 - gap);
        double tol = Math.Max(Math.Max(a.Step, b.Step) / 2, a.Approximate || b.Approximate ? 5 : 0);
        return gap < tol || gap == 0;
    }
}
