using CdsLearn.Data;
using CdsLearn.Households;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Learning;

/// <summary>A learner's household and the province's goal: is it covered (<see cref="Coverage"/>), and how far the
/// learner is toward "Công dân số", the certificate that would cover it.</summary>
public sealed record HouseholdGoal(bool Covered, DigitalCitizenProgress Mine);

public sealed class HouseholdGoals(AppDbContext db, ProgressService progress)
{
    /// <summary>Null when the learner is not a member of a registered household. <paramref name="learner"/> is the
    /// learner's whole progress, already read by the caller (the home page's skill cards).</summary>
    public async Task<HouseholdGoal?> ForLearnerAsync(string userId, LearnerProgress learner, CancellationToken cancellationToken = default)
    {
        var householdIds = await HouseholdsOf(db, userId).ToListAsync(cancellationToken);
        if (householdIds.Count == 0)
        {
            return null;
        }
        var covered = await db.Households.Where(h => householdIds.Contains(h.Id)).WhereCovered(db).AnyAsync(cancellationToken);
        return new HouseholdGoal(covered, progress.TowardDigitalCitizen(learner));
    }

    private static readonly Func<AppDbContext, string, IAsyncEnumerable<int>> HouseholdsOf =
        EF.CompileAsyncQuery((AppDbContext db, string userId) => db.HouseholdMembers.Where(m => m.UserId == userId).Select(m => m.HouseholdId));
}
