using CdsLearn.Accounts;
using CdsLearn.Content;
using CdsLearn.Learning;
using CdsLearn.Web.Pages.Learning;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CdsLearn.Web.Pages.Content;

public class SkillModel(CourseCatalog catalog, ProgressService progress, PracticeService practice, AssistedSession session) : PageModel
{
    /// <summary>Header, footer and navigation around a lesson's text, measured at about 3 KB.</summary>
    private const int PageFrameBytes = 3 * 1024;

    /// <summary>A practice page's intro, steps and drawn screens, about 6 KB.</summary>
    private const int PracticePageBytes = 6 * 1024;

    public Skill Skill { get; private set; } = null!;

    public LearnerProgress Progress { get; private set; } = LearnerProgress.None;

    public SkillProgress SkillProgress { get; private set; } = null!;

    public bool SignedIn { get; private set; }

    /// <summary>The practice tasks the learner has passed in assessed mode.</summary>
    public IReadOnlySet<string> PassedTasks { get; private set; } = new HashSet<string>();

    /// <summary>What "save for offline" fetches: the skill page, each of its lessons and practice tasks (the assessed
    /// version only for a signed-in learner: it is made for them).</summary>
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
        PassedTasks = await practice.PassedTasksAsync(userId, cancellationToken);
        var tasks = skill.Modules.SelectMany(m => m.PracticeTasks).ToList();
        var taskPages = tasks.SelectMany(t => SignedIn ? [$"/lam-thu/{t.Id}", $"/lam-thu/{t.Id}/cham-diem"] : new[] { $"/lam-thu/{t.Id}" }).ToList();
        OfflinePages = lessons.Select(l => $"/bai-hoc/{l.Id}").Prepend($"/ky-nang/{skill.Id}").Concat(taskPages).ToList();
        OfflineKilobytes = (lessons.Sum(l => System.Text.Encoding.UTF8.GetByteCount(l.Html))
            + taskPages.Count * PracticePageBytes + OfflinePages.Count * PageFrameBytes) / 1024 + 1;
        return Page();
    }
}
