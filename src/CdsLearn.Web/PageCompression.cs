using System.IO.Compression;
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
