using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using NewsCmdlets.Bench.Harness;
using NewsCmdlets.Engine.Cache;
using Npgsql;

namespace NewsCmdlets.Bench.Stages;

/// <summary>
/// The PostgreSQL server the cache-postgres stage measures: named by NEWSCMDLETS_BENCH_POSTGRES or, as the tests do,
/// NEWSCMDLETS_TEST_POSTGRES (a connection string for a role that may create databases; `eval "$(.ci/postgres
/// start)"` sets the second), or a throwaway cluster the bench starts itself with .ci/postgres when the server
/// binaries are there (not in --smoke, and not when NEWSCMDLETS_BENCH_START_POSTGRES=0), stopped at the end.
/// </summary>
public static class BenchPostgres
{
    public const string Variable = "NEWSCMDLETS_BENCH_POSTGRES";
    public const string TestVariable = "NEWSCMDLETS_TEST_POSTGRES";
    public const string StartVariable = "NEWSCMDLETS_BENCH_START_POSTGRES";
    /// <summary>Where the server came from, for the report (set by the parent for its children).</summary>
    private const string OriginVariable = "NEWSCMDLETS_BENCH_POSTGRES_ORIGIN";
    /// <summary>The database a concurrent importer writes to (a connection string: never on a command line).</summary>
    public const string TargetVariable = "NEWSCMDLETS_BENCH_POSTGRES_TARGET";

    private static string? _startedDir;

