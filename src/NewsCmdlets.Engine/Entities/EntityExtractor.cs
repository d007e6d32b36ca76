using System.Globalization;
using System.Text;
using NewsCmdlets.Engine.Entities.Tagging;
using NewsCmdlets.Engine.Model;
using NewsCmdlets.Engine.Text;

namespace NewsCmdlets.Engine.Entities;

/// <summary>The entities of one article, their mentions, and what makes the result unreliable.</summary>
public sealed class ArticleEntities
{
    public IReadOnlyList<NewsEntity> Entities { get; init; } = Array.Empty<NewsEntity>();
    public IReadOnlyList<NewsEntityMention> Mentions { get; init; } = Array.Empty<NewsEntityMention>();
    /// <summary>Why the result may be unreliable (not English, no case information, cut sentences).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = Array.Empty<string>();
    public int TokenCount { get; init; }
    public string? ArticleId { get; init; }
    public string? Outlet { get; init; }
}

/// <summary>
/// Finds people, organisations, places, groups, dates and quantities in an article's Title, Standfirst and Body:
/// a sequence tagger for names, rules for titles, appositives, acronyms, dates and quantities, and
/// <see cref="EntityMerger"/> to merge spellings. One instance per thread; the model and gazetteers are shared and
/// loaded once per process.
/// </summary>
public sealed class EntityExtractor
{
    private readonly NerTagger _tagger;
    private readonly Gazetteer _gaz;
    private readonly EntityMerger _merger = new();

    public EntityExtractor() : this(NerModel.Shared, Gazetteer.Shared) { }

    public EntityExtractor(NerModel model, Gazetteer gazetteer)
    {
        _tagger = new NerTagger(model, gazetteer);
        _gaz = gazetteer;
    }

    private sealed class Mention
    {
        public int Start, End; // tokens
        public NewsEntityType Type;
        public string Text = "";
        public string? Description;
        public ValueMention? Value;
        public int Sentence;
        /// <summary>How much the mention's type counts when mentions of one entity disagree (a dateline is a place).</summary>
        public double TypeWeight = 1;
    }

    public ArticleEntities Extract(NewsArticle article, CancellationToken cancel = default) => Extract(article, article.Body, cancel);

    /// <summary><see cref="Extract(NewsArticle, CancellationToken)"/> with the article's body already decoded (a caller that
    /// reads it more than once decodes it once: the article keeps it as UTF-8).</summary>
    internal ArticleEntities Extract(NewsArticle article, string body, CancellationToken cancel)
    {
        var fields = new List<(string Name, string Text)>();
        if (!string.IsNullOrWhiteSpace(article.Title)) fields.Add(("Title", article.Title!));
        if (!string.IsNullOrWhiteSpace(article.Standfirst)) fields.Add(("Standfirst", article.Standfirst!));
        if (!string.IsNullOrWhiteSpace(body)) fields.Add(("Body", body));
        string language = article.Language ?? LanguageDetector.Detect(body) ?? "";
        return Run(fields, article.Published, article.Id, article.Outlet ?? article.Agency, language, cancel);
    }

    /// <summary>Extracts from plain text; <paramref name="date"/> resolves relative dates ("last year").</summary>
    public ArticleEntities ExtractText(string text, DateTimeOffset? date = null, string? articleId = null, string? outlet = null, CancellationToken cancel = default)
    {
        var fields = new List<(string, string)>();
        if (!string.IsNullOrWhiteSpace(text)) fields.Add(("Body", text));
        return Run(fields, date, articleId, outlet, LanguageDetector.Detect(text) ?? "", cancel);
    }

