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
/// <param name="OnlySkill">When set, the reading and evidence are those of this skill alone (the certificates are all
/// of them): <see cref="For"/> answers for this skill only, and <see cref="Holds"/> for any.</param>
public sealed record LearnerProgress(IReadOnlySet<string> ReadLessons, CountedEvidence Counted, IReadOnlyList<Certificate> Certificates, Evidence Rule,
    string? OnlySkill = null)
{
    public static LearnerProgress None { get; } = new(new HashSet<string>(), CountedEvidence.None, [], Evidence.None);

    /// <summary>Modules whose quiz pass counts toward their skill.</summary>
    public IReadOnlySet<string> PassedModules => Counted.ModulesPassed;

    /// <summary>The learner's valid certificate of the skill ("Công dân số" included), if any.</summary>
    public Certificate? Holds(string skillId) => Certificates.FirstOrDefault(c => c.SkillId == skillId && !c.IsRevoked);

    public SkillProgress For(Course course, Skill skill)
    {
        if (OnlySkill is not null && OnlySkill != skill.Id)
        {
            throw new InvalidOperationException($"This progress holds skill {OnlySkill} only, not {skill.Id}.");
        }
        var lessons = course.LessonsOf(skill).ToList();
        var certificate = Holds(skill.Id);
        return new SkillProgress(
            skill, lessons.Count(l => ReadLessons.Contains(l.Id)), lessons.Count,
            skill.Modules.Count(m => PassedModules.Contains(m.Id)), skill.Modules.Count,
            certificate, certificate is null && !skill.IsStarter ? Earning.MissingFor(skill, Rule, Counted) : new Missing([], [], []));
    }
}

