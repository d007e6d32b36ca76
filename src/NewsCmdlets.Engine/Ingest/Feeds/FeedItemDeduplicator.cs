using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Engine.Ingest.Feeds;

/// <summary>
/// Tells items already seen in one call: the same link (compared without its fragment, scheme and host in any case)
/// or the same guid. A guid that is an absolute address or URN counts across feeds; a bare guid ("1234") only
/// within its own feed, since different feeds number their items independently.
/// </summary>
public sealed class FeedItemDeduplicator
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    /// <summary>True the first time an item is seen; false for a duplicate (nothing is recorded for it).</summary>
    public bool IsNew(NewsFeedItem item, out string? duplicateOf)
    {
        duplicateOf = null;
        string? link = item.Link != null ? "link:" + NormaliseLink(item.Link) : null;
        string? guid = item.Guid != null ? "guid:" + (IsGlobal(item.Guid) ? item.Guid : item.SourceFeed + "\n" + item.Guid) : null;
        if (link != null && _seen.Contains(link)) { duplicateOf = $"link {item.Link}"; return false; }
        if (guid != null && _seen.Contains(guid)) { duplicateOf = $"guid {item.Guid}"; return false; }
        if (link != null) _seen.Add(link);
        if (guid != null) _seen.Add(guid);
        return true;
    }

    private static bool IsGlobal(string guid) =>
        Uri.TryCreate(guid, UriKind.Absolute, out var u) && !u.IsFile || guid.StartsWith("urn:", StringComparison.OrdinalIgnoreCase) ||
        guid.StartsWith("tag:", StringComparison.OrdinalIgnoreCase);

    private static string NormaliseLink(string link)
    {
        if (!Uri.TryCreate(link, UriKind.Absolute, out var u)) return link;
        var b = new UriBuilder(u) { Fragment = "" };
        if (b.Uri.IsDefaultPort) b.Port = -1;
        return b.Uri.AbsoluteUri;
    }
}
