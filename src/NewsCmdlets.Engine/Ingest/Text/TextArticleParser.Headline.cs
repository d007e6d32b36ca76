using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using NewsCmdlets.Engine.Model;
using NewsCmdlets.Engine.Text;

namespace NewsCmdlets.Engine.Ingest.Text;

/// <summary>TextArticleParser's headline and story start: kickers, wire slugs, page chrome over the story.</summary>
public static partial class TextArticleParser
{
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
        if (TextShape.IsTimeLike(text) || TextShape.IsClockTime(text)) return Chrome.Time;
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
}
