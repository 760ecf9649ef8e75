using CdsLearn.Audit;
using CdsLearn.Data;
using CdsLearn.Households;
using CdsLearn.Web.Pages.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Web.Pages.Households;

/// <summary>"Hộ của tôi": the households of the user's villages, searchable and filterable (scope: ScopeFilter).</summary>
public class IndexModel(HouseholdDirectory directory, CoverageReport coverage, AppDbContext db, AuditLog audit, UserManager<CdsLearn.Accounts.AppUser> users) : PageModel
{
    public static readonly IReadOnlyList<(string Value, string Label)> Filters =
    [
        ("", "Tất cả"),
        ("chua-phu", "Chưa có Công dân số"),
        ("da-phu", "Đã có Công dân số"),
        ("can-tham", $"Cần đến thăm ({HouseholdDirectory.VisitAfterDays} ngày chưa học)"),
        ("qua-han", "Có bài giao quá hạn"),
    ];

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Loc { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Thon { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Trang { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Xa { get; set; }

    /// <summary>The coverage line of the village or commune the list is narrowed to.</summary>
    public CoverageLine? Focus { get; private set; }

    public IReadOnlyList<HouseholdSummary> Households { get; private set; } = [];

    /// <summary>The filter's places: the communes in scope and the villages of the one chosen (never a list cut short).</summary>
    public PlaceChoice Places { get; private set; } = PlaceChoice.None;

    public string Summary { get; private set; } = "";

    /// <summary>Coverage by village for a team member or commune officer, by commune for province staff.</summary>
    public IReadOnlyList<CoverageLine> Coverage { get; private set; } = [];

    public bool CoverageByCommune { get; private set; }

    public string NextPageUrl => QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = Q,
        ["loc"] = Loc,
        ["thon"] = Thon?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["xa"] = Xa?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["trang"] = (Trang + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
    }).ToUriComponent();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var scope = ScopeFilter.ScopeOf(HttpContext);
        // A filter by a village or commune outside the scope would only list nothing; it is refused as such a
        // household page is, so the answer is the same whether the place exists or not.
        if ((Thon is { } thon && !await scope.Villages(db).AnyAsync(v => v.Id == thon, cancellationToken))
            || (Xa is { } xa && !await scope.Communes(db).AnyAsync(c => c.Id == xa, cancellationToken)))
        {
            return NotFound();
        }
        var filter = Loc switch
        {
            "da-phu" => HouseholdFilter.Covered,
            "chua-phu" => HouseholdFilter.NotCovered,
            "can-tham" => HouseholdFilter.NeedsVisit,
            "qua-han" => HouseholdFilter.Overdue,
            _ => HouseholdFilter.All,
        };
        Places = await PlaceChoice.LoadAsync(scope, db, Xa ?? await PlaceChoice.CommuneOfAsync(scope, db, Thon, cancellationToken), cancellationToken);
        if (Thon is { } chosen && Places.Villages.All(v => v.Id != chosen))
        {
            // Another commune was chosen in the filter: the village of the one before no longer applies.
            Thon = null;
        }
        Households = await directory.ListAsync(scope, Q, filter, Thon, Math.Max(0, Trang), cancellationToken, Xa);
        CoverageByCommune = scope.WholeProvince;
        Coverage = CoverageByCommune ? await coverage.ByCommuneAsync(scope, cancellationToken) : await coverage.ByVillageAsync(scope, cancellationToken);
        // The focus line comes from the table already computed when it has the same granularity.
        Focus = Thon is { } village ? (CoverageByCommune ? await coverage.ByVillageAsync(scope, cancellationToken) : Coverage).FirstOrDefault(l => l.Id == village)
            : Xa is { } commune ? (CoverageByCommune ? Coverage : await coverage.ByCommuneAsync(scope, cancellationToken)).FirstOrDefault(l => l.Id == commune)
            : null;
        Summary = $"{Coverage.Sum(c => c.Registered)} hộ đã đăng ký, {Coverage.Sum(c => c.Covered)} hộ đã có Công dân số, {Coverage.Sum(c => c.DigitalFamilies)} Gia đình số.";
        await audit.RecordAsync(users.GetUserId(User)!, "households.list", $"q={Q};loc={Loc};thon={Thon};trang={Trang}", cancellationToken);
        return Page();
    }
}
