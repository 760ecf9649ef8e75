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

/// <summary>Grades quiz attempts and has them stored, with the certificates they earn (<see cref="QuizAttemptWriter"/>).</summary>
public sealed class QuizService(AppDbContext db, CourseCatalog catalog, QuizAttemptWriter writer, IOptions<LearningOptions> options, TimeProvider clock)
{
    public int PassPercentFor(Quiz quiz) => quiz.PassPercent ?? options.Value.PassPercent;

    /// <summary>
    /// Stores the attempt once and returns after it is durable: a repeated submit with the same attempt id returns the
    /// stored attempt unchanged. Returns null when the id is taken by another learner's attempt.
    /// </summary>
    public async Task<SubmitOutcome?> SubmitAsync(
        Guid attemptId, QuizDraw draw, IReadOnlyDictionary<int, IReadOnlyCollection<int>> answers,
        string? assistedByUserId = null, CancellationToken cancellationToken = default)
    {
        var module = catalog.Current.FindModule(draw.ModuleId) ?? throw new ArgumentException($"unknown module {draw.ModuleId}", nameof(draw));
        var passPercent = PassPercentFor(module.Quiz);
        var graded = QuizGrader.Grade(module.Quiz, draw, answers, passPercent);
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
        return await writer.StoreAsync(attempt, cancellationToken);
    }

    public Task<QuizAttempt?> FindAttemptAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.QuizAttempts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
}
