namespace NewsCmdlets.Engine.Ingest.Feeds;

/// <summary>What comes before an XML document's root element, read as the XML grammar says (comments skipped).</summary>
internal static class Prolog
{
    public enum Doctype
    {
        /// <summary>No DOCTYPE before the root element (or none within the text looked at).</summary>
        None,
        /// <summary>A DOCTYPE that only names an external DTD: it declares no entities.</summary>
        ExternalOnly,
        /// <summary>A DOCTYPE with an internal subset ("[ … ]"), or one cut off before its end.</summary>
        WithInternalSubset,
    }

    /// <summary>
    /// The DOCTYPE of the document that starts with <paramref name="text"/>: after the XML declaration, white space,
    /// comments and processing instructions, and before the root element. A "&lt;!DOCTYPE" inside a comment is text.
    /// </summary>
    public static Doctype FindDoctype(string text)
    {
        int i = 0, n = text.Length;
        if (i < n && text[i] == '\uFEFF') i++;
        while (i < n)
        {
            char c = text[i];
            if (c is ' ' or '\t' or '\r' or '\n') { i++; continue; }
            if (c != '<' || i + 1 >= n) return Doctype.None;
            if (text[i + 1] == '?')
            {
                int end = text.IndexOf("?>", i + 2, StringComparison.Ordinal);
                if (end < 0) return Doctype.None;
                i = end + 2;
                continue;
            }
            if (string.CompareOrdinal(text, i, "<!--", 0, 4) == 0)
            {
                int end = text.IndexOf("-->", i + 4, StringComparison.Ordinal);
                if (end < 0) return Doctype.None;
                i = end + 3;
                continue;
            }
            if (string.Compare(text, i, "<!DOCTYPE", 0, 9, StringComparison.OrdinalIgnoreCase) == 0)
                return HasInternalSubset(text, i + 9) ? Doctype.WithInternalSubset : Doctype.ExternalOnly;
            return Doctype.None; // the root element
        }
        return Doctype.None;
    }

    /// <summary>True when the DOCTYPE body from <paramref name="start"/> has an internal subset ("[ … ]"), outside quoted identifiers.</summary>
    private static bool HasInternalSubset(string s, int start)
    {
        char quote = '\0';
        for (int i = start; i < s.Length; i++)
        {
            char c = s[i];
            if (quote != '\0') { if (c == quote) quote = '\0'; continue; }
            if (c is '"' or '\'') quote = c;
            else if (c == '[') return true;
            else if (c == '>') return false;
        }
        return true; // cut off within the DOCTYPE: assume the worst
    }
}