    public static string? AdminConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } b ? b :
        Environment.GetEnvironmentVariable(TestVariable) is { Length: > 0 } t ? t : null;

    public static string Origin => Environment.GetEnvironmentVariable(OriginVariable) ??
        (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } ? Variable : TestVariable);

    /// <summary>In the parent: finds or starts a server; false (with the reason written to <paramref name="log"/>) when there is none.</summary>
    public static bool Ensure(StageContext ctx, TextWriter log)
    {
        if (AdminConnectionString == null)
        {
            if (ctx.Mode == RunMode.Smoke) { log.WriteLine($"no PostgreSQL server named ({Variable} or {TestVariable}); --smoke does not start one (`eval \"$(.ci/postgres start)\"` does)"); return false; }
            if (Environment.GetEnvironmentVariable(StartVariable) == "0") { log.WriteLine($"no PostgreSQL server named ({Variable} or {TestVariable}) and {StartVariable}=0"); return false; }
            if (!StartCluster(ctx.RepoRoot, log)) return false;
        }
        try
        {
            using var c = new NpgsqlConnection(AdminConnectionString);
            c.Open();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or ArgumentException)
        {
            log.WriteLine($"the PostgreSQL server named by {Origin} does not answer: {e.GetType().Name}: {e.Message}");
            Stop(log);
            return false;
        }
        return true;
    }

    private static readonly object StopLock = new();
    private static bool _handlersSet;

    /// <summary>
    /// Starts a throwaway cluster with .ci/postgres and names it for this process and its children; false (with the
    /// reason written to <paramref name="log"/>) when it cannot. The cluster is stopped by <see cref="Stop"/>, and also
    /// when the run is interrupted (Ctrl+C, SIGTERM) or ends without reaching it, so no cluster is left running in /tmp.
    /// </summary>
    public static bool StartCluster(string repoRoot, TextWriter log)
    {
        string script = Path.Combine(repoRoot, ".ci", "postgres");
        if (!File.Exists(script)) { log.WriteLine($"no PostgreSQL server named ({Variable} or {TestVariable}) and no .ci/postgres to start one"); return false; }
        lock (StopLock)
        {
            if (!_handlersSet)
            {
                // Ctrl+C: the handler stops the cluster, then the process ends as it would have (the stage's child gets
                // the same signal). ProcessExit: SIGTERM, or an exit that skipped the stage's teardown.
                Console.CancelKeyPress += (_, _) => StopOnExit("interrupted");
                AppDomain.CurrentDomain.ProcessExit += (_, _) => StopOnExit("exiting");
                _handlersSet = true;
            }
        }
        var (exit, stdout, stderr) = Measure.Run("bash", new[] { script, "start" }, timeoutSeconds: 120);
        var exports = stdout.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("export ", StringComparison.Ordinal))
            .Select(l => l["export ".Length..].Split('=', 2)).Where(kv => kv.Length == 2).ToDictionary(kv => kv[0], kv => kv[1].Trim('\''));
        string? dir = exports.GetValueOrDefault("NEWSCMDLETS_TEST_POSTGRES_DIR");
        if (exit != 0 || !exports.TryGetValue(TestVariable, out var cs))
        {
            if (!string.IsNullOrEmpty(dir)) Measure.Run("bash", new[] { script, "stop", dir }, timeoutSeconds: 120);
            log.WriteLine($"no PostgreSQL server named ({Variable} or {TestVariable}) and .ci/postgres could not start one: {stderr.Trim()}");
            return false;
        }
        lock (StopLock)
        {
            _startedDir = dir;
            _script = script;
        }
        Environment.SetEnvironmentVariable(Variable, cs); // the children inherit it
        Environment.SetEnvironmentVariable(OriginVariable, "a throwaway cluster the bench started with .ci/postgres (fsync off, synchronous_commit off)");
        log.WriteLine($"cache-postgres: {stderr.Trim().Split('\n').LastOrDefault()}");
        return true;
    }

    private static string? _script;

    /// <summary>The cluster this process started, if any (for the test that interrupts a run).</summary>
    public static string? StartedDirectory { get { lock (StopLock) return _startedDir; } }

    private static void StopOnExit(string why)
    {
        try
        {
            Stop(Console.Error, why);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            Console.Error.WriteLine($"cache-postgres: could not stop the throwaway cluster: {e.Message}");
        }
    }

    /// <summary>In the parent, after the stage: stops the cluster <see cref="Ensure"/> started (nothing for a named server).</summary>
    public static void Stop(TextWriter log) => Stop(log, null);

    private static void Stop(TextWriter log, string? why)
    {
        lock (StopLock) // once, whether the stage's teardown, Ctrl+C or the process's exit comes first
        {
            if (_startedDir == null) return;
            Measure.Run("bash", new[] { _script ?? Path.Combine(Runner.FindRepoRoot(), ".ci", "postgres"), "stop", _startedDir }, timeoutSeconds: 120);
            log.WriteLine($"cache-postgres: stopped the throwaway cluster ({_startedDir}){(why != null ? $", {why}" : "")}");
            Environment.SetEnvironmentVariable(Variable, null);
            Environment.SetEnvironmentVariable(OriginVariable, null);
            _startedDir = null;
        }
    }

    /// <summary>
    /// <c>NewsCmdlets.Bench pg-hold</c>: starts a throwaway cluster as the cache-postgres stage does, prints its folder,
    /// and waits to be interrupted (what the test of the stage's clean-up on Ctrl+C drives).
    /// </summary>
    public static int Hold(string[] args)
    {
        if (!StartCluster(Runner.FindRepoRoot(), Console.Error)) return 1;
        Console.WriteLine(StartedDirectory);
        Console.Out.Flush();
        Thread.Sleep(Timeout.Infinite);
        return 0;
    }

    public static string ConnectionTo(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database }.ConnectionString;

    public static object? Scalar(string connectionString, string sql)
    {
        using var c = new NpgsqlConnection(connectionString);
        c.Open();
        using var cmd = new NpgsqlCommand(sql, c);
        return cmd.ExecuteScalar();
    }

    /// <summary>A new, empty database (dropped first when a failed run left it behind).</summary>
    public static string Create(string name)
    {
        Drop(name);
        Scalar(AdminConnectionString!, $"CREATE DATABASE {name}");
        return ConnectionTo(name);
    }

    /// <summary>
    /// Drops the database, ending the connections a finished importer may have left. FORCE may not end a backend of
    /// another role (after a large import, the server's own autovacuum worker is often at work on the new database:
    /// 42501 for a bench role that is not a superuser); a plain DROP cancels autovacuum by itself, so it is tried
    /// then, a few times while the database is still in use (55006).
    /// </summary>
    public static void Drop(string name)
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            Scalar(AdminConnectionString!, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            return;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege) { }
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                Scalar(AdminConnectionString!, $"DROP DATABASE IF EXISTS {name}");
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 50)
            {
                Thread.Sleep(200);
            }
        }
    }
}

/// <summary>
/// Issue 31's PostgreSQL goals over the generated corpus, each against SQLite in the same child process: (a) the
/// import with -Cache (CachedArticleReader, as cache-cold-import) into a new PostgreSQL database and into a new SQLite
/// file, alternated round by round, as a ratio; (b) the entity lookups and searches of <see cref="CacheQuerySet"/>
/// over both; (c) four processes importing overlapping halves of the corpus into one new database at once, then the
/// count check that every article is there exactly once.
/// </summary>
public sealed class CachePostgresStage : IBenchStage, IStageTeardown
{
    public const int Importers = 4;

