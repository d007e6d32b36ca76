using NewsCmdlets.Engine.Coverage;
using NewsCmdlets.Engine.Ingest;
using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Engine.Tests.Coverage;

/// <summary>Compare-NewsCoverage's engine on invented stories (invented outlets, towns and people) and on the shared seeds.</summary>
public class CoverageComparerTests
{
    private static readonly CoverageComparer Comparer = new();

    internal static NewsArticle Article(string id, string outlet, string title, string body, DateTimeOffset? published = null, string? agency = null) => new()
    {
        Id = id, Outlet = outlet, Title = title, Body = body, Agency = agency,
        Published = published ?? new DateTimeOffset(2025, 3, 14, 9, 0, 0, TimeSpan.Zero),
    };

    internal static NewsStory Story(params NewsArticle[] articles) => new()
    {
        Id = "s1", Title = articles.Length > 0 ? articles[0].Title : null, Articles = new NewsArticleList(articles),
    };

    private static List<NewsCoverageItem> Items(CoverageComparison c, CoverageKind kind) => c.Items.Where(i => i.Kind == kind).ToList();

    private static NewsCoverageItem NumberWith(CoverageComparison c, string value) =>
        Assert.Single(c.Items, i => i.Kind == CoverageKind.Number && i.Values.Values.Any(v => v.Contains(value, StringComparison.Ordinal)));

    [Fact]
    public void A_name_followed_by_a_building_noun_in_lower_case_is_the_building_not_a_person()
    {
        var a = Article("a1", "Harrowgate Post", "Quake damages Orrin",
            "The roof of the Hollis Varga stadium, home of the Orrin football club since 1961, fell in on Sunday. Mayor Edda Holm said nobody was inside at the time.",
            new DateTimeOffset(2026, 2, 8, 8, 0, 0, TimeSpan.Zero));
        var b = Article("b1", "Vellmouth Courier", "Orrin quake", "Mayor Edda Holm said the quake damaged homes in Orrin on Sunday.",
            new DateTimeOffset(2026, 2, 8, 9, 0, 0, TimeSpan.Zero));
        var c = new CoverageComparer().Compare(Story(a, b));
        Assert.Contains(c.Items, i => i.Kind == CoverageKind.Entity && i.Key == "Edda Holm");
        Assert.DoesNotContain(c.Items, i => i.Kind == CoverageKind.Entity && i.Type == "Person" && i.Key.Contains("Varga", StringComparison.Ordinal));
    }

    [Fact]
    public void A_place_spelled_one_letter_apart_is_one_entity()
    {
        var a = Article("a1", "Harrowgate Post", "Quake damages homes",
            "The quake struck near the town of Morrabeth in Kestria on Sunday, and homes shook in Vellan too. Rescuers reached Morrabeth by road.");
        var b = Article("b1", "Vellmouth Courier", "Quake hits Kestria",
            "Homes collapsed in the town of Morrabech in Kestria on Sunday. Crews from Vellan drove to Morrabech overnight.");
        var c = Comparer.Compare(Story(a, b));
        var town = Assert.Single(c.Items, i => i.Kind == CoverageKind.Entity && i.Key.StartsWith("Morrabe", StringComparison.Ordinal));
        Assert.Equal(CoverageStatus.Shared, town.Status);
    }

    [Fact]
    public void Two_names_of_the_story_joined_by_a_hyphen_name_no_third_entity()
    {
        var names = new HashSet<string>(StringComparer.Ordinal) { "Kestria", "Vellan", "Orrin" };
        Assert.True(CoverageComparer.JoinsTwoNames("Kestria-Vellan", names));
        // A name with a hyphen of its own, or joined with a word the story does not use as a name, stays a name.
        Assert.False(CoverageComparer.JoinsTwoNames("Orrin-Tarnby", names));
        Assert.False(CoverageComparer.JoinsTwoNames("Kestria-based", names));
    }

    [Fact]
    public void A_title_that_makes_a_name_of_a_place_and_its_news_names_no_organisation()
    {
        var a = Article("a1", "Harrowgate Post", "Kestria Floods: thousands flee homes",
            "Rivers burst their banks across Kestria on Tuesday and 3,000 people left their homes.");
        var b = Article("b1", "Vellmouth Courier", "Thousands leave homes",
            "About 3,000 people left their homes in Kestria on Tuesday as rivers rose.");
        var c = Comparer.Compare(Story(a, b));
        Assert.DoesNotContain(c.Items, i => i.Kind is CoverageKind.Entity or CoverageKind.Source && i.Key.Contains("Floods", StringComparison.Ordinal));
        Assert.True(CoverageComparer.EndsInHeadlineWord("Pellwood Layoffs"));
        // A name's own last word ("Agency", "Island") is no headline word.
        Assert.False(CoverageComparer.EndsInHeadlineWord("Tarnby Weather Agency"));
        Assert.False(CoverageComparer.EndsInHeadlineWord("Pellwood"));
    }

