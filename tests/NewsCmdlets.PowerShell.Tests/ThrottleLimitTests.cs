using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text;
using static NewsCmdlets.PowerShell.Tests.PowerShellRunner;

namespace NewsCmdlets.PowerShell.Tests;

/// <summary>
/// -ThrottleLimit on Import-NewsArticle (parsing), Get-NewsEntity, Get-NewsQuote and Compare-NewsCoverage: the work
/// runs on several threads, and what a user sees (output, its order, errors and their targets, Ctrl+C) is what one
/// thread gives.
/// </summary>
public sealed class ThrottleLimitTests() : TempFolderTest("newscmdlets-throttle-")
{

    private static readonly string[] People = { "Ada Fenwick", "Jonas Pell", "Maren Osk", "Tobias Wray", "Ilse Varga", "Corin Dahl" };
    private static readonly string[] Places = { "Brinmoor", "Quellen Bay", "Ostray", "Harrowgate Point" };

    /// <summary>An invented article long enough to take far longer to parse and analyse than a short one.</summary>
    private static string LongArticle(string headline, int paragraphs)
    {
        var sb = new StringBuilder($"date 2026-02-03 {headline}\n\n");
        for (int i = 0; i < paragraphs; i++)
        {
            string who = People[i % People.Length], where = Places[i % Places.Length];
            sb.Append($"\"We counted {100 + i} crossings this week,\" {who} of the {where} Harbour Board said on Tuesday. ")
              .Append($"The board met in {where} and agreed to spend {20 + i % 50} million on {i % 7 + 2} new berths, officials said.\n\n");
        }
        return sb.ToString();
    }

    private static string ShortArticle(int i) =>
        $"date 2026-02-03 Ferry note {i}\n\n\"The {i} o'clock crossing will run,\" {People[i % People.Length]} said in {Places[i % Places.Length]} on Monday.\n";

    private static string Samples => Quote(Path.Combine(Repo.Samples, "*")) + ", " + Quote(Path.Combine(Repo.Samples, "more-stories", "*"));

    [Theory]
    [InlineData("Import-NewsArticle {samples} -ThrottleLimit {n}")]
    [InlineData("$a | Get-NewsEntity -ThrottleLimit {n}")]
    [InlineData("$a | Get-NewsEntity -IncludeMentions -ThrottleLimit {n}")]
    [InlineData("$a | Get-NewsEntity -Scope Corpus -ThrottleLimit {n}")]
    [InlineData("Get-NewsEntity -Text $a.Body -ThrottleLimit {n}")]
    [InlineData("Get-NewsEntity -Path {samples} -ThrottleLimit {n}")]
    [InlineData("$a | Get-NewsQuote -ThrottleLimit {n}")]
    [InlineData("$a | Get-NewsQuote -Attribution -ThrottleLimit {n}")]
    [InlineData("Get-NewsQuote -Text $a.Body -ThrottleLimit {n}")]
    [InlineData("$a | Compare-NewsCoverage -MinimumOutlets 1 -ThrottleLimit {n}")]
    [InlineData("$a | Compare-NewsCoverage -MinimumOutlets 1 -Summary -ThrottleLimit {n}")]
    [InlineData("$a | Group-NewsArticle | Compare-NewsCoverage -Matrix -ThrottleLimit {n}")]
    public void Output_on_several_threads_is_the_output_of_one(string command)
    {
        // The samples three times over (copies are different inputs to the analyses), so threads have work to share.
        string setup = $"$a = Import-NewsArticle {Samples} -ThrottleLimit 1; $a = $a + $a + $a; ";
        RunResult RunWith(int n) => Run(setup + command.Replace("{samples}", Samples).Replace("{n}", n.ToString()) +
                                        " | ConvertTo-Json -Depth 4 -Compress");
        var one = RunWith(1);
        var four = RunWith(4);
        Assert.Empty(one.Errors);
        Assert.Null(one.Terminating);
        Assert.NotEmpty(one.Output);
        Assert.Equal(one.Output.Select(o => o.ToString()), four.Output.Select(o => o.ToString()));
        Assert.Equal(one.Warnings.Select(w => w.Message), four.Warnings.Select(w => w.Message));
        Assert.Empty(four.Errors);
    }

