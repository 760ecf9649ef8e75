using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CdsLearn.Accounts;

/// <summary>Once an hour, deletes expired sign-in sessions and wrong-password counts too old to matter. Every server
/// runs it; deleting what another server has just deleted does no harm.</summary>
public sealed class AccountsSweeper(IServiceProvider services, ILogger<AccountsSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                using var scope = services.CreateScope();
                await scope.ServiceProvider.GetRequiredService<UserSessions>().SweepAsync(stoppingToken);
                await scope.ServiceProvider.GetRequiredService<SignInGuard>().SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Sweeping sessions and sign-in failures failed; retrying in an hour");
            }
        }
    }
}
