using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace NewsCmdlets.Bench.Corpus;

/// <summary>What a corpus folder holds, written last as corpus.json (its presence marks the folder complete).</summary>
public sealed class CorpusInfo
{
    public int GeneratorVersion { get; set; }
    public ulong Seed { get; set; }
    public int Articles { get; set; }
    public int Stories { get; set; }
    public int WireStories { get; set; }
    public int WireCopies { get; set; }
    public long TextBytes { get; set; }
    public long HtmlBytes { get; set; }
    public double GenerateSeconds { get; set; }
    public string Layout { get; set; } =
        "text/NNN/aIIIIII.txt and html/NNN/aIIIIII.html (NNN = index / 1000); articles.jsonl: one line an article " +
        "(id, story, outlet, outletKind, kind = original|wire|wire-copy, wireOf, agency, headline, author, published, text, html); " +
        "stories.jsonl: one line a story (id, topic, date, city, region, people with roles, organisations, quotes with speakers, articles).";
}

/// <summary>
/// Writes a generated corpus to disk (text and HTML for every article) with its ground truth, once: a folder with a
/// corpus.json is complete and reused. Folder name: v{generator version}-s{seed}-n{articles}.
/// </summary>
public static class CorpusStore
{
    private static readonly JsonSerializerOptions JsonOpts = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true };
    private static readonly JsonSerializerOptions LineOpts = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string FolderFor(string root, ulong seed, int n) => Path.Combine(root, $"v{CorpusGenerator.Version}-s{seed}-n{n}");

    public static CorpusInfo? TryLoad(string folder)
    {
        string info = Path.Combine(folder, "corpus.json");
        return File.Exists(info) ? JsonSerializer.Deserialize<CorpusInfo>(File.ReadAllText(info)) : null;
    }

    public static CorpusInfo Ensure(string root, ulong seed, int n, TextWriter log)
    {
        string folder = FolderFor(root, seed, n);
        if (TryLoad(folder) is { } existing) return existing;
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        log.WriteLine($"  generating corpus of {n:N0} articles (seed {seed}) in {folder}");
        var sw = Stopwatch.StartNew();
        var info = Write(folder, seed, n);
        info.GenerateSeconds = Math.Round(sw.Elapsed.TotalSeconds, 2);
        File.WriteAllText(Path.Combine(folder, "corpus.json"), JsonSerializer.Serialize(info, JsonOpts));
        log.WriteLine($"  generated in {info.GenerateSeconds:0.0} s: {info.Stories:N0} stories, {info.TextBytes / 1048576.0:0.0} MB text, {info.HtmlBytes / 1048576.0:0.0} MB HTML");
        return info;
    }

    private static CorpusInfo Write(string folder, ulong seed, int n)
    {
        Directory.CreateDirectory(folder);
        var utf8 = new UTF8Encoding(false);
        var info = new CorpusInfo { GeneratorVersion = CorpusGenerator.Version, Seed = seed, Articles = n };
        using var articles = new StreamWriter(Path.Combine(folder, "articles.jsonl"), false, utf8);
        using var stories = new StreamWriter(Path.Combine(folder, "stories.jsonl"), false, utf8);
        Story? current = null;
        var storyArticles = new List<string>();
        bool currentHasWire = false;

        void FlushStory()
        {
            if (current == null) return;
            info.Stories++;
            if (currentHasWire) info.WireStories++;
            stories.WriteLine(JsonSerializer.Serialize(new
            {
                id = current.Id, topic = current.Topic.Name, date = current.Date.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                city = current.City, region = current.Region,
                people = current.People.Select(p => new { name = p.Name, role = p.Role }),
                organisations = current.Organisations,
                quotes = current.Quotes.Select(q => new { speaker = current.People[q.Speaker].Name, text = q.Text }),
                articles = storyArticles,
            }, LineOpts));
        }

        string lastDir = "";
        foreach (var a in new CorpusGenerator(seed).Generate(n))
        {
            if (current == null || a.Story.Id != current.Id)
            {
                FlushStory();
                current = a.Story; storyArticles = new List<string>(); currentHasWire = false;
            }
            storyArticles.Add(a.Id);
            currentHasWire |= a.Kind == ArticleKind.Wire;
            if (a.Kind == ArticleKind.WireCopy) info.WireCopies++;

            string textPath = Path.Combine(folder, a.TextPath), htmlPath = Path.Combine(folder, a.HtmlPath);
            string dir = Path.GetDirectoryName(textPath)!;
            if (dir != lastDir) { Directory.CreateDirectory(dir); Directory.CreateDirectory(Path.GetDirectoryName(htmlPath)!); lastDir = dir; }
            byte[] text = utf8.GetBytes(TextRenderer.Render(a, seed)), html = utf8.GetBytes(HtmlRenderer.Render(a, seed));
            File.WriteAllBytes(textPath, text);
            File.WriteAllBytes(htmlPath, html);
            info.TextBytes += text.Length; info.HtmlBytes += html.Length;

            articles.WriteLine(JsonSerializer.Serialize(new
            {
                id = a.Id, story = a.Story.Id, outlet = a.Outlet.Name, outletKind = a.Outlet.IsAgency ? "agency" : "paper",
                kind = a.Kind switch { ArticleKind.Wire => "wire", ArticleKind.WireCopy => "wire-copy", _ => "original" },
                wireOf = a.WireOf, agency = a.Agency?.Name, headline = a.Headline, author = a.Author,
                published = a.Published.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                dateline = a.Story.City, text = a.TextPath, html = a.HtmlPath,
            }, LineOpts));
        }
        FlushStory();
        return info;
    }

    /// <summary>The article files of a corpus folder in index order, from its manifest.</summary>
    public static List<(string Id, string Path, string Headline)> List(string folder, bool html)
    {
        var list = new List<(string, string, string)>();
        foreach (var line in File.ReadLines(Path.Combine(folder, "articles.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            list.Add((root.GetProperty("id").GetString()!, Path.Combine(folder, root.GetProperty(html ? "html" : "text").GetString()!), root.GetProperty("headline").GetString()!));
        }
        return list;
    }
}
