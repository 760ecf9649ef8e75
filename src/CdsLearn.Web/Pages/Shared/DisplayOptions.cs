namespace CdsLearn.Web.Pages.Shared;

/// <summary>
/// "Chữ to" and "Tương phản cao", kept on the phone in two cookies. The layout reads them, so the page arrives already
/// drawn the person's way, and a phone without JavaScript can switch them with a plain form (POST /hien-thi, then back
/// to the page). With JavaScript, site.js writes the same cookies and switches at once, without a reload.
/// </summary>
public static class DisplayOptions
{
    public const string Path = "/hien-thi";

    public const string Large = "large";

    public const string Contrast = "contrast";

    /// <summary>The cookie of an option: "cdslearn-large", "cdslearn-contrast" (site.js uses the same names).</summary>
    public static string CookieName(string option) => "cdslearn-" + option;

    public static bool IsOn(HttpRequest request, string option) =>
        request.Cookies.TryGetValue(CookieName(option), out var value) && value == "1";

    /// <summary>The classes for &lt;html&gt;: "large", "contrast", "large contrast", or null for neither.</summary>
    public static string? Classes(HttpRequest request) =>
        string.Join(' ', new[] { Large, Contrast }.Where(option => IsOn(request, option))) is { Length: > 0 } classes ? classes : null;

    /// <summary>The form's target: flips one option and goes back to the page it was sent from.</summary>
    public static IEndpointRouteBuilder MapDisplayOptions(this IEndpointRouteBuilder endpoints)
    {
        // No antiforgery token: the worst a forged post can do is make someone's text larger, and a token would make
        // every page set a cookie and stop it from being cached (lessons are served from the output cache).
        endpoints.MapPost(Path, async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var option = form["doi"].ToString();
            if (option is Large or Contrast)
            {
                context.Response.Cookies.Append(CookieName(option), IsOn(context.Request, option) ? "0" : "1", new CookieOptions
                {
                    Path = "/",
                    MaxAge = TimeSpan.FromDays(400),
                    SameSite = SameSiteMode.Lax,
                    Secure = context.Request.IsHttps,
                    HttpOnly = false, // site.js reads and writes it
                    IsEssential = true,
                });
            }
            var back = form["quay-lai"].ToString();
            return Results.Redirect(IsLocal(back) ? back : "/");
        }).DisableAntiforgery();
        return endpoints;
    }

    /// <summary>A path on this site only: not "//other.site", "/\other.site", nor one hiding a tab or a line break
    /// (which browsers drop, turning "/\t/other.site" into "//other.site").</summary>
    private static bool IsLocal(string url) =>
        url.StartsWith('/') && (url.Length == 1 || url[1] is not ('/' or '\\')) && !url.Any(char.IsControl);
}
