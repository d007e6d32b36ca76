using System.Diagnostics;
using System.Text;
using static NewsCmdlets.PowerShell.Tests.PowerShellRunner;

namespace NewsCmdlets.PowerShell.Tests;

/// <summary>
/// The cache as a real user's process gets it: the module folder copied elsewhere and imported by a host that references
/// only System.Management.Automation (so SQLite's native library must come from the module's own runtimes/ folder), and
/// several such processes writing one cache file at once, or being killed in the middle of an import.
/// These scripts drive the engine's cache API (public types of the imported module), so they do not depend on which
/// cmdlets the manifest exports; CacheTests covers the cmdlets.
/// </summary>
public sealed class CacheOutOfProcessTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("newscmdlets-cache-oop-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private static ProcessStartInfo HostStart(string script) => PlainHost.StartInfo(script);

    private static (int ExitCode, string Stdout, string Stderr) Wait(Process p) => PlainHost.Wait(p);

    private string CopyModule() => PlainHost.CopyModule(_dir);

    private string MakeArticles(string name, int count) => MakeArticles(_dir, name, count);

    /// <summary>
    /// Writes <paramref name="count"/> distinct small article files into a new folder <paramref name="name"/> under
    /// <paramref name="root"/>, last written five minutes ago (so a file is never "changed while read").
    /// </summary>
    internal static string MakeArticles(string root, string name, int count)
    {
        string dir = Path.Combine(root, name);
        Directory.CreateDirectory(dir);
        for (int i = 0; i < count; i++)
        {
            string path = Path.Combine(dir, $"{name}-{i:D4}.txt");
            File.WriteAllText(path,
                $"date 2026-03-{i % 28 + 1:D2} {name} reports story number {i} on the ferry strike\n\n" +
                $"Ferry crews in {name} walked out on day {i}, stranding island commuters for the {i}th time this year, the union said.\n\n" +
                $"The operator said talks would resume, and that story {i} of {name} was not the last.\n");
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-5));
        }
        return dir;
    }

    /// <summary>
    /// Imports the module; then makes its engine's types nameable in the script (PowerShell finds types only in loaded
    /// assemblies, and the engine loads when a cmdlet first needs it) from the same folder, so nothing else can answer.
    /// </summary>
    private static string LoadEngine(string module) =>
        $"Import-Module {Quote(module)} -ErrorAction Stop; " +
        $"$null = [System.Reflection.Assembly]::LoadFrom({Quote(Path.Combine(module, "bin", "NewsCmdlets.Engine.dll"))}); ";

    /// <summary>A script that imports every *.txt in a folder through the cache, committing every <paramref name="batch"/> files.</summary>
    private static string ImportScript(string module, string db, string folder, int batch, bool reportCommits = false) =>
        LoadEngine(module) +
        $"$cache = [NewsCmdlets.Engine.Cache.NewsCache]::Open({Quote(db)}, $null); " +
        $"$reader = [NewsCmdlets.Engine.Cache.CachedArticleReader]::new($cache, {batch}); " +
        "$options = [NewsCmdlets.Engine.Ingest.ArticleReadOptions]::new(); $n = 0; " +
        $"$files = [System.IO.Directory]::GetFiles({Quote(folder)}, '*.txt'); [Array]::Sort($files, [StringComparer]::OrdinalIgnoreCase); " +
        "foreach ($f in $files) { " +
        "  $null = $reader.ReadFile($f, $options, [System.Threading.CancellationToken]::None); $n++; " +
        (reportCommits ? $"  if ($n % {batch} -eq 0) {{ $reader.Flush(); [Console]::Out.WriteLine(\"committed $n\"); [Console]::Out.Flush() }} " : "") +
        "} " +
        "$reader.Flush(); $info = $cache.GetInfo(); $cache.Dispose(); " +
        "\"native: $($info.NativeLibrary)\"; \"articles: $($info.Articles)\"; \"sqlite: $($info.SqliteVersion)\"; \"journal: $($info.JournalMode)\"";

    private static string CheckScript(string module, string db) =>
        LoadEngine(module) +
        $"$cache = [NewsCmdlets.Engine.Cache.NewsCache]::Open({Quote(db)}, $null); " +
        "\"integrity: $($cache.CheckIntegrity())\"; \"articles: $($cache.GetInfo().Articles)\"; " +
        "$q = [NewsCmdlets.Engine.Cache.NewsArticleQuery]::new(); foreach ($a in $cache.Query($q)) { \"source: $($a.Source)\" }; $cache.Dispose()";

    [Fact]
    public void A_plain_host_loads_SQLite_from_the_copied_module_folder()
    {
        string module = CopyModule();
        string db = Path.Combine(_dir, "data", "cache.db");
        var (code, stdout, stderr) = Wait(Process.Start(HostStart(ImportScript(module, db, Repo.Samples, 100)))!);
        Assert.True(code == 0, $"exit {code}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        string native = stdout.Split('\n').Single(l => l.StartsWith("native: ", StringComparison.Ordinal))["native: ".Length..].Trim();
        Assert.StartsWith(Path.Combine(module, "bin", "runtimes") + Path.DirectorySeparatorChar, native);
        Assert.Contains(Path.Combine("native", OperatingSystem.IsWindows() ? "e_sqlite3.dll" : OperatingSystem.IsMacOS() ? "libe_sqlite3.dylib" : "libe_sqlite3.so"), native);
        Assert.Contains("articles: 4", stdout);          // the four .txt samples
        Assert.Contains("journal: wal", stdout);
        Assert.Matches(@"sqlite: 3\.\d+", stdout);
    }

    [Fact]
    public void Without_its_native_library_only_the_cache_fails_and_the_error_names_the_paths_tried()
    {
        string module = CopyModule();
        string rid = Directory.GetDirectories(Path.Combine(module, "bin", "runtimes"))
            .Select(Path.GetFileName).Single(r => File.Exists(Path.Combine(module, "bin", "runtimes", r!, "native", NativeFileName)) && IsThisPlatform(r!))!;
        string native = Path.Combine(module, "bin", "runtimes", rid, "native", NativeFileName);
        File.Delete(native);
        string sample = Path.Combine(Repo.Samples, "lakeside-daily-ferry-strike.txt");
        var (code, stdout, stderr) = Wait(Process.Start(HostStart(
            LoadEngine(module) +
            $"\"imported: $((Import-NewsArticle {Quote(sample)}).Outlet)\"; " +
            $"try {{ $null = [NewsCmdlets.Engine.Cache.NewsCache]::Open({Quote(Path.Combine(_dir, "c.db"))}, $null); 'opened' }} " +
            "catch { \"cache error: $($_.Exception.InnerException.GetType().Name): $($_.Exception.InnerException.Message)\" }"))!);
        Assert.True(code == 0, $"exit {code}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        Assert.Contains("imported: Lakeside Daily", stdout);           // the rest of the module is unaffected
        Assert.Contains("cache error: NewsCacheException:", stdout);
        Assert.Contains(native, stdout);                                // the module's own path, which was tried
        Assert.Contains("Paths tried", stdout);
        Assert.DoesNotContain("opened", stdout);
    }

    private static string NativeFileName => OperatingSystem.IsWindows() ? "e_sqlite3.dll" : OperatingSystem.IsMacOS() ? "libe_sqlite3.dylib" : "libe_sqlite3.so";

    private static bool IsThisPlatform(string rid)
    {
        string arch = System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        string os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : File.Exists("/etc/alpine-release") ? "linux-musl" : "linux";
        return rid == $"{os}-{arch}";
    }

    [Fact]
    public void The_module_folder_ships_the_native_library_for_every_supported_platform()
    {
        foreach (var rid in new[] { "linux-x64", "linux-arm64", "linux-musl-x64", "linux-musl-arm64", "osx-x64", "osx-arm64", "win-x64", "win-arm64" })
        {
            string file = rid.StartsWith("win", StringComparison.Ordinal) ? "e_sqlite3.dll" : rid.StartsWith("osx", StringComparison.Ordinal) ? "libe_sqlite3.dylib" : "libe_sqlite3.so";
            string path = Path.Combine(Repo.ModuleFolder, "bin", "runtimes", rid, "native", file);
            Assert.True(File.Exists(path), $"missing {path}");
            // And it is a library for that platform: the file format and the processor its header names.
            Assert.Equal(rid[(rid.LastIndexOf('-') + 1)..] + "/" + (rid.StartsWith("win", StringComparison.Ordinal) ? "pe" : rid.StartsWith("osx", StringComparison.Ordinal) ? "macho" : "elf"), BinaryKind(path));
        }
    }

    /// <summary>"x64/elf", "arm64/macho", "arm64/pe" … from a native library's header.</summary>
    private static string BinaryKind(string path)
    {
        var b = File.ReadAllBytes(path);
        if (b.Length > 20 && b[0] == 0x7F && b[1] == 'E' && b[2] == 'L' && b[3] == 'F')
        {
            int machine = b[18] | b[19] << 8; // e_machine, little-endian
            return (machine switch { 0x3E => "x64", 0xB7 => "arm64", 0x28 => "arm", 0x03 => "x86", _ => "0x" + machine.ToString("x") }) + "/elf";
        }
        if (b.Length > 8 && BitConverter.ToUInt32(b, 0) == 0xFEEDFACF)
        {
            uint cpu = BitConverter.ToUInt32(b, 4);
            return (cpu switch { 0x01000007 => "x64", 0x0100000C => "arm64", _ => "0x" + cpu.ToString("x") }) + "/macho";
        }
        if (b.Length > 0x40 && b[0] == 'M' && b[1] == 'Z')
        {
            int pe = BitConverter.ToInt32(b, 0x3C);
            int machine = BitConverter.ToUInt16(b, pe + 4);
            return (machine switch { 0x8664 => "x64", 0xAA64 => "arm64", 0x14C => "x86", _ => "0x" + machine.ToString("x") }) + "/pe";
        }
        return "unknown";
    }

    [Fact]
    public void Two_processes_importing_into_one_file_at_once_lose_nothing()
    {
        string module = CopyModule();
        string db = Path.Combine(_dir, "shared.db");
        string a = MakeArticles("alpha", 300), b = MakeArticles("beta", 300);
        using var p1 = Process.Start(HostStart(ImportScript(module, db, a, 20)))!;
        using var p2 = Process.Start(HostStart(ImportScript(module, db, b, 20)))!;
        var r1 = Wait(p1);
        var r2 = Wait(p2);
        Assert.True(r1.ExitCode == 0, $"first: exit {r1.ExitCode}\n{r1.Stdout}\n{r1.Stderr}");
        Assert.True(r2.ExitCode == 0, $"second: exit {r2.ExitCode}\n{r2.Stdout}\n{r2.Stderr}");
        var check = Wait(Process.Start(HostStart(CheckScript(module, db)))!);
        Assert.True(check.ExitCode == 0, check.Stderr);
        Assert.Contains("integrity: ok", check.Stdout);
        Assert.Contains("articles: 600", check.Stdout);
        var sources = check.Stdout.Split('\n').Where(l => l.StartsWith("source: ", StringComparison.Ordinal)).Select(l => Path.GetFileName(l.Trim())).ToHashSet();
        foreach (var f in Directory.GetFiles(a).Concat(Directory.GetFiles(b)))
            Assert.Contains(Path.GetFileName(f), sources);
    }

    [Fact]
    public async Task A_process_killed_in_the_middle_of_an_import_leaves_a_valid_file_with_every_committed_article()
    {
        string module = CopyModule();
        string db = Path.Combine(_dir, "killed.db");
        string folder = MakeArticles("gamma", 3000);
        var psi = HostStart(ImportScript(module, db, folder, 10, reportCommits: true));
        using var p = Process.Start(psi)!;
        int committed = 0;
        var stderr = p.StandardError.ReadToEndAsync();
        var clock = Stopwatch.StartNew();
        while (committed < 200 && clock.Elapsed < TimeSpan.FromSeconds(150))
        {
            string? line = p.StandardOutput.ReadLine();
            if (line == null) break;
            if (line.StartsWith("committed ", StringComparison.Ordinal)) committed = int.Parse(line["committed ".Length..]);
        }
        if (committed < 200)
            Assert.Fail($"the import did not get far enough before the kill ({committed}); stderr: {(p.HasExited ? await stderr : "")}");
        p.Kill(entireProcessTree: true); // mid-import: it is reading and writing the next batches
        p.WaitForExit(30_000);
        Assert.False(File.Exists(db + "-journal"));

        var check = Wait(Process.Start(HostStart(CheckScript(module, db)))!);
        Assert.True(check.ExitCode == 0, check.Stderr);
        Assert.Contains("integrity: ok", check.Stdout);
        var sources = check.Stdout.Split('\n').Where(l => l.StartsWith("source: ", StringComparison.Ordinal)).Select(l => Path.GetFileName(l.Trim())).ToHashSet();
        var files = Directory.GetFiles(folder, "*.txt").OrderBy(f => f, StringComparer.OrdinalIgnoreCase).ToList();
        Assert.True(sources.Count >= committed, $"{sources.Count} articles kept, {committed} reported committed");
        Assert.True(sources.Count < files.Count, "the process finished before it was killed: the test proved nothing");
        foreach (var f in files.Take(committed))
            Assert.Contains(Path.GetFileName(f), sources);
    }
}