    [Fact]
    public void A_ministry_named_with_and_without_its_country_adjective_is_one_entity()
    {
        var a = Article("a1", "Harrowgate Post", "Trawlers stay in port",
            "The Norwegian Fisheries Ministry said on Monday that 40 trawlers would stay in port until the storm passed.");
        var b = Article("b1", "Vellmouth Courier", "Storm keeps fleet ashore",
            "Forty trawlers will stay in port, the Ministry of Fisheries said on Monday, as the storm moved north.");
        var c = Comparer.Compare(Story(a, b));
        var ministry = Assert.Single(c.Items, i => i.Kind == CoverageKind.Entity && i.Key.Contains("Fisheries", StringComparison.Ordinal));
        Assert.Equal(CoverageStatus.Shared, ministry.Status);
    }

    [Fact]
    public void Different_counts_of_the_same_thing_are_a_number_conflict()
    {
        var a = Article("a1", "Harrowgate Post", "Flood forces evacuations in Tarnby",
            "Officials said 120 people were evacuated from homes near the river in Tarnby on Tuesday after the Lenn burst its banks.\n\n" +
            "The council opened two shelters at the Tarnby school.");
        var b = Article("b1", "Vellmouth Courier", "Hundreds leave homes as river floods Tarnby",
            "Some 210 people were evacuated from homes near the river in Tarnby on Tuesday, officials said.\n\n" +
            "Firefighters from Oskby helped residents carry furniture upstairs.");
        var c = Comparer.Compare(Story(a, b));
        var item = NumberWith(c, "120");
        Assert.Equal(CoverageStatus.Conflict, item.Status);
        Assert.Contains("210", item.Detail);
        Assert.Equal(2, item.OutletCount);
        Assert.Equal("120", item.Values["Harrowgate Post"]);
        Assert.Equal("Some 210", item.Values["Vellmouth Courier"]);
    }

    [Fact]
    public void A_source_only_one_outlet_cites_says_what_it_is_cited_for()
    {
        var a = Article("a1", "Harrowgate Post", "Ferry runs aground off Tarnby",
            "A ferry ran aground off Tarnby on Tuesday with 40 passengers on board.\n\n" +
            "\u201cWe heard a long scrape and then everything tilted,\u201d said Mara Quillon, a passenger from Oskby.");
        var b = Article("b1", "Vellmouth Courier", "Passengers rescued after ferry grounding near Tarnby",
            "A ferry ran aground off Tarnby on Tuesday with 40 passengers on board.\n\n" +
            "The Lenn Harbour Authority said that the channel markers had been moved in the spring.");
        var c = Comparer.Compare(Story(a, b));
        var quoted = Assert.Single(c.Items, i => i.Kind == CoverageKind.Source && i.Key == "Mara Quillon");
        Assert.Equal(CoverageStatus.Unique, quoted.Status);
        Assert.StartsWith("\u201cWe heard a long scrape", quoted.Detail);
        Assert.Contains("long scrape", quoted.Sentences["Harrowgate Post"]);
        // Reported speech is the writer's words: after its verb, not in quotation marks.
        var reported = Assert.Single(c.Items, i => i.Kind == CoverageKind.Source && i.Key.Contains("Harbour Authority"));
        Assert.Equal(CoverageStatus.Unique, reported.Status);
        Assert.NotNull(reported.Detail);
        Assert.Contains("channel markers had been moved", reported.Detail);
        Assert.DoesNotContain("\u201c", reported.Detail);

        // Reported before its verb, as a sentence of its own: the verb does not read as the clause's first word.
        var c2 = Comparer.Compare(Story(a, Article("b2", "Vellmouth Courier", "Ferry aground near Tarnby",
            "A ferry ran aground off Tarnby on Tuesday with 40 passengers on board.\n\n" +
            "Tarnby pilots had warned of the shifted markers for weeks, the Lenn Harbour Authority said.")));
        var before = Assert.Single(c2.Items, i => i.Kind == CoverageKind.Source && i.Key.Contains("Harbour Authority"));
        Assert.StartsWith("said: Tarnby pilots had warned", before.Detail);
    }

