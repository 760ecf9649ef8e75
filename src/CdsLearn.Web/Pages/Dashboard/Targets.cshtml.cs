using System.ComponentModel.DataAnnotations;
using CdsLearn.Accounts;
using CdsLearn.Certificates;
using CdsLearn.Content;
using CdsLearn.Figures;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CdsLearn.Web.Pages.Dashboard;

/// <summary>The quarter's focus skills and targets (<see cref="QuarterTargets"/>, which also says who may set them).
/// Others only read them.</summary>
public class TargetsModel(Figures.Dashboard dashboard, CourseCatalog catalog, QuarterTargets targets, UserManager<AppUser> users)
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

    public IReadOnlyList<QuarterTarget> Targets => Visible.Targets;

    public IReadOnlyList<(int Id, string Name)> Communes => Visible.Communes;

    public bool MaySetProvince => Scope.WholeProvince;

    public bool MaySetAny => MaySetProvince || User.IsInRole(Roles.CommuneOfficer);

    private VisibleTargets Visible { get; set; } = new([], []);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (!MaySet(Input.CommuneId))
        {
            // A commune outside the user's management is refused as one out of scope (404).
            return Input.CommuneId is null ? Forbid() : NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var change = await targets.SetAsync(Scope, Quarter, Input.CommuneId, Input.SkillId!, Input.Percent!.Value, users.GetUserId(User)!, cancellationToken);
        return Done(change);
    }

    public async Task<IActionResult> OnPostRemoveAsync(int targetId, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Done(await targets.RemoveAsync(Scope, targetId, cancellationToken));
    }

    public string TitleOf(string skillId) => CertificateIssuer.ShortTitleOf(Course, skillId);

    public string PlaceOf(int? communeId) => Visible.PlaceOf(communeId);

    public bool MaySet(int? communeId) => QuarterTargets.MaySet(Scope, communeId, Communes);

    private IActionResult Done(TargetChange change)
    {
        if (!change.Allowed)
        {
            return NotFound();
        }
        foreach (var (field, message) in change.Errors)
        {
            ModelState.AddModelError(field.Length == 0 ? "" : $"{nameof(Input)}.{field}", message);
        }
        return change.Succeeded ? RedirectToPage("/Dashboard/Targets", new { quy = Quarter.Key }) : Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) => Visible = await targets.ForAsync(Scope, Quarter, cancellationToken);
}
