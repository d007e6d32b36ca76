using NewsCmdlets.Engine.Text;

namespace NewsCmdlets.Engine.Entities.Tagging;

/// <summary>
/// Tags the tokens of a document with a <see cref="NerModel"/>. Holds reusable buffers, so one instance serves one
/// thread; the model and gazetteer it uses are shared.
/// </summary>
public sealed class NerTagger
{
    private readonly NerModel _model;
    private readonly NerModel? _second;
    private readonly Gazetteer _gaz;
    private ulong[] _feats = new ulong[64 * NerFeatures.Stride];
    private float[] _scores = new float[64 * NerModel.TagCount];
    private float[] _delta = new float[64 * NerModel.TagCount];
    private int[] _back = new int[64 * NerModel.TagCount];
    private int[] _tags = new int[64];
    private uint[] _gazB = new uint[64], _gazI = new uint[64];

    public NerTagger(NerModel model, Gazetteer gazetteer) : this(model, gazetteer, model.Second) { }

    /// <summary>A tagger with an optional second stage that sees the first stage's tags of the whole document.</summary>
    public NerTagger(NerModel model, Gazetteer gazetteer, NerModel? second)
    {
        _model = model;
        _second = second;
        _gaz = gazetteer;
    }

    /// <summary>One tag index per token of the document (tokens outside every sentence get O).</summary>
    public int[] Tag(NerDocument doc)
    {
        // With the model's own second stage, one lookup of each first-stage feature serves both stages (the second
        // stage's sums over those features are kept per token); another second stage looks them up again.
        bool joint = _second != null && ReferenceEquals(_second, _model.Second);
        if (joint && _secondSums.Length < doc.Tokens.Count * NerModel.TagCount) _secondSums = new float[Math.Max(doc.Tokens.Count, 1024) * NerModel.TagCount];
        var result = TagStage1(doc, joint ? _secondSums : null);
        if (_second != null)
        {
            var votes = NerFeatures.Votes(doc, result);
            var stage2 = new int[result.Length];
            foreach (var s in doc.Sentences)
            {
                int n = s.TokenCount;
                if (n == 0) continue;
                Ensure(n);
                if (!joint) NerFeatures.Extract(doc, s, _gaz, _feats, _gazB, _gazI);
                NerFeatures.ExtractStage2(doc, s, result, votes, _feats);
                if (joint) _model.ScoreSecond(_feats, n, _secondSums, s.FirstToken * NerModel.TagCount, _scores);
                else _second.Score(_feats, n, _scores);
                _second.Decode(_scores, n, _tags, _second.Transitions, _delta, _back);
                Array.Copy(_tags, 0, stage2, s.FirstToken, n);
            }
            result = stage2;
        }
        // Datelines, result lines and known organisations first, so that propagation carries their types to the same
        // names elsewhere, and again at the end, so that propagation and the organisation rules do not undo them (each is
        // a cheap scan).
        bool[]? sure = null;
        if (NameRules)
        {
            TrimLowerTails(doc, result);
            ApplyEastAsianNames(doc, result);
            sure = ApplyContextNames(doc, result);
            ApplyDatelines(doc, result);
            ApplyScoreLines(doc, result, ref sure);
            ApplyScorecards(doc, result, ref sure);
            ApplyAcronyms(doc, result, ref sure);
            ApplyKnownOrganisations(doc, result, ref sure);
            ApplyAffiliations(doc, result, ref sure);
            ApplyPartyNames(doc, result, ref sure);
        }
        if (PropagateLabels) Propagate(doc, result, sure);
        if (OrganisationRules) ApplyOrganisationRules(doc, result);
        if (NameRules) ApplyNewsContexts(doc, result);
        if (NameRules)
        {
            ApplyLowerCaseStarts(doc, result);
            ApplyPersonSpans(doc, result);
            ApplyDatelines(doc, result);
            ApplyScoreLines(doc, result, ref sure);
            ApplyScorecards(doc, result, ref sure);
            ApplyKnownOrganisations(doc, result, ref sure);
            TrimLowerTails(doc, result);
            ApplySpanEdges(doc, result);
            ApplyWorkTitles(doc, result);
        }
        return result;
    }

    /// <summary>
    /// Edges of names that web news copy gets wrong, in articles in normal case:
    /// - an organisation's name ending in an organisation word, then a given name and more capitalised words, is the
    ///   organisation and a person ("Ambassador to the [European Union] [Gordon Sondland]");
    /// - "Air" and a country or city is an airline ("[Air Astana]");
    /// - a place or nationality before "Open", "Grand Prix", "Masters", "Classic" or "Marathon" names a sporting event
    ///   ("the [U.S. Open]", "the [Hamburg Open]"), not the place; in a headline only after a sports slug ("TENNIS -
    ///   [HAMBURG OPEN] RESULTS");
    /// - a nationality alone is no place or organisation ("[Israeli] negotiators", "the [Polish] news agency");
    /// - an organisation word opening a sentence before an organisation that starts with another is its first word
    ///   ("[Union Bank of Switzerland] gained …": the model leaves out a sentence's capitalised first word);
    /// - a place that runs through a lower-case word is that word and a place ("the [Chechen] capital [Grozny]");
    /// - a headline's subject slug before a dash is no name ("RUGBY UNION - …").
    /// </summary>
    private void ApplySpanEdges(NerDocument doc, int[] tags)
    {
        if (doc.CaseUnreliable) return;
        int n = tags.Length;
        bool[]? afterSlug = null;
        // A headline's subject slug before a dash names no one ("RUGBY UNION - WALES BEAT FIJI"): dictionary words
        // in capitals, none a country or region (a town may share a sport's name: Rugby).
        foreach (var sent in doc.Sentences)
        {
            int first = sent.FirstToken, dash = -1;
            for (int k = first + 1; k < Math.Min(first + 4, sent.EndToken - 1); k++) if (IsWord(doc, k, "-")) { dash = k; break; }
            if (dash < 0) continue;
            bool slug = true;
            for (int k = first; k < dash && slug; k++)
                slug = (doc.Flags[k] & NerDocument.FHeadline) != 0
                       && (WordClass(doc, k) & (GazetteerClass.LowerWord | GazetteerClass.Country | GazetteerClass.Region | GazetteerClass.Demonym)) == GazetteerClass.LowerWord;
            if (!slug) continue;
            for (int k = first; k < dash; k++) tags[k] = 0;
            // After a sports slug, "OPEN" or "GRAND PRIX" in the headline is the event's name ("TENNIS - HAMBURG OPEN
            // RESULTS"), not a verb or an adjective.
            (afterSlug ??= new bool[n]).AsSpan(dash + 1, sent.EndToken - dash - 1).Fill(true);
        }
        for (int i = 0; i < n; i++)
        {
            if (tags[i] == 0 || (tags[i] & 1) == 0) continue;
            int b = tags[i], e = SpanEnd(tags, i, n);
            // A sentence's "The" before a country is no part of it ("The [Netherlands] government"; the model runs a
            // place on over its article at the start of a sentence).
            if (b is 3 or 5 && e - i >= 2 && IsWord(doc, i, "The") && (PhraseClass(doc, i + 1, e) & GazetteerClass.Country) != 0)
            {
                tags[i] = 0;
                tags[++i] = b;
            }
            // A common word for an institution alone in a story's headline in capitals names none ("AFTER BANK RAID",
            // "POLICE"). (A heading inside a contract may be its defined term: "BANK 'S RIGHTS".)
            if (b == 3 && e == i + 1 && (doc.Flags[i] & NerDocument.FHeadline) != 0 && InstitutionNouns.Contains(doc.Lower[i]) && i < doc.Sentences[0].EndToken)
            {
                tags[i] = 0;
                continue;
            }
            // "the [Tour of Spain]", "[TOUR OF SPAIN]": a cycling tour named after a place is the event.
            // (Not a band's "Anniversary Tour of North America": the word before "Tour" is a lower-case one or "of".)
            if (b == 5 && i >= 2 && tags[i - 1] == 0 && tags[i - 2] == 0 && doc.Lower[i - 1] == s_of && doc.Lower[i - 2] == s_tour
                && char.IsUpper(doc.Text[doc.Tokens[i - 2].Start])
                && (i - 3 < 0 || (doc.Flags[i - 3] & NerDocument.FLowerStart) != 0 || doc.Lower[i - 3] == s_of || (doc.Flags[i - 3] & NerDocument.FPunct) != 0))
            {
                SetSpan(tags, i - 2, e, 7);
                StartAfresh(tags, e, n);
                i = e - 1;
                continue;
            }
            if (b is 3 or 5 or 7)
            {
                // A sporting event named after a place or nation.
                int ev = (doc.Flags[i] & NerDocument.FHeadline) == 0 || afterSlug?[i] == true ? EventWords(doc, e, n) : 0;
                var pc = PhraseClass(doc, i, e);
                if (ev > 0 && (b == 5 || (pc & (b == 7 ? GazetteerClass.Demonym : PlaceClasses | GazetteerClass.Demonym)) != 0))
                {
                    SetSpan(tags, i, e + ev, 7);
                    StartAfresh(tags, e + ev, n);
                    i = e + ev - 1;
                    continue;
                }
                // A nationality, faith or people alone ("MUSLIM REBELS" in a headline too).
                // (A faith or people may share a region's name: "Chechen"; a nationality that is a place's name stays one.)
                if (b != 7 && e == i + 1 && (GroupWords.Contains(doc.Lower[i]) || (pc & PlaceClasses) == 0 && IsNationality(doc, i)))
                {
                    tags[i] = 7;
                    continue;
                }
            }
            if (b == 7) { i = e - 1; continue; } // MISC
            // A place that runs through a lower-case word other than a particle is a word and a place ("the Chechen
            // capital [Grozny]", "the rebel stronghold [Pale]"): what follows the last such word is the place.
            if (b == 5 && e - i >= 3)
            {
                int cut = -1;
                for (int k = i + 1; k < e - 1; k++)
                    if ((doc.Flags[k] & (NerDocument.FLowerStart | NerDocument.FDigit | NerDocument.FPunct | NerDocument.FHeadline)) == NerDocument.FLowerStart
                        && !IsConnector(doc, k) && !IsNameParticle(doc, k) && !PlaceParticles.Contains(doc.Exact[k]))
                        cut = k;
                if (cut > 0 && (doc.Flags[cut + 1] & NerDocument.FCap) != 0)
                {
                    // The capitalised words before it: nationalities or peoples are a group ("[Bosnian Serb] stronghold"), a
                    // known place stays one ("[Moscow] suburb"), and so does a place before a preposition ("the [James
                    // River] in [Newport News]"); anything else is no name.
                    int pe = i;
                    while (pe < cut && (doc.Flags[pe] & NerDocument.FCap) != 0) pe++;
                    bool group = pe > i, place = pe > i && (IsKnownPlace(doc, i, pe) || Prepositions.Contains(doc.Lower[cut]));
                    for (int k = i; k < pe && group; k++) group = IsGroupWord(doc, k);
                    for (int k = i; k <= cut; k++) tags[k] = 0;
                    if (group || place) SetSpan(tags, i, pe, group ? 7 : 5);
                    tags[cut + 1] = 5;
                    i = e - 1;
                    continue;
                }
            }
            // An organisation word the model left out at the start of a sentence.
            if (b == 3 && i > 0 && tags[i - 1] == 0 && (doc.Flags[i - 1] & (NerDocument.FInitial | NerDocument.FCap | NerDocument.FAllCaps | NerDocument.FHeadline)) == (NerDocument.FInitial | NerDocument.FCap)
                && (WordClass(doc, i - 1) & GazetteerClass.OrgWord) != 0 && IsOrgWord(doc, i))
            {
                tags[i - 1] = 3;
                tags[i] = 4;
            }
            // "Air" and a place (the model may have left "Air" out).
            if (b is 1 or 5)
            {
                int a = i > 0 && tags[i - 1] == 0 && IsWord(doc, i - 1, "Air") ? i - 1 : i;
                if (e - a >= 2 && IsWord(doc, a, "Air") && (PhraseClass(doc, a + 1, e) & (GazetteerClass.Country | GazetteerClass.City)) != 0)
                {
                    i = a;
                    SetSpan(tags, i, e, 3);
                    b = 3;
                }
            }
            // An organisation word, then a person.
            if (b == 3 && e - i >= 4)
                for (int k = i + 1; k + 1 < e; k++)
                {
                    if ((doc.Flags[k] & NerDocument.FCap) == 0) break;
                    var wk = WordClass(doc, k);
                    if (!IsOrgWord(doc, k - 1) || (wk & GazetteerClass.GivenName) == 0 || IsOrgWord(doc, k)
                        || (wk & (GazetteerClass.LowerWord | GazetteerClass.Country | GazetteerClass.City)) != 0) continue;
                    bool rest = true;
                    for (int r = k + 1; r < e; r++)
                        if ((doc.Flags[r] & NerDocument.FCap) == 0 || (doc.Flags[r] & NerDocument.FAllCaps) != 0 || IsOrgWord(doc, r)) rest = false;
                    if (!rest) break;
                    tags[k] = 1;
                    for (int r = k + 1; r < e; r++) tags[r] = 2;
                    break;
                }
            i = e - 1;
        }
    }

    /// <summary>A name does not end in a word in lower case ("uncapped [Pontypridd] flanker"): the model ran on. (A
    /// particle may: "Frankfurt am"; a brand with a capital inside too: "Apple iPod"; and a person's name may end in a
    /// family name that is no dictionary word, written in lower case in informal text: "Kylie minogue".)</summary>
    private void TrimLowerTails(NerDocument doc, int[] tags)
    {
        if (doc.CaseUnreliable) return;
        int n = tags.Length;
        for (int i = 0; i < n; i++)
        {
            if (tags[i] == 0 || (tags[i] & 1) == 0) continue;
            int e = SpanEnd(tags, i, n), t = e;
            if ((doc.Flags[i] & NerDocument.FCap) != 0)
                while (t - 1 > i && (doc.Flags[t - 1] & (NerDocument.FLowerStart | NerDocument.FCap | NerDocument.FDigit | NerDocument.FPunct | NerDocument.FHeadline)) == NerDocument.FLowerStart
                       && IsLowerWord(doc, t - 1) && !IsConnector(doc, t - 1) && !IsNameParticle(doc, t - 1) && !PlaceParticles.Contains(doc.Exact[t - 1])
                       && (tags[i] != 1 || (WordClass(doc, t - 1) & GazetteerClass.LowerWord) != 0)) t--;
            for (int k = t; k < e; k++) tags[k] = 0;
            i = e - 1;
        }
    }

