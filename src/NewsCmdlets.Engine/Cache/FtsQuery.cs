using System.Text;

namespace NewsCmdlets.Engine.Cache;

/// <summary>
/// Turns what a person types into an FTS5 query that can never be a syntax error: every word becomes a quoted string
/// (so AND, OR, NOT, NEAR, *, (, ), :, - and ^ are just text), all words must occur, "double-quoted phrases" stay
/// phrases, and a word ending in * is a prefix search.
/// </summary>
public static class FtsQuery
{
    /// <summary>The FTS5 query for <paramref name="text"/>, or null when it has no letters or digits to search for.</summary>
    public static string? FromUserText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var parts = new List<string>();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            string term;
            bool prefix = false;
            if (c == '"')
            {
                int end = text.IndexOf('"', i + 1);
                if (end < 0) end = text.Length;
                term = text[(i + 1)..end];
                i = end + 1;
            }
            else
            {
                int start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] != '"') i++;
                term = text[start..i];
                if (term.EndsWith('*'))
                {
                    term = term.TrimEnd('*');
                    prefix = true;
                }
            }
            if (!term.Any(char.IsLetterOrDigit)) continue;
            var quoted = new StringBuilder("\"").Append(term.Replace("\"", "\"\"")).Append('"');
            // A prefix applies to the last token of a string: only when that token is a word (not "ferry-").
            if (prefix && char.IsLetterOrDigit(term[^1])) quoted.Append(" *");
            parts.Add(quoted.ToString());
        }
        return parts.Count == 0 ? null : string.Join(" ", parts);
    }
}
