using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using NewsCmdlets.Engine.Model;
using NewsCmdlets.Engine.Text;

namespace NewsCmdlets.Engine.Ingest.Text;

/// <summary>TextArticleParser's agency, site and web-address date of an article, and its id.</summary>
public static partial class TextArticleParser
{
    /// <summary>The agency an outlet's name is or credits in parentheses ("The Daily Example (Northsea Press Agency)").</summary>
    private static string? AgencyOf(string name)
    {
        if (WireAgencies.TryResolve(name, out var wa)) return wa;
        var paren = Regex.Match(name, @"\((?<inner>[^()]{2,60})\)\s*$", RegexOptions.CultureInvariant);
        if (paren.Success)
        {
            string inner = paren.Groups["inner"].Value.Trim();
            if (WireAgencies.TryResolve(inner, out var wi)) return wi;
            return AgencyWords.IsMatch(inner) ? inner : null;
        }
        return AgencyWords.IsMatch(name) ? name : null;
    }

    /// <summary>The site of a web address as an outlet's name: its host without "www." (or "m.", "amp.").</summary>
    internal static string? SiteOf(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var u) || string.IsNullOrEmpty(u.Host) || u.HostNameType != UriHostNameType.Dns) return null;
        string host = u.Host.ToLowerInvariant();
        foreach (var prefix in new[] { "www.", "m.", "amp.", "mobile." })
            if (host.StartsWith(prefix, StringComparison.Ordinal) && host.Count(c => c == '.') >= 2) { host = host[prefix.Length..]; break; }
        return host;
    }

    /// <summary>The date in a web address's path, when it is a real day not in the future.</summary>
    private static ParsedDate? UrlDate(string url, DateTimeOffset now)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var u)) return null;
        var m = UrlPathDate.Match(u.AbsolutePath);
        if (!m.Success) return null;
        int y = int.Parse(m.Groups["y"].Value, System.Globalization.CultureInfo.InvariantCulture);
        int mo = int.Parse(m.Groups["m"].Value, System.Globalization.CultureInfo.InvariantCulture);
        int d = int.Parse(m.Groups["d"].Value, System.Globalization.CultureInfo.InvariantCulture);
        if (d > DateTime.DaysInMonth(y, mo)) return null;
        var date = new DateTimeOffset(y, mo, d, 0, 0, 0, TimeSpan.Zero);
        return date > now.AddDays(1) ? null : new ParsedDate(date, false, false);
    }

    /// <summary>Whether <paramref name="d"/> falls within a day of the given month and day (of its year or a neighbouring one).</summary>
    private static bool NearDay(DateTimeOffset d, int month, int day)
    {
        for (int y = d.Year - 1; y <= d.Year + 1; y++)
            if (day <= DateTime.DaysInMonth(y, month) && Math.Abs((new DateTime(y, month, day) - d.Date).TotalDays) <= 1) return true;
        return false;
    }

    /// <summary>The latest day with the given month and day that is not after <paramref name="reference"/> (by more than a day).</summary>
    private static DateTimeOffset? DayBefore(DateTimeOffset reference, int month, int day)
    {
        for (int y = reference.Year; y >= reference.Year - 1; y--)
        {
            if (day > DateTime.DaysInMonth(y, month)) continue;
            var d = new DateTimeOffset(y, month, day, 0, 0, 0, TimeSpan.Zero);
            if (d.Date <= reference.Date.AddDays(1)) return d;
        }
        return null;
    }

    private static readonly Dictionary<string, int> MonthNumbers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Jan"] = 1, ["Feb"] = 2, ["Mar"] = 3, ["Apr"] = 4, ["May"] = 5, ["Jun"] = 6, ["Jul"] = 7, ["Aug"] = 8, ["Sep"] = 9, ["Oct"] = 10, ["Nov"] = 11, ["Dec"] = 12,
    };

    /// <summary>
    /// SHA-256 of the normalised title and body, and the outlet when known; the first 16 hex digits. The outlet takes
    /// part so that one wire story run word for word by two outlets is two articles (and two cache rows), while the
    /// same outlet's page saved as HTML and as text is one.
    /// </summary>
    public static string ComputeId(string? title, string body, string? outlet = null)
    {
        // The hash of "title\nbody[\n@outlet]", each normalised, built in pooled buffers (a body can be long).
        title ??= "";
        string? outletPart = string.IsNullOrWhiteSpace(outlet) ? null : "\n@" + TextShape.Normalise(outlet).ToLowerInvariant();
        char[] chars = System.Buffers.ArrayPool<char>.Shared.Rent(title.Length + 1 + body.Length + (outletPart?.Length ?? 0));
        int n = TextShape.Normalise(title, chars);
        chars[n++] = '\n';
        n += TextShape.Normalise(body, chars.AsSpan(n));
        if (outletPart != null) { outletPart.CopyTo(chars.AsSpan(n)); n += outletPart.Length; }
        byte[] bytes = System.Buffers.ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(n));
        int length = Encoding.UTF8.GetBytes(chars.AsSpan(0, n), bytes);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(bytes.AsSpan(0, length), hash);
        System.Buffers.ArrayPool<byte>.Shared.Return(bytes);
        System.Buffers.ArrayPool<char>.Shared.Return(chars);
        return Convert.ToHexString(hash[..8]).ToLowerInvariant();
    }
}
