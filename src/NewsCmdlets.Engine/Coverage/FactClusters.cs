using System.Globalization;
using NewsCmdlets.Engine.Entities;

namespace NewsCmdlets.Engine.Coverage;

/// <summary>One number or date as one outlet states it, with the words around it (what it counts or dates).</summary>
internal sealed class Fact
{
    public int Outlet;
    /// <summary>Only facts in the same bucket are compared: the unit for numbers, "date" for dates.</summary>
    public string Bucket = "";
    public string Text = "";
    public string? Counted;
    public List<string> Context = new();
    public HashSet<string> ContextSet = new(StringComparer.Ordinal);
    /// <summary>The context words of the fact's own clause (between commas, brackets, dashes): a conflict needs these to match too.</summary>
    public List<string> Clause = new();
    /// <summary>Capitalised words of the context (names): two facts about different named things are not the same thing.</summary>
    public HashSet<string> Names = new(StringComparer.Ordinal);
    /// <summary>Resolved dates written in the fact's sentence ("2024", "2025-10-19"): figures for the same dated period.</summary>
    public HashSet<string> Dates = new(StringComparer.Ordinal);
    // Numbers
    public double Number;
    public bool Approximate;
    /// <summary>"tens of thousands": a magnitude, not a figure; agrees only with the same magnitude.</summary>
    public bool Vague;
    /// <summary>"at least 12", "more than 40": any figure from this one up agrees.</summary>
    public bool AtLeast;
    /// <summary>"up to 50", "fewer than 10", "nearly 300": any figure up to this one agrees.</summary>
    public bool AtMost;
    // Dates
    public string? Value;
    public DateGranularity? Granularity;
    public DateTime From, To; // [From, To)
    public bool HasInterval;
    /// <summary>Relative wording ("sunday", "last year"): the same words agree even when resolved against different publication dates.</summary>
    public string? Relative;
}

/// <summary>
/// Groups the facts of a story into "the same thing" across outlets and finds disagreements. Candidate pairs come from
/// an inverted index over context words and values (bucket by bucket), so the work grows with the pairs that share
/// words, not with the square of all mentions. Facts that agree (same or compatible value, similar context) are joined
/// first; a pair with incompatible values becomes a conflict only when its contexts are very close and neither fact has
/// an agreeing counterpart in the other outlet.
/// </summary>
internal static class FactClusters
{
    internal sealed record Result(List<List<int>> Clusters, List<bool> Conflict);

