using static NewsCmdlets.Engine.Entities.Tagging.Rules.Spans;
using static NewsCmdlets.Engine.Entities.Tagging.Rules.Words;

namespace NewsCmdlets.Engine.Entities.Tagging.Rules;

/// <summary>
/// In an article in normal case a name starts with a capital, and a person's or an organisation's ends with one:
/// "the infamous [Westmere]" is not "[infamous Westmere]", "[Northsea Press] news agency" not "[Northsea Press news]",
/// and a lone capitalised word opening a sentence that the article also writes in lower case is a common word.
/// </summary>
internal sealed class LowerCaseStarts : ITagRule
{
    public string Name => nameof(LowerCaseStarts);

    /// <summary>
    /// In an article in normal case (three sentences or more), names start with a capital: leading lower-case words
    /// leave a name ("infamous [Island]") and a name in lower case only is none ("the central bank"); names of people and
    /// organisations also end with one ("[Northsea Press] news agency"; places may end in "river").
    /// </summary>
    public void Apply(TagContext ctx)
    {
        var doc = ctx.Doc;
        var tags = ctx.Tags;
        if (doc.CaseUnreliable || doc.Sentences.Count < 3) return;
        int n = tags.Length;
        for (int i = 0; i < n; i++)
        {
            if (tags[i] == 0 || (tags[i] & 1) == 0 || (doc.Flags[i] & (NerDocument.FLowerStart | NerDocument.FHeadline)) != NerDocument.FLowerStart) continue;
            int e = SpanEnd(tags, i, n);
            int s = i;
            // A name may open with its particles: a person's ("[van Rijswijk] 6"), and any name with one joined to a
            // capitalised word ("[al-Nuaimi] was arrested", "the camp at [al-Hol]").
            int q = i;
            while (q < e && IsNameParticle(doc, q)) q++;
            if (q > i && (q == e || (doc.Flags[q] & NerDocument.FCap) != 0) && (tags[i] == 1 || !IsLowerWord(doc, i)))
            {
                i = e - 1;
                continue;
            }
            while (s < e && (doc.Flags[s] & NerDocument.FCap) == 0) tags[s++] = 0;
            if (s < e) tags[s] -= 1; // B- for the first capitalised word
            i = e - 1;
        }
        // A lone capitalised word opening a sentence that the article also writes in lower case is a common word
        // ("Born in New Jersey, …").
        for (int i = 0; i < n; i++)
        {
            if (tags[i] == 0 || (tags[i] & 1) == 0 || (i + 1 < n && tags[i + 1] == tags[i] + 1)) continue;
            if ((doc.Flags[i] & (NerDocument.FInitial | NerDocument.FCap)) == (NerDocument.FInitial | NerDocument.FCap)
                && (doc.Flags[i] & NerDocument.FAllCaps) == 0 && doc.SeenLower.Contains(doc.Lower[i]) && !HasJoinedName(doc, i))
                tags[i] = 0;
        }
        // … and a person's or organisation's name ends with a capitalised word ("[Northsea Press] news agency").
        for (int i = 0; i < n; i++)
        {
            if (tags[i] is not (1 or 3)) continue;
            int e = SpanEnd(tags, i, n);
            while (e - 1 > i && (doc.Flags[e - 1] & (NerDocument.FLowerStart | NerDocument.FHeadline)) == NerDocument.FLowerStart && !(IsNameParticle(doc, e - 1) && !IsLowerWord(doc, e - 1))) tags[--e] = 0;
            i = e - 1;
        }
    }
}
