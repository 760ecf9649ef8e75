using CdsLearn.Certificates;
using CdsLearn.Content;
using CdsLearn.Data;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Learning;

/// <param name="Missing">What the skill's certificate still needs under the province's rule (empty once it is held,
/// and always for the starter section, which has no certificate).</param>
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
    public static LearnerProgress None { get; } = new(new HashSet<string>(), CountedEvidence.None, [], Evidence.None);

    /// <summary>Modules whose quiz pass counts toward their skill.</summary>
    public IReadOnlySet<string> PassedModules => Counted.ModulesPassed;

    public SkillProgress For(Course course, Skill skill)
    {
        var lessons = course.LessonsOf(skill).ToList();
        var certificate = Certificates.FirstOrDefault(c => c.SkillId == skill.Id && !c.IsRevoked);
        return new SkillProgress(
            skill, lessons.Count(l => ReadLessons.Contains(l.Id)), lessons.Count,
            skill.Modules.Count(m => PassedModules.Contains(m.Id)), skill.Modules.Count,
            certificate, certificate is null && !skill.IsStarter ? Earning.MissingFor(skill, Rule, Counted) : new Missing([], [], []));
    }
}

/// <summary>How far a person is toward "Công dân số", the certificate coverage counts: the required skills whose
/// certificate they hold, and the quizzes of those skills they passed ("2/5 kỹ năng", "3/15 bài kiểm tra").</summary>
public sealed record DigitalCitizenProgress(int SkillsHeld, int SkillsRequired, int QuizzesPassed, int QuizzesTotal, bool IsDigitalCitizen)
{
    public static DigitalCitizenProgress None(int skillsRequired, int quizzesTotal) => new(0, skillsRequired, 0, quizzesTotal, false);

    /// <summary>Required skills whose certificate is still to earn.</summary>
    public int SkillsLeft => IsDigitalCitizen ? 0 : SkillsRequired - SkillsHeld;
}

public sealed class ProgressService(AppDbContext db, CourseCatalog catalog, CertificateIssuer issuer, TimeProvider clock)
{
    /// <summary>The skills "Công dân số" needs under the province's rule.</summary>
    public IReadOnlyList<Skill> RequiredSkills => issuer.RequiredSkills;

    /// <summary>Each learner's way toward "Công dân số", read in four queries for all of them; a quiz counts as the
    /// earning rule counts it (<see cref="Earning.Counting"/>), and a held skill counts all its quizzes.</summary>
    public async Task<Dictionary<string, DigitalCitizenProgress>> TowardDigitalCitizenAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken = default)
    {
        var course = catalog.Current;
        var required = RequiredSkills;
        var quizzesTotal = required.Sum(s => s.Modules.Count);
        if (userIds.Count == 0)
        {
            return [];
        }
        var evidence = await issuer.EvidenceOfAsync(userIds, cancellationToken);
        var certificates = (await db.Certificates.AsNoTracking().Where(c => userIds.Contains(c.UserId))
            .Select(c => new { c.UserId, c.SkillId, c.IssuedAt, c.RevokedAt }).ToListAsync(cancellationToken))
            .ToLookup(c => c.UserId, c => new HeldCertificate(c.SkillId, c.IssuedAt, c.RevokedAt));
        return userIds.Distinct().ToDictionary(id => id, id =>
        {
            var held = certificates[id].ToList();
            var valid = held.Where(c => c.IsValid).Select(c => c.SkillId).ToHashSet();
            var passed = Earning.Counting(course, evidence[id], held).ModulesPassed;
            return new DigitalCitizenProgress(
                required.Count(s => valid.Contains(s.Id)), required.Count,
                required.Sum(s => valid.Contains(s.Id) ? s.Modules.Count : s.Modules.Count(m => passed.Contains(m.Id))), quizzesTotal,
                valid.Contains(Certificate.DigitalCitizen));
        });
    }

    /// <summary>One learner's way toward "Công dân số"; nothing done for a visitor.</summary>
    public async Task<DigitalCitizenProgress> TowardDigitalCitizenAsync(string userId, CancellationToken cancellationToken = default) =>
        (await TowardDigitalCitizenAsync([userId], cancellationToken))[userId];

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
