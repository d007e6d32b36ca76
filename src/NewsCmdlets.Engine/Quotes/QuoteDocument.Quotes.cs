using NewsCmdlets.Engine.Entities;

namespace NewsCmdlets.Engine.Quotes;

internal sealed partial class QuoteDocument
{
    /// <summary>Direct and partial quotes with their speakers, indirect speech and attributions.</summary>
    public ArticleQuotes Extract(string? articleId, string? outlet, CancellationToken cancel)
    {
        var quotes = new List<NewsQuote>();
        var attributions = new List<NewsAttribution>();
        FindQuotes(quotes, articleId, outlet, cancel);
        FindTranscriptAnswers(quotes, articleId, outlet);
        cancel.ThrowIfCancellationRequested();
        FindReportedSpeech(quotes, attributions, articleId, outlet);
        DropRepeats(quotes);
        quotes.Sort((a, b) => a.Offset.CompareTo(b.Offset));
        return new ArticleQuotes { Quotes = quotes, Attributions = attributions, Warnings = _problems.ToArray() };
    }

    /// <summary>One row for one span: two verbs in a sentence can frame the same reported clause ("Ada Morn said during
    /// the council debate that …"), and a span can be found twice; the first row found (the earlier frame) stays.</summary>
    private static void DropRepeats(List<NewsQuote> quotes)
    {
        if (quotes.Count < 2) return;
        var seen = new HashSet<(int, int, QuoteKind)>();
        int w = 0;
        for (int i = 0; i < quotes.Count; i++)
            if (seen.Add((quotes[i].Offset, quotes[i].Length, quotes[i].Kind))) quotes[w++] = quotes[i];
        quotes.RemoveRange(w, quotes.Count - w);
    }

    // ---------------------------------------------------------------- direct and partial quotes

    private void FindQuotes(List<NewsQuote> quotes, string? articleId, string? outlet, CancellationToken cancel)
    {
        NewsQuote? previous = null;
        SpeakerName? previousName = null;
        int previousLast = -1;
        for (int q = 0; q < _spans.Count; q++)
        {
            if ((q & 255) == 255) cancel.ThrowIfCancellationRequested();
            var sp = _spans[q];
            int qFirst = SpeakerNames.FirstTokenAt(_tok, sp.Start), qLast = SpeakerNames.FirstTokenAt(_tok, sp.End) - 1;
            if (qFirst > qLast || qFirst >= _n) continue;
            int markLength = sp.End - sp.Start >= 4 && _text[sp.Start] is '\'' or '`' && _text[sp.Start + 1] == _text[sp.Start] ? 2 : 1;
            int closeLength = markLength == 2 && _text[sp.End - 1] == '\'' && _text[sp.End - 2] == '\'' ? 2 : 1;
            string inner = _text.Substring(sp.Start + markLength, Math.Max(0, sp.End - sp.Start - markLength - closeLength)).Trim();
            if (!HasLetter(inner)) continue;
            if (sp.Start > 0 && _text[sp.Start - 1] == '=') continue; // an attribute in markup (id="…")
            if (NamesAWork(qFirst, inner)) continue; // a title after "of", "on" or a possessive: "on Sunday's “Meet the Voters.”"
            bool partial = IsPartial(sp.Start, inner);

            var frame = partial ? LeftFrame(qFirst) ?? RightFrame(qLast) : RightFrame(qLast) ?? LeftFrame(qFirst);
            string? speaker = null, description = null, note = null, verb = null;
            SpeakerName? who = null;
            if (frame != null)
            {
                speaker = frame.Speaker;
                who = frame.Name;
                description = frame.Description;
                note = frame.Note;
                verb = frame.VerbText;
            }
            else if (IsTitle(inner)) continue; // a title or a name in quotation marks ("Meet the Press"), not a quote
            else if (!partial)
            {
                // No verb of its own: a signature after it, the sentence before introduces it, or it goes on with the previous
                // speaker's words.
                var intro = IntroFrame(qFirst);
                if (SignatureAfter(qFirst, qLast) is { } signed)
                {
                    speaker = signed.Canonical;
                    who = signed;
                    note = "signed in the next paragraph";
                }
                else if (intro != null)
                {
                    speaker = intro.Speaker;
                    who = intro.Name;
                    description = intro.Description;
                    note = "introduced by the sentence before" + (intro.Note != null ? "; " + intro.Note : "");
                }
                else if (!OpensSentence(qFirst) && ClauseFrame(qFirst) is { Speaker: not null } clause)
                {
                    // Quoted words that end the writer's sentence ("He went on to call Cruz “…”"): its subject's.
                    speaker = clause.Speaker;
                    who = clause.Name;
                    description = clause.Description;
                    note = "the subject of the sentence the quoted words end" + (clause.Note != null ? "; " + clause.Note : "");
                }
                else if (previous != null && Continues(previous, previousLast, qFirst))
                {
                    speaker = previous.Speaker;
                    who = previousName;
                    description = previous.SpeakerDescription;
                    note = previous.Speaker != null ? "continues the quote before" : previous.SpeakerNote;
                }
                else if (VerblessIntro(qFirst) is { } vi)
                {
                    speaker = vi.Speaker;
                    who = vi.Name;
                    description = vi.Description;
                    note = "introduced by the sentence before, which names the speaker";
                }
                else note = "no verb of saying, and no speaker in the sentence before";
            }
            else if (ClauseFrame(qFirst) is { } clause && clause.Speaker != null)
            {
                speaker = clause.Speaker;
                who = clause.Name;
                description = clause.Description;
                note = "the subject of the clause the quoted words stand in" + (clause.Note != null ? "; " + clause.Note : "");
            }
            else if (CountWords(inner) <= ScareQuoteWords) continue; // a scare quote or a label ("a “pop-up” bakery"): no one is quoted
            else note = "quoted words with no verb of saying in their sentence";
            if (NoCapitalsWords(speaker) == null && speaker != null) { speaker = null; who = null; description = null; note = "the words before it are a heading in capitals, not a name"; }
            var quote = new NewsQuote
            {
                Text = inner, Speaker = speaker, SpeakerDescription = description == speaker ? null : description, SpeakerNote = speaker == null ? (InCapitals ? CapitalsNote : note ?? "no speaker found") : note,
                Verb = verb, Kind = partial ? QuoteKind.Partial : QuoteKind.Direct, ArticleId = articleId, Outlet = outlet,
                Offset = sp.Start, Length = sp.End - sp.Start,
            };
            quotes.Add(quote);
            // A quote with no frame goes on with the last voice quoted: a full quote's, or a partial one's when it names a
            // person as its speaker ("Ada Morn said the levy was “a scandal” for the town. ¶ “We will not pay it.”").
            if (!partial || who is { Type: NewsEntityType.Person } && speaker == who.Canonical) { previous = quote; previousName = who; previousLast = qLast; }
            if (who is { Type: NewsEntityType.Person } && speaker == who.Canonical) (_spoke ??= new()).Add((qFirst, who));
        }
    }

    private const string CapitalsNote = "the text is written in capital letters, where names cannot be told from other words";
    private bool? _inCapitals;

    /// <summary>Is the text written in capitals (nine letters in ten upper case)? Worked out once, when a quote has no speaker.</summary>
    private bool InCapitals
    {
        get
        {
            if (_inCapitals is { } known) return known;
            int upper = 0, lower = 0;
            foreach (char c in _text) { if (char.IsUpper(c)) upper++; else if (char.IsLower(c)) lower++; }
            return (_inCapitals = upper >= 20 && upper >= 9 * lower).Value;
        }
    }

    // ---------------------------------------------------------------- Q/A transcripts

    /// <summary>An interview printed as a transcript ("Q: …" / "A: …" paragraphs): each answer is a Direct quote of the
    /// person the article names before the first question (the interviewee), or has no speaker with the reason. The
    /// questions are the interviewer's and are left out.</summary>
    private void FindTranscriptAnswers(List<NewsQuote> quotes, string? articleId, string? outlet)
    {
        int firstQuestion = -1;
        SpeakerName? interviewee = null;
        for (int i = 0; i + 2 < _n; i++)
        {
            if (i > 0 && _para[i] == _para[i - 1] || S(i + 1) is not ":" || _inQuote[i]) continue;
            bool question = S(i) is "Q", answer = S(i) is "A";
            if (!question && !answer) continue;
            if (firstQuestion < 0)
            {
                if (!question) continue; // answers count only after a question: "A: …" alone is no transcript
                firstQuestion = i;
                // The interviewee: the first person named (outside quotes) in the nearest of the three paragraphs before the
                // first question that names one ("Ines Halloran, the mayor of Pellam, spoke to …").
                for (int k = i - 1; k >= 0 && _para[i] - _para[k] <= 3 && (interviewee == null || _para[k] == _para[interviewee.Start]); k--)
                    if (_nameAt[k] is { Type: NewsEntityType.Person, Weak: false } nm && !_inQuote[k]) interviewee = nm;
            }
            if (!answer) continue;
            int e = i + 2;
            while (e < _n && _para[e] == _para[i]) e++;
            if (CountWordTokens(i + 2, e) == 0) continue;
            quotes.Add(new NewsQuote
            {
                Text = Join(i + 2, e), Speaker = interviewee?.Canonical,
                SpeakerNote = interviewee != null ? "an answer in a Q/A transcript: the person named before the first question"
                                                  : "an answer in a Q/A transcript that names no one before the first question",
                Kind = QuoteKind.Direct, ArticleId = articleId, Outlet = outlet,
                Offset = _tok[i + 2].Start, Length = _tok[e - 1].End - _tok[i + 2].Start,
            });
            i = e - 1;
        }
    }

    /// <summary>Quoted words inside the writer's sentence with no verb of saying and no subject that could have said them
    /// ("a “pop-up” bakery", "the harbour's “ferry hub”"), this short or shorter, are the writer's scare quotes or
    /// labels, not anyone's words: no row. Longer ones stay, without a speaker.</summary>
    private const int ScareQuoteWords = 3;

