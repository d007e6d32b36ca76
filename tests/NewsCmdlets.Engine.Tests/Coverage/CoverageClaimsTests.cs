using System.Text.RegularExpressions;
using NewsCmdlets.Engine.Coverage;
using NewsCmdlets.Engine.Model;
using static NewsCmdlets.Engine.Tests.Coverage.CoverageComparerTests;

namespace NewsCmdlets.Engine.Tests.Coverage;

/// <summary>
/// Claims aligned across outlets (what is measured about what), updates against conflicts, readable keys, and the bad
/// input of issue 27, on invented outlets, places and people.
/// </summary>
public class CoverageClaimsTests
{
    private static readonly CoverageComparer Comparer = new();
    private static readonly DateTimeOffset Morning = new(2026, 2, 8, 8, 0, 0, TimeSpan.Zero);

    private static NewsCoverageItem Single(CoverageComparison c, string key) => Assert.Single(c.Items, i => i.Kind is CoverageKind.Number or CoverageKind.Date && i.Key == key);

    /// <summary>The figure and date rows of a comparison (shared with <see cref="CoverageRowKeysTests"/>).</summary>
    internal static List<NewsCoverageItem> Claims(CoverageComparison c) => c.Items.Where(i => i.Kind is CoverageKind.Number or CoverageKind.Date).ToList();

    [Fact]
    public void The_same_measure_of_the_same_subject_is_one_row_whatever_the_wording_and_a_different_depth_conflicts()
    {
        var a = Article("a1", "Harrowgate Post", "Strong earthquake shakes Kestria",
            "A magnitude 6.9 earthquake struck Kestria on Sunday at a depth of 48 km, about 26 km south of Tarnby, the seismology office said.", Morning);
        var b = Article("b1", "Vellmouth Courier", "Quake hits Kestria",
            "Sunday's 6.9-magnitude tremor, centred 16 miles south of Tarnby, was 29 miles deep.", Morning);
        var c = Article("c1", "Lakeside Daily", "Kestria earthquake",
            "The earthquake, with a magnitude of 6.9, struck on Sunday at a depth of 12 km, 26 km south of Tarnby City.", Morning);
        var r = Comparer.Compare(Story(a, b, c));

        Assert.Equal(CoverageStatus.Shared, Single(r, "magnitude of the earthquake").Status);
        // 16 miles is 25.7 km: the same distance in other units.
        Assert.Equal(CoverageStatus.Shared, Single(r, "distance from Tarnby").Status);
        // 48 km is 29.8 miles, converted and cut to the mile, not rounded: 29 miles agrees; 12 km differs from both.
        var depth = Single(r, "depth of the earthquake");
        Assert.Equal(CoverageStatus.Conflict, depth.Status);
        Assert.Equal(new[] { "Lakeside Daily" }, depth.Differing);
        Assert.Equal("48 km", depth.Values["Harrowgate Post"]);
        Assert.Equal("29 miles", depth.Values["Vellmouth Courier"]);
        Assert.Equal("12 km", depth.Values["Lakeside Daily"]);
        Assert.Contains("at a depth of 12 km", depth.Sentences["Lakeside Daily"]);
        Assert.Equal(CoverageStatus.Shared, Single(r, "date of the earthquake").Status);
    }

    [Fact]
    public void A_bound_that_agrees_with_every_figure_does_not_hide_the_outlets_that_differ_from_the_majority()
    {
        var outlets = new[] { "Harrowgate Post", "Vellmouth Courier", "Lakeside Daily", "Orrin Ledger", "Tarnby Times" };
        var bodies = new[]
        {
            "Pellwood Motors said on Tuesday it will cut 4,000 jobs as sales of its vans slow.",
            "Pellwood Motors will cut about 4,000 jobs, the carmaker said on Tuesday.",
            "Pellwood Motors plans to cut more than 4,000 jobs, it said on Tuesday.",
            "Pellwood Motors will cut some 4,600 jobs, the carmaker said on Tuesday.",
            "Pellwood Motors will cut more than 5,200 jobs, it said on Tuesday.",
        };
        var r = Comparer.Compare(Story(outlets.Select((o, i) => Article("p" + i, o, "Pellwood Motors to cut jobs", bodies[i], Morning)).ToArray()));
        var cut = Assert.Single(Claims(r), i => i.Values.Count == 5);
        Assert.Equal(CoverageStatus.Conflict, cut.Status);
        // "More than 4,000" agrees with 4,000, 4,600 and 5,200 alike; the majority is the three that agree with each other.
        Assert.Equal(new[] { "Orrin Ledger", "Tarnby Times" }, cut.Differing.OrderBy(x => x, StringComparer.Ordinal));
        Assert.Contains("differs from most: Orrin Ledger, Tarnby Times", cut.Detail);
    }

    [Fact]
    public void A_sum_is_named_with_its_statistic_and_a_cut_by_a_sum_is_the_cut()
    {
        var a = Article("a1", "Harrowgate Post", "Pellwood Motors trims spending",
            "Pellwood Motors will cut its capital spending by $2 billion next year. The carmaker's median pay is about $61,000, its filing showed.", Morning);
        var b = Article("b1", "Vellmouth Courier", "Pellwood budget", "Pellwood Motors said its capital spending would be $9 billion this year.", Morning);
        var r = Comparer.Compare(Story(a, b));
        Assert.Contains(Claims(r), i => i.Key.StartsWith("cut in spending", StringComparison.Ordinal) && i.Values["Harrowgate Post"] == "$2 billion");
        Assert.Contains(Claims(r), i => i.Key == "median pay" && i.Values["Harrowgate Post"] == "about $61,000");
        // The size of a cut is no conflict with the spending it is cut from.
        Assert.DoesNotContain(Claims(r), i => i.Status == CoverageStatus.Conflict);
    }

