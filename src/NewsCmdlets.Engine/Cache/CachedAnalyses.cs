using System.Text.Json;
using System.Text.Json.Serialization;
using NewsCmdlets.Engine.Entities;
using NewsCmdlets.Engine.Model;
using NewsCmdlets.Engine.Quotes;

namespace NewsCmdlets.Engine.Cache;

/// <summary>
/// Entities and quotes (with attributions) of articles, kept in the cache per (article id, kind, analyser version):
/// an article analysed before by the same analyser version is answered from the cache and never recomputed; another
/// version (a newer engine) recomputes and replaces it. Storing an article's entities also fills the entity index
/// that <see cref="NewsArticleQuery.Entity"/> (Get-NewsArticle -Entity) searches: every person, organisation,
/// place and group, by its canonical name and by each surface form. An article not in the cache yet is stored with
/// its analysis (without a raw source), so the index can point at it.
/// Writes are buffered and committed in one transaction per <see cref="BatchSize"/> articles and on
/// <see cref="Flush"/>/<see cref="Dispose"/>; a read-only cache is only read. Use from one thread.
/// </summary>
public sealed class CachedAnalyses : IDisposable
{
    public const string EntitiesKind = "entities";
    public const string QuotesKind = "quotes";

    /// <summary>Quotes found with the article's entities as names (what a coverage comparison uses): they can differ
    /// from Get-NewsQuote's, which finds names itself, so they are kept apart.</summary>
    public const string QuotesWithEntitiesKind = "quotes-with-entities";

    /// <summary>The analyser version of entities: the engine's version, so any engine change recomputes.</summary>
    public static string EntitiesVersion { get; } = "entities " + CachedArticleReader.ExtractorVersion;

    /// <summary>The analyser version of quotes and attributions.</summary>
    public static string QuotesVersion { get; } = "quotes " + CachedArticleReader.ExtractorVersion;

