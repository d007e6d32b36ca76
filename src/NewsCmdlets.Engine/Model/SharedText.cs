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
    private static readonly ConcurrentDictionary<string, string> Pool = new(StringComparer.Ordinal);
    private static int _count;

    /// <summary>The pooled string equal to <paramref name="s"/> (pooling it when there is room), or <paramref name="s"/> itself.</summary>
    public static string? Of(string? s)
    {
        if (s == null || s.Length == 0 || s.Length > MaxLength) return s;
        if (Pool.TryGetValue(s, out var shared)) return shared;
        if (Volatile.Read(ref _count) >= MaxEntries) return s;
        shared = Pool.GetOrAdd(s, s);
        if (ReferenceEquals(shared, s)) Interlocked.Increment(ref _count);
        return shared;
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
    private static readonly ConcurrentDictionary<string, string> Pool = new(StringComparer.Ordinal);
    private static int _count;

    /// <summary><paramref name="path"/> as (shared folder, rest), or (null, <paramref name="path"/>) when it is not worth splitting or the pool is full.</summary>
    public static (string? Folder, string? Name) Split(string? path)
    {
        if (path == null) return (null, null);
        int cut = path.AsSpan().LastIndexOfAny('/', '\\') + 1;
        if (cut < MinLength || cut > MaxLength) return (null, path);
        string folder = path[..cut];
        if (!Pool.TryGetValue(folder, out var shared))
        {
            if (Volatile.Read(ref _count) >= MaxEntries) return (null, path);
            shared = Pool.GetOrAdd(folder, folder);
            if (ReferenceEquals(shared, folder)) Interlocked.Increment(ref _count);
        }
        return (shared, path[cut..]);
    }

    /// <summary>The path that <see cref="Split"/> gave (<paramref name="folder"/>, <paramref name="name"/>) for.</summary>
    public static string? Join(string? folder, string? name) => folder == null ? name : string.Concat(folder, name);
}
