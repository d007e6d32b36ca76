using NewsCmdlets.Engine.Coverage;
using NewsCmdlets.Engine.Entities;
using NewsCmdlets.Engine.Model;
using static NewsCmdlets.Engine.Tests.Coverage.CoverageComparerTests;
using static NewsCmdlets.Engine.Tests.Coverage.CoverageClaimsTests;

namespace NewsCmdlets.Engine.Tests.Coverage;

/// <summary>
/// Rows a reader can trust and read (issue 27): one figure with and without its period is one row, a body named with
/// and without its country is one name, keys say what is measured, and a place pictures come from is no source. Invented
/// outlets, places, companies and events.
/// </summary>
public class CoverageRowKeysTests
{
    private static readonly CoverageComparer Comparer = new();
    private static readonly DateTimeOffset Noon = new(2026, 5, 20, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_sum_one_outlet_gives_with_its_period_and_another_without_is_one_row_and_a_different_sum_is_not_compared_across_it()
    {
        var a = Article("a1", "Harrowgate Post", "Brisk Mills reports a loss",
            "Brisk Mills booked a loss of $740 million as orders for its looms dried up.", Noon);
        var b = Article("b1", "Vellmouth Courier", "Brisk Mills in the red",
            "Brisk Mills booked a loss of $740 million in the July-September period, its board told shareholders.", Noon);
        var r = Comparer.Compare(Story(a, b));
        var loss = Assert.Single(Claims(r), i => i.Values.Values.Any(v => v.Contains("$740 million", StringComparison.Ordinal)));
        Assert.Equal(2, loss.OutletCount);
        Assert.StartsWith("loss", loss.Key, StringComparison.Ordinal);

        // Another outlet's other sum for no stated period is no conflict with the quarter's.
        var c = Article("c1", "Lakeside Daily", "Brisk Mills results", "Brisk Mills booked a loss of $1.9 billion in the July-September period.", Noon);
        var d = Article("d1", "Orrin Ledger", "Brisk Mills", "Brisk Mills booked a loss of $740 million as its looms sat idle.", Noon);
        var r2 = Comparer.Compare(Story(c, d));
        Assert.DoesNotContain(Claims(r2), i => i.Status == CoverageStatus.Conflict);
    }

    [Fact]
    public void A_body_named_with_its_countrys_name_and_without_is_one_name()
    {
        var m = new EntityMerger();
        m.Add("Finland Storm Warning Service", NewsEntityType.Organization);
        m.Add("Storm Warning Service", NewsEntityType.Organization);
        m.AddSpellingAliases();
        Assert.Single(m.Resolve());

        // Two countries' services of one name stay two.
        var two = new EntityMerger();
        two.Add("Finland Storm Warning Service", NewsEntityType.Organization);
        two.Add("Norway Storm Warning Service", NewsEntityType.Organization);
        two.Add("Storm Warning Service", NewsEntityType.Organization);
        two.AddSpellingAliases();
        Assert.Equal(3, two.Resolve().Count);
    }

    [Fact]
    public void A_date_is_keyed_by_what_happened_on_it_never_by_a_name_alone()
    {
        var a = Article("a1", "Harrowgate Post", "Gale hits Orlen",
            "Some 450 households lost power in the gale, according to a tally from the Orlen Grid Authority on Tuesday night.", Noon);
        var b = Article("b1", "Vellmouth Courier", "Orlen gale", "A gale swept across Orlen overnight, felling trees along the shore road.", Noon);
        var r = Comparer.Compare(Story(a, b));
        var dates = Claims(r).Where(i => i.Kind == CoverageKind.Date).ToList();
        Assert.DoesNotContain(dates, i => i.Key == "Orlen Grid Authority");
        Assert.All(dates, i => Assert.Contains(i.Key.Split(' '), w => w.Length > 0 && char.IsLower(w[0])));
    }

    [Fact]
    public void A_place_far_away_is_its_distance_from_the_event_and_felt_tremors_are_no_aftershock()
    {
        var a = Article("a1", "Harrowgate Post", "Earthquake rattles Kestria",
            "Strong tremors were felt as far as Dunmere, some 140 km away, and windows shattered in the old town.", Noon);
        var b = Article("b1", "Vellmouth Courier", "Kestria earthquake", "The earthquake struck Kestria before dawn, the seismology office said.", Noon);
        var r = Comparer.Compare(Story(a, b));
        var far = Assert.Single(Claims(r), i => i.Values.Values.Any(v => v.Contains("140 km", StringComparison.Ordinal)));
        Assert.Equal("distance of Dunmere from the earthquake", far.Key);
    }

    [Fact]
    public void A_height_of_waves_says_so()
    {
        var a = Article("a1", "Harrowgate Post", "Tsunami warning for Kestria",
            "Waves of up to 2 metres could reach the Dunmere shore within the hour, the coast guard warned.", Noon);
        var b = Article("b1", "Vellmouth Courier", "Kestria quake", "A strong earthquake struck off Kestria on Wednesday morning.", Noon);
        var r = Comparer.Compare(Story(a, b));
        var wave = Assert.Single(Claims(r), i => i.Values.Values.Any(v => v.Contains("2 metres", StringComparison.Ordinal)));
        Assert.StartsWith("wave height", wave.Key, StringComparison.Ordinal);
    }

    [Fact]
    public void A_place_the_pictures_or_reports_come_from_is_no_source()
    {
        var a = Article("a1", "Harrowgate Post", "Floods in Kestria",
            "Footage from Dunmere showed cars swept along the high street. Reports from Tarnby city said the bridge held. "
            + "The regional governor said 12 villages were cut off. Early figures from Kestria's coast guard showed nine fishermen missing.", Noon);
        var b = Article("b1", "Vellmouth Courier", "Kestria floods", "Floods cut off 12 villages in Kestria, the regional governor said on Wednesday.", Noon);
        var r = Comparer.Compare(Story(a, b));
        var sources = r.Items.Where(i => i.Kind is CoverageKind.Quote or CoverageKind.Source).Select(i => i.Key).ToList();
        Assert.Contains(sources, k => k.Contains("governor", StringComparison.OrdinalIgnoreCase));
        // A body of the place the reports come from is a source.
        Assert.Contains(sources, k => k.Contains("coast guard", StringComparison.Ordinal));
        Assert.DoesNotContain(sources, k => k.StartsWith("Dunmere", StringComparison.Ordinal) || k.StartsWith("Tarnby", StringComparison.Ordinal));
    }

    [Fact]
    public void A_transliterations_last_i_or_y_is_one_spelling()
    {
        var m = new EntityMerger();
        m.Add("Belogorski", NewsEntityType.Location);
        m.Add("Belogorsky", NewsEntityType.Location);
        m.AddSpellingAliases();
        Assert.Single(m.Resolve());
    }

    [Fact]
    public void The_name_of_a_scale_is_no_entity()
    {
        var a = Article("a1", "Harrowgate Post", "Quake shakes Kestria",
            "A quake of magnitude 5.9 on the Richter scale rattled windows near Dunmere. Officials in Orlen said the tremor registered 5.8 on the Richter scale.", Noon);
        var b = Article("b1", "Vellmouth Courier", "Kestria quake", "A quake shook Dunmere on Thursday, the observatory said.", Noon);
        var r = Comparer.Compare(Story(a, b));
        var names = r.Items.Where(i => i.Kind == CoverageKind.Entity).Select(i => i.Key).ToList();
        Assert.Contains("Dunmere", names);
        Assert.DoesNotContain("Richter", names);
    }

    [Fact]
    public void A_price_a_share_moved_to_is_the_share_price_and_a_later_one_an_update()
    {
        var a = Article("a1", "Harrowgate Post", "Brisk Mills shares slide",
            "Shares of Brisk Mills slid 12% in late trading to $18.40 after the loom maker cut its forecast.", Noon);
        var b = Article("b1", "Vellmouth Courier", "Brisk Mills stock falls",
            "Brisk Mills stock dropped 14% to $17.95 on Thursday after the loom maker cut its forecast.", Noon.AddHours(20));
        var r = Comparer.Compare(Story(a, b));
        var price = Assert.Single(Claims(r), i => i.Values.Values.Any(v => v.Contains("$18.40", StringComparison.Ordinal)));
        Assert.Equal("share price", price.Key);
        Assert.Equal(CoverageStatus.Update, price.Status);
    }

    [Fact]
    public void A_place_that_issues_warnings_or_a_company_that_posts_a_loss_is_no_source_but_one_issuing_a_statement_is()
    {
        var a = Article("a1", "Harrowgate Post", "Floods in Kestria",
            "Kestria issued flood warnings for its northern valleys on Sunday. Pellwood Motors posted a loss of $2 billion in the quarter.", Noon);
        var b = Article("b1", "Vellmouth Courier", "Floods in Kestria",
            "The Orlen Water Board issued a statement saying 300 people had left their homes. The Kestrian Weather Agency issued flood warnings for the coast.", Noon);
        var r = Comparer.Compare(Story(a, b));
        var sources = r.Items.Where(i => i.Kind == CoverageKind.Source).Select(i => i.Key).ToList();
        Assert.DoesNotContain("Kestria", sources);
        Assert.DoesNotContain("Pellwood Motors", sources);
        Assert.Contains(sources, k => k.Contains("Orlen Water Board", StringComparison.Ordinal));
        // An agency's warning is its word.
        Assert.Contains(sources, k => k.Contains("Weather Agency", StringComparison.Ordinal));
    }

    [Fact]
    public void Last_years_figure_says_so_and_a_sum_per_share_shows_its_cents()
    {
        var a = Article("a1", "Harrowgate Post", "Pellwood Motors in the red",
            "Pellwood Motors reported a loss of $2 billion for the quarter, equal to 41 cents per share. Its profit was $1.1 billion, or 22 cents per share, a year ago.", Noon);
        var b = Article("b1", "Vellmouth Courier", "Pellwood results", "Pellwood Motors sold 90,000 vans in the quarter.", Noon);
        var r = Comparer.Compare(Story(a, b));
        var profit = Assert.Single(Claims(r), i => i.Values.Values.Any(v => v == "$1.1 billion"));
        Assert.Equal("profit (a year ago)", profit.Key);
        var perShare = Assert.Single(Claims(r), i => i.Values.Values.Any(v => v == "22 cents"));
        Assert.EndsWith("per share (a year ago)", perShare.Key, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sum_to_be_saved_in_costs_is_named_as_savings_not_as_the_costs()
    {
        var a = Article("a1", "Harrowgate Post", "Pellwood Motors trims",
            "Pellwood Motors will cut 2,000 jobs in an attempt to save $3 billion in costs, its chief executive wrote.", Noon);
        var b = Article("b1", "Vellmouth Courier", "Pellwood cuts", "Pellwood Motors will cut 2,000 jobs, the carmaker said.", Noon);
        var r = Comparer.Compare(Story(a, b));
        var saved = Assert.Single(Claims(r), i => i.Values.Values.Any(v => v == "$3 billion"));
        Assert.Equal("savings in costs", saved.Key);
    }
}
