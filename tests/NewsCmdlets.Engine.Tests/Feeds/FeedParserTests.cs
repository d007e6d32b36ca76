using System.Diagnostics;
using System.Text;
using NewsCmdlets.Engine.Ingest.Feeds;
using static NewsCmdlets.Engine.Tests.Feeds.FeedFixtures;

namespace NewsCmdlets.Engine.Tests.Feeds;

public sealed class FeedParserTests
{
    [Fact]
    public void Rss_2_0_items_carry_content_encoded_dc_creator_categories_enclosures_and_media_with_links_resolved()
    {
        var feed = Parse(Rss20, "https://harbourcourier.example/feed.xml", new Uri("https://harbourcourier.example/feed.xml"));
        Assert.Equal("RSS 2.0", feed.Format);
        Assert.Equal("The Harbour Courier", feed.Title);
        Assert.Equal("https://harbourcourier.example/", feed.Link);
        Assert.Equal("en-gb", feed.Language);
        var items = feed.Items.ToList();
        Assert.Equal(2, items.Count);

        var a = items[0];
        Assert.Equal("Westmere ferry crews walk out, stranding island commuters", a.Title);
        Assert.Equal("https://harbourcourier.example/news/2026/03/14/ferry-strike", a.Link); // relative, against the feed's address
        Assert.Equal("hc-1001", a.Guid);
        Assert.Equal(new DateTimeOffset(2026, 3, 14, 7, 45, 0, TimeSpan.Zero), a.Published);
        Assert.Null(a.Updated);
        Assert.Equal(new[] { "Ines Marr" }, a.Authors);
        Assert.Equal(new[] { "Transport", "Westmere" }, a.Categories);
        Assert.Equal("Transport; Westmere", a.Categories.ToString());
        Assert.Equal("Ferry crews on the Westmere–Carrow Island route walked out at dawn.", a.Summary); // HTML to text, entities decoded
        Assert.StartsWith("<p>Ferry crews on the route between Westmere", a.Content);
        Assert.Equal(new[] { "https://harbourcourier.example/audio/ferry-strike.mp3" }, a.Enclosures);
        Assert.Equal(new[] { "https://img.harbourcourier.example/ferry.jpg", "https://img.harbourcourier.example/ferry-small.jpg" }, a.Media);
        Assert.Equal("The Harbour Courier", a.FeedTitle);
        Assert.Equal("https://harbourcourier.example/", a.FeedLink);
        Assert.Equal("en-gb", a.FeedLanguage);
        Assert.Equal("RSS 2.0", a.FeedFormat);
        Assert.Equal("https://harbourcourier.example/feed.xml", a.SourceFeed);

        var b = items[1];
        Assert.Equal(new[] { "Tomas Reyne" }, b.Authors); // "address (Name)"
        Assert.Null(b.Content);
        Assert.Equal("The summer festival returns to the quay in July.", b.Summary);
        Assert.Equal(new DateTimeOffset(2026, 3, 13, 18, 0, 0, TimeSpan.Zero), b.Published);
    }

    [Fact]
    public void A_file_feed_resolves_relative_links_against_its_own_site_link()
    {
        var feed = Parse(Rss20, "/tmp/harbour.xml");
        Assert.Equal("https://harbourcourier.example/news/2026/03/14/ferry-strike", feed.Items.First().Link);
    }

    [Fact]
    public void Rss_0_91_with_the_Netscape_doctype_is_read_without_fetching_the_dtd()
    {
        var feed = Parse(Rss091);
        Assert.Equal("RSS 0.91", feed.Format);
        var item = Assert.Single(feed.Items);
        Assert.Equal("Ferry strike strands Carrow Island residents", item.Title);
        Assert.Equal("Lakeside Daily", item.FeedTitle);
        Assert.Contains(feed.Decisions, d => d.Contains("DOCTYPE", StringComparison.Ordinal));
    }

