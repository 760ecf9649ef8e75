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
        Assert.DoesNotContain(Services.Modules[0].Id, ModulesPassed(before, certificates).ModulesPassed);
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

    [Fact]
    public void UnderTheDefaultRuleQuizzesAloneEarnNothingAndEachKindOfEvidenceIsNeeded()
    {
        var quizzes = Passed(Start, Services);
        var practice = Services.Modules.SelectMany(m => m.PracticeTasks).Select(t => new Proof(t.Id, Start)).ToList();
        var observed = Services.ObservedTasks.Select(t => new Proof(t.Id, Start, "Tổ CNSCĐ bản Nà Si")).ToList();
        Assert.NotEmpty(practice);

        var onlyQuizzes = Count(new LearnerEvidence(Proofs(quizzes), [], []), []);
        Assert.Empty(Unheld(onlyQuizzes, [], Evidence.All));
        var missing = Earning.MissingFor(Services, Evidence.All, onlyQuizzes);
        Assert.Empty(missing.Quizzes);
        Assert.Equal(practice.Select(p => p.Id), missing.Practice.Select(t => t.Id));
        Assert.Equal(observed.Select(p => p.Id), missing.Observed.Select(t => t.Id));

        Assert.Empty(Unheld(Count(new LearnerEvidence(Proofs(quizzes), practice, observed.Skip(1).ToList()), []), [], Evidence.All));
        Assert.Empty(Unheld(Count(new LearnerEvidence(Proofs(quizzes.Skip(1)), practice, observed), []), [], Evidence.All));
        Assert.Equal([Services.Id], Unheld(Count(new LearnerEvidence(Proofs(quizzes), practice, observed), []), [], Evidence.All));
        // The province may choose what certificates rest on: observed tasks alone earn the skill under that rule.
        Assert.Equal([Services.Id], Unheld(Count(new LearnerEvidence([], [], observed), []), [], Evidence.Observed));
        Assert.Empty(Unheld(Count(new LearnerEvidence([], [], observed), []), [], Evidence.Quizzes | Evidence.Observed));
    }

    [Fact]
    public void AfterARevocationOnlyTasksDoneAndSeenSinceCountAndTheCertificateNamesTheLastTeam()
    {
        var practice = Services.Modules.SelectMany(m => m.PracticeTasks).Select(t => new Proof(t.Id, Start)).ToList();
        var observed = Services.ObservedTasks.Select(t => new Proof(t.Id, Start, "Tổ bản Cũ")).ToList();
        var revoked = new[] { Revoked(Services, Start.AddDays(1)) };
        var before = new LearnerEvidence(Proofs(Passed(Start.AddDays(2), Services)), practice, observed);
        Assert.Empty(Unheld(Count(before, revoked), revoked, Evidence.All));

        var seenAgain = observed.Select((p, i) => p with { At = Start.AddDays(3 + i), By = i == 0 ? "Tổ bản Cũ" : "Tổ CNSCĐ bản Nà Si" }).ToList();
        var doneAgain = practice.Select(p => p with { At = Start.AddDays(2) }).ToList();
        var counted = Count(before with { PracticePasses = doneAgain, Observations = seenAgain }, revoked);
        Assert.Equal([Services.Id], Unheld(counted, revoked, Evidence.All));
        Assert.Equal(new CertificateBasis(Evidence.All, "Tổ CNSCĐ bản Nà Si", DateOnly.FromDateTime(Start.AddDays(3 + observed.Count - 1))),
            Earning.BasisOf(Services, Evidence.All, counted));
        Assert.Equal(new CertificateBasis(Evidence.Quizzes, null, null), Earning.BasisOf(Services, Evidence.Quizzes, counted));
    }

    private static List<string> Unheld(CountedEvidence counted, IReadOnlyCollection<HeldCertificate> certificates, Evidence rule = Evidence.Quizzes) =>
        Earning.Unheld(Course, rule, Required, counted, certificates);

    private static CountedEvidence ModulesPassed(IEnumerable<(string, DateTime)> passes, IReadOnlyCollection<HeldCertificate> certificates) =>
        Count(new LearnerEvidence(Proofs(passes), [], []), certificates);

    private static CountedEvidence Count(LearnerEvidence evidence, IReadOnlyCollection<HeldCertificate> certificates) =>
        Earning.Counting(Course, evidence, certificates);

    private static List<Proof> Proofs(IEnumerable<(string Id, DateTime At)> passes) => passes.Select(p => new Proof(p.Id, p.At)).ToList();

    private static List<(string ModuleId, DateTime At)> Passed(DateTime at, params Skill[] skills) =>
        skills.SelectMany(s => s.Modules).Select(m => (m.Id, at)).ToList();

    private static HeldCertificate Valid(string skillId, DateTime? issuedAt = null) => new(skillId, issuedAt ?? Start, null);

    private static HeldCertificate Valid(Skill skill, DateTime? issuedAt = null) => Valid(skill.Id, issuedAt);

    private static HeldCertificate Revoked(string skillId, DateTime at) => new(skillId, Start, at);

    private static HeldCertificate Revoked(Skill skill, DateTime at) => Revoked(skill.Id, at);
}
