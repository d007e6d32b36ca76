using System.IO.Compression;
using System.Reflection;
using NewsCmdlets.Engine.Entities.Tagging;
using NewsCmdlets.Engine.Text;

namespace NewsCmdlets.Engine.Entities;

/// <summary>What a gazetteer phrase is.</summary>
[Flags]
public enum GazetteerClass : uint
{
    None = 0,
    Country = 1,
    City = 2,
    Region = 4,
    Demonym = 8,
    GivenName = 16,
    OrgWord = 32,
    Title = 64,
    Calendar = 128,
    /// <summary>A part of a person's name, from any culture (given or family name).</summary>
    NamePart = 256,
    /// <summary>A company name (one word: "Amgen", "Allianz").</summary>
    Company = 512,
    /// <summary>An English dictionary word written in lower case ("despite", "relations").</summary>
    LowerWord = 1024,
    /// <summary>A proper noun of the English dictionary ("Paris", "Everest").</summary>
    DictProper = 2048,
    /// <summary>A WordNet instance noun that is a person ("Gandhi", "George Bush").</summary>
    WnPerson = 1 << 12,
    /// <summary>A WordNet instance noun that is a place, water, landform, island, street or bridge.</summary>
    WnPlace = 1 << 13,
    /// <summary>A WordNet instance noun that is an organisation.</summary>
    WnOrg = 1 << 14,
    /// <summary>A town of 15,000 to 50,000 inhabitants (GeoNames).</summary>
    Town = 1 << 15,
    /// <summary>An administrative subdivision: state, province, region, county (CLDR).</summary>
    Subdivision = 1 << 16,
    /// <summary>Not a phrase itself, but the start of a longer one: keep reading.</summary>
    Prefix = 0x80000000,
}

/// <summary>
/// Lists of places, nationalities, given names and the words that mark titles and organisations, built from openly
/// licensed data (see Entities/Data/NOTICE.md) and embedded in the engine. Phrases are stored as hashes of their lower-case
/// token sequence, so lookups allocate nothing. Loaded once per process, on first use.
/// </summary>
public sealed class Gazetteer
{
    private static readonly Lazy<Gazetteer> s_shared = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The process-wide gazetteer, loaded on first use.</summary>
    public static Gazetteer Shared => s_shared.Value;

    private readonly Dictionary<ulong, GazetteerClass> _phrases = new();
    private readonly Dictionary<ulong, GazetteerClass> _ruleOnly = new();
    private readonly Dictionary<ulong, string> _demonymCountry = new();
    private readonly Dictionary<ulong, string> _titleKind = new();
    private readonly HashSet<ulong> _capitals = new();
    private readonly Dictionary<ulong, string[]> _orgNames = new();
    private readonly HashSet<ulong> _orgNamePrefixes = new();

    /// <summary>Longest phrase, in tokens.</summary>
    public int MaxPhraseTokens { get; private set; } = 1;

    public int Count => _phrases.Count;

    public const ulong SequenceSeed = 0x2545F4914F6CDD1DUL;

    public static ulong Extend(ulong seq, ulong tokenHash) => Hashing.Mix(seq, tokenHash);

    /// <summary>The classes of a phrase (without <see cref="GazetteerClass.Prefix"/>), the rules' own entries included
    /// (<see cref="CountryAliases"/>).</summary>
    public GazetteerClass Lookup(ulong sequenceHash) =>
        (_phrases.TryGetValue(sequenceHash, out var c) ? c & ~GazetteerClass.Prefix : GazetteerClass.None)
        | (_ruleOnly.TryGetValue(sequenceHash, out var r) ? r : GazetteerClass.None);

    /// <summary>The classes of a phrase as the tagger's model saw them in training: the rules' own entries left out, so
    /// that adding one does not change the model's input.</summary>
    public GazetteerClass LookupModel(ulong sequenceHash) => _phrases.TryGetValue(sequenceHash, out var c) ? c & ~GazetteerClass.Prefix : GazetteerClass.None;

    /// <summary>The classes of a phrase, with <see cref="GazetteerClass.Prefix"/> when a longer phrase starts with it; None when neither.</summary>
    public GazetteerClass LookupWithPrefix(ulong sequenceHash) => _phrases.TryGetValue(sequenceHash, out var c) ? c : GazetteerClass.None;

    public GazetteerClass LookupWord(ReadOnlySpan<char> word) => Lookup(Extend(SequenceSeed, Hashing.Lower(word)));

