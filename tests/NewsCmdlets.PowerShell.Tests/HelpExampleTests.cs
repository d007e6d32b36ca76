using System.Management.Automation;
using System.Management.Automation.Language;
using System.Text;
using System.Text.RegularExpressions;
using static NewsCmdlets.PowerShell.Tests.PowerShellRunner;

namespace NewsCmdlets.PowerShell.Tests;

/// <summary>
/// Issue 10: every example in the help is run, so none rots. One case per "### Example N" of docs/en-US/*.md and per
/// ```powershell block of the about_* topics. Each runs in a fresh runspace with the module imported from the root
/// manifest, on the real PowerShell (Microsoft.PowerShell.SDK: Select-Object, Export-Csv, Get-ChildItem, Get-Date are
/// the real ones), in a temporary folder laid out like a user's:
/// ./samples (a copy of the repository's samples, so files the examples write do not land in the shared checkout),
/// ./feeds, ./corpus, ./archive, ./inbox, ./shortlist.csv (Ids of cached articles), and a session cache (./news-cache.db) and a project cache
/// (./ferry-strike.db) holding the samples. Invoke-Item hands files to a recording xdg-open (<see cref="FakeDesktop"/>),
/// so no browser opens.
/// The example must write no error and throw nothing; when the help shows output, the first rows' values must appear
/// in what the example displayed; CSV files it writes must have rows and no type names in any cell.
/// </summary>
public sealed class HelpExampleTests
{
    public sealed record HelpExample(string Key, string File, string Code, IReadOnlyList<string> Output);

    /// <summary>Examples that cannot run here, and why. Every key must still name an example (checked below).</summary>
    private static readonly Dictionary<string, string> NotRun = new()
    {
        ["Get-NewsFeed Example 1"] = "reads https://harbourcourier.example/feed.xml, an invented site (feeds over HTTP: GetNewsFeedTests, on the loopback server)",
        ["Get-NewsFeed Example 2"] = "reads two feeds on invented https sites and downloads their pages",
        ["Get-NewsFeed Example 5"] = "reads https://harbourcourier.example/feed.xml, an invented site",
        ["Get-NewsFeed Example 6"] = "reads feeds from a user's ./outlets.csv of web addresses (binding by FeedUrl: GetNewsFeedTests)",
        ["Get-NewsFeed Example 7"] = "needs an https server that answers 304 to the second poll (conditional requests: CacheTests, on the loopback server)",
        ["Import-NewsArticle Example 11"] = "downloads pages from https://news.example, an invented site (ImportNewsArticleUriTests covers -Uri on the loopback server)",
        ["Import-NewsArticle Example 12"] = "downloads pages from https://news.example and shows its 404 (ImportNewsArticleUriTests covers HttpError)",
        ["Import-NewsArticle Example 13"] = "downloads a feed and its pages from https://harbourcourier.example, an invented site",
        ["Copy-NewsCache Example 3"] = "needs a PostgreSQL server named by a user's environment variable (PostgresCacheTests and CacheCmdletTestsOnPostgres copy to and from the test server)",
        ["Set-NewsCacheConfiguration Example 4"] = "connects to a team's PostgreSQL server, db.example (PostgresCacheTests run the same against the test server)",
        ["Set-NewsCacheConfiguration Example 5"] = "reads a SecretManagement vault the test machine does not have (PostgresCacheTests stand in for Get-Secret)",
        ["Export-NewsCoverageReport Example 4"] = "runs chromium to take a screenshot (CoverageReportTests renders the report in headless Chromium; the first line is Example 1)",
    };

    /// <summary>Examples that run, but whose shown output belongs to another machine: only "it shows something" is checked.</summary>
    private static readonly Dictionary<string, string> OutputNotCompared = new()
    {
        ["Copy-NewsCache Example 1"] = "shows a user's default cache path; the test's session cache is in its scratch folder",
        ["Get-NewsCacheInfo Example 1"] = "shows a user's cache of 10,214 articles; the test's cache holds the seven samples",
    };

