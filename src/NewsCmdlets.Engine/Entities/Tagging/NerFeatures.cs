using NewsCmdlets.Engine.Text;

namespace NewsCmdlets.Engine.Entities.Tagging;

/// <summary>
/// Document-level facts the tagger uses for consistency: which words the document writes in lower case somewhere
/// (a capitalised "Will" at a sentence start is then probably not a name) and which it capitalises mid-sentence.
/// </summary>
public sealed class NerDocument
{
    public string Text { get; }
    public IReadOnlyList<TextToken> Tokens { get; }
    public IReadOnlyList<SentenceRange> Sentences { get; }
    internal readonly ulong[] Lower;
    internal readonly ulong[] Exact;
    internal readonly ulong[] Shape;
    internal readonly byte[] Flags;
    /// <summary>Each token's word clusters, packed (<see cref="WordClusters"/>; 0 for a word without clusters).</summary>
    internal readonly uint[] Clusters;
    internal readonly HashSet<ulong> SeenLower;
    internal readonly HashSet<ulong> SeenCapitalMid;
    /// <summary>True when the text has (almost) no lower-case letters or no capitals: casing carries no signal.</summary>
    public bool CaseUnreliable { get; }

    internal const byte FCap = 1, FAllCaps = 2, FDigit = 4, FPunct = 8, FInitial = 16, FLowerStart = 32, FHeadline = 64;

    public NerDocument(string text, IReadOnlyList<TextToken> tokens, IReadOnlyList<SentenceRange> sentences) : this(text, tokens, sentences, null) { }

    /// <summary>
    /// The per-token arrays and word sets of a document, kept by each thread for its next document (issue 31: they were
    /// an eighth of what the entity pass allocated per article, and every byte allocated is GC work shared by all
    /// threads). Arrays may be longer than the document: readers stop at the token count; each document gets them
    /// cleared over its tokens and the sets emptied.
    /// </summary>
    internal sealed class Arrays
    {
        /// <summary>Documents with more tokens get arrays of their own, not kept.</summary>
        private const int MaxKept = 1 << 16;
        public ulong[] Lower = [], Exact = [], Shape = [];
        public byte[] Flags = [];
        public uint[] Clusters = [];
        public readonly HashSet<ulong> SeenLower = new(), SeenCapitalMid = new();

        [ThreadStatic] private static Arrays? t_free;

