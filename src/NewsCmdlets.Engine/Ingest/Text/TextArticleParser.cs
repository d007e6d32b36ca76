using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using NewsCmdlets.Engine.Model;
using NewsCmdlets.Engine.Text;

namespace NewsCmdlets.Engine.Ingest.Text;

/// <summary>Options for reading one plain-text article.</summary>
public sealed class TextArticleOptions
{
    /// <summary>Path, URI or name recorded as the article's Source.</summary>
    public string? Source { get; init; }

    /// <summary>The outlet to record when the text does not name one.</summary>
    public string? Outlet { get; init; }

    /// <summary>"Now" for rejecting dates in the future; defaults to the clock.</summary>
    public DateTimeOffset? Now { get; init; }

    /// <summary>Warnings noticed before parsing (e.g. while decoding) to carry on the article.</summary>
    public IReadOnlyList<string>? Warnings { get; init; }
}

/// <summary>
/// Reads a news article from plain text as it arrives from saved pages and copy-paste: an optional
/// <c>date YYYY-MM-DD headline</c> first line, headline, standfirst, captions, bylines, "Posted/Updated" stamps,
/// datelines, and the page chrome around the story. Chrome is recognised by its structure (short lines without
/// sentence endings, teaser cards with relative times, cut-off summaries, blocks repeated on the page, distance from
/// the story); nothing is matched against fixed strings. Text that is not taken into the story is kept in
/// <see cref="NewsArticle.Removed"/>. A block of "Key: value" lines at the top (front matter as note-taking tools and
/// exports write it: "Title:", "Outlet:", "Published:", "Author:", "URL:" …, optionally between "---" fences) is read
/// as the article's fields; see <see cref="FrontMatterKeys"/>.
/// </summary>
public static partial class TextArticleParser
{
    private const RegexOptions Rx = RegexOptions.CultureInvariant | RegexOptions.Compiled;

    private static readonly Regex HeaderLine = new(@"^(?:date|dated|published)\s*:?\s+(?<date>\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?)\s*(?<rest>.*)$", Rx | RegexOptions.IgnoreCase);
    private static readonly Regex Byline = new(@"^(?:by|written by|words by|reporting by)\s+(?<who>\S.{0,160})$", Rx | RegexOptions.IgnoreCase);
    private static readonly Regex Stamp = new(@"^(?<kind>posted|published|first published|updated|last updated|last modified|modified|created)\s*(?:on|at)?\s*:?\s*(?<when>.{6,80})$", Rx | RegexOptions.IgnoreCase);
    private static readonly Regex ReportingCredit = new(@"^[\(\[]?\s*(?:additional\s+)?reporting by\s+(?<who>[^;\)\]]{2,200})", Rx | RegexOptions.IgnoreCase);
    /// <summary>A link to another article set inside the story ("Read more: …", "RELATED: …", "See also – …").</summary>
    private static readonly Regex CrossReference = new(@"^(?:read\s+(?:more|also|next)|also\s+read|related(?:\s+(?:story|stories|article|coverage))?|see\s+also|more\s+on\s+this(?:\s+story)?|must\s+read|don[’']t\s+miss|recommended|watch|listen)\s*(?::|\||–|—|-|>>|»)\s*\S", Rx | RegexOptions.IgnoreCase);
    private static readonly Regex CaptionCredit = new(@"\((?:[^()]{0,80}[\s/])?(?:Photo|Photos|Photograph|Image|Images|Video|Illustration|Pool|File)\b[^()]{0,80}\)\s*$|^(?:FILE|PHOTO|IMAGE|VIDEO)\s*[-–—:]\s|^(?:Photo|Image|Picture|Caption|Credit)s?\s*:\s", Rx | RegexOptions.IgnoreCase);

