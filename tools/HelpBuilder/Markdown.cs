using System.Text;
using System.Text.RegularExpressions;

namespace HelpBuilder;

/// <summary>A problem in a help source file, reported as <c>file(line): error HELPnnn: message</c> (MSBuild's format).</summary>
public sealed class HelpFormatException : Exception
{
    public HelpFormatException(string file, int line, string code, string message) : base(message)
    {
        File = file;
        Line = line;
        Code = code;
    }

    public string File { get; }
    public int Line { get; }
    public string Code { get; }

    public override string ToString() =>
        Line > 0 ? $"{File}({Line}): error {Code}: {Message}" : $"{File}: error {Code}: {Message}";
}

public enum BlockKind { Heading, Paragraph, ListItem, Code, Table }

/// <summary>One markdown block. <see cref="Text"/> is the joined paragraph, list item or heading text;
/// <see cref="Lines"/> keeps code and table lines verbatim.</summary>
public sealed record Block(BlockKind Kind, int Line, string Text, int Level = 0, string Info = "", IReadOnlyList<string>? Lines = null, string Marker = "")
{
    public IReadOnlyList<string> Lines { get; init; } = Lines ?? Array.Empty<string>();
}

/// <summary>
/// The small subset of markdown that help is written in: YAML-ish front matter, ATX headings, paragraphs, list items,
/// fenced code blocks and pipe tables. HTML comments are dropped. Everything else is paragraph text.
/// </summary>
public sealed class MarkdownDocument
{
    private static readonly Regex HeadingRx = new(@"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$", RegexOptions.CultureInvariant);
    private static readonly Regex FenceRx = new(@"^( {0,3})(`{3,}|~{3,})[ \t]*([^`\s]*)[^`]*$", RegexOptions.CultureInvariant);
    private static readonly Regex ListRx = new(@"^( {0,3})([-*+]|\d{1,3}[.)])[ \t]+(.*)$", RegexOptions.CultureInvariant);

    public string File { get; }
    public Dictionary<string, (string Value, int Line)> FrontMatter { get; } = new(StringComparer.OrdinalIgnoreCase);
    public List<Block> Blocks { get; } = new();

    private MarkdownDocument(string file) => File = file;

    public static MarkdownDocument Load(string path) => Parse(path, System.IO.File.ReadAllText(path));

    public static MarkdownDocument Parse(string file, string text)
    {
        var doc = new MarkdownDocument(file);
        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        int i = 0;

        // Front matter: --- key: value ... ---
        if (lines.Length > 0 && lines[0].Trim() == "---")
        {
            int end = -1;
            for (int j = 1; j < lines.Length; j++)
            {
                if (lines[j].Trim() == "---") { end = j; break; }
            }
            if (end < 0) throw new HelpFormatException(file, 1, "HELP001", "The front matter that starts with '---' on line 1 is never closed with another '---' line.");
            for (int j = 1; j < end; j++)
            {
                var l = lines[j];
                if (l.Trim().Length == 0 || l.TrimStart().StartsWith('#')) continue;
                int colon = l.IndexOf(':');
                if (colon <= 0) throw new HelpFormatException(file, j + 1, "HELP001", $"Front matter lines must be 'key: value', not '{l.Trim()}'.");
                doc.FrontMatter[l[..colon].Trim()] = (Unquote(l[(colon + 1)..].Trim()), j + 1);
            }
            i = end + 1;
        }

        var para = new StringBuilder();
        int paraLine = 0;
        ListState? item = null;
        bool hardBreak = false;

        void FlushPara()
        {
            if (para.Length > 0) doc.Blocks.Add(new Block(BlockKind.Paragraph, paraLine, para.ToString()));
            para.Clear();
        }

        void FlushItem()
        {
            if (item != null) doc.Blocks.Add(new Block(BlockKind.ListItem, item.Line, item.Text.ToString(), Marker: item.Marker));
            item = null;
        }

        for (; i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.Trim();

            // HTML comments (possibly over several lines) are for authors only.
            if (trimmed.StartsWith("<!--", StringComparison.Ordinal))
            {
                FlushPara();
                FlushItem();
                int start = i;
                while (i < lines.Length && !lines[i].Contains("-->", StringComparison.Ordinal)) i++;
                if (i >= lines.Length) throw new HelpFormatException(file, start + 1, "HELP001", "An HTML comment ('<!--') is never closed with '-->'.");
                continue;
            }

            var fence = FenceRx.Match(line);
            if (fence.Success)
            {
                FlushPara();
                FlushItem();
                string marker = fence.Groups[2].Value;
                int indent = fence.Groups[1].Length;
                int start = i;
                var code = new List<string>();
                bool closed = false;
                for (i++; i < lines.Length; i++)
                {
                    var l = lines[i];
                    var t = l.TrimStart();
                    if (t.StartsWith(marker, StringComparison.Ordinal) && t.Trim().Trim(marker[0]).Length == 0 && l.Length - t.Length <= 3)
                    {
                        closed = true;
                        break;
                    }
                    // Remove up to the fence's own indentation, as CommonMark does.
                    int k = 0;
                    while (k < indent && k < l.Length && l[k] == ' ') k++;
                    code.Add(l[k..].TrimEnd());
                }
                if (!closed) throw new HelpFormatException(file, start + 1, "HELP002", $"The code block opened with '{marker}' on this line is never closed.");
                doc.Blocks.Add(new Block(BlockKind.Code, start + 1, string.Join("\n", code), Info: fence.Groups[3].Value.ToLowerInvariant(), Lines: code));
                continue;
            }

            if (trimmed.Length == 0)
            {
                FlushPara();
                FlushItem();
                continue;
            }

            var heading = HeadingRx.Match(line);
            if (heading.Success)
            {
                FlushPara();
                FlushItem();
                doc.Blocks.Add(new Block(BlockKind.Heading, i + 1, heading.Groups[2].Value.Trim(), Level: heading.Groups[1].Length));
                continue;
            }

            if (trimmed.StartsWith('|'))
            {
                FlushPara();
                FlushItem();
                int start = i;
                var rows = new List<string>();
                while (i < lines.Length && lines[i].Trim().StartsWith('|'))
                {
                    rows.Add(lines[i].Trim());
                    i++;
                }
                i--;
                doc.Blocks.Add(new Block(BlockKind.Table, start + 1, string.Join("\n", rows), Lines: rows));
                continue;
            }

            var li = ListRx.Match(line);
            if (li.Success)
            {
                FlushPara();
                FlushItem();
                var m = li.Groups[2].Value;
                item = new ListState(i + 1, char.IsDigit(m[0]) ? m : "-");
                item.Text.Append(li.Groups[3].Value.Trim());
                continue;
            }

            if (item != null)
            {
                // A lazy continuation line of the list item.
                item.Text.Append(' ').Append(trimmed);
                continue;
            }

            if (para.Length == 0) paraLine = i + 1;
            else para.Append(hardBreak ? "\n" : " ");
            // A line ending in two spaces or a backslash keeps its line break (markdown's hard break).
            hardBreak = line.EndsWith("  ", StringComparison.Ordinal) || trimmed.EndsWith('\\');
            para.Append(trimmed.EndsWith('\\') ? trimmed[..^1].TrimEnd() : trimmed);
        }
        FlushPara();
        FlushItem();
        return doc;
    }

