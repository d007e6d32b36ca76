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

/// <summary>
/// A name the page hyphenated softly is the name a user types: entity names, forms and speakers leave the invisible
/// soft hyphen out, and the word is read as the same word ("Oster­hagen" later is "Osterhagen"). Invented text.
/// </summary>
public class SoftHyphenNameTests
{
    private const char Shy = '\u00AD';
    private static readonly string Text =
        $"The mayor of Port Wen{Shy}della, Marta Oster{Shy}hagen, said on Tuesday that the Wen{Shy}della Harbour Authority " +
        $"would delay the vote on the new ferry terminal. Osterhagen met the authority's board on Monday.\n" +
        $"\"We need more time to read the plans,\" Oster{Shy}hagen said.";

    [Fact]
    public void EntityNamesAndFormsHaveNoSoftHyphen()
    {
        var r = new NewsCmdlets.Engine.Entities.EntityExtractor().ExtractText(Text, new DateTimeOffset(2025, 3, 4, 0, 0, 0, TimeSpan.Zero));
        Assert.DoesNotContain(r.Entities, e => e.Name.Contains(Shy) || e.Forms.Any(f => f.Contains(Shy)));
        // One person: the softly hyphenated and the plain spelling are one name.
        var person = Assert.Single(r.Entities, e => e.Name == "Marta Osterhagen");
        Assert.Contains("Osterhagen", person.Forms);
        Assert.Contains(r.Entities, e => e.Name == "Port Wendella");
    }

    [Fact]
    public void SpeakersHaveNoSoftHyphen()
    {
        var q = new NewsCmdlets.Engine.Quotes.QuoteExtractor().ExtractText(Text, "id1", "The Test Tide");
        Assert.NotEmpty(q.Quotes);
        Assert.All(q.Quotes, x => Assert.Equal("Marta Osterhagen", x.Speaker));
    }
}
