using CdsLearn.Content;
using CdsLearn.Voices;
using CdsLearn.Web.Pages.Voices;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CdsLearn.Web.Pages.Practice;

/// <summary>Practice mode ("Làm thử"): open to everyone; the page holds the steps' targets and hints, and the script
/// checks each tap on the phone, so it plays offline once saved.</summary>
public class PlayModel(CourseCatalog catalog, VoiceAvailability voices) : PageModel
{
    public PracticeTask Task { get; private set; } = null!;

    public Module Module { get; private set; } = null!;

    /// <summary>"Nghe giọng đọc của Tổ" for the steps, where some step has an approved reading.</summary>
    public VoicePlayerBox VoiceBox { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string taskId, CancellationToken cancellationToken)
    {
        if (catalog.Current.FindPracticeTask(taskId) is not { } task)
        {
            return NotFound();
        }
        Task = task;
        Module = catalog.Current.FindModule(task.ModuleId)!;
        VoiceBox = VoicePlayerBox.Task(task.Id, await voices.LanguagesAsync(task.Id, cancellationToken));
        return Page();
    }
}