    [Fact]
    public void A_counted_figure_named_by_its_clause_stops_where_the_next_clause_joins()
    {
        var a = Article("a1", "Harrowgate Post", "Storm hits Tarnby",
            "The storm cut power to 87,000 homes and closed the coast road on Tuesday.");
        var b = Article("b1", "Vellmouth Courier", "Tarnby storm",
            "A storm hit Tarnby on Tuesday, officials said.");
        var item = NumberWith(Comparer.Compare(Story(a, b)), "87,000");
        Assert.Equal(CoverageStatus.Unique, item.Status);
        Assert.Contains("homes", item.Key);
        Assert.DoesNotContain("coast road", item.Key);
    }

    [Fact]
    public void A_reworded_count_of_the_same_thing_is_a_conflict_and_its_date_agrees()
    {
        var d = new DateTimeOffset(2025, 10, 19, 8, 0, 0, TimeSpan.Zero);
        var a = Article("a1", "Harrowgate Post", "Crossing at the northern border",
            "Last year, 236 Norvik nationals arrived in Kestria, according to the resettlement ministry.", d);
        var b = Article("b1", "Vellmouth Courier", "Another crossing in the north",
            "According to the resettlement ministry, 263 Norvik refugees reached Kestria in 2024.", d);
        var c = Comparer.Compare(Story(a, b));
        var item = NumberWith(c, "236");
        Assert.Equal(CoverageStatus.Conflict, item.Status);
        Assert.Contains("263", item.Detail);
        Assert.Contains(c.Items, i => i.Kind == CoverageKind.Date && i.Status == CoverageStatus.Shared && i.Detail!.Contains("2024"));
    }

    [Fact]
    public void A_minister_named_by_portfolio_is_one_office_and_different_money_for_the_same_thing_conflicts()
    {
        var a = Article("a1", "Harrowgate Post", "Border fence to be rebuilt",
            "Defence Minister Tomas Velde said on Monday the fence along the Kestrian border would be rebuilt. The government will spend $2.5 million on the new fence.");
        var b = Article("b1", "Vellmouth Courier", "Kestria border fence plan",
            "Defence Minister Ilse Marek said on Monday the fence along the Kestrian border would be rebuilt. The government will spend $25 million on the new fence. Health Minister Paul Oduya visited the clinic.");
        var c = Comparer.Compare(Story(a, b));
        var role = Assert.Single(c.Items, i => i.Type == "Role");
        Assert.Equal(CoverageStatus.Conflict, role.Status);
        Assert.Contains("defence minister", role.Key);
        Assert.Contains("Tomas Velde", role.Detail);
        Assert.Contains("Ilse Marek", role.Detail);
        Assert.Equal(CoverageStatus.Conflict, NumberWith(c, "$2.5 million").Status);
    }

    [Fact]
    public void Killed_and_died_are_one_fact_and_a_lower_bound_agrees_with_a_larger_figure()
    {
        var a = Article("a1", "Harrowgate Post", "Blast at Vellmouth port",
            "Twelve people were killed in an explosion at the Vellmouth port on Monday, police said.");
        var b = Article("b1", "Vellmouth Courier", "Port explosion",
            "Fifteen people died when an explosion tore through the Vellmouth port on Monday, according to police.");
        var c = Comparer.Compare(Story(a, b));
        Assert.Equal(CoverageStatus.Conflict, NumberWith(c, "Twelve").Status);

        var a2 = Article("a2", "Harrowgate Post", "Blast at Vellmouth port",
            "At least 12 people were killed in an explosion at the Vellmouth port on Monday, police said.");
        var c2 = Comparer.Compare(Story(a2, b));
        Assert.DoesNotContain(c2.Items, i => i.Status == CoverageStatus.Conflict);
        Assert.Equal(CoverageStatus.Shared, NumberWith(c2, "At least 12").Status);

        // Two lower bounds are two estimates: far apart, they disagree.
        var a3 = Article("a3", "Harrowgate Post", "Floods in Tarnby", "More than 4,000 people were evacuated from Tarnby on Tuesday, officials said.");
        var b3 = Article("b3", "Vellmouth Courier", "Tarnby floods", "More than 9,000 people were evacuated from Tarnby on Tuesday, officials said.");
        Assert.Equal(CoverageStatus.Conflict, NumberWith(Comparer.Compare(Story(a3, b3)), "4,000").Status);
    }