    private static readonly Lazy<IReadOnlyDictionary<string, HelpExample>> s_all = new(Load);

    public static TheoryData<string> Runnable()
    {
        var data = new TheoryData<string>();
        foreach (var key in s_all.Value.Keys.Where(k => !NotRun.ContainsKey(k))) data.Add(key);
        return data;
    }

    [Fact]
    public void Every_cmdlet_help_has_examples_and_every_exception_still_names_one()
    {
        var all = s_all.Value;
        foreach (var md in Directory.GetFiles(Path.Combine(Repo.Root, "docs", "en-US"), "*.md"))
        {
            string name = Path.GetFileNameWithoutExtension(md);
            Assert.True(all.Keys.Any(k => k.StartsWith(name + " ", StringComparison.Ordinal)), $"No example or code block found in {name}.md");
        }
        Assert.True(all.Count >= 60, $"Only {all.Count} examples found: is the parser still reading the help?");
        foreach (var key in NotRun.Keys.Concat(OutputNotCompared.Keys))
            Assert.True(all.ContainsKey(key), $"The exception for '{key}' names no example any more: remove or update it.");
    }

    [Fact]
    public void Example_code_holds_commands_only_no_prompts_or_output()
    {
        // Get-Help shows an example's code as it is: a "PS> " prompt or a table of output in it cannot be pasted.
        foreach (var ex in s_all.Value.Values)
        {
            Assert.False(Regex.IsMatch(ex.Code, @"^\s*PS[^>\n]*>", RegexOptions.Multiline), $"{ex.Key} ({ex.File}) has a prompt in its code:\n{ex.Code}");
            Parser.ParseInput(ex.Code, out _, out var errors);
            Assert.True(errors.Length == 0, $"{ex.Key} ({ex.File}) does not parse: {string.Join("; ", errors.Select(e => e.Message))}\n{ex.Code}");
        }
        var quote = s_all.Value["Get-NewsQuote Example 1"];
        Assert.Equal("Import-NewsArticle ./samples/harbour-courier-ferry-strike.txt | Get-NewsQuote", quote.Code.Trim());
        Assert.StartsWith("Indirect Brightwater Lines", Regex.Replace(DataRows(quote.Output)[0], @"\s+", " "));
    }