    /// <summary>Lower-case words inside place names besides the connectors and name particles ("Aix en Provence",
    /// "Kingston upon Hull", "Frankfurt am Main").</summary>
    private static readonly HashSet<ulong> PlaceParticles = new[] { "en", "sur", "sous", "upon", "am", "an", "im", "les", "y", "on", "the", "lès" }
        .Select(w => Hashing.Exact(w)).ToHashSet();

    private static readonly HashSet<ulong> Prepositions = Hashes(new[] { "in", "at", "near", "outside", "by", "off", "from", "to" });

    /// <summary>A nationality (<see cref="IsNationality"/>), faith or people ("Israeli", "Islamic", "Kurdish").</summary>
    private bool IsGroupWord(NerDocument doc, int k) => IsNationality(doc, k) || GroupWords.Contains(doc.Lower[k]);

    /// <summary>Adjectives and nouns for a faith or a people that no country's demonym covers ("Islamic", "Kurdish").</summary>
    private static readonly HashSet<ulong> GroupWords = Hashes(new[]
    {
        "islamic", "muslim", "muslims", "moslem", "moslems", "jewish", "catholic", "catholics", "protestant", "protestants",
        "buddhist", "buddhists", "hindu", "hindus", "sikh", "sikhs", "shi'ite", "shiite", "shia", "sunni", "orthodox", "evangelical",
        "kurd", "kurds", "kurdish", "chechen", "chechens", "basque", "basques", "tamil", "tamils", "tibetan", "tibetans",
        "uighur", "uighurs", "uyghur", "pashtun", "tutsi", "tutsis", "hutu", "hutus", "zulu", "zulus", "berber", "berbers",
        "serb", "serbs", "croat", "croats", "flemish", "walloon", "catalan", "corsican", "arab", "arabs", "bedouin", "druze",
        "rohingya", "yazidi", "cossack", "cossacks", "aboriginal", "maori", "inuit",
    });

    private static readonly ulong s_tour = Hashing.Lower("tour"), s_of = Hashing.Lower("of");
    private static readonly HashSet<ulong> InstitutionNouns = Hashes(new[]
    {
        "bank", "banks", "police", "army", "court", "company", "group", "firm", "government", "ministry", "navy", "party", "troops",
    });
    private static readonly ulong s_open = Hashing.Lower("open"), s_masters = Hashing.Lower("masters"), s_classic = Hashing.Lower("classic"),
        s_marathon = Hashing.Lower("marathon"), s_grand = Hashing.Lower("grand"), s_prix = Hashing.Lower("prix");

    /// <summary>The number of tokens at k that name a kind of sporting event after a place ("Open", "Grand Prix"), or 0.</summary>
    private static int EventWords(NerDocument doc, int k, int n)
    {
        if (k >= n || (doc.Flags[k] & NerDocument.FCap) == 0) return 0;
        if (doc.Lower[k] == s_open || doc.Lower[k] == s_masters || doc.Lower[k] == s_classic || doc.Lower[k] == s_marathon) return 1;
        return k + 1 < n && doc.Lower[k] == s_grand && doc.Lower[k + 1] == s_prix && (doc.Flags[k + 1] & NerDocument.FCap) != 0 ? 2 : 0;
    }

    /// <summary>The end (exclusive, at most <paramref name="end"/>) of the name whose B- tag is at i: the I- tags after it.</summary>
    private static int SpanEnd(int[] tags, int i, int end)
    {
        int e = i + 1;
        while (e < end && tags[e] == tags[i] + 1) e++;
        return e;
    }

    /// <summary>Tags s..e-1 as one name: B- tag <paramref name="b"/> (odd) on the first token, its I- tag on the rest.</summary>
    private static void SetSpan(int[] tags, int s, int e, int b)
    {
        for (int k = s; k < e; k++) tags[k] = k == s ? b : b + 1;
    }

    /// <summary>After a name was retyped or cut, the token at k (if before <paramref name="end"/>) that went on the
    /// old name with an I- tag starts a name of its own.</summary>
    private static void StartAfresh(int[] tags, int k, int end)
    {
        if (k < end && tags[k] % 2 == 0 && tags[k] != 0) tags[k] -= 1;
    }

    /// <summary>A pronoun, question word or auxiliary: in capitals, a heading's word, never a dateline's or a name's.</summary>
    internal static bool IsHeadingWord(ReadOnlySpan<char> word) => HeadingWords.Contains(Hashing.Lower(word));

    private static readonly HashSet<ulong> HeadingWords = Hashes(new[]
    {
        "what", "who", "why", "how", "when", "where", "which", "you", "your", "we", "our", "i", "my", "me", "it", "its", "they", "their",
        "is", "are", "was", "do", "does", "did", "can", "will", "not", "this", "that", "these",
    });

    /// <summary>Rules for datelines ("WESTMERE 2026-03-14") and East Asian names ("Ahn Gyu-back") (on by default).</summary>
    public bool NameRules { get; init; } = NerAblations.NameRules;

    /// <summary>
    /// In an article in normal case (three sentences or more), names start with a capital: leading lower-case words
    /// leave a name ("infamous [Island]") and a name in lower case only is none ("the central bank"); names of people and
    /// organisations also end with one ("[Northsea Press] news agency"; places may end in "river").
    /// </summary>
    private static void ApplyLowerCaseStarts(NerDocument doc, int[] tags)
    {
        if (doc.CaseUnreliable || doc.Sentences.Count < 3) return;
        int n = tags.Length;
        for (int i = 0; i < n; i++)
        {
            if (tags[i] == 0 || (tags[i] & 1) == 0 || (doc.Flags[i] & (NerDocument.FLowerStart | NerDocument.FHeadline)) != NerDocument.FLowerStart) continue;
            int e = SpanEnd(tags, i, n);
            int s = i;
            // A name may open with its particles: a person's ("[van Rijswijk] 6"), and any name with one joined to a
            // capitalised word ("[al-Nuaimi] was arrested", "the camp at [al-Hol]").
            int q = i;
            while (q < e && IsNameParticle(doc, q)) q++;
            if (q > i && (q == e || (doc.Flags[q] & NerDocument.FCap) != 0) && (tags[i] == 1 || !IsLowerWord(doc, i)))
            {
                i = e - 1;
                continue;
            }
            while (s < e && (doc.Flags[s] & NerDocument.FCap) == 0) tags[s++] = 0;
            if (s < e) tags[s] -= 1; // B- for the first capitalised word
            i = e - 1;
        }
        // A lone capitalised word opening a sentence that the article also writes in lower case is a common word
        // ("Born in New Jersey, …").
        for (int i = 0; i < n; i++)
        {
            if (tags[i] == 0 || (tags[i] & 1) == 0 || (i + 1 < n && tags[i + 1] == tags[i] + 1)) continue;
            if ((doc.Flags[i] & (NerDocument.FInitial | NerDocument.FCap)) == (NerDocument.FInitial | NerDocument.FCap)
                && (doc.Flags[i] & NerDocument.FAllCaps) == 0 && doc.SeenLower.Contains(doc.Lower[i]) && !HasJoinedName(doc, i))
                tags[i] = 0;
        }
        // … and a person's or organisation's name ends with a capitalised word ("[Northsea Press] news agency").
        for (int i = 0; i < n; i++)
        {
            if (tags[i] is not (1 or 3)) continue;
            int e = SpanEnd(tags, i, n);
            while (e - 1 > i && (doc.Flags[e - 1] & (NerDocument.FLowerStart | NerDocument.FHeadline)) == NerDocument.FLowerStart && !(IsNameParticle(doc, e - 1) && !IsLowerWord(doc, e - 1))) tags[--e] = 0;
            i = e - 1;
        }
    }

    /// <summary>
    /// A person's name does not include the title or nationality before it ("Judge [Ada Ruiz]", "Dutchman [Piet Van
    /// Halen]"), and two
    /// capitalised names tagged as persons side by side are one ("[Kofi] [Adair]" → "[Kofi Adair]").
    /// </summary>
    private void ApplyPersonSpans(NerDocument doc, int[] tags)
    {
        foreach (var sent in doc.Sentences)
        {
            int end = sent.EndToken;
            for (int i = sent.FirstToken; i < end; i++)
            {
                if (tags[i] != 1) continue;
                if (i > sent.FirstToken && tags[i - 1] is 1 or 2 && (doc.Flags[i] & NerDocument.FCap) != 0 && (doc.Flags[i - 1] & NerDocument.FCap) != 0
                    && (doc.Flags[i - 1] & NerDocument.FPunct) == 0)
                {
                    // A title the model took for a name of its own is left out ("Chairman [Jean-Luc Marchetti]");
                    // otherwise two person names side by side are one.
                    int p = i - 1;
                    while (p > sent.FirstToken && tags[p] == 2) p--;
                    bool titles = true;
                    for (int k = p; k < i && titles; k++) titles = IsPersonTitle(doc, k);
                    if (!titles) { tags[i] = 2; continue; }
                    for (int k = p; k < i; k++) tags[k] = 0;
                }
                int e = SpanEnd(tags, i, end);
                // A score or a figure after a name is not part of it ("Mushtaq Ahmed 44").
                while (e - 1 > i && IsNumber(doc.Tokens[e - 1].Span(doc.Text), 4)) tags[--e] = 0;
                // "[Damon Hill] of [Williams]": a person's name does not go on through "of" (unless it starts with a
                // title: "Duke of Edinburgh"); what follows is the team, firm or place the person is of.
                if (!IsPersonTitle(doc, i) && !NamePartTitles.Contains(doc.Tokens[i].Span(doc.Text).ToString()))
                    for (int m = i + 1; m < e - 1; m++)
                    {
                        if (!IsWord(doc, m, "of") || (doc.Flags[m + 1] & NerDocument.FCap) == 0) continue;
                        int type = IsKnownPlace(doc, m + 1, e) ? 5 : 3;
                        tags[m] = 0;
                        SetSpan(tags, m + 1, e, type);
                        e = m;
                        break;
                    }
                int s = i;
                // A title, a nationality or a sports role ("Goaltender [Mike Richter]") before the name is no part of it.
                while (s < e - 1 && (doc.Flags[s] & NerDocument.FCap) != 0 && (IsPersonTitle(doc, s) || IsNationality(doc, s)
                       || (SportsRoles.Contains(doc.Lower[s]) && (WordClass(doc, s) & GazetteerClass.GivenName) == 0))) s++;
                if (s == i) continue;
                for (int k = i; k < s; k++) tags[k] = 0;
                tags[s] = 1;
            }
        }
    }

    private static readonly HashSet<string> NamePartTitles = new(StringComparer.OrdinalIgnoreCase) { "Lord", "Lady", "Sir", "Dame" };

    private bool IsPersonTitle(NerDocument doc, int k)
    {
        if ((WordClass(doc, k) & GazetteerClass.Title) == 0) return false;
        return !NamePartTitles.Contains(doc.Tokens[k].Span(doc.Text).ToString());
    }

    /// <summary>
    /// Names their context types, in articles in normal case:
    /// - a run of one to three capitalised words right after a person's title, left untagged, is a person ("Prime
    ///   Minister [Viktor Chernomyrdin]", "rebel leader [Aslan Maskhadov]"), unless a word in it is a country, a
    ///   nationality, a day or month, an organisation word ("President Hotel"), or an English word that is no known
    ///   part of a name ("President Signature"); so is a given name and more after a nationality ("Australian [Pat
    ///   Rafter]");
    /// - a run after a place noun and "of" is a place ("the town of [Novye Atagi]", "the province of [Holm]").
    /// Not in a sentence of capitalised words (a headline in title case: "Princess Peach Comes Back").
    /// </summary>
    /// <returns>The tokens these rules typed (their votes weigh more in propagation), or null when there are none.</returns>
    private bool[]? ApplyContextNames(NerDocument doc, int[] tags)
    {
        if (doc.CaseUnreliable) return null;
        bool[]? sure = null;
        foreach (var sent in doc.Sentences)
        {
            int end = sent.EndToken, words = 0, capitalised = 0;
            for (int k = sent.FirstToken; k < end; k++)
            {
                if ((doc.Flags[k] & (NerDocument.FPunct | NerDocument.FDigit)) != 0) continue;
                words++;
                if ((doc.Flags[k] & NerDocument.FCap) != 0) capitalised++;
            }
            if (words >= 4 && capitalised * 3 > words * 2) continue; // a headline in title case or capitals
            for (int i = sent.FirstToken; i < end - 1; i++)
            {
                if ((doc.Flags[i] & NerDocument.FAllCaps) != 0 && doc.Tokens[i].Length > 1) continue; // a headline in capitals
                int s;
                bool needTwo = false;
                bool place = (doc.Flags[i] & NerDocument.FCap) == 0 && PlaceNouns.Contains(doc.Lower[i]) && i + 2 < end && IsWord(doc, i + 1, "of");
                if (place) s = i + 2;
                else if (tags[i] == 0 && IsNameTitle(doc, i))
                {
                    s = i + 1;
                    while (s < end && tags[s] == 0 && IsNameTitle(doc, s)) s++; // "Secretary General Kofi Annan"
                    // A person the model found after a title is a person for sure: "President [Clinton]" outvotes a
                    // lone "Clinton told …" that the model took for the town.
                    if (s < end && tags[s] == 1 && (doc.Flags[s] & NerDocument.FCap) != 0)
                    {
                        (sure ??= new bool[tags.Length])[s] = true;
                        continue;
                    }
                }
                else if (tags[i] is 0 or 7 or 8 && (doc.Flags[i] & NerDocument.FCap) != 0 && IsNationality(doc, i)
                         && (WordClass(doc, i + 1) & GazetteerClass.GivenName) != 0)
                {
                    s = i + 1; // "Australian [Pat Rafter]": a nationality, then a given name
                    needTwo = true;
                }
                else continue;
                int e = s;
                while (e < end && e - s < 5 && (doc.Flags[e] & NerDocument.FCap) != 0 && (doc.Flags[e] & (NerDocument.FDigit | NerDocument.FPunct)) == 0) e++;
                if (e == s) continue;
                if (place)
                {
                    if (e - s > 4) continue;
                    SetSure(tags, s, e, 5, end, ref sure);
                }
                else
                {
                    if (e - s > 3 || (needTwo && e - s < 2)) continue;
                    bool ok = true;
                    for (int k = s; k < e && ok; k++)
                    {
                        var c = WordClass(doc, k);
                        ok = tags[k] is 0 or 7 or 8 && (doc.Flags[k] & NerDocument.FAllCaps) == 0
                             && (c & (GazetteerClass.Country | GazetteerClass.Demonym | GazetteerClass.Calendar | GazetteerClass.OrgWord | GazetteerClass.Title)) == 0
                             // an English word must also be a known name part ("President Signature :" on a form is no name)
                             && ((c & GazetteerClass.LowerWord) == 0 || (c & (GazetteerClass.GivenName | GazetteerClass.NamePart)) != 0);
                    }
                    if (!ok || (e < end && tags[e] != 0 && tags[e] % 2 == 0)) continue;
                    SetSure(tags, s, e, 1, end, ref sure);
                }
                i = e - 1;
            }
        }
        return sure;
    }

