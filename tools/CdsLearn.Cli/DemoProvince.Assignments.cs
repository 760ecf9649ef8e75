using CdsLearn.Certificates;
using CdsLearn.Rules;

namespace CdsLearn.Cli;

/// <summary>The demo's assignments ("bài giao").</summary>
public sealed partial class DemoProvince
{
    /// <summary>A skill or module given to the household or one member: half the time something a learner then did
    /// (done), else anything (often overdue). Written as not done: the recount that follows the seed
    /// (FigureRebuilder, through HouseholdContributions) marks it done by the platform's one rule.</summary>
    private void Assign(int householdId, DateTime householdCreated, List<Person> people, Account by)
    {
        var learners = people.Where(p => p.UserId is not null).ToList();
        var achiever = learners.Where(l => l.FirstPass.Count > 0).OrderBy(_ => random.Next()).FirstOrDefault();
        string? skillId = null;
        string? moduleId = null;
        Person? member = null;
        DateTime createdAt;
        if (achiever is not null && random.NextDouble() < 0.5)
        {
            member = random.NextDouble() < 0.5 ? achiever : null;
            DateTime doneAt;
            if (achiever.Certificates.Keys.Where(s => s != Certificate.DigitalCitizen).ToList() is { Count: > 0 } earned && random.NextDouble() < 0.5)
            {
                skillId = earned[random.Next(earned.Count)];
                doneAt = achiever.Certificates[skillId];
            }
            else
            {
                (moduleId, doneAt) = achiever.FirstPass.ElementAt(random.Next(achiever.FirstPass.Count));
            }
            createdAt = At(householdCreated, doneAt, random.NextDouble());
        }
        else
        {
            member = random.NextDouble() < 0.4 ? people[random.Next(people.Count)] : null;
            if (random.NextDouble() < 0.6)
            {
                skillId = skills[random.Next(skills.Count)];
            }
            else
            {
                moduleId = modules[random.Next(modules.Count)].Module.Id;
            }
            createdAt = At(householdCreated, now, random.NextDouble());
        }
        DateOnly? dueOn = random.NextDouble() < 0.8 ? VietnamTime.DateOf(createdAt).AddDays(random.Next(7, 61)) : null;

        by.Active(createdAt);
        var note = random.NextDouble() < 0.3 ? Notes[random.Next(Notes.Length)] : null;
        assignments.Run(++nextAssignment, householdId, member?.MemberId, skillId, moduleId, dueOn is { } due ? Sql.Date(due) : null, note, by.Id,
            Sql.Time(createdAt), null);
    }
}
