using CdsLearn.Data;
using CdsLearn.Households;
using CdsLearn.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Web.Pages.Teams;

/// <summary>The teams in the user's scope, a page at a time; province staff narrow them to a commune first.</summary>
public class IndexModel(AppDbContext db) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(int Id, string Name, string Place, int Members);

    [BindProperty(SupportsGet = true, Name = PlaceChoice.CommuneKey)]
    public int? Xa { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Trang { get; set; }

    public PlaceChoice Places { get; private set; } = PlaceChoice.None;

    public IReadOnlyList<Row> Teams { get; private set; } = [];

    public bool HasNextPage { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var scope = ScopeFilter.ScopeOf(HttpContext);
        Trang = Math.Max(0, Trang);
        Places = await PlaceChoice.LoadAsync(scope, db, Xa, cancellationToken);
        var communes = scope.Communes(db).Select(c => c.Id);
        var teams = db.Teams.Where(t => scope.WholeProvince || communes.Contains(t.CommuneId));
        if (Places.ManyCommunes && Places.CommuneId is { } communeId)
        {
            teams = teams.Where(t => t.CommuneId == communeId);
        }
        var rows = await teams
            .OrderBy(t => t.Name).ThenBy(t => t.Id)
            .Select(t => new Row(
                t.Id, t.Name,
                (t.VillageId == null ? "Cả " : db.Villages.Where(v => v.Id == t.VillageId).Select(v => v.Name + ", ").First())
                    + db.Communes.Where(c => c.Id == t.CommuneId).Select(c => c.Name).First(),
                t.Members.Count))
            .Skip(Trang * PageSize)
            .Take(PageSize + 1)
            .ToListAsync(cancellationToken);
        HasNextPage = rows.Count > PageSize;
        Teams = rows.Take(PageSize).ToList();
    }
}
