using System.Management.Automation;
using NewsCmdlets.Engine.Cache;
using NewsCmdlets.Engine.Concurrency;
using NewsCmdlets.Engine.Coverage;
using NewsCmdlets.Engine.Entities;
using NewsCmdlets.Engine.Model;
using NewsCmdlets.Engine.Quotes;

namespace NewsCmdlets;

/// <summary>
/// What Compare-NewsCoverage and Export-NewsCoverageReport share: they take articles (collected, then grouped into
/// stories, or taken as one story) or stories, skip nulls with an error, use each article once, and compare only the
/// stories enough outlets covered. The parameters they share are declared here; each declares its own InputObject
/// (positions differ).
/// </summary>
public abstract class StoryCmdletBase : NewsCmdletBase
{
    /// <summary>The parameter set of articles (each cmdlet's InputObject).</summary>
    protected const string ArticleSet = "InputObject";

    /// <summary>The parameter set of stories (-Story).</summary>
    protected const string StorySet = "Story";

    /// <summary>Stories from Group-NewsArticle.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = StorySet)]
    public NewsStory[] Story { get; set; } = Array.Empty<NewsStory>();

    /// <summary>Treat all the articles given as one story instead of grouping them.</summary>
    [Parameter(ParameterSetName = ArticleSet)]
    public SwitchParameter AsOneStory { get; set; }

    /// <summary>Grouping threshold (0–1) when articles are grouped into stories first; see Group-NewsArticle.</summary>
    [Parameter(ParameterSetName = ArticleSet)]
    [ValidateRange(0.0, 1.0)]
    public double Threshold { get; set; } = new StoryGroupingOptions().Threshold;

    /// <summary>Only stories covered by at least this many outlets (default 2 for stories found by grouping; stories
    /// passed in and -AsOneStory are always taken unless this is given).</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int MinimumOutlets { get; set; } = 2;

    /// <summary>
    /// Reuse the entities and quotes that Get-NewsEntity -Cache, Get-NewsQuote -Cache or an earlier comparison kept in
    /// the cache, and keep the ones computed now. On by default after Set-NewsCacheConfiguration -Enabled;
    /// -Cache:$false turns it off for one call.
    /// </summary>
    [Parameter]
    public SwitchParameter Cache { get; set; }

    /// <summary>
    /// How many stories are compared at the same time, each on its own thread (default: the number of processors).
    /// Output keeps the order of the stories; 1 compares one at a time on the pipeline thread.
    /// </summary>
    [Parameter]
    [ValidateRange(1, MaximumThrottleLimit)]
    public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

    /// <summary>True when the minimum number of outlets was left to its default, so stories passed in (or taken as
    /// one with <paramref name="oneStory"/>) are all compared.</summary>
    protected bool ComparesAll(bool oneStory) => oneStory && !MyInvocation.BoundParameters.ContainsKey(nameof(MinimumOutlets));

    private readonly List<NewsArticle> _articles = new();
    // Articles collected so far by Id (one article, or a list when articles of other outlets or sources share an Id):
    // a key of their own per article (Id, outlet and source joined) cost as much as the grouper's features of it.
    private readonly Dictionary<string, object> _seen = new(StringComparer.Ordinal);

    private CachedAnalyses? _analyses;
    private CacheStore? _store;
    private CoverageComparer? _firstComparer;
    private OrderedParallelMap<NewsStory, CoverageComparison>? _comparisons;

