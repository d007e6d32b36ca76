using System.Buffers;
using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Data;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Engine.Cache;

/// <summary>
/// The SQLite store (the default, see <see cref="ICacheStore"/>): one SQLite file that keeps imported articles (with their raw source), the inputs they came from, an entity index
/// and analyses, so a later session starts from it. WAL journal, a busy timeout, foreign keys, and one transaction per
/// batch: several processes can write at once and a killed process loses only its uncommitted batch.
/// One instance is one connection: use it from one thread at a time.
/// </summary>
internal sealed partial class SqliteStore : ICacheStore, IArticleTable, IAnalysisTable, IEntityIndexTable, IArticleSearch
{
    // The columns an article is read from: what queries filter, sort or search by, and the record that packs the rest
    // (see ArticleRecord). The columns the record replaced stay in the table, empty (SQLite cannot drop them cheaply).
    private const string ArticleColumns = "a.id, a.title, a.body, a.outlet, a.record";

    private const int ArticleColumnCount = 5;

    private readonly SqliteConnection _connection;

    private SqliteStore(string path, SqliteConnection connection, bool readOnly)
    {
        Path = path;
        _connection = connection;
        IsReadOnly = readOnly;
    }

    /// <summary>The cache file's full path.</summary>
    public string Path { get; }

    /// <summary>True when the file was opened for reading only (asked for, or the file cannot be written).</summary>
    public bool IsReadOnly { get; }

    public string Location => Path;
    public IArticleTable Articles => this;
    public IAnalysisTable Analyses => this;
    public IEntityIndexTable EntityIndex => this;
    public IArticleSearch Search => this;

    /// <summary>The default file: the platform's per-user data folder (XDG_DATA_HOME on Linux when set)/NewsCmdlets/news-cache.db.</summary>
    public static string DefaultPath
    {
        get
        {
            string? xdg = OperatingSystem.IsLinux() ? Environment.GetEnvironmentVariable("XDG_DATA_HOME") : null;
            string root = !string.IsNullOrEmpty(xdg) && System.IO.Path.IsPathRooted(xdg)
                ? xdg
                : Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
            if (string.IsNullOrEmpty(root)) root = System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
            return System.IO.Path.Combine(root, "NewsCmdlets", "news-cache.db");
        }
    }

