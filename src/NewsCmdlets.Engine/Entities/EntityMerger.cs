namespace NewsCmdlets.Engine.Entities;

/// <summary>A group of names found to denote one entity.</summary>
public sealed class EntityGroup
{
    /// <summary>The name to show: the fullest form ("Lee Jae-myung" over "Lee"; "Joint Chiefs of Staff" over "JCS").</summary>
    public string Canonical { get; internal set; } = "";
    public NewsEntityType Type { get; internal set; }
    /// <summary>Indices of the names added to the merger (the return values of <see cref="EntityMerger.Add"/>).</summary>
    public IReadOnlyList<int> Members => _members;
    /// <summary>The distinct forms, most weighted first.</summary>
    public IReadOnlyList<string> Forms { get; internal set; } = Array.Empty<string>();
    internal readonly List<int> _members = new();
}

/// <summary>
/// Decides which names denote the same entity: spelling variants ("Lee Jae-myung" = "Lee Jae Myung"), titles
/// ("President Lee" = "Lee"), short forms of a person's name when only one person carries it, acronyms ("JCS" =
/// "Joint Chiefs of Staff") and aliases declared in the text ("military demarcation line (MDL)"). No PowerShell types:
/// usable for article scope, corpus scope and comparison of coverage alike. Not thread-safe; use one per job.
/// </summary>
public sealed class EntityMerger
{
    private readonly List<(string Name, NewsEntityType Type, double Weight, string Key, string[] Words)> _items = new();
    private readonly List<(string Alias, string Full)> _aliases = new();

    /// <summary>Adds a name; returns its index. <paramref name="weight"/> is usually the number of mentions.</summary>
    public int Add(string name, NewsEntityType type, double weight = 1)
    {
        // A person's title is no part of the name ("President Lee" = "Lee"); an organisation's first word may look
        // like one and is ("General Assembly", "General Motors").
        // A name is added once a mention: its key and words are worked out once per spelling (and per title rule).
        bool person = type == NewsEntityType.Person;
        var known = person ? _personForms : _otherForms;
        if (!known.TryGetValue(name, out var form))
        {
            string stripped = person ? StripTitle(name) : name;
            var words = Words(stripped);
            known[name] = form = (Key(stripped), person ? WithoutGenerationSuffix(words) : words);
        }
        _items.Add((name, type, weight, form.Key, form.Words));
        return _items.Count - 1;
    }

    /// <summary>
    /// A person's words without a generational suffix at the end ("Arthur Penrose III", "Martin Kell Jr."), so the surname
    /// is the last word a lone "Penrose" or "Kell" meets; the key keeps it, so "John Hale Jr." and "John Hale Sr." stay two
    /// people (and a lone "Hale" then joins neither). A Roman numeral after a lone given name is a monarch's or pope's
    /// ("Charles III"), not a suffix: it stays.
    /// </summary>
    private static string[] WithoutGenerationSuffix(string[] words)
    {
        if (words.Length < 2) return words;
        string last = words[^1];
        bool suffix = last is "jr" or "sr" ||
            last is "ii" or "iii" or "iv" && (words.Length >= 3 || (Gazetteer.Shared.LookupWord(words[0]) & GazetteerClass.GivenName) == 0);
        return suffix ? words[..^1] : words;
    }

    private readonly Dictionary<string, (string Key, string[] Words)> _personForms = new(StringComparer.Ordinal), _otherForms = new(StringComparer.Ordinal);

    /// <summary>Spellings a reused merger remembers across <see cref="Clear"/> (per table) before it forgets them all.</summary>
    internal const int FormsKept = 4096;

    /// <summary>Declares that <paramref name="alias"/> (usually an acronym) names the same entity as <paramref name="full"/>.</summary>
    public void AddAlias(string alias, string full) => _aliases.Add((Key(alias), Key(full)));

    public int Count => _items.Count;

