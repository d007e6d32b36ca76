using System.Reflection;
using NewsCmdlets.Engine.Coverage;
using NewsCmdlets.Engine.Ingest.Text;
using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Engine.Tests.Text;

/// <summary>
/// Articles share what many of them hold alike (a source's folder, the sources of their fields, a list of authors) and
/// keep their headlines and removed lines compactly, while every property reads exactly as it was given. The private
/// fields are read by reflection: the tests check how the values are held, not only what they read as.
/// </summary>
public sealed class CompactArticleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static string Report(string town) => $"""
        Brandvik council votes to rebuild the harbour wall at {town}

        By Ilse Markovna, Fjordline Courier

        Brandvik council voted on Thursday to rebuild the harbour wall at {town} after the autumn storms cracked it in three places.

        The work will cost 4.2 million kronor and start in March, the council said.

        Fishing boats will moor at the ferry quay until then.
        """;

    private static object? Field(object o, string name) =>
        o.GetType().GetField(name, BindingFlags.NonPublic | BindingFlags.Instance)?.GetValue(o);

    private static NewsArticle Parse(string town, string source) =>
        TextArticleParser.Parse(Report(town), new TextArticleOptions { Source = source, Now = Now });

    [Fact]
    public void Articles_of_one_folder_share_its_path_and_read_their_sources_whole()
    {
        var a = Parse("Ostersand", "/data/invented-news/fjordline/2026/harbour-ostersand.txt");
        var b = Parse("Vellby", "/data/invented-news/fjordline/2026/harbour-vellby.txt");
        Assert.Equal("/data/invented-news/fjordline/2026/harbour-ostersand.txt", a.Source);
        Assert.Equal("/data/invented-news/fjordline/2026/harbour-vellby.txt", b.Source);
        var folder = Field(a, "_sourceFolder");
        Assert.Equal("/data/invented-news/fjordline/2026/", folder);
        Assert.Same(folder, Field(b, "_sourceFolder"));
        Assert.Equal("harbour-ostersand.txt", Field(a, "_sourceName"));

        // A short name, a folder too short to share, a web address, null: each reads back as given.
        foreach (var source in new[] { "harbour.txt", "/tmp/a/harbour.txt", "https://courier.example/news/2026/harbour-wall", "C:\\news\\fjordline\\2026\\harbour.txt", "/data/invented-news/fjordline/", null })
        {
            var c = new NewsArticle { Id = "c", Source = source };
            Assert.Equal(source, c.Source);
            Assert.True(c.HasSource(source));
            Assert.False(c.HasSource((source ?? "") + "x"));
        }
        Assert.True(new NewsArticle { Id = "d" }.HasSource(""));
    }

    [Fact]
    public void The_grouper_takes_an_article_once_by_its_id_outlet_and_source()
    {
        var a = Parse("Ostersand", "/data/invented-news/fjordline/2026/harbour-ostersand.txt");
        Assert.NotNull(Field(a, "_sourceFolder")); // the source is held split (what the grouper compares without joining)
        var again = Parse("Ostersand", "/data/invented-news/fjordline/2026/harbour-ostersand.txt");
        var elsewhere = Parse("Ostersand", "/data/invented-news/fjordline/2026/harbour-ostersand-copy.txt");
        var otherOutlet = new NewsArticle { Id = a.Id, Title = a.Title, Body = a.Body, Outlet = "Skerry Post", Source = a.Source };
        var sameOutletOtherCase = new NewsArticle { Id = a.Id, Title = a.Title, Body = a.Body, Outlet = "FJORDLINE COURIER", Source = a.Source };
        Assert.Equal("Fjordline Courier", a.Outlet);
        var g = new StoryGrouper();
        foreach (var x in new[] { a, again, elsewhere, otherOutlet, sameOutletOtherCase, again }) g.Add(x);
        Assert.Equal(3, g.Count); // a, the copy in another file, the other outlet's
    }

    [Fact]
    public void Articles_share_equal_field_sources_and_a_change_stays_with_its_article()
    {
        var a = Parse("Ostersand", "a.txt");
        var b = Parse("Vellby", "b.txt");
        Assert.Equal(a.Sources.ToString(), b.Sources.ToString());
        Assert.Contains("Authors=byline", a.Sources.ToString());
        var frozen = Field(a.Sources, "_frozen");
        Assert.NotNull(frozen);
        Assert.Same(frozen, Field(b.Sources, "_frozen"));
        Assert.True(a.Sources.TryGetValue("authors", out var how));
        Assert.Equal("byline", how);

        b.Sources.Set("Authors", "credit line after the story");
        Assert.Equal("byline", a.Sources["Authors"]);
        Assert.Equal("credit line after the story", b.Sources["Authors"]);
        b.Sources.Remove("Authors");
        Assert.False(b.Sources.ContainsKey("Authors"));
        Assert.True(a.Sources.ContainsKey("Authors"));
        Assert.Same(frozen, Field(a.Sources, "_frozen"));
    }

    [Fact]
    public void Articles_by_the_same_authors_share_one_list_and_titles_are_kept_as_utf8()
    {
        var a = Parse("Ostersand", "a.txt");
        var b = Parse("Vellby", "b.txt");
        Assert.Equal(new[] { "Ilse Markovna" }, a.Authors.ToArray());
        Assert.Same(a.Authors, b.Authors);
        Assert.Equal("Ilse Markovna", a.Authors.ToString());
        var c = new NewsArticle { Id = "c", Authors = new TextList(new List<string> { "Ilse Markovna" }) };
        Assert.Same(a.Authors, c.Authors);
        var d = new NewsArticle { Id = "d", Authors = new TextList(new[] { "Ilse Markovna", "Tor Balde" }) };
        Assert.Equal("Ilse Markovna; Tor Balde", d.Authors.ToString());
        Assert.NotSame(a.Authors, d.Authors);

        Assert.Equal("Brandvik council votes to rebuild the harbour wall at Ostersand", a.Title);
        Assert.IsType<byte[]>(Field(a, "_title"));
        Assert.NotSame(a.Title, a.Title); // decoded at each read
        // Short headlines and ones with a lone surrogate stay strings; null stays null; non-Latin ones read back the same.
        Assert.Equal("Паром отменён на всю зиму из-за льда", new NewsArticle { Id = "r", Title = "Паром отменён на всю зиму из-за льда" }.Title);
        foreach (var title in new[] { "Pier shut", "Ferry crossing cancelled " + '\uD800' + " for the winter" })
        {
            var t = new NewsArticle { Id = "t", Title = title };
            Assert.IsType<string>(Field(t, "_title"));
            Assert.Equal(title, t.Title);
        }
        Assert.Null(new NewsArticle { Id = "n", Title = null }.Title);
        Assert.Equal("Ferry crossing to Orrholm cancelled: ice damaged the pier at Kessby — «six weeks»", new NewsArticle { Id = "u", Title = "Ferry crossing to Orrholm cancelled: ice damaged the pier at Kessby — «six weeks»" }.Title);
    }

    [Fact]
    public void Removed_lines_keep_short_ends_and_lists_keep_arrays()
    {
        var removed = Utf8TextItems.List(new[] { "Top stories", "Harbour wall to be rebuilt at Ostersand", "2 hours ago", "Sign up for the Fjordline Courier evening letter" }, "\n\n");
        Assert.IsType<ushort[]>(Field(removed.Inner, "_ends"));
        Assert.Equal("Harbour wall to be rebuilt at Ostersand", removed[1]);
        Assert.Equal("Sign up for the Fjordline Courier evening letter", removed[3]);
        // A block of 64 KB or more keeps its ends as ints.
        var many = Enumerable.Range(0, 3000).Select(i => $"Harbour wall story number {i} of the invented archive").ToArray();
        var big = Utf8TextItems.List(many, "\n\n");
        Assert.IsType<int[]>(Field(big.Inner, "_ends"));
        Assert.Equal(many, big.ToArray());
        var captions = TextList.Of(new List<string> { "The cracked harbour wall at Ostersand." }, "\n");
        Assert.IsType<string[]>(captions.Inner);
        Assert.Equal("The cracked harbour wall at Ostersand.", captions.ToString());
    }
}
