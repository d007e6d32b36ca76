using System.Text;
using System.Text.Json;
using NewsCmdlets.Engine.Entities;

namespace NewsCmdlets.Engine.Tests.Entities;

/// <summary>The tagger's per-token arrays and word sets are kept by each thread for its next article (issue 31).</summary>
public sealed class EntityBufferTests
{
    private static readonly string[] People = { "Wren Abernathy", "Cosimo Hale", "Petra Lindqvist", "Jago Marchetti" };

    /// <summary>An invented report of <paramref name="paragraphs"/> paragraphs naming people, places, bodies, dates and figures.</summary>
    private static string Report(int paragraphs, int seed)
    {
        var sb = new StringBuilder("SILTHAVEN LOCK REOPENS AFTER REPAIRS\n\n");
        for (int p = 0; p < paragraphs; p++)
        {
            string who = People[(p + seed) % People.Length];
            switch ((p + seed) % 3)
            {
                case 0: sb.Append($"{who}, the chief engineer of the Silthaven Canal Trust, said on Monday that {p + 40} barges had passed the lock."); break;
                case 1: sb.Append($"The Orrin Valley Council paid {p + 2}.5 million euros for the work, according to {who}."); break;
                default: sb.Append($"Boats from Marrowby and Kestle Ford queued for {p + 3} hours on March {p % 27 + 1}, {who} told reporters."); break;
            }
            sb.Append("\n\n");
        }
        return sb.ToString();
    }

    private static string Digest(ArticleEntities r) => JsonSerializer.Serialize(r.Entities) + JsonSerializer.Serialize(r.Mentions) + string.Join("|", r.Warnings);

    private static T OnNewThread<T>(Func<T> f)
    {
        T result = default!;
        var t = new Thread(() => result = f());
        t.Start();
        t.Join();
        return result;
    }

    [Fact]
    public void An_article_after_a_longer_one_gets_the_entities_it_gets_alone_and_the_arrays_are_not_made_again()
    {
        string text = Report(30, 1), longer = Report(80, 2);
        var x = new EntityExtractor();
        string alone = OnNewThread(() => Digest(x.ExtractText(text)));
        Assert.Contains("Silthaven Canal Trust", alone);
        var (after, first, second, tokens) = OnNewThread(() =>
        {
            x.ExtractText(Report(1, 0)); // small arrays kept
            long a0 = GC.GetAllocatedBytesForCurrentThread();
            x.ExtractText(text); // the arrays grow to the text
            long a1 = GC.GetAllocatedBytesForCurrentThread();
            x.ExtractText(text); // the same arrays again
            long a2 = GC.GetAllocatedBytesForCurrentThread();
            x.ExtractText(longer);
            var r = x.ExtractText(text); // arrays longer than the text, used before
            return (Digest(r), a1 - a0, a2 - a1, NewsCmdlets.Engine.Text.Tokenizer.Tokenize(text).Count);
        });
        Assert.Equal(alone, after);
        // Five arrays of one element a token (three ulong, a uint and a byte: 29 bytes a token) and two word sets are made
        // for the first article of this size and not for the second.
        Assert.True(first - second >= 29L * tokens, $"first {first} B, second {second} B, {tokens} tokens");
    }

    [Fact]
    public void The_token_list_is_kept_for_the_next_article_and_a_shorter_article_after_a_longer_one_gets_its_own_entities()
    {
        string text = Report(12, 3), longer = Report(60, 1);
        var x = new EntityExtractor();
        string alone = OnNewThread(() => Digest(x.ExtractText(text)));
        var (after, kept, tokens) = OnNewThread(() =>
        {
            x.ExtractText(longer);
            int capacity = EntityExtractor.KeptTokenCapacity; // the list kept after the longer article
            return (Digest(x.ExtractText(text)), capacity, NewsCmdlets.Engine.Text.Tokenizer.Tokenize(longer).Count);
        });
        Assert.Equal(alone, after); // the kept list was emptied for the shorter article
        Assert.True(kept >= tokens, $"kept {kept}, {tokens} tokens");
    }
}
