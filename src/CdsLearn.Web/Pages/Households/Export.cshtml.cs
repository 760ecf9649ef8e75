using CdsLearn.Accounts;
using CdsLearn.Audit;
using CdsLearn.Households;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CdsLearn.Web.Pages.Households;

/// <summary>The households of the user's scope as CSV (<see cref="HouseholdExport"/>), for commune officers and
/// province staff; every export is audited.</summary>
public class ExportModel(HouseholdExport export, AuditLog audit, UserManager<AppUser> users) : PageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!(User.IsInRole(Roles.CommuneOfficer) || User.IsInRole(Roles.ProvinceStaff) || User.IsInRole(Roles.Admin)))
        {
            return Forbid();
        }
        var table = await export.TableAsync(ScopeFilter.ScopeOf(HttpContext), cancellationToken);
        await audit.RecordAsync(users.GetUserId(User)!, "households.export", $"{table.Rows.Count} hộ", cancellationToken);
        return ReportFile.Of(table, "csv");
    }
}
