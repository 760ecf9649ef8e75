using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using CdsLearn.Web.Tests.Households;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace CdsLearn.Web.Tests.Live;

public sealed record FiguresMessage(IReadOnlyList<int> Communes, IReadOnlyList<int> Villages);

/// <summary>A signed-in user's dashboard connection, recording what it hears.</summary>
public sealed class DashboardListener : IAsyncDisposable
{
    private readonly HubConnection connection;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DashboardListener(HubConnection connection)
    {
        this.connection = connection;
        connection.On<JsonElement>("figures", m => Figures.Add(new FiguresMessage(Ids(m, "communes"), Ids(m, "villages"))));
        connection.On<JsonElement>("done", m => Done.Add(m.GetProperty("text").GetString()!));
    }

    public ConcurrentBag<FiguresMessage> Figures { get; } = [];

    public ConcurrentBag<string> Done { get; } = [];

    public static Task<DashboardListener> ConnectAsync(CdsLearnFactory factory, HouseholdWorld world, string who) =>
        ConnectAsync(factory, factory, world, who);

    /// <summary>Signs in on one server and listens on another (the same one, unless several share a database).</summary>
    public static async Task<DashboardListener> ConnectAsync(CdsLearnFactory signInAt, CdsLearnFactory listenAt, HouseholdWorld world, string who)
    {
        var cookies = new CookieContainer();
        HttpMessageHandler Handler(CdsLearnFactory server) => new CookieContainerHandler(cookies) { InnerHandler = server.Server.CreateHandler() };
        using (var http = new HttpClient(Handler(signInAt)) { BaseAddress = signInAt.Server.BaseAddress })
        {
            var login = await http.GetStringAsync("/tai-khoan/dang-nhap", Ct);
            var token = System.Text.RegularExpressions.Regex.Match(login, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
            using var form = new FormUrlEncodedContent([
                new("Input.UserName", world.UserNames[who]), new("Input.Password", HouseholdWorld.Password), new("__RequestVerificationToken", token)]);
            // Signed in: a redirect away from the form (a refused sign-in shows the form again).
            Assert.Equal(HttpStatusCode.Found, (await http.PostAsync("/tai-khoan/dang-nhap", form, Ct)).StatusCode);
        }
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(listenAt.Server.BaseAddress, "/hubs/so-lieu"), options =>
            {
                options.HttpMessageHandlerFactory = _ => Handler(listenAt);
                options.Transports = HttpTransportType.LongPolling;
            })
            .Build();
        var listener = new DashboardListener(connection);
        await connection.StartAsync(Ct);
        // StartAsync returns at the handshake, before the hub's OnConnectedAsync has put the connection in its groups;
        // a change sent in between is not heard (it failed CI under load). SignalR dispatches a client's invocations
        // only once OnConnectedAsync has returned, so any answer means the groups are set: the hub has no methods
        // (clients only listen), and the answer is "no such method".
        await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync("Ready", Ct));
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
