using System.Collections;
using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Engine.Coverage;

/// <summary>
/// A read-only list of articles that prints as their Ids joined, so a story's Articles export as one CSV column while
/// PowerShell still enumerates the articles themselves (<c>$story.Articles | Get-NewsEntity</c>).
/// </summary>
public sealed class NewsArticleList : IReadOnlyList<NewsArticle>
{
    public static readonly NewsArticleList Empty = new(Array.Empty<NewsArticle>());
    private readonly NewsArticle[] _items;

    public NewsArticleList(IEnumerable<NewsArticle> items) => _items = items.ToArray();

    public NewsArticle this[int index] => _items[index];
    public int Count => _items.Length;
    public IEnumerator<NewsArticle> GetEnumerator() => ((IEnumerable<NewsArticle>)_items).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    public override string ToString() => string.Join("; ", _items.Select(a => a.Id));
}

/// <summary>
/// Articles that are copies of one text (a wire story republished under other headlines, page chrome and cuts): the
/// original (the agency's own release, else the earliest, else the longest) and its copies. Enumerates the original
/// first, then the copies earliest first; prints as their outlets and Ids, the original first ("Agency (id) &lt;
/// Site (id), Site (id)").
/// </summary>
public sealed class NewsCopyGroup : IReadOnlyList<NewsArticle>
{
    private readonly NewsArticle[] _items;

    public NewsCopyGroup(NewsArticle original, IEnumerable<NewsArticle> copies)
    {
        ArgumentNullException.ThrowIfNull(original);
        Original = original;
        Copies = new NewsArticleList(copies.Where(a => !ReferenceEquals(a, original)));
        _items = new[] { original }.Concat(Copies).ToArray();
    }

    /// <summary>The text the others copy: the agency's own release when the group has it, else the earliest published, else the longest.</summary>
    public NewsArticle Original { get; }

    /// <summary>The other articles of the group, earliest first.</summary>
    public NewsArticleList Copies { get; }

    public NewsArticle this[int index] => _items[index];
    public int Count => _items.Length;
    public IEnumerator<NewsArticle> GetEnumerator() => ((IEnumerable<NewsArticle>)_items).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    public override string ToString() =>
        Describe(Original) + (Copies.Count == 0 ? "" : " < " + string.Join(", ", Copies.Select(Describe)));

    private static string Describe(NewsArticle a) => OutletName.Of(a) + " (" + a.Id + ")";
}

/// <summary>
/// The sets of copies of one text in a story (<see cref="NewsCopyGroup"/>). Prints as each set, separated by "; ".
/// </summary>
public sealed class NewsCopyGroupList : IReadOnlyList<NewsCopyGroup>
{
    public static readonly NewsCopyGroupList Empty = new(Array.Empty<NewsCopyGroup>());
    private readonly NewsCopyGroup[] _items;

    public NewsCopyGroupList(IEnumerable<NewsCopyGroup> items) => _items = items.ToArray();

    /// <summary>Sets given as lists of articles, the first of each taken as its original.</summary>
    public NewsCopyGroupList(IEnumerable<NewsArticleList> items) =>
        _items = items.Where(l => l.Count > 0).Select(l => new NewsCopyGroup(l[0], l.Skip(1))).ToArray();

    public NewsCopyGroup this[int index] => _items[index];
    public int Count => _items.Length;
    public IEnumerator<NewsCopyGroup> GetEnumerator() => ((IEnumerable<NewsCopyGroup>)_items).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    public override string ToString() => string.Join("; ", _items.Select(g => g.ToString()));
}

/// <summary>
/// One story: a real-world event or development and every article in the input that reports it.
/// </summary>
public sealed class NewsStory
{
    /// <summary>Stable identifier: "s" and 12 hex digits of a hash of the member articles' Ids.</summary>
    public string Id { get; init; } = "";

    /// <summary>A representative headline: the title of the article most similar to the rest of the story.</summary>
    public string? Title { get; init; }

    public int ArticleCount { get; init; }

    /// <summary>The outlets that carried the story, each once, earliest first.</summary>
    public TextList Outlets { get; init; } = TextList.Empty;

    public int OutletCount { get; init; }

    /// <summary>
    /// Independent voices: each article outside a copy set counts for its outlet (an outlet counted once however many
    /// of its own reports the story has), and each set of copies of one text (a wire story and its republications, see
    /// <see cref="CopyGroups"/>) counts once, whichever and however many outlets carried it. An outlet that ran both
    /// the wire copy and a report of its own counts for its own report and shares the copy set's single voice.
    /// </summary>
    public int IndependentOutlets { get; init; }

    public DateTimeOffset? FirstPublished { get; init; }
    public DateTimeOffset? LastPublished { get; init; }

