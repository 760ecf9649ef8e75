using System.Net;
using System.Net.Sockets;

namespace CdsLearn.Web;

/// <summary>
/// The address that rate limits and wrong-password counts go by (after <see cref="ForwardedHeadersSetup"/> has put the
/// client's own address in place of a known proxy's). IPv4 as it is; IPv6 by its /64 prefix, the block that one home
/// line or phone is given, so that an attacker cannot take a fresh address for every try.
/// </summary>
public static class ClientAddress
{
    public static string Of(HttpContext context)
    {
        if (context.Connection.RemoteIpAddress is not { } address)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
