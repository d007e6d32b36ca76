using NewsCmdlets.Engine.Ingest;
using NewsCmdlets.Engine.Ingest.Text;
using NewsCmdlets.Engine.Text;

namespace NewsCmdlets.Engine.Tests.Text;

/// <summary>
/// Plain-text copies of articles as they arrive from saved pages and copy-paste: the page's header (site name, its
/// "today" date, menus, section labels, web addresses, timestamps) above the headline, wire slugs and credits, dates
/// that must fit the story, and where the outlet's name comes from. Every text here is invented.
/// </summary>
public sealed class TextCopyShapesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static Model.NewsArticle Parse(string text, string? outlet = null) =>
        TextArticleParser.Parse(text, new TextArticleOptions { Source = "copy.txt", Outlet = outlet, Now = Now });

    private const string Story = """
        Ferry crews walked out on Tuesday after talks over pay broke down, leaving hundreds of island commuters without a crossing for the second time this year.

        The operator said it would run a reduced timetable with two chartered boats until the dispute was settled.

        "We have been left with no choice," said Mira Kovac, who speaks for the crews' union.
        """;

    /// <summary>A page copied whole: skip link, site name, the site's "today" date, a menu, a section label, then the
    /// article's headline, standfirst and byline.</summary>
    private static string PageHeader(string between = "") => $"""
        Skip to content

        Harbourview Gazette

        Friday, December 5, 2025

        Home | News | Sport | Business | Opinion

        NATIONAL

        Ferry crews walk out over pay at Westmere

        Unions say talks with the operator have failed

        By Jane Doe
        {between}
        """;

    [Fact]
    public void A_site_header_s_today_date_far_above_the_headline_is_not_the_publication_date()
    {
        var a = Parse(PageHeader() + "\nWESTMERE — " + Story);
        Assert.Equal("Ferry crews walk out over pay at Westmere", a.Title);
        Assert.Equal("Unions say talks with the operator have failed", a.Standfirst);
        Assert.Equal(new[] { "Jane Doe" }, a.Authors);
        Assert.Null(a.Published);                                         // no date of the article's own
        Assert.Contains(a.Removed, r => r.Contains("Friday, December 5, 2025"));
        Assert.StartsWith("WESTMERE — Ferry crews walked out", a.Body);
        Assert.DoesNotContain("NATIONAL", a.Body);
    }

    [Fact]
    public void A_posted_stamp_by_the_byline_wins_over_the_site_header_s_date()
    {
        var a = Parse(PageHeader("\nPosted October 14, 2025 6:10 pm EDT\n") + "\nWESTMERE — " + Story);
        Assert.Equal(new DateTimeOffset(2025, 10, 14, 18, 10, 0, TimeSpan.FromHours(-4)), a.Published);
        Assert.Equal(DatePrecision.Time, a.PublishedPrecision);
        Assert.Equal("'Posted' stamp", a.Sources["Published"]);
    }

    [Fact]
    public void A_dateline_s_day_wins_over_the_site_header_s_date_and_takes_its_year()
    {
        var a = Parse(PageHeader() + "\nWESTMERE, Oct 14 (Northsea Press Agency) — " + Story);
        Assert.Equal(new DateTimeOffset(2025, 10, 14, 0, 0, 0, TimeSpan.Zero), a.Published);
        Assert.Equal(DatePrecision.Date, a.PublishedPrecision);
        Assert.StartsWith("the dateline's day, its year from the page's date 2025-12-05", a.Sources["Published"]);
        Assert.Equal("Northsea Press Agency", a.Agency);
        Assert.Equal("Westmere", a.Dateline);
    }

    [Fact]
    public void A_date_line_under_the_headline_that_the_dateline_contradicts_is_set_aside()
    {
        var a = Parse("Ferry crews walk out over pay at Westmere\n\nDecember 5, 2025\n\nWESTMERE, Oct 14 (Northsea Press Agency) — " + Story);
        Assert.Equal(new DateTimeOffset(2025, 10, 14, 0, 0, 0, TimeSpan.Zero), a.Published);
        // The same date line with a dateline of its own day stands.
        var b = Parse("Ferry crews walk out over pay at Westmere\n\nOctober 14, 2025\n\nWESTMERE, Oct 14 (Northsea Press Agency) — " + Story);
        Assert.Equal("date line above the story (date only)", b.Sources["Published"]);
        Assert.Equal(new DateTimeOffset(2025, 10, 14, 0, 0, 0, TimeSpan.Zero), b.Published);
    }

    [Fact]
    public void A_date_alone_at_the_top_of_the_text_belongs_to_the_headline_under_it()
    {
        var a = Parse("Friday, December 5, 2025\n\nFerry crews walk out over pay at Westmere\n\nWESTMERE — " + Story);
        Assert.Equal("Ferry crews walk out over pay at Westmere", a.Title);
        Assert.Equal(new DateTimeOffset(2025, 12, 5, 0, 0, 0, TimeSpan.Zero), a.Published);
        Assert.Equal("date line above the headline (date only)", a.Sources["Published"]);
    }

    [Fact]
    public void A_site_name_and_its_date_over_the_headline_are_page_chrome()
    {
        var a = Parse("Harbourview Gazette\n\nFriday, December 5, 2025\n\nFerry crews walk out over pay at Westmere\n\nBy Jane Doe\n\nWESTMERE — " + Story);
        Assert.Equal("Ferry crews walk out over pay at Westmere", a.Title);
        Assert.Null(a.Published);
    }

    [Fact]
    public void A_timestamp_first_line_is_the_date_not_the_headline()
    {
        var a = Parse("19 October 2025 20:50 (UTC+04:00)\n\nHarbour authority extends night curfew for trawlers\n\n" + Story);
        Assert.Equal("Harbour authority extends night curfew for trawlers", a.Title);
        Assert.Equal(new DateTimeOffset(2025, 10, 19, 20, 50, 0, TimeSpan.FromHours(4)), a.Published);
        Assert.Equal(DatePrecision.Time, a.PublishedPrecision);
    }

    [Fact]
    public void A_section_label_is_not_the_headline()
    {
        var a = Parse("NATIONAL\n\nRail workers accept pay offer after long dispute\n\n" + Story);
        Assert.Equal("Rail workers accept pay offer after long dispute", a.Title);
        Assert.DoesNotContain("NATIONAL", a.Body);
    }

    [Fact]
    public void A_short_headline_in_capitals_is_a_headline_when_no_headline_follows_it()
    {
        Assert.Equal("FERRY STRIKE ENDS", Parse("FERRY STRIKE ENDS\n\n" + Story).Title);
        Assert.Equal("STRIKE ENDS", Parse("STRIKE ENDS\n\n" + Story).Title);
        Assert.Equal("Rail workers accept pay offer", Parse("WORLD NEWS\n\nRail workers accept pay offer\n\n" + Story).Title);
    }

    [Fact]
    public void A_timestamp_given_as_the_front_matter_s_title_is_no_headline()
    {
        var a = Parse("Title: 19 October 2025 20:50 (UTC+04:00)\nOutlet: The Harbour Courier\n\nHarbour authority extends night curfew for trawlers\n\n" + Story);
        Assert.Equal("Harbour authority extends night curfew for trawlers", a.Title);
        Assert.Contains(a.Warnings, w => w.Contains("timestamp, not a headline"));
    }

    [Fact]
    public void A_headline_that_holds_a_date_is_still_the_headline()
    {
        var a = Parse("Storm closes Westmere ports on March 3, 2026\n\n" + Story);
        Assert.Equal("Storm closes Westmere ports on March 3, 2026", a.Title);
        Assert.Null(a.Published);
    }

    [Fact]
    public void A_short_line_above_the_first_long_paragraph_does_not_take_the_headline()
    {
        var a = Parse("Ferry crews walk out over pay at Westmere\n\nBy Jane Doe\n\nCommuters stranded on the quay\n\n" + Story);
        Assert.Equal("Ferry crews walk out over pay at Westmere", a.Title);
    }

    [Fact]
    public void A_web_address_first_line_is_the_url_and_its_site_and_date_fill_what_the_text_lacks()
    {
        var a = Parse("https://www.harbour-courier.example/2026/03/14/ferry-strike\n\nFerry crews walk out over pay at Westmere\n\n" + Story);
        Assert.Equal("Ferry crews walk out over pay at Westmere", a.Title);
        Assert.Equal("https://www.harbour-courier.example/2026/03/14/ferry-strike", a.Url);
        Assert.Equal("harbour-courier.example", a.Outlet);
        Assert.Equal("the URL's site", a.Sources["Outlet"]);
        Assert.Equal(new DateTimeOffset(2026, 3, 14, 0, 0, 0, TimeSpan.Zero), a.Published);
        Assert.Equal(DatePrecision.Date, a.PublishedPrecision);
        Assert.StartsWith("the URL's path", a.Sources["Published"]);
        // -Outlet names the outlet before the address's site does; a name in the text before both.
        Assert.Equal("The Harbour Courier", Parse("https://harbour-courier.example/a\n\nFerry crews walk out over pay\n\n" + Story, "The Harbour Courier").Outlet);
        Assert.Equal("Lakeside Daily", Parse("https://harbour-courier.example/a\n\nFerry crews walk out over pay\n\nBy Jane Doe, Lakeside Daily\n\n" + Story, "The Harbour Courier").Outlet);
    }

    [Fact]
    public void A_site_logo_s_text_names_the_outlet()
    {
        var a = Parse("date 2026-03-14 Harbour FM 99.5 Logo\n\nFerry crews walk out over pay at Westmere\n\nMarch 14, 2026 4:09PM PDT\n\nCredit: Westmere Photo Pool\n\n(Northsea Press Agency) – " + Story);
        Assert.Equal("Ferry crews walk out over pay at Westmere", a.Title);
        Assert.Equal("Harbour FM 99.5", a.Outlet);
        Assert.Equal("Northsea Press Agency", a.Agency);
        // The date line gives the time of the header line's day.
        Assert.Equal(new DateTimeOffset(2026, 3, 14, 16, 9, 0, TimeSpan.FromHours(-7)), a.Published);
    }

    [Theory]
    [InlineData("UPDATE 1-Northland port reopens after strike", "Northland port reopens after strike", "UPDATE 1")]
    [InlineData("EXCLUSIVE-Northland port operator weighs sale", "Northland port operator weighs sale", "EXCLUSIVE")]
    [InlineData("REFILE-UPDATE 2-Northland port reopens after strike", "Northland port reopens after strike", "REFILE-UPDATE 2")]
    [InlineData("GLOBAL MARKETS-Shares edge up as Northland port reopens", "Shares edge up as Northland port reopens", "GLOBAL MARKETS")]
    public void Wire_slugs_come_off_the_headline_and_the_agency_is_credited(string first, string title, string slug)
    {
        var a = Parse(first + "\n\nKORVIK, March 3 (Reuters) -The port of Korvik reopened on Monday after a three-day strike by crane operators ended with a pay deal, the port authority said.\n\nShips queued outside the harbour overnight, officials said.\n");
        Assert.Equal(title, a.Title);
        Assert.Contains($"wire slug '{slug}' taken off", a.Sources["Title"]);
        Assert.Equal("Reuters", a.Agency);
        Assert.Equal("Korvik", a.Dateline);
    }

    [Theory]
    [InlineData("ARDEN-Veld border talks resume")]
    [InlineData("COVID-19 rules end at Westmere port")]
    [InlineData("Update: Westmere ferry crews return to work")]
    public void A_hyphenated_name_or_an_editor_s_label_is_no_wire_slug(string headline) =>
        Assert.Equal(headline, Parse(headline + "\n\n" + Story).Title);

    [Fact]
    public void An_agency_credit_with_no_space_after_the_dash_is_read()
    {
        var a = Parse("Port reopens after strike\n\n(Reuters) -A three-day strike by crane operators at the port of Korvik ended on Monday with a pay deal, the port authority said.\n\nShips queued outside overnight.\n");
        Assert.Equal("Reuters", a.Agency);
        Assert.Equal("dateline", a.Sources["Agency"]);
    }

    [Fact]
    public void Punctuation_and_digits_only_are_not_an_article()
    {
        var e = Assert.Throws<InputProblemException>(() => ArticleReader.ReadContent("---- **** 12345 !!!\n\n#### 678 ???", "noise.txt", null, new ArticleReadOptions { Now = Now }));
        Assert.Equal(InputProblemKind.NoArticle, e.Kind);
        Assert.Contains("noise.txt", e.Message);
        Assert.Contains("no words", e.Message);
        // One word of letters is enough to be read (and judged by what follows).
        Assert.Equal("Ok", ArticleReader.ReadContent("Ok", "short.txt", null, new ArticleReadOptions { Now = Now }).Article.Title);
    }

    [Fact]
    public void Publication_dates_say_how_precise_they_are()
    {
        Assert.Equal(DatePrecision.Date, Parse("date 2026-03-14 Ferry crews walk out\n\n" + Story).PublishedPrecision);
        Assert.Equal(DatePrecision.TimeWithoutZone, Parse("Ferry crews walk out over pay\n\nPosted March 14, 2026 6:10 pm\n\n" + Story).PublishedPrecision);
        Assert.Equal(DatePrecision.Time, Parse("Ferry crews walk out over pay\n\nPosted March 14, 2026 6:10 pm GMT\n\n" + Story).PublishedPrecision);
        Assert.Null(Parse("Ferry crews walk out over pay\n\n" + Story).PublishedPrecision);
    }

    [Theory]
    [InlineData("Outlet: Northsea Press Agency", "Northsea Press Agency", "Northsea Press Agency")]
    [InlineData("Outlet: Reuters", "Reuters", "Reuters")]
    [InlineData("Outlet: The Daily Example (Northsea Press Agency)", "The Daily Example (Northsea Press Agency)", "Northsea Press Agency")]
    [InlineData("Outlet: Valley Radio (Lakeside Daily)", "Valley Radio (Lakeside Daily)", null)]
    public void An_outlet_named_in_front_matter_is_the_outlet_and_an_agency_it_names_is_the_agency(string line, string outlet, string? agency)
    {
        var a = Parse("Title: Ferry crews walk out over pay\n" + line + "\n\n" + Story);
        Assert.Equal(outlet, a.Outlet);
        Assert.Equal(agency, a.Agency);
        Assert.Equal("front matter 'Outlet:'", a.Sources["Outlet"]);
    }

    [Fact]
    public void A_front_matter_headline_found_under_the_page_s_header_leaves_the_header_out()
    {
        var a = Parse("Title: Ferry crews walk out over pay at Westmere\n\n" + PageHeader() + "\nWESTMERE, Oct 14 (Northsea Press Agency) — " + Story);
        Assert.Equal("Ferry crews walk out over pay at Westmere", a.Title);
        Assert.StartsWith("WESTMERE, Oct 14", a.Body);
        Assert.Equal(new DateTimeOffset(2025, 10, 14, 0, 0, 0, TimeSpan.Zero), a.Published);
    }

    [Fact]
    public void Photo_credits_without_brackets_mark_captions()
    {
        var a = Parse("""
            Ferry crews walk out over pay at Westmere

            Commuters wait on the quay at Westmere on Tuesday after the last crossing was cancelled. Ada Ruiz / N.P.A

            JANE DOE/NPA PHOTO, FILE

            """ + Story);
        Assert.Equal(2, a.Captions.Count);
        Assert.StartsWith("Commuters wait on the quay", a.Captions[0]);
        Assert.Equal("JANE DOE/NPA PHOTO, FILE", a.Captions[1]);
        Assert.StartsWith("Ferry crews walked out on Tuesday", a.Body);
        // A sentence that ends in a name is no credit.
        Assert.Empty(Parse("Ferry crews walk out over pay\n\nThe union's statement was signed by its chair, Mira Kovac.\n\n" + Story).Captions);
    }

    [Fact]
    public void A_byline_split_over_two_lines_names_the_author()
    {
        var a = Parse("Title: Ferry crews walk out over pay\n\nBy\nJane Doe\n" + Story);
        Assert.Equal(new[] { "Jane Doe" }, a.Authors);
        Assert.Equal("byline", a.Sources["Authors"]);
        Assert.StartsWith("Ferry crews walked out on Tuesday", a.Body);
    }

    [Fact]
    public void The_headline_written_again_under_a_teaser_is_neither_body_nor_lead()
    {
        var a = Parse("""
            Title: Ferry crews walk out over pay at Westmere

            Island commuters face a second week without a crossing as the dispute between the crews and the operator drags on, with no new talks planned and the chartered boats already full.

            Ferry crews walk out over pay at Westmere

            Ferry crews walk out over pay at Westmere

            """ + Story);
        Assert.Equal("Ferry crews walk out over pay at Westmere", a.Title);
        Assert.StartsWith("Ferry crews walked out on Tuesday", a.Body);
        Assert.DoesNotContain("Ferry crews walk out over pay at Westmere", a.Paragraphs);
        Assert.Contains(a.Removed, r => r.StartsWith("Island commuters face a second week"));
    }
}
