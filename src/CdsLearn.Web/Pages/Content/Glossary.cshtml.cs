using CdsLearn.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CdsLearn.Web.Pages.Content;

/// <summary>"Giải thích từ": every term of the course A–Z with its explanation and the lessons that use it.</summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = PageCaching.AnonymousPages)]
public class GlossaryModel(CourseCatalog catalog) : PageModel
{
    public IReadOnlyList<(GlossaryTerm Term, IReadOnlyList<Lesson> Lessons)> Terms { get; private set; } = [];

    public IActionResult OnGet()
    {
        var course = catalog.Current;
        Terms = course.Glossary.Select(t => (t, (IReadOnlyList<Lesson>)course.LessonsUsing(t).ToList())).ToList();
        if (PageCaching.IsNotModified(HttpContext, [.. course.Glossary.Select(t => t.Id + "\n" + t.Term + "\n" + t.Html),
                .. Terms.SelectMany(t => t.Lessons.Select(l => l.Id + " " + l.Title)), User.Identity?.Name]))
        {
            return StatusCode(StatusCodes.Status304NotModified);
        }
        return Page();
    }
}
