using System.Management.Automation;
using NewsCmdlets.Engine.Cache;

namespace NewsCmdlets.Commands;

/// <summary>
/// Remove-NewsArticle: deletes articles from the cache, with what was kept about them (inputs, entity index rows,
/// analyses). Takes ids, or articles piped from Get-NewsArticle or Import-NewsArticle.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "NewsArticle", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(void))]
public sealed class RemoveNewsArticleCommand : NewsCmdletBase
{
    /// <summary>Ids of the articles to remove. Binds the Id of piped articles.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>The cache file (default: the session's, see Set-NewsCacheConfiguration).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CachePath { get; set; }

    private NewsCache? _cache;
    private int _removed;

    protected override void BeginProcessing()
    {
        _cache = CacheSession.Open(this, CacheSession.ResolveLocation(this, CachePath), mustExist: true);
    }

    protected override void ProcessRecord()
    {
        foreach (var id in Id)
        {
            if (Cancellation.IsCancellationRequested) return;
            NewsCmdlets.Engine.Model.NewsArticle? article;
            try
            {
                article = _cache!.GetArticle(id);
            }
            catch (NewsCacheException ex)
            {
                ThrowTerminatingError(CacheSession.ToErrorRecord(ex, id));
                return;
            }
            if (article == null)
            {
                WriteError(new ErrorRecord(new ItemNotFoundException($"The cache '{_cache!.Path}' has no article with the id '{id}'."),
                    "ArticleNotFound", ErrorCategory.ObjectNotFound, id));
                continue;
            }
            if (!ShouldProcess($"{id} ({article.Title}) in {_cache!.Path}", "Remove article from the cache")) continue;
            try
            {
                _removed += _cache.Remove(new[] { id });
            }
            catch (NewsCacheException ex)
            {
                ThrowTerminatingError(CacheSession.ToErrorRecord(ex, id));
            }
        }
    }

    protected override void EndProcessing()
    {
        WriteVerbose($"Removed {_removed} article(s) from '{_cache?.Path}'.");
        _cache?.Dispose();
        _cache = null;
    }
}
