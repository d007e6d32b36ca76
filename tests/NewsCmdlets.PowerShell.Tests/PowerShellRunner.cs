using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using System.Security;
using System.Text;

namespace NewsCmdlets.PowerShell.Tests;

/// <summary>Locations of the repository, the built module and shared test material.</summary>
public static class Repo
{
    public static readonly string Root = FindRoot();

    /// <summary>The manifest at the repository root (works after a build).</summary>
    public static string RootManifest => Path.Combine(Root, "NewsCmdlets.psd1");

    /// <summary>The assembled, relocatable module folder.</summary>
    public static string ModuleFolder => Path.Combine(Root, "out", "NewsCmdlets");

    public static string Samples => Path.Combine(Root, "samples");

    /// <summary>../shared/seeds, when present beside the repository (it is on the team's machines and in CI).</summary>
    public static string Seeds => Path.GetFullPath(Path.Combine(Root, "..", "shared", "seeds"));

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "NewsCmdlets.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Cannot find NewsCmdlets.sln above " + AppContext.BaseDirectory);
    }
}

/// <summary>What one script produced on each stream, and what the host displayed.</summary>
public sealed class RunResult
{
    public required Collection<PSObject> Output { get; init; }
    public required IReadOnlyList<ErrorRecord> Errors { get; init; }
    public required IReadOnlyList<WarningRecord> Warnings { get; init; }
    public required IReadOnlyList<VerboseRecord> Verbose { get; init; }
    public required IReadOnlyList<ProgressRecord> Progress { get; init; }
    public ErrorRecord? Terminating { get; init; }
    public required string Host { get; init; }

    public PSObject Single() => Assert.Single(Output);
}

/// <summary>
/// Runs scripts in a fresh runspace with the module imported from its built manifest, through a host that captures
/// everything written to it (so Out-Host/Out-Default renders the module's views as a user would see them).
/// </summary>
public static class PowerShellRunner
{
    [ModuleInitializer]
    internal static void PrepareProcess()
    {
        Environment.SetEnvironmentVariable("POWERSHELL_TELEMETRY_OPTOUT", "1");
        FakeDesktop.Install();
    }

    public static RunResult Run(string script, IEnumerable<object>? input = null, string? manifest = null, IDictionary<string, object?>? variables = null)
    {
        var host = new CapturingHost();
        var iss = InitialSessionState.CreateDefault2();
        using var runspace = RunspaceFactory.CreateRunspace(host, iss);
        runspace.Open();
        using (var setup = System.Management.Automation.PowerShell.Create())
        {
            setup.Runspace = runspace;
            setup.AddScript("$PSStyle.OutputRendering = 'PlainText'; Import-Module -Name $args[0] -ErrorAction Stop")
                 .AddArgument(manifest ?? Repo.RootManifest);
            setup.Invoke();
            if (setup.HadErrors) throw new InvalidOperationException("Import-Module failed: " + string.Join("; ", setup.Streams.Error));
        }
        if (variables != null)
            foreach (var kv in variables) runspace.SessionStateProxy.SetVariable(kv.Key, kv.Value);

        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddScript(script);
        Collection<PSObject> output = new();
        ErrorRecord? terminating = null;
        try
        {
            output = input == null ? ps.Invoke() : ps.Invoke(input);
        }
        catch (RuntimeException ex)
        {
            terminating = ex.ErrorRecord;
        }
        return new RunResult
        {
            Output = output,
            Errors = ps.Streams.Error.ToList(),
            Warnings = ps.Streams.Warning.ToList(),
            Verbose = ps.Streams.Verbose.ToList(),
            Progress = ps.Streams.Progress.ToList(),
            Terminating = terminating,
            Host = host.Text,
        };
    }

    /// <summary>Single-quoted PowerShell string literal.</summary>
    public static string Quote(string s) => "'" + s.Replace("'", "''") + "'";
}

/// <summary>
/// What a desktop would do with Invoke-Item or Get-Help -Online, recorded instead: an <c>xdg-open</c> first on PATH for
/// this test process and the processes it starts, which appends its argument to <see cref="Log"/> and opens nothing.
/// </summary>
public static class FakeDesktop
{
    public static readonly string Folder = Directory.CreateTempSubdirectory("newscmdlets-desktop-").FullName;

    /// <summary>One line per item handed to the desktop to open.</summary>
    public static string Log => Path.Combine(Folder, "opened.txt");

    internal static void Install()
    {
        if (OperatingSystem.IsWindows()) return;
        string script = Path.Combine(Folder, "xdg-open");
        File.WriteAllText(script, "#!/bin/sh\nprintf '%s\\n' \"$*\" >> '" + Log.Replace("'", "'\\''") + "'\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Environment.SetEnvironmentVariable("PATH", Folder + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { Directory.Delete(Folder, true); } catch (IOException) { } };
    }

    public static string[] Opened() => File.Exists(Log) ? File.ReadAllLines(Log) : Array.Empty<string>();

    /// <summary>What was opened, once every one of <paramref name="expected"/> is there (the desktop is started, not waited
    /// for), or after 30 seconds.</summary>
    public static string[] OpenedOnce(IReadOnlyCollection<string> expected)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        string[] opened;
        while (!expected.All((opened = Opened()).Contains) && clock.Elapsed < TimeSpan.FromSeconds(30)) Thread.Sleep(100);
        return opened;
    }
}

internal sealed class CapturingHost : PSHost
{
    private readonly CapturingUI _ui = new();
    public string Text => _ui.Buffer.ToString();
    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
    public override Guid InstanceId { get; } = Guid.NewGuid();
    public override string Name => "NewsCmdlets.Tests";
    public override PSHostUserInterface UI => _ui;
    public override Version Version => new(1, 0);
    public override void EnterNestedPrompt() => throw new NotSupportedException();
    public override void ExitNestedPrompt() => throw new NotSupportedException();
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
    public override void SetShouldExit(int exitCode) { }
}

internal sealed class CapturingUI : PSHostUserInterface
{
    public readonly StringBuilder Buffer = new();
    public override PSHostRawUserInterface RawUI { get; } = new NewsCmdlets.TestSupport.FixedRawUI();
    public override void Write(string value) => Buffer.Append(value);
    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Buffer.Append(value);
    public override void WriteLine(string value) => Buffer.Append(value).Append('\n');
    public override void WriteErrorLine(string value) => Buffer.Append("ERROR: ").Append(value).Append('\n');
    public override void WriteDebugLine(string message) { }
    public override void WriteProgress(long sourceId, ProgressRecord record) { }
    public override void WriteVerboseLine(string message) { }
    public override void WriteWarningLine(string message) { }
    public override string ReadLine() => "";
    public override SecureString ReadLineAsSecureString() => new();
    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) => new();
    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException();
    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException();
    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) => defaultChoice;
}
