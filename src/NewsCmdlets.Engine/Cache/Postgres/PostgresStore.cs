using System.Globalization;
using System.Net.Sockets;
using Npgsql;

namespace NewsCmdlets.Engine.Cache.Postgres;

/// <summary>
/// The cache in a PostgreSQL database, for a team's shared corpus (see <see cref="ICacheStore"/>). One instance is one
/// connection (from Npgsql's pool), used from one thread. Writes run in transactions that are tried again when the
/// server reports a serialisation failure or a deadlock with another writer; every key is a primary key and every
/// write an upsert, so analysts importing the same articles at once keep each of them once.
/// Errors name the server as postgresql://user@host:port/database and never hold the password.
/// </summary>
internal sealed class PostgresStore : ICacheStore
{
    private readonly PostgresSettings _settings;
    private readonly string _connectionString;
    private NpgsqlConnection _connection;

    private PostgresStore(PostgresSettings settings, string connectionString, bool readOnly)
    {
        _settings = settings;
        _connectionString = connectionString;
        _connection = new NpgsqlConnection(connectionString);
        IsReadOnly = readOnly;
        Articles = new PostgresArticles(this);
        Analyses = new PostgresAnalyses(this);
        EntityIndex = new PostgresEntityIndex(this);
        Search = new PostgresSearch(this);
    }

