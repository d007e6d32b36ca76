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

    /// <summary>An invented wire report of ten paragraphs: a grain silo fire at an invented port.</summary>
    private static readonly string[] SiloWire =
    {
        "A fire that broke out in a grain silo at the port of Velderhaven on Tuesday night burned for eleven hours before crews brought it under control, the harbour authority said.",
        "Nobody was hurt, but the blaze destroyed about 4,300 tonnes of barley that was waiting to be loaded onto a freighter bound for the southern coast, according to the terminal operator Graanveld Logistics.",
        "Smoke from the silo drifted over the old town for most of Wednesday morning, and the council advised people living near the quay to keep their windows shut until the air cleared.",
        "Fire chief Oskar Lindqvell said dust inside the silo had probably ignited after a conveyor belt overheated, although investigators would need several days to confirm the cause.",
        "Forty firefighters from three districts took turns on the quay through the night, pumping seawater onto the concrete walls to keep the neighbouring fuel depot from catching.",
        "Graanveld Logistics said the terminal would stay closed to grain ships for at least a week while engineers checked whether the damaged structure could be repaired or had to come down.",
        "Farmers in the surrounding province, who send most of their harvest through the terminal, warned that a long closure would leave them paying for storage they could not afford.",
        "The port handled a record tonnage of cereals last season, and the harbour authority had only recently approved plans to add two more silos beside the burned one.",
        "Harbourmaster Britt Maelstead said ferries and container traffic were running normally and that the fire zone had been sealed off from the rest of the docks.",
        "It was the second fire at the terminal in four years; an earlier blaze in a loading shed was blamed on faulty wiring and caused no injuries.",
    };

    [Fact]
    public void Two_reprints_of_one_wire_text_cut_at_other_places_are_copies_though_neither_contains_the_other()
    {
        var w = SiloWire;
        // One paper runs the first six paragraphs and adds one of its own; another runs all but the third and adds
        // another. They share over a hundred words in the same order, and the names and figures of both.
        var first = StoryFixtures.Article("rim", "Rimmerton Courier", "Fire at Velderhaven grain silo burns for eleven hours", StoryFixtures.Day.AddHours(8),
            w.Take(6).Append("Several lorry drivers were turned away from the terminal gates on Wednesday and told to take their loads to a rail yard further inland instead.").ToArray());
        var second = StoryFixtures.Article("hal", "Hallow Bay Post", "Port fire: grain terminal shut for a week", StoryFixtures.Day.AddHours(9),
            w.Take(2).Concat(w.Skip(3)).Append("Readers can follow updates on the closure on the harbour authority's notice board at the ferry terminal.").ToArray());
        var x = new FeatureExtractor(new TermTable());
        var m = CopyDetector.Measure(x.Extract(first), x.Extract(second));
        Assert.True(m.Share < new StoryGroupingOptions().CopyThreshold, $"share {m.Share:F3}"); // neither contains the other
        Assert.True(CopyDetector.IsCopy(m, new StoryGroupingOptions().CopyThreshold), $"share {m.Share:F3}, words {m.Covered}, names {m.Names:F2}");

        var grouper = new StoryGrouper();
        grouper.Add(first);
        grouper.Add(second);
        var story = Assert.Single(grouper.Group());
        var group = Assert.Single(story.CopyGroups);
        Assert.Equal(new[] { "hal", "rim" }, group.Select(a => a.Id).OrderBy(i => i, StringComparer.Ordinal));

        // A report of its own that reuses two of the wire's paragraphs (under fifty words) is no copy.
        var own = StoryFixtures.Article("own", "Hallow Bay Post", "Farmers fear storage bills after port fire", StoryFixtures.Day.AddHours(10), new[]
        {
            "Barley growers around Velderhaven spent Wednesday ringing co-operatives and hauliers, trying to find somewhere to keep a harvest that had nowhere to go.",
            w[6],
            "Agnete Holmfrid, who farms near the estuary, said her sheds were already full and that renting space in the city would cost more than the crop would fetch.",
            w[5],
            "The farmers' union asked the province to help with the cost, but officials said no decision would come before the terminal's inspection was finished.",
        });
        Assert.False(CopyDetector.IsCopy(CopyDetector.Measure(x.Extract(own), x.Extract(second)), new StoryGroupingOptions().CopyThreshold));
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
