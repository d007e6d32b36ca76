using System.Diagnostics;
using Microsoft.Data.Sqlite;
using NewsCmdlets.Engine.Cache;

namespace NewsCmdlets.Engine.Tests.Cache;

public sealed class CacheFileProblemTests : CacheTestBase
{
    private static void AssertStartAfreshAdvice(NewsCacheException ex, string path)
    {
        Assert.Equal(NewsCacheProblem.NotACache, ex.Problem);
        Assert.Equal(path, ex.CachePath);
        Assert.Contains($"'{path}'", ex.Message);
        Assert.Contains("Clear-NewsCache -CachePath", ex.Message);
        Assert.Contains("Set-NewsCacheConfiguration -CachePath", ex.Message);
    }

    [Fact]
    public void A_file_that_is_not_SQLite_is_a_clear_error_naming_it_and_it_is_left_alone()
    {
        File.WriteAllText(DbPath, "these are my notes, not a database\n");
        var ex = Assert.Throws<NewsCacheException>(() => NewsCache.Open(DbPath));
        AssertStartAfreshAdvice(ex, DbPath);
        Assert.Contains("not an SQLite database", ex.Message);
        Assert.Equal("these are my notes, not a database\n", File.ReadAllText(DbPath));
    }

    [Fact]
    public void A_damaged_database_is_a_clear_error()
    {
        using (var cache = NewsCache.Open(DbPath))
            cache.Write(Enumerable.Range(0, 300).Select(i => new CacheWrite(Article($"id{i}", $"Title {i}", string.Concat(Enumerable.Repeat($"ferry strike {i} ", 40))))).ToList());
        // Keep the header, overwrite the pages after the first with garbage.
        var bytes = File.ReadAllBytes(DbPath);
        var rng = new Random(7);
        for (int i = 4096; i < bytes.Length; i++) bytes[i] = (byte)rng.Next(256);
        File.WriteAllBytes(DbPath, bytes);
        var ex = Assert.Throws<NewsCacheException>(() =>
        {
            using var cache = NewsCache.Open(DbPath);
            _ = cache.Query(new NewsArticleQuery { Search = "ferry" }).ToList();
            _ = cache.Query(new NewsArticleQuery()).ToList();
        });
        AssertStartAfreshAdvice(ex, DbPath);
        Assert.True(NewsCache.DeleteFiles(DbPath));
        using var afresh = NewsCache.Open(DbPath);
        Assert.Equal(0, afresh.GetInfo().Articles);
    }

    [Fact]
    public void Another_applications_SQLite_database_is_not_taken_over()
    {
        using (var other = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            other.Open();
            using var cmd = other.CreateCommand();
            cmd.CommandText = "CREATE TABLE invoices (n INTEGER)";
            cmd.ExecuteNonQuery();
        }
        var ex = Assert.Throws<NewsCacheException>(() => NewsCache.Open(DbPath));
        AssertStartAfreshAdvice(ex, DbPath);
        Assert.Contains("not a NewsCmdlets cache", ex.Message);
    }

    [Fact]
    public void A_newer_schema_is_refused_with_advice()
    {
        using (var cache = NewsCache.Open(DbPath)) { }
        using (var c = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "INSERT INTO schema_version VALUES (99, 'future', '2030-01-01')";
            cmd.ExecuteNonQuery();
        }
        var ex = Assert.Throws<NewsCacheException>(() => NewsCache.Open(DbPath));
        Assert.Equal(NewsCacheProblem.NewerSchema, ex.Problem);
        Assert.Contains("99", ex.Message);
    }

    [Fact]
    public void Opened_read_only_it_answers_queries_and_refuses_writes_clearly()
    {
        using (var cache = NewsCache.Open(DbPath)) cache.Put(Article("a1", "Ferry", "ferry strike"));
        using var ro = NewsCache.Open(DbPath, new NewsCacheOptions { ReadOnly = true });
        Assert.True(ro.IsReadOnly);
        Assert.Equal("a1", Assert.Single(ro.Query(new NewsArticleQuery { Search = "ferry" })).Id);
        var ex = Assert.Throws<NewsCacheException>(() => ro.Put(Article("a2", "X", "y")));
        Assert.Equal(NewsCacheProblem.ReadOnly, ex.Problem);
        Assert.Contains($"'{DbPath}' is read-only", ex.Message);
        Assert.True(ro.GetInfo().IsReadOnly);
    }

    /// <summary>
    /// A file the user cannot write. These machines run tests as root, who may write a mode-444 file, so the test makes
    /// the file immutable (chattr +i), which stops root too; as another user, chmod 444 is enough. Where neither can be
    /// arranged, the test fails rather than pass without proving anything.
    /// </summary>
    [Fact]
    public void A_file_that_cannot_be_written_opens_read_only_and_writes_are_a_clear_error()
    {
        using (var cache = NewsCache.Open(DbPath)) cache.Put(Article("a1", "Ferry", "ferry strike"));
        bool immutable = false;
        try
        {
            if (OperatingSystem.IsWindows()) File.SetAttributes(DbPath, FileAttributes.ReadOnly);
            else if (Environment.UserName == "root" || Environment.GetEnvironmentVariable("USER") == "root")
            {
                immutable = Run("chattr", "+i", DbPath) == 0;
                Assert.True(immutable, "running as root and chattr +i failed: cannot make a file root cannot write");
            }
            else File.SetUnixFileMode(DbPath, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

            Assert.Throws<UnauthorizedAccessException>(() => File.OpenWrite(DbPath).Dispose()); // the premise holds
            using var cache = NewsCache.Open(DbPath);
            Assert.True(cache.IsReadOnly);
            Assert.Equal("a1", Assert.Single(cache.Query(new NewsArticleQuery())).Id);
            var ex = Assert.Throws<NewsCacheException>(() => cache.Put(Article("a2", "X", "y")));
            Assert.Equal(NewsCacheProblem.ReadOnly, ex.Problem);
            Assert.Contains(DbPath, ex.Message);
            Assert.Contains("writable", ex.Message);
        }
        finally
        {
            if (immutable) Run("chattr", "-i", DbPath);
            if (OperatingSystem.IsWindows()) File.SetAttributes(DbPath, FileAttributes.Normal);
        }
    }

    private static int Run(string file, params string[] args)
    {
        try
        {
            var psi = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in args) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            p.WaitForExit(10_000);
            return p.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }

    [Fact]
    public void A_folder_as_path_is_a_clear_error()
    {
        var ex = Assert.Throws<NewsCacheException>(() => NewsCache.Open(Dir));
        Assert.Contains("is a folder", ex.Message);
    }
}
