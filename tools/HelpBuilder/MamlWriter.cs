using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace HelpBuilder;

/// <summary>Writes command help as MAML, the XML that Get-Help reads from &lt;Assembly&gt;.dll-Help.xml.</summary>
public static class MamlWriter
{
    public static readonly XNamespace Msh = "http://msh";
    public static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    public static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    public static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
    public static readonly XNamespace MSHelp = "http://msdn.microsoft.com/mshelp";

    public static XDocument Build(IEnumerable<CommandHelp> commands)
    {
        var root = new XElement(Msh + "helpItems", new XAttribute("schema", "maml"));
        foreach (var c in commands.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)) root.Add(BuildCommand(c));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), root);
    }

    public static void Save(XDocument doc, string path)
    {
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Replace,
        };
        using var writer = XmlWriter.Create(path, settings);
        doc.Save(writer);
    }

    private static XElement BuildCommand(CommandHelp c)
    {
        var cmd = new XElement(Command + "command",
            new XAttribute(XNamespace.Xmlns + "maml", Maml),
            new XAttribute(XNamespace.Xmlns + "command", Command),
            new XAttribute(XNamespace.Xmlns + "dev", Dev),
            new XAttribute(XNamespace.Xmlns + "MSHelp", MSHelp));

        cmd.Add(new XElement(Command + "details",
            new XElement(Command + "name", c.Name),
            new XElement(Command + "verb", c.Verb),
            new XElement(Command + "noun", c.Noun),
            Description(c.Synopsis)));

        cmd.Add(Description(c.Description));

        var syntax = new XElement(Command + "syntax");
        foreach (var set in c.Syntax)
        {
            var item = new XElement(Command + "syntaxItem", new XElement(Maml + "name", c.Name));
            foreach (var name in set.Parameters)
            {
                var p = c.Parameters.First(x => x.Name == name);
                item.Add(Parameter(p, p.For(set.Name)!, inSyntax: true));
            }
            syntax.Add(item);
        }
        cmd.Add(syntax);

        var parameters = new XElement(Command + "parameters");
        foreach (var p in c.Parameters)
        {
            // The parameter list shows one entry per parameter: its attributes in the default (or first) set it is in.
            var defaultSet = c.Syntax.FirstOrDefault(s => s.IsDefault && p.For(s.Name) != null)
                ?? c.Syntax.FirstOrDefault(s => p.For(s.Name) != null);
            var attrs = defaultSet != null ? p.For(defaultSet.Name)! : p.Attributes[0];
            parameters.Add(Parameter(p, attrs, inSyntax: false));
        }
        cmd.Add(parameters);

        cmd.Add(new XElement(Command + "inputTypes", c.Inputs.Select(t =>
            new XElement(Command + "inputType", TypeElement(t.Type), Description(t.Description)))));
        cmd.Add(new XElement(Command + "returnValues", c.Outputs.Select(t =>
            new XElement(Command + "returnValue", TypeElement(t.Type), Description(t.Description)))));

        if (c.Notes.Count > 0)
            cmd.Add(new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paras(c.Notes))));

        cmd.Add(new XElement(Command + "examples", c.Examples.Select(e =>
            new XElement(Command + "example",
                new XElement(Maml + "title", $"--------- {e.Title} ---------"),
                new XElement(Dev + "code", string.Join("\n", e.Code)),
                // The trailing empty paragraph gives a blank line before the next example's title in Get-Help.
                new XElement(Dev + "remarks", Paras(e.Remarks), new XElement(Maml + "para"))))));

        cmd.Add(new XElement(Command + "relatedLinks", c.Links.Select(l =>
            new XElement(Maml + "navigationLink",
                new XElement(Maml + "linkText", l.Text),
                new XElement(Maml + "uri", l.Uri)))));
        return cmd;
    }

    private static XElement Parameter(ParameterHelp p, ParameterSetInfo a, bool inSyntax)
    {
        var e = new XElement(Command + "parameter",
            new XAttribute("required", a.Required ? "true" : "false"),
            new XAttribute("variableLength", "true"),
            new XAttribute("globbing", a.Globbing ? "true" : "false"),
            new XAttribute("pipelineInput", a.PipelineInput),
            new XAttribute("position", a.Position),
            new XAttribute("aliases", a.Aliases),
            new XElement(Maml + "name", p.Name),
            Description(p.Description));
        if (a.AcceptedValues.Count > 0)
        {
            e.Add(new XElement(Command + "parameterValueGroup", a.AcceptedValues.Select(v =>
                new XElement(Command + "parameterValue", new XAttribute("required", "false"), new XAttribute(Command + "variableLength", "false"), v))));
        }
        // In the syntax diagram a switch has no value placeholder ("[-Force]", not "[-Force <SwitchParameter>]").
        if (!(inSyntax && a.IsSwitch))
            e.Add(new XElement(Command + "parameterValue", new XAttribute("required", a.IsSwitch ? "false" : "true"), new XAttribute("variableLength", "false"), a.Type));
        e.Add(TypeElement(a.Type));
        e.Add(new XElement(Dev + "defaultValue", a.DefaultValue));
        return e;
    }

    private static XElement TypeElement(string type) =>
        new(Dev + "type", new XElement(Maml + "name", type), new XElement(Maml + "uri"));

    private static XElement Description(IEnumerable<string> paras) => new(Maml + "description", Paras(paras));

    private static IEnumerable<XElement> Paras(IEnumerable<string> paras)
    {
        var list = paras.ToList();
        if (list.Count == 0) return new[] { new XElement(Maml + "para") };
        return list.Select(p => new XElement(Maml + "para", p));
    }
}
