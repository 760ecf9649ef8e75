using CdsLearn.Certificates;
using CdsLearn.Content;
using CdsLearn.Data;
using CdsLearn.Households;
using CdsLearn.Reports;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Figures;

/// <summary>A commune's quarterly report: the table filled from the figures, and the difficulties the commune wrote.</summary>
public sealed record QuarterlyReport(PlaceFigures Commune, Quarter Quarter, ReportTable Table, string? Difficulties)
{
    /// <summary>The table as downloaded (from the site or <c>cdslearn report quarter</c>): the difficulties as a note below it.</summary>
    public ReportTable ForExport() =>
        Table with { Notes = ["Khó khăn, vướng mắc, đề xuất: " + (string.IsNullOrWhiteSpace(Difficulties) ? "(không có)" : Difficulties)] };
}

/// <summary>
/// A commune's quarterly report to the Department (the regime of the province's directive): teams and members, people
/// reached and trained by skill, people a team saw do real tasks (by skill and by team member), households covered,
/// and the difficulties the commune writes in. Filled from the figures, so nobody retypes a number; the site and
/// the command line build it here, so both write the same cells.
/// </summary>
public sealed class QuarterlyReports(Dashboard dashboard, CourseCatalog catalog, AppDbContext db, TimeProvider clock)
{
    public const int DifficultiesMaxLength = 4000;

    /// <summary>Who may write a commune's difficulties: its officers and province staff (a commune-wide team's
    /// members only read the report).</summary>
    public static bool MayWrite(Scope scope, int communeId) => scope.ManagesCommune(communeId);

    /// <summary>The report of a commune the scope sees whole; null for any other commune.</summary>
    public async Task<QuarterlyReport?> FindAsync(Scope scope, int communeId, Quarter quarter, CancellationToken cancellationToken = default)
    {
        var commune = (await dashboard.CommunesAsync(scope, cancellationToken)).FirstOrDefault(c => c.Id == communeId);
        if (commune is null)
        {
            return null;
        }
        var teams = (await dashboard.TeamsByCommuneAsync(cancellationToken)).GetValueOrDefault(communeId) ?? new TeamCount(0, 0, 0);
        var overdue = (await dashboard.OverdueByCommuneAsync([commune], cancellationToken))[communeId];
        var work = await dashboard.TeamWorkAsync(scope, communeId, quarter, cancellationToken);
        var difficulties = await db.CommuneReportNotes.Where(n => n.CommuneId == communeId && n.Quarter == quarter.Key)
            .Select(n => n.Difficulties).SingleOrDefaultAsync(cancellationToken);
        return new QuarterlyReport(commune, quarter, Build(catalog.Current, quarter, commune, teams, overdue, work), difficulties);
    }

    /// <summary>Writes the commune's difficulties for the quarter (replacing what was there). The caller has checked
    /// <see cref="MayWrite"/> on a commune it loaded through the scope.</summary>
    public async Task SaveDifficultiesAsync(int communeId, Quarter quarter, string? difficulties, string userId, CancellationToken cancellationToken = default)
    {
        var note = await db.CommuneReportNotes.SingleOrDefaultAsync(n => n.CommuneId == communeId && n.Quarter == quarter.Key, cancellationToken);
        if (note is null)
        {
            db.CommuneReportNotes.Add(note = new CommuneReportNote { CommuneId = communeId, Quarter = quarter.Key, UpdatedByUserId = userId });
        }
        note.Difficulties = difficulties?.Trim() ?? "";
        note.UpdatedByUserId = userId;
        note.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
    }

    private static ReportTable Build(Course course, Quarter q, PlaceFigures commune, TeamCount teams, int overdue, IReadOnlyList<TeamWork> work)
    {
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
        rows.AddRange(course.Skills.Select(k => Row("   " + k.Title, s.In(Metric.Certificates(k.Id), q), s.AsOf(Metric.Certificates(k.Id), q))));
        rows.Add(Row("   Công dân số (đủ các kỹ năng)", s.In(Metric.Certificates(Certificate.DigitalCitizen), q), s.AsOf(Metric.Certificates(Certificate.DigitalCitizen), q)));
        rows.Add(Row("7. Người dân được Tổ xác nhận tự làm việc thật trên điện thoại, theo kỹ năng", s.In(Metric.Observed, q), s.AsOf(Metric.Observed, q)));
        rows.AddRange(course.Skills.Select(k => Row("   " + k.Title, s.In(Metric.ObservedInSkill(k.Id), q), s.AsOf(Metric.ObservedInSkill(k.Id), q))));
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
        return new ReportTable($"Báo cáo {q.Label} {commune.Name}",
            [new("Nội dung", ReportValueKind.Text), new("Trong quý", ReportValueKind.Integer), new("Cộng dồn đến hết quý", ReportValueKind.Integer)],
            rows);

        static IReadOnlyList<object?> Row(string label, int? within, int? total) => [label, within, total];
    }
}