    public static Result Cluster(List<Fact> facts, bool dates)
    {
        int n = facts.Count;
        var parent = Enumerable.Range(0, n).ToArray();
        int Find(int x) { while (parent[x] != x) x = parent[x] = parent[parent[x]]; return x; }
        void Union(int a, int b) { a = Find(a); b = Find(b); if (a != b) parent[Math.Max(a, b)] = Math.Min(a, b); }

        // Facts stated the same way (same value, wording and context; wire copies, repeats) are one representative:
        // they agree by construction, and pairs are generated among representatives only.
        var sigIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var reps = new List<int>();
        var outletsOf = new Dictionary<int, HashSet<int>>();
        for (int i = 0; i < n; i++)
        {
            var f = facts[i];
            string sig = f.Bucket + "\u0001" + (dates ? f.Value + "\u0001" + f.Relative : f.Number.ToString("R", CultureInfo.InvariantCulture) + (f.Approximate ? "~" : "") + (f.Vague ? "v" : ""))
                         + "\u0001" + string.Join(' ', f.Context) + "\u0001" + string.Join(' ', f.Clause) + "\u0001" + string.Join(' ', f.Names.Order(StringComparer.Ordinal));
            if (!sigIndex.TryGetValue(sig, out int r)) { sigIndex[sig] = r = i; reps.Add(i); outletsOf[i] = new HashSet<int>(); }
            outletsOf[r].Add(f.Outlet);
            if (r != i) Union(r, i);
        }

        // Candidate pairs: share a context word (postings capped so a word every fact has costs nothing), or a value.
        var pairs = new Dictionary<long, int>(); // (i, j) → shared words
        foreach (var bucket in reps.GroupBy(i => facts[i].Bucket))
        {
            var idx = bucket.ToList();
            var postings = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            foreach (int i in idx)
                foreach (var w in facts[i].ContextSet)
                {
                    if (!postings.TryGetValue(w, out var l)) postings[w] = l = new List<int>();
                    l.Add(i);
                }
            foreach (var l in postings.Values)
            {
                if (l.Count > 400) continue;
                for (int a = 0; a < l.Count; a++)
                    for (int b = a + 1; b < l.Count; b++)
                    {
                        long key = (long)l[a] * n + l[b];
                        pairs[key] = pairs.TryGetValue(key, out int c) ? c + 1 : 1;
                    }
            }
            foreach (var same in idx.GroupBy(i => dates ? facts[i].Value ?? "~" + facts[i].Relative : facts[i].Number.ToString("R", CultureInfo.InvariantCulture)))
            {
                var l = same.ToList();
                if (l.Count > 400) l = l.Take(400).ToList();
                for (int a = 0; a < l.Count; a++)
                    for (int b = a + 1; b < l.Count; b++)
                    {
                        long key = (long)l[a] * n + l[b];
                        pairs.TryAdd(key, 0);
                    }
            }
        }

        // Fact i's closest agreeing fact in outlet o (context overlap), to tell a disagreement from a second, different figure.
        var agreesWith = new Dictionary<(int Fact, int Outlet), double>();
        void Agree(int i, int outlet, double dice)
        {
            var k = (i, outlet);
            if (!agreesWith.TryGetValue(k, out double d) || d < dice) agreesWith[k] = dice;
        }
        double AgreeIn(int i, int outlet) => agreesWith.TryGetValue((i, outlet), out double d) ? d : -1;
        foreach (int r in reps) foreach (int o in outletsOf[r]) Agree(r, o, 1);
        var conflictCandidates = new List<(int I, int J, double Dice)>();
        foreach (var (key, shared) in pairs)
        {
            int i = (int)(key / n), j = (int)(key % n);
            var f = facts[i];
            var g = facts[j];
            double dice = f.ContextSet.Count + g.ContextSet.Count > 0 ? 2.0 * shared / (f.ContextSet.Count + g.ContextSet.Count) : 0;
            bool? agree = dates ? DatesAgree(f, g) : NumbersAgree(f, g);
            if (agree == null) continue; // cannot tell (an unresolved relative date against another wording)
            if (agree == true)
            {
                bool link = dates
                    ? (f.Value != null && f.Value == g.Value) || (dice >= 0.34 && shared >= 2) || (f.Relative != null && f.Relative == g.Relative && dice >= 0.2)
                    : (f.Number == g.Number && (f.Number >= 10 || dice >= 0.3)) || (dice >= 0.3 && shared >= 2);
                if (!link) continue;
                Union(i, j);
                foreach (int o in outletsOf[j]) Agree(i, o, dice);
                foreach (int o in outletsOf[i]) Agree(j, o, dice);
            }
            else if (!outletsOf[i].SetEquals(outletsOf[j]) || outletsOf[i].Count > 1)
            {
                // Numbers need three shared words, or two when the contexts are the same words.
                // Or, reworded: when one context is short, most of it in the other ("236 North Koreans arrived in the
                // South" against "263 North Korean defectors reached South Korea in 2024, the ministry said").
                int smaller = Math.Min(f.ContextSet.Count, g.ContextSet.Count);
                bool contained = smaller > 0 && shared >= 3 && shared >= 0.75 * smaller;
                // Or anchored: the same dated period and the same names ("… arrived in Kestria last year" against
                // "… reached Kestria in 2024").
                if (!dates && !contained && shared >= 2 && f.Dates.Overlaps(g.Dates) && f.Names.Overlaps(g.Names)) contained = true;
                bool close = dates ? dice >= 0.5 && shared >= 2 : (dice >= 0.6 && (shared >= 3 || (shared >= 2 && dice >= 0.999))) || contained;
                if (close)
                {
                    // The clause must match as well: "began on Thursday, years after it was first proposed" is not "first proposed in 2009".
                    double clauseDice = CoverageText.Dice(f.Clause, new HashSet<string>(g.Clause, StringComparer.Ordinal), out int clauseShared);
                    close = (f.Clause.Count == 0 && g.Clause.Count == 0) || (clauseShared >= 1 && clauseDice >= (dates ? 0.4 : 0.5));
                }
                if (close && f.Names.Count > 0 && g.Names.Count > 0 && !f.Names.Overlaps(g.Names)) close = false;
                if (close) conflictCandidates.Add((i, j, dice));
            }
        }
        var conflictRoots = new HashSet<int>();
        var conflictEdges = new List<(int, int)>();
        foreach (var (i, j, dice) in conflictCandidates)
        {
            // A conflict needs two different outlets where neither fact has an agreeing counterpart in the other's outlet in
            // (nearly) as close a context: "revenue rose to X from Y" in both outlets pairs X with X and Y with Y, not X with Y.
            bool stands = false;
            foreach (int o1 in outletsOf[i])
            {
                foreach (int o2 in outletsOf[j])
                    if (o1 != o2 && AgreeIn(i, o2) < dice - 0.15 && AgreeIn(j, o1) < dice - 0.15) { stands = true; break; }
                if (stands) break;
            }
            if (stands) conflictEdges.Add((i, j));
        }
        foreach (var (i, j) in conflictEdges) Union(i, j);
        foreach (var (i, _) in conflictEdges) conflictRoots.Add(Find(i));

        var clusters = new Dictionary<int, List<int>>();
        for (int i = 0; i < n; i++)
        {
            int r = Find(i);
            if (!clusters.TryGetValue(r, out var l)) clusters[r] = l = new List<int>();
            l.Add(i);
        }
        var ordered = clusters.OrderBy(kv => kv.Key).ToList();
        return new Result(ordered.Select(kv => kv.Value).ToList(), ordered.Select(kv => conflictRoots.Contains(kv.Key)).ToList());
    }

