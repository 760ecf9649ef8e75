using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CdsLearn.Web.Pages.Accounts;

public class LogoutModel(AccountSignIn accounts) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await accounts.SignOutAsync(cancellationToken);
        return RedirectToPage("/Index");
    }
}
