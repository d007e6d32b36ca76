using NewsCmdlets.Engine.Coverage;
using NewsCmdlets.Engine.Ingest;
using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Engine.Tests.Coverage;

/// <summary>Invented events in invented towns, reported by invented outlets.</summary>
internal static class StoryFixtures
{
    public static readonly DateTimeOffset Day = new(2025, 3, 11, 9, 0, 0, TimeSpan.Zero);

    public static NewsArticle Article(string id, string? outlet, string title, DateTimeOffset? published, string[] paragraphs, string? agency = null) => new()
    {
        Id = id,
        Outlet = outlet,
        Agency = agency,
        Title = title,
        Published = published,
        Body = string.Join("\n", paragraphs),
        Paragraphs = new TextList(paragraphs),
        WordCount = paragraphs.Sum(p => p.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length),
    };

    /// <summary>The wire text of a bridge collapse, with the town, people, numbers and weekday swapped in.</summary>
    public static string[] BridgeWire(string town, string river, string engineer, string mayor, int injured, string company, string weekday) => new[]
    {
        $"{town.ToUpperInvariant()} (TPA) — A road bridge over the {river} collapsed in {town} on {weekday}, injuring {injured} people and cutting the main route into the town centre, officials said.",
        $"The {river} Crossing, built in 1968, gave way shortly after the morning rush hour as two lorries and a bus were crossing it.",
        $"Emergency crews pulled {injured} people from the water and from vehicles trapped on the collapsed span. None of the injuries were life-threatening, according to the regional ambulance service.",
        $"“We heard a noise like thunder and then the whole middle section simply dropped,” said {engineer}, a structural engineer who lives beside the river.",
        $"{company}, which inspected the bridge last spring, said it would cooperate fully with investigators and that its report had flagged corrosion on two supports.",
        $"Mayor {mayor} said the town would open a temporary ferry service within a week and asked residents to avoid the riverside streets while divers searched the wreckage.",
        $"The regional transport authority said it would inspect eleven other bridges of the same design before the end of the month.",
        $"Traffic was being diverted through the villages north of {town}, adding up to forty minutes to journeys, police said.",
    };

    /// <summary>Another outlet's own report of the same collapse: other wording and order, the same names and numbers.</summary>
    public static string[] BridgeOwnReport(string town, string river, string engineer, string mayor, int injured, string company) => new[]
    {
        $"Investigators in {town} are examining why the {river} Crossing fell into the water, a collapse that left {injured} people in hospital.",
        $"{company} had warned of corrosion on two of the supports after its inspection last spring, according to documents seen by this newspaper.",
        $"Mayor {mayor} promised a ferry between the two banks and told residents the town centre remained open for business.",
        $"{engineer}, an engineer whose house overlooks the {river}, described the moment the span dropped as terrifying.",
        $"The regional transport authority has ordered checks on eleven similar bridges. Drivers face diversions of up to forty minutes.",
    };

    public static readonly DateTimeOffset Later = Day.AddDays(400);

    /// <summary>Wire story, a copy with another headline, chrome and its last paragraphs cut, and an outlet's own report.</summary>
    public static List<NewsArticle> MarrowickCollapse(DateTimeOffset day)
    {
        var wire = BridgeWire("Marrowick", "Tallow", "Ilse Varnholt", "Corwen Adeyemi-Strand", 14, "Halvercourt Engineering", "Tuesday");
        var copy = new[] { "Advertisement" }.Concat(wire.Take(6)).Append("Sign up for the Hollin Gazette evening newsletter").ToArray();
        return new List<NewsArticle>
        {
            Article("m-wire", "Tidewater Press Agency", "Bridge collapses in Marrowick, injuring 14", day, wire, "Tidewater Press Agency"),
            Article("m-copy", "Hollin Gazette", "Terror on the Tallow as Marrowick crossing falls", day.AddHours(3), copy, "Tidewater Press Agency"),
            Article("m-own", "Brackford Chronicle", "Marrowick asks why its bridge fell", day.AddHours(20),
                BridgeOwnReport("Marrowick", "Tallow", "Ilse Varnholt", "Corwen Adeyemi-Strand", 14, "Halvercourt Engineering")),
        };
    }

    /// <summary>The same kind of event, written from the same template, in another town with other people.</summary>
    public static List<NewsArticle> DunmereCollapse(DateTimeOffset day) => new()
    {
        Article("d-wire", "Tidewater Press Agency", "Bridge collapses in Dunmere, injuring 9", day,
            BridgeWire("Dunmere", "Osk", "Pavel Ternholm", "Maud Kilbarrow", 9, "Saltreach Surveys", "Friday"), "Tidewater Press Agency"),
        Article("d-own", "Fenwick Courier", "Dunmere asks why its bridge fell", day.AddHours(12),
            BridgeOwnReport("Dunmere", "Osk", "Pavel Ternholm", "Maud Kilbarrow", 9, "Saltreach Surveys")),
    };