    [Fact]
    public void A_sum_after_down_from_is_the_earlier_figure_not_a_conflict_with_the_latest()
    {
        var a = Article("a1", "Harrowgate Post", "Pellwood Motors profit falls",
            "Pellwood Motors made a profit of $310 million in the quarter. That is down from a profit of $450 million, or 12 cents a share, a year earlier.", Morning);
        var b = Article("b1", "Vellmouth Courier", "Pellwood profit slides", "Pellwood Motors reported a profit of $310 million for the quarter.", Morning);
        var r = Comparer.Compare(Story(a, b));
        Assert.Equal(CoverageStatus.Shared, Assert.Single(Claims(r), i => i.Values.Count == 2).Status);
        Assert.Contains(Claims(r), i => i.Key.Contains("earlier figure", StringComparison.Ordinal) && i.Values["Harrowgate Post"] == "$450 million");
        Assert.DoesNotContain(Claims(r), i => i.Status == CoverageStatus.Conflict);
    }

    [Fact]
    public void One_outlets_two_values_that_do_not_agree_are_never_one_row()
    {
        var a = Article("a1", "Harrowgate Post", "Trawler sinks off Pellick Point",
            "The trawler Grey Heron sank on Tuesday with 14 crew members on board. Nine crew members were pulled from the sea by a lifeboat, the coastguard said.", Morning);
        var b = Article("b1", "Vellmouth Courier", "Grey Heron lost", "The Grey Heron, with 14 crew members, went down on Tuesday.", Morning);
        var r = Comparer.Compare(Story(a, b));
        // The crew aboard and the crew rescued are two things, whatever the reader could tell of them: never "14 / Nine".
        Assert.DoesNotContain(Claims(r), i => i.Values.TryGetValue("Harrowgate Post", out var v) && v.Contains(" / ", StringComparison.Ordinal));
        var aboard = Assert.Single(Claims(r), i => i.Values.TryGetValue("Harrowgate Post", out var v) && v == "14");
        Assert.Equal("14", aboard.Values["Vellmouth Courier"]);
        Assert.NotEqual(CoverageStatus.Conflict, aboard.Status);
        // The other value, which no other outlet states, is not shown under a key that is not its own ("crew: Nine").
        Assert.DoesNotContain(Claims(r), i => i.Values.TryGetValue("Harrowgate Post", out var v) && v.Contains("Nine", StringComparison.Ordinal));
    }

    [Fact]
    public void An_abbreviated_rank_before_a_name_is_no_part_of_the_name()
    {
        var a = Article("a1", "Harrowgate Post", "Cargo jet lands on one engine",
            "The cargo jet landed safely at Vellmouth on Friday. Investigators will interview FO Ravi Tannehill, who was at the controls during the approach.", Morning);
        var b = Article("b1", "Vellmouth Courier", "Jet lands safely",
            "Ravi Tannehill, the first officer, brought the cargo jet down at Vellmouth on Friday. Sgt Ana Voss of the airport police closed the runway.", Morning);
        var r = Comparer.Compare(Story(a, b));
        var person = Assert.Single(r.Items, i => i.Kind == CoverageKind.Entity && i.Key.Contains("Tannehill", StringComparison.Ordinal));
        Assert.Equal("Ravi Tannehill", person.Key);
        Assert.Equal(2, person.OutletCount);
        Assert.Contains(r.Items, i => i.Kind == CoverageKind.Entity && i.Key == "Ana Voss");
    }

    [Fact]
    public void An_outlet_naming_itself_is_no_entity_of_the_story()
    {
        // "told The Tarnby Herald", "a spokesman for the Herald": the outlet's own masthead, not an organisation in the news.
        var a = Article("a1", "The Tarnby Herald", "Grain silo collapses at Tarnby docks",
            "A grain silo collapsed at Tarnby docks on Friday, the port authority said. \"Nobody was inside,\" the harbour master, Ines Dolan, told The Tarnby Herald. A spokesman for the Herald said its reporter was at the scene.", Morning);
        var b = Article("b1", "Vellmouth Courier", "Silo falls at Tarnby",
            "A grain silo fell at Tarnby docks on Friday. The port authority said nobody was hurt.", Morning);
        var r = Comparer.Compare(Story(a, b));
        Assert.DoesNotContain(r.Items, i => i.Kind == CoverageKind.Entity && i.Key.Contains("Herald", StringComparison.Ordinal));
        // A place in the masthead is still a place of the story.
        Assert.Contains(r.Items, i => i.Kind == CoverageKind.Entity && i.Key == "Tarnby" && i.OutletCount == 2);
        Assert.True(CoverageComparer.NamesOwnOutlet("The Tarnby Herald", "Tarnby Herald"));
        Assert.False(CoverageComparer.NamesOwnOutlet("The Tarnby Herald", "Tarnby"));
    }

    [Fact]
    public void Feet_or_metres_reached_are_a_height_without_the_word()
    {
        var a = Article("a1", "Harrowgate Post", "Balloon bursts", "The weather balloon released from Tarnby on Monday reached 9,000 feet before it burst.", Morning);
        var b = Article("b1", "Vellmouth Courier", "Tarnby balloon", "The Tarnby weather balloon burst on Monday at an altitude of 8,000 feet.", Morning);
        var height = Single(Comparer.Compare(Story(a, b)), "height");
        Assert.Equal(CoverageStatus.Conflict, height.Status);
        Assert.Equal("9,000 feet", height.Values["Harrowgate Post"]);
        // A rise is a change, not a height reached: the river that rose 3 metres is not 3 metres high.
        var c = Article("c1", "Lakeside Daily", "River rises", "The Tarn rose 3 metres overnight, flooding the quay.", Morning);
        var d = Article("d1", "Harrowgate Post", "Tarn floods", "The Tarn was 5 metres high at the quay on Monday.", Morning);
        Assert.DoesNotContain(Claims(Comparer.Compare(Story(c, d))), i => i.Status == CoverageStatus.Conflict);
    }