        /// <summary>This thread's arrays for a document of <paramref name="n"/> tokens (new ones while they are taken), or null for a very long document.</summary>
        public static Arrays? Take(int n)
        {
            if (n > MaxKept) return null;
            var a = t_free ?? new Arrays();
            t_free = null;
            if (a.Lower.Length < n)
            {
                int size = Math.Max(256, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)n));
                a.Lower = new ulong[size]; a.Exact = new ulong[size]; a.Shape = new ulong[size]; a.Flags = new byte[size]; a.Clusters = new uint[size];
            }
            else
            {
                Array.Clear(a.Lower, 0, n); Array.Clear(a.Exact, 0, n); Array.Clear(a.Shape, 0, n); Array.Clear(a.Flags, 0, n); Array.Clear(a.Clusters, 0, n);
            }
            a.SeenLower.Clear();
            a.SeenCapitalMid.Clear();
            return a;
        }

        /// <summary>Hands the arrays back to this thread; sets grown large are dropped with them.</summary>
        public void Release()
        {
            if (SeenLower.Count > 4096 || SeenCapitalMid.Count > 4096) return;
            t_free = this;
        }
    }

    private Arrays? _arrays;

    /// <summary>A document on this thread's kept arrays (see <see cref="Arrays"/>); <see cref="Release"/> gives them back.</summary>
    internal static NerDocument OnThreadArrays(string text, IReadOnlyList<TextToken> tokens, IReadOnlyList<SentenceRange> sentences) =>
        new(text, tokens, sentences, Arrays.Take(tokens.Count));

    /// <summary>Gives the document's kept arrays back to the thread. The document must not be used after.</summary>
    internal void Release()
    {
        var a = _arrays;
        _arrays = null;
        a?.Release();
    }

    private NerDocument(string text, IReadOnlyList<TextToken> tokens, IReadOnlyList<SentenceRange> sentences, Arrays? kept)
    {
        Text = text;
        Tokens = tokens;
        Sentences = sentences;
        int n = tokens.Count;
        _arrays = kept;
        Lower = kept?.Lower ?? new ulong[n];
        Exact = kept?.Exact ?? new ulong[n];
        Shape = kept?.Shape ?? new ulong[n];
        Flags = kept?.Flags ?? new byte[n];
        Clusters = kept?.Clusters ?? new uint[n];
        SeenLower = kept?.SeenLower ?? new HashSet<ulong>();
        SeenCapitalMid = kept?.SeenCapitalMid ?? new HashSet<ulong>();
        var clusters = WordClusters.Shared;
        int upperWords = 0, lowerWords = 0, capWords = 0;
        bool[]? capsSentence = null;
        for (int si = 0; si < sentences.Count; si++)
        {
            var s = sentences[si];
            int sentUpper = 0, sentLower = 0;
            for (int i = s.FirstToken; i < s.EndToken; i++)
            {
                var span = tokens[i].Span(text);
                Lower[i] = Hashing.Lower(span);
                Clusters[i] = clusters.Lookup(Lower[i]);
                Exact[i] = Hashing.Exact(span);
                Shape[i] = ShapeHash(span, out byte f);
                if (i == s.FirstToken || (i > s.FirstToken && IsOpeningQuote(text, tokens[i - 1]))) f |= FInitial;
                Flags[i] = f;
                if ((f & FLowerStart) != 0 || ((f & FCap) != 0 && (f & FAllCaps) == 0)) sentLower++;
                else if ((f & FAllCaps) != 0 && span.Length > 1) sentUpper++;
            }
            // A sentence in capitals only (a headline, a dateline): its words are read as the document writes them
            // elsewhere or, failing that, as the dictionary does ("HARBOUR CREWS WIN PAY DEAL" → "Harbour crews win pay deal").
            if (NerAblations.TrueCaseHeadlines && sentLower == 0 && sentUpper >= 1) (capsSentence ??= new bool[sentences.Count])[si] = true;
        }
        for (int si = 0; si < sentences.Count; si++)
        {
            if (capsSentence != null && capsSentence[si]) continue;
            var s = sentences[si];
            for (int i = s.FirstToken; i < s.EndToken; i++)
            {
                byte f = Flags[i];
                if ((f & FLowerStart) != 0) { SeenLower.Add(Lower[i]); lowerWords++; }
                else if ((f & FCap) != 0)
                {
                    if ((f & FInitial) == 0) SeenCapitalMid.Add(Lower[i]);
                    if ((f & FAllCaps) != 0 && tokens[i].Length > 1) upperWords++;
                    else capWords++;
                }
            }
        }
        if (capsSentence != null)
        {
            Span<char> buf = stackalloc char[64];
            for (int si = 0; si < sentences.Count; si++)
            {
                if (!capsSentence[si]) continue;
                var s = sentences[si];
                for (int i = s.FirstToken; i < s.EndToken; i++)
                {
                    byte f = Flags[i];
                    var span = tokens[i].Span(text);
                    if ((f & FAllCaps) != 0 && span.Length > 1) upperWords++;
                    Flags[i] |= FHeadline;
                    if ((f & FAllCaps) == 0 || span.Length < 2 || span.Length > buf.Length) continue;
                    int mode = CaseOf(span, Lower[i]); // 0 lower, 1 title, 2 keep capitals
                    if (mode == 2) continue;
                    var w = buf[..span.Length];
                    for (int c = 0; c < span.Length; c++) w[c] = c == 0 && mode == 1 ? span[c] : char.ToLowerInvariant(span[c]);
                    // Letters after a hyphen or apostrophe start a new part in title case ("SAN-FRANCISCO", "O'NEILL").
                    if (mode == 1) for (int c = 1; c < span.Length; c++) if (span[c - 1] is '-' or '\'' or '’' && char.IsLetter(span[c])) w[c] = span[c];
                    Exact[i] = Hashing.Exact(w);
                    Shape[i] = ShapeHash(w, out byte nf);
                    Flags[i] = (byte)(nf | (f & FInitial) | FHeadline);
                }
            }
        }
        // (Almost) no lower-case words, or no capitalised ones: words in capitals count against the lower-case ones,
        // and any capitalised word ("Geneva") shows that the text has capitals.
        int words = upperWords + lowerWords;
        CaseUnreliable = words >= 8 && (lowerWords * 10 < words || upperWords + capWords == 0);
    }

    private const GazetteerClass ProperClasses = GazetteerClass.Country | GazetteerClass.City | GazetteerClass.Region | GazetteerClass.Demonym
        | GazetteerClass.WnPlace | GazetteerClass.WnOrg | GazetteerClass.Subdivision | GazetteerClass.Company;

    /// <summary>How a word written in capitals in a headline is usually written: 0 lower case, 1 title case, 2 capitals.</summary>
    private int CaseOf(ReadOnlySpan<char> span, ulong lower)
    {
        bool mid = SeenCapitalMid.Contains(lower), low = SeenLower.Contains(lower);
        if (mid && !low) return 1;
        if (low && !mid) return 0;
        var cls = Gazetteer.Shared.LookupModel(Gazetteer.Extend(Gazetteer.SequenceSeed, lower));
        if ((cls & ProperClasses) != 0) return 1;
        if (low || (cls & GazetteerClass.LowerWord) != 0) return 0;
        if ((cls & (GazetteerClass.Calendar | GazetteerClass.Title | GazetteerClass.OrgWord)) != 0) return 1;
        bool vowel = false;
        foreach (char c in span) if ("AEIOUY".Contains(char.ToUpperInvariant(c))) { vowel = true; break; }
        if (span.Length <= 3 || !vowel) return 2;
        return 1;
    }

    private static bool IsOpeningQuote(string text, TextToken t) => t.Length == 1 && text[t.Start] is '"' or '“' or '‘' or '(' or '\'' or '—' or '-' or ':';

    private static ulong ShapeHash(ReadOnlySpan<char> s, out byte flags)
    {
        flags = 0;
        ulong h = 1469598103934665603UL;
        char prev = '\0';
        int run = 0, letters = 0, uppers = 0;
        bool anyAlnum = false;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            char k;
            if (char.IsUpper(c)) { k = 'X'; letters++; uppers++; anyAlnum = true; }
            else if (char.IsLower(c)) { k = 'x'; letters++; anyAlnum = true; }
            else if (char.IsDigit(c)) { k = 'd'; flags |= FDigit; anyAlnum = true; }
            else if (char.IsLetter(c)) { k = 'o'; letters++; anyAlnum = true; }
            else k = c;
            if (k == prev) { if (++run >= 2) continue; }
            else run = 0;
            prev = k;
            h = (h ^ k) * 1099511628211UL;
        }
        if (!anyAlnum) flags |= FPunct;
        if (s.Length > 0 && char.IsUpper(s[0])) flags |= FCap;
        if (s.Length > 0 && char.IsLower(s[0])) flags |= FLowerStart;
        if (letters > 0 && uppers == letters) flags |= FAllCaps;
        return h;
    }
}

