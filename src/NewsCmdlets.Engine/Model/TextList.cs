using System.Collections;
using System.Collections.ObjectModel;

namespace NewsCmdlets.Engine.Model;

/// <summary>
/// A read-only list of strings that prints as its items joined. PowerShell enumerates it like any array
/// (<c>-contains</c>, <c>ForEach-Object</c>, <c>ConvertTo-Json</c> see the items), while <c>Export-Csv</c>, which calls
/// <see cref="ToString"/>, writes the joined text instead of a type name such as <c>System.String[]</c>.
/// </summary>
public sealed class TextList : ReadOnlyCollection<string>
{
    public static new readonly TextList Empty = new(Array.Empty<string>(), "; ");

    private readonly string _separator;

    public TextList(IEnumerable<string> items, string separator = "; ")
        : base(items as IList<string> ?? items.ToList())
    {
        _separator = separator;
    }

    private static readonly TextList EmptyLines = new(Array.Empty<string>(), "\n"), EmptyBlocks = new(Array.Empty<string>(), "\n\n");

    /// <summary>
    /// A list of <paramref name="items"/>: one shared empty list for each usual separator when there are none (most
    /// articles have no captions, categories or warnings: a list and its wrapper each were memory for nothing).
    /// </summary>
    internal static TextList Of(IList<string> items, string separator = "; ") =>
        items.Count > 0 ? new TextList(items, separator)
        : separator switch { "; " => Empty, "\n" => EmptyLines, "\n\n" => EmptyBlocks, _ => new TextList(Array.Empty<string>(), separator) };

    /// <summary>The separator used by <see cref="ToString"/>.</summary>
    public string Separator => _separator;

    /// <summary>The list the items are read from (e.g. a <see cref="BodyLines"/> view).</summary>
    internal IList<string> Inner => Items;

    // The lines of a body joined by "\n" are the body: no need to split it.
    public override string ToString() => Items is BodyLines lines && _separator == "\n" ? lines.Body : string.Join(_separator, this);
}

/// <summary>
/// Where each derived field of an article came from ("Published" → "file header line"), in insertion order.
/// Prints as <c>Field=source; Field=source</c> so it exports as one CSV column.
/// </summary>
public sealed class FieldSources : IReadOnlyDictionary<string, string>, IDictionary
{
    private List<KeyValuePair<string, string>>? _items;
    private byte[]? _stored;
    private readonly Func<byte[], List<KeyValuePair<string, string>>>? _decode;

    public FieldSources() => _items = new();

    /// <summary>Entries decoded from <paramref name="stored"/> by <paramref name="decode"/> when first used (the cache
    /// decodes them only if asked).</summary>
    internal FieldSources(byte[] stored, Func<byte[], List<KeyValuePair<string, string>>> decode) => (_stored, _decode) = (stored, decode);

    private List<KeyValuePair<string, string>> Items => _items ?? Deferred.Get(ref _items, ref _stored, _decode!);

    public void Set(string field, string source)
    {
        for (int i = 0; i < Items.Count; i++)
        {
            if (string.Equals(Items[i].Key, field, StringComparison.OrdinalIgnoreCase))
            {
                Items[i] = new(field, SharedText.Of(source)!);
                return;
            }
        }
        Items.Add(new(field, SharedText.Of(source)!)); // most are a few phrases ("byline", "file header line (date only)")
    }

    public void Remove(string field) => Items.RemoveAll(kv => string.Equals(kv.Key, field, StringComparison.OrdinalIgnoreCase));

    public string this[string key] => TryGetValue(key, out var v) ? v : throw new KeyNotFoundException(key);
    public IEnumerable<string> Keys => Items.Select(kv => kv.Key);
    public IEnumerable<string> Values => Items.Select(kv => kv.Value);
    public int Count => Items.Count;
    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, out string value)
    {
        foreach (var kv in Items)
        {
            if (string.Equals(kv.Key, key, StringComparison.OrdinalIgnoreCase)) { value = kv.Value; return true; }
        }
        value = "";
        return false;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => Items.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => string.Join("; ", Items.Select(kv => kv.Key + "=" + kv.Value));

    // Non-generic IDictionary, read-only: lets PowerShell read entries as properties ($article.Sources.Published)
    // and ConvertTo-Json write them as an object.
    object? IDictionary.this[object key]
    {
        get => key is string k && TryGetValue(k, out var v) ? v : null;
        set => throw new NotSupportedException("Sources is read-only.");
    }
    ICollection IDictionary.Keys => Keys.ToList();
    ICollection IDictionary.Values => Values.ToList();
    bool IDictionary.IsReadOnly => true;
    bool IDictionary.IsFixedSize => true;
    bool ICollection.IsSynchronized => false;
    object ICollection.SyncRoot => Items;
    void IDictionary.Add(object key, object? value) => throw new NotSupportedException("Sources is read-only.");
    void IDictionary.Clear() => throw new NotSupportedException("Sources is read-only.");
    bool IDictionary.Contains(object key) => key is string k && ContainsKey(k);
    void IDictionary.Remove(object key) => throw new NotSupportedException("Sources is read-only.");
    void ICollection.CopyTo(Array array, int index)
    {
        foreach (var kv in Items) array.SetValue(new DictionaryEntry(kv.Key, kv.Value), index++);
    }
    IDictionaryEnumerator IDictionary.GetEnumerator() =>
        new Hashtable(Items.ToDictionary(kv => kv.Key, kv => (object)kv.Value, StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase).GetEnumerator();
}
