using CdsLearn.Certificates;
using CdsLearn.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CdsLearn.Web.Pages.Content;

/// <summary>A printable QR poster for a skill, a module or a lesson, for the culture house notice board.</summary>
public class PosterModel(CourseCatalog catalog) : PageModel
{
    public string Title { get; private set; } = "";

    /// <summary>Under the heading: a skill's full title when the poster shows its short name.</summary>
    public string? Subtitle { get; private set; }

    public string Link { get; private set; } = "";

    public string QrSvg { get; private set; } = "";

    public IActionResult OnGet(string id)
    {
        var course = catalog.Current;
        // The path goes into a printed QR code: it is spelled out so that it reads as the promise it is (printed posters
        // keep pointing there whatever the pages are called), not generated from a page name.
        (string Title, string Path)? target =
            course.FindSkill(id) is { } skill ? (skill.Title, $"/ky-nang/{skill.Id}")
            : course.FindModule(id) is { } module ? (module.Title, $"/ky-nang/{module.SkillId}#{module.Id}")
            : course.FindLesson(id) is { } lesson ? (lesson.Title, $"/bai-hoc/{lesson.Id}")
            : null;
        if (target is not { } found)
        {
            return NotFound();
        }
        Title = found.Title;
        if (course.FindSkill(id) is { HasOtherShortTitle: true } named)
        {
            // Teams and posters say the short name; the full title under it ties the poster to the page it opens.
            Title = named.ShortTitle;
            Subtitle = named.Title;
        }
        Link = $"{Request.Scheme}://{Request.Host}{found.Path}";
        QrSvg = CertificateQr.Svg(Link);
        return Page();
    }
}
