using System.Security.Cryptography;
using System.Text;
using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Engine.Coverage;

/// <summary>Settings of <see cref="StoryGrouper"/>.</summary>
public sealed class StoryGroupingOptions
{
    /// <summary>
    /// 0–1; higher = stricter: smaller, tighter stories (so more of them). Two groups of articles become one story
    /// when the sum of their articles' pairwise similarities, divided by the number of all pairs between them, reaches
    /// it (pairs never compared count as 0). An article pair's similarity is the geometric mean of the TF-IDF cosine
    /// over all terms (headline and lead weighted up) and the cosine over names and numbers only. The default, 0.2,
    /// is the highest that keeps the repository's samples (five outlets' differently written reports of one strike)
    /// together; on the benchmark's generated corpus (bench/, stage "grouping") 0.2–0.5 score alike, because its
    /// reports reuse more wording than real ones do.
    /// </summary>
    public double Threshold { get; set; } = 0.2;

    /// <summary>
    /// Articles further apart in time than this are never the same story: no story spans more (copies of one text
    /// excepted). Articles without a date are compared on text alone.
    /// </summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromDays(4);

    /// <summary>
    /// 0–1 containment of word shingles (|A∩B| / min(|A|, |B|) of the bodies' 5-word shingles) from which two texts
    /// are copies of one text. The default, 0.85, keeps reports that reuse many of a wire story's sentences apart from
    /// its republications (0.7 also catches them), while a copy cut at the end still contains nearly all its shingles.
    /// </summary>
    public double CopyThreshold { get; set; } = 0.85;
}

/// <summary>
/// Groups news articles into stories (one real-world event or development each) and finds copies of one text.
/// <see cref="Add"/> computes each article's features as it arrives; <see cref="Group"/> finds candidate pairs through
/// an inverted index of each article's most distinctive terms within the time window (never all pairs), scores them,
/// and clusters with average linkage, so a chain of loosely related articles does not collapse into one story.
/// Not thread-safe.
/// </summary>
public sealed class StoryGrouper
{
    /// <summary>Terms of an article put in the candidate index.</summary>
    private const int IndexTerms = 16;
    /// <summary>Candidate pairs must share this many indexed terms before they are scored.</summary>
    private const int MinSharedTerms = 3;
    /// <summary>Share of time-window distance taken off similarity at the window's edge.</summary>
    private const double TimeDecay = 0.2;
    /// <summary>Undated articles sharing a term looked at per article and term (they have no time window to bound them).</summary>
    private const int MaxUndatedScan = 500;

    private readonly StoryGroupingOptions _options;
    private readonly TermTable _terms = new();
    private readonly FeatureExtractor _extractor;
    private readonly List<StoryFeatures> _features = new();
    private readonly HashSet<(string Id, string Outlet, string Source)> _ids = new();
    private readonly HashSet<NewsArticle> _unidentified = new(ReferenceEqualityComparer.Instance);

