using NewsCmdlets.Engine.Text;

namespace NewsCmdlets.Engine.Coverage;

/// <summary>
/// Finds copies of one text: a wire story republished under another headline, with other page chrome, its paragraphs
/// cut, joined or split, a few words edited, a credit line added or removed. A copy is a text contained in another,
/// not only a near-identical one: two texts are copies when most of the shorter one's words stand in the longer one
/// in the same order (<see cref="Coverage"/>: a word counts when a run of <see cref="FeatureExtractor.ShingleSize"/>
/// words around it is in the other text, so an edited word costs that word, not the whole passage). The shorter text's
/// headline counts only where the other text has it too; a copy also keeps the lead (either text's first sentence
/// paragraph stands for the most part in the other). Two reprints cut at different places, neither containing the
/// other, are copies when they share a long passage and most of their names (<see cref="IsCopy"/>). Candidates come from a fixed sample of each text's shingles
/// (those whose hash is 0 mod 8), indexed; shingles shared by very many articles (template sentences, boilerplate)
/// lead only to articles published within the time window after. Never all pairs.
/// </summary>
internal static class CopyDetector
{
    /// <summary>Shingles whose hash has these low bits all zero are sampled into the index.</summary>
    private const uint SampleMask = 7;
    /// <summary>Texts with fewer shingles than this index and query all of them.</summary>
    private const int SmallText = 64;
    /// <summary>Texts with fewer words than this outside their headline are never called copies: too little to tell.</summary>
    public const int MinWords = 20;
    /// <summary>A sampled shingle carried by more articles than this is boilerplate or a template sentence: it is followed only within the time window, and only to this many articles (a bound that does not grow with the pile: a wire text is reprinted a few times, not hundreds).</summary>
    private const int MaxPosting = 200;
    /// <summary>How far below the threshold the sampled estimate may fall before the exact measure is skipped (edits cost the sample more than the words).</summary>
    private const double EstimateSlack = 0.3;
    /// <summary>Texts with fewer distinct names and numbers than this are measured on their words alone.</summary>
    private const int MinNames = 2;
    /// <summary>Share of the shorter text's names and numbers the longer must have somewhere for the two to be copies.</summary>
    private const double NameShare = 0.5;

    /// <summary>Returns, for each article (by position), the position of the first article of its copy set, or its own position.</summary>
    public static int[] Find(IReadOnlyList<StoryFeatures> f, double threshold, TimeSpan window, CancellationToken cancel) =>
        Find(f, threshold, window, cancel, out _);

