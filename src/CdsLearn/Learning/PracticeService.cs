using CdsLearn.Content;
using CdsLearn.Data;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Learning;

public enum PracticeSubmitStatus
{
    /// <summary>Graded and stored now.</summary>
    Stored,

    /// <summary>A resend of an attempt already stored: nothing changed.</summary>
    AlreadyStored,

    /// <summary>The action list cannot have come from the page (see <see cref="PracticeGrader.Grade"/>).</summary>
    Forged,

    /// <summary>The draw token already graded another attempt.</summary>
    Replayed,

    /// <summary>The attempt id belongs to another learner's or another page's attempt.</summary>
    IdTaken,
}

public sealed record PracticeSubmitOutcome(PracticeSubmitStatus Status, PracticeAttempt? Attempt);

/// <summary>Grades assessed practice tasks on the server and stores each attempt exactly once.</summary>
public sealed class PracticeService(AppDbContext db, CourseCatalog catalog, Certificates.CertificateIssuer issuer, TimeProvider clock)
{
    /// <summary>
    /// Grades and stores the attempt. A resend with the same attempt id (and the same draw) returns the stored attempt;
    /// an action list the page could not have made is refused, and so is a second attempt with a draw already used.
    /// </summary>
    /// <remarks>Written directly, not through the quiz's group commit: assessed tasks are a few per learner, not a
    /// stream of submissions. The unique draw id decides a race between two servers.</remarks>
    public async Task<PracticeSubmitOutcome> SubmitAsync(
        Guid attemptId, PracticeDraw draw, IReadOnlyList<PracticeAction> actions, string? assistedByUserId = null,
        CancellationToken cancellationToken = default)
    {
        if (await FindExistingAsync(attemptId, draw, cancellationToken) is { } existing)
        {
            return existing;
        }
        var task = catalog.Current.FindPracticeTask(draw.TaskId) ?? throw new ArgumentException($"unknown practice task {draw.TaskId}", nameof(draw));
        if (PracticeGrader.Grade(task, draw, actions) is not { } graded)
        {
            return new(PracticeSubmitStatus.Forged, null);
        }
        if (await db.PracticeAttempts.AnyAsync(a => a.DrawId == draw.Id, cancellationToken))
        {
            return new(PracticeSubmitStatus.Replayed, null);
        }
        var attempt = new PracticeAttempt
        {
            Id = attemptId,
            UserId = draw.UserId,
            TaskId = task.Id,
            ModuleId = task.ModuleId,
            SkillId = task.SkillId,
            DrawId = draw.Id,
            SubmittedAt = clock.GetUtcNow().UtcDateTime,
            StepsRight = graded.Right,
            StepsTotal = graded.Steps.Count,
            Passed = graded.Passed,
            StepsJson = graded.ToJson(),
            AssistedByUserId = assistedByUserId,
        };
        db.PracticeAttempts.Add(attempt);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A twin of this request (a double tap, another server) stored first: its id or its draw is now taken.
            db.ChangeTracker.Clear();
            return await FindExistingAsync(attemptId, draw, cancellationToken) ?? new(PracticeSubmitStatus.Replayed, null);
        }
        if (attempt.Passed)
        {
            // The attempt is stored first: what it earns is worked out from stored evidence, so a certificate missed
            // here (a crash, a race with another request issuing it) is issued at the learner's next pass or visit.
            try
            {
                await issuer.IssueEarnedAsync([attempt.UserId], cancellationToken);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
            }
        }
        return new(PracticeSubmitStatus.Stored, attempt);
    }

    /// <summary>Has the learner passed the assessed version of this task (at any time; the certificate rule counts passes
    /// through <see cref="Certificates.Earning"/>)?</summary>
    public Task<bool> HasPassedAsync(string userId, string taskId, CancellationToken cancellationToken = default) =>
        db.PracticeAttempts.AnyAsync(a => a.UserId == userId && a.TaskId == taskId && a.Passed, cancellationToken);

    public Task<PracticeAttempt?> FindAttemptAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.PracticeAttempts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);

    private async Task<PracticeSubmitOutcome?> FindExistingAsync(Guid attemptId, PracticeDraw draw, CancellationToken cancellationToken)
    {
        var stored = await db.PracticeAttempts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == attemptId, cancellationToken);
        return stored switch
        {
            null => null,
            _ when stored.UserId == draw.UserId && stored.DrawId == draw.Id => new(PracticeSubmitStatus.AlreadyStored, stored),
            _ => new(PracticeSubmitStatus.IdTaken, null),
        };
    }
}
