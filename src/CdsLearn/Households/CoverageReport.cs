using CdsLearn.Data;
using CdsLearn.Figures;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Households;

/// <summary>One line of coverage: registered households, how many are covered, how many are "Gia đình số", and the
/// official number of households where it is known (communes only).</summary>
public sealed record CoverageLine(int Id, string Name, int? Official, int Registered, int Covered, int DigitalFamilies)
{
    /// <summary>Covered against the official count when known, else against the registered households.</summary>
    public int Percent => (Official ?? Registered) is var total and > 0 ? 100 * Covered / total : 0;
}

/// <summary>Coverage by village or commune, read from the kept figures (<see cref="FigureKeeper"/>): a few rows per
/// place, so the province's list of communes costs the same as a village's.</summary>
public sealed class CoverageReport(AppDbContext db)
{
    private static readonly string[] Metrics = [Metric.Households, Metric.Covered, Metric.DigitalFamilies];

    public async Task<IReadOnlyList<CoverageLine>> ByVillageAsync(Scope scope, CancellationToken cancellationToken = default)
    {
        var villages = await scope.Villages(db).OrderBy(v => v.Name).Select(v => new { v.Id, v.Name, Commune = v.Commune!.Name }).ToListAsync(cancellationToken);
        var counts = await VillageCountsAsync(scope, byCommune: false, cancellationToken);
        return villages.Select(v => Line(v.Id, $"{v.Name} ({v.Commune})", null, counts)).ToList();
    }

    /// <summary>Whole communes for province staff; otherwise each commune counts only the villages in scope.</summary>
    public async Task<IReadOnlyList<CoverageLine>> ByCommuneAsync(Scope scope, CancellationToken cancellationToken = default)
    {
        var communes = await scope.Communes(db).OrderBy(c => c.Name).ToListAsync(cancellationToken);
        var counts = scope.WholeProvince
            ? Sum(await db.CommuneFigures.Where(f => Metrics.Contains(f.Metric))
                .GroupBy(f => new { f.CommuneId, f.Metric }).Select(g => new Row(g.Key.CommuneId, g.Key.Metric, g.Sum(f => f.Value)))
                .ToListAsync(cancellationToken))
            : await VillageCountsAsync(scope, byCommune: true, cancellationToken);
        return communes.Select(c => Line(c.Id, c.DisplayName, c.OfficialHouseholds, counts)).ToList();
    }

    private sealed record Row(int Key, string Metric, int Value);

    /// <summary>The figures of the villages in scope, added up by village or by their commune.</summary>
    private async Task<Dictionary<int, (int Registered, int Covered, int Digital)>> VillageCountsAsync(Scope scope, bool byCommune, CancellationToken cancellationToken)
    {
        var rows = await (from f in db.VillageFigures
                          join v in scope.Villages(db) on f.VillageId equals v.Id
                          where Metrics.Contains(f.Metric)
                          select new { v.Id, v.CommuneId, f.Metric, f.Value }).ToListAsync(cancellationToken);
        return Sum(rows.Select(r => new Row(byCommune ? r.CommuneId : r.Id, r.Metric, r.Value)));
    }

    private static Dictionary<int, (int Registered, int Covered, int Digital)> Sum(IEnumerable<Row> rows) =>
        rows.GroupBy(r => r.Key).ToDictionary(g => g.Key, g => (
            g.Where(r => r.Metric == Metric.Households).Sum(r => r.Value),
            g.Where(r => r.Metric == Metric.Covered).Sum(r => r.Value),
            g.Where(r => r.Metric == Metric.DigitalFamilies).Sum(r => r.Value)));

    private static CoverageLine Line(int id, string name, int? official, Dictionary<int, (int Registered, int Covered, int Digital)> counts)
    {
        var (registered, covered, digital) = counts.GetValueOrDefault(id);
        return new CoverageLine(id, name, official, registered, covered, digital);
    }
}
