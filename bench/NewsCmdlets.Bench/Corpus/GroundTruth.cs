using System.Text.Json;

namespace NewsCmdlets.Bench.Corpus;

/// <summary>Reads the generator's ground truth beside a corpus: which story each article belongs to, and each story's facts.</summary>
public static class GroundTruth
{
    /// <summary>The story id of article i (articles.jsonl, in article order).</summary>
    public static List<int> StoryOfArticles(string folder)
    {
        var storyOf = new List<int>();
        foreach (var line in File.ReadLines(Path.Combine(folder, "articles.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            storyOf.Add(doc.RootElement.GetProperty("story").GetInt32());
        }
        return storyOf;
    }

    /// <summary>One value per story id (stories.jsonl), selected from the story's JSON.</summary>
    public static Dictionary<int, T> Stories<T>(string folder, Func<JsonElement, T> select)
    {
        var stories = new Dictionary<int, T>();
        foreach (var line in File.ReadLines(Path.Combine(folder, "stories.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            stories[doc.RootElement.GetProperty("id").GetInt32()] = select(doc.RootElement);
        }
        return stories;
    }
}

/// <summary>One article's place in the ground truth: its story, and for wire copies the wire article they republish.</summary>
public readonly record struct ArticleTruth(int Story, string Kind, string? WireOf, string Id);

public static class ArticleTruths
{
    /// <summary>Every article of articles.jsonl, in article order.</summary>
    public static List<ArticleTruth> Read(string folder)
    {
        var list = new List<ArticleTruth>();
        foreach (var line in File.ReadLines(Path.Combine(folder, "articles.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            list.Add(new ArticleTruth(r.GetProperty("story").GetInt32(), r.GetProperty("kind").GetString()!,
                r.GetProperty("wireOf").ValueKind == JsonValueKind.String ? r.GetProperty("wireOf").GetString() : null,
                r.GetProperty("id").GetString()!));
        }
        return list;
    }
}
