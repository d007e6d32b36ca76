using static NewsCmdlets.Engine.Entities.Tagging.Rules.Spans;
using static NewsCmdlets.Engine.Entities.Tagging.Rules.Words;

namespace NewsCmdlets.Engine.Entities.Tagging.Rules;

/// <summary>
/// A few countries are written with an article ("the Netherlands", "the Gambia"); opening a sentence it is "The",
/// which the model runs into the place: "The [Netherlands] government said …", not "[The Netherlands]".
/// </summary>
internal sealed class CountryArticles : ITagRule
{
    public string Name => nameof(CountryArticles);

    /// <summary>A sentence's "The" before a country is no part of it, in articles in normal case (the model runs a
    /// place or an organisation on over its article at the start of a sentence).</summary>
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
            if (b is 3 or 5 && e - i >= 2 && IsWord(doc, i, "The") && (ctx.PhraseClass(i + 1, e) & GazetteerClass.Country) != 0)
            {
                tags[i] = 0;
                tags[i + 1] = b;
            }
            i = e - 1;
        }
    }
}
