using System.Text.Json;
using NewsCmdlets.Engine.Cache;
using NewsCmdlets.Engine.Entities;
using NewsCmdlets.Engine.Ingest;
using NewsCmdlets.Engine.Model;
using NewsCmdlets.Engine.Quotes;

using NewsCmdlets.TestSupport;

namespace NewsCmdlets.Engine.Tests.Cache;

/// <summary>Shared cases: on SQLite here, on PostgreSQL in <see cref="CachedAnalysesTestsOnPostgres"/>.</summary>
public class CachedAnalysesTests : CacheTestBase
{
    private static readonly ArticleReadOptions Options = new() { Now = new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero) };

    private static string Json(object o) => JsonSerializer.Serialize(o, new JsonSerializerOptions { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } });

    private NewsArticle ImportSample(string name)
    {
        using var reader = new CachedArticleReader(OpenCache()) { OwnsCache = true };
        return reader.ReadFile(Path.Combine(SamplesDir, name), Options).Read.Article;
    }

    [StoreFact]
    public void Entities_are_stored_per_article_and_version_and_come_back_identical_without_recomputing()
    {
        var article = ImportSample("harbour-courier-ferry-strike.txt");
        var computed = new EntityExtractor().Extract(article);
        Assert.NotEmpty(computed.Entities);
        using (var analyses = new CachedAnalyses(OpenCache()) { OwnsCache = true })
        {
            Assert.False(analyses.TryGetEntities(article, out _));
            analyses.StoreEntities(article, computed);
            Assert.True(analyses.TryGetEntities(article, out _)); // pending writes answer too
        }
        using (var analyses = new CachedAnalyses(OpenCache()) { OwnsCache = true })
        {
            Assert.True(analyses.TryGetEntities(article, out var back));
            Assert.Equal(1, analyses.Reused);
            Assert.Equal(0, analyses.Computed);
            Assert.Equal(Json(computed.Entities), Json(back.Entities));
            Assert.Equal(Json(computed.Mentions), Json(back.Mentions));
            Assert.Equal(computed.TokenCount, back.TokenCount);
            Assert.Equal(computed.Entities[0].Forms.Separator, back.Entities[0].Forms.Separator);
            // Another analyser version does not see it, and replaces it when it stores its own.
            Assert.False(analyses.TryGetEntities(article, out _, version: "entities next"));
            analyses.StoreEntities(article, computed, version: "entities next");
            analyses.Flush();
            Assert.False(analyses.TryGetEntities(article, out _));
            Assert.True(analyses.TryGetEntities(article, out _, version: "entities next"));
            Assert.Equal(1, analyses.Cache.GetInfo().Analyses);
        }
    }

    [StoreFact]
    public void Stored_entities_fill_the_entity_index_that_article_queries_search()
    {
        var article = ImportSample("harbour-courier-ferry-strike.txt");
        var entities = new EntityExtractor().Extract(article);
        var person = entities.Entities.First(e => e.Type == NewsEntityType.Person);
        using var analyses = new CachedAnalyses(OpenCache()) { OwnsCache = true };
        analyses.StoreEntities(article, entities);
        analyses.Flush();
        var found = analyses.Cache.Query(new NewsArticleQuery { Entity = new[] { person.Name.ToUpperInvariant() } }).ToList();
        Assert.Equal(article.Id, Assert.Single(found).Id);
        Assert.Contains(article.Id, analyses.Cache.FindArticlesWithEntity(person.Name, "Person"));
        Assert.Equal(CachedAnalyses.EntitiesVersion, analyses.Cache.GetEntityIndexVersion(article.Id));
        // Dates and quantities are not index keys.
        foreach (var e in entities.Entities.Where(e => e.Type is NewsEntityType.Date or NewsEntityType.Quantity))
            Assert.DoesNotContain(article.Id, analyses.Cache.FindArticlesWithEntity(e.Name, e.Type.ToString()));
    }

    [StoreFact]
    public void An_article_the_cache_does_not_hold_is_stored_with_its_analysis()
    {
        var article = ReadSample("metro-ledger-ferry-strike.txt");
        using var analyses = new CachedAnalyses(OpenCache()) { OwnsCache = true };
        analyses.StoreQuotes(article, new QuoteExtractor().Extract(article));
        analyses.Flush();
        Assert.Equal(article.Body, analyses.Cache.GetArticle(article.Id)!.Body);
        Assert.Null(analyses.Cache.GetRawSource(article.Id));
    }

    [StoreFact]
    public void Quotes_and_attributions_come_back_identical()
    {
        var article = ImportSample("lakeside-daily-ferry-strike.txt");
        var computed = new QuoteExtractor().Extract(article);
        Assert.NotEmpty(computed.Quotes);
        using (var analyses = new CachedAnalyses(OpenCache()) { OwnsCache = true }) analyses.StoreQuotes(article, computed);
        using (var analyses = new CachedAnalyses(OpenCache()) { OwnsCache = true })
        {
            Assert.True(analyses.TryGetQuotes(article, out var back));
            Assert.Equal(Json(computed.Quotes), Json(back.Quotes));
            Assert.Equal(Json(computed.Attributions), Json(back.Attributions));
            Assert.False(analyses.TryGetEntities(article, out _)); // kinds are kept apart
        }
    }

    [StoreFact]
    public void Removing_an_article_removes_its_analyses_and_index_rows()
    {
        var article = ImportSample("harbour-courier-ferry-strike.txt");
        using var analyses = new CachedAnalyses(OpenCache()) { OwnsCache = true };
        analyses.StoreEntities(article, new EntityExtractor().Extract(article));
        analyses.StoreQuotes(article, new QuoteExtractor().Extract(article));
        analyses.Flush();
        Assert.Equal(1, analyses.Cache.Remove(new[] { article.Id }));
        var info = analyses.Cache.GetInfo();
        Assert.Equal(0, info.Analyses);
        Assert.Equal(0, info.EntityIndexRows);
    }

    [StoreFact]
    public void A_read_only_cache_is_read_and_never_written()
    {
        var article = ImportSample("harbour-courier-ferry-strike.txt");
        var entities = new EntityExtractor().Extract(article);
        using (var analyses = new CachedAnalyses(OpenCache()) { OwnsCache = true }) analyses.StoreEntities(article, entities);
        using (var analyses = new CachedAnalyses(OpenCache(new NewsCacheOptions { ReadOnly = true })) { OwnsCache = true })
        {
            Assert.True(analyses.TryGetEntities(article, out _));
            analyses.StoreQuotes(article, new QuoteExtractor().Extract(article)); // ignored, no error
        }
        using var cache = OpenCache();
        Assert.Equal(1, cache.GetInfo().Analyses);
    }
}

/// <summary>The shared cases of <see cref="CachedAnalysesTests"/> against a PostgreSQL server.</summary>
public sealed class CachedAnalysesTestsOnPostgres : CachedAnalysesTests, IRunsOnPostgres;
