using NewsCmdlets.Engine.Entities;
using NewsCmdlets.Engine.Text;

namespace NewsCmdlets.Engine.Tests.Entities;

/// <summary>Tokeniser, dates, quantities and the merger, on sentences we wrote (invented people, places and outlets).</summary>
public sealed class EntityRulesTests
{
    private static readonly DateTimeOffset Sunday19Oct2025 = new(2025, 10, 19, 9, 0, 0, TimeSpan.Zero);

    private static string[] Tokens(string s) => Tokenizer.Tokenize(s).Select(t => s.Substring(t.Start, t.Length)).ToArray();

    [Fact]
    public void Tokenizer_splits_possessives_and_keeps_abbreviations_numbers_and_hyphenated_words()
    {
        Assert.Equal(new[] { "Velland", "’s", "Mr.", "Oren", "Quill", "paid", "$", "34,000", "for", "a", "2.5", "-", "acre", "plot", "in", "the", "U.S.", "today", "." },
            Tokens("Velland’s Mr. Oren Quill paid $34,000 for a 2.5 - acre plot in the U.S. today."));
        Assert.Equal(new[] { "a", "248-kilometer", "(", "155-mile", ")", "border", "near", "Sae-bom" }, Tokens("a 248-kilometer (155-mile) border near Sae-bom"));
    }

    [Fact]
    public void Sentence_splitter_breaks_at_full_stops_and_line_breaks_but_not_after_titles()
    {
        string text = "Mr. Quill arrived. He left at noon.\nA new line";
        var tokens = Tokenizer.Tokenize(text);
        var sents = SentenceSplitter.Split(text, tokens);
        Assert.Equal(3, sents.Count);
        Assert.Equal("Mr.", text.Substring(tokens[sents[0].FirstToken].Start, 3));
    }

    private static List<ValueMention> Dates(string text, DateTimeOffset? date)
    {
        var tokens = Tokenizer.Tokenize(text);
        var list = new List<ValueMention>();
        TemporalResolver.Find(text, tokens, 0, tokens.Count, date?.Date, new bool[tokens.Count], list);
        return list;
    }

    [Theory]
    [InlineData("The ferry sank on Sunday near the pier.", "2025-10-19", DateGranularity.Day)]
    [InlineData("Prices rose last year across the valley.", "2024", DateGranularity.Year)]
    [InlineData("In July, a fisherman crossed the bay.", "2025-07", DateGranularity.Month)]
    [InlineData("The previous crossing was in August last year.", "2024-08", DateGranularity.Month)]
    [InlineData("The mayor tried to close the port in December.", "2024-12", DateGranularity.Month)]
    [InlineData("The port opened on June 26, 2024, after repairs.", "2024-06-26", DateGranularity.Day)]
    [InlineData("It was built in the 1950s by the navy.", "1950s", DateGranularity.Decade)]
    [InlineData("Talks broke down in 2019 in Corvale.", "2019", DateGranularity.Year)]
    [InlineData("The council met on Thursday.", "2025-10-16", DateGranularity.Day)]
    [InlineData("The council will meet again on Thursday.", "2025-10-23", DateGranularity.Day)]
    [InlineData("Fares rose last month.", "2025-09", DateGranularity.Month)]
    public void Dates_resolve_against_the_article_date(string sentence, string value, DateGranularity granularity)
    {
        var d = Assert.Single(Dates(sentence, Sunday19Oct2025));
        Assert.Equal(value, d.Value);
        Assert.Equal(granularity, d.Granularity);
    }

    [Fact]
    public void Relative_dates_without_an_article_date_stay_unresolved_but_absolute_ones_resolve()
    {
        var ds = Dates("It happened last year, and again on March 3, 2021.", null);
        Assert.Equal(2, ds.Count);
        Assert.Null(ds[0].Value);
        Assert.Equal("2021-03-03", ds[1].Value);
    }

    [Fact]
    public void An_article_date_at_the_end_of_the_calendar_resolves_nothing_and_does_not_throw()
    {
        var ds = Dates("It happened last year, on Sunday, and again on March 3, 2021.", DateTimeOffset.MinValue);
        Assert.Equal(3, ds.Count);
        Assert.Null(ds[0].Value);
        Assert.Null(ds[1].Value);
        Assert.Equal("2021-03-03", ds[2].Value);
    }

    private static List<ValueMention> Quantities(string text)
    {
        var tokens = Tokenizer.Tokenize(text);
        var list = new List<ValueMention>();
        var taken = new bool[tokens.Count];
        TemporalResolver.Find(text, tokens, 0, tokens.Count, new DateTime(2025, 10, 19), taken, new List<ValueMention>());
        QuantityRecognizer.Find(text, tokens, 0, tokens.Count, taken, Gazetteer.Shared, list);
        return list;
    }

