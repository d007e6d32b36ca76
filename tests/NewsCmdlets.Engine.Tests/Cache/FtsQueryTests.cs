using NewsCmdlets.Engine.Cache;

namespace NewsCmdlets.Engine.Tests.Cache;

public sealed class FtsQueryTests : CacheTestBase
{
    private NewsCache Seeded()
    {
        var cache = NewsCache.Open(DbPath);
        cache.Write(new[]
        {
            new CacheWrite(Article("a1", "Westmere ferry crews walk out", "Island commuters are stranded as ferry crews strike over pay.")),
            new CacheWrite(Article("a2", "Council budget", "The council AND the mayor agree: taxes rise (again) - by 2%.")),
            new CacheWrite(Article("a3", "Ferries resume", "Services to Carrow Island resume after the strike. NEAR the pier, crowds.")),
        });
        return cache;
    }

    public static TheoryData<string> Hostile => new()
    {
        "\"", "\"\"", "\"unclosed phrase", "AND", "OR", "NOT", "ferry AND", "AND ferry", "*", "ferry*", "**", "(", ")", "(ferry",
        "NEAR(", "NEAR(ferry strike, 2)", "-", "-ferry", ":", "title:ferry", "body:", "^ferry", "{title body}: ferry", "+", "a:b:c",
        "ferry OR", "NOT NOT", "'", "\\", "%", "_", "ferry\"strike", "\0", "   ", "", "ünïcödé", "日本語", "2%", "col:\"x\"", "*ferry",
        "NEAR", "near(a b)", "\"a\" * \"b\"", "AND OR NOT NEAR", "ferry - strike", ";DROP TABLE articles;--",
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void What_a_user_types_never_throws(string text)
    {
        using var cache = Seeded();
        var ex = Record.Exception(() => cache.Query(new NewsArticleQuery { Search = text }).ToList());
        Assert.Null(ex);
        Assert.Equal(3, cache.GetInfo().Articles);
    }

    [Fact]
    public void Words_must_all_occur_and_operators_are_plain_words()
    {
        using var cache = Seeded();
        List<string> Ids(string s) => cache.Query(new NewsArticleQuery { Search = s }).Select(a => a.Id).OrderBy(x => x).ToList();
        Assert.Equal(new[] { "a1", "a3" }, Ids("strike"));
        Assert.Equal(new[] { "a1" }, Ids("ferry strike"));           // both words
        Assert.Equal(new[] { "a1", "a3" }, Ids("ferr*"));            // prefix: ferry, ferries
        Assert.Equal(new[] { "a1" }, Ids("\"island commuters\""));    // phrase
        Assert.Empty(Ids("\"commuters island\""));                    // phrase order matters
        Assert.Equal(new[] { "a2" }, Ids("AND"));                     // the word "and", not the operator
        Assert.Equal(new[] { "a3" }, Ids("NEAR("));                   // the word "near"
        Assert.Equal(new[] { "a2" }, Ids("(again)"));
        Assert.Empty(Ids("-"));                                       // nothing to search for: nothing found
    }

    [Fact]
    public void Raw_queries_take_FTS_syntax_and_bad_syntax_is_a_clear_error()
    {
        using var cache = Seeded();
        var ids = cache.Query(new NewsArticleQuery { Query = "strike NOT pay" }).Select(a => a.Id).ToList();
        Assert.Equal(new[] { "a3" }, ids);
        Assert.Equal(new[] { "a1" }, cache.Query(new NewsArticleQuery { Query = "title:westmere" }).Select(a => a.Id));
        var ex = Assert.Throws<NewsCacheException>(() => cache.Query(new NewsArticleQuery { Query = "ferry AND (" }).ToList());
        Assert.Equal(NewsCacheProblem.InvalidQuery, ex.Problem);
        Assert.Contains("'ferry AND ('", ex.Message);
        Assert.Contains("-Search", ex.Message);
    }

    [Fact]
    public void The_builder_quotes_every_term()
    {
        Assert.Equal("\"AND\" \"ferry\" *", FtsQuery.FromUserText("AND ferry*"));
        Assert.Equal("\"island commuters\" \"NEAR(\"", FtsQuery.FromUserText("\"island commuters\" NEAR("));
        Assert.Null(FtsQuery.FromUserText(" - : ( * "));
    }
}
