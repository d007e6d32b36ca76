using System.Diagnostics;
using System.Text.RegularExpressions;
using Xunit.Abstractions;
using static NewsCmdlets.PowerShell.Tests.PowerShellRunner;

namespace NewsCmdlets.PowerShell.Tests;

/// <summary>
/// Export-NewsCoverageReport through the real PowerShell engine on the samples (five reports of one ferry strike, two
/// of them the same agency wire story), and the written page rendered by headless Chromium.
/// </summary>
public sealed class CoverageReportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("newscmdlets-report-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static readonly string StrikeSamples = Quote(Path.Combine(Repo.Samples, "*"));

    private string ReportPath => Path.Combine(_dir, "r.html");

    private string WriteSampleReport(string extra = "")
    {
        var r = Run($"Import-NewsArticle {StrikeSamples} | Export-NewsCoverageReport -Path {Quote(ReportPath)} -AsOneStory {extra}");
        Assert.Null(r.Terminating);
        Assert.Empty(r.Errors);
        Assert.True(File.Exists(ReportPath), "the report was not written");
        return File.ReadAllText(ReportPath);
    }

    [Fact]
    public void Samples_make_one_self_contained_page_with_every_section()
    {
        string html = WriteSampleReport();
        Assert.StartsWith("<!DOCTYPE html>", html);
        foreach (var part in new[] { "outlets", "heatmap", "timeline", "conflicts", "quotes", "framing", "unique", "copies" })
            Assert.Contains($"id=\"story-1-{part}\"", html);
        foreach (var outlet in new[] { "The Metro Ledger", "Lakeside Daily", "Valley Evening Post", "Island Gazette", "Harbour Courier" })
            Assert.Contains(outlet, html);
        Assert.Contains("Brightwater Lines", html);
        Assert.Contains("<svg class=\"timeline\"", html);
        // The union's demand differs (9 percent in the agency copy, 12 percent in the Metro Ledger): a conflict row.
        var conflicts = Regex.Match(html, "id=\"story-1-conflicts\".*?</section>", RegexOptions.Singleline).Value;
        Assert.Contains("<tbody>", conflicts);
        Assert.Matches(@"\b12\b", conflicts);
        // No leftover temporary file beside the report.
        Assert.Equal(new[] { "r.html" }, Directory.GetFiles(_dir).Select(Path.GetFileName).ToArray());
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
        Assert.DoesNotContain("@import", html);
    }

    [Fact]
    public void WhatIf_writes_nothing()
    {
        var r = Run($"Import-NewsArticle {StrikeSamples} | Export-NewsCoverageReport {Quote(ReportPath)} -AsOneStory -WhatIf");
        Assert.Null(r.Terminating);
        Assert.Empty(r.Errors);
        Assert.Empty(Directory.GetFiles(_dir));
        Assert.Contains("What if", r.Host);
        Assert.Contains("r.html", r.Host);
    }

    [Fact]
    public void An_existing_file_is_kept_without_Force_and_replaced_with_it()
    {
        File.WriteAllText(ReportPath, "keep me");
        var r = Run($"Import-NewsArticle {StrikeSamples} | Export-NewsCoverageReport -Path {Quote(ReportPath)} -AsOneStory");
        var error = r.Terminating ?? Assert.Single(r.Errors);
        Assert.Equal("ReportExists", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains(ReportPath, error.Exception.Message);
        Assert.Equal("keep me", File.ReadAllText(ReportPath));

        var forced = Run($"Import-NewsArticle {StrikeSamples} | Export-NewsCoverageReport -Path {Quote(ReportPath)} -AsOneStory -Force -PassThru");
        Assert.Null(forced.Terminating);
        Assert.Empty(forced.Errors);
        var file = Assert.IsType<FileInfo>(forced.Single().BaseObject);
        Assert.Equal(ReportPath, file.FullName);
        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(ReportPath));
    }

    [Fact]
    public void Stories_from_Group_NewsArticle_and_a_relative_path_work()
    {
        var r = Run($"$ExecutionContext.SessionState.Path.SetLocation({Quote(_dir)}) | Out-Null; Import-NewsArticle {StrikeSamples} | Group-NewsArticle | Export-NewsCoverageReport stories.html -Title 'Week <1>' -PassThru | ForEach-Object Name");
        Assert.Null(r.Terminating);
        Assert.Empty(r.Errors);
        Assert.Equal("stories.html", r.Single().ToString());
        string html = File.ReadAllText(Path.Combine(_dir, "stories.html"));
        Assert.Contains("<title>Week &lt;1&gt;</title>", html);
    }

    [Fact]
    public void Nothing_to_report_is_an_error_and_no_file()
    {
        // One article: one outlet, fewer than the default -MinimumOutlets 2 once grouped.
        var one = Quote(Path.Combine(Repo.Samples, "metro-ledger-ferry-strike.txt"));
        var r = Run($"Import-NewsArticle {one} | Export-NewsCoverageReport -Path {Quote(ReportPath)}");
        var error = Assert.Single(r.Errors);
        Assert.Equal("NothingToReport", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("-AsOneStory", error.Exception.Message);
        Assert.False(File.Exists(ReportPath));
    }

    [Fact]
    public void A_missing_folder_is_a_terminating_error()
    {
        var path = Path.Combine(_dir, "no-such-folder", "r.html");
        var r = Run($"Import-NewsArticle {StrikeSamples} | Export-NewsCoverageReport -Path {Quote(path)} -AsOneStory");
        // Statement-terminating: the pipeline stops before any article is compared.
        var error = r.Terminating ?? Assert.Single(r.Errors);
        Assert.Equal("DirectoryNotFound", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("no-such-folder", error.Exception.Message);
        Assert.False(Directory.Exists(Path.GetDirectoryName(path)));
    }

    // ------------------------------------------------------------------ headless Chromium

    /// <summary>Runs Chromium headless with the given arguments; kills it (and its children) when it hangs.</summary>
    private (int ExitCode, string Stdout, string Stderr) RunChromium(string chromium, params string[] args)
    {
        var psi = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage",
                     "--user-data-dir=" + Path.Combine(_dir, "chromium-profile-" + Guid.NewGuid().ToString("N")) }.Concat(args))
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            p.WaitForExit(TimeSpan.FromSeconds(10));
            Assert.Fail($"{chromium} did not finish within 90 seconds and was killed. stderr: {(stderr.IsCompleted ? stderr.Result : "")}");
        }
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    [ChromiumFact]
    public void Chromium_renders_the_report_and_its_script_runs_without_errors()
    {
        string chromium = ExternalTools.Require(ExternalTools.Chromium, "Chromium", ExternalTools.ChromiumHow);
        WriteSampleReport();
        var (exit, dom, err) = RunChromium(chromium, "--dump-dom", new Uri(ReportPath).AbsoluteUri);
        Assert.True(exit == 0 && dom.Length > 0, $"{chromium} exited with {exit}. stderr: {err}");
        var rootTag = Regex.Match(dom, "<html[^>]*>").Value;
        Assert.Contains("data-script=\"ok\"", rootTag);
        Assert.DoesNotContain("data-script-errors", rootTag);
        foreach (var part in new[] { "heatmap", "timeline", "conflicts", "quotes", "framing", "unique", "copies" })
            Assert.Contains($"id=\"story-1-{part}\"", dom);
        // The script made the column headings sort buttons and added the row filter.
        Assert.Contains("<button type=\"button\" class=\"sort\">", dom);
        Assert.Contains("type=\"search\"", dom);
        Assert.Contains("<circle class=\"mark", dom);

        // Without its scripts (as with scripts turned off; Chromium's --dump-dom needs script itself) the content is all
        // there; only the sort buttons and the filter are missing.
        string noScript = Path.Combine(_dir, "no-script.html");
        File.WriteAllText(noScript, Regex.Replace(File.ReadAllText(ReportPath), "<script>.*?</script>", "", RegexOptions.Singleline));
        Assert.DoesNotContain("<script", File.ReadAllText(noScript));
        var (exitOff, domOff, errOff) = RunChromium(chromium, "--dump-dom", new Uri(noScript).AbsoluteUri);
        Assert.True(exitOff == 0 && domOff.Length > 0, $"{chromium} exited with {exitOff}. stderr: {errOff}");
        Assert.Contains("data-script=\"off\"", Regex.Match(domOff, "<html[^>]*>").Value);
        Assert.DoesNotContain("class=\"sort\"", domOff);
        Assert.Equal(Regex.Matches(dom, "<tr>").Count, Regex.Matches(domOff, "<tr>").Count);
        Assert.Contains("Brightwater Lines", domOff);
    }
}
