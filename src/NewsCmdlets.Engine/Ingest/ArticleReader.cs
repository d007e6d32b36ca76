using System.Text;
using NewsCmdlets.Engine.Ingest.Html;
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

    /// <summary>
    /// The encoding of inputs without a byte-order mark (-Encoding), over any declaration in them and over what their
    /// bytes suggest; null reads them as <see cref="TextDecoder"/> and <see cref="HtmlDecoder"/> decide.
    /// </summary>
    public Encoding? Encoding { get; init; }
}

/// <summary>An article and the notes on how it was read (for -Verbose).</summary>
public sealed record ArticleReadResult(NewsArticle Article, IReadOnlyList<string> Decisions);

/// <summary>
/// Reads one article from a file or a string: checks size, recognises binary and empty input, tells HTML from plain
/// text by content (not by extension), decodes, and hands the text to the right parser. Every problem is an
/// <see cref="InputProblemException"/> naming the input.
/// </summary>
public static class ArticleReader
{
    public static ArticleReadResult ReadFile(string path, ArticleReadOptions options, CancellationToken cancel = default)
    {
        if (Directory.Exists(path))
            throw new InputProblemException(InputProblemKind.IsDirectory, path,
                $"'{path}' is a directory, not an article file. Import the files in it with " +
                $"Get-ChildItem '{path}' -File | Import-NewsArticle, or give a wildcard such as '{Path.Combine(path, "*.txt")}'.");
        var info = new FileInfo(path);
        if (!info.Exists)
            throw new InputProblemException(InputProblemKind.NotFound, path, $"Cannot find the file '{path}' because it does not exist.");
        if (info.Length > options.MaximumBytes)
            throw new InputProblemException(InputProblemKind.TooLarge, path,
                $"'{path}' is {FormatBytes(info.Length)}, larger than the limit of {FormatBytes(options.MaximumBytes)} for one article. " +
                "If it really is one article, raise the limit with -MaximumFileSize.");
        if (info.Length == 0)
            throw new InputProblemException(InputProblemKind.Empty, path, $"'{path}' is empty: there is no article to import. Check that the file was saved or downloaded completely, or leave it out.");

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
        return ReadBytes(bytes, path, null, null, options);
    }

    /// <summary>Reads an article from bytes (a file's or an HTTP response's), HTML or text by content.</summary>
    public static ArticleReadResult ReadBytes(byte[] bytes, string source, string? httpContentType, Uri? baseUri, ArticleReadOptions options)
    {
        if (IsHtml(bytes, options.Encoding))
        {
            var warnings = new List<string>();
            string html = TextDecoder.RemoveControlCharacters(HtmlDecoder.Decode(bytes, httpContentType, out string encodingName, warnings, options.Encoding), source, warnings);
            return ReadHtml(html, source, baseUri, options, warnings, encodingName: encodingName);
        }
        var decoded = TextDecoder.Decode(bytes, source, options.Encoding);
        return ReadText(decoded.Text, source, source, options, decoded.Warnings, decoded.EncodingName);
    }

    /// <summary>Reads an article handed over as a string (e.g. from Get-Content -Raw): HTML or text by content.</summary>
    public static ArticleReadResult ReadContent(string content, string? sourceName, Uri? baseUri, ArticleReadOptions options)
    {
        string name = sourceName ?? baseUri?.ToString() ?? "(content)";
        var warnings = new List<string>();
        content = TextDecoder.RemoveControlCharacters(content, name, warnings);
        if (HtmlDecoder.LooksLikeHtml(content.AsSpan(0, Math.Min(content.Length, 4096))))
            return ReadHtml(content, name, baseUri, options, warnings, sourceName ?? baseUri?.ToString());
        return ReadText(content, sourceName, name, options, warnings);
    }

    /// <summary>True when the start of the bytes, decoded as they will be, is HTML markup.</summary>
    private static bool IsHtml(byte[] bytes, Encoding? encoding)
    {
        var wide = TextDecoder.Bom(bytes, out int bom) ?? encoding ?? TextDecoder.WideWithoutBom(bytes);
        if (wide != null && wide is not UTF8Encoding && wide.CodePage != 65001)
        {
            int take = Math.Min(bytes.Length - bom, 8192);
            if (wide is UnicodeEncoding) take &= ~1;
            else if (wide is UTF32Encoding) take &= ~3;
            return HtmlDecoder.LooksLikeHtml(wide.GetString(bytes, bom, take));
        }
        int n = Math.Min(bytes.Length, 4096);
        int start = bom;
        if (TextDecoder.LooksBinary(bytes.AsSpan(0, n))) return false; // reported as binary by the text path
        return HtmlDecoder.LooksLikeHtml(Encoding.Latin1.GetString(bytes, start, n - start));
    }

    private static ArticleReadResult ReadHtml(string html, string name, Uri? baseUri, ArticleReadOptions options, List<string> warnings, string? source = null,
        string? encodingName = null)
    {
        var result = HtmlArticleExtractor.Extract(html, new HtmlArticleOptions
        {
            Source = source ?? name,
            BaseUri = baseUri,
            Outlet = options.Outlet,
            Now = options.Now,
            Warnings = warnings,
        });
        if (!result.IsArticle || result.Article == null)
            throw new InputProblemException(InputProblemKind.NoArticle, name,
                $"'{name}' is a web page without an article ({result.NotArticleReason}). {result.NotArticleAdvice}");
        return new ArticleReadResult(result.Article, encodingName == null ? result.Decisions : result.Decisions.Prepend($"decoded as {encodingName}").ToList());
    }

    private static ArticleReadResult ReadText(string text, string? source, string name, ArticleReadOptions options, IReadOnlyList<string> warnings,
        string? encodingName = null)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new InputProblemException(InputProblemKind.Empty, name, $"'{name}' contains only white space: there is no article to import. Check that the file was saved or downloaded completely, or leave it out.");
        if (!HasWord(text))
            throw new InputProblemException(InputProblemKind.NoArticle, name,
                $"'{name}' has no words, only punctuation, digits or symbols: there is no article in it. Check that it is the file you meant, or leave it out.");
        var article = TextArticleParser.Parse(text, new TextArticleOptions
        {
            Source = source,
            Outlet = options.Outlet,
            Now = options.Now,
            Warnings = warnings,
        });
        if (article.WordCount == 0 && string.IsNullOrEmpty(article.Title))
            throw new InputProblemException(InputProblemKind.NoArticle, name, $"'{name}' has no words that could form an article.");
        string read = $"read as plain text; {article.Removed.Count} block(s) set aside as page chrome or credits";
        return new ArticleReadResult(article, encodingName == null ? new[] { read } : new[] { $"decoded as {encodingName}", read });
    }

    /// <summary>Whether the text has a word of two letters or more (in any script), as every article does.</summary>
    private static bool HasWord(string text)
    {
        int run = 0;
        foreach (char c in text)
        {
            if (char.IsLetter(c)) { if (++run >= 2) return true; }
            else run = 0;
        }
        return false;
    }

    public static string FormatBytes(long n) =>
        n >= 1 << 30 ? $"{n / (double)(1 << 30):0.#} GiB" :
        n >= 1 << 20 ? $"{n / (double)(1 << 20):0.#} MiB" :
        n >= 1 << 10 ? $"{n / 1024.0:0.#} KiB" : $"{n} bytes";
}
