using System.Diagnostics;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using NewsCmdlets.Engine.Ingest.Html;

namespace NewsCmdlets.Bench;

/// <summary>Benchmarks and evaluation runs for the engine. Each subcommand is one method; add new ones to the switch.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 0) return Usage();
        try
        {
            return args[0] switch
            {
                "run" => Harness.Runner.Run(args[1..]),
                "quality" => Quality.QualityRunner.Run(args[1..]),
                "stage" when args.Length > 1 => Harness.Runner.Child(args[1..]),
                "corpus" => Corpus(args[1..]),
                "report" when args.Length > 1 => Report(args[1..]),
                "extraction" => Extraction(args[1..]),
                "blocks" => Blocks(args[1..]),
                "phases" => Phases(args[1..]),
                "fuzz" => Fuzz.Fuzzer.Run(args[1..]),
                "fuzz-worker" => Fuzz.Fuzzer.Worker(args[1..]),
                "pg-import" => Stages.CachePostgresStage.Importer(args[1..]),
                "pg-hold" => Stages.BenchPostgres.Hold(args[1..]),
                "-h" or "--help" or "help" => Usage(),
                _ => Usage($"unknown subcommand '{args[0]}'"),
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }

    private static int Usage(string? error = null)
    {
        if (error != null) Console.Error.WriteLine(error);
        Console.Error.WriteLine("""
            usage: NewsCmdlets.Bench <subcommand> ...
              run [--smoke|--quick|--full] [--seed N] [--sizes 1000,10000] [--only stage,...] [--no-peers]
                  [--json out.json] [--markdown out.md] [--repo DIR] [--eval DIR]
                  the benchmark (what bench/run calls): every stage in its own child process, then the JSON and
                  markdown reports (full: bench/results/latest.json and bench/RESULTS.md)
              quality [--only stories,coverage,quotes,extraction,extraction-snippets,entities] [--repo DIR] [--eval DIR]
                      [--markdown out.md] [--json out.json]
                  every analysis of the built module on ../shared/eval, scored by each folder's scorer (what
                  bench/run --quality calls): bench/QUALITY.md and bench/results/quality.json
              stage <name> --size N --corpus DIR --mode M --out m.json ...
                  one stage at one size (the child process of run)
              report <latest.json> [<out.md>]
                  rewrite the markdown report from a run's JSON (after changing the report's layout; no new figures)
              corpus <articles> [<dir>] [--seed N]
                  generate a corpus with its manifest into <dir>/v<version>-s<seed>-n<articles> (default dir:
                  bench/.scratch/corpus), or reuse it when already complete
              extraction <htmlDir> <out.json> [--repeat N] [--verbose ID]
                  extract the article body of every *.html page in htmlDir (single thread, timed) and write
                  {"<page id>": "body text"} to out.json for eval/extraction/score.py
              phases <htmlDir>     time each extraction phase (prepare, parse, walk, select, metadata)
              blocks <page.html>   print every text block of a page with its value and context (development aid)
              fuzz [--minutes M] [--targets text,html,import,feed,entities,quotes] [--out DIR] [--seed N]
                  the fuzzer over the engine's parsers and extractors, seeded from samples/ (what bench/fuzz calls)
              pg-import --corpus DIR --size N --importer K
                  one of cache-postgres's concurrent importers: its overlapping share of the corpus into the
                  PostgreSQL database named by NEWSCMDLETS_BENCH_POSTGRES_TARGET; prints one line of JSON
              pg-hold
                  start a throwaway PostgreSQL cluster as cache-postgres does, print its folder, wait for Ctrl+C
                  (which stops it; for the test of that clean-up)
            """);
        return error == null ? 0 : 2;
    }

    /// <summary>Rewrites the markdown report from a run's JSON.</summary>
    private static int Report(string[] args)
    {
        var report = JsonSerializer.Deserialize<Harness.RunReport>(File.ReadAllText(args[0]))!;
        string repo = Harness.Runner.FindRepoRoot();
        string md = Harness.Report.Markdown(report, repo, Path.GetFullPath(args[0]));
        if (args.Length > 1) File.WriteAllText(args[1], md); else Console.Write(md);
        return 0;
    }

    /// <summary>Generates a corpus (text, HTML, manifest) into a folder, or reuses it when already complete.</summary>
    private static int Corpus(string[] args)
    {
        if (args.Length < 1 || !int.TryParse(args[0], out int n) || n <= 0) return Usage("corpus needs <articles>");
        ulong seed = 20240901;
        string? dir = null;
        for (int i = 1; i < args.Length; i++)
        {
            if (args[i] == "--seed" && i + 1 < args.Length) seed = ulong.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
            else dir = args[i];
        }
        // The corpus goes to <dir>/v<version>-s<seed>-n<articles>, generated once and reused.
        string root = dir ?? Path.Combine(Harness.Runner.FindRepoRoot(), "bench", ".scratch", "corpus");
        var info = Bench.Corpus.CorpusStore.Ensure(root, seed, n, Console.Out);
        Console.WriteLine(Bench.Corpus.CorpusStore.FolderFor(root, seed, n));
        Console.WriteLine($"{info.Articles:N0} articles, {info.Stories:N0} stories, {info.WireCopies:N0} wire copies");
        return 0;
    }

    /// <summary>Development aid: time of each extraction phase over a folder of pages.</summary>
    private static int Phases(string[] args)
    {
        var pages = Directory.GetFiles(args[0], "*.html").Select(f => HtmlDecoder.Decode(File.ReadAllBytes(f), null, out _, new List<string>())).ToArray();
        var parser = HtmlArticleExtractor.CreateParser();
        var t = new double[5];
        for (int r = 0; r < 3; r++)
        {
            foreach (var p in pages)
            {
                var sw = Stopwatch.StartNew();
                var prepared = HtmlPreparer.Prepare(p, new List<string>(), new List<string>());
                t[0] += sw.Elapsed.TotalMilliseconds; sw.Restart();
                using var doc = parser.ParseDocument(prepared);
                t[1] += sw.Elapsed.TotalMilliseconds; sw.Restart();
                var dom = HtmlDom.Build(doc);
                t[2] += sw.Elapsed.TotalMilliseconds; sw.Restart();
                var d = new List<string>();
                var sel = HtmlContent.Select(dom, d);
                t[3] += sw.Elapsed.TotalMilliseconds; sw.Restart();
                HtmlMetadata.Read(dom, sel, new HtmlArticleOptions(), d);
                t[4] += sw.Elapsed.TotalMilliseconds;
            }
        }
        Console.WriteLine($"prepare {t[0] / 3:0} ms, parse {t[1] / 3:0} ms, walk {t[2] / 3:0} ms, select {t[3] / 3:0} ms, metadata {t[4] / 3:0} ms");
        return 0;
    }

    /// <summary>Development aid: every text block of one page with its value, owner and context.</summary>
    private static int Blocks(string[] args)
    {
        if (args.Length < 1) return Usage("blocks needs <page.html>");
        var bytes = File.ReadAllBytes(args[0]);
        string html = HtmlDecoder.Decode(bytes, null, out _, new List<string>());
        var doc = HtmlArticleExtractor.CreateParser().ParseDocument(html);
        var dom = HtmlDom.Build(doc);
        var decisions = new List<string>();
        var sel = HtmlContent.Select(dom, decisions);
        foreach (var d in decisions.Take(5)) Console.WriteLine("# " + d);
        var kept = new HashSet<TextBlock>(sel.Body);
        for (int i = 0; i < dom.Blocks.Count; i++)
        {
            var b = dom.Blocks[i];
            string text = b.Text.Length > 90 ? b.Text[..90] + "…" : b.Text;
            var path = new List<string>();
            for (int p = b.Owner, k = 0; p >= 0 && k < 4; p = dom.Nodes[p].Parent, k++) path.Add(HtmlContent.Describe(dom.Nodes[p]).Replace("\n", " "));
            Console.WriteLine($"{(kept.Contains(b) ? "*" : " ")}{i,4} {b.Value,7:0.0} {(b.IsProse ? "P" : " ")}{(b.Chrome >= 0 ? "C" : " ")} w{b.Words} ld{b.LinkDensity:0.00} {(b.Heading > 0 ? "H" + b.Heading : "  ")} {text}{(b.Chrome >= 0 ? "   [chrome " + dom.Nodes[b.Chrome].Tag + ": " + dom.Nodes[b.Chrome].ChromeWhy + "]" : "")}{(b.Caption >= 0 ? "   [caption]" : "")}");
            Console.WriteLine($"            {string.Join(" < ", path)}");
        }
        return 0;
    }

    /// <summary>Runs the HTML extractor over a folder of pages, times it and writes the predictions file.</summary>
    private static int Extraction(string[] args)
    {
        if (args.Length < 2) return Usage("extraction needs <htmlDir> <out.json>");
        string dir = args[0], outPath = args[1];
        int repeat = 1;
        string? verbose = null;
        for (int i = 2; i < args.Length; i++)
        {
            if (args[i] == "--repeat" && i + 1 < args.Length) repeat = Math.Max(1, int.Parse(args[++i]));
            else if (args[i] == "--verbose" && i + 1 < args.Length) verbose = args[++i];
        }
        var files = Directory.GetFiles(dir, "*.html").OrderBy(f => f, StringComparer.Ordinal).ToArray();
        if (files.Length == 0) return Usage($"no .html files in {dir}");

        // Read and decode outside the timed loop, then time extraction alone (decoding is timed separately).
        var raw = files.Select(File.ReadAllBytes).ToArray();
        var swDecode = Stopwatch.StartNew();
        var pages = new string[files.Length];
        for (int i = 0; i < files.Length; i++)
        {
            var w = new List<string>();
            pages[i] = HtmlDecoder.Decode(raw[i], null, out _, w);
        }
        swDecode.Stop();
        long bytes = raw.Sum(r => (long)r.Length);

        // Warm-up pass (JIT), not timed.
        foreach (var p in pages.Take(Math.Min(5, pages.Length))) HtmlArticleExtractor.Extract(p);

        var predictions = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var sw = new Stopwatch();
        int notArticles = 0;
        for (int r = 0; r < repeat; r++)
        {
            for (int i = 0; i < files.Length; i++)
            {
                string id = Path.GetFileNameWithoutExtension(files[i]);
                sw.Start();
                var result = HtmlArticleExtractor.Extract(pages[i]);
                sw.Stop();
                if (r > 0) continue;
                predictions[id] = result.Article?.Body ?? "";
                if (!result.IsArticle)
                {
                    notArticles++;
                    Console.Error.WriteLine($"{id}: not an article: {result.NotArticleReason}");
                }
                if (verbose != null && id.StartsWith(verbose, StringComparison.Ordinal))
                {
                    foreach (var d in result.Decisions) Console.Error.WriteLine("  " + d);
                    if (result.Article is { } a)
                    {
                        Console.Error.WriteLine($"  Title={a.Title}\n  Published={a.Published:O}\n  Updated={a.Updated:O}\n  Authors={a.Authors}\n  Agency={a.Agency}\n  Outlet={a.Outlet}\n  Language={a.Language}\n  Standfirst={a.Standfirst}\n  Sources={a.Sources}");
                        Console.Error.WriteLine("  Captions=" + a.Captions);
                    }
                }
            }
        }
        double seconds = sw.Elapsed.TotalSeconds / repeat;
        Console.WriteLine($"pages: {files.Length} ({bytes / 1048576.0:0.0} MB), not articles: {notArticles}");
        Console.WriteLine($"decode: {swDecode.Elapsed.TotalMilliseconds:0} ms");
        Console.WriteLine($"extract: {seconds * 1000:0} ms per pass over {repeat} pass(es), single thread: " +
                          $"{files.Length / seconds:0.0} pages/s, {bytes / 1048576.0 / seconds:0.0} MB/s");

        var json = JsonSerializer.Serialize(predictions, new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        File.WriteAllText(outPath, json, new UTF8Encoding(false));
        Console.WriteLine($"predictions written to {outPath}");
        return 0;
    }
}
