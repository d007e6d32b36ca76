using NewsCmdlets.Engine.Ingest;
using NewsCmdlets.Engine.Quotes;

namespace NewsCmdlets.Engine.Tests.Quotes;

/// <summary>Quotes, speakers and attributions on text we wrote (invented people and outlets), and the shared seeds.</summary>
public sealed class QuoteExtractorTests
{
    internal static ArticleQuotes Run(string text) => new QuoteExtractor().ExtractText(text, "id1", "The Test Tide");

    [Fact]
    public void Speaker_after_the_quote_inverted_and_continued_in_the_next_quote()
    {
        var r = Run("Harbour officials in Pellam closed the east pier. \u201cThe timbers are rotten,\u201d said Orla Venn, the port's chief engineer. \u201cWe cannot let anyone walk on them.\u201d");
        var direct = r.Quotes.Where(q => q.Kind == QuoteKind.Direct).ToList();
        Assert.Equal(2, direct.Count);
        Assert.All(direct, q => Assert.Equal("Orla Venn", q.Speaker));
        Assert.Equal("said", direct[0].Verb);
        Assert.Equal("The timbers are rotten,", direct[0].Text);
        Assert.Equal("The Test Tide", direct[0].Outlet);
    }

    [Fact]
    public void Pronoun_and_description_resolve_to_the_nearest_named_speaker()
    {
        var r = Run("Dario Lusk, a professor at Tamsin University, said prices would rise.\n\n\u201cThe shortage is structural,\u201d he told the Kestrel Gazette.\n\nMina Sorel, an analyst at the Linden Forum, disagreed. \u201cPrices will fall,\u201d the analyst said.");
        var direct = r.Quotes.Where(q => q.Kind == QuoteKind.Direct).ToList();
        Assert.Equal(new[] { "Dario Lusk", "Mina Sorel" }, direct.Select(q => q.Speaker));
        Assert.Equal("he", direct[0].SpeakerDescription);
        Assert.Contains(r.Attributions, a => a.Source == "Kestrel Gazette" && a.SourceKind == SourceKind.Media && a.Verb == "told");
    }

    [Fact]
    public void Organisation_speaker_before_a_colon_and_straight_marks()
    {
        var r = Run("The Ministry of Waterways said in a statement: \"Repairs will begin next month.\"");
        var q = Assert.Single(r.Quotes, x => x.Kind == QuoteKind.Direct);
        Assert.Equal("Ministry of Waterways", q.Speaker);
        Assert.Equal("said in a statement", q.Verb);
        Assert.Equal("Repairs will begin next month.", q.Text);
    }

    [Fact]
    public void Quote_over_two_paragraphs_is_one_quote()
    {
        string text = "\u201cWe will not accept less,\u201d said Priya Nandakumar. \u201cThe vote is on Monday.\n\n\u201cAnd we will win it.\u201d";
        var spans = QuoteExtractor.FindQuoteSpans(text);
        Assert.Equal(2, spans.Count);
        Assert.EndsWith("win it.\u201d", text[spans[1].Start..spans[1].End]);
        Assert.All(Run(text).Quotes.Where(q => q.Kind == QuoteKind.Direct), q => Assert.Equal("Priya Nandakumar", q.Speaker));
    }

    [Fact]
    public void Nested_quotes_stay_inside_the_outer_quote()
    {
        var r = Run("\u201cHe told me \u2018run\u2019 and I ran,\u201d said Wendell Osei.");
        var q = Assert.Single(r.Quotes);
        Assert.Contains("\u2018run\u2019", q.Text);
        Assert.Equal("Wendell Osei", q.Speaker);
    }

    [Fact]
    public void Partial_quote_inside_a_sentence_and_relative_clause_speaker()
    {
        var r = Run("The last defector from Norland, which derides defectors as \u201cdirty traitors\u201d, crossed in May.");
        var q = Assert.Single(r.Quotes);
        Assert.Equal(QuoteKind.Partial, q.Kind);
        Assert.Equal("dirty traitors", q.Text);
        Assert.Equal("Norland", q.Speaker);
    }

