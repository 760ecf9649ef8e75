using CdsLearn.Data;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Accounts;

/// <summary>
/// What kind of account a household member's account is, which decides what the team may do with it: only a
/// learner's account belongs in a household, and only an account the team made (no password of its own) is the
/// team's to use on the person's behalf or to erase.
/// </summary>
public static class AccountKinds
{
    /// <summary>Holds any role besides Learner: a team member, officer, province staff or administrator.</summary>
    public static Task<bool> IsStaffAsync(this AppDbContext db, string userId, CancellationToken cancellationToken = default) =>
        db.UserRoles.Where(ur => ur.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name)
            .AnyAsync(name => name != Roles.Learner, cancellationToken);

    /// <summary>Made by the team for a person without a phone ("Học cùng tổ"): no password, no role but Learner.</summary>
    public static async Task<bool> IsTeamMadeAsync(this AppDbContext db, string userId, CancellationToken cancellationToken = default) =>
        await db.Users.AnyAsync(u => u.Id == userId && u.PasswordHash == null, cancellationToken)
        && !await db.IsStaffAsync(userId, cancellationToken);
}