    /// <summary>The names the story's articles share most (people, organisations, places).</summary>
    public TextList TopEntities { get; init; } = TextList.Empty;

    /// <summary>The articles, earliest first.</summary>
    public NewsArticleList Articles { get; init; } = NewsArticleList.Empty;

    /// <summary>Sets of articles that are copies of one text, each naming its original; articles not in a set are their outlets' own reports.</summary>
    public NewsCopyGroupList CopyGroups { get; init; } = NewsCopyGroupList.Empty;

    public override string ToString() => Title ?? Id;
}

/// <summary>The name coverage is compared under: the article's outlet, else its web host, else its agency, else its file name.</summary>
public static class OutletName
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<NewsArticle, string> Cache = new();

    /// <summary>
    /// The article's outlet as the article gives it: its Outlet (front matter, byline, JSON-LD or meta tags, as the
    /// importer read them), else the site of its URL, else a copyright line or a link in the page furniture the importer
    /// set aside ("© 2025 The Harbour Courier", "https://www.harbourcourier.example/…"), else its wire agency, and only
    /// then its file's name.
    /// </summary>
    public static string Of(NewsArticle a)
    {
        if (!string.IsNullOrWhiteSpace(a.Outlet)) return a.Outlet.Trim();
        return Cache.GetValue(a, Derive);
    }

    private static string Derive(NewsArticle a)
    {
        if (a.Url != null && Uri.TryCreate(a.Url, UriKind.Absolute, out var u) && !string.IsNullOrEmpty(u.Host)) return Site(u);
        if (FromFurniture(a) is string named) return named;
        if (!string.IsNullOrWhiteSpace(a.Agency)) return a.Agency.Trim();
        if (!string.IsNullOrWhiteSpace(a.Source))
        {
            string name = a.Source;
            if (Uri.TryCreate(name, UriKind.Absolute, out var su) && !su.IsFile) return su.Host;
            try { name = Path.GetFileNameWithoutExtension(name); } catch (ArgumentException) { }
            if (name.Length > 0) return name;
        }
        return a.Id;
    }

    private static string Site(Uri u) => u.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? u.Host[4..] : u.Host;

    /// <summary>"© 2025 The Harbour Courier. All rights reserved." or "Copyright 2025 Harbour Courier Ltd", else the site of a link, among the removed lines.</summary>
    private static string? FromFurniture(NewsArticle a)
    {
        string? site = null;
        foreach (var line in a.Removed.Take(200))
        {
            if (line.Length > 300) continue;
            int at = line.IndexOf('©');
            int skip = 1;
            if (at < 0) { at = line.IndexOf("Copyright", StringComparison.OrdinalIgnoreCase); skip = 9; }
            if (at >= 0)
            {
                string rest = line[(at + skip)..].TrimStart(' ', '(', 'c', 'C', ')', ':');
                int i = 0;
                while (i < rest.Length && (char.IsDigit(rest[i]) || rest[i] is ' ' or '-' or '–' or ',')) i++;
                rest = rest[i..];
                int end = rest.IndexOfAny(new[] { '.', '|', ';', '\n' });
                string name = (end >= 0 ? rest[..end] : rest).Trim().TrimEnd(',');
                if (name.Length is >= 2 and <= 60 && char.IsUpper(name[0])) return name;
            }
            if (site == null)
            {
                int h = line.IndexOf("http", StringComparison.OrdinalIgnoreCase);
                if (h >= 0)
                {
                    int e = h;
                    while (e < line.Length && !char.IsWhiteSpace(line[e])) e++;
                    if (Uri.TryCreate(line[h..e], UriKind.Absolute, out var lu) && lu.Host.Contains('.')) site = Site(lu);
                }
            }
        }
        return site;
    }
}

/// <summary>What is known of an article's publication time: a precise time, or only its date.</summary>
public static class ArticleTime
{
    /// <summary>True when the article's Published value came from a date without a time of day.</summary>
    public static bool IsDateOnly(NewsArticle a) =>
        a.Published != null && a.Sources.TryGetValue("Published", out var source) && source.Contains("(date only)", StringComparison.Ordinal);

    /// <summary>The publication time when it is known to the minute, else null (no date, or a date only).</summary>
    public static DateTimeOffset? Precise(NewsArticle a) => a.Published is { } p && !IsDateOnly(a) ? p : null;

    /// <summary>"2025-03-28 14:05 UTC", "2025-03-28 (date only)" or "no date".</summary>
    public static string Describe(NewsArticle a)
    {
        if (a.Published is not { } p) return "no date";
        if (IsDateOnly(a)) return p.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + " (date only)";
        return p.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + (p.Offset == TimeSpan.Zero ? " UTC" : " " + p.ToString("zzz", System.Globalization.CultureInfo.InvariantCulture));
    }
}