    [Fact]
    public void Approximate_and_exact_figures_that_round_alike_agree_and_different_things_are_not_conflicts()
    {
        var a = Article("a1", "Harrowgate Post", "Marsh fire spreads",
            "About 3,400 hectares of marsh have burned near Quillby, the fire service said.\n\n" +
            "Forty firefighters were at the scene overnight.");
        var b = Article("b1", "Vellmouth Courier", "Quillby fire grows",
            "The fire has burned 3,412 hectares of marsh near Quillby, according to the fire service.\n\n" +
            "The blaze destroyed 12 barns on farms west of the village.");
        var c = Comparer.Compare(Story(a, b));
        Assert.DoesNotContain(c.Items, i => i.Status == CoverageStatus.Conflict);
        var burned = NumberWith(c, "3,412");
        Assert.Equal(CoverageStatus.Shared, burned.Status);
        Assert.Contains("About 3,400", burned.Values["Harrowgate Post"]);
        Assert.Equal(CoverageStatus.Unique, Assert.Single(c.Items, i => i.Kind == CoverageKind.Number && i.Key.Contains("barn")).Status);
    }

    [Fact]
    public void The_same_event_on_different_days_is_a_date_conflict()
    {
        var a = Article("a1", "Harrowgate Post", "Tarnby bridge reopens",
            "The Tarnby footbridge reopened to walkers on March 3 after repairs to its railings.\n\nThe works cost the council $40,000.",
            new DateTimeOffset(2025, 3, 10, 8, 0, 0, TimeSpan.Zero));
        var b = Article("b1", "Vellmouth Courier", "Footbridge open again",
            "The Tarnby footbridge reopened to walkers on March 5 after repairs to its railings, the council said.",
            new DateTimeOffset(2025, 3, 10, 9, 0, 0, TimeSpan.Zero));
        var c = Comparer.Compare(Story(a, b));
        var date = Assert.Single(Items(c, CoverageKind.Date), i => i.Values.Values.Any(v => v.Contains("2025-03-03")));
        Assert.Equal(CoverageStatus.Conflict, date.Status);
        Assert.Contains("2025-03-05", date.Detail);
        Assert.Contains("footbridge", date.Key);
    }

    [Fact]
    public void Relative_and_absolute_dates_that_resolve_alike_agree_and_a_day_inside_a_month_is_no_conflict()
    {
        var a = Article("a1", "Harrowgate Post", "Quillby mill to close",
            "The Quillby mill last closed for repairs in August last year, when the roof collapsed.\n\n" +
            "Workers were told of the closure on Monday.",
            new DateTimeOffset(2025, 3, 12, 8, 0, 0, TimeSpan.Zero));
        var b = Article("b1", "Vellmouth Courier", "Mill closes its doors",
            "The mill last closed for repairs on August 14, 2024, when the roof collapsed.\n\n" +
            "Workers were told of the closure on March 10, 2025.",
            new DateTimeOffset(2025, 3, 12, 9, 0, 0, TimeSpan.Zero));
        var c = Comparer.Compare(Story(a, b));
        Assert.DoesNotContain(c.Items, i => i.Kind == CoverageKind.Date && i.Status == CoverageStatus.Conflict);
        var roof = Assert.Single(Items(c, CoverageKind.Date), i => i.Values.Values.Any(v => v.Contains("2024-08-14")));
        Assert.Equal(CoverageStatus.Shared, roof.Status);
        Assert.Contains("2024-08", roof.Values["Harrowgate Post"]);
        var told = Assert.Single(Items(c, CoverageKind.Date), i => i.Values.Values.Any(v => v.Contains("2025-03-10")));
        Assert.Equal(CoverageStatus.Shared, told.Status); // "on Monday" in a Wednesday article is March 10
    }

