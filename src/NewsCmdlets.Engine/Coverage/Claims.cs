using System.Globalization;
using NewsCmdlets.Engine.Entities;
using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Engine.Coverage;

/// <summary>
/// One figure or date as one outlet states it: what it measures (a toll, a depth, an age, the day of the event), about
/// what (a place, an aftershock, an earlier event, a forecast), its value as written and as a comparable interval, and
/// the sentence and publication time it comes from.
/// </summary>
internal sealed class Claim
{
    public int Outlet;
    public NewsArticle Article = null!;
    public ClaimMeasure Measure = null!;
    /// <summary>How the key names the measure: the lexicon's phrase or, for a generic measure, the article's own words.</summary>
    public string MeasureText = "";
    public Dimension Dimension;
    /// <summary>Currency for money, unit word for generic counts; values with different units are not compared.</summary>
    public string Unit = "";
    /// <summary>Places the figure is about (entity groups); empty for the story's main place.</summary>
    public HashSet<int> Places = new();
    public List<string> PlaceNames = new();
    public List<string> PlaceKeys = new();
    /// <summary>Organisations and groups the figure belongs to ("Labour won 412 seats"); empty for the story's main one.</summary>
    public HashSet<int> Owners = new();
    public List<string> OwnerNames = new();
    public List<string> OwnerKeys = new();
    /// <summary>The place a distance is measured from ("18 km south of Hualien").</summary>
    public int Reference = -1;
    public string? ReferenceName;
    public string? ReferenceKey => ReferenceName?.ToLowerInvariant();
    /// <summary>What else narrows the subject: "aftershock", "year:1999", "forecast", "people:students", "period:q2"; all must match.</summary>
    public SortedSet<string> Qualifiers = new(StringComparer.Ordinal);
    /// <summary>The qualifiers in the order found, each with the words a key shows for it.</summary>
    public List<(string Key, string Text)> QualifierParts = new();
    // Value
    public double Low, High;
    public double Step;
    public bool Approximate, AtLeast, AtMost, Vague;
    /// <summary>"nearly 300", "almost 300": just under the figure.</summary>
    public bool Nearly;
    public string Text = "";
    public string Sentence = "";
    public string Field = "Body";
    /// <summary>"has risen to", "so far", "initially": the figure is one of a series.</summary>
    public bool EvolvingCue;
    /// <summary>"…, including four medical students": a part of the figure before it.</summary>
    public bool Included;
    /// <summary>The counted words right after the figure ("medical students"), when there are any.</summary>
    public string? Counted;
    /// <summary>Content words of the figure's clause (stems), to align generic measures.</summary>
    public List<string> Context = new();
    public HashSet<string> ContextSet = new(StringComparer.Ordinal);
    // Dates
    public string? DateValue;
    public DateGranularity? Granularity;
    public DateTime From, To;
    public bool HasInterval;
    public string? Relative;

    private string? _signature;

    /// <summary>Claims with one signature are stated alike (copies, repeats): they agree by construction.</summary>
    public string Signature => _signature ??=
        string.Join("\u0001", Measure.Id, Dimension, Unit, string.Join(',', Places.Order()), string.Join(',', Owners.Order()), ReferenceKey, string.Join(',', Qualifiers),
            Low.ToString("R", CultureInfo.InvariantCulture), High.ToString("R", CultureInfo.InvariantCulture), Approximate, AtLeast, AtMost, Vague,
            DateValue, Relative, string.Join(' ', Context));
}

/// <summary>What the claim reader needs from the story: entity groups of names, the main place, the story's year and event noun.</summary>
internal sealed class ClaimContext
{
    public required Func<string, int> PlaceGroup;
    public required Func<int, string> GroupName;
    public int MainPlace = -1;
    public int MainOwner = -1;
    public int StoryYear;
    public string EventNoun = "event";
}

/// <summary>
/// Reads an article's claims from its entity mentions (quantities, money, percentages, dates) and their sentences:
/// the measure from the words around each figure, by the rules of <see cref="MeasureLexicon"/>; the subject from the
/// places, qualifiers and years near it. Only claimable text counts (<see cref="ClaimableText"/>). Word scans are
/// bounded windows around each figure: linear in the article.
/// </summary>
internal static class ClaimReader
{
    private sealed class SentenceWords
    {
        public required string Text;
        public required List<CoverageText.Word> Words;
        /// <summary>Boundary[k]: a clause boundary (comma, semicolon, bracket, dash) between word k-1 and word k.</summary>
        public required bool[] Boundary;
        /// <summary>Strong[k]: a semicolon or colon between word k-1 and word k.</summary>
        public required bool[] Strong;
        public List<(int From, int To, int Group, string Name)> Places = new();
        public List<(int From, int To, int Group, string Name)> Owners = new();
        public List<(int From, int To, string Name)> People = new();
        public List<(int From, int To, int Year)> Years = new();
    }

    private static SentenceWords Analyse(string sentence)
    {
        var words = CoverageText.Words(sentence);
        var boundary = new bool[words.Count + 1];
        var strong = new bool[words.Count + 1];
        for (int k = 1; k < words.Count; k++)
        {
            for (int i = words[k - 1].End; i < words[k].Start; i++)
            {
                char c = sentence[i];
                if (c is ',' or ';' or ':' or '(' or ')' or '—' or '–' or '[' or ']') boundary[k] = true;
                if (c is ';' or ':') strong[k] = true;
            }
            if (!boundary[k] && words[k].Start - words[k - 1].End >= 3 && sentence.AsSpan(words[k - 1].End, words[k].Start - words[k - 1].End).Trim() is "-") boundary[k] = true;
        }
        return new SentenceWords { Text = sentence, Words = words, Boundary = boundary, Strong = strong };
    }

    /// <summary>Word indexes [p0, p1) of <paramref name="phrase"/> in the sentence (its first occurrence at or after <paramref name="from"/>), or (-1, -1).</summary>
    private static (int, int) Locate(SentenceWords s, string phrase, int from = 0)
    {
        if (phrase.Length == 0) return (-1, -1);
        // Whole words only: "2" is not the 2 of "230".
        int at = Math.Min(from, s.Text.Length) - 1;
        do at = s.Text.IndexOf(phrase, at + 1, StringComparison.Ordinal);
        while (at >= 0 && ((at > 0 && char.IsLetterOrDigit(s.Text[at - 1]) && char.IsLetterOrDigit(phrase[0]))
                           || (at + phrase.Length < s.Text.Length && char.IsLetterOrDigit(s.Text[at + phrase.Length]) && char.IsLetterOrDigit(phrase[^1]))));
        if (at < 0) return (-1, -1);
        int end = at + phrase.Length;
        int p0 = s.Words.FindIndex(w => w.End > at);
        if (p0 < 0) return (-1, -1);
        int p1 = p0;
        while (p1 < s.Words.Count && s.Words[p1].Start < end) p1++;
        return (p0, Math.Max(p1, p0 + 1));
    }