    private ArticleEntities Run(List<(string Name, string Text)> fields, DateTimeOffset? published, string? articleId, string? outlet, string language, CancellationToken cancel)
    {
        var warnings = new List<string>();
        if (fields.Count == 0) return new ArticleEntities { ArticleId = articleId, Outlet = outlet };
        // One text for the whole article, fields separated by blank lines, so document-level features see every field.
        // Made at its length in one string (a builder grew chunks and then copied them).
        var fieldStarts = new List<int>(fields.Count);
        int length = 0;
        foreach (var (_, t) in fields)
        {
            if (length > 0) length += 2;
            fieldStarts.Add(length);
            length += t.Length;
        }
        string text = fields.Count == 1 ? fields[0].Text : string.Create(length, fields, static (dst, fs) =>
        {
            int at = 0;
            foreach (var (_, t) in fs)
            {
                if (at > 0) { dst[at++] = '\n'; dst[at++] = '\n'; }
                t.AsSpan().CopyTo(dst[at..]);
                at += t.Length;
            }
        });
        // The token list is this thread's, kept for its next article (nothing of it is in the result).
        var tokens = t_tokens ?? new List<TextToken>(text.Length / 5 + 4);
        t_tokens = null;
        tokens.Clear();
        Tokenizer.Tokenize(text, 0, text.Length, tokens);
        using var releaseTokens = new TokensBack(tokens);
        var sentences = SentenceSplitter.Split(text, tokens, out int forced);
        var doc = NerDocument.OnThreadArrays(text, tokens, sentences);
        using var release = new ReleaseOnDispose(doc); // its arrays go to this thread's next document, however Run ends
        if (language.Length > 0 && language != "en")
            warnings.Add($"The text appears to be in '{language}'; entity recognition is trained on English, so names and dates may be missed or wrong.");
        if (doc.CaseUnreliable)
            warnings.Add("The text is (almost) all in capitals or has no capitals, so names cannot be told by their case; the entities found are unreliable.");
        if (forced > 0)
            warnings.Add($"The text has {forced} run(s) of more than {SentenceSplitter.MaxTokens} words without sentence punctuation; they were cut, and entities across the cuts may be missed.");
        cancel.ThrowIfCancellationRequested();
        var tags = _tagger.Tag(doc);

        var sentenceOf = new int[tokens.Count];
        for (int s = 0; s < sentences.Count; s++)
            for (int i = sentences[s].FirstToken; i < sentences[s].EndToken; i++) sentenceOf[i] = s;

        var mentions = new List<Mention>();
        var taken = new bool[tokens.Count];
        // The first mention over each token, so that questions about a token's mention are one look, not a scan of all
        // mentions (an article of 600,000 names took minutes).
        var mentionAt = new Mention?[tokens.Count];
        var aliases = new List<(string Alias, string Full)>();
        string Tok(int i) => i >= 0 && i < tokens.Count ? Tokenizer.Word(text, tokens, i) : "";
        string Join(int s, int e) => QuantityRecognizer.Join(text, tokens, s, e);

        // 1. Names from the tagger's BIO spans.
        for (int i = 0; i < tokens.Count;)
        {
            int tag = tags[i];
            if (tag == 0) { i++; continue; }
            int type = (tag + 1) / 2; // 1 PER, 2 ORG, 3 LOC, 4 MISC
            int e = i + 1;
            while (e < tokens.Count && tags[e] == type * 2 && sentenceOf[e] == sentenceOf[i]) e++;
            AddName(i, e, type);
            i = e;
        }
        // 1b. A dateline the tagger left out: capitals opening a paragraph before a dash or an agency in brackets
        // ("WESTMERE —", "PORT ELLIS (NPA) —") name a place, unless they are one common word ("UPDATE —"); the same
        // name written with a capital elsewhere in the article ("Westmere ferry crews …") is that place too.
        // Each token is looked at without a copy: this runs over every token of every article.
        var datelinePlaces = new List<(int Start, int End)>();
        var datelineNames = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < tokens.Count && !doc.CaseUnreliable; i++)
        {
            if (taken[i] || tokens[i].Length < 2 || !char.IsUpper(text[tokens[i].Start]) || !IsCapsWord(tokens[i].Span(text))) continue;
            int e = i + 1;
            while (e < tokens.Count && e - i < 4 && !taken[e] && IsCapsWord(tokens[e].Span(text)) && sentenceOf[e] == sentenceOf[i]) e++;
            if (!IsDateline(i, e) || e - i == 1 && (_gaz.LookupWord(tokens[i].Span(text)) & (GazetteerClass.LowerWord | GazetteerClass.Title)) != 0
                || HasHeadingWord(i, e)) { i = e - 1; continue; }
            int before = mentions.Count;
            AddName(i, e, 3);
            // Each place once: its mentions in running text are looked for below over the whole text.
            if (mentions.Count > before && datelineNames.Add(Join(i, e).ToUpperInvariant())) datelinePlaces.Add((i, e));
            i = e - 1;
        }
        foreach (var (ps, pe) in datelinePlaces)
        {
            int len = pe - ps;
            for (int i = 0; i + len <= tokens.Count; i++)
            {
                if (taken[i] || tokens[i].Length == 0 || !char.IsUpper(text[tokens[i].Start]) || !HasLower(tokens[i].Span(text))) continue;
                bool same = true;
                for (int k = 0; k < len && same; k++) same = !taken[i + k] && tokens[i + k].Span(text).Equals(tokens[ps + k].Span(text), StringComparison.OrdinalIgnoreCase);
                if (!same) continue;
                int end = i + len;
                if (end < tokens.Count && char.IsUpper(text[tokens[end].Start]) && sentenceOf[end] == sentenceOf[i]) continue; // part of a longer name
                Mark(i, end);
                AddMention(new Mention { Start = i, End = end, Type = NewsEntityType.Location, Text = Join(i, end), Sentence = sentenceOf[i] });
            }
        }

