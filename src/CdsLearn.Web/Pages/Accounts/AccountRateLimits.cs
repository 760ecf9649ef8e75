using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace CdsLearn.Web.Pages.Accounts;

/// <summary>
/// Named rate-limit policies of the account pages, put on each page model with <c>[EnableRateLimiting(...)]</c> (so a
/// renamed address keeps its limit). Each counts per address and, for a signed-in user, per account as well. Sign-in
/// and registration know no account yet when the limiter runs; wrong passwords per account are counted by
/// <see cref="CdsLearn.Accounts.SignInGuard"/>. Limits are per server: an attacker spread over several servers gets
/// a few times the allowance, which the guard's counts, kept in the database, still bound.
/// </summary>
public static class AccountRateLimits
{
    public const string SignIn = "sign-in";
    public const string Registration = "registration";
    public const string PasswordChange = "password-change";
    public const string JoinCodes = "join-codes";

    public static IServiceCollection AddAccountRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        return services.AddRateLimiter(options =>
        {
            options.AddPolicy(SignIn, new AddressAndAccountPolicy(limits.SignInPerMinute, TimeSpan.FromMinutes(1), postsOnly: true));
            options.AddPolicy(Registration, new AddressAndAccountPolicy(limits.RegistrationsPerHour, TimeSpan.FromHours(1), postsOnly: true));
            options.AddPolicy(PasswordChange, new AddressAndAccountPolicy(limits.PasswordChangesPerMinute, TimeSpan.FromMinutes(1), postsOnly: true));
            // Opening a code shows the household: reads count too.
            options.AddPolicy(JoinCodes, new AddressAndAccountPolicy(limits.JoinCodesPerMinute, TimeSpan.FromMinutes(1), postsOnly: false));
        });
    }

    /// <summary>
    /// A named policy gives each request one partition, so the partition for an (address, account) pair takes a
    /// permit from the address's window and then from the account's, both shared with every other pair.
    /// </summary>
    private sealed class AddressAndAccountPolicy(int permits, TimeSpan window, bool postsOnly) : IRateLimiterPolicy<string>
    {
        private readonly PartitionedRateLimiter<string> windows = PartitionedRateLimiter.Create<string, string>(key =>
            RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(1, permits),
                Window = window,
                QueueLimit = 0,
            }));

        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => null;

        public RateLimitPartition<string> GetPartition(HttpContext httpContext)
        {
            if (postsOnly && !HttpMethods.IsPost(httpContext.Request.Method))
            {
                return RateLimitPartition.GetNoLimiter("");
            }
            var address = "address:" + ClientAddress.Of(httpContext);
            var account = httpContext.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } id ? "account:" + id : null;
            return RateLimitPartition.Get(address + "|" + account, _ => new BothWindows(windows, address, account));
        }
    }

    private sealed class BothWindows(PartitionedRateLimiter<string> windows, string address, string? account) : RateLimiter
    {
        private long lastUsed = Environment.TickCount64;

        /// <summary>Lets the middleware drop this pair once unused; the windows themselves stay with their owner.</summary>
        public override TimeSpan? IdleDuration => TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref lastUsed));

        public override RateLimiterStatistics? GetStatistics() => windows.GetStatistics(address);

        protected override RateLimitLease AttemptAcquireCore(int permitCount)
        {
            Interlocked.Exchange(ref lastUsed, Environment.TickCount64);
            var byAddress = windows.AttemptAcquire(address, permitCount);
            if (!byAddress.IsAcquired || account is null)
            {
                return byAddress;
            }
            var byAccount = windows.AttemptAcquire(account, permitCount);
            if (!byAccount.IsAcquired)
            {
                // A fixed window keeps a permit once taken: the address's one is spent, like any refused try.
                byAddress.Dispose();
                return byAccount;
            }
            return new BothLeases(byAddress, byAccount);
        }

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
            ValueTask.FromResult(AttemptAcquireCore(permitCount));
    }

    private sealed class BothLeases(RateLimitLease first, RateLimitLease second) : RateLimitLease
    {
        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                first.Dispose();
                second.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
