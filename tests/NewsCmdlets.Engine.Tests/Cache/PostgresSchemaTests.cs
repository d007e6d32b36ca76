using NewsCmdlets.Engine.Cache;
using NewsCmdlets.Engine.Cache.Postgres;
using NewsCmdlets.TestSupport;

namespace NewsCmdlets.Engine.Tests.Cache;

/// <summary>The PostgreSQL schema's storage: what search ranking reads (skipped with the reason where no test server is named).</summary>
public sealed class PostgresSchemaTests : CacheTestBase, IRunsOnPostgres
{
    /// <summary>An invented article whose search vector passes 2 kB (the size PostgreSQL moves out of a row by
    /// default) and stays under a page.</summary>
    private static string LongBody() => string.Join(" ", Enumerable.Range(0, 150).Select(i => $"harbourword{i}")) + ".";

    /// <summary>Buffers read to look at every article's search vector, less the table's own pages: the TOAST pages
    /// (the TOAST table itself is not readable without superuser rights).</summary>
    private long ToastBuffersToRank()
    {
        Database.Scalar("VACUUM articles"); // the dead rows of an UPDATE leave no TOAST reads behind
        using var plan = System.Text.Json.JsonDocument.Parse(Convert.ToString(Database.Scalar(
            "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) SELECT sum(length(search)) FROM articles"))!);
        var top = plan.RootElement[0].GetProperty("Plan");
        long buffers = top.GetProperty("Shared Hit Blocks").GetInt64() + top.GetProperty("Shared Read Blocks").GetInt64();
        return buffers - Convert.ToInt64(Database.Scalar("SELECT pg_relation_size('articles') / 8192"));
    }

    [StoreFact]
    public void Search_vectors_stay_in_the_article_rows_and_a_version_1_database_is_moved_there_by_the_migration()
    {
        using (var cache = OpenCache()) cache.Put(Article("long1", "Ferry crews walk out", LongBody()));
        Assert.Equal(0L, ToastBuffersToRank()); // a new database: the vector (and the row) kept in the table itself
        Assert.Equal("m", Database.Scalar("SELECT attstorage::text FROM pg_attribute WHERE attrelid = 'articles'::regclass AND attname = 'search'"));

        // The same article in a database as schema version 1 left it: the vector out of the row, in the TOAST table.
        Database.Scalar("""
            ALTER TABLE articles RESET (toast_tuple_target);
            ALTER TABLE articles ALTER COLUMN search SET STORAGE EXTENDED;
            UPDATE articles SET search_title = search_title;
            DELETE FROM schema_version WHERE version > 1;
            """);
        Assert.True(ToastBuffersToRank() > 0, "under schema version 1 the long article's search vector should be out of its row");

        using (var cache = OpenCache())
        {
            Assert.Equal(PostgresSchema.CurrentVersion, cache.SchemaVersion);
            Assert.Equal("long1", Assert.Single(cache.Query(new NewsArticleQuery { Search = "harbourword149", First = 20 })).Id);
        }
        Assert.Equal(0L, ToastBuffersToRank());
        Assert.Contains("toast_tuple_target=8160", Convert.ToString(Database.Scalar("SELECT array_to_string(reloptions, ',') FROM pg_class WHERE oid = 'articles'::regclass")));
    }
}
