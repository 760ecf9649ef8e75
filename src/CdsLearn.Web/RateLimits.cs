using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CdsLearn.Web;

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