    [Fact]
    public void A_role_given_to_different_people_for_the_same_event_is_a_conflict_but_two_office_holders_are_not()
    {
        var a = Article("a1", "Harrowgate Post", "Dunmore mayor orders dam inspection",
            "Dunmore Mayor Hanna Brisk, who took office in June, ordered an inspection of the Dunmore dam on Friday.\n\n" +
            "Her predecessor, former Mayor Piet Olland, had delayed the work for two years.");
        var b = Article("b1", "Vellmouth Courier", "Dam to be inspected",
            "Dunmore Mayor Tomas Greel, who took office in June, ordered an inspection of the dam on Friday.\n\n" +
            "Engineers from Castry will carry out the work.");
        var c = Comparer.Compare(Story(a, b));
        var role = Assert.Single(c.Items, i => i.Type == "Role");
        Assert.Equal(CoverageKind.Entity, role.Kind);
        Assert.Equal(CoverageStatus.Conflict, role.Status);
        Assert.Contains("mayor", role.Key);
        Assert.Equal("Hanna Brisk", role.Values["Harrowgate Post"]);
        Assert.Equal("Tomas Greel", role.Values["Vellmouth Courier"]);
        Assert.DoesNotContain(c.Items, i => i.Type == "Role" && i.Detail!.Contains("Olland"));
    }

    [Fact]
    public void Korean_names_after_a_title_are_found_so_a_role_given_to_two_of_them_is_a_conflict()
    {
        var a = Article("a1", "Harrowgate Post", "Minister orders border review",
            "Defence Minister Ahn Gyu-back ordered a review of the border fence on Tuesday, his ministry said.\n\n" +
            "The review will take three months.");
        var b = Article("b1", "Vellmouth Courier", "Border fence to be reviewed",
            "Defence Minister Kim Yong-hyun ordered a review of the border fence on Tuesday, the ministry said.\n\n" +
            "Engineers will inspect the fence first.");
        var c = Comparer.Compare(Story(a, b));
        var role = Assert.Single(c.Items, i => i.Type == "Role");
        Assert.Equal(CoverageStatus.Conflict, role.Status);
        Assert.Equal("Ahn Gyu-back", role.Values["Harrowgate Post"]);
        Assert.Equal("Kim Yong-hyun", role.Values["Vellmouth Courier"]);
    }

    [Fact]
    public void Different_office_holders_in_different_events_are_not_a_role_conflict()
    {
        var a = Article("a1", "Harrowgate Post", "Ostmark president visits Castry",
            "Ostmark President Lena Varro, who took office in June, visited the Castry port on Monday.");
        var b = Article("b1", "Vellmouth Courier", "Port visit",
            "Lena Varro visited the port of Castry on Monday, a year after Vell President Aron Stadt opened its new quay.");
        var c = Comparer.Compare(Story(a, b));
        Assert.DoesNotContain(c.Items, i => i.Type == "Role");
    }

    [Fact]
    public void Hedging_is_reported_for_the_outlet_that_hedges_and_quoted_words_do_not_count()
    {
        var a = Article("a1", "Harrowgate Post", "Councillor allegedly took payments",
            "Councillor Ivo Marsk allegedly took payments from a builder in Tarnby, according to police.\n\n" +
            "If confirmed, it would be the first such case in the county.");
        var b = Article("b1", "Vellmouth Courier", "Councillor took payments, police say",
            "Councillor Ivo Marsk took payments from a builder in Tarnby, police said.\n\n" +
            "“These are alleged facts and he denies them,” his lawyer Bea Corran said.");
        var c = Comparer.Compare(Story(a, b));
        var hedging = Assert.Single(c.Items, i => i.Kind == CoverageKind.Framing && i.Key == "hedging");
        Assert.Equal(new[] { "Harrowgate Post" }, hedging.Outlets);
        Assert.Equal(CoverageStatus.Unique, hedging.Status);
        Assert.Contains("allegedly", hedging.Values["Harrowgate Post"]);
        Assert.Contains("if confirmed", hedging.Values["Harrowgate Post"]);
        Assert.Equal(3, c.Summary.Single(s => s.Outlet == "Harrowgate Post").Hedges); // title, body, "if confirmed"
        Assert.Equal(0, c.Summary.Single(s => s.Outlet == "Vellmouth Courier").Hedges);
        var official = Assert.Single(c.Items, i => i.Kind == CoverageKind.Framing && i.Key == "official sources");
        Assert.Equal(CoverageStatus.Shared, official.Status);
    }

