using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Engine.Coverage;

/// <summary>
/// What <see cref="StoryGrouper"/> keeps of one article: weighted term counts (names, numbers, headline and lead count
/// more), the distinct names it mentions, and its body's word shingles for copy detection. Computed once, when the
/// article is added.
/// </summary>
internal sealed class StoryFeatures
{
    public required NewsArticle Article { get; init; }
    /// <summary>UTC ticks of Published, or long.MaxValue when the article has no date.</summary>
    public long Ticks { get; init; }
    public bool HasDate => Ticks != long.MaxValue;
    /// <summary>Term ids (ascending) and their weighted counts, parallel arrays.</summary>
    public int[] Terms { get; init; } = Array.Empty<int>();
    public float[] Counts { get; init; } = Array.Empty<float>();
    /// <summary>Whether each term is a name or a number here (what tells one event from another of the same kind).</summary>
    public bool[] Entity { get; init; } = Array.Empty<bool>();
    /// <summary>Distinct name term ids (people, organisations, places), in order of first mention.</summary>
    public int[] Names { get; init; } = Array.Empty<int>();
    /// <summary>Distinct hashes of the body's 5-word shingles (ascending).</summary>
    public uint[] Shingles { get; init; } = Array.Empty<uint>();
}

/// <summary>
/// The vocabulary shared by the articles of one grouper: term ids by 64-bit hash of the lower-cased term, document
/// frequencies, and a display form for names.
/// </summary>
internal sealed class TermTable
{
    private readonly Dictionary<ulong, int> _ids = new();
    public readonly List<int> Df = new();
    public readonly List<string?> Display = new();

    public int Count => Df.Count;

    public int IdOf(ulong hash)
    {
        if (!_ids.TryGetValue(hash, out int id))
        {
            id = Df.Count;
            _ids.Add(hash, id);
            Df.Add(0);
            Display.Add(null);
        }
        return id;
    }
}

/// <summary>
/// Cheap tokenisation and feature extraction for story grouping: no model, one pass over the text plus one over its
/// tokens. A name is a capitalised word not at the start of a sentence (or at the start but also capitalised
/// elsewhere in the article, or followed by another name), and consecutive names form one name ("Liesel Wyneri").
/// </summary>
internal sealed class FeatureExtractor
{
    /// <summary>Characters of the body read for terms and shingles (huge articles are capped).</summary>
    public const int MaxBodyChars = 40_000;
    public const int MaxTermsPerArticle = 200;
    public const int MaxNamesPerArticle = 48;
    public const int MaxShingles = 3000;
    public const int ShingleSize = 5;
    private const int MaxTokenChars = 24;

    private const float TitleWeight = 3f, StandfirstWeight = 2f, LeadWeight = 2f, BodyWeight = 1f;
    private const float NameFactor = 2f, NumberFactor = 1.5f;

    [Flags]
    private enum TokenFlags : byte { None = 0, Capital = 1, Number = 2, SentenceStart = 4, Adjacent = 8, AllCaps = 16, Body = 32 }

    private struct Token
    {
        public int Start, Length, Segment;
        public ulong Hash;
        public TokenFlags Flags;
        public float Weight;
    }

    private readonly TermTable _terms;
    private readonly List<Token> _tokens = new();
    private readonly List<string> _segments = new();
    private readonly Dictionary<ulong, float> _counts = new();
    private readonly HashSet<ulong> _entityTerms = new();
    private readonly HashSet<ulong> _midCapitals = new();
    private readonly List<ulong> _names = new();
    private readonly List<string?> _nameDisplays = new();
    private readonly List<uint> _shingles = new();

    public FeatureExtractor(TermTable terms) => _terms = terms;

