using Microsoft.Data.Sqlite;
using NewsCmdlets.Engine.Cache;
using NewsCmdlets.Engine.Ingest;
using NewsCmdlets.Engine.Model;
using NewsCmdlets.TestSupport;

namespace NewsCmdlets.Engine.Tests.Cache;

/// <summary>The cache's shared cases, on SQLite here and on PostgreSQL in <see cref="NewsCacheTestsOnPostgres"/>.</summary>
public class NewsCacheTests : CacheTestBase
{
    [StoreFact]
    public void Every_article_field_and_the_raw_source_survive_a_round_trip()
    {
        var sources = new FieldSources();
        sources.Set("Published", "JSON-LD datePublished");
        sources.Set("Authors", "byline");
        var original = new NewsArticle
        {
            Id = "0123456789abcdef",
            Title = "Ferry crews walk out — “again”",
            Standfirst = "Commuters stranded",
            Body = "First paragraph.\nSecond paragraph with ünïcode.",
            Paragraphs = new TextList(new[] { "First paragraph.", "Second paragraph with ünïcode." }, "\n"),
            Captions = new TextList(new[] { "A ferry at the pier." }),
            Published = new DateTimeOffset(2026, 3, 14, 8, 10, 0, TimeSpan.FromHours(9)),
            Updated = new DateTimeOffset(2026, 3, 14, 9, 45, 30, TimeSpan.FromHours(-5)),
            Authors = new TextList(new[] { "Ada Ruiz", "Per Holm" }),
            Agency = "Northsea Press Agency",
            Outlet = "The Harbour Courier",
            Dateline = "Westmere",
            Language = "en",
            WordCount = 7,
            Source = "/data/a.html",
            Url = "https://example.test/a",
            Categories = new TextList(new[] { "Transport", "Islands" }),
            SourceKind = "Html",
            Sources = sources,
            Removed = new TextList(new[] { "Top Stories", "57m ago" }, Environment.NewLine),
            Warnings = new TextList(new[] { "invalid UTF-8 replaced" }),
        };
        byte[] raw = "<html><body>the raw page</body></html>"u8.ToArray();
        using (var cache = OpenCache()) cache.Put(original, raw);

        using var reopened = OpenCache();
        var back = reopened.GetArticle(original.Id);
        Assert.NotNull(back);
        foreach (var prop in typeof(NewsArticle).GetProperties())
        {
            object? a = prop.GetValue(original), b = prop.GetValue(back);
            // Every field is set here, so a field added to NewsArticle fails this test until the cache keeps it.
            Assert.False(a is null || a is string { Length: 0 } || a is System.Collections.ICollection { Count: 0 } || a is 0, $"set {prop.Name} in this test");
            if (a is TextList la)
            {
                var lb = Assert.IsType<TextList>(b);
                Assert.Equal(la.ToArray(), lb.ToArray());
                Assert.Equal(la.Separator, lb.Separator);
            }
            else if (a is FieldSources fa) Assert.Equal(fa.ToList(), ((FieldSources)b!).ToList());
            else if (a is DateTimeOffset da)
            {
                Assert.Equal(da, (DateTimeOffset)b!);
                Assert.Equal(da.Offset, ((DateTimeOffset)b!).Offset); // the article's own offset is kept, not just the instant
            }
            else Assert.Equal(a, b);
        }
        Assert.Equal(raw, reopened.GetRawSource(original.Id));
    }

    [StoreFact]
    public void Long_lists_read_from_the_cache_behave_as_lists()
    {
        var removed = Enumerable.Range(1, 40).Select(i => $"Promo line number {i} with some words").ToArray();
        var original = new NewsArticle { Id = "l1", Title = "T", Body = "Body.", Removed = new TextList(removed, Environment.NewLine) };
        using (var cache = OpenCache()) cache.Put(original);
        using var reopened = OpenCache();
        var back = reopened.Query(new NewsArticleQuery { Id = new[] { "l1" } }).Single().Removed;
        Assert.Equal(Environment.NewLine, back.Separator);
        Assert.True(back.Contains("Promo line number 7 with some words"));
        Assert.Equal(6, back.IndexOf("Promo line number 7 with some words"));
        var copy = new string[40];
        back.CopyTo(copy, 0);
        Assert.Equal(removed, copy);
        Assert.Throws<NotSupportedException>(() => ((IList<string>)back).Add("x"));
        // One list read from several threads at once: the items are made once and every reader sees them whole.
        // The cache itself is one connection, used from one thread (as documented), so each article is read first.
        for (var round = 0; round < 20; round++)
        {
            var list = reopened.GetArticle("l1")!.Removed;
            var counts = new int[8];
            Parallel.For(0, 8, i => counts[i] = list.Count(x => x.StartsWith("Promo", StringComparison.Ordinal)));
            Assert.All(counts, c => Assert.Equal(40, c));
        }
    }

