using System.Runtime.InteropServices;
using NewsCmdlets.Engine.Entities.Tagging;
using NewsCmdlets.Engine.Model;
using NewsCmdlets.Engine.Text;

namespace NewsCmdlets.Engine.Coverage;

/// <summary>
/// What <see cref="StoryGrouper"/> keeps of one article, computed once when it is added and never changed by the rest
/// of the pile: its term vector (word rarity from a background table, headline and lead weighted up, names and numbers
/// marked), the names it mentions, and the word shingles of its text in order for copy detection.
/// </summary>
internal sealed class StoryFeatures
{
    public required NewsArticle Article { get; init; }
    /// <summary>UTC ticks of Published, or long.MaxValue when the article has no date.</summary>
    public long Ticks { get; init; }
    public bool HasDate => Ticks != long.MaxValue;
    /// <summary>
    /// The term vector: each term's id, what it is here (<see cref="TermKind"/>) and its L2-normalised weight, by id
    /// ascending. One array of 8 bytes a term (three parallel arrays took 9 and two more array headers), read in place
    /// by the grouper's candidate index too (it kept a copy of all of them, 72 MB at 100,000 articles).
    /// </summary>
    public TermEntry[] Vector { get; init; } = Array.Empty<TermEntry>();
    /// <summary>Whether any of <see cref="Vector"/> is a <see cref="TermKind.HeadlineFigure"/>.</summary>
    public bool HasHeadlineFigure { get; init; }
    /// <summary>L2 norm of the weights of the names among <see cref="Vector"/>.</summary>
    public float NameNorm { get; init; }
    /// <summary>Distinct name term ids (people, organisations, places), in order of first mention.</summary>
    public int[] Names { get; init; } = Array.Empty<int>();
    /// <summary>Hashes of the text's word shingles in text order (headline, standfirst, body), for copy detection (<see cref="StoryGrouper.Group"/> lets go of them once it has found the copies).</summary>
    public uint[] Shingles { get; set; } = Array.Empty<uint>();
    /// <summary>How many of the first <see cref="Shingles"/> start in the headline (a copy's new headline is not held against it).</summary>
    public int HeadlineShingles { get; init; }
    /// <summary>Words in the text shingled (headline included).</summary>
    public int Words { get; init; }
    /// <summary>The lead (the first body paragraph of <see cref="FeatureExtractor.LeadWords"/> words or more, or a headline that is such a sentence) as a range of word positions (as <see cref="Shingles"/> count them): [LeadStart, LeadEnd); empty when there is none.</summary>
    public int LeadStart { get; init; }
    public int LeadEnd { get; init; }
    /// <summary>Distinct hashes of the capitalised words (but common ones) and numbers in the text (ascending), for copy detection.</summary>
    public uint[] NameHashes { get; set; } = Array.Empty<uint>();
}

/// <summary>
/// A term of an article's vector: its id in the low <see cref="IdBits"/> bits with its <see cref="TermKind"/> flags above
/// (<see cref="TermKind.Name"/> in the top bit, so a name's entry is negative), and its weight.
/// </summary>
internal readonly struct TermEntry
{
    public const int IdBits = 28;
    public const int IdMask = (1 << IdBits) - 1;
    /// <summary>The bit of <see cref="Packed"/> that says the term is one of the article's names.</summary>
    public const int NameBit = 1 << 31;

    /// <summary>The id and the kind flags (Name, Number, Lead, HeadlineFigure from the top bit down).</summary>
    public readonly int Packed;
    public readonly float Weight;

    public TermEntry(int id, TermKind kind, float weight)
    {
        Packed = id | (int)((uint)Reverse(kind) << IdBits);
        Weight = weight;
    }

    public int Id => Packed & IdMask;
    public TermKind Kind => Reverse((TermKind)((uint)Packed >> IdBits));
    public bool IsName => Packed < 0;

    /// <summary>The four flags in reverse order (Name the highest), one way and back.</summary>
    private static TermKind Reverse(TermKind k) =>
        (TermKind)((((int)k & 1) << 3) | (((int)k & 2) << 1) | (((int)k & 4) >> 1) | (((int)k & 8) >> 3));

    /// <summary>Position of the term <paramref name="id"/> in a vector (ids ascending), or a negative number when it is not there.</summary>
    public static int IndexOf(TermEntry[] vector, int id)
    {
        int lo = 0, hi = vector.Length - 1;
        while (lo <= hi)
        {
            int mid = lo + ((hi - lo) >> 1);
            int x = vector[mid].Packed & IdMask;
            if (x == id) return mid;
            if (x < id) lo = mid + 1;
            else hi = mid - 1;
        }
        return ~lo;
    }
}