    private static string Unquote(string v) =>
        v.Length >= 2 && ((v[0] == '"' && v[^1] == '"') || (v[0] == '\'' && v[^1] == '\'')) ? v[1..^1] : v;

    private sealed class ListState
    {
        public ListState(int line, string marker)
        {
            Line = line;
            Marker = marker;
        }

        public int Line { get; }
        public string Marker { get; }
        public StringBuilder Text { get; } = new();
    }
}

/// <summary>Turns inline markdown into the plain text that Get-Help shows.</summary>
public static class Inline
{
    private static readonly Regex Link = new(@"(?<!!)\[(?<text>[^\]]+)\]\((?<uri>[^)\s]+)(?:\s+""[^""]*"")?\)", RegexOptions.CultureInvariant);
    private static readonly Regex AutoLink = new(@"<(?<uri>https?://[^>\s]+)>", RegexOptions.CultureInvariant);
    private static readonly Regex Strong = new(@"(\*\*|__)(?=\S)(?<t>.+?)(?<=\S)\1", RegexOptions.CultureInvariant);
    private static readonly Regex Emphasis = new(@"(?<![\w*])\*(?=\S)(?<t>[^*]+?)(?<=\S)\*(?![\w*])", RegexOptions.CultureInvariant);
    private static readonly Regex Escape = new(@"\\([\\`*_{}\[\]()#+\-.!<>|~])", RegexOptions.CultureInvariant);

    /// <summary>
    /// Plain text: links become "text (uri)" for absolute URIs and "text" otherwise; bold and italic markers go;
    /// code spans keep their backticks (they read well in a console and mark commands). Escapes are undone.
    /// </summary>
    public static string ToPlain(string text)
    {
        // Protect code spans from the other rules.
        var spans = new List<string>();
        text = Regex.Replace(text, @"(`+)(.+?)\1", m =>
        {
            spans.Add(m.Value);
            return "\u0001" + (spans.Count - 1) + "\u0002";
        });
        text = Link.Replace(text, m =>
        {
            var t = m.Groups["text"].Value;
            var uri = m.Groups["uri"].Value;
            return uri.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || uri.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
                ? (t == uri ? uri : $"{t} ({uri})")
                : t;
        });
        text = AutoLink.Replace(text, "${uri}");
        text = Strong.Replace(text, "${t}");
        text = Emphasis.Replace(text, "${t}");
        text = Escape.Replace(text, "$1");
        text = Regex.Replace(text, "\u0001(\\d+)\u0002", m => spans[int.Parse(m.Groups[1].Value)]);
        return text;
    }
}
