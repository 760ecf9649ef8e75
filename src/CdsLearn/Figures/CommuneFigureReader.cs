using CdsLearn.Data;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Figures;

/// <summary>Reads communes and the figures kept for them, as the dashboard shows them.</summary>
internal static class CommuneFigureReader
{
    /// <summary>Place names in Vietnamese alphabetical order (Đ after D, Ơ after O…).</summary>
    public static readonly StringComparer VietnameseOrder = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"), false);

    public sealed record CommuneName(int Id, string Name, int? OfficialHouseholds);

    /// <summary>The communes given, or every commune when <paramref name="ids"/> is null.</summary>
    public static async Task<List<CommuneName>> CommunesAsync(AppDbContext db, IReadOnlyCollection<int>? ids, CancellationToken cancellationToken)
    {
        // The filter only when needed: "whole province OR id IN (…)" would make SQLite test the list on every row.
        var query = ids is null ? db.Communes : db.Communes.Where(c => ids.Contains(c.Id));
        return (await query.AsNoTracking().Select(c => new { c.Id, c.Name, c.Kind, c.OfficialHouseholds }).ToListAsync(cancellationToken))
            .Select(c => new CommuneName(c.Id, Geography.Commune.DisplayNameOf(c.Kind, c.Name), c.OfficialHouseholds))
            .ToList();
    }

    /// <summary>The figures of the communes given (each has a series, empty when nothing is counted there yet), or of
    /// every commune with figures when <paramref name="ids"/> is null. Quarters older than the pages can show are
    /// summed into one row per metric (quarter 0), so the rows read stay bounded as years go by: per commune, its
    /// metrics × at most 17 quarters.</summary>
    public static async Task<Dictionary<int, FigureSeries>> SeriesAsync(AppDbContext db, IReadOnlyCollection<int>? ids, Quarter current,
        CancellationToken cancellationToken)
    {
        var figures = ids is null ? db.CommuneFigures : db.CommuneFigures.Where(f => ids.Contains(f.CommuneId));
        var cut = current;
        for (var i = 0; i < Dashboard.ShownQuarters; i++)
        {
            cut = cut.Previous;
        }
        var cutKey = cut.Key;
        var rows = await figures.AsNoTracking().Where(f => f.Quarter >= cutKey)
            .Select(f => new { f.CommuneId, f.Quarter, f.Metric, f.Value })
            .ToListAsync(cancellationToken);
        rows.AddRange(await figures.AsNoTracking().Where(f => f.Quarter < cutKey)
            .GroupBy(f => new { f.CommuneId, f.Metric })
            .Select(g => new { g.Key.CommuneId, Quarter = 0, g.Key.Metric, Value = g.Sum(f => f.Value) })
            .ToListAsync(cancellationToken));
        var series = (ids ?? []).ToDictionary(id => id, _ => new FigureSeries());
        foreach (var row in rows)
        {
            if (!series.TryGetValue(row.CommuneId, out var one))
            {
                series[row.CommuneId] = one = new FigureSeries();
            }
            one.Add(row.Metric, row.Quarter, row.Value);
        }
        return series;
    }

    /// <summary>The communes with their figures, in Vietnamese alphabetical order.</summary>
    public static IReadOnlyList<PlaceFigures> Places(IEnumerable<CommuneName> communes, IReadOnlyDictionary<int, FigureSeries> series) =>
        communes.Select(c => new PlaceFigures(c.Id, c.Name, c.OfficialHouseholds, series.GetValueOrDefault(c.Id) ?? new FigureSeries()))
            .OrderBy(c => c.Name, VietnameseOrder)
            .ToList();
}
