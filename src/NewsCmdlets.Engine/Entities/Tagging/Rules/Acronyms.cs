using static NewsCmdlets.Engine.Entities.Tagging.Rules.Spans;
using static NewsCmdlets.Engine.Entities.Tagging.Rules.Words;

namespace NewsCmdlets.Engine.Entities.Tagging.Rules;

/// <summary>
/// News introduces an organisation by its full name with its initials in brackets, then uses the initials alone:
/// "the [Northsea Fisheries Authority] ( [NFA] ) said … the [NFA] will …". The initials take the long name's type.
/// </summary>
internal sealed class Acronyms : ITagRule
{
    public string Name => nameof(Acronyms);

    /// <summary>
    /// A name followed by its initials in brackets is one name, and so are the initials: "the [Organisation for Security
    /// and Cooperation in Europe] ( [OSCE] )", "[Joint Chiefs of Staff] ( [JCS] )". The initials of the capitalised words
    /// (connectors such as "of", "and", "in" skipped) must spell the letters in brackets. The type is the organisation
    /// the model saw in part of the name or an organisation word in it ("Organisation", "Party"), else the one type the
    /// model gave every capitalised word of it; a name without either is left alone.
    /// Both are marked sure, so the initials alone elsewhere get the type too.
    /// </summary>
    public void Apply(TagContext ctx)
    {
        var doc = ctx.Doc;
        var tags = ctx.Tags;
        if (doc.CaseUnreliable) return;
        foreach (var sent in doc.Sentences)
        {
            int first = sent.FirstToken, end = sent.EndToken;
            for (int a = first + 2; a + 1 < end; a++)
            {
                if (!IsWord(doc, a - 1, "(") || !IsWord(doc, a + 1, ")")) continue;
                var acr = doc.Tokens[a].Span(doc.Text);
                if (acr.Length < 2 || acr.Length > 8 || (doc.Flags[a] & NerDocument.FAllCaps) == 0) continue;
                int letters = 0;
                foreach (char c in acr) if (char.IsLetter(c)) letters++;
                if (letters < 2) continue;
                // Walk back from the bracket, matching the letters from the last.
                int li = acr.Length - 1, k = a - 2, start = -1;
                while (k >= first)
                {
                    while (li >= 0 && !char.IsLetter(acr[li])) li--;
                    if (li < 0) break;
                    if ((doc.Flags[k] & NerDocument.FCap) != 0 && (doc.Flags[k] & NerDocument.FDigit) == 0)
                    {
                        var w = doc.Tokens[k].Span(doc.Text);
                        if (char.ToUpperInvariant(w[0]) != char.ToUpperInvariant(acr[li])) break;
                        li--;
                        k--;
                        while (li >= 0 && !char.IsLetter(acr[li])) li--;
                        if (li < 0) { start = k + 1; break; }
                    }
                    else if (k > first && k < a - 2 && (doc.Flags[k - 1] & NerDocument.FCap) != 0 && (IsConnector(doc, k) || IsWord(doc, k, "in") || IsWord(doc, k, "the"))) k--;
                    else break;
                }
                if (start < 0) continue;
                int stop = a - 1; // the long form is start .. stop-1
                int type = 0;
                bool org = false, mixed = false;
                for (int j = start; j < stop; j++)
                {
                    if ((doc.Flags[j] & NerDocument.FCap) == 0) continue;
                    org |= ctx.IsOrgWord(j);
                    int t = tags[j] == 0 ? 0 : (tags[j] + 1) / 2;
                    org |= t == 2;
                    if (j == start) type = t; else if (type != t) mixed = true;
                }
                if (org) type = 2;
                else if (mixed || type == 0 || type == 1) continue;
                for (int j = start; j < stop; j++) tags[j] = j == start ? type * 2 - 1 : type * 2;
                StartAfresh(tags, stop, end);
                tags[a] = type * 2 - 1;
                ctx.MarkSure(start);
                ctx.MarkSure(a);
            }
        }
    }
}
