using System.Net;
using Npgsql;

namespace NewsCmdlets.Engine.Cache.Postgres;

/// <summary>
/// A connection string for the cache's PostgreSQL database, with the credential applied, and the name the server is
/// shown by: postgresql://user@host:port/database, never the password. A connection string that cannot be read is an
/// <see cref="ArgumentException"/> whose message names its keys only (a password could be anywhere in the rest).
/// </summary>
internal sealed class PostgresSettings
{
    public PostgresSettings(string connectionString, NetworkCredential? credential)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new ArgumentException("The connection string is empty. Give one such as 'Host=db.example;Database=news;Username=analyst' (with -Credential for the password).");
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            throw new ArgumentException(
                $"The connection string cannot be read (keys given: {KeyNames(connectionString)}). Write it as key=value pairs separated by ';', " +
                "such as 'Host=db.example;Port=5432;Database=news;Username=analyst', and give the password with -Credential.");
        }
        if (credential != null)
        {
            if (!string.IsNullOrEmpty(credential.UserName)) builder.Username = credential.UserName;
            builder.Password = credential.Password;
        }
        if (string.IsNullOrEmpty(builder.Host))
            throw new ArgumentException("The connection string names no server: add Host=<server name or address> (and Port= when it is not 5432).");
        builder.ApplicationName ??= "NewsCmdlets";
        if (!connectionString.Contains("Max Auto Prepare", StringComparison.OrdinalIgnoreCase) &&
            !connectionString.Contains("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase))
            builder.MaxAutoPrepare = 64; // the same few statements run for every batch and article
        builder.PersistSecurityInfo = false;
        ConnectionString = builder.ConnectionString;
        string user = builder.Username ?? Environment.UserName;
        string database = builder.Database ?? user;
        Display = $"postgresql://{user}@{builder.Host}:{builder.Port}/{database}";
        HasPassword = !string.IsNullOrEmpty(builder.Password);
        Host = builder.Host!;
    }

    /// <summary>For Npgsql only: it holds the password.</summary>
    public string ConnectionString { get; }

    /// <summary>postgresql://user@host:port/database.</summary>
    public string Display { get; }

    public string Host { get; }

    public bool HasPassword { get; }

    /// <summary>The connection string for a connection that gives up connecting after <paramref name="timeout"/>.</summary>
    public string WithConnectTimeout(TimeSpan timeout)
    {
        var b = new NpgsqlConnectionStringBuilder(ConnectionString) { Timeout = Math.Clamp((int)Math.Ceiling(timeout.TotalSeconds), 1, 1024) };
        return b.ConnectionString;
    }

    /// <summary>The keys of a connection string (the text before each '='), for messages.</summary>
    private static string KeyNames(string connectionString)
    {
        var keys = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2)[0].Trim())
            .Where(k => k.Length > 0 && k.Length <= 40 && k.All(c => char.IsLetterOrDigit(c) || c == ' ' || c == '_'))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        return keys.Count == 0 ? "none" : string.Join(", ", keys);
    }
}
