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

public sealed class CopyContainmentTests
{
    private static double Coverage(NewsArticle a, NewsArticle b)
    {
        var x = new FeatureExtractor(new TermTable());
        return CopyDetector.Coverage(x.Extract(a), x.Extract(b));
    }

    [Fact]
    public void An_edited_copy_is_a_copy_new_headline_credit_removed_words_changed_paragraphs_joined_and_cut()
    {
        var wire = StoryFixtures.MarrowickCollapse(StoryFixtures.Day)[0];
        var p = wire.Paragraphs.ToArray();
        var edited = new[]
        {
            p[0].Replace("MARROWICK (TPA) — ", "").Replace("officials said", "officials confirmed"),
            p[1] + " " + p[2].Replace("regional ambulance service", "ambulance service"),
            p[4].Replace("Halvercourt Engineering", "Halvercourt Engineering Ltd"),
            p[5],
        };
        var copy = StoryFixtures.Article("edited", "Upland Echo", "Commuters stranded after Tallow span falls", StoryFixtures.Day.AddHours(5), edited);
        double c = Coverage(wire, copy);
        Assert.True(c >= new StoryGroupingOptions().CopyThreshold, $"coverage {c:F3}");

        var s = StoryGrouper.AsOneStory(new[] { copy, wire });
        var group = Assert.Single(s.CopyGroups);
        Assert.Same(wire, group.Original); // the agency's own release, here also the earliest
        Assert.Equal(new[] { "edited" }, group.Copies.Select(a => a.Id));
        Assert.StartsWith("Tidewater Press Agency (m-wire) < Upland Echo (edited)", s.CopyGroups.ToString());
    }

    [Fact]
    public void Two_reports_quoting_one_long_statement_are_not_copies()
    {
        string statement = "“The bridge was inspected last spring and the report flagged corrosion on two supports, which we passed to the " +
                           "regional transport authority with a recommendation to close the crossing to lorries until repairs were made,”";
        var a = StoryFixtures.Article("qa", "Hollin Gazette", "Engineers warned of corrosion", StoryFixtures.Day, new[]
            { statement + " said Ilse Varnholt of Halvercourt Engineering.", "Divers searched the river on Wednesday." });
        var b = StoryFixtures.Article("qb", "Brackford Chronicle", "Inspection report under scrutiny", StoryFixtures.Day, new[]
            { "Halvercourt Engineering released its statement on Wednesday evening.", statement + " the firm said." });
        Assert.True(Coverage(a, b) < 0.5);
    }
}
