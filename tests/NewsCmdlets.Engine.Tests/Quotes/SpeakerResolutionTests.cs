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

    /// <summary>The person someone is telling ("telling Marsh over the phone") does not speak in that sentence, so a "he" after
    /// it is the one who tells.</summary>
    [Fact]
    public void The_person_told_is_not_the_one_a_pronoun_stands_for()
    {
        var q = Direct("Harbour master Ivo Brandt joined the debate, telling Marsh over the phone:\n\n\u201cThe berths are full until June,\u201d he said.");
        Assert.Equal("Ivo Brandt", Assert.Single(q).Speaker);
    }

    /// <summary>The full stop of an abbreviation in the frame ("(Lab.)") does not end it.</summary>
    [Fact]
    public void A_frame_with_an_abbreviation_before_its_verb()
    {
        var q = Direct("\u201cThe ferry timetable changes in October,\u201d Sen. Halvar Dunne (Lab.) said.");
        Assert.Equal("Halvar Dunne", Assert.Single(q).Speaker);
    }

    /// <summary>A sentence that opens with "But" and an adjunct ("But a few days later, …") has its subject after them.</summary>
    [Fact]
    public void A_conjunction_and_an_adjunct_before_the_subject()
    {
        var q = Direct("Councillor Mara Olk backed the ferry levy in May.\n\nBut a week later, Olk changed course, telling the Pellam Echo that the plan \u201cis finished. We will not bring it back.\u201d");
        Assert.Equal("Mara Olk", Assert.Single(q).Speaker);
    }

    /// <summary>A past-tense verb after a quote and a name is the frame's even when a time follows it ("fumed on Tuesday").</summary>
    [Fact]
    public void A_verb_of_saying_outside_the_lexicon_followed_by_a_time()
    {
        var q = Direct("\u201cThere is no money for it,\u201d Bram Hulst fumed on Tuesday.");
        Assert.Equal("Bram Hulst", Assert.Single(q).Speaker);
    }

    /// <summary>"Mayor Ada Morrow (Green), said": the comma closes the bracket after the name, it opens no parenthetical.</summary>
    [Fact]
    public void A_comma_after_the_bracket_that_follows_the_name()
    {
        var q = Direct("On Friday at the Dunmore show ground, once the count was over, Mayor Ada Morrow (Green), said, \u201cThe park stays open.\u201d");
        Assert.Equal("Ada Morrow", Assert.Single(q).Speaker);
    }

    /// <summary>A speaker is never a fragment with a verb in it: "The Dunmore farm candidate sent out a letter …" gives the
    /// description, not "… candidate sent out".</summary>
    [Fact]
    public void A_description_stops_before_the_verb_and_its_object()
    {
        var r = QuoteExtractorTests.Run("Bram Hulst is raffling his old tractor.\n\nThe Dunmore farm candidate sent out a letter to members asking them to \u201cbid for the tractor!\u201d");
        Assert.Equal("The Dunmore farm candidate", Assert.Single(r.Quotes, q => q.Text.StartsWith("bid for", StringComparison.Ordinal)).Speaker);
        // A description as long as the run allows, its verb's particle just past it.
        var longer = QuoteExtractorTests.Run("Bram Hulst is raffling his old tractor.\n\nThe Dunmore dairy board chairman sent out a letter to members asking them to \u201cbid for the tractor!\u201d");
        Assert.Equal("The Dunmore dairy board chairman", Assert.Single(longer.Quotes, q => q.Text.StartsWith("bid for", StringComparison.Ordinal)).Speaker);
    }
}
