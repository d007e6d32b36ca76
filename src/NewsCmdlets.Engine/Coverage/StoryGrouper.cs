using System.Security.Cryptography;
using System.Text;
using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Engine.Coverage;

/// <summary>Settings of <see cref="StoryGrouper"/>.</summary>
public sealed class StoryGroupingOptions
{
    /// <summary>
    /// 0–1; higher = stricter: smaller, tighter stories (so more of them). Two groups of articles become one story
    /// when the average similarity of their articles' pairs reaches it (pairs never compared count as 0).
    /// </summary>
    public double Threshold { get; set; } = DefaultThreshold;

    internal static double DefaultThreshold = 0.12;

    /// <summary>
    /// Articles further apart in time than this are never the same story: no story spans more (copies of one text
    /// excepted: they count as one date, the middle one of theirs). Articles without a date are compared on text alone.
    /// </summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromDays(4);

    /// <summary>
    /// 0–1 share of the shorter text's words that the longer text contains in the same order (runs of four words
    /// or more) from which two texts are copies of one text.
    /// </summary>
    public double CopyThreshold { get; set; } = 0.8;
}

/// <summary>
/// Groups news articles into stories (one real-world event or development each) and finds copies of one text.
/// <see cref="Add"/> computes each article's features as it arrives; <see cref="Group"/> finds candidate pairs through
/// an inverted index of each article's heaviest terms within the time window (never all pairs), scores them, and
/// clusters with average linkage, so a chain of loosely related articles does not collapse into one story.
/// Not thread-safe.
/// </summary>
public sealed class StoryGrouper
{
    /// <summary>Terms of an article put in the candidate index.</summary>
    private const int IndexTerms = 16;
    /// <summary>Candidate pairs must share this many indexed terms before they are scored.</summary>
    private const int MinSharedTerms = 2;
    /// <summary>Share of time-window distance taken off similarity at the window's edge.</summary>
    private const double TimeDecay = 0.2;
    /// <summary>Pairs scored below this share of the threshold are dropped (they count as 0 in averages).</summary>
    private const double Floor = 0.5;
    /// <summary>An article keeps its strongest scored pairs with later articles only, this many: weak links to many articles add little to any average and cost memory.</summary>
    private const int MaxEdges = 16;

    private readonly StoryGroupingOptions _options;
    private readonly TermTable _terms = new();
    private readonly FeatureExtractor _extractor;
    private readonly List<StoryFeatures> _features = new();
    /// <summary>How many of the first features have let go of their shingles (see <see cref="Group"/>).</summary>
    private int _released;
    /// <summary>The articles added, by Id: one article, or a list of those of one Id (the same text from several
    /// outlets or files). Kept by Id alone: a key of Id, outlet and source held a copy of each article's lower-case
    /// outlet name and its source path.</summary>
    private readonly Dictionary<string, object> _ids = new(StringComparer.Ordinal);
    private readonly HashSet<NewsArticle> _unidentified = new(ReferenceEqualityComparer.Instance);

