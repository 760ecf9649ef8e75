using System.ComponentModel.DataAnnotations;
using CdsLearn.Data;
using CdsLearn.Households;
using CdsLearn.Web.Pages.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Web.Pages.Teams;

/// <summary>A team's members: add an existing account or a new one, mark the leader, remove (scope: ScopeFilter).</summary>
public class ShowModel(AppDbContext db, TeamService teams) : PageModel
{
    [FromRoute]
    public int TeamId { get; set; }

    public Team Team { get; private set; } = null!;

    public IReadOnlyList<TeamMemberView> Members { get; private set; } = [];

    public NewMemberModel NewMember { get; set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddExistingAsync(string? userName, CancellationToken cancellationToken)
    {
        var error = string.IsNullOrWhiteSpace(userName) ? "Hãy nhập tên đăng nhập." : await teams.AddExistingAsync(TeamId, userName, cancellationToken);
        if (error is not null)
        {
            ModelState.AddModelError("", error);
            await LoadAsync(cancellationToken);
            return Page();
        }
        return RedirectToPage("/Teams/Show", new { teamId = TeamId });
    }

    public async Task<IActionResult> OnPostAddNewAsync([Bind(Prefix = nameof(NewMember))] NewMemberModel newMember, CancellationToken cancellationToken)
    {
        NewMember = newMember;
        if (ModelState.IsValid)
        {
            foreach (var error in await teams.AddNewAsync(TeamId, newMember.FullName, AccountLinks.NormalizeUserName(newMember.UserName), newMember.Password, cancellationToken))
            {
                ModelState.AddModelError(error.Code.StartsWith("Password", StringComparison.Ordinal) ? "NewMember.Password" : "NewMember.UserName", error.Description);
            }
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }
        return RedirectToPage("/Teams/Show", new { teamId = TeamId });
    }

    public async Task<IActionResult> OnPostLeaderAsync(string userId, bool isLeader, CancellationToken cancellationToken)
    {
        await teams.SetLeaderAsync(TeamId, userId, isLeader, cancellationToken);
        return RedirectToPage("/Teams/Show", new { teamId = TeamId });
    }

    public async Task<IActionResult> OnPostRemoveAsync(string userId, CancellationToken cancellationToken)
    {
        await teams.RemoveAsync(TeamId, userId, cancellationToken);
        return RedirectToPage("/Teams/Show", new { teamId = TeamId });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Team = await db.Teams.SingleAsync(t => t.Id == TeamId, cancellationToken);
        Members = await teams.MembersAsync(TeamId, cancellationToken);
    }

    public class NewMemberModel
    {
        [Display(Name = "Họ và tên")]
        [Required(ErrorMessage = "Hãy nhập họ và tên.")]
        [StringLength(100, ErrorMessage = "Họ tên dài tối đa {1} ký tự.")]
        public string FullName { get; set; } = "";

        [Display(Name = "Số điện thoại hoặc tên đăng nhập")]
        [Required(ErrorMessage = "Hãy nhập số điện thoại hoặc tên đăng nhập.")]
        [StringLength(50, MinimumLength = 3, ErrorMessage = "Tên đăng nhập dài từ {2} đến {1} ký tự.")]
        public string UserName { get; set; } = "";

        [Display(Name = "Mật khẩu ban đầu")]
        [Required(ErrorMessage = "Hãy đặt mật khẩu ban đầu.")]
        public string Password { get; set; } = "";
    }
}
