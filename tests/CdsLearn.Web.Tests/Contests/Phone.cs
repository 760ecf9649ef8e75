using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.SignalR.Client;

namespace CdsLearn.Web.Tests.Contests;

/// <summary>
/// A phone in the village hall: its own cookies (the seat token among them), forms posted like a browser, and a real
/// SignalR connection to the contest hub (long polling through the in-process server), recording every message.
/// </summary>
public sealed partial class Phone(WebApplicationFactory<Program> factory) : IAsyncDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly CookieContainer cookies = new();
    private HubConnection? connection;

    public ConcurrentQueue<JsonElement> States { get; } = new();

    public ConcurrentQueue<JsonElement> Boards { get; } = new();

    public ConcurrentQueue<int> Answered { get; } = new();

    public HttpClient Http() => new(new CookieContainerHandler(cookies) { InnerHandler = factory.Server.CreateHandler() })
    {
        BaseAddress = factory.Server.BaseAddress,
    };

    /// <summary>Gets the page, fills its form (by its action, or the main form) and posts it; returns the response without following redirects.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string url, IEnumerable<(string, string)> fields, string? action = null)
    {
        using var http = Http();
        var html = await http.GetStringAsync(url, Ct);
        var token = TokenField().Match(html).Groups[1].Value;
        using var form = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))
            .Append(new("__RequestVerificationToken", token)));
        return await http.PostAsync(action ?? url, form, Ct);
    }

    public async Task SignInAsync(string userName, string password)
    {
        var response = await PostFormAsync("/tai-khoan/dang-nhap", [("Input.UserName", userName), ("Input.Password", password)]);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
    }

    public async Task<HttpResponseMessage> JoinAsync(string code, string name) =>
        await PostFormAsync("/thi/" + code, [("Input.Code", code), ("Input.Name", name)]);

    public async Task ConnectAsync()
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
        connection = new HubConnectionBuilder()
            .WithUrl(new Uri(factory.Server.BaseAddress, "/hubs/cuoc-thi"), options =>
            {
                options.HttpMessageHandlerFactory = _ => new CookieContainerHandler(cookies) { InnerHandler = factory.Server.CreateHandler() };
                options.Transports = HttpTransportType.LongPolling;
            })
            .Build();
        connection.On<JsonElement>("state", m => States.Enqueue(m.Clone()));
        connection.On<JsonElement>("board", m => Boards.Enqueue(m.Clone()));
        connection.On<JsonElement>("answered", m => Answered.Enqueue(m.GetProperty("count").GetInt32()));
        await connection.StartAsync(Ct);
    }

    /// <summary>Drops the connection, as a phone that loses the signal.</summary>
    public async Task DropAsync()
    {
        await connection!.DisposeAsync();
        connection = null;
    }

    public Task<JsonElement> EnterAsync(string code) => connection!.InvokeAsync<JsonElement>("Enter", code, Ct);

    public Task<JsonElement> AnswerAsync(int index, int option) => connection!.InvokeAsync<JsonElement>("Answer", index, option, Ct);

    public Task<JsonElement> WatchAsync(int contestId) => connection!.InvokeAsync<JsonElement>("Watch", contestId, Ct);

    public Task<JsonElement> WatchScreenAsync(string key) => connection!.InvokeAsync<JsonElement>("WatchScreen", key, Ct);

    /// <summary>Waits until a "state" message matches.</summary>
    public async Task<JsonElement> WaitForStateAsync(Func<JsonElement, bool> match, int seconds = 20)
    {
        for (var i = 0; i < seconds * 20; i++)
        {
            var found = States.Where(match).ToList();
            if (found.Count > 0)
            {
                return found[^1];
            }
            await Task.Delay(50, Ct);
        }
        throw new TimeoutException("no matching contest state arrived");
    }

    public async ValueTask DisposeAsync()
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}

public static class ContestMessages
{
    public static string Phase(this JsonElement state) => state.GetProperty("phase").GetString()!;

    public static int Index(this JsonElement state) => state.GetProperty("index").GetInt32();

    public static int? Correct(this JsonElement state) =>
        state.TryGetProperty("correct", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetInt32() : null;
}