    private static bool HasLetter(string s) { foreach (char c in s) if (char.IsLetter(c)) return true; return false; }

    /// <summary>Partial: inside the writer's sentence (a word right before the mark, and the quote does not end a sentence).</summary>
    private bool IsPartial(int start, string inner)
    {
        int before = start - 1;
        while (before >= 0 && _text[before] == ' ') before--;
        if (before >= 0 && _text[before] == ':') return false;
        bool end = IsSentenceEnd(inner);
        bool wordBefore = before >= 0 && (char.IsLetterOrDigit(_text[before]) || _text[before] == ',' && !end);
        if (!wordBefore) return false;
        return !end && !inner.EndsWith(',') || CountWords(inner) <= 6 && !end;
    }

    private static bool IsSentenceEnd(string inner)
    {
        string t = inner.TrimEnd();
        return t.Length > 0 && t[^1] is '.' or '!' or '?' or '…';
    }

    private static int CountWords(string s) { int n = 0; bool inW = false; foreach (char c in s) { bool l = char.IsLetterOrDigit(c); if (l && !inW) n++; inW = l; } return n; }

    private static readonly HashSet<string> TitleSmallWords = new(StringComparer.Ordinal) { "of", "the", "a", "an", "and", "to", "in", "on", "for", "at", "with", "or", "&", "de", "la", "vs", "vs." };

    private static readonly WordSet WorkBefore = new("of", "on", "for", "at", "show", "program", "programme", "series", "book", "film", "movie", "documentary", "album", "song", "column", "podcast", "episode", "novel", "memoir", "play", "titled", "entitled", "headlined");
    private static readonly WordSet WorkNouns = new("show", "program", "programme", "series", "book", "film", "movie", "documentary", "album", "song", "column", "podcast", "episode", "novel", "memoir", "play", "article", "essay", "segment", "musical", "sitcom",
        "drama", "thriller", "comedy", "serial", "sequel", "biography", "autobiography");

    /// <summary>People named by the work they make or appear in: "the “Harbour Lights” star", "“Night Desk” host …".</summary>
    private static readonly WordSet RoleAfterTitle = new("star", "stars", "co-star", "host", "hosts", "co-host", "actor", "actress", "actors", "creator", "producer", "author", "anchor", "narrator", "showrunner");

    /// <summary>A title in quotation marks, not a quote: a short phrase in title case (a full stop or comma at its end allowed)
    /// right after a possessive, "of", "on", "for", "at" or a word for a work ("CBS's “Face the Voters.”", "a co-author of
    /// “…”", "the show “…”").</summary>
    private bool NamesAWork(int qFirst, string inner)
    {
        // "the “Harbour Lights” star": a title in title case right before a word for who makes or appears in a work.
        int after = qFirst;
        while (after < _n && _inQuote[after] && _quoteOf[after] == _quoteOf[qFirst]) after++;
        if (after < _n && !_inQuote[after] && In(after, RoleAfterTitle) && IsLowerWord(after) && IsTitle(inner)) return true;
        int k = qFirst - 1;
        // "his memoir, “Long Roads.”": a title set off after a word for a work.
        bool setOff = k > 0 && !_inQuote[k] && S(k) is "," && In(k - 1, WorkNouns);
        if (setOff) k--;
        if (k < 0 || _inQuote[k] || !(setOff || IsPossessive(k) || In(k, WorkBefore))) return false;
        string t = inner.TrimEnd();
        if (t.Length > 0 && t[^1] is '.' or ',') t = t[..^1].TrimEnd(); // not '!' or '?': a chant or a cry ("chants of “…!”")
        return IsTitle(t);
    }

    /// <summary>A short phrase in title case with no sentence punctuation: a show, a book, a slogan, a name.</summary>
    private static bool IsTitle(string inner)
    {
        if (inner.Length == 0 || inner[^1] is '.' or ',' or '!' or '?' or '…' or ':' or ';') return false;
        int words = 0;
        foreach (var w in inner.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            words++;
            if (words > 8) return false;
            if (char.IsUpper(w[0]) || char.IsDigit(w[0]) || TitleSmallWords.Contains(w)) continue;
            return false;
        }
        return words > 0;
    }

    /// <summary>A frame right after a quote: "…,” said X / "…,” X said / "…,” X, a Y, told Z / "…,” according to X.</summary>
    private Frame? RightFrame(int qLast)
    {
        int j = qLast + 1;
        if (j >= _n || _inQuote[j] || _para[j] != _para[qLast]) return null;
        int limit = j;
        // A full stop the sentence goes on after ("Rep. Ada Morn (D-Ore.) said") is an abbreviation's, not the frame's end.
        while (limit < _n && limit < j + 40 && !_inQuote[limit] && _para[limit] == _para[qLast] && !(IsTerminal(limit) && !AbbreviationStop(limit))) limit++;
        int k = j;
        while (k < limit && k < j + 2 && S(k) is "," or "—" or "–" or "-" or "(") k++;
        if (k >= limit) return null;
        // A quote that ends its sentence with a full stop is followed by a new sentence, not by its frame, unless that
        // sentence is only the frame ("… over.” Trump said.).
        bool fullStop = k == j && qLast > 0 && S(qLast - 1) is "." && (limit - k > 6 || !(limit >= _n || IsTerminal(limit)));
        if (fullStop) return null;
        if (Is(k, "according") && Is(k + 1, "to"))
        {
            var sa = SubjectAfter(k + 1, limit);
            return sa.Found ? MakeFrame(k, "according to", sa, true, qLast) : null;
        }
        if (IsSpeechVerb(k) && _verb[k] is { } v0 && v0.Form != VerbForm.Gerund && v0.Lemma != "tell")
        {
            var sa = SubjectAfter(k, limit);
            // "“…,” wrote the editors of the “Tide Survey,” …": a title in quotation marks ends the description.
            if (sa.Kind == SubjKind.Description && sa.End == limit && limit < _n && _inQuote[limit] && (Is(limit - 1, "the") || Is(limit - 1, "of")) && BeforeQuotedTitle(limit) == limit)
                sa = sa with { End = SpeakerNames.FirstTokenAt(_tok, _spans[_quoteOf[limit]].End) };
            if (sa.Found) return MakeFrame(k, VerbText(k), sa, true, qLast);
        }
        bool closed = k == j && qLast > 0 && S(qLast - 1) is "?" or "!";
        int lateVerb = -1;
        Subj late = default;
        for (int v = k; v < limit && v < k + 36; v++)
        {
            if (!IsSpeechVerb(v) && !EndsFrame(v, k)) continue;
            var sb = SubjectBefore(v, k - 1, out bool passive);
            if (passive) return null;
            if (sb.Found && sb.Start == k)
            {
                // "“…?” Her critics cited it as evidence …": after a question or an exclamation, a sentence whose verb goes on
                // to an object of its own is a new sentence, not the quote's frame ("“…?” Morn asked the crowd." is).
                if (closed && !FrameVerbCloses(v, limit)) return null;
                return MakeFrame(v, VerbText(v), sb, false, qLast);
            }
            if (lateVerb < 0 && sb.Kind == SubjKind.Name && sb.Start > k) { lateVerb = v; late = sb; }
        }
        // A subject whose noun phrase starts with words the phrase finder does not take ("“…,” Corvale Port Authority chief
        // engineer Tobin Marsh said" / "“…,” Bram Yelland of the Linden Centre for Port Studies wrote"): the person named
        // first, when nothing but the words of one noun phrase stands between the quote and the verb.
        if (lateVerb > 0 && late.Start - k <= 12 && OneNounPhrase(k, late.Start))
        {
            if (_nameAt[k] is { Type: NewsEntityType.Person, Weak: false } first && first.Start == k && first.End < late.Start && In(first.End, AffiliationWords))
                return MakeFrame(lateVerb, VerbText(lateVerb), new Subj(SubjKind.Name, k, first.End, first.End - 1, first), false, qLast);
            if (late.Name is { Type: NewsEntityType.Person }) return MakeFrame(lateVerb, VerbText(lateVerb), late, false, qLast);
        }
        // Only a verb of saying stands in these places, whatever the lexicon knows: "…,” recalled Bram Keller / "…,” Keller recalled.
        bool open = k > j && S(k - 1) is "," || k == j && qLast > 0 && S(qLast - 1) is "," or "?" or "!"; // the quote's sentence goes on
        if (open && PastLike(k) && _nameAt[k + 1] is { Type: NewsEntityType.Person } && SubjectAfter(k, limit) is { Kind: SubjKind.Name } after)
            return MakeFrame(k, Str(k).ToLowerInvariant(), after, true, qLast);
        if (open && _nameAt[k] is { Type: NewsEntityType.Person } before && before.Start == k && SaidLikeEnd(before.End) is var be && be > 0 && ClosesFrame(be, limit)) // "“…,” Morn fumed on Tuesday."
            return MakeFrame(before.End, Join(before.End, be).ToLowerInvariant(), new Subj(SubjKind.Name, k, before.End, before.End - 1, before), false, qLast);
        // "“…,” he concluded." / "“…,” she went on.": a personal pronoun in the same place.
        if (open && In(k, SpeakingPronouns) && IsLowerWord(k) && SaidLikeEnd(k + 1) is var pe && pe > 0 && ClosesFrame(pe, limit))
            return MakeFrame(k + 1, Join(k + 1, pe).ToLowerInvariant(), new Subj(SubjKind.Pronoun, k, k + 1, k, null), false, qLast);
        // Quoted words the writer's sentence goes on from, then the frame after a comma: "“…” about the vote, said Ada Morn" /
        // "“…” before taking questions, she said." / "“…” if the vote went the other way by more than a few seats, said Ada
        // Morn." Only a phrase of the writer's (up to WriterClauseTokens tokens) with no verb of saying and no other quote between.
        if (k == j && qLast > 0 && !IsTerminal(qLast - 1) && S(qLast - 1) is not ("," or ":") && IsLowerWord(k))
        {
            int c = k + 1;
            while (c < limit && c < k + WriterClauseTokens && S(c) is not "," && !IsSpeechVerb(c)) c++;
            if (c < limit && S(c) is "," && c + 1 < limit)
            {
                int f = c + 1;
                // A frame that goes on to quoted words of its own ("…, he wrote, “…”") is theirs.
                if (IsSpeechVerb(f) && _verb[f] is { } vf && vf.Form != VerbForm.Gerund && vf.Lemma != "tell" && SubjectAfter(f, limit) is { Kind: SubjKind.Name or SubjKind.Description } sa && !IntroducesQuoteAt(sa.End))
                    return MakeFrame(f, VerbText(f), sa, true, qLast);
                for (int v = f + 1; v < limit && v < f + 6; v++)
                {
                    if (!IsSpeechVerb(v)) continue;
                    var sb = SubjectBefore(v, c, out bool passive);
                    if (!passive && sb.Found && sb.Start == f && sb.Kind is SubjKind.Name or SubjKind.Pronoun && (v + 1 >= limit || IsTerminal(v + 1) || In(v + 1, TimeWords) || S(v + 1) is "," ||
                        In(v + 1, Prepositions) && !Is(v + 1, "to") || Is(v + 1, "of")) && !IntroducesQuoteAt(v + 1)) // "…, Ada Morn said after the vote."
                        return MakeFrame(v, VerbText(v), sb, false, qLast);
                    break;
                }
            }
        }
        return null;
    }

