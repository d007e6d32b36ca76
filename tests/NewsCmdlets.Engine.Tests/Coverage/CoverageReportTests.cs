using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using NewsCmdlets.Engine.Coverage;
using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Engine.Tests.Coverage;

/// <summary>Export-NewsCoverageReport's HTML writer, on comparisons built by hand (invented outlets and people).</summary>
public class CoverageReportTests
{
    private static readonly DateTimeOffset T = new(2025, 3, 14, 9, 0, 0, TimeSpan.Zero);

    private static NewsArticle Article(string id, string outlet, string? title, DateTimeOffset? published, string? agency = null) => new()
    {
        Id = id, Outlet = outlet, Title = title, Body = "Body of " + id + ".", Published = published, Agency = agency, WordCount = 120,
    };

    private static FieldSources Values(params (string Outlet, string Value)[] values)
    {
        var f = new FieldSources();
        foreach (var (o, v) in values) f.Set(o, v);
        return f;
    }

    private static NewsCoverageItem Item(CoverageKind kind, string key, string? type, CoverageStatus status, string[] outlets, string[] all, FieldSources? values = null, string? detail = null, string[]? differing = null) => new()
    {
        Story = "s1", Kind = kind, Key = key, Type = type, Status = status, Outlets = new TextList(outlets), OutletCount = outlets.Length,
        MissingFrom = new TextList(all.Except(outlets)), Values = values ?? new FieldSources(), Detail = detail, Differing = new TextList(differing ?? Array.Empty<string>()),
    };

    /// <summary>Three outlets, one of them a wire copy; a number conflict, a quote, framing, unique items, an undated article.</summary>
    private static CoverageComparison Comparison(string storyTitle = "Ferry fares rise in Quillby", string outletA = "Harrowgate Post", string titleA = "Fares rise by a tenth")
    {
        string[] all = { outletA, "Vellmouth Courier", "Oskby Echo" };
        var a = Article("a1", outletA, titleA, T, agency: "Norden Wire");
        var b = Article("b1", "Vellmouth Courier", "Quillby ferry fares up", T.AddHours(5), agency: "Norden Wire");
        var c = Article("c1", "Oskby Echo", "Fare rise angers islanders", T.AddDays(1));
        var d = Article("d1", "Oskby Echo", "Undated follow-up", null);
        var story = new NewsStory
        {
            Id = "s1", Title = storyTitle, ArticleCount = 4, Outlets = new TextList(all), OutletCount = 3, IndependentOutlets = 2,
            FirstPublished = T, LastPublished = T.AddDays(1), Articles = new NewsArticleList(new[] { a, b, c, d }),
            CopyGroups = new NewsCopyGroupList(new[] { new NewsArticleList(new[] { a, b }) }),
        };
        var items = new List<NewsCoverageItem>
        {
            Item(CoverageKind.Entity, "Quillby", "Location", CoverageStatus.Shared, all, all),
            Item(CoverageKind.Entity, "Mara Tollen", "Person", CoverageStatus.Unique, new[] { "Oskby Echo" }, all),
            Item(CoverageKind.Number, "percent: fares rise", "percent", CoverageStatus.Conflict, all, all,
                Values((outletA, "10 percent"), ("Vellmouth Courier", "10 percent"), ("Oskby Echo", "15 percent")), differing: new[] { "Oskby Echo" }),
            Item(CoverageKind.Number, "passengers: carried last year", null, CoverageStatus.Unique, new[] { "Oskby Echo" }, all, Values(("Oskby Echo", "about 82,000"))),
            Item(CoverageKind.Quote, "Mara Tollen", "Direct", CoverageStatus.Unique, new[] { "Oskby Echo" }, all, Values(("Oskby Echo", "“We cannot afford this”"))),
            Item(CoverageKind.Quote, "Quillby Ferries", "Partial", CoverageStatus.Partial, new[] { outletA, "Vellmouth Courier" }, all,
                Values((outletA, "“necessary”"), ("Vellmouth Courier", "“necessary”"))),
            Item(CoverageKind.Framing, "hedging", "certainty", CoverageStatus.Unique, new[] { "Oskby Echo" }, all,
                Values((outletA, "no hedges (asserts)"), ("Vellmouth Courier", "no hedges (asserts)"), ("Oskby Echo", "reportedly"))),
            Item(CoverageKind.Copy, "Norden Wire", "copy", CoverageStatus.Partial, new[] { outletA, "Vellmouth Courier" }, all),
        };
        var matrix = new List<NewsCoverageMatrixRow>
        {
            new() { Story = "s1", Entity = "Quillby", Type = "Location", Counts = new KeyValuePair<string, int>[] { new(outletA, 2), new("Vellmouth Courier", 2), new("Oskby Echo", 6) } },
            new() { Story = "s1", Entity = "Mara Tollen", Type = "Person", Counts = new KeyValuePair<string, int>[] { new(outletA, 0), new("Vellmouth Courier", 0), new("Oskby Echo", 3) } },
        };
        var summary = all.Select(o => new NewsCoverageSummary { Story = "s1", Outlet = o, Articles = o == "Oskby Echo" ? 2 : 1, Words = 120, IsCopy = o == "Vellmouth Courier" }).ToList();
        return new CoverageComparison { Story = story, Items = items, Matrix = matrix, Summary = summary, Warnings = new[] { "c1: a warning" } };
    }

