using CdsLearn.Accounts;
using CdsLearn.Content;
using CdsLearn.Learning;
using CdsLearn.Web.Pages.Learning;
using CdsLearn.Web.Pages.Voices;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CdsLearn.Web.Pages.Content;

/// <summary>A lesson, readable without signing in; a signed-in learner can mark it read.</summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = PageCaching.AnonymousPages)]
public class LessonModel(CourseCatalog catalog, ProgressService progress, AssistedSession session, CdsLearn.Channels.ChannelService channels,
    CdsLearn.Voices.VoiceAvailability voices) : PageModel
{
    /// <summary>For a signed-in learner of a household, when the lesson has a <c>::: kenh-cua-xa</c> block: their
    /// commune's channels, drawn in its place. Everyone else (and every cached page) gets the block's link to /kenh-cua-xa.</summary>
    public CdsLearn.Channels.CommuneChannels? Channels { get; private set; }

    public Lesson Lesson { get; private set; } = null!;

    public Module Module { get; private set; } = null!;

    public Skill Skill { get; private set; } = null!;

    public Lesson? Previous { get; private set; }

    public Lesson? Next { get; private set; }

    public bool SignedIn { get; private set; }

    public bool IsRead { get; private set; }

    /// <summary>"Nghe giọng đọc của Tổ", with the languages the lesson has approved readings in (none: no button).</summary>
    public VoicePlayerBox VoiceBox { get; private set; } = null!;

    public bool IsLastOfModule => Module.Lessons[^1].Id == Lesson.Id;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (!Find(id))
        {
            return NotFound();
        }
        var learner = await session.CurrentAsync(cancellationToken);
        var userId = learner?.UserId;
        SignedIn = userId is not null;
        IsRead = await progress.HasReadAsync(userId, Lesson.Id, cancellationToken);
        if (userId is not null && Lesson.UsesCommuneChannels)
        {
            Channels = await channels.ForLearnerAsync(userId, cancellationToken);
        }
        // From memory: a visitor's lesson asks the database nothing more. The caches of visitors' pages vary by its version.
        VoiceBox = VoicePlayerBox.Lesson(Lesson.Id, await voices.LanguagesAsync(Lesson.Id, cancellationToken));
        // The lesson text, the neighbours, the reader's own state, their commune's channels and the voices are all the page shows.
        if (PageCaching.IsNotModified(HttpContext, Lesson.Id, Lesson.Title, Lesson.Html, Previous?.Id, Next?.Id,
                userId, learner?.AssistedByUserId, learner?.FullName, IsRead.ToString(), User.Identity?.Name, Channels?.Fingerprint, VoiceBox.Label))
        {
            return StatusCode(StatusCodes.Status304NotModified);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        // Razor Pages ignores [Authorize] on handlers, so the post checks the user itself.
        if ((await session.CurrentAsync(cancellationToken))?.UserId is not { } userId)
        {
            return Challenge();
        }
        if (!Find(id))
        {
            return NotFound();
        }
        await progress.MarkReadAsync(userId, Lesson.Id, cancellationToken);
        return RedirectToPage("/Content/Lesson", new { id = Next is { } next && !IsLastOfModule ? next.Id : Lesson.Id });
    }

    private bool Find(string id)
    {
        var course = catalog.Current;
        if (course.FindLesson(id) is not { } lesson)
        {
            return false;
        }
        Lesson = lesson;
        Module = course.FindModule(lesson.ModuleId)!;
        Skill = course.FindSkill(Module.SkillId)!;
        (Previous, Next) = course.Neighbours(lesson);
        return true;
    }
}
