using CdsLearn.Content;
using CdsLearn.Rules;

namespace CdsLearn.Certificates;

/// <summary>A learner's certificate as the earning rule sees it.</summary>
public readonly record struct HeldCertificate(string SkillId, DateTime IssuedAt, DateTime? RevokedAt)
{
    public bool IsValid => RevokedAt is null;
}

/// <summary>What a skill certificate rests on: the province's choice (<c>Certificates:SkillRestsOn</c>, e.g.
/// "Quizzes, Practice, Observed"), all three by default.</summary>
[Flags]
public enum Evidence
{
    None = 0,

    /// <summary>Every module quiz of the skill passed.</summary>
    Quizzes = 1,

    /// <summary>Every practice task of the skill passed in its assessed version ("Làm bài chấm điểm").</summary>
    Practice = 2,

    /// <summary>Every real task of the skill seen done by the person on their own phone ("Tổ xác nhận"), undisputed.</summary>
    Observed = 4,

    All = Quizzes | Practice | Observed,
}

/// <summary>One piece of evidence with when it was given: a quiz passed (its module), an assessed task passed, or a
/// real task seen by the team (with the team's name, printed on the certificate).</summary>
public readonly record struct Proof(string Id, DateTime At, string? By = null);

/// <summary>Everything a learner has done toward certificates, as read from the database.</summary>
public sealed record LearnerEvidence(IReadOnlyCollection<Proof> QuizPasses, IReadOnlyCollection<Proof> PracticePasses, IReadOnlyCollection<Proof> Observations)
{
    public static LearnerEvidence None { get; } = new([], [], []);
}

/// <summary>The evidence that counts toward certificates now (see <see cref="Earning.Counting"/>), by id.</summary>
public sealed record CountedEvidence(
    IReadOnlyDictionary<string, Proof> Modules, IReadOnlyDictionary<string, Proof> Practice, IReadOnlyDictionary<string, Proof> Observed)
{
    /// <summary>Nothing done yet.</summary>
    public static CountedEvidence None { get; } = new(new Dictionary<string, Proof>(), new Dictionary<string, Proof>(), new Dictionary<string, Proof>());

    public IReadOnlySet<string> ModulesPassed => Modules.Keys.ToHashSet();
}

/// <summary>What a skill still needs under the rule: quizzes to pass, assessed tasks to pass, real tasks to show the team.</summary>
public sealed record Missing(IReadOnlyList<Module> Quizzes, IReadOnlyList<PracticeTask> Practice, IReadOnlyList<ObservedTask> Observed)
{
    public bool IsEmpty => Quizzes.Count == 0 && Practice.Count == 0 && Observed.Count == 0;

    /// <summary>In a few words, for the learner: "1 bài kiểm tra, 2 bài làm thử chấm điểm, 2 việc tự làm cho Tổ xem".</summary>
    public string Summary => string.Join(", ", new[]
    {
        Quizzes.Count > 0 ? $"{Quizzes.Count} bài kiểm tra" : null,
        Practice.Count > 0 ? $"{Practice.Count} bài làm thử chấm điểm" : null,
        Observed.Count > 0 ? $"{Observed.Count} việc tự làm cho Tổ xem" : null,
    }.Where(part => part is not null));
}

/// <summary>
/// What earns a certificate, in one place: the issuer grants by it, the learning pages show what is missing, and
/// coverage counts the certificates it grants. A skill's certificate is earned by what the province's rule names
/// (<see cref="Evidence"/>): every quiz of the skill passed, every practice task passed in the assessed version, every
/// real task seen by the team. "Công dân số" is earned by holding every required skill.
/// A revoked certificate counts for nothing, and neither does what it was issued for: after a skill's certificate is
/// revoked, only quizzes and tasks passed, and real tasks seen, since then count toward it; after a "Công dân số" is
/// revoked, a new one needs a required skill certificate issued since. Otherwise the learner's next pass of any quiz
/// would undo the revocation.
/// </summary>
public static class Earning
{
    /// <summary>The evidence that counts: given after the last revocation of its skill's certificate (the latest of
    /// each id), and still in the course.</summary>
    public static CountedEvidence Counting(Course course, LearnerEvidence evidence, IReadOnlyCollection<HeldCertificate> certificates)
    {
        var revoked = LastRevocations(certificates);
        return new CountedEvidence(
            Latest(evidence.QuizPasses, id => course.FindModule(id)?.SkillId, revoked),
            Latest(evidence.PracticePasses, id => course.FindPracticeTask(id)?.SkillId, revoked),
            Latest(evidence.Observations, id => course.FindObservedTask(id)?.SkillId, revoked));
    }

