using System.Management.Automation;
using NewsCmdlets.Engine.Cache;
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

    /// <summary>True when the minimum number of outlets was left to its default, so stories passed in (or taken as
    /// one with <paramref name="oneStory"/>) are all compared.</summary>
    protected bool ComparesAll(bool oneStory) => oneStory && !MyInvocation.BoundParameters.ContainsKey(nameof(MinimumOutlets));

    private readonly List<NewsArticle> _articles = new();
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    private CachedAnalyses? _analyses;

    /// <summary>
    /// The comparer, with the session's cache when <paramref name="cacheSwitch"/> or the session asks for it: entities
    /// and quotes stored before by this module version are reused, the ones computed are kept. A model that cannot load
    /// is a terminating error.
    /// </summary>
    protected CoverageComparer CreateComparer(SwitchParameter cacheSwitch)
    {
        try
        {
            var entities = new EntityExtractor();
            _analyses = CacheSession.OpenAnalyses(this, cacheSwitch);
            return new CoverageComparer(entities, new QuoteExtractor()) { Store = _analyses == null ? null : new CacheStore(this, _analyses) };
        }
        catch (Exception ex) when (ex is InvalidOperationException or InvalidDataException or IOException)
        {
            ThrowTerminatingError(new ErrorRecord(
                new InvalidOperationException($"The entity model could not be loaded: {ex.Message} Reinstall the NewsCmdlets module.", ex),
                "EntityModelUnavailable", ErrorCategory.ResourceUnavailable, null));
            return null!; // not reached
        }
    }

    /// <summary>Commits the analyses the comparer computed and closes the cache.</summary>
    private void CloseCache() => CacheSession.CloseAnalyses(this, ref _analyses);

    protected override void OnDispose() => CacheSession.CloseAnalyses(null, ref _analyses);

    /// <summary>
    /// The cache as the comparer's store. The comparison does not depend on it: a cache that fails part-way (disk
    /// full, locked, damaged) is reported once as a warning and the comparison goes on without it.
    /// </summary>
    private sealed class CacheStore(StoryCmdletBase cmdlet, CachedAnalyses analyses) : IAnalysisStore
    {
        private readonly CachedComparisonStore _store = new(analyses);
        private bool _failed;

        private T? Try<T>(Func<T?> work) where T : class
        {
            if (_failed) return null;
            try
            {
                return work();
            }
            catch (NewsCacheException ex)
            {
                _failed = true;
                cmdlet.WriteWarning($"The cache '{analyses.Cache.Path}' could not be used ({ex.Message}); comparing without it.");
                return null;
            }
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
            if (_seen.Add(article.Id + "\n" + OutletName.Of(article) + "\n" + article.Source)) _articles.Add(article);
            else WriteVerbose($"Skipped article {article.Id} ({article.Source ?? article.Title}): it was given twice.");
        }
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

    /// <summary>Compares the collected stories, then commits the analyses and closes the cache.</summary>
    protected sealed override void EndProcessing()
    {
        CompareCollected();
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
            ReportProgress(activity, $"Story {++i:N0} of {eligible:N0}: {s.Title}", eligible > 0 ? 100 * (i - 1) / eligible : -1);
            yield return s;
        }
    }
}
