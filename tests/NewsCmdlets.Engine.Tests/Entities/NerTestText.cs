using NewsCmdlets.Engine.Entities.Tagging;
using NewsCmdlets.Engine.Text;

namespace NewsCmdlets.Engine.Tests.Entities;

/// <summary>Documents for the tagger's tests, from lines we wrote (one sentence a line, tokens at spaces), and the
/// names in a document's tags as "TYPE:words".</summary>
internal static class NerTestText
{
    public static NerDocument Document(params string[] lines)
    {
        string text = string.Join("\n", lines) + "\n";
        var tokens = new List<TextToken>();
        var sentences = new List<SentenceRange>();
        int pos = 0;
        foreach (var line in lines)
        {
            int first = tokens.Count;
            foreach (var w in line.Split(' '))
            {
                tokens.Add(new TextToken(pos, w.Length));
                pos += w.Length + 1;
            }
            sentences.Add(new SentenceRange(first, tokens.Count - first));
        }
        return new NerDocument(text, tokens, sentences);
    }

    public static List<string> Names(NerDocument doc, int[] tags)
    {
        var names = new List<string>();
        for (int i = 0; i < tags.Length; i++)
        {
            if (tags[i] == 0 || (tags[i] & 1) == 0) continue;
            int e = i + 1;
            while (e < tags.Length && tags[e] == tags[i] + 1) e++;
            names.Add(NerModel.TagNames[tags[i]][2..] + ":" + string.Join(' ', Enumerable.Range(i, e - i).Select(k => doc.Tokens[k].Span(doc.Text).ToString())));
            i = e - 1;
        }
        return names;
    }
}