    public StoryGrouper(StoryGroupingOptions? options = null)
    {
        _options = options ?? new StoryGroupingOptions();
        if (!(_options.Threshold is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(options), _options.Threshold, "Threshold must be between 0 and 1.");
        if (!(_options.CopyThreshold is > 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(options), _options.CopyThreshold, "CopyThreshold must be above 0 and at most 1.");
        if (_options.Window <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(options), _options.Window, "Window must be positive.");
        _extractor = new FeatureExtractor(_terms);
    }

    /// <summary>
    /// Computes the article's features now and keeps the article. An article whose Id, outlet and source were added
    /// before (the same article imported twice) is ignored; the same text from another outlet or file is kept, since
    /// it is another publication (article Ids hash only title and body).
    /// </summary>
    public void Add(NewsArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        bool isNew = string.IsNullOrEmpty(article.Id) ? _unidentified.Add(article) : AddId(article);
        if (isNew) _features.Add(_extractor.Extract(article));
    }

    /// <summary>Whether no article of the same Id, outlet (in lower case) and source was added before; if so, notes this one.</summary>
    private bool AddId(NewsArticle article)
    {
        ref var seen = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_ids, article.Id, out bool exists);
        if (!exists)
        {
            seen = article;
            return true;
        }
        string outlet = OutletName.Of(article).ToLowerInvariant(), source = article.Source ?? "";
        bool Same(NewsArticle other) =>
            string.Equals(OutletName.Of(other).ToLowerInvariant(), outlet, StringComparison.Ordinal) && other.HasSource(source);
        if (seen is NewsArticle one)
        {
            if (Same(one)) return false;
            seen = new List<NewsArticle> { one, article };
            return true;
        }
        var list = (List<NewsArticle>)seen!;
        foreach (var other in list) if (Same(other)) return false;
        list.Add(article);
        return true;
    }

    /// <summary>Articles added (an article added twice counted once).</summary>
    public int Count => _features.Count;

    /// <summary>
    /// Groups everything added; stories ordered by FirstPublished (nulls last) then Id; <paramref name="progress"/>
    /// (articles done, total) is called on the calling thread and may be null.
    /// </summary>
    public IReadOnlyList<NewsStory> Group(CancellationToken cancel = default, Action<int, int>? progress = null)
    {
        cancel.ThrowIfCancellationRequested();
        var f = Canonical(_features);
        int n = f.Length;
        if (n == 0) return Array.Empty<NewsStory>();
        progress?.Invoke(0, n);

        // Shingles are read only to find copies, and are a third of the features' memory: they are let go once the
        // copies are found, so the clustering does not hold them too, and read again from the article if Group is called again.
        for (int i = 0; i < _released; i++)
        {
            var again = _extractor.Extract(_features[i].Article);
            _features[i].Shingles = again.Shingles;
            _features[i].NameHashes = again.NameHashes;
        }
        _released = 0;
        // What reading the articles' features let go (their decoded text, the tokens) goes back before the copy index
        // is built beside the shingles: at 100,000 articles the copy detection was the highest point of Group.
        ReturnMemory(n);
        int[] copyRoot = CopyDetector.Find(f, _options.CopyThreshold, _options.Window, cancel, out int maxCopyCandidates);
        foreach (var x in _features)
        {
            x.Shingles = Array.Empty<uint>();
            x.NameHashes = Array.Empty<uint>();
        }
        _released = _features.Count;
        ReturnMemory(n);
        cancel.ThrowIfCancellationRequested();
        var edges = Edges(f, cancel, progress);
        Statistics.MaxCopyCandidates = maxCopyCandidates;
        var cluster = Cluster(f, edges, copyRoot, cancel);
        ReturnMemory(n);

        var members = new Dictionary<int, List<int>>();
        for (int i = 0; i < n; i++)
        {
            if (!members.TryGetValue(cluster[i], out var list)) members[cluster[i]] = list = new List<int>();
            list.Add(i);
        }
        var stories = new List<NewsStory>(members.Count);
        foreach (var list in members.Values)
        {
            if ((stories.Count & 255) == 0) cancel.ThrowIfCancellationRequested();
            stories.Add(BuildStory(f, list, copyRoot, _terms));
        }
        stories.Sort(CompareStories);
        progress?.Invoke(n, n);
        return stories;
    }

    /// <summary>
    /// Treats the given articles as one story (copy detection and story metadata only, no clustering; copies are found
    /// whatever their dates). An article given twice is taken once, as by <see cref="Add"/>.
    /// </summary>
    public static NewsStory AsOneStory(IReadOnlyList<NewsArticle> articles, StoryGroupingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(articles);
        var grouper = new StoryGrouper(options);
        foreach (var a in articles) if (a != null) grouper.Add(a);
        var f = Canonical(grouper._features);
        if (f.Length == 0) return new NewsStory { Id = StoryId(Array.Empty<string>()) };
        int[] copyRoot = CopyDetector.Find(f, grouper._options.CopyThreshold, TimeSpan.MaxValue, CancellationToken.None);
        return BuildStory(f, Enumerable.Range(0, f.Length).ToList(), copyRoot, grouper._terms);
    }

    /// <summary>Piles from this many articles on collect what a step of <see cref="Group"/> let go before the next one allocates.</summary>
    private const int CollectFrom = 20_000;

    /// <summary>
    /// What one step of a large <see cref="Group"/> let go (the copy index and the shingles, the scored pairs, the
    /// links) is long-lived, so only a full collection frees it, and without one the runtime grows the heap instead:
    /// at 100,000 articles no full collection ran during Group and the heap grew by all of it. One full, compacting
    /// collection after each such step, handing the freed memory back to the system (the working set otherwise keeps
    /// it), costs a fraction of a second there; small piles (an interactive call) skip it.
    /// </summary>
    private static void ReturnMemory(int n)
    {
        if (n >= CollectFrom) GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    // ---- order -------------------------------------------------------------------------------------------------

    /// <summary>Articles by date (undated last), then Id: every later step works in this order, so the result does not depend on the order of Add.</summary>
    private static StoryFeatures[] Canonical(List<StoryFeatures> features)
    {
        var f = features.ToArray();
        var index = new Dictionary<StoryFeatures, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < f.Length; i++) index[f[i]] = i;
        Array.Sort(f, (a, b) =>
        {
            int c = a.Ticks.CompareTo(b.Ticks);
            if (c != 0) return c;
            c = string.CompareOrdinal(a.Article.Id, b.Article.Id);
            return c != 0 ? c : index[a].CompareTo(index[b]);
        });
        return f;
    }

    private static int CompareStories(NewsStory a, NewsStory b)
    {
        if (a.FirstPublished != b.FirstPublished)
        {
            if (a.FirstPublished == null) return 1;
            if (b.FirstPublished == null) return -1;
            int c = a.FirstPublished.Value.UtcTicks.CompareTo(b.FirstPublished.Value.UtcTicks);
            if (c != 0) return c;
        }
        return string.CompareOrdinal(a.Id, b.Id);
    }

    // ---- similarity --------------------------------------------------------------------------------------------


    /// <summary>
    /// Similarity of two articles: the cosine of their weight vectors (word rarity from the background table, names,
    /// headline and lead weighted up), cut down when both name people, places and figures and share almost none of
    /// them: reports of one kind of event share their wording and differ in who, where and how many, so two bridge
    /// collapses in two towns stay apart however alike their sentences.
    /// </summary>
    internal static double Similarity(StoryFeatures a, StoryFeatures b)
    {
        TermEntry[] va = a.Vector, vb = b.Vector;
        int i = 0, j = 0;
        double dot = 0, entity = 0;
        while (i < va.Length && j < vb.Length)
        {
            int x = va[i].Id, y = vb[j].Id;
            if (x == y)
            {
                double p = va[i].Weight * vb[j].Weight;
                dot += p;
                if (va[i].IsName && vb[j].IsName) entity += p;
                i++; j++;
            }
            else if (x < y) i++;
            else j++;
        }
        return Combine(dot, entity, a.NameNorm, b.NameNorm);
    }

    /// <summary>Below this cosine over names, two articles that both name people and places share almost none of them.</summary>
    private const double NoSharedNames = 0.05;
    /// <summary>An article whose names carry at least this share of its weight (L2) "names people and places".</summary>
    private const double NamedArticle = 0.5;

    private static double Combine(double dot, double entityDot, float normA, float normB)
    {
        if (normA < NamedArticle || normB < NamedArticle) return dot;
        // Two articles that both name people, places and organisations, and share almost none of them, are about two
        // events however alike their sentences and figures (one template, two towns).
        double entityCos = Math.Min(1, entityDot / (normA * (double)normB));
        return entityCos < NoSharedNames ? dot * entityCos / NoSharedNames : dot;
    }

    // ---- candidate pairs ---------------------------------------------------------------------------------------

    internal readonly record struct Edge(int A, int B, float Sim);

    /// <summary>
    /// Scored pairs (A &lt; B) whose similarity is at least a share of the threshold. Candidates share at least
    /// <see cref="MinSharedTerms"/> of their heaviest terms and lie within the time window. Which terms an article
    /// indexes depends on the article alone. The work an article costs is bounded whatever the pile: each indexed term's
    /// list is followed to the nearest <see cref="MaxWalk"/> later articles only, and of the articles found only the
    /// <see cref="MaxCandidates"/> that share the heaviest of its indexed terms are scored (a feature carried by hundreds
    /// of articles in a few days carries little weight; an event's own reports share its rare names and lead).
    /// </summary>
    private Edge[]?[] Edges(StoryFeatures[] f, CancellationToken cancel, Action<int, int>? progress)
    {
        int n = f.Length;
        // Each article's indexed terms, flat, as places in its vector (heaviest first): article i's are
        // [i * IndexTerms, i * IndexTerms + topCount[i]).
        var topAt = new byte[(long)n * IndexTerms];
        var topCount = new byte[n];
        var order = new List<(float W, int Term, byte At)>();
        var postingCount = new int[_terms.Count + 1];
        for (int i = 0; i < n; i++)
        {
            order.Clear();
            var v = f[i].Vector;
            for (int k = 0; k < v.Length; k++) order.Add((v[k].Weight, v[k].Id, (byte)k));
            order.Sort((a, b) => a.W != b.W ? b.W.CompareTo(a.W) : a.Term.CompareTo(b.Term));
            int count = Math.Min(IndexTerms, order.Count);
            for (int k = 0; k < count; k++)
            {
                topAt[i * IndexTerms + k] = order[k].At;
                postingCount[order[k].Term + 1]++;
            }
            topCount[i] = (byte)count;
        }
        // Posting lists in one array (articles ascending within a term): term t's are [start[t], start[t + 1]).
        var start = postingCount;
        for (int t = 1; t < start.Length; t++) start[t] += start[t - 1];
        var postings = new int[start[^1]];
        var fill = new int[_terms.Count];
        for (int i = 0; i < n; i++)
            for (int k = 0; k < topCount[i]; k++)
            {
                int term = f[i].Vector[topAt[i * IndexTerms + k]].Id;
                postings[start[term] + fill[term]++] = i;
            }
        fill = null;
        // The vectors scored are the features' own (one array of 8 bytes a term each, the name flag in the top bit):
        // a copy of them all in one block read a little faster and cost 72 MB at 100,000 articles.
        var nameNorm = new float[n];
        for (int i = 0; i < n; i++) nameNorm[i] = f[i].NameNorm;
        var index = new CandidateIndex(topAt, topCount, postings, start, nameNorm);

        long window = _options.Window.Ticks;
        double floor = Math.Max(0.02, _options.Threshold * Floor);
        var found = new Edge[]?[n];
        var ticks = f.Select(x => x.Ticks).ToArray();
        int firstUndated = Array.FindIndex(ticks, t => t == long.MaxValue);
        if (firstUndated < 0) firstUndated = n;

        const int chunk = 2048;
        var pool = new System.Collections.Concurrent.ConcurrentBag<CandidateScratch>(); // one counter array per worker, reused
        var parallel = new ParallelOptions { CancellationToken = cancel, MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount) };
        for (int begin = 0; begin < n; begin += chunk)
        {
            cancel.ThrowIfCancellationRequested();
            int end = Math.Min(n, begin + chunk);
            Parallel.For(begin, end, parallel, () => pool.TryTake(out var s) ? s : new CandidateScratch(n, _terms.Count), (i, _, s) =>
            {
                found[i] = Candidates(i, f, index, ticks, firstUndated, window, floor, s);
                return s;
            }, pool.Add);
            progress?.Invoke(end, n);
        }
        var stats = new GroupingStatistics();
        foreach (var s in pool)
        {
            stats.MaxCandidatesScored = Math.Max(stats.MaxCandidatesScored, s.MaxScored);
            stats.CandidatesScored += s.Scored;
            stats.MaxCandidatesFound = Math.Max(stats.MaxCandidatesFound, s.MaxFound);
        }
        Statistics = stats;
        index = null;
        ReturnMemory(n); // the vectors' block goes before the links are built
        return found; // each article's pairs as they are: copied into one list they were held twice at once
    }

