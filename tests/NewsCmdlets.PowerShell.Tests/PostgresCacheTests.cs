using System.Diagnostics;
using NewsCmdlets.TestSupport;
using static NewsCmdlets.PowerShell.Tests.PowerShellRunner;

namespace NewsCmdlets.PowerShell.Tests;

/// <summary>
/// What only a cache on a PostgreSQL server has: a connection string from the command line, an environment variable
/// or a SecretManagement secret, a password that is never shown, a server that cannot be reached, emptying the
/// database, and several processes importing into one database at once. Skipped with the reason where no test server
/// is named (NEWSCMDLETS_TEST_POSTGRES); in CI they run.
/// </summary>
public sealed class PostgresCacheTests : CacheStoreCase, IRunsOnPostgres
{
    private static string Samples => Path.Combine(Repo.Samples, "*.txt");

    /// <summary>Everything a run showed: output, errors (with inner exceptions), warnings, verbose and host text.</summary>
    private static string Everything(RunResult r) => string.Join("\n",
        r.Output.Select(o => o?.ToString() ?? "")
            .Concat(r.Errors.Select(e => e + " | " + e.Exception))
            .Concat(r.Terminating is { } t ? new[] { t + " | " + t.Exception } : Array.Empty<string>())
            .Concat(r.Warnings.Select(w => w.Message))
            .Concat(r.Verbose.Select(v => v.Message))
            .Append(r.Host));

    [StoreFact]
    public void A_password_in_the_connection_string_is_never_shown_and_a_warning_says_how_to_keep_it_out_of_history()
    {
        var r = Run($"""
            Set-NewsCacheConfiguration -ConnectionString {Quote(Database.ConnectionString)} -Verbose
            Get-NewsCacheConfiguration | ConvertTo-Json
            Get-NewsCacheConfiguration | Format-List * | Out-String
            Import-NewsArticle {Quote(Samples)} -Cache -Verbose | Out-Null
            Get-NewsCacheInfo | Format-List * | Out-String
            (Get-NewsCacheInfo).Articles
            """);
        Assert.Empty(r.Errors);
        Assert.Equal(4L, r.Output[^1].BaseObject);
        var warning = Assert.Single(r.Warnings).Message;
        Assert.Contains("-Credential", warning);
        Assert.Contains("-ConnectionStringVariable", warning);
        Assert.Contains(Database.Display, Everything(r));
        Assert.DoesNotContain(Database.Password, Everything(r));
    }

    [StoreFact]
    public void A_wrong_password_and_an_unreachable_server_are_errors_that_name_the_server_but_no_password()
    {
        var wrong = Run("""
            $cred = [pscredential]::new($user, (ConvertTo-SecureString 'not-the-Pa55word' -AsPlainText -Force))
            Set-NewsCacheConfiguration -ConnectionString $cs -Credential $cred
            Get-NewsArticle
            """, variables: new Dictionary<string, object?> { ["cs"] = Database.ConnectionStringWithoutPassword, ["user"] = Database.UserName });
        var e = wrong.Terminating ?? Assert.Single(wrong.Errors);
        Assert.Equal("CacheUnavailable,NewsCmdlets.Commands.GetNewsArticleCommand", e.FullyQualifiedErrorId);
        Assert.Contains(Database.Display, e.Exception.Message);
        Assert.Contains("-Credential", e.Exception.Message);
        Assert.DoesNotContain("not-the-Pa55word", Everything(wrong));

        // A port where nothing listens: the server is named, and so is what to do.
        var nowhere = new Npgsql.NpgsqlConnectionStringBuilder(Database.ConnectionString) { Port = FreePort() };
        string name = Unique("NEWSCMDLETS_TEST_NOWHERE");
        var down = Run($"$env:{name} = $cs; Set-NewsCacheConfiguration -ConnectionStringVariable {name}; Get-NewsCacheInfo",
            variables: new Dictionary<string, object?> { ["cs"] = nowhere.ConnectionString });
        var d = down.Terminating ?? Assert.Single(down.Errors);
        Assert.Equal("CacheServerUnavailable,NewsCmdlets.Commands.GetNewsCacheInfoCommand", d.FullyQualifiedErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.ConnectionError, d.CategoryInfo.Category);
        Assert.Contains($"{Database.Host}:{nowhere.Port}", d.Exception.Message);
        Assert.DoesNotContain(Database.Password, Everything(down));
    }

    [StoreFact]
    public void The_connection_string_comes_from_an_environment_variable_or_a_SecretManagement_secret()
    {
        string name = Unique("NEWSCMDLETS_TEST_CS");
        var fromVariable = Run($"$env:{name} = $cs; Set-NewsCacheConfiguration -ConnectionStringVariable {name} -PassThru | ForEach-Object Store; " +
                               $"Import-NewsArticle {Quote(Samples)} -Cache | Out-Null; (Get-NewsCacheInfo).Articles",
            variables: new Dictionary<string, object?> { ["cs"] = Database.ConnectionString });
        Assert.Empty(fromVariable.Errors);
        Assert.Empty(fromVariable.Warnings); // nothing typed holds a password
        Assert.Equal(new object[] { "PostgreSQL", 4L }, fromVariable.Output.Select(o => o.BaseObject));

        // Get-Secret as SecretManagement answers it: a SecureString (a stand-in function here, asked by name and vault).
        var fromSecret = Run("""
            function Get-Secret { param([string] $Name, [string] $Vault, [switch] $AsPlainText)
                if ($Name -ne 'news-corpus' -or $Vault -ne 'team') { throw "no secret $Name in $Vault" }
                ConvertTo-SecureString $secret -AsPlainText -Force }
            Set-NewsCacheConfiguration -ConnectionStringSecret news-corpus -Vault team
            @(Get-NewsArticle).Count
            Set-NewsCacheConfiguration -ConnectionStringSecret nothing-here -Vault team
            """, variables: new Dictionary<string, object?> { ["secret"] = Database.ConnectionString });
        Assert.Equal(4, fromSecret.Output[0].BaseObject);
        var e = fromSecret.Terminating ?? Assert.Single(fromSecret.Errors);
        Assert.Equal("SecretNotFound,NewsCmdlets.Commands.SetNewsCacheConfigurationCommand", e.FullyQualifiedErrorId);
        Assert.DoesNotContain(Database.Password, Everything(fromSecret));

        var unset = Run("Set-NewsCacheConfiguration -ConnectionStringVariable NEWSCMDLETS_TEST_NOT_SET");
        Assert.Equal("ConnectionStringVariableNotSet,NewsCmdlets.Commands.SetNewsCacheConfigurationCommand", (unset.Terminating ?? Assert.Single(unset.Errors)).FullyQualifiedErrorId);
    }

