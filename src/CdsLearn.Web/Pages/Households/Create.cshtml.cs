using System.Security.Claims;
using CdsLearn.Data;
using CdsLearn.Households;
using Microsoft.AspNetCore.Mvc;

namespace CdsLearn.Web.Pages.Households;

public class CreateModel(AppDbContext db, HouseholdEditor editor) : HouseholdFormModel(db, editor)
{
    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadVillagesAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await ValidateAsync(null, cancellationToken))
        {
            await LoadVillagesAsync(cancellationToken);
            return Page();
        }
        var household = await Editor.CreateAsync(Scope, Input.ToInput(), Input.HeadBirthYear, User.FindFirstValue(ClaimTypes.NameIdentifier), cancellationToken);
        return RedirectToPage("/Households/Show", new { householdId = household.Id });
    }
}