/// <summary>What a term is in an article. <see cref="HeadlineFigure"/>: a figure (not a year, a day of the month or a small
/// count) that the headline gives, such as a quake's magnitude or the jobs a company cuts.</summary>
[Flags]
internal enum TermKind : byte { Word = 0, Name = 1, Number = 2, Lead = 4, HeadlineFigure = 8 }

/// <summary>
/// The vocabulary shared by the articles of one grouper: term ids by 64-bit hash of the term, and a display form for
/// names. Ids are only names for hashes: nothing about a term depends on how many articles have it.
/// </summary>
internal sealed class TermTable
{
    private readonly Dictionary<ulong, int> _ids = new();
    public readonly List<string?> Display = new();
    /// <summary>For a name of several words, the id of its last word ("Wyneri" of "Liesel Wyneri"), else -1.</summary>
    public readonly List<int> Head = new();

    public int Count => Display.Count;

    public int IdOf(ulong hash)
    {
        if (!_ids.TryGetValue(hash, out int id))
        {
            id = Display.Count;
            if (id > TermEntry.IdMask) throw new InvalidOperationException("Too many distinct terms to group in one pile.");
            _ids.Add(hash, id);
            Display.Add(null);
            Head.Add(-1);
        }
        return id;
    }
}

/// <summary>Hashing of words as the grouper sees them: lower case without common diacritics.</summary>
internal static class StoryText
{
    public const ulong FnvOffset = 14695981039346656037UL, FnvPrime = 1099511628211UL;

    public static ulong Step(ulong h, char c) => (h ^ Hashing.Fold(c)) * FnvPrime;

    public static ulong HashWord(ReadOnlySpan<char> word)
    {
        ulong h = FnvOffset;
        foreach (char c in word) h = Step(h, c);
        return Final(h);
    }

    public static ulong Mix(ulong a, ulong b) => (a ^ (b + 0x9E3779B97F4A7C15UL + (a << 6) + (a >> 2))) * 0xBF58476D1CE4E5B9UL;

    public static ulong Final(ulong x)
    {
        x ^= x >> 30; x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27; x *= 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}

/// <summary>
/// Feature extraction for story grouping: no model, one pass over the text plus one over its tokens. A name is a
/// capitalised word not at the start of a sentence (or at the start but also capitalised elsewhere in the article, or
/// followed by another name), and consecutive names form one name ("Liesel Wyneri"). Web addresses and e-mail
/// addresses are skipped. A word's weight is its rarity in English at large (<see cref="WordRarity"/>) times where it
/// stands (headline, standfirst and the first two paragraphs count more) and what it is (names count more); plural
/// endings are folded ("quakes" is "quake").
/// </summary>
internal sealed class FeatureExtractor
{
    /// <summary>Characters of the body read (huge articles are capped).</summary>
    public const int MaxBodyChars = 40_000;
    public const int MaxTerms = 96;
    public const int MaxNamesPerArticle = 48;
    public const int MaxShingles = 2000;
    public const int ShingleSize = 4;
    /// <summary>Unquoted words a body paragraph needs to be taken as the lead.</summary>
    public const int LeadWords = 12;
    private const int MaxTokenChars = 24;

    private const float TitleWeight = 3f, StandfirstWeight = 2f, LeadWeight = 2f, BodyWeight = 1f;
    private const float NameFactor = 2f;
    /// <summary>Weights of numbers (they are not in the background table): figures, years, and days of the month or small counts.</summary>
    private const float NumberIdf = 5f, YearIdf = 3f, SmallNumberIdf = 1f;
    private const int LeadParagraphs = 2;

    [Flags]
    private enum TokenFlags : ushort { None = 0, Capital = 1, Number = 2, SentenceStart = 4, Adjacent = 8, AllCaps = 16, Body = 32, Headline = 64, Quoted = 128, Contraction = 256, Dateline = 512 }

    private struct Token
    {
        public int Start, Length, Segment;
        public ulong Hash, Stem;
        public TokenFlags Flags;
        public float Weight;
        public bool Lead;
    }

