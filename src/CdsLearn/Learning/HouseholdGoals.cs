using CdsLearn.Data;
using CdsLearn.Households;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Learning;

/// <summary>A learner's household and the province's goal: is it covered (<see cref="Coverage"/>), and how far the
/// learner is toward "Công dân số", the certificate that would cover it.</summary>
public sealed record HouseholdGoal(bool Covered, DigitalCitizenProgress Mine);

public sealed class HouseholdGoals(AppDbContext db, ProgressService progress)
{
    /// <summary>Null when the learner is not a member of a registered household.</summary>
    public async Task<HouseholdGoal?> ForLearnerAsync(string userId, CancellationToken cancellationToken = default)
    {
        var householdIds = await db.HouseholdMembers.Where(m => m.UserId == userId).Select(m => m.HouseholdId).ToListAsync(cancellationToken);
        if (householdIds.Count == 0)
        {
            return null;
        }
        var covered = await db.Households.Where(h => householdIds.Contains(h.Id)).WhereCovered(db).AnyAsync(cancellationToken);
        return new HouseholdGoal(covered, await progress.TowardDigitalCitizenAsync(userId, cancellationToken));
    }
}