    /// <summary>Each article's indexed terms (flat, <see cref="IndexTerms"/> slots an article, each a place in its vector) and the terms' posting lists (flat, by term).</summary>
    private sealed record CandidateIndex(byte[] TopAt, byte[] TopCount, int[] Postings, int[] Start, float[] NameNorm);

    /// <summary>Later articles sharing an indexed term followed per article and term (the nearest in time; a feature hundreds of articles of a few days carry says little about which of them report one event).</summary>
    internal const int MaxWalk = 64;
    /// <summary>Undated articles sharing a term looked at per article and term (they have no time window to bound them).</summary>
    private const int MaxUndatedScan = 500;
    /// <summary>Candidates scored per article: those sharing the heaviest of its indexed terms.</summary>
    internal const int MaxCandidates = 96;

    /// <summary>What the last <see cref="Group"/> did, for tests and the benchmark: how many candidate pairs it scored.</summary>
    internal GroupingStatistics Statistics { get; private set; } = new();

    internal sealed class GroupingStatistics
    {
        /// <summary>Most candidates found for one article (sharing enough indexed terms), before the bound.</summary>
        public int MaxCandidatesFound { get; set; }
        /// <summary>Most candidates scored for one article.</summary>
        public int MaxCandidatesScored { get; set; }
        /// <summary>Candidate pairs scored in all.</summary>
        public long CandidatesScored { get; set; }
        /// <summary>Most later articles the copy detector looked at for one article.</summary>
        public int MaxCopyCandidates { get; set; }
    }

