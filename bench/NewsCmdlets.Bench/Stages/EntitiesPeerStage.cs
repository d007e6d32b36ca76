using System.Diagnostics;
using System.Text.Json;
using NewsCmdlets.Bench.Corpus;
using NewsCmdlets.Bench.Harness;
using NewsCmdlets.Engine.Entities;
using NewsCmdlets.Engine.Ingest;

namespace NewsCmdlets.Bench.Stages;

/// <summary>
/// compromise (npm, pinned in bench/peers/package.json) on the same texts as our EntityExtractor: the first 1,000
/// generated articles (title and body as ArticleReader reads them), one thread, in-process; ours is timed on the same
/// strings just before and just after, so the ratio holds on a shared machine. compromise's .people() / .places() /
/// .organizations() on the NER test documents are mapped to PER/LOC/ORG spans and scored with the same score.py.
/// </summary>
public sealed class EntitiesPeerStage : IBenchStage
{
    public string Name => "entities-peer";
    public int Order => 41;
    public string Measures => "compromise (npm, pinned in bench/peers/package.json) on the first 1,000 generated articles (title + body), one thread, in-process without node startup: nlp(text) and .people()/.places()/.organizations() with offsets; our EntityExtractor.ExtractText (the whole entity pass) timed back-to-back on the same strings for the ratio; tokens are our tokenizer's count for both; both scored on tools/NerTrainer's test splits by score.py (PER/ORG/LOC)";
    public string ItemName => "tokens";
    public bool Scales => false;
    public bool IsPeer => true;

    private const int Articles = 1000;

    public bool Prepare(StageContext context, TextWriter log)
    {
        CorpusStore.Ensure(Path.Combine(context.Scratch, "corpus"), context.Seed, Articles, log);
        string peers = Path.Combine(context.RepoRoot, "bench", "peers");
        string node = context.NodeDir;
        Directory.CreateDirectory(node);
        string pkg = File.ReadAllText(Path.Combine(peers, "package.json"));
        string stamp = Path.Combine(node, ".installed-package.json");
        bool installed = Directory.Exists(Path.Combine(node, "node_modules", "compromise")) && File.Exists(stamp) && File.ReadAllText(stamp) == pkg;
        if (!installed)
        {
            log.WriteLine($"  {Name}: npm ci into {Path.GetRelativePath(context.RepoRoot, node)}");
            File.WriteAllText(Path.Combine(node, "package.json"), pkg);
            string lockFile = Path.Combine(peers, "package-lock.json");
            if (File.Exists(lockFile)) File.Copy(lockFile, Path.Combine(node, "package-lock.json"), overwrite: true);
            (int exit, string o, string e) = (-1, "", "");
            try { (exit, o, e) = Measure.Run("npm", new[] { File.Exists(lockFile) ? "ci" : "install", "--no-audit", "--no-fund", "--loglevel=error" }, node, 600); }
            catch (System.ComponentModel.Win32Exception ex) { e = "npm not found: " + ex.Message; }
            if (exit != 0) { log.WriteLine($"  {Name}: skipped, npm install failed ({exit}): {(e + o).Trim()}"); return false; }
            File.WriteAllText(stamp, pkg);
        }
        File.Copy(Path.Combine(peers, "compromise-bench.js"), Path.Combine(node, "compromise-bench.js"), overwrite: true);
        return true;
    }

    private static readonly ArticleReadOptions Options = new() { Now = StageContext.Now };

    private static (double Seconds, double Cpu, long Tokens) TimeOurs(EntityExtractor x, string[] texts, RunMode mode)
    {
        var m = new StageMeasurement { Items = texts.Length };
        long tokens = 0;
        Measure.Passes(m, () => { long t = 0; foreach (var s in texts) t += x.ExtractText(s).TokenCount; tokens = t; },
            minPasses: mode == RunMode.Smoke ? 1 : 3, maxPasses: 5, minSeconds: mode == RunMode.Smoke ? 0 : 3);
        return (m.Seconds, m.CpuSeconds, tokens);
    }

