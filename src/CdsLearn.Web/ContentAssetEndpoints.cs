using System.Collections.Concurrent;
using CdsLearn.Content;
using Microsoft.Net.Http.Headers;

namespace CdsLearn.Web;

public static class ContentAssetEndpoints
{
    /// <summary>A picture file as sent: its bytes, gzipped once (an SVG shrinks to about a third), and its hash.</summary>
    private sealed record Stored(DateTime Written, long Length, byte[] Bytes, byte[] Gzipped, string Hash);

    private static readonly ConcurrentDictionary<string, Stored> Files = new(StringComparer.Ordinal);

    /// <summary>
    /// Serves the course's images (and nothing else) from the content folder under /noi-dung/.
    /// A sandboxing CSP keeps an SVG opened on its own from running script on the site's origin. Lessons link a
    /// picture with <c>?v=</c> its content hash: that URL never changes meaning, so the phone keeps it for a year
    /// without asking; without the hash (or with an old one) the phone asks each time and gets a 304.
    /// SVG goes out gzipped, compressed once when first read, not per request (the response compression
    /// middleware leaves images alone and is off for HTTPS).
    /// </summary>
    public static IEndpointRouteBuilder MapContentAssets(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ContentAssets.RequestPath + "/{**path}", (string path, CourseCatalog catalog, HttpContext context) =>
        {
            var root = Path.GetFullPath(catalog.Folder);
            var file = Path.GetFullPath(Path.Combine(root, path));
            if (!file.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                || !ContentAssets.IsAsset(file) || !File.Exists(file))
            {
                return Results.NotFound();
            }
            var stored = Read(file);
            var response = context.Response;
            response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
            response.Headers.Vary = HeaderNames.AcceptEncoding;
            var etag = new EntityTagHeaderValue($"\"{stored.Hash}\"");
            response.Headers.ETag = etag.ToString();
            response.Headers.CacheControl = context.Request.Query[ContentAssets.VersionParameter] == stored.Hash
                ? "public, max-age=31536000, immutable"
                : "public, no-cache";
            if (context.Request.GetTypedHeaders().IfNoneMatch.Any(t => t.Compare(etag, useStrongComparison: false) || t.Equals(EntityTagHeaderValue.Any)))
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }
            var type = ContentAssets.ContentTypes[Path.GetExtension(file)];
            var acceptsGzip = context.Request.GetTypedHeaders().AcceptEncoding
                .Any(e => e.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) && e.Quality is not 0);
            if (acceptsGzip && stored.Gzipped.Length < stored.Bytes.Length)
            {
                response.Headers.ContentEncoding = "gzip";
                return Results.Bytes(stored.Gzipped, type);
            }
            return Results.Bytes(stored.Bytes, type);
        });
        return endpoints;
    }

    private static Stored Read(string file)
    {
        var info = new FileInfo(file);
        if (Files.TryGetValue(file, out var stored) && stored.Written == info.LastWriteTimeUtc && stored.Length == info.Length)
        {
            return stored;
        }
        var bytes = File.ReadAllBytes(file);
        stored = new Stored(info.LastWriteTimeUtc, info.Length, bytes, ContentAssets.Gzip(bytes), ContentAssets.Hash(bytes));
        Files[file] = stored;
        return stored;
    }
}
