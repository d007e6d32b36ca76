using System.Collections;
using System.Collections.Concurrent;
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
    /// A <see cref="List{T}"/> is kept as an array of its items: its object and its spare capacity were about half of
    /// what an article's list of one or two authors held.
    /// </summary>
    internal static TextList Of(IList<string> items, string separator = "; ") =>
        items.Count > 0 ? new TextList(items is List<string> list ? list.ToArray() : items, separator)
        : separator switch { "; " => Empty, "\n" => EmptyLines, "\n\n" => EmptyBlocks, _ => new TextList(Array.Empty<string>(), separator) };

    internal const int MaxSharedLists = 8192, MaxSharedItems = 4;
    private static readonly ConcurrentDictionary<string[], TextList> SharedLists = new(ItemsComparer.Instance);
    private static int _sharedLists;

    /// <summary>
    /// <paramref name="list"/>, or one list object with the same items and separator "; " shared by every caller that
    /// gives them (a few short items: an article's authors). 100,000 articles of a few hundred reporters held a list and
    /// its array each (5 MB). The pool is bounded (<see cref="MaxSharedLists"/> lists of at most <see cref="MaxSharedItems"/>
    /// items of at most <see cref="SharedText.MaxLength"/> characters); past that, lists are kept as they come.
    /// </summary>
    internal static TextList Shared(TextList list)
    {
        if (list == null || list.Count == 0 || list.Count > MaxSharedItems || list._separator != "; ") return list!;
        var items = new string[list.Count];
        for (int i = 0; i < items.Length; i++)
        {
            if (list[i] is not { Length: <= SharedText.MaxLength } item) return list;
            items[i] = SharedText.Of(item)!;
        }
        if (SharedLists.TryGetValue(items, out var shared)) return shared;
        if (Volatile.Read(ref _sharedLists) >= MaxSharedLists) return list;
        shared = SharedLists.GetOrAdd(items, _ => new TextList(items));
        if (ReferenceEquals(shared.Items, items)) Interlocked.Increment(ref _sharedLists);
        return shared;
    }

    /// <summary>Two lists of items equal item by item (ordinal).</summary>
    private sealed class ItemsComparer : IEqualityComparer<string[]>
    {
        public static readonly ItemsComparer Instance = new();
        public bool Equals(string[]? x, string[]? y) => ReferenceEquals(x, y) || x != null && y != null && x.AsSpan().SequenceEqual(y);
        public int GetHashCode(string[] items)
        {
            var h = new HashCode();
            foreach (var s in items) h.Add(s, StringComparer.Ordinal);
            return h.ToHashCode();
        }
    }

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
    /// <summary>The entries once an article holds them (<see cref="Freeze"/>): an array of their own length, most often
    /// one shared by every article whose fields came from the same places; <see cref="Set"/> and <see cref="Remove"/>
    /// copy it into a list of this object's own first.</summary>
    private KeyValuePair<string, string>[]? _frozen;
    private byte[]? _stored;
    private readonly Func<byte[], List<KeyValuePair<string, string>>>? _decode;

    public FieldSources() => _items = new();

    /// <summary>Entries decoded from <paramref name="stored"/> by <paramref name="decode"/> when first used (the cache
    /// decodes them only if asked).</summary>
    internal FieldSources(byte[] stored, Func<byte[], List<KeyValuePair<string, string>>> decode) => (_stored, _decode) = (stored, decode);

    /// <summary>The entries to read.</summary>
    private IReadOnlyList<KeyValuePair<string, string>> Items => (IReadOnlyList<KeyValuePair<string, string>>?)_frozen ?? Writable;

    /// <summary>The entries to change (a list of this object's own).</summary>
    private List<KeyValuePair<string, string>> Writable
    {
        get
        {
            if (_items != null) return _items;
            if (_frozen is { } frozen)
            {
                _items = new List<KeyValuePair<string, string>>(frozen);
                _frozen = null;
                return _items;
            }
            return Deferred.Get(ref _items, ref _stored, _decode!);
        }
    }

    internal const int MaxSharedSets = 1024, MaxSharedEntries = 16;
    private static readonly BoundedPool<KeyValuePair<string, string>[]> SharedSets = new(MaxSharedSets, EntriesComparer.Instance);

    /// <summary>
    /// Called when an article takes these entries: they are kept in an array of their own length, shared with every
    /// other article whose entries are the same (at 100,000 articles of a few dozen kinds of input, each kept a list,
    /// its spare room and a copy of the same few pairs: 22 MB). Entries not decoded yet (the cache's) are left so.
    /// </summary>
    internal void Freeze()
    {
        var items = _items;
        if (items == null) return;
        var entries = items.ToArray();
        // Only sets of a few short pairs are shared (what the pool keeps alive stays small: at most a few MB).
        bool share = entries.Length <= MaxSharedEntries;
        for (int i = 0; i < entries.Length && share; i++)
        {
            share = entries[i].Key.Length <= SharedText.MaxLength && entries[i].Value.Length <= SharedText.MaxLength;
            entries[i] = new(SharedText.Of(entries[i].Key)!, SharedText.Of(entries[i].Value)!);
        }
        if (share) entries = SharedSets.Intern(entries);
        _frozen = entries;
        _items = null;
    }

    /// <summary>Two sets of entries equal pair by pair, in order (ordinal).</summary>
    private sealed class EntriesComparer : IEqualityComparer<KeyValuePair<string, string>[]>
    {
        public static readonly EntriesComparer Instance = new();

        public bool Equals(KeyValuePair<string, string>[]? x, KeyValuePair<string, string>[]? y)
        {
            if (ReferenceEquals(x, y)) return true;
            if (x == null || y == null || x.Length != y.Length) return false;
            for (int i = 0; i < x.Length; i++)
                if (!string.Equals(x[i].Key, y[i].Key, StringComparison.Ordinal) || !string.Equals(x[i].Value, y[i].Value, StringComparison.Ordinal)) return false;
            return true;
        }

        public int GetHashCode(KeyValuePair<string, string>[] entries)
        {
            var h = new HashCode();
            foreach (var kv in entries) { h.Add(kv.Key, StringComparer.Ordinal); h.Add(kv.Value, StringComparer.Ordinal); }
            return h.ToHashCode();
        }
    }

    public void Set(string field, string source)
    {
        var items = Writable;
        for (int i = 0; i < items.Count; i++)
        {
            if (string.Equals(items[i].Key, field, StringComparison.OrdinalIgnoreCase))
            {
                items[i] = new(field, SharedText.Of(source)!);
                return;
            }
        }
        items.Add(new(field, SharedText.Of(source)!)); // most are a few phrases ("byline", "file header line (date only)")
    }

    public void Remove(string field) => Writable.RemoveAll(kv => string.Equals(kv.Key, field, StringComparison.OrdinalIgnoreCase));

    public string this[string key] => TryGetValue(key, out var v) ? v : throw new KeyNotFoundException(key);
    public IEnumerable<string> Keys => Items.Select(kv => kv.Key);
    public IEnumerable<string> Values => Items.Select(kv => kv.Value);
    public int Count => Items.Count;
    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, out string value)
    {
        var items = _frozen is { } frozen ? frozen.AsSpan() : System.Runtime.InteropServices.CollectionsMarshal.AsSpan(Writable);
        foreach (var kv in items)
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
