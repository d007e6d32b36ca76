using System.Globalization;

namespace NewsCmdlets.Engine.Coverage;

/// <summary>
/// Writes HTML to a <see cref="TextWriter"/>: markup passes through as given, every piece of text (article text is
/// untrusted) is encoded for element content and quoted attribute values alike.
/// </summary>
internal sealed class CoverageReportHtml
{
    private readonly TextWriter _w;

    public CoverageReportHtml(TextWriter w) => _w = w;

    /// <summary>Markup written as is; never pass text from an article here.</summary>
    public CoverageReportHtml Raw(string markup)
    {
        _w.Write(markup);
        return this;
    }

    /// <summary>Text, encoded.</summary>
    public CoverageReportHtml Text(string? text)
    {
        _w.Write(Encode(text));
        return this;
    }

    /// <summary>A number, formatted with the invariant culture.</summary>
    public CoverageReportHtml Number(double value, string format = "0.##")
    {
        _w.Write(value.ToString(format, CultureInfo.InvariantCulture));
        return this;
    }

    /// <summary><c>&lt;tag attr="value"&gt;text&lt;/tag&gt;</c> with the text encoded; <paramref name="attributes"/> is markup.</summary>
    public CoverageReportHtml Element(string tag, string? text, string attributes = "")
    {
        _w.Write('<');
        _w.Write(tag);
        if (attributes.Length > 0) { _w.Write(' '); _w.Write(attributes); }
        _w.Write('>');
        _w.Write(Encode(text));
        _w.Write("</");
        _w.Write(tag);
        _w.Write('>');
        return this;
    }

    /// <summary>
    /// Encodes text for HTML element content and double- or single-quoted attribute values: &amp; &lt; &gt; " ' become
    /// character references, and control characters HTML does not allow (all C0 but tab, line feed and carriage
    /// return; DEL; C1; lone surrogates) are dropped.
    /// </summary>
    public static string Encode(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new System.Text.StringBuilder(text.Length + 16);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                case '\t' or '\n' or '\r': sb.Append(c); break;
                default:
                    if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) break;
                    if (char.IsHighSurrogate(c))
                    {
                        if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { sb.Append(c).Append(text[i + 1]); i++; }
                        break;
                    }
                    if (char.IsLowSurrogate(c)) break;
                    sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }
}
