using Microsoft.Extensions.Options;

namespace CdsLearn.Web;

/// <summary>
/// Behind a reverse proxy the app sees the proxy's address. It takes the client's address and scheme from
/// X-Forwarded-For and X-Forwarded-Proto, but only from the proxies it knows: loopback always, and those listed in
/// <c>ForwardedHeaders:KnownProxies</c> (comma-separated addresses). Anyone else's forwarded headers are ignored,
/// so a client cannot dodge the rate limits by writing them.
/// </summary>
public static class ForwardedHeadersSetup
{
    public static IServiceCollection AddCdsLearnForwardedHeaders(this IServiceCollection services, IConfiguration configuration) =>
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor
                | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto;
            var proxies = configuration["ForwardedHeaders:KnownProxies"]?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });
}