    [Fact]
    public void Rss_1_0_rdf_reads_dc_date_creator_subject_and_rdf_about()
    {
        var feed = Parse(Rss10);
        Assert.Equal("RSS 1.0", feed.Format);
        var item = Assert.Single(feed.Items);
        Assert.Equal("Island cut off as ferry workers strike over pay", item.Title);
        Assert.Equal("https://valleypost.example/island-cut-off", item.Guid);
        Assert.Equal(new DateTimeOffset(2026, 3, 14, 9, 10, 0, TimeSpan.FromHours(1)), item.Published);
        Assert.Equal(new[] { "Jonah Pike", "Northsea Press Agency" }, item.Authors);
        Assert.Equal(new[] { "Islands" }, item.Categories);
        Assert.Equal("<p>Carrow Island was cut off on Saturday as ferry workers struck over pay.</p>", item.Content);
        Assert.Equal("en", item.FeedLanguage);
        Assert.Equal("Valley Evening Post", item.FeedTitle);
    }

    [Fact]
    public void Atom_reads_text_constructs_xml_base_xhtml_content_and_inherits_feed_authors()
    {
        var feed = Parse(Atom, "atom.xml");
        Assert.Equal("Atom 1.0", feed.Format);
        Assert.Equal("The Metro Ledger", feed.Title);
        Assert.Equal("https://metroledger.example/", feed.Link);
        var items = feed.Items.ToList();
        var a = items[0];
        Assert.Equal("The strike that shows how fragile island life has become", a.Title);
        Assert.Equal("https://metroledger.example/opinion/2026/03/15/fragile-island", a.Link);
        Assert.Equal(new DateTimeOffset(2026, 3, 15, 6, 0, 0, TimeSpan.Zero), a.Published);
        Assert.Equal(new DateTimeOffset(2026, 3, 15, 9, 30, 0, TimeSpan.Zero), a.Updated);
        Assert.Equal(new[] { "Priya Hollis" }, a.Authors);
        Assert.Equal(new[] { "Opinion" }, a.Categories);
        Assert.Equal(new[] { "https://img.metroledger.example/quay.jpg" }, a.Enclosures);
        Assert.Contains("<p>Two days without a ferry", a.Content);
        Assert.Equal("tag:metroledger.example,2026:opinion-77", a.Guid);
        Assert.Equal("en", a.FeedLanguage);

        var b = items[1];
        Assert.Equal("https://metroledger.example/letters/2026/03/15/letters", b.Link); // the entry's own xml:base
        Assert.Null(b.Published);
        Assert.Equal(new[] { "Metro Ledger Opinion Desk" }, b.Authors);
        Assert.Equal("Readers write about the ferry strike.", b.Content);
    }

    [Fact]
    public void Json_feed_1_1_reads_items_and_reports_a_broken_date_and_a_non_object_item()
    {
        var feed = Parse(JsonFeed, "https://islandgazette.example/feed.json", new Uri("https://islandgazette.example/feed.json"));
        Assert.Equal("JSON Feed 1.1", feed.Format);
        Assert.Equal(3, feed.Entries.Count);
        var a = feed.Entries[0].Item!;
        Assert.Equal("Second day without a ferry", a.Title);
        Assert.Equal(new DateTimeOffset(2026, 3, 15, 8, 30, 0, TimeSpan.Zero), a.Published);
        Assert.Equal(new DateTimeOffset(2026, 3, 15, 11, 0, 0, TimeSpan.Zero), a.Updated);
        Assert.Equal(new[] { "Fenna Holloway" }, a.Authors);
        Assert.Equal(new[] { "ferry", "strike" }, a.Categories);
        Assert.Equal(new[] { "https://islandgazette.example/audio/quay.mp3" }, a.Enclosures);
        Assert.Equal(new[] { "https://islandgazette.example/img/quay.jpg" }, a.Media);
        Assert.Equal("en-GB", a.FeedLanguage);

        var b = feed.Entries[1];
        Assert.Equal("42", b.Item!.Guid);
        Assert.Equal("https://islandgazette.example/news/2026/03/14/ferry-strike", b.Item.Link);
        Assert.Null(b.Item.Published); // the item still comes through
        Assert.Equal(new[] { "Gazette Staff" }, b.Item.Authors);
        var w = Assert.Single(b.Warnings);
        Assert.Contains("'yesterday'", w);
        Assert.Contains("date_published", w);

        Assert.Null(feed.Entries[2].Item);
        Assert.Contains("not an object", feed.Entries[2].Problem);
    }

