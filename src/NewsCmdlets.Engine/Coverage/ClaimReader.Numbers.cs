using System.Globalization;
using NewsCmdlets.Engine.Entities;
using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Engine.Coverage;

/// <summary>ClaimReader's figures: counts, measures, lengths and ages, with the subject they are about.</summary>
internal static partial class ClaimReader
{
    // ------------------------------------------------------------------ numbers

    private static readonly HashSet<string> Linking = new(StringComparer.OrdinalIgnoreCase)
    {
        "of", "at", "to", "was", "is", "has", "have", "had", "been", "risen", "rose", "climbed", "surged", "jumped", "reached", "stood",
        "stands", "hit", "now", "currently", "the", "a", "an", "from", "increased", "soared", "so", "far", "total", "reported",
        "confirmed", "officially", "with", "would", "be", "could", "reach", "surpass", "exceed", "exceeding", "over", "quake's", "earthquake's", "by",
    };

    private static readonly HashSet<string> LengthUnits = new(StringComparer.Ordinal)
    {
        "kilometer", "mile", "meter", "foot", "centimeter", "millimeter", "inch",
    };

    private static double ToKm(string? unit) => unit switch
    {
        "kilometer" => 1, "mile" => 1.609344, "meter" => 0.001, "foot" => 0.0003048, "centimeter" => 0.00001, "millimeter" => 0.000001,
        "inch" => 0.0000254, _ => 1,
    };

    private static readonly HashSet<string> FloorUnits = new(StringComparer.OrdinalIgnoreCase) { "story", "storey", "stories", "storeys", "floor", "floors" };

    private static readonly string[] AtLeastWords = { "at least", "more than", "over ", "upwards of", "in excess of", "no fewer than", "no less than", "above " };
    private static readonly string[] AtMostWords = { "up to", "fewer than", "less than", "under ", "nearly", "almost", "no more than", "as many as", "as much as", "as high as", "as strong as", "as large as" };
    private static readonly string[] VagueWords = { "tens of", "hundreds of", "thousands of", "dozens of", "millions of", "billions of" };

    // Loops rather than LINQ with lambdas: asked for every figure of every article, and a lambda over a local is an allocation each time.
    private static bool ContainsAny(string text, string[] parts)
    {
        foreach (var v in parts) if (text.Contains(v, StringComparison.Ordinal)) return true;
        return false;
    }

