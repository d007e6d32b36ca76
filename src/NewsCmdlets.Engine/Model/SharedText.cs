using System.Collections.Concurrent;

namespace NewsCmdlets.Engine.Model;

/// <summary>
/// One string object for each short metadata value seen again (an outlet's name, a dateline's place, an agency, an
/// author, where a field came from): 100,000 articles of a few dozen outlets held 100,000 copies of their names. The
/// pool is bounded (<see cref="MaxEntries"/> values of at most <see cref="MaxLength"/> characters, under 2 MB); past
/// that, values are kept as they come. Values are only shared, never changed.
/// </summary>
internal static class SharedText
{
    internal const int MaxLength = 80, MaxEntries = 8192;
    private static readonly BoundedPool<string> Pool = new(MaxEntries, StringComparer.Ordinal);

    /// <summary>The pooled string equal to <paramref name="s"/> (pooling it when there is room), or <paramref name="s"/> itself.</summary>
    public static string? Of(string? s) => s == null || s.Length == 0 || s.Length > MaxLength ? s : Pool.Intern(s);
}

/// <summary>
/// A bounded set of shared values: the first value given is kept and handed back for every later equal one, until
/// the pool holds its number of entries; past that, values are kept as they come. Values are only shared, never
/// changed. Used for what many articles hold alike (<see cref="SharedText"/>, <see cref="SharedFolder"/>, field sources).
/// </summary>
internal sealed class BoundedPool<T> where T : class
{
    private readonly ConcurrentDictionary<T, T> _pool;
    private readonly int _maxEntries;
    private int _count;

    public BoundedPool(int maxEntries, IEqualityComparer<T> comparer)
    {
        _pool = new ConcurrentDictionary<T, T>(comparer);
        _maxEntries = maxEntries;
    }

    /// <summary>The pooled value equal to <paramref name="value"/> (pooling it when there is room), or <paramref name="value"/> itself.</summary>
    public T Intern(T value) => TryIntern(value, out var shared) ? shared : value;

    /// <summary>The pooled value equal to <paramref name="value"/>, pooling it when there is room; false when the pool is full and holds none.</summary>
    public bool TryIntern(T value, out T shared)
    {
        if (_pool.TryGetValue(value, out shared!)) return true;
        if (Volatile.Read(ref _count) >= _maxEntries) { shared = value; return false; }
        shared = _pool.GetOrAdd(value, value);
        if (ReferenceEquals(shared, value)) Interlocked.Increment(ref _count);
        return true;
    }
}

/// <summary>
/// A file path or web address kept as its folder (everything to its last '/' or '\', one string object for each
/// folder seen again) and its name: 100,000 articles read from a few hundred folders held 100,000 copies of the folders'
/// paths (18 MB at 100,000 articles, more than their titles). The pool is bounded like <see cref="SharedText"/>'s
/// (<see cref="MaxEntries"/> folders of at most <see cref="MaxLength"/> characters); past that, paths are kept whole.
/// </summary>
internal static class SharedFolder
{
    internal const int MinLength = 16, MaxLength = 512, MaxEntries = 4096;
    private static readonly BoundedPool<string> Pool = new(MaxEntries, StringComparer.Ordinal);

    /// <summary><paramref name="path"/> as (shared folder, rest), or (null, <paramref name="path"/>) when it is not worth splitting or the pool is full.</summary>
    public static (string? Folder, string? Name) Split(string? path)
    {
        if (path == null) return (null, null);
        int cut = path.AsSpan().LastIndexOfAny('/', '\\') + 1;
        if (cut < MinLength || cut > MaxLength) return (null, path);
        return Pool.TryIntern(path[..cut], out var shared) ? (shared, path[cut..]) : (null, path);
    }

    /// <summary>The path that <see cref="Split"/> gave (<paramref name="folder"/>, <paramref name="name"/>) for.</summary>
    public static string? Join(string? folder, string? name) => folder == null ? name : string.Concat(folder, name);
}
