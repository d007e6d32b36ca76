using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Engine.Cache.Postgres;

/// <summary>
/// Articles, their raw sources, the inputs they came from and the last copies of web feeds, in PostgreSQL. A batch is
/// written with a few statements over arrays (one upsert per table), not one statement per article: the server is
/// a network round trip away.
/// </summary>
internal sealed class PostgresArticles(PostgresStore store) : IArticleTable
{
    internal const string ArticleColumns = "a.id, a.title, a.body, a.outlet, a.record";
    internal const int ArticleColumnCount = 5;
    private const string InputColumns = "i.location, i.article_id, i.length, i.last_write_utc, i.content_hash, i.reader_key, i.etag, i.last_modified, i.checked_utc";

    public void Write(IReadOnlyList<CacheWrite> batch) => store.Write("write to", tx =>
    {
        // The inputs' articles before this batch (locked, so two writers changing one input take turns).
        var locations = batch.Where(w => w.Input != null).Select(w => w.Input!.Location).Distinct(StringComparer.Ordinal).ToArray();
        var articleOf = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (locations.Length > 0)
        {
            using var previous = store.Command("SELECT location, article_id FROM inputs WHERE location = ANY(@l) ORDER BY location FOR UPDATE", tx);
            previous.Parameters.Add(new NpgsqlParameter("l", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = locations.Select(PgText).ToArray() });
            using var r = previous.ExecuteReader();
            while (r.Read()) articleOf[r.GetString(0)] = r.IsDBNull(1) ? null : r.GetString(1);
        }
        // In batch order, as if written one by one: the last write of an article, source or input wins, and an article
        // an input no longer gives is a candidate for removal unless the batch writes it again later.
        var articles = new Dictionary<string, (NewsArticle Article, int At)>(StringComparer.Ordinal);
        var sources = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var inputs = new Dictionary<string, CachedInput>(StringComparer.Ordinal);
        var replaced = new List<(string Id, int At)>();
        for (int i = 0; i < batch.Count; i++)
        {
            var w = batch[i];
            if (w.Article != null)
            {
                articles[w.Article.Id] = (w.Article, i);
                if (w.RawSource != null) sources[w.Article.Id] = w.RawSource;
            }
            if (w.Input == null) continue;
            var input = w.Input with { ArticleId = w.Input.ArticleId ?? w.Article?.Id };
            if (articleOf.TryGetValue(input.Location, out var before) && before != null && before != input.ArticleId) replaced.Add((before, i));
            articleOf[input.Location] = input.ArticleId;
            inputs[input.Location] = input;
        }
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        UpsertArticles(tx, articles.Values.Select(v => v.Article).ToList(), now, onlyMissing: false);
        if (sources.Count > 0)
        {
            using var cmd = store.Command("""
                INSERT INTO article_sources (article_id, raw, codec, length)
                SELECT id, raw, 'br', length FROM unnest(@id, @raw, @length) AS s (id, raw, length)
                ON CONFLICT (article_id) DO UPDATE SET raw = excluded.raw, codec = excluded.codec, length = excluded.length
                """, tx);
            cmd.Parameters.Add(TextArray("id", sources.Keys));
            cmd.Parameters.Add(new NpgsqlParameter("raw", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = sources.Values.Select(ArticleRows.Compress).ToArray() });
            cmd.Parameters.Add(new NpgsqlParameter("length", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = sources.Values.Select(s => (long)s.Length).ToArray() });
            cmd.ExecuteNonQuery();
        }
        if (inputs.Count > 0)
        {
            var list = inputs.Values.ToList();
            using var cmd = store.Command("""
                INSERT INTO inputs (location, article_id, length, last_write_utc, content_hash, reader_key, etag, last_modified, checked_utc)
                SELECT * FROM unnest(@location, @article_id, @length, @last_write_utc, @content_hash, @reader_key, @etag, @last_modified, @checked_utc)
                ON CONFLICT (location) DO UPDATE SET article_id = excluded.article_id, length = excluded.length, last_write_utc = excluded.last_write_utc,
                    content_hash = excluded.content_hash, reader_key = excluded.reader_key, etag = excluded.etag, last_modified = excluded.last_modified,
                    checked_utc = excluded.checked_utc
                """, tx);
            cmd.Parameters.Add(TextArray("location", list.Select(i => i.Location)));
            cmd.Parameters.Add(TextArray("article_id", list.Select(i => i.ArticleId)));
            cmd.Parameters.Add(BigintArray("length", list.Select(i => i.Length)));
            cmd.Parameters.Add(BigintArray("last_write_utc", list.Select(i => i.LastWriteUtc?.ToUnixTimeMilliseconds())));
            cmd.Parameters.Add(TextArray("content_hash", list.Select(i => i.ContentHash)));
            cmd.Parameters.Add(TextArray("reader_key", list.Select(i => i.ReaderKey)));
            cmd.Parameters.Add(TextArray("etag", list.Select(i => i.ETag)));
            cmd.Parameters.Add(TextArray("last_modified", list.Select(i => i.LastModified)));
            cmd.Parameters.Add(BigintArray("checked_utc", list.Select(i => (long?)i.CheckedUtc.ToUnixTimeMilliseconds())));
            cmd.ExecuteNonQuery();
        }
        var orphans = replaced.Where(r => !(articles.TryGetValue(r.Id, out var a) && a.At > r.At)).Select(r => r.Id).Distinct(StringComparer.Ordinal).ToArray();
        if (orphans.Length > 0)
        {
            // The input changed into another article: the old version goes unless another input still gives it.
            using var cmd = store.Command("DELETE FROM articles a WHERE a.id = ANY(@id) AND NOT EXISTS (SELECT 1 FROM inputs i WHERE i.article_id = a.id)", tx);
            cmd.Parameters.Add(TextArray("id", orphans));
            cmd.ExecuteNonQuery();
        }
        return batch.Count;
    });

