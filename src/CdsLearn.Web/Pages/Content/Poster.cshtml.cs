using CdsLearn.Certificates;
using CdsLearn.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CdsLearn.Web.Pages.Content;

/// <summary>A printable QR poster for a skill, for the culture house notice board.</summary>
public class PosterModel(CourseCatalog catalog) : PageModel
{
    public string Title { get; private set; } = "";

    public string Link { get; private set; } = "";

    public string QrSvg { get; private set; } = "";

    public IActionResult OnGet(string id)
    {
        if (catalog.Current.FindSkill(id) is not { } skill)
        {
            return NotFound();
        }
        Title = skill.Title;
        Link = $"{Request.Scheme}://{Request.Host}/ky-nang/{skill.Id}";
        QrSvg = CertificateQr.Svg(Link);
        return Page();
    }
}
