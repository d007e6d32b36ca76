using System.Text;
using NewsCmdlets.Engine.Entities.Tagging;
using NewsCmdlets.Engine.Text;

namespace NerTrainer;

/// <summary>One CoNLL document: sentences of (token, tag) with tags mapped to PER/ORG/LOC/MISC BIO.</summary>
internal sealed class ConllDoc
{
    public List<List<(string Token, string Tag)>> Sentences { get; } = new();

    /// <summary>A copy with every <paramref name="every"/>-th sentence (the first included) in capitals; tags unchanged.</summary>
    public ConllDoc WithCapitals(int every)
    {
        var d = new ConllDoc();
        for (int i = 0; i < Sentences.Count; i++)
            d.Sentences.Add(i % every == 0 ? Sentences[i].Select(t => (t.Token.ToUpperInvariant(), t.Tag)).ToList() : Sentences[i]);
        return d;
    }

    public NerTrainingDocument ToTraining()
    {
        var sb = new StringBuilder();
        var tokens = new List<TextToken>();
        var sentences = new List<SentenceRange>();
        var tags = new List<int>();
        foreach (var s in Sentences)
        {
            int first = tokens.Count;
            foreach (var (tok, tag) in s)
            {
                if (sb.Length > 0) sb.Append(' ');
                tokens.Add(new TextToken(sb.Length, tok.Length));
                sb.Append(tok);
                int idx = Array.IndexOf(NerModel.TagNames, tag);
                tags.Add(idx < 0 ? 0 : idx);
            }
            sb.Append('\n');
            sentences.Add(new SentenceRange(first, tokens.Count - first));
        }
        return new NerTrainingDocument(new NerDocument(sb.ToString(), tokens, sentences), tags.ToArray());
    }
}

