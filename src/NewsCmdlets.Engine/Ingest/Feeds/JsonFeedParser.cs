using System.Text.Json;
using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Engine.Ingest.Feeds;

/// <summary>JSON Feed 1.1 and 1.0 (https://jsonfeed.org/version/1.1), read with System.Text.Json.</summary>
internal static class JsonFeedParser
{
    public static ParsedFeed Parse(byte[] bytes, string source, Uri? documentUri, FeedReadOptions options)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 64, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new FeedException(FeedProblemKind.Malformed, source, $"'{source}' is not valid JSON, so it cannot be read as a JSON Feed: {ex.Message}", ex);
        }
        using (doc)
        {
            var root = doc.RootElement;
            string? version = Str(root, "version");
            bool hasItems = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("items", out var itemsEl) && itemsEl.ValueKind == JsonValueKind.Array;
            if (version == null || !version.StartsWith("https://jsonfeed.org/version/", StringComparison.OrdinalIgnoreCase))
            {
                if (!hasItems)
                    throw new FeedException(FeedProblemKind.NotAFeed, source,
                        $"'{source}' is JSON but not a JSON Feed: it has no \"version\" of https://jsonfeed.org/version/1.1 and no \"items\".");
            }
            string format = "JSON Feed " + (version?.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "1.1");
            var warnings = new List<string>();
            if (version == null) warnings.Add($"'{source}' has no JSON Feed \"version\"; it was read as JSON Feed 1.1.");

            string? title = FeedText.InlineText(Str(root, "title"));
            string? home = FeedText.ResolveLink(Str(root, "home_page_url"), documentUri, out _);
            Uri? baseUri = documentUri ?? (home != null ? new Uri(home) : null);
            string? language = FeedText.Clean(Str(root, "language"));
            var feedAuthors = Authors(root);
            var decisions = new List<string> { $"{format} feed \"{title ?? "(untitled)"}\"; relative links resolve against {baseUri?.AbsoluteUri ?? "nothing (no address known)"}" };

            var entries = new List<FeedEntry>();
            if (hasItems)
            {
                int position = 0;
                foreach (var it in root.GetProperty("items").EnumerateArray())
                {
                    position++;
                    entries.Add(ReadItem(it, position, source, baseUri, title, home, language, format, feedAuthors));
                }
            }
            if (entries.Count == 0) warnings.Add($"The feed '{source}' has no items.");
            return new ParsedFeed
            {
                Format = format, Title = title, Link = home, Language = language, Source = source,
                Entries = entries, Warnings = warnings, Decisions = decisions,
            };
        }
    }

    private static FeedEntry ReadItem(JsonElement it, int position, string source, Uri? baseUri, string? feedTitle, string? feedLink,
        string? language, string format, TextList feedAuthors)
    {
        if (it.ValueKind != JsonValueKind.Object)
            return new FeedEntry { Position = position, Problem = $"Item {position} of '{source}' is a JSON {it.ValueKind.ToString().ToLowerInvariant()}, not an object: it cannot be read." };
        var warnings = new List<string>();
        string? title = FeedText.InlineText(Str(it, "title"));
        string label = XmlFeedParser.Label(position, title);
        string? guid = Str(it, "id");

        string? link = FeedText.ResolveLink(Str(it, "url"), baseUri, out string? problem)
                       ?? FeedText.ResolveLink(Str(it, "external_url"), baseUri, out _);
        if (link != null) problem = null;
        if (problem != null) warnings.Add($"{label}: {problem}; Link is empty.");

        DateTimeOffset? Date(string name)
        {
            string? text = Str(it, name);
            if (FeedDateParser.TryParse(text, out var v, out string? why)) return v;
            if (why != null) warnings.Add($"{label}: the date '{FeedText.Clip(text!.Trim(), 60)}' in \"{name}\" cannot be read ({why}); it was left out.");
            return null;
        }

        var authors = Authors(it);
        if (authors.Count == 0) authors = feedAuthors;
        var tags = new List<string>();
        if (it.TryGetProperty("tags", out var tagsEl) && tagsEl.ValueKind == JsonValueKind.Array)
            foreach (var t in tagsEl.EnumerateArray())
                if (t.ValueKind == JsonValueKind.String && FeedText.Clean(t.GetString()) is { } tag && !tags.Contains(tag, StringComparer.OrdinalIgnoreCase)) tags.Add(tag);
        var attachments = new List<string>();
        if (it.TryGetProperty("attachments", out var att) && att.ValueKind == JsonValueKind.Array)
            foreach (var a in att.EnumerateArray())
                if (FeedText.ResolveLink(Str(a, "url"), baseUri, out _) is { } u && !attachments.Contains(u)) attachments.Add(u);
        var media = new List<string>();
        foreach (var name in new[] { "image", "banner_image" })
            if (FeedText.ResolveLink(Str(it, name), baseUri, out _) is { } u && !media.Contains(u)) media.Add(u);

        string? html = Str(it, "content_html"), text = Str(it, "content_text");
        string? content = !string.IsNullOrWhiteSpace(html) ? html.Trim() : !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;
        var item = new NewsFeedItem
        {
            Title = title,
            Link = link,
            Published = Date("date_published"),
            Updated = Date("date_modified"),
            Authors = authors,
            Summary = FeedText.HtmlToText(Str(it, "summary")),
            Categories = tags.Count > 0 ? new TextList(tags) : TextList.Empty,
            Guid = guid,
            FeedTitle = feedTitle,
            FeedLink = feedLink,
            FeedLanguage = FeedText.Clean(Str(it, "language")) ?? language,
            FeedFormat = format,
            SourceFeed = source,
            Content = content,
            Enclosures = attachments.Count > 0 ? new TextList(attachments) : TextList.Empty,
            Media = media.Count > 0 ? new TextList(media) : TextList.Empty,
        };
        if (item.Title == null && item.Link == null && item.Summary == null && item.Content == null)
            return new FeedEntry { Position = position, Problem = $"{label} of '{source}' has no title, link or text: there is nothing to import.", Warnings = warnings };
        return new FeedEntry { Position = position, Item = item, Warnings = warnings };
    }

    /// <summary>"authors" (1.1) or "author" (1.0): their names.</summary>
    private static TextList Authors(JsonElement el)
    {
        var names = new List<string>();
        if (el.ValueKind != JsonValueKind.Object) return TextList.Empty;
        if (el.TryGetProperty("authors", out var arr) && arr.ValueKind == JsonValueKind.Array)
        {
            foreach (var a in arr.EnumerateArray())
                if (FeedText.Clean(Str(a, "name")) is { } n && !names.Contains(n)) names.Add(n);
        }
        else if (el.TryGetProperty("author", out var one) && FeedText.Clean(Str(one, "name")) is { } n)
        {
            names.Add(n);
        }
        return names.Count > 0 ? new TextList(names) : TextList.Empty;
    }

    /// <summary>A string (or number, for ids) property; null when missing or of another kind.</summary>
    private static string? Str(JsonElement el, string name)
    {
        if (el.ValueKind != JsonValueKind.Object || !el.TryGetProperty(name, out var v)) return null;
        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        };
    }
}
