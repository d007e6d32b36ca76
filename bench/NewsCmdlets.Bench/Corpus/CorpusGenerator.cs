using System.Globalization;

namespace NewsCmdlets.Bench.Corpus;

public enum ArticleKind
{
    /// <summary>An outlet's own report (a paper's, or an agency's own story that nobody republished).</summary>
    Original,
    /// <summary>A wire agency's story, as the agency published it.</summary>
    Wire,
    /// <summary>A wire story republished by a paper: same body (sometimes cut at the end), its own headline and chrome.</summary>
    WireCopy,
}

public sealed record Outlet(int Index, string Name, string? Short, bool IsAgency, string Domain, int Style)
{
    public static readonly Outlet[] All = Build();

    public static int AgencyCount => Vocabulary.Agencies.Length;

    private static Outlet[] Build()
    {
        var list = new List<Outlet>();
        foreach (var (name, shortName) in Vocabulary.Agencies)
            list.Add(new Outlet(list.Count, name, shortName, true, DomainOf(name), 3));
        foreach (var name in Vocabulary.Papers)
            list.Add(new Outlet(list.Count, name, null, false, DomainOf(name), list.Count % 3));
        return list.ToArray();
    }

    /// <summary>Invented outlets get addresses under the reserved .example top-level domain.</summary>
    private static string DomainOf(string name)
    {
        var letters = new string(name.ToLowerInvariant().Where(char.IsAsciiLetter).ToArray());
        if (letters.StartsWith("the", StringComparison.Ordinal)) letters = letters[3..];
        return letters + ".example";
    }
}

/// <summary>One generated article with its ground truth (story, outlet, wire relationship, expected fields).</summary>
public sealed class GeneratedArticle
{
    public required int Index;
    public required string Id;
    public required Story Story;
    public required Outlet Outlet;
    public required ArticleKind Kind;
    /// <summary>For a wire copy: the id of the agency's article it republishes.</summary>
    public string? WireOf;
    public Outlet? Agency;
    public required string Headline;
    public string? Standfirst;
    public required string Author;
    public required DateTime Published;
    /// <summary>The story's paragraphs; the first starts with the dateline when the article has one.</summary>
    public required List<string> Paragraphs;
    public string? Caption;
    /// <summary>Headlines and leads of neighbouring stories, for teaser lists and "Top Stories" chrome.</summary>
    public required IReadOnlyList<Story> Others;
    public int Variant;

    public string TextPath => TextPathOf(Index);
    public string HtmlPath => HtmlPathOf(Index);

    /// <summary>Where article <paramref name="index"/> lives in a corpus folder (the manifest says the same).</summary>
    public static string TextPathOf(int index) => $"text/{index / 1000:D3}/{CorpusGenerator.IdOf(index)}.txt";
    public static string HtmlPathOf(int index) => $"html/{index / 1000:D3}/{CorpusGenerator.IdOf(index)}.html";
}

/// <summary>
/// Builds a corpus of <c>n</c> articles deterministically from a seed: stories are generated one after another, each
/// covered by several outlets — an agency's wire story republished by 2–5 papers, plus papers' own reports. The first
/// k articles of a larger corpus are the same as a smaller corpus's (except where the smaller one cut its last story).
/// </summary>
public sealed class CorpusGenerator
{
    /// <summary>Bump when the output changes, so cached corpora on disk are regenerated.</summary>
    public const int Version = 1;

    private readonly ulong _seed;
    private readonly Dictionary<int, Story> _window = new();

    public CorpusGenerator(ulong seed) => _seed = seed;

    private Story StoryAt(int id)
    {
        if (!_window.TryGetValue(id, out var s))
        {
            s = Story.Generate(_seed, id);
            _window[id] = s;
            foreach (var old in _window.Keys.Where(k => k < id - 12).ToList()) _window.Remove(old);
        }
        return s;
    }

    public IEnumerable<GeneratedArticle> Generate(int n)
    {
        int index = 0;
        for (int storyId = 0; index < n; storyId++)
        {
            var story = StoryAt(storyId);
            var others = Enumerable.Range(1, 8).Select(k => StoryAt(storyId + k)).ToArray();
            var plan = Rng.For(_seed, "plan", storyId);
            int agencies = Outlet.AgencyCount, papers = Outlet.All.Length - agencies;
            var paperOrder = plan.Sample(papers, papers);
            int nextPaper = 0;

            if (plan.Chance(0.55))
            {
                var agency = Outlet.All[plan.Next(agencies)];
                var wire = Render(story, agency, ArticleKind.Wire, null, index++, others, 0);
                yield return wire;
                int copies = plan.Range(2, 5);
                for (int c = 0; c < copies && index < n; c++)
                    yield return RenderCopy(wire, Outlet.All[agencies + paperOrder[nextPaper++]], index++, c + 1);
                int originals = plan.Range(0, 2);
                for (int c = 0; c < originals && index < n; c++)
                    yield return Render(story, Outlet.All[agencies + paperOrder[nextPaper++]], ArticleKind.Original, null, index++, others, 0);
            }
            else
            {
                int originals = plan.Range(1, 4);
                for (int c = 0; c < originals && index < n; c++)
                    yield return Render(story, Outlet.All[agencies + paperOrder[nextPaper++]], ArticleKind.Original, null, index++, others, 0);
            }
        }
    }

