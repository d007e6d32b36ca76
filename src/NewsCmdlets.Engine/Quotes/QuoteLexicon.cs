using System.Reflection;
using NewsCmdlets.Engine.Entities.Tagging;

namespace NewsCmdlets.Engine.Quotes;

/// <summary>What a verb of saying can do.</summary>
[Flags]
public enum SpeechVerbUse : byte
{
    None = 0,
    /// <summary>Introduces a quote: "…," she <i>warned</i>; he <i>tweeted</i>: "…".</summary>
    Quote = 1,
    /// <summary>Also reports a clause without quotation marks (indirect speech): he <i>argued</i> that ….</summary>
    Clause = 2,
    /// <summary>The lemma is also a noun, so its base and -s forms may be nouns ("the states", "a debate").</summary>
    AlsoNoun = 4,
    /// <summary>Saying is the verb's usual sense, so it reports a clause without "that" ("she said the talks failed");
    /// other verbs report one only with "that" ("the figures showed that …").</summary>
    Saying = 8,
    /// <summary>VerbNet puts it among the verbs whose object can be the message itself (say-37.7, inquire-37.1.2,
    /// transfer_mesg-37.1.1, confess-37.10: "announced his candidacy", "asked questions"), so a noun phrase after it is
    /// what was said; after other verbs it is a topic, a person or a thing ("described his plan", "called the mayor",
    /// "signed the bill").</summary>
    Message = 16,
}

/// <summary>The grammatical form of a verb token.</summary>
public enum VerbForm : byte { Base, ThirdPerson, Past, Gerund }

/// <summary>One form of a verb of saying ("warned": lemma "warn", past).</summary>
public readonly record struct SpeechVerb(string Lemma, SpeechVerbUse Use, VerbForm Form);

/// <summary>
/// The quote extractor's word lists, built from openly licensed lexicons by tools/QuoteLexicon/build.py and embedded
/// in the engine (sources and licences: Quotes/Data/NOTICE.md): every verb of saying, writing, posting, asking,
/// warning … of VerbNet 3.4's communication classes and Open English WordNet's communication verbs, with their
/// inflected forms; and the usual gender of English given names, for resolving "he" and "she". Lookups hash the
/// token's lower-case letters, so they allocate nothing. Loaded once per process, on first use.
/// </summary>
public sealed class QuoteLexicon
{
    private static readonly Lazy<QuoteLexicon> s_shared = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The process-wide lexicon.</summary>
    public static QuoteLexicon Shared => s_shared.Value;

    private readonly Dictionary<ulong, SpeechVerb> _verbs = new();
    private readonly Dictionary<ulong, char> _gender = new();

    /// <summary>Number of verbs (lemmas) and of word forms.</summary>
    public int VerbCount { get; private set; }
    public int FormCount => _verbs.Count;

    /// <summary>The verb of saying this token is a form of (case is ignored; the caller decides whether a capitalised word can be a verb).</summary>
    public bool TryGetVerb(ReadOnlySpan<char> token, out SpeechVerb verb) => _verbs.TryGetValue(Hashing.Lower(token), out verb);

    /// <summary>'F' or 'M' for a given name that is usually a woman's or a man's; '\0' when unknown or used for both.</summary>
    public char GenderOf(ReadOnlySpan<char> givenName) => _gender.TryGetValue(Hashing.Lower(givenName), out var g) ? g : '\0';

    private static QuoteLexicon Load()
    {
        var lex = new QuoteLexicon();
        foreach (var line in ReadLines("speech-verbs.tsv"))
        {
            var cols = line.Split('\t');
            if (cols.Length < 3) continue;
            string lemma = cols[0];
            var use = SpeechVerbUse.None;
            foreach (char f in cols[1]) use |= f switch { 'q' => SpeechVerbUse.Quote, 'c' => SpeechVerbUse.Clause, 'n' => SpeechVerbUse.AlsoNoun, 'd' => SpeechVerbUse.Saying, _ => SpeechVerbUse.None };
            if (cols.Length > 3 && IsMessageClass(cols[3])) use |= SpeechVerbUse.Message;
            lex.VerbCount++;
            foreach (var form in cols[2].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (form == lemma && cols[1].Contains('a')) continue; // "out", "general", "express": the base form is something else first
                var vf = form == lemma ? VerbForm.Base
                    : form.EndsWith("ing", StringComparison.Ordinal) && !lemma.EndsWith("ing", StringComparison.Ordinal) ? VerbForm.Gerund
                    : form.EndsWith('s') && !form.EndsWith("ss", StringComparison.Ordinal) ? VerbForm.ThirdPerson
                    : VerbForm.Past;
                // A form shared by two lemmas keeps the first (the file is sorted): both are verbs of saying anyway.
                lex._verbs.TryAdd(Hashing.Lower(form), new SpeechVerb(lemma, use, vf));
            }
        }
        foreach (var line in ReadLines("given-name-gender.tsv"))
        {
            int tab = line.IndexOf('\t');
            if (tab > 0 && tab + 1 < line.Length) lex._gender.TryAdd(Hashing.Lower(line.AsSpan(0, tab)), line[tab + 1]);
        }
        return lex;
    }

    private static bool IsMessageClass(string sources) =>
        sources.Contains("say-37.7", StringComparison.Ordinal) || sources.Contains("inquire-37.1.2", StringComparison.Ordinal) ||
        sources.Contains("transfer_mesg-37.1.1", StringComparison.Ordinal) || sources.Contains("confess-37.10", StringComparison.Ordinal);

    private static IEnumerable<string> ReadLines(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("NewsCmdlets.Engine.Quotes.Data." + name)
            ?? throw new InvalidOperationException($"The engine was built without its quote data ({name}).");
        using var reader = new StreamReader(stream);
        string? line;
        while ((line = reader.ReadLine()) != null)
            if (line.Length > 0 && line[0] != '#') yield return line;
    }
}
