using Microsoft.Data.Sqlite;
using NewsCmdlets.Engine.Cache;
using NewsCmdlets.Engine.Ingest;
using NewsCmdlets.Engine.Model;

using NewsCmdlets.TestSupport;

namespace NewsCmdlets.Engine.Tests.Cache;

/// <summary>The re-import path: stamps read a window at a time, the "unchanged" rule, and the racily-clean case.</summary>
/// <summary>Shared cases: on SQLite here, on PostgreSQL in <see cref="WarmReimportTestsOnPostgres"/>.</summary>
public class WarmReimportTests : CacheTestBase
{
    private static readonly ArticleReadOptions Options = new() { Now = new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero) };
    private static readonly DateTime LongAgo = new(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    private List<string> WriteArticles(string folder, int n, DateTime? lastWrite = null)
    {
        Directory.CreateDirectory(folder);
        var files = new List<string>();
        for (int i = 0; i < n; i++)
        {
            string f = Path.Combine(folder, $"a{i:000}.txt");
            File.WriteAllText(f, $"date 2026-03-{1 + i % 28:00} Story {i} about the “ferry” in {Path.GetFileName(folder)} Westmere\n\nThe ferry story {i} has enough words to be an article about island life, crews and the harbour's future.\n\nA second paragraph for story {i} with ünïcode.\n");
            File.SetLastWriteTimeUtc(f, lastWrite ?? LongAgo);
            files.Add(f);
        }
        return files;
    }

    [StoreFact]
    public void A_re_import_in_path_order_reverse_order_and_across_folders_answers_every_file_from_the_cache_with_the_same_article()
    {
        var a = WriteArticles(Path.Combine(Dir, "a"), 40);
        var b = WriteArticles(Path.Combine(Dir, "b"), 30);
        var all = a.Concat(b).ToList();
        var fresh = all.ToDictionary(f => f, f => ArticleReader.ReadFile(f, Options).Article);
        using (var reader = new CachedArticleReader(OpenCache()) { OwnsCache = true })
            foreach (var f in all) Assert.False(reader.ReadFile(f, Options).FromCache);

        foreach (var order in new[] { all, Enumerable.Reverse(all).ToList(), all.OrderBy(f => f.GetHashCode()).ToList(), b.Concat(a).ToList() })
        {
            using var reader = new CachedArticleReader(OpenCache()) { OwnsCache = true };
            foreach (var f in order)
            {
                var r = reader.ReadFile(f, Options);
                Assert.True(r.FromCache, f);
                var expected = fresh[f];
                Assert.Equal(expected.Id, r.Read.Article.Id);
                Assert.Equal(expected.Body, r.Read.Article.Body);
                Assert.Equal(expected.Paragraphs.ToArray(), r.Read.Article.Paragraphs.ToArray());
                Assert.Equal(expected.Paragraphs.Separator, r.Read.Article.Paragraphs.Separator);
                Assert.Equal(expected.Removed.ToArray(), r.Read.Article.Removed.ToArray());
                Assert.Equal(expected.Sources.ToList(), r.Read.Article.Sources.ToList());
                Assert.Equal(expected.Published, r.Read.Article.Published);
                Assert.Equal(expected.Source, r.Read.Article.Source);
            }
            Assert.Equal(all.Count, reader.Hits);
            Assert.Equal(0, reader.Misses);
        }
    }

    [StoreFact]
    public void A_file_changed_with_the_same_length_but_a_new_time_is_re_imported()
    {
        var files = WriteArticles(Path.Combine(Dir, "a"), 5);
        string file = files[2];
        string firstId;
        using (var reader = new CachedArticleReader(OpenCache()) { OwnsCache = true })
        {
            foreach (var f in files) reader.ReadFile(f, Options);
            firstId = reader.Cache.GetInput(Path.GetFullPath(file)) is { } i ? i.ArticleId! : "";
        }
        string text = File.ReadAllText(file);
        File.WriteAllText(file, text.Replace("Story 2 about", "Story 2 ABOUT")); // same length
        Assert.Equal(text.Length, File.ReadAllText(file).Length);
        File.SetLastWriteTimeUtc(file, LongAgo.AddSeconds(1));

        using (var reader = new CachedArticleReader(OpenCache()) { OwnsCache = true })
        {
            var results = files.Select(f => reader.ReadFile(f, Options)).ToList();
            Assert.False(results[2].FromCache);
            Assert.Contains("ABOUT", results[2].Read.Article.Title);
            Assert.NotEqual(firstId, results[2].Read.Article.Id);
            Assert.Equal(4, reader.Hits); // the others are still answered from the cache
        }
        using var cache = OpenCache();
        Assert.Null(cache.GetArticle(firstId));
        Assert.Equal(5, cache.GetInfo().Articles);
    }

    [StoreFact]
    public void An_edit_that_keeps_length_and_time_is_caught_when_the_stamp_was_taken_right_after_the_last_write()
    {
        // Written "now" and imported at once: the stamp is racy (a same-length edit in the same clock tick would keep
        // the time), so the next import hashes the file instead of trusting length and time. The store is made first:
        // creating a PostgreSQL database and its schema on a loaded machine took longer than the racy window.
        using (OpenCache()) { }
        var files = WriteArticles(Path.Combine(Dir, "a"), 1, DateTime.UtcNow);
        string file = files[0];
        using (var reader = new CachedArticleReader(OpenCache()) { OwnsCache = true }) reader.ReadFile(file, Options);
        var stamp = File.GetLastWriteTimeUtc(file);
        string text = File.ReadAllText(file);
        File.WriteAllText(file, text.Replace("ferry story", "FERRY story"));
        File.SetLastWriteTimeUtc(file, stamp);

        using (var reader = new CachedArticleReader(OpenCache()) { OwnsCache = true })
        {
            var r = reader.ReadFile(file, Options);
            Assert.False(r.FromCache);
            Assert.Contains("FERRY story", r.Read.Article.Body);
        }
    }

    [StoreFact]
    public void A_racy_but_unchanged_file_is_confirmed_by_its_hash_and_its_stamp_renewed()
    {
        using (OpenCache()) { } // the store exists before the file is written (see above)
        var files = WriteArticles(Path.Combine(Dir, "a"), 1, DateTime.UtcNow);
        string file = Path.GetFullPath(files[0]);
        using (var reader = new CachedArticleReader(OpenCache()) { OwnsCache = true }) reader.ReadFile(file, Options);
        using var cache = OpenCache();
        // Pretend the first import happened an hour ago, a moment after the file was written.
        var written = new DateTimeOffset(File.GetLastWriteTimeUtc(file));
        var before = cache.GetInput(file)!;
        cache.Write(new[] { new CacheWrite(null, null, before with { CheckedUtc = before.LastWriteUtc!.Value.AddMilliseconds(100) }) });

        using (var reader = new CachedArticleReader(cache))
        {
            var r = reader.ReadFile(file, Options);
            Assert.True(r.FromCache);
            Assert.Contains("hash", r.Read.Decisions[0]);
        }
        var after = cache.GetInput(file)!;
        Assert.True(after.CheckedUtc - after.LastWriteUtc!.Value >= CachedArticleReader.RacyWindow || after.CheckedUtc > before.CheckedUtc);
        Assert.True(written <= after.CheckedUtc);
    }

    [StoreFact]
    public void A_file_read_twice_in_one_call_after_it_changed_is_read_again_not_taken_from_the_lookup_window()
    {
        var files = WriteArticles(Path.Combine(Dir, "a"), 20);
        using (var reader = new CachedArticleReader(OpenCache()) { OwnsCache = true })
            foreach (var f in files) reader.ReadFile(f, Options);
        using var again = new CachedArticleReader(OpenCache(), batchSize: 1) { OwnsCache = true };
        again.ReadFile(files[0], Options); // loads a window holding files[1..]
        string text = File.ReadAllText(files[5]);
        File.WriteAllText(files[5], text.Replace("Story 5", "Story five, rewritten"));
        File.SetLastWriteTimeUtc(files[5], LongAgo.AddMinutes(1));
        var changed = again.ReadFile(files[5], Options);
        Assert.False(changed.FromCache);
        var twice = again.ReadFile(files[5], Options);
        Assert.True(twice.FromCache);
        Assert.Equal(changed.Read.Article.Id, twice.Read.Article.Id);
    }
}