    /// <summary>Unrelated filler so document frequencies look like a corpus.</summary>
    public static IEnumerable<NewsArticle> Filler(DateTimeOffset day)
    {
        string[] towns = { "Ashbury", "Kelloway", "Penrudd", "Sorrowby", "Lintford", "Garrowmere" };
        string[] people = { "Otto Brannagh", "Renske Dalloway", "Imre Falcombe", "Tavi Orlund", "Bryn Castellane", "Yusra Pellworth" };
        for (int i = 0; i < towns.Length; i++)
            yield return Article("f" + i, "Northfold Post", $"{towns[i]} council approves {10 + i} new homes", day.AddDays(i % 3), new[]
            {
                $"The council in {towns[i]} approved plans for {10 + i} new homes on the old {people[i].Split(' ')[1]} farm site on Monday.",
                $"Councillor {people[i]} said the homes would be offered first to families already living in {towns[i]}.",
                "Objectors said the roads around the site were already too busy at school times.",
                "Building is expected to begin in the autumn and take about two years.",
            });
    }
}

public sealed class StoryGrouperTests
{
    private static List<NewsStory> GroupAll(IEnumerable<NewsArticle> articles, StoryGroupingOptions? options = null)
    {
        var g = new StoryGrouper(options);
        foreach (var a in articles) g.Add(a);
        return g.Group().ToList();
    }

    private static NewsStory StoryOf(List<NewsStory> stories, string id) => stories.Single(s => s.Articles.Any(a => a.Id == id));

    /// <summary>An invented word for each number (syllables, no real word): the text of one article of a pile.</summary>
    private static string Coined(int k)
    {
        string[] syllables = { "bra", "vel", "dok", "sur", "mip", "zan", "tho", "gwe", "lix", "fen", "quo", "rab" };
        var word = new System.Text.StringBuilder("ke");
        for (int x = k + 1; x > 0; x /= syllables.Length) word.Append(syllables[x % syllables.Length]);
        return word.ToString();
    }

    [Fact]
    public void Candidates_per_article_are_bounded_when_one_common_feature_links_every_article_to_every_other()
    {
        // 300 articles of one day that share two heavy words (in every headline and body) and nothing else: without a
        // bound every article is a candidate of every later one. An event's own reports among them still find each other.
        const int pile = 300;
        var articles = new List<NewsArticle>();
        for (int i = 0; i < pile; i++)
        {
            var own = Enumerable.Range(0, 10).Select(k => Coined(i * 10 + k)).ToArray();
            articles.Add(StoryFixtures.Article("p" + i, "Northfold Post", $"Quorvantic zelbrask notice {own[0]} {own[1]}", StoryFixtures.Day.AddMinutes(i), new[]
            {
                $"The quorvantic zelbrask notice for {own[2]} and {own[3]} was posted this morning.",
                $"Readers of the quorvantic zelbrask listings asked about {own[4]}, {own[5]} and {own[6]}.",
                $"The office said {own[7]}, {own[8]} and {own[9]} would follow later in the week.",
            }));
        }
        articles.AddRange(StoryFixtures.MarrowickCollapse(StoryFixtures.Day.AddHours(2)));
        var g = new StoryGrouper();
        foreach (var a in articles) g.Add(a);
        var stories = g.Group().ToList();

        // The first article shares the two words with all 299 later ones: each word is followed to its nearest few only.
        Assert.Equal(StoryGrouper.MaxWalk, g.Statistics.MaxCandidatesFound);
        Assert.InRange(g.Statistics.MaxCandidatesScored, 1, StoryGrouper.MaxCandidates);
        Assert.Equal(new[] { "m-wire", "m-copy", "m-own" }, StoryOf(stories, "m-wire").Articles.Select(a => a.Id));
    }

    [Fact]
    public void Candidates_scored_per_article_are_bounded_when_each_of_its_terms_leads_to_other_articles()
    {
        // A first notice naming eight pairs of heavy words, then eight groups of 70 notices, each sharing one pair:
        // every word leads to other articles, so the first has hundreds of candidates; only the bound's number are scored.
        const int groups = 8, perGroup = 70;
        var pairs = Enumerable.Range(0, groups).Select(k => (Coined(50_000 + 2 * k), Coined(50_001 + 2 * k))).ToArray();
        string all = string.Join(" ", pairs.Select(p => p.Item1 + " " + p.Item2));
        var articles = new List<NewsArticle>
        {
            StoryFixtures.Article("hub", "Northfold Post", "Notices " + all, StoryFixtures.Day, new[] { $"The notices name {all}.", $"Readers asked about {all}." }),
        };
        for (int i = 0; i < groups * perGroup; i++)
        {
            var (a, b) = pairs[i % groups];
            var own = Enumerable.Range(0, 6).Select(k => Coined(i * 6 + k)).ToArray();
            articles.Add(StoryFixtures.Article("g" + i, "Northfold Post", $"{a} {b} notice {own[0]} {own[1]}", StoryFixtures.Day.AddMinutes(1 + i), new[]
            {
                $"The {a} {b} notice for {own[2]} and {own[3]} was posted this morning.",
                $"Readers of the {a} {b} listings asked about {own[4]} and {own[5]}.",
            }));
        }
        var g = new StoryGrouper();
        foreach (var x in articles) g.Add(x);
        g.Group();

        Assert.Equal(groups * StoryGrouper.MaxWalk, g.Statistics.MaxCandidatesFound);
        Assert.Equal(StoryGrouper.MaxCandidates, g.Statistics.MaxCandidatesScored);
        Assert.True(g.Statistics.CandidatesScored <= (long)articles.Count * StoryGrouper.MaxCandidates);
    }

