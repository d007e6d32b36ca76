using NewsCmdlets.Engine.Entities.Tagging;
using NewsCmdlets.Engine.Quotes;

namespace NewsCmdlets.Engine.Coverage;

/// <summary>
/// Words that frame a report: hedges (the writer does not vouch for the claim: "alleged", "reportedly", "if
/// confirmed") and loaded words (they judge rather than describe: "regime", "chaos", "slammed"). Only the writer's own
/// words count: text inside quotation marks belongs to the speaker and is skipped.
/// </summary>
public static class FramingLexicon
{
    /// <summary>Hedges and markers of uncertainty, lower case; multi-word phrases match word by word.</summary>
    public static readonly string[] Hedges =
    {
        "alleged", "allegedly", "allegation", "allegations", "reportedly", "purportedly", "purported", "supposedly",
        "apparently", "apparent", "claimed", "claims", "unconfirmed", "unverified", "if confirmed", "if true",
        "believed to", "thought to", "said to be", "suspected", "presumed", "presumably", "appears to", "appeared to",
        "seems to", "seemed to", "could not be independently verified", "could not be verified", "not immediately clear",
        "unclear whether", "it is unclear", "it was unclear", "it is not clear", "it was not clear", "rumoured", "rumored",
        "is said to", "are said to", "was said to", "were said to",
    };

    /// <summary>A small general lexicon of loaded (judging, emotive) words, lower case.</summary>
    public static readonly string[] Loaded =
    {
        "regime", "regimes", "chaos", "chaotic", "slammed", "slams", "blasted", "blasts", "lashed out", "terrorist", "terrorists",
        "thug", "thugs", "scum", "massacre", "slaughter", "bloodbath", "catastrophic", "catastrophe", "disastrous",
        "draconian", "radical", "extremist", "extremists", "shocking", "outrageous", "outrage", "brutal", "notorious",
        "infamous", "so-called", "hardline", "hard-line", "crackdown", "embattled", "controversial", "lavish",
        "propaganda", "puppet", "rogue", "invasion", "horrific", "heroic", "hero", "scandal-hit", "cronies", "fiasco",
        "debacle", "meltdown", "furious", "fury", "devastating", "stunning", "humiliating", "humiliation",
        "tyrant", "despot", "mob", "hysteria", "witch hunt",
    };

    private static readonly string[][] HedgeWords = Hedges.Select(Split).ToArray();
    private static readonly string[][] LoadedWords = Loaded.Select(Split).ToArray();
    private static readonly Dictionary<string, List<int>> HedgeFirst = Index(HedgeWords);
    private static readonly Dictionary<string, List<int>> LoadedFirst = Index(LoadedWords);

    private static readonly Dictionary<ulong, (string Word, List<int> Phrases)> HedgeFirstByHash = ByHash(HedgeFirst);
    private static readonly Dictionary<ulong, (string Word, List<int> Phrases)> LoadedFirstByHash = ByHash(LoadedFirst);

    /// <summary>The first words by their 64-bit hash (<see cref="Hashing.Exact"/>, the same in every process), to look
    /// words up without making strings of them; the word is compared in full after the hash.</summary>
    private static Dictionary<ulong, (string Word, List<int> Phrases)> ByHash(Dictionary<string, List<int>> first)
    {
        var d = new Dictionary<ulong, (string, List<int>)>();
        foreach (var (word, phrases) in first) d.Add(Hashing.Exact(word), (word, phrases));
        return d;
    }

