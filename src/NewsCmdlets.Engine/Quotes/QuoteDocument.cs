using NewsCmdlets.Engine.Entities;
using NewsCmdlets.Engine.Entities.Tagging;
using NewsCmdlets.Engine.Text;

namespace NewsCmdlets.Engine.Quotes;

/// <summary>
/// One article's text as the quote extractor reads it: tokens, sentences, paragraphs, quote spans, names, verbs of
/// saying, and the frames ("X said", "said X", "according to X") that connect them. Every search looks a bounded
/// number of tokens around its starting point, so the whole analysis is linear in the length of the text.
/// </summary>
internal sealed partial class QuoteDocument
{
    private readonly string _text;
    private readonly List<TextToken> _tok;
    private readonly int _n;
    private readonly List<SentenceRange> _sentences;
    private readonly int[] _sentOf;
    private readonly int[] _para;
    private readonly List<(int Start, int End)> _spans;
    private readonly int[] _quoteOf; // span index of each token, -1 outside quotes
    private readonly bool[] _inQuote;
    private readonly ulong[] _h;      // hash of each token's lower-case letters
    private readonly VerbAt _verb;
    private readonly List<SpeakerName> _names;
    private readonly SpeakerName?[] _nameAt;
    private readonly Gazetteer _gaz;
    private readonly QuoteLexicon _lex;
    private readonly List<string> _problems = new();
    private Buffers? _buffers;

    /// <summary>
    /// The per-token arrays of a document (sentence, paragraph, quote span, in-quote flag, hash, verb, name of each
    /// token), kept by each thread for its next document: a quarter of what the quote pass allocated per article, and
    /// on several threads every byte allocated is shared garbage-collection work. Arrays may be longer than the
    /// document: every reader stops at the token count; each document gets them cleared over its tokens.
    /// </summary>
    private sealed class Buffers
    {
        /// <summary>Documents with more tokens get arrays of their own, not kept.</summary>
        public const int MaxKept = 1 << 16;
        public int[] SentOf = [], Para = [], QuoteOf = [], VerbAt = [];
        public bool[] InQuote = [];
        public ulong[] H = [];
        public SpeakerName?[] NameAt = [];
        /// <summary>The verbs of saying found (<see cref="VerbAt"/>), emptied for each document: grown once, not per article.</summary>
        public readonly List<SpeechVerb> Verbs = new();

