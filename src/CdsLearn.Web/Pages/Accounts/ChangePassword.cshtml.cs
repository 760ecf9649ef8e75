using System.ComponentModel.DataAnnotations;
using CdsLearn.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace CdsLearn.Web.Pages.Accounts;

[EnableRateLimiting(AccountRateLimits.PasswordChange)]
public class ChangePasswordModel(UserManager<AppUser> users, AccountSignIn accounts) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public bool Changed { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        var check = await accounts.CheckPasswordAsync(user, Input.CurrentPassword, cancellationToken);
        if (check.Outcome != SignInOutcome.Succeeded)
        {
            ModelState.AddModelError("Input.CurrentPassword", SignInMessages.For(check, "Mật khẩu không đúng."));
            return Page();
        }
        var result = await users.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "Input.CurrentPassword" : "Input.NewPassword", error.Description);
            }
            return Page();
        }
        // Whoever else holds a cookie of this account is signed out now; this phone goes on.
        await accounts.RestartAllAsync(user, cancellationToken);
        return RedirectToPage("/Accounts/ChangePassword", new { changed = "true" });
    }

    public class InputModel
    {
        [Display(Name = "Mật khẩu hiện tại")]
        [Required(ErrorMessage = "Hãy nhập mật khẩu hiện tại.")]
        [DataType(DataType.Password)]
        public string CurrentPassword { get; set; } = "";

        [Display(Name = "Mật khẩu mới")]
        [Required(ErrorMessage = "Hãy nhập mật khẩu mới.")]
        [DataType(DataType.Password)]
        public string NewPassword { get; set; } = "";

        [Display(Name = "Nhập lại mật khẩu mới")]
        [DataType(DataType.Password)]
        [Compare(nameof(NewPassword), ErrorMessage = "Hai lần nhập mật khẩu mới không giống nhau.")]
        public string ConfirmPassword { get; set; } = "";
    }
}
