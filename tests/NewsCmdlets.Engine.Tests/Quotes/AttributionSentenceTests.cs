using NewsCmdlets.Engine.Quotes;

namespace NewsCmdlets.Engine.Tests.Quotes;

/// <summary>The attributions of one sentence share its text: made once a sentence, not once an attribution (issue 31).</summary>
public sealed class AttributionSentenceTests
{
    private const string Report =
        "The Lenmouth ferry will not sail until April, harbour officials said on Monday.\n\n" +
        "Mara Quell told the Kestrel Bay Courier that the pier was unsafe, and the council said repairs would cost 2 million euros, according to the port authority.\n\n" +
        "Tobin Vasse said the fishermen had not been warned.";

    [Fact]
    public void Attributions_in_one_sentence_share_one_string_for_it()
    {
        var r = new QuoteExtractor().ExtractText(Report, "a1", "Orrin Valley Post");
        var pairs = r.Attributions.GroupBy(a => a.Sentence).Where(g => g.Count() > 1).ToList();
        Assert.NotEmpty(pairs);
        foreach (var g in pairs)
        {
            var first = g.First().Sentence;
            Assert.All(g, a => Assert.Same(first, a.Sentence));
            Assert.DoesNotContain('\n', first);
        }
    }
}