    /// <summary>Claims of one article.</summary>
    public static List<Claim> Read(NewsArticle article, int outlet, ArticleEntities entities, ClaimContext ctx, ClaimableText shape)
    {
        var claims = new List<Claim>();
        var sentences = new Dictionary<int, SentenceWords>();
        SentenceWords? SentenceOf(NewsEntityMention m)
        {
            if (m.Sentence == null) return null;
            if (!sentences.TryGetValue(m.SentenceIndex, out var s))
            {
                sentences[m.SentenceIndex] = s = Analyse(m.Sentence);
                foreach (var x in entities.Mentions)
                {
                    if (x.SentenceIndex != m.SentenceIndex) continue;
                    if (x.Type is NewsEntityType.Location or NewsEntityType.Organization or NewsEntityType.Group)
                    {
                        var (a, b) = Locate(s, x.Text);
                        int g = ctx.PlaceGroup(x.Name);
                        if (a >= 0 && g >= 0) (x.Type == NewsEntityType.Location ? s.Places : s.Owners).Add((a, b, g, x.Text));
                    }
                    else if (x.Type == NewsEntityType.Person)
                    {
                        var (a, b) = Locate(s, x.Text);
                        if (a >= 0) s.People.Add((a, b, x.Name));
                    }
                    else if (x.Type == NewsEntityType.Date && x.Value is { Length: >= 4 } v && int.TryParse(v.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out int y))
                    {
                        var (a, b) = Locate(s, x.Text);
                        if (a >= 0) s.Years.Add((a, b, y));
                    }
                }
            }
            return s;
        }

        var mentions = entities.Mentions;
        var used = new HashSet<int>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int mi = 0; mi < mentions.Count; mi++)
        {
            var m = mentions[mi];
            if (used.Contains(mi)) continue;
            bool number = m.Type is NewsEntityType.Quantity or NewsEntityType.Money or NewsEntityType.Percent && m.Number is double;
            bool date = m.Type == NewsEntityType.Date;
            if (!number && !date) continue;
            if (!shape.Claimable(m.Field, m.Offset, m.Sentence)) continue;
            var s = SentenceOf(m);
            if (s == null) continue;
            var (p0, p1) = Locate(s, m.Text);
            if (p0 < 0) continue;
            // The same figure in the same sentence (a title repeated as the standfirst) counts once.
            if (!seen.Add(m.Type + "|" + m.Text + "|" + m.Sentence)) continue;
            Claim? c;
            if (number)
            {
                // A range written as two figures: "$12.5bn to $13.5bn", "between 3 and 5", "6.5 to 7".
                NewsEntityMention? upper = null;
                if (p1 + 1 < s.Words.Count && s.Words[p1].Text is "to" or "and" && mi + 1 < mentions.Count)
                {
                    var n = mentions[mi + 1];
                    if (n.SentenceIndex == m.SentenceIndex && n.Type == m.Type && n.Number is double && Locate(s, n.Text, s.Words[p1].End) is (int q0, _) && q0 == p1 + 1)
                    {
                        upper = n;
                        used.Add(mi + 1);
                    }
                }
                c = ReadNumber(m, upper, s, p0, upper != null ? Locate(s, upper.Text, s.Words[p1].End).Item2 : p1, ctx);
            }
            else c = ReadDate(m, s, p0, p1, ctx);
            if (c == null) continue;
            c.Outlet = outlet;
            c.Article = article;
            c.Field = m.Field;
            c.Sentence = m.Sentence!;
            // "rose to $43.1 million from $30.2 million": the earlier figure measures what the one before it measures.
            if (c.Qualifiers.Contains("earlier") && c.Measure.Generic && claims.Count > 0 && claims[^1].Sentence == c.Sentence && claims[^1].Dimension == c.Dimension && !claims[^1].Measure.Generic)
            {
                c.Measure = claims[^1].Measure;
                c.MeasureText = claims[^1].MeasureText;
            }
            // "38 killed on the ground, including four medical students": the part is a toll of its own people.
            if (c.Included && c.Measure.Generic && c.Dimension == Dimension.Count && claims.Count > 0 && claims[^1].Sentence == c.Sentence
                && !claims[^1].Measure.Generic && claims[^1].Measure.Evolving)
            {
                string who = c.Counted ?? c.MeasureText;
                c.Measure = claims[^1].Measure;
                c.MeasureText = claims[^1].MeasureText;
                c.Qualifiers.Remove("ground");
                c.QualifierParts.RemoveAll(q => q.Key == "ground");
                string key = "people:" + (CoverageText.Words(who) is { Count: > 0 } ww ? CoverageText.Stem(ww[^1].Text) : who);
                if (c.Qualifiers.Add(key)) c.QualifierParts.Add((key, who));
            }
            claims.Add(c);
        }
        // Times of day ("at 1:39 pm", "07:58 local time (23:58 GMT)"): found in the text, not among the entities.
        foreach (var (field, text) in new[] { ("Title", article.Title), ("Standfirst", article.Standfirst), ("Body", article.Body) })
            if (!string.IsNullOrEmpty(text))
                foreach (var t in ReadTimes(text, field, shape, ctx))
                {
                    t.Outlet = outlet;
                    t.Article = article;
                    if (seen.Add("time|" + t.Text + "|" + t.Sentence)) claims.Add(t);
                }
        // Ages given as "Jane Roe, 45, said …": a person's name followed by a bare number between commas.
        foreach (var m in mentions)
        {
            if (m.Type != NewsEntityType.Person || m.Sentence == null || !shape.Claimable(m.Field, m.Offset, m.Sentence)) continue;
            if (ReadAge(m, ctx) is Claim age && seen.Add("age|" + m.Name + "|" + m.Sentence))
            {
                age.Outlet = outlet;
                age.Article = article;
                age.Field = m.Field;
                claims.Add(age);
            }
        }
        return claims;
    }

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
        string? unit = m.Unit;
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
        var left = Left(s, p0, 10);
        var right = Right(s, p1, 12);
        string W(List<int> l, int k) => k < l.Count ? words[l[k]].Text : "";
        bool AnyIn(List<int> l, int n, ICollection<string> set) { for (int k = 0; k < l.Count && k < n; k++) if (set.Contains(words[l[k]].Text)) return true; return false; }
        bool AnyWord(List<int> l, int n, params string[] ws) { for (int k = 0; k < l.Count && k < n; k++) if (ws.Contains(words[l[k]].Text, StringComparer.OrdinalIgnoreCase)) return true; return false; }

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
                    quals.Add(("of:" + CoverageText.Stem(W(right, 0)), W(right, 0)));
                else return null; // an age of someone unnamed cannot be compared
                break;
            }
            case Dimension.Floors: measure = MeasureLexicon.Floors; break;
            case Dimension.Length:
            {
                // A cue right after the figure ("35 km deep", "3 m high"), then a place it is measured from ("18 km south of
                // Hualien"), then cues before it in its clause ("at a depth of 15.5 km"), then across a comma.
                foreach (int k in right.Take(2))
                    if (measure == null && MeasureLexicon.LengthCues.TryGetValue(words[k].Text, out var rm) && rm != MeasureLexicon.Offshore) measure = rm;
                bool from = right.Take(3).Any(k => words[k].Text is "from" or "away" or "of" or "off") || right.Take(2).Any(k => MeasureLexicon.IsDirection(words[k].Text));
                // "161 km off the coast of …", "130 km offshore": how far out to sea.
                if (measure == null && (AnyWord(right, 1, "offshore") || (from && AnyWord(right, 4, "coast", "coastline", "shore")))) measure = MeasureLexicon.Offshore;
                if (measure == null && from)
                {
                    foreach (var pl in s.Places)
                        if (pl.From >= p1 && pl.From - p1 <= 6) { reference = pl.Group; referenceName = pl.Name; break; }
                    if (reference >= 0) measure = MeasureLexicon.Distance;
                    else if (AnyWord(right, 4, "coast", "coastline", "shore") || AnyWord(right, 1, "offshore")) measure = MeasureLexicon.Offshore;
                }
                if (measure == null && AnyWord(right, 1, "offshore")) measure = MeasureLexicon.Offshore;
                int sameClause = 0;
                while (sameClause < left.Count && !s.Boundary[left[sameClause] + 1]) sameClause++;
                foreach (var l in new[] { left.Take(Math.Min(sameClause + 1, 6)).ToList(), right.Skip(2).Take(3).ToList(), left.Take(6).ToList() })
                    foreach (int k in l)
                        if (measure == null && MeasureLexicon.LengthCues.TryGetValue(words[k].Text, out var lm) && lm != MeasureLexicon.Offshore) measure = lm;
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
                    else if (noun.StartsWith("vote", StringComparison.OrdinalIgnoreCase) || noun.Equals("ballots", StringComparison.OrdinalIgnoreCase)) measure = MeasureLexicon.VoteShare;
                }
                if (measure == null && (AnyIn(left, 8, MeasureLexicon.ShareNouns) || AnyIn(right, 3, MeasureLexicon.ShareNouns))
                    && (AnyIn(left, 5, MeasureLexicon.PriceMoves) || AnyIn(right, 2, MeasureLexicon.PriceMoves)))
                    measure = MeasureLexicon.SharePrice;
                if (measure == null && (AnyWord(left, 4, "turnout") || AnyWord(right, 3, "turnout"))) measure = MeasureLexicon.Turnout;
                if (measure == null && (AnyWord(right, 3, "workforce", "headcount", "employees", "staff") || AnyWord(right, 1, "jobs", "positions", "roles"))
                    && (AnyIn(left, 6, MeasureLexicon.CutWords) || AnyIn(right, 4, MeasureLexicon.CutWords)))
                    measure = MeasureLexicon.WorkforceShare;
                break;
            }
            case Dimension.Money:
            {
                if (AnyIn(left, 6, MeasureLexicon.AnalystWords) || AnyIn(right, 4, MeasureLexicon.AnalystWords)) { measure = MeasureLexicon.AnalystEstimate; break; }
                foreach (var l in new[] { right.Take(3).ToList(), left.Take(8).ToList() })
                    foreach (int k in l)
                        if (measure == null && MeasureLexicon.MoneyNouns.Contains(words[k].Text))
                        {
                            string stem = CoverageText.Stem(words[k].Text);
                            measure = new ClaimMeasure("money:" + stem, words[k].Text.ToLowerInvariant(), false, Dimension.Money) { Placed = false, Owned = true };
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
            for (int k = 0; k < right.Count && k < 3 && head == null; k++)
            {
                string w = W(right, k);
                if (Joiners.Contains(w)) break;
                if (w.Length > 2 && char.IsLower(w[0]) && (w.EndsWith('s') || unit == w.ToLowerInvariant()) && !w.EndsWith("ss", StringComparison.Ordinal)) head = w;
            }
            if (head == null && unit != null && unit != "people") head = unit;
            if (head == null) return null; // a bare figure: nothing says what it measures
            // "6 takeaways from the election", "5 things to know": a headline's list, not a fact.
            if (head is "takeaways" or "things" or "ways" or "reasons" or "questions" or "lessons" or "facts" or "moments" or "photos" or "pictures" or "charts" or "tips") return null;
            if (dim == Dimension.Money && right.Count == 0 && left.All(k => CoverageText.Content(words[k].Text) == null || char.IsUpper(words[k].Text[0]))) return null;
            var rightWords = right.TakeWhile(k => !Joiners.Contains(words[k].Text) && !char.IsDigit(words[k].Text[0])).ToList();
            // The counted words when they say enough ("buildings have collapsed"), else the figure's clause in the article's words.
            string phrase = dim is Dimension.Count ? Phrase(s, rightWords, 6) : "";
            // "nearly 100 tonnes of fuel onboard": the unit written in the figure starts what it counts.
            string lastWord = words[p1 - 1].Text;
            if (unit != null && unit != "people" && phrase.Length > 0 && !char.IsDigit(lastWord[0]) && CoverageText.Content(lastWord) != null)
                phrase = Phrase(s, rightWords.Prepend(p1 - 1).ToList(), 7);
            if (phrase.Split(' ').Length < 3) phrase = ClausePhrase(s, p0, p1);
            if (phrase.Length == 0) phrase = head;
            measure = new ClaimMeasure("n:" + dim + ":" + CoverageText.Stem(head), phrase, false, dim) { Generic = true, Owned = true };
            measureText = phrase;
        }

        var c = new Claim { Measure = measure, Dimension = dim, Text = m.Text.Trim(), Reference = reference, ReferenceName = referenceName };
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
        c.Vague = VagueWords.Any(v => lower.Contains(v, StringComparison.Ordinal));
        c.AtLeast = AtLeastWords.Any(v => lower.StartsWith(v, StringComparison.Ordinal)) || (p1 < words.Count + 1 && FollowedBy(s, m.Text, '+'))
                    || (right.Count >= 2 && W(right, 0) is "or" && W(right, 1) is "more" or "higher" or "above");
        c.AtMost = AtMostWords.Any(v => lower.StartsWith(v, StringComparison.Ordinal)) || AnyWordBefore(s, p0, "up", "to") || AsStrongAs(s, p0)
                   || (right.Count >= 2 && W(right, 0) is "or" && W(right, 1) is "less" or "lower" or "fewer" or "below");
        c.Nearly = lower.StartsWith("nearly", StringComparison.Ordinal) || lower.StartsWith("almost", StringComparison.Ordinal);
        c.Approximate = m.Approximate || c.Vague || lower.StartsWith("some ", StringComparison.Ordinal) || lower.StartsWith("roughly", StringComparison.Ordinal);

        c.Included = p0 > 0 && words[p0 - 1].Text is "including" or "among";
        var countedWords = right.TakeWhile(k => !Joiners.Contains(words[k].Text) && !char.IsDigit(words[k].Text[0])).Take(4).ToList();
        int countedEnd = countedWords.FindIndex(k => words[k].Text.EndsWith('s') && char.IsLower(words[k].Text[0]));
        if (countedEnd >= 0) c.Counted = string.Join(' ', countedWords.Take(countedEnd + 1).Select(k => words[k].Text));
        // A small round figure stated flatly ("a 30-storey building", "70 km") is exact, not rounded to tens.
        if (!c.Approximate && Math.Abs(number) < 100 && number == Math.Floor(number) && c.Step > scale) c.Step = scale;
        AddSubject(c, s, p0, p1, left, ctx, quals);
        // "The death toll has risen to 20", "so far": a count reported as one of a series (a revenue that "rose to" is not).
        c.EvolvingCue = dim == Dimension.Count && (AnyIn(left, 6, MeasureLexicon.EvolvingWords) || SoFar(s, p0, p1));
        c.Context = ClauseContext(s, p0, p1);
        c.ContextSet = new HashSet<string>(c.Context, StringComparer.Ordinal);
        return c;
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
        if (W(left, 0) is "to" or "at" && W(left, 1) is "rose" or "risen" or "climbed" or "reached" or "stood" or "stands" or "jumped" or "soared" or "surged" or "increased" or "grew" or "rises" or "climbs")
            for (int k = 2; k < left.Count && k < 14; k++)
            {
                if (s.Boundary[left[k] + 1]) break;
                if (MeasureLexicon.NounsBefore.TryGetValue(W(left, k), out var far) && far != MeasureLexicon.Workforce) return far;
            }
        for (int k = 0; k < left.Count && k < 6; k++)
        {
            if (s.Boundary[left[k] + 1]) break; // "its workforce, some 17,500 people" is not the workforce's size
            string w = W(left, k);
            if (MeasureLexicon.NounsBefore.TryGetValue(w, out var nb))
            {
                // "reducing headcount by 15,000": a cut, not the size.
                if (nb == MeasureLexicon.Workforce && W(left, 0).Equals("by", StringComparison.OrdinalIgnoreCase) && left.Skip(k + 1).Take(2).Any(j => MeasureLexicon.CutWords.Contains(words[j].Text)))
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
        // "Four killed", "730 injured", "Four dead".
        if (MeasureLexicon.Predicates.TryGetValue(W(right, 0), out var direct) && !W(right, 0).Equals("lives", StringComparison.OrdinalIgnoreCase)) return direct;
        // The counted noun within three words after the figure ("1,670 individuals", "15,000 job cuts", "about 20 trapped people").
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
        // Predicates up to a joining word or the next figure: "144 people have been confirmed dead and 730 injured".
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
        if (verb == null && left.Take(10).Any(k => words[k].Text == "and"))
            for (int k = 0; k < left.Count && k < 12; k++)
            {
                string w = W(left, k);
                if (MeasureLexicon.VerbsBefore.TryGetValue(w, out var cv)) { verb = cv; break; }
                if (!(IsNumberWord(w) || CoordinatedWords.Contains(w) || MeasureLexicon.GenericPeople.Contains(w) || MeasureLexicon.CountedNouns.ContainsKey(w))) break;
            }
        bool cutNear = left.Take(10).Any(k => MeasureLexicon.CutWords.Contains(words[k].Text)) || right.Take(4).Any(k => MeasureLexicon.CutWords.Contains(words[k].Text));
        bool specific = head != null && !MeasureLexicon.GenericPeople.Contains(head) && !MeasureLexicon.JobNouns.Contains(head) && !MeasureLexicon.CountedNouns.ContainsKey(head);
        if (head != null && MeasureLexicon.JobNouns.Contains(head) && cutNear && predicate == null) return MeasureLexicon.JobsCut;
        if (head == null && cutNear && predicate == null && left.Take(8).Any(k => words[k].Text is "jobs" or "job" or "positions" or "roles" or "layoffs")) return MeasureLexicon.JobsCut;
        // "10 cabin crew members", "four medical students": words between the figure and its noun narrow the subject.
        if (head != null && headAt > 0)
        {
            var mods = Enumerable.Range(0, headAt).Select(k => W(right, k)).Where(w => char.IsLower(w[0]) && CoverageText.Content(w) != null
                && !MeasureLexicon.Predicates.ContainsKey(w) && w is not ("more" or "other" or "others" or "additional" or "new" or "confirmed" or "reported" or "total" or "including")).ToList();
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
        if (head != null && MeasureLexicon.WorkforceNouns.Contains(head) && !cutNear && predicate == null
            && left.Take(2).Any(k => words[k].Text is "had" or "has" or "have" or "employs" or "employed" or "employing" or "of"))
            return MeasureLexicon.Workforce;
        bool peopleLike = head == null || MeasureLexicon.GenericPeople.Contains(head) || m.Unit == "people" || MeasureLexicon.JobNouns.Contains(head)
                          || head.EndsWith("ers", StringComparison.Ordinal) || head.EndsWith("ists", StringComparison.Ordinal) || head.EndsWith("ians", StringComparison.Ordinal)
                          || head is "children" or "students" or "men" or "women" or "soldiers" or "tourists" or "nationals" or "victims" or "pilgrims" or "migrants"
                          or "refugees" or "defectors" or "evacuees" or "asylum" or "seekers" or "detainees" or "prisoners" or "hostages" or "civilians" or "troops";
        if (peopleLike)
        {
            // What happened to them: a verb just before ("killing 2,500 people"), a predicate after ("144 people confirmed dead").
            var found = verb != null && left.Take(2).Any(k => MeasureLexicon.VerbsBefore.ContainsKey(words[k].Text)) ? verb : predicate ?? verb;
            if (found != null)
            {
                // "five medical students killed" is not the death toll: for casualties, who they were narrows the subject.
                if (specific && found.Evolving && found != MeasureLexicon.Arrivals)
                {
                    var who = Enumerable.Range(0, headAt + 1).Select(k => W(right, k)).Where(w => char.IsLower(w[0]) && CoverageText.Content(w) != null && !MeasureLexicon.Predicates.ContainsKey(w)).ToList();
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
            if (pl.From >= 2 && words[pl.From - 1].Text is "of" or "from" && Enumerable.Range(Math.Max(0, pl.From - 4), pl.From - Math.Max(0, pl.From - 4))
                    .Any(k => MeasureLexicon.IsDirection(words[k].Text) || words[k].Text is "km" or "miles" or "kilometres" or "kilometers")) continue;
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
            foreach (var ow in s.Owners)
            {
                if (ow.From < cf || ow.To - 1 > cl) continue;
                int d = ow.To <= p0 ? p0 - ow.To : ow.From >= p1 ? 100 + ow.From - p1 : int.MaxValue;
                if (d > 106 || (d < 100 && d > 6) || d >= bestDist) continue;
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
            if (MeasureLexicon.LesserEvents.Contains(words[k].Text)) { lesser = true; break; }
        }
        for (int k = p1; k < words.Count && k < p1 + 3 && !lesser && c.Measure.OfEvent; k++)
        {
            if (s.Boundary[k]) break;
            if (MeasureLexicon.LesserEvents.Contains(words[k].Text)) lesser = true;
        }
        if (lesser) quals.Add(("aftershock", "aftershock"));
        // An earlier event: a year before the story's, in a sentence about an event ("the 1999 quake killed 2,400").
        if (ctx.StoryYear > 0 && s.Years.Count > 0 && c.Dimension != Dimension.Date
            && words.Any(w => MeasureLexicon.EventNouns.Contains(CoverageText.Stem(w.Text)) || MeasureLexicon.HappenedVerbs.Contains(w.Text) || w.Text is "killed" or "killing" or "claimed"))
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
            for (int k = 0; k < left.Count && k < 8; k++)
                if (MeasureLexicon.ForecastWords.Contains(words[left[k]].Text)) { quals.Add(("forecast", "forecast")); break; }
        // "rose to $43.1 million from $30.2 million a year earlier": the figure after "from" is the earlier value.
        if (c.Dimension != Dimension.Date && p0 >= 2 && (words[p0 - 1].Text is "from" || (words[p0 - 1].Text is "with" && words[p0 - 2].Text is "compared")))
            for (int k = p0 - 2; k >= Math.Max(0, p0 - 10); k--)
                if (char.IsDigit(words[k].Text[0]) || words[k].Text is "million" or "billion" or "percent") { quals.Add(("earlier", "earlier figure")); break; }
        // A generic distance ("located ten miles from the epicenter") is about the place named before it.
        if (c.Measure.Generic && c.Dimension == Dimension.Length && c.Places.Count == 0)
            foreach (var pl in s.Places.Where(pl => pl.To <= p0).OrderByDescending(pl => pl.To).Take(1))
                if (c.Places.Add(pl.Group)) { c.PlaceNames.Add(pl.Name); c.PlaceKeys.Add(pl.Name.ToLowerInvariant()); }
        // On the ground (not on board), and periods: "this year", "second quarter".
        string clause = s.Text[words[cf].Start..words[cl].End];
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
            foreach (var (key, text) in Periods(s.Text[words[w0].Start..words[w1].End])) quals.Add((key, text));
        }
        foreach (var (key, text) in quals)
            if (c.Qualifiers.Add(key)) c.QualifierParts.Add((key, text));
    }

    private static readonly string[] Ordinals = { "first", "second", "third", "fourth" };

    /// <summary>Periods named in a clause: "this year", "last year", "next year", "second quarter" / "Q2", "the current quarter".</summary>
    private static IEnumerable<(string, string)> Periods(string clause)
    {
        string low = clause.ToLowerInvariant();
        foreach (var p in new[] { "this year", "last year", "next year" })
            if (low.Contains(p, StringComparison.Ordinal)) yield return ("period:" + p, p);
        for (int q = 0; q < 4; q++)
            if (low.Contains(Ordinals[q] + " quarter", StringComparison.Ordinal) || low.Contains(Ordinals[q] + "-quarter", StringComparison.Ordinal) || low.Contains("q" + (q + 1) + " ", StringComparison.Ordinal))
                yield return ("period:q" + (q + 1), Ordinals[q] + " quarter");
        string[] months = { "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december" };
        for (int q = 0; q < 4; q++)
            if (low.Contains(months[3 * q] + "-" + months[3 * q + 2], StringComparison.Ordinal) || low.Contains(months[3 * q][..3] + "-" + months[3 * q + 2][..3], StringComparison.Ordinal))
                yield return ("period:q" + (q + 1), Ordinals[q] + " quarter");
        if (low.Contains("current quarter", StringComparison.Ordinal) || low.Contains("next quarter", StringComparison.Ordinal) || low.Contains("coming quarter", StringComparison.Ordinal))
            yield return ("period:next-quarter", "the coming quarter");
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

    // ------------------------------------------------------------------ times of day

    /// <summary>
    /// Clock times in a text: "1:39 pm", "9:03 a.m.", "8 a.m.", "11 pm", "07:58 local time", "23:58 GMT". Each is the time
    /// of the story's event (a verb of its happening or its noun before it), of a take-off, or else a time of its own words.
    /// </summary>
    private static IEnumerable<Claim> ReadTimes(string text, string field, ClaimableText shape, ClaimContext ctx)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (!char.IsDigit(text[i]) || (i > 0 && (char.IsLetterOrDigit(text[i - 1]) || text[i - 1] is '.' or ',' or ':' or '$'))) continue;
            int j = i;
            while (j < text.Length && char.IsDigit(text[j])) j++;
            if (j - i > 2) { i = j; continue; }
            int hour = int.Parse(text.AsSpan(i, j - i), CultureInfo.InvariantCulture), minute = 0;
            bool minutes = false;
            int k = j;
            if (k + 2 < text.Length && text[k] is ':' or '.' && char.IsDigit(text[k + 1]) && char.IsDigit(text[k + 2]) && (k + 3 >= text.Length || !char.IsDigit(text[k + 3])))
            {
                minute = int.Parse(text.AsSpan(k + 1, 2), CultureInfo.InvariantCulture);
                minutes = true;
                k += 3;
            }
            // am / pm, with or without dots or a space.
            int m = k;
            while (m < text.Length && text[m] == ' ' && m - k < 2) m++;
            int ampm = 0, end = k;
            if (m + 1 < text.Length && text[m] is 'a' or 'A' or 'p' or 'P')
            {
                int n = m + 1;
                if (n < text.Length && text[n] == '.') n++;
                if (n < text.Length && text[n] is 'm' or 'M' && (n + 1 >= text.Length || !char.IsLetter(text[n + 1])))
                {
                    ampm = text[m] is 'a' or 'A' ? 1 : 2;
                    end = n + 1;
                    if (end < text.Length && text[end] == '.') end++;
                }
            }
            if (hour > 23 || minute > 59 || (ampm > 0 && (hour == 0 || hour > 12)) || (ampm == 0 && !minutes)) { i = j; continue; }
            if (ampm == 0)
            {
                // A bare 24-hour time must say so: "07:58 local time", "23:58 GMT", "at 13:39".
                string after = text.Substring(k, Math.Min(16, text.Length - k)).TrimStart();
                string before = text.Substring(Math.Max(0, i - 4), i - Math.Max(0, i - 4));
                if (!(after.StartsWith("local", StringComparison.OrdinalIgnoreCase) || after.StartsWith("GMT", StringComparison.Ordinal) || after.StartsWith("UTC", StringComparison.Ordinal)
                      || after.StartsWith("hrs", StringComparison.OrdinalIgnoreCase) || after.StartsWith("IST", StringComparison.Ordinal) || before.EndsWith("at ", StringComparison.Ordinal)))
                { i = k; continue; }
                end = k;
            }
            if (ampm == 2 && hour < 12) hour += 12;
            if (ampm == 1 && hour == 12) hour = 0;
            // The sentence around it.
            int s0 = i, s1 = end;
            while (s0 > 0 && text[s0 - 1] != '\n' && !(s0 >= 2 && text[s0 - 2] is '.' or '!' or '?' && text[s0 - 1] == ' ' && char.IsUpper(text[s0]))) s0--;
            while (s1 < text.Length && text[s1] != '\n' && !(text[s1] is '.' or '!' or '?' && (s1 + 1 >= text.Length || text[s1 + 1] is ' ' or '\n'))) s1++;
            string sentence = text[s0..Math.Min(text.Length, s1 + 1)].Trim();
            string written = text[i..end].Trim();
            i = end - 1;
            if (!shape.Claimable(field, s0, sentence)) continue;
            string zone = "local";
            string rest = text.Substring(end, Math.Min(12, text.Length - end)).TrimStart();
            if (rest.StartsWith("GMT", StringComparison.Ordinal) || rest.StartsWith("UTC", StringComparison.Ordinal)) zone = "UTC";
            var sw = Analyse(sentence);
            var (p0, p1) = Locate(sw, written);
            if (p0 < 0) continue;
            var left = Left(sw, p0, 10);
            string lowBefore = sentence[..Math.Min(sentence.Length, Math.Max(0, sentence.IndexOf(written, StringComparison.Ordinal)))].ToLowerInvariant();
            ClaimMeasure measure;
            if (left.Take(8).Any(x => MeasureLexicon.TakeOffWords.Contains(sw.Words[x].Text) && (sw.Words[x].Text != "off" || (x > 0 && sw.Words[x - 1].Text is "took" or "take" or "taking"))))
                measure = new ClaimMeasure("time:takeoff", "time of take-off", false, Dimension.Time) { Placed = false };
            else if (left.Take(8).Any(x => MeasureLexicon.HappenedVerbs.Contains(sw.Words[x].Text) || MeasureLexicon.SameEvent(CoverageText.Stem(sw.Words[x].Text), ctx.EventNoun)
                                                || sw.Words[x].Text is "occurred" or "happened" or "struck"))
                measure = new ClaimMeasure("time:event", "time of the " + ctx.EventNoun, false, Dimension.Time) { Placed = false, OfEvent = true };
            else continue; // a time of something else: the schedule of a briefing, a flight's arrival, a page's stamp
            var c = new Claim
            {
                Measure = measure, MeasureText = measure.Display, Dimension = Dimension.Time, Unit = zone, Text = written, Sentence = sentence, Field = field,
                Low = hour * 60 + minute, High = hour * 60 + minute, Step = minutes ? 1 : 60,
                DateValue = hour.ToString("00", CultureInfo.InvariantCulture) + ":" + minute.ToString("00", CultureInfo.InvariantCulture),
            };
            string lead = lowBefore.TrimEnd();
            c.Approximate = lead.EndsWith("about", StringComparison.Ordinal) || lead.EndsWith("around", StringComparison.Ordinal) || lead.EndsWith("approximately", StringComparison.Ordinal)
                            || lead.EndsWith("roughly", StringComparison.Ordinal) || lead.EndsWith("nearly", StringComparison.Ordinal);
            c.AtLeast = lead.EndsWith("just after", StringComparison.Ordinal) || lead.EndsWith("shortly after", StringComparison.Ordinal) || lead.EndsWith("soon after", StringComparison.Ordinal);
            c.AtMost = lead.EndsWith("just before", StringComparison.Ordinal) || lead.EndsWith("shortly before", StringComparison.Ordinal);
            if (c.AtLeast || c.AtMost || c.Approximate) c.Text = (c.AtLeast ? "just after " : c.AtMost ? "just before " : "about ") + c.Text;
            var quals = new List<(string, string)>();
            AddSubject(c, sw, p0, p1, left, ctx, quals);
            c.Context = ClauseContext(sw, p0, p1);
            c.ContextSet = new HashSet<string>(c.Context, StringComparer.Ordinal);
            yield return c;
        }
    }

    /// <summary>Two times of day agree within half the coarser one's precision ("8 a.m." and "7:58"), five minutes when approximate, or inside "just after".</summary>
    public static bool TimesAgree(Claim a, Claim b)
    {
        static (double, double) Span(Claim c) => c.AtLeast ? (c.Low, c.Low + 30) : c.AtMost ? (c.Low - 30, c.Low) : (c.Low, c.High);
        var (al, ah) = Span(a);
        var (bl, bh) = Span(b);
        double gap = Math.Max(0, Math.Max(al - bh, bl - ah));
        gap = Math.Min(gap, 1440 - gap);
        double tol = Math.Max(Math.Max(a.Step, b.Step) / 2, a.Approximate || b.Approximate ? 5 : 0);
        return gap < tol || gap == 0;
    }

    // ------------------------------------------------------------------ dates

    private static readonly string[] RelativeWords = { "yesterday", "today", "tonight", "tomorrow", "last", "this", "next", "past", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "ago", "earlier", "later" };
    /// <summary>A record's superlative, one word for its synonyms ("most powerful", "biggest" → "strongest").</summary>
    private static string? Superlative(string w) => w.ToLowerInvariant() switch
    {
        "strongest" or "powerful" or "biggest" or "largest" or "severest" or "heaviest" => "strongest",
        "deadliest" => "deadliest",
        "worst" => "worst",
        "highest" => "highest",
        "lowest" => "lowest",
        _ => null,
    };

    private static Claim? ReadDate(NewsEntityMention m, SentenceWords s, int p0, int p1, ClaimContext ctx)
    {
        string? relative = RelativeForm(m.Text);
        if (string.IsNullOrEmpty(m.Value) && relative == null) return null;
        var words = s.Words;
        var left = Left(s, p0, 8);
        var right = Right(s, p1, 6);
        var quals = new List<(string, string)>();
        ClaimMeasure? measure = null;
        string? text = null;
        int year = m.Value is { Length: >= 4 } v && int.TryParse(v.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out int y) ? y : 0;

        // "the strongest earthquake in the region since 1952": a record, dated by its "since".
        int since = -1;
        for (int k = p0 - 1; k >= 0 && k >= p0 - 3; k--) if (words[k].Text.Equals("since", StringComparison.OrdinalIgnoreCase)) { since = k; break; }
        string? sup = since > 0 ? words.Take(since).Select(w => Superlative(w.Text)).LastOrDefault(x => x != null) : null;
        if (sup != null)
        {
            measure = new ClaimMeasure("record-since:" + sup, "the " + sup + " since", false, Dimension.Date) { Placed = false };
            text = measure.Display;
        }
        else if (m.Granularity == DateGranularity.Day || (relative != null && (m.Value == null || m.Granularity is null or DateGranularity.Day) && IsDayWord(relative)))
        {
            // The day of the story's event: a word of its family next to the date ("the Friday tremor", "the election on
            // Monday"), or a verb saying an event happened ("struck on Friday") with no other kind of event named there.
            bool family = false, strongVerb = false, otherEvent = false;
            // The event's noun right by the date ("Sunday's crash", "the Friday tremor", "the election on Thursday"), or a
            // verb of its happening shortly before it ("crashed at Vellmouth on Sunday").
            bool possessive = words[p1 - 1].Text.EndsWith("'s", StringComparison.Ordinal) || words[p1 - 1].Text.EndsWith("’s", StringComparison.Ordinal);
            var near = left.Take(3).Concat(right.Take(possessive ? 4 : 2)).ToList();
            foreach (int k in near)
            {
                string w = words[k].Text, st = CoverageText.Stem(w);
                if (MeasureLexicon.SameEvent(st, ctx.EventNoun) || MeasureLexicon.SameEvent(w.ToLowerInvariant(), ctx.EventNoun)) family = true;
                else if (MeasureLexicon.EventNouns.Contains(st) || MeasureLexicon.EventNouns.Contains(w)) otherEvent = true;
            }
            foreach (int k in left.Take(8))
                if (MeasureLexicon.HappenedVerbs.Contains(words[k].Text)) strongVerb = true;
            bool story = year == 0 || ctx.StoryYear == 0 || Math.Abs(year - ctx.StoryYear) <= 1;
            if (story && (family || (strongVerb && !otherEvent)))
                measure = new ClaimMeasure("event-date", "date of the " + ctx.EventNoun, false, Dimension.Date) { Placed = false, OfEvent = true };
        }
        var c = new Claim { Dimension = Dimension.Date, Text = m.Text.Trim(), DateValue = string.IsNullOrEmpty(m.Value) ? null : m.Value, Granularity = m.Granularity, Relative = relative };
        c.HasInterval = FactClusters.TryInterval(m.Value, out c.From, out c.To);
        if (measure == null)
        {
            // The date's clause in the article's words, without the date: "a 7.2-magnitude temblor struck the country's Nantou county".
            string what = ClausePhrase(s, p0, p1);
            if (what.Length == 0) return null;
            measure = new ClaimMeasure("d:", what, false, Dimension.Date) { Generic = true, Placed = false };
            text = what;
        }
        c.Measure = measure;
        c.MeasureText = text ?? measure.Display;
        AddSubject(c, s, p0, p1, left, ctx, quals);
        c.Context = ClauseContext(s, p0, p1);
        c.ContextSet = new HashSet<string>(c.Context, StringComparer.Ordinal);
        return c;
    }

    private static bool IsDayWord(string relative) =>
        relative.Split(' ').Any(w => w is "yesterday" or "today" or "tonight" or "tomorrow" or "monday" or "tuesday" or "wednesday" or "thursday" or "friday" or "saturday" or "sunday");

    /// <summary>The wording of a relative date ("on Sunday" → "sunday", "August last year" → "august last year"), or null for an absolute one.</summary>
    internal static string? RelativeForm(string text)
    {
        var words = CoverageText.Words(text).Select(w => w.Text.ToLowerInvariant()).Where(w => w is not ("on" or "the" or "in")).ToList();
        if (!words.Any(w => RelativeWords.Contains(w))) return null;
        if (words.Any(w => w.Length == 4 && w.All(char.IsDigit))) return null; // "Sunday, October 19, 2025" is absolute
        return string.Join(' ', words);
    }

    // ------------------------------------------------------------------ words around a figure

    /// <summary>Word indexes left of p0, nearest first, up to <paramref name="max"/>; crosses one comma, never a semicolon or colon.</summary>
    private static List<int> Left(SentenceWords s, int p0, int max)
    {
        var list = new List<int>();
        int commas = 0;
        for (int k = p0 - 1; k >= 0 && list.Count < max; k--)
        {
            if (s.Strong[k + 1]) break;
            if (s.Boundary[k + 1] && ++commas > 1) break;
            list.Add(k);
        }
        return list;
    }

    /// <summary>Word indexes right of p1 up to the clause's end, up to <paramref name="max"/>.</summary>
    private static List<int> Right(SentenceWords s, int p1, int max)
    {
        var list = new List<int>();
        for (int k = p1; k < s.Words.Count && list.Count < max; k++)
        {
            // A bracket closing the figure's own conversion ("18 kilometres (11 miles) south of …") does not end the clause.
            if (s.Boundary[k] && !(k == p1 && k > 0 && s.Text.AsSpan(s.Words[k - 1].End, s.Words[k].Start - s.Words[k - 1].End).Trim() is ")")) break;
            list.Add(k);
        }
        return list;
    }

    /// <summary>The clause around [p0, p1): word indexes between boundaries.</summary>
    private static (int, int) Clause(SentenceWords s, int p0, int p1)
    {
        int first = p0, last = Math.Max(p0, p1 - 1);
        while (first > 0 && !s.Boundary[first]) first--;
        while (last + 1 < s.Words.Count && !s.Boundary[last + 1]) last++;
        return (first, last);
    }

    private static List<string> ClauseContext(SentenceWords s, int p0, int p1)
    {
        var (first, last) = Clause(s, p0, p1);
        // A clause that is the figure alone ("Last year, …") takes the next one.
        if (first >= p0 - 1 && last <= p1) last = Math.Min(s.Words.Count - 1, p1 + 7);
        first = Math.Max(first, p0 - 8);
        last = Math.Min(last, p1 + 7);
        var list = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int k = first; k <= last; k++)
        {
            if (k >= p0 && k < p1) continue;
            if (CoverageText.Content(s.Words[k].Text) is string c && seen.Add(c)) list.Add(c);
        }
        return list;
    }

    /// <summary>
    /// The figure's clause in the article's words with the figure left out ("people in 133 municipalities were evacuated",
    /// "Revenue slid"): up to six words before it and seven after, stopping at the next figure; a clause that is the
    /// figure alone ("Last year, …") takes the next one.
    /// </summary>
    private static string ClausePhrase(SentenceWords s, int p0, int p1)
    {
        var (cf, cl) = Clause(s, p0, p1);
        int said = Enumerable.Range(cf, cl - cf + 1).Count(k => (k < p0 || k >= p1) && CoverageText.Content(s.Words[k].Text) != null);
        bool bare = said < 2;
        if (bare) cl = Math.Min(s.Words.Count - 1, p1 + 7); // "Back in 2022, …": the clause says nothing, the next one does
        int a = Math.Max(cf, p0 - 6), b = Math.Min(cl, p1 + 6);
        var before = Enumerable.Range(a, Math.Max(0, p0 - a)).ToList();
        int firstFigure = before.FindLastIndex(k => char.IsDigit(s.Words[k].Text[0]));
        if (firstFigure >= 0) before = before.Skip(firstFigure + 1).ToList();
        var after = Enumerable.Range(p1, Math.Max(0, b - p1 + 1)).TakeWhile(k => bare || !char.IsDigit(s.Words[k].Text[0])).ToList();
        string l = Phrase(s, before, 8), r = Phrase(s, after, 8);
        return l.Length > 0 && r.Length > 0 ? l + " … " + r : l + r;
    }

    /// <summary>The article's own words for the given word indexes (in order), trimmed of function words at the ends.</summary>
    private static string Phrase(SentenceWords s, List<int> idx, int max)
    {
        var ws = idx.Take(max).Select(k => s.Words[k].Text).ToList();
        while (ws.Count > 0 && CoverageText.Content(ws[^1]) == null) ws.RemoveAt(ws.Count - 1);
        while (ws.Count > 0 && CoverageText.Content(ws[0]) == null && !char.IsDigit(ws[0][0])) ws.RemoveAt(0);
        return string.Join(' ', ws);
    }

    private static bool FollowedBy(SentenceWords s, string text, char c)
    {
        int at = s.Text.IndexOf(text, StringComparison.Ordinal);
        int e = at + text.Length;
        return at >= 0 && e < s.Text.Length && s.Text[e] == c;
    }

    private static bool AnyWordBefore(SentenceWords s, int p0, string a, string b) =>
        p0 >= 2 && s.Words[p0 - 2].Text.Equals(a, StringComparison.OrdinalIgnoreCase) && s.Words[p0 - 1].Text.Equals(b, StringComparison.OrdinalIgnoreCase);

    /// <summary>"as strong as a magnitude 6.5", "as high as 3 metres": an upper bound.</summary>
    private static bool AsStrongAs(SentenceWords s, int p0)
    {
        for (int k = p0 - 1; k >= 1 && k >= p0 - 4; k--)
            if (s.Words[k].Text.Equals("as", StringComparison.OrdinalIgnoreCase) && s.Words[k - 1].Text is "strong" or "high" or "large" or "much" or "many" or "big")
                return k >= 2 && s.Words[k - 2].Text.Equals("as", StringComparison.OrdinalIgnoreCase);
        return false;
    }

    private static bool SoFar(SentenceWords s, int p0, int p1)
    {
        string t = s.Text;
        return t.Contains("so far", StringComparison.OrdinalIgnoreCase);
    }
}
