using CdsLearn.Content;
using CdsLearn.Data;
using CdsLearn.Figures;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Web.Pages.Dashboard;

/// <summary>Who did most this quarter, for "Tổ CNSCĐ tiêu biểu" and "Gia đình số tiêu biểu": communes by households
/// newly covered, teams by their work, communes by new "Gia đình số". Within the user's scope.</summary>
public class RecognitionModel(Figures.Dashboard dashboard, CourseCatalog catalog, AppDbContext db) : DashboardPageModel(dashboard, catalog)
{
    public sealed record Ranked(string Name, string? Href, int Score, string Detail);

    public IReadOnlyList<Ranked> Communes { get; private set; } = [];

    public IReadOnlyList<Ranked> Teams { get; private set; } = [];

    public IReadOnlyList<Ranked> Families { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var scope = Scope;
        var q = Quarter;
        var communes = await Figures.CommunesAsync(scope, cancellationToken);
        Communes = communes
            .Select(c => new Ranked(c.Name, Url.Page("/Dashboard/Commune", new { communeId = c.Id }), c.Series.In(Metric.Covered, q),
                $"độ phủ {Numbers.Percent(c.CoverageOf(q.Previous))} → {Numbers.Percent(c.CoverageOf(q))}"))
            .Where(r => r.Score > 0).OrderByDescending(r => r.Score).Take(10).ToList();
        Families = communes
            .Select(c => new Ranked(c.Name, Url.Page("/Dashboard/Commune", new { communeId = c.Id }), c.Series.In(Metric.DigitalFamilies, q),
                $"tổng {Numbers.Count(c.Series.AsOf(Metric.DigitalFamilies, q))} Gia đình số"))
            .Where(r => r.Score > 0).OrderByDescending(r => r.Score).Take(10).ToList();

        // A team's work: what its members did (households registered, people helped, assignments done) and the
        // households of its village newly covered, all within the quarter.
        var villages = scope.Villages(db).Select(v => v.Id);
        var teams = await db.Teams.AsNoTracking()
            .Where(t => scope.WholeProvince || scope.CommuneIds.Contains(t.CommuneId) || (t.VillageId != null && villages.Contains(t.VillageId.Value)))
            .Select(t => new { t.Id, t.Name, t.CommuneId, t.VillageId, Members = t.Members.Select(m => m.UserId).ToList() })
            .ToListAsync(cancellationToken);
        var communeIds = teams.Select(t => t.CommuneId).Distinct().ToList();
        // The work named above only: a worker figure added later (people observed, "Tổ xác nhận") changes no ranking
        // until the province decides it should.
        string[] counted = [Metric.Households, Metric.Helped, Metric.AssignedDone];
        var work = (await db.WorkerFigures.AsNoTracking().Where(f => f.Quarter == q.Key && communeIds.Contains(f.CommuneId) && counted.Contains(f.Metric))
            .GroupBy(f => new { f.CommuneId, f.UserId }).Select(g => new { g.Key.CommuneId, g.Key.UserId, Value = g.Sum(f => f.Value) })
            .ToListAsync(cancellationToken)).ToDictionary(w => (w.CommuneId, w.UserId), w => w.Value);
        var villageIds = teams.Where(t => t.VillageId != null).Select(t => t.VillageId!.Value).ToList();
        var covered = await db.VillageFigures.AsNoTracking().Where(f => f.Quarter == q.Key && f.Metric == Metric.Covered && villageIds.Contains(f.VillageId))
            .ToDictionaryAsync(f => f.VillageId, f => f.Value, cancellationToken);
        var names = communes.ToDictionary(c => c.Id, c => c.Name);
        Teams = teams
            .Select(t =>
            {
                var members = t.Members.Sum(m => work.GetValueOrDefault((t.CommuneId, m)));
                var newlyCovered = t.VillageId is { } v ? covered.GetValueOrDefault(v) : 0;
                return new Ranked(t.Name + (names.TryGetValue(t.CommuneId, out var n) ? $" ({n})" : ""), Url.Page("/Dashboard/Commune", new { communeId = t.CommuneId }),
                    members + newlyCovered, $"{newlyCovered} hộ mới được phủ, {members} việc của thành viên");
            })
            .Where(r => r.Score > 0).OrderByDescending(r => r.Score).Take(10).ToList();
    }
}