    private static string[] Split(string phrase) => phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static Dictionary<string, List<int>> Index(string[][] phrases)
    {
        var d = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int i = 0; i < phrases.Length; i++)
        {
            if (!d.TryGetValue(phrases[i][0], out var l)) d[phrases[i][0]] = l = new List<int>();
            l.Add(i);
        }
        foreach (var l in d.Values) l.Sort((a, b) => phrases[b].Length.CompareTo(phrases[a].Length)); // longest first
        return d;
    }

    /// <summary>The hedges in <paramref name="text"/> outside quotation marks, as written in the lexicon, in order.</summary>
    public static List<string> FindHedges(string? text) => Find(text).Hedges;

    /// <summary>The loaded words in <paramref name="text"/> outside quotation marks, in order.</summary>
    public static List<string> FindLoaded(string? text) => Find(text).Loaded;

    /// <summary>
    /// <see cref="FindHedges"/> and <see cref="FindLoaded"/> from one reading of the text: its quotation marks and words
    /// are found once for both lexicons.
    /// </summary>
    public static (List<string> Hedges, List<string> Loaded) Find(string? text)
    {
        if (string.IsNullOrEmpty(text)) return (new List<string>(), new List<string>());
        var spans = QuoteExtractor.FindQuoteSpans(text);
        var words = CoverageText.Words(text, _words ??= new List<CoverageText.Word>());
        return (Find(text, spans, words, HedgeWords, HedgeFirst), Find(text, spans, words, LoadedWords, LoadedFirst));
    }

    /// <summary><see cref="Find(string?)"/> of a text whose words (<see cref="CoverageText.Words(string)"/>) the caller has read already.</summary>
    internal static (List<string> Hedges, List<string> Loaded) Find(string text, List<CoverageText.Word> words)
    {
        if (string.IsNullOrEmpty(text)) return (new List<string>(), new List<string>());
        var spans = QuoteExtractor.FindQuoteSpans(text);
        return (Find(text, spans, words, HedgeWords, HedgeFirst), Find(text, spans, words, LoadedWords, LoadedFirst));
    }

    /// <summary>The words of the text being read, in one list per thread (read, then let go).</summary>
    [ThreadStatic] private static List<CoverageText.Word>? _words;

    private static List<string> Find(string text, List<(int Start, int End)> spans, List<CoverageText.Word> words, string[][] phrases, Dictionary<string, List<int>> first)
    {
        var found = new List<string>();
        // The lexicon is looked up by each word in lower case, with ’ as ': written into a buffer, not a new string a word,
        // and found by the buffer's hash among the phrases' first words (then compared in full).
        var byHash = first == HedgeFirst ? HedgeFirstByHash : LoadedFirstByHash;
        Span<char> buffer = stackalloc char[64];
        int q = 0;
        for (int i = 0; i < words.Count; i++)
        {
            while (q < spans.Count && spans[q].End <= words[i].Start) q++;
            if (q < spans.Count && words[i].Start >= spans[q].Start && words[i].Start < spans[q].End) continue;
            string word = words[i].Text;
            List<int>? candidates;
            if (word.Length <= buffer.Length)
            {
                var w = buffer[..word.Length];
                word.AsSpan().ToLowerInvariant(w);
                w.Replace('’', '\'');
                if (!byHash.TryGetValue(Hashing.Exact(w), out var key) || !w.SequenceEqual(key.Word)) continue;
                candidates = key.Phrases;
            }
            else if (!first.TryGetValue(word.ToLowerInvariant().Replace('’', '\''), out candidates)) continue;
            foreach (int c in candidates)
            {
                var p = phrases[c];
                if (i + p.Length > words.Count) continue;
                bool ok = true;
                for (int k = 1; k < p.Length && ok; k++)
                    ok = words[i + k].Text.Equals(p[k], StringComparison.OrdinalIgnoreCase)
                         && !HasBreak(text, words[i + k - 1].End, words[i + k].Start);
                if (!ok) continue;
                found.Add(string.Join(' ', p));
                i += p.Length - 1;
                break;
            }
        }
        return found;
    }

    // A phrase does not run across punctuation ("if, confirmed" is not "if confirmed").
    private static bool HasBreak(string text, int from, int to)
    {
        for (int k = from; k < to; k++) if (!char.IsWhiteSpace(text[k])) return true;
        return false;
    }
}
