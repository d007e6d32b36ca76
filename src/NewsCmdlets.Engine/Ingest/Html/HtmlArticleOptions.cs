using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Engine.Ingest.Html;

/// <summary>Options for extracting one article from a web page.</summary>
public sealed class HtmlArticleOptions
{
    /// <summary>Path, URI or name recorded as the article's Source.</summary>
    public string? Source { get; init; }

    /// <summary>The page's address, when known: relative canonical links are resolved against it.</summary>
    public Uri? BaseUri { get; init; }

    /// <summary>The outlet to record when the page does not name one.</summary>
    public string? Outlet { get; init; }

    /// <summary>"Now" for rejecting dates in the future; defaults to the clock.</summary>
    public DateTimeOffset? Now { get; init; }

    /// <summary>Warnings noticed before extraction (e.g. while decoding) to carry on the article.</summary>
    public IReadOnlyList<string>? Warnings { get; init; }
}

/// <summary>What <see cref="HtmlArticleExtractor.Extract"/> found on a page.</summary>
public sealed class HtmlExtractionResult
{
    /// <summary>The article, or null when the page holds none (see <see cref="NotArticleReason"/>).</summary>
    public NewsArticle? Article { get; init; }

    /// <summary>True when the page is a story page and <see cref="Article"/> holds it.</summary>
    public bool IsArticle { get; init; }

    /// <summary>Why the page is not an article ("error page", "no text", "home or index page: …"); null when it is one.</summary>
    public string? NotArticleReason { get; init; }

    /// <summary>What to do about a page that is not an article (it depends on why); null when it is one.</summary>
    public string? NotArticleAdvice { get; init; }

    /// <summary>Short notes on what was decided and why (which block held the story, what was removed, where dates came from).</summary>
    public IReadOnlyList<string> Decisions { get; init; } = Array.Empty<string>();
}
