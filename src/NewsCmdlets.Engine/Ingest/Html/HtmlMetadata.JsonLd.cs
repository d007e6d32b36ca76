using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using NewsCmdlets.Engine.Ingest.Text;
using NewsCmdlets.Engine.Text;

namespace NewsCmdlets.Engine.Ingest.Html;

/// <summary>HtmlMetadata's JSON-LD: the page's schema.org article (headline, dates, authors, publisher), tolerant of broken scripts.</summary>
internal static partial class HtmlMetadata
{
    // ---------------------------------------------------------------- JSON-LD

    internal sealed class JsonLdInfo
    {
        public bool Found;
        public string? Type, Headline, DatePublished, DateModified, Publisher, Section, Language, ArticleBody, Url;
        public readonly List<string> Authors = new();
        public readonly List<string> AuthorOrgs = new();
    }

    private static void TakeAddress(HtmlMeta m, string href, string source, Uri? baseUri)
    {
        if (WebAddress.Resolve(href, baseUri, out string? problem) is { } url) { m.Canonical = url; m.CanonicalSource = source; }
        else if (problem != null) m.RefusedAddresses.Add($"The page's {source} was left out of Url: {problem}.");
    }

    private static readonly JsonDocumentOptions JsonOptions = new()
    {
        AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 128,
    };

