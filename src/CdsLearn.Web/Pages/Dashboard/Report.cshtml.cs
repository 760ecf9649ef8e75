using System.ComponentModel.DataAnnotations;
using CdsLearn.Accounts;
using CdsLearn.Audit;
using CdsLearn.Certificates;
using CdsLearn.Content;
using CdsLearn.Data;
using CdsLearn.Figures;
using CdsLearn.Reports;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Web.Pages.Dashboard;

/// <summary>
/// A commune's quarterly report to the Department (the regime of the province's directive): teams and members, people
/// reached and trained by skill, people a team saw do real tasks (by skill and by team member), households covered,
/// and the difficulties the commune writes in. Filled from the
/// figures, so nobody retypes a number; downloaded as XLSX or CSV.
/// </summary>
public class ReportModel(Figures.Dashboard dashboard, CourseCatalog catalog, AppDbContext db, AuditLog audit, UserManager<AppUser> users, TimeProvider clock)
    : DashboardPageModel(dashboard, catalog)
{
    public const int DifficultiesMaxLength = 4000;

    [FromRoute]
    public int CommuneId { get; set; }

    public PlaceFigures Commune { get; private set; } = null!;

    public ReportTable Table { get; private set; } = null!;

    [BindProperty]
    [StringLength(DifficultiesMaxLength, ErrorMessage = "Phần khó khăn, vướng mắc dài quá {1} ký tự.")]
    public string? Difficulties { get; set; }

    public bool Saved { get; private set; }

    /// <summary>Who may write the commune's "difficulties": its officers and province staff.</summary>
    public bool MayWrite => Scope.ManagesCommune(CommuneId);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }
        Difficulties = await StoredNoteAsync(cancellationToken);
        Saved = Request.Query.ContainsKey("da-luu");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }
        if (!MayWrite)
        {
            // A commune-wide team's members read the report; only the commune's officers and the province write it.
            return Forbid();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var userId = users.GetUserId(User)!;
        var note = await db.CommuneReportNotes.SingleOrDefaultAsync(n => n.CommuneId == CommuneId && n.Quarter == Quarter.Key, cancellationToken);
        if (note is null)
        {
            db.CommuneReportNotes.Add(note = new CommuneReportNote { CommuneId = CommuneId, Quarter = Quarter.Key, UpdatedByUserId = userId });
        }
        note.Difficulties = Difficulties?.Trim() ?? "";
        note.UpdatedByUserId = userId;
        note.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage("/Dashboard/Report", new RouteValueDictionary { ["communeId"] = CommuneId, ["quy"] = Quarter.Key, ["da-luu"] = 1 });
    }

    public async Task<IActionResult> OnGetExportAsync([FromQuery(Name = "dinh-dang")] string? format, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }
        Difficulties = await StoredNoteAsync(cancellationToken);
        await audit.RecordAsync(users.GetUserId(User)!, "dashboard.export", $"report;commune={CommuneId};quy={Quarter.Key};format={format}", cancellationToken);
        return ReportFile.Of(Table with { Notes = ["Khó khăn, vướng mắc, đề xuất: " + (string.IsNullOrWhiteSpace(Difficulties) ? "(không có)" : Difficulties)] }, format);
    }

    /// <summary>The commune must be one the user sees whole (the scope filter has already refused any other).</summary>
    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var commune = (await Figures.CommunesAsync(Scope, cancellationToken)).FirstOrDefault(c => c.Id == CommuneId);
        if (commune is null)
        {
            return false;
        }
        Commune = commune;
        var teams = (await Figures.TeamsByCommuneAsync(cancellationToken)).GetValueOrDefault(CommuneId) ?? new TeamCount(0, 0, 0);
        var overdue = (await Figures.OverdueByCommuneAsync([commune], cancellationToken))[CommuneId];
        var work = await Figures.TeamWorkAsync(Scope, CommuneId, Quarter, cancellationToken);
        Table = Build(commune, teams, overdue, work);
        return true;
    }

    private async Task<string?> StoredNoteAsync(CancellationToken cancellationToken) =>
        await db.CommuneReportNotes.Where(n => n.CommuneId == CommuneId && n.Quarter == Quarter.Key).Select(n => n.Difficulties).SingleOrDefaultAsync(cancellationToken);

    private ReportTable Build(PlaceFigures commune, TeamCount teams, int overdue, IReadOnlyList<TeamWork> work)
    {
        var q = Quarter;
        var s = commune.Series;
        var rows = new List<IReadOnlyList<object?>>
        {
            Row("1. Số Tổ công nghệ số cộng đồng", null, teams.Teams),
            Row("2. Số thành viên tổ", null, teams.Workers),
            Row("   Trong đó hoạt động trong 30 ngày qua", null, teams.ActiveWorkers),
            Row("3. Tổng số hộ (số liệu chính thức)", null, commune.OfficialHouseholds),
            Row("4. Hộ đã đăng ký trên nền tảng", s.In(Metric.Households, q), s.AsOf(Metric.Households, q)),
            Row("5. Người dân được tiếp cận (có tài khoản học)", s.In(Metric.Learners, q), s.AsOf(Metric.Learners, q)),
            Row("   Trong đó được tổ kèm học trực tiếp", s.In(Metric.Helped, q), s.AsOf(Metric.Helped, q)),
            Row("6. Người dân được đào tạo, cấp chứng chỉ theo kỹ năng", null, null),
        };
        rows.AddRange(Course.Skills.Select(k => Row("   " + k.Title, s.In(Metric.Certificates(k.Id), q), s.AsOf(Metric.Certificates(k.Id), q))));
        rows.Add(Row("   Công dân số (đủ các kỹ năng)", s.In(Metric.Certificates(Certificate.DigitalCitizen), q), s.AsOf(Metric.Certificates(Certificate.DigitalCitizen), q)));
        rows.Add(Row("7. Người dân được Tổ xác nhận tự làm việc thật trên điện thoại, theo kỹ năng", s.In(Metric.Observed, q), s.AsOf(Metric.Observed, q)));
        rows.AddRange(Course.Skills.Select(k => Row("   " + k.Title, s.In(Metric.ObservedInSkill(k.Id), q), s.AsOf(Metric.ObservedInSkill(k.Id), q))));
        rows.Add(Row("8. Hộ có ít nhất một người có kỹ năng số", s.In(Metric.Covered, q), s.AsOf(Metric.Covered, q)));
        rows.Add(Row("9. Gia đình số", s.In(Metric.DigitalFamilies, q), s.AsOf(Metric.DigitalFamilies, q)));
        rows.Add(Row("10. Bài được giao đã hoàn thành", s.In(Metric.AssignedDone, q), s.AsOf(Metric.AssignedDone, q)));
        rows.Add(Row("   Bài được giao đang quá hạn", null, overdue));
        // Per worker, as on the commune page. No team total: a person two members of a team observed counts for each.
        rows.Add(Row("11. Người dân được Tổ xác nhận, theo thành viên tổ", null, null));
        foreach (var team in work)
        {
            rows.Add(Row("   " + team.Name, null, null));
            rows.AddRange(team.Workers.Select(w => Row("      " + w.Name + (w.IsLeader ? " (tổ trưởng)" : ""), w.Observed, w.ObservedTotal)));
        }
        var table = new ReportTable($"Báo cáo {q.Label} {commune.Name}",
            [new("Nội dung", ReportValueKind.Text), new("Trong quý", ReportValueKind.Integer), new("Cộng dồn đến hết quý", ReportValueKind.Integer)],
            rows);
        return table;

        static IReadOnlyList<object?> Row(string label, int? within, int? total) => [label, within, total];
    }
}
