using System.Text;
using NewsCmdlets.Engine.Ingest.Html;

namespace NewsCmdlets.Engine.Tests.Html;

public class HtmlDecoderTests
{
    static HtmlDecoderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly Encoding Win1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    [Fact]
    public void MetaCharsetWindows1252IsHonoured()
    {
        string html = "<html><head><meta charset=\"windows-1252\"><title>Caf\u00e9 na\u00efve \u2013 Westmere</title></head><body><p>Caf\u00e9 \u201cquoted\u201d \u20ac5</p></body></html>";
        byte[] bytes = Win1252.GetBytes(html);
        var warnings = new List<string>();
        string text = HtmlDecoder.Decode(bytes, null, out var name, warnings);
        Assert.Contains("Caf\u00e9 \u201cquoted\u201d \u20ac5", text);
        Assert.StartsWith("windows-1252", name);
        Assert.Empty(warnings);
    }

    [Fact]
    public void HttpEquivContentTypeIsHonoured()
    {
        string html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"></head><body><p>K\u00f8benhavn</p></body></html>";
        string text = HtmlDecoder.Decode(Win1252.GetBytes(html), null, out var name, new List<string>());
        Assert.Contains("K\u00f8benhavn", text);
        Assert.StartsWith("windows-1252", name);
    }

    [Fact]
    public void HttpCharsetWinsOverMeta()
    {
        string html = "<html><head><meta charset=\"utf-8\"></head><body><p>Caf\u00e9</p></body></html>";
        string text = HtmlDecoder.Decode(Win1252.GetBytes(html), "text/html; charset=windows-1252", out var name, new List<string>());
        Assert.Contains("Caf\u00e9", text);
        Assert.Contains("HTTP", name);
    }

    [Fact]
    public void BomWins()
    {
        string html = "<html><head><meta charset=\"windows-1252\"></head><body><p>Caf\u00e9 \u2014 \u65e5\u672c</p></body></html>";
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(html)).ToArray();
        string text = HtmlDecoder.Decode(bytes, "text/html; charset=iso-8859-1", out var name, new List<string>());
        Assert.Contains("Caf\u00e9 \u2014 \u65e5\u672c", text);
        Assert.Equal("utf-8 (BOM)", name);
        Assert.False(text.StartsWith('\uFEFF'));

        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(html)).ToArray();
        Assert.Contains("\u65e5\u672c", HtmlDecoder.Decode(utf16, null, out var n16, new List<string>()));
        Assert.StartsWith("utf-16LE", n16);
    }

    [Fact]
    public void ValidUtf8WithoutDeclarationIsUtf8()
    {
        string html = "<html><body><p>Caf\u00e9 \u2014 \u0141\u00f3d\u017a</p></body></html>";
        string text = HtmlDecoder.Decode(Encoding.UTF8.GetBytes(html), null, out var name, new List<string>());
        Assert.Contains("\u0141\u00f3d\u017a", text);
        Assert.StartsWith("utf-8", name);
    }

    [Fact]
    public void InvalidUtf8WithoutDeclarationFallsBackToWindows1252()
    {
        string html = "<html><body><p>Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e</p></body></html>";
        string text = HtmlDecoder.Decode(Win1252.GetBytes(html), null, out var name, new List<string>());
        Assert.Contains("Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e", text);
        Assert.StartsWith("windows-1252", name);
    }

    [Fact]
    public void DeclaredUtf8WhoseBytesAreWindows1252IsReadAsWindows1252WithAWarning()
    {
        // The charset lies: not one non-ASCII byte sequence is UTF-8.
        string html = "<html><head><meta charset=utf-8></head><body><p>Caf\u00e9 cr\u00e8me \u201cquoted\u201d</p></body></html>";
        var warnings = new List<string>();
        string text = HtmlDecoder.Decode(Win1252.GetBytes(html), null, out var name, warnings);
        Assert.Contains("Caf\u00e9 cr\u00e8me \u201cquoted\u201d", text);
        Assert.StartsWith("windows-1252", name);
        Assert.Contains("windows-1252", Assert.Single(warnings));
    }

    [Fact]
    public void DeclaredUtf8WithAStrayInvalidByteStaysUtf8AndWarns()
    {
        var bytes = Encoding.UTF8.GetBytes("<html><head><meta charset=utf-8></head><body><p>Caf\u00e9 \u0141\u00f3d\u017a</p></body></html>").ToList();
        bytes.Insert(bytes.Count - "</p></body></html>".Length, 0xE9); // after the text
        var warnings = new List<string>();
        string text = HtmlDecoder.Decode(bytes.ToArray(), null, out var name, warnings);
        Assert.Contains("\u0141\u00f3d\u017a", text);
        Assert.Contains("\uFFFD", text);
        Assert.StartsWith("utf-8", name);
        Assert.Single(warnings);
    }

    [Fact]
    public void MetaInsideCommentIsIgnoredAndLateMetaIsFound()
    {
        string html = "<html><head><!-- <meta charset=\"koi8-r\"> --><title>x</title>" + new string(' ', 5000) + "<meta charset=\"windows-1252\"></head><body>Caf\u00e9</body></html>";
        string text = HtmlDecoder.Decode(Win1252.GetBytes(html), null, out var name, new List<string>());
        Assert.StartsWith("windows-1252", name);
        Assert.Contains("Caf\u00e9", text);
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html><head></head><body></body></html>", true)]
    [InlineData("\uFEFF  <!doctype HTML>", true)]
    [InlineData("<html lang=\"en\"><body><p>x</p></body></html>", true)]
    [InlineData("<meta charset=\"utf-8\"><title>x</title><p>Story</p>", true)]
    [InlineData("<div class=\"story\"><p>One</p><p>Two</p></div>", true)]
    [InlineData("Ferry strike strands Westmere commuters\n\nFerry crews walked off the job.", false)]
    [InlineData("Use a <b> tag for bold, the writer said.", false)]
    [InlineData("", false)]
    public void LooksLikeHtmlByContent(string text, bool expected) => Assert.Equal(expected, HtmlDecoder.LooksLikeHtml(text));
}
