using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace NewsCmdlets.Bench.Quality;

/// <summary>One line of the quality table: an analysis measured on one (part of a) third-party data set.</summary>
public sealed class QualityRow
{
    /// <summary>stories, copies, conflicts, quotes, extraction, entities, stability.</summary>
    public string Analysis { get; set; } = "";
    /// <summary>The data set's folder under ../shared/eval and, where it matters, the scorer.</summary>
    public string Dataset { get; set; } = "";
    /// <summary>all, A (write from), B (check on), dev, train, …</summary>
    public string Subset { get; set; } = "";
    /// <summary>What the folder's scorer reports, in its order: name → value (0–1 for shares).</summary>
    public List<QualityFigure> Figures { get; set; } = new();
    /// <summary>The goal the issue sets for this row, in words ("B-cubed F1 ≥ 0.95"), or empty where none is set.</summary>
    public string Goal { get; set; } = "";
    /// <summary>Whether the goal is met on this row; null where there is no goal or no figure.</summary>
    public bool? Met { get; set; }
    /// <summary>Why a row has no figure (missing tool or data), or what to know when reading it.</summary>
    public string Note { get; set; } = "";

    public QualityRow Add(string name, double? value, string format = "0.000")
    {
        Figures.Add(new QualityFigure { Name = name, Value = value, Format = format });
        return this;
    }

    public QualityRow AddText(string name, string text)
    {
        Figures.Add(new QualityFigure { Name = name, Text = text });
        return this;
    }

    public double? Get(string name) => Figures.FirstOrDefault(f => f.Name == name)?.Value;

    /// <summary>Sets <see cref="Met"/> from the named figures: all of the checks must hold (a missing figure fails).</summary>
    public QualityRow Goals(string goal, params (string Figure, char Op, double Bound)[] checks)
    {
        Goal = goal;
        if (Figures.Count == 0) return this;
        bool met = true;
        foreach (var (figure, op, bound) in checks)
        {
            double? v = Get(figure);
            met &= v is double x && (op == '>' ? x >= bound - 1e-9 : x <= bound + 1e-9);
        }
        Met = met;
        return this;
    }
}

public sealed class QualityFigure
{
    public string Name { get; set; } = "";
    public double? Value { get; set; }
    public string? Text { get; set; }
    public string Format { get; set; } = "0.000";

    public override string ToString() =>
        Text ?? (Value is double v ? v.ToString(Format, CultureInfo.InvariantCulture) : "—");
}

/// <summary>The halves every data set is split into, the same way in every run: by a group (site, event kind), never
/// by document. The groups are sorted by the SHA-256 of their name and dealt to A and B in turn, so a half is a fixed,
/// arbitrary set of groups of about half the size. Rules are written from half A and checked on half B.</summary>
public static class Halves
{
    public const string WriteFrom = "A (write from)";
    public const string CheckOn = "B (check on)";

    public static Dictionary<string, char> Assign(IEnumerable<string> groups)
    {
        var order = groups.Distinct(StringComparer.Ordinal)
            .OrderBy(g => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(g.ToLowerInvariant()))), StringComparer.Ordinal)
            .ThenBy(g => g, StringComparer.Ordinal).ToList();
        var d = new Dictionary<string, char>(StringComparer.Ordinal);
        for (int i = 0; i < order.Count; i++) d[order[i]] = i % 2 == 0 ? 'A' : 'B';
        return d;
    }

    /// <summary>The registrable part of a URL's host ("www.news.example.co.uk" → "example.co.uk"), for splitting by site.</summary>
    public static string Site(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return "";
        string host = Uri.TryCreate(url, UriKind.Absolute, out var u) ? u.Host : url;
        // web.archive.org copies: the archived address's site.
        if (host == "web.archive.org" && u != null)
        {
            int i = u.AbsolutePath.IndexOf("http", StringComparison.Ordinal);
            if (i >= 0) return Site(u.AbsolutePath[i..].Replace(":/", "://", StringComparison.Ordinal).Replace(":///", "://", StringComparison.Ordinal));
        }
        var labels = host.ToLowerInvariant().Split('.', StringSplitOptions.RemoveEmptyEntries);
        if (labels.Length <= 2) return string.Join('.', labels);
        bool secondLevel = labels[^1].Length == 2 && labels[^2] is "co" or "com" or "org" or "net" or "gov" or "ac" or "edu" or "or" or "ne" or "go";
        return string.Join('.', labels.Skip(labels.Length - (secondLevel ? 3 : 2)));
    }
}
