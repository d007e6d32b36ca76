using System.Text;
using Npgsql;
using NpgsqlTypes;
using NewsCmdlets.Engine.Model;
using static NewsCmdlets.Engine.Cache.Postgres.PostgresArticles;

namespace NewsCmdlets.Engine.Cache.Postgres;

/// <summary>
/// Queries over the articles in PostgreSQL: by id, outlet, dates and entity, and full text with PostgreSQL's own text
/// search (a tsvector of title and body, diacritics removed, on a GIN index; the 'simple' configuration: words as
/// written, lower-cased, no stemming, as SQLite's tokenizer). Two steps, as in SQLite: the matching ids in order, then
/// the articles a chunk at a time, so the connection is free between chunks.
/// </summary>
internal sealed class PostgresSearch(PostgresStore store) : IArticleSearch
{
    private const int MaxChunk = 256;

    public IEnumerable<NewsArticle> Query(NewsArticleQuery query)
    {
        if (query.Query != null && query.Search != null)
            throw new ArgumentException("Give either a search (plain words) or a raw full-text query, not both.");
        var terms = new List<(string Text, bool Prefix)>();
        if (query.Search != null)
        {
            string? fts = FtsQuery.FromUserText(query.Search);
            if (fts == null) yield break; // no words to look for: nothing matches
            terms = TermsOf(fts);
        }
        var ids = store.Guard("read", () => MatchingIds(query, terms));
        int chunk = 16;
        for (int start = 0; start < ids.Count; start += chunk, chunk = Math.Min(chunk * 4, MaxChunk))
        {
            int from = start, count = Math.Min(chunk, ids.Count - start);
            var articles = store.Guard("read", () => ReadArticles(ids, from, count, query.OnUnreadable));
            foreach (var article in articles) yield return article; // an article removed since the first step is skipped
        }
    }

    private List<string> MatchingIds(NewsArticleQuery query, List<(string Text, bool Prefix)> terms)
    {
        using var cmd = store.Command("");
        var where = new List<string>();
        string? match = null;
        if (query.Query != null)
        {
            match = "to_tsquery('simple', @raw)";
            cmd.Parameters.AddWithValue("raw", SearchText.Fold(PgText(query.Query)!));
        }
        else if (terms.Count > 0)
        {
            var parts = new List<string>();
            for (int i = 0; i < terms.Count; i++)
            {
                var (text, prefix) = terms[i];
                string folded = SearchText.Fold(PgText(text)!);
                if (prefix)
                {
                    parts.Add($"to_tsquery('simple', @t{i})");
                    cmd.Parameters.AddWithValue($"t{i}", PrefixQuery(folded));
                }
                else
                {
                    parts.Add($"phraseto_tsquery('simple', @t{i})");
                    cmd.Parameters.AddWithValue($"t{i}", folded);
                }
            }
            match = "(" + string.Join(" && ", parts) + ")";
        }
        var sql = new StringBuilder("SELECT a.id FROM articles a");
        if (match != null)
        {
            sql.Append(" CROSS JOIN (SELECT ").Append(match).Append(" AS q) AS m");
            where.Add("a.search @@ m.q");
        }
        if (query.Id is { Count: > 0 } idList)
        {
            where.Add("a.id = ANY(@id)");
            cmd.Parameters.Add(TextArray("id", idList));
        }
        if (query.Outlet is { Count: > 0 } outlets)
        {
            var ors = new List<string>();
            for (int i = 0; i < outlets.Count; i++)
            {
                ors.Add($"lower(a.outlet) LIKE lower(@outlet{i}) ESCAPE '\\'");
                cmd.Parameters.AddWithValue($"outlet{i}", ArticleRows.WildcardToLike(PgText(outlets[i])!));
            }
            where.Add("(" + string.Join(" OR ", ors) + ")");
        }
        if (query.Since is { } since)
        {
            where.Add("a.published_utc >= @since");
            cmd.Parameters.AddWithValue("since", since.ToUnixTimeMilliseconds());
        }
        if (query.Until is { } until)
        {
            where.Add("a.published_utc < @until");
            cmd.Parameters.AddWithValue("until", until.ToUnixTimeMilliseconds());
        }
        if (query.Entity is { Count: > 0 } entities)
        {
            for (int i = 0; i < entities.Count; i++)
            {
                where.Add($"a.id IN (SELECT article_id FROM entity_index WHERE entity_fold = @entity{i})");
                cmd.Parameters.AddWithValue($"entity{i}", PostgresEntityIndex.Fold(entities[i]));
            }
        }
        if (where.Count > 0) sql.Append(" WHERE ").Append(string.Join(" AND ", where));
        sql.Append(match != null ? " ORDER BY ts_rank(a.search, m.q) DESC, a.published_utc DESC NULLS LAST, a.id" : " ORDER BY a.published_utc DESC NULLS LAST, a.id");
        if (query.First is { } first)
        {
            sql.Append(" LIMIT @first");
            cmd.Parameters.AddWithValue("first", Math.Max(0, first));
        }
        cmd.CommandText = sql.ToString();
        var ids = new List<string>();
        try
        {
            using var r = cmd.ExecuteReader();
            while (r.Read()) ids.Add(r.GetString(0));
        }
        catch (PostgresException ex) when (query.Query != null && ex.SqlState is PostgresErrorCodes.SyntaxError)
        {
            throw new NewsCacheException(NewsCacheProblem.InvalidQuery, store.Location,
                $"The full-text query '{query.Query}' is not valid PostgreSQL text-search syntax ({ex.MessageText}). " +
                "Use -Search for plain words (any text works there), or see the tsquery syntax (& | ! <-> and prefix:*) at https://www.postgresql.org/docs/current/datatype-textsearch.html#DATATYPE-TSQUERY.", ex);
        }
        return ids;
    }