    /// <summary>
    /// Two figures agree when equal after rounding the finer one to the coarser one's precision ("34,000" and "33,980"),
    /// within 10% when either is approximate ("about 34,000", "more than 40"); a magnitude ("tens of thousands") agrees
    /// only with the same magnitude.
    /// </summary>
    public static bool? NumbersAgree(Fact a, Fact b)
    {
        if (a.Vague || b.Vague) return a.Vague && b.Vague && a.Number == b.Number;
        double x = a.Number, y = b.Number;
        if (x == y) return true;
        // A bound and a figure inside it agree: "at least 12" and "15", "up to 50" and "40". Two bounds the same way
        // ("more than 4,000" / "more than 5,000") are two estimates: compared as approximate figures below.
        if (a.AtLeast != b.AtLeast || a.AtMost != b.AtMost)
        {
            if (a.AtLeast && !b.AtLeast && y >= x || b.AtLeast && !a.AtLeast && x >= y) return true;
            if (a.AtMost && !b.AtMost && y <= x || b.AtMost && !a.AtMost && x <= y) return true;
        }
        double big = Math.Max(Math.Abs(x), Math.Abs(y));
        double diff = Math.Abs(x - y);
        if (diff <= 1e-9 * big) return true;
        double step = Math.Max(Step(x), Step(y));
        if (diff <= step / 2 + 1e-9) return true;
        if ((a.Approximate || b.Approximate) && diff <= 0.1 * big) return true;
        return false;
    }

