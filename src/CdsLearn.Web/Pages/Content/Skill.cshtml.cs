using CdsLearn.Accounts;
using CdsLearn.Content;
using CdsLearn.Learning;
using CdsLearn.Web.Pages.Learning;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CdsLearn.Web.Pages.Content;

public class SkillModel(CourseCatalog catalog, ProgressService progress, AssistedSession session) : PageModel
{
    public Skill Skill { get; private set; } = null!;

    public LearnerProgress Progress { get; private set; } = LearnerProgress.None;

    public SkillProgress SkillProgress { get; private set; } = null!;

    public bool SignedIn { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        var course = catalog.Current;
        if (course.FindSkill(id) is not { } skill)
        {
            return NotFound();
        }
        Skill = skill;
        var userId = (await session.CurrentAsync(cancellationToken))?.UserId;
        SignedIn = userId is not null;
        Progress = await progress.GetAsync(userId, cancellationToken);
        SkillProgress = Progress.For(course, skill);
        return Page();
    }
}
