namespace NewsCmdlets.Engine.Coverage;

/// <summary>
/// The summed similarity between groups of articles as the clustering merges them: for each group, its neighbours
/// in ascending order and the sum of the scored pairs' similarities between the two, kept the same on both sides.
/// Lists start packed in two shared arrays (each article's room is its number of scored pairs), so 100,000 articles
/// with 1.6 million pairs cost 12 bytes a pair and side, not a dictionary each (about three times as much, and twice
/// that while one grows). A merged group whose list outgrows its room gets arrays of its own, and the room it leaves
/// in the shared arrays stays unused until <see cref="Compact"/> packs every list again.
/// </summary>
internal sealed class GroupLinks
{
    private readonly int[][] _keys;
    private readonly double[][] _values;
    private readonly int[] _start, _count, _room;
    private int[] _scratchKeys = new int[64];
    private double[] _scratchValues = new double[64];
    /// <summary>Entries in all lists, and slots held for them (the shared arrays' length and the rooms of groups' own arrays).</summary>
    private long _live, _held;
    /// <summary>The shared keys array (lists not in it are in arrays of their own).</summary>
    private int[] _block;

    /// <summary>
    /// Links from each article's scored pairs with later articles (<paramref name="pairs"/>[i] holds pairs (i, j) with
    /// i &lt; j, ascending by j, each pair once); each array is let go (set to null) once read.
    /// </summary>
    public GroupLinks(int n, StoryGrouper.Edge[]?[] pairs)
    {
        var degree = new int[n];
        long total = 0;
        for (int a = 0; a < n; a++)
        {
            var p = pairs[a];
            if (p == null) continue;
            degree[a] += p.Length;
            foreach (var e in p) degree[e.B]++;
            total += 2L * p.Length;
        }
        if (total > Array.MaxLength) throw new InvalidOperationException("Too many scored pairs to cluster.");
        var keys = new int[total];
        var values = new double[total];
        _live = _held = total;
        _block = keys;
        _keys = new int[n][];
        _values = new double[n][];
        _start = new int[n];
        _count = new int[n];
        _room = degree;
        int at = 0;
        for (int i = 0; i < n; i++)
        {
            _keys[i] = keys;
            _values[i] = values;
            _start[i] = at;
            at += degree[i];
        }
        // Article i's list fills with its earlier neighbours (as their arrays are read, ascending) and then its own
        // later ones (ascending): sorted as it is written.
        for (int a = 0; a < n; a++)
        {
            var p = pairs[a];
            if (p == null) continue;
            foreach (var e in p)
            {
                int b = e.B;
                double sim = e.Sim;
                keys[_start[a] + _count[a]] = b;
                values[_start[a] + _count[a]++] = sim;
                keys[_start[b] + _count[b]] = a;
                values[_start[b] + _count[b]++] = sim;
            }
            pairs[a] = null;
        }
    }

    /// <summary>
    /// Packs every list into new shared arrays of their exact length when fewer than half of the slots held are in use
    /// (merged groups leave their room in the shared arrays and take arrays of their own: at 100,000 articles, after the
    /// copies of one text were joined, 4.5 million slots of 12 bytes held 1.4 million links); returns whether it did.
    /// The lists are the same after (same neighbours, same sums, same order), only where they are kept changes.
    /// </summary>
    public bool Compact()
    {
        if (_live * 2 > _held) return false;
        var keys = new int[_live];
        var values = new double[_live];
        int at = 0;
        for (int i = 0; i < _keys.Length; i++)
        {
            int count = _count[i];
            Array.Copy(_keys[i], _start[i], keys, at, count);
            Array.Copy(_values[i], _start[i], values, at, count);
            _keys[i] = keys;
            _values[i] = values;
            _start[i] = at;
            _room[i] = count;
            at += count;
        }
        _block = keys;
        _held = _live;
        return true;
    }

    /// <summary>Entries in all lists (a link counted on both sides), and the slots held for them, for tests.</summary>
    internal long Live => _live;
    internal long Held => _held;

    /// <summary>Group <paramref name="i"/>'s neighbours, ascending.</summary>
    public ReadOnlySpan<int> Neighbours(int i) => _keys[i].AsSpan(_start[i], _count[i]);

    /// <summary>The summed similarity between groups <paramref name="a"/> and <paramref name="b"/>; 0 when no pair between them was scored.</summary>
    public double Sum(int a, int b)
    {
        int p = Find(a, b);
        return p >= 0 ? _values[a][_start[a] + p] : 0;
    }

