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
        await using var province = await Listener.ConnectAsync(factory, world, HouseholdWorld.Province);
        await using var officerA = await Listener.ConnectAsync(factory, world, HouseholdWorld.OfficerOfA);
        await using var teamA1 = await Listener.ConnectAsync(factory, world, HouseholdWorld.TeamMemberOfA1);
        await using var teamB1 = await Listener.ConnectAsync(factory, world, HouseholdWorld.TeamMemberOfB1);

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
        await using var teamA1 = await Listener.ConnectAsync(factory, world, HouseholdWorld.TeamMemberOfA1);
        await using var officerA = await Listener.ConnectAsync(factory, world, HouseholdWorld.OfficerOfA);

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
        await Assert.ThrowsAnyAsync<Exception>(async () => await Listener.ConnectAsync(factory, world, HouseholdWorld.Learner));
    }

    private async Task AddHouseholdAsync(int villageId)
    {
        using var scope = factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<HouseholdEditor>()
            .CreateAsync(new HouseholdInput(villageId, "L" + Guid.NewGuid().ToString("N")[..6], "Hộ mới"), 1980, null, Ct);
    }

    public sealed record FiguresMessage(IReadOnlyList<int> Communes, IReadOnlyList<int> Villages);

    /// <summary>A signed-in user's dashboard connection, recording what it hears.</summary>
    private sealed class Listener : IAsyncDisposable
    {
        private readonly HubConnection connection;

        private Listener(HubConnection connection)
        {
            this.connection = connection;
            connection.On<JsonElement>("figures", m => Figures.Add(new FiguresMessage(Ids(m, "communes"), Ids(m, "villages"))));
            connection.On<JsonElement>("done", m => Done.Add(m.GetProperty("text").GetString()!));
        }

        public ConcurrentBag<FiguresMessage> Figures { get; } = [];

        public ConcurrentBag<string> Done { get; } = [];

        public static async Task<Listener> ConnectAsync(SafetyOnlyProvinceFactory factory, HouseholdWorld world, string who)
        {
            var cookies = new CookieContainer();
            HttpMessageHandler Handler() => new CookieContainerHandler(cookies) { InnerHandler = factory.Server.CreateHandler() };
            using (var http = new HttpClient(Handler()) { BaseAddress = factory.Server.BaseAddress })
            {
                var login = await http.GetStringAsync("/tai-khoan/dang-nhap", Ct);
                var token = System.Text.RegularExpressions.Regex.Match(login, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
                using var form = new FormUrlEncodedContent([
                    new("Input.UserName", world.UserNames[who]), new("Input.Password", HouseholdWorld.Password), new("__RequestVerificationToken", token)]);
                // Signed in: a redirect away from the form (a refused sign-in shows the form again).
                Assert.Equal(HttpStatusCode.Found, (await http.PostAsync("/tai-khoan/dang-nhap", form, Ct)).StatusCode);
            }
            var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(factory.Server.BaseAddress, "/hubs/so-lieu"), options =>
                {
                    options.HttpMessageHandlerFactory = _ => Handler();
                    options.Transports = HttpTransportType.LongPolling;
                })
                .Build();
            var listener = new Listener(connection);
            await connection.StartAsync(Ct);
            return listener;
        }

        public async Task WaitForAsync(Func<FiguresMessage, bool> match)
        {
            for (var i = 0; i < 100 && !Figures.Any(match); i++)
            {
                await Task.Delay(50, Ct);
            }
            Assert.Contains(Figures, m => match(m));
        }

        public async Task<string> WaitForDoneAsync()
        {
            for (var i = 0; i < 100 && Done.IsEmpty; i++)
            {
                await Task.Delay(50, Ct);
            }
            return Assert.Single(Done);
        }

        public ValueTask DisposeAsync() => connection.DisposeAsync();

        private static List<int> Ids(JsonElement message, string name) =>
            message.TryGetProperty(name, out var ids) ? ids.EnumerateArray().Select(e => e.GetInt32()).ToList() : [];
    }
}
