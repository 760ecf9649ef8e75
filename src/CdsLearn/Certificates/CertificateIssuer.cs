using CdsLearn.Content;
using CdsLearn.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CdsLearn.Certificates;

public sealed class CertificateOptions
{
    public const string Section = "Certificates";

    /// <summary>The issuing province, printed on certificates and the verification page.</summary>
    public string Province { get; set; } = "Sơn La";

    /// <summary>The platform's ECDSA private key in PEM (line breaks may be spaces); when empty, a key is created on the
    /// first run and stored in the database.</summary>
    public string? SigningKeyPem { get; set; }

    /// <summary>Skills needed for "Công dân số"; empty means every skill of the course.</summary>
    public List<string> DigitalCitizenSkills { get; set; } = [];

    /// <summary>What a skill certificate rests on, e.g. "Quizzes, Practice, Observed" (the default: all three).
    /// Certificates already issued keep what they rested on.</summary>
    public Evidence SkillRestsOn { get; set; } = Evidence.All;
}

/// <summary>Issues the certificates a learner has earned (<see cref="Earning"/>): a skill's when what the province's rule
/// names is done, "Công dân số" when every required skill is held; and revokes them. Runs inside the caller's transaction.</summary>
public sealed class CertificateIssuer(AppDbContext db, CourseCatalog catalog, IOptions<CertificateOptions> options, TimeProvider clock)
{
    public Evidence Rule => options.Value.SkillRestsOn;

    /// <summary>The skills "Công dân số" needs (<see cref="Earning.RequiredSkills"/>), in the course's order.</summary>
    public IReadOnlyList<Skill> RequiredSkills
    {
        get
        {
            var course = catalog.Current;
            var ids = Earning.RequiredSkills(course, options.Value);
            return course.Skills.Where(s => ids.Contains(s.Id)).ToList();
        }
    }

