using NewsCmdlets.Engine.Ingest.Web;

namespace NewsCmdlets.Engine.Ingest.Feeds;

/// <summary>A feed downloaded, with the download it came from (validators included), or "not modified".</summary>
public sealed record FeedFetchResult(FetchResult Fetch, ParsedFeed? Feed)
{
    /// <summary>
    /// True when the request was conditional (<see cref="WebFetchOptions.IfNoneMatch"/> / <see cref="WebFetchOptions.IfModifiedSince"/>)
    /// and the server answered 304: <see cref="Feed"/> is null and the caller's kept copy is current.
    /// </summary>
    public bool NotModified => Fetch.NotModified;
}

/// <summary>
/// Downloads feeds through <see cref="WebFetcher"/> (redirects, retries, time and size limits) and reads them.
/// </summary>
/// <remarks>
/// Cache hook: <see cref="FetchAsync"/> returns the answer's ETag and Last-Modified in <see cref="FeedFetchResult.Fetch"/>;
/// a cache keeps them with the feed and passes them back through <see cref="WebFetchOptions.IfNoneMatch"/> and
/// <see cref="WebFetchOptions.IfModifiedSince"/>. A 304 answer then comes back as <see cref="FeedFetchResult.NotModified"/>
/// (no body, no parse), and the cache serves its copy through <see cref="FeedParser.Parse"/>.
/// </remarks>
public static class FeedReader
{
    /// <summary>The Accept header sent for feeds.</summary>
    public const string FeedAccept =
        "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5";

    /// <summary>
    /// Downloads and reads the feed at <paramref name="uri"/>. Throws <see cref="WebFetchException"/> for download
    /// problems and <see cref="FeedException"/> for feeds that cannot be read (or that exceed <see cref="FeedReadOptions.MaximumBytes"/>).
    /// </summary>
    public static async Task<FeedFetchResult> FetchAsync(WebFetcher fetcher, Uri uri, WebFetchOptions web, FeedReadOptions read,
        CancellationToken cancel = default, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(fetcher);
        web = web with { Accept = FeedAccept, AcceptedMediaTypes = null, MaximumBytes = read.MaximumBytes };
        FetchResult fetch;
        try
        {
            fetch = await fetcher.FetchAsync(uri, web, cancel, log).ConfigureAwait(false);
        }
        catch (WebFetchException ex) when (ex.Kind == WebProblemKind.TooLarge)
        {
            throw new FeedException(FeedProblemKind.TooLarge, (ex.Uri ?? uri).AbsoluteUri,
                $"'{ex.Uri ?? uri}' is larger than the limit of {ArticleReader.FormatBytes(read.MaximumBytes)} for one feed; the download was stopped. " +
                "If it really is one feed, raise the limit with -MaximumFeedSize.", ex);
        }
        cancel.ThrowIfCancellationRequested();
        if (fetch.NotModified) return new FeedFetchResult(fetch, null);
        return new FeedFetchResult(fetch, FeedParser.Parse(fetch.Bytes, fetch.FinalUri.AbsoluteUri, fetch.FinalUri, read));
    }
}