    /// <summary>A nationality written before a person's name ("Australian", "Briton", "Dutchman"), unless it is also a
    /// given name ("Christian").</summary>
    private bool IsNationality(NerDocument doc, int k)
    {
        var c = WordClass(doc, k);
        return (c & GazetteerClass.GivenName) == 0 && ((c & GazetteerClass.Demonym) != 0 || NationalityNouns.Contains(doc.Lower[k]));
    }

    /// <summary>Nouns for a person of a nation that the country list's adjectives miss.</summary>
    private static readonly HashSet<ulong> NationalityNouns = Hashes(new[]
    {
        "briton", "scot", "dutchman", "dutchwoman", "frenchman", "frenchwoman", "englishman", "englishwoman", "irishman",
        "irishwoman", "welshman", "welshwoman", "scotsman", "scotswoman", "swede", "dane", "spaniard", "kiwi", "aussie", "turk",
    });

    /// <summary>Lower-case nouns for a place that "of" and its name follow ("the town of …").</summary>
    private static readonly HashSet<ulong> PlaceNouns = Hashes(new[]
    {
        "town", "city", "village", "port", "province", "region", "district", "county", "island", "islands",
        "state", "suburb", "municipality", "enclave", "republic", "prefecture", "governorate", "kingdom", "emirate",
    });

    private static HashSet<ulong> Hashes(string[] words) => words.Select(w => Hashing.Lower(w)).ToHashSet();

    /// <summary>Role words written before a person's name: the capitalised titles of the gazetteer ("President",
    /// "Minister") and lower-case roles that news writes before a name ("rebel leader", "envoy").</summary>
    private bool IsNameTitle(NerDocument doc, int k)
    {
        if ((doc.Flags[k] & NerDocument.FCap) == 0) return LowerNameTitles.Contains(doc.Lower[k]);
        return CapitalTitles.Contains(doc.Exact[k]);
    }

    /// <summary>The gazetteer's one-word titles written with a capital ("Minister", "Mr."), but not those that also
    /// start other names ("General Motors", "Chief Executive", "Major League").</summary>
    private static readonly HashSet<ulong> CapitalTitles = Gazetteer.TitleWords
        .Where(w => char.IsUpper(w[0]) && !w.Contains(' ') && w is not ("General" or "Major" or "Chief" or "Leader" or "Officer" or "Director" or "Chair" or "Analyst" or "Coach" or "Spokesman" or "Spokeswoman" or "Spokesperson" or "CEO"))
        .Select(w => Hashing.Exact(w)).ToHashSet();

    private static readonly HashSet<ulong> LowerNameTitles = Hashes(new[]
    {
        "leader", "spokesman", "spokeswoman", "envoy", "striker", "midfielder", "defender", "goalkeeper", "captain", "coach",
        "president", "premier", "chancellor", "governor", "mayor", "senator", "ambassador", "chairman", "minister",
    });

    /// <summary>
    /// A line of sports results or a league table ("Westmere 3 Holmgate 1", "Thornworth 4 3 1 0 12 4 10"): names followed by
    /// scores are teams, so a place name there that is not a country (national teams stay places) names a club, and so
    /// does an untagged name in a line of two teams.
    /// </summary>
    /// <remarks>The teams it types are marked in <paramref name="sure"/>: a club in a result line outvotes the same
    /// name read as its town in the story ("a win over [Ipswich]").</remarks>
    private void ApplyScoreLines(NerDocument doc, int[] tags, ref bool[]? sure)
    {
        foreach (var sent in doc.Sentences)
        {
            int end = sent.EndToken, first = sent.FirstToken;
            if (sent.TokenCount < 2) continue;
            int groups = 0, scored = 0;
            bool ok = true;
            for (int k = first; k < end && ok;)
            {
                var w = doc.Tokens[k].Span(doc.Text);
                if ((doc.Flags[k] & NerDocument.FCap) != 0 && (doc.Flags[k] & NerDocument.FDigit) == 0)
                {
                    int e = k;
                    while (e < end && (doc.Flags[e] & NerDocument.FCap) != 0 && (doc.Flags[e] & NerDocument.FDigit) == 0) e++;
                    groups++;
                    if (e < end && IsNumber(doc.Tokens[e].Span(doc.Text), 3)) scored++;
                    k = e;
                }
                else if (IsNumber(w, 3) || IsWinningPercentage(w) || (doc.Flags[k] & NerDocument.FPunct) != 0) k++;
                else ok = false;
            }
            if (!ok || scored == 0 || scored != groups) { ApplyMatchLine(doc, tags, sent, ref sure); continue; }
            // One team and its table row needs three numbers or more ("NEW YORK 74 52 .587 -"); a result line two teams.
            int numbers = 0;
            for (int k = first; k < end; k++) if (IsNumber(doc.Tokens[k].Span(doc.Text), 3) || IsWinningPercentage(doc.Tokens[k].Span(doc.Text))) numbers++;
            if (groups == 1 ? numbers < 3 : groups != 2) continue;
            // The scores are no part of a name ("[Newcastle] 5 4 1 0"), and a name after one starts afresh.
            for (int k = first; k < end; k++)
            {
                if (IsNumber(doc.Tokens[k].Span(doc.Text), 3)) tags[k] = 0;
                else if (tags[k] != 0 && tags[k] % 2 == 0 && (k == first || tags[k - 1] == 0)) tags[k] -= 1;
            }
            for (int k = first; k < end; k++)
            {
                if ((doc.Flags[k] & NerDocument.FCap) == 0 || (doc.Flags[k] & NerDocument.FDigit) != 0) continue;
                int e = k + 1;
                while (e < end && (doc.Flags[e] & NerDocument.FCap) != 0 && (doc.Flags[e] & NerDocument.FDigit) == 0) e++;
                bool country = (PhraseClass(doc, k, e) & GazetteerClass.Country) != 0;
                // A country (a national team) is a place; a place tagged over the whole group becomes a club.
                // ("[Sheffield Wednesday] 2": the model's place may stop before a word it did not tag.)
                // (So is a name the model took for something else, MISC: "Kansas City 4 [MINNESOTA] 2".)
                bool wholeLoc = tags[k] is 5 or 7 && (e == end || tags[e] != tags[k] + 1);
                for (int j = k + 1; j < e && wholeLoc; j++) wholeLoc = tags[j] == 0 || tags[j] == tags[k] + 1;
                bool untagged = true, person = false, allOrg = true;
                for (int j = k; j < e; j++) { untagged &= tags[j] == 0; person |= tags[j] is 1 or 2; allOrg &= tags[j] is 3 or 4; }
                if (country && !person) for (int j = k; j < e; j++) tags[j] = j == k ? 5 : 6;
                // A team is one name: organisations side by side are one ("[NAC Breda] 3").
                else if (wholeLoc || allOrg) for (int j = k; j < e; j++) tags[j] = j == k ? 3 : 4;
                // In a result line of two teams an untagged name is a club too ("Newcastle 2 Wimbledon 1"), and so is one
                // in a league table's row (six numbers or more: played, won, drawn, lost, goals, points) unless it has a
                // given name (a golfer's rounds).
                else if (untagged && e - k <= 4 && (groups == 2 || numbers >= 6 && !HasGivenName(doc, k, e)))
                    for (int j = k; j < e; j++) tags[j] = j == k ? 3 : 4;
                if (tags[k] == 3) (sure ??= new bool[tags.Length])[k] = true;
                k = e - 1;
            }
        }
    }

    /// <summary>".587": a winning percentage in a standings table.</summary>
    private static bool IsWinningPercentage(ReadOnlySpan<char> w) =>
        (w.Length == 4 && w[0] == '.' && IsNumber(w[1..], 3)) || w.SequenceEqual("1.000");

    /// <summary>"245-6", "312", "401-8d": a side's score in a line of cricket or other match scores.</summary>
    private static bool IsSideScore(ReadOnlySpan<char> w)
    {
        if (w.Length > 0 && w[^1] == 'd') w = w[..^1];
        int dash = w.IndexOf('-');
        return dash < 0 ? IsNumber(w, 3) : IsNumber(w[..dash], 3) && IsNumber(w[(dash + 1)..], 2);
    }

    /// <summary>
    /// A match in a line of scores: "At Cardiff : [Glamorgan] 245-6 v [Somerset] .", "[Essex] 312 v [Leicestershire]": the
    /// names on either side of "v" or "vs", one of them with its score, are teams, so a name that is no country (a
    /// national side stays a place) and no person is a club. The line opens with the match, or with punctuation before it.
    /// </summary>
    private void ApplyMatchLine(NerDocument doc, int[] tags, SentenceRange sent, ref bool[]? sure)
    {
        int first = sent.FirstToken, end = sent.EndToken;
        for (int v = first + 1; v + 1 < end; v++)
        {
            if (!Versus.Contains(doc.Lower[v]) || (doc.Flags[v] & NerDocument.FLowerStart) == 0) continue;
            bool leftScore = IsSideScore(doc.Tokens[v - 1].Span(doc.Text));
            int le = leftScore ? v - 1 : v, ls = le;
            while (ls > first && IsTeamWord(doc, ls - 1)) ls--;
            int rs = v + 1, re = rs;
            while (re < end && IsTeamWord(doc, re)) re++;
            bool rightScore = re < end && IsSideScore(doc.Tokens[re].Span(doc.Text));
            if (ls == le || re == rs || !(leftScore || rightScore)) continue;
            // The line opens with the match or with punctuation before it ("At Cardiff : …"; not "They should do R 8 vs …").
            if (ls > first && (doc.Flags[ls - 1] & NerDocument.FPunct) == 0) continue;
            foreach (var (s, e) in new[] { (ls, le), (rs, re) })
            {
                if (HasPerson(tags, s, e) || (PhraseClass(doc, s, e) & GazetteerClass.Country) != 0) continue;
                if (RunsOn(tags, s, e, first, end)) continue;
                SetSure(tags, s, e, 3, end, ref sure);
            }
        }
    }

    private static readonly HashSet<ulong> Versus = Hashes(new[] { "v", "v.", "vs", "vs." });

    /// <summary>Does a name of the model's run on into s..e-1 from before it, or on past it (an I- tag at s or at e, within
    /// first..end-1)?</summary>
    private static bool RunsOn(int[] tags, int s, int e, int first, int end) =>
        (s > first && tags[s] != 0 && tags[s] % 2 == 0) || (e < end && tags[e] != 0 && tags[e] % 2 == 0);

    private static bool IsTeamWord(NerDocument doc, int k) => (doc.Flags[k] & (NerDocument.FCap | NerDocument.FDigit)) == NerDocument.FCap;

