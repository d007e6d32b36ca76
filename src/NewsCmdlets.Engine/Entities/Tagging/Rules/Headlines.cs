using NewsCmdlets.Engine.Text;
using static NewsCmdlets.Engine.Entities.Tagging.Rules.Spans;
using static NewsCmdlets.Engine.Entities.Tagging.Rules.Words;

namespace NewsCmdlets.Engine.Entities.Tagging.Rules;

/// <summary>
/// Headlines in capitals open with a subject slug before a dash ("RUGBY UNION - HOLMGATE BEAT DUNMORE") and use
/// common nouns for institutions ("WESTMERE MAN HELD AFTER BANK RAID"): the slug names no one, and a common noun
/// alone in the story's headline names no institution.
/// </summary>
internal sealed class Headlines : ITagRule
{
    public string Name => nameof(Headlines);

    /// <summary>In articles in normal case: a headline's subject slug before a dash is no name ("RUGBY UNION - …"),
    /// and a common word for an institution alone in the story's headline names none ("AFTER BANK RAID").</summary>
    public void Apply(TagContext ctx)
    {
        var doc = ctx.Doc;
        var tags = ctx.Tags;
        if (doc.CaseUnreliable) return;
        foreach (var sent in doc.Sentences)
        {
            int dash = SlugDash(ctx, sent);
            for (int k = sent.FirstToken; k < dash; k++) tags[k] = 0;
        }
        int n = tags.Length;
        for (int i = 0; i < n; i++)
        {
            if (tags[i] == 0 || (tags[i] & 1) == 0) continue;
            int e = SpanEnd(tags, i, n);
            // (A heading inside a contract may be its defined term: "BANK 'S RIGHTS".)
            if (tags[i] == 3 && e == i + 1 && (doc.Flags[i] & NerDocument.FHeadline) != 0 && InstitutionNouns.Contains(doc.Lower[i]) && i < doc.Sentences[0].EndToken)
                tags[i] = 0;
            i = e - 1;
        }
    }

    /// <summary>The dash after a headline's subject slug ("RUGBY UNION - WALES BEAT FIJI": dictionary words in capitals,
    /// none a country or region; a town may share a sport's name: Rugby), or -1 when the sentence opens with none.</summary>
    internal static int SlugDash(TagContext ctx, SentenceRange sent)
    {
        var doc = ctx.Doc;
        int first = sent.FirstToken, dash = -1;
        for (int k = first + 1; k < Math.Min(first + 4, sent.EndToken - 1); k++) if (IsWord(doc, k, "-")) { dash = k; break; }
        if (dash < 0) return -1;
        for (int k = first; k < dash; k++)
            if ((doc.Flags[k] & NerDocument.FHeadline) == 0
                || (ctx.WordClass(k) & (GazetteerClass.LowerWord | GazetteerClass.Country | GazetteerClass.Region | GazetteerClass.Demonym)) != GazetteerClass.LowerWord) return -1;
        return dash;
    }

    private static readonly HashSet<ulong> InstitutionNouns = Hashes(new[]
    {
        "bank", "banks", "police", "army", "court", "company", "group", "firm", "government", "ministry", "navy", "party", "troops",
    });
}