    /// <summary>As <see cref="Find(IReadOnlyList{StoryFeatures}, double, TimeSpan, CancellationToken)"/>; <paramref name="maxCandidates"/> is the most later articles looked at for one article.</summary>
    internal static int[] Find(IReadOnlyList<StoryFeatures> f, double threshold, TimeSpan window, CancellationToken cancel, out int maxCandidates)
    {
        int n = f.Count;
        var uf = new UnionFind(n);
        // Each article's keys (its sampled shingles, or all of a small text's) and samples, flat: article i's are
        // [keyStart[i], keyStart[i + 1]) and [sampleStart[i], sampleStart[i + 1]). The arrays are sized from a first
        // count (repeated shingles aside, which only leave a few slots unused at the end), not grown by doubling: at
        // 100,000 articles the lists held twice the room, and the index once more beside them.
        long keyRoom = 0, sampleRoom = 0;
        for (int i = 0; i < n; i++)
        {
            if (BodyWords(f[i]) < MinWords) continue;
            var s = f[i].Shingles;
            int sampled = 0;
            foreach (uint h in s) if ((h & SampleMask) == 0) sampled++;
            sampleRoom += sampled;
            keyRoom += s.Length < SmallText ? s.Length : sampled;
        }
        var keyStart = new int[n + 1];
        var sampleStart = new int[n + 1];
        var samples = new uint[sampleRoom];
        // The index: every (key, article) in one sorted array, so the articles of a key are one run in ascending order
        // (by date, undated last).
        var entries = new ulong[keyRoom];
        var buffer = new uint[SmallText];
        int keys = 0, sampleCount = 0;
        for (int i = 0; i < n; i++)
        {
            if (BodyWords(f[i]) >= MinWords)
            {
                var s = f[i].Shingles;
                if (buffer.Length < s.Length) buffer = new uint[Math.Max(s.Length, 2 * buffer.Length)];
                int sampled = 0;
                foreach (uint h in s) if ((h & SampleMask) == 0) buffer[sampled++] = h;
                sampled = SortDistinct(buffer.AsSpan(0, sampled));
                buffer.AsSpan(0, sampled).CopyTo(samples.AsSpan(sampleCount));
                if (s.Length < SmallText)
                {
                    s.CopyTo(buffer, 0);
                    int distinct = SortDistinct(buffer.AsSpan(0, s.Length));
                    for (int k = 0; k < distinct; k++) entries[keys++] = (ulong)buffer[k] << 32 | (uint)i;
                }
                else
                    for (int k = 0; k < sampled; k++) entries[keys++] = (ulong)samples[sampleCount + k] << 32 | (uint)i;
                sampleCount += sampled;
            }
            keyStart[i + 1] = keys;
            sampleStart[i + 1] = sampleCount;
        }
        buffer = null;
        Array.Sort(entries, 0, keys);
        // Each key of each article knows its place in the index (an article's keys are ascending, so they come in the
        // order they were stored), and whether its run is longer than MaxPosting (a template sentence, boilerplate).
        var at = new int[keys];
        var fill = new int[n];
        var common = new System.Collections.BitArray(keys);
        for (int r = 0; r < keys;)
        {
            int e = r + 1;
            while (e < keys && entries[e] >> 32 == entries[r] >> 32) e++;
            for (int p = r; p < e; p++)
            {
                int i = (int)(uint)entries[p];
                at[keyStart[i] + fill[i]++] = p;
                if (e - r > MaxPosting) common[p] = true;
            }
            r = e;
        }
        fill = null;

        double lowest = Math.Min(threshold, LongPassageShare);
        long windowTicks = Math.Max(0, window.Ticks);
        var shared = new int[n];
        var touched = new List<int>();
        var scratch = new CoverageScratch();
        maxCandidates = 0;
        for (int i = 0; i < n; i++)
        {
            if ((i & 255) == 0) cancel.ThrowIfCancellationRequested();
            bool dated = f[i].HasDate;
            for (int q = keyStart[i]; q < keyStart[i + 1]; q++)
            {
                // Runs hold positions in ascending order (by date, undated last): only later articles are looked at
                // (each pair once). A shingle many articles share (a template sentence, boilerplate) is followed only
                // to articles published within the window after this one, and only so far.
                int from = at[q] + 1;
                bool many = common[at[q]];
                if (many && !dated) continue;
                ulong key = entries[at[q]] >> 32;
                int stop = many ? (int)Math.Min(keys, (long)from + MaxPosting) : keys;
                for (int p = from; p < stop && entries[p] >> 32 == key; p++)
                {
                    int j = (int)(uint)entries[p];
                    if (many && f[j].Ticks - f[i].Ticks > windowTicks) break;
                    if (shared[j]++ == 0) touched.Add(j);
                }
            }
            maxCandidates = Math.Max(maxCandidates, touched.Count);
            touched.Sort();
            var sampleI = samples.AsSpan(sampleStart[i], sampleStart[i + 1] - sampleStart[i]);
            int keysI = keyStart[i + 1] - keyStart[i];
            foreach (int j in touched)
            {
                var sampleJ = samples.AsSpan(sampleStart[j], sampleStart[j + 1] - sampleStart[j]);
                int need = Math.Min(keysI, keyStart[j + 1] - keyStart[j]) < SmallText / 4 ? 1 : 2;
                // The samples' own containment first (a cheap estimate that rules out most pairs sharing only a
                // template sentence), when both samples are large enough to tell; then the exact measure.
                if (shared[j] >= need && uf.Find(i) != uf.Find(j)
                    && !RuledOut(sampleI, sampleJ, threshold)
                    && IsCopy(Measure(f[i], f[j], scratch, lowest), threshold))
                    uf.Union(i, j);
                shared[j] = 0;
            }
            touched.Clear();
        }
        var root = new int[n];
        for (int i = 0; i < n; i++) root[i] = uf.Find(i);
        return root;
    }

