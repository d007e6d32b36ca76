using NewsCmdlets.TestSupport;
using static NewsCmdlets.PowerShell.Tests.PowerShellRunner;

namespace NewsCmdlets.PowerShell.Tests;

/// <summary>
/// What the cache pipelines shared by both stores start from: a scratch folder, and in every script run with
/// <see cref="RunCase"/> two functions, <c>Use-TestCache [-Enabled]</c> (Set-NewsCacheConfiguration for this test's
/// cache: an SQLite file, or in a class marked <see cref="IRunsOnPostgres"/> a database of its own on the test server,
/// with the password given as a -Credential) and <c>Open-TestCache</c> (the engine's NewsCache on it, for checks
/// behind the cmdlets' back). Cases are [StoreFact]s: run on SQLite, and on PostgreSQL or skipped with the reason.
/// </summary>
public abstract class CacheStoreCase : IDisposable
{
    protected readonly string Dir = Directory.CreateTempSubdirectory("newscmdlets-cache-ps-").FullName;
    protected string Db => Path.Combine(Dir, "cache.db");

    private TestDatabase? _database;

    protected TestDatabase Database => _database ??= PostgresTestServer.CreateDatabase();

    protected bool OnPostgres => this is IRunsOnPostgres;

    private const string Prelude = """
        function Use-TestCache([switch] $Enabled) {
            $p = @{}
            if ($Enabled) { $p.Enabled = $true }
            if ($__cacheServer) { Set-NewsCacheConfiguration -ConnectionString $__cacheServer -Credential $__cacheCredential @p }
            else { Set-NewsCacheConfiguration -CachePath $__cacheFile @p }
        }
        function Open-TestCache {
            $null = [System.Reflection.Assembly]::LoadFrom($__engine)
            if ($__cacheServer) { [NewsCmdlets.Engine.Cache.NewsCache]::OpenServer($__cacheConnection, $null, $null) }
            else { [NewsCmdlets.Engine.Cache.NewsCache]::Open($__cacheFile, $null) }
        }

        """;

    /// <summary>Runs a script with Use-TestCache and Open-TestCache defined (and <paramref name="variables"/> set).</summary>
    protected RunResult RunCase(string script, IDictionary<string, object?>? variables = null)
    {
        var all = new Dictionary<string, object?>(variables ?? new Dictionary<string, object?>())
        {
            ["__cacheFile"] = Db,
            ["__engine"] = Path.Combine(Repo.Root, "bin", "NewsCmdlets.Engine.dll"),
        };
        if (OnPostgres)
        {
            all["__cacheServer"] = Database.ConnectionStringWithoutPassword;
            all["__cacheConnection"] = Database.ConnectionString;
            var password = new System.Security.SecureString();
            foreach (char c in Database.Password) password.AppendChar(c);
            all["__cacheCredential"] = new System.Management.Automation.PSCredential(Database.UserName, password);
        }
        return Run(Prelude + script, variables: all);
    }

    public virtual void Dispose()
    {
        _database?.Dispose();
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { }
    }
}