    /// <summary>The tokens of a known organisation's name (organisations.txt: "Federal Reserve", "Bank of Japan", "NATO"),
    /// as written there, when the phrase (a sequence hash) is one; for the rules only, which match it case for case.</summary>
    public string[]? OrganisationName(ulong sequenceHash) => _orgNames.TryGetValue(sequenceHash, out var t) ? t : null;

    /// <summary>Does a known organisation's name of more tokens start with this phrase?</summary>
    public bool IsOrganisationNamePrefix(ulong sequenceHash) => _orgNamePrefixes.Contains(sequenceHash);

    /// <summary>Is this phrase (a sequence hash) a country's capital ("Prague", "Buenos Aires")?</summary>
    public bool IsCapital(ulong sequenceHash) => _capitals.Contains(sequenceHash);

    /// <summary>The country a nationality word belongs to ("Koreans" → null, "South Korean" → "South Korea").</summary>
    public string? CountryOfDemonym(ulong sequenceHash) => _demonymCountry.TryGetValue(sequenceHash, out var c) ? c : null;

    public string? CountryOfDemonym(string phrase) => CountryOfDemonym(PhraseHash(phrase));

    public static ulong PhraseHash(string phrase)
    {
        var toks = Tokenizer.Tokenize(phrase);
        ulong h = SequenceSeed;
        foreach (var t in toks) h = Extend(h, Hashing.Lower(t.Span(phrase)));
        return h;
    }

    private void Add(string phrase, GazetteerClass cls)
    {
        var toks = Tokenizer.Tokenize(phrase);
        if (toks.Count == 0) return;
        ulong h = SequenceSeed;
        foreach (var t in toks) h = Extend(h, Hashing.Lower(t.Span(phrase)));
        _phrases[h] = _phrases.TryGetValue(h, out var old) ? old | cls : cls;
        // Mark every proper prefix, so that lookups can stop as soon as no phrase continues.
        ulong p = SequenceSeed;
        for (int i = 0; i < toks.Count - 1; i++)
        {
            p = Extend(p, Hashing.Lower(toks[i].Span(phrase)));
            _phrases[p] = _phrases.TryGetValue(p, out var o2) ? o2 | GazetteerClass.Prefix : GazetteerClass.Prefix;
        }
        if (toks.Count > MaxPhraseTokens) MaxPhraseTokens = Math.Min(toks.Count, 6);
    }

    private void AddOrganisationName(string name)
    {
        var toks = Tokenizer.Tokenize(name);
        if (toks.Count == 0) return;
        ulong h = SequenceSeed;
        for (int i = 0; i < toks.Count; i++)
        {
            if (i > 0) _orgNamePrefixes.Add(h);
            h = Extend(h, Hashing.Lower(toks[i].Span(name)));
        }
        _orgNames[h] = toks.Select(t => t.Span(name).ToString()).ToArray();
    }