    [Fact]
    public void Quantities_carry_number_unit_and_what_is_counted()
    {
        var q = Assert.Single(Quantities("Last year, 236 Canadians arrived in the harbour town, officials said."));
        Assert.Equal(236, q.Number);
        Assert.Equal("people", q.Unit);
        Assert.Equal("Canadians arrived in the harbour town", q.Counted);
        Assert.False(q.Approximate);
    }

    [Fact]
    public void Approximate_and_vague_quantities_are_marked()
    {
        var about = Assert.Single(Quantities("The island has about 34,000 residents."));
        Assert.Equal(34000, about.Number);
        Assert.True(about.Approximate);
        Assert.Equal("people", about.Unit);

        var tens = Assert.Single(Quantities("Tens of thousands of fans lined the road."));
        Assert.True(tens.Approximate);
        Assert.Equal(10000, tens.Number);
    }

    [Fact]
    public void A_lone_m_after_a_figure_is_the_metre_unless_money_is_counted()
    {
        var high = Assert.Single(Quantities("Waves 3 m high reached the harbour wall."));
        Assert.Equal(3, high.Number);
        Assert.Equal("meter", high.Unit);

        var glued = Assert.Single(Quantities("Waves 3m high reached the harbour wall."));
        Assert.Equal(3, glued.Number);
        Assert.Equal("meter", glued.Unit);

        var money = Assert.Single(Quantities("The council set aside $3 m for the repairs."));
        Assert.Equal(3e6, money.Number);
        Assert.Equal(NewsEntityType.Money, money.Type);

        var euros = Assert.Single(Quantities("The council set aside 3 m euros for the repairs."));
        Assert.Equal(3e6, euros.Number);
        Assert.Equal(NewsEntityType.Money, euros.Type);
    }

    [Fact]
    public void Hyphenated_measures_percentages_and_money_are_recognised()
    {
        var km = Assert.Single(Quantities("The 248-kilometer (155-mile) causeway is closed."));
        Assert.Equal(248, km.Number);
        Assert.Equal("kilometer", km.Unit);

        var pct = Assert.Single(Quantities("Women were 88 percent of the crew."));
        Assert.Equal(NewsEntityType.Percent, pct.Type);
        Assert.Equal(88, pct.Number);

        var money = Assert.Single(Quantities("The bridge cost $5 million to build."));
        Assert.Equal(NewsEntityType.Money, money.Type);
        Assert.Equal(5_000_000, money.Number);
        Assert.Equal("USD", money.Unit);
    }

    [Fact]
    public void Clock_times_and_scores_are_not_quantities()
    {
        Assert.Empty(Quantities("The strike began at 6 a.m. and the home side won 6-2."));
    }

    [Fact]
    public void Merger_joins_spellings_titles_short_names_and_acronyms()
    {
        var m = new EntityMerger();
        m.Add("Oren Jae-sun", NewsEntityType.Person);
        m.Add("Oren Jae Sun", NewsEntityType.Person);
        m.Add("President Oren", NewsEntityType.Person);
        m.Add("Harbour Safety Board", NewsEntityType.Organization);
        m.Add("HSB", NewsEntityType.Organization);
        m.Add("Mira Calder", NewsEntityType.Person);
        var groups = m.Resolve();
        Assert.Equal(3, groups.Count);
        var oren = groups.Single(g => g.Members.Contains(0));
        Assert.Equal(new[] { 0, 1, 2 }, oren.Members.OrderBy(x => x).ToArray());
        Assert.Equal("Oren Jae-sun", oren.Canonical);
        var board = groups.Single(g => g.Members.Contains(3));
        Assert.Contains(4, board.Members);
        Assert.Equal("Harbour Safety Board", board.Canonical);
    }

    [Fact]
    public void Merger_keeps_an_organisations_first_word_even_when_it_is_a_persons_title()
    {
        var m = new EntityMerger();
        m.Add("General Assembly", NewsEntityType.Organization);
        m.Add("Assembly", NewsEntityType.Organization);
        m.Add("General Harlow Motors", NewsEntityType.Organization);
        m.Add("Harlow Motors", NewsEntityType.Organization);
        m.Add("General Ada Ruiz", NewsEntityType.Person);
        m.Add("Ada Ruiz", NewsEntityType.Person);
        var groups = m.Resolve();
        Assert.Equal("General Assembly", groups.Single(g => g.Members.Contains(0)).Canonical);
        Assert.DoesNotContain(groups, g => g.Members.Contains(2) && g.Members.Contains(3)); // two firms, not one
        Assert.Equal("Ada Ruiz", groups.Single(g => g.Members.Contains(4)).Canonical);
        Assert.Contains(5, groups.Single(g => g.Members.Contains(4)).Members);
    }

