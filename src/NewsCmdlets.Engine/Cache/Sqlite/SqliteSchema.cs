using System.Data;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace NewsCmdlets.Engine.Cache.Sqlite;

/// <summary>
/// The SQLite file's schema and its migrations, in one place: the list of steps, and the code that applies them. A
/// file records every version applied in <c>schema_version</c>; opening an older file applies the missing steps in one
/// transaction (one process migrates, the others wait). Never edit a step that has shipped: add one.
/// </summary>
internal static class SqliteSchema
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

    internal static void Migrate(SqliteStore store)
    {
        int version = ReadVersion(store);
        if (version == CurrentVersion) return;
        if (version > CurrentVersion)
            throw new NewsCacheException(NewsCacheProblem.NewerSchema, store.Path,
                $"The cache file '{store.Path}' has schema version {version}, written by a newer NewsCmdlets (this one knows up to {CurrentVersion}). " +
                "Update the module, or use another cache file with Set-NewsCacheConfiguration -CachePath.");
        if (store.IsReadOnly)
            throw new NewsCacheException(NewsCacheProblem.ReadOnly, store.Path,
                $"The cache file '{store.Path}' has schema version {version} and must be upgraded to {CurrentVersion}, but it is read-only. " +
                "Make it writable once so it can be upgraded, or use another cache file.");
        using var tx = store.Connection.BeginTransaction(IsolationLevel.Serializable); // BEGIN IMMEDIATE: one process migrates, the others wait
        version = ReadVersion(store, tx); // another process may have migrated meanwhile
        foreach (var (v, description, sql) in Migrations)
        {
            if (v <= version) continue;
            store.Execute(sql, tx);
            if (v == PackedRecordVersion) PackColumnsIntoRecords(store, tx);
            using var cmd = store.Command("INSERT INTO schema_version (version, description, applied_utc) VALUES ($v, $d, $t)", tx);
            cmd.Parameters.AddWithValue("$v", v);
            cmd.Parameters.AddWithValue("$d", description);
            cmd.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.ToString("o", CultureInfo.InvariantCulture));
            cmd.ExecuteNonQuery();
        }
        store.Execute($"INSERT OR IGNORE INTO cache_meta (key, value) VALUES ('application', '{ApplicationName}')", tx);
        store.Execute($"INSERT OR IGNORE INTO cache_meta (key, value) VALUES ('created_utc', '{DateTimeOffset.UtcNow.ToString("o", CultureInfo.InvariantCulture)}')", tx);
        tx.Commit();
    }

    /// <summary>
    /// Schema 6: each article's fields that moved into the record are copied there as they are (the same text, see
    /// <see cref="ArticleRecord"/>) and their columns emptied, a few hundred rows at a time, inside the migration's
    /// transaction. Title and body are not touched, so the full-text index is left as it is.
    /// </summary>
    private static void PackColumnsIntoRecords(SqliteStore store, SqliteTransaction tx)
    {
        var columns = ArticleRecord.Fields;
        using var select = store.Command($"SELECT rowid, {string.Join(", ", columns)} FROM articles WHERE rowid > $after ORDER BY rowid LIMIT 500", tx);
        var emptied = columns.Where(c => c is not ("word_count" or "source_kind")).Select(c => c + " = NULL"); // NOT NULL in schema 1
        using var update = store.Command($"UPDATE articles SET record = $record, {string.Join(", ", emptied)} WHERE rowid = $rowid", tx);
        var rowParameter = update.Parameters.Add("$rowid", SqliteType.Integer);
        var recordParameter = update.Parameters.Add("$record", SqliteType.Blob);
        var afterParameter = select.Parameters.Add("$after", SqliteType.Integer);
        long after = long.MinValue;
        var packed = new List<(long Rowid, byte[] Record)>();
        while (true)
        {
            packed.Clear();
            afterParameter.Value = after;
            using (var r = select.ExecuteReader())
            {
                while (r.Read())
                {
                    var values = new byte[]?[columns.Length];
                    for (int i = 0; i < columns.Length; i++)
                    {
                        if (r.IsDBNull(i + 1)) continue;
                        values[i] = r.GetFieldType(i + 1) == typeof(string)
                            ? r.GetFieldValue<byte[]>(i + 1)
                            : Encoding.UTF8.GetBytes(Convert.ToString(r.GetValue(i + 1), CultureInfo.InvariantCulture)!);
                    }
                    packed.Add((r.GetInt64(0), ArticleRecord.PackUtf8(values)));
                }
            }
            if (packed.Count == 0) return;
            foreach (var (rowid, record) in packed)
            {
                rowParameter.Value = rowid;
                recordParameter.Value = record;
                update.ExecuteNonQuery();
            }
            after = packed[^1].Rowid;
        }
    }

    internal static int ReadVersion(SqliteStore store, SqliteTransaction? tx = null)
    {
        // One statement, one snapshot: read as two, another process's migration could commit between them and a
        // half-seen new cache would look like somebody else's database.
        using (var cmd = store.Command("SELECT (SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'), (SELECT count(*) FROM sqlite_master)", tx))
        using (var r = cmd.ExecuteReader())
        {
            r.Read();
            if (r.GetInt64(0) == 0)
            {
                if (r.GetInt64(1) > 0) throw SqliteStore.NotACache(store.Path, "it is an SQLite database, but not a NewsCmdlets cache");
                return 0;
            }
        }
        return Convert.ToInt32(store.Scalar("SELECT coalesce(max(version), 0) FROM schema_version", tx), CultureInfo.InvariantCulture);
    }
}