    public StoryFeatures Extract(NewsArticle article)
    {
        _tokens.Clear(); _segments.Clear(); _counts.Clear(); _entityTerms.Clear(); _midCapitals.Clear(); _names.Clear(); _nameDisplays.Clear(); _shingles.Clear();

        if (!string.IsNullOrWhiteSpace(article.Title)) Scan(article.Title, 0, article.Title.Length, TitleWeight, false);
        if (!string.IsNullOrWhiteSpace(article.Standfirst)) Scan(article.Standfirst, 0, article.Standfirst.Length, StandfirstWeight, false);
        string body = article.Body ?? "";
        int end = Math.Min(body.Length, MaxBodyChars);
        int paragraph = 0, pos = 0;
        while (pos < end)
        {
            int nl = body.IndexOf('\n', pos, end - pos);
            int stop = nl < 0 ? end : nl;
            if (stop > pos && !IsBlank(body, pos, stop))
            {
                Scan(body, pos, stop, paragraph < 2 ? LeadWeight : BodyWeight, true);
                paragraph++;
            }
            pos = stop + 1;
        }

        var tokens = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_tokens);
        // Words capitalised in the middle of a body sentence: names wherever they appear.
        foreach (ref var t in tokens)
            if ((t.Flags & (TokenFlags.Capital | TokenFlags.Number | TokenFlags.SentenceStart | TokenFlags.Body)) == (TokenFlags.Capital | TokenFlags.Body)
                && !StopWords.IsStop(t.Hash))
                _midCapitals.Add(t.Hash);
        bool bodyHasText = _midCapitals.Count > 0;

        Span<bool> name = tokens.Length <= 4096 ? stackalloc bool[tokens.Length] : new bool[tokens.Length];
        for (int k = 0; k < tokens.Length; k++)
        {
            ref var t = ref tokens[k];
            if ((t.Flags & TokenFlags.Capital) == 0 || (t.Flags & TokenFlags.Number) != 0 || t.Length < 2 || StopWords.IsStop(t.Hash) || StopWords.IsCalendar(t.Hash)) continue;
            bool title = (t.Flags & TokenFlags.Body) == 0;
            if (title && bodyHasText) name[k] = _midCapitals.Contains(t.Hash); // headline case says little
            else name[k] = (t.Flags & TokenFlags.SentenceStart) == 0 || _midCapitals.Contains(t.Hash);
        }
        // A sentence-initial capitalised word followed by a name is part of it ("Stonefield Systems won ...").
        for (int k = tokens.Length - 2; k >= 0; k--)
        {
            ref var t = ref tokens[k];
            if (name[k] || !name[k + 1] || (tokens[k + 1].Flags & TokenFlags.Adjacent) == 0) continue;
            if ((t.Flags & TokenFlags.Capital) == 0 || (t.Flags & TokenFlags.Number) != 0 || t.Length < 2 || StopWords.IsStop(t.Hash) || StopWords.IsCalendar(t.Hash)) continue;
            if ((t.Flags & TokenFlags.Body) == 0 && bodyHasText) continue;
            name[k] = true;
        }

        // Term counts: every non-stop word, names and numbers weighted up; each multi-word name also as one term.
        for (int k = 0; k < tokens.Length; k++)
        {
            ref var t = ref tokens[k];
            bool isNumber = (t.Flags & TokenFlags.Number) != 0;
            if (!isNumber && (t.Length < 2 || StopWords.IsStop(t.Hash))) continue;
            float w = t.Weight * (name[k] ? NameFactor : isNumber ? NumberFactor : 1f);
            _counts[t.Hash] = _counts.GetValueOrDefault(t.Hash) + w;
            if (name[k] || isNumber) _entityTerms.Add(t.Hash);
        }
        for (int k = 0; k < tokens.Length;)
        {
            if (!name[k]) { k++; continue; }
            int first = k;
            ulong h = tokens[k].Hash;
            k++;
            while (k < tokens.Length && name[k] && (tokens[k].Flags & TokenFlags.Adjacent) != 0 && tokens[k].Segment == tokens[first].Segment && k - first < 6)
            {
                h = Mix(h, tokens[k].Hash);
                k++;
            }
            if (k - first > 1)
            {
                _counts[h] = _counts.GetValueOrDefault(h) + tokens[first].Weight * NameFactor;
                _entityTerms.Add(h);
            }
            if (_names.Count < MaxNamesPerArticle * 2 && !_names.Contains(h))
            {
                _names.Add(h);
                var seg = _segments[tokens[first].Segment];
                var last = tokens[k - 1];
                _nameDisplays.Add(seg.Substring(tokens[first].Start, last.Start + last.Length - tokens[first].Start));
            }
        }

