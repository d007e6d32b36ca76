using System.Text;
using System.Text.Json;
using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Engine.Ingest.Feeds;

/// <summary>JSON Feed 1.1 and 1.0 (https://jsonfeed.org/version/1.1), read with System.Text.Json.</summary>
internal static class JsonFeedParser
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>
    /// Reads the feed's top-level members in one pass over the bytes (which also proves the whole document well-formed,
    /// so a broken feed fails before any item is written), then its items one at a time as they are asked for: an item
    /// is parsed, read and dropped, so memory does not grow with the number of items.
    /// </summary>
    public static ParsedFeed Parse(byte[] bytes, string source, Uri? documentUri, FeedReadOptions options, CancellationToken cancel = default)
    {
        var warnings = new List<string>();
        int skip = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        int bad = TextDecoder.CountInvalidUtf8(bytes.AsSpan(skip));
        if (bad > 0)
        {
            // System.Text.Json refuses to hand out a string with invalid UTF-8 in it: replace those bytes first.
            bytes = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes, skip, bytes.Length - skip));
            skip = 0;
            warnings.Add($"'{source}' is not valid UTF-8: {bad:N0} invalid byte sequence(s) were replaced with U+FFFD. The items are read; a character may be missing from them.");
        }
        if (JsonEscapes.RepairLoneSurrogates(bytes.AsSpan(skip)) is { } repaired)
        {
            bytes = repaired;
            skip = 0;
            warnings.Add($"'{source}' escapes UTF-16 halves without their pair (such as \\ud800); they were read as U+FFFD.");
        }
        var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        int itemsAt = -1;
        bool itemsIsArray = false;
        try
        {
            var reader = new Utf8JsonReader(bytes.AsSpan(skip), ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw new FeedException(FeedProblemKind.NotAFeed, source, $"'{source}' is JSON but not a JSON Feed: it is not a JSON object.");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string name = reader.GetString()!;
                reader.Read();
                if (name == "items")
                {
                    itemsAt = skip + (int)reader.TokenStartIndex;
                    itemsIsArray = reader.TokenType == JsonTokenType.StartArray;
                    reader.Skip();
                    cancel.ThrowIfCancellationRequested();
                }
                else members[name] = JsonElement.ParseValue(ref reader);
            }
            if (reader.Read()) throw new JsonException("There is more after the end of the feed's object.");
        }
        catch (JsonException ex)
        {
            throw new FeedException(FeedProblemKind.Malformed, source, $"'{source}' is not valid JSON, so it cannot be read as a JSON Feed: {ex.Message}", ex);
        }

        string? version = Member(members, "version");
        bool hasItems = itemsAt >= 0 && itemsIsArray;
        if (version == null || !version.StartsWith("https://jsonfeed.org/version/", StringComparison.OrdinalIgnoreCase))
        {
            if (!hasItems)
                throw new FeedException(FeedProblemKind.NotAFeed, source,
                    $"'{source}' is JSON but not a JSON Feed: it has no \"version\" of https://jsonfeed.org/version/1.1 and no \"items\".");
        }
        string format = "JSON Feed " + (version?.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "1.1");
        if (version == null) warnings.Add($"'{source}' has no JSON Feed \"version\"; it was read as JSON Feed 1.1.");

        string? title = FeedText.InlineText(Member(members, "title"));
        string? home = FeedText.ResolveLink(Member(members, "home_page_url"), documentUri, out _);
        Uri? baseUri = documentUri ?? (home != null ? new Uri(home) : null);
        string? language = FeedText.Clean(Member(members, "language"));
        var feedAuthors = Authors(members.TryGetValue("authors", out var arr) ? arr : default, members.TryGetValue("author", out var one) ? one : default);
        var decisions = new List<string> { $"{format} feed \"{title ?? "(untitled)"}\"; relative links resolve against {baseUri?.AbsoluteUri ?? "nothing (no address known)"}" };

        List<string>? late = null;
        IEnumerable<FeedEntry> Entries()
        {
            int position = 0;
            if (hasItems)
            {
                var state = default(JsonReaderState);
                int offset = itemsAt;
                bool first = true;
                while (NextItem(bytes, ref offset, ref state, ref first) is { } it)
                {
                    if ((++position & 255) == 0) cancel.ThrowIfCancellationRequested();
                    yield return ReadItem(it, position, source, baseUri, title, home, language, format, feedAuthors);
                }
            }
            if (position == 0) late!.Add($"The feed '{source}' has no items.");
        }
        var feed = ParsedFeed.Streaming(format, title, home, language, source, Entries(), warnings, decisions, out late);
        return feed;
    }

    /// <summary>
    /// The next element of the items array that starts at <paramref name="offset"/> (the array was checked in the first
    /// pass), or null at its end. The reader's state travels between calls, as a Utf8JsonReader cannot live in an iterator.
    /// </summary>
    private static JsonElement? NextItem(byte[] bytes, ref int offset, ref JsonReaderState state, ref bool first)
    {
        var reader = first ? new Utf8JsonReader(bytes.AsSpan(offset), ReaderOptions) : new Utf8JsonReader(bytes.AsSpan(offset), isFinalBlock: true, state);
        if (first)
        {
            reader.Read(); // [
            first = false;
        }
        if (!reader.Read() || reader.TokenType == JsonTokenType.EndArray) return null;
        var item = JsonElement.ParseValue(ref reader);
        offset += (int)reader.BytesConsumed;
        state = reader.CurrentState;
        return item;
    }

    private static string? Member(Dictionary<string, JsonElement> members, string name) =>
        members.TryGetValue(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        } : null;

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

    /// <summary>"authors" (1.1) or "author" (1.0) of an object: their names.</summary>
    private static TextList Authors(JsonElement el)
    {
        if (el.ValueKind != JsonValueKind.Object) return TextList.Empty;
        return Authors(el.TryGetProperty("authors", out var arr) ? arr : default, el.TryGetProperty("author", out var one) ? one : default);
    }

    private static TextList Authors(JsonElement arr, JsonElement one)
    {
        var names = new List<string>();
        if (arr.ValueKind == JsonValueKind.Array)
        {
            foreach (var a in arr.EnumerateArray())
                if (FeedText.Clean(Str(a, "name")) is { } n && !names.Contains(n)) names.Add(n);
        }
        else if (FeedText.Clean(Str(one, "name")) is { } n)
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