    private sealed class CandidateScratch(int n, int terms)
    {
        /// <summary>The article's weights spread out by term id: [2t] its weight of term t, [2t + 1] the same when t is one of its names, else 0 (side by side: one cache line a term).</summary>
        public readonly float[] Dense = new float[2 * terms];
        public readonly int[] Shared = new int[n];
        /// <summary>Sum of the article's weights of the indexed terms a later article shares, by position.</summary>
        public readonly float[] Weight = new float[n];
        public readonly List<int> Touched = new();
        public readonly List<(float Weight, int J)> Chosen = new();
        public float[] Keys = new float[256];
        public readonly List<int> Ties = new();
        public readonly List<Edge> Edges = new();
        public int MaxFound, MaxScored;
        public long Scored;
    }

    /// <summary>Keeps the <see cref="MaxCandidates"/> candidates of the largest weight (ties by position), in no particular order.</summary>
    private static void KeepHeaviest(List<(float Weight, int J)> chosen, CandidateScratch s)
    {
        int count = chosen.Count;
        if (s.Keys.Length < count) s.Keys = new float[Math.Max(count, 2 * s.Keys.Length)];
        for (int c = 0; c < count; c++) s.Keys[c] = chosen[c].Weight;
        float cut = Select(s.Keys, count, count - MaxCandidates); // the weight of the last one kept
        int write = 0;
        s.Ties.Clear();
        for (int c = 0; c < count; c++)
        {
            if (chosen[c].Weight > cut) chosen[write++] = chosen[c];
            else if (chosen[c].Weight == cut) s.Ties.Add(chosen[c].J);
        }
        s.Ties.Sort();
        for (int t = 0; write < MaxCandidates; t++) chosen[write++] = (cut, s.Ties[t]);
        chosen.RemoveRange(write, count - write);
    }

    /// <summary>The value that would stand at <paramref name="k"/> if the first <paramref name="count"/> keys were sorted ascending (quickselect: linear on average; the keys are reordered).</summary>
    internal static float Select(float[] keys, int count, int k)
    {
        int lo = 0, hi = count - 1;
        while (lo < hi)
        {
            int mid = lo + (hi - lo) / 2;
            // Median of three as the pivot.
            if (keys[mid] < keys[lo]) (keys[mid], keys[lo]) = (keys[lo], keys[mid]);
            if (keys[hi] < keys[lo]) (keys[hi], keys[lo]) = (keys[lo], keys[hi]);
            if (keys[hi] < keys[mid]) (keys[hi], keys[mid]) = (keys[mid], keys[hi]);
            float pivot = keys[mid];
            int a = lo, b = hi;
            while (a <= b)
            {
                while (keys[a] < pivot) a++;
                while (keys[b] > pivot) b--;
                if (a <= b) { (keys[a], keys[b]) = (keys[b], keys[a]); a++; b--; }
            }
            if (k <= b) hi = b;
            else if (k >= a) lo = a;
            else return keys[k];
        }
        return keys[k];
    }

    private static Edge[] Candidates(int i, StoryFeatures[] f, CandidateIndex index,
        long[] ticks, int firstUndated, long window, double floor, CandidateScratch s)
    {
        bool dated = ticks[i] != long.MaxValue;
        var postings = index.Postings;
        int topI = index.TopCount[i];
        var vi = f[i].Vector;
        for (int k = 0; k < topI; k++)
        {
            ref readonly var top = ref vi[index.TopAt[i * IndexTerms + k]];
            int term = top.Id;
            float weight = top.Weight;
            int from = index.Start[term], to = index.Start[term + 1];
            int p = Array.BinarySearch(postings, from, to - from, i) + 1, undated = 0, walked = 0;
            for (; p < to; p++)
            {
                int j = postings[p];
                if (j < firstUndated && (ticks[j] - ticks[i] > window || ++walked > MaxWalk))
                {
                    // Past the window (or the nearest articles of a common term): skip to the undated articles,
                    // compared on text alone.
                    int u = Array.BinarySearch(postings, p, to - p, firstUndated);
                    p = (u < 0 ? ~u : u) - 1;
                    continue;
                }
                // Undated articles have no window to bound them: only the nearest few hundred of a term are looked at.
                if (j >= firstUndated && ++undated > MaxUndatedScan) break;
                if (s.Shared[j]++ == 0) s.Touched.Add(j);
                s.Weight[j] += weight;
            }
        }
        // Candidates: the later articles sharing enough indexed terms; when there are many, those sharing the heaviest.
        var chosen = s.Chosen;
        foreach (int j in s.Touched)
        {
            int shared = s.Shared[j];
            float w = s.Weight[j];
            s.Shared[j] = 0;
            s.Weight[j] = 0;
            if (shared >= Math.Max(1, Math.Min(MinSharedTerms, Math.Min(topI, (int)index.TopCount[j])))) chosen.Add((w, j));
        }
        s.Touched.Clear();
        s.MaxFound = Math.Max(s.MaxFound, chosen.Count);
        if (chosen.Count > MaxCandidates) KeepHeaviest(chosen, s);
        s.MaxScored = Math.Max(s.MaxScored, chosen.Count);
        s.Scored += chosen.Count;

        // The article's weights spread out by term id, so each candidate's similarity is one pass over its terms.
        var dense = s.Dense;
        foreach (var e in vi)
        {
            dense[2 * e.Id] = e.Weight;
            if (e.IsName) dense[2 * e.Id + 1] = e.Weight;
        }
        var norms = index.NameNorm;
        foreach (var (_, j) in chosen)
        {
            double sim = 0, entity = 0;
            var vj = f[j].Vector;
            if (norms[i] >= NamedArticle && norms[j] >= NamedArticle)
            {
                // Both name people and places: Combine needs the names' share too. Branch-free: a term that is not
                // one of j's names adds exactly 0 (the product times 0), so the sums are those of Similarity.
                foreach (var e in vj)
                {
                    int t = 2 * (e.Packed & TermEntry.IdMask);
                    float w = e.Weight;
                    sim += dense[t] * w;
                    entity += dense[t + 1] * w * (int)((uint)e.Packed >> 31);
                }
            }
            else
            {
                foreach (var e in vj) sim += dense[2 * (e.Packed & TermEntry.IdMask)] * e.Weight; // Combine ignores names here
            }
            sim = Combine(sim, entity, norms[i], norms[j]);
            if (dated && ticks[j] != long.MaxValue)
                sim *= 1 - TimeDecay * Math.Min(1, (ticks[j] - ticks[i]) / (double)window);
            if (sim >= floor) s.Edges.Add(new Edge(i, j, (float)sim));
        }
        chosen.Clear();
        foreach (var e in vi) dense[2 * e.Id] = dense[2 * e.Id + 1] = 0;
        if (s.Edges.Count == 0) return Array.Empty<Edge>();
        var result = s.Edges.ToArray();
        s.Edges.Clear();
        if (result.Length > MaxEdges)
        {
            // The strongest pairs only: weak links to many articles add little to any average and cost memory.
            Array.Sort(result, (a, b) => a.Sim != b.Sim ? b.Sim.CompareTo(a.Sim) : a.B.CompareTo(b.B));
            Array.Resize(ref result, MaxEdges);
        }
        Array.Sort(result, (a, b) => a.B.CompareTo(b.B));
        return result;
    }

