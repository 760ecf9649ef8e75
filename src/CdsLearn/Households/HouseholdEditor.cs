using CdsLearn.Accounts;
using CdsLearn.Data;
using CdsLearn.Rules;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Households;

public sealed record HouseholdInput(int VillageId, string Code, string HeadName);

public sealed record MemberInput(string FullName, int? BirthYear, string? Phone);

/// <summary>A household, village or other resource was asked for outside the user's scope: the site answers 404.</summary>
public sealed class OutOfScopeException(string what) : Exception($"{what} is outside the user's scope");

/// <summary>
/// Adds and changes households and their members. Households are found, and villages chosen, only through the
/// user's <see cref="Scope"/>: whatever form field an id came in, one outside the scope finds nothing.
/// </summary>
public sealed class HouseholdEditor(AppDbContext db, TimeProvider clock)
{
    /// <summary>Join codes are short codes (<see cref="ShortCode"/>) that can be typed from paper.</summary>
    public const int JoinCodeLength = 8;

    public async Task<bool> CodeIsTakenAsync(int villageId, string code, int? exceptHouseholdId = null, CancellationToken cancellationToken = default) =>
        await db.Households.AnyAsync(h => h.VillageId == villageId && h.Code == code.Trim() && h.Id != exceptHouseholdId, cancellationToken);

    /// <summary>Whether the village may hold the user's households: it exists and lies in their scope.</summary>
    public Task<bool> MayUseVillageAsync(Scope scope, int villageId, CancellationToken cancellationToken = default) =>
        scope.Villages(db).AnyAsync(v => v.Id == villageId, cancellationToken);

    /// <summary>Creates the household with its head as the first member, in a village of the user's scope.</summary>
    public async Task<Household> CreateAsync(Scope scope, HouseholdInput input, int? headBirthYear, string? byUserId, CancellationToken cancellationToken = default)
    {
        await RequireVillageAsync(scope, input.VillageId, cancellationToken);
        var household = new Household
        {
            VillageId = input.VillageId,
            Code = input.Code.Trim(),
            HeadName = input.HeadName.Trim(),
            JoinCode = await NewJoinCodeAsync(cancellationToken),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            CreatedByUserId = byUserId,
        };
        household.Members.Add(new HouseholdMember { FullName = household.HeadName, BirthYear = headBirthYear });
        Refresh(household);
        db.Households.Add(household);
        await db.SaveChangesAsync(cancellationToken);
        return household;
    }

    /// <summary>Changes a household found through <see cref="FindAsync"/>; a move goes only to a village in scope.</summary>
    public async Task UpdateAsync(Scope scope, Household household, HouseholdInput input, CancellationToken cancellationToken = default)
    {
        await RequireVillageAsync(scope, input.VillageId, cancellationToken);
        household.VillageId = input.VillageId;
        household.Code = input.Code.Trim();
        // The head is also a member: correcting the head's name corrects that member too, so the two never disagree.
        var head = household.Members.FirstOrDefault(m => m.FullName == household.HeadName);
        household.HeadName = input.HeadName.Trim();
        if (head is not null)
        {
            head.FullName = household.HeadName;
        }
        Refresh(household);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<HouseholdMember> AddMemberAsync(Household household, MemberInput input, string? userId = null, CancellationToken cancellationToken = default)
    {
        var member = new HouseholdMember { FullName = input.FullName.Trim(), BirthYear = input.BirthYear, Phone = Clean(input.Phone), UserId = userId };
        household.Members.Add(member);
        Refresh(household);
        await db.SaveChangesAsync(cancellationToken);
        return member;
    }

    public async Task UpdateMemberAsync(Household household, HouseholdMember member, MemberInput input, CancellationToken cancellationToken = default)
    {
        member.FullName = input.FullName.Trim();
        member.BirthYear = input.BirthYear;
        member.Phone = Clean(input.Phone);
        Refresh(household);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Why the account may not be linked to a household member, in Vietnamese, or null when it may. Only a learner's
    /// own account joins, and only once: the person links it themselves, signed in on their own phone, by opening the
    /// household's join code (a team member cannot link an account by its name), and a staff account never joins,
    /// since erasing a household's person must never reach an officer's or administrator's account.
    /// </summary>
    public async Task<string?> WhyNotLinkAsync(string userId, CancellationToken cancellationToken = default)
    {
        if (await db.IsStaffAsync(userId, cancellationToken))
        {
            return "Tài khoản của tổ viên, cán bộ không gắn vào hộ được. Hãy dùng một tài khoản người học riêng.";
        }
        if (await db.HouseholdMembers.AnyAsync(m => m.UserId == userId, cancellationToken))
        {
            return "Tài khoản này đã thuộc một hộ.";
        }
        return null;
    }

    /// <summary>Links the signed-in person's own account to a member without one (see <see cref="WhyNotLinkAsync"/>).</summary>
    public async Task<string?> LinkAccountAsync(HouseholdMember member, string userId, CancellationToken cancellationToken = default)
    {
        if (member.UserId is not null)
        {
            return "Người này đã có tài khoản. Hãy chọn lại.";
        }
        if (await WhyNotLinkAsync(userId, cancellationToken) is { } why)
        {
            return why;
        }
        member.UserId = userId;
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>Loads a household with its members, or null when there is none with that id in the user's scope.</summary>
    public Task<Household?> FindAsync(Scope scope, int id, CancellationToken cancellationToken = default) =>
        scope.Households(db).Include(h => h.Members).SingleOrDefaultAsync(h => h.Id == id, cancellationToken);

    public Task<Household?> FindByJoinCodeAsync(string joinCode, CancellationToken cancellationToken = default)
    {
        // A join code is a short code people copy from paper: blanks, dashes and small letters are forgiven.
        var code = ShortCode.Normalize(joinCode, JoinCodeLength);
        return code is null
            ? Task.FromResult<Household?>(null)
            : db.Households.Include(h => h.Members).SingleOrDefaultAsync(h => h.JoinCode == code, cancellationToken);
    }

    private async Task RequireVillageAsync(Scope scope, int villageId, CancellationToken cancellationToken)
    {
        if (!await MayUseVillageAsync(scope, villageId, cancellationToken))
        {
            throw new OutOfScopeException($"village {villageId}");
        }
    }

    public static void Refresh(Household household)
    {
        var text = SearchText.Fold(string.Join(' ', [household.Code, household.HeadName, .. household.Members.Select(m => m.FullName)]));
        // Never empty: empty marks a household whose search text is still to be filled in.
        household.SearchText = text.Length > 0 ? text : "-";
    }

    private static string? Clean(string? phone) => string.IsNullOrWhiteSpace(phone) ? null : new string(phone.Where(c => char.IsDigit(c) || c == '+').ToArray());

    public async Task<string> NewJoinCodeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var code = ShortCode.New(JoinCodeLength);
            if (!await db.Households.AnyAsync(h => h.JoinCode == code, cancellationToken))
            {
                return code;
            }
        }
    }
}

/// <summary>Fills the search text of households stored before it existed (runs at start-up; cheap when none are left).</summary>
public sealed class HouseholdSearchBackfill : IDbSeeder
{
    public async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = (AppDbContext)services.GetService(typeof(AppDbContext))!;
        while (true)
        {
            var batch = await db.Households.Include(h => h.Members).Where(h => h.SearchText == "").OrderBy(h => h.Id).Take(500).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return;
            }
            batch.ForEach(HouseholdEditor.Refresh);
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
