using System.Text.RegularExpressions;

namespace HelpBuilder;

/// <summary>The attributes of a parameter in one or more parameter sets (one ```yaml block).</summary>
public sealed class ParameterSetInfo
{
    public string Type = "";
    public List<string> Sets = new();           // empty or "(All)" = every set
    public string Aliases = "none";
    public bool Required;
    public string Position = "named";
    public string DefaultValue = "None";
    public string PipelineInput = "False";
    public bool Globbing;
    public List<string> AcceptedValues = new();
    public int Line;

    public bool AllSets => Sets.Count == 0 || Sets.Any(s => s.Equals("(All)", StringComparison.OrdinalIgnoreCase));
    public bool AppliesTo(string set) => AllSets || Sets.Any(s => s.Equals(set, StringComparison.OrdinalIgnoreCase));
    public bool IsSwitch => Type.Equals("SwitchParameter", StringComparison.OrdinalIgnoreCase)
        || Type.Equals("System.Management.Automation.SwitchParameter", StringComparison.OrdinalIgnoreCase);
}

public sealed class ParameterHelp
{
    public string Name = "";
    public int Line;
    public List<string> Description = new();
    public List<ParameterSetInfo> Attributes = new();

    public ParameterSetInfo? For(string set) => Attributes.FirstOrDefault(a => a.AppliesTo(set));
}

public sealed class SyntaxSet
{
    public string Name = "";
    public bool IsDefault;
    public int Line;
    public bool HasBlock;
    public List<string> Parameters = new();   // parameter names in syntax order
}

public sealed record TypeHelp(string Type, List<string> Description);

public sealed class ExampleHelp
{
    public string Title = "";
    public int Line;
    public List<string> Code = new();
    public List<string> Remarks = new();
}

public sealed record LinkHelp(string Text, string Uri);

/// <summary>Help for one cmdlet, read from a platyPS-like markdown file (see docs/README.md).</summary>
public sealed class CommandHelp
{
    public const string AllParameterSets = "__AllParameterSets";

