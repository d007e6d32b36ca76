using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Engine.Ingest.Web;

/// <summary>An article read from the web, with the download it came from (status, final address, validators).</summary>
public sealed record WebArticleResult(FetchResult Fetch, ArticleReadResult Read)
{
    public NewsArticle Article => Read.Article;
}

/// <summary>
/// Downloads a page and reads the article in it: the bytes are decoded as a browser would (BOM, the HTTP charset,
/// then <c>&lt;meta charset&gt;</c>), the final address after redirects becomes the article's Source and the base
/// of its relative links, and the page's canonical link, when it has one, its Url.
/// </summary>
public static class WebArticleReader
{
    /// <summary>Media types read as an article; anything else (PDF, images, JSON, feeds) is refused before its body is downloaded.</summary>
    public static readonly IReadOnlyCollection<string> PageMediaTypes = new[] { "text/html", "application/xhtml+xml", "text/plain" };

    /// <summary>
    /// Fetches <paramref name="uri"/> and reads its article. Throws <see cref="WebFetchException"/> for download
    /// problems and <see cref="InputProblemException"/> (NoArticle, Empty) for pages without an article.
    /// </summary>
    public static async Task<WebArticleResult> ReadAsync(WebFetcher fetcher, Uri uri, WebFetchOptions web, ArticleReadOptions read,
        CancellationToken cancel = default, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(fetcher);
        web = web.AcceptedMediaTypes == null ? web with { AcceptedMediaTypes = PageMediaTypes } : web;
        var fetch = await fetcher.FetchAsync(uri, web, cancel, log).ConfigureAwait(false);
        cancel.ThrowIfCancellationRequested();
        return new WebArticleResult(fetch, Read(fetch, read));
    }

    /// <summary>Reads the article in a finished download (also for pages a cache kept).</summary>
    public static ArticleReadResult Read(FetchResult fetch, ArticleReadOptions read)
    {
        string source = fetch.FinalUri.AbsoluteUri;
        if (fetch.Bytes.Length == 0)
            throw new InputProblemException(InputProblemKind.Empty, source,
                $"'{source}' answered HTTP {fetch.StatusCode} with an empty body: there is no article to import. Try the address again later, or in a browser.");
        try
        {
            return ArticleReader.ReadBytes(fetch.Bytes, source, fetch.ContentType, fetch.FinalUri, read);
        }
        catch (InputProblemException ex) when (ex.Kind == InputProblemKind.Binary)
        {
            throw new WebFetchException(WebProblemKind.NotHtml, fetch.FinalUri,
                $"'{source}' answered HTTP {fetch.StatusCode} with {fetch.MediaType ?? "no Content-Type"} but binary content, not a web page.",
                fetch.StatusCode, ex);
        }
    }
}
