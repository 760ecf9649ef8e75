using System.Globalization;
using CdsLearn.Channels;
using CdsLearn.Web.Pages.Learning;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CdsLearn.Web.Pages.Channels;

/// <summary>"Kênh của xã" for anyone: pick the commune (a GET form, remembered in a cookie) and see its Zalo, where to
/// send feedback, and its teams. A signed-in learner of a household sees their own commune's first. Never cached on
/// the server: it depends on the visitor.</summary>
public class IndexModel(ChannelService channels, AssistedSession session) : PageModel
{
    /// <summary>The commune the visitor picked last.</summary>
    public const string CookieName = "kenh-xa";

    public IReadOnlyList<(int Id, string Name)> Communes { get; private set; } = [];

    public CommuneChannels? Channels { get; private set; }

    /// <summary>Shown because it is the commune of the learner's household.</summary>
    public bool IsOwnCommune { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "xa")] string? xa, CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "private, no-cache";
        Communes = await channels.CommunesAsync(cancellationToken);
        if (!string.IsNullOrEmpty(xa))
        {
            if (!int.TryParse(xa, NumberStyles.None, CultureInfo.InvariantCulture, out var picked))
            {
                return BadRequest();
            }
            Channels = await channels.ForCommuneAsync(picked, null, cancellationToken);
            if (Channels is null)
            {
                return NotFound();
            }
            Response.Cookies.Append(CookieName, picked.ToString(CultureInfo.InvariantCulture), new CookieOptions
            {
                MaxAge = TimeSpan.FromDays(365), HttpOnly = true, IsEssential = true, SameSite = SameSiteMode.Lax, Secure = Request.IsHttps,
            });
            return Page();
        }
        if ((await session.CurrentAsync(cancellationToken))?.UserId is { } userId && await channels.ForLearnerAsync(userId, cancellationToken) is { } own)
        {
            Channels = own;
            IsOwnCommune = true;
        }
        else if (int.TryParse(Request.Cookies[CookieName], NumberStyles.None, CultureInfo.InvariantCulture, out var remembered))
        {
            // A commune that no longer exists is simply not shown: the visitor picks again.
            Channels = await channels.ForCommuneAsync(remembered, null, cancellationToken);
        }
        return Page();
    }
}
