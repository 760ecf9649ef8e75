using CdsLearn.Accounts;
using CdsLearn.Data;
using CdsLearn.Rules;
using Microsoft.AspNetCore.Identity;

namespace CdsLearn.Households;

/// <summary>
/// "Học cùng tổ": a person without a phone learns on a team member's phone. Their attempts and certificates need an
/// account of their own; one without a password is made for them the first time. Only such a team-made account is
/// the team's to act as: a person whose account has its own password signs in themselves.
/// </summary>
public sealed class AssistedAccounts(AppDbContext db, UserManager<AppUser> users, TimeProvider clock)
{
    /// <summary>The account to learn as, made now if the member has none; null when the member's account is their
    /// own (it has a password, or it is a staff account), which the team may not use.</summary>
    public async Task<string?> EnsureAccountAsync(HouseholdMember member, CancellationToken cancellationToken = default)
    {
        if (member.UserId is { } existing)
        {
            return await db.IsTeamMadeAsync(existing, cancellationToken) ? existing : null;
        }
        AppUser user;
        IdentityResult created;
        do
        {
            user = new AppUser
            {
                // A prefix and a random short code, so nobody can register the name first and block the person's
                // account (a name made from the household and member ids could be guessed).
                UserName = "hoccungto-" + ShortCode.New(10).ToLowerInvariant(),
                FullName = member.FullName,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            created = await users.CreateAsync(user);
        }
        while (!created.Succeeded && created.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName)));
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        }
        await users.AddToRoleAsync(user, Roles.Learner);
        member.UserId = user.Id;
        await db.SaveChangesAsync(cancellationToken);
        return user.Id;
    }
}