    private static readonly WordSet AddressedLemmas = new("say", "ask", "tell", "add", "reply", "respond", "answer", "shout", "yell", "scream", "exclaim", "write", "tweet", "post", "joke", "quip", "wonder");

    /// <summary>Does the verb of saying at <paramref name="v"/> close a frame: a verb of asking or telling, or one followed by
    /// nothing, a comma, a time, a preposition, quoted words or a person it is said to ("“…?” Morn wondered aloud")?</summary>
    private bool FrameVerbCloses(int v, int limit)
    {
        if (_verb[v] is { } sv && AddressedLemmas.Contains(sv.Lemma.AsSpan())) return true;
        int w = v + 1;
        if (w < _n && In(w, PhrasalParticles)) w++;
        if (w >= limit || w >= _n || _inQuote[w] || IsTerminal(w) || S(w) is "," or ":" || In(w, TimeWords) || In(w, Prepositions) || Is(w, "of")) return true;
        return _nameAt[w] is { Type: NewsEntityType.Person } || In(w, ObjectWords) && !Is(w, "it") && !Is(w, "this") && !Is(w, "that") && !Is(w, "so") && !Is(w, "nothing") && !Is(w, "something") && !Is(w, "anything") && !Is(w, "everything");
    }

    private static readonly WordSet AffiliationWords = new("of", "at", "from", "with");

    /// <summary>Are tokens [<paramref name="from"/>, <paramref name="to"/>) the words of one noun phrase: no quote, no
    /// punctuation but a hyphen or an ampersand, and no lower-case word that could be a verb or a clause's?</summary>
    private bool OneNounPhrase(int from, int to)
    {
        for (int t = from; t < to; t++)
        {
            if (_inQuote[t]) return false;
            if (!IsWord(t)) { if (S(t) is "-" or "&" or "'s" or "’s") continue; return false; }
            if (char.IsUpper(First(t)) || char.IsDigit(First(t)) || In(t, NpInner) || Is(t, "the")) continue;
            if (_verb[t] != null || In(t, NpStop) || In(t, Auxiliaries) || In(t, BeForms) || Pronouns.Contains(_h[t])) return false;
        }
        return true;
    }

    /// <summary>A verb of saying that is also a noun ("read", "says", "states") closing a short frame after a quote that opens
    /// with a determiner ("“…,” the editorial read.", "“…,” the veteran skipper says of the race."): nothing but a verb stands
    /// there, whatever the word before it.</summary>
    private bool EndsFrame(int v, int k) =>
        v > k + 1 && v < k + 6 && In(k, Articles) && _verb[v] is { } sv && (sv.Use & SpeechVerbUse.Quote) != 0 && sv.Form is VerbForm.Base or VerbForm.ThirdPerson &&
        IsLowerWord(v) && IsLowerWord(v - 1) && _nameAt[v - 1] == null && !In(v - 1, NpStop) &&
        (v + 1 >= _n || _inQuote[v + 1] || IsTerminal(v + 1) || S(v + 1) is "," || Is(v + 1, "of") || In(v + 1, TimeWords));

    /// <summary>Does token <paramref name="k"/> end the clause before the quote at <paramref name="qFirst"/>: a semicolon or
    /// the end of another sentence, not the full stop of an abbreviation in the quote's own ("(D-Ore.),")?</summary>
    private bool EndsClauseBefore(int k, int qFirst) => IsTerminal(k) && (S(k) is ";" || _sentOf[k] != _sentOf[qFirst]);

    /// <summary>A full stop inside its sentence (the next token is in the same sentence and is a word or a bracket): an abbreviation's.</summary>
    private bool AbbreviationStop(int i) => S(i) is "." && i + 1 < _n && !_inQuote[i + 1] && _para[i + 1] == _para[i] &&
        (_sentOf[i + 1] == _sentOf[i] && (IsWord(i + 1) || S(i + 1) is ")") || S(i + 1) is "," && IsPartyTag(i - 1)); // "Ada Morn, D-Ore., said"

    /// <summary>Does a comma or colon at token <paramref name="e"/> lead straight into quoted words?</summary>
    private bool IntroducesQuoteAt(int e) => e + 1 < _n && S(e) is "," or ":" && QuoteOpensAt(e + 1);

    /// <summary>Longest phrase of the writer's between quoted words and their frame after a comma (see RightFrame).</summary>
    private const int WriterClauseTokens = 18;

    private static readonly WordSet SpeakingPronouns = new("he", "she", "they");

    /// <summary>The end of a verb that, right after a quote and its subject, can only be the frame's, whatever the lexicon
    /// knows: a past form in -ed ("concluded", "fumed") or "went on" / "goes on"; else -1.</summary>
    private int SaidLikeEnd(int i)
    {
        if (PastLike(i)) return i + 1;
        if ((Is(i, "went") || Is(i, "goes")) && IsLowerWord(i) && Is(i + 1, "on") && !_inQuote[i + 1]) return i + 2;
        return -1;
    }

    /// <summary>Does the frame end at token <paramref name="e"/>: the sentence's end, a comma, or a time ("on Tuesday")?</summary>
    private bool ClosesFrame(int e, int limit) =>
        e >= limit || IsTerminal(e) || S(e) is "," || In(e, TimeWords) || Is(e, "on") && In(e + 1, TimeWords);

    private bool PastLike(int i) => i < _n && !_inQuote[i] && IsLowerWord(i) && S(i).Length > 4 && S(i).EndsWith("ed", StringComparison.Ordinal);

    /// <summary>A frame before a quote in its sentence: X said: "…" / X told Y, "…" / according to X, "…" / X called Y a "…" (the nearest verb of saying).</summary>
    private Frame? LeftFrame(int qFirst)
    {
        int k = qFirst - 1;
        if (k < 0 || _inQuote[k] || IsTerminal(k) || _para[k] != _para[qFirst]) return null;
        int low = k;
        while (low - 1 >= 0 && k - low < 45 && !EndsClauseBefore(low - 1, qFirst) && _para[low - 1] == _para[qFirst])
        {
            if (_inQuote[low - 1])
            {
                // Across quoted words that do not end a sentence: "Trump says “…” because “…”" has one speaker.
                var prev = _spans[_quoteOf[low - 1]];
                int last = SpeakerNames.FirstTokenAt(_tok, prev.End) - 1;
                int prevFirst = SpeakerNames.FirstTokenAt(_tok, prev.Start);
                // A comma ends it when it is a quote of its own that its frame follows ("“…,” he said, “…”"), not quoted
                // words inside the writer's clause ("called Reyne a “liar,” and said …").
                if (last - 1 < 0 || IsTerminal(last - 1) || S(last - 1) is "," && !(prevFirst > 0 && IsWord(prevFirst - 1) && !_inQuote[prevFirst - 1] && _sentOf[prevFirst - 1] == _sentOf[qFirst])) break;
                low = prevFirst;
                continue;
            }
            low--;
        }
        int limit = low - 1;
        for (int v = k; v > limit; v--)
        {
            if (Is(v, "according") && Is(v + 1, "to"))
            {
                var sa = SubjectAfter(v + 1, qFirst);
                if (sa.Found) return MakeFrame(v, "according to", sa, true, qFirst);
                continue;
            }
            // "As the Courier's Ada Morn put it, “…”": putting it is saying it.
            if (First(v) is 'p' && (Is(v, "put") || Is(v, "puts")) && Is(v + 1, "it") && v + 2 < _n && S(v + 2) is "," or ":" && v + 3 == qFirst &&
                SubjectBefore(v, limit, out _) is { Kind: SubjKind.Name or SubjKind.Pronoun or SubjKind.Description } put)
                return MakeFrame(v, Str(v).ToLowerInvariant() + " it", put, false, qFirst);
            if (!IsSpeechVerb(v)) continue;
            if (FrameOfVerb(v, limit, qFirst, qFirst) is { } fv)
            {
                // "After Brown criticized Clinton during a debate, Hillary shot back, “…”": a later clause has its own subject.
                int lastComma = -1;
                for (int c = k - 1; c > v; c--) if (S(c) is ",") { lastComma = c; break; }
                if (S(k) is "," or ":" && lastComma > v && ClauseSubject(lastComma + 1, k + 1) is { Kind: SubjKind.Name or SubjKind.Pronoun } later &&
                    later.End < _n && later.End + 3 >= k && IsLowerWord(later.End) && !In(later.End, Prepositions) && !In(later.End, BeForms) && !IsSpeechVerb(later.End) && later.Start > v + 1)
                    return MakeFrame(later.End, "", later, false, qFirst);
                return fv;
            }
        }
        // No verb: "… doesn't surprise pollster Daron Shaw: “…”" / "Clinton's response was: “…”" — who is named before the colon.
        if (S(k) is ":" && k - 1 > limit)
        {
            int e = k - 1;
            while (e > limit && In(e, BeForms)) e--;
            if (e > limit && S(e) is ")") { int o = e - 1; while (o > limit && o > e - 10 && S(o) is not "(") o--; if (o > limit && S(o) is "(") e = o - 1; }
            var np = e > limit ? NounPhraseEndingAt(e, limit) : default;
            if (np.Kind is SubjKind.Name or SubjKind.Pronoun) return MakeFrame(k, "", np, false, qFirst);
            if (np.Kind == SubjKind.Description && _nameAt[np.Start] is { } owner && owner.End < _n && IsPossessive(owner.End))
                return MakeFrame(k, "", new Subj(SubjKind.Name, owner.Start, owner.End, owner.End - 1, owner), false, qFirst);
            // "Club captain Rafe Dunmore summed it up:" / "Her colleague, Emil Sand, was more hopeful:": the clause's subject.
            var cs = ClauseSubject(low, k);
            if (cs.Kind is SubjKind.Name or SubjKind.Pronoun) return MakeFrame(k, "", cs, false, qFirst);
        }
        return null;
    }

