using CdsLearn.Accounts;
using CdsLearn.Content;
using CdsLearn.Learning;
using CdsLearn.Web.Pages.Learning;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Web.Pages.Content;

public class SkillModel(
    CourseCatalog catalog, ProgressService progress, AssistedSession session, TaskObservationService observations,
    CdsLearn.Households.ScopeService scopes, Data.AppDbContext db, CdsLearn.Voices.VoiceLibrary voices) : PageModel
{
    /// <summary>The cookie voices.js keeps the phone's chosen language in (beside localStorage), so this page knows it.</summary>
    public const string LanguageCookie = "giong-doc";

    /// <summary>Header, footer and navigation around a lesson's text, measured at about 3 KB.</summary>
    private const int PageFrameBytes = 3 * 1024;

    /// <summary>A practice page's intro, steps and drawn screens, about 6 KB.</summary>
    private const int PracticePageBytes = 6 * 1024;

    public Skill Skill { get; private set; } = null!;

    public LearnerProgress Progress { get; private set; } = LearnerProgress.None;

    public SkillProgress SkillProgress { get; private set; } = null!;

    public bool SignedIn { get; private set; }

    /// <summary>During "Học cùng tổ": the team member may tick, here, the real tasks the person just did by themselves.</summary>
    public bool IsAssisted { get; private set; }

    public int PracticeTaskCount => Skill.Modules.Sum(m => m.PracticeTasks.Count);

    /// <summary>What "save for offline" fetches: the skill page, each of its lessons and practice tasks (the assessed
    /// version only for a signed-in learner: it is made for them).</summary>
    public IReadOnlyList<string> OfflinePages { get; private set; } = [];

    /// <summary>About how much that is on the phone: the lesson text and pictures plus the page around them, uncompressed.</summary>
    public int OfflineKilobytes { get; private set; }

    /// <summary>The team's approved readings that "Lưu cả kỹ năng" offers to keep too, each language with its real size:
    /// only the phone's language when it chose one, else each language that has some (nothing is ticked: a megabyte
    /// costs a learner money, so voices are saved only when asked for).</summary>
    public IReadOnlyList<CdsLearn.Voices.SkillVoices> OfflineVoices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        var course = catalog.Current;
        if (course.FindSkill(id) is not { } skill)
        {
            return NotFound();
        }
        Skill = skill;
        var acting = await session.CurrentAsync(cancellationToken);
        var userId = acting?.UserId;
        SignedIn = userId is not null;
        IsAssisted = acting?.IsAssisted == true;
        Progress = await progress.GetAsync(userId, cancellationToken);
        SkillProgress = Progress.For(course, skill);
        var lessons = course.LessonsOf(skill).ToList();
        var tasks = skill.Modules.SelectMany(m => m.PracticeTasks).ToList();
        var taskPages = tasks.SelectMany(t => SignedIn
            ? [Url.Page("/Practice/Play", new { taskId = t.Id })!, Url.Page("/Practice/Assessed", new { taskId = t.Id })!]
            : new[] { Url.Page("/Practice/Play", new { taskId = t.Id })! }).ToList();
        OfflinePages = lessons.Select(l => Url.Page("/Content/Lesson", new { id = l.Id })!).Prepend(Url.Page("/Content/Skill", new { id = skill.Id })!).Concat(taskPages).ToList();
        if (lessons.Any(l => l.UsesCommuneChannels))
        {
            // A lesson links to "Kênh của xã": keep the commune's channels on the phone too.
            OfflinePages = [.. OfflinePages, Url.Page("/Channels/Index")!];
        }
        OfflineKilobytes = (lessons.Sum(l => System.Text.Encoding.UTF8.GetByteCount(l.Html) + l.PictureBytes)
            + taskPages.Count * PracticePageBytes + OfflinePages.Count * PageFrameBytes) / 1024 + 1;
        OfflineVoices = await voices.ForSkillAsync(skill.Id, Request.Cookies[LanguageCookie], cancellationToken);
        return Page();
    }

    /// <summary>A size as a phone's data plan counts it: KB under a megabyte, else MB with one decimal ("1,4 MB").</summary>
    public static string SizeText(long bytes) => bytes < 1024 * 1024
        ? $"{(bytes + 1023) / 1024} KB"
        : (bytes / (1024d * 1024)).ToString("0.0", System.Globalization.CultureInfo.GetCultureInfo("vi-VN")) + " MB";

    /// <summary>"Tổ xác nhận" during "Học cùng tổ": the person is the one being helped, their household is loaded
    /// through the team member's scope (a person outside it finds nothing), and the tasks must be this skill's.</summary>
    public async Task<IActionResult> OnPostObserveAsync(string id, List<string> taskIds, CancellationToken cancellationToken)
    {
        var course = catalog.Current;
        var acting = await session.CurrentAsync(cancellationToken);
        if (course.FindSkill(id) is not { } skill || acting is not { AssistedByUserId: { } assistant })
        {
            return NotFound();
        }
        if (taskIds.Count == 0 || taskIds.Any(t => skill.ObservedTasks.All(o => o.Id != t)))
        {
            return BadRequest();
        }
        var member = await db.HouseholdMembers.Where(m => m.UserId == acting.UserId)
            .Select(m => new { m.Id, m.HouseholdId }).FirstOrDefaultAsync(cancellationToken);
        if (member is null)
        {
            return NotFound();
        }
        var result = await observations.RecordAsync(await scopes.ForAsync(User, cancellationToken), member.HouseholdId, member.Id, taskIds, assistant, cancellationToken);
        return result == ObservationResult.Recorded ? RedirectToPage("/Content/Skill", null, new { id = skill.Id }, "can-lam") : NotFound();
    }
}