    /// <summary>
    /// Contexts of news copy that type a name whatever the model said, in articles in normal case:
    /// - after "shares in/of" or "stake in", a name that is no place is a company ("Shares in [Daimler-Benz] rose");
    /// - a capital alone, tagged as an organisation, is the place (its government: "[Prague] protested"), and so is a
    ///   region of two words or more ("the [West Bank]"). (A country alone was too, before the model learnt news copy's
    ///   conventions from news-train/; since then the rule only took companies named like countries: "[Emirates]".)
    /// - a club's name followed by its town is one name ("[PSV Eindhoven]", "[Sparta Prague]"), and so is a town followed
    ///   by a capitalised plural ("the [Seattle Mariners]");
    /// - a person's name goes on through the particles of a family name ("[Eric van der Luer]", "[Luis de Guindos]");
    /// - initials the model left untagged are an organisation ("the [IMF]"; see <see cref="IsOrgInitials"/>).
    /// </summary>
    private void ApplyNewsContexts(NerDocument doc, int[] tags)
    {
        if (doc.CaseUnreliable) return;
        const GazetteerClass Places = GazetteerClass.City | GazetteerClass.Country | GazetteerClass.Region | GazetteerClass.Town | GazetteerClass.Subdivision;
        foreach (var sent in doc.Sentences)
        {
            int first = sent.FirstToken, end = sent.EndToken;
            for (int i = first; i < end; i++)
            {
                int type, e = i + 1;
                if (tags[i] == 0 && IsOrgInitials(doc, i))
                {
                    tags[i] = 3;
                    StartAfresh(tags, i + 1, end);
                    continue;
                }
                if (tags[i] == 0)
                {
                    // An untagged name after "shares in" is typed below like a tagged one.
                    if (i < first + 2 || (doc.Flags[i] & NerDocument.FCap) == 0 || (doc.Flags[i] & NerDocument.FDigit) != 0 || !AfterShares(doc, i)) continue;
                    while (e < end && e - i < 4 && tags[e] == 0 && (doc.Flags[e] & NerDocument.FCap) != 0 && (doc.Flags[e] & (NerDocument.FDigit | NerDocument.FPunct)) == 0) e++;
                    type = 0;
                }
                else if ((tags[i] & 1) == 0) continue;
                else
                {
                    type = (tags[i] + 1) / 2;
                    e = SpanEnd(tags, i, end);
                }
                // The model's organisation may run on into lower-case words that a later rule trims ("[The Philippines
                // government]"): the name is looked up without them.
                int ne = e;
                while (type == 2 && ne - 1 > i && (doc.Flags[ne - 1] & NerDocument.FLowerStart) != 0) ne--;
                ulong h = Gazetteer.SequenceSeed;
                for (int k = i; k < ne; k++) h = Gazetteer.Extend(h, doc.Lower[k]);
                var cls = _gaz.Lookup(h);
                if (type != 2 && i >= first + 2 && AfterShares(doc, i) && (cls & (Places | GazetteerClass.Calendar)) == 0)
                {
                    SetSpan(tags, i, e, 3);
                    type = 2;
                }
                // (… and so is a region of two words or more that ends in an organisation word: "the [West Bank]".)
                else if (type == 2 && (_gaz.IsCapital(h) || (ne - i >= 2 && (cls & (GazetteerClass.Region | GazetteerClass.Subdivision)) != 0))
                         && (cls & GazetteerClass.OrgWord) == 0)
                {
                    for (int k = i; k < e; k++) tags[k] = k >= ne ? 0 : k == i ? 5 : 6;
                    e = ne;
                    type = 3;
                }
                // A town followed by a capitalised plural the model left untagged is a team ("the Seattle Mariners").
                if (type is 2 or 3 && e == i + 1 && e < end && tags[e] == 0 && (doc.Flags[e] & (NerDocument.FCap | NerDocument.FAllCaps | NerDocument.FHeadline)) == NerDocument.FCap
                    && (cls & (GazetteerClass.City | GazetteerClass.Town | GazetteerClass.Subdivision)) != 0 && IsPluralName(doc, e))
                {
                    tags[i] = 3;
                    tags[e] = 4;
                    i = e;
                    continue;
                }
                if (type == 2 && e < end && tags[e] == 5 && (e + 1 == end || tags[e + 1] != 6)
                    && (WordClass(doc, e) & (GazetteerClass.City | GazetteerClass.Town)) != 0
                    && (WordClass(doc, e) & GazetteerClass.Country) == 0)
                {
                    tags[e] = 4;
                    e++;
                }
                // An organisation goes on through a particle and a capitalised word the model left out ("[Societe
                // Generale des Travaux]", "[Banco de Galicia]").
                if (type == 2 && e + 1 < end && (doc.Flags[e] & NerDocument.FCap) == 0 && OrgParticles.Contains(doc.Exact[e]) && tags[e + 1] == 0 && IsCapitalisedWord(doc, e + 1))
                {
                    int p = e + 1;
                    while (p + 1 < end && tags[p + 1] == 0 && IsCapitalisedWord(doc, p + 1)) p++;
                    for (int k = e; k <= p; k++) tags[k] = 4;
                    e = p + 1;
                }
                // … and back through them to a given name the model left out ("[Joost van der Westhuizen]").
                if (type == 1)
                {
                    int q = i;
                    while (q > first && i - q < 3 && (doc.Flags[q - 1] & NerDocument.FCap) == 0 && NameParticles.Contains(doc.Exact[q - 1])) q--;
                    if (q < i && q > first && tags[q - 1] == 0 && IsCapitalisedWord(doc, q - 1)
                        && ((WordClass(doc, q - 1) & GazetteerClass.GivenName) != 0
                            || (WordClass(doc, q - 1) & (GazetteerClass.LowerWord | PlaceClasses | GazetteerClass.Calendar | GazetteerClass.Title | GazetteerClass.OrgWord)) == 0))
                    {
                        SetSpan(tags, q - 1, i + 1, 1);
                    }
                    int p = e;
                    while (p < end && p - e < 3 && (doc.Flags[p] & NerDocument.FCap) == 0 && NameParticles.Contains(doc.Exact[p])) p++;
                    if (p > e && p < end && (doc.Flags[p] & NerDocument.FCap) != 0 && (doc.Flags[p] & (NerDocument.FDigit | NerDocument.FPunct)) == 0 && tags[p] is 0 or 1)
                    {
                        for (int k = e; k <= p; k++) tags[k] = 2;
                        e = p + 1;
                        while (e < end && tags[e] == 2) e++;
                    }
                }
                i = e - 1;
            }
        }
    }

    /// <summary>
    /// Initials in capitals in running text that the model left untagged ("the IMF", "OPEC ministers", "talks with GM"):
    /// in news these name organisations. Three letters or more, in an article of three sentences or more; not a word of
    /// the dictionary in capitals ("AIDS"), a country, a title, a currency, or common initials that name no organisation
    /// ("GDP", "CEO", "GMT").
    /// </summary>
    private bool IsOrgInitials(NerDocument doc, int i)
    {
        const byte flags = NerDocument.FAllCaps | NerDocument.FCap;
        if ((doc.Flags[i] & (flags | NerDocument.FHeadline | NerDocument.FDigit | NerDocument.FPunct)) != flags) return false;
        var w = doc.Tokens[i].Span(doc.Text);
        if (w.Length < 3 || w.Length > 6 || doc.Sentences.Count < 3) return false; // "IL", "VP"; a single tweet
        foreach (char c in w) if (!char.IsLetter(c) && c != '&') return false;
        // Not inside a run of capitals (a heading, a defined term in a contract: "EVENTS OF DEFAULT").
        if (i > 0 && (doc.Flags[i - 1] & NerDocument.FAllCaps) != 0 && doc.Tokens[i - 1].Length > 1 && (doc.Flags[i - 1] & NerDocument.FPunct) == 0) return false;
        if (i + 1 < doc.Tokens.Count && (doc.Flags[i + 1] & NerDocument.FAllCaps) != 0 && doc.Tokens[i + 1].Length > 1 && (doc.Flags[i + 1] & NerDocument.FPunct) == 0) return false;
        var cls = WordClass(doc, i);
        if ((cls & (GazetteerClass.LowerWord | GazetteerClass.Country | GazetteerClass.Title | GazetteerClass.Calendar | GazetteerClass.Demonym | GazetteerClass.City)) != 0) return false;
        return !CommonInitials.Contains(doc.Exact[i]);
    }

    private static readonly HashSet<ulong> CommonInitials = new[]
    {
        "GDP", "GNP", "CPI", "CEO", "CFO", "COO", "MP", "MPs", "TV", "PC", "CD", "DVD", "GMT", "EST", "EDT", "CET", "BST", "PST", "UTC",
        "AM", "PM", "VAT", "IPO", "NGO", "NGOs", "HIV", "DNA", "PCT", "OK", "ID", "IQ", "UFO", "SUV", "ATM", "FAQ", "PR", "HQ", "RBI", "ERA",
        "MVP", "KO", "TKO", "AGM", "EPS", "PE", "LNG", "LPG", "GMO", "SMS", "USB", "API", "CEOs", "IPOs", "DJ", "VIP", "VIPs", "PhD", "AD", "BC", "WWII",
        "EBITDA", "EBIT", "ROE", "ROI", "CAGR", "FDI", "GST", "YOY", "EV", "EVs", "AI", "TBD", "TBA", "USSR", "UAE", "DPRK", "ROK", "FRG", "GDR", "GAAP", "IFRS", "UCC", "LLP", "LLC", "SVP", "EVP", "AVP", "PRC", "LOL", "OMG", "WTF", "BTW", "FYI", "ASAP", "RIP",
        // currencies
        "USD", "EUR", "GBP", "JPY", "CHF", "CNY", "RMB", "HKD", "CAD", "AUD", "NZD", "SEK", "NOK", "DKK", "INR", "KRW", "SGD", "BRL", "MXN", "RUB", "ZAR",
    }.Select(w => Hashing.Exact(w)).ToHashSet();

    private static readonly ulong s_shares = Hashing.Lower("shares"), s_stake = Hashing.Lower("stake");

    /// <summary>"shares in [X]", "shares of [X]", "stake in [X]".</summary>
    private static bool AfterShares(NerDocument doc, int i) =>
        (IsWord(doc, i - 1, "in") || IsWord(doc, i - 1, "of")) && (doc.Lower[i - 2] == s_shares || doc.Lower[i - 2] == s_stake && IsWord(doc, i - 1, "in"));

    /// <summary>A word with a capital first and lower case after it ("Travaux"; not "IMF", "1996" or ",").</summary>
    private static bool IsCapitalisedWord(NerDocument doc, int k) =>
        (doc.Flags[k] & (NerDocument.FCap | NerDocument.FAllCaps | NerDocument.FDigit | NerDocument.FPunct)) == NerDocument.FCap;

    /// <summary>Particles inside Romance organisation names ("des", "de", "del").</summary>
    private static readonly HashSet<ulong> OrgParticles = new[] { "de", "des", "du", "del", "della", "di", "do", "da" }.Select(w => Hashing.Exact(w)).ToHashSet();

    /// <summary>Lower-case particles inside family names ("van der", "de", "bin").</summary>
    private static readonly HashSet<ulong> NameParticles = new[] { "van", "der", "den", "de", "von", "da", "di", "du", "del", "della", "dos", "das", "do", "bin", "bint", "binti", "ibn", "ben", "al", "el", "le", "la", "ter", "zu" }
        .Select(w => Hashing.Exact(w)).ToHashSet();

    /// <summary>A word with a capital after a hyphen or apostrophe ("Al-Nuaimi", "El-Sisi", "D'Alema"): a particle joined
    /// to a name, whatever the case of its first letter.</summary>
    private static bool HasJoinedName(NerDocument doc, int k)
    {
        var w = doc.Tokens[k].Span(doc.Text);
        for (int c = 1; c + 1 < w.Length && c <= 3; c++)
            if (w[c] is '-' or '\'' or '’') return char.IsUpper(w[c + 1]);
            else if (!char.IsLetter(w[c])) return false;
        return false;
    }

    /// <summary>A particle of a name, alone ("van", "bin", "do") or joined to the name it belongs to ("al-Otaibi",
    /// "el-Sisi", "d'Azur", "ad-Din"): a lower-case word a name may start with, end in or run through.</summary>
    private static bool IsNameParticle(NerDocument doc, int k) =>
        NameParticles.Contains(doc.Exact[k]) || (char.IsLower(doc.Text[doc.Tokens[k].Start]) && HasJoinedName(doc, k));

    /// <summary>
    /// A name followed by its initials in brackets is one name, and so are the initials: "the [Organisation for Security
    /// and Cooperation in Europe] ( [OSCE] )", "[Joint Chiefs of Staff] ( [JCS] )". The initials of the capitalised words
    /// (connectors such as "of", "and", "in" skipped) must spell the letters in brackets. The type is the organisation
    /// the model saw in part of the name or an organisation word in it ("Organisation", "Party"), else the one type the
    /// model gave every capitalised word of it; a name without either is left alone.
    /// Both are marked sure, so the initials alone elsewhere get the type too.
    /// </summary>
    private void ApplyAcronyms(NerDocument doc, int[] tags, ref bool[]? sure)
    {
        if (doc.CaseUnreliable) return;
        foreach (var sent in doc.Sentences)
        {
            int first = sent.FirstToken, end = sent.EndToken;
            for (int a = first + 2; a + 1 < end; a++)
            {
                if (!IsWord(doc, a - 1, "(") || !IsWord(doc, a + 1, ")")) continue;
                var acr = doc.Tokens[a].Span(doc.Text);
                if (acr.Length < 2 || acr.Length > 8 || (doc.Flags[a] & NerDocument.FAllCaps) == 0) continue;
                int letters = 0;
                foreach (char c in acr) if (char.IsLetter(c)) letters++;
                if (letters < 2) continue;
                // Walk back from the bracket, matching the letters from the last.
                int li = acr.Length - 1, k = a - 2, start = -1;
                while (k >= first)
                {
                    while (li >= 0 && !char.IsLetter(acr[li])) li--;
                    if (li < 0) break;
                    if ((doc.Flags[k] & NerDocument.FCap) != 0 && (doc.Flags[k] & NerDocument.FDigit) == 0)
                    {
                        var w = doc.Tokens[k].Span(doc.Text);
                        if (char.ToUpperInvariant(w[0]) != char.ToUpperInvariant(acr[li])) break;
                        li--;
                        k--;
                        while (li >= 0 && !char.IsLetter(acr[li])) li--;
                        if (li < 0) { start = k + 1; break; }
                    }
                    else if (k > first && k < a - 2 && (doc.Flags[k - 1] & NerDocument.FCap) != 0 && (IsConnector(doc, k) || IsWord(doc, k, "in") || IsWord(doc, k, "the"))) k--;
                    else break;
                }
                if (start < 0) continue;
                int stop = a - 1; // the long form is start .. stop-1
                int type = 0;
                bool org = false, mixed = false;
                for (int j = start; j < stop; j++)
                {
                    if ((doc.Flags[j] & NerDocument.FCap) == 0) continue;
                    org |= IsOrgWord(doc, j);
                    int t = tags[j] == 0 ? 0 : (tags[j] + 1) / 2;
                    org |= t == 2;
                    if (j == start) type = t; else if (type != t) mixed = true;
                }
                if (org) type = 2;
                else if (mixed || type == 0 || type == 1) continue;
                for (int j = start; j < stop; j++) tags[j] = j == start ? type * 2 - 1 : type * 2;
                StartAfresh(tags, stop, end);
                tags[a] = type * 2 - 1;
                sure ??= new bool[tags.Length];
                sure[start] = true;
                sure[a] = true;
            }
        }
    }