    [Fact]
    public void An_age_is_of_the_whole_noun_that_names_the_person_not_of_its_first_word()
    {
        var a = Article("a1", "Harrowgate Post", "Ferry survivors", "One survivor, a 33-year-old ferry attendant, is in intensive care.", Morning);
        var b = Article("b1", "Vellmouth Courier", "Ferry survivors", "A 34-year-old ferry attendant was pulled from the water, the coastguard said.", Morning);
        var r = Comparer.Compare(Story(a, b));
        var age = Single(r, "age of the ferry attendant");
        Assert.Equal(CoverageStatus.Conflict, age.Status);
        Assert.DoesNotContain(Claims(r), i => i.Key == "age of the ferry");

        // A word after the noun that is no noun of a person stays out: the age of the bridge.
        var c = Article("c1", "Lakeside Daily", "Bridge closed", "The 90-year-old bridge over the Tarn was closed on Sunday.", Morning);
        var d = Article("d1", "Harrowgate Post", "Tarn bridge shut", "Engineers shut the 90-year-old bridge after cracks appeared.", Morning);
        Assert.Equal(CoverageStatus.Shared, Single(Comparer.Compare(Story(c, d)), "age of the bridge").Status);
    }

    [Fact]
    public void A_date_in_a_clause_of_its_own_is_named_by_the_next_clause_up_to_its_end()
    {
        var a = Article("a1", "Harrowgate Post", "Quake shakes Kestria",
            "A strong earthquake struck Kestria on Sunday. In 2004, Kestria had another strong earthquake, known locally as the Tarnby quake, with hundreds hurt.", Morning);
        var b = Article("b1", "Vellmouth Courier", "Kestria quake", "A strong earthquake struck Kestria on Sunday, officials said.", Morning);
        var r = Comparer.Compare(Story(a, b));
        var past = Assert.Single(Claims(r), i => i.Kind == CoverageKind.Date && i.Values.Values.Any(v => v.Contains("2004", StringComparison.Ordinal)));
        Assert.Equal("Kestria had another strong earthquake", past.Key);
    }

    [Fact]
    public void Approximate_figures_agree_within_their_precision_and_a_lower_bound_within_its_reach()
    {
        var a = Article("a1", "Harrowgate Post", "Quake near Tarnby", "The epicentre was about 70 kilometres south of Tarnby, officials said.");
        var b = Article("b1", "Vellmouth Courier", "Tarnby quake", "The epicentre was 71 kilometers (44 miles) southwest of Tarnby.");
        var c = Article("c1", "Lakeside Daily", "Tarnby quake", "The epicentre lay 75 km from Tarnby.");
        var r = Comparer.Compare(Story(a, b, c));
        var distance = Single(r, "distance from Tarnby");
        Assert.Equal(CoverageStatus.Conflict, distance.Status);
        // "about 70" covers 71 (half its precision), not 75; 71 and 75 are exact and differ.
        Assert.Equal(new[] { "Lakeside Daily" }, distance.Differing);

        var jobs1 = Article("j1", "Harrowgate Post", "Brisk Mills to cut jobs", "Brisk Mills said it would cut more than 1,500 jobs this year.");
        var jobs2 = Article("j2", "Vellmouth Courier", "Mill job cuts", "Brisk Mills will cut 1,600 jobs, the company said.");
        Assert.Equal(CoverageStatus.Shared, Single(Comparer.Compare(Story(jobs1, jobs2)), "jobs cut").Status);
    }

    [Fact]
    public void A_rising_toll_reported_at_different_times_is_an_update_with_both_times_and_at_the_same_time_a_conflict()
    {
        var early = Article("a1", "Harrowgate Post", "Ferry sinks off Tarnby", "At least 12 people were killed when a ferry sank off Tarnby on Sunday, police said.", Morning);
        var later = Article("b1", "Vellmouth Courier", "Ferry toll rises", "The death toll from the Tarnby ferry sinking has risen to 41, police said on Monday.", Morning.AddHours(26));
        var r = Comparer.Compare(Story(early, later));
        var toll = Single(r, "death toll");
        Assert.Equal(CoverageStatus.Update, toll.Status);
        Assert.Equal("2026-02-08 08:00 UTC", toll.Times["Harrowgate Post"]);
        Assert.Equal("2026-02-09 10:00 UTC", toll.Times["Vellmouth Courier"]);
        Assert.Contains("(2026-02-09 10:00 UTC)", toll.Detail);
        Assert.DoesNotContain(r.Items, i => i.Status == CoverageStatus.Conflict);

        // Two reports of the same hour that give different tolls and say nothing of a change disagree.
        var same = Article("c1", "Lakeside Daily", "Ferry sinks off Tarnby", "Thirty people were killed when a ferry sank off Tarnby on Sunday, police said.", Morning);
        var sameTime = Comparer.Compare(Story(early, same));
        Assert.Equal(CoverageStatus.Conflict, Single(sameTime, "death toll").Status);
    }

