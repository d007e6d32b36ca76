using System.Text;
using static NewsCmdlets.PowerShell.Tests.PowerShellRunner;

namespace NewsCmdlets.PowerShell.Tests;

/// <summary>Import-NewsArticle -Encoding takes the names Get-Content takes, encoding names and code pages (issue 28).</summary>
public sealed class EncodingParameterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("newscmdlets-encoding-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private static readonly Encoding Cyrillic = CodePagesEncodingProvider.Instance.GetEncoding(1251)!;

    private const string Title = "Паром остановлен на острове";

    private string CyrillicFile()
    {
        string path = Path.Combine(_dir, "ru.txt");
        File.WriteAllBytes(path, Cyrillic.GetBytes(Title + "\n\n" + string.Concat(Enumerable.Repeat("Экипажи парома вышли на забастовку в субботу утром. ", 8))));
        return path;
    }

    [Theory]
    [InlineData("windows-1251")]
    [InlineData("1251")]
    [InlineData("[System.Text.Encoding]::GetEncoding(1251)")]
    public void A_named_encoding_decodes_the_file(string encoding)
    {
        string arg = encoding.StartsWith('[') ? $"({encoding})" : Quote(encoding);
        var r = Run($"[System.Text.Encoding]::RegisterProvider([System.Text.CodePagesEncodingProvider]::Instance); Import-NewsArticle -Path {Quote(CyrillicFile())} -Encoding {arg} | ForEach-Object Title");
        Assert.Null(r.Terminating);
        Assert.Empty(r.Errors);
        Assert.Equal(Title, r.Single().ToString());
    }

    [Fact]
    public void Get_Content_names_bind_and_a_wrong_name_is_a_binding_error()
    {
        string file = CyrillicFile();
        string latin = Path.Combine(_dir, "latin.txt");
        File.WriteAllBytes(latin, CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes("Café crews walk out\n\n" + string.Concat(Enumerable.Repeat("Ferry crews walked out at dawn over pay. ", 8))));
        var guessed = Run($"Import-NewsArticle -Path {Quote(latin)} | ForEach-Object Title");
        Assert.Equal("Café crews walk out", guessed.Single().ToString()); // not UTF-8, every byte Windows-1252
        var utf8 = Run($"Import-NewsArticle -Path {Quote(latin)} -Encoding utf8NoBOM | ForEach-Object Title");
        Assert.Null(utf8.Terminating);
        Assert.Equal("Caf\uFFFD crews walk out", utf8.Single().ToString()); // told UTF-8: replaced, with a warning
        Assert.Contains(utf8.Warnings, w => w.Message.Contains("-Encoding"));

        var wrong = Run($"Import-NewsArticle -Path {Quote(file)} -Encoding no-such-encoding");
        var e = wrong.Terminating ?? Assert.Single(wrong.Errors);
        Assert.Contains("ParameterArgumentTransformationError", e.FullyQualifiedErrorId);
        Assert.Contains("utf8BOM", e.Exception.Message);
    }
}
