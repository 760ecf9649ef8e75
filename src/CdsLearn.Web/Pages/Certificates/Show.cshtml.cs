using CdsLearn.Accounts;
using CdsLearn.Certificates;
using CdsLearn.Content;
using CdsLearn.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Web.Pages.Certificates;

/// <summary>The printable certificate, for its holder and for province staff; to anyone else it does not exist.</summary>
public class ShowModel(AppDbContext db, CourseCatalog catalog, CertificateVerifier verifier, UserManager<AppUser> users) : PageModel
{
    public Certificate Certificate { get; private set; } = null!;

    public string SkillTitle { get; private set; } = "";

    public string VerifyLink { get; private set; } = "";

    public string VerifyUrl { get; private set; } = "";

    public string QrSvg { get; private set; } = "";

    public bool CanRevoke { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        var normalized = CertificateCode.Normalize(code);
        var certificate = normalized is null ? null
            : await db.Certificates.AsNoTracking().SingleOrDefaultAsync(c => c.Code == normalized, cancellationToken);
        CanRevoke = User.IsInRole(Roles.ProvinceStaff) || User.IsInRole(Roles.Admin);
        if (certificate is null || (certificate.UserId != users.GetUserId(User) && !CanRevoke))
        {
            return NotFound();
        }
        Certificate = certificate;
        SkillTitle = CertificateIssuer.TitleOf(catalog.Current, certificate.SkillId);
        var origin = $"{Request.Scheme}://{Request.Host}";
        VerifyLink = verifier.LinkFor(certificate);
        VerifyUrl = origin + "/verify";
        QrSvg = CertificateQr.Svg(origin + VerifyLink);
        return Page();
    }
}
