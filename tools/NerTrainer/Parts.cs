using System.Diagnostics;
using NewsCmdlets.Engine.Entities;
using NewsCmdlets.Engine.Entities.Tagging;
using NewsCmdlets.Engine.Ingest;

namespace NerTrainer;

/// <summary>parts [FILES]: where the tagger's time goes (features, scoring, decoding, the whole Tag), one thread,
/// best of several rounds, so that a change to one part can be timed on its own.</summary>
internal static class Parts
{
    public static int Run(string[] files, string repo)
    {
        if (files.Length == 0) files = Directory.GetFiles(Path.Combine(repo, "samples"), "*.txt");
        var texts = files.Select(f => ArticleReader.ReadFile(f, new ArticleReadOptions()).Article).Select(a => $"{a.Title}\n\n{a.Standfirst}\n\n{a.Body}").ToList();
        var docs = texts.Select(t => { var tk = NewsCmdlets.Engine.Text.Tokenizer.Tokenize(t); return new NerDocument(t, tk, NewsCmdlets.Engine.Text.SentenceSplitter.Split(t, tk)); }).ToList();
        long tokens = docs.Sum(d => (long)d.Tokens.Count);
        var model = NerModel.Shared;
        var gaz = Gazetteer.Shared;
        var tagger = new NerTagger(model, gaz);
        const int S = NerFeatures.Stride;
        var feats = new ulong[4096 * S];
        var scores = new float[4096 * NerModel.TagCount];
        var delta = new float[4096 * NerModel.TagCount];
        var back = new int[4096 * NerModel.TagCount];
        var tags = new int[4096];
        var gB = new uint[4096]; var gI = new uint[4096];
        // Features of every sentence, kept for the scoring-only timing.
        var all = docs.SelectMany(d => d.Sentences.Where(s => s.TokenCount > 0).Select(s =>
        {
            NerFeatures.Extract(d, s, gaz, feats, gB, gI);
            return (n: s.TokenCount, f: feats.AsSpan(0, s.TokenCount * S).ToArray());
        })).ToList();
        double Best(Action a, int reps)
        {
            double best = double.MaxValue;
            for (int r = 0; r < 7; r++)
            {
                var sw = Stopwatch.StartNew();
                for (int i = 0; i < reps; i++) a();
                best = Math.Min(best, sw.Elapsed.TotalSeconds / reps);
            }
            return tokens / best;
        }
        int reps = Math.Max(1, (int)(200_000 / tokens));
        double fr = Best(() => { foreach (var d in docs) foreach (var s in d.Sentences) if (s.TokenCount > 0) NerFeatures.Extract(d, s, gaz, feats, gB, gI); }, reps);
        double sr = Best(() => { foreach (var (n, f) in all) model.Score(f, n, scores); }, reps);
        double dr = Best(() => { foreach (var (n, f) in all) model.Decode(scores, n, tags, model.Transitions, delta, back); }, reps);
        double tr = Best(() => { foreach (var d in docs) tagger.Tag(d); }, reps);
        var bare = new NerTagger(model, gaz) { Rules = Array.Empty<NewsCmdlets.Engine.Entities.Tagging.Rules.ITagRule>() };
        double br = Best(() => { foreach (var d in docs) bare.Tag(d); }, reps);
        double pr = Best(() => { foreach (var t in texts) { var tk = NewsCmdlets.Engine.Text.Tokenizer.Tokenize(t); new NerDocument(t, tk, NewsCmdlets.Engine.Text.SentenceSplitter.Split(t, tk)); } }, reps);
        Console.WriteLine($"{tokens:N0} tokens: features {fr:N0}/s, score (stage 1) {sr:N0}/s, decode {dr:N0}/s, Tag without rules {br:N0}/s, whole Tag {tr:N0}/s, document {pr:N0}/s");
        // Each family of rules on its own: every document's decoded tags run through the rules in order, each timed.
        var decoded = docs.Select(d => bare.Tag(d)).ToList();
        var rules = NewsCmdlets.Engine.Entities.Tagging.Rules.TagRules.InOrder;
        var ticks = new long[rules.Count];
        var best = Enumerable.Repeat(long.MaxValue, rules.Count).ToArray();
        var context = new NewsCmdlets.Engine.Entities.Tagging.Rules.TagContext(gaz);
        for (int r = 0; r < 7; r++)
        {
            Array.Clear(ticks);
            for (int rep = 0; rep < reps; rep++)
                for (int d = 0; d < docs.Count; d++)
                {
                    context.Start(docs[d], (int[])decoded[d].Clone());
                    for (int k = 0; k < rules.Count; k++)
                    {
                        long t0 = Stopwatch.GetTimestamp();
                        rules[k].Apply(context);
                        ticks[k] += Stopwatch.GetTimestamp() - t0;
                    }
                }
            for (int k = 0; k < rules.Count; k++) best[k] = Math.Min(best[k], ticks[k]);
        }
        double ns(int k) => best[k] * 1e9 / Stopwatch.Frequency / reps / tokens;
        Console.WriteLine($"rules, ns a token (best of 7): all {Enumerable.Range(0, rules.Count).Sum(ns):F0}; " +
                          string.Join(", ", Enumerable.Range(0, rules.Count).GroupBy(k => rules[k].Name).Select(g => (g.Key, t: g.Sum(ns))).OrderByDescending(x => x.t).Select(x => $"{x.Key} {x.t:F1}")));
        return 0;
    }
}
