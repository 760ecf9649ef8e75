using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CdsLearn.Web.Pages.Learning;

public class EndAssistModel(AssistedSession session) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await session.EndAsync(cancellationToken);
        return RedirectToPage("/Households/Index");
    }
}
