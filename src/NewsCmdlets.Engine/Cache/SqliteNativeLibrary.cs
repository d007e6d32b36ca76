using System.Reflection;
using System.Runtime.InteropServices;

namespace NewsCmdlets.Engine.Cache;

/// <summary>
/// Loads SQLite's native library (e_sqlite3, from the SQLitePCLRaw bundle) from the module's own
/// <c>runtimes/&lt;rid&gt;/native</c> folder. A host such as pwsh has no deps.json entry for it, so without this the
/// runtime looks only next to the assemblies and in the system's paths. The resolver is registered once per process;
/// when the module's copy cannot be found or loaded, the runtime's own probing (deps.json in applications and tests)
/// gets its turn, and when that fails too the error names every path tried. Only the cache depends on this.
/// </summary>
public static class SqliteNativeLibrary
{
    private const string LibraryName = "e_sqlite3";
    private static readonly object s_lock = new();
    private static readonly List<string> s_tried = new();
    private static bool s_resolverRegistered;
    private static bool s_initialized;
    private static IntPtr s_handle;
    private static string? s_loadedFrom;
    private static Exception? s_failure;

    /// <summary>The file the native library was loaded from, when known (null before the cache is first used).</summary>
    public static string? LoadedPath
    {
        get
        {
            lock (s_lock) return s_loadedFrom ?? FindLoadedInProcess();
        }
    }

    /// <summary>The runtime identifier whose native library this process needs, e.g. linux-x64, linux-musl-arm64, win-arm64.</summary>
    public static string RuntimeId { get; } = ComputeRuntimeId();

    /// <summary>File name of the native library on this platform.</summary>
    public static string FileName { get; } =
        OperatingSystem.IsWindows() ? "e_sqlite3.dll" : OperatingSystem.IsMacOS() || OperatingSystem.IsIOS() ? "libe_sqlite3.dylib" : "libe_sqlite3.so";

    /// <summary>Registers the resolver (once per process). Safe to call from a module initializer: nothing is loaded yet.</summary>
    public static void RegisterResolver()
    {
        lock (s_lock)
        {
            if (s_resolverRegistered) return;
            s_resolverRegistered = true;
            try
            {
                NativeLibrary.SetDllImportResolver(typeof(SQLitePCL.SQLite3Provider_e_sqlite3).Assembly, Resolve);
            }
            catch (InvalidOperationException)
            {
                // Another component registered a resolver for SQLitePCLRaw first; it is in charge then.
            }
        }
    }