    /// <summary>The subject of the clause a partial quote stands in, when no verb of saying governs it ("Sanders ticked off
    /// issues, including the wealthy paying their “fair share”").</summary>
    private Frame? ClauseFrame(int qFirst)
    {
        int low = qFirst;
        while (low - 1 >= 0 && qFirst - low < 45 && !_inQuote[low - 1] && !EndsClauseBefore(low - 1, qFirst) && _para[low - 1] == _para[qFirst]) low--;
        if (low >= qFirst) return null;
        var cs = ClauseSubject(low, qFirst);
        if (!cs.Found) cs = DescriptionSubject(low, qFirst);
        return cs.Found ? MakeFrame(cs.Start, "", cs, false, qFirst) : null;
    }

    /// <summary>A clause that opens with a description as its subject ("The ad urges …", "The two lawmakers argue …", "His
    /// response focused on …": the possessor): the description, followed by a lower-case word that is no preposition.</summary>
    private Subj DescriptionSubject(int from, int to)
    {
        int k = from;
        if (In(k, AdjunctStarts) && !In(k, Articles) || In(k, TimeWords)) k = AfterAdjunct(k, to);
        if (k >= to || _inQuote[k]) return default;
        if ((Is(k, "his") || Is(k, "her") || Is(k, "their")) && IsLowerWord(k + 1) && !_inQuote[k + 1]) return new Subj(SubjKind.Pronoun, k, k + 1, k, null);
        if (!In(k, Articles) || In(k, Possessives)) return default;
        var sa = SubjectAfter(k - 1, to);
        // "The advert says …": the phrase ends before a verb of saying that the noun test let through.
        for (int j = k + 1; j < sa.End; j++)
            if (_verb[j] != null && _nameAt[j] == null) { sa = j - 1 > k && _nameAt[j - 1] == null ? new Subj(SubjKind.Description, k, j, j - 1, null) : default; break; }
        if (sa.Kind != SubjKind.Description || sa.End >= to || !IsLowerWord(sa.End) || In(sa.End, Prepositions) || In(sa.End, NpStop) && !In(sa.End, BeForms) && _verb[sa.End] == null) return default;
        if (BareQuantifiers.Contains(Str(sa.Head)) || In(sa.Head, TimeWords)) return default;
        return sa;
    }

    /// <summary>The frame of a verb of saying: its subject before it ("X said"), the subject of the main clause for "…,
    /// saying …", or after it ("…, said X") when nothing speaks before it. Null when it has none or is passive.</summary>
    private Frame? FrameOfVerb(int v, int limit, int upper, int at, bool allowInverted = false)
    {
        if (_verb[v]!.Value.Form == VerbForm.Gerund && GerundSpeaker(v) is { } gs)
            return MakeFrame(v, VerbText(v), new Subj(SubjKind.Name, gs.Start, gs.End, gs.End - 1, gs), false, at);
        // "… sent a text to volunteers saying: “…”" / "he began by saying, “…”": not the noun before it but the clause's
        // subject says it ("with the daily saying …", the absolute construction, keeps its own).
        if (_verb[v]!.Value.Form == VerbForm.Gerund && ReducedGerund(v) && !(Is(v - 1, "with") || NounPhraseEndingAt(v - 1, Math.Max(limit, v - 12)) is { Found: true, Kind: not SubjKind.Pronoun } np0 && Is(np0.Start - 1, "with")))
        {
            var cs = ClauseSubject(limit + 1, v);
            return cs.Found && cs.End <= v ? MakeFrame(v, VerbText(v), cs, false, at) : null;
        }
        if (_verb[v]!.Value.Form == VerbForm.Gerund && v - 1 > limit && S(v - 1) is ",")
        {
            var main = MainFrameBefore(v - 1, limit);
            if (main != null) { main.VerbText = VerbText(v); return main; }
            return null;
        }
        var sb = SubjectBefore(v, limit, out bool passive);
        if (passive) return null;
        if (sb.Found) return MakeFrame(v, VerbText(v), sb, false, at);
        if (allowInverted && v + 1 < upper && _verb[v]!.Value.Lemma != "tell" && _verb[v]!.Value.Form != VerbForm.Gerund)
        {
            var sa = SubjectAfter(v, upper);
            if (sa.Found) return MakeFrame(v, VerbText(v), sa, true, at);
        }
        return null;
    }

    /// <summary>The frame of the clause before a comma ("Trump attacked Clinton, saying …" → the subject of the sentence).</summary>
    private Frame? MainFrameBefore(int comma, int limit)
    {
        for (int v = comma - 1; v > limit && v > comma - 30; v--)
        {
            if (_inQuote[v]) break;
            if (!IsSpeechVerb(v) || _verb[v]!.Value.Form == VerbForm.Gerund) continue;
            var sb = SubjectBefore(v, limit, out bool passive);
            if (passive) return null;
            if (sb.Found) return MakeFrame(v, VerbText(v), sb, false, v);
            // "“…,” said Skelly, explaining …": the inverted frame before the comma.
            if (v - 1 >= 0 && (S(v - 1) is "," || _inQuote[v - 1]) && SubjectAfter(v, comma + 1) is { Found: true } sa && sa.End == comma)
                return MakeFrame(v, VerbText(v), sa, true, v);
        }
        var cs = ClauseSubject(limit + 1, comma);
        return cs.Found ? MakeFrame(comma, "", cs, false, comma) : null;
    }

    private Frame MakeFrame(int verb, string verbText, Subj subject, bool inverted, int at)
    {
        return new Frame { Verb = verb, VerbText = verbText, Subject = subject, Inverted = inverted, At = at, Doc = this };
    }

    /// <summary>The verb as written, lower case, with "in a statement" / "in an interview" after "said".</summary>
    private string VerbText(int v)
    {
        string w = Str(v).ToLowerInvariant();
        if (v + 3 < _n && Is(v + 1, "in") && (Is(v + 2, "a") || Is(v + 2, "an")) && IsWord(v + 3) && !_inQuote[v + 3])
            return w + " in " + Str(v + 2).ToLowerInvariant() + " " + Str(v + 3).ToLowerInvariant();
        return w;
    }

    /// <summary>The sentence before a quote that opens its sentence, when it has a frame: "Trump said the same on Monday. “…”";
    /// the first verb of saying with a subject, not one in a clause it reports.</summary>
    private Frame? IntroFrame(int qFirst)
    {
        int s = PreviousSentenceIntroducing(qFirst);
        if (s < 0) return null;
        var sr = _sentences[s];
        // The main clause's verb, the first ("Carter said that for decades some critics had been predicting …"), speaks.
        for (int v = sr.FirstToken; v < sr.EndToken; v++)
        {
            if (_inQuote[v] || !IsSpeechVerb(v)) continue;
            if (FrameOfVerb(v, sr.FirstToken - 1, sr.EndToken, v, allowInverted: true) is { } f) return f;
        }
        return null;
    }

    /// <summary>A quote that is a paragraph of its own, signed by the next paragraph: a dash and a name, perhaps after titles,
    /// and nothing but a short tail ("- Ada Morn." / "—Gov. Ada Morn, speaking in Pellam."), as roundups and fact checks
    /// print the words they weigh: that person or organisation; else null.</summary>
    private SpeakerName? SignatureAfter(int qFirst, int qLast)
    {
        int j = qLast + 1;
        if (j + 1 >= _n || _inQuote[j] || _para[j] != _para[qLast] + 1 || S(j) is not ("-" or "—" or "–")) return null;
        if (qFirst > 0 && _para[qFirst - 1] == _para[qFirst]) return null; // the quote opens its paragraph
        int end = j + 1;
        while (end < _n && _para[end] == _para[j]) end++;
        if (end - j > 16) return null;
        for (int k = j + 1; k < end && k < j + 5; k++)
        {
            if (_inQuote[k] || !char.IsUpper(First(k))) return null;
            if (_nameAt[k] is not { Weak: false } nm || nm.Start != k) continue;
            if (nm.Type is not (NewsEntityType.Person or NewsEntityType.Organization)) return null;
            return nm.End >= end || S(nm.End) is "," or "." ? nm : null;
        }
        return null;
    }

    /// <summary>The person the sentence before is about, when that sentence has no verb of saying ("The coach, Marta Ilves, was blunt. “…”").</summary>
    private Frame? VerblessIntro(int qFirst)
    {
        int s = PreviousSentenceIntroducing(qFirst);
        if (s < 0) return null;
        var sr = _sentences[s];
        var cs = ClauseSubject(sr.FirstToken, sr.EndToken);
        if (!cs.Found || cs.Kind == SubjKind.Description) return null;
        var f = MakeFrame(cs.Start, "", cs, false, cs.Start);
        return f.Name != null && f.Name.Type == NewsEntityType.Person ? f : null;
    }

