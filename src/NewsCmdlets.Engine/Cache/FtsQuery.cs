using System.Text;

namespace NewsCmdlets.Engine.Cache;

/// <summary>
/// Turns what a person types into an FTS5 query that can never be a syntax error: every word becomes a quoted string
/// (so AND, OR, NOT, NEAR, *, (, ), :, - and ^ are just text), all words must occur, "double-quoted phrases" stay
/// phrases, and a word ending in * is a prefix search. A word or phrase given twice is searched once, and control
/// characters (a NUL among them, which would end SQLite's string) separate words like spaces.
/// </summary>
public static class FtsQuery
{
    /// <summary>
    /// Most words one query may hold (after repeats are dropped): the cost of a full-text query grows faster than its
    /// number of terms, and no one searches for more than a few dozen words at once.
    /// </summary>
    public const int MaximumWords = 64;

    /// <summary>The FTS5 query for <paramref name="text"/>, or null when it has no letters or digits to search for.</summary>
    public static string? FromUserText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (text.AsSpan().IndexOfAnyInRange('\0', '\x1F') >= 0 || text.AsSpan().IndexOfAnyInRange('\x7F', '\x9F') >= 0)
            text = string.Create(text.Length, text, static (span, t) =>
            {
                for (int k = 0; k < t.Length; k++) span[k] = char.IsControl(t[k]) ? ' ' : t[k];
            });
        var parts = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
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
            string part = quoted.ToString();
            if (seen.Add(part)) parts.Add(part);
        }
        return parts.Count == 0 ? null : string.Join(" ", parts);
    }

    /// <summary>
    /// Refuses, on every store, a query that cannot or should not run: a raw query holding a NUL (it ends a query for
    /// SQLite, and PostgreSQL's text cannot hold one), and more than <see cref="MaximumWords"/> words in either.
    /// </summary>
    internal static void Check(NewsArticleQuery query, string location)
    {
        if (query.Query != null && query.Query.AsSpan().IndexOf('\0') >= 0)
            throw new NewsCacheException(NewsCacheProblem.InvalidQuery, location,
                "The full-text query holds a NUL character, which ends a query for the cache. Remove it, or use -Search, where control characters separate words.");
        string? match = query.Query ?? (query.Search != null ? FromUserText(query.Search) : null);
        if (match != null && CountWords(match) is var words && words > MaximumWords)
            throw new NewsCacheException(NewsCacheProblem.InvalidQuery, location,
                $"The {(query.Query != null ? "full-text query" : "search")} holds {words:N0} words{(query.Query == null ? " (repeats counted once)" : "")}; " +
                $"at most {MaximumWords} can be searched at once. Search for the words that matter, or narrow the articles with -Outlet, -Since or -Entity.");
    }

    /// <summary>How many words a query holds (as the text parser counts them): what <see cref="MaximumWords"/> bounds.</summary>
    public static int CountWords(string query) => NewsCmdlets.Engine.Text.TextShape.CountWords(query);
}