    private readonly TermTable _terms;
    private readonly List<Token> _tokens = new();
    private readonly List<string> _segments = new();
    private readonly Dictionary<ulong, (float Tf, float Idf, TermKind Kind)> _counts = new();
    private readonly HashSet<ulong> _midCapitals = new();
    private readonly List<ulong> _names = new();
    private readonly List<string?> _nameDisplays = new();
    private readonly List<uint> _shingles = new();
    private readonly List<int> _wordTokens = new();
    private readonly List<uint> _marked = new();
    private readonly Dictionary<ulong, ulong> _heads = new();

    public FeatureExtractor(TermTable terms) => _terms = terms;

    public StoryFeatures Extract(NewsArticle article)
    {
        _tokens.Clear(); _segments.Clear(); _counts.Clear(); _midCapitals.Clear(); _names.Clear(); _nameDisplays.Clear(); _shingles.Clear(); _wordTokens.Clear(); _marked.Clear(); _heads.Clear();

        string? headline = article.Title; // decoded once (see NewsArticle.Title)
        if (!string.IsNullOrWhiteSpace(headline)) Scan(headline, 0, headline.Length, TitleWeight, TokenFlags.Headline, true);
        if (!string.IsNullOrWhiteSpace(article.Standfirst)) Scan(article.Standfirst, 0, article.Standfirst.Length, StandfirstWeight, TokenFlags.None, true);
        string body = article.Body ?? "";
        int end = Math.Min(body.Length, MaxBodyChars);
        int paragraph = 0, pos = 0;
        while (pos < end)
        {
            int nl = body.IndexOf('\n', pos, end - pos);
            int stop = nl < 0 ? end : nl;
            if (stop > pos && !IsBlank(body, pos, stop))
            {
                int before = _tokens.Count;
                bool lead = paragraph < LeadParagraphs;
                // "DORHAM (HLN) — ...": the agency in a dateline is who filed the report, the same for unrelated
                // stories; it is not a term of the story (the place is).
                var agency = paragraph == 0 ? DatelineAgency(body, pos, stop) : (Start: pos, End: pos);
                Scan(body, pos, stop, lead ? LeadWeight : BodyWeight, TokenFlags.Body, lead, agency.Start, agency.End);
                if (_tokens.Count > before) paragraph++; // a line that is only a web address is no paragraph
            }
            pos = stop + 1;
        }

        var tokens = CollectionsMarshal.AsSpan(_tokens);
        // Words capitalised in the middle of a body sentence: names wherever they appear.
        foreach (ref var t in tokens)
            if ((t.Flags & (TokenFlags.Capital | TokenFlags.Number | TokenFlags.SentenceStart | TokenFlags.Body)) == (TokenFlags.Capital | TokenFlags.Body)
                && WordRarity.Rank(t.Hash) is 0 or > WordRarity.CommonRank)
                _midCapitals.Add(t.Hash);
        bool bodyHasText = _midCapitals.Count > 0;

        Span<bool> name = tokens.Length <= 4096 ? stackalloc bool[tokens.Length] : new bool[tokens.Length];
        for (int k = 0; k < tokens.Length; k++)
        {
            ref var t = ref tokens[k];
            if (!CanBeName(t)) continue;
            bool title = (t.Flags & TokenFlags.Body) == 0;
            if (title && bodyHasText) name[k] = _midCapitals.Contains(t.Hash); // headline case says little
            else name[k] = (t.Flags & TokenFlags.SentenceStart) == 0 || _midCapitals.Contains(t.Hash);
        }
        // A sentence-initial capitalised word followed by a name is part of it ("Stonefield Systems won ...").
        for (int k = tokens.Length - 2; k >= 0; k--)
        {
            ref var t = ref tokens[k];
            if (name[k] || !name[k + 1] || (tokens[k + 1].Flags & TokenFlags.Adjacent) == 0 || !CanBeName(t)) continue;
            if ((t.Flags & TokenFlags.Body) == 0 && bodyHasText) continue;
            name[k] = true;
        }

        // Term weights: every word that is not in nearly every text, names and numbers marked.
        for (int k = 0; k < tokens.Length; k++)
        {
            ref var t = ref tokens[k];
            bool isNumber = (t.Flags & TokenFlags.Number) != 0;
            float idf;
            TermKind kind;
            ulong key;
            if (isNumber)
            {
                idf = NumberWeight(_segments[t.Segment].AsSpan(t.Start, t.Length));
                kind = idf >= NumberIdf && (t.Flags & TokenFlags.Headline) != 0 ? TermKind.Number | TermKind.HeadlineFigure : TermKind.Number;
                key = t.Hash;
            }
            else
            {
                if (t.Length < 2 || (t.Flags & TokenFlags.Contraction) != 0) continue;
                int rank = WordRarity.Rank(t.Hash);
                if (rank == 0 && t.Stem != t.Hash) rank = WordRarity.Rank(t.Stem);
                idf = WordRarity.IdfOfRank(rank == 0 ? WordRarity.UnknownRank : rank);
                kind = name[k] ? TermKind.Name : TermKind.Word;
                key = t.Stem;
            }
            if (idf <= 0 || (t.Flags & TokenFlags.Dateline) != 0) continue;
            if (t.Lead) kind |= TermKind.Lead;
            Add(key, t.Weight, idf, kind);
        }
        for (int k = 0; k < tokens.Length;)
        {
            if (!name[k]) { k++; continue; }
            int first = k;
            ulong h = tokens[k].Stem;
            float idf = WordRarity.Idf(tokens[k].Hash);
            k++;
            while (k < tokens.Length && name[k] && (tokens[k].Flags & TokenFlags.Adjacent) != 0 && tokens[k].Segment == tokens[first].Segment && k - first < 6)
            {
                h = StoryText.Mix(h, tokens[k].Stem);
                idf = Math.Max(idf, WordRarity.Idf(tokens[k].Hash));
                k++;
            }
            if (k - first > 1)
            {
                Add(h, tokens[first].Weight, idf, TermKind.Name | (tokens[first].Lead ? TermKind.Lead : 0));
                _heads.TryAdd(h, tokens[k - 1].Stem);
            }
            if (_names.Count < MaxNamesPerArticle * 2 && !_names.Contains(h))
            {
                _names.Add(h);
                var seg = _segments[tokens[first].Segment];
                var last = tokens[k - 1];
                _nameDisplays.Add(seg.Substring(tokens[first].Start, last.Start + last.Length - tokens[first].Start));
            }
        }

        // Shingles of the whole text in order (headline, standfirst, body), quotations left out: two reports quoting
        // one statement have not copied each other.
        int k0 = ShingleSize;
        Span<ulong> ring = stackalloc ulong[k0];
        Span<bool> ringHeadline = stackalloc bool[k0];
        int headlineShingles = 0, words = 0;
        for (int k = 0; k < tokens.Length && _shingles.Count < MaxShingles; k++)
        {
            ref var t = ref tokens[k];
            if ((t.Flags & TokenFlags.Quoted) != 0) continue;
            ring[words % k0] = t.Hash;
            ringHeadline[words % k0] = (t.Flags & TokenFlags.Headline) != 0;
            _wordTokens.Add(k);
            words++;
            if (words >= k0)
            {
                ulong h = 0;
                for (int r = words - k0; r < words; r++) h = StoryText.Mix(h, ring[r % k0]);
                _shingles.Add((uint)(StoryText.Final(h) >> 32));
                if (ringHeadline[(words - k0) % k0]) headlineShingles++;
            }
        }
        words += Math.Max(0, CountUnquoted(tokens) - words); // words past the cap still count as words
        // Names and figures for copy detection: every capitalised word that is not common (nor a month or a weekday),
        // wherever it stands (a headline's or a sentence's first word too: the other text may have it mid-sentence),
        // and every figure but years and small numbers.
        for (int k = 0; k < tokens.Length; k++)
        {
            ref var t = ref tokens[k];
            bool figure = (t.Flags & TokenFlags.Number) != 0 && NumberWeight(_segments[t.Segment].AsSpan(t.Start, t.Length)) >= NumberIdf;
            bool named = (t.Flags & (TokenFlags.Capital | TokenFlags.Number)) == TokenFlags.Capital && t.Length >= 2
                         && WordRarity.Rank(t.Hash) is 0 or > WordRarity.CommonRank && !Calendar.Contains(t.Hash);
            if (figure || named) _marked.Add((uint)(t.Hash >> 32));
        }
        var nameHashes = CopyDetector.SortedDistinct(_marked.ToArray());
        // The lead: the first body paragraph long enough to be a sentence of news (datelines, bylines, chrome lines
        // and captions are shorter), or a headline that is such a sentence (a text whose first line is its lead).
        int leadStart = 0, leadEnd = 0;
        bool sentenceTitle = headline?.TrimEnd().EndsWith('.') == true;
        for (int w = 0; w < _wordTokens.Count;)
        {
            ref var t = ref tokens[_wordTokens[w]];
            int next = w + 1;
            while (next < _wordTokens.Count && tokens[_wordTokens[next]].Segment == t.Segment) next++;
            bool candidate = (t.Flags & TokenFlags.Body) != 0 || (t.Flags & TokenFlags.Headline) != 0 && sentenceTitle;
            if (candidate && next - w >= LeadWords) { leadStart = w; leadEnd = next; break; }
            w = next;
        }

        // Keep the heaviest terms (ties by hash, so the choice does not depend on input order), L2-normalised.
        var pairs = new (ulong Key, float W, TermKind Kind)[_counts.Count];
        int n = 0;
        foreach (var (key, c) in _counts)
        {
            float w = (float)Math.Log(1 + c.Tf) * c.Idf * ((c.Kind & TermKind.Name) != 0 ? NameFactor : 1f);
            pairs[n++] = (key, w, c.Kind);
        }
        if (pairs.Length > MaxTerms)
        {
            Array.Sort(pairs, (a, b) => a.W != b.W ? b.W.CompareTo(a.W) : a.Key.CompareTo(b.Key));
            Array.Resize(ref pairs, MaxTerms);
        }
        double norm = 0;
        foreach (var p in pairs) norm += (double)p.W * p.W;
        float inv = norm > 0 ? (float)(1 / Math.Sqrt(norm)) : 0f;
        var ids = new int[pairs.Length];
        for (int k = 0; k < pairs.Length; k++) ids[k] = _terms.IdOf(pairs[k].Key);
        // Each kept name of several words knows its last word (the first article to keep the name tells it).
        if (_heads.Count > 0)
            for (int k = 0; k < pairs.Length; k++)
                if ((pairs[k].Kind & TermKind.Name) != 0 && _terms.Head[ids[k]] < 0 && _heads.TryGetValue(pairs[k].Key, out ulong last))
                    _terms.Head[ids[k]] = _terms.IdOf(last);
        var order = new int[pairs.Length];
        for (int k = 0; k < order.Length; k++) order[k] = k;
        Array.Sort(ids, order);
        var vector = new TermEntry[pairs.Length];
        double entityNorm = 0;
        bool headlineFigure = false;
        for (int k = 0; k < order.Length; k++)
        {
            float weight = pairs[order[k]].W * inv;
            vector[k] = new TermEntry(ids[k], pairs[order[k]].Kind, weight);
            headlineFigure |= (pairs[order[k]].Kind & TermKind.HeadlineFigure) != 0;
            if ((pairs[order[k]].Kind & TermKind.Name) != 0) entityNorm += (double)weight * weight;
        }

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
            Ticks = article.Published is { } published && !IsPlaceholderDate(published, article) ? published.UtcTicks : long.MaxValue,
            Vector = vector,
            NameNorm = (float)Math.Sqrt(entityNorm),
            HasHeadlineFigure = headlineFigure,
            Names = names.ToArray(),
            Shingles = _shingles.ToArray(),
            HeadlineShingles = headlineShingles,
            Words = words,
            LeadStart = leadStart,
            LeadEnd = leadEnd,
            NameHashes = nameHashes,
        };
    }

