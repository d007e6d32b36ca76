using System.Globalization;
using System.Text;
using NewsCmdlets.Engine.Text;

namespace NewsCmdlets.Engine.Entities;

/// <summary>
/// Finds quantities, sums of money and percentages in tokenised English text: the number ("about 34,000",
/// "tens of thousands", "248-kilometer"), the unit, and what is counted ("236 North Koreans arrived in the South").
/// Hand-written rules over tokens: linear, no regular expressions.
/// </summary>
public static class QuantityRecognizer
{
    private static readonly Dictionary<string, double> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8, ["nine"] = 9,
        ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14, ["fifteen"] = 15,
        ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19, ["twenty"] = 20, ["thirty"] = 30,
        ["forty"] = 40, ["fifty"] = 50, ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
        ["hundred"] = 100, ["thousand"] = 1000, ["dozen"] = 12, ["million"] = 1e6, ["billion"] = 1e9, ["trillion"] = 1e12,
    };

    private static readonly Dictionary<string, double> Scales = new(StringComparer.OrdinalIgnoreCase)
    {
        ["hundred"] = 100, ["thousand"] = 1e3, ["million"] = 1e6, ["billion"] = 1e9, ["trillion"] = 1e12,
        ["m"] = 1e6, ["bn"] = 1e9, ["k"] = 1e3,
    };

    private static readonly Dictionary<string, double> Vague = new(StringComparer.OrdinalIgnoreCase)
    {
        ["tens"] = 10, ["hundreds"] = 100, ["thousands"] = 1000, ["dozens"] = 12, ["millions"] = 1e6, ["billions"] = 1e9,
    };

    private static readonly HashSet<string> Approx = new(StringComparer.OrdinalIgnoreCase)
    { "about", "around", "approximately", "roughly", "nearly", "almost", "some", "over", "estimated", "up", "under", "least", "than", "more", "fewer", "less", "~" };

    private static readonly Dictionary<string, string> Units = new(StringComparer.OrdinalIgnoreCase)
    {
        ["kilometer"] = "kilometer", ["kilometre"] = "kilometer", ["km"] = "kilometer", ["mile"] = "mile", ["meter"] = "meter",
        ["metre"] = "meter", ["foot"] = "foot", ["feet"] = "foot", ["ft"] = "foot", ["inch"] = "inch", ["inches"] = "inch",
        ["kilogram"] = "kilogram", ["kg"] = "kilogram", ["gram"] = "gram", ["pound"] = "pound", ["lb"] = "pound",
        ["ton"] = "ton", ["tonne"] = "tonne", ["liter"] = "liter", ["litre"] = "liter", ["gallon"] = "gallon", ["barrel"] = "barrel",
        ["acre"] = "acre", ["hectare"] = "hectare", ["second"] = "second", ["minute"] = "minute", ["hour"] = "hour",
        ["day"] = "day", ["week"] = "week", ["month"] = "month", ["year"] = "year", ["decade"] = "decade", ["century"] = "century",
        ["degree"] = "degree", ["megawatt"] = "megawatt", ["gigawatt"] = "gigawatt", ["cm"] = "centimeter", ["mm"] = "millimeter",
        ["centimeter"] = "centimeter", ["millimeter"] = "millimeter", ["mph"] = "mph", ["knot"] = "knot",
    };

    private static readonly Dictionary<string, string> Currencies = new(StringComparer.OrdinalIgnoreCase)
    {
        ["$"] = "USD", ["US$"] = "USD", ["€"] = "EUR", ["£"] = "GBP", ["¥"] = "JPY", ["₩"] = "KRW", ["₹"] = "INR",
        ["dollar"] = "USD", ["dollars"] = "USD", ["euro"] = "EUR", ["euros"] = "EUR", ["pounds"] = "GBP", ["sterling"] = "GBP",
        ["yen"] = "JPY", ["won"] = "KRW", ["yuan"] = "CNY", ["rupees"] = "INR", ["francs"] = "CHF", ["roubles"] = "RUB", ["rubles"] = "RUB",
    };

    private static readonly HashSet<string> PeopleNouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "people", "persons", "person", "soldiers", "troops", "civilians", "defectors", "women", "men", "children", "residents",
        "workers", "refugees", "migrants", "students", "voters", "protesters", "officials", "members", "employees", "passengers",
        "patients", "victims", "citizens", "adults", "teenagers", "prisoners", "detainees", "journalists", "officers", "staff",
        "fans", "players", "candidates", "lawmakers", "doctors", "nurses", "teachers", "inhabitants", "survivors", "casualties",
        "nationals", "commuters", "islanders", "villagers", "pupils", "visitors", "tourists", "pilgrims", "inmates", "fighters",
        "militants", "rebels", "firefighters", "volunteers", "delegates", "athletes", "spectators", "sailors", "farmers",
        "miners", "crew", "crews", "immigrants", "evacuees", "homeowners", "tenants", "shoppers", "demonstrators", "strikers",
        "policemen", "policewomen", "guards", "seafarers", "fishermen", "settlers", "asylum", "individuals", "deaths", "dead",
    };

    private static readonly HashSet<ulong> Triggers = new(Words.Keys.Concat(Vague.Keys).Concat(Currencies.Keys).Select(w => Tagging.Hashing.Lower(w)));

    /// <summary>Canonical unit for a unit word ("kilometres" → "kilometer"), or null.</summary>
    public static string? UnitOf(ReadOnlySpan<char> t)
    {
        if (t.Length == 0 || t.Length > 12) return null;
        var s = t.ToString();
        if (Units.TryGetValue(s, out var u)) return u;
        if (s.Length > 3 && s.EndsWith('s') && Units.TryGetValue(s[..^1], out u)) return u;
        return null;
    }

    /// <summary>The unit of a figure written with its unit attached ("15.5km", "4m", "9.0Mw"), or null.</summary>
    private static string? GluedUnit(string suffix) => suffix switch
    {
        "m" => "meter",
        "Mw" => "magnitude",
        "MW" => "megawatt",
        _ => suffix.Length >= 2 ? UnitOf(suffix) : null,
    };

    /// <summary>Finds quantities among tokens [first, end) not already <paramref name="taken"/> (by dates).</summary>
    public static void Find(string text, IReadOnlyList<TextToken> tokens, int first, int end, bool[] taken, Gazetteer gaz, List<ValueMention> output)
    {
        string Tok(int i) => i >= first && i < end ? Tokenizer.Word(text, tokens, i) : "";
        for (int i = first; i < end; i++)
        {
            if (taken[i]) continue;
            var span = tokens[i].Span(text);
            if (span.Length == 0) continue;
            char c0 = span[0];
            if (!char.IsDigit(c0) && !Triggers.Contains(Tagging.Hashing.Lower(span))) continue;

            int start = i, j = i;
            string? currency = null;
            if (Currencies.TryGetValue(Tok(i), out var cur) && !char.IsLetter(c0))
            {
                // $5 million
                currency = cur;
                j++;
                if (j >= end || !char.IsDigit(tokens[j].Span(text)[0])) continue;
            }
            string tok = Tok(j);
            double number;
            bool approximate = false;
            string? unit = null;
            if (Vague.TryGetValue(tok, out double vague))
            {
                // tens of thousands (of …), hundreds of …
                if (!Tok(j + 1).Equals("of", StringComparison.OrdinalIgnoreCase)) continue;
                number = vague;
                approximate = true;
                j++;
                if (Vague.TryGetValue(Tok(j + 1), out double v2) && v2 > vague) { number = vague * v2; j += 2; }
                else if (Tok(j + 1).Length == 0) continue;
                else j++;
                j--; // j is the last token of the number
            }
            else if (char.IsDigit(tok[0]))
            {
                int dash = tok.IndexOf('-');
                string numPart = dash > 0 ? tok[..dash] : tok;
                // A unit or scale written onto the figure: 15.5km, 4m, 30cm, 9.0Mw, $1.6bn.
                int digits = 0;
                while (digits < numPart.Length && (char.IsDigit(numPart[digits]) || numPart[digits] is '.' or ',')) digits++;
                string glued = numPart[digits..];
                if (glued.Length > 0)
                {
                    if (!glued.All(char.IsLetter)) continue;
                    numPart = numPart[..digits];
                }
                if (!double.TryParse(numPart.Replace(",", ""), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number)) continue;
                if (glued.Length > 0)
                {
                    if (dash > 0) continue;
                    if ((currency != null || glued is "k" or "bn") && Scales.TryGetValue(glued, out double gs)) number *= gs;
                    else if (GluedUnit(glued) is string gu) unit = gu;
                    else continue; // 6am, 15th, 1990s: not a quantity
                }
                else if (dash > 0)
                {
                    // 248-kilometer, 20-hour: the unit is in the token; 6-2 is a score, not a quantity. 119-136 km is a
                    // range of one unit (the number is its lower end; the text keeps both).
                    string after = tok[(dash + 1)..];
                    unit = UnitOf(after) ?? (after.Length > 0 && char.IsLetter(after[0]) ? after.ToLowerInvariant() : null);
                    if (unit == null)
                    {
                        if (after.Length == 0 || !after.All(ch => char.IsDigit(ch) || ch is '.' or ',') || UnitOf(Tok(j + 1)) == null) continue;
                    }
                }
            }
            else if (Words.TryGetValue(tok, out number))
            {
                if (Scales.ContainsKey(tok) && !(j > first && Tok(j - 1).Equals("a", StringComparison.OrdinalIgnoreCase))) continue;
                if (j > first && Tok(j - 1).Equals("a", StringComparison.OrdinalIgnoreCase)) start = j - 1;
            }
            else continue;

            // "3 m high", "a 4 m wall": a lower-case m standing apart after a figure with no currency is the metre, as
            // it is glued ("4m"); "$3 m" and "3 m euros" stay millions.
            bool MetreAfterFigure(int at) => currency == null && Tok(at) == "m" && !Currencies.ContainsKey(Tok(at + 1));
            // Scale words: 5 million, two thousand.
            while (j + 1 < end && Scales.TryGetValue(Tok(j + 1), out double scale) && unit == null && !MetreAfterFigure(j + 1))
            {
                number *= scale;
                j++;
            }
            // Modifiers before: about, nearly, more than, at least, an estimated.
            int b = start - 1;
            while (b >= first && Approx.Contains(Tok(b)) && start - b <= 2) { approximate = true; b--; }
            if (b + 1 < start) start = b + 1;
            if (Tok(start).Equals("up", StringComparison.OrdinalIgnoreCase) || Tok(start).Equals("more", StringComparison.OrdinalIgnoreCase) ||
                Tok(start).Equals("at", StringComparison.OrdinalIgnoreCase))
            { /* kept: "more than 40", "up to 5", "at least 3" */ }
            if (start > first && Tok(start - 1).Equals("at", StringComparison.OrdinalIgnoreCase) && Tok(start).Equals("least", StringComparison.OrdinalIgnoreCase)) start--;
            if (start > first && Tok(start - 1).Equals("an", StringComparison.OrdinalIgnoreCase) && Tok(start).Equals("estimated", StringComparison.OrdinalIgnoreCase)) start--;

            NewsEntityType type = NewsEntityType.Quantity;
            int k = j + 1;
            string next = Tok(k);
            if (currency != null) { type = NewsEntityType.Money; unit = currency; }
            else if (next == "%" || next.Equals("percent", StringComparison.OrdinalIgnoreCase) || (next.Equals("per", StringComparison.OrdinalIgnoreCase) && Tok(k + 1).Equals("cent", StringComparison.OrdinalIgnoreCase)))
            {
                type = NewsEntityType.Percent;
                unit = "percent";
                k += next.Equals("per", StringComparison.OrdinalIgnoreCase) ? 2 : 1;
                j = k - 1;
            }
            else if (Currencies.TryGetValue(next, out var cur2) && char.IsLetter(next[0]) && !(next.Equals("won", StringComparison.OrdinalIgnoreCase) && !char.IsDigit(tok[0])))
            {
                type = NewsEntityType.Money; unit = cur2; j = k; k++;
            }
            else if (unit == null && (MetreAfterFigure(k) ? "meter" : UnitOf(next)) is string u)
            {
                unit = u; j = k; k++;
            }
            // Clock times are not quantities: 6 a.m., 9:05 pm.
            if (unit == null && (next.Equals("a.m.", StringComparison.OrdinalIgnoreCase) || next.Equals("p.m.", StringComparison.OrdinalIgnoreCase) ||
                next.Equals("am", StringComparison.OrdinalIgnoreCase) || next.Equals("pm", StringComparison.OrdinalIgnoreCase) || next == ":" || next.Equals("GMT", StringComparison.Ordinal)))
            { i = j; continue; }
            // A year-like bare number with nothing after it is left to the dates.
            if (unit == null && type == NewsEntityType.Quantity && number is >= 1000 and <= 2199 && tok.Length == 4) continue;
            // A conversion in brackets belongs to the same quantity: 248-kilometer (155-mile)
            if (Tok(j + 1) == "(" && Tok(j + 2).Length > 0 && char.IsDigit(Tok(j + 2)[0]))
            {
                int close = j + 3;
                while (close < end && close < j + 6 && Tok(close) != ")") close++;
                if (Tok(close) == ")") j = close;
            }
            // What is counted: the rest of the clause.
            int cs = j + 1;
            if (Tok(cs).Equals("of", StringComparison.OrdinalIgnoreCase)) cs++;
            if (Tok(cs) == "-") cs++;
            int ce = cs;
            while (ce < end && ce - cs < 10)
            {
                var w = tokens[ce].Span(text);
                if (w.Length == 1 && !char.IsLetterOrDigit(w[0]) && w[0] != '\'' && w[0] != '’') break;
                ce++;
            }
            string? counted = ce > cs ? Join(text, tokens, cs, ce) : null;
            if (unit == null && ce > cs)
            {
                string head = Tok(cs);
                string? demonymCountry = null;
                if (char.IsUpper(head[0]))
                {
                    // "North Koreans": a nationality counts people.
                    ulong h = Gazetteer.SequenceSeed;
                    for (int a = cs; a < Math.Min(ce, cs + 3); a++)
                    {
                        h = Gazetteer.Extend(h, Tagging.Hashing.Lower(tokens[a].Span(text)));
                        if ((gaz.Lookup(h) & GazetteerClass.Demonym) != 0) demonymCountry = "yes";
                    }
                }
                if (demonymCountry != null) unit = "people";
                else
                {
                    // The first plural noun within three words: "14 scheduled crossings", "hundreds of island residents".
                    for (int a = cs; a < Math.Min(ce, cs + 3) && unit == null; a++)
                    {
                        string w = Tok(a);
                        if (PeopleNouns.Contains(w)) unit = "people";
                        else if (w.Length > 3 && char.IsLower(w[0]) && w.EndsWith('s') && !w.EndsWith("ss") && !w.EndsWith("us") && !w.EndsWith("is")) unit = w.ToLowerInvariant();
                    }
                }
            }
            if (unit == null && type == NewsEntityType.Quantity && !char.IsDigit(tok[0]) && !approximate) { continue; } // "two" alone: too vague to keep
            for (int a = start; a <= j; a++) taken[a] = true;
            string value = number.ToString("0.###", CultureInfo.InvariantCulture) + (unit != null ? " " + unit : "");
            output.Add(new ValueMention(start, j + 1, type, value, null, number, unit, counted, approximate));
            i = j;
        }
    }

    internal static string Join(string text, IReadOnlyList<TextToken> tokens, int s, int e)
    {
        return Tokenizer.Text(text, tokens, s, e);
    }
}
