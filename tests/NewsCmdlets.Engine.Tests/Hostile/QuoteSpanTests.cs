using System.Text;
using NewsCmdlets.Engine.Quotes;

namespace NewsCmdlets.Engine.Tests.Hostile;

/// <summary>
/// The quote scan gives up a mark left open longer than MaxQuoteLength and starts again after it; it used to scan the
/// same stretch again for each such mark (found by the fuzzer: 25,000 unclosed “ took a second per 25 KB). A stretch
/// with nothing that closes or nests in a mark of its kind is now skipped for the next mark of that kind: the spans
/// and the warnings must be exactly the ones the rescanning scan gives.
/// </summary>
public sealed class QuoteSpanTests
{
    [Fact]
    public void The_spans_are_those_of_the_rescanning_scan_on_texts_full_of_unclosed_marks()
    {
        var rng = new Random(30);
        var skips = new int[1];
        // Mostly letters and spaces, marks of every kind now and then, closers rarely, paragraphs that go on with a mark.
        string[] pieces = { "a", "b", " ", " ", "word ", "“", "„", "«", "\"", "x\"", "”", "»", "\n", "\n“", "\n \"", ".\n\n", " ''", "'' ", " ``", "\u201c\"" };
        int[] weights = { 40, 20, 30, 10, 20, 6, 1, 3, 4, 2, 1, 1, 2, 1, 1, 1, 2, 1, 1, 1 };
        for (int t = 0; t < 30; t++)
        {
            var sb = new StringBuilder();
            int length = 2_000 + rng.Next(14_000);
            double closers = rng.NextDouble(); // some texts close nearly nothing
            while (sb.Length < length)
            {
                int r = rng.Next(weights.Sum()), k = 0;
                while (r >= weights[k]) r -= weights[k++];
                if (pieces[k] is "”" or "»" or "'' " && rng.NextDouble() > closers * 0.2) continue;
                if (pieces[k].Contains('\n') && rng.Next(t % 3 == 0 ? 1_000_000 : 30) != 0) continue; // long paragraphs
                sb.Append(pieces[k]);
            }
            string text = sb.ToString();
            List<string> skipping = new(), rescanning = new();
            Assert.Equal(QuoteSpans.Find(text, rescanning, rescan: true), QuoteSpans.Find(text, skipping, rescan: false, skips));
            Assert.Equal(rescanning, skipping);
        }
        Assert.True(skips[0] > 20, $"only {skips[0]} stretches were skipped: the texts do not test that path");
    }

    [Theory]
    [InlineData("“a ")]
    [InlineData("«a ")]
    [InlineData("''a ")]
    [InlineData("„a ")]
    public void Thousands_of_unclosed_marks_give_no_span_and_a_closed_quote_after_them_is_found(string unclosed)
    {
        string text = string.Concat(Enumerable.Repeat(unclosed, 20_000)) + "\n\nShe said “the ferry will sail” on Monday.";
        var spans = QuoteExtractor.FindQuoteSpans(text);
        var (start, end) = Assert.Single(spans);
        Assert.Equal("“the ferry will sail”", text[start..end]);
    }
}