    /// <summary>Samples smaller than this are not used to rule pairs out.</summary>
    private const int MinSample = 8;

    /// <summary>
    /// Whether the samples' own containment is so far below the threshold that the exact measure need not be taken:
    /// below it by <see cref="EstimateSlack"/> and by the standard error of a sample that small (at most 0.5/√n: a
    /// sample of nine shingles of a 90-word copy edited every sentence or two may hold only four of the other text's,
    /// by chance of where the edits fell).
    /// </summary>
    private static bool RuledOut(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b, double threshold)
    {
        int sampled = Math.Min(a.Length, b.Length);
        if (sampled < MinSample) return false;
        int overlap = Overlap(a, b);
        double error = 0.5 / Math.Sqrt(sampled);
        if (overlap / (double)sampled >= threshold - EstimateSlack - error) return false;
        // A long passage in common (see IsCopy): ninety words in the same order hold about eleven sampled shingles,
        // and half the shorter text, a quarter of its sample at least (edits cost the sample more than the words).
        return !(threshold > LongPassageShare && overlap >= LongPassageSamples && overlap >= LongPassageShare / 2 * sampled);
    }

    /// <summary>Sampled shingles two texts must share before a long passage in common is measured (half those of <see cref="LongPassage"/> words).</summary>
    private const int LongPassageSamples = LongPassage / 16;

    /// <summary>Sorts the keys and moves the distinct ones to the front; returns how many there are.</summary>
    private static int SortDistinct(Span<uint> k)
    {
        k.Sort();
        int distinct = 0;
        for (int x = 0; x < k.Length; x++) if (x == 0 || k[x] != k[x - 1]) k[distinct++] = k[x];
        return distinct;
    }

    internal static uint[] SortedDistinct(uint[] k)
    {
        Array.Sort(k);
        int distinct = 0;
        for (int x = 0; x < k.Length; x++) if (x == 0 || k[x] != k[x - 1]) k[distinct++] = k[x];
        Array.Resize(ref k, distinct);
        return k;
    }

