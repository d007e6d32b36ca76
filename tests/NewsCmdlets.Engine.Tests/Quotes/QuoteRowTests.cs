using NewsCmdlets.Engine.Quotes;

namespace NewsCmdlets.Engine.Tests.Quotes;

/// <summary>Which rows Get-NewsQuote gives at all (issue 26, row precision): words that only look like verbs of saying
/// report nothing, and titles in quotation marks are not quotes. Invented text.</summary>
public sealed class QuoteRowTests
{
    private static ArticleQuotes Run(string text) => QuoteExtractorTests.Run(text);

    private static List<string> Indirect(ArticleQuotes r) => r.Quotes.Where(q => q.Kind == QuoteKind.Indirect).Select(q => q.Text).ToList();

    /// <summary>A particle makes another verb of a verb of saying: "signed up for", "called into".</summary>
    [Fact]
    public void A_verb_with_a_particle_reports_nothing()
    {
        var r = Run("Ada Morn signed up for a pottery class at the Pellam community hall last winter.");
        Assert.Empty(Indirect(r));
        var said = Run("Ada Morn said the pottery class at the Pellam community hall would close.");
        Assert.Single(Indirect(said));
    }

    /// <summary>"400 pledged delegates", "more guaranteed income": a participle after a number or a quantity word that
    /// modifies the noun after it.</summary>
    [Fact]
    public void A_participle_after_a_number_modifies_its_noun()
    {
        var r = Run("Ada Morn has won 400 pledged delegates so far in the long primary contest.");
        Assert.DoesNotContain(Indirect(r), t => t.StartsWith("delegates", StringComparison.Ordinal));
        var subject = Run("About six in 10 said they would vote for the ferry levy in the spring.");
        Assert.Contains(Indirect(subject), t => t.StartsWith("they would vote", StringComparison.Ordinal));
    }

    /// <summary>"states that have voted": a relative clause after a noun, not a reported clause.</summary>
    [Fact]
    public void A_noun_before_a_relative_that_reports_nothing()
    {
        var r = Run("Ada Morn campaigned hard in the western states that have voted for the ferry levy before.");
        Assert.Equal(new string[0], Indirect(r));
        var states = Run("The ministry states that the ferry levy will rise in the spring.");
        Assert.Contains(Indirect(states), t => t.StartsWith("the ferry levy", StringComparison.Ordinal));
    }

    /// <summary>"a former state Senate leader", "deputy counsel Ida Voss": a verb of saying that is also a noun, after a word for a
    /// rank, a number or a place and before a capitalised word, modifies the name; nothing is reported.</summary>
    [Fact]
    public void A_noun_before_a_name_after_a_rank_or_place_reports_nothing()
    {
        var r = Run("The dinner was organised by Tobias Lenk, a former state Assembly member who now breeds goats near Pellam.");
        Assert.Empty(Indirect(r));
        var counsel = Run("Harbour Freight hired Bram Oates, the deputy counsel Ida Voss had recommended to the board last spring.");
        Assert.Empty(Indirect(counsel));
        var place = Run("Ida Voss was elected to the Nevada state Senate in 2009 after two terms on the Pellam council.");
        Assert.Empty(Indirect(place));
        var states = Run("The ministry states the ferry levy will rise in the spring.");
        Assert.Contains(Indirect(states), t => t.StartsWith("the ferry levy", StringComparison.Ordinal));
    }

    /// <summary>"…, said Ada Morn, a pollster.": the name after a comma-set verb is who speaks, not what was said.</summary>
    [Fact]
    public void The_name_after_a_verb_set_off_by_a_comma_is_not_the_reported_clause()
    {
        var r = Run("Turnout will fall, forcing the council to close two schools, said Ada Morn, a pollster at the Linden Forum.");
        Assert.DoesNotContain(Indirect(r), t => t.StartsWith("Ada Morn", StringComparison.Ordinal));
    }

    /// <summary>"a group called Harbour Watch": a naming participle, not a verb of saying.</summary>
    [Fact]
    public void A_naming_participle_after_an_indefinite_phrase_is_no_verb_of_saying()
    {
        var r = Run("A new group called Harbour Watch is raising money to rebuild the east pier in Pellam.");
        Assert.Empty(Indirect(r));
        Assert.Empty(r.Attributions);
    }