    /// <summary>
    /// Photo credits without brackets: a caption's sentence followed by "Name Surname / AGENCY", or a credit line of its
    /// own in the wire's form ("JANE DOE/NPA PHOTO, FILE").
    /// </summary>
    private static readonly Regex PhotoCredit = new(
        @"[.!?][""”’)]?\s+(?:\p{Lu}[\p{L}'’\-]*\.?\s){1,3}\p{Lu}[\p{L}'’\-]*\s?/\s?\p{Lu}[\p{L}.&]{0,20}(?:\s\p{Lu}[\p{L}.&]{0,20}){0,2}\s*$|^(?:\p{Lu}[\p{L}'’.\-]*\s?){1,4}/\s?\p{Lu}[\p{L}.&'’ ]{0,40}\b(?:PHOTOS?|Photos?|IMAGES?|Images?|POOL|Pool)\b(?:,\s?(?:FILE|File))?$",
        Rx);

    private static bool IsCaption(string text) =>
        CaptionCredit.IsMatch(text) || text.Length <= 600 && text.Contains('/') && PhotoCredit.IsMatch(text);
    private static readonly Regex Copyright = new(@"^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?<who>[^.|]{2,80}?)\s*(?:\.|,|\||all rights reserved|$)", Rx | RegexOptions.IgnoreCase);
    private static readonly Regex Dateline = NewsPatterns.Dateline;
    private static readonly Regex AgencyOnlyDateline = NewsPatterns.AgencyOnlyDateline;
    private static readonly Regex RoleWords = new(@"\b(?:staff|senior|chief|special|political|foreign|national|local|business|sports|science|health|deputy|associate|managing|contributing)?\s*(?:writer|reporter|correspondent|editor|contributor|columnist|producer|journalist|photographer|analyst|bureau chief|staff)\b", Rx | RegexOptions.IgnoreCase);
    private static readonly Regex OrgWords = new(@"\b(?:News|Press|Times|Post|Media|Agency|Network|Journal|Herald|Tribune|Daily|Magazine|Broadcasting|Radio|TV|Television|Telegraph|Gazette|Chronicle|Bureau|Reuters|Wire|Newspaper|Online|Channel|Report|Observer|Express|Mail|Star|Sun|Independent|Guardian|Economist|Globe|Standard|Review|Courier|Ledger|Record|Dispatch|Bulletin|Examiner|Inquirer|Enquirer|Sentinel|Monitor|Mirror|Argus|Advertiser|Today|Weekly|Gazette|Digest|Presse|Zeitung|Correspondent)\b", Rx);
    private static readonly Regex AgencyWords = new(@"\b(?:Agency|Agence|Agencia|Agentur|Newswire|Wire Service|Press Association|News Service|Presse-Agentur)\b", Rx | RegexOptions.IgnoreCase);
    private static readonly Regex NameToken = new(@"^(?:[\p{Lu}][\p{L}'’.\-]*|de|da|do|dos|del|della|van|von|der|den|la|le|bin|binti|al|el|ibn|y|du|di)$", Rx);
    // Not anchored and run over a whole credit line: "\S+@" tried at every position of a long token is quadratic in the
    // backtracking engine (a 100,000-character token took minutes), so it runs in the linear-time engine.
    private static readonly Regex Noise = new(@"(?:email the author|follow (?:him|her|them|me)? ?on \w+|@\w+|\S+@\S+\.\w+|view (?:all )?(?:articles|stories|profile).*$|updated .*$|posted .*$)", Rx | RegexOptions.IgnoreCase | RegexOptions.NonBacktracking);

    private sealed class Para
    {
        public required string Text;
        public int Words;
        public Role Role = Role.Candidate;
        public double Score;
    }

    private enum Role { Candidate, Header, Title, Standfirst, Caption, Byline, Stamp, Body, Removed }

