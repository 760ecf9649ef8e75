using CdsLearn.Certificates;
using CdsLearn.Content;
using CdsLearn.Tests.Content;

namespace CdsLearn.Tests.Certificates;

public class EarningTests
{
    private static readonly Course Course = new CourseLoader(new MarkdownRenderer()).Load(RepositoryContent.Folder).Course!;

    private static readonly DateTime Start = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    private static readonly Skill Services = Course.FindSkill("dich-vu-cong")!;

    private static readonly Skill Safety = Course.FindSkill("an-toan-mang")!;

    private static readonly string[] Required = [Services.Id, Safety.Id];

    [Fact]
    public void EveryQuizOfASkillPassedEarnsItAndEveryRequiredSkillEarnsCongDanSo()
    {
        var passed = ModulesPassed(Passed(Start, Services, Safety), []);

        Assert.Equal([Services.Id, Safety.Id, Certificate.DigitalCitizen], Unheld(passed, []));
        Assert.Equal([Services.Id], Unheld(ModulesPassed(Passed(Start, Services), []), []));
    }

    [Fact]
    public void AHeldCertificateIsNotEarnedAgain()
    {
        var passed = ModulesPassed(Passed(Start, Services, Safety), []);

        Assert.Empty(Unheld(passed, [Valid(Services), Valid(Safety), Valid(Certificate.DigitalCitizen)]));
    }

    [Fact]
    public void ARevokedSkillCountsNeitherItselfNorItsPassesUntilItsQuizzesArePassedAgain()
    {
        var revoked = Revoked(Services, Start.AddDays(1));
        var certificates = new[] { revoked, Valid(Safety) };

        var before = Passed(Start, Services, Safety);
        Assert.DoesNotContain(Services.Modules[0].Id, ModulesPassed(before, certificates));
        Assert.Empty(Unheld(ModulesPassed(before, certificates), certificates));

        var again = before.Concat(Passed(Start.AddDays(2), Services)).ToList();
        Assert.Equal([Services.Id, Certificate.DigitalCitizen], Unheld(ModulesPassed(again, certificates), certificates));
    }

    [Fact]
    public void ARevokedCongDanSoNeedsARequiredSkillEarnedSinceItsRevocation()
    {
        var passed = ModulesPassed(Passed(Start, Services, Safety), []);
        var revokedCitizen = Revoked(Certificate.DigitalCitizen, Start.AddDays(1));

        Assert.Empty(Unheld(passed, [Valid(Services), Valid(Safety), revokedCitizen]));
        Assert.Equal([Certificate.DigitalCitizen],
            Unheld(passed, [Valid(Services), Valid(Safety, issuedAt: Start.AddDays(2)), revokedCitizen, Revoked(Safety, Start.AddDays(1))]));
    }

    private static List<string> Unheld(IReadOnlySet<string> modulesPassed, IReadOnlyCollection<HeldCertificate> certificates) =>
        Earning.Unheld(Course, Required, modulesPassed, certificates);

    private static HashSet<string> ModulesPassed(IEnumerable<(string, DateTime)> passes, IReadOnlyCollection<HeldCertificate> certificates) =>
        Earning.ModulesPassed(Course, passes, certificates);

    private static List<(string ModuleId, DateTime At)> Passed(DateTime at, params Skill[] skills) =>
        skills.SelectMany(s => s.Modules).Select(m => (m.Id, at)).ToList();

    private static HeldCertificate Valid(string skillId, DateTime? issuedAt = null) => new(skillId, issuedAt ?? Start, null);

    private static HeldCertificate Valid(Skill skill, DateTime? issuedAt = null) => Valid(skill.Id, issuedAt);

    private static HeldCertificate Revoked(string skillId, DateTime at) => new(skillId, Start, at);

    private static HeldCertificate Revoked(Skill skill, DateTime at) => Revoked(skill.Id, at);
}
