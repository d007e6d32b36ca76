using System.Text;

namespace NewsCmdlets.Engine.Ingest.Html;

/// <summary>
/// Turns the bytes of a saved web page into text the way browsers do: a byte-order mark first, then the charset of
/// the HTTP Content-Type header, then a <c>&lt;meta charset&gt;</c> or <c>&lt;meta http-equiv="Content-Type"&gt;</c>
/// declaration in the first 64 KiB, then UTF-8 when the bytes are valid UTF-8, and windows-1252 otherwise. A declared
/// UTF-8 whose non-ASCII bytes hold not one UTF-8 sequence is a charset that lies: those bytes are read as windows-1252.
/// </summary>
public static class HtmlDecoder
{
    /// <summary>How far into the bytes a <c>&lt;meta charset&gt;</c> is looked for.</summary>
    public const int MetaScanBytes = 64 * 1024;

    private static int _registered;

    private static void EnsureCodePages()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    /// <summary>
    /// Decodes <paramref name="bytes"/>; <paramref name="encodingName"/> tells which encoding and why. An
    /// <paramref name="encoding"/> the caller names (-Encoding) comes after a byte-order mark and before everything else.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> bytes, string? httpContentType, out string encodingName, List<string> warnings, Encoding? encoding = null)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        EnsureCodePages();

        // 1. Byte-order mark.
        if (TextDecoder.Bom(bytes, out int bom) is { } bomEnc)
        {
            encodingName = $"{TextDecoder.Label(bomEnc)} (BOM)";
            return bomEnc is UTF8Encoding ? DecodeUtf8Lenient(bytes[bom..], warnings, declared: false) : bomEnc.GetString(bytes[bom..]);
        }
        if (encoding != null)
        {
            encodingName = $"{TextDecoder.Label(encoding)} (-Encoding)";
            // The caller named the encoding: bytes that are not UTF-8 get replacement characters, not a guess.
            return Decode(bytes, encoding, warnings, declared: false);
        }
        // UTF-16 or UTF-32 without a mark: their zero bytes say so, whatever a header claims.
        if (TextDecoder.WideWithoutBom(bytes) is { } wide)
        {
            encodingName = $"{TextDecoder.Label(wide)} (no BOM; recognised by its zero bytes)";
            return wide.GetString(bytes);
        }

        // 2. The HTTP header.
        string? label = CharsetFromContentType(httpContentType);
        if (label != null && TryGetEncoding(label, out var httpEnc))
        {
            encodingName = $"{httpEnc.WebName} (HTTP Content-Type)";
            return DecodeDeclared(bytes, httpEnc, "the HTTP header", ref encodingName, warnings);
        }
        if (label != null) warnings.Add($"The HTTP charset '{label}' is not known; the page's own declaration was used instead.");

        // 3. A <meta> declaration.
        var head = bytes.Length > MetaScanBytes ? bytes[..MetaScanBytes] : bytes;
        string? metaLabel = CharsetFromMeta(head);
        if (metaLabel != null && TryGetEncoding(metaLabel, out var metaEnc))
        {
            // A page that says it is UTF-16 in ASCII bytes cannot be UTF-16: browsers read it as UTF-8.
            if (metaEnc is UnicodeEncoding || metaEnc.CodePage is 1200 or 1201 or 12000 or 12001) metaEnc = new UTF8Encoding(false);
            if (metaEnc.CodePage == 65001)
            {
                encodingName = "utf-8 (<meta> charset)";
                var before = warnings.Count;
                string text = DecodeUtf8Lenient(bytes, warnings);
                if (warnings.Count > before && warnings[^1].Contains("windows-1252", StringComparison.Ordinal)) encodingName = "windows-1252 (<meta> says utf-8, the bytes are not)";
                return text;
            }
            encodingName = $"{metaEnc.WebName} (<meta> charset)";
            return DecodeDeclared(bytes, metaEnc, "its <meta> charset", ref encodingName, warnings);
        }
        if (metaLabel != null) warnings.Add($"The page declares an unknown charset '{metaLabel}'; it was read by its bytes instead.");

