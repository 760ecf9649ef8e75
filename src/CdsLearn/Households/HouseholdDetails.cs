using CdsLearn.Certificates;
using CdsLearn.Content;
using CdsLearn.Data;
using CdsLearn.Learning;
using CdsLearn.Rules;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Households;

/// <summary>A member as the household page lists them; <paramref name="OwnAccount"/>: their account has its own
/// password, so they sign in themselves and the team cannot learn as them. <paramref name="Toward"/>: how far they
/// are toward "Công dân số", the certificate coverage counts (null without an account).</summary>
public sealed record HouseholdMemberView(int Id, string FullName, int? BirthYear, string? Phone, string? UserName, bool OwnAccount,
    int Certificates, bool DigitalCitizen, DigitalCitizenProgress? Toward);

/// <summary>One household as its page shows it: members with their accounts and certificates, coverage, assignments,
/// and what can be assigned (each skill, then its modules).</summary>
public sealed record HouseholdDetail(
    Household Household, string VillageName, IReadOnlyList<HouseholdMemberView> Members, bool Covered, bool DigitalFamily,
    IReadOnlyList<AssignmentView> Assignments, IReadOnlyList<(string Id, string Title)> AssignTargets)
{
    /// <summary>What is wrong with an assignment to this household (by field: <c>MemberId</c>, <c>Target</c>,
    /// <c>DueOn</c>); empty when it can be given.</summary>
    public IReadOnlyList<(string Field, string Message)> AssignmentErrors(int? memberId, string? target, DateOnly? dueOn, DateOnly today)
    {
        var errors = new List<(string, string)>();
        if (memberId is { } id && Household.Members.All(m => m.Id != id))
        {
            errors.Add(("MemberId", "Người này không thuộc hộ."));
        }
        if (AssignTargets.All(t => t.Id != target))
        {
            errors.Add(("Target", "Hãy chọn kỹ năng hoặc phần học."));
        }
        if (dueOn is { } due && due < today)
        {
            errors.Add(("DueOn", "Hạn không thể trước hôm nay."));
        }
        return errors;
    }
}

/// <summary>Reads a household for its page, only through the user's scope.</summary>
public sealed class HouseholdDetails(AppDbContext db, HouseholdEditor editor, AssignmentService assignments, ProgressService progress,
    CourseCatalog catalog, TimeProvider clock)
{
    /// <summary>The household with this id in the scope, or null.</summary>
    public async Task<HouseholdDetail?> FindAsync(Scope scope, int householdId, CancellationToken cancellationToken = default)
    {
        if (await editor.FindAsync(scope, householdId, cancellationToken) is not { } household)
        {
            return null;
        }
        var villageName = await db.Villages.Where(v => v.Id == household.VillageId)
            .Select(v => v.Name + ", " + (v.Commune!.Kind == Geography.CommuneKind.Xa ? "xã " : "phường ") + v.Commune.Name).SingleAsync(cancellationToken);
        var userIds = household.Members.Where(m => m.UserId != null).Select(m => m.UserId!).ToList();
        var accounts = await db.Users.Where(u => userIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => (u.UserName, OwnPassword: u.PasswordHash != null), cancellationToken);
        var certificates = await db.Certificates.Where(c => userIds.Contains(c.UserId) && c.RevokedAt == null)
            .Select(c => new { c.UserId, c.SkillId }).ToListAsync(cancellationToken);
        var toward = await progress.TowardDigitalCitizenAsync(userIds, cancellationToken);
        var members = household.Members.OrderBy(m => m.Id).Select(m => new HouseholdMemberView(
            m.Id, m.FullName, m.BirthYear, m.Phone, m.UserId is null ? null : accounts.GetValueOrDefault(m.UserId).UserName,
            m.UserId is not null && accounts.GetValueOrDefault(m.UserId).OwnPassword,
            certificates.Count(c => c.UserId == m.UserId),
            certificates.Any(c => c.UserId == m.UserId && c.SkillId == Certificate.DigitalCitizen),
            m.UserId is null ? null : toward.GetValueOrDefault(m.UserId))).ToList();
        var one = db.Households.Where(h => h.Id == householdId);
        var covered = await one.WhereCovered(db).AnyAsync(cancellationToken);
        var digitalFamily = await one.WhereDigitalFamily(db, VietnamTime.ThisYear(clock)).AnyAsync(cancellationToken);
        var given = await assignments.ForHouseholdAsync(householdId, cancellationToken);
        var targets = catalog.Current.Skills
            .SelectMany(s => s.Modules.Select(m => (m.Id, $"— {m.Title}")).Prepend((s.Id, $"Cả kỹ năng: {s.ShortTitle}")))
            .ToList();
        return new HouseholdDetail(household, villageName, members, covered, digitalFamily, given, targets);
    }

    /// <summary>A member of a household in the scope, or null.</summary>
    public async Task<HouseholdMember?> FindMemberAsync(Scope scope, int householdId, int memberId, CancellationToken cancellationToken = default) =>
        (await editor.FindAsync(scope, householdId, cancellationToken))?.Members.FirstOrDefault(m => m.Id == memberId);

    /// <summary>Whether the household is in the scope (for a change that needs no more than that).</summary>
    public Task<bool> InScopeAsync(Scope scope, int householdId, CancellationToken cancellationToken = default) =>
        scope.Households(db).AnyAsync(h => h.Id == householdId, cancellationToken);
}
