using System.Globalization;

namespace NewsCmdlets.Engine.Coverage;

/// <summary>Claims of one measure about one subject, as the outlets state them, and how the outlets stand on it.</summary>
internal sealed class ClaimGroup
{
    public required List<Claim> Claims;
    /// <summary>The outlets that state it, in order.</summary>
    public required List<int> Outlets;
    /// <summary>Some two outlets give values that do not agree within rounding, approximation or unit conversion.</summary>
    public bool Disagree;
    /// <summary>The disagreement is an evolving figure (a toll, a count reported at different times): an update.</summary>
    public bool Update;
    /// <summary>Outlets whose values agree with the largest group of agreeing outlets; empty when no group is the largest.</summary>
    public HashSet<int> Majority = new();
    /// <summary>Outlets that state it differently from the majority.</summary>
    public HashSet<int> Differ = new();
    /// <summary>Forecasts or fears that differ ("could reach 1,000" against "could surpass 10,000"): not a disagreement on a fact.</summary>
    public bool Forecasts;
    /// <summary>
    /// For a conflict split off an update: the figure both outlets' sentences give alike beside it ("at least 57 dead"), which
    /// shows they report the same announcement.
    /// </summary>
    public string? SameReport;
}

/// <summary>
/// Aligns claims across outlets: claims of the same measure (a death toll, a depth) about compatible subjects (the
/// same places, the same qualifiers: an aftershock is not the earthquake, a forecast is not a count, 1999 is not this
/// year) are one item. Two outlets disagree when none of their values for it agree after rounding to the coarser
/// figure's precision, approximation ("about", "some") and bounds ("at least", "up to"), lengths converted to
/// kilometres. A disagreement on an evolving measure (tolls, evacuations, counts of votes, share prices) is an update,
/// unless both reports carry precise publication times within an hour of each other and neither says the figure
/// changed, or unless two outlets give, in the same sentence, another figure of the story alike to the digit and this one
/// differently (one announcement copied two ways: a conflict of its own beside the update). Measures named only by their counted words ("buildings") align only when their clauses share most words too.
/// Work grows with the claims of one measure (pairs within a measure only), never with all pairs of the story.
/// </summary>
internal static class FactClusters
{
    /// <summary>Groups larger than this are aligned only by identical subject and context (identical copies).</summary>
    private const int MaxPairwise = 400;

    public static List<ClaimGroup> Align(List<Claim> claims)
    {
        var groups = new List<ClaimGroup>();
        // Claims stated the same way (wire copies, a title repeated in the body) are one representative.
        var reps = new Dictionary<string, List<Claim>>(StringComparer.Ordinal);
        Dictionary<(NewsCmdlets.Engine.Model.NewsArticle, string), List<Claim>>? bySentence = null;
        foreach (var c in claims)
        {
            string sig = c.Signature;
            if (!reps.TryGetValue(sig, out var l)) reps[sig] = l = new List<Claim>();
            l.Add(c);
        }
        foreach (var byMeasure in reps.Values.GroupBy(l => (l[0].Measure.Id, l[0].Dimension, l[0].Unit)))
        {
            var members = byMeasure.ToList();
            int n = members.Count;
            var parent = Enumerable.Range(0, n).ToArray();
            int Find(int x) { while (parent[x] != x) x = parent[x] = parent[parent[x]]; return x; }
            void Union(int a, int b) { a = Find(a); b = Find(b); if (a != b) parent[Math.Max(a, b)] = Math.Min(a, b); }
            if (n <= MaxPairwise)
            {
                for (int i = 0; i < n; i++)
                    for (int j = i + 1; j < n; j++)
                        if (Linked(members[i][0], members[j][0])) Union(i, j);
            }
            else
            {
                var bySubject = new Dictionary<string, int>(StringComparer.Ordinal);
                for (int i = 0; i < n; i++)
                {
                    var c = members[i][0];
                    string key = string.Join(',', c.Places.Order()) + "|" + c.Reference + "|" + c.ReferenceKey + "|" + string.Join(',', c.Qualifiers) + (c.Measure.Generic ? "|" + string.Join(' ', c.Context) : "");
                    if (bySubject.TryGetValue(key, out int first)) Union(first, i); else bySubject[key] = i;
                }
            }
            foreach (var cluster in Enumerable.Range(0, n).GroupBy(Find))
            {
                var kept = cluster.Select(i => members[i]).ToList();
                var apart = kept.Count > 1 ? SplitOwnValues(kept) : null;
                var g = Judge(kept);
                groups.Add(g);
                if (g.Update && SameReportConflict(g, claims, ref bySentence) is { } split) groups.Add(split);
                // A value taken out stands as a row of its own only where another outlet states it too: alone, its row could
                // only be keyed by the measure it was wrongly joined to ("death toll: 12" for the toll on the ground).
                if (apart != null)
                    foreach (var part in AgreeingParts(apart))
                        if (part.SelectMany(r => r).Select(c => c.Outlet).Distinct().Skip(1).Any()) groups.Add(Judge(part));
            }
        }
        return groups;
    }

