using CdsLearn.Data;
using CdsLearn.Households;
using Microsoft.AspNetCore.Mvc;

namespace CdsLearn.Web.Pages.Households;

public class EditModel(AppDbContext db, HouseholdEditor editor) : HouseholdFormModel(db, editor)
{
    [FromRoute]
    public int HouseholdId { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var household = await Editor.FindAsync(Scope, HouseholdId, cancellationToken) ?? throw new OutOfScopeException($"household {HouseholdId}");
        Input = new InputModel { VillageId = household.VillageId, Code = household.Code, HeadName = household.HeadName };
        await LoadVillagesAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await ValidateAsync(HouseholdId, cancellationToken))
        {
            await LoadVillagesAsync(cancellationToken);
            return Page();
        }
        var household = await Editor.FindAsync(Scope, HouseholdId, cancellationToken) ?? throw new OutOfScopeException($"household {HouseholdId}");
        await Editor.UpdateAsync(Scope, household, Input.ToInput(), cancellationToken);
        return RedirectToPage("/Households/Show", new { householdId = HouseholdId });
    }
}
