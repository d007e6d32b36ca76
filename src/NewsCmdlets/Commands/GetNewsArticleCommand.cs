using System.Management.Automation;
using NewsCmdlets.Engine.Cache;
using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Commands;

/// <summary>
/// Get-NewsArticle: articles from the cache, by id, outlet, publication date, entity or full text. Every criterion
/// given must hold. Results stream out newest first (best match first with -Search or -Query).
/// </summary>
[Cmdlet(VerbsCommon.Get, "NewsArticle", DefaultParameterSetName = SearchSet)]
[OutputType(typeof(NewsArticle))]
public sealed class GetNewsArticleCommand : NewsCmdletBase
{
    private const string SearchSet = "Search";
    private const string QuerySet = "Query";

    /// <summary>Article ids. Binds the Id of piped articles.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? Id { get; set; }

    /// <summary>Outlets (case-insensitive; wildcards allowed).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(OutletCompleter))]
    public string[]? Outlet { get; set; }

    /// <summary>Published at or after this time.</summary>
    [Parameter]
    public DateTimeOffset? Since { get; set; }

    /// <summary>Published before this time.</summary>
    [Parameter]
    public DateTimeOffset? Until { get; set; }

    /// <summary>Entities the articles must all mention (by name, case-insensitive), from the cache's entity index.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Entity { get; set; }

    /// <summary>Words to find in the title or body: all must occur; "quoted phrases" and prefix* work. Any text is accepted.</summary>
    [Parameter(ParameterSetName = SearchSet)]
    [ValidateNotNullOrEmpty]
    public string? Search { get; set; }

    /// <summary>A raw SQLite FTS5 query (AND, OR, NOT, NEAR, title:word, prefix*), for people who know the syntax.</summary>
    [Parameter(Mandatory = true, ParameterSetName = QuerySet)]
    [ValidateNotNullOrEmpty]
    public string? Query { get; set; }

    /// <summary>At most this many articles.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int First { get; set; }

    /// <summary>The cache file (default: the session's, see Set-NewsCacheConfiguration).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CachePath { get; set; }

    private NewsCache? _cache;
    private readonly HashSet<string> _pipedIds = new(StringComparer.Ordinal);

    protected override void BeginProcessing()
    {
        _cache = CacheSession.Open(this, CacheSession.ResolveLocation(this, CachePath), mustExist: true);
    }

    protected override void ProcessRecord()
    {
        // Ids arriving from the pipeline are looked up one input at a time; otherwise the query runs once, at the end.
        if (!MyInvocation.ExpectingInput) return;
        if (Id == null) return;
        var ids = Id.Where(_pipedIds.Add).ToArray();
        if (ids.Length > 0) Run(ids);
    }

    protected override void EndProcessing()
    {
        if (!MyInvocation.ExpectingInput || _pipedIds.Count == 0) Run(MyInvocation.ExpectingInput ? null : Id);
        _cache?.Dispose();
        _cache = null;
    }

    private void Run(IReadOnlyList<string>? ids)
    {
        var query = new NewsArticleQuery
        {
            Id = ids,
            Outlet = Outlet,
            Since = Since,
            Until = Until,
            Entity = Entity,
            Search = Search,
            Query = Query,
            First = MyInvocation.BoundParameters.ContainsKey(nameof(First)) ? First : null,
            OnUnreadable = (id, reason) => WriteError(new ErrorRecord(
                new InvalidDataException($"The article '{id}' in the cache '{_cache!.Path}' cannot be read: {reason} " +
                    $"Import it again from its source to replace it, or remove it with Remove-NewsArticle -Id '{id}'."),
                "CacheArticleUnreadable", ErrorCategory.ReadError, id)),
        };
        if (Search != null && FtsQuery.FromUserText(Search) == null)
            WriteWarning($"-Search '{Search}' has no letters or digits to look for, so no article matches.");
        try
        {
            foreach (var article in _cache!.Query(query))
            {
                if (Cancellation.IsCancellationRequested) return;
                SessionValues.Remember(article);
                WriteObject(article);
            }
        }
        catch (NewsCacheException ex)
        {
            ThrowTerminatingError(CacheSession.ToErrorRecord(ex, (object?)Query ?? _cache!.Path));
        }
    }
}
