using NewsCmdlets.Bench.Harness;

namespace NewsCmdlets.Bench.Stages;

/// <summary>Our extractor on the 91 evaluation pages: speed on real pages, and F1 from score.py.</summary>
public sealed class ExtractionQualityStage : IBenchStage
{
    public string Name => "extraction-quality";
    public int Order => 25;
    public string Measures => "HtmlArticleExtractor.Extract on the 91 real pages of ../shared/eval/extraction (decoded beforehand), one thread, median of 5 passes after warm-up (the first pass of the fresh process, JIT included, reported beside it); F1 from score.py";
    public string ItemName => "pages";
    public bool Scales => false;
    public bool IsPeer => false;

    public bool Prepare(StageContext context, TextWriter log)
    {
        if (Directory.Exists(Path.Combine(context.ExtractionEvalDir, "html"))) return true;
        log.WriteLine($"  {Name}: skipped, no {Path.Combine(context.ExtractionEvalDir, "html")}");
        return false;
    }

    public StageMeasurement Run(StageContext context)
    {
        var m = new StageMeasurement();
        // Smoke: ten pages, no scoring (exercises the code path in a second).
        var pages = EvalExtraction.Load(Path.Combine(context.ExtractionEvalDir, "html"), context.Mode == RunMode.Smoke ? 10 : int.MaxValue);
        var predictions = EvalExtraction.Time(pages, m, context.Mode);
        string path = Path.Combine(context.WorkDir, "extraction-predictions.json");
        EvalExtraction.WritePredictions(predictions, path);
        m.Info["predictions"] = Path.GetRelativePath(context.RepoRoot, path);
        if (context.Mode != RunMode.Smoke) EvalExtraction.Score(context, path, m, "");
        return m;
    }
}