    /// <summary>What the skill still needs under the rule; empty when it is earned (or held).</summary>
    public static Missing MissingFor(Skill skill, Evidence rule, CountedEvidence counted) => new(
        rule.HasFlag(Evidence.Quizzes) ? skill.Modules.Where(m => !counted.Modules.ContainsKey(m.Id)).ToList() : [],
        rule.HasFlag(Evidence.Practice) ? skill.Modules.SelectMany(m => m.PracticeTasks).Where(t => !counted.Practice.ContainsKey(t.Id)).ToList() : [],
        rule.HasFlag(Evidence.Observed) ? skill.ObservedTasks.Where(t => !counted.Observed.ContainsKey(t.Id)).ToList() : []);

    /// <summary>Whether the skill's certificate is earned: it has something to learn, and nothing the rule names is missing.</summary>
    public static bool IsEarned(Skill skill, Evidence rule, CountedEvidence counted) =>
        skill.Modules.Count > 0 && rule != Evidence.None && MissingFor(skill, rule, counted).IsEmpty;

    /// <summary>The certificates earned and not held (skill ids, "Công dân số" last).</summary>
    public static List<string> Unheld(Course course, Evidence rule, IReadOnlyCollection<string> requiredSkills, CountedEvidence counted, IReadOnlyCollection<HeldCertificate> certificates)
    {
        var held = certificates.Where(c => c.IsValid).ToList();
        var skillsHeld = held.Select(c => c.SkillId).ToHashSet();
        var earned = course.Skills
            .Where(s => !skillsHeld.Contains(s.Id) && IsEarned(s, rule, counted))
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

    /// <summary>What a newly issued certificate says it rests on: a skill's by <see cref="BasisOf(Skill, Evidence, CountedEvidence)"/>,
    /// "Công dân số" the rule alone.</summary>
    public static CertificateBasis BasisOf(Course course, string skillId, Evidence rule, CountedEvidence counted) =>
        course.FindSkill(skillId) is { } skill ? BasisOf(skill, rule, counted) : new CertificateBasis(rule, null, null);

    /// <summary>What a newly issued skill certificate says it rests on: the rule, and with observed tasks the team
    /// that saw the last of them and when.</summary>
    public static CertificateBasis BasisOf(Skill skill, Evidence rule, CountedEvidence counted)
    {
        if (!rule.HasFlag(Evidence.Observed))
        {
            return new CertificateBasis(rule, null, null);
        }
        var last = skill.ObservedTasks.Select(t => counted.Observed.GetValueOrDefault(t.Id)).Where(p => p.Id is not null).MaxBy(p => p.At);
        return new CertificateBasis(rule, last.By, last.Id is null ? null : VietnamTime.DateOf(last.At));
    }

    /// <summary>The skills "Công dân số" needs: the province's choice, else every skill of the course.</summary>
    public static IReadOnlyCollection<string> RequiredSkills(Course course, CertificateOptions options) =>
        options.DigitalCitizenSkills is { Count: > 0 } list ? list : course.Skills.Select(s => s.Id).ToList();

    private static Dictionary<string, Proof> Latest(IEnumerable<Proof> proofs, Func<string, string?> skillOf, Dictionary<string, DateTime> revoked) =>
        proofs
            .Where(p => skillOf(p.Id) is { } skillId && (!revoked.TryGetValue(skillId, out var at) || p.At > at))
            .GroupBy(p => p.Id)
            .ToDictionary(g => g.Key, g => g.MaxBy(p => p.At));

    private static Dictionary<string, DateTime> LastRevocations(IEnumerable<HeldCertificate> certificates) =>
        certificates.Where(c => c.RevokedAt is not null)
            .GroupBy(c => c.SkillId)
            .ToDictionary(g => g.Key, g => g.Max(c => c.RevokedAt!.Value));
}