    private static string Write(IReadOnlyList<CoverageComparison> stories, string? title = null)
    {
        using var w = new StringWriter();
        CoverageReport.Write(w, stories, new CoverageReportOptions { Title = title, GeneratedAt = T });
        return w.ToString();
    }

    private static IDocument Parse(string html) => new HtmlParser(new HtmlParserOptions { IsStrictMode = true }).ParseDocument(html);

    [Fact]
    public void Page_is_strictly_valid_HTML_with_every_section_heading_and_caption()
    {
        string html = Write(new[] { Comparison() });
        var doc = Parse(html); // strict mode throws on any parse error
        Assert.Equal("en", doc.DocumentElement.GetAttribute("lang"));
        Assert.Single(doc.QuerySelectorAll("h1"));
        Assert.Equal("Coverage: Ferry fares rise in Quillby", doc.Title);
        foreach (var part in new[] { "outlets", "heatmap", "timeline", "conflicts", "quotes", "framing", "unique", "copies", "warnings" })
        {
            var section = doc.GetElementById("story-1-" + part);
            Assert.NotNull(section);
            Assert.NotNull(section!.QuerySelector("h3"));
            Assert.Equal(section.GetAttribute("aria-labelledby"), section.QuerySelector("h3")!.Id);
        }
        Assert.All(doc.QuerySelectorAll("table"), t => Assert.False(string.IsNullOrWhiteSpace(t.QuerySelector("caption")?.TextContent)));
        Assert.All(doc.QuerySelectorAll("thead th"), th => Assert.Equal("col", th.GetAttribute("scope")));
        // The timeline has a text alternative, and the articles again as a table.
        var svg = doc.QuerySelector("svg.timeline")!;
        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.Contains("3 dated articles by 3 outlets", doc.GetElementById("story-1-tl-desc")!.TextContent);
        Assert.Equal(4, doc.QuerySelectorAll("#story-1-timeline table.articles tbody tr").Length);
        Assert.Contains("1 article has no publication date", doc.GetElementById("story-1-timeline")!.TextContent);
        Assert.Equal("2025-03-14 09:00 UTC", doc.QuerySelector("#story-1-timeline tbody td")!.TextContent);
    }

