using System.Text;

namespace NewsCmdlets.Bench.Quality;

public sealed class QualitySection
{
    public string Name { get; set; } = "";
    public string Folder { get; set; } = "";
    public double Seconds { get; set; }
    public List<QualityRow> Rows { get; set; } = new();
}

/// <summary>A quality run: the rows of every data set, with where and when it ran; written as quality.json and
/// QUALITY.md, and printed as a table.</summary>
public sealed class QualityReport
{
    public string Date { get; set; } = "";
    public string Commit { get; set; } = "";
    public bool Dirty { get; set; }
    public double Seconds { get; set; }
    public SortedDictionary<string, string> Machine { get; set; } = new();
    public SortedDictionary<string, string> Tools { get; set; } = new();
    public List<QualitySection> Sections { get; set; } = new();

    private IEnumerable<QualityRow> Rows => Sections.SelectMany(s => s.Rows).OrderBy(r => Order(r.Analysis));

    private static int Order(string analysis) => analysis switch
    {
        "stories" => 0, "copies" => 1, "stability" => 2, "conflicts" => 3, "quotes" => 4, "extraction" => 5, "entities" => 6, _ => 7,
    };

    private static string Figures(QualityRow r) =>
        r.Figures.Count == 0 ? "—" : string.Join(", ", r.Figures.Select(f => $"{f.Name} {f}"));

    private static string Status(QualityRow r) => r.Met switch { true => "met", false => "not met", null => r.Goal.Length > 0 ? "—" : "" };

    public string Markdown()
    {
        var sb = new StringBuilder();
        sb.AppendLine("# Quality on real, third-party data");
        sb.AppendLine();
        sb.AppendLine("Written by `bench/run --quality` (see bench/README.md); do not edit by hand. Every analysis runs as a user runs");
        sb.AppendLine("it (the built module imported in pwsh, the cmdlets piped together; entities through the tagger the cmdlet uses)");
        sb.AppendLine("over the data in `../shared/eval`, annotated by others, and is scored by that folder's own scorer. Halves are");
        sb.AppendLine("split by site, publisher, topic or kind of event, never by document: rules are written from half A (or train)");
        sb.AppendLine("and checked on half B (or dev). The team also measures every analysis on held-out data we do not have.");
        sb.AppendLine("The generated corpus of bench/RESULTS.md is for speed and regression checks only, never quality.");
        sb.AppendLine();
        sb.AppendLine($"Run {Date}, commit {Commit}{(Dirty ? " (with uncommitted changes)" : "")}, {Seconds:0} s on {Machine.GetValueOrDefault("cores")} cores; " +
                      string.Join(", ", Tools.Select(t => $"{t.Key} {t.Value}")) + ".");
        sb.AppendLine();
        sb.AppendLine("| analysis | dataset | subset | figures | goal | |");
        sb.AppendLine("|---|---|---|---|---|---|");
        foreach (var r in Rows)
            sb.AppendLine($"| {r.Analysis} | {r.Dataset} | {r.Subset} | {Cell(Figures(r) + (r.Note.Length > 0 ? $" ({r.Note})" : ""))} | {Cell(r.Goal)} | {Status(r)} |");
        sb.AppendLine();
        sb.AppendLine("## How each row is made");
        sb.AppendLine();
        sb.AppendLine("- **stories, copies, conflicts, quotes on coverage/**: the folder's `run.ps1` (`Import-NewsArticle | Group-NewsArticle`,");
        sb.AppendLine("  each story `| Compare-NewsCoverage`, `Get-NewsQuote`) and `score.py`; \"each true event compared\" is `run.ps1 -PerEvent`");
        sb.AppendLine("  (`Compare-NewsCoverage -AsOneStory` on each event's articles: the comparison apart from the grouping). Halves by the");
        sb.AppendLine("  kind of event (the second word of the event id: quake, crash, layoffs, election), so a kind and its decoys stay together.");
        sb.AppendLine("- **stories on stories/ (ECB+)**: every document of a split through `Import-NewsArticle | Group-NewsArticle` (defaults),");
        sb.AppendLine("  `score.py` against the subtopics. Train and dev are ECB+'s own topic split.");
        sb.AppendLine($"- **stability**: each event's articles grouped alone, with its whole data set, and with {StoriesQuality.GeneratedArticles:N0} generated");
        sb.AppendLine("  articles of the bench corpus added; an event changes when its articles fall into stories differently in any of the three.");
        sb.AppendLine("- **quotes on quotes/ (PolNeAR)**: each text as `Import-NewsArticle -Content \"date <date> <text>\"` (the texts carry no date),");
        sb.AppendLine("  `Get-NewsQuote` and `Get-NewsQuote -Attribution`; rows are placed in the text by their paragraph in Body; `score.py`.");
        sb.AppendLine("  \"empty speaker / found\" counts found gold direct quotes whose row has no speaker.");
        sb.AppendLine("- **extraction**: `Import-NewsArticle -LiteralPath <page>.html`, its `Body`; a page refused (NotAnArticle) is an empty");
        sb.AppendLine("  extraction. Halves by the page's site (registrable domain; for extraction-snippets the gold's `site`).");
        sb.AppendLine("- **entities**: the shipped tagger, as `Get-NewsEntity` runs it, on tools/NerTrainer's test splits and on both halves");
        sb.AppendLine("  of the project's real-news set; `ner/score.py --types PER,ORG,LOC`.");
        sb.AppendLine();
        sb.AppendLine("Seconds per data set: " + string.Join(", ", Sections.Select(s => $"{s.Name} {s.Seconds:0.0}")) + ".");
        return sb.ToString();
    }

    private static string Cell(string s) => s.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    public string ConsoleTable()
    {
        var rows = Rows.ToList();
        var cols = new[]
        {
            ("analysis", rows.Select(r => r.Analysis).ToList()),
            ("dataset", rows.Select(r => r.Dataset).ToList()),
            ("subset", rows.Select(r => r.Subset).ToList()),
            ("goal", rows.Select(Status).ToList()),
        };
        var widths = cols.Select(c => Math.Min(48, Math.Max(c.Item1.Length, c.Item2.Select(v => v.Length).DefaultIfEmpty(0).Max()))).ToArray();
        string Fit(string s, int w) => s.Length > w ? s[..(w - 1)] + "…" : s.PadRight(w);
        var sb = new StringBuilder();
        sb.AppendLine(string.Join("  ", cols.Select((c, i) => Fit(c.Item1, widths[i]))) + "  figures");
        for (int r = 0; r < rows.Count; r++)
        {
            sb.Append(string.Join("  ", cols.Select((c, i) => Fit(c.Item2[r], widths[i]))));
            sb.Append("  ").AppendLine(Figures(rows[r]) + (rows[r].Note.StartsWith("not measured", StringComparison.Ordinal) ? "  " + rows[r].Note : ""));
        }
        return sb.ToString();
    }
}
