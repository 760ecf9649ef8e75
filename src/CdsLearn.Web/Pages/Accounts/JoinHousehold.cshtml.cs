using CdsLearn.Accounts;
using CdsLearn.Data;
using CdsLearn.Households;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Web.Pages.Accounts;

/// <summary>
/// Where a household's QR leads: a signed-in learner (new accounts register first and come back here) says which
/// member they are, or adds themselves, and their account is linked to the household. Codes are limited per address
/// and per account.
/// </summary>
[EnableRateLimiting(AccountRateLimits.JoinCodes)]
public class JoinHouseholdModel(HouseholdEditor editor, AppDbContext db, UserManager<AppUser> users) : PageModel
{
    public string HeadName { get; private set; } = "";

    public string VillageName { get; private set; } = "";

    public string MyName { get; private set; } = "";

    public IReadOnlyList<HouseholdMember> FreeMembers { get; private set; } = [];

    public bool AlreadyMember { get; private set; }

    public bool InAnotherHousehold { get; private set; }

    /// <summary>Why this account may not join any household (a staff account), or null.</summary>
    public string? CannotJoin { get; private set; }

    [BindProperty]
    public int? MemberId { get; set; }

    public async Task<IActionResult> OnGetAsync(string joinCode, CancellationToken cancellationToken) =>
        await LoadAsync(joinCode, cancellationToken) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(string joinCode, CancellationToken cancellationToken)
    {
        var household = await LoadAsync(joinCode, cancellationToken);
        if (household is null)
        {
            return NotFound();
        }
        if (AlreadyMember || InAnotherHousehold || CannotJoin is not null)
        {
            return Page();
        }
        var userId = users.GetUserId(User)!;
        if (MemberId is null)
        {
            ModelState.AddModelError("", "Hãy chọn tên của bạn, hoặc chọn “Tôi chưa có trong danh sách”.");
            return Page();
        }
        if (MemberId == 0)
        {
            await editor.AddMemberAsync(household, new MemberInput(MyName, null, null), userId, cancellationToken);
        }
        else if (FreeMembers.FirstOrDefault(m => m.Id == MemberId) is { } member)
        {
            if (await editor.LinkAccountAsync(member, userId, cancellationToken) is { } why)
            {
                ModelState.AddModelError("", why);
                return Page();
            }
        }
        else
        {
            ModelState.AddModelError("", "Người này đã có tài khoản. Hãy chọn lại.");
            return Page();
        }
        return Redirect($"/tham-gia/{household.JoinCode}");
    }

    private async Task<Household?> LoadAsync(string joinCode, CancellationToken cancellationToken)
    {
        var household = await editor.FindByJoinCodeAsync(joinCode, cancellationToken);
        if (household is null)
        {
            return null;
        }
        var userId = users.GetUserId(User)!;
        HeadName = household.HeadName;
        VillageName = await db.Villages.Where(v => v.Id == household.VillageId).Select(v => v.Name).SingleAsync(cancellationToken);
        MyName = (await users.GetUserAsync(User))?.FullName ?? "";
        AlreadyMember = household.Members.Any(m => m.UserId == userId);
        InAnotherHousehold = !AlreadyMember && await db.HouseholdMembers.AnyAsync(m => m.UserId == userId, cancellationToken);
        CannotJoin = AlreadyMember || InAnotherHousehold ? null : await editor.WhyNotLinkAsync(userId, cancellationToken);
        FreeMembers = household.Members.Where(m => m.UserId is null).OrderBy(m => m.Id).ToList();
        return household;
    }
}