    /// <summary>Titles in quotation marks after "titled" or set off after a word for a work are not quotes.</summary>
    [Fact]
    public void Titles_after_titled_or_a_work_word_are_not_quotes()
    {
        var memoir = Run("Ada Morn wrote about the flood in her memoir, \u201cLong Roads Home.\u201d");
        Assert.DoesNotContain(memoir.Quotes, q => q.Kind != QuoteKind.Indirect);
        var memo = Run("The campaign of Ada Morn released a memo titled \u201cThe Facts on the Ferry Plan.\u201d");
        Assert.DoesNotContain(memo.Quotes, q => q.Kind != QuoteKind.Indirect);
        var quote = Run("Ada Morn wrote in her memoir, \u201cWe lost everything in the flood.\u201d");
        Assert.Single(quote.Quotes, q => q.Kind == QuoteKind.Direct);
    }

    /// <summary>A title right before a word for who makes or appears in a work ("the “…” star"), or set off after a word
    /// for a kind of show or book ("the coastal thriller, “…,”"), is a title, not a quote.</summary>
    [Fact]
    public void Titles_before_a_role_word_or_after_a_genre_word_are_not_quotes()
    {
        var star = Run("On Friday the \u201cHarbour Lights\u201d star Ines Kalb opened a bakery on the east pier in Pellam. She said: \u201cWe start filming again in May.\u201d");
        Assert.DoesNotContain(star.Quotes, q => q.Text.Contains("Harbour Lights", StringComparison.Ordinal));
        Assert.Single(star.Quotes, q => q.Kind == QuoteKind.Direct && q.Text.StartsWith("We start filming", StringComparison.Ordinal));
        var thriller = Run("Ines Kalb also appears in the coastal thriller, \u201cGrey Tide,\u201d which opens in Pellam in May.");
        Assert.DoesNotContain(thriller.Quotes, q => q.Kind != QuoteKind.Indirect);
    }

    /// <summary>Two verbs in one sentence that frame the same reported clause give one row, not two.</summary>
    [Fact]
    public void One_reported_clause_gives_one_row()
    {
        var r = Run("Ada Morn said during the council debate that the ferry levy would rise in the spring.");
        Assert.Single(Indirect(r), t => t.StartsWith("the ferry levy would rise", StringComparison.Ordinal));
    }

    /// <summary>"… said that A and said that B": the same speaker's second report is its own row, not the tail of the first.</summary>
    [Fact]
    public void A_coordinated_second_report_is_its_own_row()
    {
        var r = Run("Ines Kalb said that the harbour board had failed the town and said that the spring timetable must be rewritten.");
        var rows = r.Quotes.Where(q => q.Kind == QuoteKind.Indirect).ToList();
        Assert.Equal(new[] { "the harbour board had failed the town", "the spring timetable must be rewritten" }, rows.Select(q => q.Text).ToArray());
        Assert.All(rows, q => Assert.Equal("Ines Kalb", q.Speaker));
    }

    /// <summary>The words skipped before a "that" do not run past another verb of saying: "told the council …, but added that
    /// …" reports the added clause under "added", not under "told".</summary>
    [Fact]
    public void The_search_for_that_stops_at_another_verb_of_saying()
    {
        var r = Run("Ada Morn told the council the levy would rise, but added that the schools would not close.");
        var added = Assert.Single(r.Quotes, q => q.Kind == QuoteKind.Indirect && q.Text == "the schools would not close");
        Assert.Equal("added", added.Verb);
    }

    /// <summary>"…, but other members said …": a coordinated clause with its own "say" or "tell" is its own report, not the
    /// end of the first one.</summary>
    [Fact]
    public void A_reported_clause_ends_where_another_voice_speaks()
    {
        var r = Run("Ada Morn said the ferry fund was closed, but other members of the council said it would reopen in the spring.");
        var ind = Indirect(r);
        Assert.Contains("the ferry fund was closed", ind);
        Assert.Contains(ind, t => t.StartsWith("it would reopen", StringComparison.Ordinal));
    }
    /// <summary>"…, though the harbour board insisted …": any verb that reports a clause, with its own subject after the
    /// conjunction, is another voice; the first clause ends before it.</summary>
    [Fact]
    public void A_reported_clause_ends_where_another_subject_insists()
    {
        var r = Run("Ada Morn said the ferry depot would stay open, though the harbour board insisted it would close by May.");
        var ind = Indirect(r);
        Assert.Contains("the ferry depot would stay open", ind);
        Assert.Contains(ind, t => t.StartsWith("it would close", StringComparison.Ordinal));
    }