    [Fact]
    public void Selecting_the_cut_of_the_heaviest_candidates_gives_the_value_a_sort_would()
    {
        var random = new Random(7);
        for (int round = 0; round < 200; round++)
        {
            int count = 1 + random.Next(400);
            // Few distinct values in some rounds: ties are the common case for candidates sharing the same terms.
            int distinct = round % 2 == 0 ? 5 : 1000;
            var keys = Enumerable.Range(0, count).Select(_ => (float)random.Next(distinct)).ToArray();
            var sorted = keys.OrderBy(x => x).ToArray();
            int k = random.Next(count);
            Assert.Equal(sorted[k], StoryGrouper.Select((float[])keys.Clone(), count, k));
        }
    }

    [Fact]
    public void Same_event_by_three_outlets_with_a_wire_copy_is_one_story_with_one_copy_group()
    {
        var stories = GroupAll(StoryFixtures.MarrowickCollapse(StoryFixtures.Day).Concat(StoryFixtures.Filler(StoryFixtures.Day)));
        var s = StoryOf(stories, "m-wire");
        Assert.Equal(new[] { "m-wire", "m-copy", "m-own" }, s.Articles.Select(a => a.Id));
        Assert.Equal(3, s.ArticleCount);
        var copies = Assert.Single(s.CopyGroups);
        Assert.Equal(new[] { "m-wire", "m-copy" }, copies.Select(a => a.Id));
        Assert.Equal(new[] { "Tidewater Press Agency", "Hollin Gazette", "Brackford Chronicle" }, s.Outlets);
        Assert.Equal(3, s.OutletCount);
        Assert.Equal(2, s.IndependentOutlets); // the wire and its copy are one voice
        Assert.Equal(StoryFixtures.Day, s.FirstPublished);
        Assert.Equal(StoryFixtures.Day.AddHours(20), s.LastPublished);
        Assert.Contains("Marrowick", s.TopEntities);
        Assert.Contains("Ilse Varnholt", s.TopEntities);
        Assert.Contains("Halvercourt Engineering", s.TopEntities);
        Assert.DoesNotContain("Tuesday", s.TopEntities);
        Assert.DoesNotContain("The", s.TopEntities);
        Assert.Matches("^s[0-9a-f]{12}$", s.Id);
        Assert.Contains(s.Title, s.Articles.Select(a => a.Title));
        // The filler stays out of it.
        Assert.All(stories.Where(x => x != s), x => Assert.DoesNotContain(x.Articles, a => a.Id.StartsWith("m-")));
    }

    [Fact]
    public void Same_kind_of_event_in_another_town_is_another_story()
    {
        // Same template, other town, people and numbers; only three days apart, so time alone does not separate them.
        var stories = GroupAll(StoryFixtures.MarrowickCollapse(StoryFixtures.Day)
            .Concat(StoryFixtures.DunmereCollapse(StoryFixtures.Day.AddDays(3)))
            .Concat(StoryFixtures.Filler(StoryFixtures.Day)));
        var marrowick = StoryOf(stories, "m-wire");
        var dunmere = StoryOf(stories, "d-wire");
        Assert.NotSame(marrowick, dunmere);
        Assert.Equal(3, marrowick.ArticleCount);
        Assert.Equal(new[] { "d-wire", "d-own" }, dunmere.Articles.Select(a => a.Id));
        Assert.Empty(dunmere.CopyGroups);
        Assert.Equal(2, dunmere.IndependentOutlets);
    }

    [Fact]
    public void One_event_named_in_full_by_some_reports_and_in_lower_case_by_others_is_one_story()
    {
        // Five reports lead with "the Dunstow Fire Brigade", three others say "the fire brigade" and lead with a witness
        // the five never name. The full name is not the five's own: the three have its last word.
        string[] lead =
        {
            "Crews from the Dunstow Fire Brigade fought a blaze at Carvel Mill in Dunstow on Monday night, and forty workers were led out unhurt.",
            "The Dunstow Fire Brigade spent six hours on Monday night putting out a fire at Carvel Mill, where forty workers got out unhurt.",
            "Forty workers escaped unhurt when fire tore through Carvel Mill in Dunstow on Monday night, the Dunstow Fire Brigade said.",
            "A fire at Carvel Mill in Dunstow was brought under control early on Tuesday, the Dunstow Fire Brigade said, after forty workers were evacuated.",
            "Eight engines of the Dunstow Fire Brigade were sent to Carvel Mill in Dunstow on Monday night as flames spread through the dye house.",
        };
        string[] shared =
        {
            "The roof of the dye house collapsed shortly before midnight and the blaze reached the weaving shed.",
            "The brigade said the cause of the fire was not yet known and that investigators would return on Wednesday.",
        };
        string[] own =
        {
            "The mill employs about two hundred people and had reopened only last year after a long closure.",
            "Smoke from the fire could be seen from the motorway ten miles away, drivers said.",
            "The owners said the mill would stay closed for at least a month while the damage is assessed.",
            "Power to nearby farms was cut for several hours as a precaution.",
            "A spokesman for the owners thanked the crews and said wages would be paid during the closure.",
        };
        var articles = new List<NewsArticle>();
        for (int i = 0; i < lead.Length; i++)
            articles.Add(StoryFixtures.Article("full" + i, "Outlet F" + i, $"Fire at Carvel Mill in Dunstow ({i})", StoryFixtures.Day.AddHours(i),
                new[] { lead[i], shared[i % 2], shared[(i + 1) % 2], own[i] }));
        string[] witness =
        {
            "Orla Vantreece, who lives opposite Carvel Mill in Dunstow, said she saw flames in the dye house and called the fire brigade.",
            "Neighbour Orla Vantreece said the fire brigade reached Carvel Mill in Dunstow within minutes.",
            "The fire at Carvel Mill in Dunstow started in the dye house, said Orla Vantreece, who watched the fire brigade arrive.",
        };
        string[] street =
        {
            "Vantreece said families on Tannery Row had stood in the street in their coats while the fire brigade unrolled its hoses.",
            "Vantreece, a retired teacher who worked at the mill as a young woman, said neighbours on Tannery Row smelled burning wool before the alarm.",
        };
        string[] aside = { "She said she would never forget the noise.", "Her cat was found safe the next morning.", "She has lived on the row for forty years." };
        for (int i = 0; i < witness.Length; i++)
            articles.Add(StoryFixtures.Article("witness" + i, "Outlet W" + i, $"Witness saw Dunstow mill fire start ({i})", StoryFixtures.Day.AddHours(2 + i),
                new[] { witness[i], street[i % 2], street[(i + 1) % 2], aside[i] }));
        var stories = GroupAll(articles.Concat(StoryFixtures.Filler(StoryFixtures.Day)));
        var fire = StoryOf(stories, "full0");
        Assert.Equal(8, fire.ArticleCount);
    }

