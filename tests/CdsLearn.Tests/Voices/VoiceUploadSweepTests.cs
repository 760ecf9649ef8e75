using CdsLearn.Data;
using CdsLearn.Tests.Figures;
using CdsLearn.Voices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CdsLearn.Tests.Voices;

/// <summary>Uploads a phone never finished are deleted with their parts once they are a day old (configurable), at
/// start-up and every hour; an upload under way is left alone.</summary>
public sealed class VoiceUploadSweepTests : LibraryWorldTest
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 5, 1, 0, 0, TimeSpan.Zero));

    private FolderAudioStore Store => new(Path.Combine(World.Folder, "sweep-audio"));

    private ServiceProvider Services(TimeSpan after)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<IAudioStore>(Store);
        services.AddSingleton(Options.Create(new VoicesOptions { AbandonedUploadsAfter = after }));
        services.AddSingleton(World.Services.GetRequiredService<DbContextOptions<AppDbContext>>());
        services.AddScoped(sp => new AppDbContext(sp.GetRequiredService<DbContextOptions<AppDbContext>>()));
        services.AddScoped<VoiceUploadSweep>();
        return services.BuildServiceProvider();
    }

    /// <summary>An upload begun at <paramref name="begun"/> with half its bytes received (a part on disk).</summary>
    private async Task<string> BeginAsync(DateTimeOffset begun, int? recordingId = null)
    {
        using var scope = World.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var user = await db.Users.Where(u => u.UserName == "lo-thi-hoa").Select(u => u.Id).SingleAsync(Ct);
        var upload = new VoiceUpload
        {
            Id = Guid.NewGuid().ToString("N"), UserId = user, ClientId = Guid.NewGuid().ToString(), ItemId = "bai", SectionKey = "mo-dau",
            Language = "thai", Length = 2000, Offset = 1000, CreatedAt = begun.UtcDateTime, RecordingId = recordingId,
        };
        db.VoiceUploads.Add(upload);
        await db.SaveChangesAsync(Ct);
        if (recordingId is null)
        {
            await Store.WritePartAsync(upload.Id, 0, new byte[1000], Ct);
        }
        return upload.Id;
    }

    private async Task<HashSet<string>> UploadsAsync()
    {
        using var scope = World.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<AppDbContext>().VoiceUploads.Select(u => u.Id).ToListAsync(Ct)).ToHashSet();
    }

    private HashSet<string> PartsOnDisk() => Store.Parts().Select(p => p.UploadId).ToHashSet();

    [Fact]
    public async Task AnUploadOlderThanTheLimitGoesWithItsPartAndOneUnderWayStays()
    {
        var abandoned = await BeginAsync(clock.GetUtcNow() - TimeSpan.FromHours(25));
        var finished = await BeginAsync(clock.GetUtcNow() - TimeSpan.FromHours(30), recordingId: 12345);
        var underWay = await BeginAsync(clock.GetUtcNow() - TimeSpan.FromHours(2));
        // A part no upload owns (its row went with a crash), written two days ago.
        await Store.WritePartAsync("orphan0123", 0, new byte[10], Ct);
        File.SetLastWriteTimeUtc(Path.Combine(Store.Root, "parts", "orphan0123.part"), clock.GetUtcNow().UtcDateTime.AddDays(-2));
        await using var services = Services(TimeSpan.FromHours(24));

        SweepResult swept;
        using (var scope = services.CreateScope())
        {
            swept = await scope.ServiceProvider.GetRequiredService<VoiceUploadSweep>().SweepAsync(Ct);
        }

        Assert.Equal(new SweepResult(2, 1), swept);
        Assert.Equal([underWay], await UploadsAsync());
        Assert.Equal([underWay], PartsOnDisk());
        Assert.DoesNotContain(abandoned, PartsOnDisk());
        Assert.DoesNotContain(finished, await UploadsAsync());
    }

    [Fact]
    public async Task TheLimitIsConfigurable()
    {
        var twoHoursOld = await BeginAsync(clock.GetUtcNow() - TimeSpan.FromHours(2));
        await using (var day = Services(TimeSpan.FromHours(24)))
        using (var scope = day.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<VoiceUploadSweep>().SweepAsync(Ct);
        }
        Assert.Contains(twoHoursOld, await UploadsAsync());

        await using (var hour = Services(TimeSpan.FromHours(1)))
        using (var scope = hour.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<VoiceUploadSweep>().SweepAsync(Ct);
        }
        Assert.DoesNotContain(twoHoursOld, await UploadsAsync());
        Assert.Empty(PartsOnDisk());
    }

    [Fact]
    public async Task TheSweeperRunsAtStartAndThenEveryHourOnTheSitesClock()
    {
        await using var services = Services(TimeSpan.FromHours(24));
        var old = await BeginAsync(clock.GetUtcNow() - TimeSpan.FromHours(25));
        var recent = await BeginAsync(clock.GetUtcNow() - TimeSpan.FromMinutes(30));
        using var sweeper = new VoiceUploadSweeper(services.GetRequiredService<IServiceScopeFactory>(), clock, NullLogger<VoiceUploadSweeper>.Instance);

        await sweeper.StartAsync(Ct);
        try
        {
            await EventuallyAsync(async () => !(await UploadsAsync()).Contains(old));
            Assert.Contains(recent, await UploadsAsync());

            // 24 hours later on the site's clock, with no real time passing: the hourly runs have swept the rest.
            for (var hour = 0; hour < 24; hour++)
            {
                clock.Advance(VoiceUploadSweeper.Interval);
                await Task.Delay(20, Ct);
            }
            await EventuallyAsync(async () => !(await UploadsAsync()).Contains(recent));
            Assert.Empty(PartsOnDisk());
        }
        finally
        {
            await sweeper.StopAsync(Ct);
        }
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await condition())
            {
                return;
            }
            await Task.Delay(50, Ct);
        }
        Assert.Fail("the sweep did not happen within 5 s");
    }
}
