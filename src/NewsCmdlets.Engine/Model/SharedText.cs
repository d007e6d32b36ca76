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
