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
/// and per account, and a code this person cannot use answers exactly like a wrong one (what it says depends on the
/// account only), so that guessing codes shows nobody's household.
/// </summary>
[EnableRateLimiting(AccountRateLimits.JoinCodes)]
public class JoinHouseholdModel(HouseholdEditor editor, AppDbContext db, UserManager<AppUser> users) : PageModel
{
    public string HeadName { get; private set; } = "";

    public string VillageName { get; private set; } = "";

    public string MyName { get; private set; } = "";

    public IReadOnlyList<HouseholdMember> FreeMembers { get; private set; } = [];

    public bool AlreadyMember { get; private set; }

    /// <summary>Why no household opens here: a wrong code, or an account that joins none (it belongs to a household
    /// already, or it is a staff account). Null when the household opened.</summary>
    public string? CannotOpen { get; private set; }

    [BindProperty]
    public int? MemberId { get; set; }

    public async Task<IActionResult> OnGetAsync(string joinCode, CancellationToken cancellationToken) =>
        await LoadAsync(joinCode, cancellationToken) is null ? CannotOpenPage() : Page();

    public async Task<IActionResult> OnPostAsync(string joinCode, CancellationToken cancellationToken)
    {
        var household = await LoadAsync(joinCode, cancellationToken);
        if (household is null)
        {
            return CannotOpenPage();
        }
        if (AlreadyMember)
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
        return RedirectToPage("/Accounts/JoinHousehold", new { joinCode = household.JoinCode });
    }

    private PageResult CannotOpenPage()
    {
        var page = Page();
        page.StatusCode = StatusCodes.Status404NotFound;
        return page;
    }

    /// <summary>The household, if this person may open it: their own, or any while they may join one. The same
    /// queries run whatever the code, until the household opens, so the time taken tells nothing either.</summary>
    private async Task<Household?> LoadAsync(string joinCode, CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User)!;
        var own = await db.HouseholdMembers.Where(m => m.UserId == userId).Select(m => (int?)m.HouseholdId).FirstOrDefaultAsync(cancellationToken);
        var whyNot = own is null ? await editor.WhyNotLinkAsync(userId, cancellationToken) : null;
        var household = await editor.FindByJoinCodeAsync(joinCode, cancellationToken);
        if (household is null || (household.Id != own && (own is not null || whyNot is not null)))
        {
            CannotOpen = own is not null
                ? "Mã này không mở hộ nào khác cho bạn: tài khoản của bạn đã thuộc một hộ. Muốn chuyển hộ, hãy nhờ Tổ công nghệ số cộng đồng giúp."
                : whyNot ?? "Mã tham gia không đúng. Hãy kiểm tra lại mã trên tờ QR của hộ, hoặc nhờ Tổ công nghệ số cộng đồng giúp.";
            return null;
        }
        HeadName = household.HeadName;
        VillageName = await db.Villages.Where(v => v.Id == household.VillageId).Select(v => v.Name).SingleAsync(cancellationToken);
        MyName = (await users.GetUserAsync(User))?.FullName ?? "";
        AlreadyMember = own is not null;
        FreeMembers = household.Members.Where(m => m.UserId is null).OrderBy(m => m.Id).ToList();
        return household;
    }
}
