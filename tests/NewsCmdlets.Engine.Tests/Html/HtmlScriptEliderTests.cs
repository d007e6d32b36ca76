using System.Text;
using AngleSharp.Dom;
using NewsCmdlets.Engine.Ingest.Html;

namespace NewsCmdlets.Engine.Tests.Html;

/// <summary>
/// The text of scripts and styles is left out of a page before it is parsed; everything else the parser builds stays
/// as it was (invented pages).
/// </summary>
public class HtmlScriptEliderTests
{
    [Fact]
    public void ScriptAndStyleTextIsLeftOutAndTheElementsStay()
    {
        const string page = "<html><head><style>p { color: teal }</style><script>var tally = 3 < 4;</script></head>" +
                            "<body><p>Harbour board meets</p><script src=\"x.js\"></script><SCRIPT type=module>go()</SCRIPT></body></html>";
        Assert.Equal("<html><head><style></style><script></script></head>" +
                     "<body><p>Harbour board meets</p><script src=\"x.js\"></script><SCRIPT type=module></SCRIPT></body></html>",
            HtmlScriptElider.Elide(page));
    }

    [Fact]
    public void JsonLdIsKept()
    {
        const string page = "<script type=\"application/ld+json\">{\"headline\":\"Quarry reopens\"}</script>" +
                            "<script type=\"application/ld&#43;json\">{\"headline\":\"Quarry reopens\"}</script><p>Text</p>";
        Assert.Same(page, HtmlScriptElider.Elide(page));
    }

    [Fact]
    public void AScriptEndsAtItsEndTagOnly()
    {
        const string page = "<script>if (a </scripts) b(); x = '</script-like';</script><p>Second</p><script>y()</SCRIPT\n><p>Third</p>";
        Assert.Equal("<script></script><p>Second</p><script></SCRIPT\n><p>Third</p>", HtmlScriptElider.Elide(page));
    }

    [Fact]
    public void EscapedScriptTextStopsTheElision()
    {
        // Inside "<!--" a "<script>" can move the end of the script past the next "</script>": the rest is parsed as it is.
        const string page = "<script>a()</script><script><!-- document.write(\"<script>run()</script>\"); --></script><script>c()</script>";
        Assert.Equal("<script></script><script><!-- document.write(\"<script>run()</script>\"); --></script><script>c()</script>",
            HtmlScriptElider.Elide(page));
    }

    [Fact]
    public void ScriptsInCommentsAttributesAndRawTextAreNotElements()
    {
        const string page = "<!-- <script>kept</script> --><p title='<style>kept</style>' data-x=a>b</p>" +
                            "<title><script>kept</script></title><textarea><style>kept</style></textarea><!--><script>x</script>";
        Assert.Equal("<!-- <script>kept</script> --><p title='<style>kept</style>' data-x=a>b</p>" +
                     "<title><script>kept</script></title><textarea><style>kept</style></textarea><!--><script></script>",
            HtmlScriptElider.Elide(page));
    }

    [Fact]
    public void AfterAnSvgIconTheScanGoesOn()
    {
        const string page = "<script>a()</script><svg viewBox=\"0 0 9 9\"><title>Share</title><g><path d=\"M0 0h9\"/><use href=#i /></g></svg>" +
                            "<svg/><script>b()</script><svg class=x/><circle r=1></circle></svg><style>.c{}</style>";
        Assert.Equal("<script></script><svg viewBox=\"0 0 9 9\"><title>Share</title><g><path d=\"M0 0h9\"/><use href=#i /></g></svg>" +
                     "<svg/><script></script><svg class=x/><circle r=1></circle></svg><style></style>", HtmlScriptElider.Elide(page));
    }

    [Fact]
    public void AnSvgWithMoreThanDrawingStopsTheScan()
    {
        // foreignObject holds HTML, a <style> in SVG is not raw text: what the parser does there is the tree builder's.
        const string page = "<script>a()</script><svg><foreignObject><p>x</p></foreignObject></svg><script>c()</script>";
        Assert.Equal("<script></script><svg><foreignObject><p>x</p></foreignObject></svg><script>c()</script>", HtmlScriptElider.Elide(page));
        const string styled = "<script>a()</script><svg><style>.b{}</style></svg><script>c()</script>";
        Assert.Equal("<script></script><svg><style>.b{}</style></svg><script>c()</script>", HtmlScriptElider.Elide(styled));
    }

