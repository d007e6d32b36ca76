using static NewsCmdlets.PowerShell.Tests.PowerShellRunner;

namespace NewsCmdlets.PowerShell.Tests;

/// <summary>
/// The module as a real user gets it: the built module folder, copied somewhere else, imported by a host process that
/// references only System.Management.Automation (NewsCmdlets.TestHost). That host has no deps.json entries for the
/// module's assemblies, so a missing or unresolvable dependency fails here even when the in-process tests pass.
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
}
