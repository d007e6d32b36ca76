using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Unicode;

namespace NewsCmdlets.Engine.Model;

/// <summary>
/// Strings kept as one block of UTF-8 (a byte a character for most news text, against two, and one object instead of
/// one per item), each decoded again whenever it is read. For lists an article carries but analyses never read (the
/// page chrome in <see cref="NewsArticle.Removed"/>): over 100,000 articles they were tens of MB of UTF-16.
/// A line of an item (up to a "\n") that the articles read before carried too (a site's menu, its newsletter box, the
/// headlines of its related-stories box) is kept once for all of them (<see cref="SharedLines"/>), and the block holds
/// a 3-byte reference to it.
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

    [ThreadStatic] private static byte[]? _scratch;
    private const int MaxScratch = 1 << 20;

    /// <summary>Bytes of the block (shared lines counted as their references), for tests.</summary>
    internal int Bytes => _utf8.Length;

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
        // Written first into a scratch buffer (a shared line takes fewer bytes than its text), then copied to its size.
        var buffer = _scratch is { } b && b.Length >= bytes ? b : new byte[Math.Max(bytes, 4096)];
        if (buffer.Length <= MaxScratch) _scratch = buffer; // a huge page's buffer is not kept
        var ends = new int[items.Count];
        int at = 0;
        for (int i = 0; i < items.Count; i++)
        {
            var item = items[i].AsSpan();
            while (true)
            {
                int nl = item.IndexOf('\n');
                var line = nl < 0 ? item : item[..nl];
                if (Utf8.FromUtf16(line, buffer.AsSpan(at), out _, out int written, replaceInvalidSequences: false) != OperationStatus.Done)
                    return new TextList(items as IList<string> ?? items.ToList(), separator);
                int shared = SharedLines.IndexOf(buffer.AsSpan(at, written));
                if (shared >= 0)
                {
                    buffer[at++] = SharedLines.Marker;
                    buffer[at++] = (byte)(shared >> 8);
                    buffer[at++] = (byte)shared;
                }
                else at += written;
                if (nl < 0) break;
                buffer[at++] = (byte)'\n';
                item = item[(nl + 1)..];
            }
            ends[i] = at;
        }
        var utf8 = buffer.AsSpan(0, at).ToArray();
        Array packed = at <= ushort.MaxValue ? Array.ConvertAll(ends, e => (ushort)e) : ends;
        return new TextList(new Utf8TextItems(utf8, packed), separator);
    }

    public override string this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_ends.Length) throw new ArgumentOutOfRangeException(nameof(index));
            int start = index == 0 ? 0 : End(index - 1);
            var item = _utf8.AsSpan(start, End(index) - start);
            if (item.IndexOf(SharedLines.Marker) < 0) return Encoding.UTF8.GetString(item);
            // Shared lines in it: their bytes put back in place, then decoded as one.
            int length = 0;
            for (int k = 0; k < item.Length; k++)
            {
                if (item[k] != SharedLines.Marker) { length++; continue; }
                length += SharedLines.Line(item[k + 1] << 8 | item[k + 2]).Length;
                k += 2;
            }
            byte[] rented = ArrayPool<byte>.Shared.Rent(length);
            int w = 0;
            for (int k = 0; k < item.Length; k++)
            {
                if (item[k] != SharedLines.Marker) { rented[w++] = item[k]; continue; }
                var line = SharedLines.Line(item[k + 1] << 8 | item[k + 2]);
                line.CopyTo(rented, w);
                w += line.Length;
                k += 2;
            }
            string text = Encoding.UTF8.GetString(rented, 0, w);
            ArrayPool<byte>.Shared.Return(rented);
            return text;
        }
    }

    public override int Count => _ends.Length;
}

/// <summary>
/// The lines of page chrome seen in more than one article, each kept once as UTF-8 (<see cref="Utf8TextItems"/>): a
/// line is shared from the second time it is seen (the first time only its hash is noted). Bounded: at most
/// <see cref="MaxLines"/> lines of <see cref="MinBytes"/> to <see cref="MaxBytes"/> bytes (20 MB of text at the very
/// most; 100,000 generated articles of a few dozen sites filled it with 3.7 MB); past that, lines are kept in their
/// article's block. Lines are only shared, never changed. At 100,000 articles the blocks held 24 MB instead of about 50.
/// </summary>
internal static class SharedLines
{
    /// <summary>The byte that starts a reference in a block (never a byte of valid UTF-8), followed by the line's number in two bytes.</summary>
    public const byte Marker = 0xFF;
    internal const int MaxLines = 1 << 16, MinBytes = 8, MaxBytes = 300;
    /// <summary>Slots of <see cref="_seen"/> (a power of two).</summary>
    private const int MaxSeen = 1 << 17;

    private static readonly byte[]?[] Lines = new byte[]?[MaxLines];
    private static readonly ConcurrentDictionary<long, int> Index = new();
    /// <summary>
    /// Hashes of lines seen, one slot for each hash's low bits (a line seen again while another of the same slot came
    /// in between waits for its next sighting): no lock and no allocation for a line seen once, 1 MB in all; let go
    /// once the pool is full, since no line joins it then.
    /// </summary>
    private static long[]? _seen = new long[MaxSeen];
    private static readonly object Gate = new();
    private static int _count;

    /// <summary>The shared line's UTF-8.</summary>
    public static byte[] Line(int number) => Volatile.Read(ref Lines[number])!;

    /// <summary>The number of the shared line equal to <paramref name="utf8"/> (sharing it when this is the second time it is seen and there is room), else -1.</summary>
    public static int IndexOf(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length < MinBytes || utf8.Length > MaxBytes) return -1;
        var hash = new HashCode();
        hash.AddBytes(utf8);
        long key = (long)utf8.Length << 32 | (uint)hash.ToHashCode();
        if (Index.TryGetValue(key, out int number)) return Line(number).AsSpan().SequenceEqual(utf8) ? number : -1;
        if (Volatile.Read(ref _count) >= MaxLines || Volatile.Read(ref _seen) is not { } seen) return -1;
        ref long slot = ref seen[(int)(uint)key & (MaxSeen - 1)];
        if (Volatile.Read(ref slot) != key)
        {
            Volatile.Write(ref slot, key); // seen once (a race with another thread at most delays a line's sharing)
            return -1;
        }
        lock (Gate)
        {
            if (Index.TryGetValue(key, out number)) return Line(number).AsSpan().SequenceEqual(utf8) ? number : -1;
            if (_count >= MaxLines) return -1;
            number = _count;
            Volatile.Write(ref Lines[number], utf8.ToArray());
            Index[key] = number;
            Volatile.Write(ref _count, number + 1);
            if (_count >= MaxLines) Volatile.Write(ref _seen, null);
            return number;
        }
    }
}