    [Fact]
    public void Two_groups_of_reports_that_differ_by_one_word_name_each_are_one_story()
    {
        // Five reports of a mill fire name the district it stands in, three others the village it was seen from; no
        // report names both. One word each is a detail some outlets chose, not two events: one story.
        string[] street =
        {
            "Fire swept through Carvel Mill in the Ostreby district of Dunstow on Monday night, and forty workers were led out unhurt.",
            "Forty workers escaped unhurt when fire tore through Carvel Mill in Ostreby, Dunstow, on Monday night.",
            "A fire at Carvel Mill in Dunstow's Ostreby district was brought under control early on Tuesday after forty workers were evacuated.",
            "Flames spread through the dye house of Carvel Mill in the Ostreby district of Dunstow on Monday night as forty workers fled.",
            "Carvel Mill in Ostreby, Dunstow, was badly damaged by fire on Monday night; its forty workers got out unhurt.",
        };
        string[] witness =
        {
            "Flames from Carvel Mill in Dunstow could be seen from Harlowgate on Monday night, villagers said.",
            "Villagers in Harlowgate said they saw fire spread through Carvel Mill in Dunstow on Monday night within minutes.",
            "The fire at Carvel Mill in Dunstow on Monday night lit up the sky over Harlowgate, villagers said.",
        };
        // Each set of reports shares its own further words (no two texts copies of one), so each set is a group before the two meet.
        string[] streetMore =
        {
            "The dye house roof collapsed before midnight and the weaving shed burned.",
            "Eight engines were sent to the weaving shed and the dye house.",
            "Crews saved the weaving shed but lost the dye house roof.",
            "The weaving shed was flooded by hoses after the dye house roof fell.",
            "By dawn the dye house roof was gone and the weaving shed gutted.",
        };
        string[] witnessMore =
        {
            "Villagers said smoke filled the lane and they stood outside in their coats.",
            "Villagers in coats watched from the lane as smoke rose.",
            "Smoke drifted down the lane while villagers waited in their coats.",
        };
        var articles = new List<NewsArticle>();
        for (int i = 0; i < street.Length; i++)
            articles.Add(StoryFixtures.Article("street" + i, "Outlet S" + i, $"Fire at Carvel Mill in Dunstow ({i})", StoryFixtures.Day.AddHours(i),
                new[] { street[i], streetMore[i] }));
        for (int i = 0; i < witness.Length; i++)
            articles.Add(StoryFixtures.Article("witness" + i, "Outlet W" + i, $"Villagers saw the Dunstow mill fire ({i})", StoryFixtures.Day.AddHours(2 + i),
                new[] { witness[i], witnessMore[i] }));
        var stories = GroupAll(articles.Concat(StoryFixtures.Filler(StoryFixtures.Day)));
        Assert.Equal(8, StoryOf(stories, "street0").ArticleCount);
    }

