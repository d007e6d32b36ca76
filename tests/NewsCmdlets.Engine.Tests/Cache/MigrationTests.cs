using Microsoft.Data.Sqlite;
using NewsCmdlets.Engine.Cache;

namespace NewsCmdlets.Engine.Tests.Cache;

public sealed class MigrationTests : CacheTestBase
{
    /// <summary>Schema version 1 as the first release wrote it, written out here by hand (not taken from the code under test).</summary>
    private const string Version1 = """
        CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL, applied_utc TEXT NOT NULL);
        CREATE TABLE cache_meta (key TEXT NOT NULL PRIMARY KEY, value TEXT);
        CREATE TABLE articles (
            id TEXT NOT NULL PRIMARY KEY,
            title TEXT, standfirst TEXT, body TEXT NOT NULL, paragraphs TEXT, captions TEXT,
            published TEXT, published_utc INTEGER, updated TEXT,
            authors TEXT, agency TEXT, outlet TEXT, dateline TEXT, language TEXT, word_count INTEGER NOT NULL,
            source TEXT, url TEXT, source_kind TEXT NOT NULL, sources TEXT, removed TEXT, warnings TEXT,
            imported_utc INTEGER NOT NULL);
        CREATE TABLE article_sources (
            article_id TEXT NOT NULL PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
            raw BLOB NOT NULL, codec TEXT NOT NULL, length INTEGER NOT NULL);
        CREATE INDEX articles_outlet ON articles (outlet COLLATE NOCASE);
        CREATE INDEX articles_published ON articles (published_utc);
        CREATE TABLE inputs (
            location TEXT NOT NULL PRIMARY KEY,
            article_id TEXT REFERENCES articles (id) ON DELETE CASCADE,
            length INTEGER, last_write_utc INTEGER, content_hash TEXT, reader_key TEXT,
            checked_utc INTEGER NOT NULL);
        INSERT INTO schema_version VALUES (1, 'articles', '2026-01-01T00:00:00Z');
        INSERT INTO cache_meta VALUES ('application', 'NewsCmdlets');
        INSERT INTO articles (id, title, body, paragraphs, published, published_utc, outlet, word_count, source_kind, sources, imported_utc)
            VALUES ('old1', 'Harbour dredging delayed', 'The harbour dredging is delayed again.',
                    '{"S":"\n","I":["The harbour dredging is delayed again."]}', '2026-01-05T10:00:00.0000000+01:00', 1767603600000,
                    'The Harbour Courier', 6, 'Text', '[["Published","file header line"]]', 1767603600000);
        INSERT INTO articles (id, title, standfirst, body, paragraphs, captions, published, published_utc, authors, agency, outlet,
                dateline, language, word_count, source, url, source_kind, sources, removed, warnings, imported_utc)
            VALUES ('old2', 'Ferry timetable', 'Winter sailings cut', 'First line.' || char(10) || 'Second line, é.',
                    '{"S":"\n","B":1}', '{"S":"; ","I":["A ferry at the quay"]}', NULL, NULL, '{"S":"; ","I":["Ana Ribe"]}',
                    'NPA', 'Coast Post', 'PORT ELLIS', 'en', 5, '/old/b.html', 'https://coast.example/ferry', 'Html', '[]',
                    '{"S":"\n","I":["Share this"]}', '{"S":"; ","I":[]}', 1767603600000);
        INSERT INTO inputs VALUES ('/old/a.txt', 'old1', 38, 1767603600000, 'abc', 'old-reader', 1767603600000);
        """;

    [Fact]
    public void A_version_1_file_is_migrated_and_keeps_its_articles_which_become_searchable()
    {
        using (var c = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = Version1;
            cmd.ExecuteNonQuery();
        }
        using (var cache = NewsCache.Open(DbPath))
        {
            Assert.Equal(NewsCmdlets.Engine.Cache.Sqlite.SqliteSchema.CurrentVersion, cache.SchemaVersion);
            var old = cache.GetArticle("old1")!;
            Assert.Equal("Harbour dredging delayed", old.Title);
            Assert.Equal(new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.FromHours(1)), old.Published);
            Assert.Equal("file header line", old.Sources["Published"]);
            Assert.Equal(new[] { "The harbour dredging is delayed again." }, old.Paragraphs); // stored whole by version 1
            Assert.Equal("old1", Assert.Single(cache.Query(new NewsArticleQuery { Search = "dredging" })).Id); // FTS built from existing rows
            // Every field of a row the way a later version (5: paragraphs as the body's lines) left it, packed by 6.
            var ferry = cache.GetArticle("old2")!;
            Assert.Equal(("Ferry timetable", "Winter sailings cut", "Coast Post", "NPA", "PORT ELLIS", "en"),
                (ferry.Title, ferry.Standfirst, ferry.Outlet, ferry.Agency, ferry.Dateline, ferry.Language));
            Assert.Equal(new[] { "First line.", "Second line, é." }, ferry.Paragraphs);
            Assert.Equal(new[] { "A ferry at the quay" }, ferry.Captions);
            Assert.Equal(new[] { "Ana Ribe" }, ferry.Authors);
            Assert.Equal(new[] { "Share this" }, ferry.Removed);
            Assert.Empty(ferry.Warnings);
            Assert.Empty(ferry.Categories);
            Assert.Null(ferry.Published);
            Assert.Equal((5, "/old/b.html", "https://coast.example/ferry", "Html"), (ferry.WordCount, ferry.Source, ferry.Url, ferry.SourceKind));
            Assert.Equal("old2", Assert.Single(cache.Query(new NewsArticleQuery { Search = "second line" })).Id);
            var input = cache.GetInput("/old/a.txt")!;
            Assert.Null(input.ETag); // new column, empty for old rows
            cache.Write(new[] { new CacheWrite(null, null, input with { ETag = "\"v2\"", LastModified = "Mon, 05 Jan 2026 09:00:00 GMT" }) });
            cache.SetEntityIndex("old1", "v", new[] { ("harbour", "Place", 1) });
        }
        using (var c = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT group_concat(version) FROM (SELECT version FROM schema_version ORDER BY version)";
            Assert.Equal("1,2,3,4,5,6", cmd.ExecuteScalar());
            // Schema 6 moved the fields into records and emptied their columns.
            cmd.CommandText = "SELECT count(*) FROM articles WHERE record IS NULL OR standfirst IS NOT NULL OR paragraphs IS NOT NULL OR sources IS NOT NULL OR removed IS NOT NULL";
            Assert.Equal(0L, cmd.ExecuteScalar());
            cmd.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'articles_id_published'";
            Assert.Equal(1L, cmd.ExecuteScalar());
        }
        using var again = NewsCache.Open(DbPath); // opening a current file changes nothing
        Assert.Equal("\"v2\"", again.GetInput("/old/a.txt")!.ETag);
        Assert.Equal(new[] { "old1" }, again.FindArticlesWithEntity("harbour"));
        Assert.Equal("old1", Assert.Single(again.Query(new NewsArticleQuery { Entity = new[] { "HARBOUR" } })).Id); // through the v4 index
    }
}
