using NewsCmdlets.Engine.Coverage;
using NewsCmdlets.Engine.Entities;
using NewsCmdlets.Engine.Model;
using NewsCmdlets.Engine.Quotes;

namespace NewsCmdlets.Engine.Cache;

/// <summary>
/// Cached analyses as a <see cref="CoverageComparer"/>'s store: entities as Get-NewsEntity -Cache keeps them, quotes
/// under their own kind, because the comparison finds quotes with the article's entities and Get-NewsQuote without.
/// </summary>
public sealed class CachedComparisonStore(CachedAnalyses analyses) : IAnalysisStore
{
    public CachedAnalyses Analyses => analyses;

    public ArticleEntities? GetEntities(NewsArticle article) => analyses.TryGetEntities(article, out var e) ? e : null;

    public void PutEntities(NewsArticle article, ArticleEntities entities) => analyses.StoreEntities(article, entities);

    public ArticleQuotes? GetQuotes(NewsArticle article) =>
        analyses.TryGetQuotes(article, out var q, kind: CachedAnalyses.QuotesWithEntitiesKind) ? q : null;

    public void PutQuotes(NewsArticle article, ArticleQuotes quotes) =>
        analyses.StoreQuotes(article, quotes, kind: CachedAnalyses.QuotesWithEntitiesKind);
}
