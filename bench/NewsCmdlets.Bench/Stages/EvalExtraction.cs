using System.Diagnostics;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using NewsCmdlets.Bench.Harness;
using NewsCmdlets.Engine.Ingest.Html;

namespace NewsCmdlets.Bench.Stages;

/// <summary>The extraction evaluation pages (../shared/eval/extraction/html) and their scoring with score.py.</summary>
public static class EvalExtraction
{
    public sealed record Page(string Id, byte[] Raw, string Html);

    public static Page[] Load(string htmlDir, int limit = int.MaxValue) =>
        Directory.GetFiles(htmlDir, "*.html").OrderBy(f => f, StringComparer.Ordinal).Take(limit)
            .Select(f =>
            {
                var raw = File.ReadAllBytes(f);
                return new Page(Path.GetFileNameWithoutExtension(f), raw, HtmlDecoder.Decode(raw, null, out _, new List<string>()));
            }).ToArray();

    /// <summary>Our extractor over the pages, one thread, after a warm-up of at least 1.5 s: median pass and the predictions.</summary>
    public static SortedDictionary<string, string> Time(Page[] pages, StageMeasurement m, RunMode mode)
    {
        // The first pass in this process, JIT included: what one import in a fresh PowerShell session sees.
        long cold = System.Diagnostics.Stopwatch.GetTimestamp();
        foreach (var p in pages) HtmlArticleExtractor.Extract(p.Html);
        m.Metrics["firstPassPagesPerSecond"] = Math.Round(pages.Length / System.Diagnostics.Stopwatch.GetElapsedTime(cold).TotalSeconds, 1);
        Measure.WarmUp(() => { foreach (var p in pages) HtmlArticleExtractor.Extract(p.Html); }, mode == RunMode.Smoke ? 0 : 1.5);
        m.Items = pages.Length;
        m.Bytes = pages.Sum(p => (long)p.Raw.Length);
        var predictions = new SortedDictionary<string, string>(StringComparer.Ordinal);
        long notArticles = 0;
        bool first = true;
        Measure.Passes(m, () =>
        {
            foreach (var p in pages)
            {
                var r = HtmlArticleExtractor.Extract(p.Html, new HtmlArticleOptions { Now = StageContext.Now });
                if (!first) continue;
                predictions[p.Id] = r.Article?.Body ?? "";
                if (!r.IsArticle) notArticles++;
            }
            first = false;
        }, minPasses: mode == RunMode.Smoke ? 1 : 5, maxPasses: mode == RunMode.Smoke ? 1 : 5, minSeconds: 0);
        m.Metrics["pagesNotArticles"] = notArticles;
        return predictions;
    }

    public static void WritePredictions(IReadOnlyDictionary<string, string> predictions, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, JsonSerializer.Serialize(predictions, new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), new UTF8Encoding(false));
    }

    /// <summary>Runs score.py on a predictions file; puts {prefix}f1, precision, recall, accuracy (and ± std) into metrics.</summary>
    public static bool Score(StageContext ctx, string predictions, StageMeasurement m, string prefix)
    {
        string summary = Path.ChangeExtension(predictions, ".score.json");
        var sw = Stopwatch.StartNew();
        var (exit, stdout, stderr) = Measure.Run("python3", new[] { Path.Combine(ctx.ExtractionEvalDir, "score.py"), predictions, "--split", "all", "--json", summary }, timeoutSeconds: 300);
        if (exit != 0 || !File.Exists(summary))
        {
            m.Info[prefix + "scoreError"] = $"score.py exited {exit}: {(stderr + stdout).Trim()}";
            return false;
        }
        using var doc = JsonDocument.Parse(File.ReadAllText(summary));
        var all = doc.RootElement.GetProperty("splits").GetProperty("all");
        foreach (var k in new[] { "f1", "precision", "recall", "accuracy", "f1_std", "n_empty", "f1_empty_as_0" })
            if (all.TryGetProperty(k, out var v)) m.Metrics[prefix + k] = Math.Round(v.GetDouble(), 4);
        m.Info[prefix + "scoredBy"] = "python3 ../shared/eval/extraction/score.py --split all (" + Path.GetFileName(predictions) + ")";
        return true;
    }
}
