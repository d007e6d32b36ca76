namespace NewsCmdlets.Engine.Ingest;

/// <summary>
/// JSON text may escape a lone UTF-16 surrogate (<c>"\ud800"</c> without its pair); System.Text.Json parses it but
/// refuses to turn it into a string (an InvalidOperationException wherever the value or a property name is read).
/// Such escapes become <c>\uFFFD</c> (the same six characters' length) before parsing, in one pass over the text.
/// </summary>
internal static class JsonEscapes
{
    /// <summary>The UTF-8 JSON with lone surrogate escapes replaced, or null when it has none (nothing is copied then).</summary>
    public static byte[]? RepairLoneSurrogates(ReadOnlySpan<byte> json)
    {
        byte[]? copy = null;
        int i = json.IndexOf((byte)'\\');
        while (i >= 0 && i < json.Length - 1)
        {
            int step = 2; // "\n", "\\" …: the escaped character is never the start of another escape
            if (json[i + 1] == 'u')
            {
                step = 6;
                if (Surrogate(json, i, out bool paired))
                {
                    if (paired) step = 12;
                    else
                    {
                        copy ??= json.ToArray();
                        "\\uFFFD"u8.CopyTo(copy.AsSpan(i));
                    }
                }
            }
            int from = i + step;
            if (from >= json.Length) break;
            int next = json[from..].IndexOf((byte)'\\');
            i = next < 0 ? -1 : from + next;
        }
        return copy;
    }

    /// <summary>The same for JSON held in a string; the string itself when it has none.</summary>
    public static string RepairLoneSurrogates(string json)
    {
        if (!json.Contains("\\u", StringComparison.OrdinalIgnoreCase)) return json;
        var bytes = System.Text.Encoding.UTF8.GetBytes(json);
        return RepairLoneSurrogates(bytes) is { } fixedBytes ? System.Text.Encoding.UTF8.GetString(fixedBytes) : json;
    }

    /// <summary>Whether the escape at <paramref name="i"/> ("\uXXXX") is a surrogate; a high one is paired when "\uYYYY" with a low one follows.</summary>
    private static bool Surrogate(ReadOnlySpan<byte> json, int i, out bool paired)
    {
        paired = false;
        if (!Hex(json, i + 2, out int unit) || unit is < 0xD800 or > 0xDFFF) return false;
        paired = unit <= 0xDBFF && i + 11 < json.Length && json[i + 6] == '\\' && json[i + 7] == 'u' && Hex(json, i + 8, out int low) && low is >= 0xDC00 and <= 0xDFFF;
        return true;
    }

    private static bool Hex(ReadOnlySpan<byte> s, int at, out int value)
    {
        value = 0;
        if (at + 4 > s.Length) return false;
        for (int k = 0; k < 4; k++)
        {
            int c = s[at + k];
            int d = c is >= '0' and <= '9' ? c - '0' : c is >= 'a' and <= 'f' ? c - 'a' + 10 : c is >= 'A' and <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0) return false;
            value = value * 16 + d;
        }
        return true;
    }
}
