using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using CdsLearn.Accounts;
using CdsLearn.Contests;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CdsLearn.Web.Pages.Contests;

/// <summary>
/// Where players join and play, with or without an account. Joining is a plain form (works without JavaScript);
/// it leaves a seat token in a cookie, so a phone that drops out or reloads comes back to the same seat.
/// A signed-in learner's seat is tied to their account, so their answers count for them.
/// </summary>
public class PlayModel(ContestService contests, ContestBoard boards, ContestBroadcaster broadcaster, UserManager<AppUser> users) : PageModel
{
    [FromRoute]
    public string? Code { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Contest? Contest { get; private set; }

    public ContestPlayer? Player { get; private set; }

    public PlayerView? View { get; private set; }

    public PlayerSelf? Self { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Code))
        {
            return Page();
        }
        Contest = await contests.FindByCodeAsync(Code, cancellationToken);
        Input.Code = Contest?.Code ?? Code;
        if (Contest is null)
        {
            ModelState.AddModelError("Input.Code", "Không tìm thấy cuộc thi với mã này. Hãy xem lại mã trên màn hình.");
            return Page();
        }
        Player = await contests.FindPlayerAsync(Contest.Id, Request.Cookies[ContestHub.SeatCookie(Contest.Code)], cancellationToken);
        if (Player is not null)
        {
            View = await boards.PlayerViewAsync(Contest.Id, cancellationToken);
            Self = await boards.SelfAsync(Contest.Id, Player.Id, cancellationToken);
        }
        else if (User.Identity?.IsAuthenticated == true && await users.GetUserAsync(User) is { } user)
        {
            Input.Name = ContestRules.CleanDisplayName(user.FullName) ?? "";
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var contest = await contests.FindByCodeAsync(Input.Code, cancellationToken);
        var name = ContestRules.CleanDisplayName(Input.Name);
        if (contest is null)
        {
            ModelState.AddModelError("Input.Code", "Không tìm thấy cuộc thi với mã này. Hãy xem lại mã trên màn hình.");
        }
        else if (contest.Phase == ContestPhase.Finished)
        {
            ModelState.AddModelError("Input.Code", "Cuộc thi này đã kết thúc.");
        }
        if (name is null)
        {
            ModelState.AddModelError("Input.Name", "Hãy nhập tên để mọi người nhận ra bạn.");
        }
        if (!ModelState.IsValid)
        {
            Contest = contest;
            return Page();
        }
        var (_, token) = await contests.JoinAsync(contest!, name!, User.FindFirstValue(ClaimTypes.NameIdentifier), cancellationToken);
        Response.Cookies.Append(ContestHub.SeatCookie(contest!.Code), token, new CookieOptions
        {
            HttpOnly = true,
            Secure = Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
            MaxAge = TimeSpan.FromDays(2),
        });
        await broadcaster.JoinedAsync(contest.Id);
        return RedirectToPage("/Contests/Play", new { code = contest.Code });
    }

    public sealed class InputModel
    {
        [Display(Name = "Mã cuộc thi")]
        [Required(ErrorMessage = "Hãy nhập mã cuộc thi (6 ký tự trên màn hình).")]
        public string Code { get; set; } = "";

        [Display(Name = "Tên của bạn")]
        [Required(ErrorMessage = "Hãy nhập tên để mọi người nhận ra bạn.")]
        [StringLength(200, ErrorMessage = "Tên dài quá.")]
        public string Name { get; set; } = "";
    }
}
