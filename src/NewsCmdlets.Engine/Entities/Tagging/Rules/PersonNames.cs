using static NewsCmdlets.Engine.Entities.Tagging.Rules.Spans;
using static NewsCmdlets.Engine.Entities.Tagging.Rules.Words;

namespace NewsCmdlets.Engine.Entities.Tagging.Rules;

/// <summary>
/// Where a person's name starts and ends in news copy: after the title, the nationality or the sports role ("Judge
/// [Ada Ruiz]", "Goalkeeper [Oren Quill]"), before the score ("[Tam Velde] 44") and before "of" and the team
/// ("[Ada Ruiz] of [Holmgate]"); two names side by side are one ("[Ada] [Ruiz]" → "[Ada Ruiz]").
/// </summary>
internal sealed class PersonNames : ITagRule
{
    public string Name => nameof(PersonNames);

    /// <summary>
    /// A person's name does not include the title or nationality before it ("Judge [Ada Ruiz]", "Dutchman [Piet Van
    /// Halen]"), and two
    /// capitalised names tagged as persons side by side are one ("[Kofi] [Adair]" → "[Kofi Adair]").
    /// </summary>
    public void Apply(TagContext ctx)
    {
        var doc = ctx.Doc;
        var tags = ctx.Tags;
        foreach (var sent in doc.Sentences)
        {
            int end = sent.EndToken;
            for (int i = sent.FirstToken; i < end; i++)
            {
                if (tags[i] != 1) continue;
                if (i > sent.FirstToken && tags[i - 1] is 1 or 2 && (doc.Flags[i] & NerDocument.FCap) != 0 && (doc.Flags[i - 1] & NerDocument.FCap) != 0
                    && (doc.Flags[i - 1] & NerDocument.FPunct) == 0)
                {
                    // A title the model took for a name of its own is left out ("Chairman [Jean-Luc Marchetti]");
                    // otherwise two person names side by side are one.
                    int p = i - 1;
                    while (p > sent.FirstToken && tags[p] == 2) p--;
                    bool titles = true;
                    for (int k = p; k < i && titles; k++) titles = IsPersonTitle(ctx, k);
                    if (!titles) { tags[i] = 2; continue; }
                    for (int k = p; k < i; k++) tags[k] = 0;
                }
                int e = SpanEnd(tags, i, end);
                // A score or a figure after a name is not part of it ("Mushtaq Ahmed 44").
                while (e - 1 > i && IsNumber(doc.Tokens[e - 1].Span(doc.Text), 4)) tags[--e] = 0;
                // "[Damon Hill] of [Williams]": a person's name does not go on through "of" (unless it starts with a
                // title: "Duke of Edinburgh"); what follows is the team, firm or place the person is of.
                if (!IsPersonTitle(ctx, i) && !IsNamePartTitle(doc.Tokens[i].Span(doc.Text)))
                    for (int m = i + 1; m < e - 1; m++)
                    {
                        if (!IsWord(doc, m, "of") || (doc.Flags[m + 1] & NerDocument.FCap) == 0) continue;
                        int type = ctx.IsKnownPlace(m + 1, e) ? 5 : 3;
                        tags[m] = 0;
                        SetSpan(tags, m + 1, e, type);
                        e = m;
                        break;
                    }
                int s = i;
                // A title, a nationality or a sports role ("Goaltender [Mike Richter]") before the name is no part of it.
                while (s < e - 1 && (doc.Flags[s] & NerDocument.FCap) != 0 && (IsPersonTitle(ctx, s) || ctx.IsNationality(s)
                       || (SportsRoles.Contains(doc.Lower[s]) && (ctx.WordClass(s) & GazetteerClass.GivenName) == 0))) s++;
                if (s == i) continue;
                for (int k = i; k < s; k++) tags[k] = 0;
                tags[s] = 1;
            }
        }
    }

    /// <summary>Titles that are part of a person's name ("Lord", "Lady", "Sir", "Dame"), in any case.</summary>
    private static bool IsNamePartTitle(ReadOnlySpan<char> w) =>
        w.Equals("Lord", StringComparison.OrdinalIgnoreCase) || w.Equals("Lady", StringComparison.OrdinalIgnoreCase)
        || w.Equals("Sir", StringComparison.OrdinalIgnoreCase) || w.Equals("Dame", StringComparison.OrdinalIgnoreCase);

    private static bool IsPersonTitle(TagContext ctx, int k)
    {
        var doc = ctx.Doc;
        if ((ctx.WordClass(k) & GazetteerClass.Title) == 0) return false;
        return !IsNamePartTitle(doc.Tokens[k].Span(doc.Text));
    }
}
