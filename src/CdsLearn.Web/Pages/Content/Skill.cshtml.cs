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
    /// <summary>Header, footer and navigation around a lesson's text, measured at about 3 KB.</summary>
    private const int PageFrameBytes = 3 * 1024;

    public Skill Skill { get; private set; } = null!;

    public LearnerProgress Progress { get; private set; } = LearnerProgress.None;

    public SkillProgress SkillProgress { get; private set; } = null!;

    public bool SignedIn { get; private set; }

    /// <summary>What "save for offline" fetches: the skill page and each of its lessons.</summary>
    public IReadOnlyList<string> OfflinePages { get; private set; } = [];

    /// <summary>About how much that is on the phone: the lesson text plus the page around it, uncompressed.</summary>
    public int OfflineKilobytes { get; private set; }

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
        var lessons = course.LessonsOf(skill).ToList();
        OfflinePages = lessons.Select(l => $"/bai-hoc/{l.Id}").Prepend($"/ky-nang/{skill.Id}").ToList();
        OfflineKilobytes = (lessons.Sum(l => System.Text.Encoding.UTF8.GetByteCount(l.Html)) + OfflinePages.Count * PageFrameBytes) / 1024 + 1;
        return Page();
    }
}
