using System.Text;

namespace NewsCmdlets.Engine.Ingest;

/// <summary>The text of an input file, with what was noticed while decoding it.</summary>
public sealed record DecodedText(string Text, string EncodingName, IReadOnlyList<string> Warnings);

/// <summary>
/// Turns the bytes of an input into text: honours a byte-order mark (UTF-8, UTF-16 and UTF-32, either byte order),
/// recognises UTF-16 and UTF-32 without one by their zero bytes, takes an encoding the caller names (-Encoding) for
/// the rest, and otherwise reads UTF-8; bytes that are not valid UTF-8 and decode cleanly as Windows-1252 (the usual
/// encoding of older saved pages and Windows exports) are read as that. Binary files are recognised by their
/// signature or their share of control bytes, not by one stray NUL: control characters in text are removed, with a
/// warning.
/// </summary>
public static class TextDecoder
{
    /// <summary>Default largest file Import-NewsArticle reads: 64 MiB, far beyond any article.</summary>
    public const long DefaultMaximumBytes = 64L * 1024 * 1024;

    private const int HeadBytes = 8192;

    static TextDecoder()
    {
        // windows-1252 and the other code pages; registered before the first use below (a property initialiser
        // would run before this body).
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Windows1252 = Encoding.GetEncoding(1252);
    }

    /// <summary>Windows-1252, the fallback for bytes that are not UTF-8.</summary>
    public static Encoding Windows1252 { get; }

    public static DecodedText Decode(ReadOnlySpan<byte> bytes, string source, Encoding? encoding = null)
    {
        var warnings = new List<string>();
        string text;
        string name;
        if (Bom(bytes, out int bomLength) is { } bomEncoding)
        {
            text = bomEncoding is UTF8Encoding ? DecodeUtf8(bytes[bomLength..], source, warnings) : bomEncoding.GetString(bytes[bomLength..]);
            name = $"{Label(bomEncoding)} (byte-order mark)";
        }
        else if (Signature(bytes) is { } kind)
        {
            throw Binary(source, kind);
        }
        else if (encoding != null)
        {
            text = encoding is UTF8Encoding ? DecodeUtf8(bytes, source, warnings) : encoding.GetString(bytes);
            name = $"{Label(encoding)} (-Encoding)";
        }
        else if (WideWithoutBom(bytes) is { } wide)
        {
            text = wide.GetString(bytes);
            name = $"{Label(wide)} (no byte-order mark; recognised by its zero bytes)";
        }
        else
        {
            if (LooksBinary(bytes)) throw Binary(source, "a binary file (it contains many control bytes)");
            (text, name) = DecodeUnlabelled(bytes, source, warnings);
        }

        if (text.Length > 0 && LooksBinary(text))
        {
            throw new InputProblemException(InputProblemKind.Binary, source,
                $"'{source}' looks like a binary file, not text or HTML (it contains many control characters). " + ConvertAdvice);
        }
        text = RemoveControlCharacters(text, source, warnings);
        return new DecodedText(text, name, warnings);
    }