    /// <summary>The sentence that can introduce a quote opening a sentence: the one before, in the same paragraph, or
    /// the last of the paragraph before when the quote opens its paragraph.</summary>
    private int PreviousSentenceIntroducing(int qFirst)
    {
        int s0 = _sentOf[qFirst];
        if (!OpensSentence(qFirst) || s0 == 0) return -1;
        var prev = _sentences[s0 - 1];
        int pp = _para[prev.EndToken - 1], qp = _para[qFirst];
        if (pp != qp)
        {
            if (qp - pp > 1) return -1;
            // Across paragraphs when the sentence before introduces the quote (a colon), or when its paragraph reports
            // someone's words without quoting them ("Clinton responded …, saying …" ¶ "…").
            if (!(S(prev.EndToken - 1) is ":"))
            {
                int p0 = prev.FirstToken;
                while (p0 > 0 && _para[p0 - 1] == pp) p0--;
                for (int k = p0; k < prev.EndToken; k++) if (_inQuote[k]) return -1;
            }
        }
        // A sentence that is itself a quote introduces nothing.
        int outside = 0;
        for (int k = prev.FirstToken; k < prev.EndToken; k++) if (!_inQuote[k] && IsWord(k)) outside++;
        return outside >= 2 ? s0 - 1 : -1;
    }

    /// <summary>Does the quote starting at token <paramref name="qFirst"/> open its sentence (no word before it)?</summary>
    private bool OpensSentence(int qFirst)
    {
        for (int k = _sentences[_sentOf[qFirst]].FirstToken; k < qFirst; k++) if (IsWord(k)) return false;
        return true;
    }

    /// <summary>Does a quote with no frame go on with the previous quote's words? It must follow in the same or the next
    /// paragraph, and no other voice may come between (a verb of saying with another subject).</summary>
    private bool Continues(NewsQuote previous, int previousLast, int qFirst)
    {
        if (previousLast < 0) return false;
        int gap = _para[qFirst] - _para[previousLast];
        if (gap > 1) return false;
        for (int k = previousLast + 1; k < qFirst; k++)
        {
            if (_inQuote[k]) continue;
            if (IsSpeechVerb(k) && SubjectBefore(k, Math.Max(previousLast, _sentences[_sentOf[k]].FirstToken - 1), out _) is { Found: true } sb &&
                MakeFrame(k, "", sb, false, k).Speaker != previous.Speaker) return false;
            if (_nameAt[k] is { Type: NewsEntityType.Person } nm && _para[k] != _para[previousLast] && nm.Canonical != previous.Speaker) return false;
        }
        return true;
    }

    // ---------------------------------------------------------------- indirect speech and attributions

    private void FindReportedSpeech(List<NewsQuote> quotes, List<NewsAttribution> attributions, string? articleId, string? outlet)
    {
        for (int s = 0; s < _sentences.Count; s++)
        {
            var sr = _sentences[s];
            int first = sr.FirstToken, end = sr.EndToken;
            for (int i = first; i < end; i++)
            {
                if (_inQuote[i]) continue;
                bool according = Is(i, "according") && Is(i + 1, "to");
                bool citing = Is(i, "citing");
                bool told = Is(i, "told");
                if (!according && !citing && !IsSpeechVerb(i)) continue;
                if (told) AddToldOutlet(i, end, s, attributions, articleId, outlet);
                Frame? f;
                if (according || citing)
                {
                    var sa = SubjectAfter(according ? i + 1 : i, end);
                    f = sa.Found ? MakeFrame(i, according ? "according to" : "citing", sa, true, i) : null;
                }
                else f = FrameOfVerb(i, first - 1, end, i, allowInverted: i > first && S(i - 1) is "," && !told);
                if (f == null || AttachedToQuote(i, f.Subject)) continue; // a quote's own frame: the quote has it
                var subj = f.Subject;
                string srcText = f.Speaker ?? f.Description ?? "";
                if (srcText.Length == 0 || f.Speaker == null && subj.Kind == SubjKind.Pronoun) continue;
                if (subj.Kind == SubjKind.Description && (BareQuantifiers.Contains(srcText.Trim()) || !PlausibleSource(RelationalPart(subj) ?? srcText))) continue;
                {
                    // A qualified description ("the regional transport authority") names its own source; only a bare one
                    // ("the company") stands for the nearest named organisation.
                    string source = f.Speaker!;
                    if (subj.Kind == SubjKind.Description && f.Name != null && subj.End - subj.Start >= 3) source = Join(subj.Start, subj.End);
                    var kind = QuoteExtractor.Classify(source + " " + (f.Description ?? ""), f.Name?.Description);
                    string clean = CleanSource(source);
                    // The offset of the name itself when the subject holds more before it (a heading cut off the speaker).
                    int from = _tok[subj.Start].Start, to = subj.End > subj.Start ? _tok[subj.End - 1].End : from;
                    int named = to > from ? _text.IndexOf(clean, from, to - from, StringComparison.Ordinal) : -1;
                    attributions.Add(new NewsAttribution { Source = clean, SourceKind = kind, Verb = f.VerbText, Sentence = SentenceText(s), ArticleId = articleId, Outlet = outlet, Offset = named >= 0 ? named : from });
                }
                if ((according || _verb[i] is { } vb && (vb.Use & SpeechVerbUse.Clause) != 0) && !citing && Reported(i, according, subj, f.Inverted, first, end, out var gap) is var (cs, ce) && ce - cs >= 3 &&
                    (according || cs != i + 1 || (_verb[i]!.Value.Use & SpeechVerbUse.Saying) != 0 || Is(i + 1, "that")) &&
                    !StartsWithQuote(cs) && CountWordTokens(cs, ce) >= 3 && (!In(cs, NotAClause) || (ce <= i || gap.End > gap.Start) && AdjunctThenClause(cs, ce)) && _verb[cs] is not { Form: VerbForm.Gerund } &&
                    (according || cs < i || Is(cs - 1, "that") || (_verb[i]!.Value.Use & SpeechVerbUse.Message) != 0 || HasFiniteVerb(cs, ce)
                     // "describing it as a 'deeply sad day'": words in quotation marks are what was said, whatever the verb.
                     || HasQuotedWords(cs, ce)))
                {
                    int te = WritersTail(gap.End > gap.Start ? gap.End : cs, ce, cs);
                    if (!f.Inverted && !according && cs > i && gap.End <= gap.Start && !Is(cs - 1, "that")) te = Math.Min(te, ObjectThenPredicate(i, cs, te));
                    quotes.Add(new NewsQuote
                    {
                        Text = gap.End > gap.Start ? Join(cs, gap.Start) + " … " + Join(gap.End, te) : Join(cs, te), Speaker = f.Speaker, SpeakerDescription = f.Description == f.Speaker ? null : f.Description, SpeakerNote = f.Note,
                        Verb = f.VerbText, Kind = QuoteKind.Indirect, ArticleId = articleId, Outlet = outlet,
                        Offset = _tok[cs].Start, Length = _tok[te - 1].End - _tok[cs].Start,
                    });
                    // "… and said that …": the same subject's second report is a row of its own.
                    if (!f.Inverted && subj.Start < i && ce < end && CoordinatedReport(cs, end) is var (cut, v2) && v2 > i && (cut == ce || cut + 1 == ce || cut == ce - 1) &&
                        Reported(v2, false, subj, false, first, end, out var gap2) is var (cs2, ce2) && gap2.End <= gap2.Start && cs2 > v2 && CountWordTokens(cs2, ce2) >= 3 && !StartsWithQuote(cs2))
                    {
                        int te2 = WritersTail(cs2, ce2, cs2);
                        quotes.Add(new NewsQuote
                        {
                            Text = Join(cs2, te2), Speaker = f.Speaker, SpeakerDescription = f.Description == f.Speaker ? null : f.Description, SpeakerNote = f.Note,
                            Verb = VerbText(v2), Kind = QuoteKind.Indirect, ArticleId = articleId, Outlet = outlet,
                            Offset = _tok[cs2].Start, Length = _tok[te2 - 1].End - _tok[cs2].Start,
                        });
                    }
                }
            }
        }
    }

    private static readonly WordSet RelativeWho = new("who", "whose");
    private static readonly WordSet ConcessiveWords = new("though", "although");
    private static readonly WordSet MainClauseGoesOn = new("is", "was", "are", "were", "has", "have", "had", "will", "would");

    /// <summary>
    /// Where a reported clause ends when the writer's own words follow it in the same sentence: at the comma before a
    /// relative clause on its last noun that runs to the end ("…, who has led the board since May"), a concession
    /// ("…, though the vote is months away"), a comparison ("…, compared with 40 percent a year earlier") or a new
    /// voice after "but" ("…, but she did not say when"). These are what the writer adds about what was said, not the
    /// words reported; a tail that holds quoted words is left whole (someone's words, not the writer's). A relative clause set off in the middle ("Ada Morn, who chairs the board, would stay") is left
    /// alone. Scans [<paramref name="from"/>, <paramref name="ce"/>); at least three words stay from <paramref name="cs"/>.
    /// </summary>
    private int WritersTail(int from, int ce, int cs)
    {
        for (int k = from + 1; k + 2 < ce; k++)
        {
            if (_inQuote[k] || S(k) is not "," || _inQuote[k + 1] || CountWordTokens(cs, k) < 3) continue;
            bool cut = In(k + 1, RelativeWho) ? RelativeRunsToEnd(k + 2, ce)
                : In(k + 1, ConcessiveWords) ? true
                : Is(k + 1, "compared") ? Is(k + 2, "with") || Is(k + 2, "to")
                : Is(k + 1, "but") && In(k + 2, NominativePronouns) && !Is(k + 2, "there") && !_inQuote[k + 2];
            // Quoted words after the comma are someone's words, not the writer's addition.
            if (cut) return HasQuoteInside(k + 1, ce) ? ce : k;
        }
        return ce;
    }

