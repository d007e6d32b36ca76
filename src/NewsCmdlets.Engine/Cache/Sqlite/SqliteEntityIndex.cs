using System.Data;
using Microsoft.Data.Sqlite;
using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Engine.Cache.Sqlite;

/// <summary>The SQLite file's entity index: which articles name which entities (Get-NewsArticle -Entity).</summary>
internal sealed class SqliteEntityIndex(SqliteStore store) : IEntityIndexTable
{
    /// <summary>Replaces the entity index rows of many articles in one transaction (one per batch, as imports do).</summary>
    public void SetEntityIndex(IEnumerable<(string ArticleId, string AnalyserVersion, IEnumerable<(string Key, string Type, int Mentions)> Entities)> articles)
    {
        store.WriteGuard("write to", () =>
        {
            using var tx = store.Connection.BeginTransaction(IsolationLevel.Serializable);
            using var del = store.Command("DELETE FROM entity_index WHERE article_id = $id", tx);
            var delId = del.Parameters.Add("$id", SqliteType.Text);
            using var ins = store.Command("""
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
    public string? GetEntityIndexVersion(string articleId) => store.Guard("read", () =>
    {
        using var cmd = store.Command("SELECT analyser_version FROM entity_index WHERE article_id = $id LIMIT 1");
        cmd.Parameters.AddWithValue("$id", articleId);
        return cmd.ExecuteScalar() as string;
    });

    /// <summary>Ids of the articles that mention an entity (by key, case-insensitive; optionally of one type).</summary>
    public IReadOnlyList<string> FindArticlesWithEntity(string entityKey, string? entityType = null) => store.Guard("read", () =>
    {
        using var cmd = store.Command("SELECT article_id FROM entity_index WHERE entity_key = $k" + (entityType != null ? " AND entity_type = $t" : ""));
        cmd.Parameters.AddWithValue("$k", entityKey);
        if (entityType != null) cmd.Parameters.AddWithValue("$t", entityType);
        var ids = new List<string>();
        using var r = cmd.ExecuteReader();
        while (r.Read()) ids.Add(r.GetString(0));
        return (IReadOnlyList<string>)ids;
    });
}
