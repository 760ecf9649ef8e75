using System.ComponentModel.DataAnnotations;
using CdsLearn.Data;
using CdsLearn.Households;
using CdsLearn.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CdsLearn.Web.Pages.Households;

/// <summary>What adding and editing a household share: the fields, the villages to choose from (of one commune,
/// chosen first: <see cref="PlaceChoice"/>), the checks.</summary>
public abstract class HouseholdFormModel(AppDbContext db, HouseholdEditor editor) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>The commune whose villages the form offers (?xa=…), when the user has several.</summary>
    [BindProperty(SupportsGet = true, Name = PlaceChoice.CommuneKey)]
    public int? Xa { get; set; }

    public PlaceChoice Places { get; private set; } = PlaceChoice.None;

    protected AppDbContext Db => db;

    protected HouseholdEditor Editor => editor;

    protected Scope Scope => ScopeFilter.ScopeOf(HttpContext);

    protected async Task LoadVillagesAsync(CancellationToken cancellationToken)
    {
        var commune = Xa ?? await PlaceChoice.CommuneOfAsync(Scope, db, Input.VillageId, cancellationToken);
        Places = await PlaceChoice.LoadAsync(Scope, db, commune, cancellationToken);
        if (Input.VillageId == 0 && Places.Villages.Count == 1)
        {
            Input.VillageId = Places.Villages[0].Id;
        }
    }

    /// <summary>Field checks the annotations cannot make: the code is free in that village. A village outside the
    /// user's scope (or none at all) is no choice the form offers: 404, as for a household out of scope.</summary>
    protected async Task<bool> ValidateAsync(int? householdId, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid && !await editor.MayUseVillageAsync(Scope, Input.VillageId, cancellationToken))
        {
            throw new OutOfScopeException($"village {Input.VillageId}");
        }
        if (ModelState.IsValid && await editor.CodeIsTakenAsync(Input.VillageId, Input.Code, householdId, cancellationToken))
        {
            ModelState.AddModelError("Input.Code", $"Bản này đã có hộ mang mã {Input.Code.Trim()}.");
        }
        return ModelState.IsValid;
    }

    public class InputModel
    {
        [Display(Name = "Bản / tổ dân phố")]
        [Range(1, int.MaxValue, ErrorMessage = "Hãy chọn bản.")]
        public int VillageId { get; set; }

        [Display(Name = "Mã hộ")]
        [Required(ErrorMessage = "Hãy nhập mã hộ.")]
        [StringLength(30, ErrorMessage = "Mã hộ dài tối đa {1} ký tự.")]
        public string Code { get; set; } = "";

        [Display(Name = "Họ tên chủ hộ")]
        [Required(ErrorMessage = "Hãy nhập họ tên chủ hộ.")]
        [StringLength(100, ErrorMessage = "Họ tên dài tối đa {1} ký tự.")]
        public string HeadName { get; set; } = "";

        [Display(Name = "Năm sinh chủ hộ (nếu biết)")]
        [Range(1900, 2100, ErrorMessage = "Năm sinh phải từ {1} đến {2}.")]
        public int? HeadBirthYear { get; set; }

        public HouseholdInput ToInput() => new(VillageId, Code, HeadName);
    }
}
