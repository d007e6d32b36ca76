using NewsCmdlets.Bench.Harness;
using NewsCmdlets.Bench.Stages;

namespace NewsCmdlets.Bench.Quality;

/// <summary>Named entities: the shipped tagger (the one Get-NewsEntity runs) on the test splits tools/NerTrainer
/// reports and on both halves of the real-news set, scored by ner/score.py (PER, ORG, LOC, exact span and type).
/// This is the one analysis measured by engine calls rather than the cmdlet: the gold is token-aligned CoNLL.</summary>
public static class NerQuality
{
    public static List<QualityRow> Run(QualityContext ctx)
    {
        string nerDir = Path.Combine(ctx.Eval, "ner");
        var stage = new StageContext
        {
            Mode = RunMode.Quick, Seed = 0, RepoRoot = ctx.Repo, Scratch = ctx.Scratch, EvalRoot = ctx.Eval,
        };
        var splits = NerEval.TestSplits(nerDir, ctx.Repo);
        // The real-news set's dev half (the test half is in TestSplits): the half rules were written from.
        string annotations = Path.Combine(ctx.Repo, "tools", "NerTrainer", "real-news");
        var dev = Directory.Exists(annotations)
            ? NewsCmdlets.NerEvaluation.RealNews.Load(annotations, Path.Combine(ctx.Eval, "extraction")).Where(p => p.Split == "dev")
                .Select(p => { var d = new NerEval.Doc(); d.Sentences.AddRange(p.Sentences); return d; }).ToList()
            : new List<NerEval.Doc>();

        var rows = new List<QualityRow>();
        var order = new List<(string Name, string Dataset, string Subset, List<NerEval.Doc> Docs)>();
        if (dev.Count > 0) order.Add(("realnews-dev", "ner/ real news (34 pages of extraction/, labelled by the project)", "dev half (rules written from it)", dev));
        if (splits.TryGetValue("realnews", out var test)) order.Add(("realnews", "ner/ real news (34 pages of extraction/, labelled by the project)", "test half (never tuned on)", test));
        foreach (var (name, docs) in splits)
            if (name != "realnews") order.Add((name, $"ner/{name}", "test split", docs));

        foreach (var (name, dataset, subset, docs) in order)
        {
            var s = NerEval.Score(stage, "quality-" + name, docs, NerEval.OurTags(docs), "ours", out var err)
                ?? throw new QualityException(err ?? "ner/score.py failed");
            var row = new QualityRow { Analysis = "entities", Dataset = dataset, Subset = subset }
                .Add("F1", s["f1"]).Add("precision", s["precision"]).Add("recall", s["recall"]);
            foreach (var t in new[] { "PER", "ORG", "LOC" }) if (s.TryGetValue(t, out double v)) row.Add(t + " F1", v);
            if (name == "realnews") row.Goals("F1 ≥ 0.80 on news (issue 5)", ("F1", '>', 0.80));
            rows.Add(row);
        }
        return rows;
    }
}
