using System.Globalization;
using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Engine.Coverage;

/// <summary>What <see cref="CoverageReport.Write"/> puts around the stories.</summary>
public sealed class CoverageReportOptions
{
    /// <summary>The page's title and top heading; null for the story's headline (one story) or "Coverage of N stories".</summary>
    public string? Title { get; init; }

    /// <summary>When the report was made, printed in its header and footer; null for now.</summary>
    public DateTimeOffset? GeneratedAt { get; init; }

    /// <summary>Entities shown as heat-map rows per story (the most mentioned first); the rest are listed by name below the table.</summary>
    public int MaxHeatMapRows { get; init; } = 60;
}

/// <summary>
/// Export-NewsCoverageReport's engine: one self-contained HTML page for compared stories. Per story: the outlets at a
/// glance, an outlets-by-entity heat map, a publication timeline per outlet (inline SVG, with the articles as a table
/// for those who cannot see it), the conflicts, who is quoted where, framing per outlet, what only one outlet reports,
/// and the copies of one text.
/// </summary>
/// <remarks>
/// The page fetches nothing: its style sheet and scripts are inline and its Content-Security-Policy allows nothing
/// else. Every piece of text is HTML-encoded (article text is untrusted). The scripts only add sorting and a row
/// filter; with scripts off every table and list is there. Colour is never the only carrier: heat-map cells show
/// their counts and timeline marks have a table beside them.
/// </remarks>
public static class CoverageReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Writes the report for <paramref name="stories"/> (at least one) to <paramref name="w"/>.</summary>
    public static void Write(TextWriter w, IReadOnlyList<CoverageComparison> stories, CoverageReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(stories);
        options ??= new CoverageReportOptions();
        var list = stories.Where(s => s != null).ToList();
        if (list.Count == 0) throw new ArgumentException("There is no story to report.", nameof(stories));

        var generated = options.GeneratedAt ?? DateTimeOffset.Now;
        string title = !string.IsNullOrWhiteSpace(options.Title) ? options.Title!.Trim()
            : list.Count == 1 ? "Coverage: " + (list[0].Story.Title ?? list[0].Story.Id)
            : string.Format(Inv, "Coverage of {0} stories", list.Count);
        int articles = list.Sum(s => s.Story.Articles.Count);
        int outlets = list.SelectMany(s => OutletsOf(s)).Distinct(StringComparer.OrdinalIgnoreCase).Count();

        var h = new CoverageReportHtml(w);
        h.Raw("<!DOCTYPE html>\n<html lang=\"en\" data-script=\"off\">\n<head>\n<meta charset=\"utf-8\">\n")
         .Raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
         .Raw("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">\n")
         .Raw("<meta name=\"generator\" content=\"NewsCmdlets Export-NewsCoverageReport\">\n")
         .Element("title", title).Raw("\n<style>\n").Raw(CoverageReportAssets.Css).Raw("</style>\n")
         .Raw("<script>\n").Raw(CoverageReportAssets.ErrorScript).Raw("</script>\n</head>\n<body>\n");

        h.Raw("<header>\n").Element("h1", title).Raw("\n<p class=\"meta\">");
        h.Text(string.Format(Inv, "{0} {1}, {2} {3} from {4} {5}. Made {6} by Export-NewsCoverageReport.",
            list.Count, list.Count == 1 ? "story" : "stories", articles, articles == 1 ? "article" : "articles",
            outlets, outlets == 1 ? "outlet" : "outlets", FormatTime(generated)));
        h.Raw("</p>\n<p class=\"note\">Everything here is found by rules from the article text: a conflict or a unique item is a lead to check against the articles, not a verdict.</p>\n</header>\n");

        if (list.Count > 1)
        {
            h.Raw("<nav aria-labelledby=\"contents\">\n<h2 id=\"contents\">Stories</h2>\n<ol>\n");
            for (int i = 0; i < list.Count; i++)
            {
                var s = list[i].Story;
                h.Raw("<li><a href=\"#").Raw(StoryId(i)).Raw("\">").Text(s.Title ?? s.Id).Raw("</a> <span class=\"meta\">")
                 .Text(string.Format(Inv, "({0} articles, {1} outlets)", s.Articles.Count, OutletsOf(list[i]).Count)).Raw("</span></li>\n");
            }
            h.Raw("</ol>\n</nav>\n");
        }

        h.Raw("<main>\n");
        for (int i = 0; i < list.Count; i++) WriteStory(h, list[i], StoryId(i), options);
        h.Raw("</main>\n<footer>\n<p>");
        h.Text("Made " + FormatTime(generated) + " by NewsCmdlets Export-NewsCoverageReport. Times are shown as published (with their UTC offset); the timelines are drawn in UTC.");
        h.Raw("</p>\n</footer>\n<script>\n").Raw(CoverageReportAssets.Script).Raw("</script>\n</body>\n</html>\n");
        w.Flush();
    }

    private static string StoryId(int index) => "story-" + (index + 1).ToString(Inv);

    /// <summary>Above this many outlets, tables with a column per outlet turn into one row per item with the outlets listed in a cell.</summary>
    private const int WideTable = 6;

    /// <summary>The story's outlets in the comparison's order (the summary's, which is the matrix's column order).</summary>
    private static List<string> OutletsOf(CoverageComparison c)
    {
        var names = c.Summary.Select(s => s.Outlet).ToList();
        if (names.Count == 0 && c.Matrix.Count > 0) names = c.Matrix[0].Counts.Select(kv => kv.Key).ToList();
        if (names.Count == 0) names = c.Story.Outlets.ToList();
        if (names.Count == 0) names = c.Story.Articles.Select(OutletName.Of).ToList();
        return names.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static string FormatTime(DateTimeOffset t) =>
        t.ToString("yyyy-MM-dd HH:mm", Inv) + (t.Offset == TimeSpan.Zero ? " UTC" : " " + t.ToString("zzz", Inv));

    // ------------------------------------------------------------------ one story

    private static void WriteStory(CoverageReportHtml h, CoverageComparison c, string id, CoverageReportOptions options)
    {
        var story = c.Story;
        var outlets = OutletsOf(c);
        h.Raw("<section class=\"story\" id=\"").Raw(id).Raw("\" aria-labelledby=\"").Raw(id).Raw("-title\">\n");
        h.Element("h2", story.Title ?? story.Id, "id=\"" + id + "-title\"").Raw("\n");
        h.Raw("<p class=\"story-meta meta\">");
        var span = story.FirstPublished is { } first && story.LastPublished is { } last
            ? (first == last ? ", published " + FormatTime(first) : ", published " + FormatTime(first) + " to " + FormatTime(last)) : "";
        h.Text(string.Format(Inv, "Story {0}: {1} {2} by {3} {4} ({5} independent {6}){7}.",
            story.Id, story.Articles.Count, story.Articles.Count == 1 ? "article" : "articles", outlets.Count, outlets.Count == 1 ? "outlet" : "outlets",
            story.IndependentOutlets, story.IndependentOutlets == 1 ? "voice" : "voices", span));
        h.Raw("</p>\n");
        if (outlets.Count < 2)
            h.Raw("<p class=\"note\">Only one outlet covers this story, so there is nothing to compare: every item is that outlet's alone.</p>\n");

        Section(h, id, "outlets", "Outlets at a glance", () => WriteSummary(h, c, id));
        Section(h, id, "heatmap", "Who names whom: entities by outlet", () => WriteHeatMap(h, c, outlets, id, options.MaxHeatMapRows));
        Section(h, id, "timeline", "When each outlet published", () => WriteTimeline(h, c, outlets, id));
        Section(h, id, "conflicts", "Where the outlets disagree", () => WriteConflicts(h, c, outlets, id));
        Section(h, id, "quotes", "Who is quoted where", () => WriteQuotes(h, c, outlets, id));
        Section(h, id, "framing", "How each outlet frames the story", () => WriteFraming(h, c, outlets, id));
        Section(h, id, "unique", "What only one outlet reports", () => WriteUnique(h, c, outlets));
        Section(h, id, "copies", "Copies of one text", () => WriteCopies(h, c));

        if (c.Warnings.Count > 0)
        {
            WriteSectionStart(h, id, "warnings", "Warnings");
            h.Raw("<ul>\n");
            foreach (var warning in c.Warnings) h.Element("li", warning).Raw("\n");
            h.Raw("</ul>\n</section>\n");
        }
        h.Raw("</section>\n");
    }

    /// <summary>One part of a story's report: its section and heading around what <paramref name="body"/> writes.</summary>
    private static void Section(CoverageReportHtml h, string storyId, string part, string heading, Action body)
    {
        WriteSectionStart(h, storyId, part, heading);
        body();
        h.Raw("</section>\n");
    }

    private static void WriteSectionStart(CoverageReportHtml h, string storyId, string part, string heading)
    {
        string id = storyId + "-" + part;
        h.Raw("<section class=\"").Raw(part).Raw("\" id=\"").Raw(id).Raw("\" aria-labelledby=\"").Raw(id).Raw("-h\">\n");
        h.Element("h3", heading, "id=\"" + id + "-h\"").Raw("\n");
    }

    private static void TableStart(CoverageReportHtml h, string caption, string classes)
    {
        h.Raw("<div class=\"table-wrap\">\n<table class=\"").Raw(classes).Raw("\">\n").Element("caption", caption).Raw("\n");
    }

    private static void TableEnd(CoverageReportHtml h) => h.Raw("</tbody>\n</table>\n</div>\n");

    private static void HeaderRow(CoverageReportHtml h, IEnumerable<string> columns, IEnumerable<string>? numeric = null)
    {
        var num = new HashSet<string>(numeric ?? Array.Empty<string>(), StringComparer.Ordinal);
        h.Raw("<thead>\n<tr>");
        foreach (var col in columns) h.Element("th", col, num.Contains(col) ? "scope=\"col\" class=\"num\"" : "scope=\"col\"");
        h.Raw("</tr>\n</thead>\n<tbody>\n");
    }

    private static void Cell(CoverageReportHtml h, string? text, string? cssClass = null, string? sortKey = null)
    {
        string attrs = (cssClass != null ? "class=\"" + cssClass + "\"" : "")
                       + (sortKey != null ? (cssClass != null ? " " : "") + "data-sort=\"" + CoverageReportHtml.Encode(sortKey) + "\"" : "");
        h.Element("td", text, attrs);
    }

    private static void NumberCell(CoverageReportHtml h, double value, string format = "0") =>
        h.Element("td", value.ToString(format, Inv), "class=\"num\"");

    /// <summary>The value an outlet gives in a per-outlet column, or an em dash (not given) for an outlet that does not have it.</summary>
    private static void OutletCells(CoverageReportHtml h, NewsCoverageItem item, List<string> outlets, string? valueClass = null)
    {
        foreach (var outlet in outlets)
        {
            if (item.Values.TryGetValue(outlet, out var value))
                Cell(h, value, valueClass);
            else
                h.Raw("<td class=\"none\"><span aria-hidden=\"true\">—</span><span class=\"visually-hidden\">not given</span></td>");
        }
    }

    // ------------------------------------------------------------------ sections

    private static void WriteSummary(CoverageReportHtml h, CoverageComparison c, string id)
    {
        if (c.Summary.Count == 0)
        {
            h.Raw("<p>No per-outlet summary was computed for this story.</p>\n");
            return;
        }
        TableStart(h, "One row per outlet: how much it wrote, whom it names (and names alone), whose words it uses, the share of the facts other outlets also have that it includes, how similar its text is to the others', and its hedges. A copy is an outlet whose text is another's.", "summary sortable");
        var numeric = new[] { "Articles", "Words", "Entities", "Only here", "Quotes", "Sources", "Shared facts", "Similarity", "Hedges" };
        HeaderRow(h, new[] { "Outlet" }.Concat(numeric).Append("Copy"), numeric);
        foreach (var s in c.Summary)
        {
            h.Raw("<tr>").Element("th", s.Outlet, "scope=\"row\"");
            NumberCell(h, s.Articles);
            NumberCell(h, s.Words);
            NumberCell(h, s.Entities);
            NumberCell(h, s.UniqueEntities);
            NumberCell(h, s.Quotes);
            NumberCell(h, s.Sources);
            h.Element("td", (s.SharedFactShare * 100).ToString("0", Inv) + "%", "class=\"num\" data-sort=\"" + s.SharedFactShare.ToString("0.###", Inv) + "\"");
            NumberCell(h, s.Similarity, "0.00");
            NumberCell(h, s.Hedges);
            Cell(h, s.IsCopy ? "copy" : "own report");
            h.Raw("</tr>\n");
        }
        TableEnd(h);
    }

    private static void WriteHeatMap(CoverageReportHtml h, CoverageComparison c, List<string> outlets, string id, int maxRows)
    {
        if (c.Matrix.Count == 0)
        {
            h.Raw("<p>No people, organisations, places or groups were found in this story's articles.</p>\n");
            return;
        }
        int max = Math.Max(1, c.Matrix.SelectMany(r => r.Counts).Select(kv => kv.Value).DefaultIfEmpty(0).Max());
        h.Raw("<p class=\"legend\" aria-hidden=\"true\">Mentions: ");
        for (int level = 0; level <= 5; level++)
        {
            string label = level == 0 ? "0" : LevelRange(level, max);
            if (label.Length == 0) continue;
            h.Raw("<span class=\"swatch h").Raw(level.ToString(Inv)).Raw("\">").Text(label).Raw("</span>");
        }
        h.Raw("</p>\n");
        var shown = c.Matrix.Take(Math.Max(1, maxRows)).ToList();
        TableStart(h, string.Format(Inv,
            "Mentions of each person, organisation, place and group (rows) by each outlet (columns), spellings merged; {0}. Each cell gives the number of mentions; darker cells have more. 0 means the outlet does not name it.",
            shown.Count < c.Matrix.Count ? $"the {shown.Count} most mentioned of {c.Matrix.Count}" : "most mentioned first"), "heat sortable filterable" + (outlets.Count > WideTable ? " many" : ""));
        HeaderRow(h, new[] { "Entity", "Type" }.Concat(outlets).Append("Outlets"), outlets.Append("Outlets"));
        foreach (var row in shown)
        {
            var counts = outlets.Select(o => row.Counts.FirstOrDefault(kv => string.Equals(kv.Key, o, StringComparison.OrdinalIgnoreCase)).Value).ToList();
            h.Raw("<tr>").Element("th", row.Entity, "scope=\"row\"");
            Cell(h, row.Type, "type");
            for (int i = 0; i < outlets.Count; i++)
            {
                int n = counts[i];
                int level = n == 0 ? 0 : Math.Clamp((int)Math.Ceiling(5.0 * n / max), 1, 5);
                h.Element("td", n.ToString(Inv), "class=\"cell num h" + level.ToString(Inv) + "\" title=\"" +
                    CoverageReportHtml.Encode(string.Format(Inv, "{0} — {1}: {2} mention{3}", row.Entity, outlets[i], n, n == 1 ? "" : "s")) + "\"");
            }
            NumberCell(h, counts.Count(n => n > 0));
            h.Raw("</tr>\n");
        }
        TableEnd(h);
        if (shown.Count < c.Matrix.Count)
        {
            h.Raw("<p class=\"note\">Also named: ");
            bool firstName = true;
            foreach (var row in c.Matrix.Skip(shown.Count))
            {
                if (!firstName) h.Raw("; ");
                firstName = false;
                var by = row.Counts.Where(kv => kv.Value > 0).Select(kv => kv.Key + " " + kv.Value.ToString(Inv));
                h.Text(row.Entity + " (" + string.Join(", ", by) + ")");
            }
            h.Raw(".</p>\n");
        }
    }

    /// <summary>The counts a heat-map level stands for ("1", "2–3"), or "" when no count falls in it.</summary>
    private static string LevelRange(int level, int max)
    {
        int lo = int.MaxValue, hi = 0;
        for (int n = 1; n <= max; n++)
        {
            if (Math.Clamp((int)Math.Ceiling(5.0 * n / max), 1, 5) != level) continue;
            lo = Math.Min(lo, n);
            hi = Math.Max(hi, n);
        }
        if (hi == 0) return "";
        return lo == hi ? lo.ToString(Inv) : lo.ToString(Inv) + "–" + hi.ToString(Inv);
    }

    private static void WriteTimeline(CoverageReportHtml h, CoverageComparison c, List<string> outlets, string id)
    {
        var articles = c.Story.Articles.Where(a => a != null).ToList();
        var copyGroup = new Dictionary<NewsArticle, int>(ReferenceEqualityComparer.Instance);
        int groupNumber = 0;
        foreach (var g in c.Story.CopyGroups.Where(g => g.Count > 0))
        {
            groupNumber++;
            foreach (var a in g) if (a != null) copyGroup.TryAdd(a, groupNumber);
        }
        var dated = articles.Where(a => a.Published != null).ToList();
        var rows = new List<string>(outlets);
        foreach (var a in articles)
            if (!rows.Contains(OutletName.Of(a), StringComparer.OrdinalIgnoreCase)) rows.Add(OutletName.Of(a));
        int RowOf(NewsArticle a) => rows.FindIndex(r => string.Equals(r, OutletName.Of(a), StringComparison.OrdinalIgnoreCase));

        if (dated.Count == 0)
        {
            h.Raw("<p>None of this story's articles has a publication date, so there is no timeline.</p>\n");
        }
        else
        {
            // An article that gives only a date is a band across its day, not a mark at midnight.
            DateTime Start(NewsArticle a) => ArticleTime.IsDateOnly(a) ? a.Published!.Value.Date : a.Published!.Value.UtcDateTime;
            DateTime End(NewsArticle a) => ArticleTime.IsDateOnly(a) ? a.Published!.Value.Date.AddDays(1) : a.Published!.Value.UtcDateTime;
            var t0 = dated.Min(Start);
            var t1 = dated.Max(End);
            if (t1 - t0 < TimeSpan.FromMinutes(30)) { t0 = t0.AddMinutes(-30); t1 = t1.AddMinutes(30); }
            var pad = TimeSpan.FromTicks((t1 - t0).Ticks / 20);
            t0 -= pad;
            t1 += pad;
            const double width = 1000, labelWidth = 210, right = 20, top = 34, rowHeight = 30;
            double height = top + rows.Count * rowHeight + 8;
            double X(DateTime t) => labelWidth + (width - labelWidth - right) * ((t - t0).TotalSeconds / (t1 - t0).TotalSeconds);
            string F(double v) => v.ToString("0.#", Inv);

            string desc = string.Format(Inv, "{0} dated article{1} by {2} outlet{3}, from {4} to {5}. The table below lists every article." + (dated.Any(ArticleTime.IsDateOnly) ? " Articles that give only a date span their day." : ""),
                dated.Count, dated.Count == 1 ? "" : "s", dated.Select(OutletName.Of).Distinct(StringComparer.OrdinalIgnoreCase).Count(),
                dated.Count == 1 ? "" : "s", FormatTime(dated.Min(a => a.Published!.Value)), FormatTime(dated.Max(a => a.Published!.Value)));
            h.Raw("<figure>\n<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").Raw(F(width)).Raw(" ").Raw(F(height))
             .Raw("\" role=\"img\" aria-labelledby=\"").Raw(id).Raw("-tl-title ").Raw(id).Raw("-tl-desc\">\n")
             .Element("title", "Publication timeline: one row per outlet, one mark per article", "id=\"" + id + "-tl-title\"")
             .Element("desc", desc, "id=\"" + id + "-tl-desc\"").Raw("\n");

            // Axis with ticks at round times (UTC).
            h.Raw("<line class=\"axis\" x1=\"").Raw(F(labelWidth)).Raw("\" y1=\"").Raw(F(top - 6)).Raw("\" x2=\"").Raw(F(width - right)).Raw("\" y2=\"").Raw(F(top - 6)).Raw("\"/>\n")
             .Raw("<text class=\"tick\" x=\"").Raw(F(labelWidth - 10)).Raw("\" y=\"").Raw(F(top - 14)).Raw("\" text-anchor=\"end\">UTC</text>\n");
            var step = TickStep(t1 - t0);
            string format = step >= TimeSpan.FromDays(1) ? "yyyy-MM-dd" : "MM-dd HH:mm";
            for (var t = new DateTime((t0.Ticks + step.Ticks - 1) / step.Ticks * step.Ticks, DateTimeKind.Utc); t <= t1; t += step)
            {
                double x = X(t);
                h.Raw("<line class=\"axis\" x1=\"").Raw(F(x)).Raw("\" y1=\"").Raw(F(top - 10)).Raw("\" x2=\"").Raw(F(x)).Raw("\" y2=\"").Raw(F(top - 2)).Raw("\"/>")
                 .Raw("<text class=\"tick\" x=\"").Raw(F(x)).Raw("\" y=\"").Raw(F(top - 14)).Raw("\" text-anchor=\"middle\">")
                 .Text(t.ToString(format, Inv)).Raw("</text>\n");
            }
            for (int r = 0; r < rows.Count; r++)
            {
                double y = top + r * rowHeight + rowHeight / 2;
                string name = rows[r].Length > 30 ? rows[r][..29] + "…" : rows[r];
                h.Raw("<g class=\"outlet-row\"><line class=\"row-line\" x1=\"").Raw(F(labelWidth)).Raw("\" y1=\"").Raw(F(y)).Raw("\" x2=\"").Raw(F(width - right)).Raw("\" y2=\"").Raw(F(y)).Raw("\"/>")
                 .Raw("<text x=\"").Raw(F(labelWidth - 10)).Raw("\" y=\"").Raw(F(y + 4)).Raw("\" text-anchor=\"end\">").Text(name).Element("title", rows[r]).Raw("</text>\n");
                foreach (var a in dated.Where(a => RowOf(a) == r).OrderBy(a => a.Published))
                {
                    bool copy = copyGroup.ContainsKey(a);
                    string tip = rows[r] + ", " + ArticleTime.Describe(a) + ": " + (a.Title ?? a.Id) + (copy ? " (copy group " + copyGroup[a].ToString(Inv) + ")" : "");
                    if (ArticleTime.IsDateOnly(a))
                    {
                        double x0 = X(Start(a)), x1 = X(End(a));
                        h.Raw("<rect class=\"day").Raw(copy ? " copy" : "").Raw("\" x=\"").Raw(F(x0)).Raw("\" y=\"").Raw(F(y - 8)).Raw("\" width=\"").Raw(F(Math.Max(2, x1 - x0)))
                         .Raw("\" height=\"16\" rx=\"3\">").Element("title", tip).Raw("</rect>\n");
                        continue;
                    }
                    h.Raw("<circle class=\"mark").Raw(copy ? " copy" : "").Raw("\" cx=\"").Raw(F(X(a.Published!.Value.UtcDateTime))).Raw("\" cy=\"").Raw(F(y)).Raw("\" r=\"7\">")
                     .Element("title", tip).Raw("</circle>\n");
                }
                h.Raw("</g>\n");
            }
            int dateOnly = dated.Count(ArticleTime.IsDateOnly);
            h.Raw("</svg>\n<figcaption class=\"note\">Filled marks are articles at their publication time; hollow orange marks are copies of one text (see Copies below)")
             .Text(dateOnly > 0 ? string.Format(Inv, "; {0} article{1} only a date, drawn as {2} across that day", dateOnly, dateOnly == 1 ? " gives" : "s give", dateOnly == 1 ? "a band" : "bands") : "")
             .Raw(". Times in UTC.</figcaption>\n</figure>\n");
            int undated = articles.Count - dated.Count;
            if (undated > 0)
                h.Raw("<p class=\"note\">").Text(string.Format(Inv, "{0} article{1} no publication date and {2} not on the timeline.", undated, undated == 1 ? " has" : "s have", undated == 1 ? "is" : "are")).Raw("</p>\n");
        }

        TableStart(h, "The story's articles, earliest first: the timeline as text.", "articles sortable filterable");
        HeaderRow(h, new[] { "Published", "Outlet", "Headline", "By", "Words", "Copy" }, new[] { "Words" });
        foreach (var a in articles.OrderBy(a => a.Published ?? DateTimeOffset.MaxValue))
        {
            h.Raw("<tr>");
            if (a.Published is { } p) Cell(h, ArticleTime.IsDateOnly(a) ? ArticleTime.Describe(a) : FormatTime(p), null, p.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", Inv));
            else Cell(h, "no date", "none", "9999");
            Cell(h, OutletName.Of(a));
            h.Element("th", a.Title ?? a.Id, "scope=\"row\"");
            Cell(h, a.Authors.Count > 0 ? string.Join(", ", a.Authors) : a.Agency ?? "");
            NumberCell(h, a.WordCount);
            Cell(h, copyGroup.TryGetValue(a, out int group) ? "copy group " + group.ToString(Inv) : "own report");
            h.Raw("</tr>\n");
        }
        TableEnd(h);
    }

    private static readonly TimeSpan[] TickSteps =
    {
        TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(2),
        TimeSpan.FromHours(3), TimeSpan.FromHours(6), TimeSpan.FromHours(12), TimeSpan.FromDays(1), TimeSpan.FromDays(2),
        TimeSpan.FromDays(7), TimeSpan.FromDays(14), TimeSpan.FromDays(30), TimeSpan.FromDays(91), TimeSpan.FromDays(365),
    };

    /// <summary>The smallest round step that puts at most six ticks on the span.</summary>
    private static TimeSpan TickStep(TimeSpan span)
    {
        foreach (var step in TickSteps) if (span.Ticks / step.Ticks <= 6) return step;
        return TimeSpan.FromDays(365 * Math.Ceiling(span.TotalDays / 365 / 6));
    }

    private static string KindLabel(NewsCoverageItem i) =>
        i.Kind == CoverageKind.Entity && string.Equals(i.Type, "Role", StringComparison.Ordinal) ? "Role" : i.Kind.ToString();

    /// <summary>The outlets whose value differs from most outlets' (the comparison's judgement, <see cref="NewsCoverageItem.Differing"/>); none when no value has a majority.</summary>
    private static HashSet<string> DifferingOf(NewsCoverageItem item) => new(item.Differing, StringComparer.OrdinalIgnoreCase);

    /// <summary>Outlets that give one value, "10 percent: Harrowgate Post, Vellmouth Courier", the most common value first.</summary>
    private static List<(string Value, List<string> Outlets)> ValueGroups(NewsCoverageItem item, Func<string, bool> include) =>
        item.Values.Where(kv => include(kv.Key)).GroupBy(kv => kv.Value, StringComparer.OrdinalIgnoreCase)
            .Select(g => (g.First().Value, g.Select(kv => kv.Key).ToList())).OrderByDescending(g => g.Item2.Count).ToList();

    private static void WriteConflicts(CoverageReportHtml h, CoverageComparison c, List<string> outlets, string id)
    {
        var conflicts = c.Items.Where(i => i.Status == CoverageStatus.Conflict).OrderBy(i => i.Kind).ThenByDescending(i => i.OutletCount).ToList();
        var updates = c.Items.Where(i => i.Status == CoverageStatus.Update).OrderByDescending(i => i.OutletCount).ToList();
        if (conflicts.Count == 0)
            h.Raw("<p>No conflicts were found: where the outlets give the same measure of the same thing, they agree (within rounding, approximation and unit conversion).</p>\n");
        else
        {
            // One row per disagreement, outlets listed in cells (not a column each), so twenty outlets read as well as three.
            TableStart(h, string.Format(Inv,
                "{0} figure{1}, date{1} or role{1} the outlets give differently. The value most outlets give is plain; outlets that differ from it are in bold, with the sentence they state it in.",
                conflicts.Count, conflicts.Count == 1 ? "" : "s"), "conflicts sortable filterable");
            HeaderRow(h, new[] { "What", "Kind", "Most outlets say", "Differs" });
            foreach (var item in conflicts)
            {
                var differing = DifferingOf(item);
                h.Raw("<tr>").Element("th", item.Key, "scope=\"row\"");
                Cell(h, KindLabel(item) + (item.Type != null && KindLabel(item) != "Role" ? " (" + item.Type + ")" : ""), "type");
                h.Raw("<td class=\"majority\">");
                if (differing.Count == 0) h.Raw("<span class=\"note\">no value has a majority</span>");
                else WriteValueGroups(h, ValueGroups(item, o => !differing.Contains(o)), item, bold: false);
                h.Raw("</td><td class=\"differs\">");
                WriteValueGroups(h, ValueGroups(item, o => differing.Count == 0 || differing.Contains(o)), item, bold: true);
                h.Raw("</td></tr>\n");
            }
            TableEnd(h);
        }
        if (updates.Count > 0)
        {
            h.Raw("<h4>Figures that changed as the story developed</h4>\n");
            TableStart(h, string.Format(Inv,
                "{0} figure{1} (tolls, counts, prices) reported differently at different times: updates, not contradictions. Earliest report first; \"date only\" marks a report whose time of day is not known.",
                updates.Count, updates.Count == 1 ? "" : "s"), "updates sortable filterable");
            HeaderRow(h, new[] { "What", "Reports, earliest first" });
            foreach (var item in updates)
            {
                h.Raw("<tr>").Element("th", item.Key, "scope=\"row\"").Raw("<td><ol class=\"reports\">");
                foreach (var (outlet, value) in item.Values.OrderBy(kv => item.Times.TryGetValue(kv.Key, out var t) ? t : "~", StringComparer.Ordinal))
                {
                    h.Raw("<li>").Element("strong", value).Text(" — " + outlet + (item.Times.TryGetValue(outlet, out var time) ? ", " + time : "")
                        + (item.GivenBy.TryGetValue(outlet, out var by) ? ", per " + by : "")).Raw("</li>");
                }
                h.Raw("</ol></td></tr>\n");
            }
            TableEnd(h);
        }
    }

    /// <summary>"10 percent — Harrowgate Post, Vellmouth Courier", each value on its line; with <paramref name="bold"/>, the value in bold and each outlet's sentence.</summary>
    private static void WriteValueGroups(CoverageReportHtml h, List<(string Value, List<string> Outlets)> groups, NewsCoverageItem item, bool bold)
    {
        h.Raw("<ul class=\"values\">");
        foreach (var (value, outlets) in groups)
        {
            h.Raw("<li>");
            if (bold) h.Element("strong", value).Raw("<span class=\"visually-hidden\"> (differs from most)</span>");
            else h.Text(value);
            // Who each outlet credits the value to, where it names someone ("Harrowgate Post (per the seismology office)").
            h.Text(" — " + string.Join(", ", outlets.Select(o => item.GivenBy.TryGetValue(o, out var by) ? o + " (per " + by + ")" : o)));
            if (bold)
                foreach (var o in outlets)
                    if (item.Sentences.TryGetValue(o, out var sentence) && !string.IsNullOrWhiteSpace(sentence))
                        h.Raw("<blockquote class=\"said\"><span class=\"who\">").Text(o + ":").Raw("</span> ").Text(sentence).Raw("</blockquote>");
            h.Raw("</li>");
        }
        h.Raw("</ul>");
    }

    private static void WriteQuotes(CoverageReportHtml h, CoverageComparison c, List<string> outlets, string id)
    {
        var quotes = c.Items.Where(i => i.Kind == CoverageKind.Quote).OrderByDescending(i => i.OutletCount).ThenBy(i => i.Key, StringComparer.OrdinalIgnoreCase).ToList();
        if (quotes.Count == 0)
        {
            h.Raw("<p>No outlet quotes a named speaker in this story.</p>\n");
        }
        else if (outlets.Count > WideTable)
        {
            // Many outlets: one row per speaker, the outlets that quote them and their words in one cell.
            TableStart(h, "Speakers quoted, with the outlets that quote them and their words as each outlet gives them (shortened).", "quotes sortable filterable");
            HeaderRow(h, new[] { "Speaker", "Kind", "Outlets", "Quoted by" }, new[] { "Outlets" });
            foreach (var item in quotes)
            {
                h.Raw("<tr>").Element("th", item.Key, "scope=\"row\"");
                Cell(h, item.Type, "type");
                NumberCell(h, item.OutletCount);
                h.Raw("<td><ul class=\"values\">");
                foreach (var (outlet, words) in item.Values) h.Raw("<li>").Text(outlet + ": ").Raw("<span class=\"quote\">").Text(words).Raw("</span></li>");
                h.Raw("</ul></td></tr>\n");
            }
            TableEnd(h);
        }
        else
        {
            TableStart(h, "Speakers (rows) quoted by each outlet (columns), with their words as that outlet gives them (shortened). — means the outlet does not quote the speaker.", "quotes sortable filterable");
            HeaderRow(h, new[] { "Speaker", "Kind" }.Concat(outlets).Append("Outlets"), new[] { "Outlets" });
            foreach (var item in quotes)
            {
                h.Raw("<tr>").Element("th", item.Key, "scope=\"row\"");
                Cell(h, item.Type, "type");
                OutletCells(h, item, outlets, "quote");
                NumberCell(h, item.OutletCount);
                h.Raw("</tr>\n");
            }
            TableEnd(h);
        }
        var sources = c.Items.Where(i => i.Kind == CoverageKind.Source).OrderByDescending(i => i.OutletCount).ThenBy(i => i.Key, StringComparer.OrdinalIgnoreCase).ToList();
        if (sources.Count > 0)
        {
            h.Raw("<h4>Sources credited</h4>\n");
            if (outlets.Count > WideTable)
            {
                TableStart(h, "Speakers and attributions (\"according to …\") the outlets credit, by kind of source, with the outlets that credit each.", "sources sortable filterable");
                HeaderRow(h, new[] { "Source", "Kind", "Outlets", "Credited by" }, new[] { "Outlets" });
                foreach (var item in sources)
                {
                    h.Raw("<tr>").Element("th", item.Key, "scope=\"row\"");
                    Cell(h, item.Type, "type");
                    NumberCell(h, item.OutletCount);
                    Cell(h, string.Join(", ", item.Outlets));
                    h.Raw("</tr>\n");
                }
                TableEnd(h);
                return;
            }
            TableStart(h, "Speakers and attributions (\"according to …\") each outlet credits, by kind of source. ✓ means the outlet credits it; — that it does not.", "sources sortable filterable");
            HeaderRow(h, new[] { "Source", "Kind" }.Concat(outlets).Append("Outlets"), new[] { "Outlets" });
            foreach (var item in sources)
            {
                h.Raw("<tr>").Element("th", item.Key, "scope=\"row\"");
                Cell(h, item.Type, "type");
                foreach (var outlet in outlets)
                {
                    if (item.Outlets.Contains(outlet, StringComparer.OrdinalIgnoreCase)) Cell(h, "✓", "none", "1");
                    else h.Raw("<td class=\"none\" data-sort=\"0\"><span aria-hidden=\"true\">—</span><span class=\"visually-hidden\">no</span></td>");
                }
                NumberCell(h, item.OutletCount);
                h.Raw("</tr>\n");
            }
            TableEnd(h);
        }
    }

    private static void WriteFraming(CoverageReportHtml h, CoverageComparison c, List<string> outlets, string id)
    {
        var framing = c.Items.Where(i => i.Kind == CoverageKind.Framing).ToList();
        if (framing.Count == 0)
        {
            h.Raw("<p>No hedges, loaded words or credited sources were found in this story's articles.</p>\n");
            return;
        }
        if (outlets.Count > WideTable)
        {
            // Many outlets: one row per outlet, one column per aspect.
            TableStart(h, "Hedging (\"alleged\", \"reportedly\") against flat assertion, loaded words, and the kinds of sources each outlet (rows) relies on, with the words or names found.", "framing sortable filterable");
            HeaderRow(h, new[] { "Outlet" }.Concat(framing.Select(i => i.Key)));
            foreach (var outlet in outlets)
            {
                h.Raw("<tr>").Element("th", outlet, "scope=\"row\"");
                foreach (var item in framing) Cell(h, item.Values.TryGetValue(outlet, out var v) ? v : "—", item.Values.ContainsKey(outlet) ? null : "none");
                h.Raw("</tr>\n");
            }
            TableEnd(h);
            return;
        }
        TableStart(h, "Hedging (\"alleged\", \"reportedly\") against flat assertion, loaded words, and the kinds of sources each outlet (columns) relies on, with the words or names found.", "framing filterable");
        HeaderRow(h, new[] { "Aspect" }.Concat(outlets));
        foreach (var item in framing)
        {
            h.Raw("<tr>").Element("th", item.Key, "scope=\"row\"");
            OutletCells(h, item, outlets);
            h.Raw("</tr>\n");
        }
        TableEnd(h);
    }

    private static readonly CoverageKind[] FactKinds = { CoverageKind.Entity, CoverageKind.Quote, CoverageKind.Source, CoverageKind.Number, CoverageKind.Date };

    private static void WriteUnique(CoverageReportHtml h, CoverageComparison c, List<string> outlets)
    {
        if (outlets.Count < 2)
        {
            h.Raw("<p>With one outlet, everything is that outlet's alone; see the tables above.</p>\n");
            return;
        }
        var unique = c.Items.Where(i => i.Status == CoverageStatus.Unique && Array.IndexOf(FactKinds, i.Kind) >= 0 && i.Outlets.Count == 1).ToList();
        if (unique.Count == 0)
        {
            h.Raw("<p>Every person, quote, source, number and date here is reported by more than one outlet.</p>\n");
            return;
        }
        foreach (var outlet in outlets)
        {
            var mine = unique.Where(i => string.Equals(i.Outlets[0], outlet, StringComparison.OrdinalIgnoreCase))
                             .OrderBy(i => Array.IndexOf(FactKinds, i.Kind)).ThenBy(i => i.Key, StringComparer.OrdinalIgnoreCase).ToList();
            if (mine.Count == 0) continue;
            h.Element("h4", string.Format(Inv, "{0} ({1} item{2})", outlet, mine.Count, mine.Count == 1 ? "" : "s")).Raw("\n<ul class=\"unique\">\n");
            foreach (var item in mine)
            {
                h.Raw("<li><span class=\"kind\">").Text(KindLabel(item)).Raw("</span>").Text(item.Key);
                item.Values.TryGetValue(outlet, out var value);
                if ((item.Kind is CoverageKind.Number or CoverageKind.Date or CoverageKind.Quote) && !string.IsNullOrWhiteSpace(value))
                    h.Raw(": <span").Raw(item.Kind == CoverageKind.Quote ? " class=\"quote\"" : "").Raw(">").Text(value).Raw("</span>");
                else if (item.Type != null)
                    h.Raw(" <span class=\"type\">(").Text(item.Type).Raw(")</span>");
                // What the article says: its sentence, to check the item against the text.
                string? said = item.Sentences.TryGetValue(outlet, out var sentence) ? sentence : item.Kind == CoverageKind.Entity ? item.Detail : null;
                if (!string.IsNullOrWhiteSpace(said)) h.Raw("<br><span class=\"said note\">").Text("“" + CoverageText.Shorten(said, 200) + "”").Raw("</span>");
                h.Raw("</li>\n");
            }
            h.Raw("</ul>\n");
        }
    }

    private static void WriteCopies(CoverageReportHtml h, CoverageComparison c)
    {
        var groups = c.Story.CopyGroups.Where(g => g.Count > 0).ToList();
        if (groups.Count == 0)
        {
            h.Raw("<p>No two articles here are copies of one text: each is its outlet's own report.</p>\n");
            return;
        }
        h.Raw("<p>Articles whose text is the same (a wire story republished under other headlines) count as one voice.</p>\n");
        int n = 0;
        foreach (var g in groups)
        {
            n++;
            string? agency = g.Select(a => a.Agency).FirstOrDefault(x => !string.IsNullOrWhiteSpace(x));
            TableStart(h, string.Format(Inv, "Copy group {0}{1}: {2} articles.", n, agency != null ? " (" + agency + ")" : "", g.Count), "copies");
            HeaderRow(h, new[] { "Outlet", "Headline", "Published", "Article Id" });
            foreach (var a in g.OrderBy(a => a.Published ?? DateTimeOffset.MaxValue))
            {
                string outlet = OutletName.Of(a);
                bool original = a.Agency != null && string.Equals(outlet, a.Agency, StringComparison.OrdinalIgnoreCase);
                h.Raw("<tr>").Element("th", outlet + (original ? " (the agency)" : ""), "scope=\"row\"");
                Cell(h, a.Title ?? "");
                Cell(h, a.Published is { } p ? ArticleTime.IsDateOnly(a) ? ArticleTime.Describe(a) : FormatTime(p) : "no date");
                Cell(h, a.Id);
                h.Raw("</tr>\n");
            }
            TableEnd(h);
        }
    }
}