    public string Name => "cache-postgres";
    public int Order => 83;
    public string Measures => "CachedArticleReader.ReadFile over every generated .txt article into a new PostgreSQL database (NewsCache.OpenServer: what Import-NewsArticle -Cache does after Set-NewsCacheConfiguration -ConnectionString), one thread, open to close; SQLite timed the same way in the same process, rounds alternated, for the ratio (issue 31's goal at 100,000: under 3×); then Query -Entity / FindArticlesWithEntity / Query -Search over both stores (goal: p95 under 50 ms), the entity index filled untimed from the ground truth as in queries; then 4 processes (this bench re-invoked) importing overlapping halves of the corpus into one new database at once, each article read by two of them at the same moment: wall time and a count check that every article is stored exactly once";
    public string ItemName => "articles";
    public bool Scales => true;
    public bool IsPeer => false;

    public bool Prepare(StageContext context, TextWriter log) => BenchPostgres.Ensure(context, log);

    public void Finish(StageContext context, TextWriter log) => BenchPostgres.Stop(log);

    public StageMeasurement Run(StageContext context)
    {
        if (BenchPostgres.AdminConnectionString == null) throw new InvalidOperationException($"no PostgreSQL server: {BenchPostgres.Variable} is not set");
        var (bytes, n) = CacheCorpus.Corpus(context);
        var m = new StageMeasurement { Items = n, Bytes = bytes };
        string folder = context.CorpusFolder!;
        bool smoke = context.Mode == RunMode.Smoke;
        string tag = $"ncbench_{context.Mode.ToString().ToLowerInvariant()}_{n}_{Environment.ProcessId}";
        string cacheDir = Path.Combine(context.WorkDir, "cache");
        Directory.CreateDirectory(cacheDir);
        string sqlite = Path.Combine(cacheDir, $"{tag}.db"), sqliteWarm = Path.Combine(cacheDir, $"{tag}-warm.db");
        string importDb = tag + "_import", warmDb = tag + "_warm", singleDb = tag + "_single", concurrentDb = tag + "_concurrent";
        string loadBefore = Measure.LoadAverage();
        try
        {
            // Warm-up (JIT, SQLite's native library, Npgsql's pool and types): the first 1,000 articles into each store.
            string warm = BenchPostgres.Create(warmDb);
            int w = Math.Min(1000, n);
            Measure.WarmUp(() =>
            {
                NewsCache.DeleteFiles(sqliteWarm);
                CacheCorpus.Import(folder, NewsCache.Open(sqliteWarm), Enumerable.Range(0, w));
                using (var c = NewsCache.OpenServer(warm)) c.Clear();
                CacheCorpus.Import(folder, NewsCache.OpenServer(warm), Enumerable.Range(0, w));
            }, smoke ? 0 : 1.5, 10);
            BenchPostgres.Drop(warmDb);
            NewsCache.DeleteFiles(sqliteWarm);

            // (a) The import, SQLite and PostgreSQL alternated (S P P S; one round each at 50,000 and more).
            var times = new Dictionary<string, List<(double Wall, double Cpu)>> { ["sqlite"] = new(), ["postgres"] = new() };
            string target = "";
            var order = smoke || n >= 50_000 ? new[] { "sqlite", "postgres" } : new[] { "sqlite", "postgres", "postgres", "sqlite" };
            (int Hits, int Misses, long Errors) last = default;
            foreach (var store in order)
            {
                NewsCache open;
                if (store == "sqlite") { NewsCache.DeleteFiles(sqlite); open = NewsCache.Open(sqlite); }
                else { target = BenchPostgres.Create(importDb); open = NewsCache.OpenServer(target); }
                open.Dispose(); // the schema is made untimed for both; the timed pass opens the store as an import does
                times[store].Add(Timed(() => last = CacheCorpus.Import(folder, store == "sqlite" ? NewsCache.Open(sqlite) : NewsCache.OpenServer(target), Enumerable.Range(0, n))));
                if (last.Errors > 0) m.Errors = last.Errors;
            }
            var pg = times["postgres"];
            var sq = times["sqlite"];
            m.PassSeconds = pg.Select(t => Math.Round(t.Wall, 4)).ToArray();
            m.Passes = pg.Count;
            m.Seconds = Measure.Median(pg.Select(t => t.Wall).ToArray());
            m.CpuSeconds = Math.Round(Measure.Median(pg.Select(t => t.Cpu).ToArray()), 4);
            m.BestSeconds = Math.Round(pg.Min(t => t.Wall), 4);
            m.BestCpuSeconds = Math.Round(pg.Min(t => t.Cpu), 4);
            double sqSeconds = Measure.Median(sq.Select(t => t.Wall).ToArray());
            m.Metrics["sqlite:seconds"] = Math.Round(sqSeconds, 3);
            m.Metrics["postgres:seconds"] = Math.Round(m.Seconds, 3);
            m.Metrics["sqlite:articlesPerSecond"] = Math.Round(n / sqSeconds, 1);
            m.Metrics["postgres:articlesPerSecond"] = Math.Round(n / m.Seconds, 1);
            m.Metrics["postgresVsSqlite"] = Math.Round(m.Seconds / sqSeconds, 2);
            m.Metrics["postgresVsSqlite:best"] = Math.Round(pg.Min(t => t.Wall) / sq.Min(t => t.Wall), 2);
            m.Metrics["sqlite:cpuSeconds"] = Math.Round(Measure.Median(sq.Select(t => t.Cpu).ToArray()), 3);
            long articleRows = Convert.ToInt64(BenchPostgres.Scalar(target, "SELECT count(*) FROM articles"), CultureInfo.InvariantCulture);
            m.Metrics["postgres:articleRows"] = articleRows;
            m.Metrics["postgres:databaseMB"] = Math.Round(Convert.ToInt64(BenchPostgres.Scalar(target, "SELECT pg_database_size(current_database())"), CultureInfo.InvariantCulture) / 1048576.0, 1);
            m.Metrics["sqlite:fileMB"] = Math.Round(new FileInfo(sqlite).Length / 1048576.0, 1);
            m.Info["import"] = $"rounds {string.Join(" ", order.Select(o => o == "sqlite" ? "S" : "P"))} (S: SQLite, P: PostgreSQL), each into a new, empty store whose schema was made untimed; CPU time is this process's (the client): the server's own work is in its processes, on the same two cores";

            // (b) The queries over the filled stores, PostgreSQL and SQLite alternated pass by pass.
            var set = new CacheQuerySet(folder);
            using (var pgCache = NewsCache.OpenServer(target))
            using (var sqCache = NewsCache.Open(sqlite))
            {
                set.FillEntityIndex(pgCache, context, m, "postgres:");
                set.FillEntityIndex(sqCache, context, m, "sqlite:");
                Measure.WarmUp(() => { set.Pass(pgCache, null); set.Pass(sqCache, null); }, smoke ? 0 : 1, 8);
                var lp = new QueryLatencies();
                var ls = new QueryLatencies();
                var sw = Stopwatch.StartNew();
                int passes = 0;
                while (passes < (smoke ? 1 : 2) || (!smoke && passes < 6 && sw.Elapsed.TotalSeconds < 4))
                {
                    set.Pass(pgCache, lp);
                    set.Pass(sqCache, ls);
                    passes++;
                }
                lp.WriteTo(m, set, "postgres:");
                ls.WriteTo(m, set, "sqlite:");
                m.Metrics["queryPasses"] = passes;
            }
            m.Info["queries"] = $"{set.EntityKeys.Length} {CacheQuerySet.Description}; PostgreSQL and SQLite alternated pass by pass";

            // --smoke checks that the stage runs and that the count holds: the four importers (cold processes, seconds
            // each on a crowded machine) run at its smallest size only.
            if (smoke && context.Sizes.Count > 0 && context.Size != context.Sizes.Min())
            {
                m.Info["concurrent"] = $"not run at this size in --smoke (only at {context.Sizes.Min():N0} articles)";
                m.Info["server"] = $"{BenchPostgres.Origin}";
                return m;
            }

            // (c) Four importers at once into one new database, each reading two quarters of the corpus; each quarter is read
            // by two of them from the same moment, in the same order (the articles they race for).
            // The baseline, in the same shape: one such process alone importing the whole corpus once (not in --smoke,
            // which only checks that the stage runs and that the count check holds).
            ImporterResult? oneResult = null;
            double aloneSeconds = 0;
            if (!smoke)
            {
                string single = BenchPostgres.Create(singleDb);
                var alone = Stopwatch.StartNew();
                var one = RunImporter(folder, n, -1, single, smoke);
                aloneSeconds = alone.Elapsed.TotalSeconds;
                if (one.Exit != 0) throw new InvalidOperationException($"the single importer failed: {one.Err.Trim()} {one.Out.Trim()}");
                oneResult = JsonSerializer.Deserialize<ImporterResult>(one.Out.Trim().Split('\n')[^1])!;
                BenchPostgres.Drop(singleDb);
            }
            string concurrent = BenchPostgres.Create(concurrentDb);
            var wall = Stopwatch.StartNew();
            var workers = Enumerable.Range(0, Importers).Select(k => Task.Run(() => RunImporter(folder, n, k, concurrent, smoke))).ToArray();
            Task.WaitAll(workers);
            double concurrentSeconds = wall.Elapsed.TotalSeconds;
            var failed = workers.Select(t => t.Result).Where(r => r.Exit != 0).ToList();
            if (failed.Count > 0) throw new InvalidOperationException($"{failed.Count} of {Importers} importers failed: {failed[0].Err.Trim()} {failed[0].Out.Trim()}");
            var results = workers.Select(t => JsonSerializer.Deserialize<ImporterResult>(t.Result.Out.Trim().Split('\n')[^1])!).ToList();
            long rows = Count(concurrent, "SELECT count(*) FROM articles"), ids = Count(concurrent, "SELECT count(DISTINCT id) FROM articles");
            long inputs = Count(concurrent, "SELECT count(*) FROM inputs"), sources = Count(concurrent, "SELECT count(*) FROM article_sources");
            long expectedSources = Count(target, "SELECT count(*) FROM article_sources");
            m.Metrics["concurrent:processes"] = Importers;
            m.Metrics["concurrent:articleReads"] = results.Sum(r => r.Read);
            m.Metrics["concurrent:wallSeconds"] = Math.Round(concurrentSeconds, 3);
            m.Metrics["concurrent:slowestImporterSeconds"] = Math.Round(results.Max(r => r.Seconds), 3);
            m.Metrics["concurrent:cpuSeconds"] = Math.Round(results.Sum(r => r.CpuSeconds), 3);
            if (oneResult != null)
            {
                m.Metrics["concurrent:oneProcessSeconds"] = Math.Round(aloneSeconds, 3);
                m.Metrics["concurrent:vsOneProcess"] = Math.Round(concurrentSeconds / aloneSeconds, 2);
                m.Metrics["concurrent:oneProcessCpuSeconds"] = Math.Round(oneResult.CpuSeconds, 3);
            }
            m.Metrics["concurrent:parsed"] = results.Sum(r => r.Misses);
            m.Metrics["concurrent:fromCache"] = results.Sum(r => r.Hits);
            m.Metrics["concurrent:errors"] = results.Sum(r => r.Errors);
            m.Metrics["concurrent:articleRows"] = rows;
            m.Metrics["concurrent:inputRows"] = inputs;
            bool once = rows == articleRows && ids == rows && inputs == n && sources == expectedSources && results.Sum(r => r.Errors) == last.Errors * 2;
            m.Metrics["check:concurrentExactlyOnce"] = once ? 1 : 0;
            m.Info["concurrent"] = $"{Importers} processes (NewsCmdlets.Bench pg-import, one connection each) started together; each reads two quarters of the corpus in path order (importers 1 and 2 read quarter 1 first, 3 and 4 quarter 3; then 1 and 3 quarter 2, 2 and 4 quarter 4), so every article is read by two processes at about the same moment ({2 * n:N0} reads of {n:N0} files); wall time from the first start to the last exit, process start-up and JIT included; the baseline is one such process alone importing the whole corpus once into a new database, just before; CPU time is the importers' own (clients), the server's is in its processes";
            if (!once)
                m.Info["failure"] = $"after {Importers} concurrent importers: {rows} article rows ({ids} distinct ids), {inputs} inputs, {sources} raw sources; one importer alone stored {articleRows} articles, {n} inputs, {expectedSources} raw sources";

            m.Info["loadAverage"] = $"{loadBefore} before, {Measure.LoadAverage()} after (1-minute load average of the machine; the server, this process and the importers share its {Environment.ProcessorCount} processors with any other work)";
            m.Info["server"] = $"{BenchPostgres.Origin}: PostgreSQL {BenchPostgres.Scalar(target, "SHOW server_version")}, fsync {BenchPostgres.Scalar(target, "SHOW fsync")}, synchronous_commit {BenchPostgres.Scalar(target, "SHOW synchronous_commit")}, shared_buffers {BenchPostgres.Scalar(target, "SHOW shared_buffers")}; SQLite as the module opens it (WAL, synchronous NORMAL)";
            return m;
        }
        finally
        {
            foreach (var db in new[] { importDb, warmDb, singleDb, concurrentDb })
                try { BenchPostgres.Drop(db); } catch (NpgsqlException) { }
            NewsCache.DeleteFiles(sqlite);
            NewsCache.DeleteFiles(sqliteWarm);
        }
    }

