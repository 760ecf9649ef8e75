using CdsLearn.Content;
using CdsLearn.Learning;
using CdsLearn.Web.Pages.Learning;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CdsLearn.Web.Pages.Practice;

/// <summary>A stored assessed attempt, visible to the learner who made it: passed or not, and each step.</summary>
public class ResultModel(CourseCatalog catalog, PracticeService practice, AssistedSession session) : PageModel
{
    public PracticeAttempt Attempt { get; private set; } = null!;

    public PracticeTask? Task { get; private set; }

    public IReadOnlyList<PracticeStepResult> Steps { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var userId = (await session.CurrentAsync(cancellationToken))?.UserId;
        if (await practice.FindAttemptAsync(id, cancellationToken) is not { } attempt || attempt.UserId != userId)
        {
            return NotFound();
        }
        Attempt = attempt;
        Task = catalog.Current.FindPracticeTask(attempt.TaskId);
        Steps = GradedPractice.StepsFromJson(attempt.StepsJson);
        return Page();
    }
}
