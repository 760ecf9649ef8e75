using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CdsLearn.Web;

/// <summary>
/// Identity re-checks a sign-in cookie's security stamp (changed by a new password, an erasure) once every
/// <see cref="SecurityStampValidatorOptions.ValidationInterval"/>. Its validator is resolved on every request all the
/// same, and resolving it builds the sign-in manager, the user manager, their store and a database context: about a
/// tenth of the site's CPU under load (tools/BENCHMARKS.md). This asks Identity's own question first, and calls the
/// validator only when a check is due.
/// </summary>
public static class SecurityStampCheck
{
    public static Task ValidateWhenDueAsync(CookieValidatePrincipalContext context)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
        var clock = options.TimeProvider ?? context.Options.TimeProvider ?? TimeProvider.System;
        var due = context.Properties.IssuedUtc is not { } issued || clock.GetUtcNow() - issued > options.ValidationInterval;
        return due ? SecurityStampValidator.ValidatePrincipalAsync(context) : Task.CompletedTask;
    }
}
