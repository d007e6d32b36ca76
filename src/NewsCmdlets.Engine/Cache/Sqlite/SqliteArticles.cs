using System.Data;
using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using NewsCmdlets.Engine.Model;
using static NewsCmdlets.Engine.Cache.ArticleRows;

namespace NewsCmdlets.Engine.Cache.Sqlite;

/// <summary>
/// The SQLite file's articles, their raw sources (Brotli), the inputs they came from and the last copies of feeds: one
/// transaction per batch; an input that now gives another article takes its old article with it unless another input
/// still gives that one. Input lookups run on statements prepared once per connection.
/// </summary>
internal sealed class SqliteArticles(SqliteStore store) : IArticleTable, IDisposable
{
    /// <summary>Stores articles and inputs in one transaction: all of them are kept, or (on failure or a kill) none.</summary>
    public void Write(IReadOnlyList<CacheWrite> batch)
    {
        if (batch.Count == 0) return;
        store.WriteGuard("write to", () =>
        {
            using var tx = store.Connection.BeginTransaction(IsolationLevel.Serializable);
            using var article = store.Command(UpsertArticleSql, tx);
            using var source = store.Command(UpsertSourceSql, tx);
            using var input = store.Command(UpsertInputSql, tx);
            using var previous = store.Command("SELECT article_id FROM inputs WHERE location = $location", tx);
            using var orphan = store.Command("DELETE FROM articles WHERE id = $id AND NOT EXISTS (SELECT 1 FROM inputs WHERE article_id = $id)", tx);
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

    // word_count and source_kind are kept in their columns too: schema 1 declared them NOT NULL.
    internal const string UpsertArticleSql = """
        INSERT INTO articles (id, title, body, outlet, published_utc, word_count, source_kind, record, imported_utc)
        VALUES ($id, $title, $body, $outlet, $published_utc, $word_count, $source_kind, $record, $imported_utc)
        ON CONFLICT (id) DO UPDATE SET title = excluded.title, body = excluded.body, outlet = excluded.outlet,
            published_utc = excluded.published_utc, word_count = excluded.word_count, source_kind = excluded.source_kind,
            record = excluded.record, imported_utc = excluded.imported_utc
        """;

    internal const string UpsertSourceSql = """
        INSERT INTO article_sources (article_id, raw, codec, length) VALUES ($id, $raw, 'br', $length)
        ON CONFLICT (article_id) DO UPDATE SET raw = excluded.raw, codec = excluded.codec, length = excluded.length
        """;

    internal const string UpsertInputSql = """
        INSERT INTO inputs (location, article_id, length, last_write_utc, content_hash, reader_key, etag, last_modified, checked_utc)
        VALUES ($location, $article_id, $length, $last_write_utc, $content_hash, $reader_key, $etag, $last_modified, $checked_utc)
        ON CONFLICT (location) DO UPDATE SET article_id = excluded.article_id, length = excluded.length, last_write_utc = excluded.last_write_utc,
            content_hash = excluded.content_hash, reader_key = excluded.reader_key, etag = excluded.etag, last_modified = excluded.last_modified,
            checked_utc = excluded.checked_utc
        """;

    internal static SqliteCommand BindArticle(SqliteCommand cmd, NewsArticle a, long now)
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

    internal static SqliteCommand BindInput(SqliteCommand cmd, CachedInput i)
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
        return store.WriteGuard("remove articles from", () =>
        {
            using var tx = store.Connection.BeginTransaction(IsolationLevel.Serializable);
            using var cmd = store.Command("DELETE FROM articles WHERE id = $id", tx);
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

    /// <summary>Keeps the last copy of a web feed with its validators, replacing the previous one.</summary>
    public void PutFeed(CachedFeed feed)
    {
        store.WriteGuard("write to", () =>
        {
            using var cmd = store.Command("""
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
    public CachedFeed? GetFeed(string location) => store.Guard("read", () =>
    {
        using var cmd = store.Command("SELECT etag, last_modified, content_type, body, fetched_utc FROM feeds WHERE location = $l");
        cmd.Parameters.AddWithValue("$l", location);
        using var r = cmd.ExecuteReader();
        if (!r.Read()) return null;
        return new CachedFeed(location, r.IsDBNull(0) ? null : r.GetString(0),
            r.IsDBNull(1) ? null : DateTimeOffset.Parse(r.GetString(1), CultureInfo.InvariantCulture),
            r.IsDBNull(2) ? null : r.GetString(2), (byte[])r.GetValue(3), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4)));
    });

    /// <summary>What the cache knows about an input (file path or URL), or null.</summary>
    public CachedInput? GetInput(string location) => store.Guard("read", () =>
    {
        using var cmd = store.Command("SELECT " + InputColumns + " FROM inputs i WHERE i.location = $l");
        cmd.Parameters.AddWithValue("$l", location);
        using var r = cmd.ExecuteReader();
        return r.Read() ? ReadInput(new DataReaderRow(r), 0) : null;
    });

    private SqliteCommand? _lookupCommand;
    private sqlite3_stmt? _lookupFromStatement;

    internal const string InputColumns = "i.location, i.article_id, i.length, i.last_write_utc, i.content_hash, i.reader_key, i.etag, i.last_modified, i.checked_utc";

    /// <summary>
    /// What the cache knows about an input and the article it gave, in one query on a statement prepared once per
    /// connection.
    /// </summary>
    public (CachedInput? Input, NewsArticle? Article) LookupInput(string location) => store.Guard("read", () =>
    {
        if (_lookupCommand == null)
        {
            _lookupCommand = store.Command("SELECT " + ArticleColumns + ", " + InputColumns +
                " FROM inputs i LEFT JOIN articles a ON a.id = i.article_id WHERE i.location = $l");
            _lookupCommand.Parameters.Add("$l", SqliteType.Text);
            _lookupCommand.Prepare();
        }
        _lookupCommand.Parameters[0].Value = location;
        using var r = _lookupCommand.ExecuteReader();
        if (!r.Read()) return ((CachedInput?)null, (NewsArticle?)null);
        return (ReadInput(new DataReaderRow(r), ArticleColumnCount), r.IsDBNull(0) ? null : ReadArticleOrNull(new DataReaderRow(r)));
    });

    /// <summary>
    /// The inputs whose location sorts at or after <paramref name="location"/> and before <paramref name="before"/>
    /// (ordinal order of the UTF-8 bytes, as SQLite compares text), at most <paramref name="count"/> of them, each with
    /// the article it gave: one range scan of the inputs key instead of one query per file.
    /// <see cref="CachedArticleReader"/> reads a folder's stamps this way, a window at a time, because files usually
    /// come in path order (Get-ChildItem, wildcards).
    /// </summary>
    public IReadOnlyList<(CachedInput Input, NewsArticle? Article)> LookupInputsFrom(string location, string before, int count) => store.Guard("read", () =>
    {
        // On SQLite's own API (the statement prepared once): columns are read straight from SQLite's buffers, which
        // is most of the time a re-import of a cached corpus takes.
        var db = store.Connection.Handle!;
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

    /// <summary>The raw source an article was read from (decompressed), or null when it was not kept.</summary>
    public byte[]? GetRawSource(string id) => store.Guard("read", () =>
    {
        using var cmd = store.Command("SELECT raw, codec FROM article_sources WHERE article_id = $id");
        cmd.Parameters.AddWithValue("$id", id);
        using var r = cmd.ExecuteReader();
        if (!r.Read() || r.IsDBNull(0)) return null;
        var stored = (byte[])r.GetValue(0);
        return r.IsDBNull(1) ? stored : Decompress(stored);
    });

    /// <summary>Runs an integrity check; returns "ok" or SQLite's list of problems.</summary>
    /// <summary>The outlets in the cache, most articles first (for argument completion).</summary>
    public IReadOnlyList<string> Outlets(int limit = 500) => store.Guard("read", () =>
        store.ReadStrings("SELECT outlet FROM articles WHERE outlet IS NOT NULL AND outlet <> '' GROUP BY outlet COLLATE NOCASE ORDER BY count(*) DESC, outlet LIMIT "
                    + Math.Clamp(limit, 1, 100_000).ToString(CultureInfo.InvariantCulture)));

    public void Dispose()
    {
        _lookupCommand?.Dispose();
        _lookupFromStatement?.Dispose();
    }
}
