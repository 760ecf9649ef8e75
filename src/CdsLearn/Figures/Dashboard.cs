using CdsLearn.Data;
using CdsLearn.Households;
using CdsLearn.Rules;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Figures;

/// <summary>
/// Reads the dashboard's figures. Everything comes from the figures kept per commune and village (a few rows per
/// place and quarter), plus teams, workers active in the last 30 days, and assignments of this quarter already past
/// their date. For the whole province all of it is kept between views (<see cref="ProvinceFigureCache"/>) and only
/// the communes a change touched are read again. Its cost grows with the number of places, not with learners.
/// </summary>
public sealed class Dashboard(AppDbContext db, TimeProvider clock, ProvinceFigureCache cache)
{
    public DateOnly Today => VietnamTime.Today(clock);

    public Quarter CurrentQuarter => Quarter.Of(Today);

    /// <summary>How far back pages go: eight quarters to pick, each with a trend of eight quarters before it.</summary>
    public const int ShownQuarters = 16;

    /// <summary>Communes the user sees whole: all for the province, else those of a commune officer or a commune-level team.</summary>
    public async Task<IReadOnlyList<PlaceFigures>> CommunesAsync(Scope scope, CancellationToken cancellationToken = default)
    {
        if (!scope.WholeProvince)
        {
            var ids = scope.CommuneIds.ToList();
            return CommuneFigureReader.Places(await CommuneFigureReader.CommunesAsync(db, ids, cancellationToken),
                await CommuneFigureReader.SeriesAsync(db, ids, CurrentQuarter, cancellationToken));
        }
        var quarter = CurrentQuarter;
        var plan = cache.Communes.PlanRead(quarter.Key);
        if (plan.Values is { } current && plan.Changed.Count == 0)
        {
            return current;
        }
        var names = await CommuneFigureReader.CommunesAsync(db, null, cancellationToken);
        Dictionary<int, FigureSeries> series;
        if (plan.Values is { } kept)
        {
            // Only what changed since, and any commune added since, is read again.
            series = kept.ToDictionary(c => c.Id, c => c.Series);
            var stale = names.Select(c => c.Id).Where(id => plan.Changed.Contains(id) || !series.ContainsKey(id)).ToList();
            foreach (var (communeId, fresh) in await CommuneFigureReader.SeriesAsync(db, stale, quarter, cancellationToken))
            {
                series[communeId] = fresh;
            }
        }
        else
        {
            series = await CommuneFigureReader.SeriesAsync(db, null, quarter, cancellationToken);
        }
        var communes = CommuneFigureReader.Places(names, series);
        cache.Communes.Keep(plan, quarter.Key, communes);
        return communes;
    }

    /// <summary>Every commune the user sees any of (a team worker sees their villages' communes, in part).</summary>
    public async Task<IReadOnlyList<(int Id, string Name)>> VisibleCommunesAsync(Scope scope, CancellationToken cancellationToken = default) =>
        (await scope.Communes(db).AsNoTracking().OrderBy(c => c.Name).Select(c => new { c.Id, c.Name, c.Kind }).ToListAsync(cancellationToken))
            .Select(c => (c.Id, Geography.Commune.DisplayNameOf(c.Kind, c.Name))).ToList();

    /// <summary>The villages of a commune the user sees.</summary>
    public async Task<IReadOnlyList<PlaceFigures>> VillagesAsync(Scope scope, int communeId, CancellationToken cancellationToken = default)
    {
        var villages = await scope.Villages(db).AsNoTracking().Where(v => v.CommuneId == communeId)
            .Select(v => new { v.Id, v.Name }).ToListAsync(cancellationToken);
        var ids = villages.Select(v => v.Id).ToList();
        var rows = await db.VillageFigures.AsNoTracking().Where(f => ids.Contains(f.VillageId))
            .Select(f => new { f.VillageId, f.Quarter, f.Metric, f.Value }).ToListAsync(cancellationToken);
        var series = villages.ToDictionary(v => v.Id, _ => new FigureSeries());
        foreach (var row in rows)
        {
            series[row.VillageId].Add(row.Metric, row.Quarter, row.Value);
        }
        return villages.Select(v => new PlaceFigures(v.Id, v.Name, null, series[v.Id]))
            .OrderBy(v => v.Name, CommuneFigureReader.VietnameseOrder)
            .ToList();
    }

    /// <summary>Everything the user sees, added up: the province, their communes, or their villages.</summary>
    /// <param name="communes">What <see cref="CommunesAsync"/> gave for the same scope (pages have it already).</param>
    public async Task<PlaceFigures> TotalAsync(Scope scope, IReadOnlyList<PlaceFigures> communes, string name, CancellationToken cancellationToken = default)
    {
        var parts = communes.Select(c => c.Series).ToList();
        var official = communes.All(c => c.OfficialHouseholds is not null) && communes.Count > 0 ? communes.Sum(c => c.OfficialHouseholds) : null;
        if (!scope.WholeProvince && scope.VillageIds.Count > 0)
        {
            var whole = scope.CommuneIds;
            var villageCommunes = await db.Villages.AsNoTracking().Where(v => scope.VillageIds.Contains(v.Id) && !whole.Contains(v.CommuneId))
                .Select(v => v.CommuneId).Distinct().ToListAsync(cancellationToken);
            foreach (var communeId in villageCommunes)
            {
                parts.AddRange((await VillagesAsync(scope, communeId, cancellationToken)).Select(v => v.Series));
            }
            official = null;
        }
        return new PlaceFigures(0, name, official, FigureSeries.Sum(parts));
    }