    private static Gazetteer Load()
    {
        var g = new Gazetteer();
        foreach (var line in ReadLines("given-names.txt")) g.Add(line, GazetteerClass.GivenName);
        foreach (var line in ReadLines("cities.txt")) g.Add(line, GazetteerClass.City);
        foreach (var line in ReadLines("name-parts.txt")) g.Add(line, GazetteerClass.NamePart);
        foreach (var line in ReadLines("companies.txt")) g.Add(line, GazetteerClass.Company);
        foreach (var line in ReadLines("english-lower.txt.gz")) g.Add(line, GazetteerClass.LowerWord);
        foreach (var line in ReadLines("english-proper.txt.gz")) g.Add(line, GazetteerClass.DictProper);
        if (Enabled("towns")) foreach (var line in ReadLines("towns.txt")) g.Add(line, GazetteerClass.Town);
        if (Enabled("subdivisions")) foreach (var line in ReadLines("subdivisions.txt")) g.Add(line, GazetteerClass.Subdivision);
        if (Enabled("wordnet"))
            foreach (var line in ReadLines("wordnet-instances.tsv"))
            {
                int tab = line.IndexOf('\t');
                if (tab < 0) continue;
                var cls = line.AsSpan(0, tab) switch { "PER" => GazetteerClass.WnPerson, "LOC" => GazetteerClass.WnPlace, "ORG" => GazetteerClass.WnOrg, _ => GazetteerClass.None };
                if (cls != GazetteerClass.None) g.Add(line[(tab + 1)..], cls);
            }
        foreach (var line in ReadLines("countries.tsv"))
        {
            if (line.StartsWith('#')) continue;
            var cols = line.Split('\t');
            if (cols.Length < 4) continue;
            foreach (var f in cols[1].Split('|', StringSplitOptions.RemoveEmptyEntries)) if (!f.Contains(',')) g.Add(f, GazetteerClass.Country);
            g.Add(cols[0], GazetteerClass.Country);
            foreach (var c in cols[3].Split('|', StringSplitOptions.RemoveEmptyEntries)) { g.Add(c, GazetteerClass.City); g._capitals.Add(PhraseHash(c)); }
            foreach (var d in cols[2].Split('|', StringSplitOptions.RemoveEmptyEntries))
            {
                g.AddDemonym(d, cols[0]);
                g.AddDemonym(Plural(d), cols[0]);
                // "Bosnian, Herzegovinian": the model was trained with the whole entry as one phrase (which no text
                // matches); each demonym is known to the rules.
                if (d.Contains(','))
                    foreach (var part in d.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                        foreach (var form in new[] { part, Plural(part) })
                        {
                            ulong h = PhraseHash(form);
                            g._ruleOnly[h] = (g._ruleOnly.TryGetValue(h, out var r) ? r : GazetteerClass.None) | GazetteerClass.Demonym;
                            g._demonymCountry[h] = cols[0];
                        }
            }
        }
        foreach (var c in CountryAliases) g._ruleOnly[PhraseHash(c)] = GazetteerClass.Country;
        foreach (var line in ReadLines("organisations.txt")) g.AddOrganisationName(line);
        foreach (var r in Regions) g.Add(r, GazetteerClass.Region);
        foreach (var (d, country) in ExtraDemonyms) { g.AddDemonym(d, country); g.AddDemonym(Plural(d), country); }
        foreach (var t in TitleWords) g.Add(t, GazetteerClass.Title);
        foreach (var o in OrgWords) g.Add(o, GazetteerClass.OrgWord);
        foreach (var c in CalendarWords) g.Add(c, GazetteerClass.Calendar);
        return g;
    }

    /// <summary>For experiments: NEWSCMDLETS_GAZ_OFF=towns,wordnet leaves lists out.</summary>
    private static bool Enabled(string list) => !Tagging.NerAblations.GazetteersOff.Contains(list);

    private void AddDemonym(string d, string country)
    {
        Add(d, GazetteerClass.Demonym);
        _demonymCountry[PhraseHash(d)] = country;
    }

    /// <summary>"Korean" → "Koreans", "Swiss" → "Swiss", "Englishman" → "Englishmen".</summary>
    public static string Plural(string d)
    {
        if (d.EndsWith("man", StringComparison.Ordinal)) return d[..^3] + "men";
        if (d.EndsWith("ese", StringComparison.Ordinal) || d.EndsWith("ss", StringComparison.Ordinal) || d.EndsWith("sh", StringComparison.Ordinal) || d.EndsWith("ch", StringComparison.Ordinal)) return d;
        if (d.EndsWith('s')) return d;
        return d + "s";
    }

    internal static IEnumerable<string> ReadLines(string name)
    {
        using var s = OpenResource(name);
        using var reader = new StreamReader(s);
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            line = line.Trim();
            if (line.Length > 0) yield return line;
        }
    }

    /// <summary>Opens an embedded data file (gzip-compressed ones are decompressed).</summary>
    internal static Stream OpenResource(string name)
    {
        var asm = typeof(Gazetteer).Assembly;
        var s = asm.GetManifestResourceStream("NewsCmdlets.Engine.Entities.Data." + name)
                ?? throw new InvalidOperationException($"The engine is missing its embedded data file '{name}'. Rebuild NewsCmdlets.Engine.");
        return name.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(s, CompressionMode.Decompress) : s;
    }

    private static readonly string[] Regions =
    {
        "Africa", "Asia", "Europe", "North America", "South America", "Latin America", "Oceania", "Antarctica", "Middle East",
        "Korean Peninsula", "Balkans", "Caribbean", "Scandinavia", "Pacific", "Atlantic", "Indian Ocean", "Arctic", "Gulf",
        "Persian Gulf", "Mediterranean", "Sahara", "Siberia", "West Bank", "Gaza", "Gaza Strip", "Crimea", "Kashmir", "Donbas",
        "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware", "Florida", "Georgia",
        "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana", "Maine", "Maryland",
        "Massachusetts", "Michigan", "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada", "New Hampshire",
        "New Jersey", "New Mexico", "New York", "North Carolina", "North Dakota", "Ohio", "Oklahoma", "Oregon", "Pennsylvania",
        "Rhode Island", "South Carolina", "South Dakota", "Tennessee", "Texas", "Utah", "Vermont", "Virginia", "Washington",
        "West Virginia", "Wisconsin", "Wyoming", "Ontario", "Quebec", "British Columbia", "Alberta", "Scotland", "Wales",
        "England", "Northern Ireland", "Bavaria", "Catalonia", "Tibet", "Xinjiang", "Hong Kong", "Taiwan", "Kurdistan",
    };

