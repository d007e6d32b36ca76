namespace NewsCmdlets.Bench.Corpus;

/// <summary>
/// Deterministic PRNG (xoshiro256**, seeded through SplitMix64). Written out here rather than System.Random so the
/// corpus is the same on every .NET version and platform: the same seed gives byte-identical files forever.
/// </summary>
public sealed class Rng
{
    private ulong _s0, _s1, _s2, _s3;

    public Rng(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix(ref x); _s1 = SplitMix(ref x); _s2 = SplitMix(ref x); _s3 = SplitMix(ref x);
    }

    /// <summary>A generator for one sub-item (a story, an article), independent of how many numbers others drew.</summary>
    public static Rng For(ulong seed, string purpose, long a, long b = 0)
    {
        ulong h = seed ^ 0x9E3779B97F4A7C15UL;
        foreach (char c in purpose) { h ^= c; h *= 0x100000001B3UL; }
        h ^= (ulong)a * 0xBF58476D1CE4E5B9UL; h = Mix(h);
        h ^= (ulong)b * 0x94D049BB133111EBUL; h = Mix(h);
        return new Rng(h);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong SplitMix(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        return Mix(x);
    }

    private static ulong Rotl(ulong x, int k) => (x << k) | (x >> (64 - k));

    public ulong NextULong()
    {
        ulong result = Rotl(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0; _s3 ^= _s1; _s1 ^= _s2; _s0 ^= _s3;
        _s2 ^= t; _s3 = Rotl(_s3, 45);
        return result;
    }

    /// <summary>Uniform integer in [0, n).</summary>
    public int Next(int n) => n <= 1 ? 0 : (int)((NextULong() >> 11) % (ulong)n);

    /// <summary>Uniform integer in [lo, hi] (inclusive).</summary>
    public int Range(int lo, int hi) => lo + Next(hi - lo + 1);

    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double p) => NextDouble() < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>k distinct indices from [0, n), in random order.</summary>
    public int[] Sample(int n, int k)
    {
        k = Math.Min(k, n);
        var idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        for (int i = 0; i < k; i++) { int j = i + Next(n - i); (idx[i], idx[j]) = (idx[j], idx[i]); }
        return idx[..k];
    }

    public void Shuffle<T>(IList<T> list)
    {
        for (int i = list.Count - 1; i > 0; i--) { int j = Next(i + 1); (list[i], list[j]) = (list[j], list[i]); }
    }
}
