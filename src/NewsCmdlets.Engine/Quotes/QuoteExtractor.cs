using System.Text;
using NewsCmdlets.Engine.Entities;
using NewsCmdlets.Engine.Model;
using NewsCmdlets.Engine.Text;

namespace NewsCmdlets.Engine.Quotes;

/// <summary>The quotes and attributions of one article.</summary>
public sealed class ArticleQuotes
{
    public IReadOnlyList<NewsQuote> Quotes { get; init; } = Array.Empty<NewsQuote>();
    public IReadOnlyList<NewsAttribution> Attributions { get; init; } = Array.Empty<NewsAttribution>();
}

/// <summary>
/// Finds quotes (curly or straight marks, nested, over several sentences and paragraphs, partial) and attributions in an
/// article's Body, and names their speakers: speech verbs before or after the quote, pronouns and descriptions ("he",
/// "the analyst", "the military") resolved to the nearest compatible named speaker. Speaker names are merged with
/// <see cref="EntityMerger"/>, and when the article's entities (from <see cref="EntityExtractor"/>) are given, their
/// people and organisations and canonical names are used, so the names match Get-NewsEntity. Without them, a fast
/// rule-based name finder (capitalised words, gazetteer of titles and organisation words) stands in. One linear scan
/// for marks, token windows of bounded size for frames; no regular expressions. One instance per thread.
/// </summary>
public sealed class QuoteExtractor
{
    private readonly Gazetteer _gaz;
    public QuoteExtractor() : this(Gazetteer.Shared) { }
    public QuoteExtractor(Gazetteer gazetteer) { _gaz = gazetteer; }

    /// <summary>Longest quote in characters; an unclosed mark never swallows more.</summary>
    public const int MaxQuoteLength = 4000;
    private const int Window = 24; // tokens searched around a quote for its frame

    private static readonly HashSet<string> SpeechVerbs = new(StringComparer.OrdinalIgnoreCase)
    {
        "said", "says", "say", "told", "tells", "added", "adds", "wrote", "writes", "stated", "asked", "explained",
        "noted", "insisted", "warned", "saying", "tweeted", "posted", "replied", "argued", "claimed", "announced", "declared",
        "continued", "recalled", "admitted", "urged", "conceded", "acknowledged", "remarked", "answered", "responded",
        "promised", "derides", "derided", "calls", "called", "describes", "described", "dubbed", "branded", "vowed", "stressed", "emphasised", "emphasized", "predicted", "quipped",
    };

    private static readonly HashSet<string> Pronouns = new(StringComparer.OrdinalIgnoreCase) { "he", "she", "they", "it", "i", "we" };

