using System.Text;

namespace HelpBuilder;

/// <summary>
/// Turns an about_*.md topic into the plain-text about_*.help.txt that Get-Help shows:
/// TOPIC / SHORT DESCRIPTION / LONG DESCRIPTION / other sections in capitals at the margin, text indented four
/// spaces and wrapped so that no line is longer than <see cref="Width"/> characters (code blocks are kept as written).
/// </summary>
public static class AboutWriter
{
    public const int Width = 79;
    private const string Indent = "    ";

    /// <summary>Lines that cannot be wrapped (code) and are longer than <see cref="Width"/>, as warnings.</summary>
    public static List<string> Warnings(MarkdownDocument doc)
    {
        var warnings = new List<string>();
        // Get-Help about_* shows only the first line under SHORT DESCRIPTION as the topic's synopsis.
        int sd = doc.Blocks.FindIndex(b => b.Kind == BlockKind.Heading && b.Level == 2 && b.Text.Trim().Equals("Short description", StringComparison.OrdinalIgnoreCase));
        if (sd >= 0 && sd + 1 < doc.Blocks.Count && doc.Blocks[sd + 1].Kind == BlockKind.Paragraph
            && Wrap(Inline.ToPlain(doc.Blocks[sd + 1].Text), Indent, Indent).Count() > 1)
            warnings.Add($"{doc.File}({doc.Blocks[sd + 1].Line}): warning HELP202: the short description wraps to more than one line; " +
                         "Get-Help shows only its first line as the topic's synopsis.");
        foreach (var b in doc.Blocks.Where(b => b.Kind == BlockKind.Code))
        {
            for (int k = 0; k < b.Lines.Count; k++)
            {
                int len = 2 * Indent.Length + b.Lines[k].Length;
                if (len > Width)
                    warnings.Add($"{doc.File}({b.Line + 1 + k}): warning HELP201: this code line is {len} characters once indented; " +
                                 $"about topics should fit in {Width + 1} columns (code is not wrapped).");
            }
        }
        return warnings;
    }

