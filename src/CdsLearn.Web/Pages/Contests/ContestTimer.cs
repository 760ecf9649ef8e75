using CdsLearn.Contests;

namespace CdsLearn.Web.Pages.Contests;

/// <summary>Locks each open question when its time is up (by the server's clock), scores it and tells everyone,
/// whether or not the host's screen is still open. With several web servers each runs this timer: the conditional
/// update in <see cref="ContestGame.RevealAsync"/> lets exactly one of them lock a question and tell the phones.</summary>
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
                var game = scope.ServiceProvider.GetRequiredService<ContestGame>();
                foreach (var id in await game.DueAsync(stoppingToken))
                {
                    if (await game.RevealAsync(id, early: false, stoppingToken))
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
