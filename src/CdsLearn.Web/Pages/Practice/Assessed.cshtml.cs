using CdsLearn.Content;
using CdsLearn.Learning;
using CdsLearn.Web.Pages.Accounts;
using CdsLearn.Web.Pages.Learning;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace CdsLearn.Web.Pages.Practice;

/// <summary>
/// The assessed mode ("Làm bài chấm điểm"): the same screens without hints, every target named by a random id of this
/// sitting; every tap moves on to the next step's screen, right or wrong. The taps (ids and typed values, in order)
/// are posted with the draw token and a client attempt id, graded and stored once on the server.
/// </summary>
[SignInPurpose("làm bài chấm điểm và lưu kết quả", "bài chấm điểm")]
[EnableRateLimiting(RateLimits.Submissions)]
public class AssessedModel(CourseCatalog catalog, PracticeService practice, PracticeDrawProtector protector, AssistedSession session,
    CdsLearn.Voices.VoiceAvailability voices) : PageModel
{
    public PracticeTask Task { get; private set; } = null!;

    public Module Module { get; private set; } = null!;

    public PracticeDraw Draw { get; private set; } = null!;

    /// <summary>"Nghe giọng đọc của Tổ": a step read aloud tells no more than its text.</summary>
    public Voices.VoicePlayerBox VoiceBox { get; private set; } = null!;

    [BindProperty]
    public string Token { get; set; } = "";

    [BindProperty]
    public Guid AttemptId { get; set; }

    /// <summary>The id of the element acted on at each step, in order.</summary>
    [BindProperty(Name = "Target")]
    public List<string> Targets { get; set; } = [];

    /// <summary>What was typed at each step ("" when the step was a tap).</summary>
    [BindProperty(Name = "Value")]
    public List<string?> Values { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(string taskId, CancellationToken cancellationToken)
    {
        if (!Find(taskId))
        {
            return NotFound();
        }
        var learner = (await session.CurrentAsync(cancellationToken))!;
        Draw = PracticeDraw.Create(Task, learner.UserId);
        Token = protector.Protect(Draw);
        AttemptId = AttemptIds.New();
        VoiceBox = Voices.VoicePlayerBox.Task(Task.Id, await voices.LanguagesAsync(Task.Id, cancellationToken));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string taskId, CancellationToken cancellationToken)
    {
        if (!Find(taskId))
        {
            return NotFound();
        }
        var learner = (await session.CurrentAsync(cancellationToken))!;
        if (protector.Unprotect(Token, Task.Id, learner.UserId) is not { } draw || AttemptId == Guid.Empty || Targets.Count != Values.Count)
        {
            return BadRequest();
        }
        var actions = Targets.Zip(Values, (target, value) => new PracticeAction(target ?? "", value)).ToList();
        var outcome = await practice.SubmitAsync(AttemptId, draw, actions, learner.AssistedByUserId, cancellationToken);
        return outcome.Status switch
        {
            PracticeSubmitStatus.Stored or PracticeSubmitStatus.AlreadyStored => RedirectToPage("/Practice/Result", new { id = outcome.Attempt!.Id }),
            PracticeSubmitStatus.Replayed => StatusCode(StatusCodes.Status409Conflict),
            _ => BadRequest(),
        };
    }

    private bool Find(string taskId)
    {
        if (catalog.Current.FindPracticeTask(taskId) is not { } task)
        {
            return false;
        }
        Task = task;
        Module = catalog.Current.FindModule(task.ModuleId)!;
        return true;
    }
}
