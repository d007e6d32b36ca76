using NewsCmdlets.Engine.Text;
using static NewsCmdlets.Engine.Entities.Tagging.Rules.Spans;
using static NewsCmdlets.Engine.Entities.Tagging.Rules.Words;

namespace NewsCmdlets.Engine.Entities.Tagging.Rules;

/// <summary>
/// Central banks, international bodies and the like are named the same way in every story: "exporters in Westmere
/// watched the [Bank of Japan]", "a [NATO] summit". The names WordNet lists (Entities/Data/organisations.txt),
/// written as the list writes them, are organisations.
/// </summary>
internal sealed class KnownOrganisations : ITagRule
{
    public string Name => nameof(KnownOrganisations);

    /// <summary>Organisations that WordNet names (Entities/Data/organisations.txt), written as the list writes them (in a
    /// headline in capitals, see <see cref="InHeadline"/>): "the [Federal Reserve] 's policy committee", "ahead of the
    /// [Fed]", "the [Bank of Japan]", "[Interpol]". The longest such name is an organisation, unless the model's name
    /// runs on past it on either side ("the [Federal Reserve Bank of New York]", "[Labour Day]").</summary>
    public void Apply(TagContext ctx)
    {
        var doc = ctx.Doc;
        var tags = ctx.Tags;
        if (doc.CaseUnreliable) return;
        foreach (var sent in doc.Sentences)
        {
            int end = sent.EndToken;
            // A dateline's place stays a place ("[UNITED NATIONS] 1996-09-04": a line of a place and a date).
            if (tags[sent.FirstToken] == 5 && sent.TokenCount <= 10 && DateAtEnd(doc, sent) > sent.FirstToken) continue;
            for (int i = sent.FirstToken; i < end; i++)
            {
                bool headline = (doc.Flags[i] & NerDocument.FHeadline) != 0;
                if (headline ? !char.IsUpper(doc.Text[doc.Tokens[i].Start]) : (doc.Flags[i] & NerDocument.FCap) == 0) continue;
                ulong h = Gazetteer.SequenceSeed;
                int match = -1;
                for (int k = i; k < end; k++)
                {
                    h = Gazetteer.Extend(h, doc.Lower[k]);
                    if (ctx.Gazetteer.OrganisationName(h) is { } name && name.Length == k + 1 - i && (headline ? InHeadline(ctx, i, name) : WrittenAs(doc, i, name))) match = k + 1;
                    if (!ctx.Gazetteer.IsOrganisationNamePrefix(h)) break;
                }
                if (match < 0) continue;
                // A name the lists also know as a place is left to the model, and so is a place the model found after a
                // preposition of place ("access to the [White House]").
                int before = i - 1;
                if (before > sent.FirstToken && doc.Lower[before] == s_the) before--;
                if ((ctx.PhraseClass(i, match) & PlaceClasses) != 0
                    || (tags[i] == 5 && SpanEnd(tags, i, end) == match && before >= sent.FirstToken && Prepositions.Contains(doc.Lower[before])))
                {
                    i = match - 1;
                    continue;
                }
                if (!RunsOn(tags, i, match, sent.FirstToken, end) && !(tags[i] == 3 && SpanEnd(tags, i, end) == match)) ctx.SetSure(i, match, 3, end);
                i = match - 1;
            }
        }
    }

    /// <summary>In a headline in capitals a name of two words or more matches whatever its case ("BANK OF JAPAN"), and one
    /// word only when the list writes it in capitals too and it is no English word ("EU", "NATO"; not "WHO").</summary>
    private static bool InHeadline(TagContext ctx, int i, string[] words)
    {
        var doc = ctx.Doc;
        if (words.Length > 1)
        {
            for (int j = 0; j < words.Length; j++)
                if (!doc.Tokens[i + j].Span(doc.Text).Equals(words[j], StringComparison.OrdinalIgnoreCase)) return false;
            return true;
        }
        foreach (char c in words[0]) if (char.IsLower(c)) return false;
        return WrittenAs(doc, i, words) && (ctx.WordClass(i) & GazetteerClass.LowerWord) == 0;
    }

    private static bool WrittenAs(NerDocument doc, int i, string[] words)
    {
        for (int j = 0; j < words.Length; j++)
            if (!doc.Tokens[i + j].Span(doc.Text).SequenceEqual(words[j])) return false;
        return true;
    }

    private static readonly HashSet<string> Months = new(StringComparer.OrdinalIgnoreCase)
    {
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Jan.", "Feb.", "Mar.", "Apr.", "Jun.",
        "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.",
    };

    /// <summary>Where a date ends the sentence ("2026-03-14", "Mar 14", "14 March 2026", "Mar. 14, 2026"), or -1.</summary>
    private static int DateAtEnd(NerDocument doc, SentenceRange sent)
    {
        int e = sent.EndToken;
        if (e - 1 > sent.FirstToken && IsWord(doc, e - 1, ".")) e--;
        int last = e - 1;
        var w = doc.Tokens[last].Span(doc.Text);
        if (IsIsoDate(w)) return last;
        // Month Day [, Year] or Day Month [Year]
        int k = last;
        if (IsNumber(w, 4) && k - 1 > sent.FirstToken) { k--; if (IsWord(doc, k, ",")) k--; }
        if (k - 1 < sent.FirstToken) return -1;
        var a = doc.Tokens[k - 1].Span(doc.Text).ToString();
        var b = doc.Tokens[k].Span(doc.Text);
        if (Months.Contains(a) && IsNumber(b, 2)) return k - 1;
        if (Months.Contains(b.ToString()) && IsNumber(a, 2)) return k - 1;
        return -1;
    }

    private static bool IsIsoDate(ReadOnlySpan<char> s) =>
        s.Length == 10 && s[4] == '-' && s[7] == '-' && IsNumber(s[..4], 4) && IsNumber(s[5..7], 2) && IsNumber(s[8..], 2);
}