    [Fact]
    public void A_single_outlet_story_has_only_unique_items_and_a_summary()
    {
        var a = Article("a1", "Harrowgate Post", "Quillby library reopens",
            "The Quillby library reopened on Saturday after a $2 million refit, the county council said.\n\n" +
            "“We have waited three years for this,” said librarian Orla Fenn.");
        var a2 = Article("a2", "Harrowgate Post", "Library crowds", "About 400 people visited the Quillby library on its first day.");
        var c = Comparer.Compare(Story(a, a2));
        Assert.NotEmpty(c.Items);
        Assert.All(c.Items, i => Assert.Equal(CoverageStatus.Unique, i.Status));
        Assert.All(c.Items, i => Assert.Empty(i.MissingFrom));
        var s = Assert.Single(c.Summary);
        Assert.Equal(2, s.Articles);
        Assert.Equal(0, s.Similarity);
        Assert.Contains(c.Warnings, w => w.Contains("one outlet"));
        Assert.All(c.Matrix, r => Assert.Single(r.Counts));
    }

    [Fact]
    public void Empty_and_dateless_articles_do_not_break_the_comparison()
    {
        var empty = new NewsArticle { Id = "e1", Outlet = "Harrowgate Post", Body = "" };
        var noDate = new NewsArticle { Id = "e2", Outlet = "Vellmouth Courier", Title = "weather", Body = "it rained a lot on tuesday and people stayed in." };
        var c = Comparer.Compare(Story(empty, noDate));
        Assert.Equal(2, c.Summary.Count);
        Assert.DoesNotContain(c.Items, i => i.Status == CoverageStatus.Conflict);
        var none = Comparer.Compare(new NewsStory { Id = "s0" });
        Assert.Empty(none.Items);
        Assert.Empty(none.Summary);
    }

    [Fact]
    public void Copies_entities_matrix_and_summary_follow_the_outlets()
    {
        string wire = "Ships were held at Castry port on Thursday after a crane collapsed, the Castry Port Authority said.\n\n" +
                      "Nobody was hurt, said Edda Holm, a spokeswoman for the authority.";
        var w = Article("w1", "Northline Wire", "Crane collapse halts Castry port", wire, agency: "Northline Wire");
        var p1 = Article("p1", "Harrowgate Post", "Port shut after crane falls", wire, new DateTimeOffset(2025, 3, 14, 10, 0, 0, TimeSpan.Zero), agency: "Northline Wire");
        var own = Article("o1", "Vellmouth Courier", "Castry crane collapse",
            "A crane collapsed at Castry port on Thursday. Edda Holm of the Castry Port Authority said nobody was hurt.", new DateTimeOffset(2025, 3, 14, 11, 0, 0, TimeSpan.Zero));
        var story = new NewsStory
        {
            Id = "s9", Title = w.Title, Articles = new NewsArticleList(new[] { w, p1, own }),
            CopyGroups = new NewsCopyGroupList(new[] { new NewsArticleList(new[] { w, p1 }) }),
        };
        var c = Comparer.Compare(story);
        var copy = Assert.Single(c.Items, i => i.Kind == CoverageKind.Copy);
        Assert.Equal("Northline Wire", copy.Key);
        Assert.Equal(new[] { "Northline Wire", "Harrowgate Post" }, copy.Outlets);
        Assert.True(c.Summary.Single(s => s.Outlet == "Harrowgate Post").IsCopy);
        Assert.False(c.Summary.Single(s => s.Outlet == "Northline Wire").IsCopy);
        Assert.False(c.Summary.Single(s => s.Outlet == "Vellmouth Courier").IsCopy);
        var holm = Assert.Single(c.Items, i => i.Kind == CoverageKind.Entity && i.Key == "Edda Holm");
        Assert.Equal(CoverageStatus.Shared, holm.Status);
        var row = Assert.Single(c.Matrix, r => r.Entity == "Edda Holm");
        Assert.Equal(new[] { "Northline Wire", "Harrowgate Post", "Vellmouth Courier" }, row.Counts.Select(kv => kv.Key));
        Assert.All(row.Counts, kv => Assert.True(kv.Value > 0));
        Assert.All(c.Summary, s => Assert.InRange(s.SharedFactShare, 0.01, 1));
        Assert.True(c.Summary.Single(s => s.Outlet == "Harrowgate Post").Similarity > c.Summary.Single(s => s.Outlet == "Vellmouth Courier").Similarity);
    }

