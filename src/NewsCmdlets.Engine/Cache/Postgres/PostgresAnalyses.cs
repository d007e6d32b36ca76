using Npgsql;
using NpgsqlTypes;
using static NewsCmdlets.Engine.Cache.Postgres.PostgresArticles;

namespace NewsCmdlets.Engine.Cache.Postgres;

/// <summary>Analyses (entities, quotes) per article, kind and analyser version, in PostgreSQL.</summary>
internal sealed class PostgresAnalyses(PostgresStore store) : IAnalysisTable
{
    private const string UpsertSql = """
        INSERT INTO analyses (article_id, kind, analyser_version, payload, computed_utc)
        SELECT * FROM unnest(@id, @kind, @v, @p, @t)
        ON CONFLICT (article_id, kind) DO UPDATE SET analyser_version = excluded.analyser_version, payload = excluded.payload, computed_utc = excluded.computed_utc
        """;

    public string? GetAnalysis(string articleId, string kind, string analyserVersion) => store.Guard("read", () =>
    {
        using var cmd = store.Command("SELECT payload FROM analyses WHERE article_id = @id AND kind = @kind AND analyser_version = @v");
        cmd.Parameters.AddWithValue("id", PgText(articleId)!);
        cmd.Parameters.AddWithValue("kind", PgText(kind)!);
        cmd.Parameters.AddWithValue("v", PgText(analyserVersion)!);
        return cmd.ExecuteScalar() as string;
    });

    public void PutAnalysis(string articleId, string kind, string analyserVersion, string payload) => store.Write("write to", tx =>
    {
        Upsert(tx, new[] { (articleId, kind, analyserVersion, payload) }, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        return 0;
    });

    public void PutAnalyses(IReadOnlyList<AnalysisWrite> batch) => store.Write("write to", tx =>
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        // As if written one by one: the last analysis of an (article, kind) and the last index rows of an article win.
        var articles = new Dictionary<string, Model.NewsArticle>(StringComparer.Ordinal);
        var analyses = new Dictionary<(string, string), (string Id, string Kind, string Version, string Payload)>();
        var index = new Dictionary<string, (string Version, IReadOnlyList<(string Key, string Type, int Mentions)> Rows)>(StringComparer.Ordinal);
        foreach (var w in batch)
        {
            articles.TryAdd(w.Article.Id, w.Article);
            analyses[(w.Article.Id, w.Kind)] = (w.Article.Id, w.Kind, w.AnalyserVersion, w.Payload);
            if (w.EntityIndex != null) index[w.Article.Id] = (w.AnalyserVersion, w.EntityIndex);
        }
        ((PostgresArticles)store.Articles).UpsertArticles(tx, articles.Values.ToList(), now, onlyMissing: true);
        Upsert(tx, analyses.Values.ToList(), now);
        if (index.Count > 0)
            ((PostgresEntityIndex)store.EntityIndex).Replace(tx, index.Select(kv => (kv.Key, kv.Value.Version, (IEnumerable<(string, string, int)>)kv.Value.Rows)));
        return batch.Count;
    });

    private void Upsert(NpgsqlTransaction tx, IReadOnlyList<(string Id, string Kind, string Version, string Payload)> rows, long now)
    {
        using var cmd = store.Command(UpsertSql, tx);
        cmd.Parameters.Add(TextArray("id", rows.Select(r => r.Id)));
        cmd.Parameters.Add(TextArray("kind", rows.Select(r => r.Kind)));
        cmd.Parameters.Add(TextArray("v", rows.Select(r => r.Version)));
        cmd.Parameters.Add(TextArray("p", rows.Select(r => r.Payload)));
        cmd.Parameters.Add(BigintArray("t", rows.Select(_ => (long?)now)));
        cmd.ExecuteNonQuery();
    }
}