    /// <summary>
    /// Sets up the comparisons of this call (<see cref="CompareStory"/>), with the session's cache when
    /// <paramref name="cacheSwitch"/> or the session asks for it: entities and quotes stored before by this module
    /// version are reused, the ones computed are kept. Each comparison is written by <paramref name="write"/>, in the
    /// order the stories were given, on the pipeline thread. A model that cannot load is a terminating error.
    /// </summary>
    protected void CreateComparer(SwitchParameter cacheSwitch, string activity, Action<NewsStory, CoverageComparison> write)
    {
        try
        {
            var entities = new EntityExtractor();
            _analyses = CacheSession.OpenAnalyses(this, cacheSwitch);
            _store = _analyses == null ? null : new CacheStore(_analyses);
            _firstComparer = new CoverageComparer(entities, new QuoteExtractor()) { Store = _store };
        }
        catch (Exception ex) when (ex is InvalidOperationException or InvalidDataException or IOException)
        {
            ThrowTerminatingError(new ErrorRecord(
                new InvalidOperationException($"The entity model could not be loaded: {ex.Message} Reinstall the NewsCmdlets module.", ex),
                "EntityModelUnavailable", ErrorCategory.ResourceUnavailable, null));
        }
        _comparisons = StartAnalyses<NewsStory, CoverageComparison>(ThrottleLimit, NewComparer, s => (s, s.Title ?? s.Id), activity,
            "CoverageComparisonFailed", "Coverage", (story, result) =>
            {
                WarnCacheFailure();
                write(story, result);
            });
    }

    /// <summary>One thread's comparer (the first takes the one made above; the models and the cache are shared).</summary>
    private Func<NewsStory, CancellationToken, CoverageComparison> NewComparer()
    {
        var comparer = Interlocked.Exchange(ref _firstComparer, null) ?? new CoverageComparer(new EntityExtractor(), new QuoteExtractor()) { Store = _store };
        return comparer.Compare;
    }

    /// <summary>Compares <paramref name="story"/> on one of -ThrottleLimit threads; false when stopped.</summary>
    protected bool CompareStory(NewsStory story) => _comparisons!.Add(story);

    /// <summary>Waits for the stories being compared and writes them; false when stopped.</summary>
    protected bool FinishComparisons()
    {
        bool finished = _comparisons?.Flush() ?? true;
        WarnCacheFailure();
        return finished;
    }

    private void WarnCacheFailure()
    {
        if (_store?.TakeFailure() is { } failure)
            WriteWarning($"The cache '{_analyses!.Cache.Path}' could not be used ({failure}); comparing without it.");
    }

    /// <summary>Commits the analyses the comparer computed and closes the cache.</summary>
    private void CloseCache()
    {
        _store?.Detach();
        CacheSession.CloseAnalyses(this, ref _analyses);
    }

    protected override void OnDispose()
    {
        _store?.Detach(); // comparisons still finishing on their threads no longer touch the cache
        CacheSession.CloseAnalyses(null, ref _analyses);
    }

    /// <summary>
    /// The cache as the comparers' store, used by every comparing thread in turn (one connection). The comparison does
    /// not depend on it: a cache that fails part-way (disk full, locked, damaged) is left alone from then on, and the
    /// pipeline thread reports it once as a warning.
    /// </summary>
    private sealed class CacheStore(CachedAnalyses analyses) : IAnalysisStore
    {
        private readonly CachedComparisonStore _store = new(analyses);
        private readonly object _gate = new();
        private bool _failed, _detached;
        private string? _failure;

        private T? Try<T>(Func<T?> work) where T : class
        {
            lock (_gate)
            {
                if (_failed || _detached) return null;
                try
                {
                    return work();
                }
                catch (NewsCacheException ex)
                {
                    _failed = true;
                    _failure = ex.Message;
                    return null;
                }
            }
        }

        /// <summary>Why the cache failed, once (null when it did not, or it was said already).</summary>
        public string? TakeFailure()
        {
            lock (_gate)
            {
                var f = _failure;
                _failure = null;
                return f;
            }
        }

        /// <summary>From now on nothing is read from or given to the cache (it is being closed).</summary>
        public void Detach()
        {
            lock (_gate) _detached = true;
        }

        public ArticleEntities? GetEntities(NewsArticle article) => Try(() => _store.GetEntities(article));
        public void PutEntities(NewsArticle article, ArticleEntities entities) => Try(() => { _store.PutEntities(article, entities); return entities; });
        public ArticleQuotes? GetQuotes(NewsArticle article) => Try(() => _store.GetQuotes(article));
        public void PutQuotes(NewsArticle article, ArticleQuotes quotes) => Try(() => { _store.PutQuotes(article, quotes); return quotes; });
    }

