using System.Buffers.Text;
using System.Data.Common;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Engine.Cache;

/// <summary>
/// An article and an input as every store keeps them: the columns queries filter, sort or search by, and the packed
/// record of the rest (<see cref="ArticleRecord"/>), lists and field sources as small JSON documents, raw sources
/// compressed with Brotli. Both stores write and read articles through these, so a row means the same in each and
/// Copy-NewsCache moves rows unchanged.
/// </summary>
internal static class ArticleRows
{
    // The columns an article is read from: what queries filter, sort or search by, and the record that packs the rest
    // (see ArticleRecord). The columns the record replaced stay in the table, empty (SQLite cannot drop them cheaply).
    internal const string ArticleColumns = "a.id, a.title, a.body, a.outlet, a.record";

    internal const int ArticleColumnCount = 5;

    /// <summary>The fields of <see cref="ArticleRecord.Fields"/>, each written as its column was before schema 6.</summary>
    internal static byte[] PackRecord(NewsArticle a) => ArticleRecord.Pack(new[]
    {
        a.Standfirst,
        ParagraphsJson(a),
        ListJson(a.Captions),
        a.Published?.ToString("o", CultureInfo.InvariantCulture),
        a.Updated?.ToString("o", CultureInfo.InvariantCulture),
        ListJson(a.Authors),
        a.Agency,
        a.Dateline,
        a.Language,
        a.WordCount.ToString(CultureInfo.InvariantCulture),
        a.Source,
        a.Url,
        a.SourceKind,
        JsonSerializer.Serialize(a.Sources.Select(kv => new[] { kv.Key, kv.Value }).ToArray(), StoredJson),
        ListJson(a.Removed),
        ListJson(a.Warnings),
        ListJson(a.Categories),
    });

    /// <summary>Column access shared by Microsoft.Data.Sqlite's reader and a raw statement, so one decoder serves both.</summary>
    internal interface IRow
    {
        bool IsDBNull(int i);
        string GetString(int i);
        long GetInt64(int i);
        int GetInt32(int i);
        /// <summary>A text column's UTF-8 bytes, valid until the row moves on.</summary>
        ReadOnlySpan<byte> Utf8(int i);
        /// <summary>A text column or null, asking SQLite once for a value (twice only for an empty one).</summary>
        string? StringOrNull(int i);
        /// <summary>A text column's UTF-8 bytes, <paramref name="isNull"/> when it is NULL.</summary>
        ReadOnlySpan<byte> Utf8OrNull(int i, out bool isNull);
    }

