namespace NewsCmdlets.Engine.Coverage;

/// <summary>
/// Small word-level helpers for comparing coverage: words with their offsets, content words (no function words, no
/// numbers, light plural stemming), the context words around a phrase in its sentence, and overlap measures.
/// Linear scans, no regular expressions.
/// </summary>
internal static class CoverageText
{
    internal readonly record struct Word(string Text, int Start, int End);

    /// <summary>Runs of letters and digits (with inner hyphens, apostrophes, dots and commas between digits); a word
    /// read before on this thread comes as the same string (<see cref="WordPool"/>).</summary>
    public static List<Word> Words(string s) => Words(s, new List<Word>(s.Length / 6 + 4)); // about one word in six characters: sized once rather than grown

    /// <summary><see cref="Words(string)"/> written into <paramref name="list"/> (cleared first): a caller that reads the
    /// words and lets them go reuses one list instead of allocating one a text.</summary>
    public static List<Word> Words(string s, List<Word> list) => Words(s, s.Length, list);

    /// <summary>The words of the first <paramref name="length"/> characters of <paramref name="s"/>, as <see cref="Words(string, List{Word})"/>
    /// of <c>s[..length]</c> gives them (a word cut at the end is cut), without copying the part.</summary>
    public static List<Word> Words(string s, int length, List<Word> list)
    {
        list.Clear();
        var pool = WordPool.ForThread;
        int i = 0, n = Math.Min(length, s.Length);
        while (i < n)
        {
            if (!char.IsLetterOrDigit(s[i])) { i++; continue; }
            int start = i;
            while (i < n)
            {
                char c = s[i];
                if (char.IsLetterOrDigit(c)) { i++; continue; }
                bool inner = i + 1 < n && char.IsLetterOrDigit(s[i + 1]) && i > start;
                if (inner && (c is '-' or '\'' or '’' or '‑' || (c is '.' or ',' && char.IsDigit(s[i - 1]) && char.IsDigit(s[i + 1])))) { i++; continue; }
                break;
            }
            list.Add(new Word(pool.Get(s, start, i - start), start, i));
        }
        return list;
    }

