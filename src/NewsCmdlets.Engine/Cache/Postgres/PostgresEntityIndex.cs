using Npgsql;
using static NewsCmdlets.Engine.Cache.Postgres.PostgresArticles;

namespace NewsCmdlets.Engine.Cache.Postgres;

/// <summary>
/// The entity index in PostgreSQL: one row per (entity, type, article), keyed by the entity's name folded to lower
/// case here (so the comparison does not depend on the server's locale), with the name as first seen.
/// </summary>
internal sealed class PostgresEntityIndex(PostgresStore store) : IEntityIndexTable
{
    public void SetEntityIndex(IEnumerable<(string ArticleId, string AnalyserVersion, IEnumerable<(string Key, string Type, int Mentions)> Entities)> articles)
    {
        // As if written one by one: the last rows given for an article replace the others.
        var last = new Dictionary<string, (string Version, IEnumerable<(string, string, int)> Rows)>(StringComparer.Ordinal);
        foreach (var (id, version, entities) in articles) last[id] = (version, entities.ToList());
        if (last.Count == 0) return;
        store.Write("write to", tx =>
        {
            Replace(tx, last.Select(kv => (kv.Key, kv.Value.Version, kv.Value.Rows)));
            return 0;
        });
    }

    /// <summary>Replaces the index rows of the articles given (each once), in the caller's transaction.</summary>
    internal void Replace(NpgsqlTransaction tx, IEnumerable<(string ArticleId, string Version, IEnumerable<(string Key, string Type, int Mentions)> Rows)> articles)
    {
        var ids = new List<string>();
        // One row per (fold, type, article): a name given twice (in two spellings of its case) adds up, as in SQLite.
        var rows = new Dictionary<(string Fold, string Type, string Id), (string Key, string Version, int Mentions)>();
        foreach (var (id, version, entities) in articles)
        {
            ids.Add(id);
            foreach (var (key, type, mentions) in entities)
            {
                var k = (Fold(key), type, id);
                rows[k] = rows.TryGetValue(k, out var r) ? (r.Key, r.Version, r.Mentions + mentions) : (key, version, mentions);
            }
        }
        using (var del = store.Command("DELETE FROM entity_index WHERE article_id = ANY(@id)", tx))
        {
            del.Parameters.Add(TextArray("id", ids));
            del.ExecuteNonQuery();
        }
        if (rows.Count == 0) return;
        var list = rows.ToList();
        using var ins = store.Command("""
            INSERT INTO entity_index (entity_fold, entity_type, article_id, entity_key, analyser_version, mentions)
            SELECT * FROM unnest(@fold, @type, @id, @key, @v, @m)
            ON CONFLICT (entity_fold, entity_type, article_id) DO UPDATE SET mentions = entity_index.mentions + excluded.mentions
            """, tx);
        ins.Parameters.Add(TextArray("fold", list.Select(r => r.Key.Fold)));
        ins.Parameters.Add(TextArray("type", list.Select(r => r.Key.Type)));
        ins.Parameters.Add(TextArray("id", list.Select(r => r.Key.Id)));
        ins.Parameters.Add(TextArray("key", list.Select(r => r.Value.Key)));
        ins.Parameters.Add(TextArray("v", list.Select(r => r.Value.Version)));
        ins.Parameters.Add(new NpgsqlParameter("m", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Integer) { Value = list.Select(r => r.Value.Mentions).ToArray() });
        ins.ExecuteNonQuery();
    }

    public string? GetEntityIndexVersion(string articleId) => store.Guard("read", () =>
    {
        using var cmd = store.Command("SELECT analyser_version FROM entity_index WHERE article_id = @id LIMIT 1");
        cmd.Parameters.AddWithValue("id", PgText(articleId)!);
        return cmd.ExecuteScalar() as string;
    });

    public IReadOnlyList<string> FindArticlesWithEntity(string entityKey, string? entityType) => store.Guard("read", () =>
    {
        using var cmd = store.Command("SELECT article_id FROM entity_index WHERE entity_fold = @k" + (entityType != null ? " AND entity_type = @t" : ""));
        cmd.Parameters.AddWithValue("k", Fold(entityKey));
        if (entityType != null) cmd.Parameters.AddWithValue("t", PgText(entityType)!);
        var ids = new List<string>();
        using var r = cmd.ExecuteReader();
        while (r.Read()) ids.Add(r.GetString(0));
        return (IReadOnlyList<string>)ids;
    });

    /// <summary>How entity names are compared: case-insensitively, the same way on every server.</summary>
    internal static string Fold(string key) => PgText(key)!.ToLowerInvariant();
}
