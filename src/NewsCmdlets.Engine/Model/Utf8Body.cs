using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace NewsCmdlets.Engine.Model;

/// <summary>
/// An article's body held as UTF-8 (a byte a character for most news text, against two in a string) and decoded
/// whenever it is read: over 100,000 articles the bodies were half of what the articles held (about 175 MB of UTF-16).
/// A packed body is a <c>byte[]</c>, or the string itself when UTF-8 would not be smaller (short text, text of mostly
/// non-Latin letters) or would not come back the same (a lone surrogate).
/// </summary>
internal static class Utf8Body
{
    /// <summary>Bodies shorter than this are kept as strings (the array's header would eat the gain).</summary>
    internal const int MinChars = 64;

    /// <summary>Headlines shorter than this are kept as strings: from here on their UTF-8 takes at least 8 bytes less.</summary>
    internal const int MinTitleChars = 16;

    /// <summary><paramref name="text"/> packed: a <c>byte[]</c> of its UTF-8, or the string itself.</summary>
    public static object Pack(string text) => Pack(text, MinChars);

    /// <summary><paramref name="text"/> packed as by <see cref="Pack(string)"/>, kept as a string below <paramref name="minChars"/> characters.</summary>
    public static object Pack(string text, int minChars)
    {
        if (text.Length < minChars) return text;
        int bytes = Encoding.UTF8.GetByteCount(text);
        if (bytes >= 2 * text.Length) return text; // no smaller (and a lone surrogate is counted as three bytes)
        var utf8 = new byte[bytes];
        return Utf8.FromUtf16(text, utf8, out int read, out int written, replaceInvalidSequences: false) == OperationStatus.Done
               && read == text.Length && written == bytes ? utf8 : text;
    }

    /// <summary>The text of a packed body.</summary>
    public static string Unpack(object packed) => packed as string ?? Encoding.UTF8.GetString((byte[])packed);

    /// <summary>Lines of a packed body (one more than its "\n"; a UTF-8 sequence never holds the byte of "\n").</summary>
    public static int CountLines(object packed) =>
        1 + (packed is string s ? s.AsSpan().Count('\n') : ((byte[])packed).AsSpan().Count((byte)'\n'));

    /// <summary>Whether a packed body is the text <paramref name="text"/>, without decoding it.</summary>
    public static bool IsText(object packed, string text)
    {
        if (packed is string s) return ReferenceEquals(s, text) || string.Equals(s, text, StringComparison.Ordinal);
        var utf8 = ((byte[])packed).AsSpan();
        Span<byte> buffer = stackalloc byte[1024];
        var rest = text.AsSpan();
        while (rest.Length > 0)
        {
            var status = Utf8.FromUtf16(rest, buffer, out int read, out int written, replaceInvalidSequences: false, isFinalBlock: true);
            if (status is not (OperationStatus.Done or OperationStatus.DestinationTooSmall) || read == 0) return false;
            if (written > utf8.Length || !buffer[..written].SequenceEqual(utf8[..written])) return false;
            utf8 = utf8[written..];
            rest = rest[read..];
        }
        return utf8.Length == 0;
    }

    /// <summary>Whether two packed bodies hold the same text.</summary>
    public static bool SameText(object a, object b) =>
        ReferenceEquals(a, b)
        || (a is byte[] x && b is byte[] y ? x.AsSpan().SequenceEqual(y)
            : a is string sa ? IsText(b, sa) : IsText(a, (string)b));
}
