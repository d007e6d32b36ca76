using NewsCmdlets.Engine.Ingest.Html;
using NewsCmdlets.Engine.Model;
using static NewsCmdlets.Engine.Tests.Html.HtmlFixtures;

namespace NewsCmdlets.Engine.Tests.Html;

public class HtmlArticleExtractorTests
{
    private static readonly DateTimeOffset Now = new(2024, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static NewsArticle Article(string html, HtmlArticleOptions? options = null)
    {
        var r = HtmlArticleExtractor.Extract(html, options ?? new HtmlArticleOptions { Now = Now });
        Assert.True(r.IsArticle, r.NotArticleReason);
        Assert.NotNull(r.Article);
        return r.Article!;
    }

    [Fact]
    public void StoryParagraphsAreTheBodyOneALine()
    {
        var a = Article(Page());
        Assert.Equal(Story, a.Paragraphs.ToArray());
        Assert.Equal(string.Join("\n", Story), a.Body);
        Assert.Equal("Html", a.SourceKind);
        Assert.Equal("Ferry strike strands Westmere commuters", a.Title);
        Assert.Equal("en", a.Language);
        Assert.True(a.WordCount > 100);
    }

    [Fact]
    public void ChromeIsRemovedButKept()
    {
        var r = HtmlArticleExtractor.Extract(Page(), new HtmlArticleOptions { Now = Now });
        var a = r.Article!;
        foreach (var chrome in new[] { "Share on Facebook", "morning briefing", "Related stories", "harbour levy", "All rights reserved", "Business", "By Mereana Tait" })
            Assert.DoesNotContain(chrome, a.Body);
        string removed = a.Removed.ToString();
        Assert.Contains("Share on Facebook", removed);
        Assert.Contains("morning briefing", removed);
        Assert.Contains("harbour levy", removed);
        Assert.Contains(r.Decisions, d => d.StartsWith("story container:"));
        Assert.Contains(r.Decisions, d => d.StartsWith("removed <div class=\"share-tools\">"));
    }

    [Fact]
    public void SubheadingsListsAndQuotesStayCaptionsGoToCaptions()
    {
        string extra = """
            <figure><img src="/ferry.jpg" alt=""><figcaption>The Westmere ferry terminal on Tuesday. Photo: Courier staff</figcaption></figure>
            <h2>What the union wants</h2>
            <ul>
              <li>Fixed rosters published four weeks ahead.</li>
              <li>Overtime paid at the agreed rate.</li>
            </ul>
            <blockquote><p>We are not asking for anything that was not promised to us last spring.</p></blockquote>
            <p class="wp-caption-text">Crew members outside the depot.</p>
            """;
        var a = Article(Page(storyExtra: extra));
        Assert.Contains("What the union wants", a.Paragraphs);
        Assert.Contains("Fixed rosters published four weeks ahead.", a.Paragraphs);
        Assert.Contains("Overtime paid at the agreed rate.", a.Paragraphs);
        Assert.Contains("We are not asking for anything that was not promised to us last spring.", a.Paragraphs);
        Assert.Contains("The Westmere ferry terminal on Tuesday. Photo: Courier staff", a.Captions);
        Assert.Contains("Crew members outside the depot.", a.Captions);
        Assert.DoesNotContain("ferry terminal on Tuesday", a.Body);
        // Order is kept: the subheading comes after P3 and before P4.
        var list = a.Paragraphs.ToList();
        Assert.True(list.IndexOf(P3) < list.IndexOf("What the union wants"));
        Assert.True(list.IndexOf("What the union wants") < list.IndexOf(P4));
    }

    [Fact]
    public void JsonLdGraphGivesDatesAuthorsAndPublisherWithProvenance()
    {
        string ld = """
            <script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","@id":"https://courier.example/#site","name":"The Harbour Courier"},
              {"@type":"Person","@id":"https://courier.example/#mt","name":"Mereana Tait"},
              {"@type":["NewsArticle"],"headline":"Ferry strike strands Westmere commuters",
               "datePublished":"2024-03-05T08:30:00+13:00","dateModified":"2024-03-05T17:45:00+13:00",
               "author":[{"@id":"https://courier.example/#mt"},{"@type":"Person","name":"Tomas Varga"}],
               "publisher":{"@type":"NewsMediaOrganization","name":"The Harbour Courier"}}
            ]}
            </script>
            """;
        var a = Article(Page(head: ld, bylineHtml: ""));
        Assert.Equal(new DateTimeOffset(2024, 3, 5, 8, 30, 0, TimeSpan.FromHours(13)), a.Published);
        Assert.Equal(TimeSpan.FromHours(13), a.Published!.Value.Offset);
        Assert.Equal(new DateTimeOffset(2024, 3, 5, 17, 45, 0, TimeSpan.FromHours(13)), a.Updated);
        Assert.Equal(new[] { "Mereana Tait", "Tomas Varga" }, a.Authors.ToArray());
        Assert.Equal("JSON-LD datePublished", a.Sources["Published"]);
        Assert.Equal("JSON-LD dateModified", a.Sources["Updated"]);
        Assert.Equal("JSON-LD author", a.Sources["Authors"]);
        Assert.Equal("The Harbour Courier", a.Outlet);
        Assert.Equal("JSON-LD publisher", a.Sources["Outlet"]);
        Assert.Equal("Ferry strike strands Westmere commuters", a.Title);
    }

    [Fact]
    public void BrokenJsonLdIsTolerated()
    {
        string ld = "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Ferry\nstrike\",\"datePublished\":\"2024-03-05T08:30:00Z\",}</script>";
        var a = Article(Page(head: ld));
        Assert.Equal(new DateTimeOffset(2024, 3, 5, 8, 30, 0, TimeSpan.Zero), a.Published);
        string broken = "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":\"2024-03-06T09:00:00Z\" \"oops\" </script>";
        var b = Article(Page(head: broken));
        Assert.Equal(new DateTimeOffset(2024, 3, 6, 9, 0, 0, TimeSpan.Zero), b.Published);
    }

    [Fact]
    public void A_placeholder_date_in_the_metadata_is_no_date()
    {
        // Seen on a real page: a CMS writes "0001-01-01T00:00:00Z" when the story has no date; the next source is used.
        string head = """
            <script type="application/ld+json">{"@type":"NewsArticle","datePublished":"0001-01-01T00:00:00Z","dateModified":"0001-01-01T00:00:00Z"}</script>
            <meta property="article:published_time" content="2024-03-05T08:30:00+13:00">
            """;
        var a = Article(Page(head: head, bylineHtml: ""));
        Assert.Equal(new DateTimeOffset(2024, 3, 5, 8, 30, 0, TimeSpan.FromHours(13)), a.Published);
        Assert.Equal("OpenGraph article:published_time", a.Sources["Published"]);
        Assert.Null(a.Updated);
    }

    [Fact]
    public void OpenGraphAndMetaTagsAreTheFallback()
    {
        string head = """
            <meta property="og:title" content="Ferry strike strands Westmere commuters | The Harbour Courier">
            <meta property="og:site_name" content="The Harbour Courier">
            <meta property="og:type" content="article">
            <meta property="article:published_time" content="2024-03-05T08:30:00+13:00">
            <meta property="article:modified_time" content="2024-03-06T10:00:00+13:00">
            <meta property="article:author" content="https://courier.example/staff/mereana-tait">
            <meta name="author" content="By Mereana Tait | Email the author">
            <link rel="canonical" href="https://courier.example/news/ferry-strike">
            """;
        var a = Article(Page(head: head, bylineHtml: ""));
        Assert.Equal("Ferry strike strands Westmere commuters", a.Title);
        Assert.Equal("og:title (site name removed)", a.Sources["Title"]);
        Assert.Equal(new DateTimeOffset(2024, 3, 5, 8, 30, 0, TimeSpan.FromHours(13)), a.Published);
        Assert.Equal("OpenGraph article:published_time", a.Sources["Published"]);
        Assert.Equal(new DateTimeOffset(2024, 3, 6, 10, 0, 0, TimeSpan.FromHours(13)), a.Updated);
        Assert.Equal(new[] { "Mereana Tait" }, a.Authors.ToArray());
        Assert.Equal("The Harbour Courier", a.Outlet);
        Assert.Equal("og:site_name", a.Sources["Outlet"]);
        Assert.Equal("https://courier.example/news/ferry-strike", a.Source);
    }

    [Fact]
    public void CommonMetaTagsAndTimeElementAndVisibleByline()
    {
        string head = """<meta name="parsely-pub-date" content="2024-02-10T06:00:00-05:00"><meta name="sailthru.author" content="Ilse Brandvold">""";
        var a = Article(Page(head: head, bylineHtml: ""));
        Assert.Equal(new DateTimeOffset(2024, 2, 10, 6, 0, 0, TimeSpan.FromHours(-5)), a.Published);
        Assert.Equal("parsely-pub-date meta tag", a.Sources["Published"]);
        Assert.Equal(new[] { "Ilse Brandvold" }, a.Authors.ToArray());

        var b = Article(Page(bylineHtml: """<div class="byline">By <a rel="author" href="/staff/mt">MEREANA TAIT</a> and Tomas Varga, Senior Reporter <a href="https://x.example/@mtait">@mtait</a></div><time datetime="2024-01-20T09:15:00+13:00">20 January</time>"""));
        Assert.Equal(new DateTimeOffset(2024, 1, 20, 9, 15, 0, TimeSpan.FromHours(13)), b.Published);
        Assert.Equal("<time datetime>", b.Sources["Published"]);
        Assert.Contains("Mereana Tait", b.Authors);
        Assert.DoesNotContain(b.Authors, x => x.Contains('@') || x.Contains("Reporter"));
    }

    [Fact]
    public void DeskCreditsAreNotPeople()
    {
        var a = Article(Page(head: """<meta name="author" content="Editorial">""", bylineHtml: ""));
        Assert.Empty(a.Authors);
        var b = Article(Page(head: """<meta name="author" content="Mereana Tait. Harbour Courier Media">""", bylineHtml: ""));
        Assert.Equal(new[] { "Mereana Tait" }, b.Authors.ToArray());
    }

    [Fact]
    public void FutureDateIsRejectedWithAWarning()
    {
        string head = """<meta property="article:published_time" content="2031-03-05T08:30:00+13:00">""";
        var a = Article(Page(head: head));
        Assert.Null(a.Published);
        Assert.False(a.Sources.ContainsKey("Published"));
        Assert.Contains(a.Warnings, w => w.Contains("future"));
    }

    [Fact]
    public void WireCreditGoesToAgencyNotAuthors()
    {
        var a = Article(Page(bylineHtml: """<p class="byline">By Tomas Varga, Associated Press</p>"""));
        Assert.Equal("The Associated Press", a.Agency);
        Assert.Equal(new[] { "Tomas Varga" }, a.Authors.ToArray());

        string ld = """<script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Organization","name":"Reuters"},"datePublished":"2024-03-05T08:30:00Z"}</script>""";
        var b = Article(Page(head: ld, bylineHtml: ""));
        Assert.Equal("Reuters", b.Agency);
        Assert.Empty(b.Authors);
    }

    [Fact]
    public void DatelineWithAgencyInFirstParagraph()
    {
        string page = Page(bylineHtml: "").Replace("<p>" + P1, "<p>WESTMERE, March 5 (Reuters) - " + P1);
        var a = Article(page);
        Assert.Equal("Reuters", a.Agency);
        Assert.Equal("Westmere", a.Dateline);
    }

    [Fact]
    public void OutletParameterOnlyWhenThePageNamesNone()
    {
        var a = Article(Page(), new HtmlArticleOptions { Now = Now, Outlet = "Given Outlet" });
        Assert.Equal("Given Outlet", a.Outlet);
        Assert.Equal("-Outlet parameter", a.Sources["Outlet"]);
        var b = Article(Page(head: """<meta property="og:site_name" content="The Harbour Courier">"""), new HtmlArticleOptions { Now = Now, Outlet = "Given Outlet" });
        Assert.Equal("The Harbour Courier", b.Outlet);
    }

    [Fact]
    public void HomePageIsNotAnArticle()
    {
        var sb = new System.Text.StringBuilder("<!DOCTYPE html><html><head><title>The Harbour Courier – News from Westmere</title></head><body><nav>");
        for (int i = 0; i < 12; i++) sb.Append($"<a href=\"/section/{i}\">Section {i}</a> ");
        sb.Append("</nav><main>");
        for (int i = 0; i < 25; i++)
            sb.Append($"<div class=\"card\"><h3><a href=\"/story/{i}\">Westmere story number {i} makes the news</a></h3><span>{i}h ago</span></div>");
        sb.Append("</main></body></html>");
        var r = HtmlArticleExtractor.Extract(sb.ToString());
        Assert.False(r.IsArticle);
        Assert.Null(r.Article);
        Assert.StartsWith("home or index page", r.NotArticleReason);
    }

    [Fact]
    public void IndexPageWithTeaserSummariesIsNotAnArticle()
    {
        var sb = new System.Text.StringBuilder("<!DOCTYPE html><html><head><title>Latest news</title></head><body><main>");
        for (int i = 0; i < 12; i++)
            sb.Append($"<div class=\"item\"><h2><a href=\"/story/{i}\">Harbour story {i}</a></h2><p>A short summary of harbour story number {i}, which reports on events in Westmere this week.</p></div>");
        sb.Append("</main></body></html>");
        var r = HtmlArticleExtractor.Extract(sb.ToString());
        Assert.False(r.IsArticle);
        Assert.StartsWith("home or index page", r.NotArticleReason);
    }

    [Fact]
    public void ErrorPageIsNotAnArticle()
    {
        string html = "<html><head><title>Page not found | The Harbour Courier</title></head><body><h1>404 – Page not found</h1><p>Sorry, we could not find that page.</p><a href=\"/\">Home</a></body></html>";
        var r = HtmlArticleExtractor.Extract(html);
        Assert.False(r.IsArticle);
        Assert.StartsWith("error page", r.NotArticleReason);
    }

    [Fact]
    public void ShortStoryWhoseHeadlineHasAThousandsNumberIsNotAnErrorPage()
    {
        string html = "<html><head><title>4,500 fans see Westmere win the cup | The Harbour Courier</title></head><body><article>" +
                      "<h1>4,500 fans see Westmere win the cup</h1><p>About 4,500 fans watched Westmere beat Carrow 2-1 in the county cup final on Saturday, the club said, its first title since 1998.</p>" +
                      "<p>The winning goal came in the last minute of extra time, when the substitute striker headed in a corner from the left.</p>" +
                      "<p>The team will parade the trophy through the harbour on Sunday afternoon, the council said.</p></article></body></html>";
        var r = HtmlArticleExtractor.Extract(html);
        Assert.True(r.IsArticle, r.NotArticleReason);
        Assert.Equal("4,500 fans see Westmere win the cup", r.Article!.Title);
    }

    [Fact]
    public void PageWithoutAHeadlineIsNamedByItsFirstSentence()
    {
        string html = "<html><body><div><p>Unclosed <b>tags <div><p>The council met on Monday and agreed, after a long debate about the harbour wall, " +
                      "to spend more on flood defences next year, officials said. The vote was close.<p>More text follows about the harbour wall and the town's plans.";
        var r = HtmlArticleExtractor.Extract(html);
        Assert.True(r.IsArticle, r.NotArticleReason);
        Assert.StartsWith("The council met on Monday", r.Article!.Title);
        Assert.EndsWith("officials said.", r.Article.Title);
        Assert.Equal("first sentence of the story (the page has no headline)", r.Article.Sources["Title"]);
    }

    [Fact]
    public void AStoryInsideAnUnclosedHeadingIsTheStoryAndTheHeadlineStopsBeforeIt()
    {
        // The heading is never closed, so the parser nests the whole story in it.
        string html = "<html><body><article><h1>Ferry pay deal agreed<p>PORT ELLIS — Ferry crews accepted a pay offer on Tuesday after three weeks of talks, the union said. " +
                      "<div>Sailings resumed on Wednesday and the full timetable returns from Friday, the operator said. " +
                      "<span>\"It is a fair deal,\" said Ilse Marten, the union's regional officer.<p>The agreement runs for two years and covers 410 crew members.";
        var r = HtmlArticleExtractor.Extract(html);
        Assert.True(r.IsArticle, r.NotArticleReason);
        Assert.Equal("Ferry pay deal agreed", r.Article!.Title);
        Assert.StartsWith("PORT ELLIS — Ferry crews accepted", r.Article.Body);
        Assert.Contains("Ilse Marten", r.Article.Body);
        Assert.EndsWith("410 crew members.", r.Article.Body);
    }

    [Fact]
    public void EachKindOfPageWithoutAnArticleSaysWhatToDo()
    {
        var sb = new System.Text.StringBuilder("<html><head><title>Latest news</title></head><body><main>");
        for (int i = 0; i < 25; i++) sb.Append($"<div><h3><a href=\"/story/{i}\">Westmere story number {i} makes the news</a></h3></div>");
        var pages = new (string Html, string Advice)[]
        {
            (sb + "</main></body></html>", "story pages it links to"),
            ("<html><head><title>Page not found</title></head><body><h1>404 – Page not found</h1><p>Sorry.</p></body></html>", "check the address"),
            ("<html><head><title>Pay deal agreed</title></head><body><p>Ferry crews accepted a pay deal on Friday, the union said.</p></body></html>", "as plain text"),
            ("<html><head><script>var a = 1;</script></head><body><div id=\"root\"></div><script src=\"/app.js\"></script></body></html>", "from a browser"),
            ("<html><head><title>Unclosed", "Check the saved file"),
            ("   ", "Check the saved file"),
        };
        foreach (var (html, advice) in pages)
        {
            var r = HtmlArticleExtractor.Extract(html);
            Assert.False(r.IsArticle);
            Assert.Contains(advice, r.NotArticleAdvice);
        }
    }

    [Fact]
    public void ScriptOnlyPageIsNotAnArticle()
    {
        string html = "<!DOCTYPE html><html><head><script>window.__STATE__ = {\"a\": 1};</script></head><body><div id=\"root\"></div><script src=\"/app.js\"></script><script>render(document.getElementById('root'));</script></body></html>";
        var r = HtmlArticleExtractor.Extract(html);
        Assert.False(r.IsArticle);
        Assert.Contains("script", r.NotArticleReason);
    }

    [Fact]
    public void EmptyAndBinaryInputAreNotArticles()
    {
        Assert.Equal("no text: the page is empty", HtmlArticleExtractor.Extract("   ").NotArticleReason);
        string binary = new string(Enumerable.Range(0, 5000).Select(i => (char)(i % 7 == 0 ? 0 : 65 + i % 26)).ToArray());
        var r = HtmlArticleExtractor.Extract(binary);
        Assert.False(r.IsArticle);
        Assert.Contains("binary", r.NotArticleReason);
    }

    [Fact]
    public void MalformedHtmlStillYieldsTheStory()
    {
        string html = "<html><body><div class=story><p>" + P1 + "<p>" + P2 + "<p><b>" + P3 + "</i></div></span><p>" + P4 + "<div><p>" + P5;
        var a = Article(html);
        Assert.Contains(P1, a.Paragraphs);
        Assert.Contains(P5, a.Paragraphs);
    }

    [Fact]
    public void HundredThousandNestedElementsDoNotOverflowOrHang()
    {
        var sb = new System.Text.StringBuilder("<html><body>");
        for (int i = 0; i < 100_000; i++) sb.Append("<div>");
        foreach (var p in Story) sb.Append("<p>").Append(p).Append("</p>");
        for (int i = 0; i < 100_000; i++) sb.Append("</div>");
        sb.Append("</body></html>");
        var r = WithinHangGuard(() => HtmlArticleExtractor.Extract(sb.ToString(), new HtmlArticleOptions { Now = Now }));
        Assert.True(r.IsArticle, r.NotArticleReason);
        Assert.Contains(P3, r.Article!.Paragraphs);
        Assert.Contains(r.Article.Warnings, w => w.Contains("nests elements"));
    }

    [Fact]
    public void DeeplyNestedInlineElementsToo()
    {
        var sb = new System.Text.StringBuilder("<html><body><p>");
        for (int i = 0; i < 100_000; i++) sb.Append(i % 2 == 0 ? "<b>" : "<span>");
        sb.Append(P1).Append("</p></body></html>");
        var r = HtmlArticleExtractor.Extract(sb.ToString(), new HtmlArticleOptions { Now = Now });
        Assert.NotNull(r.Decisions);
    }

    [Fact]
    public void LargePageIsReadWithinBounds()
    {
        // About 50 MB: the story, then a huge run of link boxes and an inline script blob.
        var sb = new System.Text.StringBuilder(52 * 1024 * 1024);
        sb.Append("<!DOCTYPE html><html><head><title>Ferry strike</title><script>var blob=\"");
        sb.Append('x', 20 * 1024 * 1024);
        sb.Append("\";</script></head><body><article>");
        foreach (var p in Story) sb.Append("<p>").Append(p).Append("</p>");
        sb.Append("</article><div class=\"promo\">");
        string box = "<a href=\"/more\">More from the Harbour Courier</a> ";
        while (sb.Length < 50 * 1024 * 1024) sb.Append(box);
        sb.Append("</div></body></html>");
        var r = WithinHangGuard(() => HtmlArticleExtractor.Extract(sb.ToString(), new HtmlArticleOptions { Now = Now }));
        Assert.True(r.IsArticle, r.NotArticleReason);
        Assert.Equal(Story, r.Article!.Paragraphs.ToArray());
        Assert.True(r.Article.Removed.Count <= 200);
    }

    [Fact]
    public void DecisionsExplainTheChoice()
    {
        string head = """<meta property="article:published_time" content="2024-03-05T08:30:00+13:00">""";
        var r = HtmlArticleExtractor.Extract(Page(head: head), new HtmlArticleOptions { Now = Now });
        Assert.Contains(r.Decisions, d => d.StartsWith("published date from OpenGraph article:published_time"));
        Assert.Contains(r.Decisions, d => d.StartsWith("removed <div class=\"share-tools\">"));
    }

    /// <summary>Runs the work and fails only when it does not finish at all in ten minutes (a hang or runaway cost). The
    /// cost of large inputs is measured in bench/, not asserted here: a timed assertion fails on a busy machine.</summary>
    private static T WithinHangGuard<T>(Func<T> work)
    {
        var task = Task.Run(work);
        Assert.True(task.Wait(TimeSpan.FromMinutes(10)), "did not finish in ten minutes");
        return task.Result;
    }
}
