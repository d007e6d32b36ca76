using System.Management.Automation;
using NewsCmdlets.Commands;
using NewsCmdlets.Engine.Cache;
using NewsCmdlets.Engine.Ingest;
using NewsCmdlets.Engine.Ingest.Feeds;
using NewsCmdlets.Engine.Ingest.Web;
using NewsCmdlets.Engine.Model;

namespace NewsCmdlets;

/// <summary>
/// What Import-NewsArticle writes for its inputs, on the pipeline thread: files, pages and texts in input order, each
/// an article (with its warnings and decisions) or its own error, with progress. The reading is the engine's: files
/// on <see cref="ArticleFileQueue"/>'s threads, pages through <see cref="PageDownloadQueue"/>, texts through
/// <see cref="ArticleReader"/> or the cache's <see cref="CachedArticleReader.ReadContent"/>.
/// </summary>
internal sealed class ArticleImportSession : IDisposable
{
    private const string Activity = "Importing news articles";

    private readonly NewsCmdletBase _cmd;
    private readonly ArticleReadOptions _options;
    private readonly WebFetchOptions _webOptions;
    private readonly int _threads;
    private readonly int _downloads;
    private CachedArticleReader? _cached;
    private ArticleFileQueue? _files;
    private PageDownloadQueue? _pages;
    private int _imported;
    private int _failed;

    /// <param name="threads">Files read at the same time.</param>
    /// <param name="downloads">Pages downloaded at the same time.</param>
    public ArticleImportSession(NewsCmdletBase cmdlet, ArticleReadOptions options, WebFetchOptions webOptions, int threads, int downloads,
        CachedArticleReader? cached)
    {
        _cmd = cmdlet;
        _options = options;
        _webOptions = webOptions;
        _threads = threads;
        _downloads = downloads;
        _cached = cached;
    }

    private CancellationToken Cancellation => _cmd.Cancellation;

    /// <summary>The cache this call reads through, or null.</summary>
    public CachedArticleReader? Cache => _cached;

    /// <summary>An input that could not even be resolved (a path naming nothing): its error is already written.</summary>
    public void CountFailed() => _failed++;

    // ---- Files -------------------------------------------------------------------------------------------------

    public void ImportPathPattern(string pattern)
    {
        var files = _cmd.ResolvePathPattern(pattern, "If the text you passed is the article itself, use -Content.");
        if (files == null) { _failed++; return; }
        for (int i = 0; i < files.Count; i++)
        {
            if (Cancellation.IsCancellationRequested) return;
            ImportFile(files[i], files.Count > 1 ? i * 100 / files.Count : -1);
        }
    }

    public void ImportFile(string path, int percent = -1)
    {
        // No progress bar for a single file: it starts with the second input of the call.
        if (_imported + _failed + (_files?.InFlight ?? 0) > 0 && _cmd.ProgressDue)
            _cmd.ReportProgress(Activity, $"{_imported + _failed + (_files?.InFlight ?? 0) + 1}: {System.IO.Path.GetFileName(path)}", percent);
        // Read and parsed on the queue's threads; written by WriteFile, in input order, on this thread.
        if (_files == null)
        {
            _files = new ArticleFileQueue(_threads, _options, _cached, WriteFile, Cancellation);
            _cmd.RegisterPendingOutput(WritePendingFiles);
        }
        CacheGuard(path, () => _files.Add(path));
    }

    /// <summary>Writes the files still being read (before an input of another kind). False when stopped.</summary>
    public bool WritePendingFiles() => _files == null || CacheGuard(null, _files.Flush);

    /// <summary>The queue's work, where the cache is looked up and stored: a cache that fails ends the call.</summary>
    private bool CacheGuard(string? path, Func<bool> work)
    {
        try
        {
            return work();
        }
        catch (NewsCacheException ex)
        {
            _cmd.ThrowTerminatingError(CacheSession.ToErrorRecord(ex, path ?? _cached?.Cache.Path));
            return false; // not reached
        }
    }

    /// <summary>One file read by the queue, in input order: the article, or the problem with the file.</summary>
    private void WriteFile(string path, ArticleReadResult? result, Exception? error)
    {
        switch (error)
        {
            case null:
                Emit(result!);
                break;
            case OperationCanceledException when Cancellation.IsCancellationRequested:
                break;
            default:
                InputFailed(error, path, fromFile: true);
                break;
        }
    }

