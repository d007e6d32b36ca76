using System.Globalization;
using NewsCmdlets.Engine.Entities;
using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Engine.Coverage;

/// <summary>ClaimReader's word windows around a figure: left, right, clause, phrase.</summary>
internal static partial class ClaimReader
{
    // ------------------------------------------------------------------ words around a figure

    /// <summary>Word indexes left of p0, nearest first, up to <paramref name="max"/>; crosses one comma, never a semicolon or colon.</summary>
    private static List<int> Left(SentenceWords s, int p0, int max)
    {
        var list = new List<int>(max); // at most max: made at that size, not grown to it
        int commas = 0;
        for (int k = p0 - 1; k >= 0 && list.Count < max; k--)
        {
            if (s.Strong[k + 1]) break;
            if (s.Boundary[k + 1] && ++commas > 1) break;
            list.Add(k);
        }
        return list;
    }

    /// <summary>Word indexes right of p1 up to the clause's end, up to <paramref name="max"/>.</summary>
    private static List<int> Right(SentenceWords s, int p1, int max)
    {
        var list = new List<int>(max); // at most max: made at that size, not grown to it
        for (int k = p1; k < s.Words.Count && list.Count < max; k++)
        {
            // A bracket closing the figure's own conversion ("18 kilometres (11 miles) south of …") does not end the clause.
            if (s.Boundary[k] && !(k == p1 && k > 0 && s.Text.AsSpan(s.Words[k - 1].End, s.Words[k].Start - s.Words[k - 1].End).Trim() is ")")) break;
            list.Add(k);
        }
        return list;
    }

    /// <summary>The clause around [p0, p1): word indexes between boundaries.</summary>
    private static (int, int) Clause(SentenceWords s, int p0, int p1)
    {
        int first = p0, last = Math.Max(p0, p1 - 1);
        while (first > 0 && !s.Boundary[first]) first--;
        while (last + 1 < s.Words.Count && !s.Boundary[last + 1]) last++;
        return (first, last);
    }

    private static List<string> ClauseContext(SentenceWords s, int p0, int p1)
    {
        var (first, last) = Clause(s, p0, p1);
        // A clause that is the figure alone ("Last year, …") takes the next one.
        if (first >= p0 - 1 && last <= p1) last = Math.Min(s.Words.Count - 1, p1 + 7);
        first = Math.Max(first, p0 - 8);
        last = Math.Min(last, p1 + 7);
        var list = new List<string>();
        for (int k = first; k <= last; k++)
        {
            if (k >= p0 && k < p1) continue;
            // Each content word once (a clause of at most 16 words: a scan of the list, no set).
            if (CoverageText.Content(s.Words[k].Text) is string c && !list.Contains(c)) list.Add(c);
        }
        return list;
    }