        // Shingles of the body's words, in text order, capped.
        ulong w0 = 0, w1 = 0, w2 = 0, w3 = 0;
        int seen = 0;
        for (int k = 0; k < tokens.Length && _shingles.Count < MaxShingles; k++)
        {
            ref var t = ref tokens[k];
            if ((t.Flags & TokenFlags.Body) == 0) continue;
            seen++;
            if (seen >= ShingleSize)
                _shingles.Add((uint)(Final(Mix(Mix(Mix(Mix(w0, w1), w2), w3), t.Hash)) >> 32));
            w0 = w1; w1 = w2; w2 = w3; w3 = t.Hash;
        }
        if (seen is > 0 and < ShingleSize)
        {
            ulong h = 0;
            foreach (ref var t in tokens) if ((t.Flags & TokenFlags.Body) != 0) h = Mix(h, t.Hash);
            _shingles.Add((uint)(Final(h) >> 32));
        }
        var shingles = _shingles.ToArray();
        Array.Sort(shingles);
        int distinct = 0;
        for (int k = 0; k < shingles.Length; k++) if (k == 0 || shingles[k] != shingles[k - 1]) shingles[distinct++] = shingles[k];
        Array.Resize(ref shingles, distinct);

        // Keep the heaviest terms (ties by hash, so the choice does not depend on input order).
        var pairs = _counts.ToArray();
        if (pairs.Length > MaxTermsPerArticle)
        {
            Array.Sort(pairs, (a, b) => a.Value != b.Value ? b.Value.CompareTo(a.Value) : a.Key.CompareTo(b.Key));
            Array.Resize(ref pairs, MaxTermsPerArticle);
        }
        var ids = new int[pairs.Length];
        var counts = new float[pairs.Length];
        var order = new int[pairs.Length];
        for (int k = 0; k < pairs.Length; k++)
        {
            int id = _terms.IdOf(pairs[k].Key);
            _terms.Df[id]++;
            ids[k] = id;
            counts[k] = pairs[k].Value;
            order[k] = k;
        }
        Array.Sort((int[])ids.Clone(), order);
        Array.Sort(ids, counts);
        var entity = new bool[pairs.Length];
        for (int k = 0; k < order.Length; k++) entity[k] = _entityTerms.Contains(pairs[order[k]].Key);

        var names = new List<int>(Math.Min(_names.Count, MaxNamesPerArticle));
        for (int k = 0; k < _names.Count && names.Count < MaxNamesPerArticle; k++)
        {
            int id = _terms.IdOf(_names[k]);
            if (names.Contains(id)) continue;
            names.Add(id);
            string? shown = _terms.Display[id];
            string candidate = _nameDisplays[k]!;
            if (shown == null || (IsAllCaps(shown) && !IsAllCaps(candidate))) _terms.Display[id] = candidate;
        }

