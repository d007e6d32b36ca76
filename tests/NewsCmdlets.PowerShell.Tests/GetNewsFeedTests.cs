using System.Management.Automation;
using NewsCmdlets.TestSupport;
using static NewsCmdlets.PowerShell.Tests.PowerShellRunner;

namespace NewsCmdlets.PowerShell.Tests;

/// <summary>Get-NewsFeed, and Get-NewsFeed | Import-NewsArticle, through the real PowerShell engine over a web server on 127.0.0.1.</summary>
public sealed class GetNewsFeedTests : IDisposable
{
    private readonly LoopbackServer _server = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("newscmdlets-feeds-").FullName;

    public void Dispose()
    {
        _server.Dispose();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private string Base => _server.BaseUri.ToString().TrimEnd('/');

    private RunResult RunFeeds(string script, IDictionary<string, object?>? more = null)
    {
        var vars = new Dictionary<string, object?> { ["base"] = Base, ["dir"] = _dir };
        if (more != null) foreach (var kv in more) vars[kv.Key] = kv.Value;
        return Run(script, manifest: Repo.RootManifest, variables: vars);
    }

    private static T Prop<T>(PSObject o, string name) => (T)LanguagePrimitives.ConvertTo(o.Properties[name].Value, typeof(T));

    /// <summary>The Harbour Courier's feed: two stories with relative links and full text, one without a date.</summary>
    private static string CourierFeed(string? extraItem = null) => $$"""
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
          <channel>
            <title>The Harbour Courier</title>
            <link>https://harbourcourier.example/</link>
            <language>en-gb</language>
            <item>
              <title>Westmere ferry crews walk out</title>
              <link>/news/ferry-strike.html</link>
              <guid isPermaLink="false">hc-1</guid>
              <pubDate>Sat, 14 Mar 2026 07:45:00 +0000</pubDate>
              <dc:creator>Ines Marr</dc:creator>
              <category>Transport</category>
              <description>Crews walked out at dawn.</description>
              <content:encoded><![CDATA[<p>Ferry crews on the route between Westmere and Carrow Island walked out at dawn on Saturday, stranding hundreds of commuters on the quay.</p><p>The Maritime Workers' Guild said the strike would last until Brightwater Lines improved its pay offer.</p>]]></content:encoded>
            </item>
            <item>
              <title>Quay market returns</title>
              <link>/news/market.html</link>
              <guid isPermaLink="false">hc-2</guid>
              <pubDate>Sat, 21 Mar 2026 09:00:00 GMT</pubDate>
              <dc:creator>Tomas Reyne</dc:creator>
              <description>The Saturday market is back.</description>
            </item>
            {{extraItem}}
          </channel>
        </rss>
        """;

    /// <summary>A story page that names no outlet, no date and no author: the feed fills them in.</summary>
    private static string Page(string title) => $$"""
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{title}}</title></head>
        <body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
        <article><h1>{{title}}</h1>
        <p>Ferry crews on the route between Westmere and Carrow Island stayed off the job, and the operator cancelled every crossing again, leaving commuters to find other ways to reach the mainland.</p>
        <p>Two water taxis paid for by the regional council carried patients to the hospital, and shops on the island said deliveries of fresh food had stopped until the ferries run again.</p>
        <p>Talks between the Maritime Workers' Guild and Brightwater Lines are due to resume on Tuesday, according to both sides.</p>
        </article></body></html>
        """;

    [Fact]
    public void A_feed_from_a_file_and_from_a_url_gives_the_same_items_with_links_resolved()
    {
        string file = Path.Combine(_dir, "courier.rss.xml");
        File.WriteAllText(file, CourierFeed());
        _server.MapText("/feeds/courier.xml", CourierFeed(), "application/rss+xml; charset=utf-8");

        var r = RunFeeds("""
            Get-NewsFeed -Path $file
            Get-NewsFeed -Uri "$base/feeds/courier.xml"
            """, new Dictionary<string, object?> { ["file"] = file });
        Assert.Empty(r.Errors);
        Assert.Equal(4, r.Output.Count);
        Assert.All(r.Output, o => Assert.Equal("NewsCmdlets.Engine.Model.NewsFeedItem", o.BaseObject.GetType().FullName));
        // From the file, relative links resolve against the channel's link; from the web, against the feed's address.
        Assert.Equal("https://harbourcourier.example/news/ferry-strike.html", Prop<string>(r.Output[0], "Link"));
        Assert.Equal($"{Base}/news/ferry-strike.html", Prop<string>(r.Output[2], "Link"));
        Assert.Equal("The Harbour Courier", Prop<string>(r.Output[2], "FeedTitle"));
        Assert.Equal(new DateTimeOffset(2026, 3, 14, 7, 45, 0, TimeSpan.Zero), Prop<DateTimeOffset>(r.Output[2], "Published"));
        Assert.Equal("Ines Marr", r.Output[2].Properties["Authors"].Value.ToString());
        Assert.Equal(file, Prop<string>(r.Output[0], "SourceFeed"));
        Assert.Equal($"{Base}/feeds/courier.xml", Prop<string>(r.Output[2], "SourceFeed"));
    }

    [Fact]
    public void With_the_cache_a_feed_is_fetched_conditionally_and_an_unchanged_feed_comes_from_the_cache()
    {
        byte[] body = System.Text.Encoding.UTF8.GetBytes(CourierFeed());
        var seen = new System.Collections.Concurrent.ConcurrentQueue<string>();
        _server.Map("/feeds/courier.xml", async (ctx, _) =>
        {
            string? tag = ctx.Request.Headers["If-None-Match"];
            seen.Enqueue(tag ?? "(none)");
            if (tag == "\"v1\"") await LoopbackServer.Respond(ctx, 304, Array.Empty<byte>(), null, new Dictionary<string, string> { ["ETag"] = "\"v1\"" });
            else await LoopbackServer.Respond(ctx, 200, body, "application/rss+xml", new Dictionary<string, string> { ["ETag"] = "\"v1\"" });
        });
        string cache = Path.Combine(_dir, "feeds.db");
        var r = RunFeeds("""
            Set-NewsCacheConfiguration -CachePath $cache -Enabled
            $first = @(Get-NewsFeed -Uri "$base/feeds/courier.xml")
            $second = @(Get-NewsFeed -Uri "$base/feeds/courier.xml" -Verbose)
            $third = @(Get-NewsFeed -Uri "$base/feeds/courier.xml" -Cache:$false)
            $first.Count; $second.Count; $third.Count; ($second.Title -join '|') -eq ($first.Title -join '|')
            """, new Dictionary<string, object?> { ["cache"] = cache });
        Assert.Empty(r.Errors);
        Assert.Equal(new[] { "2", "2", "2", "True" }, r.Output.Select(o => o.ToString()));
        // The first call had nothing to validate; the second sent the ETag and got 304; -Cache:$false asks plainly.
        Assert.Equal(new[] { "(none)", "\"v1\"", "(none)" }, seen.ToArray());
        Assert.Contains(r.Verbose, v => v.Message.Contains("not modified"));
    }

    [Fact]
    public void The_default_table_fits_120_columns_and_shows_date_feed_and_title()
    {
        string file = Path.Combine(_dir, "courier.xml");
        File.WriteAllText(file, CourierFeed());
        var r = RunFeeds("Get-NewsFeed $file | Out-Host", new Dictionary<string, object?> { ["file"] = file });
        Assert.Empty(r.Errors);
        var lines = System.Text.RegularExpressions.Regex.Replace(r.Host, @"\x1b\[[0-9;]*m", "").Split('\n');
        Assert.Contains(lines, l => l.StartsWith("Published") && l.Contains("FeedTitle") && l.Contains("Title"));
        Assert.Contains(lines, l => l.StartsWith("2026-03-14 07:45") && l.Contains("The Harbour Courier") && l.Contains("Westmere ferry crews walk out"));
        Assert.All(lines, l => Assert.True(l.Length <= 120, l));
    }

    [Fact]
    public void Piped_into_Import_NewsArticle_the_feed_title_becomes_the_outlet_and_feed_dates_fill_the_gaps()
    {
        _server.MapText("/feeds/courier.xml", CourierFeed(), "application/rss+xml");
        _server.MapText("/news/ferry-strike.html", Page("Westmere ferry crews walk out"));
        _server.MapText("/news/market.html", Page("Quay market returns to Westmere"));

        var r = RunFeeds("Get-NewsFeed \"$base/feeds/courier.xml\" | Import-NewsArticle");
        Assert.Empty(r.Errors);
        Assert.Equal(2, r.Output.Count);
        var a = r.Output[0];
        Assert.Equal("NewsCmdlets.Engine.Model.NewsArticle", a.BaseObject.GetType().FullName);
        Assert.Equal("Westmere ferry crews walk out", Prop<string>(a, "Title"));
        Assert.Equal("The Harbour Courier", Prop<string>(a, "Outlet"));
        Assert.Equal(new DateTimeOffset(2026, 3, 14, 7, 45, 0, TimeSpan.Zero), Prop<DateTimeOffset>(a, "Published"));
        Assert.Equal("Ines Marr", a.Properties["Authors"].Value.ToString());
        Assert.Equal("Transport", a.Properties["Categories"].Value.ToString());
        Assert.Equal($"{Base}/news/ferry-strike.html", Prop<string>(a, "Source"));
        Assert.Equal("Html", Prop<string>(a, "SourceKind"));
        string sources = a.Properties["Sources"].Value.ToString()!;
        Assert.Contains("Outlet=feed title", sources);
        Assert.Contains("Published=feed item", sources);
        Assert.Contains("Authors=feed item", sources);
        Assert.StartsWith("Ferry crews on the route between Westmere", Prop<string>(a, "Body"));
        Assert.Equal("Tomas Reyne", r.Output[1].Properties["Authors"].Value.ToString());
        Assert.Equal(1, _server.Hits("/news/ferry-strike.html"));
    }

    [Fact]
    public void UseFeedContent_builds_articles_without_fetching_and_an_item_without_content_is_NoFeedContent()
    {
        _server.MapText("/feeds/courier.xml", CourierFeed(), "application/rss+xml");
        var r = RunFeeds("Get-NewsFeed \"$base/feeds/courier.xml\" | Import-NewsArticle -UseFeedContent");
        var a = Assert.Single(r.Output);
        Assert.Equal("Feed", Prop<string>(a, "SourceKind"));
        Assert.Equal("The Harbour Courier", Prop<string>(a, "Outlet"));
        Assert.Equal(2, ((System.Collections.ICollection)a.Properties["Paragraphs"].Value).Count);
        Assert.Equal($"{Base}/news/ferry-strike.html", Prop<string>(a, "Url"));
        Assert.Equal(0, _server.Hits("/news/ferry-strike.html")); // nothing downloaded but the feed

        var e = Assert.Single(r.Errors);
        Assert.StartsWith("NoFeedContent,", e.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, e.CategoryInfo.Category);
        Assert.Contains("Quay market returns", e.Exception.Message);
        Assert.Equal("Quay market returns", e.TargetObject?.ToString());
    }

    [Fact]
    public void Feed_items_strings_files_and_csv_rows_each_bind_to_their_own_parameter_in_one_pipeline()
    {
        _server.MapText("/feeds/courier.xml", CourierFeed(), "application/rss+xml");
        _server.MapText("/news/ferry-strike.html", Page("Westmere ferry crews walk out"));
        _server.MapText("/news/market.html", Page("Quay market returns to Westmere"));
        _server.MapText("/other.html", Page("A story from elsewhere"));
        string text = Path.Combine(_dir, "metro.txt");
        File.Copy(Path.Combine(Repo.Samples, "metro-ledger-ferry-strike.txt"), text);

        var r = RunFeeds("""
            $items = @(Get-NewsFeed "$base/feeds/courier.xml")
            # A file as Get-ChildItem emits it: FileInfo with a provider-qualified PSPath.
            $fi = [psobject]::AsPSObject([System.IO.FileInfo]::new($text))
            $fi.PSObject.Properties.Add([psnoteproperty]::new('PSPath', 'Microsoft.PowerShell.Core\FileSystem::' + $text))
            # NewsFeedItem, URL string, file path string, FileInfo (PSPath), Uri: one pipeline, input order kept.
            @($items[0], "$base/other.html", $text, $fi, [uri]"$base/other.html") | Import-NewsArticle |
                ForEach-Object { "$($_.SourceKind)|$($_.Outlet)|$($_.Title)" }
            # Rows as Export-Csv | Import-Csv make them (every property as its text): Link binds -Uri by property name,
            # and the feed's values are not carried.
            $rows = $items | ForEach-Object {
                $row = [ordered]@{}
                foreach ($p in $_.PSObject.Properties) { $row[$p.Name] = if ($null -ne $p.Value) { $p.Value.ToString() } }
                [pscustomobject]$row
            }
            $rows | ForEach-Object { "row|$($_.Authors)|$($_.Categories)" }
            $rows | Import-NewsArticle | ForEach-Object { "csv|$($_.Outlet)|$($_.Title)" }
            """, new Dictionary<string, object?> { ["text"] = text });
        Assert.Empty(r.Errors);
        Assert.Equal(new[]
        {
            "Html|The Harbour Courier|Westmere ferry crews walk out",
            "Html||A story from elsewhere",
            "Text|The Metro Ledger|The strike that shows how fragile island life has become.",
            "Text|The Metro Ledger|The strike that shows how fragile island life has become.",
            "Html||A story from elsewhere",
            "row|Ines Marr|Transport",
            "row|Tomas Reyne|",
            "csv||Westmere ferry crews walk out",
            "csv||Quay market returns to Westmere",
        }, r.Output.Select(o => o.ToString()).ToArray());
    }

    [Fact]
    public void One_broken_feed_does_not_stop_the_others_and_each_failure_has_its_ErrorId()
    {
        _server.MapText("/feeds/courier.xml", CourierFeed(), "application/rss+xml");
        _server.MapText("/feeds/broken.xml", "<rss version=\"2.0\"><channel><title>Broken", "application/rss+xml");
        _server.MapText("/feeds/home.html", "<!doctype html><html><head><title>Home</title><link rel=\"alternate\" type=\"application/atom+xml\" href=\"/feeds/atom.xml\"></head><body>Hi</body></html>");
        _server.MapText("/feeds/gone.xml", "gone", "text/plain", status: 404);
        string xxe = Path.Combine(_dir, "xxe.xml");
        File.WriteAllText(xxe, "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/hostname\">]><rss version=\"2.0\"><channel><title>&x;</title></channel></rss>");
        string empty = Path.Combine(_dir, "empty.xml");
        File.WriteAllText(empty, "");
        string big = Path.Combine(_dir, "big.xml");
        File.WriteAllText(big, CourierFeed());

        var r = RunFeeds("""
            Get-NewsFeed "$base/feeds/broken.xml", "$base/feeds/courier.xml", "$base/feeds/home.html", "$base/feeds/gone.xml", $xxe, $empty, ([System.IO.Path]::Combine($dir, 'missing.xml')) -MaximumRetryCount 0 |
                ForEach-Object Title
            Get-NewsFeed $big -MaximumFeedSize 100
            """, new Dictionary<string, object?> { ["xxe"] = xxe, ["empty"] = empty, ["big"] = big });
        Assert.Null(r.Terminating);
        Assert.Equal(new[] { "Westmere ferry crews walk out", "Quay market returns" }, r.Output.Select(o => o.ToString()).ToArray());
        var ids = r.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]).ToArray();
        Assert.Equal(new[] { "InvalidFeed", "NotAFeed", "HttpError", "FeedDtdProhibited", "EmptyFeed", "PathNotFound", "FeedTooLarge" }, ids);
        Assert.Equal(ErrorCategory.SecurityError, r.Errors[3].CategoryInfo.Category);
        Assert.Contains("/feeds/atom.xml", r.Errors[1].Exception.Message); // the page names its feed
        Assert.Equal($"{Base}/feeds/broken.xml", r.Errors[0].TargetObject?.ToString());
    }

    [Fact]
    public void Duplicates_within_a_call_are_written_once_and_an_unreadable_date_warns_but_keeps_the_item()
    {
        string extra = """
            <item><title>Westmere ferry crews walk out (again)</title><link>/news/ferry-strike.html</link><pubDate>Sat, 14 Mar 2026</pubDate></item>
            <item><title>Council meets</title><link>/news/council.html</link><pubDate>next Tuesday-ish</pubDate></item>
            """;
        string a = Path.Combine(_dir, "a.xml"), b = Path.Combine(_dir, "b.xml");
        File.WriteAllText(a, CourierFeed(extra));
        File.WriteAllText(b, CourierFeed());
        var r = RunFeeds("Get-NewsFeed -LiteralPath $a, $b -Verbose | ForEach-Object Title", new Dictionary<string, object?> { ["a"] = a, ["b"] = b });
        Assert.Empty(r.Errors);
        Assert.Equal(new[] { "Westmere ferry crews walk out", "Quay market returns", "Council meets" }, r.Output.Select(o => o.ToString()).ToArray());
        var w = Assert.Single(r.Warnings);
        Assert.Contains("next Tuesday-ish", w.Message);
        Assert.Contains(r.Verbose, v => v.Message.Contains("left out"));
    }

    [Fact]
    public void Strings_objects_with_FeedUrl_and_files_from_Get_ChildItem_bind_to_Get_NewsFeed()
    {
        _server.MapText("/feeds/courier.xml", CourierFeed(), "application/rss+xml");
        string sub = Directory.CreateDirectory(Path.Combine(_dir, "feeds")).FullName;
        File.WriteAllText(Path.Combine(sub, "[courier].xml"), CourierFeed());
        var r = RunFeeds("""
            "$base/feeds/courier.xml" | Get-NewsFeed | ForEach-Object { 'string:' + $_.Title }
            [pscustomobject]@{ FeedUrl = "$base/feeds/courier.xml"; Name = 'Courier' } | Get-NewsFeed | ForEach-Object { 'object:' + $_.Title }
            [System.IO.Directory]::GetFiles($sub) | ForEach-Object {
                $fi = [psobject]::AsPSObject([System.IO.FileInfo]::new($_))
                $fi.PSObject.Properties.Add([psnoteproperty]::new('PSPath', 'Microsoft.PowerShell.Core\FileSystem::' + $_))
                $fi
            } | Get-NewsFeed | ForEach-Object { 'file:' + $_.Title }
            """, new Dictionary<string, object?> { ["sub"] = sub });
        Assert.Empty(r.Errors);
        Assert.Equal(new[]
        {
            "string:Westmere ferry crews walk out", "string:Quay market returns",
            "object:Westmere ferry crews walk out", "object:Quay market returns",
            "file:Westmere ferry crews walk out", "file:Quay market returns",
        }, r.Output.Select(o => o.ToString()).ToArray());
    }
}