    private static readonly Regex CommandName = new(@"^[A-Za-z]+-[A-Za-z0-9]+$", RegexOptions.CultureInvariant);
    private static readonly Regex ExampleHeading = new(@"^Example\s+(?<n>\d+)\s*(?:[:.\-–—]\s*(?<title>.*))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex ParamToken = new(@"(?<![\w-])-(?<name>[A-Za-z][A-Za-z0-9_]*)", RegexOptions.CultureInvariant);

    private static readonly string[] KnownSections =
        { "SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS" };

    public string File = "";
    public string Name = "";
    public string Verb = "";
    public string Noun = "";
    public string? HelpFileName;
    public List<string> Synopsis = new();
    public List<string> Description = new();
    public List<SyntaxSet> Syntax = new();
    public List<ParameterHelp> Parameters = new();
    public List<TypeHelp> Inputs = new();
    public List<TypeHelp> Outputs = new();
    public List<string> Notes = new();
    public List<ExampleHelp> Examples = new();
    public List<LinkHelp> Links = new();

    public static CommandHelp Parse(MarkdownDocument doc)
    {
        var help = new CommandHelp { File = doc.File };
        var blocks = doc.Blocks;
        HelpFormatException Error(int line, string message) => new(doc.File, line, "HELP100", message);

        if (doc.FrontMatter.TryGetValue("external help file", out var ehf)) help.HelpFileName = ehf.Value;

        int h1 = blocks.FindIndex(b => b.Kind == BlockKind.Heading);
        if (h1 < 0 || blocks[h1].Level != 1)
            throw Error(h1 < 0 ? 1 : blocks[h1].Line, "The file must start with the command's name as a level-1 heading, e.g. '# Import-NewsArticle'.");
        help.Name = blocks[h1].Text;
        if (!CommandName.IsMatch(help.Name))
            throw Error(blocks[h1].Line, $"'{help.Name}' is not a command name of the form Verb-Noun.");
        var expected = Path.GetFileNameWithoutExtension(doc.File);
        if (!expected.Equals(help.Name, StringComparison.OrdinalIgnoreCase))
            throw Error(blocks[h1].Line, $"The heading '# {help.Name}' does not match the file name '{Path.GetFileName(doc.File)}' (expected '# {expected}').");
        help.Verb = help.Name[..help.Name.IndexOf('-')];
        help.Noun = help.Name[(help.Name.IndexOf('-') + 1)..];
        if (blocks.Skip(h1 + 1).FirstOrDefault(b => b.Kind == BlockKind.Heading && b.Level == 1) is { } second)
            throw Error(second.Line, $"Only one level-1 heading is allowed; found '# {second.Text}'.");
        if (blocks.Take(h1).FirstOrDefault(b => b.Kind != BlockKind.Heading) is { } stray)
            throw Error(stray.Line, "Text before the '# Verb-Noun' heading is not allowed.");

        // Split into ## sections.
        var sections = new Dictionary<string, (int Line, List<Block> Body)>(StringComparer.OrdinalIgnoreCase);
        (int Line, List<Block> Body)? current = null;
        for (int i = h1 + 1; i < blocks.Count; i++)
        {
            var b = blocks[i];
            if (b.Kind == BlockKind.Heading && b.Level == 2)
            {
                var name = b.Text.Trim().ToUpperInvariant();
                if (!KnownSections.Contains(name))
                    throw Error(b.Line, $"Unknown section '## {b.Text}'. Sections are: {string.Join(", ", KnownSections.Select(s => "## " + s))}.");
                if (sections.ContainsKey(name)) throw Error(b.Line, $"Section '## {name}' appears twice.");
                current = (b.Line, new List<Block>());
                sections[name] = current.Value;
                continue;
            }
            if (current == null) throw Error(b.Line, "Text between the '# " + help.Name + "' heading and '## SYNOPSIS' is not allowed.");
            current.Value.Body.Add(b);
        }

        // SYNOPSIS and DESCRIPTION are required and must have text.
        if (!sections.TryGetValue("SYNOPSIS", out var synopsis))
            throw Error(blocks[h1].Line, "Missing section '## SYNOPSIS' (a one-sentence summary of the command).");
        help.Synopsis = Paragraphs(doc, synopsis.Body, "## SYNOPSIS");
        if (help.Synopsis.Count == 0) throw Error(synopsis.Line, "Section '## SYNOPSIS' is empty.");
        if (!sections.TryGetValue("DESCRIPTION", out var description))
            throw Error(blocks[h1].Line, "Missing section '## DESCRIPTION'.");
        help.Description = Paragraphs(doc, description.Body, "## DESCRIPTION", allowSubheadings: true);
        if (help.Description.Count == 0) throw Error(description.Line, "Section '## DESCRIPTION' is empty.");

        if (!sections.TryGetValue("PARAMETERS", out var parameters))
            throw Error(blocks[h1].Line, "Missing section '## PARAMETERS' (write it with only '### CommonParameters' for a command without parameters).");
        ParseParameters(doc, help, parameters.Body, parameters.Line);

        if (sections.TryGetValue("SYNTAX", out var syntax)) ParseSyntax(doc, help, syntax.Body, syntax.Line);
        if (help.Syntax.Count == 0) DeriveSyntax(help);
        CheckSyntaxAgainstParameters(doc, help);

        if (!sections.TryGetValue("EXAMPLES", out var examples))
            throw Error(blocks[h1].Line, "Missing section '## EXAMPLES' (at least one '### Example 1: title' with a code block).");
        ParseExamples(doc, help, examples.Body, examples.Line);

        if (sections.TryGetValue("INPUTS", out var inputs)) help.Inputs = ParseTypes(doc, inputs.Body, "## INPUTS");
        if (sections.TryGetValue("OUTPUTS", out var outputs)) help.Outputs = ParseTypes(doc, outputs.Body, "## OUTPUTS");
        if (sections.TryGetValue("NOTES", out var notes)) help.Notes = Paragraphs(doc, notes.Body, "## NOTES", allowSubheadings: true);

        if (doc.FrontMatter.TryGetValue("online version", out var online) && online.Value.Length > 0)
            help.Links.Add(new LinkHelp("Online Version:", online.Value));
        if (sections.TryGetValue("RELATED LINKS", out var links)) ParseLinks(doc, help, links.Body);
        return help;
    }

    /// <summary>Paragraphs, list items, tables and code blocks as maml:para texts.</summary>
    internal static List<string> Paragraphs(MarkdownDocument doc, IEnumerable<Block> body, string where, bool allowSubheadings = false)
    {
        var paras = new List<string>();
        foreach (var b in body)
        {
            switch (b.Kind)
            {
                case BlockKind.Heading when allowSubheadings && b.Level >= 3:
                    paras.Add(Inline.ToPlain(b.Text).ToUpperInvariant());
                    break;
                case BlockKind.Heading:
                    throw new HelpFormatException(doc.File, b.Line, "HELP101", $"Headings ('{new string('#', b.Level)} {b.Text}') are not allowed in {where}.");
                case BlockKind.Paragraph:
                    paras.Add(Inline.ToPlain(b.Text));
                    break;
                case BlockKind.ListItem:
                    paras.Add((b.Marker == "-" ? "- " : b.Marker + " ") + Inline.ToPlain(b.Text));
                    break;
                case BlockKind.Code:
                case BlockKind.Table:
                    // Verbatim: Get-Help indents every line of a paragraph alike, so code and output keep their layout.
                    paras.Add(string.Join("\n", b.Lines.Select(l => l.TrimEnd())));
                    break;
            }
        }
        return paras;
    }

    private static void ParseParameters(MarkdownDocument doc, CommandHelp help, List<Block> body, int sectionLine)
    {
        ParameterHelp? p = null;
        bool common = false;

        void Finish()
        {
            if (p == null) return;
            if (p.Attributes.Count == 0)
                throw new HelpFormatException(doc.File, p.Line, "HELP110", $"Parameter -{p.Name} has no ```yaml block (Type, Parameter Sets, Aliases, Required, Position, Default value, Accept pipeline input, Accept wildcard characters).");
            if (p.Description.Count == 0)
                throw new HelpFormatException(doc.File, p.Line, "HELP111", $"Parameter -{p.Name} has no description.");
            help.Parameters.Add(p);
            p = null;
        }

        foreach (var b in body)
        {
            if (b.Kind == BlockKind.Heading)
            {
                if (b.Level != 3)
                    throw new HelpFormatException(doc.File, b.Line, "HELP112", $"In ## PARAMETERS use '### -Name' headings, not '{new string('#', b.Level)} {b.Text}'.");
                Finish();
                common = false;
                if (b.Text.Equals("CommonParameters", StringComparison.OrdinalIgnoreCase))
                {
                    common = true;
                    continue;
                }
                if (!b.Text.StartsWith('-') || b.Text.Length < 2 || b.Text.Skip(1).Any(c => !char.IsLetterOrDigit(c) && c != '_'))
                    throw new HelpFormatException(doc.File, b.Line, "HELP112", $"A parameter heading must be '### -Name' (or '### CommonParameters'), not '### {b.Text}'.");
                var name = b.Text[1..];
                if (help.Parameters.Any(x => x.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
                    throw new HelpFormatException(doc.File, b.Line, "HELP113", $"Parameter -{name} is documented twice.");
                p = new ParameterHelp { Name = name, Line = b.Line };
                continue;
            }
            if (common) continue; // the standard CommonParameters blurb: PowerShell adds its own.
            if (p == null)
                throw new HelpFormatException(doc.File, b.Line, "HELP112", "Text in ## PARAMETERS must follow a '### -Name' heading.");
            if (b.Kind == BlockKind.Code && b.Info == "yaml")
            {
                p.Attributes.Add(ParseYaml(doc, p, b));
                continue;
            }
            if (p.Attributes.Count > 0 && b.Kind != BlockKind.Code)
                throw new HelpFormatException(doc.File, b.Line, "HELP114", $"The description of -{p.Name} must come before its ```yaml block.");
            p.Description.AddRange(Paragraphs(doc, new[] { b }, "a parameter description"));
        }
        Finish();
    }

    private static readonly string[] YamlKeys =
        { "Type", "Parameter Sets", "Aliases", "Accepted values", "Required", "Position", "Default value", "Accept pipeline input", "Accept wildcard characters" };

    private static ParameterSetInfo ParseYaml(MarkdownDocument doc, ParameterHelp p, Block b)
    {
        var info = new ParameterSetInfo { Line = b.Line };
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int k = 0; k < b.Lines.Count; k++)
        {
            var line = b.Lines[k];
            int lineNo = b.Line + 1 + k;
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#')) continue;
            int colon = line.IndexOf(':');
            if (colon <= 0) throw new HelpFormatException(doc.File, lineNo, "HELP115", $"In the yaml block of -{p.Name}: expected 'Key: value', got '{line.Trim()}'.");
            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            var canonical = YamlKeys.FirstOrDefault(x => x.Equals(key, StringComparison.OrdinalIgnoreCase));
            if (canonical == null)
                throw new HelpFormatException(doc.File, lineNo, "HELP115", $"In the yaml block of -{p.Name}: unknown key '{key}'. Keys are: {string.Join(", ", YamlKeys)}.");
            if (!seen.Add(canonical)) throw new HelpFormatException(doc.File, lineNo, "HELP115", $"In the yaml block of -{p.Name}: '{canonical}' appears twice.");

            bool Bool()
            {
                if (value.Equals("True", StringComparison.OrdinalIgnoreCase)) return true;
                if (value.Equals("False", StringComparison.OrdinalIgnoreCase)) return false;
                throw new HelpFormatException(doc.File, lineNo, "HELP116", $"In the yaml block of -{p.Name}: '{canonical}' must be True or False, not '{value}'.");
            }

            List<string> ListValue() => value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();

            switch (canonical)
            {
                case "Type":
                    if (value.Length == 0) throw new HelpFormatException(doc.File, lineNo, "HELP116", $"In the yaml block of -{p.Name}: 'Type' is empty.");
                    info.Type = value;
                    break;
                case "Parameter Sets":
                    info.Sets = ListValue();
                    break;
                case "Aliases":
                    info.Aliases = value.Length == 0 || value.Equals("None", StringComparison.OrdinalIgnoreCase) ? "none" : string.Join(", ", ListValue());
                    break;
                case "Accepted values":
                    info.AcceptedValues = ListValue();
                    break;
                case "Required":
                    info.Required = Bool();
                    break;
                case "Position":
                    if (value.Equals("Named", StringComparison.OrdinalIgnoreCase)) info.Position = "named";
                    else if (int.TryParse(value, out var pos) && pos >= 0) info.Position = pos.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    else throw new HelpFormatException(doc.File, lineNo, "HELP116", $"In the yaml block of -{p.Name}: 'Position' must be Named or a number from 0, not '{value}'.");
                    break;
                case "Default value":
                    info.DefaultValue = value.Length == 0 ? "None" : value;
                    break;
                case "Accept pipeline input":
                    if (!Regex.IsMatch(value, @"^(False|True(\s*\((ByValue|ByPropertyName)(\s*,\s*(ByValue|ByPropertyName))?\))?)$", RegexOptions.IgnoreCase))
                        throw new HelpFormatException(doc.File, lineNo, "HELP116", $"In the yaml block of -{p.Name}: 'Accept pipeline input' must be False, True (ByValue), True (ByPropertyName) or True (ByPropertyName, ByValue), not '{value}'.");
                    info.PipelineInput = value;
                    break;
                case "Accept wildcard characters":
                    info.Globbing = Bool();
                    break;
            }
        }
        foreach (var required in new[] { "Type", "Required", "Position" })
        {
            if (!seen.Contains(required))
                throw new HelpFormatException(doc.File, b.Line, "HELP117", $"The yaml block of -{p.Name} has no '{required}:' line.");
        }
        return info;
    }

    private static void ParseSyntax(MarkdownDocument doc, CommandHelp help, List<Block> body, int sectionLine)
    {
        SyntaxSet? set = null;
        foreach (var b in body)
        {
            if (b.Kind == BlockKind.Heading)
            {
                if (b.Level != 3) throw new HelpFormatException(doc.File, b.Line, "HELP120", $"In ## SYNTAX use '### SetName' headings, not '{new string('#', b.Level)} {b.Text}'.");
                var name = b.Text.Trim();
                bool isDefault = false;
                var m = Regex.Match(name, @"^(?<n>.*?)\s*\(Default\)$", RegexOptions.IgnoreCase);
                if (m.Success)
                {
                    name = m.Groups["n"].Value;
                    isDefault = true;
                }
                if (name.Length == 0) throw new HelpFormatException(doc.File, b.Line, "HELP120", "A parameter set heading has no name.");
                if (help.Syntax.Any(s => s.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
                    throw new HelpFormatException(doc.File, b.Line, "HELP120", $"Parameter set '{name}' appears twice in ## SYNTAX.");
                set = new SyntaxSet { Name = name, IsDefault = isDefault, Line = b.Line };
                help.Syntax.Add(set);
                continue;
            }
            if (b.Kind != BlockKind.Code)
            {
                // Free text in SYNTAX is tolerated only if it is not where a code block belongs.
                throw new HelpFormatException(doc.File, b.Line, "HELP121", "## SYNTAX holds only '### SetName' headings, each followed by one ``` code block with the command line.");
            }
            if (set == null)
            {
                if (help.Syntax.Count > 0) throw new HelpFormatException(doc.File, b.Line, "HELP121", "A syntax code block must follow a '### SetName' heading.");
                set = new SyntaxSet { Name = AllParameterSets, IsDefault = true, Line = b.Line };
                help.Syntax.Add(set);
            }
            else if (set.HasBlock)
            {
                throw new HelpFormatException(doc.File, b.Line, "HELP121", $"Parameter set '{set.Name}' has more than one syntax code block.");
            }
            var text = string.Join(" ", b.Lines.Select(l => l.Trim())).Trim();
            if (!text.StartsWith(help.Name, StringComparison.OrdinalIgnoreCase))
                throw new HelpFormatException(doc.File, b.Line, "HELP122", $"The syntax of set '{set.Name}' must start with the command name '{help.Name}'.");
            text = text[help.Name.Length..].Replace("[<CommonParameters>]", "", StringComparison.OrdinalIgnoreCase);
            foreach (Match m in ParamToken.Matches(text))
            {
                var name = m.Groups["name"].Value;
                var param = help.Parameters.FirstOrDefault(x => x.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
                    ?? throw new HelpFormatException(doc.File, b.Line, "HELP123", $"The syntax of set '{set.Name}' names -{name}, which has no '### -{name}' entry in ## PARAMETERS.");
                if (set.Parameters.Contains(param.Name, StringComparer.OrdinalIgnoreCase))
                    throw new HelpFormatException(doc.File, b.Line, "HELP123", $"The syntax of set '{set.Name}' names -{name} twice.");
                set.Parameters.Add(param.Name);
            }
            set.HasBlock = true;
        }
        foreach (var s in help.Syntax)
        {
            if (!s.HasBlock)
                throw new HelpFormatException(doc.File, s.Line, "HELP121", $"Parameter set '{s.Name}' has no syntax code block.");
        }
        if (help.Syntax.Count > 1 && help.Syntax.Count(s => s.IsDefault) > 1)
            throw new HelpFormatException(doc.File, sectionLine, "HELP120", "More than one parameter set is marked '(Default)'.");
    }

    /// <summary>No SYNTAX blocks: one syntax line per set named in the parameters' yaml, in PowerShell's order.</summary>
    private static void DeriveSyntax(CommandHelp help)
    {
        var sets = help.Parameters.SelectMany(p => p.Attributes).Where(a => !a.AllSets).SelectMany(a => a.Sets)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (sets.Count == 0) sets.Add(AllParameterSets);
        foreach (var name in sets)
        {
            var set = new SyntaxSet { Name = name, IsDefault = help.Syntax.Count == 0 };
            set.Parameters = help.Parameters
                .Select(p => (p, a: p.For(name)))
                .Where(x => x.a != null)
                .OrderBy(x => x.a!.Position == "named" ? 1 : 0)
                .ThenBy(x => x.a!.Position == "named" ? 0 : int.Parse(x.a!.Position, System.Globalization.CultureInfo.InvariantCulture))
                .ThenBy(x => x.a!.Required ? 0 : 1)
                .Select(x => x.p.Name)
                .ToList();
            help.Syntax.Add(set);
        }
    }

    private static void CheckSyntaxAgainstParameters(MarkdownDocument doc, CommandHelp help)
    {
        var setNames = help.Syntax.Select(s => s.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var p in help.Parameters)
        {
            foreach (var a in p.Attributes)
            {
                foreach (var s in a.Sets.Where(s => !s.Equals("(All)", StringComparison.OrdinalIgnoreCase)))
                {
                    if (!setNames.Contains(s))
                        throw new HelpFormatException(doc.File, a.Line, "HELP124", $"-{p.Name} lists parameter set '{s}', which ## SYNTAX does not have (sets: {string.Join(", ", setNames)}).");
                }
            }
            var overlapping = help.Syntax.Where(s => p.Attributes.Count(a => a.AppliesTo(s.Name)) > 1).Select(s => s.Name).FirstOrDefault();
            if (overlapping != null)
                throw new HelpFormatException(doc.File, p.Line, "HELP124", $"-{p.Name} has more than one yaml block for parameter set '{overlapping}'.");
        }
        foreach (var s in help.Syntax)
        {
            foreach (var name in s.Parameters)
            {
                var p = help.Parameters.First(x => x.Name == name);
                if (p.For(s.Name) == null)
                    throw new HelpFormatException(doc.File, s.Line, "HELP125", $"The syntax of set '{s.Name}' names -{name}, but its yaml 'Parameter Sets' ({string.Join(", ", p.Attributes.SelectMany(a => a.Sets))}) does not include '{s.Name}' or (All).");
            }
            foreach (var p in help.Parameters.Where(p => p.For(s.Name) != null && !s.Parameters.Contains(p.Name)))
            {
                throw new HelpFormatException(doc.File, s.Line, "HELP125", $"-{p.Name} belongs to parameter set '{s.Name}' by its yaml, but the syntax block of '{s.Name}' does not name it.");
            }
        }
    }

    private static void ParseExamples(MarkdownDocument doc, CommandHelp help, List<Block> body, int sectionLine)
    {
        ExampleHelp? ex = null;
        var pendingRemarks = new List<Block>();

        void Finish()
        {
            if (ex == null) return;
            if (ex.Code.Count == 0)
                throw new HelpFormatException(doc.File, ex.Line, "HELP130", $"Example '{ex.Title}' has no ```powershell code block.");
            ex.Remarks = Paragraphs(doc, pendingRemarks, "an example");
            pendingRemarks.Clear();
            help.Examples.Add(ex);
            ex = null;
        }

        foreach (var b in body)
        {
            if (b.Kind == BlockKind.Heading)
            {
                if (b.Level != 3) throw new HelpFormatException(doc.File, b.Line, "HELP131", $"In ## EXAMPLES use '### Example N: title' headings, not '{new string('#', b.Level)} {b.Text}'.");
                Finish();
                var m = ExampleHeading.Match(b.Text);
                if (!m.Success) throw new HelpFormatException(doc.File, b.Line, "HELP131", $"Example headings must read '### Example N: title', not '### {b.Text}'.");
                int n = int.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture);
                if (n != help.Examples.Count + 1)
                    throw new HelpFormatException(doc.File, b.Line, "HELP131", $"Examples must be numbered 1, 2, 3, …: expected 'Example {help.Examples.Count + 1}', found 'Example {n}'.");
                var title = Inline.ToPlain(m.Groups["title"].Value.Trim());
                ex = new ExampleHelp { Line = b.Line, Title = title.Length > 0 ? $"Example {n}: {title}" : $"Example {n}" };
                continue;
            }
            if (ex == null) throw new HelpFormatException(doc.File, b.Line, "HELP131", "Text in ## EXAMPLES must follow a '### Example N: title' heading.");
            if (b.Kind == BlockKind.Code && b.Info is "powershell" or "ps" or "pwsh" or "ps1" or "posh")
            {
                if (ex.Code.Count > 0) ex.Code.Add("");
                ex.Code.AddRange(b.Lines);
                continue;
            }
            pendingRemarks.Add(b); // text, and output blocks (```output / ```text / ```)
        }
        Finish();
        if (help.Examples.Count == 0)
            throw new HelpFormatException(doc.File, sectionLine, "HELP130", "## EXAMPLES has no '### Example 1: title' entry.");
    }

    private static List<TypeHelp> ParseTypes(MarkdownDocument doc, List<Block> body, string where)
    {
        var result = new List<TypeHelp>();
        string? type = null;
        var desc = new List<Block>();

        void Finish()
        {
            if (type != null) result.Add(new TypeHelp(type, Paragraphs(doc, desc, where)));
            type = null;
            desc.Clear();
        }

        foreach (var b in body)
        {
            if (b.Kind == BlockKind.Heading)
            {
                if (b.Level != 3) throw new HelpFormatException(doc.File, b.Line, "HELP140", $"In {where} use '### TypeName' headings.");
                Finish();
                type = Inline.ToPlain(b.Text).Trim('`');
                continue;
            }
            if (type == null)
            {
                // platyPS style "None" or a bare type name without a ### heading.
                if (b.Kind == BlockKind.Paragraph && result.Count == 0 && desc.Count == 0)
                {
                    type = Inline.ToPlain(b.Text).Trim('`');
                    continue;
                }
                throw new HelpFormatException(doc.File, b.Line, "HELP140", $"Text in {where} must follow a '### TypeName' heading.");
            }
            desc.Add(b);
        }
        Finish();
        return result;
    }

    private static void ParseLinks(MarkdownDocument doc, CommandHelp help, List<Block> body)
    {
        var link = new Regex(@"^\[(?<text>[^\]]*)\]\((?<uri>[^)]*)\)$");
        foreach (var b in body)
        {
            if (b.Kind is not (BlockKind.ListItem or BlockKind.Paragraph))
                throw new HelpFormatException(doc.File, b.Line, "HELP150", "## RELATED LINKS holds one link per line: '[Text](uri)' or a command name.");
            foreach (var raw in b.Text.Split('\n').SelectMany(l => Regex.Split(l, @"(?<=\))\s+(?=\[)")))
            {
                var text = raw.Trim();
                if (text.Length == 0) continue;
                var m = link.Match(text);
                if (m.Success)
                {
                    var uri = m.Groups["uri"].Value.Trim();
                    // Links to sibling markdown files (Get-Foo.md, about_X.md) become plain topic names.
                    bool local = !uri.Contains("://", StringComparison.Ordinal);
                    help.Links.Add(new LinkHelp(m.Groups["text"].Value.Trim(), local ? "" : uri));
                }
                else
                {
                    help.Links.Add(new LinkHelp(Inline.ToPlain(text), ""));
                }
            }
        }
    }
}
