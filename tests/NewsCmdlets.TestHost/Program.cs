// Usage: NewsCmdlets.TestHost <script>
// Runs the script in a fresh runspace and renders its output through Out-Default to the console, as pwsh would.
// Errors go to stderr as "ERROR <ErrorId> <Category>: <message>"; the exit code is the number of errors (max 100).
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Management.Automation.Runspaces;
using System.Security;

Environment.SetEnvironmentVariable("POWERSHELL_TELEMETRY_OPTOUT", "1");
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: NewsCmdlets.TestHost <script>");
    return 200;
}

var host = new ConsoleHost();
var iss = InitialSessionState.CreateDefault2();
using var runspace = RunspaceFactory.CreateRunspace(host, iss);
runspace.Open();
using var ps = PowerShell.Create();
ps.Runspace = runspace;
ps.AddScript(args[0]).AddCommand("Out-Default");
int errors = 0;
try
{
    ps.Invoke();
}
catch (RuntimeException ex)
{
    Console.Error.WriteLine($"ERROR {ex.ErrorRecord.FullyQualifiedErrorId} {ex.ErrorRecord.CategoryInfo.Category}: {ex.Message}");
    errors++;
}
foreach (var e in ps.Streams.Error)
{
    Console.Error.WriteLine($"ERROR {e.FullyQualifiedErrorId} {e.CategoryInfo.Category}: {e}");
    errors++;
}
return Math.Min(errors, 100);

sealed class ConsoleHost : PSHost
{
    private readonly ConsoleUI _ui = new();
    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
    public override Guid InstanceId { get; } = Guid.NewGuid();
    public override string Name => "NewsCmdlets.TestHost";
    public override PSHostUserInterface UI => _ui;
    public override Version Version => new(1, 0);
    public override void EnterNestedPrompt() => throw new NotSupportedException();
    public override void ExitNestedPrompt() => throw new NotSupportedException();
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
    public override void SetShouldExit(int exitCode) { }
}

sealed class ConsoleUI : PSHostUserInterface
{
    public override PSHostRawUserInterface RawUI { get; } = new NewsCmdlets.TestSupport.FixedRawUI();
    public override void Write(string value) => Console.Out.Write(value);
    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Console.Out.Write(value);
    public override void WriteLine(string value) => Console.Out.WriteLine(value);
    public override void WriteErrorLine(string value) => Console.Error.WriteLine(value);
    public override void WriteDebugLine(string message) => Console.Error.WriteLine("DEBUG: " + message);
    public override void WriteProgress(long sourceId, ProgressRecord record) { }
    public override void WriteVerboseLine(string message) => Console.Error.WriteLine("VERBOSE: " + message);
    public override void WriteWarningLine(string message) => Console.Error.WriteLine("WARNING: " + message);
    public override string ReadLine() => "";
    public override SecureString ReadLineAsSecureString() => new();
    public override Dictionary<string, PSObject> Prompt(string caption, string message, System.Collections.ObjectModel.Collection<FieldDescription> descriptions) => new();
    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException();
    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException();
    public override int PromptForChoice(string caption, string message, System.Collections.ObjectModel.Collection<ChoiceDescription> choices, int defaultChoice) => defaultChoice;
}
