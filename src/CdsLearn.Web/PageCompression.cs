using System.IO.Compression;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.ResponseCompression;

namespace CdsLearn.Web;

/// <summary>
/// Brotli for responses compressed as they go out. A page made for one person (a quiz, its result, a dashboard) is
/// compressed once and never again, so at quality 2; every other response (style sheets, scripts, SVG, cached by the
/// phone for a year) keeps Optimal (quality 4), as issue 17 chose for a first visit's bytes. For an 8 KB page quality
/// 4 took 101 µs and quality 2 43 µs, for 3,445 B instead of 3,247 B; in the learner loop's profile (issue 20) Brotli
/// was 11 % of the site's CPU. Anonymous lessons never come here: they are compressed once at quality 11
/// (<see cref="AnonymousPageCache"/>).
/// </summary>
public sealed class PageBrotliProvider(IHttpContextAccessor accessor) : ICompressionProvider
{
    public const int PageQuality = 2;

    public string EncodingName => "br";

    public bool SupportsFlush => true;

    /// <summary>Called once the response's headers are set, so its content type is known.</summary>
    public Stream CreateStream(Stream outputStream) =>
        IsPage(accessor.HttpContext?.Response.ContentType)
            ? new BrotliStream(outputStream, new BrotliCompressionOptions { Quality = PageQuality }, leaveOpen: true)
            : new BrotliStream(outputStream, CompressionLevel.Optimal, leaveOpen: true);

    private static bool IsPage(string? contentType) =>
        contentType is not null && contentType.StartsWith("text/html", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Compression and HTTPS. Over the site's own TLS (Kestrel serving HTTPS) responses go out uncompressed, as ASP.NET
/// Core's default (BREACH). Behind the deployment's TLS-terminating nginx (tools/deploy, <c>gzip off</c> there: the app
/// compresses) a request reaches the site over plain HTTP, but <c>UseForwardedHeaders</c> has made its scheme the
/// client's <c>https</c>, which alone switched compression off: every page went to phones at full size. A request
/// whose scheme came from the known proxy, on a connection without TLS, is compressed.
/// </summary>
public static class CompressionBehindProxy
{
    /// <summary>Whether the response may be compressed as far as HTTPS goes: plain HTTP, or HTTPS ended at the proxy
    /// (no TLS on this connection, and the scheme taken from a known proxy: the forwarded headers middleware sets
    /// X-Original-Proto only then).</summary>
    public static bool Allowed(HttpContext context) =>
        !context.Request.IsHttps
        || (context.Features.Get<ITlsConnectionFeature>() is null
            && context.Request.Headers.ContainsKey(ForwardedHeadersDefaults.XOriginalProtoHeaderName));

    /// <summary>After <c>UseResponseCompression</c>: opts a request whose TLS ended at the proxy into compression.</summary>
    public static IApplicationBuilder UseCompressionBehindProxy(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.Request.IsHttps && Allowed(context) && context.Features.Get<IHttpsCompressionFeature>() is { } https)
        {
            https.Mode = HttpsCompressionMode.Compress;
        }
        return next(context);
    });
}