    /// <summary>
    /// Cricket scorecards: in a batting line that ends with the runs ("M. Atherton c Moin Khan b Wasim Akram 31",
    /// "N. Knight lbw b Waqar 12", "c and b Saqlain 8"), the names after "c", "st" and "b" are the fielder and the bowler,
    /// and the name that opens the line is the batsman (also in "G. Thorpe not out 54", "I. Salisbury run out 3"); in bowling figures ("Wasim Akram 25-3-89-4") the name before
    /// overs-maidens-runs-wickets is the bowler. All are people.
    /// </summary>
    private void ApplyScorecards(NerDocument doc, int[] tags, ref bool[]? sure)
    {
        bool? cricket = null;
        foreach (var sent in doc.Sentences)
        {
            int first = sent.FirstToken, end = sent.EndToken;
            if (sent.TokenCount < 3) continue;
            // Bowling figures anywhere in the line, in a cricket report.
            for (int k = first + 1; k < end; k++)
            {
                if (!IsBowlingFigures(doc.Tokens[k].Span(doc.Text)) || !(cricket ??= IsCricketReport(doc))) continue;
                int s = k;
                while (s > first && s > k - 4 && IsNameWord(doc, s - 1)) s--;
                if (s < k) SetPerson(doc, tags, s, k, ref sure);
                tags[k] = 0;
                StartAfresh(tags, k + 1, end);
            }
            // A batting line: the runs last, and a lower-case "b" before a capitalised name.
            int last = end - 1;
            if (!IsNumber(doc.Tokens[last].Span(doc.Text), 3)) continue;
            bool bowled = false, notBowled = false;
            for (int k = first + 1; k < last; k++)
            {
                if (IsWord(doc, k, "b") && IsNameWord(doc, k + 1)) bowled = true;
                if (IsWord(doc, k, "out") && (IsWord(doc, k - 1, "not") || IsWord(doc, k - 1, "run"))) notBowled = true;
            }
            if (!bowled && !notBowled) continue;
            tags[last] = 0;
            for (int k = first; k < (bowled ? last : first + 1); k++)
            {
                bool opens = k == first && IsNameWord(doc, k);
                bool after = k > first && (IsWord(doc, k - 1, "b") || IsWord(doc, k - 1, "c") || IsWord(doc, k - 1, "st")) && IsNameWord(doc, k);
                if (!opens && !after) continue;
                int e = k;
                while (e < last && e - k < 4 && IsNameWord(doc, e)) e++;
                SetPerson(doc, tags, k, e, ref sure);
                k = e - 1;
            }
        }
    }

    /// <summary>A capitalised word or an initial ("M."), no digits.</summary>
    private static bool IsNameWord(NerDocument doc, int k) =>
        (doc.Flags[k] & NerDocument.FCap) != 0 && (doc.Flags[k] & NerDocument.FDigit) == 0 && !IsWord(doc, k, "Extras") && !IsWord(doc, k, "Total");

    /// <summary>"25-3-89-4", "9.4-1-37-2": overs, maidens, runs, wickets (no more maidens than overs, at most 10
    /// wickets; a hockey line's shots by period, "12-18-9-4", are none).</summary>
    internal static bool IsBowlingFigures(ReadOnlySpan<char> w)
    {
        int parts = 0, digits = 0;
        Span<int> v = stackalloc int[4];
        for (int i = 0; i <= w.Length; i++)
        {
            if (i == w.Length || w[i] == '-') { if (digits == 0 || parts == 4) return false; parts++; digits = 0; continue; }
            if (char.IsDigit(w[i]))
            {
                if (++digits > 3) return false;
                if (parts < 4 && (parts > 0 || !w[..i].Contains('.'))) v[parts] = v[parts] * 10 + (w[i] - '0');
            }
            else if (w[i] != '.' || parts > 0) return false;
        }
        return parts == 4 && v[1] <= v[0] + 1 && v[3] <= 10;
    }

    /// <summary>Words of a cricket report (bowling figures count only in one).</summary>
    private static readonly HashSet<ulong> CricketWords = Hashes(new[]
    {
        "cricket", "wicket", "wickets", "overs", "innings", "lbw", "bowling", "bowled", "bowler", "batting", "batsman",
        "batter", "test", "scorecard", "runs", "all-rounder", "spinner", "seamer", "declared",
    });

    private static bool IsCricketReport(NerDocument doc)
    {
        for (int i = 0; i < doc.Tokens.Count; i++) if (CricketWords.Contains(doc.Lower[i])) return true;
        return false;
    }

    /// <summary>
    /// Teams, firms and places that a person's name or a match report points at, in articles in normal case:
    /// - "[Damon Hill] of [Williams]": a name the model took for a person, after a person and "of", is the team, firm or
    ///   place the person is of;
    /// - "[Ferrari] 's [Michael Schumacher]": a one-word "person" before "'s" and a person's full name likewise;
    /// - "[Benetton] driver [Jean Alesi]", "[Newcastle] manager [Kevin Keegan]": a name before a sports role and a
    ///   person is a team (a country stays a place: national teams are places);
    /// - in a sentence with a score ("2-0"), a town or city next to a result verb ("[Newcastle] lost 2-0", "beat
    ///   [Leeds]") or after the score and "at" ("lost 2-0 at [Everton]") is a club; in a match report (an article with
    ///   such a sentence) a town next to a result verb or after "over", "against", "at home to", "away to" is a club in
    ///   its other sentences too;
    /// - after a lower-case organisation noun, a name is an organisation ("militant group [Hamas]", "the daily [Les Echos]"),
    ///   and so is one after "the" before up to two lower-case words and such a noun ("the [Ottavi] industrial group");
    /// - one word the model took for a place that no list of places knows is an organisation when WordNet names one
    ///   ("[Hamas]").
    /// The teams, firms and places found from a person or a match report weigh more in propagation, so the club's other
    /// mentions follow.
    /// </summary>
    private void ApplyAffiliations(NerDocument doc, int[] tags, ref bool[]? sure)
    {
        if (doc.CaseUnreliable) return;
        bool matchReport = IsMatchReport(doc);
        foreach (var sent in doc.Sentences)
        {
            int first = sent.FirstToken, end = sent.EndToken;
            int score = -1;
            for (int k = first; k < end; k++) if (IsScore(doc.Tokens[k].Span(doc.Text))) { score = k; break; }
            for (int i = first; i < end; i++)
            {
                if ((doc.Flags[i] & NerDocument.FCap) == 0 || (doc.Flags[i] & (NerDocument.FDigit | NerDocument.FPunct)) != 0) continue;
                // The name at i: the model's span, or a run of up to three capitalised words it left untagged.
                int e = i + 1;
                if (tags[i] != 0) { if (tags[i] % 2 == 0) continue; e = SpanEnd(tags, i, end); }
                else if (IsWord(doc, i, "The")) continue; // an untagged run does not start with the article
                else
                {
                    while (e < end && e - i < 3 && tags[e] == 0 && (doc.Flags[e] & (NerDocument.FCap | NerDocument.FDigit | NerDocument.FPunct)) == NerDocument.FCap) e++;
                    // After an organisation noun, an untagged word before the model's name opens it ("the daily Il
                    // [Fatto Quotidiano]": a title's article).
                    if (e < end && tags[e] != 0 && (tags[e] & 1) == 1 && i > first && (doc.Flags[i - 1] & NerDocument.FLowerStart) != 0 && OrgNouns.Contains(doc.Lower[i - 1]))
                        e = SpanEnd(tags, e, end);
                }
                int type = (tags[i] + 1) / 2; // 0 untagged, 1 PER, 2 ORG, 3 LOC, 4 MISC
                // (A name the model called MISC is looked at only before a firm noun: "the [Ottavi] industrial group".)
                if (type == 2 || type == 4 && !(i > first && doc.Lower[i - 1] == s_the && BeforeOrgNoun(doc, e, end))) { i = e - 1; continue; }
                // A sentence's first word alone that the dictionary knows is no name ("His team mate …", "Left-arm spinner …").
                if (type == 0 && e == i + 1 && (doc.Flags[i] & NerDocument.FInitial) != 0 && IsDictionaryWord(doc, i)) continue;
                var cls = PhraseClass(doc, i, e);
                bool town = (cls & (GazetteerClass.City | GazetteerClass.Town)) != 0;
                bool team = false;
                if ((cls & GazetteerClass.Demonym) == 0 && !IsNationality(doc, i))
                {
                    // After a person and "of".
                    if (type == 1 && i >= first + 2 && IsWord(doc, i - 1, "of") && tags[i - 2] is 1 or 2 && (e == i + 1 || !HasGivenName(doc, i, e)))
                        team = true;
                    // Before "'s" and a person's full name.
                    else if (type == 1 && e == i + 1 && e + 2 < end && IsPossessive(doc, e) && tags[e + 1] == 1 && tags[e + 2] == 2)
                        team = true;
                    // Before a sports role and a name.
                    else if (e + 1 < end && (type != 1 || e == i + 1)
                             && (SportsRoles.Contains(doc.Lower[e]) && (doc.Flags[e + 1] & NerDocument.FCap) != 0
                                 || e + 2 < end && IsWord(doc, e, "team") && (IsWord(doc, e + 1, "mate") || IsWord(doc, e + 1, "mates")) && (doc.Flags[e + 2] & NerDocument.FCap) != 0))
                        team = true;
                    // After a lower-case organisation noun: "militant group [Hamas]", "the daily [Les Echos]".
                    else if (i > first && (doc.Flags[i - 1] & NerDocument.FLowerStart) != 0 && OrgNouns.Contains(doc.Lower[i - 1])
                             && (type != 1 || !HasGivenName(doc, i, e)) && (cls & (GazetteerClass.Country | GazetteerClass.Region)) == 0
                             && !AllDictionaryWords(doc, i, e))
                        team = true;
                    // After "the" and before up to two lower-case words and an organisation noun: "the [Ottavi] industrial
                    // group", "the [Hallam] engineering company" (not a known place: "the Chicago company").
                    else if (i > first && doc.Lower[i - 1] == s_the && (type != 1 || !HasGivenName(doc, i, e)) && BeforeOrgNoun(doc, e, end)
                             && (cls & (PlaceClasses | GazetteerClass.WnPlace)) == 0 && (doc.Flags[i] & NerDocument.FHeadline) == 0)
                        team = true;
                    // Before a firm's officer and a name or the firm's shares moving: "[Northgate] chairman Anthony
                    // Berridge", "[Hallworth] shares jumped" (not a place: "Tokyo shares").
                    else if (type is 0 or 1 or 3 && (type != 1 || e == i + 1) && e < end && (cls & (PlaceClasses | GazetteerClass.WnPlace)) == 0
                             && (doc.Flags[e] & NerDocument.FLowerStart) != 0 && !AllDictionaryWords(doc, i, e) && FirmWordsAfter(doc, e, end))
                        team = true;
                    // Where market people work ("analysts at [Merrill Lynch]").
                    else if (i >= first + 2 && type is 0 or 1 or 3 && (IsWord(doc, i - 1, "at") || IsWord(doc, i - 1, "with")) && MarketPeople.Contains(doc.Lower[i - 2]))
                        team = true;
                    // One word after "the" that acts ("the [Bundesbank] left rates unchanged", "the [Kremlin] said"): an
                    // institution, when no list knows it as a place, name or title.
                    else if (e == i + 1 && type is 0 or 3 && i > first && doc.Lower[i - 1] == s_the && e < end
                             && InstitutionVerbs.Contains(doc.Lower[e]) && (doc.Flags[i] & (NerDocument.FAllCaps | NerDocument.FHeadline)) == 0
                             && (cls & (PlaceClasses | GazetteerClass.WnPlace | GazetteerClass.WnPerson | GazetteerClass.GivenName | GazetteerClass.Title | GazetteerClass.Calendar)) == 0
                             && ((cls & GazetteerClass.LowerWord) == 0 || (cls & (GazetteerClass.DictProper | GazetteerClass.WnOrg)) != 0))
                        team = true;
                    // A town or city in a match report.
                    // (In a match report, also in its sentences without a score: "lead the division by six games over
                    // [Baltimore]".)
                    else if ((score >= 0 || matchReport) && type is 0 or 3 && town
                             && ((e < end && ResultVerbs.Contains(doc.Lower[e])) || (i > first && (ResultVerbs.Contains(doc.Lower[i - 1]) || Opponents.Contains(doc.Lower[i - 1])))
                                 || (i >= first + 2 && IsWord(doc, i - 1, "to") && (IsWord(doc, i - 2, "home") || IsWord(doc, i - 2, "away")))
                                 || (i >= first + 2 && IsWord(doc, i - 1, "at") && i - 2 == score)))
                        team = true;
                }
                // One word the model took for a place (or left untagged mid-sentence) that no list of places knows and
                // WordNet names as an organisation ("[Hamas]"). ("the" before such a word is no sign: "in the [Bundestag]",
                // but "the [Deccan]".)
                if (!team && e == i + 1 && (type == 3 || (type == 0 && (doc.Flags[i] & (NerDocument.FInitial | NerDocument.FHeadline)) == 0)))
                {
                    bool noPlace = (cls & (PlaceClasses | GazetteerClass.WnPlace | GazetteerClass.Demonym | GazetteerClass.GivenName | GazetteerClass.LowerWord | GazetteerClass.Calendar | GazetteerClass.Title)) == 0;
                    if (noPlace && (cls & GazetteerClass.WnOrg) != 0)
                    {
                        tags[i] = 3;
                        StartAfresh(tags, e, end);
                        continue;
                    }
                }
                if (team)
                {
                    // A country is a place (a national team too: "Britain 's Tim Henman", "England captain …"); a
                    // subdivision too, unless it is also a town (English boroughs: "Stockport manager").
                    bool place = (cls & (GazetteerClass.Country | GazetteerClass.Region)) != 0 || ((cls & GazetteerClass.Subdivision) != 0 && !town);
                    int b = place ? 5 : 3;
                    SetSure(tags, i, e, b, end, ref sure);
                }
                i = e - 1;
            }
        }
    }

