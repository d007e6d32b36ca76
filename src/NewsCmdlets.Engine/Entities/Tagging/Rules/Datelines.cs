using NewsCmdlets.Engine.Text;
using static NewsCmdlets.Engine.Entities.Tagging.Rules.Words;

namespace NewsCmdlets.Engine.Entities.Tagging.Rules;

/// <summary>
/// A wire story opens with a dateline: the place it was filed from, in capitals, and the date, on a line of its own
/// ("WESTMERE 2026-03-14", "PORT ELLIS , Northsea Islands 2026-03-14"). Every capitalised group before the date is a
/// place. Run before label propagation, so the place's type reaches its other mentions, and again at the end.
/// </summary>
internal sealed class Datelines : ITagRule
{
    public string Name => nameof(Datelines);

    /// <summary>
    /// A line that is only a place and a date is a dateline: "WESTMERE 2026-03-14", "PORT ELLIS , Northsea
    /// Islands 2026-03-14", "HOLMGATE Aug 29". Every capitalised group before the date is a place.
    /// </summary>
    public void Apply(TagContext ctx)
    {
        var doc = ctx.Doc;
        var tags = ctx.Tags;
        foreach (var sent in doc.Sentences)
        {
            int n = sent.TokenCount, first = sent.FirstToken;
            if (n < 2 || n > 10) continue;
            int dateStart = DateAtEnd(doc, sent);
            if (dateStart <= first) continue;
            bool ok = true;
            for (int k = first; k < dateStart && ok; k++)
                ok = char.IsUpper(doc.Text[doc.Tokens[k].Start]) && (doc.Flags[k] & NerDocument.FDigit) == 0 || IsWord(doc, k, ",");
            if (!ok || IsWord(doc, first, ",") || IsWord(doc, dateStart - 1, ",")) continue;
            // The first group must be written in capitals, as datelines are ("WESTMERE"), unless the text has no case.
            var firstSpan = doc.Tokens[first].Span(doc.Text);
            int lowers = 0;
            foreach (char c in firstSpan) if (char.IsLower(c)) lowers++;
            if (lowers > 0) continue;
            // "UPDATED 2026-03-14", "MONDAY Aug 30" are no places: a first word that is a common word or a day must be a known place.
            // "THE HAGUE 1996-12-02": a leading "THE" is part of the place, and the word after it decides.
            // "NEW DELHI 1996-08-15": the whole first group may be the known place; "UNITED NATIONS 1996-09-04": a name
            // the model found opening the group is the place the story was filed from.
            int groupEnd = first;
            while (groupEnd < dateStart && !IsWord(doc, groupEnd, ",")) groupEnd++;
            var cls = doc.Lower[first] == s_the && first + 1 < dateStart ? ctx.PhraseClass(first, first + 2) | ctx.WordClass(first + 1) : ctx.WordClass(first);
            if (groupEnd - first > 1) cls |= ctx.PhraseClass(first, groupEnd);
            const GazetteerClass Places = GazetteerClass.City | GazetteerClass.Country | GazetteerClass.Region | GazetteerClass.Town | GazetteerClass.Subdivision | GazetteerClass.WnPlace;
            bool modelName = groupEnd - first > 1 && tags[first] != 0 && tags[first] % 2 == 1;
            if ((cls & (GazetteerClass.LowerWord | GazetteerClass.Calendar | GazetteerClass.Title)) != 0 && (cls & Places) == 0 && !modelName) continue;
            for (int k = first; k < dateStart;)
            {
                int e = k;
                while (e < dateStart && !IsWord(doc, e, ",")) e++;
                for (int j = k; j < e; j++) tags[j] = j == k ? 5 : 6;
                k = e + 1;
            }
            if (dateStart < sent.EndToken) for (int j = dateStart; j < sent.EndToken; j++) tags[j] = 0;
        }
    }

    private static readonly HashSet<string> Months = new(StringComparer.OrdinalIgnoreCase)
    {
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Jan.", "Feb.", "Mar.", "Apr.", "Jun.",
        "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.",
    };

    /// <summary>Where a date ends the sentence ("2026-03-14", "Mar 14", "14 March 2026", "Mar. 14, 2026"), or -1.</summary>
    internal static int DateAtEnd(NerDocument doc, SentenceRange sent)
    {
        int e = sent.EndToken;
        if (e - 1 > sent.FirstToken && IsWord(doc, e - 1, ".")) e--;
        int last = e - 1;
        var w = doc.Tokens[last].Span(doc.Text);
        if (IsIsoDate(w)) return last;
        // Month Day [, Year] or Day Month [Year]
        int k = last;
        if (IsNumber(w, 4) && k - 1 > sent.FirstToken) { k--; if (IsWord(doc, k, ",")) k--; }
        if (k - 1 < sent.FirstToken) return -1;
        var a = doc.Tokens[k - 1].Span(doc.Text).ToString();
        var b = doc.Tokens[k].Span(doc.Text);
        if (Months.Contains(a) && IsNumber(b, 2)) return k - 1;
        if (Months.Contains(b.ToString()) && IsNumber(a, 2)) return k - 1;
        return -1;
    }

    private static bool IsIsoDate(ReadOnlySpan<char> s) =>
        s.Length == 10 && s[4] == '-' && s[7] == '-' && IsNumber(s[..4], 4) && IsNumber(s[5..7], 2) && IsNumber(s[8..], 2);
}