        public static Buffers For(int n)
        {
            Buffers? b = n <= MaxKept ? t_free : null;
            if (b != null) t_free = null; // taken: a document made while this one lives gets its own
            b ??= new Buffers();
            if (b.SentOf.Length < n)
            {
                int size = n <= MaxKept ? Math.Max(256, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)n)) : n;
                b.SentOf = new int[size]; b.Para = new int[size]; b.QuoteOf = new int[size]; b.VerbAt = new int[size];
                b.InQuote = new bool[size]; b.H = new ulong[size]; b.NameAt = new SpeakerName?[size];
            }
            else
            {
                Array.Clear(b.SentOf, 0, n); Array.Clear(b.Para, 0, n); Array.Clear(b.QuoteOf, 0, n); Array.Clear(b.VerbAt, 0, n);
                Array.Clear(b.InQuote, 0, n); Array.Clear(b.H, 0, n); Array.Clear(b.NameAt, 0, n);
            }
            b.Verbs.Clear();
            return b;
        }

        [ThreadStatic] private static Buffers? t_free;

        /// <summary>Hands the arrays back to this thread for its next document (the names' references dropped).</summary>
        public void Release(int n)
        {
            if (SentOf.Length > MaxKept) return;
            Array.Clear(NameAt, 0, n);
            t_free = this;
        }
    }

    /// <summary>
    /// Gives the document's arrays back to the thread for its next document. The document must not be used after.
    /// </summary>
    public void Release()
    {
        var b = _buffers;
        _buffers = null;
        b?.Release(_n);
        if (_tokensKept) { _tokensKept = false; ReleaseTokens(_tok); }
    }

    /// <summary>
    /// The token list, kept by each thread for its next document like <see cref="Buffers"/> (a tenth of what the quote
    /// pass allocated per article was the list and its growth); lists grown past twice <see cref="Buffers.MaxKept"/> tokens
    /// are not kept.
    /// </summary>
    [ThreadStatic] private static List<TextToken>? t_tokens;
    private bool _tokensKept;

    private static List<TextToken> TakeTokens(string text, out bool kept)
    {
        var list = t_tokens;
        t_tokens = null; // taken: a document made while this one lives gets its own
        kept = true;
        if (list == null) return Tokenizer.Tokenize(text);
        list.Clear();
        Tokenizer.Tokenize(text, 0, text.Length, list);
        return list;
    }

    private static void ReleaseTokens(List<TextToken> list)
    {
        if (list.Capacity > 2 * Buffers.MaxKept) return;
        t_tokens = list;
    }

    public QuoteDocument(string text, ArticleEntities? entities, Gazetteer gaz, QuoteLexicon lex)
    {
        _text = text;
        _gaz = gaz;
        _lex = lex;
        _tok = TakeTokens(text, out _tokensKept);
        _n = _tok.Count;
        _sentences = JoinBracketBreaks(text, _tok, SentenceSplitter.Split(text, _tok));
        var b = _buffers = Buffers.For(_n);
        _sentOf = b.SentOf;
        for (int s = 0; s < _sentences.Count; s++)
            for (int i = _sentences[s].FirstToken; i < _sentences[s].EndToken; i++) _sentOf[i] = s;
        _para = b.Para;
        int p = 0;
        for (int i = 0; i < _n; i++)
        {
            if (i > 0) for (int c = _tok[i - 1].End; c < _tok[i].Start; c++) if (text[c] == '\n') { p++; break; }
            _para[i] = p;
        }
        _spans = QuoteSpans.Find(text, _problems);
        _quoteOf = b.QuoteOf;
        _inQuote = b.InQuote;
        for (int i = 0, q = 0; i < _n; i++)
        {
            int c = _tok[i].Start;
            while (q < _spans.Count && _spans[q].End <= c) q++;
            _quoteOf[i] = q < _spans.Count && c >= _spans[q].Start ? q : -1;
            _inQuote[i] = _quoteOf[i] >= 0;
        }
        _h = b.H;
        _verb = new VerbAt(b.VerbAt, b.Verbs);
        for (int i = 0; i < _n; i++)
        {
            var sp = _tok[i].Span(text);
            _h[i] = sp is "US" ? UsHash : Hashing.Lower(sp); // the country, not the pronoun "us"
            if (!_inQuote[i] && sp.Length > 1 && char.IsLower(sp[0]) && lex.TryGetVerb(sp, out var v)) _verb.Set(i, v);
        }
        _names = entities != null
            ? SpeakerNames.FromEntities(text, _tok, _sentOf, _inQuote, entities, lex)
            : SpeakerNames.Find(text, _tok, _h, _sentOf, _sentences, _inQuote, gaz, lex);
        _nameAt = b.NameAt;
        foreach (var nm in _names) for (int k = nm.Start; k < nm.End && k < _n; k++) _nameAt[k] = nm;
    }

    public IReadOnlyList<string> Problems => _problems;

    /// <summary>
    /// Undoes a sentence break inside a short bracket: the abbreviation points of a party and state tag ("Ada Morn
    /// (D-N.Y.) said", tokens "D-N", ".", "Y", ".", ")") end no sentence. A break is joined when a "(" opened at most six
    /// tokens before it closes at most six tokens after it, on the same line.
    /// </summary>
    private static List<SentenceRange> JoinBracketBreaks(string text, List<TextToken> tok, List<SentenceRange> sentences)
    {
        if (sentences.Count < 2 || text.IndexOf('(') < 0) return sentences;
        List<SentenceRange>? joined = null;
        for (int s = 0; s < sentences.Count; s++)
        {
            var sr = sentences[s];
            if (joined != null && joined.Count > 0 && OpenBracketAcross(text, tok, joined[^1].EndToken))
                joined[^1] = new SentenceRange(joined[^1].FirstToken, sr.EndToken - joined[^1].FirstToken);
            else if (joined == null && s > 0 && OpenBracketAcross(text, tok, sr.FirstToken))
            {
                joined = new List<SentenceRange>(sentences.Count);
                for (int k = 0; k < s - 1; k++) joined.Add(sentences[k]);
                joined.Add(new SentenceRange(sentences[s - 1].FirstToken, sr.EndToken - sentences[s - 1].FirstToken));
            }
            else joined?.Add(sr);
        }
        return joined ?? sentences;
    }

    /// <summary>Does a "(" in the six tokens before token <paramref name="b"/> close in the six tokens from it, with no line break?</summary>
    private static bool OpenBracketAcross(string text, List<TextToken> tok, int b)
    {
        if (b <= 0 || b >= tok.Count || text[tok[b - 1].Start] != '.') return false;
        int open = -1;
        for (int k = b - 1; k >= 0 && k >= b - 6; k--)
        {
            char c = text[tok[k].Start];
            if (c == ')') return false;
            if (c == '(') { open = k; break; }
        }
        if (open < 0) return false;
        for (int k = b; k < tok.Count && k < b + 6; k++)
        {
            char c = text[tok[k].Start];
            if (c == '(') return false;
            if (c == ')') return text.IndexOf('\n', tok[open].Start, tok[k].Start - tok[open].Start) < 0;
        }
        return false;
    }

    /// <summary>
    /// Each token's verb of saying, if it is one: an index into the verbs found (0 for none), as few tokens are verbs.
    /// A nullable verb per token was the largest allocation of the quote pass (24 bytes a token, 4 here).
    /// </summary>
    private readonly struct VerbAt
    {
        private readonly int[] _at;
        private readonly List<SpeechVerb> _verbs;

        /// <param name="at">One zero for each token (or more).</param>
        /// <param name="verbs">An empty list for the verbs.</param>
        public VerbAt(int[] at, List<SpeechVerb> verbs)
        {
            _at = at;
            _verbs = verbs;
        }

        public SpeechVerb? this[int i] => _at[i] == 0 ? null : _verbs[_at[i] - 1];

        public void Set(int i, SpeechVerb verb)
        {
            _verbs.Add(verb);
            _at[i] = _verbs.Count;
        }
    }

    // ---------------------------------------------------------------- tokens

    private ReadOnlySpan<char> S(int i) => _tok[i].Span(_text);
    private string Str(int i) => Tokenizer.Text(_text, _tok, i);
    private bool Is(int i, string w) => i >= 0 && i < _n && S(i).Equals(w, StringComparison.OrdinalIgnoreCase);
    private bool In(int i, WordSet set) => i >= 0 && i < _n && set.Contains(_h[i]);
    private char First(int i) => _text[_tok[i].Start];
    private bool IsWord(int i) => i >= 0 && i < _n && char.IsLetterOrDigit(First(i));
    private bool IsLowerWord(int i) => i >= 0 && i < _n && char.IsLower(First(i));
    private bool IsPossessive(int i) => i >= 0 && i < _n && (S(i) is "'s" or "’s" ||
        S(i) is "'" or "’" && !_inQuote[i] && i > 0 && _tok[i - 1].End == _tok[i].Start && S(i - 1)[^1] == 's'); // "officials'"
    private bool IsTerminal(int i) => i >= 0 && i < _n && S(i) is "." or "!" or "?" or "…" or ";";
    private string Join(int s, int e) => Tokenizer.Text(_text, _tok, s, e);

    /// <summary>
    /// A speaker without the heading set before it in capitals and a dash ("HARBOUR VOTE DELAYED - Ada Morn: “…”", as a
    /// roundup introduces each excerpt), or a dash left at its start: the name after the dash. Only a heading with no
    /// lower-case letter is cut, so a name written with a spaced dash stays whole.
    /// </summary>
    internal static string? WithoutHeading(string? speaker)
    {
        if (string.IsNullOrEmpty(speaker)) return speaker;
        int cut = -1;
        for (int i = 1; i + 1 < speaker.Length; i++)
            if (speaker[i] is '-' or '\u2013' or '\u2014' && speaker[i - 1] == ' ' && speaker[i + 1] == ' ') cut = i;
        if (cut < 0 && speaker.Length > 2 && speaker[0] is '-' or '\u2013' or '\u2014' && speaker[1] == ' ') cut = 0;
        if (cut < 0) return speaker;
        var before = speaker.AsSpan(0, cut);
        foreach (char c in before) if (char.IsLower(c)) return speaker;
        string rest = speaker.Substring(cut + 1).Trim();
        if (rest.Length == 0 || !char.IsUpper(rest[0])) return speaker;
        foreach (char c in rest) if (char.IsLower(c)) return rest;
        return speaker;
    }

    private const GazetteerClass NameClasses = GazetteerClass.Country | GazetteerClass.City | GazetteerClass.Region | GazetteerClass.Demonym |
        GazetteerClass.GivenName | GazetteerClass.OrgWord | GazetteerClass.NamePart | GazetteerClass.Company | GazetteerClass.DictProper |
        GazetteerClass.WnPerson | GazetteerClass.WnPlace | GazetteerClass.WnOrg;

    /// <summary>A speaker written in capitals whose every word is an ordinary dictionary word and no name ("READS", "OTHER
    /// SIDE", a heading's fragment) is no speaker: null. Acronyms ("CNN", "GOP") and names in capitals stay.</summary>
    internal string? NoCapitalsWords(string? speaker)
    {
        if (string.IsNullOrEmpty(speaker)) return speaker;
        bool letter = false;
        foreach (char c in speaker) { if (char.IsLower(c)) return speaker; if (char.IsLetter(c)) letter = true; }
        if (!letter) return speaker;
        var span = speaker.AsSpan();
        for (int i = 0; i < span.Length;)
        {
            while (i < span.Length && !char.IsLetter(span[i])) i++;
            int s = i;
            while (i < span.Length && char.IsLetter(span[i])) i++;
            if (i == s) break;
            var cls = _gaz.LookupWord(span[s..i]);
            if ((cls & GazetteerClass.LowerWord) == 0 || (cls & NameClasses) != 0) return speaker;
        }
        return null;
    }

    private static readonly ulong UsHash = Hashing.Lower("U.S.");
    private static readonly WordSet Pronouns = new("he", "she", "they", "it", "i", "we", "you");
    private static readonly WordSet ObjectWords = new("me", "him", "her", "them", "us", "you", "reporters", "journalists", "it", "that", "this", "so", "nothing", "something", "anything", "everything", "what", "how", "why", "whether", "if");
    private static readonly WordSet Determiners = new("the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "its", "our", "my", "your", "another", "some", "one", "two", "three", "four", "five", "several", "many", "both", "all", "each", "every", "no", "other", "such", "most", "few", "any");
    private static readonly WordSet Articles = new("the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "another", "every", "each", "no", "this", "these", "those");
    private static readonly WordSet Possessives = new("his", "her", "their", "its", "our", "my", "your");
    private static readonly WordSet BeForms = new("is", "was", "were", "are", "be", "been", "being", "am");
    private static readonly WordSet Skippable = new(
        "also", "has", "had", "have", "'ve", "’ve", "'d", "’d", "'s", "’s", "would", "will", "could", "should", "can", "may", "might", "must",
        "did", "does", "do", "later", "then", "previously", "once", "again", "further", "earlier", "recently", "simply", "often", "never",
        "always", "even", "still", "just", "already", "now", "not", "n't", "first", "twice", "long", "since", "too", "quickly", "reportedly",
        "repeatedly", "publicly", "privately", "flatly", "bluntly", "finally", "initially", "subsequently", "separately", "similarly",
        "is", "was", "were", "are", "be", "been", "being", "am", "only", "originally", "eventually", "last", "year", "week", "month",
        "can't", "can’t", "won't", "won’t", "don't", "don’t", "didn't", "didn’t", "doesn't", "doesn’t", "couldn't", "couldn’t",
        "wouldn't", "wouldn’t", "shouldn't", "shouldn’t", "hasn't", "hasn’t", "haven't", "haven’t", "hadn't", "hadn’t", "cannot",
        "yesterday", "today", "tonight", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "in", "on", "at", "this");
    // Words that end a noun phrase going left (clause boundaries, prepositions) — "of" and "for" can be inside one.
    private static readonly WordSet NpStop = new(
        "that", "which", "who", "whom", "whose", "and", "but", "or", "nor", "when", "while", "as", "because", "if", "after", "before",
        "since", "although", "though", "so", "then", "than", "where", "whether", "until", "unless", "in", "on", "at", "with", "by", "from",
        "to", "into", "during", "about", "over", "under", "through", "against", "between", "among", "without", "like", "via", "per",
        "despite", "toward", "towards", "upon", "within", "is", "was", "were", "are", "be", "been", "has", "had", "have", "not", "also",
        "would", "will", "could", "should", "can", "may", "might", "must", "did", "does", "do", "said", "says", "told", "there", "here",
        "what", "how", "why", "yes", "no", "it", "he", "she", "they", "we", "i", "you", "me", "him", "them", "us");
    private static readonly WordSet NpInner = new("of", "for", "at", "'s", "’s", "&", "-");
    private static readonly WordSet TimeWords = new("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "tonight", "tomorrow", "earlier", "later", "recently", "again", "also", "last", "this", "late", "early", "once", "afterward", "afterwards", "then", "sarcastically", "simply", "repeatedly", "previously", "bluntly", "flatly", "week", "month", "year", "morning", "afternoon", "evening", "night", "weekend");
    private static readonly WordSet TimeUnits = new("minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month", "months", "year", "years", "decade", "decades");
    private static readonly WordSet DurationWords = new("a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "few", "several", "many", "some", "less", "more", "than", "about", "nearly", "almost", "just", "only", "over", "under", "couple", "of");
    private static readonly WordSet Spokes = new("spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokesmen", "spokeswomen", "representative", "representatives", "statement", "spokesman's", "press");
    private static readonly WordSet AdjunctStarts = new("in", "on", "at", "during", "after", "before", "from", "via", "through", "with", "without", "over", "under", "to", "for", "about", "by", "while", "when", "as", "speaking", "according", "citing", "who", "which", "whose", "where", "whom", "a", "an", "the", "also", "however", "though", "too", "meanwhile", "instead",
        "amid", "amidst", "despite", "following", "upon", "among", "unlike", "because", "although", "if", "once", "until", "since", "ahead");

    /// <summary>
    /// A verb of saying used as a verb here: lower case, not after a determiner or possessive ("the report", "his
    /// remarks"). The base and -s forms of a verb that is also a noun ("states", "debate", "points") count only after a
    /// subject (a name, a pronoun, a plural noun, "who"), an auxiliary or "to", or before "that".
    /// </summary>
    private bool IsSpeechVerb(int i, SpeechVerbUse use = SpeechVerbUse.Quote)
    {
        if (i < 0 || i >= _n || _verb[i] is not { } v || (v.Use & use) == 0) return false;
        if (i > 0 && (In(i - 1, Articles) || IsPossessive(i - 1) || Is(i - 1, "to") && v.Form != VerbForm.Base)) return false;
        if (i + 1 < _n && IsPossessive(i + 1)) return false;
        // A participle after a number or a quantity word modifies the noun after it ("400 pledged delegates", "more
        // guaranteed income"): no verb.
        if (v.Form == VerbForm.Past && i > 0 && !_inQuote[i - 1] && (char.IsDigit(First(i - 1)) || In(i - 1, QuantityWords)) && IsLowerWord(i + 1) && !_inQuote[i + 1] &&
            !In(i + 1, Determiners) && !In(i + 1, ObjectWords) && !In(i + 1, NpStop) && !In(i + 1, NominativePronouns)) return false;
        if (v.Form == VerbForm.Past && NamingParticiple(i, v)) return false;
        // An -ing form is a verb of saying after a comma ("…, saying …") or a form of be ("was saying"), not as a noun
        // or an adjective ("his second-best showing", "mechanically repeating himself").
        if (v.Form == VerbForm.Gerund)
        {
            if (i == 0) return false;
            if (S(i - 1) is "," || In(i - 1, BeForms) || Is(i - 1, "while") || Is(i - 1, "before") || Is(i - 1, "after")) return true;
            // "with the Chosun Ilbo daily saying …": the absolute construction.
            var np = IsWord(i - 1) && !_inQuote[i - 1] ? NounPhraseEndingAt(i - 1, Math.Max(-1, i - 12)) : default;
            if (np.Found && np.Kind != SubjKind.Pronoun && Is(np.Start - 1, "with")) return true;
            // "a clip of Ada Morn saying, “…”", "Morn quietly saying “…”": the person named right before it says it.
            return GerundSpeaker(i) != null || ReducedGerund(i);
        }
        if ((v.Use & SpeechVerbUse.AlsoNoun) != 0 && v.Form is VerbForm.Base or VerbForm.ThirdPerson)
        {
            // "states that …" reports a clause unless "that" opens a relative clause ("in states that have voted", "a
            // record that cannot be excused"): a verb right after it; then the noun needs a subject like any other.
            if (Is(i + 1, "that") && !RelativeAfterThat(i + 2)) return true;
            if (In(i + 1, Modals) || In(i + 1, BeForms)) return false; // "the debate could be decisive"
            if (NounBeforeName(i, v)) return false;
            // A clause starts right after it ("police say they …", "voters say the economy …"); after a verb that is not
            // first a verb of saying, only a pronoun does ("point their fingers" is no clause).
            if (i + 1 < _n && !_inQuote[i + 1] && (Pronouns.Contains(_h[i + 1]) && !Is(i + 1, "it") && !Is(i + 1, "you") || Is(i + 1, "there") ||
                (v.Use & SpeechVerbUse.Saying) != 0 && (In(i + 1, Articles) && !In(i + 1, Possessives) || _nameAt[i + 1] is { Type: NewsEntityType.Person or NewsEntityType.Organization }))) return true;
            int k = i - 1;
            while (k >= 0 && !_inQuote[k] && IsLowerWord(k) && S(k).EndsWith("ly", StringComparison.Ordinal) && S(k).Length > 3) k--; // "repeatedly"
            if (k < 0 || _inQuote[k]) return false;
            if (_nameAt[k] is { Type: NewsEntityType.Person or NewsEntityType.Organization } nk && !In(nk.Start - 1, Determiners)) return true;
            if (Pronouns.Contains(_h[k]) || In(k, Auxiliaries)) return true;
            if (Is(k, "who") || Is(k, "also") || Is(k, "never") || Is(k, "still") || Is(k, "often")) return true;
            // "officials say", "critics say": a plural noun before the base form.
            if (v.Form == VerbForm.Base && IsWord(k) && S(k).Length > 3 && S(k)[^1] == 's' && !In(k, NpStop) && S(k)[^2] is not ('s' or 'u' or 'i')) return true;
            return false;
        }
        return true;
    }

    private static readonly WordSet RankModifiers = new("former", "deputy", "general", "senior", "special", "independent", "acting", "associate", "assistant", "chief", "trial");

    /// <summary>A verb of saying that is also a noun, with a capitalised word after it, modifying what follows ("a former state
    /// Senate leader", "deputy counsel Ada Morn", "32 state party committees", "the Harbour state Senate"): after a word for an
    /// office's rank or a number, or, in its base form, right after a place's name. "Say" is no noun ("6 in 10 say Morn …").</summary>
    private bool NounBeforeName(int i, SpeechVerb v)
    {
        if (v.Lemma == "say" || i == 0 || i + 1 >= _n || _inQuote[i + 1] || _inQuote[i - 1] || !char.IsUpper(First(i + 1))) return false;
        return In(i - 1, RankModifiers) || char.IsDigit(First(i - 1)) ||
               v.Form == VerbForm.Base && _nameAt[i - 1] is { Type: NewsEntityType.Location } place && place.End == i;
    }

    /// <summary>An -ing form of a verb whose usual sense is saying, then a comma or a colon and quoted words, where none of
    /// the places above puts it ("… sent a text to volunteers saying: “…”", "he began by saying, “…”"): a reduced clause
    /// whose subject is the clause's (see FrameOfVerb).</summary>
    private bool ReducedGerund(int i) =>
        i > 0 && i + 2 < _n && !_inQuote[i] && _verb[i] is { Form: VerbForm.Gerund } g && (g.Use & SpeechVerbUse.Saying) != 0 && S(i + 1) is "," or ":" && QuoteOpensAt(i + 2) &&
        !(S(i - 1) is "," || In(i - 1, BeForms) || Is(i - 1, "while") || Is(i - 1, "before") || Is(i - 1, "after")) && IsWord(i - 1) && !_inQuote[i - 1];

    private bool QuoteOpensAt(int t) => t < _n && _inQuote[t] && (t == 0 || !_inQuote[t - 1] || _quoteOf[t - 1] != _quoteOf[t]);

    /// <summary>The person named right before an -ing form of saying (an adverb in -ly between), when quoted words, a colon
    /// or a comma follow it: "a clip of Ada Morn saying, “…”" (a reduced relative clause); else null.</summary>
    private SpeakerName? GerundSpeaker(int i)
    {
        if (i + 1 >= _n || !(_inQuote[i + 1] || S(i + 1) is "," or ":")) return null;
        int k = i - 1;
        if (k > 0 && !_inQuote[k] && IsLowerWord(k) && S(k).Length > 3 && S(k).EndsWith("ly", StringComparison.Ordinal)) k--;
        return k >= 0 && !_inQuote[k] && _nameAt[k] is { Type: NewsEntityType.Person, Weak: false } nm && nm.End == k + 1 && !IsPossessive(nm.End) && !IsPossessive(nm.Start - 1) ? nm : null;
    }

    /// <summary>A verb of saying that is also a noun, followed by a lower-case word that no clause or object starts with: a noun
    /// modifying the next ("the tenant rights program director", "a debate coach").</summary>
    private bool NounBeforeNoun(int i) =>
        _verb[i] is { } v && (v.Use & SpeechVerbUse.AlsoNoun) != 0 && v.Form is VerbForm.Base or VerbForm.ThirdPerson && i + 1 < _n && !_inQuote[i + 1] && IsLowerWord(i + 1) &&
        !In(i + 1, Determiners) && !In(i + 1, ObjectWords) && !In(i + 1, NpStop) && !In(i + 1, NominativePronouns) && !In(i + 1, Prepositions) && _verb[i + 1] == null;

    /// <summary>Does the word after a "that" begin the verb of a relative clause ("… that have", "… that cannot", "… that
    /// practically scuttled") rather than a clause's subject ("… that the talks", "… that voters", "… that if")?</summary>
    private bool RelativeAfterThat(int j)
    {
        if (j >= _n || _inQuote[j] || !IsLowerWord(j)) return false;
        if (In(j, Modals) || In(j, BeForms) || In(j, Auxiliaries) && !Is(j, "to")) return true;
        if (_verb[j] != null) return true;
        var w = S(j);
        // An adverb and a verb ("that practically scuttled"), or a past form ("that stunned").
        if (w.Length > 3 && (w.EndsWith("ly", StringComparison.Ordinal) || w.EndsWith("ed", StringComparison.Ordinal))) return true;
        return false;
    }

    private static readonly WordSet NamingLemmas = new("call", "name", "dub", "title", "term", "label", "nickname", "christen", "entitle");

    /// <summary>"a super PAC called Future 45", "a group of exiles named Ginbot 7": a participle that gives the name of the
    /// indefinite noun phrase before it, not a verb of saying. The phrase starts with "a" or "an" a few words back and a
    /// capitalised word follows.</summary>
    private bool NamingParticiple(int i, SpeechVerb v)
    {
        if (!NamingLemmas.Contains(Hashing.Lower(v.Lemma)) || i + 1 >= _n || _inQuote[i + 1]) return false;
        int next = Is(i + 1, "the") ? i + 2 : i + 1;
        if (next >= _n || _inQuote[next] || !char.IsUpper(First(next))) return false;
        for (int k = i - 1; k >= 0 && k >= i - 7 && !_inQuote[k]; k--)
        {
            if (Is(k, "a") || Is(k, "an")) return true;
            if (!IsWord(k) || Pronouns.Contains(_h[k]) || In(k, Auxiliaries) || In(k, BeForms) || In(k, NpStop) && !Is(k, "of") || _verb[k] != null) return false;
        }
        return false;
    }

    private static readonly WordSet QuantityWords = new("more", "most", "fewer", "less", "own");
    private static readonly WordSet Modals = new("will", "would", "can", "could", "should", "may", "might", "must", "has", "have", "had", "can't", "can’t", "won't", "won’t");
    private static readonly WordSet Auxiliaries = new("to", "will", "would", "can", "could", "should", "may", "might", "must", "did", "does", "do", "didn't", "doesn't", "don't", "not", "n't", "never");

    // ---------------------------------------------------------------- subjects

    private enum SubjKind : byte { None, Name, Pronoun, Description }

    /// <summary>Who a frame's verb has as its subject: a name, a pronoun or a description, as token span [Start, End) with its head.</summary>
    private readonly record struct Subj(SubjKind Kind, int Start, int End, int Head, SpeakerName? Name, SpeakerName? Also = null)
    {
        public bool Found => Kind != SubjKind.None;
    }

    /// <summary>A verb of saying with its subject; who the subject is gets worked out on first use (many frames are only
    /// looked at to be set aside).</summary>
    private sealed class Frame
    {
        public int Verb;
        public string VerbText = "";
        public Subj Subject;
        public bool Inverted;
        public int At;
        public QuoteDocument Doc = null!;
        private bool _resolved;
        private string? _speaker, _description, _note;
        private SpeakerName? _name;

        private void Ensure()
        {
            if (_resolved) return;
            _resolved = true;
            Doc.Resolve(this, At);
        }

        public string? Speaker { get { Ensure(); return _speaker; } set => _speaker = WithoutHeading(value); }
        public string? Description { get { Ensure(); return _description; } set => _description = value; }
        public string? Note { get { Ensure(); return _note; } set => _note = value; }
        public SpeakerName? Name { get { Ensure(); return _name; } set => _name = value; }
    }

    /// <summary>The subject left of a verb: "Trump said", "Hong Min, a senior analyst at …, said", "a spokesperson, in an email, said", "officials said".</summary>
    private Subj SubjectBefore(int v, int limit, out bool passive)
    {
        passive = false;
        int k = v - 1;
        bool be = false;
        int steps = 0;
        while (k > limit && steps < 6 && !_inQuote[k] && (In(k, Skippable) || In(k, TimeWords) || Is(k, "ago") || IsLowerWord(k) && S(k).EndsWith("ly", StringComparison.Ordinal) && S(k).Length > 3))
        {
            if (In(k, BeForms)) be = true;
            // "The board less than two weeks ago said": a span of time before "ago" is an adverb, not the subject.
            if (Is(k, "ago"))
            {
                int j = k - 1;
                if (j <= limit || _inQuote[j] || !In(j, TimeUnits)) break;
                for (j--; j > limit && j > k - 7 && !_inQuote[j] && _nameAt[j] == null && (In(j, DurationWords) || S(j).Length > 0 && char.IsDigit(S(j)[0])); j--) { }
                k = j;
                steps++;
                continue;
            }
            // "In Iowa, Trump said": a preposition is only an adverb's part when what follows it is a time word.
            if (Is(k, "in") || Is(k, "on") || Is(k, "at") || Is(k, "this")) { if (k + 1 < v && (In(k + 1, TimeWords) || k + 1 < _n && _nameAt[k + 1] == null && (_gaz.LookupWord(S(k + 1)) & GazetteerClass.Calendar) != 0)) { k--; steps++; continue; } break; }
            if (_nameAt[k] != null) break;
            k--;
            steps++;
        }
        if (be && _verb[v] is { Form: VerbForm.Past }) { passive = true; return default; } // "was told", "were asked"
        if (k <= limit || _inQuote[k]) return default;
        // "Lisa Madigan (D) asserted": a bracket after the name.
        if (S(k) is ")" && (k = BeforeBracket(k, limit)) < 0) return default;
        // "Gov. Ada Morn (R-OH), said": the comma closes the bracket after the name, no parenthetical.
        if (S(k) is "," && k - 1 > limit && S(k - 1) is ")" && BeforeBracket(k - 1, limit) is var bb && bb >= 0 && _nameAt[bb] is { Type: NewsEntityType.Person } bn && bn.End == bb + 1)
            k = bb;
        // "“…,” Ada Morn — the council's chair — said": an aside between dashes after the name.
        if (S(k) is "—" or "–" or "-" && k - 2 > limit)
        {
            int c = k - 1;
            while (c > limit && c > k - 30 && S(c) is not ("—" or "–" or "-") && !IsTerminal(c) && !_inQuote[c]) c--;
            if (c - 1 > limit && c + 1 < k && S(c).SequenceEqual(S(k)) && _nameAt[c - 1] is { Type: NewsEntityType.Person } dn && dn.End == c)
                return new Subj(SubjKind.Name, dn.Start, dn.End, dn.End - 1, dn);
        }
        // "Ada Morn, D-Ore., said": a party and state tag between commas belongs to the name before it.
        if (S(k) is "," && PartyTagBefore(k, limit) is var tagged && tagged >= 0) k = tagged;
        // "Ada Morn, the club's chair, for example, said": an adverbial set off by commas after an appositive; the appositive
        // is the parenthetical to look past.
        if (S(k) is "," && AdverbialBetweenCommas(k, limit) is var ac && ac > 0 && CommaBefore(ac, limit)) k = ac;
        if (S(k) is ",")
        {
            // A parenthetical between commas: an appositive, a relative clause or an adjunct ("in an email to CNBC").
            int c = k - 1;
            while (c > limit && c > k - 30 && S(c) is not "," && !IsTerminal(c))
            {
                // "Ada Morn, the author of “Harbour Lights,” about the docks, said": a title in quotation marks is part of it.
                if (_inQuote[c] && (c = BeforeQuotedTitle(c)) < 0) { c = limit; break; }
                c--;
            }
            // "Ada Morn, at a meeting in Pellam, Ore., said": a place's state or country after its comma is inside the
            // parenthetical, which goes on to the comma before.
            if (c - 1 > limit && S(c) is "," && _nameAt[c - 1] is { Type: NewsEntityType.Location } && _nameAt[c + 1] is { Type: NewsEntityType.Location } region &&
                region.Start == c + 1 && region.End >= k - 1 && region.End <= k)
                for (c--; c > limit && c > k - 30 && S(c) is not "," && !_inQuote[c] && !IsTerminal(c); c--) { }
            // "Ada Morn, who lives outside the state capital, Salem, said": a place set off after the noun it names is inside a
            // relative clause or an appositive that opens at the comma before.
            if (c - 1 > limit && S(c) is "," && IsLowerWord(c - 1) && !_inQuote[c - 1] && _nameAt[c + 1] is { Type: NewsEntityType.Location } apposed &&
                apposed.Start == c + 1 && apposed.End == k)
            {
                int c2 = c - 1;
                while (c2 > limit && c2 > k - 30 && S(c2) is not "," && !_inQuote[c2] && !IsTerminal(c2)) c2--;
                if (c2 > limit && S(c2) is "," && (Is(c2 + 1, "who") || Is(c2 + 1, "which") || In(c2 + 1, Articles) && !In(c2 + 1, Possessives))) c = c2;
            }
            if (c <= limit || S(c) is not "," || c + 1 >= k) return default;
            int ps = c + 1;
            // A clause between the commas ("…, the race will be tight, said X") is no parenthetical of the subject; a
            // relative clause ("…, which is airing, argues") is.
            if (!(Is(ps, "who") || Is(ps, "which") || Is(ps, "whose")))
                for (int j = ps; j < k; j++)
                {
                    // "…, a party official who is running the count, said": the verbs of a relative clause inside the
                    // appositive are its own.
                    if (j > ps && In(j, RelativeOpeners) && IsWord(j - 1) && !In(j - 1, NpStop)) break;
                    if (In(j, Auxiliaries) && !Is(j, "to") || In(j, BeForms) || IsSpeechVerb(j) && !NounBeforeNoun(j)) return default;
                }
            // "one resident, Kofi Adair, said" / "his wife, longtime aide Huma Abedin, announced": the name that ends the
            // parenthetical speaks.
            if (_nameAt[k - 1] is { } pn && pn.End == k && pn.Type == NewsEntityType.Person && pn.Start >= ps && !AfterPreposition(pn.Start, ps))
            {
                // The phrase it stands beside starts the subject ("the city's transport director, Nils Oberg, said").
                var before = c - 1 > limit ? NounPhraseEndingAt(c - 1, limit) : default;
                return new Subj(SubjKind.Name, before.Found && before.Kind != SubjKind.Pronoun ? before.Start : ps, k, k - 1, pn);
            }
            k = c - 1;
            if (k <= limit || _inQuote[k]) return default;
            // "Ada Morn, meanwhile, who …, said": an adverb set off by commas before the parenthetical.
            if (k - 2 > limit && In(k, CommaAdverbs) && S(k - 1) is "," && !_inQuote[k - 2]) k -= 2;
            // "Ada Morn, 35, the daughter of …, said": an age between commas belongs to the name before it.
            if (k - 2 > limit && char.IsDigit(First(k)) && S(k - 1) is "," && _nameAt[k - 2] is { Type: NewsEntityType.Person } aged && aged.End == k - 1) k -= 2;
            // "Rep. Ada Morn (D-Ore.), chair of the committee, said": the bracket before the parenthetical.
            if (S(k) is ")" && (k = BeforeBracket(k, limit)) < 0) return default;
        }
        // "leading advisers like Gene Sperling to counter that …", "urged Ryan to say": the infinitive's subject is the object before "to".
        if (Is(k, "to") && _verb[v] is { Form: VerbForm.Base } && k - 1 > limit && !_inQuote[k - 1])
        {
            var np = NounPhraseEndingAt(k - 1, limit);
            return np.Kind is SubjKind.Name or SubjKind.Pronoun ? np : default;
        }
        // "Trump cast the blame on his rivals and emphasized …": a second verb has the subject of the clause.
        if ((Is(k, "and") || Is(k, "but")) && k - 1 > limit && !_inQuote[k - 1])
        {
            var cs = ClauseSubject(limit + 1, k);
            if (cs.Found && cs.End <= k) return cs;
            return default;
        }
        // "Norland, which derides …" / "Sanders, who said …": the name before the relative pronoun; "Ada Morn, the club's
        // chair, who added …": the name the appositive describes.
        if ((Is(k, "who") || Is(k, "which")) && k - 2 > limit && S(k - 1) is "," && !_inQuote[k - 2])
        {
            var rel = NounPhraseEndingAt(k - 2, limit);
            if (rel.Kind == SubjKind.Description && rel.Start - 2 > limit && S(rel.Start - 1) is "," && !_inQuote[rel.Start - 2] &&
                _nameAt[rel.Start - 2] is { Type: NewsEntityType.Person, Weak: false } described && described.End == rel.Start - 1)
                return new Subj(SubjKind.Name, described.Start, described.End, described.End - 1, described);
            return rel;
        }
        var subject = NounPhraseEndingAt(k, limit);
        // "Trump at the time said", "Sanders in an interview with CNN said": the phrase is inside an adjunct; the subject
        // is before it.
        var inner = subject;
        for (int hop = 0; hop < 3 && inner.Kind is SubjKind.Description or SubjKind.Name; hop++)
        {
            int p = inner.Start - 1;
            if (p - 1 <= limit || !In(p, Prepositions) || _inQuote[p - 1] || !IsWord(p - 1)) break;
            inner = NounPhraseEndingAt(p - 1, limit);
            // Only a description is looked past ("the time", "an interview with CNN"), and only to a name or pronoun:
            // "Years after Bill Clinton claimed", "eight in 10 voters said", "people in Fort Pierce said" keep their subject.
            if (subject.Kind == SubjKind.Description && inner.Kind is SubjKind.Name or SubjKind.Pronoun) return inner;
        }
        return subject;
    }

    private static readonly WordSet AdverbialHeads = new("for", "in", "of", "at");
    private static readonly WordSet AdverbialTails = new("example", "instance", "fact", "course", "turn", "particular", "least", "part");

    /// <summary>The comma that opens an adverbial set off by commas and closed by the comma at <paramref name="k"/> (", for
    /// example,", ", however,"); else -1.</summary>
    private int AdverbialBetweenCommas(int k, int limit)
    {
        if (k - 2 > limit && In(k - 1, CommaAdverbs) && S(k - 2) is "," && !_inQuote[k - 2]) return k - 2;
        if (k - 3 > limit && In(k - 1, AdverbialTails) && In(k - 2, AdverbialHeads) && S(k - 3) is "," && !_inQuote[k - 3]) return k - 3;
        return -1;
    }

    /// <summary>Is there a comma before token <paramref name="at"/> in its clause (within 30 tokens, no quote or sentence end between)?</summary>
    private bool CommaBefore(int at, int limit)
    {
        for (int c = at - 1; c > limit && c > at - 30; c--)
        {
            if (_inQuote[c] || IsTerminal(c)) return false;
            if (S(c) is ",") return true;
        }
        return false;
    }

    /// <summary>A US party and state tag ("D-Ore", "R-Ky", "I-Vt"): D, R or I, a hyphen and a capital.</summary>
    private bool IsPartyTag(int i) => i >= 0 && i < _n && SpeakerNames.IsPartyTag(S(i));

    /// <summary>For the comma at <paramref name="comma"/> that closes ", D-Ore.," or ", R-Ky,": the token before the comma that
    /// opens the tag, or -1.</summary>
    private int PartyTagBefore(int comma, int limit)
    {
        int t = comma - 1;
        if (t > limit && S(t) is ".") t--;
        return t - 1 > limit && IsPartyTag(t) && !_inQuote[t] && S(t - 1) is "," && t - 2 > limit ? t - 2 : -1;
    }

    /// <summary>The token before the bracketed words that end at <paramref name="close"/> ("(D-Ore.)"), or -1.</summary>
    private int BeforeBracket(int close, int limit)
    {
        int o = close - 1;
        while (o > limit && o > close - 10 && S(o) is not "(" && !_inQuote[o]) o--;
        return o <= limit || S(o) is not "(" || o - 1 <= limit ? -1 : o - 1;
    }

    private static readonly WordSet Prepositions = new("in", "on", "at", "with", "during", "after", "before", "from", "over", "since", "to", "by", "about", "through", "via");

    /// <summary>Is the name at <paramref name="start"/> inside a prepositional phrase ("a senior adviser to Mr. Sanders",
    /// "director of the group Human Rights Campaign") rather than the head of the phrase ("longtime aide Huma Abedin")?</summary>
    private bool AfterPreposition(int start, int low)
    {
        for (int j = start - 1; j >= low; j--)
            if ((In(j, NpStop) || In(j, NpInner)) && !In(j, Determiners)) return true;
        return false;
    }

    /// <summary>The noun phrase that ends at token <paramref name="k"/>: a name (with the role words before it), a pronoun, or a description.</summary>
    private Subj NounPhraseEndingAt(int k, int limit)
    {
        if (Pronouns.Contains(_h[k]) && !(Is(k, "it") && k > 0 && IsWord(k - 1) && !In(k - 1, NpStop))) return new Subj(SubjKind.Pronoun, k, k + 1, k, null);
        if (!IsWord(k) || In(k, NpStop) || In(k, Determiners) || In(k, NpInner) || _verb[k] is { Form: not VerbForm.Base and not VerbForm.ThirdPerson } && _nameAt[k] == null) return default;
        // Extend left over the words of one noun phrase: "Republican presidential candidate Donald Trump", "a spokesperson for
        // Kellan Airport", "Trump's campaign manager".
        int d = k;
        if (_nameAt[k] is { } nk) d = nk.Start;
        while (d - 1 > limit && k - d < 9 && !_inQuote[d - 1])
        {
            int j = d - 1;
            if (In(j, Determiners)) { d = j; break; }
            if (IsPossessive(j) || In(j, NpInner) && d <= k) { d = j; continue; }
            if (!IsWord(j) || In(j, NpStop) || _verb[j] != null && _nameAt[j] == null) break;
            // "… who previously worked for Sen. Ada Morn": the object of a verb in a relative clause, no subject.
            if (IsLowerWord(j) && S(j).EndsWith("ed", StringComparison.Ordinal) && (In(d, Prepositions) || Is(d, "for") || Is(d, "as") || Is(d, "of"))) return default;
            d = _nameAt[j] is { } nj ? nj.Start : j;
        }
        while (d <= k && (IsPossessive(d) || In(d, NpInner))) d++; // never start with "'s" or "of"
        if (d > k) return default;
        // The head: the last word before a preposition inside the phrase ("a spokesperson for X" → spokesperson).
        int head = k;
        for (int j = d; j <= k; j++) if (Is(j, "of") || Is(j, "for") || Is(j, "at")) { head = j - 1; break; }
        if (head < d) return default;
        if (_nameAt[head] is { } hn)
        {
            // "Ada Morn and Tomas Reyne said": both speak.
            if (hn.Type == NewsEntityType.Person && CoordinatedBefore(d, limit, hn) is { } first) return new Subj(SubjKind.Name, first.Start, k + 1, head, hn, first);
            return new Subj(SubjKind.Name, d, k + 1, head, hn);
        }
        if (head == k && IsPossessive(k)) return default;
        return new Subj(SubjKind.Description, d, k + 1, head, null);
    }

    /// <summary>The person named before "and" right before token <paramref name="d"/> ("Ada Morn and | Tomas Reyne"), another
    /// person than <paramref name="second"/>; else null.</summary>
    private SpeakerName? CoordinatedBefore(int d, int limit, SpeakerName second)
    {
        if (d - 2 <= limit || !Is(d - 1, "and") || _inQuote[d - 2]) return null;
        return _nameAt[d - 2] is { Type: NewsEntityType.Person, Weak: false } first && first.End == d - 1 && first.Start > limit && first.Canonical != second.Canonical &&
               !IsPossessive(first.Start - 1) && !In(first.Start - 1, Prepositions) ? first : null;
    }

    /// <summary>The subject right of a verb (inverted order): "said Tomas Reyne", "said the company", "according to South Korea's Joint Chiefs of Staff".</summary>
    private Subj SubjectAfter(int v, int limit)
    {
        int k = v + 1;
        if (k >= limit || _inQuote[k] || !IsWord(k) || In(k, ObjectWords) || In(k, TimeWords) || In(k, NpStop) && !Pronouns.Contains(_h[k])) return default;
        if (Pronouns.Contains(_h[k])) return In(k, ObjectWords) ? default : new Subj(SubjKind.Pronoun, k, k + 1, k, null);
        int e = k;
        while (e < limit && e < k + 10 && !_inQuote[e] && (IsWord(e) && (!In(e, NpStop) || e > k && In(e, NpInner)) || IsPossessive(e) || In(e, NpInner)))
        {
            if (_nameAt[e] is { } ne) { e = Math.Max(e + 1, ne.End); continue; }
            if (e > k && IsSpeechVerb(e) && !Is(e - 1, "of")) break; // "secretary of state": after "of", a noun
            e++;
        }
        if (e <= k) return default;
        while (e - 1 > k && (In(e - 1, NpInner) || Is(e - 1, "and"))) e--;
        // "said former secretary of state Halvar Dunne": a description in apposition to the person named at its end (a noun
        // right before the name, not "of", "for" or "at": "a friend of Ada Morn" is not Ada Morn).
        if (_nameAt[e - 1] is { Type: NewsEntityType.Person, Weak: false } last && last.End == e && last.Start - 1 > k && IsLowerWord(last.Start - 1) &&
            !Is(last.Start - 1, "of") && !Is(last.Start - 1, "for") && !Is(last.Start - 1, "at") && !Is(last.Start - 1, "and") && !Is(last.Start - 1, "to") && !Is(last.Start - 1, "with"))
            return new Subj(SubjKind.Name, k, e, e - 1, last);
        int head = e - 1;
        for (int j = k; j < e; j++) if (Is(j, "of") || Is(j, "for") || Is(j, "at")) { head = j - 1; break; }
        if (head < k) return default;
        // "said the union's general secretary, Paulo Renn": the name after the description's comma.
        if (_nameAt[head] == null && e + 1 < limit && S(e) is "," && _nameAt[e + 1] is { Type: NewsEntityType.Person } pn && pn.Start == e + 1)
            return new Subj(SubjKind.Name, k, pn.End, pn.End - 1, pn);
        if (_nameAt[head] is { } hn) return new Subj(SubjKind.Name, k, e, head, hn);
        // "said a person close to the Morns", "a longtime adviser to Ada Morn", "a source familiar with the talks": the
        // description goes on through the phrase its last word takes.
        if (e + 1 < limit && e - 1 >= k && In(e - 1, RelationalWords) && (Is(e, "to") || Is(e, "with") || Is(e, "in")) && !_inQuote[e + 1])
        {
            int x = e + 1;
            while (x < limit && x < e + 9 && !_inQuote[x] && (IsWord(x) && (!In(x, NpStop) || In(x, NpInner) || In(x, Articles)) || IsPossessive(x)) &&
                   !(IsSpeechVerb(x) && !In(x - 1, Articles) && !IsLowerWord(x - 1)))
                x = _nameAt[x] is { } nx ? Math.Max(x + 1, nx.End) : x + 1;
            if (x > e + 1) e = x;
        }
        return new Subj(SubjKind.Description, k, e, head, null);
    }

    private static readonly WordSet RelationalWords = new("close", "closer", "familiar", "adviser", "advisers", "advisor", "advisors", "aide", "aides",
        "involved", "loyal", "allied", "connected", "confidant", "ally", "allies", "friend", "friends", "briefed", "knowledgeable");

    /// <summary>Past an opening adjunct that starts at <paramref name="k"/> ("On Monday, …", "In a statement, …"): the word after
    /// its comma, within 14 words and outside quotes (24 after a preposition or a conjunction: "When told the mayor was in
    /// the running for a bigger job in a new cabinet, Ada Morn …"); else <paramref name="k"/> itself. A noun phrase with
    /// an article ("The committee released a statement on Monday, …") is the clause's subject more often than an adjunct.</summary>
    private int AfterAdjunct(int k, int to)
    {
        int c = k, cap = In(k, Articles) ? 14 : 24;
        while (c < to && c < k + cap && S(c) is not "," && !_inQuote[c]) c++;
        return c < to && S(c) is "," ? c + 1 : k;
    }

    /// <summary>The subject a sentence opens with (for "…, saying …" and quotes with no verb of their own).</summary>
    private Subj ClauseSubject(int from, int to)
    {
        // "WASHINGTON, Aug. 9 (UPI) — Ada Morn …": a dateline opening the story is no subject.
        int k = IsAllCaps(from) ? SkipDateline(from, to) : from;
        // "But a few days later, Ada Morn …": a conjunction opening the sentence comes before its adjunct.
        if (k + 1 < to && In(k, OpeningConjunctions) && !_inQuote[k + 1]) k++;
        // Skip opening adjuncts up to their commas ("On Monday, …", "In a statement, …", "On Tuesday, after a week of talks,
        // …", "Back at the depot, …"); a time word with no comma goes too ("And then Morn read …", "Last week Morn said …").
        for (int hop = 0; hop < 3 && k < to; hop++)
        {
            if (!(In(k, AdjunctStarts) || In(k, TimeWords) || (Is(k, "here") || Is(k, "there") || Is(k, "back")) && In(k + 1, Prepositions) ||
                IsWord(k) && (S(k).EndsWith("ed", StringComparison.OrdinalIgnoreCase) || S(k).EndsWith("ing", StringComparison.OrdinalIgnoreCase)) && _lex.TryGetVerb(S(k), out _))) break;
            // After the first adjunct only another adjunct's preposition or time word opens one: an article or a relative
            // pronoun there starts an appositive or a clause of the subject's ("Ada Morn, the chief of …, which …").
            if (hop > 0 && (In(k, Articles) || In(k, RelativeWords))) break;
            int after = AfterAdjunct(k, to);
            if (after == k)
            {
                if (hop == 0) while (k < to && In(k, TimeWords) && !_inQuote[k] && _nameAt[k] == null) k++;
                break;
            }
            k = after;
        }
        for (int j = k; j < to && j < k + 10 && !_inQuote[j]; j++)
        {
            if (Pronouns.Contains(_h[j]) && !In(j, ObjectWords)) return new Subj(SubjKind.Pronoun, j, j + 1, j, null);
            if (_nameAt[j] is { } nm)
            {
                // A name followed by a comma may be an adjunct's ("Speaking in Salem, New Hampshire, Trump …") unless the
                // comma opens its appositive ("Her colleague, Emil Sand, was …").
                if (nm.End < to && S(nm.End) is "," && !(nm.Start > k && S(nm.Start - 1) is ",") && HasSubjectAhead(nm.End + 1, to)) { j = nm.End; continue; }
                // A name that modifies the noun after it ("Democratic presidential candidate Ada Morn", "The Norland
                // presidential candidate"): the person named at the end of the phrase, or the phrase's head.
                if (!IsPossessive(nm.End) && ModifierRun(nm.End, to) is var run && run > nm.End)
                {
                    if (run < to && _nameAt[run] is { Type: NewsEntityType.Person, Weak: false } named && named.Start == run && !IsPossessive(named.End))
                        return new Subj(SubjKind.Name, j, named.End, named.End - 1, named);
                    if (nm.Weak || j > k && In(j - 1, Articles))
                        return new Subj(SubjKind.Description, j > k && In(j - 1, Articles) ? j - 1 : j, run, run - 1, null);
                }
                // The name and what belongs to it ("Trump's campaign manager Corey Lewandowski" → the last name).
                if (!IsPossessive(nm.End)) return new Subj(SubjKind.Name, j, nm.End, nm.End - 1, nm);
                int e = nm.End + 1;
                while (e < to && e < nm.End + 6 && IsWord(e) && !In(e, NpStop) && _verb[e] == null && !_inQuote[e]) { e = _nameAt[e] is { } ne ? ne.End : e + 1; }
                if (e - 1 > nm.End && _nameAt[e - 1] is { Type: NewsEntityType.Person } last) return new Subj(SubjKind.Name, j, e, e - 1, last);
                if (e - 1 > nm.End) return new Subj(SubjKind.Description, j, e, e - 1, null);
                return new Subj(SubjKind.Name, j, nm.End, nm.End - 1, nm);
            }
            if (_verb[j] != null || In(j, NpStop) && !In(j, Determiners)) break;
        }
        return default;
    }

    /// <summary>For a token inside quotation marks whose span is a title ("Harbour Lights,"): the span's first token (its
    /// opening mark); -1 for any other quote.</summary>
    private int BeforeQuotedTitle(int t)
    {
        var sp = _spans[_quoteOf[t]];
        int first = SpeakerNames.FirstTokenAt(_tok, sp.Start);
        if (sp.End - sp.Start > 80 || first <= 0 || !IsWord(first - 1)) return -1;
        string inner = _text.Substring(sp.Start + 1, sp.End - sp.Start - 2).Trim().TrimEnd(',', '.');
        return IsTitle(inner) ? first : -1;
    }

    private static readonly WordSet CommaAdverbs = new("meanwhile", "however", "too", "though", "instead", "also", "then", "now", "moreover", "likewise", "nonetheless", "nevertheless");
    private static readonly WordSet RelativeOpeners = new("who", "which", "that", "whose");
    private static readonly WordSet PhrasalParticles = new("out", "up", "off", "down", "back", "away");
    private static readonly WordSet RelativeWords = new("who", "which", "whose", "where", "whom");
    private static readonly WordSet OpeningConjunctions = new("but", "and", "yet", "so");

    /// <summary>The end of the lower-case nouns after a name that modifies them ("presidential candidate" in "GOP presidential
    /// candidate"): words that are no verb of saying, no clause word and do not look like a verb or an adverb (-ed, -ing, -ly,
    /// -s), at most four.</summary>
    private int ModifierRun(int from, int to)
    {
        int e = from;
        while (e < to && e < from + 4 && IsLowerWord(e) && !_inQuote[e] && !In(e, NpStop) && !In(e, Determiners) && !In(e, NpInner) && _verb[e] == null)
        {
            var w = S(e);
            if (w.EndsWith("ed", StringComparison.Ordinal) || w.EndsWith("ing", StringComparison.Ordinal) || w.EndsWith("ly", StringComparison.Ordinal) || w[^1] == 's') break;
            e++;
        }
        // An article right after the run: its last word is a verb with its object ("candidate sent out an email", "aide
        // gave the order"), not a noun; a particle goes with the verb.
        if (e - from >= 2 && e < to && In(e, Articles) && !In(e, Possessives))
        {
            e--;
            if (e - from >= 2 && In(e, PhrasalParticles)) e--;
        }
        // The run stopped at its cap on a particle with an article after it ("dairy board chairman sent | out a leaflet"):
        // its last word is the verb.
        else if (e - from >= 2 && e + 1 < to && In(e, PhrasalParticles) && In(e + 1, Articles) && !In(e + 1, Possessives))
            e--;
        return e;
    }

    /// <summary>Is there a name or pronoun followed by a lower-case word (a subject and its verb) in [from, to)?</summary>
    private bool HasSubjectAhead(int from, int to)
    {
        if (Is(from, "who") || Is(from, "which")) return false;
        for (int j = from; j < to && j < from + 12 && !_inQuote[j] && S(j) is not ","; j++)
        {
            int after = _nameAt[j] is { } nm ? nm.End : Pronouns.Contains(_h[j]) ? j + 1 : -1;
            if (after > 0 && after < to && IsLowerWord(after) && !In(after, Prepositions)) return true;
            if (after > 0) j = after - 1;
        }
        return false;
    }

    // ---------------------------------------------------------------- resolution

    private static readonly WordSet OrgHeads = new(
        "campaign", "company", "ministry", "department", "government", "administration", "agency", "committee", "council", "party",
        "union", "office", "board", "group", "firm", "court", "authority", "commission", "embassy", "military", "army", "police",
        "regime", "organization", "organisation", "bank", "university", "network", "newspaper", "paper", "channel", "station",
        "team", "club", "league", "association", "foundation", "institute", "center", "centre", "airline", "operator", "corporation",
        "service", "white", "house", "senate", "congress", "parliament", "cabinet", "court", "bureau", "fund", "coalition",
        "alliance", "federation", "network", "outlet", "site", "website", "magazine", "journal", "publication", "statement", "report");

    /// <summary>Names a frame's subject: a name as itself, a pronoun as the nearest compatible person or organisation, a
    /// description as the nearest named entity it describes, or as written.</summary>
    private void Resolve(Frame f, int at)
    {
        var s = f.Subject;
        switch (s.Kind)
        {
            case SubjKind.Name:
            {
                var nm = s.Name!;
                f.Name = nm;
                f.Speaker = nm.Canonical;
                if (s.Also != null)
                {
                    // Two people speak together ("Ada Morn and Tomas Reyne said").
                    f.Speaker = s.Also.Canonical + " and " + nm.Canonical;
                    break;
                }
                // A description written with the name ("Trump's campaign manager Corey Lewandowski", ", a senior analyst at …").
                if (s.Start < nm.Start) f.Description = Join(s.Start, nm.Start).TrimEnd(',', ' ');
                else if (s.Head != s.End - 1 || s.End > nm.End) f.Description = Join(s.Start, s.End);
                else f.Description = nm.Description ?? nm.Title;
                // "a spokesperson for Kellan Airport": speaks for the organisation; "the wife of X": a description, not X.
                if (s.Head < nm.Start && !Spokes.Contains(_h[s.Head]))
                {
                    f.Name = null;
                    f.Speaker = Join(s.Start, s.End);
                    f.Description = null;
                }
                break;
            }
            case SubjKind.Pronoun:
            {
                string p = Str(s.Head).ToLowerInvariant() switch { "his" => "he", "her" => "she", "their" => "they", var w => w };
                f.Description = p;
                var nm = ResolvePronoun(p, s.Start);
                if (nm != null) { f.Name = nm; f.Speaker = nm.Canonical; f.Note = $"'{p}' resolved to the nearest {(nm.Type == NewsEntityType.Person ? "person" : "organisation")} it can refer to"; }
                else f.Note = p is "i" or "we" or "you" ? $"'{p}': the writer, or someone the text does not name" : $"'{p}' has no named antecedent nearby";
                break;
            }
            case SubjKind.Description:
            {
                string desc = Join(s.Start, s.End);
                f.Description = desc;
                // "a spokesperson for Kellan Airport": speaks for the organisation or person named after it.
                if (Spokes.Contains(_h[s.Head]))
                    for (int j = s.Head + 1; j < s.End; j++)
                        if (_nameAt[j] is { } owner && !owner.Weak)
                        {
                            f.Name = owner;
                            f.Speaker = owner.Canonical;
                            return;
                        }
                var nm = ResolveDescription(s, at);
                if (nm != null) { f.Name = nm; f.Speaker = nm.Canonical; f.Note = $"'{desc}' resolved to the nearest {(nm.Type == NewsEntityType.Person ? "person" : "organisation")} it describes"; }
                else { f.Speaker = desc; f.Description = null; }
                break;
            }
        }
    }

    /// <summary>He, she: the nearest person of that gender, preferring the subject (first-named person) of the nearest
    /// sentence that names one; it: the nearest organisation; they: the nearest organisation or none. Names inside quotes
    /// are never antecedents.</summary>
    private SpeakerName? ResolvePronoun(string p, int at)
    {
        if (p is "i" or "we" or "you") return null;
        bool person = p is "he" or "she";
        char gender = p == "he" ? 'M' : p == "she" ? 'F' : '\0';
        int s = at < _n ? _sentOf[at] : _sentences.Count - 1;
        int startPara = at < _n ? _para[at] : 0;
        SpeakerName? fallback = null;
        bool anyChained = false;
        for (int back = 0; s >= 0 && back < 12; s--, back++)
        {
            var sr = _sentences[s];
            if (sr.FirstToken < _n && startPara - _para[sr.FirstToken] > 3) break;
            int end = Math.Min(sr.EndToken, at);
            SpeakerName? first = null, firstKnown = null, subject = null;
            bool chained = false;
            for (int k = sr.FirstToken; k < end; k++)
            {
                // A sentence whose first compatible mention is the same pronoun ("She hinted that Varga … Osk
                // …") is about the pronoun's own referent: its other names are not it; look further back.
                if (first == null && person && !_inQuote[k] && _h[k] == _h[at] && k != at && !(k > sr.FirstToken && In(k - 1, Prepositions)))
                {
                    // Unless the sentence ends with another person's frame ("…, which he has opposed for years, Ada Morn said."):
                    // the one who spoke last is who a "he said" after it stands for.
                    if (back > 0 && ClosingSpeaker(s, k, gender) is { } closing) return closing;
                    chained = true;
                    break;
                }
                if (_nameAt[k] is not { } nm || nm.Start != k || nm.Weak) continue;
                // A gender known only from the given name's usual one ("Kelly", "Jordan") does not rule out the subject of that
                // sentence who was just quoted in it ("Morn said, “…” ¶ “…,” he added").
                if (person && gender != '\0' && nm.Gender != '\0' && nm.Gender != gender && nm.GenderFromGivenName && nm.Type == NewsEntityType.Person && CanBePerson(nm) && SubjectLike(nm, sr) && QuotedIn(s, nm))
                    return nm;
                if (person ? nm.Type != NewsEntityType.Person || (gender != '\0' && nm.Gender != '\0' && nm.Gender != gender) || !CanBePerson(nm)
                           : nm.Type != NewsEntityType.Organization) continue;
                if (k + 1 < _n && nm.End < _n && IsPossessive(nm.End) && person && _nameAt[Math.Min(_n - 1, nm.End + 1)] is { Type: NewsEntityType.Person }) continue;
                if (person && ModifiesNoun(nm, sr.EndToken)) continue;
                // In the pronoun's own sentence, a name in an adjunct before it ("At a forum with Kestrel Radio, he said",
                // "On Ada Morn's show, she said") is not what the pronoun stands for.
                if (back == 0 && (In(k - 1, Prepositions) || IsPossessive(nm.End) && In(k - 1, Prepositions))) continue;
                first ??= nm;
                if (person && gender != '\0' && nm.Gender == gender) firstKnown ??= nm;
                if (person && back > 0 && subject == null && SubjectLike(nm, sr)) subject = nm;
                // The one who speaks in that sentence ("…, said Katie Harbath") before the first one named.
                if (SpeaksIn(s, nm, end)) return nm;
            }
            if ((firstKnown ?? first) is { } cand) return person ? Salient(cand, subject, sr, back, gender, at, startPara) : cand;
            anyChained |= chained;
            if (chained && fallback == null)
                for (int k = sr.FirstToken; k < end && fallback == null; k++)
                    if (_nameAt[k] is { Weak: false } nm && nm.Start == k && nm.Type == NewsEntityType.Person && (gender == '\0' || nm.Gender == '\0' || nm.Gender == gender) && CanBePerson(nm)) fallback = nm;
        }
        // Only sentences about the pronoun's referent ("She hinted that Varga …") were met: the person who spoke
        // last in the same or the three paragraphs before, when that person can be the pronoun ("“…,” she added" a few
        // sentences up), else the first compatible name of such a sentence.
        if (person && anyChained && LastSpeaker(at, startPara, 3, gender) is { } last) return last;
        return fallback; // only a sentence about the pronoun's referent named anyone: its first compatible name // only a sentence about the pronoun's referent named anyone: its first compatible name
    }

    /// <summary>Is this person the speaker of a quote found so far in sentence <paramref name="s"/>?</summary>
    private bool QuotedIn(int s, SpeakerName nm)
    {
        if (_spoke == null) return false;
        for (int i = _spoke.Count - 1; i >= 0; i--)
        {
            var (t, who) = _spoke[i];
            if (_sentOf[t] < s) break;
            if (_sentOf[t] == s && who.Canonical == nm.Canonical) return true;
        }
        return false;
    }

    /// <summary>The speakers of the quotes found so far, in order (their first token and name): the people a reader keeps
    /// in mind as the story's current voices.</summary>
    private List<(int Token, SpeakerName Name)>? _spoke;

    /// <summary>
    /// The nearest sentence's candidate for a he/she, unless it is only mentioned there (after a preposition or a verb, as
    /// a possessor, in a clause opened by "when" or "asked"), not its subject: then the person who spoke last (the
    /// speaker of the latest quote, in this paragraph or the two before) when that person can be the pronoun, as a reader
    /// takes "“…,” he said" after "Ada Morn said. ¶ Reyne's plan worried farmers in Lisbon." for Morn's words.
    /// </summary>
    private SpeakerName Salient(SpeakerName cand, SpeakerName? subject, SentenceRange sr, int back, char gender, int at, int startPara)
    {
        if (back == 0 ? !OpensWithParticiple(sr) : SubjectLike(cand, sr) || PronounAfter(cand, sr, at)) return cand;
        if (subject != null) return subject;
        return LastSpeaker(at, startPara, 2, gender) ?? cand;
    }

    /// <summary>
    /// The speaker of the latest quote found before token <paramref name="at"/>, in paragraph <paramref name="startPara"/>
    /// or the <paramref name="paragraphsBack"/> before it, who can be a pronoun of <paramref name="gender"/> ('\0': any).
    /// </summary>
    private SpeakerName? LastSpeaker(int at, int startPara, int paragraphsBack, char gender)
    {
        if (_spoke == null) return null;
        for (int i = _spoke.Count - 1; i >= 0; i--)
        {
            var (t, nm) = _spoke[i];
            if (t >= at) continue;
            if (startPara - _para[t] > paragraphsBack) break;
            if (gender != '\0' && nm.Gender != '\0' && nm.Gender != gender) continue;
            return nm;
        }
        return null;
    }

    /// <summary>Does the name stand as its clause's subject: nothing before it since the sentence's start or its last comma
    /// but its title and description words ("Former Gov. Ada Morn", "On Monday, the party's chairman Tomas Reyne", "As
    /// for Morn,", "Then there's Morn."), and not a possessor inside the clause ("the dispute over Morn's plan")?</summary>
    private bool SubjectLike(SpeakerName nm, SentenceRange sr)
    {
        int from = sr.FirstToken;
        for (int t = nm.Start - 1; t > sr.FirstToken; t--)
        {
            if (S(t) is "," && !_inQuote[t])
            {
                if (_nameAt[t - 1] != null) return false; // in an appositive: "Ada Morn, a member of the Tern Party,"
                from = t + 1;
                break;
            }
            // "After a host mocked the film “Harbour Lights,” the paper's critic Ada Morn …": the comma the writer's clause
            // ends with stands inside the closing mark, as American style puts it.
            if (CommaClosingQuote(t)) { from = t + 1; break; }
        }
        if (nm.Start - from > 8) return false;
        if (IsPossessive(nm.End) && nm.Start > from) return false;
        for (int t = from; t < nm.Start; t++)
        {
            if (_inQuote[t]) return false;
            if (!IsWord(t) || In(t, ClauseLeads) || Is(t, "as") && Is(t + 1, "for")) continue;
            if (In(t, Prepositions) || In(t, Subordinators) || In(t, NpStop) && !Is(t, "of") && !Is(t, "for")) return false;
            // A verb before the name makes it an object ("asked Ada Morn"); not "state" before a title ("state Sen. Ada Morn").
            if (_verb[t] != null && !(t + 1 < _n && (_gaz.LookupWord(S(t + 1)) & GazetteerClass.Title) != 0)) return false;
            if (t == sr.FirstToken && OpensWithParticiple(sr)) return false;
        }
        return true;
    }

    /// <summary>Is token <paramref name="t"/> the closing mark of a quote whose last word is a comma ("…,”)?</summary>
    private bool CommaClosingQuote(int t) =>
        t > 0 && _inQuote[t] && _inQuote[t - 1] && S(t - 1) is "," && _quoteOf[t - 1] == _quoteOf[t] && _tok[t].End == _spans[_quoteOf[t]].End;

    /// <summary>Does the same pronoun open the main clause later in the candidate's sentence ("When the host asked Ada Morn
    /// about it, she laughed")? Then that sentence already reads the candidate as the pronoun; not when the candidate is
    /// in a prepositional phrase or the sentence opens with a participle ("Asked about Morn, she …": she is someone else).</summary>
    private bool PronounAfter(SpeakerName cand, SentenceRange sr, int at)
    {
        if (OpensWithParticiple(sr) || In(cand.Start - 1, Prepositions)) return false;
        for (int t = cand.End + 1; t < sr.EndToken && t < at; t++) if (!_inQuote[t] && _h[t] == _h[at] && S(t - 1) is ",") return true;
        return false;
    }

    private static readonly WordSet ClauseLeads = new("and", "but", "then", "so", "yet", "there", "even", "also", "now", "still", "meanwhile", "however", "only");

    /// <summary>Does the sentence open with a participle ("Asked about …", "Speaking to …"), whose subject is the main clause's?</summary>
    private bool OpensWithParticiple(SentenceRange sr)
    {
        var w = S(sr.FirstToken);
        return IsWord(sr.FirstToken) && w.Length > 4 && (w.EndsWith("ed", StringComparison.Ordinal) || w.EndsWith("ing", StringComparison.Ordinal));
    }

    /// <summary>Is this name a modifier of the noun after it rather than a person talked about ("Trump spokesman Hope Hicks",
    /// "the Afro-Colombian journalist", "the Clinton campaign")? Only when an article stands before it, a person is named
    /// after the noun, or the noun is a title or an organisation's.</summary>
    private bool ModifiesNoun(SpeakerName nm, int to)
    {
        if (IsPossessive(nm.End)) return false;
        int run = ModifierRun(nm.End, to);
        if (run <= nm.End) return false;
        if (nm.Start > 0 && In(nm.Start - 1, Articles)) return true;
        if (run < to && _nameAt[run] is { Type: NewsEntityType.Person } after && after.Start == run) return true;
        int head = run - 1;
        return OrgHeads.Contains(_h[head]) || Spokes.Contains(_h[head]) || (_gaz.LookupWord(S(head)) & GazetteerClass.Title) != 0;
    }

    private static readonly WordSet PlacePrepositions = new("in", "at", "near", "across", "into", "around", "throughout", "outside", "inside");

    /// <summary>Can a person pronoun stand for this name? Not when it is written as a place ("in New Hampshire", "at Madison
    /// Square Garden"), as bare initials ("D.C.", "N.H.") or capitals ("CNN"), or is one plural word no dictionary gives as
    /// a name ("Democrats", "Millennials").</summary>
    private bool CanBePerson(SpeakerName nm)
    {
        if (nm.Start > 0 && In(nm.Start - 1, PlacePrepositions)) return false;
        bool lower = false, dot = false;
        foreach (char c in nm.Text) { if (char.IsLower(c)) { lower = true; break; } if (c == '.') dot = true; }
        if (!lower) return !dot && InCapitals;
        var canon = nm.Canonical.AsSpan();
        if (canon.IndexOf(' ') < 0)
        {
            // One word for the whole entity: an acronym ("CNN", "PAC") or a group's plural ("Democrats", "Millennials")
            // is no he or she; a surname ("Sanders", "Jones") is.
            bool anyLower = false;
            foreach (char c in canon) if (char.IsLower(c)) { anyLower = true; break; }
            if (!anyLower) return InCapitals;
            if (canon.Length > 3 && canon[^1] == 's' && canon[^2] != 's' &&
                (_gaz.LookupWord(canon) & (GazetteerClass.NamePart | GazetteerClass.GivenName | GazetteerClass.WnPerson)) == 0) return false;
        }
        return true;
    }

    /// <summary>Is this entity the subject of a verb of saying in sentence <paramref name="s"/> (before token <paramref name="end"/>)?</summary>
    private bool SpeaksIn(int s, SpeakerName? nm, int end)
    {
        _speakersOf ??= new List<SpeakerName>?[_sentences.Count];
        var list = _speakersOf[s];
        if (list == null)
        {
            // Worked out once per sentence: the named subjects of its verbs of saying.
            list = _speakersOf[s] = new List<SpeakerName>();
            var sr = _sentences[s];
            for (int v = sr.FirstToken; v < sr.EndToken; v++)
            {
                if (_inQuote[v] || !IsSpeechVerb(v)) continue;
                var sb = SubjectBefore(v, sr.FirstToken - 1, out bool passive);
                // "…,” said Ada Morn: the subject after the verb; not the person told ("telling Kestrel TV …") or the object of
                // an -ing form.
                if (!sb.Found && !passive && _verb[v] is { Form: not VerbForm.Gerund } vv && vv.Lemma != "tell" && (v == sr.FirstToken || S(v - 1) is "," || _inQuote[v - 1]))
                    sb = SubjectAfter(v, sr.EndToken);
                if (sb.Kind == SubjKind.Name) list.Add(sb.Name!);
            }
        }
        if (nm == null) return false;
        foreach (var sp in list) if (sp.Canonical == nm.Canonical && sp.Start < end) return true;
        return false;
    }

    private List<SpeakerName>?[]? _speakersOf;

    /// <summary>A person of a compatible gender who speaks in sentence <paramref name="s"/> after token <paramref name="after"/>,
    /// named after a comma (the frame that closes it: "…, Ada Morn said."); else null.</summary>
    private SpeakerName? ClosingSpeaker(int s, int after, char gender)
    {
        SpeaksIn(s, null, 0); // works out the sentence's speakers
        foreach (var sp in _speakersOf![s]!)
        {
            if (sp.Start <= after || sp.Type != NewsEntityType.Person || gender != '\0' && sp.Gender != '\0' && sp.Gender != gender || !CanBePerson(sp)) continue;
            // After its comma, with at most a few title words between ("…, analyst Ada Morn said").
            for (int t = sp.Start - 1; t > after && t >= sp.Start - 4 && !_inQuote[t]; t--)
            {
                if (S(t) is ",") return sp;
                if (!IsWord(t) || In(t, NpStop)) break;
            }
        }
        return null;
    }

    /// <summary>"the analyst" → the nearest person described as an analyst; "the ministry" → the nearest organisation
    /// with "Ministry" in its name. Only a definite description ("the …") stands for an entity named before.</summary>
    private SpeakerName? ResolveDescription(Subj s, int at)
    {
        if (!Is(s.Start, "the") || s.Head - s.Start > 2) return null;
        var head = S(s.Head);
        string h = head.ToString();
        bool org = OrgHeads.Contains(_h[s.Head]) || (_gaz.LookupWord(head) & GazetteerClass.OrgWord) != 0;
        int startPara = _para[Math.Min(at, _n - 1)];
        for (int k = Math.Min(at, s.Start) - 1, seen = 0; k >= 0 && seen < 800; k--, seen++)
        {
            if (_nameAt[k] is not { } nm || nm.Start != k || nm.Weak) continue;
            if (startPara - _para[k] > 6) break;
            if (org && nm.Type == NewsEntityType.Organization && nm.Text.Contains(h, StringComparison.OrdinalIgnoreCase)) return nm;
            if (!org && nm.Type == NewsEntityType.Person && nm.Describes(h)) return nm;
        }
        return null;
    }
}
