using System.Text;

namespace NewsCmdlets.Engine.Ingest;

/// <summary>The text of an input file, with what was noticed while decoding it.</summary>
public sealed record DecodedText(string Text, string EncodingName, IReadOnlyList<string> Warnings);

/// <summary>
/// Turns the bytes of an input into text: honours a BOM (UTF-8, UTF-16 LE/BE, UTF-32), recognises binary content,
/// and decodes invalid UTF-8 with replacement characters and a warning rather than failing.
/// </summary>
public static class TextDecoder
{
    /// <summary>Default largest file Import-NewsArticle reads: 64 MiB, far beyond any article.</summary>
    public const long DefaultMaximumBytes = 64L * 1024 * 1024;

    public static DecodedText Decode(ReadOnlySpan<byte> bytes, string source)
    {
        var warnings = new List<string>();
        string text;
        string name;
        if (bytes.Length >= 4 && bytes[0] == 0xFF && bytes[1] == 0xFE && bytes[2] == 0 && bytes[3] == 0)
        {
            text = new UTF32Encoding(false, false).GetString(bytes[4..]); name = "utf-32LE";
        }
        else if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        {
            text = DecodeUtf8(bytes[3..], source, warnings); name = "utf-8 (BOM)";
        }
        else if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
        {
            text = Encoding.Unicode.GetString(bytes[2..]); name = "utf-16LE";
        }
        else if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
        {
            text = Encoding.BigEndianUnicode.GetString(bytes[2..]); name = "utf-16BE";
        }
        else
        {
            if (LooksBinary(bytes))
            {
                throw new InputProblemException(InputProblemKind.Binary, source,
                    $"'{source}' looks like a binary file, not text or HTML (it contains NUL or control bytes). " +
                    "Import-NewsArticle reads plain-text and HTML articles; convert other formats to text first.");
            }
            text = DecodeUtf8(bytes, source, warnings); name = "utf-8";
        }

        if (text.Length > 0 && LooksBinary(text))
        {
            throw new InputProblemException(InputProblemKind.Binary, source,
                $"'{source}' looks like a binary file, not text or HTML (it contains control characters). " +
                "Import-NewsArticle reads plain-text and HTML articles; convert other formats to text first.");
        }
        return new DecodedText(text, name, warnings);
    }

    private static string DecodeUtf8(ReadOnlySpan<byte> bytes, string source, List<string> warnings)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            string text = Encoding.UTF8.GetString(bytes); // replaces invalid sequences with U+FFFD
            int bad = text.Count(c => c == '\uFFFD');
            warnings.Add($"'{source}' is not valid UTF-8: {bad} invalid byte sequence(s) were replaced with U+FFFD. " +
                         "Re-save the file as UTF-8 to keep every character.");
            return text;
        }
    }

    /// <summary>
    /// How many invalid UTF-8 sequences <paramref name="bytes"/> holds: each one a decoder replaces with one U+FFFD
    /// (a sequence cut off at the end included). Zero for valid UTF-8, found without a second look.
    /// </summary>
    public static int CountInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes)) return 0;
        int bad = 0, i = 0;
        while (i < bytes.Length)
        {
            int ascii = bytes[i..].IndexOfAnyExceptInRange((byte)0, (byte)0x7F);
            if (ascii < 0) break;
            i += ascii;
            if (Rune.DecodeFromUtf8(bytes[i..], out _, out int consumed) != System.Buffers.OperationStatus.Done) bad++;
            i += Math.Max(1, consumed);
        }
        return bad;
    }

    /// <summary>NUL bytes, or many C0 control bytes other than tab/CR/LF/FF in the first 8 KiB, mean binary.</summary>
    public static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        var head = bytes.Length > 8192 ? bytes[..8192] : bytes;
        int control = 0;
        foreach (byte b in head)
        {
            if (b == 0) return true;
            if (b < 0x20 && b != (byte)'\t' && b != (byte)'\n' && b != (byte)'\r' && b != 0x0C) control++;
        }
        return head.Length > 0 && control * 100 > head.Length * 2; // more than 2 %
    }

    /// <summary>NUL, or more than 2 % C0 control characters other than tab/CR/LF/FF, in the first 8 Ki characters.</summary>
    public static bool LooksBinary(string text)
    {
        var head = text.AsSpan(0, Math.Min(text.Length, 8192));
        int control = 0;
        foreach (char c in head)
        {
            if (c == '\0') return true;
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') control++;
        }
        return control * 100 > head.Length * 2;
    }
}