    /// <summary>
    /// Whether a date is most likely a placeholder rather than the article's day: midnight on 1 January (what a page
    /// that gives only a year, or a default date, comes out as) in a text that says nothing of January or the New Year.
    /// Such an article is grouped as undated: it may join a story of any day but not hold two days apart.
    /// </summary>
    internal static bool IsPlaceholderDate(DateTimeOffset date, NewsArticle article)
    {
        if (date.Month != 1 || date.Day != 1 || date.TimeOfDay != TimeSpan.Zero) return false;
        return !MentionsNewYear(article.Title) && !MentionsNewYear(article.Standfirst) && !MentionsNewYear(article.Body);
    }

    private static bool MentionsNewYear(string? text)
    {
        if (string.IsNullOrEmpty(text)) return false;
        var span = text.AsSpan(0, Math.Min(text.Length, MaxBodyChars));
        if (span.Contains("january", StringComparison.OrdinalIgnoreCase) || span.Contains("new year", StringComparison.OrdinalIgnoreCase)) return true;
        for (int at = span.IndexOf("Jan"); at >= 0; at = span.Slice(at + 3).IndexOf("Jan") is int next and >= 0 ? at + 3 + next : -1)
        {
            // "Jan. 1", "Jan 1": the month's short form (not a word that starts with it).
            if ((at == 0 || !char.IsLetter(span[at - 1])) && (at + 3 >= span.Length || !char.IsLetter(span[at + 3]))) return true;
        }
        return false;
    }

