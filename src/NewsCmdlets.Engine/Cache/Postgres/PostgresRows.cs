using Npgsql;
using NpgsqlTypes;

namespace NewsCmdlets.Engine.Cache.Postgres;

/// <summary>The database's tables row by row, as Copy-NewsCache moves them (see <see cref="CacheTable"/>); what only
/// PostgreSQL keeps (the search text without diacritics, folded entity keys) is made here from the rows.</summary>
internal static class PostgresRows
{
    public static IEnumerable<object?[]> Read(PostgresStore store, CacheTable table)
    {
        var cmd = store.Guard("read", () => store.Command($"SELECT {string.Join(", ", table.Columns.Select(c => c.Name))} FROM {table.Name}"));
        using (cmd)
        {
            var reader = store.Guard("read", () => cmd.ExecuteReader());
            using (reader)
            {
                while (store.Guard("read", () => reader.Read()))
                {
                    var row = new object?[table.Columns.Length];
                    for (int i = 0; i < row.Length; i++)
                        row[i] = reader.IsDBNull(i) ? null : table.Columns[i].Kind switch
                        {
                            CacheValue.Integer => Convert.ToInt64(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture),
                            CacheValue.Bytes => reader.GetFieldValue<byte[]>(i),
                            _ => reader.GetString(i),
                        };
                    yield return row;
                }
            }
        }
    }

    public static void Write(PostgresStore store, CacheTable table, IReadOnlyList<object?[]> rows)
    {
        if (rows.Count == 0) return;
        var columns = table.Columns.ToList();
        var values = columns.Select((_, i) => rows.Select(r => r[i]).ToList()).ToList();
        var keys = table.Keys.Select(c => c.Name).ToList();
        if (table == CacheTable.Articles)
        {
            // The search reads title and body without diacritics where removing them changes something.
            int title = columns.FindIndex(c => c.Name == "title"), body = columns.FindIndex(c => c.Name == "body");
            columns.Add(new CacheColumn("search_title", CacheValue.Text));
            values.Add(rows.Select(r => (object?)SearchText.FoldOrNull(r[title] as string)).ToList());
            columns.Add(new CacheColumn("search_body", CacheValue.Text));
            values.Add(rows.Select(r => (object?)SearchText.FoldOrNull(r[body] as string)).ToList());
        }
        if (table == CacheTable.EntityIndex)
        {
            // Keyed by the folded name: rows that fold alike (which SQLite told apart) become one, their mentions added.
            int key = columns.FindIndex(c => c.Name == "entity_key"), type = columns.FindIndex(c => c.Name == "entity_type"),
                article = columns.FindIndex(c => c.Name == "article_id"), mentions = columns.FindIndex(c => c.Name == "mentions");
            var merged = new Dictionary<(string, string, string), object?[]>();
            foreach (var r in rows)
            {
                var k = (PostgresEntityIndex.Fold((string)r[key]!), (string)r[type]!, (string)r[article]!);
                if (merged.TryGetValue(k, out var first)) first[mentions] = (long)first[mentions]! + (long)r[mentions]!;
                else merged[k] = (object?[])r.Clone();
            }
            var list = merged.ToList();
            values = columns.Select((_, i) => list.Select(kv => kv.Value[i]).ToList()).ToList();
            columns.Add(new CacheColumn("entity_fold", CacheValue.Text));
            values.Add(list.Select(kv => (object?)kv.Key.Item1).ToList());
            keys = new List<string> { "entity_fold", "entity_type", "article_id" };
        }
        string updates = string.Join(", ", columns.Where(c => !keys.Contains(c.Name)).Select(c => $"{c.Name} = excluded.{c.Name}"));
        store.Write("write to", tx =>
        {
            using var cmd = store.Command(
                $"INSERT INTO {table.Name} ({string.Join(", ", columns.Select(c => c.Name))}) " +
                $"SELECT * FROM unnest({string.Join(", ", columns.Select((_, i) => "@c" + i))}) " +
                $"ON CONFLICT ({string.Join(", ", keys)}) DO UPDATE SET {updates}", tx);
            for (int i = 0; i < columns.Count; i++)
            {
                var (type, array) = columns[i].Kind switch
                {
                    CacheValue.Integer when columns[i].Name is "word_count" or "mentions" =>
                        (NpgsqlDbType.Integer, (object)values[i].Select(v => v == null ? (int?)null : checked((int)(long)v)).ToArray()),
                    CacheValue.Integer => (NpgsqlDbType.Bigint, values[i].Select(v => (long?)v).ToArray()),
                    CacheValue.Bytes => (NpgsqlDbType.Bytea, values[i].Select(v => (byte[]?)v).ToArray()),
                    _ => (NpgsqlDbType.Text, values[i].Select(v => PostgresArticles.PgText((string?)v)).ToArray()),
                };
                cmd.Parameters.Add(new NpgsqlParameter("c" + i, NpgsqlDbType.Array | type) { Value = array });
            }
            cmd.ExecuteNonQuery();
            return rows.Count;
        });
    }
}
