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
                    case "Title": Fill(ref title, value, "Title", src); break;
                    case "Standfirst": Fill(ref standfirst, value, "Standfirst", src); break;
                    case "Outlet":
                        if (LooksLikeUrl(value)) Fill(ref url, value, "Url", src);
                        else if (WireAgencies.TryResolve(value, out var wa) || AgencyWords.IsMatch(value)) Fill(ref agency, string.IsNullOrEmpty(wa) ? value : wa, "Agency", src);
                        else Fill(ref outlet, value, "Outlet", src);
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
                        string how = src + ZoneNote(fd);
                        if (FrontMatterKeys[key] == "Published") { if (published == null) { published = fd.Value; publishedSource = how; } }
                        else if (updated == null) { updated = fd.Value; updatedSource = how; }
                        break;
                }
            }
        }

        // 1. "date YYYY-MM-DD <headline or standfirst>" first line.
        if (paras.Count > 0)
        {
            var m = HeaderLine.Match(paras[0].Text);
            if (m.Success)
            {
                paras[0].Role = Role.Header;
                if (NewsDateParser.TryParse(m.Groups["date"].Value, out var d))
                {
                    published = d.Value;
                    publishedSource = "file header line" + ZoneNote(d);
                }
                string rest = m.Groups["rest"].Value.Trim();
                if (rest.Length > 0)
                {
                    if (LooksLikeHeadline(rest)) { title = rest; sources.Set("Title", "file header line"); }
                    else { standfirst = rest; sources.Set("Standfirst", "file header line"); }
                }
                first = 1;
            }
        }

        // The headline the front matter named, written again over the story.
        if (front != null && title != null && first < paras.Count && TextShape.Normalise(paras[first].Text) == TextShape.Normalise(title))
            paras[first++].Role = Role.Title;

        // Navigation trails before the headline are page chrome.
        while (first < paras.Count && TextShape.IsNavigationTrail(paras[first].Text)) paras[first++].Role = Role.Removed;

        // 2. A headline-shaped first line.
        if (title == null && first < paras.Count && paras.Count - first > 1)
        {
            var p = paras[first];
            if (LooksLikeHeadline(p.Text) && !IsFrontMatter(p.Text) && !Dateline.IsMatch(p.Text))
            {
                p.Role = Role.Title;
                title = p.Text;
                sources.Set("Title", "first line");
                first++;
            }
        }

        // 3. Front matter before the story: captions, bylines, stamps, a standalone date, a standfirst.
        int scanEnd = Math.Min(paras.Count, first + 12);
        for (int i = first; i < scanEnd; i++)
        {
            var p = paras[i];
            if (CaptionCredit.IsMatch(p.Text) && p.Words < 80) { p.Role = Role.Caption; captions.Add(p.Text); continue; }
            if (p.Words <= 25 && CrossReference.IsMatch(p.Text)) { p.Role = Role.Removed; continue; }
            if (p.Words >= 25 || Dateline.IsMatch(p.Text) || AgencyOnlyDateline.IsMatch(p.Text)) break;
            var bm = Byline.Match(p.Text);
            if (bm.Success && TryReadByline(bm.Groups["who"].Value, authors, ref agency, ref outlet))
            {
                p.Role = Role.Byline;
                bylineCredit = TextShape.Normalise(bm.Groups["who"].Value);
                sources.Set("Authors", "byline");
                continue;
            }
            if (p.Words <= 10 && LooksLikeCredit(p.Text) && TryReadByline(p.Text, authors, ref agency, ref outlet))
            {
                p.Role = Role.Byline;
                bylineCredit ??= TextShape.Normalise(p.Text);
                sources.Set(authors.Count > 0 ? "Authors" : "Agency", "credit line above the story");
                continue;
            }
            var sm = Stamp.Match(p.Text);
            if (sm.Success && NewsDateParser.TryParse(sm.Groups["when"].Value, out var sd))
            {
                p.Role = Role.Stamp;
                string kind = sm.Groups["kind"].Value.ToLowerInvariant();
                string note = ZoneNote(sd);
                if (kind.Contains("updated") || kind.Contains("modified"))
                {
                    if (updatedSource?.StartsWith("front matter", StringComparison.Ordinal) != true) { updated = sd.Value; updatedSource = $"'{Cap(kind)}' stamp{note}"; }
                }
                else
                {
                    // A stamp with a time is more precise than a header date for the same day.
                    if (publishedSource?.StartsWith("front matter", StringComparison.Ordinal) == true) { }
                    else if (published == null || sd.HasTime && published.Value.Date == sd.Value.Date || publishedSource?.StartsWith("file header") != true)
                    {
                        published = sd.Value; publishedSource = $"'{Cap(kind)}' stamp{note}";
                    }
                }
                continue;
            }
            if (p.Words <= 8 && NewsDateParser.TryParse(p.Text, out var ld) && p.Text.Length <= 60)
            {
                p.Role = Role.Stamp;
                if (published == null) { published = ld.Value; publishedSource = "date line above the story" + ZoneNote(ld); }
                continue;
            }
            // A prose paragraph followed closely by a byline or stamp is the standfirst.
            if (standfirst == null && TextShape.EndsLikeSentence(p.Text) && p.Words >= 6)
            {
                bool metaFollows = false;
                for (int j = i + 1; j < Math.Min(paras.Count, i + 4); j++)
                    if (IsFrontMatter(paras[j].Text)) { metaFollows = true; break; }
                if (metaFollows) { p.Role = Role.Standfirst; standfirst = p.Text; sources.Set("Standfirst", "paragraph above the byline"); continue; }
            }
        }

        // 4. Choose the story: the best-scoring run of paragraphs (prose scores its words, chrome shapes score below zero).
        var candidates = new List<int>();
        for (int i = 0; i < paras.Count; i++) if (paras[i].Role == Role.Candidate) candidates.Add(i);
        ScoreCandidates(paras, candidates, bylineCredit);
        (int bestStart, int bestEnd) = BestRun(paras, candidates);

        var body = new List<string>();
        var seenInBody = new HashSet<string>(StringComparer.Ordinal);
        for (int k = 0; k < candidates.Count; k++)
        {
            var p = paras[candidates[k]];
            bool inSpan = k >= bestStart && k <= bestEnd;
            if (!inSpan) { p.Role = Role.Removed; continue; }
            string norm = TextShape.Normalise(p.Text);
            if (TextShape.IsTimeLike(p.Text) || norm.Length == 0 || !seenInBody.Add(norm) || IsSignature(p.Text, norm, bylineCredit))
            {
                p.Role = Role.Removed;
                continue;
            }
            if (CaptionCredit.IsMatch(p.Text) && p.Words < 80) { p.Role = Role.Caption; captions.Add(p.Text); continue; }
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
            }
            else dm = AgencyOnlyDateline.Match(body[0]);
            if (dm.Success && dm.Groups["agency"].Success)
            {
                string who = dm.Groups["agency"].Value;
                if (WireAgencies.TryResolve(who, out var ag))
                {
                    if (agency == null) { agency = ag; sources.Set("Agency", "dateline"); }
                }
                else if (agency == null && outlet == null && who.Length <= 20 && who.Any(char.IsUpper)) { outlet = who.Trim(); sources.Set("Outlet", "dateline"); }
            }
        }
        if (agency != null && !sources.ContainsKey("Agency")) sources.Set("Agency", sources.TryGetValue("Authors", out var au) ? au : "credit line");

        if (!string.IsNullOrWhiteSpace(options.Outlet))
        {
            if (outlet == null) { outlet = options.Outlet.Trim(); sources.Set("Outlet", "-Outlet parameter"); }
        }
        else if (outlet != null && !sources.ContainsKey("Outlet")) sources.Set("Outlet", "byline");

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

    private static readonly Regex FrontMatterLine = new(@"^(?<key>[A-Za-z][A-Za-z ]{0,20}?)\s*:(?:\s+(?<value>.*?))?\s*$", Rx);
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

    /// <summary>What a date's origin in Sources adds about its precision: nothing, no time zone, or the date only.</summary>
    private static string ZoneNote(ParsedDate d) => d.HasZone ? "" : d.HasTime ? " (no time zone stated; read as UTC)" : " (date only)";

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
        s.Length <= 200 && (Byline.IsMatch(s) || Stamp.IsMatch(s) && NewsDateParser.TryParse(s, out _) || CaptionCredit.IsMatch(s));

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
