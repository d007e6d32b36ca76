using System.Text.Json;
using NewsCmdlets.Engine.Text;

namespace NewsCmdlets.NerEvaluation;

/// <summary>
/// The real-news entity set (tools/NerTrainer/real-news/): 34 English news articles of the extraction evaluation
/// pages (../shared/eval/extraction, ScrapingHub's benchmark, MIT), annotated by hand in the CoNLL-2003 style. The
/// repository keeps only the annotations (page, sentence, tokens, type, the name's text); the text itself is read from
/// ../shared: each page's article body as marked in ground-truth.json, whole paragraphs up to the first 300 words,
/// tokenised and split into sentences by the engine, as the entity pass does it. Shared by tools/NerTrainer and the
/// benchmark (compiled into both).
/// </summary>
public static class RealNews
{
    public sealed record Page(string Id, string Split, List<List<(string Token, string Tag)>> Sentences);

    /// <summary>The article text an annotated page is made of: whole paragraphs until 300 words.</summary>
    public static string Text(string articleBody)
    {
        var paragraphs = new List<string>();
        int words = 0;
        foreach (var p in articleBody.Split('\n').Select(p => p.Trim()).Where(p => p.Length > 0))
        {
            paragraphs.Add(p);
            words += p.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
            if (words >= 300) break;
        }
        return string.Join("\n\n", paragraphs) + "\n";
    }

    /// <summary>Loads the pages with their gold BIO tags. Throws when an annotation no longer matches the tokens (the
    /// tokenizer or sentence splitter changed: the annotations must be moved with it).</summary>
    public static List<Page> Load(string annotationDir, string extractionDir)
    {
        using var gt = JsonDocument.Parse(File.ReadAllText(Path.Combine(extractionDir, "ground-truth.json")));
        var bodies = new Dictionary<string, string>();
        foreach (var p in gt.RootElement.EnumerateObject()) bodies[p.Name] = p.Value.GetProperty("articleBody").GetString() ?? "";
        var notes = File.ReadLines(Path.Combine(annotationDir, "annotations.tsv")).Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l.Split('\t')).ToLookup(c => c[0]);
        var pages = new List<Page>();
        foreach (var line in File.ReadLines(Path.Combine(annotationDir, "pages.tsv")).Where(l => l.Length > 0 && l[0] != '#'))
        {
            var cols = line.Split('\t');
            string id = bodies.Keys.Single(k => k.StartsWith(cols[0], StringComparison.Ordinal));
            string text = Text(bodies[id]);
            var tokens = Tokenizer.Tokenize(text);
            var sentences = SentenceSplitter.Split(text, tokens)
                .Select(s => Enumerable.Range(s.FirstToken, s.TokenCount).Select(i => (Token: text.Substring(tokens[i].Start, tokens[i].Length), Tag: "O")).ToList())
                .Where(s => s.Count > 0).ToList();
            foreach (var c in notes[cols[0]])
            {
                int si = int.Parse(c[1]), first = int.Parse(c[2]), end = int.Parse(c[3]);
                var sent = sentences[si];
                string seen = string.Join(' ', sent.Skip(first).Take(end - first).Select(t => t.Token));
                if (seen != c[5]) throw new InvalidDataException($"real-news annotation {cols[0]} sentence {si} tokens {first}-{end}: expected '{c[5]}', the tokenizer now gives '{seen}'");
                for (int i = first; i < end; i++) sent[i] = (sent[i].Token, (i == first ? "B-" : "I-") + c[4]);
            }
            pages.Add(new Page(cols[0], cols[1], sentences));
        }
        return pages;
    }
}
