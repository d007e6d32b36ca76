using NewsCmdlets.Engine.Entities;
using NewsCmdlets.Engine.Entities.Tagging;
using NewsCmdlets.Engine.Text;

namespace NewsCmdlets.Engine.Quotes;

/// <summary>A name the quote extractor can give as a speaker: a person or organisation mentioned outside quotes.</summary>
internal sealed class SpeakerName
{
    public int Start, End; // tokens
    public int CharStart;
    public NewsEntityType Type;
    public string Text = "";
    public string Canonical = "";
    /// <summary>Role words before the name ("Republican presidential candidate", "Health Secretary").</summary>
    public string? Title;
    /// <summary>An appositive after the name (", a senior analyst at …,").</summary>
    public string? Description;
    /// <summary>'F', 'M' or '\0' (unknown), shared by every mention of the entity.</summary>
    public char Gender;
    public int Sentence;
    /// <summary>The gender is only the given name's usual one (the lexicon's), which the article's pronouns may overrule.</summary>
    public bool GenderFromGivenName;
    /// <summary>A lone capitalised dictionary word ("Democratic"): a subject, but never an antecedent.</summary>
    public bool Weak;

    /// <summary>Does the entity's title or description use this word (a description's head: "analyst", "senator")?</summary>
    public bool Describes(string head)
    {
        return Has(Title, head) || Has(Description, head);

        static bool Has(string? s, string w)
        {
            if (s == null) return false;
            int i = 0;
            while ((i = s.IndexOf(w, i, StringComparison.OrdinalIgnoreCase)) >= 0)
            {
                bool left = i == 0 || !char.IsLetter(s[i - 1]);
                int e = i + w.Length;
                bool right = e >= s.Length || !char.IsLetter(s[e]) || (s[e] == 's' && (e + 1 >= s.Length || !char.IsLetter(s[e + 1])));
                if (left && right) return true;
                i = e;
            }
            return false;
        }
    }
}

/// <summary>
/// The fast name finder of the quote extractor, used when the article's entities are not given: runs of capitalised
/// words outside quotes, typed by the gazetteer's titles and organisation words, split at calendar words; a capitalised
/// dictionary word that opens a sentence ("Also", "Still") is a name only when the article capitalises it elsewhere too.
/// Spellings are merged with <see cref="EntityMerger"/> as Get-NewsEntity does, and titles, descriptions and gender
/// travel to every mention of one entity.
/// </summary>
internal static class SpeakerNames
{
    private static readonly WordSet LeadStop = new(

        "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "But", "And", "Or", "So", "Yet", "In", "On", "At", "As", "If",
        "When", "While", "After", "Before", "Asked", "Her", "His", "Their", "Its", "This", "That", "These", "Those", "There",
        "Last", "Most", "Some", "Despite", "Unlike", "Since", "For", "With", "By", "From", "Meanwhile", "However", "Our", "My",
        "Every", "Nobody", "According", "FILE", "Mr", "Mrs", "Ms", "Dr", "Then", "Now", "Still", "Also", "Yes", "No", "Here",
        "What", "Why", "How", "Who", "Where", "Which", "Even", "Just", "Not", "Both", "All", "Many", "Such", "Like", "Among",
        "Although", "Though", "Because", "Until", "Over", "Under", "During", "Without", "Within", "Through", "To", "Of",
        "Q", "Ms.", "Mr.", "Mrs.", "Dr.", "Miss", "Sir");

    /// <summary>Words that end names of organisations besides the gazetteer's ("Republican National Convention", "Club for Growth").</summary>
    private static readonly WordSet MoreOrgWords = new(
        "Convention", "Campaign", "Conference", "Caucus", "Administration", "PAC", "Initiative", "Project", "Review", "Magazine",
        "Channel", "Growth", "Action", "Watch", "Forum", "Council", "Network", "Studios", "Records", "Group", "Team", "Fed");

    /// <summary>Titles before a name besides the gazetteer's, mostly abbreviated ("Cllr Ada Morn", "Det Supt Ivo Brandt"):
    /// never part of the name.</summary>
    private static readonly WordSet MoreTitles = new(
        "Cllr", "Councillor", "Councilor", "Councilman", "Councilwoman", "Alderman", "Alderwoman", "Assemblyman", "Assemblywoman",
        "Assemblymember", "Supt", "Insp", "Det", "Sgt", "Cpl", "Pte", "Atty", "Msgr", "Gov", "Sen", "Rep", "Sens", "Reps", "Govs",
        "Cllr.", "Supt.", "Insp.", "Det.", "Sgt.", "Cpl.", "Pte.", "Atty.", "Msgr.", "Sens.", "Reps.", "Govs.");

    private static readonly WordSet Connectors = new("of", "for", "and", "de", "&", "-", "von", "van", "der", "al", "bin");
    private static readonly ulong AndHash = Hashing.Lower("and"), OfHash = Hashing.Lower("of"), ForHash = Hashing.Lower("for");

