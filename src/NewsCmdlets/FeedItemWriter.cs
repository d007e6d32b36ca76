using System.Management.Automation;
using NewsCmdlets.Engine.Ingest.Feeds;
using NewsCmdlets.Engine.Ingest.Web;

namespace NewsCmdlets;

/// <summary>
/// What Get-NewsFeed writes for each feed, on the pipeline thread: its items as they are read (duplicates within the
/// call once), its warnings, and its errors (a feed that cannot be read, items that cannot be read), with the counts
/// for the call's summary.
/// </summary>
internal sealed class FeedItemWriter
{
    /// <summary>Items that cannot be read get an error each up to this many per feed; the rest are counted in one.</summary>
    private const int ItemErrorsPerFeed = 20;

    private readonly NewsCmdletBase _cmd;
    private readonly FeedItemDeduplicator _dedup = new();

    public FeedItemWriter(NewsCmdletBase cmdlet) => _cmd = cmdlet;

    /// <summary>Feeds read.</summary>
    public int Feeds { get; private set; }

    /// <summary>Feeds that could not be read.</summary>
    public int Failed { get; private set; }

    /// <summary>Items written.</summary>
    public int Items { get; private set; }

    /// <summary>Items left out as duplicates of items written before.</summary>
    public int Duplicates { get; private set; }

    /// <summary>A feed whose error was written elsewhere (a path naming nothing, an invalid address).</summary>
    public void CountFailed() => Failed++;

    /// <summary>A feed that could not be read: its own error, and the next feed is read.</summary>
    public void FeedFailed(Exception ex, object target)
    {
        Failed++;
        switch (ex)
        {
            case FeedException fex:
                var (id, category) = Classify(fex.Kind);
                _cmd.WriteItemError(fex, id, category, target);
                break;
            case WebFetchException wex:
                var (wid, wcategory) = NewsCmdletBase.ClassifyWebError(wex, "FeedTooLarge");
                _cmd.WriteItemError(wex, wid, wcategory, target);
                break;
            default:
                // A fault this module did not foresee stays with its feed: the others are still read.
                _cmd.WriteItemError(new InvalidOperationException($"Reading the feed '{target}' failed: {ex.Message}", ex), "FeedFailed", ErrorCategory.NotSpecified, target);
                break;
        }
    }

    /// <summary>
    /// Writes a feed's items as they are read (nothing of the feed is kept). A fault further on in the document (XML
    /// that stops being well-formed) is an error for the feed after the items before it.
    /// </summary>
    public void WriteFeed(ParsedFeed feed, object target)
    {
        var cancel = _cmd.Cancellation;
        Feeds++;
        if (_cmd.MyInvocation.BoundParameters.ContainsKey("Verbose"))
            foreach (var d in feed.Decisions) _cmd.WriteVerbose($"{feed.Source}: {d}");
        int warned = 0;
        void Warnings()
        {
            for (; warned < feed.Warnings.Count; warned++) _cmd.WriteWarning(feed.Warnings[warned]);
        }
        Warnings();
        int unreadable = 0;
        using var entries = feed.ReadEntries().GetEnumerator();
        while (!cancel.IsCancellationRequested)
        {
            // Only reading the next item is guarded: what the pipeline downstream throws goes on up.
            FeedEntry entry;
            try
            {
                if (!entries.MoveNext()) break;
                entry = entries.Current;
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                FeedFailed(ex, target);
                break;
            }
            foreach (var w in entry.Warnings) _cmd.WriteWarning($"{feed.Source}: {w}");
            if (entry.Item is not { } item)
            {
                if (++unreadable <= ItemErrorsPerFeed)
                    _cmd.WriteItemError(new InvalidDataException(entry.Problem), "InvalidFeedItem", ErrorCategory.InvalidData, target);
                continue;
            }
            if (!_dedup.IsNew(item, out string? duplicateOf))
            {
                Duplicates++;
                _cmd.WriteVerbose($"{feed.Source}: item {entry.Position} ('{item}') left out: same {duplicateOf} as an item already written.");
                continue;
            }
            Items++;
            _cmd.WriteObject(item);
        }
        if (unreadable > ItemErrorsPerFeed)
            _cmd.WriteItemError(new InvalidDataException(
                    $"{unreadable - ItemErrorsPerFeed:N0} more item(s) of '{feed.Source}' could not be read ({unreadable:N0} in all); " +
                    $"the first {ItemErrorsPerFeed} were reported one by one."),
                "InvalidFeedItem", ErrorCategory.InvalidData, target);
        Warnings();
    }

    private static (string ErrorId, ErrorCategory Category) Classify(FeedProblemKind kind) => kind switch
    {
        FeedProblemKind.NotAFeed => ("NotAFeed", ErrorCategory.InvalidData),
        FeedProblemKind.Malformed => ("InvalidFeed", ErrorCategory.InvalidData),
        FeedProblemKind.TooLarge => ("FeedTooLarge", ErrorCategory.LimitsExceeded),
        FeedProblemKind.Empty => ("EmptyFeed", ErrorCategory.InvalidData),
        FeedProblemKind.DtdProhibited => ("FeedDtdProhibited", ErrorCategory.SecurityError),
        FeedProblemKind.NotFound => ("PathNotFound", ErrorCategory.ObjectNotFound),
        FeedProblemKind.IsDirectory => ("PathIsDirectory", ErrorCategory.InvalidArgument),
        FeedProblemKind.Unreadable => ("FileUnreadable", ErrorCategory.ReadError),
        _ => ("InvalidFeed", ErrorCategory.NotSpecified),
    };
}
