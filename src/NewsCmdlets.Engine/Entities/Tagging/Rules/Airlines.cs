using static NewsCmdlets.Engine.Entities.Tagging.Rules.Spans;
using static NewsCmdlets.Engine.Entities.Tagging.Rules.Words;

namespace NewsCmdlets.Engine.Entities.Tagging.Rules;

/// <summary>
/// National and city airlines are named "Air" and the place: "[Air Westmere] cancelled its flights". The name is the
/// airline (an organisation), not a person or the place; the model may also leave "Air" out.
/// </summary>
internal sealed class Airlines : ITagRule
{
    public string Name => nameof(Airlines);

    /// <summary>In articles in normal case, "Air" and a country or city is an airline ("[Air Astana]"), also when the
    /// model tagged the place alone after "Air".</summary>
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
            if (tags[i] is 1 or 5)
            {
                int a = i > 0 && tags[i - 1] == 0 && IsWord(doc, i - 1, "Air") ? i - 1 : i;
                if (e - a >= 2 && IsWord(doc, a, "Air") && (ctx.PhraseClass(a + 1, e) & (GazetteerClass.Country | GazetteerClass.City)) != 0)
                    SetSpan(tags, a, e, 3);
            }
            i = e - 1;
        }
    }
}
