using CdsLearn.Accounts;
using CdsLearn.Certificates;
using CdsLearn.Content;
using CdsLearn.Data;
using CdsLearn.Figures;
using CdsLearn.Households;
using CdsLearn.Learning;
using CdsLearn.Rules;
using CdsLearn.Web.Tests.Households;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CdsLearn.Web.Tests.Figures;

/// <summary>The site on a clock the test moves, where "Công dân số" needs only the online-safety skill, so a random
/// history reaches coverage often.</summary>
public sealed class FigureHistoryFactory : QuizRuleFactory
{
    public static readonly DateTimeOffset NewYear = new(2026, 1, 5, 2, 0, 0, TimeSpan.Zero);

    public ManualClock Clock { get; } = new(NewYear);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Certificates:DigitalCitizenSkills:0", "an-toan-mang");
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }
}

public class FigureTests(FigureHistoryFactory factory) : IClassFixture<FigureHistoryFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task FiguresKeptWithEveryChangeEqualARecountFromRawData(int seed)
    {
        factory.Clock.Now = FigureHistoryFactory.NewYear;
        var world = await HouseholdWorld.CreateAsync(factory);
        var communes = await CommunesOfAsync(world);
        await new History(factory, world, seed).PlayAsync(steps: 100);

        var kept = await SnapshotAsync(communes);
        Assert.Contains(kept, line => line.Contains($":{Metric.Covered}=", StringComparison.Ordinal));
        Assert.Contains(kept, line => line.StartsWith('w') && line.Contains($":{Metric.Observed}=", StringComparison.Ordinal));
        using (var scope = factory.Services.CreateScope())
        {
            var rebuilder = scope.ServiceProvider.GetRequiredService<FigureRebuilder>();
            foreach (var communeId in communes)
            {
                await rebuilder.RebuildCommuneAsync(communeId, Ct);
            }
        }
        var recounted = await SnapshotAsync(communes);
        Assert.Equal(recounted, kept);
    }

    [Fact]
    public async Task FiguresAgreeWithTheCoverageRuleAndTheOverdueRule()
    {
        factory.Clock.Now = FigureHistoryFactory.NewYear;
        var world = await HouseholdWorld.CreateAsync(factory);
        var communes = await CommunesOfAsync(world);
        await new History(factory, world, seed: 42).PlayAsync(steps: 60);

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var scopeOfWorld = new Scope(false, communes.ToHashSet(), new HashSet<int>());
        // The rule counted directly over households (Coverage.WhereCovered and WhereDigitalFamily), independently of the figures.
        var year = VietnamTime.DateOf(factory.Clock.GetUtcNow().UtcDateTime).Year;
        var households = scopeOfWorld.Households(db);
        var villageCommune = db.Villages.Select(v => new { v.Id, v.CommuneId });
        async Task<Dictionary<int, int>> CountByCommuneAsync(IQueryable<Household> which) =>
            (await (from h in which join v in villageCommune on h.VillageId equals v.Id group h by v.CommuneId into g select new { g.Key, Count = g.Count() })
                .ToListAsync(Ct)).ToDictionary(g => g.Key, g => g.Count);
        var registered = await CountByCommuneAsync(households);
        var covered = await CountByCommuneAsync(households.WhereCovered(db));
        var digital = await CountByCommuneAsync(households.WhereDigitalFamily(db, year));
        var totals = await db.CommuneFigures.Where(f => communes.Contains(f.CommuneId))
            .GroupBy(f => new { f.CommuneId, f.Metric }).Select(g => new { g.Key.CommuneId, g.Key.Metric, Value = g.Sum(f => f.Value) })
            .ToListAsync(Ct);
        int Total(int communeId, string metric) => totals.SingleOrDefault(t => t.CommuneId == communeId && t.Metric == metric)?.Value ?? 0;
        foreach (var communeId in communes)
        {
            Assert.Equal(registered.GetValueOrDefault(communeId), Total(communeId, Metric.Households));
            Assert.Equal(covered.GetValueOrDefault(communeId), Total(communeId, Metric.Covered));
            Assert.Equal(digital.GetValueOrDefault(communeId), Total(communeId, Metric.DigitalFamilies));
        }
        Assert.True(covered.Values.Sum() > 0, "the history should cover some households");
        var certificates = await (from c in db.Certificates
                                  join m in db.HouseholdMembers on c.UserId equals m.UserId
                                  where c.RevokedAt == null && households.Any(h => h.Id == m.HouseholdId)
                                  group c by c.SkillId into g
                                  select new { Skill = g.Key, Count = g.Count() }).ToListAsync(Ct);
        foreach (var skill in certificates)
        {
            Assert.Equal(skill.Count, communes.Sum(c => Total(c, Metric.Certificates(skill.Skill))));
        }

        var overdue = await scope.ServiceProvider.GetRequiredService<AssignmentService>().WhereOverdue(households)
            .Select(h => h.Id).ToListAsync(Ct);
        var today = VietnamTime.DateOf(factory.Clock.GetUtcNow().UtcDateTime);
        var overdueByDoneAt = await db.Assignments.Where(a => households.Any(h => h.Id == a.HouseholdId) && a.DueOn < today && a.DoneAt == null)
            .Select(a => a.HouseholdId).Distinct().ToListAsync(Ct);
        Assert.Equal(overdue.Order(), overdueByDoneAt.Order());
    }

    [Fact]
    public async Task OnNewYearsNightInVietnamThePagesAndTheFiguresCountAgesAlike()
    {
        // 01:30 on 1 January 2027 in Sơn La, still 2026 in UTC: a child born in 2012 is now 15 and counts for "Gia đình số".
        factory.Clock.Now = new DateTimeOffset(2026, 12, 31, 18, 30, 0, TimeSpan.Zero);
        var world = await HouseholdWorld.CreateAsync(factory);
        Household household;
        int communeId;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            household = await scope.ServiceProvider.GetRequiredService<HouseholdEditor>()
                .CreateAsync(Scope.Province, new HouseholdInput(world.InA1.VillageId, "A1-TET", "Lò Thị Út"), 2012, null, Ct);
            communeId = await db.Villages.Where(v => v.Id == household.VillageId).Select(v => v.CommuneId).SingleAsync(Ct);
        }
        using var learner = await Learner.RegisterAsync(factory, "Lò Văn Tết");
        await HouseholdWorld.LinkLearnerAsync(factory, household, learner.UserName, new MemberInput("Lò Văn Tết", 1990, null));
        foreach (var module in learner.Course.FindSkill("an-toan-mang")!.Modules)
        {
            await learner.TakeQuizAsync(module.Id);
        }

        using var officer = await world.SignInAsync(factory, HouseholdWorld.OfficerOfA);
        var page = await officer.GetAsync($"/ho-gia-dinh/{household.Id}");
        var list = await officer.GetAsync("/ho-gia-dinh?q=A1-TET");
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var covered = await db.CommuneFigures.Where(f => f.CommuneId == communeId && f.Metric == Metric.Covered).SumAsync(f => f.Value, Ct);
            var digital = await db.CommuneFigures.Where(f => f.CommuneId == communeId && f.Metric == Metric.DigitalFamilies).SumAsync(f => f.Value, Ct);
            Assert.True(covered > 0, "the learner's certificate covers the household");
            Assert.Equal(0, digital);
        }
        Assert.Equal(["Đã có Công dân số"], page.QuerySelectorAll("main .badge").Select(b => b.TextContent.Trim()).Take(1));
        var row = list.QuerySelectorAll(".household-list li").Single(li => li.TextContent.Contains("A1-TET", StringComparison.Ordinal));
        Assert.Equal("Đã có Công dân số", row.QuerySelector(".badge")!.TextContent.Trim());
    }

    [Fact]
    public async Task AgesMoveOnWithTheYearWhenTheCommuneIsRecounted()
    {
        factory.Clock.Now = FigureHistoryFactory.NewYear;
        var world = await HouseholdWorld.CreateAsync(factory);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var rebuilder = scope.ServiceProvider.GetRequiredService<FigureRebuilder>();
        var communeId = await db.Villages.Where(v => v.Id == world.InB1.VillageId).Select(v => v.CommuneId).SingleAsync(Ct);
        var year = rebuilder.CurrentYear;
        var editor = scope.ServiceProvider.GetRequiredService<HouseholdEditor>();
        var household = (await editor.FindAsync(Scope.Province, world.InB1.Id, Ct))!;
        await editor.AddMemberAsync(household, new MemberInput("Quàng Thị Nhỏ", year - 14, null), null, Ct);

        async Task<int> PeopleAgedAsync(AgeGroup group) =>
            await db.CommuneFigures.Where(f => f.CommuneId == communeId && f.Metric == Metric.PeopleAged(group)).SumAsync(f => f.Value, Ct);
        Assert.Equal(1, await PeopleAgedAsync(AgeGroup.Under15));
        Assert.DoesNotContain(communeId, await rebuilder.StaleCommunesAsync(Ct));

        factory.Clock.Advance(TimeSpan.FromDays(366));
        Assert.Contains(communeId, await rebuilder.StaleCommunesAsync(Ct));
        Assert.True(await rebuilder.RebuildStaleAsync(Ct) > 0);
        Assert.Equal(0, await PeopleAgedAsync(AgeGroup.Under15));
        Assert.Equal(1, await PeopleAgedAsync(AgeGroup.From15To29));
    }

    /// <summary>
    /// Members of one household finishing the skill at the same moment: each save sees the household uncovered
    /// before and covered after unless the saves take turns. The household must count once (on PostgreSQL this
    /// needs the keeper's row lock; on SQLite the single writer).
    /// </summary>
    [Fact]
    public async Task MembersOfOneHouseholdPassingAtOnceCountItOnce()
    {
        factory.Clock.Now = FigureHistoryFactory.NewYear;
        var world = await HouseholdWorld.CreateAsync(factory);
        var communes = await CommunesOfAsync(world);
        var skill = factory.Services.GetRequiredService<CourseCatalog>().Current.FindSkill("an-toan-mang")!;
        var learners = new List<string>();
        using (var scope = factory.Services.CreateScope())
        {
            var editor = scope.ServiceProvider.GetRequiredService<HouseholdEditor>();
            for (var i = 0; i < 6; i++)
            {
                var userId = await NewAccountAsync(scope.ServiceProvider, factory.Clock);
                var household = (await editor.FindAsync(Scope.Province, world.InA1.Id, Ct))!;
                await editor.AddMemberAsync(household, new MemberInput("Thành viên " + i, 1990, null), userId, Ct);
                foreach (var module in skill.Modules.SkipLast(1))
                {
                    await SubmitAsync(scope.ServiceProvider, userId, module, passed: true, assistedBy: null);
                }
                learners.Add(userId);
            }
        }
        using var start = new ManualResetEventSlim();
        var runs = learners.Select(userId => Task.Run(async () =>
        {
            using var scope = factory.Services.CreateScope();
            start.Wait(Ct);
            await SubmitAsync(scope.ServiceProvider, userId, skill.Modules[^1], passed: true, assistedBy: null);
        }, Ct)).ToList();
        start.Set();
        await Task.WhenAll(runs);

        var kept = await SnapshotAsync(communes);
        Assert.Contains(kept, line => line.StartsWith($"v{world.A1.Id}:", StringComparison.Ordinal) && line.EndsWith($":{Metric.Covered}=1", StringComparison.Ordinal));
        using (var scope = factory.Services.CreateScope())
        {
            var rebuilder = scope.ServiceProvider.GetRequiredService<FigureRebuilder>();
            foreach (var communeId in communes)
            {
                await rebuilder.RebuildCommuneAsync(communeId, Ct);
            }
        }
        Assert.Equal(await SnapshotAsync(communes), kept);
    }

    /// <summary>A person counts once per skill however many of its tasks were seen, and once for each worker who saw
    /// any; a dispute takes the task out, and the person out of a skill only when none of its tasks stands. The
    /// figures kept along the way equal a recount.</summary>
    [Fact]
    public async Task ObservedTasksCountEachPersonOncePerSkillAndForEachWorkerWhoSawThem()
    {
        factory.Clock.Now = FigureHistoryFactory.NewYear;
        var world = await HouseholdWorld.CreateAsync(factory);
        var communes = await CommunesOfAsync(world);
        var communeA = communes.Single(c => c != world.B1.CommuneId);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var observations = scope.ServiceProvider.GetRequiredService<TaskObservationService>();
        var names = new[] { world.UserNames[HouseholdWorld.TeamMemberOfA1], world.UserNames[HouseholdWorld.OfficerOfA] };
        var workers = await db.Users.Where(u => names.Contains(u.UserName!)).ToDictionaryAsync(u => u.UserName!, u => u.Id, Ct);
        var (teamWorker, officer) = (workers[names[0]], workers[names[1]]);
        var head = world.InA1.Members[0];
        var quarter = Quarter.Of(factory.Clock.GetUtcNow().UtcDateTime).Key;

        async Task<int> CommuneAsync(string metric) =>
            await db.CommuneFigures.Where(f => f.CommuneId == communeA && f.Metric == metric).SumAsync(f => f.Value, Ct);
        async Task<int> VillageAsync(string metric) =>
            await db.VillageFigures.Where(f => f.VillageId == world.A1.Id && f.Quarter == quarter && f.Metric == metric).SumAsync(f => f.Value, Ct);
        async Task<int> WorkerAsync(string userId) =>
            await db.WorkerFigures.Where(f => f.CommuneId == communeA && f.UserId == userId && f.Quarter == quarter && f.Metric == Metric.Observed).SumAsync(f => f.Value, Ct);

        Assert.Equal(ObservationResult.Recorded, await observations.RecordAsync(Scope.Province, world.InA1.Id, head.Id, ["tu-lam-vneid-muc-2", "tu-lam-dich-vu-cong"], teamWorker, Ct));
        factory.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(ObservationResult.Recorded, await observations.RecordAsync(Scope.Province, world.InA1.Id, head.Id, ["tu-lam-bao-cao-5656"], officer, Ct));

        Assert.Equal(1, await VillageAsync(Metric.ObservedInSkill("dich-vu-cong")));
        Assert.Equal(1, await VillageAsync(Metric.ObservedInSkill("an-toan-mang")));
        Assert.Equal(1, await VillageAsync(Metric.Observed));
        Assert.Equal(0, await CommuneAsync(Metric.ObservedInSkill("mua-sam")));
        Assert.Equal((1, 1), (await WorkerAsync(teamWorker), await WorkerAsync(officer)));

        var userId = await db.HouseholdMembers.Where(m => m.Id == head.Id).Select(m => m.UserId!).SingleAsync(Ct);
        var held = await db.TaskObservations.Where(o => o.UserId == userId).ToDictionaryAsync(o => o.TaskId, o => o.Id, Ct);
        Assert.True(await observations.DisputeAsync(userId, held["tu-lam-vneid-muc-2"], Ct));
        Assert.Equal(1, await CommuneAsync(Metric.ObservedInSkill("dich-vu-cong")));
        Assert.Equal(1, await WorkerAsync(teamWorker));

        Assert.True(await observations.DisputeAsync(userId, held["tu-lam-dich-vu-cong"], Ct));
        Assert.Equal(0, await CommuneAsync(Metric.ObservedInSkill("dich-vu-cong")));
        Assert.Equal(1, await CommuneAsync(Metric.ObservedInSkill("an-toan-mang")));
        Assert.Equal(1, await CommuneAsync(Metric.Observed));
        Assert.Equal((0, 1), (await WorkerAsync(teamWorker), await WorkerAsync(officer)));

        var kept = await SnapshotAsync(communes);
        Assert.Contains(kept, line => line.Contains($":{Metric.ObservedInSkill("an-toan-mang")}=1", StringComparison.Ordinal));
        var rebuilder = scope.ServiceProvider.GetRequiredService<FigureRebuilder>();
        foreach (var communeId in communes)
        {
            await rebuilder.RebuildCommuneAsync(communeId, Ct);
        }
        Assert.Equal(await SnapshotAsync(communes), kept);
    }

    internal static async Task<string> NewAccountAsync(IServiceProvider services, TimeProvider clock)
    {
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = "hv" + Guid.NewGuid().ToString("N")[..10], FullName = "Người học", CreatedAt = clock.GetUtcNow().UtcDateTime };
        Assert.True((await users.CreateAsync(user)).Succeeded);
        return user.Id;
    }

    internal static async Task SubmitAsync(IServiceProvider services, string userId, Module module, bool passed, string? assistedBy)
    {
        var draw = QuizDraw.Create(module.Quiz, userId);
        var answers = QuizAnswers.For(module.Quiz, draw, passed);
        await services.GetRequiredService<QuizService>().SubmitAsync(Guid.NewGuid(), draw, answers, assistedBy, Ct);
    }

    private async Task<List<int>> CommunesOfAsync(HouseholdWorld world)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        int[] villages = [world.A1.Id, world.B1.Id];
        return await db.Villages.Where(v => villages.Contains(v.Id)).Select(v => v.CommuneId).ToListAsync(Ct);
    }

    /// <summary>Every non-zero figure of the communes, and when each of their assignments was done, as sorted lines.</summary>
    private async Task<List<string>> SnapshotAsync(List<int> communes)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var villages = db.Villages.Where(v => communes.Contains(v.CommuneId)).Select(v => v.Id);
        var lines = new List<string>();
        lines.AddRange(await db.VillageFigures.Where(f => villages.Contains(f.VillageId) && f.Value != 0)
            .Select(f => "v" + f.VillageId + ":" + f.Quarter + ":" + f.Metric + "=" + f.Value).ToListAsync(Ct));
        lines.AddRange(await db.CommuneFigures.Where(f => communes.Contains(f.CommuneId) && f.Value != 0)
            .Select(f => "c" + f.CommuneId + ":" + f.Quarter + ":" + f.Metric + "=" + f.Value).ToListAsync(Ct));
        lines.AddRange(await db.WorkerFigures.Where(f => communes.Contains(f.CommuneId) && f.Value != 0)
            .Select(f => "w" + f.CommuneId + "/" + f.UserId + ":" + f.Quarter + ":" + f.Metric + "=" + f.Value).ToListAsync(Ct));
        lines.AddRange((await db.Assignments.Where(a => db.Households.Any(h => h.Id == a.HouseholdId && villages.Contains(h.VillageId)))
            .Select(a => new { a.Id, a.DoneAt }).ToListAsync(Ct)).Select(a => $"a{a.Id}:{a.DoneAt:O}"));
        return lines.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>A random mix of what happens in two communes within a year (at most 3 days a step), through the same services the pages use.</summary>
    private sealed class History(FigureHistoryFactory factory, HouseholdWorld world, int seed)
    {
        private readonly List<string> workers = [];

        private readonly Random random = new(seed);

        // "Tổ xác nhận" draws from its own sequence, so the rest of a seed's history is drawn as before it existed.
        private readonly Random observing = new(seed + 1);

        public async Task PlayAsync(int steps)
        {
            using (var scope = factory.Services.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var names = world.UserNames.Values.ToList();
                // In a fixed order (ids are random), ordinal on every database (PostgreSQL's collation orders names
                // otherwise): a seed's history is the same on every run and both providers.
                workers.AddRange((await db.Users.Where(u => names.Contains(u.UserName!)).Select(u => new { u.UserName, u.Id }).ToListAsync(Ct))
                    .OrderBy(u => u.UserName, StringComparer.Ordinal).Select(u => u.Id));
            }
            for (var step = 0; step < steps; step++)
            {
                factory.Clock.Advance(TimeSpan.FromHours(random.Next(1, 24 * 3)));
                using var scope = factory.Services.CreateScope();
                await StepAsync(scope.ServiceProvider);
                await ObserveAsync(scope.ServiceProvider);
            }
            // Whatever the seed drew, the history ends with someone finishing the skill coverage needs, so that every
            // history has covered households to count (a random walk over five modules does not always get there).
            using (var scope = factory.Services.CreateScope())
            {
                await FinishTheSkillAsync(scope.ServiceProvider);
            }
        }

        /// <summary>A newcomer to the first household of the communes passes every module of the skill. Not someone of
        /// the history: after a revoked "Công dân số" beside a standing skill certificate, passing the quizzes again
        /// earns nothing (a new one needs a skill certificate issued since), so whoever the history left could stay
        /// uncovered.</summary>
        private async Task FinishTheSkillAsync(IServiceProvider services)
        {
            var db = services.GetRequiredService<AppDbContext>();
            var editor = services.GetRequiredService<HouseholdEditor>();
            int[] villageIds = [world.A1.Id, world.A2.Id, world.B1.Id];
            var householdId = await db.Households.Where(h => villageIds.Contains(h.VillageId)).OrderBy(h => h.Id).Select(h => h.Id).FirstAsync(Ct);
            var household = (await editor.FindAsync(Scope.Province, householdId, Ct))!;
            var learner = await NewAccountAsync(services, factory.Clock);
            await editor.AddMemberAsync(household, new MemberInput("Người học cuối", 1990, null), learner, Ct);
            foreach (var module in services.GetRequiredService<CourseCatalog>().Current.FindSkill("an-toan-mang")!.Modules)
            {
                factory.Clock.Advance(TimeSpan.FromMinutes(10));
                await SubmitAsync(services, learner, module, passed: true, assistedBy: null);
            }
        }

        /// <summary>Now and then a worker ticks tasks for someone of the communes, or a person disputes one of theirs.</summary>
        private async Task ObserveAsync(IServiceProvider services)
        {
            var db = services.GetRequiredService<AppDbContext>();
            var observations = services.GetRequiredService<TaskObservationService>();
            int[] villageIds = [world.A1.Id, world.A2.Id, world.B1.Id];
            var members = await db.HouseholdMembers.Where(m => db.Households.Any(h => h.Id == m.HouseholdId && villageIds.Contains(h.VillageId)))
                .OrderBy(m => m.Id).Select(m => new { m.Id, m.HouseholdId, m.UserId }).ToListAsync(Ct);
            switch (observing.Next(8))
            {
                // Only people who already have an account: a tick gives a person without one the team-made account,
                // and the other steps would then draw from changed lists (a seed's history would no longer be its own).
                case 0 or 1 when members.Any(m => m.UserId != null):
                    var withAccounts = members.Where(m => m.UserId != null).ToList();
                    var member = withAccounts[observing.Next(withAccounts.Count)];
                    var tasks = services.GetRequiredService<CourseCatalog>().Current.Skills.SelectMany(s => s.ObservedTasks).ToList();
                    await observations.RecordAsync(Scope.Province, member.HouseholdId, member.Id,
                        [tasks[observing.Next(tasks.Count)].Id, tasks[observing.Next(tasks.Count)].Id], workers[observing.Next(workers.Count)], Ct);
                    break;
                case 2:
                    var userIds = members.Where(m => m.UserId != null).Select(m => m.UserId).ToList();
                    var standing = await db.TaskObservations.Where(o => userIds.Contains(o.UserId) && o.DisputedAt == null)
                        .OrderBy(o => o.Id).Select(o => new { o.Id, o.UserId }).ToListAsync(Ct);
                    if (standing.Count > 0)
                    {
                        var disputed = standing[observing.Next(standing.Count)];
                        await observations.DisputeAsync(disputed.UserId, disputed.Id, Ct);
                    }
                    break;
            }
        }

        private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

        private async Task StepAsync(IServiceProvider services)
        {
            var db = services.GetRequiredService<AppDbContext>();
            var editor = services.GetRequiredService<HouseholdEditor>();
            int[] villageIds = [world.A1.Id, world.A2.Id, world.B1.Id];
            var householdIds = await db.Households.Where(h => villageIds.Contains(h.VillageId)).Select(h => h.Id).ToListAsync(Ct);
            var household = (await editor.FindAsync(Scope.Province, Pick(householdIds), Ct))!;
            var withAccounts = household.Members.Where(m => m.UserId != null).ToList();
            var course = services.GetRequiredService<CourseCatalog>().Current;
            switch (random.Next(13))
            {
                case 0:
                    await editor.CreateAsync(Scope.Province, new HouseholdInput(Pick(villageIds), "H" + Guid.NewGuid().ToString("N")[..8], "Chủ hộ " + random.Next(1000)),
                        random.Next(3) == 0 ? null : random.Next(1940, 2008), Pick(workers), Ct);
                    break;
                case 1:
                case 2:
                    var userId = random.Next(3) == 0 ? null : await NewAccountAsync(services, factory.Clock);
                    int? born = random.Next(5) == 0 ? null : random.Next(1945, 2020);
                    await editor.AddMemberAsync(household, new MemberInput("Thành viên " + random.Next(1000), born, null), userId, Ct);
                    break;
                case 3 when household.Members.Count > 0:
                    var member = Pick(household.Members);
                    await editor.UpdateMemberAsync(household, member, new MemberInput(member.FullName, random.Next(1950, 2020), null), Ct);
                    break;
                case 4 when household.Members.FirstOrDefault(m => m.UserId == null) is { } unlinked:
                    await services.GetRequiredService<AssistedAccounts>().EnsureAccountAsync(unlinked, Ct);
                    break;
                case 5:
                case 6:
                case 7:
                case 12:
                    // Half the time the most advanced learner of the communes goes on, so that people finish skills.
                    var learners = await db.HouseholdMembers.Where(m => m.UserId != null && householdIds.Contains(m.HouseholdId))
                        .OrderByDescending(m => db.QuizAttempts.Count(a => a.UserId == m.UserId && a.Passed)).ThenBy(m => m.Id).Select(m => m.UserId!).ToListAsync(Ct);
                    if (learners.Count == 0)
                    {
                        break;
                    }
                    var learner = random.Next(2) == 0 ? learners[0] : Pick(learners);
                    // Mostly the next module of the skill coverage needs, so that households get covered (after a
                    // revocation, the skill's quizzes are to be passed again).
                    var passedModules = (await services.GetRequiredService<ProgressService>().GetAsync(learner, Ct)).PassedModules;
                    // The skill has five modules: the learner going on mostly passes, whatever the seed.
                    var next = course.FindSkill("an-toan-mang")!.Modules.FirstOrDefault(m => !passedModules.Contains(m.Id));
                    var goesOn = next is not null && random.Next(8) != 0;
                    var module = goesOn ? next! : Pick(course.Skills.SelectMany(s => s.Modules).ToList());
                    await SubmitAsync(services, learner, module, passed: random.Next(goesOn ? 10 : 4) != 0, assistedBy: random.Next(3) == 0 ? Pick(workers) : null);
                    break;
                case 8 when withAccounts.Count > 0 && random.Next(3) == 0:
                    var userIds = withAccounts.Select(m => m.UserId).ToList();
                    var held = await db.Certificates.Where(c => userIds.Contains(c.UserId) && c.RevokedAt == null).Select(c => c.Code).ToListAsync(Ct);
                    if (held.Count > 0)
                    {
                        await services.GetRequiredService<CertificateIssuer>().RevokeAsync(Pick(held), "Cấp nhầm", Pick(workers), Ct);
                    }
                    break;
                case 9:
                    var target = random.Next(2) == 0 ? Pick(course.Skills).Id : Pick(course.Skills.SelectMany(s => s.Modules).ToList()).Id;
                    var due = VietnamTime.DateOf(factory.Clock.GetUtcNow().UtcDateTime).AddDays(random.Next(-10, 60));
                    await services.GetRequiredService<AssignmentService>().AddAsync(household.Id,
                        random.Next(3) == 0 && withAccounts.Count > 0 ? Pick(withAccounts).Id : null, target,
                        random.Next(4) == 0 ? null : due, null, Pick(workers), Ct);
                    break;
                case 10:
                    var assignments = await db.Assignments.Where(a => a.HouseholdId == household.Id).Select(a => a.Id).ToListAsync(Ct);
                    if (assignments.Count > 0 && random.Next(2) == 0)
                    {
                        await services.GetRequiredService<AssignmentService>().RemoveAsync(household.Id, Pick(assignments), Ct);
                    }
                    break;
                case 11:
                    await editor.UpdateAsync(Scope.Province, household, new HouseholdInput(Pick(villageIds), household.Code, household.HeadName), Ct);
                    break;
            }
        }
    }
}