/// <summary>What a pass led to, for its result page.</summary>
/// <param name="Issued">The certificates the pass completed (the skill's, and "Công dân số" when it was the last one).</param>
/// <param name="Progress">The learner's progress in the skill (what its certificate still needs); null when the skill is gone.</param>
/// <param name="Next">What comes next, the page's first action; null when the skill is gone.</param>
public sealed record AfterPass(IReadOnlyList<Certificate> Issued, SkillProgress? Progress, NextStep? Next);

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
            return Toward(required, held.Where(c => c.IsValid).Select(c => c.SkillId), Earning.Counting(course, evidence[id], held).ModulesPassed);
        });
    }

    /// <summary>The way toward "Công dân số" from a learner's whole progress, already read (the home page reads it for
    /// the skill cards): the same answer as <see cref="TowardDigitalCitizenAsync(string, CancellationToken)"/>, without
    /// reading the evidence and certificates again.</summary>
    public DigitalCitizenProgress TowardDigitalCitizen(LearnerProgress learner)
    {
        if (learner.OnlySkill is not null)
        {
            throw new ArgumentException($"This progress holds skill {learner.OnlySkill} only, not the whole course.", nameof(learner));
        }
        return Toward(RequiredSkills, learner.Certificates.Where(c => !c.IsRevoked).Select(c => c.SkillId), learner.PassedModules);
    }

    /// <param name="heldSkills">The skills of the learner's valid certificates.</param>
    /// <param name="passed">The modules whose quiz pass counts (<see cref="Earning.Counting"/>).</param>
    private static DigitalCitizenProgress Toward(IReadOnlyList<Skill> required, IEnumerable<string> heldSkills, IReadOnlySet<string> passed)
    {
        var valid = heldSkills.ToHashSet();
        return new DigitalCitizenProgress(
            required.Count(s => valid.Contains(s.Id)), required.Count,
            required.Sum(s => valid.Contains(s.Id) ? s.Modules.Count : s.Modules.Count(m => passed.Contains(m.Id))), required.Sum(s => s.Modules.Count),
            valid.Contains(Certificate.DigitalCitizen));
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
        return await ReadAsync(userId, catalog.Current, await CertificatesOf(db, userId).ToListAsync(cancellationToken), null, cancellationToken);
    }

    /// <summary>
    /// What the result page of a pass shows, read for the passed item's skill only (its lessons read, its quizzes and
    /// tasks passed, its real tasks seen) and the learner's certificates: the certificates issued by the pass (at or
    /// after <paramref name="passedAt"/>, of that skill or "Công dân số"), the skill's progress and the next step.
    /// Statements compiled once, each for one learner: the page used to read the learner's whole progress after every pass.
    /// </summary>
    public async Task<AfterPass> AfterPassAsync(string userId, string skillId, string moduleId, DateTime passedAt, CancellationToken cancellationToken = default)
    {
        var course = catalog.Current;
        var certificates = await CertificatesOf(db, userId).ToListAsync(cancellationToken);
        var issued = certificates
            .Where(c => !c.IsRevoked && c.IssuedAt >= passedAt && (c.SkillId == skillId || c.SkillId == Certificate.DigitalCitizen))
            .ToList();
        if (course.FindSkill(skillId) is not { } skill)
        {
            return new AfterPass(issued, null, null);
        }
        var learner = await ReadAsync(userId, course, certificates, skill, cancellationToken);
        return new AfterPass(issued, learner.For(course, skill), NextStep.After(course, learner, skill, moduleId, issued));
    }

    /// <summary>The learner's progress, whole or (with <paramref name="skill"/>, a skill of <paramref name="course"/>) in
    /// one skill: what <see cref="LearnerProgress.For"/> needs for that skill, and <see cref="NextStep.After"/> after a
    /// pass in it.</summary>
    private async Task<LearnerProgress> ReadAsync(string userId, Course course, List<Certificate> certificates, Skill? skill, CancellationToken cancellationToken)
    {
        // The learner's reads and evidence are read whole, and kept to the skill here when one is asked for: the evidence
        // through the issuer's statement, the one place that says what counts toward a certificate.
        var read = await LessonsReadBy(db, userId).ToListAsync(cancellationToken);
        var evidence = (await issuer.EvidenceOfAsync([userId], cancellationToken))[userId];
        var readLessons = read.ToHashSet();
        if (skill is not null)
        {
            var modules = skill.Modules.Select(m => m.Id).ToHashSet();
            var tasks = skill.Modules.SelectMany(m => m.PracticeTasks).Select(t => t.Id).ToHashSet();
            var observedTasks = skill.ObservedTasks.Select(t => t.Id).ToHashSet();
            readLessons.IntersectWith(course.LessonsOf(skill).Select(l => l.Id));
            evidence = new LearnerEvidence(
                evidence.QuizPasses.Where(p => modules.Contains(p.Id)).ToList(),
                evidence.PracticePasses.Where(p => tasks.Contains(p.Id)).ToList(),
                evidence.Observations.Where(p => observedTasks.Contains(p.Id)).ToList());
        }
        var counted = Earning.Counting(course, evidence, certificates.Select(c => new HeldCertificate(c.SkillId, c.IssuedAt, c.RevokedAt)).ToList());
        return new LearnerProgress(readLessons, counted, certificates, issuer.Rule, skill?.Id);
    }

    private static readonly Func<AppDbContext, string, IAsyncEnumerable<Certificate>> CertificatesOf =
        EF.CompileAsyncQuery((AppDbContext db, string userId) => db.Certificates.AsNoTracking().Where(c => c.UserId == userId));

    private static readonly Func<AppDbContext, string, IAsyncEnumerable<string>> LessonsReadBy =
        EF.CompileAsyncQuery((AppDbContext db, string userId) => db.LessonReads.Where(r => r.UserId == userId).Select(r => r.LessonId));

    /// <summary>Has the learner marked the lesson read (a lesson page asks only this, not the whole progress); false for
    /// a visitor.</summary>
    public async Task<bool> HasReadAsync(string? userId, string lessonId, CancellationToken cancellationToken = default) =>
        userId is not null && await HasRead(db, userId, lessonId, cancellationToken);

    private static readonly Func<AppDbContext, string, string, CancellationToken, Task<bool>> HasRead = EF.CompileAsyncQuery(
        (AppDbContext db, string userId, string lessonId, CancellationToken _) => db.LessonReads.Any(r => r.UserId == userId && r.LessonId == lessonId));

    /// <summary>Marks a lesson read; reading it again changes nothing.</summary>
    public async Task MarkReadAsync(string userId, string lessonId, CancellationToken cancellationToken = default)
    {
        if (await HasReadAsync(userId, lessonId, cancellationToken))
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