    /// <summary>
    /// An input that could not be read: its own error (the ErrorId of its problem, or ImportFailed for a fault this
    /// module did not foresee), and the next input is read. Only reading is guarded so; what the pipeline throws goes on up.
    /// </summary>
    private void InputFailed(Exception ex, object target, bool fromFile)
    {
        _failed++;
        if (ex is InputProblemException ipx)
        {
            var (id, category) = ImportErrors.Classify(ipx.Kind, fromFile);
            _cmd.WriteItemError(ipx, id, category, target);
        }
        else _cmd.WriteItemError(new InvalidOperationException($"Importing '{target}' failed: {ex.Message}", ex), "ImportFailed", ErrorCategory.NotSpecified, target);
    }

    // ---- Texts and feed items ------------------------------------------------------------------------------------

    public void ImportContent(string content, string? sourceName, Uri? baseUri)
    {
        ArticleReadResult result;
        try
        {
            result = _cached != null ? _cached.ReadContent(content, sourceName, baseUri, _options) : ArticleReader.ReadContent(content, sourceName, baseUri, _options);
        }
        catch (NewsCacheException ex)
        {
            _cmd.ThrowTerminatingError(CacheSession.ToErrorRecord(ex, _cached!.Cache.Path));
            return; // not reached
        }
        catch (Exception ex) when (ex is not RuntimeException) // RuntimeException: ThrowTerminatingError and a stopped pipeline
        {
            InputFailed(ex, (object?)sourceName ?? content, fromFile: false);
            return;
        }
        bool shortLine = !content.Contains('\n') && result.Article.WordCount < 40;
        if (shortLine)
        {
            _cmd.WriteWarning($"The content{(sourceName != null ? $" '{sourceName}'" : "")} is a single short line. If you piped a file with " +
                              "Get-Content, add -Raw so the whole file arrives as one article.");
        }
        Emit(result, warnedShort: shortLine);
    }

    public void ImportFeedItem(NewsFeedItem item, bool useFeedContent)
    {
        if (useFeedContent)
        {
            if (!FeedArticleBuilder.HasContent(item))
            {
                _failed++;
                _cmd.WriteItemError(new InvalidOperationException(FeedArticleBuilder.NoContentMessage(item)), "NoFeedContent", ErrorCategory.InvalidData, item);
                return;
            }
            if (!WritePendingDownloads(all: true)) return;
            if (_imported + _failed > 0 && _cmd.ProgressDue) _cmd.ReportProgress(Activity, $"{_imported + _failed + 1}: {item}");
            ArticleReadResult fromContent;
            try
            {
                fromContent = FeedArticleBuilder.FromContent(item, _options);
            }
            catch (Exception ex)
            {
                InputFailed(ex, item, fromFile: false);
                return;
            }
            Emit(fromContent);
            return;
        }
        if (string.IsNullOrWhiteSpace(item.Link))
        {
            _failed++;
            _cmd.WriteItemError(new InvalidOperationException(FeedArticleBuilder.NoLinkMessage(item)), "NoFeedLink", ErrorCategory.InvalidData, item);
            return;
        }
        EnqueueDownload(Uri.TryCreate(item.Link.Trim(), UriKind.Absolute, out var u) ? u : null, item, item);
    }

    private void Emit(ArticleReadResult result, bool warnedShort = false)
    {
        var article = result.Article;
        foreach (var w in article.Warnings) _cmd.WriteWarning(w);
        // A headline with nothing under it is kept (nothing is dropped), but said: the file may have been cut short.
        if (article.WordCount == 0 && !warnedShort)
            _cmd.WriteWarning($"'{article.Source ?? "(content)"}' has a headline but no story text under it: the article has a title only (WordCount 0). " +
                              "Check that the whole article was saved.");
        if (_cmd.MyInvocation.BoundParameters.ContainsKey("Verbose"))
        {
            string name = article.Source ?? "(content)";
            _cmd.WriteVerbose($"{name}: {article.SourceKind}, {article.WordCount} words; {article.Sources}");
            foreach (var d in result.Decisions.Take(12)) _cmd.WriteVerbose($"{name}: {d}");
            if (result.Decisions.Count > 12) _cmd.WriteVerbose($"{name}: … and {result.Decisions.Count - 12} more decision(s).");
        }
        _imported++;
        SessionValues.Remember(article);
        _cmd.WriteObject(article);
        CacheSession.ReportUnstored(_cmd, _cached);
    }

    // ---- Web addresses ---------------------------------------------------------------------------------------

