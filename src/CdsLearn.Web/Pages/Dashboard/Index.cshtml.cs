using CdsLearn.Certificates;
using CdsLearn.Content;
using CdsLearn.Figures;
using CdsLearn.Web.Components;
using Microsoft.Extensions.Options;

namespace CdsLearn.Web.Pages.Dashboard;

/// <summary>The overview: everything the user sees, added up, against the previous quarter, with the trend, the
/// quarter's targets and the age groups.</summary>
public class IndexModel(Figures.Dashboard dashboard, CourseCatalog catalog, IOptions<CertificateOptions> certificates,
    CdsLearn.Voices.VoiceAvailability voices)
    : DashboardPageModel(dashboard, catalog)
{
    public PlaceFigures Total { get; private set; } = null!;

    public IReadOnlyList<FigureLine> Lines { get; private set; } = [];

    public IReadOnlyList<string> TrendLabels { get; private set; } = [];

    public IReadOnlyList<TrendSeries> CoverageTrend { get; private set; } = [];

    public IReadOnlyList<TrendSeries> CertificateTrend { get; private set; } = [];

    public IReadOnlyList<TargetProgress> Targets { get; private set; } = [];

    public bool SeesCommunes { get; private set; }

    /// <summary>The communes whose page the user may open (for a team worker, only their villages show there).</summary>
    public IReadOnlyList<(int Id, string Name)> CommunePages { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var scope = Scope;
        var communes = await Figures.CommunesAsync(scope, cancellationToken);
        SeesCommunes = communes.Count > 0;
        // Only a team worker, who sees no commune whole, gets links to their communes' pages instead of the table.
        CommunePages = SeesCommunes ? [] : await Figures.VisibleCommunesAsync(scope, cancellationToken);
        var name = scope.WholeProvince ? "Toàn tỉnh " + certificates.Value.Province
            : communes.Count == 1 && scope.VillageIds.Count == 0 ? communes[0].Name
            : communes.Count > 1 ? "Các xã, phường của tôi" : "Các bản của tôi";
        Total = await Figures.TotalAsync(scope, communes, name, cancellationToken);
        TeamCount? teams = null;
        int? overdue = null;
        int? voiced = null;
        if (SeesCommunes && scope.VillageIds.Count == 0)
        {
            var byCommune = await Figures.TeamsByCommuneAsync(cancellationToken);
            var mine = communes.Select(c => byCommune.GetValueOrDefault(c.Id)).OfType<TeamCount>().ToList();
            teams = new TeamCount(mine.Sum(t => t.Teams), mine.Sum(t => t.Workers), mine.Sum(t => t.ActiveWorkers));
            overdue = (await Figures.OverdueByCommuneAsync(communes, cancellationToken)).Values.Sum();
            // A lesson read in two communes counts once.
            voiced = await voices.ItemsOfCommunesAsync(communes.Select(c => c.Id), cancellationToken);
        }
        Lines = FigureLines.For(Total, Quarter, Course, teams, overdue, voiced);

        var quarters = FigureLines.TrendQuarters(Total.Series, Quarter);
        TrendLabels = quarters.Select(q => q.ShortLabel).ToList();
        CoverageTrend = [new TrendSeries("Hộ có người có kỹ năng số", quarters.Select(q => (double?)(Total.CoverageOf(q) * 100)).ToList())];
        CertificateTrend = CertificateKinds
            .Select(k => new TrendSeries(k.Title, quarters.Select(q => (double?)Total.Series.AsOf(Metric.Certificates(k.Id), q)).ToList()))
            .ToList();

        var targets = await Figures.TargetsAsync(Quarter, cancellationToken);
        var ownCommune = communes.Count == 1 ? communes[0].Id : (int?)null;
        Targets = global::CdsLearn.Figures.Dashboard.TargetsFor(targets, ownCommune)
            .Select(t => TargetProgress.Of(t, Total, Quarter, communes, targets, TitleOf(t.SkillId)))
            .ToList();
    }

    public string TitleOf(string skillId) => CertificateIssuer.ShortTitleOf(Course, skillId);
}

/// <summary>How far a place is toward a target, and which communes are behind it.</summary>
public sealed record TargetProgress(QuarterTarget Target, string SkillTitle, double Share, IReadOnlyList<PlaceFigures> Behind)
{
    public bool Reached => Share * 100 >= Target.Percent;

    public static TargetProgress Of(QuarterTarget target, PlaceFigures place, Quarter quarter, IEnumerable<PlaceFigures> communes,
        IEnumerable<QuarterTarget> allTargets, string title)
    {
        // A commune is behind when it is below the target that applies to it (its own, else the province's).
        var behind = communes.Where(c =>
            global::CdsLearn.Figures.Dashboard.TargetsFor(allTargets, c.Id).FirstOrDefault(t => t.SkillId == target.SkillId) is { } applies
            && c.SkillShareOf(applies.SkillId, quarter) * 100 < applies.Percent).ToList();
        return new TargetProgress(target, title, place.SkillShareOf(target.SkillId, quarter), behind);
    }
}
