using CdsLearn.Accounts;
using Microsoft.AspNetCore.Identity;

namespace CdsLearn.Web.Pages.Accounts;

/// <summary>
/// Signing in with counted wrong passwords (<see cref="SignInGuard"/>): what the sign-in, registration and password
/// pages do.
/// </summary>
public sealed class AccountSignIn(SignInManager<AppUser> signIn, SignInGuard guard, KnownPhones phones, IHttpContextAccessor accessor)
{
    private HttpContext Http => accessor.HttpContext ?? throw new InvalidOperationException("no request");

    /// <summary>Checks the password and, when it is right, signs in.</summary>
    public async Task<SignInCheck> PasswordSignInAsync(string userName, string password, bool persistent, CancellationToken cancellationToken)
    {
        var check = await guard.CheckAsync(userName, password, phones.ClientOf(Http), cancellationToken);
        if (check.User is { } user)
        {
            await StartAsync(user, persistent, cancellationToken);
        }
        return check;
    }

    /// <summary>Signs in (a new account), and this phone is known to the account from now on.</summary>
    public async Task StartAsync(AppUser user, bool persistent, CancellationToken cancellationToken)
    {
        await signIn.SignInAsync(user, persistent);
        phones.Remember(Http, guard.AccountKey(user.UserName!));
    }

    /// <summary>The signed-in user's current password, counted like a sign-in: guessing it on the password page is
    /// no way around the limits.</summary>
    public Task<SignInCheck> CheckPasswordAsync(AppUser user, string password, CancellationToken cancellationToken) =>
        guard.CheckAsync(user.UserName!, password, phones.ClientOf(Http), cancellationToken);
}