    /// <summary>
    /// One outlet's values of one row that do not agree with each other are two things the reader could not tell apart
    /// ("212 seats" for one party and "37 seats" for another; a latitude and a longitude; the crew aboard and the crew
    /// rescued), not one figure: unless one of them is worded as a step of a series ("initially", "rose to"), all but one
    /// leave the row. The one kept is the one most other outlets agree with (then the first stated). Returns the values
    /// taken out (null when none), which <paramref name="kept"/> no longer holds.
    /// </summary>
    private static List<List<Claim>>? SplitOwnValues(List<List<Claim>> kept)
    {
        List<List<Claim>>? apart = null;
        for (int guard = 0; guard < 64; guard++)
        {
            int victim = -1;
            for (int i = 0; i < kept.Count && victim < 0; i++)
                for (int j = i + 1; j < kept.Count && victim < 0; j++)
                {
                    Claim x = kept[i][0], y = kept[j][0];
                    if (x.EvolvingCue || y.EvolvingCue || !ShareOutlet(kept[i], kept[j]) || Agree(x, y)) continue;
                    if (x.Dimension == Dimension.Date && DatesAgree(x, y) == null) continue;
                    victim = Support(kept, j) > Support(kept, i) ? i : j;
                }
            if (victim < 0) break;
            (apart ??= new List<List<Claim>>()).Add(kept[victim]);
            kept.RemoveAt(victim);
        }
        return apart;
    }

    private static bool ShareOutlet(List<Claim> a, List<Claim> b)
    {
        foreach (var x in a)
            foreach (var y in b)
                if (x.Outlet == y.Outlet) return true;
        return false;
    }

    /// <summary>How many outlets outside rep <paramref name="r"/> state a value of the row that agrees with it.</summary>
    private static int Support(List<List<Claim>> reps, int r)
    {
        var mine = new HashSet<int>();
        foreach (var c in reps[r]) mine.Add(c.Outlet);
        var others = new HashSet<int>();
        for (int k = 0; k < reps.Count; k++)
        {
            if (k == r || !Agree(reps[r][0], reps[k][0])) continue;
            foreach (var c in reps[k]) if (!mine.Contains(c.Outlet)) others.Add(c.Outlet);
        }
        return others.Count;
    }

    /// <summary>Values taken out of a row, grouped again only where every two of a group agree: never a disagreement of their own.</summary>
    private static List<List<List<Claim>>> AgreeingParts(List<List<Claim>> apart)
    {
        var parts = new List<List<List<Claim>>>();
        foreach (var r in apart)
        {
            var home = parts.Find(p => p.TrueForAll(q => Linked(q[0], r[0]) && Agree(q[0], r[0]) && (q[0].Dimension != Dimension.Date || DatesAgree(q[0], r[0]) == true)));
            if (home != null) home.Add(r); else parts.Add(new List<List<Claim>> { r });
        }
        return parts;
    }

    /// <summary>Below this relative difference two figures of one announcement read as one figure copied wrongly, not a revision.</summary>
    private const double SameReportSpread = 0.10;

