namespace NewsCmdlets.Engine.Entities.Tagging.Rules;

/// <summary>Tests on one token and the word lists that more than one family of rules reads (a family's own lists are
/// in its file).</summary>
internal static class Words
{
    /// <summary>Places of the gazetteer's own lists. WordNet's places are left out: they include buildings and
    /// institutions ("New York Stock Exchange").</summary>
    public const GazetteerClass PlaceClasses = GazetteerClass.Country | GazetteerClass.City | GazetteerClass.Region | GazetteerClass.Subdivision | GazetteerClass.Town;

    public static HashSet<ulong> Hashes(string[] words) => words.Select(w => Hashing.Lower(w)).ToHashSet();

    public static readonly ulong s_the = Hashing.Lower("the"), s_shares = Hashing.Lower("shares");

    public static bool IsWord(NerDocument doc, int k, string w) => doc.Tokens[k].Span(doc.Text).Equals(w, StringComparison.Ordinal);

    public static bool IsNumber(ReadOnlySpan<char> s, int maxDigits)
    {
        if (s.Length == 0 || s.Length > maxDigits) return false;
        foreach (char c in s) if (!char.IsDigit(c)) return false;
        return true;
    }

    /// <summary>The token is letters (and hyphens or apostrophes) all in lower case.</summary>
    public static bool IsLowerWord(NerDocument doc, int k)
    {
        foreach (char c in doc.Tokens[k].Span(doc.Text))
            if (!char.IsLower(c) && c is not '-' and not '\'' and not '’') return false;
        return true;
    }

    public static bool IsPossessive(NerDocument doc, int k) => IsWord(doc, k, "'s") || IsWord(doc, k, "’s");

    /// <summary>A word that joins the capitalised words of one name ("of", "for", "and", "&amp;", "de", "on").</summary>
    public static bool IsConnector(NerDocument doc, int k) => doc.Tokens[k].Span(doc.Text) is "of" or "for" or "and" or "&" or "de" or "on";

    /// <summary>Lower-case particles inside family names ("van der", "de", "bin").</summary>
    public static readonly HashSet<ulong> NameParticles = new[] { "van", "der", "den", "de", "von", "da", "di", "du", "del", "della", "dos", "das", "do", "bin", "bint", "binti", "ibn", "ben", "al", "el", "le", "la", "ter", "zu" }
        .Select(w => Hashing.Exact(w)).ToHashSet();

    /// <summary>A word with a capital after a hyphen or apostrophe ("Al-Nuaimi", "El-Sisi", "D'Alema"): a particle joined
    /// to a name, whatever the case of its first letter.</summary>
    public static bool HasJoinedName(NerDocument doc, int k)
    {
        var w = doc.Tokens[k].Span(doc.Text);
        for (int c = 1; c + 1 < w.Length && c <= 3; c++)
            if (w[c] is '-' or '\'' or '’') return char.IsUpper(w[c + 1]);
            else if (!char.IsLetter(w[c])) return false;
        return false;
    }

    /// <summary>A particle of a name, alone ("van", "bin", "do") or joined to the name it belongs to ("al-Otaibi",
    /// "el-Sisi", "d'Azur", "ad-Din"): a lower-case word a name may start with, end in or run through.</summary>
    public static bool IsNameParticle(NerDocument doc, int k) =>
        NameParticles.Contains(doc.Exact[k]) || (char.IsLower(doc.Text[doc.Tokens[k].Start]) && HasJoinedName(doc, k));

    /// <summary>Lower-case words inside place names besides the connectors and name particles ("Aix en Provence",
    /// "Kingston upon Hull", "Frankfurt am Main").</summary>
    public static readonly HashSet<ulong> PlaceParticles = new[] { "en", "sur", "sous", "upon", "am", "an", "im", "les", "y", "on", "the", "lès" }
        .Select(w => Hashing.Exact(w)).ToHashSet();

    public static readonly HashSet<ulong> Prepositions = Hashes(new[] { "in", "at", "near", "outside", "by", "off", "from", "to" });

    /// <summary>Adjectives and nouns for a faith or a people that no country's demonym covers ("Islamic", "Kurdish").</summary>
    public static readonly HashSet<ulong> GroupWords = Hashes(new[]
    {
        "islamic", "muslim", "muslims", "moslem", "moslems", "jewish", "catholic", "catholics", "protestant", "protestants",
        "buddhist", "buddhists", "hindu", "hindus", "sikh", "sikhs", "shi'ite", "shiite", "shia", "sunni", "orthodox", "evangelical",
        "kurd", "kurds", "kurdish", "chechen", "chechens", "basque", "basques", "tamil", "tamils", "tibetan", "tibetans",
        "uighur", "uighurs", "uyghur", "pashtun", "tutsi", "tutsis", "hutu", "hutus", "zulu", "zulus", "berber", "berbers",
        "serb", "serbs", "croat", "croats", "flemish", "walloon", "catalan", "corsican", "arab", "arabs", "bedouin", "druze",
        "rohingya", "yazidi", "cossack", "cossacks", "aboriginal", "maori", "inuit",
    });