    [Theory]
    [MemberData(nameof(Runnable))]
    public void Help_example_runs(string key)
    {
        var ex = s_all.Value[key];
        string dir = Directory.CreateTempSubdirectory("newscmdlets-example-").FullName;
        try
        {
            PrepareFolder(dir);
            var before = Directory.GetFiles(dir, "*.csv", SearchOption.AllDirectories).ToHashSet();
            var r = Run(Script(ex.Code, dir));
            string Why() => $"{key} ({ex.File}):\n{ex.Code}\n--- displayed ---\n{r.Host}";

            Assert.True(r.Terminating == null, $"{Why()}\n--- terminating error ---\n{r.Terminating}");
            Assert.True(r.Errors.Count == 0, $"{Why()}\n--- errors ---\n{string.Join("\n", r.Errors.Select(e => e.FullyQualifiedErrorId + ": " + e))}");

            string shown = Collapse(r.Host + "\n" + string.Join("\n", r.Verbose.Select(v => "VERBOSE: " + v.Message))
                                    + "\n" + string.Join("\n", r.Warnings.Select(w => "WARNING: " + w.Message)));
            if (ex.Output.Count > 0)
            {
                Assert.False(string.IsNullOrWhiteSpace(shown), $"{Why()}\nThe help shows output, the example displayed nothing.");
                if (!OutputNotCompared.ContainsKey(key))
                    foreach (var row in DataRows(ex.Output).Take(3))
                        foreach (var cell in Cells(row))
                            Assert.True(shown.Contains(cell, StringComparison.Ordinal),
                                $"{Why()}\nThe help shows '{row.Trim()}', but '{cell}' was not displayed.");
            }

            if (ex.Code.Contains("Export-Csv", StringComparison.Ordinal))
            {
                var written = Directory.GetFiles(dir, "*.csv", SearchOption.AllDirectories).Where(f => !before.Contains(f) && Path.GetFileName(f) != "shortlist.csv").ToList();
                Assert.True(written.Count > 0, $"{Why()}\nThe example exports a CSV file, but none was written.");
                foreach (var csv in written)
                {
                    var lines = File.ReadAllLines(csv);
                    Assert.True(lines.Length >= 2, $"{Why()}\n{Path.GetFileName(csv)} has no rows.");
                    foreach (Match m in Regex.Matches(string.Join("\n", lines), "(?:^|,)\"(?<v>(?:System|NewsCmdlets)\\.[A-Za-z.`\\[\\]0-9]*)\"", RegexOptions.Multiline))
                        Assert.Fail($"{Why()}\n{Path.GetFileName(csv)} has a cell holding a type name: {m.Groups["v"].Value}");
                }
            }
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    // ---- running ----------------------------------------------------------------------------------------------------

    private static string Script(string code, string dir)
    {
        // The runner has imported the module from the root manifest; it is not installed on PSModulePath here, so an
        // example's "Import-Module NewsCmdlets" is checked to have happened instead of being repeated.
        code = Regex.Replace(code, @"^\s*Import-Module NewsCmdlets\s*$",
            "if (-not (Get-Module NewsCmdlets)) { throw 'NewsCmdlets is not imported' }", RegexOptions.Multiline);
        return $$"""
            $null = $ExecutionContext.SessionState.Path.SetLocation({{Quote(dir)}})
            Set-NewsCacheConfiguration -CachePath ./ferry-strike.db
            Import-NewsArticle ./samples/*, ./samples/more-stories/* -Cache | Out-Null
            Set-NewsCacheConfiguration -CachePath ./news-cache.db
            Import-NewsArticle ./samples/*, ./samples/more-stories/* -Cache | Out-Null
            Get-NewsArticle -Outlet 'The Harbour Courier' | Select-Object Id, Title | Export-Csv ./shortlist.csv -NoTypeInformation
            & {
            {{code}}
            } | Out-Default
            """;
    }

    /// <summary>What a user of the examples has in the current folder.</summary>
    internal static void PrepareFolder(string dir)
    {
        CopyDir(Repo.Samples, Path.Combine(dir, "samples"));
        Directory.CreateDirectory(Path.Combine(dir, "archive"));
        Directory.CreateDirectory(Path.Combine(dir, "inbox"));
        foreach (var f in Directory.GetFiles(Repo.Samples, "*.txt"))
        {
            File.Copy(f, Path.Combine(dir, "archive", Path.GetFileName(f)));
            File.Copy(f, Path.Combine(dir, "inbox", Path.GetFileName(f)));
        }
        File.WriteAllText(Path.Combine(dir, "inbox", "notes.txt"), "   \n"); // an empty file: EmptyFile
        Directory.CreateDirectory(Path.Combine(dir, "corpus"));
        File.Copy(Path.Combine(Repo.Samples, "island-gazette-ferry-strike.html"), Path.Combine(dir, "corpus", "island-gazette-ferry-strike.html"));
        Directory.CreateDirectory(Path.Combine(dir, "feeds"));
        File.Copy(CourierFeedFile, Path.Combine(dir, "feeds", "harbour-courier.xml"));
    }

    private static void CopyDir(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.GetFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
        foreach (var d in Directory.GetDirectories(from)) CopyDir(d, Path.Combine(to, Path.GetFileName(d)));
    }

    /// <summary>The Harbour Courier's feed as a user would have saved it: two stories, each with its full text
    /// (also the Pester tests' ./feeds).</summary>
    internal static string CourierFeedFile => Path.Combine(Repo.Root, "tests", "Fixtures", "harbour-courier-feed.xml");

    // ---- reading the help -------------------------------------------------------------------------------------------

    private static IReadOnlyDictionary<string, HelpExample> Load()
    {
        var all = new Dictionary<string, HelpExample>(StringComparer.Ordinal);
        foreach (var md in Directory.GetFiles(Path.Combine(Repo.Root, "docs", "en-US"), "*.md").OrderBy(f => f, StringComparer.Ordinal))
        {
            string name = Path.GetFileNameWithoutExtension(md);
            var lines = File.ReadAllLines(md);
            bool about = name.StartsWith("about_", StringComparison.OrdinalIgnoreCase);
            string? current = null;
            var code = new StringBuilder();
            var output = new List<string>();
            bool inExamples = false;
            int block = 0;

            void Finish()
            {
                if (current != null && code.Length > 0) all[current] = new HelpExample(current, Path.GetFileName(md), code.ToString(), output.ToList());
                current = null; code.Clear(); output.Clear();
            }

            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i];
                if (!about && line.StartsWith("## ", StringComparison.Ordinal))
                {
                    Finish();
                    inExamples = line.Trim() == "## EXAMPLES";
                    continue;
                }
                if (!about && inExamples && line.StartsWith("### ", StringComparison.Ordinal))
                {
                    Finish();
                    var m = Regex.Match(line, @"^###\s+Example\s+(\d+)");
                    if (m.Success) current = $"{name} Example {m.Groups[1].Value}";
                    continue;
                }
                if (!line.StartsWith("```", StringComparison.Ordinal)) continue;

                string info = line[3..].Trim();
                var body = new List<string>();
                for (i++; i < lines.Length && !lines[i].StartsWith("```", StringComparison.Ordinal); i++) body.Add(lines[i]);
                bool isCode = info is "powershell" or "ps" or "pwsh" or "ps1" or "posh";
                if (about)
                {
                    if (!isCode) continue;
                    current = $"{name} block {++block}";
                    foreach (var l in body) code.AppendLine(l);
                    Finish();
                }
                else if (inExamples && current != null)
                {
                    if (isCode) foreach (var l in body) code.AppendLine(l);
                    else output.AddRange(body); // ```output
                }
            }
            Finish();
        }
        return all;
    }

