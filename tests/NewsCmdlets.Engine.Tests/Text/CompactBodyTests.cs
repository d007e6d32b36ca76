using NewsCmdlets.Engine.Ingest;
using NewsCmdlets.Engine.Ingest.Text;
using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Engine.Tests.Text;

/// <summary>
/// An article keeps its body as UTF-8 and decodes it when it is read (half the memory of a string for news text):
/// Body must read exactly as the text it was given, and the paragraphs stay a view over it.
/// </summary>
public sealed class CompactBodyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private const string Report = """
        Lindqvist Ferries cancels the winter crossing to Orrholm

        By Mara Veldt, Skerry Post

        Lindqvist Ferries said on Tuesday it would cancel its winter crossing to Orrholm after ice damaged the pier at Kessby.

        The company said repairs would take six weeks and cost 1.3 million kronor.

        Islanders will be flown to the mainland twice a week, the council said.
        """;

    [Fact]
    public void A_text_article_keeps_its_body_as_utf8_and_reads_it_back_the_same()
    {
        var a = TextArticleParser.Parse(Report, new TextArticleOptions { Source = "ferry.txt", Now = Now });
        string body = a.Body;
        Assert.StartsWith("Lindqvist Ferries said on Tuesday", body);
        Assert.IsType<byte[]>(a.PackedBody);
        Assert.NotSame(body, a.Body); // decoded again at each read: no string of it is kept
        Assert.Equal(body, a.Body);
        // The paragraphs are a view over the packed body: the lines, printed as the body.
        Assert.IsType<BodyLines>(a.Paragraphs.Inner);
        Assert.Same(a.Paragraphs, a.Paragraphs);
        Assert.Equal(body.Split('\n'), a.Paragraphs.ToArray());
        Assert.Equal(3, a.Paragraphs.Count);
        Assert.Equal(body, a.Paragraphs.ToString());
        Assert.True(BodyLines.AreLinesOf(body, a.Paragraphs));
        Assert.False(BodyLines.AreLinesOf(body + "!", a.Paragraphs));

        // A lone surrogate would not come back the same from UTF-8 (U+FFFD): that body stays a string. Built here:
        // test data in attributes loses the lone surrogate on its way to the test.
        string broken = "A report with a broken character " + '\uD800' + " in the middle of a line long enough to be packed.";
        var b = new NewsArticle { Id = "x", Body = broken, Paragraphs = BodyLines.LinesOf(broken) };
        Assert.IsType<string>(b.PackedBody);
        Assert.Same(broken, b.Body);
        Assert.Equal(broken, b.Paragraphs.ToString());
    }

    [Theory]
    [InlineData("Plain text of a harbour report, long enough to be packed, on two lines.\nThe second line.", true)]
    [InlineData("Séoul — accents, café, naïve, Øresund and an emoji 🚢 in a report long enough to be packed.", true)]
    [InlineData("Short body.", false)]                                                                   // too short to gain
    [InlineData("항구 보고서 항구 보고서 항구 보고서 항구 보고서 항구 보고서 항구 보고서 항구 보고서 항구 보고서 항구 보고서 항구", false)] // UTF-8 no smaller
    [InlineData("", false)]
    public void Any_body_reads_back_as_given(string body, bool packed)
    {
        var paragraphs = body.Split('\n');
        var a = new NewsArticle { Id = "x", Body = body, Paragraphs = BodyLines.Paragraphs(body, paragraphs) };
        Assert.Equal(body, a.Body);
        Assert.Equal(packed, a.PackedBody is byte[]);
        if (!packed) Assert.Same(body, a.Body);
        if (body.Length > 0) Assert.Equal(paragraphs, a.Paragraphs.ToArray());
        Assert.Equal(body, a.Paragraphs.ToString());
    }

    [Fact]
    public void Paragraphs_given_before_the_body_become_a_view_over_it_too()
    {
        string body = "Kessby pier reopens after six weeks of repairs by the island council.\nFerries sail again on Monday.";
        var a = new NewsArticle { Paragraphs = BodyLines.LinesOf(body), Body = body };
        var b = new NewsArticle { Body = body, Paragraphs = BodyLines.LinesOf(body) };
        foreach (var x in new[] { a, b })
        {
            Assert.IsType<byte[]>(x.PackedBody);
            Assert.IsType<BodyLines>(x.Paragraphs.Inner);
            Assert.True(((BodyLines)x.Paragraphs.Inner).IsOver(x.PackedBody!)); // over the packed body, not the string given
            Assert.Equal(body.Split('\n'), x.Paragraphs.ToArray());
        }
        // Paragraphs that are not this body's lines are kept as given.
        var c = new NewsArticle { Body = body, Paragraphs = BodyLines.LinesOf(body + " More.") };
        Assert.Equal((body + " More.").Split('\n'), c.Paragraphs.ToArray());
        var d = new NewsArticle { Body = body, Paragraphs = new TextList(new[] { "One paragraph." }, "\n") };
        Assert.Equal(new[] { "One paragraph." }, d.Paragraphs.ToArray());
        Assert.Same(TextList.Empty, new NewsArticle { Body = body }.Paragraphs);

        // The view is made once when several threads read it first.
        string timetable = string.Join("\n", Enumerable.Range(1, 300).Select(i => $"Line {i} of the Orrholm ferry timetable notice."));
        var e = new NewsArticle { Body = timetable, Paragraphs = BodyLines.LinesOf(timetable) };
        var seen = new TextList[8];
        Parallel.For(0, 8, i => seen[i] = e.Paragraphs);
        foreach (var s in seen) Assert.Same(seen[0], s);
        Assert.Equal(timetable.Split('\n'), seen[0].ToArray());
    }

    [Fact]
    public void A_cached_or_fed_article_keeps_the_packed_form()
    {
        var a = TextArticleParser.Parse(Report, new TextArticleOptions { Source = "ferry.txt", Now = Now });
        var copy = new NewsArticle { Id = a.Id, Title = a.Title, Body = a.Body, Paragraphs = a.Paragraphs };
        Assert.IsType<byte[]>(copy.PackedBody);
        Assert.True(((BodyLines)copy.Paragraphs.Inner).IsOver(copy.PackedBody!));
        Assert.Equal(a.Paragraphs.ToArray(), copy.Paragraphs.ToArray());
        Assert.Equal(a.Body, copy.Body);
    }
}
