using System.ComponentModel.DataAnnotations;
using CdsLearn.Accounts;
using CdsLearn.Audit;
using CdsLearn.Certificates;
using CdsLearn.Data;
using CdsLearn.Households;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Web.Pages.Households;

/// <summary>One household: its members, who has an account and certificates, and linking an existing account.</summary>
public class ShowModel(AppDbContext db, HouseholdEditor editor, AuditLog audit, UserManager<AppUser> users, TimeProvider clock) : PageModel
{
    public sealed record MemberRow(int Id, string FullName, int? BirthYear, string? Phone, string? UserName, int Certificates, bool DigitalCitizen);

    [FromRoute]
    public int HouseholdId { get; set; }

    public Household Household { get; private set; } = null!;

    public string VillageName { get; private set; } = "";

    public IReadOnlyList<MemberRow> Members { get; private set; } = [];

    public bool Covered { get; private set; }

    public bool DigitalFamily { get; private set; }

    [BindProperty]
    public LinkModel Link { get; set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        await audit.RecordAsync(users.GetUserId(User)!, "household.view", $"household:{HouseholdId}", cancellationToken);
    }

    public async Task<IActionResult> OnPostLinkAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var member = Household.Members.FirstOrDefault(m => m.Id == Link.MemberId && m.UserId is null);
        if (member is null)
        {
            ModelState.AddModelError("Link.MemberId", "Hãy chọn một người chưa có tài khoản.");
        }
        var account = ModelState.IsValid ? await users.FindByNameAsync(Link.UserName.Trim()) : null;
        if (ModelState.IsValid && account is null)
        {
            ModelState.AddModelError("Link.UserName", "Không có tài khoản mang tên đăng nhập này.");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (!await editor.LinkAccountAsync(Household, member!, account!.Id, cancellationToken))
        {
            ModelState.AddModelError("Link.UserName", "Tài khoản này đã thuộc một hộ khác.");
            return Page();
        }
        return Redirect($"/ho-gia-dinh/{HouseholdId}");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Household = (await editor.FindAsync(HouseholdId, cancellationToken))!;
        VillageName = await db.Villages.Where(v => v.Id == Household.VillageId).Select(v => v.Name + ", " + (v.Commune!.Kind == Geography.CommuneKind.Xa ? "xã " : "phường ") + v.Commune.Name).SingleAsync(cancellationToken);
        var userIds = Household.Members.Where(m => m.UserId != null).Select(m => m.UserId!).ToList();
        var accounts = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName, cancellationToken);
        var certificates = await db.Certificates.Where(c => userIds.Contains(c.UserId) && c.RevokedAt == null)
            .Select(c => new { c.UserId, c.SkillId }).ToListAsync(cancellationToken);
        Members = Household.Members.OrderBy(m => m.Id).Select(m => new MemberRow(
            m.Id, m.FullName, m.BirthYear, m.Phone, m.UserId is null ? null : accounts.GetValueOrDefault(m.UserId),
            certificates.Count(c => c.UserId == m.UserId),
            certificates.Any(c => c.UserId == m.UserId && c.SkillId == Certificate.DigitalCitizen))).ToList();
        var one = db.Households.Where(h => h.Id == HouseholdId);
        Covered = await one.WhereCovered(db).AnyAsync(cancellationToken);
        DigitalFamily = await one.WhereDigitalFamily(db, clock.GetUtcNow().Year).AnyAsync(cancellationToken);
    }

    public class LinkModel
    {
        [Display(Name = "Người trong hộ")]
        public int MemberId { get; set; }

        [Display(Name = "Tên đăng nhập của người đó")]
        [Required(ErrorMessage = "Hãy nhập tên đăng nhập.")]
        public string UserName { get; set; } = "";
    }
}