    private static readonly WordSet CoordinatedPredicateAdverbs = new("also", "then", "later", "quickly");
    private static readonly WordSet PredicateAuxiliaries = new("has", "had", "was", "is");

    /// <summary>
    /// Where the object of a verb of saying ends when the subject's next predicate follows it: "she described the plan as
    /// “reckless” and urged the council to wait" / "he acknowledged the costs, but stopped short of …". What is reported
    /// after a verb other than "say" or "tell" with no "that" is a noun phrase (no verb of its own) and cannot go on with
    /// "and" + a past-tense verb; that verb is the subject's. A second verb of saying ("… and said that …", "… and has
    /// said …") is left to the coordinated-report rule, and a clause ("she said he left early and was …") is left whole.
    /// <paramref name="ce"/> when there is no such predicate.
    /// </summary>
    private int ObjectThenPredicate(int v, int cs, int ce)
    {
        if (_verb[v] is not { } sv || sv.Lemma is "say" or "tell" || In(cs, NominativePronouns) || Is(cs, "it")) return ce;
        for (int k = cs + 1; k + 1 < ce; k++)
        {
            if (_inQuote[k] || !(Is(k, "and") || Is(k, "but"))) continue;
            int t = k + 1;
            if (In(t, CoordinatedPredicateAdverbs)) t++;
            int head = t;
            if (Is(t, "has") || Is(t, "had")) t++;
            if (t >= ce || _inQuote[head] || !IsLowerWord(head)) continue;
            var w = S(head);
            if (!(In(head, PredicateAuxiliaries) || w.Length >= 4 && w.EndsWith("ed", StringComparison.Ordinal))) continue;
            if (_verb[t] is { } tv && (tv.Use & SpeechVerbUse.Clause) != 0) return ce; // "… and said that …": a report of its own
            if (HasFiniteVerb(cs, k)) return ce; // a clause, not a noun phrase
            int cut = k > cs && S(k - 1) is "," && !_inQuote[k - 1] ? k - 1 : k;
            return CountWordTokens(cs, cut) >= 1 ? cut : ce;
        }
        return ce;
    }

    /// <summary>Does a relative clause from <paramref name="from"/> run to <paramref name="ce"/>, with no comma after which
    /// the main clause's verb goes on ("Ada Morn, who chairs the board, would stay")?</summary>
    private bool RelativeRunsToEnd(int from, int ce)
    {
        for (int j = from; j + 1 < ce; j++)
        {
            if (_inQuote[j] || S(j) is not ",") continue;
            int t = j + 1;
            if (In(t, MainClauseGoesOn)) return false;
            var w = S(t);
            if (IsLowerWord(t) && w.Length >= 3 && w.EndsWith("ed", StringComparison.Ordinal)) return false;
        }
        return true;
    }

    /// <summary>Is this frame a quote's own ("“…,” he said in the email." / "he said: “…”"): right after a closing mark or
    /// right before an opening one?</summary>
    private bool AttachedToQuote(int verb, Subj subj)
    {
        int a = Math.Min(verb, subj.Start), b = Math.Max(verb + 1, subj.End);
        int k = a - 1;
        while (k >= 0 && !_inQuote[k] && S(k) is "," or "—" or "–" or "-") k--;
        // After a closing mark, unless the quote ended its sentence with a full stop ("…." Trump said the plan …).
        if (k >= 0 && _inQuote[k] && _spans[_quoteOf[k]].End == _tok[k].End && !(k > 0 && S(k - 1) is "." && k == a - 1)) return true;
        k = b;
        while (k < _n && !_inQuote[k] && (S(k) is "," or ":" or "—" || Is(k, "that") || In(k, TimeWords))) k++;
        return k < _n && _inQuote[k] && _spans[_quoteOf[k]].Start == _tok[k].Start;
    }

    /// <summary>Words a reported clause does not start with: what follows "said" is then an adjunct ("said on Monday", "said with a laugh", "said of the encounter"),
    /// or the rest of a verb's object ("asked the mayor and the council to …").</summary>
    private static readonly WordSet NotAClause = new("and", "or", "nor", "but", "in", "on", "at", "during", "after", "before", "from", "via", "through", "with", "without", "over", "under", "to", "for", "about", "by", "of", "while", "when", "as", "according", "citing", "who", "which", "whose", "where", "whom", "also", "however", "too", "meanwhile", "instead", "again", "repeatedly", "later", "earlier", "then", "recently", "previously");

    private static readonly WordSet FiniteMarkers = new("is", "was", "are", "were", "be", "been", "has", "have", "had", "will", "would", "could", "should", "can", "may", "might", "must", "did", "does", "do");

    /// <summary>Does [s, e) hold a verb of its own: an auxiliary or modal, a contraction ("don't", "they're", "'s") or a
    /// lower-case word in -ed? Without one, what follows a verb is a noun phrase ("described his plan", "called the
    /// mayor"), not a reported clause.</summary>
    private bool HasFiniteVerb(int s, int e)
    {
        for (int k = s; k < e; k++)
        {
            if (In(k, FiniteMarkers)) return true;
            var w = S(k);
            if (w.Length >= 2 && w[0] is '\'' or '’' && w.Length <= 3) return true; // 's
            int ap = w.LastIndexOfAny('\'', '’');
            if (ap > 0 && ap < w.Length - 1 && (w[(ap + 1)..] is "t" or "re" or "ll" or "d" or "ve")) return true;
            // A lower-case word ending in -ed ("described", "well-funded"): its last letters after any hyphen.
            int h = w.LastIndexOf('-') + 1;
            var last = w[h..];
            if (last.Length >= 3 && last.EndsWith("ed", StringComparison.Ordinal) && IsAsciiLower(last)) return true;
        }
        return false;

        static bool IsAsciiLower(ReadOnlySpan<char> x) { foreach (char c in x) if (c is < 'a' or > 'z') return false; return true; }
    }

    private bool HasQuoteInside(int s, int e) { for (int k = s; k < e; k++) if (_inQuote[k]) return true; return false; }

    /// <summary>Does [s, e) hold words in quotation marks: a quote span, or an opening mark at a word's start that the
    /// quote finder left alone (single marks, which may be apostrophes, around a few words: "as a 'sad day'")?</summary>
    private bool HasQuotedWords(int s, int e)
    {
        if (HasQuoteInside(s, e)) return true;
        int from = _tok[s].Start, to = _tok[e - 1].End;
        for (int c = from; c < to - 1; c++)
            if (_text[c] is '“' or '"' or '‘' or '\'' && (c == 0 || char.IsWhiteSpace(_text[c - 1])) && char.IsLetterOrDigit(_text[c + 1])) return true;
        return false;
    }

    private bool StartsWithQuote(int cs) => cs < _n && _inQuote[cs] && _spans[_quoteOf[cs]].Start == _tok[cs].Start;

    private int CountWordTokens(int s, int e) { int c = 0; for (int i = s; i < e; i++) if (IsWord(i)) c++; return c; }

    private static readonly WordSet Particles = new("up", "off", "back", "down", "into", "away", "around");

    private static readonly WordSet TellLike = new("told", "tells", "tell", "telling", "informed", "assured", "reminded", "warned", "urged", "asked", "asks", "advised", "briefed", "notified", "promised", "convinced", "persuaded");

