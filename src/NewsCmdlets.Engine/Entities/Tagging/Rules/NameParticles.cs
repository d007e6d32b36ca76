using static NewsCmdlets.Engine.Entities.Tagging.Rules.Spans;
using static NewsCmdlets.Engine.Entities.Tagging.Rules.Words;

namespace NewsCmdlets.Engine.Entities.Tagging.Rules;

/// <summary>
/// Family names and Romance organisation names run on through lower-case particles: "[Piet van der Holm]", "[Ana da
/// Carrow]", "[Banco de Westmere]", "[Societe Generale des Quais]". The model often stops at the particle; the name
/// goes on through it.
/// </summary>
internal sealed class NameParticles : ITagRule
{
    public string Name => nameof(NameParticles);

    /// <summary>In articles in normal case, an organisation goes on through a particle and a capitalised word the model
    /// left out ("[Societe Generale des Travaux]", "[Banco de Galicia]"), and a person's name through the particles of a
    /// family name, forwards ("[Eric van der Luer]", "[Luis de Guindos]") and back to a given name the model left out
    /// ("[Joost van der Westhuizen]").</summary>
    public void Apply(TagContext ctx)
    {
        var doc = ctx.Doc;
        var tags = ctx.Tags;
        if (doc.CaseUnreliable) return;
        foreach (var sent in doc.Sentences)
        {
            int first = sent.FirstToken, end = sent.EndToken;
            for (int i = first; i < end; i++)
            {
                if (tags[i] == 0 || (tags[i] & 1) == 0) continue;
                int type = (tags[i] + 1) / 2, e = SpanEnd(tags, i, end);
                if (type == 2 && e + 1 < end && (doc.Flags[e] & NerDocument.FCap) == 0 && OrgParticles.Contains(doc.Exact[e]) && tags[e + 1] == 0 && IsCapitalisedWord(doc, e + 1))
                {
                    int p = e + 1;
                    while (p + 1 < end && tags[p + 1] == 0 && IsCapitalisedWord(doc, p + 1)) p++;
                    for (int k = e; k <= p; k++) tags[k] = 4;
                    e = p + 1;
                }
                if (type == 1)
                {
                    int q = i;
                    while (q > first && i - q < 3 && (doc.Flags[q - 1] & NerDocument.FCap) == 0 && Words.NameParticles.Contains(doc.Exact[q - 1])) q--;
                    if (q < i && q > first && tags[q - 1] == 0 && IsCapitalisedWord(doc, q - 1)
                        && ((ctx.WordClass(q - 1) & GazetteerClass.GivenName) != 0
                            || (ctx.WordClass(q - 1) & (GazetteerClass.LowerWord | PlaceClasses | GazetteerClass.Calendar | GazetteerClass.Title | GazetteerClass.OrgWord)) == 0))
                    {
                        SetSpan(tags, q - 1, i + 1, 1);
                    }
                    int p = e;
                    while (p < end && p - e < 3 && (doc.Flags[p] & NerDocument.FCap) == 0 && Words.NameParticles.Contains(doc.Exact[p])) p++;
                    if (p > e && p < end && (doc.Flags[p] & NerDocument.FCap) != 0 && (doc.Flags[p] & (NerDocument.FDigit | NerDocument.FPunct)) == 0 && tags[p] is 0 or 1)
                    {
                        for (int k = e; k <= p; k++) tags[k] = 2;
                        e = p + 1;
                        while (e < end && tags[e] == 2) e++;
                    }
                }
                i = e - 1;
            }
        }
    }

    /// <summary>Particles inside Romance organisation names ("des", "de", "del").</summary>
    private static readonly HashSet<ulong> OrgParticles = new[] { "de", "des", "du", "del", "della", "di", "do", "da" }.Select(w => Hashing.Exact(w)).ToHashSet();
}