    /// <summary>Nouns for a person of a nation that the country list's adjectives miss.</summary>
    public static readonly HashSet<ulong> NationalityNouns = Hashes(new[]
    {
        "briton", "scot", "dutchman", "dutchwoman", "frenchman", "frenchwoman", "englishman", "englishwoman", "irishman",
        "irishwoman", "welshman", "welshwoman", "scotsman", "scotswoman", "swede", "dane", "spaniard", "kiwi", "aussie", "turk",
    });

    public static readonly HashSet<ulong> SportsRoles = Hashes(new[]
    {
        "driver", "drivers", "manager", "coach", "striker", "midfielder", "defender", "goalkeeper", "keeper", "winger", "forward",
        "captain", "skipper", "playmaker", "pitcher", "quarterback", "outfielder", "rider", "teammate", "team-mate", "substitute",
        "flanker", "hooker", "fly-half", "flyhalf", "scrum-half", "scrumhalf", "full-back", "fullback", "centre-back", "centre-half",
        "wing-back", "sweeper", "batsman", "bowler", "wicketkeeper", "wicket-keeper", "all-rounder", "spinner", "paceman",
        "shortstop", "catcher", "infielder", "reliever", "linebacker", "tailback", "halfback", "goaltender", "goalie",
        "netminder", "defenceman", "defenseman", "centre", "center", "guard",
    });

    /// <summary>Words that do not describe a firm ("to which the Company is a party").</summary>
    public static readonly HashSet<ulong> FunctionWords = Hashes(new[]
    {
        "a", "an", "the", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "and", "or", "but", "of", "to",
        "in", "on", "at", "by", "for", "with", "from", "as", "its", "his", "her", "their", "our", "not", "will", "would", "said",
        "says", "which", "that", "who", "it", "he", "she", "they", "this", "these", "those", "also", "can", "could", "may",
    });

    /// <summary>Legal forms that end company names ("Brightwater AG", "Holmgate SpA"), written as they are (case matters:
    /// "SA", not "Sa"), and institution words. Used by the rules only, not as features.</summary>
    public static readonly HashSet<string> CompanySuffixes = new(StringComparer.Ordinal)
    {
        "AG", "GmbH", "SA", "S.A.", "NV", "N.V.", "SpA", "S.p.A.", "BV", "B.V.", "Plc", "PLC", "Bhd", "Pty", "Oyj", "ASA", "KGaA", "Cos", "Co", "Ltda",
        // … and institution words that end organisation names but are not in the gazetteer's features ("U.S. Treasury",
        // "Mohajir Qaumi Movement", "Polisario Front", "World Food Programme", "Confederation of Trade Unions").
        "Treasury", "Movement", "Front", "Brigade", "Brigades", "Mission", "Secretariat", "Directorate", "Inspectorate", "Guild",
        "Bourse", "Confederation", "Programme", "Unions",
        // … and industries that end firms' names ("[Hallworth Engineering]", "[British Steel]")
        "Engineering", "Electronics", "Chemicals", "Steel", "Mining", "Textiles", "Petroleum", "Construction", "Cement", "Breweries",
    };

    private static readonly Dictionary<ulong, string> s_companySuffixes = CompanySuffixes.ToDictionary(w => Hashing.Exact(w));

    /// <summary>Is the word one of <see cref="CompanySuffixes"/>, written as the list writes it?</summary>
    public static bool IsCompanySuffix(ReadOnlySpan<char> w) => s_companySuffixes.TryGetValue(Hashing.Exact(w), out var s) && w.SequenceEqual(s);

    /// <summary>A pronoun, question word or auxiliary: in capitals, a heading's word, never a dateline's or a name's.</summary>
    internal static bool IsHeadingWord(ReadOnlySpan<char> word) => HeadingWords.Contains(Hashing.Lower(word));

    private static readonly HashSet<ulong> HeadingWords = Hashes(new[]
    {
        "what", "who", "why", "how", "when", "where", "which", "you", "your", "we", "our", "i", "my", "me", "it", "its", "they", "their",
        "is", "are", "was", "do", "does", "did", "can", "will", "not", "this", "that", "these",
    });
}
