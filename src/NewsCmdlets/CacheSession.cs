using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using NewsCmdlets.Engine.Cache;

namespace NewsCmdlets;

/// <summary>
/// The session's cache settings, as Set-NewsCacheConfiguration leaves them (one per runspace): an SQLite file (the
/// default) or a PostgreSQL database. Nothing here shows a password: the connection string stays inside.
/// </summary>
public sealed class NewsCacheConfiguration
{
    private readonly NewsCacheLocation? _location;

    /// <summary>The cache file the session uses, or its server as postgresql://user@host:port/database.</summary>
    public string Path { get; init; } = NewsCache.DefaultPath;

    /// <summary>True when cmdlets that read or compute use the cache without -Cache.</summary>
    public bool Enabled { get; init; }

    /// <summary>"SQLite" (a file) or "PostgreSQL" (a server).</summary>
    public string Store => Location.IsServer ? "PostgreSQL" : "SQLite";

    /// <summary>True when Path is the platform's per-user default.</summary>
    public bool IsDefaultPath => !Location.IsServer && string.Equals(Path, NewsCache.DefaultPath, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    /// <summary>Where the cache is (for a server, with its connection string and credential).</summary>
    internal NewsCacheLocation Location
    {
        get => _location ?? NewsCacheLocation.File(Path);
        init
        {
            _location = value;
            Path = value.Display;
        }
    }

    public override string ToString() => Path;
}

/// <summary>
/// Per-runspace cache settings and the one way cmdlets open the cache: paths resolved through the provider, every
/// <see cref="NewsCacheException"/> turned into a terminating error with its own ErrorId (an unusable cache stops the
/// call; nothing else in the module is affected).
/// </summary>
internal static class CacheSession
{
    private static readonly ConditionalWeakTable<Runspace, NewsCacheConfiguration> s_settings = new();
    private static NewsCacheConfiguration s_noRunspace = new();

    public static NewsCacheConfiguration Get()
    {
        var rs = Runspace.DefaultRunspace;
        if (rs == null) return s_noRunspace;
        return s_settings.TryGetValue(rs, out var c) ? c : new NewsCacheConfiguration();
    }

    public static void Set(NewsCacheConfiguration configuration)
    {
        var rs = Runspace.DefaultRunspace;
        if (rs == null) s_noRunspace = configuration;
        else s_settings.AddOrUpdate(rs, configuration);
    }

    /// <summary>True when the call should use the cache: -Cache given, or enabled for the session.</summary>
    public static bool IsWanted(PSCmdlet cmdlet, SwitchParameter cacheSwitch) =>
        cmdlet.MyInvocation.BoundParameters.ContainsKey("Cache") ? cacheSwitch.IsPresent : Get().Enabled;

    /// <summary>The cache file: <paramref name="explicitPath"/> resolved against the current location, or the session's.</summary>
    public static string ResolvePath(PSCmdlet cmdlet, string? explicitPath)
    {
        if (string.IsNullOrEmpty(explicitPath)) return Get().Path;
        try
        {
            string resolved = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(explicitPath, out var provider, out _);
            if (provider.ImplementingType != typeof(Microsoft.PowerShell.Commands.FileSystemProvider))
                throw new ArgumentException($"The cache path '{explicitPath}' is on the {provider.Name} provider; the cache is a file on the file system.");
            return resolved;
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            cmdlet.ThrowTerminatingError(new ErrorRecord(ex, "InvalidCachePath", ErrorCategory.InvalidArgument, explicitPath));
            throw; // not reached
        }
    }

    /// <summary>The cache: a file given with -CachePath (resolved against the current location), or the session's.</summary>
    public static NewsCacheLocation ResolveLocation(PSCmdlet cmdlet, string? explicitPath) =>
        string.IsNullOrEmpty(explicitPath) ? Get().Location : NewsCacheLocation.File(ResolvePath(cmdlet, explicitPath));

    /// <summary>Opens the cache (a file or a server) or stops the call with a terminating error that says what to do.</summary>
    public static NewsCache Open(PSCmdlet cmdlet, NewsCacheLocation location, bool readOnly = false, bool mustExist = false)
    {
        if (!location.IsServer) return Open(cmdlet, location.Path!, readOnly, mustExist);
        try
        {
            return NewsCache.Open(location, new NewsCacheOptions { ReadOnly = readOnly });
        }
        catch (NewsCacheException ex)
        {
            cmdlet.ThrowTerminatingError(ToErrorRecord(ex, location.Display));
            throw; // not reached
        }
    }

