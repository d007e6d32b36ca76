using System.Text;
using NewsCmdlets.Engine.Ingest;
using NewsCmdlets.Engine.Ingest.Text;
using NewsCmdlets.Engine.Text;

namespace NewsCmdlets.Engine.Tests.Text;

public sealed class TextArticleParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static Model.NewsArticle Parse(string text, string? outlet = null) =>
        TextArticleParser.Parse(text, new TextArticleOptions { Source = "test.txt", Outlet = outlet, Now = Now });

    private const string WireCopyWithChrome = """
        date 2026-02-03 Dam operators open spillway as river rises

        Workers check the gauges at the Tollan dam on Tuesday, Feb. 3, 2026. (NPA Photo/Ada Ruiz, File)

        By Ada Ruiz and Per Holm, Northsea Press Agency

        Posted February 3, 2026 8:10 am EST

        Last Updated February 3, 2026 9:45 am EST

        TOLLAN, Eastmark (NPA) — Operators of the Tollan dam opened its spillway on Tuesday as the river rose to its highest level in 40 years, the regional water board said.

        About 2,300 people living downstream were told to move to higher ground by the evening, officials said.

        The river authority said the water would peak on Wednesday. "We expect the worst to be over by Thursday," said Mira Kovac, the board's chief engineer.

        What comes next

        Engineers will inspect the dam's walls once the water recedes, the board said in a statement.

        Ada Ruiz and Per Holm, Northsea Press Agency

        Report a typo

        Most Read

        Mayor unveils plan for new library in the old post office

        The plan, which would turn the empty post office into a library with a café and a children's wing, goes before the council next...

        3h ago

        Local bakery wins national prize for its rye loaf

        Judges praised the loaf's crust and the bakery's use of local grain. The owners say they will keep...

        5h ago

        Most Read

        Mayor unveils plan for new library in the old post office

        The plan, which would turn the empty post office into a library with a café and a children's wing, goes before the council next...

        3h ago

        Video

        2:14
        Storm damage along the coast

        High winds damaged roofs in three towns overnight and left thousands without power for several hours this morning.

        11h ago
        """;

    [Fact]
    public void One_wire_story_run_by_two_outlets_is_two_articles_and_one_outlet_s_copy_is_one()
    {
        const string text = "Harbour reopens after storm\n\nPORT ELLEN — The harbour reopened on Friday after a storm closed it for two days, the port authority said.";
        var a = Parse(text, "The Harbour Courier");
        var b = Parse(text, "Lakeside Daily");
        var a2 = Parse(text, "The Harbour Courier");
        Assert.NotEqual(a.Id, b.Id);
        Assert.Equal(a.Id, a2.Id);
        Assert.Matches("^[0-9a-f]{16}$", a.Id);
    }

    [Fact]
    public void A_link_to_another_story_inside_the_body_is_chrome_but_prose_starting_alike_is_not()
    {
        var a = Parse("""
            Tram depot to close in Hollin

            HOLLIN — The city's only tram depot will close next spring, the transport board said on Tuesday, moving 140 jobs to a new site in Fenwick.

            Read more: Fenwick council approves budget for new library

            The board said the move would save about 2 million euros a year in rent and maintenance.

            Watch: the depot's last restoration, in pictures

            Related coverage — how the tram network grew

            Read more about the plans, the board said, on its website from Friday, when a public consultation opens.
            """);
        Assert.DoesNotContain("Fenwick council approves", a.Body);
        Assert.DoesNotContain("in pictures", a.Body);
        Assert.DoesNotContain("tram network grew", a.Body);
        Assert.Contains("Fenwick council approves", a.Removed.ToString());
        Assert.Contains("save about 2 million euros", a.Body);
        Assert.Contains("public consultation opens", a.Body);
    }

    [Fact]
    public void Wire_copy_keeps_the_story_and_sets_aside_the_chrome()
    {
        var a = Parse(WireCopyWithChrome);
        Assert.Equal("Dam operators open spillway as river rises", a.Title);
        Assert.StartsWith("TOLLAN, Eastmark (NPA) — Operators", a.Body);
        Assert.EndsWith("the board said in a statement.", a.Body);
        Assert.Contains("What comes next", a.Paragraphs); // a subheading inside the story stays
        Assert.Equal(5, a.Paragraphs.Count);
        foreach (var chrome in new[] { "Most Read", "library", "bakery", "3h ago", "Storm damage", "Report a typo" })
            Assert.DoesNotContain(chrome, a.Body);
        Assert.Contains(a.Removed, r => r.Contains("Local bakery wins national prize"));
        Assert.Contains(a.Removed, r => r.Contains("Storm damage along the coast"));
    }

    [Fact]
    public void Byline_stamps_caption_dateline_and_agency_are_read_with_provenance()
    {
        var a = Parse(WireCopyWithChrome);
        Assert.Equal(new[] { "Ada Ruiz", "Per Holm" }, a.Authors);
        Assert.Equal("Northsea Press Agency", a.Agency);
        Assert.Equal("Tollan", a.Dateline);
        Assert.Equal(new DateTimeOffset(2026, 2, 3, 8, 10, 0, TimeSpan.FromHours(-5)), a.Published);
        Assert.Equal(new DateTimeOffset(2026, 2, 3, 9, 45, 0, TimeSpan.FromHours(-5)), a.Updated);
        Assert.Equal("'Posted' stamp", a.Sources["Published"]);
        Assert.Equal("byline", a.Sources["Authors"]);
        Assert.Equal("dateline", a.Sources["Dateline"]);
        Assert.Equal("file header line", a.Sources["Title"]);
        Assert.Single(a.Captions);
        Assert.Contains("(NPA Photo/Ada Ruiz, File)", a.Captions[0]);
        Assert.Equal("en", a.Language);
        Assert.Null(a.Outlet);
    }

    [Fact]
    public void Known_wire_services_go_to_Agency_never_Authors()
    {
        var a = Parse("Port reopens after strike\n\nBy Lena Fors, Reuters\n\nKORVIK (Reuters) - The port of Korvik reopened on Monday after a three-day strike by crane operators ended with a pay deal, the port authority said.\n\nShips queued outside the harbour overnight, officials said.\n");
        Assert.Equal(new[] { "Lena Fors" }, a.Authors);
        Assert.Equal("Reuters", a.Agency);
        Assert.Equal("Korvik", a.Dateline);

        var b = Parse("Port reopens after strike\n\nKORVIK (AP) — The port of Korvik reopened on Monday after a three-day strike by crane operators ended with a pay deal, the port authority said.\n\nShips queued outside the harbour overnight, officials said.\n");
        Assert.Equal("The Associated Press", b.Agency);
        Assert.Empty(b.Authors);
        Assert.Equal("dateline", b.Sources["Agency"]);
    }

    [Fact]
    public void Navigation_trail_is_chrome_and_the_headline_after_it_is_the_title()
    {
        var a = Parse("Home | News | Eastmark\n\nTunnel costs rise again\n\nAn agency credit follows.\n\nMeridian News Agency\n\nNORBRIDGE (MNA) — The cost of the Yarrow tunnel rose again on Monday, the regional council said, blaming delays in steel deliveries.\n\nThe council will vote on the new budget next week.\n");
        Assert.Equal("Tunnel costs rise again", a.Title);
        Assert.Equal("Meridian News Agency", a.Agency);
        Assert.Empty(a.Authors);
        Assert.DoesNotContain("Home", a.Body);
        Assert.Contains(a.Removed, r => r.Contains("Home | News | Eastmark"));
    }

    [Theory]
    [InlineData("7:05pm:")]
    [InlineData("11:40 a.m.")]
    [InlineData("6 PM")]
    [InlineData("09:15:30 GMT")]
    public void A_clock_time_over_the_story_is_not_the_headline(string stamp)
    {
        var a = Parse(stamp + "\n\nFerry strike ends in Holmvik\n\nHOLMVIK — Deckhands on the island ferries returned to work on Thursday after a two-week strike, the operator said.\n\nTimetables will be back to normal by the weekend, it said.\n");
        Assert.Equal("Ferry strike ends in Holmvik", a.Title);
    }

    [Fact]
    public void Reporting_credit_at_the_end_gives_the_authors()
    {
        var a = Parse("Rail line closed by landslide\n\nVALDER (Reuters) - A landslide closed the main rail line through the Valder pass on Friday, the rail operator said, with repairs expected to take a week.\n\nNo trains were in the area at the time, it said.\n\n(Reporting by Ines Marr; Editing by Tom Oakes)\n");
        Assert.Equal(new[] { "Ines Marr" }, a.Authors);
        Assert.DoesNotContain("Reporting by", a.Body);
    }

    [Fact]
    public void Header_sentence_is_a_standfirst_and_stands_in_for_a_missing_headline()
    {
        var a = Parse("date 2026-01-10 The vote is the first test of the new coalition since it took office in the autumn.\n\nLawmakers in Eastmark voted 61 to 40 on Saturday to approve the budget, the parliament's speaker said.\n\nThe opposition called the vote rushed.\n");
        Assert.Equal("The vote is the first test of the new coalition since it took office in the autumn.", a.Standfirst);
        Assert.Equal(a.Standfirst, a.Title);
        Assert.Equal("standfirst (the text has no headline)", a.Sources["Title"]);
        Assert.Equal(new DateTimeOffset(2026, 1, 10, 0, 0, 0, TimeSpan.Zero), a.Published);
        Assert.Equal("file header line (date only)", a.Sources["Published"]);
        Assert.StartsWith("Lawmakers in Eastmark", a.Body);
    }

    [Fact]
    public void A_date_in_the_future_is_rejected_with_a_warning()
    {
        var a = Parse("date 2031-05-01 Launch planned\n\nThe agency said on Monday it planned to launch the satellite in the spring, pending final tests of its engines.\n");
        Assert.Null(a.Published);
        Assert.Contains(a.Warnings, w => w.Contains("future"));
    }

    [Fact]
    public void Hard_wrapped_text_is_joined_into_paragraphs()
    {
        string text = "Harbour works delayed\n\n" +
            "The harbour authority said on Tuesday that work on the new breakwater\n" +
            "would be delayed by at least three months because of winter storms that\n" +
            "damaged the temporary jetty and washed away part of the rock supply.\n\n" +
            "Contractors had hoped to finish the first section of the breakwater by the\n" +
            "end of the year, according to planning documents published last month by\n" +
            "the authority, which has faced criticism over the project's rising costs.\n";
        var a = Parse(text);
        Assert.Equal(2, a.Paragraphs.Count);
        Assert.StartsWith("The harbour authority said on Tuesday that work on the new breakwater would be delayed", a.Paragraphs[0]);
    }

    [Fact]
    public void Trailing_byline_names_author_and_outlet()
    {
        var a = Parse("Ferry timetable changes\n\nThe island ferry will run two extra sailings on weekends from next month, the operator said on Friday.\n\nThe change follows complaints from residents about crowded boats.\n\nBy Priya Lund, The Metro Ledger\n");
        Assert.Equal(new[] { "Priya Lund" }, a.Authors);
        Assert.Equal("The Metro Ledger", a.Outlet);
        Assert.DoesNotContain("Priya Lund", a.Body);
    }

    [Fact]
    public void Outlet_option_fills_in_only_when_the_text_names_none()
    {
        string text = "Library hours extended\n\nThe town library will stay open until 9 p.m. on weekdays from March, the council said.\n";
        Assert.Equal("The Test Gazette", Parse(text, "The Test Gazette").Outlet);
        Assert.Equal("-Outlet parameter", Parse(text, "The Test Gazette").Sources["Outlet"]);
        Assert.Equal("Valley Evening Post", Parse(text + "\n© 2026 Valley Evening Post. All rights reserved.\n", "The Test Gazette").Outlet);
    }

    [Fact]
    public void Id_is_stable_across_whitespace_and_line_endings()
    {
        string text = "Bridge reopens\n\nThe Carrow bridge reopened on Monday after six weeks of repairs, the council said.\n";
        var a = Parse(text);
        var b = Parse(text.Replace("\n", "\r\n").Replace("reopened on", "reopened  on"));
        Assert.Equal(a.Id, b.Id);
        Assert.Matches("^[0-9a-f]{16}$", a.Id);
        Assert.NotEqual(a.Id, Parse(text.Replace("six", "seven")).Id);
    }

    [Fact]
    public void Text_without_prose_keeps_every_line_rather_than_losing_it()
    {
        var a = Parse("Shopping list\n\nbread\nmilk\neggs\n");
        Assert.Equal("Shopping list", a.Title);
        Assert.Equal(new[] { "bread", "milk", "eggs" }, a.Paragraphs);
    }

    [Fact]
    public void Seed_articles_import_as_expected()
    {
        string seeds = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../../shared/seeds"));
        if (!Directory.Exists(seeds)) return; // ../shared is beside the repository on team machines and in CI
        var articles = Directory.GetFiles(seeds, "*.txt").Order()
            .Select(f => ArticleReader.ReadFile(f, new ArticleReadOptions { Now = Now }).Article).ToList();
        Assert.Equal(2, articles.Count);
        var ap = Assert.Single(articles, x => x.Agency == "The Associated Press");
        Assert.Equal(new[] { "Hyung-jin Kim" }, ap.Authors);
        Assert.Equal("Seoul", ap.Dateline);
        Assert.Equal(new DateTime(2025, 10, 19), ap.Published!.Value.Date);
        Assert.Equal(7, ap.Paragraphs.Count);
        Assert.EndsWith("with a vow to restore reconciliation between the rivals.", ap.Body);
        Assert.Single(ap.Captions);
        var other = Assert.Single(articles, x => x != ap);
        Assert.Null(other.Agency);
        Assert.Empty(other.Authors);
        Assert.Equal(new DateTime(2025, 10, 19), other.Published!.Value.Date);
        Assert.StartsWith("South Korea says it has taken", other.Body);
        Assert.Equal(13, other.Paragraphs.Count);
        Assert.EndsWith("globally watched spectacles that bore little concrete progress.", other.Body);
    }

    private const string StoryBody = """
        HOLMGATE — Dock workers at the port of Holmgate voted on Monday to end a three-week strike after the harbour board raised its pay offer to 12 percent.

        The union said 4,100 members took part in the ballot and 88 percent backed the deal.
        """;

    [Fact]
    public void Front_matter_lines_at_the_top_are_read_as_the_articles_fields()
    {
        var a = Parse("""
            Title: Holmgate dockers vote to end strike
            Outlet: The Lakeside Daily
            Published: 2026-03-14 08:30
            Author: Ada Ruiz and Per Holm
            URL: https://lakeside.example/holmgate-strike
            Tags: labour, ports; Holmgate
            Language: English

            """ + StoryBody);
        Assert.Equal("Holmgate dockers vote to end strike", a.Title);
        Assert.Equal("The Lakeside Daily", a.Outlet);
        Assert.Equal(new DateTimeOffset(2026, 3, 14, 8, 30, 0, TimeSpan.Zero), a.Published);
        Assert.Equal(new[] { "Ada Ruiz", "Per Holm" }, a.Authors.ToArray());
        Assert.Equal("https://lakeside.example/holmgate-strike", a.Url);
        Assert.Equal(new[] { "labour", "ports", "Holmgate" }, a.Categories.ToArray());
        Assert.Equal("en", a.Language);
        Assert.Equal("front matter 'Title:'", a.Sources["Title"]);
        Assert.StartsWith("front matter 'Published:'", a.Sources["Published"]);
        Assert.StartsWith("HOLMGATE — Dock workers", a.Body);           // none of the header lines is in the story
        Assert.DoesNotContain("Outlet:", a.Body);
        Assert.Contains(a.Removed, r => r.StartsWith("Title: Holmgate"));  // kept, as removed text is
        Assert.Equal("Holmgate", a.Dateline);
    }

    [Fact]
    public void Yaml_front_matter_between_fences_with_a_list_and_an_agency_as_source()
    {
        var a = Parse("""
            ---
            headline: "Holmgate dockers vote to end strike"
            source: Northsea Press Agency
            date: 14 March 2026
            authors:
              - Ada Ruiz
              - Per Holm
            layout: post
            ---

            Holmgate dockers vote to end strike

            """ + StoryBody);
        Assert.Equal("Holmgate dockers vote to end strike", a.Title);
        Assert.Equal("Northsea Press Agency", a.Agency);                 // a wire agency named as the source
        Assert.Equal(new DateTimeOffset(2026, 3, 14, 0, 0, 0, TimeSpan.Zero), a.Published);
        Assert.Equal(new[] { "Ada Ruiz", "Per Holm" }, a.Authors.ToArray());
        Assert.StartsWith("HOLMGATE — Dock workers", a.Body);           // the headline written again over the story is no paragraph
        Assert.Equal(2, a.Paragraphs.Count);
    }

    [Fact]
    public void Front_matter_wins_over_the_texts_own_stamps_and_dateline()
    {
        var a = Parse("Title: Holmgate dockers vote to end strike\nPublished: 2026-03-14 08:30\nDateline: Port Holmgate\n\nPosted March 15, 2026 9:00 am EST\n\n" + StoryBody);
        Assert.Equal(new DateTimeOffset(2026, 3, 14, 8, 30, 0, TimeSpan.Zero), a.Published);
        Assert.Equal("Port Holmgate", a.Dateline);
        Assert.StartsWith("front matter", a.Sources["Dateline"]);
    }

    [Fact]
    public void Colon_lines_that_are_not_front_matter_stay_in_the_story()
    {
        // One known key that is no title, then the story: not a header block.
        var a = Parse("Date: Tuesday was the day the dockers chose.\nWashington: the dockers' union said the vote was final.\n\n" + StoryBody);
        Assert.Contains("Tuesday was the day", a.Title + "\n" + a.Body);
        // An opening rule line with no closing fence is no front matter.
        var b = Parse("---\nTitle: Holmgate dockers vote to end strike\n\n" + StoryBody);
        Assert.NotEqual("Holmgate dockers vote to end strike", b.Title);
    }

    [Fact]
    public void Front_matter_values_that_cannot_be_read_warn_and_name_what_to_write()
    {
        var a = Parse("Title: Holmgate dockers vote to end strike\nPublished: the other day\nLanguage: Klingonese\n\n" + StoryBody);
        Assert.Equal("Holmgate dockers vote to end strike", a.Title);
        Assert.Null(a.Published);
        Assert.Contains(a.Warnings, w => w.Contains("'Published: the other day'") && w.Contains("2026-03-14"));
        Assert.Contains(a.Warnings, w => w.Contains("'Language: Klingonese'"));
        Assert.Equal("en", a.Language);                                  // detected from the text instead
    }

    [Fact]
    public void A_paragraph_of_prose_written_twice_does_not_cut_off_the_story_before_it()
    {
        // A text dump in which one long paragraph was pasted twice: the story keeps its lead, and the paragraph once.
        const string repeated = "The commission will publish its final count on Friday, after the postal votes from the three "
            + "northern districts have been checked against the register, a step the board said could take two more days.";
        string text = "date 2026-05-11 Harbour Party wins Lowmere council vote\n\n"
            + "LOWMERE (Tarn Wire) — The Harbour Party won control of Lowmere's council in Sunday's election, taking 31 of the 55 seats, according to the electoral board.\n\n"
            + "Turnout rose to 64 percent, the highest in two decades, as queues formed outside polling stations in the old town well before they opened.\n\n"
            + repeated + "\n\n"
            + repeated + "\n\n"
            + "Party leader Ines Valder told supporters that the new council would start work on the harbour bridge within a month.\n\n"
            + "The Civic League, which had run the council for twelve years, kept 17 seats and said it would lead the opposition.\n";
        var article = Parse(text);
        Assert.StartsWith("LOWMERE (Tarn Wire) — The Harbour Party won control", article.Body);
        Assert.Contains("Turnout rose to 64 percent", article.Body);
        Assert.Contains("kept 17 seats", article.Body);
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Matches(article.Body, "final count on Friday").Count);
    }

    [Fact]
    public void A_short_block_written_twice_is_still_chrome()
    {
        string text = "date 2026-05-11 Ferry fares to rise in June\n\n"
            + "Share this story on social media.\n\n"
            + "Ferry fares on the Tarn crossing will rise by 6 percent in June, the operator said on Monday, citing the cost of fuel and new crew rules.\n\n"
            + "Season tickets for island residents will keep their current price until the end of the year, the operator added.\n\n"
            + "Share this story on social media.\n";
        var article = Parse(text);
        Assert.DoesNotContain("Share this story", article.Body);
        Assert.Contains("Ferry fares on the Tarn crossing", article.Body);
    }
}

