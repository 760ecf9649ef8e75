using CdsLearn.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Accounts;

public static class AccountsServiceCollectionExtensions
{
    /// <summary>Failed sign-ins allowed before the account is locked for <see cref="LockoutMinutes"/>.</summary>
    public const int MaxFailedSignIns = 5;

    public const int LockoutMinutes = 15;

    /// <summary>
    /// Identity with user names (a phone number or a chosen name) and no e-mail: many citizens have none.
    /// Passwords only need a length: rules on character classes push elderly learners to write passwords down.
    /// </summary>
    public static IdentityBuilder AddAccounts(this IServiceCollection services) =>
        services.AddIdentity<AppUser, IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = false;
                options.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-+";
                options.Password.RequiredLength = 8;
                options.Password.RequiredUniqueChars = 3;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = MaxFailedSignIns;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(LockoutMinutes);
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<VietnameseIdentityErrorDescriber>();
}