    [Fact]
    public void Untrusted_text_is_encoded_everywhere()
    {
        const string evil = "<script>alert(1)</script>";
        var c = Comparison(storyTitle: evil, outletA: "A&B \"<b>Times</b>\" 'x'", titleA: "<img src=x onerror=alert(2)>");
        string html = Write(new[] { c }, title: "Report " + evil);
        Assert.DoesNotContain(evil, html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<b>Times", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("A&amp;B &quot;&lt;b&gt;Times&lt;/b&gt;&quot; &#39;x&#39;", html);
        // Only the report's own two scripts, and the parsed page holds the text as text.
        Assert.Equal(2, Regex.Matches(html, "<script", RegexOptions.IgnoreCase).Count);
        var doc = Parse(html);
        Assert.Equal(2, doc.Scripts.Length);
        Assert.Empty(doc.QuerySelectorAll("img, b"));
        Assert.Equal("Report " + evil, doc.Title);
        Assert.Equal(evil, doc.QuerySelector("h2")!.TextContent);
        Assert.Contains(doc.QuerySelectorAll("th"), th => th.TextContent == "A&B \"<b>Times</b>\" 'x'");
    }

    [Fact]
    public void Control_characters_are_dropped_and_surrogate_pairs_kept()
    {
        Assert.Equal("ab\tc 😀", CoverageReportHtml.Encode("a\0b\u0007\tc\u0085 😀\uD800"));
    }

    [Fact]
    public void Page_fetches_nothing_from_anywhere()
    {
        string html = Write(new[] { Comparison(), Comparison("Second story") });
        Assert.DoesNotMatch(@"(src|href|action|srcset|poster|data)\s*=\s*[""']?\s*(https?:|//|ftp:)", html);
        Assert.DoesNotContain("@import", html);
        Assert.DoesNotContain("url(", html);
        Assert.DoesNotContain("<link", html);
        Assert.DoesNotContain("<iframe", html);
        Assert.DoesNotContain("fetch(", html);
        Assert.DoesNotContain("XMLHttpRequest", html);
        var doc = Parse(html);
        Assert.Empty(doc.QuerySelectorAll("[src]"));
        // Links only to places in the page.
        Assert.All(doc.QuerySelectorAll("a[href]"), a => Assert.StartsWith("#", a.GetAttribute("href")));
        var csp = doc.QuerySelector("meta[http-equiv=Content-Security-Policy]")!.GetAttribute("content")!;
        Assert.Contains("default-src 'none'", csp);
    }

    [Fact]
    public void Heat_map_cells_give_counts_and_shade_by_them()
    {
        var doc = Parse(Write(new[] { Comparison() }));
        var rows = doc.QuerySelectorAll("#story-1-heatmap tbody tr");
        Assert.Equal(2, rows.Length);
        var quillby = rows[0].QuerySelectorAll("td.cell");
        Assert.Equal(new[] { "2", "2", "6" }, quillby.Select(td => td.TextContent).ToArray());
        Assert.True(quillby[2].ClassList.Contains("h5"));   // the most mentions
        Assert.True(quillby[0].ClassList.Contains("h2"));   // 2 of 6
        var mara = rows[1].QuerySelectorAll("td.cell");
        Assert.True(mara[0].ClassList.Contains("h0"));
        Assert.Equal("0", mara[0].TextContent);
        Assert.Contains("Mara Tollen — Oskby Echo: 3 mentions", mara[2].GetAttribute("title"));
        // Column headings are the outlets, in the comparison's order.
        var heads = doc.QuerySelectorAll("#story-1-heatmap thead th").Select(th => th.TextContent).ToArray();
        Assert.Equal(new[] { "Entity", "Type", "Harrowgate Post", "Vellmouth Courier", "Oskby Echo", "Outlets" }, heads);
    }

    [Fact]
    public void Heat_map_lists_entities_beyond_the_row_limit_by_name()
    {
        using var w = new StringWriter();
        CoverageReport.Write(w, new[] { Comparison() }, new CoverageReportOptions { GeneratedAt = T, MaxHeatMapRows = 1 });
        var doc = Parse(w.ToString());
        Assert.Single(doc.QuerySelectorAll("#story-1-heatmap tbody tr"));
        Assert.Contains("Also named: Mara Tollen (Oskby Echo 3)", doc.GetElementById("story-1-heatmap")!.TextContent);
    }

    [Fact]
    public void Timeline_has_one_row_per_outlet_and_a_mark_per_dated_article()
    {
        var doc = Parse(Write(new[] { Comparison() }));
        var svg = doc.QuerySelector("#story-1-timeline svg")!;
        Assert.Equal(3, svg.QuerySelectorAll("g.outlet-row").Length);
        var marks = svg.QuerySelectorAll("circle.mark");
        Assert.Equal(3, marks.Length);
        Assert.Equal(2, svg.QuerySelectorAll("circle.mark.copy").Length);
        // Later articles sit further right.
        double Cx(IElement e) => double.Parse(e.GetAttribute("cx")!, System.Globalization.CultureInfo.InvariantCulture);
        var byTitle = marks.ToDictionary(m => m.QuerySelector("title")!.TextContent, Cx);
        Assert.True(byTitle.Single(kv => kv.Key.Contains("Fares rise by a tenth")).Value < byTitle.Single(kv => kv.Key.Contains("Fare rise angers")).Value);
    }

    [Fact]
    public void Conflicts_show_the_majority_value_and_the_outlets_that_differ_and_quotes_a_dash_where_an_outlet_has_none()
    {
        var doc = Parse(Write(new[] { Comparison() }));
        var conflict = Assert.Single(doc.QuerySelectorAll("#story-1-conflicts table.conflicts tbody tr"));
        Assert.Equal("percent: fares rise", conflict.QuerySelector("th")!.TextContent);
        var cells = conflict.QuerySelectorAll("td");
        Assert.Equal("Number (percent)", cells[0].TextContent);
        Assert.Equal("10 percent — Harrowgate Post, Vellmouth Courier", cells[1].TextContent);
        Assert.Equal("15 percent (differs from most) — Oskby Echo", cells[2].TextContent);
        // The odd one out is in bold, not only in colour.
        Assert.Equal("15 percent", Assert.Single(conflict.QuerySelectorAll("strong")).TextContent);

        var mara = doc.QuerySelectorAll("#story-1-quotes table.quotes tbody tr").Single(r => r.QuerySelector("th")!.TextContent == "Mara Tollen");
        cells = mara.QuerySelectorAll("td");
        Assert.True(cells[1].ClassList.Contains("none"));
        Assert.Contains("not given", cells[1].TextContent);
        Assert.Equal("“We cannot afford this”", cells[3].TextContent);
    }

    [Fact]
    public void The_outlets_the_comparison_finds_differing_are_highlighted_with_their_sentences_and_updates_are_listed_by_time()
    {
        string[] all = { "Harrowgate Post", "Vellmouth Courier", "Oskby Echo" };
        var c = Comparison();
        var items = c.Items.Where(i => i.Status != CoverageStatus.Conflict).ToList();
        // A role where one outlet names someone else: the engine says who differs (not the value that is rarest as text).
        items.Add(new NewsCoverageItem
        {
            Story = "s1", Kind = CoverageKind.Entity, Key = "mayor (Quillby)", Type = "Role", Status = CoverageStatus.Conflict, Outlets = new TextList(all), OutletCount = 3,
            Values = Values(("Harrowgate Post", "Hanna Brisk"), ("Vellmouth Courier", "Hanna Brisk / Piet Olland"), ("Oskby Echo", "Piet Olland")),
            Differing = new TextList(new[] { "Oskby Echo" }),
            Sentences = Values(("Oskby Echo", "Quillby Mayor Piet Olland opened the new quay.")),
        });
        items.Add(new NewsCoverageItem
        {
            Story = "s1", Kind = CoverageKind.Number, Key = "death toll", Type = "count", Status = CoverageStatus.Update, Outlets = new TextList(all), OutletCount = 3,
            Values = Values(("Harrowgate Post", "12"), ("Vellmouth Courier", "at least 30"), ("Oskby Echo", "4")),
            Times = Values(("Harrowgate Post", "2025-03-14 09:00 UTC"), ("Vellmouth Courier", "2025-03-15 (date only)"), ("Oskby Echo", "2025-03-14 06:00 UTC")),
        });
        var doc = Parse(Write(new[] { new CoverageComparison { Story = c.Story, Items = items, Matrix = c.Matrix, Summary = c.Summary } }));
        var role = Assert.Single(doc.QuerySelectorAll("#story-1-conflicts table.conflicts tbody tr"));
        var cells = role.QuerySelectorAll("td");
        Assert.StartsWith("Hanna Brisk — Harrowgate Post", cells[1].TextContent);
        Assert.Equal("Piet Olland", Assert.Single(cells[2].QuerySelectorAll("strong")).TextContent);
        Assert.Contains("Quillby Mayor Piet Olland opened the new quay.", cells[2].QuerySelector("blockquote")!.TextContent);
        Assert.DoesNotContain("Harrowgate Post", cells[2].TextContent);

        var update = Assert.Single(doc.QuerySelectorAll("#story-1-conflicts table.updates tbody tr"));
        var reports = update.QuerySelectorAll("li").Select(li => li.TextContent).ToArray();
        Assert.Equal(3, reports.Length);
        Assert.StartsWith("4 — Oskby Echo, 2025-03-14 06:00 UTC", reports[0]);
        Assert.StartsWith("at least 30 — Vellmouth Courier, 2025-03-15 (date only)", reports[2]);
    }

    [Fact]
    public void Twenty_outlets_turn_per_outlet_tables_into_lists_and_date_only_articles_into_bands_across_their_day()
    {
        var outlets = Enumerable.Range(1, 20).Select(i => "Outlet Number " + i).ToArray();
        var articles = outlets.Select((o, i) => new NewsArticle
        {
            Id = "a" + i, Outlet = o, Title = "Report " + i, Body = "Body.", WordCount = 100, Published = i % 2 == 0 ? T.AddHours(i) : T.Date,
            Sources = i % 2 == 0 ? new FieldSources() : Values(("Published", "file header line (date only)")),
        }).ToArray();
        var story = new NewsStory { Id = "s1", Title = "Twenty", ArticleCount = 20, Outlets = new TextList(outlets), OutletCount = 20, Articles = new NewsArticleList(articles) };
        var values = new FieldSources();
        foreach (var o in outlets) values.Set(o, o.EndsWith(" 7", StringComparison.Ordinal) ? "9" : "12");
        var items = new List<NewsCoverageItem>
        {
            new() { Story = "s1", Kind = CoverageKind.Number, Key = "death toll", Type = "count", Status = CoverageStatus.Conflict, Outlets = new TextList(outlets), OutletCount = 20, Values = values,
                    Differing = new TextList(new[] { "Outlet Number 7" }) },
            new() { Story = "s1", Kind = CoverageKind.Quote, Key = "Mara Tollen", Type = "Direct", Status = CoverageStatus.Partial, Outlets = new TextList(outlets.Take(3)), OutletCount = 3,
                    Values = Values((outlets[0], "“No”"), (outlets[1], "“No”"), (outlets[2], "“Never”")) },
            new() { Story = "s1", Kind = CoverageKind.Framing, Key = "hedging", Type = "certainty", Status = CoverageStatus.Partial, Outlets = new TextList(outlets.Take(2)), OutletCount = 2,
                    Values = Values((outlets[0], "reportedly"), (outlets[1], "alleged")) },
        };
        var summary = outlets.Select(o => new NewsCoverageSummary { Story = "s1", Outlet = o, Articles = 1, Words = 100 }).ToList();
        var doc = Parse(Write(new[] { new CoverageComparison { Story = story, Items = items, Summary = summary } }));

        // No table has a column per outlet but the heat map (which scrolls): the conflict, quotes and framing list the outlets.
        Assert.Equal(4, doc.QuerySelectorAll("#story-1-conflicts table.conflicts thead th").Length);
        var conflict = Assert.Single(doc.QuerySelectorAll("#story-1-conflicts table.conflicts tbody tr"));
        Assert.Equal("9", Assert.Single(conflict.QuerySelectorAll("td.differs strong")).TextContent);
        Assert.Contains("Outlet Number 7", conflict.QuerySelector("td.differs")!.TextContent);
        Assert.Equal(4, doc.QuerySelectorAll("#story-1-quotes table.quotes thead th").Length);
        Assert.Equal(20, doc.QuerySelectorAll("#story-1-framing table.framing tbody tr").Length);

        // Ten articles give a time and are marks; ten give a date only and are bands across that day, said so in the table.
        var svg = doc.QuerySelector("#story-1-timeline svg")!;
        Assert.Equal(10, svg.QuerySelectorAll("circle.mark").Length);
        var bands = svg.QuerySelectorAll("rect.day");
        Assert.Equal(10, bands.Length);
        Assert.All(bands, b => Assert.True(double.Parse(b.GetAttribute("width")!, System.Globalization.CultureInfo.InvariantCulture) > 20));
        Assert.Contains("10 articles give only a date", doc.QuerySelector("#story-1-timeline figcaption")!.TextContent);
        Assert.Equal(10, doc.QuerySelectorAll("#story-1-timeline table.articles td").Count(td => td.TextContent == "2025-03-14 (date only)"));
    }

    [Fact]
    public void Framing_unique_items_and_copies_are_listed_per_outlet()
    {
        var doc = Parse(Write(new[] { Comparison() }));
        var hedging = Assert.Single(doc.QuerySelectorAll("#story-1-framing tbody tr"));
        Assert.Equal(new[] { "no hedges (asserts)", "no hedges (asserts)", "reportedly" }, hedging.QuerySelectorAll("td").Select(td => td.TextContent).ToArray());

        var unique = doc.GetElementById("story-1-unique")!;
        Assert.Equal("Oskby Echo (3 items)", Assert.Single(unique.QuerySelectorAll("h4")).TextContent);
        var items = unique.QuerySelectorAll("li").Select(li => li.TextContent).ToList();
        Assert.Contains(items, i => i.Contains("Mara Tollen") && i.Contains("Person"));
        Assert.Contains(items, i => i.Contains("passengers: carried last year") && i.Contains("about 82,000"));

        var copies = doc.GetElementById("story-1-copies")!;
        Assert.Contains("Norden Wire", copies.QuerySelector("caption")!.TextContent);
        Assert.Equal(2, copies.QuerySelectorAll("tbody tr").Length);
        Assert.Equal("a warning", doc.QuerySelector("#story-1-warnings li")!.TextContent.Split(": ")[1]);
    }

    [Fact]
    public void Several_stories_get_a_table_of_contents_and_their_own_sections()
    {
        var doc = Parse(Write(new[] { Comparison(), Comparison("Second story") }));
        Assert.Equal("Coverage of 2 stories", doc.Title);
        var links = doc.QuerySelectorAll("nav a").Select(a => a.GetAttribute("href")).ToArray();
        Assert.Equal(new[] { "#story-1", "#story-2" }, links);
        Assert.Equal("Second story", doc.QuerySelector("#story-2 h2")!.TextContent);
        Assert.NotNull(doc.GetElementById("story-2-heatmap"));
        // Ids are unique across the page.
        var ids = doc.QuerySelectorAll("[id]").Select(e => e.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void A_one_outlet_story_and_empty_sections_say_so()
    {
        var a = Article("a1", "Harrowgate Post", "Alone", T);
        var story = new NewsStory { Id = "s9", Title = "Alone", ArticleCount = 1, Outlets = new TextList(new[] { "Harrowgate Post" }), OutletCount = 1, Articles = new NewsArticleList(new[] { a }) };
        var doc = Parse(Write(new[] { new CoverageComparison { Story = story } }));
        Assert.Contains("Only one outlet covers this story", doc.Body!.TextContent);
        Assert.Contains("No conflicts were found", doc.GetElementById("story-1-conflicts")!.TextContent);
        Assert.Contains("No people, organisations", doc.GetElementById("story-1-heatmap")!.TextContent);
        Assert.Single(doc.QuerySelectorAll("circle.mark"));
    }

    [Fact]
    public void Nothing_to_report_is_an_argument_error()
    {
        Assert.Throws<ArgumentException>(() => CoverageReport.Write(new StringWriter(), Array.Empty<CoverageComparison>(), new CoverageReportOptions()));
    }

    [Fact]
    public void Works_on_a_real_comparison()
    {
        var a = CoverageComparerTests.Article("a1", "Harrowgate Post", "Flood forces evacuations in Tarnby",
            "Officials said 120 people were evacuated from homes near the river in Tarnby on Tuesday after the Lenn burst its banks.");
        var b = CoverageComparerTests.Article("b1", "Vellmouth Courier", "Hundreds leave homes as river floods Tarnby",
            "Some 210 people were evacuated from homes near the river in Tarnby on Tuesday, officials said.", T.AddHours(3));
        var comparison = new CoverageComparer().Compare(CoverageComparerTests.Story(a, b));
        var doc = Parse(Write(new[] { comparison }));
        Assert.Contains("Tarnby", doc.GetElementById("story-1-heatmap")!.TextContent);
        Assert.Equal(2, doc.QuerySelectorAll("circle.mark").Length);
    }
}