    [Fact]
    public void Counted_people_and_cited_figures_are_not_speakers()
    {
        var a = Article("a1", "Harrowgate Post", "Floods swamp Orlen",
            "The death toll from the Orlen floods has risen to 64, with 2,310 residents reported missing, according to the regional coast guard. "
            + "More than 900 homes were damaged, according to figures from the Harbor Ministry on Monday evening.");
        var b = Article("b1", "Vellmouth Courier", "Orlen floods", "Floods in Orlen have killed 64 people, the regional coast guard said on Monday. Rescue crews worked through the night.");
        var r = Comparer.Compare(Story(a, b));
        var quotes = r.Items.Where(i => i.Kind is CoverageKind.Quote or CoverageKind.Source).Select(i => i.Key).ToList();
        Assert.Contains("the regional coast guard", quotes);
        Assert.DoesNotContain("2,310 residents", quotes);
        Assert.DoesNotContain("figures", quotes);
    }

    [Fact]
    public void Cut_phrases_documents_and_the_event_itself_are_not_speakers()
    {
        var a = Article("a1", "Harrowgate Post", "Storm batters Orlen",
            "The storm has so far claimed the lives of 23 people in Orlen, with dozens more hurt. "
            + "At least nine fishermen reported missing off the Orlen coast on Tuesday. "
            + "Brisk Mills employed 4,200 people at the end of March, according to a quarterly filing. "
            + "Repairs are expected to cost $40 million, according to estimates compiled by Tarn Analytics. "
            + "The cyclone claimed the lives of two wardens on the Orlen pier, the harbor master said.", Morning);
        var b = Article("b1", "Vellmouth Courier", "Orlen storm", "A storm killed 23 people in Orlen, the regional coast guard said on Tuesday.", Morning);
        var r = Comparer.Compare(Story(a, b));
        var speakers = r.Items.Where(i => i.Kind is CoverageKind.Quote or CoverageKind.Source).Select(i => i.Key).ToList();
        Assert.Contains("the regional coast guard", speakers);
        Assert.DoesNotContain(speakers, k => k is "far" or "least nine fishermen" or "a quarterly filing" or "estimates compiled" or "The cyclone" or "the cyclone");
    }

    [Fact]
    public void A_date_told_only_from_the_day_of_writing_is_no_claim_but_a_resolved_year_is()
    {
        var a = Article("a1", "Harrowgate Post", "Brisk Mills cuts jobs",
            "Brisk Mills will cut 900 jobs. Analysts expect the mill's rivals to follow next week. "
            + "Brisk Mills said the cuts would be finished this year.", Morning);
        var b = Article("b1", "Vellmouth Courier", "Mill cuts", "Brisk Mills is cutting 900 jobs, the company said. Union leaders will meet tonight.");
        var r = Comparer.Compare(Story(a, b));
        var dates = r.Items.Where(i => i.Kind == CoverageKind.Date).ToList();
        Assert.DoesNotContain(dates, i => i.Values.Values.Any(v => v.Contains("next week") || v.Contains("tonight")));
        Assert.Contains(dates, i => i.Values.Values.Any(v => v.StartsWith("2026 (this year)")));
    }

    [Fact]
    public void A_figure_named_by_its_clause_does_not_end_inside_a_noun_phrase()
    {
        var a = Article("a1", "Harrowgate Post", "Brisk Mills cuts jobs",
            "Brisk Mills will cut 900 jobs. Back in 2019, Brisk Mills opened a new textile finishing plant near Tarnby to serve its northern customers. "
            + "The group announced a 12% head count reduction alongside a weak quarter of sales on Thursday.", Morning);
        var b = Article("b1", "Vellmouth Courier", "Mill cuts", "Brisk Mills is cutting 900 jobs, the company said.", Morning);
        var keys = Claims(Comparer.Compare(Story(a, b))).Select(i => i.Key).ToList();
        Assert.Contains("Brisk Mills opened", keys);
        Assert.DoesNotContain(keys, k => k.EndsWith(" a new textile finishing", StringComparison.Ordinal) || k.EndsWith(" a weak", StringComparison.Ordinal));
    }

    [Fact]
    public void A_photo_caption_dated_at_its_end_gives_no_entities_but_running_text_does()
    {
        var a = Article("a1", "Harrowgate Post", "Brisk Mills cuts jobs",
            "Mill owner Dorin Kask speaks at a trade fair in Quellport, Tuesday, March 3, 2020. Brisk Mills will cut 900 jobs at its Tarnby plant, the company said. "
            + "The union first met the owners in Lindhaven on Monday, June 1, 2026.", Morning);
        var b = Article("b1", "Vellmouth Courier", "Mill cuts", "Brisk Mills is cutting 900 jobs in Tarnby, the company said.", Morning);
        var names = Comparer.Compare(Story(a, b)).Items.Where(i => i.Kind == CoverageKind.Entity).Select(i => i.Key).ToList();
        Assert.DoesNotContain("Quellport", names);
        Assert.Contains("Lindhaven", names);
    }

    [Fact]
    public void A_form_of_address_alone_is_no_description_of_a_person()
    {
        var a = Article("a1", "Harrowgate Post", "Orlen storm", "The storm killed 23 people in Orlen, according to Dr. Pella Varnhout of the city hospital.", Morning);
        var b = Article("b1", "Vellmouth Courier", "Orlen storm", "A storm killed 23 people in Orlen, the regional coast guard said on Tuesday.", Morning);
        var person = Assert.Single(Comparer.Compare(Story(a, b)).Items, i => i.Kind == CoverageKind.Entity && i.Key == "Pella Varnhout");
        Assert.DoesNotContain("Pella Varnhout, Dr.", person.Detail);
    }