    /// <summary>
    /// The figure's clause in the article's words with the figure left out ("people in 133 municipalities were evacuated",
    /// "Revenue slid"): up to six words before it and seven after, stopping at the next figure; a clause that is the
    /// figure alone ("Last year, …") takes the next one.
    /// </summary>
    /// <param name="s">The sentence's words.</param>
    /// <param name="p0">The figure's first word index.</param>
    /// <param name="p1">The word index just past the figure (the figure is [p0, p1)).</param>
    /// <param name="rightEnd">When not negative, the last word index the phrase may take after the figure (its counted word).</param>
    /// <param name="leftMax">How many words before the figure the phrase may take.</param>
    private static string ClausePhrase(SentenceWords s, int p0, int p1, int rightEnd = -1, int leftMax = 6)
    {
        var (cf, cl) = Clause(s, p0, p1);
        int said = 0;
        for (int k = cf; k <= cl; k++) if ((k < p0 || k >= p1) && CoverageText.Content(s.Words[k].Text) != null) said++;
        bool bare = said < 2;
        if (bare && p1 < s.Words.Count)
        {
            // "Back in 2022, …": the clause says nothing, the next one does, up to its own end ("In 2004, Morocco had a
            // strong earthquake, known as …" is "Morocco had a strong earthquake", not "… earthquake known").
            int e = p1;
            while (e + 1 < s.Words.Count && e + 1 <= p1 + 7 && !s.Boundary[e + 1]) e++;
            cl = e;
        }
        int a = Math.Max(cf, p0 - leftMax), b = Math.Min(cl, p1 + 6);
        // Past the counted word, the phrase stops where another clause joins ("… households and triggered aftershocks").
        if (rightEnd >= p1 && !bare)
            for (int k = rightEnd + 1; k <= b; k++)
                if (Joiners.Contains(s.Words[k].Text)) { b = k - 1; break; }
        // Before the figure, from the last other figure on; after it, up to the next one (a bare clause takes it all).
        int from = a;
        for (int k = p0 - 1; k >= a; k--)
            if (char.IsDigit(s.Words[k].Text[0]))
            {
                // "a N magnitude tremor in <month> <year>": a figure inside the noun phrase (after its article, before
                // its noun) describes the thing dated and stays in its name ("magnitude earthquake" alone says less).
                if (k > a && k + 1 < p0 && s.Words[k - 1].Text is "a" or "an" or "the" && char.IsLower(s.Words[k + 1].Text[0])) continue;
                from = k + 1;
                break;
            }
        int to = p1;
        while (to <= b && (bare || !char.IsDigit(s.Words[to].Text[0]))) to++;
        string l = Phrase(s, from, Math.Max(from, p0), 8), r = Phrase(s, p1, to, 8);
        // Cut short while its clause goes on, the words after the figure end on a fragment ("plan to catch [up …]"): they end
        // before a function word followed by one last word.
        if (r.Length > 0 && to < s.Words.Count && !s.Boundary[to])
        {
            r = WithoutDanglingEnd(r);
            // … or inside a noun phrase whose noun is left out ("closed alongside a damaged [pier]", "began work on a
            // tidal energy [barrage]"): they end before the phrase's opening word.
            if (to < s.Words.Count && char.IsLower(s.Words[to].Text[0]) && CoverageText.Content(s.Words[to].Text) != null) r = WithoutOpenPhrase(r);
        }
        // Words of the figure's left that say nothing apart from their phrase ("[as] part of [a] $10 billion plan", a
        // sentence's "Back in 2022, …"): the words after the figure stand alone, unless the one word is a name.
        if (r.Contains(' ') && l.Length > 0)
        {
            string last = l.Contains(' ') ? l[(l.LastIndexOf(' ') + 1)..] : l;
            int k = p0 - 1;
            while (k > from && s.Words[k].Text != last) k--;
            string next = k + 1 < p0 ? s.Words[k + 1].Text : "";
            // "… as part of a $4 billion plan": what comes before "part of" is not what the figure measures either.
            if (next == "of" && last == "part") l = "";
            else if (!l.Contains(' ') && !IsNamed(s, l) && (next == "of" || (k == 0 && next is "in" or "on" or "at" or "by" or "since" or "during"))) l = "";
        }
        return l.Length > 0 && r.Length > 0 ? l + " … " + r : l + r;
    }

    /// <summary>"cost-cutting plan to catch" → "cost-cutting plan": a dangling "to" and its verb dropped from the end.</summary>
    private static string WithoutDanglingEnd(string phrase)
    {
        var ws = phrase.Split(' ');
        // Only "to": an infinitive without its object ("to catch [up]", "to lay [off]"); "its dividend", "in London" end well.
        if (ws.Length < 3 || ws[^2] != "to") return phrase;
        int end = ws.Length - 2;
        while (end > 0 && CoverageText.Content(ws[end - 1]) == null && !char.IsDigit(ws[end - 1][0])) end--;
        return end == 0 ? phrase : string.Join(' ', ws, 0, end);
    }