    private static readonly HashSet<string> OrgNouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "military", "ministry", "company", "union", "council", "agency", "operator", "government", "department", "police",
        "army", "office", "board", "committee", "group", "party", "firm", "guild", "court", "authority", "embassy", "commission",
        "regime", "administration", "spokesman", "spokeswoman", "spokesperson", "statement",
    };

    private static readonly HashSet<string> LeadStop = new(StringComparer.Ordinal)
    {
        "The", "A", "An", "He", "She", "It", "They", "We", "I", "But", "And", "In", "On", "At", "As", "If", "When", "While",
        "After", "Before", "Asked", "Her", "His", "Their", "Its", "This", "That", "These", "Those", "There", "Last", "Most",
        "Some", "Despite", "Unlike", "Since", "For", "With", "By", "From", "Meanwhile", "However", "Our", "My", "Every", "Nobody",
        "According", "FILE", "Mr", "Mrs", "Ms", "Dr",
    };

    private static readonly HashSet<string> Connectors = new(StringComparer.Ordinal) { "of", "for", "and", "de", "&", "-" };

    private sealed class Name
    {
        public int Start, End; // tokens
        public int CharStart;
        public NewsEntityType Type;
        public string Text = "";
        public string Canonical = "";
        public string? Description;
    }

    private readonly record struct Frame(int Verb, string VerbText, Name? Speaker, string? Description, int SourceStart, int SourceEnd);

    public ArticleQuotes Extract(NewsArticle article, ArticleEntities? entities = null, CancellationToken cancel = default) =>
        ExtractText(article.Body ?? "", article.Id, article.Outlet ?? article.Agency, entities, cancel);

    public ArticleQuotes ExtractText(string text, string? articleId = null, string? outlet = null, ArticleEntities? entities = null, CancellationToken cancel = default)
    {
        if (string.IsNullOrWhiteSpace(text)) return new ArticleQuotes();
        var tokens = Tokenizer.Tokenize(text);
        var sentences = SentenceSplitter.Split(text, tokens);
        var sentenceOf = new int[tokens.Count];
        for (int s = 0; s < sentences.Count; s++)
            for (int i = sentences[s].FirstToken; i < sentences[s].EndToken; i++) sentenceOf[i] = s;
        cancel.ThrowIfCancellationRequested();

        // 1. Quote spans: one scan over the characters.
        var spans = FindQuoteSpans(text);
        var inQuote = new bool[tokens.Count];
        var quoteOfToken = new int[tokens.Count];
        Array.Fill(quoteOfToken, -1);
        {
            int q = 0;
            for (int i = 0; i < tokens.Count; i++)
            {
                int c = tokens[i].Start;
                while (q < spans.Count && spans[q].End <= c) q++;
                if (q < spans.Count && c >= spans[q].Start && c < spans[q].End) { inQuote[i] = true; quoteOfToken[i] = q; }
            }
        }

        // 2. Names (outside quotes): from the entities when given, else from capitalised runs; merged for canonical names.
        var names = entities != null ? NamesFromEntities(text, tokens, entities) : FindNames(text, tokens, sentenceOf, inQuote);
        var nameAt = new Name?[tokens.Count];
        foreach (var n in names) for (int k = n.Start; k < n.End; k++) nameAt[k] = n;
        string Tok(int i) => i >= 0 && i < tokens.Count ? text.Substring(tokens[i].Start, tokens[i].Length) : "";

        // 3. Frames: for each speech verb outside quotes, who speaks.
        var quotes = new List<NewsQuote>();
        var attributions = new List<NewsAttribution>();
        string SentenceText(int s)
        {
            var sr = sentences[s];
            int a = tokens[sr.FirstToken].Start, b = tokens[sr.EndToken - 1].End;
            return (b - a > 400 ? text.Substring(a, 400) + "…" : text.Substring(a, b - a)).Replace('\n', ' ');
        }

        Name? NearestBefore(int tokenIndex, Func<Name, bool> ok)
        {
            for (int k = tokenIndex - 1, seen = 0; k >= 0 && seen < 4000; k--, seen++)
                if (nameAt[k] is { } n && ok(n)) return n;
            return null;
        }

        // Subject left of a verb: skips an appositive ("Hong Min, a senior analyst at …, said"), adverbs and auxiliaries.
        (Name? n, string? d, int a, int b) SubjectBefore(int v, int limit)
        {
            int k = v - 1;
            while (k > limit && Tok(k) is "also" or "has" or "had" or "have" or "later" or "then" or "previously" or "once" or "again" or "further" or "earlier" or "recently" or "simply") k--;
            if (k <= limit) return (null, null, 0, 0);
            string? appositive = null;
            if (Tok(k) == "," )
            {
                int c = k - 1;
                while (c > limit && c > k - 20 && Tok(c) != "," && !inQuote[c]) c--;
                if (c > limit && Tok(c) == "," && c + 1 < k)
                {
                    // "one resident, Kofi Adair, said": the name between the commas is the speaker, the words before describe them.
                    if (nameAt[c + 1] is { } an && an.Start == c + 1 && an.End == k && an.Type == NewsEntityType.Person)
                    {
                        int ds = c - 1;
                        while (ds - 1 > limit && ds > c - 6 && !inQuote[ds - 1] && Tok(ds - 1) is var dp && dp.Length > 0 && char.IsLetterOrDigit(dp[0]) && !SpeechVerbs.Contains(dp)) ds--;
                        string? before = ds <= c - 1 && c - 1 > limit ? Join(ds, c) : null;
                        return (an, string.IsNullOrEmpty(before) ? an.Description : before, tokens[an.Start].Start, tokens[an.End - 1].End);
                    }
                    appositive = Join(c + 1, k); k = c - 1;
                }
                else return (null, null, 0, 0);
            }
            if (k <= limit || inQuote[k]) return (null, null, 0, 0);
            if (nameAt[k] is { } n) return (n, appositive ?? n.Description, tokens[n.Start].Start, tokens[n.End - 1].End);
            string w = Tok(k);
            if (w is "which" or "who" && k - 1 > limit && Tok(k - 1) == "," && k - 2 > limit && nameAt[k - 2] is { } rel)
                return (rel, rel.Description, tokens[rel.Start].Start, tokens[rel.End - 1].End);
            if (Pronouns.Contains(w)) return (Resolve(w, k, null), w, tokens[k].Start, tokens[k].End);
            // A description: "the analyst", "South Korea's military", "officials", "a source".
            int d = k;
            while (d - 1 > limit && d > k - 6 && !inQuote[d - 1] && Tok(d - 1) is var p && p.Length > 0 && (char.IsLetterOrDigit(p[0]) || p is "'s" or "’s") && !SpeechVerbs.Contains(p) && p != "that") d--;
            if (char.IsLetter(w[0]))
            {
                string desc = Join(d, k + 1);
                return (Resolve(w, k, desc), desc, tokens[d].Start, tokens[k].End);
            }
            return (null, null, 0, 0);
        }

        // Subject right of a verb: "said Tomas Reyne", "said the company", "according to South Korea's Joint Chiefs of Staff".
        (Name? n, string? d, int a, int b) SubjectAfter(int v, int limit)
        {
            int k = v + 1;
            if (k >= limit || inQuote[k]) return (null, null, 0, 0);
            // "South Korea's Joint Chiefs of Staff": the owner's name is not the source.
            while (nameAt[k] is { } owner && owner.End + 1 < limit && Tok(owner.End) is "'s" or "’s" && nameAt[owner.End + 1] != null) k = owner.End + 1;
            if (nameAt[k] is { } n) return (n, n.Description, tokens[n.Start].Start, tokens[n.End - 1].End);
            int e = k;
            while (e < limit && e < k + 8 && !inQuote[e] && Tok(e) is var p && p.Length > 0 && (char.IsLetterOrDigit(p[0]) || p is "'s" or "’s"))
            {
                if (nameAt[e] is { } m) { e = m.End; string d0 = Join(k, e); return (m, d0 == m.Text ? m.Description : d0, tokens[k].Start, tokens[e - 1].End); }
                if (e > k && (Tok(e) is "that" or "on" or "in" or "as" or "who" or "which" or "when" or "at" or "after" || SpeechVerbs.Contains(Tok(e)))) break;
                e++;
            }
            if (e == k) return (null, null, 0, 0);
            string desc = Join(k, e);
            // "said the union's general secretary, Paulo Renn": the name after the description's comma.
            if (e + 1 < limit && Tok(e) == "," && nameAt[e + 1] is { } named && named.Start == e + 1 && named.Type == NewsEntityType.Person)
                return (named, desc, tokens[named.Start].Start, tokens[named.End - 1].End);
            string head = Tok(e - 1);
            if (Pronouns.Contains(head) && e - k == 1) return (Resolve(head, k, null), head, tokens[k].Start, tokens[k].End);
            return (Resolve(head, k, desc), desc, tokens[k].Start, tokens[e - 1].End);
        }

        Name? Resolve(string head, int at, string? desc)
        {
            string h = head.ToLowerInvariant();
            if (h is "he" or "she" or "i") return NearestBefore(at, n => n.Type == NewsEntityType.Person);
            if (h == "it") return NearestBefore(at, n => n.Type is NewsEntityType.Organization or NewsEntityType.Location);
            if (h is "they" or "we") return null;
            if (desc != null && desc.Length > 0 && char.IsUpper(desc[0]) && !desc.StartsWith("The ", StringComparison.Ordinal) && !desc.StartsWith("A ", StringComparison.Ordinal)) return null; // "South Korea's military": as written
            if (desc == null || !(desc.StartsWith("the ", StringComparison.OrdinalIgnoreCase))) return null; // "officials", "a source": unnamed
            if (OrgNouns.Contains(h))
                return NearestBefore(at, n => n.Type == NewsEntityType.Organization && n.Text.Contains(head, StringComparison.OrdinalIgnoreCase))
                    ?? NearestBefore(at, n => n.Type == NewsEntityType.Organization);
            if ((_gaz.LookupWord(head) & GazetteerClass.Title) != 0)
                return NearestBefore(at, n => n.Type == NewsEntityType.Person && n.Description != null && n.Description.Contains(head, StringComparison.OrdinalIgnoreCase))
                    ?? NearestBefore(at, n => n.Type == NewsEntityType.Person);
            return null;
        }

        string Join(int s, int e) => s >= e ? "" : text.Substring(tokens[s].Start, tokens[e - 1].End - tokens[s].Start).Replace('\n', ' ');

        // Finds the frame of a sentence range outside quotes: the speech verb nearest to the quote.
        Frame? FindFrame(int from, int to, int prefer)
        {
            Frame? best = null;
            int bestDist = int.MaxValue;
            for (int i = from; i < to; i++)
            {
                if (inQuote[i]) continue;
                string w = Tok(i);
                bool according = w.Equals("according", StringComparison.OrdinalIgnoreCase) && Tok(i + 1) == "to";
                bool citing = w.Equals("citing", StringComparison.OrdinalIgnoreCase);
                if (!according && !citing && (!SpeechVerbs.Contains(w) || !char.IsLower(w[0]))) continue;
                if (w is "say" or "says" && i > 0 && Tok(i - 1) is "to" or "would" or "will" or "may") { }
                int dist = Math.Abs(i - prefer);
                if (dist >= bestDist) continue;
                (Name? n, string? d, int a, int b) subj;
                string verb = w.ToLowerInvariant();
                if (according) { subj = SubjectAfter(i + 1, to); verb = "according to"; }
                else if (citing) subj = SubjectAfter(i, to);
                else
                {
                    subj = SubjectBefore(i, from - 1);
                    var after = SubjectAfter(i, to);
                    // "…,” said Tomas Reyne" (inverted) when nothing speaks before the verb or a quote ends right before it.
                    bool inverted = subj.a == subj.b || (i - 1 >= 0 && (inQuote[i - 1] || Tok(i - 1) == ",") && i - 2 >= 0 && inQuote[i - 2]);
                    if (inverted && after.a != after.b && !(after.d != null && after.d.StartsWith("reporters", StringComparison.OrdinalIgnoreCase))) subj = after;
                    if (verb is "said" or "says" && i + 2 < to && Tok(i + 1) == "in" && Tok(i + 2) is "a" or "an") verb = verb + " in a " + Tok(i + 3);
                }
                if (subj.a == subj.b) continue;
                best = new Frame(i, verb, subj.n, subj.d, subj.a, subj.b);
                bestDist = dist;
            }
            return best;
        }

        // 4. Quotes.
        NewsQuote? previous = null;
        int previousEndPara = -1;
        for (int q = 0; q < spans.Count; q++)
        {
            var sp = spans[q];
            int qFirst = FirstTokenAt(tokens, sp.Start), qLast = FirstTokenAt(tokens, sp.End) - 1;
            if (qFirst > qLast || qFirst >= tokens.Count) continue;
            string inner = text.Substring(sp.Start + 1, Math.Max(0, sp.End - sp.Start - 2)).Trim();
            if (inner.Length == 0) continue;
            // Partial: inside the writer's sentence (a word right before the mark, and the quote does not end a sentence).
            int before = sp.Start - 1;
            while (before >= 0 && text[before] == ' ') before--;
            bool wordBefore = before >= 0 && (char.IsLetterOrDigit(text[before]) || text[before] == ',' && !IsSentenceEnd(inner));
            bool partial = wordBefore && !IsSentenceEnd(inner) && !inner.EndsWith(',') ? true : wordBefore && CountWords(inner) <= 6 && !IsSentenceEnd(inner);
            if (text[before < 0 ? 0 : before] == ':' ) partial = false;
            int s0 = sentenceOf[qFirst], s1 = sentenceOf[Math.Min(qLast, tokens.Count - 1)];
            int from = Math.Max(sentences[s0].FirstToken, qFirst - Window);
            int to = Math.Min(sentences[s1].EndToken, qLast + 1 + Window);
            // The frame: the nearest verb in the quote's own sentences (after the quote first, then before).
            var frame = FindFrame(qLast + 1, to, qLast + 1) ?? FindFrame(from, qFirst, qFirst);
            if (frame == null && !partial)
            {
                // "Priya …, wrote to members on Friday. “We will …”": a quote on its own after a sentence whose verb names the speaker.
                if (s0 > 0)
                {
                    var prev = sentences[s0 - 1];
                    if (!inQuote[prev.FirstToken] && ParagraphOf(text, tokens[prev.FirstToken].Start) == ParagraphOf(text, sp.Start))
                        frame = FindFrame(prev.FirstToken, prev.EndToken, prev.EndToken);
                }
            }
            string? speaker = frame?.Speaker?.Canonical;
            string? desc = frame?.Description;
            if (frame is { } f && f.Speaker == null && desc != null && desc.Length > 0 && (char.IsUpper(desc[0]) || OrgNouns.Contains(LastWord(desc)))) speaker = desc; // "South Korea's Joint Chiefs of Staff"
            if (frame == null && previous != null && !partial)
            {
                // A quote continuing the previous speaker's words: same or next paragraph, no other voice between.
                int para = ParagraphOf(text, sp.Start);
                if (para - previousEndPara <= 1 && NearestBefore(qFirst, _ => true) is var nb && (nb == null || nb.CharStart < previous.Offset || nb.Canonical == previous.Speaker))
                { speaker = previous.Speaker; desc = previous.SpeakerDescription; }
            }
            if (speaker == null && frame == null && !partial)
            {
                // No speech verb at all: "Her colleague, Emil Sand, was more hopeful: “…”" or "The coach, Marta Ilves,
                // was blunt. “…”". The person the introducing sentence is about (a name among its first words) speaks.
                Name? Subject(int first, int end)
                {
                    for (int k = first; k < Math.Min(end, first + 8); k++)
                        if (nameAt[k] is { } nm && nm.Start == k && nm.Type == NewsEntityType.Person) return nm;
                    return null;
                }
                Name? intro = null;
                var own = sentences[s0];
                if (qFirst > own.FirstToken && Tok(qFirst - 1) == ":") intro = Subject(own.FirstToken, qFirst);
                else if (qFirst == own.FirstToken && s0 > 0)
                {
                    var prev = sentences[s0 - 1];
                    if (!inQuote[prev.FirstToken] && ParagraphOf(text, tokens[prev.FirstToken].Start) == ParagraphOf(text, sp.Start))
                        intro = Subject(prev.FirstToken, prev.EndToken);
                }
                if (intro != null) { speaker = intro.Canonical; desc = intro.Description; }
            }
            var quote = new NewsQuote
            {
                Text = inner, Speaker = speaker, SpeakerDescription = desc == speaker ? null : desc, Verb = frame?.VerbText,
                Kind = partial ? QuoteKind.Partial : QuoteKind.Direct, ArticleId = articleId, Outlet = outlet,
                Offset = sp.Start, Length = sp.End - sp.Start,
            };
            quotes.Add(quote);
            if (!partial) { previous = quote; previousEndPara = ParagraphOf(text, sp.End - 1); }
        }

        // 5. Attributions and indirect speech: each sentence's speech frames outside quotes.
        for (int s = 0; s < sentences.Count; s++)
        {
            var sr = sentences[s];
            bool hasQuote = false;
            for (int i = sr.FirstToken; i < sr.EndToken; i++) if (inQuote[i]) { hasQuote = true; break; }
            for (int i = sr.FirstToken; i < sr.EndToken; i++)
            {
                if (inQuote[i]) continue;
                string w = Tok(i);
                string lw = w.ToLowerInvariant();
                bool according = lw == "according" && Tok(i + 1) == "to";
                bool citing = lw == "citing";
                bool told = lw == "told";
                if (!according && !citing && (!SpeechVerbs.Contains(w) || !char.IsLower(w[0]))) continue;
                (Name? n, string? d, int a, int b) src;
                string verb = according ? "according to" : lw;
                if (according) src = SubjectAfter(i + 1, sr.EndToken);
                else if (citing) src = SubjectAfter(i, sr.EndToken);
                else src = SubjectBefore(i, sr.FirstToken - 1) is var sb && sb.a != sb.b ? sb : SubjectAfter(i, sr.EndToken);
                if (told)
                {
                    // "told the AFP news agency": the outlet the speaker told is a source the article relies on.
                    var obj = SubjectAfter(i, sr.EndToken);
                    string objText = obj.n?.Text ?? TrimToldObject(obj.d ?? "");
                    var objKind = Classify(objText, obj.n);
                    if (obj.a != obj.b && objKind is SourceKind.Agency or SourceKind.Media)
                        attributions.Add(new NewsAttribution { Source = CleanSource(obj.n?.Canonical ?? objText), SourceKind = objKind, Verb = verb, Sentence = SentenceText(s), ArticleId = articleId, Outlet = outlet, Offset = obj.a });
                    if (hasQuote) continue;
                }
                if (src.a == src.b) continue;
                string srcText = src.n?.Canonical ?? src.d ?? "";
                if (srcText.Length == 0 || (src.n == null && src.d != null && Pronouns.Contains(src.d))) continue;
                if (BareQuantifiers.Contains(srcText.Trim())) continue;
                if (src.n == null && !PlausibleSource(srcText)) continue;
                if (according || citing || !hasQuote)
                {
                    // A qualified description ("the regional transport authority") names its own source; only a bare
                    // one ("the company", "the ministry") stands for the nearest named organisation.
                    var named = src.n;
                    if (named != null && src.d != null && src.d != named.Text && TextShape.CountWords(src.d) >= 3 &&
                        text.AsSpan(src.a, Math.Max(0, Math.Min(src.b, text.Length) - src.a)).IndexOf(named.Text.AsSpan(), StringComparison.Ordinal) < 0)
                        named = null; // the name was resolved from the description, not written beside it
                    string sourceText = named?.Canonical ?? src.d ?? srcText;
                    var kind = Classify((named?.Canonical ?? "") + " " + (src.d ?? srcText), named);
                    attributions.Add(new NewsAttribution { Source = CleanSource(sourceText), SourceKind = kind, Verb = verb, Sentence = SentenceText(s), ArticleId = articleId, Outlet = outlet, Offset = src.a });
                }
                if (!hasQuote && !according && !citing && src.n != null)
                {
                    // Indirect speech: the clause the verb reports (after "that"/the verb, or before it when the verb ends the sentence).
                    int cs = i + 1, ce = sr.EndToken;
                    if (src.b <= tokens[i].Start) { if (told) cs += 1; while (cs < ce && tokens[cs].Start < src.b) cs++; }
                    else { cs = sr.FirstToken; ce = i; while (ce > cs && tokens[ce - 1].End > src.a) ce--; }
                    while (cs < ce && Tok(cs) is "that" or "," or "reporters" or "journalists") cs++;
                    while (ce > cs && Tok(ce - 1) is "," or "." or ";") ce--;
                    if (ce - cs >= 4)
                        quotes.Add(new NewsQuote { Text = Join(cs, ce), Speaker = src.n.Canonical, SpeakerDescription = src.d == src.n.Text ? null : src.d, Verb = verb, Kind = QuoteKind.Indirect, ArticleId = articleId, Outlet = outlet, Offset = tokens[cs].Start, Length = tokens[ce - 1].End - tokens[cs].Start });
                }
                break; // one frame a sentence
            }
        }
        quotes.Sort((a, b) => a.Offset.CompareTo(b.Offset));
        return new ArticleQuotes { Quotes = quotes, Attributions = attributions };
    }

    private static readonly HashSet<string> NotSources = new(StringComparer.OrdinalIgnoreCase) { "if", "it", "what", "is", "was", "be", "been", "were", "are", "this", "that", "when", "who", "which", "as", "there", "and" };

    /// <summary>Quantifiers that stand for unnamed people ("Several told the Gazette …"): no source of their own.</summary>
    private static readonly HashSet<string> BareQuantifiers = new(StringComparer.OrdinalIgnoreCase) { "several", "many", "some", "others", "most", "few", "both", "all", "one", "two", "three", "none", "each" };

    private static readonly HashSet<string> OutletNounWords = new(StringComparer.OrdinalIgnoreCase)
        { "the", "a", "an", "news", "agency", "newspaper", "paper", "daily", "weekly", "broadcaster", "television", "radio", "magazine", "outlet", "wire", "service", "channel", "network", "station", "website", "local", "state", "public", "national", "regional", "'s", "’s" };

    /// <summary>
    /// The outlet in "told the Gazette they had …": the words of a media name (capitalised words and outlet nouns) up
    /// to the first that is neither, so the clause after the object is not taken into the source.
    /// </summary>
    private static string TrimToldObject(string d)
    {
        var words = d.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        int n = 0;
        while (n < words.Length && (char.IsUpper(words[n][0]) || OutletNounWords.Contains(words[n]))) n++;
        return n == words.Length ? d : string.Join(' ', words, 0, n);
    }

    /// <summary>An unnamed source is a short noun phrase ("officials", "a source", "South Korea's military"), not a clause.</summary>
    private static bool PlausibleSource(string s)
    {
        int words = 0;
        foreach (var w in s.Split(' ', StringSplitOptions.RemoveEmptyEntries)) { words++; if (NotSources.Contains(w)) return false; }
        return words is > 0 and <= 5;
    }

    private static string LastWord(string s) { int sp = s.LastIndexOf(' '); return sp < 0 ? s : s[(sp + 1)..]; }

    private static string CleanSource(string s)
    {
        s = s.Trim();
        if (s.StartsWith("the ", StringComparison.Ordinal)) s = s[4..];
        return s;
    }

    private static readonly string[] AgencyWords = { "AFP", "Reuters", "Associated Press", "AP", "Yonhap", "Xinhua", "Kyodo", "news agency", "News Agency", "Bloomberg", "dpa", "ANSA", "EFE", "Agence France-Presse", "wire service" };
    private static readonly string[] MediaWords = { "media", "newspaper", "daily", "Daily", "broadcaster", "television", "TV", "radio", "Times", "Post", "Journal", "Herald", "Tribune", "Gazette", "Ilbo", "Courier", "Ledger", "outlet", "magazine", "news" };
    private static readonly string[] AnonymousWords = { "a source", "sources", "source", "familiar with", "anonymity", "unnamed", "insider", "insiders", "people close", "a person" };
    private static readonly string[] ExpertWords = { "analyst", "expert", "professor", "researcher", "economist", "scientist", "scholar", "academic", "specialist", "think tank" };
    private static readonly string[] OfficialWords = { "official", "officials", "ministry", "Ministry", "military", "government", "police", "Chiefs", "army", "Army", "spokesman", "spokeswoman", "spokesperson", "president", "President", "minister", "Minister", "council", "Council", "mayor", "Mayor", "authorities", "department", "Department", "agency", "regime", "Secretary", "secretary", "governor", "Governor", "embassy", "Authority", "authority" };

    /// <summary>What kind of source a name or description denotes.</summary>
    public static SourceKind Classify(string source, string? description = null)
    {
        string s = source + " " + description;
        if (ContainsWord(s, AgencyWords)) return SourceKind.Agency;
        if (ContainsWord(s, AnonymousWords)) return SourceKind.Anonymous;
        if (ContainsWord(s, ExpertWords)) return SourceKind.Expert;
        if (ContainsWord(s, OfficialWords)) return SourceKind.Official;
        if (ContainsWord(s, MediaWords)) return SourceKind.Media;
        return SourceKind.Other;
    }

    private static SourceKind Classify(string text, Name? n) => Classify(text, n?.Description);

    private static bool ContainsWord(string s, string[] words)
    {
        foreach (var w in words)
        {
            int i = 0;
            while ((i = s.IndexOf(w, i, StringComparison.Ordinal)) >= 0)
            {
                bool left = i == 0 || !char.IsLetter(s[i - 1]);
                bool right = i + w.Length >= s.Length || !char.IsLetter(s[i + w.Length]) || (s[i + w.Length] == 's' && (i + w.Length + 1 >= s.Length || !char.IsLetter(s[i + w.Length + 1])));
                if (left && right) return true;
                i += w.Length;
            }
        }
        return false;
    }

    private static int CountWords(string s) { int n = 0; bool inW = false; foreach (char c in s) { bool l = char.IsLetterOrDigit(c); if (l && !inW) n++; inW = l; } return n; }

    private static bool IsSentenceEnd(string inner)
    {
        string t = inner.TrimEnd();
        return t.Length > 0 && t[^1] is '.' or '!' or '?' or '…';
    }

    [ThreadStatic] private static List<int>? t_paraStarts;
    [ThreadStatic] private static string? t_paraText;

    /// <summary>Paragraph number of an offset (binary search over paragraph starts, computed once per text).</summary>
    private static int ParagraphOf(string text, int offset)
    {
        if (!ReferenceEquals(t_paraText, text))
        {
            var starts = t_paraStarts ??= new List<int>();
            starts.Clear();
            for (int i = 0; i < text.Length; i++) if (text[i] == '\n' && (i + 1 >= text.Length || text[i + 1] != '\n')) starts.Add(i);
            t_paraText = text;
        }
        var st = t_paraStarts!;
        int lo = 0, hi = st.Count;
        while (lo < hi) { int mid = (lo + hi) / 2; if (st[mid] < offset) lo = mid + 1; else hi = mid; }
        return lo;
    }

    private static int FirstTokenAt(List<TextToken> tokens, int charOffset)
    {
        int lo = 0, hi = tokens.Count;
        while (lo < hi) { int mid = (lo + hi) / 2; if (tokens[mid].Start < charOffset) lo = mid + 1; else hi = mid; }
        return lo;
    }

    /// <summary>
    /// Quote spans [Start, End) including their marks. Linear: a mark left open longer than <see cref="MaxQuoteLength"/>
    /// is given up and the scan starts again after it, but the stretch its scan covered is not scanned again for the
    /// next mark of the same kind (it holds no closing mark of that kind, so that scan would end the same way): a text
    /// of thousands of unclosed marks costs a pass, not thousands of passes.
    /// </summary>
    public static List<(int Start, int End)> FindQuoteSpans(string text)
    {
        var spans = new List<(int, int)>();
        int open = -1, kind = 0;
        char closer = '\0';
        // Per kind of mark (0: “ „ " closed by ” or "; 1: « closed by »), the end of the last scan given up for length.
        Span<int> covered = stackalloc int[] { -1, -1 };
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (open < 0)
            {
                if (c == '“' || c == '„' || c == '«') { open = i; closer = c == '«' ? '»' : '”'; kind = c == '«' ? 1 : 0; }
                else if (c == '"' && (i == 0 || !char.IsLetterOrDigit(text[i - 1])) && i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1])) { open = i; closer = '"'; kind = 0; }
                if (open >= 0 && covered[kind] > i) i = covered[kind]; // that stretch holds no closer of this kind
                continue;
            }
            if (c == closer || (closer == '”' && c == '"') || (closer == '"' && c == '”'))
            {
                spans.Add((open, i + 1));
                open = -1;
                continue;
            }
            if (c == '\n')
            {
                // A quote running over paragraphs: the next paragraph opens with a mark again and the quote goes on.
                int j = i + 1;
                while (j < text.Length && char.IsWhiteSpace(text[j])) j++;
                if (j < text.Length && (text[j] == '“' || text[j] == '"') && i - open < MaxQuoteLength) { i = j; continue; }
                open = -1; // unclosed within its paragraph: not a quote
                continue;
            }
            if (i - open >= MaxQuoteLength) { covered[kind] = i; i = open; open = -1; }
        }
        return spans;
    }

    private List<Name> NamesFromEntities(string text, List<TextToken> tokens, ArticleEntities entities)
    {
        var list = new List<Name>();
        foreach (var m in entities.Mentions)
        {
            if (m.Field != "Body" || m.Type is not (NewsEntityType.Person or NewsEntityType.Organization)) continue;
            int s = FirstTokenAt(tokens, m.Offset), e = FirstTokenAt(tokens, m.Offset + m.Length);
            if (s >= e) continue;
            list.Add(new Name { Start = s, End = e, CharStart = m.Offset, Type = m.Type, Text = m.Text, Canonical = m.Name, Description = m.Description });
        }
        list.Sort((a, b) => a.Start.CompareTo(b.Start));
        return list;
    }

    /// <summary>Fast names: runs of capitalised words outside quotes, typed by titles and organisation words.</summary>
    private List<Name> FindNames(string text, List<TextToken> tokens, int[] sentenceOf, bool[] inQuote)
    {
        var list = new List<Name>();
        bool Cap(int i) { var sp = tokens[i].Span(text); return sp.Length > 0 && char.IsUpper(sp[0]) && (sp.Length == 1 || !sp.Contains('.') || sp.Length <= 4); }
        for (int i = 0; i < tokens.Count; i++)
        {
            if (inQuote[i] || !Cap(i)) continue;
            var word = tokens[i].Span(text);
            if (LeadStop.Contains(word.ToString())) continue;
            int s = i, e = i + 1;
            while (e < tokens.Count && !inQuote[e] && sentenceOf[e] == sentenceOf[s])
            {
                if (Cap(e)) { e++; continue; }
                if (e + 1 < tokens.Count && Connectors.Contains(tokens[e].Span(text).ToString()) && Cap(e + 1)) { e += 2; continue; }
                break;
            }
            i = e - 1;
            // Leading titles ("Council leader", "Health Secretary", "Mayor") describe a person, they are not the name.
            string? title = null;
            int t0 = s;
            bool orgEnd = (_gaz.LookupWord(tokens[e - 1].Span(text)) & GazetteerClass.OrgWord) != 0;
            if (!orgEnd)
            {
            while (s < e - 1 && (_gaz.LookupWord(tokens[s].Span(text)) & GazetteerClass.Title) != 0) s++;
            // "Health Secretary Rhona Callis", "Shopkeeper Lena Osei": common words before a title or a two-word name.
            for (int t = s; t < e - 2; t++)
                if ((_gaz.LookupWord(tokens[t + 1].Span(text)) & GazetteerClass.Title) != 0 && (_gaz.LookupWord(tokens[t].Span(text)) & (GazetteerClass.LowerWord | GazetteerClass.Title)) != 0) { s = t + 2; break; }
            while (s < e - 2 && (_gaz.LookupWord(tokens[s].Span(text)) & (GazetteerClass.LowerWord | GazetteerClass.Title)) != 0 && (_gaz.LookupWord(tokens[s].Span(text)) & (GazetteerClass.NamePart | GazetteerClass.GivenName | GazetteerClass.Country | GazetteerClass.OrgWord)) == 0) s++;
            }
            bool titledBefore = s > t0 || (s > 0 && (_gaz.LookupWord(tokens[s - 1].Span(text)) & GazetteerClass.Title) != 0);
            if (s > t0) title = text.Substring(tokens[t0].Start, tokens[s - 1].End - tokens[t0].Start);
            var lastCls = _gaz.LookupWord(tokens[e - 1].Span(text));
            var firstCls = _gaz.LookupWord(tokens[s].Span(text));
            if ((firstCls & GazetteerClass.Calendar) != 0) continue;
            NewsEntityType type;
            bool orgish = (lastCls & GazetteerClass.OrgWord) != 0 || (firstCls & GazetteerClass.OrgWord) != 0 || (e - s >= 3 && text.AsSpan(tokens[s].Start, tokens[e - 1].End - tokens[s].Start).Contains(" of ", StringComparison.Ordinal));
            bool place = (firstCls & (GazetteerClass.Country | GazetteerClass.City | GazetteerClass.Region | GazetteerClass.Demonym)) != 0 && e - s <= 2 && !orgish;
            if (orgish) type = NewsEntityType.Organization;
            else if (place) type = NewsEntityType.Location;
            else if (e - s >= 2 || titledBefore) type = NewsEntityType.Person;
            else if ((firstCls & (GazetteerClass.GivenName | GazetteerClass.NamePart)) != 0) type = NewsEntityType.Person;
            else type = NewsEntityType.Person; // a lone capitalised word; merged into a fuller name below when one exists
            string nm = text.Substring(tokens[s].Start, tokens[e - 1].End - tokens[s].Start).Replace('\n', ' ');
            // "the company" before a capitalised one-word name makes it an organisation
            if (s > 0 && tokens[s - 1].Span(text) is "the" && type == NewsEntityType.Person && e - s >= 1 && !titledBefore) type = NewsEntityType.Organization;
            var n = new Name { Start = s, End = e, CharStart = tokens[s].Start, Type = type, Text = nm, Description = title };
            // Appositive after the name: ", a senior analyst at …," / ", the crews’ union representative."
            if (type == NewsEntityType.Person && e + 2 < tokens.Count && tokens[e].Span(text) is ",")
            {
                var f = tokens[e + 1].Span(text);
                if (f is "a" or "an" or "the" or "who" || (e + 1 < tokens.Count && char.IsDigit(f[0])))
                {
                    int k = e + 1;
                    while (k < tokens.Count && k < e + 18 && sentenceOf[k] == sentenceOf[e] && !inQuote[k] && tokens[k].Span(text) is not ("," or "." or ";" or ":" or "—")) k++;
                    if (k > e + 1) n.Description = text.Substring(tokens[e + 1].Start, tokens[k - 1].End - tokens[e + 1].Start).Replace('\n', ' ');
                }
            }
            list.Add(n);
        }
        // Canonical names through the merger, as Get-NewsEntity does.
        var merger = new EntityMerger();
        foreach (var n in list) merger.Add(n.Text, n.Type);
        foreach (var g in merger.Resolve())
            foreach (var m in g.Members)
            {
                list[m].Canonical = g.Canonical;
                list[m].Type = g.Type;
            }
        // Descriptions travel to every mention of the same entity.
        var descOf = new Dictionary<string, string>();
        foreach (var n in list) if (n.Description != null) descOf.TryAdd(n.Canonical, n.Description);
        foreach (var n in list) if (n.Description == null && descOf.TryGetValue(n.Canonical, out var d)) n.Description = d;
        return list;
    }
}