    private static bool StartsWithAny(string text, string[] parts)
    {
        foreach (var v in parts) if (text.StartsWith(v, StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>How many of the first <paramref name="max"/> indexes of <paramref name="right"/> come before a joining word or a figure.</summary>
    private static int CountedRun(List<CoverageText.Word> words, List<int> right, int max)
    {
        int n = 0;
        while (n < right.Count && n < max && !Joiners.Contains(words[right[n]].Text) && !char.IsDigit(words[right[n]].Text[0])) n++;
        return n;
    }

    /// <summary>The words of the first <paramref name="count"/> indexes of <paramref name="list"/>, joined by spaces.</summary>
    private static string JoinWords(List<CoverageText.Word> words, List<int> list, int count)
    {
        if (count == 1) return words[list[0]].Text;
        var parts = new string[count];
        for (int q = 0; q < count; q++) parts[q] = words[list[q]].Text;
        return string.Join(' ', parts);
    }

    /// <summary>Whether a word among the first <paramref name="take"/> indexes of <paramref name="list"/> after <paramref name="skip"/> is in <paramref name="set"/>.</summary>
    private static bool AnyOf(List<CoverageText.Word> words, List<int> list, int skip, int take, HashSet<string> set)
    {
        for (int q = skip; q < list.Count && q < skip + take; q++) if (set.Contains(words[list[q]].Text)) return true;
        return false;
    }

    private static Claim? ReadNumber(NewsEntityMention m, NewsEntityMention? upper, SentenceWords s, int p0, int p1, ClaimContext ctx)
    {
        string? entitiesNear(int a, int b)
        {
            string? best = null;
            int dist = 5;
            foreach (var (from, to, name) in s.People)
            {
                int d = from >= b ? from - b : a - to;
                if (d >= 0 && d < dist) { dist = d; best = name; }
            }
            return best;
        }
        var words = s.Words;
        string lower = m.Text.ToLowerInvariant();
        // "40–55 kilometers": the unit written once, after the upper figure.
        string? unit = m.Unit ?? upper?.Unit;
        var dim = m.Type switch
        {
            NewsEntityType.Percent => Dimension.Percent,
            NewsEntityType.Money => Dimension.Money,
            _ => unit != null && LengthUnits.Contains(unit) ? Dimension.Length
                : unit == "magnitude" ? Dimension.Magnitude
                : unit is "year-old" or "years-old" or "year-olds" ? Dimension.Age
                : unit != null && FloorUnits.Contains(unit) ? Dimension.Floors
                : unit is "second" or "minute" or "hour" or "day" or "week" or "month" or "year" or "decade" or "century" ? Dimension.Duration
                : Dimension.Count,
        };
        // "two years ago": when something happened, told from the day of writing, not a length of time measured.
        if (dim == Dimension.Duration && p1 < words.Count && words[p1].Text == "ago") return null;
        var left = Left(s, p0, 10);
        var right = Right(s, p1, 12);
        string W(List<int> l, int k) => k < l.Count ? words[l[k]].Text : "";
        bool AnyIn(List<int> l, int n, ICollection<string> set) { for (int k = 0; k < l.Count && k < n; k++) if (set.Contains(words[l[k]].Text)) return true; return false; }
        bool AnyWord(List<int> l, int n, params ReadOnlySpan<string> ws)
        {
            for (int k = 0; k < l.Count && k < n; k++)
                foreach (var w in ws)
                    if (string.Equals(words[l[k]].Text, w, StringComparison.OrdinalIgnoreCase)) return true;
            return false;
        }

        // A bare figure next to "magnitude", "Richter", "measuring": a magnitude.
        double number = m.Number!.Value;
        // (The recognizer may take a following plural for the unit: "7.7 magnitude quake hits" is no count of hits.)
        if (dim == Dimension.Count && (unit == null || QuantityRecognizer.UnitOf(unit) == null) && number <= 10
            && (AnyWord(left, 4, "magnitude", "richter", "measuring", "measured", "mw") || AnyWord(right, 3, "magnitude", "richter", "mw")
                || (m.Text.Contains('.') && AnyWord(right, 1, "quake", "earthquake", "tremor", "temblor"))))
            dim = Dimension.Magnitude;

        ClaimMeasure? measure = null;
        string? measureText = null;
        int reference = -1;
        string? referenceName = null;
        var quals = new List<(string Key, string Text)>();

        switch (dim)
        {
            case Dimension.Magnitude: measure = MeasureLexicon.Magnitude; break;
            case Dimension.Age:
            {
                // Whose age: a person named next to it ("the 45-year-old Jane Roe", "Jane Roe, a 45-year-old"), else the noun after it ("a 90-year-old bridge").
                measure = MeasureLexicon.Age;
                var person = entitiesNear(p0, p1);
                if (person != null) quals.Add(("person:" + EntityMerger.Key(person), person));
                else if (right.Count > 0 && char.IsLower(W(right, 0)[0]) && W(right, 0) is not ("man" or "woman" or "boy" or "girl" or "person" or "child"))
                {
                    // A noun that names a person by what they do closes the phrase: "a 33-year-old flight attendant", "a
                    // 40-year-old former teacher" are the age of a flight attendant, a former teacher (not of a flight).
                    string what = W(right, 0), key = CoverageText.Stem(what);
                    if (right.Count > 1 && IsAgentNoun(W(right, 1))) { what += " " + W(right, 1); key += " " + CoverageText.Stem(W(right, 1)); }
                    quals.Add(("of:" + key, what));
                }
                else return null; // an age of someone unnamed cannot be compared
                break;
            }
            case Dimension.Floors: measure = MeasureLexicon.Floors; break;
            case Dimension.Length:
            {
                // A cue right after the figure ("35 km deep", "3 m high"), then a place it is measured from ("18 km south of
                // Hualien"), then cues before it in its clause ("at a depth of 15.5 km"), then across a comma.
                for (int q = 0; q < right.Count && q < 2; q++)
                    if (measure == null && MeasureLexicon.LengthCues.TryGetValue(words[right[q]].Text, out var rm) && rm != MeasureLexicon.Offshore) measure = rm;
                bool from = false;
                for (int q = 0; q < right.Count && q < 3 && !from; q++) from = words[right[q]].Text is "from" or "away" or "of" or "off";
                for (int q = 0; q < right.Count && q < 2 && !from; q++) from = MeasureLexicon.IsDirection(words[right[q]].Text);
                // "161 km off the coast of …", "130 km offshore": how far out to sea.
                if (measure == null && (AnyWord(right, 1, "offshore") || (from && AnyWord(right, 4, "coast", "coastline", "shore")))) measure = MeasureLexicon.Offshore;
                if (measure == null && from)
                {
                    foreach (var pl in s.Places)
                        if (pl.From >= p1 && pl.From - p1 <= 6) { reference = pl.Group; referenceName = pl.Name; break; }
                    if (reference >= 0) measure = MeasureLexicon.Distance;
                    else if (AnyWord(right, 4, "coast", "coastline", "shore") || AnyWord(right, 1, "offshore")) measure = MeasureLexicon.Offshore;
                    // "within 300 km of the epicentre", "5 km from the runway": a distance from a point the article names by a
                    // noun, not a height or depth cued elsewhere in the clause ("waves … within 300 km of the epicentre").
                    else if (UnnamedReference(s, left, right) is string point) { measure = MeasureLexicon.Distance; referenceName = point; }
                    // "felt as far as Tarnby, over 100 km away": "away" ending the clause is away from the story's event.
                    else if (right.Count == 1 && W(right, 0) == "away") { measure = MeasureLexicon.Distance; referenceName = "the " + ctx.EventNoun; }
                }
                if (measure == null && AnyWord(right, 1, "offshore")) measure = MeasureLexicon.Offshore;
                int sameClause = 0;
                while (sameClause < left.Count && !s.Boundary[left[sameClause] + 1]) sameClause++;
                foreach (var l in new[] { left.Take(Math.Min(sameClause + 1, 6)).ToList(), right.Skip(2).Take(3).ToList(), left.Take(6).ToList() })
                    foreach (int k in l)
                        if (measure == null && MeasureLexicon.LengthCues.TryGetValue(words[k].Text, out var lm) && lm != MeasureLexicon.Offshore) measure = lm;
                // "had reached only 900 feet", "climbed to 3,000 metres": feet or metres reached are a height, even
                // without the word ("rose 3 metres" is a change, not a height; kilometres reached are a distance).
                if (measure == null && unit is "foot" or "meter")
                {
                    int k = 0;
                    while (k < left.Count && k < 4 && W(left, k).ToLowerInvariant() is "a" or "an" or "mere" or "just" or "only" or "about" or "around" or "nearly" or "almost" or "some" or "roughly" or "approximately") k++;
                    string v = W(left, k).ToLowerInvariant();
                    if (v is "reached" or "reaching" or "reaches" || (v == "to" && W(left, k + 1).ToLowerInvariant() is "climbed" or "climbing" or "rose" or "risen" or "rising" or "soared" or "ascended")) measure = MeasureLexicon.Height;
                }
                // "waves up to 3 m", "a tsunami of 40 cm": the height of the waves, not a height of nothing named.
                if (measure == MeasureLexicon.Height && (AnyWord(left, 6, "wave", "waves", "tsunami") || AnyWord(right, 5, "wave", "waves", "tsunami")))
                    measureText = "wave height";
                break;
            }
            case Dimension.Percent:
            {
                int k0 = right.Count > 0 && W(right, 0).Equals("of", StringComparison.OrdinalIgnoreCase) ? 1 : -1;
                if (k0 > 0)
                {
                    int k = k0;
                    while (k < right.Count && (W(right, k).ToLowerInvariant() is "its" or "the" or "their" or "total" or "all" or "his" or "her" or "our" or "entire" or "global" or "current" or "massive" or "overall" or "worldwide"
                                               || W(right, k).EndsWith("'s", StringComparison.Ordinal) || W(right, k).EndsWith("’s", StringComparison.Ordinal))) k++;
                    string noun = W(right, k);
                    if (MeasureLexicon.WorkforceNouns.Contains(noun)) measure = MeasureLexicon.WorkforceShare;
                    // "64% of (eligible) voters cast ballots", "… of the electorate voted": the turnout, not a party's share.
                    else if ((noun is "voters" or "electorate" || noun == "eligible" && W(right, k + 1) == "voters")
                             && AnyWord(right, k + 6, "cast", "voted", "turned", "vote")) measure = MeasureLexicon.Turnout;
                    else if (noun.StartsWith("vote", StringComparison.OrdinalIgnoreCase) || noun.Equals("ballots", StringComparison.OrdinalIgnoreCase)) measure = MeasureLexicon.VoteShare;
                }
                if (measure == null && (AnyIn(left, 8, MeasureLexicon.ShareNouns) || AnyIn(right, 3, MeasureLexicon.ShareNouns))
                    && (AnyIn(left, 5, MeasureLexicon.PriceMoves) || AnyIn(right, 2, MeasureLexicon.PriceMoves)))
                    measure = MeasureLexicon.SharePrice;
                if (measure == null && (AnyWord(left, 8, "turnout") || AnyWord(right, 3, "turnout"))) measure = MeasureLexicon.Turnout;
                if (measure == null && (AnyWord(right, 3, "workforce", "headcount", "employees", "staff") || AnyWord(right, 1, "jobs", "positions", "roles"))
                    && (AnyIn(left, 6, MeasureLexicon.CutWords) || AnyIn(right, 4, MeasureLexicon.CutWords)))
                    measure = MeasureLexicon.WorkforceShare;
                break;
            }
            case Dimension.Money:
            {
                if (AnyIn(left, 6, MeasureLexicon.AnalystWords) || AnyIn(right, 4, MeasureLexicon.AnalystWords)) { measure = MeasureLexicon.AnalystEstimate; break; }
                // "Shares … fell 20% in late trading to $29.05", "the stock closed up at $41.20": a price a share trades at.
                if (W(left, 0) is "to" or "at" && AnyIn(left, 10, MeasureLexicon.PriceMoves) && !AnyIn(left, 10, MeasureLexicon.MoneyNouns) && SharesBefore(s, p0))
                { measure = MeasureLexicon.SharePriceLevel; break; }
                foreach (var l in new[] { right.Take(3).ToList(), left.Take(8).ToList() })
                    foreach (int k in l)
                        if (measure == null && MeasureLexicon.MoneyNouns.Contains(words[k].Text))
                        {
                            string noun = words[k].Text.ToLowerInvariant(), stem = CoverageText.Stem(noun);
                            // "sales of $N" and "revenue of $N" are one figure in two words (the key keeps the article's).
                            if (stem == "sale") stem = "revenue";
                            // "median pay", "annual revenue": a statistic of the sum is another figure than the sum.
                            if (k > 0 && MeasureLexicon.MoneyStatistics.Contains(words[k - 1].Text))
                            {
                                string stat = words[k - 1].Text.ToLowerInvariant();
                                noun = stat + " " + noun;
                                stem = stat + " " + stem;
                            }
                            // "cut spending by $10 billion": the figure is the size of the cut, not the spending.
                            if (left.Count > 0 && W(left, 0) == "by" && AnyIn(left, 6, MeasureLexicon.CutWords))
                            {
                                noun = "cut in " + noun;
                                stem = "cut " + stem;
                            }
                            // "to save $3 billion in costs", "cut $2 billion in spending": the sum saved or cut, named after it.
                            else if (k >= p1 && k > 0 && words[k - 1].Text == "in" && left.Count > 0 && W(left, 0) is var before
                                     && (MeasureLexicon.SaveWords.Contains(before) || MeasureLexicon.CutWords.Contains(before)))
                            {
                                bool save = MeasureLexicon.SaveWords.Contains(before);
                                noun = (save ? "savings in " : "cut in ") + noun;
                                stem = (save ? "saving " : "cut ") + stem;
                            }
                            measure = new ClaimMeasure("money:" + stem, noun, false, Dimension.Money) { Placed = false, Owned = true };
                        }
                break;
            }
            case Dimension.Count when unit is "cents" or "cent" && (AnyWord(right, 3, "share") || AnyWord(right, 3, "shares")):
            {
                // "a loss of 3 cents a share": earnings per share.
                string? noun = null;
                foreach (var l in new[] { right.Take(5).ToList(), left.Take(6).ToList() })
                    foreach (int k in l)
                        if (noun == null && MeasureLexicon.MoneyNouns.Contains(words[k].Text) && words[k].Text is not ("price" or "deal")) noun = words[k].Text.ToLowerInvariant();
                dim = Dimension.Money;
                unit = "cents";
                measure = new ClaimMeasure("per-share:" + (noun != null ? CoverageText.Stem(noun) : ""), (noun ?? "earnings") + " per share", false, Dimension.Money) { Placed = false, Owned = true };
                break;
            }
            case Dimension.Count:
            case Dimension.Duration:
                measure = CountMeasure(s, m, left, right, quals);
                break;
        }

        // Generic: named by the counted words ("buildings have collapsed"), in the article's words.
        if (measure == null)
        {
            string? head = null;
            int headAt = -1;
            for (int k = 0; k < right.Count && k < 3 && head == null; k++)
            {
                string w = W(right, k);
                if (Joiners.Contains(w)) break;
                if (w.Length > 2 && char.IsLower(w[0]) && (w.EndsWith('s') || unit == w.ToLowerInvariant()) && !w.EndsWith("ss", StringComparison.Ordinal)) { head = w; headAt = right[k]; }
            }
            if (head == null && unit != null && unit != "people") head = unit;
            if (head == null) return null; // a bare figure: nothing says what it measures
            // "6 takeaways from the election", "5 things to know": a headline's list, not a fact.
            if (head is "takeaways" or "things" or "ways" or "reasons" or "questions" or "lessons" or "facts" or "moments" or "photos" or "pictures" or "charts" or "tips") return null;
            if (dim == Dimension.Money && right.Count == 0)
            {
                bool allBare = true;
                foreach (int k in left) if (!(CoverageText.Content(words[k].Text) == null || char.IsUpper(words[k].Text[0]))) { allBare = false; break; }
                if (allBare) return null;
            }
            var rightWords = right.GetRange(0, CountedRun(words, right, right.Count));
            // The counted words when they say enough ("buildings have collapsed"), else the figure's clause in the article's words.
            string phrase = dim is Dimension.Count ? Phrase(s, rightWords, 6) : "";
            // "nearly 100 tonnes of fuel onboard": the unit written in the figure starts what it counts.
            string lastWord = words[p1 - 1].Text;
            if (unit != null && unit != "people" && phrase.Length > 0 && !char.IsDigit(lastWord[0]) && CoverageText.Content(lastWord) != null)
                phrase = Phrase(s, rightWords.Prepend(p1 - 1).ToList(), 7);
            // Too few counted words: the clause names it ("the quake cut power … households", not "… households and
            // triggered aftershocks").
            if (phrase.Split(' ').Length < 3) phrase = ClausePhrase(s, p0, p1, headAt);
            if (phrase.Length == 0) phrase = head;
            measure = new ClaimMeasure("n:" + dim + ":" + CoverageText.Stem(head), phrase, false, dim) { Generic = true, Owned = true };
            measureText = phrase;
        }

        var c = new Claim { Measure = measure, Dimension = dim, Text = m.Text.Trim(), Reference = reference, ReferenceName = referenceName };
        // "or 22 cents per share": the value shows its unit ("22 cents", not "22").
        if (dim == Dimension.Money && unit == "cents" && !c.Text.Contains("cent", StringComparison.OrdinalIgnoreCase) && !c.Text.Contains('¢')) c.Text += " cents";
        c.MeasureText = measureText ?? measure.Display;
        c.Unit = dim == Dimension.Money ? unit ?? "" : "";

        // Value: an interval in comparable units.
        double scale = dim == Dimension.Length ? ToKm(unit) : 1;
        double lo = number, hi = number;
        if (upper?.Number is double up && up > number) { hi = up; c.Text = s.Text[s.Words[p0].Start..s.Words[p1 - 1].End]; }
        else if (m.Text.Contains('-') && m.Text.Length > 2)
        {
            // "119-136 km": a range in one token.
            int dash = m.Text.IndexOf('-', 1);
            var second = m.Text[(dash + 1)..].TakeWhile(ch => char.IsDigit(ch) || ch is '.' or ',').ToArray();
            if (second.Length > 0 && char.IsDigit(m.Text[dash - 1]) && double.TryParse(new string(second).Replace(",", ""), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double h) && h > lo) hi = h;
        }
        c.Low = lo * scale;
        c.High = hi * scale;
        c.Step = FactClusters.Step(number, m.Text) * scale;
        c.WrittenScale = scale;
        c.Vague = ContainsAny(lower, VagueWords);
        c.AtLeast = StartsWithAny(lower, AtLeastWords) || (p1 < words.Count + 1 && FollowedBy(s, m.Text, '+'))
                    || (right.Count >= 2 && W(right, 0) is "or" && W(right, 1) is "more" or "higher" or "above");
        c.AtMost = StartsWithAny(lower, AtMostWords) || AnyWordBefore(s, p0, "up", "to") || AsStrongAs(s, p0)
                   || (right.Count >= 2 && W(right, 0) is "or" && W(right, 1) is "less" or "lower" or "fewer" or "below");
        c.Nearly = lower.StartsWith("nearly", StringComparison.Ordinal) || lower.StartsWith("almost", StringComparison.Ordinal);
        c.Approximate = m.Approximate || c.Vague || lower.StartsWith("some ", StringComparison.Ordinal) || lower.StartsWith("roughly", StringComparison.Ordinal);

        c.Included = p0 > 0 && words[p0 - 1].Text is "including" or "among";
        // The counted words: up to four words after the figure before a joining word or another figure, to the first plural.
        int counted = CountedRun(words, right, 4), countedEnd = -1;
        for (int q = 0; q < counted && countedEnd < 0; q++)
            if (words[right[q]].Text.EndsWith('s') && char.IsLower(words[right[q]].Text[0])) countedEnd = q;
        if (countedEnd >= 0) c.Counted = JoinWords(words, right, countedEnd + 1);
        // A small round figure stated flatly ("a 30-storey building", "70 km") is exact, not rounded to tens.
        if (!c.Approximate && Math.Abs(number) < 100 && number == Math.Floor(number) && c.Step > scale) c.Step = scale;
        AddSubject(c, s, p0, p1, left, ctx, quals);
        // "The death toll has risen to 20", "so far": a count reported as one of a series (a revenue that "rose to" is not).
        c.EvolvingCue = dim == Dimension.Count && (AnyIn(left, 6, MeasureLexicon.EvolvingWords) || SoFar(s, p0, p1));
        c.Context = ClauseContext(s, p0, p1);
        c.ContextSet = new HashSet<string>(c.Context, StringComparer.Ordinal);
        return c;
    }

    /// <summary>
    /// The point a length is measured from when it is no named place: "from [the] NOUN", "away from [the] NOUN", or "of the
    /// NOUN" after "within" or a compass direction ("within 300 km of the epicentre", "20 km north of the airport"). "of" alone
    /// is not enough: "300 km of coastline", "4 m of snow" measure the thing itself. Returns the words as written ("the epicentre").
    /// </summary>
    private static string? UnnamedReference(SentenceWords s, List<int> left, List<int> right)
    {
        var words = s.Words;
        int k = 0;
        bool direction = false;
        while (k < right.Count && k < 3 && (words[right[k]].Text is "away" || MeasureLexicon.IsDirection(words[right[k]].Text)))
        {
            direction |= MeasureLexicon.IsDirection(words[right[k]].Text);
            k++;
        }
        if (k >= right.Count) return null;
        // "a depth of 10 km from the surface": the noun just before names the length.
        if (left.Count >= 2 && words[left[0]].Text == "of" && MeasureLexicon.LengthCues.ContainsKey(words[left[1]].Text)) return null;
        string prep = words[right[k]].Text;
        bool within = left.Take(3).Any(j => words[j].Text.Equals("within", StringComparison.OrdinalIgnoreCase));
        if (!(prep == "from" || (prep == "of" && (within || direction)))) return null;
        int n = k + 1;
        bool article = n < right.Count && words[right[n]].Text is "the" or "its";
        if (article) n++;
        if (n >= right.Count) return null;
        string noun = words[right[n]].Text;
        if (!char.IsLower(noun[0]) || CoverageText.Content(noun) == null || (prep == "of" && !article)) return null;
        return article ? words[right[n - 1]].Text + " " + noun : noun;
    }

    private static readonly HashSet<string> Joiners = new(StringComparer.OrdinalIgnoreCase)
    {
        "and", "or", "but", "while", "whereas", "including", "after", "before", "when", "as", "which", "who", "that", "with",
    };

    /// <summary>What a count measures: a casualty predicate, jobs cut, a workforce, a population, or a counted noun of the lexicon.</summary>
    private static ClaimMeasure? CountMeasure(SentenceWords s, NewsEntityMention m, List<int> left, List<int> right, List<(string, string)> quals)
    {
        var words = s.Words;
        string W(List<int> l, int k) => k < l.Count ? words[l[k]].Text : "";

        // "NOUN of/at/to/was N": "death toll has risen to 20", "a population of 1.5 million", "its workforce of around 110,000".
        // "The death toll from Sunday's crash at the airport rose to 179": the noun before a verb of rising or standing.
        // Walked over the words themselves, not the ten-word window: "<noun> ... has risen to N" may name its noun up to
        // twelve words back. A noun written with a figure of its own ("a 5.2 magnitude tremor", "magnitude 5.2") is that
        // figure's, not this one's.
        if (W(left, 0) is "to" or "at" && W(left, 1) is "rose" or "risen" or "climbed" or "reached" or "stood" or "stands" or "jumped" or "soared" or "surged" or "increased" or "grew" or "rises" or "climbs")
            for (int k = left[1] - 1; k >= 0 && k > left[1] - 13; k--)
            {
                if (s.Boundary[k + 1]) break;
                if (MeasureLexicon.NounsBefore.TryGetValue(words[k].Text, out var far) && far != MeasureLexicon.Workforce
                    && !(k > 0 && char.IsDigit(words[k - 1].Text[0])) && !(k + 1 < words.Count && char.IsDigit(words[k + 1].Text[0]))) return far;
            }
        for (int k = 0; k < left.Count && k < 6; k++)
        {
            if (s.Boundary[left[k] + 1]) break; // "its workforce, some 17,500 people" is not the workforce's size
            string w = W(left, k);
            if (MeasureLexicon.NounsBefore.TryGetValue(w, out var nb))
            {
                // "reducing headcount by 15,000": a cut, not the size.
                if (nb == MeasureLexicon.Workforce && W(left, 0).Equals("by", StringComparison.OrdinalIgnoreCase) && AnyOf(words, left, k + 1, 2, MeasureLexicon.CutWords))
                    return MeasureLexicon.JobsCut;
                return nb;
            }
            if (!Linking.Contains(w)) break;
        }
        // "all but two of the 181": the count is not stated.
        if (W(left, 0).Equals("but", StringComparison.OrdinalIgnoreCase) && W(left, 1).Equals("all", StringComparison.OrdinalIgnoreCase)) return null;
        // "two of the 181 people on board survived": 181 is the whole, two the part the predicate counts.
        int ofAt = W(left, 0).Equals("of", StringComparison.OrdinalIgnoreCase) ? 1
            : (W(left, 0).Equals("the", StringComparison.OrdinalIgnoreCase) || W(left, 0).EndsWith("'s", StringComparison.Ordinal) || W(left, 0).EndsWith("’s", StringComparison.Ordinal))
              && W(left, 1).Equals("of", StringComparison.OrdinalIgnoreCase) ? 2 : -1;
        // "a total of 343 seats", "out of 343", "more of Parliament's 343 seats": the whole.
        bool isWhole = ofAt > 0 && (IsNumberWord(W(left, ofAt)) || W(left, ofAt) is "total" or "out" or "more" or "most" or "all" or "majority");
        if (isWhole)
        {
            // "four of the six crew members on board": six is the crew; "179 of the 181 people on board": 181 are all on board.
            string noun = W(right, 0);
            if (MeasureLexicon.CountedNouns.TryGetValue(noun, out var whole) && whole.Id is "passengers" or "crew") return whole;
            for (int k = 0; k < right.Count; k++)
                if (W(right, k) is "aboard" or "onboard" || (W(right, k) == "on" && W(right, k + 1) == "board")) return MeasureLexicon.OnBoard;
            if (whole != null && whole.Id is "seats" or "votes")
                return new ClaimMeasure("total:" + whole.Id, whole.Display + " in all", false, Dimension.Count) { Placed = false };
            return null;
        }
        // "242 passengers and crew": everyone on board.
        if (W(right, 0) is "passengers" or "people" or "persons" && W(right, 1) == "and" && W(right, 2) is "crew" or "crews" or "passengers") return MeasureLexicon.OnBoard;
        int partOf = W(right, 0).Equals("of", StringComparison.OrdinalIgnoreCase)
            ? IsNumberWord(W(right, 1)) ? 2 : W(right, 1).Equals("the", StringComparison.OrdinalIgnoreCase) && IsNumberWord(W(right, 2)) ? 3 : -1 : -1;
        if (partOf > 0) right = right.Skip(partOf).ToList();
        // "Four killed", "412 injured", "Four dead".
        if (MeasureLexicon.Predicates.TryGetValue(W(right, 0), out var direct) && !W(right, 0).Equals("lives", StringComparison.OrdinalIgnoreCase)) return direct;
        // The counted noun within three words after the figure ("2,310 residents", "15,000 job cuts", "about 20 trapped people").
        string? head = null;
        int headAt = -1;
        for (int k = 0; k < right.Count && k < 3; k++)
        {
            string w = W(right, k);
            if (Joiners.Contains(w)) break;
            if (MeasureLexicon.CountedNouns.ContainsKey(w) || MeasureLexicon.GenericPeople.Contains(w) || MeasureLexicon.JobNouns.Contains(w)
                || (w.Length > 3 && char.IsLower(w[0]) && w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal)))
            { head = w; headAt = k; break; }
        }
        if (head == null && m.Unit == "people") head = "people";
        // Predicates up to a joining word or the next figure: "57 people have been confirmed dead and 412 injured".
        ClaimMeasure? predicate = null;
        for (int k = 0; k < right.Count; k++)
        {
            string w = W(right, k);
            // "175 passengers and four crew members died": the predicate after a coordinated count is this one's too.
            if (w == "and" && k + 1 < right.Count && IsNumberWord(W(right, k + 1))) { k++; continue; }
            // "900,000 people in 133 municipalities were evacuated": a place count inside the phrase.
            if (k > 0 && char.IsDigit(w[0]) && W(right, k - 1) is "in" or "across" or "from" or "at") { k++; continue; }
            if (k > 0 && (Joiners.Contains(w) || char.IsDigit(w[0]))) break;
            if (k != headAt && MeasureLexicon.Predicates.TryGetValue(w, out var pm)) { predicate = pm; break; }
        }
        // "Among the dead were 175 passengers …": the sentence's opening says what every count in it is.
        if (predicate == null && words.Count > 4 && words[0].Text.Equals("Among", StringComparison.OrdinalIgnoreCase) && words[1].Text is "the" or "those"
            && MeasureLexicon.Predicates.TryGetValue(words[2].Text, out var among)) predicate = among;
        // "at least eight people on the ground, including four medical students, were killed": the predicate after the aside.
        if (predicate == null && right.Count > 0)
        {
            int end = right[^1] + 1;
            if (end < words.Count && s.Boundary[end] && words[end].Text is "including" or "among")
            {
                int k = end + 1;
                while (k < words.Count && !s.Boundary[k]) k++;
                for (int j = k; j < words.Count && j < k + 4; j++)
                    if (MeasureLexicon.Predicates.TryGetValue(words[j].Text, out var far)) { predicate = far; break; }
            }
        }
        ClaimMeasure? verb = null;
        for (int k = 0; k < left.Count && k < 4; k++)
            if (MeasureLexicon.VerbsBefore.TryGetValue(W(left, k), out var vm)) { verb = vm; break; }
        // "claimed 241 of the 242 people on board and at least 38 on the ground": a verb before a coordinated count.
        bool andBefore = false;
        for (int q = 0; q < left.Count && q < 10 && !andBefore; q++) andBefore = words[left[q]].Text == "and";
        if (verb == null && andBefore)
            for (int k = 0; k < left.Count && k < 12; k++)
            {
                string w = W(left, k);
                if (MeasureLexicon.VerbsBefore.TryGetValue(w, out var cv)) { verb = cv; break; }
                if (!(IsNumberWord(w) || CoordinatedWords.Contains(w) || MeasureLexicon.GenericPeople.Contains(w) || MeasureLexicon.CountedNouns.ContainsKey(w))) break;
            }
        bool cutNear = AnyOf(words, left, 0, 10, MeasureLexicon.CutWords) || AnyOf(words, right, 0, 4, MeasureLexicon.CutWords);
        bool specific = head != null && !MeasureLexicon.GenericPeople.Contains(head) && !MeasureLexicon.JobNouns.Contains(head) && !MeasureLexicon.CountedNouns.ContainsKey(head);
        if (head != null && MeasureLexicon.JobNouns.Contains(head) && predicate == null)
        {
            if (cutNear) return MeasureLexicon.JobsCut;
            // "fired N employees", "is sacking N staff", "let N workers go": jobs cut, said of the people let go
            // (the verb just before the figure: "fires" after it is as often a noun).
            for (int q = 0; q < left.Count && q < 3 && !s.Boundary[left[q] + 1]; q++)
                if (MeasureLexicon.DismissWords.Contains(words[left[q]].Text)
                    || (words[left[q]].Text.Equals("let", StringComparison.OrdinalIgnoreCase) && headAt + 1 < right.Count && W(right, headAt + 1) == "go"))
                    return MeasureLexicon.JobsCut;
        }
        if (head == null && cutNear && predicate == null)
            for (int q = 0; q < left.Count && q < 8; q++)
                if (words[left[q]].Text is "jobs" or "job" or "positions" or "roles" or "layoffs") return MeasureLexicon.JobsCut;
        // "10 cabin crew members", "four medical students": words between the figure and its noun narrow the subject.
        if (head != null && headAt > 0)
        {
            var mods = new List<string>(headAt);
            for (int k = 0; k < headAt; k++)
            {
                string w = W(right, k);
                if (char.IsLower(w[0]) && CoverageText.Content(w) != null && !MeasureLexicon.Predicates.ContainsKey(w)
                    && w is not ("more" or "other" or "others" or "additional" or "new" or "confirmed" or "reported" or "total" or "including")) mods.Add(w);
            }
            if (mods.Count > 0 && MeasureLexicon.CountedNouns.TryGetValue(head, out var cm) && cm.Id is "passengers" or "crew")
                quals.Add(("mod:" + string.Join(' ', mods.Select(CoverageText.Stem)), string.Join(' ', mods)));
        }
        if (head != null && MeasureLexicon.CountedNouns.TryGetValue(head, out var counted))
        {
            if ((counted == MeasureLexicon.Passengers || counted == MeasureLexicon.Crew) && predicate != null)
            {
                // "passengers killed": a casualty count of passengers.
                quals.Add(("people:" + CoverageText.Stem(head), head));
                return predicate;
            }
            return counted;
        }
        if (head != null && MeasureLexicon.WorkforceNouns.Contains(head) && !cutNear && predicate == null)
            for (int q = 0; q < left.Count && q < 2; q++)
                if (words[left[q]].Text is "had" or "has" or "have" or "employs" or "employed" or "employing" or "of") return MeasureLexicon.Workforce;
        bool peopleLike = head == null || MeasureLexicon.GenericPeople.Contains(head) || m.Unit == "people" || MeasureLexicon.JobNouns.Contains(head)
                          || head.EndsWith("ers", StringComparison.Ordinal) || head.EndsWith("ists", StringComparison.Ordinal) || head.EndsWith("ians", StringComparison.Ordinal)
                          || head is "children" or "students" or "men" or "women" or "soldiers" or "tourists" or "nationals" or "victims" or "pilgrims" or "migrants"
                          or "refugees" or "defectors" or "evacuees" or "asylum" or "seekers" or "detainees" or "prisoners" or "hostages" or "civilians" or "troops";
        if (peopleLike)
        {
            // What happened to them: a verb just before ("killing 2,500 people"), a predicate after ("57 people confirmed dead").
            bool verbJustBefore = false;
            for (int q = 0; q < left.Count && q < 2 && verb != null && !verbJustBefore; q++) verbJustBefore = MeasureLexicon.VerbsBefore.ContainsKey(words[left[q]].Text);
            var found = verbJustBefore ? verb : predicate ?? verb;
            if (found != null)
            {
                // "five medical students killed" is not the death toll: for casualties, who they were narrows the subject.
                if (specific && found.Evolving && found != MeasureLexicon.Arrivals)
                {
                    var who = new List<string>();
                    for (int k = 0; k < headAt + 1; k++)
                    {
                        string w = W(right, k);
                        if (char.IsLower(w[0]) && CoverageText.Content(w) != null && !MeasureLexicon.Predicates.ContainsKey(w)) who.Add(w);
                    }
                    if (who.Count == 0) who.Add(head!);
                    // Compared by the noun ("medical students" and "students" alike), shown with its words.
                    quals.Add(("people:" + CoverageText.Stem(head!), string.Join(' ', who)));
                }
                return found;
            }
            if (left.Count >= 2 && W(left, 0).Equals("to", StringComparison.OrdinalIgnoreCase) && W(left, 1).Equals("home", StringComparison.OrdinalIgnoreCase)) return MeasureLexicon.Population;
            if (left.Count >= 2 && W(left, 0).Equals("of", StringComparison.OrdinalIgnoreCase) && W(left, 1) is "city" or "town" or "village" or "country" or "nation" or "region") return MeasureLexicon.Population;
            for (int k = 0; k < right.Count; k++)
                if (W(right, k) is "aboard" || (W(right, k) == "on" && W(right, k + 1) == "board")) return MeasureLexicon.OnBoard;
        }
        return null;
    }

    private static readonly HashSet<string> CoordinatedWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "and", "of", "the", "at", "least", "more", "than", "about", "some", "over", "nearly", "almost", "members", "onboard", "aboard",
        "on", "board", "ground", "all", "another",
    };

    private static bool IsNumberWord(string w) =>
        w.Length > 0 && (char.IsDigit(w[0]) || w.ToLowerInvariant() is "two" or "three" or "four" or "five" or "six" or "seven" or "eight" or "nine" or "ten"
            or "eleven" or "twelve" or "dozen" or "hundred" or "hundreds" or "thousands");

    /// <summary>Places, lesser events, earlier years, forecasts and periods that narrow what a figure is about.</summary>
    private static void AddSubject(Claim c, SentenceWords s, int p0, int p1, List<int> left, ClaimContext ctx, List<(string Key, string Text)> quals)
    {
        var words = s.Words;
        // Places in the figure's clause, within six words of it; a sentence-initial "In Thailand, …" covers the sentence.
        var (cf, cl) = Clause(s, p0, p1);
        foreach (var pl in s.Places)
        {
            if (!c.Measure.Placed || pl.Group == c.Reference) continue;
            // "18 km south of Hualien": a place a distance is measured from is no subject.
            if (pl.From >= 2 && words[pl.From - 1].Text is "of" or "from" && DistanceWordIn(words, Math.Max(0, pl.From - 4), pl.From)) continue;
            bool inClause = pl.From >= cf && pl.To - 1 <= cl && (Math.Abs(pl.From - p1) <= 6 || Math.Abs(p0 - pl.To) <= 6);
            bool opening = pl.From <= 2 && pl.From >= 1 && words[0].Text.Equals("In", StringComparison.Ordinal) && pl.To < words.Count && s.Boundary[pl.To] && p0 > pl.To;
            if ((inClause || opening) && pl.Group != ctx.MainPlace && c.Places.Add(pl.Group))
            {
                c.PlaceNames.Add(pl.Name);
                c.PlaceKeys.Add(pl.Name.ToLowerInvariant());
            }
        }
        // Whose figure it is: the organisation or group nearest before it in its clause ("the Coast Party fell to 121
        // seats"), else just after it; never a source it is credited to.
        if (c.Measure.Owned)
        {
            (int Group, string Name)? owner = null;
            int bestDist = int.MaxValue;
            // "<company> parent company <parent> will cut N jobs", "<company> parent <parent> ...": a company and its parent
            // named together before the figure are the story's company, no other owner: both are passed over.
            int parentAt = -1;
            foreach (var ow in s.Owners)
                if (ow.To <= p0 && ow.From >= 1 && ow.From >= cf && (words[ow.From - 1].Text is "parent" or "Parent"
                    || (ow.From >= 2 && words[ow.From - 2].Text is "parent" or "Parent" && words[ow.From - 1].Text is "company" or "firm" or "group" or "Company" or "Firm" or "Group")))
                    parentAt = Math.Max(parentAt, ow.From);
            foreach (var ow in s.Owners)
            {
                if (ow.From <= parentAt) continue;
                if (ow.From < cf || ow.To - 1 > cl) continue;
                int d = ow.To <= p0 ? p0 - ow.To : ow.From >= p1 ? 100 + ow.From - p1 : int.MaxValue;
                if (d > 106 || (d < 100 && d > 10) || d >= bestDist) continue;
                bool source = false;
                for (int k = Math.Max(0, ow.From - 3); k < ow.From; k++) if (words[k].Text is "according" or "per" or "said" or "told" or "citing" or "cited" or "by" or "from" or "data") source = true;
                for (int k = ow.To; k < Math.Min(words.Count, ow.To + 2); k++) if (words[k].Text is "said" or "says" or "reported" or "told" or "estimated" or "data" or "figures" or "estimates") source = true;
                if (source) continue;
                bestDist = d;
                owner = (ow.Group, ow.Name);
            }
            if (owner is var (og, on) && og != ctx.MainOwner && !(ctx.MainOwner >= 0 && FactClusters.SameName(on.ToLowerInvariant(), ctx.GroupName(ctx.MainOwner).ToLowerInvariant()))
                && !Text.WireAgencies.TryResolve(on, out _) && c.Owners.Add(og))
            {
                c.OwnerNames.Add(on);
                c.OwnerKeys.Add(on.ToLowerInvariant());
            }
        }
        // An aftershock's magnitude is not the earthquake's: the lesser event named before the figure (no main event between) or just after it.
        bool lesser = false;
        for (int k = p0 - 1; k >= 0 && c.Measure.OfEvent; k--)
        {
            if (s.Strong[k + 1]) break;
            if (MeasureLexicon.MainEventWords.Contains(words[k].Text) && !(k + 1 < p0 && MeasureLexicon.LesserEvents.Contains(words[k + 1].Text))) break;
            // "tremors were felt as far as Tarnby": the shaking of the event felt, not a lesser event.
            if (MeasureLexicon.LesserEvents.Contains(words[k].Text) && !Felt(words, k)) { lesser = true; break; }
        }
        for (int k = p1; k < words.Count && k < p1 + 3 && !lesser && c.Measure.OfEvent; k++)
        {
            if (s.Boundary[k]) break;
            if (MeasureLexicon.LesserEvents.Contains(words[k].Text)) lesser = true;
        }
        if (lesser) quals.Add(("aftershock", "aftershock"));
        // An earlier event: a year before the story's, in a sentence about an event ("the 1999 quake killed 2,400").
        if (ctx.StoryYear > 0 && s.Years.Count > 0 && c.Dimension != Dimension.Date && s.TellsOfEvent)
        {
            int best = -1, dist = int.MaxValue;
            foreach (var (from, to, year) in s.Years)
            {
                // "the deadliest since 1996" dates a record, not an earlier event's figures.
                if (year >= ctx.StoryYear || (from > 0 && words[from - 1].Text.Equals("since", StringComparison.OrdinalIgnoreCase))) continue;
                int d = from >= p1 ? from - p1 : p0 - to;
                if (d >= 0 && d < dist) { dist = d; best = year; }
            }
            if (best > 0) quals.Add(("year:" + best.ToString(CultureInfo.InvariantCulture), best.ToString(CultureInfo.InvariantCulture)));
        }
        // A forecast or a fear is not a count: "could reach over 10,000", "fears of a death toll exceeding 10,000".
        if (c.Measure != MeasureLexicon.AnalystEstimate && !c.Measure.Id.StartsWith("total:", StringComparison.Ordinal) && c.Measure != MeasureLexicon.OnBoard)
        {
            bool forecast = false;
            // ("May" written with a capital is the month: "in May <year>".)
            for (int k = 0; k < left.Count && k < 8 && !forecast; k++) forecast = MeasureLexicon.ForecastWords.Contains(words[left[k]].Text) && words[left[k]].Text != "May";
            // "N homes could be flooded", "as many as N might be lost": a modal after the figure's phrase, in its clause.
            for (int k = p1; k < words.Count && k < p1 + 4 && !forecast; k++)
            {
                if (s.Boundary[k] || Joiners.Contains(words[k].Text) || char.IsDigit(words[k].Text[0])) break;
                forecast = words[k].Text is "could" or "might";
            }
            if (forecast) quals.Add(("forecast", "forecast"));
        }
        // "rose to $43.1 million from $30.2 million a year earlier": the figure after "from" is the earlier value.
        // "down from a profit of $1.5 billion": the words naming the sum may stand between "from" and the figure, and "down
        // from" or "up from" says it is the earlier value even when the later one is in another sentence.
        int fromAt = p0 - 1;
        while (fromAt >= 1 && fromAt >= p0 - 4 && (words[fromAt].Text is "a" or "an" or "the" or "of" or "its" || MeasureLexicon.MoneyNouns.Contains(words[fromAt].Text))) fromAt--;
        if (c.Dimension != Dimension.Date && fromAt >= 1 && fromAt < p0 - 1 && words[fromAt].Text is "from" && words[fromAt - 1].Text is "down" or "up")
            quals.Add(("earlier", "earlier figure"));
        else if (c.Dimension != Dimension.Date && p0 >= 2 && (words[p0 - 1].Text is "from" || (words[p0 - 1].Text is "with" && words[p0 - 2].Text is "compared")))
            for (int k = p0 - 2; k >= Math.Max(0, p0 - 10); k--)
                if (char.IsDigit(words[k].Text[0]) || words[k].Text is "million" or "billion" or "percent") { quals.Add(("earlier", "earlier figure")); break; }
        // A generic distance, or one from a point named by a noun ("Tarnby, located ten miles from the epicentre"), is about the
        // place named before it: another town's distance from the same point is another subject.
        if ((c.Measure.Generic || (c.Measure == MeasureLexicon.Distance && c.Reference < 0)) && c.Dimension == Dimension.Length && c.Places.Count == 0)
        {
            // The nearest place ending before the figure (the first of those ending at one word).
            // A place in the possessive names what it has ("<town>, <country>'s <rank> city, N km from …": the distance is
            // the town's, not the country's): skipped.
            int nearest = -1;
            for (int q = 0; q < s.Places.Count; q++)
                if (s.Places[q].To <= p0 && (nearest < 0 || s.Places[q].To > s.Places[nearest].To) && !Possessive(words[s.Places[q].To - 1].Text)) nearest = q;
            if (nearest >= 0 && s.Places[nearest] is var pl && c.Places.Add(pl.Group)) { c.PlaceNames.Add(pl.Name); c.PlaceKeys.Add(pl.Name.ToLowerInvariant()); }
        }
        // On the ground (not on board), and periods: "this year", "second quarter".
        // "38 on the ground": right after the figure (not "241 of the 242 people on board and 38 on the ground").
        for (int k = p1; k + 2 < words.Count && k < p1 + 5; k++)
        {
            if (char.IsDigit(words[k].Text[0]) || (k > p1 && s.Boundary[k]) || Joiners.Contains(words[k].Text)) break;
            if (words[k].Text == "on" && words[k + 1].Text == "the" && words[k + 2].Text == "ground") { quals.Add(("ground", "on the ground")); break; }
        }
        if (c.Dimension is Dimension.Money or Dimension.Percent || c.Measure.Generic && c.Dimension != Dimension.Date)
        {
            // Periods often sit in the next clause: "a loss of $1.6 billion, or 38 cents a share, in the April-June period".
            int w0 = Math.Max(0, p0 - 10), w1 = Math.Min(words.Count - 1, p1 + 9);
            // "N staff, down from M last year": a period after the earlier figure ("from" and a figure) is that
            // figure's, not this one's: the window ends before "from".
            for (int k = p1 + 1; k < w1; k++)
                if (words[k].Text is "from" && (char.IsDigit(words[k + 1].Text[0]) || (words[k + 1].Text is "a" or "an" or "the" or "about" or "some" && k + 2 <= w1 && char.IsDigit(words[k + 2].Text[0]))))
                { w1 = k - 1; break; }
            foreach (var (key, text) in Periods(s.Lower.AsMemory(words[w0].Start, words[w1].End - words[w0].Start), c.Dimension != Dimension.Duration))
            {
                // A figure for a period not yet over ("for the current quarter", "next quarter") is a forecast, said with
                // "expects" or not.
                if (key == "period:next-quarter" && c.Measure != MeasureLexicon.AnalystEstimate) quals.Add(("forecast", "forecast"));
                quals.Add((key, text));
            }
        }
        foreach (var (key, text) in quals)
            if (c.Qualifiers.Add(key)) c.QualifierParts.Add((key, text));
    }

    /// <summary>A compass direction or a unit of distance among words [from, to): "18 km south of", "ten miles from".</summary>
    private static bool DistanceWordIn(List<CoverageText.Word> words, int from, int to)
    {
        for (int k = from; k < to; k++)
            if (MeasureLexicon.IsDirection(words[k].Text) || words[k].Text is "km" or "miles" or "kilometres" or "kilometers") return true;
        return false;
    }

    /// <summary>"Shares", "stock" among the 16 words before the figure, in its sentence part (no semicolon or colon between).</summary>
    private static bool SharesBefore(SentenceWords s, int p0)
    {
        for (int k = p0 - 1; k >= 0 && k >= p0 - 16; k--)
        {
            if (s.Strong[k + 1]) return false;
            if (MeasureLexicon.ShareNouns.Contains(s.Words[k].Text)) return true;
        }
        return false;
    }

    /// <summary>"Kestria's", "Kestria’s", "ports'": a word in the possessive.</summary>
    private static bool Possessive(string w) =>
        w.EndsWith("'s", StringComparison.Ordinal) || w.EndsWith("’s", StringComparison.Ordinal) || (w.Length > 1 && w[^1] is '\'' or '’');

    /// <summary>Word <paramref name="k"/> is followed by "felt" or "were felt" / "was felt".</summary>
    private static bool Felt(List<CoverageText.Word> words, int k) =>
        (k + 1 < words.Count && words[k + 1].Text == "felt")
        || (k + 2 < words.Count && words[k + 1].Text is "were" or "was" && words[k + 2].Text == "felt");

    private static readonly string[] Ordinals = { "first", "second", "third", "fourth" };

    /// <summary>Periods named in a clause: "this year", "last year", "next year", "second quarter" / "Q2", "the current quarter".</summary>
    /// <param name="low">The clause in lower case (a slice of the sentence lowered once).</param>
    /// <param name="withAgo">Whether "N years ago" is a period (not for a duration, whose own figure it is: "N years ago").</param>
    private static List<(string, string)> Periods(ReadOnlyMemory<char> low, bool withAgo = true)
    {
        var found = new List<(string, string)>();
        bool Has(string p) => low.Span.IndexOf(p.AsSpan(), StringComparison.Ordinal) >= 0;
        foreach (var p in YearPeriods)
            if (Has(p)) found.Add(("period:" + p, p));
        // "its profit was $1.1 billion, or 22 cents per share, a year ago": last year's figure.
        if (found.Count == 0)
            foreach (var p in YearEarlier)
                if (Has(p)) { found.Add(("period:last year", p)); break; }
        foreach (var p in OtherPast)
            if (Has(p)) found.Add(("period:" + p, p));
        // "two years ago", "18 months ago", "a decade ago": a figure of a time before the story's, said with "ago".
        if (found.Count == 0 && withAgo && Ago(low.Span) is string ago) found.Add(("period:" + ago, ago));
        for (int q = 0; q < 4; q++)
            if (Has(QuarterWords[q, 0]) || Has(QuarterWords[q, 1]) || Has(QuarterWords[q, 2]))
                found.Add((QuarterKeys[q], QuarterNames[q]));
        for (int q = 0; q < 4; q++)
            if (Has(QuarterMonths[q, 0]) || Has(QuarterMonths[q, 1]))
                found.Add((QuarterKeys[q], QuarterNames[q]));
        if (Has("current quarter") || Has("next quarter") || Has("coming quarter"))
            found.Add(("period:next-quarter", "the coming quarter"));
        return found;
    }

    // ("last quarter" is left out: in a results story it is most often the quarter the results are for.)
    private static readonly string[] OtherPast = { "last month", "last week", "previous quarter", "prior quarter" };

    /// <summary>"two years ago", "18 months ago", "a decade ago" in a clause: those words, else null.</summary>
    private static string? Ago(ReadOnlySpan<char> low)
    {
        int at = low.IndexOf(" ago".AsSpan(), StringComparison.Ordinal);
        if (at < 0 || (at + 4 < low.Length && char.IsLetter(low[at + 4]))) return null;
        // The time unit before "ago", then the count before it.
        int unitEnd = at, unitStart = low[..unitEnd].LastIndexOf(' ') + 1;
        var unit = low[unitStart..unitEnd];
        if (!(unit.StartsWith("year") || unit.StartsWith("month") || unit.StartsWith("week") || unit.StartsWith("decade") || unit.StartsWith("day"))
            || unitStart < 2) return null;
        int countStart = low[..(unitStart - 1)].LastIndexOf(' ') + 1;
        return low[countStart..(at + 4)].ToString();
    }

    // What Periods looks for, built once ("first quarter", "first-quarter", "q1 "; "january-march", "jan-mar").
    private static readonly string[] YearPeriods = { "this year", "last year", "next year" };
    private static readonly string[] YearEarlier = { "a year earlier", "a year ago", "a year before", "year-earlier", "year-ago", "the previous year", "the prior year" };
    private static readonly string[] QuarterKeys = Enumerable.Range(1, 4).Select(q => "period:q" + q).ToArray();
    private static readonly string[] QuarterNames = Ordinals.Select(o => o + " quarter").ToArray();
    private static readonly string[,] QuarterWords = BuildQuarterWords();
    private static readonly string[,] QuarterMonths = BuildQuarterMonths();

    private static string[,] BuildQuarterWords()
    {
        var t = new string[4, 3];
        for (int q = 0; q < 4; q++) { t[q, 0] = Ordinals[q] + " quarter"; t[q, 1] = Ordinals[q] + "-quarter"; t[q, 2] = "q" + (q + 1) + " "; }
        return t;
    }

    private static string[,] BuildQuarterMonths()
    {
        string[] months = { "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december" };
        var t = new string[4, 2];
        for (int q = 0; q < 4; q++) { t[q, 0] = months[3 * q] + "-" + months[3 * q + 2]; t[q, 1] = months[3 * q][..3] + "-" + months[3 * q + 2][..3]; }
        return t;
    }

    /// <summary>"Jane Roe, 45, said …": a person's age written between commas after the name.</summary>
    private static Claim? ReadAge(NewsEntityMention m, ClaimContext ctx)
    {
        string s = m.Sentence!;
        int at = s.IndexOf(m.Text, StringComparison.Ordinal);
        if (at < 0) return null;
        int i = at + m.Text.Length;
        if (i + 3 >= s.Length || s[i] != ',' || s[i + 1] != ' ') return null;
        int j = i + 2, k = j;
        while (k < s.Length && char.IsDigit(s[k])) k++;
        if (k - j is < 1 or > 3 || k >= s.Length || s[k] != ',') return null;
        int age = int.Parse(s.AsSpan(j, k - j), CultureInfo.InvariantCulture);
        if (age is < 1 or > 120) return null;
        var c = new Claim
        {
            Measure = MeasureLexicon.Age, MeasureText = MeasureLexicon.Age.Display, Dimension = Dimension.Age, Text = s[j..k], Sentence = s,
            Low = age, High = age, Step = 1,
        };
        c.Qualifiers.Add("person:" + EntityMerger.Key(m.Name));
        c.QualifierParts.Add(("person:" + EntityMerger.Key(m.Name), m.Name));
        c.Context = CoverageText.ContentWords(s);
        c.ContextSet = new HashSet<string>(c.Context, StringComparer.Ordinal);
        return c;
    }

    private static readonly HashSet<string> NotAgentNouns = new(StringComparer.Ordinal)
    {
        "after", "under", "over", "other", "either", "neither", "whether", "later", "earlier", "never", "ever", "rather", "further",
        "together", "however", "whatever", "whenever", "wherever", "her", "their", "per", "for", "nor", "or", "ago", "went", "sent",
        "spent", "meant", "want", "recent", "current", "different", "independent", "present", "absent", "silent", "urgent",
        "prominent", "permanent", "apparent", "pregnant", "significant", "important", "relevant", "vibrant", "distant", "tolerant",
    };

    /// <summary>A lower-case noun that names a person by what they do or are ("attendant", "driver", "actor", "student",
    /// "pianist", "librarian", "chairman"), told by its ending, not an adverb, a conjunction or an adjective of that shape.</summary>
    private static bool IsAgentNoun(string w)
    {
        if (w.Length < 4 || !char.IsLower(w[0]) || NotAgentNouns.Contains(w)) return false;
        foreach (char c in w) if (!char.IsLetter(c)) return false;
        return w.EndsWith("ant", StringComparison.Ordinal) || w.EndsWith("ent", StringComparison.Ordinal) || w.EndsWith("er", StringComparison.Ordinal)
            || w.EndsWith("or", StringComparison.Ordinal) || w.EndsWith("ist", StringComparison.Ordinal) || w.EndsWith("ian", StringComparison.Ordinal)
            || w.EndsWith("man", StringComparison.Ordinal) || w.EndsWith("woman", StringComparison.Ordinal);
    }
}
