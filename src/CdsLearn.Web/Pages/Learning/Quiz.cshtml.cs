using CdsLearn.Accounts;
using CdsLearn.Content;
using CdsLearn.Learning;
using CdsLearn.Web.Components;
using CdsLearn.Web.Pages.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace CdsLearn.Web.Pages.Learning;

/// <summary>
/// A module quiz. The draw (which questions, in which order, options shuffled) travels in a signed token, never the
/// answer key; the server grades. The attempt id is made when the page is served, so a double tap or a resend after a
/// dropped connection reaches the server with the same id and is stored once.
/// </summary>
[SignInPurpose("làm bài kiểm tra và lưu kết quả", "bài kiểm tra")]
[EnableRateLimiting(RateLimits.Submissions)]
public class QuizModel(CourseCatalog catalog, QuizService quizzes, QuizDrawProtector protector, AssistedSession session) : PageModel
{
    private Dictionary<int, IReadOnlyCollection<int>> answers = [];

    private ActingLearner learner = null!;

    public Module Module { get; private set; } = null!;

    public QuizDraw Draw { get; private set; } = null!;

    public int PassPercent { get; private set; }

    [BindProperty]
    public string Token { get; set; } = "";

    [BindProperty]
    public Guid AttemptId { get; set; }

    /// <summary>The drawn questions with what is chosen so far (after a submit with questions left unanswered).</summary>
    public IReadOnlyList<QuizSheetView.Item> Sheet => Draw.Questions
        .Select(drawn => new QuizSheetView.Item(Module.Quiz.FindQuestion(drawn.Number)!, drawn.OptionOrder, answers.GetValueOrDefault(drawn.Number) ?? [], null))
        .ToList();

    public async Task<IActionResult> OnGetAsync(string moduleId, CancellationToken cancellationToken)
    {
        if (!Find(moduleId))
        {
            return NotFound();
        }
        learner = (await session.CurrentAsync(cancellationToken))!;
        NewDraw();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string moduleId, CancellationToken cancellationToken)
    {
        if (!Find(moduleId))
        {
            return NotFound();
        }
        learner = (await session.CurrentAsync(cancellationToken))!;
        if (protector.Unprotect(Token, Module.Id, learner.UserId) is not { } draw || AttemptId == Guid.Empty)
        {
            ModelState.AddModelError("", "Bài kiểm tra này đã quá hạn hoặc không hợp lệ. Hệ thống đã ra bộ câu hỏi mới, mời bạn làm lại.");
            NewDraw();
            return Page();
        }
        Draw = draw;
        answers = ReadAnswers(draw);
        var unanswered = draw.Questions.Select((q, i) => (q, Position: i + 1)).Where(x => !answers.ContainsKey(x.q.Number)).ToList();
        if (unanswered.Count > 0)
        {
            ModelState.AddModelError("", $"Bạn chưa trả lời câu {string.Join(", ", unanswered.Select(x => x.Position))}.");
            return Page();
        }

        var outcome = await quizzes.SubmitAsync(AttemptId, draw, answers, learner.AssistedByUserId, cancellationToken);
        if (outcome.IsStored)
        {
            return RedirectToPage("/Learning/Result", new { id = outcome.Attempt.Id });
        }
        if (outcome.Status != SubmitStatus.DrawAlreadyGraded)
        {
            return BadRequest();
        }
        // A 409, so that the phone's offline queue drops these answers instead of sending them again and again.
        ModelState.AddModelError("", "Bài này đã được chấm. Hãy làm lại bài kiểm tra với bộ câu hỏi mới.");
        NewDraw();
        var page = Page();
        page.StatusCode = StatusCodes.Status409Conflict;
        return page;
    }

    private bool Find(string moduleId)
    {
        if (catalog.Current.FindModule(moduleId) is not { } module)
        {
            return false;
        }
        Module = module;
        PassPercent = quizzes.PassPercentFor(module.Quiz);
        return true;
    }

    private void NewDraw()
    {
        Draw = QuizDraw.Create(Module.Quiz, learner.UserId);
        Token = protector.Protect(Draw);
        AttemptId = AttemptIds.New();
        answers = [];
        // The hidden fields must show the new values, not the ones that were posted.
        ModelState.Remove(nameof(Token));
        ModelState.Remove(nameof(AttemptId));
    }

    /// <summary>The chosen option indexes per question, ignoring anything that is not an option of the drawn question.</summary>
    private Dictionary<int, IReadOnlyCollection<int>> ReadAnswers(QuizDraw draw)
    {
        var answers = new Dictionary<int, IReadOnlyCollection<int>>();
        foreach (var drawn in draw.Questions)
        {
            var chosen = Request.Form[$"q{drawn.Number}"]
                .Select(v => int.TryParse(v, out var index) ? index : -1)
                .Where(drawn.OptionOrder.Contains)
                .Distinct()
                .ToList();
            if (chosen.Count > 0)
            {
                answers[drawn.Number] = chosen;
            }
        }
        return answers;
    }
}