    public StoryGrouper(StoryGroupingOptions? options = null)
    {
        _options = options ?? new StoryGroupingOptions();
        if (!(_options.Threshold is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(options), _options.Threshold, "Threshold must be between 0 and 1.");
        if (!(_options.CopyThreshold is > 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(options), _options.CopyThreshold, "CopyThreshold must be above 0 and at most 1.");
        if (_options.Window < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(options), _options.Window, "Window must not be negative.");
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
        bool isNew = string.IsNullOrEmpty(article.Id) ? _unidentified.Add(article) : _ids.Add((article.Id, OutletName.Of(article).ToLowerInvariant(), article.Source ?? ""));
        if (isNew) _features.Add(_extractor.Extract(article));
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

        int[] copyRoot = CopyDetector.Find(f, _options.CopyThreshold, _options.Window, cancel);
        var vectors = Vectors(f, _terms, copyRoot, out var dfs);
        cancel.ThrowIfCancellationRequested();
        var edges = Edges(f, vectors, dfs, cancel, progress);
        var cluster = Cluster(f, edges, copyRoot, cancel);

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
            stories.Add(BuildStory(f, list, copyRoot, vectors, _terms));
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
        var vectors = Vectors(f, grouper._terms, copyRoot, out _);
        return BuildStory(f, Enumerable.Range(0, f.Length).ToList(), copyRoot, vectors, grouper._terms);
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

    // ---- vectors -----------------------------------------------------------------------------------------------

    /// <summary>L2-normalised TF-IDF weights, parallel to each article's Terms. Terms in more than a fifth of a large corpus weigh nothing.</summary>
    private static float[][] Vectors(StoryFeatures[] f, TermTable terms, int[] copyRoot, out int[] dfs)
    {
        int n = f.Length;
        // Document frequencies count each set of copies as one text: a wire story carried by six sites does not make
        // its words six times as common (nor its rare words look shared with other articles).
        dfs = terms.Df.ToArray();
        for (int i = 0; i < n; i++)
        {
            int r = copyRoot[i];
            if (r == i) continue;
            int[] ti = f[i].Terms, tr = f[r].Terms;
            for (int a = 0, b = 0; a < ti.Length && b < tr.Length;)
            {
                if (ti[a] == tr[b]) { dfs[ti[a]]--; a++; b++; }
                else if (ti[a] < tr[b]) a++;
                else b++;
            }
        }
        n = 0;
        for (int i = 0; i < f.Length; i++) if (copyRoot[i] == i) n++;
        var idf = new float[terms.Count];
        for (int t = 0; t < idf.Length; t++)
        {
            int df = Math.Max(1, dfs[t]);
            idf[t] = n >= 200 && df > n / 5 ? 0f : (float)Math.Log(1 + n / (double)df);
        }
        var vectors = new float[f.Length][];
        for (int i = 0; i < f.Length; i++)
        {
            var ids = f[i].Terms;
            var counts = f[i].Counts;
            var v = new float[ids.Length];
            double norm = 0;
            for (int k = 0; k < ids.Length; k++)
            {
                double w = (1 + Math.Log(Math.Max(1, counts[k]))) * idf[ids[k]];
                v[k] = (float)w;
                norm += w * w;
            }
            if (norm > 0)
            {
                float inv = (float)(1 / Math.Sqrt(norm));
                for (int k = 0; k < v.Length; k++) v[k] *= inv;
            }
            vectors[i] = v;
        }
        return vectors;
    }

    /// <summary>
    /// Similarity of two articles: the geometric mean of the cosine over all their terms and the cosine over their
    /// names and numbers only. Stories of one kind share wording and differ in who, where and how many; the second
    /// factor keeps two floods in two towns apart however alike their sentences. When either article has no names or
    /// numbers (text without capitals, say), the cosine over all terms alone.
    /// </summary>
    internal static double Similarity(StoryFeatures a, float[] va, StoryFeatures b, float[] vb)
    {
        int[] ta = a.Terms, tb = b.Terms;
        int i = 0, j = 0;
        double dot = 0, entityDot = 0;
        while (i < ta.Length && j < tb.Length)
        {
            int x = ta[i], y = tb[j];
            if (x == y)
            {
                double p = va[i] * vb[j];
                dot += p;
                if (a.Entity[i] && b.Entity[j]) entityDot += p;
                i++; j++;
            }
            else if (x < y) i++;
            else j++;
        }
        double na = EntityNorm(a, va), nb = EntityNorm(b, vb);
        if (na <= 0 || nb <= 0) return dot;
        double entityCos = entityDot / Math.Sqrt(na * nb);
        return Math.Sqrt(Math.Max(0, dot) * Math.Min(1, entityCos));
    }

    private static double EntityNorm(StoryFeatures a, float[] v)
    {
        double n = 0;
        for (int k = 0; k < v.Length; k++) if (a.Entity[k]) n += v[k] * v[k];
        return n;
    }

    // ---- candidate pairs ---------------------------------------------------------------------------------------

    private readonly record struct Edge(int A, int B, float Sim);

    /// <summary>
    /// Scored pairs (A &lt; B) whose similarity is at least half the threshold. Candidates share at least two of their
    /// most distinctive terms (highest TF-IDF, common terms excluded) and lie within the time window.
    /// </summary>
    private List<Edge> Edges(StoryFeatures[] f, float[][] vectors, int[] dfs, CancellationToken cancel, Action<int, int>? progress)
    {
        int n = f.Length;
        int maxDf = Math.Max(50, n / 100);
        var postings = new List<int>?[_terms.Count];
        var top = new int[n][];
        var order = new List<(float W, int Term)>();
        for (int i = 0; i < n; i++)
        {
            order.Clear();
            var ids = f[i].Terms;
            for (int k = 0; k < ids.Length; k++)
            {
                int df = dfs[ids[k]];
                if (df >= 2 && df <= maxDf && vectors[i][k] > 0) order.Add((vectors[i][k], ids[k]));
            }
            order.Sort((a, b) => a.W != b.W ? b.W.CompareTo(a.W) : a.Term.CompareTo(b.Term));
            int count = Math.Min(IndexTerms, order.Count);
            var t = new int[count];
            for (int k = 0; k < count; k++)
            {
                int term = order[k].Term;
                t[k] = term;
                (postings[term] ??= new List<int>()).Add(i);
            }
            top[i] = t;
        }

        long window = _options.Window <= TimeSpan.Zero ? 0 : _options.Window.Ticks;
        double floor = Math.Max(0.02, _options.Threshold * 0.6);
        var found = new Edge[n][];
        var ticks = f.Select(x => x.Ticks).ToArray();
        int firstUndated = Array.FindIndex(ticks, t => t == long.MaxValue);
        if (firstUndated < 0) firstUndated = n;

        const int chunk = 2048;
        var pool = new System.Collections.Concurrent.ConcurrentBag<CandidateScratch>(); // one counter array per worker, reused
        var parallel = new ParallelOptions { CancellationToken = cancel, MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount) };
        for (int start = 0; start < n; start += chunk)
        {
            cancel.ThrowIfCancellationRequested();
            int end = Math.Min(n, start + chunk);
            Parallel.For(start, end, parallel, () => pool.TryTake(out var s) ? s : new CandidateScratch(n), (i, _, s) =>
            {
                found[i] = Candidates(i, f, vectors, top, postings, ticks, firstUndated, window, floor, s);
                return s;
            }, pool.Add);
            progress?.Invoke(end, n);
        }

        var edges = new List<Edge>();
        foreach (var e in found) edges.AddRange(e);
        return edges;
    }

    private sealed class CandidateScratch(int n)
    {
        public readonly int[] Shared = new int[n];
        public readonly List<int> Touched = new();
        public readonly List<Edge> Edges = new();
    }

    private static Edge[] Candidates(int i, StoryFeatures[] f, float[][] vectors, int[][] top, List<int>?[] postings,
        long[] ticks, int firstUndated, long window, double floor, CandidateScratch s)
    {
        bool dated = ticks[i] != long.MaxValue;
        foreach (int term in top[i])
        {
            var list = postings[term]!;
            int p = list.BinarySearch(i) + 1, undated = 0;
            for (; p < list.Count; p++)
            {
                int j = list[p];
                if (j < firstUndated && ticks[j] - ticks[i] > window)
                {
                    // Past the window: skip to the undated articles, compared on text alone.
                    int u = list.BinarySearch(p, list.Count - p, firstUndated, null);
                    p = (u < 0 ? ~u : u) - 1;
                    continue;
                }
                // Undated articles have no window to bound them: only the nearest few hundred of a term are looked at.
                if (j >= firstUndated && ++undated > MaxUndatedScan) break;
                if (s.Shared[j]++ == 0) s.Touched.Add(j);
            }
        }
        int need = Math.Min(MinSharedTerms, top[i].Length);
        foreach (int j in s.Touched)
        {
            int shared = s.Shared[j];
            s.Shared[j] = 0;
            if (shared < Math.Max(1, Math.Min(need, top[j].Length))) continue;
            double sim = Similarity(f[i], vectors[i], f[j], vectors[j]);
            if (dated && ticks[j] != long.MaxValue && window > 0)
                sim *= 1 - TimeDecay * Math.Min(1, (ticks[j] - ticks[i]) / (double)window);
            if (sim >= floor) s.Edges.Add(new Edge(i, j, (float)sim));
        }
        s.Touched.Clear();
        if (s.Edges.Count == 0) return Array.Empty<Edge>();
        var result = s.Edges.ToArray();
        s.Edges.Clear();
        Array.Sort(result, (a, b) => a.B.CompareTo(b.B));
        return result;
    }

    // ---- clustering --------------------------------------------------------------------------------------------

    /// <summary>
    /// Average-linkage merging over the scored pairs, strongest pair first: two groups merge when the sum of their
    /// pairs' similarities divided by the number of all pairs between them reaches the threshold, and the merged
    /// group spans no more than the window. Copies of one text start in one group. Returns each article's group.
    /// </summary>
    private int[] Cluster(StoryFeatures[] f, List<Edge> edges, int[] copyRoot, CancellationToken cancel)
    {
        int n = f.Length;
        var links = new Dictionary<int, double>?[n];
        foreach (var e in edges)
        {
            (links[e.A] ??= new()).TryGetValue(e.B, out double ab);
            links[e.A]![e.B] = ab + e.Sim;
            (links[e.B] ??= new()).TryGetValue(e.A, out double ba);
            links[e.B]![e.A] = ba + e.Sim;
        }
        var uf = new UnionFind(n);
        var size = new int[n];
        var minTicks = new long[n];
        var maxTicks = new long[n];
        for (int i = 0; i < n; i++)
        {
            size[i] = 1;
            minTicks[i] = f[i].HasDate ? f[i].Ticks : long.MaxValue;
            maxTicks[i] = f[i].HasDate ? f[i].Ticks : long.MinValue;
        }

        int Merge(int a, int b)
        {
            int ra = uf.Find(a), rb = uf.Find(b);
            if (ra == rb) return ra;
            int root = uf.Union(ra, rb), other = root == ra ? rb : ra;
            size[root] += size[other];
            minTicks[root] = Math.Min(minTicks[root], minTicks[other]);
            maxTicks[root] = Math.Max(maxTicks[root], maxTicks[other]);
            var into = links[root];
            var from = links[other];
            links[other] = null;
            if (from != null)
            {
                if (into == null) links[root] = into = new();
                from.Remove(root);
                into.Remove(other);
                foreach (var (c, w) in from)
                {
                    into[c] = into.GetValueOrDefault(c) + w;
                    var back = links[c]!;
                    back.Remove(other);
                    back[root] = back.GetValueOrDefault(root) + w;
                }
            }
            else into?.Remove(other);
            return root;
        }

        for (int i = 0; i < n; i++)
            if (copyRoot[i] != i) Merge(copyRoot[i], i);

        edges.Sort((x, y) => x.Sim != y.Sim ? y.Sim.CompareTo(x.Sim) : x.A != y.A ? x.A.CompareTo(y.A) : x.B.CompareTo(y.B));
        long window = _options.Window <= TimeSpan.Zero ? 0 : _options.Window.Ticks;
        double threshold = _options.Threshold;
        int step = 0;
        foreach (var e in edges)
        {
            if ((++step & 4095) == 0) cancel.ThrowIfCancellationRequested();
            if (e.Sim < threshold) break;
            int ra = uf.Find(e.A), rb = uf.Find(e.B);
            if (ra == rb) continue;
            long lo = Math.Min(minTicks[ra], minTicks[rb]), hi = Math.Max(maxTicks[ra], maxTicks[rb]);
            if (lo != long.MaxValue && hi != long.MinValue && hi - lo > window) continue;
            double sum = links[ra]?.GetValueOrDefault(rb) ?? 0;
            if (sum / ((double)size[ra] * size[rb]) < threshold) continue;
            Merge(ra, rb);
        }
        var result = new int[n];
        for (int i = 0; i < n; i++) result[i] = uf.Find(i);
        return result;
    }

    // ---- stories -----------------------------------------------------------------------------------------------

    /// <summary>Builds a story from article positions in canonical order (so members are earliest first, undated last).</summary>
    private static NewsStory BuildStory(StoryFeatures[] f, List<int> members, int[] copyRoot, float[][] vectors, TermTable terms)
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
            .Select(s => new NewsArticleList(s.Select(i => f[i].Article))).ToArray();

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
                var t = f[i].Terms;
                for (int k = 0; k < t.Length; k++) centroid[t[k]] = centroid.GetValueOrDefault(t[k]) + vectors[i][k] * share;
            }
            double best = double.NegativeInfinity;
            foreach (int i in members)
            {
                if (string.IsNullOrWhiteSpace(f[i].Article.Title)) continue;
                double share = 1.0 / copySets[copyRoot[i]].Count;
                var t = f[i].Terms;
                double dot = 0, self = 0;
                for (int k = 0; k < t.Length; k++) { dot += vectors[i][k] * centroid[t[k]]; self += vectors[i][k] * vectors[i][k] * share; }
                double score = dot - self; // similarity to the rest of the story
                if (score > best + 1e-9) { best = score; title = f[i].Article.Title; }
            }
        }
        title ??= articles.Select(a => a.Title).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t));

        var dates = articles.Where(a => a.Published != null).Select(a => a.Published!.Value).ToArray();
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
