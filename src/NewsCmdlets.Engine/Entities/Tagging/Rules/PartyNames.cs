using static NewsCmdlets.Engine.Entities.Tagging.Rules.Words;

namespace NewsCmdlets.Engine.Entities.Tagging.Rules;

/// <summary>
/// Parties are often named after their members in the plural: "the [Harbour Democrats]", "the opposition [Free
/// Democrats]", "the ruling [Island Socialists]". After "the", capitalised words ending in such a plural are a party.
/// </summary>
internal sealed class PartyNames : ITagRule
{
    public string Name => nameof(PartyNames);

    /// <summary>"the [Social Democrats]", "the opposition [Free Democrats]": after "the" (and a describing word),
    /// capitalised words ending in a party's members in the plural name a party (a nationality before them stays a
    /// group: "the [Swedish] [Social Democrats]"). One word alone is left to the model ("the Democrats").</summary>
    public void Apply(TagContext ctx)
    {
        var doc = ctx.Doc;
        var tags = ctx.Tags;
        if (doc.CaseUnreliable) return;
        foreach (var sent in doc.Sentences)
            for (int k = sent.FirstToken + 2; k < sent.EndToken; k++)
            {
                if (!PartyMembers.Contains(doc.Lower[k]) || (doc.Flags[k] & (NerDocument.FCap | NerDocument.FAllCaps)) != NerDocument.FCap) continue;
                int s = k;
                while (s - 1 > sent.FirstToken && (doc.Flags[s - 1] & (NerDocument.FCap | NerDocument.FAllCaps)) == NerDocument.FCap && !IsWord(doc, s - 1, "The")) s--;
                // (One describing word may come between: "the opposition [Social Democrats]", "the ruling [Christian Democrats]".)
                bool described = s - 2 >= sent.FirstToken && IsLowerWord(doc, s - 1) && !FunctionWords.Contains(doc.Lower[s - 1]) && doc.Lower[s - 2] == s_the;
                if (s == k || (doc.Lower[s - 1] != s_the && !described)) continue;
                while (s < k && ctx.IsGroupWord(s)) s++;
                if (s == k) continue;
                ctx.SetSure(s, k + 1, 3, sent.EndToken);
            }
    }

    private static readonly HashSet<ulong> PartyMembers = Hashes(new[]
    {
        "democrats", "republicans", "socialists", "liberals", "conservatives", "greens", "communists", "nationalists", "radicals",
    });
}
