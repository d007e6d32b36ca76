using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using NewsCmdlets.Engine.Model;
using NewsCmdlets.Engine.Text;

namespace NewsCmdlets.Engine.Ingest.Text;

/// <summary>TextArticleParser's front matter: a block of "Key: value" lines at the top (see <see cref="FrontMatterKeys"/>).</summary>
public static partial class TextArticleParser
{
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
}