    public static PostgresStore Open(PostgresSettings settings, NewsCacheOptions? options)
    {
        options ??= new NewsCacheOptions();
        var store = new PostgresStore(settings, settings.WithConnectTimeout(options.BusyTimeout < TimeSpan.FromSeconds(15) ? options.BusyTimeout : TimeSpan.FromSeconds(15)), options.ReadOnly);
        try
        {
            store.Guard("open", () =>
            {
                store._connection.Open();
                PostgresSchema.Migrate(store._connection, store.Location, options.ReadOnly);
                return 0;
            });
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    public string Location => _settings.Display;
    public bool IsReadOnly { get; }
    public IArticleTable Articles { get; }
    public IAnalysisTable Analyses { get; }
    public IEntityIndexTable EntityIndex { get; }
    public IArticleSearch Search { get; }

    public int SchemaVersion => Guard("read", () => PostgresSchema.ReadVersion(Connection, null, Location));

    /// <summary>The open connection; one that broke (the server restarted) is opened again first.</summary>
    internal NpgsqlConnection Connection
    {
        get
        {
            if (_connection.State == System.Data.ConnectionState.Open) return _connection;
            _connection.Dispose();
            _connection = new NpgsqlConnection(_connectionString);
            _connection.Open();
            return _connection;
        }
    }

    internal NpgsqlCommand Command(string sql, NpgsqlTransaction? tx = null) => new(sql, Connection, tx);

    public NewsCacheInfo GetInfo() => Guard("read", () =>
    {
        using var cmd = Command("""
            SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM inputs), (SELECT count(*) FROM entity_index),
                   (SELECT count(*) FROM analyses),
                   pg_total_relation_size('articles') + pg_total_relation_size('article_sources') + pg_total_relation_size('inputs') +
                   pg_total_relation_size('entity_index') + pg_total_relation_size('analyses') + pg_total_relation_size('feeds'),
                   (SELECT coalesce(max(version), 0) FROM schema_version),
                   (SELECT value FROM cache_meta WHERE key = 'created_utc'),
                   current_setting('server_version'),
                   current_setting('transaction_read_only') = 'on' OR NOT has_table_privilege('articles', 'INSERT')
            """);
        using var r = cmd.ExecuteReader();
        r.Read();
        string? created = r.IsDBNull(6) ? null : r.GetString(6);
        return new NewsCacheInfo
        {
            Path = Location,
            Store = "PostgreSQL",
            Articles = r.GetInt64(0),
            Inputs = r.GetInt64(1),
            EntityIndexRows = r.GetInt64(2),
            Analyses = r.GetInt64(3),
            SizeBytes = r.GetInt64(4),
            SchemaVersion = r.GetInt32(5),
            ServerVersion = "PostgreSQL " + r.GetString(7),
            IsReadOnly = IsReadOnly || r.GetBoolean(8),
            Created = created != null && DateTimeOffset.TryParse(created, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var c) ? c : null,
        };
    });

    public void Clear() => Write("clear", tx =>
    {
        using var cmd = Command("TRUNCATE " + string.Join(", ", PostgresSchema.Tables), tx);
        cmd.ExecuteNonQuery();
        return 0;
    });

    public string CheckIntegrity() => Guard("check", () =>
    {
        // The server keeps its own pages whole; what can go wrong here is a record this version cannot read.
        using var cmd = Command("SELECT count(*) FROM articles WHERE length(record) = 0 OR get_byte(record, 0) <> " + ArticleRecord.FormatVersion);
        long bad = Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
        return bad == 0 ? "ok" : $"{bad} article record(s) of an unknown format";
    });

    public IEnumerable<object?[]> ReadRows(CacheTable table) => PostgresRows.Read(this, table);

    public void WriteRows(CacheTable table, IReadOnlyList<object?[]> rows) => PostgresRows.Write(this, table, rows);

    public void Dispose() => _connection.Dispose();

    // ---- Running statements ------------------------------------------------------------------------------------

    /// <summary>Most tries of a write transaction that lost to another writer (serialisation failure, deadlock).</summary>
    private const int MaximumTries = 10;

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction, trying it again (after a short random wait) when the server
    /// aborted it for a serialisation failure or a deadlock with another writer; other problems become a
    /// <see cref="NewsCacheException"/> that names the server.
    /// </summary>
    internal T Write<T>(string verb, Func<NpgsqlTransaction, T> work)
    {
        RequireWritable();
        return Guard(verb, () =>
        {
            for (int attempt = 1; ; attempt++)
            {
                var tx = Connection.BeginTransaction();
                try
                {
                    var result = work(tx);
                    tx.Commit();
                    return result;
                }
                catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected && attempt < MaximumTries)
                {
                    SafeRollback(tx);
                    Thread.Sleep(Random.Shared.Next(5, 20 * attempt));
                }
                catch
                {
                    SafeRollback(tx);
                    throw;
                }
                finally
                {
                    tx.Dispose();
                }
            }
        });
    }

    private static void SafeRollback(NpgsqlTransaction tx)
    {
        try
        {
            if (tx.Connection != null) tx.Rollback();
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            // The connection is gone: the server rolled it back.
        }
    }

    internal void RequireWritable()
    {
        if (IsReadOnly)
            throw new NewsCacheException(NewsCacheProblem.ReadOnly, Location,
                $"The cache database {Location} was opened read-only, so nothing can be stored in or removed from it.");
    }

    internal T Guard<T>(string verb, Func<T> work)
    {
        try
        {
            return work();
        }
        catch (PostgresException ex)
        {
            throw Translate(ex, verb);
        }
        catch (NpgsqlException ex)
        {
            throw Unavailable(ex, verb);
        }
        catch (Exception ex) when (ex is SocketException or IOException or TimeoutException)
        {
            throw Unavailable(ex, verb);
        }
    }

    /// <summary>A server-side error, with the server's own words (which never hold the password).</summary>
    internal NewsCacheException Translate(PostgresException ex, string verb)
    {
        string what = $"{ex.MessageText} (SQLSTATE {ex.SqlState})";
        return ex.SqlState switch
        {
            PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification => new(NewsCacheProblem.CannotOpen, Location,
                $"The cache server {Location} refused the login: {what}. Check the user name and password (Set-NewsCacheConfiguration -Credential).", ex),
            PostgresErrorCodes.InvalidCatalogName => new(NewsCacheProblem.CannotOpen, Location,
                $"The cache server {Location} has no such database: {what}. Create it (createdb) or name another with Database= in the connection string.", ex),
            PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ReadOnlySqlTransaction => new(NewsCacheProblem.ReadOnly, Location,
                $"Cannot {verb} the cache database {Location}: {what}. Ask the database's owner to grant this user the rights it needs, or use another database.", ex),
            PostgresErrorCodes.DiskFull => new(NewsCacheProblem.Full, Location,
                $"Cannot {verb} the cache database {Location}: the server's disk is full ({what}). Ask its administrator to free some space.", ex),
            PostgresErrorCodes.OutOfMemory or PostgresErrorCodes.InsufficientResources => new(NewsCacheProblem.CannotOpen, Location,
                $"Cannot {verb} the cache database {Location}: the server is out of space or memory ({what}).", ex),
            PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
                or PostgresErrorCodes.TooManyConnections => Unavailable(ex, verb),
            _ => new(NewsCacheProblem.CannotOpen, Location, $"Cannot {verb} the cache database {Location}: {what}.", ex),
        };
    }

    /// <summary>The server could not be reached or went away.</summary>
    internal NewsCacheException Unavailable(Exception ex, string verb)
    {
        var reason = ex;
        while (reason.InnerException != null && reason.Message.StartsWith("Exception while", StringComparison.Ordinal)) reason = reason.InnerException;
        string detail = reason is PostgresException pg ? $"{pg.MessageText} (SQLSTATE {pg.SqlState})" : reason.Message.TrimEnd('.');
        if (reason.InnerException is SocketException se && !detail.Contains(se.Message, StringComparison.Ordinal)) detail += $" ({se.Message})";
        return new NewsCacheException(NewsCacheProblem.ServerUnavailable, Location,
            $"Cannot {verb} the cache server {Location}: it did not answer ({detail}). Check that the server is running and reachable, then run the command again: " +
            "what was stored before stays, and articles already stored are not duplicated.", ex);
    }
}
