using System.Net;
using NewsCmdlets.Engine.Cache.Postgres;
using NewsCmdlets.Engine.Cache.Sqlite;
using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Engine.Cache;

/// <summary>
/// The cache as the cmdlets use it: imported articles (with their raw source), the inputs they came from, analyses,
/// an entity index and full-text search, kept in one SQLite file (the default) or a PostgreSQL database that a team
/// shares. Each call goes to the part of the store that keeps that thing (<see cref="ICacheStore"/>).
/// One instance is one connection: use it from one thread at a time.
/// </summary>
public sealed class NewsCache : IDisposable
{
    private readonly ICacheStore _store;

    private NewsCache(ICacheStore store) => _store = store;

    /// <summary>The default file: the platform's per-user data folder (XDG_DATA_HOME on Linux when set)/NewsCmdlets/news-cache.db.</summary>
    public static string DefaultPath => SqliteStore.DefaultPath;

    /// <summary>Opens the cache file, creating it (and its folder) when missing and migrating an older schema.</summary>
    public static NewsCache Open(string path, NewsCacheOptions? options = null) => new(SqliteStore.Open(path, options));

    /// <summary>
    /// Opens the cache in a PostgreSQL database, creating or migrating its tables. <paramref name="credential"/>, when
    /// given, replaces the user name and password of the connection string. Nothing this returns or throws holds the
    /// password.
    /// </summary>
    public static NewsCache OpenServer(string connectionString, NetworkCredential? credential = null, NewsCacheOptions? options = null) =>
        new(PostgresStore.Open(new PostgresSettings(connectionString, credential), options));

    /// <summary>Opens the store <paramref name="location"/> names.</summary>
    public static NewsCache Open(NewsCacheLocation location, NewsCacheOptions? options = null) =>
        location.IsServer ? OpenServer(location.ConnectionString!, location.Credential, options) : Open(location.Path!, options);

    /// <summary>Deletes a cache file and its WAL and shared-memory files (the way to start afresh, even from a damaged file).</summary>
    public static bool DeleteFiles(string path) => SqliteStore.DeleteFiles(path);

    /// <summary>Where the cache is: the file's full path, or the server as postgresql://user@host:port/database (never a password).</summary>
    public string Path => _store.Location;

    /// <summary>"SQLite" or "PostgreSQL".</summary>
    public string StoreKind => _store is PostgresStore ? "PostgreSQL" : "SQLite";

    /// <summary>True when the cache is in a PostgreSQL database.</summary>
    public bool IsServer => _store is PostgresStore;

    /// <summary>True when nothing can be stored (opened read-only, or the file cannot be written).</summary>
    public bool IsReadOnly => _store.IsReadOnly;

    /// <summary>The schema version of the open store.</summary>
    public int SchemaVersion => _store.SchemaVersion;

    internal ICacheStore Store => _store;

    // ---- Articles, inputs, raw sources, feeds ---------------------------------------------------------------

    /// <summary>Stores articles and inputs in one transaction: all of them are kept, or (on failure or a kill) none.</summary>
    public void Write(IReadOnlyList<CacheWrite> batch)
    {
        if (batch.Count > 0) _store.Articles.Write(batch);
    }

    /// <summary>Stores one article (and its raw source) in its own transaction.</summary>
    public void Put(NewsArticle article, byte[]? rawSource = null, CachedInput? input = null) =>
        Write(new[] { new CacheWrite(article, rawSource, input) });

    /// <summary>Removes articles by id (their inputs, entity index rows and analyses go with them). Returns how many were removed.</summary>
    public int Remove(IEnumerable<string> ids) => _store.Articles.Remove(ids);

    /// <summary>What the cache knows about an input (file path or URL), or null.</summary>
    public CachedInput? GetInput(string location) => _store.Articles.GetInput(location);

    /// <summary>What the cache knows about an input and the article it gave.</summary>
    public (CachedInput? Input, NewsArticle? Article) LookupInput(string location) => _store.Articles.LookupInput(location);

