using System.Buffers.Binary;
using CdsLearn.Accounts;
using CdsLearn.Certificates;
using CdsLearn.Content;
using CdsLearn.Figures;
using CdsLearn.Households;
using CdsLearn.Learning;
using CdsLearn.Rules;
using Microsoft.Data.Sqlite;

namespace CdsLearn.Cli;

/// <summary>How much demo data to make: how many communes to fill, villages per commune, households per village.</summary>
public sealed record SeedScale(string Name, int Communes, int MinVillages, int MaxVillages, int MinHouseholds, int MaxHouseholds)
{
    /// <summary>Sơn La at real size: 75 communes, ≈ 3,000 villages, ≈ 300,000 households, ≈ 1.3 M people.</summary>
    public static readonly SeedScale Province = new("province", 75, 28, 52, 60, 160);

    /// <summary>The first commune only, at real size: for quick tries and tests.</summary>
    public static readonly SeedScale Commune = new("commune", 1, 28, 52, 60, 160);

    public static readonly IReadOnlyList<SeedScale> All = [Province, Commune];
}

/// <summary>The platform's rules the demo follows: the course, the pass mark, what "Công dân số" needs.</summary>
public sealed record DemoRules(Course Course, int DefaultPassPercent, IReadOnlyList<string> DigitalCitizenSkills, string Province);

public sealed record DemoCommune(int Id, string Name, bool Ward);

/// <summary>The signed-in accounts placed in the first commune: its officer and a member of its first village's team.</summary>
public sealed record DemoStaff(string OfficerId, string TeamMemberId);

public sealed record DemoCommuneResult(int Villages, int Households, int People, int Accounts, int Attempts, int Certificates);

/// <summary>
/// Writes a synthetic province straight into SQLite: one transaction per commune, prepared INSERTs reused for every
/// row, ids made here (row ids counted up, Guids that sort in the order they are made, so every index grows at its
/// end). Certificates, coverage and assignment completion follow the platform's rules; the figures are recounted
/// afterwards by <see cref="FigureRebuilder"/>, never computed here.
/// </summary>
public sealed class DemoProvince : IDisposable
{
    private const string JoinAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private const string Base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static readonly string[] PhonePrefixes = ["32", "33", "34", "35", "36", "37", "38", "39", "86", "96", "97", "98", "88", "91", "94", "81", "82", "83", "84", "85", "70", "76", "77", "78", "79", "89", "90", "93", "56", "58"];
    private static readonly string[] Notes = ["Học cùng tổ ở nhà văn hoá bản", "Con cháu hướng dẫn thêm", "Hẹn buổi tối", "Ưu tiên trước vụ mùa", "Cần mượn điện thoại của tổ"];
    private static readonly string[] Difficulties =
    [
        "Sóng điện thoại yếu ở các bản vùng cao, người dân khó làm bài trực tuyến.",
        "Nhiều người cao tuổi chưa có điện thoại thông minh.",
        "Một số hộ đi làm ăn xa, tổ chưa gặp được để đăng ký.",
        "Một số bà con người Mông còn hạn chế tiếng Việt; đề nghị có tài liệu song ngữ.",
        "Thành viên tổ CNSCĐ kiêm nhiệm nhiều việc, ít thời gian đến từng hộ.",
        "Đề nghị hỗ trợ kinh phí dữ liệu di động cho tổ CNSCĐ.",
        "Đang mùa thu hoạch, người dân ít đến buổi học ở nhà văn hoá.",
        "Cần thêm điện thoại dùng chung cho các buổi học cùng tổ.",
    ];
    private static readonly double[] HouseholdSizes = [0.06, 0.11, 0.17, 0.22, 0.19, 0.12, 0.08, 0.05]; // 1–8 people, mean 4.3