    [Fact]
    public void Import_writes_articles_and_errors_in_input_order_with_a_slow_first_file()
    {
        var inputs = new List<string> { Write("long.txt", LongArticle("Harbour board counts the crossings", 6000)) };
        for (int i = 0; i < 12; i++) inputs.Add(Write($"note{i:00}.txt", ShortArticle(i)));
        inputs.Insert(3, Write("empty.txt", ""));
        inputs.Insert(6, Write("image.txt", "\u0089PNG\r\n\u001a\n" + new string('\0', 64)));
        inputs.Insert(9, Path.Combine(Dir, "missing.txt"));
        var r = Run("Import-NewsArticle -Path $inputs -ThrottleLimit 4 2>&1 | ForEach-Object { " +
                    "if ($_ -is [System.Management.Automation.ErrorRecord]) { 'error ' + $_.FullyQualifiedErrorId.Split(',')[0] + ' ' + $_.TargetObject } " +
                    "else { 'article ' + $_.Source } }",
            variables: new Dictionary<string, object?> { ["inputs"] = inputs.ToArray() });
        Assert.Null(r.Terminating);
        var expected = inputs.Select(p => Path.GetFileName(p) switch
        {
            "empty.txt" => "error EmptyFile " + p,
            "image.txt" => "error BinaryFile " + p,
            "missing.txt" => "error PathNotFound " + p,
            _ => "article " + p,
        });
        Assert.Equal(expected, r.Output.Select(o => o.ToString()));
    }

