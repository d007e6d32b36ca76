using NewsCmdlets.Engine.Cache;
using NewsCmdlets.Engine.Ingest;

using NewsCmdlets.TestSupport;

namespace NewsCmdlets.Engine.Tests.Cache;

/// <summary>Shared cases: on SQLite here, on PostgreSQL in <see cref="ChangeDetectionTestsOnPostgres"/>.</summary>
public class ChangeDetectionTests : CacheTestBase
{
    private static readonly ArticleReadOptions Options = new() { Now = new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero) };

    private string CopySample(string name)
    {
        string to = Path.Combine(Dir, name);
        File.Copy(Path.Combine(SamplesDir, name), to, overwrite: true);
        return to;
    }

    [StoreFact]
    public void An_unchanged_file_comes_from_the_cache_and_is_identical_to_a_fresh_read()
    {
        string file = CopySample("harbour-courier-ferry-strike.txt");
        var fresh = ArticleReader.ReadFile(file, Options).Article;
        using (var cache = OpenCache())
        using (var reader = new CachedArticleReader(cache))
        {
            var first = reader.ReadFile(file, Options);
            Assert.False(first.FromCache);
        }
        using (var cache = OpenCache())
        using (var reader = new CachedArticleReader(cache))
        {
            var second = reader.ReadFile(file, Options);
            Assert.True(second.FromCache);
            Assert.Equal(fresh.Id, second.Read.Article.Id);
            Assert.Equal(fresh.Body, second.Read.Article.Body);
            Assert.Equal(fresh.Sources.ToString(), second.Read.Article.Sources.ToString());
            Assert.Contains("from the cache", second.Read.Decisions[0]);
            Assert.Equal(File.ReadAllBytes(file), cache.GetRawSource(fresh.Id)); // the raw source is kept for re-extraction
            var input = cache.GetInput(Path.GetFullPath(file))!;
            Assert.Equal(new FileInfo(file).Length, input.Length);
            Assert.Equal(CachedArticleReader.Hash(File.ReadAllBytes(file)), input.ContentHash);
        }
    }

    [StoreFact]
    public void A_touched_but_identical_file_is_recognised_by_its_hash_and_a_changed_one_is_re_imported()
    {
        string file = CopySample("lakeside-daily-ferry-strike.txt");
        using var cache = OpenCache();
        using var reader = new CachedArticleReader(cache, batchSize: 1);
        var first = reader.ReadFile(file, Options).Read.Article;

        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(5));
        var touched = reader.ReadFile(file, Options);
        Assert.True(touched.FromCache);
        Assert.Contains("hash", touched.Read.Decisions[0]);

        File.WriteAllText(file, File.ReadAllText(file).Replace("Ferry strike strands", "Ferry walkout strands"));
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(10));
        var changed = reader.ReadFile(file, Options);
        Assert.False(changed.FromCache);
        Assert.NotEqual(first.Id, changed.Read.Article.Id);
        reader.Flush();
        Assert.Null(cache.GetArticle(first.Id)); // the old version of a changed file does not linger
        Assert.NotNull(cache.GetArticle(changed.Read.Article.Id));
        Assert.Equal(1, cache.GetInfo().Articles);
    }

    [StoreFact]
    public void Same_length_and_time_but_other_bytes_is_caught_only_with_hash_verification()
    {
        string file = CopySample("metro-ledger-ferry-strike.txt");
        using var cache = OpenCache();
        using (var reader = new CachedArticleReader(cache)) reader.ReadFile(file, Options);
        var stamp = File.GetLastWriteTimeUtc(file);
        var text = File.ReadAllText(file);
        int i = text.IndexOf("island", StringComparison.Ordinal);
        File.WriteAllText(file, text[..i] + "ISLAND" + text[(i + 6)..]); // same length
        File.SetLastWriteTimeUtc(file, stamp);
        using (var quick = new CachedArticleReader(cache)) Assert.True(quick.ReadFile(file, Options).FromCache);
        using (var strict = new CachedArticleReader(cache) { VerifyContentHash = true }) Assert.False(strict.ReadFile(file, Options).FromCache);
    }

    [StoreFact]
    public void Other_read_options_re_read_the_file()
    {
        string file = CopySample("metro-ledger-ferry-strike.txt");
        using var cache = OpenCache();
        using var reader = new CachedArticleReader(cache);
        reader.ReadFile(file, Options);
        var other = reader.ReadFile(file, new ArticleReadOptions { Now = Options.Now, Outlet = "Fallback Outlet" });
        Assert.False(other.FromCache);
        Assert.Equal(0, reader.Hits);
        Assert.Equal(2, reader.Misses);
    }

    [StoreFact]
    public void Problems_are_reported_as_the_plain_reader_reports_them_and_nothing_is_stored()
    {
        using var cache = OpenCache();
        using var reader = new CachedArticleReader(cache);
        var missing = Assert.Throws<InputProblemException>(() => reader.ReadFile(Path.Combine(Dir, "missing.txt"), Options));
        Assert.Equal(InputProblemKind.NotFound, missing.Kind);
        string empty = Path.Combine(Dir, "empty.txt");
        File.WriteAllText(empty, "");
        Assert.Equal(InputProblemKind.Empty, Assert.Throws<InputProblemException>(() => reader.ReadFile(empty, Options)).Kind);
        reader.Flush();
        Assert.Equal(0, cache.GetInfo().Inputs);
    }

    [StoreFact]
    public void Writes_are_committed_in_batches_and_on_flush()
    {
        var files = Enumerable.Range(0, 7).Select(i =>
        {
            string f = Path.Combine(Dir, $"a{i}.txt");
            File.WriteAllText(f, $"date 2026-03-1{i} Story number {i} about the ferry\n\nThe ferry story {i} has enough words to be an article about island life and crews.\n");
            return f;
        }).ToList();
        using var cache = OpenCache();
        using var other = OpenCache();
        // No commit by time: under load reading four files can take longer than the default second.
        using var reader = new CachedArticleReader(cache, batchSize: 3, flushInterval: Timeout.InfiniteTimeSpan);
        foreach (var f in files.Take(4)) reader.ReadFile(f, Options);
        Assert.Equal(3, other.GetInfo().Articles); // one batch of 3 committed, one pending
        foreach (var f in files.Skip(4)) reader.ReadFile(f, Options);
        reader.Flush();
        Assert.Equal(7, other.GetInfo().Articles);
    }

    [StoreFact]
    public void A_pending_batch_is_committed_when_the_next_article_comes_after_the_flush_interval()
    {
        var files = Enumerable.Range(0, 2).Select(i =>
        {
            string f = Path.Combine(Dir, $"t{i}.txt");
            File.WriteAllText(f, $"date 2026-04-0{i + 1} Harbour note {i}\n\nThe harbour note {i} has enough words to be an article about tides and the pilots.\n");
            return f;
        }).ToList();
        using var cache = OpenCache();
        using var other = OpenCache();
        using var reader = new CachedArticleReader(cache, batchSize: 100, flushInterval: TimeSpan.Zero);
        reader.ReadFile(files[0], Options);
        reader.ReadFile(files[1], Options);
        Assert.Equal(2, other.GetInfo().Articles); // each article arrived at or after the interval: nothing waits
        Assert.Throws<ArgumentOutOfRangeException>(() => new CachedArticleReader(cache, flushInterval: TimeSpan.FromSeconds(-1)));
    }
}

/// <summary>The shared cases of <see cref="ChangeDetectionTests"/> against a PostgreSQL server.</summary>
public sealed class ChangeDetectionTestsOnPostgres : ChangeDetectionTests, IRunsOnPostgres;
