using System.Buffers;
using System.Runtime.CompilerServices;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using NewsCmdlets.Engine.Model;
using static NewsCmdlets.Engine.Cache.ArticleRows;

namespace NewsCmdlets.Engine.Cache.Sqlite;

/// <summary>
/// Queries over the SQLite file's articles: by id, outlet, dates and entity, and full text through FTS5 (the
/// articles_fts table the schema keeps in step with the articles). Matching row ids first, then articles by row id.
/// </summary>
internal sealed class SqliteSearch(SqliteStore store) : IArticleSearch, IDisposable
{
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
        using (var cmd = store.Command(""))
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
    internal readonly record struct Hit(long Rowid, long Published, int IdStart, int IdLength);

    /// <summary>Newest first, undated last, then by id.</summary>
    internal readonly struct HitOrder(byte[] ids) : IComparer<Hit>
    {
        public int Compare(Hit x, Hit y) => x.Published != y.Published
            ? y.Published.CompareTo(x.Published)
            : ids.AsSpan(x.IdStart, x.IdLength).SequenceCompareTo(ids.AsSpan(y.IdStart, y.IdLength));
    }

    internal static void Grow<T>(ref T[] pooled)
    {
        var bigger = ArrayPool<T>.Shared.Rent(pooled.Length * 2);
        pooled.AsSpan().CopyTo(bigger);
        ArrayPool<T>.Shared.Return(pooled, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        pooled = bigger;
    }

    /// <summary>Rows read per statement step at most: larger chunks held more articles alive across a garbage
    /// collection, which promoted them and cost more than the extra steps (measured at 64, 256 and 1,024).</summary>
    internal const int MaxChunk = 256;

    /// <summary>Runs <paramref name="cmd"/> (text and named parameters, strings and integers) on SQLite's own API,
    /// calling <paramref name="row"/> for each row.</summary>
    private void ReadRaw(SqliteCommand cmd, Action<sqlite3_stmt> row)
    {
        var db = store.Connection.Handle!;
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
        var db = store.Connection.Handle!;
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
            return new NewsCacheException(NewsCacheProblem.InvalidQuery, store.Path,
                $"The full-text query '{query.Query}' is not valid FTS5 syntax (SQLite: {SqliteStore.SqliteMessage(ex)}). " +
                "Use -Search for plain words (any text works there), or see the FTS5 query syntax at https://www.sqlite.org/fts5.html#full_text_query_syntax.", ex);
        return SqliteStore.Translate(ex, store.Path, "read");
    }

    internal static void AddIn(List<string> where, SqliteCommand cmd, string column, string prefix, IReadOnlyList<string>? values, bool exact)
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

    public void Dispose() => _articlesByRowid?.Dispose();
}