/// <summary>
/// Features of each token for the sequence tagger: the word and its neighbours, word shape, affixes, gazetteer
/// membership, title and organisation cue words, and document-level consistency. Features are 64-bit hashes.
/// </summary>
public static class NerFeatures
{
    /// <summary>Feature slots per token (unused slots are 0).</summary>
    public const int Slots = 58;

    /// <summary>Buffer stride per token: the base features, then the second stage's (see <see cref="ExtractStage2"/>).</summary>
    public const int Stride = 66;

    private static readonly ulong[] T = Enumerable.Range(1, 64).Select(i => Hashing.Mix(0xC0FFEEUL, (ulong)i)).ToArray();
    private static readonly ulong Boundary = Hashing.Mix(0xB0B0UL, 1), BoundaryEnd = Hashing.Mix(0xB0B0UL, 2);

    /// <summary>Votes of the first stage: for each word of the document, how often it was tagged as each type (1..4).</summary>
    public static Dictionary<ulong, int[]> Votes(NerDocument doc, int[] stage1) => Votes(doc, stage1, new Dictionary<ulong, int[]>(), null);

    /// <summary>
    /// The votes written into <paramref name="votes"/> (emptied first); with <paramref name="spare"/>, the counters of
    /// the previous document are cleared and used again rather than allocated (a tagger tags one document after another).
    /// </summary>
    internal static Dictionary<ulong, int[]> Votes(NerDocument doc, int[] stage1, Dictionary<ulong, int[]> votes, Stack<int[]>? spare)
    {
        if (spare != null)
            foreach (var old in votes.Values) { Array.Clear(old); spare.Push(old); }
        votes.Clear();
        for (int i = 0; i < stage1.Length; i++)
        {
            if (stage1[i] == 0 || (doc.Flags[i] & NerDocument.FCap) == 0) continue;
            if (!votes.TryGetValue(doc.Lower[i], out var v)) votes[doc.Lower[i]] = v = spare != null && spare.TryPop(out var reused) ? reused : new int[5];
            v[(stage1[i] + 1) / 2]++;
        }
        return votes;
    }