    /// <summary>Assignments past their date and not done, per commune: earlier quarters from the figures, this
    /// quarter from its open assignments' due dates, kept between views (<see cref="ProvinceFigureCache"/>) and
    /// counted against today at each view (the figures count by due quarter, and this quarter is not over).</summary>
    public async Task<Dictionary<int, int>> OverdueByCommuneAsync(IReadOnlyCollection<PlaceFigures> communes, CancellationToken cancellationToken = default)
    {
        var quarter = CurrentQuarter;
        var open = await cache.OpenAssignments.ReadAsync(quarter.Key,
            ids => CommuneActivityReader.OpenDueDatesAsync(db, ids, quarter, cancellationToken));
        return WithEarlierQuarters(communes, id => open.TryGetValue(id, out var due) ? PastDue(due) : 0);
    }

    /// <summary>The same per village (a commune's page), read at each view.</summary>
    public async Task<Dictionary<int, int>> OverdueByVillageAsync(IReadOnlyCollection<PlaceFigures> villages, CancellationToken cancellationToken = default)
    {
        var quarter = CurrentQuarter;
        var ids = villages.Select(p => p.Id).ToList();
        var open = (await CommuneActivityReader.OpenIn(db, quarter, db.Villages.Where(v => ids.Contains(v.Id))).ToListAsync(cancellationToken))
            .ToLookup(a => a.VillageId, a => a.DueOn);
        return WithEarlierQuarters(villages, id => PastDue(open[id]));
    }

    /// <summary>Open assignments of this quarter past their date: due before today (Vietnam's).</summary>
    private int PastDue(IEnumerable<DateOnly> dueDates)
    {
        var today = Today;
        return dueDates.Count(due => due < today);
    }

    private Dictionary<int, int> WithEarlierQuarters(IReadOnlyCollection<PlaceFigures> places, Func<int, int> thisQuarter)
    {
        var previous = CurrentQuarter.Previous;
        return places.ToDictionary(p => p.Id, p => p.Series.AsOf(Metric.OpenByDueQuarter, previous) + thisQuarter(p.Id));
    }

    /// <summary>Teams, workers and workers active in the last 30 days, per commune: kept between views
    /// (<see cref="ProvinceFigureCache"/>), who is active counted at each view.</summary>
    public async Task<Dictionary<int, TeamCount>> TeamsByCommuneAsync(CancellationToken cancellationToken = default)
    {
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-30);
        var kept = await cache.Teams.ReadAsync(0, ids => CommuneActivityReader.TeamsAsync(db, ids, since, cancellationToken));
        return kept.ToDictionary(t => t.Key, t => t.Value.CountSince(since));
    }

    /// <summary>Each team of the commune the user sees, with each worker's work in the quarter and in all.</summary>
    public async Task<IReadOnlyList<TeamWork>> TeamWorkAsync(Scope scope, int communeId, Quarter quarter, CancellationToken cancellationToken = default)
    {
        var villages = scope.Villages(db).Select(v => v.Id);
        var teams = await db.Teams.AsNoTracking().Where(t => t.CommuneId == communeId
                && (scope.WholeProvince || scope.CommuneIds.Contains(communeId) || (t.VillageId != null && villages.Contains(t.VillageId.Value))))
            .OrderBy(t => t.Name)
            .Select(t => new { t.Id, t.Name, t.VillageId, Members = t.Members.Select(m => new { m.UserId, m.IsLeader }).ToList() })
            .ToListAsync(cancellationToken);
        var userIds = teams.SelectMany(t => t.Members.Select(m => m.UserId)).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, cancellationToken);
        var figures = await db.WorkerFigures.AsNoTracking().Where(f => f.CommuneId == communeId && userIds.Contains(f.UserId))
            .Select(f => new { f.UserId, f.Quarter, f.Metric, f.Value }).ToListAsync(cancellationToken);
        var series = userIds.ToDictionary(id => id, _ => new FigureSeries());
        foreach (var row in figures)
        {
            series[row.UserId].Add(row.Metric, row.Quarter, row.Value);
        }
        return teams.Select(t => new TeamWork(t.Id, t.Name, t.VillageId, t.Members
            .Select(m => (Member: m, Figures: series[m.UserId]))
            .Select(x => new WorkerWork(x.Member.UserId, names.GetValueOrDefault(x.Member.UserId, ""), x.Member.IsLeader,
                x.Figures.In(Metric.Households, quarter), x.Figures.In(Metric.Helped, quarter), x.Figures.In(Metric.AssignedDone, quarter),
                x.Figures.In(Metric.Observed, quarter),
                x.Figures.AsOf(Metric.Households, quarter), x.Figures.AsOf(Metric.Helped, quarter), x.Figures.AsOf(Metric.AssignedDone, quarter),
                x.Figures.AsOf(Metric.Observed, quarter)))
            .OrderByDescending(w => w.IsLeader).ThenBy(w => w.Name)
            .ToList())).ToList();
    }

    /// <summary>The targets in force for a quarter: each commune's own, else the province's.</summary>
    public async Task<IReadOnlyList<QuarterTarget>> TargetsAsync(Quarter quarter, CancellationToken cancellationToken = default) =>
        await db.QuarterTargets.AsNoTracking().Where(t => t.Quarter == quarter.Key).OrderBy(t => t.SkillId).ToListAsync(cancellationToken);

    public static IEnumerable<QuarterTarget> TargetsFor(IEnumerable<QuarterTarget> targets, int? communeId)
    {
        var list = targets.ToList();
        var own = list.Where(t => t.CommuneId == communeId && communeId is not null).ToList();
        var province = list.Where(t => t.CommuneId is null).ToList();
        return own.Concat(province.Where(p => own.All(o => o.SkillId != p.SkillId)));
    }
}
