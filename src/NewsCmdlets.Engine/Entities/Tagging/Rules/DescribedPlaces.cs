using static NewsCmdlets.Engine.Entities.Tagging.Rules.Spans;
using static NewsCmdlets.Engine.Entities.Tagging.Rules.Words;

namespace NewsCmdlets.Engine.Entities.Tagging.Rules;

/// <summary>
/// News describes a place before naming it: "the Northsean capital [Westmere]", "the rebel stronghold [Carrow]", "the
/// [Holm River] in [Port Ellis]". When the model's place runs through such a lower-case description, the place is what
/// follows the description, and what precedes it is a nationality, another place or no name.
/// </summary>
internal sealed class DescribedPlaces : ITagRule
{
    public string Name => nameof(DescribedPlaces);

    /// <summary>In articles in normal case, a place that runs through a lower-case word other than a particle is a word
    /// and a place ("the Chechen capital [Grozny]", "the rebel stronghold [Pale]"): what follows the last such word is the
    /// place.</summary>
    public void Apply(TagContext ctx)
    {
        var doc = ctx.Doc;
        var tags = ctx.Tags;
        if (doc.CaseUnreliable) return;
        int n = tags.Length;
        for (int i = 0; i < n; i++)
        {
            if (tags[i] == 0 || (tags[i] & 1) == 0) continue;
            int e = SpanEnd(tags, i, n);
            if (tags[i] == 5 && e - i >= 3)
            {
                int cut = -1;
                for (int k = i + 1; k < e - 1; k++)
                    if ((doc.Flags[k] & (NerDocument.FLowerStart | NerDocument.FDigit | NerDocument.FPunct | NerDocument.FHeadline)) == NerDocument.FLowerStart
                        && !IsConnector(doc, k) && !IsNameParticle(doc, k) && !PlaceParticles.Contains(doc.Exact[k]))
                        cut = k;
                if (cut > 0 && (doc.Flags[cut + 1] & NerDocument.FCap) != 0)
                {
                    // The capitalised words before it: nationalities or peoples are a group ("[Bosnian Serb] stronghold"), a
                    // known place stays one ("[Moscow] suburb"), and so does a place before a preposition ("the [James
                    // River] in [Newport News]"); anything else is no name.
                    int pe = i;
                    while (pe < cut && (doc.Flags[pe] & NerDocument.FCap) != 0) pe++;
                    bool group = pe > i, place = pe > i && (ctx.IsKnownPlace(i, pe) || Prepositions.Contains(doc.Lower[cut]));
                    for (int k = i; k < pe && group; k++) group = ctx.IsGroupWord(k);
                    for (int k = i; k <= cut; k++) tags[k] = 0;
                    if (group || place) SetSpan(tags, i, pe, group ? 7 : 5);
                    tags[cut + 1] = 5;
                }
            }
            i = e - 1;
        }
    }
}
