using System.Data;
using Microsoft.Data.Sqlite;

namespace NewsCmdlets.Engine.Cache.Sqlite;

/// <summary>The SQLite file's tables row by row, as Copy-NewsCache moves them (see <see cref="CacheTable"/>).</summary>
internal sealed partial class SqliteStore
{
    public IEnumerable<object?[]> ReadRows(CacheTable table)
    {
        using var cmd = Command($"SELECT {string.Join(", ", table.Columns.Select(c => c.Name))} FROM {table.Name}");
        SqliteDataReader reader;
        try
        {
            reader = cmd.ExecuteReader();
        }
        catch (SqliteException ex)
        {
            throw Translate(ex, Path, "read");
        }
        using (reader)
        {
            while (true)
            {
                object?[] row;
                try
                {
                    if (!reader.Read()) yield break;
                    row = new object?[table.Columns.Length];
                    for (int i = 0; i < row.Length; i++)
                        row[i] = reader.IsDBNull(i) ? null : table.Columns[i].Kind switch
                        {
                            CacheValue.Integer => reader.GetInt64(i),
                            CacheValue.Bytes => reader.GetFieldValue<byte[]>(i),
                            _ => reader.GetString(i),
                        };
                }
                catch (SqliteException ex)
                {
                    throw Translate(ex, Path, "read");
                }
                yield return row;
            }
        }
    }

    public void WriteRows(CacheTable table, IReadOnlyList<object?[]> rows)
    {
        if (rows.Count == 0) return;
        WriteGuard("write to", () =>
        {
            var names = table.Columns.Select(c => c.Name).ToArray();
            var keys = table.Keys.Select(c => c.Name).ToArray();
            string updates = string.Join(", ", names.Where(n => !keys.Contains(n)).Select(n => $"{n} = excluded.{n}"));
            using var tx = _connection.BeginTransaction(IsolationLevel.Serializable);
            using var cmd = Command($"INSERT INTO {table.Name} ({string.Join(", ", names)}) VALUES ({string.Join(", ", names.Select((_, i) => "$p" + i))}) " +
                                    $"ON CONFLICT ({string.Join(", ", keys)}) DO UPDATE SET {updates}", tx);
            var parameters = table.Columns.Select((c, i) => cmd.Parameters.Add("$p" + i, c.Kind switch
            {
                CacheValue.Integer => SqliteType.Integer,
                CacheValue.Bytes => SqliteType.Blob,
                _ => SqliteType.Text,
            })).ToArray();
            foreach (var row in rows)
            {
                for (int i = 0; i < parameters.Length; i++) parameters[i].Value = row[i] ?? DBNull.Value;
                cmd.ExecuteNonQuery();
            }
            tx.Commit();
            return rows.Count;
        });
    }
}
