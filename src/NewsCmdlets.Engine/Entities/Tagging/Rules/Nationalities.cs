using static NewsCmdlets.Engine.Entities.Tagging.Rules.Spans;
using static NewsCmdlets.Engine.Entities.Tagging.Rules.Words;

namespace NewsCmdlets.Engine.Entities.Tagging.Rules;

/// <summary>
/// Nationalities, faiths and peoples describe people and groups: "[Danish] negotiators", "the [Kurdish] group",
/// "[MUSLIM] REBELS". Alone they are no place and no organisation (MISC).
/// </summary>
internal sealed class Nationalities : ITagRule
{
    public string Name => nameof(Nationalities);

    /// <summary>In articles in normal case, one word the model took for a place or an organisation that is a
    /// nationality, a faith or a people ("[Israeli] negotiators", "the [Polish] news agency", "the [Islamic] group") is
    /// MISC. (A faith or people may share a region's name: "Chechen"; a nationality that is a place's name stays one.)</summary>
    public void Apply(TagContext ctx)
    {
        var doc = ctx.Doc;
        var tags = ctx.Tags;
        if (doc.CaseUnreliable) return;
        int n = tags.Length;
        for (int i = 0; i < n; i++)
        {
            if (tags[i] == 0 || (tags[i] & 1) == 0) continue;
            int b = tags[i], e = SpanEnd(tags, i, n);
            if (b is 3 or 5 && e == i + 1 && (GroupWords.Contains(doc.Lower[i]) || (ctx.WordClass(i) & PlaceClasses) == 0 && ctx.IsNationality(i)))
                tags[i] = 7;
            i = e - 1;
        }
    }
}
