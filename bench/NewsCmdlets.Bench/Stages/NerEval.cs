using System.Text;
using System.Text.Json;
using NewsCmdlets.Bench.Harness;
using NewsCmdlets.Engine.Entities;
using NewsCmdlets.Engine.Entities.Tagging;
using NewsCmdlets.Engine.Text;

namespace NewsCmdlets.Bench.Stages;

/// <summary>
/// Entity F1 on the held-out test splits of ../shared/eval/ner, exactly as tools/NerTrainer's <c>eval --split test</c>
/// does it (same documents, same tag mapping, the shipped tagger's BIO tags, score.py --types PER,ORG,LOC). The split
/// logic is copied from tools/NerTrainer/Corpus.cs (an executable's internal classes cannot be referenced); keep the
/// two in step.
/// </summary>
public static class NerEval
{
    /// <summary>One CoNLL document: sentences of (token, BIO tag over PER/ORG/LOC/MISC).</summary>
    public sealed class Doc
    {
        public List<List<(string Token, string Tag)>> Sentences { get; } = new();

        /// <summary>The text the taggers see: tokens joined by spaces, a line break after each sentence; with each
        /// token's character span.</summary>
        public (string Text, List<TextToken> Tokens, List<SentenceRange> Sentences) Layout()
        {
            var sb = new StringBuilder();
            var tokens = new List<TextToken>();
            var sentences = new List<SentenceRange>();
            foreach (var s in Sentences)
            {
                int first = tokens.Count;
                foreach (var (tok, _) in s)
                {
                    if (sb.Length > 0) sb.Append(' ');
                    tokens.Add(new TextToken(sb.Length, tok.Length));
                    sb.Append(tok);
                }
                sb.Append('\n');
                sentences.Add(new SentenceRange(first, tokens.Count - first));
            }
            return (sb.ToString(), tokens, sentences);
        }
    }

