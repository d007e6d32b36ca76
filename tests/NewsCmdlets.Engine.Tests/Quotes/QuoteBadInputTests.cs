using System.Text;
using NewsCmdlets.Engine.Quotes;
using static NewsCmdlets.Engine.Tests.Quotes.QuoteExtractorTests;

namespace NewsCmdlets.Engine.Tests.Quotes;

/// <summary>Get-NewsQuote's engine on the bad input issue 26 names: a text in capitals, an interview printed as a Q/A
/// transcript, a 5 MB paragraph with one opening mark; and the SpeakerNote a user reads when the speaker is not named
/// beside the quote. Texts written by us (invented people and places).</summary>
public sealed class QuoteBadInputTests
{
    [Fact]
    public void A_text_in_capitals_gives_its_quotes_with_no_speaker_and_says_why()
    {
        var r = Run("FERRY CREWS WALK OUT\n\n\u201cWE WILL NOT SAIL UNTIL WE ARE PAID,\u201d SAID ORLA VENN, THE UNION LEADER. SHE SAID THE STRIKE WOULD LAST A WEEK.\n\n" +
                    "\u201cTHE ISLAND WILL MANAGE,\u201d MAYOR INES HALLORAN TOLD REPORTERS.");
        var direct = r.Quotes.Where(q => q.Kind == QuoteKind.Direct).ToList();
        Assert.Equal(new[] { "WE WILL NOT SAIL UNTIL WE ARE PAID,", "THE ISLAND WILL MANAGE," }, direct.Select(q => q.Text));
        // No fragment of the capitals ("SAID ORLA VENN", "THE UNION LEADER") comes back as a speaker: empty, with the reason.
        Assert.All(r.Quotes, q => Assert.Null(q.Speaker));
        Assert.All(direct, q => Assert.Equal("the text is written in capital letters, where names cannot be told from other words", q.SpeakerNote));
        Assert.Empty(r.Warnings);
    }

    [Fact]
    public void Answers_in_a_QA_transcript_are_the_interviewees_and_questions_are_left_out()
    {
        var r = Run("Ines Halloran, the mayor of Pellam, spoke to the Kestrel Gazette on Tuesday.\n\n" +
                    "Q: Will the ferries run on Monday?\n\nA: They will run if the crews agree. We have offered them more.\n\n" +
                    "Q: And if they do not?\n\nA: Then we will hire boats from the mainland.");
        var direct = r.Quotes.Where(q => q.Kind == QuoteKind.Direct).ToList();
        Assert.Equal(new[] { "They will run if the crews agree. We have offered them more.", "Then we will hire boats from the mainland." }, direct.Select(q => q.Text));
        Assert.All(direct, q => Assert.Equal("Ines Halloran", q.Speaker));
        Assert.All(direct, q => Assert.Equal("an answer in a Q/A transcript: the person named before the first question", q.SpeakerNote));
        Assert.DoesNotContain(r.Quotes, q => q.Text.Contains("Will the ferries", StringComparison.Ordinal) || q.Speaker is "Q" or "A");
    }

    [Fact]
    public void A_transcript_that_names_no_one_gives_answers_with_no_speaker_and_the_reason()
    {
        var r = Run("Q: Will the ferries run on Monday?\nA: They will run if the crews agree.\nQ: And if they do not?\nA: Then we will hire boats.");
        var direct = r.Quotes.Where(q => q.Kind == QuoteKind.Direct).ToList();
        Assert.Equal(new[] { "They will run if the crews agree.", "Then we will hire boats." }, direct.Select(q => q.Text));
        Assert.All(direct, q => Assert.Null(q.Speaker));
        Assert.All(direct, q => Assert.Equal("an answer in a Q/A transcript that names no one before the first question", q.SpeakerNote));
        // "A:" with no question before it is no transcript: an "A: …" list item stays what it was.
        Assert.DoesNotContain(Run("Two routes were cut.\n\nA: the east pier route.\n\nB: the night crossing.").Quotes, q => q.Kind == QuoteKind.Direct);
    }

    [Fact]
    public void A_5_MB_paragraph_with_one_opening_mark_finishes_without_a_quote_swallowing_it()
    {
        var sb = new StringBuilder("Ferry crews walked out on Monday. The union said \u201cthe strike goes on ");
        while (sb.Length < 5_000_000) sb.Append("and crews on the island routes waited for word from the operator about pay ");
        sb.Append(". \u201cWe are ready to talk,\u201d said Orla Venn.");
        var r = Run(sb.ToString());
        Assert.All(r.Quotes, q => Assert.True(q.Length <= QuoteExtractor.MaxQuoteLength, $"a quote of {q.Length} characters"));
        Assert.Contains(r.Quotes, q => q.Text == "We are ready to talk," && q.Speaker == "Orla Venn");
        Assert.NotEmpty(r.Warnings); // the mark that never closes
    }

    [Fact]
    public void The_speaker_note_says_how_a_pronoun_was_resolved_and_why_a_quote_has_no_speaker()
    {
        var r = Run("Orla Venn leads the ferry union.\n\n\u201cWe will not sail,\u201d she said.\n\nThe pier stayed shut all week.\n\n\u201cNobody knows when it will open.\u201d");
        var direct = r.Quotes.Where(q => q.Kind == QuoteKind.Direct).ToList();
        Assert.Equal(2, direct.Count);
        Assert.Equal("Orla Venn", direct[0].Speaker);
        Assert.Equal("'she' resolved to the nearest person it can refer to", direct[0].SpeakerNote);
        Assert.Null(direct[1].Speaker);
        Assert.Equal("no verb of saying, and no speaker in the sentence before", direct[1].SpeakerNote);
    }
}