public sealed class TextDecoderTests
{
    [Fact]
    public void Byte_order_marks_are_honoured()
    {
        const string text = "Ærø ferry: 5 °C — “calm”";
        Assert.Equal(text, TextDecoder.Decode(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray(), "a").Text);
        Assert.Equal(text, TextDecoder.Decode(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray(), "a").Text);
        Assert.Equal(text, TextDecoder.Decode(Encoding.BigEndianUnicode.GetPreamble().Concat(Encoding.BigEndianUnicode.GetBytes(text)).ToArray(), "a").Text);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_but_decode_cleanly_as_windows_1252_are_read_as_that()
    {
        var d = TextDecoder.Decode(new byte[] { (byte)'c', (byte)'a', (byte)'f', 0xE9, (byte)' ', 0x93, (byte)'x', 0x94, (byte)' ', 0x80, (byte)'5' }, "menu.txt");
        Assert.Equal("café “x” €5", d.Text);
        Assert.StartsWith("windows-1252", d.EncodingName);
        Assert.Empty(d.Warnings);
    }

    [Fact]
    public void Invalid_utf8_in_text_that_is_mostly_utf8_is_replaced_with_a_warning()
    {
        // Two good UTF-8 characters (é, “) and one broken sequence: UTF-8 with one U+FFFD, not Windows-1252 mojibake.
        byte[] bytes = Encoding.UTF8.GetBytes("café “x” ").Concat(new byte[] { 0xE9, (byte)' ', (byte)'y' }).ToArray();
        var d = TextDecoder.Decode(bytes, "menu.txt");
        Assert.Equal("café “x” \uFFFD y", d.Text);
        Assert.Contains("menu.txt", Assert.Single(d.Warnings));
    }

    [Fact]
    public void Bytes_with_a_byte_windows_1252_leaves_undefined_stay_utf8_with_replacement()
    {
        var d = TextDecoder.Decode(new byte[] { (byte)'c', (byte)'a', (byte)'f', 0xE9, (byte)' ', 0x81 }, "menu.txt");
        Assert.Equal("caf\uFFFD \uFFFD", d.Text);
        Assert.Single(d.Warnings);
    }

    [Fact]
    public void Binary_content_is_refused()
    {
        var ex = Assert.Throws<InputProblemException>(() => TextDecoder.Decode(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0 }, "archive.zip"));
        Assert.Equal(InputProblemKind.Binary, ex.Kind);
        Assert.Contains("archive.zip", ex.Message);
    }
}

