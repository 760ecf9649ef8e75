using CdsLearn.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Accounts;

public static class AccountsServiceCollectionExtensions
{
    /// <summary>
    /// Identity with user names (a phone number or a chosen name) and no e-mail: many citizens have none.
    /// Passwords only need a length: rules on character classes push elderly learners to write passwords down.
    /// Wrong passwords are counted by <see cref="SignInGuard"/>, not by Identity's lockout, which locked the account
    /// for its owner too; an account locked by hand (<see cref="AppUser.LockoutEnd"/>) stays locked.
    /// </summary>
    public static IdentityBuilder AddAccounts(this IServiceCollection services)
    {
        services.AddOptions<AccountsOptions>().BindConfiguration(AccountsOptions.Section);
        services.AddScoped<SignInGuard>();
        services.AddSingleton<UnknownAccountHash>();
        services.AddSingleton<LiveSessionCache>();
        services.AddScoped<UserSessions>();
        return services.AddIdentity<AppUser, IdentityRole>(options =>
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
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<VietnameseIdentityErrorDescriber>();
    }
}