    [Theory]
    [InlineData("<script>never closed")]
    [InlineData("<frameset><frame src=a.html></frameset><script>x</script>")]
    [InlineData("<p>a</p><!-- comment --!> <script>x</script> <!-- b -->")]
    public void APageItCannotFollowIsLeftAlone(string page) => Assert.Same(page, HtmlScriptElider.Elide(page));

    /// <summary>Pages whose markup goes wrong in the ways saved pages do; the parser must build the same page from both.</summary>
    public static TheoryData<string> Pages => new()
    {
        "<!DOCTYPE html><html><head><title>Dock strike</title><style>h1{}</style><script>var s = \"<div>\";</script></head><body><h1 class=head>Dock strike</h1><p>Workers walked out.</p></body></html>",
        "<table><tr><td>Cell<script>x = 1 < 2 && 3 > 2;</script></td><script>y()</script></tr></table><p>Under the table</p>",
        "<p>Zero<script>a()</script>One<script><!-- if (a) { document.write('<script></script>') } --></script>Two</p><p>Three</p>",
        "<!DOCTYPE html><?xml version=\"1.0\"?><!--><p>A</p><!---><script>b</script></ x><![CDATA[ c ]]><style>d</style><p>E</p>",
        "<div><!-- x -- y --><script>z</script><!----><style>w</style><p>Kept</p></div>",
        "<div a=\"x>y\" b='<script>' c=d>Text<style media=\"(min-width: 1px)\">div>p{}</style>more</div>",
        "<head><noscript><style>.nojs{}</style></noscript><script async src=a.js></script></head><body><p>Body text</p><script>z()</script>",
        "<p>Before<script/>After</p><script>q</script ><p>End</p><script>r</script\n><p>Last</p>",
        "<ul><li>One<li>Two<script>s</script><li>Three</ul><iframe><script>t</script></iframe><p>Tail</p>",
        "<p>Icon <svg width=9><title>Menu &amp; more</title><defs><linearGradient id=a><stop/></linearGradient></defs><rect/></svg> text</p><script>u</script>",
        "<table><tr><td><svg><svg><g></svg><path></svg>cell</td></tr></table><script>v</script><p>Below</p>",
        "<div><svg viewBox=0/><circle/></svg><script>w</script>after</div>",
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public void TheParserBuildsTheSamePageWithoutTheScriptText(string page)
    {
        string elided = HtmlScriptElider.Elide(page);
        Assert.NotSame(page, elided);
        var parser = HtmlArticleExtractor.CreateParser();
        using var before = parser.ParseDocument(page);
        using var after = parser.ParseDocument(elided);
        Assert.Equal(Shape(before), Shape(after));
    }

    /// <summary>Every element with its attributes and every text outside scripts and styles, in document order.</summary>
    private static string Shape(IDocument doc)
    {
        var sb = new StringBuilder();
        void Walk(INode n, bool inScript)
        {
            foreach (var c in n.ChildNodes)
            {
                if (c is IElement e)
                {
                    sb.Append('<').Append(e.LocalName);
                    foreach (var a in e.Attributes) sb.Append(' ').Append(a.Name).Append("=\"").Append(a.Value).Append('"');
                    sb.Append('>');
                    Walk(e, inScript || e.LocalName is "script" or "style");
                    sb.Append("</").Append(e.LocalName).Append('>');
                }
                else if (c is IText t && !inScript) sb.Append(t.Data);
            }
        }
        Walk(doc, false);
        return sb.ToString();
    }

    [Fact]
    public void AScriptOnlyPageStillCountsTheCharactersOfItsScripts()
    {
        var r = HtmlArticleExtractor.Extract("<html><head><script>var n = 12;</script><style>p{}</style></head><body><script>go();</script></body></html>",
            new HtmlArticleOptions { Now = new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero) });
        Assert.False(r.IsArticle);
        Assert.Equal("script-only page: no text outside 19 characters of scripts and styles", r.NotArticleReason);
    }
}
