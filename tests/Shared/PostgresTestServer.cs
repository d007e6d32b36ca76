using Npgsql;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace NewsCmdlets.TestSupport;

/// <summary>
/// The PostgreSQL server the cache tests run against, named by NEWSCMDLETS_TEST_POSTGRES (a connection string for a
/// role that may create databases; `eval "$(.ci/postgres start)"` starts a throwaway cluster and sets it, as .ci/run
/// does). Each test gets a database of its own, dropped afterwards. Without the variable the tests on PostgreSQL are
/// reported as skipped with the reason; with CI set they run, and fail when there is no server.
/// </summary>
public static class PostgresTestServer
{
    public const string Variable = "NEWSCMDLETS_TEST_POSTGRES";

    public static string? AdminConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } s ? s : null;

    public static bool InCI => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    /// <summary>Why the tests on PostgreSQL do not run here, or null when they do (a server is named, or this is CI).</summary>
    public static string? SkipReason => AdminConnectionString != null || InCI ? null :
        $"no PostgreSQL server for the tests: {Variable} is not set (run `eval \"$(.ci/postgres start)\"` first, as .ci/run does); this test did not run on PostgreSQL.";

    /// <summary>A new, empty database on the test server.</summary>
    public static TestDatabase CreateDatabase()
    {
        string admin = AdminConnectionString ?? throw new InvalidOperationException(
            $"{Variable} is not set, so there is no PostgreSQL server to test against. .ci/run starts one with .ci/postgres; by hand: eval \"$(.ci/postgres start)\".");
        string name = "nc_" + Guid.NewGuid().ToString("N")[..16];
        using (var c = new NpgsqlConnection(admin))
        {
            c.Open();
            using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", c);
            cmd.ExecuteNonQuery();
        }
        return new TestDatabase(admin, name);
    }
}

/// <summary>A database made for one test; Dispose drops it (closing any connection still in it).</summary>
public sealed class TestDatabase : IDisposable
{
    private readonly string _admin;

    internal TestDatabase(string admin, string name)
    {
        _admin = admin;
        Name = name;
        var b = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        ConnectionString = b.ConnectionString;
        Password = b.Password ?? "";
        UserName = b.Username ?? "";
        b.Password = null;
        ConnectionStringWithoutPassword = b.ConnectionString;
        Host = b.Host!;
        Port = b.Port;
    }

    public string Name { get; }
    public string ConnectionString { get; }
    public string ConnectionStringWithoutPassword { get; }
    public string Password { get; }
    public string UserName { get; }
    public string Host { get; }
    public int Port { get; }

    /// <summary>How the module names this database in messages: postgresql://user@host:port/database.</summary>
    public string Display => $"postgresql://{UserName}@{Host}:{Port}/{Name}";

    /// <summary>Runs SQL in the test database (for checks behind the module's back).</summary>
    public object? Scalar(string sql)
    {
        using var c = new NpgsqlConnection(ConnectionString);
        c.Open();
        using var cmd = new NpgsqlCommand(sql, c);
        return cmd.ExecuteScalar();
    }

    public void Dispose()
    {
        try
        {
            NpgsqlConnection.ClearAllPools();
            using var c = new NpgsqlConnection(_admin);
            c.Open();
            using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", c);
            cmd.ExecuteNonQuery();
        }
        catch (NpgsqlException)
        {
            // The server went away (a test stopped it): the cluster is thrown away with its databases.
        }
    }
}

/// <summary>Marks a test class whose cases run against PostgreSQL (see <see cref="StoreFactAttribute"/>).</summary>
public interface IRunsOnPostgres;

/// <summary>
/// A test case shared by the stores: it runs in every class that inherits it, and in a class that runs it on
/// PostgreSQL (<see cref="IRunsOnPostgres"/>) it is reported as skipped, with the reason, where no server is named.
/// </summary>
[XunitTestCaseDiscoverer("NewsCmdlets.TestSupport.StoreFactDiscoverer", ThisAssembly.Name)]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreFactAttribute : FactAttribute;

public sealed class StoreFactDiscoverer(IMessageSink sink) : FactDiscoverer(sink)
{
    protected override IXunitTestCase CreateTestCase(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var type = testMethod.TestClass.Class.ToRuntimeType();
        if (type != null && typeof(IRunsOnPostgres).IsAssignableFrom(type) && PostgresTestServer.SkipReason is { } reason)
            return new XunitSkippedDataRowTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(),
                testMethod, reason);
        return base.CreateTestCase(discoveryOptions, testMethod, factAttribute);
    }
}
