using CdsLearn.Data;
using CdsLearn.Reports;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Households;

/// <summary>The households of a scope as a table to export: where each is, its head, how many members and accounts,
/// and whether it is covered (<see cref="Coverage.WhereCovered"/>). Written like the reports (<see cref="ReportWriter"/>),
/// so that a name which looks like a formula stays text.</summary>
public sealed class HouseholdExport(AppDbContext db)
{
    private static readonly ReportColumn[] Columns =
    [
        new("commune", ReportValueKind.Text),
        new("village", ReportValueKind.Text),
        new("household_code", ReportValueKind.Text),
        new("head_name", ReportValueKind.Text),
        new("members", ReportValueKind.Integer),
        new("accounts", ReportValueKind.Integer),
        new("covered", ReportValueKind.Text),
    ];

    public async Task<ReportTable> TableAsync(Scope scope, CancellationToken cancellationToken = default)
    {
        var covered = scope.Households(db).WhereCovered(db).Select(h => h.Id);
        var rows = await scope.Households(db)
            .OrderBy(h => h.VillageId).ThenBy(h => h.Code)
            .Select(h => new
            {
                Commune = db.Villages.Where(v => v.Id == h.VillageId).Select(v => v.Commune!.Name).First(),
                Village = db.Villages.Where(v => v.Id == h.VillageId).Select(v => v.Name).First(),
                h.Code,
                h.HeadName,
                Members = h.Members.Count,
                Accounts = h.Members.Count(m => m.UserId != null),
                Covered = covered.Contains(h.Id) ? "có" : "chưa",
            })
            .ToListAsync(cancellationToken);
        return new ReportTable("Hộ gia đình", Columns, [.. rows.Select(r => (IReadOnlyList<object?>)
            [r.Commune, r.Village, r.Code, r.HeadName, r.Members, r.Accounts, r.Covered])]);
    }
}
