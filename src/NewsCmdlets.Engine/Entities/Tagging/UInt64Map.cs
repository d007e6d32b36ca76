namespace NewsCmdlets.Engine.Entities.Tagging;

/// <summary>
/// A map from 64-bit hashes to values for the tagger's hot paths (model rows, word clusters): open addressing with
/// linear probing, filled once and then only read, so one instance serves every thread. Key 0 marks an empty slot; a
/// key of 0 is stored as 1 (a collision no more likely than any other).
/// </summary>
internal sealed class UInt64Map<T> where T : struct
{
    private readonly ulong[] _keys;
    private readonly T[] _values;
    private readonly int _mask;

    /// <summary>Number of keys stored.</summary>
    public int Count { get; private set; }

    /// <summary>A map with room for <paramref name="capacity"/> keys at a load of at most one half.</summary>
    public UInt64Map(int capacity)
    {
        int cap = 16;
        while (cap < capacity * 2) cap <<= 1;
        _keys = new ulong[cap];
        _values = new T[cap];
        _mask = cap - 1;
    }

    /// <summary>Adds a key; the first value added for a key stays. False when the key was there already.</summary>
    public bool TryAdd(ulong key, T value)
    {
        if (key == 0) key = 1;
        int slot = (int)(key & (ulong)_mask);
        while (_keys[slot] != 0)
        {
            if (_keys[slot] == key) return false;
            slot = (slot + 1) & _mask;
        }
        if (Count * 2 >= _keys.Length) throw new InvalidOperationException("UInt64Map is full.");
        _keys[slot] = key;
        _values[slot] = value;
        Count++;
        return true;
    }

    /// <summary>The value of a key, or <paramref name="missing"/>.</summary>
    public T Get(ulong key, T missing)
    {
        if (key == 0) key = 1;
        int slot = (int)(key & (ulong)_mask);
        while (true)
        {
            ulong k = _keys[slot];
            if (k == key) return _values[slot];
            if (k == 0) return missing;
            slot = (slot + 1) & _mask;
        }
    }
}
