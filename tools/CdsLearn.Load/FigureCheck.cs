using CdsLearn.Data;
using CdsLearn.Figures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Load;

/// <summary>The kept figures of some communes against a recount from raw data (<see cref="FigureRebuilder"/>), the way
/// tests/CdsLearn.Web.Tests/Figures/FigureTests compares them. Run with the site stopped: the recount rewrites them.</summary>
public static class FigureCheck
{
    /// <summary>Kept figures that differ from the recount, as "kept line ≠ recounted line"; empty when they agree.</summary>
    public static async Task<IReadOnlyList<string>> KeptAgainstRebuildAsync(LoadDatabase database, IReadOnlyList<int> communeIds, CancellationToken cancellationToken = default)
    {
        var kept = await SnapshotAsync(database, communeIds, cancellationToken);
        await using (var scope = database.CreateScope())
        {
            var rebuilder = scope.ServiceProvider.GetRequiredService<FigureRebuilder>();
            foreach (var communeId in communeIds)
            {
                await rebuilder.RebuildCommuneAsync(communeId, cancellationToken);
            }
        }
        var recounted = await SnapshotAsync(database, communeIds, cancellationToken);
        return kept.Except(recounted).Select(k => "kept " + k)
            .Concat(recounted.Except(kept).Select(r => "recounted " + r))
            .ToList();
    }

    /// <summary>Every non-zero figure of the communes (village, commune, worker) as sorted lines.</summary>
    public static async Task<List<string>> SnapshotAsync(LoadDatabase database, IReadOnlyList<int> communeIds, CancellationToken cancellationToken = default)
    {
        await using var scope = database.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var communes = communeIds.ToList();
        var villages = db.Villages.Where(v => communes.Contains(v.CommuneId)).Select(v => v.Id);
        var lines = new List<string>();
        lines.AddRange(await db.VillageFigures.Where(f => villages.Contains(f.VillageId) && f.Value != 0)
            .Select(f => "v" + f.VillageId + ":" + f.Quarter + ":" + f.Metric + "=" + f.Value).ToListAsync(cancellationToken));
        lines.AddRange(await db.CommuneFigures.Where(f => communes.Contains(f.CommuneId) && f.Value != 0)
            .Select(f => "c" + f.CommuneId + ":" + f.Quarter + ":" + f.Metric + "=" + f.Value).ToListAsync(cancellationToken));
        lines.AddRange(await db.WorkerFigures.Where(f => communes.Contains(f.CommuneId) && f.Value != 0)
            .Select(f => "w" + f.CommuneId + "/" + f.UserId + ":" + f.Quarter + ":" + f.Metric + "=" + f.Value).ToListAsync(cancellationToken));
        return lines.Order(StringComparer.Ordinal).ToList();
    }
}