    [Fact]
    public void A_range_joined_by_a_dash_is_one_figure_with_its_unit_written_once()
    {
        var a = Article("a1", "Harrowgate Post", "Quake off Velmar", "A strong earthquake struck some 40\u201355 kilometers off Port Velmar, the survey said.");
        var b = Article("b1", "Vellmouth Courier", "Velmar quake", "The earthquake hit 70 km off Port Velmar, officials said.");
        var c = Article("c1", "Lakeside Daily", "Velmar quake", "The quake's epicentre lay 50 kilometres off Port Velmar.");
        var distance = Single(Comparer.Compare(Story(a, b, c)), "distance from Port Velmar");
        Assert.Equal("some 40\u201355 kilometers", distance.Values["Harrowgate Post"]);
        // 40–55 holds 50, not 70.
        Assert.Equal(CoverageStatus.Conflict, distance.Status);
        Assert.Equal(new[] { "Vellmouth Courier" }, distance.Differing);
    }

    [Fact]
    public void Two_readings_of_one_announcement_that_differ_are_a_conflict_not_an_update()
    {
        // Both give the same toll beside the injured figure: one announcement, copied two ways (and 412 is not "over 415").
        var a = Article("a1", "Harrowgate Post", "Dam breach floods Orlen valley", "In the Orlen valley, at least 57 people have been confirmed dead and 412 injured, the interior office said.", Morning);
        var b = Article("b1", "Vellmouth Courier", "Orlen flood toll", "The interior office reported at least 57 deaths and over 415 injuries in the Orlen valley.", Morning.AddHours(5));
        var later = Article("c1", "Lakeside Daily", "Orlen toll climbs", "The death toll in the Orlen valley has risen to 230, with 1,940 people injured, the interior office said.", Morning.AddHours(30));
        var r = Comparer.Compare(Story(a, b, later));
        var injured = r.Items.Where(i => i.Kind == CoverageKind.Number && i.Key == "people injured").ToList();
        var conflict = Assert.Single(injured, i => i.Status == CoverageStatus.Conflict);
        Assert.Equal(new[] { "Harrowgate Post", "Vellmouth Courier" }, conflict.Outlets.OrderBy(o => o));
        Assert.Contains("death toll (at least 57)", conflict.Detail);
        Assert.Contains(injured, i => i.Status == CoverageStatus.Update);

        // A later report that moved the injured figure and kept the toll is an update: a different toll, or figures far apart.
        var revised = Article("d1", "Lakeside Daily", "Orlen injured rise", "The interior office now counts at least 57 dead and 980 injured in the Orlen valley.", Morning.AddHours(20));
        var r2 = Comparer.Compare(Story(a, revised));
        Assert.DoesNotContain(r2.Items, i => i.Status == CoverageStatus.Conflict);
    }

    [Fact]
    public void A_length_measured_from_a_point_is_a_distance_not_the_height_or_depth_named_in_its_clause()
    {
        // "within 300 km of the epicentre" says how far a warning reaches, not how high the waves were.
        var a = Article("a1", "Harrowgate Post", "Quake sends waves into Tarnby harbour",
            "Waves up to 3 metres high struck the harbour of Tarnby after the quake, the coastguard said.", Morning);
        var b = Article("b1", "Vellmouth Courier", "Tsunami warning after Kestria quake",
            "Waves were recorded within 300 kilometres of the epicentre. Waves of 3 metres were seen in Tarnby.", Morning);
        var c = Article("c1", "Lakeside Daily", "Kestria quake",
            "Waves hit coasts within 150 km of the epicenter, and waves 3 metres high struck Tarnby.", Morning);
        var r = Comparer.Compare(Story(a, b, c));
        var height = Single(r, "wave height"); // a height cued by waves says so
        Assert.NotEqual(CoverageStatus.Conflict, height.Status);
        Assert.DoesNotContain(height.Values.Values, v => v.Contains("km") || v.Contains("kilometres"));
        var reach = Single(r, "distance from the epicentre");
        // The same point spelled two ways is one reference; 300 and 150 km differ.
        Assert.Equal(CoverageStatus.Conflict, reach.Status);
        Assert.Equal("300 kilometres", reach.Values["Vellmouth Courier"]);
        Assert.Equal("150 km", reach.Values["Lakeside Daily"]);

        // Two towns' distances from the same point are two subjects, not a disagreement.
        var t1 = Article("t1", "Harrowgate Post", "Quake", "The quake shook Dunmore, located just ten miles from the epicentre.", Morning);
        var t2 = Article("t2", "Vellmouth Courier", "Quake", "Three people died in Ostby, located over 200 miles from the epicentre.", Morning);
        var towns = Comparer.Compare(Story(t1, t2));
        Assert.DoesNotContain(towns.Items, i => i.Status == CoverageStatus.Conflict);
        Assert.Equal("ten miles", Single(towns, "distance of Dunmore from the epicentre").Values["Harrowgate Post"]);

        // A length with its own noun before it is that noun's: "a depth of 10 km from the surface" is a depth.
        var d1 = Article("d1", "Harrowgate Post", "Quake", "The quake struck at a depth of 10 km from the surface.", Morning);
        var d2 = Article("d2", "Vellmouth Courier", "Quake", "The quake was 12 km deep.", Morning);
        Assert.Equal(CoverageStatus.Conflict, Single(Comparer.Compare(Story(d1, d2)), "depth of the earthquake").Status);
    }

