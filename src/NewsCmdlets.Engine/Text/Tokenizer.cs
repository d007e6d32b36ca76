namespace NewsCmdlets.Engine.Text;

/// <summary>A token: a span of the source text.</summary>
public readonly record struct TextToken(int Start, int Length)
{
    public int End => Start + Length;
    public ReadOnlySpan<char> Span(string text) => text.AsSpan(Start, Length);
}

/// <summary>
/// Splits text into word and punctuation tokens the way the CoNLL corpora do: "South Korea’s" → South, Korea, ’s;
/// "U.S.", "Mr.", "34,000", "2.5", "Jae-myung" and "248-kilometer" stay whole. Linear time, no regular expressions,
/// no allocation per token.
/// </summary>
public static class Tokenizer
{
    /// <summary>Longest token; longer runs of letters are cut (a 5 MB "word" becomes many tokens, not one).</summary>
    public const int MaxTokenLength = 64;

    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "sgt", "capt", "cpl", "maj", "adm", "gov", "sen", "rep", "rev",
        "st", "jr", "sr", "inc", "corp", "co", "ltd", "bros", "no", "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul",
        "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "pres", "hon", "est", "approx", "dept", "univ", "assn",
        "cllr", "supt", "insp", "det", "atty", "msgr", "sens", "reps", "govs", // titles: "Cllr. Ada Morn", "Det. Supt. Ivo Brandt"
    };

    /// <summary>
    /// The text of tokens <paramref name="s"/> to <paramref name="e"/> (exclusive) as a name or phrase is shown: line
    /// breaks as spaces, and the invisible soft hyphens (U+00AD) and zero-width spaces that a page puts inside words
    /// left out, so "Oster\u00ADhagen" is the name a user types and compares. Allocates only the result.
    /// </summary>
    public static string Text(string text, IReadOnlyList<TextToken> tokens, int s, int e)
    {
        if (e <= s) return "";
        int start = tokens[s].Start, end = tokens[e - 1].End;
        var span = text.AsSpan(start, end - start);
        if (span.IndexOfAny('\n', '\u00AD', '\u200B') < 0) return text.Substring(start, end - start);
        return string.Create(Visible(span), (text, start, end), static (dst, st) =>
        {
            int k = 0;
            for (int i = st.start; i < st.end; i++)
            {
                char c = st.text[i];
                if (c is '\u00AD' or '\u200B') continue;
                dst[k++] = c == '\n' ? ' ' : c;
            }
        });

        static int Visible(ReadOnlySpan<char> span)
        {
            int n = span.Length;
            foreach (char c in span) if (c is '\u00AD' or '\u200B') n--;
            return n;
        }
    }

    /// <summary>One token's text, as <see cref="Text(string, IReadOnlyList{TextToken}, int, int)"/> shows it.</summary>
    public static string Text(string text, IReadOnlyList<TextToken> tokens, int i) => Text(text, tokens, i, i + 1);

    /// <summary>
    /// One token's text, as <see cref="Text(string, IReadOnlyList{TextToken}, int)"/> gives it, but a short word read
    /// before on this thread comes as the same string (<see cref="Coverage.WordPool"/>): for rules that look at the
    /// words around every figure and name of every article and let most of them go.
    /// </summary>
    internal static string Word(string text, IReadOnlyList<TextToken> tokens, int i)
    {
        var t = tokens[i];
        if (text.AsSpan(t.Start, t.End - t.Start).IndexOfAny('\n', '\u00AD', '\u200B') >= 0) return Text(text, tokens, i);
        return Coverage.WordPool.ForThread.Get(text, t.Start, t.End - t.Start);
    }

    public static List<TextToken> Tokenize(string text) { var list = new List<TextToken>(text.Length / 5 + 4); Tokenize(text, 0, text.Length, list); return list; }

    public static void Tokenize(string text, int start, int end, List<TextToken> tokens)
    {
        int i = start;
        while (i < end)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c) || c == '\u00AD' || c == '\u200B') { i++; continue; }
            if (char.IsLetterOrDigit(c))
            {
                int s = i;
                i = ScanWord(text, i, end);
                tokens.Add(new TextToken(s, i - s));
                continue;
            }
            // Possessive or contraction starting with an apostrophe: 's ’s 're 'll n't is handled in ScanWord.
            if ((c == '\'' || c == '’') && i + 1 < end && (text[i + 1] is 's' or 'S') && (i + 2 >= end || !char.IsLetterOrDigit(text[i + 2])))
            {
                tokens.Add(new TextToken(i, 2));
                i += 2;
                continue;
            }
            if (c == '.' && i + 2 < end && text[i + 1] == '.' && text[i + 2] == '.')
            {
                int s = i;
                while (i < end && text[i] == '.' && i - s < 16) i++;
                tokens.Add(new TextToken(s, i - s));
                continue;
            }
            if (char.IsHighSurrogate(c) && i + 1 < end) { tokens.Add(new TextToken(i, 2)); i += 2; continue; }
            tokens.Add(new TextToken(i, 1));
            i++;
        }
    }

    private static int ScanWord(string text, int i, int end)
    {
        int s = i;
        bool allDigits = true;
        while (i < end && i - s < MaxTokenLength)
        {
            char c = text[i];
            if (char.IsLetterOrDigit(c) || char.IsSurrogate(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                if (!char.IsDigit(c)) allDigits = false;
                i++;
                continue;
            }
            bool nextAlnum = i + 1 < end && char.IsLetterOrDigit(text[i + 1]);
            if ((c == '-' || c == '‑' || c == '&') && nextAlnum && i > s) { allDigits = false; i++; continue; }
            // A soft hyphen (U+00AD) marks where a word may break at a line's end: "Stadt\u00ADrat" is one word.
            if (c == '\u00AD' && nextAlnum && i > s) { i++; continue; }
            if ((c == '\'' || c == '’') && nextAlnum)
            {
                // Possessive: stop before it, the apostrophe-s is its own token.
                if (text[i + 1] is 's' or 'S' && (i + 2 >= end || !char.IsLetterOrDigit(text[i + 2]))) return i;
                allDigits = false; i++; continue;
            }
            if ((c == ',' || c == '.') && allDigits && i + 1 < end && char.IsDigit(text[i + 1]))
            {
                // 34,000 and 2.5; a comma needs three digits after it.
                if (c == '.' || CountDigits(text, i + 1, end) == 3) { i++; continue; }
                return i;
            }
            if (c == '.')
            {
                int len = i - s;
                // Initials and dotted abbreviations: J. / U.S. / a.m.
                if (len == 1 && char.IsLetter(text[s])) return DottedRun(text, s, end);
                if (len <= 5 && Abbreviations.Contains(text.Substring(s, len)) && char.IsUpper(text[s])) return i + 1;
            }
            break;
        }
        return i;
    }

    private static int CountDigits(string text, int i, int end)
    {
        int n = 0;
        while (i < end && char.IsDigit(text[i])) { n++; i++; }
        return n;
    }

    // "U.S." "a.m." "J." — letter, dot, letter, dot...
    private static int DottedRun(string text, int s, int end)
    {
        int i = s;
        while (i + 1 < end && char.IsLetter(text[i]) && text[i + 1] == '.' && i - s < 20)
        {
            i += 2;
            if (i >= end || !char.IsLetter(text[i]) || (i + 1 < end && char.IsLetterOrDigit(text[i + 1]))) break;
        }
        return i;
    }
}

