using System.ComponentModel.DataAnnotations;
using CdsLearn.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace CdsLearn.Web.Pages.Accounts;

/// <summary>A taken name is a form error the person must see; the registration limit per address keeps names from
/// being probed that way by the thousand.</summary>
[EnableRateLimiting(AccountRateLimits.Registration)]
public class RegisterModel(UserManager<AppUser> users, AccountSignIn accounts, TimeProvider clock, SignInPurposes purposes) : PageModel
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
        var user = new AppUser
        {
            UserName = AccountLinks.NormalizeUserName(Input.UserName),
            FullName = Input.FullName.Trim(),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(user, Input.Password);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                var field = error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password"
                    : error.Code.Contains("UserName", StringComparison.Ordinal) ? "Input.UserName" : "";
                ModelState.AddModelError(field, error.Description);
            }
            return Page();
        }
        await users.AddToRoleAsync(user, Roles.Learner);
        await accounts.StartAsync(user, persistent: true, cancellationToken);
        return LocalRedirect(AccountLinks.SafeReturn(Url, ReturnUrl));
    }

    public class InputModel
    {
        [Display(Name = "Họ và tên")]
        [Required(ErrorMessage = "Hãy nhập họ và tên.")]
        [StringLength(100, ErrorMessage = "Họ và tên dài tối đa {1} ký tự.")]
        public string FullName { get; set; } = "";

        [Display(Name = "Số điện thoại hoặc tên đăng nhập")]
        [Required(ErrorMessage = "Hãy nhập số điện thoại hoặc tên đăng nhập.")]
        [StringLength(50, MinimumLength = 3, ErrorMessage = "Tên đăng nhập dài từ {2} đến {1} ký tự.")]
        public string UserName { get; set; } = "";

        [Display(Name = "Mật khẩu")]
        [Required(ErrorMessage = "Hãy nhập mật khẩu.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";

        [Display(Name = "Nhập lại mật khẩu")]
        [DataType(DataType.Password)]
        [Compare(nameof(Password), ErrorMessage = "Hai lần nhập mật khẩu không giống nhau.")]
        public string ConfirmPassword { get; set; } = "";
    }
}