    private void Add(ulong key, float weight, float idf, TermKind kind)
    {
        ref var c = ref CollectionsMarshal.GetValueRefOrAddDefault(_counts, key, out bool exists);
        if (!exists) c = (weight, idf, kind);
        else c = (c.Tf + weight, Math.Max(c.Idf, idf), c.Kind | kind);
    }

    private static bool CanBeName(in Token t) =>
        (t.Flags & TokenFlags.Capital) != 0 && (t.Flags & (TokenFlags.Number | TokenFlags.Dateline)) == 0 && t.Length >= 2
        && WordRarity.Rank(t.Hash) is 0 or > WordRarity.CommonRank && !Calendar.Contains(t.Hash);

    /// <summary>Years and small numbers (days of the month, counts of a few) say less about an event than other figures.</summary>
    private static float NumberWeight(ReadOnlySpan<char> s)
    {
        int digits = 0, value = 0;
        foreach (char c in s)
        {
            if (!char.IsAsciiDigit(c)) return NumberIdf; // 11,000 / 7.4 / 3rd
            if (++digits > 6) return NumberIdf;
            value = value * 10 + (c - '0');
        }
        if (digits == 4 && value is >= 1900 and <= 2100) return YearIdf;
        if (value <= 31) return SmallNumberIdf;
        return NumberIdf;
    }