    [Fact]
    public void Broken_dates_warn_and_the_item_comes_through()
    {
        string rss = """
            <rss version="2.0"><channel><title>T</title><link>https://t.example/</link>
            <item><title>A</title><link>https://t.example/a</link><pubDate>Tomorrow at noon</pubDate></item>
            <item><title>B</title><link>https://t.example/b</link><pubDate>03/04/2026</pubDate></item>
            <item><title>C</title><link>https://t.example/c</link><pubDate>0001-01-01T00:00:00Z</pubDate></item>
            <item><title>D</title><link>https://t.example/d</link><pubDate>Sun, 14 Mar 26 8:30 +0100</pubDate></item>
            </channel></rss>
            """;
        var feed = Parse(rss);
        Assert.Equal(4, feed.Items.Count());
        Assert.Contains("Tomorrow at noon", Assert.Single(feed.Entries[0].Warnings));
        Assert.Contains("day and month", Assert.Single(feed.Entries[1].Warnings));
        Assert.Contains("placeholder", Assert.Single(feed.Entries[2].Warnings));
        Assert.Empty(feed.Entries[3].Warnings);
        Assert.Equal(new DateTimeOffset(2026, 3, 14, 8, 30, 0, TimeSpan.FromHours(1)), feed.Entries[3].Item!.Published);
        Assert.All(feed.Entries.Take(3), e => Assert.Null(e.Item!.Published));
    }

    [Fact]
    public void An_item_with_nothing_in_it_is_a_per_item_problem_and_a_javascript_link_a_warning()
    {
        string rss = """
            <rss version="2.0"><channel><title>T</title><link>https://t.example/</link>
            <item><guid isPermaLink="false">x</guid></item>
            <item><title>Has a bad link</title><link>javascript:alert(1)</link></item>
            </channel></rss>
            """;
        var feed = Parse(rss);
        Assert.Contains("no title, link or text", feed.Entries[0].Problem);
        var bad = feed.Entries[1];
        Assert.Null(bad.Item!.Link);
        Assert.Contains("javascript", Assert.Single(bad.Warnings));
    }

    [Fact]
    public void A_permalink_guid_stands_in_for_a_missing_link()
    {
        var feed = Parse("""<rss version="2.0"><channel><title>T</title><item><title>A</title><guid>https://t.example/a</guid></item></channel></rss>""");
        Assert.Equal("https://t.example/a", feed.Items.Single().Link);
    }

    [Theory]
    [InlineData("", FeedProblemKind.Empty)]
    [InlineData("   \n ", FeedProblemKind.Empty)]
    [InlineData("just some words", FeedProblemKind.NotAFeed)]
    [InlineData("<rss version=\"2.0\"><channel><title>Broken</title>", FeedProblemKind.Malformed)]
    [InlineData("<?xml version=\"1.0\"?><catalog><book/></catalog>", FeedProblemKind.NotAFeed)]
    [InlineData("{\"name\": \"not a feed\"}", FeedProblemKind.NotAFeed)]
    [InlineData("{\"items\": [", FeedProblemKind.Malformed)]
    [InlineData("<!doctype html><html><head><title>Home</title></head><body>Hi</body></html>", FeedProblemKind.NotAFeed)]
    public void Documents_that_are_not_feeds_fail_with_their_kind(string text, FeedProblemKind kind)
    {
        var ex = Assert.Throws<FeedException>(() => Parse(text, "bad.xml"));
        Assert.Equal(kind, ex.Kind);
        Assert.Contains("bad.xml", ex.Message);
    }

    [Fact]
    public void A_web_page_given_as_a_feed_names_the_feed_it_advertises()
    {
        string page = """<!doctype html><html><head><title>Courier</title><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body></body></html>""";
        var ex = Assert.Throws<FeedException>(() => Parse(page, "https://harbourcourier.example/", new Uri("https://harbourcourier.example/")));
        Assert.Equal(FeedProblemKind.NotAFeed, ex.Kind);
        Assert.Contains("https://harbourcourier.example/feed.xml", ex.Message);
    }

    [Fact]
    public void A_feed_larger_than_the_limit_is_refused()
    {
        var ex = Assert.Throws<FeedException>(() => Parse(Rss20, "big.xml", max: 1000));
        Assert.Equal(FeedProblemKind.TooLarge, ex.Kind);
        Assert.Contains("-MaximumFeedSize", ex.Message);
    }

