using CdsLearn.Contests;
using CdsLearn.Households;
using Microsoft.AspNetCore.Mvc;

namespace CdsLearn.Web.Pages.Contests;

/// <summary>The big screen (a TV or a projector at the culture house): the code and QR, the question, the countdown,
/// how many answered, and the winners.</summary>
public class ScreenModel(ContestService contests, ContestBoard boards, ScopeService scopes) : BoardPageModel(contests, boards, scopes)
{
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();
}
