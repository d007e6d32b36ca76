using NewsCmdlets.TestSupport;
using System.IO.Compression;
using System.Management.Automation;
using System.Text;
using static NewsCmdlets.PowerShell.Tests.PowerShellRunner;

namespace NewsCmdlets.PowerShell.Tests;

/// <summary>Import-NewsArticle -Uri through the real PowerShell engine, against a web server on 127.0.0.1.</summary>
public sealed class ImportNewsArticleUriTests : IDisposable
{
    private readonly LoopbackServer _server = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("newscmdlets-uri-").FullName;
    private static readonly string SamplePage = Path.Combine(Repo.Samples, "island-gazette-ferry-strike.html");

    public void Dispose()
    {
        _server.Dispose();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private string Base => _server.BaseUri.ToString().TrimEnd('/');

    private RunResult RunWeb(string script, IDictionary<string, object?>? more = null)
    {
        var vars = new Dictionary<string, object?> { ["base"] = Base };
        if (more != null) foreach (var kv in more) vars[kv.Key] = kv.Value;
        return Run(script, variables: vars);
    }

    private static T Prop<T>(PSObject o, string name) => (T)LanguagePrimitives.ConvertTo(o.Properties[name].Value, typeof(T));

    /// <summary>A small story page whose title is <paramref name="title"/>.</summary>
    private static string Story(string title) => $$"""
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{title}}</title></head>
        <body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
        <article><h1>{{title}}</h1>
        <p>Ferry crews on the route between Westmere and Carrow Island stayed off the job for a second day, and the operator cancelled every crossing again, leaving commuters to find other ways to reach the mainland.</p>
        <p>Two water taxis paid for by the regional council carried patients to the hospital, and shops on the island said deliveries of fresh food had stopped until the ferries run again.</p>
        <p>Talks between the Maritime Workers' Guild and Brightwater Lines are due to resume on Tuesday, according to both sides.</p>
        </article><footer>© 2026 Test Outlet</footer></body></html>
        """;

    private static byte[] Gzip(byte[] data)
    {
        var ms = new MemoryStream();
        using (var z = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true)) z.Write(data);
        return ms.ToArray();
    }

    [Fact]
    public void A_saved_page_and_the_same_page_served_over_loopback_import_to_the_same_article()
    {
        const string path = "/news/2026/03/15/ferry-strike-second-day";
        _server.MapText("/latest", "", status: 302, headers: new Dictionary<string, string> { ["Location"] = path });
        _server.MapBytes(path, Gzip(File.ReadAllBytes(SamplePage)), "text/html; charset=utf-8",
            headers: new Dictionary<string, string> { ["Content-Encoding"] = "gzip" });

        var r = RunWeb("Import-NewsArticle -Path $sample; Import-NewsArticle -Uri \"$base/latest\"",
            new Dictionary<string, object?> { ["sample"] = SamplePage });
        Assert.Empty(r.Errors);
        Assert.Equal(2, r.Output.Count);
        var (saved, served) = (r.Output[0], r.Output[1]);

        // Every property but Source is the same, as text (what Export-Csv and Format-List show).
        foreach (var p in saved.Properties)
        {
            if (p.Name == "Source") continue;
            Assert.True(Equals(p.Value?.ToString(), served.Properties[p.Name].Value?.ToString()),
                $"{p.Name}: saved '{p.Value}' but served '{served.Properties[p.Name].Value}'");
        }
        Assert.Equal(SamplePage, Prop<string>(saved, "Source"));
        Assert.Equal(Base + path, Prop<string>(served, "Source")); // the final address, after the redirect
        Assert.Equal("https://islandgazette.example/news/2026/03/15/ferry-strike-second-day", Prop<string>(served, "Url")); // canonical link
        Assert.Equal("The Island Gazette", Prop<string>(served, "Outlet"));
        Assert.Equal(new DateTimeOffset(2026, 3, 15, 8, 30, 0, TimeSpan.Zero), Prop<DateTimeOffset>(served, "Published"));

        // The sample is clean: no page chrome in the body.
        string body = Prop<string>(served, "Body");
        Assert.StartsWith("CARROW ISLAND — For the second morning running", body);
        Assert.EndsWith("The last strike on the route, in August 2019, lasted nine days.", body);
        foreach (var chrome in new[] { "Share on", "Ferry Bulletin", "Related stories", "Most read", "All rights reserved", "Have your say", "Photo: Gazette staff", "Subscribe", "Skip to content" })
            Assert.DoesNotContain(chrome, body);
    }

