using CdsLearn.Data;
using CdsLearn.Households;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Web.Pages.Teams;

public class IndexModel(AppDbContext db) : PageModel
{
    public sealed record Row(int Id, string Name, string Place, int Members);

    public IReadOnlyList<Row> Teams { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var scope = ScopeFilter.ScopeOf(HttpContext);
        var communes = scope.Communes(db).Select(c => c.Id);
        Teams = await db.Teams.Where(t => scope.WholeProvince || communes.Contains(t.CommuneId))
            .OrderBy(t => t.Name)
            .Select(t => new Row(
                t.Id, t.Name,
                (t.VillageId == null ? "Cả " : db.Villages.Where(v => v.Id == t.VillageId).Select(v => v.Name + ", ").First())
                    + db.Communes.Where(c => c.Id == t.CommuneId).Select(c => c.Name).First(),
                t.Members.Count))
            .Take(500)
            .ToListAsync(cancellationToken);
    }
}