public sealed class NewsDateParserTests
{
    [Theory]
    [InlineData("October 19, 2025 6:48 am.", "2025-10-19T06:48:00+00:00", true, false)]
    [InlineData("Oct. 19, 2025", "2025-10-19T00:00:00+00:00", false, false)]
    [InlineData("19 October 2025 14:05 BST", "2025-10-19T14:05:00+01:00", true, true)]
    [InlineData("2025-10-19T06:48:00-04:00", "2025-10-19T06:48:00-04:00", true, true)]
    [InlineData("Sun, 19 Oct 2025 10:48:00 +0000", "2025-10-19T10:48:00+00:00", true, true)]
    [InlineData("February 3, 2026 9:45 pm EST", "2026-02-03T21:45:00-05:00", true, true)]
    [InlineData("2026/03/14", "2026-03-14T00:00:00+00:00", false, false)]
    [InlineData("19 October 2025 20:50 (UTC+04:00)", "2025-10-19T20:50:00+04:00", true, true)]
    [InlineData("March 14, 2026 6:10 pm GMT-3", "2026-03-14T18:10:00-03:00", true, true)]
    [InlineData("14 March 2026, 09:15 UTC+0530", "2026-03-14T09:15:00+05:30", true, true)]
    public void Reads_the_stamps_news_carries(string text, string expected, bool hasTime, bool hasZone)
    {
        Assert.True(NewsDateParser.TryParse(text, out var d));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), d.Value);
        Assert.Equal(expected.Substring(19), d.Value.ToString("zzz"));
        Assert.Equal(hasTime, d.HasTime);
        Assert.Equal(hasZone, d.HasZone);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("February 30, 2026")]
    [InlineData("57m ago")]
    public void Refuses_what_is_not_a_date(string text) => Assert.False(NewsDateParser.TryParse(text, out _));

    [Theory]
    [InlineData("Friday, December 5, 2025", true)]
    [InlineData("19 October 2025 20:50 (UTC+04:00)", true)]
    [InlineData("Mon 19 Oct 2025 06.48 BST", true)]
    [InlineData("2025-10-19T08:00:00Z", true)]
    [InlineData("Oct. 19, 2025, 6:48 a.m. ET", true)]
    [InlineData("Storm closes ports on March 3, 2026", false)]
    [InlineData("Posted March 3, 2026", false)]
    [InlineData("NATIONAL", false)]
    public void Tells_a_bare_date_line_from_a_line_that_holds_a_date(string text, bool dateOnly) =>
        Assert.Equal(dateOnly, NewsDateParser.IsDateOnly(text));

    [Fact]
    public void A_date_s_precision_is_noted_and_read_back_from_its_source()
    {
        Assert.True(NewsDateParser.TryParse("2026-03-14", out var day));
        Assert.True(NewsDateParser.TryParse("March 14, 2026 6:10 pm", out var local));
        Assert.True(NewsDateParser.TryParse("March 14, 2026 6:10 pm EST", out var exact));
        Assert.Equal(DatePrecision.Date, DatePrecisions.Of("file header line" + day.Note));
        Assert.Equal(DatePrecision.TimeWithoutZone, DatePrecisions.Of("'Posted' stamp" + local.Note));
        Assert.Equal(DatePrecision.Time, DatePrecisions.Of("'Posted' stamp" + exact.Note));
    }
}

public sealed class LanguageDetectorTests
{
    [Theory]
    [InlineData("The council said on Monday that the bridge would reopen after repairs to the deck were finished.", "en")]
    [InlineData("Le conseil a annoncé lundi que le pont serait rouvert après la fin des travaux sur le tablier.", "fr")]
    [InlineData("Der Rat teilte am Montag mit, dass die Brücke nach dem Ende der Arbeiten wieder geöffnet wird.", "de")]
    [InlineData("El consejo dijo el lunes que el puente se reabrirá cuando terminen las obras en la calzada.", "es")]
    [InlineData("합동참모본부는 일요일 북한 군인이 군사분계선을 넘어 귀순했다고 밝혔다.", "ko")]
    [InlineData("Совет заявил в понедельник, что мост откроется после ремонта настила.", "ru")]
    public void Tells_common_news_languages(string text, string code) => Assert.Equal(code, LanguageDetector.Detect(text));

    [Fact]
    public void Too_little_text_is_unknown() => Assert.Null(LanguageDetector.Detect("OK 42"));

    [Fact]
    public void Two_short_english_sentences_are_not_taken_for_another_language() =>
        Assert.NotEqual("pt", LanguageDetector.Detect("Short text without a date. Another sentence here."));
}
