using static NewsCmdlets.Engine.Entities.Tagging.Rules.Spans;

namespace NewsCmdlets.Engine.Entities.Tagging.Rules;

/// <summary>
/// Korean, Chinese and Vietnamese names are written family name first, and Korean given names are two syllables
/// joined by a hyphen: "Fisheries Minister [Bae Sol-min] met [Yoon Ha] on Monday" names two people, whatever the
/// model made of the syllables.
/// </summary>
internal sealed class EastAsianNames : ITagRule
{
    public string Name => nameof(EastAsianNames);

    /// <summary>
    /// East Asian names in their own order: a one-syllable family name followed by a hyphenated given name ("Ahn
    /// Gyu-back", "Moon Jae-in"), or after a title by one or two capitalised syllables ("President Xi Jinping" is left to
    /// the model; "Minister Kim Jong Un" is not).
    /// </summary>
    public void Apply(TagContext ctx)
    {
        var doc = ctx.Doc;
        var tags = ctx.Tags;
        foreach (var sent in doc.Sentences)
        {
            int end = sent.EndToken;
            for (int i = sent.FirstToken; i + 1 < end; i++)
            {
                if ((doc.Flags[i] & NerDocument.FCap) == 0 || !Gazetteer.IsEastAsianSurname(doc.Lower[i])) continue;
                int e;
                if (IsHyphenatedGivenName(doc.Tokens[i + 1].Span(doc.Text))) e = i + 2;
                else
                {
                    bool titled = i > sent.FirstToken && (ctx.WordClass(i - 1) & GazetteerClass.Title) != 0;
                    // A three-part name the model tagged in part ("[Yoon Suk] Yeol", "[Kim Jong] Un").
                    bool partial = tags[i] == 1 && tags[i + 1] == 2 && (i + 2 >= end || tags[i + 2] != 2);
                    if (!titled && !partial) continue;
                    e = i + 1;
                    while (e < end && e - i < 4 && (doc.Flags[e] & NerDocument.FCap) != 0 && (doc.Flags[e] & NerDocument.FInitial) == 0
                           && IsSyllables(doc.Tokens[e].Span(doc.Text), e == i + 1 ? 2 : 1) && (tags[e] == 0 || e == i + 1 && partial)) e++;
                    if (e == i + 1 || partial && e < i + 3) continue;
                }
                if (HasOtherType(tags, i, e)) continue;
                SetSpan(tags, i, e, 1);
                if (e < end && tags[e] == 2) tags[e] = 1;
                i = e - 1;
            }
        }
    }

    /// <summary>Is the name inside a longer organisation or place ("Lee Kun-hee Foundation")?</summary>
    private static bool HasOtherType(int[] tags, int s, int e) => e < tags.Length && tags[e] is 4 or 6;

    /// <summary>"Gyu-back", "Jae-myung", "Dong-young": two syllables joined by a hyphen, the second in lower case.</summary>
    internal static bool IsHyphenatedGivenName(ReadOnlySpan<char> w)
    {
        int h = w.IndexOf('-');
        if (h < 1 || h >= w.Length - 1 || !char.IsUpper(w[0]) || !char.IsLower(w[h + 1])) return false;
        return IsSyllables(w[..h], 1) && IsSyllables(w[(h + 1)..], 1);
    }

    /// <summary>Romanised Korean or Chinese syllables (1 to <paramref name="max"/>): onset, vowels, a final n/ng/m/l/k/p/t/r/ck/h/g/b.</summary>
    internal static bool IsSyllables(ReadOnlySpan<char> w, int max)
    {
        int i = 0, count = 0;
        if (w.Length == 0 || w.Length > 6 * max) return false;
        while (i < w.Length)
        {
            int start = i;
            while (i < w.Length && i - start < 3 && IsOnset(w[i])) i++;
            int v = i;
            while (i < w.Length && i - v < 3 && IsVowel(w[i])) i++;
            if (i == v) return false;
            // A final consonant, unless a vowel follows it (then it starts the next syllable).
            var r = w[i..];
            int take = r.Length >= 2 && (Low(r[0]) == 'n' && Low(r[1]) == 'g' || Low(r[0]) == 'c' && Low(r[1]) == 'k') ? 2
                : r.Length >= 1 && "nmlkptrhgb".Contains(Low(r[0])) ? 1 : 0;
            if (take > 0 && (take == r.Length || !IsVowel(r[take]))) i += take;
            if (++count > max) return false;
        }
        return true;
    }

    private static char Low(char c) => char.ToLowerInvariant(c);
    private static bool IsVowel(char c) => Low(c) is 'a' or 'e' or 'i' or 'o' or 'u';
    private static bool IsOnset(char c) => char.IsLetter(c) && !IsVowel(c);
}
