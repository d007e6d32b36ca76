using Npgsql;

namespace NewsCmdlets.Engine.Cache.Postgres;

/// <summary>
/// The cache's schema in PostgreSQL, as a list of migrations, versioned like the SQLite file's
/// (<see cref="Sqlite.SqliteSchema"/>): the database records every version applied in <c>schema_version</c>; opening an
/// older one applies the missing steps in one transaction, under an advisory lock so that one of several analysts
/// opening it at once migrates and the others wait. Never edit a step that has shipped: add one.
/// The tables live in the first schema of the connection's search path (<c>Search Path=</c> in the connection string
/// puts a corpus in a schema of its own). Text keys are compared and ordered byte by byte (COLLATE "C"), as SQLite
/// does, whatever the database's locale.
/// </summary>
internal static class PostgresSchema
{
    public const int CurrentVersion = 2;

    /// <summary>Any number, the same in every process: the lock that serialises migrations in one database.</summary>
    private const long MigrationLock = 0x4E657773436D64; // "NewsCmd"

    public static readonly IReadOnlyList<(int Version, string Description, string Sql)> Migrations = new[]
    {
        (1, "articles, raw sources, inputs, feeds, entity index and analyses; full-text search on a GIN index", """
            CREATE TABLE schema_version (version integer PRIMARY KEY, description text NOT NULL, applied_utc timestamptz NOT NULL DEFAULT now());
            CREATE TABLE cache_meta (key text COLLATE "C" PRIMARY KEY, value text);
            CREATE TABLE articles (
                id text COLLATE "C" PRIMARY KEY,
                title text,
                body text NOT NULL,
                outlet text,
                published_utc bigint,
                word_count integer NOT NULL,
                source_kind text NOT NULL,
                -- The fields no query filters or sorts by, packed as in SQLite's schema 6 (see ArticleRecord).
                record bytea NOT NULL,
                imported_utc bigint NOT NULL,
                -- Title and body with their diacritics removed, only where that changes them (as SQLite's
                -- remove_diacritics): the search vector reads these when present.
                search_title text,
                search_body text,
                search tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('simple'::regconfig, coalesce(search_title, title, '')), 'A') ||
                    setweight(to_tsvector('simple'::regconfig, coalesce(search_body, body)), 'B')) STORED);
            CREATE INDEX articles_search ON articles USING gin (search);
            CREATE INDEX articles_outlet ON articles (lower(outlet) text_pattern_ops);
            CREATE INDEX articles_published ON articles (published_utc DESC NULLS LAST, id);
            CREATE TABLE article_sources (
                article_id text COLLATE "C" PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
                raw bytea NOT NULL, codec text NOT NULL, length bigint NOT NULL);
            CREATE TABLE inputs (
                location text COLLATE "C" PRIMARY KEY,
                article_id text COLLATE "C" REFERENCES articles (id) ON DELETE CASCADE,
                length bigint, last_write_utc bigint, content_hash text, reader_key text, etag text, last_modified text,
                checked_utc bigint NOT NULL);
            CREATE INDEX inputs_article ON inputs (article_id);
            CREATE TABLE entity_index (
                entity_fold text COLLATE "C" NOT NULL,
                entity_type text COLLATE "C" NOT NULL,
                article_id text COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
                entity_key text NOT NULL,
                analyser_version text NOT NULL,
                mentions integer NOT NULL DEFAULT 1,
                PRIMARY KEY (entity_fold, entity_type, article_id));
            CREATE INDEX entity_index_article ON entity_index (article_id);
            CREATE TABLE analyses (
                article_id text COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
                kind text COLLATE "C" NOT NULL,
                analyser_version text NOT NULL,
                payload text NOT NULL,
                computed_utc bigint NOT NULL,
                PRIMARY KEY (article_id, kind));
            CREATE TABLE feeds (
                location text COLLATE "C" PRIMARY KEY,
                etag text, last_modified text, content_type text, body bytea NOT NULL, fetched_utc bigint NOT NULL);
            """),
        // A search ranks every article that matches (ts_rank reads each one's vector): a vector of more than about 2 kB
        // (most articles' bodies) was moved out of the row into the TOAST table, uncompressed, so ranking 20,000
        // matches cost 20,000 TOAST index lookups (about 25 buffer reads an article, 2.4 s for one common word at
        // 100,000 articles). Rows up to a page are kept whole, and the vector in the row; the UPDATE stores every
        // existing article's vector again under these settings (once, in this migration).
        (2, "search vectors kept in the article's row (toast_tuple_target 8160, search STORAGE MAIN), so ranking reads no TOAST", """
            ALTER TABLE articles SET (toast_tuple_target = 8160);
            ALTER TABLE articles ALTER COLUMN search SET STORAGE MAIN;
            UPDATE articles SET search_title = search_title;
            """),
    };

