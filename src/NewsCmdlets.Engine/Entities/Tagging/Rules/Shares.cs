using static NewsCmdlets.Engine.Entities.Tagging.Rules.Spans;
using static NewsCmdlets.Engine.Entities.Tagging.Rules.Words;

namespace NewsCmdlets.Engine.Entities.Tagging.Rules;

/// <summary>
/// Market reports name the company whose shares moved after "shares in" or "shares of", and the one bought into after
/// "stake in": "Shares in [Brightwater] rose 4 percent", "a 20 percent stake in [Holmgate Lines]". A name there that is
/// no place or date is a company, whatever the model took it for.
/// </summary>
internal sealed class Shares : ITagRule
{
    public string Name => nameof(Shares);

    /// <summary>After "shares in/of" or "stake in", a name that is no place is a company ("Shares in [Daimler-Benz]
    /// rose"), in articles in normal case; so are up to four capitalised words there that the model left untagged.
    /// (Initials there are a name of their own, left to <see cref="Initials"/>: "shares in IBM Japan".)</summary>
    public void Apply(TagContext ctx)
    {
        var doc = ctx.Doc;
        var tags = ctx.Tags;
        if (doc.CaseUnreliable) return;
        const GazetteerClass Places = GazetteerClass.City | GazetteerClass.Country | GazetteerClass.Region | GazetteerClass.Town | GazetteerClass.Subdivision;
        foreach (var sent in doc.Sentences)
        {
            int first = sent.FirstToken, end = sent.EndToken;
            for (int i = first; i < end; i++)
            {
                int e = i + 1;
                if (tags[i] == 0)
                {
                    if (i < first + 2 || (doc.Flags[i] & NerDocument.FCap) == 0 || (doc.Flags[i] & NerDocument.FDigit) != 0 || !AfterShares(doc, i)
                        || Initials.IsOrgInitials(ctx, i)) continue;
                    while (e < end && e - i < 4 && tags[e] == 0 && (doc.Flags[e] & NerDocument.FCap) != 0 && (doc.Flags[e] & (NerDocument.FDigit | NerDocument.FPunct)) == 0) e++;
                }
                else if ((tags[i] & 1) == 0) continue;
                else e = SpanEnd(tags, i, end);
                if (tags[i] != 3 && i >= first + 2 && AfterShares(doc, i) && (ctx.PhraseClass(i, e) & (Places | GazetteerClass.Calendar)) == 0)
                    SetSpan(tags, i, e, 3);
                i = e - 1;
            }
        }
    }

    private static readonly ulong s_stake = Hashing.Lower("stake");

    /// <summary>"shares in [X]", "shares of [X]", "stake in [X]".</summary>
    private static bool AfterShares(NerDocument doc, int i) =>
        (IsWord(doc, i - 1, "in") || IsWord(doc, i - 1, "of")) && (doc.Lower[i - 2] == s_shares || doc.Lower[i - 2] == s_stake && IsWord(doc, i - 1, "in"));
}
