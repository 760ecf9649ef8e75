using System.ComponentModel.DataAnnotations;
using CdsLearn.Content;
using CdsLearn.Households;
using CdsLearn.Learning;
using CdsLearn.Rules;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CdsLearn.Web.Pages.Households;

/// <summary>Adds a person to a household (memberId "them") or edits one of its members.</summary>
public class MemberModel(
    HouseholdEditor editor, PersonEraser eraser, TaskObservationService observations, CourseCatalog catalog,
    Microsoft.AspNetCore.Identity.UserManager<CdsLearn.Accounts.AppUser> users, TimeProvider clock, ProgressService progress) : PageModel
{
    public const string New = "them";

    [FromRoute]
    public int HouseholdId { get; set; }

    [FromRoute]
    public string MemberId { get; set; } = "";

    public bool IsNew => MemberId == New;

    public string HeadName { get; private set; } = "";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>"Tổ xác nhận": the real tasks the team member saw the person do by themselves.</summary>
    [BindProperty]
    public ObserveModel Observe { get; set; } = new();

    public IReadOnlyList<Skill> Skills => catalog.Current.Skills;

    /// <summary>What the team has already recorded for this person, by task id.</summary>
    public IReadOnlyDictionary<string, ObservationView> Observed { get; private set; } = new Dictionary<string, ObservationView>();

    /// <summary>How far the person is toward "Công dân số" (null without an account).</summary>
    public DigitalCitizenProgress? Toward { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var (household, member) = await FindAsync(cancellationToken);
        if (household is null || (!IsNew && member is null))
        {
            return NotFound();
        }
        if (member is not null)
        {
            Input = new InputModel { FullName = member.FullName, BirthYear = member.BirthYear, Phone = member.Phone };
            await LoadObservedAsync(member, cancellationToken);
            Toward = member.UserId is null ? null : await progress.TowardDigitalCitizenAsync(member.UserId, cancellationToken);
        }
        return Page();
    }

    /// <summary>Records the tasks ticked; the household comes from the address through the user's scope, the member
    /// must be one of its own and every task must be in the course (else nothing is stored).</summary>
    public async Task<IActionResult> OnPostObserveAsync(CancellationToken cancellationToken)
    {
        if (!int.TryParse(MemberId, System.Globalization.CultureInfo.InvariantCulture, out var memberId))
        {
            return NotFound();
        }
        var result = await observations.RecordAsync(ScopeFilter.ScopeOf(HttpContext), HouseholdId, memberId,
            Observe.TaskIds.Where(t => !string.IsNullOrWhiteSpace(t)).ToList(), users.GetUserId(User)!, cancellationToken);
        if (result is null)
        {
            return NotFound();
        }
        if (result == ObservationResult.Recorded)
        {
            return RedirectToPage("/Households/Member", null, new { householdId = HouseholdId, memberId }, "to-xac-nhan");
        }
        var (_, member) = await FindAsync(cancellationToken);
        ModelState.Clear();
        ModelState.AddModelError("Observe", Observe.TaskIds.Count == 0 ? "Hãy đánh dấu ít nhất một việc người này đã tự làm." : "Có việc không có trong khoá học. Hãy tải lại trang rồi chọn lại.");
        Input = new InputModel { FullName = member!.FullName, BirthYear = member.BirthYear, Phone = member.Phone };
        await LoadObservedAsync(member, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var (household, member) = await FindAsync(cancellationToken);
        if (household is null || (!IsNew && member is null))
        {
            return NotFound();
        }
        if (Input.BirthYear > VietnamTime.ThisYear(clock))
        {
            ModelState.AddModelError("Input.BirthYear", "Năm sinh không thể sau năm nay.");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var input = new MemberInput(Input.FullName, Input.BirthYear, Input.Phone);
        if (member is null)
        {
            await editor.AddMemberAsync(household, input, cancellationToken: cancellationToken);
        }
        else
        {
            await editor.UpdateMemberAsync(household, member, input, cancellationToken);
        }
        return RedirectToPage("/Households/Show", new { householdId = HouseholdId });
    }

    /// <summary>Erases the person's personal data on their request (the counts stay right: see PersonEraser).</summary>
    public async Task<IActionResult> OnPostEraseAsync(bool confirm, CancellationToken cancellationToken)
    {
        var (household, member) = await FindAsync(cancellationToken);
        if (household is null || member is null)
        {
            return NotFound();
        }
        if (!confirm)
        {
            // Only the confirmation matters here; the edit form's fields were not posted.
            ModelState.Clear();
            ModelState.AddModelError("", "Hãy đánh dấu ô xác nhận trước khi xoá.");
            Input = new InputModel { FullName = member.FullName, BirthYear = member.BirthYear, Phone = member.Phone };
            return Page();
        }
        await eraser.EraseAsync(household, member, users.GetUserId(User)!, cancellationToken);
        return RedirectToPage("/Households/Show", new { householdId = HouseholdId });
    }

    private async Task LoadObservedAsync(HouseholdMember member, CancellationToken cancellationToken) =>
        Observed = (await observations.ForMemberAsync(member, cancellationToken)).ToDictionary(o => o.TaskId);

    /// <summary>The household, through the user's scope, and the member, which must be one of its own.</summary>
    private async Task<(Household?, HouseholdMember?)> FindAsync(CancellationToken cancellationToken)
    {
        var household = await editor.FindAsync(ScopeFilter.ScopeOf(HttpContext), HouseholdId, cancellationToken);
        HeadName = household?.HeadName ?? "";
        var member = int.TryParse(MemberId, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? household?.Members.FirstOrDefault(m => m.Id == id)
            : null;
        return (household, member);
    }

    public class ObserveModel
    {
        public List<string> TaskIds { get; set; } = [];
    }

    public class InputModel
    {
        [Display(Name = "Họ và tên")]
        [Required(ErrorMessage = "Hãy nhập họ và tên.")]
        [StringLength(100, ErrorMessage = "Họ tên dài tối đa {1} ký tự.")]
        public string FullName { get; set; } = "";

        [Display(Name = "Năm sinh (nếu biết)")]
        [Range(1900, 2100, ErrorMessage = "Năm sinh phải từ {1} đến {2}.")]
        public int? BirthYear { get; set; }

        [Display(Name = "Số điện thoại (không bắt buộc)")]
        [RegularExpression(@"^\+?[0-9 .\-]{8,15}$", ErrorMessage = "Số điện thoại chỉ gồm chữ số, 8 đến 15 số.")]
        public string? Phone { get; set; }
    }
}
