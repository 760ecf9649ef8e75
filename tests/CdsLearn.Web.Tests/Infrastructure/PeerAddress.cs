using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace CdsLearn.Web.Tests.Infrastructure;

/// <summary>
/// The in-process server has no TCP peer, so a request names the address it comes from in <c>X-Test-Peer</c>, set as
/// the connection's address before the site's own middleware runs. Register it with
/// <c>services.AddTransient&lt;IStartupFilter, PeerFromHeader&gt;()</c>.
/// </summary>
public sealed class PeerFromHeader : IStartupFilter
{
    public const string Header = "X-Test-Peer";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var peer))
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(peer!);
            }
            return nextMiddleware(context);
        });
        next(app);
    };
}

public static class PeerAddress
{
    private static int next;

    /// <summary>A documentation address (198.18.0.0/15) no other test has used.</summary>
    public static string Fresh()
    {
        var n = Interlocked.Increment(ref next);
        return $"198.{18 + (n >> 16 & 1)}.{n >> 8 & 255}.{n & 255}";
    }

    /// <summary>From now on this visitor's requests come from <paramref name="address"/> (a site with
    /// <see cref="PeerFromHeader"/> only).</summary>
    public static SiteClient From(this SiteClient site, string address)
    {
        site.Http.DefaultRequestHeaders.Remove(PeerFromHeader.Header);
        site.Http.DefaultRequestHeaders.Add(PeerFromHeader.Header, address);
        return site;
    }
}