    /// <summary>A title in quotes after a work's noun is the work's (MISC), not a person or place in it: the film
    /// "[Pyaar Ki Raahen]", the novel "[Eden Road]". The quotes hold at most eight words, the first capitalised.</summary>
    private static void ApplyWorkTitles(NerDocument doc, int[] tags)
    {
        if (doc.CaseUnreliable) return;
        foreach (var sent in doc.Sentences)
        {
            int end = sent.EndToken;
            for (int q = sent.FirstToken + 1; q + 2 < end; q++)
            {
                if (!IsQuote(doc, q) || !WorkNouns.Contains(doc.Lower[q - 1]) || (doc.Flags[q - 1] & NerDocument.FLowerStart) == 0) continue;
                int c = q + 1;
                while (c < end && c - q <= 9 && !IsQuote(doc, c)) c++;
                if (c == end || c - q > 9 || c == q + 1 || (doc.Flags[q + 1] & NerDocument.FCap) == 0) continue;
                SetSpan(tags, q + 1, c, 7);
                StartAfresh(tags, c, end);
                q = c;
            }
        }
    }

    private static bool IsQuote(NerDocument doc, int k)
    {
        var w = doc.Tokens[k].Span(doc.Text);
        return w.Length == 1 && w[0] is '"' or '“' or '”';
    }

    private static readonly HashSet<ulong> WorkNouns = Hashes(new[]
    {
        "film", "movie", "book", "novel", "song", "single", "album", "play", "musical", "opera", "documentary", "series", "sitcom",
        "poem", "painting", "memoir", "biography", "programme", "program", "show",
    });

    /// <summary>Up to two lower-case words from <paramref name="k"/> that describe (no function words), then an
    /// organisation noun ("industrial group").</summary>
    private static bool BeforeOrgNoun(NerDocument doc, int k, int end)
    {
        for (int n = 0; n < 3 && k < end; n++, k++)
        {
            if (OrgNouns.Contains(doc.Lower[k]) && (doc.Flags[k] & NerDocument.FLowerStart) != 0) return n > 0 || k + 1 >= end || !IsWord(doc, k + 1, "of");
            if (!IsLowerWord(doc, k) || FunctionWords.Contains(doc.Lower[k])) return false;
        }
        return false;
    }

    /// <summary>At <paramref name="k"/>: a firm's officer before a capitalised name ("chairman Anthony", "chief executive
    /// John"), or its shares moving ("shares jumped", "'s shares fell").</summary>
    private static bool FirmWordsAfter(NerDocument doc, int k, int end)
    {
        if (IsPossessive(doc, k) && k + 1 < end) k++;
        ulong w = doc.Lower[k];
        // "[Hallworth] shares jumped", not "Sabatier shares the formula".
        if (w == s_shares) return k + 1 < end && PriceVerbs.Contains(doc.Lower[k + 1]);
        int name = FirmOfficers.Contains(w) ? k + 1 : k + 1 < end && w == s_chief && doc.Lower[k + 1] == s_executive ? k + 2 : -1;
        return name > 0 && name < end && (doc.Flags[name] & (NerDocument.FCap | NerDocument.FDigit | NerDocument.FPunct)) == NerDocument.FCap;
    }

    private static readonly ulong s_chief = Hashing.Lower("chief"), s_executive = Hashing.Lower("executive");
    private static readonly HashSet<ulong> PriceVerbs = Hashes(new[]
    {
        "rose", "fell", "jumped", "gained", "lost", "slipped", "dropped", "eased", "climbed", "tumbled", "surged", "plunged", "slumped",
        "soared", "closed", "ended", "rallied", "firmed", "edged", "dipped", "sank", "advanced", "declined", "opened", "were", "have",
        "had", "are", "rise", "fall", "jump", "gain", "slip", "drop", "ease", "climb",
    });
    private static readonly HashSet<ulong> FirmOfficers = Hashes(new[] { "chairman", "chairwoman", "shareholders", "founder" });

    /// <summary>Words that do not describe a firm ("to which the Company is a party").</summary>
    private static readonly HashSet<ulong> FunctionWords = Hashes(new[]
    {
        "a", "an", "the", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "and", "or", "but", "of", "to",
        "in", "on", "at", "by", "for", "with", "from", "as", "its", "his", "her", "their", "our", "not", "will", "would", "said",
        "says", "which", "that", "who", "it", "he", "she", "they", "this", "these", "those", "also", "can", "could", "may",
    });

    /// <summary>Organisations that WordNet names (Entities/Data/organisations.txt), written as the list writes them (in a
    /// headline in capitals, see <see cref="InHeadline"/>): "the [Federal Reserve] 's policy committee", "ahead of the
    /// [Fed]", "the [Bank of Japan]", "[Interpol]". The longest such name is an organisation, unless the model's name
    /// runs on past it on either side ("the [Federal Reserve Bank of New York]", "[Labour Day]").</summary>
    private void ApplyKnownOrganisations(NerDocument doc, int[] tags, ref bool[]? sure)
    {
        if (doc.CaseUnreliable) return;
        foreach (var sent in doc.Sentences)
        {
            int end = sent.EndToken;
            // A dateline's place stays a place ("[UNITED NATIONS] 1996-09-04").
            if (tags[sent.FirstToken] == 5 && sent.TokenCount <= 10 && DateAtEnd(doc, sent) > sent.FirstToken) continue;
            for (int i = sent.FirstToken; i < end; i++)
            {
                bool headline = (doc.Flags[i] & NerDocument.FHeadline) != 0;
                if (headline ? !char.IsUpper(doc.Text[doc.Tokens[i].Start]) : (doc.Flags[i] & NerDocument.FCap) == 0) continue;
                ulong h = Gazetteer.SequenceSeed;
                int match = -1;
                for (int k = i; k < end; k++)
                {
                    h = Gazetteer.Extend(h, doc.Lower[k]);
                    if (_gaz.OrganisationName(h) is { } name && name.Length == k + 1 - i && (headline ? InHeadline(doc, i, name) : WrittenAs(doc, i, name))) match = k + 1;
                    if (!_gaz.IsOrganisationNamePrefix(h)) break;
                }
                if (match < 0) continue;
                // A name the lists also know as a place is left to the model, and so is a place the model found after a
                // preposition of place ("access to the [White House]").
                int before = i - 1;
                if (before > sent.FirstToken && doc.Lower[before] == s_the) before--;
                if ((PhraseClass(doc, i, match) & PlaceClasses) != 0
                    || (tags[i] == 5 && SpanEnd(tags, i, end) == match && before >= sent.FirstToken && Prepositions.Contains(doc.Lower[before])))
                {
                    i = match - 1;
                    continue;
                }
                if (!RunsOn(tags, i, match, sent.FirstToken, end) && !(tags[i] == 3 && SpanEnd(tags, i, end) == match)) SetSure(tags, i, match, 3, end, ref sure);
                i = match - 1;
            }
        }
    }

    /// <summary>In a headline in capitals a name of two words or more matches whatever its case ("BANK OF JAPAN"), and one
    /// word only when the list writes it in capitals too and it is no English word ("EU", "NATO"; not "WHO").</summary>
    private bool InHeadline(NerDocument doc, int i, string[] words)
    {
        if (words.Length > 1)
        {
            for (int j = 0; j < words.Length; j++)
                if (!doc.Tokens[i + j].Span(doc.Text).Equals(words[j], StringComparison.OrdinalIgnoreCase)) return false;
            return true;
        }
        foreach (char c in words[0]) if (char.IsLower(c)) return false;
        return WrittenAs(doc, i, words) && (WordClass(doc, i) & GazetteerClass.LowerWord) == 0;
    }

    private static bool WrittenAs(NerDocument doc, int i, string[] words)
    {
        for (int j = 0; j < words.Length; j++)
            if (!doc.Tokens[i + j].Span(doc.Text).SequenceEqual(words[j])) return false;
        return true;
    }

    /// <summary>"the [Social Democrats]", "the opposition [Free Democrats]": after "the" (and a describing word),
    /// capitalised words ending in a party's members in the plural name a party (a nationality before them stays a
    /// group: "the [Swedish] [Social Democrats]"). One word alone is left to the model ("the Democrats").</summary>
    private void ApplyPartyNames(NerDocument doc, int[] tags, ref bool[]? sure)
    {
        if (doc.CaseUnreliable) return;
        foreach (var sent in doc.Sentences)
            for (int k = sent.FirstToken + 2; k < sent.EndToken; k++)
            {
                if (!PartyMembers.Contains(doc.Lower[k]) || (doc.Flags[k] & (NerDocument.FCap | NerDocument.FAllCaps)) != NerDocument.FCap) continue;
                int s = k;
                while (s - 1 > sent.FirstToken && (doc.Flags[s - 1] & (NerDocument.FCap | NerDocument.FAllCaps)) == NerDocument.FCap && !IsWord(doc, s - 1, "The")) s--;
                // (One describing word may come between: "the opposition [Social Democrats]", "the ruling [Christian Democrats]".)
                bool described = s - 2 >= sent.FirstToken && IsLowerWord(doc, s - 1) && !FunctionWords.Contains(doc.Lower[s - 1]) && doc.Lower[s - 2] == s_the;
                if (s == k || (doc.Lower[s - 1] != s_the && !described)) continue;
                while (s < k && IsGroupWord(doc, s)) s++;
                if (s == k) continue;
                SetSure(tags, s, k + 1, 3, sent.EndToken, ref sure);
            }
    }

    private static readonly HashSet<ulong> PartyMembers = Hashes(new[]
    {
        "democrats", "republicans", "socialists", "liberals", "conservatives", "greens", "communists", "nationalists", "radicals",
    });

    /// <summary>A sentence of the article has a score ("6-4") and a result verb or an opponent word ("beat", "over").</summary>
    private static bool IsMatchReport(NerDocument doc)
    {
        foreach (var sent in doc.Sentences)
        {
            bool score = false, result = false;
            for (int k = sent.FirstToken; k < sent.EndToken; k++)
            {
                if (IsScore(doc.Tokens[k].Span(doc.Text))) score = true;
                else if (ResultVerbs.Contains(doc.Lower[k]) || Opponents.Contains(doc.Lower[k])) result = true;
            }
            if (score && result) return true;
        }
        return false;
    }

    /// <summary>Every word of s..e-1 is an English word in lower case in the dictionary ("Permitted Indebtedness" in a
    /// contract). Initials in capitals in a sentence in normal case are none, whatever they spell ("news agency [PAP]").</summary>
    private bool AllDictionaryWords(NerDocument doc, int s, int e)
    {
        for (int k = s; k < e; k++)
        {
            if ((WordClass(doc, k) & GazetteerClass.LowerWord) == 0) return false;
            if ((doc.Flags[k] & (NerDocument.FAllCaps | NerDocument.FHeadline)) == NerDocument.FAllCaps && doc.Tokens[k].Length is >= 2 and <= 5) return false;
        }
        return true;
    }

    private static bool IsScore(ReadOnlySpan<char> w)
    {
        int dash = w.IndexOf('-');
        return dash is 1 or 2 && w.Length - dash - 1 is 1 or 2 && IsNumber(w[..dash], 2) && IsNumber(w[(dash + 1)..], 2);
    }

    private static bool IsPossessive(NerDocument doc, int k) => IsWord(doc, k, "'s") || IsWord(doc, k, "’s");

    private static readonly HashSet<ulong> SportsRoles = Hashes(new[]
    {
        "driver", "drivers", "manager", "coach", "striker", "midfielder", "defender", "goalkeeper", "keeper", "winger", "forward",
        "captain", "skipper", "playmaker", "pitcher", "quarterback", "outfielder", "rider", "teammate", "team-mate", "substitute",
        "flanker", "hooker", "fly-half", "flyhalf", "scrum-half", "scrumhalf", "full-back", "fullback", "centre-back", "centre-half",
        "wing-back", "sweeper", "batsman", "bowler", "wicketkeeper", "wicket-keeper", "all-rounder", "spinner", "paceman",
        "shortstop", "catcher", "infielder", "reliever", "linebacker", "tailback", "halfback", "goaltender", "goalie",
        "netminder", "defenceman", "defenseman", "centre", "center", "guard",
    });

    private static readonly HashSet<ulong> ResultVerbs = Hashes(new[]
    {
        "beat", "beats", "defeated", "defeats", "lost", "loses", "won", "wins", "drew", "draws", "edged", "thrashed", "crushed",
        "routed", "hammered", "trounced", "overcame", "downed", "blanked", "stunned", "upset",
        "beating", "losing", "defeating", "thrashing", "edging", "drawing",
    });

    private static readonly ulong s_the = Hashing.Lower("the");

    /// <summary>What an institution does in the news: speaks, decides, sets rates.</summary>
    private static readonly HashSet<ulong> InstitutionVerbs = Hashes(new[]
    {
        "said", "says", "announced", "decided", "voted", "approved", "rejected", "warned", "denied", "urged", "raised",
        "cut", "lowered", "left", "kept", "agreed", "ruled", "confirmed", "issued", "reported", "intervened", "insisted",
    });

    private static readonly HashSet<ulong> OrgNouns = Hashes(new[]
    {
        "group", "party", "movement", "faction", "organisation", "organization", "firm", "company", "carmaker", "airline", "insurer",
        "bank", "broker", "brokerage", "retailer", "conglomerate", "union", "agency", "newspaper", "daily", "weekly", "magazine",
        "broadcaster", "network", "club", "side", "team", "band",
    });

    private static readonly HashSet<ulong> MarketPeople = Hashes(new[]
    {
        "analyst", "analysts", "economist", "economists", "strategist", "strategists", "dealer", "dealers", "trader", "traders",
        "broker", "brokers", "chartist", "chartists",
    });

    private static readonly HashSet<ulong> Opponents = Hashes(new[] { "against", "over", "v", "v.", "vs", "vs.", "versus", "hosts", "host" });

    private static void SetPerson(NerDocument doc, int[] tags, int s, int e, ref bool[]? sure)
    {
        if (e > s) SetSure(tags, s, e, 1, tags.Length, ref sure);
    }

    /// <summary>Tags s..e-1 as one name typed by its context (<see cref="SetSpan"/>), so that it weighs more in
    /// propagation; a token after it (before <paramref name="end"/>) that went on an old name starts its own.</summary>
    private static void SetSure(int[] tags, int s, int e, int b, int end, ref bool[]? sure)
    {
        SetSpan(tags, s, e, b);
        StartAfresh(tags, e, end);
        (sure ??= new bool[tags.Length])[s] = true;
    }

