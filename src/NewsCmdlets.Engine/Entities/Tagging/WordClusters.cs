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

    // Open addressing: key 0 marks an empty slot (a real hash of 0 is remapped to 1).
    private readonly ulong[] _keys;
    private readonly uint[] _values; // (c0 + 1) | (c1 + 1) << 8 | (c2 + 1) << 20; 0 = unknown word
    private readonly int _mask;

    /// <summary>Number of words with clusters.</summary>
    public int Count { get; }

    private WordClusters(List<(ulong Key, uint Value)> entries)
    {
        int cap = 16;
        while (cap < entries.Count * 2) cap <<= 1;
        _keys = new ulong[cap];
        _values = new uint[cap];
        _mask = cap - 1;
        foreach (var (key, value) in entries)
        {
            ulong k = key == 0 ? 1 : key;
            int slot = (int)(k & (ulong)_mask);
            while (_keys[slot] != 0 && _keys[slot] != k) slot = (slot + 1) & _mask;
            if (_keys[slot] == k) continue; // first (more frequent) spelling wins
            _keys[slot] = k;
            _values[slot] = value;
            Count++;
        }
    }

    /// <summary>The packed clusters of a word (by its lower-case hash), or 0 when the word has none.</summary>
    public uint Lookup(ulong lowerHash)
    {
        ulong k = lowerHash == 0 ? 1 : lowerHash;
        int slot = (int)(k & (ulong)_mask);
        while (true)
        {
            ulong key = _keys[slot];
            if (key == k) return _values[slot];
            if (key == 0) return 0;
            slot = (slot + 1) & _mask;
        }
    }

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
