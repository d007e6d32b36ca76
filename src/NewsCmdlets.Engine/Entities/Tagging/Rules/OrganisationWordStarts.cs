using static NewsCmdlets.Engine.Entities.Tagging.Rules.Spans;

namespace NewsCmdlets.Engine.Entities.Tagging.Rules;

/// <summary>
/// The model leaves out the capitalised first word of a sentence more often than any other, and organisations' names
/// often open with an organisation word: "[Union Bank of Northsea] gained 2 percent", not "Union [Bank of Northsea]".
/// </summary>
internal sealed class OrganisationWordStarts : ITagRule
{
    public string Name => nameof(OrganisationWordStarts);

    /// <summary>In articles in normal case, an organisation word opening a sentence before an organisation that starts
    /// with another is its first word ("[Union Bank of Switzerland] gained …").</summary>
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
            if (tags[i] == 3 && i > 0 && tags[i - 1] == 0 && (doc.Flags[i - 1] & (NerDocument.FInitial | NerDocument.FCap | NerDocument.FAllCaps | NerDocument.FHeadline)) == (NerDocument.FInitial | NerDocument.FCap)
                && (ctx.WordClass(i - 1) & GazetteerClass.OrgWord) != 0 && ctx.IsOrgWord(i))
            {
                tags[i - 1] = 3;
                tags[i] = 4;
            }
            i = e - 1;
        }
    }
}