        // 2. Nationalities the tagger left out ("North Korean soldier", "North Koreans").
        for (int s = 0; s < sentences.Count; s++)
        {
            var sr = sentences[s];
            for (int i = sr.FirstToken; i < sr.EndToken; i++)
            {
                if (taken[i] || tokens[i].Length == 0 || !char.IsUpper(text[tokens[i].Start])) continue;
                ulong h = Gazetteer.SequenceSeed;
                int best = -1, place = -1;
                for (int len = 1; len <= 3 && i + len <= sr.EndToken; len++)
                {
                    if (taken[i + len - 1]) break;
                    h = Gazetteer.Extend(h, doc.Lower[i + len - 1]);
                    var cls = _gaz.Lookup(h);
                    if ((cls & GazetteerClass.Demonym) != 0) best = i + len;
                    if ((cls & (GazetteerClass.Region | GazetteerClass.Country)) != 0) place = i + len;
                }
                if (best > 0 && place > best && !doc.CaseUnreliable)
                {
                    // "Korean Peninsula": a place that starts with a nationality word.
                    Mark(i, place);
                    AddMention(new Mention { Start = i, End = place, Type = NewsEntityType.Location, Text = Join(i, place), Sentence = s });
                    i = place - 1;
                    continue;
                }
                // "Korean War": the nationality word is part of a longer name the tagger did not keep.
                if (best > 0 && best < sr.EndToken && tokens[best].Length > 1 && char.IsUpper(text[tokens[best].Start]) &&
                    (_gaz.LookupWord(tokens[best].Span(text)) & (GazetteerClass.Title | GazetteerClass.Demonym)) == 0)
                    best = -1;
                if (best > 0 && !doc.CaseUnreliable)
                {
                    Mark(i, best);
                    AddMention(new Mention { Start = i, End = best, Type = NewsEntityType.Group, Text = Join(i, best), Sentence = s });
                    i = best - 1;
                }
            }
        }
        // 3. Acronyms defined in brackets: "Joint Chiefs of Staff (JCS)", "military demarcation line (MDL)".
        var acronymType = new Dictionary<string, (NewsEntityType Type, string Full)>(StringComparer.Ordinal);
        for (int i = 2; i + 2 < tokens.Count; i++)
        {
            if (tokens[i].Length != 1 || text[tokens[i].Start] != '(' || tokens[i + 2].Length != 1 || text[tokens[i + 2].Start] != ')') continue;
            string acr = Tok(i + 1);
            if (acr.Length is < 2 or > 8 || acr.Any(char.IsLower) || !acr.All(char.IsLetter)) continue;
            for (int k = i - 1; k >= Math.Max(0, i - 8) && sentenceOf[k] == sentenceOf[i]; k--)
            {
                string phrase = Join(k, i);
                if (!EntityMerger.IsAcronymOf(acr, phrase)) continue;
                var existing = mentionAt[k] is { } at && at.End >= i - 1 && at.Value == null ? at : null;
                NewsEntityType type;
                string full;
                if (existing != null) { type = existing.Type; full = existing.Text; }
                else
                {
                    if (Covered(k, i)) break; // overlaps a different name
                    type = GuessType(Tok(i - 1));
                    full = phrase;
                    Mark(k, i);
                    AddMention(new Mention { Start = k, End = i, Type = type, Text = phrase, Sentence = sentenceOf[k] });
                }
                acronymType[acr] = (type, full);
                aliases.Add((acr, full));
                break;
            }
        }
        if (acronymType.Count > 0)
        {
            for (int i = 0; i < tokens.Count; i++)
            {
                if (taken[i]) continue;
                if (acronymType.TryGetValue(Tok(i), out var at))
                {
                    Mark(i, i + 1);
                    AddMention(new Mention { Start = i, End = i + 1, Type = at.Type, Text = Tok(i), Sentence = sentenceOf[i] });
                }
            }
        }
        // 4. Dates and quantities, sentence by sentence.
        DateTime? articleDate = published?.Date;
        var values = new List<ValueMention>();
        foreach (var sr in sentences)
        {
            TemporalResolver.Find(text, tokens, sr.FirstToken, sr.EndToken, articleDate, taken, values);
            QuantityRecognizer.Find(text, tokens, sr.FirstToken, sr.EndToken, taken, _gaz, values);
        }
        foreach (var v in values)
            AddMention(new Mention { Start = v.StartToken, End = v.EndToken, Type = v.Type, Text = Join(v.StartToken, v.EndToken), Value = v, Sentence = sentenceOf[v.StartToken] });
        if (articleDate == null && values.Any(v => v.Type == NewsEntityType.Date && v.Value == null))
            warnings.Add("The article has no date, so relative dates (\"last year\", \"Sunday\") are left unresolved (Value is empty).");

