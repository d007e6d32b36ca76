using static NewsCmdlets.Engine.Entities.Tagging.Rules.Spans;
using static NewsCmdlets.Engine.Entities.Tagging.Rules.Words;

namespace NewsCmdlets.Engine.Entities.Tagging.Rules;

/// <summary>
/// Organisations are named by capitalised words ending in a word for what they are, or by such a word and "of":
/// "[Westmere Harbour Authority]", "[Department of Fisheries and Tides]", "[Brightwater AG]", "[Press Council of
/// Northsea]". Names joined by "and" stay apart ("Brightwater and [Holmgate Motors]").
/// </summary>
internal sealed class OrganisationWords : ITagRule
{
    public string Name => nameof(OrganisationWords);

    private static readonly HashSet<ulong> Continents = Hashes(new[] { "europe", "asia", "africa", "america", "americas", "oceania" });

    public void Apply(TagContext ctx)
    {
        var doc = ctx.Doc;
        var tags = ctx.Tags;
        if (doc.CaseUnreliable) return;
        foreach (var sent in doc.Sentences)
        {
            int end = sent.EndToken;
            for (int i = sent.FirstToken; i < end; i++)
            {
                if ((doc.Flags[i] & NerDocument.FCap) == 0) continue;
                // The capitalised run from i, with connectors between capitalised words.
                int e = i + 1;
                while (e < end)
                {
                    if ((doc.Flags[e] & NerDocument.FCap) != 0) { e++; continue; }
                    if (e + 1 < end && (doc.Flags[e + 1] & NerDocument.FCap) != 0 && IsConnector(doc, e)) { e += 2; continue; }
                    // A plural's apostrophe inside a name: "Maritime Workers’ Guild", "Teachers' Union".
                    if (e + 1 < end && (doc.Flags[e + 1] & NerDocument.FCap) != 0 && doc.Tokens[e].Length == 1 && doc.Text[doc.Tokens[e].Start] is '\'' or '’'
                        && doc.Text[doc.Tokens[e - 1].Start + doc.Tokens[e - 1].Length - 1] == 's') { e += 2; continue; }
                    // after a name of two words or more ending in an organisation word: "World Organization of the Scout Movement" (not
                    // "the Company of the Shares" in a contract)
                    if (e + 2 < end && IsWord(doc, e, "of") && IsWord(doc, e + 1, "the") && ctx.IsOrgWord(e - 1) && e - 2 >= i && (doc.Flags[e - 2] & NerDocument.FCap) != 0 && !IsWord(doc, e - 2, "The") && (doc.Flags[e + 2] & NerDocument.FCap) != 0) { e += 3; continue; }
                    break;
                }
                // "Organisation for Security and Cooperation in Europe", "Conference on … in Europe": a name that says what
                // it is for ends in the continent it works in.
                if (e + 1 < end && IsWord(doc, e, "in") && Continents.Contains(doc.Lower[e + 1]) && (e + 2 == end || (doc.Flags[e + 2] & NerDocument.FCap) == 0))
                    for (int k = i + 1; k < e - 1; k++)
                        if (IsWord(doc, k, "for") || IsWord(doc, k, "on")) { e += 2; break; }
                int s0 = i;
                // Leave out a leading "The" and a sentence-initial common word ("Despite Ohio Senate …").
                while (s0 < e - 1 && (IsWord(doc, s0, "The") || ((doc.Flags[s0] & NerDocument.FInitial) != 0 && tags[s0] == 0 && (ctx.WordClass(s0) & GazetteerClass.LowerWord) != 0))) s0++;
                // A sentence-initial common word before "of", tagged as heading an organisation, heads none unless it is an
                // organisation word ("Shares of [Brightwater Lines Corp]", but "[Bank of Northsea]"; places such as
                // "Gulf of …" are left to the model).
                if (s0 < e - 2 && tags[s0] == 3 && (doc.Flags[s0] & NerDocument.FInitial) != 0 && IsWord(doc, s0 + 1, "of") && !ctx.IsOrgWord(s0)
                    && (ctx.WordClass(s0) & GazetteerClass.LowerWord) != 0)
                {
                    tags[s0] = 0;
                    tags[s0 + 1] = 0;
                    if (tags[s0 + 2] % 2 == 0 && tags[s0 + 2] != 0) tags[s0 + 2] -= 1;
                    s0 += 2;
                }
                // … and a connector left at the start ("Shares [of] Brightwater Lines Corp").
                while (s0 < e - 1 && (doc.Flags[s0] & NerDocument.FCap) == 0) s0++;
                int len = e - s0;
                // "Harbour Bank and Northsea Holdings": the part before an "and" may be an organisation of its own.
                if (len >= 4 && !ctx.IsOrgWord(e - 1) && !(ctx.IsOrgWord(s0) && IsConnector(doc, s0 + 1)))
                    for (int k = s0 + 2; k < e - 1; k++)
                        if (IsWord(doc, k, "and"))
                        {
                            if (ctx.IsOrgWord(k - 1) && !HasPerson(tags, s0, k))
                                for (int j = s0; j < k; j++) tags[j] = j == s0 ? 3 : 4;
                            break;
                        }
                if (len >= 2 && !HasPerson(tags, s0, e))
                {
                    bool endsWithOrgWord = ctx.IsOrgWord(e - 1);
                    // An organisation word followed by "of" heads the name ("[Bank of Northsea]"), also after other
                    // capitalised words ("[Press Trust of India]", "[Royal Bank of Scotland]").
                    bool orgWordOf = ctx.IsOrgWord(s0) && len >= 3 && IsConnector(doc, s0 + 1);
                    for (int k = s0 + 1; !orgWordOf && k + 2 < e; k++)
                    {
                        if ((doc.Flags[k] & NerDocument.FCap) == 0) break;
                        if (ctx.IsOrgWord(k) && IsWord(doc, k + 1, "of")) orgWordOf = true;
                    }
                    // Cut the run at a connector unless the organisation word heads an "X of Y" name.
                    // Two names joined by "and", the first already a name of its own ("Brightwater and Northsea Motors"):
                    // the organisation starts after the "and".
                    if (endsWithOrgWord && !orgWordOf)
                        for (int k = e - 2; k > s0; k--)
                            if (IsWord(doc, k, "and") && tags[k] == 0 && tags[k - 1] != 0) { s0 = k + 1; break; }
                    // A place whose name ends in an organisation word is still the place ("the [West Bank]").
                    if ((endsWithOrgWord || orgWordOf) && e - s0 >= 2 && !ctx.IsKnownPlace(s0, e))
                    {
                        SetSpan(tags, s0, e, 3);
                        // The rest of a longer organisation tagged by the model now starts its own name, at its
                        // next capitalised word ("[Discovery Institute] 's [Center for Science]").
                        int r = e;
                        while (r < end && tags[r] == 4 && (doc.Flags[r] & NerDocument.FCap) == 0) tags[r++] = 0;
                        if (r < end && tags[r] == 4) tags[r] = 3;
                    }
                }
                i = e - 1;
            }
        }
    }
}
