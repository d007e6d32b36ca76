using System.Net;
using System.Net.Http.Headers;
using NewsCmdlets.Engine.Ingest.Web;
using NewsCmdlets.TestSupport;

namespace NewsCmdlets.Engine.Tests.Hostile;

/// <summary>Servers that lie or lead elsewhere (issue 30, items 6 and 12).</summary>
public sealed class WebHostileTests
{
    private const string Page = "<!doctype html><html><head><title>Ferry</title></head><body><p>Ferry crews walked out.</p></body></html>";

    /// <summary>Answers from a table of address → (status, headers, body), recording what was asked; no network.</summary>
    private sealed class FakeServer : HttpMessageHandler
    {
        public readonly List<Uri> Asked = new();
        public readonly Dictionary<string, Func<HttpResponseMessage>> Routes = new(StringComparer.OrdinalIgnoreCase);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (Asked) Asked.Add(request.RequestUri!);
            return Task.FromResult(Routes.TryGetValue(request.RequestUri!.AbsoluteUri, out var make) ? make() : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(Page) });
        }
    }

    private static HttpResponseMessage Redirect(string location)
    {
        var r = new HttpResponseMessage(HttpStatusCode.Found);
        r.Headers.TryAddWithoutValidation("Location", location);
        return r;
    }

    // Item 6: a Content-Length was taken as the buffer's size (67 MB reserved for 1 KB; 2 GiB overflowed the cast).

    [Theory]
    [InlineData(67_000_000L)]
    [InlineData(2_147_483_648L)]
    [InlineData(long.MaxValue / 2)]
    public async Task A_lying_content_length_reserves_nothing_and_the_body_that_came_is_read(long claimed)
    {
        var server = new FakeServer();
        byte[] body = new byte[1024];
        "<html><body><p>Ferry</p></body></html>"u8.CopyTo(body);
        server.Routes["https://courier.example/a"] = () =>
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentLength = claimed;
            content.Headers.ContentType = new MediaTypeHeaderValue("text/html");
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        };
        using var fetcher = new WebFetcher(server);
        var result = await fetcher.FetchAsync(new Uri("https://courier.example/a"), new WebFetchOptions { MaximumBytes = long.MaxValue });
        Assert.Equal(1024, result.Bytes.Length);
        Assert.True(WebFetcher.InitialBufferLimit <= 64 * 1024);
    }

    // Item 12: redirects to other internal addresses were followed; unattended polling needs an opt-in refusal.

    private static Task<IPAddress[]> PublicDns(string host, CancellationToken _) => host switch
    {
        "localhost" => Task.FromResult(new[] { IPAddress.Loopback }),
        "intranet.example" => Task.FromResult(new[] { IPAddress.Parse("10.1.2.3") }),
        "mixed.example" => Task.FromResult(new[] { IPAddress.Parse("93.184.216.34"), IPAddress.Parse("192.168.1.1") }),
        _ => Task.FromResult(new[] { IPAddress.Parse("93.184.216.34") }),
    };

    [Theory]
    [InlineData("http://127.0.0.1:8080/admin", "loopback")]
    [InlineData("http://2130706433/", "loopback")]                 // 127.0.0.1 written as one number
    [InlineData("http://0x7f000001/", "loopback")]                 // and in hexadecimal
    [InlineData("//localhost:81/status", "loopback")]              // scheme-relative, a name that resolves to loopback
    [InlineData("http://[::1]/", "loopback")]
    [InlineData("http://[::ffff:10.0.0.1]/", "private")]           // an IPv4-mapped private address
    [InlineData("http://169.254.169.254/latest/meta-data/", "link-local")]
    [InlineData("http://intranet.example/wiki", "private")]
    [InlineData("http://mixed.example/", "private")]                // one private answer among public ones is enough
    [InlineData("http://100.64.0.1/", "carrier-grade NAT")]
    public async Task With_public_addresses_only_a_redirect_inward_is_refused_before_it_is_followed(string location, string kind)
    {
        var server = new FakeServer();
        server.Routes["https://feeds.example/feed"] = () => Redirect(location);
        using var fetcher = new WebFetcher(server, resolve: PublicDns);
        var ex = await Assert.ThrowsAsync<WebFetchException>(() => fetcher.FetchAsync(new Uri("https://feeds.example/feed"),
            new WebFetchOptions { PublicAddressesOnly = true, AllowInsecureRedirect = true }));
        Assert.Equal(WebProblemKind.PrivateAddress, ex.Kind);
        Assert.Contains(kind, ex.Message);
        Assert.Contains("-PublicAddressOnly", ex.Message);
        Assert.Equal(new[] { "https://feeds.example/feed" }, server.Asked.Select(u => u.AbsoluteUri)); // nothing was sent inward

        // Without the option the redirect is followed, as before.
        var open = new FakeServer();
        open.Routes["https://feeds.example/feed"] = () => Redirect(location);
        using var plain = new WebFetcher(open, resolve: PublicDns);
        await plain.FetchAsync(new Uri("https://feeds.example/feed"), new WebFetchOptions { AllowInsecureRedirect = true });
        Assert.Equal(2, open.Asked.Count);
    }

    [Fact]
    public async Task With_public_addresses_only_an_inward_address_given_is_refused()
    {
        var server = new FakeServer();
        using var fetcher = new WebFetcher(server, resolve: PublicDns);
        var ex = await Assert.ThrowsAsync<WebFetchException>(() => fetcher.FetchAsync(new Uri("http://192.168.0.1/"), new WebFetchOptions { PublicAddressesOnly = true }));
        Assert.Equal(WebProblemKind.PrivateAddress, ex.Kind);
        Assert.Empty(server.Asked);
        await fetcher.FetchAsync(new Uri("https://courier.example/a"), new WebFetchOptions { PublicAddressesOnly = true }); // a public one is fetched
    }

    [Fact]
    public async Task A_name_that_resolves_inward_when_the_connection_is_made_is_refused_there()
    {
        // The check before the request is told "localhost" is public (as a rebinding DNS server would say); the
        // connection then reaches 127.0.0.1, and is refused when it is made.
        using var server = new LoopbackServer();
        server.MapText("/a", Page);
        using var fetcher = new WebFetcher(WebFetcher.CreateHandler(), resolve: (_, _) => Task.FromResult(new[] { IPAddress.Parse("93.184.216.34") }));
        var uri = new Uri($"http://localhost:{server.BaseUri.Port}/a");
        var ex = await Assert.ThrowsAsync<WebFetchException>(() => fetcher.FetchAsync(uri, new WebFetchOptions { PublicAddressesOnly = true, Timeout = TimeSpan.FromSeconds(10) }));
        Assert.Equal(WebProblemKind.PrivateAddress, ex.Kind);
        Assert.Equal(0, server.Hits("/a"));
    }

    [Theory]
    [InlineData("93.184.216.34", null)]
    [InlineData("8.8.8.8", null)]
    [InlineData("2606:4700:4700::1111", null)]
    [InlineData("10.0.0.1", "private")]
    [InlineData("172.16.5.4", "private")]
    [InlineData("172.32.0.1", null)]
    [InlineData("192.168.1.1", "private")]
    [InlineData("127.1.2.3", "loopback")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("fd00::1", "private")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("::127.0.0.1", "loopback")]
    [InlineData("64:ff9b::a00:1", "private")]
    public void Addresses_are_told_apart(string address, string? kind)
    {
        string? found = AddressPolicy.NonPublicKind(IPAddress.Parse(address));
        if (kind == null) Assert.Null(found);
        else Assert.Contains(kind, found);
    }
}