    /// <summary>A row of an ADO.NET reader (Microsoft.Data.Sqlite's or Npgsql's), as the decoders read rows.</summary>
    internal readonly struct DataReaderRow(DbDataReader r) : IRow
    {
        public bool IsDBNull(int i) => r.IsDBNull(i);
        public string GetString(int i) => r.GetString(i);
        public long GetInt64(int i) => r.GetInt64(i);
        public int GetInt32(int i) => r.GetInt32(i);
        // GetFieldValue<byte[]> copies the bytes; SQLite's GetBytes/GetStream would open an incremental blob handle per
        // call, which is many times slower.
        public ReadOnlySpan<byte> Utf8(int i) => r.GetFieldValue<byte[]>(i);
        public string? StringOrNull(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        public ReadOnlySpan<byte> Utf8OrNull(int i, out bool isNull) => (isNull = r.IsDBNull(i)) ? default : Utf8(i);
    }

    internal static CachedInput ReadInput<TRow>(TRow r, int o) where TRow : IRow => new()
    {
        Location = r.GetString(o),
        ArticleId = r.IsDBNull(o + 1) ? null : r.GetString(o + 1),
        Length = r.IsDBNull(o + 2) ? null : r.GetInt64(o + 2),
        LastWriteUtc = r.IsDBNull(o + 3) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(o + 3)),
        ContentHash = r.IsDBNull(o + 4) ? null : r.GetString(o + 4),
        ReaderKey = r.IsDBNull(o + 5) ? null : r.GetString(o + 5),
        ETag = r.IsDBNull(o + 6) ? null : r.GetString(o + 6),
        LastModified = r.IsDBNull(o + 7) ? null : r.GetString(o + 7),
        CheckedUtc = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(o + 8)),
    };

    internal static string WildcardToLike(string pattern)
    {
        var sb = new StringBuilder();
        foreach (char c in pattern)
        {
            sb.Append(c switch
            {
                '*' => "%",
                '?' => "_",
                '%' => "\\%",
                '_' => "\\_",
                '\\' => "\\\\",
                _ => c.ToString(),
            });
        }
        return sb.ToString();
    }

    /// <summary>
    /// An article, or false with the reason when its stored row cannot be read (a damaged or missing record): one bad
    /// row must not hide the others.
    /// </summary>
    internal static bool TryReadArticle<TRow>(TRow r, out NewsArticle article, out string? reason) where TRow : IRow
    {
        try
        {
            article = ReadArticle(r);
            reason = null;
            return true;
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or OverflowException)
        {
            article = null!;
            reason = ex.Message;
            return false;
        }
    }

    /// <summary>An article for an input lookup, or null when its row cannot be read: the input is then read again and
    /// its article stored anew, which mends the row.</summary>
    internal static NewsArticle? ReadArticleOrNull<TRow>(TRow r) where TRow : IRow =>
        TryReadArticle(r, out var article, out _) ? article : null;

    /// <summary>An article from the columns of <see cref="ArticleColumns"/>: four columns and the packed record.</summary>
    internal static NewsArticle ReadArticle<TRow>(TRow r) where TRow : IRow
    {
        string body = r.GetString(2);
        if (r.IsDBNull(4)) throw new InvalidDataException("The article has no stored record.");
        var record = new ArticleRecord.Reader(r.Utf8(4));
        // In the order of ArticleRecord.Fields.
        string? standfirst = record.NextString();
        var paragraphs = ParagraphsFrom(record.Next(out bool isNull), isNull, body);
        var captions = ListFrom(record.Next(out isNull), isNull);
        var published = DateFrom(record.Next(out isNull), isNull);
        var updated = DateFrom(record.Next(out isNull), isNull);
        var authors = ListFrom(record.Next(out isNull), isNull);
        string? agency = record.NextString(), dateline = record.NextString(), language = record.NextString();
        var wordCount = record.Next(out isNull);
        string? source = record.NextString(), url = record.NextString(), sourceKind = record.NextString();
        var sources = SourcesFrom(record.Next(out isNull), isNull);
        var removed = ListFrom(record.Next(out isNull), isNull);
        var warnings = ListFrom(record.Next(out isNull), isNull);
        var categories = ListFrom(record.Next(out isNull), isNull);
        return new NewsArticle
        {
            Id = r.GetString(0),
            Title = r.StringOrNull(1),
            Standfirst = standfirst,
            Body = body,
            Paragraphs = paragraphs,
            Captions = captions,
            Published = published,
            Updated = updated,
            Authors = authors,
            Agency = agency,
            Outlet = r.StringOrNull(3),
            Dateline = dateline,
            Language = language,
            WordCount = Utf8Parser.TryParse(wordCount, out int words, out int used) && used == wordCount.Length ? words : 0,
            Source = source,
            Url = url,
            SourceKind = sourceKind ?? "Text",
            Sources = sources,
            Removed = removed,
            Warnings = warnings,
            Categories = categories,
        };
    }

    internal static object Db(string? s) => s is null ? DBNull.Value : s;

    /// <summary>A date written with "o" (its exact parser is a fast path; anything else still parses the slow way).</summary>
    internal static DateTimeOffset? DateFrom(ReadOnlySpan<byte> utf8, bool isNull)
    {
        if (isNull) return null;
        if (Utf8Parser.TryParse(utf8, out DateTimeOffset d, out int used, 'O') && used == utf8.Length) return d;
        return DateTimeOffset.Parse(Encoding.UTF8.GetString(utf8), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
    }

    internal sealed record ListDto(string S, string[] I);

    /// <summary>
    /// Stored JSON keeps text as UTF-8 (quotes, apostrophes, accents unescaped): it is never embedded in HTML, and
    /// reading it back then needs no unescaping. Files written with the default escaping read the same.
    /// </summary>
    internal static readonly JsonSerializerOptions StoredJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    internal static string ListJson(TextList list) => JsonSerializer.Serialize(new ListDto(list.Separator, list.ToArray()), StoredJson);

    /// <summary>
    /// Paragraphs that are exactly the body's lines (what every reader makes) are stored as this marker instead of a
    /// second copy of the body, and split from the body when first used (schema 5). Anything else is stored whole.
    /// </summary>
    internal const string ParagraphsAreBodyLines = "{\"S\":\"\\n\",\"B\":1}";

    internal static ReadOnlySpan<byte> ParagraphsAreBodyLinesUtf8 => "{\"S\":\"\\n\",\"B\":1}"u8;

    internal static string ParagraphsJson(NewsArticle a)
    {
        // Each paragraph must be the next line of the body, whole, and hold no line break itself (a view over the
        // body is, without splitting it).
        var paragraphs = a.Paragraphs;
        string body = a.Body;
        if (paragraphs.Separator == "\n" && !body.EndsWith('\n') && BodyLines.AreLinesOf(body, paragraphs)) return ParagraphsAreBodyLines;
        return ListJson(paragraphs);
    }

    internal static TextList ParagraphsFrom(ReadOnlySpan<byte> utf8, bool isNull, string body)
    {
        if (!isNull && utf8.SequenceEqual(ParagraphsAreBodyLinesUtf8))
            return BodyLines.LinesOf(body);
        return ListFrom(utf8, isNull);
    }

    // Lists and field sources are stored as small JSON documents inside the record. Reading a cached article decodes
    // seven of them, so they are read as UTF-8 straight from the record with Utf8JsonReader (no UTF-16 copy of the
    // JSON, no serializer metadata).
    /// <summary>Short lists (authors, categories, most warnings) are decoded at once; longer ones (paragraphs,
    /// removed chrome) when first used, see <see cref="StoredTextItems"/>.</summary>
    internal static TextList ListFrom(ReadOnlySpan<byte> utf8, bool isNull)
    {
        if (isNull || utf8.SequenceEqual(EmptyListUtf8)) return TextList.Empty; // most captions, warnings, categories
        if (utf8.Length > LazyListBytes)
        {
            StoredTextItems.Decode(utf8, out string sep, itemsToo: false);
            return new TextList(new StoredTextItems(utf8), sep);
        }
        var items = StoredTextItems.Decode(utf8, out string separator);
        if (items.Length == 0 && separator == "; ") return TextList.Empty;
        return new TextList(items, separator);
    }

    internal const int LazyListBytes = 128;

    /// <summary>How <see cref="ListJson"/> writes an empty list.</summary>
    internal static ReadOnlySpan<byte> EmptyListUtf8 => "{\"S\":\"; \",\"I\":[]}"u8;

    /// <summary>Field sources: decoded when first used (see <see cref="StoredTextItems"/>).</summary>
    internal static FieldSources SourcesFrom(ReadOnlySpan<byte> utf8, bool isNull)
    {
        if (isNull) return new FieldSources();
        var bytes = utf8.ToArray();
        return new FieldSources(bytes, DecodeSources);
    }

    internal static List<KeyValuePair<string, string>> DecodeSources(byte[] utf8)
    {
        var sources = new List<KeyValuePair<string, string>>();
        var json = new Utf8JsonReader(utf8);
        if (!json.Read() || json.TokenType != JsonTokenType.StartArray) return sources;
        while (json.Read() && json.TokenType == JsonTokenType.StartArray)
        {
            string? field = null, source = null;
            int n = 0;
            while (json.Read() && json.TokenType != JsonTokenType.EndArray)
            {
                if (json.TokenType == JsonTokenType.String)
                {
                    if (n == 0) field = json.GetString();
                    else if (n == 1) source = json.GetString();
                }
                else json.Skip();
                n++;
            }
            if (n == 2 && field != null && source != null)
            {
                // As FieldSources.Set: a field named twice keeps its place and its last source.
                int at = sources.FindIndex(kv => string.Equals(kv.Key, field, StringComparison.OrdinalIgnoreCase));
                if (at >= 0) sources[at] = new(field, source);
                else sources.Add(new(field, source));
            }
        }
        return sources;
    }

    internal static byte[] Compress(byte[] raw)
    {
        using var ms = new MemoryStream();
        using (var br = new BrotliStream(ms, CompressionLevel.Fastest, leaveOpen: true)) br.Write(raw);
        return ms.ToArray();
    }

    internal static byte[] Decompress(byte[] stored)
    {
        using var input = new MemoryStream(stored);
        using var br = new BrotliStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        br.CopyTo(output);
        return output.ToArray();
    }
}
