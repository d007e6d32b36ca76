using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using NewsCmdlets.Engine.Model;
using NewsCmdlets.Engine.Text;

namespace NewsCmdlets.Engine.Ingest.Text;

/// <summary>TextArticleParser's paragraphs: splitting, hard wraps, credits and signatures, the story's best run, bylines.</summary>
public static partial class TextArticleParser
{
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

    /// <summary>Words from which a repeated paragraph that ends like a sentence is prose written twice, not repeated chrome
    /// (menus, share bars, sign-up prompts and credits are shorter).</summary>
    private const int RepeatedProseWords = 25;

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
            // A paragraph of prose written twice (a text pasted twice, a pull quote repeated in full) is story, not chrome:
            // neutral, so that it does not cut the story in two (the copy is dropped from Body as a repeat).
            else if (counts.TryGetValue(norm, out var c) && c > 1 && w >= 2) p.Score = w >= RepeatedProseWords && TextShape.EndsLikeSentence(p.Text) ? 0 : -(w + 5);
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
