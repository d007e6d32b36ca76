using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using NewsCmdlets.Engine.Ingest.Text;
using NewsCmdlets.Engine.Text;

namespace NewsCmdlets.Engine.Ingest.Html;

/// <summary>The metadata of a page, each value with where it came from.</summary>
internal sealed class HtmlMeta
{
    public string? Title, TitleSource;
    public string? SiteName, SiteNameSource;
    public DateTimeOffset? Published, Updated;
    public string? PublishedSource, UpdatedSource;
    public readonly List<string> Authors = new();
    public string? AuthorsSource;
    public string? Agency, AgencySource;
    public string? OrgOutlet;
    public string? Language, LanguageSource;
    public string? Canonical, CanonicalSource;
    /// <summary>Addresses the page gives for itself that are no web address (javascript:, data:, malformed), with the reason.</summary>
    public readonly List<string> RefusedAddresses = new();
    public string? Description;
    public string? Standfirst, StandfirstSource;
    public string? Section;
    public string? OgType;
    /// <summary>JSON-LD or OpenGraph say the page is an article.</summary>
    public bool TypedAsArticle;
    public string? JsonLdArticleBody;
    public string? Dateline;
}

/// <summary>
/// Reads a page's metadata: JSON-LD (NewsArticle and its kin, in @graph or arrays, tolerating broken JSON),
/// OpenGraph and article:* tags, common meta tags (author, date, Dublin Core, Parse.ly, Sailthru), itemprop
/// microdata, &lt;time datetime&gt;, visible bylines and date lines near the story, the canonical link and
/// &lt;html lang&gt;.
/// </summary>
internal static partial class HtmlMetadata
{
    private static readonly HashSet<string> ArticleTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle", "BackgroundNewsArticle",
        "ReviewNewsArticle", "AskPublicNewsArticle", "BlogPosting", "LiveBlogPosting", "SocialMediaPosting", "TechArticle",
        "ScholarlyArticle", "Report", "SatiricalArticle", "Review", "AdvertiserContentArticle", "DiscussionForumPosting",
    };

    private static readonly string[] PublishedKeys =
    {
        "article:published_time", "og:article:published_time", "article:published", "og:published_time", "datepublished",
        "parsely-pub-date", "sailthru.date", "pubdate", "publishdate", "publish-date", "publish_date", "publication_date",
        "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date", "dc.date.created", "dcterms.created", "date",
        "article.published", "og:pubdate", "pdate", "displaydate", "originalpublicationdate", "citation_publication_date",
    };

    private static readonly string[] UpdatedKeys =
    {
        "article:modified_time", "og:article:modified_time", "og:updated_time", "article:updated_time", "datemodified",
        "dcterms.modified", "dc.date.modified", "last-modified", "lastmod", "article.updated", "modified",
    };

    private static readonly string[] AuthorKeys =
    {
        "author", "article:author", "og:article:author", "parsely-author", "sailthru.author", "dc.creator", "dcterms.creator",
        "byl", "citation_author", "cxenseparse:author", "creator",
    };

    private static readonly Regex ByPrefix = new(@"^\s*(?:(?:written|words|reporting|posted|story|text)\s+)?(?:by|von|por|par|di|door|av|af)\s*[:\-]?\s+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private static readonly Regex AuthorNoise = new(
        @"(?:e-?mail the author|contact the author|follow (?:him|her|them|me|the author)?\s*(?:on|at)?\s*\w*|view (?:all )?(?:posts|articles|stories)\b.*$|more (?:from|by) .*$|@[A-Za-z0-9_]{2,30}|\S+@\S+\.\w+|https?://\S+|\bupdated\b.*$|\bpublished\b.*$|\bposted\b.*$)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private static readonly Regex Dateline = NewsPatterns.Dateline;
    private static readonly Regex AgencyOnlyDateline = NewsPatterns.AgencyOnlyDateline;

    public static HtmlMeta Read(HtmlDom dom, ContentSelection sel, HtmlArticleOptions options, List<string> decisions)
    {
        var m = new HtmlMeta();
        var metas = dom.Meta.Metas;
        string? Meta(string key)
        {
            foreach (var (k, v) in metas) if (k == key && v.Length > 0) return v;
            return null;
        }

        // JSON-LD first: it is the most precise and states time zones.
        var ld = ReadJsonLd(dom.Meta.JsonLd, decisions);

        m.OgType = Meta("og:type");
        m.TypedAsArticle = ld.Found || m.OgType != null && m.OgType.Contains("article", StringComparison.OrdinalIgnoreCase);
        m.JsonLdArticleBody = ld.ArticleBody;
        m.Section = ld.Section ?? Meta("article:section");
        m.Description = Meta("og:description") ?? Meta("description") ?? Meta("twitter:description");

        // Canonical address.
        // Only an absolute http(s) address (relative ones resolved against the page's) is kept; see WebAddress.
        foreach (var (rel, href) in dom.Meta.Links)
            if (rel.Split(' ').Contains("canonical") && href.Length > 0) { TakeAddress(m, href, "canonical link", options.BaseUri); break; }
        if (m.Canonical == null && Meta("og:url") is { } ogUrl) TakeAddress(m, ogUrl, "og:url", options.BaseUri);

        // Site name.
        if (Meta("og:site_name") is { } site) { m.SiteName = Clean(site); m.SiteNameSource = "og:site_name"; }
        else if (ld.Publisher != null) { m.SiteName = ld.Publisher; m.SiteNameSource = "JSON-LD publisher"; }
        else if (Meta("application-name") is { } app) { m.SiteName = Clean(app); m.SiteNameSource = "application-name meta tag"; }

        ReadTitle(dom, sel, m, ld, Meta);
        ReadDates(dom, sel, m, ld, Meta);
        ReadAuthors(dom, sel, m, ld, Meta);
        ReadLanguage(dom, m, ld, Meta);
        ReadStandfirst(dom, sel, m);
        return m;
    }

    // ---------------------------------------------------------------- title

    /// <summary>A heading's text, up to a paragraph inside it: a heading left unclosed ("&lt;h1&gt;Headline&lt;p&gt;The
    /// story…") holds the story too, which is no part of the headline.</summary>
    private static string HeadlineText(AngleSharp.Dom.IElement heading)
    {
        if (heading.QuerySelector("p") == null) return HtmlDom.TextOf(heading, 400);
        var sb = new StringBuilder();
        foreach (var child in heading.ChildNodes)
        {
            if (child is AngleSharp.Dom.IElement e && (e.LocalName == "p" || e.QuerySelector("p") != null)) break;
            sb.Append(child.TextContent);
            if (sb.Length > 400) break;
        }
        return sb.ToString();
    }

    private static void ReadTitle(HtmlDom dom, ContentSelection sel, HtmlMeta m, JsonLdInfo ld, Func<string, string?> meta)
    {
        string? h1 = null;
        foreach (int i in dom.Meta.H1s)
        {
            var n = dom.Nodes[i];
            if (IsInChrome(dom, i)) continue;
            string t = HeadlineText(n.El).Trim();
            if (t.Length > 0) { h1 = t; break; }
        }
        string? og = meta("og:title") ?? meta("twitter:title");
        string? title = null, source = null;
        if (og != null) { title = og; source = "og:title"; }
        else if (ld.Headline != null) { title = ld.Headline; source = "JSON-LD headline"; }
        else if (h1 != null) { title = h1; source = "<h1>"; }
        else if (meta("dc.title") is { } dc) { title = dc; source = "DC.title meta tag"; }
        else if (dom.Meta.Title != null) { title = dom.Meta.Title; source = "<title>"; }
        if (title == null) return;
        title = Clean(title);
        string stripped = StripSiteSuffix(title, m.SiteName, m.Canonical, h1);
        if (stripped != title) source += " (site name removed)";
        m.Title = stripped.Length > 0 ? stripped : title;
        m.TitleSource = source;
    }

    private static readonly string[] TitleSeparators = { " | ", " - ", " – ", " — ", " :: ", " · ", " • ", " « ", " » ", " / " };

    internal static string StripSiteSuffix(string title, string? siteName, string? canonical, string? h1)
    {
        if (h1 != null && h1.Length >= 8 && title.Length > h1.Length && title.StartsWith(h1, StringComparison.OrdinalIgnoreCase))
        {
            string rest = title[h1.Length..].TrimStart();
            foreach (var sep in TitleSeparators)
                if (rest.StartsWith(sep.Trim(), StringComparison.Ordinal)) return title[..h1.Length].Trim();
        }
        string host = "";
        if (canonical != null && Uri.TryCreate(canonical, UriKind.Absolute, out var u)) host = u.Host.ToLowerInvariant();
        string siteNorm = siteName == null ? "" : TextShape.Normalise(siteName).Replace(" ", "");
        string result = title;
        for (int round = 0; round < 2; round++)
        {
            int bestIdx = -1; string? bestSep = null;
            foreach (var sep in TitleSeparators)
            {
                int i = result.LastIndexOf(sep, StringComparison.Ordinal);
                if (i > bestIdx) { bestIdx = i; bestSep = sep; }
            }
            if (bestIdx <= 0 || bestSep == null) break;
            string tail = result[(bestIdx + bestSep.Length)..].Trim();
            string head = result[..bestIdx].Trim();
            string tailNorm = TextShape.Normalise(tail).Replace(" ", "");
            bool isSite = tailNorm.Length > 0 && (siteNorm.Length > 0 && (tailNorm.Contains(siteNorm) || siteNorm.Contains(tailNorm)) ||
                                                  host.Length > 0 && host.Replace(".", "").Replace("-", "").Contains(tailNorm));
            bool shortTail = bestSep.Trim() is "|" or "::" or "·" or "•" or "«" or "»" && TextShape.CountWords(tail) <= 4 && TextShape.CountWords(head) >= 3;
            if (!isSite && !shortTail) break;
            result = head;
        }
        // A leading "Site Name | Headline".
        if (siteNorm.Length > 0)
        {
            foreach (var sep in TitleSeparators)
            {
                int i = result.IndexOf(sep, StringComparison.Ordinal);
                if (i <= 0) continue;
                string lead = TextShape.Normalise(result[..i]).Replace(" ", "");
                if (lead == siteNorm) { result = result[(i + sep.Length)..].Trim(); break; }
            }
        }
        return result;
    }

    // ---------------------------------------------------------------- dates

    private static void ReadDates(HtmlDom dom, ContentSelection sel, HtmlMeta m, JsonLdInfo ld, Func<string, string?> meta)
    {
        void TryPublished(string? value, string source)
        {
            if (m.Published != null || string.IsNullOrWhiteSpace(value)) return;
            if (NewsDateParser.TryParse(value, out var d))
            {
                m.Published = d.Value;
                m.PublishedSource = source + Note(d);
            }
        }
        void TryUpdated(string? value, string source)
        {
            if (m.Updated != null || string.IsNullOrWhiteSpace(value)) return;
            if (NewsDateParser.TryParse(value, out var d))
            {
                m.Updated = d.Value;
                m.UpdatedSource = source + Note(d);
            }
        }

        TryPublished(ld.DatePublished, "JSON-LD datePublished");
        TryUpdated(ld.DateModified, "JSON-LD dateModified");
        foreach (var key in PublishedKeys)
        {
            if (m.Published != null) break;
            TryPublished(meta(key), KeyLabel(key));
        }
        foreach (var key in UpdatedKeys)
        {
            if (m.Updated != null) break;
            TryUpdated(meta(key), KeyLabel(key));
        }
        // Microdata on visible elements.
        foreach (var (node, prop) in dom.Meta.ItemProps)
        {
            if (prop is not ("datePublished" or "dateModified" or "dateCreated")) continue;
            var el = dom.Nodes[node].El;
            string? v = el.GetAttribute("datetime") ?? el.GetAttribute("content") ?? HtmlDom.TextOf(el, 200);
            if (prop == "dateModified") TryUpdated(v, "itemprop=dateModified");
            else TryPublished(v, $"itemprop={prop}");
        }
        // <time datetime> near the story.
        int limit = sel.Container >= 0 ? dom.Nodes[sel.Container].BlockEnd : int.MaxValue;
        if (m.Published == null)
        {
            int pick = -1;
            foreach (int i in dom.Meta.Times)
            {
                var n = dom.Nodes[i];
                if (n.BlockEnd > limit || IsInChrome(dom, i)) continue;
                if (n.El.GetAttribute("datetime") is null) continue;
                if (n.El.HasAttribute("pubdate") || HasHint(dom, i, Hint.Date, 3)) { pick = i; break; }
                if (pick < 0) pick = i;
            }
            if (pick >= 0) TryPublished(dom.Nodes[pick].El.GetAttribute("datetime"), "<time datetime>");
        }
        // A visible date line (class date/timestamp/published) near the story.
        if (m.Published == null)
        {
            foreach (int i in dom.Meta.DateNodes)
            {
                var n = dom.Nodes[i];
                if (n.BlockEnd > limit || IsInChrome(dom, i)) continue;
                string t = HtmlDom.TextOf(n.El, 200);
                if (t.Length is < 6 or > 150) continue;
                bool upd = t.Contains("updated", StringComparison.OrdinalIgnoreCase) || t.Contains("modified", StringComparison.OrdinalIgnoreCase);
                if (upd && !t.Contains("publish", StringComparison.OrdinalIgnoreCase) && !t.Contains("posted", StringComparison.OrdinalIgnoreCase))
                    TryUpdated(t, "date line on the page");
                else
                    TryPublished(t, "date line on the page");
                if (m.Published != null) break;
            }
        }
        // Last resort: a short date line at the top of the story.
        if (m.Published == null && sel.Body.Count > 0)
        {
            foreach (var b in sel.Body.Take(3))
            {
                if (b.Words <= 12 && b.Text.Length <= 80 && NewsDateParser.TryParse(b.Text, out var d))
                {
                    m.Published = d.Value; m.PublishedSource = "date line above the story" + Note(d);
                    break;
                }
            }
        }
        if (m.Published is { } p && m.Updated is { } u && u < p)
        {
            m.Updated = null; m.UpdatedSource = null;
        }
    }

    private static string Note(ParsedDate d) => d.Note;

    private static string KeyLabel(string key) =>
        key.Contains(':') ? $"OpenGraph {key}" : $"{key} meta tag";

    // ---------------------------------------------------------------- authors

    private static void ReadAuthors(HtmlDom dom, ContentSelection sel, HtmlMeta m, JsonLdInfo ld, Func<string, string?> meta)
    {
        string? agency = null, outlet = null;
        bool Take(IEnumerable<string> raw, string source)
        {
            var found = new List<string>();
            foreach (var r in raw) CleanAuthor(r, found, ref agency, ref outlet);
            if (found.Count == 0 && agency == null) return false;
            foreach (var a in found)
                if (!m.Authors.Any(x => string.Equals(TextShape.Normalise(x), TextShape.Normalise(a), StringComparison.Ordinal))) m.Authors.Add(a);
            m.AuthorsSource ??= found.Count > 0 ? source : null;
            if (agency != null) m.AgencySource ??= source;
            return found.Count > 0;
        }

        if (ld.Authors.Count > 0) Take(ld.Authors, "JSON-LD author");
        if (ld.AuthorOrgs.Count > 0)
        {
            foreach (var org in ld.AuthorOrgs)
            {
                if (WireAgencies.TryResolve(org, out var ag)) { agency ??= ag; m.AgencySource ??= "JSON-LD author (organisation)"; }
                else outlet ??= org;
            }
        }
        if (m.Authors.Count == 0)
        {
            foreach (var key in AuthorKeys)
            {
                var values = dom.Meta.Metas.Where(x => x.Key == key && x.Content.Length > 0 && !LooksLikeUrl(x.Content)).Select(x => x.Content).ToList();
                if (values.Count > 0 && Take(values, KeyLabel(key))) break;
            }
        }
        if (m.Authors.Count == 0)
        {
            var props = dom.Meta.ItemProps.Where(x => x.Prop is "author" or "creator").Select(x => x.Node).ToList();
            var texts = new List<string>();
            foreach (int i in props)
            {
                if (IsInChrome(dom, i)) continue;
                var el = dom.Nodes[i].El;
                string? name = el.QuerySelector("[itemprop~=name]")?.GetAttribute("content") ?? (el.QuerySelector("[itemprop~=name]") is { } ne ? HtmlDom.TextOf(ne, 200) : null);
                name ??= el.GetAttribute("content") ?? HtmlDom.TextOf(el, 200);
                if (!string.IsNullOrWhiteSpace(name)) texts.Add(name);
            }
            if (texts.Count > 0) Take(texts, "itemprop=author");
        }
        int limit = sel.Container >= 0 ? dom.Nodes[sel.Container].BlockEnd : int.MaxValue;
        if (m.Authors.Count == 0)
        {
            var texts = new List<string>();
            foreach (int i in dom.Meta.RelAuthors)
            {
                var n = dom.Nodes[i];
                if (n.BlockEnd > limit || IsInChrome(dom, i)) continue;
                texts.Add(HtmlDom.TextOf(n.El, 200));
            }
            if (texts.Count > 0) Take(texts, "rel=author link");
        }
        if (m.Authors.Count == 0)
        {
            foreach (int i in dom.Meta.Bylines)
            {
                var n = dom.Nodes[i];
                if (n.BlockEnd > limit || IsInChrome(dom, i)) continue;
                // The outermost byline element only.
                if (n.Parent >= 0 && HasHint(dom, n.Parent, Hint.Byline, 4)) continue;
                string t = HtmlDom.TextOf(n.El, 300);
                if (t.Length is 0 or > 200) continue;
                if (Take(new[] { t }, "byline on the page")) break;
            }
        }
        // Dateline with agency in the first paragraph.
        if (sel.Body.Count > 0)
        {
            string first = sel.Body.FirstOrDefault(b => b.IsProse)?.Text ?? sel.Body[0].Text;
            var dm = Dateline.Match(first);
            if (dm.Success && dm.Groups["place"].Value.Count(char.IsLetter) >= 3 && dm.Groups["place"].Value.Length <= 40)
            {
                m.Dateline = TextShape.TitleCaseIfUpper(dm.Groups["place"].Value.Trim().TrimEnd(','));
            }
            else dm = AgencyOnlyDateline.Match(first);
            if (dm.Success && dm.Groups["agency"].Success && WireAgencies.TryResolve(dm.Groups["agency"].Value, out var ag2))
            {
                if (agency == null) { agency = ag2; m.AgencySource = "dateline"; }
            }
        }
        m.Agency = agency;
        m.OrgOutlet = outlet;
    }

    private static bool LooksLikeUrl(string s) => s.StartsWith("http", StringComparison.OrdinalIgnoreCase) || s.StartsWith("//", StringComparison.Ordinal) || s.StartsWith('/');

    /// <summary>Cleans one author credit into names; wire services go to <paramref name="agency"/>, organisations to <paramref name="outlet"/>.</summary>
    internal static void CleanAuthor(string raw, List<string> authors, ref string? agency, ref string? outlet)
    {
        if (string.IsNullOrWhiteSpace(raw) || LooksLikeUrl(raw.Trim())) return;
        string s = raw.Replace('\u00A0', ' ').Trim();
        if (s.Length > 300) return;
        // Keep the first line of a byline box; cut "| Updated …" and the like.
        int nl = s.IndexOfAny(new[] { '\n', '|', '•', '·' });
        if (nl > 0) s = s[..nl];
        s = AuthorNoise.Replace(s, " ");
        s = ByPrefix.Replace(s, "");
        s = Regex.Replace(s, @"\s+", " ").Trim().Trim(',', ';', ':', '-', '—', '–', '.', ' ');
        if (s.Length == 0) return;
        // "Jane Doe. Some Outlet": a sentence stop after a full word separates the parts (an initial "E." does not).
        s = NameStop.Replace(s, ", ");
        if (WireAgencies.TryResolve(s, out var ag)) { agency ??= ag; return; }
        var tmp = new List<string>();
        string? a = agency, o = outlet;
        if (TextArticleParser.TryReadByline(s, tmp, ref a, ref o))
        {
            agency = a; outlet = o;
            foreach (var t in tmp) AddName(authors, t);
            return;
        }
        // A name TryReadByline does not know the shape of ("Nguyễn Văn A", "bell hooks"): accept plain short names.
        var tokens = s.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length is >= 1 and <= 5 && s.Length <= 60 && !s.Any(char.IsDigit) && tokens.Any(t => char.IsUpper(t[0])) &&
            !TextShape.EndsLikeSentence(s) && s.All(ch => char.IsLetter(ch) || ch is ' ' or '.' or '-' or '\'' or '’'))
            AddName(authors, TextShape.TitleCaseIfUpper(s));
    }

    private static readonly Regex NameStop = new(@"(?<=\p{Ll}{2})\.\s+(?=\p{Lu})", RegexOptions.CultureInvariant | RegexOptions.Compiled);

    /// <summary>Credits that name a desk or a role, not a person.</summary>
    private static readonly HashSet<string> NotPeople = new(StringComparer.OrdinalIgnoreCase)
    {
        "editorial", "editorials", "staff", "admin", "administrator", "editor", "editors", "newsroom", "news desk", "web desk",
        "desk", "team", "guest", "guest author", "anonymous", "unknown", "redaktion", "redacción", "redaccion", "rédaction",
        "redazione", "redactie", "webmaster", "wire", "wires", "agencies", "staff writer", "staff reporter", "editorial board",
        "editorial team", "the editors", "editorial staff", "contributor", "sponsored",
    };

    private static void AddName(List<string> authors, string name)
    {
        name = name.Trim();
        if (name.Length < 2 || NotPeople.Contains(name)) return;
        string norm = TextShape.Normalise(name);
        if (authors.Any(x => TextShape.Normalise(x) == norm)) return;
        authors.Add(name);
    }

    // ---------------------------------------------------------------- language and standfirst

    private static void ReadLanguage(HtmlDom dom, HtmlMeta m, JsonLdInfo ld, Func<string, string?> meta)
    {
        string? Code(string? v)
        {
            if (string.IsNullOrWhiteSpace(v)) return null;
            string t = v.Trim();
            int cut = t.IndexOfAny(new[] { '-', '_', ',', ';', ' ' });
            if (cut > 0) t = t[..cut];
            t = t.ToLowerInvariant();
            return t.Length is 2 or 3 && t.All(char.IsAsciiLetterLower) ? t : null;
        }
        if (Code(dom.Meta.Lang) is { } l) { m.Language = l; m.LanguageSource = "<html lang>"; }
        else if (Code(ld.Language) is { } l2) { m.Language = l2; m.LanguageSource = "JSON-LD inLanguage"; }
        else if (Code(meta("content-language")) is { } l3) { m.Language = l3; m.LanguageSource = "Content-Language meta tag"; }
        else if (Code(meta("og:locale")) is { } l4) { m.Language = l4; m.LanguageSource = "og:locale"; }
    }

    private static void ReadStandfirst(HtmlDom dom, ContentSelection sel, HtmlMeta m)
    {
        // A standfirst-classed block above the story's first paragraph.
        int first = sel.Body.Count > 0 ? dom.Blocks.IndexOf(sel.Body[0]) : -1;
        if (first > 0)
        {
            for (int k = first - 1; k >= Math.Max(0, first - 15); k--)
            {
                var b = dom.Blocks[k];
                if (b.Standfirst >= 0 && b.Words is >= 5 and <= 80 && b.LinkDensity < 0.3 && b.Chrome < 0)
                {
                    m.Standfirst = b.Text; m.StandfirstSource = "summary line above the story";
                    return;
                }
            }
        }
        if (m.Description != null)
        {
            string d = Clean(m.Description);
            int words = TextShape.CountWords(d);
            string bodyStart = sel.Body.Count > 0 ? TextShape.Normalise(sel.Body[0].Text) : "";
            string dn = TextShape.Normalise(d);
            bool repeatsBody = dn.Length > 0 && bodyStart.Length > 0 && (bodyStart.StartsWith(dn.Length > 60 ? dn[..60] : dn, StringComparison.Ordinal));
            if (words is >= 5 and <= 80 && !repeatsBody && !TextShape.IsTruncated(d))
            {
                m.Standfirst = d; m.StandfirstSource = "description meta tag";
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private static bool IsInChrome(HtmlDom dom, int node)
    {
        int guard = 0;
        for (int p = node; p >= 0 && guard < 1000; p = dom.Nodes[p].Parent, guard++)
        {
            var n = dom.Nodes[p];
            if (n.IsChrome && n.Tag is not "header") return true;
        }
        return false;
    }

    private static bool HasHint(HtmlDom dom, int node, Hint hint, int levels)
    {
        for (int p = node, k = 0; p >= 0 && k <= levels; p = dom.Nodes[p].Parent, k++)
            if (dom.Nodes[p].Hint == hint) return true;
        return false;
    }

    internal static string Clean(string s)
    {
        s = System.Net.WebUtility.HtmlDecode(s);
        var sb = new StringBuilder(s.Length);
        bool space = false;
        foreach (char c in s)
        {
            if (char.IsWhiteSpace(c)) { space = sb.Length > 0; continue; }
            if (space) { sb.Append(' '); space = false; }
            sb.Append(c);
        }
        return sb.ToString();
    }
}
