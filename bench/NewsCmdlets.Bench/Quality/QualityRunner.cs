using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NewsCmdlets.Bench.Harness;

namespace NewsCmdlets.Bench.Quality;

/// <summary>
/// `bench/run --quality`: every analysis of the module run as a user runs it (the built module imported in pwsh, the
/// cmdlets piped together) over the third-party data in ../shared/eval, scored by each folder's own scorer, in one
/// table (bench/QUALITY.md, bench/results/quality.json).
/// </summary>
public static class QualityRunner
{
    public const string PwshVersion = "7.6.10";

    /// <summary>Data sets in the order of the table; each returns its rows (or throws, which becomes a row saying so).</summary>
    private static readonly (string Name, string Folder, Func<QualityContext, List<QualityRow>> Run)[] Datasets =
    {
        ("stories", "stories", StoriesQuality.Run),
        ("coverage", "coverage", CoverageQuality.Run),
        ("quotes", "quotes", QuotesQuality.Run),
        ("extraction", "extraction", ExtractionQuality.RunScrapingHub),
        ("extraction-snippets", "extraction-snippets", ExtractionQuality.RunSnippets),
        ("entities", "ner", NerQuality.Run),
    };

    public static int Run(string[] args)
    {
        var opts = Options(args);
        string repo = Path.GetFullPath(opts.GetValueOrDefault("repo") ?? Runner.FindRepoRoot());
        string eval = Path.GetFullPath(opts.GetValueOrDefault("eval") ?? Path.Combine(repo, "..", "shared", "eval"));
        var only = opts.TryGetValue("only", out var o) ? o.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet() : null;
        bool partial = only != null;
        string md = opts.GetValueOrDefault("markdown") ?? Path.Combine(repo, "bench", partial ? ".scratch/quality/QUALITY.md" : "QUALITY.md");
        string json = opts.GetValueOrDefault("json") ?? Path.Combine(repo, "bench", partial ? ".scratch/quality/quality.json" : "results/quality.json");

        var total = Stopwatch.StartNew();
        var ctx = new QualityContext(repo, eval, Path.Combine(repo, "bench", ".scratch", "quality"));
        Console.WriteLine($"quality: module {ctx.Module}, data {eval}");
        var report = new QualityReport
        {
            Date = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
            Machine = Runner.MachineInfo(),
        };
        (report.Commit, report.Dirty) = Runner.GitState(repo);
        ctx.Prepare(report.Tools);

        foreach (var (name, folder, run) in Datasets)
        {
            if (only != null && !only.Contains(name)) continue;
            var sw = Stopwatch.StartNew();
            List<QualityRow> rows;
            if (!Directory.Exists(Path.Combine(eval, folder)))
                rows = new() { new QualityRow { Analysis = name, Dataset = folder + "/", Subset = "all", Note = $"not measured: no {Path.Combine(eval, folder)}" } };
            else if (ctx.Missing is string missing)
                rows = new() { new QualityRow { Analysis = name, Dataset = folder + "/", Subset = "all", Note = "not measured: " + missing } };
            else
            {
                try { rows = run(ctx); }
                catch (QualityException e)
                {
                    rows = new() { new QualityRow { Analysis = name, Dataset = folder + "/", Subset = "all", Note = "not measured: " + e.Message } };
                }
            }
            report.Sections.Add(new QualitySection { Name = name, Folder = folder, Seconds = Math.Round(sw.Elapsed.TotalSeconds, 1), Rows = rows });
            Console.WriteLine($"  {name}: {sw.Elapsed.TotalSeconds:0.0} s");
        }
        report.Seconds = Math.Round(total.Elapsed.TotalSeconds, 1);

        Directory.CreateDirectory(Path.GetDirectoryName(json)!);
        File.WriteAllText(json, JsonSerializer.Serialize(report, Runner.JsonOut));
        Directory.CreateDirectory(Path.GetDirectoryName(md)!);
        File.WriteAllText(md, report.Markdown());
        Console.WriteLine();
        Console.WriteLine(report.ConsoleTable());
        Console.WriteLine($"quality: {report.Seconds:0} s; wrote {Path.GetRelativePath(repo, md)} and {Path.GetRelativePath(repo, json)}");
        return report.Sections.SelectMany(s => s.Rows).Any(r => r.Note.StartsWith("not measured", StringComparison.Ordinal)) ? 1 : 0;
    }

    private static Dictionary<string, string> Options(string[] args)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) continue;
            string key = args[i][2..];
            d[key] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
        }
        return d;
    }
}

/// <summary>A data set that cannot be measured (a tool failed, a file is missing): the row says why.</summary>
public sealed class QualityException(string message) : Exception(message);