    private static long Count(string cs, string sql) => Convert.ToInt64(BenchPostgres.Scalar(cs, sql), CultureInfo.InvariantCulture);

    private static (double Wall, double Cpu) Timed(Action pass)
    {
        using var self = Process.GetCurrentProcess();
        var c0 = self.TotalProcessorTime;
        long t0 = Stopwatch.GetTimestamp();
        pass();
        double wall = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        self.Refresh();
        return (wall, (self.TotalProcessorTime - c0).TotalSeconds);
    }

    /// <summary>The quarters of the corpus each importer reads, in this order: every quarter is read by two importers
    /// that start it at the same moment and go through it in the same (path) order, head to head.</summary>
    private static readonly int[][] Quarters = { new[] { 0, 1 }, new[] { 0, 3 }, new[] { 2, 1 }, new[] { 2, 3 } };

    /// <summary>The articles importer <paramref name="k"/> of <see cref="Importers"/> reads, in order.</summary>
    public static IEnumerable<int> ImporterArticles(int n, int k)
    {
        int Start(int q) => (int)((long)n * q / Importers);
        return Quarters[k].SelectMany(q => Enumerable.Range(Start(q), Start(q + 1) - Start(q)));
    }

    private static (int Exit, string Out, string Err) RunImporter(string folder, int n, int k, string connectionString, bool smoke)
    {
        var args = new List<string>();
        string exe = Environment.ProcessPath!;
        if (Path.GetFileNameWithoutExtension(exe) == "dotnet") args.Add(Assembly.GetEntryAssembly()!.Location);
        args.AddRange(new[] { "pg-import", "--corpus", folder, "--size", n.ToString(CultureInfo.InvariantCulture), "--importer", k.ToString(CultureInfo.InvariantCulture) });
        // Timed importers get the children's JIT setting; --smoke's few articles a process are over before it pays off.
        var env = smoke ? new Dictionary<string, string>() : new Dictionary<string, string>(Runner.ChildEnvironment);
        env[BenchPostgres.TargetVariable] = connectionString;
        return Measure.Run(exe, args, timeoutSeconds: 1800, environment: env);
    }

