using System.ComponentModel.DataAnnotations;
using CdsLearn.Accounts;
using CdsLearn.Audit;
using CdsLearn.Households;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CdsLearn.Web.Pages.Households;

/// <summary>One household (<see cref="HouseholdDetails"/>): its members, who has an account and certificates,
/// assignments, and "Học cùng tổ". A person with an account of their own joins the household themselves, from its
/// join code on their own phone.</summary>
public class ShowModel(HouseholdDetails details, AssignmentService assignments, AssistedAccounts accounts, Learning.AssistedSession session, AuditLog audit, UserManager<AppUser> users) : PageModel
{
    [FromRoute]
    public int HouseholdId { get; set; }

    public Household Household => Detail.Household;

    public string VillageName => Detail.VillageName;

    public IReadOnlyList<HouseholdMemberView> Members => Detail.Members;

    public bool Covered => Detail.Covered;

    public bool DigitalFamily => Detail.DigitalFamily;

    // The form binds only its own model (as a handler parameter).
    public AssignModel Assign { get; set; } = new();

    public IReadOnlyList<AssignmentView> Assignments => Detail.Assignments;

    /// <summary>What can be assigned: each skill, then its modules.</summary>
    public IReadOnlyList<(string Id, string Title)> Targets => Detail.AssignTargets;

    private HouseholdDetail Detail { get; set; } = null!;

    private Scope Scope => ScopeFilter.ScopeOf(HttpContext);

    public async Task<IActionResult> OnPostAssignAsync([Bind(Prefix = nameof(Assign))] AssignModel assign, CancellationToken cancellationToken)
    {
        Assign = assign;
        await LoadAsync(cancellationToken);
        foreach (var (field, message) in Detail.AssignmentErrors(Assign.MemberId, Assign.Target, Assign.DueOn, assignments.Today))
        {
            ModelState.AddModelError($"{nameof(Assign)}.{field}", message);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        await assignments.AddAsync(HouseholdId, Assign.MemberId, Assign.Target, Assign.DueOn, Assign.Note, users.GetUserId(User)!, cancellationToken);
        return RedirectToPage("/Households/Show", null, new { householdId = HouseholdId }, "bai-giao");
    }

    /// <summary>"Học cùng tổ": learn as this member on this phone, recorded as assisted by the team member.</summary>
    public async Task<IActionResult> OnPostAssistAsync(int memberId, CancellationToken cancellationToken)
    {
        if (await details.FindMemberAsync(Scope, HouseholdId, memberId, cancellationToken) is not { } member)
        {
            return NotFound();
        }
        if (await accounts.EnsureAccountAsync(member, cancellationToken) is not { } learnerId)
        {
            // Not a form mistake: the button is not shown for such a person; a crafted post gets a plain refusal.
            return Forbid();
        }
        session.Start(learnerId, member.FullName);
        return RedirectToPage("/Index");
    }

    public async Task<IActionResult> OnPostUnassignAsync(int assignmentId, CancellationToken cancellationToken)
    {
        if (!await details.InScopeAsync(Scope, HouseholdId, cancellationToken))
        {
            return NotFound();
        }
        await assignments.RemoveAsync(HouseholdId, assignmentId, cancellationToken);
        return RedirectToPage("/Households/Show", null, new { householdId = HouseholdId }, "bai-giao");
    }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        await audit.RecordAsync(users.GetUserId(User)!, "household.view", $"household:{HouseholdId}", cancellationToken);
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        // The scope filter has refused a household out of scope; loading through the scope again keeps this page
        // safe on its own.
        Detail = await details.FindAsync(Scope, HouseholdId, cancellationToken)
            ?? throw new OutOfScopeException($"household {HouseholdId}");

    public class AssignModel
    {
        [Display(Name = "Giao cho")]
        public int? MemberId { get; set; }

        [Display(Name = "Nội dung")]
        [Required(ErrorMessage = "Hãy chọn kỹ năng hoặc phần học.")]
        public string Target { get; set; } = "";

        [Display(Name = "Hạn (nếu có)")]
        public DateOnly? DueOn { get; set; }

        [Display(Name = "Ghi chú")]
        [StringLength(300, ErrorMessage = "Ghi chú dài tối đa {1} ký tự.")]
        public string? Note { get; set; }
    }
}
