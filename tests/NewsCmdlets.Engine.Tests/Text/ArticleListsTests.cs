using NewsCmdlets.Engine.Ingest;
using NewsCmdlets.Engine.Ingest.Text;
using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Engine.Tests.Text;

/// <summary>
/// How an article holds its lists: paragraphs as a view over the body, the removed chrome as UTF-8, shared empty
/// lists. Every form must read exactly as the plain list of strings it replaces.
/// </summary>
public sealed class ArticleListsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Everything a caller can read of a list, against the plain strings.</summary>
    private static void ReadsAs(string[] expected, string separator, TextList list)
    {
        Assert.Equal(expected, list.ToArray());
        Assert.Equal(expected.Length, list.Count);
        Assert.Equal(separator, list.Separator);
        Assert.Equal(string.Join(separator, expected), list.ToString());
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], list[i]);
            Assert.Equal(Array.IndexOf(expected, expected[i]), list.IndexOf(expected[i]));
            Assert.Contains(expected[i], list);
        }
        Assert.DoesNotContain("a line no list here holds", list);
        var copy = new string[expected.Length + 1];
        list.CopyTo(copy, 1);
        Assert.Equal(expected, copy[1..]);
        Assert.ThrowsAny<SystemException>(() => list[expected.Length]);
    }

    [Theory]
    [InlineData(new[] { "The ferry to Quillon sailed at dawn." }, true)]                                            // one paragraph
    [InlineData(new[] { "Brask council met on Monday.", "It voted 7-2 to close the pier.", "Works start in May." }, true)]
    [InlineData(new[] { "Line one ends in a carriage return.\r", "Line two too.\r", "Last." }, true)]             // CRLF text: the \r stays in each
    [InlineData(new[] { "Story text.", "", "" }, true)]                                                           // trailing blank lines
    [InlineData(new[] { "", "Story after a blank first line." }, true)]
    [InlineData(new[] { "One.", "", "Two after a blank line." }, true)]
    [InlineData(new[] { "A paragraph\nholding a line break.", "Next." }, false)]                                   // not the body's lines: kept as given
    [InlineData(new string[0], false)]                                                                            // empty body, no paragraph
    [InlineData(new[] { "" }, false)]                                                                             // empty body, one empty paragraph
    [InlineData(new[] { "Ünïcode — Séoul 서울 and an emoji 🚢.", "Second." }, true)]
    public void Paragraphs_over_the_body_read_as_the_lines_they_were(string[] paragraphs, bool view)
    {
        string body = string.Join("\n", paragraphs);
        var list = BodyLines.Paragraphs(body, paragraphs.ToList());
        Assert.Equal(view, list.Inner is BodyLines);
        ReadsAs(paragraphs, "\n", list);
        if (view) Assert.Equal(body.Split('\n'), list.ToArray()); // the old form: the body split on line breaks
        Assert.Equal(paragraphs.Length > 0 && body.Length > 0 && !paragraphs.Any(p => p.Contains('\n')), BodyLines.AreLinesOf(body, paragraphs));
    }

    [Fact]
    public void Paragraphs_that_are_not_the_body_are_kept_as_given()
    {
        var paragraphs = new[] { "Brask council met on Monday.", "It voted 7-2." };
        foreach (var body in new[] { "Brask council met on Monday.\nIt voted 7-3.", "Brask council met on Monday.", "Brask council met on Monday.\nIt voted 7-2.\nMore." })
        {
            var list = BodyLines.Paragraphs(body, paragraphs.ToList());
            Assert.IsNotType<BodyLines>(list.Inner);
            ReadsAs(paragraphs, "\n", list);
        }
    }

    [Fact]
    public void A_view_needs_no_split_to_count_or_print_and_reads_the_same_from_several_threads()
    {
        string body = string.Join("\n", Enumerable.Range(1, 400).Select(i => $"Paragraph {i} of the harbour report."));
        var list = BodyLines.LinesOf(body);
        Assert.Same(body, list.ToString()); // printed (Export-Csv) as the body itself, nothing split or joined
        Assert.Equal(400, list.Count);
        var seen = new string[8][];
        Parallel.For(0, 8, i => seen[i] = list.ToArray());
        foreach (var s in seen) Assert.Equal(body.Split('\n'), s);
        Assert.True(BodyLines.AreLinesOf(body, list));
        Assert.False(BodyLines.AreLinesOf(body + ".", list));
    }

    [Theory]
    [InlineData("Home | News | Quillon¦Sign up for the Brask Courier morning briefing¦More from Brask Courier")]
    [InlineData("Séoul — 서울 teaser with an emoji 🚢 and accents: café, naïve, Øresund.¦¦Second block.")]
    [InlineData("A single block of page chrome long enough to be kept as UTF-8 bytes.")]
    public void Utf8_items_read_as_the_strings_they_were(string joined)
    {
        var items = joined.Split('¦'); // items of one test case, split on a character none of them holds
        var list = Utf8TextItems.List(items, "\n\n");
        Assert.IsType<Utf8TextItems>(list.Inner);
        ReadsAs(items, "\n\n", list);
    }

    [Fact]
    public void Chrome_lines_seen_in_an_earlier_article_are_held_once_and_read_back_the_same()
    {
        string run = Guid.NewGuid().ToString("N")[..8]; // lines no other test has given the shared pool
        string menu = $"Home | Harbour | Quillon Ledger {run}", digest = $"Get the Quillon Ledger evening digest {run}";
        var first = new[] { menu, $"{digest}\nMore from the Ledger\nFerry timetable changes for the winter {run}\n3h ago" };
        var second = new[] { menu, $"Tide gauge at Pellam pier replaced {run}\n{digest}\nMore from the Ledger\nFerry timetable changes for the winter {run}\n40m ago" };
        var a = Utf8TextItems.List(first, "\n\n");
        var b = Utf8TextItems.List(second, "\n\n");
        var again = Utf8TextItems.List(second, "\n\n");
        ReadsAs(first, "\n\n", a);
        ReadsAs(second, "\n\n", b);
        ReadsAs(second, "\n\n", again);
        int full = second.Sum(x => System.Text.Encoding.UTF8.GetByteCount(x));
        // The second article's menu, digest line and teaser were seen before: each is a 3-byte reference.
        Assert.True(((Utf8TextItems)b.Inner).Bytes < full - 80, $"{((Utf8TextItems)b.Inner).Bytes} of {full}");
        // Given again, its own new line (the tide gauge) has been seen twice now and is shared too.
        Assert.True(((Utf8TextItems)again.Inner).Bytes < ((Utf8TextItems)b.Inner).Bytes - 30);
        var seen = new string[8][];
        Parallel.For(0, 8, i => seen[i] = Utf8TextItems.List(second, "\n\n").ToArray());
        foreach (var s in seen) Assert.Equal(second, s);
    }

    [Fact]
    public void Utf8_items_keep_a_lone_surrogate_and_short_lists_as_strings()
    {
        var lone = new[] { "Chrome with a broken character \uD800 in the middle of a long enough line of text.", "Next block." };
        var list = Utf8TextItems.List(lone, "\n\n");
        Assert.IsNotType<Utf8TextItems>(list.Inner); // UTF-8 would turn it into U+FFFD
        ReadsAs(lone, "\n\n", list);
        var shortOne = new[] { "Home", "News" };
        list = Utf8TextItems.List(shortOne, "\n\n");
        Assert.IsNotType<Utf8TextItems>(list.Inner);
        ReadsAs(shortOne, "\n\n", list);
        ReadsAs(Array.Empty<string>(), "\n\n", Utf8TextItems.List(Array.Empty<string>(), "\n\n"));
    }

    [Fact]
    public void Empty_lists_are_shared_and_keep_their_separator()
    {
        foreach (var sep in new[] { "; ", "\n", "\n\n", " | " })
        {
            var a = TextList.Of(new List<string>(), sep);
            ReadsAs(Array.Empty<string>(), sep, a);
            if (sep != " | ") Assert.Same(a, TextList.Of(new List<string>(), sep));
        }
        var one = TextList.Of(new List<string> { "Ada Ruiz" });
        ReadsAs(new[] { "Ada Ruiz" }, "; ", one);
    }

    private const string TextWithChrome = """
        Home | News | Quillon

        Brask council votes to close the old pier

        By Ada Ruiz, Brask Courier

        Sign up for the Brask Courier morning briefing

        Brask council voted on Monday to close the old pier at Quillon after engineers found cracks in its supports.

        The vote was 7-2. Councillor Per Holm said the pier had served the town for ninety years.

        Repairs would cost $4.2 million, the council said.

        More from Brask Courier

        © 2026 Brask Courier. All rights reserved.
        """;

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void A_text_article_holds_its_paragraphs_as_body_lines_and_its_chrome_as_utf8(string newline)
    {
        var a = TextArticleParser.Parse(TextWithChrome.Replace("\n", newline), new TextArticleOptions { Source = "pier.txt", Now = Now });
        Assert.IsType<BodyLines>(a.Paragraphs.Inner);
        ReadsAs(a.Body.Split('\n'), "\n", a.Paragraphs);
        Assert.Equal(3, a.Paragraphs.Count);
        Assert.StartsWith("Brask council voted on Monday", a.Paragraphs[0]);
        Assert.IsType<Utf8TextItems>(a.Removed.Inner);
        Assert.Contains("Sign up for the Brask Courier morning briefing", a.Removed.ToString());
        Assert.Same(TextList.Of(new List<string>(), "\n"), a.Captions); // no captions: the shared empty list
        Assert.Same(TextList.Empty, a.Categories);
    }

    [Fact]
    public void An_html_article_holds_its_paragraphs_as_body_lines()
    {
        string html = "<html><head><title>Pier closes</title></head><body><article><h1>Brask council votes to close the old pier</h1>" +
                      "<p>Brask council voted on Monday to close the old pier at Quillon after engineers found cracks in its supports.</p>" +
                      "<p>The vote was 7-2. Councillor Per Holm said the pier had served the town for ninety years and more.</p>" +
                      "<p>Repairs would cost $4.2 million, the council said in a statement on its website on Monday.</p></article></body></html>";
        var a = ArticleReader.ReadContent(html, "pier.html", null, new ArticleReadOptions { Now = Now }).Article;
        Assert.IsType<BodyLines>(a.Paragraphs.Inner);
        ReadsAs(a.Body.Split('\n'), "\n", a.Paragraphs);
    }

    [Fact]
    public void Two_articles_of_one_outlet_share_its_name_their_author_and_where_fields_came_from()
    {
        var a = TextArticleParser.Parse(TextWithChrome, new TextArticleOptions { Source = "pier.txt", Now = Now });
        var b = TextArticleParser.Parse(TextWithChrome.Replace("old pier", "north pier"), new TextArticleOptions { Source = "pier2.txt", Now = Now });
        Assert.Equal("Brask Courier", a.Outlet);
        Assert.Same(a.Outlet, b.Outlet); // read from two texts: two equal strings before, one now
        Assert.Equal(new[] { "Ada Ruiz" }, a.Authors.ToArray());
        Assert.Same(a.Authors[0], b.Authors[0]);
        Assert.Equal(a.Sources.ToString(), b.Sources.ToString());
        foreach (var (field, source) in a.Sources) Assert.Same(source, b.Sources[field]);
        // Long values are kept as they come; none is changed.
        string longValue = new string('x', SharedText.MaxLength + 1);
        Assert.Same(longValue, SharedText.Of(longValue));
        Assert.Null(SharedText.Of(null));
        string built = string.Concat("Quillon ", "Gazette");
        Assert.Equal("Quillon Gazette", SharedText.Of(built));
        Assert.Same(SharedText.Of(built), SharedText.Of(new string("Quillon Gazette".AsSpan())));
    }
}