    /// <summary>Opens the cache file, creating it (and its folder) when missing and migrating an older schema.</summary>
    public static SqliteStore Open(string path, NewsCacheOptions? options = null)
    {
        options ??= new NewsCacheOptions();
        SqliteNativeLibrary.EnsureInitialized();
        string full = System.IO.Path.GetFullPath(path);
        bool exists = File.Exists(full);
        if (Directory.Exists(full))
            throw new NewsCacheException(NewsCacheProblem.CannotOpen, full, $"The cache path '{full}' is a folder. Give a file path, such as '{System.IO.Path.Combine(full, "news-cache.db")}'.");
        if (exists) CheckHeader(full);
        bool readOnly = options.ReadOnly || exists && !IsWritable(full);
        if (!exists)
        {
            if (options.ReadOnly)
                throw new NewsCacheException(NewsCacheProblem.CannotOpen, full, $"The cache file '{full}' does not exist. Import articles with -Cache to create it.");
            try
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new NewsCacheException(NewsCacheProblem.CannotOpen, full,
                    $"Cannot create the folder for the cache file '{full}': {ex.Message} Choose another path with Set-NewsCacheConfiguration -CachePath.", ex);
            }
        }
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Pooling = false, // a pooled connection keeps the file open after Dispose, which blocks deleting it
            ForeignKeys = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        };
        var connection = new SqliteConnection(builder.ToString());
        var cache = new SqliteStore(full, connection, readOnly);
        try
        {
            return Opened(cache, () =>
            {
                connection.Open();
                cache.Execute($"PRAGMA busy_timeout = {(int)options.BusyTimeout.TotalMilliseconds}");
                if (!readOnly)
                {
                    cache.Scalar("PRAGMA journal_mode = WAL");
                    cache.Execute("PRAGMA synchronous = NORMAL");
                }
                if (options.MaximumPageCount > 0) cache.Scalar($"PRAGMA max_page_count = {options.MaximumPageCount}");
                // Reads through memory-mapped pages instead of a read() into SQLite's page cache for each page.
                cache.Scalar("PRAGMA mmap_size = 268435456");
            });
        }
        catch (NewsCacheException ex) when (exists && ex.InnerException is SqliteException { SqliteErrorCode: 14 } && !File.Exists(full + "-wal"))
        {
            // A folder that cannot be written: SQLite cannot create the -wal and -shm files a WAL database needs, not
            // even to read. Nobody can write the file there either (no journal can be created), so it is read as it is.
            return OpenUnchangeable(full, options);
        }
    }

    /// <summary>Runs <paramref name="open"/> and migrates; on failure the cache is closed and the error is the cache's own.</summary>
    private static SqliteStore Opened(SqliteStore cache, Action open)
    {
        try
        {
            open();
            cache.Migrate();
            return cache;
        }
        catch (SqliteException ex)
        {
            cache.Dispose();
            throw Translate(ex, cache.Path, "open");
        }
        catch
        {
            cache.Dispose();
            throw;
        }
    }

    /// <summary>A cache file in a folder that cannot be written, opened read-only and immutable (no -wal or -shm needed).</summary>
    private static SqliteStore OpenUnchangeable(string full, NewsCacheOptions options)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = new Uri(full).AbsoluteUri + "?immutable=1",
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        };
        var connection = new SqliteConnection(builder.ToString());
        return Opened(new SqliteStore(full, connection, readOnly: true), connection.Open);
    }

    /// <summary>Deletes a cache file and its WAL and shared-memory files (the way to start afresh, even from a damaged file).</summary>
    public static bool DeleteFiles(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        bool any = false;
        foreach (var f in new[] { full, full + "-wal", full + "-shm", full + "-journal" })
        {
            if (!File.Exists(f)) continue;
            try
            {
                File.Delete(f);
                any = true;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new NewsCacheException(NewsCacheProblem.ReadOnly, full, $"Cannot delete '{f}': {ex.Message} Close other sessions that use the cache and try again.", ex);
            }
        }
        return any;
    }

    // ---- Schema ----------------------------------------------------------------------------------------------

    /// <summary>The schema version of the open file.</summary>
    public int SchemaVersion => Convert.ToInt32(Scalar("SELECT coalesce(max(version), 0) FROM schema_version"), CultureInfo.InvariantCulture);

    private void Migrate()
    {
        int version = ReadVersion();
        if (version == NewsCacheSchema.CurrentVersion) return;
        if (version > NewsCacheSchema.CurrentVersion)
            throw new NewsCacheException(NewsCacheProblem.NewerSchema, Path,
                $"The cache file '{Path}' has schema version {version}, written by a newer NewsCmdlets (this one knows up to {NewsCacheSchema.CurrentVersion}). " +
                "Update the module, or use another cache file with Set-NewsCacheConfiguration -CachePath.");
        if (IsReadOnly)
            throw new NewsCacheException(NewsCacheProblem.ReadOnly, Path,
                $"The cache file '{Path}' has schema version {version} and must be upgraded to {NewsCacheSchema.CurrentVersion}, but it is read-only. " +
                "Make it writable once so it can be upgraded, or use another cache file.");
        using var tx = _connection.BeginTransaction(IsolationLevel.Serializable); // BEGIN IMMEDIATE: one process migrates, the others wait
        version = ReadVersion(tx); // another process may have migrated meanwhile
        foreach (var (v, description, sql) in NewsCacheSchema.Migrations)
        {
            if (v <= version) continue;
            Execute(sql, tx);
            if (v == NewsCacheSchema.PackedRecordVersion) PackColumnsIntoRecords(tx);
            using var cmd = Command("INSERT INTO schema_version (version, description, applied_utc) VALUES ($v, $d, $t)", tx);
            cmd.Parameters.AddWithValue("$v", v);
            cmd.Parameters.AddWithValue("$d", description);
            cmd.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.ToString("o", CultureInfo.InvariantCulture));
            cmd.ExecuteNonQuery();
        }
        Execute($"INSERT OR IGNORE INTO cache_meta (key, value) VALUES ('application', '{NewsCacheSchema.ApplicationName}')", tx);
        Execute($"INSERT OR IGNORE INTO cache_meta (key, value) VALUES ('created_utc', '{DateTimeOffset.UtcNow.ToString("o", CultureInfo.InvariantCulture)}')", tx);
        tx.Commit();
    }

    /// <summary>
    /// Schema 6: each article's fields that moved into the record are copied there as they are (the same text, see
    /// <see cref="ArticleRecord"/>) and their columns emptied, a few hundred rows at a time, inside the migration's
    /// transaction. Title and body are not touched, so the full-text index is left as it is.
    /// </summary>
    private void PackColumnsIntoRecords(SqliteTransaction tx)
    {
        var columns = ArticleRecord.Fields;
        using var select = Command($"SELECT rowid, {string.Join(", ", columns)} FROM articles WHERE rowid > $after ORDER BY rowid LIMIT 500", tx);
        var emptied = columns.Where(c => c is not ("word_count" or "source_kind")).Select(c => c + " = NULL"); // NOT NULL in schema 1
        using var update = Command($"UPDATE articles SET record = $record, {string.Join(", ", emptied)} WHERE rowid = $rowid", tx);
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

    private int ReadVersion(SqliteTransaction? tx = null)
    {
        // One statement, one snapshot: read as two, another process's migration could commit between them and a
        // half-seen new cache would look like somebody else's database.
        using (var cmd = Command("SELECT (SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'), (SELECT count(*) FROM sqlite_master)", tx))
        using (var r = cmd.ExecuteReader())
        {
            r.Read();
            if (r.GetInt64(0) == 0)
            {
                if (r.GetInt64(1) > 0) throw NotACache(Path, "it is an SQLite database, but not a NewsCmdlets cache");
                return 0;
            }
        }
        return Convert.ToInt32(Scalar("SELECT coalesce(max(version), 0) FROM schema_version", tx), CultureInfo.InvariantCulture);
    }

    // ---- Writing ---------------------------------------------------------------------------------------------

    /// <summary>Stores articles and inputs in one transaction: all of them are kept, or (on failure or a kill) none.</summary>
    public void Write(IReadOnlyList<CacheWrite> batch)
    {
        if (batch.Count == 0) return;
        WriteGuard("write to", () =>
        {
            using var tx = _connection.BeginTransaction(IsolationLevel.Serializable);
            using var article = Command(UpsertArticleSql, tx);
            using var source = Command(UpsertSourceSql, tx);
            using var input = Command(UpsertInputSql, tx);
            using var previous = Command("SELECT article_id FROM inputs WHERE location = $location", tx);
            using var orphan = Command("DELETE FROM articles WHERE id = $id AND NOT EXISTS (SELECT 1 FROM inputs WHERE article_id = $id)", tx);
            long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            foreach (var w in batch)
            {
                if (w.Article != null) BindArticle(article, w.Article, now).ExecuteNonQuery();
                if (w.Article != null && w.RawSource != null)
                {
                    source.Parameters.Clear();
                    source.Parameters.AddWithValue("$id", w.Article.Id);
                    source.Parameters.AddWithValue("$raw", Compress(w.RawSource));
                    source.Parameters.AddWithValue("$length", w.RawSource.Length);
                    source.ExecuteNonQuery();
                }
                if (w.Input == null) continue;
                previous.Parameters.Clear();
                previous.Parameters.AddWithValue("$location", w.Input.Location);
                string? before = previous.ExecuteScalar() as string;
                BindInput(input, w.Input with { ArticleId = w.Input.ArticleId ?? w.Article?.Id }).ExecuteNonQuery();
                if (before != null && before != (w.Input.ArticleId ?? w.Article?.Id))
                {
                    // The input changed into another article: the old version goes unless another input still gives it.
                    orphan.Parameters.Clear();
                    orphan.Parameters.AddWithValue("$id", before);
                    orphan.ExecuteNonQuery();
                }
            }
            tx.Commit();
            return batch.Count;
        });
    }

    /// <summary>Stores one article (and its raw source) in its own transaction.</summary>
    public void Put(NewsArticle article, byte[]? rawSource = null, CachedInput? input = null) =>
        Write(new[] { new CacheWrite(article, rawSource, input) });

    // word_count and source_kind are kept in their columns too: schema 1 declared them NOT NULL.
    private const string UpsertArticleSql = """
        INSERT INTO articles (id, title, body, outlet, published_utc, word_count, source_kind, record, imported_utc)
        VALUES ($id, $title, $body, $outlet, $published_utc, $word_count, $source_kind, $record, $imported_utc)
        ON CONFLICT (id) DO UPDATE SET title = excluded.title, body = excluded.body, outlet = excluded.outlet,
            published_utc = excluded.published_utc, word_count = excluded.word_count, source_kind = excluded.source_kind,
            record = excluded.record, imported_utc = excluded.imported_utc
        """;

    private const string UpsertSourceSql = """
        INSERT INTO article_sources (article_id, raw, codec, length) VALUES ($id, $raw, 'br', $length)
        ON CONFLICT (article_id) DO UPDATE SET raw = excluded.raw, codec = excluded.codec, length = excluded.length
        """;

    private const string UpsertInputSql = """
        INSERT INTO inputs (location, article_id, length, last_write_utc, content_hash, reader_key, etag, last_modified, checked_utc)
        VALUES ($location, $article_id, $length, $last_write_utc, $content_hash, $reader_key, $etag, $last_modified, $checked_utc)
        ON CONFLICT (location) DO UPDATE SET article_id = excluded.article_id, length = excluded.length, last_write_utc = excluded.last_write_utc,
            content_hash = excluded.content_hash, reader_key = excluded.reader_key, etag = excluded.etag, last_modified = excluded.last_modified,
            checked_utc = excluded.checked_utc
        """;

    private static SqliteCommand BindArticle(SqliteCommand cmd, NewsArticle a, long now)
    {
        var p = cmd.Parameters;
        p.Clear();
        p.AddWithValue("$id", a.Id);
        p.AddWithValue("$title", Db(a.Title));
        p.AddWithValue("$body", a.Body);
        p.AddWithValue("$outlet", Db(a.Outlet));
        p.AddWithValue("$published_utc", a.Published is { } pub ? pub.ToUnixTimeMilliseconds() : DBNull.Value);
        p.AddWithValue("$word_count", a.WordCount);
        p.AddWithValue("$source_kind", a.SourceKind);
        p.AddWithValue("$record", PackRecord(a));
        p.AddWithValue("$imported_utc", now);
        return cmd;
    }

    /// <summary>The fields of <see cref="ArticleRecord.Fields"/>, each written as its column was before schema 6.</summary>
    internal static byte[] PackRecord(NewsArticle a) => ArticleRecord.Pack(new[]
    {
        a.Standfirst,
        ParagraphsJson(a),
        ListJson(a.Captions),
        a.Published?.ToString("o", CultureInfo.InvariantCulture),
        a.Updated?.ToString("o", CultureInfo.InvariantCulture),
        ListJson(a.Authors),
        a.Agency,
        a.Dateline,
        a.Language,
        a.WordCount.ToString(CultureInfo.InvariantCulture),
        a.Source,
        a.Url,
        a.SourceKind,
        JsonSerializer.Serialize(a.Sources.Select(kv => new[] { kv.Key, kv.Value }).ToArray(), StoredJson),
        ListJson(a.Removed),
        ListJson(a.Warnings),
        ListJson(a.Categories),
    });

    private static SqliteCommand BindInput(SqliteCommand cmd, CachedInput i)
    {
        var p = cmd.Parameters;
        p.Clear();
        p.AddWithValue("$location", i.Location);
        p.AddWithValue("$article_id", Db(i.ArticleId));
        p.AddWithValue("$length", i.Length is { } l ? l : DBNull.Value);
        p.AddWithValue("$last_write_utc", i.LastWriteUtc is { } w ? w.ToUnixTimeMilliseconds() : DBNull.Value);
        p.AddWithValue("$content_hash", Db(i.ContentHash));
        p.AddWithValue("$reader_key", Db(i.ReaderKey));
        p.AddWithValue("$etag", Db(i.ETag));
        p.AddWithValue("$last_modified", Db(i.LastModified));
        p.AddWithValue("$checked_utc", i.CheckedUtc.ToUnixTimeMilliseconds());
        return cmd;
    }

    /// <summary>Removes articles by id (their inputs, entity index rows and analyses go with them). Returns how many were removed.</summary>
    public int Remove(IEnumerable<string> ids)
    {
        return WriteGuard("remove articles from", () =>
        {
            using var tx = _connection.BeginTransaction(IsolationLevel.Serializable);
            using var cmd = Command("DELETE FROM articles WHERE id = $id", tx);
            int n = 0;
            foreach (var id in ids)
            {
                cmd.Parameters.Clear();
                cmd.Parameters.AddWithValue("$id", id);
                n += cmd.ExecuteNonQuery();
            }
            tx.Commit();
            return n;
        });
    }

    /// <summary>Empties the cache (every table), keeping the file and its schema, and gives the space back.</summary>
    public void Clear()
    {
        WriteGuard("clear", () =>
        {
            using (var tx = _connection.BeginTransaction(IsolationLevel.Serializable))
            {
                Execute("DELETE FROM analyses; DELETE FROM entity_index; DELETE FROM inputs; DELETE FROM article_sources; DELETE FROM articles; " +
                        "INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');", tx);
                tx.Commit();
            }
            Execute("VACUUM");
            return 0;
        });
    }

    // ---- Entity index and analyses ------------------------------------------------------------------------------

    /// <summary>Replaces an article's rows in the entity index with what <paramref name="analyserVersion"/> found.</summary>
    public void SetEntityIndex(string articleId, string analyserVersion, IEnumerable<(string Key, string Type, int Mentions)> entities) =>
        SetEntityIndex(new[] { (articleId, analyserVersion, entities) });

    /// <summary>Replaces the entity index rows of many articles in one transaction (one per batch, as imports do).</summary>
    public void SetEntityIndex(IEnumerable<(string ArticleId, string AnalyserVersion, IEnumerable<(string Key, string Type, int Mentions)> Entities)> articles)
    {
        WriteGuard("write to", () =>
        {
            using var tx = _connection.BeginTransaction(IsolationLevel.Serializable);
            using var del = Command("DELETE FROM entity_index WHERE article_id = $id", tx);
            var delId = del.Parameters.Add("$id", SqliteType.Text);
            using var ins = Command("""
                INSERT INTO entity_index (entity_key, entity_type, article_id, analyser_version, mentions) VALUES ($k, $t, $id, $v, $m)
                ON CONFLICT DO UPDATE SET mentions = mentions + excluded.mentions
                """, tx);
            var k = ins.Parameters.Add("$k", SqliteType.Text);
            var t = ins.Parameters.Add("$t", SqliteType.Text);
            var id = ins.Parameters.Add("$id", SqliteType.Text);
            var v = ins.Parameters.Add("$v", SqliteType.Text);
            var m = ins.Parameters.Add("$m", SqliteType.Integer);
            int n = 0;
            foreach (var (articleId, analyserVersion, entities) in articles)
            {
                delId.Value = articleId;
                del.ExecuteNonQuery();
                foreach (var (key, type, mentions) in entities)
                {
                    k.Value = key;
                    t.Value = type;
                    id.Value = articleId;
                    v.Value = analyserVersion;
                    m.Value = mentions;
                    ins.ExecuteNonQuery();
                }
                n++;
            }
            tx.Commit();
            return n;
        });
    }

    /// <summary>The analyser version that indexed an article's entities, or null when it was never indexed.</summary>
    public string? GetEntityIndexVersion(string articleId) => Guard("read", () =>
    {
        using var cmd = Command("SELECT analyser_version FROM entity_index WHERE article_id = $id LIMIT 1");
        cmd.Parameters.AddWithValue("$id", articleId);
        return cmd.ExecuteScalar() as string;
    });

    /// <summary>Ids of the articles that mention an entity (by key, case-insensitive; optionally of one type).</summary>
    public IReadOnlyList<string> FindArticlesWithEntity(string entityKey, string? entityType = null) => Guard("read", () =>
    {
        using var cmd = Command("SELECT article_id FROM entity_index WHERE entity_key = $k" + (entityType != null ? " AND entity_type = $t" : ""));
        cmd.Parameters.AddWithValue("$k", entityKey);
        if (entityType != null) cmd.Parameters.AddWithValue("$t", entityType);
        var ids = new List<string>();
        using var r = cmd.ExecuteReader();
        while (r.Read()) ids.Add(r.GetString(0));
        return (IReadOnlyList<string>)ids;
    });

    /// <summary>A stored analysis (entities, quotes, …) of an article, only when it was computed by the same analyser version.</summary>
    public string? GetAnalysis(string articleId, string kind, string analyserVersion) => Guard("read", () =>
    {
        using var cmd = Command("SELECT payload FROM analyses WHERE article_id = $id AND kind = $kind AND analyser_version = $v");
        cmd.Parameters.AddWithValue("$id", articleId);
        cmd.Parameters.AddWithValue("$kind", kind);
        cmd.Parameters.AddWithValue("$v", analyserVersion);
        return cmd.ExecuteScalar() as string;
    });

    /// <summary>Stores an analysis of an article, replacing one of another version.</summary>
    public void PutAnalysis(string articleId, string kind, string analyserVersion, string payload)
    {
        WriteGuard("write to", () =>
        {
            using var cmd = Command("""
                INSERT INTO analyses (article_id, kind, analyser_version, payload, computed_utc) VALUES ($id, $kind, $v, $p, $t)
                ON CONFLICT (article_id, kind) DO UPDATE SET analyser_version = excluded.analyser_version, payload = excluded.payload, computed_utc = excluded.computed_utc
                """);
            cmd.Parameters.AddWithValue("$id", articleId);
            cmd.Parameters.AddWithValue("$kind", kind);
            cmd.Parameters.AddWithValue("$v", analyserVersion);
            cmd.Parameters.AddWithValue("$p", payload);
            cmd.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            cmd.ExecuteNonQuery();
            return 0;
        });
    }

    /// <summary>
    /// Stores analyses in one transaction: each article first when the cache does not hold it (without a raw source),
    /// then the analysis (replacing another version's), then for entities the article's entity index rows.
    /// </summary>
    public void PutAnalyses(IReadOnlyList<AnalysisWrite> batch)
    {
        if (batch.Count == 0) return;
        WriteGuard("write to", () =>
        {
            using var tx = _connection.BeginTransaction(IsolationLevel.Serializable);
            using var article = Command(InsertArticleIfMissingSql, tx);
            using var analysis = Command("""
                INSERT INTO analyses (article_id, kind, analyser_version, payload, computed_utc) VALUES ($id, $kind, $v, $p, $t)
                ON CONFLICT (article_id, kind) DO UPDATE SET analyser_version = excluded.analyser_version, payload = excluded.payload, computed_utc = excluded.computed_utc
                """, tx);
            using var del = Command("DELETE FROM entity_index WHERE article_id = $id", tx);
            using var ins = Command("""
                INSERT INTO entity_index (entity_key, entity_type, article_id, analyser_version, mentions) VALUES ($k, $type, $id, $v, $m)
                ON CONFLICT DO UPDATE SET mentions = mentions + excluded.mentions
                """, tx);
            long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            foreach (var w in batch)
            {
                BindArticle(article, w.Article, now).ExecuteNonQuery();
                var p = analysis.Parameters;
                p.Clear();
                p.AddWithValue("$id", w.Article.Id);
                p.AddWithValue("$kind", w.Kind);
                p.AddWithValue("$v", w.AnalyserVersion);
                p.AddWithValue("$p", w.Payload);
                p.AddWithValue("$t", now);
                analysis.ExecuteNonQuery();
                if (w.EntityIndex == null) continue;
                del.Parameters.Clear();
                del.Parameters.AddWithValue("$id", w.Article.Id);
                del.ExecuteNonQuery();
                foreach (var (key, type, mentions) in w.EntityIndex)
                {
                    ins.Parameters.Clear();
                    ins.Parameters.AddWithValue("$k", key);
                    ins.Parameters.AddWithValue("$type", type);
                    ins.Parameters.AddWithValue("$id", w.Article.Id);
                    ins.Parameters.AddWithValue("$v", w.AnalyserVersion);
                    ins.Parameters.AddWithValue("$m", mentions);
                    ins.ExecuteNonQuery();
                }
            }
            tx.Commit();
            return batch.Count;
        });
    }

    private const string InsertArticleIfMissingSql = """
        INSERT INTO articles (id, title, body, outlet, published_utc, word_count, source_kind, record, imported_utc)
        VALUES ($id, $title, $body, $outlet, $published_utc, $word_count, $source_kind, $record, $imported_utc)
        ON CONFLICT (id) DO NOTHING
        """;

    /// <summary>Keeps the last copy of a web feed with its validators, replacing the previous one.</summary>
    public void PutFeed(CachedFeed feed)
    {
        WriteGuard("write to", () =>
        {
            using var cmd = Command("""
                INSERT INTO feeds (location, etag, last_modified, content_type, body, fetched_utc) VALUES ($l, $e, $m, $c, $b, $t)
                ON CONFLICT (location) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
                    content_type = excluded.content_type, body = excluded.body, fetched_utc = excluded.fetched_utc
                """);
            cmd.Parameters.AddWithValue("$l", feed.Location);
            cmd.Parameters.AddWithValue("$e", (object?)feed.ETag ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$m", feed.LastModified is { } lm ? lm.ToString("O", CultureInfo.InvariantCulture) : DBNull.Value);
            cmd.Parameters.AddWithValue("$c", (object?)feed.ContentType ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$b", feed.Body);
            cmd.Parameters.AddWithValue("$t", feed.FetchedUtc.ToUnixTimeMilliseconds());
            cmd.ExecuteNonQuery();
            return 0;
        });
    }

    /// <summary>The last copy of a web feed the cache holds, or null.</summary>
    public CachedFeed? GetFeed(string location) => Guard("read", () =>
    {
        using var cmd = Command("SELECT etag, last_modified, content_type, body, fetched_utc FROM feeds WHERE location = $l");
        cmd.Parameters.AddWithValue("$l", location);
        using var r = cmd.ExecuteReader();
        if (!r.Read()) return null;
        return new CachedFeed(location, r.IsDBNull(0) ? null : r.GetString(0),
            r.IsDBNull(1) ? null : DateTimeOffset.Parse(r.GetString(1), CultureInfo.InvariantCulture),
            r.IsDBNull(2) ? null : r.GetString(2), (byte[])r.GetValue(3), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4)));
    });

    // ---- Reading ---------------------------------------------------------------------------------------------

    /// <summary>What the cache knows about an input (file path or URL), or null.</summary>
    public CachedInput? GetInput(string location) => Guard("read", () =>
    {
        using var cmd = Command("SELECT " + InputColumns + " FROM inputs i WHERE i.location = $l");
        cmd.Parameters.AddWithValue("$l", location);
        using var r = cmd.ExecuteReader();
        return r.Read() ? ReadInput(new ReaderRow(r), 0) : null;
    });

    private SqliteCommand? _lookupCommand;
    private sqlite3_stmt? _lookupFromStatement;

    private const string InputColumns = "i.location, i.article_id, i.length, i.last_write_utc, i.content_hash, i.reader_key, i.etag, i.last_modified, i.checked_utc";

    /// <summary>
    /// What the cache knows about an input and the article it gave, in one query on a statement prepared once per
    /// connection.
    /// </summary>
    public (CachedInput? Input, NewsArticle? Article) LookupInput(string location) => Guard("read", () =>
    {
        if (_lookupCommand == null)
        {
            _lookupCommand = Command("SELECT " + ArticleColumns + ", " + InputColumns +
                " FROM inputs i LEFT JOIN articles a ON a.id = i.article_id WHERE i.location = $l");
            _lookupCommand.Parameters.Add("$l", SqliteType.Text);
            _lookupCommand.Prepare();
        }
        _lookupCommand.Parameters[0].Value = location;
        using var r = _lookupCommand.ExecuteReader();
        if (!r.Read()) return ((CachedInput?)null, (NewsArticle?)null);
        return (ReadInput(new ReaderRow(r), ArticleColumnCount), r.IsDBNull(0) ? null : ReadArticleOrNull(new ReaderRow(r)));
    });

    /// <summary>
    /// The inputs whose location sorts at or after <paramref name="location"/> and before <paramref name="before"/>
    /// (ordinal order of the UTF-8 bytes, as SQLite compares text), at most <paramref name="count"/> of them, each with
    /// the article it gave: one range scan of the inputs key instead of one query per file.
    /// <see cref="CachedArticleReader"/> reads a folder's stamps this way, a window at a time, because files usually
    /// come in path order (Get-ChildItem, wildcards).
    /// </summary>
    public IReadOnlyList<(CachedInput Input, NewsArticle? Article)> LookupInputsFrom(string location, string before, int count) => Guard("read", () =>
    {
        // On SQLite's own API (the statement prepared once): columns are read straight from SQLite's buffers, which
        // is most of the time a re-import of a cached corpus takes.
        var db = _connection.Handle!;
        if (_lookupFromStatement == null)
        {
            int prc = raw.sqlite3_prepare_v2(db, "SELECT " + ArticleColumns + ", " + InputColumns +
                " FROM inputs i LEFT JOIN articles a ON a.id = i.article_id WHERE i.location >= ?1 AND i.location < ?2 ORDER BY i.location LIMIT ?3",
                out _lookupFromStatement);
            SqliteException.ThrowExceptionForRC(prc, db);
        }
        var stmt = _lookupFromStatement;
        var rows = new List<(CachedInput, NewsArticle?)>(Math.Min(Math.Max(1, count), 1024));
        try
        {
            raw.sqlite3_bind_text(stmt, 1, location);
            raw.sqlite3_bind_text(stmt, 2, before);
            raw.sqlite3_bind_int64(stmt, 3, Math.Max(1, count));
            var row = new RawRow(stmt);
            int rc;
            while ((rc = raw.sqlite3_step(stmt)) == raw.SQLITE_ROW)
                rows.Add((ReadInput(row, ArticleColumnCount), row.IsDBNull(0) ? null : ReadArticleOrNull(row)));
            if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, db);
        }
        finally
        {
            raw.sqlite3_reset(stmt);
            raw.sqlite3_clear_bindings(stmt);
        }
        return (IReadOnlyList<(CachedInput, NewsArticle?)>)rows;
    });

    /// <summary>Column access shared by Microsoft.Data.Sqlite's reader and a raw statement, so one decoder serves both.</summary>
    internal interface IRow
    {
        bool IsDBNull(int i);
        string GetString(int i);
        long GetInt64(int i);
        int GetInt32(int i);
        /// <summary>A text column's UTF-8 bytes, valid until the row moves on.</summary>
        ReadOnlySpan<byte> Utf8(int i);
        /// <summary>A text column or null, asking SQLite once for a value (twice only for an empty one).</summary>
        string? StringOrNull(int i);
        /// <summary>A text column's UTF-8 bytes, <paramref name="isNull"/> when it is NULL.</summary>
        ReadOnlySpan<byte> Utf8OrNull(int i, out bool isNull);
    }

    private readonly struct ReaderRow(SqliteDataReader r) : IRow
    {
        public bool IsDBNull(int i) => r.IsDBNull(i);
        public string GetString(int i) => r.GetString(i);
        public long GetInt64(int i) => r.GetInt64(i);
        public int GetInt32(int i) => r.GetInt32(i);
        // GetFieldValue<byte[]> copies the bytes; GetBytes/GetStream would open an incremental blob handle per call,
        // which is many times slower.
        public ReadOnlySpan<byte> Utf8(int i) => r.GetFieldValue<byte[]>(i);
        public string? StringOrNull(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        public ReadOnlySpan<byte> Utf8OrNull(int i, out bool isNull) => (isNull = r.IsDBNull(i)) ? default : Utf8(i);
    }

    private readonly struct RawRow(sqlite3_stmt stmt) : IRow
    {
        public bool IsDBNull(int i) => raw.sqlite3_column_type(stmt, i) == raw.SQLITE_NULL;
        public string GetString(int i) => Encoding.UTF8.GetString(raw.sqlite3_column_blob(stmt, i));
        public long GetInt64(int i) => raw.sqlite3_column_int64(stmt, i);
        public int GetInt32(int i) => raw.sqlite3_column_int(stmt, i);
        public ReadOnlySpan<byte> Utf8(int i) => raw.sqlite3_column_blob(stmt, i);
        public string? StringOrNull(int i)
        {
            var b = Utf8OrNull(i, out bool isNull);
            return isNull ? null : b.IsEmpty ? "" : Encoding.UTF8.GetString(b);
        }
        public ReadOnlySpan<byte> Utf8OrNull(int i, out bool isNull)
        {
            var b = raw.sqlite3_column_blob(stmt, i);
            isNull = b.IsEmpty && raw.sqlite3_column_type(stmt, i) == raw.SQLITE_NULL;
            return b;
        }
    }

    internal static CachedInput ReadInput<TRow>(TRow r, int o) where TRow : IRow => new()
    {
        Location = r.GetString(o),
        ArticleId = r.IsDBNull(o + 1) ? null : r.GetString(o + 1),
        Length = r.IsDBNull(o + 2) ? null : r.GetInt64(o + 2),
        LastWriteUtc = r.IsDBNull(o + 3) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(o + 3)),
        ContentHash = r.IsDBNull(o + 4) ? null : r.GetString(o + 4),
        ReaderKey = r.IsDBNull(o + 5) ? null : r.GetString(o + 5),
        ETag = r.IsDBNull(o + 6) ? null : r.GetString(o + 6),
        LastModified = r.IsDBNull(o + 7) ? null : r.GetString(o + 7),
        CheckedUtc = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(o + 8)),
    };

    /// <summary>One article by id, or null.</summary>
    public NewsArticle? GetArticle(string id) => Query(new NewsArticleQuery { Id = new[] { id } }).FirstOrDefault();

    /// <summary>The raw source an article was read from (decompressed), or null when it was not kept.</summary>
    public byte[]? GetRawSource(string id) => Guard("read", () =>
    {
        using var cmd = Command("SELECT raw, codec FROM article_sources WHERE article_id = $id");
        cmd.Parameters.AddWithValue("$id", id);
        using var r = cmd.ExecuteReader();
        if (!r.Read() || r.IsDBNull(0)) return null;
        var stored = (byte[])r.GetValue(0);
        return r.IsDBNull(1) ? stored : Decompress(stored);
    });

    /// <summary>
    /// The articles that match, streamed: newest first, or best match first with a search. Two steps: the matching
    /// rows are found and ordered by their row ids alone (entity and id lookups through an index that holds each id
    /// with its publication time, so no article row is read to sort), then each article is read by row id. Sorting
    /// whole rows made SQLite copy every body through its sorter.
    /// </summary>
    public IEnumerable<NewsArticle> Query(NewsArticleQuery query)
    {
        string? match = null;
        if (query.Query != null && query.Search != null)
            throw new ArgumentException("Give either a search (plain words) or a raw full-text query, not both.");
        if (query.Query != null) match = query.Query;
        else if (query.Search != null)
        {
            match = FtsQuery.FromUserText(query.Search);
            if (match == null) yield break; // no words to look for: nothing matches
        }
        var rowids = new List<long>();
        using (var cmd = Command(""))
        {
            var sql = new StringBuilder("SELECT a.rowid FROM articles a");
            var where = new List<string>();
            bool byEntity = query.Entity is { Count: > 0 };
            // Entity lookups: the entity index walked in key order, joined to the index (id, published_utc), which
            // answers the lookup and gives what the sort needs without reading rows; sorted here (SQLite would first
            // build a temporary index of the ids). Not with an outlet filter, which the outlet index serves better.
            bool joinEntities = match == null && byEntity && query.Outlet is not { Count: > 0 };
            if (joinEntities)
            {
                sql.Clear().Append("SELECT a.rowid, a.published_utc, a.id FROM entity_index e JOIN articles a INDEXED BY articles_id_published ON a.id = e.article_id");
                where.Add("e.entity_key = $entity0");
            }
            if (match != null)
            {
                sql.Append(" JOIN articles_fts f ON f.rowid = a.rowid");
                where.Add("articles_fts MATCH $match");
                cmd.Parameters.AddWithValue("$match", match);
            }
            AddIn(where, cmd, "a.id", "$id", query.Id, exact: true);
            if (query.Outlet is { Count: > 0 } outlets)
            {
                var ors = new List<string>();
                for (int i = 0; i < outlets.Count; i++)
                {
                    ors.Add($"a.outlet LIKE $outlet{i} ESCAPE '\\'");
                    cmd.Parameters.AddWithValue($"$outlet{i}", WildcardToLike(outlets[i]));
                }
                where.Add("(" + string.Join(" OR ", ors) + ")");
            }
            if (query.Since is { } since)
            {
                where.Add("a.published_utc >= $since");
                cmd.Parameters.AddWithValue("$since", since.ToUnixTimeMilliseconds());
            }
            if (query.Until is { } until)
            {
                where.Add("a.published_utc < $until");
                cmd.Parameters.AddWithValue("$until", until.ToUnixTimeMilliseconds());
            }
            if (query.Entity is { Count: > 0 } entities)
            {
                for (int i = 0; i < entities.Count; i++)
                {
                    if (i > 0 || !joinEntities) where.Add($"a.id IN (SELECT article_id FROM entity_index WHERE entity_key = $entity{i})");
                    cmd.Parameters.AddWithValue($"$entity{i}", entities[i]);
                }
            }
            if (where.Count > 0) sql.Append(" WHERE ").Append(string.Join(" AND ", where));
            if (!joinEntities)
            {
                sql.Append(match != null ? " ORDER BY f.rank" : " ORDER BY a.published_utc IS NULL, a.published_utc DESC, a.id");
                if (query.First is { } first)
                {
                    sql.Append(" LIMIT $first");
                    cmd.Parameters.AddWithValue("$first", first);
                }
            }
            cmd.CommandText = sql.ToString();
            try
            {
                if (!joinEntities)
                {
                    using var reader = cmd.ExecuteReader();
                    while (reader.Read()) rowids.Add(reader.GetInt64(0));
                }
                else
                {
                    // One row per (key, type, article): an article named as two types comes twice. Read on SQLite's own
                    // API: the biggest entities are in tens of thousands of articles.
                    // Pooled buffers: a list of ten thousand hits is a large object, and allocating those on every
                    // lookup brought full garbage collections.
                    var hits = ArrayPool<Hit>.Shared.Rent(1024);
                    var idBytes = ArrayPool<byte>.Shared.Rent(16 * 1024); // the ids' UTF-8, one after another
                    int count = 0, used = 0;
                    try
                    {
                        ReadRaw(cmd, stmt =>
                        {
                            if (count == hits.Length) Grow(ref hits);
                            var id = raw.sqlite3_column_blob(stmt, 2);
                            while (used + id.Length > idBytes.Length) Grow(ref idBytes);
                            id.CopyTo(idBytes.AsSpan(used));
                            hits[count++] = new Hit(raw.sqlite3_column_int64(stmt, 0),
                                raw.sqlite3_column_type(stmt, 1) == raw.SQLITE_NULL ? long.MinValue : raw.sqlite3_column_int64(stmt, 1),
                                used, id.Length);
                            used += id.Length;
                        });
                        // The order of the other queries: newest first, undated last, then by id (its UTF-8 bytes, as
                        // SQLite orders text). An article found as two types comes twice, and the copies sort side by side.
                        hits.AsSpan(0, count).Sort(new HitOrder(idBytes));
                        int take = query.First is { } n ? Math.Max(n, 0) : int.MaxValue;
                        rowids.Capacity = Math.Min(count, take);
                        for (int i = 0; i < count && rowids.Count < take; i++)
                            if (i == 0 || hits[i].Rowid != hits[i - 1].Rowid) rowids.Add(hits[i].Rowid);
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(idBytes);
                        ArrayPool<Hit>.Shared.Return(hits);
                    }
                }
            }
            catch (SqliteException ex)
            {
                throw TranslateQuery(ex, query);
            }
        }
        // The rows are read in chunks, one statement step per row (a statement per row cost more than reading it):
        // a small first chunk so a pipeline gets its first article at once, larger ones after.
        int chunk = 16;
        for (int start = 0; start < rowids.Count; start += chunk, chunk = Math.Min(chunk * 4, MaxChunk))
        {
            List<NewsArticle> articles;
            try
            {
                articles = ReadArticlesByRowid(rowids, start, Math.Min(chunk, rowids.Count - start), query.OnUnreadable);
            }
            catch (SqliteException ex)
            {
                throw TranslateQuery(ex, query);
            }
            foreach (var article in articles) yield return article; // a row removed since the first step is skipped
        }
    }

    private sqlite3_stmt? _articlesByRowid;

    /// <summary>An entity lookup's hit: the article's row, its publication time (<see cref="long.MinValue"/> when
    /// undated) and where its id's UTF-8 bytes are in the lookup's buffer.</summary>
    private readonly record struct Hit(long Rowid, long Published, int IdStart, int IdLength);

    /// <summary>Newest first, undated last, then by id.</summary>
    private readonly struct HitOrder(byte[] ids) : IComparer<Hit>
    {
        public int Compare(Hit x, Hit y) => x.Published != y.Published
            ? y.Published.CompareTo(x.Published)
            : ids.AsSpan(x.IdStart, x.IdLength).SequenceCompareTo(ids.AsSpan(y.IdStart, y.IdLength));
    }

    private static void Grow<T>(ref T[] pooled)
    {
        var bigger = ArrayPool<T>.Shared.Rent(pooled.Length * 2);
        pooled.AsSpan().CopyTo(bigger);
        ArrayPool<T>.Shared.Return(pooled, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        pooled = bigger;
    }

    /// <summary>Rows read per statement step at most: larger chunks held more articles alive across a garbage
    /// collection, which promoted them and cost more than the extra steps (measured at 64, 256 and 1,024).</summary>
    private const int MaxChunk = 256;

    /// <summary>Runs <paramref name="cmd"/> (text and named parameters, strings and integers) on SQLite's own API,
    /// calling <paramref name="row"/> for each row.</summary>
    private void ReadRaw(SqliteCommand cmd, Action<sqlite3_stmt> row)
    {
        var db = _connection.Handle!;
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(db, cmd.CommandText, out var stmt), db);
        using (stmt)
        {
            foreach (SqliteParameter p in cmd.Parameters)
            {
                int at = raw.sqlite3_bind_parameter_index(stmt, p.ParameterName);
                if (at == 0) continue;
                int brc = p.Value switch
                {
                    string text => raw.sqlite3_bind_text(stmt, at, text),
                    long n => raw.sqlite3_bind_int64(stmt, at, n),
                    int n => raw.sqlite3_bind_int64(stmt, at, n),
                    _ => throw new ArgumentException($"Parameter {p.ParameterName}: unsupported value type {p.Value?.GetType().Name ?? "null"}."),
                };
                SqliteException.ThrowExceptionForRC(brc, db);
            }
            int rc;
            while ((rc = raw.sqlite3_step(stmt)) == raw.SQLITE_ROW) row(stmt);
            if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, db);
        }
    }

    /// <summary>
    /// Articles by row id, in the order given (<paramref name="count"/> of them from <paramref name="start"/>), read
    /// straight from SQLite's buffers by one statement prepared once (the ids go in as a JSON array). The statement is
    /// reset before returning, so callers may interleave queries while they consume the result.
    /// </summary>
    private List<NewsArticle> ReadArticlesByRowid(List<long> rowids, int start, int count, Action<string, string>? onUnreadable)
    {
        var db = _connection.Handle!;
        if (_articlesByRowid == null)
        {
            int prc = raw.sqlite3_prepare_v2(db, "SELECT " + ArticleColumns + ", a.rowid FROM articles a WHERE a.rowid IN (SELECT value FROM json_each(?1))", out _articlesByRowid);
            SqliteException.ThrowExceptionForRC(prc, db);
        }
        var stmt = _articlesByRowid;
        var position = new Dictionary<long, int>(count);
        var ids = new StringBuilder("[");
        for (int i = 0; i < count; i++)
        {
            if (i > 0) ids.Append(',');
            ids.Append(rowids[start + i].ToString(CultureInfo.InvariantCulture));
            position[rowids[start + i]] = i;
        }
        ids.Append(']');
        var found = new NewsArticle?[count];
        try
        {
            raw.sqlite3_bind_text(stmt, 1, ids.ToString());
            int rc;
            var problems = new List<(string Id, string Reason)>();
            while ((rc = raw.sqlite3_step(stmt)) == raw.SQLITE_ROW)
            {
                var row = new RawRow(stmt);
                if (TryReadArticle(row, out var article, out string? reason))
                    found[position[raw.sqlite3_column_int64(stmt, ArticleColumnCount)]] = article;
                else problems.Add((row.GetString(0), reason!));
            }
            if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, db);
            foreach (var (id, reason) in problems) onUnreadable?.Invoke(id, reason); // after the statement is done with
        }
        finally
        {
            raw.sqlite3_reset(stmt);
        }
        var list = new List<NewsArticle>(count);
        foreach (var a in found) if (a != null) list.Add(a);
        return list;
    }

    private Exception TranslateQuery(SqliteException ex, NewsArticleQuery query)
    {
        if (query.Query != null && ex.SqliteErrorCode == 1)
            return new NewsCacheException(NewsCacheProblem.InvalidQuery, Path,
                $"The full-text query '{query.Query}' is not valid FTS5 syntax (SQLite: {SqliteMessage(ex)}). " +
                "Use -Search for plain words (any text works there), or see the FTS5 query syntax at https://www.sqlite.org/fts5.html#full_text_query_syntax.", ex);
        return Translate(ex, Path, "read");
    }

    /// <summary>SQLite's own words, without Microsoft.Data.Sqlite's "SQLite Error N: '…'." wrapping.</summary>
    private static string SqliteMessage(SqliteException ex)
    {
        var m = System.Text.RegularExpressions.Regex.Match(ex.Message, @"^SQLite Error \d+: '(.*)'\.?$", System.Text.RegularExpressions.RegexOptions.Singleline);
        return m.Success ? m.Groups[1].Value : ex.Message;
    }

    private static void AddIn(List<string> where, SqliteCommand cmd, string column, string prefix, IReadOnlyList<string>? values, bool exact)
    {
        if (values is not { Count: > 0 }) return;
        var names = new List<string>();
        for (int i = 0; i < values.Count; i++)
        {
            names.Add(prefix + i);
            cmd.Parameters.AddWithValue(prefix + i, values[i]);
        }
        where.Add($"{column} IN ({string.Join(", ", names)})");
    }

    internal static string WildcardToLike(string pattern)
    {
        var sb = new StringBuilder();
        foreach (char c in pattern)
        {
            sb.Append(c switch
            {
                '*' => "%",
                '?' => "_",
                '%' => "\\%",
                '_' => "\\_",
                '\\' => "\\\\",
                _ => c.ToString(),
            });
        }
        return sb.ToString();
    }

    /// <summary>
    /// An article, or false with the reason when its stored row cannot be read (a damaged or missing record): one bad
    /// row must not hide the others.
    /// </summary>
    internal static bool TryReadArticle<TRow>(TRow r, out NewsArticle article, out string? reason) where TRow : IRow
    {
        try
        {
            article = ReadArticle(r);
            reason = null;
            return true;
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or OverflowException)
        {
            article = null!;
            reason = ex.Message;
            return false;
        }
    }

    /// <summary>An article for an input lookup, or null when its row cannot be read: the input is then read again and
    /// its article stored anew, which mends the row.</summary>
    private static NewsArticle? ReadArticleOrNull<TRow>(TRow r) where TRow : IRow =>
        TryReadArticle(r, out var article, out _) ? article : null;

    /// <summary>An article from the columns of <see cref="ArticleColumns"/>: four columns and the packed record.</summary>
    private static NewsArticle ReadArticle<TRow>(TRow r) where TRow : IRow
    {
        string body = r.GetString(2);
        if (r.IsDBNull(4)) throw new InvalidDataException("The article has no stored record.");
        var record = new ArticleRecord.Reader(r.Utf8(4));
        // In the order of ArticleRecord.Fields.
        string? standfirst = record.NextString();
        var paragraphs = ParagraphsFrom(record.Next(out bool isNull), isNull, body);
        var captions = ListFrom(record.Next(out isNull), isNull);
        var published = DateFrom(record.Next(out isNull), isNull);
        var updated = DateFrom(record.Next(out isNull), isNull);
        var authors = ListFrom(record.Next(out isNull), isNull);
        string? agency = record.NextString(), dateline = record.NextString(), language = record.NextString();
        var wordCount = record.Next(out isNull);
        string? source = record.NextString(), url = record.NextString(), sourceKind = record.NextString();
        var sources = SourcesFrom(record.Next(out isNull), isNull);
        var removed = ListFrom(record.Next(out isNull), isNull);
        var warnings = ListFrom(record.Next(out isNull), isNull);
        var categories = ListFrom(record.Next(out isNull), isNull);
        return new NewsArticle
        {
            Id = r.GetString(0),
            Title = r.StringOrNull(1),
            Standfirst = standfirst,
            Body = body,
            Paragraphs = paragraphs,
            Captions = captions,
            Published = published,
            Updated = updated,
            Authors = authors,
            Agency = agency,
            Outlet = r.StringOrNull(3),
            Dateline = dateline,
            Language = language,
            WordCount = Utf8Parser.TryParse(wordCount, out int words, out int used) && used == wordCount.Length ? words : 0,
            Source = source,
            Url = url,
            SourceKind = sourceKind ?? "Text",
            Sources = sources,
            Removed = removed,
            Warnings = warnings,
            Categories = categories,
        };
    }

    /// <summary>What the cache holds and what it runs on.</summary>
    public NewsCacheInfo GetInfo() => Guard("read", () =>
    {
        long size = 0;
        foreach (var f in new[] { Path, Path + "-wal" })
            if (File.Exists(f)) size += new FileInfo(f).Length;
        string? created = Scalar("SELECT value FROM cache_meta WHERE key = 'created_utc'") as string;
        return new NewsCacheInfo
        {
            Path = Path,
            SizeBytes = size,
            Articles = Count("articles"),
            Inputs = Count("inputs"),
            EntityIndexRows = Count("entity_index"),
            Analyses = Count("analyses"),
            SchemaVersion = SchemaVersion,
            SqliteVersion = (string)Scalar("SELECT sqlite_version()")!,
            NativeLibrary = SqliteNativeLibrary.LoadedPath,
            JournalMode = (string)Scalar("PRAGMA journal_mode")!,
            IsReadOnly = IsReadOnly,
            Created = created != null && DateTimeOffset.TryParse(created, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var c) ? c : null,
        };
    });

    private long Count(string table) => Convert.ToInt64(Scalar($"SELECT count(*) FROM {table}"), CultureInfo.InvariantCulture);

    /// <summary>Runs an integrity check; returns "ok" or SQLite's list of problems.</summary>
    /// <summary>The outlets in the cache, most articles first (for argument completion).</summary>
    public IReadOnlyList<string> Outlets(int limit = 500) => Guard("read", () =>
        ReadStrings("SELECT outlet FROM articles WHERE outlet IS NOT NULL AND outlet <> '' GROUP BY outlet COLLATE NOCASE ORDER BY count(*) DESC, outlet LIMIT "
                    + Math.Clamp(limit, 1, 100_000).ToString(CultureInfo.InvariantCulture)));

    public string CheckIntegrity() => Guard("check", () => string.Join("; ", ReadStrings("PRAGMA integrity_check")));

    private List<string> ReadStrings(string sql)
    {
        using var cmd = Command(sql);
        using var r = cmd.ExecuteReader();
        var list = new List<string>();
        while (r.Read()) list.Add(r.GetValue(0)?.ToString() ?? "");
        return list;
    }

    public void Dispose()
    {
        _lookupCommand?.Dispose();
        _lookupFromStatement?.Dispose();
        _articlesByRowid?.Dispose();
        _connection.Dispose();
    }

    // ---- Helpers ---------------------------------------------------------------------------------------------

    private void RequireWritable()
    {
        if (IsReadOnly)
            throw new NewsCacheException(NewsCacheProblem.ReadOnly, Path,
                $"The cache file '{Path}' is read-only, so nothing can be stored in or removed from it. " +
                "Make it writable (check its permissions and those of its folder), or use another cache file with Set-NewsCacheConfiguration -CachePath.");
    }

    /// <summary>
    /// A write: refused on a read-only file, and on a file another process deleted or replaced since this one opened
    /// it (Clear-NewsCache from another session), checked before and after, so that a batch committed into a deleted
    /// file is reported instead of lost in silence.
    /// </summary>
    private T WriteGuard<T>(string verb, Func<T> work)
    {
        RequireWritable();
        CheckNotMoved(committed: false);
        var result = Guard(verb, work);
        CheckNotMoved(committed: true);
        return result;
    }

    private void CheckNotMoved(bool committed)
    {
        if (_connection.Handle is not { } db || SqliteNativeLibrary.HasMoved(db) != true) return;
        throw new NewsCacheException(NewsCacheProblem.Replaced, Path, committed
            ? $"The cache file '{Path}' was deleted or replaced by another process (Clear-NewsCache?) while this command wrote to it: " +
              "what it wrote last went with the old file, and nothing more is stored. Run the command again to store its results in the new cache."
            : $"The cache file '{Path}' was deleted or replaced by another process (Clear-NewsCache?) since this command opened it, " +
              "so nothing more can be stored in it. Run the command again to use the new file.");
    }

    private T Guard<T>(string verb, Func<T> work)
    {
        try
        {
            return work();
        }
        catch (SqliteException ex)
        {
            throw Translate(ex, Path, verb);
        }
    }

    private static Exception Translate(SqliteException ex, string path, string verb) => ex.SqliteErrorCode switch
    {
        11 or 26 => NotACache(path, SqliteMessage(ex).TrimEnd('.'), ex),
        13 => new NewsCacheException(NewsCacheProblem.Full, path,
            $"Cannot {verb} the cache file '{path}': the disk is full (SQLite: {SqliteMessage(ex)}). Free some space, or use a cache file on another disk " +
            "with Set-NewsCacheConfiguration -Path.", ex),
        8 => new NewsCacheException(NewsCacheProblem.ReadOnly, path,
            $"Cannot {verb} the cache file '{path}': it is read-only (SQLite: {SqliteMessage(ex)}). " +
            "Make the file and its folder writable, or use another cache file with Set-NewsCacheConfiguration -CachePath.", ex),
        14 => new NewsCacheException(NewsCacheProblem.CannotOpen, path,
            $"Cannot open the cache file '{path}' ({ex.Message}). Check that its folder exists and can be written, or use another path with Set-NewsCacheConfiguration -CachePath.", ex),
        5 or 6 => new NewsCacheException(NewsCacheProblem.CannotOpen, path,
            $"The cache file '{path}' stayed locked by another process for longer than the busy timeout ({ex.Message}). Try again when the other import has finished.", ex),
        _ => new NewsCacheException(NewsCacheProblem.CannotOpen, path, $"Cannot {verb} the cache file '{path}': {ex.Message}", ex),
    };

    private static NewsCacheException NotACache(string path, string why, Exception? inner = null) =>
        new(NewsCacheProblem.NotACache, path,
            $"The file '{path}' cannot be used as the NewsCmdlets cache: {why}. To start afresh, delete it " +
            $"(Clear-NewsCache -CachePath '{path}' removes it and its -wal and -shm files) or choose a new cache file with Set-NewsCacheConfiguration -CachePath.", inner);

    private static void CheckHeader(string path)
    {
        byte[] head = new byte[16];
        int n;
        try
        {
            using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            n = fs.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new NewsCacheException(NewsCacheProblem.CannotOpen, path, $"Cannot read the cache file '{path}': {ex.Message}", ex);
        }
        if (n == 0) return; // an empty file becomes a new database
        if (n < 16 || !head.AsSpan().SequenceEqual("SQLite format 3\0"u8))
            throw NotACache(path, "it is not an SQLite database");
    }

    private static bool IsWritable(string path)
    {
        try
        {
            using var fs = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
        catch (IOException)
        {
            return true; // locked, not read-only: SQLite waits for it
        }
    }

    private SqliteCommand Command(string sql, SqliteTransaction? tx = null)
    {
        var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        return cmd;
    }

    private void Execute(string sql, SqliteTransaction? tx = null)
    {
        using var cmd = Command(sql, tx);
        cmd.ExecuteNonQuery();
    }

    private object? Scalar(string sql, SqliteTransaction? tx = null)
    {
        using var cmd = Command(sql, tx);
        return cmd.ExecuteScalar();
    }

    private static object Db(string? s) => s is null ? DBNull.Value : s;

    /// <summary>A date written with "o" (its exact parser is a fast path; anything else still parses the slow way).</summary>
    private static DateTimeOffset? DateFrom(ReadOnlySpan<byte> utf8, bool isNull)
    {
        if (isNull) return null;
        if (Utf8Parser.TryParse(utf8, out DateTimeOffset d, out int used, 'O') && used == utf8.Length) return d;
        return DateTimeOffset.Parse(Encoding.UTF8.GetString(utf8), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
    }

    private sealed record ListDto(string S, string[] I);

    /// <summary>
    /// Stored JSON keeps text as UTF-8 (quotes, apostrophes, accents unescaped): it is never embedded in HTML, and
    /// reading it back then needs no unescaping. Files written with the default escaping read the same.
    /// </summary>
    private static readonly JsonSerializerOptions StoredJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string ListJson(TextList list) => JsonSerializer.Serialize(new ListDto(list.Separator, list.ToArray()), StoredJson);

    /// <summary>
    /// Paragraphs that are exactly the body's lines (what every reader makes) are stored as this marker instead of a
    /// second copy of the body, and split from the body when first used (schema 5). Anything else is stored whole.
    /// </summary>
    private const string ParagraphsAreBodyLines = "{\"S\":\"\\n\",\"B\":1}";

    private static ReadOnlySpan<byte> ParagraphsAreBodyLinesUtf8 => "{\"S\":\"\\n\",\"B\":1}"u8;

    private static string ParagraphsJson(NewsArticle a)
    {
        var paragraphs = a.Paragraphs;
        if (paragraphs.Count > 0 && paragraphs.Separator == "\n" && a.Body.Length > 0)
        {
            bool lines = true;
            int at = 0;
            foreach (var p in paragraphs)
            {
                // Each paragraph must be the next line of the body, whole, and hold no line break itself.
                if (p.Contains('\n') || string.CompareOrdinal(a.Body, at, p, 0, p.Length) != 0) { lines = false; break; }
                at += p.Length;
                if (at < a.Body.Length) { if (a.Body[at] != '\n') { lines = false; break; } at++; }
                else if (at > a.Body.Length) { lines = false; break; }
            }
            if (lines && at == a.Body.Length && !a.Body.EndsWith('\n')) return ParagraphsAreBodyLines;
        }
        return ListJson(paragraphs);
    }

    private static TextList ParagraphsFrom(ReadOnlySpan<byte> utf8, bool isNull, string body)
    {
        if (!isNull && utf8.SequenceEqual(ParagraphsAreBodyLinesUtf8))
            return new TextList(StoredTextItems.LinesOf(body), "\n");
        return ListFrom(utf8, isNull);
    }

    // Lists and field sources are stored as small JSON documents inside the record. Reading a cached article decodes
    // seven of them, so they are read as UTF-8 straight from the record with Utf8JsonReader (no UTF-16 copy of the
    // JSON, no serializer metadata).

    /// <summary>Short lists (authors, categories, most warnings) are decoded at once; longer ones (paragraphs,
    /// removed chrome) when first used, see <see cref="StoredTextItems"/>.</summary>
    private static TextList ListFrom(ReadOnlySpan<byte> utf8, bool isNull)
    {
        if (isNull || utf8.SequenceEqual(EmptyListUtf8)) return TextList.Empty; // most captions, warnings, categories
        if (utf8.Length > LazyListBytes)
        {
            StoredTextItems.Decode(utf8, out string sep, itemsToo: false);
            return new TextList(new StoredTextItems(utf8), sep);
        }
        var items = StoredTextItems.Decode(utf8, out string separator);
        if (items.Length == 0 && separator == "; ") return TextList.Empty;
        return new TextList(items, separator);
    }

    private const int LazyListBytes = 128;

    /// <summary>How <see cref="ListJson"/> writes an empty list.</summary>
    private static ReadOnlySpan<byte> EmptyListUtf8 => "{\"S\":\"; \",\"I\":[]}"u8;

    /// <summary>Field sources: decoded when first used (see <see cref="StoredTextItems"/>).</summary>
    private static FieldSources SourcesFrom(ReadOnlySpan<byte> utf8, bool isNull)
    {
        if (isNull) return new FieldSources();
        var bytes = utf8.ToArray();
        return new FieldSources(bytes, DecodeSources);
    }

    private static List<KeyValuePair<string, string>> DecodeSources(byte[] utf8)
    {
        var sources = new List<KeyValuePair<string, string>>();
        var json = new Utf8JsonReader(utf8);
        if (!json.Read() || json.TokenType != JsonTokenType.StartArray) return sources;
        while (json.Read() && json.TokenType == JsonTokenType.StartArray)
        {
            string? field = null, source = null;
            int n = 0;
            while (json.Read() && json.TokenType != JsonTokenType.EndArray)
            {
                if (json.TokenType == JsonTokenType.String)
                {
                    if (n == 0) field = json.GetString();
                    else if (n == 1) source = json.GetString();
                }
                else json.Skip();
                n++;
            }
            if (n == 2 && field != null && source != null)
            {
                // As FieldSources.Set: a field named twice keeps its place and its last source.
                int at = sources.FindIndex(kv => string.Equals(kv.Key, field, StringComparison.OrdinalIgnoreCase));
                if (at >= 0) sources[at] = new(field, source);
                else sources.Add(new(field, source));
            }
        }
        return sources;
    }

    internal static byte[] Compress(byte[] raw)
    {
        using var ms = new MemoryStream();
        using (var br = new BrotliStream(ms, CompressionLevel.Fastest, leaveOpen: true)) br.Write(raw);
        return ms.ToArray();
    }

    internal static byte[] Decompress(byte[] stored)
    {
        using var input = new MemoryStream(stored);
        using var br = new BrotliStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        br.CopyTo(output);
        return output.ToArray();
    }
}
