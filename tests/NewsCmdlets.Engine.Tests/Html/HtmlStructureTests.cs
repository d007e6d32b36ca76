using NewsCmdlets.Engine.Ingest.Html;
using NewsCmdlets.Engine.Model;
using static NewsCmdlets.Engine.Tests.Html.HtmlFixtures;

namespace NewsCmdlets.Engine.Tests.Html;

/// <summary>
/// Extraction decisions that follow from a page's structure, not from its site: repeated teaser units, story wrappers
/// whose class carries a chrome word, lines of one paragraph, text the page marks as the article. Invented pages.
/// </summary>
public class HtmlStructureTests
{
    private static readonly DateTimeOffset Now = new(2024, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static HtmlExtractionResult Extract(string html) => HtmlArticleExtractor.Extract(html, new HtmlArticleOptions { Now = Now });

    private static NewsArticle Article(string html)
    {
        var r = Extract(html);
        Assert.True(r.IsArticle, r.NotArticleReason);
        return r.Article!;
    }

    private static string Paragraphs(params string[] ps) => string.Concat(ps.Select(p => $"<p>{p}</p>"));

    private static string Wrap(string body, string title = "Ferry strike strands Westmere commuters") =>
        $"<!DOCTYPE html><html lang=\"en\"><head><title>{title}</title></head><body>{body}</body></html>";

    [Fact]
    public void AnArticleElementWhoseClassHasAChromeWordStillHoldsTheStory()
    {
        // "gallery" reads as chrome, but the element is the page's <article> and holds nearly all its prose.
        string html = Wrap("<h1>Ferry strike strands Westmere commuters</h1>" +
                           "<div class=\"excerpt\"><p>Commuters were stranded on Tuesday when ferry crews in Westmere walked out over rosters.</p></div>" +
                           $"<article class=\"post-article js-post-gallery\">{Paragraphs(Story)}</article>");
        var a = Article(html);
        Assert.Equal(Story, a.Paragraphs.ToArray());
    }

    [Fact]
    public void SectionsMarkedByTheSameChromeWordThatHoldTheStoryAreKept()
    {
        // Each section's id carries "toc" (a table-of-contents anchor); together they are the article.
        var sb = new System.Text.StringBuilder("<h1>Ferry strike strands Westmere commuters</h1><div class=\"layout\">");
        for (int i = 0; i < Story.Length; i++)
            sb.Append($"<div class=\"x{i}\"><h2>Part {i + 1}</h2><div class=\"section-body\" id=\"toc-section-{i}\"><p>{Story[i]}</p></div></div>");
        sb.Append("</div><div class=\"box\"><p>Readers can send their own photos of the harbour to the newsroom by email.</p></div>");
        var a = Article(Wrap(sb.ToString()));
        foreach (var p in Story) Assert.Contains(p, a.Paragraphs);
    }

    [Fact]
    public void FirmChromeIsNotLiftedByItsShareOfTheProse()
    {
        // Comments hold most of the prose, but comments are never the story's wrapper.
        var sb = new System.Text.StringBuilder("<h1>Ferry strike strands Westmere commuters</h1><article><p>")
            .Append(P1).Append("</p><p>").Append(P2).Append("</p></article><section>");
        for (int i = 0; i < 6; i++)
            sb.Append($"<div class=\"comment\"><p>Reader {i} wrote that the ferry crews deserve better rosters and that the council should have stepped in much earlier.</p></div>");
        sb.Append("</section>");
        var a = Article(Wrap(sb.ToString()));
        Assert.Equal(new[] { P1, P2 }, a.Paragraphs.ToArray());
    }

    [Fact]
    public void RepeatedTeaserUnitsAreChromeEvenInsideTheArticle()
    {
        var sb = new System.Text.StringBuilder("<article><h1>Ferry strike strands Westmere commuters</h1>").Append(Paragraphs(Story)).Append("<div class=\"grid\">");
        for (int i = 0; i < 4; i++)
            sb.Append($"<div class=\"card\"><h3><a href=\"/story/{i}\">Carrow council story number {i} in the news</a></h3>" +
                      $"<p>The council in Carrow published its report number {i} on the state of the island roads this week.</p><span>{i + 2} hours ago</span></div>");
        sb.Append("</div></article>");
        var r = Extract(Wrap(sb.ToString()));
        Assert.True(r.IsArticle, r.NotArticleReason);
        Assert.Equal(Story, r.Article!.Paragraphs.ToArray());
        Assert.Contains("state of the island roads", r.Article.Removed.ToString());
        Assert.Contains(r.Decisions, d => d.Contains("is a teaser list"));
    }

    [Fact]
    public void AnIndexOfTeasersIsStillNotAnArticle()
    {
        var sb = new System.Text.StringBuilder("<main>");
        for (int i = 0; i < 10; i++)
            sb.Append($"<div class=\"card\"><h3><a href=\"/story/{i}\">Carrow council story number {i} in the news</a></h3>" +
                      $"<p>The council in Carrow published its report number {i} on the state of the island roads this week.</p></div>");
        var r = Extract(Wrap(sb.Append("</main>").ToString(), "Latest news"));
        Assert.False(r.IsArticle);
        Assert.StartsWith("home or index page", r.NotArticleReason);
    }

    [Fact]
    public void LinesOfOneParagraphAreJudgedTogether()
    {
        // A race calendar written as <br> lines in one paragraph is the page's text, not the moderation notice beside it.
        string[] lines =
        {
            "Saturday 4 May: Westmere harbour 10 km", "Sunday 12 May: Carrow Island relay", "Saturday 25 May: Port Ellis night run",
            "Sunday 9 June: Westmere half marathon", "Saturday 22 June: quay mile for children", "Sunday 7 July: coastal trail 21 km",
        };
        string html = Wrap("<h1>Running calendar for the Westmere season</h1><div class=\"entry\"><p>" + string.Join("<br>\n", lines) + "</p></div>" +
                           "<div class=\"notice\"><p>Comments are checked by a moderator before they appear on this page.</p></div>",
                           "Running calendar for the Westmere season");
        var a = Article(html);
        Assert.Equal(lines, a.Paragraphs.Take(lines.Length).ToArray());
    }

    [Fact]
    public void AnAuthorBoxAfterTheStoryIsSetAside()
    {
        string bio = "Mereana Tait is the Courier's harbour reporter. She has covered the Westmere waterfront, its ferries and its fishing fleet for twelve years and lives on Carrow Island with two cats.";
        var a = Article(Page(storyExtra: $"<div class=\"post-author\"><p>{bio}</p></div>"));
        Assert.DoesNotContain(bio, a.Body);
        Assert.Contains(bio, a.Removed.ToString());
        Assert.Contains(P4, a.Paragraphs);
    }

    [Fact]
    public void ACopyrightLineInsideTheArticleIsSetAside()
    {
        string notice = "© 2024 The Harbour Courier. Reproduction only with the written permission of the publisher.";
        var a = Article(Page(storyExtra: $"<p>{notice}</p>"));
        Assert.DoesNotContain(notice, a.Body);
        Assert.Equal(Story, a.Paragraphs.ToArray());
    }

    [Fact]
    public void ALabelThatIntroducedRemovedLinksGoesWithThem()
    {
        string extra = "<p>More on the strike from our harbour reporters:</p><ul>" +
                       "<li><a href=\"/a\">Ferry union sets out its demands</a></li><li><a href=\"/b\">Water taxis add sailings</a></li>" +
                       "<li><a href=\"/c\">Quay traders count the cost</a></li></ul>";
        var a = Article(Page(storyExtra: extra));
        Assert.Equal(Story, a.Paragraphs.ToArray());
        Assert.Contains("More on the strike", a.Removed.ToString());
    }

    [Fact]
    public void AnH1AfterTheStoryBeganIsASubheading()
    {
        var a = Article(Page(storyExtra: "<h1>What happens next</h1>"));
        Assert.Equal("Ferry strike strands Westmere commuters", a.Title);
        Assert.Equal(new[] { P1, P2, P3, "What happens next", P4, P5 }, a.Paragraphs.ToArray());
    }

    [Fact]
    public void AShortOpeningLineOfTheAuthorsOwnParagraphStays()
    {
        string html = Wrap("<article><h1>Ferry strike strands Westmere commuters</h1><div class=\"entry\"><p>A harbour without its ferries</p>" +
                           Paragraphs(Story) + "</div></article>");
        var a = Article(html);
        Assert.Equal(new[] { "A harbour without its ferries" }.Concat(Story).ToArray(), a.Paragraphs.ToArray());
    }

    [Fact]
    public void AHeadingsAnchorIdIsNotItsRole()
    {
        var a = Article(Page(storyExtra: "<h2 id=\"nav_what_happens_next\">What happens next</h2>"));
        Assert.Equal(new[] { P1, P2, P3, "What happens next", P4, P5 }, a.Paragraphs.ToArray());
    }

    [Fact]
    public void TextInsideAPaywallWrapperIsTheStory()
    {
        // The page holds the whole text; the wrapper only tells scripts what to hide from non-subscribers.
        string html = Wrap($"<article><h1>Ferry strike strands Westmere commuters</h1>{Paragraphs(P1, P2, P3)}" +
                           $"<div class=\"paywall premium-content\">{Paragraphs(P4, P5)}</div></article>");
        Assert.Equal(Story, Article(html).Paragraphs.ToArray());
    }

    [Fact]
    public void LinkedHeadlinesOfChromeBesideAStoryDoNotMakeItAnIndexPage()
    {
        var sb = new System.Text.StringBuilder("<div class=\"content\"><h1>Ferry strike strands Westmere commuters</h1>").Append(Paragraphs(P1, P2));
        for (int i = 0; i < 8; i++)
            sb.Append($"<div class=\"c-teaser\"><h3><a href=\"/story/{i}\">Carrow council story number {i}</a></h3></div>");
        var r = Extract(Wrap(sb.Append("</div>").ToString()));
        Assert.True(r.IsArticle, r.NotArticleReason);
        Assert.Equal(new[] { P1, P2 }, r.Article!.Paragraphs.ToArray());
    }

    [Fact]
    public void AStoryShownOnlyWithoutScriptsIsReadFromNoscript()
    {
        string html = Wrap($"<div id=\"app\"></div><noscript><article><h1>Ferry strike strands Westmere commuters</h1>{Paragraphs(Story)}</article></noscript>" +
                           "<noscript><img src=\"/pixel.gif\"></noscript>");
        var r = Extract(html);
        Assert.True(r.IsArticle, r.NotArticleReason);
        Assert.Equal(Story, r.Article!.Paragraphs.ToArray());
        Assert.Contains(r.Decisions, d => d.StartsWith("no story outside <noscript>"));
    }

    [Fact]
    public void NoscriptTextBesideAStoryIsNotRead()
    {
        string html = Wrap($"<article><h1>Ferry strike strands Westmere commuters</h1>{Paragraphs(Story)}</article>" +
                           "<noscript><p>Please turn on JavaScript in your browser settings to see the comments below this story.</p></noscript>");
        Assert.Equal(Story, Article(html).Paragraphs.ToArray());
    }

    [Fact]
    public void AStyleOptionInAClassIsNotARole()
    {
        // "header-content-align-left" states how the card is laid out; the recipe's steps are the page's text.
        string steps = "<ol><li>Warm the oil in a wide pan and fry the sliced onions until they turn golden and soft.</li>" +
                       "<li>Add the rice noodles with two spoons of soy sauce and toss everything over a high heat.</li>" +
                       "<li>Serve at once with chopped spring onions and a wedge of lime on the side of each plate.</li></ol>";
        string html = Wrap($"<article><h1>Westmere harbour noodles</h1><div class=\"entry-content\"><p>{P1}</p>" +
                           $"<div class=\"recipe-card header-content-align-left\"><h2>Method</h2>{steps}</div></div></article>", "Westmere harbour noodles");
        var a = Article(html);
        Assert.Contains("Add the rice noodles with two spoons of soy sauce and toss everything over a high heat.", a.Paragraphs);
    }

    [Fact]
    public void ALongCopyrightNoticeIsSetAside()
    {
        string notice = "© 2024 The Harbour Courier. This story is the property of the Harbour Courier and its writers. " +
                        "Written permission of the publisher must be obtained before it is reprinted in print or online media of any kind, in whole or in part.";
        var a = Article(Page(storyExtra: $"<p>{notice}</p>"));
        Assert.Equal(Story, a.Paragraphs.ToArray());
    }

    [Fact]
    public void AFramesetPageSaysWhereTheStoryIs()
    {
        string html = "<html><head><title>The Harbour Courier</title></head><frameset cols=\"20%,80%\"><frame src=\"menu.html\"><frame src=\"story.html\">" +
                      "<noframes><body><p>Your browser does not show frames.</p></body></noframes></frameset></html>";
        var r = Extract(html);
        Assert.False(r.IsArticle);
        Assert.StartsWith("frameset page", r.NotArticleReason);
        Assert.Contains("Save Frame As", r.NotArticleAdvice);
    }

    [Fact]
    public void TextIsComposedAsReadersSeeIt()
    {
        // "e" + combining acute, as some editors save it: the body and title hold the composed letter.
        string decomposed = "Cafe\u0301 owners on the quay said the strike had emptied their terraces by nine o'clock on Tuesday morning.";
        string html = Wrap($"<article><h1>Cafe\u0301 owners count the cost</h1><p>{decomposed}</p>{Paragraphs(P1, P2, P3)}</article>", "Cafe\u0301 owners count the cost");
        var a = Article(html);
        Assert.Equal("Caf\u00e9 owners count the cost", a.Title);
        Assert.StartsWith("Caf\u00e9 owners on the quay", a.Body);
    }

    [Fact]
    public void AStoryOfAFewShortLinesIsTheMarkedStoryNotTheNoticeBesideIt()
    {
        string[] lines = { "Low tide at Westmere this morning.", "The ferries waited on the mud.", "Nobody minded much." };
        string html = Wrap("<div class=\"post hentry\"><h2>Low tide</h2><div class=\"entry-content\">" + Paragraphs(lines) + "</div></div>" +
                           "<div class=\"cookie-banner\"><p>This site stores small files on your device so that it can remember your choices between visits.</p></div>",
                           "Low tide");
        var r = Extract(html);
        Assert.True(r.IsArticle, r.NotArticleReason);
        Assert.Equal(lines, r.Article!.Paragraphs.ToArray());
    }

    [Fact]
    public void AForumThreadsPostsAreItsText()
    {
        // Every post, the first one too, is marked as a comment: inside <main> they are the page's text.
        string[] posts =
        {
            "Has anyone else lost the timetable app since the update? It opens and closes again straight away on my phone.",
            "Same here since Tuesday. Deleting it and installing it again brought the harbour map back but not the timetable.",
            "The operator says a fix is coming on Friday. Until then the printed timetable at the quay kiosk is up to date.",
        };
        var sb = new System.Text.StringBuilder("<nav><a href=\"/\">Forum</a> <a href=\"/apps\">Apps</a></nav><main><h1>Timetable app closes at once</h1>");
        foreach (var p in posts) sb.Append($"<div class=\"forum-comment\"><span class=\"user\">reader</span><div class=\"comment-text\"><p>{p}</p></div></div>");
        var a = Article(Wrap(sb.Append("</main>").ToString(), "Timetable app closes at once"));
        Assert.Equal(posts, a.Paragraphs.Where(p => p != "reader").ToArray());
    }

    [Fact]
    public void AStoryWithALongCommentThreadKeepsOnlyTheStory()
    {
        var sb = new System.Text.StringBuilder("<main><article><h1>Ferry strike strands Westmere commuters</h1>").Append(Paragraphs(P1, P2)).Append("</article><section class=\"comments\">");
        for (int i = 0; i < 30; i++)
            sb.Append($"<div class=\"comment\"><p>Reader {i} wrote that the ferry crews deserve better rosters and that the council should have stepped in much earlier than it did.</p></div>");
        var a = Article(Wrap(sb.Append("</section></main>").ToString()));
        Assert.Equal(new[] { P1, P2 }, a.Paragraphs.ToArray());
    }

    [Fact]
    public void AVideoPageWhoseOnlyTextIsTheVideosCaptionKeepsIt()
    {
        string description = "Ferry crews in Westmere walked off the job on Tuesday morning. Hundreds of commuters were stranded on the wrong " +
                             "side of the harbour, and talks over rosters are to resume on Thursday at the council chambers.";
        string html = Wrap("<main><h1>Ferry strike strands Westmere commuters</h1><figure class=\"video\"><video src=\"/v.mp4\"></video>" +
                           $"<figcaption><p>{description}</p><span>2 min</span></figcaption></figure></main>");
        var a = Article(html);
        Assert.Equal(new[] { description }, a.Paragraphs.ToArray());
    }

    [Fact]
    public void AGeneratedIdsLettersAreNotWords()
    {
        // "…-40ad-…" is part of a generated id, not an advertisement.
        var a = Article(Wrap($"<div id=\"post-76e426d9-56de-40ad-9504-18d5101013d2\"><h1>Ferry strike strands Westmere commuters</h1>{Paragraphs(Story)}</div>" +
                             "<div class=\"box\"><p>Readers can send their own photos of the harbour to the newsroom by email.</p></div>"));
        Assert.Equal(Story, a.Paragraphs.Take(Story.Length).ToArray());
    }

    [Fact]
    public void AShortLastLineClosedByGermanOrFrenchQuotesIsASentence()
    {
        // „…“ and »…« close a sentence as "…" does: the story's last line of dialogue is not a stray label.
        foreach (var line in new[] { "– „Gut.“", "– »Bis morgen.«", "– « Bon. »" })
        {
            var a = Article(Wrap($"<article><h1>Ferry strike strands Westmere commuters</h1>{Paragraphs(Story)}<p>{line}</p></article>"));
            Assert.Equal(Story.Append(line).ToArray(), a.Paragraphs.ToArray());
        }
    }

    [Fact]
    public void TheOpeningParagraphInTheHeadlinesHeaderIsTheStorysFirstParagraph()
    {
        const string opening = "Hundreds of commuters in Westmere spent Tuesday morning on the wrong side of the harbour after ferry crews " +
                               "walked out over rosters, and the council says it cannot promise that the boats will run again this week.";
        const string dek = "Commuters stranded as talks over rosters collapse.";
        string html = Wrap("<article><header class=\"entry-header\"><h1>Ferry strike strands Westmere commuters</h1>" +
                           $"<p class=\"byline\">By Mereana Tait</p><p>{opening}</p></header>" +
                           $"<div class=\"entry-content\">{Paragraphs(Story)}</div></article>");
        var a = Article(html);
        Assert.Equal(new[] { opening }.Concat(Story).ToArray(), a.Paragraphs.ToArray());

        // A one-line summary there is the standfirst, not the story's text.
        var b = Article(html.Replace(opening, dek));
        Assert.Equal(Story, b.Paragraphs.ToArray());
    }

    [Fact]
    public void AStandfirstClassedOpeningParagraphAboveTheStoryIsItsFirstParagraph()
    {
        const string opening = "Hundreds of commuters in Westmere spent Tuesday morning on the wrong side of the harbour after ferry crews " +
                               "walked out over rosters, and the council says it cannot promise that the boats will run again this week.";
        // In the headline's header, marked as the standfirst: a paragraph of prose that long is the story's opening.
        var a = Article(Wrap("<article><header class=\"entry-header\"><h1>Ferry strike strands Westmere commuters</h1>" +
                             $"<p class=\"byline\">By Mereana Tait</p><p class=\"standfirst\">{opening}</p></header>" +
                             $"<div class=\"entry-content\">{Paragraphs(Story)}</div></article>"));
        Assert.Equal(new[] { opening }.Concat(Story).ToArray(), a.Paragraphs.ToArray());

        // Outside any header, between the headline and the story, beside a column of links the story's wrapper leaves out.
        var links = string.Concat(Enumerable.Range(1, 12).Select(i => $"<div class=\"x\"><a href=\"/n{i}\">Harbour notice number {i} for this week</a></div>"));
        var b = Article(Wrap("<div class=\"page\"><h1>Ferry strike strands Westmere commuters</h1>" +
                             $"<div class=\"summary\"><p>{opening}</p></div>{links}" +
                             $"<div class=\"entry-content\">{Paragraphs(Story)}</div></div>"));
        Assert.Equal(new[] { opening }.Concat(Story).ToArray(), b.Paragraphs.ToArray());
    }

    [Fact]
    public void AParagraphThatIsAWrittenOutWebAddressStays()
    {
        // The author gives the petition's address as text; a linked line of words ("Read more") still goes.
        const string address = "https://www.westmere-harbour.example/petitions/ferry-rosters-2024";
        var a = Article(Wrap("<h1>Ferry strike strands Westmere commuters</h1><article>" +
                             $"{Paragraphs(P1, P2)}<p><a href=\"{address}\">{address}</a></p>{Paragraphs(P3, P4)}" +
                             $"<p><a href=\"/more\">More ferry news from the harbour</a></p>{Paragraphs(P5)}</article>"));
        Assert.Equal(new[] { P1, P2, address, P3, P4, P5 }, a.Paragraphs.ToArray());
    }

    [Fact]
    public void ACookieOrConsentNoticeIsNotTheStory()
    {
        const string cookies = "This website uses cookies to make your visit easier. By using the site you agree that we store cookies on your device.";
        const string consent = "We respect your privacy and only connect to the video service once you give your consent to load its player here.";
        // Inside the story's element, between its paragraphs, a notice written as prose goes.
        var a = Article(Wrap("<h1>Ferry strike strands Westmere commuters</h1><article>" +
                             $"{Paragraphs(P1, P2)}<div><p>{consent}</p></div>{Paragraphs(P3, P4, P5)}</article>" +
                             $"<div><p>{cookies}</p></div>"));
        Assert.Equal(new[] { P1, P2, P3, P4, P5 }, a.Paragraphs.ToArray());

        // A page whose story is a few short lines: the notice, the only paragraph of prose on it, is not taken for the story.
        const string line1 = "Harbour ferries to Westmere during the strike", line2 = "Tuesday: no sailings from either quay",
                     line3 = "Wednesday: first boat at seven from the north quay", line4 = "Thursday: the usual timetable if talks succeed",
                     line5 = "Friday: extra evening sailings for weekend travellers", line6 = "Saturday and Sunday: buses replace the last two boats";
        var b = Article(Wrap($"<div><p>{cookies}</p></div><article><h1>Ferry timetable for the strike week</h1>" +
                             $"<p>{line1}<br>{line2}<br>{line3}<br>{line4}<br>{line5}<br>{line6}</p></article>", "Ferry timetable for the strike week"));
        Assert.DoesNotContain("cookies", b.Body);
        Assert.Contains(line2, b.Body);

        // A story that speaks of cookies without asking the reader to agree keeps its paragraph.
        const string bakery = "The Westmere bakery handed out free cookies to the stranded commuters while they waited on the quay for news.";
        var c = Article(Wrap($"<h1>Ferry strike strands Westmere commuters</h1><article>{Paragraphs(P1, bakery, P2, P3)}</article>"));
        Assert.Contains(bakery, c.Paragraphs);
    }

    [Fact]
    public void AFactLineAboveTheStoryStaysWhileAStampLineGoes()
    {
        // A recipe's or a product's facts written as short paragraphs above the text are the page's text; a date
        // or time stamp in the same place is not.
        const string facts = "Baking time: 25 minutes (+ 10 minutes to cool)", stamp = "Posted 12.05.2024, 14:30";
        var a = Article(Wrap("<h1>Ferry strike strands Westmere commuters</h1><article>" +
                             $"<p>{stamp}</p><p>{facts}</p>{Paragraphs(Story)}</article>"));
        Assert.Contains(facts, a.Paragraphs);
        Assert.DoesNotContain(stamp, a.Body);
    }

    [Theory]
    [InlineData("Posted 12.05.2024", true)]
    [InlineData("Updated 14:30", true)]
    [InlineData("3/4/21 by the desk", true)]
    [InlineData("Saturday, June 1, 2024", true)]
    [InlineData("am 12.05. im Hafen", true)]
    [InlineData("Delivery time: 15 - 21 days", false)]
    [InlineData("Serves 4, preparation 25 minutes", false)]
    [InlineData("Score 3.5 out of 5", false)]
    public void DatesAndTimesAreToldFromOtherNumbers(string line, bool expected) =>
        Assert.Equal(expected, HtmlContent.HasDateOrTime(line));

    [Fact]
    public void ACopyrightNoticeWithoutTheSignIsNotTheStory()
    {
        const string notice = "Copyright 2024 Harbour Courier Media. All rights reserved. This story may not be republished without permission.";
        const string polish = "Materiał chroniony prawem autorskim - wszelkie prawa zastrzeżone. Dalsze rozpowszechnianie tylko za zgodą wydawcy.";
        // A sentence of the story that speaks of reserved rights further on stays.
        const string about = "The ferry operator printed its timetable under a licence that differs from the usual all rights reserved notice.";
        var a = Article(Wrap("<h1>Ferry strike strands Westmere commuters</h1><article>" +
                             $"{Paragraphs(P1, P2, about, P3, P4, P5)}<p>{notice}</p><div><p>{polish}</p></div></article>"));
        Assert.Equal(new[] { P1, P2, about, P3, P4, P5 }, a.Paragraphs.ToArray());
    }

    [Theory]
    [InlineData("The old tram shed is now a studio for twelve potters. #makers #harbourlife", true)]
    [InlineData("We painted the stairs green last spring and never looked back! \U0001F33F #stairs", true)]
    [InlineData("Morning light over the slipway. \u2600\uFE0F", true)]
    [InlineData("Our favourite corner of the loft #reading #loft", false)]
    [InlineData("#tbt #harbour #summer", false)]
    [InlineData("The ferry timetable for the winter season", false)]
    public void ASentenceFollowedByHashtagsOrEmojiEndsLikeASentence(string line, bool expected) =>
        Assert.Equal(expected, HtmlContent.EndsLikeSentenceBeforeTags(line));

    [Fact]
    public void APhotoStoryWhoseLinesEndInHashtagsIsTheText()
    {
        // A home tour: each picture has one or two sentences of its owner's, followed by hashtags. They are the story,
        // not the one-line promotion for other tours below it.
        string[] lines =
        {
            "The workbench came from my grandfather's boatyard and still smells of tar. #workshop #heirloom",
            "Sixty seedlings live on the sill of the bay window. \U0001F331 #plants #windowsill",
            "We stripped the floorboards ourselves over three long weekends. #diy #floors #oldhouse",
            "The blue cabinet holds every jar of jam we ever made. #pantry #kitchen",
        };
        var sb = new System.Text.StringBuilder("<main><div class=\"tour\"><h1>A cottage full of salvage</h1>");
        foreach (var l in lines) sb.Append($"<div class=\"tour-item\"><div class=\"tour-text\">{l}</div><div class=\"likes\"><a href=\"#\">12</a></div></div>");
        sb.Append("</div><section><h2>More home tours</h2><p>How do our readers live? Click through the homes of the community.</p><a href=\"/tours\">All tours</a></section></main>");
        var a = Article(Wrap(sb.ToString(), "A cottage full of salvage"));
        foreach (var l in lines) Assert.Contains(l, a.Paragraphs);
    }

    [Fact]
    public void TheLeadInTheHeadlinesHeaderIsTakenPastALongStampLine()
    {
        // The header holds the headline, a stamp line of names and times (more than twelve words) and the opening
        // paragraph; the rest of the story is in another element.
        const string lead = "Commuters in Westmere faced a second day without ferries on Wednesday, as the crews' union said it would not return to the boats until the operator put a new roster in writing.";
        string html = Wrap("<main><header class=\"entry-header\"><h1>Ferry strike strands Westmere commuters</h1>" +
                           "<div class=\"entry-meta\">By Ana Lind and Tomas Urrutia for the weekend desk 13.12.2023 - 08:13, updated 13.12.2023 - 09:40</div>" +
                           $"<div class=\"lead\"><p>{lead}</p></div></header>" +
                           $"<div class=\"entry-content\">{Paragraphs(Story)}</div></main>");
        var a = Article(html);
        Assert.Equal(new[] { lead }.Concat(Story).ToArray(), a.Paragraphs.ToArray());
    }

    [Fact]
    public void ThePreviewOfTheNextPostIsNotTheStory()
    {
        const string preview = "The Westmere rowing club opened its new boathouse on Saturday, and more than two hundred people came down to the river to watch the first crews launch from the slipway in the rain.";
        string html = Wrap("<div class=\"wrap\"><h1>Ferry strike strands Westmere commuters</h1>" + Paragraphs(Story) +
                           $"<div class=\"next-story\"><h2><a href=\"/rowing-club-boathouse\">Rowing club opens its boathouse</a></h2><p>{preview}</p></div></div>");
        var a = Article(html);
        Assert.Equal(Story, a.Paragraphs.ToArray());
    }

    [Fact]
    public void TeaserUnitsInARowBesideTheStoryInOneElementAreChrome()
    {
        // The story's paragraphs and three teasers of other stories share one parent; each teaser opens with a
        // section label, then its linked headline, a lead and a stamp.
        string[] leads =
        {
            "Volunteers counted more seabirds on the northern cliffs this spring than in any year since the survey began.",
            "A bakery on the quay has started selling its day-old loaves to the harbour's fishing crews at half price.",
            "The council will decide next month whether the old customs house becomes a library or a hotel.",
        };
        var sb = new System.Text.StringBuilder("<div class=\"wrap\"><h1>Ferry strike strands Westmere commuters</h1>").Append(Paragraphs(Story));
        for (int i = 0; i < leads.Length; i++)
            sb.Append($"<div class=\"item\"><div><a href=\"/local\">Local</a></div><h3><a href=\"/story-{i}\">Another headline from the harbour desk number {i + 1}</a></h3>")
              .Append($"<p>{leads[i]}</p><p>By Ana Lind, Mar {i + 3}, 2024</p></div>");
        sb.Append("</div>");
        var a = Article(Wrap(sb.ToString()));
        Assert.Equal(Story, a.Paragraphs.ToArray());
    }

    [Fact]
    public void AFooterLineOfItemsWithTheCopyrightIsNotTheStory()
    {
        const string footer = "IMPRINT | PRIVACY | COPYRIGHT MIRA SOLVANG | A PROJECT OF THE HARBOUR WEB WORKSHOP";
        var a = Article(Wrap($"<h1>Ferry strike strands Westmere commuters</h1><div class=\"page\">{Paragraphs(Story)}<p>{footer}</p></div>"));
        Assert.Equal(Story, a.Paragraphs.ToArray());
    }

    [Fact]
    public void TextInAMoreInformationSectionOfTheArticleStays()
    {
        // "more" alone names no chrome: a section of further information in the article is its text.
        var a = Article(Wrap($"<h1>Ferry strike strands Westmere commuters</h1><article>{Paragraphs(P1, P2, P3)}" +
                             $"<div id=\"moreInformation\">{Paragraphs(P4, P5)}</div></article>"));
        Assert.Equal(Story, a.Paragraphs.ToArray());
    }

    [Fact]
    public void AHeaderInsideAListItemIsTheTitleOfThatItem()
    {
        // An accordion of questions: each <li> opens with a <header> that holds its question, which is the story's text.
        var a = Article(Wrap("<h1>Ferry strike strands Westmere commuters</h1><article>" + Paragraphs(P1, P2, P3) +
                             "<ul class=\"accordion\"><li><header><h3>Which crossings still run during the strike?</h3></header>" +
                             Paragraphs(P4) + "</li><li><header><h3>Will season tickets be refunded for the lost days?</h3></header>" +
                             Paragraphs(P5) + "</li></ul></article>"));
        Assert.Contains("Which crossings still run during the strike?", a.Body);
        Assert.Contains("Will season tickets be refunded for the lost days?", a.Body);
    }

    [Fact]
    public void LinkedHeadingsOfOneOrTwoWordsAreAMenuNotAnIndex()
    {
        // A page of prose with a menu whose items are set as linked headings ("Archive", "Contact us"): not an index page.
        var sb = new System.Text.StringBuilder("<h1>Ferry strike strands Westmere commuters</h1><div class=\"page\">").Append(Paragraphs(P1, P2));
        foreach (var item in new[] { "Archive", "Timetables", "Contact us", "Newsletter", "Harbour map", "Events" })
            sb.Append($"<h4><a href=\"/{item.Replace(' ', '-')}\">{item}</a></h4>");
        var a = Article(Wrap(sb.Append("</div>").ToString()));
        Assert.Equal(new[] { P1, P2 }, a.Paragraphs.ToArray());
    }

    [Fact]
    public void TheShortPitchBeforeASignUpButtonGoesWithTheButton()
    {
        // The pitch and its button are siblings with no box drawn around them; the button's class names a banner.
        const string pitch = "Join the Courier club and get our members' offers!";
        var a = Article(Wrap("<h1>Ferry strike strands Westmere commuters</h1><article>" + Paragraphs(P1, P2, P3) +
                             $"<p>{pitch}</p><p class=\"club-banner__button\"><a href=\"/join\">Join now</a></p>" +
                             Paragraphs(P4, P5) + "</article>"));
        Assert.Equal(Story, a.Paragraphs.ToArray());
        Assert.DoesNotContain("members' offers", a.Body);
    }

    [Fact]
    public void GermanClassWordsOfAdvertisingAndSubscriptionMarkChrome()
    {
        // "Abo" (subscription), "Werbung" and "Anzeige" (advertising) in class names name the same boxes as subscribe and ad.
        var a = Article(Wrap("<h1>Ferry strike strands Westmere commuters</h1><article>" + Paragraphs(P1, P2, P3) +
                             "<div class=\"abo-box\"><p>Read every story of the Courier for the price of one coffee a week, with the weekend edition delivered to your door.</p></div>" +
                             Paragraphs(P4) + "<div class=\"werbung\"><p>The new harbour spa opens this week with a discount for all early guests and their families.</p></div>" +
                             Paragraphs(P5) + "</article>"));
        Assert.Equal(Story, a.Paragraphs.ToArray());
    }

    [Theory]
    [InlineData("x Mira")]
    [InlineData("xo Tavi")]
    [InlineData("=)")]
    public void ABloggersSignOffAfterTheLastParagraphStays(string signOff)
    {
        var a = Article(Wrap($"<h1>Ferry strike strands Westmere commuters</h1><div class=\"entry\">{Paragraphs(P1, P2, P3, P4, P5)}<p>{signOff}</p></div>"));
        Assert.Equal(Story.Append(signOff).ToArray(), a.Paragraphs.ToArray());
    }

    [Theory]
    [InlineData("Subscribe today to read every Courier story on the harbour dispute.")]
    [InlineData("Unterstützen Sie unabhängigen Lokaljournalismus!")]
    [InlineData("Hazte miembro y recibe la edición del domingo en casa.")]
    public void APitchToTheReaderToSubscribeOrGiveIsNotTheStory(string pitch)
    {
        // A plain paragraph, with no box or class around it, asking the reader to subscribe, join or give.
        var a = Article(Wrap("<h1>Ferry strike strands Westmere commuters</h1><article>" + Paragraphs(P1, P2, P3, P4, P5, pitch) + "</article>"));
        Assert.Equal(Story, a.Paragraphs.ToArray());
    }

    [Fact]
    public void APromoBoxOfAHeadingAPitchAndALinkAfterTheStoryGoes()
    {
        // No class marks the box: a heading, one short line pitching the link, and the link, after the story's prose.
        var a = Article(Wrap("<h1>Ferry strike strands Westmere commuters</h1><main>" + Paragraphs(P1, P2, P3, P4, P5) +
                             "<section><h2>Discover more harbour walks</h2><p>Where do our readers walk on Sundays? Browse their favourite routes.</p>" +
                             "<a href=\"/walks\">More harbour walks</a></section></main>"));
        Assert.Equal(Story, a.Paragraphs.ToArray());
    }

    [Theory]
    [InlineData("About the author")]
    [InlineData("Über die Autorin:")]
    [InlineData("Sobre el autor")]
    public void AnAuthorBoxIntroducedByItsLabelAfterTheStoryGoes(string label)
    {
        // No class marks the box: a label and a short biography under the story.
        var a = Article(Wrap("<h1>Ferry strike strands Westmere commuters</h1><article>" + Paragraphs(P1, P2, P3, P4, P5) +
                             $"<h3>{label}</h3><p>Tomas Veld has covered the harbour and its ferries for the Courier since 2009.</p></article>"));
        Assert.Equal(Story, a.Paragraphs.ToArray());
    }

    [Theory]
    [InlineData("The Courier is not responsible for the opinions of its guest writers.")]
    [InlineData("(Alle Angaben ohne Gewähr)")]
    public void ADisclaimerIsNotTheStory(string disclaimer)
    {
        var a = Article(Wrap("<h1>Ferry strike strands Westmere commuters</h1><article>" + Paragraphs(P1, P2, P3, disclaimer, P4, P5) + "</article>"));
        Assert.Equal(Story, a.Paragraphs.ToArray());
    }

    [Theory]
    [InlineData("Read more")]
    [InlineData("Mehr zum Thema")]
    [InlineData("Lire aussi")]
    public void ALabelOfFurtherReadingInTheStoryIsNotItsText(string label)
    {
        // The label is set as a heading inside the story, before a paragraph that is the story's own.
        var a = Article(Wrap("<h1>Ferry strike strands Westmere commuters</h1><article>" + Paragraphs(P1, P2, P3) + $"<h3>{label}</h3>" + Paragraphs(P4, P5) + "</article>"));
        Assert.Equal(Story, a.Paragraphs.ToArray());
    }
}