    [Fact]
    public void Indirect_speech_and_attributions_by_kind()
    {
        var r = Run("Fenwick Ormand said that the plan was sound and fully costed. The bridge will close on Friday, officials said. " +
                    "Traffic fell by half, according to the Corvale Transport Authority. A source said the deal was close. " +
                    "Prices will rise, said Lina Varro, an economist at Halden University. The mayor resigned, citing Kestrel News Agency.");
        var ind = Assert.Single(r.Quotes, q => q.Kind == QuoteKind.Indirect && q.Speaker == "Fenwick Ormand");
        Assert.Equal("the plan was sound and fully costed", ind.Text);
        Assert.Contains(r.Attributions, a => a.Source == "officials" && a.SourceKind == SourceKind.Official);
        Assert.Contains(r.Attributions, a => a.Source == "Corvale Transport Authority" && a.SourceKind == SourceKind.Official && a.Verb == "according to");
        Assert.Contains(r.Attributions, a => a.Source == "A source" && a.SourceKind == SourceKind.Anonymous);
        Assert.Contains(r.Attributions, a => a.Source == "Lina Varro" && a.SourceKind == SourceKind.Expert);
        Assert.Contains(r.Attributions, a => a.Source == "Kestrel News Agency" && a.SourceKind == SourceKind.Agency && a.Verb == "citing");
    }

    [Fact]
    public void A_qualified_description_is_its_own_source_not_the_nearest_named_organisation()
    {
        var r = Run("Corvale Rail Company said fares would rise. The line carried 2 million passengers last year, according to the regional transport authority.");
        Assert.Contains(r.Attributions, a => a.Verb == "according to" && a.Source == "regional transport authority" && a.SourceKind == SourceKind.Official);
        Assert.DoesNotContain(r.Attributions, a => a.Verb == "according to" && a.Source == "Corvale Rail Company");
    }

    [Fact]
    public void Unclosed_marks_and_empty_text_do_not_break_anything()
    {
        Assert.Empty(Run("").Quotes);
        var r = Run("\u201cThis never closes, said nobody.\n\nA new paragraph follows.");
        Assert.DoesNotContain(r.Quotes, q => q.Kind != QuoteKind.Indirect);
        string big = new string('\u201c', 1) + new string('a', 200_000);
        Assert.Empty(QuoteExtractor.FindQuoteSpans(big));
    }

    [Fact]
    public void Held_out_direct_quotes_have_the_right_speaker_at_least_9_in_10()
    {
        int ok = 0, total = 0;
        var x = new QuoteExtractor();
        // Both held-out sets; a leading "the" is not a different speaker ("the health ministry").
        static string Norm(string? s) => s == null ? "" : s.StartsWith("the ", StringComparison.OrdinalIgnoreCase) ? s[4..] : s;
        foreach (var (text, speakers) in HeldOutQuotes.Cases.Concat(HeldOutQuotes.SecondSet))
        {
            var direct = x.ExtractText(text).Quotes.Where(q => q.Kind == QuoteKind.Direct).ToList();
            for (int i = 0; i < speakers.Length; i++) { total++; if (i < direct.Count && Norm(direct[i].Speaker) == Norm(speakers[i])) ok++; }
        }
        Assert.Equal(25, total);
        Assert.True(ok * 10 >= total * 9, $"{ok}/{total}");
    }