    [Fact]
    public void An_external_entity_cannot_read_a_local_file()
    {
        string secret = Path.Combine(Path.GetTempPath(), $"newscmdlets-secret-{Guid.NewGuid():N}.txt");
        File.WriteAllText(secret, "TOP-SECRET-CONTENT");
        try
        {
            string uri = new Uri(secret).AbsoluteUri;
            string xxe = $"""
                <?xml version="1.0"?>
                <!DOCTYPE rss [ <!ENTITY xxe SYSTEM "{uri}"> ]>
                <rss version="2.0"><channel><title>&xxe;</title><item><title>&xxe;</title><link>https://t.example/a</link></item></channel></rss>
                """;
            var ex = Assert.Throws<FeedException>(() => Parse(xxe, "xxe.xml"));
            Assert.Equal(FeedProblemKind.DtdProhibited, ex.Kind);
            Assert.DoesNotContain("TOP-SECRET", ex.ToString());

            // Hidden after the first 8 KiB, where the pre-check does not look: the reader itself refuses the DTD.
            string padded = "<?xml version=\"1.0\"?>\n<!--" + new string(' ', 9000) + "-->\n" + xxe[(xxe.IndexOf("<!DOCTYPE", StringComparison.Ordinal))..];
            var ex2 = Assert.Throws<FeedException>(() => Parse(padded, "xxe2.xml"));
            Assert.Equal(FeedProblemKind.DtdProhibited, ex2.Kind);
            Assert.DoesNotContain("TOP-SECRET", ex2.ToString());

            // An external DTD alone (no internal subset) is skipped, never fetched; its entity stays undeclared.
            string external = $"""
                <?xml version="1.0"?>
                <!DOCTYPE rss SYSTEM "{uri}">
                <rss version="2.0"><channel><title>&xxe;</title></channel></rss>
                """;
            var ex3 = Assert.Throws<FeedException>(() => Parse(external, "xxe3.xml"));
            Assert.Equal(FeedProblemKind.Malformed, ex3.Kind);
            Assert.DoesNotContain("TOP-SECRET", ex3.ToString());
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public void An_entity_expansion_bomb_is_refused_quickly_without_expanding()
    {
        var sb = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
        sb.Append(" <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n");
        for (int i = 2; i <= 9; i++) sb.Append($" <!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))}\">\n");
        sb.Append("]>\n<rss version=\"2.0\"><channel><title>&lol9;</title></channel></rss>");
        long before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var ex = Assert.Throws<FeedException>(() => Parse(sb.ToString(), "bomb.xml"));
        clock.Stop();
        Assert.Equal(FeedProblemKind.DtdProhibited, ex.Kind);
        // A billion "lol"s would be gigabytes; refusing costs next to nothing.
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 50_000_000, "the bomb was (partly) expanded");
    }

    [Fact]
    public void Duplicates_are_told_by_link_or_guid_and_bare_guids_only_within_their_feed()
    {
        var d = new FeedItemDeduplicator();
        var a = new Model.NewsFeedItem { Link = "https://t.example/a", Guid = "1", SourceFeed = "f1" };
        Assert.True(d.IsNew(a, out _));
        Assert.False(d.IsNew(new Model.NewsFeedItem { Link = "https://T.example/a#comments", SourceFeed = "f2" }, out var why));
        Assert.Contains("link", why);
        Assert.False(d.IsNew(new Model.NewsFeedItem { Link = "https://t.example/other", Guid = "1", SourceFeed = "f1" }, out why));
        Assert.Contains("guid", why);
        Assert.True(d.IsNew(new Model.NewsFeedItem { Link = "https://t.example/b", Guid = "1", SourceFeed = "f2" }, out _)); // another feed's "1"
        Assert.True(d.IsNew(new Model.NewsFeedItem { Guid = "tag:t.example,2026:9", SourceFeed = "f1" }, out _));
        Assert.False(d.IsNew(new Model.NewsFeedItem { Guid = "tag:t.example,2026:9", SourceFeed = "f3" }, out _)); // a global guid
    }
}
