using System.Runtime.CompilerServices;
using System.Text;
using NewsCmdlets.Engine.Ingest;
using NewsCmdlets.Engine.Ingest.Feeds;
using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Engine.Tests.Hostile;

/// <summary>
/// Feeds built to hurt (issue 30, items 1, 3, 4, 10 and 11), generated here: each is read without recursion over its
/// depth, with a per-item problem or a warning where it is broken, and the items after it are still read.
/// </summary>
public sealed class FeedHostileTests
{
    private static string Rep(string s, int n) => string.Concat(Enumerable.Repeat(s, n));

    private static ParsedFeed Parse(string text, CancellationToken cancel = default) => Parse(Encoding.UTF8.GetBytes(text), cancel);

    private static ParsedFeed Parse(byte[] bytes, CancellationToken cancel = default) =>
        FeedParser.Parse(bytes, "hostile.xml", null, new FeedReadOptions(), cancel);

    // Item 1: 40,000 levels of HTML in a feed's text ended the process with "Stack overflow." (a recursive walk).

    [Fact]
    public void Deeply_nested_html_in_an_rss_title_and_description_is_read_and_the_next_item_too()
    {
        string deep = Rep("<b>", 40_000) + "Ferry strike";
        var feed = Parse($"<rss><channel><title>Harbour</title><item><title><![CDATA[{deep}]]></title><description><![CDATA[{deep}]]></description></item>" +
                         "<item><title>Second</title></item></channel></rss>");
        var items = feed.Items.ToList();
        Assert.Equal(2, items.Count);
        Assert.Equal("Ferry strike", items[0].Title);
        Assert.Equal("Ferry strike", items[0].Summary);
        Assert.Equal("Second", items[1].Title);
    }

    [Fact]
    public void Deeply_nested_html_in_atom_and_json_feed_text_is_read()
    {
        string deep = System.Net.WebUtility.HtmlEncode(Rep("<i>", 40_000) + "Island cut off");
        var atom = Parse($"<feed xmlns='http://www.w3.org/2005/Atom'><title type='html'>{deep}</title><entry><title type='html'>{deep}</title><summary type='html'>{deep}</summary></entry></feed>");
        Assert.Equal("Island cut off", atom.Title);
        Assert.Equal("Island cut off", Assert.Single(atom.Items).Summary);

        string json = Rep("<u>", 40_000) + "Island cut off";
        var feed = Parse($$"""{"version":"https://jsonfeed.org/version/1.1","title":"{{json}}","items":[{"title":"{{json}}","summary":"{{json}}"},{"title":"Next"}]}""");
        Assert.Equal("Island cut off", feed.Title);
        Assert.Equal(new[] { "Island cut off", "Next" }, feed.Items.Select(i => i.Title));
    }

    [Fact]
    public void Deeply_nested_feed_content_builds_an_article()
    {
        var item = new NewsFeedItem { Title = "Ferry strike", Link = "https://courier.example/a", Content = Rep("<div>", 40_000) + "<p>" + Rep("Crews walked out at dawn. ", 30) + "</p>" };
        var article = FeedArticleBuilder.FromContent(item, new ArticleReadOptions()).Article;
        Assert.Contains("Crews walked out at dawn.", article.Body);
    }

    // Item 3: nested XML elements cost quadratic time (XDocument) and Ctrl+C was heard only when parsing ended.

    [Fact]
    public void An_item_nested_too_deeply_is_an_item_problem_and_the_next_item_is_read()
    {
        var feed = Parse("<rss><channel><item><title>First</title><description>" + Rep("<x>", 100_000) + Rep("</x>", 100_000) +
                         "</description></item><item><title>Second</title></item></channel></rss>");
        var entries = feed.Entries;
        Assert.Equal(2, entries.Count);
        Assert.Null(entries[0].Item);
        Assert.Contains($"more than {FeedReadOptions.MaximumDepth} deep", entries[0].Problem);
        Assert.Equal("Second", entries[1].Item!.Title);
    }