    private static string Staff(ulong seed, Outlet o, Rng r)
    {
        var sr = Rng.For(seed, "staff", o.Index, r.Next(8));
        return Story.PersonName(sr, out _);
    }

    private GeneratedArticle Render(Story story, Outlet outlet, ArticleKind kind, string? wireOf, int index, IReadOnlyList<Story> others, int variant)
    {
        var r = Rng.For(_seed, "article", story.Id, outlet.Index);
        string headline = story.Headlines[r.Next(story.Headlines.Length)];
        string? standfirst = r.Chance(0.6) ? r.Pick(story.Standfirsts) : null;
        var paras = new List<string>();
        string lead = r.Pick(story.Leads);
        string dateline = outlet.IsAgency ? $"{story.City.ToUpperInvariant()} ({outlet.Short}) — "
            : r.Chance(0.5) ? $"{story.City.ToUpperInvariant()} — " : "";
        paras.Add(dateline + lead);

        var facts = r.Sample(story.Facts.Length, r.Range(Math.Min(4, story.Facts.Length), story.Facts.Length)).Select(i => story.Facts[i]).ToList();
        var quotes = story.Quotes.ToList();
        var background = r.Sample(story.Background.Length, r.Range(0, 2)).Select(i => story.Background[i]).ToList();
        // Facts first, quotes spread through them, background near the end: the shape of a news report.
        var mentioned = new HashSet<int>();
        int q = 0;
        for (int i = 0; i < facts.Count; i++)
        {
            string f = facts[i];
            if (i + 1 < facts.Count && f.Length < 110 && r.Chance(0.3)) f += " " + facts[++i];
            paras.Add(f);
            if (q < quotes.Count && r.Chance(0.55))
            {
                paras.Add(story.QuoteParagraph(quotes[q], r, mentioned.Add(quotes[q].Speaker)));
                q++;
            }
        }
        for (; q < quotes.Count; q++) paras.Insert(Math.Min(paras.Count, 2 + r.Next(Math.Max(1, paras.Count - 1))), story.QuoteParagraph(quotes[q], r, mentioned.Add(quotes[q].Speaker)));
        paras.AddRange(background);

        var published = story.Date.AddMinutes(outlet.IsAgency ? r.Next(30) : r.Range(20, 30 * 60));
        string? caption = r.Chance(0.5) ? $"{story.People[r.Next(4)].Name} in {story.City} on {Vocabulary.Weekdays[((int)story.Date.DayOfWeek + 6) % 7]}. (Photo: {Story.PersonName(r, out _)}/{outlet.Short ?? outlet.Name})" : null;
        return new GeneratedArticle
        {
            Index = index, Id = IdOf(index), Story = story, Outlet = outlet, Kind = kind, WireOf = wireOf,
            Agency = outlet.IsAgency ? outlet : null, Headline = headline, Standfirst = standfirst,
            Author = Staff(_seed, outlet, r), Published = published, Paragraphs = paras, Caption = caption,
            Others = others, Variant = variant,
        };
    }

    private GeneratedArticle RenderCopy(GeneratedArticle wire, Outlet paper, int index, int copyNumber)
    {
        var r = Rng.For(_seed, "copy", wire.Story.Id, paper.Index);
        var story = wire.Story;
        // A paper writes its own headline over the wire copy.
        int h = r.Next(story.Headlines.Length);
        if (story.Headlines[h] == wire.Headline) h = (h + 1) % story.Headlines.Length;
        var paras = new List<string>(wire.Paragraphs);
        int cut = r.Range(0, Math.Min(3, paras.Count - 4));
        if (cut > 0) paras.RemoveRange(paras.Count - cut, cut);
        return new GeneratedArticle
        {
            Index = index, Id = IdOf(index), Story = story, Outlet = paper, Kind = ArticleKind.WireCopy, WireOf = wire.Id,
            Agency = wire.Outlet, Headline = story.Headlines[h], Standfirst = r.Chance(0.5) ? r.Pick(story.Standfirsts) : null,
            Author = wire.Author, Published = wire.Published.AddMinutes(r.Range(10, 240)), Paragraphs = paras,
            Caption = r.Chance(0.4) ? wire.Caption : null, Others = wire.Others, Variant = copyNumber,
        };
    }

    public static string IdOf(int index) => "a" + index.ToString("D6", CultureInfo.InvariantCulture);
}
