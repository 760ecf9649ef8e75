using CdsLearn.Accounts;
using CdsLearn.Channels;
using CdsLearn.Data;
using CdsLearn.Geography;
using CdsLearn.Households;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Web.Pages.Channels;

/// <summary>A commune's channels, set by its officer or by province staff. The commune is the one of the address
/// (route only), loaded through the communes the user manages: any other is "not found", whatever the form says.</summary>
public class EditModel(ChannelService channels, ScopeService scopes, AppDbContext db, UserManager<AppUser> users) : PageModel
{
    [BindProperty]
    public ChannelInput Input { get; set; } = new();

    public Commune Commune { get; private set; } = null!;

    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromRoute] int communeId, [FromQuery(Name = "da-luu")] bool saved, CancellationToken cancellationToken)
    {
        if (await FindAsync(communeId, cancellationToken) is not { } commune)
        {
            return NotFound();
        }
        Commune = commune;
        Saved = saved;
        Input = new ChannelInput { ZaloUrl = commune.ZaloUrl, FeedbackUrl = commune.FeedbackUrl, FeedbackText = commune.FeedbackText };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] int communeId, CancellationToken cancellationToken)
    {
        if (await FindAsync(communeId, cancellationToken) is not { } commune)
        {
            return NotFound();
        }
        Commune = commune;
        var settings = Input.ToSettings();
        foreach (var (field, message) in ChannelRules.Validate(settings))
        {
            ModelState.AddModelError($"Input.{field}", message);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        await channels.SaveAsync(commune, settings, users.GetUserId(User)!, cancellationToken);
        return RedirectToPage("/Channels/Edit", new RouteValueDictionary { ["communeId"] = commune.Id, ["da-luu"] = "true" });
    }

    private async Task<Commune?> FindAsync(int communeId, CancellationToken cancellationToken) =>
        await (await scopes.ForAsync(User, cancellationToken)).ManagedCommunes(db).SingleOrDefaultAsync(c => c.Id == communeId, cancellationToken);
}

/// <summary>The form of the channel settings (a commune's, or the province's default without the Zalo field).</summary>
public sealed class ChannelInput
{
    public string? ZaloUrl { get; set; }
    public string? FeedbackUrl { get; set; }
    public string? FeedbackText { get; set; }

    public ChannelSettings ToSettings() => new(ZaloUrl, FeedbackUrl, FeedbackText);
}
