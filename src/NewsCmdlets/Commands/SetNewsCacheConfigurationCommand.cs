using System.Management.Automation;
using System.Net;
using System.Security;
using NewsCmdlets.Engine.Cache;

namespace NewsCmdlets.Commands;

/// <summary>
/// Set-NewsCacheConfiguration: chooses where the session keeps its cache, an SQLite file (the default) or a PostgreSQL
/// database a team shares, and turns the cache on (-Enabled) or off (-Enabled:$false) for every cmdlet that reads or
/// computes (as if -Cache were given). Settings last until the session ends; Get-NewsCacheConfiguration shows them.
/// A connection string can come from the command line, an environment variable or a SecretManagement secret, and the
/// password from -Credential; none of them is ever shown (errors and verbose output name the server as
/// postgresql://user@host:port/database).
/// </summary>
[Cmdlet(VerbsCommon.Set, "NewsCacheConfiguration")]
[OutputType(typeof(NewsCacheConfiguration))]
public sealed class SetNewsCacheConfigurationCommand : PSCmdlet
{
    /// <summary>The cache file (created on first use). Without it the current cache stays; see -Default. -Path is its old name.</summary>
    [Parameter(Position = 0)]
    [Alias("Path")]
    [ValidateNotNullOrEmpty]
    public string? CachePath { get; set; }

    /// <summary>Goes back to the per-user default file.</summary>
    [Parameter]
    public SwitchParameter Default { get; set; }

    /// <summary>A PostgreSQL connection string (Host=…;Port=…;Database=…;Username=…): the cache goes to that database.
    /// Give the password with -Credential, or the whole string with -ConnectionStringVariable or -ConnectionStringSecret,
    /// so that it stays out of the command history.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ConnectionString { get; set; }

    /// <summary>The name of an environment variable that holds the connection string.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ConnectionStringVariable { get; set; }

    /// <summary>The name of a SecretManagement secret (Get-Secret) that holds the connection string.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ConnectionStringSecret { get; set; }

    /// <summary>The SecretManagement vault of -ConnectionStringSecret (default: the default vault).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Vault { get; set; }

    /// <summary>The user name and password for the server, over any in the connection string.</summary>
    [Parameter]
    [Credential]
    public PSCredential? Credential { get; set; }

    /// <summary>-Enabled: use the cache without -Cache. -Enabled:$false: only with -Cache. Not given: unchanged.</summary>
    [Parameter]
    public SwitchParameter Enabled { get; set; }

    /// <summary>The old way to say -Enabled:$false, kept so that scripts written for it still work (with a warning);
    /// hidden from completion and help.</summary>
    [Parameter(DontShow = true)]
    public SwitchParameter Disabled { get; set; }

    /// <summary>Writes the new configuration.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void EndProcessing()
    {
        var sources = new[] { (CachePath != null, "-CachePath"), (Default.IsPresent, "-Default"), (ConnectionString != null, "-ConnectionString"),
            (ConnectionStringVariable != null, "-ConnectionStringVariable"), (ConnectionStringSecret != null, "-ConnectionStringSecret") }
            .Where(s => s.Item1).Select(s => s.Item2).ToList();
        if (sources.Count > 1)
            ThrowTerminatingError(new ErrorRecord(new ArgumentException($"Give one of {string.Join(", ", sources)}, not several: each names where the cache is."),
                sources.SequenceEqual(new[] { "-CachePath", "-Default" }) ? "PathAndDefault" : "ConflictingCacheLocations", ErrorCategory.InvalidArgument, null));
        if (Vault != null && ConnectionStringSecret == null)
            ThrowTerminatingError(new ErrorRecord(new ArgumentException("-Vault goes with -ConnectionStringSecret."), "VaultWithoutSecret", ErrorCategory.InvalidArgument, Vault));
        if (Disabled && Enabled)
            ThrowTerminatingError(new ErrorRecord(new ArgumentException("Give either -Enabled or -Disabled, not both; -Enabled:$false turns the cache off."), "EnabledAndDisabled", ErrorCategory.InvalidArgument, null));
        var current = CacheSession.Get();
        var location = NextLocation(current);
        if (!location.IsServer && Directory.Exists(location.Path))
            ThrowTerminatingError(new ErrorRecord(new ArgumentException($"The cache path '{location.Path}' is a folder. Give a file path, such as '{System.IO.Path.Combine(location.Path!, "news-cache.db")}'."),
                "CachePathIsDirectory", ErrorCategory.InvalidArgument, location.Path));
        if (MyInvocation.BoundParameters.ContainsKey(nameof(Disabled)))
            WriteWarning("-Disabled is deprecated: use -Enabled:$false.");
        bool enabled = MyInvocation.BoundParameters.ContainsKey(nameof(Enabled)) ? Enabled.IsPresent
            : Disabled ? false : current.Enabled;
        var next = new NewsCacheConfiguration { Location = location, Enabled = enabled };
        CacheSession.Set(next);
        WriteVerbose($"Cache: {next.Path} ({next.Store}); {(next.Enabled ? "used by every cmdlet that reads or computes" : "used only with -Cache")}." +
                     (location.IsServer ? " Get-NewsCacheInfo connects to it and shows what it holds." : ""));
        if (PassThru) WriteObject(next);
    }

