namespace NewsCmdlets.Engine.Coverage;

/// <summary>
/// Remembered answers of a pure function of a string, for one thread (a [ThreadStatic] field holds each): the
/// comparison asks the same words and lines over and over. Bounded: when full it starts again, so a long session's
/// memory does not grow with the text it has read.
/// </summary>
internal sealed class StringMemo<T>(int limit)
{
    private readonly Dictionary<string, T> _known = new(StringComparer.Ordinal);

    public bool TryGet(string key, out T value) => _known.TryGetValue(key, out value!);

    /// <summary>Remembers <paramref name="value"/> for <paramref name="key"/> and returns it.</summary>
    public T Remember(string key, T value)
    {
        if (_known.Count >= limit) _known.Clear();
        _known[key] = value;
        return value;
    }
}
