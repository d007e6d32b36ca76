using NewsCmdlets.Engine.Cache;
using NewsCmdlets.Engine.Ingest;
using NewsCmdlets.Engine.Model;
using NewsCmdlets.TestSupport;

namespace NewsCmdlets.Engine.Tests.Cache;

/// <summary>
/// A temporary folder with a cache path in it, deleted afterwards, and the store the shared cases run against: the
/// SQLite file at <see cref="DbPath"/>, or in a class marked <see cref="IRunsOnPostgres"/> a database of its own on the
/// test server (dropped afterwards). Shared cases open the cache with <see cref="OpenCache"/> and are [StoreFact]s.
/// </summary>
public abstract class CacheTestBase : IDisposable
{
    protected readonly string Dir = Directory.CreateTempSubdirectory("newscmdlets-cache-").FullName;
    protected string DbPath => Path.Combine(Dir, "cache.db");

    private TestDatabase? _database;

    /// <summary>This test's database on the PostgreSQL test server (made on first use).</summary>
    protected TestDatabase Database => _database ??= PostgresTestServer.CreateDatabase();

    protected bool OnPostgres => this is IRunsOnPostgres;

    /// <summary>The cache of this test: the SQLite file, or the test's PostgreSQL database.</summary>
    protected NewsCache OpenCache(NewsCacheOptions? options = null) =>
        OnPostgres ? NewsCache.OpenServer(Database.ConnectionString, null, options) : NewsCache.Open(DbPath, options);

    public virtual void Dispose()
    {
        _database?.Dispose();
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    protected static string SamplesDir
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "NewsCmdlets.sln"))) dir = dir.Parent;
            return Path.Combine(dir!.FullName, "samples");
        }
    }

    protected static NewsArticle ReadSample(string name) =>
        ArticleReader.ReadFile(Path.Combine(SamplesDir, name), new ArticleReadOptions { Now = new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero) }).Article;

    protected static NewsArticle Article(string id, string title, string body, string? outlet = null, DateTimeOffset? published = null) => new()
    {
        Id = id,
        Title = title,
        Body = body,
        Paragraphs = new TextList(body.Split('\n'), "\n"),
        Outlet = outlet,
        Published = published,
        WordCount = body.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length,
    };
}