    [Fact]
    public void Places_aftershocks_earlier_events_and_forecasts_are_different_subjects()
    {
        var a = Article("a1", "Harrowgate Post", "Quake kills dozens in Kestria",
            "In Kestria, 54 people were killed. Ostmark reported 3 deaths.\n\n" +
            "The strongest aftershock measured 5.8.\n\n" +
            "It was the strongest quake since a 7.1-magnitude temblor struck in 1994, killing more than 2,000 people.\n\n" +
            "Seismologists warned the toll could reach 500.", Morning);
        var b = Article("b1", "Vellmouth Courier", "Kestria quake",
            "The magnitude 6.6 quake killed 54 people in Kestria, while 5 people died in Ostmark.\n\n" +
            "An aftershock of magnitude 5.8 followed.\n\n" +
            "A magnitude 7.4 earthquake in 1994 killed about 2,400 people.\n\n" +
            "The toll could surpass 1,000, according to modelling.", Morning);
        var r = Comparer.Compare(Story(a, b));
        Assert.Equal(CoverageStatus.Shared, Single(r, "magnitude of the aftershock").Status);
        // 1994: its own subject, and no longer evolving: 7.1 against 7.4 and "more than 2,000" against "about 2,400" conflict.
        Assert.Equal(CoverageStatus.Conflict, Single(r, "magnitude of the 1994 earthquake").Status);
        // Forecasts that differ are neither a conflict nor an update.
        var forecast = Single(r, "death toll (forecast)");
        Assert.Equal(CoverageStatus.Shared, forecast.Status);
        Assert.Contains("forecasts differ", forecast.Detail);
        // The toll elsewhere is not compared with the toll at home.
        Assert.Contains(r.Items, i => i.Key.StartsWith("death toll in Ostmark", StringComparison.Ordinal));
        // The row of the toll at home holds no other figure (not "54 / 3"); a figure the reader could not place stands apart.
        var home = Assert.Single(r.Items, i => i.Key == "death toll" && i.Values.Values.Contains("54"));
        Assert.All(home.Values.Values, v => Assert.Equal("54", v));
    }

    [Fact]
    public void Counts_of_people_on_board_passengers_crew_survivors_and_a_time_of_day()
    {
        var a = Article("a1", "Harrowgate Post", "Jet crashes at Vellmouth",
            "A Castry Air jet with 181 people on board crashed at Vellmouth airport at 9:03 a.m. on Sunday. The plane was carrying 175 passengers and six crew members.\n\n" +
            "Only two of the 181 people on board survived.", Morning);
        var b = Article("b1", "Vellmouth Courier", "Vellmouth crash",
            "The jet crashed at about 9 a.m. on Sunday. It was carrying 173 passengers and eight crew members; all but two of the 181 people aboard died.", Morning);
        var r = Comparer.Compare(Story(a, b));
        Assert.Equal(CoverageStatus.Shared, Single(r, "people on board").Status);
        Assert.Equal(CoverageStatus.Conflict, Single(r, "passengers").Status);
        Assert.Equal(CoverageStatus.Conflict, Single(r, "crew").Status);
        Assert.Equal("two", Single(r, "survivors").Values["Harrowgate Post"]);
        var time = Single(r, "time of the crash");
        Assert.Equal(CoverageStatus.Shared, time.Status); // 9:03 is "about 9"
        Assert.Equal("09:03 (9:03 a.m.)", time.Values["Harrowgate Post"]);
    }

    [Fact]
    public void Ages_roles_and_the_outlets_that_differ_from_most()
    {
        var a = Article("a1", "Harrowgate Post", "Dunmore mayor resigns", "Dunmore Mayor Hanna Brisk, 52, resigned on Friday after the dam report.");
        var b = Article("b1", "Vellmouth Courier", "Mayor quits", "Dunmore Mayor Hanna Brisk, 52, resigned on Friday after the dam report was published.");
        var c = Article("c1", "Lakeside Daily", "Resignation in Dunmore", "Dunmore Mayor Piet Olland, 55, resigned on Friday after the dam report.");
        var r = Comparer.Compare(Story(a, b, c));
        var role = Assert.Single(r.Items, i => i.Type == "Role");
        Assert.Equal(CoverageStatus.Conflict, role.Status);
        Assert.Equal(new[] { "Lakeside Daily" }, role.Differing);
        Assert.Equal("mayor (Dunmore)", role.Key);
    }

    [Fact]
    public void No_key_is_made_of_stemmed_tokens()
    {
        // Keys say what is measured in the articles' words (or the plain words of a measure): every word of a key is a
        // word of the story's text or of a measure's name, never a stem such as "evacuat" or "goe".
        var articles = new[]
        {
            Article("a1", "Harrowgate Post", "Floods force evacuations in Tarnby",
                "Some 210 people were evacuated from homes near the river in Tarnby on Tuesday, officials said. The council opened two shelters. " +
                "Rescuers pulled 57 people from cars. The river rose 80 centimetres in six hours. Goes Ferries suspended 14 crossings."),
            Article("b1", "Vellmouth Courier", "Tarnby floods",
                "Officials said 120 people were evacuated from homes near the river in Tarnby on Tuesday. The Lenn burst its banks at 3:40 pm. " +
                "The flood caused damage worth about $4.5 million, the council said, and 12 barns were destroyed on farms west of the village."),
        };
        var r = Comparer.Compare(Story(articles));
        var text = string.Join(" ", articles.Select(x => x.Title + " " + x.Body)) + " " +
                   string.Join(" ", MeasureWords());
        var words = new HashSet<string>(Regex.Matches(text.ToLowerInvariant(), @"[\p{L}\p{N}'’-]+").Select(m => m.Value.Trim('\'', '’', '-')), StringComparer.Ordinal);
        var keys = Claims(r).Select(i => i.Key).ToList();
        Assert.NotEmpty(keys);
        foreach (var key in keys)
            foreach (Match w in Regex.Matches(key.ToLowerInvariant(), @"[\p{L}\p{N}'’-]+"))
                Assert.True(words.Contains(w.Value.Trim('\'', '’', '-')), $"key '{key}': '{w.Value}' is not a word of the articles");
    }