    [Fact]
    public void Merger_leaves_a_short_name_alone_when_two_people_share_it()
    {
        var m = new EntityMerger();
        m.Add("Anna Pell", NewsEntityType.Person);
        m.Add("Joss Pell", NewsEntityType.Person);
        m.Add("Pell", NewsEntityType.Person);
        Assert.Equal(3, m.Resolve().Count);
        Assert.True(EntityMerger.SameEntity("Lee Jae-myung", "Lee Jae Myung", NewsEntityType.Person));
        Assert.False(EntityMerger.SameEntity("Anna Pell", "Joss Pell", NewsEntityType.Person));
        Assert.True(EntityMerger.IsAcronymOf("JCS", "Joint Chiefs of Staff"));
    }

    /// <summary>A generational suffix is no surname: "Kell" is "Martin Kell Jr.", "Penrose" and "Penrose III" are "Arthur
    /// Penrose III"; a father and son stay two people, and "Charles III" keeps its numeral.</summary>
    [Fact]
    public void Merger_reads_a_surname_before_a_generational_suffix()
    {
        Assert.True(EntityMerger.SameEntity("Martin Kell Jr.", "Kell", NewsEntityType.Person));
        Assert.True(EntityMerger.SameEntity("Kell Jr", "Martin Kell", NewsEntityType.Person));
        var m = new EntityMerger();
        m.Add("Arthur Penrose III", NewsEntityType.Person);
        m.Add("Penrose", NewsEntityType.Person);
        m.Add("Penrose III", NewsEntityType.Person);
        Assert.Equal("Arthur Penrose III", Assert.Single(m.Resolve()).Canonical);
        var family = new EntityMerger();
        family.Add("John Hale Jr.", NewsEntityType.Person);
        family.Add("John Hale Sr.", NewsEntityType.Person);
        family.Add("Hale", NewsEntityType.Person);
        Assert.Equal(3, family.Resolve().Count);
        var king = new EntityMerger();
        king.Add("Charles III", NewsEntityType.Person);
        king.Add("Charles Ebbon", NewsEntityType.Person);
        king.Add("Charles", NewsEntityType.Person);
        Assert.Equal(3, king.Resolve().Count);
    }

    [Fact]
    public void Merger_joins_a_name_opening_with_an_abbreviation_to_the_name_spelled_out_and_to_its_acronym()
    {
        // Three outlets name one agency three ways: spelled out, with its country abbreviated (dotted or not), as an acronym.
        Assert.True(EntityMerger.SameEntity("United Kingdom Tidal Survey", "UK Tidal Survey", NewsEntityType.Organization));
        Assert.True(EntityMerger.SameEntity("U.K. Tidal Survey", "United Kingdom Tidal Survey", NewsEntityType.Organization));
        Assert.True(EntityMerger.SameEntity("UKTS", "UK Tidal Survey", NewsEntityType.Organization));
        var m = new EntityMerger();
        m.Add("United Kingdom Tidal Survey", NewsEntityType.Organization);
        m.Add("U.K. Tidal Survey", NewsEntityType.Organization);
        m.Add("UKTS", NewsEntityType.Organization);
        m.Add("UK Ferry Board", NewsEntityType.Organization);
        var groups = m.Resolve();
        Assert.Equal(2, groups.Count);
        Assert.Equal("United Kingdom Tidal Survey", groups.Single(g => g.Members.Contains(2)).Canonical);
        // Other words after the abbreviation, or other words spelled out, are another body.
        Assert.False(EntityMerger.SameEntity("United Kingdom Tidal Survey", "UK Ferry Survey", NewsEntityType.Organization));
        Assert.False(EntityMerger.SameEntity("Upper Kelby Tidal Survey", "US Tidal Survey", NewsEntityType.Organization));
    }

    [Fact]
    public void Merger_joins_a_ministry_of_something_to_the_something_ministry()
    {
        Assert.True(EntityMerger.SameEntity("Ministry of the Lowlands", "Lowlands Ministry", NewsEntityType.Organization));
        Assert.True(EntityMerger.SameEntity("Department of Harbours", "Harbours Department", NewsEntityType.Organization));
        Assert.False(EntityMerger.SameEntity("Ministry of Harbours", "Harbours Department", NewsEntityType.Organization));
        Assert.False(EntityMerger.SameEntity("Ministry of the Lowlands", "Highlands Ministry", NewsEntityType.Organization));
    }

    [Fact]
    public void Merger_joins_a_group_s_singular_and_plural_but_not_other_groups()
    {
        Assert.True(EntityMerger.SameEntity("Norvik", "Norviks", NewsEntityType.Group));
        Assert.True(EntityMerger.SameEntity("North Kestrian", "North Kestrians", NewsEntityType.Group));
        Assert.False(EntityMerger.SameEntity("Swiss", "Swis", NewsEntityType.Group));
        Assert.False(EntityMerger.SameEntity("North Kestrians", "South Kestrians", NewsEntityType.Group));
    }
}
