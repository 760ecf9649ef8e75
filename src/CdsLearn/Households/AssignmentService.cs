using CdsLearn.Certificates;
using CdsLearn.Content;
using CdsLearn.Data;
using CdsLearn.Rules;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Households;

/// <summary>An assignment as shown: its title, the skill whose page it links to (null when the course no longer has
/// it) and the module there, whom it is for, and how far it is.</summary>
public sealed record AssignmentView(Assignment Assignment, string Title, string? SkillId, string? ModuleId, string? MemberName, AssignmentStatus Status);

/// <summary>Assigning skills and modules, and deriving each assignment's status from progress.</summary>
public sealed class AssignmentService(AppDbContext db, CourseCatalog catalog, TimeProvider clock)
{
    public static string Label(AssignmentStatus status) => status switch
    {
        AssignmentStatus.NotStarted => "Chưa bắt đầu",
        AssignmentStatus.InProgress => "Đang học",
        AssignmentStatus.Done => "Hoàn thành",
        _ => "Quá hạn",
    };

    public DateOnly Today => VietnamTime.Today(clock);

    public async Task<Assignment> AddAsync(int householdId, int? memberId, string target, DateOnly? dueOn, string? note, string byUserId, CancellationToken cancellationToken = default)
    {
        var course = catalog.Current;
        var assignment = new Assignment
        {
            HouseholdId = householdId,
            MemberId = memberId,
            SkillId = course.FindSkill(target)?.Id,
            ModuleId = course.FindSkill(target) is null ? course.FindModule(target)?.Id : null,
            DueOn = dueOn,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            CreatedByUserId = byUserId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        if (assignment.SkillId is null && assignment.ModuleId is null)
        {
            throw new ArgumentException($"unknown skill or module {target}", nameof(target));
        }
        db.Assignments.Add(assignment);
        await db.SaveChangesAsync(cancellationToken);
        return assignment;
    }

    /// <summary>Removes through the change tracker (not a bulk delete), so the figures see the assignment go.</summary>
    public async Task<bool> RemoveAsync(int householdId, int assignmentId, CancellationToken cancellationToken = default)
    {
        var assignment = await db.Assignments.SingleOrDefaultAsync(a => a.Id == assignmentId && a.HouseholdId == householdId, cancellationToken);
        if (assignment is null)
        {
            return false;
        }
        db.Assignments.Remove(assignment);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<AssignmentView>> ForHouseholdAsync(int householdId, CancellationToken cancellationToken = default)
    {
        var assignments = await db.Assignments.Where(a => a.HouseholdId == householdId).OrderBy(a => a.DueOn == null).ThenBy(a => a.DueOn).ThenBy(a => a.Id).ToListAsync(cancellationToken);
        return await ViewAsync(assignments, cancellationToken);
    }

    /// <summary>What a learner has been given: assignments to them and to their whole household.</summary>
    public async Task<IReadOnlyList<AssignmentView>> ForLearnerAsync(string userId, CancellationToken cancellationToken = default)
    {
        if (await MembershipOf(db, userId, cancellationToken) is not { } member)
        {
            return [];
        }
        var assignments = await AssignedTo(db, member.HouseholdId, member.Id).ToListAsync(cancellationToken);
        return await ViewAsync(assignments, cancellationToken, onlyUserId: userId);
    }

    // Compiled once: every learner's home page asks both. A learner in several households sees their first one's.
    private static readonly Func<AppDbContext, string, CancellationToken, Task<HouseholdMember?>> MembershipOf = EF.CompileAsyncQuery(
        (AppDbContext db, string userId, CancellationToken _) => db.HouseholdMembers.AsNoTracking().Where(m => m.UserId == userId).OrderBy(m => m.Id).FirstOrDefault());

    private static readonly Func<AppDbContext, int, int, IAsyncEnumerable<Assignment>> AssignedTo = EF.CompileAsyncQuery<AppDbContext, int, int, Assignment>(
        (AppDbContext db, int householdId, int memberId) => db.Assignments
            .Where(a => a.HouseholdId == householdId && (a.MemberId == null || a.MemberId == memberId))
            .OrderBy(a => a.DueOn == null).ThenBy(a => a.DueOn).ThenBy(a => a.Id));

    /// <summary>Households with an assignment past its due date that nobody it was given to has done
    /// (the same rule as <see cref="StatusOf"/>, as a query).</summary>
    public IQueryable<Household> WhereOverdue(IQueryable<Household> households)
    {
        var today = Today;
        return households.Where(h => db.Assignments.Any(a => a.HouseholdId == h.Id && a.DueOn != null && a.DueOn < today
            && !h.Members.Any(m => m.UserId != null && (a.MemberId == null || a.MemberId == m.Id)
                && (a.ModuleId != null
                    ? db.QuizAttempts.Any(q => q.UserId == m.UserId && q.ModuleId == a.ModuleId && q.Passed)
                    : db.Certificates.Any(c => c.UserId == m.UserId && c.SkillId == a.SkillId)))));
    }

    private async Task<IReadOnlyList<AssignmentView>> ViewAsync(List<Assignment> assignments, CancellationToken cancellationToken, string? onlyUserId = null)
    {
        if (assignments.Count == 0)
        {
            return [];
        }
        var householdIds = assignments.Select(a => a.HouseholdId).Distinct().ToList();
        var members = await db.HouseholdMembers.Where(m => householdIds.Contains(m.HouseholdId)).ToListAsync(cancellationToken);
        var userIds = members.Where(m => m.UserId != null).Select(m => m.UserId!).ToList();
        var read = (await db.LessonReads.Where(r => userIds.Contains(r.UserId)).Select(r => new { r.UserId, r.LessonId }).ToListAsync(cancellationToken))
            .ToLookup(r => r.UserId, r => r.LessonId);
        var attempts = (await db.QuizAttempts.Where(a => userIds.Contains(a.UserId)).Select(a => new { a.UserId, a.ModuleId, a.Passed }).ToListAsync(cancellationToken))
            .ToLookup(a => a.UserId);
        var course = catalog.Current;
        var views = new List<AssignmentView>();
        foreach (var assignment in assignments)
        {
            var targets = members.Where(m => m.HouseholdId == assignment.HouseholdId && m.UserId != null
                && (assignment.MemberId == null || assignment.MemberId == m.Id)
                && (onlyUserId == null || m.UserId == onlyUserId)).Select(m => m.UserId!).ToList();
            var modules = assignment.ModuleId is { } moduleId
                ? [moduleId]
                : course.FindSkill(assignment.SkillId!)?.Modules.Select(m => m.Id).ToList() ?? [];
            var lessons = modules.SelectMany(id => course.FindModule(id)?.Lessons.Select(l => l.Id) ?? []).ToHashSet();
            var done = modules.Count > 0 && targets.Any(u => modules.All(m => attempts[u].Any(a => a.ModuleId == m && a.Passed)));
            var started = targets.Any(u => read[u].Any(lessons.Contains) || attempts[u].Any(a => modules.Contains(a.ModuleId)));
            var (title, skillId, moduleIdShown) = assignment.ModuleId is { } mid && course.FindModule(mid) is { } module
                ? ($"{course.FindSkill(module.SkillId)!.Title}: {module.Title}", module.SkillId, module.Id)
                : course.FindSkill(assignment.SkillId ?? "") is { } skill
                    ? (skill.Title, skill.Id, (string?)null)
                    : ("(nội dung đã bỏ)", (string?)null, (string?)null);
            views.Add(new AssignmentView(assignment, title, skillId, moduleIdShown,
                assignment.MemberId is { } id ? members.FirstOrDefault(m => m.Id == id)?.FullName : null,
                StatusOf(done, started, assignment.DueOn)));
        }
        return views;
    }

    private AssignmentStatus StatusOf(bool done, bool started, DateOnly? dueOn) =>
        done ? AssignmentStatus.Done
        : dueOn is { } due && due < Today ? AssignmentStatus.Overdue
        : started ? AssignmentStatus.InProgress
        : AssignmentStatus.NotStarted;
}
