using NewsCmdlets.Engine.Coverage;
using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Engine.Tests.Coverage;

public sealed class TermEntryTests
{
    [Fact]
    public void An_entry_keeps_its_id_kind_and_weight_and_a_name_sets_the_top_bit()
    {
        foreach (int id in new[] { 0, 1, 4711, TermEntry.IdMask })
            for (int k = 0; k < 16; k++)
            {
                var kind = (TermKind)k;
                var e = new TermEntry(id, kind, 0.25f);
                Assert.Equal(id, e.Id);
                Assert.Equal(kind, e.Kind);
                Assert.Equal(0.25f, e.Weight);
                bool name = (kind & TermKind.Name) != 0;
                Assert.Equal(name, e.IsName);
                Assert.Equal(name ? 1 : 0, (int)((uint)e.Packed >> 31)); // the candidate index reads the name flag so
                Assert.Equal(id, e.Packed & TermEntry.IdMask);
            }
    }

    [Fact]
    public void A_term_is_found_in_a_vector_by_its_id_whatever_its_kind()
    {
        var v = new[]
        {
            new TermEntry(3, TermKind.Word, 0.1f), new TermEntry(8, TermKind.Name | TermKind.Lead, 0.5f),
            new TermEntry(20, TermKind.Number | TermKind.HeadlineFigure, 0.2f), new TermEntry(31, TermKind.Name, 0.3f),
        };
        Assert.Equal(0, TermEntry.IndexOf(v, 3));
        Assert.Equal(1, TermEntry.IndexOf(v, 8));
        Assert.Equal(2, TermEntry.IndexOf(v, 20));
        Assert.Equal(3, TermEntry.IndexOf(v, 31));
        Assert.True(TermEntry.IndexOf(v, 9) < 0);
        Assert.True(TermEntry.IndexOf(v, 40) < 0);
        Assert.True(TermEntry.IndexOf(Array.Empty<TermEntry>(), 3) < 0);
    }

    [Fact]
    public void An_article_vector_is_one_array_by_id_ascending_with_its_names_marked()
    {
        var article = new NewsArticle
        {
            Id = "t1",
            Title = "Quillan Brevard opens the Ostrava ferry terminal",
            Body = "Mayor Quillan Brevard opened the new ferry terminal at Ostrava harbour on Tuesday, with 340 guests.\nThe terminal cost the Lindqvist Port Authority two years of work.",
            Published = new DateTimeOffset(2025, 3, 4, 9, 0, 0, TimeSpan.Zero),
        };
        var terms = new TermTable();
        var x = new FeatureExtractor(terms).Extract(article);
        Assert.NotEmpty(x.Vector);
        for (int k = 1; k < x.Vector.Length; k++) Assert.True(x.Vector[k - 1].Id < x.Vector[k].Id);
        var shown = x.Vector.Where(e => e.IsName).Select(e => terms.Display[e.Id]).Where(d => d != null).ToList();
        Assert.Contains("Quillan Brevard", shown);
        double norm = x.Vector.Sum(e => (double)e.Weight * e.Weight);
        Assert.Equal(1, norm, 3);
    }
}
