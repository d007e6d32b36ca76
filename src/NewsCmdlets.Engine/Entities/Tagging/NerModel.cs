using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NewsCmdlets.Engine.Entities.Tagging;

/// <summary>
/// A first-order sequence tagger (structured averaged perceptron, BIO tags over PER/ORG/LOC/MISC) with hashed features.
/// Decoding is Viterbi with the BIO constraint (an I- tag only continues the same type). Read-only once built, so one
/// instance serves every thread.
/// </summary>
public sealed class NerModel
{
    public static readonly string[] TagNames = { "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC" };
    public const int TagCount = 9;
    private const int Start = TagCount; // row of the transition matrix for "before the first token"

    private static readonly Lazy<NerModel> s_shared = new(() =>
    {
        using var s = Gazetteer.OpenResource("ner-model.bin.gz");
        return Read(s).ForTaggingOnly();
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The model shipped in the engine, loaded on first use.</summary>
    public static NerModel Shared => s_shared.Value;

    private Dictionary<ulong, int>? _index;
    private float[]? _weights;
    private readonly int _featureCount;

    /// <summary>Feature hash → row (training, writing; let go of by <see cref="ForTaggingOnly"/>).</summary>
    internal Dictionary<ulong, int> Index => _index ?? throw new InvalidOperationException("This model keeps only its tagging tables.");

    /// <summary>Index[f] * TagCount + tag (training, writing; let go of by <see cref="ForTaggingOnly"/>).</summary>
    internal float[] Weights => _weights ?? throw new InvalidOperationException("This model keeps only its tagging tables.");
    internal readonly float[] Transitions; // (prev or Start) * TagCount + tag

    // The hot path's copy of Index and Weights (and of the second stage's, when there is one), built on first use (a
    // model being trained only decodes):
    // - open addressing with linear probing, each slot holding the upper half of the feature's hash and the offset of
    //   its weights side by side, so that a probe reads one cache line (separate key and value arrays cost a second
    //   miss on every hit). Slot = lower bits of the hash; 0 is an empty slot. Two features that share both the slot
    //   chain and the upper 32 bits would share a row: with 2^18 slots that is a 50-bit match;
    // - a row holds a feature's 9 weights as half-precision floats (as the model file stores them, so nothing is
    //   lost) padded to 16, and with a second stage the second stage's 9 weights for the same feature in the next 16:
    //   one 64-byte aligned cache line serves both stages (the second stage's sum over the first stage's features is
    //   taken while the first stage scores). A feature one stage lacks has zeros there: adding 0 leaves every sum as
    //   it was. Weights widen to floats 8 at a time (<see cref="Widen"/>), exactly as a Half converts to a float.
    private sealed class Hot
    {
        public readonly ulong[] Slots; // (hash >> 32) | (offset + 1) << 32
        public readonly int Mask;
        public readonly ushort[] Rows; // pinned; a row is RowStride halves (one stage) or 2 × RowStride (two)

        public Hot(NerModel first, NerModel? second)
        {
            var keys = new Dictionary<ulong, int>(first.Index.Count);
            foreach (var k in first.Index.Keys) keys[k] = keys.Count;
            if (second != null) foreach (var k in second.Index.Keys) keys.TryAdd(k, keys.Count);
            int stride = second == null ? RowStride : 2 * RowStride;
            int cap = 16;
            while (cap < keys.Count * 2) cap <<= 1;
            Slots = new ulong[cap];
            Mask = cap - 1;
            Rows = GC.AllocateArray<ushort>(keys.Count * stride + 2 * RowStride, pinned: true);
            int b = (int)((64 - (Marshal.UnsafeAddrOfPinnedArrayElement(Rows, 0) & 63)) & 63) / sizeof(ushort);
            foreach (var (k, r) in keys)
            {
                int slot = (int)(k & (ulong)Mask);
                while (Slots[slot] != 0) slot = (slot + 1) & Mask;
                int offset = b + r * stride;
                Slots[slot] = (k >> 32) | (ulong)(uint)(offset + 1) << 32;
                if (first.Index.TryGetValue(k, out int r1)) Pack(first.Weights, r1, Rows, offset);
                if (second != null && second.Index.TryGetValue(k, out int r2)) Pack(second.Weights, r2, Rows, offset + RowStride);
            }
        }

        private static void Pack(float[] weights, int row, ushort[] rows, int at)
        {
            for (int t = 0; t < TagCount; t++) rows[at + t] = BitConverter.HalfToUInt16Bits((Half)weights[row * TagCount + t]);
        }

        /// <summary>
        /// Asks the processor to fetch the slots of every feature of a sentence's <paramref name="n"/> tokens (the first
        /// <see cref="NerFeatures.Slots"/> of each) before they are looked up: the table is far larger than the cache and
        /// every feature is a random access, so look-ups one after another each wait for memory in turn. A hint only:
        /// the scores are the same without it, and on processors without the instruction nothing is done.
        /// </summary>
        public void Prefetch(ulong[] feats, int n) => Prefetch(feats, n, 0, NerFeatures.Slots);

        /// <summary>The same for the features in slots <paramref name="from"/>..<paramref name="to"/> of each token.</summary>
        public unsafe void Prefetch(ulong[] feats, int n, int from, int to)
        {
            if (!Sse.IsSupported) return;
            fixed (ulong* slots = Slots)
            {
                for (int i = 0; i < n; i++)
                {
                    int o = i * NerFeatures.Stride;
                    for (int k = from; k < to; k++)
                    {
                        ulong f = feats[o + k];
                        if (f != 0) Sse.Prefetch0(slots + (int)(f & (ulong)Mask));
                    }
                }
            }
        }

        /// <summary>The offset of a feature's row, or -1.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int Find(ulong f)
        {
            uint tag = (uint)(f >> 32);
            int slot = (int)(f & (ulong)Mask);
            var slots = Slots;
            ulong e;
            while ((e = slots[slot]) != 0 && (uint)e != tag) slot = (slot + 1) & Mask;
            return (int)(e >> 32) - 1;
        }
    }

    private const int RowStride = 16;

    /// <summary>The first 8 of 16 half-precision floats as floats: the magnitude's bits moved into a float's places and
    /// scaled by 2^112 (exact for zeros, subnormals and normal numbers; a model has no infinities), then the sign.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Widen(Vector256<ushort> h)
    {
        var w = Vector256.WidenLower(h);
        var magnitude = ((w & Vector256.Create(0x7FFFu)) << 13).AsSingle() * Vector256.Create(5.192296858534828e33f); // 2^112
        return (magnitude.AsUInt32() | ((w & Vector256.Create(0x8000u)) << 16)).AsSingle();
    }

    /// <summary>One half-precision float as a float, the same way.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Widen(ushort h) =>
        BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(BitConverter.Int32BitsToSingle((h & 0x7FFF) << 13) * 5.192296858534828e33f) | (h & 0x8000) << 16);

    private Hot? _hot;

    private Hot Table => _hot ?? LazyInitializer.EnsureInitialized(ref _hot, () => new Hot(this, Second));

    public NerModel(Dictionary<ulong, int> index, float[] weights, float[] transitions)
    {
        _index = index;
        _weights = weights;
        _featureCount = index.Count;
        Transitions = transitions;
    }

    public int FeatureCount => _featureCount + (Second?.FeatureCount ?? 0);

    /// <summary>
    /// Builds the tagging tables now and lets go of the training ones (the feature index and the unpadded weights, about
    /// 9 MB for the shipped model), which a model that is only read never needs again. Returns this model.
    /// </summary>
    internal NerModel ForTaggingOnly()
    {
        _ = Table;
        _index = null;
        _weights = null;
        if (Second != null) { Second._index = null; Second._weights = null; }
        return this;
    }

    /// <summary>The second stage, when the model has one (read from the same file).</summary>
    public NerModel? Second { get; init; }

    /// <summary>This model as the first stage of a two-stage tagger.</summary>
    public NerModel WithSecond(NerModel? second) => new(Index, Weights, Transitions) { Second = second };

    public static bool Allowed(int prev, int tag)
    {
        if (tag == 0 || (tag & 1) == 1) return true; // O and B-* always
        // I-X only after B-X or I-X
        return prev != Start && prev != 0 && (prev + 1) / 2 == tag / 2;
    }

    /// <summary>Sets <paramref name="scores"/> (n × TagCount) to the sums of the weights of each token's features.</summary>
    public void Score(ulong[] feats, int n, float[] scores)
    {
        var hot = Table;
        hot.Prefetch(feats, n);
        ref ushort r0 = ref MemoryMarshal.GetArrayDataReference(hot.Rows);
        for (int i = 0; i < n; i++)
        {
            var acc = Vector256<float>.Zero;
            float last = 0;
            Add(hot, ref r0, feats, i * NerFeatures.Stride, 0, NerFeatures.Stride, 0, ref acc, ref last);
            Store(acc, last, scores, i * TagCount);
        }
    }

    /// <summary>Adds the rows (from <paramref name="stage"/> on in each) of a token's features in slots
    /// <paramref name="from"/>..<paramref name="to"/> to <paramref name="acc"/> (tags 0-7) and <paramref name="last"/> (tag 8).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(Hot hot, ref ushort r0, ulong[] feats, int o, int from, int to, int stage, ref Vector256<float> acc, ref float last)
    {
        for (int k = from; k < to; k++)
        {
            ulong f = feats[o + k];
            if (f == 0) continue;
            int at = hot.Find(f);
            if (at < 0) continue;
            acc += Widen(Vector256.LoadUnsafe(ref r0, (nuint)(at + stage)));
            last += Widen(Unsafe.Add(ref r0, at + stage + 8));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector256<float> acc, float last, float[] scores, int at)
    {
        acc.CopyTo(scores.AsSpan(at, 8));
        scores[at + 8] = last;
    }

    /// <summary>
    /// Scores the first stage as <see cref="Score"/> does over the first <see cref="NerFeatures.Slots"/> features of
    /// each token and, from the same lookups, writes the second stage's sums over those features into
    /// <paramref name="second"/> from <paramref name="secondAt"/> on (n × TagCount), for <see cref="ScoreSecond"/>.
    /// </summary>
    [SkipLocalsInit] // every offset is written before it is read
    public unsafe void ScoreBoth(ulong[] feats, int n, float[] scores, float[] second, int secondAt)
    {
        if (Second == null) throw new InvalidOperationException("The model has no second stage.");
        var hot = Table;
        hot.Prefetch(feats, n);
        ref ushort r0 = ref MemoryMarshal.GetArrayDataReference(hot.Rows);
        // A few tokens at a time: first every feature's row offset (the slots were asked for above), then a hint to
        // fetch those rows, then the sums: the rows' cache misses overlap instead of following one another. The sums
        // add the same rows in the same order as one token after another would.
        Span<int> offsets = stackalloc int[ChunkTokens * NerFeatures.Slots];
        for (int c = 0; c < n; c += ChunkTokens)
        {
            int m = Math.Min(ChunkTokens, n - c);
            for (int i = 0; i < m; i++)
            {
                int o = (c + i) * NerFeatures.Stride, b = i * NerFeatures.Slots;
                for (int k = 0; k < NerFeatures.Slots; k++)
                {
                    ulong f = feats[o + k];
                    int at = f == 0 ? -1 : hot.Find(f);
                    offsets[b + k] = at;
                    if (at >= 0 && Sse.IsSupported) Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref r0, at)));
                }
            }
            for (int i = 0; i < m; i++)
            {
                int b = i * NerFeatures.Slots;
                var acc = Vector256<float>.Zero;
                var acc2 = Vector256<float>.Zero;
                float last = 0, last2 = 0;
                for (int k = 0; k < NerFeatures.Slots; k++)
                {
                    int at = offsets[b + k];
                    if (at < 0) continue;
                    acc += Widen(Vector256.LoadUnsafe(ref r0, (nuint)at));
                    last += Widen(Unsafe.Add(ref r0, at + 8));
                    acc2 += Widen(Vector256.LoadUnsafe(ref r0, (nuint)(at + RowStride)));
                    last2 += Widen(Unsafe.Add(ref r0, at + RowStride + 8));
                }
                int so = (c + i) * TagCount;
                Store(acc, last, scores, so);
                Store(acc2, last2, second, secondAt + so);
            }
        }
    }

    /// <summary>Tokens whose rows <see cref="ScoreBoth"/> asks for at once.</summary>
    private const int ChunkTokens = 8;

    /// <summary>The second stage's scores: the sums <see cref="ScoreBoth"/> kept (from <paramref name="baseAt"/>), plus
    /// the weights of the second stage's own features (slots <see cref="NerFeatures.Slots"/> on).</summary>
    [SkipLocalsInit]
    public unsafe void ScoreSecond(ulong[] feats, int n, float[] baseSums, int baseAt, float[] scores)
    {
        var hot = Table;
        hot.Prefetch(feats, n, NerFeatures.Slots, NerFeatures.Stride);
        ref ushort r0 = ref MemoryMarshal.GetArrayDataReference(hot.Rows);
        const int per = NerFeatures.Stride - NerFeatures.Slots;
        Span<int> offsets = stackalloc int[ChunkTokens * per];
        for (int c = 0; c < n; c += ChunkTokens)
        {
            int m = Math.Min(ChunkTokens, n - c);
            for (int i = 0; i < m; i++)
            {
                int o = (c + i) * NerFeatures.Stride + NerFeatures.Slots, b = i * per;
                for (int k = 0; k < per; k++)
                {
                    ulong f = feats[o + k];
                    int at = f == 0 ? -1 : hot.Find(f);
                    offsets[b + k] = at;
                    if (at >= 0 && Sse.IsSupported) Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref r0, at + RowStride)));
                }
            }
            for (int i = 0; i < m; i++)
            {
                int so = (c + i) * TagCount, b = i * per;
                var acc = Vector256.Create<float>(baseSums.AsSpan(baseAt + so, 8));
                float last = baseSums[baseAt + so + 8];
                for (int k = 0; k < per; k++)
                {
                    int at = offsets[b + k];
                    if (at < 0) continue;
                    acc += Widen(Vector256.LoadUnsafe(ref r0, (nuint)(at + RowStride)));
                    last += Widen(Unsafe.Add(ref r0, at + RowStride + 8));
                }
                Store(acc, last, scores, so);
            }
        }
    }

    /// <summary>Best tag sequence given emission scores.</summary>
    public void Decode(float[] scores, int n, int[] tags, float[] trans, float[] delta, int[] back)
    {
        if (n == 0) return;
        for (int t = 0; t < TagCount; t++)
            delta[t] = Allowed(Start, t) ? trans[Start * TagCount + t] + scores[t] : float.NegativeInfinity;
        for (int i = 1; i < n; i++)
        {
            int po = (i - 1) * TagCount, co = i * TagCount;
            for (int t = 0; t < TagCount; t++)
            {
                float best = float.NegativeInfinity;
                int arg = 0;
                for (int p = 0; p < TagCount; p++)
                {
                    if (!Allowed(p, t)) continue;
                    float v = delta[po + p] + trans[p * TagCount + t];
                    if (v > best) { best = v; arg = p; }
                }
                delta[co + t] = best + scores[co + t];
                back[co + t] = arg;
            }
        }
        int lo = (n - 1) * TagCount;
        int bt = 0;
        for (int t = 1; t < TagCount; t++) if (delta[lo + t] > delta[lo + bt]) bt = t;
        for (int i = n - 1; i >= 0; i--)
        {
            tags[i] = bt;
            if (i > 0) bt = back[i * TagCount + bt];
        }
    }

    private const uint Magic = 0x4E45524D; // "NERM"

    /// <summary>Writes the model (gzip-compressed, weights as half-precision floats), features in hash order so the file is deterministic.</summary>
    public void Write(Stream output)
    {
        using var gz = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true);
        using var w = new BinaryWriter(gz);
        WriteBody(w);
        w.Write(Second != null);
        Second?.WriteBody(w);
    }

    private void WriteBody(BinaryWriter w)
    {
        w.Write(Magic);
        w.Write(1);
        w.Write(TagCount);
        foreach (var v in Transitions) w.Write(v);
        var keys = Index.Keys.ToArray();
        Array.Sort(keys);
        w.Write(keys.Length);
        ulong prev = 0;
        foreach (var k in keys)
        {
            WriteVarint(w, k - prev); // delta-coded hashes compress well
            prev = k;
        }
        foreach (var k in keys)
        {
            int row = Index[k];
            for (int t = 0; t < TagCount; t++) w.Write((Half)Weights[row * TagCount + t]);
        }
    }

    public static NerModel Read(Stream input)
    {
        using var r = new BinaryReader(input);
        var first = ReadBody(r);
        bool hasSecond;
        try { hasSecond = r.ReadBoolean(); }
        catch (EndOfStreamException) { hasSecond = false; }
        if (!hasSecond) return first;
        var second = ReadBody(r);
        return new NerModel(first.Index, first.Weights, first.Transitions) { Second = second };
    }

    private static NerModel ReadBody(BinaryReader r)
    {
        if (r.ReadUInt32() != Magic) throw new InvalidDataException("Not a NewsCmdlets entity model.");
        int version = r.ReadInt32();
        int tags = r.ReadInt32();
        if (version != 1 || tags != TagCount) throw new InvalidDataException($"Unsupported entity model (version {version}, {tags} tags).");
        var trans = new float[(TagCount + 1) * TagCount];
        for (int i = 0; i < trans.Length; i++) trans[i] = r.ReadSingle();
        int count = r.ReadInt32();
        var index = new Dictionary<ulong, int>(count);
        ulong prev = 0;
        for (int i = 0; i < count; i++)
        {
            prev += ReadVarint(r);
            index[prev] = i;
        }
        var weights = new float[count * TagCount];
        for (int i = 0; i < weights.Length; i++) weights[i] = (float)r.ReadHalf();
        return new NerModel(index, weights, trans);
    }

    private static void WriteVarint(BinaryWriter w, ulong v)
    {
        while (v >= 0x80) { w.Write((byte)(v | 0x80)); v >>= 7; }
        w.Write((byte)v);
    }

    private static ulong ReadVarint(BinaryReader r)
    {
        ulong v = 0;
        int shift = 0;
        while (true)
        {
            byte b = r.ReadByte();
            v |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return v;
            shift += 7;
        }
    }
}
