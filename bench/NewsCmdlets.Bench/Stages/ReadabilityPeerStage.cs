using System.Diagnostics;
using System.Text.Json;
using NewsCmdlets.Bench.Harness;

namespace NewsCmdlets.Bench.Stages;

/// <summary>
/// Readability.js (Mozilla, with jsdom) on the same 91 evaluation pages, in the same run and right after our extractor,
/// so the speed ratio holds on a noisy shared machine. Installed from npm into bench/.scratch/node at the versions
/// pinned in bench/peers/package.json. Its output is scored with the same score.py.
/// </summary>
public sealed class ReadabilityPeerStage : IBenchStage
{
    public string Name => "readability-peer";
    public int Order => 26;
    public string Measures => "Readability.js + jsdom (npm, pinned in bench/peers/package.json) on the same 91 pages, one thread, timed in-process without node startup; our extractor timed back-to-back on the same pages for the ratio; both scored by score.py";
    public string ItemName => "pages";
    public bool Scales => false;
    public bool IsPeer => true;

    public bool Prepare(StageContext context, TextWriter log)
    {
        if (!Directory.Exists(Path.Combine(context.ExtractionEvalDir, "html"))) { log.WriteLine($"  {Name}: skipped, no eval pages"); return false; }
        string peers = Path.Combine(context.RepoRoot, "bench", "peers");
        string node = context.NodeDir;
        Directory.CreateDirectory(node);
        string pkg = File.ReadAllText(Path.Combine(peers, "package.json"));
        string stamp = Path.Combine(node, ".installed-package.json");
        bool installed = Directory.Exists(Path.Combine(node, "node_modules", "@mozilla", "readability")) && Directory.Exists(Path.Combine(node, "node_modules", "jsdom"))
                         && File.Exists(stamp) && File.ReadAllText(stamp) == pkg;
        if (!installed)
        {
            log.WriteLine($"  {Name}: npm install into {Path.GetRelativePath(context.RepoRoot, node)} (@mozilla/readability, jsdom)");
            File.WriteAllText(Path.Combine(node, "package.json"), pkg);
            string lockFile = Path.Combine(peers, "package-lock.json");
            if (File.Exists(lockFile)) File.Copy(lockFile, Path.Combine(node, "package-lock.json"), overwrite: true);
            var sw = Stopwatch.StartNew();
            (int exit, string o, string e) = (-1, "", "");
            try { (exit, o, e) = Measure.Run("npm", new[] { File.Exists(lockFile) ? "ci" : "install", "--no-audit", "--no-fund", "--loglevel=error" }, node, 600); }
            catch (System.ComponentModel.Win32Exception ex) { e = "npm not found: " + ex.Message; }
            if (exit != 0)
            {
                log.WriteLine($"  {Name}: skipped, npm install failed ({exit}): {(e + o).Trim()}");
                return false;
            }
            File.WriteAllText(stamp, pkg);
            log.WriteLine($"  {Name}: installed in {sw.Elapsed.TotalSeconds:0} s");
        }
        File.Copy(Path.Combine(peers, "readability-bench.js"), Path.Combine(node, "readability-bench.js"), overwrite: true);
        return true;
    }

    public StageMeasurement Run(StageContext context)
    {
        string htmlDir = Path.Combine(context.ExtractionEvalDir, "html");
        // Ours before and after the peer, so both sides see the same stretch of a shared machine's load.
        var pages = EvalExtraction.Load(htmlDir);
        var ours = new StageMeasurement();
        var predictions = EvalExtraction.Time(pages, ours, context.Mode);
        string ourPath = Path.Combine(context.WorkDir, "extraction-predictions.json");
        EvalExtraction.WritePredictions(predictions, ourPath);

        var m = new StageMeasurement();
        string predPath = Path.Combine(context.WorkDir, "readability-predictions.json");
        string timingPath = Path.Combine(context.WorkDir, "readability-timing.json");
        int passes = context.Mode == RunMode.Full ? 3 : 1;
        var (exit, stdout, stderr) = Measure.Run("node", new[] { Path.Combine(context.NodeDir, "readability-bench.js"), htmlDir, predPath, timingPath, passes.ToString() }, context.NodeDir, 900);
        if (exit != 0 || !File.Exists(timingPath))
        {
            m.Info["failure"] = $"node exited {exit}: {(stderr + stdout).Trim()}";
            return m;
        }
        using var timing = JsonDocument.Parse(File.ReadAllText(timingPath));
        var t = timing.RootElement;
        m.Items = t.GetProperty("pages").GetInt32();
        m.Bytes = t.GetProperty("bytes").GetInt64();
        m.Passes = t.GetProperty("passes").GetInt32();
        m.PassSeconds = t.GetProperty("passMs").EnumerateArray().Select(x => Math.Round(x.GetDouble() / 1000, 4)).ToArray();
        m.Seconds = t.GetProperty("medianMs").GetDouble() / 1000;
        if (t.TryGetProperty("medianCpuMs", out var cpuMs)) m.CpuSeconds = Math.Round(cpuMs.GetDouble() / 1000, 4);
        m.PeakWorkingSetMB = Math.Round(t.GetProperty("maxRssBytes").GetDouble() / 1048576.0, 1);
        m.Errors = t.GetProperty("failures").GetInt32();
        m.Info["node"] = t.GetProperty("node").GetString()!;
        m.Info["readability"] = t.GetProperty("readability").GetString()!;
        m.Info["jsdom"] = t.GetProperty("jsdom").GetString()!;
        if (t.TryGetProperty("errors", out var errs) && errs.GetArrayLength() > 0)
            m.Info["peerErrors"] = string.Join(" | ", errs.EnumerateArray().Select(x => x.GetString()));
        m.Info["peakMemory"] = "node process maxRSS (process.resourceUsage)";

        var oursAfter = new StageMeasurement();
        EvalExtraction.Time(pages, oursAfter, context.Mode);
        double ourSeconds = Measure.Median(ours.PassSeconds.Concat(oursAfter.PassSeconds).ToList());
        ours.Seconds = ourSeconds;
        double ourCpu = (ours.CpuSeconds + oursAfter.CpuSeconds) / 2;
        m.Info["ourPasses"] = string.Join(", ", ours.PassSeconds.Concat(oursAfter.PassSeconds).Select(x => x.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture))) + " s (before and after the peer; median used)";
        m.Metrics["our:pagesPerSecond"] = Math.Round(ours.ItemsPerSecond, 2);
        m.Metrics["peer:pagesPerSecond"] = Math.Round(m.ItemsPerSecond, 2);
        m.Metrics["speedRatio"] = Math.Round(ours.ItemsPerSecond / m.ItemsPerSecond, 2);
        if (m.CpuSeconds > 0 && ourCpu > 0)
        {
            // The same ratio on process CPU time (both sides: all threads, GC included), less exposed to other work.
            m.Metrics["our:pagesPerCpuSecond"] = Math.Round(pages.Length / ourCpu, 2);
            m.Metrics["peer:pagesPerCpuSecond"] = Math.Round(m.Items / m.CpuSeconds, 2);
            m.Metrics["cpuSpeedRatio"] = Math.Round(m.CpuSeconds / ourCpu, 2);
        }
        if (context.Mode != RunMode.Smoke)
        {
            EvalExtraction.Score(context, ourPath, m, "our:");
            EvalExtraction.Score(context, predPath, m, "peer:");
            EvalExtraction.Score(context, Path.ChangeExtension(predPath, ".blocks.json"), m, "peerBlocks:");
        }
        return m;
    }
}
