using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Text;

namespace NewsCmdlets;

/// <summary>
/// The encoding names Get-Content takes (ascii, ansi, bigendianunicode, bigendianutf32, oem, unicode, utf7, utf8,
/// utf8BOM, utf8NoBOM, utf32), any other name .NET knows (windows-1252, iso-8859-2, shift_jis …) and code page
/// numbers (1252), turned into an <see cref="Encoding"/> while binding, so -Encoding reads as it does for Get-Content.
/// </summary>
internal static class EncodingNames
{
    static EncodingNames() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Get-Content's names, in the order it lists them.</summary>
    public static readonly string[] PowerShellNames =
        { "ascii", "ansi", "bigendianunicode", "bigendianutf32", "oem", "unicode", "utf7", "utf8", "utf8BOM", "utf8NoBOM", "utf32" };

    public static Encoding? FromName(string name)
    {
        switch (name.Trim().ToLowerInvariant())
        {
            case "ascii": return Encoding.ASCII;
            case "ansi": return Encoding.GetEncoding(CultureInfo.CurrentCulture.TextInfo.ANSICodePage);
            case "bigendianunicode": return Encoding.BigEndianUnicode;
            case "bigendianutf32": return new UTF32Encoding(bigEndian: true, byteOrderMark: true);
            case "oem": return Encoding.GetEncoding(CultureInfo.CurrentCulture.TextInfo.OEMCodePage);
            case "unicode": return Encoding.Unicode;
#pragma warning disable SYSLIB0001 // UTF-7 is obsolete, but Get-Content still reads it
            case "utf7": return new UTF7Encoding();
#pragma warning restore SYSLIB0001
            case "utf8" or "utf8bom" or "utf8nobom": return new UTF8Encoding(false);
            case "utf32": return Encoding.UTF32;
        }
        try
        {
            return int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out int codePage) ? Encoding.GetEncoding(codePage) : Encoding.GetEncoding(name.Trim());
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            return null;
        }
    }
}

/// <summary>Binds -Encoding from a name, a code page number or an <see cref="Encoding"/>; anything else is a binding error.</summary>
internal sealed class EncodingTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        object? value = inputData is PSObject pso ? pso.BaseObject : inputData;
        return value switch
        {
            Encoding e => e,
            int codePage => EncodingNames.FromName(codePage.ToString(CultureInfo.InvariantCulture)) ?? throw Unknown(codePage),
            string s => EncodingNames.FromName(s) ?? throw Unknown(s),
            _ => inputData,
        };
    }

    private static ArgumentTransformationMetadataException Unknown(object value) =>
        new($"'{value}' is not an encoding. Use one of {string.Join(", ", EncodingNames.PowerShellNames)}, an encoding name such as windows-1252, or a code page number such as 1252.");
}

/// <summary>Completes -Encoding with Get-Content's names.</summary>
public sealed class EncodingCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        EncodingNames.PowerShellNames.Append("windows-1252")
            .Where(n => n.StartsWith((wordToComplete ?? "").Trim('\'', '"'), StringComparison.OrdinalIgnoreCase))
            .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, n));
}