    /// <summary>
    /// Two outlets whose figures of an evolving measure differ while their sentences give the same other figure of the
    /// story, to the digit ("at least 57 dead and 412 injured" against "at least 57 dead and over 415 injured"), report
    /// one announcement: the difference is not an update but a conflict. Returned as a group of its own (the update stays
    /// for the other outlets), or null. Only figures within <see cref="SameReportSpread"/> of each other: a revision that
    /// moves one figure of a report and leaves the other stays an update.
    /// </summary>
    private static ClaimGroup? SameReportConflict(ClaimGroup g, List<Claim> claims, ref Dictionary<(NewsCmdlets.Engine.Model.NewsArticle, string), List<Claim>>? bySentence)
    {
        if (g.Claims[0].Dimension is Dimension.Date or Dimension.Time) return null;
        // Only claims whose sentence gives another evolving figure can be paired: usually a few of the group's claims.
        bySentence ??= BySentence(claims);
        var candidates = new List<Claim>();
        foreach (var c in g.Claims)
            if (!c.Vague && !RoundFigure(c) && bySentence.TryGetValue((c.Article, c.Sentence), out var near) && near.Exists(u => u.Measure.Id != c.Measure.Id))
                candidates.Add(c);
        if (candidates.Count < 2 || candidates.Count > MaxPairwise) return null;
        ClaimGroup? split = null;
        string? shown = null;
        for (int i = 0; i < candidates.Count; i++)
            for (int j = i + 1; j < candidates.Count; j++)
            {
                Claim x = candidates[i], y = candidates[j];
                if (x.Outlet == y.Outlet) continue;
                double a = Math.Max(Math.Abs(x.Low), Math.Abs(y.Low)), d = Math.Abs(x.Low - y.Low);
                if (a == 0 || d / a > SameReportSpread) continue;
                if (!SameSubject(x, y) || !DifferToTheDigit(x, y) || !Comparable(x, y)) continue;
                if (split != null && split.Claims.Contains(x) && split.Claims.Contains(y)) continue;
                string? companion = Companion(x, y, bySentence);
                if (companion == null) continue;
                split ??= new ClaimGroup { Claims = new List<Claim>(), Outlets = new List<int>(), Disagree = true };
                shown ??= companion;
                foreach (var c in new[] { x, y })
                {
                    if (!split.Claims.Contains(c)) split.Claims.Add(c);
                    if (!split.Outlets.Contains(c.Outlet)) split.Outlets.Add(c.Outlet);
                }
            }
        if (split == null) return null;
        split.Outlets.Sort();
        split.SameReport = shown;
        return split;
    }

    /// <summary>
    /// Two figures that cannot both be one announcement's figure as written: neither is marked approximate ("about",
    /// "tens of") and their intervals (a bound's included) do not touch. Rounding is no excuse within one report: "412"
    /// and "over 415" are two readings of one number.
    /// </summary>
    private static bool DifferToTheDigit(Claim x, Claim y)
    {
        if (x.Dimension != y.Dimension || x.Vague || y.Vague) return false;
        if (RoundFigure(x) || RoundFigure(y)) return false;
        var (xl, xh) = Bounds(x);
        var (yl, yh) = Bounds(y);
        return Math.Max(xl - yh, yl - xh) > 1e-9 * Math.Max(Math.Abs(xh), Math.Abs(yh));
    }

    /// <summary>Marked as approximate by its words ("about 70"), not merely bounded ("at least 57", which the reader marks approximate too).</summary>
    private static bool RoundFigure(Claim c) => c.Approximate && !(c.AtLeast || c.AtMost);

    private static Dictionary<(NewsCmdlets.Engine.Model.NewsArticle, string), List<Claim>> BySentence(List<Claim> claims)
    {
        var map = new Dictionary<(NewsCmdlets.Engine.Model.NewsArticle, string), List<Claim>>();
        foreach (var c in claims)
        {
            if (c.Dimension is Dimension.Date or Dimension.Time || c.Sentence.Length == 0 || !IsCompanion(c)) continue;
            var k = (c.Article, c.Sentence);
            if (!map.TryGetValue(k, out var l)) map[k] = l = new List<Claim>();
            l.Add(c);
        }
        return map;
    }

    /// <summary>A figure that can show two sentences report one announcement: of an evolving measure, exact, not a small count.</summary>
    private static bool IsCompanion(Claim c) => c.Measure.Evolving && !c.Measure.Generic && !c.Vague && !RoundFigure(c) && c.Low >= 10;