    /// <summary>The words the lexicon's measures and qualifiers are named with ("death toll", "forecast", "earlier figure").</summary>
    private static IEnumerable<string> MeasureWords() =>
        new[]
        {
            "death toll people injured missing trapped rescued evacuated displaced arrested survivors who arrived magnitude depth distance off the coast",
            "height length age storeys of the building population jobs cut size workforce share vote change in price turnout seats votes",
            "passengers crew on board analysts' estimate buildings damaged majority in all from forecast earlier figure aftershock earthquake event",
            "date time take-off per share money percent centimeters kilometers meters years months days hours minutes quarter the coming this last next",
            "earnings revenue loss profit strongest deadliest worst highest lowest since",
        };

    [Fact]
    public void Bad_input_one_outlet_says_nothing_can_be_compared()
    {
        var r = Comparer.Compare(Story(Article("a1", "Harrowgate Post", "Ferry strike", "Crews walked out on Tuesday, stranding 3,000 commuters on Carrow Island.")));
        Assert.All(r.Items.Where(i => i.Kind != CoverageKind.Framing), i => Assert.Equal(CoverageStatus.Unique, i.Status));
        Assert.Contains(r.Warnings, w => w.Contains("Only one outlet", StringComparison.Ordinal));
    }

    [Fact]
    public void Bad_input_fifty_outlets_and_thirty_articles_of_one_outlet_finish_with_one_row_per_measure()
    {
        string Body(int toll, int hour) => $"The death toll from the Tarnby floods has risen to {toll}, officials said. About 3,400 people were evacuated from Tarnby. The river rose 80 centimetres in six hours.";
        var articles = new List<NewsArticle>();
        for (int i = 0; i < 50; i++) articles.Add(Article("o" + i, "Outlet " + i, "Tarnby floods", Body(20 + i % 3, i), Morning.AddMinutes(10 * i)));
        // One outlet's live blog: thirty posts, the toll climbing.
        for (int i = 0; i < 30; i++) articles.Add(Article("l" + i, "Live Desk", "Tarnby floods live", Body(20 + i, i), Morning.AddHours(i)));
        var r = Comparer.Compare(Story(articles.ToArray()));
        Assert.Equal(51, r.Summary.Count);
        var toll = Single(r, "death toll");
        Assert.Equal(51, toll.OutletCount);
        Assert.Equal(CoverageStatus.Update, toll.Status);
        Assert.Equal(CoverageStatus.Shared, Single(r, "people evacuated").Status);
        Assert.DoesNotContain(r.Items, i => i.Status == CoverageStatus.Conflict);
    }

    [Fact]
    public void Bad_input_another_language_is_left_out_of_figures_and_said()
    {
        var en = Article("a1", "Harrowgate Post", "Ferry strike", "Crews walked out on Tuesday, stranding 3,000 commuters on Carrow Island, the union said.");
        var de = new NewsArticle
        {
            Id = "d1", Outlet = "Tarnby Zeitung", Title = "Fährstreik", Language = "de", Published = en.Published,
            Body = "Die Besatzungen streikten am Dienstag, 4.500 Pendler sitzen auf der Insel Carrow fest, teilte die Gewerkschaft mit.",
        };
        var r = Comparer.Compare(Story(en, de));
        Assert.DoesNotContain(r.Items, i => i.Kind == CoverageKind.Number && i.Outlets.Contains("Tarnby Zeitung"));
        Assert.Contains(r.Warnings, w => w.Contains("not in English", StringComparison.Ordinal) && w.Contains("Tarnby Zeitung: de", StringComparison.Ordinal));
    }

    [Fact]
    public void Bad_input_tables_score_lines_captions_and_time_stamps_are_no_claims()
    {
        var a = Article("a1", "Harrowgate Post", "Harbour Town win the cup",
            "Updated March 14, 2026 9:40 PM UTC\n" +
            "Harbour Town 3-1 Castry Rovers\n" +
            "Team\tPlayed\tWon\tPoints\n" +
            "Harbour Town\t30\t21\t66\n" +
            "Castry Rovers\t30\t18\t58\n" +
            "Fans celebrate in Harbour Square on Saturday. Jane Roe / Norden Pictures\n" +
            "Harbour Town beat Castry Rovers to win the cup for the first time in 42 years, with 21,000 fans at the ground.");
        var b = Article("b1", "Vellmouth Courier", "Cup final",
            "Harbour Town won the cup for the first time in 42 years before a crowd of 21,000, beating Castry Rovers.");
        var r = Comparer.Compare(Story(a, b));
        var values = string.Join(" | ", Claims(r).SelectMany(i => i.Values.Values));
        foreach (var cell in new[] { "66", "58", "18", "9:40", "30" })
            Assert.DoesNotContain(cell, values.Split(" | "));
        Assert.DoesNotContain(r.Items, i => i.Kind == CoverageKind.Entity && i.Key == "Norden Pictures");
        Assert.DoesNotContain(r.Items, i => i.Status == CoverageStatus.Conflict);
        Assert.Contains(Claims(r), i => i.Values.Values.Any(v => v.Contains("21,000", StringComparison.Ordinal)));
    }

