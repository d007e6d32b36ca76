using NewsCmdlets.Engine.Coverage;

namespace NewsCmdlets.Engine.Tests.Coverage;

/// <summary>
/// The clustering's packed links must give exactly the sums a dictionary per group gave (the clustering compares
/// averages of them, so one rounding apart could change a merge), whatever the order of merges.
/// </summary>
public sealed class GroupLinksTests
{
    [Theory]
    [InlineData(1, 40, 6)]
    [InlineData(2, 300, 16)]
    [InlineData(3, 1000, 3)]
    public void MergesGiveTheSumsOfDictionaries(int seed, int n, int maxPairs)
    {
        var random = new Random(seed);
        var pairs = new StoryGrouper.Edge[]?[n];
        var reference = new Dictionary<int, double>?[n];
        for (int a = 0; a < n; a++)
        {
            var later = Enumerable.Range(a + 1, n - a - 1).OrderBy(_ => random.Next()).Take(random.Next(maxPairs + 1)).Order().ToArray();
            if (later.Length == 0 && random.Next(3) == 0) continue; // some articles have no scored pair at all
            pairs[a] = later.Select(b => new StoryGrouper.Edge(a, b, (float)random.NextDouble())).ToArray();
            foreach (var e in pairs[a]!)
            {
                (reference[a] ??= new())[e.B] = e.Sim;
                (reference[e.B] ??= new())[a] = e.Sim;
            }
        }
        var links = new GroupLinks(n, pairs);
        Assert.All(pairs, Assert.Null); // let go as read

        var root = Enumerable.Range(0, n).ToArray();
        int Find(int x) { while (root[x] != x) x = root[x]; return x; }
        for (int step = 0; step < n - 1; step++)
        {
            // Merge either two linked groups (as the clustering does) or any two (as copies are).
            int a = Find(random.Next(n));
            var near = reference[a]?.Keys.ToArray() ?? Array.Empty<int>();
            int b = near.Length > 0 && random.Next(4) > 0 ? near[random.Next(near.Length)] : Find(random.Next(n));
            if (a == b) continue;
            if (b < a) (a, b) = (b, a);
            root[b] = a;
            links.Merge(a, b);
            ReferenceMerge(reference, a, b);

            foreach (int g in new[] { a }.Concat(reference[a]?.Keys ?? Enumerable.Empty<int>()))
            {
                var expected = reference[g]?.OrderBy(kv => kv.Key).ToArray() ?? Array.Empty<KeyValuePair<int, double>>();
                Assert.Equal(expected.Select(kv => kv.Key), links.Neighbours(g).ToArray());
                foreach (var (c, w) in expected) Assert.Equal(BitConverter.DoubleToInt64Bits(w), BitConverter.DoubleToInt64Bits(links.Sum(g, c)));
            }
            Assert.Equal(0, links.Neighbours(b).Length);
            Assert.Equal(0, links.Sum(a, b));
        }
    }

    /// <summary>
    /// Packing the lists again (after merges left room unused in the shared arrays) keeps every group's neighbours and
    /// sums bit for bit, merges after it give the sums they would have given, and the slots held fall to the links in use.
    /// </summary>
    [Theory]
    [InlineData(4, 200, 12)]
    [InlineData(5, 800, 5)]
    public void CompactingKeepsTheListsAndLetsGoOfTheRoom(int seed, int n, int maxPairs)
    {
        var random = new Random(seed);
        var pairs = new StoryGrouper.Edge[]?[n];
        var reference = new Dictionary<int, double>?[n];
        for (int a = 0; a < n; a++)
        {
            var later = Enumerable.Range(a + 1, n - a - 1).OrderBy(_ => random.Next()).Take(random.Next(maxPairs + 1)).Order().ToArray();
            pairs[a] = later.Select(b => new StoryGrouper.Edge(a, b, (float)random.NextDouble())).ToArray();
            foreach (var e in pairs[a]!)
            {
                (reference[a] ??= new())[e.B] = e.Sim;
                (reference[e.B] ??= new())[a] = e.Sim;
            }
        }
        var links = new GroupLinks(n, pairs);
        Assert.False(links.Compact()); // nothing unused yet
        var root = Enumerable.Range(0, n).ToArray();
        int Find(int x) { while (root[x] != x) x = root[x]; return x; }
        int compactions = 0;
        for (int step = 0; step < n - 1; step++)
        {
            int a = Find(random.Next(n)), b = Find(random.Next(n));
            if (a == b) continue;
            if (b < a) (a, b) = (b, a);
            root[b] = a;
            links.Merge(a, b);
            ReferenceMerge(reference, a, b);
            Assert.Equal(reference.Sum(d => (long)(d?.Count ?? 0)), links.Live);
            if (step % 17 != 0) continue;
            long held = links.Held;
            if (!links.Compact()) continue;
            compactions++;
            Assert.True(links.Held < held);
            Assert.Equal(links.Live, links.Held);
            for (int g = 0; g < n; g++)
            {
                var expected = reference[g]?.OrderBy(kv => kv.Key).ToArray() ?? Array.Empty<KeyValuePair<int, double>>();
                Assert.Equal(expected.Select(kv => kv.Key), links.Neighbours(g).ToArray());
                foreach (var (c, w) in expected) Assert.Equal(BitConverter.DoubleToInt64Bits(w), BitConverter.DoubleToInt64Bits(links.Sum(g, c)));
            }
        }
        Assert.True(compactions > 0);
        for (int g = 0; g < n; g++)
            foreach (var (c, w) in reference[g] ?? new())
                Assert.Equal(BitConverter.DoubleToInt64Bits(w), BitConverter.DoubleToInt64Bits(links.Sum(g, c)));
    }

    /// <summary>What the clustering did before the links were packed.</summary>
    private static void ReferenceMerge(Dictionary<int, double>?[] links, int root, int other)
    {
        var into = links[root];
        var from = links[other];
        links[other] = null;
        if (from != null)
        {
            if (into == null) links[root] = into = new();
            from.Remove(root);
            into.Remove(other);
            foreach (var (c, w) in from)
            {
                into[c] = into.GetValueOrDefault(c) + w;
                var back = links[c]!;
                back.Remove(other);
                back[root] = back.GetValueOrDefault(root) + w;
            }
        }
        else into?.Remove(other);
    }
}