        mentions.Sort((a, b) => a.Start.CompareTo(b.Start));
        return Build(mentions, aliases, fields, fieldStarts, text, tokens, sentences, articleId, outlet, warnings);

        void AddName(int s, int e, int type)
        {
            // Trim possessives and punctuation at the edges.
            while (e > s && (Tok(e - 1) is "'s" or "’s" or "'S" || IsPunct(Tok(e - 1)))) e--;
            while (s < e && IsPunct(Tok(s))) s++;
            if (e <= s) return;
            string? title = null;
            if (type == 1)
            {
                int t0 = s;
                while (s < e - 1 && (_gaz.LookupWord(tokens[s].Span(text)) & GazetteerClass.Title) != 0) s++;
                if (s > t0) title = Join(t0, s);
            }
            NewsEntityType kind = type switch { 1 => NewsEntityType.Person, 2 => NewsEntityType.Organization, 3 => NewsEntityType.Location, _ => NewsEntityType.Group };
            // A "person" whose last word names a kind of organisation ("Brightwater Lines", "Corvale Holdings") is one.
            if (kind == NewsEntityType.Person && e - s >= 2 && (_gaz.LookupWord(tokens[e - 1].Span(text)) & GazetteerClass.OrgWord) != 0)
                kind = NewsEntityType.Organization;
            // A dateline: capitals at the start of a paragraph, then a dash or an agency in brackets ("WESTMERE —", "SEOUL (AP) —").
            bool dateline = type != 4 && IsDateline(s, e);
            if (dateline) kind = NewsEntityType.Location;
            // A span that is a nationality phrase is a group whatever the tagger said; other MISC spans are dropped.
            bool demonym = IsDemonymSpan(s, e);
            if (demonym) kind = NewsEntityType.Group;
            else if (type == 4) return;
            if (kind == NewsEntityType.Person && s + 1 == e && Tok(s).Length <= 1) return;
            Mark(s, e);
            var m = new Mention { Start = s, End = e, Type = kind, Text = Join(s, e), Sentence = sentenceOf[s], TypeWeight = dateline ? 5 : 1 };
            if (kind == NewsEntityType.Person) m.Description = Describe(s, e) ?? title;
            AddMention(m);
        }

        // "WHAT SAY YOU, JURY?" opens a paragraph in capitals before a comma too: a heading, not a dateline.
        bool HasHeadingWord(int s, int e)
        {
            for (int k = s; k < e; k++) if (Tagging.Rules.Words.IsHeadingWord(tokens[k].Span(text))) return true;
            return false;
        }

        bool IsDateline(int s, int e)
        {
            if (doc.CaseUnreliable || e >= tokens.Count) return false;
            for (int k = s; k < e; k++) if (HasLower(tokens[k].Span(text))) return false; // the token's word as Tok gives it: the same letters
            bool paragraphStart = s == 0 || text.AsSpan(tokens[s - 1].End, tokens[s].Start - tokens[s - 1].End).Contains('\n');
            if (!paragraphStart) return false;
            string next = Tok(e);
            return next is "—" or "–" or "-" or "(" or ",";
        }

        static bool HasLower(ReadOnlySpan<char> w)
        {
            foreach (char c in w) if (char.IsLower(c)) return true;
            return false;
        }

        static bool IsCapsWord(ReadOnlySpan<char> w)
        {
            if (w.Length < 2) return false;
            bool letter = false;
            foreach (char c in w)
            {
                if (char.IsLower(c) || !(char.IsLetter(c) || c is '-' or '\'' or '’' or '.')) return false;
                letter |= char.IsLetter(c);
            }
            return letter;
        }