    private static bool IsContractionEnd(ReadOnlySpan<char> e) =>
        e.Equals("t", StringComparison.OrdinalIgnoreCase) || e.Equals("m", StringComparison.OrdinalIgnoreCase) || e.Equals("d", StringComparison.OrdinalIgnoreCase)
        || e.Equals("ll", StringComparison.OrdinalIgnoreCase) || e.Equals("re", StringComparison.OrdinalIgnoreCase) || e.Equals("ve", StringComparison.OrdinalIgnoreCase);

    private static int CountUnquoted(Span<Token> tokens)
    {
        int n = 0;
        foreach (ref var t in tokens) if ((t.Flags & TokenFlags.Quoted) == 0) n++;
        return n;
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

    /// <summary>A web or e-mail address starting at <paramref name="i"/>: its end, else -1.</summary>
    private static int AddressEnd(string text, int i, int to)
    {
        var rest = text.AsSpan(i, to - i);
        bool address = rest.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || rest.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
                       || rest.StartsWith("www.", StringComparison.OrdinalIgnoreCase);
        int j = i;
        while (j < to && !char.IsWhiteSpace(text[j]))
        {
            if (text[j] == '@' && j > i && j + 1 < to && char.IsLetterOrDigit(text[j + 1])) address = true;
            j++;
        }
        return address ? j : -1;
    }

    /// <summary>Where the agency of a dateline at the start of the paragraph stands ("(HLN)", "(Reuters)"), else an empty span.</summary>
    private static (int Start, int End) DatelineAgency(string body, int from, int to)
    {
        var line = body.Substring(from, Math.Min(to - from, 200));
        var m = NewsPatterns.Dateline.Match(line);
        if (!m.Success) m = NewsPatterns.AgencyOnlyDateline.Match(line);
        var g = m.Success ? m.Groups["agency"] : null;
        return g is { Success: true } ? (from + g.Index, from + g.Index + g.Length) : (from, from);
    }

    private void Scan(string text, int from, int to, float weight, TokenFlags segmentFlags, bool lead, int agencyStart = 0, int agencyEnd = 0)
    {
        int segment = _segments.Count;
        _segments.Add(text);
        bool sentenceStart = true, adjacent = false, quoted = false;
        int i = from;
        while (i < to)
        {
            char c = text[i];
            if (!char.IsLetterOrDigit(c))
            {
                if (c is '“' or '«' or '„') quoted = true;
                else if (c is '”' or '»') quoted = false;
                else if (c == '"') quoted = !quoted;
                if (c is '.' or '!' or '?' or ':' or ';' or '“' or '"' or '‘' or '«' or '„' or '—' or '–' or '•' or '|') sentenceStart = true;
                if (!char.IsWhiteSpace(c)) adjacent = false;
                i++;
                continue;
            }
            if ((i == from || char.IsWhiteSpace(text[i - 1]) || text[i - 1] is '(' or '<' or '[') && AddressEnd(text, i, to) is int stopAt and >= 0)
            {
                i = stopAt;
                adjacent = false;
                continue;
            }
            int start = i;
            bool digit = false, upper = char.IsUpper(c), lower = false;
            ulong h = StoryText.FnvOffset, h1 = h, h2 = h, h3 = h; // hashes before the last one, two and three characters
            char last = '\0', last2 = '\0', last3 = '\0';
            int apostrophe = -1;
            while (i < to && i - start < MaxTokenChars)
            {
                char ch = text[i];
                if (char.IsLetterOrDigit(ch))
                {
                    if (char.IsDigit(ch)) digit = true;
                    else if (char.IsLower(ch)) lower = true;
                    h3 = h2; h2 = h1; h1 = h;
                    h = StoryText.Step(h, ch);
                    last3 = last2; last2 = last; last = Hashing.Fold(ch);
                    i++;
                    continue;
                }
                bool inner = i + 1 < to && i > start;
                if (inner && (ch == '.' || ch == ',') && char.IsDigit(text[i - 1]) && char.IsDigit(text[i + 1])) { h3 = h2; h2 = h1; h1 = h; h = StoryText.Step(h, ch); last3 = last2; last2 = last; last = ch; i++; continue; }
                if (inner && (ch == '\'' || ch == '’' || ch == '-') && char.IsLetter(text[i - 1]) && char.IsLetter(text[i + 1]))
                {
                    // Possessive 's is dropped: "club's" is "club".
                    if (ch != '-' && (text[i + 1] == 's' || text[i + 1] == 'S') && (i + 2 >= to || !char.IsLetterOrDigit(text[i + 2]))) { i += 2; break; }
                    if (ch != '-') apostrophe = i;
                    h3 = h2; h2 = h1; h1 = h;
                    h = StoryText.Step(h, ch == '’' ? '\'' : ch);
                    last3 = last2; last2 = last; last = ch;
                    i++;
                    continue;
                }
                break;
            }
            // Skip the rest of an over-long token.
            while (i < to && char.IsLetterOrDigit(text[i])) i++;
            int length = i - start;
            ulong hash = StoryText.Final(h), stem = hash;
            if (!digit && length > 3 && last == 's')
            {
                // Plural endings (Harman's S-stemmer): -ies -> -y, -s -> nothing (not -us, -ss).
                if (last2 == 'e' && last3 == 'i' && length > 4) stem = StoryText.Final(StoryText.Step(h3, 'y'));
                else if (last2 is not ('u' or 's')) stem = StoryText.Final(h1);
            }
            var flags = segmentFlags;
            if (upper) flags |= TokenFlags.Capital;
            if (upper && !lower && length > 1) flags |= TokenFlags.AllCaps;
            if (digit) flags |= TokenFlags.Number;
            if (sentenceStart) flags |= TokenFlags.SentenceStart;
            if (adjacent) flags |= TokenFlags.Adjacent;
            if (quoted) flags |= TokenFlags.Quoted;
            if (start >= agencyStart && start < agencyEnd) flags |= TokenFlags.Dateline;
            // didn't, I'm, they'll, we're, I've, she'd: function words the background table splits, not rare words.
            if (apostrophe > 0 && i - apostrophe - 1 is 1 or 2 && IsContractionEnd(text.AsSpan(apostrophe + 1, i - apostrophe - 1))) flags |= TokenFlags.Contraction;
            _tokens.Add(new Token { Start = start, Length = length, Segment = segment, Hash = hash, Stem = stem, Flags = flags, Weight = weight, Lead = lead });
            sentenceStart = false;
            adjacent = true;
        }
    }

    private static readonly HashSet<ulong> Calendar =
        ("january february march april may june july august september october november december " +
         "jan feb mar apr jun jul aug sep sept oct nov dec " +
         "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thurs fri sat sun")
        .Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => StoryText.HashWord(w)).ToHashSet();
}
