using NewsCmdlets.Engine.Entities;

namespace NewsCmdlets.Engine.Tests.Entities;

/// <summary>
/// How EntityMerger.Resolve builds a group of several spellings (type by weight, forms by weight, the fullest
/// canonical name), and that it does so without LINQ's garbage (issue 31: every byte the passes allocate is GC work
/// shared by all threads).
/// </summary>
public sealed class EntityMergerGroupTests
{
    /// <summary>An invented article's names: a person under three spellings and a title, a port authority with its short form and initials.</summary>
    private static EntityMerger Names()
    {
        var m = new EntityMerger();
        m.Add("Mayor Ines Calloway", NewsEntityType.Person);      // 0
        m.Add("Calloway", NewsEntityType.Person);                         // 1
        m.Add("Ines Calloway", NewsEntityType.Person);                    // 2
        m.Add("Calloway", NewsEntityType.Organization, 0.5);              // 3: the tagger's slip, outweighed
        m.Add("Calloway", NewsEntityType.Person);                         // 4
        m.Add("Port of Dunmere Authority", NewsEntityType.Organization);  // 5
        m.Add("Port of Dunmere Authority", NewsEntityType.Organization);  // 6
        m.Add("Port", NewsEntityType.Organization, 2);                    // 7: one word that starts it
        m.Add("Tamsin Rook", NewsEntityType.Person);                      // 8: alone
        m.Add("Rook", NewsEntityType.Person, 3);                          // 9
        m.Add("PDA", NewsEntityType.Organization, 5);                     // 10: the authority's initials
        return m;
    }

    [Fact]
    public void A_group_of_spellings_takes_its_heaviest_type_its_forms_by_weight_and_its_fullest_name_with_little_garbage()
    {
        Names().Resolve(); // the code made ready
        var m = Names();
        long a0 = GC.GetAllocatedBytesForCurrentThread();
        var groups = m.Resolve();
        long used = GC.GetAllocatedBytesForCurrentThread() - a0;

        Assert.Equal(3, groups.Count);
        var ines = groups[0];
        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, ines.Members);
        Assert.Equal(NewsEntityType.Person, ines.Type); // 4 against 0.5
        // Calloway 2.5 (three mentions, one weighing 0.5), then the others by first mention.
        Assert.Equal(new[] { "Calloway", "Mayor Ines Calloway", "Ines Calloway" }, ines.Forms);
        Assert.Equal("Ines Calloway", ines.Canonical); // the title is no part of the name; two words beat one
        var port = groups[1];
        Assert.Equal(new[] { 5, 6, 7, 10 }, port.Members);
        Assert.Equal(new[] { "PDA", "Port of Dunmere Authority", "Port" }, port.Forms); // 2 against 2: the first seen first
        Assert.Equal("Port of Dunmere Authority", port.Canonical); // initials last, however weighty
        var rook = groups[2];
        Assert.Equal(new[] { "Rook", "Tamsin Rook" }, rook.Forms);
        Assert.Equal("Tamsin Rook", rook.Canonical); // more words before more weight

        // The groups, their member lists and forms, and the merger's own working tables made once: 6.7 KB here, where
        // LINQ's groupings, orderings and word splits of every group of several spellings made 21 KB.
        Assert.True(used < 10_000, $"Resolve allocated {used} B");
    }

    [Fact]
    public void A_merger_used_again_after_Clear_keys_no_spelling_it_met_before_and_groups_as_a_new_one()
    {
        // Each thread's quote pass, entity pass and comparison use one merger, emptied for each article or story: a
        // spelling met before (most are: the same people and places run through a story) is not keyed and split again.
        static void AddNames(EntityMerger m)
        {
            m.Add("Councillor Brede Osterhout", NewsEntityType.Person);
            m.Add("Osterhout", NewsEntityType.Person);
            m.Add("Vallon Ferry Company", NewsEntityType.Organization);
            m.Add("Lower Vallon", NewsEntityType.Location);
        }
        var reused = new EntityMerger();
        AddNames(reused);
        reused.Resolve();
        reused.Clear();
        AddNames(reused); // the items list grown to size once
        reused.Clear();
        long a0 = GC.GetAllocatedBytesForCurrentThread();
        AddNames(reused);
        long used = GC.GetAllocatedBytesForCurrentThread() - a0;
        Assert.Equal(0, used);

        var fresh = new EntityMerger();
        AddNames(fresh);
        var expected = fresh.Resolve();
        var got = reused.Resolve();
        Assert.Equal(expected.Select(g => (g.Canonical, g.Type, string.Join("|", g.Members), string.Join("|", g.Forms))),
            got.Select(g => (g.Canonical, g.Type, string.Join("|", g.Members), string.Join("|", g.Forms))));
        Assert.Equal(3, got.Count);
    }
}
