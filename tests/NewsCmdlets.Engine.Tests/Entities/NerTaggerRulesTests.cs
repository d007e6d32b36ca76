using NewsCmdlets.Engine.Entities;
using NewsCmdlets.Engine.Entities.Tagging;
using NewsCmdlets.Engine.Text;

namespace NewsCmdlets.Engine.Tests.Entities;

/// <summary>The shipped tagger's rules and true-casing on lines we wrote in the newswire style (one sentence a line).</summary>
public sealed class NerTaggerRulesTests
{
    /// <summary>Tags each line (one sentence a line, tokens at spaces) and returns the spans as "TYPE:words".</summary>
    private static List<string> Spans(params string[] lines)
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
        var doc = new NerDocument(text, tokens, sentences);
        var tags = new NerTagger(NerModel.Shared, Gazetteer.Shared).Tag(doc);
        var spans = new List<string>();
        for (int i = 0; i < tags.Length; i++)
        {
            if (tags[i] == 0 || (tags[i] & 1) == 0) continue;
            int e = i + 1;
            while (e < tags.Length && tags[e] == tags[i] + 1) e++;
            spans.Add(NerModel.TagNames[tags[i]][2..] + ":" + string.Join(' ', Enumerable.Range(i, e - i).Select(k => tokens[k].Span(text).ToString())));
            i = e - 1;
        }
        return spans;
    }

    [Fact]
    public void Korean_names_after_titles_are_people()
    {
        var spans = Spans("Defence Minister Ahn Gyu-back said on Tuesday that the talks would resume .",
                          "President Lee Jae-myung welcomed the move , and former president Moon Jae-in called it a first step .");
        Assert.Contains("PER:Ahn Gyu-back", spans);
        Assert.Contains("PER:Lee Jae-myung", spans);
        Assert.Contains("PER:Moon Jae-in", spans);
    }

    [Fact]
    public void A_dateline_line_is_a_place()
    {
        var spans = Spans("TENNIS - VELLAND WINS OPENING MATCH .", "ORENBURG 2026-08-30", "Oren Quill beat Sam Vale in straight sets on Friday .");
        Assert.Contains("LOC:ORENBURG", spans);
        Assert.DoesNotContain(spans, s => s.Contains("WINS") || s.Contains("OPENING"));
    }

    [Fact]
    public void Syllable_patterns_of_romanised_names()
    {
        Assert.True(NerTagger.IsHyphenatedGivenName("Gyu-back"));
        Assert.True(NerTagger.IsHyphenatedGivenName("Jae-myung"));
        Assert.True(NerTagger.IsHyphenatedGivenName("Dong-young"));
        Assert.False(NerTagger.IsHyphenatedGivenName("Re-election"));
        Assert.False(NerTagger.IsHyphenatedGivenName("Daimler-Benz"));
        Assert.True(NerTagger.IsSyllables("Jinping", 2));
        Assert.False(NerTagger.IsSyllables("Election", 2));
    }

    [Fact]
    public void A_headline_in_capitals_reads_its_words_as_the_article_writes_them()
    {
        string text = "QUILL GETS LUCKY WIN\nOren Quill won a lucky match .\n";
        var tokens = Tokenizer.Tokenize(text);
        var sents = SentenceSplitter.Split(text, tokens);
        var doc = new NerDocument(text, tokens, sents);
        // "QUILL" is written "Quill" mid-sentence elsewhere: a capitalised word; "LUCKY" is written in lower case.
        Assert.True((doc.Flags[0] & NerDocument.FCap) != 0);
        Assert.True((doc.Flags[2] & NerDocument.FCap) == 0);
        Assert.True((doc.Flags[2] & NerDocument.FHeadline) != 0);
    }
}