    /// <summary>Inserts or replaces articles (each once: the caller keeps the last of each id); with
    /// <paramref name="onlyMissing"/> an article already stored is left as it is.</summary>
    internal void UpsertArticles(NpgsqlTransaction tx, IReadOnlyList<NewsArticle> articles, long now, bool onlyMissing)
    {
        if (articles.Count == 0) return;
        using var cmd = store.Command($"""
            INSERT INTO articles (id, title, body, outlet, published_utc, word_count, source_kind, record, imported_utc, search_title, search_body)
            SELECT * FROM unnest(@id, @title, @body, @outlet, @published_utc, @word_count, @source_kind, @record, @imported_utc, @search_title, @search_body)
            ON CONFLICT (id) DO {(onlyMissing ? "NOTHING" : """
                UPDATE SET title = excluded.title, body = excluded.body, outlet = excluded.outlet,
                published_utc = excluded.published_utc, word_count = excluded.word_count, source_kind = excluded.source_kind,
                record = excluded.record, imported_utc = excluded.imported_utc, search_title = excluded.search_title, search_body = excluded.search_body
                """)}
            """, tx);
        cmd.Parameters.Add(TextArray("id", articles.Select(a => a.Id)));
        cmd.Parameters.Add(TextArray("title", articles.Select(a => a.Title)));
        cmd.Parameters.Add(TextArray("body", articles.Select(a => a.Body)));
        cmd.Parameters.Add(TextArray("outlet", articles.Select(a => a.Outlet)));
        cmd.Parameters.Add(BigintArray("published_utc", articles.Select(a => a.Published?.ToUnixTimeMilliseconds())));
        cmd.Parameters.Add(new NpgsqlParameter("word_count", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = articles.Select(a => a.WordCount).ToArray() });
        cmd.Parameters.Add(TextArray("source_kind", articles.Select(a => a.SourceKind)));
        cmd.Parameters.Add(new NpgsqlParameter("record", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = articles.Select(ArticleRows.PackRecord).ToArray() });
        cmd.Parameters.Add(BigintArray("imported_utc", articles.Select(_ => (long?)now)));
        cmd.Parameters.Add(TextArray("search_title", articles.Select(a => SearchText.FoldOrNull(a.Title))));
        cmd.Parameters.Add(TextArray("search_body", articles.Select(a => SearchText.FoldOrNull(a.Body))));
        cmd.ExecuteNonQuery();
    }

    public int Remove(IEnumerable<string> ids)
    {
        var list = ids.Distinct(StringComparer.Ordinal).ToArray();
        if (list.Length == 0) return 0;
        return store.Write("remove articles from", tx =>
        {
            using var cmd = store.Command("DELETE FROM articles WHERE id = ANY(@id)", tx);
            cmd.Parameters.Add(TextArray("id", list));
            return cmd.ExecuteNonQuery();
        });
    }

    public CachedInput? GetInput(string location) => store.Guard("read", () =>
    {
        using var cmd = store.Command("SELECT " + InputColumns + " FROM inputs i WHERE i.location = @l");
        cmd.Parameters.AddWithValue("l", PgText(location));
        using var r = cmd.ExecuteReader();
        return r.Read() ? ArticleRows.ReadInput(new ArticleRows.DataReaderRow(r), 0) : null;
    });

    public (CachedInput? Input, NewsArticle? Article) LookupInput(string location)
    {
        var rows = LookupInputsFrom(location, location + "\u0001", 1);
        return rows.Count == 1 && rows[0].Input.Location == location ? (rows[0].Input, rows[0].Article) : (null, null);
    }

