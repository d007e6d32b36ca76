using System.Collections;
using System.Management.Automation;
using System.Text;
using static NewsCmdlets.PowerShell.Tests.PowerShellRunner;

namespace NewsCmdlets.PowerShell.Tests;

/// <summary>Import-NewsArticle through the real PowerShell engine, as a user types it.</summary>
public sealed class ImportNewsArticleTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("newscmdlets-ps-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    private string WriteBytes(string name, byte[] bytes)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static T Prop<T>(PSObject o, string name) => (T)LanguagePrimitives.ConvertTo(o.Properties[name].Value, typeof(T));

    private string CopySamples()
    {
        foreach (var f in Directory.GetFiles(Repo.Samples, "*.txt")) File.Copy(f, Path.Combine(_dir, Path.GetFileName(f)));
        return _dir;
    }

    [Fact]
    public void Module_imports_from_the_root_manifest_and_exports_only_its_cmdlets()
    {
        var r = Run("Get-Module NewsCmdlets | ForEach-Object { $_.PowerShellVersion.ToString(); ($_.CompatiblePSEditions -join ','); ($_.ExportedCmdlets.Keys -join ',') }");
        Assert.Empty(r.Errors);
        Assert.Equal("7.4", r.Output[0].ToString());
        Assert.Equal("Core", r.Output[1].ToString());
        Assert.Equal(new[] { "Clear-NewsCache", "Compare-NewsCoverage", "Copy-NewsCache", "Export-NewsCoverageReport", "Get-NewsArticle", "Get-NewsCacheConfiguration", "Get-NewsCacheInfo", "Get-NewsEntity", "Get-NewsFeed", "Get-NewsQuote", "Group-NewsArticle", "Import-NewsArticle", "Remove-NewsArticle", "Set-NewsCacheConfiguration" }, r.Output[2].ToString()!.Split(',').Order().ToArray());
    }

    [Fact]
    public void Build_output_ships_no_PowerShell_assembly()
    {
        var files = Directory.GetFiles(Path.Combine(Repo.ModuleFolder, "bin"), "*.dll").Select(Path.GetFileName).ToList();
        Assert.Contains("NewsCmdlets.dll", files);
        Assert.Contains("NewsCmdlets.Engine.dll", files);
        Assert.DoesNotContain(files, f => f!.StartsWith("System.Management.Automation", StringComparison.OrdinalIgnoreCase) ||
                                          f!.StartsWith("Microsoft.PowerShell", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Wildcard_path_imports_every_sample_with_metadata()
    {
        string dir = CopySamples();
        var r = Run($"Import-NewsArticle -Path {Quote(Path.Combine(dir, "*.txt"))}");
        Assert.Empty(r.Errors);
        Assert.Equal(4, r.Output.Count);
        var byOutlet = r.Output.ToDictionary(o => Prop<string>(o, "Outlet"));
        Assert.Equal(new[] { "Lakeside Daily", "The Harbour Courier", "The Metro Ledger", "Valley Evening Post" }, byOutlet.Keys.Order().ToArray());

        var vep = byOutlet["Valley Evening Post"];
        Assert.Equal("Northsea Press Agency", Prop<string>(vep, "Agency"));
        Assert.Equal(new[] { "Jonah Pike" }, ((IEnumerable)vep.Properties["Authors"].Value).Cast<string>().ToArray());
        Assert.Equal("Westmere", Prop<string>(vep, "Dateline"));
        Assert.EndsWith("according to the regional transport authority.", Prop<string>(vep, "Body"));
        Assert.DoesNotContain("Harbour festival", Prop<string>(vep, "Body"));
        Assert.Contains("Harbour festival", Prop<string>(vep, "Removed"));
        Assert.Single((IEnumerable<object>)((IEnumerable)vep.Properties["Captions"].Value).Cast<object>());
        Assert.Equal(new DateTimeOffset(2026, 3, 14, 11, 40, 0, TimeSpan.Zero), Prop<DateTimeOffset>(vep, "Published"));
        Assert.Equal(new DateTimeOffset(2026, 3, 14, 13, 15, 0, TimeSpan.Zero), Prop<DateTimeOffset>(vep, "Updated"));

        // The same wire story on two sites has the same body.
        Assert.Equal(Prop<string>(vep, "Body"), Prop<string>(byOutlet["Lakeside Daily"], "Body"));
    }

    [Fact]
    public void Seeds_import_as_the_issue_describes()
    {
        if (!Directory.Exists(Repo.Seeds)) return; // ../shared is beside the repository on team machines and in CI
        var r = Run($"Import-NewsArticle {Quote(Path.Combine(Repo.Seeds, "*.txt"))} | Where-Object {{ $_.Agency -eq 'The Associated Press' }}");
        Assert.Empty(r.Errors);
        var ap = r.Single();
        string body = Prop<string>(ap, "Body");
        Assert.StartsWith("SEOUL, South Korea (AP) —", body);
        Assert.EndsWith("who took office in June with a vow to restore reconciliation between the rivals.", body);
        foreach (var chrome in new[] { "Top Stories", "Marathon", "57m ago", "Submit a Correction", "More Videos", "Mariners" })
            Assert.DoesNotContain(chrome, body);
        Assert.Equal(new[] { "Hyung-jin Kim" }, ((IEnumerable)ap.Properties["Authors"].Value).Cast<string>().ToArray());
        Assert.Equal("Seoul", Prop<string>(ap, "Dateline"));
        Assert.Equal(new DateTime(2025, 10, 19), Prop<DateTimeOffset>(ap, "Published").Date);
        Assert.Contains("Toronto Waterfront Marathon", Prop<string>(ap, "Removed"));
    }

    [Fact]
    public void Every_property_exports_to_csv_as_text_not_a_type_name()
    {
        string dir = CopySamples();
        // Export-Csv writes each property's value through ToString(); emulate it for every property PowerShell exposes.
        var r = Run($@"Import-NewsArticle {Quote(Path.Combine(dir, "*.txt"))} | ForEach-Object {{
                $o = $_
                foreach ($p in $o.PSObject.Properties) {{ [pscustomobject]@{{ Name = $p.Name; Type = if ($null -ne $p.Value) {{ $p.Value.GetType().FullName }}; Text = if ($null -ne $p.Value) {{ $p.Value.ToString() }} }} }}
            }}");
        Assert.Empty(r.Errors);
        Assert.NotEmpty(r.Output);
        foreach (var row in r.Output)
        {
            string name = Prop<string>(row, "Name");
            string? type = row.Properties["Type"].Value as string;
            string? text = row.Properties["Text"].Value as string;
            if (type == null) continue;
            Assert.False(text == type, $"{name} exports as its type name '{type}'");
            Assert.DoesNotContain("System.", text!.Length > 40 ? text[..40] : text);
        }
        var names = r.Output.Select(o => Prop<string>(o, "Name")).Distinct().ToList();
        foreach (var expected in new[] { "Id", "Title", "Standfirst", "Body", "Paragraphs", "Captions", "Published", "PublishedPrecision", "Updated", "Authors", "Agency",
                     "Outlet", "Dateline", "Language", "WordCount", "Source", "Sources", "Removed" })
            Assert.Contains(expected, names);
        var authors = r.Output.Where(o => Prop<string>(o, "Name") == "Authors").Select(o => Prop<string>(o, "Text")).ToList();
        Assert.Contains("Jonah Pike", authors);
    }

    [Fact]
    public void LiteralPath_binds_PSPath_of_file_objects_by_property_name()
    {
        string dir = CopySamples();
        File.Copy(Path.Combine(dir, "harbour-courier-ferry-strike.txt"), Path.Combine(dir, "odd[1].txt"));
        // Objects shaped as Get-ChildItem emits them: FileInfo with a provider-qualified PSPath note property.
        var r = Run(@"[System.IO.Directory]::GetFiles($dir, '*.txt') | ForEach-Object {
                $fi = [psobject]::AsPSObject([System.IO.FileInfo]::new($_))
                $fi.PSObject.Properties.Add([psnoteproperty]::new('PSPath', 'Microsoft.PowerShell.Core\FileSystem::' + $_))
                $fi
            } | Import-NewsArticle | Where-Object WordCount -gt 100 | ForEach-Object { $_.Source }",
            variables: new Dictionary<string, object?> { ["dir"] = dir });
        Assert.Empty(r.Errors);
        var sources = r.Output.Select(o => o.ToString()).ToList();
        Assert.Equal(5, sources.Count);
        Assert.Contains(Path.Combine(dir, "odd[1].txt"), sources); // brackets taken literally, not as a wildcard
    }

    [Fact]
    public void Paths_bind_by_value_and_by_property_name()
    {
        string dir = CopySamples();
        var r = Run("$files | Import-NewsArticle | ForEach-Object Outlet",
            variables: new Dictionary<string, object?> { ["files"] = new[] { Path.Combine(dir, "harbour-courier-ferry-strike.txt"), Path.Combine(dir, "lakeside-daily-ferry-strike.txt") } });
        Assert.Empty(r.Errors);
        Assert.Equal(new[] { "The Harbour Courier", "Lakeside Daily" }, r.Output.Select(o => o.ToString()));

        var r2 = Run("[pscustomobject]@{ Path = $file } | Import-NewsArticle | ForEach-Object Outlet",
            variables: new Dictionary<string, object?> { ["file"] = Path.Combine(dir, "metro-ledger-ferry-strike.txt") });
        Assert.Empty(r2.Errors);
        Assert.Equal("The Metro Ledger", r2.Single().ToString());
    }

    [Fact]
    public void Content_from_the_pipeline_becomes_an_article()
    {
        string text = File.ReadAllText(Path.Combine(Repo.Samples, "harbour-courier-ferry-strike.txt"));
        var r = Run("$text | Import-NewsArticle -SourceName 'pasted' -Outlet 'Ignored Because The Byline Names One'",
            variables: new Dictionary<string, object?> { ["text"] = text });
        Assert.Empty(r.Errors);
        var a = r.Single();
        Assert.Equal("pasted", Prop<string>(a, "Source"));
        Assert.Equal("The Harbour Courier", Prop<string>(a, "Outlet"));

        // Get-Content -Raw | Import-NewsArticle, with no parameter at all: multi-line text is never a path.
        var r2 = Run("$text | Import-NewsArticle -Outlet 'Fallback Outlet' | ForEach-Object Title", variables: new Dictionary<string, object?> { ["text"] = text.Replace("The Harbour Courier", "Staff") });
        Assert.Empty(r2.Errors);
        Assert.Equal("Westmere ferry crews walk out, stranding island commuters", r2.Single().ToString());

        var r3 = Run("Import-NewsArticle -Content 'Just one short line' | ForEach-Object Title");
        Assert.Single(r3.Warnings);
        Assert.Contains("-Raw", r3.Warnings[0].Message);
    }

    [Fact]
    public void A_headline_without_a_story_is_kept_with_a_warning_naming_the_file()
    {
        string path = Write("headline-only.txt", "date 2026-03-14 Ferry strike called off\n");
        var r = Run($"Import-NewsArticle {Quote(path)} | ForEach-Object {{ $_.Title; $_.WordCount }}");
        Assert.Empty(r.Errors);
        Assert.Equal(new[] { "Ferry strike called off", "0" }, r.Output.Select(o => o.ToString()).ToArray());
        var w = Assert.Single(r.Warnings);
        Assert.Contains("headline-only.txt", w.Message);
        Assert.Contains("no story text", w.Message);
    }

    [Fact]
    public void Outlet_parameter_fills_in_when_the_text_names_none()
    {
        string path = Write("plain.txt", "Bridge reopens after repairs\n\nThe Carrow bridge reopened on Monday after six weeks of repairs, the council said. Traffic was light in the morning.\n");
        var r = Run($"Import-NewsArticle {Quote(path)} -Outlet 'The Test Gazette' | ForEach-Object {{ $_.Outlet; $_.Sources.Outlet }}");
        Assert.Empty(r.Errors);
        Assert.Equal("The Test Gazette", r.Output[0].ToString());
        Assert.Equal("-Outlet parameter", r.Output[1].ToString());
    }

    [Fact]
    public void A_file_of_punctuation_and_digits_is_not_an_article_and_the_next_file_still_imports()
    {
        string noise = Write("noise.txt", "---- **** 12345 !!!\n");
        string good = Write("bridge.txt", "Bridge reopens after repairs\n\nThe Carrow bridge reopened on Monday after six weeks of repairs, the council said.\n");
        var r = Run($"Import-NewsArticle {Quote(noise)}, {Quote(good)} | ForEach-Object Title");
        Assert.Null(r.Terminating);
        Assert.Equal("Bridge reopens after repairs", r.Single().ToString());
        var e = Assert.Single(r.Errors);
        Assert.StartsWith("NotAnArticle", e.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, e.CategoryInfo.Category);
        Assert.Equal(noise, e.TargetObject);
        Assert.Contains("noise.txt", e.Exception.Message);
    }

    [Fact]
    public void A_date_without_a_time_is_shown_as_a_date_only()
    {
        string path = Write("dated.txt", "date 2026-03-14 Bridge reopens after repairs\n\nThe Carrow bridge reopened on Saturday after six weeks of repairs, the council said.\n");
        string stamped = Write("stamped.txt", "Bridge reopens after repairs\n\nPosted March 14, 2026 6:10 pm GMT\n\nThe Carrow bridge reopened on Saturday after six weeks of repairs, the council said.\n");
        // The list view's Published item, as the built format file has it (Format-List itself ships with pwsh, not with
        // the engine these tests host).
        var r = Run($@"$view = ([xml][IO.File]::ReadAllText({Quote(Path.Combine(Repo.Root, "bin", "NewsCmdlets.Format.ps1xml"))})).Configuration.ViewDefinitions.View |
                Where-Object {{ $_.ListControl -and $_.ViewSelectedBy.TypeName -eq 'NewsCmdlets.Engine.Model.NewsArticle' }}
            $item = $view.ListControl.ListEntries.ListEntry.ListItems.ListItem | Where-Object {{ $_.Label -eq 'Published' }}
            $shown = [scriptblock]::Create($item.ScriptBlock)
            Import-NewsArticle {Quote(path)}, {Quote(stamped)} | ForEach-Object {{ $_.PublishedPrecision.ToString(); $_ | ForEach-Object $shown }}");
        Assert.Empty(r.Errors);
        Assert.Equal(new[] { "Date", "2026-03-14 (date only)", "Time", "2026-03-14 18:10 +00:00" }, r.Output.Select(o => o.ToString()).ToArray());
    }

    [Fact]
    public void Bad_inputs_are_non_terminating_errors_and_good_files_still_import()
    {
        string good = Write("good.txt", File.ReadAllText(Path.Combine(Repo.Samples, "lakeside-daily-ferry-strike.txt")));
        string empty = Write("empty.txt", "");
        string blank = Write("blank.txt", "   \n\t\n  ");
        string binary = WriteBytes("image.bin", new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52 });
        string big = Write("big.txt", new string('x', 5000) + "\n" + File.ReadAllText(good));
        string dir = Directory.CreateDirectory(Path.Combine(_dir, "folder")).FullName;
        string missing = Path.Combine(_dir, "missing.txt");
        var bad = new byte[] { (byte)'O', (byte)'k', (byte)' ', 0xC3, 0x28, (byte)' ' };
        string latin = WriteBytes("latin.txt", Encoding.UTF8.GetBytes("Harbour news\n\nThe caf").Concat(new byte[] { 0xE9 }).Concat(Encoding.UTF8.GetBytes(" on the quay reopened on Monday after the storm, the owner said.\n")).ToArray());

        var r = Run("$paths | Import-NewsArticle -MaximumFileSize 4096 | ForEach-Object { $_.Source; if ($_.Body -match 'caf.') { $Matches[0] } }",
            variables: new Dictionary<string, object?> { ["paths"] = new[] { missing, empty, good, blank, binary, dir, big, latin } });

        Assert.Null(r.Terminating);
        Assert.Equal(new[] { good, latin, "café" }, r.Output.Select(o => o.ToString()));
        var byId = r.Errors.GroupBy(e => e.FullyQualifiedErrorId.Split(',')[0]).ToDictionary(g => g.Key, g => g.First());
        Assert.Equal(new[] { "BinaryFile", "EmptyFile", "FileTooLarge", "PathIsDirectory", "PathNotFound" }, byId.Keys.Order().ToArray());
        Assert.Equal(2, r.Errors.Count(e => e.FullyQualifiedErrorId.StartsWith("EmptyFile")));
        Assert.All(r.Errors.Where(e => e.FullyQualifiedErrorId.StartsWith("EmptyFile")), e => Assert.Contains("saved or downloaded completely", e.Exception.Message));
        Assert.Equal(6, r.Errors.Count);
        Assert.Equal(ErrorCategory.ObjectNotFound, byId["PathNotFound"].CategoryInfo.Category);
        Assert.Equal(missing, byId["PathNotFound"].TargetObject);
        Assert.Equal(ErrorCategory.InvalidData, byId["BinaryFile"].CategoryInfo.Category);
        Assert.Equal(binary, byId["BinaryFile"].TargetObject);
        Assert.Equal(ErrorCategory.LimitsExceeded, byId["FileTooLarge"].CategoryInfo.Category);
        Assert.Contains("-MaximumFileSize", byId["FileTooLarge"].Exception.Message);
        Assert.Equal(ErrorCategory.InvalidArgument, byId["PathIsDirectory"].CategoryInfo.Category);
        Assert.Contains("Get-ChildItem", byId["PathIsDirectory"].Exception.Message);
        foreach (var e in r.Errors) Assert.Contains(Path.GetFileName((string)e.TargetObject), e.Exception.Message);

        // Not UTF-8, but every byte a Windows-1252 character: read as Windows-1252, nothing to warn about.
        Assert.Empty(r.Warnings);
        _ = bad;
    }

    [Fact]
    public void ErrorAction_Stop_turns_the_first_problem_into_a_terminating_error()
    {
        string missing = Path.Combine(_dir, "nope.txt");
        var r = Run($"Import-NewsArticle -Path {Quote(missing)} -ErrorAction Stop; 'not reached'");
        Assert.NotNull(r.Terminating);
        Assert.StartsWith("PathNotFound", r.Terminating!.FullyQualifiedErrorId);
        Assert.Empty(r.Output);

        var r2 = Run($"try {{ Import-NewsArticle -Path {Quote(missing)} -ErrorAction Stop }} catch {{ $_.FullyQualifiedErrorId; $_.CategoryInfo.Category.ToString(); $_.TargetObject }}");
        Assert.Equal("PathNotFound,NewsCmdlets.Commands.ImportNewsArticleCommand", r2.Output[0].ToString());
        Assert.Equal("ObjectNotFound", r2.Output[1].ToString());
        Assert.Equal(missing, r2.Output[2].ToString());
    }

    [Fact]
    public void Unusable_parameters_terminate_and_other_providers_are_refused()
    {
        var r = Run("Import-NewsArticle -Path x.txt -MaximumFileSize 0");
        Assert.Empty(r.Output);
        Assert.StartsWith("ParameterArgumentValidationError", Assert.Single(r.Errors).FullyQualifiedErrorId);

        var r2 = Run("Import-NewsArticle -Path Env:PATH; 'after'");
        Assert.Equal("NotFileSystemPath", Assert.Single(r2.Errors).FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal("after", r2.Single().ToString());
    }

    [Fact]
    public void Default_view_renders_a_table_through_Out_Host()
    {
        string dir = CopySamples();
        var r = Run($"Import-NewsArticle {Quote(Path.Combine(dir, "*.txt"))} | Out-Host");
        Assert.Empty(r.Errors);
        var lines = System.Text.RegularExpressions.Regex.Replace(r.Host, "\u001b\\[[0-9;]*m", "").Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToList();
        Assert.Matches(@"^Published\s+Outlet\s+Title\s+Words$", lines[0]);
        Assert.Matches(@"^-{9}\s+-{6}\s+-{5}\s+-{5}$", lines[1]);
        Assert.Contains(lines, l => l.StartsWith("2026-03-14 The Harbour Courier") && l.Contains("Westmere ferry crews walk out") && l.EndsWith("202"));
        Assert.All(lines, l => Assert.True(l.Length <= 120, $"line wider than 120 columns: {l}"));
    }

    [Fact]
    public void Progress_is_reported_for_many_files_and_completed()
    {
        for (int i = 0; i < 30; i++) Write($"n{i:00}.txt", $"Note {i}\n\nThe council met on Monday and agreed item {i} after a short debate, officials said.\n");
        var r = Run($"Import-NewsArticle {Quote(Path.Combine(_dir, "n*.txt"))} | ForEach-Object {{ [System.Threading.Thread]::Sleep(20); $_ }}");
        Assert.Equal(30, r.Output.Count);
        Assert.NotEmpty(r.Progress);
        Assert.All(r.Progress, p => Assert.Equal("Importing news articles", p.Activity));
        Assert.Equal(System.Management.Automation.ProgressRecordType.Completed, r.Progress[^1].RecordType);
    }

    [Fact]
    public void Stop_ends_a_long_import_promptly()
    {
        // An endless stream of files; after 50 articles the test presses "Ctrl+C" (PowerShell.Stop).
        string file = Path.Combine(Repo.Samples, "harbour-courier-ferry-strike.txt");
        using var runspace = System.Management.Automation.Runspaces.RunspaceFactory.CreateRunspace(System.Management.Automation.Runspaces.InitialSessionState.CreateDefault2());
        runspace.Open();
        var fifty = new ManualResetEventSlim();
        runspace.SessionStateProxy.SetVariable("fifty", fifty);
        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddScript("Import-Module $args[0] -ErrorAction Stop; $f = $args[1]; " +
                     "& { while ($true) { $f } } | Import-NewsArticle | ForEach-Object -Begin { $i = 0 } -Process { if (++$i -eq 50) { $fifty.Set() } }")
          .AddArgument(Repo.RootManifest).AddArgument(file);
        var run = new Thread(() => { try { ps.Invoke(); } catch (PipelineStoppedException) { } });
        run.Start();
        // (Do not enumerate ps.Streams here: a PSDataCollection's enumerator blocks while the pipeline runs.)
        Assert.True(fifty.Wait(TimeSpan.FromSeconds(60)), "no articles arrived within 60 s");
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        ps.Stop();
        Assert.True(run.Join(TimeSpan.FromSeconds(10)), "the pipeline did not stop");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"Stop took {stopwatch.Elapsed}");
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
    }
}