    [Fact]
    public void A_report_whose_headline_gives_another_magnitude_is_another_quake_but_an_update_with_the_story_figure_joins()
    {
        // Four reports of a magnitude 6.3 quake off an invented coast, each headline giving the magnitude; then an
        // undated report of a smaller quake in the same place, told with the same governor, office and harbour: its
        // headline's 5.1 is in no report of the first quake, and it never gives 6.3. Another event of the same kind.
        // A later report whose headline gives a new figure (homes damaged) but whose text gives the magnitude joins.
        string[] headlines =
        {
            "Magnitude 6.3 quake shakes Velmara coast, tsunami watch issued",
            "6.3 earthquake strikes off Velmara as ferries halt in Brisk Harbour",
            "Strong 6.3 tremor hits Velmara region, governor says no deaths",
            "Velmara coast rattled by magnitude 6.3 earthquake",
        };
        string[] leads =
        {
            "A magnitude 6.3 earthquake struck off the Velmara coast before dawn, and the Velmara Seismic Office issued a tsunami watch for Brisk Harbour.",
            "Ferries in Brisk Harbour were halted after a 6.3 earthquake struck under the sea off Velmara, the Velmara Seismic Office said.",
            "Governor Ansel Trow said no deaths had been reported after a strong 6.3 earthquake shook the Velmara coast early in the morning.",
            "The Velmara coast was rattled by a magnitude 6.3 earthquake, and Governor Ansel Trow asked people in Brisk Harbour to move to higher ground.",
        };
        string[] more =
        {
            "Governor Ansel Trow said crews were checking the harbour walls and the coast road for cracks.",
            "The seismic office measured the quake at a depth of about forty kilometres and warned of aftershocks along the coast.",
            "Schools along the coast were closed for the day while engineers inspected them, the seismic office said.",
            "The tsunami watch was lifted by midday, the seismic office said, and the ferries from Brisk Harbour sailed again.",
        };
        var articles = new List<NewsArticle>();
        for (int i = 0; i < headlines.Length; i++)
            articles.Add(StoryFixtures.Article("quake" + i, "Coast Outlet " + i, headlines[i], StoryFixtures.Day.AddHours(1 + i), new[] { leads[i], more[i] }));
        articles.Add(StoryFixtures.Article("smaller", "Coast Outlet 9", "Tsunami watch lifted after 5.1 quake off Velmara", null, new[]
        {
            "A tsunami watch for the Velmara coast was lifted within the hour after a magnitude 5.1 earthquake struck near Kessly Point.",
            "Fishermen at Kessly Point said the shaking rattled windows but the sea stayed calm, and the governor thanked the coastguard.",
        }));
        articles.Add(StoryFixtures.Article("update", "Coast Outlet 8", "Velmara quake damaged 240 homes, governor says", StoryFixtures.Day.AddHours(20), new[]
        {
            "The magnitude 6.3 earthquake that struck off the Velmara coast damaged 240 homes in Brisk Harbour, Governor Ansel Trow said.",
            "The Velmara Seismic Office said aftershocks along the coast had grown weaker through the day.",
        }));
        var stories = GroupAll(articles.Concat(StoryFixtures.Filler(StoryFixtures.Day)));
        var quake = StoryOf(stories, "quake0");
        Assert.Equal(new[] { "quake0", "quake1", "quake2", "quake3", "update" }, quake.Articles.Select(a => a.Id).OrderBy(x => x, StringComparer.Ordinal));
        Assert.NotSame(quake, StoryOf(stories, "smaller"));
    }

    [Fact]
    public void Same_event_further_apart_than_the_window_is_two_stories_except_copies()
    {
        var articles = StoryFixtures.MarrowickCollapse(StoryFixtures.Day);
        var late = articles[2];
        articles[2] = StoryFixtures.Article(late.Id, late.Outlet, late.Title!, StoryFixtures.Day.AddDays(6), late.Paragraphs.ToArray());
        var stories = GroupAll(articles.Concat(StoryFixtures.Filler(StoryFixtures.Day)));
        Assert.NotSame(StoryOf(stories, "m-wire"), StoryOf(stories, "m-own"));
        Assert.Same(StoryOf(stories, "m-wire"), StoryOf(stories, "m-copy"));

        var wide = GroupAll(articles.Concat(StoryFixtures.Filler(StoryFixtures.Day)), new StoryGroupingOptions { Window = TimeSpan.FromDays(8) });
        Assert.Same(StoryOf(wide, "m-wire"), StoryOf(wide, "m-own"));
    }

    [Fact]
    public void A_copy_with_a_wrong_page_date_does_not_stretch_its_story_past_the_window()
    {
        // A third site reprints the wire text under a date five days too early (its page's own). The copies count one
        // date, their middle one, so the outlet's own report the next day still joins them.
        var articles = StoryFixtures.MarrowickCollapse(StoryFixtures.Day);
        var wire = articles[0];
        articles.Add(StoryFixtures.Article("m-misdated", "Quillon Weekly", "Marrowick bridge collapse", StoryFixtures.Day.AddDays(-5),
            wire.Paragraphs.Take(5).ToArray(), "Tidewater Press Agency"));
        var stories = GroupAll(articles.Concat(StoryFixtures.Filler(StoryFixtures.Day)));
        var story = StoryOf(stories, "m-wire");
        Assert.Equal(new[] { "m-misdated", "m-wire", "m-copy", "m-own" }, story.Articles.Select(a => a.Id));
        Assert.Equal(3, story.CopyGroups[0].Count);
    }

