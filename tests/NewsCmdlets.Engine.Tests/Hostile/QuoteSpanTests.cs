using System.Text;
using NewsCmdlets.Engine.Quotes;

namespace NewsCmdlets.Engine.Tests.Hostile;

/// <summary>
/// FindQuoteSpans gives up a mark left open longer than MaxQuoteLength and starts again after it; it used to scan the
/// same stretch again for each such mark (found by the fuzzer: 25,000 unclosed “ took a second per 25 KB). The
/// stretch is now skipped for marks of the same kind: the spans must be exactly the ones the rescanning gave.
/// </summary>
public sealed class QuoteSpanTests
{
    /// <summary>The scan as it was, rescanning after each mark given up: the reference.</summary>
    private static List<(int, int)> Rescanning(string text, ref int givenUp)
    {
        var spans = new List<(int, int)>();
        int open = -1;
        char closer = '\0';
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (open < 0)
            {
                if (c == '“' || c == '„' || c == '«') { open = i; closer = c == '«' ? '»' : '”'; }
                else if (c == '"' && (i == 0 || !char.IsLetterOrDigit(text[i - 1])) && i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1])) { open = i; closer = '"'; }
                continue;
            }
            if (c == closer || (closer == '”' && c == '"') || (closer == '"' && c == '”'))
            {
                spans.Add((open, i + 1));
                open = -1;
                continue;
            }
            if (c == '\n')
            {
                int j = i + 1;
                while (j < text.Length && char.IsWhiteSpace(text[j])) j++;
                if (j < text.Length && (text[j] == '“' || text[j] == '"') && i - open < QuoteExtractor.MaxQuoteLength) { i = j; continue; }
                open = -1;
                continue;
            }
            if (i - open >= QuoteExtractor.MaxQuoteLength) { i = open; open = -1; givenUp++; }
        }
        return spans;
    }

    [Fact]
    public void The_spans_are_those_of_the_rescanning_scan_on_texts_full_of_unclosed_marks()
    {
        var rng = new Random(30);
        int givenUp = 0;
        // Mostly letters and spaces, marks of both kinds now and then, closers rarely, paragraphs that go on with a mark.
        string[] pieces = { "a", "b", " ", " ", "word ", "“", "„", "«", "\"", "x\"", "”", "»", "\n", "\n“", "\n \"", ".\n\n" };
        int[] weights = { 40, 20, 30, 10, 20, 6, 1, 3, 4, 2, 1, 1, 2, 1, 1, 1 };
        for (int t = 0; t < 30; t++)
        {
            var sb = new StringBuilder();
            int length = 2_000 + rng.Next(14_000);
            double closers = rng.NextDouble(); // some texts close nearly nothing
            while (sb.Length < length)
            {
                int r = rng.Next(weights.Sum()), k = 0;
                while (r >= weights[k]) r -= weights[k++];
                if (pieces[k] is "”" or "»" && rng.NextDouble() > closers * 0.2) continue;
                if (pieces[k].Contains('\n') && rng.Next(t % 3 == 0 ? 1_000_000 : 30) != 0) continue; // long paragraphs
                sb.Append(pieces[k]);
            }
            string text = sb.ToString();
            Assert.Equal(Rescanning(text, ref givenUp), QuoteExtractor.FindQuoteSpans(text));
        }
        Assert.True(givenUp > 20, $"only {givenUp} marks were given up for length: the texts do not test that path");
    }

    [Fact]
    public void Thousands_of_unclosed_marks_give_no_span_and_a_closed_quote_after_them_is_found()
    {
        string text = string.Concat(Enumerable.Repeat("“a ", 20_000)) + "\n\nShe said “the ferry will sail” on Monday.";
        var spans = QuoteExtractor.FindQuoteSpans(text);
        var (start, end) = Assert.Single(spans);
        Assert.Equal("“the ferry will sail”", text[start..end]);
    }
}