    internal static JsonLdInfo ReadJsonLd(List<string> scripts, List<string> decisions)
    {
        var info = new JsonLdInfo();
        var objects = new List<JsonElement>();
        var docs = new List<JsonDocument>();
        try
        {
            foreach (var raw in scripts)
            {
                var doc = ParseTolerant(raw);
                if (doc == null)
                {
                    decisions.Add("a JSON-LD block could not be read (broken JSON); its dates were looked for as text");
                    ScanBrokenJson(raw, info);
                    continue;
                }
                docs.Add(doc);
                Flatten(doc.RootElement, objects);
            }
            // Index by @id for author references.
            var byId = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var o in objects)
                if (o.TryGetProperty("@id", out var idv) && idv.ValueKind == JsonValueKind.String) byId.TryAdd(idv.GetString()!, o);

            JsonElement? article = null;
            foreach (var o in objects)
            {
                if (!IsArticleType(o)) continue;
                if (article == null) { article = o; continue; }
                // Prefer the one with a body or a date over an earlier bare reference.
                bool better = !Has(article.Value, "datePublished") && Has(o, "datePublished") || !Has(article.Value, "articleBody") && Has(o, "articleBody");
                if (better) article = o;
            }
            // A WebPage with dates stands in when no article object exists.
            if (article == null)
            {
                foreach (var o in objects)
                    if (TypeNames(o).Any(t => t.EndsWith("WebPage", StringComparison.Ordinal)) && Has(o, "datePublished")) { article = o; break; }
            }
            if (article is { } a)
            {
                info.Found = IsArticleType(a);
                info.Type = TypeNames(a).FirstOrDefault();
                info.Headline ??= Str(a, "headline") ?? Str(a, "name");
                info.DatePublished = Str(a, "datePublished") ?? Str(a, "dateCreated") ?? info.DatePublished;
                info.DateModified = Str(a, "dateModified") ?? info.DateModified;
                info.Section = Str(a, "articleSection");
                info.Language = Str(a, "inLanguage");
                info.ArticleBody = Str(a, "articleBody");
                info.Url = Str(a, "url");
                if (a.TryGetProperty("author", out var au)) ReadPeople(au, byId, info.Authors, info.AuthorOrgs, 0);
                if (info.Authors.Count == 0 && a.TryGetProperty("creator", out var cr)) ReadPeople(cr, byId, info.Authors, info.AuthorOrgs, 0);
                if (a.TryGetProperty("publisher", out var pub))
                {
                    var pubs = new List<string>(); var orgs = new List<string>();
                    ReadPeople(pub, byId, pubs, orgs, 0);
                    info.Publisher = orgs.Concat(pubs).FirstOrDefault();
                }
            }
        }
        finally
        {
            foreach (var d in docs) d.Dispose();
        }
        return info;
    }

    private static bool Has(JsonElement o, string name) => o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out _);

    private static JsonDocument? ParseTolerant(string raw)
    {
        string s = NewsCmdlets.Engine.Ingest.JsonEscapes.RepairLoneSurrogates(raw.Trim());
        if (s.StartsWith("<!--", StringComparison.Ordinal)) s = s[4..];
        if (s.EndsWith("-->", StringComparison.Ordinal)) s = s[..^3];
        s = s.Replace("//<![CDATA[", "").Replace("//]]>", "").Replace("<![CDATA[", "").Replace("]]>", "").Trim().TrimEnd(';');
        for (int attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                return JsonDocument.Parse(s, JsonOptions);
            }
            catch (JsonException)
            {
                if (attempt == 0)
                {
                    // Raw control characters (line breaks inside strings) are the commonest fault.
                    var sb = new StringBuilder(s.Length);
                    foreach (char c in s) sb.Append(c < ' ' ? ' ' : c);
                    s = sb.ToString();
                }
                else if (attempt == 1)
                {
                    // Several objects one after another, or trailing garbage: wrap what parses as an array.
                    int end = s.LastIndexOf('}');
                    if (end < 0) return null;
                    s = "[" + Regex.Replace(s[..(end + 1)], @"\}\s*\{", "},{") + "]";
                }
            }
        }
        return null;
    }

    /// <summary>Broken JSON-LD: pick the date fields out as text.</summary>
    private static void ScanBrokenJson(string raw, JsonLdInfo info)
    {
        static string? Field(string s, string name)
        {
            var mm = Regex.Match(s, "\"" + name + "\"\\s*:\\s*\"(?<v>[^\"]{4,60})\"", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking); // linear, no clock
            return mm.Success ? mm.Groups["v"].Value : null;
        }
        string s = raw.Length > 200_000 ? raw[..200_000] : raw;
        info.DatePublished ??= Field(s, "datePublished");
        info.DateModified ??= Field(s, "dateModified");
    }

    private static void Flatten(JsonElement e, List<JsonElement> into)
    {
        var stack = new Stack<(JsonElement, int)>();
        stack.Push((e, 0));
        while (stack.Count > 0 && into.Count < 2000)
        {
            var (x, depth) = stack.Pop();
            if (depth > 12) continue;
            if (x.ValueKind == JsonValueKind.Array)
            {
                for (int i = x.GetArrayLength() - 1; i >= 0; i--) stack.Push((x[i], depth + 1));
            }
            else if (x.ValueKind == JsonValueKind.Object)
            {
                into.Add(x);
                if (x.TryGetProperty("@graph", out var g)) stack.Push((g, depth + 1));
                if (x.TryGetProperty("mainEntity", out var me)) stack.Push((me, depth + 1));
                if (x.TryGetProperty("mainEntityOfPage", out var mep) && mep.ValueKind == JsonValueKind.Object) stack.Push((mep, depth + 1));
            }
        }
    }

    private static IEnumerable<string> TypeNames(JsonElement o)
    {
        if (o.ValueKind != JsonValueKind.Object || !o.TryGetProperty("@type", out var t)) yield break;
        if (t.ValueKind == JsonValueKind.String) yield return StripSchema(t.GetString()!);
        else if (t.ValueKind == JsonValueKind.Array)
            foreach (var x in t.EnumerateArray()) if (x.ValueKind == JsonValueKind.String) yield return StripSchema(x.GetString()!);
    }

    private static string StripSchema(string t)
    {
        int i = t.LastIndexOfAny(new[] { '/', ':' });
        return i >= 0 ? t[(i + 1)..] : t;
    }

    private static bool IsArticleType(JsonElement o) => TypeNames(o).Any(ArticleTypes.Contains);

    private static string? Str(JsonElement o, string name)
    {
        if (o.ValueKind != JsonValueKind.Object || !o.TryGetProperty(name, out var v)) return null;
        switch (v.ValueKind)
        {
            case JsonValueKind.String:
                string s = TextDecoder.StripControlCharacters(v.GetString()!).Trim();
                return s.Length == 0 ? null : s;
            case JsonValueKind.Array:
                foreach (var x in v.EnumerateArray())
                    if (x.ValueKind == JsonValueKind.String && x.GetString() is { Length: > 0 } xs) return xs.Trim();
                return null;
            case JsonValueKind.Object:
                return Str(v, "name") ?? Str(v, "@value");
            default:
                return null;
        }
    }

    private static void ReadPeople(JsonElement v, Dictionary<string, JsonElement> byId, List<string> people, List<string> orgs, int depth)
    {
        if (depth > 4) return;
        switch (v.ValueKind)
        {
            case JsonValueKind.String:
                people.Add(v.GetString()!);
                break;
            case JsonValueKind.Array:
                foreach (var x in v.EnumerateArray()) ReadPeople(x, byId, people, orgs, depth + 1);
                break;
            case JsonValueKind.Object:
            {
                var o = v;
                if (!o.TryGetProperty("name", out _) && o.TryGetProperty("@id", out var id) && id.ValueKind == JsonValueKind.String &&
                    byId.TryGetValue(id.GetString()!, out var target))
                    o = target;
                string? name = Str(o, "name");
                if (name == null)
                {
                    string? given = Str(o, "givenName"), family = Str(o, "familyName");
                    if (given != null || family != null) name = $"{given} {family}".Trim();
                }
                if (name == null) break;
                bool isOrg = TypeNames(o).Any(t => t.Contains("Organization", StringComparison.Ordinal) || t is "NewsMediaOrganization" or "Corporation");
                (isOrg ? orgs : people).Add(name);
                break;
            }
        }
    }
}
