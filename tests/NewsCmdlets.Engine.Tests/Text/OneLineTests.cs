using NewsCmdlets.Engine.Text;

namespace NewsCmdlets.Engine.Tests.Text;

/// <summary>TextShape.OneLine: a sentence shown beside an entity or a quote, made in one string.</summary>
public sealed class OneLineTests
{
    private const string Report = "PREFIX|The Marrowby ferry\nran late on Monday.|SUFFIX";

    [Fact]
    public void A_sentence_reads_on_one_line_and_a_long_one_is_cut_with_an_ellipsis()
    {
        int start = Report.IndexOf('|') + 1, end = Report.LastIndexOf('|');
        Assert.Equal("The Marrowby ferry ran late on Monday.", TextShape.OneLine(Report, start, end, 400));
        Assert.Equal("The Marrowby ferry ran…", TextShape.OneLine(Report, start, end, 22));
        Assert.Equal("The Marrowby ferry…", TextShape.OneLine(Report, start, start + 30, 18));
        // What Substring, Replace and the cut's concatenation gave before.
        for (int max = 1; max < 45; max++)
        {
            int len = end - start;
            string old = (len > max ? Report.Substring(start, max) + "…" : Report.Substring(start, len)).Replace('\n', ' ');
            Assert.Equal(old, TextShape.OneLine(Report, start, end, max));
        }
    }

    [Fact]
    public void A_sentence_without_a_line_break_is_its_substring()
    {
        const string text = "Kestle Ford council met.";
        Assert.Equal("Kestle Ford", TextShape.OneLine(text, 0, 11, 400));
        Assert.Equal("", TextShape.OneLine(text, 3, 3, 400));
    }
}
