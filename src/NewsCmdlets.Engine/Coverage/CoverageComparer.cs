using System.Text;
using NewsCmdlets.Engine.Entities;
using NewsCmdlets.Engine.Model;
using NewsCmdlets.Engine.Quotes;

namespace NewsCmdlets.Engine.Coverage;

/// <summary>
/// Compares how the outlets of one story covered it (Compare-NewsCoverage): which people, organisations, places and
/// groups, quotes, sources, numbers and dates each outlet has; where outlets disagree on a figure, a date or who holds
/// a role; how each outlet frames the story (hedges, loaded words, whose sources it quotes); and which articles are
/// copies of one text. Only an article's Title, Standfirst and Body are read (never the chrome the importer removed,
/// never captions).
/// </summary>
/// <remarks>
/// Entities and quotes are extracted once per article with the process-wide models. Role conflicts are reported as
/// <see cref="CoverageKind.Entity"/> items with <see cref="NewsCoverageItem.Type"/> "Role" and status
/// <see cref="CoverageStatus.Conflict"/>. Not thread-safe: one instance per thread (the models are shared).
/// </remarks>
public sealed partial class CoverageComparer
{
    private readonly EntityExtractor _entities;
    private readonly QuoteExtractor _quotes;

    public CoverageComparer() : this(new EntityExtractor(), new QuoteExtractor()) { }

    public CoverageComparer(EntityExtractor entities, QuoteExtractor quotes)
    {
        _entities = entities;
        _quotes = quotes;
    }

    /// <summary>Entities and quotes stored before (the cache): reused instead of computed, and given what is computed.</summary>
    public IAnalysisStore? Store { get; init; }

    private sealed class ArticleData
    {
        public required NewsArticle Article;
        /// <summary>The article's body, decoded once for the whole comparison (the article keeps it as UTF-8 and decodes it on every read).</summary>
        public required string Body;
        public required int Outlet;
        public required ArticleEntities Entities;
        public required ArticleQuotes Quotes;
        public required Dictionary<string, int> NameGroup;
        /// <summary>Names looked up in this article and the entity group each resolved to (-1: none).</summary>
        public required Dictionary<string, int> Looked;
        /// <summary>Which lines can hold a claim (not captions, credits, time stamps, tables, sub-heads).</summary>
        public required ClaimableText Shape;
        /// <summary>Mentions of each entity (by canonical name) in claimable text: a name only in page furniture is left out.</summary>
        public required Dictionary<string, int> Counts;
        /// <summary>Figures, dates and roles are read by English rules only.</summary>
        public bool English = true;
        /// <summary>Each entity's first sentence in claimable text.</summary>
        public required Dictionary<string, string> FirstSentence;
        /// <summary>Names as written in claimable text outside the title and standfirst.</summary>
        public required HashSet<string> BeyondTitle;
    }

    /// <summary>
    /// The tables of <see cref="ArticleData"/>, emptied and kept for the comparer's next story (one comparer a thread):
    /// made per article, they were a tenth of what the comparison itself allocated. Emptied tables keep no entry, so
    /// each lookup answers as in a new one. At most <see cref="MaxKeptTables"/> of each kind, none grown large.
    /// </summary>
    private readonly Stack<Dictionary<string, int>> _freeCounts = new();
    /// <summary>The words of one field at a time, read for framing (a list the comparer keeps, not one a story).</summary>
    private readonly List<CoverageText.Word> _fieldWords = new();
    private readonly Stack<Dictionary<string, string>> _freeSentences = new();
    private readonly Stack<HashSet<string>> _freeNames = new();
    private const int MaxKeptTables = 256, MaxKeptEntries = 1024;

    /// <summary>Tables kept for the next story (for tests).</summary>
    internal int KeptTables => _freeCounts.Count + _freeSentences.Count + _freeNames.Count;

    private Dictionary<string, int> RentCounts(int capacity = 0)
    {
        if (!_freeCounts.TryPop(out var d)) return new Dictionary<string, int>(capacity, StringComparer.Ordinal);
        d.EnsureCapacity(capacity);
        return d;
    }

    private Dictionary<string, string> RentSentences(int capacity)
    {
        if (!_freeSentences.TryPop(out var d)) return new Dictionary<string, string>(capacity, StringComparer.Ordinal);
        d.EnsureCapacity(capacity);
        return d;
    }

    private void GiveBack(List<ArticleData> data, Dictionary<string, int>[] vectors)
    {
        foreach (var v in vectors)
            if (_freeCounts.Count < MaxKeptTables && v.Count <= MaxKeptEntries) { v.Clear(); _freeCounts.Push(v); }
        foreach (var d in data)
        {
            foreach (var t in (ReadOnlySpan<Dictionary<string, int>>)[d.NameGroup, d.Looked, d.Counts])
                if (_freeCounts.Count < MaxKeptTables && t.Count <= MaxKeptEntries) { t.Clear(); _freeCounts.Push(t); }
            if (_freeSentences.Count < MaxKeptTables && d.FirstSentence.Count <= MaxKeptEntries) { d.FirstSentence.Clear(); _freeSentences.Push(d.FirstSentence); }
            if (_freeNames.Count < MaxKeptTables && d.BeyondTitle.Count <= MaxKeptEntries) { d.BeyondTitle.Clear(); _freeNames.Push(d.BeyondTitle); }
        }
    }

    private sealed class EntityGroupInfo
    {
        public string Name = "";
        public NewsEntityType Type;
        public int[] Counts = Array.Empty<int>();
        public string?[] Forms = Array.Empty<string?>();
        /// <summary>Per outlet, what its article says the entity is (its description), else the sentence naming it.</summary>
        public string?[] Said = Array.Empty<string?>();
    }

    private static bool IsNamed(NewsEntityType t) => t is NewsEntityType.Person or NewsEntityType.Organization or NewsEntityType.Location or NewsEntityType.Group;

    public CoverageComparison Compare(NewsStory story, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(story);
        var articles = story.Articles.Where(a => a != null).ToList();
        var outlets = OrderOutlets(story, articles);
        var outletIndex = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < outlets.Count; i++) outletIndex[outlets[i]] = i;
        int o = outlets.Count;
        var warnings = new List<string>();

