using System.Security.Claims;
using CdsLearn.Contests;
using CdsLearn.Households;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace CdsLearn.Web.Pages.Contests;

/// <summary>
/// The live contest. Players need no account: <see cref="Enter"/> finds their seat from the seat cookie that the
/// join form gave the phone. Hosts and the TV <see cref="Watch"/> a contest they may run. The hub is thin: the
/// state is in the database (<see cref="ContestService"/>); messages are small, and the players' never carry the
/// right option before the lock.
/// </summary>
public sealed class ContestHub(ContestService contests, ContestBroadcaster broadcaster, ScopeService scopes, IAuthorizationService authorization) : Hub
{
    public const string Path = "/hubs/cuoc-thi";

    public static string PlayersGroup(int contestId) => "cp:" + contestId;

    public static string BoardGroup(int contestId) => "cb:" + contestId;

    public static string SeatCookie(string code) => "thi-" + code;

    /// <summary>Takes the phone's seat (from its cookie) and returns the current question and the player's standing.</summary>
    public async Task<EnterResult> Enter(string code)
    {
        var contest = await contests.FindByCodeAsync(code, Context.ConnectionAborted);
        if (contest is null)
        {
            return EnterResult.Refused("Không tìm thấy cuộc thi với mã này.");
        }
        var token = Context.GetHttpContext()?.Request.Cookies[SeatCookie(contest.Code)];
        var player = await contests.FindPlayerAsync(contest.Id, token, Context.ConnectionAborted);
        if (player is null)
        {
            return EnterResult.Refused("Bạn chưa vào cuộc thi này. Hãy nhập tên để tham gia.");
        }
        Context.Items[nameof(ContestPlayer)] = (contest.Id, player.Id);
        await Groups.AddToGroupAsync(Context.ConnectionId, PlayersGroup(contest.Id), Context.ConnectionAborted);
        return new EnterResult(true, null,
            await contests.PlayerViewAsync(contest.Id, Context.ConnectionAborted),
            await contests.SelfAsync(contest.Id, player.Id, Context.ConnectionAborted));
    }

    /// <summary>The player's answer to the open question; refused, with the reason, when it comes after the lock.</summary>
    public async Task<AnswerResult> Answer(int index, int option)
    {
        if (Context.Items[nameof(ContestPlayer)] is not ValueTuple<int, int> seat)
        {
            return new AnswerResult(false, "Bạn chưa vào cuộc thi. Hãy tải lại trang.");
        }
        var (contestId, playerId) = seat;
        var outcome = await contests.AnswerAsync(contestId, playerId, index, option, Context.ConnectionAborted);
        if (outcome == AnswerOutcome.Accepted)
        {
            await broadcaster.AnsweredAsync(contestId, index);
        }
        return outcome switch
        {
            AnswerOutcome.Accepted or AnswerOutcome.AlreadyAnswered => new AnswerResult(true, "Đã nhận câu trả lời."),
            AnswerOutcome.TooLate => new AnswerResult(false, "Hết giờ: câu trả lời đến sau khi khoá nên không được tính."),
            AnswerOutcome.Eliminated => new AnswerResult(false, "Bạn đã bị loại nên không trả lời được. Hãy chờ vòng cứu trợ."),
            AnswerOutcome.NotOpen => new AnswerResult(false, "Câu hỏi này chưa mở."),
            _ => new AnswerResult(false, "Câu trả lời không hợp lệ."),
        };
    }

    /// <summary>The big screen by its own link: the board of the contest with this screen key, for anyone holding it.</summary>
    public async Task<BoardView?> WatchScreen(string key)
    {
        var contest = await contests.FindByScreenKeyAsync(key, Context.ConnectionAborted) ?? throw new HubException("Không tìm thấy cuộc thi.");
        await Groups.AddToGroupAsync(Context.ConnectionId, BoardGroup(contest.Id), Context.ConnectionAborted);
        return await contests.BoardAsync(contest.Id, Context.ConnectionAborted);
    }

