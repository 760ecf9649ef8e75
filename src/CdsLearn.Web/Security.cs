using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CdsLearn.Web;

/// <summary>
/// Headers that make the browser refuse what the site never does: run inline or foreign scripts, be framed by another
/// site, send the full address to other sites, use the camera. Styles may be inline (the validation summary writes
/// one); scripts may not.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

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
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            }
            return Task.CompletedTask;
        });
        await next();
    });
}

public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Sign-in attempts per minute from one address (wrong passwords per account are counted besides:
    /// <see cref="CdsLearn.Accounts.SignInGuard"/>).</summary>
    public int SignInPerMinute { get; set; } = 10;

    /// <summary>Registrations per hour from one address (a taken name says so: this keeps names from being probed by
    /// the thousand).</summary>
    public int RegistrationsPerHour { get; set; } = 20;

    /// <summary>Password change attempts per minute, per address and per account.</summary>
    public int PasswordChangesPerMinute { get; set; } = 10;

    /// <summary>Join codes opened per minute, per address and per account.</summary>
    public int JoinCodesPerMinute { get; set; } = 10;

    /// <summary>Certificate checks per minute from one address.</summary>
    public int VerifyPerMinute { get; set; } = 60;

    /// <summary>Quiz submissions per minute per learner (an offline queue sends a few at once).</summary>
    public int QuizSubmitsPerMinute { get; set; } = 20;
}

/// <summary>Limits on what an attacker would repeat: enumerating certificate codes, flooding quiz submissions. Each is a
/// named policy put on its page model with <c>[EnableRateLimiting(...)]</c>, so a renamed address keeps its limit;
/// everything else is not limited. Behind a reverse proxy the client address comes from forwarded headers, which the
/// deployment must configure. The account pages have named policies of their own
/// (<see cref="Pages.Accounts.AccountRateLimits"/>).</summary>
public static class RateLimits
{
    /// <summary>Certificate checks (/verify), per address.</summary>
    public const string CertificateChecks = "certificate-checks";

    /// <summary>Answers sent in (a quiz, an assessed practice task), per learner or, signed out, per address; reading
    /// the page is free.</summary>
    public const string Submissions = "submissions";

    public static IServiceCollection AddCdsLearnRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        return services.AddRateLimiter(options =>
        {
            options.AddPolicy(CertificateChecks, context => PerMinute("verify:" + ClientAddress.Of(context), limits.VerifyPerMinute));
            options.AddPolicy(Submissions, context =>
            {
                if (!HttpMethods.IsPost(context.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("");
                }
                var who = context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? ClientAddress.Of(context);
                return PerMinute("quiz:" + who, limits.QuizSubmitsPerMinute);
            });
            options.OnRejected = async (context, cancellationToken) =>
            {
                var response = context.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? (int)Math.Ceiling(retry.TotalSeconds) : 60;
                response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
                response.ContentType = "text/plain; charset=utf-8";
                await response.WriteAsync($"Bạn thao tác quá nhanh. Hãy thử lại sau {wait} giây.", cancellationToken);
            };
        });
    }

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
}

/// <summary>
/// Behind a reverse proxy the app sees the proxy's address. It takes the client's address and scheme from
/// X-Forwarded-For and X-Forwarded-Proto, but only from the proxies it knows: loopback always, and those listed in
/// <c>ForwardedHeaders:KnownProxies</c> (comma-separated addresses). Anyone else's forwarded headers are ignored,
/// so a client cannot dodge the rate limits by writing them.
/// </summary>
public static class ForwardedHeadersSetup
{
    public static IServiceCollection AddCdsLearnForwardedHeaders(this IServiceCollection services, IConfiguration configuration) =>
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor
                | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto;
            var proxies = configuration["ForwardedHeaders:KnownProxies"]?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });
}

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