        // 1. Entities and quotes, once per article.
        var data = new List<ArticleData>(articles.Count);
        foreach (var a in articles)
        {
            cancel.ThrowIfCancellationRequested();
            string articleBody = a.Body;
            var en = Store?.GetEntities(a);
            if (en == null)
            {
                en = _entities.Extract(a, articleBody, cancel);
                Store?.PutEntities(a, en);
            }
            var q = Store?.GetQuotes(a);
            if (q == null)
            {
                q = _quotes.ExtractText(articleBody ?? "", a.Id, a.Outlet ?? a.Agency, en, cancel); // what Extract(a, en) does, on the body decoded above
                Store?.PutQuotes(a, q);
            }
            var d = new ArticleData
            {
                Article = a, Body = articleBody!, Outlet = outletIndex[OutletName.Of(a)], Entities = en, Quotes = q, Shape = ClaimableText.Of(a, articleBody),
                // One key an entity at most (a mention's name is its entity's): made at that size, not grown to it.
                Counts = RentCounts(en.Entities.Count), NameGroup = RentCounts(), Looked = RentCounts(), BeyondTitle = _freeNames.TryPop(out var names) ? names : new(StringComparer.Ordinal),
                FirstSentence = RentSentences(en.Entities.Count),
                English = string.IsNullOrEmpty(a.Language) || a.Language.StartsWith("en", StringComparison.OrdinalIgnoreCase),
            };
            foreach (var m in en.Mentions)
                if (d.Shape.Claimable(m.Field, m.Offset, m.Sentence) && !InsideFacilityName(m))
                {
                    d.Counts[m.Name] = d.Counts.TryGetValue(m.Name, out int n) ? n + 1 : 1;
                    if (m.Sentence != null) d.FirstSentence.TryAdd(m.Name, m.Sentence);
                    if (m.Field is not ("Title" or "Standfirst")) d.BeyondTitle.Add(m.Text);
                }
            data.Add(d);
            foreach (var w in en.Warnings) warnings.Add($"{a.Id}: {w}");
        }
        if (o == 1) warnings.Add("Only one outlet covers this story, so every item is Unique and nothing can be compared.");
        var foreign = data.Where(d => !d.English).ToList();
        if (foreign.Count > 0)
            warnings.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture,
                "{0} article(s) not in English ({1}) were left out of the comparison of figures, dates and roles, which reads English only; their people, places and quotes are compared.",
                foreign.Count, string.Join(", ", foreign.Select(d => OutletName.Of(d.Article) + ": " + d.Article.Language).Distinct().Take(5))));

        var ctx = new Context(story, outlets);
        var items = new List<NewsCoverageItem>();

        // 2. Entities merged across the outlets' spellings.
        var groups = MergeEntities(_merger, data, o, out var globalNames);
        int Lookup(ArticleData d, string? name)
        {
            if (string.IsNullOrWhiteSpace(name)) return -1;
            // The same names are looked up again and again (every mention, twice for the story's main place and owner; every
            // claim's places): each article remembers what its names resolved to.
            if (d.Looked.TryGetValue(name, out int known)) return known;
            int found = Resolve(d, name);
            d.Looked[name] = found;
            return found;
        }
        // A source's name is a place of the story: its group's type, or else a place's name and its kind ("Tarnby city"),
        // not a body of the place ("Kestria's coast guard").
        bool IsPlace(ArticleData d, string name, int group)
        {
            if (group < 0 && name.IndexOf(' ') is int sp && sp > 0 && name.IndexOf(' ', sp + 1) < 0 && PlaceKinds.Contains(name[(sp + 1)..])) group = Lookup(d, name[..sp]);
            return group >= 0 && groups[group].Type == NewsEntityType.Location;
        }
        int Resolve(ArticleData d, string name)
        {
            string k = EntityMerger.Key(name);
            if (d.NameGroup.TryGetValue(k, out int g) || globalNames.TryGetValue(k, out g)) return g;
            string stripped = EntityMerger.Key(EntityMerger.StripTitle(name));
            if (d.NameGroup.TryGetValue(stripped, out g) || globalNames.TryGetValue(stripped, out g)) return g;
            return -1;
        }
        foreach (var g in groups.Where(g => g.Counts.Any(c => c > 0)).OrderByDescending(g => g.Counts.Count(c => c > 0)).ThenByDescending(g => g.Counts.Sum()))
        {
            // An outlet naming itself ("told the Gazette", "Photo: Gazette staff") reports nothing about the event.
            var has = Enumerable.Range(0, o).Where(i => g.Counts[i] > 0 && !(g.Type == NewsEntityType.Organization && NamesOwnOutlet(outlets[i], g.Forms[i] ?? g.Name))).ToList();
            if (has.Count == 0) continue;
            var values = new FieldSources();
            var said = new FieldSources();
            foreach (int i in has)
            {
                values.Set(outlets[i], g.Forms[i] ?? g.Name);
                if (g.Said[i] is string w) said.Set(outlets[i], CoverageText.Shorten(w, 220));
            }
            bool spellingsDiffer = has.Select(i => g.Forms[i]).Distinct(StringComparer.Ordinal).Count() > 1;
            // What only one outlet names says what it is: the article's description of it, or its sentence.
            string? detail = spellingsDiffer ? ctx.Detail(values) : has.Count == 1 && g.Said[has[0]] is string what ? CoverageText.Shorten(what, 160) : null;
            var item = ctx.Item(CoverageKind.Entity, g.Name, g.Type.ToString(), has, null, detail, values);
            items.Add(new NewsCoverageItem
            {
                Story = item.Story, StoryTitle = item.StoryTitle, Kind = item.Kind, Key = item.Key, Type = item.Type, Outlets = item.Outlets,
                OutletCount = item.OutletCount, MissingFrom = item.MissingFrom, Status = item.Status, Detail = item.Detail, Values = values, Sentences = said,
            });
        }
        cancel.ThrowIfCancellationRequested();

        // 3. Roles given to different people for the same office or event.
        items.AddRange(RoleConflicts(data.Where(d => d.English).ToList(), groups, ctx, Lookup));

        // 4. Quotes per speaker; sources per outlet.
        var quotesBySpeaker = new Dictionary<string, (string Name, List<(int Outlet, NewsQuote Quote)> Quotes)>(StringComparer.Ordinal);
        var sources = new Dictionary<string, SourceInfo>(StringComparer.Ordinal);
        var quoteCounts = new int[o];
        foreach (var d in data)
        {
            string body = d.Body;
            foreach (var q in d.Quotes.Quotes)
            {
                quoteCounts[d.Outlet]++;
                if (string.IsNullOrWhiteSpace(q.Speaker))
                {
                    // "…, with the Chosun Ilbo daily saying …": a named source in the description of an unnamed speaker.
                    if (NamedInDescription(q.SpeakerDescription) is string named)
                        AddSource(sources, d.Outlet, named, QuoteExtractor.Classify(named), Lookup(d, named), groups, Quoted(q));
                    continue;
                }
                int g = Lookup(d, q.Speaker);
                // A speaker that is no name ("The plane was", "He also erroneously") credits the words to nobody.
                if (g < 0 && !SpeakerLike(q.Speaker!)) continue;
                // "Photos from Tarnby revealed …": the place the pictures or reports come from, not who speaks.
                if (IsPlace(d, q.Speaker!, g) && body.LastIndexOf(q.Speaker!, Math.Min(q.Offset, body.Length - 1), StringComparison.Ordinal) is int sa
                    && sa >= 0 && q.Offset - sa < 200 && AfterFrom(body, sa)) continue;
                // "<place> recorded N cases", "<place> saw N aftershocks": a place where something was seen, not who speaks.
                if (q.Verb is string qv && PlaceVerbs.Contains(qv) && IsPlace(d, q.Speaker!, g)) continue;
                string name = g >= 0 ? groups[g].Name : q.Speaker!.Trim();
                string key = g >= 0 ? "#" + g : CoverageText.NameKey(name);
                if (!quotesBySpeaker.TryGetValue(key, out var entry)) quotesBySpeaker[key] = entry = (name, new List<(int, NewsQuote)>());
                entry.Quotes.Add((d.Outlet, q));
                AddSource(sources, d.Outlet, q.Speaker!, QuoteExtractor.Classify(q.Speaker!, q.SpeakerDescription), g, groups, Quoted(q));
            }
            foreach (var at in d.Quotes.Attributions)
                // A photo credit or a caption credits a picture, not a claim; "reports from Tarnby city showed …" name where
                // the reports come from.
                if ((ClaimableText.IsClaimableLine(at.Sentence, title: false) || at.Sentence.Length == 0) && PublishedWords(at) is var issued && issued != Issued.Nothing
                    && !(issued == Issued.Warning && IsPlace(d, at.Source, Lookup(d, at.Source)))
                    && !(PlaceVerbs.Contains(at.Verb) && IsPlace(d, at.Source, Lookup(d, at.Source)))
                    && !(at.Offset > 0 && IsPlace(d, at.Source, Lookup(d, at.Source)) && at.Offset < body.Length && AfterFrom(body, at.Offset)))
                    AddSource(sources, d.Outlet, at.Source, at.SourceKind, Lookup(d, at.Source), groups,
                        at.Sentence.Length > 0 ? CoverageText.Shorten(at.Sentence, 220) : null);
        }
        foreach (var (_, (name, list)) in quotesBySpeaker)
        {
            var has = list.Select(x => x.Outlet).Distinct().OrderBy(x => x).ToList();
            var values = new FieldSources();
            foreach (int i in has)
                values.Set(outlets[i], string.Join(" / ", list.Where(x => x.Outlet == i).Select(x => Quoted(x.Quote, 80)).Distinct().Take(3)));
            var kind = list.Select(x => x.Quote.Kind).Min();
            items.Add(ctx.Item(CoverageKind.Quote, name, kind.ToString(), has, null, ctx.Detail(values), values));
        }
        // "Video posted online showed …", "the earthquake …": a lone common word credited as a source is no source; nor are
        // common words capitalised only because they open a sentence ("Four dead, … reports", "A video shared …").
        foreach (var k in sources.Where(kv => kv.Value.Kind == SourceKind.Other && !kv.Value.Entity
                                              && (kv.Value.Name.IndexOf(' ') < 0 || !kv.Value.Name.Any(char.IsUpper) || OpensSentenceOnly(kv.Value.Name, globalNames, data))
                                              && !Text.WireAgencies.TryResolve(kv.Value.Name, out _)).Select(kv => kv.Key).ToList())
            sources.Remove(k);
        foreach (var s in sources.Values)
        {
            var has = s.Outlets.OrderBy(x => x).ToList();
            var values = new FieldSources();
            var said = new FieldSources();
            foreach (int i in has)
            {
                values.Set(outlets[i], s.Kind.ToString());
                if (s.Said.TryGetValue(i, out var w)) said.Set(outlets[i], w);
            }
            // A source only one outlet cites says what it is cited for: the words quoted or the sentence citing it.
            string? detail = has.Count == 1 && s.Said.TryGetValue(has[0], out var what) ? CoverageText.Shorten(what, 160) : null;
            items.Add(ctx.Item(CoverageKind.Source, s.Name, s.Kind.ToString(), has, null, detail, values, said));
        }
        cancel.ThrowIfCancellationRequested();

        // 5. Numbers and dates: claims aligned by what they measure and about what.
        items.AddRange(ClaimItems(data, ctx, groups, Lookup, warnings));
        cancel.ThrowIfCancellationRequested();

        // 6. Framing: hedges, loaded words, sources by kind.
        var hedges = new List<string>[o];
        var loaded = new List<string>[o];
        for (int i = 0; i < o; i++) { hedges[i] = new List<string>(); loaded[i] = new List<string>(); }
        // Each field's words are read once, for the framing lexicons here and for the summary's word vectors and counts.
        var vectors = new Dictionary<string, int>[o];
        for (int i = 0; i < o; i++) vectors[i] = RentCounts();
        var wordCounts = new int[data.Count];
        var fieldWords = _fieldWords;
        for (int di = 0; di < data.Count; di++)
        {
            var d = data[di];
            var vector = vectors[d.Outlet];
            foreach (var text in Fields(d.Article, d.Body))
            {
                var words = CoverageText.Words(text, fieldWords);
                wordCounts[di] += words.Count;
                foreach (var w in words)
                    if (CoverageText.Content(w.Text) is string c) vector[c] = vector.TryGetValue(c, out int n) ? n + 1 : 1;
                var (h, l) = FramingLexicon.Find(text, words);
                hedges[d.Outlet].AddRange(h);
                loaded[d.Outlet].AddRange(l);
            }
        }
        items.AddRange(FramingItems(ctx, "hedging", "certainty", hedges, "no hedges (asserts)"));
        items.AddRange(FramingItems(ctx, "loaded language", "wording", loaded, "none"));
        foreach (var kind in Enum.GetValues<SourceKind>())
        {
            var perOutlet = new List<string>[o];
            for (int i = 0; i < o; i++) perOutlet[i] = sources.Values.Where(s => s.Kind == kind && s.Outlets.Contains(i)).Select(s => s.Name).ToList();
            var has = Enumerable.Range(0, o).Where(i => perOutlet[i].Count > 0).ToList();
            if (has.Count == 0) continue;
            var values = new FieldSources();
            for (int i = 0; i < o; i++) values.Set(outlets[i], perOutlet[i].Count + (perOutlet[i].Count > 0 ? " (" + string.Join(", ", perOutlet[i]) + ")" : ""));
            items.Add(ctx.Item(CoverageKind.Framing, SourcesKey(kind), "sources", has, null, ctx.Detail(values), values));
        }

        // 7. Copies of one text.
        var copyOf = new HashSet<NewsArticle>(ReferenceEqualityComparer.Instance);
        foreach (var group in story.CopyGroups)
        {
            var members = group.Where(a => a != null && outletIndex.ContainsKey(OutletName.Of(a))).ToList();
            if (members.Count == 0) continue;
            var original = members.FirstOrDefault(a => a.Agency != null && string.Equals(OutletName.Of(a), a.Agency, StringComparison.OrdinalIgnoreCase))
                           ?? members.OrderBy(a => a.Published ?? DateTimeOffset.MaxValue).First();
            foreach (var a in members) if (!ReferenceEquals(a, original)) copyOf.Add(a);
            var has = members.Select(a => outletIndex[OutletName.Of(a)]).Distinct().OrderBy(x => x).ToList();
            var values = new FieldSources();
            foreach (var a in members) values.Set(OutletName.Of(a), (a.Title ?? a.Id) + " (" + a.Id + ")");
            string key = members.Select(a => a.Agency).FirstOrDefault(x => !string.IsNullOrWhiteSpace(x)) ?? members[0].Title ?? members[0].Id;
            items.Add(ctx.Item(CoverageKind.Copy, key, "copy", has, null, ctx.Detail(values), values));
        }

        // 8. Summary per outlet and the entity matrix.
        var summary = Summarise(data, ctx, groups, items, sources, quoteCounts, hedges, copyOf, vectors, wordCounts);
        var matrix = groups.Where(g => g.Counts.Any(c => c > 0)).OrderByDescending(g => g.Counts.Sum()).ThenBy(g => g.Name, StringComparer.Ordinal)
            .Select(g => new NewsCoverageMatrixRow
            {
                Story = story.Id, StoryTitle = story.Title, Entity = g.Name, Type = g.Type.ToString(),
                Counts = Enumerable.Range(0, o).Select(i => new KeyValuePair<string, int>(outlets[i], g.Counts[i])).ToArray(),
            }).ToList();

        GiveBack(data, vectors); // nothing of data, nor the word vectors, is in the result
        return new CoverageComparison { Story = story, Items = items, Summary = summary, Matrix = matrix, Warnings = warnings.Distinct().ToList() };
    }

    /// <summary>The story's outlets in its own order when given, else in article order (earliest first).</summary>
    private static List<string> OrderOutlets(NewsStory story, List<NewsArticle> articles)
    {
        var present = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var a in articles.OrderBy(a => a.Published ?? DateTimeOffset.MaxValue))
        {
            string name = OutletName.Of(a);
            if (seen.Add(name)) present.Add(name);
        }
        var ordered = story.Outlets.Where(x => seen.Contains(x)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var p in present) if (!ordered.Contains(p, StringComparer.OrdinalIgnoreCase)) ordered.Add(p);
        return ordered.Select(x => present.First(p => string.Equals(p, x, StringComparison.OrdinalIgnoreCase))).ToList();
    }

    /// <summary>The article's title, standfirst (unless the title again) and body (<paramref name="body"/>: decoded once by the caller).</summary>
    private static IEnumerable<string> Fields(NewsArticle a, string body)
    {
        if (!string.IsNullOrWhiteSpace(a.Title)) yield return a.Title!;
        if (!string.IsNullOrWhiteSpace(a.Standfirst) && !string.Equals(a.Standfirst!.Trim(), a.Title?.Trim(), StringComparison.Ordinal)) yield return a.Standfirst!;
        if (!string.IsNullOrWhiteSpace(body)) yield return body;
    }

    /// <summary>Builds items with consistent outlets, missing outlets and status.</summary>
    private sealed class Context
    {
        public readonly NewsStory Story;
        public readonly List<string> Outlets;
        public Context(NewsStory story, List<string> outlets) { Story = story; Outlets = outlets; }

        public NewsCoverageItem Item(CoverageKind kind, string key, string? type, IReadOnlyCollection<int> has, CoverageStatus? status, string? detail, FieldSources values,
            FieldSources? sentences = null)
        {
            int count = has.Count;
            var st = status ?? (count <= 1 ? CoverageStatus.Unique : count >= Outlets.Count ? CoverageStatus.Shared : CoverageStatus.Partial);
            var order = new int[count];
            int n = 0;
            foreach (int i in has) order[n++] = i;
            Array.Sort(order);
            var present = new bool[Outlets.Count];
            var named = new List<string>(count);
            foreach (int i in order) { named.Add(Outlets[i]); present[i] = true; }
            var missing = new List<string>(Outlets.Count - count > 0 ? Outlets.Count - count : 0);
            for (int i = 0; i < Outlets.Count; i++) if (!present[i]) missing.Add(Outlets[i]);
            return new NewsCoverageItem
            {
                Story = Story.Id, StoryTitle = Story.Title, Kind = kind, Key = key, Type = type,
                Outlets = new TextList(named), OutletCount = count,
                MissingFrom = new TextList(missing),
                Status = st, Detail = detail, Values = values, Sentences = sentences ?? new FieldSources(),
            };
        }

        public string Detail(FieldSources values) => string.Join(" | ", values.Select(kv => kv.Key + ": " + kv.Value));
    }

    // ---------------------------------------------------------------- entities

    /// <summary>The comparer's merger (one a comparer, so one a thread), emptied for each story: its tables and spelling keys are made once.</summary>
    private readonly EntityMerger _merger = new();

    private static List<EntityGroupInfo> MergeEntities(EntityMerger merger, List<ArticleData> data, int outletCount, out Dictionary<string, int> globalNames)
    {
        merger.Clear();
        var owner = new List<(int Article, int Entity)>();
        // The story's names as written, for the names made of two of them ("Kestria-Vellan talks").
        var written = new HashSet<string>(StringComparer.Ordinal);
        for (int a = 0; a < data.Count; a++)
            foreach (var en in data[a].Entities.Entities)
                if (IsNamed(en.Type) && data[a].Counts.ContainsKey(en.Name)) written.Add(en.Name);
        for (int a = 0; a < data.Count; a++)
        {
            var es = data[a].Entities.Entities;
            for (int e = 0; e < es.Count; e++)
            {
                if (!IsNamed(es[e].Type) || !data[a].Counts.ContainsKey(es[e].Name) || !LooksLikeName(es[e].Name) || JoinsTwoNames(es[e].Name, written)) continue;
                // Every form takes part, so "Lee Jae Myung" in one outlet meets "Lee Jae-myung" and "Lee" in another; but not a
                // title's "Pellwood Layoffs" for "Pellwood" (the first form added stands for the entity: without another, it is left out).
                bool person = es[e].Type == NewsEntityType.Person;
                var forms = es[e].Forms;
                // The name, then each form not met before (Prepend and Distinct, without their iterators and set: a few forms).
                for (int fi = -1; fi < forms.Count; fi++)
                {
                    string f = fi < 0 ? es[e].Name : forms[fi];
                    if (fi >= 0 && SeenBefore(f, es[e].Name, forms, fi)) continue;
                    if (!person && (f != es[e].Name || !data[a].BeyondTitle.Contains(f)) && EndsInHeadlineWord(f)) continue;
                    merger.Add(f, es[e].Type, f == es[e].Name ? Math.Max(1, es[e].Mentions) : 0.5);
                    owner.Add((a, e));
                }
            }
        }
        // Two outlets' spellings of one name ("the Kestrian Transport Ministry" and "the Transport Ministry").
        merger.AddSpellingAliases();
        var resolved = merger.Resolve();
        var memberGroup = new int[merger.Count];
        for (int g = 0; g < resolved.Count; g++) foreach (int m in resolved[g]._members) memberGroup[m] = g;
        var infos = resolved.Select(g => new EntityGroupInfo { Name = g.Canonical, Type = g.Type, Counts = new int[outletCount], Forms = new string?[outletCount], Said = new string?[outletCount] }).ToList();
        globalNames = new Dictionary<string, int>(StringComparer.Ordinal);
        var done = new HashSet<(int, int)>();
        for (int m = 0; m < owner.Count; m++)
        {
            var (a, e) = owner[m];
            if (!done.Add((a, e))) continue; // the first form added is the entity's name: the entity goes with its group
            int g = memberGroup[m];
            var ent = data[a].Entities.Entities[e];
            var info = infos[g];
            int outlet = data[a].Outlet;
            info.Counts[outlet] += data[a].Counts.TryGetValue(ent.Name, out int claimable) ? claimable : ent.Mentions;
            info.Forms[outlet] ??= ent.Name;
            // "Dr." or "Mr." alone describes nobody: the sentence naming the person says more ("Orla Fenn, Dr." would be the detail).
            info.Said[outlet] ??= !string.IsNullOrWhiteSpace(ent.Description) && !HonorificOnly(ent.Description) ? ent.Name + ", " + ent.Description : data[a].FirstSentence.GetValueOrDefault(ent.Name) ?? ent.Sentence;
            for (int fi = -1; fi < ent.Forms.Count; fi++)
            {
                string k = EntityMerger.Key(fi < 0 ? ent.Name : ent.Forms[fi]);
                if (k.Length == 0) continue;
                data[a].NameGroup.TryAdd(k, g);
                globalNames.TryAdd(k, g);
            }
        }
        return infos;
    }

    /// <summary>Whether <paramref name="form"/> is <paramref name="name"/> or one of the first <paramref name="count"/> of <paramref name="forms"/>.</summary>
    private static bool SeenBefore(string form, string name, IReadOnlyList<string> forms, int count)
    {
        if (string.Equals(form, name, StringComparison.Ordinal)) return true;
        for (int i = 0; i < count; i++) if (string.Equals(form, forms[i], StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>
    /// "Kestria-Vellan" in "Kestria-Vellan earthquake" or "Kestria-Vellan talks": two names of the story joined by a hyphen
    /// name the two (each an entity of its own), not a third place or organisation.
    /// </summary>
    internal static bool JoinsTwoNames(string name, HashSet<string> written)
    {
        int dash = name.IndexOf('-');
        if (dash <= 0 || dash == name.Length - 1 || name.IndexOf('-', dash + 1) >= 0 || name.IndexOf(' ') >= 0) return false;
        string left = name[..dash], right = name[(dash + 1)..];
        return char.IsUpper(left[0]) && char.IsUpper(right[0]) && written.Contains(left) && written.Contains(right);
    }

    /// <summary>
    /// A name found only in a title (or standfirst) whose last word is a common word ("Harbour Closures", "Pellwood Layoffs"), or
    /// such a form of a name: a title's capitals made a name of a name and the news about it. Organisation and place words
    /// ("Agency", "Island") end names; people are not asked ("Ada Cook").
    /// </summary>
    internal static bool EndsInHeadlineWord(string name)
    {
        int space = name.LastIndexOf(' ');
        if (space <= 0 || space == name.Length - 1) return false;
        var last = name.AsSpan(space + 1);
        var g = Gazetteer.Shared;
        const GazetteerClass named = GazetteerClass.OrgWord | GazetteerClass.Company | GazetteerClass.Country | GazetteerClass.City | GazetteerClass.Region
                                     | GazetteerClass.Town | GazetteerClass.Subdivision | GazetteerClass.WnPlace | GazetteerClass.WnOrg | GazetteerClass.Title;
        var c = g.LookupWord(last);
        if ((c & named) != 0) return false;
        if ((c & GazetteerClass.LowerWord) != 0) return true;
        // A plural the dictionary lists in the singular ("closures").
        return last.Length > 3 && last[^1] == 's' && (g.LookupWord(last[..^1]) & (GazetteerClass.LowerWord | named)) == GazetteerClass.LowerWord;
    }

    private static readonly HashSet<string> FacilityNouns = new(StringComparer.Ordinal)
    {
        "Airport", "International", "University", "College", "Hospital", "Stadium", "Street", "Road", "Avenue", "Square", "Bridge",
        "Station", "School", "Institute", "Museum", "Park", "Hall", "Centre", "Center", "Building", "Tower", "Market", "Prize", "Award",
        // Written in lower case after the name too ("the Ilse Marrow church", "the Hollis Varga stadium"): a person is not followed by a building's noun.
        "monastery", "temple", "pagoda", "mosque", "church", "cathedral", "shrine", "synagogue", "monument", "stadium", "airport",
    };

    /// <summary>What a figure is cited from rather than who gives it: "according to figures", "data showed".</summary>
    private static readonly HashSet<string> DataNouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "figures", "data", "statistics", "numbers", "estimates", "tallies", "tally", "records", "reports", "report",
    };

    private static readonly HashSet<string> NotSpeakerStart = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this", "that", "there", "his", "her", "its", "their", "but", "and", "so",
    };

    /// <summary>
    /// A speaker the quote finder named that can stand as one: a name (capitalised words, at most six) or a description
    /// of people ("officials", "a senior analyst at the institute"), not the start of a sentence ("The plane was").
    /// </summary>
    private static bool SpeakerLike(string speaker)
    {
        var words = speaker.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0 || words.Length > 8) return false;
        // "2,310 residents reported injured": a figure's counted people, not who reports it.
        if (char.IsDigit(words[0][0])) return false;
        // "according to figures from the ministry": the figures are what is cited, not who cites them.
        if (DataNouns.Contains(words[^1]) && words.Length <= 2 && (words.Length == 1 || NotSpeakerStart.Contains(words[0]))) return false;
        if (char.IsUpper(words[0][0]))
            return !NotSpeakerStart.Contains(words[0]) && words.Length <= 6 && words.All(w => char.IsUpper(w[0]) || w is "of" or "the" or "for" or "and" or "de" or "van" or "von" or "al" or "bin");
        if (!words.All(w => !NotSpeakerStart.Contains(w) || w is "the" or "a" or "an") || MeasureLexicon.HappenedVerbs.Contains(words[^1])) return false;
        // "according to a regulatory filing", "data compiled by …", "the statement said": a document or a figure is what is
        // cited, not who speaks; nor is the story's event ("the quake claimed …").
        if (words.Any(w => DataNouns.Contains(w) || DocumentNouns.Contains(w)) || MeasureLexicon.EventNouns.Contains(words[^1])) return false;
        // "as well", "so far", "at least seven people": the tail of a phrase cut off before the speaker's verb.
        if (CutPhraseTails.Contains(words[0])) return false;
        // A lone lower-case word names people only as a plural or a body ("officials", "police"), not "well" or "far".
        return words.Length > 1 || words[0].EndsWith('s') || BodyNouns.Contains(words[0]);
    }

    private static readonly HashSet<string> Honorifics = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "mx", "mx.", "dr", "dr.", "sir", "dame", "madam", "madame", "mme", "mme.", "m.",
    };

    /// <summary>A description made only of forms of address ("Dr.", "Mr."): it says nothing of who the person is.</summary>
    private static bool HonorificOnly(string description)
    {
        foreach (var w in description.Split(new[] { ' ', ',' }, StringSplitOptions.RemoveEmptyEntries))
            if (!Honorifics.Contains(w)) return false;
        return true;
    }

    /// <summary>What is cited as a text, not who speaks: "a statement", "the memo", "a regulatory filing".</summary>
    private static readonly HashSet<string> DocumentNouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "statement", "statements", "memo", "filing", "filings", "poll", "survey", "letter", "release", "post", "document", "documents",
        "study", "analysis", "compiled", "notice", "transcript",
    };

    /// <summary>Words that end a phrase of degree or manner ("at least", "so far", "as well"), left before a verb when the phrase was cut.</summary>
    private static readonly HashSet<string> CutPhraseTails = new(StringComparer.OrdinalIgnoreCase)
    {
        "least", "most", "far", "well", "much", "more", "than", "also", "still", "already", "then", "now", "too", "even", "only",
    };

    /// <summary>Bodies of people named by a singular lower-case noun.</summary>
    private static readonly HashSet<string> BodyNouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "police", "military", "army", "navy", "government", "staff", "management", "personnel", "media", "press", "congress",
        "parliament", "administration", "company", "ministry", "council", "court", "prosecution", "defence", "defense", "opposition",
    };

    /// <summary>
    /// A person's name that is part of a place's or a prize's ("Mira Castell International Airport", "the Hollis Varga
    /// stadium"); a person's or place's name before "scale" ("the Richter scale", "the Mercalli scale"), which names a unit.
    /// </summary>
    private static bool InsideFacilityName(NewsEntityMention m)
    {
        if (m.Type is not (NewsEntityType.Person or NewsEntityType.Location) || m.Sentence == null) return false;
        int at = m.Sentence.IndexOf(m.Text, StringComparison.Ordinal);
        if (at < 0) return false;
        int e = at + m.Text.Length;
        while (e < m.Sentence.Length && m.Sentence[e] == ' ') e++;
        int w = e;
        while (w < m.Sentence.Length && char.IsLetter(m.Sentence[w])) w++;
        if (w == e) return false;
        var next = m.Sentence.AsSpan(e, w - e);
        if (next.Equals("scale", StringComparison.Ordinal)) return true;
        return m.Type == NewsEntityType.Person && FacilityNouns.Contains(m.Sentence[e..w]);
    }

    private static readonly HashSet<string> NotNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "a", "an", "this", "that", "these", "those", "it", "he", "she", "they", "we", "i", "you", "but", "and", "or", "in", "on", "at",
        "video", "photo", "file", "update", "updated", "read", "more", "watch", "live", "breaking", "news", "report", "reports",
    };

    /// <summary>A tagged name that can name something: not a lone function word, a compass bearing ("NNW") or lower-case text.</summary>
    private static bool LooksLikeName(string name)
    {
        string n = name.Trim();
        if (n.Length < 2 || NotNames.Contains(n) || MeasureLexicon.IsDirection(n)) return false;
        // "Trump-like", "California-based", "Russia-backed": an adjective made of a name.
        foreach (var suffix in new[] { "-like", "-based", "-backed", "-led", "-style", "-born", "-owned", "-linked", "-made" })
            if (n.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) return false;
        return n.Any(char.IsUpper);
    }

    // ---------------------------------------------------------------- sources

    private sealed class SourceInfo
    {
        public string Name = "";
        public SourceKind Kind;
        public HashSet<int> Outlets = new();
        public Dictionary<SourceKind, int> Kinds = new();
        /// <summary>The source is a named entity of the story.</summary>
        public bool Entity;
        /// <summary>Per outlet, what the source is first cited for there: its quoted words or the sentence citing it.</summary>
        public Dictionary<int, string> Said = new();
    }

    private static void AddSource(Dictionary<string, SourceInfo> sources, int outlet, string name, SourceKind kind, int group, List<EntityGroupInfo> groups,
        string? said)
    {
        name = name.Trim();
        if (name.Length == 0) return;
        string display = group >= 0 ? groups[group].Name : StripArticle(name);
        string key = group >= 0 ? "#" + group : CoverageText.NameKey(name);
        if (!sources.TryGetValue(key, out var s)) sources[key] = s = new SourceInfo { Name = display, Entity = group >= 0 };
        s.Outlets.Add(outlet);
        if (!string.IsNullOrWhiteSpace(said)) s.Said.TryAdd(outlet, said);
        s.Kinds[kind] = s.Kinds.TryGetValue(kind, out int c) ? c + 1 : 1;
        // The most frequent kind; a specific kind beats Other (the first such kind on a tie). A loop, not a sort: asked for every citation.
        bool bestSpecific = false;
        int bestCount = -1;
        foreach (var (k, n) in s.Kinds)
        {
            bool specific = k != SourceKind.Other;
            if (bestCount < 0 || (specific && !bestSpecific) || (specific == bestSpecific && n > bestCount))
            {
                s.Kind = k;
                bestSpecific = specific;
                bestCount = n;
            }
        }
    }

    /// <summary>
    /// A quote as a reader should see it: quoted words in quotation marks; reported speech, which is the writer's words,
    /// without them, after its verb ("urged residents to stay away from the shore").
    /// </summary>
    private static string Quoted(NewsQuote q, int max = 200)
    {
        string text = CoverageText.Shorten(q.Text, max).TrimEnd(',', ';', ':', ' ');
        if (q.Kind != QuoteKind.Indirect) return "“" + text + "”";
        // "according to X, the toll rose": the reported clause stands alone (the source is the item's key or speaker).
        if (string.IsNullOrWhiteSpace(q.Verb) || q.Verb.StartsWith("according", StringComparison.OrdinalIgnoreCase)) return text;
        // A clause that is a sentence of its own ("Crews walked out on Saturday, the operator said"): after a colon, so
        // the verb does not read as its first word ("said Crews walked out").
        return q.Verb.Trim() + (text.Length > 0 && char.IsUpper(text[0]) ? ": " : " ") + text;
    }

    private static readonly HashSet<string> PublishingVerbs = new(StringComparer.OrdinalIgnoreCase)
    {
        "issued", "issues", "issue", "posted", "posts", "post", "published", "publishes", "released", "releases", "release",
    };

    /// <summary>What a source issues, posts or releases when it speaks: a statement, a message, a report.</summary>
    private static readonly HashSet<string> WordsIssued = new(StringComparer.OrdinalIgnoreCase)
    {
        "statement", "statements", "message", "messages", "note", "notes", "notice", "report", "reports", "update", "updates",
        "bulletin", "bulletins", "communique", "communiqué", "release", "post", "posts", "letter", "memo", "video", "saying", "that",
        "on", "online", "figures", "data", "estimate", "estimates", "list", "details",
    };

    /// <summary>What a source's verb of publishing puts out.</summary>
    private enum Issued { Words, Warning, Nothing }

    private static readonly HashSet<string> WarningNouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "warning", "warnings", "alert", "alerts", "advisory", "advisories", "forecast", "forecasts",
    };

    /// <summary>
    /// "Pellwood Motors posted a loss": a verb of publishing whose object, in the next four words, is no statement,
    /// message, report or figures is something done, not words credited to the subject (the quote finder takes these verbs
    /// as saying, for "issued a statement", "posted on social media that …"). A warning or an alert is words when an agency
    /// issues it ("the weather agency issued a tsunami warning"), not when a country or a city does ("Kestria issued flood
    /// warnings": the place is no source); the caller tells places. Any other verb: words.
    /// </summary>
    private static Issued PublishedWords(NewsAttribution at)
    {
        if (!PublishingVerbs.Contains(at.Verb)) return Issued.Words;
        string s = at.Sentence;
        int v = s.IndexOf(" " + at.Verb + " ", StringComparison.OrdinalIgnoreCase);
        if (v < 0) return Issued.Words;
        int i = v + at.Verb.Length + 2, words = 0;
        bool warning = false;
        while (i < s.Length && words < 4)
        {
            while (i < s.Length && !char.IsLetterOrDigit(s[i])) { if (s[i] is '.' or ';' or ':') return Issued.Words; i++; }
            int start = i;
            while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] is '\'' or '’' or '-')) i++;
            if (i == start) break;
            string w = s.Substring(start, i - start);
            if (WordsIssued.Contains(w)) return Issued.Words;
            warning |= WarningNouns.Contains(w);
            words++;
        }
        return warning ? Issued.Warning : Issued.Nothing;
    }

    /// <summary>Lower-case words written after a place's name for its kind ("Tarnby city", "Orlen province").</summary>
    private static readonly HashSet<string> PlaceKinds = new(StringComparer.Ordinal)
    {
        "city", "town", "village", "province", "region", "district", "county", "state", "prefecture", "island", "area",
    };

    /// <summary>Verbs that, after a place, say what happened there rather than what someone said: "Orlen recorded N cases".</summary>
    private static readonly HashSet<string> PlaceVerbs = new(StringComparer.OrdinalIgnoreCase)
    {
        "reported", "reports", "reporting", "recorded", "records", "registered", "saw", "sees", "faced", "faces", "facing",
        "experienced", "felt", "indicated", "indicating",
    };

    /// <summary>"from" (or "from the") just before position <paramref name="at"/> of <paramref name="text"/>.</summary>
    internal static bool AfterFrom(string text, int at)
    {
        var before = text.AsSpan(0, Math.Min(at, text.Length)).TrimEnd();
        if (before.EndsWith(" the", StringComparison.OrdinalIgnoreCase)) before = before[..^4].TrimEnd();
        return before.EndsWith("from", StringComparison.OrdinalIgnoreCase) && (before.Length == 4 || !char.IsLetter(before[^5]));
    }

    /// <summary>A Framing row's key for the sources of one kind an outlet cites, as a phrase ("official sources").</summary>
    internal static string SourcesKey(SourceKind kind) => kind switch
    {
        SourceKind.Official => "official sources",
        SourceKind.Agency => "news agencies as sources",
        SourceKind.Media => "other media as sources",
        SourceKind.Expert => "experts as sources",
        SourceKind.Anonymous => "unnamed sources",
        _ => "other named sources",
    };

    private static string StripArticle(string s) => s.StartsWith("the ", StringComparison.OrdinalIgnoreCase) ? s[4..] : s;

    private static readonly HashSet<string> DescriptionLead = new(StringComparer.OrdinalIgnoreCase) { "with", "the", "a", "an", "by", "from", "of", "in", "and" };

    /// <summary>A capitalised name inside a speaker's description ("with the Chosun Ilbo daily" → "Chosun Ilbo daily").</summary>
    private static string? NamedInDescription(string? description)
    {
        if (string.IsNullOrWhiteSpace(description)) return null;
        var words = description.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        int start = 0;
        while (start < words.Count && DescriptionLead.Contains(words[start])) start++;
        if (start >= words.Count || !char.IsUpper(words[start][0])) return null;
        // Pronoun-like or sentence-initial words are not names.
        if (words[start] is "It" or "He" or "She" or "They" or "We" or "I" or "This" or "That") return null;
        string name = string.Join(' ', words.Skip(start)).TrimEnd(',', '.', ';', ':');
        return name.Length >= 3 ? name : null;
    }

    // ---------------------------------------------------------------- numbers and dates

    /// <summary>Each outlet's figures and dates read as claims (<see cref="ClaimReader"/>), aligned (<see cref="FactClusters"/>), one item per measure and subject.</summary>
    private static IEnumerable<NewsCoverageItem> ClaimItems(List<ArticleData> data, Context ctx, List<EntityGroupInfo> groups, Func<ArticleData, string?, int> lookup, List<string> warnings)
    {
        var cc = StoryContext(data, groups, lookup);
        var claims = new List<Claim>();
        foreach (var d in data)
        {
            if (!d.English) continue;
            var dd = d;
            var local = new ClaimContext { PlaceGroup = name => lookup(dd, name), GroupName = g => groups[g].Name, MainPlace = cc.MainPlace, MainOwner = cc.MainOwner, StoryYear = cc.StoryYear, EventNoun = cc.EventNoun };
            claims.AddRange(ClaimReader.Read(d.Article, d.Outlet, d.Entities, local, d.Shape, d.Body));
        }
        var aligned = FactClusters.Align(claims);
        var mine = new List<Claim>();
        var parts = new List<string>();
        var articlesSeen = new List<NewsArticle>();
        Dictionary<NewsArticle, ArticleData>? dataOf = null;
        // Most shared first, then in the order the first outlet states them.
        foreach (var g in aligned.OrderByDescending(g => g.Outlets.Count).ThenBy(g => g.Claims.Min(c => c.Outlet)))
        {
            var first = g.Claims[0];
            bool date = first.Dimension is Dimension.Date or Dimension.Time;
            var values = new FieldSources();
            var sentences = new FieldSources();
            var times = new FieldSources();
            // Who gives each figure, for the rows a reader weighs outlet against outlet (a few a story: not for every claim).
            var givenBy = new FieldSources();
            if (g.Disagree && dataOf == null)
            {
                dataOf = new Dictionary<NewsArticle, ArticleData>(ReferenceEqualityComparer.Instance);
                foreach (var d in data) dataOf.TryAdd(d.Article, d);
            }
            foreach (int i in g.Outlets)
            {
                mine.Clear();
                foreach (var c in g.Claims) if (c.Outlet == i) mine.Add(c);
                parts.Clear();
                foreach (var c in mine) AddDistinct(parts, date ? DateText(c) : c.Text, StringComparer.OrdinalIgnoreCase);
                values.Set(ctx.Outlets[i], string.Join(" / ", parts));
                sentences.Set(ctx.Outlets[i], CoverageText.Shorten(mine[0].Sentence, 220));
                // Each article's time once (articles in the order first met), then each wording once.
                articlesSeen.Clear();
                parts.Clear();
                foreach (var c in mine)
                    if (!articlesSeen.Contains(c.Article)) { articlesSeen.Add(c.Article); AddDistinct(parts, ArticleTime.Describe(c.Article), StringComparer.Ordinal); }
                times.Set(ctx.Outlets[i], string.Join(" / ", parts));
                if (g.Disagree && dataOf!.TryGetValue(mine[0].Article, out var ad)
                    && GivenBy(mine[0], ad, name => lookup(ad, name) is int pg && pg >= 0 && groups[pg].Type == NewsEntityType.Location) is { } by)
                    givenBy.Set(ctx.Outlets[i], by);
            }
            var status = g.Disagree ? g.Update ? CoverageStatus.Update : CoverageStatus.Conflict : (CoverageStatus?)null;
            string detail = string.Join(" | ", g.Outlets.Select(i => ctx.Outlets[i] + ": " + values[ctx.Outlets[i]]
                + (givenBy.TryGetValue(ctx.Outlets[i], out var by) ? " (per " + by + ")" : "")
                + (g.Update ? " (" + times[ctx.Outlets[i]] + ")" : "")));
            var differing = g.Differ.OrderBy(x => x).Select(i => ctx.Outlets[i]).ToList();
            if (g.SameReport != null) detail += " — one report, not an update: each gives the same " + g.SameReport + " beside it";
            else if (g.Disagree) detail += differing.Count > 0 ? " — differs from most: " + string.Join(", ", differing) : " — no value has a majority";
            else if (g.Forecasts) detail += " — forecasts differ";
            var item = ctx.Item(date ? CoverageKind.Date : CoverageKind.Number, ClaimKey(g, cc.EventNoun), TypeOf(first), g.Outlets, status, detail, values);
            yield return new NewsCoverageItem
            {
                Story = item.Story, StoryTitle = item.StoryTitle, Kind = item.Kind, Key = item.Key, Type = item.Type, Outlets = item.Outlets,
                OutletCount = item.OutletCount, MissingFrom = item.MissingFrom, Status = item.Status, Detail = item.Detail, Values = values,
                Differing = new TextList(differing), Sentences = sentences, Times = times, GivenBy = givenBy,
            };
        }
    }

    /// <summary>
    /// Who the outlet credits a figure to in the figure's own sentence: the source of an attribution there ("according to
    /// the Tarnby fire service", "the ministry said") or the speaker of reported speech holding the figure; of several, the
    /// one named nearest the figure. An attribution counts for the figure when the figure follows its verb ("the ministry
    /// said 40 died") or the attribution closes the sentence ("40 died, the ministry said"), or it is "according to"; not
    /// for a figure of another clause ("N hurt in one place, M dead in another"). A place, a warning or figures cited
    /// are no one. Null when the sentence credits nobody (the outlet's own statement).
    /// </summary>
    private static string? GivenBy(Claim c, ArticleData d, Func<string, bool> isPlace)
    {
        string s = c.Sentence;
        if (s.Length == 0) return null;
        int at = Math.Max(0, s.IndexOf(c.Text, StringComparison.Ordinal));
        string? best = null;
        int bestDistance = int.MaxValue;
        void Consider(string source, int distance)
        {
            source = StripArticle(source.Trim());
            if (source.Length == 0 || distance >= bestDistance || !SpeakerLike(source)) return;
            int lastSpace = source.LastIndexOf(' ');
            string last = lastSpace < 0 ? source : source[(lastSpace + 1)..];
            if (WarningNouns.Contains(last) || DataNouns.Contains(last) || isPlace(source)) return;
            best = source;
            bestDistance = distance;
        }
        foreach (var a in d.Quotes.Attributions)
        {
            if (a.Sentence.Length == 0 || a.Source.Length == 0 || PublishedWords(a) == Issued.Nothing) continue;
            if (!(a.Sentence.Contains(s, StringComparison.Ordinal) || s.Contains(a.Sentence, StringComparison.Ordinal))) continue;
            int p = s.IndexOf(a.Source, StringComparison.Ordinal);
            if (!a.Verb.StartsWith("according", StringComparison.OrdinalIgnoreCase) && p >= 0)
            {
                int v = s.IndexOf(a.Verb, p + a.Source.Length, StringComparison.Ordinal);
                if (v < 0) continue;
                int afterVerb = v + a.Verb.Length;
                // The figure after the verb, or the attribution the sentence's last words ("…, the ministry said on Sunday"),
                // with no figure of its own after it ("…, while Orlen reported 10 dead").
                bool closes = true;
                for (int k = afterVerb, words = 0; k < s.Length; k++)
                    if (char.IsDigit(s[k]) || char.IsLetterOrDigit(s[k]) && (k == afterVerb || !char.IsLetterOrDigit(s[k - 1])) && ++words > 4) { closes = false; break; }
                if (!(at >= afterVerb || (closes && at < p))) continue;
            }
            Consider(a.Source, p < 0 ? s.Length : Math.Abs(p - at));
        }
        foreach (var q in d.Quotes.Quotes)
        {
            if (string.IsNullOrWhiteSpace(q.Speaker) || q.Text.Length == 0 || !q.Text.Contains(c.Text, StringComparison.Ordinal)) continue;
            if (!(s.Contains(q.Text, StringComparison.Ordinal) || q.Text.Contains(s, StringComparison.Ordinal))) continue;
            int p = s.IndexOf(q.Speaker, StringComparison.Ordinal);
            Consider(q.Speaker!, p < 0 ? s.Length : Math.Abs(p - at));
        }
        return best;
    }

    /// <summary>Adds <paramref name="value"/> unless an equal one is there (a few values: a scan beats a hash set).</summary>
    private static void AddDistinct(List<string> list, string value, StringComparer comparer)
    {
        foreach (var x in list) if (comparer.Equals(x, value)) return;
        list.Add(value);
    }

    /// <summary>The words of one text at a time for <see cref="StoryContext"/>, kept by the thread.</summary>
    [ThreadStatic] private static List<CoverageText.Word>? t_storyWords;

    private sealed record StoryFacts(int MainPlace, int MainOwner, int StoryYear, string EventNoun);

    /// <summary>The story's main place (named by the most outlets), its year (of most publication dates) and its event noun ("earthquake").</summary>
    private static StoryFacts StoryContext(List<ArticleData> data, List<EntityGroupInfo> groups, Func<ArticleData, string?, int> lookup)
    {
        // The group most outlets mention as a place (or as an organisation or group), by the type of each mention: a
        // name the tagger calls a place in one article and an organisation in another still counts where it is a place.
        int Main(Func<NewsEntityType, bool> type)
        {
            var outlets = new Dictionary<int, HashSet<int>>();
            var mentions = new Dictionary<int, int>();
            foreach (var d in data)
                foreach (var m in d.Entities.Mentions)
                {
                    if (!type(m.Type)) continue;
                    int g = lookup(d, m.Name);
                    if (g < 0) continue;
                    if (!outlets.TryGetValue(g, out var set)) outlets[g] = set = new HashSet<int>();
                    set.Add(d.Outlet);
                    mentions[g] = mentions.GetValueOrDefault(g) + 1;
                }
            return outlets.Count == 0 ? -1 : outlets.OrderByDescending(kv => kv.Value.Count).ThenByDescending(kv => mentions[kv.Key]).ThenBy(kv => kv.Key).First().Key;
        }
        int main = Main(t => t == NewsEntityType.Location), owner = Main(t => t is NewsEntityType.Organization or NewsEntityType.Group);
        var years = data.Where(d => d.Article.Published != null).GroupBy(d => d.Article.Published!.Value.Year).OrderByDescending(x => x.Count()).ThenByDescending(x => x.Key).Select(x => x.Key).ToList();
        int year = years.Count > 0 ? years[0] : 0;
        if (year == 0)
        {
            // No publication dates: the latest year the articles name.
            foreach (var d in data)
                foreach (var m in d.Entities.Mentions)
                    if (m.Type == NewsEntityType.Date && m.Value is { Length: >= 4 } v && int.TryParse(v.AsSpan(0, 4), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int y) && y > year && y < 2200)
                        year = y;
        }
        // The event noun the titles use most (then the bodies).
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var scratch = t_storyWords ??= new List<CoverageText.Word>();
        foreach (var d in data)
        {
            foreach (var w in CoverageText.Words(d.Article.Title ?? "", scratch))
                if (MeasureLexicon.EventNouns.Contains(w.Text)) { string k = w.Text.ToLowerInvariant(); counts[k] = counts.GetValueOrDefault(k) + 3; }
            foreach (var w in CoverageText.Words(d.Body, 2000, scratch))
                if (MeasureLexicon.EventNouns.Contains(w.Text)) { string k = w.Text.ToLowerInvariant(); counts[k] = counts.GetValueOrDefault(k) + 1; }
        }
        string noun = counts.Count > 0 ? counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).First().Key : "event";
        if (noun == "quake") noun = "earthquake";
        return new StoryFacts(main, owner, year, noun);
    }

    /// <summary>A date as "2025-10-19 (Sunday)": the resolved value first, then the article's words ("unresolved" when the article has no date).</summary>
    private static string DateText(Claim c) => (c.DateValue ?? "unresolved") + " (" + c.Text + ")";

    private static string? TypeOf(Claim c) => c.Dimension switch
    {
        Dimension.Money => c.Unit.Length > 0 ? c.Unit : "money",
        Dimension.Length => "length",
        Dimension.Date => c.Granularity?.ToString() ?? "date",
        Dimension.Time => "time (" + c.Unit + ")",
        _ => c.Dimension.ToString().ToLowerInvariant(),
    };

    /// <summary>What an aligned claim measures and about what, in words a reader understands: "depth of the earthquake", "death toll in Thailand".</summary>
    private static string ClaimKey(ClaimGroup g, string eventNoun)
    {
        var best = g.Claims.GroupBy(c => c.MeasureText, StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(x => x.Select(c => c.Outlet).Distinct().Count()).ThenBy(x => x.Key.Length).First().First();
        var m = best.Measure;
        string key = best.MeasureText;
        string? year = best.Qualifiers.FirstOrDefault(q => q.StartsWith("year:", StringComparison.Ordinal))?[5..];
        bool aftershock = best.Qualifiers.Contains("aftershock");
        string eventWords = (year != null ? year + " " : "") + (aftershock ? "aftershock" : eventNoun);
        bool placeFrom = m == MeasureLexicon.Distance && best.ReferenceName != null && best.PlaceNames.Count > 0;
        if (placeFrom) key = "distance of " + string.Join(" / ", g.Claims.SelectMany(c => c.PlaceNames).Distinct(StringComparer.OrdinalIgnoreCase).Take(3)) + " from " + best.ReferenceName;
        else if (m == MeasureLexicon.Distance && best.ReferenceName != null) key = "distance from " + best.ReferenceName;
        else if (m == MeasureLexicon.Depth || m == MeasureLexicon.Magnitude || m == MeasureLexicon.Offshore) key += " of the " + eventWords;
        else if (m == MeasureLexicon.Deaths && (year != null || aftershock)) key += " of the " + eventWords;
        else if (m == MeasureLexicon.Age && best.QualifierParts.Count > 0 && best.QualifierParts[0].Key.StartsWith("person:", StringComparison.Ordinal)) key = "age of " + best.QualifierParts[0].Text;
        else if (m == MeasureLexicon.Age && best.QualifierParts.Count > 0 && best.QualifierParts[0].Key.StartsWith("of:", StringComparison.Ordinal)) key = "age of the " + best.QualifierParts[0].Text;
        else if (m == MeasureLexicon.Floors) key = "storeys of the building";
        var extra = new List<string>();
        foreach (var (q, text) in best.QualifierParts)
        {
            if (q.StartsWith("person:", StringComparison.Ordinal) || q.StartsWith("of:", StringComparison.Ordinal)) continue;
            if ((q == "aftershock" || q.StartsWith("year:", StringComparison.Ordinal)) && key.Contains(eventWords, StringComparison.Ordinal)) continue;
            extra.Add(text);
        }
        if (best.OwnerNames.Count > 0 && !best.OwnerNames.Any(n => key.Contains(n, StringComparison.OrdinalIgnoreCase)))
            extra.Insert(0, string.Join(" / ", g.Claims.SelectMany(c => c.OwnerNames).Distinct(StringComparer.OrdinalIgnoreCase).Take(3)));
        // A place the key's own words already name is not named again ("residents of Kellby Island", not "… in Kellby Island").
        var places = g.Claims.SelectMany(c => c.PlaceNames).Distinct(StringComparer.OrdinalIgnoreCase).Take(3).Where(p => !NamesWord(key, p)).ToList();
        if (places.Count > 0 && !placeFrom) key += " in " + string.Join(" / ", places);
        if (extra.Count > 0) key += " (" + string.Join(", ", extra) + ")";
        return key;
    }

    /// <summary>
    /// A name whose only capital is its first letter and whose first word names nothing in the story ("Four dead", "A
    /// video", "Initial reports"): common words capitalised because they open a sentence, not "Biden administration".
    /// </summary>
    private static bool OpensSentenceOnly(string name, Dictionary<string, int> names, List<ArticleData> data)
    {
        if (name.Skip(1).Any(char.IsUpper) || name.Any(char.IsDigit)) return false;
        string first = name.Split(' ')[0];
        foreach (var part in first.Split('-'))
        {
            string k = EntityMerger.Key(part);
            if (k.Length > 0 && names.ContainsKey(k)) return false;
        }
        // Capitalised inside a sentence too ("the California-based company said"): a name.
        foreach (var d in data)
            foreach (var text in Fields(d.Article, d.Body))
                for (int at = text.IndexOf(first, StringComparison.Ordinal); at >= 0; at = text.IndexOf(first, at + 1, StringComparison.Ordinal))
                {
                    int b = at - 1;
                    while (b >= 0 && text[b] == ' ') b--;
                    int end = at + first.Length;
                    bool whole = end == text.Length || !char.IsLetterOrDigit(text[end]);
                    if (whole && b >= 0 && b < at - 1 && (char.IsLower(text[b]) || text[b] == ',')) return false;
                }
        return true;
    }

    /// <summary><paramref name="text"/> holds <paramref name="name"/> as whole words (any case).</summary>
    private static bool NamesWord(string text, string name)
    {
        for (int at = text.IndexOf(name, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(name, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            int end = at + name.Length;
            if ((at == 0 || !char.IsLetterOrDigit(text[at - 1])) && (end == text.Length || !char.IsLetterOrDigit(text[end]))) return true;
        }
        return false;
    }

    // ---------------------------------------------------------------- framing

    private static IEnumerable<NewsCoverageItem> FramingItems(Context ctx, string key, string type, List<string>[] found, string none)
    {
        var has = Enumerable.Range(0, found.Length).Where(i => found[i].Count > 0).ToList();
        if (has.Count == 0) yield break;
        var values = new FieldSources();
        for (int i = 0; i < found.Length; i++)
            values.Set(ctx.Outlets[i], found[i].Count == 0 ? none
                : string.Join(", ", found[i].GroupBy(w => w, StringComparer.Ordinal).Select(g => g.Count() > 1 ? $"{g.Key} ×{g.Count()}" : g.Key)));
        yield return ctx.Item(CoverageKind.Framing, key, type, has, null, ctx.Detail(values), values);
    }

    // ---------------------------------------------------------------- summary

    /// <summary>
    /// Whether an organisation's name is the outlet's own: its whole name, without a leading "The", or the last word of
    /// its masthead ("Gazette" for "The Island Gazette"). A place in the masthead ("Westmere" in "The Westmere Courier")
    /// is not the outlet and is never asked about here (only organisations are).
    /// </summary>
    internal static bool NamesOwnOutlet(string outlet, string name)
    {
        // Spans, not substrings: asked for every organisation and outlet of every story.
        static ReadOnlySpan<char> Bare(string x)
        {
            var t = x.AsSpan().Trim();
            return t.StartsWith("The ", StringComparison.OrdinalIgnoreCase) ? t[4..].Trim() : t;
        }
        ReadOnlySpan<char> o = Bare(outlet), n = Bare(name);
        if (o.IsEmpty || n.IsEmpty) return false;
        if (o.Equals(n, StringComparison.OrdinalIgnoreCase)) return true;
        int space = o.LastIndexOf(' ');
        return space > 0 && n.IndexOf(' ') < 0 && o[(space + 1)..].Equals(n, StringComparison.OrdinalIgnoreCase);
    }

    private static readonly HashSet<CoverageKind> FactKinds = new() { CoverageKind.Entity, CoverageKind.Quote, CoverageKind.Source, CoverageKind.Number, CoverageKind.Date };

    private static List<NewsCoverageSummary> Summarise(List<ArticleData> data, Context ctx, List<EntityGroupInfo> groups, List<NewsCoverageItem> items,
        Dictionary<string, SourceInfo> sources, int[] quoteCounts, List<string>[] hedges, HashSet<NewsArticle> copyOf, Dictionary<string, int>[] vectors, int[] wordCounts)
    {
        int o = ctx.Outlets.Count;
        var words = new int[o];
        var articleCounts = new int[o];
        var allCopies = new bool[o];
        Array.Fill(allCopies, true);
        for (int di = 0; di < data.Count; di++)
        {
            var d = data[di];
            articleCounts[d.Outlet]++;
            if (!copyOf.Contains(d.Article)) allCopies[d.Outlet] = false;
            words[d.Outlet] += d.Article.WordCount > 0 ? d.Article.WordCount : wordCounts[di];
        }
        var shared = items.Where(i => FactKinds.Contains(i.Kind) && i.OutletCount >= 2).ToList();
        var list = new List<NewsCoverageSummary>(o);
        for (int i = 0; i < o; i++)
        {
            string name = ctx.Outlets[i];
            int entities = groups.Count(g => g.Counts[i] > 0);
            int unique = groups.Count(g => g.Counts[i] > 0 && g.Counts.Count(c => c > 0) == 1);
            double sim = 0;
            if (o > 1)
            {
                for (int j = 0; j < o; j++) if (j != i) sim += CoverageText.Cosine(vectors[i], vectors[j]);
                sim /= o - 1;
            }
            list.Add(new NewsCoverageSummary
            {
                Story = ctx.Story.Id, StoryTitle = ctx.Story.Title, Outlet = name, Articles = articleCounts[i], Words = words[i],
                Entities = entities, UniqueEntities = unique, Quotes = quoteCounts[i], Sources = sources.Values.Count(s => s.Outlets.Contains(i)),
                SharedFactShare = shared.Count > 0 ? Math.Round(shared.Count(x => x.Outlets.Contains(name)) / (double)shared.Count, 3) : 0,
                Similarity = Math.Round(sim, 3), Hedges = hedges[i].Count, IsCopy = articleCounts[i] > 0 && allCopies[i],
            });
        }
        return list;
    }
}