    [Fact]
    public void Two_figures_in_one_sentence_pair_with_their_own_counterparts()
    {
        string Sentence(string now) => $"Revenue at Brisk Mills rose to {now} in the year to June, from $30.2 million a year earlier.";
        var same = Comparer.Compare(Story(
            Article("a1", "Harrowgate Post", "Brisk Mills revenue up", Sentence("$43.1 million")),
            Article("b1", "Vellmouth Courier", "Mill revenue rises", Sentence("$43.1 million"))));
        Assert.DoesNotContain(same.Items, i => i.Status == CoverageStatus.Conflict);

        var changed = Comparer.Compare(Story(
            Article("a1", "Harrowgate Post", "Brisk Mills revenue up", Sentence("$43.1 million")),
            Article("b1", "Vellmouth Courier", "Mill revenue rises", Sentence("$51.7 million"))));
        var conflict = Assert.Single(changed.Items, i => i.Status == CoverageStatus.Conflict);
        Assert.Equal(CoverageKind.Number, conflict.Kind);
        Assert.Equal("$43.1 million", conflict.Values["Harrowgate Post"]);
        Assert.Equal("$51.7 million", conflict.Values["Vellmouth Courier"]);
        Assert.Equal(CoverageStatus.Shared, NumberWith(changed, "$30.2 million").Status);
    }

    [Fact]
    public void The_same_weekday_written_on_different_publication_days_agrees_and_a_different_weekday_conflicts()
    {
        string text(string day) => $"Talks between the Castry dock workers and the port operator resumed on {day}, the union said.";
        var wed = new DateTimeOffset(2025, 3, 12, 8, 0, 0, TimeSpan.Zero);
        var fri = new DateTimeOffset(2025, 3, 14, 8, 0, 0, TimeSpan.Zero);
        // "Thursday" resolves to March 6 in the Wednesday paper and March 13 in the Friday one: the same words, no conflict.
        var same = Comparer.Compare(Story(Article("a1", "Harrowgate Post", "Dock talks", text("Thursday"), wed), Article("b1", "Vellmouth Courier", "Dock talks", text("Thursday"), fri)));
        Assert.DoesNotContain(same.Items, i => i.Status == CoverageStatus.Conflict);
        var other = Comparer.Compare(Story(Article("a1", "Harrowgate Post", "Dock talks", text("Monday"), fri), Article("b1", "Vellmouth Courier", "Dock talks", text("Thursday"), fri)));
        var conflict = Assert.Single(other.Items, i => i.Status == CoverageStatus.Conflict);
        Assert.Equal(CoverageKind.Date, conflict.Kind);
        Assert.Contains("2025-03-10", conflict.Values["Harrowgate Post"]);
        Assert.Contains("2025-03-13", conflict.Values["Vellmouth Courier"]);
    }

    [Fact]
    public void Many_copies_of_one_text_compare_as_one_fact_each()
    {
        string body = "Rescue crews pulled 57 people from cars and houses overnight in Tarnby, the fire service said.\n\n" +
                      "The river rose 80 centimetres in six hours on Tuesday.";
        var articles = Enumerable.Range(0, 150).Select(i => Article("c" + i, "Outlet " + (i % 60), "Flood", body)).ToArray();
        var c = Comparer.Compare(Story(articles));
        Assert.Equal(60, c.Summary.Count);
        var pulled = NumberWith(c, "57");
        Assert.Equal(CoverageStatus.Shared, pulled.Status);
        Assert.Equal(60, pulled.OutletCount);
        Assert.DoesNotContain(c.Items, i => i.Status == CoverageStatus.Conflict);
        Assert.All(c.Summary, s => Assert.Equal(1, s.SharedFactShare));
    }

    // ------------------------------------------------------------------ the shared seeds

