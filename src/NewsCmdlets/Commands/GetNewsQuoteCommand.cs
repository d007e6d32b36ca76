using System.Management.Automation;
using NewsCmdlets.Engine.Cache;
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

    private readonly QuoteExtractor _extractor = new();
    private CachedAnalyses? _analyses;

    protected override void BeginProcessing()
    {
        if (Attribution && Kind is { Length: > 0 })
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException("-Kind filters quotes and cannot be used with -Attribution, which writes attributions. Use one or the other."),
                "KindWithAttribution", ErrorCategory.InvalidArgument, null));
        if (ParameterSetName != TextSet) _analyses = CacheSession.OpenAnalyses(this, Cache);
    }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == TextSet)
        {
            foreach (var (t, id) in NumberedTexts(Text))
                Handle(t, () => _extractor.ExtractText(t, id, null, null, Cancellation), id);
            return;
        }
        foreach (var article in InputArticles(InputObject))
        {
            string label = article.Source ?? article.Title ?? article.Id;
            if (_analyses != null && CacheSession.Try(this, _analyses.Cache, () => _analyses.TryGetQuotes(article, out var cached) ? cached : null) is { } reused)
            {
                Write(reused);
                continue;
            }
            if (Handle(article, () => _extractor.Extract(article, null, Cancellation), label) is { } computed && _analyses != null)
                CacheSession.Try(this, _analyses.Cache, () => { _analyses.StoreQuotes(article, computed); return computed; });
            if (_analyses != null) CacheSession.ReportUnstored(this, _analyses.Unstored);
        }
    }

    private ArticleQuotes? Handle(object target, Func<ArticleQuotes> extract, string label)
    {
        if (!TryAnalyse(target, label, Activity, "QuoteExtractionFailed", "Quotes", extract, out var result)) return null;
        Write(result);
        return result;
    }

    private void Write(ArticleQuotes result)
    {
        if (Attribution) { foreach (var a in result.Attributions) WriteObject(a); return; }
        foreach (var q in result.Quotes)
            if (Kind == null || Kind.Length == 0 || Array.IndexOf(Kind, q.Kind) >= 0) WriteObject(q);
    }

    protected override void EndProcessing()
    {
        CompleteProgress(Activity);
        if (AnalysedCount > 1) WriteVerbose($"Searched {AnalysedCount} input(s) for quotes.");
        CacheSession.CloseAnalyses(this, ref _analyses);
    }

    protected override void OnDispose() => CacheSession.CloseAnalyses(null, ref _analyses);
}