    /// <summary>
    /// Second-stage features (slots Slots..Stride): the first stage's tags around the token and, for document
    /// consistency, the type the first stage gave the same word elsewhere in the document.
    /// </summary>
    public static void ExtractStage2(NerDocument doc, SentenceRange sent, int[] stage1, Dictionary<ulong, int[]> votes, ulong[] feats)
    {
        int n = sent.TokenCount, first = sent.FirstToken;
        for (int i = 0; i < n; i++)
        {
            int t = first + i;
            int o = i * Stride + Slots;
            int k = 0;
            int own = stage1[t];
            int prev = i > 0 ? stage1[t - 1] : 15, next = i + 1 < n ? stage1[t + 1] : 15;
            feats[o + k++] = Hashing.Mix(T[40], (ulong)own);
            feats[o + k++] = Hashing.Mix(T[41], (ulong)(prev * 16 + next));
            if ((doc.Flags[t] & NerDocument.FCap) != 0 && votes.TryGetValue(doc.Lower[t], out var v))
            {
                int best = 0, bestCount = 0, total = 0;
                for (int ty = 1; ty <= 4; ty++)
                {
                    int c = v[ty] - (own != 0 && (own + 1) / 2 == ty ? 1 : 0);
                    total += c;
                    if (c > bestCount) { best = ty; bestCount = c; }
                }
                if (best > 0)
                {
                    feats[o + k++] = Hashing.Mix(T[42], (ulong)best, (ulong)Math.Min(total, 3));
                    feats[o + k++] = Hashing.Mix(T[43], (ulong)best, (ulong)own);
                }
            }
            for (; k < Stride - Slots; k++) feats[o + k] = 0;
        }
    }

    private static void NeighbourBits(ulong template, uint bits, byte flags, ulong[] feats, int o, ref int k)
    {
        const uint Useful = (uint)(GazetteerClass.LowerWord | GazetteerClass.GivenName | GazetteerClass.NamePart | GazetteerClass.Title | GazetteerClass.OrgWord | GazetteerClass.Country | GazetteerClass.City | GazetteerClass.WnPerson | GazetteerClass.WnPlace | GazetteerClass.WnOrg);
        bits &= Useful;
        for (uint bit = 1; bits != 0 && bit < 1u << 17 && k < Slots - 18; bit <<= 1)
            if ((bits & bit) != 0) feats[o + k++] = Hashing.Mix(template, (ulong)bit, (ulong)(flags & NerDocument.FCap));
    }

    private const GazetteerClass CapitalOnly = GazetteerClass.Country | GazetteerClass.City | GazetteerClass.Region | GazetteerClass.Demonym | GazetteerClass.GivenName | GazetteerClass.NamePart | GazetteerClass.Company | GazetteerClass.DictProper
        | GazetteerClass.WnPerson | GazetteerClass.WnPlace | GazetteerClass.WnOrg | GazetteerClass.Town | GazetteerClass.Subdivision;

