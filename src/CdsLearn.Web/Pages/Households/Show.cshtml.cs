using System.ComponentModel.DataAnnotations;
using CdsLearn.Accounts;
using CdsLearn.Audit;
using CdsLearn.Certificates;
using CdsLearn.Content;
using CdsLearn.Data;
using CdsLearn.Households;
using CdsLearn.Rules;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Web.Pages.Households;

/// <summary>One household: its members, who has an account and certificates, assignments, and "Học cùng tổ". A person
/// with an account of their own joins the household themselves, from its join code on their own phone.</summary>
public class ShowModel(AppDbContext db, HouseholdEditor editor, AssignmentService assignments, AssistedAccounts accounts, Learning.AssistedSession session, CourseCatalog catalog, AuditLog audit, UserManager<AppUser> users, TimeProvider clock, CdsLearn.Learning.ProgressService progress) : PageModel
{
    /// <summary>A member as listed; <paramref name="OwnAccount"/>: their account has its own password, so they sign
    /// in themselves and the team cannot learn as them. <paramref name="Toward"/>: how far they are toward "Công dân
    /// số", the certificate coverage counts (null without an account).</summary>
    public sealed record MemberRow(int Id, string FullName, int? BirthYear, string? Phone, string? UserName, bool OwnAccount, int Certificates, bool DigitalCitizen, CdsLearn.Learning.DigitalCitizenProgress? Toward);

    [FromRoute]
    public int HouseholdId { get; set; }

    public Household Household { get; private set; } = null!;

    public string VillageName { get; private set; } = "";

    public IReadOnlyList<MemberRow> Members { get; private set; } = [];

    public bool Covered { get; private set; }

    public bool DigitalFamily { get; private set; }

    // The form binds only its own model (as a handler parameter).
    public AssignModel Assign { get; set; } = new();

    public IReadOnlyList<AssignmentView> Assignments { get; private set; } = [];

    /// <summary>What can be assigned: each skill, then its modules.</summary>
    public IReadOnlyList<(string Id, string Title)> Targets { get; private set; } = [];

    public async Task<IActionResult> OnPostAssignAsync([Bind(Prefix = nameof(Assign))] AssignModel assign, CancellationToken cancellationToken)
    {
        Assign = assign;
        await LoadAsync(cancellationToken);
        if (Assign.MemberId is { } memberId && Household.Members.All(m => m.Id != memberId))
        {
            ModelState.AddModelError("Assign.MemberId", "Người này không thuộc hộ.");
        }
        if (Targets.All(t => t.Id != Assign.Target))
        {
            ModelState.AddModelError("Assign.Target", "Hãy chọn kỹ năng hoặc phần học.");
        }
        if (Assign.DueOn is { } due && due < assignments.Today)
        {
            ModelState.AddModelError("Assign.DueOn", "Hạn không thể trước hôm nay.");
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
        if (await editor.FindAsync(ScopeFilter.ScopeOf(HttpContext), HouseholdId, cancellationToken) is not { } household
            || household.Members.FirstOrDefault(m => m.Id == memberId) is not { } member)
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
        await assignments.RemoveAsync(HouseholdId, assignmentId, cancellationToken);
        return RedirectToPage("/Households/Show", null, new { householdId = HouseholdId }, "bai-giao");
    }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        await audit.RecordAsync(users.GetUserId(User)!, "household.view", $"household:{HouseholdId}", cancellationToken);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        // The scope filter has refused a household out of scope; loading through the scope again costs one query and
        // keeps this page safe on its own.
        Household = await editor.FindAsync(ScopeFilter.ScopeOf(HttpContext), HouseholdId, cancellationToken)
            ?? throw new OutOfScopeException($"household {HouseholdId}");
        VillageName = await db.Villages.Where(v => v.Id == Household.VillageId).Select(v => v.Name + ", " + (v.Commune!.Kind == Geography.CommuneKind.Xa ? "xã " : "phường ") + v.Commune.Name).SingleAsync(cancellationToken);
        var userIds = Household.Members.Where(m => m.UserId != null).Select(m => m.UserId!).ToList();
        var accounts = await db.Users.Where(u => userIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => (u.UserName, OwnPassword: u.PasswordHash != null), cancellationToken);
        var certificates = await db.Certificates.Where(c => userIds.Contains(c.UserId) && c.RevokedAt == null)
            .Select(c => new { c.UserId, c.SkillId }).ToListAsync(cancellationToken);
        var toward = await progress.TowardDigitalCitizenAsync(userIds, cancellationToken);
        Members = Household.Members.OrderBy(m => m.Id).Select(m => new MemberRow(
            m.Id, m.FullName, m.BirthYear, m.Phone, m.UserId is null ? null : accounts.GetValueOrDefault(m.UserId).UserName,
            m.UserId is not null && accounts.GetValueOrDefault(m.UserId).OwnPassword,
            certificates.Count(c => c.UserId == m.UserId),
            certificates.Any(c => c.UserId == m.UserId && c.SkillId == Certificate.DigitalCitizen),
            m.UserId is null ? null : toward.GetValueOrDefault(m.UserId))).ToList();
        var one = db.Households.Where(h => h.Id == HouseholdId);
        Covered = await one.WhereCovered(db).AnyAsync(cancellationToken);
        DigitalFamily = await one.WhereDigitalFamily(db, VietnamTime.ThisYear(clock)).AnyAsync(cancellationToken);
        Assignments = await assignments.ForHouseholdAsync(HouseholdId, cancellationToken);
        Targets = catalog.Current.Skills
            .SelectMany(s => s.Modules.Select(m => (m.Id, $"— {m.Title}")).Prepend((s.Id, $"Cả kỹ năng: {s.ShortTitle}")))
            .ToList();
    }

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
