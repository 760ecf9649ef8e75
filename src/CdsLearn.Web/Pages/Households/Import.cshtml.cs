using System.Security.Claims;
using CdsLearn.Accounts;
using CdsLearn.Imports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CdsLearn.Web.Pages.Households;

/// <summary>Commune officers (and province staff) upload a household list; villages outside their scope are refused row by row.
/// A body much larger than the largest accepted file is cut off while it arrives (413), not read into memory first.</summary>
[RequestSizeLimit(MaxBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxBytes + 1024 * 1024)]
public class ImportModel(HouseholdImporter importer) : PageModel
{
    public const long MaxBytes = 5 * 1024 * 1024;

    public ImportReport? Report { get; private set; }

    public IActionResult OnGet() => MayImport() ? Page() : Forbid();

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (!MayImport())
        {
            return Forbid();
        }
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("", "Hãy chọn một tệp CSV.");
            return Page();
        }
        if (file.Length > MaxBytes)
        {
            ModelState.AddModelError("", "Tệp lớn quá 5 MB. Hãy chia thành nhiều tệp nhỏ hơn.");
            return Page();
        }
        await using var csv = file.OpenReadStream();
        Report = await importer.ImportAsync(csv, ScopeFilter.ScopeOf(HttpContext), User.FindFirstValue(ClaimTypes.NameIdentifier), cancellationToken);
        return Page();
    }

    private bool MayImport() => User.IsInRole(Roles.CommuneOfficer) || User.IsInRole(Roles.ProvinceStaff) || User.IsInRole(Roles.Admin);
}
