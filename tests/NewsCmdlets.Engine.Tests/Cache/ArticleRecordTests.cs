using System.Text;
using NewsCmdlets.Engine.Cache;

namespace NewsCmdlets.Engine.Tests.Cache;

public sealed class ArticleRecordTests
{
    private static List<string?> ReadAll(byte[] record, int count)
    {
        var reader = new ArticleRecord.Reader(record);
        var values = new List<string?>();
        for (int i = 0; i < count; i++) values.Add(reader.NextString());
        return values;
    }

    [Fact]
    public void Fields_read_back_as_written_null_empty_long_and_non_ascii_alike()
    {
        string longText = string.Concat(Enumerable.Repeat("Ninety-nine words of a long standfirst. ", 500)); // a count of several bytes
        var values = new List<string?> { null, "", "a", longText, "Séoul — 서울", null, "{\"S\":\"\\n\",\"B\":1}" };
        var record = ArticleRecord.Pack(values);
        Assert.Equal(values, ReadAll(record, values.Count));
        // The UTF-8 form packs the same bytes.
        Assert.Equal(record, ArticleRecord.PackUtf8(values.Select(v => v == null ? null : Encoding.UTF8.GetBytes(v)).ToList()));
    }

    [Fact]
    public void Fields_past_the_end_read_as_null_so_older_records_read_under_newer_field_lists()
    {
        var record = ArticleRecord.Pack(new[] { "one", "two" });
        Assert.Equal(new string?[] { "one", "two", null, null }, ReadAll(record, 4));
    }

    [Fact]
    public void A_damaged_or_unknown_record_is_refused_not_misread()
    {
        var record = ArticleRecord.Pack(new[] { "a field of some length" });
        Assert.Throws<InvalidDataException>(() => ReadAll(record[..5], 1)); // cut short inside the field
        var unknown = (byte[])record.Clone();
        unknown[0] = 99;
        Assert.Throws<InvalidDataException>(() => ReadAll(unknown, 1));
        Assert.Throws<InvalidDataException>(() => ReadAll(Array.Empty<byte>(), 1));
        var runaway = new byte[] { ArticleRecord.FormatVersion, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 };
        Assert.Throws<InvalidDataException>(() => ReadAll(runaway, 1));
    }
}

public sealed class StoredListTests
{
    private static readonly System.Text.Json.JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static TheoryData<string, string[]> Lists => new()
    {
        { "; ", new[] { "Ana Ribe" } },
        { "; ", Array.Empty<string>() },
        { "\n", new[] { "One, with a comma.", "", "Three — é 서울" } },
        { "\n\n", new[] { "He said \"no\".", "A back\\slash" } },   // escaped: read as JSON
        { ", ", new[] { "tab\there", "a" } },                       // a control character is escaped too
        { " | ", new[] { "an unusual separator" } },               // not one of the usual: read as JSON
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public void Stored_lists_read_back_as_written_by_either_reader(string separator, string[] items)
    {
        byte[] utf8 = System.Text.Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new { S = separator, I = items }, Relaxed));
        Assert.Equal(items, StoredTextItems.Decode(utf8, out string sep));
        Assert.Equal(separator, sep);
        StoredTextItems.Decode(utf8, out string sepOnly, itemsToo: false);
        Assert.Equal(separator, sepOnly);
        Assert.Equal(items, new StoredTextItems(utf8).ToArray()); // the lazy list
    }
}
