using NewsCmdlets.Engine.Entities.Tagging;

namespace NewsCmdlets.Engine.Quotes;

/// <summary>A set of words looked up by the hash of a token's lower-case letters (no allocation per lookup).</summary>
internal sealed class WordSet
{
    private readonly HashSet<ulong> _set = new();

    public WordSet(params string[] words)
    {
        foreach (var w in words) _set.Add(Hashing.Lower(w));
    }

    public bool Contains(ulong lowerHash) => _set.Contains(lowerHash);
    public bool Contains(ReadOnlySpan<char> word) => _set.Contains(Hashing.Lower(word));
}
