using CdsLearn.Audit;
using CdsLearn.Certificates;
using CdsLearn.Content;
using CdsLearn.Data;
using CdsLearn.Households;
using CdsLearn.Rules;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Learning;

/// <summary>
/// Records what a team member saw a person do on their own phone ("Tổ xác nhận"), shows it to the person, and takes
/// their dispute. The household is loaded through the recorder's scope, so a member outside it cannot be reached
/// whatever the form says; every record and dispute is audited, in the same save as the change.
/// </summary>
public sealed class TaskObservationService(
    AppDbContext db, CourseCatalog catalog, HouseholdEditor editor, AssistedAccounts accounts, CertificateIssuer issuer, TimeProvider clock)
{
    /// <summary>Ticks the tasks for a member of a household in the scope. Null when the household or member is not
    /// in it (a 404); an unknown task id refuses the whole request and stores nothing. A task already recorded for the
    /// person (disputed or not) is left as it is: a repeat tick never duplicates it nor overrides the person's dispute;
    /// only after the skill's certificate was revoked is an undisputed one seen again (it counts from then on, see
    /// <see cref="Earning"/>). The certificates the person has now earned are issued at once.</summary>
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
        var held = await db.TaskObservations.Where(o => o.UserId == userId).ToDictionaryAsync(o => o.TaskId, StringComparer.Ordinal, cancellationToken);
        var revokedAt = await db.Certificates.Where(c => c.UserId == userId && c.RevokedAt != null)
            .GroupBy(c => c.SkillId).Select(g => new { SkillId = g.Key, At = g.Max(c => c.RevokedAt!.Value) })
            .ToDictionaryAsync(r => r.SkillId, r => r.At, cancellationToken);
        var teamId = await TeamOfAsync(byUserId, household, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var added = tasks.Where(t => !held.ContainsKey(t.Id)).Select(t => new TaskObservation
        {
            UserId = userId,
            TaskId = t.Task!.Id,
            SkillId = t.Task.SkillId,
            ObservedByUserId = byUserId,
            ObservedAt = now,
            TeamId = teamId,
        }).ToList();
        var seenAgain = tasks.Select(t => held.GetValueOrDefault(t.Id))
            .Where(o => o is { DisputedAt: null } && revokedAt.TryGetValue(o.SkillId, out var at) && o.ObservedAt <= at).Select(o => o!).ToList();
        foreach (var observation in seenAgain)
        {
            observation.ObservedAt = now;
            observation.ObservedByUserId = byUserId;
            observation.TeamId = teamId;
        }
        if (added.Count == 0 && seenAgain.Count == 0)
        {
            return ObservationResult.Recorded;
        }
        db.TaskObservations.AddRange(added);
        db.AuditEntries.AddRange(added.Concat(seenAgain).Select(o => new AuditEntry
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
        await IssueAsync(userId, cancellationToken);
        return ObservationResult.Recorded;
    }

    /// <summary>Issues what the person has now earned. A certificate issued at the same moment by another request (the
    /// person passing a quiz as the tick lands) wins: the unique index keeps one valid certificate per skill, and the
    /// next event issues whatever is still due.</summary>
    private async Task IssueAsync(string userId, CancellationToken cancellationToken)
    {
        try
        {
            await issuer.IssueEarnedAsync([userId], cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>The recorder's team serving the household's village: a village team of it, else a commune-wide team of
    /// its commune; null for someone who is in neither (a commune officer, province staff).</summary>
    private async Task<int?> TeamOfAsync(string userId, Household household, CancellationToken cancellationToken)
    {
        var communeId = await db.Villages.Where(v => v.Id == household.VillageId).Select(v => v.CommuneId).SingleAsync(cancellationToken);
        var teams = await db.Teams.Where(t => t.Members.Any(m => m.UserId == userId)
                && (t.VillageId == household.VillageId || (t.VillageId == null && t.CommuneId == communeId)))
            .Select(t => new { t.Id, t.VillageId }).ToListAsync(cancellationToken);
        return teams.OrderBy(t => t.VillageId is null).Select(t => (int?)t.Id).FirstOrDefault();
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
            // A certificate that rested on what the person says they did not do rests on nothing: it is revoked,
            // saying why, and with it a "Công dân số" that needed it.
            var certificate = await db.Certificates.Where(c => c.UserId == userId && c.SkillId == observation.SkillId && c.RevokedAt == null)
                .Select(c => new { c.Code, c.RestsOn, c.IssuedAt }).SingleOrDefaultAsync(cancellationToken);
            if (certificate is { RestsOn: { } restsOn } && ((Evidence)restsOn).HasFlag(Evidence.Observed) && certificate.IssuedAt >= observation.ObservedAt)
            {
                var title = catalog.Current.FindObservedTask(observation.TaskId)?.Title ?? observation.TaskId;
                await issuer.RevokeAsync(certificate.Code, $"Người được cấp báo mình không tự làm việc “{title}” mà Tổ đã xác nhận.", userId, cancellationToken);
            }
        }
        return true;
    }

    /// <summary>The ids of the observed tasks of a skill the learner holds, undisputed, and still in the course (a task
    /// removed from the course counts no more); the certificate rule reads the same records through <see cref="Certificates.Earning"/>.</summary>
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