    /// <summary>The clause a frame reports: after the verb ("said [that] …", "told reporters …") or, when the frame ends the
    /// sentence, before it ("…, officials said."; "…, according to X.").</summary>
    private (int Start, int End)? Reported(int v, bool according, Subj subj, bool inverted, int first, int end, out (int Start, int End) gap)
    {
        gap = default;
        int ce = end;
        while (ce > first && (IsTerminal(ce - 1) || S(ce - 1) is "," or "”" or "\"" && !_inQuote[ce - 1])) ce--;
        // The frame at the end of its sentence: the clause is what comes before it.
        int frameStart = Math.Min(v, subj.Start);
        int frameEnd = Math.Max(according ? subj.End : v + 1, subj.End);
        if (frameStart > first && S(frameStart - 1) is ",")
        {
            bool endsHere = true;
            // What may follow a frame that ends its sentence: time words, an adjunct ("in a statement", "after meeting
            // Trump aides"), an appositive or a participle after a comma (", director of …", ", wiping sweat off his face").
            // After "according to X" only the source's own words follow ("according to a poll released Sunday", "… of FEC
            // records - half a point of …"): the clause is before it.
            if (!according && frameEnd < ce && !(S(frameEnd) is "," || In(frameEnd, TimeWords) || In(frameEnd, Skippable) || In(frameEnd, NotAClause)))
                endsHere = false;
            // "…, the council agreed to reopen the pier": an infinitive after the verb is what it governs, so the frame
            // does not end its sentence and the words before it are not what it reports.
            if (!according && endsHere && frameEnd + 1 < ce && Is(frameEnd, "to") && InfinitiveAt(frameEnd + 1)) endsHere = false;
            // "…, the union complained about a shortage of drivers at the depots": a verb other than "say" or "tell" whose
            // prepositional object runs on to the sentence's end governs it; an adjunct ("said to reporters", "said of the
            // plan") is short or set off by a comma.
            if (!according && endsHere && frameEnd < ce && In(frameEnd, ComplementPrepositions) && _verb[v] is { Lemma: not ("say" or "tell") } && RunsOn(frameEnd + 1, ce, 5))
                endsHere = false;
            for (int k = frameEnd; k < ce && endsHere; k++)
            {
                if (S(k) is "," && k + 1 < ce && _verb[k + 1] is { Form: VerbForm.Gerund }) break; // ", adding that …": its own frame
                if (_inQuote[k] || !according && (Is(k, "that") || IsSpeechVerb(k) && _verb[k] is { Form: not VerbForm.Gerund })) endsHere = false;
            }
            if (endsHere)
            {
                int cs0 = SkipDateline(first, frameStart - 1);
                int ce0 = frameStart - 1;
                // A frame between commas in the middle of the reported clause ("The outreach, they said, raised new
                // worries"): the clause is on both sides of it.
                if (frameEnd < ce && S(frameEnd) is "," && ce0 > cs0 && ClauseGoesOn(frameEnd + 1, ce, inverted))
                {
                    gap = (frameStart - 1, frameEnd + 1);
                    return (cs0, ce);
                }
                return ce0 > cs0 ? (cs0, ce0) : null;
            }
        }
        if (according)
        {
            // "According to X, …": the clause after the source's comma.
            int c = subj.End;
            while (c < ce && c < subj.End + 12 && S(c) is not ",") c++;
            return c < ce ? (c + 1, ce) : null;
        }
        if (subj.Start > v) return null; // "said X" in the middle of a sentence: no clause of its own
        int cs = v + 1;
        if (cs < ce && S(cs) is "," && !Is(cs + 1, "that")) return null; // "he said, wiping sweat off his face"
        // A particle makes another verb of it ("signed up for", "called into the show", "wrote off"): nothing is reported.
        if (cs < ce && In(cs, Particles) && !Is(cs + 1, "that")) return null;
        // "…, forcing her to fend off both rivals, said Ada Morn, a pollster.": a verb set off by a comma with a person
        // named after it is the inverted frame of the words before it; the name is who speaks, not what was said.
        if (v > first && S(v - 1) is "," && _nameAt[cs] is { Type: NewsEntityType.Person } inv && inv.Start == cs && (inv.End >= ce || S(inv.End) is "," or "("))
            return null;
        if (TellLike.Contains(_h[v]))
        {
            // The person told: "told reporters", "told CNN", "told the Post on Sunday".
            if (cs < ce && (In(cs, ObjectWords) && !Is(cs, "that") && !Is(cs, "what") && !Is(cs, "how") && !Is(cs, "whether") && !Is(cs, "if") || _nameAt[cs] != null || In(cs, Determiners)))
            {
                for (int np = 0; np < 3; np++)
                {
                    if (_nameAt[cs] is { } nm) cs = nm.End;
                    else if (In(cs, Determiners)) { cs++; while (cs < ce && IsWord(cs) && !In(cs, NpStop) && _verb[cs] == null) cs++; }
                    else cs++;
                    // "asked the operator and the union to …": the object goes on after "and" / "or".
                    if (!(Is(cs, "and") || Is(cs, "or")) || !(_nameAt[cs + 1] != null || In(cs + 1, Determiners))) break;
                    cs++;
                }
                // "urged the council to reopen the pier": what the person was asked or told to do is reported.
                if (Is(cs, "to") && _verb[cs + 1] == null && IsLowerWord(cs + 1)) cs++;
            }
        }
        // Adjuncts before the clause ("said on Monday that", "said in a statement that"): up to "that" if it is near. A
        // clause that starts at once ("said all crossings were cancelled and that …") keeps its start.
        bool adjunctFirst = cs < ce && (Is(cs, "that") || In(cs, NotAClause) || In(cs, TimeWords) || In(cs, Skippable));
        int adjunctAt = cs;
        for (int k = cs; adjunctFirst && k < ce && k < cs + 14; k++)
        {
            // Not past another verb of saying: its "that" is its own ("told the council the levy would rise, but added that …").
            if (_inQuote[k] || S(k) is "," && k > cs + 6 || k > cs && IsSpeechVerb(k) && _verb[k] is { } vk && (vk.Form == VerbForm.Past || vk.Form == VerbForm.ThirdPerson && (vk.Use & SpeechVerbUse.AlsoNoun) == 0)) break;
            if (Is(k, "that")) { cs = k + 1; break; }
        }
        // "said Tuesday the depot would close", "told reporters this week he would run": a time before the clause is the
        // frame's, not what was said; with no clause after it ("said Friday as he left the talks") nothing is reported.
        // A comma after the time ends a phrase of the frame ("In a message posted Friday, Ada Morn said …"): left as it is.
        if (adjunctFirst && cs == adjunctAt && TimeBefore(cs, ce) is var te && te > cs && !(te < ce && S(te) is ","))
        {
            if (te >= ce || In(te, NotAClause) || CountWordTokens(te, ce) < 3) return null;
            cs = te;
        }
        while (cs < ce && (Is(cs, "that") || S(cs) is "," or ":")) cs++;
        return cs < ce ? (cs, ClauseEnd(cs, ce, v, first)) : null;
    }

