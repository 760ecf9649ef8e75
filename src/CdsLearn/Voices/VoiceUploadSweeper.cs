using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CdsLearn.Voices;

/// <summary>Runs <see cref="VoiceUploadSweep"/> at start-up and then every hour, on the site's clock.</summary>
public sealed class VoiceUploadSweeper(IServiceScopeFactory scopes, TimeProvider clock, ILogger<VoiceUploadSweeper> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                using var scope = scopes.CreateScope();
                var swept = await scope.ServiceProvider.GetRequiredService<VoiceUploadSweep>().SweepAsync(stoppingToken);
                if (swept != new SweepResult(0, 0))
                {
                    logger.LogInformation("Voices: swept {Uploads} abandoned uploads, and {Parts} parts", swept.Uploads, swept.Parts);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Sweeping abandoned voice uploads failed; retrying in an hour");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