/// <summary>A sentence as a range of tokens.</summary>
public readonly record struct SentenceRange(int FirstToken, int TokenCount)
{
    public int EndToken => FirstToken + TokenCount;
}

/// <summary>
/// Groups tokens into sentences: a break after . ! ? (and a closing quote that follows) when the next token starts a
/// sentence, at every line break, and — so that one 5 MB "sentence" stays linear — every <see cref="MaxTokens"/> tokens.
/// </summary>
public static class SentenceSplitter
{
    public const int MaxTokens = 200;

    public static List<SentenceRange> Split(string text, IReadOnlyList<TextToken> tokens) => Split(text, tokens, out _);

    public static List<SentenceRange> Split(string text, IReadOnlyList<TextToken> tokens, out int forcedBreaks)
    {
        var result = new List<SentenceRange>(tokens.Count / 20 + 1);
        forcedBreaks = 0;
        int first = 0;
        for (int i = 0; i < tokens.Count; i++)
        {
            bool end = i == tokens.Count - 1;
            if (!end)
            {
                var t = tokens[i];
                var next = tokens[i + 1];
                if (HasNewline(text, t.End, next.Start)) end = true;
                else if (t.Length >= 1 && IsTerminal(text[t.Start]) && (t.Length == 1 || text[t.Start] == '.'))
                {
                    // Take closing quotes and brackets along.
                    int j = i + 1;
                    while (j < tokens.Count && tokens[j].Length == 1 && text[tokens[j].Start] is '"' or '”' or '’' or '\'' or ')' or '»' && !HasNewline(text, tokens[j - 1].End, tokens[j].Start)) j++;
                    if (j >= tokens.Count) { i = tokens.Count - 1; end = true; }
                    else
                    {
                        char n = text[tokens[j].Start];
                        if (char.IsUpper(n) || char.IsDigit(n) || n is '"' or '“' or '‘' or '(' or '-' or '—' || HasNewline(text, tokens[j - 1].End, tokens[j].Start))
                        {
                            i = j - 1;
                            end = true;
                        }
                    }
                }
                if (!end && i - first + 1 >= MaxTokens) { end = true; forcedBreaks++; }
            }
            if (end)
            {
                result.Add(new SentenceRange(first, i - first + 1));
                first = i + 1;
            }
        }
        return result;
    }

    private static bool IsTerminal(char c) => c is '.' or '!' or '?' or '…' or '。';

    private static bool HasNewline(string text, int from, int to)
    {
        for (int k = from; k < to; k++) if (text[k] == '\n') return true;
        return false;
    }
}
