using System.Globalization;
using System.Text;
using CdsLearn.Accounts;
using CdsLearn.Audit;
using CdsLearn.Data;
using CdsLearn.Households;
using CsvHelper;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Web.Pages.Households;

/// <summary>The households of the user's scope as CSV (commune officers and province staff); every export is audited.</summary>
public class ExportModel(AppDbContext db, AuditLog audit, UserManager<AppUser> users) : PageModel
{
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
                commune = db.Villages.Where(v => v.Id == h.VillageId).Select(v => v.Commune!.Name).First(),
                village = db.Villages.Where(v => v.Id == h.VillageId).Select(v => v.Name).First(),
                household_code = h.Code,
                head_name = h.HeadName,
                members = h.Members.Count,
                accounts = h.Members.Count(m => m.UserId != null),
                covered = covered.Contains(h.Id) ? "có" : "chưa",
            })
            .ToListAsync(cancellationToken);
        await audit.RecordAsync(users.GetUserId(User)!, "households.export", $"{rows.Count} hộ", cancellationToken);
        await using var text = new StringWriter(CultureInfo.InvariantCulture);
        await using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            await csv.WriteRecordsAsync(rows, cancellationToken);
        }
        // A BOM so that spreadsheet programs open the Vietnamese text as UTF-8.
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray(), "text/csv; charset=utf-8", "ho-gia-dinh.csv");
    }
}
