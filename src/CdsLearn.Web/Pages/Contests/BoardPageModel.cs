using System.Security.Claims;
using CdsLearn.Certificates;
using CdsLearn.Contests;
using CdsLearn.Households;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CdsLearn.Web.Pages.Contests;

/// <summary>What the host's screen and the TV share: the contest's board, for a user who may run the contest
/// (else 404), and the join link with its QR.</summary>
public abstract class BoardPageModel(ContestService contests, ContestBoard boards, ScopeService scopes) : PageModel
{
    [FromRoute]
    public int Id { get; set; }

    public BoardView Board { get; private set; } = null!;

    public string JoinUrl { get; private set; } = "";

    public string QrSvg { get; private set; } = "";

    protected ContestService Contests => contests;

    /// <summary>Loads the board; false when there is no such contest or the user may not run it.</summary>
    protected async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var contest = await contests.FindAsync(Id, cancellationToken);
        if (contest is null || !await contests.MayHostAsync(contest, User.FindFirstValue(ClaimTypes.NameIdentifier), await scopes.ForAsync(User, cancellationToken), cancellationToken))
        {
            return false;
        }
        await ShowAsync(contest, cancellationToken);
        return true;
    }

    /// <summary>Loads the board of a contest the caller has already found the right to show.</summary>
    protected async Task ShowAsync(Contest contest, CancellationToken cancellationToken)
    {
        Id = contest.Id;
        ScreenKey = contest.ScreenKey;
        Board = (await boards.BoardAsync(contest.Id, cancellationToken))!;
        JoinUrl = Url.PageLink("/Contests/Play", values: new { code = contest.Code })!;
        QrSvg = CertificateQr.Svg(JoinUrl);
    }

    /// <summary>The big screen's own link secret, if the host made one.</summary>
    public string? ScreenKey { get; private set; }
}