    public static string Render(MarkdownDocument doc)
    {
        var blocks = doc.Blocks;
        HelpFormatException Error(int line, string message) => new(doc.File, line, "HELP200", message);

        var topic = Path.GetFileNameWithoutExtension(doc.File);
        int h1 = blocks.FindIndex(b => b.Kind == BlockKind.Heading);
        if (h1 < 0 || blocks[h1].Level != 1)
            throw Error(h1 < 0 ? 1 : blocks[h1].Line, $"The file must start with the topic name as a level-1 heading: '# {topic}'.");
        if (!blocks[h1].Text.Equals(topic, StringComparison.OrdinalIgnoreCase))
            throw Error(blocks[h1].Line, $"The heading '# {blocks[h1].Text}' does not match the file name (expected '# {topic}').");
        if (blocks.Take(h1).Any()) throw Error(blocks[0].Line, "Text before the '# about_…' heading is not allowed.");

        var sections = new List<(string Title, int Line, List<Block> Body)>();
        for (int i = h1 + 1; i < blocks.Count; i++)
        {
            var b = blocks[i];
            if (b.Kind == BlockKind.Heading && b.Level <= 2)
            {
                if (b.Level == 1) throw Error(b.Line, $"Only one level-1 heading is allowed; found '# {b.Text}'.");
                sections.Add((b.Text.Trim(), b.Line, new List<Block>()));
                continue;
            }
            if (sections.Count == 0) throw Error(b.Line, "Text must go under '## Short description' or '## Long description', not straight under the title.");
            sections[^1].Body.Add(b);
        }

        var shortDesc = sections.FindIndex(s => s.Title.Equals("Short description", StringComparison.OrdinalIgnoreCase));
        var longDesc = sections.FindIndex(s => s.Title.Equals("Long description", StringComparison.OrdinalIgnoreCase));
        if (shortDesc < 0) throw Error(blocks[h1].Line, "Missing section '## Short description' (one or two sentences).");
        if (longDesc < 0) throw Error(blocks[h1].Line, "Missing section '## Long description'.");
        if (shortDesc != 0 || longDesc != 1) throw Error(sections[0].Line, "The first two sections must be '## Short description' and then '## Long description'.");
        if (!sections[shortDesc].Body.Any(b => b.Kind == BlockKind.Paragraph))
            throw Error(sections[shortDesc].Line, "Section '## Short description' is empty.");
        if (sections[longDesc].Body.Count == 0) throw Error(sections[longDesc].Line, "Section '## Long description' is empty.");
        var dup = sections.GroupBy(s => s.Title, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (dup != null) throw Error(dup.Skip(1).First().Line, $"Section '## {dup.Key}' appears twice.");

        var sb = new StringBuilder();
        sb.Append("TOPIC\n").Append(Indent).Append(topic).Append('\n');
        foreach (var (title, _, body) in sections)
        {
            sb.Append('\n').Append(Inline.ToPlain(title).ToUpperInvariant()).Append('\n');
            Block? previous = null;
            foreach (var b in body)
            {
                // Blank lines between blocks, except between the items of one list.
                if (previous != null && !(previous.Kind == BlockKind.ListItem && b.Kind == BlockKind.ListItem)) sb.Append('\n');
                previous = b;
                RenderBlock(sb, b);
            }
        }
        return sb.ToString();
    }

    private static void RenderBlock(StringBuilder sb, Block b)
    {
        switch (b.Kind)
        {
            case BlockKind.Heading:
            {
                var text = Inline.ToPlain(b.Text);
                if (b.Level == 3)
                {
                    // A subsection: its title at the text margin, underlined.
                    foreach (var line in Wrap(text, Indent, Indent)) sb.Append(line).Append('\n');
                    sb.Append(Indent).Append(new string('-', Math.Min(text.Length, Width - Indent.Length))).Append('\n');
                }
                else
                {
                    foreach (var line in Wrap(text + ":", Indent, Indent)) sb.Append(line).Append('\n');
                }
                break;
            }
            case BlockKind.Paragraph:
                foreach (var piece in b.Text.Split('\n'))
                {
                    foreach (var line in Wrap(Inline.ToPlain(piece), Indent, Indent)) sb.Append(line).Append('\n');
                }
                break;
            case BlockKind.ListItem:
            {
                var marker = b.Marker + " ";
                foreach (var line in Wrap(Inline.ToPlain(b.Text), Indent + marker, Indent + new string(' ', marker.Length))) sb.Append(line).Append('\n');
                break;
            }
            case BlockKind.Code:
                foreach (var line in b.Lines) sb.Append((Indent + Indent + line).TrimEnd()).Append('\n');
                break;
            case BlockKind.Table:
                RenderTable(sb, b);
                break;
        }
    }

    /// <summary>A pipe table as aligned columns; the last column wraps under itself when the table is too wide.</summary>
    private static void RenderTable(StringBuilder sb, Block b)
    {
        var rows = b.Lines
            .Where(l => !System.Text.RegularExpressions.Regex.IsMatch(l, @"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$"))
            .Select(l => l.Trim().Trim('|').Split('|').Select(c => Inline.ToPlain(c.Trim().Replace("\\|", "|"))).ToList())
            .ToList();
        if (rows.Count == 0) return;
        int cols = rows.Max(r => r.Count);
        foreach (var r in rows) while (r.Count < cols) r.Add("");
        var widths = Enumerable.Range(0, cols).Select(c => rows.Max(r => r[c].Length)).ToArray();
        int lead = Indent.Length + widths.Take(cols - 1).Sum() + 2 * (cols - 1);
        if (lead > Width - 20)
        {
            // Too wide to align: one row per paragraph, cells joined with " | ".
            foreach (var r in rows)
            {
                foreach (var line in Wrap(string.Join(" | ", r), Indent, Indent + "  ")) sb.Append(line).Append('\n');
            }
            return;
        }
        for (int ri = 0; ri < rows.Count; ri++)
        {
            var r = rows[ri];
            var prefix = new StringBuilder(Indent);
            for (int c = 0; c < cols - 1; c++) prefix.Append(r[c].PadRight(widths[c] + 2));
            var wrapped = Wrap(r[cols - 1], prefix.ToString(), new string(' ', lead)).ToList();
            if (wrapped.Count == 0) wrapped.Add(prefix.ToString().TrimEnd());
            foreach (var line in wrapped) sb.Append(line.TrimEnd()).Append('\n');
            if (ri == 0)
            {
                var rule = new StringBuilder(Indent);
                for (int c = 0; c < cols; c++)
                {
                    int w = c == cols - 1 ? Math.Min(Math.Max(widths[c], r[c].Length), Width - lead) : widths[c];
                    rule.Append(new string('-', Math.Max(w, 1)));
                    if (c < cols - 1) rule.Append("  ");
                }
                sb.Append(rule).Append('\n');
            }
        }
    }

    /// <summary>Greedy word wrap; a word longer than the line stands on a line of its own.</summary>
    public static IEnumerable<string> Wrap(string text, string firstIndent, string indent)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var line = new StringBuilder(firstIndent);
        bool empty = true;
        foreach (var w in words)
        {
            if (!empty && line.Length + 1 + w.Length > Width)
            {
                yield return line.ToString();
                line.Clear().Append(indent);
                empty = true;
            }
            if (!empty) line.Append(' ');
            line.Append(w);
            empty = false;
        }
        if (!empty) yield return line.ToString();
    }
}
