using CdsLearn.Accounts;
using CdsLearn.Households;

namespace CdsLearn.Cli;

/// <summary>The demo's households and the people in them.</summary>
public sealed partial class DemoProvince
{
    private void SeedHousehold(int villageId, string code, NameGroup villageGroup, DemoTeam team, DateTime createdAt,
        double coverage, double accountRate, double assignRate, Counter result)
    {
        var people = Family(names.HouseholdGroup(villageGroup));
        var creator = team.Members[random.Next(team.Members.Count)];
        creator.Active(createdAt);
        var adults = people.Where(p => year - p.BirthYear is >= 15 and <= 65).ToList();
        // A household registered in the last few days has had no time to learn.
        var covered = adults.Count > 0 && createdAt < now.AddDays(-3) && random.NextDouble() < coverage;
        foreach (var adult in adults)
        {
            adult.HasAccount = random.NextDouble() < accountRate;
        }
        if (covered && !adults.Any(a => a.HasAccount))
        {
            adults[random.Next(adults.Count)].HasAccount = true;
        }
        var learners = adults.Where(a => a.HasAccount).ToList();
        var champion = covered ? learners[random.Next(learners.Count)] : null;
        foreach (var learner in learners)
        {
            learner.Phone = NewPhone();
            learner.CreatedAt = At(createdAt, now.AddMinutes(-30), Math.Pow(random.NextDouble(), 3));
            learner.UserId = NewUser(learner.Name, learner.CreatedAt, Roles.Learner, result, learner.Phone).Id;
        }

        var householdId = ++nextHousehold;
        var household = new Household { Code = code, HeadName = people[0].Name, JoinCode = NewJoinCode() };
        household.Members.AddRange(people.Select(p => new HouseholdMember { FullName = p.Name }));
        HouseholdEditor.Refresh(household);
        households.Run(householdId, villageId, code, household.HeadName, household.JoinCode, Sql.Time(createdAt), creator.Id, household.SearchText);
        foreach (var person in people)
        {
            person.MemberId = ++nextMember;
            members.Run(person.MemberId, householdId, person.Name, person.BirthYear, person.Phone, person.UserId);
        }
        result.People += people.Count;

        foreach (var learner in learners)
        {
            var plan = learner == champion ? modules.Count
                : covered && random.NextDouble() < 0.3 ? modules.Count
                : random.NextDouble() < (covered ? 0.6 : 0.55) ? random.Next(1, modules.Count)
                : 0;
            Learn(learner, plan, team, result);
        }

        if (random.NextDouble() < assignRate)
        {
            Assign(householdId, createdAt, people, team.Members[random.Next(team.Members.Count)]);
        }
    }

    /// <summary>A household: a head, most often a spouse, now and then an elderly parent, and children.</summary>
    private List<Person> Family(NameGroup group)
    {
        var size = 1;
        for (var u = random.NextDouble(); size < HouseholdSizes.Length && u >= HouseholdSizes[size - 1]; size++)
        {
            u -= HouseholdSizes[size - 1];
        }
        var family = names.Family(group);
        var headMale = random.NextDouble() < 0.82;
        var headBorn = year - (25 + (int)(50 * Math.Pow(random.NextDouble(), 1.3)));
        var people = new List<Person> { new(names.Person(family, group, headMale), headBorn) };
        var childrenFamily = family;
        if (size >= 2)
        {
            var spouseFamily = names.Family(group);
            people.Add(new(names.Person(spouseFamily, group, !headMale), Math.Clamp(headBorn + random.Next(-6, 7), 1935, year - 18)));
            childrenFamily = headMale ? family : spouseFamily;
        }
        if (people.Count < size && headBorn >= 1962 && random.NextDouble() < 0.35)
        {
            people.Add(new(names.Person(family, group, random.NextDouble() < 0.4), Math.Max(1935, headBorn - random.Next(20, 33))));
        }
        while (people.Count < size)
        {
            var born = Math.Min(year - 1, headBorn + random.Next(19, 43));
            people.Add(new(names.Person(childrenFamily, group, random.NextDouble() < 0.5), born));
        }
        // Now and then a birth year was not known when the household was registered.
        foreach (var person in people.Skip(1).Where(_ => random.NextDouble() < 0.015))
        {
            person.BirthYear = null;
        }
        return people;
    }

    private sealed class Person(string name, int? birthYear)
    {
        public string Name { get; } = name;
        public int? BirthYear { get; set; } = birthYear;
        public bool HasAccount { get; set; }
        public int MemberId { get; set; }
        public string? UserId { get; set; }
        public string? Phone { get; set; }
        public DateTime CreatedAt { get; set; }
        public Dictionary<string, DateTime> FirstPass { get; } = [];
        public Dictionary<string, DateTime> Certificates { get; } = [];
    }
}