    /// <summary>"…, according to the minutes" at the end of a reported clause says where the writer had it from: it is not part
    /// of what was said. Set off in the middle of the clause it leaves the clause whole.</summary>
    [Fact]
    public void A_source_tag_at_the_end_is_not_part_of_the_reported_clause()
    {
        var r = Run("Ines Kalb said the east pier would close for a year, according to minutes published by the Pellam Courier.");
        Assert.Contains("the east pier would close for a year", Indirect(r));
        var middle = Run("Ines Kalb said the repairs, according to the harbour minutes, would cost twice the first estimate.");
        Assert.Contains(Indirect(middle), t => t.EndsWith("would cost twice the first estimate", StringComparison.Ordinal));
    }

    /// <summary>"…, the council agreed to rebuild …": a frame after a comma whose verb governs an infinitive does not end the
    /// sentence, so the words before it are not what it reports.</summary>
    [Fact]
    public void A_verb_with_an_infinitive_does_not_report_the_words_before_it()
    {
        var r = Run("Eight weeks after the storm surge, the Pellam council agreed to rebuild the harbour wall.");
        Assert.Empty(Indirect(r));
        var said = Run("The harbour wall will be rebuilt by the autumn, the Pellam council said.");
        Assert.Contains(Indirect(said), t => t.StartsWith("The harbour wall will be rebuilt", StringComparison.Ordinal));
        var toReporters = Run("The harbour wall will be rebuilt by the autumn, Ines Kalb said to reporters.");
        Assert.Contains(Indirect(toReporters), t => t.StartsWith("The harbour wall will be rebuilt", StringComparison.Ordinal));
    }

    /// <summary>"…, the union complained about a shortage …": a frame after a comma whose verb's prepositional object runs on to the
    /// end of the sentence governs it, so the words before it are not what it reports; "say" with an adjunct still does.</summary>
    [Fact]
    public void A_verb_with_a_long_prepositional_object_does_not_report_the_words_before_it()
    {
        var r = Run("Lacking figures from the operator, which it keeps private, the union complained about a shortage of drivers across the northern depots.");
        Assert.DoesNotContain(Indirect(r), t => t.StartsWith("Lacking", StringComparison.Ordinal));
        var said = Run("The harbour wall will be rebuilt by the autumn, Ines Kalb said to reporters outside the council chamber on Monday.");
        Assert.Contains(Indirect(said), t => t.StartsWith("The harbour wall will be rebuilt", StringComparison.Ordinal));
    }

    /// <summary>A short phrase in quotation marks with no verb of saying and no one in its sentence who could have said it (a
    /// scare quote or a label) is no quote; the same words after a verb of saying are, and so is a longer quoted clause.</summary>
    [Fact]
    public void Scare_quotes_with_no_speaker_are_not_rows()
    {
        var scare = Run("The old fish market reopened on Monday next to a \u201cpop-up\u201d bakery and a \u201cferry hub\u201d for the islands.");
        Assert.DoesNotContain(scare.Quotes, q => q.Kind is QuoteKind.Partial or QuoteKind.Direct);
        var said = Run("Ines Kalb called the plan a \u201cferry hub\u201d on Monday, and the council agreed.");
        Assert.Contains(said.Quotes, q => q.Kind == QuoteKind.Partial && q.Text == "ferry hub" && q.Speaker == "Ines Kalb");
        var longer = Run("Beside the market stands a pier that \u201cwill never close to the people of Pellam\u201d despite the storms.");
        Assert.Contains(longer.Quotes, q => q.Kind == QuoteKind.Partial && q.Text.StartsWith("will never close", StringComparison.Ordinal));
    }

    /// <summary>A noun phrase after a verb whose object is a topic, a person or a thing ("described his plan", "called the
    /// mayor", "signed the bill") is no reported clause; after a verb whose object can be the message ("announced …",
    /// "asked …") it is, and so is a clause after any of them.</summary>
    [Fact]
    public void A_noun_phrase_after_a_verb_of_topic_is_no_reported_speech()
    {
        var described = Run("Ines Kalb described the new ferry timetable for the northern islands at the harbour meeting.");
        Assert.Empty(Indirect(described));
        var called = Run("On Friday night Ada Morn called the harbour master of the Pellam ferry depot.");
        Assert.Empty(Indirect(called));
        var announced = Run("Ines Kalb announced a new ferry timetable for the northern islands on Monday.");
        Assert.Contains(Indirect(announced), t => t.StartsWith("a new ferry timetable", StringComparison.Ordinal));
        var clause = Run("Ines Kalb described how the new ferry timetable would cut the crossing to the islands.");
        Assert.Contains(Indirect(clause), t => t.Contains("would cut the crossing", StringComparison.Ordinal));
        // Words in quotation marks after a verb of topic are still what was said (the row holds them; alone they are too
        // short to be a row of their own).
        var quoted = Run("The harbour board rejected the plan on Thursday by five votes to four. Ines Kalb closed the harbour meeting early, describing the vote as a \u2018bad night for Pellam.\u2019 The board met again on Friday.");
        Assert.Contains(Indirect(quoted), t => t.Contains("bad night for Pellam", StringComparison.Ordinal));
    }

