using NewsCmdlets.Engine.Coverage;
using NewsCmdlets.Engine.Model;
using static NewsCmdlets.Engine.Tests.Coverage.CoverageComparerTests;
using static NewsCmdlets.Engine.Tests.Coverage.CoverageClaimsTests;

namespace NewsCmdlets.Engine.Tests.Coverage;

/// <summary>
/// How a figure and its subject are read (issue 27): the measure a rising figure is of, a count of people dismissed, a
/// forecast said after the figure, one sum in two words, the period a figure is for, the place a distance belongs to, an
/// earlier event's date, a place that reports, and whose job cuts a figure is. Invented outlets, places, companies and events.
/// </summary>
public class CoverageMeasureReadingTests
{
    private static readonly CoverageComparer Comparer = new();
    private static readonly DateTimeOffset Noon = new(2026, 9, 14, 12, 0, 0, TimeSpan.Zero);

    private static bool Holds(NewsCoverageItem i, string figure) => i.Values.Values.Any(v => v.Contains(figure, StringComparison.Ordinal));

    [Fact]
    public void A_rising_figure_takes_its_noun_from_far_back_past_a_magnitude_written_with_its_own_figure()
    {
        var a = Article("a1", "Fenwick Gazette", "Ossen valley count grows",
            "Fatalities from Sunday's magnitude 5.8 tremor under the Ossen valley climbed to 47 overnight, according to the valley's rescue board.", Noon);
        var b = Article("b1", "Marrow Weekly", "Ossen valley mourns",
            "Volunteers in the Ossen valley count 61 dead since Sunday's tremor brought down the old granary.", Noon.AddHours(5));
        var r = Comparer.Compare(Story(a, b));
        var deaths = Assert.Single(Claims(r), i => Holds(i, "47"));
        Assert.StartsWith("death toll", deaths.Key, StringComparison.Ordinal);
        Assert.Equal(2, deaths.OutletCount);
    }

    [Fact]
    public void Staff_sacked_are_jobs_cut()
    {
        var a = Article("a1", "Fenwick Gazette", "Quillan Foods bakery shake-up",
            "Over the weekend Quillan Foods quietly sacked 640 staff at its bakery in Dunmere, two union organisers told us.", Noon);
        var b = Article("b1", "Marrow Weekly", "Dunmere bakery losses",
            "A union official says Quillan Foods is cutting 640 jobs at the Dunmere bakery.", Noon);
        var r = Comparer.Compare(Story(a, b));
        var cut = Assert.Single(Claims(r), i => Holds(i, "640"));
        Assert.StartsWith("jobs cut", cut.Key, StringComparison.Ordinal);
        Assert.Equal(2, cut.OutletCount);
    }

    [Fact]
    public void A_modal_after_the_figure_makes_it_a_forecast()
    {
        var a = Article("a1", "Fenwick Gazette", "Pellow shore on alert",
            "Along the Pellow shore, waves as tall as 4 metres might break over the sea wall tonight, harbour pilots warned.", Noon);
        var b = Article("b1", "Marrow Weekly", "Storm nears Pellow",
            "Harbour pilots on the Pellow shore forecast waves of 4 metres as the storm nears.", Noon);
        var r = Comparer.Compare(Story(a, b));
        var waves = Assert.Single(Claims(r), i => Holds(i, "4 m"));
        Assert.Contains("forecast", waves.Key, StringComparison.Ordinal);
        Assert.Equal(2, waves.OutletCount);
    }

    [Fact]
    public void Revenue_and_sales_for_the_coming_quarter_are_one_forecast()
    {
        var a = Article("a1", "Fenwick Gazette", "Quillan Foods guidance",
            "Quillan Foods put revenue in the current quarter at $870 million in a note to shareholders on Wednesday.", Noon);
        var b = Article("b1", "Marrow Weekly", "Quillan Foods sees slow months",
            "Investors heard on Wednesday that Quillan Foods is looking for sales of $870 million in the next quarter.", Noon);
        var r = Comparer.Compare(Story(a, b));
        var outlook = Assert.Single(Claims(r), i => Holds(i, "870 million"));
        Assert.Equal(2, outlook.OutletCount);
        Assert.Contains("forecast", outlook.Key, StringComparison.Ordinal);
    }