    private static readonly WordSet Weekdays = new("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "tonight", "tomorrow");
    private static readonly WordSet PartsOfDay = new("morning", "afternoon", "evening", "night");
    private static readonly WordSet PeriodWords = new("week", "weekend", "month", "year", "morning", "afternoon", "evening", "night");

    /// <summary>The end of a time phrase at <paramref name="i"/> ("Tuesday", "Friday morning", "earlier", "this week", "last
    /// year"), or <paramref name="i"/> when there is none ("this week's address" is a subject).</summary>
    private int TimeBefore(int i, int ce)
    {
        if (i >= ce || _inQuote[i]) return i;
        if (In(i, Weekdays)) return i + 1 < ce && S(i + 1) is "'s" or "’s" ? i : i + 1 < ce && In(i + 1, PartsOfDay) ? i + 2 : i + 1;
        if (Is(i, "earlier")) return i + 1;
        if ((Is(i, "this") || Is(i, "last")) && i + 1 < ce && In(i + 1, PeriodWords) && !(i + 2 < ce && S(i + 2) is "'s" or "’s")) return i + 2;
        return i;
    }

    private static readonly WordSet NominativePronouns = new("he", "she", "they", "we", "i", "there");
    private static readonly WordSet Subordinators = new("when", "while", "although", "though", "if", "after", "before", "because", "since", "unless", "until", "whereas", "once");
    /// <summary>Where a clause reported after its verb ends: at the end of the sentence, or, when the verb of saying stands in a
    /// subordinate clause ("While Ada Morn said that the talks had failed, she …"), at the comma before the main clause's
    /// subject.</summary>
    private int ClauseEnd(int cs, int ce, int v, int first)
    {
        bool subordinate = false;
        for (int k = first; k < v; k++)
        {
            if (S(k) is "," or ";" or ":" or "—" or "–") subordinate = false;
            else if (In(k, Subordinators) && (k == first || S(k - 1) is "," or "—" or "–" || Is(k - 1, "and") || Is(k - 1, "but") || Is(k - 1, "even"))) subordinate = true;
        }
        if (!subordinate) return NextVoice(cs, ce);
        for (int k = cs + 2; k < ce - 1; k++)
        {
            if (_inQuote[k] || S(k) is not ",") continue;
            int t = k + 1;
            // "…, she did not say when": the main clause begins; "…, with his weight down" goes on with the reported words.
            if (In(t, NominativePronouns) || In(t, Articles) || _nameAt[t] is { } nt && nt.Start == t) return k;
        }
        return ce;
    }

    private static readonly WordSet Coordinators = new("and", "but", "while", "whereas", "though", "although");

    /// <summary>Where a clause reported after its verb ends when a coordinated clause brings its own "say" or "tell" ("she said
    /// the fund was closed, but other members said …", "…, and they say that …"): at the comma before it; that clause is its
    /// own report. Else <paramref name="ce"/>.</summary>
    private int NextVoice(int cs, int ce)
    {
        if (CoordinatedReport(cs, ce) is var (cut, _) && cut >= 0) ce = cut;
        if (SourceTag(cs, ce) is var tag && tag >= 0) ce = tag;
        for (int k = cs + 2; k < ce - 2; k++)
        {
            if (_inQuote[k] || S(k) is not "," || !In(k + 1, Coordinators)) continue;
            for (int j = k + 2; j < ce && j < k + 12 && !_inQuote[j] && S(j) is not ","; j++)
            {
                if (!IsSpeechVerb(j) || _verb[j] is not { Form: not VerbForm.Gerund } vj) continue;
                if (vj.Lemma is "say" or "tell") return k;
                // Any other verb that reports a clause, with a subject of its own right after the conjunction and what it
                // reports after it ("…, but the agency insisted it had warned …").
                if ((vj.Use & SpeechVerbUse.Clause) != 0 && vj.Form is VerbForm.Past or VerbForm.ThirdPerson && IsLowerWord(j) && j + 1 < ce && IsWord(j + 1) &&
                    (In(k + 2, NominativePronouns) || In(k + 2, Articles) || _nameAt[k + 2] is { } nk && nk.Start == k + 2) && SubjectBefore(j, k + 1, out bool passive) is { Found: true } && !passive)
                    return k;
            }
        }
        return ce;
    }

    /// <summary>A source tag that ends the sentence inside a clause reported after its verb ("she said the depot would close,
    /// according to the minutes"): the tag names where the writer had it from, not what was said, so the clause ends at its
    /// comma. A tag set off in the middle ("…, according to the minutes, was …") leaves the clause whole. -1 when there is none.</summary>
    private int SourceTag(int cs, int ce)
    {
        for (int k = cs + 3; k + 3 < ce; k++)
        {
            if (_inQuote[k] || S(k) is not "," || !Is(k + 1, "according") || !Is(k + 2, "to")) continue;
            var sa = SubjectAfter(k + 2, ce);
            if (!sa.Found) return -1;
            int t = sa.End;
            while (t < ce && !_inQuote[t] && S(t) is not ",") t++; // the source's own words ("a poll released Sunday")
            return t >= ce || !ClauseGoesOn(t + 1, ce, true) ? k : -1;
        }
        return -1;
    }

    private static readonly WordSet CoordinatedAdverbs = new("then", "also", "later", "again");

    /// <summary>A second report by the same subject, coordinated with the first ("he said that the fund was closed and said
    /// that …", "… but added that …"): the first clause ends before the coordinator (Cut, its comma included) and the
    /// second verb (Verb) reports its own clause. A finite form of "say", or of a verb of saying followed by "that". (-1, -1) when
    /// there is none.</summary>
    private (int Cut, int Verb) CoordinatedReport(int cs, int ce)
    {
        for (int k = cs + 2; k < ce - 2; k++)
        {
            if (_inQuote[k] || !(Is(k, "and") || Is(k, "but"))) continue;
            int j = k + 1;
            if (In(j, CoordinatedAdverbs)) j++;
            if (j + 1 >= ce || _inQuote[j] || _verb[j] is not { Form: VerbForm.Past or VerbForm.ThirdPerson } vj || !IsLowerWord(j)) continue; // not "to raise her voice and say …"
            // The first clause keeps the words it had when it is too short to stand alone ("claimed vast wealth and said …").
            if (CountWordTokens(cs, k) < 3) continue;
            if (vj.Lemma == "say" || (vj.Use & SpeechVerbUse.Clause) != 0 && Is(j + 1, "that"))
                return (S(k - 1) is "," && !_inQuote[k - 1] ? k - 1 : k, j);
        }
        return (-1, -1);
    }

    /// <summary>A clause before its frame that opens with an adjunct or a conjunction ("Of the 121 people detained, 77 …", "But
    /// even if …, it would …"): words after a comma, where "In a statement" alone has none.</summary>
    private bool AdjunctThenClause(int cs, int ce)
    {
        for (int k = cs + 2; k < ce - 2; k++) if (S(k) is ",") return true;
        return false;
    }

    private static readonly WordSet ComplementPrepositions = new("to", "of", "with", "about", "for");

    /// <summary>Do at least <paramref name="words"/> words follow from <paramref name="from"/> to the clause end
    /// <paramref name="ce"/> with no comma, bracket, dash or quote between?</summary>
    private bool RunsOn(int from, int ce, int words)
    {
        int n = 0;
        for (int k = from; k < ce; k++)
        {
            if (_inQuote[k] || S(k) is "," or ";" or ":" or "(" or ")" or "—" or "–") return false;
            if (IsWord(k)) n++;
        }
        return n >= words;
    }

    private static readonly WordSet ObjectPronouns = new("him", "her", "them", "us", "me", "you", "it", "whom", "which", "what");

    /// <summary>A verb's base form after "to" ("to reopen"), not the person spoken to ("to reporters", "to the council",
    /// "to him", "to Ada Morn"): a lower-case word that is no determiner, pronoun, number or plural noun.</summary>
    private bool InfinitiveAt(int i) =>
        i < _n && !_inQuote[i] && IsLowerWord(i) && _nameAt[i] == null && !In(i, Determiners) && !In(i, Articles) && !In(i, ObjectPronouns) &&
        !In(i, TimeWords) && S(i)[^1] != 's';

    /// <summary>Does the reported clause go on after a frame set between commas ("…, she said, raised …"), rather than an
    /// afterthought following it (", adding …", ", wiping sweat off his face", ", a former aide", ", and …")?</summary>
    private bool ClauseGoesOn(int t, int ce, bool inverted)
    {
        if (t >= ce || _inQuote[t] || CountWordTokens(t, ce) < 3 || !IsWord(t)) return false;
        if (In(t, NotAClause) || In(t, TimeWords) || Is(t, "that") || Is(t, "a") || Is(t, "an")) return false;
        if (inverted && In(t, Determiners)) return false; // "said Ines Kalb, the mayor of …": her description
        if (_verb[t] != null) return false;
        var w = S(t);
        if (IsLowerWord(t) && (w.EndsWith("ing", StringComparison.Ordinal) || w.EndsWith("ed", StringComparison.Ordinal))) return false;
        for (int k = t; k < ce; k++) if (_inQuote[k]) return false;
        return true;
    }

    /// <summary>"WESTMERE — Ferry crews …": the dateline before a sentence's first words is not what anyone said.</summary>
    private int SkipDateline(int first, int end)
    {
        int k = first;
        while (k < end && k < first + 5 && IsWord(k) && IsAllCaps(k) || k > first && k < end && S(k) is ",") k++;
        // After the place and its comma, a state, a date and an agency: "WASHINGTON, Aug. 9 (UPI) —", "SALEM, Ore. (AP) —".
        if (k > first && S(k - 1) is ",")
            while (k < end && k < first + 12 && !_inQuote[k] && (S(k) is "(" or ")" or "," or "." || char.IsDigit(First(k)) || char.IsUpper(First(k)) && S(k).Length <= 5)) k++;
        return k > first && k < end && S(k) is "—" or "–" or "-" ? k + 1 : first;
    }

    private bool IsAllCaps(int i)
    {
        var w = S(i);
        bool letter = false;
        foreach (char c in w) { if (char.IsLower(c)) return false; if (char.IsLetter(c)) letter = true; }
        return letter && w.Length >= 2;
    }

    private void AddToldOutlet(int told, int end, int s, List<NewsAttribution> attributions, string? articleId, string? outlet)
    {
        // "told the AFP news agency": the outlet the speaker told is a source the article relies on.
        var obj = SubjectAfter(told, end);
        if (!obj.Found) return;
        // "the AFP news agency": the name inside the phrase.
        var named = obj.Name;
        for (int j = obj.Start; named == null && j < obj.End; j++) if (_nameAt[j] is { Type: NewsEntityType.Organization or NewsEntityType.Person } nm) named = nm;
        string objText = named?.Text ?? TrimToldObject(Join(obj.Start, obj.End));
        var objKind = QuoteExtractor.Classify(Join(obj.Start, obj.End), named?.Description);
        // "Several told the Gazette …" in The Island Gazette: the article's own outlet is its reporting, not a source it relies on.
        if (objKind is SourceKind.Agency or SourceKind.Media && !IsOwnOutlet(named?.Canonical ?? objText, outlet))
            attributions.Add(new NewsAttribution { Source = CleanSource(named?.Canonical ?? objText), SourceKind = objKind, Verb = "told", Sentence = SentenceText(s), ArticleId = articleId, Outlet = outlet, Offset = _tok[named?.Start ?? obj.Start].Start });
    }

    /// <summary>Is <paramref name="name"/> the article's own outlet ("the Courier" in The Harbour Courier): the outlet's
    /// name, or its last words (four letters at least)?</summary>
    internal static bool IsOwnOutlet(string name, string? outlet)
    {
        if (string.IsNullOrWhiteSpace(outlet)) return false;
        string n = EntityMerger.Key(name), o = EntityMerger.Key(outlet);
        if (n.Length < 4 || o.Length == 0) return false;
        if (n == o) return true;
        // The last words of the outlet's name, whole words only: "Courier" of "Harbour Courier", not "our" of "Harbour".
        var words = outlet.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string tail = "";
        for (int i = words.Length - 1; i >= 1; i--)
        {
            tail = EntityMerger.Key(words[i]) + tail;
            if (tail == n) return true;
            if (tail.Length > n.Length) break;
        }
        return false;
    }

    /// <summary>Sentence <paramref name="s"/> as one line, cut at 400 characters; made once a sentence (its attributions share it).</summary>
    private string SentenceText(int s)
    {
        if (_sentenceTexts?[s] is string made) return made;
        var sr = _sentences[s];
        string t = Text.TextShape.OneLine(_text, _tok[sr.FirstToken].Start, _tok[sr.EndToken - 1].End, 400);
        (_sentenceTexts ??= new string?[_sentences.Count])[s] = t;
        return t;
    }

    private string?[]? _sentenceTexts;

    private static readonly HashSet<string> NotSources = new(StringComparer.OrdinalIgnoreCase) { "if", "it", "what", "is", "was", "be", "been", "were", "are", "this", "that", "when", "who", "which", "as", "there", "and" };

    /// <summary>Quantifiers that stand for unnamed people ("Several told the Gazette …"): no source of their own.</summary>
    private static readonly HashSet<string> BareQuantifiers = new(StringComparer.OrdinalIgnoreCase) { "several", "many", "some", "others", "most", "few", "both", "all", "one", "two", "three", "none", "each" };

    private static readonly HashSet<string> OutletNounWords = new(StringComparer.OrdinalIgnoreCase)
        { "the", "a", "an", "news", "agency", "newspaper", "paper", "daily", "weekly", "broadcaster", "television", "radio", "magazine", "outlet", "wire", "service", "channel", "network", "station", "website", "local", "state", "public", "national", "regional", "'s", "’s" };

    /// <summary>The outlet in "told the Gazette they had …": the words of a media name up to the first that is neither capitalised nor an outlet noun.</summary>
    private static string TrimToldObject(string d)
    {
        var words = d.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        int n = 0;
        while (n < words.Length && (char.IsUpper(words[n][0]) || OutletNounWords.Contains(words[n]))) n++;
        return n == words.Length ? d : string.Join(' ', words, 0, n);
    }

    /// <summary>An unnamed source is a short noun phrase ("officials", "a source", "South Korea's military"), not a clause.</summary>
    /// <summary>A description that goes on through its last word's phrase ("a source familiar with the week's talks"): the
    /// part up to that word, which is what has to look like a source; null for any other.</summary>
    private string? RelationalPart(Subj subj)
    {
        for (int j = subj.Start; j + 1 < subj.End; j++)
            if (In(j, RelationalWords) && (Is(j + 1, "to") || Is(j + 1, "with") || Is(j + 1, "in"))) return Join(subj.Start, j + 1);
        return null;
    }

    private static bool PlausibleSource(string s)
    {
        int words = 0;
        foreach (var w in s.Split(' ', StringSplitOptions.RemoveEmptyEntries)) { words++; if (NotSources.Contains(w)) return false; }
        return words is > 0 and <= 6;
    }

    private static string CleanSource(string s)
    {
        s = s.Trim();
        if (s.StartsWith("the ", StringComparison.Ordinal)) s = s[4..];
        return s;
    }
}
