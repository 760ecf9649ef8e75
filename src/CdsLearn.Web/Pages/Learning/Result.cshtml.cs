using CdsLearn.Accounts;
using CdsLearn.Certificates;
using CdsLearn.Content;
using CdsLearn.Data;
using CdsLearn.Learning;
using CdsLearn.Web.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CdsLearn.Web.Pages.Learning;

/// <summary>A stored attempt, visible to the learner who made it: the score, and each question with the right answers.</summary>
public class ResultModel(CourseCatalog catalog, AppDbContext db, ProgressService progress, AssistedSession session) : PageModel
{
    public QuizAttempt Attempt { get; private set; } = null!;

    public Module? Module { get; private set; }

    public IReadOnlyList<QuizSheetView.Item> Review { get; private set; } = [];

    /// <summary>The certificates this attempt completed (the skill's, and "Công dân số" when it was the last one).</summary>
    public IReadOnlyList<Certificate> Certificates { get; private set; } = [];

    public Course Course => catalog.Current;

    /// <summary>After a pass: the learner's progress in the quiz's skill (what its certificate still needs).</summary>
    public SkillProgress? SkillProgress { get; private set; }

    /// <summary>After a pass: what comes next, the page's first action.</summary>
    public NextStep? Next { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var userId = (await session.CurrentAsync(cancellationToken))?.UserId;
        if (await QuizService.FindAttemptAsync(db, id, cancellationToken) is not { } attempt || attempt.UserId != userId)
        {
            return NotFound();
        }
        Attempt = attempt;
        Module = catalog.Current.FindModule(attempt.ModuleId);
        if (Module is not null)
        {
            // Questions removed from the course since the attempt are left out of the review.
            Review = AttemptSheet.FromJson(attempt.SheetJson).Questions
                .Select(g => (Question: Module.Quiz.FindQuestion(g.Number)!, Graded: g))
                .Where(x => x.Question is not null && x.Graded.OptionOrder.All(i => i < x.Question.Options.Count))
                .Select(x => new QuizSheetView.Item(x.Question, x.Graded.OptionOrder, x.Graded.Chosen, x.Graded))
                .ToList();
        }
        if (attempt.Passed)
        {
            (Certificates, SkillProgress, Next) = await progress.AfterPassAsync(attempt.UserId, attempt.SkillId, attempt.ModuleId, attempt.SubmittedAt, cancellationToken);
        }
        return Page();
    }
}
