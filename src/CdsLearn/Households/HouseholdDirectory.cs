using CdsLearn.Data;
using CdsLearn.Rules;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Households;

public enum HouseholdFilter
{
    All,
    Covered,
    NotCovered,
    /// <summary>No lesson read and no quiz taken by any member for <see cref="HouseholdDirectory.VisitAfterDays"/> days.</summary>
    NeedsVisit,

    /// <summary>An assignment is past its due date and not done.</summary>
    Overdue,
}

public sealed record HouseholdSummary(
    int Id, string Code, string HeadName, int VillageId, string VillageName, int Members, int Accounts,
    bool Covered, bool DigitalFamily, DateTime? LastActivity);

/// <summary>"Hộ của tôi": the households in a user's scope, searched and filtered, with coverage at a glance.</summary>
public sealed class HouseholdDirectory(AppDbContext db, AssignmentService assignments, TimeProvider clock)
{
    public const int VisitAfterDays = 30;

    public const int PageSize = 50;

    public async Task<IReadOnlyList<HouseholdSummary>> ListAsync(
        Scope scope, string? search, HouseholdFilter filter, int? villageId = null, int page = 0, CancellationToken cancellationToken = default, int? communeId = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var households = scope.Households(db);
        if (villageId is { } village)
        {
            households = households.Where(h => h.VillageId == village);
        }
        if (communeId is { } commune)
        {
            var villages = db.Villages.Where(v => v.CommuneId == commune).Select(v => v.Id);
            households = households.Where(h => villages.Contains(h.VillageId));
        }
        var folded = SearchText.Fold(search);
        if (folded.Length > 0)
        {
            households = households.Where(h => h.SearchText.Contains(folded));
        }
        var since = now.AddDays(-VisitAfterDays);
        households = filter switch
        {
            HouseholdFilter.Covered => households.WhereCovered(db),
            HouseholdFilter.NotCovered => households.WhereCovered(db, covered: false),
            HouseholdFilter.NeedsVisit => households.Where(h => !h.Members.Any(m => m.UserId != null
                && (db.LessonReads.Any(r => r.UserId == m.UserId && r.ReadAt >= since)
                    || db.QuizAttempts.Any(a => a.UserId == m.UserId && a.SubmittedAt >= since)))),
            HouseholdFilter.Overdue => assignments.WhereOverdue(households),
            _ => households,
        };
        var rows = await households
            .OrderBy(h => h.Code)
            .Skip(page * PageSize)
            .Take(PageSize)
            .Select(h => new
            {
                h.Id,
                h.Code,
                h.HeadName,
                h.VillageId,
                VillageName = db.Villages.Where(v => v.Id == h.VillageId).Select(v => v.Name).First(),
                Members = h.Members.Count,
                Accounts = h.Members.Count(m => m.UserId != null),
                LastRead = h.Members.Where(m => m.UserId != null)
                    .SelectMany(m => db.LessonReads.Where(r => r.UserId == m.UserId)).Max(r => (DateTime?)r.ReadAt),
                LastQuiz = h.Members.Where(m => m.UserId != null)
                    .SelectMany(m => db.QuizAttempts.Where(a => a.UserId == m.UserId)).Max(a => (DateTime?)a.SubmittedAt),
            })
            .ToListAsync(cancellationToken);
        // Coverage is worked out for the page's households only: over a whole province it would take seconds.
        var ids = rows.Select(r => r.Id).ToList();
        var onPage = db.Households.Where(h => ids.Contains(h.Id));
        var covered = (await onPage.WhereCovered(db).Select(h => h.Id).ToListAsync(cancellationToken)).ToHashSet();
        var digital = (await onPage.WhereDigitalFamily(db, VietnamTime.ThisYear(clock)).Select(h => h.Id).ToListAsync(cancellationToken)).ToHashSet();
        return rows.Select(r => new HouseholdSummary(
            r.Id, r.Code, r.HeadName, r.VillageId, r.VillageName, r.Members, r.Accounts, covered.Contains(r.Id), digital.Contains(r.Id),
            r.LastRead > r.LastQuiz || r.LastQuiz is null ? r.LastRead : r.LastQuiz)).ToList();
    }
}
