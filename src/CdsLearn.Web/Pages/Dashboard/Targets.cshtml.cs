using System.ComponentModel.DataAnnotations;
using CdsLearn.Accounts;
using CdsLearn.Certificates;
using CdsLearn.Content;
using CdsLearn.Data;
using CdsLearn.Figures;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Web.Pages.Dashboard;

/// <summary>The quarter's focus skills and targets: the province sets its own (for every commune) and any commune's;
/// a commune officer sets their commune's. Others only read them.</summary>
public class TargetsModel(Figures.Dashboard dashboard, CourseCatalog catalog, AppDbContext db, UserManager<AppUser> users, TimeProvider clock)
    : DashboardPageModel(dashboard, catalog)
{
    public sealed class TargetInput
    {
        /// <summary>Empty for the province's target.</summary>
        public int? CommuneId { get; set; }

        [Required(ErrorMessage = "Hãy chọn kỹ năng.")]
        public string? SkillId { get; set; }

        [Required(ErrorMessage = "Hãy nhập chỉ tiêu phần trăm.")]
        [Range(1, 100, ErrorMessage = "Chỉ tiêu phải từ {1} đến {2} %.")]
        public int? Percent { get; set; }
    }

    [BindProperty]
    public TargetInput Input { get; set; } = new();

    public IReadOnlyList<QuarterTarget> Targets { get; private set; } = [];

    public IReadOnlyList<(int Id, string Name)> Communes { get; private set; } = [];

    public bool MaySetProvince => Scope.WholeProvince;

    public bool MaySetAny => MaySetProvince || User.IsInRole(Roles.CommuneOfficer);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (!MaySet(Input.CommuneId))
        {
            // A commune outside the user's management is refused as one out of scope (404).
            return Input.CommuneId is null ? Forbid() : NotFound();
        }
        if (Input.SkillId is { } skill && CertificateKinds.All(k => k.Id != skill))
        {
            ModelState.AddModelError("Input.SkillId", "Kỹ năng không có trong khoá học.");
        }
        if (Quarter.Key < CurrentQuarter.Key)
        {
            ModelState.AddModelError("", "Không sửa chỉ tiêu của quý đã qua.");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var existing = await db.QuarterTargets.SingleOrDefaultAsync(t => t.Quarter == Quarter.Key && t.CommuneId == Input.CommuneId && t.SkillId == Input.SkillId, cancellationToken);
        if (existing is null)
        {
            db.QuarterTargets.Add(existing = new QuarterTarget { Quarter = Quarter.Key, CommuneId = Input.CommuneId, SkillId = Input.SkillId!, SetByUserId = "" });
        }
        existing.Percent = Input.Percent!.Value;
        existing.SetByUserId = users.GetUserId(User)!;
        existing.SetAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage("/Dashboard/Targets", new { quy = Quarter.Key });
    }

    public async Task<IActionResult> OnPostRemoveAsync(int targetId, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var target = await db.QuarterTargets.SingleOrDefaultAsync(t => t.Id == targetId, cancellationToken);
        if (target is null || !MaySet(target.CommuneId))
        {
            return NotFound();
        }
        db.QuarterTargets.Remove(target);
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage("/Dashboard/Targets", new { quy = Quarter.Key });
    }

    public string TitleOf(string skillId) => CertificateIssuer.ShortTitleOf(Course, skillId);

    public string PlaceOf(int? communeId) => communeId is null ? "Toàn tỉnh" : Communes.FirstOrDefault(c => c.Id == communeId).Name ?? "";

    /// <summary>Province staff set the province's targets; a commune's targets are set by those who manage that
    /// commune, and only for a commune that exists (one they can see).</summary>
    public bool MaySet(int? communeId) => communeId is null
        ? MaySetProvince
        : Scope.ManagesCommune(communeId.Value) && Communes.Any(c => c.Id == communeId);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Communes = await Figures.VisibleCommunesAsync(Scope, cancellationToken);
        var visible = Communes.Select(c => c.Id).ToList();
        Targets = (await Figures.TargetsAsync(Quarter, cancellationToken))
            .Where(t => t.CommuneId is null || visible.Contains(t.CommuneId.Value))
            .OrderBy(t => t.CommuneId is not null).ThenBy(t => PlaceOf(t.CommuneId)).ThenBy(t => t.SkillId).ToList();
    }
}