    public sealed record ImporterResult(int Importer, int Read, int Hits, int Misses, long Errors, double Seconds, double CpuSeconds);

    /// <summary>The importer process (<c>NewsCmdlets.Bench pg-import --corpus DIR --size N --importer K</c>, K = -1: the whole corpus): imports its
    /// articles into the database named by NEWSCMDLETS_BENCH_POSTGRES_TARGET and prints one line of JSON.</summary>
    public static int Importer(string[] args)
    {
        var opts = new Dictionary<string, string>();
        for (int i = 0; i + 1 < args.Length; i += 2) opts[args[i].TrimStart('-')] = args[i + 1];
        string cs = Environment.GetEnvironmentVariable(BenchPostgres.TargetVariable) ?? throw new InvalidOperationException($"{BenchPostgres.TargetVariable} is not set");
        int n = int.Parse(opts["size"], CultureInfo.InvariantCulture), k = int.Parse(opts["importer"], CultureInfo.InvariantCulture);
        var articles = (k < 0 ? Enumerable.Range(0, n) : ImporterArticles(n, k)).ToList();
        var sw = Stopwatch.StartNew();
        var r = CacheCorpus.Import(opts["corpus"], NewsCache.OpenServer(cs), articles);
        Console.WriteLine(JsonSerializer.Serialize(new ImporterResult(k, articles.Count, r.Hits, r.Misses, r.Errors, Math.Round(sw.Elapsed.TotalSeconds, 3),
            Math.Round(Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, 3))));
        return 0;
    }

}
