using System.Text;
using System.Text.Json;
using NewsCmdlets.Engine.Quotes;

namespace NewsCmdlets.Engine.Tests.Quotes;

/// <summary>The per-token arrays of a document are kept by each thread for its next document (issue 31).</summary>
public sealed class QuoteBufferTests
{
    private static readonly string[] People = { "Mara Quell", "Tobin Vasse", "Ilse Drummond", "Oren Patchett" };

    /// <summary>An invented report of <paramref name="paragraphs"/> paragraphs with quotes, reported speech and pronouns.</summary>
    private static string Report(int paragraphs, int seed)
    {
        var sb = new StringBuilder();
        for (int p = 0; p < paragraphs; p++)
        {
            string who = People[(p + seed) % People.Length], other = People[(p + seed + 1) % People.Length];
            switch ((p + seed) % 4)
            {
                case 0: sb.Append($"“The ferry to Lenmouth will run again by March {p + 2},” said {who}, the harbour manager of Kestrel Bay."); break;
                case 1: sb.Append($"{who} said the repairs to pier {p} had cost more than planned. “We found rot under the deck,” she added."); break;
                case 2: sb.Append($"According to {other}, the council of Kestrel Bay voted {p + 3} to 2 for the new timetable."); break;
                default: sb.Append($"“Nobody told the fishermen,” {who} told reporters on Tuesday. {other} disagreed: “Every skipper got a letter.”"); break;
            }
            sb.Append("\n\n");
        }
        return sb.ToString();
    }

    private static string Digest(ArticleQuotes r) =>
        JsonSerializer.Serialize(r.Quotes) + JsonSerializer.Serialize(r.Attributions) + string.Join("|", r.Warnings);

    private static T OnNewThread<T>(Func<T> f)
    {
        T result = default!;
        var t = new Thread(() => result = f());
        t.Start();
        t.Join();
        return result;
    }

    [Fact]
    public void A_document_after_a_longer_one_gets_clean_arrays_and_the_same_quotes_and_the_arrays_are_not_made_again()
    {
        string shortText = Report(6, 1), longText = Report(120, 2), midText = Report(40, 3);
        var x = new QuoteExtractor();
        // What each text gives on a thread of its own (nothing kept from another document).
        string shortAlone = OnNewThread(() => Digest(x.ExtractText(shortText, "s"))), midAlone = OnNewThread(() => Digest(x.ExtractText(midText, "m")));
        Assert.Contains("Mara Quell", shortAlone);

        var (shortAfterLong, midAgain, first, second) = OnNewThread(() =>
        {
            x.ExtractText(Report(1, 0)); // small arrays kept
            long a0 = GC.GetAllocatedBytesForCurrentThread();
            var m1 = x.ExtractText(midText, "m"); // the arrays grow to the mid text
            long a1 = GC.GetAllocatedBytesForCurrentThread();
            var m2 = x.ExtractText(midText, "m"); // the same arrays again
            long a2 = GC.GetAllocatedBytesForCurrentThread();
            x.ExtractText(longText, "l");
            var s = x.ExtractText(shortText, "s"); // arrays longer than the text, used before
            Assert.Equal(Digest(m1), Digest(m2));
            return (Digest(s), Digest(m2), a1 - a0, a2 - a1);
        });
        Assert.Equal(shortAlone, shortAfterLong);
        Assert.Equal(midAlone, midAgain);
        // Seven arrays of one element a token (four int, a bool, a ulong and a reference: 33 bytes a token at least)
        // are made for the first document of this size and not for the second.
        int tokens = NewsCmdlets.Engine.Text.Tokenizer.Tokenize(midText).Count;
        Assert.True(first - second >= 30L * tokens, $"first {first} B, second {second} B, {tokens} tokens");
    }

    [Fact]
    public void A_document_read_after_others_on_its_thread_allocates_little_more_than_its_results()
    {
        string text = Report(40, 5);
        var x = new QuoteExtractor();
        var (used, quotes, tokens) = OnNewThread(() =>
        {
            x.ExtractText(Report(60, 1)); // everything kept for the thread made large enough
            x.ExtractText(text);
            long a0 = GC.GetAllocatedBytesForCurrentThread();
            var r = x.ExtractText(text);
            long a1 = GC.GetAllocatedBytesForCurrentThread();
            return (a1 - a0, r.Quotes.Count + r.Attributions.Count, NewsCmdlets.Engine.Text.Tokenizer.Tokenize(text).Count);
        });
        Assert.True(quotes > 40);
        // The token list, the name finder's per-token classes and tables and the name merger's tables are the thread's
        // own from the last document: what is left is the names, quotes, attributions and their strings.
        Assert.True(used < 100L * tokens, $"{used} B for {tokens} tokens, {quotes} quotes and attributions: {used / (double)tokens:F1} B a token");
    }
}