/// <summary>The shared cases of <see cref="WarmReimportTests"/> against a PostgreSQL server.</summary>
public sealed class WarmReimportTestsOnPostgres : WarmReimportTests, IRunsOnPostgres;

/// <summary>What only an SQLite file written by an earlier version holds.</summary>
public sealed class SqliteWarmReimportTests : CacheTestBase
{
    [Fact]
    public void Articles_stored_with_escaped_json_by_an_earlier_version_read_the_same()
    {
        var sources = new FieldSources();
        sources.Set("Title", "the “header” line");
        var article = new NewsArticle
        {
            Sources = sources,
            Id = "00000000000000aa",
            Title = "Crews say “enough”",
            Body = "It’s over.\nÜnïcode here.",
            Paragraphs = new TextList(new[] { "It’s over.", "Ünïcode here." }, "\n"),
            Authors = new TextList(new[] { "Zoë O'Hara" }),
            WordCount = 4,
        };
        using (var cache = NewsCache.Open(DbPath))
            cache.Write(new[] { new CacheWrite(article, null, new CachedInput { Location = "/old/x.txt", Length = 1, LastWriteUtc = DateTimeOffset.UnixEpoch, ReaderKey = "k" }) });
        // What the default System.Text.Json encoder wrote before: \u escapes for quotes, apostrophes and accents.
        using (var raw = new SqliteConnection($"Data Source={DbPath};Pooling=false"))
        {
            raw.Open();
            using var cmd = raw.CreateCommand();
            cmd.CommandText = """
                UPDATE articles SET paragraphs = '{"S":"\n","I":["It\u2019s over.","\u00DCn\u00EFcode here."]}',
                    authors = '{"S":"; ","I":["Zo\u00EB O\u0027Hara"]}', sources = '[["Title","the \u201Cheader\u201D line"]]'
                """;
            cmd.ExecuteNonQuery();
        }
        using var reopened = NewsCache.Open(DbPath);
        foreach (var back in new[] { reopened.GetArticle(article.Id)!, reopened.LookupInputsFrom("/old/", "/old0", 10).Single().Article! })
        {
            Assert.Equal(new[] { "It’s over.", "Ünïcode here." }, back.Paragraphs.ToArray());
            Assert.Equal("\n", back.Paragraphs.Separator);
            Assert.Equal("Zoë O'Hara", back.Authors.Single());
            Assert.Equal("the “header” line", back.Sources["Title"]);
        }
    }
}