    /// <summary>A time right after the verb belongs to the frame ("said Tuesday the depot …"), not to what was said; with no
    /// clause after it ("said Friday as he left") nothing is reported; "this week's report" is a subject, not a time.</summary>
    [Fact]
    public void A_time_after_the_verb_is_not_part_of_the_reported_clause()
    {
        var tuesday = Run("The Pellam port authority said Tuesday the northern ferry depot would close for repairs.");
        Assert.Contains(Indirect(tuesday), t => t.StartsWith("the northern ferry depot would close", StringComparison.Ordinal));
        Assert.DoesNotContain(Indirect(tuesday), t => t.StartsWith("Tuesday", StringComparison.Ordinal));
        var week = Run("Ines Kalb told the islanders this week she would run for the harbour council again.");
        Assert.Contains(Indirect(week), t => t.StartsWith("she would run", StringComparison.Ordinal));
        var noClause = Run("Ines Kalb said little on Friday, and Ada Morn said Friday as she left the harbour talks.");
        Assert.DoesNotContain(Indirect(noClause), t => t.StartsWith("Friday", StringComparison.Ordinal));
        var subject = Run("Ines Kalb said this week's ferry report would be published in the spring.");
        Assert.Contains(Indirect(subject), t => t.StartsWith("this week's ferry report", StringComparison.Ordinal));
    }
    /// <summary>What the writer adds after a reported clause in the same sentence is not what was said: a relative clause on
    /// its last noun that runs to the end, a concession, a comparison, or a new voice after "but". A relative clause set off
    /// in the middle, and a tail with quoted words in it, stay in the row.</summary>
    [Fact]
    public void The_writers_tail_after_a_reported_clause_is_not_reported()
    {
        var who = Run("Ines Kalb said the ferry levy would be waived for Tobias Lenk, who has run the island bakery since 1998.");
        Assert.Contains(Indirect(who), t => t == "the ferry levy would be waived for Tobias Lenk");
        var though = Run("Ada Morn said the northern depot would reopen in March, though the harbour board has not voted on the repairs.");
        Assert.Contains(Indirect(though), t => t == "the northern depot would reopen in March");
        var compared = Run("The port authority said crossings rose by 12 percent in the summer, compared with 4 percent a year earlier.");
        Assert.Contains(Indirect(compared), t => t == "crossings rose by 12 percent in the summer");
        var but = Run("Bram Oates said the pier repairs would cost less than planned, but he did not give a figure to the council.");
        Assert.Contains(Indirect(but), t => t == "the pier repairs would cost less than planned");
        // Set off in the middle: the main clause goes on after it, and the relative clause is part of what was said.
        var middle = Run("Ines Kalb said Tobias Lenk, who has run the island bakery since 1998, would lead the new harbour trust.");
        Assert.Contains(Indirect(middle), t => t.EndsWith("would lead the new harbour trust", StringComparison.Ordinal));
        // Quoted words in the tail are someone's words.
        var quoted = Run("Ada Morn said the levy would go to the islanders, who had called it \u201ca fair deal at last\u201d at the meeting.");
        Assert.Contains(Indirect(quoted), t => t.Contains("who had called it", StringComparison.Ordinal));
    }
    /// <summary>The object of a verb of saying ("described the plan as …", "acknowledged the costs") is a noun phrase; a past-tense
    /// verb after "and" or "but" is the subject's next predicate, not part of what was said. A reported clause ("said she
    /// left early and was …") and a second report ("… and has said that …") are left alone.</summary>
    [Fact]
    public void The_subjects_next_predicate_ends_the_reported_object()
    {
        var described = Run("Ines Kalb described the new harbour levy as \u201ca burden on islanders\u201d and walked out of the council meeting.");
        Assert.Contains(Indirect(described), t => t == "the new harbour levy as \u201ca burden on islanders\u201d");
        var but = Run("Bram Oates acknowledged the rising cost of the ferry repairs, but stopped short of blaming the port board.");
        Assert.Contains(Indirect(but), t => t == "the rising cost of the ferry repairs");
        var clause = Run("Ada Morn said she left the harbour meeting early and was surprised by the vote.");
        Assert.Contains(Indirect(clause), t => t == "she left the harbour meeting early and was surprised by the vote");
    }
}
