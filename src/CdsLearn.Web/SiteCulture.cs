using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace CdsLearn.Web;

/// <summary>
/// The site speaks Vietnamese: every request runs in vi-VN, so numbers and dates shown to people read 12.345 and 45,5
/// and a date typed as 20/01/2027 is understood. What machines read (HTML attribute values, the charts' SVG, CSV and
/// Excel, JSON, ISO dates in forms) is written with <see cref="CultureInfo.InvariantCulture"/>, explicitly, at each place.
/// </summary>
public static class SiteCulture
{
    public static CultureInfo Vietnamese { get; } = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>vi-VN for every request: no provider, so no query string, cookie or header can switch it.</summary>
    public static IApplicationBuilder UseVietnameseCulture(this IApplicationBuilder app) =>
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Vietnamese),
            SupportedCultures = [Vietnamese],
            SupportedUICultures = [Vietnamese],
            RequestCultureProviders = [],
        });
}