    /// <summary>Short and former names of countries that news copy uses and world-countries leaves out, and the home
    /// nations, which field national sides ("Pakistan 245-6 v [England]"). The rules and
    /// the merger see them; the model's features do not (added after training: the model trained with them scored
    /// lower on WikiGold dev, 74.1 → 73.5, 3 seeds).</summary>
    private static readonly string[] CountryAliases =
    {
        "Britain", "U.K.", "UK", "U.S.", "U.S.A.", "USA", "Turkey", "Bosnia", "Zaire", "Yugoslavia", "Czechoslovakia",
        "Soviet Union", "USSR", "East Germany", "West Germany", "England", "Scotland", "Wales", "Northern Ireland",
    };

    private static readonly (string, string)[] ExtraDemonyms =
    {
        ("Korean", "Korea"), ("Arab", "Arab League"), ("European", "Europe"), ("African", "Africa"), ("Asian", "Asia"),
        ("Latino", "Latin America"), ("Kurd", "Kurdistan"), ("Kurdish", "Kurdistan"), ("Palestinian", "Palestine"),
        ("Scot", "Scotland"), ("Scottish", "Scotland"), ("Welsh", "Wales"), ("English", "England"), ("Texan", "Texas"),
        ("Californian", "California"), ("Catalan", "Catalonia"), ("Tibetan", "Tibet"), ("Uyghur", "Xinjiang"),
        ("Taiwanese", "Taiwan"), ("Muslim", ""), ("Christian", ""), ("Jew", ""), ("Jewish", ""), ("Sunni", ""), ("Shiite", ""),
        ("Catholic", ""), ("Protestant", ""), ("Hindu", ""), ("Buddhist", ""), ("Democrat", ""), ("Republican", ""),
        ("Conservative", ""), ("Liberal", ""), ("Socialist", ""), ("Communist", ""), ("Western", ""), ("Soviet", "Soviet Union"),
    };

    /// <summary>Words that name a role before or after a person's name.</summary>
    public static readonly string[] TitleWords =
    {
        "President", "Vice President", "Prime Minister", "Minister", "Secretary", "Chancellor", "King", "Queen", "Prince",
        "Princess", "Pope", "Governor", "Gov.", "Senator", "Sen.", "Rep.", "Representative", "Mayor", "Judge", "Justice",
        "General", "Gen.", "Colonel", "Col.", "Lieutenant", "Lt.", "Captain", "Capt.", "Sergeant", "Sgt.", "Admiral", "Major",
        "Commander", "Chief", "Director", "Chairman", "Chairwoman", "Chair", "Ambassador", "Mr.", "Mrs.", "Ms.", "Dr.", "Mr",
        "Mrs", "Ms", "Dr", "Prof.", "Professor", "Sir", "Dame", "Lord", "Lady", "Rev.", "Father", "Sister", "Bishop",
        "Archbishop", "Cardinal", "Sheikh", "Ayatollah", "Emperor", "Premier", "Leader", "Spokesman", "Spokeswoman",
        "Spokesperson", "Analyst", "Coach", "Officer", "CEO", "Chief Executive", "founder", "politician", "lawmaker",
        "leader", "president", "minister", "spokesman", "spokeswoman", "spokesperson", "analyst", "official", "senator",
        "governor", "mayor", "chairman", "chief", "director", "researcher", "professor", "economist", "commander",
        "general", "ambassador", "envoy", "diplomat", "lawyer", "attorney", "judge", "reporter", "correspondent", "editor",
        "author", "actor", "actress", "singer", "player", "coach", "striker", "captain", "manager", "executive", "founder",
        "premier", "chancellor", "king", "queen", "prince", "dictator", "activist", "scientist", "expert", "strategist",
        "adviser", "advisor", "secretary", "deputy", "head", "candidate", "rival", "predecessor", "successor", "leader",
        "police officer", "officer", "commentator", "colleague", "resident", "witness", "defector", "soldier", "sergeant",
        "staff sergeant", "pastor", "priest", "imam", "rabbi", "nominee", "incumbent", "challenger",
    };

