using System.Security.Cryptography;
using CdsLearn.Data;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Households;

public sealed record HouseholdInput(int VillageId, string Code, string HeadName);

public sealed record MemberInput(string FullName, int? BirthYear, string? Phone);

/// <summary>Adds and changes households and their members. Callers check scope first (the pages do, through one filter).</summary>
public sealed class HouseholdEditor(AppDbContext db, TimeProvider clock)
{
    /// <summary>Join codes avoid look-alike characters (0/O, 1/I/L) so they can be typed from paper.</summary>
    private const string JoinAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public async Task<bool> CodeIsTakenAsync(int villageId, string code, int? exceptHouseholdId = null, CancellationToken cancellationToken = default) =>
        await db.Households.AnyAsync(h => h.VillageId == villageId && h.Code == code.Trim() && h.Id != exceptHouseholdId, cancellationToken);

    /// <summary>Creates the household with its head as the first member.</summary>
    public async Task<Household> CreateAsync(HouseholdInput input, int? headBirthYear, string? byUserId, CancellationToken cancellationToken = default)
    {
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

    public async Task UpdateAsync(Household household, HouseholdInput input, CancellationToken cancellationToken = default)
    {
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

    /// <summary>Links an account to a member of the household; an account belongs to at most one household.</summary>
    public async Task<bool> LinkAccountAsync(HouseholdMember member, string userId, CancellationToken cancellationToken = default)
    {
        if (await db.HouseholdMembers.AnyAsync(m => m.UserId == userId && m.Id != member.Id, cancellationToken))
        {
            return false;
        }
        member.UserId = userId;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Loads a household with its members (no scope check: callers do that).</summary>
    public Task<Household?> FindAsync(int id, CancellationToken cancellationToken = default) =>
        db.Households.Include(h => h.Members).SingleOrDefaultAsync(h => h.Id == id, cancellationToken);

    public Task<Household?> FindByJoinCodeAsync(string joinCode, CancellationToken cancellationToken = default)
    {
        var code = joinCode.Trim().ToUpperInvariant();
        return db.Households.Include(h => h.Members).SingleOrDefaultAsync(h => h.JoinCode == code, cancellationToken);
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
            var code = new string(RandomNumberGenerator.GetItems(JoinAlphabet.AsSpan(), 8));
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