    [Fact]
    public void Undated_articles_are_grouped_on_text_and_sort_last()
    {
        var articles = StoryFixtures.MarrowickCollapse(StoryFixtures.Day);
        var own = articles[2];
        articles[2] = StoryFixtures.Article(own.Id, own.Outlet, own.Title!, null, own.Paragraphs.ToArray());
        var undatedFiller = StoryFixtures.Filler(StoryFixtures.Day).Select(a => StoryFixtures.Article(a.Id, a.Outlet, a.Title!, null, a.Paragraphs.ToArray()));
        var stories = GroupAll(articles.Concat(StoryFixtures.DunmereCollapse(StoryFixtures.Later)).Concat(undatedFiller));
        var s = StoryOf(stories, "m-wire");
        Assert.Equal(new[] { "m-wire", "m-copy", "m-own" }, s.Articles.Select(a => a.Id));
        Assert.Equal(StoryFixtures.Day.AddHours(3), s.LastPublished);
        Assert.NotSame(s, StoryOf(stories, "d-own"));
        // Stories with no date at all come last.
        var firstUndated = stories.FindIndex(x => x.FirstPublished == null);
        Assert.True(firstUndated > 0);
        Assert.All(stories.Skip(firstUndated), x => Assert.Null(x.FirstPublished));
    }

    [Fact]
    public void A_midnight_first_of_January_date_is_a_placeholder_unless_the_text_speaks_of_January()
    {
        // A site that knows only the year gives its report of a July collapse as 1 January 00:00: it still joins its
        // story (a placeholder holds no day). A report that speaks of January keeps its date and its window.
        var articles = StoryFixtures.MarrowickCollapse(new DateTimeOffset(2025, 7, 8, 9, 0, 0, TimeSpan.Zero));
        var own = articles[2];
        var newYear = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        articles[2] = StoryFixtures.Article(own.Id, own.Outlet, own.Title!, newYear, own.Paragraphs.ToArray());
        var stories = GroupAll(articles.Concat(StoryFixtures.Filler(StoryFixtures.Day)));
        Assert.Same(StoryOf(stories, "m-wire"), StoryOf(stories, "m-own"));
        Assert.Equal(articles[0].Published, StoryOf(stories, "m-own").FirstPublished);

        articles[2] = StoryFixtures.Article(own.Id, own.Outlet, own.Title!, newYear, own.Paragraphs.Append("The crossing had been closed for repairs in January.").ToArray());
        stories = GroupAll(articles.Concat(StoryFixtures.Filler(StoryFixtures.Day)));
        Assert.NotSame(StoryOf(stories, "m-wire"), StoryOf(stories, "m-own"));
        // Any other time of that day is a date like any other.
        articles[2] = StoryFixtures.Article(own.Id, own.Outlet, own.Title!, newYear.AddHours(7), own.Paragraphs.ToArray());
        stories = GroupAll(articles.Concat(StoryFixtures.Filler(StoryFixtures.Day)));
        Assert.NotSame(StoryOf(stories, "m-wire"), StoryOf(stories, "m-own"));
    }

    [Fact]
    public void A_higher_threshold_splits_own_reports_but_never_copies()
    {
        var articles = StoryFixtures.MarrowickCollapse(StoryFixtures.Day).Concat(StoryFixtures.Filler(StoryFixtures.Day)).ToList();
        var strict = GroupAll(articles, new StoryGroupingOptions { Threshold = 0.99 });
        Assert.NotSame(StoryOf(strict, "m-wire"), StoryOf(strict, "m-own"));
        Assert.Same(StoryOf(strict, "m-wire"), StoryOf(strict, "m-copy"));
        var loose = GroupAll(articles, new StoryGroupingOptions { Threshold = 0.05 });
        Assert.True(loose.Count <= GroupAll(articles).Count);
        Assert.Same(StoryOf(loose, "m-wire"), StoryOf(loose, "m-own"));
    }

    [Fact]
    public void AsOneStory_finds_copies_and_fills_the_metadata()
    {
        var articles = StoryFixtures.MarrowickCollapse(StoryFixtures.Day);
        var s = StoryGrouper.AsOneStory(new[] { articles[2], articles[0], articles[1], articles[0] });
        Assert.Equal(new[] { "m-wire", "m-copy", "m-own" }, s.Articles.Select(a => a.Id));
        Assert.Equal(new[] { "m-wire", "m-copy" }, Assert.Single(s.CopyGroups).Select(a => a.Id));
        Assert.Equal(2, s.IndependentOutlets);
        Assert.Equal(3, s.OutletCount);
        Assert.Equal(s.Id, StoryGrouper.AsOneStory(articles).Id);
        // Even unrelated articles are one story when asked.
        var mixed = StoryGrouper.AsOneStory(StoryFixtures.DunmereCollapse(StoryFixtures.Later).Concat(articles).ToList());
        Assert.Equal(5, mixed.ArticleCount);
        Assert.Empty(StoryGrouper.AsOneStory(Array.Empty<NewsArticle>()).Articles);
    }

