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
        // Documents of up to CacheTokens tokens keep the first stage's features for the second (saves extracting twice).
        bool cache = _second != null && doc.Tokens.Count <= CacheTokens;
        if (cache && _docFeats.Length < doc.Tokens.Count * NerFeatures.Stride) _docFeats = new ulong[Math.Max(doc.Tokens.Count, 1024) * NerFeatures.Stride];
        var result = TagStage1(doc, cache ? _docFeats : null);
        if (_second != null)
        {
            var votes = NerFeatures.Votes(doc, result);
            var stage2 = new int[result.Length];
            foreach (var s in doc.Sentences)
            {
                int n = s.TokenCount;
                if (n == 0) continue;
                Ensure(n);
                if (cache) Array.Copy(_docFeats, s.FirstToken * NerFeatures.Stride, _feats, 0, n * NerFeatures.Stride);
                else NerFeatures.Extract(doc, s, _gaz, _feats, _gazB, _gazI);
                NerFeatures.ExtractStage2(doc, s, result, votes, _feats);
                _second.Score(_feats, n, _scores);
                _second.Decode(_scores, n, _tags, _second.Transitions, _delta, _back);
                Array.Copy(_tags, 0, stage2, s.FirstToken, n);
            }
            result = stage2;
        }
        if (PropagateLabels) Propagate(doc, result);
        if (OrganisationRules) ApplyOrganisationRules(doc, result);
        return result;
    }

    /// <summary>Capitalised names ending in an organisation word ("Ohio Senate", "Brain Injury Rehabilitation Trust")
    /// or made of one and "of …" ("Department of Physics and Astronomy") are organisations (on by default).</summary>
    public bool OrganisationRules { get; init; } = true;

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
                    break;
                }
                int s0 = i;
                // Leave out a leading "The" and a sentence-initial common word ("Despite Ohio Senate …").
                while (s0 < e - 1 && (IsWord(doc, s0, "The") || ((doc.Flags[s0] & NerDocument.FInitial) != 0 && tags[s0] == 0 && (_gaz.Lookup(Gazetteer.Extend(Gazetteer.SequenceSeed, doc.Lower[s0])) & GazetteerClass.LowerWord) != 0))) s0++;
                int len = e - s0;
                if (len >= 2 && !HasPerson(tags, s0, e))
                {
                    bool endsWithOrgWord = IsOrgWord(doc, e - 1);
                    bool orgWordOf = IsOrgWord(doc, s0) && len >= 3 && IsConnector(doc, s0 + 1);
                    // Cut the run at a connector unless the organisation word heads an "X of Y" name.
                    if (endsWithOrgWord || orgWordOf)
                    {
                        for (int k = s0; k < e; k++) tags[k] = k == s0 ? 3 : 4;
                        if (e < end && tags[e] == 4) tags[e] = 3; // a following I- tag now starts its own name
                    }
                }
                i = e - 1;
            }
        }
    }

    private static bool HasPerson(int[] tags, int s, int e)
    {
        for (int k = s; k < e; k++) if (tags[k] is 1 or 2) return true;
        return false;
    }

    private bool IsOrgWord(NerDocument doc, int k) =>
        (doc.Flags[k] & NerDocument.FCap) != 0 && (_gaz.Lookup(Gazetteer.Extend(Gazetteer.SequenceSeed, doc.Lower[k])) & GazetteerClass.OrgWord) != 0;

    private static bool IsConnector(NerDocument doc, int k) => Connectors.Contains(doc.Tokens[k].Span(doc.Text).ToString());

    private static bool IsWord(NerDocument doc, int k, string w) => doc.Tokens[k].Span(doc.Text).Equals(w, StringComparison.Ordinal);

    /// <summary>The first stage's tags alone (no second stage, no propagation): what a second stage is trained on.</summary>
    public int[] TagStage1(NerDocument doc) => TagStage1(doc, null);

    private const int CacheTokens = 16384;
    private ulong[] _docFeats = Array.Empty<ulong>();

    private int[] TagStage1(NerDocument doc, ulong[]? keep)
    {
        var result = new int[doc.Tokens.Count];
        foreach (var s in doc.Sentences)
        {
            int n = s.TokenCount;
            if (n == 0) continue;
            Ensure(n);
            NerFeatures.Extract(doc, s, _gaz, _feats, _gazB, _gazI);
            if (keep != null) Array.Copy(_feats, 0, keep, s.FirstToken * NerFeatures.Stride, n * NerFeatures.Stride);
            _model.Score(_feats, n, _scores);
            _model.Decode(_scores, n, _tags, _model.Transitions, _delta, _back);
            Array.Copy(_tags, 0, result, s.FirstToken, n);
        }
        return result;
    }

    /// <summary>Document-level consistency after tagging (on by default): a name tagged in one place is tagged, with its
    /// majority type, wherever else it appears capitalised in the same document.</summary>
    public bool PropagateLabels { get; init; } = true;

    private const int MaxSpan = 6;

    private static void Propagate(NerDocument doc, int[] tags)
    {
        int n = tags.Length;
        // Votes per token sequence: type (1..4) counts.
        Dictionary<ulong, int[]>? votes = null;
        for (int i = 0; i < n;)
        {
            if (tags[i] == 0 || (tags[i] & 1) == 0) { i++; continue; }
            int type = (tags[i] + 1) / 2;
            int e = i + 1;
            while (e < n && tags[e] == type * 2) e++;
            if (e - i <= MaxSpan && (doc.Flags[i] & NerDocument.FCap) != 0)
            {
                votes ??= new Dictionary<ulong, int[]>();
                ulong h = Seq(doc, i, e);
                if (!votes.TryGetValue(h, out var v)) votes[h] = v = new int[5];
                v[type]++;
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
                int e = i + 1;
                while (e < n && tags[e] == tags[i] + 1) e++;
                if (e - i <= MaxSpan && votes.TryGetValue(Seq(doc, i, e), out var v))
                {
                    int best = Best(v);
                    if (best != (tags[i] + 1) / 2 && v[best] > v[(tags[i] + 1) / 2])
                        for (int k = i; k < e; k++) tags[k] = k == i ? best * 2 - 1 : best * 2;
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
                for (int k = i; k < e; k++) tags[k] = k == i ? best * 2 - 1 : best * 2;
                i = e - 1;
                break;
            }
        }
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