    private static string? SeedsDir()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "NewsCmdlets.sln"))) dir = dir.Parent;
        if (dir == null) return null;
        string seeds = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "seeds"));
        return Directory.Exists(seeds) && Directory.GetFiles(seeds, "*.txt").Length >= 2 ? seeds : null;
    }

    [Fact]
    public void Seeds_compare_as_one_story_shared_unique_hedged_and_without_chrome()
    {
        string? seeds = SeedsDir();
        if (seeds == null) return; // shared/ is not beside this checkout
        var articles = Directory.GetFiles(seeds, "*.txt").Order().Select(f => ArticleReader.ReadFile(f, new ArticleReadOptions()).Article).ToList();
        var c = Comparer.Compare(Story(articles.ToArray()));
        var outlets = articles.Select(OutletName.Of).ToList();
        Assert.Equal(2, outlets.Distinct().Count());

        // Shared: the crossing's day, the Joint Chiefs of Staff, the last soldier in August 2024.
        Assert.Contains(c.Items, i => i.Kind == CoverageKind.Date && i.Status == CoverageStatus.Shared && i.Values.Values.All(v => v.StartsWith("2025-10-19")));
        Assert.All(c.Items.Where(i => i.Key.Contains("Joint Chiefs")), i => Assert.Equal(CoverageStatus.Shared, i.Status));
        Assert.Contains(c.Items, i => i.Kind == CoverageKind.Source && i.Key.Contains("Joint Chiefs"));
        var august = Assert.Single(c.Items, i => i.Kind == CoverageKind.Date && i.Values.Values.Any(v => v.StartsWith("2024-08")));
        Assert.Equal(CoverageStatus.Shared, august.Status);
        Assert.DoesNotContain(c.Items, i => i.Status == CoverageStatus.Conflict);

        // Only in the outlet that has them: (the analyst, his institute, the Korean daily, 236, 88 percent) and (248 km, 34,000, 2017).
        int Holder(string text) => articles.FindIndex(a => a.Body.Contains(text, StringComparison.Ordinal));
        void UniqueTo(NewsCoverageItem item, string text)
        {
            Assert.Equal(CoverageStatus.Unique, item.Status);
            Assert.Equal(OutletName.Of(articles[Holder(text)]), Assert.Single(item.Outlets));
        }
        UniqueTo(Assert.Single(c.Items, i => i.Kind == CoverageKind.Entity && i.Key == "Hong Min"), "Hong Min");
        UniqueTo(Assert.Single(c.Items, i => i.Kind == CoverageKind.Entity && i.Key.Contains("Institute")), "Institute");
        UniqueTo(Assert.Single(c.Items, i => i.Kind == CoverageKind.Source && i.Key.Contains("Ilbo")), "Ilbo");
        UniqueTo(NumberWith(c, "236"), "236");
        UniqueTo(NumberWith(c, "88 percent"), "88 percent");
        UniqueTo(NumberWith(c, "248"), "248");
        UniqueTo(NumberWith(c, "34,000"), "34,000");
        UniqueTo(Assert.Single(c.Items, i => i.Kind == CoverageKind.Date && i.Values.Values.Any(v => v.StartsWith("2017"))), "2017");

        // One outlet hedges ("alleged", "if confirmed"); the other asserts.
        var hedging = Assert.Single(c.Items, i => i.Kind == CoverageKind.Framing && i.Key == "hedging");
        string hedger = OutletName.Of(articles[Holder("If confirmed")]);
        Assert.Equal(hedger, Assert.Single(hedging.Outlets));
        Assert.Contains("alleged", hedging.Values[hedger]);
        Assert.Contains("if confirmed", hedging.Values[hedger]);
        Assert.All(c.Summary.Where(s => s.Outlet != hedger), s => Assert.Equal(0, s.Hedges));

        // Nothing from the page chrome the importer removed: no capitalised word that only the removed text has.
        var storyText = string.Join("\n", articles.Select(a => a.Title + "\n" + a.Standfirst + "\n" + a.Body)) + "\n" + string.Join("\n", outlets);
        var chromeWords = articles.SelectMany(a => a.Removed).SelectMany(r => r.Split(new[] { ' ', '\n', ',', '.', ':', '—' }, StringSplitOptions.RemoveEmptyEntries))
            .Where(w => w.Length > 3 && char.IsUpper(w[0]) && w.All(ch => char.IsLetter(ch) || ch == '\'') && !storyText.Contains(w, StringComparison.Ordinal))
            .Distinct().ToList();
        Assert.NotEmpty(chromeWords);
        string everything = string.Join("\n", c.Items.Select(i => i.Key + "|" + i.Detail + "|" + string.Join("|", i.Values.Values)))
                            + string.Join("\n", c.Matrix.Select(r => r.Entity));
        Assert.All(chromeWords, w => Assert.DoesNotContain(w, everything, StringComparison.Ordinal));
    }

    [Fact]
    public void Common_words_that_open_a_sentence_are_no_source()
    {
        // "Three dead, … reports Tarnwire": the sentence's opening words are what is reported, not who reports it.
        var a = Article("a1", "Harrowgate Post", "Quake in Kestria", "Three dead, over 40 injured per Kestria's fire service, reports Tarnwire.\nThe quake struck on Sunday.");
        var b = Article("b1", "Vellmouth Courier", "Kestria quake", "A quake struck Kestria on Sunday, killing three people, the fire service said.");
        var r = new CoverageComparer().Compare(Story(a, b));
        Assert.DoesNotContain(r.Items, i => i.Kind == CoverageKind.Source && i.Key.StartsWith("Three", StringComparison.Ordinal));
    }
}
