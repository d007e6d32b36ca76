using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace NewsCmdlets.Bench.Quality;

/// <summary>Real multi-outlet coverage: the folder's own run.ps1 (Import-NewsArticle | Group-NewsArticle |
/// Compare-NewsCoverage, and Get-NewsQuote) and score.py, on all events and on two halves split by the kind of event
/// (earthquakes, crashes, layoffs, elections: a kind and its decoys stay in one half). run.ps1 -PerEvent compares each
/// true event as one story, measuring the comparison apart from the grouping.</summary>
public static class CoverageQuality
{
    public static List<QualityRow> Run(QualityContext ctx)
    {
        string corpus = Path.Combine(ctx.Eval, "coverage");
        var manifest = Tsv(Path.Combine(corpus, "manifest.tsv"));
        string KindOf(string ev) => ev.Split('-') is { Length: > 1 } p ? p[1] : ev;
        var rows = new List<QualityRow>();
        string work = ctx.Work("coverage");

        var subsets = new List<(string Name, string Dir)> { ("all", corpus) };
        var kinds = Halves.Assign(manifest.Select(r => KindOf(r["event_id"])));
        foreach (char half in "AB")
        {
            var events = manifest.Select(r => r["event_id"]).Distinct().Where(e => kinds[KindOf(e)] == half).ToHashSet();
            string dir = Path.Combine(work, "half-" + half);
            Subset(corpus, dir, events, manifest);
            var names = events.Select(KindOf).Distinct().OrderBy(k => k, StringComparer.Ordinal);
            subsets.Add(($"{(half == 'A' ? Halves.WriteFrom : Halves.CheckOn)}: {string.Join(", ", names)}", dir));
        }

        foreach (var (name, dir) in subsets)
        {
            int articles = Tsv(Path.Combine(dir, "manifest.tsv")).Count;
            int events = Tsv(Path.Combine(dir, "manifest.tsv")).Select(r => r["event_id"]).Distinct().Count();
            string subset = $"{name} ({articles} articles, {events} events)";
            string tag = name[0] == 'a' ? "all" : name[..1];
            string pipe = Path.Combine(work, $"pred-{tag}.json"), perEvent = Path.Combine(work, $"pred-{tag}-per-event.json");
            string script = Path.Combine(corpus, "run.ps1");
            ctx.RunScript(script, "-Corpus", dir, "-Out", pipe, "-Module", ctx.Module);
            ctx.RunScript(script, "-Corpus", dir, "-Out", perEvent, "-Module", ctx.Module, "-PerEvent");
            string s1 = ctx.Score("coverage/score.py", dir, pipe), s2 = ctx.Score("coverage/score.py", dir, perEvent);

            rows.Add(new QualityRow { Analysis = "stories", Dataset = "coverage/ (real events)", Subset = subset }
                .Add("B-cubed F1", M(s1, @"grouping B-cubed: P \S+\s+R \S+\s+F1 ([0-9.]+)")).Add("P", M(s1, @"grouping B-cubed: P ([0-9.]+)")).Add("R", M(s1, @"grouping B-cubed: P \S+\s+R ([0-9.]+)"))
                .Add("events merged", M(s1, @"stories merging 2\+ events: (\d+)"), "0")
                .Add("same-kind merged", M(s1, @"of these merging same-topic decoys: (\d+)"), "0")
                .Add("events split", M(s1, @"events split over 2\+ stories: (\d+)"), "0")
                .Goals("B-cubed F1 ≥ 0.95, no two events merged", ("B-cubed F1", '>', 0.95), ("events merged", '<', 0)));

            double? goldPairs = M(s1, @"copy pairs: gold (\d+)"), foundPairs = M(s1, @"copy pairs: .*?found (\d+)");
            var copies = new QualityRow { Analysis = "copies", Dataset = "coverage/ (wire copies)", Subset = subset }
                .Add("pair P", Zero(foundPairs, M(s1, @"copy pairs: .*?precision ([0-9.]+)"))).Add("pair R", Zero(goldPairs, M(s1, @"copy pairs: .*?recall ([0-9.]+)")))
                .Add("gold pairs", goldPairs, "0").Add("found", foundPairs, "0");
            if (goldPairs > 0) copies.Goals("pair precision ≥ 0.95, recall ≥ 0.90", ("pair P", '>', 0.95), ("pair R", '>', 0.90));
            else copies.Note = "no wire copies among these events";
            rows.Add(copies);

            foreach (var (mode, text) in new[] { ("grouped, then compared", s1), ("each true event compared", s2) })
            {
                rows.Add(new QualityRow { Analysis = "conflicts", Dataset = $"coverage/ ({mode})", Subset = subset }
                    .Add("P", Zero(M(text, @"conflict precision: \d+/(\d+)"), M(text, @"conflict precision: \d+/\d+ = ([0-9.]+)")))
                    .Add("R", M(text, @"conflict recall \(non-evolving rows, files and values\): \d+/\d+ = ([0-9.]+)"))
                    .Add("reported", M(text, @"conflict precision: \d+/(\d+)"), "0")
                    .Add("true", M(text, @"conflict precision: (\d+)/"), "0")
                    .Add("updates as conflicts", M(text, @"evolving figures reported as Conflict: (\d+)"), "0")
                    .Add("agreements as conflicts", M(text, @"pair an agreements\.tsv look-alike: (\d+)"), "0")
                    .Goals("precision ≥ 0.80, recall ≥ 0.60; no update or agreement as a conflict",
                        ("P", '>', 0.80), ("R", '>', 0.60), ("updates as conflicts", '<', 0), ("agreements as conflicts", '<', 0)));
            }

            rows.Add(new QualityRow { Analysis = "quotes", Dataset = "coverage/ (quotes)", Subset = subset }
                .Add("speaker right", M(s1, @"speaker accuracy \d+/\d+ = ([0-9.]+)"))
                .Add("found", M(s1, @"found \d+/\d+ = ([0-9.]+); speaker"))
                .Add("gold quotes", M(s1, @"quotes: gold (\d+)"), "0")
                .Goals("speaker right ≥ 0.90", ("speaker right", '>', 0.90)));
        }

        // Stability: each event alone, all events, all events with generated articles added.
        var byEvent = manifest.GroupBy(r => r["event_id"]).ToDictionary(g => g.Key, g => g.Select(r => r["file"]).ToList());
        string Art(string f) => Path.Combine(corpus, "articles", f);
        var sets = new JsonObject
        {
            ["all"] = StoriesQuality.Paths(manifest.Select(r => Art(r["file"]))),
            ["all+generated"] = StoriesQuality.Paths(manifest.Select(r => Art(r["file"])).Concat(StoriesQuality.Generated(ctx))),
        };
        foreach (var (ev, files) in byEvent) sets["alone:" + ev] = StoriesQuality.Paths(files.Select(Art));
        var output = StoriesQuality.Group(ctx, ctx.Work("coverage-stability"), sets);
        rows.Add(StoriesQuality.Stability("coverage/ (real events)", $"all ({byEvent.Count} events)", byEvent, output, "all", "alone:"));
        return rows;
    }

