using NewsCmdlets.Engine.Coverage;
using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Engine.Tests.Coverage;

/// <summary>
/// A coverage item's per-outlet tables (Values, Sentences, Times, GivenBy) are made when first read unless given: the
/// comparison makes dozens of items a story, most with their tables given at once (issues 27, 31: allocation per story).
/// </summary>
public sealed class CoverageItemTablesTests
{
    private static NewsCoverageItem Given(FieldSources values, FieldSources sentences, FieldSources times, FieldSources givenBy) => new()
    {
        Story = "g1", Kind = CoverageKind.Number, Key = "barges through the Silthaven lock", Values = values, Sentences = sentences, Times = times, GivenBy = givenBy,
    };

    [Fact]
    public void An_item_given_its_tables_makes_no_empty_ones_of_its_own()
    {
        var values = new FieldSources();
        values.Set("Orrin Valley Post", "41");
        FieldSources sentences = new(), times = new(), givenBy = new();
        var keep = new NewsCoverageItem[200];
        for (int i = 0; i < keep.Length; i++) keep[i] = Given(values, sentences, times, givenBy); // warm: the constructor jitted
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < keep.Length; i++) keep[i] = Given(values, sentences, times, givenBy);
        long perItem = (GC.GetAllocatedBytesForCurrentThread() - before) / keep.Length;
        // The item alone is about 140 bytes; four empty tables made and dropped (a table and its list each) were about 300 more.
        Assert.True(perItem < 250, $"{perItem} bytes an item");
        Assert.Same(values, keep[0].Values);
        Assert.Equal("41", keep[^1].Values["Orrin Valley Post"]);
    }

    [Fact]
    public void An_item_without_tables_reads_empty_ones_and_the_same_one_each_time()
    {
        var item = new NewsCoverageItem { Story = "g2", Kind = CoverageKind.Entity, Key = "Silthaven Canal Trust" };
        Assert.Empty(item.Times);
        Assert.Empty(item.GivenBy);
        Assert.Empty(item.Sentences);
        Assert.Empty(item.Values);
        Assert.Same(item.Times, item.Times);
        Assert.Same(item.Values, item.Values);
    }
}
