using NewsCmdlets.Engine.Coverage;
using NewsCmdlets.Engine.Entities;
using NewsCmdlets.Engine.Entities.Tagging;

namespace NewsCmdlets.Engine.Tests.Entities;

/// <summary>
/// The shortcuts taken on the entity tagger's and the comparison's hot paths (a table for folding characters, buffers
/// reused from one document to the next, one reading of a text for two lexicons) give what the plain computation gives.
/// </summary>
public sealed class HotPathEquivalenceTests
{
    [Fact]
    public void Folding_by_table_gives_the_computed_answer_for_every_character()
    {
        for (int c = 0; c <= char.MaxValue; c++)
            if (Hashing.Fold((char)c) != Hashing.FoldSlow((char)c))
                Assert.Fail($"U+{c:X4}: table {(int)Hashing.Fold((char)c):X4}, computed {(int)Hashing.FoldSlow((char)c):X4}");
        Assert.Equal('e', Hashing.Fold('É'));
        Assert.Equal('\'', Hashing.Fold('’'));
        Assert.Equal('—', Hashing.Fold('—'));
    }

    [Fact]
    public void A_tagger_that_tagged_other_documents_tags_a_document_as_a_new_one_does()
    {
        // The second stage's votes (which type each word got elsewhere in the document) are counted in buffers kept
        // from document to document: what one document counted must not leak into the next.
        var first = NerTestText.Document(
            "Marta Ilves of Holmgate Lines said the Holmgate crews would strike .",
            "Ilves told reporters in Westmere that Holmgate had not answered .");
        var second = NerTestText.Document(
            "Holmgate is a quiet town on the coast , and Ilves is a river there .",
            "In Holmgate , the Ilves bridge reopened on Monday .");
        var used = new NerTagger(NerModel.Shared, Gazetteer.Shared);
        used.Tag(first);
        used.Tag(second);
        used.Tag(first);
        var again = used.Tag(second);
        var fresh = new NerTagger(NerModel.Shared, Gazetteer.Shared).Tag(second);
        Assert.Equal(fresh, again);
    }

    [Fact]
    public void Scoring_a_long_sentence_a_few_tokens_at_a_time_gives_each_token_the_sums_it_gets_alone()
    {
        // ScoreBoth and ScoreSecond look up the rows of several tokens before adding them (so the memory reads
        // overlap): every token must still get the sums of its own features, added in their order.
        var doc = NerTestText.Document("Marta Ilves , the harbour master of Holmgate Lines in Westmere , said on Monday that the crews of the Northvale ferry would strike again .");
        var sentence = doc.Sentences[0];
        int n = sentence.TokenCount, stride = NerFeatures.Stride, tags = NerModel.TagCount;
        Assert.True(n > 16 && n % 8 != 0);
        var model = NerModel.Shared;
        var stage1 = new NerTagger(model, Gazetteer.Shared).TagStage1(doc);
        var feats = new ulong[n * stride];
        NerFeatures.Extract(doc, sentence, Gazetteer.Shared, feats, new uint[n], new uint[n]);
        NerFeatures.ExtractStage2(doc, sentence, stage1, NerFeatures.Votes(doc, stage1), feats);
        var (scores, final) = ScoreBothStages(model, feats, n);
        Assert.Contains(final, x => x != 0);
        for (int i = 0; i < n; i++)
        {
            var (alone, aloneFinal) = ScoreBothStages(model, feats.AsSpan(i * stride, stride).ToArray(), 1);
            Assert.Equal(alone, scores[(i * tags)..((i + 1) * tags)]);
            Assert.Equal(aloneFinal, final[(i * tags)..((i + 1) * tags)]);
        }
        // The first stage's scores are those of Score, which adds one token's rows after another.
        var firstOnly = feats.ToArray();
        for (int i = 0; i < n; i++) Array.Clear(firstOnly, i * stride + NerFeatures.Slots, stride - NerFeatures.Slots);
        var plain = new float[n * tags];
        model.Score(firstOnly, n, plain);
        Assert.Equal(plain, scores);
    }

    private static (float[] First, float[] Second) ScoreBothStages(NerModel model, ulong[] feats, int n)
    {
        var scores = new float[n * NerModel.TagCount];
        var sums = new float[n * NerModel.TagCount];
        var final = new float[n * NerModel.TagCount];
        model.ScoreBoth(feats, n, scores, sums, 0);
        model.ScoreSecond(feats, n, sums, 0, final);
        return (scores, final);
    }