    [StoreFact]
    public void Clear_NewsCache_empties_the_database_after_asking_and_keeps_its_tables()
    {
        var r = RunCase($"""
            Use-TestCache
            Import-NewsArticle {Quote(Samples)} -Cache | Out-Null
            Clear-NewsCache -WhatIf
            (Get-NewsCacheInfo).Articles
            Clear-NewsCache -Confirm:$false
            (Get-NewsCacheInfo).Articles
            (Get-NewsCacheInfo).SchemaVersion
            (Get-NewsCacheInfo).Store
            """);
        Assert.Empty(r.Errors);
        Assert.Equal(new object[] { 4L, 0L, 1, "PostgreSQL" }, r.Output.Select(o => o.BaseObject));
        Assert.Contains("What if", r.Host);
        Assert.Contains(Database.Display, r.Host);
        Assert.Equal(1L, Convert.ToInt64(Database.Scalar("SELECT count(*) FROM schema_version")));
    }

    [StoreFact]
    public void Two_pwsh_processes_importing_overlapping_sets_into_one_database_keep_every_article_once()
    {
        // Three folders of distinct articles; each process imports its own and the shared one, at the same time.
        string alpha = MakeArticles("alpha", 150), beta = MakeArticles("beta", 150), shared = MakeArticles("shared", 150);
        string module = PlainHost.CopyModule(Dir);
        string Script(string own) =>
            $"Import-Module {Quote(module)} -ErrorAction Stop; Set-NewsCacheConfiguration -ConnectionStringVariable NEWSCMDLETS_TEST_CS; " +
            $"$n = @(Import-NewsArticle {Quote(Path.Combine(own, "*.txt"))}, {Quote(Path.Combine(shared, "*.txt"))} -Cache).Count; \"imported $n\"";
        using var p1 = Process.Start(Start(Script(alpha)))!;
        using var p2 = Process.Start(Start(Script(beta)))!;
        var r1 = PlainHost.Wait(p1, 300_000);
        var r2 = PlainHost.Wait(p2, 300_000);
        Assert.True(r1.ExitCode == 0 && r1.Stdout.Contains("imported 300"), $"first: exit {r1.ExitCode}\n{r1.Stdout}\n{r1.Stderr}");
        Assert.True(r2.ExitCode == 0 && r2.Stdout.Contains("imported 300"), $"second: exit {r2.ExitCode}\n{r2.Stdout}\n{r2.Stderr}");
        Assert.Equal(450L, Convert.ToInt64(Database.Scalar("SELECT count(*) FROM articles")));
        Assert.Equal(450L, Convert.ToInt64(Database.Scalar("SELECT count(DISTINCT id) FROM articles")));
        Assert.Equal(450L, Convert.ToInt64(Database.Scalar("SELECT count(*) FROM inputs")));
        Assert.Equal(450L, Convert.ToInt64(Database.Scalar("SELECT count(*) FROM article_sources")));
    }

    /// <summary>The real pwsh where there is one (as in CI), else the plain host (a host like pwsh), with the connection
    /// string in the environment.</summary>
    private ProcessStartInfo Start(string script)
    {
        ProcessStartInfo psi;
        if (ExternalTools.Pwsh is { } pwsh)
        {
            psi = new ProcessStartInfo(pwsh) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { "-NoProfile", "-NonInteractive", "-Command", script }) psi.ArgumentList.Add(a);
            psi.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
        }
        else psi = PlainHost.StartInfo(script);
        psi.Environment["NEWSCMDLETS_TEST_CS"] = Database.ConnectionString;
        return psi;
    }

    private string MakeArticles(string name, int count)
    {
        string dir = Path.Combine(Dir, name);
        Directory.CreateDirectory(dir);
        for (int i = 0; i < count; i++)
        {
            File.WriteAllText(Path.Combine(dir, $"{name}-{i:D4}.txt"),
                $"date 2026-03-{i % 28 + 1:D2} {name} reports story number {i} on the ferry strike\n\n" +
                $"Ferry crews in {name} walked out on day {i}, stranding island commuters for the {i}th time this year, the union said.\n\n" +
                $"The operator said talks would resume, and that story {i} of {name} was not the last.\n");
            File.SetLastWriteTimeUtc(Path.Combine(dir, $"{name}-{i:D4}.txt"), DateTime.UtcNow.AddMinutes(-5));
        }
        return dir;
    }

    /// <summary>An environment variable name of this test alone (tests run in parallel in one process).</summary>
    private static string Unique(string prefix) => prefix + "_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    private static int FreePort()
    {
        var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        int port = ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}
