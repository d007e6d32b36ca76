namespace NewsCmdlets.Engine.Coverage;

/// <summary>
/// The strings of short words met before on this thread, handed out again instead of a new copy of the same characters
/// (<see cref="CoverageText.Words(string)"/> reads every line of every article, and most of its words are words it has read
/// before: "the", "said", "police"). Direct-mapped: a word's slot is chosen by a hash of its characters, and a new word
/// takes the slot of the one before, so the pool never grows. Only saves allocations: the text handed out is always
/// the word's own characters.
/// </summary>
internal sealed class WordPool
{
    /// <summary>Longer words are copied every time (they seldom come again).</summary>
    public const int MaxLength = 24;

    private readonly string?[] _slots;
    private readonly int _mask;

    /// <summary>A pool of <paramref name="slots"/> slots (rounded up to a power of two).</summary>
    public WordPool(int slots = 4096)
    {
        int n = 1;
        while (n < slots) n <<= 1;
        _slots = new string?[n];
        _mask = n - 1;
    }

    [ThreadStatic] private static WordPool? t_pool;

    /// <summary>This thread's pool (a pool is not thread-safe; each thread has its own).</summary>
    public static WordPool ForThread => t_pool ??= new WordPool();

    /// <summary>The characters <paramref name="start"/>..+<paramref name="length"/> of <paramref name="text"/> as a string: the pooled one when the same word was seen last in its slot.</summary>
    public string Get(string text, int start, int length)
    {
        if (length == 0 || length > MaxLength) return text.Substring(start, length);
        var span = text.AsSpan(start, length);
        uint h = 2166136261u;
        foreach (char c in span) h = (h ^ c) * 16777619u;
        int slot = (int)((h ^ (h >> 15)) & (uint)_mask);
        var known = _slots[slot];
        if (known != null && span.SequenceEqual(known)) return known;
        return _slots[slot] = text.Substring(start, length);
    }
}
