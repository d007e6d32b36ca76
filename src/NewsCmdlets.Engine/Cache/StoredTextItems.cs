using System.Collections;
using System.Text.Json;
using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Engine.Cache;

/// <summary>
/// The items of a stored list, made the first time they are used: decoded from the UTF-8 bytes of
/// <c>{"S": separator, "I": [items]}</c>, or split from the article's body (paragraphs stored as "the body's
/// lines"). An article read from the cache carries paragraphs, captions, removed chrome and warnings that a query's
/// caller often never looks at; copying their bytes costs far less than decoding them, so a lookup that returns
/// thousands of articles does not decode them all up front.
/// </summary>
internal sealed class StoredTextItems : IList<string>
{
    private Func<string[]>? _make;
    private string[]? _items;

    /// <summary>Items decoded from a stored list's bytes (copied now, decoded when first used).</summary>
    public StoredTextItems(ReadOnlySpan<byte> utf8)
    {
        var bytes = utf8.ToArray();
        _make = () => Decode(bytes, out _);
    }

    /// <summary>Items made by <paramref name="make"/> when first used.</summary>
    public StoredTextItems(Func<string[]> make) => _make = make;

    private string[] Items => Deferred.Get(ref _items, ref _make);

    /// <summary>Reads a stored list: its separator and, when <paramref name="itemsToo"/>, its items (without them, it
    /// stops at the separator, which is written first).</summary>
    internal static string[] Decode(ReadOnlySpan<byte> utf8, out string separator, bool itemsToo = true)
    {
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

    /// <summary>The usual separators without a new string each time.</summary>
    private static string Separator(ref Utf8JsonReader json)
    {
        if (json.ValueTextEquals("; "u8)) return "; ";
        if (json.ValueTextEquals("\n"u8)) return "\n";
        if (json.ValueTextEquals("\n\n"u8)) return "\n\n";
        if (json.ValueTextEquals(", "u8)) return ", ";
        return json.GetString()!;
    }

    public string this[int index]
    {
        get => Items[index];
        set => throw new NotSupportedException("The list is read-only.");
    }

    public int Count => Items.Length;
    public bool IsReadOnly => true;
    public bool Contains(string item) => Array.IndexOf(Items, item) >= 0;
    public int IndexOf(string item) => Array.IndexOf(Items, item);
    public void CopyTo(string[] array, int arrayIndex) => Items.CopyTo(array, arrayIndex);
    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)Items).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    public void Add(string item) => throw new NotSupportedException("The list is read-only.");
    public void Clear() => throw new NotSupportedException("The list is read-only.");
    public void Insert(int index, string item) => throw new NotSupportedException("The list is read-only.");
    public bool Remove(string item) => throw new NotSupportedException("The list is read-only.");
    public void RemoveAt(int index) => throw new NotSupportedException("The list is read-only.");
}