    public static NewsArticle Parse(string text, TextArticleOptions? options = null)
    {
        options ??= new TextArticleOptions();
        var now = options.Now ?? DateTimeOffset.UtcNow;
        var sources = new FieldSources();
        var warnings = new List<string>(options.Warnings ?? Array.Empty<string>());

        var front = ReadFrontMatter(ref text);
        var paras = Split(text);
        string? title = null, standfirst = null, dateline = null, agency = null, outlet = null, url = null, language = null;
        DateTimeOffset? published = null, updated = null;
        string? publishedSource = null, updatedSource = null;
        var authors = new List<string>();
        var captions = new List<string>();
        var categories = new List<string>();
        string? bylineCredit = null;

        int first = 0;

        // 0. Front matter: its fields win over what the text's shape suggests. Of two lines for one field the first
        // wins, and Sources names that line.
        void Fill(ref string? slot, string value, string field, string src)
        {
            if (slot != null) return;
            slot = value;
            sources.Set(field, src);
        }
        if (front != null)
        {
            foreach (var (key, value) in front.Fields)
            {
                string src = $"front matter '{key}:'";
                switch (FrontMatterKeys[key])
                {
                    case "Title":
                        if (ChromeOf(value) is Chrome.Date or Chrome.Url or Chrome.Time)
                            warnings.Add($"The front matter's '{key}: {value}' is a {(ChromeOf(value) == Chrome.Url ? "web address" : "timestamp")}, not a headline; the headline was looked for in the text.");
                        else Fill(ref title, value, "Title", src);
                        break;
                    case "Standfirst": Fill(ref standfirst, value, "Standfirst", src); break;
                    case "Outlet":
                        if (LooksLikeUrl(value)) { Fill(ref url, value, "Url", src); break; }
                        Fill(ref outlet, value, "Outlet", src);
                        // A wire agency named as the outlet (its own site), or credited in parentheses ("The Daily
                        // Example (Northsea Press Agency)"), is the article's agency too.
                        if (AgencyOf(value) is { } named) Fill(ref agency, named, "Agency", src);
                        break;
                    case "Agency": Fill(ref agency, WireAgencies.TryResolve(value, out var ag) && !string.IsNullOrEmpty(ag) ? ag : value, "Agency", src); break;
                    case "Authors":
                        if (TryReadByline(value, authors, ref agency, ref outlet)) sources.Set("Authors", src);
                        break;
                    case "Url":
                        if (WebAddress.Resolve(value, null, out string? urlProblem) is { } address) Fill(ref url, address, "Url", src);
                        else warnings.Add($"The front matter's '{key}:' was left out of Url: {urlProblem ?? "it is empty"}.");
                        break;
                    case "Dateline": Fill(ref dateline, value, "Dateline", src); break;
                    case "Language":
                        if (LanguageCode(value) is { } code) Fill(ref language, code, "Language", src);
                        else warnings.Add($"The front matter's '{key}: {value}' names no language this module knows; write a code such as 'en' or a name such as 'English'. The language was detected from the text instead.");
                        break;
                    case "Categories":
                        foreach (var c in value.Split(new[] { ',', ';', '|' }, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                            if (!categories.Contains(c, StringComparer.OrdinalIgnoreCase)) categories.Add(c.Trim('"', '\'', '[', ']'));
                        break;
                    case "Published" or "Updated":
                        if (!NewsDateParser.TryParse(value, out var fd))
                        {
                            warnings.Add($"The front matter's '{key}: {value}' is no date this module can read; use a form such as 2026-03-14 or 14 March 2026.");
                            break;
                        }
                        string how = src + fd.Note;
                        if (FrontMatterKeys[key] == "Published") { if (published == null) { published = fd.Value; publishedSource = how; } }
                        else if (updated == null) { updated = fd.Value; updatedSource = how; }
                        break;
                }
            }
        }

        // Where a bare date line is set aside as the page's own (a site header's "today"), and a site's name read from
        // its logo text: kept for later, when the story has told what fits.
        DateTimeOffset? pageDate = null;
        string? logoOutlet = null;

        // 1. "date YYYY-MM-DD <headline or standfirst>" first line. What follows the date is the headline, or the
        // standfirst when it reads as prose; a web address, a timestamp, a site's logo text or a section label copied
        // from the top of a page is neither, and the headline is then looked for in the text.
        if (paras.Count > 0)
        {
            var m = HeaderLine.Match(paras[0].Text);
            if (m.Success)
            {
                paras[0].Role = Role.Header;
                if (NewsDateParser.TryParse(m.Groups["date"].Value, out var d))
                {
                    published = d.Value;
                    publishedSource = "file header line" + d.Note;
                }
                string rest = m.Groups["rest"].Value.Trim();
                var restKind = rest.Length == 0 ? Chrome.None : ChromeOf(rest);
                if (restKind == Chrome.Url) TakeUrl(rest, "file header line");
                else if (restKind == Chrome.Logo) logoOutlet ??= LogoName(rest);
                else if (restKind == Chrome.Date && NewsDateParser.TryParse(rest, out var rd)) TakeDateLine(rd, "file header line");
                else if (restKind != Chrome.None) { } // a relative time or section label: set aside with the header line
                else if (rest.Length > 0)
                {
                    if (LooksLikeHeadline(rest)) { title = rest; sources.Set("Title", "file header line"); }
                    else { standfirst = rest; sources.Set("Standfirst", "file header line"); }
                }
                first = 1;
            }
        }

        // 2. The headline: the headline-shaped line just above the story (with its standfirst, byline, stamps and
        // captions between them), not a site's name, section label, navigation or date above it. A headline named in
        // front matter or the header line may be written again over the story.
        int h = -1;
        if (title != null)
        {
            string nt = TextShape.Normalise(title);
            for (int i = first; i < first + HeadLines && i < paras.Count; i++)
                if (paras[i].Role == Role.Candidate && TextShape.Normalise(paras[i].Text) == nt) { h = i; break; }
        }
        else
        {
            // The first line that is not page chrome, if it is headline-shaped; and the headline-shaped line right over
            // the story. The second wins when page chrome (other than one date, unless the first is as short as a
            // site's name) lies between them: the first was the site's name or a menu.
            int storyStart = StoryStart(paras, first);
            int fwd = first;
            while (fwd < paras.Count && (ChromeOf(paras[fwd].Text) is var c && c != Chrome.None && (c != Chrome.Label || IsKicker(paras, fwd)))) fwd++;
            if (!(fwd < paras.Count && paras.Count - fwd > 1 && LooksLikeHeadline(paras[fwd].Text) && !IsFrontMatter(paras[fwd].Text) && !IsDatelineStart(paras[fwd].Text)))
                fwd = -1;
            int up = FindHeadline(paras, first, storyStart, out int standfirstLine);
            if (fwd >= 0 && up > fwd && PageChromeBetween(paras, fwd, up)) h = up;
            else if (fwd >= 0) { h = fwd; if (up != fwd) standfirstLine = -1; }
            else if (up >= 0 && Enumerable.Range(first, up - first).All(i => ChromeOf(paras[i].Text) != Chrome.None || IsHeadMeta(paras[i]))) h = up;
            else standfirstLine = -1;
            if (h >= 0)
            {
                title = paras[h].Text;
                sources.Set("Title", h == first ? "first line" : "headline above the story");
                if (standfirstLine > h && standfirst == null)
                {
                    paras[standfirstLine].Role = Role.Standfirst;
                    standfirst = paras[standfirstLine].Text;
                    sources.Set("Standfirst", "line under the headline");
                }
            }
        }

        // What lies above the headline is the page's: a web address and a logo's text say whose page it is; a date there
        // is the article's only when nothing but dates and labels come before the headline (otherwise it is the site
        // header's "today"); explicit stamps and bylines keep their meaning.
        if (h > first)
        {
            bool onlyDates = true;
            for (int i = first; i < h; i++)
                if (ChromeOf(paras[i].Text) is not (Chrome.Date or Chrome.Label or Chrome.Url)) { onlyDates = false; break; }
            for (int i = first; i < h; i++)
            {
                var p = paras[i];
                if (p.Role != Role.Candidate) continue;
                var kind = ChromeOf(p.Text);
                if (kind == Chrome.Url) TakeUrl(p.Text, "web address above the headline");
                else if (kind == Chrome.Logo) logoOutlet ??= LogoName(p.Text);
                else if (kind == Chrome.Date && NewsDateParser.TryParse(p.Text, out var ld))
                {
                    p.Role = Role.Stamp;
                    if (onlyDates) TakeDateLine(ld, "date line above the headline");
                    else pageDate ??= ld.Value;
                    continue;
                }
                else if (kind == Chrome.None && (TryStamp(p) || TryBylineLine(p))) continue;
                p.Role = Role.Removed;
            }
        }
        if (h >= 0)
        {
            paras[h].Role = Role.Title;
            first = h + 1;
        }
        if (title != null && WireSlug.Match(title) is { Success: true } slug && slug.Length < title.Length)
        {
            // "UPDATE 1-", "EXCLUSIVE-": a wire service's slug, not the headline's words.
            title = title[slug.Length..].TrimStart(' ', '-');
            sources.Set("Title", sources["Title"] + $" (wire slug '{slug.Value.Trim().TrimEnd('-').Trim()}' taken off)");
        }

        // 3. Front matter before the story: captions, bylines, stamps, a standalone date, a standfirst.
        int scanEnd = Math.Min(paras.Count, first + HeadLines);
        for (int i = first; i < scanEnd; i++)
        {
            var p = paras[i];
            if (p.Role != Role.Candidate) continue;
            if (p.Words < 80 && IsCaption(p.Text)) { p.Role = Role.Caption; captions.Add(p.Text); continue; }
            if (p.Words <= 25 && CrossReference.IsMatch(p.Text)) { p.Role = Role.Removed; continue; }
            if (p.Words >= 25 || IsDatelineStart(p.Text)) break;
            if (TryBylineLine(p) || TryStamp(p)) continue;
            // "By" on a line of its own, the name on the next.
            if (BareBy.IsMatch(p.Text) && i + 1 < paras.Count && paras[i + 1].Role == Role.Candidate && paras[i + 1].Words <= 8 &&
                TryReadByline(paras[i + 1].Text, authors, ref agency, ref outlet))
            {
                p.Role = paras[i + 1].Role = Role.Byline;
                bylineCredit = TextShape.Normalise(paras[i + 1].Text);
                sources.Set("Authors", "byline");
                i++;
                continue;
            }
            if (p.Words <= 8 && p.Text.Length <= 60 && NewsDateParser.TryParse(p.Text, out var ld))
            {
                p.Role = Role.Stamp;
                TakeDateLine(ld, "date line above the story");
                continue;
            }
            if (ChromeOf(p.Text) == Chrome.Url) { TakeUrl(p.Text, "web address above the story"); p.Role = Role.Removed; continue; }
            // A prose paragraph followed closely by a byline or stamp is the standfirst.
            if (standfirst == null && TextShape.EndsLikeSentence(p.Text) && p.Words >= 6)
            {
                bool metaFollows = false;
                for (int j = i + 1; j < Math.Min(paras.Count, i + 4); j++)
                    if (IsFrontMatter(paras[j].Text)) { metaFollows = true; break; }
                if (metaFollows) { p.Role = Role.Standfirst; standfirst = p.Text; sources.Set("Standfirst", "paragraph above the byline"); continue; }
            }
        }

        // A byline line ("By Jane Doe, The Agency") or a credit line ("Jane Doe, The Agency") above the story.
        bool TryBylineLine(Para p)
        {
            var bm = Byline.Match(p.Text);
            if (bm.Success && TryReadByline(bm.Groups["who"].Value, authors, ref agency, ref outlet))
            {
                p.Role = Role.Byline;
                bylineCredit = TextShape.Normalise(bm.Groups["who"].Value);
                sources.Set("Authors", "byline");
                return true;
            }
            if (p.Words <= 10 && LooksLikeCredit(p.Text) && TryReadByline(p.Text, authors, ref agency, ref outlet))
            {
                p.Role = Role.Byline;
                bylineCredit ??= TextShape.Normalise(p.Text);
                sources.Set(authors.Count > 0 ? "Authors" : "Agency", "credit line above the story");
                return true;
            }
            return false;
        }

        // A "Posted …", "Updated …" stamp.
        bool TryStamp(Para p)
        {
            var sm = Stamp.Match(p.Text);
            if (!sm.Success || !NewsDateParser.TryParse(sm.Groups["when"].Value, out var sd)) return false;
            p.Role = Role.Stamp;
            string kind = sm.Groups["kind"].Value.ToLowerInvariant();
            if (kind.Contains("updated") || kind.Contains("modified"))
            {
                if (updatedSource?.StartsWith("front matter", StringComparison.Ordinal) != true) { updated = sd.Value; updatedSource = $"'{Cap(kind)}' stamp{sd.Note}"; }
            }
            else
            {
                // A stamp with a time is more precise than a header date for the same day.
                if (publishedSource?.StartsWith("front matter", StringComparison.Ordinal) == true) { }
                else if (published == null || sd.HasTime && published.Value.Date == sd.Value.Date || publishedSource?.StartsWith("file header") != true)
                {
                    published = sd.Value; publishedSource = $"'{Cap(kind)}' stamp{sd.Note}";
                }
            }
            return true;
        }

        // A bare date line near the headline: the publication date when there is none yet, or when it gives the time of
        // day of the header line's date.
        void TakeDateLine(ParsedDate d, string how)
        {
            if (published == null || d.HasTime && publishedSource?.StartsWith("file header", StringComparison.Ordinal) == true &&
                DatePrecisions.Of(publishedSource) == DatePrecision.Date && published.Value.Date == d.Value.Date)
            {
                published = d.Value;
                publishedSource = how + d.Note;
            }
        }

        // A web address the text gives for itself.
        void TakeUrl(string line, string how)
        {
            if (url != null) return;
            var um = UrlLine.Match(line);
            if (!um.Success) return;
            url = um.Groups["url"].Value;
            sources.Set("Url", how);
        }

        // 4. Choose the story: the best-scoring run of paragraphs (prose scores its words, chrome shapes score below zero).
        var candidates = new List<int>();
        for (int i = 0; i < paras.Count; i++) if (paras[i].Role == Role.Candidate) candidates.Add(i);
        ScoreCandidates(paras, candidates, bylineCredit);
        (int bestStart, int bestEnd) = BestRun(paras, candidates);

        var body = new List<string>();
        var seenInBody = new HashSet<string>(StringComparer.Ordinal);
        string? normTitle = title != null ? TextShape.Normalise(title) : null; // the headline written again in the story
        for (int k = 0; k < candidates.Count; k++)
        {
            var p = paras[candidates[k]];
            bool inSpan = k >= bestStart && k <= bestEnd;
            if (!inSpan) { p.Role = Role.Removed; continue; }
            string norm = TextShape.Normalise(p.Text);
            if (TextShape.IsTimeLike(p.Text) || norm.Length == 0 || !seenInBody.Add(norm) || IsSignature(p.Text, norm, bylineCredit) || norm == normTitle)
            {
                p.Role = Role.Removed;
                continue;
            }
            if (p.Words < 80 && IsCaption(p.Text)) { p.Role = Role.Caption; captions.Add(p.Text); continue; }
            if (p.Words <= 25 && CrossReference.IsMatch(p.Text)) { p.Role = Role.Removed; continue; }
            var rc = ReportingCredit.Match(p.Text);
            if (rc.Success && p.Words <= 40)
            {
                if (authors.Count == 0 && TryReadByline(rc.Groups["who"].Value, authors, ref agency, ref outlet)) sources.Set("Authors", "'Reporting by' credit");
                p.Role = Role.Removed;
                continue;
            }
            p.Role = Role.Body;
            body.Add(p.Text);
        }

        // 5. Credits outside the story: a signature "Name, Agency" line, a copyright line.
        foreach (var p in paras)
        {
            if (p.Role != Role.Removed || p.Words > 14) continue;
            var tb = Byline.Match(p.Text);
            if (tb.Success && authors.Count == 0)
            {
                string? a2 = agency, o2 = outlet;
                var tmp = new List<string>();
                if (TryReadByline(tb.Groups["who"].Value, tmp, ref a2, ref o2))
                {
                    authors.AddRange(tmp); agency = a2; outlet = o2;
                    bylineCredit ??= TextShape.Normalise(tb.Groups["who"].Value);
                    sources.Set("Authors", "byline after the story");
                    if (outlet != null) sources.Set("Outlet", "byline after the story");
                    continue;
                }
            }
            if (authors.Count == 0 && agency == null && LooksLikeCredit(p.Text))
            {
                var tmpAuthors = new List<string>();
                string? a = null, o = null;
                if (TryReadByline(p.Text, tmpAuthors, ref a, ref o) && a != null)
                {
                    authors.AddRange(tmpAuthors); agency = a;
                    sources.Set("Authors", "credit line after the story");
                }
            }
            var rcm = ReportingCredit.Match(p.Text);
            if (rcm.Success && authors.Count == 0)
            {
                string? a3 = agency, o3 = outlet;
                var tmp = new List<string>();
                if (TryReadByline(rcm.Groups["who"].Value, tmp, ref a3, ref o3) && tmp.Count > 0)
                {
                    authors.AddRange(tmp); agency = a3; outlet = o3;
                    sources.Set("Authors", "'Reporting by' credit");
                    continue;
                }
            }
            var cm = Copyright.Match(p.Text);
            if (cm.Success && outlet == null)
            {
                string who = cm.Groups["who"].Value.Trim();
                if (WireAgencies.TryResolve(who, out var ag)) { agency ??= ag; }
                else if (who.Length > 1 && char.IsUpper(who[0])) { outlet = who; sources.Set("Outlet", "copyright line"); }
            }
        }

        // 6. Dateline of the first story paragraph, with the agency in parentheses.
        (int Month, int Day)? datelineDay = null;
        if (body.Count > 0)
        {
            var dm = Dateline.Match(body[0]);
            if (dm.Success && dm.Groups["place"].Value.Count(char.IsLetter) >= 2)
            {
                if (dateline == null) // (front matter's wins)
                {
                    dateline = TextShape.TitleCaseIfUpper(dm.Groups["place"].Value.Trim());
                    sources.Set("Dateline", "dateline");
                }
                if (dm.Groups["mon"].Success && MonthNumbers.TryGetValue(dm.Groups["mon"].Value, out int dmon))
                {
                    int dday = int.Parse(dm.Groups["day"].Value, System.Globalization.CultureInfo.InvariantCulture);
                    if (dday >= 1 && dday <= 31) datelineDay = (dmon, dday);
                }
            }
            else dm = AgencyOnlyDateline.Match(body[0]);
            if (dm.Success && dm.Groups["agency"].Success)
            {
                string who = dm.Groups["agency"].Value;
                if (WireAgencies.TryResolve(who, out var ag) || AgencyWords.IsMatch(who) && (ag = who.Trim()).Length > 0)
                {
                    if (agency == null) { agency = ag; sources.Set("Agency", "dateline"); }
                }
                else if (agency == null && outlet == null && who.Length <= 20 && who.Any(char.IsUpper)) { outlet = who.Trim(); sources.Set("Outlet", "dateline"); }
            }
        }
        if (agency != null && !sources.ContainsKey("Agency")) sources.Set("Agency", sources.TryGetValue("Authors", out var au) ? au : "credit line");

        // The outlet: named by the text (front matter, byline, credit, copyright line, dateline), then by a site logo's
        // text over the headline, then by -Outlet, then the site of the article's web address.
        if (outlet != null && !sources.ContainsKey("Outlet")) sources.Set("Outlet", "byline");
        if (outlet == null && logoOutlet != null) { outlet = logoOutlet; sources.Set("Outlet", "site logo's text above the headline"); }
        if (outlet == null && !string.IsNullOrWhiteSpace(options.Outlet)) { outlet = options.Outlet.Trim(); sources.Set("Outlet", "-Outlet parameter"); }
        if (outlet == null && url != null && SiteOf(url) is { } site) { outlet = site; sources.Set("Outlet", "the URL's site"); }

        // 6b. A date must fit the story: a bare date line that the URL's date or the dateline's day contradicts is not
        // the article's (it is the page's). Without a date, the URL's date stands in, then the dateline's day with its
        // year from a date the page shows.
        if (published is { } lineDate && publishedSource?.StartsWith("date line", StringComparison.Ordinal) == true)
        {
            var urlDay = url != null ? UrlDate(url, now) : null;
            if (urlDay is { } ud && Math.Abs((ud.Value.Date - lineDate.Date).TotalDays) > 1 ||
                urlDay == null && datelineDay is { } dd && !NearDay(lineDate, dd.Month, dd.Day))
            {
                pageDate ??= lineDate;
                published = null; publishedSource = null;
            }
        }
        string misfit = pageDate is { } pg ? $"; the page's date line {pg:yyyy-MM-dd} is not the article's" : "";
        if (published == null && url != null && UrlDate(url, now) is { } urlDate)
        {
            published = urlDate.Value;
            publishedSource = "the URL's path" + misfit + urlDate.Note;
        }
        if (published == null && datelineDay is { } dday2 && (pageDate ?? updated) is { } reference && DayBefore(reference, dday2.Month, dday2.Day) is { } fromDateline)
        {
            published = fromDateline;
            publishedSource = $"the dateline's day, its year from the page's date {reference:yyyy-MM-dd}" + DatePrecisions.DateOnlyNote;
        }

        // 7. Title fallbacks.
        if (title == null && standfirst != null) { title = standfirst; sources.Set("Title", "standfirst (the text has no headline)"); }
        if (title == null && body.Count > 0) { title = FirstSentence(body[0]); sources.Set("Title", "first sentence of the story (the text has no headline)"); }

        // 8. Dates: never in the future.
        if (published is { } pv && pv > now.AddDays(1))
        {
            warnings.Add($"The publication date {pv:yyyy-MM-dd} ({publishedSource}) is in the future and was ignored.");
            published = null; publishedSource = null;
        }
        if (updated is { } uv && uv > now.AddDays(1))
        {
            warnings.Add($"The update date {uv:yyyy-MM-dd} ({updatedSource}) is in the future and was ignored.");
            updated = null; updatedSource = null;
        }
        if (publishedSource != null) sources.Set("Published", publishedSource);
        if (updatedSource != null) sources.Set("Updated", updatedSource);

        string bodyText = string.Join("\n", body);
        if (language == null)
        {
            language = LanguageDetector.Detect(bodyText.Length > 0 ? bodyText : text);
            if (language != null) sources.Set("Language", "function words of the body");
        }

        // Removed blocks in document order; consecutive removed paragraphs form one block.
        var removed = new List<string>();
        var block = new StringBuilder();
        foreach (var p in paras)
        {
            bool isRemoved = p.Role is Role.Removed or Role.Byline or Role.Stamp or Role.Header;
            if (isRemoved)
            {
                if (block.Length > 0) block.Append('\n');
                block.Append(p.Text);
            }
            else if (block.Length > 0) { removed.Add(block.ToString()); block.Clear(); }
        }
        if (block.Length > 0) removed.Add(block.ToString());
        if (front != null) removed.Insert(0, front.Text);

        return new NewsArticle
        {
            Id = ComputeId(title, bodyText, outlet),
            Title = title,
            Standfirst = standfirst,
            Body = bodyText,
            Paragraphs = BodyLines.Paragraphs(bodyText, body),
            Captions = TextList.Of(captions, "\n"),
            Published = published,
            Updated = updated,
            Authors = TextList.Of(authors.Distinct(StringComparer.OrdinalIgnoreCase).Select(a => SharedText.Of(a)!).ToArray()),
            Agency = agency,
            Outlet = outlet,
            Dateline = dateline,
            Language = language,
            WordCount = TextShape.CountWords(bodyText),
            Source = options.Source,
            Url = url,
            Categories = TextList.Of(categories),
            SourceKind = "Text",
            Sources = sources,
            Removed = Utf8TextItems.List(removed, "\n\n"),
            Warnings = TextList.Of(warnings),
        };
    }

    private static readonly Regex BareBy = new(@"^by:?$", Rx | RegexOptions.IgnoreCase);

    /// <summary>How many lines over the story are searched for its headline and its front matter.</summary>
    private const int HeadLines = 12;

    /// <summary>How many paragraphs the story's start is looked for in (<see cref="StoryStart"/>).</summary>
    private const int StoryStartWindow = 80;
}
