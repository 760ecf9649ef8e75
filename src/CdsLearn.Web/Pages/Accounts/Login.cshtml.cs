using System.ComponentModel.DataAnnotations;
using CdsLearn.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace CdsLearn.Web.Pages.Accounts;

[EnableRateLimiting(AccountRateLimits.SignIn)]
public class LoginModel(AccountSignIn accounts, SignInPurposes purposes) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public SignInPurpose? Purpose => purposes.Of(Url, ReturnUrl);

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var check = await accounts.PasswordSignInAsync(AccountLinks.NormalizeUserName(Input.UserName), Input.Password, Input.RememberMe, cancellationToken);
        if (check.Outcome == SignInOutcome.Succeeded)
        {
            return LocalRedirect(AccountLinks.SafeReturn(Url, ReturnUrl));
        }
        ModelState.AddModelError("", SignInMessages.For(check, "Tên đăng nhập hoặc mật khẩu không đúng."));
        return Page();
    }

    public class InputModel
    {
        [Display(Name = "Số điện thoại hoặc tên đăng nhập")]
        [Required(ErrorMessage = "Hãy nhập số điện thoại hoặc tên đăng nhập.")]
        public string UserName { get; set; } = "";

        [Display(Name = "Mật khẩu")]
        [Required(ErrorMessage = "Hãy nhập mật khẩu.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";

        /// <summary>On by default: most learners use their own phone.</summary>
        public bool RememberMe { get; set; } = true;
    }
}
