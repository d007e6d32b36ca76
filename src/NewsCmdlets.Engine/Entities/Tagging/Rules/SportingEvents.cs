using static NewsCmdlets.Engine.Entities.Tagging.Rules.Spans;
using static NewsCmdlets.Engine.Entities.Tagging.Rules.Words;

namespace NewsCmdlets.Engine.Entities.Tagging.Rules;

/// <summary>
/// Tournaments and races are named after a place or a nation: "the [Westmere Open]", "the [Holmgate Grand Prix]",
/// "the [Tour of Northsea]", "TENNIS - [WESTMERE OPEN] RESULTS". The name is the event (MISC), not the place.
/// </summary>
internal sealed class SportingEvents : ITagRule
{
    public string Name => nameof(SportingEvents);

    /// <summary>In articles in normal case: "Tour of" and a place is the event ("the [Tour of Spain]", "[TOUR OF
    /// SPAIN]"; not a band's "Anniversary Tour of [North America]": the word before "Tour" is a lower-case one or "of"),
    /// and so is a place or nationality before "Open", "Grand Prix", "Masters", "Classic" or "Marathon" ("the [U.S.
    /// Open]", "the [Hamburg Open]"); in a headline in capitals only after a sports slug ("TENNIS - [HAMBURG OPEN]
    /// RESULTS"), where "OPEN" is otherwise a verb or an adjective.</summary>
    public void Apply(TagContext ctx)
    {
        var doc = ctx.Doc;
        var tags = ctx.Tags;
        if (doc.CaseUnreliable) return;
        int n = tags.Length;
        bool[]? afterSlug = null;
        foreach (var sent in doc.Sentences)
        {
            int dash = Headlines.SlugDash(ctx, sent);
            if (dash >= 0) (afterSlug ??= new bool[n]).AsSpan(dash + 1, sent.EndToken - dash - 1).Fill(true);
        }
        for (int i = 0; i < n; i++)
        {
            if (tags[i] == 0 || (tags[i] & 1) == 0) continue;
            int b = tags[i], e = SpanEnd(tags, i, n);
            if (b == 5 && i >= 2 && tags[i - 1] == 0 && tags[i - 2] == 0 && doc.Lower[i - 1] == s_of && doc.Lower[i - 2] == s_tour
                && char.IsUpper(doc.Text[doc.Tokens[i - 2].Start])
                && (i - 3 < 0 || (doc.Flags[i - 3] & NerDocument.FLowerStart) != 0 || doc.Lower[i - 3] == s_of || (doc.Flags[i - 3] & NerDocument.FPunct) != 0))
            {
                SetSpan(tags, i - 2, e, 7);
                StartAfresh(tags, e, n);
                i = e - 1;
                continue;
            }
            if (b is 3 or 5 or 7)
            {
                int ev = (doc.Flags[i] & NerDocument.FHeadline) == 0 || afterSlug?[i] == true ? EventWords(doc, e, n) : 0;
                if (ev > 0 && (b == 5 || (ctx.PhraseClass(i, e) & (b == 7 ? GazetteerClass.Demonym : PlaceClasses | GazetteerClass.Demonym)) != 0))
                {
                    SetSpan(tags, i, e + ev, 7);
                    StartAfresh(tags, e + ev, n);
                    i = e + ev - 1;
                    continue;
                }
            }
            i = e - 1;
        }
    }

    private static readonly ulong s_tour = Hashing.Lower("tour");
    private static readonly ulong s_open = Hashing.Lower("open"), s_masters = Hashing.Lower("masters"), s_classic = Hashing.Lower("classic"),
        s_marathon = Hashing.Lower("marathon"), s_grand = Hashing.Lower("grand"), s_prix = Hashing.Lower("prix");

    /// <summary>The number of tokens at k that name a kind of sporting event after a place ("Open", "Grand Prix"), or 0.</summary>
    private static int EventWords(NerDocument doc, int k, int n)
    {
        if (k >= n || (doc.Flags[k] & NerDocument.FCap) == 0) return 0;
        if (doc.Lower[k] == s_open || doc.Lower[k] == s_masters || doc.Lower[k] == s_classic || doc.Lower[k] == s_marathon) return 1;
        return k + 1 < n && doc.Lower[k] == s_grand && doc.Lower[k + 1] == s_prix && (doc.Flags[k + 1] & NerDocument.FCap) != 0 ? 2 : 0;
    }
}