    /// <summary>Where the cache goes: a file, a server (its connection string from wherever it was given), or as it was.</summary>
    private NewsCacheLocation NextLocation(NewsCacheConfiguration current)
    {
        if (Default) return NewsCacheLocation.File(NewsCache.DefaultPath);
        if (CachePath != null)
        {
            if (Credential != null)
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("-Credential is for a PostgreSQL server; a cache file needs none."), "CredentialWithoutServer", ErrorCategory.InvalidArgument, null));
            return NewsCacheLocation.File(CacheSession.ResolvePath(this, CachePath));
        }
        string? connectionString = ConnectionString;
        string from = "-ConnectionString";
        if (ConnectionStringVariable != null)
        {
            from = $"the environment variable {ConnectionStringVariable}";
            connectionString = Environment.GetEnvironmentVariable(ConnectionStringVariable);
            if (string.IsNullOrWhiteSpace(connectionString))
                ThrowTerminatingError(new ErrorRecord(new ArgumentException($"The environment variable '{ConnectionStringVariable}' is not set (or empty), so it gives no connection string."),
                    "ConnectionStringVariableNotSet", ErrorCategory.ObjectNotFound, ConnectionStringVariable));
        }
        else if (ConnectionStringSecret != null)
        {
            from = $"the secret {ConnectionStringSecret}";
            connectionString = ReadSecret(ConnectionStringSecret);
        }
        else if (ConnectionString != null && HoldsPassword(ConnectionString))
        {
            WriteWarning("The connection string holds a password, which stays in this session's command history (Get-History). " +
                         "Give the password with -Credential, or the connection string with -ConnectionStringVariable or -ConnectionStringSecret.");
        }
        if (connectionString == null)
        {
            if (Credential == null) return current.Location;
            if (!current.Location.IsServer)
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("-Credential is for a PostgreSQL server: give -ConnectionString (or -ConnectionStringVariable, -ConnectionStringSecret) too."),
                    "CredentialWithoutServer", ErrorCategory.InvalidArgument, null));
            return current.Location.WithCredential(Credential.GetNetworkCredential());
        }
        try
        {
            return NewsCacheLocation.Server(connectionString, Credential?.GetNetworkCredential());
        }
        catch (ArgumentException ex)
        {
            // The message names the string's keys, never its values.
            ThrowTerminatingError(new ErrorRecord(new ArgumentException($"The connection string from {from} cannot be used: {ex.Message}"), "InvalidConnectionString", ErrorCategory.InvalidArgument, null));
            throw; // not reached
        }
    }

    /// <summary>True when a connection string names a password (the value is never looked at beyond that).</summary>
    private static bool HoldsPassword(string connectionString) =>
        connectionString.Split(';').Any(part => part.Split('=', 2) is [var key, var value] && value.Trim().Length > 0 &&
            key.Trim() is var k && (k.Equals("Password", StringComparison.OrdinalIgnoreCase) || k.Equals("PWD", StringComparison.OrdinalIgnoreCase)));

    /// <summary>The connection string kept in a SecretManagement secret (a string or a SecureString), through Get-Secret.</summary>
    private string ReadSecret(string name)
    {
        var getSecret = InvokeCommand.GetCommand("Get-Secret", CommandTypes.Cmdlet | CommandTypes.Function | CommandTypes.Alias);
        if (getSecret == null)
            ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(
                    "-ConnectionStringSecret reads the secret with Get-Secret, which is not available: install and register a vault first " +
                    "(Install-PSResource Microsoft.PowerShell.SecretManagement, Microsoft.PowerShell.SecretStore; Register-SecretVault)."),
                "SecretManagementNotInstalled", ErrorCategory.NotInstalled, name));
        using var ps = PowerShell.Create(RunspaceMode.CurrentRunspace);
        ps.AddCommand(getSecret).AddParameter("Name", name);
        if (Vault != null) ps.AddParameter("Vault", Vault);
        object? value = null;
        string? problem = null;
        try
        {
            value = ps.Invoke().FirstOrDefault()?.BaseObject;
            if (ps.Streams.Error.Count > 0) problem = ps.Streams.Error[0].ToString();
        }
        catch (RuntimeException ex)
        {
            problem = ex.Message;
        }
        if (problem != null)
            ThrowTerminatingError(new ErrorRecord(new InvalidOperationException($"Get-Secret could not read the secret '{name}': {problem}"),
                "SecretNotFound", ErrorCategory.ObjectNotFound, name));
        string? text = value switch
        {
            string s => s,
            SecureString secure => new NetworkCredential("", secure).Password,
            _ => null,
        };
        if (string.IsNullOrWhiteSpace(text))
            ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(
                    $"The secret '{name}' {(value == null ? "was not found" : $"is a {value.GetType().Name}, not a connection string (a String or SecureString secret)")}."),
                "SecretNotFound", ErrorCategory.ObjectNotFound, name));
        return text!;
    }
}