    /// <summary>Writes the features of every token of one sentence into <paramref name="feats"/> (Slots per token).</summary>
    public static void Extract(NerDocument doc, SentenceRange sent, Gazetteer gaz, ulong[] feats, uint[] gazB, uint[] gazI)
    {
        int n = sent.TokenCount;
        int first = sent.FirstToken;
        string text = doc.Text;
        // Gazetteer matches, longest first from each start.
        Array.Clear(gazB, 0, n);
        Array.Clear(gazI, 0, n);
        for (int i = 0; i < n; i++)
        {
            ulong h = Gazetteer.SequenceSeed;
            int max = Math.Min(gaz.MaxPhraseTokens, n - i);
            for (int len = 1; len <= max; len++)
            {
                h = Gazetteer.Extend(h, doc.Lower[first + i + len - 1]);
                var cls = gaz.LookupWithPrefix(h);
                if (cls == GazetteerClass.None) break; // no phrase is, or starts with, these words
                cls &= ~GazetteerClass.Prefix;
                if (cls == GazetteerClass.None) continue;
                // Place and nationality phrases only count when capitalised.
                if ((cls & CapitalOnly) != 0
                    && (doc.Flags[first + i] & NerDocument.FCap) == 0)
                    cls &= ~CapitalOnly;
                if (cls == GazetteerClass.None) continue;
                gazB[i] |= (uint)cls;
                for (int k = 1; k < len; k++) gazI[i + k] |= (uint)cls;
            }
        }
        bool caseBad = doc.CaseUnreliable;
        for (int i = 0; i < n; i++)
        {
            int t = first + i;
            int o = i * Stride;
            int k = 0;
            ulong w0 = doc.Lower[t];
            ulong wm1 = i > 0 ? doc.Lower[t - 1] : Boundary, wm2 = i > 1 ? doc.Lower[t - 2] : Boundary;
            ulong wp1 = i + 1 < n ? doc.Lower[t + 1] : BoundaryEnd, wp2 = i + 2 < n ? doc.Lower[t + 2] : BoundaryEnd;
            ulong s0 = doc.Shape[t];
            ulong sm1 = i > 0 ? doc.Shape[t - 1] : Boundary, sp1 = i + 1 < n ? doc.Shape[t + 1] : BoundaryEnd;
            byte f = doc.Flags[t];
            feats[o + k++] = T[0];
            feats[o + k++] = Hashing.Mix(T[1], w0);
            feats[o + k++] = Hashing.Mix(T[2], doc.Exact[t]);
            feats[o + k++] = Hashing.Mix(T[3], wm1);
            feats[o + k++] = Hashing.Mix(T[4], wp1);
            feats[o + k++] = Hashing.Mix(T[5], wm2);
            feats[o + k++] = Hashing.Mix(T[6], wp2);
            feats[o + k++] = Hashing.Mix(T[7], s0);
            feats[o + k++] = Hashing.Mix(T[8], sm1);
            feats[o + k++] = Hashing.Mix(T[9], sp1);
            feats[o + k++] = Hashing.Mix(T[10], sm1, Hashing.Mix(s0, sp1));
            feats[o + k++] = Hashing.Mix(T[11], wm1, w0);
            feats[o + k++] = Hashing.Mix(T[12], w0, wp1);
            feats[o + k++] = Hashing.Mix(T[13], wm1, s0);
            feats[o + k++] = Hashing.Mix(T[14], s0, wp1);
            var span = doc.Tokens[t].Span(text);
            int len = span.Length;
            for (int a = 1; a <= 3 && a < len; a++) feats[o + k++] = Hashing.Mix(T[15 + a], Hashing.Lower(span[..a]));
            for (int a = 1; a <= 4 && a < len; a++) feats[o + k++] = Hashing.Mix(T[19 + a], Hashing.Lower(span[^a..]));
            bool initial = (f & NerDocument.FInitial) != 0;
            bool cap = (f & NerDocument.FCap) != 0;
            feats[o + k++] = Hashing.Mix(T[24], (ulong)((initial ? 1 : 0) | (cap ? 2 : 0) | ((f & NerDocument.FAllCaps) != 0 ? 4 : 0) | (caseBad ? 8 : 0)));
            if (gazB[i] != 0)
            {
                feats[o + k++] = Hashing.Mix(T[25], gazB[i]);
                for (int bit = 1; bit < 1 << 17 && k < Slots - 26; bit <<= 1)
                    if ((gazB[i] & bit) != 0) feats[o + k++] = Hashing.Mix(T[37], (ulong)bit, (ulong)((f & NerDocument.FCap) != 0 ? 1 : 0) | (ulong)((f & NerDocument.FInitial) != 0 ? 2 : 0));
            }
            if (gazI[i] != 0) feats[o + k++] = Hashing.Mix(T[26], gazI[i]);
            if (i > 0 && (gazB[i - 1] | gazI[i - 1]) != 0) feats[o + k++] = Hashing.Mix(T[27], (ulong)(gazB[i - 1] | gazI[i - 1]));
            if (i + 1 < n && (gazB[i + 1] | gazI[i + 1]) != 0) feats[o + k++] = Hashing.Mix(T[28], (ulong)(gazB[i + 1] | gazI[i + 1]));
            // The neighbours' classes one by one, with whether they are capitalised: "Mr" before, "said" after.
            if (i > 0) NeighbourBits(T[38], gazB[i - 1] | gazI[i - 1], doc.Flags[t - 1], feats, o, ref k);
            if (i + 1 < n) NeighbourBits(T[39], gazB[i + 1] | gazI[i + 1], doc.Flags[t + 1], feats, o, ref k);
            if (cap)
            {
                // Document consistency: is this word written in lower case elsewhere, or capitalised mid-sentence?
                bool lowerElsewhere = doc.SeenLower.Contains(w0);
                bool capMid = doc.SeenCapitalMid.Contains(w0);
                feats[o + k++] = Hashing.Mix(T[29], (ulong)((lowerElsewhere ? 1 : 0) | (capMid ? 2 : 0) | (initial ? 4 : 0)));
                // Capitalised run context: how far into a run of capitalised words, and whether the run continues.
                int back = 0;
                while (back < 3 && i - back - 1 >= 0 && (doc.Flags[t - back - 1] & NerDocument.FCap) != 0) back++;
                bool next = i + 1 < n && (doc.Flags[t + 1] & NerDocument.FCap) != 0;
                feats[o + k++] = Hashing.Mix(T[30], (ulong)(back * 2 + (next ? 1 : 0)));
            }
            // Words between two capitalised words ("Bank of England", "Institute for National Unification").
            if (!cap && i > 0 && i + 1 < n && (doc.Flags[t - 1] & NerDocument.FCap) != 0 && (doc.Flags[t + 1] & NerDocument.FCap) != 0)
                feats[o + k++] = Hashing.Mix(T[31], w0);
            // Nearest organisation word ahead within 4 tokens of a capitalised run.
            for (int a = 1; a <= 4 && i + a < n; a++)
            {
                if ((gazB[i + a] & (uint)GazetteerClass.OrgWord) != 0 && (doc.Flags[t + a] & NerDocument.FCap) != 0) { feats[o + k++] = Hashing.Mix(T[32], (ulong)a); break; }
                if ((doc.Flags[t + a] & NerDocument.FPunct) != 0) break;
            }
            // Title word before (President X, Mr. X, analyst X).
            for (int a = 1; a <= 2 && i - a >= 0; a++)
            {
                if ((gazB[i - a] & (uint)GazetteerClass.Title) != 0 || (gazI[i - a] & (uint)GazetteerClass.Title) != 0) { feats[o + k++] = Hashing.Mix(T[33], (ulong)a); break; }
            }
            if (len > 0 && span[0] is '@' or '#') feats[o + k++] = Hashing.Mix(T[34], span[0]);
            feats[o + k++] = Hashing.Mix(T[35], (ulong)Math.Min(len, 12));
            // Word clusters (words used like this one in news and encyclopaedia text): the word's at three
            // granularities, its neighbours' at the middle one, and the word's with its capitalisation.
            uint c0 = doc.Clusters[t];
            uint cm1 = i > 0 ? doc.Clusters[t - 1] : 0xFFFFFFFF, cp1 = i + 1 < n ? doc.Clusters[t + 1] : 0xFFFFFFFE;
            feats[o + k++] = Hashing.Mix(T[44], WordClusters.Level(c0, 0));
            feats[o + k++] = Hashing.Mix(T[45], WordClusters.Level(c0, 1));
            feats[o + k++] = Hashing.Mix(T[46], WordClusters.Level(c0, 2));
            feats[o + k++] = Hashing.Mix(T[47], WordClusters.Level(cm1, 1));
            feats[o + k++] = Hashing.Mix(T[48], WordClusters.Level(cp1, 1));
            feats[o + k++] = Hashing.Mix(T[49], WordClusters.Level(c0, 1), (ulong)(f & (NerDocument.FCap | NerDocument.FInitial)));
            feats[o + k++] = Hashing.Mix(T[50], WordClusters.Level(cm1, 2));
            feats[o + k++] = Hashing.Mix(T[51], WordClusters.Level(cp1, 2));
            feats[o + k++] = Hashing.Mix(T[52], WordClusters.Level(i > 1 ? doc.Clusters[t - 2] : 0xFFFFFFFF, 0));
            feats[o + k++] = Hashing.Mix(T[53], WordClusters.Level(i + 2 < n ? doc.Clusters[t + 2] : 0xFFFFFFFE, 0));
            if (i + 1 < n) feats[o + k++] = Hashing.Mix(T[36], wp1, sp1);
            System.Diagnostics.Debug.Assert(k <= Slots, "more features than slots");
            for (; k < Stride; k++) feats[o + k] = 0;
        }
    }
}