    [Fact]
    public void A_period_after_the_earlier_figure_is_that_figures_and_ago_is_kept()
    {
        var a = Article("a1", "Fenwick Gazette", "Pellow ferry busier",
            "The Pellow ferry line now carries 3,100 riders a day, up from 2,600 last year, its operator said on Monday.", Noon);
        var b = Article("b1", "Marrow Weekly", "Pellow ferry", "A second boat joins the Pellow ferry line in spring.", Noon);
        var now = Assert.Single(Claims(Comparer.Compare(Story(a, b))), i => Holds(i, "3,100"));
        Assert.DoesNotContain("last year", now.Key, StringComparison.Ordinal);

        var c = Article("c1", "Brisling Herald", "Dunmere mill museum",
            "Two decades ago the Dunmere mill still kept 900 weavers busy; its looms now stand in a museum.", Noon);
        var d = Article("d1", "Otterby Times", "Dunmere museum opens", "A museum of weaving opened in Dunmere on Saturday.", Noon);
        var weavers = Assert.Single(Claims(Comparer.Compare(Story(c, d))), i => Holds(i, "900"));
        Assert.Contains("two decades ago", weavers.Key, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_distance_is_the_towns_not_the_possessive_place_named_after_it()
    {
        var a = Article("a1", "Fenwick Gazette", "Tremor felt in Brennick",
            "Rescuers reached the town of Brennick, deep in Valdoria's hill country and some 30 km from the epicentre, before noon.", Noon);
        var b = Article("b1", "Marrow Weekly", "Valdoria tremor", "A tremor shook Valdoria on Sunday morning.", Noon);
        var far = Assert.Single(Claims(Comparer.Compare(Story(a, b))), i => Holds(i, "30 km"));
        Assert.Contains("Brennick", far.Key, StringComparison.Ordinal);
    }

    [Fact]
    public void An_earlier_event_keeps_its_figure_in_its_name_and_the_month_may_is_no_forecast()
    {
        var a = Article("a1", "Fenwick Gazette", "Valdoria tremor",
            "A tremor shook Valdoria on Sunday. Older residents of Brennick still speak of the 5.9 magnitude tremor of May 1962, when 41 people died there.", Noon);
        var b = Article("b1", "Marrow Weekly", "Valdoria shaken", "A tremor shook Valdoria on Sunday morning.", Noon);
        var r = Comparer.Compare(Story(a, b));
        var dated = Assert.Single(Claims(r), i => i.Kind == CoverageKind.Date && Holds(i, "1962"));
        Assert.Contains("5.9", dated.Key, StringComparison.Ordinal);
        var old = Assert.Single(Claims(r), i => Holds(i, "41"));
        Assert.DoesNotContain("forecast", old.Key, StringComparison.Ordinal);
    }

    [Fact]
    public void A_place_that_reported_what_happened_there_is_no_speaker()
    {
        var a = Article("a1", "Fenwick Gazette", "Floods reach Brennick",
            "Flood water cut the road into Valdoria's hills on Sunday. In the hill town of Brennick the river burst its banks; Brennick reported nine rooftop rescues by dawn.", Noon);
        var b = Article("b1", "Marrow Weekly", "Valdoria floods", "Floods hit Valdoria on Sunday, the river board said.", Noon);
        var r = Comparer.Compare(Story(a, b));
        Assert.DoesNotContain(r.Items, i => i.Kind is CoverageKind.Quote or CoverageKind.Source && i.Key.Contains("Brennick", StringComparison.Ordinal));
    }

    [Fact]
    public void A_company_named_with_its_parent_is_the_storys_company_and_a_rival_ten_words_back_owns_its_cut()
    {
        var a = Article("a1", "Fenwick Gazette", "Quillan Foods to shed jobs",
            "Quillan Foods will shed 520 jobs at two bakeries, the snack maker said on Friday.", Noon);
        var b = Article("b1", "Marrow Weekly", "Snack makers trim jobs",
            "In a filing on Friday, Quillan Foods parent Halvard Group set out 520 job cuts across the snack business. " +
            "Flour miller Brackwell Inc is this autumn also set to eliminate 180 jobs at its Tessing plant.", Noon);
        var r = Comparer.Compare(Story(a, b));
        var cut = Assert.Single(Claims(r), i => Holds(i, "520"));
        Assert.Equal(2, cut.OutletCount);
        var rival = Assert.Single(Claims(r), i => Holds(i, "180"));
        Assert.Contains("Brackwell Inc", rival.Key, StringComparison.Ordinal);
    }
}
