using static NewsCmdlets.Engine.Entities.Tagging.Rules.Spans;

namespace NewsCmdlets.Engine.Entities.Tagging.Rules;

/// <summary>
/// Clubs are named after their town, with a sponsor's or a founder's name before it or a nickname in the plural
/// after it: "[Athletic Westmere]", "the [Holmgate Mariners]", and then "the Mariners" alone. The club's name and its
/// town are one name, and so are a town and a capitalised plural the model left untagged.
/// </summary>
internal sealed class ClubNames : ITagRule
{
    public string Name => nameof(ClubNames);

    /// <summary>In articles in normal case, a club's name followed by its town is one name ("[PSV Eindhoven]",
    /// "[Sparta Prague]"), and so is a town followed by a capitalised plural ("the [Seattle Mariners]").</summary>
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
                if (tags[i] == 0 || (tags[i] & 1) == 0) continue;
                int type = (tags[i] + 1) / 2, e = SpanEnd(tags, i, end);
                // A town followed by a capitalised plural the model left untagged is a team ("the Seattle Mariners").
                if (type is 2 or 3 && e == i + 1 && e < end && tags[e] == 0 && (doc.Flags[e] & (NerDocument.FCap | NerDocument.FAllCaps | NerDocument.FHeadline)) == NerDocument.FCap
                    && (ctx.WordClass(i) & (GazetteerClass.City | GazetteerClass.Town | GazetteerClass.Subdivision)) != 0 && ctx.IsPluralName(e))
                {
                    tags[i] = 3;
                    tags[e] = 4;
                    i = e;
                    continue;
                }
                if (type == 2 && e < end && tags[e] == 5 && (e + 1 == end || tags[e + 1] != 6)
                    && (ctx.WordClass(e) & (GazetteerClass.City | GazetteerClass.Town)) != 0
                    && (ctx.WordClass(e) & GazetteerClass.Country) == 0)
                {
                    tags[e] = 4;
                    e++;
                }
                i = e - 1;
            }
        }
    }
}
