using CdsLearn.Contests;
using CdsLearn.Households;
using Microsoft.AspNetCore.Mvc;

namespace CdsLearn.Web.Pages.Contests;

/// <summary>The host's phone: the board and the buttons that move the contest on. Every button is a plain form, so
/// the host's screen works without JavaScript and a reload never ends the contest.</summary>
public class HostModel(ContestService contests, ContestBoard boards, ContestGame game, ScopeService scopes, ContestBroadcaster broadcaster) : BoardPageModel(contests, boards, scopes)
{
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostNextAsync(CancellationToken cancellationToken) => ActAsync(game.NextAsync, cancellationToken);

    public Task<IActionResult> OnPostLockAsync(CancellationToken cancellationToken) =>
        ActAsync((id, ct) => game.RevealAsync(id, early: true, ct), cancellationToken);

    public Task<IActionResult> OnPostRescueAsync(CancellationToken cancellationToken) => ActAsync(game.RescueAsync, cancellationToken);

    public Task<IActionResult> OnPostFinishAsync(CancellationToken cancellationToken) => ActAsync(game.FinishAsync, cancellationToken);

    /// <summary>A new link for the big screen (the old one, if any, stops working), or none: for a user who may run the
    /// contest only.</summary>
    public Task<IActionResult> OnPostScreenLinkAsync(CancellationToken cancellationToken) => SetScreenAsync(on: true, cancellationToken);

    public Task<IActionResult> OnPostScreenOffAsync(CancellationToken cancellationToken) => SetScreenAsync(on: false, cancellationToken);

    private async Task<IActionResult> SetScreenAsync(bool on, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }
        await Contests.SetScreenKeyAsync(Id, on, cancellationToken);
        return RedirectToPage("/Contests/Host", null, new { id = Id }, "man-hinh-lon");
    }

    private async Task<IActionResult> ActAsync(Func<int, CancellationToken, Task<bool>> action, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }
        // A step that no longer applies (a second tap, or the timer was first) changes nothing: show the board as it is.
        if (await action(Id, cancellationToken))
        {
            await broadcaster.ChangedAsync(Id, cancellationToken);
        }
        return RedirectToPage("/Contests/Host", new { id = Id });
    }
}