    /// <summary>The tables of the cache, children first (the order a copy or a clear walks them in reverse).</summary>
    public static readonly string[] Tables = { "articles", "article_sources", "inputs", "entity_index", "analyses", "feeds" };

    /// <summary>The version of the cache in the connection's schema (0: none yet), or an error when the schema holds
    /// tables of the same names that are not a NewsCmdlets cache.</summary>
    public static int ReadVersion(NpgsqlConnection connection, NpgsqlTransaction? tx, string location)
    {
        using var cmd = new NpgsqlCommand("SELECT to_regclass('schema_version') IS NOT NULL, to_regclass('articles') IS NOT NULL, to_regclass('cache_meta') IS NOT NULL", connection, tx);
        bool hasVersion, hasArticles, hasMeta;
        using (var r = cmd.ExecuteReader())
        {
            r.Read();
            (hasVersion, hasArticles, hasMeta) = (r.GetBoolean(0), r.GetBoolean(1), r.GetBoolean(2));
        }
        if (!hasVersion)
        {
            if (hasArticles || hasMeta) throw NotACache(location, "its schema has tables named like the cache's (articles, cache_meta) but no schema_version");
            return 0;
        }
        if (hasMeta)
        {
            using var app = new NpgsqlCommand("SELECT value FROM cache_meta WHERE key = 'application'", connection, tx);
            if (app.ExecuteScalar() is string name && name != Sqlite.SqliteSchema.ApplicationName)
                throw NotACache(location, $"its tables belong to '{name}'");
        }
        using var v = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_version", connection, tx);
        return Convert.ToInt32(v.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Creates or upgrades the schema; one process at a time per database.</summary>
    public static void Migrate(NpgsqlConnection connection, string location, bool readOnly)
    {
        int version = ReadVersion(connection, null, location);
        if (version == CurrentVersion) return;
        if (version > CurrentVersion)
            throw new NewsCacheException(NewsCacheProblem.NewerSchema, location,
                $"The cache database {location} has schema version {version}, written by a newer NewsCmdlets (this one knows up to {CurrentVersion}). " +
                "Update the module, or use another database.");
        if (readOnly)
            throw new NewsCacheException(version == 0 ? NewsCacheProblem.CannotOpen : NewsCacheProblem.ReadOnly, location, version == 0
                ? $"The database {location} holds no NewsCmdlets cache yet. Import articles with -Cache to create it."
                : $"The cache database {location} has schema version {version} and must be upgraded to {CurrentVersion}, but it was opened read-only.");
        // The lock is the session's, taken before the transaction begins: a backend looks tables up in its catalog
        // cache, which takes in other sessions' changes when a transaction starts (or a table is locked), not when an
        // advisory lock is granted. Under a lock taken inside the transaction, a process that waited for another's
        // migration still saw no tables and created them again ("relation already exists"); a transaction begun after
        // the wait sees them.
        using (var lockCmd = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLock})", connection)) lockCmd.ExecuteNonQuery();
        try
        {
            MigrateLocked(connection, location);
        }
        finally
        {
            try
            {
                using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({MigrationLock})", connection);
                unlock.ExecuteNonQuery();
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                // The connection broke: the server released the session's lock with it, and the first problem is the one to report.
            }
        }
    }

    private static void MigrateLocked(NpgsqlConnection connection, string location)
    {
        using var tx = connection.BeginTransaction();
        int version = ReadVersion(connection, tx, location); // another process may have migrated meanwhile
        foreach (var (v, description, sql) in Migrations)
        {
            if (v <= version) continue;
            using (var step = new NpgsqlCommand(sql, connection, tx)) step.ExecuteNonQuery();
            using var record = new NpgsqlCommand("INSERT INTO schema_version (version, description) VALUES (@v, @d)", connection, tx);
            record.Parameters.AddWithValue("v", v);
            record.Parameters.AddWithValue("d", description);
            record.ExecuteNonQuery();
        }
        using (var meta = new NpgsqlCommand(
            "INSERT INTO cache_meta (key, value) VALUES ('application', @app), ('created_utc', @created) ON CONFLICT (key) DO NOTHING", connection, tx))
        {
            meta.Parameters.AddWithValue("app", Sqlite.SqliteSchema.ApplicationName);
            meta.Parameters.AddWithValue("created", DateTimeOffset.UtcNow.ToString("o", System.Globalization.CultureInfo.InvariantCulture));
            meta.ExecuteNonQuery();
        }
        tx.Commit();
    }

    private static NewsCacheException NotACache(string location, string why) =>
        new(NewsCacheProblem.NotACache, location,
            $"The database {location} cannot be used as the NewsCmdlets cache: {why}. Use another database, or a schema of its own " +
            "(add 'Search Path=<schema>' to the connection string).");
}