    /// <summary>
    /// A line that is only a place and a date is a dateline: "WESTMERE 2026-03-14", "PORT ELLIS , Northsea
    /// Islands 2026-03-14", "HOLMGATE Aug 29". Every capitalised group before the date is a place.
    /// </summary>
    private void ApplyDatelines(NerDocument doc, int[] tags)
    {
        foreach (var sent in doc.Sentences)
        {
            int n = sent.TokenCount, first = sent.FirstToken;
            if (n < 2 || n > 10) continue;
            int dateStart = DateAtEnd(doc, sent);
            if (dateStart <= first) continue;
            bool ok = true;
            for (int k = first; k < dateStart && ok; k++)
                ok = char.IsUpper(doc.Text[doc.Tokens[k].Start]) && (doc.Flags[k] & NerDocument.FDigit) == 0 || IsWord(doc, k, ",");
            if (!ok || IsWord(doc, first, ",") || IsWord(doc, dateStart - 1, ",")) continue;
            // The first group must be written in capitals, as datelines are ("WESTMERE"), unless the text has no case.
            var firstSpan = doc.Tokens[first].Span(doc.Text);
            int lowers = 0;
            foreach (char c in firstSpan) if (char.IsLower(c)) lowers++;
            if (lowers > 0) continue;
            // "UPDATED 2026-03-14", "MONDAY Aug 30" are no places: a first word that is a common word or a day must be a known place.
            // "THE HAGUE 1996-12-02": a leading "THE" is part of the place, and the word after it decides.
            // "NEW DELHI 1996-08-15": the whole first group may be the known place; "UNITED NATIONS 1996-09-04": a name
            // the model found opening the group is the place the story was filed from.
            int groupEnd = first;
            while (groupEnd < dateStart && !IsWord(doc, groupEnd, ",")) groupEnd++;
            var cls = doc.Lower[first] == s_the && first + 1 < dateStart ? PhraseClass(doc, first, first + 2) | WordClass(doc, first + 1) : WordClass(doc, first);
            if (groupEnd - first > 1) cls |= PhraseClass(doc, first, groupEnd);
            const GazetteerClass Places = GazetteerClass.City | GazetteerClass.Country | GazetteerClass.Region | GazetteerClass.Town | GazetteerClass.Subdivision | GazetteerClass.WnPlace;
            bool modelName = groupEnd - first > 1 && tags[first] != 0 && tags[first] % 2 == 1;
            if ((cls & (GazetteerClass.LowerWord | GazetteerClass.Calendar | GazetteerClass.Title)) != 0 && (cls & Places) == 0 && !modelName) continue;
            for (int k = first; k < dateStart;)
            {
                int e = k;
                while (e < dateStart && !IsWord(doc, e, ",")) e++;
                for (int j = k; j < e; j++) tags[j] = j == k ? 5 : 6;
                k = e + 1;
            }
            if (dateStart < sent.EndToken) for (int j = dateStart; j < sent.EndToken; j++) tags[j] = 0;
        }
    }

    private static readonly HashSet<string> Months = new(StringComparer.OrdinalIgnoreCase)
    {
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Jan.", "Feb.", "Mar.", "Apr.", "Jun.",
        "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.",
    };

    /// <summary>Where a date ends the sentence ("2026-03-14", "Mar 14", "14 March 2026", "Mar. 14, 2026"), or -1.</summary>
    private static int DateAtEnd(NerDocument doc, SentenceRange sent)
    {
        int e = sent.EndToken;
        if (e - 1 > sent.FirstToken && IsWord(doc, e - 1, ".")) e--;
        int last = e - 1;
        var w = doc.Tokens[last].Span(doc.Text);
        if (IsIsoDate(w)) return last;
        // Month Day [, Year] or Day Month [Year]
        int k = last;
        if (IsNumber(w, 4) && k - 1 > sent.FirstToken) { k--; if (IsWord(doc, k, ",")) k--; }
        if (k - 1 < sent.FirstToken) return -1;
        var a = doc.Tokens[k - 1].Span(doc.Text).ToString();
        var b = doc.Tokens[k].Span(doc.Text);
        if (Months.Contains(a) && IsNumber(b, 2)) return k - 1;
        if (Months.Contains(b.ToString()) && IsNumber(a, 2)) return k - 1;
        return -1;
    }

    private static bool IsNumber(ReadOnlySpan<char> s, int maxDigits)
    {
        if (s.Length == 0 || s.Length > maxDigits) return false;
        foreach (char c in s) if (!char.IsDigit(c)) return false;
        return true;
    }

    private static bool IsIsoDate(ReadOnlySpan<char> s) =>
        s.Length == 10 && s[4] == '-' && s[7] == '-' && IsNumber(s[..4], 4) && IsNumber(s[5..7], 2) && IsNumber(s[8..], 2);

    /// <summary>
    /// East Asian names in their own order: a one-syllable family name followed by a hyphenated given name ("Ahn
    /// Gyu-back", "Moon Jae-in"), or after a title by one or two capitalised syllables ("President Xi Jinping" is left to
    /// the model; "Minister Kim Jong Un" is not).
    /// </summary>
    private void ApplyEastAsianNames(NerDocument doc, int[] tags)
    {
        foreach (var sent in doc.Sentences)
        {
            int end = sent.EndToken;
            for (int i = sent.FirstToken; i + 1 < end; i++)
            {
                if ((doc.Flags[i] & NerDocument.FCap) == 0 || !Gazetteer.IsEastAsianSurname(doc.Lower[i])) continue;
                int e;
                if (IsHyphenatedGivenName(doc.Tokens[i + 1].Span(doc.Text))) e = i + 2;
                else
                {
                    bool titled = i > sent.FirstToken && (WordClass(doc, i - 1) & GazetteerClass.Title) != 0;
                    // A three-part name the model tagged in part ("[Yoon Suk] Yeol", "[Kim Jong] Un").
                    bool partial = tags[i] == 1 && tags[i + 1] == 2 && (i + 2 >= end || tags[i + 2] != 2);
                    if (!titled && !partial) continue;
                    e = i + 1;
                    while (e < end && e - i < 4 && (doc.Flags[e] & NerDocument.FCap) != 0 && (doc.Flags[e] & NerDocument.FInitial) == 0
                           && IsSyllables(doc.Tokens[e].Span(doc.Text), e == i + 1 ? 2 : 1) && (tags[e] == 0 || e == i + 1 && partial)) e++;
                    if (e == i + 1 || partial && e < i + 3) continue;
                }
                if (HasOtherType(tags, i, e)) continue;
                SetSpan(tags, i, e, 1);
                if (e < end && tags[e] == 2) tags[e] = 1;
                i = e - 1;
            }
        }
    }

    /// <summary>Is the name inside a longer organisation or place ("Lee Kun-hee Foundation")?</summary>
    private static bool HasOtherType(int[] tags, int s, int e) => e < tags.Length && tags[e] is 4 or 6;

    /// <summary>"Gyu-back", "Jae-myung", "Dong-young": two syllables joined by a hyphen, the second in lower case.</summary>
    internal static bool IsHyphenatedGivenName(ReadOnlySpan<char> w)
    {
        int h = w.IndexOf('-');
        if (h < 1 || h >= w.Length - 1 || !char.IsUpper(w[0]) || !char.IsLower(w[h + 1])) return false;
        return IsSyllables(w[..h], 1) && IsSyllables(w[(h + 1)..], 1);
    }

    /// <summary>Romanised Korean or Chinese syllables (1 to <paramref name="max"/>): onset, vowels, a final n/ng/m/l/k/p/t/r/ck/h/g/b.</summary>
    internal static bool IsSyllables(ReadOnlySpan<char> w, int max)
    {
        int i = 0, count = 0;
        if (w.Length == 0 || w.Length > 6 * max) return false;
        while (i < w.Length)
        {
            int start = i;
            while (i < w.Length && i - start < 3 && IsOnset(w[i])) i++;
            int v = i;
            while (i < w.Length && i - v < 3 && IsVowel(w[i])) i++;
            if (i == v) return false;
            // A final consonant, unless a vowel follows it (then it starts the next syllable).
            var r = w[i..];
            int take = r.Length >= 2 && (Low(r[0]) == 'n' && Low(r[1]) == 'g' || Low(r[0]) == 'c' && Low(r[1]) == 'k') ? 2
                : r.Length >= 1 && "nmlkptrhgb".Contains(Low(r[0])) ? 1 : 0;
            if (take > 0 && (take == r.Length || !IsVowel(r[take]))) i += take;
            if (++count > max) return false;
        }
        return true;
    }

    private static char Low(char c) => char.ToLowerInvariant(c);
    private static bool IsVowel(char c) => Low(c) is 'a' or 'e' or 'i' or 'o' or 'u';
    private static bool IsOnset(char c) => char.IsLetter(c) && !IsVowel(c);

    /// <summary>Capitalised names ending in an organisation word ("Ohio Senate", "Brain Injury Rehabilitation Trust")
    /// or made of one and "of …" ("Department of Physics and Astronomy") are organisations (on by default).</summary>
    public bool OrganisationRules { get; init; } = true;

    private static readonly HashSet<ulong> Continents = Hashes(new[] { "europe", "asia", "africa", "america", "americas", "oceania" });

    private static readonly HashSet<string> Connectors = new(StringComparer.Ordinal) { "of", "for", "and", "&", "de", "on" };

    private void ApplyOrganisationRules(NerDocument doc, int[] tags)
    {
        if (doc.CaseUnreliable) return;
        foreach (var sent in doc.Sentences)
        {
            int end = sent.EndToken;
            for (int i = sent.FirstToken; i < end; i++)
            {
                if ((doc.Flags[i] & NerDocument.FCap) == 0) continue;
                // The capitalised run from i, with connectors between capitalised words.
                int e = i + 1;
                while (e < end)
                {
                    if ((doc.Flags[e] & NerDocument.FCap) != 0) { e++; continue; }
                    if (e + 1 < end && (doc.Flags[e + 1] & NerDocument.FCap) != 0 && Connectors.Contains(doc.Tokens[e].Span(doc.Text).ToString())) { e += 2; continue; }
                    // A plural's apostrophe inside a name: "Maritime Workers’ Guild", "Teachers' Union".
                    if (e + 1 < end && (doc.Flags[e + 1] & NerDocument.FCap) != 0 && doc.Tokens[e].Length == 1 && doc.Text[doc.Tokens[e].Start] is '\'' or '’'
                        && doc.Text[doc.Tokens[e - 1].Start + doc.Tokens[e - 1].Length - 1] == 's') { e += 2; continue; }
                    // after a name of two words or more ending in an organisation word: "World Organization of the Scout Movement" (not
                    // "the Company of the Shares" in a contract)
                    if (e + 2 < end && IsWord(doc, e, "of") && IsWord(doc, e + 1, "the") && IsOrgWord(doc, e - 1) && e - 2 >= i && (doc.Flags[e - 2] & NerDocument.FCap) != 0 && !IsWord(doc, e - 2, "The") && (doc.Flags[e + 2] & NerDocument.FCap) != 0) { e += 3; continue; }
                    break;
                }
                // "Organisation for Security and Cooperation in Europe", "Conference on … in Europe": a name that says what
                // it is for ends in the continent it works in.
                if (e + 1 < end && IsWord(doc, e, "in") && Continents.Contains(doc.Lower[e + 1]) && (e + 2 == end || (doc.Flags[e + 2] & NerDocument.FCap) == 0))
                    for (int k = i + 1; k < e - 1; k++)
                        if (IsWord(doc, k, "for") || IsWord(doc, k, "on")) { e += 2; break; }
                int s0 = i;
                // Leave out a leading "The" and a sentence-initial common word ("Despite Ohio Senate …").
                while (s0 < e - 1 && (IsWord(doc, s0, "The") || ((doc.Flags[s0] & NerDocument.FInitial) != 0 && tags[s0] == 0 && (WordClass(doc, s0) & GazetteerClass.LowerWord) != 0))) s0++;
                // A sentence-initial common word before "of", tagged as heading an organisation, heads none unless it is an
                // organisation word ("Shares of [Brightwater Lines Corp]", but "[Bank of Northsea]"; places such as
                // "Gulf of …" are left to the model).
                if (s0 < e - 2 && tags[s0] == 3 && (doc.Flags[s0] & NerDocument.FInitial) != 0 && IsWord(doc, s0 + 1, "of") && !IsOrgWord(doc, s0)
                    && (WordClass(doc, s0) & GazetteerClass.LowerWord) != 0)
                {
                    tags[s0] = 0;
                    tags[s0 + 1] = 0;
                    if (tags[s0 + 2] % 2 == 0 && tags[s0 + 2] != 0) tags[s0 + 2] -= 1;
                    s0 += 2;
                }
                // … and a connector left at the start ("Shares [of] Brightwater Lines Corp").
                while (s0 < e - 1 && (doc.Flags[s0] & NerDocument.FCap) == 0) s0++;
                int len = e - s0;
                // "Harbour Bank and Northsea Holdings": the part before an "and" may be an organisation of its own.
                if (len >= 4 && !IsOrgWord(doc, e - 1) && !(IsOrgWord(doc, s0) && IsConnector(doc, s0 + 1)))
                    for (int k = s0 + 2; k < e - 1; k++)
                        if (IsWord(doc, k, "and"))
                        {
                            if (IsOrgWord(doc, k - 1) && !HasPerson(tags, s0, k))
                                for (int j = s0; j < k; j++) tags[j] = j == s0 ? 3 : 4;
                            break;
                        }
                if (len >= 2 && !HasPerson(tags, s0, e))
                {
                    bool endsWithOrgWord = IsOrgWord(doc, e - 1);
                    // An organisation word followed by "of" heads the name ("[Bank of Northsea]"), also after other
                    // capitalised words ("[Press Trust of India]", "[Royal Bank of Scotland]").
                    bool orgWordOf = IsOrgWord(doc, s0) && len >= 3 && IsConnector(doc, s0 + 1);
                    for (int k = s0 + 1; !orgWordOf && k + 2 < e; k++)
                    {
                        if ((doc.Flags[k] & NerDocument.FCap) == 0) break;
                        if (IsOrgWord(doc, k) && IsWord(doc, k + 1, "of")) orgWordOf = true;
                    }
                    // Cut the run at a connector unless the organisation word heads an "X of Y" name.
                    // Two names joined by "and", the first already a name of its own ("Brightwater and Northsea Motors"):
                    // the organisation starts after the "and".
                    if (endsWithOrgWord && !orgWordOf)
                        for (int k = e - 2; k > s0; k--)
                            if (IsWord(doc, k, "and") && tags[k] == 0 && tags[k - 1] != 0) { s0 = k + 1; break; }
                    // A place whose name ends in an organisation word is still the place ("the [West Bank]").
                    if ((endsWithOrgWord || orgWordOf) && e - s0 >= 2 && !IsKnownPlace(doc, s0, e))
                    {
                        SetSpan(tags, s0, e, 3);
                        // The rest of a longer organisation tagged by the model now starts its own name, at its
                        // next capitalised word ("[Discovery Institute] 's [Center for Science]").
                        int r = e;
                        while (r < end && tags[r] == 4 && (doc.Flags[r] & NerDocument.FCap) == 0) tags[r++] = 0;
                        if (r < end && tags[r] == 4) tags[r] = 3;
                    }
                }
                i = e - 1;
            }
        }
    }