    /// <summary>The articles collected so far, each once, in input order.</summary>
    protected IReadOnlyList<NewsArticle> CollectedArticles => _articles;

    /// <summary>Keeps each article once (same Id and source); a null is a non-terminating NullArticle error.</summary>
    protected void CollectArticles(IEnumerable<NewsArticle?> articles, string parameterName)
    {
        foreach (var article in NonNullArticles(articles, parameterName))
        {
            if (IsFirst(article)) _articles.Add(article);
            else WriteVerbose($"Skipped article {article.Id} ({article.Source ?? article.Title}): it was given twice.");
        }
    }

    /// <summary>Records <paramref name="article"/>; false when one with the same Id, outlet and source came before.</summary>
    private bool IsFirst(NewsArticle article)
    {
        if (!_seen.TryGetValue(article.Id, out var held)) { _seen[article.Id] = article; return true; }
        if (held is NewsArticle one)
        {
            if (Same(one, article)) return false;
            _seen[article.Id] = new List<NewsArticle> { one, article };
            return true;
        }
        var list = (List<NewsArticle>)held;
        foreach (var other in list) if (Same(other, article)) return false;
        list.Add(article);
        return true;

        static bool Same(NewsArticle a, NewsArticle b) =>
            ReferenceEquals(a, b) || string.Equals(OutletName.Of(a), OutletName.Of(b), StringComparison.Ordinal)
                                    && string.Equals(a.Source ?? "", b.Source ?? "", StringComparison.Ordinal);
    }

    /// <summary>The stories given, without nulls (each null is a non-terminating NullStory error).</summary>
    protected IEnumerable<NewsStory> ValidStories(IEnumerable<NewsStory?> stories, string parameterName) =>
        NonNull(stories, parameterName, "A null story was passed; pipe the output of Group-NewsArticle.", "NullStory");

    /// <summary>
    /// The articles collected from -InputObject as stories: one story with -AsOneStory, else grouped with -Threshold.
    /// Empty when stories came by -Story, no article was given, or Ctrl+C stopped the grouping.
    /// </summary>
    protected IReadOnlyList<NewsStory> CollectedStories(string activity)
    {
        if (ParameterSetName != ArticleSet || _articles.Count == 0 || Cancellation.IsCancellationRequested) return Array.Empty<NewsStory>();
        try
        {
            if (AsOneStory) return new[] { StoryGrouper.AsOneStory(_articles) };
            var grouper = new StoryGrouper(new StoryGroupingOptions { Threshold = Threshold });
            foreach (var a in _articles) grouper.Add(a);
            ReportProgress(activity, $"Grouping {_articles.Count:N0} articles into stories", force: true);
            var stories = grouper.Group(Cancellation);
            foreach (var s in stories) SessionValues.Remember(s);
            return stories;
        }
        catch (OperationCanceledException) when (Cancellation.IsCancellationRequested)
        {
            return Array.Empty<NewsStory>();
        }
    }

    /// <summary>Compares the collected stories, writes every comparison, then commits the analyses and closes the cache.</summary>
    protected sealed override void EndProcessing()
    {
        CompareCollected();
        if (!FinishComparisons()) return;
        CloseCache();
    }

    /// <summary>What the cmdlet does with the articles collected from the pipeline, at its end.</summary>
    protected abstract void CompareCollected();

    /// <summary>The stories to compare with their position among them, reporting progress as each is handed out.</summary>
    protected IEnumerable<NewsStory> Eligible(IReadOnlyList<NewsStory> stories, bool forced, int minimumOutlets, string activity)
    {
        int eligible = stories.Count(s => forced || s.OutletCount >= minimumOutlets);
        int i = 0;
        foreach (var s in stories)
        {
            if (Cancellation.IsCancellationRequested) yield break;
            if (!forced && s.OutletCount < minimumOutlets) continue;
            i++;
            if (ProgressDue) ReportProgress(activity, $"Story {i:N0} of {eligible:N0}: {s.Title}", eligible > 0 ? 100 * (i - 1) / eligible : -1);
            yield return s;
        }
    }
}
