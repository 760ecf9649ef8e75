using CdsLearn.Certificates;
using CdsLearn.Content;
using CdsLearn.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CdsLearn.Learning;

public sealed class LearningOptions
{
    public const string Section = "Learning";

    /// <summary>The pass mark in percent for quizzes that do not set their own.</summary>
    public int PassPercent { get; set; } = 80;
}

public sealed record SubmitOutcome(QuizAttempt Attempt, IReadOnlyList<Certificate> NewCertificates, bool WasAlreadyStored);

public enum SubmitError
{
    None,
    AttemptBelongsToSomeoneElse,
}

/// <summary>Grades and stores quiz attempts, and issues the certificates they earn, in one transaction.</summary>
public sealed class QuizService(AppDbContext db, CourseCatalog catalog, CertificateIssuer issuer, IOptions<LearningOptions> options, TimeProvider clock)
{
    public int PassPercentFor(Quiz quiz) => quiz.PassPercent ?? options.Value.PassPercent;

    /// <summary>
    /// Stores the attempt once: a repeated submit with the same attempt id returns the stored attempt unchanged.
    /// Returns null when the id is taken by another learner's attempt.
    /// </summary>
    public async Task<SubmitOutcome?> SubmitAsync(
        Guid attemptId, QuizDraw draw, IReadOnlyDictionary<int, IReadOnlyCollection<int>> answers,
        string? assistedByUserId = null, CancellationToken cancellationToken = default)
    {
        var module = catalog.Current.FindModule(draw.ModuleId) ?? throw new ArgumentException($"unknown module {draw.ModuleId}", nameof(draw));
        var passPercent = PassPercentFor(module.Quiz);
        var graded = QuizGrader.Grade(module.Quiz, draw, answers, passPercent);

        // A twin of this submit (a double tap, a queue resent) or another attempt earning the same certificate can
        // commit between our read and our insert. SQLite makes us retry (one writer at a time); PostgreSQL reports
        // the unique key instead. Either way, running again sees what the other stored.
        for (var run = 1; ; run++)
        {
            try
            {
                return await SqliteWriteGate.RunAsync(db,
                    () => SubmitOnceAsync(attemptId, draw, module, passPercent, graded, assistedByUserId, cancellationToken), cancellationToken);
            }
            catch (DbUpdateException) when (run < 3)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<SubmitOutcome?> SubmitOnceAsync(
        Guid attemptId, QuizDraw draw, Module module, int passPercent, GradedAttempt graded, string? assistedByUserId, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var existing = await db.QuizAttempts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == attemptId, ct);
            if (existing is not null)
            {
                return existing.UserId == draw.UserId ? new SubmitOutcome(existing, [], WasAlreadyStored: true) : null;
            }
            var attempt = new QuizAttempt
            {
                Id = attemptId,
                UserId = draw.UserId,
                ModuleId = module.Id,
                SkillId = module.SkillId,
                SubmittedAt = clock.GetUtcNow().UtcDateTime,
                Correct = graded.Correct,
                Total = graded.Total,
                ScorePercent = graded.ScorePercent,
                PassPercent = passPercent,
                Passed = graded.Passed,
                SheetJson = graded.Sheet.ToJson(),
                AssistedByUserId = assistedByUserId,
            };
            db.QuizAttempts.Add(attempt);
            await db.SaveChangesAsync(ct);
            var issued = attempt.Passed ? await issuer.IssueEarnedAsync(draw.UserId, ct) : [];
            await transaction.CommitAsync(ct);
            return new SubmitOutcome(attempt, issued, WasAlreadyStored: false);
        }, cancellationToken);
    }

    public Task<QuizAttempt?> FindAttemptAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.QuizAttempts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
}
