using NewsCmdlets.Engine.Entities.Tagging.Rules;
using static NewsCmdlets.Engine.Entities.Tagging.Rules.Spans;
using static NewsCmdlets.Engine.Entities.Tagging.Rules.Words;

namespace NewsCmdlets.Engine.Entities.Tagging;

/// <summary>
/// Document-level consistency: a name tagged in one place is tagged, with its majority type, wherever else it appears
/// capitalised in the same document ("[Ada Ruiz] said …" makes a later "Ruiz" a person, "[Holmgate Lines Corp]" a later
/// "HOLMGATE LINES"). A step of the tagger's, not a convention of news copy; it runs among the rules
/// (<see cref="TagRules.InOrder"/>) because the rules before it type names for it to carry, and those after it correct
/// what it carried.
/// </summary>
internal sealed class LabelPropagation : ITagRule
{
    public string Name => "Propagation";

    private const int MaxSpan = 6;

    public void Apply(TagContext ctx)
    {
        var doc = ctx.Doc;
        var tags = ctx.Tags;
        var sure = ctx.Sure;
        int n = tags.Length;
        // Votes per token sequence: type (1..4) counts.
        Dictionary<ulong, int[]>? votes = null;
        for (int i = 0; i < n;)
        {
            if (tags[i] == 0 || (tags[i] & 1) == 0) { i++; continue; }
            int type = (tags[i] + 1) / 2;
            int e = SpanEnd(tags, i, n);
            if (e - i <= MaxSpan && (doc.Flags[i] & NerDocument.FCap) != 0)
            {
                votes ??= new Dictionary<ulong, int[]>();
                ulong h = Seq(doc, i, e);
                // A name in a headline in capitals counts less than one in running text.
                // A name typed by its context ("the town of …", "Prime Minister …") counts three times.
                int weight = (doc.Flags[i] & NerDocument.FHeadline) != 0 ? 1 : 2;
                if (sure != null && sure[i]) weight *= 3;
                Vote(votes, h, type, weight);
                // A person's family name alone names the same person ("Marta Ilves" … "Ilves said").
                if (NerAblations.SurnameVotes && type == 1 && e - i >= 2 && (doc.Flags[e - 1] & NerDocument.FCap) != 0)
                    Vote(votes, Seq(doc, e - 1, e), 1, weight);
                // An organisation's name without its legal form ("[General Motors] Corp" → "GENERAL MOTORS" in the
                // headline), and a club's name without its town ("Seattle [Mariners]" → "the Mariners"), name it too.
                if (type == 2 && e - i >= 2)
                {
                    int cut = -1, from = i;
                    if (IsCompanySuffix(doc.Tokens[e - 1].Span(doc.Text)) || CompanyForms.Contains(doc.Lower[e - 1])) cut = e - 1;
                    else if (e - i == 2 && (doc.Flags[e - 1] & NerDocument.FCap) != 0
                             && (ctx.WordClass(i) & (GazetteerClass.City | GazetteerClass.Town)) != 0
                             && (ctx.WordClass(e - 1) & GazetteerClass.OrgWord) == 0
                             && ((ctx.WordClass(e - 1) & GazetteerClass.LowerWord) == 0 || ctx.IsPluralName(e - 1)))
                    { from = e - 1; cut = e; }
                    if (cut > from) Vote(votes, Seq(doc, from, cut), 2, 1);
                    // A company's first word, when it is no word, place or given name of its own, names the company
                    // ("[Daewoo Motor Co]" … "[Daewoo] already owns …", "[DAEWOO] TO BUY STAKE"), and weighs three
                    // times: the model reads such a short name as a person more often than not.
                    if (cut == e - 1 && from == i && e - i >= 3
                        && (ctx.WordClass(i) & (GazetteerClass.LowerWord | PlaceClasses | GazetteerClass.WnPlace | GazetteerClass.Demonym | GazetteerClass.GivenName | GazetteerClass.Title | GazetteerClass.Calendar | GazetteerClass.OrgWord)) == 0)
                        Vote(votes, Seq(doc, i, i + 1), 2, 3 * weight);
                }
            }
            i = e;
        }
        if (votes == null) return;
        for (int i = 0; i < n; i++)
        {
            if ((doc.Flags[i] & NerDocument.FCap) == 0) continue;
            if (tags[i] != 0)
            {
                // Re-type a span to the document's majority for the same words.
                if ((tags[i] & 1) == 0) continue;
                int e = SpanEnd(tags, i, n);
                if (e - i <= MaxSpan && votes.TryGetValue(Seq(doc, i, e), out var v))
                {
                    int best = Best(v);
                    if (best != (tags[i] + 1) / 2 && v[best] > v[(tags[i] + 1) / 2])
                        SetSpan(tags, i, e, best * 2 - 1);
                }
                i = e - 1;
                continue;
            }
            for (int len = Math.Min(MaxSpan, n - i); len >= 1; len--)
            {
                int e = i + len;
                bool free = true;
                for (int k = i; k < e && free; k++) free = tags[k] == 0 && !IsBreak(doc, k, i);
                if (!free || (doc.Flags[e - 1] & NerDocument.FCap) == 0) continue;
                if (!votes.TryGetValue(Seq(doc, i, e), out var v)) continue;
                // A lone sentence-initial word also written in lower case elsewhere is probably not this name.
                if (len == 1 && (doc.Flags[i] & NerDocument.FInitial) != 0 && doc.SeenLower.Contains(doc.Lower[i])) break;
                int best = Best(v);
                SetSpan(tags, i, e, best * 2 - 1);
                i = e - 1;
                break;
            }
        }
    }

    /// <summary>Adds <paramref name="weight"/> votes for <paramref name="type"/> (1..4) to the words hashed as <paramref name="seq"/>.</summary>
    private static void Vote(Dictionary<ulong, int[]> votes, ulong seq, int type, int weight)
    {
        if (!votes.TryGetValue(seq, out var v)) votes[seq] = v = new int[5];
        v[type] += weight;
    }

    private static bool IsBreak(NerDocument doc, int k, int start) => k > start && (doc.Flags[k] & NerDocument.FInitial) != 0;

    private static int Best(int[] v)
    {
        int best = 1;
        for (int t = 2; t <= 4; t++) if (v[t] > v[best]) best = t;
        return best;
    }

    private static ulong Seq(NerDocument doc, int s, int e)
    {
        ulong h = 0x9E3779B97F4A7C15UL;
        for (int k = s; k < e; k++) h = Hashing.Mix(h, doc.Lower[k]);
        return h;
    }

    /// <summary>Legal forms in any case, as lower-case hashes ("Corp", "Inc.", "Ltd").</summary>
    private static readonly HashSet<ulong> CompanyForms = new[] { "corp", "corp.", "inc", "inc.", "co", "co.", "ltd", "ltd.", "plc", "llc", "ag", "sa", "nv", "spa", "gmbh", "bhd" }
        .Select(w => Hashing.Lower(w)).ToHashSet();
}
