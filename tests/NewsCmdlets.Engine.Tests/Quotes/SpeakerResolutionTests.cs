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

    /// <summary>Two people joined by "and" are two names, not one person: the surname alone is the second person, and both
    /// speak when they are the subject together.</summary>
    [Fact]
    public void Two_names_joined_by_and_are_two_people()
    {
        var q = Direct("Wren Halloway and Piet Marsh toured the ferry terminal on Monday.\n\n\u201cThe berths are too small,\u201d Marsh said.\n\n" +
                       "\u201cWe will appeal,\u201d Halloway and Marsh said in a statement.");
        Assert.Equal(new[] { "Piet Marsh", "Wren Halloway and Piet Marsh" }, q.Select(x => x.Speaker));
    }

    /// <summary>A name in an adjunct before the pronoun in its own sentence ("During a debate with X, he said") is not what
    /// the pronoun stands for.</summary>
    [Fact]
    public void A_name_in_an_adjunct_before_the_pronoun_is_not_its_antecedent()
    {
        var q = Direct("Tomas Reyne spent the week in Pellam.\n\nDuring a debate with Piet Marsh, he said, \u201cThe bridge must be rebuilt.\u201d");
        Assert.Equal("Tomas Reyne", Assert.Single(q).Speaker);
    }

    /// <summary>A person known only by a surname takes the gender of the pronouns that can only stand for them, so a later
    /// "she" passes over the man named in the same sentence.</summary>
    [Fact]
    public void A_surname_takes_the_gender_of_its_pronouns()
    {
        var q = Direct("Halvorsen, the harbour chief, said he would resign. He told the council he was tired of the dispute.\n\n" +
                       "Darrant, the port lawyer, said she would stay on. She has worked at the port since 1998.\n\n" +
                       "Halvorsen visited Darrant on Friday to settle the matter.\n\n\u201cIt is over,\u201d she said.");
        Assert.Equal("Darrant", Assert.Single(q).Speaker);
    }

    /// <summary>A given name's usual gender gives way to the article's own pronouns (a man named Kelly).</summary>
    [Fact]
    public void Pronouns_overrule_the_usual_gender_of_a_given_name()
    {
        var q = Direct("Sen. Kelly Brannock toured the Dunmore mill on Monday. He said the town needs the jobs.\n\n" +
                       "He later met the union. Brannock said he would back its claim.\n\n" +
                       "Ada Morn, the mill owner, greeted Brannock at the gate on Tuesday.\n\n\u201cWe need the contract,\u201d he said.");
        Assert.Equal("Kelly Brannock", Assert.Single(q).Speaker);
    }

    /// <summary>"US Senator Halvar Dunne said": "US" is the country, not the pronoun, and with the title it is no part of the
    /// name; an appositive with a noun that is also a verb of saying ("rights program director") is still an appositive.</summary>
    [Fact]
    public void A_country_abbreviation_and_an_appositive_with_a_noun_like_a_verb()
    {
        var q = Direct("\u201cThe dam must be finished by May!\u201d US Senator Halvar Dunne said as he opened the hearing.\n\n" +
                       "\u201cThe old rule failed every family in the valley,\u201d Dara Penhallow, tenant rights program director at Civic Rights Watch, said in an interview.");
        Assert.Equal(new[] { "Halvar Dunne", "Dara Penhallow" }, q.Select(x => x.Speaker));
    }

    /// <summary>A surname the gazetteer knows as a district ("Bolton") is the person named in full once a verb of saying has
    /// it as its subject, in every mention.</summary>
    [Fact]
    public void A_surname_that_is_a_district_speaks_as_the_person()
    {
        var q = Direct("Former U.N. Ambassador Piet Bolton spoke on the radio on Monday.\n\nBolton thought the plan was weak. Bolton said it would fail.\n\n" +
                       "\u201cIt will not work,\u201d said Bolton.");
        Assert.Equal("Piet Bolton", Assert.Single(q).Speaker);
    }

    /// <summary>A party and state tag between commas after the name ("Ada Morn, D-Ore., said") belongs to the name: its full
    /// stop does not end the frame, and the tag is no speaker of its own.</summary>
    [Fact]
    public void A_party_and_state_tag_between_commas_after_the_name()
    {
        var q = Direct("\u201cLet me make it clear,\u201d Senate Majority Leader Ada Morn, D-Ore., said. \u201cWe will not raise the levy.\u201d\n\n" +
                       "Officials met on Monday.\n\n\u201cThe berths are too small,\u201d Ivo Brandt, R-Wash., said on Tuesday.");
        Assert.Equal(new[] { "Ada Morn", "Ada Morn", "Ivo Brandt" }, q.Select(x => x.Speaker));
    }

    /// <summary>Abbreviated titles ("Cllr", "Cllr.", "Det. Supt.") are not part of the speaker's name, and their full stop ends
    /// no sentence.</summary>
    [Fact]
    public void Abbreviated_titles_are_not_part_of_the_name()
    {
        var q = Direct("\u201cWe need the money,\u201d said Cllr. Ada Morn.\n\n\u201cWe need it now,\u201d said Cllr Tomas Reyne.\n\n" +
                       "Det. Supt. Piet Marsh told reporters: \u201cWe have made two arrests.\u201d");
        Assert.Equal(new[] { "Ada Morn", "Tomas Reyne", "Piet Marsh" }, q.Select(x => x.Speaker));
    }

    [Fact]
    public void A_description_in_apposition_before_the_name_after_the_verb()
    {
        // "said former secretary of state X": the person named at the end of the description speaks ("state" after "of" is
        // a noun, not a verb of saying); "said a friend of X" is the friend, not X.
        var q = Direct("\u201cThe talks are over,\u201d said former Eastmark secretary of state Halvar Dunne, who led them.\n\n" +
                       "\u201cWe will try again,\u201d said former foreign minister Ines Kalb.\n\n" +
                       "\u201cHe was tired,\u201d said a friend of Halvar Dunne.");
        Assert.Equal("Halvar Dunne", q[0].Speaker);
        Assert.Equal("Ines Kalb", q[1].Speaker);
        Assert.NotEqual("Halvar Dunne", q[2].Speaker);
    }

    /// <summary>A "she" after a sentence that only mentions someone (after a preposition, in a clause opened by "when")
    /// is the person who spoke last, not the one mentioned.</summary>
    [Fact]
    public void A_pronoun_after_a_sentence_that_only_mentions_someone_is_the_last_speaker()
    {
        var q = Direct("\u201cThe ferry will run all winter,\u201d said Greta Solberg, the harbour's director.\n\n" +
                       "The route was nearly cut in the spring of 2019, when Mirela Dorn ran the port.\n\n" +
                       "\u201cNobody closes a route that makes money,\u201d she said.");
        Assert.Equal(new[] { "Greta Solberg", "Greta Solberg" }, q.Select(x => x.Speaker));
    }

    /// <summary>In a sentence opened by a participle ("Asked about …, she replied"), a name in the participle's clause is
    /// not what the main clause's pronoun stands for: the person who spoke before is.</summary>
    [Fact]
    public void A_name_in_an_opening_participle_clause_is_not_the_pronoun()
    {
        var q = Direct("\u201cWe can win the county,\u201d said Lotta Brenn, the Green candidate.\n\n" +
                       "Asked whether Hanna Vick had lost the farm vote to the Harbour Party, she replied: \u201cThat is her problem.\u201d");
        Assert.Equal(new[] { "Lotta Brenn", "Lotta Brenn" }, q.Select(x => x.Speaker));
    }

    /// <summary>A party and state tag with abbreviation points ("(D-N.Y.)") ends no sentence: the verb after it frames the quote.</summary>
    [Fact]
    public void A_party_and_state_tag_with_points_does_not_end_the_frame()
    {
        var q = Direct("\u201cThe levee money has to come this year,\u201d Sen. Orrin Vale (D-N.M.) said Tuesday.");
        Assert.Equal("Orrin Vale", Assert.Single(q).Speaker);
    }

    /// <summary>Quoted words the writer's sentence goes on from ("“…” about the vote, said X") have the frame after the comma.</summary>
    [Fact]
    public void A_frame_after_the_words_that_continue_the_quote()
    {
        var q = Direct("The board met on Monday.\n\n\u201cWe are very relieved\u201d about the decision, said Petra Lund, head of the Tidewater Growers Union.");
        Assert.Equal("Petra Lund", Assert.Single(q).Speaker);
    }

    /// <summary>An acronym ("KNTV") or a group's plural ("Islanders") named in the sentence before is no he or she: the
    /// person named before it is.</summary>
    [Fact]
    public void An_acronym_or_a_plural_group_is_not_what_he_or_she_stands_for()
    {
        var q = Direct("Lena Osk runs the Harbour Board.\n\nKNTV first reported the delay on Monday.\n\n\u201cWe are three years behind,\u201d she said.\n\n" +
                       "Tomas Brel leads the ferry crews.\n\nFor Islanders, the delay is costly.\n\n\u201cWe lose a season,\u201d he said.");
        Assert.Equal(new[] { "Lena Osk", "Tomas Brel" }, q.Select(x => x.Speaker));
    }

    /// <summary>"Oskar Haldane of Lisbon" is a person from a place, not one organisation's name: the speaker is the person,
    /// and a later "Haldane" is the same one.</summary>
    [Fact]
    public void A_person_of_a_place_is_the_person()
    {
        var q = Direct("The crowd cheered as the mayor spoke.\n\n\u201cThis is fantastic!\u201d beamed Oskar Haldane of Lisbon.\n\n" +
                       "\u201cI came for the music,\u201d Haldane said.");
        Assert.Equal(new[] { "Oskar Haldane", "Oskar Haldane" }, q.Select(x => x.Speaker));
    }

    /// <summary>A description goes on through the phrase its last word takes ("a person close to …", "a longtime adviser
    /// to …"): the speaker is the whole description, not "a person close".</summary>
    [Fact]
    public void A_description_with_its_phrase_close_to_or_adviser_to()
    {
        var q = Direct("\u201cThe ferry vote is lost,\u201d said a person close to the harbour board.\n\n" +
                       "\u201cNobody expected it,\u201d said a longtime adviser to Mayor Ines Farrow.");
        Assert.Equal(new[] { "a person close to the harbour board", "a longtime adviser to Mayor Ines Farrow" }, q.Select(x => x.Speaker));
    }

    /// <summary>A surname that is also a common word ("Spindle") is the person the article named in full: a "he" after their
    /// quote stands for them, not for someone named before.</summary>
    [Fact]
    public void A_surname_that_is_also_a_common_word_is_an_antecedent()
    {
        var q = Direct("Tomas Spindle, the harbour master, met the ferry crews on Monday. Oskar Brel, the town clerk, listened.\n\n" +
                       "Spindle said, \u201cThe berths are full.\u201d\n\n\u201cWe need a second pier,\u201d he added.");
        Assert.Equal(new[] { "Tomas Spindle", "Tomas Spindle" }, q.Select(x => x.Speaker));
    }

    /// <summary>A gender known only from the given name's usual one does not rule out the person who speaks in the sentence
    /// before: "he" after "Veldt said, “…”" is Shannon Veldt, not the other man named earlier.</summary>
    [Fact]
    public void A_given_names_usual_gender_does_not_rule_out_the_speaker()
    {
        var q = Direct("Shannon Veldt toured the docks with Oskar Brel on Friday.\n\n" +
                       "Veldt said, \u201cThe cranes are old.\u201d\n\n\u201cWe will replace them next spring,\u201d he added.");
        Assert.Equal(new[] { "Shannon Veldt", "Shannon Veldt" }, q.Select(x => x.Speaker));
    }

    /// <summary>When the sentences before a "she" are all about her ("She hinted that Lena Osk …"), the woman named in them
    /// is not her: the one who spoke last, a few paragraphs up, is.</summary>
    [Fact]
    public void A_pronoun_after_sentences_about_its_referent_is_the_last_speaker()
    {
        var q = Direct("Ines Farrow, the harbour mayor, spoke to the crews on Friday.\n\n\u201cWe will reopen the pier,\u201d Farrow said.\n\n" +
                       "\u201cSoon,\u201d she added when a deckhand laughed.\n\nThe mayor said she was tired of the delays.\n\n" +
                       "She hinted that Lena Osk, her predecessor, had left the pier in ruins.\n\n\u201cThe timbers were rotten for years,\u201d she said.");
        Assert.Equal("Ines Farrow", q[^1].Speaker);
    }

    /// <summary>A roundup sets a heading in capitals and a dash before each excerpt's author: the speaker is the author.</summary>
    [Fact]
    public void A_heading_in_capitals_before_a_dash_is_no_part_of_the_speaker()
    {
        var q = Direct("Morning roundup\n\nThe best reads of the day on the harbour vote.\n\n" +
                       "TURNOUT FELL IN THE SOUTH - Ada Morn and Ben Holt: \u201cTurnout in the southern wards fell for the third election running, and the fall was steepest among renters.\u201d\n\n" +
                       "BRIDGE TOLLS RETURN - Oskar Brel: \u201cThe bridge tolls are back on the agenda after a decade away, and the harbour board will vote in May.\u201d");
        Assert.Equal(new[] { "Ada Morn and Ben Holt", "Oskar Brel" }, q.Select(x => x.Speaker));
        // A name written with a spaced dash, or a heading with lower-case letters, stays whole.
        Assert.Equal("Ana Ruiz - Holt", QuoteDocument.WithoutHeading("Ana Ruiz - Holt"));
        Assert.Equal("Oskar Brel", QuoteDocument.WithoutHeading("- Oskar Brel"));
        Assert.Equal("NATO", QuoteDocument.WithoutHeading("NATO"));
    }

    /// <summary>"…, saying, “…”" after a sentence that opens with two adjuncts ("On Tuesday, after a week of talks, …"), with
    /// "Back at …" or with a time word and no comma ("And then Winther turned …"): the speaker is the sentence's subject.</summary>
    [Fact]
    public void A_saying_clause_after_opening_adjuncts_has_the_sentence_subject()
    {
        var q = Direct("Council row.\n\nBack at the depot, Bram Keller waved the last drivers through the gate, saying, \u201cNobody waits in the rain tonight.\u201d\n\n" +
                       "The chair left the room before the vote.\n\nAnd then Ola Winther turned on the auditors, saying, \u201cWhere did the ferry money go?\u201d\n\n" +
                       "On Tuesday, after a week of talks, Nela Fisk went to the depot and signed the contract, saying, \u201cThe buses will run on time from March.\u201d");
        Assert.Equal(new[] { "Bram Keller", "Ola Winther", "Nela Fisk" }, q.Select(x => x.Speaker));
    }

    /// <summary>An -ing form of saying right after a person's name ("a clip of Ivo Brandt saying, “…”", "Reiss quietly
    /// saying “…”") is that person's, and "as X put it" frames the quote after it as X's.</summary>
    [Fact]
    public void A_name_saying_and_as_X_put_it_give_the_speaker()
    {
        var all = QuoteExtractorTests.Run("Ferry advert.\n\nThe council's video ends on a clip of Ivo Brandt saying, \u201cThe ferry stays, whatever it costs.\u201d\n\n" +
                                          "Neighbours remember Tova Reiss quietly saying \u201cleave it to me\u201d after the meeting.\n\n" +
                                          "As Mira Olsen put it, \u201cNobody in the room believed a word.\u201d").Quotes;
        Assert.Equal(new[] { "Ivo Brandt", "Tova Reiss", "Mira Olsen" }, all.Select(x => x.Speaker));
    }

    /// <summary>A verb of saying that is also a noun ("read", "says") after a short phrase right after a quote ends the frame
    /// ("“…,” the editorial read."): the phrase speaks, not the person quoted before.</summary>
    [Fact]
    public void A_frame_after_a_quote_with_a_verb_that_is_also_a_noun()
    {
        var q = Direct("Harbour vote.\n\n\u201cThere is a clear need for a new pier,\u201d Oskar Brel said.\n\n" +
                       "\u201cIf the board wants our vote, it should fix the cranes first,\u201d the editorial read.\n\n" +
                       "\u201cIt is like a race between two old boats,\u201d the veteran skipper says of the contest.");
        Assert.Equal(new[] { "Oskar Brel", "the editorial", "the veteran skipper" }, q.Select(x => x.Speaker));
    }

    /// <summary>A dateline with a date and an agency ("SALEM, Aug. 9 (UPI) —") opens the story; it is not the subject of the
    /// sentence after it.</summary>
    [Fact]
    public void A_dateline_with_a_date_and_an_agency_is_no_speaker()
    {
        var all = QuoteExtractorTests.Run("Harbour row.\n\nSALEM, Aug. 9 (UPI) \u2014 In a surprise move, harbour master Ada Morn put off the vote on the pier, saying \u201cthe costs are not yet known.\u201d").Quotes;
        Assert.Equal("Ada Morn", Assert.Single(all).Speaker);
    }

    /// <summary>A heading in capitals right before an excerpt ("BUDGET TEXT RELEASED “…”") is no speaker when its words are all
    /// ordinary dictionary words; an acronym in capitals ("NATO") still speaks.</summary>
    [Fact]
    public void A_heading_of_dictionary_words_in_capitals_is_no_speaker()
    {
        var q = Direct("Morning roundup\n\nThe reads of the day.\n\n" +
                       "BUDGET TEXT RELEASED \u201cRents in the harbour district rose again this spring, the third year running.\u201d [Courier.]\n\n" +
                       "The alliance spoke up on Friday. NATO said, \u201cWe are watching the straits.\u201d");
        Assert.Equal(new string?[] { null, "NATO" }, q.Select(x => x.Speaker));
    }

    /// <summary>Quoted words that open a sentence the writer goes on with, then the frame after a comma and an adjunct ("“…”
    /// would be safer, harbour master Ines Kalb said after the meeting."): the frame's subject speaks.</summary>
    [Fact]
    public void A_frame_with_an_adjunct_after_quoted_words_the_sentence_goes_on_from()
    {
        var q = Direct("Ferry plan.\n\n\u201cFewer boats at night\u201d would be safer, harbour master Ines Kalb said after the meeting.");
        Assert.Equal("Ines Kalb", Assert.Single(q).Speaker);
    }

    /// <summary>A quote in a paragraph of its own, signed by a dash and a name in the next paragraph ("- Ada Morn, Pellam."), as
    /// a roundup prints it: the name signed speaks, not the speaker of the quote before.</summary>
    [Fact]
    public void A_quote_signed_in_the_next_paragraph()
    {
        var q = Direct("Ferry roundup.\n\n\u201cWe are not moving,\u201d Tomas Reyne said.\n\n\u201cThe ferries will run until midnight.\u201d\n\n- Ada Morn, Pellam.\n\n" +
                       "\u201cNobody asked the crews.\u201d\n\n\u2014Harbour Workers Union.");
        Assert.Equal(new[] { "Tomas Reyne", "Ada Morn", "Harbour Workers Union" }, q.Select(x => x.Speaker));
    }

    /// <summary>A sentence that mentions "he" in passing but closes with another person's frame ("…, which he has opposed for
    /// years, Ada Morn said."): a "he said" after it stands for the one who spoke last, not the man mentioned before.</summary>
    [Fact]
    public void A_pronoun_after_a_sentence_that_closes_with_another_speaker()
    {
        var q = Direct("Dam vote.\n\nKarel Voss chairs the valley water board.\n\n" +
                       "The board will back the new spillway on Thursday, which he has opposed for years, engineer Jonas Lind said.\n\n" +
                       "\u201cWithout it the lower farms flood every second winter,\u201d he said.");
        Assert.Equal("Jonas Lind", Assert.Single(q).Speaker);
    }

    /// <summary>An appositive with a relative clause of its own ("…, a harbour official who is running the count, said"), a
    /// place and its region between commas ("in Salem, Oregon,") and an adverb set off by commas ("Morn, meanwhile, who
    /// …, said") all stand between the subject and its verb.</summary>
    [Fact]
    public void Parentheticals_between_the_subject_and_its_verb()
    {
        var q = QuoteExtractorTests.Run("Harbour count.\n\n" +
            "Ida Lund, a harbour official who is running the count, said the tally was \u201cslow but clean.\u201d\n\n" +
            "Ivo Brandt, at a meeting in Salem, Oregon, said the levy was \u201ca tax on fishermen.\u201d\n\n" +
            "Mara Olk, meanwhile, who has no boats of her own, said the pier was \u201cfalling into the sea.\u201d").Quotes
            .Where(x => x.Kind != QuoteKind.Indirect).ToList();
        Assert.Equal(new[] { "Ida Lund", "Ivo Brandt", "Mara Olk" }, q.Select(x => x.Speaker));
    }

    /// <summary>Quoted words inside the writer's clause that end with a comma ("called Reyne a “liar,” and said …") do not end
    /// the frame of the quoted words after them: the subject before both speaks.</summary>
    [Fact]
    public void Quoted_words_with_a_comma_inside_the_clause_do_not_cut_the_frame()
    {
        var q = QuoteExtractorTests.Run("Ferry row.\n\nMayor Ada Morn, speaking on Harbour Radio, called Reyne a \u201cliar,\u201d and said his plan was \u201ca gift to the ferry lobby.\u201d").Quotes
            .Where(x => x.Kind != QuoteKind.Indirect).ToList();
        Assert.Equal(new[] { "Ada Morn", "Ada Morn" }, q.Select(x => x.Speaker));
    }

    /// <summary>A title in quotation marks inside the subject's appositive ("Ivo Brandt, the author of “Harbour Lights,” about
    /// the docks, said") is part of the appositive: the subject before it speaks.</summary>
    [Fact]
    public void A_title_in_quotation_marks_inside_the_subjects_appositive()
    {
        var q = QuoteExtractorTests.Run("Harbour books.\n\nIvo Brandt, the author of \u201cHarbour Lights,\u201d about the old docks, said the cranes were \u201cthe last of their kind.\u201d").Quotes
            .Where(x => x.Kind != QuoteKind.Indirect && x.Text.StartsWith("the last", StringComparison.Ordinal)).ToList();
        Assert.Equal("Ivo Brandt", Assert.Single(q).Speaker);
    }

    /// <summary>A span of time before "ago" between the subject and its verb ("The board less than two weeks ago said") is an
    /// adverb: the subject before it speaks, never "two weeks ago".</summary>
    [Fact]
    public void A_time_span_before_ago_is_not_the_speaker()
    {
        var q = Direct("Pier news.\n\nThe Pellam harbour board less than two weeks ago said the east pier \u201cwill reopen in spring.\u201d\n\n" +
                       "Ada Morn three days ago said the levy was \u201ca tax on fishermen.\u201d");
        Assert.Equal(new[] { "The Pellam harbour board", "Ada Morn" }, q.Select(x => x.Speaker));
    }

    /// <summary>A sentence that opens with an adjunct of "amid" or "despite", or with a long clause of "when" (over fourteen words
    /// before its comma), has its subject after the comma: that subject says the quote of its "…, saying" or "… and said".</summary>
    [Fact]
    public void The_subject_after_a_long_or_uncommon_opening_adjunct()
    {
        var q = Direct("Quay news.\n\nAmid calls from the trawler crews to close the north quay to tourists, harbour master Ansel Brode reopened the gates, " +
                       "saying the quay was \u201csafe for everyone.\u201d\n\n" +
                       "Despite the storm that flooded the fish market, Orla Venn kept her stall open, saying: \u201cThe tide always goes out again.\u201d\n\n" +
                       "When told that the mayor had been in the running for a seat on the regional transport board in a new cabinet, Tomas Reyne paused " +
                       "and said that, in his view, \u201cthe harbour comes first, and the trams can wait.\u201d");
        Assert.Equal(new[] { "Ansel Brode", "Orla Venn", "Tomas Reyne" }, q.Select(x => x.Speaker));
    }

    /// <summary>The comma that ends an opening clause inside a closing quotation mark (American style: "… the cast of “Long
    /// Night,” the station's anchor Ilse Varga left …") ends the clause all the same: the name after it is the sentence's
    /// subject, whom a "she" in the next sentences stands for, not a woman named inside the opening clause.</summary>
    [Fact]
    public void A_comma_inside_a_closing_mark_ends_the_opening_clause()
    {
        var q = Direct("Radio row.\n\nAfter a radio host was fired over remarks that compared Mara Linde\u2019s voice to that of someone from the cast of the " +
                       "\u201cLong Night,\u201d the station\u2019s evening news anchor Ilse Varga left the studio in tears. The Chilean journalist later sent a letter to listeners. " +
                       "\u201cI am troubled to hear people excuse it,\u201d she wrote.");
        Assert.Equal("Ilse Varga", q.Last().Speaker);
    }

    /// <summary>A place set off by commas after the noun it names ("the county seat, Salem,"), inside the subject's relative
    /// clause or appositive, belongs to that clause: the person before it speaks, never the place or the noun ("capital").</summary>
    [Fact]
    public void A_place_in_apposition_inside_the_subjects_clause()
    {
        var q = Direct("Pier vote.\n\nNils Oberg, who keeps a boat outside the county seat, Salem, said the fees were \u201ca tax on the poor.\u201d\n\n" +
                       "Ida Lund, a ferry clerk from the provincial capital, Halifax, said the timetable was \u201cthe best in years.\u201d");
        Assert.Equal(new[] { "Nils Oberg", "Ida Lund" }, q.Select(x => x.Speaker));
    }

    /// <summary>A pronoun and a past form after a quote are its frame whatever the lexicon knows ("he concluded", "she
    /// went on"): the pronoun's person speaks.</summary>
    [Fact]
    public void A_pronoun_and_a_verb_outside_the_lexicon_after_the_quote()
    {
        var q = Direct("Orla Penrose, the harbour pilot, spent the morning on the silted channel.\n\n" +
                       "\u201cNobody has dredged it in ten years,\u201d she concluded. \u201cThe ferries will run aground.\u201d\n\n" +
                       "\u201cAnd the council knows it,\u201d she went on.");
        Assert.Equal(new[] { "Orla Penrose", "Orla Penrose", "Orla Penrose" }, q.Select(x => x.Speaker));
        Assert.Equal("concluded", q[0].Verb);
    }

    /// <summary>Quoted words the writer's sentence goes on from for more than a few words before ", said X": X's.</summary>
    [Fact]
    public void A_long_phrase_of_the_writer_between_the_quote_and_its_frame()
    {
        var q = QuoteExtractorTests.Run("\u201cMost tenants would call that a defeat for the council\u201d if the levy passed by fewer than twenty votes in the end, said Ilka Demmer, a housing analyst.").Quotes;
        Assert.Equal("Ilka Demmer", Assert.Single(q).Speaker);
    }

    /// <summary>An -ing form of saying after a noun, then a colon or a comma and the quote ("sent a text to volunteers
    /// saying: “…”", "began by saying, “…”"): the frame's verb, said by the clause's subject, not by the noun before it.</summary>
    [Fact]
    public void A_reduced_clause_of_saying_before_the_quote()
    {
        var q = Assert.Single(Direct("On Sunday, Hedda Moll sent a message to her volunteers saying: \u201cWe are ahead in the north. Keep knocking on doors.\u201d"));
        Assert.Equal(("Hedda Moll", "saying"), (q.Speaker, q.Verb));
        q = Assert.Single(Direct("Judge Orrin Pell came back after a short recess. He began by saying, \u201cI see no reason for a fine in this case.\u201d"));
        Assert.Equal(("Orrin Pell", "saying"), (q.Speaker, q.Verb));
    }

    /// <summary>An aside between dashes after the name ("Ada Morn — the council's chair — said") belongs to the subject.</summary>
    [Fact]
    public void An_aside_between_dashes_after_the_name()
    {
        var q = Direct("\u201cThe ferry runs again on Monday,\u201d Mara Velden \u2014 the harbour council's chair \u2014 said after the vote.\n\n" +
                       "\u201cWe have waited long enough,\u201d Ilse Marbeck - a deckhand for thirty years - told the Pellam Echo.");
        Assert.Equal(new[] { "Mara Velden", "Ilse Marbeck" }, q.Select(x => x.Speaker));
    }

    /// <summary>A frame after the writer's phrase that goes on to quoted words of its own ("In his “…” memo of last spring,
    /// he wrote, “…”") introduces those, not the quoted words before it.</summary>
    [Fact]
    public void A_frame_that_introduces_the_next_quote_is_not_the_one_before_it()
    {
        var quotes = QuoteExtractorTests.Run("Ivo Brandt runs the old rail depot. In his \u201cyard plan\u201d memo of last spring, he wrote, \u201cWe must open the yard to the town.\u201d").Quotes;
        Assert.DoesNotContain(quotes, x => x.Text.StartsWith("yard plan", StringComparison.Ordinal) && x.Speaker != null);
        Assert.Equal("Ivo Brandt", Assert.Single(quotes, x => x.Text.StartsWith("We must", StringComparison.Ordinal)).Speaker);
    }

    /// <summary>"“…,” wrote the authors of the “…” report": the title in quotation marks is part of the description that
    /// speaks, not cut off before it ("the authors of the").</summary>
    [Fact]
    public void A_description_that_ends_in_a_quoted_title()
    {
        var q = Direct("\u201cNine of the eleven piers need new timber before winter,\u201d wrote the editors of the \u201cPellam Tide Survey,\u201d in a note to the harbour board.");
        Assert.Equal("the editors of the \u201cPellam Tide Survey,\u201d", Assert.Single(q).Speaker);
    }
    /// <summary>A subject after the quote whose noun phrase opens with words the phrase finder does not take (a programme's
    /// name with "This" in it, an affiliation with "of the …"): the person it names speaks.</summary>
    [Fact]
    public void A_long_noun_phrase_before_the_verb_after_a_quote()
    {
        var q = Direct("Ivo Brandt chaired the panel.\n\n\u201cThe pier stays shut until the spring,\u201d Pellam This Week co-host Mira Dunlow said.\n\n" +
                       "\u201cThe timbers will be replaced first,\u201d Oskar Vell of the Linden Institute for Coastal Studies wrote in March.");
        Assert.Equal(new[] { "Mira Dunlow", "Oskar Vell" }, q.Select(x => x.Speaker));
    }

    /// <summary>A capitalised word joined to a participle or an adjective ("Spanish-language", "Quill-supporting") modifies the
    /// noun after it: it is no name, so a "he" does not stand for it.</summary>
    [Fact]
    public void A_name_joined_to_a_participle_is_a_modifier()
    {
        var q = Direct("Ivo Brandt gave a long interview on Sunday. A Spanish-language broadcast of it drew a large audience in Pellam. \u201cWe were never asked,\u201d he said.");
        Assert.Equal("Ivo Brandt", Assert.Single(q).Speaker);
        Assert.True(SpeakerNames.IsCompoundModifier("Quill-supporting"));
        Assert.True(SpeakerNames.IsCompoundModifier("Pellam-based"));
        Assert.False(SpeakerNames.IsCompoundModifier("Ki-moon"));
    }

    /// <summary>An adverbial set off by commas after an appositive ("Ada Morn, the club's chair, for example, said"): the
    /// person the appositive describes says it, not the last name inside the appositive, and a "he" after it is that person.</summary>
    [Fact]
    public void An_adverbial_between_commas_after_an_appositive()
    {
        var quotes = QuoteExtractorTests.Run("Mooring fees in Dornick rise again in April. Piet Olsen, the treasurer of the Vell Sailing League, " +
                                            "for instance, said Jonas Reyl had promised members a freeze last winter. " +
                                            "\u201cNobody on the pontoons believed that promise,\u201d he said.").Quotes;
        Assert.Equal("Piet Olsen", Assert.Single(quotes, x => x.Kind == QuoteKind.Direct).Speaker);
    }

    /// <summary>"said Oskar Vell, the club's coach, who added …": the relative clause's subject is the person the appositive
    /// describes, not the description.</summary>
    [Fact]
    public void A_relative_clause_after_an_appositive_has_the_named_person_as_subject()
    {
        var quotes = QuoteExtractorTests.Run("\u201cWe are ready for the season,\u201d said Oskar Vell, the rowing club's chief coach, who added that the crew would train \u201cevery morning until the regatta.\u201d").Quotes;
        Assert.All(quotes, x => Assert.Equal("Oskar Vell", x.Speaker));
    }
    /// <summary>After a question or an exclamation, a sentence whose verb goes on to an object of its own ("Her rivals cited the
    /// outburst as …") is a new sentence, not the quote's frame; a verb of asking with its listener ("asked the crowd") is one.</summary>
    [Fact]
    public void A_new_sentence_after_a_question_is_not_its_frame()
    {
        var q = Direct("Ada Quill, the mayor, lost her temper at the hearing: \u201cWhere did the harbour money go?\u201d Her rivals cited the outburst as proof of her weakness.\n\n" +
                       "\u201cIs this the plan?\u201d Tobin Marsh asked the crowd.");
        Assert.Equal(new[] { "Ada Quill", "Tobin Marsh" }, q.Select(x => x.Speaker));
    }
}