    [Fact]
    public void Seeds_analyst_quote_partial_quote_and_joint_chiefs_attribution()
    {
        string seeds = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../../shared/seeds"));
        if (!Directory.Exists(seeds)) return; // shared/ is not beside this checkout
        var x = new QuoteExtractor();
        var all = Directory.GetFiles(seeds, "*.txt").Select(f => x.Extract(ArticleReader.ReadFile(f, new ArticleReadOptions()).Article)).ToList();
        var quotes = all.SelectMany(a => a.Quotes).ToList();
        var atts = all.SelectMany(a => a.Attributions).ToList();
        Assert.Contains(quotes, q => q.Kind == QuoteKind.Direct && q.Speaker == "Hong Min" && q.Verb == "told" && q.Text.StartsWith("The latest crossing"));
        Assert.Contains(quotes, q => q.Kind == QuoteKind.Partial && q.Text == "human scum");
        Assert.Contains(atts, a => a.Source == "AFP" && a.SourceKind == SourceKind.Agency);
        Assert.Contains(atts, a => a.Source.Contains("Joint Chiefs of Staff") && a.Verb == "according to" && a.SourceKind == SourceKind.Official);
    }

    [Fact]
    public void Told_takes_only_the_outlet_as_source_and_a_bare_quantifier_is_no_source()
    {
        var r = Run("Several told the Marsh Courier they had arranged to work from home. Many said the buses were late.");
        Assert.Contains(r.Attributions, a => a.Source == "Marsh Courier" && a.SourceKind == SourceKind.Media);
        Assert.DoesNotContain(r.Attributions, a => a.Source.Contains("arranged") || a.Source is "Several" or "Many");
    }

    [Fact]
    public void The_articles_own_outlet_told_is_no_source_it_relies_on()
    {
        var x = new QuoteExtractor();
        // In the Marsh Courier's own article, "told the Courier" is its reporting; another outlet told stays a source.
        var own = x.ExtractText("Several told the Courier they had arranged to work from home. Two drivers told the Marsh Courier the depot was closed. "
            + "A porter told the Lowmere Gazette the trains were full.", "id1", "The Marsh Courier");
        Assert.DoesNotContain(own.Attributions, a => a.Source is "Courier" or "Marsh Courier");
        Assert.Contains(own.Attributions, a => a.Source == "Lowmere Gazette" && a.SourceKind == SourceKind.Media);
        Assert.True(QuoteDocument.IsOwnOutlet("the Courier", "The Marsh Courier"));
        Assert.False(QuoteDocument.IsOwnOutlet("Marsh", "The Marsh Courier"));
        Assert.False(QuoteDocument.IsOwnOutlet("Courier", null));
    }

    private static readonly (string Text, string[] Speakers)[] VerblessAndAppositive =
    {
        ("\u201cWe lost everything,\u201d said Hana Kerr, whose shop on Mill Lane flooded twice this year.", new[] { "Hana Kerr" }),
        ("Police chief Arno Velt told reporters: \u201cThere is no evidence of foul play.\u201d", new[] { "Arno Velt" }),
        ("\u201cThe numbers do not add up,\u201d according to Lise Marr, an auditor who reviewed the accounts.", new[] { "Lise Marr" }),
        ("In a statement, the Brenmoor Water Authority said: \u201cSupplies are safe to drink.\u201d", new[] { "Brenmoor Water Authority" }),
        ("\u201cI am not resigning,\u201d Prime Minister Oskar Dahl told parliament on Tuesday.", new[] { "Oskar Dahl" }),
        ("Ruth Pell said the talks had failed. \u201cThey walked out,\u201d she said. Her colleague, Emil Sand, was more hopeful: \u201cWe will be back on Monday.\u201d", new[] { "Ruth Pell", "Emil Sand" }),
        ("\u201cNobody warned us,\u201d one resident, Kofi Adair, said.", new[] { "Kofi Adair" }),
        ("The coach, Marta Ilves, was blunt. \u201cWe played badly and deserved to lose.\u201d", new[] { "Marta Ilves" }),
        ("\u201cThis is a fair deal for workers,\u201d said the union's general secretary, Paulo Renn.", new[] { "Paulo Renn" }),
        ("\u201cPrices will fall next year,\u201d predicted economist Yara Solberg.", new[] { "Yara Solberg" }),
        ("Dr Ilse Brandt leads the study at Varn University.\n\n\u201cEarly results are encouraging,\u201d she said.", new[] { "Ilse Brandt" }),
        ("\u201cWe have asked for a review,\u201d a spokesperson for Kellan Airport said.", new[] { "Kellan Airport" }),
    };

