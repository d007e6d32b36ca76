namespace NewsCmdlets.PowerShell.Tests;

/// <summary>
/// Programs some tests need beside .NET: the real pwsh (the module as users run it) and headless Chromium (the
/// coverage report rendered). A test that needs one is a <see cref="PwshFactAttribute"/> or
/// <see cref="ChromiumFactAttribute"/>: where the program is missing it is reported as skipped, with the reason,
/// never passed; with CI set it is never skipped, so it fails (.ci/run and build.ps1 -Task Test provide both).
/// </summary>
public static class ExternalTools
{
    public static bool InCI => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    /// <summary>NEWSCMDLETS_PWSH (build.ps1 -Task Test sets it to the pwsh running it), else ./.tools/pwsh (where .ci/run
    /// installs it), else pwsh on PATH.</summary>
    public static readonly string? Pwsh = FirstExisting(
        Environment.GetEnvironmentVariable("NEWSCMDLETS_PWSH"),
        Path.Combine(Repo.Root, ".tools", "pwsh", OperatingSystem.IsWindows() ? "pwsh.exe" : "pwsh"),
        OnPath(OperatingSystem.IsWindows() ? "pwsh.exe" : "pwsh"));

    public static readonly string? Chromium = FirstExisting(
        "/usr/bin/chromium", OnPath("chromium"), OnPath("chromium-browser"), OnPath("google-chrome"), OnPath("google-chrome-stable"));

    /// <summary>Why a test needing <paramref name="what"/> is skipped, or null when it runs (found, or in CI).</summary>
    public static string? SkipReason(string? found, bool inCI, string what, string how) =>
        found != null || inCI ? null : $"{what} is not installed here ({how}); this test did not run.";

    /// <summary>The program's path; a failure saying how to get it when it is missing (in CI).</summary>
    public static string Require(string? found, string what, string how)
    {
        if (found == null) Assert.Fail($"{what} is not installed ({how}).");
        return found;
    }

    internal const string PwshHow = "./build.ps1 -Task Test runs the tests under its own pwsh; .ci/run installs it with dotnet tool install PowerShell --version 7.6.10 --tool-path .tools/pwsh";
    internal const string ChromiumHow = "Debian's chromium package: apt-get install chromium, as .ci/run does";

    private static string? FirstExisting(params string?[] paths) => paths.FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p));

    private static string? OnPath(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}

/// <summary>A test that runs the real pwsh (<see cref="ExternalTools.Pwsh"/>).</summary>
public sealed class PwshFactAttribute : FactAttribute
{
    public PwshFactAttribute() => Skip = ExternalTools.SkipReason(ExternalTools.Pwsh, ExternalTools.InCI, "pwsh", ExternalTools.PwshHow);
}

/// <summary>A test that runs headless Chromium (<see cref="ExternalTools.Chromium"/>).</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute() => Skip = ExternalTools.SkipReason(ExternalTools.Chromium, ExternalTools.InCI, "Chromium", ExternalTools.ChromiumHow);
}