    // ---- clustering --------------------------------------------------------------------------------------------

    /// <summary>
    /// Average-linkage agglomerative clustering over the scored pairs: the two groups whose average pair similarity
    /// (the sum of their pairs' similarities over the number of all pairs between them, pairs never scored counting 0)
    /// is highest merge first, while it reaches the threshold, the merged group spans no more than the window (an
    /// undated article may join a group but never bridges two dated ones further apart), and the two groups are not
    /// two events of one kind (<see cref="GroupNames.DistinctEvents"/>). Copies of one text start in one group. Every decision
    /// depends only on the two groups involved, so articles that join none of an event's groups do not change how the
    /// event is grouped. Returns each article's group.
    /// </summary>
    private int[] Cluster(StoryFeatures[] f, Edge[]?[] edges, int[] copyRoot, CancellationToken cancel)
    {
        int n = f.Length;
        var links = new GroupLinks(n, edges); // lets go of the pairs as it reads them
        ReturnMemory(n);
        var uf = new UnionFind(n);
        var size = new int[n];
        var minTicks = new long[n];
        var maxTicks = new long[n];
        var version = new int[n];
        var names = new GroupNames(f, _terms.Head, _terms.Display);
        for (int i = 0; i < n; i++)
        {
            size[i] = 1;
            minTicks[i] = f[i].HasDate ? f[i].Ticks : long.MaxValue;
            maxTicks[i] = f[i].HasDate ? f[i].Ticks : long.MinValue;
        }

        int Merge(int a, int b, bool copies)
        {
            int ra = uf.Find(a), rb = uf.Find(b);
            if (ra == rb) return ra;
            int root = uf.Union(ra, rb), other = root == ra ? rb : ra;
            size[root] += size[other];
            minTicks[root] = Math.Min(minTicks[root], minTicks[other]);
            maxTicks[root] = Math.Max(maxTicks[root], maxTicks[other]);
            version[root]++;
            version[other]++;
            names.Merge(root, other, copies);
            links.Merge(root, other);
            return root;
        }

        for (int i = 0; i < n; i++)
            if (copyRoot[i] != i) Merge(copyRoot[i], i, copies: true);
        // Each set of copies speaks with its original's names.
        Dictionary<int, List<int>>? copySets = null;
        for (int i = 0; i < n; i++)
        {
            if (copyRoot[i] == i) continue;
            copySets ??= new();
            if (!copySets.TryGetValue(copyRoot[i], out var set)) copySets[copyRoot[i]] = set = new List<int> { copyRoot[i] };
            set.Add(i);
        }
        if (copySets != null)
            foreach (var (first, set) in copySets) names.SpeakAs(uf.Find(first), CopyDetector.Original(f, set));
        CopyDates(f, copyRoot, uf, minTicks, maxTicks);
        // Joining the copies left most of the links' room unused: packed again before the merges add what they hold.
        if (links.Compact()) ReturnMemory(n);

        long window = _options.Window.Ticks;
        double threshold = _options.Threshold;
        // Max-heap of candidate merges by average link, ties by the smaller root, then the larger (a total order, so
        // the result does not depend on the order of input). The two roots are in the priority only (an entry takes 24
        // bytes, not 32 with them again in the element: up to 176,000 entries at 100,000 articles), beside the
        // versions they had when the entry was made.
        var heap = new PriorityQueue<(int VA, int VB), (double Score, int A, int B)>(
            Comparer<(double Score, int A, int B)>.Create((x, y) => x.Score != y.Score ? y.Score.CompareTo(x.Score) : x.A != y.A ? x.A.CompareTo(y.A) : x.B.CompareTo(y.B)));
        void Push(int ra, int rb)
        {
            if (ra == rb) return;
            if (rb < ra) (ra, rb) = (rb, ra);
            double score = links.Sum(ra, rb) / ((double)size[ra] * size[rb]);
            if (score < threshold) return;
            long lo = Math.Min(minTicks[ra], minTicks[rb]), hi = Math.Max(maxTicks[ra], maxTicks[rb]);
            if (lo != long.MaxValue && hi != long.MinValue && hi - lo > window) return;
            if (names.DistinctEvents(ra, rb)) return;
            heap.Enqueue((version[ra], version[rb]), (score, ra, rb));
        }
        for (int i = 0; i < n; i++)
        {
            if (uf.Find(i) != i) continue;
            foreach (int c in links.Neighbours(i)) if (i < c) Push(i, c);
        }
        int step = 0;
        while (heap.TryDequeue(out var v, out var m))
        {
            if ((++step & 4095) == 0) cancel.ThrowIfCancellationRequested();
            if (version[m.A] != v.VA || version[m.B] != v.VB) continue; // one of them has merged since
            int root = Merge(m.A, m.B, copies: false);
            foreach (int c in links.Neighbours(root)) Push(root, c);
        }
        var result = new int[n];
        for (int i = 0; i < n; i++) result[i] = uf.Find(i);
        return result;
    }

