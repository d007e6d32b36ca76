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
        Assert.Equal(new object[] { 4L, 0L, 2, "PostgreSQL" }, r.Output.Select(o => o.BaseObject));
        Assert.Contains("What if", r.Host);
        Assert.Contains(Database.Display, r.Host);
        Assert.Equal(2L, Convert.ToInt64(Database.Scalar("SELECT count(*) FROM schema_version"))); // both migrations recorded
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

    [StoreFact]
    public void A_server_that_stops_in_the_middle_of_an_import_gives_an_error_per_article_and_a_re_run_completes_the_corpus_once()
    {
        string folder = MakeArticles("delta", 40);
        using var proxy = new TcpProxy(Database.Host, Database.Port);
        var viaProxy = new Npgsql.NpgsqlConnectionStringBuilder(Database.ConnectionStringWithoutPassword) { Host = "127.0.0.1", Port = proxy.Port, Pooling = false };
        string display = $"postgresql://{Database.UserName}@127.0.0.1:{proxy.Port}/{Database.Name}";
        var variables = new Dictionary<string, object?>
        {
            ["cs"] = viaProxy.ConnectionString, ["proxy"] = proxy, ["files"] = Path.Combine(folder, "*.txt"),
            ["cred"] = new System.Management.Automation.PSCredential(Database.UserName, Secure(Database.Password)),
        };
        // The server goes away after the tenth file has been read: every article of the call is still imported and
        // written, each one that could not be stored is its own error, and the command goes on.
        var cut = Run("""
            Set-NewsCacheConfiguration -ConnectionString $cs -Credential $cred
            $i = 0
            $a = Get-ChildItem $files | ForEach-Object { if ($i++ -eq 10) { $proxy.Cut() }; $_ } | Import-NewsArticle -Cache
            @($a).Count
            """, variables: variables);
        Assert.Null(cut.Terminating);
        Assert.Equal(40, cut.Output[^1].BaseObject);
        Assert.NotEmpty(cut.Errors);
        Assert.All(cut.Errors, e =>
        {
            Assert.Equal("CacheServerUnavailable,NewsCmdlets.Commands.ImportNewsArticleCommand", e.FullyQualifiedErrorId);
            Assert.Contains(display, e.Exception.Message);
            Assert.StartsWith(folder, e.TargetObject.ToString());
        });
        Assert.Equal(cut.Errors.Count, cut.Errors.Select(e => e.TargetObject.ToString()).Distinct().Count()); // one error an article
        long stored = Convert.ToInt64(Database.Scalar("SELECT count(*) FROM articles"));
        Assert.Equal(40, stored + cut.Errors.Count); // each article either stored or reported
        Assert.DoesNotContain(Database.Password, Everything(cut));

        // -ErrorAction Stop: the first article that cannot be stored stops the command (batches are stored every
        // second, so the pause after the cut makes one fail in the middle of the call).
        variables["others"] = Path.Combine(MakeArticles("epsilon", 40), "*.txt");
        proxy.Restore();
        var stop = Run("""
            Set-NewsCacheConfiguration -ConnectionString $cs -Credential $cred
            $i = 0; $n = 0
            try {
                Get-ChildItem $others | ForEach-Object { if ($i -eq 10) { $proxy.Cut() }; if ($i++ -eq 12) { Start-Sleep -Milliseconds 1100 }; $_ } |
                    Import-NewsArticle -Cache -ErrorAction Stop | ForEach-Object { $n++ }
            }
            catch { 'stopped: ' + $_.FullyQualifiedErrorId }
            $n
            """, variables: variables);
        Assert.Equal("stopped: CacheServerUnavailable,NewsCmdlets.Commands.ImportNewsArticleCommand", stop.Output[0].ToString());
        Assert.True((int)stop.Output[1].BaseObject < 40, $"{stop.Output[1]} articles came before the stop");

        // The server is back: a re-run stores what was missing, and nothing twice.
        proxy.Restore();
        var again = Run("Set-NewsCacheConfiguration -ConnectionString $cs -Credential $cred; @(Import-NewsArticle $files -Cache).Count", variables: variables);
        Assert.Empty(again.Errors);
        Assert.Equal(40, again.Output[^1].BaseObject);
        string delta = $"SELECT count(*) FROM inputs WHERE location LIKE '{folder.Replace("'", "''")}%'";
        Assert.Equal(40L, Convert.ToInt64(Database.Scalar(delta)));
        Assert.Equal(Convert.ToInt64(Database.Scalar("SELECT count(*) FROM inputs")), Convert.ToInt64(Database.Scalar("SELECT count(DISTINCT id) FROM articles")));
        Assert.Equal(Convert.ToInt64(Database.Scalar("SELECT count(*) FROM articles")), Convert.ToInt64(Database.Scalar("SELECT count(DISTINCT id) FROM articles")));
    }

    [StoreFact]
    public void A_server_that_stops_while_entities_and_quotes_are_analysed_gives_an_error_per_article_and_is_used_again_once_back()
    {
        string folder = MakeArticles("kappa", 30);
        using var proxy = new TcpProxy(Database.Host, Database.Port);
        var viaProxy = new Npgsql.NpgsqlConnectionStringBuilder(Database.ConnectionStringWithoutPassword) { Host = "127.0.0.1", Port = proxy.Port, Pooling = false };
        string display = $"postgresql://{Database.UserName}@127.0.0.1:{proxy.Port}/{Database.Name}";
        var variables = new Dictionary<string, object?>
        {
            ["cs"] = viaProxy.ConnectionString, ["proxy"] = proxy, ["files"] = Path.Combine(folder, "*.txt"),
            ["cred"] = new System.Management.Automation.PSCredential(Database.UserName, Secure(Database.Password)),
        };
        foreach (var (cmdlet, kind) in new[] { ("Get-NewsEntity", "entities"), ("Get-NewsQuote", "quotes") })
        {
            proxy.Restore();
            // The server goes away at the 11th article and comes back at the 21st (after the two seconds the cmdlet
            // waits before it tries again): every article is analysed and written; each one whose analysis could not
            // be stored is its own non-terminating CacheServerUnavailable error naming the server; the articles after
            // the server is back are stored again within the same call.
            var r = Run($$"""
                Set-NewsCacheConfiguration -ConnectionString $cs -Credential $cred
                $articles = Import-NewsArticle $files -Cache:$false
                $i = 0
                @($articles | {{cmdlet}} -Cache:$false).Count
                @($articles | ForEach-Object { if ($i -eq 10) { $proxy.Cut() }; if ($i -eq 20) { $proxy.Restore(); Start-Sleep -Milliseconds 2200 }; $i++; $_ } |
                    {{cmdlet}} -Cache -ThrottleLimit 1).Count
                ($articles[20..29] | ForEach-Object Id) -join ','
                """, variables: variables);
            Assert.Null(r.Terminating);
            Assert.True((int)r.Output[^3].BaseObject > 0, $"{cmdlet} found nothing in the test articles");
            Assert.Equal(r.Output[^3].BaseObject, r.Output[^2].BaseObject);
            Assert.NotEmpty(r.Errors);
            Assert.All(r.Errors, e =>
            {
                Assert.StartsWith("CacheServerUnavailable,", e.FullyQualifiedErrorId);
                Assert.Contains(display, e.Exception.Message);
                Assert.StartsWith(folder, e.TargetObject.ToString());
            });
            Assert.Equal(r.Errors.Count, r.Errors.Select(e => e.TargetObject.ToString()).Distinct().Count()); // one error an article
            long stored = Convert.ToInt64(Database.Scalar($"SELECT count(*) FROM analyses WHERE kind = '{kind}'"));
            Assert.Equal(30, stored + r.Errors.Count); // each article's analysis either stored or reported
            var after = r.Output[^1].ToString()!.Split(',');
            Assert.Equal(10L, Convert.ToInt64(Database.Scalar($"SELECT count(*) FROM analyses WHERE kind = '{kind}' AND article_id IN ({string.Join(",", after.Select(a => "'" + a + "'"))})")));
            Assert.Contains(r.Warnings, w => w.Message.Contains("were not stored in the cache", StringComparison.Ordinal));
            Assert.DoesNotContain(Database.Password, Everything(r));
        }
    }

    private static System.Security.SecureString Secure(string s)
    {
        var secure = new System.Security.SecureString();
        foreach (char c in s) secure.AppendChar(c);
        return secure;
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

    private string MakeArticles(string name, int count) => CacheOutOfProcessTests.MakeArticles(Dir, name, count);

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
