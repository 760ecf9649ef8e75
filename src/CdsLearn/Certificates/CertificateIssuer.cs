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
}

/// <summary>Issues the certificates a learner has earned: a skill's when every module quiz of it is passed,
/// "Công dân số" when every required skill is held. Runs inside the caller's transaction.</summary>
public sealed class CertificateIssuer(AppDbContext db, CourseCatalog catalog, IOptions<CertificateOptions> options, TimeProvider clock)
{
    public async Task<IReadOnlyList<Certificate>> IssueEarnedAsync(string userId, CancellationToken cancellationToken = default)
    {
        var course = catalog.Current;
        var held = await db.Certificates.Where(c => c.UserId == userId).Select(c => c.SkillId).ToListAsync(cancellationToken);
        var passed = (await db.QuizAttempts.Where(a => a.UserId == userId && a.Passed).Select(a => a.ModuleId).Distinct()
            .ToListAsync(cancellationToken)).ToHashSet();
        var holderName = await db.Users.Where(u => u.Id == userId).Select(u => u.FullName).SingleAsync(cancellationToken);

        var earned = course.Skills
            .Where(s => s.Modules.Count > 0 && s.Modules.All(m => passed.Contains(m.Id)) && !held.Contains(s.Id))
            .Select(s => s.Id)
            .ToList();
        var skillsHeld = held.Concat(earned).ToHashSet();
        var required = options.Value.DigitalCitizenSkills is { Count: > 0 } list ? list : course.Skills.Select(s => s.Id).ToList();
        if (!skillsHeld.Contains(Certificate.DigitalCitizen) && required.Count > 0 && required.All(skillsHeld.Contains))
        {
            earned.Add(Certificate.DigitalCitizen);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var issued = new List<Certificate>();
        foreach (var skillId in earned)
        {
            var certificate = new Certificate
            {
                Code = await NewCodeAsync(cancellationToken),
                UserId = userId,
                HolderName = holderName,
                SkillId = skillId,
                IssuedAt = now,
                Province = options.Value.Province,
            };
            db.Certificates.Add(certificate);
            issued.Add(certificate);
        }
        if (issued.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        return issued;
    }

    /// <summary>Revokes a certificate, keeping who did it and why. Returns false when there is no such certificate;
    /// revoking one that is already revoked keeps the first reason.</summary>
    public async Task<bool> RevokeAsync(string code, string reason, string byUserId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var certificate = await db.Certificates.SingleOrDefaultAsync(c => c.Code == code, cancellationToken);
        if (certificate is null)
        {
            return false;
        }
        if (!certificate.IsRevoked)
        {
            certificate.RevokedAt = clock.GetUtcNow().UtcDateTime;
            certificate.RevokedReason = reason.Trim();
            certificate.RevokedByUserId = byUserId;
            await db.SaveChangesAsync(cancellationToken);
        }
        return true;
    }

    public static string TitleOf(Course course, string skillId) =>
        skillId == Certificate.DigitalCitizen ? "Công dân số" : course.FindSkill(skillId)?.Title ?? skillId;

    private async Task<string> NewCodeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var code = CertificateCode.New();
            if (!await db.Certificates.AnyAsync(c => c.Code == code, cancellationToken))
            {
                return code;
            }
        }
    }
}
