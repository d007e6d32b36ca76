using System.Management.Automation;
using System.Management.Automation.Language;
using static NewsCmdlets.PowerShell.Tests.PowerShellRunner;

namespace NewsCmdlets.PowerShell.Tests;

/// <summary>Help, scripts shipped beside the module, and HTML files through the cmdlet.</summary>
public sealed class ModuleTests
{
    [Fact]
    public void Get_Help_Full_shows_the_markdown_help_with_examples_for_every_cmdlet()
    {
        var r = Run(@"(Get-Module NewsCmdlets).ExportedCmdlets.Keys | ForEach-Object {
                $h = Get-Help $_ -Full
                [pscustomobject]@{
                    Name = $_
                    Synopsis = [string]$h.Synopsis
                    Description = [string](($h.Description | ForEach-Object Text) -join ' ')
                    Examples = [int]@($h.Examples.Example).Count
                    UndocumentedParameters = [int]@($h.Parameters.Parameter | Where-Object { $_ -and -not $_.Description }).Count
                }
            }");
        Assert.Empty(r.Errors);
        Assert.NotEmpty(r.Output);
        foreach (var h in r.Output)
        {
            string name = h.Properties["Name"].Value.ToString()!;
            Assert.False(string.IsNullOrWhiteSpace((string)h.Properties["Description"].Value), $"{name} has no description");
            Assert.DoesNotContain(name, (string)h.Properties["Synopsis"].Value); // auto-generated help repeats the syntax
            Assert.True((int)h.Properties["Examples"].Value >= 3, $"{name} has fewer than 3 examples");
            Assert.Equal(0, (int)h.Properties["UndocumentedParameters"].Value);
        }
        var about = Run("Get-Help about_NewsCmdlets | ForEach-Object { $_.ToString() }");
        Assert.Empty(about.Errors);
        Assert.Contains("NewsArticle", string.Join("\n", about.Output));
    }

