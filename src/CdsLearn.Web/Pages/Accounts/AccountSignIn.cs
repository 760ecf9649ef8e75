using CdsLearn.Accounts;
using Microsoft.AspNetCore.Identity;

namespace CdsLearn.Web.Pages.Accounts;

/// <summary>
/// Signing in and out with server-side sessions (<see cref="SessionCheck"/>) and counted wrong passwords
/// (<see cref="SignInGuard"/>): what the sign-in, registration, password and sign-out pages do.
/// </summary>
public sealed class AccountSignIn(SignInManager<AppUser> signIn, SignInGuard guard, UserSessions sessions,
    KnownPhones phones, Learning.AssistedSession assisted, IHttpContextAccessor accessor)
{
    private HttpContext Http => accessor.HttpContext ?? throw new InvalidOperationException("no request");

    /// <summary>Checks the password and, when it is right, signs in on a new session.</summary>
    public async Task<SignInCheck> PasswordSignInAsync(string userName, string password, bool persistent, CancellationToken cancellationToken)
    {
        var check = await guard.CheckAsync(userName, password, phones.ClientOf(Http), cancellationToken);
        if (check.User is { } user)
        {
            await StartAsync(user, persistent, cancellationToken);
        }
        return check;
    }

    /// <summary>Signs in on a new session (a new account, a new password).</summary>
    public async Task StartAsync(AppUser user, bool persistent, CancellationToken cancellationToken)
    {
        var id = await sessions.StartAsync(user.Id, cancellationToken);
        await signIn.SignInAsync(user, SessionCheck.NewProperties(id, persistent));
        phones.Remember(Http, guard.AccountKey(user.UserName!));
    }

    /// <summary>The signed-in user's current password, counted like a sign-in: guessing it on the password page is
    /// no way around the limits.</summary>
    public Task<SignInCheck> CheckPasswordAsync(AppUser user, string password, CancellationToken cancellationToken) =>
        guard.CheckAsync(user.UserName!, password, phones.ClientOf(Http), cancellationToken);

    /// <summary>After a new password: every session of the account ends (copies of this phone's cookie too), and this
    /// phone goes on in a new one.</summary>
    public async Task RestartAllAsync(AppUser user, CancellationToken cancellationToken)
    {
        var persistent = SessionCheck.Current(Http)?.IsPersistent ?? true;
        await sessions.EndAllAsync(user.Id, cancellationToken);
        await StartAsync(user, persistent, cancellationToken);
    }

    /// <summary>Ends this session on the server (so a copy of the cookie is worth nothing) and "Học cùng tổ" with it.</summary>
    public async Task SignOutAsync(CancellationToken cancellationToken)
    {
        assisted.DeleteCookie();
        if (SessionCheck.Current(Http) is { } current)
        {
            await sessions.EndAsync(current.Id, cancellationToken);
        }
        await signIn.SignOutAsync();
    }
}
