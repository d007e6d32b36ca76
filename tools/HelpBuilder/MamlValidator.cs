using System.Xml.Linq;

namespace HelpBuilder;

/// <summary>
/// Checks a MAML help file the way a reader of Get-Help -Full would: every command has a name, synopsis,
/// description, syntax, every parameter its syntax names documented, and at least one example with code.
/// </summary>
public static class MamlValidator
{
    private static readonly XNamespace Msh = MamlWriter.Msh, Maml = MamlWriter.Maml, Command = MamlWriter.Command, Dev = MamlWriter.Dev;

    /// <summary>Returns the problems found, one line each; empty when the file is complete.</summary>
    public static List<string> Validate(string path)
    {
        var problems = new List<string>();
        XDocument doc;
        try
        {
            doc = XDocument.Load(path, LoadOptions.SetLineInfo);
        }
        catch (Exception e) when (e is System.Xml.XmlException or IOException or UnauthorizedAccessException)
        {
            problems.Add($"{path}: cannot be read as XML: {e.Message}");
            return problems;
        }

        var root = doc.Root!;
        if (root.Name != Msh + "helpItems") problems.Add($"{path}: the root element is <{root.Name.LocalName}> in '{root.Name.NamespaceName}', not <helpItems xmlns=\"http://msh\">.");
        if ((string?)root.Attribute("schema") != "maml") problems.Add($"{path}: <helpItems> lacks schema=\"maml\".");
        var commands = root.Elements(Command + "command").ToList();
        if (commands.Count == 0) problems.Add($"{path}: no <command:command> elements.");

        foreach (var cmd in commands)
        {
            var name = Text(cmd.Element(Command + "details")?.Element(Command + "name"));
            var who = name.Length > 0 ? name : $"command #{commands.IndexOf(cmd) + 1}";
            void Missing(string what) => problems.Add($"{who}: {what}");

            if (name.Length == 0) Missing("no <command:details>/<command:name>.");
            if (Paras(cmd.Element(Command + "details")?.Element(Maml + "description")).Count == 0) Missing("no synopsis (<command:details>/<maml:description>/<maml:para>).");
            if (Paras(cmd.Element(Maml + "description")).Count == 0) Missing("no description (<maml:description>/<maml:para>).");

            var syntaxItems = cmd.Element(Command + "syntax")?.Elements(Command + "syntaxItem").ToList() ?? new();
            if (syntaxItems.Count == 0) Missing("no syntax (<command:syntax>/<command:syntaxItem>).");

            var parameters = cmd.Element(Command + "parameters")?.Elements(Command + "parameter").ToList() ?? new();
            // A command may have none but the common parameters (Get-NewsCacheConfiguration); what its syntax names must be
            // documented (checked below).
            var documented = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var p in parameters)
            {
                var pname = Text(p.Element(Maml + "name"));
                if (pname.Length == 0) { Missing("a parameter without <maml:name>."); continue; }
                documented.Add(pname);
                if (Paras(p.Element(Maml + "description")).Count == 0) Missing($"parameter -{pname} has no description.");
                if (Text(p.Element(Dev + "type")?.Element(Maml + "name")).Length == 0) Missing($"parameter -{pname} has no type (<dev:type>/<maml:name>).");
                foreach (var attr in new[] { "required", "position", "pipelineInput", "globbing", "aliases" })
                {
                    if (p.Attribute(attr) == null) Missing($"parameter -{pname} has no {attr}=\"…\" attribute.");
                }
            }
            foreach (var item in syntaxItems)
            {
                foreach (var p in item.Elements(Command + "parameter"))
                {
                    var pname = Text(p.Element(Maml + "name"));
                    if (!documented.Contains(pname)) Missing($"syntax names -{pname}, which is not in <command:parameters>.");
                }
            }

            var examples = cmd.Element(Command + "examples")?.Elements(Command + "example").ToList() ?? new();
            if (examples.Count == 0) Missing("no examples (<command:examples>/<command:example>).");
            for (int i = 0; i < examples.Count; i++)
            {
                var e = examples[i];
                if (Text(e.Element(Maml + "title")).Length == 0) Missing($"example {i + 1} has no title.");
                if (Text(e.Element(Dev + "code")).Length == 0) Missing($"example {i + 1} has no code.");
                if (Paras(e.Element(Dev + "remarks")).Count == 0) Missing($"example {i + 1} has no remarks.");
            }
        }
        return problems;
    }

    private static string Text(XElement? e) => e?.Value.Trim() ?? "";

    private static List<string> Paras(XElement? e) =>
        e?.Elements(Maml + "para").Select(p => p.Value.Trim()).Where(t => t.Length > 0).ToList() ?? new();
}
