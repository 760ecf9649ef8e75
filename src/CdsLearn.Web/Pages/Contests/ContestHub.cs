using System.Security.Claims;
using CdsLearn.Contests;
using CdsLearn.Households;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace CdsLearn.Web.Pages.Contests;

/// <summary>
/// The live contest. Players need no account: <see cref="Enter"/> finds their seat from the seat cookie that the
/// join form gave the phone. Hosts and the TV <see cref="Watch"/> a contest they may run. The hub is thin: the
/// state is in the database (<see cref="ContestGame"/>); messages are small, and the players' never carry the
/// right option before the lock.
/// </summary>
public sealed class ContestHub(ContestService contests, ContestGame game, ContestBoard boards, ContestBroadcaster broadcaster, ScopeService scopes, IAuthorizationService authorization) : Hub
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
            await boards.PlayerViewAsync(contest.Id, Context.ConnectionAborted),
            await boards.SelfAsync(contest.Id, player.Id, Context.ConnectionAborted));
    }

    /// <summary>The player's answer to the open question; refused, with the reason, when it comes after the lock.</summary>
    public async Task<AnswerResult> Answer(int index, int option)
    {
        if (Context.Items[nameof(ContestPlayer)] is not ValueTuple<int, int> seat)
        {
            return new AnswerResult(false, "Bạn chưa vào cuộc thi. Hãy tải lại trang.");
        }
        var (contestId, playerId) = seat;
        var outcome = await game.AnswerAsync(contestId, playerId, index, option, Context.ConnectionAborted);
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
        return await boards.BoardAsync(contest.Id, Context.ConnectionAborted);
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
        return await boards.BoardAsync(contestId, Context.ConnectionAborted);
    }
}
