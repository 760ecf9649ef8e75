using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using CdsLearn.Data;
using CdsLearn.Households;
using CdsLearn.Web.Tests.Households;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Web.Tests.Live;

/// <summary>Live news over real SignalR connections: each role hears about the places of its scope and no others.</summary>
public class LiveFiguresTests(SafetyOnlyProvinceFactory factory) : IClassFixture<SafetyOnlyProvinceFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ChangesReachOnlyTheDashboardsWhoseScopeTheyAreIn()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        await using var province = await DashboardListener.ConnectAsync(factory, world, HouseholdWorld.Province);
        await using var officerA = await DashboardListener.ConnectAsync(factory, world, HouseholdWorld.OfficerOfA);
        await using var teamA1 = await DashboardListener.ConnectAsync(factory, world, HouseholdWorld.TeamMemberOfA1);
        await using var teamB1 = await DashboardListener.ConnectAsync(factory, world, HouseholdWorld.TeamMemberOfB1);

        await AddHouseholdAsync(world.B1.Id);
        await teamB1.WaitForAsync(m => m.Villages.Contains(world.B1.Id));
        await province.WaitForAsync(m => m.Communes.Contains(world.B1.CommuneId));
        await Task.Delay(300, Ct);
        Assert.Empty(officerA.Figures);
        Assert.Empty(teamA1.Figures);

        await AddHouseholdAsync(world.A2.Id);
        await officerA.WaitForAsync(m => m.Communes.SequenceEqual([world.A1.CommuneId]));
        await province.WaitForAsync(m => m.Communes.Contains(world.A1.CommuneId));
        await Task.Delay(300, Ct);
        Assert.Empty(teamA1.Figures);
        Assert.DoesNotContain(teamB1.Figures, m => m.Villages.Contains(world.A2.Id) || m.Communes.Count > 0);
    }

    [Fact]
    public async Task TheTeamWorkerWhoGaveAnAssignmentHearsWhenItIsDone()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var learner = await Learner.RegisterAsync(factory, "Cầm Thị Nghe");
        await HouseholdWorld.LinkLearnerAsync(factory, world.InA1, learner.UserName, new MemberInput("Cầm Thị Nghe", 2000, null));
        var module = learner.Course.FindSkill("an-toan-mang")!.Modules[0];
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var worker = await db.Users.Where(u => u.UserName == world.UserNames[HouseholdWorld.TeamMemberOfA1]).Select(u => u.Id).SingleAsync(Ct);
            await scope.ServiceProvider.GetRequiredService<AssignmentService>().AddAsync(world.InA1.Id, null, module.Id, null, null, worker, Ct);
        }
        await using var teamA1 = await DashboardListener.ConnectAsync(factory, world, HouseholdWorld.TeamMemberOfA1);
        await using var officerA = await DashboardListener.ConnectAsync(factory, world, HouseholdWorld.OfficerOfA);

        await learner.TakeQuizAsync(module.Id, right: false);
        await learner.TakeQuizAsync(module.Id);

        var done = await teamA1.WaitForDoneAsync();
        Assert.Contains("Lò Văn Một", done, StringComparison.Ordinal);
        Assert.Contains(module.Title, done, StringComparison.Ordinal);
        await Task.Delay(300, Ct);
        Assert.Single(teamA1.Done);
        Assert.Empty(officerA.Done);
    }

    [Fact]
    public async Task TheHubRefusesAnonymousClientsAndLearners()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var anonymous = factory.CreateClient(new() { AllowAutoRedirect = false });
        var negotiate = await anonymous.PostAsync("/hubs/so-lieu/negotiate?negotiateVersion=1", null, Ct);
        Assert.NotEqual(HttpStatusCode.OK, negotiate.StatusCode);
        await Assert.ThrowsAnyAsync<Exception>(async () => await DashboardListener.ConnectAsync(factory, world, HouseholdWorld.Learner));
    }

    private async Task AddHouseholdAsync(int villageId)
    {
        using var scope = factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<HouseholdEditor>()
            .CreateAsync(Scope.Province, new HouseholdInput(villageId, "L" + Guid.NewGuid().ToString("N")[..6], "Hộ mới"), 1980, null, Ct);
    }
}
