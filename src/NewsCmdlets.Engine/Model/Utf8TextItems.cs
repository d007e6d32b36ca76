using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace NewsCmdlets.Engine.Model;

/// <summary>
/// Strings kept as one block of UTF-8 (a byte a character for most news text, against two, and one object instead of
/// one per item), each decoded again whenever it is read. For lists an article carries but analyses never read (the
/// page chrome in <see cref="NewsArticle.Removed"/>): over 100,000 articles they were tens of MB of UTF-16.
/// </summary>
internal sealed class Utf8TextItems : ReadOnlyStringList
{
    private readonly byte[] _utf8;
    /// <summary>Where each item ends in <see cref="_utf8"/>: a <c>ushort[]</c> when the block is under 64 KB (nearly
    /// always: half the memory of the ends), else an <c>int[]</c>.</summary>
    private readonly Array _ends;

    private Utf8TextItems(byte[] utf8, Array ends) => (_utf8, _ends) = (utf8, ends);

    private int End(int index) => _ends is ushort[] small ? small[index] : ((int[])_ends)[index];

    /// <summary>Items below this many characters in all are kept as strings (the block would save nothing).</summary>
    internal const int MinChars = 64;

    /// <summary>
    /// <paramref name="items"/> as a <see cref="TextList"/> with <paramref name="separator"/>: kept as UTF-8 when they
    /// are long enough to gain and every one of them is valid UTF-16 (a lone surrogate would not come back the same),
    /// else as they are.
    /// </summary>
    public static TextList List(IReadOnlyList<string> items, string separator)
    {
        long chars = 0, bytes = 0;
        foreach (var s in items) { chars += s.Length; bytes += Encoding.UTF8.GetByteCount(s); }
        if (chars < MinChars || bytes > int.MaxValue / 2) return new TextList(items as IList<string> ?? items.ToList(), separator);
        var utf8 = new byte[bytes];
        bool small = bytes <= ushort.MaxValue;
        var ends16 = small ? new ushort[items.Count] : null;
        var ends32 = small ? null : new int[items.Count];
        int at = 0;
        for (int i = 0; i < items.Count; i++)
        {
            if (Utf8.FromUtf16(items[i], utf8.AsSpan(at), out _, out int written, replaceInvalidSequences: false) != OperationStatus.Done)
                return new TextList(items as IList<string> ?? items.ToList(), separator);
            at += written;
            if (small) ends16![i] = (ushort)at;
            else ends32![i] = at;
        }
        return new TextList(new Utf8TextItems(utf8, small ? ends16! : ends32!), separator);
    }

    public override string this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_ends.Length) throw new ArgumentOutOfRangeException(nameof(index));
            int start = index == 0 ? 0 : End(index - 1);
            return Encoding.UTF8.GetString(_utf8, start, End(index) - start);
        }
    }

    public override int Count => _ends.Length;
}
