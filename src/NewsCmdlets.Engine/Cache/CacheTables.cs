namespace NewsCmdlets.Engine.Cache;

/// <summary>A column of a table every store keeps, and the kind of value it holds.</summary>
internal readonly record struct CacheColumn(string Name, CacheValue Kind, bool Key = false);

internal enum CacheValue { Text, Integer, Bytes }

/// <summary>
/// A table as every store keeps it, in the same columns with the same meaning (each store may keep more: SQLite its
/// full-text index, PostgreSQL its search vector and folded entity keys, both made from these). What Copy-NewsCache
/// moves between stores, parents before children.
/// </summary>
internal sealed record CacheTable(string Name, CacheColumn[] Columns)
{
    public IEnumerable<CacheColumn> Keys => Columns.Where(c => c.Key);

    public static readonly CacheTable Articles = new("articles", new CacheColumn[]
    {
        new("id", CacheValue.Text, true), new("title", CacheValue.Text), new("body", CacheValue.Text), new("outlet", CacheValue.Text),
        new("published_utc", CacheValue.Integer), new("word_count", CacheValue.Integer), new("source_kind", CacheValue.Text),
        new("record", CacheValue.Bytes), new("imported_utc", CacheValue.Integer),
    });

    public static readonly CacheTable Sources = new("article_sources", new CacheColumn[]
    {
        new("article_id", CacheValue.Text, true), new("raw", CacheValue.Bytes), new("codec", CacheValue.Text), new("length", CacheValue.Integer),
    });

    public static readonly CacheTable Inputs = new("inputs", new CacheColumn[]
    {
        new("location", CacheValue.Text, true), new("article_id", CacheValue.Text), new("length", CacheValue.Integer),
        new("last_write_utc", CacheValue.Integer), new("content_hash", CacheValue.Text), new("reader_key", CacheValue.Text),
        new("etag", CacheValue.Text), new("last_modified", CacheValue.Text), new("checked_utc", CacheValue.Integer),
    });

    public static readonly CacheTable EntityIndex = new("entity_index", new CacheColumn[]
    {
        new("entity_key", CacheValue.Text, true), new("entity_type", CacheValue.Text, true), new("article_id", CacheValue.Text, true),
        new("analyser_version", CacheValue.Text), new("mentions", CacheValue.Integer),
    });

    public static readonly CacheTable Analyses = new("analyses", new CacheColumn[]
    {
        new("article_id", CacheValue.Text, true), new("kind", CacheValue.Text, true), new("analyser_version", CacheValue.Text),
        new("payload", CacheValue.Text), new("computed_utc", CacheValue.Integer),
    });

    public static readonly CacheTable Feeds = new("feeds", new CacheColumn[]
    {
        new("location", CacheValue.Text, true), new("etag", CacheValue.Text), new("last_modified", CacheValue.Text),
        new("content_type", CacheValue.Text), new("body", CacheValue.Bytes), new("fetched_utc", CacheValue.Integer),
    });

    /// <summary>Every table, parents first.</summary>
    public static readonly IReadOnlyList<CacheTable> All = new[] { Articles, Sources, Inputs, EntityIndex, Analyses, Feeds };
}