    /// <summary>Position of <paramref name="key"/> in <paramref name="i"/>'s list, or the complement of where it would go.</summary>
    private int Find(int i, int key)
    {
        int p = Array.BinarySearch(_keys[i], _start[i], _count[i], key);
        return p >= 0 ? p - _start[i] : ~(~p - _start[i]);
    }

    /// <summary>
    /// Group <paramref name="other"/> joins <paramref name="root"/>: root's link to each neighbour is the sum of the two
    /// groups' links to it (root's first, so every sum is added in the order a dictionary of sums would add it), the
    /// neighbours' lists say the same, and other has no links left.
    /// </summary>
    public void Merge(int root, int other)
    {
        int countOther = _count[other];
        if (countOther == 0)
        {
            Remove(root, other);
            return;
        }
        int[] ko = _keys[other];
        double[] vo = _values[other];
        int so = _start[other];
        // Each neighbour of other: the link to other becomes (or adds to) a link to root, in its own room (its list
        // loses other and gains root at most: never longer).
        for (int x = 0; x < countOther; x++)
        {
            int c = ko[so + x];
            if (c == root) continue;
            double w = vo[so + x];
            Remove(c, other);
            int p = Find(c, root);
            if (p >= 0) _values[c][_start[c] + p] += w;
            else Insert(c, ~p, root, 0 + w);
        }
        // Root's new list: the union of both (less each other), sums where both have a neighbour.
        int[] kr = _keys[root];
        double[] vr = _values[root];
        int sr = _start[root], countRoot = _count[root];
        int most = countRoot + countOther;
        if (_scratchKeys.Length < most)
        {
            _scratchKeys = new int[Math.Max(most, 2 * _scratchKeys.Length)];
            _scratchValues = new double[_scratchKeys.Length];
        }
        var sk = _scratchKeys;
        var sv = _scratchValues;
        int i = 0, j = 0, m = 0;
        while (i < countRoot || j < countOther)
        {
            int a = i < countRoot ? kr[sr + i] : int.MaxValue;
            int b = j < countOther ? ko[so + j] : int.MaxValue;
            if (a == other) { i++; continue; }
            if (b == root) { j++; continue; }
            if (a == b) { sk[m] = a; sv[m++] = vr[sr + i++] + vo[so + j++]; }
            else if (a < b) { sk[m] = a; sv[m++] = vr[sr + i++]; }
            else { sk[m] = b; sv[m++] = 0 + vo[so + j++]; }
        }
        _live += m - countRoot - countOther;
        if (m > _room[root])
        {
            // Arrays of its own, with a quarter to spare: a story that grows one article at a time does not copy its
            // list at every step.
            int room = m + m / 4;
            if (!ReferenceEquals(_keys[root], _block)) _held -= _room[root]; // its own arrays before, let go
            _held += room;
            _keys[root] = kr = new int[room];
            _values[root] = vr = new double[room];
            _start[root] = sr = 0;
            _room[root] = room;
        }
        Array.Copy(sk, 0, kr, sr, m);
        Array.Copy(sv, 0, vr, sr, m);
        _count[root] = m;
        // Other is empty now and never a group again (arrays of its own go back to the collector).
        if (!ReferenceEquals(_keys[other], _block)) _held -= _room[other];
        _keys[other] = Array.Empty<int>();
        _values[other] = Array.Empty<double>();
        _start[other] = _count[other] = _room[other] = 0;
    }

    private void Remove(int i, int key)
    {
        int p = Find(i, key);
        if (p < 0) return;
        int s = _start[i], last = _count[i] - 1;
        Array.Copy(_keys[i], s + p + 1, _keys[i], s + p, last - p);
        Array.Copy(_values[i], s + p + 1, _values[i], s + p, last - p);
        _count[i] = last;
        _live--;
    }

    private void Insert(int i, int p, int key, double value)
    {
        int s = _start[i], count = _count[i];
        if (count == _room[i])
        {
            // Not reached from Merge (a neighbour's list loses other before it gains root), kept for safety.
            int room = count + count / 4 + 1;
            if (!ReferenceEquals(_keys[i], _block)) _held -= _room[i];
            _held += room;
            var k = new int[room];
            var v = new double[room];
            Array.Copy(_keys[i], s, k, 0, count);
            Array.Copy(_values[i], s, v, 0, count);
            _keys[i] = k;
            _values[i] = v;
            _start[i] = s = 0;
            _room[i] = room;
        }
        Array.Copy(_keys[i], s + p, _keys[i], s + p + 1, count - p);
        Array.Copy(_values[i], s + p, _values[i], s + p + 1, count - p);
        _keys[i][s + p] = key;
        _values[i][s + p] = value;
        _count[i] = count + 1;
        _live++;
    }
}
