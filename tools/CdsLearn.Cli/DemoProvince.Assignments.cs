using CdsLearn.Certificates;
using CdsLearn.Rules;

namespace CdsLearn.Cli;

/// <summary>The demo's assignments ("bài giao") and when each was done.</summary>
public sealed partial class DemoProvince
{
    /// <summary>A skill or module given to the household or one member: half the time something a learner then did
    /// (done), else anything (often overdue). Its completion is stored as the figures would work it out.</summary>
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

        // As HouseholdContributions works it out: the earliest target member to pass the module or earn the skill,
        // and never before the assignment was given.
        DateTime? done = null;
        foreach (var target in learners.Where(l => member is null || l == member))
        {
            DateTime? at = moduleId is not null
                ? target.FirstPass.TryGetValue(moduleId, out var passed) ? passed : null
                : target.Certificates.TryGetValue(skillId!, out var issued) ? issued : null;
            if (at is { } value && (done is null || value < done))
            {
                done = value;
            }
        }
        if (done < createdAt)
        {
            done = createdAt;
        }
        by.Active(createdAt);
        var note = random.NextDouble() < 0.3 ? Notes[random.Next(Notes.Length)] : null;
        assignments.Run(++nextAssignment, householdId, member?.MemberId, skillId, moduleId, dueOn is { } due ? Sql.Date(due) : null, note, by.Id,
            Sql.Time(createdAt), Sql.Time(done));
    }
}