    [Fact]
    public void Strings_Uris_and_objects_with_a_Url_or_Link_property_bind_and_paths_still_bind_Path()
    {
        foreach (var n in new[] { "a", "b", "c", "d" }) _server.MapText($"/{n}.html", Story($"Story {n.ToUpperInvariant()}"));
        string file = Path.Combine(_dir, "metro.txt");
        File.Copy(Path.Combine(Repo.Samples, "metro-ledger-ferry-strike.txt"), file);

        var r = RunWeb("""
            "$base/a.html" | Import-NewsArticle | ForEach-Object Title
            [pscustomobject]@{ Link = "$base/b.html" } | Import-NewsArticle | ForEach-Object Title
            [pscustomobject]@{ Url = [uri]"$base/c.html"; Title = 'from a feed' } | Import-NewsArticle | ForEach-Object Title
            [uri]"$base/d.html" | Import-NewsArticle | ForEach-Object Title
            Import-NewsArticle "$base/a.html" -TimeoutSec 5 | ForEach-Object Title
            Import-NewsArticle -Url "$base/b.html", "$base/c.html" | ForEach-Object Title
            [pscustomobject]@{ Path = $file } | Import-NewsArticle | ForEach-Object Outlet
            $file, "$base/d.html", $file | Import-NewsArticle | ForEach-Object { if ($_.SourceKind -eq 'Text') { $_.Outlet } else { $_.Title } }
            """, new Dictionary<string, object?> { ["file"] = file });
        Assert.Empty(r.Errors);
        Assert.Equal(new[] { "Story A", "Story B", "Story C", "Story D", "Story A", "Story B", "Story C", "The Metro Ledger" },
            r.Output.Take(8).Select(o => o.ToString()).ToArray());
        // Files and addresses mixed in one pipeline come out in input order.
        Assert.Equal(new[] { "The Metro Ledger", "Story D", "The Metro Ledger" }, r.Output.Skip(8).Select(o => o.ToString()).ToArray());
    }

    [Fact]
    public void Each_failure_is_a_non_terminating_error_naming_the_address_and_the_status()
    {
        _server.MapText("/ok1.html", Story("First good story"));
        _server.MapText("/ok2.html", Story("Second good story"));
        _server.MapText("/down", "<html><body>oops</body></html>", status: 500);
        _server.MapBytes("/report.pdf", Encoding.ASCII.GetBytes("%PDF-1.7 ..."), "application/pdf");
        _server.MapText("/slow.html", Story("Too slow"), delay: TimeSpan.FromSeconds(30));
        var links = string.Concat(Enumerable.Range(1, 30).Select(i => $"<li><a href=\"/story/{i}\">Story number {i}</a></li>"));
        _server.MapText("/", $"<!doctype html><html><head><title>Front page</title></head><body><ul>{links}</ul></body></html>");
        string refused = $"http://127.0.0.1:{LoopbackServer.FreePort()}/gone.html";

        string[] inputs =
        {
            $"{Base}/ok1.html", $"{Base}/missing.html", $"{Base}/down", $"{Base}/report.pdf", $"{Base}/",
            "ftp://files.example/story.txt", refused, $"{Base}/slow.html", $"{Base}/ok2.html",
        };
        var r = RunWeb("Import-NewsArticle -Uri $inputs -MaximumRetryCount 0 -TimeoutSec 5 -ThrottleLimit 3 | ForEach-Object Title",
            new Dictionary<string, object?> { ["inputs"] = inputs });
        Assert.Null(r.Terminating);
        Assert.Equal(new[] { "First good story", "Second good story" }, r.Output.Select(o => o.ToString()).ToArray());

        var expected = new (string Id, string Input, string? Status, ErrorCategory Category)[]
        {
            ("HttpError", inputs[1], "HTTP 404", ErrorCategory.ObjectNotFound),
            ("HttpError", inputs[2], "HTTP 500", ErrorCategory.ResourceUnavailable),
            ("NotHtml", inputs[3], "HTTP 200", ErrorCategory.InvalidData),
            ("NotAnArticle", inputs[4], null, ErrorCategory.InvalidData),
            ("InvalidUri", inputs[5], null, ErrorCategory.InvalidArgument),
            ("ConnectionFailed", inputs[6], null, ErrorCategory.ConnectionError),
            ("HttpTimeout", inputs[7], null, ErrorCategory.OperationTimeout),
        };
        Assert.Equal(expected.Length, r.Errors.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            var (id, input, status, category) = expected[i];
            var e = r.Errors[i];
            Assert.StartsWith(id + ",", e.FullyQualifiedErrorId);
            Assert.Equal(category, e.CategoryInfo.Category);
            Assert.Equal(input, e.TargetObject?.ToString());
            Assert.IsType<Uri>(e.TargetObject);
            Assert.Contains(input.TrimEnd('/'), e.Exception.Message);
            if (status != null) Assert.Contains(status, e.Exception.Message);
        }

        // -MaximumResponseSize (an alias of -MaximumFileSize) stops a download at the limit.
        var big = RunWeb("Import-NewsArticle -Uri \"$base/ok1.html\" -MaximumResponseSize 500");
        var tooLarge = Assert.Single(big.Errors);
        Assert.StartsWith("ResponseTooLarge,", tooLarge.FullyQualifiedErrorId);
        Assert.Contains("HTTP 200", tooLarge.Exception.Message);
    }

