using CdsLearn.Contests;
using Microsoft.AspNetCore.SignalR;

namespace CdsLearn.Web.Pages.Contests;

/// <summary>Tells the phones and the boards that a contest changed: "state" (the public view) to the players,
/// "board" to the host and the TV, "answered" (a count) to the boards as answers come in.</summary>
public sealed class ContestBroadcaster(IHubContext<ContestHub> hub, ContestBoard boards, ILogger<ContestBroadcaster> logger)
{
    public async Task ChangedAsync(int contestId, CancellationToken cancellationToken = default)
    {
        try
        {
            if (await boards.PlayerViewAsync(contestId, cancellationToken) is { } view)
            {
                await hub.Clients.Group(ContestHub.PlayersGroup(contestId)).SendAsync("state", view, cancellationToken);
            }
            if (await boards.BoardAsync(contestId, cancellationToken) is { } board)
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
            var players = await boards.PlayerCountAsync(contestId);
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
            var count = await boards.AnsweredCountAsync(contestId, index);
            await hub.Clients.Group(ContestHub.BoardGroup(contestId)).SendAsync("answered", new { index, count });
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not send contest {ContestId}", contestId);
        }
    }
}
