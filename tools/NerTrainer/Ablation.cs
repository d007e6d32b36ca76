using System.Text;
using NewsCmdlets.Engine.Entities;
using NewsCmdlets.Engine.Entities.Tagging;
using NewsCmdlets.Engine.Entities.Tagging.Rules;

namespace NerTrainer;

/// <summary>
/// rules NERDIR [--model FILE[,FILE…]] [--off A,B]: what each family of rules is worth. Tags every evaluation set (the
/// dev and test splits, the real-news halves, the probes) with all the rules, then with each family switched off in
/// turn (both of its runs when it runs twice), and prints for each family and set the F1 the family adds (all rules
/// minus all but it, in points) and how many tokens it changes; with several models, the mean of both over the models.
/// A positive figure is a family that pays on that set; "·" one that never fires there. <c>--off</c> leaves families
/// out of every run (to see several retired at once).
/// </summary>
internal static class Ablation
{
    public static int Run(List<EvalSet> sets, IReadOnlyList<NerModel> models, IReadOnlySet<string> off)
    {
        var gaz = Gazetteer.Shared;
        var base_ = TagRules.InOrder.Where(r => !off.Contains(r.Name)).ToArray();
        var families = TagRules.Families.Where(f => !off.Contains(f.Name)).ToList();
        // Columns: each set but the probes, then the probes pooled, and each probe in a second table.
        var main = sets.Where(s => s.Split != "probe").ToList();
        var probes = sets.Where(s => s.Split == "probe").ToList();
        // Per model: each set's tags (sets × documents).
        List<List<int[]>>[] TagAll(IReadOnlyList<ITagRule> rules) =>
            models.Select(m => { var tagger = new NerTagger(m, gaz) { Rules = rules }; return sets.Select(s => s.Tag(tagger)).ToList(); }).ToArray();
        var all = TagAll(base_);
        var rows = new List<(string Name, List<string> Cells)>();
        rows.Add((models.Count > 1 ? $"all rules (F1, mean of {models.Count} models)" : "all rules (F1)", Cells(null)));
        rows.Add(("all families together (against the model alone)", Cells(TagAll(Array.Empty<ITagRule>()))));
        foreach (var f in families)
        {
            rows.Add((f.Name, Cells(TagAll(base_.Where(r => r != f).ToArray()))));
            Console.Error.Write('.');
        }
        Console.Error.WriteLine();
        if (off.Count > 0) Console.WriteLine($"Left out of every run: {string.Join(", ", off)}.\n");
        Print(rows, main.Select(s => s.Label).Append($"probes ({probes.Count})").ToList(), cells => cells.Take(main.Count + 1).ToList());
        Console.WriteLine();
        Print(rows, probes.Select(s => s.Name).ToList(), cells => cells.Skip(main.Count + 1).ToList());
        return 0;

        // One cell a set (main sets, the probes pooled, then each probe): with all rules, F1; otherwise what the rules
        // switched off were worth (all minus without, points) and the tokens whose tag they change, means over the models.
        List<string> Cells(List<List<int[]>>[]? without)
        {
            var cells = new List<string>();
            string Cell(IEnumerable<int> idx)
            {
                var ix = idx.ToList();
                double F1(List<List<int[]>> tags) => EvalSet.F1(Sum(ix.Select(i => sets[i].Score(tags[i]))));
                if (without == null) return $"{Enumerable.Range(0, models.Count).Average(m => F1(all[m])):F1}";
                double changed = Enumerable.Range(0, models.Count).Average(m => ix.Sum(i => Changed(all[m][i], without[m][i])));
                if (changed == 0) return "·";
                double d = Enumerable.Range(0, models.Count).Average(m => F1(all[m]) - F1(without[m]));
                return $"{(d >= 0.005 ? "+" : d <= -0.005 ? "−" : "±")}{Math.Abs(d):F2} ({changed:0.#})";
            }
            foreach (var i in Enumerable.Range(0, sets.Count).Where(i => sets[i].Split != "probe")) cells.Add(Cell(new[] { i }));
            var p = Enumerable.Range(0, sets.Count).Where(i => sets[i].Split == "probe").ToList();
            cells.Add(Cell(p));
            foreach (var i in p) cells.Add(Cell(new[] { i }));
            return cells;
        }
    }

    private static (int, int, int) Sum(IEnumerable<(int C, int P, int G)> s) => s.Aggregate((0, 0, 0), (a, b) => (a.Item1 + b.C, a.Item2 + b.P, a.Item3 + b.G));

    private static int Changed(List<int[]> a, List<int[]> b)
    {
        int n = 0;
        for (int d = 0; d < a.Count; d++)
            for (int k = 0; k < a[d].Length; k++)
                if (a[d][k] != b[d][k]) n++;
        return n;
    }

    private static void Print(List<(string Name, List<string> Cells)> rows, List<string> columns, Func<List<string>, List<string>> pick)
    {
        var sb = new StringBuilder();
        sb.Append("| family | ").Append(string.Join(" | ", columns)).Append(" |\n");
        sb.Append("| --- |").Append(string.Concat(columns.Select(_ => " ---: |"))).Append('\n');
        foreach (var (name, cells) in rows) sb.Append("| ").Append(name).Append(" | ").Append(string.Join(" | ", pick(cells))).Append(" |\n");
        Console.Write(sb.ToString());
    }
}