    private static readonly Dictionary<string, char> GenderTitles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Mr"] = 'M', ["Mr."] = 'M', ["Mrs"] = 'F', ["Mrs."] = 'F', ["Ms"] = 'F', ["Ms."] = 'F', ["Miss"] = 'F', ["Sir"] = 'M',
        ["Lady"] = 'F', ["Dame"] = 'F', ["Madam"] = 'F', ["King"] = 'M', ["Queen"] = 'F', ["Prince"] = 'M', ["Princess"] = 'F',
        ["Congressman"] = 'M', ["Congresswoman"] = 'F', ["Father"] = 'M', ["Sister"] = 'F',
    };

    private static readonly KeyValuePair<string, char>[] GenderTitleList = GenderTitles.ToArray();

    /// <summary>
    /// <see cref="GenderTitles"/> looked up with a token's span: the same answer, without a string made for every name's
    /// preceding word (net8.0 has no span lookup of a dictionary).
    /// </summary>
    private static bool TryGenderTitle(ReadOnlySpan<char> word, out char gender)
    {
        foreach (var (title, g) in GenderTitleList)
            if (word.Equals(title, StringComparison.OrdinalIgnoreCase)) { gender = g; return true; }
        gender = '\0';
        return false;
    }

    /// <summary>Role nouns that tell a person's gender ("spokeswoman", "businessman").</summary>
    internal static char GenderOfRole(ReadOnlySpan<char> word)
    {
        if (word.Length == 0 || !char.IsLower(word[0])) return '\0'; // "German", "Truman": not role nouns
        if (word.EndsWith("woman", StringComparison.OrdinalIgnoreCase) || word.EndsWith("women", StringComparison.OrdinalIgnoreCase)) return 'F';
        if (word.EndsWith("man", StringComparison.OrdinalIgnoreCase) && word.Length > 4 && !word.EndsWith("human", StringComparison.OrdinalIgnoreCase)) return 'M';
        foreach (var (w, g) in RoleGenders) if (word.Equals(w, StringComparison.OrdinalIgnoreCase)) return g;
        return '\0';
    }

    private static readonly (string, char)[] RoleGenders =
    {
        ("wife", 'F'), ("mother", 'F'), ("daughter", 'F'), ("sister", 'F'), ("widow", 'F'), ("actress", 'F'), ("girl", 'F'),
        ("grandmother", 'F'), ("aunt", 'F'), ("niece", 'F'), ("queen", 'F'), ("princess", 'F'), ("duchess", 'F'),
        ("husband", 'M'), ("father", 'M'), ("son", 'M'), ("brother", 'M'), ("widower", 'M'), ("actor", 'M'), ("boy", 'M'),
        ("grandfather", 'M'), ("uncle", 'M'), ("nephew", 'M'), ("king", 'M'), ("prince", 'M'), ("duke", 'M'),
    };

    public static List<SpeakerName> Find(string text, List<TextToken> tokens, ulong[] lowerHash, int[] sentenceOf, List<SentenceRange> sentences,
                                          bool[] inQuote, Gazetteer gaz, QuoteLexicon lex)
    {
        var list = new List<SpeakerName>();
        int n = tokens.Count;
        var scratch = Scratch.Take(n, sentences.Count);
        try
        {
            Find(text, tokens, lowerHash, sentenceOf, sentences, inQuote, gaz, lex, list, scratch);
        }
        finally
        {
            scratch.Release();
        }
        return list;
    }

    /// <summary>
    /// Find's and Merge's working arrays and tables, kept by each thread for its next article (cleared over what an
    /// article uses): per-token classes, the sentences in capitals, the words capitalised mid-sentence, the merger and the
    /// tables that carry titles, descriptions and genders to every mention. They were two fifths of what the quote pass
    /// allocated per article, and on several threads every byte allocated is shared garbage-collection work.
    /// </summary>
    private sealed class Scratch
    {
        private const int MaxKept = 1 << 16;
        public GazetteerClass[] Classes = [];
        public bool[] Known = [];
        public bool[] CapsSentence = [];
        public HashSet<ulong> MidCap = new();
        public readonly EntityMerger Merger = new();
        public readonly Dictionary<string, string> Title = new(), Description = new();
        public readonly Dictionary<string, (char G, bool Given)> Gender = new();

        [ThreadStatic] private static Scratch? t_free;

        /// <summary>This thread's scratch (a new one while it is taken), sized for <paramref name="tokens"/> tokens and
        /// <paramref name="sentences"/> sentences, the known flags cleared.</summary>
        public static Scratch Take(int tokens, int sentences)
        {
            var sc = t_free ?? new Scratch();
            t_free = null;
            if (sc.Known.Length < tokens)
            {
                int size = Math.Max(256, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)tokens));
                sc.Classes = new GazetteerClass[size];
                sc.Known = new bool[size];
            }
            else Array.Clear(sc.Known, 0, tokens);
            if (sc.CapsSentence.Length < sentences) sc.CapsSentence = new bool[Math.Max(64, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)sentences))];
            return sc;
        }

        /// <summary>Hands the scratch back to the thread, emptied of the article's names; very large ones are dropped.</summary>
        public void Release()
        {
            Merger.Clear();
            Title.Clear();
            Description.Clear();
            Gender.Clear();
            if (MidCap.Count > 4096) MidCap = new HashSet<ulong>(); else MidCap.Clear();
            if (Known.Length > MaxKept) return;
            t_free = this;
        }
    }

    private static void Find(string text, List<TextToken> tokens, ulong[] lowerHash, int[] sentenceOf, List<SentenceRange> sentences,
                             bool[] inQuote, Gazetteer gaz, QuoteLexicon lex, List<SpeakerName> list, Scratch scratch)
    {
        int n = tokens.Count;
        // Each token's gazetteer classes, looked up once, from the hash the caller already has.
        var classes = scratch.Classes;
        var known = scratch.Known;
        GazetteerClass Cls(int i)
        {
            if (!known[i])
            {
                classes[i] = gaz.Lookup(Gazetteer.Extend(Gazetteer.SequenceSeed, lowerHash[i]));
                if (MoreTitles.Contains(lowerHash[i])) classes[i] |= GazetteerClass.Title;
                known[i] = true;
            }
            return classes[i];
        }
        bool Upper(int i) { char c = text[tokens[i].Start]; return char.IsUpper(c); }
        bool SentenceStart(int i) => i == 0 || sentences[sentenceOf[i]].FirstToken == i || inQuote[i - 1] || text[tokens[i - 1].Start] is '(' or '“' or '"' or ':';

        // Sentences in capitals (headlines, shouting) say nothing about names.
        var capsSentence = scratch.CapsSentence;
        for (int s = 0; s < sentences.Count; s++)
        {
            int words = 0, caps = 0;
            for (int i = sentences[s].FirstToken; i < sentences[s].EndToken; i++)
            {
                var sp = tokens[i].Span(text);
                if (sp.Length < 2 || !char.IsLetter(sp[0])) continue;
                words++;
                bool all = true;
                foreach (char c in sp) if (char.IsLower(c)) { all = false; break; }
                if (all) caps++;
            }
            capsSentence[s] = words >= 4 && caps * 10 >= words * 7;
        }
        // Words the article capitalises inside sentences: evidence that a capitalised sentence opener is a name.
        var midCap = scratch.MidCap;
        for (int i = 0; i < n; i++)
            if (!inQuote[i] && Upper(i) && !SentenceStart(i) && !capsSentence[sentenceOf[i]]) midCap.Add(lowerHash[i]);

        bool Cap(int i)
        {
            var sp = tokens[i].Span(text);
            return sp.Length > 0 && char.IsUpper(sp[0]) && (sp.Length == 1 || !sp.Contains('.') || sp.Length <= 4) && !IsCompoundModifier(sp);
        }
        // A given name and a surname (after any titles), no organisation word: a person's name, which "of" does not extend.
        bool IsPersonRun(int s, int e)
        {
            int t = s;
            while (t < e && (Cls(t) & GazetteerClass.Title) != 0) t++;
            if (e - t is < 2 or > 3) return false;
            if ((Cls(t) & GazetteerClass.GivenName) == 0 && lex.GenderOf(tokens[t].Span(text)) == '\0') return false;
            for (int k = t; k < e; k++) if ((Cls(k) & (GazetteerClass.OrgWord | GazetteerClass.Country | GazetteerClass.Region)) != 0) return false;
            return true;
        }
        for (int i = 0; i < n; i++)
        {
            if (inQuote[i] || !Cap(i) || capsSentence[sentenceOf[i]] || i > 0 && tokens[i - 1].Span(text) is "," or "(" && IsPartyTag(tokens[i].Span(text))) continue;
            if (LeadStop.Contains(lowerHash[i])) continue;
            var firstCls = Cls(i);
            if ((firstCls & GazetteerClass.Calendar) != 0) continue;
            int s = i, e = i + 1;
            while (e < n && !inQuote[e] && sentenceOf[e] == sentenceOf[s] && e - s < 10)
            {
                if (Cap(e) && (Cls(e) & GazetteerClass.Calendar) == 0 && !LeadStop.Contains(lowerHash[e])) { e++; continue; }
                if (e + 1 < n && !inQuote[e + 1] && Connectors.Contains(lowerHash[e]) && !Upper(e) && Cap(e + 1))
                {
                    if (lowerHash[e] == OfHash && IsPersonRun(s, e)) break; // "Oskar Haldane of Lisbon": the person, from a place
                    e += 2;
                    continue;
                }
                break;
            }
            // "Ada Morn and Tomas Reyne", "Morn and Reyne": two names joined by "and" are two people, not one, unless the
            // whole is an organisation's name ("Department of Health and Human Services", "Society for Arts and Letters").
            for (int a = s + 1; a < e - 1; a++)
            {
                if (lowerHash[a] != AndHash || Upper(a)) continue;
                bool org = (Cls(e - 1) & GazetteerClass.OrgWord) != 0 || (Cls(s) & GazetteerClass.OrgWord) != 0 || MoreOrgWords.Contains(lowerHash[e - 1]);
                for (int k = s; k < a && !org; k++) if (lowerHash[k] == OfHash || lowerHash[k] == ForHash) org = true;
                if (!org) e = a;
                break;
            }
            i = e - 1;
            // A capitalised dictionary word opening a sentence ("Also", "Still", "Asked") is not a name unless the article
            // capitalises it elsewhere.
            while (s < e && SentenceStart(s) && (Cls(s) & GazetteerClass.LowerWord) != 0 &&
                   !midCap.Contains(lowerHash[s]) && (s + 1 >= e || !Connectors.Contains(lowerHash[s + 1])) &&
                   !(s + 1 < e && (lex.GenderOf(tokens[s].Span(text)) != '\0' || (Cls(s) & GazetteerClass.GivenName) != 0))) // "Tad Devine", "Wren Corado" opening a sentence
                s++;
            if (s >= e) continue;
            if (e - s == 1 && MoreTitles.Contains(lowerHash[s])) continue; // "Cllr" cut off from its name by the abbreviation's full stop
            if (e - s >= 8) continue; // a sentence in title case, not a name
            bool weak = false;
            if (e - s == 1)
            {
                // One capitalised dictionary word that is no name part ("Democratic", "State", "Flea") or a bare title
                // ("CEO"): the subject of a verb of saying, but never what a pronoun or description stands for.
                var one = Cls(s);
                weak = (one & (GazetteerClass.LowerWord | GazetteerClass.Title)) != 0 && (one & (GazetteerClass.NamePart | GazetteerClass.GivenName | GazetteerClass.WnPerson | GazetteerClass.OrgWord | GazetteerClass.Company)) == 0;
            }
            // Leading titles ("Council leader", "Health Secretary", "Mayor", "Sen.") describe a person, they are not the name.
            int t0 = s;
            char gender = '\0';
            bool orgEnd = (Cls(e - 1) & GazetteerClass.OrgWord) != 0;
            if (!orgEnd)
            {
                while (s < e - 1 && (Cls(s) & GazetteerClass.Title) != 0)
                {
                    if (TryGenderTitle(tokens[s].Span(text), out var g)) gender = g;
                    s++;
                }
                // "Health Secretary Rhona Callis", "Shopkeeper Lena Osei": common words before a title or a two-word name.
                // "US Senator Halvar Dunne", "U.N. Ambassador Ines Kalb": a title after a place or an abbreviation, with a name of
                // two words or more after it.
                for (int t = s; t < e - 2; t++)
                    if ((Cls(t + 1) & GazetteerClass.Title) != 0 && ((Cls(t) & (GazetteerClass.LowerWord | GazetteerClass.Title)) != 0 || e - (t + 2) >= 2 && !Connectors.Contains(lowerHash[t]))) { s = t + 2; break; }
                while (s < e - 2 && (Cls(s) & (GazetteerClass.LowerWord | GazetteerClass.Title)) != 0 && (Cls(s) & (GazetteerClass.NamePart | GazetteerClass.GivenName | GazetteerClass.Country | GazetteerClass.OrgWord)) == 0) s++;
            }
            bool titledBefore = s > t0 || (s > 0 && (Cls(s - 1) & GazetteerClass.Title) != 0);
            if (s == t0 && s > 0 && TryGenderTitle(tokens[s - 1].Span(text), out var g0)) gender = g0;
            var lastCls = Cls(e - 1);
            firstCls = Cls(s);
            NewsEntityType type;
            bool orgish = (lastCls & GazetteerClass.OrgWord) != 0 || (firstCls & GazetteerClass.OrgWord) != 0 || (e - s >= 2 && MoreOrgWords.Contains(lowerHash[e - 1])) ||
                          (e - s >= 3 && text.AsSpan(tokens[s].Start, tokens[e - 1].End - tokens[s].Start).Contains(" of ", StringComparison.Ordinal));
            // A place, unless a given name opens a two-word name ("David Paleologos" is no city).
            bool place = (firstCls & (GazetteerClass.Country | GazetteerClass.City | GazetteerClass.Region | GazetteerClass.Demonym | GazetteerClass.Subdivision)) != 0 && e - s <= 2 && !orgish && !titledBefore &&
                         !(e - s == 2 && (firstCls & GazetteerClass.GivenName) != 0 && (Cls(s + 1) & (GazetteerClass.Country | GazetteerClass.Region | GazetteerClass.Subdivision)) == 0);
            // A name the gazetteer knows whole as a place ("New Hampshire", "El Paso"), or one word that is a company
            // and no name part ("Twitter", "Facebook").
            if (!orgish && !place && !titledBefore)
            {
                if (e - s >= 2)
                {
                    ulong ph = Gazetteer.SequenceSeed;
                    for (int k = s; k < e; k++) ph = Gazetteer.Extend(ph, lowerHash[k]);
                    var whole = gaz.Lookup(ph);
                    place = (whole & (GazetteerClass.Country | GazetteerClass.City | GazetteerClass.Region | GazetteerClass.Subdivision | GazetteerClass.Town | GazetteerClass.WnPlace)) != 0 &&
                            (whole & GazetteerClass.WnPerson) == 0;
                }
                else if ((firstCls & GazetteerClass.Company) != 0 && (firstCls & (GazetteerClass.NamePart | GazetteerClass.GivenName | GazetteerClass.WnPerson)) == 0) orgish = true;
            }
            if (orgish) type = NewsEntityType.Organization;
            else if (place) type = NewsEntityType.Location;
            else type = NewsEntityType.Person; // a lone capitalised word is merged into a fuller name below when one exists
            // "the company" before a capitalised one-word name makes it an organisation
            if (s > 0 && tokens[s - 1].Span(text) is "the" && type == NewsEntityType.Person && !titledBefore) type = NewsEntityType.Organization;
            string nm = Tokenizer.Text(text, tokens, s, e);
            var name = new SpeakerName { Start = s, End = e, CharStart = tokens[s].Start, Type = type, Text = nm, Gender = gender, Sentence = sentenceOf[s], Weak = weak };
            if (type == NewsEntityType.Person)
            {
                if (gender == '\0' && e - s >= 2) { name.Gender = lex.GenderOf(tokens[s].Span(text)); name.GenderFromGivenName = name.Gender != '\0'; }
                name.Title = TitleBefore(text, tokens, s, t0, inQuote, sentenceOf, lex);
                name.Description = Appositive(text, tokens, e, inQuote, sentenceOf);
                if (name.Gender == '\0') name.Gender = GenderOfWords(name.Title) is var gt and not '\0' ? gt : GenderOfWords(name.Description, 3);
            }
            list.Add(name);
        }
        SurnamesArePeople(list, text, tokens, lowerHash, inQuote, sentenceOf, lex, Cls);
        Merge(list, scratch);
        GenderFromPronouns(list, tokens.Count, lowerHash, inQuote, sentenceOf, sentences); // the arrays may be longer
    }

    private static readonly WordSet MalePronouns = new("he", "him", "his", "himself");
    private static readonly WordSet FemalePronouns = new("she", "her", "hers", "herself");

    /// <summary>
    /// The gender of a person the name does not tell ("Obama", "Clinton" with no given name, a given name the lexicon does
    /// not know), or tells only by the given name's usual gender (a man named "Lindsey"): from the he/she pronouns
    /// (outside quotes) that can only stand for that person. A pronoun counts for an unknown gender when no other person
    /// of a compatible gender is named before it in its sentence or the sentence before; against a given name's gender
    /// when no other person at all is. Taken when the pronouns agree (one gender at least three times as often as the
    /// other; twice at least to overrule a given name).
    /// </summary>
    private static void GenderFromPronouns(List<SpeakerName> list, int tokenCount, ulong[] lowerHash, bool[] inQuote, int[] sentenceOf, List<SentenceRange> sentences)
    {
        bool open = false;
        foreach (var nm in list) if (nm.Type == NewsEntityType.Person && !nm.Weak && (nm.Gender == '\0' || nm.GenderFromGivenName)) { open = true; break; }
        if (!open) return;
        Dictionary<string, (int M, int F)>? votes = null, sole = null;
        int next = 0; // names before the pronoun, in order
        for (int i = 0; i < tokenCount; i++)
        {
            if (inQuote[i]) continue;
            char g = MalePronouns.Contains(lowerHash[i]) ? 'M' : FemalePronouns.Contains(lowerHash[i]) ? 'F' : '\0';
            if (g == '\0') continue;
            while (next < list.Count && list[next].Start < i) next++;
            // The people named in the pronoun's sentence (before it) and the sentence before: those of a compatible gender,
            // and all of them.
            int firstSentence = Math.Max(0, sentenceOf[i] - 1);
            SpeakerName? only = null, onlyAny = null;
            bool ambiguous = false, ambiguousAny = false;
            for (int k = next - 1; k >= 0 && list[k].Sentence >= firstSentence; k--)
            {
                var nm = list[k];
                if (nm.Type != NewsEntityType.Person || nm.Weak) continue;
                if (onlyAny == null) onlyAny = nm;
                else if (onlyAny.Canonical != nm.Canonical) ambiguousAny = true;
                if (nm.Gender != '\0' && nm.Gender != g) continue;
                if (only == null) only = nm;
                else if (only.Canonical != nm.Canonical) ambiguous = true;
            }
            if (only != null && !ambiguous && only.Gender == '\0') Vote(ref votes, only.Canonical, g);
            if (onlyAny != null && !ambiguousAny && onlyAny.GenderFromGivenName) Vote(ref sole, onlyAny.Canonical, g);
        }
        foreach (var nm in list)
        {
            if (nm.Type != NewsEntityType.Person) continue;
            if (nm.Gender == '\0' && votes != null && votes.TryGetValue(nm.Canonical, out var v))
            {
                if (v.M > 0 && v.M >= 3 * v.F) nm.Gender = 'M';
                else if (v.F > 0 && v.F >= 3 * v.M) nm.Gender = 'F';
            }
            else if (nm.GenderFromGivenName && sole != null && sole.TryGetValue(nm.Canonical, out var w))
            {
                if (nm.Gender == 'F' && w.M >= 2 && w.F == 0) nm.Gender = 'M';
                else if (nm.Gender == 'M' && w.F >= 2 && w.M == 0) nm.Gender = 'F';
            }
        }

        static void Vote(ref Dictionary<string, (int M, int F)>? d, string canonical, char g)
        {
            d ??= new Dictionary<string, (int M, int F)>();
            d.TryGetValue(canonical, out var v);
            d[canonical] = g == 'M' ? (v.M + 1, v.F) : (v.M, v.F + 1);
        }
    }

    private static readonly WordSet PlaceWordsBefore = new("in", "at", "near", "across", "into", "around", "throughout", "outside", "inside", "from", "to", "of", "toward", "towards");

    /// <summary>A one-word name the gazetteer knows as a place ("Carson", "Jackson", "Austin") that is the surname of a
    /// person the article names in full is that person ("Ben Carson … Carson said"), unless it is written as a place
    /// ("in Jackson", "from Austin").</summary>
    private static void SurnamesArePeople(List<SpeakerName> list, string text, List<TextToken> tokens, ulong[] lowerHash, bool[] inQuote, int[] sentenceOf, QuoteLexicon lex, Func<int, GazetteerClass> cls)
    {
        HashSet<ulong>? surnames = null;
        foreach (var nm in list)
        {
            if (nm.Type != NewsEntityType.Person || nm.End - nm.Start < 2) continue;
            bool joined = false; // "West and Florida" is no one's name
            for (int k = nm.Start; k < nm.End; k++) if (Connectors.Contains(lowerHash[k])) joined = true;
            if (!joined) (surnames ??= new HashSet<ulong>()).Add(lowerHash[nm.End - 1]);
        }
        if (surnames == null) return;
        // Surnames that a verb of saying has as its subject somewhere ("Bolton said", "said Bolton"): people, even where the
        // gazetteer knows them as a region or a district.
        HashSet<ulong>? speaking = null;
        foreach (var nm in list)
            if (nm.Type == NewsEntityType.Location && nm.End - nm.Start == 1 && surnames.Contains(lowerHash[nm.Start]) && NextToVerbOfSaying(text, tokens, nm, inQuote, sentenceOf, lex))
                (speaking ??= new HashSet<ulong>()).Add(lowerHash[nm.Start]);
        foreach (var nm in list)
        {
            if (nm.Type != NewsEntityType.Location || nm.End - nm.Start != 1 || !surnames.Contains(lowerHash[nm.Start])) continue;
            // "Florida", "Georgia" stay places, unless a verb of saying has the name as its subject.
            var c = cls(nm.Start);
            if ((c & (GazetteerClass.Country | GazetteerClass.Region | GazetteerClass.Subdivision | GazetteerClass.Demonym)) != 0 &&
                ((c & (GazetteerClass.Country | GazetteerClass.Demonym)) != 0 || speaking == null || !speaking.Contains(lowerHash[nm.Start]))) continue;
            if (nm.Start > 0 && PlaceWordsBefore.Contains(lowerHash[nm.Start - 1])) continue;
            nm.Type = NewsEntityType.Person;
            nm.Title = TitleBefore(text, tokens, nm.Start, nm.Start, inQuote, sentenceOf, lex);
            nm.Description = Appositive(text, tokens, nm.End, inQuote, sentenceOf);
        }
    }

    /// <summary>Is a one-word name the subject of a verb of saying next to it: "Bolton said", "Bolton told", "…,” said Bolton?</summary>
    private static bool NextToVerbOfSaying(string text, List<TextToken> tokens, SpeakerName nm, bool[] inQuote, int[] sentenceOf, QuoteLexicon lex)
    {
        int a = nm.End, b = nm.Start - 1;
        if (a < tokens.Count && !inQuote[a] && sentenceOf[a] == sentenceOf[nm.Start] && IsSayingForm(tokens[a].Span(text))) return true;
        return b >= 0 && !inQuote[b] && sentenceOf[b] == sentenceOf[nm.Start] && IsSayingForm(tokens[b].Span(text)) && (b == 0 || inQuote[b - 1] || tokens[b - 1].Span(text) is ",");

        bool IsSayingForm(ReadOnlySpan<char> w) => w.Length > 1 && char.IsLower(w[0]) && lex.TryGetVerb(w, out var v) && (v.Use & SpeechVerbUse.Quote) != 0 &&
                                                   (v.Form == VerbForm.Past || v.Form == VerbForm.ThirdPerson && (v.Use & SpeechVerbUse.AlsoNoun) == 0);
    }

    /// <summary>A capitalised word joined to a participle or an adjective ("Spanish-language", "Texas-based", "Sanders-supporting",
    /// "Republican-leaning", "GOP-led"): a modifier, not a name or a part of one ("Ban Ki-moon" is).</summary>
    internal static bool IsCompoundModifier(ReadOnlySpan<char> w)
    {
        int h = w.LastIndexOf('-');
        if (h <= 0 || h + 2 >= w.Length || !char.IsLower(w[h + 1])) return false;
        var tail = w[(h + 1)..];
        return tail.Length > 4 && (tail.EndsWith("ing", StringComparison.Ordinal) || tail.EndsWith("ed", StringComparison.Ordinal)) ||
               tail is "led" or "born" or "run" or "made" or "language" or "only" or "era" or "style" or "wide";
    }

    /// <summary>A US party and state tag after a name ("D-Ore", "R-Ky", "I-Vt", "D-N.Y"): not a name of its own.</summary>
    internal static bool IsPartyTag(ReadOnlySpan<char> w)
    {
        if (w.Length is < 3 or > 7 || w[0] is not ('D' or 'R' or 'I') || w[1] != '-' || !char.IsUpper(w[2])) return false;
        foreach (char c in w[2..]) if (!char.IsLetter(c) && c != '.') return false;
        return true;
    }

    /// <summary>Canonical names through the merger, as Get-NewsEntity does; titles, descriptions and gender travel to every mention.</summary>
    private static void Merge(List<SpeakerName> list, Scratch scratch)
    {
        var merger = scratch.Merger;
        merger.Clear();
        foreach (var nm in list) merger.Add(nm.Text, nm.Type);
        foreach (var g in merger.Resolve())
        {
            var members = g._members;
            for (int k = 0; k < members.Count; k++)
            {
                list[members[k]].Canonical = g.Canonical;
                list[members[k]].Type = g.Type;
            }
        }
        // A lone dictionary word that is the surname of a person the article names in full ("Bram Baker" … "Baker said"):
        // that person, an antecedent like any other mention, not a weak one.
        HashSet<string>? full = null;
        foreach (var nm in list)
            if (nm.Type == NewsEntityType.Person && !nm.Weak && nm.End - nm.Start >= 2 && nm.Canonical.IndexOf(' ') > 0) (full ??= new()).Add(nm.Canonical);
        if (full != null)
            foreach (var nm in list)
                if (nm.Weak && nm.Type == NewsEntityType.Person && full.Contains(nm.Canonical) && nm.Canonical.EndsWith(" " + nm.Text, StringComparison.Ordinal)) nm.Weak = false;
        var title = scratch.Title;
        var desc = scratch.Description;
        var gender = scratch.Gender;
        title.Clear();
        desc.Clear();
        gender.Clear();
        foreach (var nm in list)
        {
            if (nm.Title != null) title.TryAdd(nm.Canonical, nm.Title);
            if (nm.Description != null) desc.TryAdd(nm.Canonical, nm.Description);
            // A title's or a role's gender ("Mr.", "spokeswoman") before a given name's usual one.
            if (nm.Gender != '\0' && (!gender.TryGetValue(nm.Canonical, out var cur) || cur.Given && !nm.GenderFromGivenName)) gender[nm.Canonical] = (nm.Gender, nm.GenderFromGivenName);
        }
        foreach (var nm in list)
        {
            if (nm.Title == null && title.TryGetValue(nm.Canonical, out var t)) nm.Title = t;
            if (nm.Description == null && desc.TryGetValue(nm.Canonical, out var d)) nm.Description = d;
            if (gender.TryGetValue(nm.Canonical, out var g) && (nm.Gender == '\0' || nm.GenderFromGivenName && !g.Given)) { nm.Gender = g.G; nm.GenderFromGivenName = g.Given; }
        }
    }

    private static char GenderOfWords(string? s, int maxWords = 8)
    {
        if (s == null) return '\0';
        int words = 0;
        foreach (var w in s.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (++words > maxWords) break;
            char g = GenderOfRole(w.AsSpan().TrimEnd(",.'’s".AsSpan()));
            if (g == '\0' && GenderTitles.TryGetValue(w, out var tg)) g = tg;
            if (g != '\0') return g;
        }
        return '\0';
    }

    private static readonly HashSet<string> TitleStop = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "a", "an", "and", "or", "but", "that", "which", "who", "to", "in", "on", "at", "by", "with", "from", "as", "than",
        "of", "for", "said", "says", "told", "is", "was", "are", "were", "be", "been", "has", "had", "have", "will", "would",
        "he", "she", "it", "they", "we", "i", "his", "her", "their", "its", "our", "my", "when", "while", "after", "before",
    };

    /// <summary>The role words before a person's name: its stripped titles and the lower-case words before it ("presidential candidate").</summary>
    private static string? TitleBefore(string text, List<TextToken> tokens, int nameStart, int runStart, bool[] inQuote, int[] sentenceOf, QuoteLexicon lex)
    {
        int a = runStart;
        while (a - 1 >= 0 && runStart - a < 5 && !inQuote[a - 1] && sentenceOf[a - 1] == sentenceOf[nameStart])
        {
            var w = tokens[a - 1].Span(text);
            if (w.Length == 0 || !char.IsLetter(w[0]) || TitleStop.Contains(w.ToString()) || lex.TryGetVerb(w, out _) || w.EndsWith("ly", StringComparison.Ordinal)) break;
            a--;
        }
        if (a >= nameStart) return null;
        return Tokenizer.Text(text, tokens, a, nameStart);
    }

    /// <summary>An appositive after a person's name: ", a senior analyst at …," / ", the crews’ union representative." / ", 34, a nurse".</summary>
    private static string? Appositive(string text, List<TextToken> tokens, int e, bool[] inQuote, int[] sentenceOf)
    {
        if (e + 2 >= tokens.Count || tokens[e].Span(text) is not "," || inQuote[e + 1]) return null;
        int f = e + 1;
        var fw = tokens[f].Span(text);
        if (char.IsDigit(fw[0]) && f + 2 < tokens.Count && tokens[f + 1].Span(text) is ",") { f += 2; fw = tokens[f].Span(text); }
        if (!(fw is "a" or "an" or "the" or "who" or "whose" or "one" || char.IsDigit(fw[0]) || (fw.Length > 1 && char.IsLower(fw[0]) && !fw.EndsWith("ly", StringComparison.Ordinal) && fw is not ("said" or "says" or "told" or "and" or "but" or "who" or "which")))) return null;
        int k = f;
        while (k < tokens.Count && k < f + 16 && sentenceOf[k] == sentenceOf[e] && !inQuote[k] && tokens[k].Span(text) is not ("," or "." or ";" or ":" or "—" or "(" or ")")) k++;
        if (k <= f) return null;
        return Tokenizer.Text(text, tokens, f, k);
    }

    /// <summary>Names from the article's entities (Get-NewsEntity's): people and organisations in the body, outside quotes.</summary>
    public static List<SpeakerName> FromEntities(string text, List<TextToken> tokens, int[] sentenceOf, bool[] inQuote, ArticleEntities entities, QuoteLexicon lex)
    {
        var list = new List<SpeakerName>();
        foreach (var m in entities.Mentions)
        {
            if (m.Field != "Body" || m.Type is not (NewsEntityType.Person or NewsEntityType.Organization)) continue;
            int s = FirstTokenAt(tokens, m.Offset), e = FirstTokenAt(tokens, m.Offset + m.Length);
            if (s >= e || inQuote[s]) continue;
            var nm = new SpeakerName { Start = s, End = e, CharStart = m.Offset, Type = m.Type, Text = m.Text, Canonical = m.Name, Description = m.Description, Sentence = sentenceOf[s] };
            if (m.Type == NewsEntityType.Person)
            {
                if (e - s >= 2) nm.Gender = lex.GenderOf(tokens[s].Span(text));
                if (s > 0 && TryGenderTitle(tokens[s - 1].Span(text), out var g)) nm.Gender = g;
                nm.Title = TitleBefore(text, tokens, s, s, inQuote, sentenceOf, lex);
                if (nm.Gender == '\0') nm.Gender = GenderOfWords(nm.Title) is var gt and not '\0' ? gt : GenderOfWords(nm.Description, 3);
            }
            list.Add(nm);
        }
        list.Sort((a, b) => a.Start.CompareTo(b.Start));
        var gender = new Dictionary<string, char>();
        var title = new Dictionary<string, string>();
        foreach (var nm in list)
        {
            if (nm.Gender != '\0') gender.TryAdd(nm.Canonical, nm.Gender);
            if (nm.Title != null) title.TryAdd(nm.Canonical, nm.Title);
        }
        foreach (var nm in list)
        {
            if (nm.Gender == '\0' && gender.TryGetValue(nm.Canonical, out var g)) nm.Gender = g;
            if (nm.Title == null && title.TryGetValue(nm.Canonical, out var t)) nm.Title = t;
        }
        return list;
    }

    internal static int FirstTokenAt(List<TextToken> tokens, int charOffset)
    {
        int lo = 0, hi = tokens.Count;
        while (lo < hi) { int mid = (lo + hi) / 2; if (tokens[mid].Start < charOffset) lo = mid + 1; else hi = mid; }
        return lo;
    }
}