    /// <summary>Opens the cache file or stops the call with a terminating error that says what to do.</summary>
    public static NewsCache Open(PSCmdlet cmdlet, string path, bool readOnly = false, bool mustExist = false)
    {
        if (mustExist && !File.Exists(path))
        {
            cmdlet.ThrowTerminatingError(new ErrorRecord(
                new FileNotFoundException($"There is no cache file at '{path}'. Import articles with Import-NewsArticle -Cache (or after Set-NewsCacheConfiguration -Enabled) to create it, or give another file with -CachePath.", path),
                "CacheNotFound", ErrorCategory.ObjectNotFound, path));
        }
        try
        {
            return NewsCache.Open(path, new NewsCacheOptions { ReadOnly = readOnly });
        }
        catch (NewsCacheException ex)
        {
            cmdlet.ThrowTerminatingError(ToErrorRecord(ex, path));
            throw; // not reached
        }
    }

    /// <summary>
    /// For cmdlets that read articles (Import-NewsArticle): a reader through the session's cache file when -Cache is
    /// given or the session enabled the cache, else null. Dispose it in EndProcessing (it commits the last batch and
    /// closes the file). An unusable cache stops the call with a terminating error.
    /// </summary>
    public static CachedArticleReader? OpenReader(PSCmdlet cmdlet, SwitchParameter cacheSwitch)
    {
        if (!IsWanted(cmdlet, cacheSwitch)) return null;
        var cache = Open(cmdlet, Get().Location);
        WarnIfReadOnly(cmdlet, cache, "inputs that are unchanged are taken from it, but nothing new is stored in it");
        return new CachedArticleReader(cache) { OwnsCache = true };
    }

    private static void WarnIfReadOnly(PSCmdlet cmdlet, NewsCache cache, string consequence)
    {
        if (cache.IsReadOnly)
            cmdlet.WriteWarning(cache.IsServer
                ? $"The cache '{cache.Path}' is read-only: {consequence}."
                : $"The cache file '{cache.Path}' is read-only (the file or its folder cannot be written): {consequence}. " +
                  "Make it writable, or use another cache file with Set-NewsCacheConfiguration -CachePath.");
    }

    /// <summary>
    /// Reports, once, a batch that could not be stored (a full disk, a file made read-only) as a non-terminating error:
    /// the command goes on with its work, without storing.
    /// </summary>
    public static void ReportUnstored(PSCmdlet cmdlet, UnstoredWrites unstored)
    {
        if (unstored.TakeNewFailure() is not { } ex) return;
        var wrapped = new NewsCacheException(ex.Problem, ex.CachePath,
            $"{ex.Message} The command goes on without storing what it reads or computes in the cache.", ex);
        cmdlet.WriteError(ToErrorRecord(wrapped, ex.CachePath));
    }

    /// <summary>At the end of a call: a warning with how many items were not stored, when any were.</summary>
    public static void WarnUnstored(PSCmdlet cmdlet, UnstoredWrites unstored, string items, string path)
    {
        if (unstored.Count > 0)
            cmdlet.WriteWarning($"{unstored.Count:N0} {items} of this call were not stored in the cache '{path}'.");
    }

    /// <summary>
    /// For cmdlets that analyse articles (Get-NewsEntity, Get-NewsQuote): analyses kept in the session's cache file
    /// when -Cache is given or the session enabled the cache, else null. Close it with <see cref="CloseAnalyses"/>.
    /// </summary>
    public static CachedAnalyses? OpenAnalyses(PSCmdlet cmdlet, SwitchParameter cacheSwitch)
    {
        if (!IsWanted(cmdlet, cacheSwitch)) return null;
        var cache = Open(cmdlet, Get().Location);
        WarnIfReadOnly(cmdlet, cache, "analyses kept in it are reused, but new ones are not stored");
        return new CachedAnalyses(cache) { OwnsCache = true };
    }

    /// <summary>
    /// Commits the last analyses and closes the cache, saying how many were reused. With <paramref name="cmdlet"/> null
    /// (the pipeline was stopped or failed) problems are swallowed: every committed batch is kept.
    /// </summary>
    public static void CloseAnalyses(PSCmdlet? cmdlet, ref CachedAnalyses? analyses)
    {
        var a = analyses;
        analyses = null;
        if (a == null) return;
        if (cmdlet == null)
        {
            try { a.Dispose(); } catch (NewsCacheException) { }
            return;
        }
        try
        {
            a.Dispose();
        }
        catch (NewsCacheException ex)
        {
            cmdlet.ThrowTerminatingError(ToErrorRecord(ex, a.Cache.Path));
        }
        ReportUnstored(cmdlet, a);
        WarnUnstored(cmdlet, a.Unstored, "analyses", a.Cache.Path);
        cmdlet.WriteVerbose($"Reused {a.Reused} cached analyses; computed {a.Computed} (cache '{a.Cache.Path}').");
    }

