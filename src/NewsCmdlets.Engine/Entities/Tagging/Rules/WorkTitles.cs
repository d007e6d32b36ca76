using static NewsCmdlets.Engine.Entities.Tagging.Rules.Spans;
using static NewsCmdlets.Engine.Entities.Tagging.Rules.Words;

namespace NewsCmdlets.Engine.Entities.Tagging.Rules;

/// <summary>
/// Films, books and songs are named in quotes after a noun for the work: the film “[Harbour Lights]”, the novel
/// “[Eden Road]”. The title is the work's (MISC), not a person or a place in it.
/// </summary>
internal sealed class WorkTitles : ITagRule
{
    public string Name => nameof(WorkTitles);

    /// <summary>A title in quotes after a work's noun is the work's (MISC), not a person or place in it: the film
    /// "[Pyaar Ki Raahen]", the novel "[Eden Road]". The quotes hold at most eight words, the first capitalised.</summary>
    public void Apply(TagContext ctx)
    {
        var doc = ctx.Doc;
        var tags = ctx.Tags;
        if (doc.CaseUnreliable) return;
        foreach (var sent in doc.Sentences)
        {
            int end = sent.EndToken;
            for (int q = sent.FirstToken + 1; q + 2 < end; q++)
            {
                if (!IsQuote(doc, q) || !WorkNouns.Contains(doc.Lower[q - 1]) || (doc.Flags[q - 1] & NerDocument.FLowerStart) == 0) continue;
                int c = q + 1;
                while (c < end && c - q <= 9 && !IsQuote(doc, c)) c++;
                if (c == end || c - q > 9 || c == q + 1 || (doc.Flags[q + 1] & NerDocument.FCap) == 0) continue;
                SetSpan(tags, q + 1, c, 7);
                StartAfresh(tags, c, end);
                q = c;
            }
        }
    }

    private static bool IsQuote(NerDocument doc, int k)
    {
        var w = doc.Tokens[k].Span(doc.Text);
        return w.Length == 1 && w[0] is '"' or '“' or '”';
    }

    private static readonly HashSet<ulong> WorkNouns = Hashes(new[]
    {
        "film", "movie", "book", "novel", "song", "single", "album", "play", "musical", "opera", "documentary", "series", "sitcom",
        "poem", "painting", "memoir", "biography", "programme", "program", "show",
    });
}
