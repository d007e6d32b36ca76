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

    /// <summary>The full stop of an abbreviation in the frame ("(D-Ore.)") does not end it.</summary>
    [Fact]
    public void A_frame_with_an_abbreviation_before_its_verb()
    {
        var q = Direct("\u201cThere is energy in a whole host of races,\u201d Rep. Earl Blumenhaus (D-Ore.) said.");
        Assert.Equal("Earl Blumenhaus", Assert.Single(q).Speaker);
    }

    /// <summary>A sentence that opens with "But" and an adjunct ("But a few days later, …") has its subject after them.</summary>
    [Fact]
    public void A_conjunction_and_an_adjunct_before_the_subject()
    {
        var q = Direct("Councillor Mara Olk backed the ferry levy in May.\n\nBut a few days later, Olk reversed herself again, telling KBX that the levies \u201care set. And we have to leave it that way.\u201d");
        Assert.Equal("Mara Olk", Assert.Single(q).Speaker);
    }

    /// <summary>A past-tense verb after a quote and a name is the frame's even when a time follows it ("fumed on Tuesday").</summary>
    [Fact]
    public void A_verb_of_saying_outside_the_lexicon_followed_by_a_time()
    {
        var q = Direct("\u201cThere is no money for it,\u201d Bram Hulst fumed on Tuesday.");
        Assert.Equal("Bram Hulst", Assert.Single(q).Speaker);
    }

    /// <summary>"Gov. Ada Morrow (R-OH), said": the comma closes the bracket after the name, it opens no parenthetical.</summary>
    [Fact]
    public void A_comma_after_the_bracket_that_follows_the_name()
    {
        var q = Direct("Tuesday at Pellam College in Berea, after winning the county in the primary, Gov. Ada Morrow (R-OH), said, \u201cWe are going all the way.\u201d");
        Assert.Equal("Ada Morrow", Assert.Single(q).Speaker);
    }

    /// <summary>A speaker is never a fragment with a verb in it: "The Pellam mayoral candidate sent out an email …" gives the
    /// description, not "… candidate sent out".</summary>
    [Fact]
    public void A_description_stops_before_the_verb_and_its_object()
    {
        var r = QuoteExtractorTests.Run("Bram Hulst is giving away a boat.\n\nThe Pellam mayoral candidate sent out an email to supporters inviting them to \u201cwin my boat!\u201d");
        Assert.Equal("The Pellam mayoral candidate", Assert.Single(r.Quotes, q => q.Text.StartsWith("win my", StringComparison.Ordinal)).Speaker);
    }
}
