using CdsLearn.Certificates;
using CdsLearn.Content;

namespace CdsLearn.Learning;

public enum NextStepKind
{
    /// <summary>A certificate this pass just earned: see it.</summary>
    Certificate,

    /// <summary>The first unread lesson of a module whose quiz is still to pass.</summary>
    Lesson,

    /// <summary>A module's quiz, its lessons all read.</summary>
    Quiz,

    /// <summary>A practice task still to pass in its assessed version.</summary>
    Practice,

    /// <summary>Only real tasks for the team to see are left ("Tổ xác nhận").</summary>
    Observed,

    /// <summary>The skill is done: the next skill without a certificate.</summary>
    NextSkill,

    /// <summary>Every skill is done: the learner's certificates.</summary>
    Certificates,
}

/// <summary>What the learner does next after a pass: its kind and the item (the site links it by page name).
/// <paramref name="IsLast"/>: it is the one thing the skill's certificate still needs ("còn 1 bài kiểm tra nữa là được
/// chứng chỉ").</summary>
public sealed record NextStep(NextStepKind Kind, Skill Skill, bool IsLast = false)
{
    public Module? Module { get; init; }
    public Lesson? Lesson { get; init; }
    public PracticeTask? Task { get; init; }
    public Certificate? Certificate { get; init; }

    /// <summary>
    /// The next step after passing a quiz or an assessed task of <paramref name="skill"/> in module
    /// <paramref name="moduleId"/>: a certificate just issued (the "Công dân số" first); else what the skill's
    /// certificate still needs under the rule (<see cref="SkillProgress.Missing"/>, never worked out again here),
    /// walking the modules in the course's order from this one: a module's unread lessons before its practice tasks
    /// before its quiz; then the real tasks for the team; else the next skill without a certificate; else the certificates.
    /// </summary>
    public static NextStep After(Course course, LearnerProgress learner, Skill skill, string moduleId, IReadOnlyList<Certificate> issued)
    {
        if ((issued.FirstOrDefault(c => c.SkillId == CdsLearn.Certificates.Certificate.DigitalCitizen) ?? issued.FirstOrDefault()) is { } newest)
        {
            return new NextStep(NextStepKind.Certificate, skill) { Certificate = newest };
        }
        if (skill.IsStarter)
        {
            return AfterStarter(course, learner, skill, moduleId);
        }
        var progress = learner.For(course, skill);
        var missing = progress.Missing;
        if (progress.Certificate is null && !missing.IsEmpty)
        {
            var isLast = missing.Quizzes.Count + missing.Practice.Count + missing.Observed.Count == 1;
            var start = Math.Max(0, skill.Modules.ToList().FindIndex(m => m.Id == moduleId));
            foreach (var module in skill.Modules.Skip(start).Concat(skill.Modules.Take(start)))
            {
                var quizMissing = missing.Quizzes.Contains(module);
                var unread = module.Lessons.FirstOrDefault(l => !learner.ReadLessons.Contains(l.Id));
                if (quizMissing && unread is not null)
                {
                    return new NextStep(NextStepKind.Lesson, skill, isLast) { Module = module, Lesson = unread };
                }
                if (missing.Practice.FirstOrDefault(t => t.ModuleId == module.Id) is { } task)
                {
                    return new NextStep(NextStepKind.Practice, skill, isLast) { Module = module, Task = task };
                }
                if (quizMissing)
                {
                    return new NextStep(NextStepKind.Quiz, skill, isLast) { Module = module };
                }
            }
            return new NextStep(NextStepKind.Observed, skill, isLast);
        }
        var skills = course.Skills.ToList();
        var here = skills.FindIndex(s => s.Id == skill.Id);
        var next = skills.Skip(here + 1).Concat(skills.Take(Math.Max(0, here)))
            .FirstOrDefault(s => s.Id != skill.Id && learner.Holds(s.Id) is null);
        return next is null
            ? new NextStep(NextStepKind.Certificates, skill)
            : new NextStep(NextStepKind.NextSkill, next);
    }

    /// <summary>The starter section earns nothing: its next module still to pass (unread lesson first, then its quiz),
    /// and once its quizzes are passed, skill 1.</summary>
    private static NextStep AfterStarter(Course course, LearnerProgress learner, Skill starter, string moduleId)
    {
        var start = Math.Max(0, starter.Modules.ToList().FindIndex(m => m.Id == moduleId));
        foreach (var module in starter.Modules.Skip(start).Concat(starter.Modules.Take(start)).Where(m => !learner.PassedModules.Contains(m.Id)))
        {
            return module.Lessons.FirstOrDefault(l => !learner.ReadLessons.Contains(l.Id)) is { } unread
                ? new NextStep(NextStepKind.Lesson, starter) { Module = module, Lesson = unread }
                : new NextStep(NextStepKind.Quiz, starter) { Module = module };
        }
        return course.Skills.Count == 0
            ? new NextStep(NextStepKind.Certificates, starter)
            : new NextStep(NextStepKind.NextSkill, course.Skills[0]);
    }
}