    /// <summary>Words that open a noun phrase: a determiner, a possessive or a preposition.</summary>
    private static readonly HashSet<string> PhraseOpeners = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "its", "their", "his", "her", "our", "by", "of", "on", "in", "at", "with", "alongside", "for", "from", "into",
        "over", "after", "before", "amid", "to", "and", "or",
    };

    /// <summary>
    /// "ferry route closed alongside a damaged" → "ferry route closed": a phrase cut one or two words into a noun phrase
    /// ends before the phrase's opener (and any opener before it).
    /// </summary>
    private static string WithoutOpenPhrase(string phrase)
    {
        var ws = phrase.Split(' ');
        int j = -1;
        for (int k = ws.Length - 2; k >= 1 && k >= ws.Length - 4; k--)
            if (PhraseOpeners.Contains(ws[k])) { j = k; break; }
        if (j < 0) return phrase;
        int end = j;
        while (end > 0 && (PhraseOpeners.Contains(ws[end - 1]) || CoverageText.Content(ws[end - 1]) == null) && !char.IsDigit(ws[end - 1][0])) end--;
        return end < 2 ? phrase : string.Join(' ', ws, 0, end);
    }

    /// <summary>Every word capitalised ("Kestrian Transport Ministry"): a name, which says nothing of what a date is the day of.</summary>
    private static bool NameOnly(string phrase)
    {
        if (phrase.Length == 0) return false;
        bool start = true;
        foreach (char ch in phrase)
        {
            if (start && char.IsLetter(ch) && !char.IsUpper(ch)) return false;
            start = ch == ' ';
        }
        return true;
    }

    /// <summary>The word is (part of) a person, place or organisation the tagger found in the sentence.</summary>
    private static bool IsNamed(SentenceWords s, string word)
    {
        foreach (var (from, to, _, name) in s.Places) if (name.Contains(word, StringComparison.Ordinal)) return true;
        foreach (var (from, to, _, name) in s.Owners) if (name.Contains(word, StringComparison.Ordinal)) return true;
        foreach (var (from, to, name) in s.People) if (name.Contains(word, StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>The article's own words for the given word indexes (in order), trimmed of function words at the ends.</summary>
    private static string Phrase(SentenceWords s, List<int> idx, int max)
    {
        int n = Math.Min(idx.Count, max), lo = 0, hi = n;
        while (hi > lo && CoverageText.Content(s.Words[idx[hi - 1]].Text) == null) hi--;
        while (hi > lo && CoverageText.Content(s.Words[idx[lo]].Text) == null && !char.IsDigit(s.Words[idx[lo]].Text[0])) lo++;
        if (hi - lo == 1) return s.Words[idx[lo]].Text;
        var b = new System.Text.StringBuilder();
        for (int k = lo; k < hi; k++) { if (k > lo) b.Append(' '); b.Append(s.Words[idx[k]].Text); }
        return b.ToString();
    }

    /// <summary><see cref="Phrase(SentenceWords, List{int}, int)"/> of the word indexes [<paramref name="from"/>, <paramref name="to"/>).</summary>
    private static string Phrase(SentenceWords s, int from, int to, int max)
    {
        int lo = from, hi = Math.Min(to, from + max);
        while (hi > lo && CoverageText.Content(s.Words[hi - 1].Text) == null) hi--;
        while (hi > lo && CoverageText.Content(s.Words[lo].Text) == null && !char.IsDigit(s.Words[lo].Text[0])) lo++;
        if (hi - lo == 1) return s.Words[lo].Text;
        var b = new System.Text.StringBuilder();
        for (int k = lo; k < hi; k++) { if (k > lo) b.Append(' '); b.Append(s.Words[k].Text); }
        return b.ToString();
    }

    private static bool FollowedBy(SentenceWords s, string text, char c)
    {
        int at = s.Text.IndexOf(text, StringComparison.Ordinal);
        int e = at + text.Length;
        return at >= 0 && e < s.Text.Length && s.Text[e] == c;
    }

    private static bool AnyWordBefore(SentenceWords s, int p0, string a, string b) =>
        p0 >= 2 && s.Words[p0 - 2].Text.Equals(a, StringComparison.OrdinalIgnoreCase) && s.Words[p0 - 1].Text.Equals(b, StringComparison.OrdinalIgnoreCase);

    /// <summary>"as strong as a magnitude 6.5", "as high as 3 metres": an upper bound.</summary>
    private static bool AsStrongAs(SentenceWords s, int p0)
    {
        for (int k = p0 - 1; k >= 1 && k >= p0 - 4; k--)
            if (s.Words[k].Text.Equals("as", StringComparison.OrdinalIgnoreCase) && s.Words[k - 1].Text is "strong" or "high" or "large" or "much" or "many" or "big")
                return k >= 2 && s.Words[k - 2].Text.Equals("as", StringComparison.OrdinalIgnoreCase);
        return false;
    }

    private static bool SoFar(SentenceWords s, int p0, int p1)
    {
        string t = s.Text;
        return t.Contains("so far", StringComparison.OrdinalIgnoreCase);
    }
}
