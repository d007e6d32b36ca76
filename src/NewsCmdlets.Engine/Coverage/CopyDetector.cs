namespace NewsCmdlets.Engine.Coverage;

/// <summary>
/// Finds copies of one text (a wire story republished under other headlines, with other page chrome, sometimes cut at
/// the end) from the articles' body shingles. Candidates come from a sample of each body's 5-word shingles (those whose
/// hash is 0 mod 8, a fixed-sample sketch that, unlike MinHash, estimates containment of a cut copy as well as
/// resemblance), indexed; shingles shared by very many articles (template sentences, boilerplate) lead only to articles
/// published within the time window after, distinctive ones to any article whatever its date; each
/// candidate pair is confirmed with the exact containment |A∩B| / min(|A|, |B|) of the full shingle sets.
/// </summary>
internal static class CopyDetector
{
    /// <summary>Shingles whose hash has these low bits all zero are sampled into the index.</summary>
    private const uint SampleMask = 7;
    /// <summary>Bodies with fewer shingles than this index and query all of them.</summary>
    private const int SmallBody = 64;
    /// <summary>Shorter texts (about a dozen words) are never called copies: too little to tell.</summary>
    public const int MinShingles = 8;
    /// <summary>A sampled shingle carried by more articles than this (or than 0.4% of a larger corpus) is boilerplate or a template sentence: it is followed only within the time window.</summary>
    private const int MaxPosting = 200;

    /// <summary>Returns, for each article (by position), the position of the first article of its copy set, or its own position.</summary>
    public static int[] Find(IReadOnlyList<StoryFeatures> f, double threshold, TimeSpan window, CancellationToken cancel)
    {
        int n = f.Count;
        var uf = new UnionFind(n);
        var index = new Dictionary<uint, List<int>>();
        var keys = new uint[n][];
        for (int i = 0; i < n; i++)
        {
            var s = f[i].Shingles;
            if (s.Length < MinShingles) { keys[i] = Array.Empty<uint>(); continue; }
            uint[] k = s.Length < SmallBody ? s : s.Where(h => (h & SampleMask) == 0).ToArray();
            keys[i] = k;
            foreach (uint h in k)
            {
                if (!index.TryGetValue(h, out var list)) index[h] = list = new List<int>(2);
                list.Add(i);
            }
        }

        int maxPosting = Math.Max(MaxPosting, n / 250);
        long windowTicks = Math.Max(0, window.Ticks);
        var shared = new int[n];
        var touched = new List<int>();
        for (int i = 0; i < n; i++)
        {
            if ((i & 255) == 0) cancel.ThrowIfCancellationRequested();
            bool dated = f[i].HasDate;
            foreach (uint h in keys[i])
            {
                var list = index[h];
                // Lists hold positions in ascending order (by date, undated last): only later articles are looked at
                // (each pair once). A shingle many articles share (a template sentence, boilerplate) is followed only
                // to articles published within the window after this one, and only so far.
                int from = list.BinarySearch(i) + 1;
                bool common = list.Count > maxPosting;
                if (common && !dated) continue;
                int stop = common ? Math.Min(list.Count, from + maxPosting) : list.Count;
                for (int p = from; p < stop; p++)
                {
                    int j = list[p];
                    if (common && f[j].Ticks - f[i].Ticks > windowTicks) break;
                    if (shared[j]++ == 0) touched.Add(j);
                }
            }
            touched.Sort();
            foreach (int j in touched)
            {
                int need = Math.Min(f[i].Shingles.Length, f[j].Shingles.Length) < SmallBody ? 1 : 2;
                // The samples' own containment (all sampled shingles, common ones included) first: a cheap estimate
                // that rules out most pairs that share only template sentences; then the exact containment.
                if (shared[j] >= need && uf.Find(i) != uf.Find(j)
                    && (keys[i].Length < SmallBody / 4 || keys[j].Length < SmallBody / 4 || Overlap(keys[i], keys[j]) >= threshold - EstimateSlack)
                    && Containment(f[i].Shingles, f[j].Shingles) >= threshold)
                    uf.Union(i, j);
                shared[j] = 0;
            }
            touched.Clear();
        }
        var root = new int[n];
        for (int i = 0; i < n; i++) root[i] = uf.Find(i);
        return root;
    }

    /// <summary>How far below the threshold the sampled estimate may fall before the exact containment is skipped.</summary>
    private const double EstimateSlack = 0.25;

    private static double Overlap(uint[] a, uint[] b)
    {
        int i = 0, j = 0, common = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j]) { common++; i++; j++; }
            else if (a[i] < b[j]) i++;
            else j++;
        }
        return common / (double)Math.Max(1, Math.Min(a.Length, b.Length));
    }

    /// <summary>|A∩B| / min(|A|, |B|) of two ascending, distinct hash arrays; 0 when either is too short to tell.</summary>
    public static double Containment(uint[] a, uint[] b)
    {
        int min = Math.Min(a.Length, b.Length);
        if (min < MinShingles) return 0;
        int i = 0, j = 0, common = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j]) { common++; i++; j++; }
            else if (a[i] < b[j]) i++;
            else j++;
        }
        return common / (double)min;
    }
}

/// <summary>Union-find whose root is always the smallest member, so roots do not depend on the order of unions.</summary>
internal sealed class UnionFind
{
    private readonly int[] _parent;

    public UnionFind(int n)
    {
        _parent = new int[n];
        for (int i = 0; i < n; i++) _parent[i] = i;
    }

    public int Find(int x)
    {
        while (_parent[x] != x)
        {
            _parent[x] = _parent[_parent[x]];
            x = _parent[x];
        }
        return x;
    }

    public int Union(int a, int b)
    {
        a = Find(a); b = Find(b);
        if (a == b) return a;
        if (b < a) (a, b) = (b, a);
        _parent[b] = a;
        return a;
    }
}