    /// <summary>
    /// Declares as aliases two spellings of one name among the names added so far that <see cref="Resolve"/> does not join
    /// on its own: a body named with its country's adjective or name and without ("the Kestrian Transport Ministry", "the
    /// Transport Ministry", "the Ministry of Transport"; "Kestria Weather Bureau", "Weather Bureau"), when the names give no
    /// other country's (the rest of at least two words); and a name spelled one letter apart in one word of at least six
    /// letters, not its first or last ("Tarrakesh" and "Tarrakech") but for a last i or y ("Vostovski" and "Vostovsky"),
    /// unless both are countries. For the names of one story told by several outlets (Compare-NewsCoverage), where two
    /// spellings are two outlets' ways of writing one name; not for an article's own names. Names are bucketed by length and
    /// first letter, so only names of one bucket are compared.
    /// </summary>
    public void AddSpellingAliases()
    {
        Dictionary<string, List<string>>? demonyms = null;
        Dictionary<(int, char, int), List<string[]>>? buckets = null;
        Dictionary<string, string>? parties = null;
        List<string[]>? plurals = null;
        var gazetteer = Gazetteer.Shared;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, type, _, _, _) in _items)
        {
            // Each spelling once, with the type it was first added with.
            if (!seen.Add(name)) continue;
            var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // "Conservative Party" and "the Conservatives", "Democratic Party" and "Democrats": a party and its members.
            if (type != NewsEntityType.Person && words.Length is >= 2 and <= 4)
            {
                if (words[^1] == "Party" && char.IsUpper(words[^2][0]))
                    (parties ??= new Dictionary<string, string>(StringComparer.Ordinal)).TryAdd(string.Join(' ', words, 0, words.Length - 1), name);
            }
            if (type != NewsEntityType.Person && words.Length <= 3 && words[^1].Length > 4 && words[^1][^1] == 's' && words[^1][^2] != 's' && char.IsUpper(words[^1][0]))
                (plurals ??= new List<string[]>()).Add(words);
            // "Kestrian Transport Ministry", "Kestria Weather Bureau": a body named with its country's adjective or name.
            if (words.Length >= 3 && type != NewsEntityType.Person
                && (gazetteer.CountryOfDemonym(words[0]) != null || (gazetteer.LookupWord(words[0]) & GazetteerClass.Country) != 0))
            {
                string rest = string.Join(' ', words, 1, words.Length - 1);
                demonyms ??= new Dictionary<string, List<string>>(StringComparer.Ordinal);
                if (!demonyms.TryGetValue(rest, out var l)) demonyms[rest] = l = new List<string>();
                if (!l.Contains(words[0])) l.Add(words[0]);
            }
            if (words.Length > 4) continue;
            for (int w = 0; w < words.Length; w++)
            {
                if (words[w].Length < 6 || !char.IsUpper(words[w][0])) continue;
                var k = (words.Length, char.ToLowerInvariant(words[w][0]), words[w].Length * 8 + w);
                buckets ??= new Dictionary<(int, char, int), List<string[]>>();
                if (!buckets.TryGetValue(k, out var l)) buckets[k] = l = new List<string[]>();
                l.Add(words);
            }
        }
        if (parties != null && plurals != null)
            foreach (var words in plurals)
            {
                int from = words[0] == "The" ? 1 : 0;
                if (from >= words.Length) continue;
                string last = words[^1], stem = string.Join(' ', words, from, words.Length - from - 1);
                string prefix = stem.Length > 0 ? stem + " " : "";
                // "Conservatives" for the "Conservative Party", "Democrats" for the "Democratic Party".
                if (parties.TryGetValue(prefix + last[..^1], out var full) || parties.TryGetValue(prefix + last[..^1] + "ic", out full))
                    AddAlias(string.Join(' ', words), full);
            }
        if (demonyms != null)
            foreach (var (rest, adjectives) in demonyms)
            {
                if (adjectives.Count != 1) continue;
                string full = adjectives[0] + " " + rest;
                AddAlias(full, rest);
                int last = rest.LastIndexOf(' ');
                if (rest.EndsWith(" Ministry", StringComparison.Ordinal) || rest.EndsWith(" Department", StringComparison.Ordinal))
                    AddAlias(full, rest[(last + 1)..] + " of " + rest[..last]);
            }
        if (buckets == null) return;
        foreach (var ((_, _, at), list) in buckets)
        {
            if (list.Count < 2 || list.Count > 64) continue;
            int w = at % 8;
            for (int i = 0; i < list.Count; i++)
                for (int j = i + 1; j < list.Count; j++)
                    if (OneLetterApart(list[i], list[j], w)) AddAlias(string.Join(' ', list[i]), string.Join(' ', list[j]));
        }
    }

    /// <summary>Word <paramref name="w"/> of two names differs in one inner letter and every other word is the same.</summary>
    private static bool OneLetterApart(string[] a, string[] b, int w)
    {
        for (int k = 0; k < a.Length; k++) if (k != w && !string.Equals(a[k], b[k], StringComparison.Ordinal)) return false;
        string x = a[w], y = b[w];
        int diff = -1;
        for (int c = 0; c < x.Length; c++)
            if (char.ToLowerInvariant(x[c]) != char.ToLowerInvariant(y[c]))
            {
                if (diff >= 0) return false;
                diff = c;
            }
        // The last letter only as a transliteration's i or y ("Vostovski", "Vostovsky"), not an ending of another word.
        bool iy = diff == x.Length - 1 && (char.ToLowerInvariant(x[diff]), char.ToLowerInvariant(y[diff])) is ('i', 'y') or ('y', 'i');
        if (!iy && (diff <= 0 || diff == x.Length - 1 || !char.IsLetter(x[diff]) || !char.IsLetter(y[diff]))) return false;
        var g = Gazetteer.Shared;
        return !((g.LookupWord(x) & GazetteerClass.Country) != 0 && (g.LookupWord(y) & GazetteerClass.Country) != 0);
    }

    /// <summary>True when the two names would be merged on their own (without other names to disambiguate).</summary>
    public static bool SameEntity(string a, string b, NewsEntityType type)
    {
        var m = new EntityMerger();
        m.Add(a, type);
        m.Add(b, type);
        return m.Resolve().Count == 1;
    }

    /// <summary>Comparison key: lower case, no diacritics, no hyphens, spaces or punctuation, no leading "the".</summary>
    public static string Key(string name) => Key(name.AsSpan());

    /// <summary>The <see cref="Key(string)"/> of a part of a string (a word of a name), without making the part a string first.</summary>
    internal static string Key(ReadOnlySpan<char> name)
    {
        var s = KeyPart(name);
        // Called for every mention and every name looked up in a comparison: the key is written into a buffer on the
        // stack (a pooled array for a long name) and becomes one string, with no builder in between.
        char[]? rented = s.Length > 256 ? System.Buffers.ArrayPool<char>.Shared.Rent(s.Length) : null;
        Span<char> buffer = rented ?? stackalloc char[256];
        int n = 0;
        foreach (char c in s)
            if (char.IsLetterOrDigit(c)) buffer[n++] = Tagging.Hashing.Fold(c);
        string key = n == 0 ? "" : new string(buffer[..n]);
        if (rented != null) System.Buffers.ArrayPool<char>.Shared.Return(rented);
        return key;
    }

    /// <summary>Would <see cref="Key(ReadOnlySpan{char})"/> of this part be non-empty? (The same trimming, no string made.)</summary>
    private static bool HasKey(ReadOnlySpan<char> name)
    {
        foreach (char c in KeyPart(name)) if (char.IsLetterOrDigit(c)) return true;
        return false;
    }

    /// <summary>The part of a name its key is made from: trimmed, without a leading "the " or a trailing possessive "'s".</summary>
    private static ReadOnlySpan<char> KeyPart(ReadOnlySpan<char> name)
    {
        var s = name.Trim();
        if (s.StartsWith("the ", StringComparison.OrdinalIgnoreCase)) s = s[4..];
        if (s.EndsWith("'s", StringComparison.OrdinalIgnoreCase) || s.EndsWith("’s", StringComparison.OrdinalIgnoreCase)) s = s[..^2];
        return s;
    }

    private static readonly System.Buffers.SearchValues<char> WordBreaks = System.Buffers.SearchValues.Create(" -‑.\u00A0");

    /// <summary>
    /// The keys of a name's words (split at spaces, hyphens and points; words with no key left out), as
    /// name.Split(…).Select(Key).Where(non-empty) gave them, read from the name in place: one array, one string a word.
    /// </summary>
    private static string[] Words(string name)
    {
        int count = WordCount(name);
        if (count == 0) return Array.Empty<string>();
        var words = new string[count];
        int k = 0;
        var rest = name.AsSpan();
        while (rest.Length > 0)
        {
            int b = rest.IndexOfAny(WordBreaks);
            var w = b < 0 ? rest : rest[..b];
            rest = b < 0 ? default : rest[(b + 1)..];
            if (w.Length == 0) continue;
            string key = Key(w);
            if (key.Length > 0) words[k++] = key;
        }
        return words;
    }

    /// <summary>How many words <see cref="Words"/> gives for a name, with nothing allocated.</summary>
    private static int WordCount(ReadOnlySpan<char> name)
    {
        int count = 0;
        while (name.Length > 0)
        {
            int b = name.IndexOfAny(WordBreaks);
            var w = b < 0 ? name : name[..b];
            name = b < 0 ? default : name[(b + 1)..];
            if (w.Length > 0 && HasKey(w)) count++;
        }
        return count;
    }

    private static readonly HashSet<string> TitleSet = new(Gazetteer.TitleWords.Where(t => char.IsUpper(t[0])), StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Abbreviated ranks and offices written before a name ("Sgt", "Lt Col", "FO" for a first officer, "DSP" for a
    /// deputy superintendent of police, "PM"), exactly as written: never part of the person's name. Letter pairs that are
    /// as often a person's initials ("SP", "DK") are not here.
    /// </summary>
    private static readonly HashSet<string> RankAbbreviations = new(StringComparer.Ordinal)
    {
        "Lt", "Col", "Maj", "Gen", "Brig", "Capt", "Cdr", "Cmdr", "Sgt", "Cpl", "Pvt", "Pte", "Insp", "Supt", "Det", "Adm", "Wg",
        "Sqn", "Ldr", "Flt", "Cllr", "Gov", "Sen", "Rep", "Amb", "Const", "Constable", "Inspector", "Superintendent",
        "LT", "COL", "MAJ", "GEN", "CAPT", "SGT", "CPL", "PVT", "FO", "PM", "CM", "DSP", "ASP", "SSP", "DCP", "ACP", "ASI", "DIG",
        "DGP", "SHO", "MLA",
    };

    /// <summary>"President Lee Jae-myung" → "Lee Jae-myung"; "Mr. Smith" → "Smith"; "Sgt Ana Voss" → "Ana Voss". A lone title is kept.</summary>
    public static string StripTitle(string name)
    {
        string s = name.Trim();
        for (int guard = 0; guard < 3; guard++)
        {
            int sp = s.IndexOf(' ');
            if (sp <= 0) break;
            string first = s[..sp];
            if (!TitleSet.Contains(first) && !TitleSet.Contains(first.TrimEnd('.')) && !RankAbbreviations.Contains(first.TrimEnd('.'))) break;
            s = s[(sp + 1)..].TrimStart();
        }
        return s;
    }

    private static readonly HashSet<string> Minor = new(StringComparer.OrdinalIgnoreCase) { "of", "for", "and", "the", "on", "de", "in", "&", "to" };

    /// <summary>True when <paramref name="acronym"/> spells the initials of <paramref name="phrase"/>'s words ("JCS", "Joint Chiefs of Staff").</summary>
    public static bool IsAcronymOf(string acronym, string phrase)
    {
        var letters = acronym.Where(char.IsLetter).ToArray();
        if (letters.Length < 2 || letters.Length > 8 || acronym.Any(char.IsLower)) return false;
        var words = phrase.Split(new[] { ' ', '-' }, StringSplitOptions.RemoveEmptyEntries).Where(w => char.IsLetter(w[0])).ToList();
        // With minor words (JCS) and without (NATO is all words too).
        foreach (bool skipMinor in new[] { true, false })
        {
            var initials = words.Where(w => !skipMinor || !Minor.Contains(w)).Select(w => char.ToUpperInvariant(w[0])).ToArray();
            if (initials.Length == letters.Length && initials.SequenceEqual(letters.Select(char.ToUpperInvariant))) return true;
        }
        return false;
    }

    // Resolve's working tables, kept by the merger and emptied for its next call: a merger used for article after article
    // (the quote pass keeps one a thread) makes them once.
    private readonly Dictionary<(NewsEntityType, string), int> _byKey = new();
    private readonly Dictionary<string, int> _edgeHead = new(StringComparer.Ordinal), _orgHead = new(StringComparer.Ordinal);
    private readonly List<(int Item, int Next)> _links = new(); // candidate lists of _edgeHead and _orgHead, chained
    private readonly List<(NewsEntityType Type, double W, int First)> _typeWeights = new();
    private readonly List<(string Name, double W, int First)> _forms = new();
    private int[] _parent = Array.Empty<int>(), _groupAt = Array.Empty<int>();

    /// <summary>Forgets every name and alias added, keeping the tables for the next names (a merger reused per thread).</summary>
    internal void Clear()
    {
        _items.Clear();
        _aliases.Clear();
        // A spelling's key and words are the same in every article (they depend on the spelling alone): kept for the next
        // names, so a name met again is not keyed and split again; forgotten once the tables hold many, so they stay small.
        if (_personForms.Count > FormsKept) _personForms.Clear();
        if (_otherForms.Count > FormsKept) _otherForms.Clear();
    }

    /// <summary>Groups the names added so far.</summary>
    public IReadOnlyList<EntityGroup> Resolve()
    {
        int n = _items.Count;
        if (_parent.Length < n) { _parent = new int[Math.Max(n, 2 * _parent.Length)]; _groupAt = new int[_parent.Length]; }
        var parent = _parent;
        for (int i = 0; i < n; i++) parent[i] = i;
        int Find(int x) { while (parent[x] != x) x = parent[x] = parent[parent[x]]; return x; }
        void Union(int a, int b) { a = Find(a); b = Find(b); if (a != b) parent[Math.Max(a, b)] = Math.Min(a, b); }
        static bool Named(NewsEntityType t) => t is NewsEntityType.Person or NewsEntityType.Organization or NewsEntityType.Location;

        // A name's candidates join it when they all lie in one group: that group's root, else -1 (none, or several).
        // Candidate lists hold one index per mention, so a name is often there many times: no copies while checking.
        // The answer does not depend on the candidates' order.
        int SingleRoot(List<int> cands, int except)
        {
            int root = -1;
            foreach (int j in cands)
            {
                if (j == except) continue;
                int r = Find(j);
                if (root < 0) root = r;
                else if (r != root) return -1;
            }
            return root;
        }
        var links = _links;
        links.Clear();
        // The same for a list chained through _links from its last-added candidate.
        int SingleRootOf(int head)
        {
            int root = -1;
            for (int l = head; l >= 0; l = links[l].Next)
            {
                int r = Find(links[l].Item);
                if (root < 0) root = r;
                else if (r != root) return -1;
            }
            return root;
        }
        void Chain(Dictionary<string, int> heads, string word, int item)
        {
            links.Add((item, heads.TryGetValue(word, out int head) ? head : -1));
            heads[word] = links.Count - 1;
        }

        // 1. Same key: same entity (named types may disagree on type: the tagger is not always consistent).
        var byKey = _byKey;
        byKey.Clear();
        for (int i = 0; i < n; i++)
        {
            var it = _items[i];
            if (it.Key.Length == 0) continue;
            string key = it.Key;
            // A group's singular and plural are one group: "North Korean" (soldier) and "North Koreans".
            if (it.Type == NewsEntityType.Group && key.Length > 4 && key[^1] == 's' && key[^2] != 's') key = key[..^1];
            var k = (Named(it.Type) ? NewsEntityType.Person : it.Type, key);
            if (byKey.TryGetValue(k, out int j)) Union(i, j); else byKey[k] = i;
        }
        // 1a. "Ministry of (the) Interior" is the "Interior Ministry"; "Department of Health", the "Health Department".
        Dictionary<string, int>? byHeadLast = null;
        for (int i = 0; i < n; i++)
        {
            var it = _items[i];
            if (!Named(it.Type) || it.Type == NewsEntityType.Person || it.Words.Length < 2) continue;
            if (it.Words[^1] is "ministry" or "department") (byHeadLast ??= new Dictionary<string, int>(StringComparer.Ordinal)).TryAdd(it.Key, i);
        }
        if (byHeadLast != null)
            for (int i = 0; i < n; i++)
            {
                var it = _items[i];
                if (!Named(it.Type) || it.Type == NewsEntityType.Person || it.Words.Length < 3 || it.Words[0] is not ("ministry" or "department") || it.Words[1] != "of") continue;
                int rest = it.Words.Length > 3 && it.Words[2] == "the" ? 3 : 2;
                if (byHeadLast.TryGetValue(string.Concat(it.Words.AsSpan(rest).ToArray()) + it.Words[0], out int j)) Union(i, j);
            }
        // 1b. A name that opens with an abbreviation ("US Forest Service", "U.S. Forest Service", "UN Security
        // Council") is the name that spells those words out ("United States Forest Service"): the capitalised words
        // whose initials the abbreviation is, the rest of the name the same.
        Dictionary<string, int>? byAbbreviated = null;
        for (int i = 0; i < n; i++)
        {
            var it = _items[i];
            if (it.Type == NewsEntityType.Person || !Named(it.Type) || !OpensWithAbbreviation(it.Name, out _)) continue;
            (byAbbreviated ??= new Dictionary<string, int>(StringComparer.Ordinal)).TryAdd(it.Key, i);
        }
        if (byAbbreviated != null)
            for (int i = 0; i < n; i++)
            {
                var it = _items[i];
                if (it.Type == NewsEntityType.Person || !Named(it.Type) || it.Words.Length < 3) continue;
                foreach (string spelled in AbbreviatedKeys(it.Name))
                    if (byAbbreviated.TryGetValue(spelled, out int j)) Union(i, j);
            }
        // 2. Declared aliases and acronyms.
        if (_aliases.Count > 0)
        {
            var keyToItem = new Dictionary<string, List<int>>();
            for (int i = 0; i < n; i++)
            {
                if (!keyToItem.TryGetValue(_items[i].Key, out var l)) keyToItem[_items[i].Key] = l = new List<int>();
                l.Add(i);
            }
            foreach (var (alias, full) in _aliases)
                if (keyToItem.TryGetValue(alias, out var a) && keyToItem.TryGetValue(full, out var f))
                    foreach (var x in a) Union(x, f[0]);
        }
        // Acronyms: index multi-word names by their initials (with and without minor words), then look each acronym up.
        // A spelling is indexed once (its other mentions are in its group already, by step 1); only when an acronym is there.
        bool anyAcronym = false;
        for (int i = 0; i < n && !anyAcronym; i++) anyAcronym = _items[i].Type != NewsEntityType.Person && IsAcronymLike(_items[i].Name);
        if (anyAcronym)
        {
            var byInitials = new Dictionary<string, List<int>>();
            var indexed = new HashSet<(string, bool)>();
            for (int j = 0; j < n; j++)
            {
                if (_items[j].Words.Length < 2 || !Named(_items[j].Type)) continue;
                bool person = _items[j].Type == NewsEntityType.Person;
                if (!indexed.Add((_items[j].Name, person))) continue;
                Initials(person ? StripTitle(_items[j].Name) : _items[j].Name, _initials);
                foreach (var ini in _initials)
                {
                    if (!byInitials.TryGetValue(ini, out var l)) byInitials[ini] = l = new List<int>();
                    l.Add(j);
                }
            }
            for (int i = 0; i < n; i++)
            {
                var it = _items[i];
                if (it.Type == NewsEntityType.Person || !IsAcronymLike(it.Name)) continue;
                string letters = new string(it.Name.Where(char.IsLetter).ToArray()).ToUpperInvariant();
                if (!byInitials.TryGetValue(letters, out var cands)) continue;
                int root = SingleRoot(cands, i);
                if (root >= 0) Union(i, root);
            }
        }
        // 3. A person's single name ("Lee", "Trump") joins the one longer person name that starts or ends with it.
        var byEdgeWord = _edgeHead;
        byEdgeWord.Clear();
        for (int j = 0; j < n; j++)
        {
            var o = _items[j];
            if (o.Type != NewsEntityType.Person || o.Words.Length < 2) continue;
            for (int e = 0; e < 2; e++)
            {
                string w = e == 0 ? o.Words[0] : o.Words[^1];
                if (e == 1 && w == o.Words[0]) break;
                Chain(byEdgeWord, w, j);
            }
        }
        for (int i = 0; i < n; i++)
        {
            var it = _items[i];
            if (it.Type != NewsEntityType.Person || it.Words.Length != 1) continue;
            if (!byEdgeWord.TryGetValue(it.Words[0], out int head)) continue;
            int root = SingleRootOf(head);
            if (root >= 0) Union(i, root);
        }

        // 3b. A one-word organisation (or a "person" the tagger mistook) that starts exactly one longer organisation name:
        // "Brightwater" → "Brightwater Lines". Places are left alone ("Washington" is not "Washington Post").
        var byFirstOrgWord = _orgHead;
        byFirstOrgWord.Clear();
        for (int j = 0; j < n; j++)
        {
            var o = _items[j];
            if (o.Type != NewsEntityType.Organization || o.Words.Length < 2) continue;
            Chain(byFirstOrgWord, o.Words[0], j);
        }
        for (int i = 0; i < n; i++)
        {
            var it = _items[i];
            if (it.Type is not (NewsEntityType.Organization or NewsEntityType.Person) || it.Words.Length != 1) continue;
            if (!byFirstOrgWord.TryGetValue(it.Words[0], out int head)) continue;
            int root = SingleRootOf(head);
            if (root < 0) continue;
            // A person's one-word name that also belongs to a longer person's name stays with the person.
            if (it.Type == NewsEntityType.Person && byEdgeWord.ContainsKey(it.Words[0])) continue;
            Union(i, root);
        }

        // 4. Build the groups, in the order their first names were added: type by weight, canonical = fullest, then most
        // weighted, then first seen.
        var groupAt = _groupAt;
        for (int i = 0; i < n; i++) groupAt[i] = -1;
        var result = new List<EntityGroup>();
        for (int i = 0; i < n; i++)
        {
            int r = Find(i);
            int gi = groupAt[r];
            if (gi < 0) { groupAt[r] = gi = result.Count; result.Add(new EntityGroup()); }
            result[gi]._members.Add(i);
        }
        foreach (var g in result)
        {
            if (g._members.Count == 1)
            {
                // A name alone (most groups of an article): its type, its one form, its name without a person's title.
                var it = _items[g._members[0]];
                g.Type = it.Type;
                g.Forms = new[] { it.Name };
                string stripped = it.Type == NewsEntityType.Person ? StripTitle(it.Name) : it.Name;
                g.Canonical = stripped.Length > 0 ? stripped : it.Name;
                continue;
            }
            g.Type = HeaviestType(g._members);
            var forms = FormsByWeight(g._members);
            var names = new string[forms.Count];
            for (int f = 0; f < forms.Count; f++) names[f] = forms[f].Name;
            g.Forms = names;
            g.Canonical = Fullest(forms, g.Type == NewsEntityType.Person);
        }
        return result;
    }

    /// <summary>
    /// The type of a group's members with the most weight (summed in member order), the first seen on a tie: what
    /// GroupBy(type), Sum, OrderByDescending(weight) and ThenBy(first member) chose.
    /// </summary>
    private NewsEntityType HeaviestType(List<int> members)
    {
        var types = _typeWeights;
        types.Clear();
        foreach (int m in members)
        {
            var t = _items[m].Type;
            int k = 0;
            while (k < types.Count && types[k].Type != t) k++;
            if (k == types.Count) types.Add((t, 0.0, m));
            var x = types[k];
            x.W += _items[m].Weight;
            types[k] = x;
        }
        int best = 0;
        for (int k = 1; k < types.Count; k++)
        {
            int c = types[k].W.CompareTo(types[best].W);
            if (c > 0 || c == 0 && types[k].First < types[best].First) best = k;
        }
        return types[best].Type;
    }

    /// <summary>
    /// A group's distinct spellings (ordinal) with their summed weight (in member order) and first member, most weighted
    /// first, then first seen: what GroupBy(name), Sum, OrderByDescending and ThenBy gave. The list is the merger's own,
    /// good until the next call.
    /// </summary>
    private List<(string Name, double W, int First)> FormsByWeight(List<int> members)
    {
        var forms = _forms;
        forms.Clear();
        Dictionary<string, int>? index = members.Count > 32 ? new Dictionary<string, int>(StringComparer.Ordinal) : null;
        foreach (int m in members)
        {
            string name = _items[m].Name;
            int k;
            if (index != null)
            {
                if (!index.TryGetValue(name, out k)) { index[name] = k = forms.Count; forms.Add((name, 0.0, m)); }
            }
            else
            {
                k = 0;
                while (k < forms.Count && !string.Equals(forms[k].Name, name)) k++;
                if (k == forms.Count) forms.Add((name, 0.0, m));
            }
            var x = forms[k];
            x.W += _items[m].Weight;
            forms[k] = x;
        }
        forms.Sort(static (a, b) =>
        {
            int c = b.W.CompareTo(a.W);
            return c != 0 ? c : a.First.CompareTo(b.First);
        });
        return forms;
    }

    /// <summary>
    /// The canonical name among a group's forms (a person's without titles): not an acronym, then the most words, then the
    /// most weight, then the first seen; the form itself when stripping leaves nothing.
    /// </summary>
    private static string Fullest(List<(string Name, double W, int First)> forms, bool person)
    {
        string bestName = "", bestStripped = "";
        int bestAcronym = -1, bestWords = -1, bestFirst = int.MaxValue;
        double bestW = 0;
        foreach (var (name, w, first) in forms)
        {
            string stripped = person ? StripTitle(name) : name;
            int notAcronym = IsAcronymLike(stripped) ? 0 : 1;
            int words = WordCount(stripped);
            int c = notAcronym.CompareTo(bestAcronym);
            if (c == 0) c = words.CompareTo(bestWords);
            if (c == 0) c = w.CompareTo(bestW);
            if (c == 0) c = bestFirst.CompareTo(first);
            if (bestAcronym < 0 || c > 0)
            {
                bestName = name; bestStripped = stripped; bestAcronym = notAcronym; bestWords = words; bestW = w; bestFirst = first;
            }
        }
        return bestStripped.Length > 0 ? bestStripped : bestName;
    }

    private static void Initials(string phrase, List<string> into)
    {
        // What splitting at spaces and hyphens, keeping the words that open with a letter, and joining their first letters
        // in capitals gave, without the words, the iterators and the letter arrays (this runs for every multi-word name of
        // an article or story with an acronym).
        into.Clear();
        int n = phrase.Length;
        Span<char> all = n <= 128 ? stackalloc char[128] : new char[n];
        Span<char> major = n <= 128 ? stackalloc char[128] : new char[n];
        Span<char> rest = n <= 128 ? stackalloc char[128] : new char[n]; // the major words' after the first word
        int words = 0, na = 0, nm = 0, nr = 0;
        for (int i = 0; i < n;)
        {
            if (phrase[i] is ' ' or '-') { i++; continue; }
            int start = i;
            while (i < n && phrase[i] is not (' ' or '-')) i++;
            if (!char.IsLetter(phrase[start])) continue;
            char up = char.ToUpperInvariant(phrase[start]);
            all[na++] = up;
            if (!IsMinor(phrase.AsSpan(start, i - start)))
            {
                major[nm++] = up;
                if (words > 0) rest[nr++] = up;
            }
            words++;
        }
        if (words < 2) return;
        string allLetters = new(all[..na]), majorLetters = new(major[..nm]);
        into.Add(allLetters);
        if (majorLetters != allLetters && majorLetters.Length >= 2) into.Add(majorLetters);
        // An opening abbreviation gives all its letters: "US Forest Service" is USFS, as "United States Forest Service" is.
        if (OpensWithAbbreviation(phrase, out string letters))
        {
            string spelled = letters + new string(rest[..nr]);
            if (spelled != allLetters && spelled != majorLetters) into.Add(spelled);
        }
    }

    private static readonly string[] MinorWords = Minor.ToArray();

    /// <summary><see cref="Minor"/>'s test on a span (its comparer: ordinal, ignoring case).</summary>
    private static bool IsMinor(ReadOnlySpan<char> word)
    {
        foreach (var m in MinorWords) if (word.Equals(m, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    private readonly List<string> _initials = new();

    /// <summary>
    /// The name opens with an abbreviation of two or three capitals, dotted or not ("US", "U.S.", "UN"), followed by more of
    /// the name; <paramref name="letters"/> are its capitals.
    /// </summary>
    private static bool OpensWithAbbreviation(string name, out string letters)
    {
        letters = "";
        var s = name.AsSpan().Trim();
        if (s.StartsWith("the ", StringComparison.OrdinalIgnoreCase)) s = s[4..];
        int sp = s.IndexOf(' ');
        if (sp <= 0 || sp == s.Length - 1) return false;
        var first = s[..sp];
        int caps = 0;
        foreach (char c in first)
        {
            if (c == '.') continue;
            if (!char.IsUpper(c)) return false;
            caps++;
        }
        if (caps is < 2 or > 3) return false;
        Span<char> buf = stackalloc char[3];
        int k = 0;
        foreach (char c in first) if (c != '.') buf[k++] = c;
        letters = new string(buf[..k]);
        return true;
    }

    /// <summary>
    /// The keys of a name with its two or three opening capitalised words written as their initials ("United States
    /// Forest Service" → the key of "US Forest Service"); none when the name is too short to keep a rest.
    /// </summary>
    private static IEnumerable<string> AbbreviatedKeys(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        int start = words.Length > 0 && words[0].Equals("the", StringComparison.OrdinalIgnoreCase) ? 1 : 0;
        for (int k = 2; k <= 3 && start + k < words.Length; k++)
        {
            bool ok = true;
            for (int w = start; w < start + k && ok; w++)
                ok = words[w].Length > 1 && char.IsUpper(words[w][0]) && words[w].Skip(1).All(char.IsLower);
            if (!ok) break;
            var initials = new char[k];
            for (int w = 0; w < k; w++) initials[w] = Tagging.Hashing.Fold(words[start + w][0]);
            yield return new string(initials) + Key(string.Join(' ', words, start + k, words.Length - start - k));
        }
    }

    private static bool IsAcronymLike(string s)
    {
        if (s.Length > 8) return false;
        int letters = 0;
        foreach (char c in s)
        {
            if (char.IsLower(c)) return false;
            if (char.IsLetter(c)) letters++;
        }
        return letters >= 2;
    }
}
