using NewsCmdlets.Engine.Entities;
using NewsCmdlets.Engine.Model;
using NewsCmdlets.Engine.Quotes;

namespace NewsCmdlets.Engine.Coverage;

/// <summary>
/// Where a <see cref="CoverageComparer"/> finds articles' entities and quotes computed before (the cache), and keeps
/// the ones it computes. Null from a getter means "not stored": the comparer computes and offers it to the putter.
/// </summary>
public interface IAnalysisStore
{
    ArticleEntities? GetEntities(NewsArticle article);
    void PutEntities(NewsArticle article, ArticleEntities entities);
    ArticleQuotes? GetQuotes(NewsArticle article);
    void PutQuotes(NewsArticle article, ArticleQuotes quotes);
}
