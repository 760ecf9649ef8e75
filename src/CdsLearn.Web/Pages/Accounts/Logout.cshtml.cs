using CdsLearn.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CdsLearn.Web.Pages.Accounts;

public class LogoutModel(SignInManager<AppUser> signIn, Learning.AssistedSession session) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        session.End();
        await signIn.SignOutAsync();
        return Redirect("/");
    }
}