    private readonly SqliteConnection connection;
    private readonly DemoRules rules;
    private readonly Random random;
    private readonly DemoNames names;
    private readonly IReadOnlyDictionary<string, string> roleIds;
    private readonly DateTime now;
    private readonly DateTime periodStart;
    private readonly int year;
    private readonly DateOnly today;
    private readonly string emptySheet = new AttemptSheet([]).ToJson();
    private readonly List<QuizModule> modules;
    private readonly Dictionary<string, List<QuizModule>> modulesBySkill;
    private readonly List<string> skills;
    private readonly HashSet<string> usedPhones = [];
    private readonly HashSet<string> usedJoinCodes = [];
    private readonly HashSet<string> usedCertificateCodes = [];
    private long nextGuid;
    private int nextVillage;
    private int nextTeam;
    private int nextHousehold;
    private int nextMember;
    private int nextCertificate;
    private int nextAssignment;

    private readonly PreparedStatement villages;
    private readonly PreparedStatement users;
    private readonly PreparedStatement userRoles;
    private readonly PreparedStatement teams;
    private readonly PreparedStatement teamMembers;
    private readonly PreparedStatement officers;
    private readonly PreparedStatement households;
    private readonly PreparedStatement members;
    private readonly PreparedStatement attempts;
    private readonly PreparedStatement certificates;
    private readonly PreparedStatement assignments;
    private readonly PreparedStatement lastActive;
    private readonly PreparedStatement officialHouseholds;
    private readonly PreparedStatement targets;
    private readonly PreparedStatement reportNotes;
    private readonly PreparedStatement[] statements;

    /// <param name="lastIds">The largest row id already used, by table: new rows number on from it.</param>
    public DemoProvince(SqliteConnection connection, DemoRules rules, int seed, DateTime now, IReadOnlyDictionary<string, string> roleIds,
        IReadOnlyDictionary<string, int> lastIds)
    {
        this.connection = connection;
        this.rules = rules;
        this.roleIds = roleIds;
        this.now = now;
        random = new Random(seed);
        names = new DemoNames(random);
        periodStart = PeriodStart(now);
        today = VietnamTime.DateOf(now);
        year = today.Year;
        skills = [.. rules.Course.Skills.Select(s => s.Id)];
        modules = [.. rules.Course.Skills.SelectMany(s => s.Modules).Select(m => new QuizModule(m, m.Quiz.PassPercent ?? rules.DefaultPassPercent))];
        modulesBySkill = modules.GroupBy(m => m.Module.SkillId).ToDictionary(g => g.Key, g => g.ToList());
        nextVillage = lastIds.GetValueOrDefault("Villages");
        nextTeam = lastIds.GetValueOrDefault("Teams");
        nextHousehold = lastIds.GetValueOrDefault("Households");
        nextMember = lastIds.GetValueOrDefault("HouseholdMembers");
        nextCertificate = lastIds.GetValueOrDefault("Certificates");
        nextAssignment = lastIds.GetValueOrDefault("Assignments");

        villages = PreparedStatement.Insert(connection, "Villages", "Id", "CommuneId", "Name", "Kind");
        users = PreparedStatement.Insert(connection, "AspNetUsers", "Id", "UserName", "NormalizedUserName", "SecurityStamp", "ConcurrencyStamp", "PhoneNumber",
            "PhoneNumberConfirmed", "EmailConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount", "FullName", "CreatedAt");
        userRoles = PreparedStatement.Insert(connection, "AspNetUserRoles", "UserId", "RoleId");
        teams = PreparedStatement.Insert(connection, "Teams", "Id", "Name", "CommuneId", "VillageId");
        teamMembers = PreparedStatement.Insert(connection, "TeamMembers", "TeamId", "UserId", "IsLeader");
        officers = PreparedStatement.Insert(connection, "CommuneOfficers", "CommuneId", "UserId");
        households = PreparedStatement.Insert(connection, "Households", "Id", "VillageId", "Code", "HeadName", "JoinCode", "CreatedAt", "CreatedByUserId", "SearchText");
        members = PreparedStatement.Insert(connection, "HouseholdMembers", "Id", "HouseholdId", "FullName", "BirthYear", "Phone", "UserId");
        attempts = PreparedStatement.Insert(connection, "QuizAttempts", "Id", "UserId", "ModuleId", "SkillId", "SubmittedAt", "Correct", "Total", "ScorePercent",
            "PassPercent", "Passed", "SheetJson", "AssistedByUserId");
        certificates = PreparedStatement.Insert(connection, "Certificates", "Id", "Code", "UserId", "HolderName", "SkillId", "IssuedAt", "Province");
        assignments = PreparedStatement.Insert(connection, "Assignments", "Id", "HouseholdId", "MemberId", "SkillId", "ModuleId", "DueOn", "Note", "CreatedByUserId",
            "CreatedAt", "DoneAt");
        lastActive = PreparedStatement.Update(connection, "TeamMembers", "UserId", "LastActiveAt");
        officialHouseholds = PreparedStatement.Update(connection, "Communes", "Id", "OfficialHouseholds");
        targets = PreparedStatement.Insert(connection, "QuarterTargets", "CommuneId", "Quarter", "SkillId", "Percent", "SetByUserId", "SetAt");
        reportNotes = PreparedStatement.Insert(connection, "CommuneReportNotes", "CommuneId", "Quarter", "Difficulties", "UpdatedByUserId", "UpdatedAt");
        statements = [villages, users, userRoles, teams, teamMembers, officers, households, members, attempts, certificates, assignments, lastActive,
            officialHouseholds, targets, reportNotes];
    }