/// <summary>Paths and tools of one quality run.</summary>
public sealed class QualityContext(string repo, string eval, string scratch)
{
    public string Repo { get; } = repo;
    public string Eval { get; } = eval;
    public string Scratch { get; } = scratch;
    public string Module => Path.Combine(Repo, "NewsCmdlets.psd1");
    public string Scripts => Path.Combine(Repo, "bench", "quality");
    public string Pwsh { get; private set; } = "pwsh";
    public string Python { get; private set; } = "python3";
    /// <summary>Why nothing can be measured (no pwsh, no python3, the module not built), or null.</summary>
    public string? Missing { get; private set; }

    public string Work(string name)
    {
        string d = Path.Combine(Scratch, name);
        Directory.CreateDirectory(d);
        return d;
    }

    /// <summary>Finds (or installs) pwsh, checks python3 and the built module; records their versions.</summary>
    public void Prepare(SortedDictionary<string, string> tools)
    {
        Directory.CreateDirectory(Scratch);
        if (!File.Exists(Path.Combine(Repo, "bin", "NewsCmdlets.dll")))
        {
            Missing = "the module is not built (bin/NewsCmdlets.dll); bench/run --quality builds it, or run dotnet build src/NewsCmdlets -c Release";
            return;
        }
        Pwsh = FindPwsh(tools) ?? "";
        if (Pwsh.Length == 0) { Missing = "no pwsh: set NEWSCMDLETS_PWSH, put pwsh on PATH, or let the bench install it (dotnet tool install PowerShell --version " + QualityRunner.PwshVersion + ")"; return; }
        try
        {
            var (e, so, se) = Measure.Run(Python, new[] { "--version" }, timeoutSeconds: 30);
            if (e != 0) throw new System.ComponentModel.Win32Exception(se);
            tools["python"] = (so + se).Trim();
        }
        catch (System.ComponentModel.Win32Exception) { Missing = "no python3 on PATH (the scorers need Python 3's standard library)"; }
    }

    private string? FindPwsh(SortedDictionary<string, string> tools)
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("NEWSCMDLETS_PWSH") is { Length: > 0 } env) candidates.Add(env);
        candidates.Add(Path.Combine(Scratch, "..", "tools", "pwsh", "pwsh"));
        candidates.Add("pwsh");
        candidates.Add(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "pwsh"));
        foreach (var c in candidates)
            if (Version(c) is string v) { tools["pwsh"] = $"{v} ({c})"; return c; }
        // Not found: install the pinned version from NuGet into bench/.scratch/tools (what CI and a clean clone do).
        string dir = Path.GetFullPath(Path.Combine(Scratch, "..", "tools", "pwsh"));
        Console.WriteLine($"quality: installing PowerShell {QualityRunner.PwshVersion} into {dir} (dotnet tool install)");
        Measure.Run("dotnet", new[] { "tool", "install", "PowerShell", "--version", QualityRunner.PwshVersion, "--tool-path", dir }, timeoutSeconds: 600);
        string installed = Path.Combine(dir, "pwsh");
        if (Version(installed) is string iv) { tools["pwsh"] = $"{iv} ({installed}, installed by the bench)"; return installed; }
        return null;
    }

    private static string? Version(string pwsh)
    {
        try
        {
            var (e, o, _) = Measure.Run(pwsh, new[] { "-NoProfile", "-NonInteractive", "-Command", "$PSVersionTable.PSVersion.ToString()" }, timeoutSeconds: 120);
            return e == 0 && o.Trim().Length > 0 ? o.Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception) { return null; }
    }

    /// <summary>Runs one of bench/quality/*.ps1 (or another script) with the module; throws with its errors when it fails.</summary>
    public void RunScript(string script, params string[] args)
    {
        string path = Path.IsPathRooted(script) ? script : Path.Combine(Scripts, script);
        var all = new List<string> { "-NoProfile", "-NonInteractive", "-File", path };
        all.AddRange(args);
        var env = new Dictionary<string, string> { ["POWERSHELL_TELEMETRY_OPTOUT"] = "1", ["POWERSHELL_UPDATECHECK"] = "Off" };
        var (exit, so, se) = Measure.Run(Pwsh, all, Repo, timeoutSeconds: 900, environment: env);
        if (exit != 0) throw new QualityException($"{Path.GetFileName(path)} exited {exit}: {Tail(se + so)}");
    }

    /// <summary>Runs a scorer of ../shared/eval with python3; returns its standard output.</summary>
    public string Score(string scorer, params string[] args)
    {
        var all = new List<string> { Path.Combine(Eval, scorer) };
        all.AddRange(args);
        var (exit, so, se) = Measure.Run(Python, all, Repo, timeoutSeconds: 600);
        if (exit != 0) throw new QualityException($"{scorer} exited {exit}: {Tail(se + so)}");
        return so;
    }

    private static string Tail(string s)
    {
        s = s.Trim();
        return s.Length > 600 ? "…" + s[^600..] : s;
    }

    public static void WriteJson(string path, object value) =>
        File.WriteAllText(path, JsonSerializer.Serialize(value, Runner.JsonOut));
}
