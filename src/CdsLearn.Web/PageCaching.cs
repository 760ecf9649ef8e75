using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;

namespace CdsLearn.Web;

/// <summary>Conditional GETs and the output cache for pages that mostly do not change: lessons.</summary>
public static class PageCaching
{
    public const string AnonymousPages = "AnonymousPages";

    /// <summary>Changes with every build, so a new layout or stylesheet never hides behind an old ETag.</summary>
    private static readonly string BuildId = typeof(PageCaching).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    /// <summary>A strong ETag over everything the page shows. True when the client's copy is current (answer 304).</summary>
    public static bool IsNotModified(HttpContext context, params string?[] parts)
    {
        // The page is drawn with the phone's display options ("Chữ to", "Tương phản cao"), so they are part of it.
        var display = Pages.Shared.DisplayOptions.Classes(context.Request);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(BuildId + "\n" + display + "\n" + string.Join('\n', parts)));
        var etag = new EntityTagHeaderValue($"\"{Convert.ToBase64String(hash, 0, 16).TrimEnd('=')}\"");
        context.Response.Headers.ETag = etag.ToString();
        // Personal pages (signed in) may be kept by the browser only, and must be checked each time.
        context.Response.Headers.CacheControl = context.User.Identity?.IsAuthenticated == true ? "private, no-cache" : "public, no-cache";
        var requested = context.Request.GetTypedHeaders().IfNoneMatch;
        return requested.Any(tag => tag.Compare(etag, useStrongComparison: false) || tag.Equals(EntityTagHeaderValue.Any));
    }

    /// <summary>Caches a page on the server only for visitors who are not signed in: everyone sees the same page.</summary>
    public sealed class AnonymousOnlyPolicy : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var http = context.HttpContext;
            var anonymous = http.User.Identity?.IsAuthenticated != true && HttpMethods.IsGet(http.Request.Method);
            context.EnableOutputCaching = anonymous;
            context.AllowCacheLookup = anonymous;
            context.AllowCacheStorage = anonymous;
            context.AllowLocking = true;
            context.CacheVaryByRules.QueryKeys = "*";
            // The layout draws the display options from their cookies: one copy per choice.
            context.CacheVaryByRules.VaryByValues["display"] = Pages.Shared.DisplayOptions.Classes(http.Request) ?? "";
            // A lesson offers "Nghe giọng đọc của Tổ" only where a reading is approved: a review makes a new copy.
            context.CacheVaryByRules.VaryByValues["voices"] = http.RequestServices.GetRequiredService<CdsLearn.Voices.VoiceAvailability>()
                .Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.ResponseExpirationTimeSpan = TimeSpan.FromMinutes(10);
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            // Never keep a response that sets a cookie or is not a plain 200.
            var response = context.HttpContext.Response;
            if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
            {
                context.AllowCacheStorage = false;
            }
            return ValueTask.CompletedTask;
        }
    }
}