    /// <summary>The start of the demo's history: six quarters back, counting the current one, at midnight in Vietnam.</summary>
    public static DateTime PeriodStart(DateTime now)
    {
        var first = Quarter.Of(now);
        for (var i = 0; i < 5; i++)
        {
            first = first.Previous;
        }
        return StartOf(first);
    }

    /// <summary>How far each commune has come (the share of households to cover), spread from 5 % to 70 %;
    /// wards tend to be ahead.</summary>
    public IReadOnlyList<double> Progress(IReadOnlyList<DemoCommune> communes)
    {
        if (communes.Count == 1)
        {
            return [0.45];
        }
        var ranks = communes.Select((c, i) => (Index: i, Key: random.NextDouble() + (c.Ward ? 0.35 : 0)))
            .OrderBy(r => r.Key).Select(r => r.Index).ToList();
        var progress = new double[communes.Count];
        for (var rank = 0; rank < ranks.Count; rank++)
        {
            progress[ranks[rank]] = 0.05 + 0.65 * rank / (communes.Count - 1);
        }
        return progress;
    }

    /// <summary>Fills one commune in one transaction.</summary>
    public DemoCommuneResult Seed(DemoCommune commune, SeedScale scale, double progress, DemoStaff? staff)
    {
        using var transaction = Begin();
        var result = new Counter();

        var lead = Math.Clamp(progress / 0.7, 0, 1);
        var communeStart = At(periodStart, now, 0.45 * (1 - lead) * (0.5 + 0.5 * random.NextDouble()));
        var accountRate = 0.18 + 0.30 * lead;
        var assignRate = 0.05 + 0.10 * lead;

        var officerCount = random.Next(1, 3);
        var officerIds = new List<string>();
        for (var i = 0; i < officerCount; i++)
        {
            var officerId = staff is not null && i == 0
                ? staff.OfficerId
                : NewUser(names.Person(names.Family(NameGroup.Kinh), NameGroup.Kinh, random.NextDouble() < 0.6),
                    communeStart.AddHours(-random.Next(20 * 24, 60 * 24)), Roles.CommuneOfficer, result).Id;
            officerIds.Add(officerId);
            officers.Run(commune.Id, officerId);
        }

        var villageNames = names.Villages(commune.Ward, random.Next(scale.MinVillages, scale.MaxVillages + 1));
        for (var v = 0; v < villageNames.Count; v++)
        {
            var (villageName, kind) = villageNames[v];
            var villageId = ++nextVillage;
            villages.Run(villageId, commune.Id, villageName, kind);
            result.Villages++;
            var group = names.VillageGroup(commune.Ward);

            var teamId = ++nextTeam;
            teams.Run(teamId, $"Tổ CNSCĐ {villageName}", commune.Id, villageId);
            var team = new List<Account>();
            var teamSize = random.Next(3, 8);
            if (staff is not null && v == 0)
            {
                team.Add(new Account(staff.TeamMemberId));
            }
            while (team.Count < teamSize)
            {
                var family = names.Family(names.HouseholdGroup(group));
                team.Add(NewUser(names.Person(family, group, random.NextDouble() < 0.55), communeStart.AddHours(-random.Next(24, 30 * 24)),
                    Roles.TeamMember, result));
            }
            for (var i = 0; i < team.Count; i++)
            {
                teamMembers.Run(teamId, team[i].Id, i == 0);
            }

            // Each village's own pace: some bản are far ahead of their commune, some behind.
            var villageProgress = Math.Min(0.95, progress * (0.6 + 0.8 * random.NextDouble()));
            var villageStart = At(communeStart, now, 0.4 * random.NextDouble());
            var codePrefix = DemoNames.CodePrefix(villageName, kind);
            var count = scale.MinHouseholds + (int)((scale.MaxHouseholds - scale.MinHouseholds) * Math.Pow(random.NextDouble(), 1.5));
            for (var h = 1; h <= count; h++)
            {
                SeedHousehold(villageId, $"{codePrefix}-{h:000}", group, team, At(villageStart, now.AddHours(-1), Math.Pow(random.NextDouble(), 1.6)),
                    villageProgress, accountRate, assignRate, result);
            }
            result.Households += count;
            foreach (var worker in team.Where(w => w.LastActiveAt is not null))
            {
                lastActive.Run(Sql.Time(worker.LastActiveAt), worker.Id);
            }
        }

        officialHouseholds.Run((int)Math.Round(result.Households * (1.05 + 0.10 * random.NextDouble())), commune.Id);
        WritePlans(commune, progress, officerIds[0]);
        transaction.Commit();
        return new DemoCommuneResult(result.Villages, result.Households, result.People, result.Accounts, result.Attempts, result.Certificates);
    }

