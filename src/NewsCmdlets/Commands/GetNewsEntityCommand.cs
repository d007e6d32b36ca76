using System.Management.Automation;
using NewsCmdlets.Engine.Cache;
using NewsCmdlets.Engine.Concurrency;
using NewsCmdlets.Engine.Entities;
using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Commands;

/// <summary>Whether entities are listed per article or merged across every article of the call.</summary>
public enum EntityScope
{
    Article,
    Corpus,
}

/// <summary>
/// Get-NewsEntity: people, organisations, places, groups, dates and quantities in articles, one object per entity per
/// article (or per entity across all articles with -Scope Corpus), or one per mention with -IncludeMentions.
/// </summary>
[Cmdlet(VerbsCommon.Get, "NewsEntity", DefaultParameterSetName = ArticleSet)]
[OutputType(typeof(NewsEntity), typeof(NewsEntityMention))]
public sealed class GetNewsEntityCommand : ArticleAnalysisCmdletBase
{
    private const string Activity = "Finding entities";

    /// <summary>Articles from Import-NewsArticle.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = ArticleSet)]
    public NewsArticle[] InputObject { get; set; } = Array.Empty<NewsArticle>();

    /// <summary>Plain text to search instead of articles.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = TextSet)]
    [AllowEmptyString]
    public string[] Text { get; set; } = Array.Empty<string>();

    /// <summary>The date the text was written, for resolving "last year", "Sunday" and the like in -Text.</summary>
    [Parameter(ParameterSetName = TextSet)]
    public DateTimeOffset? Date { get; set; }

    /// <summary>Only these types of entity.</summary>
    [Parameter]
    public NewsEntityType[]? Type { get; set; }

    /// <summary>One object per mention (with its offset) instead of one per entity.</summary>
    [Parameter]
    public SwitchParameter IncludeMentions { get; set; }

    /// <summary>Article (default): entities per article. Corpus: entities merged across all the input.</summary>
    [Parameter]
    public EntityScope Scope { get; set; } = EntityScope.Article;

