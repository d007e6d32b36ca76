namespace NewsCmdlets.Engine.Entities.Tagging;

/// <summary>A document with its gold tag per token (indices into <see cref="NerModel.TagNames"/>).</summary>
public sealed record NerTrainingDocument(NerDocument Document, int[] Tags)
{
    /// <summary>For training a second stage: the first stage's tags, predicted by a model that did not see this document.</summary>
    public int[]? Stage1 { get; init; }
}

/// <summary>
/// Trains <see cref="NerModel"/> as a structured averaged perceptron (Collins 2002): Viterbi-decode each sentence with
/// the current weights and move them towards the gold sequence where they differ; the average over all steps is kept.
/// Deterministic for a given input order and seed.
/// </summary>
public static class PerceptronTrainer
{
    public sealed record Options(int Epochs = 8, int Seed = 17, int MinFeatureCount = 2, float PruneBelow = 0.02f, Action<string>? Log = null);

    public static NerModel Train(IReadOnlyList<NerTrainingDocument> docs, Gazetteer gaz, Options options)
    {
        const int S = NerFeatures.Stride, K = NerModel.TagCount;
        // 1. Features of every sentence, once.
        var sents = new List<(ulong[] Feats, int[] Gold, int N)>();
        var gazB = new uint[4096];
        var gazI = new uint[4096];
        foreach (var d in docs)
        {
            var votes = d.Stage1 != null ? NerFeatures.Votes(d.Document, d.Stage1) : null;
            foreach (var s in d.Document.Sentences)
            {
                if (s.TokenCount == 0) continue;
                if (gazB.Length < s.TokenCount) { gazB = new uint[s.TokenCount * 2]; gazI = new uint[s.TokenCount * 2]; }
                var f = new ulong[s.TokenCount * S];
                NerFeatures.Extract(d.Document, s, gaz, f, gazB, gazI);
                if (d.Stage1 != null) NerFeatures.ExtractStage2(d.Document, s, d.Stage1, votes!, f);
                sents.Add((f, d.Tags.AsSpan(s.FirstToken, s.TokenCount).ToArray(), s.TokenCount));
            }
        }
        // 2. Keep features seen at least MinFeatureCount times.
        var counts = new Dictionary<ulong, int>();
        foreach (var (f, _, _) in sents)
            foreach (var h in f)
                if (h != 0) counts[h] = counts.TryGetValue(h, out int cnt) ? cnt + 1 : 1;
        var index = new Dictionary<ulong, int>();
        foreach (var kv in counts.OrderBy(kv => kv.Key))
            if (kv.Value >= options.MinFeatureCount) index[kv.Key] = index.Count;
        counts = null;
        options.Log?.Invoke($"{sents.Count} sentences, {index.Count} features");
        var rows = sents.Select(s =>
        {
            var r = new int[s.Feats.Length];
            for (int i = 0; i < r.Length; i++) r[i] = s.Feats[i] != 0 && index.TryGetValue(s.Feats[i], out int j) ? j : -1;
            return (Rows: r, s.Gold, s.N);
        }).ToList();
        sents.Clear();

        var w = new float[index.Count * K];
        var acc = new double[index.Count * K];
        var tr = new float[(K + 1) * K];
        var trAcc = new double[(K + 1) * K];
        long c = 1;
        int maxN = rows.Max(r => r.N);
        var scores = new float[maxN * K];
        var delta = new float[maxN * K];
        var back = new int[maxN * K];
        var pred = new int[maxN];
        var order = Enumerable.Range(0, rows.Count).ToArray();
        var rng = new Random(options.Seed);
        var model = new NerModel(index, w, tr);
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            rng.Shuffle(order);
            int errors = 0, tokens = 0;
            foreach (int si in order)
            {
                var (r, gold, n) = rows[si];
                Array.Clear(scores, 0, n * K);
                for (int i = 0; i < n; i++)
                    for (int k = 0; k < S; k++)
                    {
                        int row = r[i * S + k];
                        if (row < 0) continue;
                        for (int t = 0; t < K; t++) scores[i * K + t] += w[row * K + t];
                    }
                model.Decode(scores, n, pred, tr, delta, back);
                tokens += n;
                for (int i = 0; i < n; i++)
                {
                    int g = gold[i], p = pred[i];
                    int gp = i > 0 ? gold[i - 1] : K, pp = i > 0 ? pred[i - 1] : K;
                    if (g != p)
                    {
                        errors++;
                        for (int k = 0; k < S; k++)
                        {
                            int row = r[i * S + k];
                            if (row < 0) continue;
                            w[row * K + g] += 1; acc[row * K + g] += c;
                            w[row * K + p] -= 1; acc[row * K + p] -= c;
                        }
                    }
                    if (g != p || gp != pp)
                    {
                        tr[gp * K + g] += 1; trAcc[gp * K + g] += c;
                        tr[pp * K + p] -= 1; trAcc[pp * K + p] -= c;
                    }
                }
                c++;
            }
            options.Log?.Invoke($"epoch {epoch + 1}: token error rate {errors / (double)tokens:P2}");
        }
        // 3. Average, then prune features whose every weight is small.
        var avgTr = new float[tr.Length];
        for (int i = 0; i < tr.Length; i++) avgTr[i] = (float)(tr[i] - trAcc[i] / c);
        var keptIndex = new Dictionary<ulong, int>();
        var kept = new List<float>();
        foreach (var kv in index.OrderBy(kv => kv.Key))
        {
            int row = kv.Value;
            float max = 0;
            var vals = new float[K];
            for (int t = 0; t < K; t++)
            {
                vals[t] = (float)(w[row * K + t] - acc[row * K + t] / c);
                max = Math.Max(max, Math.Abs(vals[t]));
            }
            if (max < options.PruneBelow) continue;
            keptIndex[kv.Key] = keptIndex.Count;
            kept.AddRange(vals);
        }
        options.Log?.Invoke($"kept {keptIndex.Count} of {index.Count} features");
        return new NerModel(keptIndex, kept.ToArray(), avgTr);
    }
}