    [Fact]
    public void Cancellation_throws()
    {
        var g = new StoryGrouper();
        foreach (var a in StoryFixtures.MarrowickCollapse(StoryFixtures.Day)) g.Add(a);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => g.Group(cts.Token));
    }

    [Fact]
    public void Output_does_not_depend_on_input_order()
    {
        var articles = StoryFixtures.MarrowickCollapse(StoryFixtures.Day)
            .Concat(StoryFixtures.DunmereCollapse(StoryFixtures.Day.AddDays(2)))
            .Concat(StoryFixtures.DunmereCollapse(StoryFixtures.Later).Select(a => StoryFixtures.Article(a.Id + "-later", "Upland Herald", a.Title!, a.Published, a.Paragraphs.ToArray())))
            .Concat(StoryFixtures.Filler(StoryFixtures.Day)).ToList();
        string Describe(IEnumerable<NewsArticle> input)
        {
            var progress = new List<(int, int)>();
            var g = new StoryGrouper();
            foreach (var a in input) g.Add(a);
            var stories = g.Group(default, (done, total) => progress.Add((done, total)));
            Assert.Equal((articles.Count, articles.Count), progress[^1]);
            return string.Join("\n", stories.Select(s => $"{s.Id} {s.Title} [{s.Articles}] {s.CopyGroups} {s.TopEntities} {s.IndependentOutlets}"));
        }
        string forward = Describe(articles);
        Assert.Equal(forward, Describe(articles));
        Assert.Equal(forward, Describe(Enumerable.Reverse(articles)));
        Assert.Equal(forward, Describe(articles.OrderBy(a => a.Title, StringComparer.Ordinal)));
    }

    [Fact]
    public void The_same_article_added_twice_is_kept_once()
    {
        var articles = StoryFixtures.MarrowickCollapse(StoryFixtures.Day);
        var g = new StoryGrouper();
        foreach (var a in articles) g.Add(a);
        g.Add(articles[0]);
        g.Add(StoryFixtures.Article("m-own", "Brackford Chronicle", "x", null, new[] { "x" })); // same Id, same outlet
        Assert.Equal(3, g.Count);
        Assert.Equal(3, g.Group().Sum(s => s.ArticleCount));
    }

    [Fact]
    public void Empty_huge_and_non_English_articles_do_not_break_grouping()
    {
        string huge = string.Join("\n", Enumerable.Range(0, 20_000).Select(i => $"Paragraph {i} about the Quellmoor tram works and the {i % 97} cones."));
        var articles = new List<NewsArticle>
        {
            StoryFixtures.Article("empty", null, "", null, Array.Empty<string>()),
            new() { Id = "" },
            StoryFixtures.Article("huge", "Quellmoor Times", "Tram works", StoryFixtures.Day, new[] { huge }),
            StoryFixtures.Article("de", "Tagesbote Velden", "Brücke in Marrowick eingestürzt", StoryFixtures.Day,
                new[] { "In Marrowick ist am Dienstag eine Straßenbrücke über die Tallow eingestürzt; 14 Menschen wurden verletzt.", "Bürgermeister Corwen Adeyemi-Strand kündigte eine Fähre an." }),
            StoryFixtures.Article("zh", "Dongshan Daily", "马罗威克大桥坍塌", StoryFixtures.Day, new[] { "星期二，马罗威克一座公路桥坍塌，造成十四人受伤。" }),
        };
        var stories = GroupAll(articles.Concat(StoryFixtures.MarrowickCollapse(StoryFixtures.Day)));
        Assert.Equal(8, stories.Sum(s => s.ArticleCount));
        Assert.All(stories, s => Assert.Matches("^s[0-9a-f]{12}$", s.Id));
        Assert.Contains(stories, s => s.Articles.Any(a => a.Id == "huge"));
    }

    [Fact]
    public void Seed_articles_are_one_story_and_not_copies()
    {
        string seeds = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../../shared/seeds"));
        if (!Directory.Exists(seeds)) return; // ../shared is beside the repository on team machines and in CI
        var options = new ArticleReadOptions { Now = new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero) };
        var articles = Directory.GetFiles(seeds, "*.txt").Order().Select(f => ArticleReader.ReadFile(f, options).Article).ToList();
        Assert.Equal(2, articles.Count);
        var stories = GroupAll(articles.Concat(StoryFixtures.MarrowickCollapse(StoryFixtures.Day)).Concat(StoryFixtures.Filler(StoryFixtures.Day)));
        var s = StoryOf(stories, articles[0].Id);
        Assert.Equal(2, s.ArticleCount);
        Assert.Contains(s.Articles, a => a.Id == articles[1].Id);
        Assert.Empty(s.CopyGroups);
        Assert.Equal(2, s.IndependentOutlets);
        Assert.True(s.FirstPublished!.Value.Date == new DateTime(2025, 10, 19));
    }
}

/// <summary>Issue 25: stories that do not move with the pile, copies by containment, and bad input.</summary>
public sealed class StoryGrouperPileTests
{
    private static List<NewsStory> GroupAll(IEnumerable<NewsArticle> articles, StoryGroupingOptions? options = null)
    {
        var g = new StoryGrouper(options);
        foreach (var a in articles) g.Add(a);
        return g.Group().ToList();
    }

