using NewsCmdlets.Engine.Coverage;
using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Engine.Tests.Coverage;

public sealed class CopyDetectionTests
{
    private static double Containment(NewsArticle a, NewsArticle b)
    {
        var terms = new TermTable();
        var x = new FeatureExtractor(terms);
        return CopyDetector.Coverage(x.Extract(a), x.Extract(b));
    }

    [Fact]
    public void A_cut_copy_with_chrome_and_another_headline_contains_the_wire_text()
    {
        var m = StoryFixtures.MarrowickCollapse(StoryFixtures.Day);
        Assert.True(Containment(m[0], m[1]) >= new StoryGroupingOptions().CopyThreshold);
    }

    [Fact]
    public void Own_reports_and_the_same_template_elsewhere_are_not_copies()
    {
        var m = StoryFixtures.MarrowickCollapse(StoryFixtures.Day);
        var d = StoryFixtures.DunmereCollapse(StoryFixtures.Day);
        Assert.True(Containment(m[0], m[2]) < 0.2);
        Assert.True(Containment(m[0], d[0]) < new StoryGroupingOptions().CopyThreshold); // template shared, names differ
    }

    [Fact]
    public void Texts_too_short_to_tell_are_never_copies()
    {
        var a = StoryFixtures.Article("a", "X", "One", null, new[] { "Rain fell." });
        var b = StoryFixtures.Article("b", "Y", "Two", null, new[] { "Rain fell." });
        Assert.Equal(0, Containment(a, b));
        var empty = StoryFixtures.Article("e", "Z", "Three", null, Array.Empty<string>());
        Assert.Equal(0, Containment(empty, empty));
    }

    [Fact]
    public void Copies_of_one_text_form_one_set_earliest_first()
    {
        var m = StoryFixtures.MarrowickCollapse(StoryFixtures.Day);
        var third = StoryFixtures.Article("m-copy2", "Sallowfield Echo", "Fourteen hurt in Marrowick", StoryFixtures.Day.AddHours(1), m[0].Paragraphs.Take(5).ToArray(), "Tidewater Press Agency");
        var s = StoryGrouper.AsOneStory(new[] { m[1], m[2], third, m[0] });
        Assert.Equal(new[] { "m-wire", "m-copy2", "m-copy" }, Assert.Single(s.CopyGroups).Select(a => a.Id));
        Assert.Equal(2, s.IndependentOutlets);
        Assert.Equal(4, s.OutletCount);
    }
}