internal static class Corpus
{
    /// <summary>Reads a CoNLL file (token first, tag last column); splits documents at -DOCSTART- or, when
    /// <paramref name="sentencePerDoc"/>, makes each sentence (tweet) a document.</summary>
    public static List<ConllDoc> Read(string path, Func<string, string> mapType, bool sentencePerDoc)
    {
        var docs = new List<ConllDoc>();
        var doc = new ConllDoc();
        var sent = new List<(string, string)>();
        void EndSentence()
        {
            if (sent.Count > 0) { doc.Sentences.Add(sent); sent = new(); }
            if (sentencePerDoc) EndDoc();
        }
        void EndDoc()
        {
            if (doc.Sentences.Count > 0) { docs.Add(doc); doc = new ConllDoc(); }
        }
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0) { EndSentence(); continue; }
            var cols = line.Split(new[] { '\t', ' ' }, StringSplitOptions.RemoveEmptyEntries);
            if (cols[0] == "-DOCSTART-") { EndSentence(); EndDoc(); continue; }
            string tok = cols[0];
            string tag = cols.Length > 1 ? cols[^1] : "O";
            sent.Add((tok, MapTag(tag, mapType)));
        }
        EndSentence();
        EndDoc();
        // IOB1 → IOB2 is not needed: callers read the .bio.conll files.
        return docs;
    }

    /// <summary>Reads a bracket-labelled file (news-train/, news-probes/): one sentence a line, entities written
    /// "[PER Anna Kowalczyk]", a blank line between documents; lines starting with "# " are skipped.</summary>
    public static List<ConllDoc> ReadBracketed(string path)
    {
        var docs = new List<ConllDoc>();
        var doc = new ConllDoc();
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("# ")) continue;
            if (line.Trim().Length == 0)
            {
                if (doc.Sentences.Count > 0) { docs.Add(doc); doc = new ConllDoc(); }
                continue;
            }
            var sent = new List<(string, string)>();
            string? cur = null;
            bool first = false;
            foreach (var part in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var p = part;
                if (p.Length > 1 && p[0] == '[' && p[1..] is "PER" or "ORG" or "LOC" or "MISC") { cur = p[1..]; first = true; continue; }
                bool end = false;
                if (cur != null && p.Length > 1 && p.EndsWith(']')) { p = p[..^1]; end = true; }
                sent.Add((p, cur == null ? "O" : (first ? "B-" : "I-") + cur));
                first = false;
                if (end) cur = null;
            }
            doc.Sentences.Add(sent);
        }
        if (doc.Sentences.Count > 0) docs.Add(doc);
        return docs;
    }

    private static string MapTag(string tag, Func<string, string> mapType)
    {
        if (tag == "O" || tag.Length < 3 || tag[1] != '-') return "O";
        string type = mapType(tag[2..]);
        return type.Length == 0 ? "O" : tag[0] + "-" + type;
    }

    public static string Identity(string t) => t is "PER" or "ORG" or "LOC" or "MISC" ? t : "";

    public static string Wnut(string t) => t switch
    {
        "person" => "PER",
        "location" => "LOC",
        "corporation" => "ORG",
        "group" => "ORG",
        "product" => "MISC",
        "creative-work" => "MISC",
        _ => "",
    };

    /// <summary>The held-out design: which documents train, which tune (dev) and which are reported (test).</summary>
    /// <param name="secDev">Hold out the last SEC training filing as an SEC dev split (SEC has no dev split of its own).</param>
    public static (List<ConllDoc> Train, Dictionary<string, List<ConllDoc>> Dev, Dictionary<string, List<ConllDoc>> Test) Load(string dir, int wikiCopies = 1, ISet<string>? skip = null, bool secDev = false, string? newsDir = null, int newsCopies = 1)
    {
        skip ??= new HashSet<string>();
        var train = new List<ConllDoc>();
        var dev = new Dictionary<string, List<ConllDoc>>();
        var test = new Dictionary<string, List<ConllDoc>>();

        var wiki = Read(Path.Combine(dir, "wikigold", "wikigold.bio.conll"), Identity, false);
        // Every fifth article is test, the one before it dev, the rest train.
        test["wikigold"] = wiki.Where((_, i) => i % 5 == 4).ToList();
        dev["wikigold"] = wiki.Where((_, i) => i % 5 == 3).ToList();
        for (int c = 0; c < wikiCopies; c++) train.AddRange(wiki.Where((_, i) => i % 5 < 3));

        foreach (var s in new[] { "a", "b", "e", "f" }) if (!skip.Contains("btc")) train.AddRange(Read(Path.Combine(dir, "btc", $"btc_{s}.conll"), Identity, true));
        test["btc_h"] = Read(Path.Combine(dir, "btc", "btc_h.conll"), Identity, true);

        if (!skip.Contains("wnut17")) train.AddRange(Read(Path.Combine(dir, "wnut17", "wnut17_train.conll"), Wnut, true));
        dev["wnut17"] = Read(Path.Combine(dir, "wnut17", "wnut17_dev.conll"), Wnut, true);
        test["wnut17"] = Read(Path.Combine(dir, "wnut17", "wnut17_test.conll"), Wnut, true);

        var sec = Read(Path.Combine(dir, "sec_filings", "sec_train_FIN5.bio.conll"), Identity, false);
        if (secDev) { dev["sec_filings"] = sec.TakeLast(1).ToList(); sec = sec.SkipLast(1).ToList(); }
        if (!skip.Contains("sec")) train.AddRange(sec);
        test["sec_filings"] = Read(Path.Combine(dir, "sec_filings", "sec_test_FIN3.bio.conll"), Identity, false);

        // Our own news-wire text (news-train/, written for this project): every fifth story is dev, the rest train.
        if (newsDir != null && Directory.Exists(newsDir) && !skip.Contains("news"))
        {
            var news = Directory.GetFiles(newsDir, "*.txt").OrderBy(f => f, StringComparer.Ordinal).SelectMany(ReadBracketed).ToList();
            dev["newswire"] = news.Where((_, i) => i % 5 == 3).ToList();
            for (int c = 0; c < newsCopies; c++) train.AddRange(news.Where((_, i) => i % 5 != 3));
        }

        // Real news (real-news/: hand-annotated articles of ../shared/eval/extraction): the dev half for choices, the
        // test half reported. Never trained on.
        string realDir = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(dir))!, "extraction");
        string? annotations = newsDir == null ? null : Path.Combine(Path.GetDirectoryName(newsDir)!, "real-news");
        if (annotations != null && File.Exists(Path.Combine(realDir, "ground-truth.json")) && Directory.Exists(annotations))
        {
            var pages = NewsCmdlets.NerEvaluation.RealNews.Load(annotations, realDir);
            foreach (var split in new[] { "dev", "test" })
            {
                var docs = pages.Where(p => p.Split == split).Select(p => { var d = new ConllDoc(); d.Sentences.AddRange(p.Sentences); return d; }).ToList();
                (split == "dev" ? dev : test)["realnews"] = docs;
            }
        }
        return (train, dev, test);
    }
}
