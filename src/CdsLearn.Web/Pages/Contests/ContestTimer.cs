using CdsLearn.Contests;

namespace CdsLearn.Web.Pages.Contests;

/// <summary>Locks each open question when its time is up (by the server's clock), scores it and tells everyone,
/// whether or not the host's screen is still open. It looks every <see cref="Tick"/> while a question is open; with none
/// open, when this server opens one (<see cref="OpenedQuestions"/>), or every <see cref="Idle"/> for one another server
/// opened. With several web servers each runs this timer: the conditional update in
/// <see cref="ContestGame.RevealAsync"/> lets exactly one of them lock a question and tell the phones.</summary>
public sealed class ContestTimer(IServiceScopeFactory scopes, OpenedQuestions opened, ILogger<ContestTimer> logger) : BackgroundService
{
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);

    public static readonly TimeSpan Idle = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            // Read before looking: a question opened while the timer looks wakes the wait that follows.
            var next = opened.Next;
            var anyOpen = await LockDueAsync(stoppingToken);
            await Task.WhenAny(Task.Delay(anyOpen ? Tick : Idle, stoppingToken), next);
        }
    }

    /// <summary>Locks the questions whose time is up; whether any question was open.</summary>
    private async Task<bool> LockDueAsync(CancellationToken stoppingToken)
    {
        try
        {
            using var scope = scopes.CreateScope();
            var game = scope.ServiceProvider.GetRequiredService<ContestGame>();
            var (anyOpen, due) = await game.DueAsync(stoppingToken);
            foreach (var id in due)
            {
                if (await game.RevealAsync(id, early: false, stoppingToken))
                {
                    await scope.ServiceProvider.GetRequiredService<ContestBroadcaster>().ChangedAsync(id, stoppingToken);
                }
            }
            return anyOpen;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The database may not exist yet at start-up, or be busy: the next tick tries again.
            logger.LogDebug(e, "Contest timer tick failed");
            return true;
        }
    }
}
