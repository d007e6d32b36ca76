using static NewsCmdlets.Engine.Entities.Tagging.Rules.Spans;

namespace NewsCmdlets.Engine.Entities.Tagging.Rules;

/// <summary>
/// News writes a person's post before the name without a comma: "Ambassador to the [European Union] [Ada Ruiz]", "the
/// [Westmere Harbour Authority] [Tam Velde]". When the model ran the organisation on into the person, the name ending
/// in an organisation word is the organisation and the given name and what follows it are the person.
/// </summary>
internal sealed class OrganisationThenPerson : ITagRule
{
    public string Name => nameof(OrganisationThenPerson);

    /// <summary>In articles in normal case, an organisation's name ending in an organisation word, then a given name
    /// and more capitalised words, is the organisation and a person ("[European Union] [Gordon Sondland]").</summary>
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
            if (tags[i] == 3 && e - i >= 4)
                for (int k = i + 1; k + 1 < e; k++)
                {
                    if ((doc.Flags[k] & NerDocument.FCap) == 0) break;
                    var wk = ctx.WordClass(k);
                    if (!ctx.IsOrgWord(k - 1) || (wk & GazetteerClass.GivenName) == 0 || ctx.IsOrgWord(k)
                        || (wk & (GazetteerClass.LowerWord | GazetteerClass.Country | GazetteerClass.City)) != 0) continue;
                    bool rest = true;
                    for (int r = k + 1; r < e; r++)
                        if ((doc.Flags[r] & NerDocument.FCap) == 0 || (doc.Flags[r] & NerDocument.FAllCaps) != 0 || ctx.IsOrgWord(r)) rest = false;
                    if (!rest) break;
                    tags[k] = 1;
                    for (int r = k + 1; r < e; r++) tags[r] = 2;
                    break;
                }
            i = e - 1;
        }
    }
}