    private List<NewsArticle> ReadArticles(List<string> ids, int start, int count, Action<string, string>? onUnreadable)
    {
        var position = new Dictionary<string, int>(count, StringComparer.Ordinal);
        for (int i = 0; i < count; i++) position[ids[start + i]] = i;
        var found = new NewsArticle?[count];
        var problems = new List<(string Id, string Reason)>();
        using (var cmd = store.Command("SELECT " + ArticleColumns + " FROM articles a WHERE a.id = ANY(@id)"))
        {
            cmd.Parameters.Add(new NpgsqlParameter("id", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = ids.GetRange(start, count).ToArray() });
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                var row = new ArticleRows.DataReaderRow(r);
                if (ArticleRows.TryReadArticle(row, out var article, out string? reason)) found[position[article.Id]] = article;
                else problems.Add((row.GetString(0), reason!));
            }
        }
        foreach (var (id, reason) in problems) onUnreadable?.Invoke(id, reason);
        var list = new List<NewsArticle>(count);
        foreach (var a in found) if (a != null) list.Add(a);
        return list;
    }

    /// <summary>The terms of a query <see cref="FtsQuery.FromUserText"/> made: each a "quoted string", a prefix when
    /// followed by " *".</summary>
    internal static List<(string Text, bool Prefix)> TermsOf(string fts)
    {
        var terms = new List<(string, bool)>();
        int i = 0;
        while (i < fts.Length)
        {
            if (fts[i] != '"') { i++; continue; }
            var sb = new StringBuilder();
            i++;
            while (i < fts.Length)
            {
                if (fts[i] == '"')
                {
                    if (i + 1 < fts.Length && fts[i + 1] == '"') { sb.Append('"'); i += 2; continue; }
                    i++;
                    break;
                }
                sb.Append(fts[i++]);
            }
            bool prefix = i + 1 < fts.Length && fts[i] == ' ' && fts[i + 1] == '*';
            if (prefix) i += 2;
            terms.Add((sb.ToString(), prefix));
        }
        return terms;
    }

    /// <summary>A prefix term as tsquery text: its words in a row, the last one a prefix ('ferry' &lt;-&gt; 'str':*).</summary>
    internal static string PrefixQuery(string term)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (char c in term)
        {
            if (char.IsLetterOrDigit(c)) word.Append(c);
            else if (word.Length > 0) { words.Add(word.ToString()); word.Clear(); }
        }
        if (word.Length > 0) words.Add(word.ToString());
        return string.Join(" <-> ", words.Select((w, k) => "'" + w + "'" + (k == words.Count - 1 ? ":*" : "")));
    }
}
