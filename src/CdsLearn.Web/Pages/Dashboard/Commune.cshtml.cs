using CdsLearn.Content;
using CdsLearn.Figures;
using CdsLearn.Web.Components;
using Microsoft.AspNetCore.Mvc;

namespace CdsLearn.Web.Pages.Dashboard;

/// <summary>A commune: its figures, its villages (each leading to its households) and its teams' work. A team worker
/// sees only their own villages and teams here.</summary>
public class CommuneModel(Figures.Dashboard dashboard, CourseCatalog catalog, CdsLearn.Contests.ContestService contests,
    CdsLearn.Voices.VoiceAvailability voices) : DashboardPageModel(dashboard, catalog)
{
    [FromRoute]
    public int CommuneId { get; set; }

    public PlaceFigures Commune { get; private set; } = null!;

    /// <summary>Whether the user sees the whole commune (else only some of its villages).</summary>
    public bool Whole { get; private set; }

    public IReadOnlyList<FigureLine> Lines { get; private set; } = [];

    public IReadOnlyList<PlaceFigures> Villages { get; private set; } = [];

    public IReadOnlyDictionary<int, int> VillageOverdue { get; private set; } = new Dictionary<int, int>();

    public IReadOnlyList<TeamWork> Teams { get; private set; } = [];

    /// <summary>The commune's contests (few: a query over the contest tables is enough).</summary>
    public IReadOnlyList<CdsLearn.Contests.ContestSummary> Contests { get; private set; } = [];

    public IReadOnlyList<string> TrendLabels { get; private set; } = [];

    public IReadOnlyList<TrendSeries> CoverageTrend { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var scope = Scope;
        var whole = (await Figures.CommunesAsync(scope, cancellationToken)).FirstOrDefault(c => c.Id == CommuneId);
        Villages = await Figures.VillagesAsync(scope, CommuneId, cancellationToken);
        VillageOverdue = await Figures.OverdueByVillageAsync(Villages, cancellationToken);
        Teams = await Figures.TeamWorkAsync(scope, CommuneId, Quarter, cancellationToken);
        Whole = whole is not null;
        Commune = whole ?? new PlaceFigures(CommuneId,
            (await Figures.VisibleCommunesAsync(scope, cancellationToken)).FirstOrDefault(c => c.Id == CommuneId).Name ?? "",
            null, FigureSeries.Sum(Villages.Select(v => v.Series)));
        TeamCount? teams = null;
        int? overdue = VillageOverdue.Values.Sum();
        int? voiced = null;
        if (Whole)
        {
            teams = (await Figures.TeamsByCommuneAsync(cancellationToken)).GetValueOrDefault(CommuneId) ?? new TeamCount(0, 0, 0);
            overdue = (await Figures.OverdueByCommuneAsync([Commune], cancellationToken))[CommuneId];
            voiced = await voices.ItemsOfCommunesAsync([CommuneId], cancellationToken);
        }
        Contests = await contests.ListAsync(scope, CommuneId, cancellationToken);
        Lines = FigureLines.For(Commune, Quarter, Course, teams, overdue, voiced);
        var quarters = FigureLines.TrendQuarters(Commune.Series, Quarter);
        TrendLabels = quarters.Select(q => q.ShortLabel).ToList();
        CoverageTrend = [new TrendSeries("Hộ có người có kỹ năng số", quarters.Select(q => (double?)(Commune.CoverageOf(q) * 100)).ToList())];
        return Page();
    }
}
