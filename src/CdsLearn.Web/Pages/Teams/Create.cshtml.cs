using System.ComponentModel.DataAnnotations;
using CdsLearn.Data;
using CdsLearn.Households;
using CdsLearn.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Web.Pages.Teams;

/// <summary>A commune officer (or province staff) sets up a team for a village, or for the whole commune.</summary>
public class CreateModel(AppDbContext db, TeamService teams) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>The commune chosen first (?xa=…) when the user has several.</summary>
    [BindProperty(SupportsGet = true, Name = PlaceChoice.CommuneKey)]
    public int? Xa { get; set; }

    /// <summary>The communes in scope and the villages of the chosen one.</summary>
    public PlaceChoice Places { get; private set; } = PlaceChoice.None;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var scope = ScopeFilter.ScopeOf(HttpContext);
        if (Input.CommuneId is { } communeId && !await teams.MaySetUpAsync(scope, communeId, null, cancellationToken))
        {
            // No choice the form offers: refused as a team out of scope is (404).
            throw new OutOfScopeException($"commune {communeId}");
        }
        if (Input.VillageId is { } village && !await scope.Villages(db).AnyAsync(v => v.Id == village, cancellationToken))
        {
            throw new OutOfScopeException($"village {village}");
        }
        if (Input.CommuneId is { } commune && Input.VillageId is { } villageId && !await teams.MaySetUpAsync(scope, commune, villageId, cancellationToken))
        {
            ModelState.AddModelError("Input.VillageId", "Bản này không thuộc xã, phường đã chọn.");
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }
        var team = await teams.CreateAsync(scope, Input.CommuneId!.Value, Input.VillageId, Input.Name, cancellationToken);
        return RedirectToPage("/Teams/Show", new { teamId = team.Id });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var scope = ScopeFilter.ScopeOf(HttpContext);
        Places = await PlaceChoice.LoadAsync(scope, db, Input.CommuneId ?? Xa, cancellationToken);
        Input.CommuneId ??= Places.CommuneId;
    }

    public class InputModel
    {
        [Display(Name = "Xã, phường")]
        [Required(ErrorMessage = "Hãy chọn xã, phường.")]
        public int? CommuneId { get; set; }

        [Display(Name = "Bản (để trống nếu là tổ của cả xã)")]
        public int? VillageId { get; set; }

        [Display(Name = "Tên tổ")]
        [Required(ErrorMessage = "Hãy đặt tên tổ.")]
        [StringLength(150, ErrorMessage = "Tên tổ dài tối đa {1} ký tự.")]
        public string Name { get; set; } = "";
    }
}
