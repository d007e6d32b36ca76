namespace NewsCmdlets.Engine.Cache;

/// <summary>
/// The cache's schema as a list of migrations. A file records every version applied in <c>schema_version</c>; opening
/// an older file applies the missing steps in one transaction. Never edit a step that has shipped: add one.
/// </summary>
internal static class NewsCacheSchema
{
    public const int CurrentVersion = 6;

    /// <summary>The version whose migration also runs code: packing the moved columns into records.</summary>
    public const int PackedRecordVersion = 6;
    public const string ApplicationName = "NewsCmdlets";

    public static readonly IReadOnlyList<(int Version, string Description, string Sql)> Migrations = new[]
    {
        (1, "articles, their raw sources and the inputs they came from", """
            CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL, applied_utc TEXT NOT NULL);
            CREATE TABLE cache_meta (key TEXT NOT NULL PRIMARY KEY, value TEXT);
            CREATE TABLE articles (
                id TEXT NOT NULL PRIMARY KEY,
                title TEXT, standfirst TEXT, body TEXT NOT NULL, paragraphs TEXT, captions TEXT,
                published TEXT, published_utc INTEGER, updated TEXT,
                authors TEXT, agency TEXT, outlet TEXT, dateline TEXT, language TEXT, word_count INTEGER NOT NULL,
                source TEXT, url TEXT, source_kind TEXT NOT NULL, sources TEXT, removed TEXT, warnings TEXT,
                imported_utc INTEGER NOT NULL);
            -- Raw sources in their own table: reading articles never walks through their pages.
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
            CREATE INDEX inputs_article ON inputs (article_id);
            """),
        (2, "categories, HTTP validators, full-text search, entity index, analyses by analyser version", """
            ALTER TABLE inputs ADD COLUMN etag TEXT;
            ALTER TABLE inputs ADD COLUMN last_modified TEXT;
            ALTER TABLE articles ADD COLUMN categories TEXT;
            CREATE VIRTUAL TABLE articles_fts USING fts5 (title, body, content='articles', content_rowid='rowid',
                tokenize='unicode61 remove_diacritics 2');
            CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
                INSERT INTO articles_fts (rowid, title, body) VALUES (new.rowid, new.title, new.body);
            END;
            CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
                INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', old.rowid, old.title, old.body);
            END;
            CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body ON articles BEGIN
                INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', old.rowid, old.title, old.body);
                INSERT INTO articles_fts (rowid, title, body) VALUES (new.rowid, new.title, new.body);
            END;
            INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
            CREATE TABLE entity_index (
                entity_key TEXT NOT NULL COLLATE NOCASE,
                entity_type TEXT NOT NULL,
                article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
                analyser_version TEXT NOT NULL,
                mentions INTEGER NOT NULL DEFAULT 1,
                PRIMARY KEY (entity_key, entity_type, article_id)) WITHOUT ROWID;
            CREATE INDEX entity_index_article ON entity_index (article_id);
            CREATE TABLE analyses (
                article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
                kind TEXT NOT NULL,
                analyser_version TEXT NOT NULL,
                payload TEXT NOT NULL,
                computed_utc INTEGER NOT NULL,
                PRIMARY KEY (article_id, kind)) WITHOUT ROWID;
            """),
        (3, "feeds: the last copy of each web feed with its HTTP validators, for conditional re-fetching", """
            CREATE TABLE feeds (
                location TEXT NOT NULL PRIMARY KEY,
                etag TEXT, last_modified TEXT, content_type TEXT,
                body BLOB NOT NULL, fetched_utc INTEGER NOT NULL);
            """),
        (4, "article ids with their publication time, so lookups by entity or id sort without reading whole rows", """
            CREATE INDEX articles_id_published ON articles (id, published_utc);
            """),
        (5, "paragraphs that are the body's lines stored as a marker, not a second copy of the body", """
            INSERT OR REPLACE INTO cache_meta (key, value) VALUES ('paragraphs_as_body_lines', '1');
            """),
        (6, "the fields no query filters or sorts by packed into one record per article, read in one step", """
            ALTER TABLE articles ADD COLUMN record BLOB;
            """),
    };
}
