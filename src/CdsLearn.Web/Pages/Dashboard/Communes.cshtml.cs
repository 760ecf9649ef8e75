using CdsLearn.Audit;
using CdsLearn.Content;
using CdsLearn.Figures;
using CdsLearn.Reports;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using CdsLearn.Accounts;

namespace CdsLearn.Web.Pages.Dashboard;

/// <summary>Every commune the user sees, with its figures; sortable and searchable without script, and exported as
/// CSV or XLSX.</summary>
public class CommunesModel(Figures.Dashboard dashboard, CourseCatalog catalog, AuditLog audit, UserManager<AppUser> users,
    CdsLearn.Voices.VoiceAvailability voices)
    : DashboardPageModel(dashboard, catalog)
{
    public static readonly IReadOnlyList<(string Key, string Label)> Sorts =
    [
        ("ten", "Xã, phường"), ("phu", "Tỉ lệ phủ"), ("ho", "Hộ đã đăng ký"), ("tang", "Phủ thêm trong quý"), ("qua-han", "Bài quá hạn"),
    ];

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "sap-xep")]
    public string? Sort { get; set; }

    public IReadOnlyList<CommuneRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Rows = await LoadAsync(cancellationToken);

    /// <summary>The same table as a file: <c>?handler=Export&amp;dinh-dang=xlsx</c> (or csv).</summary>
    public async Task<IActionResult> OnGetExportAsync([FromQuery(Name = "dinh-dang")] string? format, CancellationToken cancellationToken)
    {
        var rows = await LoadAsync(cancellationToken);
        var table = CommuneRow.Table($"Số liệu các xã, phường {Quarter.Label}", rows, Quarter, Course);
        await audit.RecordAsync(users.GetUserId(User)!, "dashboard.export", $"communes;quy={Quarter.Key};format={format}", cancellationToken);
        return ReportFile.Of(table, format);
    }

    private async Task<IReadOnlyList<CommuneRow>> LoadAsync(CancellationToken cancellationToken)
    {
        var communes = await Figures.CommunesAsync(Scope, cancellationToken);
        var teams = await Figures.TeamsByCommuneAsync(cancellationToken);
        var overdue = await Figures.OverdueByCommuneAsync(communes, cancellationToken);
        var voiced = await voices.ItemsByCommuneAsync(cancellationToken);
        var rows = communes
            .Where(c => string.IsNullOrWhiteSpace(Q) || global::CdsLearn.Households.SearchText.Fold(c.Name).Contains(global::CdsLearn.Households.SearchText.Fold(Q), StringComparison.Ordinal))
            .Select(c => new CommuneRow(c, teams.GetValueOrDefault(c.Id) ?? new TeamCount(0, 0, 0), overdue.GetValueOrDefault(c.Id),
                voiced.GetValueOrDefault(c.Id)));
        var quarter = Quarter;
        return (Sort switch
        {
            "phu" => rows.OrderByDescending(r => r.Place.CoverageOf(quarter)),
            "ho" => rows.OrderByDescending(r => r.Place.Households(quarter)),
            "tang" => rows.OrderByDescending(r => r.Place.Series.In(Metric.Covered, quarter)),
            "qua-han" => rows.OrderByDescending(r => r.Overdue),
            _ => rows,
        }).ToList();
    }

    public string SortLink(string key) => Url.Page("/Dashboard/Communes", new RouteValueDictionary
    {
        ["sap-xep"] = key,
        ["q"] = string.IsNullOrWhiteSpace(Q) ? null : Q,
        ["quy"] = QuarterRoute,
    })!;
}

/// <param name="Voiced">Lessons and practice tasks with an approved reading by the commune's teams.</param>
public sealed record CommuneRow(PlaceFigures Place, TeamCount Teams, int Overdue, int Voiced)
{
    public static ReportTable Table(string title, IEnumerable<CommuneRow> rows, Quarter quarter, Course course)
    {
        List<ReportColumn> columns =
        [
            new("Xã, phường", ReportValueKind.Text),
            new("Tổng số hộ (chính thức)", ReportValueKind.Integer),
            new("Hộ đã đăng ký", ReportValueKind.Integer),
            new("Hộ có người có kỹ năng số", ReportValueKind.Integer),
            new("Tỉ lệ phủ trên hộ đã đăng ký", ReportValueKind.Percent),
            new("Tỉ lệ phủ trên tổng số hộ", ReportValueKind.Percent),
            new("Hộ mới được phủ trong quý", ReportValueKind.Integer),
            new("Gia đình số", ReportValueKind.Integer),
            new("Người có tài khoản học", ReportValueKind.Integer),
            new("Người được tổ kèm học", ReportValueKind.Integer),
            .. course.Skills.Select(s => new ReportColumn("Chứng chỉ: " + s.Title, ReportValueKind.Integer)),
            new("Chứng chỉ Công dân số", ReportValueKind.Integer),
            new("Số tổ CNSCĐ", ReportValueKind.Integer),
            new("Thành viên tổ", ReportValueKind.Integer),
            new("Thành viên hoạt động 30 ngày", ReportValueKind.Integer),
            new("Bài giao đã hoàn thành", ReportValueKind.Integer),
            new("Bài giao quá hạn", ReportValueKind.Integer),
            new(FigureLines.VoicedLabel, ReportValueKind.Integer),
        ];
        var data = rows.Select(r =>
        {
            var s = r.Place.Series;
            List<object?> row =
            [
                r.Place.Name, r.Place.OfficialHouseholds, r.Place.Households(quarter), r.Place.Covered(quarter),
                r.Place.CoverageOfRegistered(quarter), r.Place.CoverageOfOfficial(quarter), s.In(Metric.Covered, quarter),
                s.AsOf(Metric.DigitalFamilies, quarter), s.AsOf(Metric.Learners, quarter), s.AsOf(Metric.Helped, quarter),
                .. course.Skills.Select(k => (object?)s.AsOf(Metric.Certificates(k.Id), quarter)),
                s.AsOf(Metric.Certificates(global::CdsLearn.Certificates.Certificate.DigitalCitizen), quarter),
                r.Teams.Teams, r.Teams.Workers, r.Teams.ActiveWorkers, s.AsOf(Metric.AssignedDone, quarter), r.Overdue, r.Voiced,
            ];
            return (IReadOnlyList<object?>)row;
        }).ToList();
        return new ReportTable(title, columns, data);
    }
}