    /// <summary>
    /// A set of copies of one text counts one date in the window, the middle one of its dated copies: a page that
    /// gives a copy a wrong date (a day of the site's own, a republication) does not stretch its story.
    /// </summary>
    private static void CopyDates(StoryFeatures[] f, int[] copyRoot, UnionFind uf, long[] minTicks, long[] maxTicks)
    {
        Dictionary<int, List<long>>? sets = null;
        for (int i = 0; i < f.Length; i++)
        {
            if (copyRoot[i] == i || !f[i].HasDate) continue;
            sets ??= new();
            if (!sets.TryGetValue(copyRoot[i], out var dates))
            {
                sets[copyRoot[i]] = dates = new List<long>();
                if (f[copyRoot[i]].HasDate) dates.Add(f[copyRoot[i]].Ticks);
            }
            dates.Add(f[i].Ticks);
        }
        if (sets == null) return;
        foreach (var (root, dates) in sets)
        {
            dates.Sort();
            int r = uf.Find(root);
            minTicks[r] = maxTicks[r] = dates[(dates.Count - 1) / 2];
        }
    }

    /// <summary>
    /// The names of each group as the clustering merges groups: for each name, how many of the group's voices (an
    /// article, or a set of copies of one text counted once) mention it, and how many lead with it (headline,
    /// standfirst, first paragraphs).
    /// </summary>
    private sealed class GroupNames
    {
        /// <summary>The larger group must have this many voices, the smaller this many, before they can be told apart by their names.</summary>
        private const int LargerVoices = 5, SmallerVoices = 3;
        /// <summary>Share of a group's voices that must mention a name for it to be the group's own.</summary>
        private const double Share = 0.5;
        /// <summary>A group of at most this many voices is told from a story of <see cref="FigureStoryVoices"/> or more by its headline figure (<see cref="OtherFigure"/>).</summary>
        private const int FigureVoices = 2, FigureStoryVoices = 3;
        /// <summary>Share of a story's voices whose headlines must give a figure for it to be the story's figure.</summary>
        private const double FigureShare = 0.75;

        private readonly StoryFeatures[] _f;
        private readonly Dictionary<int, int>?[] _mentions, _leads;
        /// <summary>For each group, how many of its voices give each figure in their headline (<see cref="TermKind.HeadlineFigure"/>).</summary>
        private readonly Dictionary<int, int>?[] _figures;
        private readonly int[] _voices;
        /// <summary>Whether a group's counts are in the dictionaries yet: an article alone keeps none (its names are in its features), so a pile of mostly lone articles costs no dictionary each.</summary>
        private readonly bool[] _counted;
        /// <summary>
        /// Whose features speak for a group not counted yet: the article itself, or for a set of copies its original
        /// (<see cref="SpeakAs"/>). A set of copies is one voice, like an article alone, so it too keeps no dictionary
        /// until a decision needs one (at 100,000 articles, 20,000 sets of copies held three each, most never read).
        /// </summary>
        private readonly int[] _speaker;

        /// <summary>By term id, the last word of a name of several words (else -1): <see cref="TermTable.Head"/>.</summary>
        private readonly List<int> _head;
        /// <summary>Each group's articles as a chain: the next article of its group (-1 at the end), and from a group's first article its last.</summary>
        private readonly int[] _next, _last;

        /// <summary>By term id, a name's display form (see <see cref="TermTable.Display"/>).</summary>
        private readonly List<string?> _display;

        public GroupNames(StoryFeatures[] f, List<int> head, List<string?> display)
        {
            _display = display;
            int n = f.Length;
            _f = f;
            _head = head;
            _next = new int[n];
            _last = new int[n];
            for (int i = 0; i < n; i++) { _next[i] = -1; _last[i] = i; }
            _mentions = new Dictionary<int, int>?[n];
            _leads = new Dictionary<int, int>?[n];
            _figures = new Dictionary<int, int>?[n];
            _voices = new int[n];
            _counted = new bool[n];
            Array.Fill(_voices, 1);
            _speaker = new int[n];
            for (int i = 0; i < n; i++) _speaker[i] = i;
        }

        private void Count(int i)
        {
            if (_counted[i]) return;
            _counted[i] = true;
            Fill(i, _f[_speaker[i]]);
        }

        /// <summary>Group <paramref name="slot"/> mentions the names of <paramref name="a"/> (and leads with its lead names) and gives its headline figures, once each.</summary>
        private void Fill(int slot, StoryFeatures a)
        {
            foreach (var e in a.Vector)
            {
                var kind = e.Kind;
                if ((kind & TermKind.HeadlineFigure) != 0) (_figures[slot] ??= new())[e.Id] = 1;
                if ((kind & TermKind.Name) == 0) continue;
                (_mentions[slot] ??= new())[e.Id] = 1;
                if ((kind & TermKind.Lead) != 0) (_leads[slot] ??= new())[e.Id] = 1;
            }
        }

        /// <summary>Adds <paramref name="other"/>'s counts to <paramref name="root"/>'s; copies of one text are one voice (see <see cref="SpeakAs"/>).</summary>
        public void Merge(int root, int other, bool copies)
        {
            if (!copies)
            {
                Count(root);
                Count(other);
                Add(_mentions, root, other);
                Add(_leads, root, other);
                Add(_figures, root, other);
                _voices[root] += _voices[other];
            }
            _next[_last[root]] = other;
            _last[root] = _last[other];
        }

