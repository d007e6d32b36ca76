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
    public void Asked_only_whether_a_pair_reaches_the_threshold_a_template_with_other_names_stops_at_the_names_with_the_same_answer()
    {
        var m = StoryFixtures.MarrowickCollapse(StoryFixtures.Day);
        var d = StoryFixtures.DunmereCollapse(StoryFixtures.Day);
        var x = new FeatureExtractor(new TermTable());
        double threshold = new StoryGroupingOptions().CopyThreshold;
        foreach (var (a, b) in new[] { (m[0], d[0]), (m[0], m[1]), (m[0], m[2]) })
        {
            StoryFeatures fa = x.Extract(a), fb = x.Extract(b);
            double full = CopyDetector.Coverage(fa, fb), quick = CopyDetector.Coverage(fa, fb, null, threshold);
            Assert.Equal(full >= threshold, quick >= threshold);
            Assert.True(quick >= full); // never below the measure: at most it stops early
        }
        StoryFeatures t1 = x.Extract(m[0]), t2 = x.Extract(d[0]);
        Assert.True(CopyDetector.Coverage(t1, t2, null, threshold) < 0.5); // stopped at the names: another event's
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
    public void Grouping_again_finds_the_same_copies_and_those_of_articles_added_since()
    {
        // Group lets go of the shingles once it has found the copies; a second call must find them all the same.
        var m = StoryFixtures.MarrowickCollapse(StoryFixtures.Day);
        var g = new StoryGrouper();
        foreach (var a in m) g.Add(a);
        string Copies() => string.Join(" | ", g.Group().SelectMany(s => s.CopyGroups).Select(c => string.Join(",", c.Select(a => a.Id))));
        string first = Copies();
        Assert.Equal("m-wire,m-copy", first);
        Assert.Equal(first, Copies());
        g.Add(StoryFixtures.Article("m-copy2", "Sallowfield Echo", "Fourteen hurt in Marrowick", StoryFixtures.Day.AddHours(1), m[0].Paragraphs.Take(5).ToArray(), "Tidewater Press Agency"));
        Assert.Equal("m-wire,m-copy2,m-copy", Copies());
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
    public void A_report_that_reuses_the_wire_under_a_lead_of_its_own_is_no_copy_and_one_that_keeps_the_lead_is()
    {
        var wire = StoryFixtures.MarrowickCollapse(StoryFixtures.Day)[0];
        var p = wire.Paragraphs.ToArray();
        // Every paragraph of the wire but its lead, under a lead the paper wrote: its own report, however much of the
        // wire's background it reuses (most of its words stand in the wire).
        var ownLead = new[] { "Commuters in Marrowick face weeks of detours after the town lost its busiest crossing this week." }.Concat(p.Skip(1)).ToArray();
        var own = StoryFixtures.Article("own-lead", "Upland Echo", "Marrowick counts the cost", StoryFixtures.Day.AddHours(6), ownLead);
        double c = Coverage(wire, own);
        Assert.True(c < new StoryGroupingOptions().CopyThreshold, $"coverage {c:F3}");

        // The same paper running the wire's lead (its credit cut) above the same paragraphs: a copy.
        var kept = new[] { p[0].Replace("MARROWICK (TPA) — ", "") }.Concat(p.Skip(1)).ToArray();
        var copy = StoryFixtures.Article("kept-lead", "Upland Echo", "Marrowick counts the cost", StoryFixtures.Day.AddHours(6), kept);
        Assert.True(Coverage(wire, copy) >= new StoryGroupingOptions().CopyThreshold);
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

public sealed class CopyCandidateTests
{
    private static readonly string[] TansleyWire =
    {
        "Tansley Foods is cutting 9% of its large workforce as it tries to turn its business around to compete with faster rivals like Brantel and Osgood.",
        "The Harwick-based company said Thursday it is also suspending its dividend as part of a wider plan to cut costs.",
        "The bulk of the cuts will be completed this year. Tansley also reported a loss for its second quarter along with a small decline in sales and forecast third-quarter sales below what analysts expected.",
        "The company employed 48,200 people at the end of last year, according to its annual report.",
        "Analysts had expected earnings of 31 cents a share on sales of $6.2 billion, according to a survey by Dunlevy Research.",
    };

    /// <summary>The wire text with a word or two edited in every sentence, as a paper's desk edits a short wire story.</summary>
    private static readonly string[] TansleyEdited =
    {
        "Tansley Foods says it is cutting 9% of its large workforce, about 4,300 jobs, as it tries to turn its business around to compete with more successful rivals like Brantel and Osgood.",
        "The Harwick-based company said Thursday it is also suspending its stock dividend as part of a wider plan to cut costs.",
        "The bulk of the cuts will happen this year. Tansley also reported a loss for its second quarter along with a slight decline in sales and forecast third-quarter sales below analysts' expectations.",
        "Tansley employed 48,200 people at the end of last year, its annual report shows.",
        "Analysts had expected earnings of 31 cents a share on sales of $6.2 billion, according to a survey by Dunlevy Research.",
    };

    [Fact]
    public void A_short_copy_edited_in_every_sentence_is_found_although_few_of_its_shingles_are_sampled()
    {
        var wire = StoryFixtures.Article("t-wire", "Kestrel Wire", "Tansley to cut jobs", StoryFixtures.Day, TansleyWire);
        var copy = StoryFixtures.Article("t-copy", "Upland Echo", "Tansley cuts 9% of staff and suspends dividend", StoryFixtures.Day.AddHours(2), TansleyEdited);
        var x = new FeatureExtractor(new TermTable());
        Assert.True(CopyDetector.Coverage(x.Extract(wire), x.Extract(copy)) >= new StoryGroupingOptions().CopyThreshold);
        // The candidate step samples about one shingle in eight: here eleven of the copy's, five of them in the wire's
        // sample. That estimate alone must not rule out a pair whose exact measure is a copy.
        var group = Assert.Single(StoryGrouper.AsOneStory(new[] { copy, wire }).CopyGroups);
        Assert.Equal(new[] { "t-copy" }, group.Copies.Select(a => a.Id));
        var stories = new StoryGrouper();
        stories.Add(wire); stories.Add(copy);
        Assert.Single(Assert.Single(stories.Group()).CopyGroups);
    }
}
