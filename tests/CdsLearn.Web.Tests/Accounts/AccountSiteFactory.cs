using CdsLearn.Accounts;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CdsLearn.Web.Tests.Accounts;

/// <summary>
/// The site with its real limits, a clock the test moves, visitors from the addresses they name
/// (<see cref="PeerFromHeader"/>), and a count of the password hashes it verifies.
/// </summary>
public sealed class AccountSiteFactory : CdsLearnFactory
{
    public const string Password = "mat-khau-that-dai";

    private int verifications;

    public ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>How many password hashes the site has verified so far.</summary>
    public int PasswordVerifications => Volatile.Read(ref verifications);

    protected override bool KeepRateLimits => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
            services.AddTransient<IStartupFilter, PeerFromHeader>();
            services.Replace(ServiceDescriptor.Scoped<IPasswordHasher<AppUser>>(sp =>
                new CountingHasher(this, new PasswordHasher<AppUser>(sp.GetRequiredService<IOptions<PasswordHasherOptions>>()))));
        });
    }

    /// <summary>A learner's account made directly (no registration form, which has its own limit); returns its user name.
    /// Without a password it is like the accounts "Học cùng tổ" makes.</summary>
    public async Task<string> AccountAsync(string? password = Password)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = "tk" + Guid.NewGuid().ToString("N")[..10], FullName = "Lò Thị Tài Khoản" };
        Assert.True((password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Learner)).Succeeded);
        return user.UserName;
    }

    /// <summary>A visitor from an address of their own.</summary>
    public SiteClient Visitor(string? address = null) => new SiteClient(this).From(address ?? PeerAddress.Fresh());

    private sealed class CountingHasher(AccountSiteFactory factory, PasswordHasher<AppUser> inner) : IPasswordHasher<AppUser>
    {
        public string HashPassword(AppUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref factory.verifications);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
