using System.Data;

namespace NewsCmdlets.Engine.Cache.Sqlite;

/// <summary>The SQLite file's analyses, one per article and kind, with the analyser version that computed it.</summary>
internal sealed class SqliteAnalyses(SqliteStore store) : IAnalysisTable
{
    /// <summary>A stored analysis (entities, quotes, …) of an article, only when it was computed by the same analyser version.</summary>
    public string? GetAnalysis(string articleId, string kind, string analyserVersion) => store.Guard("read", () =>
    {
        using var cmd = store.Command("SELECT payload FROM analyses WHERE article_id = $id AND kind = $kind AND analyser_version = $v");
        cmd.Parameters.AddWithValue("$id", articleId);
        cmd.Parameters.AddWithValue("$kind", kind);
        cmd.Parameters.AddWithValue("$v", analyserVersion);
        return cmd.ExecuteScalar() as string;
    });

    /// <summary>Stores an analysis of an article, replacing one of another version.</summary>
    public void PutAnalysis(string articleId, string kind, string analyserVersion, string payload)
    {
        store.WriteGuard("write to", () =>
        {
            using var cmd = store.Command("""
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
        store.WriteGuard("write to", () =>
        {
            using var tx = store.Connection.BeginTransaction(IsolationLevel.Serializable);
            using var article = store.Command(InsertArticleIfMissingSql, tx);
            using var analysis = store.Command("""
                INSERT INTO analyses (article_id, kind, analyser_version, payload, computed_utc) VALUES ($id, $kind, $v, $p, $t)
                ON CONFLICT (article_id, kind) DO UPDATE SET analyser_version = excluded.analyser_version, payload = excluded.payload, computed_utc = excluded.computed_utc
                """, tx);
            using var del = store.Command("DELETE FROM entity_index WHERE article_id = $id", tx);
            using var ins = store.Command("""
                INSERT INTO entity_index (entity_key, entity_type, article_id, analyser_version, mentions) VALUES ($k, $type, $id, $v, $m)
                ON CONFLICT DO UPDATE SET mentions = mentions + excluded.mentions
                """, tx);
            long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            foreach (var w in batch)
            {
                SqliteArticles.BindArticle(article, w.Article, now).ExecuteNonQuery();
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

    internal const string InsertArticleIfMissingSql = """
        INSERT INTO articles (id, title, body, outlet, published_utc, word_count, source_kind, record, imported_utc)
        VALUES ($id, $title, $body, $outlet, $published_utc, $word_count, $source_kind, $record, $imported_utc)
        ON CONFLICT (id) DO NOTHING
        """;
}
