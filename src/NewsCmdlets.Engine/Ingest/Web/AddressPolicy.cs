using System.Net;
using System.Net.Sockets;

namespace NewsCmdlets.Engine.Ingest.Web;

/// <summary>
/// Which addresses are not on the public internet: loopback, private (RFC 1918, unique local), carrier-grade NAT,
/// link-local, multicast, unspecified, documentation and reserved ranges, and IPv6 forms that carry one of those
/// IPv4 addresses. With <see cref="WebFetchOptions.PublicAddressesOnly"/>, a download never connects to one, whether
/// the address was given, reached by a redirect, or what a host name resolves to when the connection is made.
/// </summary>
public static class AddressPolicy
{
    /// <summary>What kind of non-public address <paramref name="address"/> is ("loopback", "private", …), or null for a public one.</summary>
    public static string? NonPublicKind(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> b = stackalloc byte[4];
            address.TryWriteBytes(b, out _);
            return b[0] switch
            {
                0 => "unspecified ('this network')",
                10 => "private",
                127 => "loopback",
                100 when (b[1] & 0xC0) == 64 => "shared (carrier-grade NAT)",
                169 when b[1] == 254 => "link-local",
                172 when (b[1] & 0xF0) == 16 => "private",
                192 when b[1] == 168 => "private",
                192 when b[1] == 0 && b[2] is 0 or 2 => "reserved",
                198 when (b[1] & 0xFE) == 18 => "reserved (benchmarking)",
                198 when b[1] == 51 && b[2] == 100 => "reserved",
                203 when b[1] == 0 && b[2] == 113 => "reserved",
                >= 224 => b[0] < 240 ? "multicast" : "reserved",
                _ => null,
            };
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.Equals(IPAddress.IPv6Loopback)) return "loopback";
            if (address.Equals(IPAddress.IPv6None) || address.Equals(IPAddress.IPv6Any)) return "unspecified";
            if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal) return "link-local";
            if (address.IsIPv6Multicast) return "multicast";
            Span<byte> b = stackalloc byte[16];
            address.TryWriteBytes(b, out _);
            if ((b[0] & 0xFE) == 0xFC) return "private (unique local)";
            if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8) return "reserved (documentation)";
            // IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) forms carry an IPv4 address: judge that one.
            bool compatible = b[..12].IndexOfAnyExcept((byte)0) < 0;
            bool nat64 = b[0] == 0 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b[4..12].IndexOfAnyExcept((byte)0) < 0;
            if (compatible || nat64) return NonPublicKind(new IPAddress(b[12..]));
            return null;
        }
        return "not an internet";
    }

    /// <summary>
    /// Throws <see cref="WebFetchException"/> (<see cref="WebProblemKind.PrivateAddress"/>) unless every address
    /// <paramref name="uri"/>'s host stands for is public. <paramref name="how"/> says how the address was reached.
    /// </summary>
    internal static async Task CheckAsync(Uri uri, Func<string, CancellationToken, Task<IPAddress[]>> resolve, string? how, CancellationToken cancel)
    {
        IPAddress[] addresses;
        if (IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var literal)) addresses = new[] { literal };
        else
        {
            try
            {
                addresses = await resolve(uri.IdnHost, cancel).ConfigureAwait(false);
            }
            catch (SocketException ex)
            {
                throw new WebFetchException(WebProblemKind.ConnectionFailed, uri,
                    $"Cannot connect to '{uri}': the host name '{uri.Host}' was not found ({ex.SocketErrorCode}). Check the address and the network.", inner: ex);
            }
        }
        foreach (var a in addresses)
            if (NonPublicKind(a) is { } kind)
                throw Refused(uri, a, kind, how);
    }

    internal static WebFetchException Refused(Uri uri, IPAddress address, string kind, string? how) =>
        new(WebProblemKind.PrivateAddress, uri,
            $"{how ?? $"'{uri}'"} {(IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out _) ? "is" : $"leads to {address}, which is")} a {kind} address, " +
            "not one on the public internet; -PublicAddressOnly refuses those (loopback, private, link-local and reserved addresses), " +
            "so nothing was requested from it.");
}