        return new StoryFeatures
        {
            Article = article,
            Ticks = article.Published?.UtcTicks ?? long.MaxValue,
            Terms = ids,
            Counts = counts,
            Entity = entity,
            Names = names.ToArray(),
            Shingles = shingles,
        };
    }

    private static bool IsBlank(string s, int from, int to)
    {
        for (int i = from; i < to; i++) if (!char.IsWhiteSpace(s[i])) return false;
        return true;
    }

    private static bool IsAllCaps(string s)
    {
        foreach (char c in s) if (char.IsLower(c)) return false;
        return true;
    }

    private void Scan(string text, int from, int to, float weight, bool body)
    {
        int segment = _segments.Count;
        _segments.Add(text);
        bool sentenceStart = true, adjacent = false;
        int i = from;
        while (i < to)
        {
            char c = text[i];
            if (!char.IsLetterOrDigit(c))
            {
                if (c is '.' or '!' or '?' or ':' or ';' or '“' or '"' or '‘' or '«' or '„' or '—' or '–' or '•' or '|') sentenceStart = true;
                if (!char.IsWhiteSpace(c)) adjacent = false;
                i++;
                continue;
            }
            int start = i;
            bool digit = false, upper = char.IsUpper(c), lower = false;
            ulong h = FnvOffset;
            while (i < to && i - start < MaxTokenChars)
            {
                char ch = text[i];
                if (char.IsLetterOrDigit(ch))
                {
                    if (char.IsDigit(ch)) digit = true;
                    else if (char.IsLower(ch)) lower = true;
                    h = (h ^ char.ToLowerInvariant(ch)) * FnvPrime;
                    i++;
                    continue;
                }
                bool inner = i + 1 < to && i > start;
                if (inner && (ch == '.' || ch == ',') && char.IsDigit(text[i - 1]) && char.IsDigit(text[i + 1])) { h = (h ^ ch) * FnvPrime; i++; continue; }
                if (inner && (ch == '\'' || ch == '’' || ch == '-') && char.IsLetter(text[i - 1]) && char.IsLetter(text[i + 1]))
                {
                    // Possessive 's is dropped: "club's" is "club".
                    if (ch != '-' && (text[i + 1] == 's' || text[i + 1] == 'S') && (i + 2 >= to || !char.IsLetterOrDigit(text[i + 2]))) { i += 2; break; }
                    h = (h ^ (ch == '’' ? '\'' : ch)) * FnvPrime;
                    i++;
                    continue;
                }
                break;
            }
            var flags = TokenFlags.None;
            if (upper) flags |= TokenFlags.Capital;
            if (upper && !lower && i - start > 1) flags |= TokenFlags.AllCaps;
            if (digit) flags |= TokenFlags.Number;
            if (sentenceStart) flags |= TokenFlags.SentenceStart;
            if (adjacent) flags |= TokenFlags.Adjacent;
            if (body) flags |= TokenFlags.Body;
            _tokens.Add(new Token { Start = start, Length = i - start, Segment = segment, Hash = h, Flags = flags, Weight = weight });
            sentenceStart = false;
            adjacent = true;
        }
    }

    private const ulong FnvOffset = 14695981039346656037UL, FnvPrime = 1099511628211UL;

    internal static ulong HashWord(string word)
    {
        ulong h = FnvOffset;
        foreach (char c in word) h = (h ^ char.ToLowerInvariant(c)) * FnvPrime;
        return h;
    }

    internal static ulong Mix(ulong a, ulong b) => (a ^ (b + 0x9E3779B97F4A7C15UL + (a << 6) + (a >> 2))) * 0xBF58476D1CE4E5B9UL;

    internal static ulong Final(ulong x)
    {
        x ^= x >> 30; x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27; x *= 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}

/// <summary>Common English function words (ignored as terms, never names on their own), months and weekdays.</summary>
internal static class StopWords
{
    private static readonly HashSet<ulong> Stop = Hashes(
        "a about above after again against all also am an and any are as at be because been before being below between both but by " +
        "can could did do does doing down during each few for from further had has have having he her here hers herself him himself his how " +
        "i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours ourselves out over own " +
        "same she should so some such than that the their theirs them themselves then there these they this those through to too under until up " +
        "very was we were what when where which while who whom why will with would you your yours yourself yourselves " +
        "said says say told according new one two three four five six seven eight nine ten first last year years week day days " +
        "mr mrs ms dr however meanwhile but yet still since while although though many much may might must shall per via " +
        "today yesterday tomorrow tonight morning evening afternoon night");

    private static readonly HashSet<ulong> Calendar = Hashes(
        "january february march april may june july august september october november december " +
        "jan feb mar apr jun jul aug sep sept oct nov dec " +
        "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thurs fri sat sun");

    private static HashSet<ulong> Hashes(string words) =>
        words.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(FeatureExtractor.HashWord).ToHashSet();

    public static bool IsStop(ulong hash) => Stop.Contains(hash);
    public static bool IsCalendar(ulong hash) => Calendar.Contains(hash);
}
