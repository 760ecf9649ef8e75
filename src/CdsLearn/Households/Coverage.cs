using CdsLearn.Certificates;
using CdsLearn.Content;
using CdsLearn.Data;

namespace CdsLearn.Households;

/// <summary>
/// The coverage rule, in one place: a household is covered when at least one member holds a valid "Công dân số"
/// certificate. Which skills "Công dân số" needs is the province's choice (Certificates:DigitalCitizenSkills).
/// A "Gia đình số" is a household where every member aged 15 or more holds it.
/// </summary>
public static class Coverage
{
    public const int DigitalFamilyMinimumAge = 15;

    /// <summary>The rule as configured, for the pages that say what a coverage figure counts: which skills "Công dân
    /// số" needs and what a skill certificate rests on, read from the earning rule (via the issuer), never restated.</summary>
    public static CoverageRule RuleOf(CertificateIssuer issuer, Course course)
    {
        var required = issuer.RequiredSkills;
        return new CoverageRule(required, required.Count == course.Skills.Count, issuer.Rule);
    }

    public static IQueryable<Household> WhereCovered(this IQueryable<Household> households, AppDbContext db, bool covered = true) =>
        covered
            ? households.Where(h => h.Members.Any(m => m.UserId != null && db.Certificates.Any(c => c.UserId == m.UserId && c.SkillId == Certificate.DigitalCitizen && c.RevokedAt == null)))
            : households.Where(h => !h.Members.Any(m => m.UserId != null && db.Certificates.Any(c => c.UserId == m.UserId && c.SkillId == Certificate.DigitalCitizen && c.RevokedAt == null)));

    /// <summary>Members whose birth year is unknown count as adults: the family is not called digital on a guess.</summary>
    public static IQueryable<Household> WhereDigitalFamily(this IQueryable<Household> households, AppDbContext db, int currentYear)
    {
        var bornBy = currentYear - DigitalFamilyMinimumAge;
        return households.Where(h =>
            h.Members.Any(m => m.BirthYear == null || m.BirthYear <= bornBy)
            && h.Members.Where(m => m.BirthYear == null || m.BirthYear <= bornBy)
                .All(m => m.UserId != null && db.Certificates.Any(c => c.UserId == m.UserId && c.SkillId == Certificate.DigitalCitizen && c.RevokedAt == null)));
    }
}

/// <summary>What coverage counts: a household with a member holding "Công dân số", which needs
/// <paramref name="RequiredSkills"/> (all of the course's when <paramref name="NeedsEverySkill"/>), each skill
/// certificate resting on <paramref name="SkillRestsOn"/>.</summary>
public sealed record CoverageRule(IReadOnlyList<Skill> RequiredSkills, bool NeedsEverySkill, Evidence SkillRestsOn);