        bool IsDemonymSpan(int s, int e)
        {
            if (e - s > 3) return false;
            ulong h = Gazetteer.SequenceSeed;
            for (int k = s; k < e; k++) h = Gazetteer.Extend(h, doc.Lower[k]);
            return (_gaz.Lookup(h) & GazetteerClass.Demonym) != 0;
        }

        void Mark(int s, int e) { for (int k = s; k < e; k++) taken[k] = true; }

        // "Hong Min, a senior analyst at the Korea Institute for National Unification, said" / "liberal politician Lee".
        string? Describe(int s, int e)
        {
            int sent = sentenceOf[s];
            if (e + 2 < tokens.Count && Tok(e) == "," && sentenceOf[e + 1] == sent)
            {
                string first = Tok(e + 1);
                bool det = first is "a" or "an" or "the" or "A" or "An" or "The";
                int k = e + 1;
                bool titled = false;
                while (k < tokens.Count && sentenceOf[k] == sent && k - e <= 16 && Tok(k) is not ("," or "." or ";" or ")" or ":" or "—" or "–"))
                {
                    if ((_gaz.LookupWord(tokens[k].Span(text)) & GazetteerClass.Title) != 0) titled = true;
                    k++;
                }
                if (k > e + 1 && (det || titled) && k - e <= 16 && (k >= tokens.Count || Tok(k) is "," or "." or ";" or ")" or "—" or "–")
                    && (det ? titled || k - e > 2 : true))
                    return Join(e + 1, k);
            }
            int b = s - 1, titleAt = -1;
            while (b >= 0 && sentenceOf[b] == sent && s - b <= 6)
            {
                string w = Tok(b);
                if (w is "'s" or "’s") { b--; continue; }
                if (IsPunct(w) || Stop.Contains(w)) break;
                if (taken[b] && !IsPartOfPlace(b)) break;
                if ((_gaz.LookupWord(tokens[b].Span(text)) & GazetteerClass.Title) != 0 && titleAt < 0) titleAt = b;
                b--;
            }
            if (titleAt < 0) return null;
            return Join(b + 1, s);
        }

        bool IsPartOfPlace(int k) => mentionAt[k] is { Type: NewsEntityType.Location or NewsEntityType.Organization or NewsEntityType.Group };

        void AddMention(Mention m)
        {
            mentions.Add(m);
            for (int k = m.Start; k < m.End; k++) mentionAt[k] ??= m;
        }