    /// <summary>A figure of another evolving measure that both claims' sentences state alike, to the digit, as written (or null).</summary>
    private static string? Companion(Claim x, Claim y, Dictionary<(NewsCmdlets.Engine.Model.NewsArticle, string), List<Claim>> bySentence)
    {
        if (!bySentence.TryGetValue((x.Article, x.Sentence), out var xs) || !bySentence.TryGetValue((y.Article, y.Sentence), out var ys)) return null;
        foreach (var u in xs)
        {
            if (u.Measure.Id == x.Measure.Id) continue;
            foreach (var v in ys)
                if (v.Measure.Id == u.Measure.Id && v.Unit == u.Unit && v.Low == u.Low && v.High == u.High && v.AtLeast == u.AtLeast && v.AtMost == u.AtMost
                    && SameSubject(u, v))
                    return u.Measure.Display + " (" + u.Text + ")";
        }
        return null;
    }

    /// <summary>Two claims are about the same thing: the same subject and, for a generic measure, most of the same words.</summary>
    private static bool Linked(Claim a, Claim b)
    {
        // "a loss of $1.6 billion" and "a loss of $1.6 billion in the April-June period": the same figure, its period said
        // by one outlet only, is one figure (a different one is not compared across the unsaid period: see Judge).
        if (!SameSubject(a, b) && !(a.Low == b.Low && a.High == b.High && SameBesidesPeriod(a, b))) return false;
        if (!a.Measure.Generic) return true;
        // The same figure or day stated by two outlets is one item (two mentions of "2025-10-19", of "26 buildings").
        if (a.Dimension == Dimension.Date ? a.DateValue != null && a.DateValue == b.DateValue || (a.Relative != null && a.Relative == b.Relative)
                                          : a.Low == b.Low && a.High == b.High) return true;
        double dice = CoverageText.Dice(a.Context, b.ContextSet, out int shared);
        return dice >= 0.5 && shared >= 2;
    }

    /// <summary>Close enough, for a generic measure, that different values are a disagreement rather than two figures.</summary>
    private static bool Comparable(Claim a, Claim b)
    {
        if (!SameSubject(a, b)) return false;
        if (!a.Measure.Generic) return true;
        double dice = CoverageText.Dice(a.Context, b.ContextSet, out int shared);
        return dice >= 0.6 && shared >= 3 || (dice >= 0.999 && shared >= 2);
    }

    // Sets of different sizes are never equal, and two empty ones always are: only then is SetEquals asked (its walk of two
    // sorted sets allocates an enumerator's stack for each, and this is asked for every pair of a measure's claims).
    public static bool SameSubject(Claim a, Claim b) =>
        a.Qualifiers.Count == b.Qualifiers.Count && (a.Qualifiers.Count == 0 || a.Qualifiers.SetEquals(b.Qualifiers)) && SamePlaces(a, b);

    /// <summary>
    /// The same subject but for a period ("second quarter", "this year") that one of the two states and the other does not:
    /// a figure or a sum, never a date or a time.
    /// </summary>
    private static bool SameBesidesPeriod(Claim a, Claim b)
    {
        // One has a qualifier more at least: most pairs of subjects that differ are told apart without walking the sets.
        if (a.Dimension is Dimension.Date or Dimension.Time || a.Qualifiers.Count == b.Qualifiers.Count) return false;
        bool aPeriod = HasPeriod(a.Qualifiers), bPeriod = HasPeriod(b.Qualifiers);
        if (aPeriod == bPeriod) return false;
        var (with, without) = aPeriod ? (a.Qualifiers, b.Qualifiers) : (b.Qualifiers, a.Qualifiers);
        foreach (var q in without) if (!with.Contains(q)) return false;
        foreach (var q in with) if (!q.StartsWith("period:", StringComparison.Ordinal) && !without.Contains(q)) return false;
        return SamePlaces(a, b);
    }

    private static bool HasPeriod(SortedSet<string> qualifiers)
    {
        foreach (var q in qualifiers) if (q.StartsWith("period:", StringComparison.Ordinal)) return true;
        return false;
    }

