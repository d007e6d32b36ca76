using System.Management.Automation;
using NewsCmdlets.Engine.Cache;
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
    }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == TextSet)
        {
            foreach (var (t, id) in NumberedTexts(Text))
                Handle(t, () => _extractor!.ExtractText(t, Date, id, null, Cancellation), id);
            return;
        }
        foreach (var article in InputArticles(InputObject))
        {
            string label = article.Source ?? article.Title ?? article.Id;
            if (_analyses != null && CacheSession.Try(this, _analyses.Cache, () => _analyses.TryGetEntities(article, out var cached) ? cached : null) is { } reused)
            {
                Write(reused, label);
                continue;
            }
            if (Handle(article, () => _extractor!.Extract(article, Cancellation), label) is { } computed && _analyses != null)
                CacheSession.Try(this, _analyses.Cache, () => { _analyses.StoreEntities(article, computed); return computed; });
            if (_analyses != null) CacheSession.ReportUnstored(this, _analyses.Unstored);
        }
    }

    private ArticleEntities? Handle(object target, Func<ArticleEntities> extract, string label)
    {
        if (!TryAnalyse(target, label, Activity, "EntityExtractionFailed", "Entities", extract, out var result)) return null;
        Write(result, label);
        return result;
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
