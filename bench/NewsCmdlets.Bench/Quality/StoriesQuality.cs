using System.Text.Json.Nodes;
using NewsCmdlets.Bench.Corpus;

namespace NewsCmdlets.Bench.Quality;

/// <summary>Stories on ECB+: each split's documents through `Import-NewsArticle | Group-NewsArticle` (defaults), scored
/// by stories/score.py against the subtopics (two same-kind events per topic). Rules are written from train and
/// checked on dev. Also stability: each event's documents grouped alone, with the whole split, and with 10,000
/// generated articles added must come out in the same stories.</summary>
public static class StoriesQuality
{
    public const int GeneratedArticles = 10_000;

    public static List<QualityRow> Run(QualityContext ctx)
    {
        string root = Path.Combine(ctx.Eval, "stories", "data");
        var generated = Generated(ctx);
        var sets = new JsonObject();
        var manifests = new Dictionary<string, List<(string File, string Topic, string Sub)>>();
        foreach (var split in new[] { "train", "dev" })
        {
            string dir = Path.Combine(root, split);
            if (!File.Exists(Path.Combine(dir, "manifest.tsv"))) continue;
            var man = File.ReadLines(Path.Combine(dir, "manifest.tsv")).Skip(1).Select(l => l.Split('\t')).Where(c => c.Length >= 3)
                .Select(c => (File: c[0], Topic: c[1], Sub: c[2])).ToList();
            manifests[split] = man;
            string Path_(string f) => Path.Combine(dir, "text", f);
            sets[split] = Paths(man.Select(m => Path_(m.File)));
            sets[split + "+generated"] = Paths(man.Select(m => Path_(m.File)).Concat(generated));
            foreach (var sub in man.GroupBy(m => m.Sub))
                sets[$"{split}:alone:{sub.Key}"] = Paths(sub.Select(m => Path_(m.File)));
        }
        if (manifests.Count == 0) throw new QualityException($"no manifest.tsv under {root}");
        string work = ctx.Work("stories");
        var output = Group(ctx, work, sets);

        var rows = new List<QualityRow>();
        foreach (var (split, subset) in new[] { ("train", "train (write from)"), ("dev", "dev (check on)") })
        {
            if (!manifests.ContainsKey(split)) continue;
            string predFile = Path.Combine(work, $"predictions-{split}.json"), report = Path.Combine(work, $"report-{split}.json");
            File.WriteAllText(predFile, output[split]!["stories"]!.ToJsonString());
            ctx.Score("stories/score.py", Path.Combine(root, split, "manifest.tsv"), predFile, "--json", report);
            var r = JsonNode.Parse(File.ReadAllText(report))!["prediction"]!;
            var row = new QualityRow { Analysis = "stories", Dataset = "stories/ (ECB+)", Subset = $"{subset} ({r["documents"]} documents, {r["gold_topics"]} topics)" }
                .Add("B-cubed F1", ExtractionQuality.D(r, "b3_F1")).Add("P", ExtractionQuality.D(r, "b3_P")).Add("R", ExtractionQuality.D(r, "b3_R"))
                .Add("topics merged", ExtractionQuality.D(r, "topics_merged"), "0")
                .Add("documents split off", ExtractionQuality.D(r, "documents_split_off"), "0")
                .Add("stories", ExtractionQuality.D(r, "stories"), "0");
            row.Goals("B-cubed F1 ≥ 0.95, at most one merged topic", ("B-cubed F1", '>', 0.95), ("topics merged", '<', 1));
            rows.Add(row);

            var events = manifests[split].GroupBy(m => m.Sub).ToDictionary(g => g.Key, g => g.Select(m => m.File).ToList());
            rows.Add(Stability("stories/ (ECB+)", $"{subset} ({events.Count} events)", events, output, split, $"{split}:alone:"));
        }
        return rows;
    }

    /// <summary>A row giving the share of events whose stories change between grouping them alone, with the rest of the
    /// data set, and with <see cref="GeneratedArticles"/> generated articles added.</summary>
    public static QualityRow Stability(string dataset, string subset, Dictionary<string, List<string>> events, JsonNode output,
        string whole, string alonePrefix)
    {
        int changedAlone = 0, changedGenerated = 0, changed = 0;
        var examples = new List<string>();
        foreach (var (ev, files) in events)
        {
            var alone = Partition(output[alonePrefix + ev]?["stories"], files);
            var all = Partition(output[whole]?["stories"], files);
            var gen = Partition(output[whole + "+generated"]?["stories"], files);
            bool a = alone != all, g = all != gen;
            if (a) changedAlone++;
            if (g) changedGenerated++;
            if (a || g) { changed++; if (examples.Count < 2) examples.Add($"{ev}: alone {Sizes(alone)}, whole {Sizes(all)}, +generated {Sizes(gen)}"); }
        }
        var row = new QualityRow { Analysis = "stability", Dataset = dataset, Subset = subset }
            .Add("events changed", events.Count == 0 ? null : (double)changed / events.Count)
            .Add("alone vs whole", events.Count == 0 ? null : (double)changedAlone / events.Count)
            .Add($"whole vs +{GeneratedArticles / 1000}k generated", events.Count == 0 ? null : (double)changedGenerated / events.Count);
        row.Note = examples.Count > 0 ? "e.g. " + string.Join("; ", examples) + " (story sizes of the event's articles)" : "";
        return row.Goals("share of events whose stories change: 0", ("events changed", '<', 0));
    }

    private static string Sizes(string partition) => partition[..partition.IndexOf('|')];

    /// <summary>How an event's files fall into stories, as a canonical string: the sizes of its parts ("3+1+1"), then
    /// the parts.</summary>
    private static string Partition(JsonNode? stories, List<string> files)
    {
        var parts = new Dictionary<string, List<string>>();
        foreach (var f in files)
        {
            string s = stories?[f]?.GetValue<string>() ?? "alone:" + f;
            if (!parts.TryGetValue(s, out var l)) parts[s] = l = new();
            l.Add(f);
        }
        var canon = parts.Values.Select(l => string.Join(",", l.OrderBy(x => x, StringComparer.Ordinal))).OrderBy(x => x, StringComparer.Ordinal);
        return string.Join("+", parts.Values.Select(l => l.Count).OrderByDescending(n => n)) + "|" + string.Join("|", canon);
    }

    /// <summary>Runs bench/quality/stories.ps1 over named sets of files; returns its output by set name.</summary>
    public static JsonNode Group(QualityContext ctx, string work, JsonObject sets)
    {
        string list = Path.Combine(work, "sets.json"), output = Path.Combine(work, "module-output.json");
        File.WriteAllText(list, sets.ToJsonString());
        ctx.RunScript("stories.ps1", "-Module", ctx.Module, "-ListFile", list, "-Out", output);
        return JsonNode.Parse(File.ReadAllText(output))!;
    }

    /// <summary>The text files of the bench's generated corpus of <see cref="GeneratedArticles"/> articles (made once,
    /// reused from bench/.scratch/corpus).</summary>
    public static List<string> Generated(QualityContext ctx)
    {
        string root = Path.Combine(ctx.Repo, "bench", ".scratch", "corpus");
        CorpusStore.Ensure(root, 20240901, GeneratedArticles, TextWriter.Null);
        return CorpusStore.List(CorpusStore.FolderFor(root, 20240901, GeneratedArticles), html: false).Select(a => a.Path).ToList();
    }

    public static JsonArray Paths(IEnumerable<string> paths) => new(paths.Select(p => (JsonNode)JsonValue.Create(Path.GetFullPath(p))).ToArray());
}