    [Fact]
    public void Hedges_and_loaded_words_found_together_are_those_found_apart()
    {
        string text = "The regime’s ALLEGED plan, if confirmed, was a fiasco. \"It is chaos,\" he said. Reportedly, officials " +
                      "appeared to back the so-called reform; it was not clear whether the " + new string('x', 80) + " crackdown " +
                      "would go on. A witch hunt, critics said. If, confirmed, nothing.";
        var (hedges, loaded) = FramingLexicon.Find(text);
        Assert.Equal(FindApart(text, FramingLexicon.Hedges), hedges);
        Assert.Equal(FindApart(text, FramingLexicon.Loaded), loaded);
        Assert.Equal(new[] { "alleged", "if confirmed", "reportedly", "appeared to", "it was not clear" }, hedges);
        Assert.Equal(new[] { "fiasco", "so-called", "crackdown", "witch hunt" }, loaded); // "regime’s" is one word
    }

    /// <summary>The lexicon's phrases outside quotation marks, read the slow way: a lower-case string a word.</summary>
    private static List<string> FindApart(string text, string[] lexicon)
    {
        var spans = NewsCmdlets.Engine.Quotes.QuoteExtractor.FindQuoteSpans(text);
        var words = CoverageText.Words(text);
        var phrases = lexicon.Select(p => p.Split(' ')).OrderByDescending(p => p.Length).ToList();
        var found = new List<string>();
        for (int i = 0; i < words.Count; i++)
        {
            if (spans.Any(s => words[i].Start >= s.Start && words[i].Start < s.End)) continue;
            string w = words[i].Text.ToLowerInvariant().Replace('’', '\'');
            foreach (var p in phrases.Where(p => p[0] == w))
            {
                if (i + p.Length > words.Count) continue;
                bool ok = true;
                for (int k = 1; k < p.Length && ok; k++)
                    ok = words[i + k].Text.Equals(p[k], StringComparison.OrdinalIgnoreCase)
                         && text[words[i + k - 1].End..words[i + k].Start].All(char.IsWhiteSpace);
                if (!ok) continue;
                found.Add(string.Join(' ', p));
                i += p.Length - 1;
                break;
            }
        }
        return found;
    }

    [Fact]
    public void A_name_alone_is_its_own_group_and_a_name_seen_again_keeps_its_key()
    {
        var m = new EntityMerger();
        m.Add("President Ilves", NewsEntityType.Person);
        m.Add("Holmgate Lines", NewsEntityType.Organization, 2);
        m.Add("President Ilves", NewsEntityType.Person, 0.5);
        m.Add("Westmere", NewsEntityType.Location);
        var groups = m.Resolve();
        Assert.Equal(3, groups.Count);
        Assert.Equal(("Ilves", NewsEntityType.Person), (groups[0].Canonical, groups[0].Type));
        Assert.Equal(new[] { 0, 2 }, groups[0].Members);
        Assert.Equal(new[] { "President Ilves" }, groups[0].Forms);
        Assert.Equal(("Holmgate Lines", NewsEntityType.Organization), (groups[1].Canonical, groups[1].Type));
        Assert.Equal(new[] { "Holmgate Lines" }, groups[1].Forms);
        Assert.Equal(("Westmere", NewsEntityType.Location), (groups[2].Canonical, groups[2].Type));
        // A title alone is kept as the name.
        var alone = new EntityMerger();
        alone.Add("President", NewsEntityType.Person);
        Assert.Equal("President", alone.Resolve().Single().Canonical);
    }

    [Fact]
    public void Keys_of_long_names_are_made_as_keys_of_short_ones()
    {
        string longName = "The " + string.Concat(Enumerable.Repeat("Ñorth-Vale Harbour Board ", 20)) + "’s";
        string expected = string.Concat(Enumerable.Repeat("northvaleharbourboard", 20));
        Assert.True(longName.Length > 256);
        Assert.Equal(expected, EntityMerger.Key(longName));
        Assert.Equal("northvaleharbourboard", EntityMerger.Key("the Ñorth-Vale Harbour Board's"));
        Assert.Equal("", EntityMerger.Key(" — "));
    }
}