    private void SeedHousehold(int villageId, string code, NameGroup villageGroup, List<Account> team, DateTime createdAt,
        double coverage, double accountRate, double assignRate, Counter result)
    {
        var people = Family(names.HouseholdGroup(villageGroup));
        var creator = team[random.Next(team.Count)];
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
            Assign(householdId, createdAt, people, team[random.Next(team.Count)]);
        }
    }

    private SqliteTransaction Begin()
    {
        var transaction = connection.BeginTransaction();
        foreach (var statement in statements)
        {
            statement.Transaction = transaction;
        }
        return transaction;
    }

    /// <summary>The province's targets for the demo's six quarters and the next: "Công dân số" in a rising share of
    /// households, and each quarter one skill in focus.</summary>
    public void SeedProvinceTargets(string provinceStaffId)
    {
        using var transaction = Begin();
        var quarter = Quarter.Of(periodStart);
        for (var i = 0; i < 7; i++, quarter = quarter.Next)
        {
            var setAt = Earliest(StartOf(quarter).AddDays(-10).AddMinutes(random.Next(8 * 60, 17 * 60)), now.AddDays(-1));
            targets.Run(null, quarter.Key, Certificate.DigitalCitizen, 5 + 10 * i, provinceStaffId, Sql.Time(setAt));
            targets.Run(null, quarter.Key, skills[i % skills.Count], 30 + 5 * i, provinceStaffId, Sql.Time(setAt));
        }
        transaction.Commit();
    }

    /// <summary>Now and then a commune's own target for this quarter, and the difficulties it wrote into the
    /// reports of the last two quarters.</summary>
    private void WritePlans(DemoCommune commune, double progress, string officerId)
    {
        var current = Quarter.Of(now);
        if (random.NextDouble() < 0.15)
        {
            var percent = (int)Math.Round(20 * Math.Min(0.9, progress + 0.1)) * 5;
            var setAt = Earliest(StartOf(current).AddDays(random.Next(3, 15)), now);
            targets.Run(commune.Id, current.Key, Certificate.DigitalCitizen, percent, officerId, Sql.Time(setAt));
        }
        for (var quarter = current.Previous.Previous; quarter.Key < current.Key; quarter = quarter.Next)
        {
            if (random.NextDouble() < 0.4)
            {
                var text = string.Join(" ", Difficulties.OrderBy(_ => random.Next()).Take(random.Next(1, 4)));
                var at = Earliest(StartOf(quarter.Next).AddDays(random.Next(1, 15)).AddMinutes(random.Next(8 * 60, 17 * 60)), now);
                reportNotes.Run(commune.Id, quarter.Key, text, officerId, Sql.Time(at));
            }
        }
    }

    /// <summary>Midnight in Vietnam on the quarter's first day.</summary>
    private static DateTime StartOf(Quarter quarter) =>
        DateTime.SpecifyKind(quarter.FirstDay.ToDateTime(TimeOnly.MinValue) - VietnamTime.Offset, DateTimeKind.Utc);

    private static DateTime Earliest(DateTime a, DateTime b) => a < b ? a : b;

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

    private Account NewUser(string fullName, DateTime createdAt, string role, Counter result, string? phone = null)
    {
        phone ??= NewPhone();
        var id = NewGuid().ToString();
        users.Run(id, phone, phone.ToUpperInvariant(), RandomText(Base32, 32), RandomGuid().ToString(), phone, false, false, false, true, 0, fullName, Sql.Time(createdAt));
        userRoles.Run(id, roleIds[role]);
        result.Accounts++;
        return new Account(id);
    }

    /// <summary>A mobile number, which is the user name of most citizens.</summary>
    private string NewPhone()
    {
        while (true)
        {
            var phone = "0" + PhonePrefixes[random.Next(PhonePrefixes.Length)] + random.Next(0, 10_000_000).ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
            if (usedPhones.Add(phone))
            {
                return phone;
            }
        }
    }

    private string NewJoinCode()
    {
        while (true)
        {
            var code = RandomText(JoinAlphabet, 8);
            if (usedJoinCodes.Add(code))
            {
                return code;
            }
        }
    }

    /// <summary>Like <see cref="CertificateCode.New"/>, from the seeded generator, checked against every code made.</summary>
    private string NewCertificateCode()
    {
        while (true)
        {
            var letters = RandomText(JoinAlphabet, 8);
            var code = letters[..4] + "-" + letters[4..];
            if (usedCertificateCodes.Add(code))
            {
                return code;
            }
        }
    }

    /// <summary>A version-7-style Guid: a counter where the timestamp would be, so ids sort in the order they are made.</summary>
    private Guid NewGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, 0x019A_0000_0000 + ++nextGuid);
        counter[2..].CopyTo(bytes);
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }

    private Guid RandomGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private string RandomText(string alphabet, int length) =>
        string.Create(length, (alphabet, random), (chars, state) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = state.alphabet[state.random.Next(state.alphabet.Length)];
            }
        });

    /// <summary>The moment a given fraction of the way from one time to another.</summary>
    private static DateTime At(DateTime from, DateTime to, double fraction) =>
        to <= from ? from : from.AddTicks((long)((to - from).Ticks * fraction));

    public void Dispose()
    {
        foreach (var statement in statements)
        {
            statement.Dispose();
        }
    }

    /// <summary>An account made here; for a team worker, also their last outreach (as FigureKeeper keeps it:
    /// a household registered, an assignment given, a quiz taken with them).</summary>
    private sealed class Account(string id)
    {
        public string Id { get; } = id;
        public DateTime? LastActiveAt { get; private set; }

        public void Active(DateTime at) => LastActiveAt = LastActiveAt > at ? LastActiveAt : at;
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

    private sealed class Counter
    {
        public int Villages { get; set; }
        public int Households { get; set; }
        public int People { get; set; }
        public int Accounts { get; set; }
        public int Attempts { get; set; }
        public int Certificates { get; set; }
    }
}
