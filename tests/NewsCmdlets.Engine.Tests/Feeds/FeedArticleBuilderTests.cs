using System.Text;
using NewsCmdlets.Engine.Ingest;
using NewsCmdlets.Engine.Ingest.Feeds;
using NewsCmdlets.Engine.Ingest.Web;
using NewsCmdlets.Engine.Model;
using NewsCmdlets.TestSupport;
using static NewsCmdlets.Engine.Tests.Feeds.FeedFixtures;

namespace NewsCmdlets.Engine.Tests.Feeds;

public sealed class FeedArticleBuilderTests
{
    private static readonly ArticleReadOptions Read = new() { Now = new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero) };

    [Fact]
    public void Content_encoded_becomes_an_article_with_the_feed_s_metadata()
    {
        var item = Parse(Rss20, "https://harbourcourier.example/feed.xml", new Uri("https://harbourcourier.example/feed.xml")).Items.First();
        var a = FeedArticleBuilder.FromContent(item, Read).Article;
        Assert.Equal("Feed", a.SourceKind);
        Assert.Equal(item.Title, a.Title);
        Assert.Equal("The Harbour Courier", a.Outlet);
        Assert.Equal(item.Published, a.Published);
        Assert.Equal(new[] { "Ines Marr" }, a.Authors);
        Assert.Equal("en", a.Language);
        Assert.Equal(item.Link, a.Url);
        Assert.Equal("https://harbourcourier.example/feed.xml", a.Source);
        Assert.Equal(3, a.Paragraphs.Count);
        Assert.StartsWith("Ferry crews on the route between Westmere and Carrow Island", a.Body);
        Assert.Equal(new[] { "Transport", "Westmere" }, a.Categories);
        Assert.Equal("feed item", a.Sources["Published"]);
        Assert.Equal("feed title", a.Sources["Outlet"]);
    }

    [Fact]
    public void Plain_text_content_and_a_wire_service_author_become_paragraphs_and_the_agency()
    {
        var item = new NewsFeedItem
        {
            Title = "Talks resume", Content = "Talks resumed on Tuesday.\nBoth sides said they were hopeful.",
            Authors = new TextList(new[] { "Rosa Quill", "Reuters" }), FeedTitle = "Valley Evening Post",
        };
        var a = FeedArticleBuilder.FromContent(item, Read).Article;
        Assert.Equal(new[] { "Talks resumed on Tuesday.", "Both sides said they were hopeful." }, a.Paragraphs);
        Assert.Equal(new[] { "Rosa Quill" }, a.Authors);
        Assert.Equal("Reuters", a.Agency);
        Assert.False(FeedArticleBuilder.HasContent(new NewsFeedItem { Title = "x", Summary = "only a summary" }));
    }

    [Fact]
    public void Merge_takes_the_feed_title_as_outlet_and_fills_only_what_the_page_lacks()
    {
        var page = ArticleReader.ReadContent("""
            <!doctype html><html lang="en"><head><title>Quay market returns</title></head><body>
            <article><h1>Quay market returns</h1>
            <p>The Saturday market on Westmere quay returned this weekend after a winter break, with 40 stalls selling fish, bread and vegetables.</p>
            <p>"We have waited all winter for this," said stallholder Iris Penn, who sells smoked fish from the island.</p>
            <p>The council said the market would run every Saturday until October, weather permitting, and that it hoped to add a second day.</p>
            </article></body></html>
            """, null, new Uri("https://harbourcourier.example/market"), Read);
        Assert.Null(page.Article.Published);
        var item = new NewsFeedItem
        {
            Title = "Market back on the quay", Link = "https://harbourcourier.example/market", FeedTitle = "The Harbour Courier",
            Published = new DateTimeOffset(2026, 3, 21, 9, 0, 0, TimeSpan.Zero), Authors = new TextList(new[] { "Ines Marr" }),
            Categories = new TextList(new[] { "Westmere" }),
        };
        var a = FeedArticleBuilder.Merge(page, item).Article;
        Assert.Equal("Quay market returns", a.Title); // the page's own title wins
        Assert.Equal("The Harbour Courier", a.Outlet);
        Assert.Equal(item.Published, a.Published);
        Assert.Equal("feed item", a.Sources["Published"]);
        Assert.Equal(new[] { "Ines Marr" }, a.Authors);
        Assert.Equal(new[] { "Westmere" }, a.Categories);
        Assert.Equal(page.Article.Body, a.Body);
        Assert.Equal("Html", a.SourceKind);
    }

    [Fact]
    public void Merge_copies_every_property_of_the_article()
    {
        // Fails when NewsArticle gains a property that Merge does not carry over.
        var original = new NewsArticle
        {
            Id = "id", Title = "t", Standfirst = "s", Body = "b", Paragraphs = new TextList(new[] { "p" }), Captions = new TextList(new[] { "c" }),
            Published = DateTimeOffset.UnixEpoch, Updated = DateTimeOffset.UnixEpoch.AddDays(1), Authors = new TextList(new[] { "a" }),
            Agency = "g", Outlet = "o", Dateline = "d", Language = "en", WordCount = 7, Source = "src", Url = "https://u.example/",
            Categories = new TextList(new[] { "k" }), SourceKind = "Html", Removed = new TextList(new[] { "r" }), Warnings = new TextList(new[] { "w" }),
        };
        var merged = FeedArticleBuilder.Merge(new ArticleReadResult(original, Array.Empty<string>()), new NewsFeedItem()).Article;
        foreach (var p in typeof(NewsArticle).GetProperties())
        {
            var v = p.GetValue(original);
            Assert.False(v is null || v is string { Length: 0 } || v is TextList { Count: 0 } || v is FieldSources { Count: 0 } && p.Name != "Sources" || v is 0,
                $"the test sets no value for NewsArticle.{p.Name}");
            Assert.Equal(v?.ToString(), p.GetValue(merged)?.ToString());
        }
    }

    [Fact]
    public async Task A_feed_fetch_returns_its_validators_and_a_conditional_request_gets_not_modified()
    {
        using var server = new LoopbackServer();
        server.Map("/feed.xml", (ctx, _) =>
        {
            if (ctx.Request.Headers["If-None-Match"] == "\"v1\"")
                return LoopbackServer.Respond(ctx, 304, Array.Empty<byte>(), null, new Dictionary<string, string> { ["ETag"] = "\"v1\"" });
            return LoopbackServer.Respond(ctx, 200, Encoding.UTF8.GetBytes(Rss20), "application/rss+xml",
                new Dictionary<string, string> { ["ETag"] = "\"v1\"", ["Last-Modified"] = "Sat, 14 Mar 2026 08:00:00 GMT" });
        });
        using var fetcher = new WebFetcher(WebFetcher.CreateHandler());
        var uri = server.Url("/feed.xml");
        var first = await FeedReader.FetchAsync(fetcher, uri, new WebFetchOptions(), new FeedReadOptions());
        Assert.False(first.NotModified);
        Assert.Equal("\"v1\"", first.Fetch.ETag);
        Assert.Equal(new DateTimeOffset(2026, 3, 14, 8, 0, 0, TimeSpan.Zero), first.Fetch.LastModified);
        Assert.Equal(uri.AbsoluteUri, first.Feed!.Source);
        Assert.Contains(server.Requests, r => r.Headers["Accept"]!.Contains("application/rss+xml"));

        var second = await FeedReader.FetchAsync(fetcher, uri, new WebFetchOptions { IfNoneMatch = first.Fetch.ETag }, new FeedReadOptions());
        Assert.True(second.NotModified);
        Assert.Null(second.Feed);
        Assert.Equal("\"v1\"", second.Fetch.ETag);

        // Without a validator, 304 is still an error, as before.
        server.MapText("/odd", "", status: 304);
        await Assert.ThrowsAsync<WebFetchException>(() => fetcher.FetchAsync(server.Url("/odd"), new WebFetchOptions { MaximumRetryCount = 0 }));
    }

    [Fact]
    public async Task A_feed_download_over_the_size_limit_is_a_feed_error()
    {
        using var server = new LoopbackServer();
        server.MapText("/big.xml", Rss20, "application/rss+xml");
        using var fetcher = new WebFetcher(WebFetcher.CreateHandler());
        var ex = await Assert.ThrowsAsync<FeedException>(() => FeedReader.FetchAsync(fetcher, server.Url("/big.xml"), new WebFetchOptions(), new FeedReadOptions { MaximumBytes = 500 }));
        Assert.Equal(FeedProblemKind.TooLarge, ex.Kind);
        Assert.Contains("-MaximumFeedSize", ex.Message);
    }
}