    /// <summary>
    /// Bytes with no mark and no encoding named: UTF-8 when valid; mostly UTF-8 with a few broken sequences stays
    /// UTF-8 (they become U+FFFD, with a warning); otherwise Windows-1252 when every byte is defined there.
    /// </summary>
    private static (string Text, string Name) DecodeUnlabelled(ReadOnlySpan<byte> bytes, string source, List<string> warnings)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes)) return (Encoding.UTF8.GetString(bytes), "utf-8");
        var (valid, invalid) = CountUtf8Sequences(bytes);
        if (valid <= invalid && DecodesAsWindows1252(bytes))
            return (Windows1252.GetString(bytes), "windows-1252 (not valid UTF-8; every byte is a Windows-1252 character)");
        return (DecodeUtf8(bytes, source, warnings), "utf-8");
    }

    /// <summary>An encoding's name as people write it: "utf-16LE", "utf-32BE", "windows-1252".</summary>
    public static string Label(Encoding e) => e.CodePage switch
    {
        1200 => "utf-16LE", 1201 => "utf-16BE", 12000 => "utf-32LE", 12001 => "utf-32BE", _ => e.WebName,
    };

    /// <summary>True when no byte is one of the five Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D).</summary>
    public static bool DecodesAsWindows1252(ReadOnlySpan<byte> bytes) => bytes.IndexOfAny((byte)0x81, (byte)0x8D, (byte)0x8F) < 0 && bytes.IndexOfAny((byte)0x90, (byte)0x9D) < 0;

    private static string DecodeUtf8(ReadOnlySpan<byte> bytes, string source, List<string> warnings)
    {
        string text = Encoding.UTF8.GetString(bytes); // replaces invalid sequences with U+FFFD
        int bad = CountInvalidUtf8(bytes);
        if (bad > 0)
            warnings.Add($"'{source}' is not valid UTF-8: {bad} invalid byte sequence(s) were replaced with U+FFFD. " +
                         "Re-save the file as UTF-8 to keep every character, or name its encoding with -Encoding.");
        return text;
    }

    /// <summary>The encoding a byte-order mark at the start names, and the mark's length; null without one.</summary>
    public static Encoding? Bom(ReadOnlySpan<byte> b, out int length)
    {
        length = 4;
        if (b.Length >= 4 && b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0) return new UTF32Encoding(false, false);
        if (b.Length >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF) return new UTF32Encoding(true, false);
        length = 3;
        if (b.Length >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) return new UTF8Encoding(false);
        length = 2;
        if (b.Length >= 2 && b[0] == 0xFF && b[1] == 0xFE) return Encoding.Unicode;
        if (b.Length >= 2 && b[0] == 0xFE && b[1] == 0xFF) return Encoding.BigEndianUnicode;
        length = 0;
        return null;
    }

    /// <summary>
    /// UTF-32 or UTF-16 without a byte-order mark, recognised by where the zero bytes fall in the first 8 KiB: text in
    /// the Latin alphabets has a zero in every other byte (UTF-16) or three of every four (UTF-32). Null otherwise.
    /// </summary>
    public static Encoding? WideWithoutBom(ReadOnlySpan<byte> bytes)
    {
        var head = bytes.Length > HeadBytes ? bytes[..HeadBytes] : bytes;
        int quads = head.Length / 4;
        if (quads >= 2)
        {
            Span<int> z = stackalloc int[4];
            for (int i = 0; i < quads * 4; i++) if (head[i] == 0) z[i & 3]++;
            if (z[3] == quads && z[2] * 10 >= quads * 9 && z[0] * 10 < quads) return new UTF32Encoding(false, false);
            if (z[0] == quads && z[1] * 10 >= quads * 9 && z[3] * 10 < quads) return new UTF32Encoding(true, false);
        }
        int pairs = head.Length / 2;
        if (pairs < 4) return null;
        int even = 0, odd = 0;
        for (int i = 0; i < pairs * 2; i++) if (head[i] == 0) { if ((i & 1) == 0) even++; else odd++; }
        if (odd * 10 >= pairs * 3 && even * 50 < pairs) return Encoding.Unicode;
        if (even * 10 >= pairs * 3 && odd * 50 < pairs) return Encoding.BigEndianUnicode;
        return null;
    }

    /// <summary>What to do with a file that is not text (said by every cmdlet that reads files, not one alone).</summary>
    private const string ConvertAdvice = "The module reads plain-text and HTML articles: convert other formats to text first.";

    private static InputProblemException Binary(string source, string kind) =>
        new(InputProblemKind.Binary, source,
            $"'{source}' looks like {kind}, not text or HTML. " + ConvertAdvice);

    /// <summary>What a file is by its signature (PDF, ZIP, Office, image, gzip, program); null when it has none of them.</summary>
    public static string? Signature(ReadOnlySpan<byte> b)
    {
        if (b.StartsWith("%PDF-"u8)) return "a PDF document";
        if (b.StartsWith("PK\x03\x04"u8)) return "a ZIP archive (a .docx, .xlsx or .epub is one)";
        if (b.StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 })) return "an old Office document (.doc, .xls)";
        if (b.StartsWith(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }) || b.StartsWith("GIF8"u8) || b.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }))
            return "an image";
        if (b.StartsWith(new byte[] { 0x1F, 0x8B })) return "a gzip-compressed file";
        if (b.StartsWith(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F' })) return "a program";
        return null;
    }

    /// <summary>
    /// How many invalid UTF-8 sequences <paramref name="bytes"/> holds: each one a decoder replaces with one U+FFFD
    /// (a sequence cut off at the end included). Zero for valid UTF-8, found without a second look.
    /// </summary>
    public static int CountInvalidUtf8(ReadOnlySpan<byte> bytes) =>
        System.Text.Unicode.Utf8.IsValid(bytes) ? 0 : CountUtf8Sequences(bytes).Invalid;

    /// <summary>Valid multi-byte and invalid sequences of UTF-8 in <paramref name="bytes"/>, in one linear pass.</summary>
    private static (int Valid, int Invalid) CountUtf8Sequences(ReadOnlySpan<byte> bytes)
    {
        int valid = 0, bad = 0, i = 0;
        while (i < bytes.Length)
        {
            int ascii = bytes[i..].IndexOfAnyExceptInRange((byte)0, (byte)0x7F);
            if (ascii < 0) break;
            i += ascii;
            if (Rune.DecodeFromUtf8(bytes[i..], out _, out int consumed) != System.Buffers.OperationStatus.Done) bad++;
            else valid++;
            i += Math.Max(1, consumed);
        }
        return (valid, bad);
    }

    /// <summary>More than 2 % control bytes (NUL among them) other than tab, CR, LF and FF in the first 8 KiB.</summary>
    public static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        var head = bytes.Length > HeadBytes ? bytes[..HeadBytes] : bytes;
        int control = 0;
        foreach (byte b in head)
            if (b < 0x20 && b != (byte)'\t' && b != (byte)'\n' && b != (byte)'\r' && b != 0x0C) control++;
        return head.Length > 0 && control * 100 > head.Length * 2;
    }

    /// <summary>More than 2 % control characters (NUL among them) other than tab, CR, LF and FF in the first 8 Ki characters.</summary>
    public static bool LooksBinary(string text)
    {
        var head = text.AsSpan(0, Math.Min(text.Length, HeadBytes));
        int control = 0;
        foreach (char c in head)
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') control++;
        return head.Length > 0 && control * 100 > head.Length * 2;
    }

    /// <summary>
    /// Text without its C0 control characters other than tab, CR, LF and FF (a NUL among them ends strings in other
    /// programs and breaks CSV and XML exports); says how many were removed.
    /// </summary>
    public static string RemoveControlCharacters(string text, string source, List<string> warnings)
    {
        string clean = StripControlCharacters(text);
        if (!ReferenceEquals(clean, text))
            warnings.Add($"'{source}' contains {text.Length - clean.Length:N0} control character(s) (such as NUL) that text does not; they were removed.");
        return clean;
    }

    /// <summary>
    /// Text without its C0 control characters other than tab, CR, LF and FF; the same string when it has none. For
    /// values read from markup and JSON (a title, a feed's text), where a NUL is never meant.
    /// </summary>
    public static string StripControlCharacters(string text)
    {
        int first = IndexOfControl(text);
        if (first < 0) return text;
        var sb = new StringBuilder(text.Length);
        sb.Append(text, 0, first);
        for (int i = first; i < text.Length; i++)
        {
            char c = text[i];
            if (!(c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f')) sb.Append(c);
        }
        return sb.ToString();
    }

    private static int IndexOfControl(string text)
    {
        var span = text.AsSpan();
        int i = 0;
        while (true)
        {
            int j = span[i..].IndexOfAnyInRange('\0', '\x1F');
            if (j < 0) return -1;
            char c = span[i + j];
            if (c is not ('\t' or '\n' or '\r' or '\f')) return i + j;
            i += j + 1;
        }
    }
}
