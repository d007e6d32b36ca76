namespace NewsCmdlets.Engine.Ingest;

/// <summary>
/// The one check for an address an article or a feed item carries (a feed link, a canonical link, og:url, a front
/// matter URL): it must be, or resolve to, an absolute http or https address with a host. Anything else
/// (<c>javascript:</c>, <c>data:</c>, <c>file:</c>, a path with no address to resolve it against, text that is no
/// address at all) is refused with the reason, so it never reaches Url, a CSV or the cache.
/// </summary>
public static class WebAddress
{
    /// <summary>
    /// Resolves <paramref name="href"/> against <paramref name="baseUri"/>; returns the absolute http(s) address, or
    /// null (with <paramref name="problem"/> saying why, when there was something to refuse) when it is not one.
    /// </summary>
    public static string? Resolve(string? href, Uri? baseUri, out string? problem)
    {
        problem = null;
        string? h = href?.Trim();
        if (string.IsNullOrEmpty(h)) return null;
        if (h.AsSpan().IndexOfAnyInRange('\0', '\x1F') >= 0)
        {
            problem = $"the address '{Clip(h)}' holds control characters";
            return null;
        }
        if (Uri.TryCreate(h, UriKind.Absolute, out var abs) && !(abs.IsFile && h.StartsWith('/')))
        {
            if (IsWeb(abs)) return abs.AbsoluteUri;
            problem = abs.Scheme is "http" or "https"
                ? $"the address '{Clip(h)}' has no host"
                : $"the link '{Clip(h)}' is a {abs.Scheme}: address, not a web page";
            return null;
        }
        if (baseUri != null && baseUri.IsAbsoluteUri && Uri.TryCreate(baseUri, h, out var rel))
        {
            if (IsWeb(rel)) return rel.AbsoluteUri;
            problem = $"the relative link '{Clip(h)}' resolves to '{Clip(rel.ToString())}', which is not a web address";
            return null;
        }
        problem = baseUri == null
            ? $"the link '{Clip(h)}' is relative and there is no address to resolve it against"
            : $"the link '{Clip(h)}' is not a valid address";
        return null;
    }

    /// <summary>True for an absolute http or https address with a host.</summary>
    public static bool IsWeb(Uri uri) =>
        uri.IsAbsoluteUri && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && !string.IsNullOrEmpty(uri.Host);

    internal static string Clip(string s, int n = 80) => s.Length <= n ? s : s[..n] + "…";
}
