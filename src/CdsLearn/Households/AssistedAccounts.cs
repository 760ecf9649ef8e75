using CdsLearn.Accounts;
using CdsLearn.Data;
using Microsoft.AspNetCore.Identity;

namespace CdsLearn.Households;

/// <summary>
/// "Học cùng tổ": a person without a phone learns on a team member's phone. Their attempts and certificates need an
/// account of their own; one without a password is made for them the first time (they can get a password later).
/// </summary>
public sealed class AssistedAccounts(AppDbContext db, UserManager<AppUser> users, TimeProvider clock)
{
    public async Task<string> EnsureAccountAsync(HouseholdMember member, CancellationToken cancellationToken = default)
    {
        if (member.UserId is { } existing)
        {
            return existing;
        }
        var user = new AppUser { UserName = $"ho{member.HouseholdId}-nguoi{member.Id}", FullName = member.FullName, CreatedAt = clock.GetUtcNow().UtcDateTime };
        var created = await users.CreateAsync(user);
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
