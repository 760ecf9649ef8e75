using System.Security.Cryptography;
using System.Text;
using CdsLearn.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CdsLearn.Accounts;

/// <summary>Where a password attempt comes from: the client's address, and the id and accounts of the phone's
/// "known phone" cookie, if it has one (<see cref="SignInGuard"/>).</summary>
public sealed record SignInClient(string Address, string? PhoneId, IReadOnlySet<string> PhoneAccounts);

public enum SignInOutcome
{
    Succeeded,
    WrongPassword,

    /// <summary>Too many wrong passwords for this account from this address (or phone): it waits.</summary>
    TooManyFromHere,

    /// <summary>Too many wrong passwords for this account from everywhere: only phones that signed in to it before may try.</summary>
    TooManyForAccount,
}

/// <param name="User">The account, when the password was right.</param>
/// <param name="AccountKey">Names the account in a "known phone" cookie.</param>
/// <param name="Wait">How long until the next try is allowed, when refused.</param>
public sealed record SignInCheck(SignInOutcome Outcome, AppUser? User, string AccountKey, TimeSpan Wait);

/// <summary>
/// Checks a password for sign-in and for a password change, counting the wrong ones without locking the owner out.
/// Identity's own lockout (5 wrong passwords lock the account for everyone) let anyone lock anyone out; instead:
/// <list type="bullet">
/// <item>Failures count per account and address: after <see cref="AccountsOptions.FailuresPerClient"/> within
/// <see cref="AccountsOptions.ClientWindowMinutes"/> that address waits, even with the right password, while the owner
/// signs in from anywhere else. A phone that has signed in to the account before carries a "known phone" cookie and
/// counts on its own instead of by address, so an attacker behind the same carrier address locks out only himself.</item>
/// <item>Failures also count per account from all phones that never signed in to it: past
/// <see cref="AccountsOptions.FailuresPerAccount"/> within <see cref="AccountsOptions.AccountWindowMinutes"/> (an
/// attacker with many addresses), new phones wait too, while the owner's known phones still sign in.</item>
/// </list>
/// The answers and the work done are the same whether the account exists or not: failures are counted by the name as
/// typed, and a name without an account (or an account without a password) still has a password hash verified.
/// The counts live in the database, so every server sees the same ones.
/// </summary>
public sealed class SignInGuard(AppDbContext db, UserManager<AppUser> users, IPasswordHasher<AppUser> hasher, UnknownAccountHash unknown,
    IOptions<AccountsOptions> options, TimeProvider clock)
{
    public async Task<SignInCheck> CheckAsync(string userName, string password, SignInClient client, CancellationToken cancellationToken = default)
    {
        var limits = options.Value;
        var accountKey = AccountKey(userName);
        var knownPhone = client.PhoneId is not null && client.PhoneAccounts.Contains(accountKey);
        var clientKey = knownPhone ? "phone:" + client.PhoneId : "address:" + client.Address;
        var now = clock.GetUtcNow().UtcDateTime;
        var clientWindow = TimeSpan.FromMinutes(limits.ClientWindowMinutes);
        var accountWindow = TimeSpan.FromMinutes(limits.AccountWindowMinutes);
        var perClient = Math.Max(1, limits.FailuresPerClient);
        var perAccount = Math.Max(1, limits.FailuresPerAccount);

        // Counted as a failure from the start, and removed only if the password was right: attempts sent all at once
        // count against each other, and one cut short counts.
        var attempt = new SignInFailure { AccountKey = accountKey, ClientKey = clientKey, FromKnownPhone = knownPhone, At = now };
        db.SignInFailures.Add(attempt);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(attempt).State = EntityState.Detached;

        var since = now - (clientWindow > accountWindow ? clientWindow : accountWindow);
        var earlier = await db.SignInFailures
            .Where(f => f.AccountKey == accountKey && f.At > since && f.Id != attempt.Id)
            .Select(f => new { f.ClientKey, f.FromKnownPhone, f.At })
            .ToListAsync(cancellationToken);
        var fromHere = earlier.Where(f => f.ClientKey == clientKey && f.At > now - clientWindow).Select(f => f.At).ToList();
        var fromNewPhones = earlier.Where(f => !f.FromKnownPhone && f.At > now - accountWindow).Select(f => f.At).ToList();
        var refusal = fromHere.Count >= perClient
            ? new SignInCheck(SignInOutcome.TooManyFromHere, null, accountKey, WaitUntilBelow(fromHere, perClient, clientWindow, now))
            : !knownPhone && fromNewPhones.Count >= perAccount
                ? new SignInCheck(SignInOutcome.TooManyForAccount, null, accountKey, WaitUntilBelow(fromNewPhones, perAccount, accountWindow, now))
                : null;
        if (refusal is not null)
        {
            // Not checked, so not counted: waiting it out is enough.
            await db.SignInFailures.Where(f => f.Id == attempt.Id).ExecuteDeleteAsync(cancellationToken);
            return refusal;
        }

        var user = await users.FindByNameAsync(userName);
        var right = false;
        if (user?.PasswordHash is not null)
        {
            // Identity's check also stores a stronger hash when the hasher's settings have grown.
            right = await users.CheckPasswordAsync(user, password) && !await users.IsLockedOutAsync(user);
        }
        else
        {
            // Same work as for a real account: the time taken does not tell whether the name exists.
            hasher.VerifyHashedPassword(new AppUser(), unknown.For(hasher), password);
        }
        if (!right)
        {
            return new SignInCheck(SignInOutcome.WrongPassword, null, accountKey, TimeSpan.Zero);
        }
        // The owner got in from here: this address (or phone) starts afresh; failures elsewhere still count.
        await db.SignInFailures.Where(f => f.AccountKey == accountKey && f.ClientKey == clientKey).ExecuteDeleteAsync(cancellationToken);
        return new SignInCheck(SignInOutcome.Succeeded, user, accountKey, TimeSpan.Zero);
    }

    /// <summary>Names an account by what is typed to sign in to it, without storing the name itself.</summary>
    public string AccountKey(string userName) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(users.NormalizeName(userName) ?? "")));

    /// <summary>Deletes failures older than both windows.</summary>
    public Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var limits = options.Value;
        var before = clock.GetUtcNow().UtcDateTime - TimeSpan.FromMinutes(Math.Max(limits.ClientWindowMinutes, limits.AccountWindowMinutes));
        return db.SignInFailures.Where(f => f.At < before).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>When the count within the window falls below the limit: when the limit-th most recent failure is
    /// window-old.</summary>
    private static TimeSpan WaitUntilBelow(List<DateTime> failures, int limit, TimeSpan window, DateTime now)
    {
        var oldestThatCounts = failures.OrderDescending().ElementAt(limit - 1);
        var wait = oldestThatCounts + window - now;
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }
}

/// <summary>A hash of a random password, made once with the site's hasher, verified when there is no real hash to
/// verify (<see cref="SignInGuard"/>).</summary>
public sealed class UnknownAccountHash
{
    private string? hash;

    public string For(IPasswordHasher<AppUser> hasher) =>
        LazyInitializer.EnsureInitialized(ref hash, () => hasher.HashPassword(new AppUser(), Convert.ToHexString(RandomNumberGenerator.GetBytes(16))));
}