    internal static int Overlap(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b)
    {
        int i = 0, j = 0, common = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j]) { common++; i++; j++; }
            else if (a[i] < b[j]) i++;
            else j++;
        }
        return common;
    }

    private static int BodyWords(StoryFeatures a) => a.Words - a.HeadlineShingles;

    /// <summary>
    /// A set of one text's shingles, reused from pair to pair (slots stamped with the pair, never cleared). A text
    /// compared with many others is put in once: which of another text's shingles it holds is then read either way
    /// (<see cref="Members"/>).
    /// </summary>
    internal sealed class CoverageScratch
    {
        private uint[] _keys = new uint[1024];
        private int[] _stamps = new int[1024];
        private int[] _hits = new int[1024];
        private int _stamp, _hitStamp, _mask = 1023;
        private uint[]? _filled;

        public CoverageScratch Fill(uint[] shingles)
        {
            if (ReferenceEquals(shingles, _filled)) return this;
            _filled = shingles;
            if (shingles.Length * 2 > _keys.Length)
            {
                int size = _keys.Length;
                while (shingles.Length * 2 > size) size *= 2;
                _keys = new uint[size];
                _stamps = new int[size];
                _hits = new int[size];
                _mask = size - 1;
                _stamp = _hitStamp = 0;
            }
            if (++_stamp == int.MaxValue) { Array.Clear(_stamps); _stamp = 1; }
            foreach (uint h in shingles)
            {
                int slot = (int)(h * 0x9E3779B1u >> 8) & _mask;
                while (_stamps[slot] == _stamp && _keys[slot] != h) slot = (slot + 1) & _mask;
                _keys[slot] = h;
                _stamps[slot] = _stamp;
            }
            return this;
        }

        public bool Contains(uint h) => Slot(h) >= 0;

        private int Slot(uint h)
        {
            int slot = (int)(h * 0x9E3779B1u >> 8) & _mask;
            while (_stamps[slot] == _stamp)
            {
                if (_keys[slot] == h) return slot;
                slot = (slot + 1) & _mask;
            }
            return -1;
        }

        /// <summary>
        /// Sets <c>into[p]</c> to whether shingle p of <paramref name="x"/> is among <paramref name="y"/>'s: looked up
        /// directly when the set holds y; otherwise the set takes x (unless it holds it already) and y's shingles mark
        /// the ones they meet.
        /// </summary>
        public void Members(uint[] x, uint[] y, Span<bool> into)
        {
            if (ReferenceEquals(y, _filled))
            {
                for (int p = 0; p < x.Length; p++) into[p] = Contains(x[p]);
                return;
            }
            Fill(x);
            if (++_hitStamp == int.MaxValue) { Array.Clear(_hits); _hitStamp = 1; }
            foreach (uint h in y)
            {
                int slot = Slot(h);
                if (slot >= 0) _hits[slot] = _hitStamp;
            }
            for (int p = 0; p < x.Length; p++) into[p] = _hits[Slot(x[p])] == _hitStamp;
        }
    }

    /// <summary>
    /// How much of the shorter text the longer contains: the share of its words (outside its headline) that stand in
    /// the longer text within a run of shingle-size words in the same order; headline words count where the other text
    /// has them. When the longer text has fewer than half of the shorter one's names and numbers anywhere, that share
    /// of names instead (if lower): the same template told of another event is no copy. When neither text's lead
    /// (<see cref="StoryFeatures.LeadStart"/>) is half in the other, the share of the better-kept lead instead (if
    /// lower): a report of its own may reuse the wire's later paragraphs under a lead it wrote. 0 when the shorter text
    /// has fewer than <see cref="MinWords"/> words outside its headline.
    /// </summary>
    /// <remarks>
    /// With <paramref name="enough"/> above 0 the caller only asks whether the measure reaches it: when the names alone
    /// already keep it below (a template told of another event), their share is returned at once, before the words are read.
    /// </remarks>
    public static double Coverage(StoryFeatures a, StoryFeatures b, CoverageScratch? scratch = null, double enough = 0) =>
        Measure(a, b, scratch, enough).Share;

    /// <summary>Words of the shorter text in a passage the other has, from which two texts are copies when they share at least <see cref="LongPassageShare"/> of the shorter one's words.</summary>
    internal const int LongPassage = 90;
    /// <summary>Share of the shorter text's words that two texts sharing <see cref="LongPassage"/> words in order must share to be copies.</summary>
    internal const double LongPassageShare = 0.5;

    /// <summary>
    /// Two texts are copies when the shorter one's <see cref="Coverage"/> reaches the threshold, or when they share a
    /// long passage (<see cref="LongPassage"/> words or more, in runs in the same order) that is half the shorter text
    /// at least: each of two reprints of one wire text may be cut at another place (one keeps the later paragraphs,
    /// the other an added one), so neither contains the other, yet ninety words in the same order are not two
    /// reports of their own, when the longer text has most of the shorter one's names and figures (<see cref="LongPassageNames"/>).
    /// The names and lead checks of <see cref="Coverage"/> hold for both.
    /// </summary>
    internal static bool IsCopy((double Share, int Covered, double Names) m, double threshold) =>
        m.Share >= threshold || m.Covered >= LongPassage && m.Share >= Math.Min(threshold, LongPassageShare) && m.Names >= LongPassageNames;

    /// <summary>
    /// Share of the shorter text's names and figures the longer must have for a long passage in common to make them
    /// copies: a reprint cut at another place keeps most of them; the same template told of another event (another
    /// town, other people and figures) shares its sentences' wording, but half its names at most.
    /// </summary>
    internal const double LongPassageNames = 0.8;

    /// <summary><see cref="Coverage"/>, how many of the shorter text's words it counts as standing in the other, and the share of its names and figures the other has (1 when it has too few).</summary>
    internal static (double Share, int Covered, double Names) Measure(StoryFeatures a, StoryFeatures b, CoverageScratch? scratch = null, double enough = 0)
    {
        var (s, l) = BodyWords(a) <= BodyWords(b) ? (a, b) : (b, a);
        int body = BodyWords(s);
        if (body < MinWords || s.Shingles.Length == 0 || l.Shingles.Length == 0) return (0, 0, 0);
        double names = s.NameHashes.Length >= MinNames ? CopyDetector.Overlap(s.NameHashes, l.NameHashes) / (double)s.NameHashes.Length : 1;
        if (names < NameShare && names < enough) return (names, 0, names); // the measure is at most this
        scratch ??= new CoverageScratch();
        Span<bool> inLonger = s.Shingles.Length <= 4096 ? stackalloc bool[s.Shingles.Length] : new bool[s.Shingles.Length];
        scratch.Members(s.Shingles, l.Shingles, inLonger);
        int k = FeatureExtractor.ShingleSize, headline = s.HeadlineShingles;
        int words = Math.Min(s.Words, s.Shingles.Length + k - 1); // words past a capped text are left out
        int total = 0, covered = 0, coverEnd = 0;
        for (int w = headline; w < words; w++) total++;
        for (int p = 0; p < s.Shingles.Length; p++)
        {
            if (!inLonger[p]) continue;
            for (int w = Math.Max(p, coverEnd), to = p + k; w < to; w++)
            {
                if (w < headline) total++; // headline words count where the other text has them
                covered++;
            }
            coverEnd = p + k;
        }
        double share = total <= 0 ? 0 : covered / (double)total;
        // A copy keeps its original's names and figures; the same template told of another event (another town,
        // other people, other numbers) changes them.
        if (names < NameShare) share = Math.Min(share, names);
        if (share >= LeadShare)
        {
            // A copy keeps the lead: a report of its own that reuses the wire's sentences further down, or quotes the
            // same statement, opens with a sentence of its own.
            Span<bool> inShorter = l.Shingles.Length <= 4096 ? stackalloc bool[l.Shingles.Length] : new bool[l.Shingles.Length];
            scratch.Members(l.Shingles, s.Shingles, inShorter);
            double lead = Math.Max(LeadCovered(s, inLonger), LeadCovered(l, inShorter));
            if (lead < LeadShare) share = Math.Min(share, lead);
        }
        return (Math.Min(1, share), covered, names);
    }

    /// <summary>Share of a lead's words a copy must have (of either text's lead in the other).</summary>
    private const double LeadShare = 0.5;

    /// <summary>Share of <paramref name="x"/>'s lead words that stand in a run of shingle-size words the other text has (<paramref name="inOther"/>, by shingle); 0 without a lead.</summary>
    private static double LeadCovered(StoryFeatures x, ReadOnlySpan<bool> inOther)
    {
        int from = x.LeadStart, to = Math.Min(x.LeadEnd, x.Shingles.Length + FeatureExtractor.ShingleSize - 1);
        if (to <= from) return 0;
        int k = FeatureExtractor.ShingleSize, covered = 0, coverEnd = from;
        for (int p = Math.Max(0, from - k + 1); p < to && p < x.Shingles.Length; p++)
        {
            if (!inOther[p]) continue;
            for (int w = Math.Max(p, coverEnd), end = Math.Min(p + k, to); w < end; w++) covered++;
            coverEnd = Math.Max(coverEnd, p + k);
        }
        return covered / (double)(to - from);
    }

    /// <summary>
    /// The original of a set of copies: an agency's own release (its outlet is the wire service it credits, or a
    /// wire service by name), else the earliest dated, else the longest; ties by position (date, then Id).
    /// </summary>
    public static int Original(IReadOnlyList<StoryFeatures> f, IReadOnlyList<int> set)
    {
        int best = set[0];
        foreach (int i in set.Skip(1))
            if (Better(f[i], f[best])) best = i;
        return best;

        static bool Better(StoryFeatures x, StoryFeatures y)
        {
            bool ax = IsAgency(x.Article), ay = IsAgency(y.Article);
            if (ax != ay) return ax;
            if (x.Ticks != y.Ticks) return x.Ticks < y.Ticks;
            return x.Words > y.Words;
        }
    }

    private static bool IsAgency(Model.NewsArticle a)
    {
        string outlet = a.Outlet?.Trim() ?? "";
        if (outlet.Length == 0) return false;
        if (!WireAgencies.TryResolve(outlet, out string canonical)) return false;
        return string.IsNullOrWhiteSpace(a.Agency) || !WireAgencies.TryResolve(a.Agency, out string credited) || credited == canonical;
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