    public IReadOnlyList<(CachedInput Input, NewsArticle? Article)> LookupInputsFrom(string location, string before, int count) => store.Guard("read", () =>
    {
        using var cmd = store.Command("SELECT " + ArticleColumns + ", " + InputColumns +
            " FROM inputs i LEFT JOIN articles a ON a.id = i.article_id WHERE i.location >= @from AND i.location < @before ORDER BY i.location LIMIT @n");
        cmd.Parameters.AddWithValue("from", PgText(location));
        cmd.Parameters.AddWithValue("before", PgText(before));
        cmd.Parameters.AddWithValue("n", Math.Max(1, count));
        var rows = new List<(CachedInput, NewsArticle?)>();
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var row = new ArticleRows.DataReaderRow(r);
            rows.Add((ArticleRows.ReadInput(row, ArticleColumnCount), row.IsDBNull(0) ? null : ArticleRows.TryReadArticle(row, out var a, out _) ? a : null));
        }
        return (IReadOnlyList<(CachedInput, NewsArticle?)>)rows;
    });

    public byte[]? GetRawSource(string id) => store.Guard("read", () =>
    {
        using var cmd = store.Command("SELECT raw, codec FROM article_sources WHERE article_id = @id");
        cmd.Parameters.AddWithValue("id", PgText(id));
        using var r = cmd.ExecuteReader();
        if (!r.Read() || r.IsDBNull(0)) return null;
        var stored = r.GetFieldValue<byte[]>(0);
        return r.IsDBNull(1) ? stored : ArticleRows.Decompress(stored);
    });

    public void PutFeed(CachedFeed feed) => store.Write("write to", tx =>
    {
        using var cmd = store.Command("""
            INSERT INTO feeds (location, etag, last_modified, content_type, body, fetched_utc) VALUES (@l, @e, @m, @c, @b, @t)
            ON CONFLICT (location) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
                content_type = excluded.content_type, body = excluded.body, fetched_utc = excluded.fetched_utc
            """, tx);
        cmd.Parameters.AddWithValue("l", PgText(feed.Location));
        cmd.Parameters.Add(new NpgsqlParameter("e", NpgsqlDbType.Text) { Value = (object?)PgText(feed.ETag) ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("m", NpgsqlDbType.Text) { Value = feed.LastModified is { } lm ? lm.ToString("O", CultureInfo.InvariantCulture) : DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("c", NpgsqlDbType.Text) { Value = (object?)PgText(feed.ContentType) ?? DBNull.Value });
        cmd.Parameters.AddWithValue("b", feed.Body);
        cmd.Parameters.AddWithValue("t", feed.FetchedUtc.ToUnixTimeMilliseconds());
        cmd.ExecuteNonQuery();
        return 0;
    });

    public CachedFeed? GetFeed(string location) => store.Guard("read", () =>
    {
        using var cmd = store.Command("SELECT etag, last_modified, content_type, body, fetched_utc FROM feeds WHERE location = @l");
        cmd.Parameters.AddWithValue("l", PgText(location));
        using var r = cmd.ExecuteReader();
        if (!r.Read()) return null;
        return new CachedFeed(location, r.IsDBNull(0) ? null : r.GetString(0),
            r.IsDBNull(1) ? null : DateTimeOffset.Parse(r.GetString(1), CultureInfo.InvariantCulture),
            r.IsDBNull(2) ? null : r.GetString(2), r.GetFieldValue<byte[]>(3), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4)));
    });

    public IReadOnlyList<string> Outlets(int limit) => store.Guard("read", () =>
    {
        using var cmd = store.Command("SELECT min(outlet) FROM articles WHERE outlet IS NOT NULL AND outlet <> '' GROUP BY lower(outlet) ORDER BY count(*) DESC, min(outlet) LIMIT @n");
        cmd.Parameters.AddWithValue("n", Math.Clamp(limit, 1, 100_000));
        var list = new List<string>();
        using var r = cmd.ExecuteReader();
        while (r.Read()) list.Add(r.GetString(0));
        return (IReadOnlyList<string>)list;
    });

    // ---- Parameters --------------------------------------------------------------------------------------------

    /// <summary>Text as PostgreSQL can keep it: it has no NUL character, which becomes U+FFFD (as invalid bytes do).</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(s))]
    internal static string? PgText(string? s) => s == null || s.IndexOf('\0') < 0 ? s : s.Replace('\0', '\uFFFD');

    internal static NpgsqlParameter TextArray(string name, IEnumerable<string?> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.Select(PgText).ToArray() };

    internal static NpgsqlParameter BigintArray(string name, IEnumerable<long?> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = values.ToArray() };
}

/// <summary>
/// Text as the full-text search reads it: with diacritics removed (é → e, ü → u), as SQLite's tokenizer does with
/// remove_diacritics, so 'Zurich' finds 'Zürich'. Done here, not with the server's unaccent extension, which a
/// database user may not be allowed to install.
/// </summary>
internal static class SearchText
{
    /// <summary>The text without its diacritics, or null when it has none (the search then reads the text itself).</summary>
    public static string? FoldOrNull(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        int i = 0;
        while (i < text.Length && text[i] < 0x80) i++;
        if (i == text.Length) return null;
        string folded = Fold(text);
        return string.Equals(folded, text, StringComparison.Ordinal) ? null : folded;
    }

    /// <summary>The text without its diacritics.</summary>
    public static string Fold(string text)
    {
        string d;
        try
        {
            d = text.Normalize(NormalizationForm.FormD);
        }
        catch (ArgumentException)
        {
            return text; // not valid UTF-16 (a lone surrogate): searched as it is
        }
        var sb = new StringBuilder(d.Length);
        foreach (char c in d)
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) sb.Append(c);
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }
}
