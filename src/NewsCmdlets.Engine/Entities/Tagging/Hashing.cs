namespace NewsCmdlets.Engine.Entities.Tagging;

/// <summary>64-bit hashes of text without allocating: features and gazetteer keys are numbers, not strings.</summary>
public static class Hashing
{
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    public static ulong Lower(ReadOnlySpan<char> s)
    {
        ulong h = Offset;
        foreach (char c in s)
        {
            if (c == '\u00AD') continue; // a soft hyphen inside a word is invisible: "Oster\u00ADhagen" is "osterhagen"
            char l = Fold(c);
            h = (h ^ l) * Prime;
        }
        return Finish(h);
    }

    public static ulong Exact(ReadOnlySpan<char> s)
    {
        ulong h = Offset ^ 0x5bd1e995UL;
        foreach (char c in s)
        {
            if (c == '\u00AD') continue;
            h = (h ^ c) * Prime;
        }
        return Finish(h);
    }

    /// <summary>Lower case without diacritics for the common Latin letters (so "Chosŏn" ~ "choson" is not needed, but "é" ~ "e" is).</summary>
    /// <remarks>Every hashed character of every token goes through here: outside ASCII it is a look-up in a table of all
    /// 65,536 answers of <see cref="FoldSlow"/>, built once (char.ToLowerInvariant, which it would call, costs more than
    /// the hashing around it on text with typographic quotes and dashes).</remarks>
    public static char Fold(char c)
    {
        if (c < 128) return c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
        return FoldTable[c];
    }

    private static readonly char[] FoldTable = BuildFoldTable();

    private static char[] BuildFoldTable()
    {
        var table = new char[char.MaxValue + 1];
        for (int c = 0; c <= char.MaxValue; c++) table[c] = FoldSlow((char)c);
        return table;
    }

    /// <summary>What <see cref="Fold"/> answers, computed (the table's source).</summary>
    internal static char FoldSlow(char c)
    {
        if (c < 128) return c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
        if (c is '’' or '‘') return '\'';
        if (c is '‑' or '–') return '-';
        c = char.ToLowerInvariant(c);
        return c switch
        {
            'à' or 'á' or 'â' or 'ã' or 'ä' or 'å' or 'ā' or 'ă' => 'a',
            'ç' or 'č' or 'ć' => 'c',
            'è' or 'é' or 'ê' or 'ë' or 'ē' or 'ě' => 'e',
            'ì' or 'í' or 'î' or 'ï' or 'ī' => 'i',
            'ñ' or 'ń' => 'n',
            'ò' or 'ó' or 'ô' or 'õ' or 'ö' or 'ø' or 'ō' or 'ŏ' => 'o',
            'ù' or 'ú' or 'û' or 'ü' or 'ū' or 'ŭ' => 'u',
            'ý' or 'ÿ' => 'y',
            'š' or 'ś' or 'ş' => 's',
            'ž' or 'ź' or 'ż' => 'z',
            _ => c,
        };
    }

    public static ulong Mix(ulong a, ulong b)
    {
        ulong h = a * 0x9E3779B97F4A7C15UL ^ (b + 0x632BE59BD9B4E019UL + (a << 6) + (a >> 2));
        return Finish(h);
    }

    public static ulong Mix(ulong a, ulong b, ulong c) => Mix(Mix(a, b), c);

    private static ulong Finish(ulong h)
    {
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        return h;
    }
}