    /// <summary>
    /// Keep each article's entities in the cache and reuse them: an article analysed before by this version of the
    /// module is not analysed again. Also fills the entity index that Get-NewsArticle -Entity searches. On by default
    /// after Set-NewsCacheConfiguration -Enabled; -Cache:$false turns it off for one call.
    /// </summary>
    [Parameter(ParameterSetName = ArticleSet)]
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = LiteralPathSet)]
    public SwitchParameter Cache { get; set; }

    private EntityExtractor? _extractor;
    private CachedAnalyses? _analyses;
    private readonly List<ArticleEntities> _corpus = new();

    /// <summary>One article or text to analyse; <paramref name="Reused"/> when the cache had its entities.</summary>
    private sealed record Job(object Target, string Label, NewsArticle? Article, string? Text, bool Reused = false);

    private OrderedParallelMap<Job, ArticleEntities>? _work;

    protected override void BeginProcessing()
    {
        try
        {
            _extractor = new EntityExtractor();
        }
        catch (Exception ex) when (ex is InvalidOperationException or InvalidDataException or IOException)
        {
            ThrowTerminatingError(new ErrorRecord(
                new InvalidOperationException($"The entity model could not be loaded: {ex.Message} Reinstall the NewsCmdlets module.", ex),
                "EntityModelUnavailable", ErrorCategory.ResourceUnavailable, null));
        }
        if (ParameterSetName != TextSet) _analyses = CacheSession.OpenAnalyses(this, Cache);
        _work = StartAnalyses<Job, ArticleEntities>(ThrottleLimit, NewWorker, j => (j.Target, j.Label), Activity, "EntityExtractionFailed", "Entities", Written);
    }

    /// <summary>One thread's extractor (the first takes the one made above; the model is shared).</summary>
    private Func<Job, CancellationToken, ArticleEntities> NewWorker()
    {
        var x = Interlocked.Exchange(ref _extractor, null) ?? new EntityExtractor();
        return (job, cancel) => job.Article != null ? x.Extract(job.Article, cancel) : x.ExtractText(job.Text!, Date, job.Label, null, cancel);
    }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == TextSet)
        {
            foreach (var (t, id) in NumberedTexts(Text))
                if (!_work!.Add(new Job(t, id, null, t))) return;
            return;
        }
        foreach (var article in InputArticles(InputObject))
        {
            string label = article.Source ?? article.Title ?? article.Id;
            if (_analyses != null && CacheSession.Try(this, _analyses.Cache, () => _analyses.TryGetEntities(article, out var cached) ? cached : null) is { } reused)
            {
                if (!_work!.AddDone(new Job(article, label, article, null, Reused: true), reused)) return;
                continue;
            }
            if (!_work!.Add(new Job(article, label, article, null))) return;
        }
    }

    /// <summary>An article's entities, in input order on the pipeline thread: written, and kept in the cache when computed now.</summary>
    private void Written(Job job, ArticleEntities result)
    {
        Write(result, job.Label);
        if (!job.Reused && job.Article is { } article && _analyses != null)
            CacheSession.StoreAnalysis(this, _analyses, r => _analyses.StoreEntities(article, r), result);
    }

    private void Write(ArticleEntities result, string label)
    {
        foreach (var w in result.Warnings) WriteWarning($"{label}: {w}");
        if (Scope == EntityScope.Corpus)
        {
            _corpus.Add(result);
            return;
        }
        if (IncludeMentions) foreach (var m in result.Mentions) { if (Wanted(m.Type)) WriteObject(m); }
        else foreach (var e in result.Entities) { if (Wanted(e.Type)) WriteObject(e); }
    }

    protected override void EndProcessing()
    {
        if (_work != null && !_work.Flush()) return;
        if (Scope == EntityScope.Corpus && _corpus.Count > 0)
        {
            ReportProgress(Activity, $"Merging entities across {_corpus.Count} article(s)", force: true);
            var merged = EntityExtractor.MergeCorpus(_corpus);
            if (!IncludeMentions)
            {
                foreach (var e in merged) if (Wanted(e.Type)) WriteObject(e);
            }
            else
            {
                // Mentions carry the corpus-wide name of their entity.
                var nameOf = new Dictionary<(string, string), string>();
                foreach (var e in merged)
                    foreach (var f in e.Forms.Prepend(e.Name))
                        nameOf.TryAdd((Family(e.Type), f), e.Name);
                foreach (var a in _corpus)
                    foreach (var m in a.Mentions)
                    {
                        if (!Wanted(m.Type)) continue;
                        if (nameOf.TryGetValue((Family(m.Type), m.Name), out var name) && name != m.Name)
                            WriteObject(Rename(m, name));
                        else WriteObject(m);
                    }
            }
        }
        CompleteProgress(Activity);
        if (AnalysedCount > 1) WriteVerbose($"Searched {AnalysedCount} input(s) for entities.");
        CacheSession.CloseAnalyses(this, ref _analyses);
    }

    protected override void OnDispose() => CacheSession.CloseAnalyses(null, ref _analyses);

    private static string Family(NewsEntityType t) => t is NewsEntityType.Person or NewsEntityType.Organization or NewsEntityType.Location ? "Named" : t.ToString();

    private static NewsEntityMention Rename(NewsEntityMention m, string name) => new()
    {
        Name = name, Type = m.Type, Text = m.Text, Field = m.Field, Offset = m.Offset, Length = m.Length, SentenceIndex = m.SentenceIndex,
        Sentence = m.Sentence, Description = m.Description, Value = m.Value, Granularity = m.Granularity, Number = m.Number, Unit = m.Unit,
        Counted = m.Counted, Approximate = m.Approximate, ArticleId = m.ArticleId, Outlet = m.Outlet,
    };

    private bool Wanted(NewsEntityType t) => Type == null || Type.Length == 0 || Array.IndexOf(Type, t) >= 0;
}