    /// <summary>
    /// One non-terminating error per article that was read but not stored because the cache's server did not answer
    /// (CacheServerUnavailable, the input as its target): the pipeline goes on, or stops, as -ErrorAction says.
    /// </summary>
    public static void ReportUnstored(PSCmdlet cmdlet, CachedArticleReader? reader)
    {
        if (reader == null) return;
        ReportUnstored(cmdlet, reader.Unstored);
        foreach (var u in reader.TakeUnstored())
        {
            var ex = new NewsCacheException(u.Reason.Problem, u.Reason.CachePath,
                $"'{u.Location}' was read{(string.IsNullOrEmpty(u.Title) ? "" : $" (\"{u.Title}\")")} but not stored in the cache: {u.Reason.Message}", u.Reason);
            cmdlet.WriteError(ToErrorRecord(ex, u.Location));
        }
    }

    /// <summary>
    /// Keeps an analysis just computed in the cache (<paramref name="store"/>), as <see cref="Try{T}"/> does, then reports
    /// a batch that could not be stored (<see cref="ReportUnstored(PSCmdlet, UnstoredWrites)"/>). Called on the pipeline thread, in input order.
    /// </summary>
    public static void StoreAnalysis<T>(PSCmdlet cmdlet, CachedAnalyses analyses, Action<T> store, T result) where T : class
    {
        Try(cmdlet, analyses.Cache, () => { store(result); return result; });
        ReportUnstored(cmdlet, analyses);
    }

    /// <summary>
    /// Reports a batch of analyses that could not be stored (once, <see cref="ReportUnstored(PSCmdlet, UnstoredWrites)"/>),
    /// then one non-terminating error per analysis computed without the cache because its server did not answer
    /// (CacheServerUnavailable, the article's source as its target): the pipeline goes on, or stops, as -ErrorAction
    /// says, and a later item connects again once the server answers.
    /// </summary>
    public static void ReportUnstored(PSCmdlet cmdlet, CachedAnalyses analyses)
    {
        ReportUnstored(cmdlet, analyses.Unstored);
        foreach (var u in analyses.TakeUnstored())
        {
            var ex = new NewsCacheException(u.Reason.Problem, u.Reason.CachePath,
                $"The {u.Kind} of '{u.Location}'{(string.IsNullOrEmpty(u.Title) ? "" : $" (\"{u.Title}\")")} were computed without the cache and not stored in it: {u.Reason.Message}", u.Reason);
            cmdlet.WriteError(ToErrorRecord(ex, u.Location));
        }
    }

    /// <summary>Runs a cache read or write; an unusable cache stops the call with a terminating error.</summary>
    public static T? Try<T>(PSCmdlet cmdlet, NewsCache cache, Func<T?> work) where T : class
    {
        try
        {
            return work();
        }
        catch (NewsCacheException ex)
        {
            cmdlet.ThrowTerminatingError(ToErrorRecord(ex, cache.Path));
            return null; // not reached
        }
    }

    public static ErrorRecord ToErrorRecord(NewsCacheException ex, object? target)
    {
        var (id, category) = ex.Problem switch
        {
            NewsCacheProblem.NativeLibraryUnavailable => ("CacheNativeLibraryUnavailable", ErrorCategory.NotInstalled),
            NewsCacheProblem.NotACache => ("CacheFileInvalid", ErrorCategory.InvalidData),
            NewsCacheProblem.ReadOnly => ("CacheReadOnly", ErrorCategory.PermissionDenied),
            NewsCacheProblem.NewerSchema => ("CacheSchemaTooNew", ErrorCategory.InvalidData),
            NewsCacheProblem.InvalidQuery => ("InvalidFullTextQuery", ErrorCategory.InvalidArgument),
            NewsCacheProblem.ServerUnavailable => ("CacheServerUnavailable", ErrorCategory.ConnectionError),
            NewsCacheProblem.Full => ("CacheFull", ErrorCategory.WriteError),
            NewsCacheProblem.Replaced => ("CacheReplaced", ErrorCategory.ResourceUnavailable),
            _ => ("CacheUnavailable", ErrorCategory.OpenError),
        };
        return new ErrorRecord(ex, id, category, target ?? ex.CachePath);
    }
}
