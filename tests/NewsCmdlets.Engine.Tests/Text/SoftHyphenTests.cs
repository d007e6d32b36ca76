using NewsCmdlets.Engine.Ingest.Html;
using NewsCmdlets.Engine.Text;

namespace NewsCmdlets.Engine.Tests.Text;

/// <summary>
/// A soft hyphen (U+00AD, &amp;shy;) is part of a page's text: the body keeps it as the page and a reader's copy have it,
/// and the word it sits in stays one word for the analyses. Invented text.
/// </summary>
public class SoftHyphenTests
{
    [Fact]
    public void APagesSoftHyphensStayInTheBody()
    {
        const string first = "The Brackenfold harbour com&shy;mission voted on Monday to close the northern quay for repairs until the spring.";
        const string second = "Boat owners were told to move their moorings to the southern basin, where the commission has added forty berths.";
        const string third = "The repairs will cost about two million pounds, most of it paid from the harbour's maintenance reserve.";
        string html = "<!DOCTYPE html><html lang=\"en\"><head><title>Harbour quay closes</title></head><body><h1>Harbour quay closes</h1>" +
                      $"<article><p>{first}</p><p>{second}</p><p>{third}</p></article></body></html>";
        var r = HtmlArticleExtractor.Extract(html, new HtmlArticleOptions { Now = new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero) });
        Assert.True(r.IsArticle, r.NotArticleReason);
        // Ordinal: a culture-aware comparison ignores the soft hyphen and would pass either way.
        Assert.Contains("harbour com\u00ADmission voted", r.Article!.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void AWordWithASoftHyphenIsOneToken()
    {
        const string text = "The Brackenfold Harbour\u00ADmaster resigned.";
        var words = Tokenizer.Tokenize(text).Select(t => text.Substring(t.Start, t.Length)).ToArray();
        Assert.Equal(new[] { "The", "Brackenfold", "Harbour\u00ADmaster", "resigned", "." }, words);
        Assert.Equal(4, TextShape.CountWords(text));
        Assert.Equal("the brackenfold harbourmaster resigned", TextShape.Normalise(text));
    }
}