    /// <summary>Entity types that go into the entity index (dates and quantities are values, not names to look up).</summary>
    public static IReadOnlyList<NewsEntityType> IndexedTypes { get; } =
        new[] { NewsEntityType.Person, NewsEntityType.Organization, NewsEntityType.Location, NewsEntityType.Group };

    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(), new TextListConverter() },
    };

    private readonly NewsCache _cache;
    private readonly List<AnalysisWrite> _pending = new();
    private readonly Dictionary<(string Id, string Kind), (string Version, string Payload)> _pendingByKey = new();

    public CachedAnalyses(NewsCache cache, int batchSize = 200)
    {
        _cache = cache;
        BatchSize = Math.Max(1, batchSize);
    }

    public NewsCache Cache => _cache;

    /// <summary>Articles per transaction.</summary>
    public int BatchSize { get; }

    /// <summary>Dispose the cache with this object (for one opened for one call).</summary>
    public bool OwnsCache { get; init; }

    /// <summary>Analyses answered from the cache / computed and stored, so far.</summary>
    public int Reused { get; private set; }
    public int Computed { get; private set; }

    /// <summary>The article's entities from the cache, when this analyser version stored them.</summary>
    public bool TryGetEntities(NewsArticle article, out ArticleEntities entities, string? version = null)
    {
        entities = null!;
        if (!TryGet(article, EntitiesKind, version ?? EntitiesVersion, out var payload)) return false;
        var dto = Deserialize<ArticleEntities>(payload);
        if (dto == null) return false;
        entities = dto;
        Reused++;
        return true;
    }

    /// <summary>Keeps an article's entities (and fills the entity index with them).</summary>
    public void StoreEntities(NewsArticle article, ArticleEntities entities, string? version = null)
    {
        Computed++;
        Store(new AnalysisWrite(article, EntitiesKind, version ?? EntitiesVersion, JsonSerializer.Serialize(entities, Json), IndexRows(entities)));
    }

    /// <summary>The article's quotes and attributions from the cache, when this analyser version stored them.</summary>
    public bool TryGetQuotes(NewsArticle article, out ArticleQuotes quotes, string? version = null, string kind = QuotesKind)
    {
        quotes = null!;
        if (!TryGet(article, kind, version ?? QuotesVersion, out var payload)) return false;
        var dto = Deserialize<ArticleQuotes>(payload);
        if (dto == null) return false;
        quotes = dto;
        Reused++;
        return true;
    }

    /// <summary>Keeps an article's quotes and attributions.</summary>
    public void StoreQuotes(NewsArticle article, ArticleQuotes quotes, string? version = null, string kind = QuotesKind)
    {
        Computed++;
        Store(new AnalysisWrite(article, kind, version ?? QuotesVersion, JsonSerializer.Serialize(quotes, Json), null));
    }

    /// <summary>The entity index rows of an article's entities: each named entity by its name and by each form.</summary>
    public static IReadOnlyList<(string Key, string Type, int Mentions)> IndexRows(ArticleEntities entities)
    {
        // Keyed case-insensitively (as the index compares); a form shared by two entities of one type adds up.
        var rows = new Dictionary<(string Folded, string Type), (string Key, int Mentions)>();
        foreach (var e in entities.Entities)
        {
            if (!IndexedTypes.Contains(e.Type)) continue;
            string type = e.Type.ToString();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var form in e.Forms.Prepend(e.Name))
            {
                string key = (form ?? "").Trim();
                if (key.Length == 0 || !seen.Add(key)) continue;
                var k = (key.ToLowerInvariant(), type);
                rows[k] = rows.TryGetValue(k, out var r) ? (r.Key, r.Mentions + Math.Max(1, e.Mentions)) : (key, Math.Max(1, e.Mentions));
            }
        }
        return rows.Select(kv => (kv.Value.Key, kv.Key.Type, kv.Value.Mentions)).ToList();
    }

    /// <summary>Commits the buffered analyses now (one transaction).</summary>
    public void Flush()
    {
        if (_pending.Count == 0) return;
        var batch = _pending.ToArray();
        _pending.Clear();
        _pendingByKey.Clear();
        if (_outage.StillDown() is { } down)
        {
            KeepUnstored(batch, down);
            return;
        }
        try
        {
            // A full disk or a file made read-only stops the storing (counted in Unstored, reported once); a server
            // that does not answer keeps each analysis for its own error, and a later item tries the server again.
            Unstored.Write(_cache, batch.Length, () => _cache.PutAnalyses(batch));
        }
        catch (NewsCacheException ex) when (ex.Problem == NewsCacheProblem.ServerUnavailable)
        {
            _outage.WentDown(ex);
            KeepUnstored(batch, ex);
        }
    }

    /// <summary>Analyses not stored (a read-only cache, a full disk); the analysing goes on.</summary>
    public UnstoredWrites Unstored { get; } = new();

    // ---- A cache server that stops answering --------------------------------------------------------------------

    private readonly ServerOutage<UnstoredAnalysis> _outage = new();

    /// <summary>How long after the server did not answer the next item waits before it tries to connect again.</summary>
    internal TimeSpan ServerRetryInterval { get => _outage.RetryInterval; init => _outage = new ServerOutage<UnstoredAnalysis> { RetryInterval = value }; }

    /// <summary>
    /// The analyses since the last call that were computed without the cache and not stored because its server did
    /// not answer (stopped, restarted, cut off): each was computed and returned all the same; an item at least
    /// <see cref="ServerRetryInterval"/> after the last failure tries the server again (a new connection), so the
    /// cache is used again, within the same call, as soon as the server answers.
    /// </summary>
    public IReadOnlyList<UnstoredAnalysis> TakeUnstored() => _outage.TakeUnstored();

    private void KeepUnstored(IEnumerable<AnalysisWrite> batch, NewsCacheException reason)
    {
        foreach (var w in batch)
        {
            Unstored.CountUnstored(1);
            _outage.Keep(new UnstoredAnalysis(w.Article.Source ?? w.Article.Id, w.Article.Id, w.Article.Title, w.Kind, reason));
        }
    }

    public void Dispose()
    {
        try
        {
            Flush();
        }
        finally
        {
            if (OwnsCache) _cache.Dispose();
        }
    }

    private bool TryGet(NewsArticle article, string kind, string version, out string payload)
    {
        payload = "";
        if (string.IsNullOrEmpty(article.Id)) return false;
        if (_pendingByKey.TryGetValue((article.Id, kind), out var p))
        {
            if (p.Version != version) return false;
            payload = p.Payload;
            return true;
        }
        if (_outage.StillDown() != null) return false; // computed without the cache; storing it says the server is down
        string? stored;
        try
        {
            stored = _cache.GetAnalysis(article.Id, kind, version);
        }
        catch (NewsCacheException ex) when (ex.Problem == NewsCacheProblem.ServerUnavailable)
        {
            _outage.WentDown(ex);
            return false;
        }
        if (stored == null) return false;
        payload = stored;
        return true;
    }

    private void Store(AnalysisWrite write)
    {
        if (string.IsNullOrEmpty(write.Article.Id)) return;
        if (_cache.IsReadOnly || Unstored.Failure != null)
        {
            Unstored.Write(_cache, 1, () => { }); // a read-only cache is still read; what is not stored is counted
            return;
        }
        if (_outage.StillDown() is { } down)
        {
            KeepUnstored(new[] { write }, down);
            return;
        }
        _pending.Add(write);
        _pendingByKey[(write.Article.Id, write.Kind)] = (write.AnalyserVersion, write.Payload);
        if (_pending.Count >= BatchSize) Flush();
    }

    private static T? Deserialize<T>(string payload) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(payload, Json);
        }
        catch (JsonException)
        {
            return null; // unreadable (damaged or from an incompatible build): computed again and replaced
        }
    }

    /// <summary>TextList as {"S": separator, "I": [items]}, as the articles table keeps it.</summary>
    private sealed class TextListConverter : JsonConverter<TextList>
    {
        public override TextList Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null) return TextList.Empty;
            if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("A list was expected.");
            string separator = "; ";
            var items = new List<string>();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isSeparator = reader.ValueTextEquals("S"u8), isItems = reader.ValueTextEquals("I"u8);
                reader.Read();
                if (isSeparator && reader.TokenType == JsonTokenType.String) separator = reader.GetString()!;
                else if (isItems && reader.TokenType == JsonTokenType.StartArray)
                {
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                        if (reader.TokenType == JsonTokenType.String) items.Add(reader.GetString()!);
                }
                else reader.Skip();
            }
            return items.Count == 0 && separator == "; " ? TextList.Empty : new TextList(items, separator);
        }

        public override void Write(Utf8JsonWriter writer, TextList value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WriteString("S", value.Separator);
            writer.WriteStartArray("I");
            foreach (var item in value) writer.WriteStringValue(item);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
    }
}

/// <summary>One analysis to store: the article (stored too when the cache does not hold it), what was computed, and for
/// entities the entity index rows.</summary>
/// <summary>An analysis computed but not stored because the cache's server did not answer: the article (where it came
/// from, its id and title), the kind of analysis, and why.</summary>
public sealed record UnstoredAnalysis(string Location, string ArticleId, string? Title, string Kind, NewsCacheException Reason);

public sealed record AnalysisWrite(NewsArticle Article, string Kind, string AnalyserVersion, string Payload,
    IReadOnlyList<(string Key, string Type, int Mentions)>? EntityIndex);
