using CdsLearn.Accounts;
using CdsLearn.Audit;
using CdsLearn.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Households;

/// <summary>
/// Removes a person from the household's record on request: their name and phone are erased. What happens to their
/// account depends on whose it is. An account the team made for them ("Học cùng tổ", no password of its own) is
/// erased too (name, certificates' holder name), while the rows that the counts are made of stay, so coverage and
/// progress figures do not change. An account with its own password belongs to the person, not to the team: it is
/// only unlinked from the household, never touched; and a staff account is never touched either.
/// The birth year is kept: alone, without a name or an account, it identifies nobody, and the "Gia đình số" rule
/// needs to know who is an adult.
/// </summary>
public sealed class PersonEraser(AppDbContext db, UserManager<AppUser> users, AuditLog audit)
{
    public const string ErasedName = "(đã xoá)";

    public async Task EraseAsync(Household household, HouseholdMember member, string byUserId, CancellationToken cancellationToken = default)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (household.HeadName == member.FullName)
            {
                household.HeadName = ErasedName;
            }
            member.FullName = ErasedName;
            member.Phone = null;
            if (member.UserId is { } ownId && !await db.IsTeamMadeAsync(ownId, ct))
            {
                member.UserId = null;
            }
            else if (member.UserId is { } userId && await users.FindByIdAsync(userId) is { } user)
            {
                user.FullName = ErasedName;
                user.UserName = "da-xoa-" + Guid.NewGuid().ToString("N");
                user.Email = null;
                user.PhoneNumber = null;
                user.PasswordHash = null;
                user.LockoutEnabled = true;
                user.LockoutEnd = DateTimeOffset.MaxValue;
                await users.UpdateAsync(user);
                await users.UpdateSecurityStampAsync(user);
                await db.Certificates.Where(c => c.UserId == userId)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.HolderName, ErasedName), ct);
            }
            HouseholdEditor.Refresh(household);
            await db.SaveChangesAsync(ct);
            await audit.RecordAsync(byUserId, "person.erase", $"household:{household.Id};member:{member.Id}", ct);
            await transaction.CommitAsync(ct);
        }, cancellationToken);
    }
}
