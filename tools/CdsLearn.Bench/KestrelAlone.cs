using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace CdsLearn.Bench;

/// <summary>
/// The site's own server with nothing of the site in it: a bare ASP.NET Core app (Kestrel, no middleware, no logging),
/// started in this process, that answers every request with the headers and bytes the site sent for a lesson, gzipped
/// when the request accepts gzip. <c>bench lessons --kestrel</c> measures it in the same turns as the site and nginx:
/// site / Kestrel alone is what the site's code costs on that path, Kestrel alone / nginx what the server costs.
/// </summary>
public sealed class KestrelAlone : IAsyncDisposable
{
    /// <summary>Headers that Kestrel writes itself or that depend on the encoding; everything else is sent as the site
    /// sent it.</summary>
    private static readonly HashSet<string> Own = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.Date, HeaderNames.ContentLength, HeaderNames.ContentEncoding, HeaderNames.TransferEncoding, HeaderNames.Server,
    };

    private readonly WebApplication app;

    private KestrelAlone(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<KestrelAlone> StartAsync(IEnumerable<KeyValuePair<string, string>> siteHeaders, byte[] identity, byte[] gzip,
        CancellationToken cancellationToken)
    {
        var headers = siteHeaders.Where(h => !Own.Contains(h.Key)).ToArray();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(options => options.AddServerHeader = false);
        // With the runtime's inline completions (the site's default on SQLite, SocketThreads), the bench started with
        // DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 gives Kestrel alone the site's scheduling too.
        if (Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS") == "1")
        {
            builder.WebHost.UseSockets(options => options.UnsafePreferInlineScheduling = true);
        }
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Run(context => Serve(context, headers, identity, gzip));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new KestrelAlone(app, new Uri(address));
    }

    private static Task Serve(HttpContext context, KeyValuePair<string, string>[] headers, byte[] identity, byte[] gzip)
    {
        var response = context.Response;
        foreach (var (name, value) in headers)
        {
            response.Headers[name] = value;
        }
        var body = identity;
        if (context.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
        {
            response.Headers.ContentEncoding = "gzip";
            body = gzip;
        }
        response.ContentLength = body.Length;
        return response.BodyWriter.WriteAsync(body).AsTask();
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