        // 4. Valid UTF-8, or 5. windows-1252.
        if (IsValidUtf8(bytes))
        {
            encodingName = "utf-8 (valid UTF-8 bytes)";
            return Encoding.UTF8.GetString(bytes);
        }
        encodingName = "windows-1252 (not valid UTF-8, no charset declared)";
        return Encoding.GetEncoding(1252).GetString(bytes);
    }

    /// <summary>
    /// Bytes in an ASCII-compatible encoding a declaration names. When the bytes are valid UTF-8 with characters beyond
    /// ASCII in it, and the declaration says otherwise, the declaration is wrong (no legacy text is valid UTF-8 by
    /// chance): they are read as UTF-8, with a warning, instead of becoming mojibake.
    /// </summary>
    private static string DecodeDeclared(ReadOnlySpan<byte> bytes, Encoding declared, string where, ref string encodingName, List<string> warnings)
    {
        if (IsLegacy(declared) && bytes.IndexOfAnyExceptInRange((byte)0, (byte)0x7F) >= 0 && IsValidUtf8(bytes))
        {
            warnings.Add($"The page says it is {declared.WebName} ({where}), but its bytes are valid UTF-8 with characters beyond ASCII: it was read as UTF-8.");
            encodingName = $"utf-8 (valid UTF-8 bytes; {where} said {declared.WebName})";
            return Encoding.UTF8.GetString(bytes);
        }
        return Decode(bytes, declared, warnings);
    }

    /// <summary>An encoding other than the Unicode ones (UTF-7, -8, -16, -32).</summary>
    private static bool IsLegacy(Encoding e) => e.CodePage is not (1200 or 1201 or 12000 or 12001 or 65000 or 65001);

    private static string Decode(ReadOnlySpan<byte> bytes, Encoding enc, List<string> warnings, bool declared = true)
    {
        if (enc.CodePage == 65001) return DecodeUtf8Lenient(bytes, warnings, declared);
        return enc.GetString(bytes);
    }

    private static string DecodeUtf8Lenient(ReadOnlySpan<byte> bytes, List<string> warnings, bool declared = true)
    {
        if (IsValidUtf8(bytes)) return Encoding.UTF8.GetString(bytes);
        string text = Encoding.UTF8.GetString(bytes);
        int bad = 0, good = 0;
        foreach (char c in text)
        {
            if (c == '\uFFFD') bad++;
            else if (c >= '\u0080') good++;
        }
        if (declared && good == 0)
        {
            // Not one valid UTF-8 sequence among the non-ASCII bytes: the declaration lies (a page saved by an old
            // editor in its own code page). windows-1252 is what such bytes nearly always are.
            warnings.Add($"The page says it is UTF-8 but none of its {bad} non-ASCII byte sequence(s) is UTF-8: it was read as windows-1252.");
            return Encoding.GetEncoding(1252).GetString(bytes);
        }
        warnings.Add($"The page says it is UTF-8 but is not valid UTF-8: {bad} invalid byte sequence(s) were replaced with U+FFFD.");
        return text;
    }

    private static bool IsValidUtf8(ReadOnlySpan<byte> bytes) => System.Text.Unicode.Utf8.IsValid(bytes);

    internal static bool TryGetEncoding(string label, out Encoding encoding)
    {
        EnsureCodePages();
        encoding = Encoding.UTF8;
        string l = label.Trim().Trim('"', '\'').ToLowerInvariant();
        if (l.Length == 0 || l.Length > 40) return false;
        // The WHATWG Encoding Standard maps these legacy labels to windows-1252.
        if (l is "iso-8859-1" or "latin1" or "iso8859-1" or "l1" or "ascii" or "us-ascii" or "iso_8859-1" or "cp1252" or "x-cp1252")
            l = "windows-1252";
        else if (l is "utf8" or "unicode-1-1-utf-8") l = "utf-8";
        else if (l is "gb2312" or "x-gbk") l = "gbk";
        else if (l is "shift-jis" or "sjis" or "x-sjis") l = "shift_jis";
        try
        {
            encoding = Encoding.GetEncoding(l);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The charset parameter of a Content-Type value (<c>text/html; charset=ISO-8859-1</c>).</summary>
    internal static string? CharsetFromContentType(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType)) return null;
        int i = contentType.IndexOf("charset", StringComparison.OrdinalIgnoreCase);
        while (i >= 0)
        {
            int j = i + 7;
            while (j < contentType.Length && contentType[j] == ' ') j++;
            if (j < contentType.Length && contentType[j] == '=')
            {
                j++;
                while (j < contentType.Length && contentType[j] is ' ' or '"' or '\'') j++;
                int start = j;
                while (j < contentType.Length && contentType[j] is not (';' or '"' or '\'' or ' ' or ',' or '>' or '/')) j++;
                if (j > start) return contentType[start..j];
            }
            i = contentType.IndexOf("charset", i + 7, StringComparison.OrdinalIgnoreCase);
        }
        return null;
    }

    /// <summary>
    /// Finds a charset in <c>&lt;meta&gt;</c> tags of the (ASCII-compatible) bytes: <c>&lt;meta charset="x"&gt;</c> or
    /// <c>&lt;meta http-equiv="Content-Type" content="text/html; charset=x"&gt;</c>. A linear scan, no regex.
    /// </summary>
    internal static string? CharsetFromMeta(ReadOnlySpan<byte> head)
    {
        int pos = 0;
        while (pos < head.Length)
        {
            int lt = head[pos..].IndexOf((byte)'<');
            if (lt < 0) break;
            int start = pos + lt;
            // Skip comments.
            if (start + 3 < head.Length && head[start + 1] == '!' && head[start + 2] == '-' && head[start + 3] == '-')
            {
                int end = head[(start + 4)..].IndexOf("-->"u8);
                if (end < 0) break;
                pos = start + 4 + end + 3;
                continue;
            }
            if (start + 5 < head.Length && AsciiEqualsIgnoreCase(head.Slice(start + 1, 4), "meta") && IsTagNameEnd(head[start + 5]))
            {
                int gt = head[start..].IndexOf((byte)'>');
                if (gt < 0) break;
                var tag = head.Slice(start, gt + 1);
                string? cs = CharsetInMetaTag(tag);
                if (cs != null) return cs;
                pos = start + gt + 1;
                continue;
            }
            pos = start + 1;
        }
        return null;
    }

    private static bool IsTagNameEnd(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\f' or (byte)'/' or (byte)'>';

    private static bool AsciiEqualsIgnoreCase(ReadOnlySpan<byte> bytes, string ascii)
    {
        if (bytes.Length != ascii.Length) return false;
        for (int i = 0; i < bytes.Length; i++)
        {
            int b = bytes[i];
            if (b >= 'A' && b <= 'Z') b += 32;
            if (b != ascii[i]) return false;
        }
        return true;
    }

    private static string? CharsetInMetaTag(ReadOnlySpan<byte> tag)
    {
        string s = Encoding.ASCII.GetString(tag.Length > 1024 ? tag[..1024] : tag);
        string lower = s.ToLowerInvariant();
        // <meta charset="...">
        int i = 0;
        while ((i = lower.IndexOf("charset", i, StringComparison.Ordinal)) >= 0)
        {
            int j = i + 7;
            while (j < s.Length && char.IsWhiteSpace(s[j])) j++;
            if (j < s.Length && s[j] == '=')
            {
                j++;
                while (j < s.Length && (char.IsWhiteSpace(s[j]) || s[j] is '"' or '\'')) j++;
                int start = j;
                while (j < s.Length && (char.IsLetterOrDigit(s[j]) || s[j] is '-' or '_' or ':' or '.')) j++;
                if (j > start)
                {
                    // Either charset=... as an attribute, or inside content="...; charset=..." of an http-equiv tag.
                    bool isAttr = i > 0 && char.IsWhiteSpace(s[i - 1]);
                    bool inContent = lower.Contains("http-equiv", StringComparison.Ordinal) || lower.Contains("content=", StringComparison.Ordinal);
                    if (isAttr || inContent) return s[start..j];
                }
            }
            i += 7;
        }
        return null;
    }

    /// <summary>
    /// True when the start of a text is HTML markup: a doctype, or an <c>&lt;html&gt;</c>, <c>&lt;head&gt;</c>,
    /// <c>&lt;body&gt;</c>, <c>&lt;meta&gt;</c>, <c>&lt;title&gt;</c> tag, or several <c>&lt;div&gt;</c>/<c>&lt;p&gt;</c> tags near the start.
    /// </summary>
    public static bool LooksLikeHtml(ReadOnlySpan<char> textStart)
    {
        var s = textStart.Length > 4096 ? textStart[..4096] : textStart;
        // Skip a BOM and leading white space.
        int i = 0;
        while (i < s.Length && (char.IsWhiteSpace(s[i]) || s[i] == '\uFEFF')) i++;
        s = s[i..];
        if (s.Length == 0) return false;
        if (StartsWithIgnoreCase(s, "<!doctype html")) return true;
        if (StartsWithIgnoreCase(s, "<?xml") && s.IndexOf("<html", StringComparison.OrdinalIgnoreCase) >= 0) return true;
        int strong = 0, weak = 0;
        foreach (var tag in new[] { "<html", "<head", "<body", "<meta ", "<title>" })
            if (ContainsTag(s, tag)) strong++;
        foreach (var tag in new[] { "<div", "<p>", "<p ", "<br", "<span", "<a href", "<script", "<link ", "<table", "<h1", "<h2" })
            if (ContainsTag(s, tag)) weak++;
        if (strong >= 1 && s[0] == '<') return true;
        if (strong >= 2) return true;
        return s[0] == '<' && weak >= 2 || weak >= 3;
    }

    private static bool StartsWithIgnoreCase(ReadOnlySpan<char> s, string prefix) => s.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);

    private static bool ContainsTag(ReadOnlySpan<char> s, string tag)
    {
        int idx = s.IndexOf(tag, StringComparison.OrdinalIgnoreCase);
        if (idx < 0) return false;
        int after = idx + tag.Length;
        if (tag.EndsWith(' ') || tag.EndsWith('>')) return true;
        return after >= s.Length || s[after] is ' ' or '>' or '/' or '\t' or '\n' or '\r';
    }
}
