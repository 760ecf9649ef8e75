namespace CdsLearn.Web;

/// <summary>
/// Headers that make the browser refuse what the site never does: run inline or foreign scripts, be framed by another
/// site, send the full address to other sites, use the camera, or the microphone outside the page that records voices.
/// Styles may be inline (the validation summary writes one); scripts may not.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        // blob: the recording page plays back what the phone just recorded, before it is uploaded.
        "media-src 'self' blob:; " +
        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    public const string PermissionsPolicy = "camera=(), microphone=(), geolocation=(), payment=()";

    /// <summary>A page marked <see cref="UsesMicrophoneAttribute"/>: the microphone for this site's own page only.</summary>
    public const string RecordingPermissionsPolicy = "camera=(), microphone=(self), geolocation=(), payment=()";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            // The rest only matters for documents; on every style sheet, script and icon it would cost a cheap phone
            // about 300 bytes each on a slow line.
            if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
            {
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = context.GetEndpoint()?.Metadata.GetMetadata<UsesMicrophoneAttribute>() is null
                    ? PermissionsPolicy
                    : RecordingPermissionsPolicy;
            }
            return Task.CompletedTask;
        });
        await next();
    });
}
