using System.Collections;

namespace NewsCmdlets.Engine.Model;

/// <summary>
/// What every read-only list of strings behind a <see cref="TextList"/> shares (a view over a body, a block of UTF-8,
/// items stored in the cache): reading by index, count and enumeration, and every change refused.
/// </summary>
internal abstract class ReadOnlyStringList : IList<string>
{
    public abstract string this[int index] { get; }

    string IList<string>.this[int index]
    {
        get => this[index];
        set => throw new NotSupportedException("The list is read-only.");
    }

    public abstract int Count { get; }
    public bool IsReadOnly => true;
    public bool Contains(string item) => IndexOf(item) >= 0;

    public virtual int IndexOf(string item)
    {
        for (int i = 0; i < Count; i++) if (string.Equals(this[i], item, StringComparison.Ordinal)) return i;
        return -1;
    }

    public virtual void CopyTo(string[] array, int arrayIndex)
    {
        for (int i = 0; i < Count; i++) array[arrayIndex + i] = this[i];
    }

    public virtual IEnumerator<string> GetEnumerator()
    {
        for (int i = 0; i < Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    public void Add(string item) => throw new NotSupportedException("The list is read-only.");
    public void Clear() => throw new NotSupportedException("The list is read-only.");
    public void Insert(int index, string item) => throw new NotSupportedException("The list is read-only.");
    public bool Remove(string item) => throw new NotSupportedException("The list is read-only.");
    public void RemoveAt(int index) => throw new NotSupportedException("The list is read-only.");
}