    private static bool SamePlaces(Claim a, Claim b)
    {
        if ((a.ReferenceKey == null) != (b.ReferenceKey == null)) return false;
        // A named place by its entity group or spelling; a point named by a noun ("the epicentre") by its words alone.
        if (a.ReferenceKey != null && (a.Reference != b.Reference || a.Reference < 0) && !SameName(a.ReferenceKey, b.ReferenceKey!)) return false;
        return Compatible(a.Places, a.PlaceKeys, b.Places, b.PlaceKeys) && Compatible(a.Owners, a.OwnerKeys, b.Owners, b.OwnerKeys);
    }

    /// <summary>Both about the story's main place (or owner), or about overlapping ones.</summary>
    private static bool Compatible(HashSet<int> a, List<string> aKeys, HashSet<int> b, List<string> bKeys)
    {
        if (a.Count == 0 || b.Count == 0) return a.Count == b.Count;
        return a.Overlaps(b) || aKeys.Any(x => bKeys.Any(y => SameName(x, y)));
    }

    /// <summary>
    /// Two spellings of one name: equal, one inside the other as whole words ("Hualien" and "Hualien City"), or one letter apart in
    /// a long name ("Marrakech" and "Marrakesh").
    /// </summary>
    public static bool SameName(string a, string b)
    {
        if (a.Length > b.Length) (a, b) = (b, a);
        if ((" " + b + " ").Contains(" " + a + " ", StringComparison.Ordinal)) return true;
        string fa = a.Split(' ')[0], fb = b.Split(' ')[0];
        return fa.Length >= 7 && fa.Length == fb.Length && fa[0] == fb[0] && fa.Zip(fb).Count(p => p.First != p.Second) == 1;
    }

    public static bool Agree(Claim a, Claim b) => a.Dimension switch
    {
        Dimension.Date => DatesAgree(a, b) ?? true,
        Dimension.Time => ClaimReader.TimesAgree(a, b),
        _ => NumbersAgree(a, b),
    };

