using CdsLearn.Certificates;
using CdsLearn.Data;
using CdsLearn.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CdsLearn.Figures;

/// <summary>Recounts the figures from raw data, a commune at a time, each in its own transaction
/// (`cdslearn rollups rebuild`; also at start-up and on 1 January for communes whose ages are a year behind).</summary>
public sealed class FigureRebuilder(AppDbContext db, TimeProvider clock) : IDbSeeder
{
    public Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken) => RebuildStaleAsync(cancellationToken);

    /// <summary>Recounts the communes never counted, or counted with last year's ages; returns how many.</summary>
    public async Task<int> RebuildStaleAsync(CancellationToken cancellationToken = default)
    {
        var stale = await StaleCommunesAsync(cancellationToken);
        foreach (var communeId in stale)
        {
            await RebuildCommuneAsync(communeId, cancellationToken);
        }
        return stale.Count;
    }

    public int CurrentYear => VietnamTime.ThisYear(clock);

    public async Task<int> RebuildAllAsync(IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var communes = await db.Communes.OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(cancellationToken);
        foreach (var communeId in communes)
        {
            await RebuildCommuneAsync(communeId, cancellationToken);
            progress?.Report(communeId);
        }
        return communes.Count;
    }

    /// <summary>Communes never counted, or counted with last year's ages.</summary>
    public async Task<IReadOnlyList<int>> StaleCommunesAsync(CancellationToken cancellationToken = default)
    {
        var year = CurrentYear;
        return await db.Communes
            .Where(c => !db.CommuneFigureStates.Any(s => s.CommuneId == c.Id && s.ReferenceYear == year))
            .OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(cancellationToken);
    }

    public async Task RebuildCommuneAsync(int communeId, CancellationToken cancellationToken = default)
    {
        var year = CurrentYear;
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var villages = db.Villages.Where(v => v.CommuneId == communeId).Select(v => v.Id);
            await db.VillageFigures.Where(f => villages.Contains(f.VillageId)).ExecuteDeleteAsync(ct);
            await db.CommuneFigures.Where(f => f.CommuneId == communeId).ExecuteDeleteAsync(ct);
            await db.WorkerFigures.Where(f => f.CommuneId == communeId).ExecuteDeleteAsync(ct);

            var households = db.Households.Where(h => villages.Contains(h.VillageId));
            var counted = await HouseholdContributions.ComputeAsync(db, households, _ => year, ct);
            var rows = counted.Counts.Where(c => c.Value != 0).ToList();
            db.VillageFigures.AddRange(rows.Where(r => r.Key.UserId is null).Select(r =>
                new VillageFigure { VillageId = r.Key.VillageId, Quarter = r.Key.Quarter, Metric = r.Key.Metric, Value = r.Value }));
            db.CommuneFigures.AddRange(rows.Where(r => r.Key.UserId is null)
                .GroupBy(r => (r.Key.Quarter, r.Key.Metric), r => r.Value)
                .Select(g => new CommuneFigure { CommuneId = communeId, Quarter = g.Key.Quarter, Metric = g.Key.Metric, Value = g.Sum() }));
            db.WorkerFigures.AddRange(rows.Where(r => r.Key.UserId is not null).Select(r =>
                new WorkerFigure { CommuneId = communeId, UserId = r.Key.UserId!, Quarter = r.Key.Quarter, Metric = r.Key.Metric, Value = r.Value }));
            var state = await db.CommuneFigureStates.SingleOrDefaultAsync(s => s.CommuneId == communeId, ct);
            if (state is null)
            {
                db.CommuneFigureStates.Add(state = new CommuneFigureState { CommuneId = communeId });
            }
            state.ReferenceYear = year;
            state.RebuiltAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
            await FigureStore.SetAssignmentsDoneAsync(db, counted.AssignmentsDone, ct);
            db.Figures.Changed(new FigureChange(new HashSet<int> { communeId }, counted.Villages, []));
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
        }, cancellationToken);
    }
}

/// <summary>Recounts communes whose figures are missing or a year old: at start-up (so a database from before the
/// figures existed gets them) and then every hour (so ages move on after 1 January).</summary>
public sealed class FigureYearWatcher(IServiceProvider services, ILogger<FigureYearWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                using var scope = services.CreateScope();
                var count = await scope.ServiceProvider.GetRequiredService<FigureRebuilder>().RebuildStaleAsync(stoppingToken);
                if (count > 0)
                {
                    logger.LogInformation("Recounted the figures of {Count} communes", count);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Recounting figures failed; retrying in an hour");
            }
        }
    }
}