    // ---- comparing shown output -------------------------------------------------------------------------------------

    /// <summary>The lines of shown output that hold values: not blank, not a table header or its dashes, not "...".</summary>
    internal static List<string> DataRows(IReadOnlyList<string> output)
    {
        var rows = new List<string>();
        for (int i = 0; i < output.Count; i++)
        {
            string t = output[i].Trim();
            if (t.Length == 0 || t is "..." or "…" || Regex.IsMatch(t, @"^[-\s]+$")) continue;
            if (i + 1 < output.Count && Regex.IsMatch(output[i + 1].Trim(), @"^-[-\s]*$") && output[i + 1].Trim().Length > 0) continue; // header
            rows.Add(output[i]);
        }
        return rows;
    }

    /// <summary>
    /// A row's values: "Name : Value" for list lines, else the columns (two or more spaces apart). Each is cut before
    /// the first absolute path (another machine's), and a value the table shortened with "…" keeps its first words.
    /// </summary>
    internal static IEnumerable<string> Cells(string row)
    {
        var list = Regex.Match(row, @"^\s*([A-Za-z][A-Za-z ]*?)\s+:\s(.*)$");
        IEnumerable<string> cells = list.Success ? new[] { list.Groups[1].Value, list.Groups[2].Value } : Regex.Split(row.Trim(), @"\s{2,}");
        foreach (var c in cells)
        {
            var words = new List<string>();
            foreach (var w in c.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (Regex.IsMatch(w, @"^[(""']*(/|~|[A-Za-z]:\\)")) break;
                words.Add(w);
            }
            if (c.TrimEnd().EndsWith('…') || c.TrimEnd().EndsWith("...", StringComparison.Ordinal))
                words = words.Take(Math.Min(3, Math.Max(0, words.Count - 1))).ToList();
            string cell = Collapse(string.Join(' ', words));
            if (cell.Length > 0) yield return cell;
        }
    }

    private static string Collapse(string s) => Regex.Replace(s, @"\s+", " ").Trim();
}