        /// <summary>Whether any article of group <paramref name="g"/> has the term at all, as a name or as a plain word ("Bank" in one report is "the bank" in another).</summary>
        private bool Uses(int g, int term)
        {
            for (int i = g; i >= 0; i = _next[i])
                if (TermEntry.IndexOf(_f[i].Vector, term) >= 0) return true;
            return false;
        }

        private static void Add(Dictionary<int, int>?[] d, int root, int other)
        {
            if (d[other] == null) return;
            var into = d[root] ??= new();
            foreach (var (t, c) in d[other]!) into[t] = into.GetValueOrDefault(t) + c;
            d[other] = null;
        }

        /// <summary>
        /// A set of copies of one text (group <paramref name="root"/>, its copies joined) speaks once, with its
        /// original's names (<see cref="CopyDetector.Original"/>): each reprint may be cut at another place, and the
        /// names of all its pieces together would speak for more than one text.
        /// </summary>
        public void SpeakAs(int root, int original)
        {
            _mentions[root] = null;
            _leads[root] = null;
            _figures[root] = null;
            _counted[root] = false;
            _speaker[root] = original; // counted from the original's features when first needed
        }

        /// <summary>
        /// Two established groups that each have a name of their own (one that most of its voices mention and some
        /// lead with, and that no article of the other group mentions at all) report two events of one kind
        /// ("Klitschko beats A in Mannheim" and "Klitschko beats B in Bern"), however alike their words, when one of
        /// them has two such names at least: one differing word each (the street one set of outlets names, the village
        /// another names) is a detail the outlets chose, not another event. A group of one or two voices is told from a
        /// story by its headline figure instead (<see cref="OtherFigure"/>): it has too few voices for names of its own.
        /// </summary>
        public bool DistinctEvents(int a, int b)
        {
            int small = _voices[a] <= _voices[b] ? a : b, large = small == a ? b : a;
            if (_voices[small] <= FigureVoices) return _voices[large] >= FigureStoryVoices && OtherFigure(large, small);
            if (_voices[large] < LargerVoices || _voices[small] < SmallerVoices) return false;
            int ownA = OwnNames(a, b, 2);
            if (ownA == 0) return false;
            int ownB = OwnNames(b, a, 2);
            return ownB > 0 && ownA + ownB >= 3;
        }

        /// <summary>
        /// Whether <paramref name="joiner"/> (one or two voices) reports another event of the kind <paramref name="story"/>
        /// reports: the story's headlines give a figure (most of its voices: a quake's magnitude, a flight's toll) that
        /// the joiner does not have at all, and the joiner's headline gives a figure that no article of the story has
        /// ("5.9 quake strikes the peninsula" beside a story of a 7.1 quake there). A figure a report updates (a rising
        /// toll) is in its story's other articles or not in most of its headlines, and a report that does not give a
        /// figure in its headline is not told apart this way.
        /// </summary>
        private bool OtherFigure(int story, int joiner)
        {
            if (_counted[joiner] ? _figures[joiner] == null : !_f[_speaker[joiner]].HasHeadlineFigure) return false;
            Count(story);
            var fs = _figures[story];
            if (fs == null) return false;
            bool storyFigure = false;
            foreach (var (t, c) in fs)
                if (c >= FigureShare * _voices[story] && !Uses(joiner, t)) { storyFigure = true; break; }
            if (!storyFigure) return false;
            if (!_counted[joiner])
            {
                // An article alone (or a set of copies, one voice): its speaker's headline figures, read from its
                // features (no dictionary made for it).
                var a = _f[_speaker[joiner]];
                foreach (var e in a.Vector)
                    if ((e.Kind & TermKind.HeadlineFigure) != 0 && !Uses(story, e.Id)) return true;
                return false;
            }
            var fj = _figures[joiner];
            if (fj == null) return false;
            foreach (var (t, c) in fj)
                if (c >= Share * _voices[joiner] && !Uses(story, t)) return true;
            return false;
        }

        /// <summary>
        /// How many names of its own group <paramref name="x"/> has against <paramref name="y"/> (counted up to
        /// <paramref name="max"/>), names that share a word counted once ("Dean Smith", "Smith Center").
        /// </summary>
        private int OwnNames(int x, int y, int max)
        {
            Count(x);
            Count(y);
            var lx = _leads[x];
            if (lx == null) return 0;
            var mx = _mentions[x]!;
            var my = _mentions[y];
            int found = 0, first = -1;
            foreach (var t in lx.Keys)
            {
                if (mx[t] < Share * _voices[x] || my != null && my.ContainsKey(t)) continue;
                // Not its own when the other group has the word at all, or, for a name of several words, its last
                // word: "Unemployed Liesel Wyneri" and "Liesel Wyneri", "Dorham Central Fire Department" and "the fire department".
                if (Uses(y, t) || _head[t] >= 0 && Uses(y, _head[t])) continue;
                if (found == 1 && ShareAWord(first, t)) continue;
                if (found++ == 0) first = t;
                if (found >= max) break;
            }
            return found;
        }

        /// <summary>Whether two names have a word in common ("Smith" and "Smith Center"), compared without allocating.</summary>
        private bool ShareAWord(int s, int t)
        {
            string? a = _display[s], b = _display[t];
            if (a == null || b == null) return false;
            var restA = a.AsSpan();
            while (NextWord(ref restA) is { IsEmpty: false } w)
            {
                var restB = b.AsSpan();
                while (NextWord(ref restB) is { IsEmpty: false } v)
                    if (w.Equals(v, StringComparison.OrdinalIgnoreCase)) return true;
            }
            return false;
        }

        /// <summary>The next word of <paramref name="rest"/> (between separators), which moves past it; empty at the end.</summary>
        private static ReadOnlySpan<char> NextWord(ref ReadOnlySpan<char> rest)
        {
            int start = 0;
            while (start < rest.Length && NameSeparators.Contains(rest[start])) start++;
            int end = start;
            while (end < rest.Length && !NameSeparators.Contains(rest[end])) end++;
            var word = rest[start..end];
            rest = rest[end..];
            return word;
        }

