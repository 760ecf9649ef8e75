using CdsLearn.Certificates;
using CdsLearn.Content;
using CdsLearn.Data;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Learning;

public sealed record SkillProgress(Skill Skill, int LessonsRead, int LessonsTotal, int QuizzesPassed, int QuizzesTotal, Certificate? Certificate)
{
    /// <summary>Reading and quizzes together, as a whole percentage.</summary>
    public int Percent => LessonsTotal + QuizzesTotal == 0 ? 0 : 100 * (LessonsRead + QuizzesPassed) / (LessonsTotal + QuizzesTotal);
}

/// <param name="PassedModules">Modules whose pass counts toward their skill (<see cref="Earning.ModulesPassed"/>): after a
/// skill's certificate is revoked, its quizzes are to be passed again.</param>
/// <param name="Certificates">Every certificate of the learner, revoked ones too.</param>
public sealed record LearnerProgress(IReadOnlySet<string> ReadLessons, IReadOnlySet<string> PassedModules, IReadOnlyList<Certificate> Certificates)
{
    public static LearnerProgress None { get; } = new(new HashSet<string>(), new HashSet<string>(), []);

    public SkillProgress For(Course course, Skill skill)
    {
        var lessons = course.LessonsOf(skill).ToList();
        return new SkillProgress(
            skill, lessons.Count(l => ReadLessons.Contains(l.Id)), lessons.Count,
            skill.Modules.Count(m => PassedModules.Contains(m.Id)), skill.Modules.Count,
            Certificates.FirstOrDefault(c => c.SkillId == skill.Id && !c.IsRevoked));
    }
}

public sealed class ProgressService(AppDbContext db, CourseCatalog catalog, TimeProvider clock)
{
    public async Task<LearnerProgress> GetAsync(string? userId, CancellationToken cancellationToken = default)
    {
        if (userId is null)
        {
            return LearnerProgress.None;
        }
        var read = await db.LessonReads.Where(r => r.UserId == userId).Select(r => r.LessonId).ToListAsync(cancellationToken);
        var passes = await db.QuizAttempts.Where(a => a.UserId == userId && a.Passed)
            .GroupBy(a => a.ModuleId).Select(g => new { ModuleId = g.Key, At = g.Max(a => a.SubmittedAt) }).ToListAsync(cancellationToken);
        var certificates = await db.Certificates.AsNoTracking().Where(c => c.UserId == userId).ToListAsync(cancellationToken);
        var passed = Earning.ModulesPassed(catalog.Current, passes.Select(p => (p.ModuleId, p.At)),
            certificates.Select(c => new HeldCertificate(c.SkillId, c.IssuedAt, c.RevokedAt)).ToList());
        return new LearnerProgress(read.ToHashSet(), passed, certificates);
    }

    /// <summary>Marks a lesson read; reading it again changes nothing.</summary>
    public async Task MarkReadAsync(string userId, string lessonId, CancellationToken cancellationToken = default)
    {
        if (await db.LessonReads.AnyAsync(r => r.UserId == userId && r.LessonId == lessonId, cancellationToken))
        {
            return;
        }
        db.LessonReads.Add(new LessonRead { UserId = userId, LessonId = lessonId, ReadAt = clock.GetUtcNow().UtcDateTime });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two taps raced: the other one stored it.
            db.ChangeTracker.Clear();
        }
    }
}
