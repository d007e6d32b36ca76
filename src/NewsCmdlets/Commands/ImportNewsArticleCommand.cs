using System.Collections.ObjectModel;
using System.Management.Automation;
using NewsCmdlets.Engine.Ingest;
using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Commands;

/// <summary>
/// Import-NewsArticle: reads articles from files or strings and emits one <see cref="NewsArticle"/> each.
/// </summary>
[Cmdlet(VerbsData.Import, "NewsArticle", DefaultParameterSetName = PathSet)]
[OutputType(typeof(NewsArticle))]
public sealed class ImportNewsArticleCommand : NewsCmdletBase
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";
    private const string ContentSet = "Content";
    private const string Activity = "Importing news articles";

    /// <summary>Files to import; wildcards allowed. A piped string with line breaks is taken as article text.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>Files to import, taken literally (no wildcards). Binds the PSPath of Get-ChildItem output.</summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = Array.Empty<string>();

    /// <summary>Article text, e.g. from Get-Content -Raw.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ContentSet, ValueFromPipeline = true)]
    [AllowEmptyString]
    public string Content { get; set; } = "";

    /// <summary>Name recorded as the Source of articles given with -Content.</summary>
    [Parameter(ParameterSetName = ContentSet)]
    public string? SourceName { get; set; }

    /// <summary>Address of a page given with -Content as HTML: relative links resolve against it and it becomes the Url.</summary>
    [Parameter(ParameterSetName = ContentSet)]
    public Uri? BaseUri { get; set; }

    /// <summary>The outlet to record when the text does not name one.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Outlet { get; set; }

    /// <summary>Largest file accepted, in bytes (default 64 MiB).</summary>
    [Parameter]
    [ValidateRange(1L, long.MaxValue)]
    public long MaximumFileSize { get; set; } = TextDecoder.DefaultMaximumBytes;

    private ArticleReadOptions _options = new();
    private int _imported;
    private int _failed;

    protected override void BeginProcessing()
    {
        _options = new ArticleReadOptions { Outlet = Outlet, MaximumBytes = MaximumFileSize };
    }

    protected override void ProcessRecord()
    {
        switch (ParameterSetName)
        {
            case ContentSet:
                ImportContent(Content, SourceName);
                break;
            case LiteralPathSet:
                foreach (var p in LiteralPath)
                {
                    if (Cancellation.IsCancellationRequested) return;
                    string resolved;
                    try
                    {
                        resolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(p, out var provider, out _);
                        if (!IsFileSystem(provider, p)) continue;
                    }
                    catch (Exception ex) when (ex is not PipelineStoppedException)
                    {
                        WriteItemError(ex, "InvalidPath", ErrorCategory.InvalidArgument, p);
                        continue;
                    }
                    ImportFile(resolved);
                }
                break;
            default:
                foreach (var p in Path)
                {
                    if (Cancellation.IsCancellationRequested) return;
                    if (p.Contains('\n'))
                    {
                        // A path never spans lines: this is article text piped without -Content (Get-Content -Raw | Import-NewsArticle).
                        ImportContent(p, SourceName);
                        continue;
                    }
                    ImportPathPattern(p);
                }
                break;
        }
    }

    protected override void EndProcessing()
    {
        CompleteProgress(Activity);
        if (_imported + _failed > 1) WriteVerbose($"Imported {_imported} article(s); {_failed} input(s) failed.");
    }

    private void ImportPathPattern(string pattern)
    {
        Collection<string> files;
        ProviderInfo provider;
        try
        {
            files = GetResolvedProviderPathFromPSPath(pattern, out provider);
        }
        catch (ItemNotFoundException ex)
        {
            _failed++;
            WriteItemError(new ItemNotFoundException($"Cannot find the file '{pattern}' because it does not exist. " +
                "If the text you passed is the article itself, use -Content.", ex),
                "PathNotFound", ErrorCategory.ObjectNotFound, pattern);
            return;
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            _failed++;
            WriteItemError(ex, "InvalidPath", ErrorCategory.InvalidArgument, pattern);
            return;
        }
        if (!IsFileSystem(provider, pattern)) return;
        if (files.Count == 0)
        {
            _failed++;
            WriteItemError(new ItemNotFoundException($"No file matches '{pattern}'."), "PathNotFound", ErrorCategory.ObjectNotFound, pattern);
            return;
        }
        int i = 0;
        foreach (var file in files)
        {
            if (Cancellation.IsCancellationRequested) return;
            // With a wildcard, directories that match are skipped (as Get-Content skips them); named ones are errors.
            if (files.Count > 1 && WildcardPattern.ContainsWildcardCharacters(pattern) && Directory.Exists(file)) continue;
            ImportFile(file, files.Count > 1 ? i * 100 / files.Count : -1);
            i++;
        }
    }

    private bool IsFileSystem(ProviderInfo provider, string path)
    {
        if (provider.ImplementingType == typeof(Microsoft.PowerShell.Commands.FileSystemProvider)) return true;
        _failed++;
        WriteItemError(new ArgumentException($"'{path}' is on the {provider.Name} provider; Import-NewsArticle reads files from the file system."),
            "NotFileSystemPath", ErrorCategory.InvalidArgument, path);
        return false;
    }

    private void ImportFile(string path, int percent = -1)
    {
        // No progress bar for a single file: it starts with the second input of the call.
        if (_imported + _failed > 0) ReportProgress(Activity, $"{_imported + _failed + 1}: {System.IO.Path.GetFileName(path)}", percent);
        try
        {
            Emit(ArticleReader.ReadFile(path, _options, Cancellation));
        }
        catch (InputProblemException ex)
        {
            _failed++;
            var (id, category) = Classify(ex.Kind, fromFile: true);
            WriteItemError(ex, id, category, path);
        }
        catch (OperationCanceledException) when (Cancellation.IsCancellationRequested)
        {
        }
    }

    private void ImportContent(string content, string? sourceName)
    {
        try
        {
            var result = ArticleReader.ReadContent(content, sourceName, BaseUri, _options);
            if (!content.Contains('\n') && result.Article.WordCount < 40)
            {
                WriteWarning($"The content{(sourceName != null ? $" '{sourceName}'" : "")} is a single short line. If you piped a file with " +
                             "Get-Content, add -Raw so the whole file arrives as one article.");
            }
            Emit(result);
        }
        catch (InputProblemException ex)
        {
            _failed++;
            var (id, category) = Classify(ex.Kind, fromFile: false);
            WriteItemError(ex, id, category, (object?)sourceName ?? content);
        }
    }

    private void Emit(ArticleReadResult result)
    {
        var article = result.Article;
        foreach (var w in article.Warnings) WriteWarning(w);
        if (MyInvocation.BoundParameters.ContainsKey("Verbose"))
        {
            string name = article.Source ?? "(content)";
            WriteVerbose($"{name}: {article.SourceKind}, {article.WordCount} words; {article.Sources}");
            foreach (var d in result.Decisions.Take(12)) WriteVerbose($"{name}: {d}");
            if (result.Decisions.Count > 12) WriteVerbose($"{name}: … and {result.Decisions.Count - 12} more decision(s).");
        }
        _imported++;
        WriteObject(article);
    }

    private static (string ErrorId, ErrorCategory Category) Classify(InputProblemKind kind, bool fromFile) => kind switch
    {
        InputProblemKind.NotFound => ("PathNotFound", ErrorCategory.ObjectNotFound),
        InputProblemKind.IsDirectory => ("PathIsDirectory", ErrorCategory.InvalidArgument),
        InputProblemKind.Empty => (fromFile ? "EmptyFile" : "EmptyContent", ErrorCategory.InvalidData),
        InputProblemKind.Binary => ("BinaryFile", ErrorCategory.InvalidData),
        InputProblemKind.TooLarge => ("FileTooLarge", ErrorCategory.LimitsExceeded),
        InputProblemKind.Unreadable => ("FileUnreadable", ErrorCategory.ReadError),
        InputProblemKind.NoArticle => ("NotAnArticle", ErrorCategory.InvalidData),
        _ => ("ImportFailed", ErrorCategory.NotSpecified),
    };
}
