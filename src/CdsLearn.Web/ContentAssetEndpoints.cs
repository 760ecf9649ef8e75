using CdsLearn.Content;

namespace CdsLearn.Web;

public static class ContentAssetEndpoints
{
    /// <summary>
    /// Serves the course's images (and nothing else) from the content folder under /noi-dung/.
    /// A sandboxing CSP keeps an SVG opened on its own from running script on the site's origin.
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
            context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
            context.Response.Headers.CacheControl = "public, max-age=86400";
            return Results.File(file, ContentAssets.ContentTypes[Path.GetExtension(file)]);
        });
        return endpoints;
    }
}
