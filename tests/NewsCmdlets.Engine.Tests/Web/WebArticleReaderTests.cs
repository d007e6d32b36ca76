using NewsCmdlets.TestSupport;
using System.IO.Compression;
using System.Text;
using NewsCmdlets.Engine.Ingest;
using NewsCmdlets.Engine.Ingest.Web;

namespace NewsCmdlets.Engine.Tests.Web;

public sealed class WebArticleReaderTests : IDisposable
{
    private readonly LoopbackServer _server = new();
    private readonly WebFetcher _fetcher = new(WebFetcher.CreateHandler());
    private static readonly ArticleReadOptions Read = new() { Now = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero) };
    private static readonly WebFetchOptions Web = new() { Timeout = TimeSpan.FromSeconds(10) };

    private static string SamplePath
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "NewsCmdlets.sln"))) dir = dir.Parent;
            return Path.Combine(dir!.FullName, "samples", "island-gazette-ferry-strike.html");
        }
    }

    public void Dispose()
    {
        _fetcher.Dispose();
        _server.Dispose();
    }

    private Task<WebArticleResult> Get(string path) => WebArticleReader.ReadAsync(_fetcher, _server.Url(path), Web, Read);

    private static byte[] Gzip(byte[] data)
    {
        var ms = new MemoryStream();
        using (var z = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true)) z.Write(data);
        return ms.ToArray();
    }

    [Fact]
    public async Task The_saved_sample_page_and_the_same_page_served_over_loopback_read_to_the_same_article()
    {
        var saved = ArticleReader.ReadFile(SamplePath, Read).Article;
        _server.MapText("/latest", "", status: 302, headers: new Dictionary<string, string> { ["Location"] = "/news/ferry-strike" });
        _server.MapBytes("/news/ferry-strike", Gzip(File.ReadAllBytes(SamplePath)), "text/html; charset=utf-8",
            headers: new Dictionary<string, string> { ["Content-Encoding"] = "gzip", ["ETag"] = "W/\"gazette-1\"" });

        var web = await Get("/latest");
        var served = web.Article;
        Assert.Equal(saved.Id, served.Id);
        Assert.Equal(saved.Title, served.Title);
        Assert.Equal(saved.Body, served.Body);
        Assert.Equal(saved.Authors.ToArray(), served.Authors.ToArray());
        Assert.Equal(saved.Outlet, served.Outlet);
        Assert.Equal(saved.Published, served.Published);
        Assert.Equal(saved.Updated, served.Updated);
        Assert.Equal("https://islandgazette.example/news/2026/03/15/ferry-strike-second-day", served.Url); // the canonical link
        Assert.Equal(_server.Url("/news/ferry-strike").AbsoluteUri, served.Source); // the final address after the redirect
        Assert.Equal("W/\"gazette-1\"", web.Fetch.ETag);
        Assert.Equal(1, web.Fetch.Redirects);
    }

    [Fact]
    public async Task The_HTTP_charset_decides_over_the_page_s_meta_charset()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        string html = File.ReadAllText(SamplePath);
        _server.MapBytes("/cp1252", Encoding.GetEncoding(1252).GetBytes(html), "text/html; charset=windows-1252");
        var served = (await Get("/cp1252")).Article;
        var saved = ArticleReader.ReadFile(SamplePath, Read).Article;
        Assert.Equal(saved.Body, served.Body);
        Assert.Contains("Maritime Workers’ Guild", served.Body);
    }

    [Fact]
    public async Task Without_a_canonical_link_the_final_address_is_the_Url_and_relative_links_resolve_against_it()
    {
        string html = File.ReadAllText(SamplePath)
            .Replace("<link rel=\"canonical\" href=\"https://islandgazette.example/news/2026/03/15/ferry-strike-second-day\">", "")
            .Replace("<meta property=\"og:url\" content=\"https://islandgazette.example/news/2026/03/15/ferry-strike-second-day\">", "");
        _server.MapText("/old", "", status: 301, headers: new Dictionary<string, string> { ["Location"] = "/new/story.html" });
        _server.MapText("/new/story.html", html);
        var a = (await Get("/old")).Article;
        Assert.Equal(_server.Url("/new/story.html").AbsoluteUri, a.Url);
        Assert.Equal(a.Url, a.Source);
    }

    [Theory]
    [InlineData("application/pdf")]
    [InlineData("image/png")]
    [InlineData("application/json")]
    public async Task Answers_that_are_not_web_pages_are_NotHtml(string type)
    {
        _server.MapBytes("/file", new byte[] { 0x25, 0x50, 0x44, 0x46, 0, 1, 2, 3 }, type);
        var ex = await Assert.ThrowsAsync<WebFetchException>(() => Get("/file"));
        Assert.Equal(WebProblemKind.NotHtml, ex.Kind);
        Assert.Contains(type, ex.Message);
        Assert.Contains(_server.Url("/file").ToString(), ex.Message);
        Assert.Contains("HTTP 200", ex.Message);
    }

    [Fact]
    public async Task Binary_bytes_without_a_content_type_are_NotHtml()
    {
        _server.MapBytes("/blob", new byte[] { 0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52 }, contentType: null);
        var ex = await Assert.ThrowsAsync<WebFetchException>(() => Get("/blob"));
        Assert.Equal(WebProblemKind.NotHtml, ex.Kind);
    }

    [Fact]
    public async Task An_index_page_is_not_an_article_and_an_empty_answer_is_empty()
    {
        var links = string.Concat(Enumerable.Range(1, 30).Select(i => $"<li><a href=\"/story/{i}\">Story number {i}</a></li>"));
        _server.MapText("/", $"<!doctype html><html><head><title>The Island Gazette</title></head><body><nav><ul>{links}</ul></nav></body></html>");
        var ex = await Assert.ThrowsAsync<InputProblemException>(() => Get("/"));
        Assert.Equal(InputProblemKind.NoArticle, ex.Kind);
        Assert.Contains(_server.BaseUri.ToString(), ex.Message);

        _server.MapText("/empty", "");
        var empty = await Assert.ThrowsAsync<InputProblemException>(() => Get("/empty"));
        Assert.Equal(InputProblemKind.Empty, empty.Kind);
        Assert.Contains("HTTP 200", empty.Message);
    }
}