    private bool HasGivenName(NerDocument doc, int s, int e)
    {
        for (int k = s; k < e; k++)
            if ((WordClass(doc, k) & GazetteerClass.GivenName) != 0) return true;
        return false;
    }

    private static bool HasPerson(int[] tags, int s, int e)
    {
        for (int k = s; k < e; k++) if (tags[k] is 1 or 2) return true;
        return false;
    }

    private bool IsOrgWord(NerDocument doc, int k) =>
        (doc.Flags[k] & NerDocument.FCap) != 0 && ((WordClass(doc, k) & GazetteerClass.OrgWord) != 0
                                                   || CompanySuffixes.Contains(doc.Tokens[k].Span(doc.Text).ToString()));

    /// <summary>Legal forms that end company names ("Brightwater AG", "Holmgate SpA"), written as they are (case matters:
    /// "SA", not "Sa"), and institution words. Used by the rules only, not as features.</summary>
    private static readonly HashSet<string> CompanySuffixes = new(StringComparer.Ordinal)
    {
        "AG", "GmbH", "SA", "S.A.", "NV", "N.V.", "SpA", "S.p.A.", "BV", "B.V.", "Plc", "PLC", "Bhd", "Pty", "Oyj", "ASA", "KGaA", "Cos", "Co", "Ltda",
        // … and institution words that end organisation names but are not in the gazetteer's features ("U.S. Treasury",
        // "Mohajir Qaumi Movement", "Polisario Front", "World Food Programme", "Confederation of Trade Unions").
        "Treasury", "Movement", "Front", "Brigade", "Brigades", "Mission", "Secretariat", "Directorate", "Inspectorate", "Guild",
        "Bourse", "Confederation", "Programme", "Unions",
        // … and industries that end firms' names ("[Hallworth Engineering]", "[British Steel]")
        "Engineering", "Electronics", "Chemicals", "Steel", "Mining", "Textiles", "Petroleum", "Construction", "Cement", "Breweries",
    };

    /// <summary>"Mariners", "Orioles": a plural that is no nationality ("Americans") and no organisation word ("Forces").</summary>
    private bool IsPluralName(NerDocument doc, int k)
    {
        var w = doc.Tokens[k].Span(doc.Text);
        if (w.Length < 4 || w[^1] != 's' || w[^2] == 's' || w[^2] == '\'') return false;
        return (WordClass(doc, k) & (GazetteerClass.Demonym | GazetteerClass.OrgWord | GazetteerClass.Title | GazetteerClass.Calendar | GazetteerClass.Country)) == 0;
    }

    /// <summary>Legal forms in any case, as lower-case hashes ("Corp", "Inc.", "Ltd").</summary>
    private static readonly HashSet<ulong> CompanyForms = new[] { "corp", "corp.", "inc", "inc.", "co", "co.", "ltd", "ltd.", "plc", "llc", "ag", "sa", "nv", "spa", "gmbh", "bhd" }
        .Select(w => Hashing.Lower(w)).ToHashSet();

    /// <summary>The gazetteer classes of the phrase of tokens s..e-1.</summary>
    private GazetteerClass PhraseClass(NerDocument doc, int s, int e)
    {
        ulong h = Gazetteer.SequenceSeed;
        for (int k = s; k < e; k++) h = Gazetteer.Extend(h, doc.Lower[k]);
        return _gaz.Lookup(h);
    }

    // WordNet's places are left out: they include buildings and institutions ("New York Stock Exchange").
    private const GazetteerClass PlaceClasses = GazetteerClass.Country | GazetteerClass.City | GazetteerClass.Region | GazetteerClass.Subdivision | GazetteerClass.Town;

    /// <summary>Tokens s..e-1 name a country, city, town or region in the gazetteer and no organisation or company.</summary>
    private bool IsKnownPlace(NerDocument doc, int s, int e)
    {
        var c = PhraseClass(doc, s, e);
        return (c & PlaceClasses) != 0 && (c & (GazetteerClass.WnOrg | GazetteerClass.Company)) == 0;
    }

    /// <summary>The gazetteer classes of one word of the document.</summary>
    private GazetteerClass WordClass(NerDocument doc, int k) => _gaz.Lookup(Gazetteer.Extend(Gazetteer.SequenceSeed, doc.Lower[k]));

    /// <summary>A word of the dictionary, or a compound of them ("Left-arm", "Five-star", "Well-known").</summary>
    private bool IsDictionaryWord(NerDocument doc, int k)
    {
        if ((WordClass(doc, k) & GazetteerClass.LowerWord) != 0) return true;
        var w = doc.Tokens[k].Span(doc.Text);
        if (w.IndexOf('-') <= 0) return false;
        while (true)
        {
            int h = w.IndexOf('-');
            var part = h < 0 ? w : w[..h];
            if (part.Length == 0 || (_gaz.Lookup(Gazetteer.Extend(Gazetteer.SequenceSeed, Hashing.Lower(part))) & GazetteerClass.LowerWord) == 0) return false;
            if (h < 0) return true;
            w = w[(h + 1)..];
        }
    }

    /// <summary>The token is letters (and hyphens or apostrophes) all in lower case.</summary>
    private static bool IsLowerWord(NerDocument doc, int k)
    {
        foreach (char c in doc.Tokens[k].Span(doc.Text))
            if (!char.IsLower(c) && c is not '-' and not '\'' and not '’') return false;
        return true;
    }

    private static bool IsConnector(NerDocument doc, int k) => Connectors.Contains(doc.Tokens[k].Span(doc.Text).ToString());

    private static bool IsWord(NerDocument doc, int k, string w) => doc.Tokens[k].Span(doc.Text).Equals(w, StringComparison.Ordinal);

    /// <summary>The first stage's tags alone (no second stage, no propagation): what a second stage is trained on.</summary>
    public int[] TagStage1(NerDocument doc) => TagStage1(doc, null);

    private float[] _secondSums = Array.Empty<float>();

    private int[] TagStage1(NerDocument doc, float[]? secondSums)
    {
        var result = new int[doc.Tokens.Count];
        foreach (var s in doc.Sentences)
        {
            int n = s.TokenCount;
            if (n == 0) continue;
            Ensure(n);
            NerFeatures.Extract(doc, s, _gaz, _feats, _gazB, _gazI);
            if (secondSums != null) _model.ScoreBoth(_feats, n, _scores, secondSums, s.FirstToken * NerModel.TagCount);
            else _model.Score(_feats, n, _scores);
            _model.Decode(_scores, n, _tags, _model.Transitions, _delta, _back);
            Array.Copy(_tags, 0, result, s.FirstToken, n);
        }
        return result;
    }

    /// <summary>Document-level consistency after tagging (on by default): a name tagged in one place is tagged, with its
    /// majority type, wherever else it appears capitalised in the same document.</summary>
    public bool PropagateLabels { get; init; } = true;

    private const int MaxSpan = 6;


    private void Propagate(NerDocument doc, int[] tags, bool[]? sure = null)
    {
        int n = tags.Length;
        // Votes per token sequence: type (1..4) counts.
        Dictionary<ulong, int[]>? votes = null;
        for (int i = 0; i < n;)
        {
            if (tags[i] == 0 || (tags[i] & 1) == 0) { i++; continue; }
            int type = (tags[i] + 1) / 2;
            int e = SpanEnd(tags, i, n);
            if (e - i <= MaxSpan && (doc.Flags[i] & NerDocument.FCap) != 0)
            {
                votes ??= new Dictionary<ulong, int[]>();
                ulong h = Seq(doc, i, e);
                // A name in a headline in capitals counts less than one in running text.
                // A name typed by its context ("the town of …", "Prime Minister …") counts three times.
                int weight = (doc.Flags[i] & NerDocument.FHeadline) != 0 ? 1 : 2;
                if (sure != null && sure[i]) weight *= 3;
                Vote(votes, h, type, weight);
                // A person's family name alone names the same person ("Marta Ilves" … "Ilves said").
                if (NerAblations.SurnameVotes && type == 1 && e - i >= 2 && (doc.Flags[e - 1] & NerDocument.FCap) != 0)
                    Vote(votes, Seq(doc, e - 1, e), 1, weight);
                // An organisation's name without its legal form ("[General Motors] Corp" → "GENERAL MOTORS" in the
                // headline), and a club's name without its town ("Seattle [Mariners]" → "the Mariners"), name it too.
                if (type == 2 && e - i >= 2)
                {
                    int cut = -1, from = i;
                    if (CompanySuffixes.Contains(doc.Tokens[e - 1].Span(doc.Text).ToString()) || CompanyForms.Contains(doc.Lower[e - 1])) cut = e - 1;
                    else if (e - i == 2 && (doc.Flags[e - 1] & NerDocument.FCap) != 0
                             && (WordClass(doc, i) & (GazetteerClass.City | GazetteerClass.Town)) != 0
                             && (WordClass(doc, e - 1) & GazetteerClass.OrgWord) == 0
                             && ((WordClass(doc, e - 1) & GazetteerClass.LowerWord) == 0 || IsPluralName(doc, e - 1)))
                    { from = e - 1; cut = e; }
                    if (cut > from) Vote(votes, Seq(doc, from, cut), 2, 1);
                    // A company's first word, when it is no word, place or given name of its own, names the company
                    // ("[Daewoo Motor Co]" … "[Daewoo] already owns …", "[DAEWOO] TO BUY STAKE"), and weighs three
                    // times: the model reads such a short name as a person more often than not.
                    if (cut == e - 1 && from == i && e - i >= 3
                        && (WordClass(doc, i) & (GazetteerClass.LowerWord | PlaceClasses | GazetteerClass.WnPlace | GazetteerClass.Demonym | GazetteerClass.GivenName | GazetteerClass.Title | GazetteerClass.Calendar | GazetteerClass.OrgWord)) == 0)
                        Vote(votes, Seq(doc, i, i + 1), 2, 3 * weight);
                }
            }
            i = e;
        }
        if (votes == null) return;
        for (int i = 0; i < n; i++)
        {
            if ((doc.Flags[i] & NerDocument.FCap) == 0) continue;
            if (tags[i] != 0)
            {
                // Re-type a span to the document's majority for the same words.
                if ((tags[i] & 1) == 0) continue;
                int e = SpanEnd(tags, i, n);
                if (e - i <= MaxSpan && votes.TryGetValue(Seq(doc, i, e), out var v))
                {
                    int best = Best(v);
                    if (best != (tags[i] + 1) / 2 && v[best] > v[(tags[i] + 1) / 2])
                        SetSpan(tags, i, e, best * 2 - 1);
                }
                i = e - 1;
                continue;
            }
            for (int len = Math.Min(MaxSpan, n - i); len >= 1; len--)
            {
                int e = i + len;
                bool free = true;
                for (int k = i; k < e && free; k++) free = tags[k] == 0 && !IsBreak(doc, k, i);
                if (!free || (doc.Flags[e - 1] & NerDocument.FCap) == 0) continue;
                if (!votes.TryGetValue(Seq(doc, i, e), out var v)) continue;
                // A lone sentence-initial word also written in lower case elsewhere is probably not this name.
                if (len == 1 && (doc.Flags[i] & NerDocument.FInitial) != 0 && doc.SeenLower.Contains(doc.Lower[i])) break;
                int best = Best(v);
                SetSpan(tags, i, e, best * 2 - 1);
                i = e - 1;
                break;
            }
        }
    }

    /// <summary>Adds <paramref name="weight"/> votes for <paramref name="type"/> (1..4) to the words hashed as <paramref name="seq"/>.</summary>
    private static void Vote(Dictionary<ulong, int[]> votes, ulong seq, int type, int weight)
    {
        if (!votes.TryGetValue(seq, out var v)) votes[seq] = v = new int[5];
        v[type] += weight;
    }

    private static bool IsBreak(NerDocument doc, int k, int start) => k > start && (doc.Flags[k] & NerDocument.FInitial) != 0;

    private static int Best(int[] v)
    {
        int best = 1;
        for (int t = 2; t <= 4; t++) if (v[t] > v[best]) best = t;
        return best;
    }

    private static ulong Seq(NerDocument doc, int s, int e)
    {
        ulong h = 0x9E3779B97F4A7C15UL;
        for (int k = s; k < e; k++) h = Hashing.Mix(h, doc.Lower[k]);
        return h;
    }

    /// <summary>Gazetteer classes of each token of the last sentence tagged (B = phrase starts here, I = inside).</summary>
    internal (uint[] B, uint[] I) LastGazetteer => (_gazB, _gazI);

    private void Ensure(int n)
    {
        if (_tags.Length >= n) return;
        int m = Math.Max(n, _tags.Length * 2);
        _feats = new ulong[m * NerFeatures.Stride];
        _scores = new float[m * NerModel.TagCount];
        _delta = new float[m * NerModel.TagCount];
        _back = new int[m * NerModel.TagCount];
        _tags = new int[m];
        _gazB = new uint[m];
        _gazI = new uint[m];
    }
}