    [Fact]
    public void An_outlet_without_a_name_field_is_named_from_its_page_before_its_file()
    {
        var a = new NewsArticle
        {
            Id = "x1", Body = "Crews walked out.", Source = "/tmp/08-harbourcourier.txt",
            Removed = new TextList(new[] { "© 2026 The Harbour Courier. All rights reserved." }),
        };
        Assert.Equal("The Harbour Courier", OutletName.Of(a));
        var b = new NewsArticle { Id = "x2", Body = "Crews walked out.", Source = "/tmp/09-other.txt", Removed = new TextList(new[] { "Read more at https://www.lakesidedaily.example/ferry" }) };
        Assert.Equal("lakesidedaily.example", OutletName.Of(b));
        var c = new NewsArticle { Id = "x3", Body = "Crews walked out.", Source = "/tmp/10-plain.txt" };
        Assert.Equal("10-plain", OutletName.Of(c));
    }

    [Fact]
    public void A_figure_in_a_phrase_cut_short_is_keyed_by_the_words_it_measures_not_by_fragments()
    {
        // "as part of a $4 billion restructuring plan to catch up in …": neither "part …" nor "… plan to catch".
        var a = Article("a1", "Harrowgate Post", "Corvane cuts jobs",
            "Last spring, Corvane Systems said it would cut 8% of its staff as part of a $4 billion restructuring plan to catch up in the battery market.", Morning);
        var b = Article("b1", "Vellmouth Courier", "Corvane to cut staff", "Corvane Systems will cut jobs, the company said on Tuesday.", Morning);
        var r = Comparer.Compare(Story(a, b));
        var money = Assert.Single(Claims(r), i => i.Values.Values.Any(v => v.Contains("$4 billion", StringComparison.Ordinal)));
        Assert.Equal("restructuring plan", money.Key);
    }

    [Fact]
    public void A_conflicting_figure_says_who_each_outlet_has_it_from()
    {
        var a = Article("a1", "Harrowgate Post", "Quake in Kestria",
            "A magnitude 6.1 earthquake struck Kestria on Sunday. The quake was 40 km deep, according to the Kestrian Seismology Office.", Morning);
        var b = Article("b1", "Vellmouth Courier", "Quake in Kestria",
            "A magnitude 6.1 earthquake struck Kestria on Sunday at a depth of 12 km, the Halvard Geological Survey said.", Morning);
        var c = Article("c1", "Lakeside Daily", "Quake in Kestria", "A magnitude 6.1 earthquake struck Kestria on Sunday at a depth of 40 kilometres.", Morning);
        var r = Comparer.Compare(Story(a, b, c));
        var depth = Single(r, "depth of the earthquake");
        Assert.Equal(CoverageStatus.Conflict, depth.Status);
        Assert.Equal("Kestrian Seismology Office", depth.GivenBy["Harrowgate Post"]);
        Assert.Equal("Halvard Geological Survey", depth.GivenBy["Vellmouth Courier"]);
        // An outlet that credits nobody has no entry.
        Assert.False(depth.GivenBy.ContainsKey("Lakeside Daily"));
        Assert.Contains("Vellmouth Courier: 12 km (per Halvard Geological Survey)", depth.Detail);
        // Rows that agree carry none (they are not weighed outlet against outlet).
        Assert.Empty(Single(r, "magnitude of the earthquake").GivenBy);

        // A source of another clause's figure, or a place, gives nothing to this one.
        var d = Article("d1", "Orrin Ledger", "Quake in Kestria", "In Kestria, 730 people were injured, while Orlen reported 10 dead.", Morning);
        var e = Article("e1", "Tarnby Times", "Quake in Kestria", "Some 810 people were injured in Kestria, officials said.", Morning);
        var injured = Assert.Single(Claims(Comparer.Compare(Story(d, e))), i => i.Status == CoverageStatus.Conflict);
        Assert.False(injured.GivenBy.ContainsKey("Orrin Ledger"));
        Assert.Equal("officials", injured.GivenBy["Tarnby Times"]);
    }

    [Fact]
    public void A_party_named_as_its_members_and_as_the_party_is_one_owner_of_its_seats()
    {
        var a = Article("a1", "Harrowgate Post", "Kestria votes", "The Conservative Party won 121 seats in Kestria's election on Sunday. Labour won 300 seats.", Morning);
        var b = Article("b1", "Vellmouth Courier", "Kestria votes", "Labour won 300 seats. The Conservatives won 119 seats in the election on Sunday.", Morning);
        var c = Article("c1", "Lakeside Daily", "Kestria votes", "The Conservatives took 121 seats on Sunday, while Labour won 300 seats.", Morning);
        var r = Comparer.Compare(Story(a, b, c));
        var seats = Assert.Single(Claims(r), i => i.Values.Count == 3 && i.Values.Values.Contains("119"));
        Assert.Equal(CoverageStatus.Conflict, seats.Status);
        Assert.Equal(new[] { "Vellmouth Courier" }, seats.Differing);
    }

    [Fact]
    public void Turnout_is_one_measure_however_it_is_worded()
    {
        var a = Article("a1", "Harrowgate Post", "Kestria votes", "Turnout in Sunday's election in Kestria was 60 percent, the electoral commission said.", Morning);
        var b = Article("b1", "Vellmouth Courier", "Kestria votes", "Turnout was 59.7% in Sunday's election.", Morning);
        var c = Article("c1", "Lakeside Daily", "Kestria votes", "About 64% of voters cast ballots in Sunday's election, according to the commission.", Morning);
        var r = Comparer.Compare(Story(a, b, c));
        var turnout = Single(r, "turnout");
        Assert.Equal(3, turnout.OutletCount);
        Assert.Equal(CoverageStatus.Conflict, turnout.Status);
        Assert.Equal(new[] { "Lakeside Daily" }, turnout.Differing);
    }
}
