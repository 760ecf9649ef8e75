using System.ComponentModel.DataAnnotations;
using CdsLearn.Accounts;
using CdsLearn.Certificates;
using CdsLearn.Content;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CdsLearn.Web.Pages.Certificates;

/// <summary>Province staff revoke a certificate, giving a reason (authorized by the ProvinceWide policy).</summary>
public class RevokeModel(CertificateVerifier verifier, CourseCatalog catalog, CertificateIssuer issuer, UserManager<AppUser> users) : PageModel
{
    public Certificate Certificate { get; private set; } = null!;

    public string SkillTitle { get; private set; } = "";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken) =>
        await LoadAsync(code, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(code, cancellationToken))
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        await issuer.RevokeAsync(Certificate.Code, Input.Reason, users.GetUserId(User)!, cancellationToken);
        return RedirectToPage("/Certificates/Show", new { code = Certificate.Code });
    }

    private async Task<bool> LoadAsync(string code, CancellationToken cancellationToken)
    {
        if (await verifier.FindAsync(code, cancellationToken) is not { } certificate)
        {
            return false;
        }
        Certificate = certificate;
        SkillTitle = CertificateIssuer.TitleOf(catalog.Current, certificate.SkillId);
        return true;
    }

    public class InputModel
    {
        [Display(Name = "Lý do thu hồi")]
        [Required(ErrorMessage = "Hãy ghi lý do thu hồi.")]
        [StringLength(500, MinimumLength = 5, ErrorMessage = "Lý do dài từ {2} đến {1} ký tự.")]
        public string Reason { get; set; } = "";
    }
}
