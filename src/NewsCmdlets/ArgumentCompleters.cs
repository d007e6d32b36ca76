using System.Collections;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Management.Automation.Language;
using NewsCmdlets.Engine.Cache;
using NewsCmdlets.Engine.Coverage;
using NewsCmdlets.Engine.Model;

namespace NewsCmdlets;

/// <summary>
/// Values seen in this process (outlets of the articles written, ids and titles of the stories written), for tab
/// completion. Bounded, so a long session cannot grow it without limit.
/// </summary>
internal static class SessionValues
{
    private const int Limit = 2000;
    private static readonly ConcurrentDictionary<string, int> s_outlets = new(StringComparer.OrdinalIgnoreCase);
    private static readonly ConcurrentDictionary<string, string> s_stories = new(StringComparer.Ordinal);

    public static void Remember(NewsArticle article)
    {
        if (string.IsNullOrWhiteSpace(article.Outlet)) return;
        if (s_outlets.Count < Limit || s_outlets.ContainsKey(article.Outlet)) s_outlets.AddOrUpdate(article.Outlet, 1, (_, n) => n + 1);
    }

    public static void Remember(NewsStory story)
    {
        if (s_stories.Count < Limit) s_stories[story.Id] = story.Title ?? "";
    }

    public static IEnumerable<(string Value, int Count)> Outlets => s_outlets.Select(kv => (kv.Key, kv.Value));
    public static IEnumerable<(string Id, string Title)> Stories => s_stories.Select(kv => (kv.Key, kv.Value));
}

/// <summary>Shared completion plumbing: matching, quoting, and never throwing into the user's prompt.</summary>
internal static class Completion
{
    public static bool Matches(string value, string word)
    {
        word = word.Trim('\'', '"');
        return word.Length == 0 || value.StartsWith(word, StringComparison.OrdinalIgnoreCase)
               || value.Contains(" " + word, StringComparison.OrdinalIgnoreCase);
    }

    public static CompletionResult Result(string value, string? tooltip = null)
    {
        bool needsQuotes = value.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '$' or '`' or ',' or ';' or '(' or ')' or '{' or '}' or '@' or '#' or '|' or '&');
        string text = needsQuotes ? "'" + value.Replace("'", "''") + "'" : value;
        return new CompletionResult(text, value, CompletionResultType.ParameterValue, string.IsNullOrEmpty(tooltip) ? value : tooltip);
    }
}

/// <summary>
/// Completes -Outlet from the outlets of the articles imported in this session and, when the cache file exists, the
/// outlets in the cache (the -CachePath typed on the line, else the session's cache).
/// </summary>
public sealed class OutletCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (v, n) in SessionValues.Outlets) seen[v] = n;
        try
        {
            var location = fakeBoundParameters?["CachePath"] is string typed ? NewsCacheLocation.File(typed) : CacheSession.Get().Location;
            if (location.IsServer || !string.IsNullOrEmpty(location.Path) && Path.IsPathRooted(location.Path) && File.Exists(location.Path))
            {
                using var cache = NewsCache.Open(location, new NewsCacheOptions { ReadOnly = true, BusyTimeout = TimeSpan.FromMilliseconds(300) });
                foreach (var o in cache.Outlets()) seen.TryAdd(o, 0);
            }
        }
        catch (Exception)
        {
            // Completion must never fail the prompt: an unreadable cache just offers the session's outlets.
        }
        return seen.Where(kv => Completion.Matches(kv.Key, wordToComplete ?? ""))
            .OrderBy(kv => kv.Key, StringComparer.OrdinalIgnoreCase)
            .Select(kv => Completion.Result(kv.Key));
    }
}

/// <summary>Completes story ids from the stories Group-NewsArticle and Compare-NewsCoverage wrote in this session; the tooltip is the title.</summary>
public sealed class StoryIdCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        string word = (wordToComplete ?? "").Trim('\'', '"');
        return SessionValues.Stories
            .Where(s => s.Id.StartsWith(word, StringComparison.OrdinalIgnoreCase) || (word.Length > 0 && s.Title.Contains(word, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(s => s.Id, StringComparer.Ordinal)
            .Select(s => new CompletionResult(s.Id, s.Id + "  " + s.Title, CompletionResultType.ParameterValue, string.IsNullOrEmpty(s.Title) ? s.Id : s.Title));
    }
}