    /// <summary>Words that end or start organisation names.</summary>
    public static readonly string[] OrgWords =
    {
        "Inc", "Inc.", "Corp", "Corp.", "Corporation", "Co.", "Company", "Ltd", "Ltd.", "LLC", "PLC", "plc", "Group",
        "Holdings", "Bank", "University", "College", "Institute", "Institution", "School", "Academy", "Association",
        "Society", "Foundation", "Fund", "Trust", "Council", "Committee", "Commission", "Agency", "Authority", "Bureau",
        "Department", "Ministry", "Office", "Service", "Services", "Party", "Union", "Federation", "League", "Club",
        "Organization", "Organisation", "Alliance", "Coalition", "Army", "Navy", "Forces", "Force", "Police", "Court",
        "Parliament", "Congress", "Senate", "Assembly", "Cabinet", "Government", "News", "Press", "Times", "Post", "Journal",
        "Herald", "Tribune", "Daily", "Network", "Broadcasting", "Television", "Radio", "Airlines", "Airways", "Motors",
        "Industries", "Technologies", "Systems", "Partners", "Capital", "Securities", "Insurance", "Hospital", "Center",
        "Centre", "Staff", "Chiefs", "Lines", "Shipping", "Energy", "Foods", "Bancorp", "Pharmaceuticals", "Railways", "Railway", "Guard", "Command", "Corps", "Institute", "Laboratory", "Labs", "Media", "Reuters",
        "Exchange", "FC", "United", "Rovers", "Athletic", "Wanderers",
    };

    /// <summary>Is this (lower-case hash of a) word a common one-syllable Korean, Chinese or Vietnamese family name?</summary>
    public static bool IsEastAsianSurname(ulong lowerHash) => s_eastAsianSurnames.Value.Contains(lowerHash);

    /// <summary>Common family names of Korea, China and Vietnam in their usual romanisations.</summary>
    private static readonly string[] EastAsianSurnames =
    {
        // Korean
        "Kim", "Lee", "Yi", "Rhee", "Park", "Pak", "Bak", "Choi", "Choe", "Jung", "Jeong", "Chung", "Kang", "Cho", "Jo", "Yoon",
        "Yun", "Jang", "Chang", "Lim", "Im", "Han", "Oh", "Seo", "Suh", "Shin", "Sin", "Kwon", "Hwang", "Ahn", "An", "Song", "Jeon",
        "Chun", "Hong", "Ko", "Go", "Moon", "Mun", "Yang", "Son", "Sohn", "Bae", "Baek", "Paik", "Heo", "Huh", "Yoo", "Yu", "Ryu",
        "Nam", "Noh", "Roh", "Ha", "Kwak", "Sung", "Cha", "Joo", "Ju", "Woo", "Koo", "Min", "Jin", "Ji", "Chae", "Won", "Byun",
        "Pyo", "Eom", "Uhm", "Ban", "Yeo", "Chu", "Do", "Gil", "Ma", "Na", "Tak", "Wi", "Seong", "Kye",
        // Chinese
        "Wang", "Li", "Zhang", "Liu", "Chen", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Zhu", "Hu", "Guo", "He", "Lin", "Gao",
        "Luo", "Zheng", "Liang", "Xie", "Tang", "Feng", "Deng", "Cao", "Peng", "Zeng", "Xiao", "Tian", "Dong", "Pan", "Yuan", "Cai",
        "Jiang", "Du", "Ye", "Cheng", "Wei", "Su", "Lu", "Ding", "Ren", "Shen", "Yao", "Xi", "Qin", "Bo", "Fu", "Meng", "Qian",
        "Tan", "Lam", "Wong", "Leung", "Cheung", "Chan", "Ng", "Ho", "Lau", "Yip", "Tsang", "Kwok", "Chow", "Tse", "Mak", "Lai",
        // Vietnamese
        "Nguyen", "Tran", "Le", "Pham", "Hoang", "Huynh", "Phan", "Vu", "Vo", "Dang", "Bui", "Ngo", "Duong", "Ly", "Trinh", "Dinh",
    };

    private static readonly Lazy<HashSet<ulong>> s_eastAsianSurnames = new(() => EastAsianSurnames.Select(n => Hashing.Lower(n)).ToHashSet());

    private static readonly string[] CalendarWords =
    {
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Jan.", "Feb.", "Aug.",
        "Sept.", "Sep.", "Oct.", "Nov.", "Dec.",
    };
}
