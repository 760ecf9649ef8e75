using CdsLearn.Certificates;
using CdsLearn.Content;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace CdsLearn.Web.Pages.Certificates;

/// <summary>
/// Public: anyone who scans a certificate's QR, or types its code, sees whether it is genuine. A scanned link
/// (/verify/{code}?d=…&amp;s=…) must carry a valid signature; a typed code (/verify?ma=…) is looked up.
/// </summary>
[EnableRateLimiting(RateLimits.CertificateChecks)]
public class VerifyModel(CertificateVerifier verifier, CourseCatalog catalog) : PageModel
{
    public Verification? Result { get; private set; }

    public string? TypedCode { get; private set; }

    public string SkillTitle => Result?.Certificate is { } c ? CertificateIssuer.TitleOf(catalog.Current, c.SkillId) : "";

    public async Task OnGetAsync(string? code, string? d, string? s, string? ma, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(code))
        {
            Result = await verifier.VerifyLinkAsync(code, d, s, cancellationToken);
        }
        else if (!string.IsNullOrWhiteSpace(ma))
        {
            TypedCode = ma.Trim();
            Result = await verifier.VerifyCodeAsync(ma, cancellationToken);
        }
    }
}