    [StoreFact]
    public void A_sample_article_round_trips_exactly()
    {
        var a = ReadSample("valley-evening-post-ferry-strike.txt");
        using var cache = OpenCache();
        cache.Put(a);
        var b = cache.GetArticle(a.Id)!;
        Assert.Equal(a.Body, b.Body);
        Assert.Equal(a.Sources.ToString(), b.Sources.ToString());
        Assert.Equal(a.Removed.ToString(), b.Removed.ToString());
        Assert.Equal(a.Published, b.Published);
        Assert.Equal(NewsCmdlets.Engine.Text.DatePrecision.TimeWithoutZone, a.PublishedPrecision);   // a "Posted" stamp with no time zone
        Assert.Equal(a.PublishedPrecision, b.PublishedPrecision);
        Assert.Null(cache.GetRawSource(a.Id));
    }

    [StoreFact]
    public void Queries_by_id_outlet_dates_entity_and_first()
    {
        using var cache = OpenCache();
        var t = new DateTimeOffset(2026, 3, 14, 12, 0, 0, TimeSpan.Zero);
        cache.Write(new[]
        {
            new CacheWrite(Article("a1", "Ferry strike", "Crews walk out in Westmere.", "The Harbour Courier", t)),
            new CacheWrite(Article("a2", "Ferry strike two", "Island cut off.", "Lakeside Daily", t.AddDays(1))),
            new CacheWrite(Article("a3", "Budget", "The council votes.", "Lakeside Daily", t.AddDays(2))),
            new CacheWrite(Article("a4", "Undated", "No date here.", "lakeside daily")),
        });
        cache.SetEntityIndex("a1", "ner-1", new[] { ("westmere", "Place", 2), ("ada ruiz", "Person", 1) });
        cache.SetEntityIndex("a2", "ner-1", new[] { ("Westmere", "Place", 1) });

        Assert.Equal("a2", Assert.Single(cache.Query(new NewsArticleQuery { Id = new[] { "a2" } })).Id);
        // Outlets case-insensitively, with wildcards; newest first, undated last.
        Assert.Equal(new[] { "a3", "a2", "a4" }, cache.Query(new NewsArticleQuery { Outlet = new[] { "LAKESIDE*" } }).Select(a => a.Id));
        Assert.Equal(new[] { "a3", "a2" }, cache.Query(new NewsArticleQuery { Since = t.AddHours(1) }).Select(a => a.Id));
        Assert.Equal(new[] { "a2", "a1" }, cache.Query(new NewsArticleQuery { Until = t.AddDays(2) }).Select(a => a.Id));
        Assert.Equal(new[] { "a2", "a1" }, cache.Query(new NewsArticleQuery { Entity = new[] { "WESTMERE" } }).Select(a => a.Id));
        Assert.Equal(new[] { "a1" }, cache.Query(new NewsArticleQuery { Entity = new[] { "westmere", "Ada Ruiz" } }).Select(a => a.Id));
        Assert.Equal(new[] { "a1" }, cache.FindArticlesWithEntity("ada ruiz", "Person"));
        Assert.Equal("ner-1", cache.GetEntityIndexVersion("a1"));
        Assert.Single(cache.Query(new NewsArticleQuery { First = 1 }));
        Assert.Empty(cache.Query(new NewsArticleQuery { Outlet = new[] { "Lakeside" } })); // no wildcard: the whole name
        Assert.Equal(3, cache.Query(new NewsArticleQuery { Outlet = new[] { "Lakeside Daily" } }).Count());
    }