    /// <summary>
    /// Registers the resolver and initialises SQLitePCLRaw, once. Throws <see cref="NewsCacheException"/>
    /// (<see cref="NewsCacheProblem.NativeLibraryUnavailable"/>) naming the paths tried when the library cannot be loaded.
    /// </summary>
    public static void EnsureInitialized()
    {
        RegisterResolver();
        lock (s_lock)
        {
            if (s_initialized) return;
            try
            {
                SQLitePCL.Batteries_V2.Init();
                s_initialized = true;
                s_failure = null;
            }
            catch (Exception ex) when (ex is DllNotFoundException or BadImageFormatException or EntryPointNotFoundException or TypeInitializationException or FileNotFoundException or FileLoadException)
            {
                s_failure = ex;
            }
            if (s_failure != null)
            {
                var tried = s_tried.Count > 0 ? s_tried : Candidates().ToList();
                throw new NewsCacheException(NewsCacheProblem.NativeLibraryUnavailable, null,
                    $"The cache needs SQLite's native library ({FileName} for {RuntimeId}), which could not be loaded: {s_failure.Message} " +
                    $"Paths tried: {string.Join(", ", tried.Distinct())}. Everything else in NewsCmdlets works without it. " +
                    $"Reinstall the module so that its bin/runtimes/{RuntimeId}/native folder is complete.", s_failure);
            }
        }
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int FileControl(IntPtr db, IntPtr databaseName, int op, ref int arg);

    private static FileControl? s_fileControl;
    private static bool s_fileControlLooked;

    /// <summary>SQLITE_FCNTL_HAS_MOVED: whether the file a connection opened is still the file at its path.</summary>
    private const int HasMovedOp = 20;

    /// <summary>
    /// True when the database file of <paramref name="db"/> was deleted or replaced since it was opened (SQLite's
    /// SQLITE_FCNTL_HAS_MOVED, answered by the Unix VFS from the file's inode); false when it was not; null when this
    /// platform's SQLite cannot tell (Windows, where an open file cannot be deleted).
    /// </summary>
    internal static bool? HasMoved(SQLitePCL.sqlite3 db)
    {
        FileControl? call;
        lock (s_lock)
        {
            if (!s_fileControlLooked)
            {
                s_fileControlLooked = true;
                IntPtr lib = s_handle;
                if (lib == IntPtr.Zero) NativeLibrary.TryLoad(LibraryName, typeof(SQLitePCL.SQLite3Provider_e_sqlite3).Assembly, null, out lib);
                if (lib != IntPtr.Zero && NativeLibrary.TryGetExport(lib, "sqlite3_file_control", out var fn))
                    s_fileControl = Marshal.GetDelegateForFunctionPointer<FileControl>(fn);
            }
            call = s_fileControl;
        }
        if (call == null || db.IsInvalid) return null;
        int moved = 0;
        int rc = call(db.DangerousGetHandle(), IntPtr.Zero, HasMovedOp, ref moved);
        return rc == 0 ? moved != 0 : null;
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (!string.Equals(name, LibraryName, StringComparison.Ordinal)) return IntPtr.Zero;
        lock (s_lock)
        {
            if (s_handle != IntPtr.Zero) return s_handle;
            foreach (var candidate in Candidates())
            {
                if (!s_tried.Contains(candidate)) s_tried.Add(candidate);
                if (File.Exists(candidate) && NativeLibrary.TryLoad(candidate, out var h))
                {
                    s_handle = h;
                    s_loadedFrom = candidate;
                    return h;
                }
            }
            // Not in the module's folders: let the runtime probe as it would (deps.json, next to the app, system paths).
            s_tried.Add($"the runtime's default probing for '{name}'");
            if (NativeLibrary.TryLoad(name, assembly, searchPath, out var fallback))
            {
                s_handle = fallback;
                return fallback;
            }
            return IntPtr.Zero;
        }
    }

    /// <summary>Where the module's copy may be: runtimes/&lt;rid&gt;/native beside the SQLitePCLRaw and engine assemblies, then beside them.</summary>
    internal static IEnumerable<string> Candidates()
    {
        var folders = new List<string>();
        foreach (var asm in new[] { typeof(SQLitePCL.SQLite3Provider_e_sqlite3).Assembly, typeof(SqliteNativeLibrary).Assembly })
        {
            string? dir = string.IsNullOrEmpty(asm.Location) ? null : Path.GetDirectoryName(asm.Location);
            if (dir != null && !folders.Contains(dir, StringComparer.Ordinal)) folders.Add(dir);
        }
        if (!folders.Contains(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar), StringComparer.Ordinal))
            folders.Add(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        foreach (var dir in folders)
            yield return Path.Combine(dir, "runtimes", RuntimeId, "native", FileName);
        foreach (var dir in folders)
            yield return Path.Combine(dir, FileName);
    }

    private static string ComputeRuntimeId()
    {
        string os = OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "macos" : OperatingSystem.IsLinux() ? "linux" : "";
        return os.Length == 0 ? RuntimeInformation.RuntimeIdentifier : RuntimeIdFor(os, RuntimeInformation.ProcessArchitecture, os == "linux" && IsMusl());
    }

    /// <summary>The runtimes/&lt;rid&gt; folder name for an operating system ("windows", "macos", "linux"), a processor
    /// and, on Linux, the C library (musl or glibc): the folders the SQLitePCLRaw packages ship.</summary>
    internal static string RuntimeIdFor(string os, Architecture architecture, bool musl)
    {
        string arch = architecture switch
        {
            Architecture.X64 => "x64",
            Architecture.X86 => "x86",
            Architecture.Arm64 => "arm64",
            Architecture.Arm => "arm",
            Architecture.Armv6 => "armel",
            Architecture.S390x => "s390x",
            Architecture.Ppc64le => "ppc64le",
            Architecture.LoongArch64 => "loongarch64",
            var other => other.ToString().ToLowerInvariant(),
        };
        return os switch
        {
            "windows" => "win-" + arch,
            "macos" => "osx-" + arch,
            _ => (musl ? "linux-musl-" : "linux-") + arch,
        };
    }

    private static bool IsMusl()
    {
        // A musl build of .NET says so in its own RID; otherwise the musl dynamic loader's presence tells (Alpine).
        if (RuntimeInformation.RuntimeIdentifier.Contains("musl", StringComparison.OrdinalIgnoreCase)) return true;
        try
        {
            return Directory.Exists("/lib") && Directory.EnumerateFiles("/lib", "ld-musl-*.so.1").Any()
                   && !File.Exists("/lib64/ld-linux-x86-64.so.2") && !File.Exists("/lib/ld-linux-aarch64.so.1");
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }

    private static string? FindLoadedInProcess()
    {
        // Loaded by the runtime's own probing: on Linux the process's memory map names the file.
        if (!s_initialized || !OperatingSystem.IsLinux()) return null;
        try
        {
            foreach (var line in File.ReadLines("/proc/self/maps"))
            {
                int i = line.IndexOf('/');
                if (i >= 0 && line.EndsWith(FileName, StringComparison.Ordinal)) return line[i..];
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return null;
    }
}