    /// <summary>The host's screen and the TV: the board of a contest the user may run.</summary>
    public async Task<BoardView?> Watch(int contestId)
    {
        var user = Context.User;
        if (user?.Identity?.IsAuthenticated != true || !(await authorization.AuthorizeAsync(user, AuthorizationPolicies.Outreach)).Succeeded)
        {
            throw new HubException("Bạn cần đăng nhập bằng tài khoản của tổ công nghệ số.");
        }
        var contest = await contests.FindAsync(contestId, Context.ConnectionAborted);
        var scope = await scopes.ForAsync(user, Context.ConnectionAborted);
        if (contest is null || !await contests.MayHostAsync(contest, user.FindFirstValue(ClaimTypes.NameIdentifier), scope, Context.ConnectionAborted))
        {
            throw new HubException("Không tìm thấy cuộc thi.");
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, BoardGroup(contestId), Context.ConnectionAborted);
        return await contests.BoardAsync(contestId, Context.ConnectionAborted);
    }
}

public sealed record EnterResult(bool Ok, string? Message, PlayerView? View, PlayerSelf? Me)
{
    public static EnterResult Refused(string message) => new(false, message, null, null);
}

public sealed record AnswerResult(bool Ok, string Message);

/// <summary>Tells the phones and the boards that a contest changed: "state" (the public view) to the players,
/// "board" to the host and the TV, "answered" (a count) to the boards as answers come in.</summary>
public sealed class ContestBroadcaster(IHubContext<ContestHub> hub, ContestService contests, ILogger<ContestBroadcaster> logger)
{
    public async Task ChangedAsync(int contestId, CancellationToken cancellationToken = default)
    {
        try
        {
            if (await contests.PlayerViewAsync(contestId, cancellationToken) is { } view)
            {
                await hub.Clients.Group(ContestHub.PlayersGroup(contestId)).SendAsync("state", view, cancellationToken);
            }
            if (await contests.BoardAsync(contestId, cancellationToken) is { } board)
            {
                await hub.Clients.Group(ContestHub.BoardGroup(contestId)).SendAsync("board", board, cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not send contest {ContestId}", contestId);
        }
    }

    /// <summary>A new seat: the boards' count of players moves (the phones are not told).</summary>
    public async Task JoinedAsync(int contestId)
    {
        try
        {
            var players = await contests.PlayerCountAsync(contestId);
            await hub.Clients.Group(ContestHub.BoardGroup(contestId)).SendAsync("joined", new { players });
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not send contest {ContestId}", contestId);
        }
    }

    /// <summary>One more answer: the boards' count moves. Never fails the answer that caused it.</summary>
    public async Task AnsweredAsync(int contestId, int index)
    {
        try
        {
            var count = await contests.AnsweredCountAsync(contestId, index);
            await hub.Clients.Group(ContestHub.BoardGroup(contestId)).SendAsync("answered", new { index, count });
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not send contest {ContestId}", contestId);
        }
    }
}

/// <summary>Locks each open question when its time is up (by the server's clock), scores it and tells everyone,
/// whether or not the host's screen is still open. With several web servers each runs this timer: the conditional
/// update in <see cref="ContestService.RevealAsync"/> lets exactly one of them lock a question and tell the phones.</summary>
public sealed class ContestTimer(IServiceScopeFactory scopes, ILogger<ContestTimer> logger) : BackgroundService
{
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                using var scope = scopes.CreateScope();
                var contests = scope.ServiceProvider.GetRequiredService<ContestService>();
                foreach (var id in await contests.DueAsync(stoppingToken))
                {
                    if (await contests.RevealAsync(id, early: false, stoppingToken))
                    {
                        await scope.ServiceProvider.GetRequiredService<ContestBroadcaster>().ChangedAsync(id, stoppingToken);
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may not exist yet at start-up, or be busy: the next tick tries again.
                logger.LogDebug(e, "Contest timer tick failed");
            }
        }
    }
}