    [StoreFact]
    public void Entity_lookups_order_as_other_queries_newest_first_ties_by_id_undated_last_each_article_once()
    {
        using var cache = OpenCache();
        var t = new DateTimeOffset(2026, 3, 14, 12, 0, 0, TimeSpan.Zero);
        cache.Write(new[]
        {
            new CacheWrite(Article("b", "Same time b", "x", "O1", t)),
            new CacheWrite(Article("u2", "Undated two", "x", "O1")),
            new CacheWrite(Article("a", "Same time a", "x", "O2", t)),
            new CacheWrite(Article("new", "Newest", "x", "O2", t.AddDays(3))),
            new CacheWrite(Article("u1", "Undated one", "x", "O1")),
            new CacheWrite(Article("old", "Oldest", "x", "O1", t.AddDays(-3))),
        });
        // "Jordan" as a place and as a person in some articles: each article still comes once.
        foreach (var id in new[] { "b", "u2", "a", "new", "u1", "old" })
            cache.SetEntityIndex(id, "v", id is "a" or "u1" ? new[] { ("jordan", "Location", 1), ("jordan", "Person", 1) } : new[] { ("jordan", "Location", 1) });
        var all = cache.Query(new NewsArticleQuery()).Select(a => a.Id).ToArray();
        Assert.Equal(new[] { "new", "a", "b", "old", "u1", "u2" }, all);
        Assert.Equal(all, cache.Query(new NewsArticleQuery { Entity = new[] { "Jordan" } }).Select(a => a.Id));
        Assert.Equal(new[] { "new", "a" }, cache.Query(new NewsArticleQuery { Entity = new[] { "Jordan" }, First = 2 }).Select(a => a.Id));
        Assert.Equal(new[] { "new", "a", "b" }, cache.Query(new NewsArticleQuery { Entity = new[] { "Jordan" }, Since = t }).Select(a => a.Id));
        Assert.Equal(new[] { "old", "u1" }, cache.Query(new NewsArticleQuery { Entity = new[] { "jordan" }, Id = new[] { "u1", "old" } }).Select(a => a.Id));
        Assert.Empty(cache.Query(new NewsArticleQuery { Entity = new[] { "Jordan" }, First = 0 }));
        Assert.Empty(cache.Query(new NewsArticleQuery { Entity = new[] { "nobody" } }));
    }

    [StoreFact]
    public void A_big_entity_lookup_returns_every_article_once_in_order()
    {
        // More hits than the first lookup buffer holds (1,024), and more articles than one chunk of rows (256).
        using var cache = OpenCache();
        var t = new DateTimeOffset(2026, 3, 14, 12, 0, 0, TimeSpan.Zero);
        cache.Write(Enumerable.Range(0, 1500).Select(i => new CacheWrite(Article($"n{i:D4}", $"T{i}", "x", "O", i % 7 == 0 ? null : t.AddHours(i % 50)))).ToList());
        for (int i = 0; i < 1500; i++)
            cache.SetEntityIndex($"n{i:D4}", "v", i % 3 == 0 ? new[] { ("harbour", "Location", 1), ("harbour", "Organization", 1) } : new[] { ("harbour", "Location", 1) });
        var expected = cache.Query(new NewsArticleQuery()).Select(a => a.Id).ToArray();
        Assert.Equal(1500, expected.Length);
        Assert.Equal(expected, cache.Query(new NewsArticleQuery { Entity = new[] { "Harbour" } }).Select(a => a.Id));
        Assert.Equal(expected.Take(1100), cache.Query(new NewsArticleQuery { Entity = new[] { "Harbour" }, First = 1100 }).Select(a => a.Id));
    }

    [StoreFact]
    public void Analyses_are_kept_by_analyser_version()
    {
        using var cache = OpenCache();
        cache.Put(Article("a1", "One", "text"));
        cache.PutAnalysis("a1", "entities", "1.0", "[\"x\"]");
        Assert.Equal("[\"x\"]", cache.GetAnalysis("a1", "entities", "1.0"));
        Assert.Null(cache.GetAnalysis("a1", "entities", "2.0")); // a new analyser version recomputes
        cache.PutAnalysis("a1", "entities", "2.0", "[\"y\"]");
        Assert.Null(cache.GetAnalysis("a1", "entities", "1.0"));
        Assert.Equal("[\"y\"]", cache.GetAnalysis("a1", "entities", "2.0"));
    }

    [StoreFact]
    public void Remove_takes_the_article_its_index_rows_and_analyses_and_Clear_empties_everything()
    {
        using var cache = OpenCache();
        cache.Write(new[]
        {
            new CacheWrite(Article("a1", "Ferry", "ferry strike"), null, new CachedInput { Location = "/x/a1.txt", Length = 1 }),
            new CacheWrite(Article("a2", "Ferry", "ferry strike again")),
        });
        cache.SetEntityIndex("a1", "v", new[] { ("ferry", "Thing", 1) });
        cache.PutAnalysis("a1", "quotes", "v", "[]");
        Assert.Equal(1, cache.Remove(new[] { "a1", "missing" }));
        Assert.Null(cache.GetArticle("a1"));
        Assert.Null(cache.GetInput("/x/a1.txt"));
        Assert.Empty(cache.FindArticlesWithEntity("ferry"));
        Assert.Null(cache.GetAnalysis("a1", "quotes", "v"));
        Assert.Equal(new[] { "a2" }, cache.Query(new NewsArticleQuery { Search = "ferry" }).Select(a => a.Id)); // FTS kept in sync
        cache.Clear();
        var info = cache.GetInfo();
        Assert.Equal(0, info.Articles);
        Assert.Empty(cache.Query(new NewsArticleQuery { Search = "ferry" }));
    }