    public StageMeasurement Run(StageContext context)
    {
        string folder = CorpusStore.FolderFor(Path.Combine(context.Scratch, "corpus"), context.Seed, Articles);
        var texts = new string[Articles];
        for (int i = 0; i < Articles; i++)
        {
            var a = ArticleReader.ReadFile(Path.Combine(folder, GeneratedArticle.TextPathOf(i)), Options).Article;
            texts[i] = string.IsNullOrEmpty(a.Title) ? a.Body : a.Title + "\n\n" + a.Body;
        }
        Directory.CreateDirectory(context.WorkDir);
        string textsPath = Path.Combine(context.WorkDir, "entity-texts.json");
        File.WriteAllText(textsPath, JsonSerializer.Serialize(texts));
        string nerDir = Path.Combine(context.EvalRoot, "ner");
        SortedDictionary<string, List<NerEval.Doc>>? splits = null;
        string nerPath = "-";
        if (File.Exists(Path.Combine(nerDir, "score.py")))
        {
            splits = NerEval.TestSplits(nerDir, context.RepoRoot);
            nerPath = Path.Combine(context.WorkDir, "ner-docs.json");
            File.WriteAllText(nerPath, JsonSerializer.Serialize(splits.ToDictionary(kv => kv.Key, kv => kv.Value.Select(d => d.Layout().Text).ToArray())));
        }

        var x = new EntityExtractor();
        Measure.WarmUp(() => { foreach (var s in texts.Take(300)) x.ExtractText(s); }, context.Mode == RunMode.Smoke ? 0 : 1.5);
        var before = TimeOurs(x, texts, context.Mode);

        var m = new StageMeasurement();
        string timingPath = Path.Combine(context.WorkDir, "compromise-timing.json"), spansPath = Path.Combine(context.WorkDir, "compromise-spans.json");
        File.Delete(timingPath);
        int passes = context.Mode == RunMode.Full ? 3 : 1;
        var (exit, stdout, stderr) = Measure.Run("node", new[] { Path.Combine(context.NodeDir, "compromise-bench.js"), textsPath, nerPath, timingPath, spansPath, passes.ToString() }, context.NodeDir, 1200);
        if (exit != 0 || !File.Exists(timingPath)) { m.Info["failure"] = $"node exited {exit}: {(stderr + stdout).Trim()}"; return m; }
        var after = TimeOurs(x, texts, context.Mode);

        using var timing = JsonDocument.Parse(File.ReadAllText(timingPath));
        var t = timing.RootElement;
        long tokens = before.Tokens;
        m.Items = tokens;
        m.Bytes = t.GetProperty("bytes").GetInt64();
        m.Passes = t.GetProperty("passes").GetInt32();
        m.PassSeconds = t.GetProperty("passMs").EnumerateArray().Select(v => Math.Round(v.GetDouble() / 1000, 4)).ToArray();
        m.Seconds = t.GetProperty("medianMs").GetDouble() / 1000;
        m.CpuSeconds = Math.Round(t.GetProperty("medianCpuMs").GetDouble() / 1000, 4);
        m.BestSeconds = m.PassSeconds.Min();
        m.PeakWorkingSetMB = Math.Round(t.GetProperty("maxRssBytes").GetDouble() / 1048576.0, 1);
        m.Info["node"] = t.GetProperty("node").GetString()!;
        m.Info["compromise"] = t.GetProperty("compromise").GetString()!;
        m.Info["peakMemory"] = "node process maxRSS (process.resourceUsage)";
        m.Info["texts"] = $"first {Articles:N0} generated articles, title + body, {tokens:N0} tokens by our tokenizer; compromise found {t.GetProperty("entitiesFound").GetInt64():N0} people/places/organisations";

        double ourSeconds = (before.Seconds + after.Seconds) / 2, ourCpu = (before.Cpu + after.Cpu) / 2;
        m.Info["ourPasses"] = $"{before.Seconds:0.000} s before, {after.Seconds:0.000} s after the peer (mean used)";
        m.Metrics["our:tokensPerSecond"] = Math.Round(tokens / ourSeconds);
        m.Metrics["peer:tokensPerSecond"] = Math.Round(tokens / m.Seconds);
        m.Metrics["speedRatio"] = Math.Round(m.Seconds / ourSeconds, 2);
        if (ourCpu > 0 && m.CpuSeconds > 0)
        {
            m.Metrics["our:tokensPerCpuSecond"] = Math.Round(tokens / ourCpu);
            m.Metrics["peer:tokensPerCpuSecond"] = Math.Round(tokens / m.CpuSeconds);
            m.Metrics["cpuSpeedRatio"] = Math.Round(m.CpuSeconds / ourCpu, 2);
        }

        if (splits != null && context.Mode != RunMode.Smoke)
        {
            NerEval.ScoreOurs(context, m, "our:");
            using var spans = JsonDocument.Parse(File.ReadAllText(spansPath));
            foreach (var (name, docs) in splits)
            {
                var docSpans = spans.RootElement.GetProperty(name).EnumerateArray().ToArray();
                var predicted = docs.Select((d, i) => NerEval.TagsFromSpans(d, docSpans[i].EnumerateArray().Select(s => (s[0].GetInt32(), s[1].GetInt32(), s[2].GetString()!)))).ToList();
                var s = NerEval.Score(context, name, docs, predicted, "compromise", out var err);
                if (s == null) { m.Info["peer:scoreError:" + name] = err!; continue; }
                foreach (var (k, v) in s) m.Metrics[$"peer:{k}:{name}"] = Math.Round(v, 4);
            }
            m.Info["peer:mapping"] = "compromise .people() → PER, .places() → LOC, .organizations() → ORG, by character offset onto the test documents' tokens (joined by spaces, one line a sentence, as our tagger sees them)";
        }
        return m;
    }
}
