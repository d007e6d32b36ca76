using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Engine.Cache;

/// <summary>
/// One place the cache keeps its corpus: an SQLite file (<see cref="Sqlite.SqliteStore"/>, the default) or a
/// PostgreSQL database (<see cref="Postgres.PostgresStore"/>, a team's shared corpus). <see cref="NewsCache"/> is the
/// facade the cmdlets use; it hands each call to the part of the store that keeps that thing. Every store keeps the
/// same things with the same meaning, so the shared test cases (tests/…/Cache/CacheStoreContract.cs) run against each.
/// </summary>
internal interface ICacheStore : IDisposable
{
    /// <summary>Where the corpus is, as users may see it: a file path, or a server address without any password.</summary>
    string Location { get; }

    /// <summary>True when nothing can be written (asked for, or the store refuses writes).</summary>
    bool IsReadOnly { get; }

    /// <summary>The schema version of the open store.</summary>
    int SchemaVersion { get; }

    /// <summary>Articles, their raw sources, the inputs they came from and the last copies of web feeds.</summary>
    IArticleTable Articles { get; }

    /// <summary>Analyses (entities, quotes) by article, kind and analyser version.</summary>
    IAnalysisTable Analyses { get; }

    /// <summary>Which articles name which entities (Get-NewsArticle -Entity).</summary>
    IEntityIndexTable EntityIndex { get; }

    /// <summary>Queries over the articles: ids, outlets, dates, entities and full text.</summary>
    IArticleSearch Search { get; }

    /// <summary>What the store holds and runs on.</summary>
    NewsCacheInfo GetInfo();

    /// <summary>Empties every table, keeping the schema.</summary>
    void Clear();

    /// <summary>"ok", or the store's list of problems.</summary>
    string CheckIntegrity();

    /// <summary>Every row of <paramref name="table"/> as stored (text, 64-bit integers, bytes), for Copy-NewsCache.</summary>
    IEnumerable<object?[]> ReadRows(CacheTable table);

    /// <summary>Inserts or replaces rows of <paramref name="table"/> (in its columns' order) in one transaction.</summary>
    void WriteRows(CacheTable table, IReadOnlyList<object?[]> rows);
}

/// <summary>Articles, raw sources, inputs and feeds (see <see cref="ICacheStore.Articles"/>).</summary>
internal interface IArticleTable
{
    /// <summary>Stores articles and inputs in one transaction: all of them are kept, or none.</summary>
    void Write(IReadOnlyList<CacheWrite> batch);

    /// <summary>Removes articles by id with everything kept about them; returns how many were removed.</summary>
    int Remove(IEnumerable<string> ids);

    CachedInput? GetInput(string location);

    (CachedInput? Input, NewsArticle? Article) LookupInput(string location);

    /// <summary>Inputs from <paramref name="location"/> (inclusive) to <paramref name="before"/> (exclusive), in ordinal
    /// order of their UTF-8 bytes, at most <paramref name="count"/>, each with its article.</summary>
    IReadOnlyList<(CachedInput Input, NewsArticle? Article)> LookupInputsFrom(string location, string before, int count);

    byte[]? GetRawSource(string id);

    void PutFeed(CachedFeed feed);

    CachedFeed? GetFeed(string location);

    /// <summary>Outlets, most articles first.</summary>
    IReadOnlyList<string> Outlets(int limit);
}

/// <summary>Analyses kept per article, kind and analyser version.</summary>
internal interface IAnalysisTable
{
    string? GetAnalysis(string articleId, string kind, string analyserVersion);

    void PutAnalysis(string articleId, string kind, string analyserVersion, string payload);

    /// <summary>Each article first when missing, then the analysis, then for entities the article's index rows; one transaction.</summary>
    void PutAnalyses(IReadOnlyList<AnalysisWrite> batch);
}

/// <summary>The entity index.</summary>
internal interface IEntityIndexTable
{
    /// <summary>Replaces the index rows of many articles in one transaction.</summary>
    void SetEntityIndex(IEnumerable<(string ArticleId, string AnalyserVersion, IEnumerable<(string Key, string Type, int Mentions)> Entities)> articles);

    string? GetEntityIndexVersion(string articleId);

    IReadOnlyList<string> FindArticlesWithEntity(string entityKey, string? entityType);
}

/// <summary>Queries over the articles.</summary>
internal interface IArticleSearch
{
    /// <summary>The articles that match, streamed: newest first (undated last, then by id), or best match first with a search.</summary>
    IEnumerable<NewsArticle> Query(NewsArticleQuery query);
}
