using CdsLearn.Contests;
using CdsLearn.Households;
using Microsoft.AspNetCore.Mvc;

namespace CdsLearn.Web.Pages.Contests;

/// <summary>
/// The big screen by its own link (/man-hinh/{key}): the TV at the culture house shows the board with no one signed in
/// on it and nothing but the board on screen. The key is the host's secret, made and ended on the host's page; any
/// other key finds nothing.
/// </summary>
public class DisplayModel(ContestService contests, ContestBoard boards, ScopeService scopes) : BoardPageModel(contests, boards, scopes)
{
    public async Task<IActionResult> OnGetAsync(string key, CancellationToken cancellationToken)
    {
        if (await Contests.FindByScreenKeyAsync(key, cancellationToken) is not { } contest)
        {
            return NotFound();
        }
        await ShowAsync(contest, cancellationToken);
        return Page();
    }
}
