using HelpBuilder;

// HelpBuilder: markdown help -> MAML + about_*.help.txt. See docs/README.md for the markdown format.
//
//   dotnet HelpBuilder.dll <docsDir> <outDir> [--help-file NAME]
//   dotnet HelpBuilder.dll --validate <file.xml | outDir>
//
// Exit codes: 0 success, 1 a source file is malformed or the MAML is incomplete, 2 wrong usage or I/O failure.

const string DefaultHelpFile = "NewsCmdlets.dll-Help.xml";

if (args.Length == 0 || args[0] is "-h" or "--help" or "-?" or "/?")
{
    Usage(Console.Out);
    return args.Length == 0 ? 2 : 0;
}

try
{
    if (args[0] == "--validate")
    {
        if (args.Length != 2) { Usage(Console.Error); return 2; }
        return Validate(args[1]);
    }
    return Build(args);
}
catch (IOException e)
{
    Console.Error.WriteLine($"HelpBuilder: error HELP002: {e.Message}");
    return 2;
}
catch (UnauthorizedAccessException e)
{
    Console.Error.WriteLine($"HelpBuilder: error HELP002: {e.Message}");
    return 2;
}

static int Build(string[] args)
{
    string? docsDir = null, outDir = null, helpFileOption = null;
    for (int i = 0; i < args.Length; i++)
    {
        if (args[i] == "--help-file" && i + 1 < args.Length) helpFileOption = args[++i];
        else if (args[i].StartsWith("--", StringComparison.Ordinal)) { Console.Error.WriteLine($"HelpBuilder: error HELP001: unknown option '{args[i]}'."); Usage(Console.Error); return 2; }
        else if (docsDir == null) docsDir = args[i];
        else if (outDir == null) outDir = args[i];
        else { Usage(Console.Error); return 2; }
    }
    if (docsDir == null || outDir == null) { Usage(Console.Error); return 2; }
    if (!Directory.Exists(docsDir))
    {
        Console.Error.WriteLine($"HelpBuilder: error HELP001: the docs folder '{docsDir}' does not exist.");
        return 2;
    }

    var files = Directory.GetFiles(docsDir, "*.md").OrderBy(f => f, StringComparer.OrdinalIgnoreCase).ToList();
    var commands = new List<CommandHelp>();
    var abouts = new List<(string Name, string Text)>();
    var errors = new List<HelpFormatException>();
    foreach (var file in files)
    {
        var name = Path.GetFileName(file);
        if (name.Equals("README.md", StringComparison.OrdinalIgnoreCase)) continue;
        try
        {
            var doc = MarkdownDocument.Load(file);
            if (name.StartsWith("about_", StringComparison.OrdinalIgnoreCase))
            {
                abouts.Add((Path.GetFileNameWithoutExtension(name), AboutWriter.Render(doc)));
                foreach (var w in AboutWriter.Warnings(doc)) Console.WriteLine(w);
            }
            else
                commands.Add(CommandHelp.Parse(doc));
        }
        catch (HelpFormatException e)
        {
            errors.Add(e); // report every malformed file, not only the first
        }
    }
    foreach (var e in errors) Console.Error.WriteLine(e.ToString());
    if (errors.Count > 0)
    {
        Console.Error.WriteLine($"HelpBuilder: {errors.Count} help file(s) malformed; nothing was written. The format is described in docs/README.md.");
        return 1;
    }

    var helpFiles = commands.Where(c => c.HelpFileName != null).Select(c => c.HelpFileName!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    if (helpFiles.Count > 1)
    {
        Console.Error.WriteLine($"HelpBuilder: error HELP003: the commands name different 'external help file' values ({string.Join(", ", helpFiles)}); one module has one MAML file.");
        return 1;
    }
    var helpFile = helpFileOption ?? helpFiles.FirstOrDefault() ?? DefaultHelpFile;

    Directory.CreateDirectory(outDir);
    int written = 0;
    if (commands.Count > 0)
    {
        var mamlPath = Path.Combine(outDir, helpFile);
        MamlWriter.Save(MamlWriter.Build(commands), mamlPath);
        written++;
        var problems = MamlValidator.Validate(mamlPath);
        if (problems.Count > 0)
        {
            foreach (var p in problems) Console.Error.WriteLine($"{mamlPath}: error HELP300: {p}");
            return 1;
        }
    }
    else
    {
        Console.WriteLine($"HelpBuilder: warning HELP004: no command help (*.md other than about_*.md) in '{docsDir}'.");
    }

    var keep = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
    foreach (var (name, text) in abouts)
    {
        var path = Path.Combine(outDir, name + ".help.txt");
        File.WriteAllText(path, text, new System.Text.UTF8Encoding(false));
        keep.Add(Path.GetFileName(path));
        written++;
    }
    // An about topic whose markdown was deleted must not linger in the output.
    foreach (var stale in Directory.GetFiles(outDir, "about_*.help.txt"))
    {
        if (!keep.Contains(Path.GetFileName(stale))) File.Delete(stale);
    }

    Console.WriteLine($"HelpBuilder: {commands.Count} command(s) -> {helpFile}, {abouts.Count} about topic(s), in {Path.GetFullPath(outDir)}");
    return 0;
}

static int Validate(string target)
{
    var paths = new List<string>();
    if (Directory.Exists(target)) paths.AddRange(Directory.GetFiles(target, "*-Help.xml"));
    else if (File.Exists(target)) paths.Add(target);
    if (paths.Count == 0)
    {
        Console.Error.WriteLine($"HelpBuilder: error HELP001: no MAML file at '{target}'.");
        return 2;
    }
    int problems = 0;
    foreach (var path in paths)
    {
        var found = MamlValidator.Validate(path);
        foreach (var p in found) Console.WriteLine($"MISSING {p}");
        problems += found.Count;
        if (found.Count == 0) Console.WriteLine($"OK {path}");
    }
    return problems == 0 ? 0 : 1;
}

static void Usage(TextWriter w)
{
    w.WriteLine("Usage:");
    w.WriteLine("  dotnet HelpBuilder.dll <docsDir> <outDir> [--help-file NAME]");
    w.WriteLine("      Reads <docsDir>/*.md and writes <outDir>/NAME (MAML, default NewsCmdlets.dll-Help.xml, or the");
    w.WriteLine("      'external help file' named in the files' front matter) and <outDir>/about_*.help.txt.");
    w.WriteLine("  dotnet HelpBuilder.dll --validate <file.xml | folder>");
    w.WriteLine("      Checks that every command in the MAML has synopsis, description, syntax, parameters and examples.");
}
