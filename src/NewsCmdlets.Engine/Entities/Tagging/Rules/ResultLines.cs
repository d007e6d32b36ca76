using NewsCmdlets.Engine.Text;
using static NewsCmdlets.Engine.Entities.Tagging.Rules.Spans;
using static NewsCmdlets.Engine.Entities.Tagging.Rules.Words;

namespace NewsCmdlets.Engine.Entities.Tagging.Rules;

/// <summary>
/// Sports pages print results, standings and match lines as names and numbers: "Westmere 3 Holmgate 1",
/// "Thornworth 5 4 1 0 12 3 13", "HOLMGATE 74 52 .587 -", "Dunmore 245-6 v Carrow". The names there are teams, so a
/// town is a club (a country is a national side, a place), and the numbers are no part of a name.
/// </summary>
internal sealed class ResultLines : ITagRule
{
    public string Name => nameof(ResultLines);

    /// <summary>
    /// A line of sports results or a league table ("Westmere 3 Holmgate 1", "Thornworth 4 3 1 0 12 4 10"): names followed by
    /// scores are teams, so a place name there that is not a country (national teams stay places) names a club, and so
    /// does an untagged name in a line of two teams.
    /// </summary>
    /// <remarks>The teams it types are marked in <see cref="TagContext.Sure"/>: a club in a result line outvotes the same
    /// name read as its town in the story ("a win over [Ipswich]").</remarks>
    public void Apply(TagContext ctx)
    {
        var doc = ctx.Doc;
        var tags = ctx.Tags;
        foreach (var sent in doc.Sentences)
        {
            int end = sent.EndToken, first = sent.FirstToken;
            if (sent.TokenCount < 2) continue;
            int groups = 0, scored = 0;
            bool ok = true;
            for (int k = first; k < end && ok;)
            {
                var w = doc.Tokens[k].Span(doc.Text);
                if ((doc.Flags[k] & NerDocument.FCap) != 0 && (doc.Flags[k] & NerDocument.FDigit) == 0)
                {
                    int e = k;
                    while (e < end && (doc.Flags[e] & NerDocument.FCap) != 0 && (doc.Flags[e] & NerDocument.FDigit) == 0) e++;
                    groups++;
                    if (e < end && IsNumber(doc.Tokens[e].Span(doc.Text), 3)) scored++;
                    k = e;
                }
                else if (IsNumber(w, 3) || IsWinningPercentage(w) || (doc.Flags[k] & NerDocument.FPunct) != 0) k++;
                else ok = false;
            }
            if (!ok || scored == 0 || scored != groups) { ApplyMatchLine(ctx, sent); continue; }
            // One team and its table row needs three numbers or more ("NEW YORK 74 52 .587 -"); a result line two teams.
            int numbers = 0;
            for (int k = first; k < end; k++) if (IsNumber(doc.Tokens[k].Span(doc.Text), 3) || IsWinningPercentage(doc.Tokens[k].Span(doc.Text))) numbers++;
            if (groups == 1 ? numbers < 3 : groups != 2) continue;
            // The scores are no part of a name ("[Newcastle] 5 4 1 0"), and a name after one starts afresh.
            for (int k = first; k < end; k++)
            {
                if (IsNumber(doc.Tokens[k].Span(doc.Text), 3)) tags[k] = 0;
                else if (tags[k] != 0 && tags[k] % 2 == 0 && (k == first || tags[k - 1] == 0)) tags[k] -= 1;
            }
            for (int k = first; k < end; k++)
            {
                if ((doc.Flags[k] & NerDocument.FCap) == 0 || (doc.Flags[k] & NerDocument.FDigit) != 0) continue;
                int e = k + 1;
                while (e < end && (doc.Flags[e] & NerDocument.FCap) != 0 && (doc.Flags[e] & NerDocument.FDigit) == 0) e++;
                bool country = (ctx.PhraseClass(k, e) & GazetteerClass.Country) != 0;
                // A country (a national team) is a place; a place tagged over the whole group becomes a club.
                // ("[Sheffield Wednesday] 2": the model's place may stop before a word it did not tag.)
                // (So is a name the model took for something else, MISC: "Kansas City 4 [MINNESOTA] 2".)
                bool wholeLoc = tags[k] is 5 or 7 && (e == end || tags[e] != tags[k] + 1);
                for (int j = k + 1; j < e && wholeLoc; j++) wholeLoc = tags[j] == 0 || tags[j] == tags[k] + 1;
                bool untagged = true, person = false, allOrg = true;
                for (int j = k; j < e; j++) { untagged &= tags[j] == 0; person |= tags[j] is 1 or 2; allOrg &= tags[j] is 3 or 4; }
                if (country && !person) for (int j = k; j < e; j++) tags[j] = j == k ? 5 : 6;
                // A team is one name: organisations side by side are one ("[NAC Breda] 3").
                else if (wholeLoc || allOrg) for (int j = k; j < e; j++) tags[j] = j == k ? 3 : 4;
                // In a result line of two teams an untagged name is a club too ("Newcastle 2 Wimbledon 1"), and so is one
                // in a league table's row (six numbers or more: played, won, drawn, lost, goals, points) unless it has a
                // given name (a golfer's rounds).
                else if (untagged && e - k <= 4 && (groups == 2 || numbers >= 6 && !ctx.HasGivenName(k, e)))
                    for (int j = k; j < e; j++) tags[j] = j == k ? 3 : 4;
                if (tags[k] == 3) ctx.MarkSure(k);
                k = e - 1;
            }
        }
    }