    /// <summary>
    /// Patterns a first fresh set of quotes showed missing (9 of 13 right before the rules, all after): a quote with
    /// no speech verb after a sentence about a named person, a name in apposition before or after the verb.
    /// </summary>
    [Fact]
    public void Verbless_and_appositive_patterns() => AssertSpeakers(VerblessAndAppositive);

    /// <summary>Each text's direct quotes, in order, have these speakers; every case that does not is listed.</summary>
    private static void AssertSpeakers((string Text, string[] Speakers)[] cases)
    {
        var x = new QuoteExtractor();
        var wrong = new List<string>();
        foreach (var (text, speakers) in cases)
        {
            var direct = x.ExtractText(text).Quotes.Where(q => q.Kind == QuoteKind.Direct).ToList();
            for (int i = 0; i < speakers.Length; i++)
                if (i >= direct.Count || direct[i].Speaker != speakers[i]) wrong.Add($"{text}: {(i < direct.Count ? direct[i].Speaker : "(none)")}");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    private static readonly (string Text, string[] Speakers)[] ClausesAroundTheVerb =
    {
        // A bracket after the name.
        ("Councillor Tova Brenn (D) asserted: \u201cThe budget is late again.\u201d", new[] { "Tova Brenn" }),
        // A description inside an adjunct between the name and the verb.
        ("Oskar Lind in a long interview said: \u201cWe were misled about the costs.\u201d", new[] { "Oskar Lind" }),
        // A later clause has its own subject.
        ("After Perrin Vale criticised Ada Strom during the debate, Ada Strom shot back: \u201cThat is simply untrue.\u201d", new[] { "Ada Strom" }),
        // A place in an adjunct before the subject.
        ("Speaking in Dunmore, Calvia, Nell Arden said: \u201cThe mill stays open.\u201d", new[] { "Nell Arden" }),
        // A given name that is also a dictionary word opens the sentence.
        ("Will Harlan said: \u201cThe count is wrong.\u201d", new[] { "Will Harlan" }),
        ("The port is shut. \u201cThe harbour will reopen,\u201d Wren Hollis said.", new[] { "Wren Hollis" }),
        // A quote that ends its sentence is not framed by the next sentence's verb.
        ("Hal Brecken said on Monday that the pier would reopen. \u201cWe will rebuild it by spring.\u201d Tomas Reyes, a councillor, later disputed the timetable in a long letter.", new[] { "Hal Brecken" }),
    };

    /// <summary>Subjects the first step got wrong (an adjunct between the name and the verb, a later clause with its own
    /// subject, a sentence-opening given name that is also a word, a quote followed by a new sentence), beside two it
    /// already got right and must keep (a bracket after the name, a place before the subject).</summary>
    [Fact]
    public void Subjects_past_brackets_adjuncts_and_clauses() => AssertSpeakers(ClausesAroundTheVerb);

    [Fact]
    public void Quoted_words_in_one_sentence_share_its_subject()
    {
        var r = Run("Ivo Marr says the plan \u201cwas never costed\u201d because \u201cnobody read the report\u201d at all.");
        var partial = r.Quotes.Where(q => q.Kind == QuoteKind.Partial).ToList();
        Assert.Equal(2, partial.Count);
        Assert.All(partial, q => Assert.Equal("Ivo Marr", q.Speaker));
    }

    [Fact]
    public void A_verb_that_is_first_an_adjective_is_not_a_verb_in_its_base_form()
    {
        var lex = QuoteLexicon.Shared;
        Assert.False(lex.TryGetVerb("brief", out _));
        Assert.True(lex.TryGetVerb("briefed", out _));
        Assert.True(lex.TryGetVerb("say", out _));
    }

    [Fact]
    public void A_reported_clause_keeps_its_start_and_leaves_out_the_dateline()
    {
        var r = Run("PELLAM \u2014 Dock workers at the east pier stopped work on Friday, the operator Corvale Freight said.\n\n" +
                    "Corvale Freight said all nine sailings were cancelled and that it had asked the council for help.");
        var ind = r.Quotes.Where(q => q.Kind == QuoteKind.Indirect).Select(q => q.Text).ToList();
        Assert.Contains("Dock workers at the east pier stopped work on Friday", ind);
        Assert.Contains("all nine sailings were cancelled and that it had asked the council for help", ind);
    }

    [Fact]
    public void The_rest_of_a_verbs_object_is_no_reported_clause()
    {
        var r = Run("Mayor Ines Halloran said she had asked the operator and the union to settle the dispute before the weekend.");
        var ind = r.Quotes.Where(q => q.Kind == QuoteKind.Indirect).ToList();
        Assert.Contains(ind, q => q.Text == "she had asked the operator and the union to settle the dispute before the weekend" && q.Speaker == "Ines Halloran");
        // What she asked them to do is reported too, never from the middle of the object ("and the union to …").
        Assert.Contains(ind, q => q.Text == "settle the dispute before the weekend" && q.Speaker == "Ines Halloran");
        Assert.Equal(2, ind.Count);
    }

    [Fact]
    public void A_frame_between_commas_reports_the_clause_on_both_sides_of_it()
    {
        var r = Run("The new timetable, Corvale Freight said, would cut two sailings a day.\n\n" +
                    "After the council closed the east pier in March, Mayor Ines Halloran said, most ferries were moved to Pellam.\n\n" +
                    "The pier will reopen in May, Ines Halloran said, adding that repairs had begun.");
        var ind = r.Quotes.Where(q => q.Kind == QuoteKind.Indirect).ToList();
        Assert.Contains(ind, q => q.Text == "The new timetable \u2026 would cut two sailings a day" && q.Speaker == "Corvale Freight");
        Assert.Contains(ind, q => q.Text == "After the council closed the east pier in March \u2026 most ferries were moved to Pellam" && q.Speaker == "Ines Halloran");
        // What follows as an afterthought (", adding …") is not the clause's second half.
        Assert.Contains(ind, q => q.Text == "The pier will reopen in May" && q.Speaker == "Ines Halloran");
    }

    [Fact]
    public void According_to_at_the_end_reports_the_clause_before_it()
    {
        var r = Run("Of the 40 crews on the island, 31 have signed the new contract, according to a union spokeswoman.\n\n" +
                    "Ferry traffic fell by a third in April, according to a Tamsin University survey released Sunday.\n\n" +
                    "In a statement, Corvale Freight said it would appeal.");
        var ind = r.Quotes.Where(q => q.Kind == QuoteKind.Indirect).Select(q => q.Text).ToList();
        Assert.Contains("Of the 40 crews on the island, 31 have signed the new contract", ind);
        Assert.Contains("Ferry traffic fell by a third in April", ind);
        Assert.Contains("it would appeal", ind);
        Assert.DoesNotContain("In a statement", ind); // an adjunct before a frame reports nothing
    }

    [Fact]
    public void Quoted_words_ending_the_writers_sentence_get_its_subject()
    {
        var r = Run("Ines Halloran spoke after the vote. She went on to call the ferry contract \u201cthe worst deal this island has ever signed.\u201d");
        var q = Assert.Single(r.Quotes, x => x.Text.StartsWith("the worst deal", StringComparison.Ordinal));
        Assert.Equal("Ines Halloran", q.Speaker);
        Assert.StartsWith("the subject of the sentence the quoted words end", q.SpeakerNote);
    }

    [Fact]
    public void A_subject_with_a_bracket_and_an_appositive_before_the_verb()
    {
        var r = Run("Rep. Tobias Wren (D-Ore.), chair of the harbour committee, said the process was \u201copen to every viewpoint.\u201d");
        Assert.Contains(r.Quotes, q => q.Text.StartsWith("open to every", StringComparison.Ordinal) && q.Speaker == "Tobias Wren");
    }

    [Fact]
    public void The_object_of_a_relative_clause_is_no_speaker_and_no_fragment_becomes_one()
    {
        var r = Run("Tobias Wren, an engineer who previously worked for Sen. Ada Morn (D-Ore.), one of the harbour bill\u2019s authors, called it \u201ca turning point for the island.\u201d");
        Assert.DoesNotContain(r.Quotes, q => q.Speaker != null && (q.Speaker.Contains("worked", StringComparison.Ordinal) || q.Speaker.Contains("Morn", StringComparison.Ordinal)));
        Assert.Contains(r.Quotes, q => q.Text == "a turning point for the island." && q.Speaker == "Tobias Wren");
    }
    private static readonly (string Text, string[] Speakers)[] PronounAntecedents =
    {
        // A sentence that opens with the same pronoun is about its referent: the names in it are not.
        ("Ada Quill runs the Pellam food bank.\n\nShe said the grant that Mayor Rhona Beck promised never came.\n\n\u201cWe are feeding twice as many families,\u201d she said.", new[] { "Ada Quill" }),
        // A name written as a place ("in Halden Cross") is no one a pronoun stands for.
        ("Tomas Rell, a farmer, spoke to the crowd.\n\nThe rally in Halden Cross drew thousands. \u201cWe came to be heard,\u201d he said.", new[] { "Tomas Rell" }),
        // Nor are bare initials ("N.V.").
        ("Mara Lind, a lobbyist, flew home on Friday. Lawmakers from N.V. held no vote. \u201cIt is a scandal,\u201d she said.", new[] { "Mara Lind" }),
    };

    private static readonly (string Text, string[] Speakers)[] PlacesAndCompanies =
    {
        // A place the gazetteer knows whole is no person, even without a preposition before it.
        ("Piet Vander, a fisherman, has sailed for forty years.\n\nLast spring New Zealand banned the nets. \u201cIt ended my trade,\u201d he said.", new[] { "Piet Vander" }),
        // Nor is one word that is a company and no name part.
        ("Lena Dorsk, a teacher, wrote a long post.\n\nWithin an hour Google removed it. \u201cI was silenced,\u201d she said.", new[] { "Lena Dorsk" }),
    };

    /// <summary>The fast name finder types a whole place name and a one-word company as what they are, so "he" and "she" pass them by.</summary>
    [Fact]
    public void Places_known_whole_and_one_word_companies_are_not_people() => AssertSpeakers(PlacesAndCompanies);

    /// <summary>He and she: past a sentence about the pronoun's own referent, never to a place or to bare initials.</summary>
    [Fact]
    public void A_pronoun_skips_sentences_about_itself_places_and_initials() => AssertSpeakers(PronounAntecedents);
    /// <summary>A name that modifies the nouns after it is not the clause's subject: the person named at the end of the
    /// phrase is ("Norland presidential candidate Ada Morn"), or the phrase itself when it names no one.</summary>
    [Fact]
    public void A_name_modifying_a_noun_is_not_the_subject()
    {
        var named = Run("Norland presidential candidate Ada Morn toured the coast on Friday, promising voters \u201ca fairer deal.\u201d");
        Assert.Contains(named.Quotes, q => q.Text.StartsWith("a fairer deal", StringComparison.Ordinal) && q.Speaker == "Ada Morn");
        var described = Run("The Norland presidential candidate toured the coast on Friday, promising voters \u201ca fairer deal.\u201d");
        Assert.Contains(described.Quotes, q => q.Text.StartsWith("a fairer deal", StringComparison.Ordinal) && q.Speaker == "The Norland presidential candidate");
    }

    [Fact]
    public void A_title_after_a_possessive_or_of_is_no_quote_but_a_cry_is()
    {
        var r = Run("\u201cThe ferry will run all winter,\u201d Orla Venn said on Sunday on Velt TV's \u201cHarbour Hour.\u201d\n\nShe is a co-author of \u201cThe Tides of Pellam.\u201d The crowd answered with chants of \u201cKeep It Open!\u201d");
        Assert.DoesNotContain(r.Quotes, q => q.Text.StartsWith("Harbour Hour", StringComparison.Ordinal));
        Assert.DoesNotContain(r.Quotes, q => q.Text.StartsWith("The Tides of Pellam", StringComparison.Ordinal));
        Assert.Contains(r.Quotes, q => q.Text == "Keep It Open!");
        Assert.Equal("Orla Venn", Assert.Single(r.Quotes, q => q.Text.StartsWith("The ferry", StringComparison.Ordinal)).Speaker);
    }

    [Fact]
    public void Indirect_speech_in_a_subordinate_clause_ends_before_the_main_clause()
    {
        var r = Run("While Ines Marlow said that the ferry would run all winter, the harbour board did not say when tickets go on sale.");
        var ind = Assert.Single(r.Quotes, q => q.Kind == QuoteKind.Indirect);
        Assert.Equal("the ferry would run all winter", ind.Text);
        Assert.Equal("Ines Marlow", ind.Speaker);
    }

    /// <summary>He and she pass by a name that only modifies a noun ("Ostrander aide Dorrit Vask") and, within one sentence,
    /// prefer the person whose given name has the pronoun's gender to one whose gender is unknown.</summary>
    [Fact]
    public void A_pronoun_passes_modifiers_and_prefers_the_name_of_its_gender()
    {
        var modifier = Run("Ostrander aide Dorrit Vask confirmed that the fund was closed. \u201cIt is settled,\u201d she said.");
        Assert.Equal("Dorrit Vask", Assert.Single(modifier.Quotes, q => q.Kind == QuoteKind.Direct).Speaker);
        var gendered = Run("After Bellamy closed the meeting, Mara Orr walked out. \u201cWe agreed on nothing,\u201d she said.");
        Assert.Equal("Mara Orr", Assert.Single(gendered.Quotes, q => q.Kind == QuoteKind.Direct).Speaker);
    }

    /// <summary>Quoted words with no verb of saying in a clause whose subject is a description ("The advert says …") or a
    /// possessive ("Her plan promises to …"): the description as written, or the person the possessive stands for.</summary>
    [Fact]
    public void A_description_or_a_possessive_opening_the_clause_is_the_speaker()
    {
        var possessive = Run("Council candidate Mara Orr unveiled a housing plan on Monday. Her plan promises to \u201cbuild homes for every family that needs one.\u201d");
        Assert.Equal("Mara Orr", Assert.Single(possessive.Quotes, q => q.Text.StartsWith("build homes", StringComparison.Ordinal)).Speaker);
        var described = Run("The Pellam ferry union released an advert on Monday.\n\nThe advert says \u201cnothing will change until we elect new people.\u201d");
        Assert.Equal("The advert", Assert.Single(described.Quotes, q => q.Text.StartsWith("nothing will", StringComparison.Ordinal)).Speaker);
    }

    /// <summary>A quote introduced by the sentence before is spoken by the subject of that sentence's main verb of saying,
    /// not of a verb in the clause it reports.</summary>
    [Fact]
    public void The_sentence_before_introduces_a_quote_through_its_main_verb()
    {
        var r = Run("Lena Osk said that for years some rivals had been predicting her defeat.\n\n\u201cThat will not happen. We have the votes.\u201d");
        var q = Assert.Single(r.Quotes, x => x.Kind == QuoteKind.Direct);
        Assert.Equal("Lena Osk", q.Speaker);
        Assert.Equal("introduced by the sentence before", q.SpeakerNote);
    }

    /// <summary>An age between commas after a name ("Ada Morn, 35, the daughter of …, said") belongs to the name: the name
    /// speaks, not the number.</summary>
    [Fact]
    public void An_age_after_the_name_is_not_the_speaker()
    {
        var r = Run("Ada Morn, 35, the daughter of a former mayor, said on Monday, \u201cWe will be back next year.\u201d");
        Assert.Equal("Ada Morn", Assert.Single(r.Quotes, x => x.Kind == QuoteKind.Direct).Speaker);
    }
}
