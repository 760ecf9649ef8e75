using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using CdsLearn.Content;
using CdsLearn.Contests;
using CdsLearn.Data;
using CdsLearn.Households;
using CdsLearn.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Web.Pages.Contests;

/// <summary>Makes a contest from the course's quiz questions, for a commune (or one of its villages) in scope.
/// The commune and village are checked through the user's scope, whatever form field they came in.</summary>
public class CreateModel(ContestService contests, CourseCatalog catalog, AppDbContext db) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Course Course => catalog.Current;

    /// <summary>The commune chosen first (?xa=…) when the user has several.</summary>
    [BindProperty(SupportsGet = true, Name = PlaceChoice.CommuneKey)]
    public int? Xa { get; set; }

    /// <summary>The communes in scope and the villages of the chosen one.</summary>
    public PlaceChoice Places { get; private set; } = PlaceChoice.None;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadPlacesAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadPlacesAsync(cancellationToken);
        var scope = ScopeFilter.ScopeOf(HttpContext);
        if (Input.CommuneId > 0 && !await contests.MayHoldInAsync(scope, Input.CommuneId, null, cancellationToken))
        {
            // No choice the form offers: refused as a contest out of scope is (404).
            throw new OutOfScopeException($"commune {Input.CommuneId}");
        }
        if (Input.VillageId is { } village && !await scope.Villages(db).AnyAsync(v => v.Id == village, cancellationToken))
        {
            throw new OutOfScopeException($"village {village}");
        }
        if (Input.CommuneId > 0 && !await contests.MayHoldInAsync(scope, Input.CommuneId, Input.VillageId, cancellationToken))
        {
            ModelState.AddModelError("Input.VillageId", "Bản này không thuộc xã đã chọn.");
        }
        if (ModelState.IsValid && contests.Pool(Input.SkillIds, Input.ModuleIds).Count == 0)
        {
            ModelState.AddModelError("Input.SkillIds", "Các chủ đề đã chọn không có câu hỏi phù hợp.");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var contest = await contests.CreateAsync(scope,
            new ContestDraft(Input.Title, Input.CommuneId, Input.VillageId, Input.Mode, Input.Seconds, Input.QuestionCount, Input.SkillIds, Input.ModuleIds),
            User.FindFirstValue(ClaimTypes.NameIdentifier)!, cancellationToken);
        return RedirectToPage("/Contests/Host", new { id = contest.Id });
    }

    private async Task LoadPlacesAsync(CancellationToken cancellationToken)
    {
        var scope = ScopeFilter.ScopeOf(HttpContext);
        Places = await PlaceChoice.LoadAsync(scope, db, Input.CommuneId > 0 ? Input.CommuneId : Xa, cancellationToken);
        if (Input.CommuneId == 0 && Places.CommuneId is { } chosen)
        {
            Input.CommuneId = chosen;
        }
    }

    public sealed class InputModel
    {
        [Display(Name = "Tên cuộc thi")]
        [Required(ErrorMessage = "Hãy nhập tên cuộc thi.")]
        [StringLength(150, ErrorMessage = "Tên cuộc thi dài quá 150 ký tự.")]
        public string Title { get; set; } = "Rung chuông vàng chuyển đổi số";

        [Display(Name = "Xã, phường")]
        [Range(1, int.MaxValue, ErrorMessage = "Hãy chọn xã, phường.")]
        public int CommuneId { get; set; }

        [Display(Name = "Bản (không bắt buộc)")]
        public int? VillageId { get; set; }

        [Display(Name = "Cách chơi")]
        public ContestMode Mode { get; set; } = ContestMode.Elimination;

        [Display(Name = "Số giây cho mỗi câu")]
        [Range(ContestRules.MinSeconds, ContestRules.MaxSeconds, ErrorMessage = "Thời gian mỗi câu từ 5 đến 120 giây.")]
        public int Seconds { get; set; } = 20;

        [Display(Name = "Số câu hỏi")]
        [Range(1, ContestRules.MaxQuestions, ErrorMessage = "Số câu hỏi từ 1 đến 50.")]
        public int QuestionCount { get; set; } = 20;

        public List<string> SkillIds { get; set; } = [];

        public List<string> ModuleIds { get; set; } = [];
    }
}