    private static readonly HashSet<string> Stop = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "but", "nor", "so", "yet", "of", "in", "on", "at", "to", "for", "from", "by", "with",
        "without", "as", "into", "onto", "over", "under", "about", "after", "before", "since", "until", "till", "during",
        "between", "among", "through", "across", "against", "via", "per", "than", "then", "that", "this", "these", "those",
        "there", "here", "it", "its", "he", "him", "his", "she", "her", "hers", "they", "them", "their", "we", "us", "our",
        "you", "your", "i", "me", "my", "who", "whom", "whose", "which", "what", "when", "where", "why", "how", "is", "are",
        "was", "were", "be", "been", "being", "am", "has", "have", "had", "having", "do", "does", "did", "will", "would",
        "shall", "should", "can", "could", "may", "might", "must", "not", "no", "also", "only", "just", "very", "more",
        "most", "less", "least", "some", "any", "all", "each", "every", "other", "such", "own", "same", "both", "either",
        "neither", "if", "while", "because", "although", "though", "whether", "up", "down", "out", "off", "again", "further",
        "once", "said", "says", "say", "saying", "told", "tells", "according", "added", "adds", "stated", "reported",
        "s", "t", "mr", "mrs", "ms", "dr", "around", "approximately", "nearly", "almost", "roughly", "estimated", "least",
        "year", "years", "month", "months", "week", "weeks", "day", "days", "last", "next", "past", "earlier", "later", "ago",
        "today", "yesterday", "tomorrow", "tonight", "morning", "afternoon", "evening", "night", "overnight", "early", "late",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty", "thirty",
        "forty", "fifty", "hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion", "billions",
        "dozen", "dozens", "tens", "percent", "cent",
    };

    /// <summary>Lower case, possessive and plural endings removed ("defectors" → "defector", "Korea's" → "korea").</summary>
    public static string Stem(string word)
    {
        // Pure, and asked of the same few thousand words over and over (words come pooled): remembered per thread.
        var memo = _stems ??= new StringMemo<string>(CacheLimit);
        return memo.TryGet(word, out var known) ? known : memo.Remember(word, StemOf(word));
    }

    /// <summary>Entries each per-thread word cache holds before it starts again (a few MB at most).</summary>
    private const int CacheLimit = 50_000;
    [ThreadStatic] private static StringMemo<string>? _stems;
    [ThreadStatic] private static StringMemo<string?>? _contents;

    private static string StemOf(string word)
    {
        string w = word.ToLowerInvariant().Replace('’', '\'');
        if (w.EndsWith("'s", StringComparison.Ordinal)) w = w[..^2];
        else if (w.EndsWith('\'')) w = w[..^1];
        if (w.Length > 4 && w.EndsWith("ies", StringComparison.Ordinal)) w = w[..^3] + "y";
        else if (w.Length > 3 && w[^1] == 's' && w[^2] is not ('s' or 'u' or 'i')) w = w[..^1];
        return w;
    }

    /// <summary>
    /// Words outlets use interchangeably for the same fact ("12 were killed" / "12 died"; "arrived" / "reached"), as
    /// one form, so reworded reports of one figure still share their context.
    /// </summary>
    private static readonly Dictionary<string, string> Synonyms = new(StringComparer.Ordinal)
    {
        ["killed"] = "kill", ["kill"] = "kill", ["died"] = "kill", ["die"] = "kill", ["dead"] = "kill", ["death"] = "kill",
        ["fatality"] = "kill", ["fatalitie"] = "kill", ["lives"] = "kill",
        ["injured"] = "injure", ["wounded"] = "injure", ["hurt"] = "injure", ["injury"] = "injure", ["injurie"] = "injure",
        ["arrested"] = "arrest", ["detained"] = "arrest", ["detention"] = "arrest",
        ["evacuated"] = "evacuate", ["evacuation"] = "evacuate", ["displaced"] = "evacuate",
        ["arrived"] = "arrive", ["reached"] = "arrive", ["entered"] = "arrive", ["arrival"] = "arrive",
        ["crossed"] = "cross", ["crossing"] = "cross",
    };

    /// <summary>The stem when the word carries content (not a function word, number, date word), else null.</summary>
    public static string? Content(string word)
    {
        if (word.Length == 0 || !char.IsLetter(word[0])) return null;
        var memo = _contents ??= new StringMemo<string?>(CacheLimit);
        return memo.TryGet(word, out var known) ? known : memo.Remember(word, ContentOf(word));
    }

    private static string? ContentOf(string word)
    {
        string s = Stem(word);
        if (s.Length < 2 || Stop.Contains(s) || Stop.Contains(word.ToLowerInvariant())) return null;
        return Synonyms.TryGetValue(s, out var same) ? same : s;
    }

    /// <summary>Content words of a text.</summary>
    public static List<string> ContentWords(string? text)
    {
        var list = new List<string>();
        if (string.IsNullOrEmpty(text)) return list;
        foreach (var w in Words(text)) if (Content(w.Text) is string c) list.Add(c);
        return list;
    }

    /// <summary>
    /// Content words within <paramref name="window"/> words either side of <paramref name="phrase"/> in
    /// <paramref name="sentence"/> (the phrase's own words left out), in sentence order, each once. When the phrase is
    /// not found, the whole sentence.
    /// </summary>
    public static List<string> Context(string? sentence, string? phrase, int window, ISet<string>? exclude = null, bool clause = false, ISet<string>? names = null)
    {
        var result = new List<string>();
        if (string.IsNullOrEmpty(sentence)) return result;
        var words = Words(sentence);
        int at = string.IsNullOrEmpty(phrase) ? -1 : sentence.IndexOf(phrase, StringComparison.Ordinal);
        int first = 0, last = words.Count - 1, skipFrom = -1, skipTo = -1;
        if (at >= 0)
        {
            int end = at + phrase!.Length;
            int p0 = words.FindIndex(w => w.End > at);
            if (p0 < 0) p0 = words.Count;
            int p1 = p0;
            while (p1 < words.Count && words[p1].Start < end) p1++;
            skipFrom = p0; skipTo = p1;
            first = Math.Max(0, p0 - window);
            last = Math.Min(words.Count - 1, p1 - 1 + window);
            if (clause)
            {
                // Stay inside the phrase's clause: stop at commas, semicolons, colons, dashes and brackets between words.
                for (int k = p0 - 1; k >= first; k--) if (k + 1 < words.Count && Boundary(sentence, words[k].End, words[k + 1].Start)) { first = k + 1; break; }
                for (int k = Math.Max(p1, p0 + 1); k <= last; k++) if (Boundary(sentence, words[k - 1].End, words[k].Start)) { last = k - 1; break; }
            }
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int k = first; k <= last; k++)
        {
            if (k >= skipFrom && k < skipTo) continue;
            if (Content(words[k].Text) is not string c) continue;
            if (exclude != null && exclude.Contains(c)) continue;
            if (names != null && char.IsUpper(words[k].Text[0])) names.Add(c);
            if (seen.Add(c)) result.Add(c);
        }
        return result;
    }

    private static bool Boundary(string s, int from, int to)
    {
        for (int i = from; i < to && i < s.Length; i++)
            if (s[i] is ',' or ';' or ':' or '(' or ')' or '—' or '–' or '[' or ']') return true;
        return to - from >= 3 && s.AsSpan(from, to - from).Trim().Length == 1 && s.AsSpan(from, to - from).Trim()[0] == '-';
    }

    /// <summary>Dice coefficient of two word sets, and the number of shared words.</summary>
    public static double Dice(IReadOnlyCollection<string> a, HashSet<string> b, out int shared)
    {
        shared = 0;
        if (a.Count == 0 || b.Count == 0) return 0;
        foreach (var w in a) if (b.Contains(w)) shared++;
        return 2.0 * shared / (a.Count + b.Count);
    }

    /// <summary>Cosine similarity of two word-count vectors.</summary>
    public static double Cosine(Dictionary<string, int> a, Dictionary<string, int> b)
    {
        if (a.Count == 0 || b.Count == 0) return 0;
        if (a.Count > b.Count) (a, b) = (b, a);
        double dot = 0, na = 0, nb = 0;
        foreach (var (w, c) in a) { na += (double)c * c; if (b.TryGetValue(w, out int d)) dot += (double)c * d; }
        foreach (var c in b.Values) nb += (double)c * c;
        return na > 0 && nb > 0 ? dot / Math.Sqrt(na * nb) : 0;
    }

    /// <summary>Text shortened to about <paramref name="max"/> characters at a word boundary, with an ellipsis.</summary>
    public static string Shorten(string s, int max)
    {
        s = s.Replace('\n', ' ').Trim();
        if (s.Length <= max) return s;
        int cut = s.LastIndexOf(' ', max);
        if (cut < max / 2) cut = max;
        return s[..cut].TrimEnd(' ', ',', ';', ':') + "…";
    }

    /// <summary>A name as a comparison key: no leading "the", apostrophes unified, spaces collapsed, lower case.</summary>
    public static string NameKey(string name)
    {
        string s = name.Trim().Replace('’', '\'');
        if (s.StartsWith("the ", StringComparison.OrdinalIgnoreCase)) s = s[4..];
        return string.Join(' ', s.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
    }
}