    [Fact]
    public void Get_Help_Online_opens_the_module_s_own_page_for_each_cmdlet()
    {
        // PowerShell opens the first related link that has an address: it used to be Microsoft's Get-ChildItem page.
        // Each cmdlet's help now starts with its own page under the manifest's ProjectUri (see FakeDesktop).
        var r = Run(@"$m = Get-Module NewsCmdlets
            foreach ($c in $m.ExportedCmdlets.Keys) { Get-Help $c -Online; '{0}|{1}docs/en-US/{0}.md' -f $c, $m.ProjectUri }");
        Assert.True(r.Errors.Count == 0 && r.Terminating == null, string.Join("\n", r.Errors) + r.Terminating);
        Assert.True(r.Output.Count >= 12, $"only {r.Output.Count} cmdlets");
        var expected = r.Output.Select(o => o.ToString()!.Split('|')[1]).ToList();
        var opened = FakeDesktop.OpenedOnce(expected);
        foreach (var address in expected)
        {
            Assert.StartsWith("https://", address);
            Assert.Contains(address, opened);
        }
        Assert.DoesNotContain(opened, o => o.Contains("microsoft.com", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void The_manifest_has_what_a_gallery_shows()
    {
        var r = Run(@"$d = (Import-PowerShellDataFile (Join-Path (Get-Module NewsCmdlets).ModuleBase NewsCmdlets.psd1)).PrivateData.PSData
            foreach ($k in 'ProjectUri', 'LicenseUri', 'ReleaseNotes') { '{0}={1}' -f $k, ([string]$d[$k]).Length }
            'Tags=' + ($d.Tags -join ',')");
        Assert.Empty(r.Errors);
        var lines = r.Output.Select(o => o.ToString()!).ToList();
        foreach (var k in new[] { "ProjectUri", "LicenseUri", "ReleaseNotes" })
            Assert.DoesNotContain(k + "=0", lines);
        Assert.Contains(lines, l => l.StartsWith("Tags=", StringComparison.Ordinal) && l.Contains("news") && l.Contains("PSEdition_Core"));
    }

    [Fact]
    public void The_module_the_tests_build_and_import_is_an_optimised_build()
    {
        // ./bin and ./out/NewsCmdlets are what users import after `dotnet test` or build.ps1: a Debug build there is
        // about half as fast on large inputs. The solution and the projects build Release unless -c says otherwise
        // (Directory.Solution.props, Directory.Build.props); `dotnet test -c Debug` fails here on purpose.
        var r = Run(@"foreach ($a in (Get-Command Import-NewsArticle).ImplementingType.Assembly, (Get-Command Import-NewsArticle).OutputType[0].Type.Assembly) {
                $d = $a.GetCustomAttributes([System.Diagnostics.DebuggableAttribute], $false) | Select-Object -First 1
                '{0}: optimiser {1}' -f $a.GetName().Name, $(if ($d -and $d.IsJITOptimizerDisabled) { 'off' } else { 'on' })
            }");
        Assert.Empty(r.Errors);
        Assert.Equal(new[] { "NewsCmdlets: optimiser on", "NewsCmdlets.Engine: optimiser on" }, r.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void A_second_copy_imports_with_Force_without_type_data_errors_and_says_whose_commands_run()
    {
        // The runner imported ./NewsCmdlets.psd1; out/NewsCmdlets is another copy, as an installed one would be.
        var r = Run($"Import-Module {Quote(Path.Combine(Repo.ModuleFolder, "NewsCmdlets.psd1"))} -Force; " +
                    $"(Import-NewsArticle {Quote(Path.Combine(Repo.Samples, "lakeside-daily-ferry-strike.txt"))}).PSStandardMembers.DefaultDisplayPropertySet.ReferencedPropertyNames -join ','");
        Assert.True(r.Errors.Count == 0, string.Join("\n", r.Errors.Select(e => e.ToString()))); // was: "The member DefaultDisplayPropertySet is already present" x5
        Assert.Null(r.Terminating);
        string warning = Assert.Single(r.Warnings).Message;
        Assert.Contains("already loaded in this session from '" + Path.Combine(Repo.Root, "bin") + "'", warning);
        Assert.Contains("start a new session", warning);
        Assert.Equal("Published,Outlet,Title,WordCount", r.Single().ToString());
    }

    [Fact]
    public void Import_Module_Force_and_Remove_Module_then_Import_Module_keep_every_cmdlet()
    {
        // The root module imports bin/NewsCmdlets.dll; a second import in the same session reuses the loaded binary
        // module, which PowerShell does not hand to the new root module by itself (NewsCmdlets.psm1 does).
        var r = Run($@"$expected = (Import-PowerShellDataFile {Quote(Repo.RootManifest)}).CmdletsToExport.Count
            Import-Module {Quote(Repo.RootManifest)} -Force
            (Get-Command -Module NewsCmdlets).Count -eq $expected
            Remove-Module NewsCmdlets
            Import-Module {Quote(Repo.RootManifest)}
            (Get-Command -Module NewsCmdlets).Count -eq $expected
            (Import-NewsArticle {Quote(Path.Combine(Repo.Samples, "lakeside-daily-ferry-strike.txt"))}).Outlet");
        Assert.True(r.Errors.Count == 0, string.Join("\n", r.Errors));
        Assert.Empty(r.Warnings); // same copy: nothing to warn about
        Assert.Equal(new object[] { true, true, "Lakeside Daily" }, r.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void Output_types_have_their_default_display_property_sets()
    {
        var r = Run($@"$a = Import-NewsArticle {Quote(Path.Combine(Repo.Samples, "*"))}
            $s = $a | Group-NewsArticle
            $i = $a | Compare-NewsCoverage -AsOneStory
            $o = $a | Compare-NewsCoverage -AsOneStory -Summary
            foreach ($x in $a[0], $s[0], $i[0], $o[0]) {{ $x.GetType().Name + ': ' + ($x.PSStandardMembers.DefaultDisplayPropertySet.ReferencedPropertyNames -join ',') }}");
        Assert.Empty(r.Errors);
        Assert.Equal(new[]
        {
            "NewsArticle: Published,Outlet,Title,WordCount",
            "NewsStory: FirstPublished,ArticleCount,IndependentOutlets,Title",
            "NewsCoverageItem: Kind,Status,Key,Outlets",
            "NewsCoverageSummary: Outlet,Words,SharedFactShare,Similarity",
        }, r.Output.Select(o => o.ToString()));
    }

    [Theory]
    [InlineData("build.ps1")]
    [InlineData("NewsCmdlets.psm1")]
    [InlineData("tests/Pester/NewsCmdlets.Tests.ps1")]
    [InlineData("tests/Pester/TestHelpers.ps1")]
    [InlineData("tests/Pester/Readme.Tests.ps1")]
    [InlineData("tests/Pester/Package.Tests.ps1")]
    public void Scripts_parse_without_errors(string relative)
    {
        // Scripts that only the real pwsh runs (build.ps1 under .ci/run, the Pester tests) parse here too, so a syntax
        // error shows up in dotnet test as well.
        Parser.ParseFile(Path.Combine(Repo.Root, relative), out _, out ParseError[] errors);
        Assert.Empty(errors);
    }

    [Fact]
    public void Html_files_are_recognised_by_content_whatever_their_extension()
    {
        string dir = Directory.CreateTempSubdirectory("newscmdlets-html-").FullName;
        try
        {
            string page = """
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Quay market returns | The Test Gazette</title>
                <meta property="og:site_name" content="The Test Gazette">
                <meta property="article:published_time" content="2026-04-02T08:30:00+01:00"></head>
                <body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
                <article><h1>Quay market returns</h1><p class="byline">By Nora Vale</p>
                <p>The Saturday market on Westmere quay returned this weekend after a winter break, with 40 stalls selling fish, bread and vegetables.</p>
                <p>"We have waited all winter for this," said stallholder Iris Penn, who sells smoked fish from the island.</p>
                <p>The council said the market would run every Saturday until October, weather permitting, and that it hoped to add a second day in summer.</p>
                </article><aside><h2>Related</h2><ul><li><a href="/a">Ferry strike ends</a></li><li><a href="/b">Harbour festival plans</a></li></ul></aside>
                <footer>© 2026 The Test Gazette</footer></body></html>
                """;
            File.WriteAllText(Path.Combine(dir, "market.html"), page);
            File.WriteAllText(Path.Combine(dir, "saved-page.txt"), page);
            var r = Run($"Import-NewsArticle {Quote(Path.Combine(dir, "*"))} -Verbose | ForEach-Object {{ $_.SourceKind + '|' + $_.Outlet + '|' + $_.Title + '|' + $_.Published.ToString('o') + '|' + ($_.Authors -join ',') + '|' + $_.Paragraphs.Count }}");
            Assert.Empty(r.Errors);
            Assert.Equal(2, r.Output.Count);
            Assert.All(r.Output, o => Assert.Equal("Html|The Test Gazette|Quay market returns|2026-04-02T08:30:00.0000000+01:00|Nora Vale|3", o.ToString()));
            Assert.Contains(r.Verbose, v => v.Message.Contains("Published=") && v.Message.Contains("Html"));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void A_home_page_is_reported_as_not_an_article()
    {
        string dir = Directory.CreateTempSubdirectory("newscmdlets-home-").FullName;
        try
        {
            var links = string.Join("\n", Enumerable.Range(1, 30).Select(i => $"<li><h3><a href=\"/story/{i}\">Headline number {i} about the harbour and the town council</a></h3></li>"));
            File.WriteAllText(Path.Combine(dir, "index.html"), $"<!DOCTYPE html><html><head><title>The Test Gazette — News</title></head><body><nav><a href='/'>Home</a></nav><ul>{links}</ul></body></html>");
            var r = Run($"Import-NewsArticle {Quote(Path.Combine(dir, "index.html"))}");
            Assert.Empty(r.Output);
            var e = Assert.Single(r.Errors);
            Assert.StartsWith("NotAnArticle", e.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidData, e.CategoryInfo.Category);
            Assert.Contains("index.html", e.Exception.Message);
        }
        finally { Directory.Delete(dir, true); }
    }
}
