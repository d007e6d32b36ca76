namespace NewsCmdlets.Engine.Entities.Tagging;

/// <summary>
/// Word clusters for the tagger's features: words that appear in similar contexts in a large body of text (news wire and
/// an encyclopaedia) share a cluster, so the model learns "a word like Benetton or Ferrari" from names it saw in training
/// and applies it to names it never saw. Built by tools/NerTrainer (clusters) from GloVe vectors; three granularities.
/// Keys are <see cref="Hashing.Lower"/> hashes; loaded once per process on first use.
/// </summary>
public sealed class WordClusters
{
    /// <summary>Granularities in the file (coarse to fine).</summary>
    public const int Levels = 3;

    private static readonly Lazy<WordClusters> s_shared = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The clusters shipped in the engine.</summary>
    public static WordClusters Shared => s_shared.Value;

    private readonly UInt64Map<uint> _clusters; // (c0 + 1) | (c1 + 1) << 8 | (c2 + 1) << 20; 0 = unknown word

    /// <summary>Number of words with clusters.</summary>
    public int Count => _clusters.Count;

    private WordClusters(List<(ulong Key, uint Value)> entries)
    {
        _clusters = new UInt64Map<uint>(entries.Count);
        foreach (var (key, value) in entries) _clusters.TryAdd(key, value); // first (more frequent) spelling wins
    }

    /// <summary>The packed clusters of a word (by its lower-case hash), or 0 when the word has none.</summary>
    public uint Lookup(ulong lowerHash) => _clusters.Get(lowerHash, 0);

    /// <summary>Cluster number + 1 at a level (0 coarse … 2 fine) of a packed value; 0 for an unknown word.</summary>
    public static uint Level(uint packed, int level) => level switch
    {
        0 => packed & 0xFF,
        1 => (packed >> 8) & 0xFFF,
        _ => packed >> 20,
    };

    private static WordClusters Load()
    {
        var entries = new List<(ulong, uint)>(200_000);
        if (NerAblations.ClustersOff) return new WordClusters(entries);
        using var reader = new StreamReader(Gazetteer.OpenResource("word-clusters.tsv.gz"));
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var span = line.AsSpan();
            int t1 = span.IndexOf('\t');
            if (t1 <= 0) continue;
            var rest = span[(t1 + 1)..];
            uint packed = 0;
            int shift = 0;
            for (int level = 0; level < Levels; level++)
            {
                int tab = rest.IndexOf('\t');
                var field = tab < 0 ? rest : rest[..tab];
                if (!uint.TryParse(field, out uint c)) { packed = 0; break; }
                int width = level == 0 ? 8 : 12;
                packed |= Math.Min(c + 1, (1u << width) - 1) << shift;
                shift += width;
                rest = tab < 0 ? ReadOnlySpan<char>.Empty : rest[(tab + 1)..];
            }
            if (packed != 0) entries.Add((Hashing.Lower(span[..t1]), packed));
        }
        return new WordClusters(entries);
    }
}