    [Fact]
    public void ThrottleLimit_4_over_20_addresses_keeps_input_order_and_writes_from_the_pipeline_thread()
    {
        var inputs = new List<string>();
        for (int i = 0; i < 20; i++)
        {
            // Early addresses answer slowest, so downloads finish out of order.
            _server.MapText($"/p/{i}.html", Story($"Story number {i}"), delay: TimeSpan.FromMilliseconds(40 + (20 - i) * 8));
            inputs.Add($"{Base}/p/{i}.html");
        }
        var r = RunWeb("""
            $pipelineThread = [Environment]::CurrentManagedThreadId
            $inputs | Import-NewsArticle -ThrottleLimit 4 |
                ForEach-Object { '{0}|{1}' -f $_.Title, ([Environment]::CurrentManagedThreadId -eq $pipelineThread) }
            """, new Dictionary<string, object?> { ["inputs"] = inputs.ToArray() });
        Assert.Empty(r.Errors);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"Story number {i}|True").ToArray(), r.Output.Select(o => o.ToString()).ToArray());
        Assert.InRange(_server.MaxConcurrent, 2, 4);
    }

    [Fact]
    public void The_User_Agent_names_the_module_and_version_and_can_be_replaced()
    {
        _server.MapText("/ua.html", Story("User agent"));
        var r = RunWeb("""
            Import-NewsArticle -Uri "$base/ua.html" | Out-Null
            Import-NewsArticle -Uri "$base/ua.html" -UserAgent 'NewsDeskResearch/1.0 (+mailto:desk@news.example)' | Out-Null
            (Get-Module NewsCmdlets).Version.ToString()
            """);
        Assert.Empty(r.Errors);
        var agents = _server.Requests.Select(q => q.Headers["User-Agent"]).ToArray();
        Assert.Equal(2, agents.Length);
        Assert.StartsWith($"NewsCmdlets/{r.Single()} ", agents[0]);
        Assert.Equal("NewsDeskResearch/1.0 (+mailto:desk@news.example)", agents[1]);
    }

    [Fact]
    public void A_503_is_retried_as_Retry_After_asks_and_the_retry_is_reported_with_Verbose()
    {
        _server.MapSequence("/busy.html",
            (503, "busy", new Dictionary<string, string> { ["Retry-After"] = "1" }),
            (200, Story("Back again"), null));
        var r = RunWeb("Import-NewsArticle -Uri \"$base/busy.html\" -Verbose | ForEach-Object Title");
        Assert.Empty(r.Errors);
        Assert.Equal("Back again", r.Single().ToString());
        Assert.Equal(2, _server.Hits("/busy.html"));
        Assert.Contains(r.Verbose, v => v.Message.Contains("HTTP 503") && v.Message.Contains("Retry-After"));
        Assert.Contains(r.Verbose, v => v.Message.Contains("2 attempts"));
    }

    [Fact]
    public void Progress_is_reported_while_downloading_and_completed()
    {
        for (int i = 0; i < 4; i++) _server.MapText($"/s/{i}.html", Story($"Slow {i}"), delay: TimeSpan.FromMilliseconds(300));
        var r = RunWeb("Import-NewsArticle -Uri (0..3 | ForEach-Object { \"$base/s/$_.html\" }) -ThrottleLimit 1 | ForEach-Object Title");
        Assert.Empty(r.Errors);
        Assert.Equal(4, r.Output.Count);
        Assert.Contains(r.Progress, p => p.RecordType == ProgressRecordType.Processing && p.StatusDescription.Contains("/s/"));
        Assert.Equal(ProgressRecordType.Completed, r.Progress[^1].RecordType);
    }

    [Fact]
    public void Stop_cancels_downloads_in_progress_promptly()
    {
        _server.MapText("/hang.html", Story("Never"), delay: TimeSpan.FromSeconds(60));
        using var runspace = System.Management.Automation.Runspaces.RunspaceFactory.CreateRunspace(System.Management.Automation.Runspaces.InitialSessionState.CreateDefault2());
        runspace.Open();
        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddScript("Import-Module $args[0] -ErrorAction Stop; Import-NewsArticle -Uri $args[1], $args[1] -TimeoutSec 120")
          .AddArgument(Repo.RootManifest).AddArgument($"{Base}/hang.html");
        var run = new Thread(() => { try { ps.Invoke(); } catch (PipelineStoppedException) { } });
        run.Start();
        // (Do not enumerate ps.Streams here: a PSDataCollection's enumerator blocks while the pipeline runs.)
        var wait = System.Diagnostics.Stopwatch.StartNew();
        while (_server.Hits("/hang.html") < 2 && wait.Elapsed < TimeSpan.FromSeconds(30)) Thread.Sleep(20);
        Assert.Equal(2, _server.Hits("/hang.html"));
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        ps.Stop();
        Assert.True(run.Join(TimeSpan.FromSeconds(10)), "the pipeline did not stop");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"Stop took {stopwatch.Elapsed}");
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
    }
}