    /// <summary>Issues what each of the learners has earned, with five reads and one save for all of them (quiz
    /// attempts are stored in batches). Learners who earned nothing new are left out of the result.</summary>
    public async Task<Dictionary<string, IReadOnlyList<Certificate>>> IssueEarnedAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken = default)
    {
        if (userIds.Count == 0)
        {
            return [];
        }
        var course = catalog.Current;
        var stored = (await db.Certificates.Where(c => userIds.Contains(c.UserId)).Select(c => new { c.UserId, c.SkillId, c.IssuedAt, c.RevokedAt })
            .ToListAsync(cancellationToken)).ToLookup(c => c.UserId, c => new HeldCertificate(c.SkillId, c.IssuedAt, c.RevokedAt));
        var evidence = await EvidenceOfAsync(userIds, cancellationToken);
        var required = Earning.RequiredSkills(course, options.Value);
        var rule = Rule;

        var earnedBy = new Dictionary<string, List<(string SkillId, CertificateBasis Basis)>>();
        foreach (var userId in userIds.Distinct())
        {
            var held = stored[userId].ToList();
            var counted = Earning.Counting(course, evidence.GetValueOrDefault(userId) ?? LearnerEvidence.None, held);
            var earned = Earning.Unheld(course, rule, required, counted, held);
            if (earned.Count > 0)
            {
                earnedBy[userId] = earned.Select(skillId => (skillId, Earning.BasisOf(course, skillId, rule, counted))).ToList();
            }
        }
        if (earnedBy.Count == 0)
        {
            return [];
        }

        var holders = earnedBy.Keys.ToList();
        var names = await db.Users.Where(u => holders.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, cancellationToken);
        var codes = new Queue<string>(await NewCodesAsync(earnedBy.Values.Sum(e => e.Count), cancellationToken));
        var now = clock.GetUtcNow().UtcDateTime;
        var issued = new Dictionary<string, IReadOnlyList<Certificate>>();
        foreach (var (userId, earned) in earnedBy)
        {
            var holderName = names.TryGetValue(userId, out var name) ? name : throw new InvalidOperationException($"no account {userId}");
            var certificates = earned.Select(e => new Certificate
            {
                Code = codes.Dequeue(),
                UserId = userId,
                HolderName = holderName,
                SkillId = e.SkillId,
                IssuedAt = now,
                Province = options.Value.Province,
                RestsOn = (int)e.Basis.RestsOn,
                ObservedBy = e.Basis.ObservedBy,
                ObservedOn = e.Basis.ObservedOn,
            }).ToList();
            db.Certificates.AddRange(certificates);
            issued[userId] = certificates;
        }
        await db.SaveChangesAsync(cancellationToken);
        return issued;
    }

    /// <summary>Revokes a certificate, keeping who did it and why, and with a required skill's certificate the
    /// "Công dân số" that rested on it, saying so; one save, so the figures follow in the same transaction. Returns
    /// false when there is no such certificate; revoking one that is already revoked keeps the first reason.</summary>
    public async Task<bool> RevokeAsync(string code, string reason, string byUserId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var certificate = await db.Certificates.SingleOrDefaultAsync(c => c.Code == code, cancellationToken);
        if (certificate is null)
        {
            return false;
        }
        if (certificate.IsRevoked)
        {
            return true;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        Revoke(certificate, reason.Trim(), byUserId, now);
        var course = catalog.Current;
        if (certificate.SkillId != Certificate.DigitalCitizen && Earning.RequiredSkills(course, options.Value).Contains(certificate.SkillId)
            && await db.Certificates.SingleOrDefaultAsync(c => c.UserId == certificate.UserId && c.SkillId == Certificate.DigitalCitizen && c.RevokedAt == null, cancellationToken)
                is { } digitalCitizen)
        {
            Revoke(digitalCitizen, $"Chứng chỉ kỹ năng “{TitleOf(course, certificate.SkillId)}” (mã {certificate.Code}) đã bị thu hồi.", byUserId, now);
        }
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Everything the learners have done toward certificates: quizzes and assessed tasks passed (the last
    /// pass of each), and real tasks the team saw, undisputed, with the team's name.</summary>
    public async Task<Dictionary<string, LearnerEvidence>> EvidenceOfAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken = default)
    {
        var learners = userIds.Distinct().ToArray();
        var rows = await Evidence(db, learners).ToListAsync(cancellationToken);
        var byLearner = rows.ToLookup(r => r.UserId);
        return learners.ToDictionary(id => id, id => new LearnerEvidence(
            byLearner[id].Where(r => r.Kind == EvidenceRow.Quiz).Select(r => r.Proof).ToList(),
            byLearner[id].Where(r => r.Kind == EvidenceRow.Practice).Select(r => r.Proof).ToList(),
            byLearner[id].Where(r => r.Kind == EvidenceRow.Observed).Select(r => r.Proof).ToList()));
    }

    /// <summary>The learners' evidence as one statement (UNION ALL): SQLite prepares every statement EF runs anew, so one
    /// instead of three; compiled once, and the learners go as one parameter (a JSON array in SQLite, an array in
    /// PostgreSQL: <see cref="DatabaseProviders.Configure"/>), so EF builds no SQL at each call.</summary>
    private static readonly Func<AppDbContext, string[], IAsyncEnumerable<EvidenceRow>> Evidence = EF.CompileAsyncQuery(
        (AppDbContext db, string[] learners) =>
            db.QuizAttempts.Where(a => learners.Contains(a.UserId) && a.Passed)
                .GroupBy(a => new { a.UserId, a.ModuleId })
                .Select(g => new EvidenceRow { UserId = g.Key.UserId, Kind = EvidenceRow.Quiz, Id = g.Key.ModuleId, At = g.Max(a => a.SubmittedAt), By = null })
            .Concat(db.PracticeAttempts.Where(a => learners.Contains(a.UserId) && a.Passed)
                .GroupBy(a => new { a.UserId, a.TaskId })
                .Select(g => new EvidenceRow { UserId = g.Key.UserId, Kind = EvidenceRow.Practice, Id = g.Key.TaskId, At = g.Max(a => a.SubmittedAt), By = null }))
            .Concat(from o in db.TaskObservations
                    where learners.Contains(o.UserId) && o.DisputedAt == null
                    join t in db.Teams on o.TeamId equals t.Id into teams
                    from t in teams.DefaultIfEmpty()
                    select new EvidenceRow { UserId = o.UserId, Kind = EvidenceRow.Observed, Id = o.TaskId, At = o.ObservedAt, By = t == null ? null : t.Name }));

    private sealed class EvidenceRow
    {
        public const int Quiz = 0;
        public const int Practice = 1;
        public const int Observed = 2;

        public string UserId { get; init; } = "";
        public int Kind { get; init; }
        public string Id { get; init; } = "";
        public DateTime At { get; init; }
        public string? By { get; init; }

        public Proof Proof => new(Id, At, By);
    }


    public static string TitleOf(Course course, string skillId) =>
        skillId == Certificate.DigitalCitizen ? "Công dân số" : course.FindSkill(skillId)?.Title ?? skillId;

    /// <summary>The certificate's name where space is short (lists, dashboard labels): the skill's short name.</summary>
    public static string ShortTitleOf(Course course, string skillId) =>
        skillId == Certificate.DigitalCitizen ? "Công dân số" : course.FindSkill(skillId)?.ShortTitle ?? skillId;

    private static void Revoke(Certificate certificate, string reason, string byUserId, DateTime at)
    {
        certificate.RevokedAt = at;
        certificate.RevokedReason = reason;
        certificate.RevokedByUserId = byUserId;
    }

    /// <summary>Fresh codes, distinct from each other and from every stored one.</summary>
    private async Task<IReadOnlyCollection<string>> NewCodesAsync(int count, CancellationToken cancellationToken)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        while (codes.Count < count)
        {
            var fresh = new HashSet<string>(StringComparer.Ordinal);
            while (codes.Count + fresh.Count < count)
            {
                if (CertificateCode.New() is var code && !codes.Contains(code))
                {
                    fresh.Add(code);
                }
            }
            var taken = await db.Certificates.Where(c => fresh.Contains(c.Code)).Select(c => c.Code).ToListAsync(cancellationToken);
            fresh.ExceptWith(taken);
            codes.UnionWith(fresh);
        }
        return codes;
    }
}
