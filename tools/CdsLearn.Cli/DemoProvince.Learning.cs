using CdsLearn.Certificates;
using CdsLearn.Content;
using CdsLearn.Learning;

namespace CdsLearn.Cli;

/// <summary>The demo's quiz attempts and the certificates they earn.</summary>
public sealed partial class DemoProvince
{
    /// <summary>A learner's quiz attempts: the planned number of modules passed (skills in the learner's own order,
    /// modules in course order, a failed try now and then), with certificates issued as the platform issues them.</summary>
    private void Learn(Person learner, int modulesToPass, List<Account> team, Counter result)
    {
        var order = skills.OrderBy(_ => random.Next()).SelectMany(s => modulesBySkill.GetValueOrDefault(s, [])).ToList();
        var plan = new List<(QuizModule Module, bool Passed)>();
        foreach (var module in order.Take(modulesToPass))
        {
            for (var fails = 0; fails < 3 && module.MinimumCorrect > 0 && random.NextDouble() < 0.25; fails++)
            {
                plan.Add((module, false));
            }
            plan.Add((module, true));
        }
        if (modulesToPass > 0 && modulesToPass < order.Count && random.NextDouble() < 0.5 && order[modulesToPass].MinimumCorrect > 0)
        {
            plan.Add((order[modulesToPass], false));
        }
        var start = learner.CreatedAt.AddMinutes(2 + random.Next(0, 2 * 24 * 60));
        if (plan.Count == 0 || start >= now.AddHours(-1))
        {
            return;
        }
        var end = At(start, now, 0.05 + 0.95 * random.NextDouble());
        var times = plan.Select(_ => At(start, end, random.NextDouble())).Order().ToList();

        // Elderly learners are helped more often, on a team member's phone ("Học cùng tổ").
        var assisted = random.NextDouble() < (year - learner.BirthYear >= 50 ? 0.45 : 0.12);
        var helper = team[random.Next(team.Count)];
        var otherHelper = team[random.Next(team.Count)];
        var held = new HashSet<string>();
        for (var i = 0; i < plan.Count; i++)
        {
            var (module, passed) = plan[i];
            var at = times[i];
            var total = module.Total;
            var correct = passed
                ? random.Next(module.MinimumCorrect, total + 1)
                : Math.Max(0, module.MinimumCorrect - 1 - (random.NextDouble() < 0.6 ? 0 : random.Next(module.MinimumCorrect)));
            var score = (int)Math.Floor(100.0 * correct / total);
            var assistedBy = assisted && random.NextDouble() < 0.75 ? (random.NextDouble() < 0.8 ? helper : otherHelper) : null;
            assistedBy?.Active(at);
            attempts.Run(Sql.Guid(NewGuid()), learner.UserId, module.Module.Id, module.Module.SkillId, Sql.Time(at), correct, total, score,
                module.PassPercent, score >= module.PassPercent, emptySheet, assistedBy?.Id);
            result.Attempts++;
            if (score < module.PassPercent || !learner.FirstPass.TryAdd(module.Module.Id, at))
            {
                continue;
            }
            // The same rule as CertificateIssuer: a skill when all its modules are passed, then "Công dân số"
            // when every required skill is held; issued at the moment of the attempt that earned it.
            var skill = module.Module.SkillId;
            if (!held.Contains(skill) && modulesBySkill[skill].All(m => learner.FirstPass.ContainsKey(m.Module.Id)))
            {
                Certify(learner, skill, at, held, result);
                var required = rules.DigitalCitizenSkills.Count > 0 ? rules.DigitalCitizenSkills : skills;
                if (!held.Contains(Certificate.DigitalCitizen) && required.Count > 0 && required.All(held.Contains))
                {
                    Certify(learner, Certificate.DigitalCitizen, at, held, result);
                }
            }
        }
    }

    private void Certify(Person learner, string skillId, DateTime at, HashSet<string> held, Counter result)
    {
        held.Add(skillId);
        learner.Certificates[skillId] = at;
        certificates.Run(++nextCertificate, NewCertificateCode(), learner.UserId, learner.Name, skillId, Sql.Time(at), rules.Province);
        result.Certificates++;
    }

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
