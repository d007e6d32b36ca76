using System.Management.Automation;
using NewsCmdlets.Engine.Cache;
using NewsCmdlets.Engine.Concurrency;
using NewsCmdlets.Engine.Model;
using NewsCmdlets.Engine.Quotes;

namespace NewsCmdlets.Commands;

/// <summary>
/// Get-NewsQuote: who said what in each article (one NewsQuote per quote), or with -Attribution whom each article
/// relies on (one NewsAttribution per credited source).
/// </summary>
[Cmdlet(VerbsCommon.Get, "NewsQuote", DefaultParameterSetName = ArticleSet)]
[OutputType(typeof(NewsQuote), typeof(NewsAttribution))]
public sealed class GetNewsQuoteCommand : ArticleAnalysisCmdletBase
{
    private const string Activity = "Finding quotes";

    /// <summary>Articles from Import-NewsArticle.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = ArticleSet)]
    public NewsArticle[] InputObject { get; set; } = Array.Empty<NewsArticle>();

    /// <summary>Plain text to search instead of articles.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = TextSet)]
    [AllowEmptyString]
    public string[] Text { get; set; } = Array.Empty<string>();

    /// <summary>Writes NewsAttribution objects (sources credited: "according to", "told the AFP news agency", "officials said") instead of quotes.</summary>
    [Parameter]
    public SwitchParameter Attribution { get; set; }

    /// <summary>Only quotes of these kinds (Direct, Partial, Indirect).</summary>
    [Parameter]
    public QuoteKind[]? Kind { get; set; }

    /// <summary>
    /// Keep each article's quotes and attributions in the cache and reuse them: an article analysed before by this
    /// version of the module is not analysed again. On by default after Set-NewsCacheConfiguration -Enabled;
    /// -Cache:$false turns it off for one call.
    /// </summary>
    [Parameter(ParameterSetName = ArticleSet)]
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = LiteralPathSet)]
    public SwitchParameter Cache { get; set; }

    private CachedAnalyses? _analyses;

    /// <summary>One article or text to search; <paramref name="Reused"/> when the cache had its quotes.</summary>
    private sealed record Job(object Target, string Label, NewsArticle? Article, string? Text, bool Reused = false);

    private OrderedParallelMap<Job, ArticleQuotes>? _work;

    protected override void BeginProcessing()
    {
        if (Attribution && Kind is { Length: > 0 })
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException("-Kind filters quotes and cannot be used with -Attribution, which writes attributions. Use one or the other."),
                "KindWithAttribution", ErrorCategory.InvalidArgument, null));
        if (ParameterSetName != TextSet) _analyses = CacheSession.OpenAnalyses(this, Cache);
        _work = StartAnalyses<Job, ArticleQuotes>(ThrottleLimit, NewWorker, j => (j.Target, j.Label), Activity, "QuoteExtractionFailed", "Quotes", Written);
    }

    /// <summary>One thread's extractor (the gazetteer is shared).</summary>
    private static Func<Job, CancellationToken, ArticleQuotes> NewWorker()
    {
        var x = new QuoteExtractor();
        return (job, cancel) => job.Article != null ? x.Extract(job.Article, null, cancel) : x.ExtractText(job.Text!, job.Label, null, null, cancel);
    }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == TextSet)
        {
            foreach (var (t, id) in NumberedTexts(Text))
                if (!_work!.Add(new Job(t, id, null, t))) return;
            return;
        }
        foreach (var article in InputArticles(InputObject))
        {
            string label = article.Source ?? article.Title ?? article.Id;
            if (_analyses != null && CacheSession.Try(this, _analyses.Cache, () => _analyses.TryGetQuotes(article, out var cached) ? cached : null) is { } reused)
            {
                if (!_work!.AddDone(new Job(article, label, article, null, Reused: true), reused)) return;
                continue;
            }
            if (!_work!.Add(new Job(article, label, article, null))) return;
        }
    }

    /// <summary>An article's quotes, in input order on the pipeline thread: written, and kept in the cache when computed now.</summary>
    private void Written(Job job, ArticleQuotes result)
    {
        Write(result, job.Label);
        if (!job.Reused && job.Article is { } article && _analyses != null)
            CacheSession.StoreAnalysis(this, _analyses, r => _analyses.StoreQuotes(article, r), result);
    }

    private void Write(ArticleQuotes result, string label)
    {
        // Quotation marks that do not balance: the quotes near them may be cut short or missing.
        foreach (var w in result.Warnings) WriteWarning($"{label}: {w}");
        if (Attribution) { foreach (var a in result.Attributions) WriteObject(a); return; }
        foreach (var q in result.Quotes)
            if (Kind == null || Kind.Length == 0 || Array.IndexOf(Kind, q.Kind) >= 0) WriteObject(q);
    }

    protected override void EndProcessing()
    {
        if (_work != null && !_work.Flush()) return;
        CompleteProgress(Activity);
        if (AnalysedCount > 1) WriteVerbose($"Searched {AnalysedCount} input(s) for quotes.");
        CacheSession.CloseAnalyses(this, ref _analyses);
    }

    protected override void OnDispose() => CacheSession.CloseAnalyses(null, ref _analyses);
}
