using CdsLearn.Content;

namespace CdsLearn.Certificates;

/// <summary>A learner's certificate as the earning rule sees it.</summary>
public readonly record struct HeldCertificate(string SkillId, DateTime IssuedAt, DateTime? RevokedAt)
{
    public bool IsValid => RevokedAt is null;
}

/// <summary>
/// What earns a certificate, in one place: the issuer grants by it and the learning pages show it. A skill's
/// certificate is earned by passing every quiz of the skill, "Công dân số" by holding every required skill.
/// A revoked certificate counts for nothing, and neither does what it was issued for: after a skill's certificate is
/// revoked, only quizzes passed again count toward it; after a "Công dân số" is revoked, a new one needs a required
/// skill certificate issued since. Otherwise the learner's next pass of any quiz would undo the revocation.
/// </summary>
public static class Earning
{
    /// <summary>The modules whose pass counts: passed (last) after the last revocation of their skill's certificate.</summary>
    public static HashSet<string> ModulesPassed(Course course, IEnumerable<(string ModuleId, DateTime LastPassedAt)> passes, IReadOnlyCollection<HeldCertificate> certificates)
    {
        var revoked = LastRevocations(certificates);
        return passes
            .Where(p => course.FindModule(p.ModuleId) is not { } module || !revoked.TryGetValue(module.SkillId, out var at) || p.LastPassedAt > at)
            .Select(p => p.ModuleId)
            .ToHashSet();
    }

    /// <summary>The certificates earned and not held (skill ids, "Công dân số" last), given the modules whose pass counts.</summary>
    public static List<string> Unheld(Course course, IReadOnlyCollection<string> requiredSkills, IReadOnlySet<string> modulesPassed, IReadOnlyCollection<HeldCertificate> certificates)
    {
        var held = certificates.Where(c => c.IsValid).ToList();
        var skillsHeld = held.Select(c => c.SkillId).ToHashSet();
        var earned = course.Skills
            .Where(s => s.Modules.Count > 0 && !skillsHeld.Contains(s.Id) && s.Modules.All(m => modulesPassed.Contains(m.Id)))
            .Select(s => s.Id)
            .ToList();
        if (!skillsHeld.Contains(Certificate.DigitalCitizen) && requiredSkills.Count > 0
            && requiredSkills.All(s => skillsHeld.Contains(s) || earned.Contains(s))
            && (!LastRevocations(certificates).TryGetValue(Certificate.DigitalCitizen, out var revokedAt)
                || earned.Any(requiredSkills.Contains)
                || held.Any(c => requiredSkills.Contains(c.SkillId) && c.IssuedAt > revokedAt)))
        {
            earned.Add(Certificate.DigitalCitizen);
        }
        return earned;
    }

    /// <summary>The skills "Công dân số" needs: the province's choice, else every skill of the course.</summary>
    public static IReadOnlyCollection<string> RequiredSkills(Course course, CertificateOptions options) =>
        options.DigitalCitizenSkills is { Count: > 0 } list ? list : course.Skills.Select(s => s.Id).ToList();

    private static Dictionary<string, DateTime> LastRevocations(IEnumerable<HeldCertificate> certificates) =>
        certificates.Where(c => c.RevokedAt is not null)
            .GroupBy(c => c.SkillId)
            .ToDictionary(g => g.Key, g => g.Max(c => c.RevokedAt!.Value));
}
