using static NewsCmdlets.PowerShell.Tests.PowerShellRunner;

namespace NewsCmdlets.PowerShell.Tests;

/// <summary>
/// The module as a real user gets it: the built module folder, copied somewhere else, imported by a host process that
/// references only System.Management.Automation (NewsCmdlets.TestHost). That host has no deps.json entries for the
/// module's assemblies, so a missing or unresolvable dependency fails here even when the in-process tests pass. And
/// the same copy imported by name in the real pwsh (<see cref="ExternalTools.Pwsh"/>).
/// </summary>
public sealed class OutOfProcessTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("newscmdlets-oop-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private static (int ExitCode, string Stdout, string Stderr) RunHost(string script) => PlainHost.Run(script);

    [Fact]
    public void Copied_module_folder_imports_and_runs_a_pipeline_in_a_plain_host()
    {
        string module = PlainHost.CopyModule(_dir);
        string samples = Path.Combine(Repo.Samples, "*.txt");
        var (code, stdout, stderr) = RunHost(
            $"Import-Module {Quote(module)} -ErrorAction Stop; " +
            $"$a = Import-NewsArticle {Quote(samples)} | Where-Object Agency -eq 'Northsea Press Agency'; " +
            "$a; \"wire copies: $($a.Count)\"; (Get-Module NewsCmdlets).ModuleBase");
        Assert.True(code == 0, $"exit {code}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        Assert.Contains("wire copies: 2", stdout);
        Assert.Contains("Island cut off as ferry workers strike over pay", stdout);
        Assert.Contains("Valley Evening Post", stdout);
        Assert.Contains(module, stdout);
        Assert.DoesNotContain("ERROR", stderr);
    }

    [Fact]
    public void Errors_in_a_plain_host_carry_their_ErrorId()
    {
        var (code, _, stderr) = RunHost($"Import-Module {Quote(Repo.ModuleFolder)}; Import-NewsArticle {Quote(Path.Combine(_dir, "missing.txt"))}");
        Assert.Equal(1, code);
        Assert.Contains("ERROR PathNotFound,NewsCmdlets.Commands.ImportNewsArticleCommand ObjectNotFound", stderr);
    }

    [PwshFact]
    public void Copied_module_folder_imports_by_name_and_runs_a_pipeline_in_the_real_pwsh()
    {
        string pwsh = ExternalTools.Require(ExternalTools.Pwsh, "pwsh", ExternalTools.PwshHow);
        string module = PlainHost.CopyModule(_dir);
        var psi = new System.Diagnostics.ProcessStartInfo(pwsh) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-NoProfile", "-NonInteractive", "-Command",
                     $"Import-Module NewsCmdlets -ErrorAction Stop; (Get-Module NewsCmdlets).ModuleBase; " +
                     $"Get-ChildItem {Quote(Repo.Samples)} -Filter *.txt | Import-NewsArticle | Where-Object Agency | Group-Object Agency | " +
                     "ForEach-Object { '{0}: {1}' -f $_.Name, (($_.Group.Outlet | Sort-Object) -join ', ') }; " +
                     $"Import-NewsArticle {Quote(Path.Combine(_dir, "missing.txt"))} -ErrorVariable e -ErrorAction SilentlyContinue; 'error: ' + $e[0].FullyQualifiedErrorId; " +
                     "$PSVersionTable.PSVersion.ToString()" })
            psi.ArgumentList.Add(a);
        psi.Environment["PSModulePath"] = Path.GetDirectoryName(module)!;
        psi.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["NO_COLOR"] = "1";
        using var p = System.Diagnostics.Process.Start(psi)!;
        var (code, stdout, stderr) = PlainHost.Wait(p);
        Assert.True(code == 0, $"exit {code}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        Assert.Contains(module, stdout);
        Assert.Contains("Northsea Press Agency: Lakeside Daily, Valley Evening Post", stdout);
        Assert.Matches(@"(?m)^7\.\d+\.\d+", stdout);
        Assert.Contains("error: PathNotFound,NewsCmdlets.Commands.ImportNewsArticleCommand", stdout);
        Assert.True(stderr.Trim().Length == 0, stderr);
    }

    [Fact]
    public void Tests_that_need_pwsh_or_Chromium_are_skipped_with_a_reason_where_missing_and_fail_in_CI()
    {
        // They used to pass when the program was missing (outside CI): a test that cannot fail.
        Assert.NotNull(ExternalTools.SkipReason(null, inCI: false, "pwsh", ExternalTools.PwshHow));
        Assert.Null(ExternalTools.SkipReason(null, inCI: true, "pwsh", ExternalTools.PwshHow));
        Assert.Null(ExternalTools.SkipReason("/usr/bin/pwsh", inCI: false, "pwsh", ExternalTools.PwshHow));
        Assert.Throws<Xunit.Sdk.FailException>(() => ExternalTools.Require(null, "Chromium", ExternalTools.ChromiumHow));
        foreach (var (type, method, attribute) in new[]
                 {
                     (typeof(CoverageReportTests), nameof(CoverageReportTests.Chromium_renders_the_report_and_its_script_runs_without_errors), typeof(ChromiumFactAttribute)),
                     (typeof(OutOfProcessTests), nameof(Copied_module_folder_imports_by_name_and_runs_a_pipeline_in_the_real_pwsh), typeof(PwshFactAttribute)),
                 })
            Assert.NotNull(type.GetMethod(method)!.GetCustomAttributes(attribute, false).SingleOrDefault());
    }
}
