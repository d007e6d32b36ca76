namespace NewsCmdlets.Engine.Model;

/// <summary>
/// One item of a news feed (RSS 0.9x/1.0/2.0, Atom 1.0, JSON Feed 1.1) as <c>Get-NewsFeed</c> writes it: what the
/// feed says about a story, with the feed it came from. Piped into <c>Import-NewsArticle</c> it fetches the story's
/// page (or, with <c>-UseFeedContent</c>, builds the article from <see cref="Content"/>). Every property exports as
/// one clean CSV column.
/// </summary>
public sealed class NewsFeedItem
{
    /// <summary>The item's headline, as plain text.</summary>
    public string? Title { get; init; }

    /// <summary>The story's address, absolute (relative links are resolved against the feed's address); null when the item has none.</summary>
    public string? Link { get; init; }

    /// <summary>When the item was published (pubDate, dc:date, published, date_published); null when the feed does not say or the date cannot be read.</summary>
    public DateTimeOffset? Published { get; init; }

    /// <summary>When the item was last updated (atom:updated, dcterms:modified, date_modified); null when the feed does not say.</summary>
    public DateTimeOffset? Updated { get; init; }

    /// <summary>Authors named by the feed (author, dc:creator, atom:author, authors).</summary>
    public TextList Authors { get; init; } = TextList.Empty;

    /// <summary>The item's summary (description, summary) as plain text.</summary>
    public string? Summary { get; init; }

    /// <summary>Categories and tags (category, dc:subject, atom:category, tags).</summary>
    public TextList Categories { get; init; } = TextList.Empty;

    /// <summary>The item's identifier (guid, rdf:about, atom:id, id); null when the feed gives none.</summary>
    public string? Guid { get; init; }

    /// <summary>The title of the feed the item came from: usually the outlet's name.</summary>
    public string? FeedTitle { get; init; }

    /// <summary>The web site the feed belongs to (the channel's link, Atom's alternate link, home_page_url).</summary>
    public string? FeedLink { get; init; }

    /// <summary>The language the feed declares (language, dc:language, xml:lang), e.g. "en-gb"; null when it declares none.</summary>
    public string? FeedLanguage { get; init; }

    /// <summary>The feed's format: "RSS 2.0", "RSS 0.91", "RSS 1.0", "Atom 1.0", "JSON Feed 1.1", …</summary>
    public string? FeedFormat { get; init; }

    /// <summary>The path or address the feed was read from (the final address after redirects).</summary>
    public string? SourceFeed { get; init; }

    /// <summary>The story's full text when the feed carries it (content:encoded, atom:content, content_html/content_text): HTML or plain text; null otherwise.</summary>
    public string? Content { get; init; }

    /// <summary>Addresses of the item's enclosures (RSS enclosure, Atom link rel="enclosure", JSON Feed attachments).</summary>
    public TextList Enclosures { get; init; } = TextList.Empty;

    /// <summary>Addresses of the item's media (media:content, media:thumbnail, JSON Feed image).</summary>
    public TextList Media { get; init; } = TextList.Empty;

    public override string ToString() => Title ?? Link ?? Guid ?? "(untitled feed item)";
}
