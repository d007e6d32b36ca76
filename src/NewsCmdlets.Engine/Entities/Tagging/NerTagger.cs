using NewsCmdlets.Engine.Entities.Tagging.Rules;
using NewsCmdlets.Engine.Text;

namespace NewsCmdlets.Engine.Entities.Tagging;

/// <summary>
/// Tags the tokens of a document with a <see cref="NerModel"/>: features, scoring and Viterbi decoding, sentence by
/// sentence, in one or two stages; then the families of rules for the conventions of news copy, in the order of
/// <see cref="TagRules.InOrder"/> (Rules/, one file a family). Holds reusable buffers, so one instance serves one
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
        _context = new TagContext(gazetteer);
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
            var votes = NerFeatures.Votes(doc, result, _votes, _spareVotes);
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
        _context.Start(doc, result);
        foreach (var rule in _rules) rule.Apply(_context);
        _context.Finish();
        return result;
    }

    private readonly TagContext _context;
    private readonly ITagRule[] _rules = TagRules.Enabled().ToArray();

    /// <summary>The families of rules run after decoding, in order (by default <see cref="TagRules.InOrder"/>, less
    /// any that tools/NerTrainer switched off); empty for the model's tags alone.</summary>
    internal IReadOnlyList<ITagRule> Rules { get => _rules; init => _rules = value.ToArray(); }

    /// <summary>The first stage's tags alone (no second stage, no propagation): what a second stage is trained on.</summary>
    public int[] TagStage1(NerDocument doc) => TagStage1(doc, null);

    private float[] _secondSums = Array.Empty<float>();
    private readonly Dictionary<ulong, int[]> _votes = new();
    private readonly Stack<int[]> _spareVotes = new();

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
