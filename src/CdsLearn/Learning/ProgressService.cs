using CdsLearn.Certificates;
using CdsLearn.Content;
using CdsLearn.Data;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Learning;

/// <param name="Missing">What the skill's certificate still needs under the province's rule (empty once it is held).</param>
public sealed record SkillProgress(Skill Skill, int LessonsRead, int LessonsTotal, int QuizzesPassed, int QuizzesTotal, Certificate? Certificate, Missing Missing)
{
    /// <summary>Reading and quizzes together, as a whole percentage.</summary>
    public int Percent => LessonsTotal + QuizzesTotal == 0 ? 0 : 100 * (LessonsRead + QuizzesPassed) / (LessonsTotal + QuizzesTotal);
}

/// <param name="Counted">The evidence that counts toward certificates (<see cref="Earning.Counting"/>): after a skill's
/// certificate is revoked, its quizzes and tasks are to be done again.</param>
/// <param name="Certificates">Every certificate of the learner, revoked ones too.</param>
/// <param name="Rule">What a skill certificate rests on (the province's choice).</param>
public sealed record LearnerProgress(IReadOnlySet<string> ReadLessons, CountedEvidence Counted, IReadOnlyList<Certificate> Certificates, Evidence Rule)
{
    public static LearnerProgress None { get; } = new(new HashSet<string>(), new CountedEvidence(
        new Dictionary<string, Proof>(), new Dictionary<string, Proof>(), new Dictionary<string, Proof>()), [], Evidence.None);

    /// <summary>Modules whose quiz pass counts toward their skill.</summary>
    public IReadOnlySet<string> PassedModules => Counted.ModulesPassed;

    public SkillProgress For(Course course, Skill skill)
    {
        var lessons = course.LessonsOf(skill).ToList();
        var certificate = Certificates.FirstOrDefault(c => c.SkillId == skill.Id && !c.IsRevoked);
        return new SkillProgress(
            skill, lessons.Count(l => ReadLessons.Contains(l.Id)), lessons.Count,
            skill.Modules.Count(m => PassedModules.Contains(m.Id)), skill.Modules.Count,
            certificate, certificate is null ? Earning.MissingFor(skill, Rule, Counted) : new Missing([], [], []));
    }
}

public sealed class ProgressService(AppDbContext db, CourseCatalog catalog, CertificateIssuer issuer, TimeProvider clock)
{
    public async Task<LearnerProgress> GetAsync(string? userId, CancellationToken cancellationToken = default)
    {
        if (userId is null)
        {
            return LearnerProgress.None;
        }
        var read = await db.LessonReads.Where(r => r.UserId == userId).Select(r => r.LessonId).ToListAsync(cancellationToken);
        var evidence = (await issuer.EvidenceOfAsync([userId], cancellationToken))[userId];
        var certificates = await db.Certificates.AsNoTracking().Where(c => c.UserId == userId).ToListAsync(cancellationToken);
        var counted = Earning.Counting(catalog.Current, evidence, certificates.Select(c => new HeldCertificate(c.SkillId, c.IssuedAt, c.RevokedAt)).ToList());
        return new LearnerProgress(read.ToHashSet(), counted, certificates, issuer.Rule);
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
