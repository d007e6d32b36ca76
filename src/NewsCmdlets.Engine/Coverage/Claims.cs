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
    /// <summary>The reference as compared: lower case, "centre" and "center" alike.</summary>
    public string? ReferenceKey => ReferenceName?.ToLowerInvariant().Replace("centre", "center", StringComparison.Ordinal);
    /// <summary>What else narrows the subject: "aftershock", "year:1999", "forecast", "people:students", "period:q2"; all must match.</summary>
    public SortedSet<string> Qualifiers = new(StringComparer.Ordinal);
    /// <summary>The qualifiers in the order found, each with the words a key shows for it.</summary>
    public List<(string Key, string Text)> QualifierParts = new();
    // Value
    public double Low, High;
    public double Step;
    /// <summary>For a length, the unit it was written in, as kilometres per unit (1 for km, 1.609344 for miles); 1 otherwise.</summary>
    public double WrittenScale = 1;
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
    // Set by every reader that makes a claim (the clause's words and their set): not made empty first only to be replaced.
    public List<string> Context = null!;
    public HashSet<string> ContextSet = null!;
    // Dates
    public string? DateValue;
    public DateGranularity? Granularity;
    public DateTime From, To;
    public bool HasInterval;
    public string? Relative;

    private string? _signature;

    /// <summary>Claims with one signature are stated alike (copies, repeats): they agree by construction.</summary>
    public string Signature => _signature ??= BuildSignature();

    [ThreadStatic] private static System.Text.StringBuilder? _builder;

    /// <summary>Every field that tells two statements apart, joined by \u0001 (places and owners in order), in one builder.</summary>
    private string BuildSignature()
    {
        var b = _builder ??= new System.Text.StringBuilder();
        b.Clear();
        const char sep = '\u0001';
        b.Append(Measure.Id).Append(sep).Append(Dimension.ToString()).Append(sep).Append(Unit).Append(sep);
        AppendSorted(b, Places);
        b.Append(sep);
        AppendSorted(b, Owners);
        b.Append(sep).Append(ReferenceKey).Append(sep);
        bool first = true;
        foreach (var q in Qualifiers) { if (!first) b.Append(','); b.Append(q); first = false; }
        b.Append(sep).Append(Low.ToString("R", CultureInfo.InvariantCulture)).Append(sep).Append(High.ToString("R", CultureInfo.InvariantCulture))
            .Append(sep).Append(Approximate ? "True" : "False").Append(sep).Append(AtLeast ? "True" : "False").Append(sep).Append(AtMost ? "True" : "False")
            .Append(sep).Append(Vague ? "True" : "False").Append(sep).Append(DateValue).Append(sep).Append(Relative).Append(sep);
        for (int i = 0; i < Context.Count; i++) { if (i > 0) b.Append(' '); b.Append(Context[i]); }
        return b.ToString();
    }

    private static void AppendSorted(System.Text.StringBuilder b, HashSet<int> set)
    {
        if (set.Count == 0) return;
        var sorted = new int[set.Count];
        set.CopyTo(sorted);
        Array.Sort(sorted);
        for (int i = 0; i < sorted.Length; i++) { if (i > 0) b.Append(','); b.Append(sorted[i].ToString(CultureInfo.InvariantCulture)); }
    }
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
internal static partial class ClaimReader
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
        private string? _lower;
        /// <summary>The sentence in lower case, made once (ToLowerInvariant keeps every character where it was).</summary>
        public string Lower => _lower ??= Text.ToLowerInvariant();
        private bool? _event;
        /// <summary>The sentence tells of an event: an event noun, a verb of happening, "killed", "claimed".</summary>
        public bool TellsOfEvent => _event ??= Words.Any(w => MeasureLexicon.EventNouns.Contains(CoverageText.Stem(w.Text)) || MeasureLexicon.HappenedVerbs.Contains(w.Text) || w.Text is "killed" or "killing" or "claimed");
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

    /// <summary>Only a dash (hyphen, en or em dash), perhaps spaced, between two positions of the text: "40–55", "40 – 55".</summary>
    private static bool DashBetween(string text, int from, int to)
    {
        if (to <= from || to - from > 3) return false;
        int dashes = 0;
        for (int i = from; i < to; i++)
        {
            if (text[i] is '-' or '\u2013' or '\u2014') dashes++;
            else if (text[i] != ' ') return false;
        }
        return dashes == 1;
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

    /// <summary>Claims of one article (<paramref name="body"/>: its body when the caller has decoded it already).</summary>
    public static List<Claim> Read(NewsArticle article, int outlet, ArticleEntities entities, ClaimContext ctx, ClaimableText shape, string? body = null)
    {
        var claims = new List<Claim>();
        var sentences = new Dictionary<int, SentenceWords>();
        // The mentions of each sentence, in article order, gathered once (not a scan of all mentions per sentence): their
        // indexes ordered by sentence, and where each sentence's start (a counting sort; ToLookup made a grouping and its
        // growing array for every sentence). Sentence numbers far apart (not the extractor's) fall back on the lookup.
        int[]? firstOf = null, bySentence = null;
        int lowest = 0;
        ILookup<int, NewsEntityMention>? sparse = null;
        void IndexSentences()
        {
            var all = entities.Mentions;
            int lo = int.MaxValue, hi = int.MinValue;
            for (int i = 0; i < all.Count; i++) { lo = Math.Min(lo, all[i].SentenceIndex); hi = Math.Max(hi, all[i].SentenceIndex); }
            if ((long)hi - lo > 4L * all.Count + 1024) { sparse = all.ToLookup(x => x.SentenceIndex); return; }
            lowest = lo;
            var first = new int[hi - lo + 2];
            for (int i = 0; i < all.Count; i++) first[all[i].SentenceIndex - lo + 1]++;
            for (int k = 1; k < first.Length; k++) first[k] += first[k - 1];
            var order = new int[all.Count];
            for (int i = 0; i < all.Count; i++) order[first[all[i].SentenceIndex - lo]++] = i; // each start moves to its end
            for (int k = first.Length - 1; k > 0; k--) first[k] = first[k - 1];
            first[0] = 0;
            firstOf = first;
            bySentence = order;
        }
        void Place(SentenceWords s, NewsEntityMention x)
        {
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
        SentenceWords? SentenceOf(NewsEntityMention m)
        {
            if (m.Sentence == null) return null;
            if (!sentences.TryGetValue(m.SentenceIndex, out var s))
            {
                sentences[m.SentenceIndex] = s = Analyse(m.Sentence);
                if (firstOf == null && sparse == null) IndexSentences();
                if (sparse != null)
                    foreach (var x in sparse[m.SentenceIndex]) Place(s, x);
                else
                {
                    int at = m.SentenceIndex - lowest;
                    for (int k = firstOf![at]; k < firstOf[at + 1]; k++) Place(s, entities.Mentions[bySentence![k]]);
                }
            }
            return s;
        }

        var mentions = entities.Mentions;
        var used = new HashSet<int>();
        var seen = new HashSet<Stated>(StatedComparer.Instance);
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
            if (!seen.Add(new Stated(m.Type.ToString(), m.Text, m.Sentence))) continue;
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
                // "40–55 kilometers": two figures joined by a dash the tokenizer does not split ("40-55" is one word).
                else if (mi + 1 < mentions.Count && p1 < s.Words.Count && mentions[mi + 1] is var nd && nd.SentenceIndex == m.SentenceIndex && nd.Type == m.Type
                         && nd.Number is double && char.IsDigit(s.Words[p1].Text[0]) && DashBetween(s.Text, s.Words[p1 - 1].End, s.Words[p1].Start)
                         && Locate(s, nd.Text, s.Words[p1 - 1].End) is (int d0, _) && d0 == p1)
                {
                    upper = nd;
                    used.Add(mi + 1);
                }
                int upperFrom = upper != null && s.Words[p1].Text is "to" or "and" ? s.Words[p1].End : s.Words[p1 - 1].End;
                c = ReadNumber(m, upper, s, p0, upper != null ? Locate(s, upper.Text, upperFrom).Item2 : p1, ctx);
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
        foreach (var (field, text) in new[] { ("Title", article.Title), ("Standfirst", article.Standfirst), ("Body", body ?? article.Body) })
            if (!string.IsNullOrEmpty(text))
                foreach (var t in ReadTimes(text, field, shape, ctx))
                {
                    t.Outlet = outlet;
                    t.Article = article;
                    if (seen.Add(new Stated("time", t.Text, t.Sentence))) claims.Add(t);
                }
        // Ages given as "Jane Roe, 45, said …": a person's name followed by a bare number between commas.
        foreach (var m in mentions)
        {
            if (m.Type != NewsEntityType.Person || m.Sentence == null || !shape.Claimable(m.Field, m.Offset, m.Sentence)) continue;
            if (ReadAge(m, ctx) is Claim age && seen.Add(new Stated("age", m.Name, m.Sentence)))
            {
                age.Outlet = outlet;
                age.Article = article;
                age.Field = m.Field;
                claims.Add(age);
            }
        }
        return claims;
    }

    /// <summary>
    /// A statement already read, as <see cref="Read"/> keys it: equal when <c>Kind + "|" + Text + "|" + Sentence</c> would
    /// be the same string, without making that string (a copy of the sentence for every figure, date, time and age).
    /// </summary>
    internal readonly struct Stated(string kind, string? text, string? sentence)
    {
        public readonly string Kind = kind, Text = text ?? "", Sentence = sentence ?? "";
        public int Length => Kind.Length + Text.Length + Sentence.Length + 2;

        /// <summary>Character <paramref name="i"/> of the joined string.</summary>
        public char At(int i)
        {
            if (i < Kind.Length) return Kind[i];
            i -= Kind.Length;
            if (i-- == 0) return '|';
            if (i < Text.Length) return Text[i];
            i -= Text.Length;
            return i-- == 0 ? '|' : Sentence[i];
        }
    }

    internal sealed class StatedComparer : IEqualityComparer<Stated>
    {
        public static readonly StatedComparer Instance = new();

        public bool Equals(Stated a, Stated b)
        {
            int n = a.Length;
            if (n != b.Length) return false;
            if (a.Kind.Length == b.Kind.Length && a.Text.Length == b.Text.Length)
                return string.Equals(a.Kind, b.Kind, StringComparison.Ordinal) && string.Equals(a.Text, b.Text, StringComparison.Ordinal)
                       && string.Equals(a.Sentence, b.Sentence, StringComparison.Ordinal);
            // Parts of other lengths can still join into one string ("a|b" and "c", "a" and "b|c").
            for (int i = 0; i < n; i++) if (a.At(i) != b.At(i)) return false;
            return true;
        }

        /// <summary>FNV-1a of the joined characters, part by part: keys that join alike hash alike.</summary>
        public int GetHashCode(Stated s)
        {
            uint h = 2166136261u;
            foreach (char c in s.Kind) h = (h ^ c) * 16777619u;
            h = (h ^ '|') * 16777619u;
            foreach (char c in s.Text) h = (h ^ c) * 16777619u;
            h = (h ^ '|') * 16777619u;
            foreach (char c in s.Sentence) h = (h ^ c) * 16777619u;
            return (int)h;
        }
    }
}
