using NewsCmdlets.TestSupport;
using static NewsCmdlets.PowerShell.Tests.PowerShellRunner;

namespace NewsCmdlets.PowerShell.Tests;

/// <summary>Import-NewsArticle -Uri and -Content through the cache, against a web server on 127.0.0.1.</summary>
public class ImportNewsArticleCacheTests : CacheStoreCase
{
    private readonly LoopbackServer _server = new();

    public override void Dispose()
    {
        _server.Dispose();
        base.Dispose();
    }

    private static string Story(string title) => $$"""
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{title}}</title></head>
        <body><article><h1>{{title}}</h1>
        <p>Ferry crews on the route between Westmere and Carrow Island stayed off the job for a second day, and the operator cancelled every crossing again, leaving commuters to find other ways to reach the mainland.</p>
        <p>Two water taxis paid for by the regional council carried patients to the hospital, and shops on the island said deliveries of fresh food had stopped until the ferries run again.</p>
        <p>Talks between the Maritime Workers' Guild and Brightwater Lines are due to resume on Tuesday, according to both sides.</p>
        </article></body></html>
        """;

    private RunResult RunWith(string script) =>
        RunCase(script, variables: new Dictionary<string, object?> { ["base"] = _server.BaseUri.ToString().TrimEnd('/') });

    [StoreFact]
    public void A_page_is_fetched_conditionally_with_its_ETag_and_an_unchanged_page_comes_from_the_cache()
    {
        string title = "Ferry strike enters second day";
        var seen = new System.Collections.Concurrent.ConcurrentQueue<string>();
        _server.Map("/news/ferry", async (ctx, _) =>
        {
            string? tag = ctx.Request.Headers["If-None-Match"];
            seen.Enqueue(tag ?? "(none)");
            var headers = new Dictionary<string, string> { ["ETag"] = "\"v1\"" };
            if (tag == "\"v1\"") await LoopbackServer.Respond(ctx, 304, Array.Empty<byte>(), null, headers);
            else await LoopbackServer.Respond(ctx, 200, System.Text.Encoding.UTF8.GetBytes(Story(title)), "text/html; charset=utf-8", headers);
        });
        var r = RunWith("""
            Use-TestCache
            $a = Import-NewsArticle -Uri "$base/news/ferry" -Cache
            $b = Import-NewsArticle -Uri "$base/news/ferry" -Cache -Verbose
            $c = Import-NewsArticle -Uri "$base/news/ferry"
            $a.Id; $b.Id; $c.Id; $b.Title
            (Get-NewsArticle -Id $a.Id).Url
            """);
        Assert.Empty(r.Errors);
        var o = r.Output.Select(x => x.ToString()).ToList();
        Assert.Equal(o[0], o[1]);
        Assert.Equal(o[0], o[2]);
        Assert.Equal(title, o[3]);
        Assert.NotEqual("", o[4]);
        // The first call had nothing to validate; the second sent the ETag and got 304; without -Cache it asks plainly.
        Assert.Equal(new[] { "(none)", "\"v1\"", "(none)" }, seen.ToArray());
        Assert.Contains(r.Verbose, v => v.Message.Contains("304 Not Modified"));
    }

    [StoreFact]
    public void A_changed_page_replaces_the_cached_article()
    {
        int version = 1;
        _server.Map("/news/live", async (ctx, _) =>
        {
            string etag = $"\"v{version}\"";
            var headers = new Dictionary<string, string> { ["ETag"] = etag };
            if (ctx.Request.Headers["If-None-Match"] == etag) await LoopbackServer.Respond(ctx, 304, Array.Empty<byte>(), null, headers);
            else await LoopbackServer.Respond(ctx, 200, System.Text.Encoding.UTF8.GetBytes(Story($"Ferry strike update {version}")), "text/html; charset=utf-8", headers);
        });
        var first = RunWith("Use-TestCache -Enabled; (Import-NewsArticle -Uri \"$base/news/live\").Title");
        version = 2;
        var second = RunWith("Use-TestCache -Enabled; (Import-NewsArticle -Uri \"$base/news/live\").Title; (Get-NewsCacheInfo).Articles");
        Assert.Empty(first.Errors);
        Assert.Empty(second.Errors);
        Assert.Equal("Ferry strike update 1", first.Single().ToString());
        Assert.Equal("Ferry strike update 2", second.Output[0].ToString());
        Assert.Equal("1", second.Output[1].ToString()); // the old version of the page does not linger
    }

    [StoreFact]
    public void The_same_content_is_parsed_once_and_comes_from_the_cache_after()
    {
        string text = "date 2026-03-14 Ferry crews walk out\n\nFerry crews on the Westmere route walked out on Saturday, and the operator cancelled every crossing, leaving commuters on the island to find other ways to the mainland.\n";
        var r = RunCase("""
            Use-TestCache -Enabled
            $a = Import-NewsArticle -Content $text -SourceName 'paste'
            $b = Import-NewsArticle -Content $text -SourceName 'paste' -Verbose
            $c = Import-NewsArticle -Content $text -SourceName 'other' -Verbose
            $a.Id -eq $b.Id; $b.Title; $c.Source
            """, variables: new Dictionary<string, object?> { ["text"] = text });
        Assert.Empty(r.Errors);
        Assert.Equal(new[] { "True", "Ferry crews walk out", "other" }, r.Output.Select(x => x.ToString()));
        Assert.Single(r.Verbose, v => v.Message.Contains("content seen before")); // another -SourceName is read again
    }
}

/// <summary>The shared cases of <see cref="ImportNewsArticleCacheTests"/> against a PostgreSQL server.</summary>
public sealed class ImportNewsArticleCacheTestsOnPostgres : ImportNewsArticleCacheTests, IRunsOnPostgres;
