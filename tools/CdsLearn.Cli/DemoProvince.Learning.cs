using CdsLearn.Certificates;
using CdsLearn.Content;
using CdsLearn.Learning;
using CdsLearn.Rules;

namespace CdsLearn.Cli;

/// <summary>The demo's learning: quiz attempts, assessed practice tasks, real tasks seen by the team, and the
/// certificates they earn, decided by the platform's one rule (<see cref="Earning"/>), as the issuer decides them.</summary>
public sealed partial class DemoProvince
{
    /// <summary>A learner's work: the planned number of modules passed (skills in the learner's own order, modules in
    /// course order, a failed try now and then), most of each module's practice tasks passed in the assessed version,
    /// and, once a skill's modules are done, often its real tasks seen by a member of the village's team. Each
    /// certificate is issued at the moment of the proof that earned it under the province's rule.</summary>
    private void Learn(Person learner, int modulesToPass, DemoTeam team, Counter result)
    {
        var plan = Plan(modulesToPass);
        var start = learner.CreatedAt.AddMinutes(2 + random.Next(0, 2 * 24 * 60));
        if (plan.Count == 0 || start >= now.AddHours(-1))
        {
            return;
        }
        var end = At(start, now, 0.05 + 0.95 * random.NextDouble());
        var times = plan.Select(_ => At(start, end, random.NextDouble())).Order().ToList();

        // Elderly learners are helped more often, on a team member's phone ("Học cùng tổ").
        var assisted = random.NextDouble() < (year - learner.BirthYear >= 50 ? 0.45 : 0.12);
        var helper = team.Members[random.Next(team.Members.Count)];
        var otherHelper = team.Members[random.Next(team.Members.Count)];
        Account? AssistedBy() => assisted && random.NextDouble() < 0.75 ? (random.NextDouble() < 0.8 ? helper : otherHelper) : null;

        var quizPasses = new List<Proof>();
        var practicePasses = new List<Proof>();
        var seen = new List<Proof>();
        var held = new List<HeldCertificate>();
        for (var i = 0; i < plan.Count; i++)
        {
            var step = plan[i];
            var at = times[i];
            bool proved;
            if (step.Module is { } module)
            {
                var total = module.Total;
                var correct = step.Passed
                    ? random.Next(module.MinimumCorrect, total + 1)
                    : Math.Max(0, module.MinimumCorrect - 1 - (random.NextDouble() < 0.6 ? 0 : random.Next(module.MinimumCorrect)));
                var score = (int)Math.Floor(100.0 * correct / total);
                var by = AssistedBy();
                by?.Active(at);
                attempts.Run(Sql.Guid(NewGuid()), learner.UserId, module.Module.Id, module.Module.SkillId, Sql.Time(at), correct, total, score,
                    module.PassPercent, score >= module.PassPercent, emptySheet, by?.Id);
                result.Attempts++;
                proved = score >= module.PassPercent && learner.FirstPass.TryAdd(module.Module.Id, at);
                if (proved)
                {
                    quizPasses.Add(new Proof(module.Module.Id, at));
                }
            }
            else if (step.Practice is { } task)
            {
                var steps = task.Steps.Count;
                practiceAttempts.Run(Sql.Guid(NewGuid()), learner.UserId, task.Id, task.ModuleId, task.SkillId, Sql.Guid(NewGuid()), Sql.Time(at),
                    step.Passed ? steps : steps - 1, steps, step.Passed, StepsJson(task, step.Passed), AssistedBy()?.Id);
                proved = step.Passed && practicePasses.All(p => p.Id != task.Id);
                if (proved)
                {
                    practicePasses.Add(new Proof(task.Id, at));
                }
            }
            else
            {
                var observed = step.Observed!;
                var by = random.NextDouble() < 0.7 ? helper : team.Members[random.Next(team.Members.Count)];
                by.Active(at);
                observations.Run(learner.UserId, observed.Id, observed.SkillId, by.Id, Sql.Time(at), team.Id);
                seen.Add(new Proof(observed.Id, at, team.Name));
                proved = true;
            }
            if (proved)
            {
                Earn(learner, at, new LearnerEvidence(quizPasses, practicePasses, seen), held, result);
            }
        }
    }