        bool Covered(int s, int e)
        {
            for (int k = s; k < e; k++) if (mentionAt[k] != null) return true;
            return false;
        }
    }

    private static readonly HashSet<string> Stop = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "a", "an", "said", "says", "and", "or", "but", "by", "with", "to", "of", "in", "on", "for", "as", "at", "from",
        "that", "who", "which", "was", "is", "were", "are", "has", "had", "have", "after", "before", "when", "while", "told",
        "according", "his", "her", "their", "its", "between", "than", "since", "under", "against", "about", "this", "then",
    };

    private static bool IsPunct(string t) => t.Length > 0 && t.All(c => !char.IsLetterOrDigit(c));

    private static NewsEntityType GuessType(string headWord) => headWord.ToLowerInvariant() switch
    {
        "line" or "zone" or "border" or "area" or "region" or "river" or "sea" or "strait" or "peninsula" or "island" or "islands" or "valley" => NewsEntityType.Location,
        _ => NewsEntityType.Organization,
    };

    private ArticleEntities Build(List<Mention> mentions, List<(string, string)> aliases, List<(string Name, string Text)> fields, List<int> fieldStarts,
        string text, List<TextToken> tokens, List<SentenceRange> sentences, string? articleId, string? outlet, List<string> warnings)
    {
        var sentenceTexts = new string?[sentences.Count]; // each sentence's text, made when first asked for
        string SentenceText(int s)
        {
            if (sentenceTexts[s] is string cached) return cached;
            var sr = sentences[s];
            int start = tokens[sr.FirstToken].Start, end = tokens[sr.EndToken - 1].End;
            string t = TextShape.OneLine(text, start, end, 400);
            sentenceTexts[s] = t;
            return t;
        }
        (string Field, int Offset) Locate(int charOffset)
        {
            int f = fieldStarts.Count - 1;
            while (f > 0 && fieldStarts[f] > charOffset) f--;
            return (fields[f].Name, charOffset - fieldStarts[f]);
        }
        double Weight(Mention m)
        {
            var (field, _) = Locate(tokens[m.Start].Start);
            return field == "Title" ? 3 : field == "Standfirst" ? 2 : m.Sentence <= 3 ? 1.5 : 1;
        }

        // A dateline: the name opens a paragraph and a comma, a dash or a bracket follows ("SEOUL, South Korea (AP) —").
        bool IsDateline(Mention m)
        {
            int c = tokens[m.Start].Start;
            while (c > 0 && text[c - 1] is ' ' or '\t') c--;
            if (c != 0 && text[c - 1] != '\n') return false;
            int e = tokens[m.End - 1].End;
            while (e < text.Length && text[e] == ' ') e++;
            return e < text.Length && text[e] is ',' or '—' or '–' or '-' or '(';
        }

        // Names through the merger; dates by value; quantities by text. One merger an extractor (one a thread), emptied
        // for each article: its tables and the keys of the spellings it met are made once, not per article.
        var merger = _merger;
        merger.Clear();
        foreach (var (a, f) in aliases) merger.AddAlias(a, f);
        var named = new List<int>();
        for (int i = 0; i < mentions.Count; i++)
        {
            var m = mentions[i];
            if (m.Value != null) continue;
            merger.Add(m.Text, m.Type, m.TypeWeight);
            named.Add(i);
        }
        var resolved = merger.Resolve();
        // Made at the most it can hold (a group a name group, then one a value at most), not grown to it.
        var groups = new List<(string Name, NewsEntityType Type, List<int> Members, IReadOnlyList<string>? Forms)>(resolved.Count + mentions.Count - named.Count);
        foreach (var g in resolved)
        {
            var members = new List<int>(g.Members.Count);
            foreach (int x in g._members) members.Add(named[x]);
            string canonical = g.Canonical;
            // "SEOUL, South Korea (AP) —": a name written in capitals only in a dateline is named as it is spelt elsewhere,
            // or in title case; acronyms written in capitals in running text ("NATO said") keep their capitals.
            if (canonical.Length >= 4 && !canonical.Any(char.IsLower) && canonical.Any(char.IsLetter))
            {
                string? mixed = g.Forms.FirstOrDefault(f => f.Any(char.IsLower) && EntityMerger.Key(f) == EntityMerger.Key(canonical));
                if (mixed != null) canonical = mixed;
                else if (members.All(i => IsDateline(mentions[i]))) canonical = TextShape.TitleCaseIfUpper(canonical);
            }
            groups.Add((canonical, g.Type, members, g.Forms));
        }
        var valueGroups = new Dictionary<string, int>();
        for (int i = 0; i < mentions.Count; i++)
        {
            var m = mentions[i];
            if (m.Value == null) continue;
            string key = m.Type + "|" + (m.Type == NewsEntityType.Date && m.Value.Value != null ? m.Value.Value : m.Text.ToLowerInvariant() + "|" + m.Value.Counted);
            if (!valueGroups.TryGetValue(key, out int gi))
            {
                valueGroups[key] = gi = groups.Count;
                groups.Add((m.Text, m.Type, new List<int>(), null));
            }
            groups[gi].Members.Add(i);
        }

        var entities = new List<NewsEntity>(groups.Count);
        var outMentions = new List<NewsEntityMention>(mentions.Count);
        double maxW = 0;
        // Each group's weight, its members' summed in member order (what Sum did, without its enumerators).
        var weights = new List<double>(groups.Count);
        foreach (var g in groups)
        {
            double sum = 0;
            foreach (int x in g.Members) sum += Weight(mentions[x]);
            weights.Add(sum);
        }
        foreach (var w in weights) maxW = Math.Max(maxW, w);
        for (int gi = 0; gi < groups.Count; gi++)
        {
            var g = groups[gi];
            // The group's mentions in text order (ties in the order found), and its forms, most frequent first, then
            // first seen: without LINQ, as this runs for every entity of every article.
            var ms = new List<Mention>(g.Members.Count);
            foreach (int x in g.Members) ms.Add(mentions[x]);
            if (ms.Count > 1)
            {
                var order = new int[ms.Count];
                for (int k = 0; k < order.Length; k++) order[k] = k;
                var sorted = ms.ToArray();
                Array.Sort(order, (x, y) => sorted[x].Start != sorted[y].Start ? sorted[x].Start.CompareTo(sorted[y].Start) : x.CompareTo(y));
                for (int k = 0; k < order.Length; k++) ms[k] = sorted[order[k]];
            }
            var firstM = ms[0];
            var (field, offset) = Locate(tokens[firstM.Start].Start);
            List<string> forms;
            if (ms.Count == 1) forms = new List<string>(1) { firstM.Text };
            else
            {
                var seen = new List<(string Text, int Count)>();
                foreach (var m in ms)
                {
                    int at = -1;
                    for (int k = 0; k < seen.Count && at < 0; k++) if (string.Equals(seen[k].Text, m.Text, StringComparison.Ordinal)) at = k;
                    if (at < 0) seen.Add((m.Text, 1)); else seen[at] = (m.Text, seen[at].Count + 1);
                }
                var byCount = new int[seen.Count];
                for (int k = 0; k < byCount.Length; k++) byCount[k] = k;
                Array.Sort(byCount, (x, y) => seen[x].Count != seen[y].Count ? seen[y].Count.CompareTo(seen[x].Count) : x.CompareTo(y));
                forms = new List<string>(seen.Count);
                foreach (int k in byCount) forms.Add(seen[k].Text);
            }
            ValueMention? v = null;
            foreach (var m in ms) if (m.Value != null) { v = m.Value; break; }
            string? description = null;
            foreach (var m in ms) if (m.Description != null) { description = m.Description; break; }
            entities.Add(new NewsEntity
            {
                Name = g.Name,
                Type = g.Type,
                Mentions = ms.Count,
                Forms = new TextList(forms),
                FirstField = field,
                FirstOffset = offset,
                Salience = maxW > 0 ? Math.Round(weights[gi] / maxW, 3) : 0,
                Description = description,
                Sentence = SentenceText(firstM.Sentence),
                ArticleId = articleId,
                Outlet = outlet,
                Articles = articleId != null ? new TextList(new[] { articleId }) : TextList.Empty,
                Value = v?.Value,
                Granularity = v?.Granularity,
                Number = v?.Number,
                Unit = v?.Unit,
                Counted = v?.Counted,
                Approximate = v?.Approximate ?? false,
            });
            foreach (var m in ms)
            {
                var (mf, mo) = Locate(tokens[m.Start].Start);
                outMentions.Add(new NewsEntityMention
                {
                    Name = g.Name, Type = g.Type, Text = m.Text, Field = mf, Offset = mo,
                    Length = tokens[m.End - 1].End - tokens[m.Start].Start, SentenceIndex = m.Sentence, Sentence = SentenceText(m.Sentence),
                    Description = m.Description, Value = m.Value?.Value, Granularity = m.Value?.Granularity, Number = m.Value?.Number,
                    Unit = m.Value?.Unit, Counted = m.Value?.Counted, Approximate = m.Value?.Approximate ?? false,
                    ArticleId = articleId, Outlet = outlet,
                });
            }
        }
        entities.Sort((a, b) => b.Salience.CompareTo(a.Salience) is int c && c != 0 ? c : string.CompareOrdinal(a.FirstField, b.FirstField) is int d && d != 0 ? -d : a.FirstOffset.CompareTo(b.FirstOffset));
        outMentions.Sort((a, b) => FieldOrder(a.Field) != FieldOrder(b.Field) ? FieldOrder(a.Field).CompareTo(FieldOrder(b.Field)) : a.Offset.CompareTo(b.Offset));
        return new ArticleEntities { Entities = entities, Mentions = outMentions, Warnings = warnings, TokenCount = tokens.Count, ArticleId = articleId, Outlet = outlet };
    }

    /// <summary>Gives a document's kept arrays back to the thread at the end of a using scope.</summary>
    private readonly struct ReleaseOnDispose(NerDocument doc) : IDisposable
    {
        public void Dispose() => doc.Release();
    }

    /// <summary>A thread's token list, kept for its next article like the tagger's arrays (a tenth of what the entity pass
    /// allocated per article); lists grown past 2^17 tokens are let go.</summary>
    [ThreadStatic] private static List<TextToken>? t_tokens;

    /// <summary>The capacity of the token list this thread keeps for its next article (0 when none): for tests.</summary>
    internal static int KeptTokenCapacity => t_tokens?.Capacity ?? 0;

    private readonly struct TokensBack(List<TextToken> tokens) : IDisposable
    {
        public void Dispose()
        {
            if (tokens.Capacity <= 1 << 17) t_tokens = tokens;
        }
    }

    private static int FieldOrder(string f) => f == "Title" ? 0 : f == "Standfirst" ? 1 : 2;

    /// <summary>
    /// Merges the entities of many articles (corpus scope): one entity per real-world entity across all articles, with
    /// mentions added up, forms joined, and the articles and outlets that mention it.
    /// </summary>
    public static IReadOnlyList<NewsEntity> MergeCorpus(IEnumerable<ArticleEntities> articles)
    {
        var all = articles.SelectMany(a => a.Entities).ToList();
        var merger = new EntityMerger();
        var namedIdx = new List<int>();
        var valueGroups = new Dictionary<string, List<int>>();
        for (int i = 0; i < all.Count; i++)
        {
            var e = all[i];
            if (e.Type is NewsEntityType.Person or NewsEntityType.Organization or NewsEntityType.Location or NewsEntityType.Group)
            {
                // Every form takes part, so "Lee Jae Myung" in one article meets "Lee Jae-myung" and "Lee" in another.
                foreach (var f in e.Forms.Prepend(e.Name).Distinct()) { merger.Add(f, e.Type, f == e.Name ? e.Mentions : 0.5); namedIdx.Add(i); }
            }
            else
            {
                string key = e.Type + "|" + (e.Value ?? e.Name.ToLowerInvariant()) + "|" + (e.Type == NewsEntityType.Date ? "" : e.Counted);
                if (!valueGroups.TryGetValue(key, out var l)) valueGroups[key] = l = new List<int>();
                l.Add(i);
            }
        }
        var result = new List<NewsEntity>();
        var seenRoots = new Dictionary<int, int>();
        // The merger may put an entity's forms in different groups only if ambiguous; an entity goes with its name's group.
        var groups = merger.Resolve();
        var memberGroup = new int[merger.Count];
        for (int g = 0; g < groups.Count; g++) foreach (var m in groups[g].Members) memberGroup[m] = g;
        var byGroup = new Dictionary<int, List<int>>();
        var entityGroup = new Dictionary<int, int>();
        for (int m = 0; m < namedIdx.Count; m++)
        {
            int ei = namedIdx[m];
            if (entityGroup.ContainsKey(ei)) continue; // the first form added is the entity's name
            entityGroup[ei] = memberGroup[m];
        }
        foreach (var (ei, g) in entityGroup.OrderBy(kv => kv.Key))
        {
            if (!byGroup.TryGetValue(g, out var l)) byGroup[g] = l = new List<int>();
            l.Add(ei);
        }
        foreach (var (g, members) in byGroup)
            result.Add(Combine(members.Select(x => all[x]).ToList(), groups[g].Canonical, groups[g].Type));
        foreach (var l in valueGroups.Values)
            result.Add(Combine(l.Select(x => all[x]).ToList(), all[l[0]].Name, all[l[0]].Type));
        double max = result.Count > 0 ? result.Max(e => e.Salience) : 1;
        return result.OrderByDescending(e => e.ArticleCount).ThenByDescending(e => e.Salience).ThenByDescending(e => e.Mentions).ThenBy(e => e.Name, StringComparer.Ordinal).ToList();
    }

    private static NewsEntity Combine(List<NewsEntity> es, string name, NewsEntityType type)
    {
        var first = es[0];
        var articles = es.Select(e => e.ArticleId).Where(a => a != null).Select(a => a!).Distinct().ToList();
        var outlets = es.Select(e => e.Outlet).Where(o => !string.IsNullOrEmpty(o)).Select(o => o!).Distinct().ToList();
        var forms = es.SelectMany(e => e.Forms).GroupBy(f => f).OrderByDescending(x => x.Count()).Select(x => x.Key).ToList();
        return new NewsEntity
        {
            Name = name,
            Type = type,
            Mentions = es.Sum(e => e.Mentions),
            Forms = new TextList(forms),
            FirstField = first.FirstField,
            FirstOffset = first.FirstOffset,
            Salience = Math.Round(es.Sum(e => e.Salience), 3),
            Description = es.Select(e => e.Description).FirstOrDefault(d => d != null),
            Sentence = first.Sentence,
            ArticleId = first.ArticleId,
            Outlet = outlets.Count > 0 ? string.Join("; ", outlets) : null,
            Articles = new TextList(articles),
            ArticleCount = Math.Max(1, articles.Count),
            Value = first.Value,
            Granularity = first.Granularity,
            Number = first.Number,
            Unit = first.Unit,
            Counted = first.Counted,
            Approximate = first.Approximate,
        };
    }
}