    /// <summary>How the given articles fall into stories, as sorted lists of Ids.</summary>
    private static string Partition(List<NewsStory> stories, IEnumerable<string> ids)
    {
        var set = ids.ToHashSet();
        return string.Join(" | ", stories.Select(s => string.Join(",", s.Articles.Select(a => a.Id).Where(set.Contains).Order(StringComparer.Ordinal)))
            .Where(x => x.Length > 0).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_event_is_grouped_the_same_alone_and_in_a_larger_pile()
    {
        var marrowick = StoryFixtures.MarrowickCollapse(StoryFixtures.Day);
        var ids = marrowick.Select(a => a.Id).ToList();
        string alone = Partition(GroupAll(marrowick), ids);
        // Same day, same kind of event elsewhere, unrelated council news, and the same text many times over elsewhere.
        var pile = marrowick.Concat(StoryFixtures.DunmereCollapse(StoryFixtures.Day.AddDays(1)))
            .Concat(StoryFixtures.Filler(StoryFixtures.Day))
            .Concat(Enumerable.Range(0, 40).SelectMany(i => StoryFixtures.Filler(StoryFixtures.Day.AddDays(i % 5))
                .Select(a => StoryFixtures.Article(a.Id + "-" + i, "Outlet " + i, a.Title!, a.Published, a.Paragraphs.ToArray()))));
        Assert.Equal(alone, Partition(GroupAll(pile), ids));
        Assert.Equal("m-copy,m-own,m-wire", alone);
    }

    [Fact]
    public void One_article_repeated_a_thousand_times_is_one_story_of_copies()
    {
        var wire = StoryFixtures.MarrowickCollapse(StoryFixtures.Day)[0];
        var copies = Enumerable.Range(0, 1000).Select(i =>
            StoryFixtures.Article("r" + i, "Reprint " + i, wire.Title!, StoryFixtures.Day.AddMinutes(i), wire.Paragraphs.ToArray(), wire.Agency)).ToList();
        var stories = GroupAll(copies.Prepend(wire));
        var s = Assert.Single(stories);
        Assert.Equal(1001, s.ArticleCount);
        var group = Assert.Single(s.CopyGroups);
        Assert.Same(wire, group.Original); // the agency's own release
        Assert.Equal(1, s.IndependentOutlets);
    }

    [Fact]
    public void Thousands_of_near_identical_press_releases_of_different_firms_stay_apart()
    {
        // 2,000 invented firms, each with a name of its own, sending out the same release with their own figures.
        string[] syllables = { "ka", "lo", "mi", "ren", "tas", "vo", "zu", "bel", "dor", "fen" };
        var releases = Enumerable.Range(0, 2000).Select(i =>
        {
            string stem = syllables[i % 10] + syllables[i / 10 % 10] + syllables[i / 100 % 10] + syllables[i / 1000 % 10];
            string firm = char.ToUpperInvariant(stem[0]) + stem[1..] + "tek";
            return StoryFixtures.Article("p" + i, firm, $"{firm} announces quarterly results", StoryFixtures.Day, new[]
            {
                $"{firm} today announced results for the quarter ended March 31, with revenue of ${100 + i % 900} million.",
                $"“We are pleased with the quarter,” said the chief executive of {firm}. The company will hold a call for investors on Thursday.",
                $"{firm} makes components for the automotive and aerospace industries and employs {200 + i} people.",
            });
        }).ToList();
        var stories = GroupAll(releases);
        Assert.True(stories.Count > 1000, $"{stories.Count} stories, {stories.Sum(s => s.CopyGroups.Count)} copy groups of {stories.Sum(s => s.CopyGroups.Sum(g => g.Count))}");
        var largest = stories.MaxBy(s => s.ArticleCount)!;
        Assert.True(largest.ArticleCount < 20, $"largest story {largest.ArticleCount}, {largest.CopyGroups.Count} copy groups of {largest.CopyGroups.Sum(g => g.Count)}: {string.Join(" ", largest.Articles.Take(5).Select(a => a.Title))}");
    }

    [Fact]
    public void Articles_with_no_date_no_body_only_an_address_or_only_a_headline_are_grouped_without_error()
    {
        var odd = new List<NewsArticle>
        {
            StoryFixtures.Article("no-body", "Hollin Gazette", "Bridge collapses in Marrowick, injuring 14", StoryFixtures.Day, Array.Empty<string>()),
            StoryFixtures.Article("only-url", "Hollin Gazette", "", null, new[] { "https://hollin-gazette.example/news/2025/03/11/marrowick-bridge" }),
            StoryFixtures.Article("headline-only", null, "Marrowick bridge collapse", null, Array.Empty<string>()),
            new() { Id = "nothing" },
        };
        var stories = GroupAll(odd.Concat(StoryFixtures.MarrowickCollapse(StoryFixtures.Day)));
        Assert.Equal(7, stories.Sum(s => s.ArticleCount));
        Assert.All(stories, s => Assert.Matches("^s[0-9a-f]{12}$", s.Id));
        Assert.DoesNotContain(stories, s => s.CopyGroups.Any(g => g.Any(a => a.Id is "no-body" or "only-url" or "headline-only")));
    }

    [Fact]
    public void Web_addresses_in_the_text_do_not_make_unrelated_articles_one_story()
    {
        string site = "https://www.northfold-evening-post.example/news/regional/2025/03/11/";
        var a = StoryFixtures.Article("a", "Northfold Evening Post", "Kelloway library extends opening hours", StoryFixtures.Day, new[]
        {
            site + "kelloway-library-extends-opening-hours-northfold-evening-post",
            "The library in Kelloway will open until eight on weekdays from April, the council said.",
        });
        var b = StoryFixtures.Article("b", "Northfold Evening Post", "Penrudd swimmers win relay title", StoryFixtures.Day, new[]
        {
            site + "penrudd-swimmers-win-relay-title-northfold-evening-post",
            "Four swimmers from Penrudd won the regional relay title at the weekend.",
        });
        Assert.Equal(2, GroupAll(new[] { a, b }).Count);
    }
}
