namespace NewsCmdlets.Engine.Quotes;

/// <summary>
/// Finds the spans of text in quotation marks: curly (“…”), straight ("…"), low-high („…“ and „…”), guillemets
/// («…») and doubled apostrophes (''…'' and ``…'', as archive and typewriter text writes them), mixed within one quote, nested (a straight or curly pair inside another quote stays inside it), over several
/// sentences and over paragraphs when the next paragraph opens with a mark again (the newspaper convention). One scan
/// over the characters; a mark that is never closed ends at its paragraph (or after <see cref="MaxLength"/> characters)
/// and is reported, so an unclosed mark never swallows the rest of the article.
/// </summary>
public static class QuoteSpans
{
    /// <summary>Longest quote in characters; an unclosed mark never swallows more.</summary>
    public const int MaxLength = 4000;

    /// <summary>Quote spans [Start, End) including their marks, in text order.</summary>
    public static List<(int Start, int End)> Find(string text) => Find(text, null);

    /// <summary>Quote spans; each mark that does not balance adds a line to <paramref name="problems"/> (at most a few per text).</summary>
    public static List<(int Start, int End)> Find(string text, List<string>? problems) => Find(text, problems, rescan: false);

    /// <summary>
    /// The scan. A mark left open longer than <see cref="MaxLength"/> is given up and the scan starts again after it;
    /// when the stretch it covered held no character that can close or nest in a mark of its kind, the next mark of
    /// that kind inside the stretch would be scanned the same way to the same point, so the scan skips to where the
    /// last one was given up: thousands of unclosed marks cost a pass, not thousands of passes of up to MaxLength
    /// characters. <paramref name="rescan"/> turns the skip off (the reference a test compares with); each skip adds one
    /// to <paramref name="skips"/>[0] when it is given.
    /// </summary>
    internal static List<(int Start, int End)> Find(string text, List<string>? problems, bool rescan, int[]? skips = null)
    {
        var spans = new List<(int, int)>();
        int open = -1, nested = 0, unclosed = 0, firstUnclosed = -1, strayClosers = 0, firstStray = -1;
        char closer = '\0', opener = '\0';
        // Per kind of opening mark, where the last scan with no closing or nesting character of that kind was given up.
        Span<int> covered = stackalloc int[] { -1, -1, -1, -1, -1 };
        int kind = 0;
        bool clean = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (open < 0)
            {
                if (c is '“' or '„' or '«') { open = i; opener = c; closer = c == '«' ? '»' : '”'; nested = 0; }
                else if (IsDoubledOpen(text, i)) { open = i; opener = c; closer = Doubled; nested = 0; i++; }
                else if (c == '"' && OpensStraight(text, i)) { open = i; opener = c; closer = '"'; nested = 0; }
                if (open >= 0)
                {
                    kind = KindOf(opener, closer);
                    clean = true;
                    if (!rescan && covered[kind] > i)
                    {
                        i = covered[kind]; // that stretch holds nothing that closes this kind
                        if (skips != null) skips[0]++;
                    }
                    continue;
                }
                if (c is '”' or '»' && i + 1 < text.Length && !char.IsLetterOrDigit(text[i + 1]) && i > 0 && text[i - 1] != ' ')
                {
                    // A closing mark with nothing open ("…” at the start of a paragraph whose opening mark was lost).
                    strayClosers++;
                    if (firstStray < 0) firstStray = i;
                }
                continue;
            }
            if (clean && ClosesOrNests(kind, c)) clean = false;
            if (c == '\n')
            {
                // A quote running over paragraphs: the next paragraph opens with a mark again and the quote goes on.
                int j = i + 1;
                while (j < text.Length && char.IsWhiteSpace(text[j])) j++;
                if (j < text.Length && (text[j] is '“' or '"' or '„' or '«' || IsDoubledOpen(text, j)) && i - open < MaxLength) { i = j + (IsDoubledOpen(text, j) ? 1 : 0); nested = 0; continue; }
                Unclosed(ref unclosed, ref firstUnclosed, open);
                open = -1;
                continue;
            }
            if (closer == Doubled)
            {
                if (c == '\'' && i + 1 < text.Length && text[i + 1] == '\'' && text[i - 1] != ' ' && text[i - 1] != '\n') { spans.Add((open, i + 2)); open = -1; i++; }
                else if (c is '”' or '"' && ClosesStraight(text, i)) { spans.Add((open, i + 1)); open = -1; }
                else if (i - open >= MaxLength) { Unclosed(ref unclosed, ref firstUnclosed, open); if (clean) covered[kind] = i; i = open + 1; open = -1; }
                continue;
            }
            // A pair inside the quote ("He said “no” twice" in straight marks, or the reverse) stays inside it.
            if (opener == '„' && c == '“' && nested == 0) { spans.Add((open, i + 1)); open = -1; continue; } // „…“
            if (closer == '"' && c == '“') { nested++; continue; }
            if (closer == '”' && c == '"' && nested == 0 && OpensStraight(text, i) && !ClosesStraight(text, i)) { nested++; continue; }
            if (nested > 0 && (c == '”' || (c == '"' && closer == '”')))
            {
                nested--;
                continue;
            }
            if (c == closer || (closer == '”' && c == '"') || (closer == '"' && c == '”'))
            {
                spans.Add((open, i + 1));
                open = -1;
                continue;
            }
            if (i - open >= MaxLength)
            {
                Unclosed(ref unclosed, ref firstUnclosed, open);
                if (clean) covered[kind] = i;
                i = open; // look again at what follows the unclosed mark
                open = -1;
            }
        }
        if (open >= 0) Unclosed(ref unclosed, ref firstUnclosed, open);
        if (problems != null)
        {
            if (unclosed > 0)
                problems.Add($"{unclosed} opening quotation mark(s) are never closed (the first at character {firstUnclosed} of the body); " +
                             "the text after each is not taken as a quote beyond its paragraph.");
            if (strayClosers > 0)
                problems.Add($"{strayClosers} closing quotation mark(s) have no opening mark (the first at character {firstStray} of the body).");
        }
        return spans;
    }

    /// <summary>0: “ (closed by ” or "), 1: „ (also closed by “), 2: « (closed by »), 3: " (closed by " or ”, nests “), 4: ''.</summary>
    private static int KindOf(char opener, char closer) =>
        closer == Doubled ? 4 : opener switch { '“' => 0, '„' => 1, '«' => 2, _ => 3 };

    /// <summary>Can this character close a quote of this kind, or open or close one nested in it?</summary>
    private static bool ClosesOrNests(int kind, char c) => kind switch
    {
        0 => c is '”' or '"',
        2 => c == '»',
        4 => c is '\'' or '”' or '"',
        _ => c is '“' or '”' or '"',
    };

    /// <summary>Two apostrophes or backticks as a double quotation mark (''…'' and ``…'' in typewriter and archive text).</summary>
    private const char Doubled = '\u0001';

    private static bool IsDoubledOpen(string text, int i) =>
        i + 2 < text.Length && (text[i] == '\'' && text[i + 1] == '\'' || text[i] == '`' && text[i + 1] == '`') &&
        (i == 0 || !char.IsLetterOrDigit(text[i - 1])) && !char.IsWhiteSpace(text[i + 2]) && text[i + 2] != '\'';

    private static void Unclosed(ref int count, ref int first, int at)
    {
        count++;
        if (first < 0) first = at;
    }

    // A straight mark opens when it starts a word: not after a letter or digit, and followed by something other than a space.
    private static bool OpensStraight(string text, int i) =>
        (i == 0 || !char.IsLetterOrDigit(text[i - 1])) && i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]);

    // A straight mark closes when it ends a word: after a non-space, and not followed by a letter or digit.
    private static bool ClosesStraight(string text, int i) =>
        i > 0 && !char.IsWhiteSpace(text[i - 1]) && (i + 1 >= text.Length || !char.IsLetterOrDigit(text[i + 1]));
}
