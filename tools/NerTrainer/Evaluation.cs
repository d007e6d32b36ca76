using System.Text;
using NewsCmdlets.Engine.Entities;
using NewsCmdlets.Engine.Entities.Tagging;

namespace NerTrainer;

/// <summary>One evaluation set: its documents, prepared once, and their gold tags.</summary>
internal sealed class EvalSet
{
    public EvalSet(string name, string split, List<ConllDoc> docs)
    {
        Name = name;
        Split = split;
        Docs = docs;
        Prepared = docs.Select(d => d.ToTraining()).ToList();
    }

    public string Name { get; }
    /// <summary>"dev", "test", "probe" or "train".</summary>
    public string Split { get; }
    public List<ConllDoc> Docs { get; }
    public List<NerTrainingDocument> Prepared { get; }
    public string Label => Split == "probe" ? Name : $"{Name} {Split}";

    /// <summary>The tagger's tags for every document.</summary>
    public List<int[]> Tag(NerTagger tagger) => Prepared.Select(d => tagger.Tag(d.Document)).ToList();

    /// <summary>Entities found right, predicted and in the gold tags (PER, ORG, LOC; MISC is not scored), counted as
    /// ../shared/eval/ner/score.py counts them with <c>--types PER,ORG,LOC</c> (conlleval's chunks, exact span and type).</summary>
    public (int Correct, int Predicted, int Gold) Score(List<int[]> tags)
    {
        int correct = 0, predicted = 0, gold = 0;
        var g = new HashSet<(int, int, string)>();
        for (int d = 0; d < Prepared.Count; d++)
        {
            var goldTags = Prepared[d].Tags;
            foreach (var s in Prepared[d].Document.Sentences)
            {
                g.Clear();
                foreach (var c in Chunks(goldTags, s.FirstToken, s.EndToken)) { g.Add(c); gold++; }
                foreach (var c in Chunks(tags[d], s.FirstToken, s.EndToken)) { predicted++; if (g.Contains(c)) correct++; }
            }
        }
        return (correct, predicted, gold);
    }

    public static double F1((int Correct, int Predicted, int Gold) s) =>
        s.Correct == 0 ? 0 : 200.0 * s.Correct / (s.Predicted + s.Gold);

    /// <summary>conlleval's chunks of one sentence's BIO tags (an I- tag after O or after another type starts one),
    /// PER, ORG and LOC only.</summary>
    private static IEnumerable<(int, int, string)> Chunks(int[] tags, int first, int end)
    {
        int start = -1;
        string type = "";
        for (int i = first; i <= end; i++)
        {
            string name = i < end ? NerModel.TagNames[tags[i]] : "O";
            string t = name == "O" ? "" : name[2..];
            bool begins = name.StartsWith("B-", StringComparison.Ordinal) || (t.Length > 0 && t != type);
            if (start >= 0 && (begins || t.Length == 0))
            {
                if (type is "PER" or "ORG" or "LOC") yield return (start - first, i - first, type);
                start = -1;
            }
            if (t.Length > 0 && start < 0) start = i;
            type = t;
        }
    }
}

/// <summary>The evaluation sets as a whole: loading them and dumping their tags.</summary>
internal static class Evaluation
{
    /// <summary>Every evaluation set: the dev and test splits of <see cref="Corpus.Load"/> (the shared NER sets, our
    /// newswire dev, the real-news halves) and the probes of news-probes/; with <paramref name="train"/> the training
    /// documents too, and with <paramref name="caps"/> each dev split again with every fourth sentence in capitals.</summary>
    public static List<EvalSet> LoadAll(string nerDir, string newsDir, bool train = false, bool caps = false)
    {
        var (trainDocs, dev, test) = Corpus.Load(nerDir, newsDir: newsDir);
        var sets = new List<EvalSet>();
        foreach (var (name, docs) in dev) sets.Add(new EvalSet(name, "dev", docs));
        foreach (var (name, docs) in test) sets.Add(new EvalSet(name, "test", docs));
        string probes = Path.Combine(Path.GetDirectoryName(newsDir)!, "news-probes");
        if (Directory.Exists(probes))
            foreach (var f in Directory.GetFiles(probes, "*.txt").OrderBy(f => f.Length).ThenBy(f => f, StringComparer.Ordinal))
                sets.Add(new EvalSet(Path.GetFileNameWithoutExtension(f), "probe", Corpus.ReadBracketed(f)));
        if (caps) foreach (var (name, docs) in dev) sets.Add(new EvalSet(name + "-caps", "dev", docs.Select(d => d.WithCapitals(4)).ToList()));
        if (train) sets.Add(new EvalSet("all", "train", trainDocs));
        return sets;
    }

    /// <summary>Writes each set's tags (one token and its tag a line, a blank line between sentences) to
    /// <paramref name="dir"/>, for diffing the tagger before and after a change.</summary>
    public static void Dump(IEnumerable<EvalSet> sets, NerTagger tagger, string dir)
    {
        Directory.CreateDirectory(dir);
        foreach (var set in sets)
        {
            var tags = set.Tag(tagger);
            var sb = new StringBuilder();
            for (int d = 0; d < set.Docs.Count; d++)
            {
                int ti = 0;
                foreach (var s in set.Docs[d].Sentences)
                {
                    foreach (var (tok, _) in s) sb.Append(tok).Append('\t').Append(NerModel.TagNames[tags[d][ti++]]).Append('\n');
                    sb.Append('\n');
                }
            }
            string path = Path.Combine(dir, $"{set.Name}.{set.Split}.tags");
            File.WriteAllText(path, sb.ToString());
            var score = set.Score(tags);
            Console.WriteLine($"{set.Label,-22} {set.Prepared.Sum(p => p.Tags.Length),9:N0} tokens  F1 {EvalSet.F1(score):F2}  ({score.Correct}/{score.Predicted}/{score.Gold})");
        }
    }
}
