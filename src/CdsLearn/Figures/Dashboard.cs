using CdsLearn.Data;
using CdsLearn.Households;
using CdsLearn.Rules;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Figures;

/// <summary>
/// Reads the dashboard's figures. Everything comes from the figures kept per commune and village (a few rows per
/// place and quarter), plus three small live counts: teams, workers active in the last 30 days, and assignments of
/// this quarter already past their date. Its cost grows with the number of places, not with learners.
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
        var plan = cache.PlanRead(CurrentQuarter);
        if (plan.Communes is { } current && plan.Changed.Count == 0)
        {
            return current;
        }
        var names = await CommuneFigureReader.CommunesAsync(db, null, cancellationToken);
        Dictionary<int, FigureSeries> series;
        if (plan.Communes is { } kept)
        {
            // Only what changed since, and any commune added since, is read again.
            series = kept.ToDictionary(c => c.Id, c => c.Series);
            var stale = names.Select(c => c.Id).Where(id => plan.Changed.Contains(id) || !series.ContainsKey(id)).ToList();
            foreach (var (communeId, fresh) in await CommuneFigureReader.SeriesAsync(db, stale, CurrentQuarter, cancellationToken))
            {
                series[communeId] = fresh;
            }
        }
        else
        {
            series = await CommuneFigureReader.SeriesAsync(db, null, CurrentQuarter, cancellationToken);
        }
        var communes = CommuneFigureReader.Places(names, series);
        cache.Keep(plan, CurrentQuarter, communes);
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
    /// quarter counted live (the figures count by due quarter, and this quarter is not over).</summary>
    public Task<Dictionary<int, int>> OverdueByCommuneAsync(IReadOnlyCollection<PlaceFigures> communes, CancellationToken cancellationToken = default) =>
        OverdueAsync(communes, byCommune: true, cancellationToken);

    public Task<Dictionary<int, int>> OverdueByVillageAsync(IReadOnlyCollection<PlaceFigures> villages, CancellationToken cancellationToken = default) =>
        OverdueAsync(villages, byCommune: false, cancellationToken);

    private async Task<Dictionary<int, int>> OverdueAsync(IReadOnlyCollection<PlaceFigures> places, bool byCommune, CancellationToken cancellationToken)
    {
        var due = from a in OverdueThisQuarter()
                  join h in db.Households on a.HouseholdId equals h.Id
                  join v in db.Villages on h.VillageId equals v.Id
                  select new { v.CommuneId, VillageId = v.Id };
        // Two plain shapes: a computed key or an id list on every row made SQLite scan (10 -> 55 ms at province scale).
        var ids = places.Select(p => p.Id).ToList();
        var live = byCommune
            ? await due.GroupBy(d => d.CommuneId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken)
            : await due.Where(d => ids.Contains(d.VillageId)).GroupBy(d => d.VillageId).Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var previous = CurrentQuarter.Previous;
        return places.ToDictionary(p => p.Id, p => p.Series.AsOf(Metric.OpenByDueQuarter, previous) + live.GetValueOrDefault(p.Id));
    }

    /// <summary>Teams, workers and workers active in the last 30 days, per commune.</summary>
    public async Task<Dictionary<int, TeamCount>> TeamsByCommuneAsync(CancellationToken cancellationToken = default)
    {
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-30);
        var teams = await db.Teams.AsNoTracking().GroupBy(t => t.CommuneId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var workers = await (from m in db.TeamMembers
                             join t in db.Teams on m.TeamId equals t.Id
                             group m by t.CommuneId into g
                             select new
                             {
                                 CommuneId = g.Key,
                                 Workers = g.Select(m => m.UserId).Distinct().Count(),
                                 Active = g.Where(m => m.LastActiveAt >= since).Select(m => m.UserId).Distinct().Count(),
                             }).ToDictionaryAsync(w => w.CommuneId, w => (w.Workers, w.Active), cancellationToken);
        return teams.ToDictionary(t => t.Key, t => workers.TryGetValue(t.Key, out var w)
            ? new TeamCount(t.Value, w.Workers, w.Active)
            : new TeamCount(t.Value, 0, 0));
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

    private IQueryable<Households.Assignment> OverdueThisQuarter()
    {
        var today = Today;
        var start = CurrentQuarter.FirstDay;
        return db.Assignments.Where(a => a.DueOn >= start && a.DueOn < today && a.DoneAt == null);
    }
}
