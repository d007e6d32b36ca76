using System.Diagnostics;

namespace NewsCmdlets.PowerShell.Tests;

/// <summary>
/// Runs scripts in NewsCmdlets.TestHost, a child process whose host references only System.Management.Automation (as
/// pwsh would), and copies the built module folder to where a user might put it.
/// </summary>
public static class PlainHost
{
    public static ProcessStartInfo StartInfo(string script)
    {
        string hostDll = Path.Combine(Repo.Root, "out", "testhost", "NewsCmdlets.TestHost.dll");
        Assert.True(File.Exists(hostDll), $"test host not built: {hostDll}");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(hostDll);
        psi.ArgumentList.Add(script);
        psi.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
        return psi;
    }

    public static (int ExitCode, string Stdout, string Stderr) Wait(Process p, int timeoutMs = 180_000)
    {
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeoutMs)) { p.Kill(true); Assert.Fail("test host timed out"); }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    public static (int ExitCode, string Stdout, string Stderr) Run(string script)
    {
        using var p = Process.Start(StartInfo(script))!;
        return Wait(p);
    }

    /// <summary>Copies the assembled module folder (out/NewsCmdlets) to <paramref name="parent"/>/Modules/NewsCmdlets.</summary>
    public static string CopyModule(string parent)
    {
        string module = Path.Combine(parent, "Modules", "NewsCmdlets");
        foreach (var dir in Directory.GetDirectories(Repo.ModuleFolder, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(dir.Replace(Repo.ModuleFolder, module));
        Directory.CreateDirectory(module);
        foreach (var file in Directory.GetFiles(Repo.ModuleFolder, "*", SearchOption.AllDirectories))
            File.Copy(file, file.Replace(Repo.ModuleFolder, module));
        return module;
    }
}