    /// <summary>Starts downloading <paramref name="uri"/> (null: not a usable address) and writes whatever has finished in order.</summary>
    public void EnqueueDownload(Uri? uri, object target, NewsFeedItem? feedItem = null)
    {
        // Pages come out in order with the files before them.
        if (!WritePendingFiles()) return;
        _pages ??= new PageDownloadQueue(_downloads, _webOptions, _options, _cached, Cancellation);
        try
        {
            _pages.Add(uri, target, feedItem);
        }
        catch (NewsCacheException ex)
        {
            _cmd.ThrowTerminatingError(CacheSession.ToErrorRecord(ex, _cached!.Cache.Path));
        }
        // Keep a bounded window of finished results waiting for a slow one ahead of them.
        WritePendingDownloads(all: false);
    }

    /// <summary>
    /// Writes finished downloads from the head of the queue. With <paramref name="all"/> (or when the window is full)
    /// it waits for them, reporting progress meanwhile. Returns false when the command is being stopped.
    /// </summary>
    public bool WritePendingDownloads(bool all) =>
        _pages == null || _pages.Flush(all, WriteDownload, head => _cmd.ReportProgress(Activity, DownloadStatus(head.Name), DownloadPercent()));

    private string DownloadStatus(string name) =>
        $"{_pages!.Done + 1} of {(_cmd.MyInvocation.ExpectingInput ? $"{_pages.Started}+" : _pages.Started.ToString())}: {name}";

    private int DownloadPercent() => _cmd.MyInvocation.ExpectingInput || _pages!.Started == 0 ? -1 : _pages.Done * 100 / _pages.Started;

    private void WriteDownload(PageDownload item)
    {
        foreach (var note in item.Notes) _cmd.WriteVerbose(note);
        if (_imported + _failed > 0) _cmd.ReportProgress(Activity, DownloadStatus(item.Name), DownloadPercent());
        if (item.IsNotModified || item.IsDownloaded)
        {
            // As the answer was: 304 said before the cache renews its stamp, a download after it is stored.
            if (item.IsNotModified) _cmd.WriteVerbose(item.Summary);
            ArticleReadResult read = default!;
            try
            {
                read = item.Accept();
            }
            catch (NewsCacheException ex)
            {
                _cmd.ThrowTerminatingError(CacheSession.ToErrorRecord(ex, _cached!.Cache.Path));
            }
            if (item.IsDownloaded) _cmd.WriteVerbose(item.Summary);
            Emit(read);
            return;
        }
        if (item.Error is OperationCanceledException && Cancellation.IsCancellationRequested) return;
        if (item.Error is not { } error) return;
        _failed++;
        var (id, category, reported) = ImportErrors.ForDownload(error, item.Name);
        _cmd.WriteItemError(reported, id, category, item.Target);
    }

    // ---- End of the call -------------------------------------------------------------------------------------

    /// <summary>Writes what is still being read and downloaded (EndProcessing). False when stopped.</summary>
    public bool WriteAll()
    {
        if (!WritePendingFiles()) return false;
        WritePendingDownloads(all: true); // stopped while waiting: what was written stands, the call still ends
        return true;
    }

    /// <summary>Downloads still running are no longer wanted (-ErrorAction Stop, Ctrl+C, a failure or the end).</summary>
    public void CancelDownloads() => _pages?.Cancel();

    /// <summary>Completes progress, commits the cache's last batch and says what was not stored and how many failed.</summary>
    public void Finish()
    {
        _cmd.CompleteProgress(Activity);
        var cached = _cached;
        try
        {
            cached?.Dispose(); // commits the last batch and closes the file
        }
        catch (NewsCacheException ex)
        {
            _cmd.ThrowTerminatingError(CacheSession.ToErrorRecord(ex, cached!.Cache.Path));
        }
        finally
        {
            _cached = null;
        }
        CacheSession.ReportUnstored(_cmd, cached);
        if (cached != null) CacheSession.WarnUnstored(_cmd, cached.Unstored, "article(s)", cached.Cache.Path);
        if (_imported + _failed > 1) _cmd.WriteVerbose($"Imported {_imported} article(s); {_failed} input(s) failed.");
    }

    /// <summary>Stopped or failed before the end: files not written yet are dropped, every committed batch is kept.</summary>
    public void Dispose()
    {
        _files?.Dispose();
        try { _cached?.Dispose(); } catch (NewsCacheException) { }
        _cached = null;
    }
}
