using System.Diagnostics;
using System.Text;
using NewsCmdlets.Engine.Entities;
using NewsCmdlets.Engine.Entities.Tagging;
using NerTrainer;

// NerTrainer train NERDIR [--out MODEL] [--epochs N] [--work DIR]   train on the training splits, write the model, evaluate
// NerTrainer eval NERDIR [--model MODEL] [--work DIR] [--split dev|test]
// NerTrainer bench [FILES...]                                         entity pass speed on one thread
if (args.Length == 0) { Console.Error.WriteLine("usage: NerTrainer train|eval|bench ..."); return 2; }
// Ablations (see README): parts of the tagger switched off for one run. The module itself never reads these.
NerAblations.GazetteersOff = (Environment.GetEnvironmentVariable("NEWSCMDLETS_GAZ_OFF") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
NerAblations.TrueCaseHeadlines = Environment.GetEnvironmentVariable("NEWSCMDLETS_NO_TRUECASE") != "1";
NerAblations.RulesOff = (Environment.GetEnvironmentVariable("NEWSCMDLETS_RULES_OFF") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
NerAblations.SurnameVotes = Environment.GetEnvironmentVariable("NEWSCMDLETS_NO_SURNAME") != "1";
NerAblations.ClustersOff = Environment.GetEnvironmentVariable("NEWSCMDLETS_NO_CLUSTERS") == "1";
string Opt(string name, string def)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : def;
}
string repo = FindRepo();
string defaultModel = Path.Combine(repo, "src", "NewsCmdlets.Engine", "Entities", "Data", "ner-model.bin.gz");
string newsDir = Path.Combine(repo, "tools", "NerTrainer", "news-train");
string work = Opt("--work", Path.Combine(Path.GetTempPath(), "nertrainer"));
Directory.CreateDirectory(work);

switch (args[0])
{
    case "train":
    {
        var (train, dev, test) = Corpus.Load(args[1], int.Parse(Opt("--wiki-copies", "1")), Opt("--skip", "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(), args.Contains("--sec-dev"), Opt("--news", newsDir), int.Parse(Opt("--news-copies", "1")));
        var gaz = Gazetteer.Shared;
        // --caps-dev: also score WikiGold dev with every fourth sentence (the first included) in capitals, as headlines are.
        if (args.Contains("--caps-dev")) dev["wikigold-caps"] = dev["wikigold"].Select(d => d.WithCapitals(4)).ToList();
        var sw = Stopwatch.StartNew();
        // --with-dev: after tuning on the dev splits, train the shipped model on train + dev (test stays unseen).
        bool withDev = args.Contains("--with-dev");
        // The real-news set is for measuring only: it is never trained on (its two halves share stories and names).
        if (withDev) foreach (var (name, d) in dev) if (name != "realnews") train.AddRange(d);
        var docs = train.Select(d => d.ToTraining()).ToList();
        var options = new PerceptronTrainer.Options(
            Epochs: int.Parse(Opt("--epochs", "10")), Seed: int.Parse(Opt("--seed", "17")), MinFeatureCount: int.Parse(Opt("--min", "2")), PruneBelow: float.Parse(Opt("--prune", "0.05")), Log: Console.WriteLine);
        var model = PerceptronTrainer.Train(docs, gaz, options);
        if (!args.Contains("--single-stage"))
        {
            // Second stage, trained on first-stage tags that a model trained without the document produced (4-fold jackknife).
            const int Folds = 4;
            var stage1 = new int[docs.Count][];
            for (int f = 0; f < Folds; f++)
            {
                var m = PerceptronTrainer.Train(docs.Where((_, i) => i % Folds != f).ToList(), gaz, options with { Log = null });
                var t = new NerTagger(m, gaz, null);
                for (int i = f; i < docs.Count; i += Folds) stage1[i] = t.TagStage1(docs[i].Document);
                Console.WriteLine($"fold {f + 1}/{Folds} done");
            }
            var second = PerceptronTrainer.Train(docs.Select((d, i) => d with { Stage1 = stage1[i] }).ToList(), gaz, options);
            model = model.WithSecond(second);
        }
        Console.WriteLine($"trained in {sw.Elapsed.TotalSeconds:F0} s on {docs.Sum(d => d.Tags.Length)} tokens");
        string outPath = Opt("--out", defaultModel);
        using (var f = File.Create(outPath)) model.Write(f);
        Console.WriteLine($"wrote {outPath} ({new FileInfo(outPath).Length / 1024} KiB, {model.FeatureCount} features)");
        using (var f = File.OpenRead(outPath)) model = NerModel.Read(new System.IO.Compression.GZipStream(f, System.IO.Compression.CompressionMode.Decompress));
        if (!withDev) Evaluate(model, dev, "dev", args[1]);
        Evaluate(model, test, "test", args[1]);
        return 0;
    }
    case "eval":
    {
        var (_, dev, test) = Corpus.Load(args[1], newsDir: Opt("--news", newsDir));
        string path = Opt("--model", defaultModel);
        NerModel model;
        using (var f = File.OpenRead(path)) model = NerModel.Read(new System.IO.Compression.GZipStream(f, System.IO.Compression.CompressionMode.Decompress));
        string split = Opt("--split", "both");
        if (split != "test") Evaluate(model, dev, "dev", args[1]);
        if (split != "dev") Evaluate(model, test, "test", args[1]);
        return 0;
    }
    case "tag":
    {
        // tag [--model FILE] FILE: one sentence a line, tokens split at spaces, a blank line between documents; prints the tags.
        NerModel model;
        using (var f = File.OpenRead(Opt("--model", defaultModel))) model = NerModel.Read(new System.IO.Compression.GZipStream(f, System.IO.Compression.CompressionMode.Decompress));
        var doc = new ConllDoc();
        var docs = new List<ConllDoc> { doc };
        foreach (var line in File.ReadLines(args[^1]))
        {
            if (line.Trim().Length == 0) { docs.Add(doc = new ConllDoc()); continue; }
            doc.Sentences.Add(line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(t => (t, "O")).ToList());
        }
        var tagger = new NerTagger(model, Gazetteer.Shared);
        foreach (var d in docs.Where(d => d.Sentences.Count > 0))
        {
            var tags = tagger.Tag(d.ToTraining().Document);
            int ti = 0;
            foreach (var s in d.Sentences)
                Console.WriteLine(string.Join(' ', s.Select(t => { var tg = NerModel.TagNames[tags[ti++]]; return tg == "O" ? t.Token : $"{t.Token}/{tg}"; })));
            Console.WriteLine();
        }
        return 0;
    }
    case "dump":
    {
        // dump NERDIR OUTDIR [--model FILE]: every set's tags (dev, test, probes, the training documents, dev splits
        // with every fourth sentence in capitals), one file a set, with F1 on each: diff two dumps to check a change.
        NerModel model;
        using (var f = File.OpenRead(Opt("--model", defaultModel))) model = NerModel.Read(new System.IO.Compression.GZipStream(f, System.IO.Compression.CompressionMode.Decompress));
        Evaluation.Dump(Evaluation.LoadAll(args[1], Opt("--news", newsDir), train: true, caps: true), new NerTagger(model, Gazetteer.Shared), args[2]);
        return 0;
    }
    case "rules":
    {
        // rules NERDIR [--model FILE[,FILE…]] [--off A,B]: each family of rules switched off in turn, its worth on every set.
        var models = new List<NerModel>();
        foreach (var path in Opt("--model", defaultModel).Split(','))
            using (var f = File.OpenRead(path)) models.Add(NerModel.Read(new System.IO.Compression.GZipStream(f, System.IO.Compression.CompressionMode.Decompress)));
        return Ablation.Run(Evaluation.LoadAll(args[1], Opt("--news", newsDir)), models, Opt("--off", "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet());
    }
    case "clusters":
        // clusters WINK_JSON [--out FILE] [--words N] [--k 128,512,2048] [--rounds N]: the word clusters the tagger's features use.
        return Clusters.Build(args[1], Opt("--out", Path.Combine(repo, "src", "NewsCmdlets.Engine", "Entities", "Data", "word-clusters.tsv.gz")),
            int.Parse(Opt("--words", "200000")), Opt("--k", "128,512,2048").Split(',').Select(int.Parse).ToArray(), int.Parse(Opt("--rounds", "25")));
    case "plain":
    {
        // plain FILE...: each file's text tokenised and split into sentences as the entity pass does, one sentence a
        // line, tokens separated by spaces, a blank line between files (for hand-labelling real text).
        foreach (var file in args.Skip(1))
        {
            string text = File.ReadAllText(file);
            var toks = NewsCmdlets.Engine.Text.Tokenizer.Tokenize(text);
            foreach (var s in NewsCmdlets.Engine.Text.SentenceSplitter.Split(text, toks).Where(s => s.TokenCount > 0)) // as RealNews.cs reads them
                Console.WriteLine(string.Join(' ', Enumerable.Range(s.FirstToken, s.TokenCount).Select(i => text.Substring(toks[i].Start, toks[i].Length))));
            Console.WriteLine();
        }
        return 0;
    }
    case "show":
        return Bench.Show(args.Skip(1).Where(a => a != "--corpus").ToArray(), args.Contains("--corpus"));
    case "parts":
        return Parts.Run(args.Skip(1).ToArray(), repo);
    case "bench":
        return Bench.Run(args.Skip(1).ToArray(), repo);
    default:
        Console.Error.WriteLine($"unknown command {args[0]}");
        return 2;
}

void Evaluate(NerModel model, Dictionary<string, List<ConllDoc>> sets, string split, string nerDir)
{
    var gaz = Gazetteer.Shared;
    foreach (var (name, docs) in sets)
    {
        var gold = new StringBuilder();
        var pred = new StringBuilder();
        var tagger = new NerTagger(model, gaz);
        foreach (var d in docs)
        {
            var td = d.ToTraining();
            var tags = tagger.Tag(td.Document);
            int ti = 0;
            foreach (var s in d.Sentences)
            {
                foreach (var (tok, tag) in s)
                {
                    gold.Append(tok).Append('\t').Append(tag).Append('\n');
                    pred.Append(tok).Append('\t').Append(NerModel.TagNames[tags[ti++]]).Append('\n');
                }
                gold.Append('\n');
                pred.Append('\n');
            }
        }
        string g = Path.Combine(work, $"{name}.{split}.gold.conll"), p = Path.Combine(work, $"{name}.{split}.pred.conll");
        File.WriteAllText(g, gold.ToString());
        File.WriteAllText(p, pred.ToString());
        var psi = new ProcessStartInfo("python3", new[] { Path.Combine(nerDir, "score.py"), g, p, "--types", "PER,ORG,LOC" }) { RedirectStandardOutput = true };
        using var proc = Process.Start(psi)!;
        string output = proc.StandardOutput.ReadToEnd();
        proc.WaitForExit();
        Console.WriteLine($"== {name} ({split}, {docs.Count} docs)");
        Console.WriteLine(output.TrimEnd());
    }
}

static string FindRepo()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir != null && !File.Exists(Path.Combine(dir.FullName, "NewsCmdlets.sln"))) dir = dir.Parent;
    return dir?.FullName ?? Directory.GetCurrentDirectory();
}