        private const string NameSeparators = " -\u2019'.";
    }

    // ---- stories -----------------------------------------------------------------------------------------------

    /// <summary>Builds a story from article positions in canonical order (so members are earliest first, undated last).</summary>
    private static NewsStory BuildStory(StoryFeatures[] f, List<int> members, int[] copyRoot, TermTable terms)
    {
        members.Sort();
        var articles = members.Select(i => f[i].Article).ToArray();

        // Copy sets within the story (earliest first, sets by their first article).
        var copySets = new Dictionary<int, List<int>>();
        foreach (int i in members)
        {
            if (!copySets.TryGetValue(copyRoot[i], out var set)) copySets[copyRoot[i]] = set = new List<int>();
            set.Add(i);
        }
        var copyGroups = copySets.Values.Where(s => s.Count > 1).OrderBy(s => s[0])
            .Select(s => new NewsCopyGroup(f[CopyDetector.Original(f, s)].Article, s.Select(i => f[i].Article))).ToArray();

        // Outlets, earliest first; independent voices: an article outside a copy set speaks for its outlet, a copy set once.
        var outlets = new List<string>();
        var seenOutlets = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var voices = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (int i in members)
        {
            string outlet = OutletName.Of(f[i].Article);
            if (seenOutlets.Add(outlet)) outlets.Add(outlet);
            voices.Add(copySets[copyRoot[i]].Count > 1 ? "\u0001copy " + copyRoot[i] : outlet);
        }

        // Title: the article closest to the story's centroid, each copy set weighing as one article.
        string? title = null;
        if (members.Count == 1) title = f[members[0]].Article.Title;
        else
        {
            var centroid = new Dictionary<int, double>();
            foreach (int i in members)
            {
                double share = 1.0 / copySets[copyRoot[i]].Count;
                foreach (var e in f[i].Vector) centroid[e.Id] = centroid.GetValueOrDefault(e.Id) + e.Weight * share;
            }
            double best = double.NegativeInfinity;
            foreach (int i in members)
            {
                if (string.IsNullOrWhiteSpace(f[i].Article.Title)) continue;
                double share = 1.0 / copySets[copyRoot[i]].Count;
                double dot = 0, self = 0;
                foreach (var e in f[i].Vector) { dot += e.Weight * centroid[e.Id]; self += e.Weight * e.Weight * share; }
                double score = dot - self; // similarity to the rest of the story
                if (score > best + 1e-9) { best = score; title = f[i].Article.Title; }
            }
        }
        title ??= articles.Select(a => a.Title).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t));

        // A placeholder date (see FeatureExtractor.IsPlaceholderDate) does not date a story that has real dates.
        var dates = members.Where(i => f[i].HasDate).Select(i => f[i].Article.Published!.Value).ToArray();
        if (dates.Length == 0) dates = articles.Where(a => a.Published != null).Select(a => a.Published!.Value).ToArray();
        return new NewsStory
        {
            Id = StoryId(articles.Select(a => a.Id)),
            Title = title,
            ArticleCount = articles.Length,
            Outlets = new TextList(outlets),
            OutletCount = outlets.Count,
            IndependentOutlets = voices.Count,
            FirstPublished = dates.Length == 0 ? null : dates.MinBy(d => d.UtcTicks),
            LastPublished = dates.Length == 0 ? null : dates.MaxBy(d => d.UtcTicks),
            TopEntities = new TextList(TopEntities(f, members, terms)),
            Articles = new NewsArticleList(articles),
            CopyGroups = copyGroups.Length == 0 ? NewsCopyGroupList.Empty : new NewsCopyGroupList(copyGroups),
        };
    }

    private const int MaxTopEntities = 8;

    /// <summary>The names mentioned by most of the story's articles (by two at least when it has several), longest form kept when a shorter one is part of it.</summary>
    private static List<string> TopEntities(StoryFeatures[] f, List<int> members, TermTable terms)
    {
        var count = new Dictionary<int, (int Articles, int First)>();
        int position = 0;
        foreach (int i in members)
            foreach (int id in f[i].Names)
            {
                position++;
                count[id] = count.TryGetValue(id, out var c) ? (c.Articles + 1, c.First) : (1, position);
            }
        int min = members.Count > 1 ? 2 : 1;
        var ranked = count.Where(kv => kv.Value.Articles >= min && terms.Display[kv.Key] != null)
            .OrderByDescending(kv => kv.Value.Articles).ThenBy(kv => kv.Value.First)
            .Select(kv => terms.Display[kv.Key]!).ToList();
        var result = new List<string>();
        foreach (var name in ranked)
        {
            if (result.Count >= MaxTopEntities) break;
            if (result.Any(r => r.Equals(name, StringComparison.OrdinalIgnoreCase) || ContainsWord(r, name))) continue;
            int shorter = result.FindIndex(r => ContainsWord(name, r));
            if (shorter >= 0) { result[shorter] = name; continue; }
            result.Add(name);
        }
        return result;
    }

    private static bool ContainsWord(string longer, string shorter)
    {
        if (longer.Length <= shorter.Length) return false;
        int at = longer.IndexOf(shorter, StringComparison.OrdinalIgnoreCase);
        while (at >= 0)
        {
            bool startOk = at == 0 || !char.IsLetterOrDigit(longer[at - 1]);
            int end = at + shorter.Length;
            bool endOk = end == longer.Length || !char.IsLetterOrDigit(longer[end]);
            if (startOk && endOk) return true;
            at = longer.IndexOf(shorter, at + 1, StringComparison.OrdinalIgnoreCase);
        }
        return false;
    }

    /// <summary>"s" and the first 12 hex digits of SHA-256 over the member Ids, sorted ordinally, one a line.</summary>
    private static string StoryId(IEnumerable<string> ids)
    {
        var sorted = ids.Select(x => x ?? "").ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", sorted)));
        return "s" + Convert.ToHexString(hash, 0, 6).ToLowerInvariant();
    }
}
