using CdsLearn.Accounts;
using CdsLearn.Audit;
using CdsLearn.Data;
using CdsLearn.Households;
using CdsLearn.Reports;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Web.Pages.Households;

/// <summary>The households of the user's scope as CSV (commune officers and province staff), written like the reports so
/// that a name which looks like a formula stays text; every export is audited.</summary>
public class ExportModel(AppDbContext db, AuditLog audit, UserManager<AppUser> users) : PageModel
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

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!(User.IsInRole(Roles.CommuneOfficer) || User.IsInRole(Roles.ProvinceStaff) || User.IsInRole(Roles.Admin)))
        {
            return Forbid();
        }
        var scope = ScopeFilter.ScopeOf(HttpContext);
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
        await audit.RecordAsync(users.GetUserId(User)!, "households.export", $"{rows.Count} hộ", cancellationToken);
        var table = new ReportTable("Hộ gia đình", Columns, [.. rows.Select(r => (IReadOnlyList<object?>)
            [r.Commune, r.Village, r.Code, r.HeadName, r.Members, r.Accounts, r.Covered])]);
        return ReportFile.Of(table, "csv");
    }
}