    private static double? M(string text, string pattern)
    {
        var m = Regex.Match(text, pattern);
        return m.Success && double.TryParse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : null;
    }

    /// <summary>A share of nothing (precision with nothing reported, recall with nothing to find) is undefined; score.py
    /// prints 0, the table prints —.</summary>
    private static double? Zero(double? denominator, double? share) => denominator == 0 ? null : share;

    private static List<Dictionary<string, string>> Tsv(string path)
    {
        var lines = File.ReadAllLines(path);
        var head = lines[0].Split('\t');
        return lines.Skip(1).Where(l => l.Length > 0).Select(l =>
        {
            var c = l.Split('\t');
            var d = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int i = 0; i < head.Length; i++) d[head[i]] = i < c.Length ? c[i] : "";
            return d;
        }).ToList();
    }

    /// <summary>A corpus folder holding only some events: the ground-truth files filtered, the articles linked.</summary>
    private static void Subset(string corpus, string dir, HashSet<string> events, List<Dictionary<string, string>> manifest)
    {
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        Directory.CreateDirectory(Path.Combine(dir, "articles"));
        var files = manifest.Where(r => events.Contains(r["event_id"])).Select(r => r["file"]).ToHashSet();
        foreach (var f in files) File.CreateSymbolicLink(Path.Combine(dir, "articles", f), Path.Combine(corpus, "articles", f));
        foreach (var name in new[] { "manifest.tsv", "disagreements.tsv", "agreements.tsv", "quotes-gold.tsv" })
        {
            string src = Path.Combine(corpus, name);
            if (!File.Exists(src)) continue;
            var lines = File.ReadAllLines(src);
            var head = lines[0].Split('\t');
            int ev = Array.IndexOf(head, "event_id"), file = Array.IndexOf(head, "file");
            var keep = lines.Skip(1).Where(l =>
            {
                var c = l.Split('\t');
                return ev >= 0 ? c.Length > ev && events.Contains(c[ev]) : file >= 0 && c.Length > file && files.Contains(c[file]);
            });
            File.WriteAllLines(Path.Combine(dir, name), new[] { lines[0] }.Concat(keep));
        }
    }
}
