using CdsLearn.Content;
using CdsLearn.Data;
using CdsLearn.Figures;
using CdsLearn.Households;
using CdsLearn.Web.Tests.Households;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Web.Tests.Figures;

/// <summary>The province dashboard keeps each commune's overdue assignments and its teams' workers between views
/// (<see cref="ProvinceFigureCache"/>): the counts still move the moment an assignment's day has passed, it is done,
/// a worker does outreach, 30 days go by, or a team gains or loses a member. Each step here is seconds after the
/// last, so the kept values are used, not read again whole.</summary>
public class KeptCountsTests(FigureHistoryFactory factory) : IClassFixture<FigureHistoryFactory>
{
    /// <summary>23:59:50 in Vietnam on 10 February 2026: ten seconds later it is the 11th.</summary>
    private static readonly DateTimeOffset BeforeMidnight = new(2026, 2, 10, 16, 59, 50, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnAssignmentIsOverdueTheMomentItsDayHasPassedAndNoLongerOnceDone()
    {
        factory.Clock.Now = BeforeMidnight;
        var world = await HouseholdWorld.CreateAsync(factory);
        var module = Course().FindSkill("an-toan-mang")!.Modules[0];
        string learner;
        using (var scope = factory.Services.CreateScope())
        {
            learner = await FigureTests.NewAccountAsync(scope.ServiceProvider, factory.Clock);
            var editor = scope.ServiceProvider.GetRequiredService<HouseholdEditor>();
            var household = (await editor.FindAsync(Scope.Province, world.InA1.Id, Ct))!;
            var member = await editor.AddMemberAsync(household, new MemberInput("Lò Thị Hạn", 1990, null), learner, Ct);
            // Due today: not overdue until the day is over.
            var assignments = scope.ServiceProvider.GetRequiredService<AssignmentService>();
            await assignments.AddAsync(world.InA1.Id, member.Id, module.Id, assignments.Today, null, "test", Ct);
        }
        var (communeA, communeB) = (world.A1.CommuneId, world.B1.CommuneId);
        Assert.Equal((0, 0), Pair(await OverdueAsync(), communeA, communeB));
        Assert.Equal((0, 0), Pair(await OverdueAsync(), communeA, communeB));

        factory.Clock.Advance(TimeSpan.FromSeconds(10));
        AssertKept(Cache().OpenAssignments.PlanRead(Quarter.Of(factory.Clock.GetUtcNow().UtcDateTime).Key));
        Assert.Equal((1, 0), Pair(await OverdueAsync(), communeA, communeB));

        using (var scope = factory.Services.CreateScope())
        {
            await FigureTests.SubmitAsync(scope.ServiceProvider, learner, module, passed: true, assistedBy: null);
        }
        Assert.Equal((0, 0), Pair(await OverdueAsync(), communeA, communeB));
    }

    [Fact]
    public async Task AWorkerCountsAsActiveInTheirTeamsCommuneAtOnceAndNoLongerThirtyDaysOn()
    {
        factory.Clock.Now = BeforeMidnight;
        var world = await HouseholdWorld.CreateAsync(factory);
        var communeB = world.B1.CommuneId;
        Assert.Equal(new TeamCount(1, 1, 0), (await TeamsAsync())[communeB]);

        // The worker of a team in commune B registers a household in commune A: commune B's count moves.
        var worker = await UserIdAsync(world.UserNames[HouseholdWorld.TeamMemberOfB1]);
        using (var scope = factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<HouseholdEditor>()
                .CreateAsync(Scope.Province, new HouseholdInput(world.A1.Id, "A1-B", "Hộ do tổ B đăng ký"), 1980, worker, Ct);
        }
        Assert.Equal(new TeamCount(1, 1, 1), (await TeamsAsync())[communeB]);

        factory.Clock.Advance(TimeSpan.FromDays(30) - TimeSpan.FromSeconds(5));
        Assert.Equal(new TeamCount(1, 1, 1), (await TeamsAsync())[communeB]);
        factory.Clock.Advance(TimeSpan.FromSeconds(10));
        AssertKept(Cache().Teams.PlanRead(0));
        Assert.Equal(new TeamCount(1, 1, 0), (await TeamsAsync())[communeB]);
    }

    [Fact]
    public async Task ANewTeamAndAMemberAddedOrRemovedShowAtOnce()
    {
        factory.Clock.Now = BeforeMidnight;
        var world = await HouseholdWorld.CreateAsync(factory);
        var communeA = world.A1.CommuneId;
        Assert.Equal(new TeamCount(1, 1, 0), (await TeamsAsync())[communeA]);

        using var scope = factory.Services.CreateScope();
        var teams = scope.ServiceProvider.GetRequiredService<TeamService>();
        var team = await teams.CreateAsync(Scope.Province, communeA, world.A2.Id, "Tổ A2", Ct);
        AssertKept(Cache().Teams.PlanRead(0), changed: communeA);
        Assert.Equal(new TeamCount(2, 1, 0), (await TeamsAsync())[communeA]);

        Assert.Null(await teams.AddExistingAsync(team.Id, world.UserNames[HouseholdWorld.TeamMemberOfB1], Ct));
        Assert.Equal(new TeamCount(2, 2, 0), (await TeamsAsync())[communeA]);

        await teams.RemoveAsync(team.Id, await UserIdAsync(world.UserNames[HouseholdWorld.TeamMemberOfB1]), Ct);
        Assert.Equal(new TeamCount(2, 1, 0), (await TeamsAsync())[communeA]);
    }

    [Fact]
    public async Task ACommuneImportedOrItsOfficialCountChangedShowsAtOnce()
    {
        factory.Clock.Now = BeforeMidnight;
        var world = await HouseholdWorld.CreateAsync(factory);
        var before = await CommunesAsync();
        var communeA = before.Single(c => c.Id == world.A1.CommuneId);
        Assert.Equal(100, communeA.OfficialHouseholds);
        AssertKept(Cache().Communes.PlanRead(Quarter.Of(factory.Clock.GetUtcNow().UtcDateTime).Key));

        var name = "Mới Nhập " + Guid.NewGuid().ToString("N")[..4];
        using (var scope = factory.Services.CreateScope())
        {
            var nameOfA = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Communes
                .Where(c => c.Id == communeA.Id).Select(c => c.Name).SingleAsync(Ct);
            var report = await scope.ServiceProvider.GetRequiredService<CdsLearn.Imports.GeographyImporter>().ImportAsync(
                new MemoryStream(System.Text.Encoding.UTF8.GetBytes($"commune,kind,official_households\n{nameOfA},xã,250\n{name},xã,80\n")), Ct);
            Assert.Empty(report.Problems);
        }

        // Seconds later, well within the kept list's life: both show.
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var after = await CommunesAsync();
        Assert.Equal(250, after.Single(c => c.Id == communeA.Id).OfficialHouseholds);
        Assert.Equal(80, after.Single(c => c.Name.EndsWith(name, StringComparison.Ordinal)).OfficialHouseholds);
    }

    private async Task<IReadOnlyList<PlaceFigures>> CommunesAsync()
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<CdsLearn.Figures.Dashboard>().CommunesAsync(Scope.Province, Ct);
    }

    /// <summary>The next view reuses what is kept: nothing read again but the communes said.</summary>
    private static void AssertKept<T>(KeptPerCommune<T>.Plan plan, params int[] changed) where T : class
    {
        Assert.NotNull(plan.Values);
        Assert.Equal(changed.Order(), plan.Changed.Order());
    }

    private static (int, int) Pair(Dictionary<int, int> byCommune, int a, int b) => (byCommune[a], byCommune[b]);

    private async Task<Dictionary<int, int>> OverdueAsync()
    {
        using var scope = factory.Services.CreateScope();
        var dashboard = scope.ServiceProvider.GetRequiredService<CdsLearn.Figures.Dashboard>();
        return await dashboard.OverdueByCommuneAsync(await dashboard.CommunesAsync(Scope.Province, Ct), Ct);
    }

    private async Task<Dictionary<int, TeamCount>> TeamsAsync()
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<CdsLearn.Figures.Dashboard>().TeamsByCommuneAsync(Ct);
    }

    private ProvinceFigureCache Cache() => factory.Services.GetRequiredService<ProvinceFigureCache>();

    private Course Course() => factory.Services.GetRequiredService<CourseCatalog>().Current;

    private async Task<string> UserIdAsync(string userName)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync(Ct);
    }
}