    /// <summary>
    /// The inputs whose location sorts at or after <paramref name="location"/> and before <paramref name="before"/>
    /// (ordinal order of the UTF-8 bytes), at most <paramref name="count"/> of them, each with the article it gave: one
    /// range scan instead of one query per file (<see cref="CachedArticleReader"/> reads a folder's stamps this way).
    /// </summary>
    public IReadOnlyList<(CachedInput Input, NewsArticle? Article)> LookupInputsFrom(string location, string before, int count) =>
        _store.Articles.LookupInputsFrom(location, before, count);

    /// <summary>The raw source an article was read from (decompressed), or null when it was not kept.</summary>
    public byte[]? GetRawSource(string id) => _store.Articles.GetRawSource(id);

    /// <summary>Keeps the last copy of a web feed with its validators, replacing the previous one.</summary>
    public void PutFeed(CachedFeed feed) => _store.Articles.PutFeed(feed);

    /// <summary>The last copy of a web feed the cache holds, or null.</summary>
    public CachedFeed? GetFeed(string location) => _store.Articles.GetFeed(location);

    /// <summary>The outlets in the cache, most articles first (for argument completion).</summary>
    public IReadOnlyList<string> Outlets(int limit = 500) => _store.Articles.Outlets(limit);

    // ---- Analyses and the entity index ---------------------------------------------------------------------

    /// <summary>A stored analysis (entities, quotes, …) of an article, only when it was computed by the same analyser version.</summary>
    public string? GetAnalysis(string articleId, string kind, string analyserVersion) => _store.Analyses.GetAnalysis(articleId, kind, analyserVersion);

    /// <summary>Stores an analysis of an article, replacing one of another version.</summary>
    public void PutAnalysis(string articleId, string kind, string analyserVersion, string payload) =>
        _store.Analyses.PutAnalysis(articleId, kind, analyserVersion, payload);

    /// <summary>
    /// Stores analyses in one transaction: each article first when the cache does not hold it (without a raw source),
    /// then the analysis (replacing another version's), then for entities the article's entity index rows.
    /// </summary>
    public void PutAnalyses(IReadOnlyList<AnalysisWrite> batch)
    {
        if (batch.Count > 0) _store.Analyses.PutAnalyses(batch);
    }

    /// <summary>Replaces an article's rows in the entity index with what <paramref name="analyserVersion"/> found.</summary>
    public void SetEntityIndex(string articleId, string analyserVersion, IEnumerable<(string Key, string Type, int Mentions)> entities) =>
        SetEntityIndex(new[] { (articleId, analyserVersion, entities) });

    /// <summary>Replaces the entity index rows of many articles in one transaction (one per batch, as imports do).</summary>
    public void SetEntityIndex(IEnumerable<(string ArticleId, string AnalyserVersion, IEnumerable<(string Key, string Type, int Mentions)> Entities)> articles) =>
        _store.EntityIndex.SetEntityIndex(articles);

    /// <summary>The analyser version that indexed an article's entities, or null when it was never indexed.</summary>
    public string? GetEntityIndexVersion(string articleId) => _store.EntityIndex.GetEntityIndexVersion(articleId);

    /// <summary>Ids of the articles that mention an entity (by key, case-insensitive; optionally of one type).</summary>
    public IReadOnlyList<string> FindArticlesWithEntity(string entityKey, string? entityType = null) =>
        _store.EntityIndex.FindArticlesWithEntity(entityKey, entityType);

    // ---- Queries ---------------------------------------------------------------------------------------------

    /// <summary>One article by id, or null.</summary>
    public NewsArticle? GetArticle(string id) => Query(new NewsArticleQuery { Id = new[] { id } }).FirstOrDefault();

    /// <summary>The articles that match, streamed: newest first, or best match first with a search.</summary>
    public IEnumerable<NewsArticle> Query(NewsArticleQuery query)
    {
        FtsQuery.Check(query, Path);
        return _store.Search.Query(query);
    }

    // ---- The store as a whole ----------------------------------------------------------------------------------

    /// <summary>What the cache holds and what it runs on.</summary>
    public NewsCacheInfo GetInfo() => _store.GetInfo();

    /// <summary>Empties the cache (every table), keeping its schema.</summary>
    public void Clear() => _store.Clear();

    /// <summary>Runs an integrity check; returns "ok" or the store's list of problems.</summary>
    public string CheckIntegrity() => _store.CheckIntegrity();

    public void Dispose() => _store.Dispose();

    public override string ToString() => Path;
}
