using NewsCmdlets.Engine.Entities;
using NewsCmdlets.Engine.Entities.Tagging;

namespace NewsCmdlets.Engine.Coverage;

/// <summary>
/// How rare a word is in English text at large, from a table shipped with the module rather than from the articles
/// being grouped, so an article's weights (and with them its stories) do not change with what else is in the pile.
/// The table is the frequency order of the 200,000 most frequent words of GloVe 6B's vocabulary (Wikipedia 2014 and
/// the Gigaword 5 news wire; PDDL), the first column of Entities/Data/word-clusters.tsv.gz (see NOTICE.md there).
/// Under Zipf's law a word's frequency falls as 1/rank and its document frequency with it, so the inverse document
/// frequency of a word is close to log(rank) less the log of the rank from which words stop being in nearly every
/// text. Keys are <see cref="StoryText.HashWord"/> hashes of the lower-cased word; loaded once per process.
/// </summary>
internal static class WordRarity
{
    /// <summary>Rank from which a word is not in nearly every article: words above it weigh nothing.</summary>
    public const int CommonRank = 150;
    /// <summary>The rank given to a word the table does not have (rarer than its last word).</summary>
    public const int UnknownRank = 400_000;

    private static readonly Lazy<UInt64Map<int>> s_ranks = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>1-based frequency rank of the word with this hash, or 0 when the table does not have it.</summary>
    public static int Rank(ulong hash) => s_ranks.Value.Get(hash, 0);

    /// <summary>The word's weight, log(rank / <see cref="CommonRank"/>), at least 0; unknown words as <see cref="UnknownRank"/>.</summary>
    public static float Idf(ulong hash)
    {
        int rank = Rank(hash);
        return IdfOfRank(rank == 0 ? UnknownRank : rank);
    }

    public static float IdfOfRank(int rank) => rank <= CommonRank ? 0f : (float)Math.Log(rank / (double)CommonRank);

    private static UInt64Map<int> Load()
    {
        var map = new UInt64Map<int>(200_000);
        using var reader = new StreamReader(Gazetteer.OpenResource("word-clusters.tsv.gz"));
        string? line;
        int rank = 0;
        while ((line = reader.ReadLine()) != null)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            int tab = line.IndexOf('\t');
            var word = tab < 0 ? line.AsSpan() : line.AsSpan(0, tab);
            rank++;
            map.TryAdd(StoryText.HashWord(word), rank); // the first (more frequent) spelling stays
        }
        return map;
    }
}
