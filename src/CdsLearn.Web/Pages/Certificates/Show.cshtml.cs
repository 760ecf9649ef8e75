using CdsLearn.Accounts;
using CdsLearn.Certificates;
using CdsLearn.Content;
using CdsLearn.Web.Pages.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CdsLearn.Web.Pages.Certificates;

/// <summary>The printable certificate, for its holder and for province staff; to anyone else it does not exist.</summary>
[SignInPurpose("xem chứng chỉ của bạn", "trang chứng chỉ")]
public class ShowModel(CourseCatalog catalog, CertificateVerifier verifier, Learning.AssistedSession session) : PageModel
{
    public Certificate Certificate { get; private set; } = null!;

    public string SkillTitle { get; private set; } = "";

    public string VerifyLink { get; private set; } = "";

    public string VerifyUrl { get; private set; } = "";

    public string QrSvg { get; private set; } = "";

    public bool CanRevoke { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        var certificate = await verifier.FindAsync(code, cancellationToken);
        CanRevoke = User.IsInRole(Roles.ProvinceStaff) || User.IsInRole(Roles.Admin);
        // The holder, or a team member helping the holder in "Học cùng tổ", or province staff.
        var learnerId = (await session.CurrentAsync(cancellationToken))?.UserId;
        if (certificate is null || (certificate.UserId != learnerId && !CanRevoke))
        {
            return NotFound();
        }
        Certificate = certificate;
        SkillTitle = CertificateIssuer.TitleOf(catalog.Current, certificate.SkillId);
        var origin = $"{Request.Scheme}://{Request.Host}";
        VerifyLink = verifier.LinkFor(certificate);
        // Printed on the certificate and in its QR code (as CertificateVerifier.LinkFor's /verify/{code}): these
        // addresses must outlive any renaming of the site's pages, so they are spelled out, not generated.
        VerifyUrl = origin + "/verify";
        QrSvg = CertificateQr.Svg(origin + VerifyLink);
        return Page();
    }
}
