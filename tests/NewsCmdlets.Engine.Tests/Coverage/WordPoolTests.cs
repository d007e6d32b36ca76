using NewsCmdlets.Engine.Coverage;

namespace NewsCmdlets.Engine.Tests.Coverage;

/// <summary>The pool of word strings behind CoverageText.Words: the same text always, one string for a word seen again.</summary>
public sealed class WordPoolTests
{
    [Fact]
    public void A_word_seen_again_is_the_same_string_and_every_word_is_its_own_text()
    {
        var pool = new WordPool(64);
        string text = "Holmgate crews said Holmgate crews would strike";
        string first = pool.Get(text, 0, 8);
        string again = pool.Get(text, 20, 8);
        Assert.Equal("Holmgate", first);
        Assert.Same(first, again);
        Assert.Equal("crews", pool.Get(text, 29, 5));
        Assert.Equal("", pool.Get(text, 3, 0));
    }

    [Fact]
    public void Words_that_share_a_slot_each_keep_their_own_text()
    {
        // One slot: every word evicts the one before, and each still comes back as its own characters.
        var pool = new WordPool(1);
        string text = "Ilves Westmere Ilves Northvale Westmere";
        var words = text.Split(' ');
        int at = 0;
        foreach (var w in words)
        {
            Assert.Equal(w, pool.Get(text, at, w.Length));
            at += w.Length + 1;
        }
        Assert.Same(pool.Get(text, 0, 5), pool.Get(text, 0, 5));
    }

    [Fact]
    public void Long_words_are_copied_and_Words_gives_the_same_words_as_before()
    {
        var pool = new WordPool();
        string longWord = new string('k', WordPool.MaxLength + 1);
        string text = longWord + " " + longWord;
        string a = pool.Get(text, 0, longWord.Length), b = pool.Get(text, longWord.Length + 1, longWord.Length);
        Assert.Equal(longWord, a);
        Assert.Equal(a, b);
        Assert.NotSame(a, b);
        // Words through the pool: the text and offsets of each word as the characters say.
        string sentence = "The Holmgate crews’ pay rose 3.5% to 1,200 euros; the Holmgate crews went back.";
        var words = CoverageText.Words(sentence);
        Assert.Equal(new[] { "The", "Holmgate", "crews", "pay", "rose", "3.5", "to", "1,200", "euros", "the", "Holmgate", "crews", "went", "back" }, words.Select(w => w.Text));
        Assert.All(words, w => Assert.Equal(sentence[w.Start..w.End], w.Text));
        Assert.Same(words[1].Text, words[10].Text);
    }

    [Fact]
    public void The_words_of_a_text_s_first_characters_are_those_of_a_copy_of_them()
    {
        // The story's event noun is read from the start of each body in place: cut inside a word, inside "4.5" and after a
        // hyphen, the words are what a copy of those characters gives.
        string body = "A flood-hit valley near Orrin Vale saw 4.5 metres of water as the floodwaters rose";
        var list = new List<CoverageText.Word>();
        for (int length = 0; length <= body.Length + 3; length++)
        {
            var expected = CoverageText.Words(body[..Math.Min(length, body.Length)]).Select(w => (w.Text, w.Start, w.End)).ToList();
            var got = CoverageText.Words(body, length, list).Select(w => (w.Text, w.Start, w.End)).ToList();
            Assert.Equal(expected, got);
        }
        Assert.Equal(new[] { "A", "flood" }, CoverageText.Words(body, 8, list).Select(w => w.Text));
        Assert.Equal("4", CoverageText.Words(body, 40, list)[^1].Text);
    }
}