    /// <summary>How the outlets stand on one aligned measure: <paramref name="reps"/> are the claims, those stated alike together.</summary>
    private static ClaimGroup Judge(List<List<Claim>> reps)
    {
        // Asked for every group, most of them one outlet's: the claims and their outlets (each once, in order) by loops.
        int total = 0;
        foreach (var r in reps) total += r.Count;
        var all = new List<Claim>(total);
        var outlets = new List<int>(2);
        foreach (var r in reps)
            foreach (var c in r)
            {
                all.Add(c);
                if (!outlets.Contains(c.Outlet)) outlets.Add(c.Outlet);
            }
        outlets.Sort();
        var g = new ClaimGroup { Claims = all, Outlets = outlets };
        if (outlets.Count < 2) return g;
        var byOutlet = new Dictionary<int, List<Claim>>();
        foreach (var r in reps)
            foreach (int ro in r.Select(c => c.Outlet).Distinct())
            {
                if (!byOutlet.TryGetValue(ro, out var l)) byOutlet[ro] = l = new List<Claim>();
                l.Add(r[0]);
            }
        int o = outlets.Count;
        var agree = new bool[o, o];
        var disagree = new List<(int A, int B, bool Cue, Claim X, Claim Y)>();
        for (int i = 0; i < o; i++)
            for (int j = i + 1; j < o; j++)
            {
                var ci = byOutlet[outlets[i]];
                var cj = byOutlet[outlets[j]];
                bool agrees = false;
                (Claim, Claim)? differ = null;
                foreach (var x in ci)
                {
                    foreach (var y in cj)
                    {
                        if (!SameSubject(x, y))
                        {
                            // A figure whose period only one of the two gives agrees when equal; unequal, it is not compared.
                            if (SameBesidesPeriod(x, y) && Agree(x, y)) { agrees = true; break; }
                            continue;
                        }
                        if (Agree(x, y)) { agrees = true; break; }
                        if (x.Dimension == Dimension.Date && DatesAgree(x, y) == null) continue;
                        if (differ == null && Comparable(x, y)) differ = (x, y);
                    }
                    if (agrees) break;
                }
                agree[i, j] = agree[j, i] = agrees;
                if (!agrees && differ is var (dx, dy)) disagree.Add((i, j, dx.EvolvingCue || dy.EvolvingCue, dx, dy));
            }
        if (disagree.Count == 0) return g;
        // Forecasts that differ are different forecasts, not a contradiction: shown side by side, never a conflict.
        if (all[0].Qualifiers.Contains("forecast")) { g.Forecasts = true; return g; }
        g.Disagree = true;
        // A figure of an earlier event ("the 1999 earthquake killed 2,400") no longer changes.
        bool past = all[0].Qualifiers.Any(q => q.StartsWith("year:", StringComparison.Ordinal));
        bool evolving = (all[0].Measure.Evolving && !past) || disagree.Any(d => d.Cue);
        // Reports of an evolving figure at the same precise time disagree; at different or unknown times one updates the other.
        bool simultaneous = disagree.All(d => !d.Cue && ArticleTime.Precise(d.X.Article) is { } tx && ArticleTime.Precise(d.Y.Article) is { } ty
                                              && Math.Abs((tx - ty).TotalMinutes) <= 60);
        g.Update = evolving && !simultaneous;
        // The majority: the outlets that agree with one outlet's value, for the value most outlets agree with (a bound such as
        // "more than 8,000" agrees with 8,000 and with 9,500, but 8,000 and 9,500 do not agree: it bridges nothing).
        var involved = new HashSet<int>(disagree.SelectMany(d => new[] { d.A, d.B }));
        List<int> Around(int center) => Enumerable.Range(0, o).Where(j => j == center || agree[center, j]).ToList();
        // The outlets around a value must agree with each other too: around a bound that agrees with every figure ("more than
        // 8,000" with 8,000, 9,500 and 9,800), the one that disagrees with most of the others leaves first, until all agree.
        List<int> Consistent(List<int> around)
        {
            while (true)
            {
                int worst = -1, most = 0;
                foreach (int j in around)
                {
                    int n = 0;
                    foreach (int k in around) if (k != j && !agree[j, k]) n++;
                    if (n > most) { most = n; worst = j; }
                }
                if (worst < 0) return around;
                around.Remove(worst);
            }
        }
        var best = Enumerable.Range(0, o).Select(i => Consistent(Around(i))).OrderByDescending(x => x.Count).First();
        var rest = Enumerable.Range(0, o).Where(i => !best.Contains(i)).ToList();
        // Against the largest group around another outlet's value, a bound both agree with counted on both sides: with
        // "more than 8,000" between two outlets of 8,000 and two of 9,500, neither pair is the majority.
        int second = rest.Count == 0 ? 0 : rest.Max(i => Consistent(Around(i)).Count);
        if (best.Count > second && best.Count >= 2)
        {
            foreach (int i in best) g.Majority.Add(outlets[i]);
            foreach (int i in involved) if (!best.Contains(i)) g.Differ.Add(outlets[i]);
        }
        return g;
    }

    /// <summary>
    /// Two figures agree when one rounds to the other at the coarser one's precision ("34,000" and "33,980"; a length
    /// written in other units within a whole last digit, as a conversion may be cut), when an
    /// approximate figure ("about 70") is within half its precision (at least 3%), when a bound holds ("at least 12" and
    /// 15, up to half again above it; "up to 4 m" and 3–4 m), or when ranges overlap. A magnitude ("tens of thousands")
    /// agrees with figures of that magnitude.
    /// </summary>
    public static bool NumbersAgree(Claim a, Claim b)
    {
        if (a.Dimension != b.Dimension) return false;
        if (a.Vague || b.Vague)
        {
            if (a.Vague && b.Vague) return a.Low == b.Low;
            var (v, x) = a.Vague ? (a, b) : (b, a);
            return x.High >= v.Low && x.Low < v.Low * 10;
        }
        var (al, ah) = Bounds(a);
        var (bl, bh) = Bounds(b);
        double tol = Math.Max(Tolerance(a), Tolerance(b));
        // A length written in other units is one converted from the other, and a conversion is as often cut as rounded
        // to its last digit (48.6 km is 30.2 miles, written "30 miles"): within a whole last digit of the coarser figure.
        if (a.WrittenScale != b.WrittenScale) tol = Math.Max(tol, Math.Max(a.Step, b.Step));
        // Distance between the two intervals (0 when they overlap).
        double gap = Math.Max(0, Math.Max(al - bh, bl - ah));
        if (gap <= 1e-9 * Math.Max(Math.Abs(ah), Math.Abs(bh))) return true;
        // Bounds and ranges are intervals already: they agree only by touching. Points agree within rounding.
        if ((a.AtLeast || a.AtMost || a.High > a.Low) && (b.AtLeast || b.AtMost || b.High > b.Low)) return false;
        return gap < tol;
    }

