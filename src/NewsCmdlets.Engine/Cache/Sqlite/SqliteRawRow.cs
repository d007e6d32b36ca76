using System.Text;
using SQLitePCL;

namespace NewsCmdlets.Engine.Cache.Sqlite;

/// <summary>A row of a statement on SQLite's own API: columns read straight from SQLite's buffers.</summary>
internal readonly struct RawRow(sqlite3_stmt stmt) : ArticleRows.IRow
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
