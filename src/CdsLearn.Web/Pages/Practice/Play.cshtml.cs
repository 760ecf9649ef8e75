using CdsLearn.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CdsLearn.Web.Pages.Practice;

/// <summary>Practice mode ("Làm thử"): open to everyone; the page holds the steps' targets and hints, and the script
/// checks each tap on the phone, so it plays offline once saved.</summary>
public class PlayModel(CourseCatalog catalog) : PageModel
{
    public PracticeTask Task { get; private set; } = null!;

    public Module Module { get; private set; } = null!;

    public IActionResult OnGet(string taskId)
    {
        if (catalog.Current.FindPracticeTask(taskId) is not { } task)
        {
            return NotFound();
        }
        Task = task;
        Module = catalog.Current.FindModule(task.ModuleId)!;
        return Page();
    }
}
