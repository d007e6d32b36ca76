using static NewsCmdlets.Engine.Entities.Tagging.Rules.Spans;
using static NewsCmdlets.Engine.Entities.Tagging.Rules.Words;

namespace NewsCmdlets.Engine.Entities.Tagging.Rules;

/// <summary>
/// Edited news copy capitalises every word of a name but its particles and connectors, so a name does not end in a
/// word in lower case: in "the uncapped Holmgate flanker" the model's "[Holmgate flanker]" is cut to "[Holmgate]".
/// Run first and again after label propagation.
/// </summary>
internal sealed class LowerCaseTails : ITagRule
{
    public string Name => nameof(LowerCaseTails);

    /// <summary>A name does not end in a word in lower case ("uncapped [Pontypridd] flanker"): the model ran on. (A
    /// particle may: "Frankfurt am"; a brand with a capital inside too: "Apple iPod"; and a person's name may end in a
    /// family name that is no dictionary word, written in lower case in informal text: "Kylie minogue".)</summary>
    public void Apply(TagContext ctx)
    {
        var doc = ctx.Doc;
        var tags = ctx.Tags;
        if (doc.CaseUnreliable) return;
        int n = tags.Length;
        for (int i = 0; i < n; i++)
        {
            if (tags[i] == 0 || (tags[i] & 1) == 0) continue;
            int e = SpanEnd(tags, i, n), t = e;
            if ((doc.Flags[i] & NerDocument.FCap) != 0)
                while (t - 1 > i && (doc.Flags[t - 1] & (NerDocument.FLowerStart | NerDocument.FCap | NerDocument.FDigit | NerDocument.FPunct | NerDocument.FHeadline)) == NerDocument.FLowerStart
                       && IsLowerWord(doc, t - 1) && !IsConnector(doc, t - 1) && !IsNameParticle(doc, t - 1) && !PlaceParticles.Contains(doc.Exact[t - 1])
                       && (tags[i] != 1 || (ctx.WordClass(t - 1) & GazetteerClass.LowerWord) != 0)) t--;
            for (int k = t; k < e; k++) tags[k] = 0;
            i = e - 1;
        }
    }
}
