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
public static class TextArticleParser
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
            Paragraphs = new TextList(body, "\n"),
            Captions = new TextList(captions, "\n"),
            Published = published,
            Updated = updated,
            Authors = new TextList(authors.Distinct(StringComparer.OrdinalIgnoreCase).ToList()),
            Agency = agency,
            Outlet = outlet,
            Dateline = dateline,
            Language = language,
            WordCount = TextShape.CountWords(bodyText),
            Source = options.Source,
            Url = url,
            Categories = new TextList(categories),
            SourceKind = "Text",
            Sources = sources,
            Removed = new TextList(removed, "\n\n"),
            Warnings = new TextList(warnings),
        };
    }

    private static readonly Regex BareBy = new(@"^by:?$", Rx | RegexOptions.IgnoreCase);

    /// <summary>How many lines over the story are searched for its headline and its front matter.</summary>
    private const int HeadLines = 12;

    /// <summary>How many paragraphs the story's start is looked for in (<see cref="StoryStart"/>).</summary>
    private const int StoryStartWindow = 80;

    /// <summary>A section label right over a headline-shaped line ("NATIONAL" over the headline): a kicker. A label-shaped
    /// line with prose under it is a short headline in capitals.</summary>
    private static bool IsKicker(List<Para> paras, int i) =>
        i + 1 < paras.Count && LooksLikeHeadline(paras[i + 1].Text) && ChromeOf(paras[i + 1].Text) == Chrome.None && !IsFrontMatter(paras[i + 1].Text);

    /// <summary>A line that is a web address and nothing else, or one given as "Source:", "URL:", "Link:".</summary>
    private static readonly Regex UrlLine = new(@"^(?:(?:source|url|link|canonical|original(?:ly published at)?|read (?:it )?(?:at|on))\s*:\s*)?<?(?<url>https?://[^\s<>""]{3,2000})>?$", Rx | RegexOptions.IgnoreCase);

    /// <summary>"Harbour FM Logo": a site logo's alternative text, left over when a page is copied.</summary>
    private static readonly Regex LogoLine = new(@"^(?<name>\S.{0,100}?)\s+logo$", Rx | RegexOptions.IgnoreCase);

    /// <summary>
    /// A wire service's slug before a headline, as wire copy and its syndicated pages carry it: "UPDATE 1-", "EXCLUSIVE-",
    /// "REFILE-UPDATE 2-", "US STOCKS-". Upper case, the hyphen straight after it; a name ("ARDEN-Veld …") is none.
    /// </summary>
    private static readonly Regex WireSlug = new(
        @"^(?:(?:[A-Z][A-Z.&]*\s){0,2}(?:UPDATE|EXCLUSIVE|CORRECTED|CORRECTION|REFILE|RPT|REPEAT|WRAPUP|ANALYSIS|FACTBOX|INSIGHT|BREAKINGVIEWS|EXPLAINER|FOCUS|TIMELINE|COLUMN|PREVIEW|INTERVIEW|GRAPHIC|POLL|SPECIAL REPORT|BRIEF|URGENT|FEATURE|MARKETS|STOCKS|FOREX|BONDS|METALS)(?:\s\d{1,2})?\s?-\s?(?=[\p{Lu}\d""“‘'])|(?:[A-Z][A-Z.&]*\s){1,3}\d{1,2}-(?=[\p{Lu}\d""“‘']))+",
        Rx);

    /// <summary>A web address's path date ("/2026/03/14/", "/2026-03-14/"): the day it was published, as most sites file it.</summary>
    private static readonly Regex UrlPathDate = new(@"/(?<y>(?:19|20)\d{2})[/-](?<m>0?[1-9]|1[0-2])[/-](?<d>0?[1-9]|[12]\d|3[01])(?=[/_.-]|$)", Rx);

    /// <summary>Page chrome a copied page carries above its article.</summary>
    private enum Chrome { None, Url, Logo, Date, Label, Nav, Time }

    /// <summary>
    /// What a short line is when it is page chrome rather than the article's: a web address, a logo's text, a bare date or
    /// timestamp ("Friday, December 5, 2025", "19 October 2025 20:50 (UTC+04:00)"), a section label in capitals
    /// ("NATIONAL"), a navigation trail or a relative time. None of these is a headline.
    /// </summary>
    private static Chrome ChromeOf(string text)
    {
        if (text.Length > 200) return Chrome.None;
        if (UrlLine.IsMatch(text)) return Chrome.Url;
        if (TextShape.IsNavigationTrail(text)) return Chrome.Nav;
        if (TextShape.IsTimeLike(text)) return Chrome.Time;
        if (NewsDateParser.IsDateOnly(text)) return Chrome.Date;
        int words = TextShape.CountWords(text);
        if (words <= 8 && LogoLine.IsMatch(text)) return Chrome.Logo;
        if (words is >= 1 and <= 2 && text.Length <= 30 && !text.Any(char.IsLower) && !text.Any(char.IsDigit) && text.Count(char.IsLetter) >= 3 &&
            !TextShape.EndsLikeSentence(text) && !WireAgencies.TryResolve(text, out _) && !IsDatelineStart(text))
            return Chrome.Label;
        return Chrome.None;
    }

    private static string LogoName(string text) => LogoLine.Match(text) is { Success: true } m ? m.Groups["name"].Value.Trim() : text;

    private static bool IsDatelineStart(string text) => Dateline.IsMatch(text) || AgencyOnlyDateline.IsMatch(text);

    /// <summary>A headline-shaped line of three words or more that is no page chrome, byline, stamp, caption or credit.</summary>
    private static bool IsHeadlineLine(Para p) =>
        p.Words >= 3 && LooksLikeHeadline(p.Text) && ChromeOf(p.Text) == Chrome.None && !IsFrontMatter(p.Text) && !IsDatelineStart(p.Text) &&
        !(p.Words <= 10 && LooksLikeCredit(p.Text)) && !CrossReference.IsMatch(p.Text);

    /// <summary>What may stand between a headline and its story: a byline, stamp, caption, credit or link line.</summary>
    private static bool IsHeadMeta(Para p) =>
        IsFrontMatter(p.Text) || p.Words <= 10 && LooksLikeCredit(p.Text) || p.Words <= 25 && CrossReference.IsMatch(p.Text);

    /// <summary>
    /// The headline right over the story: walking up from the story's first paragraph over its byline, stamps, captions,
    /// a standfirst and short page furniture ("Share", "ADVERTISEMENT"), the first headline-shaped line; and the line above
    /// that when it is headline-shaped too (then the lower one is the standfirst), or above a date line when the lower one
    /// is much longer (a standfirst). -1 when none is found before other text.
    /// </summary>
    private static int FindHeadline(List<Para> paras, int first, int storyStart, out int standfirstLine)
    {
        standfirstLine = -1;
        int h = -1;
        int stop = Math.Max(first, storyStart - HeadLines);
        for (int i = storyStart - 1; i >= stop; i--)
        {
            var p = paras[i];
            if (p.Role != Role.Candidate) return h;
            if (h < 0)
            {
                if (IsHeadlineLine(p)) { h = i; continue; }
                var kind = ChromeOf(p.Text);
                bool furniture = kind is Chrome.Date or Chrome.Time or Chrome.Label || kind == Chrome.None && p.Words <= 2 && LooksLikeHeadline(p.Text);
                if (furniture || IsHeadMeta(p) || TextShape.EndsLikeSentence(p.Text) && p.Words >= 6) continue;
                return -1;
            }
            if (IsHeadlineLine(p)) { standfirstLine = h; return i; }
            if (ChromeOf(p.Text) == Chrome.Date && i - 1 >= stop && paras[i - 1].Role == Role.Candidate && IsHeadlineLine(paras[i - 1]) &&
                paras[h].Words >= 10 && paras[h].Words >= 1.5 * paras[i - 1].Words)
            {
                standfirstLine = h;
                return i - 1;
            }
            return h;
        }
        return h;
    }

    /// <summary>Page chrome between two headline-shaped lines: the upper one was a site's name or a menu. One date alone
    /// counts only under a line as short as a site's name.</summary>
    private static bool PageChromeBetween(List<Para> paras, int upper, int lower)
    {
        bool date = false;
        for (int i = upper + 1; i < lower; i++)
        {
            var kind = ChromeOf(paras[i].Text);
            if (kind is Chrome.Nav or Chrome.Label or Chrome.Url or Chrome.Logo or Chrome.Time) return true;
            if (kind == Chrome.Date) date = true;
        }
        return date && paras[upper].Words <= 3;
    }

    /// <summary>The first paragraph of the story as the body is chosen (the best-scoring run), or the end when there is no prose.</summary>
    private static int StoryStart(List<Para> paras, int first)
    {
        // The first paragraphs are enough: the headline is looked for at most HeadLines lines above the story's start.
        var candidates = new List<int>();
        for (int i = first; i < paras.Count && candidates.Count < StoryStartWindow; i++) if (paras[i].Role == Role.Candidate) candidates.Add(i);
        if (candidates.Count == 0) return paras.Count;
        ScoreCandidates(paras, candidates, null);
        var (start, _) = BestRun(paras, candidates);
        return candidates[start];
    }

    /// <summary>The agency an outlet's name is or credits in parentheses ("The Daily Example (Northsea Press Agency)").</summary>
    private static string? AgencyOf(string name)
    {
        if (WireAgencies.TryResolve(name, out var wa)) return wa;
        var paren = Regex.Match(name, @"\((?<inner>[^()]{2,60})\)\s*$", RegexOptions.CultureInvariant);
        if (paren.Success)
        {
            string inner = paren.Groups["inner"].Value.Trim();
            if (WireAgencies.TryResolve(inner, out var wi)) return wi;
            return AgencyWords.IsMatch(inner) ? inner : null;
        }
        return AgencyWords.IsMatch(name) ? name : null;
    }

    /// <summary>The site of a web address as an outlet's name: its host without "www." (or "m.", "amp.").</summary>
    internal static string? SiteOf(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var u) || string.IsNullOrEmpty(u.Host) || u.HostNameType != UriHostNameType.Dns) return null;
        string host = u.Host.ToLowerInvariant();
        foreach (var prefix in new[] { "www.", "m.", "amp.", "mobile." })
            if (host.StartsWith(prefix, StringComparison.Ordinal) && host.Count(c => c == '.') >= 2) { host = host[prefix.Length..]; break; }
        return host;
    }

    /// <summary>The date in a web address's path, when it is a real day not in the future.</summary>
    private static ParsedDate? UrlDate(string url, DateTimeOffset now)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var u)) return null;
        var m = UrlPathDate.Match(u.AbsolutePath);
        if (!m.Success) return null;
        int y = int.Parse(m.Groups["y"].Value, System.Globalization.CultureInfo.InvariantCulture);
        int mo = int.Parse(m.Groups["m"].Value, System.Globalization.CultureInfo.InvariantCulture);
        int d = int.Parse(m.Groups["d"].Value, System.Globalization.CultureInfo.InvariantCulture);
        if (d > DateTime.DaysInMonth(y, mo)) return null;
        var date = new DateTimeOffset(y, mo, d, 0, 0, 0, TimeSpan.Zero);
        return date > now.AddDays(1) ? null : new ParsedDate(date, false, false);
    }

    /// <summary>Whether <paramref name="d"/> falls within a day of the given month and day (of its year or a neighbouring one).</summary>
    private static bool NearDay(DateTimeOffset d, int month, int day)
    {
        for (int y = d.Year - 1; y <= d.Year + 1; y++)
            if (day <= DateTime.DaysInMonth(y, month) && Math.Abs((new DateTime(y, month, day) - d.Date).TotalDays) <= 1) return true;
        return false;
    }

    /// <summary>The latest day with the given month and day that is not after <paramref name="reference"/> (by more than a day).</summary>
    private static DateTimeOffset? DayBefore(DateTimeOffset reference, int month, int day)
    {
        for (int y = reference.Year; y >= reference.Year - 1; y--)
        {
            if (day > DateTime.DaysInMonth(y, month)) continue;
            var d = new DateTimeOffset(y, month, day, 0, 0, 0, TimeSpan.Zero);
            if (d.Date <= reference.Date.AddDays(1)) return d;
        }
        return null;
    }

    private static readonly Dictionary<string, int> MonthNumbers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Jan"] = 1, ["Feb"] = 2, ["Mar"] = 3, ["Apr"] = 4, ["May"] = 5, ["Jun"] = 6, ["Jul"] = 7, ["Aug"] = 8, ["Sep"] = 9, ["Oct"] = 10, ["Nov"] = 11, ["Dec"] = 12,
    };

    /// <summary>
    /// SHA-256 of the normalised title and body, and the outlet when known; the first 16 hex digits. The outlet takes
    /// part so that one wire story run word for word by two outlets is two articles (and two cache rows), while the
    /// same outlet's page saved as HTML and as text is one.
    /// </summary>
    public static string ComputeId(string? title, string body, string? outlet = null)
    {
        string norm = TextShape.Normalise(title ?? "") + "\n" + TextShape.Normalise(body);
        if (!string.IsNullOrWhiteSpace(outlet)) norm += "\n@" + TextShape.Normalise(outlet).ToLowerInvariant();
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(norm), hash);
        return Convert.ToHexString(hash[..8]).ToLowerInvariant();
    }

    /// <summary>
    /// Front-matter keys (case-insensitive) and the field each fills. "Source:", "Outlet:" and the like fill the
    /// outlet, or the URL when the value is a web address, or the agency when it names a wire agency ("Reuters",
    /// "… Press Agency").
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> FrontMatterKeys = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Title"] = "Title", ["Headline"] = "Title",
        ["Standfirst"] = "Standfirst", ["Subtitle"] = "Standfirst", ["Subheadline"] = "Standfirst", ["Summary"] = "Standfirst", ["Description"] = "Standfirst", ["Dek"] = "Standfirst",
        ["Outlet"] = "Outlet", ["Publication"] = "Outlet", ["Publisher"] = "Outlet", ["Source"] = "Outlet", ["Site"] = "Outlet", ["Newspaper"] = "Outlet", ["Media"] = "Outlet",
        ["Agency"] = "Agency", ["Wire"] = "Agency",
        ["Author"] = "Authors", ["Authors"] = "Authors", ["Byline"] = "Authors", ["By"] = "Authors", ["Writer"] = "Authors", ["Reporter"] = "Authors",
        ["Published"] = "Published", ["Date"] = "Published", ["Pubdate"] = "Published", ["Publication date"] = "Published", ["Published at"] = "Published", ["Published on"] = "Published", ["Dated"] = "Published",
        ["Updated"] = "Updated", ["Modified"] = "Updated", ["Last updated"] = "Updated", ["Last modified"] = "Updated", ["Updated at"] = "Updated",
        ["Url"] = "Url", ["Link"] = "Url", ["Canonical"] = "Url", ["Canonical url"] = "Url", ["Source url"] = "Url",
        ["Dateline"] = "Dateline",
        ["Language"] = "Language", ["Lang"] = "Language",
        ["Tags"] = "Categories", ["Categories"] = "Categories", ["Category"] = "Categories", ["Section"] = "Categories", ["Keywords"] = "Categories", ["Topics"] = "Categories",
    };

    private sealed record FrontMatter(string Text, List<(string Key, string Value)> Fields);

    // The value ends at its last non-space character (a lazy value before "\s*$" tried every split of a long run of
    // spaces: found by the fuzzer, a title line with 150,000 spaces inside took minutes); linear by its engine.
    private static readonly Regex FrontMatterLine = new(@"^(?<key>[A-Za-z][A-Za-z ]{0,20}?)\s*:(?:\s+(?<value>.*\S))?\s*$", Rx | RegexOptions.NonBacktracking);
    private static readonly Regex LanguageTag = new(@"^(?<lang>[A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{2,8})*$", Rx);

    /// <summary>"en", "en-GB", "English", "français" → "en", "en", "en", "fr"; null when no language matches.</summary>
    private static string? LanguageCode(string value)
    {
        var m = LanguageTag.Match(value);
        if (m.Success) return m.Groups["lang"].Value.ToLowerInvariant();
        try
        {
            foreach (var c in System.Globalization.CultureInfo.GetCultures(System.Globalization.CultureTypes.NeutralCultures))
                if (c.TwoLetterISOLanguageName.Length == 2 && (string.Equals(c.EnglishName, value, StringComparison.OrdinalIgnoreCase) || string.Equals(c.NativeName, value, StringComparison.OrdinalIgnoreCase)))
                    return c.TwoLetterISOLanguageName;
        }
        catch (System.Globalization.CultureNotFoundException) { }
        return null;
    }

    /// <summary>
    /// Takes a front-matter block off the top of <paramref name="text"/>: lines between "---" fences, or, unfenced, two
    /// or more known "Key: value" lines in a row (one is enough for "Title:"/"Headline:") ended by a blank line. Only
    /// blank lines may come before it. Unknown keys are kept inside fences and end an unfenced block.
    /// </summary>
    private static FrontMatter? ReadFrontMatter(ref string text)
    {
        // Most texts have none: look at the first line that is not blank before splitting the whole text.
        int p0 = 0;
        while (p0 < text.Length && (char.IsWhiteSpace(text[p0]) || text[p0] == '\uFEFF')) p0++;
        int eol = text.AsSpan(p0).IndexOfAny('\n', '\r');
        string firstLine = text.Substring(p0, eol < 0 ? text.Length - p0 : eol).Trim();
        if (firstLine != "---")
        {
            var fm = FrontMatterLine.Match(firstLine);
            if (!fm.Success || !FrontMatterKeys.ContainsKey(KeyOf(fm))) return null;
        }
        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Replace("\uFEFF", "").Split('\n');
        int i = 0;
        while (i < lines.Length && lines[i].Trim().Length == 0) i++;
        if (i >= lines.Length) return null;
        bool fenced = lines[i].Trim() == "---";
        int start = i, k = fenced ? i + 1 : i, known = 0;
        var fields = new List<(string, string)>();
        string? listKey = null;
        for (; k < lines.Length; k++)
        {
            string line = lines[k].Trim();
            if (fenced && line == "---") break;
            if (line.Length == 0) { if (fenced) continue; break; }
            // Inside fences, a YAML list's items go to the key above them ("tags:" then "- strike").
            if (fenced && listKey != null && line.StartsWith("- ", StringComparison.Ordinal))
            {
                string item = line[2..].Trim().Trim('"', '\'');
                if (item.Length > 0) fields.Add((listKey, item));
                continue;
            }
            var m = FrontMatterLine.Match(line);
            if (!m.Success) { if (fenced) continue; break; } // (inside fences: a wrapped value)
            string key = KeyOf(m);
            string value = m.Groups["value"].Value.Trim();
            if (value.Length >= 2 && (value[0] == '"' && value[^1] == '"' || value[0] == '\'' && value[^1] == '\'')) value = value[1..^1].Trim();
            listKey = null;
            if (!FrontMatterKeys.ContainsKey(key)) { if (fenced) continue; break; }
            known++;
            if (value.Length > 0) fields.Add((key, value));
            else listKey = key;
        }
        if (fenced)
        {
            if (k >= lines.Length || known == 0) return null; // no closing fence: a rule line in the story
            k++;
        }
        else
        {
            // One line is enough for a title, if a blank line ends it ("Title: …" over the story).
            bool titleOnly = known == 1 && fields.Count == 1 && FrontMatterKeys[fields[0].Item1] == "Title";
            if (known < 2 && !titleOnly) return null;
            if (known < 2 && k < lines.Length && lines[k].Trim().Length != 0) return null;
        }
        string block = string.Join("\n", lines[start..k].Select(l => l.Trim()).Where(l => l.Length > 0));
        text = string.Join("\n", lines[k..]);
        return new FrontMatter(block, fields);
    }

    /// <summary>A front-matter line's key with its inner spaces collapsed ("Last  updated" → "Last updated").</summary>
    private static string KeyOf(Match m) => CollapseSpaces(m.Groups["key"].Value);


    private static bool LooksLikeUrl(string s) =>
        Uri.TryCreate(s, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps);

    private static List<Para> Split(string text)
    {
        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Replace('\u00A0', ' ').Replace("\uFEFF", "").Split('\n');
        // Blocks separated by blank lines.
        var blocks = new List<List<string>>();
        var current = new List<string>();
        foreach (var raw in lines)
        {
            string line = CollapseSpaces(raw);
            if (line.Length == 0) { if (current.Count > 0) { blocks.Add(current); current = new List<string>(); } }
            else current.Add(line);
        }
        if (current.Count > 0) blocks.Add(current);

        bool wrapped = IsHardWrapped(blocks);
        var paras = new List<Para>();
        foreach (var b in blocks)
        {
            if (wrapped)
            {
                // Join wrapped lines, but keep lines that end a sentence and are followed by an indentation-free new sentence.
                paras.Add(new Para { Text = string.Join(' ', b) });
            }
            else
            {
                foreach (var l in b) paras.Add(new Para { Text = l });
            }
        }
        foreach (var p in paras) p.Words = TextShape.CountWords(p.Text);
        return paras;
    }

    private static string CollapseSpaces(string s)
    {
        s = s.Trim();
        if (s.IndexOf("  ", StringComparison.Ordinal) < 0 && s.IndexOf('\t') < 0) return s;
        return Regex.Replace(s, @"[ \t]+", " ");
    }

    /// <summary>Text wrapped at a fixed width: multi-line blocks whose lines (but the last) fill most of the width.</summary>
    private static bool IsHardWrapped(List<List<string>> blocks)
    {
        int inner = 0, full = 0, maxLen = 0;
        foreach (var b in blocks)
            foreach (var l in b) maxLen = Math.Max(maxLen, l.Length);
        if (maxLen == 0 || maxLen > 120) return false;
        foreach (var b in blocks)
        {
            if (b.Count < 2) continue;
            for (int i = 0; i < b.Count - 1; i++)
            {
                inner++;
                if (b[i].Length >= maxLen * 0.75 && !TextShape.EndsLikeSentence(b[i])) full++;
            }
        }
        return inner >= 4 && full >= inner * 0.6;
    }

    private static bool LooksLikeHeadline(string s)
    {
        int words = TextShape.CountWords(s);
        if (words == 0 || words > 25 || s.Length > 220 || TextShape.IsNavigationTrail(s)) return false;
        string t = s.TrimEnd('"', '”', '’', '\'', ' ');
        return !t.EndsWith('.') && !t.EndsWith('…') && !t.EndsWith(':');
    }

    private static bool IsFrontMatter(string s) =>
        s.Length <= 200 && (Byline.IsMatch(s) || Stamp.IsMatch(s) && NewsDateParser.TryParse(s, out _) || IsCaption(s));

    private static bool LooksLikeCredit(string s)
    {
        // "Name Surname, The Agency" or "The Agency" alone.
        var parts = s.Split(new[] { ',', '/', '|' }, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length is >= 1 and <= 3 && !TextShape.EndsLikeSentence(s) &&
               parts.Any(x => WireAgencies.TryResolve(x, out _) || AgencyWords.IsMatch(x) && TextShape.CountWords(x) <= 6);
    }

    private static bool IsSignature(string text, string norm, string? bylineCredit)
    {
        if (bylineCredit != null && norm == bylineCredit) return true;
        return text.Length <= 100 && LooksLikeCredit(text) && TextShape.CountWords(text) <= 10;
    }

    private static void ScoreCandidates(List<Para> paras, List<int> candidates, string? bylineCredit)
    {
        // How often each block occurs on the page: chrome repeats, stories do not.
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (int i in candidates)
        {
            string n = TextShape.Normalise(paras[i].Text);
            if (n.Length > 0) counts[n] = counts.TryGetValue(n, out var c) ? c + 1 : 1;
        }

        // Teaser cards: a summary next to a relative time or a duration ("57m ago", "1:54"), or behind card headlines.
        var teaser = new HashSet<int>();
        for (int k = 0; k < candidates.Count; k++)
        {
            if (!TextShape.IsTimeLike(paras[candidates[k]].Text)) continue;
            for (int d = -2; d <= 2; d++)
            {
                int j = k + d;
                if (d == 0 || j < 0 || j >= candidates.Count) continue;
                if (Math.Abs(d) == 2)
                {
                    // Only across a headline-shaped line between the time and the summary.
                    var mid = paras[candidates[k + d / 2]];
                    if (mid.Words > 20 || TextShape.EndsLikeSentence(mid.Text) || TextShape.IsTimeLike(mid.Text)) continue;
                }
                teaser.Add(j);
            }
        }

        for (int k = 0; k < candidates.Count; k++)
        {
            var p = paras[candidates[k]];
            int w = p.Words;
            string norm = TextShape.Normalise(p.Text);
            if (TextShape.IsTimeLike(p.Text)) p.Score = -8;
            else if (w == 0) p.Score = -2;
            else if (counts.TryGetValue(norm, out var c) && c > 1 && w >= 2) p.Score = -(w + 5);
            else if (bylineCredit != null && norm == bylineCredit) p.Score = -10;
            else if (w <= 20 && (Copyright.IsMatch(p.Text) || ReportingCredit.IsMatch(p.Text))) p.Score = -10;
            else if (TextShape.IsNavigationTrail(p.Text)) p.Score = -(3 + w);
            else if (TextShape.IsTruncated(p.Text)) p.Score = -(4 + w / 2.0);
            else if (teaser.Contains(k)) p.Score = -(4 + w / 2.0);
            else if (TextShape.EndsLikeSentence(p.Text) && w >= 5) p.Score = w;
            else if (w >= 25) p.Score = w / 2.0;
            else p.Score = -(3 + w / 2.0);
        }
    }

    /// <summary>Maximum-sum run over the candidates' scores; the first such run wins ties.</summary>
    private static (int Start, int End) BestRun(List<Para> paras, List<int> candidates)
    {
        if (candidates.Count == 0) return (0, -1);
        double best = double.NegativeInfinity, run = 0;
        int bestStart = 0, bestEnd = -1, runStart = 0;
        for (int k = 0; k < candidates.Count; k++)
        {
            double s = paras[candidates[k]].Score;
            if (run <= 0) { run = s; runStart = k; }
            else run += s;
            if (run > best) { best = run; bestStart = runStart; bestEnd = k; }
        }
        if (best <= 0)
        {
            // Nothing reads like prose (lists, verse, very short notes): keep every paragraph rather than lose text.
            return (0, candidates.Count - 1);
        }
        return (bestStart, bestEnd);
    }

    /// <summary>Splits a byline ("Jane Doe and John Roe, The Associated Press") into authors, agency and outlet.</summary>
    internal static bool TryReadByline(string who, List<string> authors, ref string? agency, ref string? outlet)
    {
        string s = Noise.Replace(who, " ").Trim().TrimEnd('.', ',', '|', ';', ' ');
        if (s.Length == 0) return false;
        var parts = Regex.Split(s, @"\s*(?:,|;|\||/|\band\b|&|\bund\b|\bet\b|\by\b(?=\s+\p{Lu}))\s*", RegexOptions.CultureInvariant)
            .Select(x => x.Trim()).Where(x => x.Length > 0).ToList();
        bool any = false;
        var found = new List<string>();
        foreach (var raw in parts)
        {
            string part = Regex.Replace(raw, @"\s+(?:in|from|at)\s+\p{Lu}[\p{L}\s.'-]*$", "", RegexOptions.CultureInvariant).Trim();
            if (part.Length == 0) continue;
            if (WireAgencies.TryResolve(part, out var ag)) { agency ??= ag; any = true; continue; }
            if (RoleWords.IsMatch(part) && !part.Split(' ').All(t => NameToken.IsMatch(t) && !RoleWords.IsMatch(t))) { any = true; continue; }
            if (AgencyWords.IsMatch(part)) { agency ??= part; any = true; continue; }
            if (OrgWords.IsMatch(part)) { outlet ??= part; any = true; continue; }
            var tokens = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length is >= 1 and <= 5 && tokens.All(t => NameToken.IsMatch(t)) && tokens.Count(t => char.IsUpper(t[0])) >= 1 && part.Length <= 60)
            {
                if (tokens.Length == 1 && authors.Count == 0 && found.Count == 0 && parts.Count == 1) { found.Add(TextShape.TitleCaseIfUpper(part)); any = true; continue; }
                found.Add(TextShape.TitleCaseIfUpper(part));
                any = true;
                continue;
            }
            return false; // not a byline after all (a sentence that starts with "By …")
        }
        authors.AddRange(found);
        return any;
    }

    internal static string FirstSentence(string s)
    {
        var m = Regex.Match(s, @"^.{20,200}?[.!?](?=\s+\p{Lu}|\s*$)", RegexOptions.CultureInvariant);
        string t = m.Success ? m.Value : s;
        return t.Length > 200 ? t[..197].TrimEnd() + "…" : t;
    }

    private static string Cap(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
