using static NewsCmdlets.Engine.Entities.Tagging.Rules.Spans;

namespace NewsCmdlets.Engine.Entities.Tagging.Rules;

/// <summary>
/// News names a government by its capital ("[Westmere] protested to Oslo", where Westmere is the capital), and some
/// regions carry a word that usually ends an organisation's name ("the [Carrow Bank]" of a river). CoNLL, which the
/// model learnt from, tags both as places, so a capital alone or a region of two words or more that the model took
/// for an organisation is the place.
/// </summary>
internal sealed class CapitalsAndRegions : ITagRule
{
    public string Name => nameof(CapitalsAndRegions);

    /// <summary>A capital alone, tagged as an organisation, is the place (its government: "[Prague] protested"), and
    /// so is a region of two words or more ("the [West Bank]"), in articles in normal case, unless the name ends in an
    /// organisation word. (A country alone was too, before the model learnt news copy's conventions from news-train/;
    /// since then the rule only took companies named like countries: "[Emirates]".)</summary>
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
                int e = SpanEnd(tags, i, end);
                if (tags[i] == 3)
                {
                    // The model's organisation may run on into lower-case words that a later rule trims ("[The
                    // Philippines government]"): the name is looked up without them.
                    int ne = e;
                    while (ne - 1 > i && (doc.Flags[ne - 1] & NerDocument.FLowerStart) != 0) ne--;
                    ulong h = Gazetteer.SequenceSeed;
                    for (int k = i; k < ne; k++) h = Gazetteer.Extend(h, doc.Lower[k]);
                    var cls = ctx.Gazetteer.Lookup(h);
                    if ((ctx.Gazetteer.IsCapital(h) || (ne - i >= 2 && (cls & (GazetteerClass.Region | GazetteerClass.Subdivision)) != 0))
                        && (cls & GazetteerClass.OrgWord) == 0)
                    {
                        for (int k = i; k < e; k++) tags[k] = k >= ne ? 0 : k == i ? 5 : 6;
                        e = ne;
                    }
                }
                i = e - 1;
            }
        }
    }
}
