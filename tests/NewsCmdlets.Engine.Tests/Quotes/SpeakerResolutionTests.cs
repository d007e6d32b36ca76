using NewsCmdlets.Engine.Quotes;

namespace NewsCmdlets.Engine.Tests.Quotes;

/// <summary>Who a pronoun, a surname or a quote with no verb of its own stands for, on text we wrote (invented people and
/// outlets).</summary>
public sealed class SpeakerResolutionTests
{
    private static List<NewsQuote> Direct(string text) =>
        QuoteExtractorTests.Run(text).Quotes.Where(q => q.Kind == QuoteKind.Direct).ToList();

    /// <summary>A surname that is also a place ("Jackson") is the person the article named in full, so "he" can stand for
    /// it and the quote's speaker is the full name.</summary>
    [Fact]
    public void A_surname_that_is_also_a_place_is_the_person_named_in_full()
    {
        var q = Direct("Tomas Jackson, a retired surgeon, met voters in Pellam on Friday. Oskar Vell, the town clerk, greeted him at the door.\n\n" +
                       "Jackson said, \u201cWe will build the clinic.\u201d\n\n\u201cWell, it will open in May,\u201d he added.");
        Assert.Equal(new[] { "Tomas Jackson", "Tomas Jackson" }, q.Select(x => x.Speaker));
    }

    /// <summary>The person someone is telling ("telling Vexa in an interview") does not speak in that sentence, so a "he" after
    /// it is the one who tells.</summary>
    [Fact]
    public void The_person_told_is_not_the_one_a_pronoun_stands_for()
    {
        var q = Direct("Deputy mayor Jon Belder weighed in as well, telling Vexa in an interview published on Monday:\n\n\u201cThey are both qualified,\u201d he said.");
        Assert.Equal("Jon Belder", Assert.Single(q).Speaker);
    }
}
