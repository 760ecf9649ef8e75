using CdsLearn.Certificates;
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