    /// <summary>The place value of the last significant digit: 34,000 → 1,000; 85.5 → 0.1; 236 → 1.</summary>
    public static double Step(double v)
    {
        v = Math.Abs(v);
        if (v == 0) return 1;
        double step = 1;
        if (Math.Abs(v - Math.Round(v)) > 1e-9)
        {
            for (int k = 0; k < 6 && Math.Abs(v - Math.Round(v)) > 1e-9; k++) { v *= 10; step /= 10; }
            return step;
        }
        double r = Math.Round(v);
        while (r >= 10 && r % 10 == 0) { r /= 10; step *= 10; }
        return step;
    }

    /// <summary>
    /// Two dates agree when one contains the other (a day and its month), or when written the same relative way. A
    /// weekday left unresolved (the article has no date) is compared by its name; otherwise it cannot be told (null).
    /// </summary>
    public static bool? DatesAgree(Fact a, Fact b)
    {
        if (a.Relative != null && a.Relative == b.Relative) return true;
        if (a.Value == null || b.Value == null)
        {
            int wa = WeekdayOf(a), wb = WeekdayOf(b);
            return wa >= 0 && wb >= 0 ? wa == wb : null;
        }
        if (a.Value == b.Value) return true;
        if (!a.HasInterval || !b.HasInterval) return false;
        return (a.From <= b.From && b.To <= a.To) || (b.From <= a.From && a.To <= b.To);
    }

    private static readonly string[] DayNames = CultureInfo.InvariantCulture.DateTimeFormat.DayNames;

    /// <summary>The weekday a fact names or resolves to (0 = Sunday), or -1.</summary>
    private static int WeekdayOf(Fact f)
    {
        if (f.Value != null) return f.HasInterval && f.Granularity == DateGranularity.Day ? (int)f.From.DayOfWeek : -1;
        if (f.Relative == null) return -1;
        int found = -1;
        foreach (var w in f.Relative.Split(' '))
            for (int d = 0; d < 7; d++)
                if (w.Equals(DayNames[d], StringComparison.OrdinalIgnoreCase)) { if (found >= 0 && found != d) return -1; found = d; }
        return found;
    }

    /// <summary>The interval a resolved date value covers: "2025-10-19", "2024-08", "2024", "1950s", "2025-W42", "1950/1953".</summary>
    public static bool TryInterval(string? value, out DateTime from, out DateTime to)
    {
        from = to = default;
        if (string.IsNullOrEmpty(value)) return false;
        int slash = value.IndexOf('/');
        if (slash > 0)
        {
            // "1950/1953": two plain values, so the recursion is one level deep whatever the text holds.
            if (value.IndexOf('/', slash + 1) >= 0) return false;
            if (TryInterval(value[..slash], out from, out _) && TryInterval(value[(slash + 1)..], out _, out to)) return from < to;
            return false;
        }
        var inv = CultureInfo.InvariantCulture;
        if (value.Length == 10 && DateTime.TryParseExact(value, "yyyy-MM-dd", inv, DateTimeStyles.None, out from)) { to = from.AddDays(1); return true; }
        if (value.Length == 7 && value[4] == '-' && DateTime.TryParseExact(value, "yyyy-MM", inv, DateTimeStyles.None, out from)) { to = from.AddMonths(1); return true; }
        if (value.Length == 8 && value[4] == '-' && value[5] == 'W' && int.TryParse(value[..4], NumberStyles.None, inv, out int wy) && int.TryParse(value[6..], NumberStyles.None, inv, out int ww) && ww is >= 1 and <= 53)
        {
            try { from = ISOWeek.ToDateTime(wy, ww, DayOfWeek.Monday); to = from.AddDays(7); return true; } catch (ArgumentOutOfRangeException) { return false; }
        }
        if (value.Length == 4 && int.TryParse(value, NumberStyles.None, inv, out int y) && y is >= 1 and <= 9998) { from = new DateTime(y, 1, 1); to = from.AddYears(1); return true; }
        if (value.Length == 5 && value[4] == 's' && int.TryParse(value[..4], NumberStyles.None, inv, out int d) && d is >= 1 and <= 9980) { from = new DateTime(d, 1, 1); to = from.AddYears(10); return true; }
        return false;
    }
}