    public static List<Doc> Read(string path, Func<string, string> mapType, bool sentencePerDoc)
    {
        var docs = new List<Doc>();
        var doc = new Doc();
        var sent = new List<(string, string)>();
        void EndDoc() { if (doc.Sentences.Count > 0) { docs.Add(doc); doc = new Doc(); } }
        void EndSentence() { if (sent.Count > 0) { doc.Sentences.Add(sent); sent = new(); } if (sentencePerDoc) EndDoc(); }
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0) { EndSentence(); continue; }
            var cols = line.Split(new[] { '\t', ' ' }, StringSplitOptions.RemoveEmptyEntries);
            if (cols[0] == "-DOCSTART-") { EndSentence(); EndDoc(); continue; }
            string tag = cols.Length > 1 ? cols[^1] : "O";
            string mapped = "O";
            if (tag != "O" && tag.Length >= 3 && tag[1] == '-') { string t = mapType(tag[2..]); if (t.Length > 0) mapped = tag[0] + "-" + t; }
            sent.Add((cols[0], mapped));
        }
        EndSentence();
        EndDoc();
        return docs;
    }

    private static string Identity(string t) => t is "PER" or "ORG" or "LOC" or "MISC" ? t : "";
    private static string Wnut(string t) => t switch
    {
        "person" => "PER", "location" => "LOC", "corporation" => "ORG", "group" => "ORG", "product" => "MISC", "creative-work" => "MISC", _ => "",
    };

    /// <summary>The test splits NerTrainer reports (never used for any training or tuning choice), and the test half
    /// of the real-news set (tools/NerTrainer/real-news, text from ../shared/eval/extraction) when both are there.</summary>
    public static SortedDictionary<string, List<Doc>> TestSplits(string nerDir, string? repoRoot = null)
    {
        var wiki = Read(Path.Combine(nerDir, "wikigold", "wikigold.bio.conll"), Identity, false);
        var splits = new SortedDictionary<string, List<Doc>>(StringComparer.Ordinal)
        {
            ["wikigold"] = wiki.Where((_, i) => i % 5 == 4).ToList(),
            ["btc_h"] = Read(Path.Combine(nerDir, "btc", "btc_h.conll"), Identity, true),
            ["wnut17"] = Read(Path.Combine(nerDir, "wnut17", "wnut17_test.conll"), Wnut, true),
            ["sec_filings"] = Read(Path.Combine(nerDir, "sec_filings", "sec_test_FIN3.bio.conll"), Identity, false),
        };
        string extraction = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(nerDir))!, "extraction");
        string? annotations = repoRoot == null ? null : Path.Combine(repoRoot, "tools", "NerTrainer", "real-news");
        if (annotations != null && Directory.Exists(annotations) && File.Exists(Path.Combine(extraction, "ground-truth.json")))
            splits["realnews"] = NewsCmdlets.NerEvaluation.RealNews.Load(annotations, extraction).Where(p => p.Split == "test")
                .Select(p => { var d = new Doc(); d.Sentences.AddRange(p.Sentences); return d; }).ToList();
        return splits;
    }

    /// <summary>Our tags for every document of a split (the shipped tagger, as NerTrainer eval runs it).</summary>
    public static List<string[]> OurTags(List<Doc> docs)
    {
        var tagger = new NerTagger(NerModel.Shared, Gazetteer.Shared);
        var result = new List<string[]>();
        foreach (var d in docs)
        {
            var (text, tokens, sentences) = d.Layout();
            var tags = tagger.Tag(new NerDocument(text, tokens, sentences));
            result.Add(tags.Select(t => NerModel.TagNames[t]).ToArray());
        }
        return result;
    }

    /// <summary>Turns character spans (start, length, type) found in a document's <see cref="Doc.Layout"/> text into BIO tags
    /// per token: a token is in a span when it overlaps it.</summary>
    public static string[] TagsFromSpans(Doc d, IEnumerable<(int Start, int Length, string Type)> spans)
    {
        var (_, tokens, sentences) = d.Layout();
        var tags = Enumerable.Repeat("O", tokens.Count).ToArray();
        var sentenceOf = new int[tokens.Count];
        for (int s = 0; s < sentences.Count; s++)
            for (int i = sentences[s].FirstToken; i < sentences[s].FirstToken + sentences[s].TokenCount; i++) sentenceOf[i] = s;
        foreach (var (start, length, type) in spans.OrderBy(s => s.Start))
        {
            int end = start + length;
            int prev = -1;
            for (int i = 0; i < tokens.Count; i++)
            {
                var t = tokens[i];
                if (t.Start + t.Length <= start || t.Start >= end) continue;
                if (tags[i] != "O") { prev = -1; continue; } // overlapping spans: first wins
                bool inside = prev == i - 1 && prev >= 0 && sentenceOf[prev] == sentenceOf[i];
                tags[i] = (inside ? "I-" : "B-") + type;
                prev = i;
            }
        }
        return tags;
    }

    /// <summary>Writes gold and predicted CoNLL files for a split and scores them with score.py (PER, ORG, LOC, exact
    /// span and type). Returns overall and per-type F1 (0–1) or null with the error in <paramref name="error"/>.</summary>
    public static Dictionary<string, double>? Score(StageContext ctx, string name, List<Doc> docs, List<string[]> predicted, string who, out string? error)
    {
        error = null;
        var gold = new StringBuilder();
        var pred = new StringBuilder();
        for (int di = 0; di < docs.Count; di++)
        {
            int ti = 0;
            foreach (var s in docs[di].Sentences)
            {
                foreach (var (tok, tag) in s)
                {
                    gold.Append(tok).Append('\t').Append(tag).Append('\n');
                    pred.Append(tok).Append('\t').Append(predicted[di][ti++]).Append('\n');
                }
                gold.Append('\n');
                pred.Append('\n');
            }
        }
        string dir = Path.Combine(ctx.WorkDir, "ner");
        Directory.CreateDirectory(dir);
        string g = Path.Combine(dir, $"{name}.test.gold.conll"), p = Path.Combine(dir, $"{name}.test.{who}.conll");
        File.WriteAllText(g, gold.ToString());
        File.WriteAllText(p, pred.ToString());
        var (exit, stdout, stderr) = Measure.Run("python3", new[] { Path.Combine(ctx.EvalRoot, "ner", "score.py"), g, p, "--types", "PER,ORG,LOC", "--json" }, timeoutSeconds: 300);
        if (exit != 0) { error = $"score.py exited {exit}: {(stderr + stdout).Trim()}"; return null; }
        using var doc = JsonDocument.Parse(stdout);
        var r = new Dictionary<string, double> { ["f1"] = doc.RootElement.GetProperty("overall").GetProperty("f1").GetDouble() / 100 };
        r["precision"] = doc.RootElement.GetProperty("overall").GetProperty("precision").GetDouble() / 100;
        r["recall"] = doc.RootElement.GetProperty("overall").GetProperty("recall").GetDouble() / 100;
        foreach (var t in new[] { "PER", "ORG", "LOC" })
            if (doc.RootElement.GetProperty("types").TryGetProperty(t, out var tv)) r[t] = tv.GetProperty("f1").GetDouble() / 100;
        return r;
    }

    /// <summary>Our F1 on every test split into <paramref name="m"/>'s metrics as <c>{prefix}f1:{split}</c> etc.</summary>
    public static void ScoreOurs(StageContext ctx, StageMeasurement m, string prefix)
    {
        string nerDir = Path.Combine(ctx.EvalRoot, "ner");
        if (!File.Exists(Path.Combine(nerDir, "score.py"))) { m.Info[prefix + "f1"] = "not scored: no ../shared/eval/ner"; return; }
        foreach (var (name, docs) in TestSplits(nerDir, ctx.RepoRoot))
        {
            var s = Score(ctx, name, docs, OurTags(docs), "ours", out var err);
            if (s == null) { m.Info[prefix + "scoreError:" + name] = err!; continue; }
            foreach (var (k, v) in s) m.Metrics[$"{prefix}{k}:{name}"] = Math.Round(v, 4);
        }
        m.Info[prefix + "scoredBy"] = "python3 ../shared/eval/ner/score.py GOLD PRED --types PER,ORG,LOC on the test splits of tools/NerTrainer (wikigold index mod 5 = 4, btc_h, wnut17 test, sec FIN3, realnews: the test half of tools/NerTrainer/real-news); the shipped tagger as `NerTrainer eval --split test` runs it";
    }
}
