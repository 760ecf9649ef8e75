using System.Diagnostics.CodeAnalysis;
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

public enum SubmitStatus
{
    /// <summary>Graded and stored now.</summary>
    Stored,

    /// <summary>A resend of an attempt already stored (a double tap, the offline queue): the stored one is returned unchanged.</summary>
    AlreadyStored,

    /// <summary>Refused: another attempt already graded this draw. Nothing is stored; the learner starts again with a new draw.</summary>
    DrawAlreadyGraded,

    /// <summary>Refused: the attempt id is another learner's.</summary>
    IdOfAnotherLearner,
}

/// <summary>What became of a submission: the attempt stored (now or before) with any certificates it earned, or why it was refused.</summary>
public sealed record SubmitOutcome(SubmitStatus Status, QuizAttempt? Attempt, IReadOnlyList<Certificate> NewCertificates)
{
    [MemberNotNullWhen(true, nameof(Attempt))]
    public bool IsStored => Status is SubmitStatus.Stored or SubmitStatus.AlreadyStored;

    public static SubmitOutcome Refused(SubmitStatus status) => new(status, null, []);
}

/// <summary>Grades quiz attempts and has them stored, with the certificates they earn (<see cref="QuizAttemptWriter"/>).
/// No database context of its own: the quiz page and the submission, which use it on every loop, build none (the
/// writer stores attempts in its own scope).</summary>
public sealed class QuizService(CourseCatalog catalog, QuizAttemptWriter writer, IOptions<LearningOptions> options, TimeProvider clock)
{
    public int PassPercentFor(Quiz quiz) => quiz.PassPercent ?? options.Value.PassPercent;

    /// <summary>
    /// Stores the attempt once and returns after it is durable: a repeated submit with the same attempt id returns the
    /// stored attempt unchanged. Refuses an attempt on a draw another attempt already graded, and an id taken by
    /// another learner's attempt.
    /// </summary>
    public async Task<SubmitOutcome> SubmitAsync(
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
            DrawId = draw.Id,
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

    /// <summary>Compiled once: the result page after every submission reads it.</summary>
    private static readonly Func<AppDbContext, Guid, CancellationToken, Task<QuizAttempt?>> FindAttempt =
        EF.CompileAsyncQuery((AppDbContext db, Guid id, CancellationToken _) => db.QuizAttempts.AsNoTracking().SingleOrDefault(a => a.Id == id));

    public static Task<QuizAttempt?> FindAttemptAsync(AppDbContext db, Guid id, CancellationToken cancellationToken = default) => FindAttempt(db, id, cancellationToken);
}
