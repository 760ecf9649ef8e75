using CdsLearn.Contests;
using CdsLearn.Households;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CdsLearn.Web.Pages.Contests;

/// <summary>The contests of the communes the user works in, and the way to make a new one.</summary>
public class IndexModel(ContestService contests) : PageModel
{
    public IReadOnlyList<ContestSummary> Contests { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Contests = await contests.ListAsync(ScopeFilter.ScopeOf(HttpContext), cancellationToken: cancellationToken);
}