    [Theory]
    [InlineData("Get-NewsEntity", "ArticleId")]
    [InlineData("Get-NewsQuote", "ArticleId")]
    public void Analyses_keep_input_order_with_a_slow_first_text(string cmdlet, string idProperty)
    {
        var texts = new List<string> { LongArticle("Long", 1500) };
        for (int i = 0; i < 20; i++) texts.Add(ShortArticle(i));
        var r = Run($"{cmdlet} -Text $texts -ThrottleLimit 4 | ForEach-Object {idProperty} | Get-Unique",
            variables: new Dictionary<string, object?> { ["texts"] = texts.ToArray() });
        Assert.Empty(r.Errors);
        Assert.Equal(Enumerable.Range(1, texts.Count).Select(i => "text" + i), r.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void Analyses_of_files_write_reading_errors_in_input_order_with_their_file()
    {
        string first = Write("first.txt", LongArticle("Harbour board counts the crossings", 1500));
        string empty = Write("empty.txt", "");
        string last = Write("last.txt", ShortArticle(1));
        string missing = Path.Combine(Dir, "missing.txt");
        foreach (var cmdlet in new[] { "Get-NewsEntity", "Get-NewsQuote" })
        {
            var r = Run($"{cmdlet} -Path $inputs -ThrottleLimit 4 2>&1 | ForEach-Object {{ " +
                        "if ($_ -is [System.Management.Automation.ErrorRecord]) { 'error ' + $_.FullyQualifiedErrorId.Split(',')[0] + ' ' + $_.TargetObject } " +
                        "else { 'from ' + $_.ArticleId } } | Get-Unique",
                variables: new Dictionary<string, object?> { ["inputs"] = new[] { first, empty, missing, last } });
            var lines = r.Output.Select(o => o.ToString()).ToList();
            Assert.Equal(4, lines.Count);
            Assert.StartsWith("from ", lines[0]);
            Assert.Equal("error EmptyFile " + empty, lines[1]);
            Assert.Equal("error PathNotFound " + missing, lines[2]);
            Assert.StartsWith("from ", lines[3]);
            Assert.NotEqual(lines[0], lines[3]);
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("-2147483648")]
    public void A_throttle_limit_below_one_is_refused(string limit)
    {
        string report = Path.Combine(Dir, "report.md");
        foreach (var cmdlet in new[]
                 {
                     "Import-NewsArticle -Path x", "Get-NewsEntity -Text x", "Get-NewsQuote -Text x", "Compare-NewsCoverage -InputObject $a",
                     $"Export-NewsCoverageReport -InputObject $a -Path {Quote(report)}",
                 })
        {
            var r = Run($"$a = Import-NewsArticle {Samples}; {cmdlet} -ThrottleLimit {limit}");
            var error = r.Terminating ?? Assert.Single(r.Errors);
            Assert.StartsWith("ParameterArgumentValidationError,", error.FullyQualifiedErrorId);
            Assert.Empty(r.Output);
        }
        Assert.False(File.Exists(report), "the report was written although -ThrottleLimit was refused");
    }

    /// <summary>
    /// Select-Object -First ends an endless stream as soon as it has its objects: the workers still busy on the
    /// inputs after them are stopped and disposed with the pipeline, which returns what was selected.
    /// </summary>
    [Theory]
    [InlineData("& { while ($true) { $article } } | Get-NewsEntity -ThrottleLimit 2")]
    [InlineData("& { while ($true) { $article } } | Get-NewsQuote -ThrottleLimit 2")]
    [InlineData("& { while ($true) { $story } } | Compare-NewsCoverage -ThrottleLimit 2")]
    [InlineData("& { while ($true) { $file } } | Import-NewsArticle -ThrottleLimit 2")]
    public void Select_First_ends_endless_work_on_several_threads(string pipeline)
    {
        var (runspace, ps) = EndlessPipeline("@(" + pipeline + " | Select-Object -First 7).Count");
        using var _ = runspace;
        using var __ = ps;
        var result = ps.BeginInvoke();
        Assert.True(result.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(120)), "Select-Object -First 7 did not end the pipeline within 120 s");
        var output = ps.EndInvoke(result);
        Assert.Empty(ps.Streams.Error);
        Assert.Equal(7, Assert.Single(output).BaseObject);
    }

    /// <summary>
    /// Streaming: the cmdlet takes the next input only while few are in flight, so memory follows -ThrottleLimit, not
    /// the corpus. Each output is matched to the input it came from; when it reaches the next command, the inputs
    /// produced upstream so far may run ahead of it by at most the window (4 items a thread, up to 32 a thread for items
    /// that take well under a millisecond, as short files may) and the one being added. Without the bound the cheap
    /// producer would run all 240 inputs ahead of the slower analysis.
    /// </summary>
    [Theory]
    [InlineData("Get-NewsEntity", "$_.ArticleId")]
    [InlineData("Get-NewsQuote", "$_.ArticleId")]
    [InlineData("Import-NewsArticle", "$_.Source")]
    public void Inputs_run_ahead_of_the_output_by_the_items_in_flight_only(string cmdlet, string key)
    {
        const int count = 240, threads = 2;
        var files = Enumerable.Range(0, count).Select(i => Write($"a{i:000}.txt", LongArticle($"Harbour board note {i}", 40 + i % 5))).ToArray();
        var r = Run("$a = Import-NewsArticle -LiteralPath $files -ThrottleLimit 1; " +
                    "$inputs = if ('" + cmdlet + "' -eq 'Import-NewsArticle') { $files } else { $a }; " +
                    "$index = @{}; for ($i = 0; $i -lt $count; $i++) { $index[$(if ('" + cmdlet + "' -eq 'Import-NewsArticle') { $files[$i] } else { $a[$i].Id })] = $i + 1 }; " +
                    "$produced = 0; $most = 0; $seen = 0; " +
                    "& { foreach ($x in $inputs) { $script:produced++; $x } } | " + cmdlet + " -ThrottleLimit " + threads + " | ForEach-Object { " +
                    "$seen++; $ahead = $produced - $index[" + key + "]; if ($ahead -gt $most) { $most = $ahead } }; " +
                    "$seen; $most; $produced",
            variables: new Dictionary<string, object?> { ["files"] = files, ["count"] = count });
        Assert.Empty(r.Errors);
        Assert.Null(r.Terminating);
        var figures = r.Output.Select(o => Convert.ToInt32(o.BaseObject, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(3, figures.Length);
        Assert.Equal(count, figures[2]);
        Assert.True(figures[0] >= count, $"{figures[0]} outputs for {count} inputs");
        Assert.InRange(figures[1], 0, 32 * threads + 1);
    }

    /// <summary>
    /// An endless stream of inputs: output arrives while the input has no end (the work streams, it does not collect
    /// the corpus), and Ctrl+C (PowerShell.Stop) ends the pipeline promptly with work running on the other threads.
    /// </summary>
    [Theory]
    [InlineData("& { while ($true) { $article } } | Get-NewsEntity -ThrottleLimit 2")]
    [InlineData("& { while ($true) { $article } } | Get-NewsQuote -ThrottleLimit 2")]
    [InlineData("& { while ($true) { $story } } | Compare-NewsCoverage -ThrottleLimit 2")]
    [InlineData("& { while ($true) { $file } } | Import-NewsArticle -ThrottleLimit 2")]
    public void Stop_ends_endless_work_on_several_threads_promptly(string pipeline)
    {
        var (runspace, ps) = EndlessPipeline(pipeline + " | ForEach-Object -Begin { $i = 0 } -Process { if (++$i -eq 20) { $twenty.Set() } }");
        using var _ = runspace;
        using var __ = ps;
        var twenty = new ManualResetEventSlim();
        runspace.SessionStateProxy.SetVariable("twenty", twenty);
        var run = new Thread(() => { try { ps.Invoke(); } catch (PipelineStoppedException) { } });
        run.Start();
        // (Do not enumerate ps.Streams here: a PSDataCollection's enumerator blocks while the pipeline runs.)
        Assert.True(twenty.Wait(TimeSpan.FromSeconds(120)), "no output arrived within 120 s while the input went on");
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        ps.Stop();
        Assert.True(run.Join(TimeSpan.FromSeconds(10)), "the pipeline did not stop");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"Stop took {stopwatch.Elapsed}");
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
    }

    /// <summary>
    /// A pipeline ready to run on its own runspace, the module imported: <paramref name="script"/> may use $file (a long
    /// article's file), $article (it imported) and $story (it grouped) to make endless streams.
    /// </summary>
    private (Runspace Runspace, System.Management.Automation.PowerShell PowerShell) EndlessPipeline(string script)
    {
        string file = Write("long.txt", LongArticle("Harbour board counts the crossings", 400));
        var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddScript("Import-Module $args[0] -ErrorAction Stop; $file = $args[1]; $article = Import-NewsArticle $file; " +
                     "$story = Import-NewsArticle $file | Group-NewsArticle; " + script)
          .AddArgument(Repo.RootManifest).AddArgument(file);
        return (runspace, ps);
    }
}