    /// <summary>".587": a winning percentage in a standings table.</summary>
    private static bool IsWinningPercentage(ReadOnlySpan<char> w) =>
        (w.Length == 4 && w[0] == '.' && IsNumber(w[1..], 3)) || w.SequenceEqual("1.000");

    /// <summary>"245-6", "312", "401-8d": a side's score in a line of cricket or other match scores.</summary>
    private static bool IsSideScore(ReadOnlySpan<char> w)
    {
        if (w.Length > 0 && w[^1] == 'd') w = w[..^1];
        int dash = w.IndexOf('-');
        return dash < 0 ? IsNumber(w, 3) : IsNumber(w[..dash], 3) && IsNumber(w[(dash + 1)..], 2);
    }

    /// <summary>
    /// A match in a line of scores: "At Cardiff : [Glamorgan] 245-6 v [Somerset] .", "[Essex] 312 v [Leicestershire]": the
    /// names on either side of "v" or "vs", one of them with its score, are teams, so a name that is no country (a
    /// national side stays a place) and no person is a club. The line opens with the match, or with punctuation before it.
    /// </summary>
    private static void ApplyMatchLine(TagContext ctx, SentenceRange sent)
    {
        var doc = ctx.Doc;
        var tags = ctx.Tags;
        int first = sent.FirstToken, end = sent.EndToken;
        for (int v = first + 1; v + 1 < end; v++)
        {
            if ((doc.Flags[v] & NerDocument.FLowerStart) == 0 || doc.Tokens[v].Length > 3 || !Versus.Contains(doc.Lower[v])) continue;
            bool leftScore = IsSideScore(doc.Tokens[v - 1].Span(doc.Text));
            int le = leftScore ? v - 1 : v, ls = le;
            while (ls > first && IsTeamWord(doc, ls - 1)) ls--;
            int rs = v + 1, re = rs;
            while (re < end && IsTeamWord(doc, re)) re++;
            bool rightScore = re < end && IsSideScore(doc.Tokens[re].Span(doc.Text));
            if (ls == le || re == rs || !(leftScore || rightScore)) continue;
            // The line opens with the match or with punctuation before it ("At Cardiff : …"; not "They should do R 8 vs …").
            if (ls > first && (doc.Flags[ls - 1] & NerDocument.FPunct) == 0) continue;
            foreach (var (s, e) in new[] { (ls, le), (rs, re) })
            {
                if (HasPerson(tags, s, e) || (ctx.PhraseClass(s, e) & GazetteerClass.Country) != 0) continue;
                if (RunsOn(tags, s, e, first, end)) continue;
                ctx.SetSure(s, e, 3, end);
            }
        }
    }

    private static readonly HashSet<ulong> Versus = Hashes(new[] { "v", "v.", "vs", "vs." });

    private static bool IsTeamWord(NerDocument doc, int k) => (doc.Flags[k] & (NerDocument.FCap | NerDocument.FDigit)) == NerDocument.FCap;
}
