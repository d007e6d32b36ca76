using System.Net;

namespace NewsCmdlets.Engine.Cache;

/// <summary>
/// Where a cache is: an SQLite file (the default) or a PostgreSQL database given by a connection string (and a
/// credential for its user name and password). <see cref="ToString"/> and <see cref="Display"/> never show a password.
/// </summary>
public sealed class NewsCacheLocation
{
    private NewsCacheLocation(string? path, string? connectionString, NetworkCredential? credential, string display)
    {
        Path = path;
        ConnectionString = connectionString;
        Credential = credential;
        Display = display;
    }

    /// <summary>An SQLite cache file (a full path).</summary>
    public static NewsCacheLocation File(string path) => new(path, null, null, path);

    /// <summary>A PostgreSQL database; the connection string is checked now (an unusable one throws
    /// <see cref="ArgumentException"/> with a message that holds no part of it but the names of its keys).</summary>
    public static NewsCacheLocation Server(string connectionString, NetworkCredential? credential = null) =>
        new(null, connectionString, credential, new Postgres.PostgresSettings(connectionString, credential).Display);

    /// <summary>The same server with another user name and password.</summary>
    public NewsCacheLocation WithCredential(NetworkCredential credential) =>
        IsServer ? Server(ConnectionString!, credential) : throw new InvalidOperationException("A cache file takes no credential.");

    /// <summary>The file's path, or null for a server.</summary>
    public string? Path { get; }

    /// <summary>The connection string as given (with any password it holds): never show it.</summary>
    internal string? ConnectionString { get; }

    internal NetworkCredential? Credential { get; }

    /// <summary>True for a PostgreSQL database.</summary>
    public bool IsServer => ConnectionString != null;

    /// <summary>The file's path, or the server as postgresql://user@host:port/database.</summary>
    public string Display { get; }

    public override string ToString() => Display;
}