    [Fact]
    public void A_feed_element_nested_too_deeply_outside_the_items_is_left_out_with_a_warning()
    {
        var feed = Parse("<feed xmlns='http://www.w3.org/2005/Atom'><title>Courier</title><subtitle>" + Rep("<x>", 5_000) + Rep("</x>", 5_000) +
                         "</subtitle><entry><title>First</title></entry></feed>");
        Assert.Equal("Courier", feed.Title);
        Assert.Equal("First", Assert.Single(feed.Items).Title);
        Assert.Contains(feed.Warnings, w => w.Contains("<subtitle>") && w.Contains("deep"));
    }

    [Fact]
    public void Reading_a_feed_stops_when_cancelled()
    {
        using var cancel = new CancellationTokenSource();
        var feed = Parse("<rss><channel>" + Rep("<item><title>Ferry</title></item>", 2_000) + "</channel></rss>", cancel.Token);
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => feed.Entries);
    }

    // Item 11: a feed was read whole into memory (XDocument, JsonDocument, every entry kept) before anything came out.

    [Fact]
    public void Items_come_out_before_the_rest_of_the_document_is_read()
    {
        var feed = Parse("<rss><channel><item><title>First</title></item><item><title>Second</title>");
        using var entries = feed.ReadEntries().GetEnumerator();
        Assert.True(entries.MoveNext());
        Assert.Equal("First", entries.Current.Item!.Title);
        var ex = Assert.Throws<FeedException>(() => { while (entries.MoveNext()) { } });
        Assert.Equal(FeedProblemKind.Malformed, ex.Kind);
        Assert.Contains("after item", ex.Message);
        Assert.Contains("hostile.xml", ex.Message);
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public void Streamed_items_are_not_kept(string format)
    {
        string text = format == "xml"
            ? "<rss><channel>" + Rep("<item><title>Ferry</title></item>", 50) + "</channel></rss>"
            : """{"version":"https://jsonfeed.org/version/1.1","items":[""" + string.Join(",", Enumerable.Repeat("""{"title":"Ferry"}""", 50)) + "]}";
        var feed = Parse(text);
        var first = ReadAllKeepingAWeakReferenceToTheFirst(feed);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(first.IsAlive);
        GC.KeepAlive(feed);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference ReadAllKeepingAWeakReferenceToTheFirst(ParsedFeed feed)
    {
        WeakReference? first = null;
        int n = 0;
        foreach (var entry in feed.ReadEntries())
        {
            first ??= new WeakReference(entry.Item);
            n++;
        }
        Assert.Equal(50, n);
        return first!;
    }

    // Item 4: invalid UTF-8 in a JSON Feed string was a terminating error; one bad byte in XML refused the whole feed.

    [Fact]
    public void Invalid_utf8_in_a_json_feed_string_is_replaced_with_a_warning()
    {
        byte[] bytes = Encoding.UTF8.GetBytes("""{"version":"https://jsonfeed.org/version/1.1","title":"Courier","items":[{"title":"Ferry #"},{"title":"Next"}]}""");
        bytes[Array.IndexOf(bytes, (byte)'#')] = 0xFF;
        var feed = Parse(bytes);
        Assert.Equal(new[] { "Ferry \uFFFD", "Next" }, feed.Items.Select(i => i.Title));
        Assert.Contains(feed.Warnings, w => w.Contains("not valid UTF-8") && w.Contains("hostile.xml"));
    }

    [Fact]
    public void One_bad_byte_in_an_xml_feed_costs_a_character_not_the_feed()
    {
        byte[] bytes = Encoding.UTF8.GetBytes("<?xml version='1.0' encoding='utf-8'?><rss><channel><item><title>Caf# crews</title></item></channel></rss>");
        bytes[Array.IndexOf(bytes, (byte)'#')] = 0xE9; // Latin-1 é in a UTF-8 feed
        var feed = Parse(bytes);
        Assert.Equal("Caf\uFFFD crews", Assert.Single(feed.Items).Title);
        Assert.Contains(feed.Warnings, w => w.Contains("1 invalid byte sequence"));
    }

    [Fact]
    public void A_feed_in_a_declared_legacy_encoding_is_read_in_it()
    {
        var cp1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;
        var feed = Parse(cp1252.GetBytes("<?xml version='1.0' encoding='windows-1252'?><rss><channel><item><title>Café “quay”</title></item></channel></rss>"));
        Assert.Equal("Café “quay”", Assert.Single(feed.Items).Title);
        Assert.Empty(feed.Warnings);
    }

    // Item 10: a DOCTYPE inside a comment hid the real one, which then failed as "undeclared entity" (InvalidFeed).

    [Fact]
    public void A_decoy_doctype_in_a_comment_does_not_hide_the_real_one()
    {
        var ex = Assert.Throws<FeedException>(() => Parse(
            "<?xml version='1.0'?><!-- <!DOCTYPE rss PUBLIC '-//Netscape' 'http://my.netscape.com/publish/formats/rss-0.91.dtd'> -->" +
            "<!DOCTYPE rss [<!ENTITY e 'expanded'>]><rss version='0.91'><channel><item><title>&e;</title></item></channel></rss>"));
        Assert.Equal(FeedProblemKind.DtdProhibited, ex.Kind);
    }

    [Fact]
    public void A_doctype_mentioned_in_a_comment_alone_is_no_doctype()
    {
        var feed = Parse("<?xml version='1.0'?><!-- <!DOCTYPE rss [ <!ENTITY x 'y'> ]> --><rss><channel><item><title>Ferry</title></item></channel></rss>");
        Assert.Equal("Ferry", Assert.Single(feed.Items).Title);
    }

    // Found by the fuzzer: patterns with a timeout threw RegexMatchTimeoutException (a crash) on a busy machine, and
    // two of them backtrack exponentially or quadratically on input the feed controls.

    [Fact]
    public void A_feed_of_comments_in_a_row_is_an_error_for_the_feed_not_a_timeout()
    {
        var ex = Assert.Throws<FeedException>(() => Parse(Rep("<!---->", 25) + "<x"));
        Assert.Equal(FeedProblemKind.Malformed, ex.Kind);
    }

    [Fact]
    public void Feed_content_with_a_long_run_of_spaces_after_a_bracket_builds_an_article()
    {
        var item = new NewsFeedItem { Title = "Ferry", Content = "<" + new string(' ', 100_000) + "x <p>" + Rep("Crews walked out at dawn. ", 20) + "</p>" };
        Assert.Contains("Crews walked out", FeedArticleBuilder.FromContent(item, new ArticleReadOptions()).Article.Body);
    }

    // Found by the fuzzer: JSON that escapes half a UTF-16 pair ("\ud800") parses, but reading the string throws.

    [Fact]
    public void Json_escapes_of_lone_surrogates_are_read_as_replacement_characters()
    {
        var feed = Parse("""{"version":"https://jsonfeed.org/version/1.1","title":"Courier \udc00","items":[{"title":"Ferry \ud800 strike","\ud800x":1},{"title":"Pair \ud83d\udea2 kept"}]}""");
        Assert.Equal("Courier \uFFFD", feed.Title);
        Assert.Equal(new[] { "Ferry \uFFFD strike", "Pair \U0001F6A2 kept" }, feed.Items.Select(i => i.Title));
        Assert.Contains(feed.Warnings, w => w.Contains("without their pair"));
    }

    [Fact]
    public void Control_characters_in_feed_text_are_dropped()
    {
        var feed = Parse("""{"version":"https://jsonfeed.org/version/1.1","items":[{"title":"Ferry\u0000 strike\u0001","summary":"<p>Crews\u0000 out</p>","content_html":"<p>Crews walked\u0000 out at dawn over pay, the union said on Saturday morning.</p>"}]}""");
        var item = Assert.Single(feed.Items);
        Assert.Equal("Ferry strike", item.Title);
        Assert.Equal("Crews out", item.Summary);
        Assert.DoesNotContain('\0', FeedArticleBuilder.FromContent(item, new ArticleReadOptions()).Article.Body);
    }
}
