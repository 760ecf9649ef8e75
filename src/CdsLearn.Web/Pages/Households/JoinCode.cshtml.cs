using CdsLearn.Certificates;
using CdsLearn.Households;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CdsLearn.Web.Pages.Households;

/// <summary>The printable QR a family member scans to register and join the household.</summary>
public class JoinCodeModel(HouseholdEditor editor) : PageModel
{
    [FromRoute]
    public int HouseholdId { get; set; }

    public string HeadName { get; private set; } = "";

    public string JoinCode { get; private set; } = "";

    public string JoinUrl { get; private set; } = "";

    public string QrSvg { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var household = await editor.FindAsync(ScopeFilter.ScopeOf(HttpContext), HouseholdId, cancellationToken)
            ?? throw new OutOfScopeException($"household {HouseholdId}");
        HeadName = household.HeadName;
        JoinCode = household.JoinCode;
        JoinUrl = $"{Request.Scheme}://{Request.Host}/tham-gia/{household.JoinCode}";
        QrSvg = CertificateQr.Svg(JoinUrl);
    }
}