    /// <summary>What the learner does, in the order done: per module its quiz (failed now and then before the pass)
    /// and most of its practice tasks; after a skill's last module, often the skill's real tasks shown to the team.</summary>
    private List<LearningStep> Plan(int modulesToPass)
    {
        var order = skills.OrderBy(_ => random.Next()).SelectMany(s => modulesBySkill.GetValueOrDefault(s, [])).ToList();
        var plan = new List<LearningStep>();
        foreach (var module in order.Take(modulesToPass))
        {
            for (var fails = 0; fails < 3 && module.MinimumCorrect > 0 && random.NextDouble() < 0.25; fails++)
            {
                plan.Add(new LearningStep(module, null, null, false));
            }
            plan.Add(new LearningStep(module, null, null, true));
            foreach (var task in module.Module.PracticeTasks.Where(_ => random.NextDouble() < 0.9))
            {
                if (random.NextDouble() < 0.2)
                {
                    plan.Add(new LearningStep(null, task, null, false));
                }
                plan.Add(new LearningStep(null, task, null, true));
            }
            var skillModules = modulesBySkill[module.Module.SkillId];
            if (module == skillModules[^1] && random.NextDouble() < 0.85)
            {
                var skill = rules.Course.FindSkill(module.Module.SkillId)!;
                plan.AddRange(skill.ObservedTasks.Select(t => new LearningStep(null, null, t, true)));
            }
        }
        if (modulesToPass > 0 && modulesToPass < order.Count && random.NextDouble() < 0.5 && order[modulesToPass].MinimumCorrect > 0)
        {
            plan.Add(new LearningStep(order[modulesToPass], null, null, false));
        }
        return plan;
    }

    /// <summary>Issues, at <paramref name="at"/>, what the evidence now earns and the learner does not hold: the same
    /// decision as <see cref="CertificateIssuer.IssueEarnedAsync"/>, from the same rule.</summary>
    private void Earn(Person learner, DateTime at, LearnerEvidence evidence, List<HeldCertificate> held, Counter result)
    {
        var rule = rules.Certificates.SkillRestsOn;
        var counted = Earning.Counting(rules.Course, evidence, held);
        foreach (var skillId in Earning.Unheld(rules.Course, rule, requiredSkills, counted, held))
        {
            var basis = Earning.BasisOf(rules.Course, skillId, rule, counted);
            held.Add(new HeldCertificate(skillId, at, null));
            learner.Certificates[skillId] = at;
            certificates.Run(++nextCertificate, NewCertificateCode(), learner.UserId, learner.Name, skillId, Sql.Time(at), rules.Certificates.Province,
                (int)basis.RestsOn, basis.ObservedBy, basis.ObservedOn is { } on ? Sql.Date(on) : null);
            result.Certificates++;
        }
    }

    /// <summary>An assessed attempt's steps as the grader stores them: all right, or the last one done on the wrong element.</summary>
    private string StepsJson(PracticeTask task, bool passed)
    {
        var key = (task.Id, passed);
        if (!stepsJson.TryGetValue(key, out var json))
        {
            var last = task.Steps.Count - 1;
            json = new GradedPractice(task.Steps.Select((s, i) =>
            {
                var right = passed || i < last;
                var element = right ? s.TargetId : task.FindScreen(s.ScreenId)?.Targets.FirstOrDefault(e => e.Id != s.TargetId)?.Id ?? s.TargetId;
                return new PracticeStepResult(s.Number, s.ScreenId, element, right ? s.Value : (s.Value is null ? null : ""), right);
            }).ToList(), passed).ToJson();
            stepsJson[key] = json;
        }
        return json;
    }

    /// <summary>One thing a learner does: a module's quiz, a practice task in the assessed version, or a real task shown
    /// to the team (always seen done).</summary>
    private sealed record LearningStep(QuizModule? Module, PracticeTask? Practice, ObservedTask? Observed, bool Passed);

    /// <summary>A module's quiz as graded: questions drawn, pass mark, and the fewest right answers that pass
    /// (QuizGrader scores floor(100 × correct / total) against the pass mark).</summary>
    private sealed class QuizModule
    {
        public QuizModule(Module module, int passPercent)
        {
            Module = module;
            PassPercent = passPercent;
            Total = Math.Max(1, Math.Min(module.Quiz.Draw, module.Quiz.Questions.Count));
            MinimumCorrect = Enumerable.Range(0, Total + 1).First(c => (int)Math.Floor(100.0 * c / Total) >= passPercent || c == Total);
        }

        public Module Module { get; }
        public int PassPercent { get; }
        public int Total { get; }
        public int MinimumCorrect { get; }
    }
}
