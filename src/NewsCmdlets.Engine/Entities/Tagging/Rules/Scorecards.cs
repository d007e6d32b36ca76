using static NewsCmdlets.Engine.Entities.Tagging.Rules.Spans;
using static NewsCmdlets.Engine.Entities.Tagging.Rules.Words;

namespace NewsCmdlets.Engine.Entities.Tagging.Rules;

/// <summary>
/// Cricket scorecards list each batsman with how he was out and his runs ("O. Quill c Ruiz b Velde 31", "T. Marsh
/// lbw b Velde 12", "D. Holm not out 54") and each bowler with his figures ("S. Velde 25-3-89-4"): every name there
/// is a person's.
/// </summary>
internal sealed class Scorecards : ITagRule
{
    public string Name => nameof(Scorecards);

    /// <summary>
    /// Cricket scorecards: in a batting line that ends with the runs ("M. Atherton c Moin Khan b Wasim Akram 31",
    /// "N. Knight lbw b Waqar 12", "c and b Saqlain 8"), the names after "c", "st" and "b" are the fielder and the bowler,
    /// and the name that opens the line is the batsman (also in "G. Thorpe not out 54", "I. Salisbury run out 3"); in bowling figures ("Wasim Akram 25-3-89-4") the name before
    /// overs-maidens-runs-wickets is the bowler. All are people.
    /// </summary>
    public void Apply(TagContext ctx)
    {
        var doc = ctx.Doc;
        var tags = ctx.Tags;
        bool? cricket = null;
        foreach (var sent in doc.Sentences)
        {
            int first = sent.FirstToken, end = sent.EndToken;
            if (sent.TokenCount < 3) continue;
            // Bowling figures anywhere in the line, in a cricket report.
            for (int k = first + 1; k < end; k++)
            {
                if ((doc.Flags[k] & NerDocument.FDigit) == 0 || !IsBowlingFigures(doc.Tokens[k].Span(doc.Text)) || !(cricket ??= IsCricketReport(doc))) continue;
                int s = k;
                while (s > first && s > k - 4 && IsNameWord(doc, s - 1)) s--;
                if (s < k) SetPerson(ctx, s, k);
                tags[k] = 0;
                StartAfresh(tags, k + 1, end);
            }
            // A batting line: the runs last, and a lower-case "b" before a capitalised name.
            int last = end - 1;
            if (!IsNumber(doc.Tokens[last].Span(doc.Text), 3)) continue;
            bool bowled = false, notBowled = false;
            for (int k = first + 1; k < last; k++)
            {
                if (IsWord(doc, k, "b") && IsNameWord(doc, k + 1)) bowled = true;
                if (IsWord(doc, k, "out") && (IsWord(doc, k - 1, "not") || IsWord(doc, k - 1, "run"))) notBowled = true;
            }
            if (!bowled && !notBowled) continue;
            tags[last] = 0;
            for (int k = first; k < (bowled ? last : first + 1); k++)
            {
                bool opens = k == first && IsNameWord(doc, k);
                bool after = k > first && (IsWord(doc, k - 1, "b") || IsWord(doc, k - 1, "c") || IsWord(doc, k - 1, "st")) && IsNameWord(doc, k);
                if (!opens && !after) continue;
                int e = k;
                while (e < last && e - k < 4 && IsNameWord(doc, e)) e++;
                SetPerson(ctx, k, e);
                k = e - 1;
            }
        }
    }

    /// <summary>A capitalised word or an initial ("M."), no digits.</summary>
    private static bool IsNameWord(NerDocument doc, int k) =>
        (doc.Flags[k] & NerDocument.FCap) != 0 && (doc.Flags[k] & NerDocument.FDigit) == 0 && !IsWord(doc, k, "Extras") && !IsWord(doc, k, "Total");

    /// <summary>"25-3-89-4", "9.4-1-37-2": overs, maidens, runs, wickets (no more maidens than overs, at most 10
    /// wickets; a hockey line's shots by period, "12-18-9-4", are none).</summary>
    internal static bool IsBowlingFigures(ReadOnlySpan<char> w)
    {
        int parts = 0, digits = 0;
        Span<int> v = stackalloc int[4];
        for (int i = 0; i <= w.Length; i++)
        {
            if (i == w.Length || w[i] == '-') { if (digits == 0 || parts == 4) return false; parts++; digits = 0; continue; }
            if (char.IsDigit(w[i]))
            {
                if (++digits > 3) return false;
                if (parts < 4 && (parts > 0 || !w[..i].Contains('.'))) v[parts] = v[parts] * 10 + (w[i] - '0');
            }
            else if (w[i] != '.' || parts > 0) return false;
        }
        return parts == 4 && v[1] <= v[0] + 1 && v[3] <= 10;
    }

    /// <summary>Words of a cricket report (bowling figures count only in one).</summary>
    private static readonly HashSet<ulong> CricketWords = Hashes(new[]
    {
        "cricket", "wicket", "wickets", "overs", "innings", "lbw", "bowling", "bowled", "bowler", "batting", "batsman",
        "batter", "test", "scorecard", "runs", "all-rounder", "spinner", "seamer", "declared",
    });

    private static bool IsCricketReport(NerDocument doc)
    {
        for (int i = 0; i < doc.Tokens.Count; i++) if (CricketWords.Contains(doc.Lower[i])) return true;
        return false;
    }

    private static void SetPerson(TagContext ctx, int s, int e)
    {
        if (e > s) ctx.SetSure(s, e, 1, ctx.Tags.Length);
    }
}