    [StoreFact]
    public void Two_connections_writing_batches_at_once_lose_nothing()
    {
        using (OpenCache()) { }
        void Writer(string prefix)
        {
            using var cache = OpenCache();
            for (int b = 0; b < 20; b++)
                cache.Write(Enumerable.Range(0, 25).Select(i => new CacheWrite(Article($"{prefix}-{b}-{i}", $"T {prefix} {b} {i}", "ferry strike body"))).ToList());
        }
        Parallel.Invoke(() => Writer("x"), () => Writer("y"));
        using var check = OpenCache();
        Assert.Equal(1000, check.GetInfo().Articles);
        Assert.Equal(1000, check.Query(new NewsArticleQuery { Search = "ferry" }).Count());
    }

    [StoreFact]
    public void Several_analysts_opening_a_new_cache_at_the_same_moment_all_get_it_created_once()
    {
        // Four importers started together on an empty database all find no schema; the one that waited for another's
        // creation must then see the tables it made (it tried to create them again: "relation already exists").
        const int analysts = 6;
        if (OnPostgres) _ = Database; // made once, before the threads (its property is not thread-safe)
        using var start = new Barrier(analysts);
        var errors = new System.Collections.Concurrent.ConcurrentBag<Exception>();
        var threads = Enumerable.Range(0, analysts).Select(i => new Thread(() =>
        {
            start.SignalAndWait();
            try
            {
                using var cache = OpenCache();
                cache.Put(Article($"analyst-{i}", $"Analyst {i}", "harbour ferry report"));
            }
            catch (Exception e) { errors.Add(e); }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.Empty(errors);
        using var check = OpenCache();
        Assert.Equal(analysts, check.GetInfo().Articles);
        Assert.Equal(check.IsServer ? NewsCmdlets.Engine.Cache.Postgres.PostgresSchema.CurrentVersion : NewsCmdlets.Engine.Cache.Sqlite.SqliteSchema.CurrentVersion, check.SchemaVersion);
    }
}

/// <summary>The shared cases of <see cref="NewsCacheTests"/> against a PostgreSQL server.</summary>
public sealed class NewsCacheTestsOnPostgres : NewsCacheTests, IRunsOnPostgres;

/// <summary>What only the SQLite file has: its file, journal, native library and the packed record's bytes.</summary>
public sealed class SqliteNewsCacheTests : CacheTestBase
{
    [Theory]
    [InlineData(new[] { "One.", "Two, longer.", "Three." }, "\n", "One.\nTwo, longer.\nThree.", true)]
    [InlineData(new[] { "One.", "Two." }, "\n", "One.\nTwo.\n", false)]           // the body ends with a line break
    [InlineData(new[] { "One.", "Two." }, "\n", "One.\nTwo, changed.", false)]      // not the body's lines
    [InlineData(new[] { "One.", "Two." }, "\n\n", "One.\nTwo.", false)]           // another separator
    [InlineData(new[] { "One.\nTwo." }, "\n", "One.\nTwo.", false)]               // a paragraph holding a line break
    [InlineData(new[] { "One.", "", "Two." }, "\n", "One.\n\nTwo.", true)]          // an empty line is a paragraph too
    public void Paragraphs_that_are_the_body_lines_are_stored_once_and_read_back_the_same(string[] paragraphs, string separator, string body, bool storedAsLines)
    {
        var original = new NewsArticle { Id = "p1", Title = "T", Body = body, Paragraphs = new TextList(paragraphs, separator) };
        using (var cache = NewsCache.Open(DbPath)) cache.Put(original);
        using (var c = new SqliteConnection($"Data Source={DbPath}"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT record FROM articles WHERE id = 'p1'";
            string stored = StoredField((byte[])cmd.ExecuteScalar()!, "paragraphs")!;
            Assert.Equal(storedAsLines, !stored.Contains("\"I\""));
        }
        using var reopened = NewsCache.Open(DbPath);
        foreach (var back in new[] { reopened.GetArticle("p1")!, reopened.Query(new NewsArticleQuery { Id = new[] { "p1" } }).Single() })
        {
            Assert.Equal(paragraphs, back.Paragraphs.ToArray());
            Assert.Equal(paragraphs.Length, back.Paragraphs.Count);
            Assert.Equal(separator, back.Paragraphs.Separator);
            Assert.Equal(string.Join(separator, paragraphs), back.Paragraphs.ToString());
            Assert.Equal(paragraphs[^1], back.Paragraphs[^1]);
        }
    }

    [Fact]
    public void A_new_file_is_WAL_with_the_current_schema_and_info_names_the_native_library()
    {
        using var cache = NewsCache.Open(DbPath);
        cache.Put(Article("a1", "One", "ferry strike"));
        var info = cache.GetInfo();
        Assert.Equal(DbPath, info.Path);
        Assert.Equal("wal", info.JournalMode);
        Assert.Equal(NewsCmdlets.Engine.Cache.Sqlite.SqliteSchema.CurrentVersion, info.SchemaVersion);
        Assert.Equal(1, info.Articles);
        Assert.Matches(@"^3\.\d+\.\d+", info.SqliteVersion);
        Assert.NotNull(info.NativeLibrary);
        Assert.True(File.Exists(info.NativeLibrary), info.NativeLibrary);
        Assert.Contains("e_sqlite3", Path.GetFileName(info.NativeLibrary));
        Assert.True(info.SizeBytes > 0);
        Assert.NotNull(info.Created);
    }

    [Fact]
    public void Default_path_is_in_the_per_user_data_folder()
    {
        string p = NewsCache.DefaultPath;
        Assert.EndsWith(Path.Combine("NewsCmdlets", "news-cache.db"), p);
        Assert.True(Path.IsPathRooted(p));
        string? xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        string root = OperatingSystem.IsLinux() && !string.IsNullOrEmpty(xdg) ? xdg : Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        Assert.StartsWith(root, p);
    }

    [Fact]
    public void A_damaged_record_is_reported_and_skipped_by_queries_and_read_again_from_its_file_on_re_import()
    {
        string folder = Path.Combine(Dir, "in");
        Directory.CreateDirectory(folder);
        var files = new[] { "a.txt", "b.txt" }.Select(n => Path.Combine(folder, n)).ToArray();
        File.WriteAllText(files[0], "Ferry fares rise\n\nFares on the island ferry rise by a tenth from May.\n");
        File.WriteAllText(files[1], "Library reopens\n\nThe town library reopens on Monday after repairs.\n");
        foreach (var f in files) File.SetLastWriteTimeUtc(f, DateTime.UtcNow.AddMinutes(-5)); // not racily clean
        var options = new ArticleReadOptions();
        string damaged;
        using (var reader = new CachedArticleReader(NewsCache.Open(DbPath)) { OwnsCache = true })
            damaged = files.Select(f => reader.ReadFile(f, options).Read.Article.Id).ToList()[0];
        using (var c = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "UPDATE articles SET record = x'0105' WHERE id = $id";
            cmd.Parameters.AddWithValue("$id", damaged);
            Assert.Equal(1, cmd.ExecuteNonQuery());
        }
        using (var cache = NewsCache.Open(DbPath))
        {
            var unreadable = new List<(string Id, string Reason)>();
            var back = cache.Query(new NewsArticleQuery { OnUnreadable = (id, why) => unreadable.Add((id, why)) }).ToList();
            Assert.Equal("Library reopens", Assert.Single(back).Title);
            Assert.Equal(damaged, Assert.Single(unreadable).Id);
            Assert.Contains("cut short", unreadable[0].Reason);
            Assert.Single(cache.Query(new NewsArticleQuery())); // without a callback: skipped all the same
        }
        // Re-importing the unchanged file reads it again (the row cannot serve as its copy) and mends the row.
        using (var reader = new CachedArticleReader(NewsCache.Open(DbPath)) { OwnsCache = true })
        {
            var again = reader.ReadFile(files[0], options);
            Assert.False(again.FromCache);
            Assert.Equal("Ferry fares rise", again.Read.Article.Title);
        }
        using var mended = NewsCache.Open(DbPath);
        Assert.Equal(new[] { "Ferry fares rise", "Library reopens" }, mended.Query(new NewsArticleQuery()).Select(a => a.Title!).OrderBy(t => t));
    }

    /// <summary>One field of a stored article record, as text (null for NULL).</summary>
    internal static string? StoredField(byte[] record, string field)
    {
        var reader = new ArticleRecord.Reader(record);
        string? value = null;
        foreach (var name in ArticleRecord.Fields)
        {
            var v = reader.NextString();
            if (name == field) value = v;
        }
        return value;
    }
}
