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

/// <summary>
/// Writes a synthetic province straight into SQLite: one transaction per commune, prepared INSERTs reused for every
/// row, ids made here (row ids counted up, Guids that sort in the order they are made, so every index grows at its
/// end). Certificates and coverage follow the platform's rules; the figures, and when each assignment was done, are
/// recounted afterwards by <see cref="FigureRebuilder"/>, never computed here.
/// </summary>
public sealed partial class DemoProvince : IDisposable
{
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
    private readonly IReadOnlyCollection<string> requiredSkills;
    private readonly Dictionary<(string TaskId, bool Passed), string> stepsJson = [];
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
    private readonly PreparedStatement practiceAttempts;
    private readonly PreparedStatement observations;
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
        requiredSkills = Earning.RequiredSkills(rules.Course, rules.Certificates);
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
        practiceAttempts = PreparedStatement.Insert(connection, "PracticeAttempts", "Id", "UserId", "TaskId", "ModuleId", "SkillId", "DrawId", "SubmittedAt",
            "StepsRight", "StepsTotal", "Passed", "StepsJson", "AssistedByUserId");
        observations = PreparedStatement.Insert(connection, "TaskObservations", "UserId", "TaskId", "SkillId", "ObservedByUserId", "ObservedAt", "TeamId");
        certificates = PreparedStatement.Insert(connection, "Certificates", "Id", "Code", "UserId", "HolderName", "SkillId", "IssuedAt", "Province",
            "RestsOn", "ObservedBy", "ObservedOn");
        assignments = PreparedStatement.Insert(connection, "Assignments", "Id", "HouseholdId", "MemberId", "SkillId", "ModuleId", "DueOn", "Note", "CreatedByUserId",
            "CreatedAt", "DoneAt");
        lastActive = PreparedStatement.Update(connection, "TeamMembers", "UserId", "LastActiveAt");
        officialHouseholds = PreparedStatement.Update(connection, "Communes", "Id", "OfficialHouseholds");
        targets = PreparedStatement.Insert(connection, "QuarterTargets", "CommuneId", "Quarter", "SkillId", "Percent", "SetByUserId", "SetAt");
        reportNotes = PreparedStatement.Insert(connection, "CommuneReportNotes", "CommuneId", "Quarter", "Difficulties", "UpdatedByUserId", "UpdatedAt");
        statements = [villages, users, userRoles, teams, teamMembers, officers, households, members, attempts, practiceAttempts, observations, certificates,
            assignments, lastActive, officialHouseholds, targets, reportNotes];
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

            var team = new DemoTeam(++nextTeam, $"Tổ CNSCĐ {villageName}", []);
            teams.Run(team.Id, team.Name, commune.Id, villageId);
            var teamSize = random.Next(3, 8);
            if (staff is not null && v == 0)
            {
                team.Members.Add(new Account(staff.TeamMemberId));
            }
            while (team.Members.Count < teamSize)
            {
                var family = names.Family(names.HouseholdGroup(group));
                team.Members.Add(NewUser(names.Person(family, group, random.NextDouble() < 0.55), communeStart.AddHours(-random.Next(24, 30 * 24)),
                    Roles.TeamMember, result));
            }
            for (var i = 0; i < team.Members.Count; i++)
            {
                teamMembers.Run(team.Id, team.Members[i].Id, i == 0);
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
            foreach (var worker in team.Members.Where(w => w.LastActiveAt is not null))
            {
                lastActive.Run(Sql.Time(worker.LastActiveAt), worker.Id);
            }
        }

        officialHouseholds.Run((int)Math.Round(result.Households * (1.05 + 0.10 * random.NextDouble())), commune.Id);
        WritePlans(commune, progress, officerIds[0]);
        transaction.Commit();
        return new DemoCommuneResult(result.Villages, result.Households, result.People, result.Accounts, result.Attempts, result.Certificates);
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

    /// <summary>Midnight in Vietnam on the quarter's first day.</summary>
    private static DateTime StartOf(Quarter quarter) =>
        DateTime.SpecifyKind(quarter.FirstDay.ToDateTime(TimeOnly.MinValue) - VietnamTime.Offset, DateTimeKind.Utc);

    private static DateTime Earliest(DateTime a, DateTime b) => a < b ? a : b;

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

    /// <summary>A village's team: its row id, its name (printed on certificates resting on tasks it saw), its members.</summary>
    private sealed record DemoTeam(int Id, string Name, List<Account> Members);

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
