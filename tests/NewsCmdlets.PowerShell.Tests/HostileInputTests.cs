using System.IO.Compression;
using System.Management.Automation;
using System.Net;
using System.Text;
using NewsCmdlets.TestSupport;
using static NewsCmdlets.PowerShell.Tests.PowerShellRunner;

namespace NewsCmdlets.PowerShell.Tests;

/// <summary>
/// Hostile input at every entry point, generated here (nothing stored): deep nesting, huge single lines, bad bytes in
/// every format, lying sizes. Each input gives an object or an error that names it, nothing ends the pipeline, and
/// the good input after them is still read (issue 30). Sizes are kept so that the whole class runs in seconds.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("newscmdlets-hostile-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static string Rep(string s, int n) => string.Concat(Enumerable.Repeat(s, n));

    private static readonly string Sentences = Rep("Ferry crews on the Westmere route walked out at dawn over pay, the union said. ", 12);

    /// <summary>A text with invalid bytes spread through it: every 37th byte made 0xFF, 0xC3 or 0x00 in turn.</summary>
    private static byte[] Damaged(string text)
    {
        byte[] b = Encoding.UTF8.GetBytes(text);
        byte[] bad = { 0xFF, 0xC3, 0x00 };
        for (int i = 40, k = 0; i < b.Length; i += 37, k++) b[i] = bad[k % 3];
        return b;
    }

    private string File(string name, byte[] bytes)
    {
        string path = Path.Combine(_dir, name);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    private string File(string name, string text) => File(name, Encoding.UTF8.GetBytes(text));

    private string Good(string name) => File(name, "Island cut off as ferry workers strike\n\n" + Sentences);

    /// <summary>Every input either came out (its Source in <paramref name="sources"/>) or has an error whose target or message names it.</summary>
    private static void EachAccountedFor(IEnumerable<string> inputs, IEnumerable<string> sources, RunResult r)
    {
        var outSet = sources.ToHashSet();
        foreach (var input in inputs)
        {
            bool named = outSet.Contains(input) || r.Errors.Any(e => Equals(e.TargetObject?.ToString(), input) || e.Exception.Message.Contains(Path.GetFileName(input)));
            Assert.True(named, $"'{input}' gave neither an object nor an error naming it");
        }
    }

    [Fact]
    public void Text_and_pages_at_their_worst_each_give_an_article_or_an_error_and_the_good_file_after_them_is_read()
    {
        var inputs = new List<string>
        {
            File("stray-end-tags.html", "<html><body>" + Rep("<div></span>", 40_000) + $"<p>{Sentences}</p></body></html>"),
            File("nested-b.html", "<html><body>" + Rep("<b>", 40_000) + $"<p>{Sentences}</p></body></html>"),
            File("nested-tables.html", "<html><body>" + Rep("<table><tr><td>", 10_000) + $"<p>{Sentences}</p></body></html>"),
            File("nested-quotes.txt", "Quotes all the way down\n\n" + Rep("“", 50_000) + Sentences),
            File("one-huge-line.txt", Rep("ferry strike island commuters stranded ", 6_000)),
            File("one-huge-line.html", "<html><body><p>" + Rep("ferry strike island commuters stranded ", 6_000) + "</p></body></html>"),
            File("damaged.txt", Damaged("Ferry strike strands island\n\n" + Sentences + Sentences)),
            File("damaged.html", Damaged("<html><head><title>Ferry</title></head><body><h1>Ferry</h1><p>" + Sentences + "</p></body></html>")),
            File("lying-meta.html", "<html><head><meta charset='shift_jis'><title>Café</title></head><body><h1>Café “quay”</h1><p>" + Sentences + "</p></body></html>"),
            File("utf16-no-bom.txt", Encoding.Unicode.GetBytes("Ferry strike strands island\n\n" + Sentences)),
            File("random.bin", Enumerable.Range(0, 20_000).Select(i => (byte)(i * 7919 % 251)).ToArray()),
            File("nul-first.txt", "\0Ferry strike strands island\n\n" + Sentences),
            File("json-ld-deep.html", "<html><head><script type='application/ld+json'>" + Rep("[", 50_000) + "</script></head><body><h1>Ferry</h1><p>" + Sentences + "</p></body></html>"),
        };
        string good = Good("zz-good.txt");
        inputs.Add(good);

        var r = Run("$a = $paths | Import-NewsArticle; $a | ForEach-Object Source; " +
                    "'entities:' + @($a | Get-NewsEntity).Count; 'quotes:' + @($a | Get-NewsQuote).Count; " +
                    "'stories:' + @($a | Group-NewsArticle).Count; 'nul:' + @($a | Where-Object { $_.Body.Contains([char]0) }).Count",
            variables: new Dictionary<string, object?> { ["paths"] = inputs.ToArray() });

        Assert.Null(r.Terminating);
        var lines = r.Output.Select(o => o.ToString()!).ToList();
        Assert.Contains(good, lines);
        EachAccountedFor(inputs, lines, r);
        Assert.Contains(r.Errors, e => e.FullyQualifiedErrorId.StartsWith("BinaryFile") && Equals(e.TargetObject, inputs[10]));
        Assert.DoesNotContain(r.Errors, e => e.FullyQualifiedErrorId.StartsWith("ImportFailed") || e.FullyQualifiedErrorId.StartsWith("EntityExtractionFailed"));
        Assert.Contains("nul:0", lines);
        Assert.Contains(lines, l => l.StartsWith("entities:") && l != "entities:0");
    }

    [Fact]
    public void Feeds_at_their_worst_each_give_items_or_an_error_and_the_good_feed_after_them_is_read()
    {
        var inputs = new List<string>
        {
            File("deep-cdata.rss", "<rss xmlns:content='http://purl.org/rss/1.0/modules/content/'><channel><title>Courier</title>" +
                                   $"<item><title><![CDATA[{Rep("<b>", 40_000)}Deep title]]></title><description><![CDATA[{Rep("<i>", 40_000)}x]]></description>" +
                                   $"<content:encoded><![CDATA[{Rep("<div>", 40_000)}<p>{Sentences}</p>]]></content:encoded><link>https://courier.example/a</link></item></channel></rss>"),
            File("deep-xml.rss", "<rss><channel><item><title>Deep</title><description>" + Rep("<x>", 100_000) + Rep("</x>", 100_000) + "</description></item><item><title>After it</title><link>https://courier.example/b</link></item></channel></rss>"),
            File("deep.atom", $"<feed xmlns='http://www.w3.org/2005/Atom'><title>Courier</title><entry><title type='html'>{WebUtility.HtmlEncode(Rep("<u>", 40_000) + "Atom deep")}</title><link href='https://courier.example/c'/></entry></feed>"),
            File("deep.json", "{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[" + Rep("[", 10_000) + Rep("]", 10_000) + "]}"),
            File("bad-bytes.json", Damaged("{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"Courier\",\"items\":[{\"id\":\"1\",\"title\":\"" + Rep("Ferry strike ", 20) + "\",\"url\":\"https://courier.example/j\"}]}")),
            File("bad-byte.rss", Encoding.UTF8.GetBytes("<rss><channel><item><title>Caf").Concat(new byte[] { 0xE9 }).Concat(Encoding.UTF8.GetBytes(" on the quay</title><link>https://courier.example/d</link></item></channel></rss>")).ToArray()),
            File("cut-short.rss", "<rss><channel><item><title>Whole</title><link>https://courier.example/e</link></item><item><title>Cut"),
            File("empty-items.json", "{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[" + string.Join(",", Enumerable.Repeat("{}", 100_000)) + "]}"),
            File("huge-line.rss", $"<rss><channel><item><title>{Rep("ferry strike ", 80_000)}</title><link>https://courier.example/f</link></item></channel></rss>"),
            File("decoy-doctype.rss", "<?xml version='1.0'?><!-- <!DOCTYPE rss SYSTEM 'x.dtd'> --><!DOCTYPE rss [<!ENTITY e 'x'>]><rss><channel><item><title>&e;</title></item></channel></rss>"),
        };
        string good = File("zz-good.rss", "<rss><channel><title>Good</title><item><title>Good item</title><link>https://courier.example/good</link></item></channel></rss>");
        inputs.Add(good);

        var r = Run("$items = $paths | Get-NewsFeed; $items | ForEach-Object { $_.SourceFeed + '|' + $_.Title }; " +
                    "'articles:' + @($items | Where-Object Content | Import-NewsArticle -UseFeedContent).Count",
            variables: new Dictionary<string, object?> { ["paths"] = inputs.ToArray() });

        Assert.Null(r.Terminating);
        var lines = r.Output.Select(o => o.ToString()!).ToList();
        Assert.Contains($"{good}|Good item", lines);
        Assert.Contains($"{inputs[0]}|Deep title", lines);
        Assert.Contains($"{inputs[1]}|After it", lines);
        Assert.Contains($"{inputs[2]}|Atom deep", lines);
        Assert.Contains($"{inputs[5]}|Caf\uFFFD on the quay", lines);
        Assert.Contains($"{inputs[6]}|Whole", lines);
        EachAccountedFor(inputs, lines.Select(l => l.Split('|')[0]), r);
        Assert.Contains(r.Errors, e => e.FullyQualifiedErrorId.StartsWith("InvalidFeed,") && Equals(e.TargetObject, inputs[6])); // after its first item
        Assert.Contains(r.Errors, e => e.FullyQualifiedErrorId.StartsWith("FeedDtdProhibited") && Equals(e.TargetObject, inputs[9]));
        // 100,000 unreadable items: 20 errors one by one and one that counts the rest.
        var empty = r.Errors.Where(e => e.FullyQualifiedErrorId.StartsWith("InvalidFeedItem") && Equals(e.TargetObject, inputs[7])).ToList();
        Assert.Equal(21, empty.Count);
        Assert.Contains("99,980 more", empty[^1].Exception.Message);
        Assert.DoesNotContain(r.Errors, e => e.FullyQualifiedErrorId.StartsWith("FeedFailed"));
        Assert.Contains("articles:1", lines);
    }

    [Fact]
    public void Servers_at_their_worst_each_give_an_article_or_an_error_and_the_good_page_after_them_is_read()
    {
        using var server = new LoopbackServer();
        string page = $"<html><head><title>Ferry</title></head><body><h1>Ferry</h1><p>{Sentences}</p></body></html>";
        server.MapText("/deep", "<html><body>" + Rep("<div></span>", 40_000) + $"<p>{Sentences}</p></body></html>");
        server.MapBytes("/utf16", Encoding.Unicode.GetBytes(page), "text/html; charset=utf-16le");
        server.MapBytes("/random", Enumerable.Range(0, 20_000).Select(i => (byte)(i * 7919 % 251)).ToArray(), "text/html");
        // Promises a megabyte and sends a kilobyte.
        server.Map("/short", async (ctx, _) =>
        {
            ctx.Response.ContentType = "text/html";
            ctx.Response.ContentLength64 = 1_000_000;
            await ctx.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(page));
            ctx.Response.Abort();
        });
        // A few hundred kilobytes that expand to 100 MB.
        var zeros = new MemoryStream();
        using (var gz = new GZipStream(zeros, CompressionLevel.Fastest, leaveOpen: true))
        {
            var block = new byte[1 << 20];
            for (int i = 0; i < 100; i++) gz.Write(block);
        }
        server.MapBytes("/bomb", zeros.ToArray(), "text/html", headers: new Dictionary<string, string> { ["Content-Encoding"] = "gzip" });
        server.MapText("/good", page);
        var urls = new[] { "/deep", "/utf16", "/random", "/short", "/bomb", "/good" }.Select(p => server.Url(p).ToString()).ToArray();

        var r = Run("$urls | Import-NewsArticle -TimeoutSec 20 | ForEach-Object Url", variables: new Dictionary<string, object?> { ["urls"] = urls });

        Assert.Null(r.Terminating);
        var got = r.Output.Select(o => o.ToString()!).ToList();
        Assert.Equal(new[] { urls[0], urls[1], urls[5] }, got);
        string Id(string url) => r.Errors.Single(e => Equals(e.TargetObject?.ToString(), url)).FullyQualifiedErrorId.Split(',')[0];
        Assert.Equal("NotHtml", Id(urls[2]));
        Assert.Equal("InvalidResponse", Id(urls[3]));
        Assert.Equal("ResponseTooLarge", Id(urls[4]));
    }

    [Fact]
    public void Public_addresses_only_refuses_a_loopback_feed_and_reads_the_next()
    {
        using var server = new LoopbackServer();
        server.MapText("/feed", "<rss><channel><item><title>Inside</title></item></channel></rss>", "application/rss+xml");
        string good = File("good.rss", "<rss><channel><item><title>Outside</title></item></channel></rss>");
        var r = Run("$inputs | Get-NewsFeed -PublicAddressOnly | ForEach-Object Title",
            variables: new Dictionary<string, object?> { ["inputs"] = new[] { server.Url("/feed").ToString(), good } });
        Assert.Null(r.Terminating);
        Assert.Equal(new[] { "Outside" }, r.Output.Select(o => o.ToString()));
        var e = Assert.Single(r.Errors);
        Assert.StartsWith("PrivateAddressRefused", e.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.SecurityError, e.CategoryInfo.Category);
        Assert.Equal(0, server.Hits("/feed"));
    }

    [Fact]
    public void Content_with_broken_strings_is_imported_and_stored_and_hostile_searches_are_bounded()
    {
        string db = Path.Combine(_dir, "cache.db");
        var r = Run($"Set-NewsCacheConfiguration -Path {Quote(db)}; " +
                    "$texts | Import-NewsArticle -Cache | ForEach-Object { $_.WordCount -gt 0 }; " +
                    "'search:' + @(Get-NewsArticle -Search ('ferry ' * 20000)).Count; " +
                    "'nul:' + @(Get-NewsArticle -Search \"ferry`0strike\").Count; " +
                    "try { Get-NewsArticle -Search ((1..100 | ForEach-Object { \"w$_\" }) -join ' ') } catch { 'too many:' + $_.FullyQualifiedErrorId }",
            variables: new Dictionary<string, object?>
            {
                ["texts"] = new[]
                {
                    "Ferry strike \uD800 lone surrogate\n\n" + Sentences,            // a lone high surrogate
                    "Ferry strike \uDC00\uDC00 reversed\n\n" + Sentences,
                    "Ferry\0strike with NUL\n\n" + Sentences,
                    "Deep\n\n" + Rep("<div>", 20_000) + Sentences,
                    "Huge\n\n" + Rep("ferry ", 200_000),
                    "Island cut off as ferry workers strike\n\n" + Sentences,
                },
            });
        Assert.Null(r.Terminating);
        var lines = r.Output.Select(o => o.ToString()!).ToList();
        Assert.Equal(6, lines.Count(l => l == "True"));
        Assert.Contains(lines, l => l.StartsWith("search:") && l != "search:0");
        Assert.Contains(lines, l => l.StartsWith("nul:") && l != "nul:0");
        Assert.Contains(lines, l => l.StartsWith("too many:InvalidFullTextQuery"));
    }

    [Fact]
    public void A_cache_deleted_during_an_import_stops_it_with_an_error_that_says_so()
    {
        string db = Path.Combine(_dir, "cache.db");
        var files = Enumerable.Range(0, 3).Select(i => Good($"story{i}.txt")).ToArray();
        // The first article out deletes the cache file, as Clear-NewsCache from another session would.
        var r = Run($"Set-NewsCacheConfiguration -Path {Quote(db)}; " +
                    $"$files | Import-NewsArticle -Cache | ForEach-Object -Begin {{ $n = 0 }} -Process {{ if ($n++ -eq 0) {{ foreach ($s in '', '-wal', '-shm') {{ [System.IO.File]::Delete({Quote(db)} + $s) }} }}; $_.Source }}",
            variables: new Dictionary<string, object?> { ["files"] = files });
        var failure = r.Terminating ?? Assert.Single(r.Errors);
        Assert.StartsWith("CacheReplaced", failure.FullyQualifiedErrorId);
        Assert.Contains("deleted or replaced", failure.Exception.Message);
    }

    [Fact]
    public void A_read_only_cache_warns_and_every_article_still_comes_out()
    {
        if (OperatingSystem.IsWindows()) return; // chattr is how root is kept from writing here
        string db = Path.Combine(_dir, "cache.db");
        var files = Enumerable.Range(0, 3).Select(i => Good($"story{i}.txt")).ToArray();
        var first = Run($"Set-NewsCacheConfiguration -Path {Quote(db)}; $files[0] | Import-NewsArticle -Cache | ForEach-Object Source",
            variables: new Dictionary<string, object?> { ["files"] = files });
        Assert.Null(first.Terminating);
        Assert.Equal(0, Chattr("+i", db));
        try
        {
            var r = Run($"Set-NewsCacheConfiguration -Path {Quote(db)}; $files | Import-NewsArticle -Cache | ForEach-Object Source; " +
                        "'entities:' + @($files | Import-NewsArticle | Get-NewsEntity -Cache).Count",
                variables: new Dictionary<string, object?> { ["files"] = files });
            Assert.Null(r.Terminating);
            Assert.Empty(r.Errors);
            Assert.Equal(files, r.Output.Take(3).Select(o => o.ToString()));
            Assert.Contains(r.Warnings, w => w.Message.Contains("read-only") && w.Message.Contains("nothing new is stored"));
            Assert.Contains(r.Warnings, w => w.Message.Contains("read-only") && w.Message.Contains("new ones are not stored"));
            Assert.Contains(r.Warnings, w => w.Message.Contains("2 article(s) of this call were not stored"));
            Assert.Contains(r.Output, o => o.ToString()!.StartsWith("entities:") && o.ToString() != "entities:0");
        }
        finally
        {
            Chattr("-i", db);
        }
    }

    private static int Chattr(string flag, string path)
    {
        var psi = new System.Diagnostics.ProcessStartInfo("chattr") { RedirectStandardError = true, RedirectStandardOutput = true };
        psi.ArgumentList.Add(flag);
        psi.ArgumentList.Add(path);
        using var p = System.Diagnostics.Process.Start(psi)!;
        p.WaitForExit(10_000);
        return p.ExitCode;
    }
}
