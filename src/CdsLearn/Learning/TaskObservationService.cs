using CdsLearn.Audit;
using CdsLearn.Certificates;
using CdsLearn.Content;
using CdsLearn.Data;
using CdsLearn.Households;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Learning;

/// <summary>
/// Records what a team member saw a person do on their own phone ("Tổ xác nhận"), shows it to the person, and takes
/// their dispute. The household is loaded through the recorder's scope, so a member outside it cannot be reached
/// whatever the form says; every record and dispute is audited, in the same save as the change.
/// </summary>
public sealed class TaskObservationService(
    AppDbContext db, CourseCatalog catalog, HouseholdEditor editor, AssistedAccounts accounts, TimeProvider clock)
{
    /// <summary>Ticks the tasks for a member of a household in the scope. Null when the household or member is not
    /// in it (a 404); an unknown task id refuses the whole request and stores nothing. A task already recorded for the
    /// person (disputed or not) is left as it is: a repeat tick never duplicates it nor overrides the person's dispute.</summary>
    public async Task<ObservationResult?> RecordAsync(
        Scope scope, int householdId, int memberId, IReadOnlyCollection<string> taskIds, string byUserId, CancellationToken cancellationToken = default)
    {
        var household = await editor.FindAsync(scope, householdId, cancellationToken);
        var member = household?.Members.FirstOrDefault(m => m.Id == memberId);
        if (household is null || member is null)
        {
            return null;
        }
        var course = catalog.Current;
        var tasks = taskIds.Distinct(StringComparer.Ordinal).Select(id => (Id: id, Task: course.FindObservedTask(id))).ToList();
        if (tasks.Count == 0 || tasks.Any(t => t.Task is null))
        {
            return ObservationResult.UnknownTask;
        }
        // A person without an account gets the team-made one, as "Học cùng tổ" does; a person with their own account
        // keeps it: the record is about them, and they see it and may dispute it there.
        var userId = member.UserId ?? await accounts.EnsureAccountAsync(member, cancellationToken)
            ?? throw new InvalidOperationException("a member without an account gets a team-made one");
        var held = await db.TaskObservations.Where(o => o.UserId == userId).Select(o => o.TaskId).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var added = tasks.Where(t => !held.Contains(t.Id)).Select(t => new TaskObservation
        {
            UserId = userId,
            TaskId = t.Task!.Id,
            SkillId = t.Task.SkillId,
            ObservedByUserId = byUserId,
            ObservedAt = now,
        }).ToList();
        if (added.Count == 0)
        {
            return ObservationResult.Recorded;
        }
        db.TaskObservations.AddRange(added);
        db.AuditEntries.AddRange(added.Select(o => new AuditEntry
        {
            At = now,
            UserId = byUserId,
            Action = "observed.record",
            Subject = $"household:{household.Id};member:{member.Id};task:{o.TaskId}",
        }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two ticks at once (a double tap): the unique index kept the other's; this one finds them stored.
            foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToList())
            {
                entry.State = EntityState.Detached;
            }
            var ids = added.Select(o => o.TaskId).ToList();
            if (await db.TaskObservations.CountAsync(o => o.UserId == userId && ids.Contains(o.TaskId), cancellationToken) != ids.Count)
            {
                throw;
            }
        }
        return ObservationResult.Recorded;
    }

    /// <summary>The person's records, newest first, with the name of the team worker who saw each.</summary>
    public async Task<IReadOnlyList<ObservationView>> ForLearnerAsync(string userId, CancellationToken cancellationToken = default)
    {
        var rows = await (from o in db.TaskObservations
                          join u in db.Users on o.ObservedByUserId equals u.Id
                          where o.UserId == userId
                          select new { o.Id, o.TaskId, o.SkillId, o.ObservedAt, o.DisputedAt, u.FullName })
            .ToListAsync(cancellationToken);
        var course = catalog.Current;
        return rows.OrderByDescending(r => r.ObservedAt).ThenBy(r => r.Id)
            .Select(r => new ObservationView(r.Id, r.TaskId, r.SkillId, course.FindObservedTask(r.TaskId)?.Title ?? r.TaskId,
                VietnamTime.DateOf(r.ObservedAt), r.FullName, r.DisputedAt is not null))
            .ToList();
    }

    /// <summary>The records of a household member's account, for the member's page in "Hộ của tôi".</summary>
    public async Task<IReadOnlyList<ObservationView>> ForMemberAsync(HouseholdMember member, CancellationToken cancellationToken = default) =>
        member.UserId is { } userId ? await ForLearnerAsync(userId, cancellationToken) : [];

    /// <summary>The person says they did not do it: their own record only (any other id finds nothing), marked
    /// disputed for good and audited. False when there is no such record of theirs.</summary>
    public async Task<bool> DisputeAsync(string userId, long observationId, CancellationToken cancellationToken = default)
    {
        var observation = await db.TaskObservations.SingleOrDefaultAsync(o => o.Id == observationId && o.UserId == userId, cancellationToken);
        if (observation is null)
        {
            return false;
        }
        if (observation.DisputedAt is null)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            observation.DisputedAt = now;
            db.AuditEntries.Add(new AuditEntry { At = now, UserId = userId, Action = "observed.dispute", Subject = $"observation:{observation.Id};task:{observation.TaskId}" });
            await db.SaveChangesAsync(cancellationToken);
        }
        return true;
    }

    /// <summary>For the certificate rule: the ids of the observed tasks of a skill the learner holds, undisputed, and
    /// still in the course (a task removed from the course counts no more).</summary>
    public async Task<IReadOnlySet<string>> HeldAsync(string userId, string skillId, CancellationToken cancellationToken = default)
    {
        var ids = await db.TaskObservations.Where(o => o.UserId == userId && o.SkillId == skillId && o.DisputedAt == null)
            .Select(o => o.TaskId).ToListAsync(cancellationToken);
        var course = catalog.Current;
        return ids.Where(id => course.FindObservedTask(id)?.SkillId == skillId).ToHashSet(StringComparer.Ordinal);
    }
}

public enum ObservationResult
{
    Recorded,
    UnknownTask,
}

/// <summary>One record as the person and the team see it.</summary>
public sealed record ObservationView(long Id, string TaskId, string SkillId, string Title, DateOnly ObservedOn, string ObservedBy, bool IsDisputed);
