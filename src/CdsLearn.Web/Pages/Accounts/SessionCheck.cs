using System.Security.Claims;
using CdsLearn.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CdsLearn.Web.Pages.Accounts;

/// <summary>The signed-in request's session: its id and what the server holds for it.</summary>
public sealed record CurrentSession(string Id, LiveSession Live, bool IsPersistent);

/// <summary>
/// Every sign-in cookie names a server-side session (<see cref="UserSessions"/>), kept in the cookie's authentication
/// properties, which Identity carries over when it renews the cookie (a security stamp check, a refresh). Each
/// signed-in request reads that session by primary key; a cookie whose session has ended, or that names none (one
/// issued before sessions existed), signs nobody in and is deleted. Identity's security stamp is then checked only
/// when due (<see cref="SecurityStampCheck"/>).
/// </summary>
public static class SessionCheck
{
    public const string PropertyKey = ".cdslearn.session";

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var http = context.HttpContext;
        // A session read lately is kept in memory: no UserSessions, and so no database context, is built for it.
        var live = context.Properties.Items.TryGetValue(PropertyKey, out var id) && id is not null
            ? http.RequestServices.GetRequiredService<LiveSessionCache>().Find(id)
                ?? await http.RequestServices.GetRequiredService<UserSessions>().UseAsync(id, http.RequestAborted)
            : null;
        if (live is null || live.UserId != context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier))
        {
            context.RejectPrincipal();
            await http.SignOutAsync(context.Scheme.Name);
            return;
        }
        http.Items[typeof(CurrentSession)] = new CurrentSession(id!, live, context.Properties.IsPersistent);
        await SecurityStampCheck.ValidateWhenDueAsync(context);
    }

    /// <summary>The session of this request's signed-in user, or null for a visitor.</summary>
    public static CurrentSession? Current(HttpContext http) =>
        http.User.Identity?.IsAuthenticated == true ? http.Items[typeof(CurrentSession)] as CurrentSession : null;

    public static AuthenticationProperties NewProperties(string sessionId, bool persistent)
    {
        var properties = new AuthenticationProperties { IsPersistent = persistent };
        properties.Items[PropertyKey] = sessionId;
        return properties;
    }
}