    /// <summary>The interval a claim allows: [X, 1.5X] for "at least X", [X/1.5, X] for "up to X" ([0.85X, X] for "nearly X").</summary>
    private static (double Low, double High) Bounds(Claim c)
    {
        double lo = c.Low, hi = c.High;
        if (c.AtLeast) hi = Math.Max(hi, hi * 1.5 + c.Step);
        if (c.AtMost) lo = c.Nearly ? lo * 0.85 : lo / 1.5 - c.Step;
        return (lo, hi);
    }

    /// <summary>How far a figure may be from another and still be the same: half its last digit's place, wider (3%) when approximate.</summary>
    private static double Tolerance(Claim c)
    {
        double t = c.Step / 2;
        if (c.Approximate) t = Math.Max(t, 0.03 * Math.Abs(c.Low));
        return t;
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
    /// The precision of a figure as written: "10.0 km" → 0.1, "1.5 million" → 100,000, "34,000" → 1,000; a figure in
    /// words ("Sixteen", "two million") by its value.
    /// </summary>
    public static double Step(double value, string text)
    {
        int i = 0;
        while (i < text.Length && !char.IsDigit(text[i])) i++;
        if (i == text.Length) return Step(value);
        int j = i;
        while (j < text.Length && (char.IsDigit(text[j]) || (text[j] is ',' or '.' && j + 1 < text.Length && char.IsDigit(text[j + 1])))) j++;
        string digits = text[i..j].Replace(",", "");
        if (!double.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double raw) || raw == 0) return Step(value);
        double rawStep;
        int dot = digits.IndexOf('.');
        if (dot >= 0) rawStep = Math.Pow(10, -(digits.Length - dot - 1));
        else rawStep = Step(raw);
        return rawStep * (value / raw);
    }

    /// <summary>
    /// Two dates agree when one contains the other (a day and its month), or when written the same relative way. A
    /// weekday left unresolved (the article has no date) is compared by its name; otherwise it cannot be told (null).
    /// </summary>
    public static bool? DatesAgree(Claim a, Claim b)
    {
        if (a.Relative != null && a.Relative == b.Relative) return true;
        // A weekday ("on Thursday") against a day: the same weekday agrees whatever date the article's own date resolved it
        // to (a report dated a week late still means the same Thursday).
        if (IsWeekday(a.Relative) || IsWeekday(b.Relative))
        {
            int wa = WeekdayOf(a), wb = WeekdayOf(b);
            if (wa >= 0 && wb >= 0) return wa == wb;
        }
        if (a.DateValue == null || b.DateValue == null)
        {
            int wa = WeekdayOf(a), wb = WeekdayOf(b);
            return wa >= 0 && wb >= 0 ? wa == wb : null;
        }
        if (a.DateValue == b.DateValue) return true;
        if (!a.HasInterval || !b.HasInterval) return false;
        return (a.From <= b.From && b.To <= a.To) || (b.From <= a.From && a.To <= b.To);
    }

    private static readonly string[] DayNames = CultureInfo.InvariantCulture.DateTimeFormat.DayNames;

    /// <summary>A relative date that is a weekday alone ("friday", "friday evening"), not "last friday" or "next week".</summary>
    private static bool IsWeekday(string? relative) =>
        relative != null && !relative.Contains("last", StringComparison.Ordinal) && !relative.Contains("next", StringComparison.Ordinal)
        && relative.Split(' ').Any(w => Array.Exists(DayNames, d => d.Equals(w, StringComparison.OrdinalIgnoreCase)));

    /// <summary>The weekday a claim names or resolves to (0 = Sunday), or -1.</summary>
    private static int WeekdayOf(Claim f)
    {
        if (f.Relative == null || !IsWeekday(f.Relative))
            return f.DateValue != null && f.HasInterval && f.Granularity == Entities.DateGranularity.Day ? (int)f.From.DayOfWeek : -1;
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
