using System.Text.Json;
using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Engine.Cache;

/// <summary>
/// The items of a stored list, made the first time they are used: decoded from the UTF-8 bytes of
/// <c>{"S": separator, "I": [items]}</c> (paragraphs stored as "the body's lines" are a <see cref="BodyLines"/> view).
/// An article read from the cache carries paragraphs, captions, removed chrome and warnings that a query's
/// caller often never looks at; copying their bytes costs far less than decoding them, so a lookup that returns
/// thousands of articles does not decode them all up front.
/// </summary>
internal sealed class StoredTextItems : ReadOnlyStringList
{
    // What the items are made from: the stored list's bytes.
    private byte[]? _source;
    private string[]? _items;

    /// <summary>Items decoded from a stored list's bytes (copied now, decoded when first used).</summary>
    public StoredTextItems(ReadOnlySpan<byte> utf8) => _source = utf8.ToArray();

    private string[] Items => _items ?? Deferred.Get(ref _items, ref _source, static source => Decode(source, out _));

    /// <summary>Reads a stored list: its separator and, when <paramref name="itemsToo"/>, its items (without them, it
    /// stops at the separator, which is written first).</summary>
    internal static string[] Decode(ReadOnlySpan<byte> utf8, out string separator, bool itemsToo = true)
    {
        if (TryDecodeWritten(utf8, out separator, itemsToo, out var decoded)) return decoded;
        var json = new Utf8JsonReader(utf8);
        separator = "; ";
        List<string>? items = null;
        if (!json.Read() || json.TokenType != JsonTokenType.StartObject) return Array.Empty<string>();
        while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
        {
            bool isSeparator = json.ValueTextEquals("S"u8), isItems = json.ValueTextEquals("I"u8);
            json.Read();
            if (isSeparator && json.TokenType == JsonTokenType.String)
            {
                separator = Separator(ref json);
                if (!itemsToo) break; // written first: the items are left for later, unread
            }
            else if (isItems && itemsToo && json.TokenType == JsonTokenType.StartArray)
            {
                while (json.Read() && json.TokenType != JsonTokenType.EndArray)
                    if (json.TokenType == JsonTokenType.String) (items ??= new List<string>()).Add(json.GetString()!);
            }
            else json.Skip();
        }
        return items?.ToArray() ?? Array.Empty<string>();
    }

    /// <summary>
    /// The form the cache writes, read without a JSON reader (most lists are a few short items, and setting up a reader
    /// cost more than reading them): one of the usual separators, then items holding no escaped character. Anything
    /// else returns false and is read as JSON.
    /// </summary>
    private static bool TryDecodeWritten(ReadOnlySpan<byte> utf8, out string separator, bool itemsToo, out string[] items)
    {
        items = Array.Empty<string>();
        int start;
        if (utf8.StartsWith(SemicolonList)) (separator, start) = ("; ", SemicolonList.Length);
        else if (utf8.StartsWith(LineList)) (separator, start) = ("\n", LineList.Length);
        else if (utf8.StartsWith(BlankLineList)) (separator, start) = ("\n\n", BlankLineList.Length);
        else if (utf8.StartsWith(CommaList)) (separator, start) = (", ", CommaList.Length);
        else return Fail(out separator);
        if (!itemsToo) return true;
        var rest = utf8[start..];
        if (!rest.EndsWith("]}"u8) || rest.IndexOf((byte)'\\') >= 0)
        {
            separator = "; ";
            return false; // escapes: the JSON reader unescapes them
        }
        rest = rest[..^2];
        if (rest.IsEmpty) return true;
        // Without escapes no item holds a quote: items are "…" joined by commas.
        var list = new List<string>(4);
        while (true)
        {
            if (rest.Length < 2 || rest[0] != (byte)'"') return Fail(out separator);
            int end = rest[1..].IndexOf((byte)'"');
            if (end < 0) return Fail(out separator);
            list.Add(System.Text.Encoding.UTF8.GetString(rest.Slice(1, end)));
            rest = rest[(end + 2)..];
            if (rest.IsEmpty) break;
            if (rest[0] != (byte)',') return Fail(out separator);
            rest = rest[1..];
        }
        items = list.ToArray();
        return true;
    }

    private static ReadOnlySpan<byte> SemicolonList => "{\"S\":\"; \",\"I\":["u8;
    private static ReadOnlySpan<byte> LineList => "{\"S\":\"\\n\",\"I\":["u8;
    private static ReadOnlySpan<byte> BlankLineList => "{\"S\":\"\\n\\n\",\"I\":["u8;
    private static ReadOnlySpan<byte> CommaList => "{\"S\":\", \",\"I\":["u8;

    private static bool Fail(out string separator)
    {
        separator = "; ";
        return false;
    }

    /// <summary>The usual separators without a new string each time.</summary>
    private static string Separator(ref Utf8JsonReader json)
    {
        if (json.ValueTextEquals("; "u8)) return "; ";
        if (json.ValueTextEquals("\n"u8)) return "\n";
        if (json.ValueTextEquals("\n\n"u8)) return "\n\n";
        if (json.ValueTextEquals(", "u8)) return ", ";
        return json.GetString()!;
    }

    public override string this[int index] => Items[index];
    public override int Count => Items.Length;
    public override int IndexOf(string item) => Array.IndexOf(Items, item);
    public override void CopyTo(string[] array, int arrayIndex) => Items.CopyTo(array, arrayIndex);
    public override IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)Items).GetEnumerator();
}
