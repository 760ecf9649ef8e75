using CdsLearn.Data;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Households;

/// <summary>One line of coverage: registered households, how many are covered, how many are "Gia đình số", and the
/// official number of households where it is known (communes only).</summary>
public sealed record CoverageLine(int Id, string Name, int? Official, int Registered, int Covered, int DigitalFamilies)
{
    /// <summary>Covered against the official count when known, else against the registered households.</summary>
    public int Percent => (Official ?? Registered) is var total and > 0 ? 100 * Covered / total : 0;
}

public sealed class CoverageReport(AppDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<CoverageLine>> ByVillageAsync(Scope scope, CancellationToken cancellationToken = default)
    {
        var counts = await CountAsync(scope, h => h.VillageId, cancellationToken);
        var villages = await scope.Villages(db).OrderBy(v => v.Name).Select(v => new { v.Id, v.Name, Commune = v.Commune!.Name }).ToListAsync(cancellationToken);
        return villages.Select(v => Line(v.Id, $"{v.Name} ({v.Commune})", null, counts)).ToList();
    }

    public async Task<IReadOnlyList<CoverageLine>> ByCommuneAsync(Scope scope, CancellationToken cancellationToken = default)
    {
        var villageCommune = db.Villages.Select(v => new { v.Id, v.CommuneId });
        var counts = await CountAsync(scope, h => villageCommune.Where(v => v.Id == h.VillageId).Select(v => v.CommuneId).First(), cancellationToken);
        var communes = await scope.Communes(db).OrderBy(c => c.Name).ToListAsync(cancellationToken);
        return communes.Select(c => Line(c.Id, c.DisplayName, c.OfficialHouseholds, counts)).ToList();
    }

    private static CoverageLine Line(int id, string name, int? official, Dictionary<int, (int Registered, int Covered, int Digital)> counts)
    {
        var (registered, covered, digital) = counts.GetValueOrDefault(id);
        return new CoverageLine(id, name, official, registered, covered, digital);
    }

    private async Task<Dictionary<int, (int Registered, int Covered, int Digital)>> CountAsync(
        Scope scope, System.Linq.Expressions.Expression<Func<Household, int>> key, CancellationToken cancellationToken)
    {
        var all = scope.Households(db);
        var registered = await all.GroupBy(key).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var covered = await all.WhereCovered(db).GroupBy(key).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var digital = await all.WhereDigitalFamily(db, clock.GetUtcNow().Year).GroupBy(key).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return registered.ToDictionary(r => r.Key, r => (
            r.Count,
            covered.FirstOrDefault(c => c.Key == r.Key)?.Count ?? 0,
            digital.FirstOrDefault(d => d.Key == r.Key)?.Count ?? 0));
    }
}
