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
            known[name] = form = (Key(stripped), Words(stripped));
        }
        _items.Add((name, type, weight, form.Key, form.Words));
        return _items.Count - 1;
    }

    private readonly Dictionary<string, (string Key, string[] Words)> _personForms = new(StringComparer.Ordinal), _otherForms = new(StringComparer.Ordinal);

    /// <summary>Declares that <paramref name="alias"/> (usually an acronym) names the same entity as <paramref name="full"/>.</summary>
    public void AddAlias(string alias, string full) => _aliases.Add((Key(alias), Key(full)));

    public int Count => _items.Count;

    /// <summary>True when the two names would be merged on their own (without other names to disambiguate).</summary>
    public static bool SameEntity(string a, string b, NewsEntityType type)
    {
        var m = new EntityMerger();
        m.Add(a, type);
        m.Add(b, type);
        return m.Resolve().Count == 1;
    }

    /// <summary>Comparison key: lower case, no diacritics, no hyphens, spaces or punctuation, no leading "the".</summary>
    public static string Key(string name)
    {
        var s = name.AsSpan().Trim();
        if (s.StartsWith("the ", StringComparison.OrdinalIgnoreCase)) s = s[4..];
        if (s.EndsWith("'s", StringComparison.OrdinalIgnoreCase) || s.EndsWith("’s", StringComparison.OrdinalIgnoreCase)) s = s[..^2];
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

    private static string[] Words(string name) =>
        name.Split(new[] { ' ', '-', '‑', '.', '\u00A0' }, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => Key(w)).Where(w => w.Length > 0).ToArray();

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

    /// <summary>Groups the names added so far.</summary>
    public IReadOnlyList<EntityGroup> Resolve()
    {
        int n = _items.Count;
        var parent = Enumerable.Range(0, n).ToArray();
        int Find(int x) { while (parent[x] != x) x = parent[x] = parent[parent[x]]; return x; }
        void Union(int a, int b) { a = Find(a); b = Find(b); if (a != b) parent[Math.Max(a, b)] = Math.Min(a, b); }
        static bool Named(NewsEntityType t) => t is NewsEntityType.Person or NewsEntityType.Organization or NewsEntityType.Location;

        // A name's candidates join it when they all lie in one group: that group's root, else -1 (none, or several).
        // Candidate lists hold one index per mention, so a name is often there many times: no copies while checking.
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

        // 1. Same key: same entity (named types may disagree on type: the tagger is not always consistent).
        var byKey = new Dictionary<(NewsEntityType, string), int>();
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
        // 1b. A name that opens with an abbreviation ("US Geological Survey", "U.S. Geological Survey", "UN Security
        // Council") is the name that spells those words out ("United States Geological Survey"): the capitalised words
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
        var byInitials = new Dictionary<string, List<int>>();
        bool anyAcronym = false;
        for (int i = 0; i < n && !anyAcronym; i++) anyAcronym = _items[i].Type != NewsEntityType.Person && IsAcronymLike(_items[i].Name);
        var indexed = anyAcronym ? new HashSet<(string, bool)>() : null;
        for (int j = 0; j < n && anyAcronym; j++)
        {
            if (_items[j].Words.Length < 2 || !Named(_items[j].Type)) continue;
            bool person = _items[j].Type == NewsEntityType.Person;
            if (!indexed!.Add((_items[j].Name, person))) continue;
            foreach (var ini in Initials(person ? StripTitle(_items[j].Name) : _items[j].Name))
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
        // 3. A person's single name ("Lee", "Trump") joins the one longer person name that starts or ends with it.
        var byEdgeWord = new Dictionary<string, List<int>>();
        for (int j = 0; j < n; j++)
        {
            var o = _items[j];
            if (o.Type != NewsEntityType.Person || o.Words.Length < 2) continue;
            for (int e = 0; e < 2; e++)
            {
                string w = e == 0 ? o.Words[0] : o.Words[^1];
                if (e == 1 && w == o.Words[0]) break;
                if (!byEdgeWord.TryGetValue(w, out var l)) byEdgeWord[w] = l = new List<int>();
                l.Add(j);
            }
        }
        for (int i = 0; i < n; i++)
        {
            var it = _items[i];
            if (it.Type != NewsEntityType.Person || it.Words.Length != 1) continue;
            if (!byEdgeWord.TryGetValue(it.Words[0], out var cands)) continue;
            int root = SingleRoot(cands, -1);
            if (root >= 0) Union(i, root);
        }

        // 3b. A one-word organisation (or a "person" the tagger mistook) that starts exactly one longer organisation name:
        // "Brightwater" → "Brightwater Lines". Places are left alone ("Washington" is not "Washington Post").
        var byFirstOrgWord = new Dictionary<string, List<int>>();
        for (int j = 0; j < n; j++)
        {
            var o = _items[j];
            if (o.Type != NewsEntityType.Organization || o.Words.Length < 2) continue;
            if (!byFirstOrgWord.TryGetValue(o.Words[0], out var l)) byFirstOrgWord[o.Words[0]] = l = new List<int>();
            l.Add(j);
        }
        for (int i = 0; i < n; i++)
        {
            var it = _items[i];
            if (it.Type is not (NewsEntityType.Organization or NewsEntityType.Person) || it.Words.Length != 1) continue;
            if (!byFirstOrgWord.TryGetValue(it.Words[0], out var cands)) continue;
            int root = SingleRoot(cands, -1);
            if (root < 0) continue;
            // A person's one-word name that also belongs to a longer person's name stays with the person.
            if (it.Type == NewsEntityType.Person && byEdgeWord.ContainsKey(it.Words[0])) continue;
            Union(i, root);
        }

        // 4. Build the groups: type by weight, canonical = fullest, then most weighted, then first seen.
        var groups = new Dictionary<int, EntityGroup>();
        var order = new List<int>();
        for (int i = 0; i < n; i++)
        {
            int r = Find(i);
            if (!groups.TryGetValue(r, out var g)) { groups[r] = g = new EntityGroup(); order.Add(r); }
            g._members.Add(i);
        }
        var result = new List<EntityGroup>(groups.Count);
        foreach (int r in order)
        {
            var g = groups[r];
            if (g._members.Count == 1)
            {
                // A name alone (most groups of an article): its type, its one form, its name without a person's title.
                var it = _items[g._members[0]];
                g.Type = it.Type;
                g.Forms = new[] { it.Name };
                string stripped = it.Type == NewsEntityType.Person ? StripTitle(it.Name) : it.Name;
                g.Canonical = stripped.Length > 0 ? stripped : it.Name;
                result.Add(g);
                continue;
            }
            var typeWeights = g._members.GroupBy(m => _items[m].Type).Select(x => (Type: x.Key, W: x.Sum(m => _items[m].Weight), First: x.Min())).OrderByDescending(x => x.W).ThenBy(x => x.First).ToList();
            g.Type = typeWeights[0].Type;
            var forms = g._members.GroupBy(m => _items[m].Name).Select(x => (Name: x.Key, W: x.Sum(m => _items[m].Weight), First: x.Min())).ToList();
            g.Forms = forms.OrderByDescending(x => x.W).ThenBy(x => x.First).Select(x => x.Name).ToArray();
            g.Canonical = forms
                .Select(x => (x.Name, Stripped: g.Type == NewsEntityType.Person ? StripTitle(x.Name) : x.Name, x.W, x.First))
                .OrderByDescending(x => IsAcronymLike(x.Stripped) ? 0 : 1)
                .ThenByDescending(x => Words(x.Stripped).Length)
                .ThenByDescending(x => x.W)
                .ThenBy(x => x.First)
                .Select(x => x.Stripped.Length > 0 ? x.Stripped : x.Name).First();
            result.Add(g);
        }
        return result;
    }

    private static IEnumerable<string> Initials(string phrase)
    {
        var words = phrase.Split(new[] { ' ', '-' }, StringSplitOptions.RemoveEmptyEntries).Where(w => char.IsLetter(w[0])).ToList();
        if (words.Count < 2) yield break;
        string all = new string(words.Select(w => char.ToUpperInvariant(w[0])).ToArray());
        string major = new string(words.Where(w => !Minor.Contains(w)).Select(w => char.ToUpperInvariant(w[0])).ToArray());
        yield return all;
        if (major != all && major.Length >= 2) yield return major;
        // An opening abbreviation gives all its letters: "US Geological Survey" is USGS, as "United States Geological Survey" is.
        if (OpensWithAbbreviation(phrase, out string letters))
        {
            string spelled = letters + new string(words.Skip(1).Where(w => !Minor.Contains(w)).Select(w => char.ToUpperInvariant(w[0])).ToArray());
            if (spelled != all && spelled != major) yield return spelled;
        }
    }

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
    /// Geological Survey" → the key of "US Geological Survey"); none when the name is too short to keep a rest.
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

    private static bool IsAcronymLike(string s) => s.Length <= 8 && !s.Any(char.IsLower) && s.Count(char.IsLetter) >= 2;
}
