using NewsCmdlets.Engine.Ingest.Text;
using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Engine.Ingest;

/// <summary>Options shared by every way of reading an article.</summary>
public sealed class ArticleReadOptions
{
    /// <summary>The outlet to record when the input does not name one.</summary>
    public string? Outlet { get; init; }

    /// <summary>Largest input accepted, in bytes.</summary>
    public long MaximumBytes { get; init; } = TextDecoder.DefaultMaximumBytes;

    /// <summary>"Now" for rejecting future dates; the clock when null.</summary>
    public DateTimeOffset? Now { get; init; }
}

/// <summary>
/// Reads one article from a file or a string: checks size, recognises binary and empty input, decodes, and hands
/// the text to the right parser. Every problem is an <see cref="InputProblemException"/> naming the input.
/// </summary>
public static class ArticleReader
{
    public static NewsArticle ReadFile(string path, ArticleReadOptions options, CancellationToken cancel = default)
    {
        if (Directory.Exists(path))
            throw new InputProblemException(InputProblemKind.IsDirectory, path,
                $"'{path}' is a directory, not an article file. Import the files in it with " +
                $"Get-ChildItem '{path}' -File | Import-NewsArticle, or give a wildcard such as '{System.IO.Path.Combine(path, "*.txt")}'.");
        var info = new FileInfo(path);
        if (!info.Exists)
            throw new InputProblemException(InputProblemKind.NotFound, path, $"Cannot find the file '{path}' because it does not exist.");
        if (info.Length > options.MaximumBytes)
            throw new InputProblemException(InputProblemKind.TooLarge, path,
                $"'{path}' is {FormatBytes(info.Length)}, larger than the limit of {FormatBytes(options.MaximumBytes)} for one article. " +
                "If it really is one article, raise the limit with -MaximumFileSize.");
        if (info.Length == 0)
            throw new InputProblemException(InputProblemKind.Empty, path, $"'{path}' is empty: there is no article to import.");

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputProblemException(InputProblemKind.Unreadable, path, $"Cannot read '{path}': {ex.Message}", ex);
        }
        cancel.ThrowIfCancellationRequested();
        var decoded = TextDecoder.Decode(bytes, path);
        return ParseText(decoded.Text, path, options, decoded.Warnings, InputProblemKind.Empty);
    }

    /// <summary>Reads an article handed over as a string (e.g. from Get-Content -Raw).</summary>
    public static NewsArticle ReadContent(string content, string? sourceName, ArticleReadOptions options)
    {
        string name = sourceName ?? "(content)";
        return ParseText(content, sourceName, options, Array.Empty<string>(), InputProblemKind.Empty, name);
    }

    private static NewsArticle ParseText(string text, string? source, ArticleReadOptions options, IReadOnlyList<string> warnings,
        InputProblemKind emptyKind, string? displayName = null)
    {
        string name = displayName ?? source ?? "(content)";
        if (string.IsNullOrWhiteSpace(text))
            throw new InputProblemException(emptyKind, name, $"'{name}' contains only white space: there is no article to import.");
        var article = TextArticleParser.Parse(text, new TextArticleOptions
        {
            Source = source,
            Outlet = options.Outlet,
            Now = options.Now,
            Warnings = warnings,
        });
        if (article.WordCount == 0 && string.IsNullOrEmpty(article.Title))
            throw new InputProblemException(InputProblemKind.NoArticle, name, $"'{name}' has no words that could form an article.");
        return article;
    }

    public static string FormatBytes(long n) =>
        n >= 1 << 30 ? $"{n / (double)(1 << 30):0.#} GiB" :
        n >= 1 << 20 ? $"{n / (double)(1 << 20):0.#} MiB" :
        n >= 1 << 10 ? $"{n / 1024.0:0.#} KiB" : $"{n} bytes";
}
